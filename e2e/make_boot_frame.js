// Writes index.html's boot frame: the page as it first appears (header, panels and the
// default decision boundary as a small picture), painted before the wasm module has
// downloaded and replaced in place when it runs; and, in its head, the settings it shows. Taken from the live page in the release
// build, so it has the live page's layout; e2e/boot.spec.js fails when it no longer does.
// Run after a UI change: trunk build --release --offline && node e2e/make_boot_frame.js
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");

const PORT = 4183;
const ROOT = path.resolve(__dirname, "..");
const INDEX = path.join(ROOT, "index.html");

async function main() {
  const server = spawn("node", ["e2e/serve.mjs", "--root", "dist", "--port", String(PORT)], { cwd: ROOT, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, serviceWorkers: "block" });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForSelector("[data-testid=frame-time]:has-text('ms')");
    const html = await page.evaluate(() => {
      // Controls show their current state as attributes, so the copy shows it too.
      for (const el of document.querySelectorAll("input, option")) {
        if (el.tagName === "OPTION") el.toggleAttribute("selected", el.selected);
        else if (el.type === "checkbox" || el.type === "radio") el.toggleAttribute("checked", el.checked);
        else el.setAttribute("value", el.value);
      }
      const pictureOf = (canvas, scale, quality) => {
        const small = document.createElement("canvas");
        small.width = Math.max(1, Math.round(canvas.width / scale));
        small.height = Math.max(1, Math.round(canvas.height / scale));
        small.getContext("2d").drawImage(canvas, 0, 0, small.width, small.height);
        const img = document.createElement("img");
        img.className = canvas.className;
        img.alt = "";
        img.src = small.toDataURL("image/webp", quality);
        return img;
      };
      const liveCanvases = [...document.querySelectorAll("main.studio canvas")];
      const header = document.querySelector("header.masthead").cloneNode(true);
      const main = document.querySelector("main.studio").cloneNode(true);
      // The decision boundary at a quarter of its size (smoothed when shown), the
      // dataset thumbnails as they are.
      main.querySelectorAll("canvas").forEach((c, i) => {
        const live = liveCanvases[i];
        const surface = live.getAttribute("aria-label") === "Decision boundary";
        c.replaceWith(surface ? pictureOf(live, 4, 0.6) : pictureOf(live, 2, 0.6));
      });
      // Timings belong to the live page: the frame says it is loading instead.
      main.querySelector("[data-testid=frame-time]").remove();
      main.querySelector("[data-testid=fit-count]")?.closest("p")?.remove();
      const status = document.createElement("p");
      status.className = "boot-status";
      status.textContent = "Loading the studio…";
      main.querySelector(".surface-wrap").append(status);
      const frame = document.createElement("div");
      frame.append(header, main);
      // A picture, not a second set of controls: nothing here is named, focusable or live.
      for (const el of frame.querySelectorAll("*")) {
        for (const a of ["id", "for", "data-testid", "aria-label", "aria-labelledby", "aria-describedby", "role", "title", "name", "style"]) {
          if (a === "style" && !el.classList.contains("swatch") && !el.closest("table")) continue;
          if (a !== "style") el.removeAttribute(a);
        }
        if (["BUTTON", "INPUT", "SELECT"].includes(el.tagName)) el.setAttribute("disabled", "");
      }
      // The content policy allows no style attributes: the frame's own styles go into
      // one <style> element, whose hash scripts/post_build.py adds to the policy.
      const rules = new Map();
      for (const el of frame.querySelectorAll("[style]")) {
        const css = el.getAttribute("style");
        if (!rules.has(css)) rules.set(css, rules.size);
        el.setAttribute("data-boot-style", rules.get(css));
        el.removeAttribute("style");
      }
      const sheet = [...rules].map(([css, i]) => `#boot [data-boot-style="${i}"]{${css}}`).join("");
      return `<style>${sheet}</style>` + frame.innerHTML.replace(/<!---->/g, "");
    });
    // The settings the frame shows, as the live page writes them into its URL: a link
    // to other settings hides the frame's picture and numbers (index.html's first script).
    const fragment = await page.evaluate(() => location.hash);
    let text = fs.readFileSync(INDEX, "utf8");
    const meta = `<meta name="boot-fragment" content="${fragment.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" />`;
    text = /<meta name="boot-fragment"[^>]*>/.test(text)
      ? text.replace(/<meta name="boot-fragment"[^>]*>/, () => meta)
      : text.replace("<script>", () => `${meta}\n    <script>`);
    const start = "<!-- boot:start (written by e2e/make_boot_frame.js) -->";
    const end = "<!-- boot:end -->";
    const frame = `${start}\n    <div id="boot" class="boot" inert>${html}</div>\n    ${end}`;
    const next = text.includes(start)
      ? text.replace(new RegExp(`${start.replace(/[()]/g, "\\$&")}[\\s\\S]*?${end}`), frame)
      : text.replace("<body>", `<body>\n    ${frame}`);
    fs.writeFileSync(INDEX, next);
    console.log(`boot frame: ${html.length} characters written into index.html`);
  } finally {
    await browser.close();
    server.kill();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
