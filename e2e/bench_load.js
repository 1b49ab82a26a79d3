// Time to the first picture, in the release build served gzipped (gzip -9) from loopback:
// first contentful paint, the first live decision boundary (the page marks
// "first-surface" when it draws it) and the bytes fetched until then, without throttling
// and on "Fast 3G" (1.6 Mbps down, 750 kbps up, 150 ms round trip) with the CPU slowed
// 4× (Chrome DevTools Protocol), each in a fresh profile; then a second visit in the same
// profile (from the service worker's cache). Medians of the runs [range]. Not a test:
// prints figures for BENCHMARKS.md; CI runs it once with --smoke to prove it works.
// Run: trunk build --release --offline && node e2e/bench_load.js [runs] [--smoke]
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const PORT = 4182;
const ROOT = path.resolve(__dirname, "..");
const SMOKE = process.argv.includes("--smoke");
const RUNS = SMOKE ? 1 : Math.max(5, Number(process.argv[2]) || 5);
const URL_ = `http://127.0.0.1:${PORT}/hyperplane/`;
const CONDITIONS = [
  ["no throttling", null],
  ["Fast 3G + 4× CPU", { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750, cpu: 4 }],
];

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

/** Loads the page and waits for the first live picture; what the page measured. */
async function visit(context, c) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await throttle(cdp, c);
  await page.goto(URL_, { waitUntil: "commit" });
  await page.waitForFunction(() => performance.getEntriesByName("first-surface").length > 0, null, { timeout: 120_000 });
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 10_000 }).catch(() => {});
  const m = await page.evaluate(() => {
    const surface = performance.getEntriesByName("first-surface")[0].startTime;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType("navigation")[0];
    const early = performance.getEntriesByType("resource").filter((r) => r.responseEnd <= surface);
    const bytes = (nav?.transferSize ?? 0) + early.reduce((s, r) => s + r.transferSize, 0);
    return { fcp, surface, bytes };
  });
  return { page, m };
}

async function run(c) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "hyperplane-load-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const first = await visit(context, c);
    // The second visit: once the service worker has the build.
    await first.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
    await first.page.close();
    const second = await visit(context, c);
    return { first: first.m, second: second.m };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stat = (xs, f) => `${f(median(xs))} [${f(Math.min(...xs))}–${f(Math.max(...xs))}]`;
const ms = (v) => `${Math.round(v)} ms`;
const kb = (v) => `${Math.round(v / 1000)} KB`;

async function main() {
  const server = spawn("node", ["e2e/serve.mjs", "--root", "dist", "--port", String(PORT), "--base", "/hyperplane/", "--gzip", "yes"], { cwd: ROOT, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
  try {
    console.log(`Chromium headless, fresh profile per run, 1280×900, dpr 1, served gzipped; ${RUNS} run(s), median [range]`);
    for (const [name, c] of CONDITIONS) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await run(c));
      const col = (visitName, key, f) => stat(runs.map((r) => r[visitName][key]), f);
      console.log(
        `${name}: first visit: first contentful paint ${col("first", "fcp", ms)}, first decision boundary ${col("first", "surface", ms)}, ` +
          `${col("first", "bytes", kb)} fetched by then; second visit (service worker): paint ${col("second", "fcp", ms)}, boundary ${col("second", "surface", ms)}`,
      );
    }
  } finally {
    server.kill();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
