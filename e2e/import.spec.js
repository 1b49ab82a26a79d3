// Real data in (#15): files as people have them go through the import preview — the
// example penguins file (text columns, NA and empty cells), a German spreadsheet's file
// (BOM, semicolons, decimal commas, CRLF) and a table pasted from a spreadsheet — and
// the recipe is kept with versions.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { test, expect } = require("@playwright/test");
const { openStudio } = require("./helpers");

const ROOT = path.resolve(__dirname, "..");
const EXAMPLES = path.join(ROOT, "public", "examples");

async function download(page, button) {
  const pending = page.waitForEvent("download");
  await button.click();
  return fs.readFileSync(await (await pending).path(), "utf8");
}

function preview(page) {
  return page.getByRole("dialog", { name: "Import preview" });
}

test("the penguins example: detected, shaped in the preview, used, saved and restored", async ({ page }) => {
  await openStudio(page);
  const before = await page.getByTestId("point-count").textContent();
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Example: penguins" });
  const p = preview(page);
  await expect(p).toBeVisible();
  // Nothing has changed yet: the picker still shows the data in use.
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("iris");
  await expect(page.getByTestId("point-count")).toHaveText(before);
  await expect(p.getByRole("combobox", { name: "Column to predict" })).toHaveValue("species");
  await expect(p.getByRole("combobox", { name: "Delimiter" })).toHaveValue("comma");
  await expect(p.getByRole("row", { name: /^Use sex/ })).toContainText("category");
  await expect(p.getByTestId("import-report")).toContainText("344 rows read");
  await expect(p.getByTestId("import-report")).toContainText("filled with the column mean");
  await expect(p.getByTestId("import-report")).toContainText("9 features, 3 classes");
  // Choices change the data the preview describes.
  await p.getByRole("combobox", { name: "Gaps" }).selectOption("drop");
  await expect(p.getByTestId("import-report")).toContainText("11 rows had a gap: left out");
  await p.getByRole("checkbox", { name: "Use sex" }).uncheck();
  await expect(p.getByTestId("import-report")).toContainText("7 features");
  await p.getByRole("combobox", { name: "Categories" }).selectOption("ordinal");
  await expect(p.getByTestId("import-report")).toContainText("5 features");
  await p.getByText("The same steps in scikit-learn").click();
  await expect(p.locator("pre")).toContainText('OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)');
  await expect(p.locator("pre")).toContainText('df.dropna(subset=["species", "island", "bill_length_mm"');
  await p.getByRole("combobox", { name: "Categories" }).selectOption("onehot");
  await p.getByRole("button", { name: "Use this data" }).click();
  await expect(p).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("imported");
  await expect(page.getByTestId("import-summary")).toContainText("left out");
  await expect(page.getByRole("combobox", { name: "Horizontal axis" })).toContainText("island = Dream");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  const counts = await page.getByTestId("point-count").textContent();
  expect(counts).not.toBe(before);

  // Saved, elsewhere, restored: the recipe comes back with the file.
  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Moons" });
  await expect(page.getByTestId("point-count")).not.toHaveText(counts);
  await page.getByRole("button", { name: /^Restore / }).first().click();
  await expect(page.getByTestId("point-count")).toHaveText(counts);
  await expect(page.getByTestId("import-summary")).toContainText("2 rows had a gap: left out");

  // The preview reopens on the data in use, with its choices.
  await page.getByRole("button", { name: "Change how the file is read" }).click();
  await expect(preview(page).getByRole("combobox", { name: "Gaps" })).toHaveValue("drop");
  await expect(preview(page).getByRole("checkbox", { name: "Use sex" })).not.toBeChecked();
  await page.keyboard.press("Escape");
  await expect(preview(page)).toHaveCount(0);
});

test("a German spreadsheet's file is read, and a wrong delimiter says so", async ({ page }) => {
  await openStudio(page);
  const buffer = fs.readFileSync(path.join(EXAMPLES, "iris-european.csv"));
  await page.getByLabel("Import CSV").setInputFiles({ name: "Schwertlilien.csv", mimeType: "text/csv", buffer });
  const p = preview(page);
  await expect(p.getByRole("combobox", { name: "Delimiter" })).toHaveValue("semicolon");
  await expect(p.getByRole("checkbox", { name: "Decimal comma" })).toBeChecked();
  await expect(p.getByRole("combobox", { name: "Encoding" })).toHaveValue("utf-8-bom");
  await expect(p.getByRole("combobox", { name: "Column to predict" })).toHaveValue("Art");
  await expect(p.getByTestId("import-report")).toContainText("150 rows read; no gaps. The data: 150 rows, 4 features, 3 classes");
  await expect(p.getByRole("cell", { name: "5.1", exact: true }).first()).toBeVisible();
  // Read with commas the file is one column: nothing can be used, and nothing changed.
  await p.getByRole("combobox", { name: "Delimiter" }).selectOption("comma");
  await expect(p.locator("[role=alert]").first()).toBeVisible();
  await expect(p.getByRole("button", { name: "Use this data" })).toBeDisabled();
  await p.getByRole("combobox", { name: "Delimiter" }).selectOption("semicolon");
  await p.getByRole("button", { name: "Use this data" }).click();
  await expect(page.getByRole("combobox", { name: "Horizontal axis" })).toContainText("Kelchblattlänge");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/^(8|9|10)\d?\.\d%$/);
});

