// The release build's wasm split (xtask/src/split.rs): the landing view and search are in the
// main wasm, and every other view (map, statistics, timeline, record page, embed dialog) is a
// chunk under split/ fetched when it first opens, kept by the service worker once fetched.
import { test, expect, watch, appReady } from './fixtures';
import type { Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The chunks the page requests (file names under split/), in order. */
function chunks(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes('/split/')) seen.push(path.slice(path.lastIndexOf('/') + 1));
  });
  return seen;
}

/** Whether `seen` holds the chunk of the lazy function `name` (`split_<name>_<n>-<hash>.wasm`). */
const has = (seen: string[], name: string) => seen.some((f) => new RegExp(`^split_${name}[-_]`).test(f));

test('a first visit and a search fetch no chunk but the facet groups\'', async ({ page }) => {
  const seen = chunks(page);
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await expect(page.locator('article.card').first()).toBeVisible();
  await page.locator('input[name="q"]').fill('طنجة');
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
  // The share menu is there, its dialog is not (made on first opening).
  await expect(page.locator('[data-menu="share"]').first()).toBeAttached();
  await expect(page.locator('dialog.embed-dialog')).toHaveCount(0);
  await page.waitForTimeout(300);
  // The facet groups' code comes beside the first load (its own chunk, and the shared ones
  // it needs); no view's chunk does.
  expect(has(seen, 'group_view'), seen.join(', ')).toBe(true);
  expect(seen.filter((f) => /^split_/.test(f) && !/^split_group_view[-_]/.test(f)), seen.join(', ')).toEqual([]);
  expect(wasm.filter((p) => !p.startsWith('/split/'))).toHaveLength(1);
  expect(wasm[0]).toMatch(/^\/atlas-[0-9a-f]{16}_bg\.wasm$/);
});

test('a first visit asks for the data at once and for the wasm once the page has painted', async ({ page }) => {
  // xtask/src/split.rs `wasm_after_paint`: the wasm is not needed for the landing view's
  // first paint, and asked for before it, Lighthouse's simulated load counts it as needed.
  await page.goto('/');
  // The app in place: the wasm is in (a resource's timing entry is written once it has all
  // arrived).
  await appReady(page);
  const t = await page.evaluate(() => {
    const at = (re: RegExp) => performance.getEntriesByType('resource').find((e) => re.test(e.name))?.startTime ?? NaN;
    return {
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      wasm: at(/\/atlas-[0-9a-f]{16}_bg\.wasm$/),
      data: at(/\/data\/bundle\.json$/),
    };
  });
  expect(t.fcp, JSON.stringify(t)).toBeGreaterThan(0);
  expect(t.data, JSON.stringify(t)).toBeLessThan(t.fcp);
  // After the paint, or after the 1 s the page waits at most (a busy machine may paint later).
  expect(t.wasm >= t.fcp || t.wasm >= 1000, JSON.stringify(t)).toBe(true);
});

for (const v of [
  { name: 'map', url: '/?view=map', ready: '.map-marker[data-place="marrakech"]', chunk: 'map_view' },
  { name: 'stats', url: '/?view=stats', ready: '.stats-table', chunk: 'stats_view' },
  { name: 'timeline', url: '/?view=timeline', ready: '.tl-event[data-id="gc-2020-cancelled"]', chunk: 'timeline_view' },
  { name: 'record page', url: '/?id=gc-marrakech-2022', ready: 'article.detail[data-id="gc-marrakech-2022"] .detail-title', chunk: 'detail_view' },
]) {
  test(`the ${v.name} fetches its chunk and works`, async ({ page }) => {
    const seen = chunks(page);
    await page.goto(v.url);
    await expect(page.locator(v.ready).first()).toBeVisible();
    expect(has(seen, v.chunk), seen.join(', ')).toBe(true);
  });
}

test('switching views in the page loads each chunk once', async ({ page }) => {
  const seen = chunks(page);
  await page.goto('/');
  await expect(page.locator('article.card').first()).toBeVisible();
  await page.locator('.view-switcher a[data-view="stats"]').click();
  await expect(page.locator('.stats-table').first()).toBeVisible();
  expect(has(seen, 'stats_view')).toBe(true);
  expect(has(seen, 'map_view')).toBe(false);
  await page.locator('.view-switcher a[data-view="map"]').click();
  await expect(page.locator('.map-marker[data-place="marrakech"]')).toBeVisible();
  await page.locator('.view-switcher a[data-view="stats"]').click();
  await expect(page.locator('.stats-table').first()).toBeVisible();
  expect(seen.filter((f) => /^split_stats_view[-_]/.test(f))).toHaveLength(1);
  // The embed dialog is a chunk too, fetched on its first opening, and opens at once.
  expect(has(seen, 'embed_dialog_view')).toBe(false);
  await page.locator('[data-menu="share"] summary').click();
  await page.locator('[data-embed="open"]').click();
  await expect(page.locator('textarea[data-embed="code"]')).toBeVisible();
  expect(has(seen, 'embed_dialog_view')).toBe(true);
});

