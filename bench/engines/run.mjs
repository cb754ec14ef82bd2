#!/usr/bin/env node
// Runs the side-by-side engine benchmark (bench/engines/index.html) headless in Debian's
// Chromium for every corpus, and writes bench/results/engines.json (raw numbers plus a
// pre-rendered Markdown section; bench/report.mjs assembles bench/RESULTS.md from it).
//
//   node bench/engines/run.mjs [CORPUS_DIR …]
//
// Without arguments: every directory under target/bench-corpus/ holding bundle.json,
// docs.json and queries.json (as `atlas-bundle synth` writes them), smallest first.
// Needs target/bench-wasm/ (wasm-bindgen output of crates/atlas-bench-wasm) and the npm
// devDependencies; `cargo xtask bench` does all of it.
//
// Environment: BENCH_PORT (default 4180), BENCH_ENGINES (comma-separated keys, e.g.
// "atlas,flexsearch-tuned,pagefind"; with BENCH_MERGE="<reason>" their rows replace those in
// the existing results file instead of writing a new one; BENCH_RENDER=1 only re-renders the
// Markdown of BENCH_OUT), BENCH_FUSE_BUDGET_S (seconds of timed queries per
// Fuse.js variant and corpus; default 90), BENCH_OUT (default bench/results/engines.json).

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { contentType } from '../../tests/mime.mjs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const HOST = '127.0.0.1';
const PORT = Number(process.env.BENCH_PORT ?? 4180);
const OUT = resolve(ROOT, process.env.BENCH_OUT ?? 'bench/results/engines.json');
const CHROMIUM = '/usr/bin/chromium';
/** Time budget for the timed queries of Fuse.js (it scans every record for every query). */
const FUSE_BUDGET_MS = Number(process.env.BENCH_FUSE_BUDGET_S ?? 90) * 1000;
/** BENCH_BROAD=1: time common words too (many matches, no known answer) and write only that. */
const BROAD = !!process.env.BENCH_BROAD;
const BROAD_QUERIES = ['الأمن', 'مؤتمر', 'الشرطة', 'security', 'interpol', 'congrès', '2024'];
/** What the server may serve (everything else is a 404). */
const SERVED = ['bench/engines/', 'node_modules/', 'target/bench-wasm/', 'target/bench-corpus/'];


// ─── static server ────────────────────────────────────────────────────────────────────────────

/** Serves the allow-listed dirs with cross-origin isolation (performance.now() at 5 µs
 *  resolution instead of 100 µs) and no caching. */
function serve() {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', `http://${HOST}`);
    let rel;
    try {
      rel = decodeURIComponent(pathname).replace(/^\/+/, '');
    } catch {
      rel = null;
    }
    let file = rel === null ? null : resolve(ROOT, rel);
    const allowed =
      file && file.startsWith(ROOT + sep) && SERVED.some((d) => (relative(ROOT, file) + '/').startsWith(d));
    try {
      if (!allowed) throw new Error('not served');
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        'Content-Type': contentType(file),
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(`not found: ${pathname}\n`);
    }
  });
  return new Promise((ok, fail) => {
    server.on('error', fail);
    server.listen(PORT, HOST, () => ok(server));
  });
}

// ─── corpora and Pagefind ─────────────────────────────────────────────────────────────────────

function findCorpora(args) {
  const dirs = args.length
    ? args.map((a) => resolve(a))
    : existsSync(join(ROOT, 'target/bench-corpus'))
      ? readdirSync(join(ROOT, 'target/bench-corpus')).map((d) => join(ROOT, 'target/bench-corpus', d))
      : [];
  const corpora = dirs
    .filter((d) => ['bundle.json', 'docs.json', 'queries.json'].every((f) => existsSync(join(d, f))))
    .map((d) => ({ dir: d, records: JSON.parse(readFileSync(join(d, 'docs.json'), 'utf8')).length }))
    .sort((a, b) => a.records - b.records);
  for (const c of corpora) {
    if (!c.dir.startsWith(join(ROOT, 'target/bench-corpus') + sep)) {
      throw new Error(`${c.dir}: corpora must live under target/bench-corpus/ (served dir)`);
    }
  }
  return corpora;
}

