// Undo and Redo (#16): buttons, Ctrl+Z / Ctrl+Shift+Z, over the same entries the
// browser's Back and Forward walk; Undo stops at the page's first state.
const { test, expect } = require("@playwright/test");
const { openStudio } = require("./helpers");

test("undo and redo walk data and settings changes, the same list as Back and Forward", async ({ page }) => {
  await openStudio(page);
  const undo = page.getByRole("button", { name: "Undo" });
  const redo = page.getByRole("button", { name: "Redo" });
  const model = page.getByRole("combobox", { name: "Model", exact: true });
  const dataset = page.getByRole("combobox", { name: "Dataset" });
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();
  await model.selectOption({ label: "k-NN" });
  await page.waitForTimeout(600);
  await dataset.selectOption({ label: "Moons" });
  await page.waitForTimeout(600);
  await undo.click();
  await expect(dataset).toHaveValue("iris");
  await expect(model).toHaveValue("knn");
  await page.keyboard.press("Control+z");
  await expect(model).toHaveValue("svm");
  await expect(undo).toBeDisabled();
  // Undo never leaves the page.
  await page.keyboard.press("Control+z");
  await page.waitForTimeout(300);
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  await redo.click();
  await expect(model).toHaveValue("knn");
  await page.keyboard.press("Control+Shift+Z");
  await expect(dataset).toHaveValue("moons");
  await expect(redo).toBeDisabled();
  // Back is Undo.
  await page.goBack();
  await expect(dataset).toHaveValue("iris");
  await page.goForward();
  await expect(dataset).toHaveValue("moons");

  // A change still settling is undone at once, not the one before it.
  const c = page.getByRole("slider", { name: "Neighbours" });
  const before = await page.locator("#knn-k-value").textContent();
  await c.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.locator("#knn-k-value")).not.toHaveText(before);
  await page.keyboard.press("Control+z");
  await expect(page.locator("#knn-k-value")).toHaveText(before);
  await expect(dataset).toHaveValue("moons");

  // A new change after Undo drops the entries ahead.
  await page.keyboard.press("Control+z");
  await expect(dataset).toHaveValue("iris");
  await model.selectOption({ label: "Decision tree" });
  await page.waitForTimeout(600);
  await expect(redo).toBeDisabled();
  await undo.click();
  await expect(model).toHaveValue("knn");

  // Typing fields keep their own undo.
  const seed = page.getByRole("spinbutton", { name: "Seed" });
  await seed.fill("77");
  await seed.press("Control+z");
  await expect(model).toHaveValue("knn");
});
