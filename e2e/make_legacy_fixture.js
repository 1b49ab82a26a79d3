// One-off script (not a spec): how e2e/fixtures/legacy-versions-v1.json and
// legacy-versions-v1.expected.json were made. It drives a built page (dist/) in Debian's
// Chromium, saves one version of each kind of model on a range of datasets, records what
// the page showed for each at save time (scores, epoch, the dataset and model pickers, the
// sliders' shown values and a hash of the surface's pixels), then exports all versions.
// e2e/legacy_fixture.spec.js imports that file into later builds and checks that every
// version still restores to exactly what was recorded.
//
// It was run once, on commit 8eee41d (before the refactor), from a worktree of it:
//   cd /tmp/base && PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH" trunk build --release --offline
//   node /work/main/e2e/make_legacy_fixture.js --root /tmp/base/dist --out /work/main/e2e/fixtures
// Re-running it overwrites the fixture; do that only on purpose (the point of the fixture
// is that it was written by the old build).
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const { spawn, execSync } = require("child_process");
const { chromium } = require("@playwright/test");
const config = require("./playwright.config.js");

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const root = path.resolve(args.root ?? "dist");
// Not 4190: that is ManageSieve's port, which fetch() and Chromium refuse ("bad port").
const port = Number(args.port ?? 4191);
const out = path.resolve(args.out ?? path.join(__dirname, "fixtures"));
const base = `http://127.0.0.1:${port}/hyperplane/`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value (returned), or throws after `ms`. */
async function until(what, fn, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const SCORE_IDS = ["test-accuracy", "train-accuracy", "test-r2", "train-r2", "test-mse", "train-mse", "epoch", "train-loss", "test-loss"];

/** Everything the page shows that a restore must bring back. */
async function snapshot(page) {
  return page.evaluate((ids) => {
    const scores = {};
    for (const id of ids) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (el) scores[id] = el.textContent;
    }
    const picked = (label) => {
      const sel = [...document.querySelectorAll("select")].find((s) => s.labels && [...s.labels].some((l) => l.textContent.trim() === label));
      return sel ? { value: sel.value, label: sel.selectedOptions[0]?.textContent.trim() } : null;
    };
    // Sliders by accessible name (their <label>), with the value shown beside them.
    const sliders = {};
    for (const input of document.querySelectorAll('input[type="range"]')) {
      const name = input.labels?.[0]?.textContent.trim();
      const shown = document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent;
      if (name && shown != null) sliders[name] = shown;
    }
    const surface = document.querySelector('canvas[role="img"][aria-label="Decision boundary"]');
    return {
      scores,
      dataset: picked("Dataset"),
      model: picked("Model"),
      kernel: picked("Kernel"),
      sliders,
      pixels: surface ? surface.toDataURL() : null,
      fits: document.querySelector('[data-testid="fit-count"]')?.textContent,
    };
  }, SCORE_IDS);
}

/** Waits until fits, scores and pixels have stood still for a while. */
async function settle(page) {
  let last = JSON.stringify(await snapshot(page));
  let still = 0;
  for (let i = 0; i < 200 && still < 4; i++) {
    await sleep(150);
    const now = JSON.stringify(await snapshot(page));
    still = now === last ? still + 1 : 0;
    last = now;
  }
  if (still < 4) throw new Error("the page did not settle");
}

const select = (page, name, label) => page.getByRole("combobox", { name, exact: true }).selectOption({ label });
const slide = async (page, name, pos) => {
  await page.getByRole("slider", { name, exact: true }).fill(String(pos));
  await settle(page);
};
async function step(page, n) {
  const start = Number(await page.getByTestId("epoch").textContent());
  for (let i = 0; i < n; i++) await page.getByRole("button", { name: "Step", exact: true }).click();
  await until(`epoch ${start + n}`, async () => Number(await page.getByTestId("epoch").textContent()) === start + n);
}
/** Dataset then model (or the other way), waiting for each refit. */
async function use(page, dataset, model) {
  await select(page, "Dataset", dataset);
  await settle(page);
  await select(page, "Model", model);
  await settle(page);
}