function dirBytes(dir) {
  let n = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = dirBytes(p);
      n += sub.bytes;
      files += sub.files;
    } else {
      n += statSync(p).size;
      files += 1;
    }
  }
  return { bytes: n, files };
}

/** Builds a Pagefind index of docs.json under DIR/pagefind/ with its Node API. */
async function buildPagefind(corpus) {
  const out = join(corpus.dir, 'pagefind');
  const docsFile = join(corpus.dir, 'docs.json');
  try {
    const pagefind = await import('pagefind');
    const docs = JSON.parse(await readFile(docsFile, 'utf8'));
    const t = performance.now();
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`createIndex: ${errors.join('; ')}`);
    // Batches of concurrent calls: each one is a message to the pagefind binary.
    for (let i = 0; i < docs.length; i += 500) {
      const rs = await Promise.all(
        docs.slice(i, i + 500).map((d) =>
          index.addCustomRecord({
            url: `/r/${encodeURIComponent(d.id)}`,
            content: [d.title, d.aliases, d.summary, d.other].filter(Boolean).join('\n'),
            language: 'ar',
            meta: { title: d.title.split('\n')[0] },
          }),
        ),
      );
      const bad = rs.find((r) => r.errors?.length);
      if (bad) throw new Error(`addCustomRecord: ${bad.errors.join('; ')}`);
    }
    await rm(out, { recursive: true, force: true });
    const w = await index.writeFiles({ outputPath: out });
    if (w.errors?.length) throw new Error(`writeFiles: ${w.errors.join('; ')}`);
    const buildMs = performance.now() - t;
    await pagefind.close();
    const size = dirBytes(out);
    const fragments = dirBytes(join(out, 'fragment'));
    const indexChunks = dirBytes(join(out, 'index'));
    return { ok: true, build_ms: buildMs, bytes_on_disk: size.bytes, files: size.files, fragment_bytes: fragments.bytes, index_bytes: indexChunks.bytes, base: '/' + relative(ROOT, out) + '/' };
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e) };
  }
}

/** One page load runs every engine on a corpus. Each engine's numbers are sent to Node as
 *  soon as it finishes, so if the tab dies (out of memory), the engine that was running is
 *  recorded as failed and a fresh page carries on with the engines not yet run. */
