// One-click lessons set up their teaching moment; the surface toggles work.
const { test, expect } = require("@playwright/test");
const { openStudio, surfacePixels, surfaceChangedFrom } = require("./helpers");

const pct = async (page, id) => parseFloat(await page.getByTestId(id).textContent());

test("each lesson loads its dataset and model and says what to look at", async ({ page }) => {
  await openStudio(page);
  const lessons = page.getByRole("navigation", { name: "Lessons" }).getByRole("button");
  await expect(lessons).toHaveCount(7);

  await lessons.nth(0).click();
  await expect(page.getByTestId("lesson")).toContainText("margin");
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("gauss");
  await expect(page.getByRole("combobox", { name: "Model", exact: true })).toHaveValue("svm");
  await expect(page.locator("#c-value")).toHaveText("0.010");

  await lessons.nth(1).click();
  await expect(page.getByRole("combobox", { name: "Kernel" })).toHaveValue("rbf");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  // overfitting: the training score beats the test score
  expect(await pct(page, "train-accuracy")).toBeGreaterThan(await pct(page, "test-accuracy"));

  await lessons.nth(2).click();
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("xor");
  await expect(page.getByTestId("hidden-layers")).toHaveText("none");
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(async () => parseInt(await page.getByTestId("epoch").textContent(), 10)).toBeGreaterThan(200);
  await page.getByRole("button", { name: "Pause" }).click();
  expect(await pct(page, "test-accuracy")).toBeLessThan(80);
  // Its promise: a hidden layer of four neurons solves it.
  await page.getByRole("button", { name: "Add hidden layer" }).click();
  await page.getByRole("button", { name: "Add neuron to layer 1" }).click();
  await page.getByRole("button", { name: "Add neuron to layer 1" }).click();
  await expect(page.getByTestId("hidden-layers")).toHaveText("4");
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(() => pct(page, "test-accuracy"), { timeout: 20_000 }).toBeGreaterThanOrEqual(95);
  await page.getByRole("button", { name: "Pause" }).click();

  await lessons.nth(3).click();
  await expect(page.locator("#learning-rate-value")).toHaveText("3.00");
  await expect(page.getByTestId("epoch")).toHaveText("0");
  // It really diverges, and says so; a lower rate then learns.
  await page.getByRole("button", { name: "Play" }).click();
  await expect(page.getByRole("alert")).toContainText("diverged");
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  // The alert agrees with the counter and gives its advice once.
  const shown = await page.getByTestId("epoch").textContent();
  const alert = await page.getByRole("alert").textContent();
  expect(alert).toMatch(/^Training was stopped: training diverged during epoch \d+ \(.* became infinite or NaN\); lower the learning rate\. The network is kept as it was after epoch \d+; press Reset to start again\.$/);
  expect(alert).toContain(`after epoch ${shown};`);
  expect(alert.match(/learning rate/gi)).toHaveLength(1);
  await page.getByRole("slider", { name: "Learning rate" }).fill("777"); // η ≈ 0.3
  await expect(page.locator("#learning-rate-value")).toHaveText(/^0\.3/);
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  for (let i = 0; i < 30; i++) await page.getByRole("button", { name: "Step" }).click();
  expect(await pct(page, "test-accuracy")).toBeGreaterThan(90);

  await lessons.nth(4).click();
  await expect(page.getByRole("combobox", { name: "Model", exact: true })).toHaveValue("knn");
  expect(await pct(page, "train-accuracy")).toBe(100);
});

test("Discretize switches the surface to hard regions and back", async ({ page }) => {
  await openStudio(page);
  const soft = await surfacePixels(page);
  await page.getByRole("checkbox", { name: "Discretize" }).check();
  const hard = await surfaceChangedFrom(page, soft);
  await page.getByRole("checkbox", { name: "Discretize" }).uncheck();
  await surfaceChangedFrom(page, hard);
});

