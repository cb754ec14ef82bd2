// Side-by-side search benchmark, run in ONE page load per corpus: the Atlas's engine (release
// WASM of atlas-core), MiniSearch, FlexSearch and Fuse.js (default and Arabic-tuned), then
// Pagefind over a prebuilt index. Exposes `window.runBench(options)`; bench/engines/run.mjs
// calls it headless in Chromium and writes the numbers.
//
// Every engine sees the same records: the Atlas reads bundle.json (its own format), the JS
// engines read docs.json, the flattened searchable text of the same records (title, aliases,
// summary, other), and Pagefind an index built from docs.json by run.mjs.

import MiniSearch from 'minisearch';
import { Document as FlexDocument } from 'flexsearch';
import Fuse from 'fuse.js';
import initAtlas, { Engine as AtlasEngine, heap_bytes as atlasHeapBytes } from 'atlas-bench-wasm';
import { arabicNormalize, arabicTerms, arabicTokenize, processToken } from './arabic.mjs';

// docs.json: title, aliases, summary and `other` (role, value, names of linked records): all
// the text the Atlas indexes for a record.
const FIELDS = ['title', 'aliases', 'summary', 'other'];
const K = 10;

const logEl = document.getElementById('log');
function log(msg) {
  logEl.textContent += msg + '\n';
  console.log(msg);
}

async function fetchText(url) {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** JS heap in use after full GCs (needs --js-flags=--expose-gc --enable-precise-memory-info). */
async function jsHeap() {
  if (typeof globalThis.gc !== 'function' || !performance.memory) return null;
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(0);
  }
  return performance.memory.usedJSHeapSize;
}

function median(xs) {
  return quantile(xs, 0.5);
}

/** Nearest-rank quantile. */
function quantile(xs, q) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

function recallAt(ids, expected) {
  const top = new Set(ids.slice(0, K));
  return expected.filter((e) => top.has(e)).length / expected.length;
}

