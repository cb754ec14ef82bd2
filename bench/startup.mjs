// A first visit on a throttled phone, traced: the main-thread tasks from navigation until the
// app answers a search, with what each long one spent its time on, the paints, and the bytes
// on the wire. The profile behind issue-13's work on start-up (bench/RESULTS.md).
//   node bench/startup.mjs [LABEL=]DIST … [--out OUT.json]   (STARTUP_RUNS per build, default 5;
//   STARTUP_BROTLI=LABEL,… the builds served with their Brotli copies first)
// Several builds (say the last release and this one) are measured in one run, alternately.
//
// dist/ is served gzipped by a local server, as a static host serves it; Chromium's CPU is
// slowed 4× and its network set to Lighthouse's slow 4G (150 ms RTT, 1.6 Mbps down, as the
// mobile preset simulates), a 412×823 phone viewport. Each run is a fresh browser (a cold
// cache). A long task is one over 50 ms at that slowdown; its blocking part is what lies over
// 50 ms (Lighthouse's Total Blocking Time sums those between first paint and interactive).
// "Answers a search" is the moment a query typed into the field shows its results.
import { writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serve, launchChromium, machine, q, buildArgs, alternate } from './common.mjs';

const { builds, outFile } = buildArgs(process.argv.slice(2), 'bench/results/startup.json');
const RUNS = Math.max(1, Number(process.env.STARTUP_RUNS ?? 5));
const SLOW = 4;
// v8.wasm's detailed events show the wasm functions V8 compiles on their first call (it compiles
// none ahead: lazy compilation), on the main thread, inside the app's tasks.
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed'];

let sent = [];
let dist = builds[0].dir;
let label = builds[0].label;
const BROTLI = new Set((process.env.STARTUP_BROTLI ?? '').split(',').filter(Boolean));
const { server, base } = await serve((path) => join(dist, path === '/' ? 'index.html' : path), {
  gzip: true,
  brotli: () => BROTLI.has(label),
  onSent: (r) => sent.push(r),
});

/** What a task spent its time on: its direct children, grouped. */
const GROUPS = [
  [/^(Layout|UpdateLayoutTree|RecalculateStyles|PrePaint|Paint|Layerize|UpdateLayer|HitTest|IntersectionObserverController::computeIntersections)$/, 'style & layout'],
  [/^(ParseHTML|ParseAuthorStyleSheet)$/, 'HTML/CSS parse'],
  [/wasm|Wasm/, 'wasm compile'],
  [/^(FunctionCall|EvaluateScript|v8\.compile|V8\.CompileCode|TimerFire|FireAnimationFrame|EventDispatch|v8\.callFunction|RunMicrotasks|v8\.run|XHRReadyStateChange|ResourceReceivedData|ResourceFinish)$/, 'script (JS and wasm)'],
  [/GC|MinorGC|MajorGC/, 'GC'],
];
const group = (name) => (GROUPS.find(([re]) => re.test(name)) ?? [null, 'other'])[1];