test.describe('a chunk on its way or lost', () => {
  // The page's own requests, not the worker's (which would fetch the chunks for it).
  test.use({ serviceWorkers: 'block' });

  test('a slow chunk shows a placeholder, then the view', async ({ page }) => {
    const problems = watch(page);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/split/**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    await expect(page.locator('article.card').first()).toBeVisible();
    await page.locator('.view-switcher a[data-view="stats"]').click();
    const waiting = page.locator('[data-state="late-view"]');
    await expect(waiting).toBeVisible();
    await expect(waiting).toHaveAttribute('aria-busy', 'true');
    release();
    await expect(page.locator('.stats-table').first()).toBeVisible();
    await expect(waiting).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('a view link of the landing view followed while the app is built shows that view at once', async ({ page }) => {
    // The router takes the landing view's links as soon as it is mounted, out of the page; the
    // takeover then waits for no chunk of a view the reader has left (src/takeover.rs).
    const problems = watch(page);
    await page.route('**/split/**', () => {}); // never answered
    await page.addInitScript(() => {
      new PerformanceObserver((list) => {
        if (list.getEntries().some((e) => e.name === 'atlas:part-1')) {
          (document.querySelector('#boot a[data-view="stats"]') as HTMLElement | null)?.click();
        }
      }).observe({ type: 'mark' });
    });
    await page.goto('/');
    await expect(page).toHaveURL(/[?&]view=stats/);
    // Well within the 10 s the takeover waits for the landing address's own late view.
    await expect(page.locator('[data-state="late-view"]')).toBeVisible({ timeout: 3_000 });
    await appReady(page);
    expect(problems).toEqual([]);
  });

  test('a chunk that fails says so, the rest works, and retry loads it', async ({ page }) => {
    const problems = watch(page);
    let fail = true;
    await page.route('**/split/**', (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
    await page.goto('/?view=timeline');
    const failed = page.locator('.view-content [data-state="late-view-failed"]');
    await expect(failed).toBeVisible();
    await expect(failed).toHaveAttribute('role', 'alert');
    await expect(failed.locator('h2')).not.toBeEmpty();
    // The app is alive: the search and the cards still answer.
    await page.locator('.view-switcher a[data-view="cards"]').click();
    await page.locator('input[name="q"]').fill('طنجة');
    await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
    await page.locator('.view-switcher a[data-view="timeline"]').click();
    await expect(failed).toBeVisible();
    fail = false;
    await failed.locator('button[data-action="retry"]').click();
    await expect(page.locator('.tl-event').first()).toBeVisible();
    await expect(failed).toHaveCount(0);
    // The facet groups' chunk failed too: the panel says so, and its retry brings them.
    const panelFailed = page.locator('.facet-groups [data-state="late-view-failed"]');
    await expect(panelFailed).toBeVisible();
    await expect(page.locator('.facet-groups fieldset.facet')).toHaveCount(0);
    await panelFailed.locator('button[data-action="retry"]').click();
    await expect(page.locator('.facet-groups fieldset.facet[data-facet="place"]')).toBeVisible();
    await expect(panelFailed).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});

test('on a phone, filters opened while their chunk has failed come with the retry', async ({ page }) => {
  const problems = watch(page);
  await page.setViewportSize({ width: 390, height: 844 });
  let fail = true;
  await page.route('**/split/**', (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/');
  await appReady(page);
  await page.locator('.facets-toggle').click();
  const panelFailed = page.locator('.facet-groups [data-state="late-view-failed"]');
  await expect(panelFailed).toBeVisible();
  await expect(page.locator('.facet-groups fieldset.facet')).toHaveCount(0);
  fail = false;
  await panelFailed.locator('button[data-action="retry"]').click();
  await expect(page.locator('.facet-groups fieldset.facet[data-facet="place"]')).toBeVisible();
  await expect(page.locator('.facet-groups fieldset.facet-year')).toBeVisible();
  await expect(panelFailed).toHaveCount(0);
  expect(problems).toEqual([]);
});

test.describe('offline', () => {
  test.setTimeout(90_000);
  let server: ChildProcess | undefined;
  let dir = '';
  test.afterEach(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('after one visit every view opens offline, none of them opened before', async ({ page, context }) => {
    // Its own copy of the build on its own port (a fresh origin: no worker or cache from
    // another test), as in pwa.spec.ts.
    dir = mkdtempSync(join(tmpdir(), 'atlas-split-'));
    cpSync(process.env.ATLAS_E2E_DIST ?? 'dist', dir, { recursive: true });
    const port = 4800 + Math.floor(Math.random() * 150);
    server = spawn('node', ['tests/serve-dist.mjs', String(port), dir], { stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 50; i++) {
      try {
        if ((await fetch(base)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.goto(base);
    await expect(page.locator('article.card').first()).toBeVisible();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The page fetched no chunk; the worker, once installed, saved every one of them.
    const cached = () =>
      page.evaluate(async () => {
        const out: string[] = [];
        for (const k of await caches.keys()) {
          for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname);
        }
        return out;
      });
    const chunkFiles = readdirSync(join(dir, 'split')).filter((f) => f.endsWith('.wasm'));
    expect(chunkFiles.length).toBeGreaterThan(4);
    const saved = (await cached()).filter((p) => p.includes('/split/'));
    for (const f of chunkFiles) expect(saved, f).toContain(`/split/${f}`);
    await context.setOffline(true);
    await page.goto(`${base}?view=timeline`);
    await expect(page.locator('.tl-event[data-id="gc-2020-cancelled"]')).toBeVisible();
    await page.goto(`${base}?view=stats`);
    await expect(page.locator('.stats-table').first()).toBeVisible();
    await page.goto(`${base}?id=gc-marrakech-2022`);
    await expect(page.locator('article.detail[data-id="gc-marrakech-2022"] .detail-title')).not.toBeEmpty();
    await context.setOffline(false);
  });
});