async function runCorpus(browser, opts, only) {
  const engines = [];
  const failures = [];
  let meta = null;
  for (let attempt = 0; attempt < 10; attempt++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let current = null;
    page.on('console', (m) => console.log(`  [page] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`  [page error] ${e.message}`));
    page.setDefaultTimeout(0);
    await page.exposeFunction('benchStarted', (key) => {
      current = key;
    });
    await page.exposeFunction('benchReport', (r) => {
      engines.push(r);
    });
    await page.goto(`http://${HOST}:${PORT}/bench/engines/`);
    await page.waitForFunction(() => window.benchReady === true);
    const all = only ?? (await page.evaluate(() => window.benchEngineKeys));
    const failed = new Set(failures.map((f) => f.key));
    const todo = all.filter((k) => !engines.some((e) => e.key === k) && !failed.has(k) && !(k === 'pagefind' && meta?.pagefind));
    if (meta && (!todo.length || (todo.length === 1 && todo[0] === 'pagefind' && !opts.pagefind))) {
      await context.close();
      break;
    }
    try {
      const r = await page.evaluate((o) => window.runBench(o), { ...opts, engines: todo });
      meta = { ...r, pagefind: r.pagefind ?? meta?.pagefind ?? null };
      await context.close();
      break;
    } catch (e) {
      const error = String(e?.message ?? e).split('\n')[0];
      console.log(`  ✗ the page died while running ${current ?? '?'}: ${error}; continuing in a new page`);
      failures.push({ key: current ?? 'unknown', error });
      await context.close().catch(() => {});
      if (!current) break;
    }
  }
  if (!meta) throw new Error(`no engine completed: ${JSON.stringify(failures)}`);
  return { ...meta, engines, failures };
}

/** Which atlas-core the wasm was built from: the commit, and whether the work tree differed. */
function atlasCoreState() {
  const git = (...a) => {
    try {
      return execFileSync('git', a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--', 'crates/atlas-core', 'crates/atlas-bench-wasm');
  return { commit, uncommitted_changes: dirty ? dirty.split('\n').length : 0 };
}

// ─── machine ──────────────────────────────────────────────────────────────────────────────────

function machine(browserVersion) {
  let cpu = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch {}
  return {
    cpu,
    cores: cpus().length,
    memory_gb: +(totalmem() / 2 ** 30).toFixed(1),
    chromium: browserVersion,
    node: process.version,
    summary: `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM; Chromium ${browserVersion} (headless); Node ${process.version}`,
  };
}

// ─── markdown ─────────────────────────────────────────────────────────────────────────────────

const VARIANTS = ['diacritics', 'hamza', 'ta-marbuta', 'prefix', 'digits', 'latin'];
const ms = (x) => (x === null || x === undefined ? '–' : x < 0.1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(0));
const mb = (b) => (b === null || b === undefined ? '–' : `${(b / 2 ** 20).toFixed(1)} MB`);
const kb = (b) => (b === null || b === undefined ? '–' : `${(b / 1024).toFixed(0)} KB`);
const pct = (x) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)} %`);
const k = (n) => (n >= 1000 ? `${n / 1000}k` : `${n}`);

function memoryCell(e) {
  const m = e.memory ?? {};
  if (e.key.startsWith('atlas')) {
    const growth = e.key === 'atlas' ? `; wasm memory +${mb(m.wasm_memory_growth_bytes)}` : ' (wasm memory already grown by the row above)';
    return `${mb(m.rust_heap_bytes)} Rust heap (${mb(m.rust_index_bytes)} index + ${mb(m.rust_catalog_bytes)} records)${growth}`;
  }
  return `${mb(m.js_heap_bytes)} JS heap`;
}

function render(run) {
  const L = [];
  const core = run.atlas_core;
  L.push(`The Atlas: atlas-core at commit \`${core?.commit ?? '?'}\`${core?.uncommitted_changes ? ` plus uncommitted work-tree changes in ${core.uncommitted_changes} file(s) of crates/atlas-core when the benchmark ran (the engine was built from that work tree)` : ''}, built by \`cargo xtask bench\` with the app's release profile (opt-level z, LTO, codegen-units 1, panic abort) and \`wasm-opt -Oz\` as Trunk does for the app.`);
  L.push('');
  L.push(`Corpora from \`atlas-bundle synth\` (same records for every engine; queries are the Arabic variant set of queries.json). ${run.runs.map((r) => `${k(r.records)}: ${r.queries} queries`).join(', ')}.`);
  L.push('');
  L.push('| records | engine | build (ms) | memory after build | query median (ms) | query p95 (ms) | recall@10 | queries timed |');
  L.push('|---:|---|---:|---|---:|---:|---:|---|');
  for (const r of run.runs) {
    for (const e of r.engines) {
      const capped = e.queries < e.queries_total ? `**capped: ${e.queries}/${e.queries_total}** (time budget)` : `${e.queries}`;
      L.push(`| ${k(r.records)} | ${e.engine} | ${ms(e.build_ms)} | ${memoryCell(e)} | ${ms(e.median_ms)} | ${ms(e.p95_ms)} | ${pct(e.recall.all)} | ${capped} × ${e.passes} |`);
    }
    for (const f of r.failures ?? []) {
      L.push(`| ${k(r.records)} | ${f.key} | **did not complete**: the tab died (${f.error.replace(/\|/g, '/')}) | | | | | |`);
    }
  }
  L.push('');
  L.push('Recall@10 per Arabic variant (|top 10 ∩ expected| / |expected|, averaged):');
  L.push('');
  L.push(`| records | engine | ${VARIANTS.join(' | ')} | all |`);
  L.push(`|---:|---|${VARIANTS.map(() => '---:').join('|')}|---:|`);
  for (const r of run.runs) {
    const rows = [...r.engines];
    if (r.pagefind && !r.pagefind.error) rows.push(r.pagefind);
    for (const e of rows) {
      L.push(`| ${k(r.records)} | ${e.engine} | ${VARIANTS.map((v) => pct(e.recall[v])).join(' | ')} | ${pct(e.recall.all)} |`);
    }
  }
  L.push('');
  L.push('**Pagefind** (npm `pagefind`, index built with its Node API: `createIndex`, `addCustomRecord` with `language: "ar"`, one record per document, url `/r/<id>`; loaded in the page through its `pagefind.js`, main thread (`noWorker`)):');
  L.push('');
  L.push('| records | index build (s) | index on disk | init (ms / bytes) | cold query median / p95 (ms, with top-10 fragments) | bytes for all queries (cold pass) | warm search median / p95 (ms) | warm + fragments median (ms) | recall@10 |');
  L.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of run.runs) {
    const p = r.pagefind;
    const b = r.pagefind_build;
    if (!p || p.error || !b?.ok) {
      L.push(`| ${k(r.records)} | did not run: ${(b && !b.ok ? b.error : p?.error ?? 'skipped').replace(/\|/g, '/').split('\n')[0]} ||||||||`);
      continue;
    }
    L.push(`| ${k(r.records)} | ${(b.build_ms / 1000).toFixed(1)} | ${mb(b.bytes_on_disk)} (${b.files} files) | ${ms(p.init_ms)} / ${kb(p.init_bytes.transfer)} | ${ms(p.cold.with_fragments_median_ms)} / ${ms(p.cold.with_fragments_p95_ms)} | ${kb(p.query_bytes.transfer)} in ${p.query_bytes.requests} requests (${kb(p.query_bytes.transfer / p.queries)}/query) | ${ms(p.median_ms)} / ${ms(p.p95_ms)} | ${ms(p.with_fragments_median_ms)} | ${pct(p.recall.all)} |`);
  }
  L.push('');
  L.push(...verdict(run));
  L.push('');
  L.push('How it was measured:');
  L.push('');
  for (const x of run.remeasured ?? []) {
    L.push(`- **Re-measured** ${x.date}: ${x.engines.join(', ')} in a separate page load per corpus (${x.reason}); their rows above are from that run, the rest from the main run.`);
  }
  L.push(`- Machine load during the runs (1-min load average before → after each page; 2 cores, other builds may share them): ${run.runs.map((r) => `${k(r.records)}: ${r.load_average.before[0].toFixed(1)} → ${r.load_average.after[0].toFixed(1)}`).join(', ')}.`);
  L.push(`- One page load per corpus (\`bench/engines/index.html\`, served from localhost with COOP/COEP so the page is cross-origin isolated and \`performance.now()\` has 5 µs resolution), engines one after the other in the order of the table. Chromium: \`${run.chromium_args.join(' ')}\`.`);
  L.push('- **Build**: `performance.now()` around index construction. The Atlas starts from the bundle JSON text (`load_bundle` → `Catalog::new` → `SearchIndex::build`, so JSON parsing and validation are included); the JS engines start from the already parsed docs.json array (parsing it took ' + run.runs.map((r) => `${ms(r.docs_parse_ms)} ms at ${k(r.records)}`).join(', ') + '). Median of 5 builds at ≤ 1k records, 3 at ≤ 10k, 1 above.');
  L.push('- **Memory**: after the first build, `performance.memory.usedJSHeapSize` (Chromium with `--enable-precise-memory-info`) after three forced full GCs (`--js-flags=--expose-gc`), minus the same reading just before the build; the documents themselves were already in the heap before, so the JS figure is what the index adds. The Atlas keeps its data in wasm linear memory, which the JS heap does not count: its figure is the live Rust heap (a counting global allocator in `crates/atlas-bench-wasm`), split into the parsed records (a catalog built without index) and the index; "wasm memory +" is the growth of `WebAssembly.Memory.buffer.byteLength`, which never shrinks and so reflects the peak during the build (JSON text copy + parse + index).');
  L.push('- **Queries**: warm-up passes over all queries (≥ 0.5 s, so V8 has tiered up the JS and the wasm), then 3 timed passes; each sample is one query repeated back to back `reps` times (reps ≈ 0.2 ms / the engine\'s warm-up mean, 1–50, so sub-5 µs latencies are resolved) and divided; median and p95 by nearest rank over all samples (queries × passes). The Atlas row: `search_positions(q, 10)` (the search inside wasm, the top-10 positions back as a Uint32Array, mapped to ids through a table read once after the build) — the app itself never moves ids to JS; the "ids as strings" row is the same engine through `search(q, 10) -> Vec<String>`. The JS engines: their `search`, cut to the top 10 (MiniSearch returns every match; we slice).');
  L.push(`- **Fuse.js** scans every record for every query, so it is run within a time budget: the queries in round-robin order over the variants, one warm-up query, then one timed pass that stops after ${run.fuse_budget_ms / 1000} s (at least 6 queries); its latency and recall are over the queries it got through ("capped" in the table).`);
  L.push('- **Tuned variants** share one Arabic normaliser (`bench/engines/arabic.mjs`): tashkeel/tatweel stripped, أإآٱ→ا, ؤ→و, ئ→ي, ة→ه, ى→ي, Arabic-Indic/Persian digits → 0–9, Latin lower-cased without accents, split into Arabic/digit/Latin runs, the clitics و ف ب ك ل ال وال بال كال فال لل stripped (repeatedly, while ≥ 2 letters remain), the Atlas\'s stopword list dropped. MiniSearch: `tokenize` + `processTerm`, prefix on the last query term, fuzzy 0.2 for Latin terms of ≥ 5 letters, title/aliases boosted ×2. FlexSearch: `Document` over title/aliases/summary/other with `encode` = the normaliser and `tokenize: "forward"`, results merged across fields (`merge: true`). Fuse.js: `getFn` returning the normalised field, `ignoreLocation: true`, `threshold: 0.3`, title/aliases weight 2 (summary/other 1), the query normalised the same way. Defaults: each library constructed with only the fields (and id) declared.');
  return L.join('\n');
}

