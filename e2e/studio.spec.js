// The interactive studio: every dataset and model, the data sliders, and the network's
// training animation.
const { test, expect } = require("@playwright/test");
const { openStudio, surfacePixels, surfaceChangedFrom, importFile } = require("./helpers");

const DATASETS = ["Iris", "Wine", "Breast cancer", "Circle", "XOR", "Gaussian", "Spiral", "Moons", "Blobs"];
const MODELS = ["SVM", "Linear SVM (gradient descent)", "Logistic regression", "Neural network", "k-NN", "Decision tree"];

/** Share of the surface's pixels that are not plain white (a drawn surface has many). */
async function inkShare(page) {
  return page.getByRole("img", { name: "Decision boundary" }).evaluate((c) => {
    const ctx = c.getContext("2d");
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) ink++;
    return ink / (data.length / 4);
  });
}

test("every dataset and model draws a surface with a plausible accuracy", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openStudio(page);
  for (const dataset of DATASETS) {
    await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: dataset });
    for (const model of MODELS) {
      await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: model });
      if (model === "Neural network") {
        await page.getByRole("button", { name: "Step" }).click();
        await expect(page.getByTestId("epoch")).not.toHaveText("0");
      }
      await expect(page.getByTestId("test-accuracy")).toHaveText(/^\d{1,3}\.\d%$/);
      const acc = parseFloat(await page.getByTestId("test-accuracy").textContent());
      expect(acc, `${dataset} / ${model}`).toBeGreaterThanOrEqual(20);
      expect(await inkShare(page), `${dataset} / ${model}`).toBeGreaterThan(0.3);
    }
  }
  expect(errors).toEqual([]);
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("noise and training ratio regenerate the data and redraw", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Circle" });
  await expect(page.getByTestId("point-count")).toHaveText("250 training · 250 test");
  const before = await surfacePixels(page);
  await page.getByRole("slider", { name: "Noise" }).fill("30");
  await expect(page.locator("#noise-value")).toHaveText("30%");
  const noisy = await surfaceChangedFrom(page, before);
  await page.getByRole("slider", { name: "Training ratio" }).fill("60");
  await expect(page.getByTestId("point-count")).toHaveText("350 training · 150 test");
  const split = await surfaceChangedFrom(page, noisy);
  await page.getByRole("button", { name: "Regenerate" }).click();
  await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue("43");
  await surfaceChangedFrom(page, split);
});

test("play trains the network on circle: the epoch advances and the loss falls", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Circle" });
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  await expect(page.getByRole("img", { name: "Loss curve" })).toBeVisible();
  await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("1");
  const first = parseFloat(await page.getByTestId("train-loss").textContent());
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(async () => parseInt(await page.getByTestId("epoch").textContent(), 10), { timeout: 15_000 }).toBeGreaterThan(300);
  await page.getByRole("button", { name: "Pause" }).click();
  const later = parseFloat(await page.getByTestId("train-loss").textContent());
  expect(later).toBeLessThan(first * 0.5);
  await expect(page.getByTestId("test-accuracy")).toHaveText(/^(9\d|100)\.\d%$/);
  // Reset keeps the seed: the same start
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByTestId("train-loss")).toHaveText(first.toFixed(4));
});

test("changing the learning rate while playing keeps training without a reset", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "XOR" });
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(async () => parseInt(await page.getByTestId("epoch").textContent(), 10)).toBeGreaterThan(50);
  const at = parseInt(await page.getByTestId("epoch").textContent(), 10);
  await page.getByRole("slider", { name: "Learning rate" }).fill("500");
  await expect.poll(async () => parseInt(await page.getByTestId("epoch").textContent(), 10)).toBeGreaterThan(at + 50);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("a very high learning rate never shows NaN: the loss stays a number or divergence is explained", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Gaussian" });
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  await page.getByRole("combobox", { name: "Activation" }).selectOption("relu");
  await page.getByRole("slider", { name: "Learning rate" }).fill("1000");
  await expect(page.locator("#learning-rate-value")).toHaveText("3.00");
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForTimeout(2000);
  const alerts = await page.locator("[role=alert]").allTextContents();
  if (alerts.length > 0) {
    expect(alerts.join(" ")).toContain("diverged");
  } else {
    await page.getByRole("button", { name: "Pause" }).click();
    const loss = await page.getByTestId("train-loss").textContent();
    expect(Number.isFinite(parseFloat(loss)), loss).toBe(true);
    await expect(page.getByTestId("test-accuracy")).toHaveText(/^\d{1,3}\.\d%$/);
  }
});