test("a table pasted from a spreadsheet is previewed and used", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("button", { name: "Paste a table" }).click();
  const rows = ["size\tcolour\tkind"];
  for (let i = 0; i < 30; i++) rows.push(`${i % 2 ? 5 + (i % 7) * 0.1 : 1 + (i % 5) * 0.1}\t${["red", "blue"][i % 2]}\t${i % 2 ? "big" : "small"}`);
  await page.getByRole("textbox", { name: "Table to import" }).fill(rows.join("\n"));
  await page.getByRole("button", { name: "Preview the table" }).click();
  const p = preview(page);
  await expect(p.getByRole("combobox", { name: "Delimiter" })).toHaveValue("tab");
  await expect(p.getByRole("combobox", { name: "Encoding" })).toBeDisabled();
  await expect(p.getByTestId("import-report")).toContainText("3 features, 2 classes");
  await p.getByRole("button", { name: "Use this data" }).click();
  await expect(page.getByRole("combobox", { name: "Target column" })).toHaveValue("kind");
  await expect(page.getByTestId("test-accuracy")).toHaveText("100.0%");
});

test("the command line predicts from the raw penguins file what the browser predicted", async ({ page }, info) => {
  test.setTimeout(180_000);
  await openStudio(page);
  await page.getByRole("button", { name: "Example: penguins" }).click();
  await preview(page).getByRole("button", { name: "Use this data" }).click();
  await page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "rbf" });
  await page.getByRole("radio", { name: /All 9 features/ }).check();
  await page.waitForTimeout(300);
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("registry-notice")).toContainText("Saved SVM v1");
  const versionFile = info.outputPath("penguins-version.json");
  fs.writeFileSync(versionFile, await download(page, page.getByRole("button", { name: "Export SVM v1" })));
  const csv = await download(page, page.getByRole("button", { name: "Data and predictions (CSV)" }));
  const predicted = csv.trim().split("\n").slice(1).map((r) => r.split(",").pop());
  expect(predicted.length).toBe(344);
  // The raw file: text columns, NA and empty cells, read through the version's recipe.
  const out = execFileSync("cargo", ["run", "-q", "-p", "hyperplane-cli", "--", "predict",
    "--model", versionFile, "--data", path.join(EXAMPLES, "penguins.csv")], { cwd: ROOT, encoding: "utf8" });
  expect(JSON.parse(out).predictions).toEqual(predicted);
});

for (const width of [1280, 390]) {
  test(`the import preview at ${width} px: screenshot`, async ({ page }) => {
    await page.setViewportSize({ width, height: width > 400 ? 900 : 844 });
    await openStudio(page);
    await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Example: penguins" });
    await expect(preview(page).getByTestId("import-report")).toBeVisible();
    await page.screenshot({ path: `test-results/import-preview-${width}.png` });
    // Nothing spills out of the dialog sideways except the rows' own scroller.
    const box = await preview(page).boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    const overflow = await preview(page).evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });
}

test("the preview takes the focus when it opens and gives it back when it closes", async ({ page }) => {
  await openStudio(page);
  const button = page.getByRole("button", { name: "Example: penguins" });
  await button.focus();
  await page.keyboard.press("Enter");
  const p = preview(page);
  await expect(p).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(p).toHaveCount(0);
  await expect(button).toBeFocused();
  // The same after Cancel.
  await page.keyboard.press("Enter");
  await p.getByRole("button", { name: "Cancel" }).click();
  await expect(button).toBeFocused();
});

