// The Atlas service worker. Generated into the build by `atlas-bundle precache`, which
// replaces the two placeholders below with the exact files of this build and a hash of
// their contents, so a new build is a new worker and never mixes old and new files.
const VERSION = "__ATLAS_VERSION__";
const FILES = __ATLAS_FILES__;
const CACHE = `atlas-${VERSION}`;
const BUNDLE = "data/bundle.json";
const FETCHED_AT = "x-atlas-fetched-at";

self.addEventListener("install", (event) => {
  // Fetch every file fresh (not from the HTTP cache) so the cache matches this build.
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })));
      // Mark the saved bundle with the time it was saved, for the offline notice.
      const url = new URL(BUNDLE, scope).href;
      const saved = await cache.match(url);
      if (saved) await cache.put(url, await stamped(saved));
    }),
  );
  // No skipWaiting here: a new version waits until the page asks (the update banner),
  // so files are never swapped under a running page.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith("atlas-") && k !== CACHE).map((k) => caches.delete(k))),
    ),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skipWaiting") self.skipWaiting();
});

const scope = new URL(self.registration.scope);

/** A copy of a response carrying the time it was fetched. */
async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(FETCHED_AT, new Date().toISOString());
  return new Response(await response.arrayBuffer(), { status: 200, headers });
}

/** The bundle: network first (fresh data when online), the saved copy when not. */
async function bundle(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { cache: "no-cache" });
    if (response.ok) await cache.put(new URL(BUNDLE, scope).href, await stamped(response.clone()));
    return response;
  } catch (err) {
    const saved = await cache.match(new URL(BUNDLE, scope).href);
    if (saved) return saved;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  if (path === BUNDLE) {
    event.respondWith(bundle(request));
    return;
  }
  if (request.mode === "navigate" && (path === "" || path === "index.html")) {
    // The app is one page whose state is in the query string: serve this version's
    // index.html, so the page and its files always come from one build.
    event.respondWith(
      caches
        .match(new URL("index.html", scope).href, { ignoreSearch: true })
        .then((hit) => hit || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)),
  );
});
