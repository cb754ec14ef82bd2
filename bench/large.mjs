// Large-catalog mode end to end: a release build served with a split catalog
// (atlas-bundle split / synth --split) in place of data/ (the manifest as data/bundle.json),
// gzipped as a static host would. Measures, in Debian's Chromium: time to the first cards,
// bytes fetched for the first paint, keystroke → next frame and query → cards on screen for
// typed queries, bytes per query, and the renderer's resident memory after the queries
// (CDP SystemInfo.getProcessInfo + /proc, as bench/e2e.mjs). The memory budget is read again
// in a second browser driven without Playwright (memoryPass, bench/cdp.mjs): Playwright's
// network agent keeps a copy of every response body in the renderer, which a reader's
// browser does not.
//
//   node bench/large.mjs <dist-dir> <split-dir> [out.json]
//   LARGE_MEMORY_ONLY=1 node bench/large.mjs <dist-dir> <split-dir>   (the memory pass only)
import { launchChromium, machine, q, rendererRssMb as rendererRss, serve } from './common.mjs';
import { rawChromium } from './cdp.mjs';
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [distArg, splitArg, outArg] = process.argv.slice(2);
if (!distArg || !splitArg) {
  console.error('usage: node bench/large.mjs <dist-dir> <split-dir> [out.json]');
  process.exit(2);
}
const dist = resolve(distArg);
const split = resolve(splitArg);
const manifest = JSON.parse(readFileSync(join(split, 'manifest.json'), 'utf8'));

const log = [];
// The memory pass (memoryPass below) runs without a service worker, as the Playwright pass
// blocks it: its script is not served then.
let noWorker = false;
const { server, base } = await serve((path) => {
  if (noWorker && path === '/sw.js') return join(split, 'no-such-file');
  if (path === '/data/bundle.json') return join(split, 'manifest.json');
  // The base map is the app's, not the catalogue's.
  if (path === '/data/map.json') return join(dist, 'data/map.json');
  if (path.startsWith('/data/')) return join(split, path.slice('/data/'.length));
  return join(dist, path.endsWith('/') ? path + 'index.html' : path);
}, { gzip: true, onSent: (r) => log.push(r) });

const browser = await launchChromium();
const rendererRssMb = () => rendererRss(browser);


const sum = (xs, k) => xs.reduce((n, x) => n + x[k], 0);

/** Types `text`; per key, ms from the input event to the next animation frame. */
async function typeTimed(page, text) {
  const times = [];
  for (const ch of text) {
    const timing = page.evaluate(() => new Promise((done) => {
      const el = document.querySelector('input[name="q"]');
      el.addEventListener('input', () => {
        const t = performance.now();
        requestAnimationFrame(() => done(performance.now() - t));
      }, { once: true, capture: true });
    }));
    await page.evaluate(() => 0);
    await page.keyboard.type(ch);
    times.push(await timing);
  }
  return times;
}

/**
 * Arms a clock in the page for the next click: from the click to the end of the first frame
 * that shows `what` drawn ('list': a new total, no busy list, no card placeholder; 'map': the
 * markers with their counts). A requestAnimationFrame loop checks each frame and a task after
 * it reads the clock once that frame is painted: style, layout and paint included, no CDP
 * round trip. Gives a function that waits for the figure, in whole milliseconds.
 */
