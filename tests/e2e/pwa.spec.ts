// The installable offline app: manifest, service worker, offline use, update banner.
// Each test serves its own copy of dist/ (a new origin per test, so workers and caches never
// leak between tests, and the update test can change the build under a running page).
import { test, expect, appReady } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test.describe.configure({ mode: 'serial' });
// Installing a worker fetches the whole build; give it room on a loaded 2-core machine.
test.setTimeout(90_000);

let port = 4300 + Math.floor(Math.random() * 500);
let server: ChildProcess | undefined;
let dir = '';

async function serveCopy(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'atlas-pwa-'));
  cpSync(process.env.ATLAS_E2E_DIST ?? 'dist', dir, { recursive: true });
  port += 1;
  server = spawn('node', ['tests/serve-dist.mjs', String(port), dir], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(base)).ok) return base;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

test.afterEach(() => {
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Offline for real: the page's context is set offline and the server is stopped, so that
 * nothing answers the service worker either (Playwright's offline mode does not reach a
 * worker's own requests in every Chromium: with Debian's Chromium 148 the worker's network
 * fetch of the data still succeeded and the page never showed it was offline). */
async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  const running = server;
  if (running && running.exitCode === null && running.signalCode === null) {
    const exited = new Promise((r) => running.once('exit', r));
    running.kill();
    await exited;
  }
}

/** The fonts the renderer drew the first `selector`'s text with (Chromium's own answer). */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f: { familyName: string }) => f.familyName);
}

async function workerReady(page: Page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.scriptURL ?? '';
  });
}