test("the network view shows a weight on hover and lets the user type a new one", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Circle" });
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  const net = page.getByRole("img", { name: "Network" });
  await expect(net).toBeVisible();
  await net.scrollIntoViewIfNeeded();
  const box = await net.boundingBox();
  // Scan a vertical line between the inputs and the first hidden layer for a connection.
  let found = false;
  for (let y = box.y + 5; y < box.y + box.height - 5 && !found; y += 3) {
    await page.mouse.move(box.x + box.width * 0.18, y);
    found = /weight -?\d/.test(await page.getByTestId("edge-hover").textContent());
    if (found) await page.mouse.click(box.x + box.width * 0.18, y);
  }
  expect(found).toBe(true);
  const before = await surfacePixels(page);
  const editor = page.getByRole("textbox", { name: /^Weight / });
  await expect(editor).toBeVisible();
  // The click puts the focus in the weight field.
  await expect(editor).toBeFocused();
  await editor.fill("not a number");
  await page.getByRole("button", { name: "Set weight" }).click();
  await expect(page.locator("[role=alert]")).toContainText("not a number");
  await editor.fill("6");
  await page.getByRole("button", { name: "Set weight" }).click();
  await expect(page.getByRole("textbox", { name: /^Weight / })).toHaveCount(0);
  await surfaceChangedFrom(page, before);
});

test("the network's weights can be read and set from the keyboard alone", async ({ page }) => {
  await page.goto("./#data=circle&model=mlp");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  const net = page.getByRole("img", { name: "Network" });
  await net.focus();
  await expect(net).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("edge-hover")).toContainText(/→ .*weight -?\d/);
  const first = await page.getByTestId("edge-hover").textContent();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("edge-hover")).not.toHaveText(first);
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("edge-hover")).toHaveText(first);
  const before = await surfacePixels(page);
  await page.keyboard.press("Enter");
  const editor = page.getByRole("textbox", { name: /^Weight / });
  await expect(editor).toBeFocused();
  await page.keyboard.type("5");
  await page.keyboard.press("Enter");
  await expect(editor).toHaveCount(0);
  await expect(net).toBeFocused();
  await surfaceChangedFrom(page, before);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("edge-hover")).toContainText("weight 5.000");
});

test("hovering the surface tells the coordinates and the model's answer", async ({ page }) => {
  await openStudio(page);
  const surface = page.getByRole("img", { name: "Decision boundary" });
  const box = await surface.boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.45);
  await expect(page.getByTestId("hover-info")).toContainText("predicted");
  await expect(page.getByTestId("hover-info")).toContainText("sepal length (cm) =");
  await page.mouse.move(box.x - 20, box.y - 20);
  await expect(page.getByTestId("hover-info")).toHaveCount(0);
});

test("the number of points and of blob classes change the data", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Blobs" });
  await expect(page.getByTestId("point-count")).toHaveText("250 training · 250 test");
  await page.getByRole("slider", { name: "Points" }).fill("15");
  await expect(page.getByTestId("point-count")).toHaveText("100 training · 100 test");
  await page.getByRole("slider", { name: "Classes" }).fill("3");
  await expect(page.locator("#classes-value")).toHaveText("5");
  await expect(page.getByRole("table", { name: "Confusion matrix" }).locator("tbody tr")).toHaveCount(5);
});

test("draw your own data: clicks add points of the chosen class, right-click and Clear remove them", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Draw your own" });
  await expect(page.getByTestId("point-count")).toHaveText("0 points");
  const surface = page.getByRole("img", { name: "Decision boundary" });
  await surface.scrollIntoViewIfNeeded();
  const box = await surface.boundingBox();
  const at = (fx, fy) => [box.x + box.width * fx, box.y + box.height * fy];
  for (const [fx, fy] of [[0.25, 0.3], [0.3, 0.5], [0.22, 0.6], [0.35, 0.35]]) await page.mouse.click(...at(fx, fy));
  await expect(page.getByTestId("point-count")).toHaveText("4 points");
  await page.getByRole("button", { name: "Class B" }).click();
  await expect(page.getByRole("button", { name: "Class B" })).toHaveAttribute("aria-pressed", "true");
  for (const [fx, fy] of [[0.75, 0.3], [0.8, 0.5], [0.72, 0.6], [0.85, 0.35]]) await page.mouse.click(...at(fx, fy));
  await expect(page.getByTestId("point-count")).toHaveText("8 points");
  await expect(page.getByTestId("train-accuracy")).toHaveText("100.0%");
  const before = await surfacePixels(page);
  await page.mouse.click(...at(0.8, 0.5), { button: "right" });
  await expect(page.getByTestId("point-count")).toHaveText("7 points");
  await surfaceChangedFrom(page, before);
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.getByTestId("point-count")).toHaveText("0 points");
});

