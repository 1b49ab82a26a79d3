// Regression datasets in the studio: an epsilon-SVR, a value-coloured surface with a
// colour legend, R² and MSE.
const { test, expect } = require("@playwright/test");
const { openStudio, surfacePixels, surfaceChangedFrom } = require("./helpers");

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
  // Classifiers say why they do not apply.
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "k-NN" });
  await expect(page.getByRole("alert")).toContainText("classifies");
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
  // Saving says plainly that regression versions are not kept yet.
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("registry-notice")).toContainText("Regression models cannot be saved");
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
  await expect(page.getByTestId("support-vectors")).toHaveText("—");
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("test-r2")).toHaveText(start.toFixed(3));
  await expect(page.getByRole("combobox", { name: "Horizontal axis" })).toHaveCount(0);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});
