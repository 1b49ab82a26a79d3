// The network trains in the compute worker while playing; what the page shows is the
// worker's exact network, and without a worker the page trains on its own thread.
const { test, expect } = require("@playwright/test");
const { openStudio, surfacePixels, surfaceChangedFrom, watchPage } = require("./helpers");

const epoch = async (page) => Number(await page.getByTestId("epoch").textContent());

async function network(page) {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Circle" });
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  await expect(page.getByTestId("epoch")).toHaveText("0");
}

test("the network trains in the worker, and the paused picture is exactly the saved network's", async ({ page }) => {
  const started = page.waitForEvent("worker");
  await network(page);
  const worker = await started;
  expect(worker.url()).toMatch(/compute_worker\.js$/);
  // The worker runs the page's module, sent compiled, and its code from a chunk: it
  // listens once both are there (src/compute_worker.rs).
  await expect.poll(() => worker.evaluate(() => typeof self.onmessage)).toBe("function");
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(() => epoch(page)).toBeGreaterThan(2000);
  await page.getByRole("button", { name: "Pause" }).click();
  const paused = await epoch(page);
  await page.waitForTimeout(200);
  expect(await epoch(page)).toBe(paused);
  // The surface on screen came from the worker; the restored one is evaluated here.
  const pixels = await surfacePixels(page);
  const loss = await page.getByTestId("train-loss").textContent();
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("registry-notice")).toContainText("Saved Neural network v1");
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await surfaceChangedFrom(page, pixels);
  await page.getByRole("button", { name: "Restore Neural network v1" }).click();
  await expect(page.getByTestId("epoch")).toHaveText(String(paused));
  await expect.poll(() => surfacePixels(page)).toBe(pixels);
  await expect(page.getByTestId("train-loss")).toHaveText(loss);
  // Training goes on from there, in the worker again.
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(() => epoch(page)).toBeGreaterThan(paused + 500);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("a learning rate changed while the worker trains reaches it at once, without a reset", async ({ page }) => {
  await network(page);
  // Linear units diverge at η = 3 (as in the lesson "A learning rate too high").
  await page.getByRole("combobox", { name: "Activation" }).selectOption({ label: "linear" });
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(() => epoch(page)).toBeGreaterThan(1000);
  const before = await epoch(page);
  await page.getByRole("slider", { name: "Learning rate" }).fill("1000");
  await expect(page.getByRole("alert")).toContainText("diverged");
  expect(await epoch(page)).toBeGreaterThanOrEqual(before);
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
});

test("without the worker the page trains on its own thread", async ({ page }) => {
  await page.route("**/compute_worker.js", (r) => r.abort());
  await network(page);
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(() => epoch(page)).toBeGreaterThan(500);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("when the worker's code cannot be fetched, the worker fails and the page trains on its own thread", async ({ page, baseURL }) => {
  const problems = watchPage(page, baseURL);
  await page.route(/split_worker_code\.wasm$/, (r) => r.abort("internetdisconnected"));
  const started = page.waitForEvent("worker");
  await network(page);
  const worker = await started;
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(() => epoch(page)).toBeGreaterThan(500);
  await page.getByRole("button", { name: "Pause" }).click();
  // The worker never listened: it threw, and the page took its jobs.
  expect(await worker.evaluate(() => self.onmessage)).toBeNull();
  await expect(page.locator("[role=alert]")).toHaveCount(0);
  expect(problems.pageErrors).toEqual([]);
});

test("Step while the worker trains pauses there and steps one epoch, not a copy the worker overwrites", async ({ page }) => {
  await page.goto("./#data=circle&model=mlp&hidden=4-2");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  await page.getByRole("button", { name: "Play" }).click();
  const epoch = async () => parseInt(await page.getByTestId("epoch").textContent(), 10);
  await expect.poll(epoch).toBeGreaterThan(500);
  await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  const stopped = await epoch();
  await page.waitForTimeout(500);
  expect(await epoch()).toBe(stopped);
  await page.getByRole("button", { name: "Step" }).click();
  await expect.poll(epoch).toBe(stopped + 1);
  await page.waitForTimeout(300);
  expect(await epoch()).toBe(stopped + 1);
});
