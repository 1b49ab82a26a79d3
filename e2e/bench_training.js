// The network's training animation in the release build, in the conditions the "Off the
// main thread" issue fixes: Debian's headless Chromium, a fresh profile per run, a
// 1280×900 window at devicePixelRatio 1, circle with no noise, half the points for
// training, tanh, learning rate 0.03, batch 10. For each network and size it plays for
// five seconds after a one-second warm-up and reports frames/s, the 95th-percentile and
// longest frame intervals, the epochs/s the page's own counter shows, and the page's
// main-thread tasks from a Chromium trace (the longest, and how many took over 16 ms);
// then the median of the runs. Not a test: prints figures for BENCHMARKS.md.
// Run: trunk build --release --offline && node e2e/bench_training.js [runs] [part of a case's name]
const { serve, withFreshProfile, median, bench } = require("./bench_browser");
const { mainThreadTasks } = require("./trace");

const PORT = 4181;
const RUNS = Math.max(3, Number(process.argv[2]) || 3);
const CASES = [
  ["default 4-2, 500 points (250 training)", "hidden=4-2&n=500"],
  ["6 layers of 8, 500 points (250 training)", "hidden=8-8-8-8-8-8&n=500"],
  ["default 4-2, 1000 points (500 training)", "hidden=4-2&n=1000"],
  ["6 layers of 8, 1000 points (500 training)", "hidden=8-8-8-8-8-8&n=1000"],
];
const BASE = "data=circle&noise=0&ratio=0.5&model=mlp&activation=tanh&lr=0.03&batch=10";

/** One run in a fresh profile: play, warm up for a second, measure for five. */
function run(fragment) {
  return withFreshProfile(async (context) => {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/#${fragment}`);
    await page.waitForSelector("[data-testid=epoch]");
    await page.waitForSelector("[data-testid=frame-time]:has-text('ms')");
    const cdp = await context.newCDPSession(page);
    const measured = page.evaluate(async () => {
      const epoch = () => Number(document.querySelector("[data-testid=epoch]").textContent);
      const button = (name) => [...document.querySelectorAll("button")].find((b) => b.textContent === name);
      button("Play").click();
      await new Promise((r) => setTimeout(r, 1000));
      window.__measuring = true;
      const e0 = epoch();
      const stamps = [];
      const t0 = performance.now();
      await new Promise((resolve) => {
        const tick = (t) => {
          stamps.push(t);
          if (performance.now() - t0 < 5000) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      const secs = (performance.now() - t0) / 1000;
      const epochs = epoch() - e0;
      const label = document.querySelector("[data-testid=frame-time]").textContent;
      window.__measuring = false;
      button("Pause").click();
      const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
      return {
        fps: (stamps.length - 1) / ((stamps[stamps.length - 1] - stamps[0]) / 1000),
        p95: gaps[Math.floor(0.95 * (gaps.length - 1))],
        maxGap: gaps[gaps.length - 1],
        eps: epochs / secs,
        label,
      };
    });
    // Trace the five measured seconds (from the warm-up's end) for the page's tasks.
    await page.waitForFunction(() => window.__measuring === true);
    const { result, tasks } = await mainThreadTasks(cdp, () => measured);
    return { ...result, longest: Math.max(0, ...tasks), over16: tasks.filter((d) => d > 16).length };
  });
}

bench(async () => {
  const server = await serve(PORT);
  try {
    console.log(`Chromium headless, fresh profile per run, 1280×900, dpr 1; ${RUNS} runs, medians (range)`);
    for (const [name, extra] of CASES.filter(([n]) => !process.argv[3] || n.includes(process.argv[3]))) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await run(`${BASE}&${extra}`));
      const f = (key, digits) => {
        const xs = runs.map((r) => r[key]);
        return `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}]`;
      };
      console.log(
        `${name}: ${f("fps", 1)} frames/s, frame interval p95 ${f("p95", 1)} ms, longest ${f("maxGap", 1)} ms, ` +
          `${f("eps", 0)} epochs/s, longest main-thread task ${f("longest", 1)} ms, tasks over 16 ms ${f("over16", 0)}` +
          ` — the page said "${runs[0].label}"`,
      );
    }
  } finally {
    server.kill();
  }
});
