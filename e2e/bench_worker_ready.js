// When the compute worker is ready: the time from the navigation's start to the moment the
// worker listens (its message handler is set; until then Play trains on the page's thread
// and fits wait), beside the first live decision boundary, on a first visit in a fresh
// profile, without throttling, on Fast 3G + 4× CPU, and with the server waiting 150 ms
// before each response (DevTools' throttling does not reach the worker's requests; that
// delay does). Medians of the runs [range].
// Not a test: prints figures for BENCHMARKS.md.
// Run: trunk build --release --offline && node e2e/bench_worker_ready.js [runs]
// (HYPERPLANE_DIST=other/dist measures another build.)
const { FAST_3G, repeatServed, openToFirstSurface, withFreshProfile, throttle, spread, bench } = require("./bench_browser");

const PORT = 4184;
const RUNS = Math.max(5, Number(process.argv[2]) || 5);

function run(url, c) {
  return withFreshProfile(async (context) => {
    const page = await context.newPage();
    await throttle(await context.newCDPSession(page), c);
    const started = page.waitForEvent("worker", { timeout: 120_000 });
    await openToFirstSurface(page, url);
    const worker = await started;
    // The worker's clock, in the page's time origin.
    const listening = await worker.evaluate(
      () =>
        new Promise((resolve) => {
          const poll = () => (typeof self.onmessage === "function" ? resolve(performance.timeOrigin + performance.now()) : setTimeout(poll, 5));
          poll();
        }),
    );
    const { origin, surface } = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      surface: performance.getEntriesByName("first-surface")[0].startTime,
    }));
    return { surface, ready: listening - origin };
  });
}

const ms = (v) => `${Math.round(v)} ms`;

bench(async () => {
  console.log(`Chromium headless, fresh profile per run, 1280×900, dpr 1, served gzipped; ${RUNS} runs, median [range]`);
  const conditions = [
    ["no throttling", null, 0],
    [FAST_3G.name, FAST_3G, 0],
    ["150 ms before each response", null, 150],
  ];
  for (const [name, c, delay] of conditions) {
    const runs = await repeatServed(PORT, RUNS, (url) => run(url, c), ["--delay", String(delay)]);
    const col = (key) => spread(runs.map((r) => r[key]), ms);
    console.log(`${name}: first live boundary ${col("surface")}, compute worker listening ${col("ready")}`);
  }
});
