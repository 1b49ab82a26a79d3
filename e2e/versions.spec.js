// Model management: saved versions in IndexedDB, restore, export/import, damaged data.
const fs = require("fs");
const { test, expect } = require("@playwright/test");
const { openStudio, surfacePixels, surfaceChangedFrom, inkShare } = require("./helpers");

const versions = (page) => page.getByRole("list", { name: "Versions" });
const notice = (page) => page.getByTestId("registry-notice");
const item = (page, name) => versions(page).getByRole("listitem").filter({ hasText: name });

/** Picks model and dataset (another than the current one) and waits for the refit surface. */
async function setUp(page, dataset, model) {
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: model });
  const before = await surfacePixels(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: dataset });
  return surfaceChangedFrom(page, before);
}

async function metrics(page) {
  return {
    test: await page.getByTestId("test-accuracy").textContent(),
    train: await page.getByTestId("train-accuracy").textContent(),
  };
}

async function save(page, label) {
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(notice(page)).toContainText(`Saved ${label}`);
}

test("a saved version survives a reload", async ({ page }) => {
  await openStudio(page);
  await save(page, "SVM v1");
  await expect(item(page, "v1")).toHaveCount(1);
  await save(page, "SVM v2");
  await page.reload();
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  await expect(versions(page).getByRole("listitem")).toHaveCount(2);
  await expect(item(page, "v2")).toContainText("SVM");
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("restoring a version gives the same metrics and pixels without retraining", async ({ page }) => {
  await openStudio(page);
  const linear = await setUp(page, "Moons", "SVM");
  await page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "rbf" });
  const pixels = await surfaceChangedFrom(page, linear);
  const saved = await metrics(page);
  await save(page, "SVM v1");
  // Change everything: data, model and parameters.
  await setUp(page, "Spiral", "k-NN");
  expect(await surfacePixels(page)).not.toBe(pixels);
  const fits = await page.getByTestId("fit-count").textContent();
  await page.getByRole("button", { name: "Restore SVM v1" }).click();
  await expect(notice(page)).toContainText("Restored SVM v1");
  await expect.poll(() => surfacePixels(page)).toBe(pixels);
  expect(await metrics(page)).toEqual(saved);
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("moons");
  await expect(page.getByRole("combobox", { name: "Kernel" })).toHaveValue("rbf");
  expect(await page.getByTestId("fit-count").textContent()).toBe(fits);
});

