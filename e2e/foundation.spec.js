// The foundation: the seed article's iris SVM, live in the browser.
const { test, expect } = require("@playwright/test");
const { watchPage, openStudio, surfacePixels, surfaceChangedFrom } = require("./helpers");

test("page loads with no console error and no request outside its origin", async ({ page, baseURL }) => {
  const problems = watchPage(page, baseURL);
  await openStudio(page);
  await page.waitForLoadState("networkidle");
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
  expect(problems.foreignRequests).toEqual([]);
});

test("shows the seed example's scores: accuracy as a percentage and support vectors", async ({ page }) => {
  await openStudio(page);
  // scikit-learn's SVC(kernel="linear", C=1) on the same split and the two shown features.
  await expect(page.getByTestId("test-accuracy")).toHaveText("83.3%");
  await expect(page.getByTestId("train-accuracy")).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(page.getByTestId("support-vectors")).toHaveText("65");
  await expect(page.getByRole("combobox", { name: "Kernel" })).toHaveValue("linear");
  await expect(page.getByRole("img", { name: "Decision boundary" })).toBeVisible();
  await expect(page.getByTestId("slice-note")).toContainText("only the two shown features");
});

test("the whole-data model matches scikit-learn on all four features", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("radio", { name: "All 4 features" }).check();
  await expect(page.getByTestId("test-accuracy")).toHaveText("93.3%");
  await expect(page.getByTestId("support-vectors")).toHaveText("23");
  await expect(page.getByTestId("slice-note")).toContainText("held at their training means");
});

test("moving the C slider retrains: pixels and numbers change", async ({ page }) => {
  await openStudio(page);
  const before = await surfacePixels(page);
  const svBefore = await page.getByTestId("support-vectors").textContent();
  const c = page.getByRole("slider", { name: "C", exact: true });
  await c.fill("0");
  await expect(page.locator("#c-value")).toHaveText("0.010");
  await expect(page.getByTestId("support-vectors")).not.toHaveText(svBefore);
  await surfaceChangedFrom(page, before);
});

test("changing the kernel retrains: pixels and numbers change", async ({ page }) => {
  await openStudio(page);
  const before = await surfacePixels(page);
  const svBefore = await page.getByTestId("support-vectors").textContent();
  await page.getByRole("combobox", { name: "Kernel" }).selectOption("rbf");
  await expect(page.getByTestId("support-vectors")).not.toHaveText(svBefore);
  const rbf = await surfaceChangedFrom(page, before);
  // gamma now matters: moving it changes the picture again
  await expect(page.getByRole("slider", { name: "Gamma" })).toBeEnabled();
  await page.getByRole("slider", { name: "Gamma" }).fill("950");
  await expect(page.locator("#gamma-value")).not.toContainText("scale");
  await surfaceChangedFrom(page, rbf);
});

test("poly kernel shows the Degree slider and it retrains", async ({ page }) => {
  await openStudio(page);
  await expect(page.getByRole("slider", { name: "Degree" })).toHaveCount(0);
  await page.getByRole("combobox", { name: "Kernel" }).selectOption("poly");
  const degree = page.getByRole("slider", { name: "Degree" });
  await expect(degree).toBeVisible();
  const before = await surfacePixels(page);
  await degree.fill("0");
  await expect(page.locator("#degree-value")).toHaveText("1.00");
  await surfaceChangedFrom(page, before);
});

test("choosing other features redraws with their names on the axes", async ({ page }) => {
  await openStudio(page);
  const before = await surfacePixels(page);
  await page.getByRole("combobox", { name: "Horizontal axis" }).selectOption({ label: "petal length (cm)" });
  await surfaceChangedFrom(page, before);
  // choosing the vertical axis's feature for the horizontal one swaps them
  await page.getByRole("combobox", { name: "Horizontal axis" }).selectOption({ label: "sepal width (cm)" });
  await expect(page.getByRole("combobox", { name: "Vertical axis" })).toHaveValue("2");
});

test("slider input that is not a number is ignored, not a crash", async ({ page }) => {
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await openStudio(page);
  const acc = await page.getByTestId("test-accuracy").textContent();
  await page.getByRole("slider", { name: "C", exact: true }).evaluate((el) => {
    Object.defineProperty(el, "value", { get: () => "NaN", configurable: true });
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await expect(page.getByTestId("test-accuracy")).toHaveText(acc);
  await expect(page.locator("#c-value")).toHaveText("1.00");
  expect(problems).toEqual([]);
  await expect(page.locator(".panic-notice")).toHaveCount(0);
});

test("fits a 1280 px screen without sideways scrolling", async ({ page }) => {
  await openStudio(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("fits a 390 px phone screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openStudio(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await page.getByRole("img", { name: "Decision boundary" }).boundingBox();
  expect(box.width).toBeGreaterThan(300);
});

test("the SVM's margins are drawn dashed along whole lines", async ({ page }) => {
  // Counts, for each stroke drawn with a dash pattern, its lines and its line pieces:
  // dashes only show when a line is one path, not one piece per grid cell.
  await page.addInitScript(() => {
    const P = CanvasRenderingContext2D.prototype;
    window.__dashed = [];
    let moves = 0, lines = 0;
    const { moveTo, lineTo, beginPath, stroke } = P;
    P.beginPath = function () { moves = 0; lines = 0; return beginPath.call(this); };
    P.moveTo = function (...a) { moves++; return moveTo.apply(this, a); };
    P.lineTo = function (...a) { lines++; return lineTo.apply(this, a); };
    P.stroke = function (...a) {
      if (this.getLineDash().length > 0) window.__dashed.push({ moves, lines });
      return stroke.apply(this, a);
    };
  });
  await page.goto("./#data=moons&noise=0.2&model=svm&kernel=rbf");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  const dashed = await page.evaluate(() => window.__dashed);
  expect(dashed.length).toBeGreaterThanOrEqual(2);
  for (const d of dashed) expect(d.lines / d.moves, JSON.stringify(d)).toBeGreaterThan(10);
});

for (const width of [1280, 390]) {
  test(`at ${width} px the score tables never break a word: shortened names keep the whole one for hover and screen readers`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await openStudio(page);
    const perClass = page.getByRole("table", { name: "Per-class scores" });
    // Every column header sits on one line (a word broken mid-way took two).
    const heights = await perClass.locator("thead th").evaluateAll((ths) =>
      ths.map((th) => th.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight || "16")));
    for (const lines of heights) expect(lines).toBeLessThan(1.9);
    await expect(perClass.getByRole("columnheader", { name: "precision", exact: true })).toHaveAttribute("title", "precision");
    // A class name cut with an ellipsis is whole on hover and to a screen reader.
    const header = page.getByRole("table", { name: "Confusion matrix" }).getByRole("columnheader", { name: "versicolor", exact: true });
    await expect(header).toHaveAttribute("title", "versicolor");
    await page.screenshot({ path: `test-results/score-tables-${width}.png`, fullPage: true });
  });
}
