// Share link, back/forward through earlier settings, and links that cannot be read.
const { test, expect } = require("@playwright/test");
const { openStudio, surfacePixels, surfaceChangedFrom } = require("./helpers");

test("a shared link opened in a new browser reproduces the model and picture", async ({ page, browser }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "SVM" });
  let before = await surfacePixels(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Moons" });
  before = await surfaceChangedFrom(page, before);
  await page.getByRole("combobox", { name: "Kernel" }).selectOption({ label: "rbf" });
  before = await surfaceChangedFrom(page, before);
  await page.getByRole("slider", { name: "C", exact: true }).fill("70");
  const pixels = await surfaceChangedFrom(page, before);
  const accuracy = await page.getByTestId("test-accuracy").textContent();
  await page.getByRole("button", { name: "Share link" }).click();
  await expect(page.getByTestId("share-status")).toContainText("ink");
  const link = await page.getByRole("textbox", { name: "Link" }).inputValue();
  expect(link).toContain("#data=moons");
  expect(link).toContain("kernel=rbf");

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId("test-accuracy")).toHaveText(accuracy);
  await expect.poll(() => surfacePixels(other)).toBe(pixels);
  await expect(other.getByRole("combobox", { name: "Kernel" })).toHaveValue("rbf");
  await expect(other.locator("[role=alert]")).toHaveCount(0);
  await fresh.close();
});

test("drawn points travel in the link", async ({ page, browser }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Draw your own" });
  const canvas = page.getByRole("img", { name: "Decision boundary" });
  const box = await canvas.boundingBox();
  const spots = [[0.3, 0.3, "Class A"], [0.35, 0.4, "Class A"], [0.7, 0.7, "Class B"], [0.65, 0.6, "Class B"]];
  for (const [fx, fy, cls] of spots) {
    await page.getByRole("button", { name: cls }).click();
    await canvas.click({ position: { x: box.width * fx, y: box.height * fy } });
  }
  await expect(page.getByTestId("point-count")).toContainText("4");
  const pixels = await surfacePixels(page);
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: "Link" }).inputValue();
  expect(link).toContain("points=");
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId("point-count")).toContainText("4");
  await expect.poll(() => surfacePixels(other)).toBe(pixels);
  await fresh.close();
});

test("back and forward restore earlier settings", async ({ page }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "XOR" });
  await expect.poll(() => page.url()).toContain("data=xor");
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "k-NN" });
  await expect.poll(() => page.url()).toContain("model=knn");
  await page.goBack();
  await expect(page.getByRole("combobox", { name: "Model", exact: true })).toHaveValue("svm");
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("xor");
  await page.goBack();
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("iris");
  await page.goForward();
  await page.goForward();
  await expect(page.getByRole("combobox", { name: "Model", exact: true })).toHaveValue("knn");
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("xor");
});

test("a malformed or hostile link falls back to the defaults with a notice", async ({ page }) => {
  await openStudio(page);
  const defaults = await page.getByTestId("test-accuracy").textContent();
  for (const bad of ["#C=-5", "#data=moons&evil=%3Cscript%3E", "#model=svm&model=knn", "#data=drawn&points=!!"]) {
    await page.goto("./" + bad);
    await page.reload();
    await expect(page.getByRole("alert")).toContainText("could not be used");
    await expect(page.getByTestId("test-accuracy")).toHaveText(defaults);
    await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("iris");
  }
});

test("a network's link replays its training to the same epoch and picture", async ({ page, browser }) => {
  await openStudio(page);
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  const before = await surfacePixels(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Circle" });
  await surfaceChangedFrom(page, before);
  for (let i = 0; i < 25; i++) await page.getByRole("button", { name: "Step" }).click();
  await expect(page.getByTestId("epoch")).toHaveText("25");
  const pixels = await surfacePixels(page);
  const loss = await page.getByTestId("train-loss").textContent();
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: "Link" }).inputValue();
  expect(link).toContain("epoch=25");
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId("epoch")).toHaveText("25");
  await expect.poll(() => surfacePixels(other)).toBe(pixels);
  await expect(other.getByTestId("train-loss")).toHaveText(loss);
  await fresh.close();
});

test("a link's long replay stops when the user resets or picks another model", async ({ page }) => {
  const link = "#data=circle&model=mlp&hidden=8-8-8-8-8-8&epoch=200000";
  const model = (p) => p.getByRole("combobox", { name: "Model", exact: true });
  for (const [what, act] of [
    ["Reset", (p) => p.getByRole("button", { name: "Reset" }).click()],
    ["another model and back", async (p) => {
      await model(p).selectOption({ label: "SVM" });
      await p.waitForTimeout(300);
      await model(p).selectOption({ label: "Neural network" });
    }],
  ]) {
    await page.goto(`./${link}`);
    await expect.poll(async () => Number(await page.getByTestId("epoch").textContent()), what).toBeGreaterThan(0);
    await act(page);
    await page.waitForTimeout(300);
    const after = await page.getByTestId("epoch").textContent();
    // Nothing trains behind the user's back (Reset leaves epoch 0; the network picked
    // again is where the replay stopped).
    await page.waitForTimeout(1000);
    await expect(page.getByTestId("epoch"), what).toHaveText(after);
    if (what === "Reset") expect(after).toBe("0");
  }
});
