// The page's start on a slow phone: from the moment the first module has arrived to the
// first live decision boundary (the page's "first-surface" mark), with the network's
// variance taken out. Release build served gzipped from loopback, Debian's headless
// Chromium with bench_load.js's flags, a fresh profile per run, 1280×900, "Fast 3G"
// (1.6 Mbps, 150 ms) and the CPU slowed 4× by the DevTools protocol. Not a test:
// prints figures for BENCHMARKS.md.
// Run: trunk build --release --offline && node e2e/bench_start.js [runs]
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const PORT = 4193;
const ROOT = path.resolve(__dirname, "..");
const RUNS = Math.max(3, Number(process.argv[2]) || 5);

/** One load: when the module arrived, when the first surface was drawn (ms). */
async function run() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "hyperplane-start-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(`http://127.0.0.1:${PORT}/hyperplane/`, { waitUntil: "commit" });
    await page.waitForFunction(() => performance.getEntriesByName("first-surface").length > 0, null, { timeout: 120_000 });
    return await page.evaluate(() => {
      const surface = performance.getEntriesByName("first-surface")[0].startTime;
      const module = performance.getEntriesByType("resource").find((r) => r.name.endsWith("_bg.wasm"));
      return { arrived: module.responseEnd, surface };
    });
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const server = spawn("node", ["e2e/serve.mjs", "--root", "dist", "--port", String(PORT), "--base", "/hyperplane/", "--gzip", "yes"], { cwd: ROOT, stdio: "ignore" });
  try {
    await new Promise((r) => setTimeout(r, 800));
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await run());
    const gaps = runs.map((r) => r.surface - r.arrived);
    const fmt = (xs) => `${median(xs).toFixed(0)} ms [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;
    console.log(`Fast 3G + 4× CPU, ${RUNS} runs, median [range]: module arrived ${fmt(runs.map((r) => r.arrived))}, first live boundary ${fmt(runs.map((r) => r.surface))}, start (arrival to boundary) ${fmt(gaps)}`);
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
