// Regression datasets in the studio: an epsilon-SVR, a value-coloured surface with a
// colour legend, R² and MSE.
const fs = require("fs");
const { test, expect } = require("@playwright/test");
const { openStudio, surfacePixels, surfaceChangedFrom, inkShare, importFile } = require("./helpers");

const num = async (page, id) => parseFloat(await page.getByTestId(id).textContent());

test("a regression dataset is fitted by an SVR, drawn by value and scored by R² and MSE", async ({ page, browser }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openStudio(page);
  const before = await surfacePixels(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Gaussians (regression)" });
  let pixels = await surfaceChangedFrom(page, before);
  await expect(page.getByTestId("test-r2")).toHaveText(/^-?\d\.\d{3}$/);
  await expect(page.getByRole("img", { name: /Colour legend: y from/ })).toBeVisible();
  // A linear SVR cannot follow the Gaussian bumps; an RBF one can.
  const linear = await num(page, "test-r2");
  expect(linear).toBeLessThan(0.3);
  await page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "rbf" });
  pixels = await surfaceChangedFrom(page, pixels);
  await page.getByRole("slider", { name: "C", exact: true }).fill("700"); // C ≈ 31.6
  pixels = await surfaceChangedFrom(page, pixels);
  await expect(page.locator("#c-value")).toHaveText(/^31\./);
  expect(await num(page, "test-r2")).toBeGreaterThan(0.8);
  expect(await num(page, "test-mse")).toBeGreaterThan(0);
  // ε: a wider tube needs fewer support vectors.
  const svs = await num(page, "support-vectors");
  await page.getByRole("slider", { name: "Epsilon" }).fill("700");
  pixels = await surfaceChangedFrom(page, pixels);
  expect(await num(page, "support-vectors")).toBeLessThan(svs);
  // The objective is the epsilon-insensitive loss, with the current C and ε filled in.
  const objective = page.getByTestId("objective");
  await expect(objective).toContainText(await page.locator("#epsilon-value").textContent());
  await expect(objective).toContainText(await page.locator("#c-value").textContent());
  // Classifiers say why they do not apply, and leave no other model's picture up.
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Logistic regression" });
  await expect(page.getByRole("alert")).toContainText("classifies");
  const drawn = () =>
    page.getByRole("img", { name: "Decision boundary" }).evaluate((c) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
  await expect.poll(drawn).toBe(0);
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "SVM" });
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect.poll(() => surfacePixels(page)).toBe(pixels);
  // The set-up travels in a link, ε included.
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: "Link" }).inputValue();
  expect(link).toContain("data=reg-gauss");
  expect(link).toContain("eps=");
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId("test-r2")).toHaveText(await page.getByTestId("test-r2").textContent());
  await expect.poll(() => surfacePixels(other)).toBe(pixels);
  await fresh.close();
  expect(errors).toEqual([]);
});

test("the network learns a regression set: R² rises, the loss falls, Reset starts again", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Plane (regression)" });
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("test-r2")).toHaveText(/^-?\d+\.\d{3}$/);
  const start = await num(page, "test-r2");
  await expect(page.getByRole("img", { name: "Network" })).toBeVisible();
  for (let i = 0; i < 30; i++) await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("30");
  const r2 = await num(page, "test-r2");
  expect(r2).toBeGreaterThan(Math.max(start, 0.9));
  const firstLoss = await num(page, "train-loss");
  for (let i = 0; i < 30; i++) await page.getByRole("button", { name: "Step" }).click();
  expect(await num(page, "train-loss")).toBeLessThan(firstLoss);
  // A network has no support vectors to count.
  await expect(page.getByTestId("support-vectors")).toHaveCount(0);
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("test-r2")).toHaveText(start.toFixed(3));
  await expect(page.getByRole("combobox", { name: "Horizontal axis" })).toHaveCount(0);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

const versions = (page) => page.getByRole("list", { name: "Versions" });
const notice = (page) => page.getByTestId("registry-notice");
const scores = async (page) => ({
  testR2: await page.getByTestId("test-r2").textContent(),
  trainR2: await page.getByTestId("train-r2").textContent(),
  testMse: await page.getByTestId("test-mse").textContent(),
});
async function save(page, label) {
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(notice(page)).toContainText(`Saved ${label}`);
}
/** Gaussians with an RBF SVR; returns the surface's pixels. */
async function rbfOnGaussians(page) {
  await openStudio(page);
  const before = await surfacePixels(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Gaussians (regression)" });
  const linear = await surfaceChangedFrom(page, before);
  await page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "rbf" });
  return surfaceChangedFrom(page, linear);
}

