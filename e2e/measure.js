// Measures slider → retrained model → redrawn surface in the release build, in Debian's
// Chromium. Not a test: prints figures for BENCHMARKS.md.
// Run: trunk build --release --offline && node e2e/measure.js
const { spawn } = require("node:child_process");
const path = require("node:path");
const { chromium } = require("playwright-core");

const PORT = 4180;
const ROOT = path.resolve(__dirname, "..");

async function main() {
  const server = spawn("node", ["e2e/serve.mjs", "--root", "dist", "--port", String(PORT)], { cwd: ROOT, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    for (const dpr of [1, 2]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: dpr });
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForSelector("[data-testid=frame-time]:has-text('ms')");
      // Every one-call model on a default 500-point set (circle, noise 10 %).
      await page.selectOption("#dataset", "circle");
      await page.fill("#noise", "10");
      for (const [model, slider] of [["svm", "c"], ["logistic", "logistic-c"], ["knn", "knn-k"], ["tree", "tree-depth"]]) {
        await page.selectOption("#model", model);
        if (model === "svm") await page.selectOption("#kernel", "rbf");
        const times = await page.evaluate(async (id) => {
          const el = document.getElementById(id);
          const max = Number(el.max);
          const out = [];
          for (let i = 0; i < 60; i++) {
            const t0 = performance.now();
            el.value = String(Math.round(max * (0.3 + (i % 10) * 0.04)));
            el.dispatchEvent(new Event("input", { bubbles: true }));
            await new Promise((r) => setTimeout(r, 0));
            out.push(performance.now() - t0);
            await new Promise((r) => requestAnimationFrame(() => r()));
          }
          return out.slice(10).sort((a, b) => a - b);
        }, slider);
        const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
        const label = await page.textContent("[data-testid=frame-time]");
        console.log(`dpr ${dpr} circle-500 ${model.padEnd(8)} ${slider.padEnd(10)} slider→redrawn: median ${q(0.5)} ms, p95 ${q(0.95)} ms   (${label})`);
      }
      // The network's animation: frames per second and epochs per second while playing.
      await page.selectOption("#model", "mlp");
      const anim = await page.evaluate(async () => {
        const epoch = () => Number(document.querySelector("[data-testid=epoch]").textContent);
        const play = [...document.querySelectorAll("button")].find((b) => b.textContent === "Play");
        const longTasks = [];
        const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
        try { obs.observe({ entryTypes: ["longtask"] }); } catch (e) {}
        play.click();
        await new Promise((r) => setTimeout(r, 300));
        const e0 = epoch();
        let frames = 0;
        const t0 = performance.now();
        await new Promise((resolve) => {
          const tick = () => { frames++; if (performance.now() - t0 < 3000) requestAnimationFrame(tick); else resolve(); };
          requestAnimationFrame(tick);
        });
        const secs = (performance.now() - t0) / 1000;
        const epochs = epoch() - e0;
        [...document.querySelectorAll("button")].find((b) => b.textContent === "Pause").click();
        obs.disconnect();
        return { fps: frames / secs, eps: epochs / secs, longest: Math.max(0, ...longTasks), long: longTasks.length };
      });
      console.log(`dpr ${dpr} circle-500 network 4-2 playing: ${anim.fps.toFixed(0)} frames/s, ${anim.eps.toFixed(0)} epochs/s, long tasks (>50 ms): ${anim.long}, longest ${anim.longest.toFixed(0)} ms`);
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForSelector("[data-testid=frame-time]:has-text('ms')");
      for (const kernel of ["linear", "rbf", "poly"]) {
        for (const slider of kernel === "linear" ? ["c"] : ["c", "gamma"]) {
          await page.selectOption("#kernel", kernel);
          const times = await page.evaluate(async (id) => {
            const el = document.getElementById(id);
            const out = [];
            for (let i = 0; i < 60; i++) {
              const t0 = performance.now();
              el.value = String(300 + (i % 10) * 40);
              el.dispatchEvent(new Event("input", { bubbles: true }));
              // Leptos runs its effects before the next task: by then the model is
              // refitted and the canvas redrawn.
              await new Promise((r) => setTimeout(r, 0));
              out.push(performance.now() - t0);
              await new Promise((r) => requestAnimationFrame(() => r()));
            }
            return out.slice(10).sort((a, b) => a - b);
          }, slider);
          const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
          const label = await page.textContent("[data-testid=frame-time]");
          console.log(`dpr ${dpr} ${kernel.padEnd(6)} ${slider.padEnd(5)} slider→redrawn: median ${q(0.5)} ms, p95 ${q(0.95)} ms   (${label})`);
        }
      }
      await page.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
