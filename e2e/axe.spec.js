// axe-core's WCAG 2.1 A/AA rules on every view: the studio with each model's panel, the
// model comparison, the sweeps, a saved version, an embed and each lesson. No serious
// or critical violation. (The page's content policy would refuse an injected script,
// so this file alone bypasses it.)
const fs = require("node:fs");
const { test, expect } = require("@playwright/test");
const { openStudio } = require("./helpers");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
test.use({ bypassCSP: true });

/** Serious and critical violations on the page now, as "rule: target" lines. */
async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${n.failureSummary.split("\n")[1] ?? ""}`));
}

test("the studio, every model's panel, a saved version, the comparison and the sweeps", async ({ page }) => {
  await openStudio(page);
  expect(await violations(page), "studio").toEqual([]);
  for (const model of ["linear-svm-gd", "logistic", "mlp", "knn", "tree", "svm"]) {
    await page.getByRole("combobox", { name: "Model", exact: true }).selectOption(model);
    await expect(page.getByTestId("test-accuracy")).toHaveText(/^\d{1,3}\.\d%$/);
    expect(await violations(page), model).toEqual([]);
  }
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByRole("button", { name: /^Restore / })).toHaveCount(1);
  await page.getByRole("button", { name: "Compare models" }).click();
  await expect(page.getByTestId("model-grid-time")).toHaveText(/^All 24 cells/, { timeout: 20_000 });
  await page.getByRole("button", { name: "Sweeps" }).click();
  await expect(page.locator(".sweep .sweep-status").first()).toHaveText(/ points in /, { timeout: 30_000 });
  expect(await violations(page), "versions, comparison and sweeps").toEqual([]);
});

test("an embed and every lesson", async ({ page }) => {
  await page.goto("./?embed=surface,scores&controls=C,Gamma#data=moons&model=svm&kernel=rbf");
  await expect(page.getByRole("img", { name: "Decision boundary" })).toBeVisible();
  expect(await violations(page), "embed").toEqual([]);
  await openStudio(page);
  const lessons = page.getByRole("navigation", { name: "Lessons" }).getByRole("button");
  for (let i = 0; i < (await lessons.count()); i++) {
    await lessons.nth(i).click();
    await expect(page.locator(".lesson-text")).not.toBeEmpty();
    await expect(page.getByTestId("frame-time")).toContainText("ms");
    expect(await violations(page), await lessons.nth(i).textContent()).toEqual([]);
  }
});
