// On a phone the picture stays in view while the controls are used (#16): the output
// panel sticks to the top of the screen, the controls scroll beneath it, and every
// control is big enough to touch.
const { test, expect } = require("@playwright/test");

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

/** Whether the whole decision boundary is on screen. */
async function surfaceInView(page) {
  const box = await page.getByRole("img", { name: "Decision boundary" }).boundingBox();
  return box.y >= 0 && box.y + box.height <= 844 && box.height > 200;
}

test("training a network and dragging a slider, the surface stays on screen", async ({ page }) => {
  await page.goto("./#data=circle&model=mlp");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  await page.getByRole("button", { name: "Play" }).click();
  const slider = page.getByRole("slider", { name: "Learning rate" });
  await slider.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
  const box = await slider.boundingBox();
  expect(box.y).toBeGreaterThan(0);
  // The slider is below the pinned picture, not under it.
  const picture = await page.locator(".studio > .output").boundingBox();
  expect(box.y).toBeGreaterThanOrEqual(picture.y + picture.height - 1);
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) {
    await page.mouse.move(box.x + box.width * (0.55 + i * 0.05), box.y + box.height / 2);
    expect(await surfaceInView(page)).toBe(true);
  }
  await page.screenshot({ path: "test-results/phone-dragging.png" });
  await page.mouse.up();
  await expect(page.locator("#learning-rate-value")).not.toHaveText("0.030");
  // Training went on all the while, and the picture is still there.
  await expect.poll(async () => Number(await page.getByTestId("epoch").textContent())).toBeGreaterThan(50);
  expect(await surfaceInView(page)).toBe(true);
  // Further down, among the data controls, the same.
  await page.getByRole("slider", { name: "Noise" }).scrollIntoViewIfNeeded();
  expect(await surfaceInView(page)).toBe(true);
});

test("controls are at least 44 px tall to touch", async ({ page }) => {
  await page.goto("./");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  const small = await page.locator(".studio").evaluate((studio) =>
    [...studio.querySelectorAll("button, select, input[type=range]")]
      .filter((e) => e.offsetParent !== null)
      .map((e) => ({ name: e.getAttribute("aria-label") || e.textContent.trim() || e.id, h: e.getBoundingClientRect().height }))
      .filter((e) => e.h < 44)
  );
  expect(small).toEqual([]);
});

test("on a wide screen the picture is not pinned", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("./");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  expect(await page.locator(".studio > .output").evaluate((e) => getComputedStyle(e).position)).toBe("static");
});

test("a tap adds a point, a long press removes the nearest", async ({ page }) => {
  await page.goto("./#data=moons");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  const count = async () => {
    const m = (await page.getByTestId("point-count").textContent()).match(/(\d+) training · (\d+) test/);
    return Number(m[1]) + Number(m[2]);
  };
  const n0 = await count();
  const box = await page.getByRole("img", { name: "Decision boundary" }).boundingBox();
  const [x, y] = [box.x + box.width * 0.3, box.y + box.height * 0.25];
  await page.touchscreen.tap(x, y);
  await expect.poll(count).toBe(n0 + 1);
  const cdp = await page.context().newCDPSession(page);
  const point = [{ x, y }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: point });
  await page.waitForTimeout(700);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await expect.poll(count).toBe(n0);
});