async function once() {
  sent = [];
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW });
  await page.addInitScript(() => {
    window.__lcp = 0;
    window.__cls = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  await browser.startTracing(page, { categories: CATEGORIES });
  const t0 = Date.now();
  await page.goto(base, { waitUntil: 'commit' });
  // The app is ready when it has replaced the boot page with its own cards: from then on it
  // answers a search. Polled in the page, timed by the page's own clock.
  const readyMs = await page.evaluate(() => new Promise((resolve) => {
    const check = () => (document.readyState !== 'loading' && !document.getElementById('boot') &&
      document.querySelector('main article.card') ? resolve(performance.now()) : setTimeout(check, 20));
    check();
  }));
  // What the page asked for until then: not the service worker's precache (its requests
  // name sw.js as their referrer), which installs meanwhile and is not what the reader
  // waited for (a static host's HTTP cache serves most of it again).
  const bytesAtReady = sent.filter((r) => !/\/sw\.js$/.test(r.referer ?? '')).reduce((s, r) => s + r.sent, 0);
  if (process.env.STARTUP_LIST) console.log(sent.map((r) => `${r.path} ${r.sent} ${r.referer ?? ''}`).join('\n'));
  await page.waitForTimeout(3000); // let start-up's deferred work (index, facets) run
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  // STARTUP_TRACE_DIR=dir keeps each run's Chromium trace (for a look in DevTools' performance panel).
  if (process.env.STARTUP_TRACE_DIR) writeFileSync(`${process.env.STARTUP_TRACE_DIR}/${basename(dist)}-${Date.now()}.json`, JSON.stringify(trace));
  // The app's own marks (src/main.rs): when its data was parsed, its catalog built, it mounted.
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('atlas:')).map((m) => [m.name, Math.round(m.startTime)])));
  const vitals = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    lcp: window.__lcp,
    cls: window.__cls,
  }));
  // Answering a search: type a word, wait for its result count.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await browser.close();

  const events = trace.traceEvents ?? trace;
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(base));
  const main = nav ? `${nav.pid}:${nav.tid}` : [...threads].find(([, n]) => n === 'CrRendererMain')?.[0];
  const start = nav?.ts ?? 0;
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.ts >= start);
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const long = [];
  for (const t of tasks) {
    const ms = t.dur / 1000;
    if (ms <= 50) continue;
    // Self time of every event inside the task (its time less its children's), by group.
    const end = t.ts + t.dur;
    const inside = onMain.filter((c) => c !== t && c.ts >= t.ts && c.ts + c.dur <= end)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const parts = {};
    const stack = [{ ...t, self: t.dur, name: 'task' }];
    const close = (upTo) => {
      while (stack.length > 1 && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= upTo) {
        const done = stack.pop();
        parts[group(done.name)] = (parts[group(done.name)] ?? 0) + done.self / 1000;
      }
    };
    for (const c of inside) {
      close(c.ts);
      stack[stack.length - 1].self -= c.dur;
      stack.push({ ts: c.ts, dur: c.dur, name: c.name, self: c.dur });
    }
    close(Infinity);
    parts['other'] = (parts['other'] ?? 0) + Math.max(0, stack[0].self) / 1000;
    long.push({ at: Math.round((t.ts - start) / 1000), ms: Math.round(ms), parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v)])) });
  }
  const fcpUs = start + vitals.fcp * 1000;
  const blocking = tasks.filter((t) => t.ts >= fcpUs).reduce((s, t) => s + Math.max(0, t.dur / 1000 - 50), 0);
  // Main-thread time spent compiling wasm functions on their first call, until the app was ready.
  const lazyCompileMs = onMain.filter((e) => e.name === 'wasm.CompileLazy' && e.ts <= start + readyMs * 1000)
    .reduce((s, e) => s + e.dur / 1000, 0);
  return { ...vitals, readyMs: Math.round(readyMs), marks, bytesAtReadyKB: bytesAtReady / 1024, blockingMs: blocking, lazyCompileMs, longTasks: long };
}

const runs = await alternate(builds, RUNS, (b) => {
  dist = b.dir;
  label = b.label;
  return once();
}, (r) => `FCP ${Math.round(r.fcp)} ms, LCP ${Math.round(r.lcp)} ms, CLS ${r.cls.toFixed(3)}, ` +
  `app ready ${r.readyMs} ms, ${r.bytesAtReadyKB.toFixed(1)} KB on the wire, blocking ${Math.round(r.blockingMs)} ms, ` +
  `wasm compiled on first call ${Math.round(r.lazyCompileMs)} ms, ` +
  `long tasks ${r.longTasks.map((t) => `${t.ms}@${t.at}`).join(' ')}; marks ${JSON.stringify(r.marks)}`);
server.close();

