// The UI contract: every control has an accessible name, every canvas is an image with
// a label, in every model's panel.
const { test, expect } = require("@playwright/test");
const { openStudio } = require("./helpers");

async function unnamedControls(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll("input, select, button, canvas")) {
      if (el.closest("[aria-hidden=true]")) continue;
      if (el.tagName === "CANVAS") {
        if (el.getAttribute("role") !== "img" || !el.getAttribute("aria-label")) bad.push(el.outerHTML.slice(0, 80));
        continue;
      }
      const labelled =
        el.getAttribute("aria-label") ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)) ||
        el.closest("label") ||
        (el.tagName === "BUTTON" && el.textContent.trim());
      if (!labelled) bad.push(el.outerHTML.slice(0, 80));
    }
    return bad;
  });
}

test("every control and canvas is named, in every model's panel", async ({ page }) => {
  await openStudio(page);
  for (const model of ["svm", "linear-svm-gd", "logistic", "mlp", "knn", "tree"]) {
    await page.getByRole("combobox", { name: "Model", exact: true }).selectOption(model);
    expect(await unnamedControls(page), model).toEqual([]);
  }
  await page.getByRole("combobox", { name: "Dataset" }).selectOption("drawn");
  expect(await unnamedControls(page), "drawn").toEqual([]);
});

test("the controls can be used from the keyboard", async ({ page }) => {
  await openStudio(page);
  const c = page.getByRole("slider", { name: "C", exact: true });
  await c.focus();
  const before = await page.locator("#c-value").textContent();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.locator("#c-value")).not.toHaveText(before);
  await page.getByRole("combobox", { name: "Kernel" }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("combobox", { name: "Kernel" })).toHaveValue("rbf");
});

test("the canvases say what they show, and training news is spoken a few times a run", async ({ page }) => {
  await openStudio(page);
  const surface = page.getByRole("img", { name: "Decision boundary" });
  await expect(surface).toHaveAccessibleDescription(
    "SVM on Iris, plotted over sepal length (cm) and sepal width (cm): 3 regions (setosa, versicolor, virginica); test accuracy 83.3%, training accuracy 79.2%.",
  );
  await page.getByRole("combobox", { name: "Dataset" }).selectOption("moons");
  await expect(surface).toHaveAccessibleDescription(/^SVM on Moons, plotted over x1 and x2: 2 regions \(0, 1\); test accuracy \d{1,3}\.\d%, training accuracy \d{1,3}\.\d%\.$/);

  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption("mlp");
  await expect(page.getByRole("img", { name: "Network" })).toHaveAccessibleDescription(
    /^A network with layers of 2, 4, 2, 2 neurons, inputs first; .* The strongest connection is .* weight -?\d+\.\d{3}\.$/,
  );
  const loss = page.getByRole("img", { name: "Loss curve" });
  await expect(loss).toHaveAccessibleDescription("Loss against epochs: no epoch trained yet.");

  // Spoken: each power of ten the epoch passes, and the pause; not every frame.
  const news = page.getByTestId("training-news");
  await expect(news).toHaveAttribute("aria-live", "polite");
  const spoken = await page.evaluate(() => {
    const el = document.querySelector("[data-testid=training-news]");
    const said = [];
    new MutationObserver(() => said.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
    window.__said = said;
    // The canvases' descriptions follow the training a few times a second, not every frame.
    window.__described = 0;
    const count = () => window.__described++;
    for (const id of ["loss-description", "network-description"]) {
      new MutationObserver(count).observe(document.getElementById(id), { childList: true, characterData: true, subtree: true });
    }
  });
  await page.getByRole("button", { name: "Play" }).click();
  await expect(news).toHaveText(/^Epoch 1,000 passed: training loss \d+\.\d{4}, test loss \d+\.\d{4}\.$/, { timeout: 10_000 });
  await page.waitForTimeout(1000);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(news).toHaveText(/^Paused at epoch [\d,]+: training loss \d+\.\d{4}, test loss \d+\.\d{4}\.$/);
  const said = await page.evaluate(() => window.__said);
  expect(said.length).toBeLessThanOrEqual(6);
  expect(said[0]).toMatch(/^Epoch 100 passed/);
  await expect(loss).toHaveAccessibleDescription(/^Loss against epochs, from epoch \d+ to \d+: training loss \d+\.\d{4} to \d+\.\d{4}, test loss \d+\.\d{4} to \d+\.\d{4}\.$/);
  // Paused, the description has caught up with the last epoch shown.
  const epoch = await page.getByTestId("epoch").textContent();
  await expect(loss).toHaveAccessibleDescription(new RegExp(`to ${epoch.replace(/,/g, "")}: training`));
  // About two seconds of play: each description changed at most every half second (two
  // of them, plus the catch-up at the pause), not at every one of ~120 frames.
  const described = await page.evaluate(() => window.__described);
  expect(described).toBeGreaterThan(1);
  expect(described).toBeLessThanOrEqual(16);
});

test("the surface works from the keyboard: a cursor reads the model and adds and removes points", async ({ page }) => {
  await openStudio(page);
  const surface = page.getByRole("img", { name: "Decision boundary" });
  // On any data the cursor reads the model where it stands.
  await surface.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("key-cursor")).toBeVisible();
  await expect(page.getByTestId("hover-info")).toContainText("predicted");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("key-cursor")).toHaveCount(0);
  // On drawn data Enter adds a point of the chosen class there, Delete removes it.
  await page.getByRole("combobox", { name: "Dataset" }).selectOption("drawn");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  const count = page.getByTestId("point-count");
  const before = await count.textContent();
  await surface.focus();
  for (const key of ["ArrowLeft", "ArrowLeft", "Shift+ArrowUp"]) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect(count).not.toHaveText(before);
  await page.keyboard.press("Delete");
  await expect(count).toHaveText(before);
  // Focus leaving the surface takes the cursor away.
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("key-cursor")).toHaveCount(0);
});

