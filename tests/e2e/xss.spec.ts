// Bundle text is data, never markup: every text field of the bundle is set to script and
// markup payloads, and every view, the exports and the embed snippet must show them as inert
// text. The test fails if a dialog opens, a payload sets its window flag, an element from a
// payload reaches the DOM, a direction override reorders the interface around it, or a link
// is anything but a same-origin http(s) address (or an export download).
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test.use({ serviceWorkers: 'block' });
test.setTimeout(90_000);

const DIST = process.env.ATLAS_E2E_DIST ?? 'dist';
const GOOD = JSON.parse(readFileSync(join(DIST, 'data/bundle.json'), 'utf8'));

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=2;alert(2)</script>',
  'javascript:window.__xss=3//',
  '<svg onload="window.__xss=4;alert(4)"><circle r=9 /></svg>',
  '"><img src=x onerror=window.__xss=5>',
  '<a href="javascript:window.__xss=6" id=xss-link>x</a>',
  '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
  '<b id=xss-b>bold</b> {{7*7}} ${7*7}',
];
const RLO = '\u202Eevil';
const LRO = '\u202Devil';
const FORMULA = '=HYPERLINK("http://evil.example","x")';

/** The real bundle with a payload in front of every text (ids, dates and enums untouched). */
function hostileBundle() {
  const b = structuredClone(GOOD);
  let i = 0;
  const next = () => PAYLOADS[i++ % PAYLOADS.length];
  const text = (t: any, suffix = '') => {
    for (const k of ['ar', 'en', 'fr', 'es']) if (typeof t[k] === 'string') t[k] = `${next()} ${t[k]}${suffix}`;
    // One more step per text, so that four languages (a divisor of the eight payloads) do
    // not give each language the same two payloads forever: every payload reaches every one.
    i++;
  };
  const walk = (v: any) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    if ('ar' in v && 'en' in v && 'fr' in v) return text(v);
    for (const [k, x] of Object.entries(v)) {
      if (k === 'aliases' && Array.isArray(x)) v[k] = [...x, next(), LRO];
      else if (k === 'acronym' && typeof x === 'string') v[k] = next();
      else walk(x);
    }
  };
  walk(b);
  for (const d of b.disagreements) for (const c of d.claims ?? []) c.value = `${next()} ${c.value}`;
  // Every place name ends in an unclosed right-to-left override: the date printed after a
  // place ("place · date") must keep its order.
  for (const p of b.places) for (const k of ['ar', 'en', 'fr', 'es']) if (typeof p.name[k] === 'string') p.name[k] += ` ${RLO}`;
  for (const f of b.figures) f.label.ar = `${FORMULA} ${f.label.ar}`;
  return b;
}

const HOSTILE = hostileBundle();
const TANGIER_AR = HOSTILE.places.find((p: any) => p.id === 'tangier').name.ar as string;

async function useHostileBundle(page: Page) {
  await page.route('**/data/bundle.json', (route) => route.fulfill({ json: HOSTILE }));
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return dialogs;
}

/** Nothing from a payload became markup or ran; the payloads are on screen as text. */
async function expectInert(page: Page, where: string, mustShowText = true) {
  const found = await page.evaluate(() => {
    const w = window as any;
    const onAttrs = [...document.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')),
    );
    const scripts = [...document.scripts].filter((s) => /__xss/.test(s.textContent ?? ''));
    const text = document.body.innerText;
    return {
      flag: w.__xss ?? null,
      elements: document.querySelectorAll('img[src="x"], svg[onload], iframe, #xss-link, #xss-b, main b, main svg circle').length,
      onAttrs: onAttrs.map((e) => e.outerHTML.slice(0, 80)),
      scripts: scripts.length,
      jsLinks: document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i]').length,
      shown: ['<img src=x', '<script>', '<svg onload', '<iframe srcdoc', '<b id=xss-b>'].filter((p) => text.includes(p)),
      overrides: /[\u202A-\u202E\u2066-\u2069]/.test(document.body.textContent ?? ''),
    };
  });
  expect(found.flag, `${where}: a payload ran`).toBeNull();
  expect(found.elements, `${where}: payload elements in the DOM`).toBe(0);
  expect(found.onAttrs, `${where}: event-handler attributes`).toEqual([]);
  expect(found.scripts, `${where}: payload scripts`).toBe(0);
  expect(found.jsLinks, `${where}: javascript: links`).toBe(0);
  expect(found.overrides, `${where}: direction overrides reached the page`).toBe(false);
  if (mustShowText) expect(found.shown.length, `${where}: payload text is shown as text`).toBeGreaterThan(0);
}

