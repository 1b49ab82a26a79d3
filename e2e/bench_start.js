// The page's start on a slow phone: from the moment the first module has arrived to the
// first live decision boundary (the page's "first-surface" mark), with the network's
// variance taken out. Release build served gzipped from loopback, in bench_browser.js's
// conditions (fresh profile per run, 1280×900, dpr 1) on its Fast 3G + 4× CPU, as
// bench_load.js. With --trace, each run is also traced (which slows it) and says what
// the page's thread spent on compiling wasm functions lazily, on their first call, and
// on style and layout in that interval. Not a test: prints figures for BENCHMARKS.md.
// Run: trunk build --release --offline && node e2e/bench_start.js [runs] [--trace]
const { FAST_3G, repeatServed, openToFirstSurface, withFreshProfile, throttle, spread, bench } = require("./bench_browser");
const { traced, mainThread } = require("./trace");

const PORT = 4193;
const RUNS = Math.max(3, Number(process.argv[2]) || 5);
const TRACE = process.argv.includes("--trace");

/** One load: when the module arrived and the first surface was drawn (ms), and if traced
 * the main thread's lazy compiles and layout between the two. */
function run(url) {
  return withFreshProfile(async (context) => {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await throttle(cdp, FAST_3G);
    const load = async () => {
      await openToFirstSurface(page, url);
      return await page.evaluate(() => {
        const surface = performance.getEntriesByName("first-surface")[0].startTime;
        const module = performance.getEntriesByType("resource").find((r) => r.name.endsWith("_bg.wasm"));
        return { arrived: module.responseEnd, surface };
      });
    };
    if (!TRACE) return await load();
    const { result, events } = await traced(cdp, "devtools.timeline,blink.user_timing,v8.wasm", load);
    const main = mainThread(events);
    const wasm = events.find((e) => e.name === "ResourceSendRequest" && e.args.data.url.endsWith("_bg.wasm"));
    const from = events.find((e) => e.name === "ResourceFinish" && e.args.data.requestId === wasm.args.data.requestId).ts;
    const to = events.find((e) => e.name === "first-surface").ts;
    const onMain = (name) => events.filter((e) => e.name === name && e.ph === "X" && main.has(`${e.pid}:${e.tid}`) && e.ts >= from && e.ts <= to);
    const ms = (es) => es.reduce((s, e) => s + e.dur, 0) / 1000;
    const lazy = onMain("wasm.CompileLazy");
    return { ...result, compiles: lazy.length, compileMs: ms(lazy), layoutMs: ms(onMain("UpdateLayoutTree")) + ms(onMain("Layout")) };
  });
}

bench(async () => {
  const runs = await repeatServed(PORT, RUNS, run);
  const ms = (v) => `${v.toFixed(0)} ms`;
  const of = (f, fmt = ms) => spread(runs.map(f), fmt);
  console.log(
    `${FAST_3G.name}, ${RUNS} runs${TRACE ? " (traced)" : ""}, median [range]: module arrived ${of((r) => r.arrived)}, ` +
      `first live boundary ${of((r) => r.surface)}, start (arrival to boundary) ${of((r) => r.surface - r.arrived)}`,
  );
  if (TRACE) {
    console.log(
      `  in the start, on the page's thread: ${of((r) => r.compiles, (v) => v.toFixed(0))} wasm functions compiled lazily, taking ${of((r) => r.compileMs)}; ` +
        `style and layout ${of((r) => r.layoutMs)}`,
    );
  }
});
