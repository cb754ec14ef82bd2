// The Atlas service worker. Generated into the build by `atlas-bundle precache`, which
// replaces the two placeholders below with the exact files of this build and a hash of
// their contents, so a new build is a new worker and never mixes old and new files.
//
// Every saved file carries the SHA-256 of its body (computed when it was saved) and is
// checked before use: a damaged or tampered entry is dropped and fetched from the network
// instead, so a broken cache never leaves the page blank.
const VERSION = "__ATLAS_VERSION__";
const FILES = __ATLAS_FILES__;
// The wasm chunks of the views loaded on demand (xtask/src/split.rs). A first visit's page
// downloads none of them; the worker fetches them once it has saved the files above (after
// the page is up: it registers the worker when mounted), so every view opens offline after
// one visit. A chunk that fails to arrive is fetched when its view first opens instead.
const LATER = __ATLAS_CHUNKS__;
const CACHE = `atlas-${VERSION}`;
const BUNDLE = "data/bundle.json";
// The wasm chunks of the views loaded on demand (xtask/src/split.rs): not precached (a first
// visit downloads none of them), but kept the first time the page fetches each, so a view
// once seen also opens offline. Their names carry a hash of their contents.
const CHUNKS = "split/";
// The files a split catalogue's manifest names (atlas-core/src/split), below any folder of
// the site (data/ by default, or the folder of a `?bundle=` manifest).
const SPLIT_FILE = /(^|\/)((records|terms|facets|ids|timeline|stats)\/[^/]+|places|timeline|stats)\.json$/;
const FETCHED_AT = "x-atlas-fetched-at";
const DIGEST = "x-atlas-sha256";

const scope = new URL(self.registration.scope);

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A copy of a response that carries its digest and, for the bundle, when it was fetched. */
async function sealed(response, stamp) {
  const body = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  headers.set(DIGEST, await sha256(body));
  if (stamp) headers.set(FETCHED_AT, new Date().toISOString());
  return new Response(body, { status: 200, statusText: "OK", headers });
}

/** The saved response for `key` if its body still matches its digest; a broken one is deleted. */
async function intact(cache, key) {
  const hit = await cache.match(key, { ignoreSearch: true });
  if (!hit) return undefined;
  const want = hit.headers.get(DIGEST);
  if (want && want === (await sha256(await hit.clone().arrayBuffer()))) return hit;
  await cache.delete(key, { ignoreSearch: true });
  return undefined;
}

/**
 * A file whose name carries a hash of its contents (Trunk's `-<16 hex>` before the
 * extension, the chunks' too) never changes under that name: an intact copy an earlier
 * version saved is this build's file, so an update downloads only what changed (a data-only
 * update reuses the ≈350 KB wasm and every chunk).
 */
const HASHED = /-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$/;

async function earlier(f) {
  if (!HASHED.test(f)) return undefined;
  const key = new URL(f, scope).href;
  for (const name of await caches.keys()) {
    if (!name.startsWith("atlas-") || name === CACHE) continue;
    const hit = await intact(await caches.open(name), key);
    if (hit) return hit;
  }
  return undefined;
}

self.addEventListener("install", (event) => {
  // Fetch every file fresh (not from the HTTP cache) so the cache matches this build; all or
  // nothing, like cache.addAll. A content-hashed file an earlier version saved is reused.
  event.waitUntil(
    (async () => {
      // Each body is read as soon as it arrives: the browser has few connections per host.
      const copies = await Promise.all(
        FILES.map(async (f) => {
          const kept = await earlier(f);
          if (kept) return [f, kept];
          const response = await fetch(new Request(f, { cache: "reload" }));
          if (!response.ok) throw new Error(`${f}: HTTP ${response.status}`);
          return [f, await sealed(response, f === BUNDLE)];
        }),
      );
      const cache = await caches.open(CACHE);
      for (const [f, copy] of copies) await cache.put(new URL(f, scope).href, copy);
      // Then the chunks, best effort: a failure here never fails the install.
      await Promise.all(
        LATER.map(async (f) => {
          try {
            const kept = await earlier(f);
            if (kept) {
              await cache.put(new URL(f, scope).href, kept);
              return;
            }
            const response = await fetch(new Request(f, { cache: "reload" }));
            if (response.ok) await cache.put(new URL(f, scope).href, await sealed(response, false));
          } catch {}
        }),
      );
    })(),
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

/** Why a fetched bundle cannot be used (an error status, a web page, not JSON), or "". */
async function unusable(response) {
  if (!response.ok) return `HTTP ${response.status}`;
  const type = response.headers.get("content-type") || "";
  if (/html/i.test(type)) return `content type ${type}`;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await response.clone().arrayBuffer());
    const data = JSON.parse(text);
    if (!data || typeof data !== "object" || !("schema_version" in data)) return "not a bundle";
  } catch (err) {
    return String(err);
  }
  return "";
}

/**
 * The bundle: network first (fresh data when online). When the network fails or sends
 * something unusable (an error, a web page, a cut-off file), the saved copy is used if it is
 * intact; it carries the time it was saved, so the page says it shows saved data. Without a
 * saved copy the page gets the network's answer and shows what went wrong.
 */
async function bundle(request) {
  const cache = await caches.open(CACHE);
  const key = new URL(BUNDLE, scope).href;
  let response;
  let failure = "";
  try {
    response = await fetch(request, { cache: "no-cache" });
    failure = await unusable(response);
  } catch (err) {
    failure = String(err);
  }
  if (!failure) {
    await cache.put(key, await sealed(response.clone(), true));
    return response;
  }
  const saved = await intact(cache, key);
  if (saved) return saved;
  if (response) return response;
  throw new Error(failure);
}

/** A wasm chunk: the intact saved copy, else the network's, saved for next time. */
async function chunk(request) {
  const cache = await caches.open(CACHE);
  const saved = await intact(cache, request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request.url, await sealed(response.clone(), false));
  return response;
}

/**
 * A file of a split catalogue (large mode: record fragments, term shards, the facet table,
 * id files), fetched as the reader goes. Network first (a new split writes the same names),
 * and kept, so what was seen opens offline; offline, the intact saved copy.
 */
async function splitFile(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      // A full disk must not turn a good answer into an error.
      try {
        await cache.put(request.url, await sealed(response.clone(), false));
      } catch {}
    }
    return response;
  } catch (err) {
    const saved = await intact(cache, request);
    if (saved) return saved;
    throw err;
  }
}

/** A file of the build: the intact saved copy, else the network. */
async function file(request, key) {
  const cache = await caches.open(CACHE);
  return (await intact(cache, key)) || fetch(request);
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
  if (path.startsWith(CHUNKS)) {
    event.respondWith(chunk(request));
    return;
  }
  if (SPLIT_FILE.test(path)) {
    event.respondWith(splitFile(request));
    return;
  }
  if (request.mode === "navigate" && (path === "" || path === "index.html")) {
    // The app is one page whose state is in the query string: serve this version's
    // index.html, so the page and its files always come from one build.
    event.respondWith(file(request, new URL("index.html", scope).href));
    return;
  }
  event.respondWith(file(request, request));
});
