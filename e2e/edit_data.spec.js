// Any dataset can be edited on the plane (#16): a click adds a point of the chosen
// class, a right click removes the nearest; the first edit makes an edited copy named
// after its source, which links, versions and Undo carry.
const { test, expect } = require("@playwright/test");
const { openStudio, surfacePixels, surfaceChangedFrom } = require("./helpers");

/** Clicks the plane at a share (0–1) of its plot area's width and height. */
async function clickPlane(page, fx, fy, button = "left") {
  const box = await page.getByRole("img", { name: "Decision boundary" }).boundingBox();
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy, { button });
}

/** The studio on Moons, settled: its surface's pixels and how many points it has. */
async function openMoons(page) {
  await openStudio(page);
  const first = await surfacePixels(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Moons" });
  const before = await surfaceChangedFrom(page, first);
  await page.waitForTimeout(600); // the change settles into its own history entry
  return { before, n0: total(await page.getByTestId("point-count").textContent()) };
}

function total(text) {
  const m = text.match(/(\d+) training · (\d+) test/);
  return Number(m[1]) + Number(m[2]);
}

test("clicks edit Moons into 'Moons, edited', carried by the link, Undo and versions", async ({ page }) => {
  const dataset = page.getByRole("combobox", { name: "Dataset" });
  let { before, n0 } = await openMoons(page);
  await page.getByRole("button", { name: "1", exact: true }).click();
  await clickPlane(page, 0.2, 0.2);
  await expect(dataset.locator("option:checked")).toHaveText("Moons, edited");
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0 + 1);
  before = await surfaceChangedFrom(page, before);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain("edit=0.1&add=");
  await page.waitForTimeout(600); // each edit its own history entry
  // A second point, then a right click on it removes it again.
  await clickPlane(page, 0.8, 0.85);
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0 + 2);
  await page.waitForTimeout(600);
  await clickPlane(page, 0.8, 0.85, "right");
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0 + 1);
  await page.waitForTimeout(600);
  // A right click among the moons' own points removes one of them.
  const edited = page.url();
  for (const [fx, fy] of [[0.5, 0.5], [0.45, 0.55], [0.55, 0.45], [0.35, 0.4], [0.65, 0.6]]) {
    await clickPlane(page, fx, fy, "right");
    await page.waitForTimeout(100);
    if (total(await page.getByTestId("point-count").textContent()) === n0) break;
  }
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0);
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/del=[A-Za-z0-9_-]+/);
  await page.waitForTimeout(600);

  // Undo walks the edits back to Moons itself.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0 + 1);
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(dataset.locator("option:checked")).toHaveText("Moons");
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0);

  // The link opens the edited copy.
  await page.goto(edited);
  await expect(dataset.locator("option:checked")).toHaveText("Moons, edited");
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0 + 1);
  const pixels = await surfacePixels(page);
  // Saved, elsewhere, restored.
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("registry-notice")).toContainText("Saved");
  await dataset.selectOption({ label: "Circle" });
  await expect(dataset.locator("option:checked")).toHaveText("Circle");
  await page.getByRole("button", { name: /^Restore / }).first().click();
  await expect(dataset.locator("option:checked")).toHaveText("Moons, edited");
  await expect.poll(() => surfacePixels(page)).toBe(pixels);
  // Picking Moons again is the original data.
  await dataset.selectOption({ label: "Moons" });
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0);
});

test("a click on Iris adds a point of the chosen species to a copy on the two shown features", async ({ page }) => {
  await openStudio(page);
  const dataset = page.getByRole("combobox", { name: "Dataset" });
  await page.getByRole("button", { name: "virginica" }).click();
  await expect(page.getByRole("button", { name: "virginica" })).toHaveAttribute("aria-pressed", "true");
  const before = await surfacePixels(page);
  await clickPlane(page, 0.25, 0.25);
  await expect(dataset.locator("option:checked")).toHaveText("Iris, edited");
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(151);
  await surfaceChangedFrom(page, before);
  await expect(page.getByRole("combobox", { name: "Horizontal axis" }).locator("option")).toHaveCount(2);
  await page.getByRole("button", { name: "Original data" }).click();
  await expect(dataset.locator("option:checked")).toHaveText("Iris");
  await expect(page.getByTestId("point-count")).toHaveText("120 training · 30 test");
});

test("the keyboard edits any dataset: Enter on Moons makes 'Moons, edited', Delete and Undo take it back", async ({ page }) => {
  const dataset = page.getByRole("combobox", { name: "Dataset" });
  const { n0 } = await openMoons(page);
  // Class 1's brush, then a cursor walked to the top-left corner (away from the moons).
  await page.getByRole("button", { name: "1", exact: true }).click();
  const surface = page.getByRole("img", { name: "Decision boundary" });
  await surface.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowLeft");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowUp");
  await page.keyboard.press("Enter");
  await expect(dataset.locator("option:checked")).toHaveText("Moons, edited");
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0 + 1);
  await expect(surface).toBeFocused();
  await page.waitForTimeout(600);
  // Delete at the same spot removes the point just added.
  await page.keyboard.press("Delete");
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0);
  await page.waitForTimeout(600);
  // Undo brings it back; Undo again is Moons itself.
  await page.keyboard.press("Control+z");
  await expect.poll(async () => total(await page.getByTestId("point-count").textContent())).toBe(n0 + 1);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(dataset.locator("option:checked")).toHaveText("Moons");
});