async function clickToFrame(page, what, totalBefore = null) {
  await page.evaluate(([what, b]) => {
    const drawn = {
      list: () =>
        document.querySelector('ul.cards')?.getAttribute('data-total') !== b &&
        !document.querySelector('section.results[aria-busy="true"]') &&
        !document.querySelector('article.large-placeholder') &&
        (document.querySelector('article.card[data-id]') || document.querySelector('[data-state="empty"]')),
      map: () =>
        document.querySelector('.map-box .map-marker') &&
        document.querySelector('.large-map-status')?.getAttribute('aria-busy') === 'false',
    }[what];
    window.__clickToFrame = new Promise((resolve) => {
      addEventListener('click', () => {
        const t0 = performance.now();
        const tick = () => {
          if (drawn()) setTimeout(() => resolve(performance.now() - t0), 0);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, { capture: true, once: true });
    });
  }, [what, totalBefore]);
  return async () => Math.round(await page.evaluate(() => window.__clickToFrame));
}

/** What both passes wait for (the timed Playwright pass and the memory pass without
 * Playwright, `memoryPass`): expressions evaluated in the page. */
const DONE = {
  // The list shows the query's results with every visible card drawn.
  settled: `!document.querySelector('section.results[aria-busy="true"]') && !document.querySelector('article.large-placeholder') && !!(document.querySelector('article.card[data-id]') || document.querySelector('[data-state="empty"]'))`,
  panel: `!!document.querySelector('fieldset.facet[data-facet="kind"] .facet-value')`,
  mapDrawn: `!!document.querySelector('.map-box .map-marker') && document.querySelector('.large-map-status')?.getAttribute('aria-busy') === 'false'`,
  years: `!!document.querySelector('li.tl-year summary') && document.querySelector('.large-timeline-status')?.getAttribute('aria-busy') === 'false'`,
  // The last year opened shows its first events.
  lastYear: `(() => { const ys = document.querySelectorAll('li.tl-year'); const y = ys[ys.length - 1]; return !!y && !!y.querySelector('li.tl-event[data-id]') && !y.querySelector('.large-tl-loading'); })()`,
  groups: `!!document.querySelector('section.large-stats-group summary') && document.querySelector('.large-stats-status')?.getAttribute('aria-busy') === 'false'`,
  // The first group opened shows its first figures.
  firstGroup: `(() => { const g = document.querySelector('section.large-stats-group'); return !!g && !!g.querySelector('tbody tr[data-id]') && !g.querySelector('.large-stats-loading'); })()`,
};

/** A `DONE` condition as a function for Playwright, whose string predicates are `eval`ed in
 * the page, which the app's Content Security Policy forbids (a function is sent as such). */
const when = (name) => new Function(`return (${DONE[name]});`);

/** Waits until the list shows the query's results with every visible card drawn. */
async function settled(page) {
  await page.waitForFunction(when('settled'), null, { timeout: 60_000, polling: 16 });
}

/** Opens a cards page and waits for its cards, its facet panel and a moment of quiet. */
async function cardsReady(page, address) {
  await page.goto(base + address);
  await page.waitForSelector('article.card[data-id]', { timeout: 120_000 });
  await page.waitForFunction(when('panel'), null, { timeout: 120_000, polling: 16 });
  await settled(page);
  await page.waitForTimeout(500);
}

const QUERIES = ['مؤتمر', 'الأمن', 'مراكش', 'الانتربول', 'شرطة', 'Glasgow', 'interpol', 'الأَمْن الكِيمْيائِيّ', 'طنجة 2023', 'Hamouchi'];
const MARRAKECH = '?q=' + encodeURIComponent('مراكش');
/** The session after the queries, walked by both passes (one table, so they cannot drift
 * apart): facet clicks (`address` null: on the page as it is), map, timeline and
 * statistics opened by the view switch from a cards page, and the map opened cold by its
 * address. */
const SESSION = {
  clicks: [
    { what: 'first click, no query (its single-value file, cold)', address: '', pick: 'fieldset.facet[data-facet="place"] input[type="checkbox"]' },
    // The reader's pause: the blocks come ahead a second after the first answer.
    { what: 'second click, no query, after a 3 s pause (blocks fetched ahead)', address: null, pick: 'fieldset.facet[data-facet="kind"] input[type="checkbox"]:not(:checked)', pauseMs: 3000 },
    { what: 'query «مراكش», then a click', address: MARRAKECH, pick: 'fieldset.facet[data-facet="kind"] input[type="checkbox"]' },
  ],
  maps: [
    { what: 'no query, no filter (view switch)', address: '' },
    { what: 'query «مراكش» (view switch; the panel\'s blocks are here)', address: MARRAKECH },
    { what: 'query «interpol», filter kind=event (view switch)', address: '?q=interpol&kind=event' },
  ],
  mapByAddress: { what: 'query «مراكش», opened by its address (cold; data files only)', address: '?view=map&q=' + encodeURIComponent('مراكش') },
  timelines: [
    { what: 'no query, no filter', address: '' },
    { what: 'query «مراكش»', address: MARRAKECH },
  ],
  stats: [
    { what: 'no query, no filter', address: '' },
    { what: 'query «مراكش»', address: MARRAKECH },
    // By event: about one group per event (16,611 at 100k), listed 50 at a time.
    { what: 'by event, no query, no filter', address: '?group=event' },
    { what: 'by event, query «مراكش»', address: '?group=event&q=' + encodeURIComponent('مراكش') },
  ],
};
const out = { records: manifest.records, fragment_size: manifest.fragment_size, queries: [] };
// LARGE_MEMORY_ONLY=1: only the memory pass (memoryPass, below), printed, no report.
const memoryOnly = !!process.env.LARGE_MEMORY_ONLY;
if (!memoryOnly) try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  // A blank tab's renderer first: the baseline the app's memory is measured from.
  const blank = await context.newPage();
  await blank.goto('about:blank');
  await blank.waitForTimeout(500);
  out.rss_blank_tab_mb = Math.round(await rendererRssMb());
  await blank.close();
  const page = await context.newPage();
  // Trunk announces the wasm instance: its linear memory is the app's Rust heap.
  await page.addInitScript(() =>
    addEventListener('TrunkApplicationStarted', (e) => { window.__atlasWasm = e.detail?.wasm; }),
  );
  const heaps = async () => page.evaluate(() => ({
    wasm_mb: Math.round((window.__atlasWasm?.memory?.buffer?.byteLength ?? NaN) / 1048576),
    js_heap_mb: Math.round((performance.memory?.usedJSHeapSize ?? NaN) / 1048576),
  }));
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  const t0 = Date.now();
  await page.goto(base);
  // The catalogue's own cards: index.html shows the build's landing view (the shipped
  // bundle's cards, rendered at build time) until the app takes over, and those are not
  // this catalogue's.
  await page.waitForFunction(
    () => !document.getElementById('boot') && document.querySelector('article.card[data-id]') && !document.querySelector('article.large-placeholder'),
    null,
    { timeout: 120_000, polling: 16 },
  );
  out.first_cards_ms = Date.now() - t0;
  const firstLog = log.filter((r) => r.t <= Date.now());
  // The facet table is asked for after the first paint (src/views/large_facets.rs): it is
  // not data of the first paint, and is counted apart.
  const data = firstLog.filter((r) => r.path.startsWith('/data/') && !r.path.startsWith('/data/facets/'));
  out.first_paint = {
    data_files: data.length,
    data_raw_bytes: sum(data, 'raw'),
    data_sent_bytes: sum(data, 'sent'),
    all_sent_bytes: sum(firstLog.filter((r) => !r.path.startsWith('/data/facets/')), 'sent'),
    fragments: data.filter((r) => r.path.startsWith('/data/records/')).length,
  };
  await page.waitForTimeout(500);
  out.facets_after_paint_sent_bytes = sum(log.filter((r) => r.path.startsWith('/data/facets/')), 'sent');
  out.rss_after_load_mb = Math.round(await rendererRssMb());
  out.heaps_after_load = await heaps();
  out.dom_cards = await page.locator('article.card').count();

  const input = page.locator('input[name="q"]');
  await input.focus();
  const keys = [];
  for (const text of QUERIES) {
    await input.fill('');
    await page.waitForTimeout(100);
    const from = log.length;
    const t = Date.now();
    keys.push(...(await typeTimed(page, text)));
    const typed = Date.now();
    await settled(page);
    const done = Date.now();
    const got = log.slice(from);
    const row = {
      q: text,
      count: (await page.locator('#results-count').textContent())?.trim(),
      typing_ms: typed - t,
      last_key_to_cards_ms: done - typed,
      shards: got.filter((r) => r.path.startsWith('/data/terms/')).length,
      fragments: got.filter((r) => r.path.startsWith('/data/records/')).length,
      raw_bytes: sum(got, 'raw'),
      sent_bytes: sum(got, 'sent'),
      rss_mb: Math.round(await rendererRssMb()),
      wasm_mb: (await heaps()).wasm_mb,
    };
    console.log(JSON.stringify(row));
    out.queries.push(row);
  }
  // Scroll the last query's list far down (more fragments), then measure memory.
  for (let i = 0; i < 10; i++) {
    await page.mouse.wheel(0, 3000);
    await page.waitForTimeout(100);
  }
  await settled(page);
  await page.waitForTimeout(1000);
  out.rss_after_queries_mb = Math.round(await rendererRssMb());
  out.heaps_after_queries = await heaps();
  // What a garbage collection gives back (V8 only; freed wasm pages stay reserved).
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(500);
  out.rss_after_queries_gc_mb = Math.round(await rendererRssMb());
  out.keystroke_to_frame_ms = { median: q(keys, 0.5), p95: q(keys, 0.95), max: Math.max(...keys), n: keys.length };
  out.query_to_cards_ms = {
    median: q(out.queries.map((r) => r.last_key_to_cards_ms), 0.5),
    max: Math.max(...out.queries.map((r) => r.last_key_to_cards_ms)),
  };
  out.query_sent_bytes = {
    median: q(out.queries.map((r) => r.sent_bytes), 0.5),
    max: Math.max(...out.queries.map((r) => r.sent_bytes)),
  };
  out.query_raw_bytes = {
    median: q(out.queries.map((r) => r.raw_bytes), 0.5),
    max: Math.max(...out.queries.map((r) => r.raw_bytes)),
  };
  // Facets: the panel's counts (value file + labels), then clicks. A first click with no
  // query (one value alone) reads that value's single-value file; a second filter with no
  // query needs the facet rows of every record (all blocks), which the app fetches a second
  // after the first answer: the second click comes after a reader's pause of 3 s. A click
  // over a query's hits uses the blocks of the hits.
  const facetClick = async (label, address, pick, pauseMs = 0) => {
    if (pauseMs) await page.waitForTimeout(pauseMs);
    const from = log.length;
    const t = Date.now();
    if (address !== null) {
      await page.goto(base + address);
      await page.waitForSelector('fieldset.facet[data-facet="kind"] .facet-value', { timeout: 120_000 });
      await settled(page);
    }
    const before = await page.locator('ul.cards').getAttribute('data-total');
    const loaded = Date.now();
    const fromClick = log.length;
    const box = page.locator(pick).first();
    const name = (await box.locator('xpath=..').textContent())?.trim();
    // Timed in the page, to the first frame that shows the new list with every visible card.
    const listDrawn = await clickToFrame(page, 'list', before);
    await box.check();
    const listMs = await listDrawn();
    await settled(page);
    const got = log.slice(fromClick);
    const row = {
      what: label,
      value: name,
      count: (await page.locator('#results-count').textContent())?.trim(),
      panel_ms: address !== null ? loaded - t : null,
      panel_sent_bytes: sum(log.slice(from, fromClick).filter((r) => r.path.startsWith('/data/facets/')), 'sent'),
      click_to_list_ms: listMs,
      blocks: got.filter((r) => /^\/data\/facets\/\d+\.json$/.test(r.path)).length,
      singles: got.filter((r) => /^\/data\/facets\/one-\d+\.json$/.test(r.path)).length,
      // What the click itself fetched until the list was drawn (the blocks fetched ahead
      // for the next click come later).
      sent_bytes: sum(got, 'sent'),
      raw_bytes: sum(got, 'raw'),
    };
    console.log(JSON.stringify(row));
    return row;
  };
  out.facets = [];
  for (const c of SESSION.clicks) out.facets.push(await facetClick(c.what, c.address, c.pick, c.pauseMs));
  await page.waitForTimeout(1000);
  out.rss_after_facets_mb = Math.round(await rendererRssMb());
  // The map: navigation within the app (the view switcher's link) → the markers drawn with
  // their counts (src/views/large_map.rs): the places file alone with no query, the facet
  // rows of the hits with one. Fresh page each time, so no file is in memory already.
  // Places drawn with events: labelled markers, and the dots of a crowded map (one path per
  // layer, its dot count in data-count; src/views/map.rs).
  const placesWithEvents = (page) =>
    page.evaluate(() =>
      document.querySelectorAll('.map-box .map-marker:not(.empty)').length +
      [...document.querySelectorAll('.map-box svg.map-dots path.dots-full')].reduce((n, p) => n + Number(p.getAttribute('data-count')), 0),
    );
  // The map is done when drawn: the frame after its markers are in the document (style,
  // layout and paint included).
  const nextFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const openMap = async (label, address) => {
    // The cards page's facet panel (fetched after its first paint) is not the map's cost.
    await cardsReady(page, address);
    const from = log.length;
    // Timed in the page, to the first frame that shows the markers with their counts.
    const mapDrawn = await clickToFrame(page, 'map');
    await page.locator('a[data-view="map"]').first().click();
    const openMs = await mapDrawn();
    const got = log.slice(from);
    const row = {
      what: label,
      markers: await placesWithEvents(page),
      open_ms: openMs,
      files: got.length,
      blocks: got.filter((r) => /^\/data\/facets\/\d+\.json$/.test(r.path)).length,
      singles: got.filter((r) => /^\/data\/facets\/one-\d+\.json$/.test(r.path)).length,
      slices: got.filter((r) => /^\/data\/facets\/slice-/.test(r.path)).length,
      sent_bytes: sum(got, 'sent'),
      raw_bytes: sum(got, 'raw'),
    };
    console.log(JSON.stringify(row));
    return row;
  };
  // Opened by its address: a cold start (app, manifest, shards, places file, the blocks of
  // the events among the hits), no facet panel on the way.
  const mapByAddress = async (label, address) => {
    const from = log.length;
    const t = Date.now();
    await page.goto(base + address);
    await page.waitForFunction(when('mapDrawn'), null, { timeout: 120_000, polling: 16 });
    await nextFrame(page);
    const done = Date.now();
    const got = log.slice(from);
    const row = {
      what: label,
      markers: await placesWithEvents(page),
      open_ms: done - t,
      files: got.filter((r) => r.path.startsWith('/data/')).length,
      blocks: got.filter((r) => /^\/data\/facets\/\d+\.json$/.test(r.path)).length,
      slices: got.filter((r) => /^\/data\/facets\/slice-/.test(r.path)).length,
      sent_bytes: sum(got.filter((r) => r.path.startsWith('/data/')), 'sent'),
      raw_bytes: sum(got.filter((r) => r.path.startsWith('/data/')), 'raw'),
    };
    console.log(JSON.stringify(row));
    return row;
  };
  out.map = [];
  for (const m of SESSION.maps) out.map.push(await openMap(m.what, m.address));
  out.map.push(await mapByAddress(SESSION.mapByAddress.what, SESSION.mapByAddress.address));
  out.rss_after_map_mb = Math.round(await rendererRssMb());
  // The timeline: view switch → the years with their counts, then the newest year opened
  // → its first events drawn from their fragments (src/views/large_timeline.rs).
  const openTimeline = async (label, address) => {
    await cardsReady(page, address);
    const from = log.length;
    const t = Date.now();
    await page.locator('a[data-view="timeline"]').first().click();
    await page.waitForFunction(when('years'), null, { timeout: 120_000, polling: 16 });
    const years_ms = Date.now() - t;
    const yearsLog = log.slice(from);
    const fromYear = log.length;
    const t2 = Date.now();
    const last = page.locator('li.tl-year').last();
    await last.locator('summary').click();
    await page.waitForFunction(when('lastYear'), null, { timeout: 120_000, polling: 16 });
    const year_ms = Date.now() - t2;
    const yearLog = log.slice(fromYear);
    const row = {
      what: label,
      years: await page.locator('li.tl-year').count(),
      year: await last.getAttribute('data-year'),
      year_events: Number(await last.getAttribute('data-count')),
      drawn: await last.locator('li.tl-event[data-id]').count(),
      years_ms,
      years_sent_bytes: sum(yearsLog, 'sent'),
      year_ms,
      year_sent_bytes: sum(yearLog, 'sent'),
      year_fragments: yearLog.filter((r) => r.path.startsWith('/data/records/')).length,
    };
    console.log(JSON.stringify(row));
    return row;
  };
  out.timeline = [];
  for (const y of SESSION.timelines) out.timeline.push(await openTimeline(y.what, y.address));
  out.rss_after_timeline_mb = Math.round(await rendererRssMb());
  // The statistics: view switch → the groups (by measure, then by event) with their counts, then the first
  // group opened → its first figures drawn as bars and rows from their fragments
  // (src/views/large_stats.rs).
  const openStats = async (label, address) => {
    await cardsReady(page, address);
    const from = log.length;
    const t = Date.now();
    await page.locator('a[data-view="stats"]').first().click();
    await page.waitForFunction(when('groups'), null, { timeout: 120_000, polling: 16 });
    const groups_ms = Date.now() - t;
    const groupsLog = log.slice(from);
    const fromGroup = log.length;
    const t2 = Date.now();
    const first = page.locator('section.large-stats-group').first();
    await first.locator('summary').click();
    await page.waitForFunction(when('firstGroup'), null, { timeout: 120_000, polling: 16 });
    const group_ms = Date.now() - t2;
    const groupLog = log.slice(fromGroup);
    const row = {
      what: label,
      groups: await page.locator('section.large-stats-group').count(),
      group: await first.getAttribute('data-group'),
      group_figures: Number(await first.getAttribute('data-count')),
      drawn: await first.locator('tbody tr[data-id]').count(),
      groups_ms,
      groups_sent_bytes: sum(groupsLog, 'sent'),
      groups_blocks: groupsLog.filter((r) => /^\/data\/facets\/\d+\.json$/.test(r.path)).length,
      group_ms,
      group_sent_bytes: sum(groupLog, 'sent'),
      group_fragments: groupLog.filter((r) => r.path.startsWith('/data/records/')).length,
    };
    console.log(JSON.stringify(row));
    return row;
  };
  out.stats = [];
  for (const g of SESSION.stats) out.stats.push(await openStats(g.what, g.address));
  out.rss_after_stats_mb = Math.round(await rendererRssMb());
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '?q=' + encodeURIComponent('مراكش'));
  await settled(page);
  await page.screenshot({ path: resolve(outArg ? outArg.replace(/\.json$/, '') + '-phone.png' : 'target/large-phone.png') });
  await context.close();
} finally {
  await browser.close();
}