test("a trained network restores its weights, epoch and loss curve", async ({ page }) => {
  await openStudio(page);
  await setUp(page, "Circle", "Neural network");
  for (let i = 0; i < 30; i++) await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("30");
  const pixels = await surfacePixels(page);
  const saved = await metrics(page);
  const loss = await page.getByTestId("train-loss").textContent();
  await save(page, "Neural network v1");
  // The original run goes on ten more epochs...
  for (let i = 0; i < 10; i++) await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("40");
  const later = { pixels: await surfacePixels(page), loss: await page.getByTestId("train-loss").textContent() };
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await page.getByRole("button", { name: "Restore Neural network v1" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("30");
  await expect.poll(() => surfacePixels(page)).toBe(pixels);
  expect(await metrics(page)).toEqual(saved);
  await expect(page.getByTestId("train-loss")).toHaveText(loss);
  // ...and the restored one trains on exactly as it did: same loss, same picture.
  for (let i = 0; i < 10; i++) await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("40");
  await expect(page.getByTestId("train-loss")).toHaveText(later.loss);
  await expect.poll(() => surfacePixels(page)).toBe(later.pixels);
});

test("export, then import into a fresh browser profile, round-trips exactly", async ({ page, browser }, info) => {
  await openStudio(page);
  await setUp(page, "XOR", "Decision tree");
  const pixels = await surfacePixels(page);
  const saved = await metrics(page);
  await save(page, "Decision tree v1");
  await item(page, "v1").locator("summary").click();
  await item(page, "v1").getByLabel("Notes").fill("depth 5 on xor");
  await item(page, "v1").getByLabel("Notes").blur();
  await expect(item(page, "v1")).toContainText("depth 5 on xor");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export Decision tree v1" }).click();
  const file = info.outputPath("tree.json");
  await (await download).saveAs(file);
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(json.format).toBe("hyperplane-versions");
  expect(json.versions[0].notes).toBe("depth 5 on xor");

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openStudio(other);
  await expect(versions(other).getByRole("listitem")).toHaveCount(0);
  // through the Import button and the browser's file picker
  const chooser = other.waitForEvent("filechooser");
  await other.getByRole("button", { name: "Import", exact: true }).click();
  await (await chooser).setFiles(file);
  await expect(notice(other)).toContainText("Imported 1 version");
  await expect(item(other, "v1")).toContainText("depth 5 on xor");
  await other.getByRole("button", { name: "Restore Decision tree v1" }).click();
  await expect.poll(() => surfacePixels(other)).toBe(pixels);
  expect(await metrics(other)).toEqual(saved);
  // Exported again from the fresh profile: the same versions.
  const again = other.waitForEvent("download");
  await other.getByRole("button", { name: "Export Decision tree v1" }).click();
  const file2 = info.outputPath("tree2.json");
  await (await again).saveAs(file2);
  expect(JSON.parse(fs.readFileSync(file2, "utf8"))).toEqual(json);
  await fresh.close();
});

test("a tampered or corrupted file is rejected with a message and changes nothing", async ({ page }, info) => {
  await openStudio(page);
  await save(page, "SVM v1");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export SVM v1" }).click();
  const good = JSON.parse(fs.readFileSync(await (await download).path(), "utf8"));
  const cases = [
    [(j) => (j.versions[0].metrics.test_accuracy = 1.7), "metrics.test_accuracy"],
    [(j) => (j.version = 9), "version"],
    [(j) => (j.versions[0].model.model.rho = [1, 2, 3, 4]), "versions[0]"],
    [(j) => (j.versions[0].data.content_hash = "zz"), "content_hash"],
  ];
  for (const [tamper, field] of cases) {
    const bad = JSON.parse(JSON.stringify(good));
    tamper(bad);
    const path = info.outputPath("bad.json");
    fs.writeFileSync(path, JSON.stringify(bad));
    await page.getByLabel("Import file").setInputFiles(path);
    await expect(notice(page)).toContainText(field);
    await expect(notice(page)).toContainText("Nothing was changed");
    await expect(versions(page).getByRole("listitem")).toHaveCount(1);
  }
  const path = info.outputPath("garbage.json");
  fs.writeFileSync(path, "{ not json");
  await page.getByLabel("Import file").setInputFiles(path);
  await expect(notice(page)).toContainText("not a JSON file");
  await expect(versions(page).getByRole("listitem")).toHaveCount(1);
});

test("a version with a setting the controls could not have set is not restored, and nothing changes", async ({ page }, info) => {
  // The pre-refactor file's k-NN version, its k raised past the slider's 50.
  const file = JSON.parse(fs.readFileSync(`${__dirname}/fixtures/legacy-versions-v1.json`, "utf8"));
  const knn = file.versions.find((v) => v.model_name === "k-NN" && v.name === "v1");
  knn.params.k = 500;
  file.versions = [knn];
  const path = info.outputPath("k500.json");
  fs.writeFileSync(path, JSON.stringify(file));
  await openStudio(page);
  await page.getByLabel("Import file").setInputFiles(path);
  await expect(versions(page).getByRole("listitem")).toHaveCount(1);
  const before = await metrics(page);
  await page.getByRole("button", { name: "Restore k-NN v1" }).click();
  await expect(notice(page)).toContainText("k = 500 is outside 1–50");
  await expect(notice(page)).toContainText("Nothing was changed");
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("iris");
  await expect(page.getByRole("combobox", { name: "Model", exact: true })).toHaveValue("svm");
  expect(await metrics(page)).toEqual(before);
});

test("delete has undo; rename and alias stick; a damaged record is reported, not hidden", async ({ page }) => {
  await openStudio(page);
  await save(page, "SVM v1");
  await save(page, "SVM v2");
  await page.getByRole("button", { name: "Delete SVM v1" }).click();
  await expect(notice(page)).toContainText("Deleted SVM v1");
  await expect(versions(page).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("button", { name: "Undo delete" }).click();
  await expect(versions(page).getByRole("listitem")).toHaveCount(2);

  await item(page, "v2").locator("summary").click();
  await item(page, "v2").getByLabel("Alias").fill("best");
  await item(page, "v2").getByLabel("Alias").press("Enter");
  await expect(item(page, "v2").locator(".badge.alias")).toHaveText("best");

  // A record written by something else, and one that is not even text.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("hyperplane");
        open.onsuccess = () => {
          const tx = open.result.transaction("versions", "readwrite");
          const store = tx.objectStore("versions");
          store.add('{"format": "garbage"}');
          store.add(42);
          // A version saved by a newer Hyperplane: refused as it is, never rewritten.
          store.getAll().onsuccess = (ev) => {
            const newer = JSON.parse(ev.target.result[0]);
            newer.schema = 99;
            newer.from_the_future = true;
            store.add(JSON.stringify(newer));
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      })
  );
  await page.reload();
  await expect(versions(page).getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("damaged-records")).toContainText("3 stored record(s) could not be read");
  await expect(page.getByTestId("damaged-records")).toContainText("saved by a newer Hyperplane (schema 99, which this one does not know)");
  await expect(item(page, "v2").locator(".badge.alias")).toHaveText("best");
  // Each can be saved as it is stored before it is deleted.
  const raw = [];
  for (const button of await page.getByRole("button", { name: /^Download record \d+$/ }).all()) {
    const download = page.waitForEvent("download");
    await button.click();
    raw.push(fs.readFileSync(await (await download).path(), "utf8"));
  }
  expect(raw.slice(0, 2)).toEqual(['{"format": "garbage"}', "42"]);
  expect(JSON.parse(raw[2])).toMatchObject({ schema: 99, from_the_future: true });
  await page.getByRole("button", { name: /Delete record/ }).first().click();
  await expect(page.getByTestId("damaged-records")).toContainText("2 stored record(s)");
});

test("compare shows the differing parameters, deltas, both surfaces and where they disagree", async ({ page }) => {
  await openStudio(page);
  const linear = await setUp(page, "Moons", "SVM");
  await save(page, "SVM v1");
  await page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "rbf" });
  await surfaceChangedFrom(page, linear);
  await save(page, "SVM v2");
  await expect(page.getByRole("button", { name: "Compare", exact: true })).toBeDisabled();
  await page.getByRole("checkbox", { name: "Select SVM v1" }).check();
  await page.getByRole("checkbox", { name: "Select SVM v2" }).check();
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  const table = page.locator("table.compare-table");
  await expect(table.getByRole("columnheader")).toHaveText(["", "SVM v1", "SVM v2"]);
  await expect(table.getByRole("row", { name: /kernel/ })).toContainText("linear");
  await expect(table.getByRole("row", { name: /kernel/ })).toContainText("rbf");
  await expect(table.getByRole("row", { name: /Test accuracy/ })).toContainText("pts");
  await expect(table.getByRole("row", { name: /seed/i })).toHaveCount(1); // listed once
  await page.getByLabel("Differences only").check();
  await expect(table.getByRole("row", { name: /kernel/ })).toHaveCount(1);
  await expect(table.getByRole("row", { name: /Dataset/ })).toHaveCount(0);
  await expect(table.getByRole("row", { name: /^c / })).toHaveCount(0);
  for (const name of ["Decision boundary of SVM v1", "Decision boundary of SVM v2", "Disagreement map"]) {
    expect(await inkShare(page, name), name).toBeGreaterThan(0.3);
  }
  await expect(page.getByTestId("disagreement")).toHaveText(/predict different classes on \d+\.\d% of the plane/);
  const share = parseFloat((await page.getByTestId("disagreement").textContent()).match(/(\d+\.\d)%/)[1]);
  expect(share).toBeGreaterThan(1);
  expect(share).toBeLessThan(60);
  await page.getByRole("button", { name: "Close comparison" }).click();
  await expect(page.locator("table.compare-table")).toHaveCount(0);
});