test("CSV import: a good file becomes the data; a bad one says where and changes nothing", async ({ page }) => {
  await openStudio(page);
  const rows = ["length,width,height,species"];
  for (let i = 0; i < 40; i++) {
    const c = i % 2;
    rows.push(`${(c * 3 + (i % 7) * 0.3).toFixed(2)},${(c * 2 + (i % 5) * 0.2).toFixed(2)},${(i % 3).toFixed(1)},${c ? "tall" : "short"}`);
  }
  await importFile(page, "plants.csv", rows.join("\n"));
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("imported");
  await expect(page.getByTestId("point-count")).toHaveText("32 training · 8 test");
  await expect(page.getByRole("combobox", { name: "Target column" })).toHaveValue("species");
  await expect(page.getByRole("combobox", { name: "Horizontal axis" })).toContainText("length");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
  const before = await surfacePixels(page);

  const bad = "length,width,height,species\n1,2,3,tall\n2,1,short\n";
  await page.getByLabel("Import CSV").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  const preview = page.getByRole("dialog", { name: "Import preview" });
  await expect(preview.locator("[role=alert]").first()).toContainText("line 3");
  await expect(preview.getByRole("button", { name: "Use this data" })).toBeDisabled();
  await preview.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("point-count")).toHaveText("32 training · 8 test");
  expect(await surfacePixels(page)).toBe(before);
});

test("with x1² and x2² as inputs a network without hidden layers learns the circle", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Circle" });
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  await page.getByRole("checkbox", { name: "x₁²" }).check();
  await page.getByRole("checkbox", { name: "x₂²" }).check();
  await page.getByRole("checkbox", { name: "x₁", exact: true }).uncheck();
  await page.getByRole("checkbox", { name: "x₂", exact: true }).uncheck();
  await page.getByRole("button", { name: "Remove hidden layer" }).click();
  await page.getByRole("button", { name: "Remove hidden layer" }).click();
  await expect(page.getByTestId("hidden-layers")).toHaveText("none");
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(async () => parseInt(await page.getByTestId("epoch").textContent(), 10)).toBeGreaterThan(300);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect.poll(async () => parseFloat(await page.getByTestId("test-accuracy").textContent())).toBeGreaterThanOrEqual(95);
});

test("the seed's linear SVM by gradient descent: more epochs move the boundary towards the SVM's", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Gaussian" });
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Linear SVM (gradient descent)" });
  await expect(page.getByTestId("objective")).toContainText("0.010");
  await page.getByRole("slider", { name: "Epochs" }).fill("0");
  await expect(page.locator("#gd-epochs-value")).toHaveText("1");
  const early = await surfacePixels(page);
  await page.getByRole("slider", { name: "Epochs" }).fill("1000");
  await expect(page.locator("#gd-epochs-value")).toHaveText("5000");
  await surfaceChangedFrom(page, early);
  await expect.poll(async () => parseFloat(await page.getByTestId("test-accuracy").textContent())).toBeGreaterThan(90);
});

test("dataset thumbnails pick their dataset", async ({ page }) => {
  await openStudio(page);
  const spiral = page.getByRole("button", { name: "Pick the Spiral dataset" });
  await expect(spiral).toHaveAttribute("aria-pressed", "false");
  await spiral.click();
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("spiral");
  await expect(spiral).toHaveAttribute("aria-pressed", "true");
  // Every built-in set has a picture: the bundled ones and the regression ones too.
  const names = ["Iris", "Wine", "Breast cancer", "Circle", "XOR", "Gaussian", "Spiral", "Moons", "Blobs",
    "Plane (regression)", "Gaussians (regression)"];
  await expect(page.getByRole("button", { name: /^Pick the .* dataset$/ })).toHaveCount(names.length);
  for (const name of names) {
    const ink = () => page.getByRole("button", { name: `Pick the ${name} dataset` }).locator("canvas").evaluate((c) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 240 || d[i + 2] < 240) n++;
      return n;
    });
    await expect.poll(ink, { message: name }).toBeGreaterThan(50);
  }
  await page.getByRole("button", { name: "Pick the Gaussians (regression) dataset" }).click();
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("reg-gauss");
  await expect(page.getByTestId("test-r2")).toHaveText(/^-?\d\.\d{3}$/);
  await page.getByRole("button", { name: "Pick the Wine dataset" }).click();
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("wine");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/%$/);
});