test("a whole task from the keyboard alone: data, an edited point, training, two versions, comparing, exporting", async ({ page }) => {
  await openStudio(page);
  // Every step reaches its control with Tab or Shift+Tab from the one before, as a
  // keyboard user would, and the control shows where the focus is.
  async function tabTo(locator, backwards = false) {
    for (let i = 0; i < 120; i++) {
      if (await locator.evaluate((e) => e === document.activeElement)) {
        const outline = await locator.evaluate((e) => getComputedStyle(e).outlineStyle);
        expect(outline, "a visible focus").not.toBe("none");
        return;
      }
      await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    }
    throw new Error(`Tab never reached ${locator}`);
  }
  const count = page.getByTestId("point-count");
  const total = async () => (await count.textContent()).match(/\d+/g).map(Number).reduce((a, b) => a + b, 0);
  const dataset = page.getByRole("combobox", { name: "Dataset" });
  await tabTo(dataset);
  await page.keyboard.type("Moons");
  await expect(dataset.locator("option:checked")).toHaveText("Moons");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  await page.waitForTimeout(600);
  const n0 = await total();
  // Class 1's brush, then a point added and removed with the surface's cursor.
  await tabTo(page.getByRole("button", { name: "1", exact: true }));
  await page.keyboard.press("Enter");
  const surface = page.getByRole("img", { name: "Decision boundary" });
  await tabTo(surface, true);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowLeft");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowUp");
  await page.keyboard.press("Enter");
  await expect(dataset.locator("option:checked")).toHaveText("Moons, edited");
  await expect.poll(total).toBe(n0 + 1);
  await page.keyboard.press("Delete");
  await expect.poll(total).toBe(n0);
  await page.keyboard.press("Enter");
  await expect.poll(total).toBe(n0 + 1);
  // The network, trained a while.
  const model = page.getByRole("combobox", { name: "Model", exact: true });
  await tabTo(model);
  await page.keyboard.type("Neural");
  await expect(model.locator("option:checked")).toHaveText("Neural network");
  await tabTo(page.getByRole("button", { name: "Play" }));
  await page.keyboard.press("Enter");
  await expect.poll(async () => Number((await page.getByTestId("epoch").textContent()).replace(/,/g, ""))).toBeGreaterThan(50);
  await page.keyboard.press("Enter"); // the same button, now Pause
  await expect(page.getByRole("button", { name: "Play" })).toBeFocused();
  // Saved, a slower learning rate, saved again.
  const save = page.getByRole("button", { name: "Save version" });
  await tabTo(save);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("registry-notice")).toContainText("Saved");
  const rate = page.getByRole("slider", { name: "Learning rate" });
  await tabTo(rate, true);
  const before = await page.locator("#learning-rate-value").textContent();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  await expect(page.locator("#learning-rate-value")).not.toHaveText(before);
  await tabTo(save);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("checkbox", { name: /^Select / })).toHaveCount(2);
  // Both ticked with Space, compared, and the comparison closed.
  for (const box of await page.getByRole("checkbox", { name: /^Select / }).all()) {
    await tabTo(box);
    await page.keyboard.press("Space");
    await expect(box).toBeChecked();
  }
  await tabTo(page.getByRole("button", { name: "Compare", exact: true }), true);
  await page.keyboard.press("Enter");
  await expect(page.locator("table.compare-table")).toBeVisible();
  await tabTo(page.getByRole("button", { name: "Close comparison" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("table.compare-table")).toHaveCount(0);
  // Exported: both versions in one file.
  const exportAll = page.getByRole("button", { name: "Export", exact: true });
  await tabTo(exportAll);
  const pending = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  const file = JSON.parse(require("fs").readFileSync(await (await pending).path(), "utf8"));
  expect(file.versions).toHaveLength(2);
});