test('install criteria: a valid manifest with icons and an active service worker', async ({ page }) => {
  const base = await serveCopy();
  await page.goto(base);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const res = await page.request.get(new URL(href!, base).href);
  expect(res.ok()).toBe(true);
  const m = await res.json();
  expect(m.name).toMatch(/أطلس/);
  expect(m.lang).toBe('ar');
  expect(m.dir).toBe('rtl');
  expect(m.display).toBe('standalone');
  expect(m.start_url).toBe('./');
  expect(m.scope).toBe('./');
  expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = m.icons.map((i: any) => `${i.sizes}:${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
  for (const icon of m.icons) {
    const r = await page.request.get(new URL(icon.src, base).href);
    expect(r.ok(), icon.src).toBe(true);
    expect(r.headers()['content-type']).toBe(icon.type);
  }
  expect(await workerReady(page)).toBe(`${base}sw.js`);
});

test('after one visit the app works offline, and says it shows saved data', async ({ page, context }) => {
  const base = await serveCopy();
  await page.goto(base);
  await expect(page.locator('article.card').first()).toBeVisible();
  await workerReady(page);
  await goOffline(context);
  await page.reload();
  await expect(page.locator('article.card').first()).toBeVisible();
  await expect(page.locator('[data-state="saved-data"]')).toBeVisible();
  // The worker saved the self-hosted fonts when it installed: this visit loads every face
  // offline, and draws its text with them (what the renderer used, not only what loaded).
  await expect(page.locator('html')).toHaveAttribute('data-fonts', '');
  const faces = () =>
    page.evaluate(async () => {
      const family = '"IBM Plex Sans Arabic"';
      await Promise.all([
        document.fonts.load(`400 16px ${family}`, 'a ب'),
        document.fonts.load(`600 16px ${family}`, 'ب'),
      ]);
      return [...document.fonts].filter((f) => f.family.includes('Plex')).map((f) => f.status);
    });
  expect(await faces()).toEqual(['loaded', 'loaded', 'loaded']);
  // font-display: optional gives a face ~100 ms; on a loaded CI machine the worker's answer
  // can miss it, and that page keeps the system font (by design: text never changes font).
  // One more offline load must then draw with the saved faces.
  let fonts = await renderedFonts(page, 'article.card p');
  if (!fonts.every((f) => f === 'IBM Plex Sans Arabic')) {
    await page.reload();
    await expect(page.locator('article.card').first()).toBeVisible();
    fonts = await renderedFonts(page, 'article.card p');
  }
  expect(fonts).toEqual(['IBM Plex Sans Arabic']);
  await page.locator('input[name="q"]').fill('طنجة');
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
  // The other views work offline too.
  await page.goto(`${base}?view=map`);
  await expect(page.locator('.map-marker[data-place="glasgow"]')).toBeVisible();
  await page.goto(`${base}?view=stats`);
  await expect(page.locator('.stats-table').first()).toBeVisible();
  // And every language, though none was used online: the worker saved their text at install.
  await page.goto(`${base}?lang=fr&q=Glasgow`);
  await expect(page.locator('label[for="q"]')).toHaveText('Rechercher');
  await page.locator('.lang-switcher summary').click();
  await page.locator('.lang-switcher a[data-lang="es"]').click();
  await expect(page.locator('label[for="q"]')).toHaveText('Buscar en el Atlas');
  await context.setOffline(false);
});

test('a page the worker serves asks for the wasm at once, before its first paint', async ({ page }) => {
  // A first visit waits for the page's first paint (split.spec.ts); from the worker's cache
  // there is no download to keep out of that paint's way.
  const base = await serveCopy();
  await page.goto(base);
  await expect(page.locator('article.card').first()).toBeVisible();
  await workerReady(page);
  await page.reload();
  // The app in place: the wasm is in (its timing entry is written once it has all arrived).
  await appReady(page);
  const t = await page.evaluate(() => ({
    controlled: !!navigator.serviceWorker.controller,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    wasm: performance.getEntriesByType('resource').find((e) => /_bg\.wasm$/.test(e.name))?.startTime ?? NaN,
  }));
  expect(t.controlled).toBe(true);
  expect(t.wasm, JSON.stringify(t)).toBeLessThan(t.fcp);
});

test('a split catalogue: what was seen opens offline', async ({ page, context }) => {
  const base = await serveCopy();
  // The shipped data split (large mode), in place of data/ of this copy, as large.spec does.
  rmSync(join(dir, 'data/bundle.json'));
  const bin = process.env.ATLAS_BUNDLE_BIN;
  const [exe, pre] = bin && existsSync(bin) ? [bin, []] : ['cargo', ['run', '-q', '-p', 'atlas-bundle', '--']];
  execFileSync(exe, [...pre, 'split', 'public/data/bundle.json', '-o', join(dir, 'data'), '--fragment-size', '5'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  renameSync(join(dir, 'data/manifest.json'), join(dir, 'data/bundle.json'));
  await page.goto(base);
  await expect(page.locator('[data-mode="large"] article.card[data-id]').first()).toBeVisible();
  await workerReady(page);
  // The worker controls the page from its next load on: what that visit fetches is kept.
  await page.reload();
  await expect(page.locator('[data-mode="large"] article.card[data-id]').first()).toBeVisible();
  const q = 'طنجة';
  await page.locator('input[name="q"]').fill(q);
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
  const total = await page.locator('ul.cards').getAttribute('data-total');
  await page.goto(`${base}?id=gc-marrakech-2022`);
  await expect(page.locator('article.detail[data-id="gc-marrakech-2022"] .detail-title')).not.toBeEmpty();
  await goOffline(context);
  try {
    await page.goto(`${base}?q=${encodeURIComponent(q)}`);
    await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
    await expect(page.locator('ul.cards')).toHaveAttribute('data-total', total!);
    await page.goto(`${base}?id=gc-marrakech-2022`);
    await expect(page.locator('article.detail[data-id="gc-marrakech-2022"] .detail-title')).not.toBeEmpty();
  } finally {
    await context.setOffline(false);
  }
});

test('a new build shows the update banner, and reload switches to it', async ({ page }) => {
  const base = await serveCopy();
  await page.goto(base);
  await expect(page.locator('article.card').first()).toBeVisible();
  await workerReady(page);
  await expect(page.locator('[data-state="update-available"]')).toHaveCount(0);
  // Deploy a "new build": same files, new worker version. Its content-hashed files (the
  // wasm, its JS, the CSS, every chunk) are the ones the first worker saved: the new worker
  // takes them from there, so they are removed from the server to prove it fetches none.
  const hashed = (names: string[]) => names.filter((f) => /-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$/.test(f));
  const gone = [...hashed(readdirSync(dir)), ...hashed(readdirSync(join(dir, 'split'))).map((f) => `split/${f}`)];
  expect(gone.filter((f) => f.startsWith('split/')).length).toBeGreaterThan(4);
  for (const f of gone) rmSync(join(dir, f));
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  writeFileSync(join(dir, 'sw.js'), sw.replace(/const VERSION ?= ?"([0-9a-f]+)"/, 'const VERSION="$1-next"'));
  await page.reload();
  const banner = page.locator('[data-state="update-available"]');
  // The new worker installs in the background. If it finished installing before the page
  // subscribed to its state change, the page learns of it on its next load (a known race
  // in use_service_worker); so allow one more reload, as a returning reader would.
  // On a loaded machine installing can take a while: up to two more reloads.
  for (let attempt = 0; ; attempt++) {
    try {
      await expect(banner).toBeVisible({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 2) throw e;
      await page.reload();
    }
  }
  // The running page was not swapped: it reloads only when asked.
  await Promise.all([page.waitForEvent('load'), banner.getByRole('button').click()]);
  await expect(page.locator('article.card').first()).toBeVisible();
  const version = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return (await (await fetch(reg.active!.scriptURL)).text()).match(/const VERSION ?= ?"([^"]+)"/)?.[1];
  });
  expect(version).toMatch(/-next$/);
  const saved = await page.evaluate(async () => {
    const out: string[] = [];
    for (const k of await caches.keys()) {
      for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname.slice(1));
    }
    return out;
  });
  for (const f of gone) expect(saved, f).toContain(f);
  // The new version's page runs from those saved files.
  await page.goto(`${base}?view=stats`);
  await expect(page.locator('.stats-table').first()).toBeVisible();
  await expect(page.locator('[data-state="update-available"]')).toHaveCount(0);
});

test('other pages of the site are not replaced by the app when a worker is active', async ({ page }) => {
  const base = await serveCopy();
  await page.goto(base);
  await workerReady(page);
  await page.goto(`${base}embed-example.html`);
  await expect(page.locator('#atlas-map')).toBeVisible();
});
