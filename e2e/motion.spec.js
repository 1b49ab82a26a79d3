// prefers-reduced-motion: the training animation shows a few frames a second instead of
// every frame (training itself goes on at full speed); nothing plays by itself.
const { test, expect } = require("@playwright/test");

/** How many times the epoch counter changes in `ms` of play. */
async function shownFrames(page, ms) {
  await page.goto("./#data=circle&model=mlp&hidden=4-2");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  const epoch = page.getByTestId("epoch");
  await expect(epoch).toHaveText("0");
  await page.waitForTimeout(500);
  await expect(epoch).toHaveText("0"); // no autoplay
  await page.getByRole("button", { name: "Play" }).click();
  const changes = await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        let n = 0;
        const el = document.querySelector("[data-testid=epoch]");
        const seen = new MutationObserver(() => n++);
        seen.observe(el, { childList: true, characterData: true, subtree: true });
        setTimeout(() => (seen.disconnect(), resolve(n)), ms);
      }),
    ms,
  );
  await page.getByRole("button", { name: "Pause" }).click();
  return { changes, epochs: Number(await epoch.textContent()) };
}

test("with reduced motion the network shows about four frames a second, and still trains", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  const { changes, epochs } = await shownFrames(page, 2000);
  expect(changes).toBeGreaterThanOrEqual(3);
  expect(changes).toBeLessThanOrEqual(12);
  expect(epochs).toBeGreaterThan(1000);
});

test("without the preference it shows every frame", async ({ page }) => {
  const { changes } = await shownFrames(page, 2000);
  expect(changes).toBeGreaterThan(30);
});