test("an SVR version restores its data, ε and fit without refitting, from classification too", async ({ page }) => {
  const pixels = await rbfOnGaussians(page);
  await page.getByRole("slider", { name: "Epsilon" }).fill("300");
  const saved = await surfaceChangedFrom(page, pixels);
  const eps = await page.locator("#epsilon-value").textContent();
  const before = await scores(page);
  await save(page, "SVM v1");
  const entry = versions(page).getByRole("listitem").filter({ hasText: "v1" });
  await expect(entry).toContainText(`test R² ${before.testR2}`);
  await expect(entry).toContainText("reg-gauss");
  // Move away: other ε, other data, then a classifier on classification data.
  await page.getByRole("slider", { name: "Epsilon" }).fill("800");
  await surfaceChangedFrom(page, saved);
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "k-NN" });
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Moons" });
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  await page.getByRole("button", { name: "Restore SVM v1" }).click();
  await expect(notice(page)).toContainText("Restored SVM v1");
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("reg-gauss");
  await expect.poll(() => surfacePixels(page)).toBe(saved);
  expect(await scores(page)).toEqual(before);
  await expect(page.locator("#epsilon-value")).toHaveText(eps);
  await expect(page.getByRole("combobox", { name: "Kernel" })).toHaveValue("rbf");
  // Not refitted: the fit counter stands still while the restored model is shown.
  const fits = await page.getByTestId("fit-count").textContent();
  await page.waitForTimeout(300);
  expect(await page.getByTestId("fit-count").textContent()).toBe(fits);
  // A change refits as usual.
  await page.getByRole("slider", { name: "Epsilon" }).fill("100");
  await surfaceChangedFrom(page, saved);
  expect(Number(await page.getByTestId("fit-count").textContent())).toBeGreaterThan(Number(fits));
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("a regression network restores its weights and epoch, and trains on", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Plane (regression)" });
  await expect(page.getByTestId("epoch")).toHaveText("0");
  for (let i = 0; i < 20; i++) await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("20");
  const pixels = await surfacePixels(page);
  const before = await scores(page);
  const loss = await page.getByTestId("train-loss").textContent();
  await save(page, "Neural network v1");
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await page.getByRole("button", { name: "Restore Neural network v1" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("20");
  await expect.poll(() => surfacePixels(page)).toBe(pixels);
  expect(await scores(page)).toEqual(before);
  await expect(page.getByTestId("train-loss")).toHaveText(loss);
  await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("21");
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("regression versions compare by R² and MSE, show where their values differ, and export and import", async ({ page, browser }, info) => {
  const rbf = await rbfOnGaussians(page);
  await save(page, "SVM v1");
  await page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "linear" });
  await surfaceChangedFrom(page, rbf);
  await save(page, "SVM v2");
  await page.getByRole("checkbox", { name: "Select SVM v1" }).check();
  await page.getByRole("checkbox", { name: "Select SVM v2" }).check();
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  const table = page.locator("table.compare-table");
  await expect(table.getByRole("row", { name: /^kernel/ })).toContainText("rbf");
  await expect(table.getByRole("row", { name: /Test R²/ })).toContainText("−0.");
  await expect(table.getByRole("row", { name: /Test MSE/ })).toContainText("+");
  await expect(table.getByRole("row", { name: /accuracy/ })).toHaveCount(0);
  await expect(page.locator(".compare-surface figcaption").first()).toContainText("test R²");
  for (const name of ["Decision boundary of SVM v1", "Decision boundary of SVM v2", "Disagreement map"]) {
    expect(await inkShare(page, name), name).toBeGreaterThan(0.3);
  }
  await expect(page.getByTestId("disagreement")).toHaveText(/differ by [\d.]+ on average over the plane; by more than [\d.]+ .* on \d+\.\d% of it/);
  // Both versions out, into a fresh profile, and back to the same surface.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const file = info.outputPath("regression.json");
  await (await download).saveAs(file);
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(json.versions.map((v) => v.params.kind)).toEqual(["svr", "svr"]);
  expect(json.versions[0].metrics.test_r2).toBeGreaterThan(0.5);
  expect(json.versions[0].metrics.train_accuracy).toBeNull();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openStudio(other);
  const chooser = other.waitForEvent("filechooser");
  await other.getByRole("button", { name: "Import", exact: true }).click();
  await (await chooser).setFiles(file);
  await expect(notice(other)).toContainText("Imported 2 version");
  await other.getByRole("button", { name: "Restore SVM v1" }).click();
  await expect.poll(() => surfacePixels(other)).toBe(rbf);
  await fresh.close();
});

test("k-NN and a decision tree fit regression data, and a tree version restores without refitting", async ({ page }) => {
  const rbf = await rbfOnGaussians(page);
  const model = page.getByRole("combobox", { name: "Model", exact: true });
  // Models that only classify say so.
  await model.selectOption({ label: "Logistic regression" });
  await expect(page.getByRole("alert")).toContainText("k-NN, Decision tree or Neural network");
  await expect(page.getByTestId("objective")).toHaveCount(0);
  await model.selectOption({ label: "k-NN" });
  await expect(page.getByRole("alert")).toHaveCount(0);
  const knn = await surfaceChangedFrom(page, rbf);
  expect(await num(page, "test-r2")).toBeGreaterThan(0.8);
  await page.getByRole("slider", { name: "Neighbours" }).fill("40");
  await surfaceChangedFrom(page, knn);
  await model.selectOption({ label: "Decision tree" });
  await expect(page.getByTestId("model-size")).toHaveText(/^\d+ · \d+$/);
  await expect(page.getByRole("combobox", { name: "Criterion" })).toHaveCount(0);
  await expect(page.getByText("Splits minimize the squared error")).toBeVisible();
  await expect(page.getByTestId("objective")).toContainText("min");
  const deep = await surfacePixels(page);
  await page.getByRole("slider", { name: "Max depth" }).fill("2"); // depth 3
  const shallow = await surfaceChangedFrom(page, deep);
  await expect(page.getByTestId("model-size")).toHaveText(/^\d+ · 3$/);
  const before = await scores(page);
  await save(page, "Decision tree v1");
  await page.getByRole("slider", { name: "Max depth" }).fill("11"); // depth 12
  await surfaceChangedFrom(page, shallow);
  await expect(page.getByTestId("model-size")).toHaveText(/^\d+ · ([4-9]|1[0-2])$/);
  await page.getByRole("button", { name: "Restore Decision tree v1" }).click();
  await expect(notice(page)).toContainText("Restored Decision tree v1");
  await expect.poll(() => surfacePixels(page)).toBe(shallow);
  expect(await scores(page)).toEqual(before);
  await expect(page.getByRole("slider", { name: "Max depth" })).toHaveValue("2");
  const fits = await page.getByTestId("fit-count").textContent();
  await page.waitForTimeout(300);
  expect(await page.getByTestId("fit-count").textContent()).toBe(fits);
  // Back on classification data the tree uses its classification criterion again.
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Moons" });
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  await expect(page.getByRole("combobox", { name: "Criterion" })).toHaveValue("gini");
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("an imported file with a numeric target is regression data: axes, target type, versions", async ({ page }) => {
  await openStudio(page);
  // Three features; the target is a smooth function of the first two plus a little of the third.
  const rows = ["u,v,w,height"];
  for (let i = 0; i < 240; i++) {
    const u = ((i * 37) % 100) / 10 - 5, v = ((i * 61) % 100) / 10 - 5, w = ((i * 13) % 50) / 10;
    rows.push(`${u},${v},${w},${(Math.sin(u) + 0.3 * v + 0.05 * w).toFixed(4)}`);
  }
  await importFile(page, "heights.csv", rows.join("\n"));
  await expect(page.getByRole("combobox", { name: "Target type" })).toHaveValue("numbers");
  await expect(page.getByTestId("test-r2")).toHaveText(/^-?\d\.\d{3}$/);
  await expect(page.getByRole("img", { name: /Colour legend: height from/ })).toBeVisible();
  await expect(page.getByText("192 training · 48 test")).toBeVisible(); // the studio opens at 80 % training
  await page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "rbf" });
  await expect.poll(async () => num(page, "test-r2")).toBeGreaterThan(0.9);
  // The SVM is an epsilon-SVR here too, with its ε and objective.
  await expect(page.getByRole("slider", { name: "Epsilon" })).toBeVisible();
  await expect(page.getByTestId("objective")).toContainText(await page.locator("#epsilon-value").textContent());
  // Three features: the plane can show any two; a regressor trains on those two.
  const uv = await surfacePixels(page);
  await expect(page.getByRole("radio", { name: /All 3 features/ })).toHaveCount(0);
  await page.getByRole("combobox", { name: "Vertical axis" }).selectOption({ label: "w" });
  await surfaceChangedFrom(page, uv);
  await expect.poll(async () => num(page, "test-r2")).toBeLessThan(0.9);
  await page.getByRole("combobox", { name: "Vertical axis" }).selectOption({ label: "v" });
  await expect.poll(() => surfacePixels(page)).toBe(uv);
  const before = await scores(page);
  await save(page, "SVM v1");
  // Elsewhere, then back: the file, its target type and the fit come back.
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Moons" });
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  await page.getByRole("button", { name: "Restore SVM v1" }).click();
  await expect(notice(page)).toContainText("Restored SVM v1");
  await expect.poll(() => surfacePixels(page)).toBe(uv);
  expect(await scores(page)).toEqual(before);
  // Whole numbers with few values are read as classes; the target type switches that.
  const labels = ["a,b,grade"];
  for (let i = 0; i < 60; i++) labels.push(`${i % 10},${(i * 7) % 10},${i % 3}`);
  await importFile(page, "grades.csv", labels.join("\n"));
  await expect(page.getByRole("combobox", { name: "Target type" })).toHaveValue("classes");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  await page.getByRole("combobox", { name: "Target type" }).selectOption("numbers");
  await expect(page.getByTestId("test-r2")).toHaveText(/^-?\d\.\d{3}$/);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("hovering the value surface tells the predicted value, and on a point its true value", async ({ page }) => {
  const pixels = await rbfOnGaussians(page);
  const surface = page.getByRole("img", { name: "Decision boundary" });
  const box = await surface.boundingBox();
  // Sweeping a row of the plane meets points (their true value and the prediction) and
  // gaps between them (the prediction there).
  const seen = { point: false, plane: false };
  for (let i = 0; i < 120 && !(seen.point && seen.plane); i++) {
    await page.mouse.move(box.x + box.width * (0.15 + i * 0.006), box.y + box.height * 0.3);
    const text = (await page.getByTestId("hover-info").textContent().catch(() => "")) || "";
    if (/^(training|test) point: x1 = .*, x2 = .* · true y -?[\d.]+ · predicted -?[\d.]+$/.test(text)) seen.point = true;
    if (/^x1 = .*, x2 = .* · predicted y -?[\d.]+$/.test(text)) seen.plane = true;
  }
  expect(seen).toEqual({ point: true, plane: true });
  await page.mouse.move(box.x - 20, box.y - 20);
  await expect(page.getByTestId("hover-info")).toHaveCount(0);
  // Hiding the test points redraws without them; showing them brings the picture back.
  await page.getByRole("checkbox", { name: "Show test data" }).uncheck();
  await surfaceChangedFrom(page, pixels);
  await page.getByRole("checkbox", { name: "Show test data" }).check();
  await expect.poll(() => surfacePixels(page)).toBe(pixels);
});

test("test points have a dark edge, so mid-scale values show on the white middle of the scale", async ({ page }) => {
  await page.addInitScript(() => {
    const P = CanvasRenderingContext2D.prototype;
    window.__edges = 0;
    const { stroke } = P;
    P.stroke = function (...a) {
      if (this.strokeStyle === "rgba(40, 40, 48, 0.7)") window.__edges++;
      return stroke.apply(this, a);
    };
  });
  await page.goto("./#data=reg-gauss&model=svm&kernel=rbf");
  await expect(page.getByTestId("test-r2")).toHaveText(/\d/);
  const test = Number((await page.getByTestId("point-count").textContent()).match(/(\d+) test/)[1]);
  expect(test).toBeGreaterThan(50);
  expect(await page.evaluate(() => window.__edges)).toBeGreaterThanOrEqual(test);
});
