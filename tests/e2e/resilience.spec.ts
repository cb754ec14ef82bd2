// Faults behind the page: the network failing while the service worker holds a saved copy,
// a damaged or missing cache entry, and storage denied (a third-party iframe with partitioned
// storage, and every storage API throwing). Each test serves its own copy of the build from a
// small in-process server whose bundle can be made to fail on demand.
import { test as base, expect, watch, appReady } from './fixtures';
import { sendFile } from '../mime.mjs';
import type { Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const DIST = process.env.ATLAS_E2E_DIST ?? 'dist';

type Mode = 'ok' | 'abort' | '404' | '500' | 'html' | 'truncated' | 'cut';

/** Serves the build; the bundle answers according to `mode`. */
async function faultServer() {
  let mode: Mode = 'ok';
  const bundle = readFileSync(join(DIST, 'data/bundle.json'));
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = normalize(decodeURIComponent(url.pathname));
    if (path === '/partner.html') {
      // A partner's page embedding the app given by ?src= (another origin).
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      const src = (url.searchParams.get('src') ?? '').replace(/[^\w:/.?=&%-]/g, '');
      return res.end(
        `<!doctype html><html lang="en"><title>Partner</title><h1>Partner portal</h1>` +
          `<iframe id="atlas" title="Atlas" src="${src}" style="width:1000px;height:700px"></iframe>`,
      );
    }
    if (path.endsWith('/data/bundle.json') && mode !== 'ok') {
      const half = bundle.subarray(0, bundle.length >> 1);
      switch (mode) {
        case 'abort':
          return req.socket.destroy();
        case '404':
        case '500':
          res.writeHead(Number(mode), { 'Content-Type': 'text/plain' });
          return res.end('failed');
        case 'html':
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          return res.end('<!doctype html><title>Sign in</title><h1>Sign in to the hotel Wi-Fi</h1>');
        case 'truncated':
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': half.length });
          return res.end(half);
        case 'cut':
          // Promises the whole body, sends half, then drops the connection.
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bundle.length });
          res.write(half);
          return setTimeout(() => req.socket.destroy(), 50);
      }
    }
    await sendFile(res, DIST, path);
  });
  // All interfaces: the tests reach it as 127.0.0.1 and, as a second origin, as localhost.
  await new Promise<void>((r) => server.listen(0, r));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}/`,
    port,
    set: (m: Mode) => (mode = m),
    close: () => new Promise((r) => server.close(r)),
  };
}

type FaultServer = Awaited<ReturnType<typeof faultServer>>;

/** `srv`: a fault server for the test, closed after it whatever the outcome. */
const test = base.extend<{ srv: FaultServer }>({
  // eslint-disable-next-line no-empty-pattern
  srv: async ({}, use) => {
    const srv = await faultServer();
    await use(srv);
    await srv.close();
  },
});

test.setTimeout(90_000);

/** Waits until the worker is active and controls the page (after one reload). */
async function controlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(page.locator('article.card').first()).toBeVisible();
  await appReady(page);
}

/** Runs `fn` on the worker's cache in the page: the bundle's and the files' keys. */
async function inCache(page: Page, action: 'garbage' | 'delete', match: string) {
  return page.evaluate(
    async ({ action, match }) => {
      const name = (await caches.keys()).find((k) => k.startsWith('atlas-'))!;
      const cache = await caches.open(name);
      const keys = (await cache.keys()).filter((r) => new URL(r.url).pathname.endsWith(match));
      for (const k of keys) {
        if (action === 'delete') await cache.delete(k);
        else
          await cache.put(
            k,
            new Response('garbage{{{', {
              headers: { 'content-type': k.url.endsWith('.wasm') ? 'application/wasm' : 'application/json', 'x-atlas-fetched-at': '2020-01-01T00:00:00Z' },
            }),
          );
      }
      return keys.length;
    },
    { action, match },
  );
}

test('with a saved copy, every bundle fault shows the saved data and says so', async ({ page, srv }) => {
  const problems = watch(page);
  await page.goto(srv.base);
  await controlled(page);
  await expect(page.locator('[data-state="saved-data"]')).toHaveCount(0);
  for (const mode of ['abort', '404', '500', 'html', 'truncated', 'cut'] as Mode[]) {
    srv.set(mode);
    await page.reload();
    await expect(page.locator('article.card').first(), mode).toBeVisible();
    const notice = page.locator('[data-state="saved-data"]');
    await expect(notice, mode).toBeVisible();
    await expect(notice).toContainText('نعرض البيانات المحفوظة');
    await expect(page.locator('[data-state="error"]')).toHaveCount(0);
  }
  // Back online: fresh data, no notice.
  srv.set('ok');
  await page.reload();
  await expect(page.locator('article.card').first()).toBeVisible();
  await expect(page.locator('[data-state="saved-data"]')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a damaged or missing saved bundle never leaves the page blank', async ({ page, srv }) => {
  const problems = watch(page);
  await page.goto(srv.base);
  await controlled(page);
  // Garbage in place of the saved bundle, network fine: the network's copy is shown.
  expect(await inCache(page, 'garbage', '/data/bundle.json')).toBe(1);
  await page.reload();
  await expect(page.locator('article.card').first()).toBeVisible();
  // The cards above are the landing view rendered at build time, there before the data: wait
  // for the app, whose data came through the worker after it saved the network's copy, so the
  // garbage below is not overwritten by that save.
  await appReady(page);
  await expect(page.locator('[data-state="saved-data"]')).toHaveCount(0);
  // Garbage again, network down: the damaged copy is refused; the error state says why.
  await inCache(page, 'garbage', '/data/bundle.json');
  srv.set('abort');
  await page.reload();
  const error = page.locator('[data-state="error"]');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-error', 'network');
  // Saved copy deleted, server error: the error state, and retry recovers.
  await inCache(page, 'delete', '/data/bundle.json');
  srv.set('500');
  await page.reload();
  await expect(error).toHaveAttribute('data-error', 'status');
  await expect(error.locator('[data-error="diagnosis"]')).toContainText('HTTP 500');
  srv.set('ok');
  await error.getByRole('button').click();
  await expect(page.locator('article.card').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('damaged or missing saved app files are fetched again', async ({ page, srv }) => {
  const problems = watch(page);
  await page.goto(srv.base);
  await controlled(page);
  expect(await inCache(page, 'garbage', '_bg.wasm')).toBe(1);
  expect(await inCache(page, 'garbage', '.js')).toBeGreaterThan(0);
  expect(await inCache(page, 'delete', 'index.html')).toBe(1);
  await page.reload();
  await expect(page.locator('article.card').first()).toBeVisible();
  await page.locator('input[name="q"]').fill('طنجة');
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
  expect(problems).toEqual([]);
});

test('a body cut off by a dropped connection, with no saved copy: the error state, retry recovers', async ({ page, srv }) => {
  const problems = watch(page);
  srv.set('cut');
  await page.goto(srv.base);
  const error = page.locator('[data-state="error"]');
  await expect(error).toBeVisible({ timeout: 15_000 });
  await expect(error.locator('[data-error="url"]')).toHaveText(`${srv.base}data/bundle.json`);
  await expect(error).toHaveAttribute('data-error', 'network');
  await expect(error.locator('[data-error="diagnosis"]')).toContainText('the request failed');
  srv.set('ok');
  await error.getByRole('button').click();
  await expect(page.locator('article.card').first()).toBeVisible();
  expect(problems).toEqual([]);
});

/** Makes every storage API throw, as a browser with storage blocked does. */
function denyStorage() {
  const deny = (obj: object, prop: string) =>
    Object.defineProperty(obj, prop, {
      configurable: true,
      get() {
        throw new DOMException(`${prop} is blocked`, 'SecurityError');
      },
    });
  deny(Navigator.prototype, 'serviceWorker');
  for (const p of ['localStorage', 'sessionStorage', 'indexedDB', 'caches']) deny(window, p);
  deny(Document.prototype, 'cookie');
}

test('with every storage API denied, the app renders and search works', async ({ page }) => {
  const problems = watch(page);
  await page.addInitScript(denyStorage);
  await page.goto('/');
  expect(await page.evaluate(() => { try { return !!navigator.serviceWorker; } catch { return 'throws'; } })).toBe('throws');
  await expect(page.locator('article.card').first()).toBeVisible();
  await page.locator('input[name="q"]').fill('طنجة');
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
  expect(problems).toEqual([]);
});

/** Opens the fault server's partner page (on localhost) embedding `app`. */
async function partnerPage(page: Page, srv: FaultServer, app: string) {
  await page.goto(`http://localhost:${srv.port}/partner.html?src=${encodeURIComponent(app)}`);
}

test('in a third-party iframe with storage partitioned and denied, the app renders and search works', async ({ page, baseURL, srv }) => {
  const problems = watch(page);
  await page.addInitScript(denyStorage);
  // The partner page is on localhost, the app on 127.0.0.1: two origins.
  await partnerPage(page, srv, `${new URL(baseURL!).origin}/?lang=en`);
  const frame = page.frameLocator('#atlas');
  await expect(frame.locator('article.card').first()).toBeVisible();
  await frame.locator('input[name="q"]').fill('Tangier');
  await expect(frame.locator('article.card[data-id="tangier"]')).toBeVisible();
  expect(problems).toEqual([]);
});

test('in a third-party iframe with storage partitioned (not denied), the embedded map works', async ({ page, baseURL, srv }) => {
  const problems = watch(page);
  await partnerPage(page, srv, `${new URL(baseURL!).origin}/?embed=1&view=map`);
  const frame = page.frameLocator('#atlas');
  const marker = frame.locator('.map-marker[data-place="marrakech"]');
  await expect(marker).toBeVisible();
  await marker.click();
  await expect(frame.locator('.map-events li').first()).toBeVisible();
  expect(problems).toEqual([]);
});