// What to save: [what it shows, set-up].
const recipes = [
  ["SVM (rbf) on Moons with 30 % noise, C = 10, gamma ≈ 3.16", async (p) => {
    await use(p, "Moons", "SVM");
    await slide(p, "Noise", 30); // 0.5 · 30/50
    await select(p, "Kernel", "rbf");
    await settle(p);
    await slide(p, "C", 600); // 10^(−2 + 5·0.6) = 10
    await slide(p, "Gamma", 700); // 10^(−3 + 5·0.7) ≈ 3.16
  }],
  ["Logistic regression on Iris, C = 10", async (p) => {
    await use(p, "Iris", "Logistic regression");
    await slide(p, "C", 600);
  }],
  ["k-NN on Spiral (300 points, 10 % noise), k = 15, distance weights", async (p) => {
    await use(p, "Spiral", "k-NN");
    await slide(p, "Points", 25); // 50 + 25·10
    await slide(p, "Noise", 10);
    await slide(p, "Neighbours", 14); // 1 + 14
    await select(p, "Weights", "distance");
    await settle(p);
  }],
  ["Decision tree on Wine, depth 4, entropy", async (p) => {
    await use(p, "Wine", "Decision tree");
    await slide(p, "Max depth", 3); // 1 + 3
    await select(p, "Criterion", "entropy");
    await settle(p);
  }],
  ["Decision tree on Breast cancer, defaults", async (p) => {
    await use(p, "Breast cancer", "Decision tree");
  }],
  ["Linear SVM (gradient descent) on Gaussian with 40 % noise, 200 epochs", async (p) => {
    await use(p, "Gaussian", "Linear SVM (gradient descent)");
    await slide(p, "Noise", 40);
    await slide(p, "Epochs", 622); // 5000^0.622 ≈ 200
  }],
  ["Neural network on Circle with 10 % noise, 30 steps", async (p) => {
    await use(p, "Circle", "Neural network");
    await slide(p, "Noise", 10);
    await step(p, 30);
    await settle(p);
  }],
  ["SVR (rbf) on Gaussians (regression) without noise, C ≈ 31.6, epsilon ≈ 0.013", async (p) => {
    await use(p, "Gaussians (regression)", "SVM");
    await slide(p, "Noise", 0);
    await select(p, "Kernel", "rbf");
    await settle(p);
    await slide(p, "C", 700);
    await slide(p, "Epsilon", 300);
  }],
  ["SVR (linear) on Plane (regression) with 30 % noise, 70 % training", async (p) => {
    await use(p, "Plane (regression)", "SVM");
    await select(p, "Kernel", "linear");
    await settle(p);
    await slide(p, "Noise", 30);
    await slide(p, "Training ratio", 60); // 0.1 + 60·0.01
  }],
  ["Regression tree on Plane (regression) with 30 % noise, depth 3", async (p) => {
    await use(p, "Plane (regression)", "Decision tree");
    await slide(p, "Noise", 30);
    await slide(p, "Max depth", 2);
  }],
  ["k-NN regressor on Gaussians (regression) with 10 % noise, k = 10, uniform weights", async (p) => {
    await use(p, "Gaussians (regression)", "k-NN");
    await slide(p, "Noise", 10);
    await slide(p, "Neighbours", 9);
    await select(p, "Weights", "uniform");
    await settle(p);
  }],
  ["Neural network on Plane (regression) with 20 % noise, 25 steps", async (p) => {
    await use(p, "Plane (regression)", "Neural network");
    await slide(p, "Noise", 20);
    await step(p, 25);
    await settle(p);
  }],
  ["SVM (linear) on drawn points of three classes", async (p) => {
    await use(p, "Draw your own", "SVM");
    await select(p, "Kernel", "linear");
    const surface = p.getByRole("img", { name: "Decision boundary" });
    await surface.scrollIntoViewIfNeeded();
    const box = await surface.boundingBox();
    const at = (fx, fy) => [box.x + box.width * fx, box.y + box.height * fy];
    const groups = [
      ["Class A", [[0.25, 0.3], [0.3, 0.5], [0.22, 0.6], [0.35, 0.35]]],
      ["Class B", [[0.75, 0.3], [0.8, 0.5], [0.72, 0.6], [0.85, 0.35]]],
      ["Class C", [[0.5, 0.8], [0.45, 0.85], [0.55, 0.88]]],
    ];
    for (const [brush, points] of groups) {
      await p.getByRole("button", { name: brush, exact: true }).click();
      for (const [fx, fy] of points) await p.mouse.click(...at(fx, fy));
    }
    await until("11 points", async () => (await p.getByTestId("point-count").textContent()).startsWith("11 "));
    await p.mouse.move(box.x - 20, box.y - 20); // no hover read-out left on the picture
    await settle(p);
  }],
];

