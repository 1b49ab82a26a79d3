// A tiny static file server for the built app (dist/), used by the end-to-end tests
// and by `scripts/serve.sh`. With --base /some/path/ the app is served under that
// sub-path, to prove the build works from any directory of a static host. Like a static
// host it sends an ETag and answers a request that has the current one with 304, so a
// browser revalidates what it has instead of fetching it again. With --log FILE each
// response is appended to FILE as "status bytes path" (for e2e/bench_visit_bytes.js).
// With --delay MS every response waits MS first: a round trip that, unlike DevTools'
// throttling, also slows the service worker's and the workers' requests.
import crypto from "node:crypto";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const root = path.resolve(args.root ?? "dist");
const port = Number(args.port ?? 8080);
const host = args.host ?? "127.0.0.1";
const base = (args.base ?? "/").replace(/\/?$/, "/");
// --gzip yes: compressed as a static host would (gzip -9), for load-time measurements.
const gzip = args.gzip === "yes";
const delay = Number(args.delay ?? 0);
const compressed = new Map();
const log = (status, bytes, rel) => args.log && fs.appendFileSync(args.log, `${status} ${bytes} ${rel}\n`);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
};

http
  .createServer((req, res) => (delay > 0 ? setTimeout(() => respond(req, res), delay) : respond(req, res)))
  .listen(port, host, () => console.log(`Serving ${root} at http://${host}:${port}${base}`));

function respond(req, res) {
  const url = new URL(req.url, "http://x");
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404).end("not found");
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(base.length)) || "index.html";
  if (rel.endsWith("/")) rel += "index.html";
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403).end("forbidden");
    return;
  }
  fs.readFile(file, (err, body) => {
    if (err) {
      res.writeHead(404).end("not found");
      return;
    }
    const headers = { "content-type": types[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
    // The content's hash (a test may deploy new files while the server runs).
    let etag = crypto.createHash("sha1").update(body).digest("base64url");
    if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      const cached = compressed.get(file);
      if (cached?.etag !== etag) compressed.set(file, { etag, body: zlib.gzipSync(body, { level: 9 }) });
      body = compressed.get(file).body;
      headers["content-encoding"] = "gzip";
      etag += "-gz";
    }
    headers.etag = `"${etag}"`;
    headers.vary = "accept-encoding";
    if (req.headers["if-none-match"] === headers.etag) {
      res.writeHead(304, { etag: headers.etag, "cache-control": "no-cache" }).end();
      log(304, 0, rel);
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
    log(200, body.length, rel);
  });
}
