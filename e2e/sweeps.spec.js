// Sweeps: the validation heatmap, validation curves and the learning curve, scored in
// the worker pool on the studio's own data and settings.
const { test, expect } = require("@playwright/test");
const { openStudio, watchPage } = require("./helpers");

test("the heatmap fills in, agrees with the studio on the test part and sets C and γ with a click", async ({ page, baseURL }) => {
  const problems = watchPage(page, baseURL);
  await openStudio(page);
  await page.getByRole("button", { name: "Sweeps" }).click();
  const sweeps = page.getByRole("region", { name: "Parameter sweeps" });
  for (const name of ["Validation heatmap", "Validation curve", "Learning curve"]) {
    await expect(sweeps.getByRole("img", { name })).toBeVisible();
  }
  const heat = sweeps.locator("figure", { has: page.getByRole("img", { name: "Validation heatmap" }) });
  await expect(heat.locator(".sweep-status")).toHaveText(/^121 points in \d+\.\d\d s\.$/, { timeout: 30_000 });
  await expect(heat.getByRole("button", { name: /^Use the best: C = [\d.]+, γ = [\d.e-]+ \(\d{1,3}\.\d%\)$/ })).toBeVisible();
  await expect(sweeps.getByRole("img", { name: "Validation heatmap" })).toHaveAccessibleDescription(
    /^Mean validation score for each C \(rows, 0\.01 to 1000\) and γ \(columns, 0\.001 to 100\), 121 of 121 scored\. The best mean validation score, \d{1,3}\.\d%, is at C = [\d.]+ and γ = [\d.e-]+\.$/,
  );
  const learning = sweeps.locator("figure", { has: page.getByRole("img", { name: "Learning curve" }) });
  await expect(learning.locator(".sweep-status")).toHaveText(/^10 points in/, { timeout: 30_000 });
  await expect(learning.locator(".curve.test circle")).toHaveCount(10);
  await expect(sweeps.getByRole("img", { name: "Learning curve" })).toHaveAccessibleDescription(
    /^Training and validation scores against training rows, from \d+ to \d+: validation \d{1,3}\.\d% to \d{1,3}\.\d%, training \d{1,3}\.\d% to \d{1,3}\.\d%\. The validation score is highest, \d{1,3}\.\d%, at \d+\.$/,
  );

  // Scored on the test part, a cell's score is the studio's test accuracy at its C and γ.
  await sweeps.getByRole("combobox", { name: "Validate on" }).selectOption("0");
  await expect(heat.locator(".sweep-status")).toHaveText(/^121 points in/, { timeout: 30_000 });
  const cell = heat.locator("rect.heat-cell").nth(4 * 11 + 4); // C = 1, γ = 0.1
  await expect(cell.locator("title")).toHaveText(/^C = 1\.00, γ \(gamma\) = 0\.100: \d{1,3}\.\d%$/);
  await cell.click({ force: true });
  await expect(page.getByRole("combobox", { name: "Kernel" })).toHaveValue("rbf");
  await expect(page.locator("#c-value")).toHaveText("1.00");
  await expect(page.locator("#gamma-value")).toHaveText("0.100");
  const studio = page.getByTestId("test-accuracy");
  await expect(studio).toHaveText(/^\d{1,3}\.\d%$/);
  const cellScore = async () => (await cell.locator("title").textContent()).split(": ")[1];
  await expect.poll(cellScore).toBe(await studio.textContent());
  // The mark moved; the cells did not refit (C and γ are what the heatmap varies).
  await expect(heat.locator(".sweep-status")).toHaveText(/^121 points in/);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.foreignRequests).toEqual([]);
});

test("a validation curve follows the model, offers its best value, and a sweep can be cancelled and run again", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("button", { name: "Sweeps" }).click();
  const sweeps = page.getByRole("region", { name: "Parameter sweeps" });
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption("knn");
  await expect(sweeps.getByText("The validation heatmap is the SVM's")).toBeVisible();
  const curve = sweeps.locator("figure", { has: page.getByRole("img", { name: "Validation curve" }) });
  await expect(curve.getByRole("combobox", { name: "Parameter" })).toHaveValue("0");
  await expect(curve.locator(".sweep-status")).toHaveText(/^20 points in/, { timeout: 30_000 });
  const best = curve.getByRole("button", { name: /^Use the best: k \(neighbours\) = \d+ \(\d{1,3}\.\d%\)$/ });
  const k = (await best.textContent()).match(/= (\d+)/)[1];
  await best.click();
  await expect(page.locator("#knn-k-value")).toHaveText(k);

  // The network is slow enough to cancel: 8 widths × 10 folds × 500 epochs.
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption("mlp");
  await sweeps.getByRole("combobox", { name: "Validate on" }).selectOption("10");
  await expect(curve.getByRole("combobox", { name: "Parameter" })).toHaveValue("0");
  await curve.getByRole("button", { name: "Cancel" }).click();
  const status = curve.locator(".sweep-status");
  await expect(status).toHaveText(/^Cancelled at \d of 8 points\.Run again$/);
  const cancelled = await status.textContent();
  await page.waitForTimeout(1500);
  await expect(status).toHaveText(cancelled);
  await curve.getByRole("button", { name: "Run again" }).click();
  await expect(status).toContainText("Scoring");
  await expect(status).toHaveText(/^8 points in/, { timeout: 60_000 });
  await expect(curve.locator(".curve.test circle")).toHaveCount(8);
});