async function main() {
  if (!fs.existsSync(path.join(root, "index.html"))) throw new Error(`no build in ${root}`);
  fs.mkdirSync(out, { recursive: true });
  const server = spawn(process.execPath, [path.join(__dirname, "serve.mjs"), "--root", root, "--port", String(port), "--base", "/hyperplane/"], { stdio: "inherit" });
  const browser = await chromium.launch(config.use.launchOptions);
  try {
    await until("the server", async () => (await fetch(base)).ok);
    const context = await browser.newContext({ viewport: config.use.viewport, acceptDownloads: true });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(base);
    await until("the first fit", async () => /^\d{1,3}\.\d%$/.test(await page.getByTestId("test-accuracy").textContent()));
    await until("the first frame", async () => (await page.getByTestId("frame-time").textContent()).includes("ms"));
    await settle(page);

    const expected = [];
    for (const [what, setUp] of recipes) {
      await setUp(page);
      if (await page.locator('[role="alert"]').count()) throw new Error(`${what}: ${await page.locator('[role="alert"]').first().textContent()}`);
      const shown = await snapshot(page);
      await page.getByRole("button", { name: "Save version" }).click();
      const note = await until("Saved", async () => {
        const t = await page.getByTestId("registry-notice").textContent();
        return /^Saved .+\.$/.test(t.trim()) && !expected.some((e) => `Saved ${e.label}.` === t.trim()) && t.trim();
      });
      const label = note.replace(/^Saved /, "").replace(/\.$/, "");
      // Nothing moved while saving.
      const after = await snapshot(page);
      if (JSON.stringify(after) !== JSON.stringify(shown)) throw new Error(`${what}: the page changed while saving`);
      const { scores, dataset, model, kernel, sliders, pixels } = shown;
      expected.push({
        what,
        label,
        dataset,
        model,
        ...(kernel ? { kernel } : {}),
        scores,
        sliders,
        surface_sha256: crypto.createHash("sha256").update(pixels).digest("hex"),
      });
      console.log(`saved ${label}: ${what}: ${JSON.stringify(scores)}`);
    }

    // Export with nothing ticked exports every version.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const file = path.join(out, "legacy-versions-v1.json");
    await (await download).saveAs(file);
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    if (json.format !== "hyperplane-versions" || json.versions.length !== expected.length) {
      throw new Error(`export holds ${json.versions.length} versions, expected ${expected.length}`);
    }
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    let commit = "unknown";
    try {
      commit = execSync("git rev-parse HEAD", { cwd: path.dirname(root) }).toString().trim();
    } catch {}
    const record = {
      about: "What the studio showed for each version when it was saved, by the build of the commit below; legacy-versions-v1.json is that build's export of them. Made by e2e/make_legacy_fixture.js; checked by e2e/legacy_fixture.spec.js.",
      commit,
      viewport: config.use.viewport,
      versions: expected,
    };
    fs.writeFileSync(path.join(out, "legacy-versions-v1.expected.json"), JSON.stringify(record, null, 2) + "\n");
    console.log(`wrote ${expected.length} versions to ${out}`);
    await context.close();
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
