// Deployment: a version exported from the browser loads in the native `hyperplane`
// command, which predicts exactly what the browser predicted for every row.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { test, expect } = require("@playwright/test");
const { openStudio, surfacePixels, surfaceChangedFrom } = require("./helpers");

const ROOT = path.resolve(__dirname, "..");

/** Runs the command line (built by cargo if needed) and returns its JSON. */
function cli(args) {
  const out = execFileSync("cargo", ["run", "-q", "-p", "hyperplane-cli", "--", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

function parseCsv(text) {
  const [header, ...rows] = text.trim().split("\n");
  const cols = header.split(",");
  return rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [cols[i], v])));
}

async function download(page, button) {
  const pending = page.waitForEvent("download");
  await button.click();
  return fs.readFileSync(await (await pending).path(), "utf8");
}

const CASES = [
  { dataset: "Moons", model: "SVM", tune: async (page) => page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "rbf" }) },
  { dataset: "Spiral", model: "Decision tree" },
  { dataset: "XOR", model: "k-NN" },
  {
    dataset: "Circle",
    model: "Neural network",
    tune: async (page) => {
      await page.getByRole("checkbox", { name: "x₁²" }).check();
      for (let i = 0; i < 20; i++) await page.getByRole("button", { name: "Step" }).click();
      await expect(page.getByTestId("epoch")).toHaveText("20");
    },
  },
];

test("the command line predicts what the browser predicted, from the exported version", async ({ page }, info) => {
  test.setTimeout(240_000);
  await openStudio(page);
  for (const [i, c] of CASES.entries()) {
    await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: c.model });
    const before = await surfacePixels(page);
    await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: c.dataset });
    await surfaceChangedFrom(page, before);
    if (c.tune) await c.tune(page);
    await page.waitForTimeout(200);
    await page.getByRole("button", { name: "Save version" }).click();
    await expect(page.getByTestId("registry-notice")).toContainText(`Saved ${c.model} v1`);
    const label = `${c.model} v1`;
    const versionFile = info.outputPath(`version-${i}.json`);
    fs.writeFileSync(versionFile, await download(page, page.getByRole("button", { name: `Export ${label}` })));
    const csvFile = info.outputPath(`data-${i}.csv`);
    const csv = await download(page, page.getByRole("button", { name: "Data and predictions (CSV)" }));
    fs.writeFileSync(csvFile, csv);
    const rows = parseCsv(csv);
    expect(rows.length, c.dataset).toBeGreaterThan(100);
    const native = cli(["predict", "--model", versionFile, "--data", csvFile]);
    expect(native.predictions, `${c.model} on ${c.dataset}`).toEqual(rows.map((r) => r.predicted));
    // and the browser's accuracy on the test part is the same as the CSV says
    const test = rows.filter((r) => r.part === "test");
    const right = test.filter((r) => r.predicted === r.class).length;
    const shown = parseFloat(await page.getByTestId("test-accuracy").textContent());
    expect(Math.abs((100 * right) / test.length - shown)).toBeLessThan(0.06);
  }
});

const REGRESSORS = [
  { model: "SVM", tune: async (page) => page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "rbf" }) },
  { model: "Decision tree" },
  { model: "k-NN" },
  {
    model: "Neural network",
    tune: async (page) => {
      for (let i = 0; i < 10; i++) await page.getByRole("button", { name: "Step" }).click();
      await expect(page.getByTestId("epoch")).toHaveText("10");
    },
  },
];

test("the command line predicts the values the browser predicted, for every regressor", async ({ page }, info) => {
  test.setTimeout(240_000);
  await openStudio(page);
  const before = await surfacePixels(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Gaussians (regression)" });
  await surfaceChangedFrom(page, before);
  for (const [i, c] of REGRESSORS.entries()) {
    await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: c.model });
    if (c.tune) await c.tune(page);
    await page.waitForTimeout(200);
    await page.getByRole("button", { name: "Save version" }).click();
    await expect(page.getByTestId("registry-notice")).toContainText(`Saved ${c.model} v1`);
    const versionFile = info.outputPath(`regressor-${i}.json`);
    fs.writeFileSync(versionFile, await download(page, page.getByRole("button", { name: `Export ${c.model} v1` })));
    const csvFile = info.outputPath(`values-${i}.csv`);
    const csv = await download(page, page.getByRole("button", { name: "Data and predictions (CSV)" }));
    fs.writeFileSync(csvFile, csv);
    const rows = parseCsv(csv);
    expect(rows.length).toBe(500);
    const native = cli(["predict", "--model", versionFile, "--data", csvFile]);
    expect(native.predictions, c.model).toEqual(rows.map((r) => parseFloat(r.predicted)));
    // The test R² the page shows is the CSV's test rows' R².
    const test = rows.filter((r) => r.part === "test");
    const y = test.map((r) => parseFloat(r.y));
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const ssRes = test.reduce((a, r) => a + (parseFloat(r.y) - parseFloat(r.predicted)) ** 2, 0);
    const ssTot = y.reduce((a, v) => a + (v - mean) ** 2, 0);
    const shown = parseFloat(await page.getByTestId("test-r2").textContent());
    expect(Math.abs(1 - ssRes / ssTot - shown), c.model).toBeLessThan(0.0006);
  }
});

test("any canvas downloads as a PNG picture", async ({ page }) => {
  await openStudio(page);
  const pending = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the decision boundary as PNG" }).click();
  const file = await pending;
  expect(file.suggestedFilename()).toBe("hyperplane-decision-boundary.png");
  const bytes = fs.readFileSync(await file.path());
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  const net = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the network as PNG" }).click();
  expect((await net).suggestedFilename()).toBe("hyperplane-network.png");
});
