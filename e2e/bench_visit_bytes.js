// What a first visit transfers in all, the service worker's copy of the build included:
// the page loads in a fresh profile (no throttling: bytes do not depend on it), its
// service worker installs, then the network stays quiet for 3 s. e2e/serve.mjs logs each
// response; this sums them, and the bytes of files sent twice (a 304 sends none).
// Also when the page became ready to work offline (its service worker installed and in
// control), in page time. With --delay MS the server waits MS before each response, a
// round trip that also reaches the service worker's requests (DevTools' throttling does
// not). Release build served gzipped. Not a test: prints figures for BENCHMARKS.md.
// Run: trunk build --release --offline && node e2e/bench_visit_bytes.js [runs] [--delay MS]
// (HYPERPLANE_DIST=other/dist measures another build.)
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { repeatServed, openToFirstSurface, withFreshProfile, spread, numberOption, bench } = require("./bench_browser");

const PORT = 4186;
const RUNS = Math.max(3, Number(process.argv[2]) || 3);
const DELAY = numberOption("delay", 0);
const LOG = path.join(os.tmpdir(), `hyperplane-visit-bytes-${process.pid}.log`);

const lines = () => (fs.existsSync(LOG) ? fs.readFileSync(LOG, "utf8").trim().split("\n").filter(Boolean) : []);

async function quiet(ms) {
  let n = -1;
  while (n !== lines().length) {
    n = lines().length;
    await new Promise((r) => setTimeout(r, ms));
  }
}

function run(url) {
  fs.writeFileSync(LOG, "");
  return withFreshProfile(async (context) => {
    const page = await context.newPage();
    await page.addInitScript(() =>
      navigator.serviceWorker.addEventListener("controllerchange", () => performance.mark("offline-ready")),
    );
    await openToFirstSurface(page, url);
    await page.waitForFunction(() => performance.getEntriesByName("offline-ready").length > 0, null, { timeout: 120_000 });
    const ready = await page.evaluate(() => performance.getEntriesByName("offline-ready")[0].startTime);
    await quiet(3000);
    const responses = lines().map((l) => l.split(" ")).map(([status, bytes, p]) => ({ status, bytes: Number(bytes), path: p }));
    const seen = new Set();
    let twice = 0;
    for (const r of responses.filter((r) => r.status === "200")) {
      if (seen.has(r.path)) twice += r.bytes;
      seen.add(r.path);
    }
    const bytes = responses.reduce((s, r) => s + r.bytes, 0);
    return { bytes, twice, ready, requests: responses.length, revalidated: responses.filter((r) => r.status === "304").length };
  });
}

bench(async () => {
  try {
    const runs = await repeatServed(PORT, RUNS, run, ["--log", LOG, "--delay", String(DELAY)]);
    const kb = (v) => `${Math.round(v / 1000)} KB`;
    const n = (v) => `${v}`;
    const col = (k, f) => spread(runs.map((r) => r[k]), f);
    const ms = (v) => `${Math.round(v)} ms`;
    console.log(`Chromium headless, fresh profile per run, served gzipped, ${DELAY} ms before each response; ${RUNS} runs, median [range]`);
    console.log(
      `first visit until the service worker has the build: ${col("bytes", kb)} in ${col("requests", n)} responses ` +
        `(${col("revalidated", n)} answered 304); files sent twice: ${col("twice", kb)}; ready offline at ${col("ready", ms)}`,
    );
  } finally {
    fs.rmSync(LOG, { force: true });
  }
});
