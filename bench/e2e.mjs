// End-to-end benchmark of the release app in Debian's Chromium: for the shipped data and
// synthetic corpora, the time from navigation to the first cards, the renderer's memory once
// loaded, and keystroke → rendered results (Performance API marks: one at the input event,
// in a capture listener that runs before the app's handler; one in the next animation frame,
// by which time every reactive update the keystroke caused has run, since Leptos runs its
// effects in microtasks).
//
//   node bench/e2e.mjs <dist-dir> [<corpus-dir>…]
// Each corpus dir holds a bundle.json from `atlas-bundle synth`; it is served in place of
// data/bundle.json. Writes bench/results/e2e.json (raw numbers and a Markdown section).
import { launchChromium, machine, q, rendererRssMb as rendererRss, serve } from './common.mjs';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve, basename } from 'node:path';

const [distArg, ...corpusArgs] = process.argv.slice(2);
if (!distArg) {
  console.error('usage: node bench/e2e.mjs <dist-dir> [<corpus-dir>…]');
  process.exit(2);
}
const dist = resolve(distArg);
const corpora = [{ name: 'shipped', bundle: join(dist, 'data/bundle.json') }].concat(
  corpusArgs.map((d) => ({ name: basename(resolve(d)), bundle: join(resolve(d), 'bundle.json') })),
);

let currentBundle = null;
const { server, base } = await serve((path) =>
  path === '/data/bundle.json' && currentBundle
    ? currentBundle
    : join(dist, path.endsWith('/') ? path + 'index.html' : path));

const browser = await launchChromium();
const rendererRssMb = () => rendererRss(browser);



/** Starts a frame clock in the page: every animation frame's timestamp, kept while typing, so
 * a keystroke's results frame can be placed on the display's frame grid (see typeTimed). */
