// The boot frame: index.html paints the page's frame and the default decision boundary
// before the wasm module has arrived, and the live page replaces it in place.
const { test, expect } = require("@playwright/test");

/** Holds the app's module back until `release()` is called. */
async function holdModule(page) {
  let release;
  const released = new Promise((r) => (release = r));
  await page.route(/app-[0-9a-f]+\/hyperplane-app_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

for (const [width, height] of [[1280, 900], [390, 844]]) {
  test(`at ${width} px the frame is painted before the module and the live page takes its place without a jump`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const release = await holdModule(page);
    await page.goto("./");
    const boot = page.locator("#boot");
    await expect(boot.getByRole("heading", { name: "Hyperplane" })).toBeVisible();
    await expect(boot.locator(".boot-status")).toContainText("Loading the studio");
    const picture = boot.locator("img.surface-canvas");
    await expect(picture).toBeVisible();
    // The picture shows something: its pixels are not all one colour.
    expect(await picture.evaluate((img) => {
      const c = document.createElement("canvas");
      [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
      const g = c.getContext("2d");
      g.drawImage(img, 0, 0);
      return new Set(g.getImageData(0, 0, c.width, c.height).data).size;
    })).toBeGreaterThan(20);
    // Nothing in it can be used or is named like the live page's controls.
    await expect(page.getByTestId("test-accuracy")).toHaveCount(0);
    await expect(page.getByRole("img", { name: "Decision boundary" })).toHaveCount(0);
    const before = await picture.boundingBox();
    release();
    await expect(page.getByTestId("test-accuracy")).toHaveText(/^\d{1,3}\.\d%$/);
    await expect(boot).toHaveCount(0);
    const after = await page.getByRole("img", { name: "Decision boundary" }).boundingBox();
    for (const k of ["x", "y", "width", "height"]) expect(Math.abs(after[k] - before[k]), k).toBeLessThanOrEqual(2);
  });
}

test("an embed does not show the studio's boot frame", async ({ page }) => {
  const release = await holdModule(page);
  await page.goto("./?embed=surface#data=moons&model=svm");
  await expect(page.locator("#boot")).toBeHidden();
  release();
  await expect(page.getByRole("img", { name: "Decision boundary" })).toBeVisible();
});

test("a link to other settings shows the frame's outline, not the default's picture and numbers", async ({ page }) => {
  const release = await holdModule(page);
  await page.goto("./#data=moons&model=knn");
  const boot = page.locator("#boot");
  await expect(boot.getByRole("heading", { name: "Hyperplane" })).toBeVisible();
  await expect(boot.locator(".boot-status")).toBeVisible();
  await expect(boot.locator("img.surface-canvas")).toBeHidden();
  await expect(boot.locator(".scores")).toBeHidden();
  release();
  await expect(page.getByRole("img", { name: "Decision boundary" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("moons");
});

test("the default settings' own link shows the frame's picture", async ({ page }) => {
  // The fragment the live page writes for its first state is the one the frame shows.
  await page.goto("./");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  const fragment = await page.evaluate(() => location.hash);
  expect(fragment.length).toBeGreaterThan(1);
  const release = await holdModule(page);
  await page.reload();
  await expect(page.locator("#boot img.surface-canvas")).toBeVisible();
  release();
});
