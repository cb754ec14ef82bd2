// Large-catalog mode: the data address holds a split manifest (atlas-core/src/split.rs), and
// the app fetches record fragments and term shards as the screen and the query need them.
// The shipped bundle is split here with tiny fragments (5 records), into a copy of the build:
// once as data/bundle.json (the default address), once under big/ (read with ?bundle=). A
// small in-process server records every request and can break or hold a file on demand.
import { test, expect, watch, holdWasm, scrollToSixthLandingCard } from './fixtures';
import { sendFile } from '../mime.mjs';
import type { Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

test.describe.configure({ mode: 'serial' });
test.setTimeout(60_000);
// The worker would serve its precached files; these tests watch the network itself.
test.use({ serviceWorkers: 'block' });

const DIST = process.env.ATLAS_E2E_DIST ?? 'dist';
const FRAGMENT = 5;

let site = '';
let manifest: { records: number; fragments: string[]; shards: Record<string, string> };
let base = '';
let server: Server;
const requests: string[] = [];
/** Paths answered with a 500, and paths held until released. */
const broken = new Set<string>();
const held = new Map<string, Array<() => void>>();

/** A command line of atlas-bundle: `cargo xtask test` passes the one it built; run by hand,
 * cargo builds it. */
function bundleTool(...args: string[]): [string, string[]] {
  const bin = process.env.ATLAS_BUNDLE_BIN;
  return bin && existsSync(bin) ? [bin, args] : ['cargo', ['run', '-q', '-p', 'atlas-bundle', '--', ...args]];
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  site = mkdtempSync(join(tmpdir(), 'atlas-large-'));
  cpSync(DIST, site, { recursive: true });
  rmSync(join(site, 'data'), { recursive: true, force: true });
  const split = (dir: string) =>
    execFileSync(...bundleTool('split', 'public/data/bundle.json', '-o', dir, '--fragment-size', String(FRAGMENT)), {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  split(join(site, 'data'));
  renameSync(join(site, 'data/manifest.json'), join(site, 'data/bundle.json'));
  // The base map is the app's, not the catalogue's.
  cpSync(join(DIST, 'data/map.json'), join(site, 'data/map.json'));
  split(join(site, 'big'));
  manifest = JSON.parse(readFileSync(join(site, 'data/bundle.json'), 'utf8'));

  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    requests.push(path);
    if (broken.has(path)) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      return res.end('failed');
    }
    if (held.has(path)) await new Promise<void>((r) => held.get(path)!.push(r));
    await sendFile(res, site, path);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((r) => server?.close(r));
  if (site) rmSync(site, { recursive: true, force: true });
});

/** The large-catalogue app itself, in the page: the address without a query first shows the
 * landing view rendered at build time (its cards, a search field whose text the app takes
 * over, a filters button whose tap it does), until large mode's chunk is here and the app
 * replaces it. */
async function largeApp(page: Page) {
  await expect(page.locator('[data-mode="large"]')).toBeVisible();
  await expect(page.locator('#boot')).toHaveCount(0);
}

async function search(page: Page, text: string) {
  const box = page.locator('input[type="search"][name="q"]');
  await box.fill('');
  await box.pressSequentially(text);
}

/** The ids and titles of the cards rendered, in order. */
async function cards(page: Page) {
  return page.locator('ul.cards article.card[data-id]').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-id')} ${e.querySelector('.card-title')?.textContent?.trim()}`),
  );
}

/** Every card of the list (id and title), scrolling through the virtualised rows. */
async function allCards(page: Page) {
  const seen = new Set<string>();
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let step = 0; step < 50; step++) {
    await expect(page.locator('article.large-placeholder')).toHaveCount(0);
    for (const c of await cards(page)) seen.add(c);
    const done = await page.evaluate(() => {
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight * 0.8);
      return window.scrollY === before;
    });
    if (done) break;
    await page.waitForTimeout(150);
  }
  return [...seen].sort();
}

const since = (from: number) => requests.slice(from);

test('first paint: the manifest and the first fragments only, a screenful of cards', async ({ page }) => {
  const problems = watch(page);
  const from = requests.length;
  await page.goto(base);
  await expect(page.locator('[data-mode="large"]')).toBeVisible();
  const list = page.locator('ul.cards');
  await expect(list).toHaveAttribute('data-total', String(manifest.records));
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  // Only the rows on screen are in the DOM.
  await expect(list).toHaveClass(/virtual/);
  await expect(page.locator('article.large-placeholder')).toHaveCount(0);
  const n = await page.locator('ul.cards > li').count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(40);
  const got = since(from).filter((p) => p.startsWith('/data/'));
  expect(got[0]).toBe('/data/bundle.json');
  expect(got.filter((p) => p.startsWith('/data/terms/'))).toEqual([]);
  const fragments = got.filter((p) => p.startsWith('/data/records/'));
  // The fragments of the first screenful (24 cards before the list is measured), each once.
  expect(fragments.length).toBeLessThanOrEqual(Math.ceil(Math.max(n, 24) / FRAGMENT) + 1);
  expect(fragments.length).toBeLessThan(manifest.fragments.length);
  expect(new Set(fragments).size).toBe(fragments.length);
  // The first fragment was asked for as soon as the manifest was read (a preload the
  // view's own request took over: fetched once, as checked above).
  await expect(page.locator(`head link[rel="preload"][as="fetch"][href$="${manifest.fragments[0]}"]`)).toHaveCount(1);
  // The facet panel counts from the value file's totals: no block of facet rows is fetched
  // without a query or a filter, and the table comes after the first fragments.
  await expect(page.locator('fieldset.facet[data-facet="kind"] .facet-value').first()).toBeVisible();
  const facetFiles = since(from).filter((p) => p.startsWith('/data/facets/'));
  expect(facetFiles.filter((p) => /\/facets\/\d+\.json$/.test(p))).toEqual([]);
  const firstFacet = since(from).findIndex((p) => p.startsWith('/data/facets/'));
  const firstFragment = since(from).findIndex((p) => p.startsWith('/data/records/'));
  expect(firstFacet).toBeGreaterThan(firstFragment);
  // The first cards are the browse order's first records (the normal app's first cards).
  const normal = await page.context().newPage();
  await normal.goto('/');
  await expect(normal.locator('article.card').first()).toBeVisible();
  const want = (await cards(normal)).slice(0, 5);
  expect((await cards(page)).slice(0, 5)).toEqual(want);
  await normal.close();
  expect(problems).toEqual([]);
});

test('a reader who scrolled the landing view stays at the same cards when the large-catalogue app takes over', async ({ page }) => {
  const problems = watch(page);
  await page.setViewportSize({ width: 390, height: 844 });
  // The wasm held: the reader scrolls the landing view rendered into the page at build time.
  const release = await holdWasm(page);
  await page.goto(base);
  const { id, y } = await scrollToSixthLandingCard(page);
  release();
  await largeApp(page);
  await expect(page.locator('article.large-placeholder')).toHaveCount(0);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - y)).toBeLessThanOrEqual(2);
  // The large list has the same records in the same order: the same card is on screen.
  const card = page.locator(`ul.cards article.card[data-id="${id}"]`);
  await expect(card).toBeInViewport();
  expect(await card.innerText()).not.toEqual('');
  expect(problems).toEqual([]);
});

