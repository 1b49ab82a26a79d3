// The UI contract: every control has an accessible name, every canvas is an image with
// a label, in every model's panel.
const { test, expect } = require("@playwright/test");
const { openStudio } = require("./helpers");

async function unnamedControls(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll("input, select, button, canvas")) {
      if (el.closest("[aria-hidden=true]")) continue;
      if (el.tagName === "CANVAS") {
        if (el.getAttribute("role") !== "img" || !el.getAttribute("aria-label")) bad.push(el.outerHTML.slice(0, 80));
        continue;
      }
      const labelled =
        el.getAttribute("aria-label") ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)) ||
        el.closest("label") ||
        (el.tagName === "BUTTON" && el.textContent.trim());
      if (!labelled) bad.push(el.outerHTML.slice(0, 80));
    }
    return bad;
  });
}

test("every control and canvas is named, in every model's panel", async ({ page }) => {
  await openStudio(page);
  for (const model of ["svm", "linear-svm-gd", "logistic", "mlp", "knn", "tree"]) {
    await page.getByRole("combobox", { name: "Model", exact: true }).selectOption(model);
    expect(await unnamedControls(page), model).toEqual([]);
  }
  await page.getByRole("combobox", { name: "Dataset" }).selectOption("drawn");
  expect(await unnamedControls(page), "drawn").toEqual([]);
});

test("the controls can be used from the keyboard", async ({ page }) => {
  await openStudio(page);
  const c = page.getByRole("slider", { name: "C", exact: true });
  await c.focus();
  const before = await page.locator("#c-value").textContent();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.locator("#c-value")).not.toHaveText(before);
  await page.getByRole("combobox", { name: "Kernel" }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("combobox", { name: "Kernel" })).toHaveValue("rbf");
});