async function startFrameClock(page) {
  await page.evaluate(() => {
    if (window.__frames) return;
    window.__frames = [];
    const tick = (ts) => {
      window.__frames.push(ts);
      if (window.__frames.length > 600) window.__frames.splice(0, 300);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.waitForTimeout(300);
}

/** The display's frame interval: the median gap between the clock's frames. */
async function frameInterval(page) {
  return page.evaluate(() => {
    const f = window.__frames;
    const gaps = f.slice(1).map((t, i) => t - f[i]).filter((g) => g > 1).sort((a, b) => a - b);
    return gaps[Math.floor(gaps.length / 2)] ?? 1000 / 60;
  });
}

/** Types `text` one key at a time; per key: ms from the input event to the end of the app's
 * work, to the next frame and to after its paint, and how many display frames went by
 * without an update between the last frame before the key and the frame with its results
 * (0: the results are in the very next frame, whatever the phase of the key within it). */
async function typeTimed(page, text, interval) {
  const times = [];
  for (const ch of text) {
    const timing = page.evaluate((interval) => new Promise((done) => {
      const el = document.querySelector('input[name="q"]');
      el.addEventListener('input', () => {
        const before = window.__frames?.at(-1);
        const n = performance.getEntriesByType('mark').length;
        performance.mark(`key-${n}`);
        // A macrotask runs once the app's handler and every effect (microtasks) are done.
        const ch = new MessageChannel();
        let script = NaN;
        ch.port1.onmessage = () => { script = performance.measure(`key-script-${n}`, `key-${n}`).duration; };
        ch.port2.postMessage(0);
        requestAnimationFrame(() => {
          const frame = performance.measure(`key-to-frame-${n}`, `key-${n}`).duration;
          // The results' frame starts at `now`: before the second vsync after the last frame
          // (`before`) it is the very next frame; each interval later is one frame missed.
          const now = performance.now();
          const dropped = before === undefined ? NaN : Math.max(0, Math.floor((now - before) / interval) - 1);
          // After this frame's style, layout and paint.
          setTimeout(() => done([script, frame, performance.measure(`key-to-paint-${n}`, `key-${n}`).duration, dropped]), 0);
        });
      }, { once: true, capture: true });
    }), interval);
    // Let the listener install before the key goes in.
    await page.evaluate(() => 0);
    await page.keyboard.type(ch);
    times.push(await timing);
  }
  return times;
}

// A blank tab's renderer, the baseline the app's memory is measured from.
let baselineMb = 0;
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('about:blank');
  await page.waitForTimeout(500);
  baselineMb = await rendererRssMb();
  await context.close();
}

const WORDS = ['مؤتمر', 'الأمن', 'مراكش', 'الانتربول', 'شرطة', 'Glasgow'];
const results = [];
try {
  for (const corpus of corpora) {
    currentBundle = corpus.name === 'shipped' ? null : corpus.bundle;
    const bytes = (await stat(corpus.bundle)).size;
    const bundle = JSON.parse(await readFile(corpus.bundle, 'utf8'));
    const records = ['events', 'figures', 'people', 'organizations', 'places', 'sources']
      .reduce((n, k) => n + bundle[k].length, 0);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${corpus.name}] page error: ${e.message}`));
    const t0 = Date.now();
    await page.goto(base, { timeout: 300_000 });
    // This catalogue's cards: until the app takes over, index.html shows the build's landing
    // view, the shipped bundle's cards (its own first cards only for the shipped corpus).
    await page.waitForFunction(
      (shipped) => (shipped || !document.getElementById('boot')) && document.querySelector('article.card'),
      corpus.name === 'shipped',
      { timeout: 300_000, polling: 16 },
    );
    const loadMs = Date.now() - t0;
    await page.waitForTimeout(500);
    const rssMb = await rendererRssMb();
    // What the app adds to a tab: the renderer's RSS less that of a blank page.
    const pageMb = rssMb - baselineMb;
    const domCards = await page.locator('article.card').count();
    // Warm-up, then timed typing of each word (the field cleared in between).
    const input = page.locator('input[name="q"]');
    await input.focus();
    await startFrameClock(page);
    const interval = await frameInterval(page);
    await typeTimed(page, 'مؤ', interval);
    await input.fill('');
    const timed = [];
    for (let round = 0; round < 3; round++) {
      for (const w of WORDS) {
        await input.fill('');
        await page.waitForTimeout(50);
        timed.push(...(await typeTimed(page, w, interval)));
      }
    }
    const script = timed.map((t) => t[0]);
    const keys = timed.map((t) => t[1]);
    const paint = timed.map((t) => t[2]);
    // The last query's results are on screen (the measure is not of an empty update).
    const shown = await page.locator('#results-count').textContent();
    const row = {
      corpus: corpus.name, records, bundle_bytes: bytes, load_ms: loadMs, renderer_rss_mb: Math.round(rssMb), page_mb: Math.round(pageMb),
      dom_cards: domCards, keystrokes: keys.length, script_median_ms: q(script, 0.5), script_p95_ms: q(script, 0.95),
      key_median_ms: q(keys, 0.5), key_p95_ms: q(keys, 0.95), key_max_ms: Math.max(...keys),
      paint_median_ms: q(paint, 0.5), paint_p95_ms: q(paint, 0.95), last_count: shown?.trim(),
      frame_interval_ms: interval,
      next_frame_share: timed.filter((t) => t[3] === 0).length / timed.length,
      dropped_frames_max: Math.max(...timed.map((t) => t[3])),
    };
    console.log(JSON.stringify(row));
    results.push(row);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const md = [
  '| corpus | records | bundle | first cards | app memory | renderer RSS | cards in DOM | keystroke: app work, median / p95 | → next frame, median / p95 | → after paint, median / p95 | results in the very next frame | most frames missed |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map((r) => `| ${r.corpus} | ${r.records.toLocaleString('en')} | ${(r.bundle_bytes / 1e6).toFixed(1)} MB | ${(r.load_ms / 1000).toFixed(2)} s | ${r.page_mb} MB | ${r.renderer_rss_mb} MB | ${r.dom_cards} | ${fmt(r.script_median_ms)} / ${fmt(r.script_p95_ms)} ms | ${fmt(r.key_median_ms)} / ${fmt(r.key_p95_ms)} ms | ${fmt(r.paint_median_ms)} / ${fmt(r.paint_p95_ms)} ms | ${(100 * r.next_frame_share).toFixed(1)} % | ${r.dropped_frames_max} |`),
  '',
  `Release build, Chromium headless at 1280×900, service worker blocked, ${results[0]?.keystrokes ?? 0} keystrokes per corpus ` +
    `(${WORDS.join(', ')}, typed three times). "App work": from the input event until the app's handler and all its effects have run ` +
    `(a MessageChannel task); "next frame": until the next requestAnimationFrame; "after paint": a task after that frame. ` +
    `A key waits for the display's next frame even when no work is left (up to one frame interval, ` +
    `${fmt(results[0]?.frame_interval_ms)} ms here), so "next frame" mixes the app's cost with the key's phase in the frame: ` +
    `"results in the very next frame" is the share of keys whose results frame started less than two frame intervals after the ` +
    `last frame before the key (a requestAnimationFrame clock runs while typing), so no display frame went by without them; ` +
    `"most frames missed" is the worst key's count of frames that went by. ` +
    `App memory is the renderer's RSS less a blank tab's (${Math.round(baselineMb)} MB here). Renderer RSS is the tab's renderer process resident set (wasm memory included): its pid from CDP SystemInfo.getProcessInfo, its VmRSS from /proc.`,
].join('\n');
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/e2e.json', JSON.stringify({
  title: 'The app end to end: load, memory, keystroke to rendered results',
  machine: machine(),
  date: new Date().toISOString(),
  markdown: md,
  data: results,
}, null, 2) + '\n');
console.log('\n' + md);
