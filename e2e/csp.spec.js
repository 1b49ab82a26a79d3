// The Content-Security-Policy (index.html, written at build time with the inline
// scripts' hashes): no violation anywhere a user can go, and no request off the origin.
const { test, expect } = require("@playwright/test");
const { openStudio, watchPage } = require("./helpers");

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

const violations = (page) => page.evaluate(() => window.__violations);

test("the studio, every model, the lessons, training, versions and both comparisons run under the policy", async ({ page, baseURL }) => {
  const problems = watchPage(page, baseURL);
  await openStudio(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  for (const part of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    expect(policy).toContain(part);
  }
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).not.toContain("'unsafe-inline'");
  const model = page.getByRole("combobox", { name: "Model", exact: true });
  for (const label of ["Linear SVM (gradient descent)", "Logistic regression", "k-NN", "Decision tree", "Neural network", "SVM"]) {
    await model.selectOption({ label });
    await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  }
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Wine" });
  await expect(page.getByTestId("point-count")).toContainText("training");
  await model.selectOption({ label: "Neural network" });
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(async () => Number(await page.getByTestId("epoch").textContent())).toBeGreaterThan(200);
  await page.getByRole("button", { name: "Pause" }).click();
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("registry-notice")).toContainText("Saved Neural network v1");
  await model.selectOption({ label: "SVM" });
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("registry-notice")).toContainText("Saved SVM v1");
  await page.getByRole("checkbox", { name: "Select Neural network v1" }).check();
  await page.getByRole("checkbox", { name: "Select SVM v1" }).check();
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await page.getByRole("button", { name: "Compare models" }).click();
  await expect(page.getByTestId("model-grid-time")).toHaveText(/^All \d+ cells/, { timeout: 20_000 });
  const lessons = page.getByRole("navigation", { name: "Lessons" }).getByRole("button");
  for (let i = 0; i < (await lessons.count()); i++) {
    await lessons.nth(i).click();
    await expect(page.getByTestId("lesson")).not.toBeEmpty();
  }
  expect(await violations(page)).toEqual([]);
  expect(problems.foreignRequests).toEqual([]);
});

test("an embed and the embed demo page run under the policy", async ({ page, baseURL }) => {
  const problems = watchPage(page, baseURL);
  await page.goto("./?embed=surface,network,loss,metrics,objective&controls=C,Learning%20rate#data=circle&model=mlp");
  await expect(page.getByRole("img", { name: "Decision boundary" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.goto("./embed-demo.html");
  const frame = page.frameLocator("iframe").first();
  await expect(frame.getByRole("img", { name: "Decision boundary" })).toBeVisible();
  for (const f of page.frames()) expect(await f.evaluate(() => window.__violations ?? [])).toEqual([]);
  expect(problems.foreignRequests).toEqual([]);
});

test("no inline style is needed: hover, the keyboard cursor, legends, the import preview and the sweeps", async ({ page }) => {
  await openStudio(page);
  const surface = page.getByRole("img", { name: "Decision boundary" });
  const box = await surface.boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
  await expect(page.getByTestId("hover-info")).toBeVisible();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.4);
  await expect(page.getByTestId("hover-info")).toBeVisible();
  await surface.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("key-cursor")).toBeVisible();
  // Where the styles were set as properties, they still apply.
  expect(await page.getByTestId("key-cursor").evaluate((e) => e.style.left)).toMatch(/px$/);
  const cell = page.getByRole("table", { name: "Confusion matrix" }).locator("tbody td").first();
  expect(await cell.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
  await page.getByRole("button", { name: "Sweeps" }).click();
  await expect(page.locator(".sweep .sweep-status").first()).toHaveText(/points in/, { timeout: 30_000 });
  await page.getByRole("button", { name: "Compare models" }).click();
  await expect(page.getByTestId("model-grid-time")).toHaveText(/^All \d+ cells/, { timeout: 20_000 });
  await page.getByRole("button", { name: "Example: penguins" }).click();
  await expect(page.getByRole("dialog", { name: "Import preview" }).getByTestId("import-report")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Gaussians (regression)" });
  const legend = page.getByRole("img", { name: /^Colour legend/ });
  await expect(legend).toBeVisible();
  expect(await legend.locator(".value-bar").evaluate((e) => getComputedStyle(e).backgroundImage)).toContain("linear-gradient");
  expect(await violations(page)).toEqual([]);
});