function renderBroad(run) {
  const L = [];
  L.push('The variant queries above each match 1–5 records. These common words match thousands: the same page and engines (`BENCH_BROAD=1 BENCH_ENGINES=… node bench/engines/run.mjs`), each query run once to warm up, then 5 samples, each the mean of enough calls back to back for about 1 ms; the median per query, top 10 requested. "all hits" is the exact count the Atlas\'s search returns with its top 10 (its `count`). "rare" is the same engine\'s median variant query in the same page (the table above), and "worst ÷ rare" the slowest broad word over it.');
  L.push('');
  const qs = BROAD_QUERIES;
  L.push(`| records | engine | rare (ms) | ${qs.map((q) => `${q} (ms)`).join(' | ')} | worst ÷ rare |`);
  L.push(`|---:|---|---:|${qs.map(() => '---:').join('|')}|---:|`);
  for (const r of run.runs) {
    for (const e of r.engines) {
      if (!e.broad) continue;
      const worst = Math.max(...e.broad.map((b) => b.median_ms));
      const ratio = e.median_ms ? `${Math.round(worst / e.median_ms)}×` : '–';
      L.push(`| ${k(r.records)} | ${e.engine} | ${e.median_ms != null ? ms(e.median_ms) : '–'} | ${e.broad.map((b) => `${ms(b.median_ms)}${b.all_hits !== null ? ` (${b.all_hits} hits)` : ''}`).join(' | ')} | ${ratio} |`);
    }
  }
  L.push('');
  L.push(`Machine load (1-min load average before → after each page): ${run.runs.map((r) => `${k(r.records)}: ${r.load_average.before[0].toFixed(1)} → ${r.load_average.after[0].toFixed(1)}`).join(', ')}.`);
  return L.join('\n');
}

