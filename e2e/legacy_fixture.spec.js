// A versions file exported by an older build (commit 8eee41d, before the refactor; made by
// e2e/make_legacy_fixture.js) still imports, and every version in it restores to exactly
// what that build showed when it was saved: the dataset and model pickers, the sliders'
// values, the scores (and a network's epoch and losses) and the surface, pixel for pixel.
// Two surface hashes were re-recorded on purpose when the SVM margins became truly dashed
// (2026-11-30, "SVM v1" and "Linear SVM (gradient descent) v1", the two versions that draw
// margins), and the five regression versions' when test points got a dark edge (so
// mid-scale values show on the scale's white middle); every other value is still the old
// build's.
// Since the axes' ticks became round numbers ("5", "1k" rather than "5.0", "1000.0"), the
// picture inside the axes is compared (plot_sha256), not the whole canvas: those hashes
// were recorded by the build just before that change (21f9830 plus the thumbnails), whose
// whole canvases still matched every recorded surface_sha256, so they are the same pictures.
const path = require("path");
const crypto = require("crypto");
const { test, expect } = require("@playwright/test");
const { openStudio, plotPixels } = require("./helpers");

const file = path.join(__dirname, "fixtures", "legacy-versions-v1.json");
const expected = require("./fixtures/legacy-versions-v1.expected.json");

const versions = (page) => page.getByRole("list", { name: "Versions" });
const notice = (page) => page.getByTestId("registry-notice");
const sha256 = (s) => crypto.createHash("sha256").update(s).digest("hex");

async function importFixture(page) {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await (await chooser).setFiles(file);
  await expect(notice(page)).toContainText(`Imported ${expected.versions.length} version(s)`);
  await expect(versions(page).getByRole("listitem")).toHaveCount(expected.versions.length);
}

async function restoreAndCheck(page, v) {
  await page.getByRole("button", { name: `Restore ${v.label}`, exact: true }).click();
  await expect(notice(page)).toContainText(`Restored ${v.label}`);
  const pickers = [["Dataset", v.dataset], ["Model", v.model], ["Kernel", v.kernel]];
  for (const [name, want] of pickers) {
    if (!want) continue;
    const box = page.getByRole("combobox", { name, exact: true });
    await expect(box, name).toHaveValue(want.value);
    await expect(box.locator("option:checked"), name).toHaveText(want.label);
  }
  for (const [id, text] of Object.entries(v.scores)) {
    await expect(page.getByTestId(id), id).toHaveText(text);
  }
  for (const [name, shown] of Object.entries(v.sliders)) {
    const slider = page.getByRole("slider", { name, exact: true });
    await expect.poll(() => slider.evaluate((i) => document.getElementById(i.getAttribute("aria-describedby")).textContent), name).toBe(shown);
  }
  await expect.poll(async () => sha256(await plotPixels(page)), "plot pixels").toBe(v.plot_sha256);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
}

test.describe("the legacy versions file (v1, exported before the refactor)", () => {
  for (const v of expected.versions) {
    test(`${v.label} restores exactly: ${v.what}`, async ({ page }) => {
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.setViewportSize(expected.viewport);
      await openStudio(page);
      await importFixture(page);
      await restoreAndCheck(page, v);
      expect(errors).toEqual([]);
    });
  }

  test("every version restores exactly one after another, in one page", async ({ page }) => {
    test.setTimeout(180_000);
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setViewportSize(expected.viewport);
    await openStudio(page);
    await importFixture(page);
    for (const v of [...expected.versions, ...[...expected.versions].reverse()]) {
      await test.step(v.label, () => restoreAndCheck(page, v));
    }
    expect(errors).toEqual([]);
  });
});
