// What every bench shares, so their conditions cannot drift apart: the release build in
// dist/ served from loopback, Debian's headless Chromium with the same flags, a window
// of 1280×900 at devicePixelRatio 1, a fresh profile per run, the slow phone's network
// and CPU, and the median.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const ROOT = path.resolve(__dirname, "..");
const EXECUTABLE = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const WINDOW = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };

/** "Fast 3G" (1.6 Mbps down, 750 kbps up, 150 ms round trip) with the CPU slowed 4×. */
const FAST_3G = { name: "Fast 3G + 4× CPU", latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750, cpu: 4 };

/** Serves dist/ on `port` (e2e/serve.mjs's options, e.g. ["--gzip", "yes"]); resolves once it listens. */
async function serve(port, options = []) {
  const server = spawn("node", ["e2e/serve.mjs", "--root", process.env.HYPERPLANE_DIST || "dist", "--port", String(port), ...options], { cwd: ROOT, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 800));
  return server;
}

/** Runs `body(context)` in Chromium with a fresh profile, then removes the profile. */
async function withFreshProfile(body) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "hyperplane-bench-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: EXECUTABLE, headless: true, args: ARGS, ...WINDOW });
  try {
    return await body(context);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Chromium with the benches' flags, for contexts made by the caller (`WINDOW` for their size). */
function launch() {
  return chromium.launch({ executablePath: EXECUTABLE, args: ARGS });
}

/** Slows a page's network and CPU by the DevTools protocol (`c` null: no throttling). */
async function throttle(cdp, c) {
  if (!c) return;
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: c.latency,
    downloadThroughput: c.downloadThroughput,
    uploadThroughput: c.uploadThroughput,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: c.cpu });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** "median [min–max]", each value formatted by `f`. */
const spread = (xs, f) => `${f(median(xs))} [${f(Math.min(...xs))}–${f(Math.max(...xs))}]`;

/** Opens `url` in `page` and waits for the page's own "first-surface" mark (the first
 * live decision boundary drawn). */
async function openToFirstSurface(page, url) {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => performance.getEntriesByName("first-surface").length > 0, null, { timeout: 120_000 });
}

/** Serves dist/ gzipped under /hyperplane/ on `port`, as a static host would (with
 * e2e/serve.mjs's `options` besides, e.g. ["--log", file]), and calls `run(url)` `runs`
 * times, one after another; their results. */
async function repeatServed(port, runs, run, options = []) {
  const server = await serve(port, ["--base", "/hyperplane/", "--gzip", "yes", ...options]);
  try {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await run(`http://127.0.0.1:${port}/hyperplane/`));
    return results;
  } finally {
    server.kill();
  }
}

/** The number after `--name` on the command line, or `fallback`. */
function numberOption(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** Runs `main`, exiting non-zero with the error if it fails. */
function bench(main) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { FAST_3G, WINDOW, serve, repeatServed, openToFirstSurface, withFreshProfile, launch, throttle, median, spread, numberOption, bench };
