// The first thing a visitor does on a slow phone, timed: a moment after the first live
// decision boundary is drawn (--after MS, 1000 by default: the time to read the page and
// reach for the menu), pick another model (k-NN, whose controls come as a chunk fetched
// on first use) and wait for its "Neighbours" slider and its retrained surface.
// Release build served gzipped from loopback, in bench_browser.js's conditions (fresh
// profile per run, 1280×900, dpr 1), Fast 3G + 4× CPU. Not a test: prints figures for
// BENCHMARKS.md.
// Run: trunk build --release --offline && node e2e/bench_first_pick.js [runs] [--after MS] [--delay MS]
const { FAST_3G, repeatServed, openToFirstSurface, withFreshProfile, throttle, spread, numberOption, bench } = require("./bench_browser");

const PORT = 4194;
const RUNS = Math.max(3, Number(process.argv[2]) || 5);
const AFTER = numberOption("after", 1000);
// --delay MS: the server waits MS before each response, which also slows the service
// worker's install running meanwhile (DevTools' throttling does not reach it).
const DELAY = numberOption("delay", 0);

/** One load: ms from the first live boundary to k-NN's controls, and to its surface. */
function run(url) {
  return withFreshProfile(async (context) => {
    const page = await context.newPage();
    await throttle(await context.newCDPSession(page), FAST_3G);
    await openToFirstSurface(page, url);
    await page.waitForTimeout(AFTER);
    const picked = await page.evaluate(() => performance.now());
    await page.getByRole("combobox", { name: "Model", exact: true }).selectOption({ label: "k-NN" });
    await page.getByRole("slider", { name: "Neighbours" }).waitFor({ timeout: 60_000 });
    const controls = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => /k-NN/.test(document.querySelector("[data-testid=surface-description]")?.textContent ?? ""), null, { timeout: 60_000 });
    const surface = await page.evaluate(() => performance.now());
    return { controls: controls - picked, surface: surface - picked };
  });
}

bench(async () => {
  const runs = await repeatServed(PORT, RUNS, run, ["--delay", String(DELAY)]);
  const ms = (v) => `${v.toFixed(0)} ms`;
  console.log(
    `${FAST_3G.name}, ${DELAY} ms before each response, ${RUNS} runs, median [range], k-NN picked ${AFTER} ms after the first live boundary → its controls ${spread(runs.map((r) => r.controls), ms)}, ` +
      `→ its surface described ${spread(runs.map((r) => r.surface), ms)}`,
  );
});