test('on a phone the filters tapped on the landing view before the large-catalogue app open once it is there', async ({ page }) => {
  const problems = watch(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const release = await holdWasm(page);
  await page.goto(base);
  await page.locator('#boot .view-bar button[data-action="filters"]').click();
  release();
  await largeApp(page);
  // Large mode shows its filters button while its facet table loads, so the takeover finds it.
  await expect(page.locator('.view-bar .facets-toggle')).toHaveAttribute('aria-expanded', 'true', { timeout: 10_000 });
  await expect(page.locator('#facet-groups')).toBeVisible();
  expect(problems).toEqual([]);
});

test('an address with a query preloads no fragment: its first cards are not the first records', async ({ page }) => {
  const problems = watch(page);
  const from = requests.length;
  await page.goto(base + '?q=Glasgow');
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  await expect(page.locator('article.large-placeholder')).toHaveCount(0);
  await expect(page.locator('head link[rel="preload"][href*="records/"]')).toHaveCount(0);
  const fragments = since(from).filter((p) => p.startsWith('/data/records/'));
  expect(fragments.length).toBeGreaterThan(0);
  expect(new Set(fragments).size).toBe(fragments.length);
  expect(problems).toEqual([]);
});

// «head of the DGSN police»: two records have every word, the others follow with some. mrakch and
// غلوبال (global) find nothing as typed nor near in their own script: they are read in the other one
// (two vocabularies, then the shards of what they spell there).
for (const q of ['مُرَّاكُش', 'Glasgow', 'الأَمْن الكِيمْيائِيّ', 'head of the DGSN police', 'mrakch', 'غلوبال']) {
  test(`query ${q}: the same records as the normal app, from the needed shards only`, async ({ page }) => {
    const problems = watch(page);
    const normal = await page.context().newPage();
    await normal.goto('/?q=' + encodeURIComponent(q));
    await expect(normal.locator('article.card').first()).toBeVisible();
    const wantMarks = await marksOf(normal);
    const total = await normal.locator('ul.cards').getAttribute('data-total');
    const want = await allCards(normal);
    expect(want.length).toBe(Number(total));
    const line = await normal.locator('#results-count').innerText();
    await normal.close();

    await page.goto(base);
    await largeApp(page);
    await expect(page.locator('article.card[data-id]').first()).toBeVisible();
    const from = requests.length;
    await search(page, q);
    await expect(page.locator('ul.cards')).toHaveAttribute('data-total', total!);
    await expect(page.locator('#results-count')).toContainText(total!);
    await expect(page.locator('article.large-placeholder')).toHaveCount(0);
    expect(await allCards(page)).toEqual(want);
    await expect(page.locator('#results-count')).toHaveText(line);
    // The first cards mark the words the query found, as the normal app's do (each card's
    // fragment searched a task after it is drawn).
    await page.evaluate(() => window.scrollTo(0, 0));
    // (Ranked over shards, a query read loosely may order equal matches apart: the cards
    // both lists begin with are compared.)
    // (غلوبال marks nothing in either: the Latin words it found are not on Arabic cards.)
    expect(wantMarks.some(([, m]) => m.length > 0)).toBe(q !== 'غلوبال');
    const same = async () => {
      const got = new Map(await marksOf(page));
      const both = wantMarks.filter(([id]) => got.has(id));
      return both.length >= 2 && both.every(([id, m]) => JSON.stringify(got.get(id)) === JSON.stringify(m)) ? 'same' : JSON.stringify([...got]);
    };
    await expect.poll(same).toBe('same');
    // Shards: files the manifest names, each fetched once, a few per word of the query.
    const shards = since(from).filter((p) => p.startsWith('/data/terms/'));
    const files = new Set(Object.values(manifest.shards).map((f) => '/data/' + f));
    expect(shards.length).toBeGreaterThan(0);
    expect(shards.every((p) => files.has(p))).toBe(true);
    expect(new Set(shards).size).toBe(shards.length);
    // (+2 for a word read in the other script: both vocabularies.)
    const other = q === 'mrakch' || q === 'غلوبال' ? 2 : 0;
    expect(shards.length).toBeLessThanOrEqual(3 * q.split(/\s+/).length + 1 + other);
    expect(shards.length).toBeLessThan(files.size / 3);
    // Typing it again fetches no shard again (cached).
    const again = requests.length;
    await search(page, q);
    await expect(page.locator('ul.cards')).toHaveAttribute('data-total', total!);
    expect(since(again).filter((p) => p.startsWith('/data/terms/'))).toEqual([]);
    expect(problems).toEqual([]);
  });
}

/** The first four cards' ids with the words each marks in its own text (title, line, summary;
 * not the badge of a linked record, which a fragment holds only trimmed). */
function marksOf(page: Page): Promise<[string, string[]][]> {
  return page.locator('ul.cards article.card[data-id]').evaluateAll((cards) =>
    cards
      .slice(0, 4)
      .map((c) => [c.getAttribute('data-id')!, [...c.querySelectorAll('mark:not(.via mark)')].map((m) => m.textContent!)] as [string, string[]]),
  );
}

/** Each facet group's values as shown ("name count"), group by group. */
async function facetPanel(page: Page) {
  // Every group is built (they come a task each, after their wasm chunk).
  await expect(page.locator('.facet-groups')).toHaveAttribute('aria-busy', 'false', { timeout: 10_000 });
  await expect(page.locator('fieldset.facet[data-facet="topic"]')).toBeAttached();
  return page.locator('fieldset.facet[data-facet]').evaluateAll((groups) =>
    groups.map((g) => ({
      facet: g.getAttribute('data-facet'),
      values: [...g.querySelectorAll('.facet-value')].map(
        (v) => `${v.querySelector('.facet-name')?.textContent?.trim()} ${v.querySelector('.facet-count')?.textContent?.trim()}`,
      ),
    })),
  );
}

for (const [q, filters] of [
  ['', ''],
  ['', 'place=marrakech'],
  ['', 'kind=event&kind=person'],
  ['مراكش', 'kind=figure'],
  ['الإنتربول', 'place=tangier&place=glasgow&year=2022-2024'],
  ['Glasgow', 'status=held'],
  // A stale link: a value the catalogue does not have is ignored, as in the normal app.
  ['طنجة', 'place=no-such-place'],
]) {
  test(`facets for "${q}" and ${filters || 'no filter'}: the normal app's counts and records`, async ({ page }) => {
    const problems = watch(page);
    const address = `?${q ? `q=${encodeURIComponent(q)}&` : ''}${filters}`;
    const normal = await page.context().newPage();
    await normal.goto('/' + address);
    await expect(normal.locator('ul.cards article.card').first()).toBeVisible();
    const total = await normal.locator('ul.cards').getAttribute('data-total');
    const want = await allCards(normal);
    const panel = await facetPanel(normal);
    const chips = await normal.locator('.active-filters .filter-chip').allTextContents();
    await normal.close();

    await page.goto(base + address);
    // The address without a query ("?") first shows the landing view rendered into the page
    // at build time, whose list has the same total: wait for the large-catalogue app itself.
    await expect(page.locator('[data-mode="large"]')).toBeVisible();
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.locator('ul.cards')).toHaveAttribute('data-total', total!);
    await expect(page.locator('#results-count')).toContainText(total!);
    expect(await allCards(page)).toEqual(want);
    await expect.poll(() => facetPanel(page)).toEqual(panel);
    expect(await page.locator('.active-filters .filter-chip').allTextContents()).toEqual(chips);
    expect(problems).toEqual([]);
  });
}

test('a facet click filters the list and the counts, as in the normal app', async ({ page }) => {
  const problems = watch(page);
  await page.goto(base + '?q=' + encodeURIComponent('الأمن'));
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  const from = requests.length;
  await page.locator('fieldset.facet[data-facet="kind"] .facet-value', { hasText: 'حدث' }).locator('input').check();
  await expect(page).toHaveURL(/kind=event/);
  const normal = await page.context().newPage();
  await normal.goto('/' + new URL(page.url()).search);
  await expect(normal.locator('ul.cards article.card').first()).toBeVisible();
  const total = await normal.locator('ul.cards').getAttribute('data-total');
  const panel = await facetPanel(normal);
  await normal.close();
  await expect(page.locator('ul.cards')).toHaveAttribute('data-total', total!);
  await expect.poll(() => facetPanel(page)).toEqual(panel);
  // The blocks of the hits were fetched when the query ran; the click fetched none again.
  const blocks = since(from).filter((p) => /\/facets\/\d+\.json$/.test(p));
  expect(new Set(blocks).size).toBe(blocks.length);
  expect(problems).toEqual([]);
});