test("an example file with its recipe travels in a link, and opens as it was", async ({ page, context }) => {
  await openStudio(page);
  await page.getByRole("button", { name: "Example: penguins" }).click();
  const p = preview(page);
  await p.getByRole("combobox", { name: "Gaps" }).selectOption("drop");
  await p.getByRole("checkbox", { name: "Use sex" }).uncheck();
  await p.getByRole("button", { name: "Use this data" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("2 rows had a gap: left out");
  await expect.poll(() => page.evaluate(() => location.hash)).toContain("data=imported&file=penguins.csv");
  const hash = await page.evaluate(() => location.hash);
  expect(hash).toContain("impute=drop");
  expect(hash).not.toMatch(/use=[^&]*sex/);
  const counts = await page.getByTestId("point-count").textContent();
  const accuracy = await page.getByTestId("test-accuracy").textContent();
  await page.getByRole("button", { name: "Share link" }).click();
  await expect(page.locator(".share")).toContainText("Link");
  await expect(page.locator(".share [role=alert], .share .error")).toHaveCount(0);

  // A fresh page opens the link: the file is fetched and read with the same recipe.
  const other = await context.newPage();
  await other.goto(`./${hash}`);
  await expect(other.getByRole("combobox", { name: "Dataset" })).toHaveValue("imported");
  await expect(other.getByTestId("point-count")).toHaveText(counts);
  await expect(other.getByTestId("import-summary")).toContainText("2 rows had a gap: left out");
  await expect(other.getByTestId("test-accuracy")).toHaveText(accuracy);
  await expect(other.locator("[role=alert]")).toHaveCount(0);
  // A link naming a file that is not an example is refused, and says so.
  await other.goto("./#data=imported&file=..%2Fsecret.csv&target=x");
  await other.reload();
  await expect(other.locator(".link-notice")).toContainText("not one of the example files");
});

/** Drops a CSV made in the page (`rows` rows: an id, 8 numbers with NA gaps, 3 categories
 * and a yes/no label) on the drop zone, as a user would. */
async function dropMixed(page, rows) {
  await page.evaluate((n) => {
    let state = 7;
    const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lines = ["id,x0,x1,x2,x3,x4,x5,x6,x7,c0,c1,c2,label"];
    for (let i = 0; i < n; i++) {
      const r = [`id${i}`];
      for (let j = 0; j < 8; j++) r.push(next() < 0.01 ? "NA" : (next() * 100).toFixed(3));
      for (let j = 0; j < 3; j++) r.push(`k${Math.floor(next() * (3 + j))}`);
      r.push(next() < 0.5 ? "yes" : "no");
      lines.push(r.join(","));
    }
    const dt = new DataTransfer();
    dt.items.add(new File([lines.join("\n")], "mixed.csv", { type: "text/csv" }));
    document.querySelector(".dropzone").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, rows);
}

test("a 100,000-row file is read in the worker with progress, used, and drawn as a sample of its points", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption("tree");
  await dropMixed(page, 100_000);
  // While the worker reads, the page says so and shows how far it is.
  const status = page.getByTestId("import-reading");
  await expect(status).toContainText("Reading mixed.csv");
  await expect(status.getByRole("progressbar")).toBeVisible();
  await expect(preview(page).getByTestId("import-report")).toContainText("The data: 100000 rows", { timeout: 30_000 });
  await expect(status).toHaveCount(0);
  await preview(page).getByRole("button", { name: "Use this data" }).click();
  await expect(page.getByTestId("point-count")).toHaveText("80000 training · 20000 test", { timeout: 30_000 });
  await expect(page.getByTestId("points-sampled")).toHaveText(
    "Drawn: a random 5,000 of the 80,000 training points and 5,000 of the 20,000 test points; the scores use every point.");
  await expect(page.getByTestId("test-accuracy")).toContainText("%");
  await expect(page.getByTestId("fit-sample")).toHaveCount(0);
  // 80,000 training rows are fitted and scored in a worker, not on the page (and drawn
  // there too once the page has drawn this data's plane, below).
  await expect(page.getByTestId("frame-time")).toContainText(/^Fit \d+\.\d ms in a worker · /);
  // The SVM (its time grows with the square of the points: 80,000 froze the tab for
  // 55 s) is fitted on a sample, and says so.
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption("svm");
  await expect(page.getByTestId("fit-sample")).toHaveText(
    "Fitted on a random 5,000 of the 80,000 training points, so that a fit takes well under a second (an SVM's time grows with the square of the points). The scores use every point.");
  await expect(page.getByTestId("frame-time")).toContainText(/^Fit \d+\.\d ms in a worker · surface \d+×\d+ from the worker/, { timeout: 10_000 });
  await expect(page.getByTestId("test-accuracy")).toContainText("%");
  // Small data are drawn whole, with no such note.
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Moons" });
  await expect(page.getByTestId("points-sampled")).toHaveCount(0);
  await expect(page.getByTestId("fit-sample")).toHaveCount(0);
  await expect(page.getByTestId("frame-time")).not.toContainText("worker");
});

test("an SVM on 1,000 training rows fits in the worker, and the first surface of new data is drawn there too", async ({ page }) => {
  // A sigmoid SVM's surface sums a kernel per support vector per cell: 300 ms and more
  // over 1,000 rows on the page. The worker must draw it over the new data's plane,
  // not the one the page drew last (which made the page redraw it all itself).
  await page.goto("./#model=svm&kernel=sigmoid&C=10");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  await page.evaluate(() => {
    window.__frames = [];
    const el = document.querySelector("[data-testid=frame-time]");
    new MutationObserver(() => window.__frames.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
  });
  const rows = ["x1,x2,class"];
  for (let i = 0; i < 1250; i++) {
    const t = Math.PI * ((i * 0.618034) % 1);
    const [x, y] = i % 2 ? [1 - Math.cos(t), 0.5 - Math.sin(t)] : [Math.cos(t), Math.sin(t)];
    rows.push(`${(x + 0.3 * Math.sin(i * 7.1)).toFixed(4)},${(y + 0.3 * Math.cos(i * 3.7)).toFixed(4)},${i % 2 ? "b" : "a"}`);
  }
  await page.getByLabel("Import CSV").setInputFiles({ name: "moons.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
  await preview(page).getByRole("button", { name: "Use this data" }).click();
  await expect(page.getByTestId("point-count")).toHaveText("1000 training · 250 test");
  await expect(page.getByTestId("frame-time")).toContainText(/^Fit \d+\.\d ms in a worker · surface \d+×\d+ from the worker/);
  await page.getByRole("slider", { name: "C", exact: true }).fill("700");
  await expect(page.getByTestId("frame-time")).toContainText(/^Fit \d+\.\d ms in a worker · surface \d+×\d+ from the worker/);
  await page.waitForTimeout(500);
  // No frame of this data had its surface evaluated on the page.
  const frames = await page.evaluate(() => window.__frames);
  const drawnHere = frames.filter((f) => f.includes("in a worker") && / surface \d+×\d+ in /.test(f));
  expect(drawnHere).toEqual([]);
});

test("without a worker a file is read on the page's thread, by the same code", async ({ page }) => {
  await page.route("**/compute_worker.js", (r) => r.abort());
  await openStudio(page);
  await dropMixed(page, 2_000);
  await expect(preview(page).getByTestId("import-report")).toContainText("The data: 2000 rows");
  await preview(page).getByRole("button", { name: "Use this data" }).click();
  await expect(page.getByTestId("point-count")).toHaveText("1600 training · 400 test");
});

for (const worker of [true, false]) {
  test(`a version of a big file restores to the same data and scores ${worker ? "(its file read again in the worker)" : "without a worker (read on the page)"}`, async ({ page }) => {
    if (!worker) await page.addInitScript(() => delete window.Worker);
    await openStudio(page);
    await page.getByRole("combobox", { name: "Model", exact: true }).selectOption("tree");
    // 13,000 rows, about a megabyte: over the size that is read again in a worker, and
    // a training part fitted in one.
    await dropMixed(page, 13_000);
    await expect(preview(page).getByTestId("import-report")).toContainText("The data: 13000 rows", { timeout: 30_000 });
    await preview(page).getByRole("button", { name: "Use this data" }).click();
    await expect(page.getByTestId("point-count")).toHaveText("10400 training · 2600 test");
    if (worker) await expect(page.getByTestId("frame-time")).toContainText(/^Fit \d+\.\d ms in a worker/);
    await expect(page.getByTestId("test-accuracy")).toContainText("%");
    const scores = [await page.getByTestId("test-accuracy").textContent(), await page.getByTestId("train-accuracy").textContent()];
    await page.getByRole("button", { name: "Save version" }).click();
    await expect(page.getByTestId("registry-notice")).toContainText("Saved Decision tree v1");
    await page.getByRole("combobox", { name: "Dataset" }).selectOption("iris");
    await expect(page.getByTestId("point-count")).toHaveText("120 training · 30 test");
    await page.getByRole("button", { name: "Restore Decision tree v1", exact: true }).click();
    await expect(page.getByTestId("registry-notice")).toContainText("Restored Decision tree v1");
    await expect(page.getByTestId("point-count")).toHaveText("10400 training · 2600 test");
    await expect(page.getByTestId("test-accuracy")).toHaveText(scores[0]);
    // The saved model is restored, not fitted: the timing line does not say it was
    // fitted in a worker (it did, by the size of the data, before).
    await expect(page.getByTestId("frame-time")).toContainText("ms");
    await expect(page.getByTestId("frame-time")).not.toContainText("in a worker");
    await expect(page.getByTestId("train-accuracy")).toHaveText(scores[1]);
    await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("imported");
  });
}