/** Round-robin over variants, so a capped run still covers every variant evenly. */
function roundRobin(queries, max = queries.length) {
  const by = new Map();
  for (const q of queries) {
    if (!by.has(q.variant)) by.set(q.variant, []);
    by.get(q.variant).push(q);
  }
  const lists = [...by.values()];
  const out = [];
  for (let i = 0; out.length < max; i++) {
    let any = false;
    for (const l of lists) {
      if (i < l.length && out.length < max) {
        out.push(l[i]);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

function summarise(queries, perQuery) {
  // perQuery[i] = { ids, times: [ms, …] }
  const times = perQuery.flatMap((p) => p.times);
  const recall = {};
  const byVariant = new Map();
  perQuery.forEach((p, i) => {
    const r = recallAt(p.ids, queries[i].expected);
    const v = queries[i].variant;
    if (!byVariant.has(v)) byVariant.set(v, []);
    byVariant.get(v).push(r);
  });
  let all = [];
  for (const [v, rs] of byVariant) {
    recall[v] = rs.reduce((a, b) => a + b, 0) / rs.length;
    all = all.concat(rs);
  }
  recall.all = all.reduce((a, b) => a + b, 0) / all.length;
  const misses = perQuery
    .map((p, i) => ({ q: queries[i].q, variant: queries[i].variant, expected: queries[i].expected, got: p.ids.slice(0, K), recall: recallAt(p.ids, queries[i].expected) }))
    .filter((m) => m.recall < 1);
  return {
    queries: perQuery.length,
    samples: times.length,
    median_ms: median(times),
    p95_ms: quantile(times, 0.95),
    mean_ms: times.reduce((a, b) => a + b, 0) / times.length,
    recall,
    misses: misses.slice(0, 50),
    miss_count: misses.length,
  };
}

// ─── engines ──────────────────────────────────────────────────────────────────────────────────

const MINI_DEFAULT = () => ({ fields: FIELDS, idField: 'id' });
const MINI_TUNED = () => ({
  fields: FIELDS,
  idField: 'id',
  tokenize: arabicTokenize,
  processTerm: processToken,
  searchOptions: {
    tokenize: arabicTokenize,
    processTerm: processToken,
    boost: { title: 2, aliases: 2 },
    // As MiniSearch's docs suggest for search-as-you-type: prefix on the last term,
    // fuzzy (edit distance ≤ 20 % of the term) for Latin terms of 5+ letters.
    prefix: (term, i, terms) => i === terms.length - 1,
    fuzzy: (term) => (/^[a-z]{5,}$/.test(term) ? 0.2 : false),
  },
});

const ENGINES = [
  {
    // The app runs the search inside wasm and never sends ids to JS; here the hits come back
    // as positions (a Uint32Array) mapped to ids through a table fetched once at build time.
    name: 'Atlas (WASM)',
    key: 'atlas',
    build: (ctx) => {
      const engine = new AtlasEngine(ctx.bundleText);
      return { engine, ids: engine.ids() };
    },
    search: (ix, q) => Array.from(ix.engine.search_positions(q, K), (i) => ix.ids[i]),
    count: (ix, q) => ix.engine.count(q),
    drop: (ix) => ix.engine.free(),
  },
  {
    // The same engine through `search(q, 10) -> Vec<String>`: one JS string per hit.
    name: 'Atlas (WASM), ids as strings',
    key: 'atlas-strings',
    build: (ctx) => new AtlasEngine(ctx.bundleText),
    search: (ix, q) => ix.search(q, K),
    drop: (ix) => ix.free(),
  },
  {
    name: 'MiniSearch default',
    key: 'minisearch-default',
    build: (ctx) => {
      const ms = new MiniSearch(MINI_DEFAULT());
      ms.addAll(ctx.docs);
      return ms;
    },
    search: (ix, q) => ix.search(q).slice(0, K).map((r) => r.id),
  },
  {
    name: 'MiniSearch tuned',
    key: 'minisearch-tuned',
    build: (ctx) => {
      const ms = new MiniSearch(MINI_TUNED());
      ms.addAll(ctx.docs);
      return ms;
    },
    search: (ix, q) => ix.search(q).slice(0, K).map((r) => r.id),
  },
  {
    name: 'FlexSearch default',
    key: 'flexsearch-default',
    build: (ctx) => {
      const ix = new FlexDocument({ document: { id: 'id', index: FIELDS } });
      for (const d of ctx.docs) ix.add(d);
      return ix;
    },
    search: (ix, q) => ix.search(q, { limit: K, merge: true }).map((r) => r.id),
  },
  {
    name: 'FlexSearch tuned',
    key: 'flexsearch-tuned',
    build: (ctx) => {
      // FlexSearch's docs: a custom `encode` function (string → terms) and the "forward"
      // tokenizer for partial (prefix) matches.
      const ix = new FlexDocument({
        tokenize: 'forward',
        encode: arabicTerms,
        document: { id: 'id', index: FIELDS },
      });
      for (const d of ctx.docs) ix.add(d);
      return ix;
    },
    search: (ix, q) => ix.search(q, { limit: K, merge: true }).map((r) => r.id),
  },
  {
    name: 'Fuse.js default',
    key: 'fuse-default',
    slow: true,
    build: (ctx) => new Fuse(ctx.docs, { keys: FIELDS }),
    search: (ix, q) => ix.search(q, { limit: K }).map((r) => r.item.id),
  },
  {
    name: 'Fuse.js tuned',
    key: 'fuse-tuned',
    slow: true,
    build: (ctx) =>
      new Fuse(ctx.docs, {
        keys: [
          { name: 'title', weight: 2 },
          { name: 'aliases', weight: 2 },
          { name: 'summary', weight: 1 },
          { name: 'other', weight: 1 },
        ],
        // Fuse.js's docs: getFn to index a transformed value, ignoreLocation for matches
        // anywhere in long fields, a stricter threshold than the 0.6 default.
        getFn: (doc, path) => arabicNormalize(Fuse.config.getFn(doc, path)),
        ignoreLocation: true,
        threshold: 0.3,
      }),
    search: (ix, q) => ix.search(arabicNormalize(q), { limit: K }).map((r) => r.item.id),
  },
];

async function benchEngine(engine, ctx, opts, wasm) {
  // Slow engines (Fuse.js scans every record per query) run the queries round-robin over the
  // variants within a time budget, so a capped run still covers every variant evenly.
  const queries = engine.slow ? roundRobin(ctx.queries) : ctx.queries;
  const buildRuns = engine.slow ? 1 : (opts.buildRuns ?? 1);
  const out = { engine: engine.name, key: engine.key, records: ctx.docs.length };

  // Memory: from the first build, after forced GCs, as a delta over the page before it.
  const heap0 = await jsHeap();
  const wasm0 = wasm.memory.buffer.byteLength;
  const rust0 = atlasHeapBytes();
  const buildTimes = [];
  let t0 = performance.now();
  let ix = engine.build(ctx);
  buildTimes.push(performance.now() - t0);
  const heap1 = await jsHeap();
  out.memory = {
    js_heap_bytes: heap0 === null ? null : heap1 - heap0,
  };
  if (engine.key.startsWith('atlas')) {
    out.memory.wasm_memory_growth_bytes = wasm.memory.buffer.byteLength - wasm0;
    out.memory.wasm_memory_bytes = wasm.memory.buffer.byteLength;
    out.memory.rust_heap_bytes = atlasHeapBytes() - rust0;
    // The catalog alone (parsed records, no index), to split the heap between the two.
    const bare = AtlasEngine.catalog_only(ctx.bundleText);
    out.memory.rust_catalog_bytes = atlasHeapBytes() - rust0 - out.memory.rust_heap_bytes;
    bare.free();
    out.memory.rust_index_bytes = out.memory.rust_heap_bytes - out.memory.rust_catalog_bytes;
  }
  // More builds for the time only (the previous index is dropped first).
  for (let i = 1; i < buildRuns; i++) {
    engine.drop?.(ix);
    ix = null;
    await jsHeap();
    t0 = performance.now();
    ix = engine.build(ctx);
    buildTimes.push(performance.now() - t0);
  }
  out.build_ms = median(buildTimes);
  out.build_runs = buildTimes.length;

  // Warm-up (JIT, caches), then timed passes. A query faster than the clock's 5 µs
  // steps is repeated back to back and timed as a whole: reps = ~0.2 ms / warm-up mean, so
  // each sample is the mean of `reps` identical calls (none of these engines caches results
  // by default).
  // Warm-up: whole passes until 0.5 s have gone by (at least one, at most 10), so V8 has
  // tiered up the hot JS and wasm functions (wasm starts in the Liftoff baseline compiler).
  const warm = engine.slow ? queries.slice(0, 1) : queries;
  let warmMean = 0;
  for (let pass = 0, t = performance.now(); pass < 10 && (pass === 0 || performance.now() - t < 500); pass++) {
    const tw = performance.now();
    for (const q of warm) engine.search(ix, q.q);
    warmMean = (performance.now() - tw) / warm.length;
    if (engine.slow) break;
  }
  const reps = engine.slow ? 1 : Math.max(1, Math.min(50, Math.round(0.2 / Math.max(warmMean, 0.001))));
  const passes = engine.slow ? 1 : (opts.passes ?? 3);
  const budget = engine.slow ? (opts.slowBudgetMs ?? 90_000) : Infinity;
  const perQuery = [];
  const started = performance.now();
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < queries.length; i++) {
      if (p === 0 && i >= 6 && performance.now() - started > budget) break;
      if (p > 0 && i >= perQuery.length) break;
      const q = queries[i].q;
      const s = performance.now();
      let ids = engine.search(ix, q);
      for (let r = 1; r < reps; r++) ids = engine.search(ix, q);
      const took = (performance.now() - s) / reps;
      if (p === 0) perQuery.push({ ids, times: [took] });
      else perQuery[i].times.push(took);
    }
  }
  out.reps = reps;
  Object.assign(out, summarise(queries.slice(0, perQuery.length), perQuery));
  out.queries_total = ctx.queries.length;
  out.passes = passes;
  if (engine.slow) out.budget_ms = budget;

  if (engine.count) {
    // Diagnostic: the same search returning only the number of hits (nothing but a number
    // crosses the wasm-bindgen boundary), to see what returning results costs.
    const core = [];
    for (let p = 0; p < passes; p++) {
      for (const q of queries) {
        const s = performance.now();
        for (let r = 0; r < reps; r++) engine.count(ix, q.q);
        core.push((performance.now() - s) / reps);
      }
    }
    out.core_median_ms = median(core);
    out.core_p95_ms = quantile(core, 0.95);
  }
  if (opts.broadQueries?.length) {
    // Common words: thousands of matching records, no known answer; latency only.
    out.broad = [];
    for (const q of opts.broadQueries) {
      // As the variant queries: a sample is the mean of `breps` calls back to back, enough for
      // ~1 ms, so a fast engine's time is not below the timer's resolution.
      const w = performance.now();
      engine.search(ix, q);
      const warm = performance.now() - w;
      const breps = engine.slow ? 1 : Math.max(1, Math.min(200, Math.round(1 / Math.max(warm, 0.005))));
      const times = [];
      let hits = 0;
      for (let p = 0; p < 5; p++) {
        const s = performance.now();
        for (let r = 0; r < breps; r++) hits = engine.search(ix, q).length;
        times.push((performance.now() - s) / breps);
      }
      out.broad.push({ q, median_ms: median(times), reps: breps, top: hits, all_hits: engine.count ? engine.count(ix, q) : null });
    }
  }
  engine.drop?.(ix);
  ix = null;
  return out;
}

// ─── Pagefind ─────────────────────────────────────────────────────────────────────────────────

function resourceBytes(prefix, since) {
  let transfer = 0;
  let body = 0;
  let requests = 0;
  for (const e of performance.getEntriesByType('resource')) {
    if (e.startTime < since || !new URL(e.name).pathname.startsWith(prefix)) continue;
    transfer += e.transferSize;
    body += e.encodedBodySize;
    requests += 1;
  }
  return { transfer, body, requests };
}

async function benchPagefind(ctx, base, opts) {
  performance.setResourceTimingBufferSize(1_000_000);
  const out = { engine: 'Pagefind', key: 'pagefind', records: ctx.docs.length };
  const tInit = performance.now();
  const pf = await import(base + 'pagefind.js');
  // No worker: its fetches would be invisible to this page's Resource Timing, and the other
  // engines run on the main thread too.
  await pf.options({ basePath: base, noWorker: true });
  await pf.init();
  out.init_ms = performance.now() - tInit;
  out.init_bytes = resourceBytes(base, tInit);

  const queries = ctx.queries;
  const run = async (q) => {
    const s = performance.now();
    const res = await pf.search(q);
    const searched = performance.now();
    const data = await Promise.all(res.results.slice(0, K).map((r) => r.data()));
    const loaded = performance.now();
    return {
      ids: data.map((d) => decodeURIComponent(d.url.split('/r/').pop().replace(/\/$/, ''))),
      search_ms: searched - s,
      total_ms: loaded - s,
    };
  };
  // Cold pass: the first time each query runs, index chunks and fragments are fetched.
  const cold = [];
  const tCold = performance.now();
  const perQuery = [];
  for (const q of queries) {
    const r = await run(q.q);
    cold.push(r);
    perQuery.push({ ids: r.ids, times: [] });
  }
  out.query_bytes = resourceBytes(base, tCold);
  out.cold = {
    search_median_ms: median(cold.map((r) => r.search_ms)),
    search_p95_ms: quantile(cold.map((r) => r.search_ms), 0.95),
    with_fragments_median_ms: median(cold.map((r) => r.total_ms)),
    with_fragments_p95_ms: quantile(cold.map((r) => r.total_ms), 0.95),
  };
  // Warm passes (everything cached in the page): comparable with the in-memory engines.
  const passes = opts.passes ?? 3;
  const withFragments = [];
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < queries.length; i++) {
      const r = await run(queries[i].q);
      perQuery[i].times.push(r.search_ms);
      withFragments.push(r.total_ms);
    }
  }
  Object.assign(out, summarise(queries, perQuery));
  out.with_fragments_median_ms = median(withFragments);
  out.with_fragments_p95_ms = quantile(withFragments, 0.95);
  out.queries_total = queries.length;
  out.passes = passes;
  return out;
}