test("the versions list and the studio flag overfitting and divergence", async ({ page }, info) => {
  await openStudio(page);
  await setUp(page, "Circle", "Neural network");
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Step" }).click();
  await save(page, "Neural network v1");
  await expect(item(page, "v1").locator(".badge.warn")).toHaveCount(0);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export Neural network v1" }).click();
  const json = JSON.parse(fs.readFileSync(await (await download).path(), "utf8"));
  // A run whose test loss turns up while its training loss keeps falling, then diverges.
  json.versions[0].history = Array.from({ length: 60 }, (_, i) => ({
    epoch: i + 1,
    train: 0.7 - 0.01 * i,
    test: i < 20 ? 0.7 - 0.01 * i : 0.5 + 0.02 * (i - 20),
  }));
  json.versions[0].diverged = true;
  const path = info.outputPath("flagged.json");
  fs.writeFileSync(path, JSON.stringify(json));
  await page.getByLabel("Import file").setInputFiles(path);
  await expect(notice(page)).toContainText("Imported 1 version");
  await expect(item(page, "v2").locator(".badge.warn")).toHaveText(["diverged", "overfitting"]);
  await page.getByRole("button", { name: "Restore Neural network v2" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("60");
  await expect(page.getByTestId("run-flag")).toContainText("Overfitting");
});

test("the list sorts by a metric; renames and tags stick; Export with nothing ticked exports all", async ({ page }) => {
  await openStudio(page);
  await setUp(page, "Moons", "Decision tree");
  await save(page, "Decision tree v1");
  await page.getByRole("slider", { name: "Max depth" }).fill("0");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  await page.waitForTimeout(200);
  await save(page, "Decision tree v2");
  const names = () => versions(page).locator(".version-name").allTextContents();
  expect(await names()).toEqual(["v2", "v1"]);
  await page.getByLabel("Sort versions by").selectOption({ label: "Test accuracy" });
  expect(await names()).toEqual(["v1", "v2"]);

  // Export says what it will write: all of them, or the ticked ones.
  await expect(page.getByTestId("export-scope")).toHaveText("all 2");
  await page.getByRole("checkbox", { name: "Select Decision tree v1" }).check();
  await expect(page.getByTestId("export-scope")).toHaveText("1 ticked");
  await expect(page.getByRole("button", { name: "Export", exact: true })).toHaveAccessibleDescription("1 ticked");
  await page.getByRole("checkbox", { name: "Select Decision tree v1" }).uncheck();
  await expect(page.getByTestId("export-scope")).toHaveText("all 2");

  await item(page, "v1").locator("summary").click();
  await item(page, "v1").getByLabel("Name").fill("deep");
  await item(page, "v1").getByLabel("Name").press("Enter");
  await expect(versions(page).locator(".version-name")).toHaveText(["deep", "v2"]);
  // The Edit panel stays open while its fields are committed one after another.
  await expect(item(page, "deep").locator("details.version-edit")).toHaveAttribute("open", "");
  await item(page, "deep").getByLabel("Tags").fill("moons, depth 5");
  await item(page, "deep").getByLabel("Tags").press("Enter");
  await expect(item(page, "deep").locator(".tags")).toHaveText("moons, depth 5");
  await page.reload();
  await expect(item(page, "deep").locator(".tags")).toHaveText("moons, depth 5");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("hyperplane-versions.json");
  const json = JSON.parse(fs.readFileSync(await file.path(), "utf8"));
  expect(json.versions.map((v) => v.name).sort()).toEqual(["deep", "v2"]);
});

test("without IndexedDB the studio still works and says why versions cannot be kept", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", { get: () => undefined });
  });
  await openStudio(page);
  await expect(notice(page)).toContainText("Saved versions are unavailable");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(notice(page)).toContainText("unavailable");
  await expect(versions(page).getByRole("listitem")).toHaveCount(0);
  await page.getByRole("slider", { name: "C", exact: true }).fill("80");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
});