const summaries = builds.map(({ label }) => {
  const rs = runs[label];
  const med = (k) => q(rs.map((r) => r[k]), 0.5);
  const range = (k) => [Math.min(...rs.map((r) => r[k])), Math.max(...rs.map((r) => r[k]))];
  const median = rs.slice().sort((a, b) => a.blockingMs - b.blockingMs)[Math.floor(rs.length / 2)];
  return {
    label, fcpMs: med('fcp'), fcpRange: range('fcp'), lcpMs: med('lcp'), lcpRange: range('lcp'), cls: med('cls'),
    readyMs: med('readyMs'), readyRange: range('readyMs'), bytesAtReadyKB: med('bytesAtReadyKB'),
    blockingMs: med('blockingMs'), blockingRange: range('blockingMs'),
    lazyCompileMs: med('lazyCompileMs'), lazyCompileRange: range('lazyCompileMs'), medianRun: median, all: rs,
  };
});
const r0 = (x) => Math.round(x);
const span = ([a, b]) => `${r0(a)}–${r0(b)}`;
let md = `A first visit to \`/\` on a throttled phone (4× CPU slowdown, 150 ms RTT, 1.6 Mbps, 412×823), ` +
  `served gzipped${BROTLI.size ? ` (${[...BROTLI].join(', ')}: the build's Brotli copies, gzip where it has none)` : ''}, ` +
  `a fresh browser each run; median of ${RUNS} runs per build (range), builds alternated. ` +
  `"Blocking" sums each main-thread task's time over 50 ms after the first contentful paint (as Lighthouse's ` +
  `Total Blocking Time, on a real trace of the throttled load, not a simulation). "App ready": the app has ` +
  `replaced the boot page with its own cards and answers a search; the bytes are those sent until then. ` +
  `"Wasm compiled on first call": main-thread time V8 spent compiling the app's wasm functions when first ` +
  `called (it compiles none ahead), until the app was ready.\n\n` +
  `| build | first contentful paint | largest contentful paint | CLS | blocking | app ready | wasm compiled on first call | KB on the wire until ready |\n|---|---:|---:|---:|---:|---:|---:|---:|\n`;
for (const s of summaries) {
  md += `| ${s.label} | ${r0(s.fcpMs)} ms (${span(s.fcpRange)}) | ${r0(s.lcpMs)} ms (${span(s.lcpRange)}) | ${s.cls.toFixed(3)} | ` +
    `${r0(s.blockingMs)} ms (${span(s.blockingRange)}) | ${r0(s.readyMs)} ms (${span(s.readyRange)}) | ` +
    `${r0(s.lazyCompileMs)} ms (${span(s.lazyCompileRange)}) | ${s.bytesAtReadyKB.toFixed(1)} |\n`;
}
md += `\nLong tasks (over 50 ms at 4×) of each build's median run, in order: when it started (ms after navigation), ` +
  `how long, and its main-thread time by kind (self time of the trace events inside it). The app's own marks ` +
  `(\`atlas:fetched\`, \`parsed\`, \`catalog\`, \`mounted\`) place its start-up steps.\n`;
for (const s of summaries) {
  const m = s.medianRun;
  md += `\n**${s.label}** (marks: ${Object.entries(m.marks).map(([k, v]) => `${k.replace('atlas:', '')} ${v} ms`).join(', ') || 'none'}; ` +
    `first contentful paint ${r0(m.fcp)} ms)\n\n| at | task | ${['style & layout', 'HTML/CSS parse', 'script (JS and wasm)', 'wasm compile', 'GC', 'other'].join(' | ')} |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n`;
  for (const t of m.longTasks) {
    md += `| ${t.at} | ${t.ms} | ${['style & layout', 'HTML/CSS parse', 'script (JS and wasm)', 'wasm compile', 'GC', 'other'].map((k) => t.parts[k] ?? 0).join(' | ')} |\n`;
  }
}
const out = { title: 'Start-up on a throttled phone, traced (bench/startup.mjs)', machine: machine(), date: new Date().toISOString(), markdown: md, runs: RUNS, brotli: [...BROTLI], builds: summaries };
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(out, null, 1));
console.log('\n' + md);
