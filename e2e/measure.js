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