/**
 * The renderer's memory along the same session (load, the queries and the scroll, the facet
 * clicks, the map, the timeline, the statistics), in a browser driven without Playwright:
 * Playwright turns on DevTools' network agent, which keeps a copy of every response body in
 * the renderer (bench/cdp.mjs), and a reader's browser has none. Same steps and addresses as
 * above, no timings; a reading after each part, less a blank tab's.
 */
async function memoryPass() {
  noWorker = true;
  const b = await rawChromium({ width: 1280, height: 900 });
  try {
    await b.sleep(500);
    const blank = await b.rssMb();
    const read = async () => Math.round((await b.rssMb()) - blank);
    const settledExpr = DONE.settled;
    const open = async (address) => {
      await b.goto(base + address);
      await b.waitFor(`!document.getElementById('boot') && document.querySelector('article.card[data-id]')`);
      await b.waitFor(DONE.panel);
      await b.waitFor(settledExpr);
      await b.sleep(500);
    };
    const mem = { blank_tab_mb: Math.round(blank) };
    await b.goto(base);
    await b.waitFor(`!document.getElementById('boot') && document.querySelector('article.card[data-id]') && !document.querySelector('article.large-placeholder')`);
    await b.sleep(500);
    mem.loaded = await read();
    await b.eval(`document.querySelector('input[name="q"]').focus()`);
    for (const text of QUERIES) {
      await b.eval(`(() => { const i = document.querySelector('input[name="q"]'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); })()`);
      await b.sleep(100);
      await b.type(text);
      await b.sleep(300);
      await b.waitFor(settledExpr).catch(async (e) => {
        throw new Error(`memory pass, query ${text}: ${JSON.stringify(await b.eval(`({ q: document.querySelector('input[name="q"]').value, busy: !!document.querySelector('section.results[aria-busy="true"]'), placeholders: document.querySelectorAll('article.large-placeholder').length, cards: document.querySelectorAll('article.card[data-id]').length, count: document.querySelector('#results-count')?.textContent, total: document.querySelector('ul.cards')?.getAttribute('data-total'), alert: document.querySelector('[role="alert"]')?.textContent })`))}\n${e.message}`);
      });
    }
    for (let i = 0; i < 10; i++) {
      await b.wheel(3000);
      await b.sleep(100);
    }
    await b.waitFor(settledExpr);
    await b.sleep(1000);
    mem.queries = await read();
    await b.gc();
    await b.sleep(500);
    mem.queries_gc = await read();
    for (const c of SESSION.clicks) {
      if (c.address !== null) await open(c.address);
      if (c.pauseMs) await b.sleep(c.pauseMs);
      await b.click(c.pick);
      await b.sleep(300);
      await b.waitFor(settledExpr);
    }
    await b.sleep(1000);
    mem.facets = await read();
    for (const m of SESSION.maps) {
      await open(m.address);
      await b.click('a[data-view="map"]');
      await b.waitFor(DONE.mapDrawn);
    }
    await b.goto(base + SESSION.mapByAddress.address);
    await b.waitFor(DONE.mapDrawn);
    mem.map = await read();
    for (const y of SESSION.timelines) {
      await open(y.address);
      await b.click('a[data-view="timeline"]');
      await b.waitFor(DONE.years);
      await b.eval(`[...document.querySelectorAll('li.tl-year summary')].pop().click()`);
      await b.waitFor(DONE.lastYear);
    }
    mem.timeline = await read();
    for (const g of SESSION.stats) {
      await open(g.address);
      await b.click('a[data-view="stats"]');
      await b.waitFor(DONE.groups);
      await b.click('section.large-stats-group summary');
      await b.waitFor(DONE.firstGroup);
    }
    mem.stats = await read();
    console.log(JSON.stringify({ memory_without_devtools: mem }));
    return mem;
  } finally {
    await b.close();
  }
}
try {
  out.memory_without_devtools = await memoryPass();
} finally {
  server.close();
}
if (memoryOnly) process.exit(0);
// The section bench/report.mjs puts in bench/RESULTS.md.
const mb = (b) => (b / 1048576).toFixed(2) + ' MB';
const kb = (b) => Math.round(b / 1024) + ' KB';
const fp = out.first_paint;
const appMb = (rss) => rss - out.rss_blank_tab_mb;
/** App memory along the session, both ways it was read (the budget is 150 MB). */
function memoryTable() {
  const m = out.memory_without_devtools;
  if (!m) return [];
  return [
    '| app memory (renderer RSS less a blank tab\'s), budget 150 MB | loaded | after the queries and scrolling | after a GC | after the facet clicks | after the map | after the timeline | after the statistics |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    `| as a reader's browser holds it: driven without DevTools' network agent (bench/cdp.mjs; blank tab ${m.blank_tab_mb} MB) | ${m.loaded} MB | ${m.queries} MB | ${m.queries_gc} MB | ${m.facets} MB | ${m.map} MB | ${m.timeline} MB | ${m.stats} MB |`,
    `| driven by Playwright, whose network agent keeps a copy of every response body in the renderer (the tables' runs; blank tab ${out.rss_blank_tab_mb} MB) | ${appMb(out.rss_after_load_mb)} MB | ${appMb(out.rss_after_queries_mb)} MB | ${appMb(out.rss_after_queries_gc_mb)} MB | ${appMb(out.rss_after_facets_mb)} MB | ${appMb(out.rss_after_map_mb)} MB | ${appMb(out.rss_after_timeline_mb)} MB | ${appMb(out.rss_after_stats_mb)} MB |`,
  ];
}
out.title = `Large-catalog mode: ${out.records.toLocaleString('en')} records from a split catalog`;
out.machine = machine();
out.date = new Date().toISOString();
out.markdown = [
  '| measure | result |',
  '|---|---:|',
  `| first cards (navigation → a card on screen) | ${(out.first_cards_ms / 1000).toFixed(2)} s |`,
  `| data for the first paint | ${fp.data_files} files (manifest + ${fp.fragments} fragments): ${kb(fp.data_raw_bytes)} raw, ${kb(fp.data_sent_bytes)} sent |`,
  `| everything for the first paint (app + data), sent | ${kb(fp.all_sent_bytes)} |`,
  `| facet table after the first paint (panel beside the cards: value file and labels), sent | ${kb(out.facets_after_paint_sent_bytes)} |`,
  `| cards in the DOM | ${out.dom_cards} |`,
  `| keystroke → next frame (${out.keystroke_to_frame_ms.n} keys), median / p95 / max | ${out.keystroke_to_frame_ms.median.toFixed(1)} / ${out.keystroke_to_frame_ms.p95.toFixed(1)} / ${out.keystroke_to_frame_ms.max.toFixed(1)} ms |`,
  `| last key → every visible card drawn (shards and fragments fetched), median / max | ${out.query_to_cards_ms.median} / ${out.query_to_cards_ms.max} ms |`,
  `| bytes per typed query, sent (raw), median / max | ${kb(out.query_sent_bytes.median)} (${kb(out.query_raw_bytes.median)}) / ${kb(out.query_sent_bytes.max)} (${kb(out.query_raw_bytes.max)}) |`,
  `| app memory (renderer RSS less a blank tab's ${out.rss_blank_tab_mb} MB): loaded / after ${out.queries.length} queries and scrolling / after a GC | ${appMb(out.rss_after_load_mb)} / ${appMb(out.rss_after_queries_mb)} / ${appMb(out.rss_after_queries_gc_mb)} MB |`,
  `| wasm memory / JS heap after the queries | ${out.heaps_after_queries.wasm_mb} / ${out.heaps_after_queries.js_heap_mb} MB |`,
  '',
  ...memoryTable(),
  '',
  '| facets | value | results | panel ready (facet files sent) | click → list | facet blocks | single-value files | sent until settled (raw) |',
  '|---|---|---:|---:|---:|---:|---:|---:|',
  ...out.facets.map((r) => `| ${r.what} | ${r.value} | ${r.count} | ${r.panel_ms === null ? '—' : `${r.panel_ms} ms (${kb(r.panel_sent_bytes)})`} | ${r.click_to_list_ms} ms | ${r.blocks} | ${r.singles ?? 0} | ${kb(r.sent_bytes)} (${kb(r.raw_bytes)}) |`),
  `| app memory after the facet clicks | | | | | | | ${appMb(out.rss_after_facets_mb)} MB |`,
  '',
  '| map | places with events | → markers with counts | files | facet blocks | slices | sent (raw) |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...out.map.map((r) => `| ${r.what} | ${r.markers} | ${r.open_ms} ms | ${r.files} | ${r.blocks} | ${r.slices ?? 0} | ${kb(r.sent_bytes)} (${kb(r.raw_bytes)}) |`),
  `| app memory after the map | | | | | | ${appMb(out.rss_after_map_mb)} MB |`,
  '',
  '| timeline | years | view switch → years with counts (sent) | newest year opened | its events | first events drawn (sent, fragments) |',
  '|---|---:|---:|---|---:|---:|',
  ...out.timeline.map((r) => `| ${r.what} | ${r.years} | ${r.years_ms} ms (${kb(r.years_sent_bytes)}) | ${r.year} | ${r.year_events} | ${r.drawn} in ${r.year_ms} ms (${kb(r.year_sent_bytes)}, ${r.year_fragments}) |`),
  `| app memory after the timeline | | | | | ${appMb(out.rss_after_timeline_mb)} MB |`,
  '',
  '| statistics | groups | view switch → groups with counts (sent, facet blocks) | first group opened | its figures | first figures drawn (sent, fragments) |',
  '|---|---:|---:|---|---:|---:|',
  ...(out.stats ?? []).map((r) => `| ${r.what} | ${r.groups} | ${r.groups_ms} ms (${kb(r.groups_sent_bytes)}, ${r.groups_blocks}) | ${r.group} | ${r.group_figures} | ${r.drawn} in ${r.group_ms} ms (${kb(r.group_sent_bytes)}, ${r.group_fragments}) |`),
  `| app memory after the statistics | | | | | ${appMb(out.rss_after_stats_mb)} MB |`,
  '',
  '| query | results | shards | fragments | sent (raw) | typing → cards |',
  '|---|---:|---:|---:|---:|---:|',
  ...out.queries.map((r) => `| ${r.q} | ${r.count} | ${r.shards} | ${r.fragments} | ${kb(r.sent_bytes)} (${kb(r.raw_bytes)}) | ${r.last_key_to_cards_ms} ms |`),
  '',
  `The 100k synthetic corpus (\`atlas-bundle synth --records 100000 --seed 1\`) split by \`atlas-bundle split\` ` +
    `(${out.fragment_size} records a fragment) and served gzipped in place of data/: the release app reads the manifest, ` +
    'fetches the fragments of the rows on screen and, as you type, the term shards a query needs (`bench/large.mjs`). ' +
    'Chromium headless at 1280×900, service worker blocked. For comparison, the same corpus as one bundle is in the end-to-end table above.',
].join('\n');
console.log(JSON.stringify(out, null, 1));
if (outArg) await writeFile(outArg, JSON.stringify(out, null, 1) + '\n');
