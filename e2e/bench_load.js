// Time to the first picture, in the release build served gzipped (gzip -9) from loopback:
// first contentful paint, the first live decision boundary (the page marks
// "first-surface" when it draws it) and the bytes fetched until then, without throttling
// and on "Fast 3G" (1.6 Mbps down, 750 kbps up, 150 ms round trip) with the CPU slowed
// 4× (Chrome DevTools Protocol), each in a fresh profile; then a second visit in the same
// profile (from the service worker's cache). Medians of the runs [range]. Not a test:
// prints figures for BENCHMARKS.md; CI runs it once with --smoke to prove it works.
// Run: trunk build --release --offline && node e2e/bench_load.js [runs] [--smoke]
const { FAST_3G, repeatServed, openToFirstSurface, withFreshProfile, throttle, spread, bench } = require("./bench_browser");

const PORT = 4182;
const SMOKE = process.argv.includes("--smoke");
const RUNS = SMOKE ? 1 : Math.max(5, Number(process.argv[2]) || 5);
const CONDITIONS = [
  ["no throttling", null],
  [FAST_3G.name, FAST_3G],
];

/** Loads the page and waits for the first live picture; what the page measured. */
async function visit(context, url, c) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await throttle(cdp, c);
  await openToFirstSurface(page, url);
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

function run(url, c) {
  return withFreshProfile(async (context) => {
    const first = await visit(context, url, c);
    // The second visit: once the service worker has the build.
    await first.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
    await first.page.close();
    const second = await visit(context, url, c);
    return { first: first.m, second: second.m };
  });
}

const ms = (v) => `${Math.round(v)} ms`;
const kb = (v) => `${Math.round(v / 1000)} KB`;

bench(async () => {
  console.log(`Chromium headless, fresh profile per run, 1280×900, dpr 1, served gzipped; ${RUNS} run(s), median [range]`);
  for (const [name, c] of CONDITIONS) {
    const runs = await repeatServed(PORT, RUNS, (url) => run(url, c));
    const col = (visitName, key, f) => spread(runs.map((r) => r[visitName][key]), f);
    console.log(
      `${name}: first visit: first contentful paint ${col("first", "fcp", ms)}, first decision boundary ${col("first", "surface", ms)}, ` +
        `${col("first", "bytes", kb)} fetched by then; second visit (service worker): paint ${col("second", "fcp", ms)}, boundary ${col("second", "surface", ms)}`,
    );
  }
});