/** Every link is a same-origin http(s) address, or a data: download; new tabs get noopener. */
async function expectSafeLinks(page: Page, where: string) {
  const links = await page.evaluate(() =>
    [...document.querySelectorAll('a[href]')].map((a) => {
      const el = a as HTMLAnchorElement;
      return { href: el.href, download: el.hasAttribute('download'), target: el.target, rel: el.rel };
    }),
  );
  expect(links.length).toBeGreaterThan(0);
  const origin = new URL(page.url()).origin;
  for (const l of links) {
    const u = new URL(l.href);
    if (u.protocol === 'data:') {
      expect(l.download, `${where}: data: link without download: ${l.href.slice(0, 60)}`).toBe(true);
      continue;
    }
    expect(['http:', 'https:'], `${where}: ${l.href}`).toContain(u.protocol);
    expect(u.origin, `${where}: ${l.href}`).toBe(origin);
    if (l.target === '_blank') {
      expect(l.rel.split(/\s+/), `${where}: ${l.href}`).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    }
  }
}

/** A year printed after a place name keeps its digits in order (no override leaks into it). */
async function yearsInOrder(page: Page) {
  return page.evaluate(() => {
    const bad: string[] = [];
    let checked = 0;
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const t = n.data;
      const at = t.indexOf('evil');
      if (at < 0) continue;
      const re = /\d{4}/g;
      re.lastIndex = at;
      const m = re.exec(t);
      if (!m) continue;
      const range = document.createRange();
      range.setStart(n, m.index);
      range.setEnd(n, m.index + 1);
      const first = range.getBoundingClientRect();
      range.setStart(n, m.index + 3);
      range.setEnd(n, m.index + 4);
      const last = range.getBoundingClientRect();
      if (!first.width || !last.width) continue;
      checked++;
      if (!(first.left < last.left)) bad.push(t.slice(0, 60));
    }
    return { checked, bad };
  });
}

const VIEWS: Array<[string, string]> = [
  ['list', '/'],
  ['search results', '/?q=' + encodeURIComponent('طنجة')],
  ['event detail', '/?id=gc-marrakech-2022'],
  ['place detail', '/?id=tangier'],
  ['source detail', `/?id=${GOOD.sources[0].id}`],
  ['person detail', `/?id=${GOOD.people[0].id}`],
  ['map with a place', '/?view=map&place=marrakech'],
  ['stats by measure', '/?view=stats'],
  ['stats by event', '/?view=stats&group=event'],
  ['timeline', '/?view=timeline'],
  ['embed', '/?embed=1&view=map'],
  ['English stats', '/?lang=en&view=stats'],
  ['French detail', '/?lang=fr&id=gc-marrakech-2022'],
  ['Spanish timeline', '/?lang=es&view=timeline'],
];