test("wine's and breast cancer's thumbnails show at once, without their files", async ({ page }) => {
  // Their pictures are compiled in: the files are fetched only when one is picked.
  const asked = [];
  await page.route(/\/data\/(wine|breast_cancer)\.csv$/, (route) => {
    asked.push(route.request().url());
    return route.abort();
  });
  await openStudio(page);
  for (const name of ["Wine", "Breast cancer"]) {
    const ink = await page.getByRole("button", { name: `Pick the ${name} dataset` }).locator("canvas").evaluate((c) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 240 || d[i + 2] < 240) n++;
      return n;
    });
    expect(ink, name).toBeGreaterThan(50);
  }
  await page.waitForTimeout(2000);
  expect(asked).toEqual([]);
});

test("a link to wine opens on wine: its file is fetched and the model fitted as soon as it arrives", async ({ page }) => {
  await page.goto("./#data=wine&model=logistic&x=0&y=6");
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("wine");
  await expect(page.getByTestId("test-accuracy")).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(page.getByTestId("point-count")).toHaveText("142 training · 36 test");
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("a network stuck far above guessing is flagged as not learning, and saved with the flag", async ({ page }) => {
  await page.goto("./#data=moons&n=1000&model=mlp&lr=3&batch=1");
  await expect(page.getByTestId("frame-time")).toContainText("ms");
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(async () => parseInt(await page.getByTestId("epoch").textContent(), 10), { timeout: 20_000 }).toBeGreaterThan(260);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0); // it did not diverge
  await expect(page.getByTestId("not-learning")).toHaveText(
    /^Not learning: the training loss is \d+\.\d\d, above the 0\.69 that guessing every class scores\. Lower the learning rate or raise the batch size, then press Reset\.$/,
  );
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByRole("list", { name: "Versions" }).locator(".badge.warn")).toContainText(["not learning"]);
  // A rate that learns clears it.
  await page.getByRole("slider", { name: "Learning rate" }).fill("600");
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("not-learning")).toHaveCount(0);
});

for (const width of [1280, 390]) {
  test(`at ${width} px every model's objective fits its box, never cut off`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await openStudio(page);
    for (const model of ["svm", "linear-svm-gd", "logistic", "mlp", "knn", "tree"]) {
      await page.getByRole("combobox", { name: "Model", exact: true }).selectOption(model);
      const math = page.getByTestId("objective");
      await expect(math).toBeVisible();
      await expect
        .poll(() => math.evaluate((e) => e.scrollWidth - e.clientWidth), { message: model })
        .toBeLessThanOrEqual(1);
    }
  });
}

test("every chart's axes read round numbers (5, 10, 1k, 0.5), never 5.0 or 1000.0", async ({ page }) => {
  // The canvases' tick labels are text drawn by fillText: record it.
  await page.addInitScript(() => {
    window.drawnTexts = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      window.drawnTexts.push(String(text));
      return fill.call(this, text, ...rest);
    };
  });
  const round = /^-?(0|[1-9]\d*)(\.\d*[1-9])?[kM]?$/;
  const drawnNumbers = async () =>
    (await page.evaluate(() => window.drawnTexts.splice(0))).filter((t) => /^-?[\d.]+(e-?\d+)?[kM]?$/.test(t));
  for (const hash of ["#data=breast-cancer&model=logistic", "#data=reg-gauss", "#data=iris&model=tree"]) {
    await page.goto(`./${hash}`);
    await expect(page.getByTestId("frame-time")).toContainText("ms");
    const numbers = await drawnNumbers();
    expect(numbers.length, hash).toBeGreaterThan(6);
    for (const n of numbers) expect(n, hash).toMatch(round);
  }
  // The loss chart, past a thousand epochs.
  await page.goto("./#data=circle&model=mlp");
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(async () => parseInt(await page.getByTestId("epoch").textContent(), 10), { timeout: 20_000 }).toBeGreaterThan(2000);
  await page.getByRole("button", { name: "Pause" }).click();
  const numbers = await drawnNumbers();
  expect(numbers.some((n) => /k$/.test(n)), numbers.join(" ")).toBe(true);
  for (const n of numbers) expect(n).toMatch(round);
  // The sweeps' curves (SVG).
  await page.goto("./");
  await page.getByRole("button", { name: "Sweeps" }).click();
  const curve = page.getByRole("region", { name: "Parameter sweeps" }).locator("figure", { has: page.getByRole("img", { name: "Validation curve" }) });
  await expect(curve.locator(".sweep-status")).toHaveText(/points in/, { timeout: 30_000 });
  const labels = await curve.locator(".ticks text").allTextContents();
  expect(labels.length).toBeGreaterThan(5);
  for (const n of labels) expect(n).toMatch(round);
});