test("a full storage quota is reported and nothing is lost", async ({ page }) => {
  await openStudio(page);
  await save(page, "SVM v1");
  await page.evaluate(() => {
    IDBObjectStore.prototype.add = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(notice(page)).toContainText("storage for this page is full");
  await expect(versions(page).getByRole("listitem")).toHaveCount(1);
  await page.reload();
  await expect(versions(page).getByRole("listitem")).toHaveCount(1);
});

test("compared surfaces of different data share one scale", async ({ page }) => {
  await openStudio(page);
  await setUp(page, "Moons", "SVM");
  await save(page, "SVM v1");
  await page.getByRole("slider", { name: "Noise" }).fill("50");
  await expect(page.locator("#noise-value")).toHaveText("50%");
  await page.waitForTimeout(300);
  await save(page, "SVM v2");
  await page.getByRole("checkbox", { name: "Select SVM v1" }).check();
  await page.getByRole("checkbox", { name: "Select SVM v2" }).check();
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  const a = page.getByRole("img", { name: "Decision boundary of SVM v1" });
  const b = page.getByRole("img", { name: "Decision boundary of SVM v2" });
  const ea = await a.getAttribute("data-extent");
  expect(ea).toMatch(/^-?\d/);
  expect(await b.getAttribute("data-extent")).toBe(ea);
  await expect(page.locator("table.compare-table").getByRole("row", { name: /Noise/ })).toContainText("0.5");
});

test("restoring a version of other data keeps the points the user drew", async ({ page }) => {
  await openStudio(page);
  await save(page, "SVM v1");
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Draw your own" });
  const canvas = page.getByRole("img", { name: "Decision boundary" });
  const box = await canvas.boundingBox();
  for (const [fx, fy] of [[0.3, 0.3], [0.6, 0.6], [0.4, 0.7]]) {
    await canvas.click({ position: { x: box.width * fx, y: box.height * fy } });
  }
  await expect(page.getByTestId("point-count")).toContainText("3");
  await page.getByRole("button", { name: "Restore SVM v1" }).click();
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("iris");
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Draw your own" });
  await expect(page.getByTestId("point-count")).toContainText("3");
});

test("two tabs: saving, renaming and deleting in one shows in the other, and numbers never clash", async ({ page, context }) => {
  await openStudio(page);
  const other = await context.newPage();
  await openStudio(other);
  await save(page, "SVM v1");
  await expect(other.getByRole("button", { name: "Restore SVM v1" })).toBeVisible();
  // The other tab numbers its save after the one it was told about.
  await save(other, "SVM v2");
  await expect(page.getByRole("button", { name: "Restore SVM v2" })).toBeVisible();
  await item(page, "v1").locator("summary").click();
  await item(page, "v1").getByLabel("Name").fill("wide");
  await item(page, "v1").getByLabel("Name").press("Enter");
  await expect(versions(other).locator(".version-name")).toHaveText(["v2", "wide"]);
  await other.getByRole("button", { name: "Delete SVM v2" }).click();
  await expect(versions(page).getByRole("listitem")).toHaveCount(1);
  await expect(versions(page).locator(".version-name")).toHaveText(["wide"]);
  await page.reload();
  await expect(versions(page).locator(".version-name")).toHaveText(["wide"]);
});

test("imported versions take their place in the chosen order at once, as after a reload", async ({ page }) => {
  await openStudio(page);
  await save(page, "SVM v1");
  const sort = page.getByRole("combobox", { name: "Sort versions by" });
  const names = () => versions(page).getByRole("listitem").evaluateAll((items) => items.map((i) => `${i.querySelector(".version-model").textContent} ${i.querySelector(".version-name").textContent}`));
  for (const [i, order] of ["Newest first", "Name"].entries()) {
    await sort.selectOption({ label: order });
    await page.getByLabel("Import file").setInputFiles(`${__dirname}/fixtures/legacy-versions-v1.json`);
    await expect(notice(page)).toContainText("Imported 13 version(s)");
    const shown = await names();
    expect(shown.length).toBe(1 + 13 * (i + 1));
    expect(new Set(shown).size, JSON.stringify(shown)).toBeGreaterThan(10);
    await page.reload();
    await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
    await expect(versions(page).getByRole("listitem")).toHaveCount(shown.length);
    await sort.selectOption({ label: order });
    expect(await names(), order).toEqual(shown);
  }
});

/** Everything in the browser's store: the versions' records and the shared CSV texts. */
async function stored(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("hyperplane");
        open.onsuccess = () => {
          const tx = open.result.transaction(["versions", "files"], "readonly");
          const out = {};
          tx.objectStore("versions").getAll().onsuccess = (ev) => (out.records = ev.target.result);
          const files = tx.objectStore("files");
          files.getAllKeys().onsuccess = (ev) => (out.fileKeys = ev.target.result);
          files.getAll().onsuccess = (ev) => (out.files = ev.target.result);
          tx.oncomplete = () => {
            open.result.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test("an imported file is stored once, shared by the versions trained on it, and deleted with the last", async ({ page }, info) => {
  await openStudio(page);
  await page.getByRole("button", { name: "Example: penguins" }).click();
  await page.getByRole("dialog", { name: "Import preview" }).getByRole("button", { name: "Use this data" }).click();
  await expect(page.getByTestId("point-count")).toHaveText(/^275 training/);
  await save(page, "SVM v1");
  const accuracy = await page.getByTestId("test-accuracy").textContent();
  await page.getByRole("slider", { name: "C" }).fill("600");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  await save(page, "SVM v2");

  let s = await stored(page);
  expect(s.records).toHaveLength(2);
  for (const r of s.records) {
    const json = JSON.parse(r);
    expect(json.schema).toBe(2);
    expect(json.data.csv.text).toBeUndefined();
    expect(json.data.csv.text_ref).toBe(s.fileKeys[0]);
    expect(r.length).toBeLessThan(20_000);
  }
  expect(s.fileKeys).toHaveLength(1);
  expect(s.files[0].length).toBe(fs.readFileSync("public/examples/penguins.csv", "utf8").length);
  // The schema-2 fixture of crates/hyperplane-core/tests/schema.rs was taken from here.
  fs.writeFileSync(info.outputPath("stored-schema2.json"), JSON.stringify({ record: s.records[0], file_key: s.fileKeys[0], file: s.files[0] }));

  // Read back after a reload, restored exactly; exported whole (no reference in a file).
  await page.reload();
  await expect(versions(page).getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Restore SVM v1", exact: true }).click();
  await expect(notice(page)).toContainText("Restored SVM v1");
  await expect(page.getByTestId("test-accuracy")).toHaveText(accuracy);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export SVM v1" }).click();
  const exported = JSON.parse(fs.readFileSync(await (await download).path(), "utf8"));
  expect(exported.versions[0].schema).toBe(1);
  expect(exported.versions[0].data.csv.text).toBe(s.files[0]);

  // The shared copy stays while a version uses it, and goes with the last.
  await page.getByRole("button", { name: "Delete SVM v1" }).click();
  await expect(versions(page).getByRole("listitem")).toHaveCount(1);
  await expect.poll(async () => (await stored(page)).fileKeys).toHaveLength(1);
  await page.getByRole("button", { name: "Delete SVM v2" }).click();
  await expect(versions(page).getByRole("listitem")).toHaveCount(0);
  s = await stored(page);
  expect(s.records).toHaveLength(0);
  expect(s.fileKeys).toHaveLength(0);
});

test("a version whose shared file is missing is listed as damaged, the others still read", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("button", { name: "Example: penguins" }).click();
  await page.getByRole("dialog", { name: "Import preview" }).getByRole("button", { name: "Use this data" }).click();
  await expect(page.getByTestId("point-count")).toHaveText(/^275 training/);
  await save(page, "SVM v1");
  await page.getByRole("combobox", { name: "Dataset" }).selectOption("moons");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  await save(page, "SVM v2");
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("hyperplane");
        open.onsuccess = () => {
          const tx = open.result.transaction("files", "readwrite");
          tx.objectStore("files").clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
  );
  await page.reload();
  await expect(versions(page).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("damaged-records")).toContainText("is missing from this browser's storage");
});
