// Embed mode: only the chosen panels and controls, for documentation pages.
const { test, expect } = require("@playwright/test");

async function visibleSliders(frame) {
  const names = [];
  for (const s of await frame.getByRole("slider").all()) {
    if (await s.isVisible()) names.push(await s.getAttribute("id"));
  }
  return names;
}

test("the demo page shows two embeds with only their chosen panels", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("./embed-demo.html");
  const svm = page.frameLocator("iframe").first();
  const net = page.frameLocator("iframe").nth(1);
  await expect(svm.getByRole("img", { name: "Decision boundary" })).toBeVisible();
  await expect(svm.getByRole("slider", { name: "C", exact: true })).toBeVisible();
  await expect(svm.getByRole("slider", { name: "Gamma" })).toBeVisible();
  await expect(svm.getByRole("slider", { name: "Noise" })).toBeHidden();
  await expect(svm.getByRole("combobox", { name: "Dataset" })).toBeHidden();
  await expect(svm.getByRole("combobox", { name: "Kernel" })).toBeHidden();
  for (const absent of ["Save version", "Share link"]) {
    await expect(svm.getByRole("button", { name: absent })).toHaveCount(0);
  }
  await expect(svm.getByRole("list", { name: "Versions" })).toHaveCount(0);
  await expect(svm.getByRole("heading", { name: "Hyperplane" })).toHaveCount(0);
  await expect(net.getByRole("img", { name: "Network" })).toBeVisible();
  await expect(net.getByRole("button", { name: "Play" })).toBeVisible();
  await expect(net.getByRole("img", { name: "Loss curve" })).toHaveCount(1);
  await expect(net.getByRole("slider", { name: "Learning rate" })).toBeVisible();
  await expect(net.getByRole("slider", { name: "Batch size" })).toBeHidden();
  // The embed is live: moving its slider redraws its surface.
  const canvas = svm.getByRole("img", { name: "Decision boundary" });
  const before = await canvas.evaluate((c) => c.toDataURL());
  await svm.getByRole("slider", { name: "Gamma" }).fill("70");
  await expect.poll(() => canvas.evaluate((c) => c.toDataURL())).not.toBe(before);
  // It fills its frame: the surface is nearly as wide as the iframe.
  const frameBox = await page.locator("iframe").first().boundingBox();
  const canvasBox = await canvas.boundingBox();
  expect(canvasBox.width).toBeGreaterThan(frameBox.width * 0.9);
  expect(errors).toEqual([]);
});

test("an embed does not touch the page's history", async ({ page }) => {
  await page.goto("./?embed=surface&controls=C#data=moons&model=svm&kernel=rbf");
  await expect(page.getByRole("img", { name: "Decision boundary" })).toBeVisible();
  const url = page.url();
  await page.getByRole("slider", { name: "C", exact: true }).fill("80");
  await page.waitForTimeout(700);
  expect(page.url()).toBe(url);
});

test("an embed with an unknown panel says so and shows the surface", async ({ page }) => {
  await page.goto("./?embed=everything");
  await expect(page.getByRole("alert")).toContainText("not a panel");
  await expect(page.getByRole("img", { name: "Decision boundary" })).toBeVisible();
});

test("a regression embed shows the value surface, its legend and R²", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("./?embed=surface,metrics,objective&controls=Max%20depth#data=reg-gauss&model=tree&depth=4");
  await expect(page.getByRole("img", { name: /Colour legend: y from/ })).toBeVisible();
  await expect(page.getByTestId("test-r2")).toHaveText(/^-?\d\.\d{3}$/);
  await expect(page.getByTestId("model-size")).toHaveText(/ · 4$/);
  await expect(page.getByTestId("objective")).toContainText("min");
  await expect(page.getByTestId("test-accuracy")).toHaveCount(0);
  const canvas = page.getByRole("img", { name: "Decision boundary" });
  const before = await canvas.evaluate((c) => c.toDataURL());
  await page.getByRole("slider", { name: "Max depth" }).fill("9");
  await expect.poll(() => canvas.evaluate((c) => c.toDataURL())).not.toBe(before);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
  expect(errors).toEqual([]);
});