test('script and markup payloads in every text field render as inert text in every view', async ({ page }) => {
  const dialogs = await useHostileBundle(page);
  // The places (six: a list short enough to be rendered whole, not virtualised).
  await page.goto('/?kind=place');
  await expect(page.locator('article.card').first()).toBeVisible();
  // The exact text, markup characters and all (the override removed).
  await expect(page.locator('article.card[data-id="tangier"] .card-title')).toHaveText(TANGIER_AR.replace(/[\u202A-\u202E]/g, ''));
  for (const [name, url] of VIEWS) {
    await page.goto(url);
    await expect(page.locator('main#main')).not.toBeEmpty();
    await expect(page.locator('[data-state="error"]'), name).toHaveCount(0);
    await expect(page.locator('article.card, article.detail, .map-marker, .stats-table, .tl-event').first()).toBeVisible();
    await page.waitForTimeout(100);
    await expectInert(page, name);
    await expectSafeLinks(page, name);
  }
  expect(dialogs).toEqual([]);
});

test('a right-to-left override in a place name does not reorder the date after it', async ({ page }) => {
  await useHostileBundle(page);
  await page.goto('/?kind=event');
  await expect(page.locator('article.card').first()).toBeVisible();
  const { checked, bad } = await yearsInOrder(page);
  expect(checked).toBeGreaterThan(3);
  expect(bad).toEqual([]);
});

test('the CSV and JSON exports carry the payloads as quoted text', async ({ page }) => {
  const dialogs = await useHostileBundle(page);
  await page.goto('/?view=stats');
  await expect(page.locator('.stats-table').first()).toBeVisible();
  if ((await page.locator('[data-menu="share"][open]').count()) === 0) await page.locator('[data-menu="share"] summary').click();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="csv"]').click()]);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text).toContain('<img src=x onerror=""window.__xss=1;alert(1)"">'); // quoted, quotes doubled
  // Spreadsheet formulas are neutralised: the field starts with an apostrophe.
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")`);
  expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  if ((await page.locator('[data-menu="share"][open]').count()) === 0) await page.locator('[data-menu="share"] summary').click();
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="json"]').click()]);
  const rows = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.some((r: any) => JSON.stringify(r).includes('<script>window.__xss=2'))).toBe(true);
  // Opening the page after the downloads ran nothing either.
  await expectInert(page, 'stats after export');
  expect(dialogs).toEqual([]);
});

test('the embed snippet dialog shows the payload query as inert text and escapes it', async ({ page }) => {
  const dialogs = await useHostileBundle(page);
  const payload = '"><img src=x onerror=alert(9)><script>window.__xss=9</script>';
  await page.goto('/?view=stats&q=' + encodeURIComponent(payload));
  await expect(page.locator('main#main')).not.toBeEmpty();
  await page.locator('[data-menu="share"] summary').click();
  await page.locator('[data-embed="open"]').click();
  const code = page.locator('textarea[data-embed="code"]');
  await expect(code).toBeVisible();
  await expectInert(page, 'embed dialog', false);
  const snippet = await code.inputValue();
  // One style attribute, the snippet's own; it is taken out before parsing (parsing it in
  // this page would apply the page's CSP to it).
  const STYLE = 'style="width:100%;height:600px;border:0"';
  expect(snippet.split('style=').length - 1).toBe(1);
  expect(snippet).toContain(STYLE);
  // Parsed as the partner's page would: one iframe, one script, nothing from the payload.
  const parsed = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const frames = doc.querySelectorAll('iframe');
    return {
      iframes: frames.length,
      scripts: doc.querySelectorAll('script').length,
      imgs: doc.querySelectorAll('img').length,
      q: frames.length ? new URL(frames[0].getAttribute('src')!).searchParams.get('q') : null,
      attrs: frames.length ? frames[0].getAttributeNames().sort() : [],
    };
  }, snippet.replace(STYLE, ''));
  expect(parsed.iframes).toBe(1);
  expect(parsed.scripts).toBe(1);
  expect(parsed.imgs).toBe(0);
  expect(parsed.q).toBe(payload);
  expect(parsed.attrs).toEqual(['data-atlas-embed', 'loading', 'sandbox', 'src', 'title']);
  await page.locator('[data-embed="close"]').click();
  expect(dialogs).toEqual([]);
});
