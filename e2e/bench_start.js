// The page's start on a slow phone: from the moment the first module has arrived to the
// first live decision boundary (the page's "first-surface" mark), with the network's
// variance taken out. Release build served gzipped from loopback, in bench_browser.js's
// conditions (fresh profile per run, 1280×900, dpr 1) on its Fast 3G + 4× CPU, as
// bench_load.js. Not a test: prints figures for BENCHMARKS.md.
// Run: trunk build --release --offline && node e2e/bench_start.js [runs]
const { FAST_3G, serve, withFreshProfile, throttle, spread, bench } = require("./bench_browser");

const PORT = 4193;
const RUNS = Math.max(3, Number(process.argv[2]) || 5);

/** One load: when the module arrived, when the first surface was drawn (ms). */
function run() {
  return withFreshProfile(async (context) => {
    const page = await context.newPage();
    await throttle(await context.newCDPSession(page), FAST_3G);
    await page.goto(`http://127.0.0.1:${PORT}/hyperplane/`, { waitUntil: "commit" });
    await page.waitForFunction(() => performance.getEntriesByName("first-surface").length > 0, null, { timeout: 120_000 });
    return await page.evaluate(() => {
      const surface = performance.getEntriesByName("first-surface")[0].startTime;
      const module = performance.getEntriesByType("resource").find((r) => r.name.endsWith("_bg.wasm"));
      return { arrived: module.responseEnd, surface };
    });
  });
}

bench(async () => {
  const server = await serve(PORT, ["--base", "/hyperplane/", "--gzip", "yes"]);
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await run());
    const ms = (v) => `${v.toFixed(0)} ms`;
    const of = (f) => spread(runs.map(f), ms);
    console.log(
      `${FAST_3G.name}, ${RUNS} runs, median [range]: module arrived ${of((r) => r.arrived)}, first live boundary ${of((r) => r.surface)}, ` +
        `start (arrival to boundary) ${of((r) => r.surface - r.arrived)}`,
    );
  } finally {
    server.kill();
  }
});
