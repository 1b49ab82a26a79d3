// Compare models: scikit-learn's classifier comparison, live, fitted in the worker pool.
const { test, expect } = require("@playwright/test");
const { openStudio } = require("./helpers");

const MODELS = ["SVM (linear)", "SVM (rbf)", "Logistic regression", "k-NN", "Decision tree", "Neural network"];

test("every model on every dataset fills in, matches the studio, follows the settings and opens a cell", async ({ page }) => {
  await openStudio(page);
  const studioAccuracy = await page.getByTestId("test-accuracy").textContent();
  await page.getByRole("button", { name: "Compare models" }).click();
  const grid = page.getByRole("region", { name: "Model comparison" });
  await expect(grid).toBeVisible();
  for (const data of ["Iris", "Moons", "Circle", "Linearly separable"]) {
    for (const model of MODELS) await expect(grid.getByRole("img", { name: `${model} on ${data}`, exact: true })).toHaveCount(1);
  }
  const time = grid.getByTestId("model-grid-time");
  await expect(time).toHaveText(/^All 24 cells in \d+\.\d\d s\.$/, { timeout: 20_000 });
  // The linear SVM on iris's two shown features is the studio's own default model.
  const cell = (name) => grid.getByRole("button", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) });
  await expect(cell("SVM (linear) on Iris").locator(".cell-score")).toHaveText(studioAccuracy);
  for (const model of MODELS) await expect(cell(`${model} on Moons`).locator(".cell-score")).toHaveText(/^\d{1,3}\.\d%$/);
  // Fewer rows on request; a new seed refits every row.
  await page.getByRole("checkbox", { name: "Moons, circle and linearly separable too" }).uncheck();
  await expect(time).toHaveText(/^All 6 cells in/);
  await page.getByRole("checkbox", { name: "Moons, circle and linearly separable too" }).check();
  await expect(time).toHaveText(/^All 24 cells in/, { timeout: 20_000 });
  const before = await cell("k-NN on Circle").locator("canvas").evaluate((c) => c.toDataURL());
  await page.getByRole("button", { name: "Regenerate" }).click();
  await expect.poll(() => cell("k-NN on Circle").locator("canvas").evaluate((c) => c.toDataURL()), { timeout: 20_000 }).not.toBe(before);
  await expect(time).toHaveText(/^All 24 cells in/, { timeout: 20_000 });
  // A click opens that model on that data.
  await cell("k-NN on Circle").click();
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("circle");
  await expect(page.getByRole("combobox", { name: "Model", exact: true })).toHaveValue("knn");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("without a worker the comparison is fitted on the page's thread, every cell", async ({ page }) => {
  // The worker's script fails to load after the first jobs were handed to it: they come
  // back and run here (they waited for ever before).
  await page.route("**/compute_worker.js", (r) => r.abort());
  await openStudio(page);
  await page.getByRole("button", { name: "Compare models" }).click();
  const grid = page.getByRole("region", { name: "Model comparison" });
  await expect(grid.getByTestId("model-grid-time")).toHaveText(/^All 24 cells in \d+\.\d\d s\.$/, { timeout: 30_000 });
});
