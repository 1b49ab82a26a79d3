// Hyperplane's service worker: after one visit the page opens from this cache, offline
// too. Written by scripts/post_build.py after each build, which fills in the build's files
// and their SHA-256: a new build is a new cache, installed beside the old one and only
// used once the page reloads on request, so old and new files never mix.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `hyperplane-${VERSION}`;
const SCOPE = new URL(self.registration.scope);

const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // This build's file, checked against its hash, or null.
      const get = async (url, sha, mode) => {
        const response = await fetch(url, { cache: mode });
        const body = await response.clone().arrayBuffer();
        return response.ok && hex(await crypto.subtle.digest("SHA-256", body)) === sha ? response : null;
      };
      const keep = async ([name, sha]) => {
        const url = new URL(name, SCOPE);
        // Through the browser's cache first: what the page has just downloaded is
        // revalidated, not sent again (on a first visit that was 925 KB of 2.09 MB). A
        // stale copy fails the hash and is fetched anew.
        const response = (await get(url, sha, "no-cache")) ?? (await get(url, sha, "reload"));
        // A half-deployed build (some files still old) is not installed: the next
        // update check tries again.
        if (!response) throw new Error(`${name} is not this build's file`);
        await cache.put(url, response);
      };
      // Three at a time: one round trip per file made the page wait 74 of them before it
      // worked offline, and three leave half of an HTTP/1.1 host's six connections to
      // the page's own requests meanwhile. The first failure stops every lane.
      const files = Object.entries(FILES);
      let next = 0;
      let failed = false;
      const lane = async () => {
        while (!failed && next < files.length) {
          try {
            await keep(files[next++]);
          } catch (e) {
            failed = true;
            throw e;
          }
        }
      };
      await Promise.all([lane(), lane(), lane()]);
      // No skipWaiting: on a first visit there is no other worker, so this one activates
      // at once; after an update the page keeps the old one until the user reloads.
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("hyperplane-") && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "activate-new-version") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  let name = url.pathname.slice(SCOPE.pathname.length);
  if (name === "" || name.endsWith("/")) name += "index.html";
  if (!(name in FILES)) return;
  event.respondWith(
    (async () => (await caches.match(new URL(name, SCOPE).href, { cacheName: CACHE })) || fetch(request))(),
  );
});