test('on a phone the facet table is fetched when the sheet opens, not for searching', async ({ page }) => {
  const problems = watch(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const from = requests.length;
  await page.goto(base + '?q=' + encodeURIComponent('مراكش'));
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  await expect(page.locator('article.large-placeholder')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(since(from).filter((p) => p.startsWith('/data/facets/'))).toEqual([]);
  await page.locator('.facets-toggle').click();
  await expect(page.locator('fieldset.facet[data-facet="kind"] .facet-value').first()).toBeVisible();
  const fetched = since(from).filter((p) => p.startsWith('/data/facets/'));
  expect(fetched).toContain('/data/facets/values.json');
  expect(fetched).toContain('/data/facets/labels-ar.json');
  expect(problems).toEqual([]);
});

/** The single-value file holding a facet value (facets/values.json: value ids number the
 * values facet after facet, each file starts at a listed id). */
function singleFileOf(facet: string, value: string): string {
  const values = JSON.parse(readFileSync(join(site, 'data/facets/values.json'), 'utf8'));
  const order = ['kind', 'place', 'country', 'year', 'org', 'person', 'topic', 'status'];
  let id = 0;
  for (const f of order) {
    const col = values.facets[f]?.v ?? [];
    if (f === facet) {
      expect(col).toContain(value);
      id += col.indexOf(value);
      break;
    }
    id += col.length;
  }
  const starts: number[] = values.single_starts;
  const file = starts.filter((s) => s <= id).length - 1;
  return '/data/' + values.singles[file];
}

test('a first filter with no query reads one small file; the blocks come ahead of the next', async ({ page }) => {
  const problems = watch(page);
  const facets = JSON.parse(readFileSync(join(site, 'data/bundle.json'), 'utf8')).facets;
  const blocks = facets.blocks.map((b: string) => '/data/' + b);
  await page.goto(base);
  await largeApp(page);
  await expect(page.locator('fieldset.facet[data-facet="place"] .facet-value').first()).toBeVisible();
  const from = requests.length;
  const place = page.locator('fieldset.facet[data-facet="place"] .facet-value', { hasText: 'مراكش' }).locator('input');
  await place.check();
  await expect(page).toHaveURL(/place=marrakech/);
  const normal = await page.context().newPage();
  await normal.goto('/?place=marrakech');
  await expect(normal.locator('ul.cards article.card').first()).toBeVisible();
  const total = await normal.locator('ul.cards').getAttribute('data-total');
  const panel = await facetPanel(normal);
  await expect(page.locator('ul.cards')).toHaveAttribute('data-total', total!);
  await expect.poll(() => facetPanel(page)).toEqual(panel);
  await expect(page.locator('section.results')).toHaveAttribute('aria-busy', 'false');
  // The answer came from the value's single-value file alone; then every block, ahead.
  const facetFiles = since(from).filter((p) => p.startsWith('/data/facets/'));
  expect(facetFiles[0]).toBe(singleFileOf('place', 'marrakech'));
  expect(facetFiles.filter((p) => p.includes('/facets/one-'))).toEqual([facetFiles[0]]);
  await expect.poll(() => new Set(since(from).filter((p) => blocks.includes(p))).size).toBe(blocks.length);
  // The next click (two facets) is counted from those blocks: nothing more is fetched.
  const next = requests.length;
  await page.locator('fieldset.facet[data-facet="kind"] .facet-value', { hasText: 'حدث' }).locator('input').check();
  await expect(page).toHaveURL(/kind=event/);
  await normal.goto('/' + new URL(page.url()).search);
  await expect(normal.locator('ul.cards article.card').first()).toBeVisible();
  const both = await normal.locator('ul.cards').getAttribute('data-total');
  const bothPanel = await facetPanel(normal);
  await normal.close();
  await expect(page.locator('ul.cards')).toHaveAttribute('data-total', both!);
  await expect.poll(() => facetPanel(page)).toEqual(bothPanel);
  expect(since(next).filter((p) => p.startsWith('/data/facets/'))).toEqual([]);
  expect(problems).toEqual([]);
});

test('on a phone a first filter reads its one file and no block comes ahead', async ({ page }) => {
  const problems = watch(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base);
  await largeApp(page);
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  await page.locator('.facets-toggle').click();
  await expect(page.locator('fieldset.facet[data-facet="place"] .facet-value').first()).toBeVisible();
  const from = requests.length;
  await page.locator('fieldset.facet[data-facet="place"] .facet-value', { hasText: 'مراكش' }).locator('input').check();
  await expect(page).toHaveURL(/place=marrakech/);
  await expect(page.locator('section.results')).toHaveAttribute('aria-busy', 'false');
  // Longer than the app waits before fetching ahead on a wide screen.
  await page.waitForTimeout(2500);
  const facetFiles = since(from).filter((p) => p.startsWith('/data/facets/'));
  expect(facetFiles).toEqual([singleFileOf('place', 'marrakech')]);
  expect(problems).toEqual([]);
});

/** Opens `address` with `file` failing: the facet error names it; after a retry the list is
 * the normal app's for the same address. */
async function facetFileFailsThenRetries(page: Page, file: string, address: string) {
  const problems = watch(page);
  broken.add(file);
  try {
    await page.goto(base + address);
    const alert = page.locator('.large-facets-error[role="alert"]');
    await expect(alert).toBeVisible();
    await expect(alert.locator('[data-error="url"]')).toContainText(file);
    broken.delete(file);
    await alert.locator('button[data-action="retry"]').click();
    await expect(alert).toHaveCount(0);
    const normal = await page.context().newPage();
    await normal.goto('/' + address);
    await expect(normal.locator('ul.cards article.card').first()).toBeVisible();
    const total = await normal.locator('ul.cards').getAttribute('data-total');
    await normal.close();
    await expect(page.locator('ul.cards')).toHaveAttribute('data-total', total!);
  } finally {
    broken.delete(file);
  }
  expect(problems).toEqual([]);
}

test('a single-value file that fails says the filters are blocked, with retry', async ({ page }) => {
  await facetFileFailsThenRetries(page, singleFileOf('place', 'tangier'), '?place=tangier');
});

test('a facet block that fails says the filters are blocked, with retry', async ({ page }) => {
  const facets = JSON.parse(readFileSync(join(site, 'data/bundle.json'), 'utf8')).facets;
  // Two facets with no query: the rows of every record.
  await facetFileFailsThenRetries(page, '/data/' + facets.blocks[0], '?place=marrakech&kind=event');
});

test('?bundle= names a manifest elsewhere: its files resolve against it', async ({ page }) => {
  const problems = watch(page);
  const from = requests.length;
  await page.goto(base + '?bundle=big/manifest.json&q=' + encodeURIComponent('Glasgow'));
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  const got = since(from);
  expect(got).toContain('/big/manifest.json');
  expect(got.some((p) => p.startsWith('/big/terms/'))).toBe(true);
  expect(got.some((p) => p.startsWith('/big/records/'))).toBe(true);
  // (index.html may preload the default address; nothing else of data/ is read.)
  expect(got.filter((p) => p.startsWith('/data/') && p !== '/data/bundle.json')).toEqual([]);
  expect(problems).toEqual([]);
});

test('a fragment on its way shows a busy placeholder; a broken one an error with retry', async ({ page }) => {
  const problems = watch(page);
  const first = '/data/' + manifest.fragments[0];
  held.set(first, []);
  await page.goto(base);
  await largeApp(page);
  const placeholder = page.locator('ul.cards > li').first().locator('article.large-placeholder');
  await expect(placeholder).toBeVisible();
  await expect(placeholder).toHaveAttribute('aria-busy', 'true');
  // It fills its row like a card: the rows stay equal.
  const [ph, li] = await Promise.all([placeholder.boundingBox(), page.locator('ul.cards > li').first().boundingBox()]);
  expect(Math.abs(ph!.height - li!.height)).toBeLessThan(2);
  expect(ph!.height).toBeGreaterThan(100);
  const releases = held.get(first)!;
  held.delete(first);
  releases.forEach((r) => r());
  await expect(page.locator('ul.cards > li').first().locator('article.card[data-id]')).toBeVisible();

  broken.add(first);
  await page.reload();
  const error = page.locator('ul.cards > li').first().locator('article.large-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error.locator('[data-error="url"]')).toContainText(first);
  await expect(error.locator('[data-error="diagnosis"]')).toContainText('500');
  // Other fragments still show their cards.
  await expect(page.locator(`ul.cards > li:nth-child(${FRAGMENT + 1}) article.card[data-id]`)).toBeVisible();
  broken.delete(first);
  await error.locator('[data-action="retry"]').first().click();
  await expect(page.locator('ul.cards > li').first().locator('article.card[data-id]')).toBeVisible();
  await expect(page.locator('article.large-error')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a filter click keeps the cards until its own are here, then draws them at once', async ({ page }) => {
  const problems = watch(page);
  const start = requests.length;
  await page.goto(base);
  await largeApp(page);
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  await expect(page.locator('article.large-placeholder')).toHaveCount(0);
  await expect(page.locator('fieldset.facet[data-facet="kind"] .facet-value').first()).toBeVisible();
  const total = await page.locator('ul.cards').getAttribute('data-total');
  const firstCards = await cards(page);
  // The places are the catalogue's last records: their fragments are not here yet.
  const hold = () => {
    const fetched = new Set(since(start));
    const paths = manifest.fragments.map((f) => '/data/' + f).filter((p) => !fetched.has(p));
    paths.forEach((p) => held.set(p, []));
    return paths;
  };
  const release = (paths: string[]) =>
    paths.forEach((p) => {
      const waiting = held.get(p) ?? [];
      held.delete(p);
      waiting.forEach((r) => r());
    });
  let paths = hold();
  expect(paths.length).toBeGreaterThan(0);
  const kind = (name: string) =>
    page.locator('fieldset.facet[data-facet="kind"] .facet-value', { hasText: name }).locator('input');
  try {
    const from = requests.length;
    // Every state the list goes through is written down in the page as it happens: the app
    // lets the held list go after a short pause, and a loaded machine may look too late.
    await page.evaluate(() => {
      type State = { busy: string | null; total: string | null; placeholders: number; cards: string[] };
      const w = window as unknown as { __states: State[] };
      w.__states = [];
      const read = (): State => ({
        busy: document.querySelector('section.results')?.getAttribute('aria-busy') ?? null,
        total: document.querySelector('ul.cards')?.getAttribute('data-total') ?? null,
        placeholders: document.querySelectorAll('article.large-placeholder').length,
        cards: [...document.querySelectorAll('ul.cards article.card[data-id]')].map(
          (e) => `${e.getAttribute('data-id')} ${e.querySelector('.card-title')?.textContent?.trim()}`,
        ),
      });
      let last = JSON.stringify(read());
      new MutationObserver(() => {
        const now = read();
        const key = JSON.stringify(now);
        if (key !== last) {
          last = key;
          w.__states.push(now);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await kind('مكان').check();
    await expect(page).toHaveURL(/kind=place/);
    // Its fragments are asked for at once; meanwhile the list says it is busy and keeps the
    // cards it had: no placeholder, the same total.
    await expect.poll(() => since(from).filter((p) => paths.includes(p)).length).toBeGreaterThan(0);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __states: { busy: string }[] }).__states.length))
      .toBeGreaterThan(0);
    const states = await page.evaluate(
      () =>
        (
          window as unknown as {
            __states: { busy: string | null; total: string | null; placeholders: number; cards: string[] }[];
          }
        ).__states,
    );
    // The first thing the list does is to say it is busy, with the cards it had.
    expect(states[0]).toEqual({ busy: 'true', total, placeholders: 0, cards: firstCards });
    release(paths);
    await expect(page.locator('ul.cards')).not.toHaveAttribute('data-total', total!);
    await expect(page.locator('section.results')).toHaveAttribute('aria-busy', 'false');
    await expect(page.locator('article.large-placeholder')).toHaveCount(0);
    await expect(page.locator('article.card[data-id]').first()).toBeVisible();
    const places = await page.locator('ul.cards').getAttribute('data-total');

    // A fragment that does not come: after a moment the new list shows, with placeholders
    // where its cards will be.
    paths = hold();
    expect(paths.length).toBeGreaterThan(0);
    await kind('هيئة').check();
    await expect(page).toHaveURL(/kind=organization/);
    await expect(page.locator('article.large-placeholder').first()).toBeVisible();
    await expect(page.locator('ul.cards')).not.toHaveAttribute('data-total', places!);
    release(paths);
    await expect(page.locator('article.large-placeholder')).toHaveCount(0);
    await expect(page.locator('section.results')).toHaveAttribute('aria-busy', 'false');
  } finally {
    release(paths);
  }
  expect(problems).toEqual([]);
});

test('a search that finishes after the reader paused draws its cards', async ({ page }) => {
  // The shards come after typing has stopped for longer than the app's typing pause: the
  // new list is then held until its cards' fragments are here, which must not wait for
  // another keystroke (it once did: the old list stayed, busy, for good).
  const problems = watch(page);
  await page.goto(base);
  await largeApp(page);
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  await expect(page.locator('article.large-placeholder')).toHaveCount(0);
  const all = String(manifest.records);
  const shards = Object.values(manifest.shards).map((f) => '/data/' + f);
  const release = () =>
    shards.forEach((p) => {
      const waiting = held.get(p) ?? [];
      held.delete(p);
      waiting.forEach((r) => r());
    });
  for (const query of ['مراكش', 'Glasgow', 'الأمن']) {
    shards.forEach((p) => held.set(p, []));
    try {
      await search(page, query);
      await expect(page.locator('section.results')).toHaveAttribute('aria-busy', 'true');
      await page.waitForTimeout(700);
      release();
      await expect(page.locator('section.results')).toHaveAttribute('aria-busy', 'false', { timeout: 3000 });
      await expect(page.locator('ul.cards')).not.toHaveAttribute('data-total', all);
      await expect(page.locator('article.large-placeholder')).toHaveCount(0);
      await expect(page.locator('article.card[data-id]').first()).toBeVisible();
    } finally {
      release();
    }
    await search(page, '');
    await expect(page.locator('ul.cards')).toHaveAttribute('data-total', all);
  }
  expect(problems).toEqual([]);
});

test('a search whose shards fail says so, with retry', async ({ page }) => {
  const problems = watch(page);
  const shards = Object.values(manifest.shards).map((f) => '/data/' + f);
  await page.goto(base);
  await largeApp(page);
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  shards.forEach((p) => broken.add(p));
  await search(page, 'Glasgow');
  const error = page.locator('.large-search-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error.locator('[data-error="diagnosis"]')).toContainText('500');
  shards.forEach((p) => broken.delete(p));
  await error.locator('[data-action="retry"]').click();
  await expect(error).toHaveCount(0);
  await expect(page.locator('#results-count')).not.toContainText('(');
  await expect(page.locator('article.card[data-id]').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('a record page opens by its id: one id file, then the fragment that owns it', async ({ page }) => {
  const problems = watch(page);
  // The same title, facts and sources as the full app: what a record names, and a place's
  // events (its fragment carries the first records that link to an event or a place).
  const pages = ['gc-marrakech-2022', 'gc-marrakech-2022-countries-alalam', 'arab-police-chiefs-tangier-2023', 'marrakech', 'interpol', 'abdellatif-hammouchi'];
  for (const id of pages) {
    const normal = await page.context().newPage();
    await normal.goto(`/?id=${id}`);
    const want = normal.locator(`article.detail[data-id="${id}"]`);
    await expect(want.locator('.detail-title')).not.toBeEmpty();
    const title = await want.locator('.detail-title').textContent();
    const facts = await want.locator('dl.facts').textContent();
    // The record's own sources: the last section of its page (related cards have theirs).
    const own = ':scope > section.detail-section:last-of-type .sources';
    const sources = await want.locator(own).textContent().catch(() => null);
    await normal.close();

    const from = requests.length;
    await page.goto(`${base}?id=${id}`);
    const got = page.locator(`article.detail[data-id="${id}"]`);
    await expect(got.locator('.detail-title')).toHaveText(title!);
    expect(await got.locator('dl.facts').textContent()).toBe(facts);
    if (sources !== null) expect(await got.locator(own).textContent()).toBe(sources);
    const data = since(from).filter((p) => p.startsWith('/data/'));
    expect(data.filter((p) => p.startsWith('/data/ids/'))).toHaveLength(1);
    expect(data.filter((p) => p.startsWith('/data/terms/'))).toEqual([]);
    expect(data.filter((p) => p.startsWith('/data/records/')).length).toBeLessThanOrEqual(3);
  }
  // A place's page lists its events, and links to all of them as cards: the same events
  // as the full app's filter gives.
  await page.goto(`${base}?id=marrakech&lang=en`);
  await expect(page.locator('article.detail[data-id="marrakech"] .fact a[href*="id="]')).not.toHaveCount(0);
  for (const id of ['marrakech', 'interpol']) {
    const normal = await page.context().newPage();
    await normal.goto(`/?id=${id}&lang=en`);
    await normal.locator('a[data-action="related-events"]').click();
    await expect(normal).toHaveURL(/kind=event/);
    await expect(normal.locator('article.card[data-id]').first()).toBeVisible();
    const want = await normal.locator('article.card[data-id]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-id')));
    await normal.close();
    await page.goto(`${base}?id=${id}&lang=en`);
    await page.locator('a[data-action="related-events"]').click();
    await expect(page).toHaveURL(/kind=event/);
    await expect.poll(() => page.locator('article.card[data-id]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-id')))).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
  }
  // A related record's card opens its own page the same way.
  await page.goto(`${base}?id=gc-marrakech-2022`);
  await page.locator('article.detail .detail-section a.card-link').first().click();
  await expect(page).toHaveURL(/[?&]id=/);
  await expect(page.locator('article.detail .detail-title')).not.toBeEmpty();
  // An id the catalogue does not have says so.
  await page.goto(`${base}?id=no-such-record`);
  await expect(page.locator('[data-state="not-found"]')).toBeVisible();
  expect(problems).toEqual([]);
});

test('an id file that fails says so, with retry', async ({ page }) => {
  const problems = watch(page);
  const m = JSON.parse(readFileSync(join(site, 'data/bundle.json'), 'utf8'));
  const path = new Set<string>();
  for (const f of m.ids) path.add('/data/' + f);
  for (const p of path) broken.add(p);
  try {
    await page.goto(`${base}?id=gc-marrakech-2022`);
    const alert = page.locator('.large-record-error[role="alert"]');
    await expect(alert).toBeVisible();
    for (const p of path) broken.delete(p);
    await alert.locator('button[data-action="retry"]').click();
    await expect(page.locator('article.detail[data-id="gc-marrakech-2022"] .detail-title')).not.toBeEmpty();
  } finally {
    for (const p of path) broken.delete(p);
  }
  expect(problems).toEqual([]);
});

test('a split written before the statistics file says the view needs it', async ({ page }) => {
  const problems = watch(page);
  // The shipped split's manifest without `stats` (and `timeline`), as older splits were.
  cpSync(join(site, 'big'), join(site, 'old'), { recursive: true });
  const old = JSON.parse(readFileSync(join(site, 'old/manifest.json'), 'utf8'));
  delete old.stats;
  delete old.timeline;
  writeFileSync(join(site, 'old/manifest.json'), JSON.stringify(old));
  for (const [view, lang, text] of [
    ['stats', 'ar', 'إصدار أقدم'],
    ['timeline', 'en', 'older version'],
    ['stats', 'fr', 'version antérieure'],
  ]) {
    const params = `?bundle=old/manifest.json&view=${view}&lang=${lang}`;
    await page.goto(base + params);
    const notice = page.locator('[data-state="large-notice"]');
    await expect(notice, params).toBeVisible();
    await expect(notice).toContainText(text);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  }
  expect(problems).toEqual([]);
});

/** The normal app's statistics: per group, its figures ("id value") in order. */
async function fullStats(page: Page) {
  return page.locator('section.stats-group').evaluateAll((groups) =>
    groups.map((g) => ({
      group: g.getAttribute('data-group'),
      title: g.querySelector('h3')?.textContent?.trim(),
      figures: [...g.querySelectorAll('tbody tr[data-id]')].map((r) => `${r.getAttribute('data-id')} ${r.getAttribute('data-value')} ${r.querySelector('.badge.differ') ? 'differ' : ''}`),
    })),
  );
}

/** Group files (by measure) and packs of group files (by event) among `paths`. */
const groupFiles = (paths: string[]) => paths.filter((p) => /^\/data\/stats\/e?\d{4}\.json$/.test(p));

for (const address of [
  '?view=stats',
  '?view=stats&q=' + encodeURIComponent('مراكش'),
  '?view=stats&year=2022&lang=en',
  '?view=stats&q=' + encodeURIComponent('مؤتمر') + '&place=marrakech&lang=fr',
  '?view=stats&org=interpol&kind=figure',
  '?view=stats&group=event',
  '?view=stats&group=event&q=' + encodeURIComponent('مراكش') + '&lang=en',
  '?view=stats&group=event&year=2022&lang=es',
]) {
  test(`the statistics of ${address}: the normal app's groups and figures`, async ({ page }) => {
    const problems = watch(page);
    const normal = await page.context().newPage();
    await normal.goto('/' + address);
    await expect(normal.locator('section.stats-group').first()).toBeVisible();
    const want = await fullStats(normal);
    await normal.close();
    expect(want.length).toBeGreaterThan(0);

    const from = requests.length;
    await page.goto(base + address);
    await expect(page.locator('section.stats-group').first()).toBeVisible();
    await expect(page.locator('.large-stats-status')).toHaveAttribute('aria-busy', 'false');
    // Closed groups: their counts and headings (an event's title comes from its fragment),
    // no group file fetched, nothing to download yet.
    const groups = page.locator('section.large-stats-group');
    expect(await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-group')))).toEqual(want.map((g) => g.group));
    await expect.poll(() => groups.evaluateAll((gs) => gs.map((g) => g.querySelector('h3')?.textContent?.trim()))).toEqual(want.map((g) => g.title));
    expect(groupFiles(since(from))).toEqual([]);
    await expect(page.locator('[data-export]')).toHaveCount(0);
    for (const g of want) {
      const group = page.locator(`section.large-stats-group[data-group="${g.group}"]`);
      await expect(group).toHaveAttribute('data-count', String(g.figures.length));
      await group.locator('summary').click();
      // Every figure shows (a group of the shipped data holds fewer than a page).
      await expect.poll(() => fullStats(page).then((t) => t.find((x) => x.group === g.group)?.figures)).toEqual(g.figures);
      await expect(group.locator('.bar-row')).toHaveCount(g.figures.length);
    }
    if (address.includes('group=event')) {
      // Every group of the shipped data fits in the first pack.
      expect(new Set(groupFiles(since(from)))).toEqual(new Set(['/data/stats/e0000.json']));
    } else {
      expect(groupFiles(since(from)).length).toBe(want.length);
    }
    // The downloads (built when the share menu opens) hold exactly the figures shown, in order.
    const ids = want.flatMap((g) => g.figures.map((f) => f.split(' ')[0]));
    await page.locator('[data-menu="share"] summary').click();
    await expect(page.locator('.menu-downloads')).toHaveAttribute('data-rows', String(ids.length));
    const json = await page.locator('a[data-export="json"]').getAttribute('href');
    const rows = JSON.parse(decodeURIComponent(json!.slice(json!.indexOf(',') + 1)));
    expect(rows.map((r: { id: string }) => r.id)).toEqual(ids);
    const csv = await page.locator('a[data-export="csv"]').getAttribute('href');
    expect(decodeURIComponent(csv!.slice(csv!.indexOf(',') + 1)).trim().split('\r\n').length).toBe(ids.length + 1);
    expect(problems).toEqual([]);
  });
}

test('statistics by event from a split written before them say so, with the way back', async ({ page }) => {
  const problems = watch(page);
  // The shipped split's manifest without `stats_event`, as older splits were.
  cpSync(join(site, 'big'), join(site, 'older'), { recursive: true });
  const old = JSON.parse(readFileSync(join(site, 'older/manifest.json'), 'utf8'));
  expect(old.stats_event).toBe('stats/events.json');
  delete old.stats_event;
  writeFileSync(join(site, 'older/manifest.json'), JSON.stringify(old));
  await page.goto(base + '?bundle=older/manifest.json&view=stats&group=event&lang=en&q=interpol');
  const notice = page.locator('[data-state="large-group-event"]');
  await expect(notice).toContainText('older version');
  await expect(page.locator('.group-toggle a[data-group="event"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('section.large-stats-group')).toHaveCount(0);
  await notice.locator('a').click();
  await expect(page.locator('section.large-stats-group').first()).toBeVisible();
  await expect(page.locator('.group-toggle a[data-group="measure"]')).toHaveAttribute('aria-current', 'true');
  expect(new URL(page.url()).searchParams.get('q')).toBe('interpol');
  expect(new URL(page.url()).searchParams.get('group')).toBeNull();
  expect(problems).toEqual([]);
});

test('a statistics group that fails says so, with retry', async ({ page }) => {
  const problems = watch(page);
  const index = JSON.parse(readFileSync(join(site, 'data/stats.json'), 'utf8'));
  const first = index.groups[0];
  const path = '/data/' + first.file;
  broken.add(path);
  try {
    await page.goto(base + '?view=stats&lang=en');
    const group = page.locator(`section.large-stats-group[data-group="${first.key}"]`);
    await group.locator('summary').click();
    const alert = group.locator('.large-stats-error[role="alert"]');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(first.file);
    broken.delete(path);
    await alert.locator('button[data-action="retry"]').click();
    await expect(group.locator('tbody tr[data-id]').first()).toBeVisible();
  } finally {
    broken.delete(path);
  }
  expect(problems).toEqual([]);
});

/** The normal app's timeline: per year, its events ("id date"), in order. */
async function fullTimeline(page: Page) {
  return page.locator('li.tl-year').evaluateAll((years) =>
    years.map((y) => ({
      year: y.getAttribute('data-year'),
      events: [...y.querySelectorAll('li.tl-event')].map((e) => `${e.getAttribute('data-id')} ${e.getAttribute('data-date')} ${e.querySelector('.tl-meta')?.textContent?.trim()}`),
    })),
  );
}

for (const address of [
  '?view=timeline',
  '?view=timeline&q=' + encodeURIComponent('الإنتربول'),
  '?view=timeline&place=marrakech&lang=en',
  '?view=timeline&q=' + encodeURIComponent('مؤتمر') + '&status=held&lang=fr',
]) {
  test(`the timeline of ${address}: the normal app's years and events`, async ({ page }) => {
    const problems = watch(page);
    const normal = await page.context().newPage();
    await normal.goto('/' + address);
    await expect(normal.locator('li.tl-year').first()).toBeVisible();
    const want = await fullTimeline(normal);
    await normal.close();
    expect(want.length).toBeGreaterThan(0);

    const from = requests.length;
    await page.goto(base + address);
    await expect(page.locator('li.tl-year').first()).toBeVisible();
    await expect(page.locator('.large-timeline-status')).toHaveAttribute('aria-busy', 'false');
    // Closed years: their counts, no year file fetched.
    expect(await page.locator('li.tl-year').evaluateAll((ys) => ys.map((y) => y.getAttribute('data-year')))).toEqual(want.map((y) => y.year));
    expect(since(from).filter((p) => p.startsWith('/data/timeline/'))).toEqual([]);
    for (const y of want) {
      const year = page.locator(`li.tl-year[data-year="${y.year}"]`);
      await expect(year).toHaveAttribute('data-count', String(y.events.length));
      await year.locator('summary').click();
      // Every event shows (a year of the shipped data holds fewer than a page).
      await expect.poll(() => fullTimeline(page).then((t) => t.find((x) => x.year === y.year)?.events)).toEqual(y.events);
    }
    expect(since(from).filter((p) => p.startsWith('/data/timeline/')).length).toBe(want.length);
    expect(problems).toEqual([]);
  });
}

test('a timeline year that fails says so, with retry', async ({ page }) => {
  const problems = watch(page);
  const index = JSON.parse(readFileSync(join(site, 'data/timeline.json'), 'utf8'));
  const first = index.years[0];
  const path = '/data/' + first.file;
  broken.add(path);
  try {
    await page.goto(base + '?view=timeline');
    const year = page.locator(`li.tl-year[data-year="${first.year}"]`);
    await year.locator('summary').click();
    const alert = year.locator('.large-timeline-error[role="alert"]');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(first.file);
    broken.delete(path);
    await alert.locator('button[data-action="retry"]').click();
    await expect(year.locator('li.tl-event[data-id]').first()).toBeVisible();
  } finally {
    broken.delete(path);
  }
  expect(problems).toEqual([]);
});

/** The map's markers as shown: "place count pressed", in document order. */
async function markers(page: Page) {
  return page.locator('.map-box .map-marker[data-place]').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-place')} ${e.querySelector('.marker-count')?.textContent?.trim() ?? 0} ${e.getAttribute('aria-pressed')}`),
  );
}

for (const address of [
  '?view=map',
  '?view=map&q=' + encodeURIComponent('الإنتربول'),
  '?view=map&kind=event&year=2022-2023',
  '?view=map&q=' + encodeURIComponent('مؤتمر') + '&place=marrakech&lang=en',
  '?view=map&org=interpol&status=held',
]) {
  test(`the map of ${address}: the normal app's markers`, async ({ page }) => {
    const problems = watch(page);
    const normal = await page.context().newPage();
    await normal.goto('/' + address);
    await expect(normal.locator('.map-box .map-marker').first()).toBeVisible();
    const want = await markers(normal);
    const list = await normal.locator('.place-list').textContent();
    await normal.close();
    expect(want.some((m) => !m.endsWith(' 0 false') && !m.endsWith(' 0 true'))).toBe(true);

    const from = requests.length;
    await page.goto(base + address);
    await expect(page.locator('.map-box .map-marker').first()).toBeVisible();
    await expect.poll(() => markers(page)).toEqual(want);
    await expect(page.locator('.place-list')).toHaveText(list!);
    await expect(page.locator('.large-map-status')).toHaveAttribute('aria-busy', 'false');
    const fetched = since(from);
    expect(fetched).toContain('/data/places.json');
    // With no query and no filter the places file is the answer: no facet file at all.
    if (address === '?view=map') {
      expect(fetched.filter((p) => p.startsWith('/data/facets/'))).toEqual([]);
    } else if (!address.includes('org=')) {
      // A query, or filters on an event's kind, place or year: the events' slices, no
      // block of facet rows.
      expect(fetched).toContain('/data/facets/slice-event-place.json');
      expect(fetched.filter((p) => /\/facets\/\d+\.json$/.test(p))).toEqual([]);
    }
    // No record fragment is needed to draw the map.
    expect(fetched.filter((p) => p.startsWith('/data/records/'))).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('a marker click chooses the place; its events open as cards', async ({ page }) => {
  const problems = watch(page);
  await page.goto(base + '?view=map&lang=en');
  await page.locator('.map-box .map-marker[data-place="tangier"]').click();
  await expect(page).toHaveURL(/place=tangier/);
  await expect(page.locator('.map-box .map-marker[data-place="tangier"]')).toHaveAttribute('aria-pressed', 'true');
  const n = await page.locator('[data-state="large-map-events"]').textContent();
  await page.locator('[data-action="large-map-cards"]').click();
  await expect(page).toHaveURL(/kind=event/);
  await expect(page).not.toHaveURL(/view=map/);
  const total = await page.locator('ul.cards').getAttribute('data-total');
  expect(n).toContain(total!);
  expect(problems).toEqual([]);
});

test('a map of many places: labels that fit, largest first; the others are dots, named and chosen by pointer; the list pages', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watch(page);
  // A synthetic catalogue with more places than the map labels (40) and the list shows (100).
  execFileSync(...bundleTool('synth', '--records', '12000', '--seed', '1', '-o', join(site, 'synth'), '--split'), {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const places: { id: string; name: { en: string }; events: number }[] = JSON.parse(
    readFileSync(join(site, 'synth/split/places.json'), 'utf8'),
  ).places;
  expect(places.length).toBeGreaterThan(100);
  const events = new Map(places.map((p) => [p.id, p.events]));
  // Tall enough for the map and its buttons together: nothing scrolls under the pointer.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto(base + '?bundle=synth/split/manifest.json&view=map&lang=en');
  const all = page.locator('.map-box .map-marker');
  await expect(all.first()).toBeVisible();
  await expect(page.locator('.large-map-status')).toHaveAttribute('aria-busy', 'false');
  /** Places drawn (labelled markers and dots, the dots' counts summed over the layers'
   * paths), those with events, and the dots alone: read at once. */
  // Every place is drawn once, as a labelled marker or a dot (main map or inset); the
  // places with events are the filled ones.
  const drawn = () =>
    page.evaluate(() => {
      const count = (sel: string) =>
        [...document.querySelectorAll(`.map-box svg.map-dots ${sel}[data-count]`)].reduce((n, p) => n + Number(p.getAttribute('data-count')), 0);
      const ms = [...document.querySelectorAll('.map-box .map-marker')];
      return {
        places: new Set(ms.map((m) => m.getAttribute('data-place'))).size + count('path'),
        withEvents: ms.filter((m) => !m.classList.contains('empty')).length + count('path.dots-full'),
        dots: count('path'),
      };
    });
  await expect.poll(drawn).toEqual({
    places: places.length,
    withEvents: places.filter((p) => p.events > 0).length,
    dots: expect.any(Number),
  });
  expect((await drawn()).dots).toBeGreaterThan(0);
  const ids = await all.evaluateAll((ms) => ms.map((m) => m.getAttribute('data-place')));
  expect(new Set(ids).size).toBe(ids.length);
  for (const layer of ['main', 'inset']) {
    const labelled = await page.locator(`.map-box .map-marker[data-layer="${layer}"]`).evaluateAll((ms) =>
      ms.map((m) => {
        const label = m.querySelector('.marker-label')?.getBoundingClientRect();
        return { id: m.getAttribute('data-place')!, label: label ? [label.left, label.top, label.right, label.bottom] : null };
      }),
    );
    if (!labelled.length) continue;
    expect(labelled.length).toBeLessThanOrEqual(40);
    expect(labelled.every((m) => m.label)).toBe(true);
    // Labels never cover each other.
    for (const a of labelled)
      for (const b of labelled)
        if (a.id < b.id) {
          const [l1, t1, r1, b1] = a.label!;
          const [l2, t2, r2, b2] = b.label!;
          expect(l1 < r2 - 1 && l2 < r1 - 1 && t1 < b2 - 1 && t2 < b1 - 1, `${a.id} and ${b.id}`).toBe(false);
        }
    // Nor does a main-map label hide under the inset.
    const inset = await page.locator('.map-box .map-inset').boundingBox();
    if (layer === 'main' && inset)
      for (const m of labelled) {
        const [l, t, r, b] = m.label!;
        expect(l < inset.x + inset.width - 1 && inset.x < r - 1 && t < inset.y + inset.height - 1 && inset.y < b - 1, `${m.id} under the inset`).toBe(false);
      }
  }

  // Labels go to the busiest places first: the labelled places have more events than the
  // others on average. (Not every busiest place: one whose label has no free side, as
  // under the inset, is a dot. Seed 1's busiest place lies under it since the synthetic
  // catalogue's words, drawn from the shipped data, changed with that data.)
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const labelledEvents = ids.map((id) => events.get(id!)!);
  const others = places.filter((p) => !ids.includes(p.id)).map((p) => p.events);
  expect(others.length).toBeGreaterThan(50);
  expect(mean(labelledEvents)).toBeGreaterThan(mean(others) + 3);

  // A dot of the main map, found from its path: "M<x-r> <y>a<r> …" in percent of the map box.
  const svg = page.locator('.map-box svg.map-dots[data-layer="main"]');
  const box = (await svg.boundingBox())!;
  const inset = await page.locator('.map-box .map-inset').boundingBox();
  const d = (await svg.locator('path.dots-full').getAttribute('d'))!;
  const centres = [...d.matchAll(/M(-?[\d.]+) (-?[\d.]+)a([\d.]+)/g)].map((m) => {
    const r = Number(m[3]);
    return { x: box.x + ((Number(m[1]) + r) / 100) * box.width, y: box.y + (Number(m[2]) / 100) * box.height };
  });
  expect(centres.length).toBe(Number(await svg.locator('path.dots-full').getAttribute('data-count')));
  // One clear of the inset, the labels and the other dots (so the pointer finds that one).
  const busy = await page.locator('.map-box .map-marker, .map-box .marker-label').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    }),
  );
  const clear = centres.find(
    (c, i) =>
      c.x > box.x + 8 && c.x < box.x + box.width - 8 && c.y > box.y + 40 && c.y < box.y + box.height - 8 &&
      !(inset && c.x > inset.x - 12 && c.x < inset.x + inset.width + 12 && c.y > inset.y - 12 && c.y < inset.y + inset.height + 12) &&
      busy.every(([l, t, r, b]) => c.x < l - 12 || c.x > r + 12 || c.y < t - 12 || c.y > b + 12) &&
      centres.every((o, j) => j === i || Math.hypot(o.x - c.x, o.y - c.y) > 14),
  )!;
  expect(clear).toBeTruthy();
  // Pointed at, it says its place and count; the name is one of the catalogue's places,
  // not one already labelled.
  await page.mouse.move(clear.x, clear.y);
  const tip = page.locator('.map-box .map-tip');
  await expect(tip).toBeVisible();
  const said = (await tip.textContent())!;
  const [name, count] = said.split(' — ');
  const place = places.find((p) => p.name.en === name)!;
  expect(place, said).toBeTruthy();
  expect(ids).not.toContain(place.id);
  expect(count).toBe(`${place.events} ${place.events === 1 ? 'event' : 'events'}`);
  // Moving the map from the keyboard puts the tip away (it would point at nothing).
  const before = await page.locator('.map-box svg.map-svg').first().getAttribute('viewBox');
  await page.locator('.map-box .map-stage').focus();
  await page.keyboard.press('+');
  await expect(tip).toHaveCount(0);
  await page.keyboard.press('0');
  await expect(page.locator('.map-box svg.map-svg').first()).toHaveAttribute('viewBox', before!);
  expect(await svg.boundingBox()).toEqual(box);
  await page.mouse.move(box.x + 2, box.y + 2);
  await page.mouse.move(clear.x, clear.y);
  await expect(tip).toHaveText(said);
  await page.mouse.move(box.x + 2, box.y + 2);
  await expect(tip).toHaveCount(0);
  // A press that moves pans the map and chooses nothing.
  await page.mouse.move(clear.x, clear.y);
  await page.mouse.down();
  await page.mouse.move(clear.x + 30, clear.y + 20, { steps: 4 });
  await page.mouse.up();
  await expect(page.locator('.map-box svg.map-svg').first()).not.toHaveAttribute('viewBox', before!);
  expect(page.url()).not.toContain('place=');
  await page.locator('[data-map="fit"]').click();
  await expect(page.locator('.map-box svg.map-svg').first()).toHaveAttribute('viewBox', before!);
  expect(await svg.boundingBox()).toEqual(box);
  // A click chooses it: the filter, and a pressed labelled marker where the dot was.
  await page.mouse.click(clear.x, clear.y);
  await expect(page).toHaveURL(new RegExp(`place=${place.id}(&|$)`));
  const chosen = page.locator(`.map-box .map-marker[data-place="${place.id}"]`);
  await expect(chosen).toHaveAttribute('aria-pressed', 'true');
  await expect(chosen.locator('.marker-label')).toContainText(name);
  const at = (await chosen.locator('.marker-dot').boundingBox())!;
  expect(Math.hypot(at.x + at.width / 2 - clear.x, at.y + at.height / 2 - clear.y)).toBeLessThan(2);
  expect((await drawn()).places).toBe(places.length);

  // From the keyboard, any place is chosen in the list (the dots are not tab stops).
  await page.goto(base + '?bundle=synth/split/manifest.json&view=map&lang=en');
  await expect(page.locator('.large-map-status')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('.map-box .map-marker').first()).toBeVisible();
  const labelledNow = new Set(await page.locator('.map-box .map-marker').evaluateAll((ms) => ms.map((m) => m.getAttribute('data-place'))));
  const listed = await page.locator('.place-list button[data-list-place]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-list-place')!));
  const dotId = listed.find((id) => !labelledNow.has(id))!;
  expect(dotId).toBeTruthy();
  await page.locator(`.place-list button[data-list-place="${dotId}"]`).focus();
  await page.keyboard.press('Enter');
  const picked = page.locator(`.map-box .map-marker[data-place="${dotId}"]`);
  await expect(picked).toHaveAttribute('aria-pressed', 'true');
  await expect(picked.locator('.marker-label')).toBeVisible();
  // The note under the map says how to reach the dots.
  await expect(page.locator('.map-box .map-note', { hasText: 'list of places' })).toBeVisible();
  // The list shows 100 places, then the rest on demand.
  await expect(page.locator('.place-list li')).toHaveCount(100);
  await page.locator('[data-action="more-places"]').click();
  await expect(page.locator('.place-list li')).toHaveCount(Math.min(200, places.length));
  if (places.length <= 200) await expect(page.locator('[data-action="more-places"]')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('statistics by event of a catalogue with thousands of events: titled groups, a page at a time', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watch(page);
  if (!existsSync(join(site, 'synth/split/stats/events.json'))) {
    execFileSync(...bundleTool('synth', '--records', '12000', '--seed', '1', '-o', join(site, 'synth'), '--split'), {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const index: { groups: { key: string; figures: number }[]; packs: string[]; pack: number; titles: Record<string, string[]> } = JSON.parse(
    readFileSync(join(site, 'synth/split/stats/events.json'), 'utf8'),
  );
  expect(index.groups.length).toBeGreaterThan(1000);
  expect(index.packs.length).toBeGreaterThan(2);
  expect(index.titles.en.length).toBeGreaterThan(1);
  const from = requests.length;
  // Headings that fail say so, with retry; the groups show meanwhile under their ids.
  const headings = `/synth/split/${index.titles.en[0]}`;
  broken.add(headings);
  await page.goto(base + '?bundle=synth/split/manifest.json&view=stats&group=event&lang=en');
  const groups = page.locator('section.large-stats-group');
  const alert = page.locator('.large-stats-error[role="alert"]');
  await expect(alert).toBeVisible();
  await expect(groups.first().locator('h3')).toHaveText(index.groups[0].key);
  // To the measures and back: each grouping shows its own groups, and the headings'
  // failure belongs to the grouping by event only.
  const manifest = JSON.parse(readFileSync(join(site, 'synth/split/manifest.json'), 'utf8'));
  const measures: { groups: { key: string }[] } = JSON.parse(readFileSync(join(site, 'synth/split', manifest.stats), 'utf8'));
  await page.locator('.group-toggle a[data-group="measure"]').click();
  await expect(groups).toHaveCount(Math.min(50, measures.groups.length));
  await expect(groups.first()).toHaveAttribute('data-group', measures.groups[0].key);
  await expect(alert).toHaveCount(0);
  await page.locator('.group-toggle a[data-group="event"]').click();
  await expect(groups).toHaveCount(50);
  await expect(groups.first()).toHaveAttribute('data-group', index.groups[0].key);
  await expect(alert).toBeVisible();
  broken.delete(headings);
  await alert.locator('button[data-action="retry"]').click();
  await expect(alert).toHaveCount(0);
  // The first page of groups, in the index's order, each with its count.
  await expect(groups).toHaveCount(50);
  const shown = await groups.evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-group'), Number(g.getAttribute('data-count'))]));
  expect(shown).toEqual(index.groups.slice(0, 50).map((g) => [g.key, g.figures]));
  // Headings are the events' titles, from the first file of headings only (no fragment).
  const first = groups.first();
  await expect.poll(() => first.locator('h3').textContent()).not.toBe(index.groups[0].key);
  await expect(first.locator('h3')).not.toBeEmpty();
  const fetched = since(from);
  expect(fetched.filter((p) => p.includes('/stats/events-'))).toEqual([headings, headings, headings]);
  expect(fetched.filter((p) => p.includes('/records/'))).toEqual([]);
  // The next page on demand.
  await page.locator('[data-action="more-groups"]').click();
  await expect(groups).toHaveCount(100);
  // A group opens from its pack alone, its figures drawn.
  const later = 60;
  const key = index.groups[later].key;
  const group = page.locator(`section.large-stats-group[data-group="${key}"]`);
  await group.locator('summary').click();
  await expect(group.locator('.bar-row')).toHaveCount(Math.min(20, index.groups[later].figures));
  await expect(group.locator('tbody tr[data-id]').first()).toBeVisible();
  const pack = index.packs[Math.floor(later / index.pack)];
  expect(since(from).filter((p) => /\/stats\/e\d{4}\.json$/.test(p))).toEqual([`/synth/split/${pack}`]);
  expect(problems).toEqual([]);
});

test('a map whose place slice fails says so, with retry', async ({ page }) => {
  const problems = watch(page);
  const slice = '/data/facets/slice-event-place.json';
  const address = '?view=map&q=' + encodeURIComponent('الإنتربول');
  broken.add(slice);
  try {
    await page.goto(base + address);
    const alert = page.locator('.large-map-error[role="alert"]');
    await expect(alert).toBeVisible();
    await expect(alert.locator('[data-error="url"]')).toContainText(slice);
    broken.delete(slice);
    await alert.locator('button[data-action="retry"]').click();
    await expect(alert).toHaveCount(0);
    const normal = await page.context().newPage();
    await normal.goto('/' + address);
    await expect(normal.locator('.map-box .map-marker').first()).toBeVisible();
    const want = await markers(normal);
    await normal.close();
    await expect.poll(() => markers(page)).toEqual(want);
  } finally {
    broken.delete(slice);
  }
  expect(problems).toEqual([]);
});

test('a map whose data fails says so, with retry', async ({ page }) => {
  const problems = watch(page);
  broken.add('/data/places.json');
  try {
    await page.goto(base + '?view=map');
    const alert = page.locator('.large-map-error[role="alert"]');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('places.json');
    broken.delete('/data/places.json');
    await alert.locator('button[data-action="retry"]').click();
    await expect(page.locator('.map-box .map-marker').first()).toBeVisible();
  } finally {
    broken.delete('/data/places.json');
  }
  expect(problems).toEqual([]);
});

test.describe('accessibility in large mode', () => {
  // CSP is bypassed here only, to inject axe (as a11y.spec does for the full app).
  test.use({ bypassCSP: true });
  const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
  for (const [name, address, width, ready, before] of [
    ['filtered list with facets (ar, desktop)', '?place=marrakech&kind=event', 1280, 'fieldset.facet[data-facet="kind"] .facet-value', null],
    ['search, facet sheet open (en, phone)', '?lang=en&q=interpol', 390, 'fieldset.facet[data-facet="kind"] .facet-value', '.facets-toggle'],
    ['record page (fr, phone)', '?lang=fr&id=gc-marrakech-2022', 390, 'article.detail .detail-title', null],
    ['map with a query and a place (ar, phone)', '?view=map&q=interpol&place=glasgow', 390, '[data-state="large-map-events"]', null],
    ['timeline, a year open (en, desktop)', '?lang=en&view=timeline', 1280, 'li.tl-year li.tl-event[data-id]', 'li.tl-year:first-child summary'],
    ['statistics, a group open (ar, phone)', '?view=stats&q=interpol', 390, 'section.large-stats-group .bar-row', 'section.large-stats-group:first-of-type summary'],
    ['statistics, a group open (es, desktop)', '?lang=es&view=stats', 1280, 'section.large-stats-group tbody tr[data-id]', 'section.large-stats-group:first-of-type summary'],
  ] as const) {
    test(`no axe violations: ${name}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(base + address);
      if (before) await page.locator(before).click();
      await expect(page.locator(ready).first()).toBeVisible();
      await expect(page.locator('article.large-placeholder')).toHaveCount(0);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const res = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return res.violations.map(
          (v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
        );
      });
      expect(violations).toEqual([]);
    });
  }
});

test('the share menu embeds this view in large-catalog mode too', async ({ page }) => {
  await page.goto(base + '?q=' + encodeURIComponent('Glasgow'));
  await expect(page.locator('.cards article[data-id]').first()).toBeVisible();
  await page.locator('[data-menu="share"] summary').click();
  await page.locator('[data-embed="open"]').click();
  const code = page.locator('[data-embed="code"]');
  await expect(code).toBeVisible();
  await expect(code).toHaveValue(/<iframe[^>]+q=Glasgow/);
});