test("the regression lessons: the epsilon tube and a tree's staircase", async ({ page }) => {
  await openStudio(page);
  const lessons = page.getByRole("navigation", { name: "Lessons" }).getByRole("button");
  const num = async (id) => parseFloat(await page.getByTestId(id).textContent());
  // The tube: with ε tiny every training point is a support vector; a wider tube keeps
  // only the points outside it, and R² hardly moves.
  await lessons.nth(5).click();
  await expect(page.getByTestId("lesson")).toContainText("ε");
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("reg-plane");
  await expect(page.getByTestId("support-vectors")).toHaveText("250");
  const r2 = await num("test-r2");
  await page.getByRole("slider", { name: "Epsilon" }).fill("600"); // ε ≈ 0.17
  await expect.poll(() => num("support-vectors")).toBeLessThan(50);
  expect(Math.abs((await num("test-r2")) - r2)).toBeLessThan(0.01);
  // The staircase: four steps at depth 2; deeper, test R² rises, then falls as the leaves
  // fit the noise while training R² reaches 1.
  await lessons.nth(6).click();
  await expect(page.getByRole("combobox", { name: "Model", exact: true })).toHaveValue("tree");
  await expect(page.getByTestId("model-size")).toHaveText("4 · 2");
  const shallow = await num("test-r2");
  await page.getByRole("slider", { name: "Max depth" }).fill("3"); // depth 4
  await expect.poll(() => num("test-r2")).toBeGreaterThan(shallow);
  const best = await num("test-r2");
  await page.getByRole("slider", { name: "Max depth" }).fill("19"); // depth 20
  await expect.poll(() => num("train-r2")).toBeGreaterThan(0.99);
  expect(await num("test-r2")).toBeLessThan(best);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("a lesson starts from the defaults plus its own settings, not from what came before", async ({ page }) => {
  await openStudio(page);
  const lessons = page.getByRole("navigation", { name: "Lessons" }).getByRole("button");
  await lessons.nth(1).click(); // gamma 60
  await expect(page.locator("#gamma-value")).toHaveText("60.0");
  await page.getByRole("combobox", { name: "Kernel" }).selectOption("poly");
  await lessons.nth(5).click(); // the epsilon tube: a linear SVR
  await expect(page.getByRole("combobox", { name: "Kernel" })).toHaveValue("linear");
  await expect(page.locator("#gamma-value")).toHaveText(/\(scale\)$/);
  await expect(page.locator("#c-value")).toHaveText("1.00");
});

test("support vectors per class are labelled, also when classes are named by numbers", async ({ page }) => {
  await openStudio(page);
  const svs = page.getByTestId("support-vectors-per-class");
  await expect(svs).toHaveText("Support vectors per class: setosa: 5 · versicolor: 32 · virginica: 28");
  await page.getByRole("combobox", { name: "Dataset" }).selectOption("moons");
  await expect(svs).toHaveText(/^Support vectors per class: class 0: \d+ · class 1: \d+$/);
});

test("each lesson keeps the promise its text makes", async ({ page }) => {
  await openStudio(page);
  const lessons = page.getByRole("navigation", { name: "Lessons" }).getByRole("button");
  const num = async (id) => parseFloat(await page.getByTestId(id).textContent());
  // C: a small C has many support vectors inside a wide margin; dragged right, fewer.
  await lessons.nth(0).click();
  await expect(page.getByTestId("support-vectors")).toHaveText(/\d/);
  const wide = await num("support-vectors");
  await page.getByRole("slider", { name: "C", exact: true }).fill("1000"); // C = 1000
  await expect.poll(() => num("support-vectors")).toBeLessThan(wide / 2);
  // Gamma: at 60 the boundary wraps single points (training beats test); dragged left
  // to γ = 1 the test score recovers.
  await lessons.nth(1).click();
  await expect(page.locator("#gamma-value")).toHaveText("60.0");
  const overfit = await pct(page, "test-accuracy");
  expect(await pct(page, "train-accuracy")).toBeGreaterThan(overfit + 10);
  await page.getByRole("slider", { name: "Gamma" }).fill("600"); // γ = 1
  await expect.poll(() => pct(page, "test-accuracy")).toBeGreaterThan(overfit + 5);
  // Neighbours: k = 1 fits every noisy point; more neighbours average the noise out.
  await lessons.nth(4).click();
  expect(await pct(page, "train-accuracy")).toBe(100);
  const one = await pct(page, "test-accuracy");
  expect(one).toBeLessThan(100);
  await page.getByRole("slider", { name: "Neighbours" }).fill("15");
  await expect.poll(() => pct(page, "test-accuracy")).toBeGreaterThan(one);
});
