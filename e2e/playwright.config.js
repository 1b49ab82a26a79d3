// End-to-end tests against the release build in dist/, in Debian's Chromium.
const { defineConfig } = require("@playwright/test");

const PORT = 4178;

module.exports = defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.js/,
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}/hyperplane/`,
    viewport: { width: 1280, height: 900 },
    // The service worker caches the whole build; e2e/offline.spec.js turns it on.
    serviceWorkers: "block",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // Served under a sub-path to prove the build uses relative URLs.
    command: `node e2e/serve.mjs --root dist --port ${PORT} --base /hyperplane/`,
    cwd: "..",
    url: `http://127.0.0.1:${PORT}/hyperplane/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