function verdict(run) {
  const L = ['Against the targets:', ''];
  const at = run.runs.find((r) => r.records === 10_000) ?? run.runs.find((r) => r.records >= 10_000) ?? run.runs.at(-1);
  if (at) {
    const atlas = at.engines.find((e) => e.key === 'atlas');
    const flex = at.engines.find((e) => e.key === 'flexsearch-tuned');
    if (atlas && flex) {
      const ok = atlas.median_ms <= flex.median_ms;
      L.push(`- Query latency at ${k(at.records)} records: the Atlas ${ms(atlas.median_ms)} ms median (p95 ${ms(atlas.p95_ms)}) vs FlexSearch tuned ${ms(flex.median_ms)} ms (p95 ${ms(flex.p95_ms)}): **${ok ? 'met' : 'NOT met'}** (target: Atlas ≤ FlexSearch tuned).`);
    }
  }
  for (const r of run.runs) {
    const atlas = r.engines.find((e) => e.key === 'atlas');
    if (atlas?.core_median_ms !== undefined) {
      const strings = r.engines.find((e) => e.key === 'atlas-strings');
      L.push(`- Atlas at ${k(r.records)}, what crossing to JS costs: the search alone (\`count(q)\`, a number back) median ${ms(atlas.core_median_ms)} ms / p95 ${ms(atlas.core_p95_ms)}; top-10 as positions (Uint32Array, the table's row) ${ms(atlas.median_ms)} / ${ms(atlas.p95_ms)}${strings ? `; top-10 ids as JS strings (\`search(q, 10)\`) ${ms(strings.median_ms)} / ${ms(strings.p95_ms)}` : ''}.`);
    }
  }
  for (const r of run.runs) {
    const atlas = r.engines.find((e) => e.key === 'atlas');
    if (!atlas) continue;
    const below = VARIANTS.filter((v) => atlas.recall[v] !== undefined && atlas.recall[v] < 1);
    L.push(`- Recall@10 at ${k(r.records)}: the Atlas ${pct(atlas.recall.all)}${below.length ? ` — below 100 % on ${below.map((v) => `${v} (${pct(atlas.recall[v])})`).join(', ')}; ${atlas.miss_count} queries missed (examples in engines.json)` : ' on every variant'}: **${atlas.recall.all === 1 ? 'met' : 'NOT met'}**.`);
    const others = [...r.engines, ...(r.pagefind && !r.pagefind.error ? [r.pagefind] : [])].filter((e) => !e.key.startsWith('atlas'));
    const beats = [];
    for (const e of others) {
      const vs = VARIANTS.filter((v) => e.recall[v] !== undefined && atlas.recall[v] !== undefined && e.recall[v] > atlas.recall[v] + 1e-9);
      if (vs.length) beats.push(`${e.engine} (${vs.join(', ')})`);
    }
    const faster = others.filter((e) => e.median_ms < atlas.median_ms).map((e) => `${e.engine} ${ms(e.median_ms)} ms (recall@10 ${pct(e.recall.all)})`);
    if (beats.length) L.push(`  - higher recall than the Atlas on some variant: ${beats.join('; ')}`);
    if (faster.length) L.push(`  - lower median latency than the Atlas (${ms(atlas.median_ms)} ms): ${faster.join(', ')}`);
    const tuned = others.filter((e) => e.memory?.js_heap_bytes && e.recall.all >= 0.99);
    const smaller = tuned.filter((e) => e.memory.js_heap_bytes < atlas.memory.rust_heap_bytes);
    if (smaller.length) {
      L.push(`  - **less memory than the Atlas** (${mb(atlas.memory.rust_heap_bytes)} live: ${mb(atlas.memory.rust_index_bytes)} index + ${mb(atlas.memory.rust_catalog_bytes)} parsed records): ${smaller.map((e) => `${e.engine} ${mb(e.memory.js_heap_bytes)}`).join(', ')}. The Atlas keeps a positional posting (field, byte range) per token for highlighting and phrases plus three term dictionaries (surface, bare, stem), and holds the parsed records themselves; the JS figures exclude the documents (already in the heap).`);
    }
    const quicker = others.filter((e) => e.build_ms < atlas.build_ms && e.recall.all >= 0.99);
    if (quicker.length) L.push(`  - faster index build than the Atlas (${ms(atlas.build_ms)} ms, JSON parse and validation included): ${quicker.map((e) => `${e.engine} ${ms(e.build_ms)} ms`).join(', ')}`);
  }
  return L;
}

// ─── main ─────────────────────────────────────────────────────────────────────────────────────

async function main() {
  if (process.env.BENCH_RENDER) {
    // Re-render the Markdown of an existing results file (after a change to this script).
    const json = JSON.parse(readFileSync(OUT, 'utf8'));
    json.markdown = json.title.includes('broad') ? renderBroad(json.data) : render(json.data);
    await writeFile(OUT, JSON.stringify(json, null, 1) + '\n');
    console.log(json.markdown);
    return;
  }
  const corpora = findCorpora(process.argv.slice(2));
  if (!corpora.length) {
    throw new Error('no corpus found under target/bench-corpus/ (run `cargo xtask bench`, or atlas-bundle synth)');
  }
  if (!existsSync(join(ROOT, 'target/bench-wasm/atlas_bench_wasm.js'))) {
    throw new Error('target/bench-wasm/ is missing: build crates/atlas-bench-wasm (cargo xtask bench does)');
  }
  const only = process.env.BENCH_ENGINES ? process.env.BENCH_ENGINES.split(',').map((s) => s.trim()) : null;
  const server = await serve();
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--enable-precise-memory-info',
    '--js-flags=--expose-gc',
  ];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  const chromiumVersion = browser.version();
  const runs = [];
  try {
    for (const corpus of corpora) {
      const rel = '/' + relative(ROOT, corpus.dir) + '/';
      let pagefindBuild = null;
      if (!only || only.includes('pagefind')) {
        console.log(`… ${rel}: building the Pagefind index (${corpus.records} records)`);
        pagefindBuild = await buildPagefind(corpus);
        console.log(pagefindBuild.ok ? `  pagefind index: ${(pagefindBuild.build_ms / 1000).toFixed(1)} s, ${mb(pagefindBuild.bytes_on_disk)}` : `  pagefind failed: ${pagefindBuild.error}`);
      }
      const opts = {
        corpus: rel,
        pagefind: pagefindBuild?.ok ? pagefindBuild.base : null,
        buildRuns: corpus.records <= 1000 ? 5 : corpus.records <= 10_000 ? 3 : 1,
        passes: 3,
        slowBudgetMs: FUSE_BUDGET_MS,
        broadQueries: BROAD ? BROAD_QUERIES : null,
      };
      console.log(`… ${rel}: running the page (${corpus.records} records)`);
      const load_before = loadavg();
      const result = await runCorpus(browser, opts, only);
      result.load_average = { before: load_before, after: loadavg() };
      result.pagefind_build = pagefindBuild;
      runs.push(result);
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  const browserVersion = chromiumVersion;
  const m = machine(browserVersion);
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  let data = { runs, chromium_args: args, fuse_budget_ms: FUSE_BUDGET_MS, atlas_core: atlasCoreState() };
  let first = { machine: m.summary, date, machine_details: m };
  if (process.env.BENCH_MERGE && only && existsSync(OUT)) {
    // Re-measure some engines only: their rows replace the old ones in the existing results.
    const old = JSON.parse(readFileSync(OUT, 'utf8'));
    for (const r of runs) {
      const o = old.data.runs.find((x) => x.records === r.records);
      if (!o) {
        old.data.runs.push(r);
        old.data.runs.sort((a, b) => a.records - b.records);
        continue;
      }
      for (const e of r.engines) {
        e.remeasured = date;
        const i = o.engines.findIndex((x) => x.key === e.key);
        if (i >= 0) o.engines[i] = e;
        else o.engines.push(e);
      }
      if (r.pagefind) o.pagefind = r.pagefind;
      if (r.pagefind_build) o.pagefind_build = r.pagefind_build;
      o.failures = [...(o.failures ?? []).filter((f) => !only.includes(f.key)), ...r.failures];
      (o.remeasured ??= []).push({ date, engines: only, load_average: r.load_average });
    }
    (old.data.remeasured ??= []).push({ date, engines: only, reason: process.env.BENCH_MERGE });
    data = old.data;
    first = { machine: m.summary, date: old.date, machine_details: m };
  }
  const markdown = BROAD ? renderBroad(data) : render(data);
  const json = {
    title: BROAD
      ? 'Search engines in the browser: broad queries (common words, latency only)'
      : 'Search engines side by side in the browser (Atlas WASM, MiniSearch, FlexSearch, Fuse.js, Pagefind)',
    ...first,
    markdown,
    data,
  };
  await mkdir(resolve(OUT, '..'), { recursive: true });
  await writeFile(OUT, JSON.stringify(json, null, 1) + '\n');
  console.log('\n' + markdown + '\n');
  console.log(`✓ wrote ${relative(ROOT, OUT)}`);
}

main().catch((e) => {
  console.error(`bench/engines/run.mjs: ${e?.stack ?? e}`);
  process.exit(1);
});