// ─── driver ───────────────────────────────────────────────────────────────────────────────────

window.runBench = async function runBench(opts) {
  const corpus = opts.corpus.endsWith('/') ? opts.corpus : opts.corpus + '/';
  const only = opts.engines ? new Set(opts.engines) : null;
  const t = performance.now();
  const wasm = await initAtlas();
  const bundleText = await fetchText(corpus + 'bundle.json');
  const docsText = await fetchText(corpus + 'docs.json');
  const tParse = performance.now();
  const docs = JSON.parse(docsText);
  const docsParseMs = performance.now() - tParse;
  const queries = JSON.parse(await fetchText(corpus + 'queries.json'));
  const ctx = { bundleText, docs, queries };
  log(`corpus ${corpus}: ${docs.length} records, ${queries.length} queries (loaded in ${(performance.now() - t).toFixed(0)} ms)`);

  const results = [];
  for (const engine of ENGINES) {
    if (only && !only.has(engine.key)) continue;
    await window.benchStarted?.(engine.key);
    const r = await benchEngine(engine, ctx, opts, wasm);
    await window.benchReport?.(r);
    log(`${engine.name}: build ${r.build_ms.toFixed(1)} ms, median ${r.median_ms.toFixed(3)} ms, p95 ${r.p95_ms.toFixed(3)} ms, recall@10 ${(100 * r.recall.all).toFixed(1)} %`);
    results.push(r);
  }
  let pagefind = null;
  if (opts.pagefind && (!only || only.has('pagefind'))) {
    try {
      await window.benchStarted?.('pagefind');
      pagefind = await benchPagefind(ctx, opts.pagefind, opts);
      log(`Pagefind: median ${pagefind.median_ms.toFixed(3)} ms, recall@10 ${(100 * pagefind.recall.all).toFixed(1)} %`);
    } catch (e) {
      pagefind = { engine: 'Pagefind', key: 'pagefind', error: String(e?.stack ?? e) };
      log(`Pagefind failed: ${e}`);
    }
  }
  return {
    corpus,
    records: docs.length,
    queries: queries.length,
    variants: [...new Set(queries.map((q) => q.variant))],
    docs_json_bytes: new Blob([docsText]).size,
    bundle_json_bytes: new Blob([bundleText]).size,
    docs_parse_ms: docsParseMs,
    cross_origin_isolated: globalThis.crossOriginIsolated === true,
    precise_memory: typeof globalThis.gc === 'function' && !!performance.memory,
    user_agent: navigator.userAgent,
    engines: results,
    pagefind,
  };
};

window.benchEngineKeys = [...ENGINES.map((e) => e.key), 'pagefind'];
window.benchReady = true;
