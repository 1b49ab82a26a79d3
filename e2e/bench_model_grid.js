// The model comparison (24 cells fitted in the worker pool), first visit in a fresh
// profile: the wall time from the click on "Compare models" to all 24 cells, the page's
// own "All 24 cells in …" line, then the same line for three recomputations (the
// workers warm). `--cores N` makes the page see N cores (DevTools' hardware concurrency
// override; the pool starts N − 1 workers, whatever this machine has). Release build
// served gzipped, no throttling. Not a test: prints figures for BENCHMARKS.md.
// Run: trunk build --release --offline && node e2e/bench_model_grid.js [runs] [--cores N]
// (HYPERPLANE_DIST=other/dist measures another build.)
const { repeatServed, openToFirstSurface, withFreshProfile, spread, numberOption, bench } = require("./bench_browser");

const PORT = 4187;
const RUNS = Math.max(3, Number(process.argv[2]) || 3);
const CORES = numberOption("cores", 0);

function run(url) {
  return withFreshProfile(async (context) => {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (CORES) await cdp.send("Emulation.setHardwareConcurrencyOverride", { hardwareConcurrency: CORES });
    await openToFirstSurface(page, url);
    // What the page fetches after its first picture has arrived, the workers started.
    await page.waitForTimeout(6000);
    const t0 = Date.now();
    await page.getByRole("button", { name: "Compare models" }).click();
    const time = page.getByRole("region", { name: "Model comparison" }).getByTestId("model-grid-time");
    const all = () => time.filter({ hasText: /^All 24 cells in/ }).waitFor({ timeout: 60_000 });
    await all();
    const wall = Date.now() - t0;
    const seconds = async () => Number((await time.textContent()).match(/in ([\d.]+) s/)[1]) * 1000;
    const first = await seconds();
    const box = page.getByRole("checkbox", { name: "Moons, circle and linearly separable too" });
    const again = [];
    for (let k = 0; k < 3; k++) {
      await box.uncheck();
      await time.filter({ hasText: /^All 6 cells in/ }).waitFor({ timeout: 60_000 });
      await box.check();
      await all();
      again.push(await seconds());
    }
    return { wall, first, again: again.sort((a, b) => a - b)[1], workers: page.workers().length };
  });
}

bench(async () => {
  const runs = await repeatServed(PORT, RUNS, run);
  const ms = (v) => `${Math.round(v)} ms`;
  const col = (k) => spread(runs.map((r) => r[k]), ms);
  console.log(`Chromium headless, fresh profile per run, 1280×900, dpr 1; ${RUNS} runs, median [range]; cores seen: ${CORES || "this machine's"}, ${runs[0].workers} workers`);
  console.log(`click to all 24 cells ${col("wall")}; the page's "All 24 cells in": first ${col("first")}, recomputed (median of 3) ${col("again")}`);
});
