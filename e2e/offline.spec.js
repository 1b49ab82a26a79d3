// The service worker: after one visit the studio (and an embed) opens offline under its
// sub-path; a new build is installed beside the old one, offered, and used only when the
// user reloads; a half-deployed build is never installed.
const { spawn, execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { test, expect } = require("@playwright/test");

test.use({ serviceWorkers: "allow" });

const ROOT = path.resolve(__dirname, "..");
const PORT = 4188;

/** A copy of the build served on its own port, so a test can deploy a "new" build. */
async function serveCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hyperplane-deploy-"));
  fs.cpSync(path.join(ROOT, "dist"), dir, { recursive: true });
  const server = spawn("node", ["e2e/serve.mjs", "--root", dir, "--port", String(PORT), "--base", "/hyperplane/"], { cwd: ROOT, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 400));
  return { dir, url: `http://127.0.0.1:${PORT}/hyperplane/`, stop: () => { server.kill(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Rewrites the copy's index.html with `marker`, and (if `deploySw`) its sw.js to match. */
function deploy(dir, marker, deploySw) {
  const index = path.join(dir, "index.html");
  fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace("</body>", `<!-- ${marker} -->\n</body>`));
  if (deploySw) execFileSync("python3", [path.join(ROOT, "scripts/post_build.py"), dir]);
}

async function firstPicture(page) {
  await expect(page.getByTestId("test-accuracy")).toHaveText(/^\d{1,3}\.\d%$/, { timeout: 20_000 });
}

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
}

test("after one visit the studio, its worker, the chunks fetched on first use and an embed work offline", async ({ page, context }) => {
  await page.goto("./");
  await firstPicture(page);
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await firstPicture(page);
  // Wine is a file fetched when first needed: the cache has it too.
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Wine" });
  await expect(page.getByTestId("point-count")).toHaveText("89 training · 89 test");
  await firstPicture(page);
  // The network trains in its worker, whose files come from the cache too.
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "Neural network" });
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(async () => Number(await page.getByTestId("epoch").textContent())).toBeGreaterThan(500);
  await page.getByRole("button", { name: "Pause" }).click();
  // The comparison and the sweeps are chunks never fetched on the first visit: the
  // service worker installed them with the rest.
  await page.getByRole("button", { name: "Compare models" }).click();
  await expect(page.getByRole("region", { name: "Model comparison" }).getByRole("img").first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: "Sweeps" }).click();
  await expect(page.getByRole("region", { name: "Parameter sweeps" })).toBeVisible({ timeout: 20_000 });
  await page.goto("./?embed=surface&controls=C#data=moons&model=svm&kernel=rbf");
  await expect(page.getByRole("img", { name: "Decision boundary" })).toBeVisible();
  await expect(page.getByRole("slider", { name: "C" })).toBeVisible();
  await expect(page.locator("[role=alert]")).toHaveCount(0);
});

test("a new build is offered and used only when the user reloads; a half-deployed one is not installed", async ({ page }) => {
  const site = await serveCopy();
  try {
    await page.goto(site.url);
    await firstPicture(page);
    await controlled(page);
    const update = () => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()).catch(() => {}));
    const banner = page.getByRole("status").filter({ hasText: "A newer version of Hyperplane is ready." });

    // A new sw.js, but index.html changed again after it was written (a deployment
    // caught half-way): its hash does not match, so that build is not installed.
    deploy(site.dir, "half-deployed", true);
    deploy(site.dir, "and changed again", false);
    await update();
    await page.waitForTimeout(1500);
    await expect(banner).toBeHidden();
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!(r.waiting || r.installing)))).toBe(false);

    deploy(site.dir, "build two", true);
    await update();
    await expect(banner).toBeVisible({ timeout: 15_000 });
    // Until asked, the page keeps running on its own build.
    await page.reload();
    await firstPicture(page);
    expect(await page.content()).not.toContain("build two");
    await expect(banner).toBeVisible();
    const reloaded = page.waitForNavigation();
    await page.getByRole("button", { name: "Reload to update" }).click();
    await reloaded;
    expect(await page.content()).toContain("build two");
    await firstPicture(page);
    await expect(banner).toBeHidden();
  } finally {
    site.stop();
  }
});
