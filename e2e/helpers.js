// Shared helpers for the end-to-end specs.
const { expect } = require("@playwright/test");

/** Records console errors, page errors and every request that leaves the page's origin. */
function watchPage(page, baseURL) {
  const origin = new URL(baseURL).origin;
  const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [], failedRequests: [] };
  page.on("console", (m) => {
    if (m.type() === "error") problems.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => problems.pageErrors.push(e.message));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.foreignRequests.push(u);
  });
  page.on("requestfailed", (r) => problems.failedRequests.push(r.url()));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.failedRequests.push(`${r.status()} ${r.url()}`);
  });
  return problems;
}

/** Opens the studio and waits until the first model is trained and drawn. */
async function openStudio(page) {
  await page.goto("./");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(page.getByTestId("frame-time")).toContainText("ms");
}

/** The pixels of the decision boundary's plot area alone (no axes, ticks or labels), as
 * text to hash or compare: the picture, apart from the axes' typography. */
async function plotPixels(page) {
  return page.getByRole("img", { name: "Decision boundary" }).evaluate((c) => {
    const [l, t, w, h] = c.getAttribute("data-plot").split(" ").map(Number);
    const k = c.width / c.clientWidth;
    const box = [l, t, w, h].map((v) => Math.round(v * k));
    const data = c.getContext("2d").getImageData(...box).data;
    let text = box.join(",") + ":";
    for (let i = 0; i < data.length; i += 4096) text += String.fromCharCode(...data.subarray(i, i + 4096));
    return btoa(text);
  });
}

/** The decision-boundary canvas's pixels, as a PNG data URL. */
async function surfacePixels(page) {
  return page.getByRole("img", { name: "Decision boundary" }).evaluate((c) => c.toDataURL());
}

/** Waits until the surface differs from `before`, and returns the new pixels. */
async function surfaceChangedFrom(page, before) {
  await expect.poll(() => surfacePixels(page), { timeout: 10_000 }).not.toBe(before);
  return surfacePixels(page);
}

/** The share of a canvas's pixels that are not (near) white: how much it shows. */
async function inkShare(page, name) {
  return page.getByRole("img", { name }).evaluate((c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 245 || d[i + 2] < 245) n++;
    return n / (d.length / 4);
  });
}

/** Imports `text` as a file through the import preview, with its detected settings. */
async function importFile(page, name, text) {
  await page.getByLabel("Import CSV").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  const preview = page.getByRole("dialog", { name: "Import preview" });
  await expect(preview.getByTestId("import-report")).toBeVisible();
  await preview.getByRole("button", { name: "Use this data" }).click();
  await expect(preview).toHaveCount(0);
}

module.exports = { watchPage, openStudio, surfacePixels, plotPixels, surfaceChangedFrom, inkShare, importFile };
