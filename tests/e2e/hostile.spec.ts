// Hostile input and network faults: every malformed bundle (the corpus in
// tests/fixtures/bad-bundles/ plus cases generated here) and every way the bundle request can
// fail ends in a readable error state (which file, what is wrong) with a working retry button:
// never a panic, a blank page or a frozen tab.
import { test, expect, watch, appReady } from './fixtures';
import type { Page, Route } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const BUNDLE = '**/data/bundle.json';
const DIST = process.env.ATLAS_E2E_DIST ?? 'dist';
const GOOD = readFileSync(join(DIST, 'data/bundle.json'));

// The service worker would answer from its cache; these tests are about the page's own fetch
// (pwa and resilience specs cover the worker).
test.use({ serviceWorkers: 'block' });

/** Page errors, panics and failed wasm: any of them fails the test. */
/** The tab still runs script: an evaluate returns within the deadline. */
async function expectResponsive(page: Page, ms = 3_000) {
  const started = Date.now();
  const answer = await Promise.race([
    page.evaluate(() => 6 * 7),
    new Promise((r) => setTimeout(() => r('timeout'), ms)),
  ]);
  expect(answer, `page did not answer within ${ms} ms`).toBe(42);
  expect(Date.now() - started).toBeLessThan(ms);
}

type Expected = { kind?: string; message: RegExp; diagnosis: Array<string | RegExp> };

/** The error state: title, message, the bundle's address, the diagnosis, a retry button. */
async function expectErrorState(page: Page, e: Expected) {
  const error = page.locator('[data-state="error"]');
  await expect(error).toBeVisible({ timeout: 15_000 });
  if (e.kind) await expect(error).toHaveAttribute('data-error', e.kind);
  await expect(error.locator('h2')).toHaveText('تعذّر عرض البيانات');
  await expect(error.locator('.status-message')).toHaveText(e.message);
  const url = error.locator('[data-error="url"]');
  await expect(url).toBeVisible();
  await expect(url).toHaveText(new URL('data/bundle.json', page.url()).href);
  const diagnosis = error.locator('[data-error="diagnosis"]');
  await expect(diagnosis).toBeVisible();
  for (const s of e.diagnosis) await expect(diagnosis).toContainText(s);
  await expect(error.getByRole('button', { name: 'إعادة المحاولة' })).toBeVisible();
  // The rest of the page is there: not blank.
  await expect(page.locator('input[name="q"]')).toBeVisible();
  await expectResponsive(page);
}

/** Serves `failing` until retry is pressed, then the real bundle; the cards come back. */
async function runCase(page: Page, failing: (route: Route) => Promise<void>, e: Expected) {
  const problems = watch(page);
  let broken = true;
  await page.route(BUNDLE, (route) => (broken ? failing(route) : route.fulfill({ body: GOOD, contentType: 'application/json' })));
  await page.goto('/');
  await expectErrorState(page, e);
  broken = false;
  await page.locator('[data-state="error"]').getByRole('button').click();
  await expect(page.locator('article.card').first()).toBeVisible();
  await expect(page.locator('[data-state="error"]')).toHaveCount(0);
  expect(problems).toEqual([]);
}

const json = (body: string | Buffer) => (route: Route) =>
  route.fulfill({ status: 200, contentType: 'application/json', body });

const PARSE = /تالف أو ليس بالصيغة المنتظرة/;

// ---------------------------------------------------------------------------------------
// Malformed bundles generated here (the ones too big or too odd to keep as files).

function withFirstPlaceName(name: string): Buffer {
  const b = JSON.parse(GOOD.toString('utf8'));
  b.places[b.places.length - 1].name.ar = name;
  return Buffer.from(JSON.stringify(b));
}

const GENERATED: Array<[string, () => Buffer, Expected]> = [
  ['JSON null', () => Buffer.from('null'), { kind: 'parse', message: PARSE, diagnosis: [/null/] }],
  ['a JSON array', () => Buffer.from('[1,2,3]'), { kind: 'parse', message: PARSE, diagnosis: [/array|sequence/] }],
  [
    'the schema version as a string',
    () => Buffer.from(GOOD.toString('utf8').replace('"schema_version":1', '"schema_version":"1"')),
    { kind: 'parse', message: PARSE, diagnosis: [/invalid type/] },
  ],
];

for (const [what, make, expected] of GENERATED) {
  test(`hostile bundle: ${what} → ${expected.kind} error with retry`, async ({ page }) => {
    await runCase(page, json(make()), expected);
  });
}

test('hostile bundle: a name just under the length limit renders without freezing the tab', async ({ page }) => {
  // 90 000 bytes (the loader refuses texts over 100 000 bytes: see long-string.json).
  const problems = watch(page);
  await page.route(BUNDLE, json(withFirstPlaceName('م'.repeat(45_000))));
  await page.goto('/?view=map');
  await expect(page.locator('.map-marker').first()).toBeVisible({ timeout: 20_000 });
  await expectResponsive(page);
  await page.goto('/');
  await expect(page.locator('article.card').first()).toBeVisible({ timeout: 20_000 });
  await page.locator('input[name="q"]').fill('طنجة');
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible({ timeout: 20_000 });
  await expectResponsive(page);
  expect(problems).toEqual([]);
});

test('a bundle with a byte-order mark is read', async ({ page }) => {
  await page.route(BUNDLE, json(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), GOOD])));
  await page.goto('/');
  await expect(page.locator('article.card').first()).toBeVisible();
});

// ---------------------------------------------------------------------------------------
// The corpus of malformed bundles kept as files (tests/fixtures/bad-bundles/cases.json):
// each file, or the file a case's recipe generates (10 MiB strings, 100 000-deep nesting).

type Fill = { repeat: string; count: number };
type Case = {
  file: string;
  description?: string;
  expect: string[];
  generate?: { template: string; placeholder: string; fill: Fill[] };
};
const CORPUS = 'tests/fixtures/bad-bundles';
const CASES: Case[] = existsSync(join(CORPUS, 'cases.json'))
  ? JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')).cases
  : [];

function caseBody(c: Case): Buffer {
  if (!c.generate) return readFileSync(join(CORPUS, c.file));
  const template = readFileSync(join(CORPUS, c.generate.template), 'utf8');
  const fill = c.generate.fill.map((f) => f.repeat.repeat(f.count)).join('');
  const at = template.indexOf(c.generate.placeholder);
  expect(at, `${c.generate.template} has no ${c.generate.placeholder}`).toBeGreaterThanOrEqual(0);
  return Buffer.concat([
    Buffer.from(template.slice(0, at)),
    Buffer.from(fill),
    Buffer.from(template.slice(at + c.generate.placeholder.length)),
  ]);
}

test('the bad-bundle corpus is there', () => {
  expect(CASES.length).toBeGreaterThan(10);
});

for (const c of CASES) {
  test(`bad-bundle corpus: ${c.file} → its diagnosis, retry recovers`, async ({ page }) => {
    test.setTimeout(60_000);
    const body = caseBody(c);
    await runCase(page, json(body), { message: /.+/, diagnosis: c.expect });
  });
}

// ---------------------------------------------------------------------------------------
// Network faults.

const NETWORK: Array<[string, (route: Route) => Promise<void>, Expected]> = [
  ['the request is aborted', (r) => r.abort('failed'), { kind: 'network', message: /تحقّق من اتصالك/, diagnosis: ['request failed'] }],
  ['404', (r) => r.fulfill({ status: 404, body: 'not found' }), { kind: 'status', message: /غير موجود على الخادم/, diagnosis: ['HTTP 404'] }],
  ['500', (r) => r.fulfill({ status: 500, body: 'boom' }), { kind: 'status', message: /ردّ الخادم بخطأ/, diagnosis: ['HTTP 500'] }],
  [
    'an HTML page instead of JSON',
    (r) =>
      r.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><title>Sign in</title><h1 id="portal">Sign in</h1><img src=x onerror="window.__xss=1">',
      }),
    { kind: 'type', message: /صفحة ويب بدل ملف البيانات/, diagnosis: ['text/html'] },
  ],
];

for (const [what, failing, expected] of NETWORK) {
  test(`network fault: ${what} → clear state, retry recovers`, async ({ page }) => {
    await runCase(page, failing, expected);
    expect(await page.locator('#portal, img[src="x"]').count()).toBe(0);
  });
}

/** A route handler that holds the bundle until `release()` is called. */
function held(body: string | Buffer) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const handler = async (route: Route) => {
    await released;
    await route.fulfill({ body, contentType: 'application/json' });
  };
  return { handler, release };
}

test('network fault: a slow bundle shows the loading state, then the content', async ({ page }) => {
  const problems = watch(page);
  const bundle = held(GOOD);
  await page.route(BUNDLE, bundle.handler);
  // Any address but the landing one: the app mounts at once and says it is loading.
  await page.goto('/?view=cards');
  const loading = page.locator('[data-state="loading"]');
  await expect(loading).toBeVisible();
  await expect(loading).toContainText('جارٍ تحميل البيانات');
  await expect(loading).toHaveAttribute('aria-busy', 'true');
  await expectResponsive(page);
  // Still waiting: no card until the data arrives.
  await expect(page.locator('article.card')).toHaveCount(0);
  bundle.release();
  await expect(page.locator('article.card').first()).toBeVisible({ timeout: 15_000 });
  await expect(loading).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('network fault: with a slow bundle the landing page shows its cards, then the app takes over', async ({ page }) => {
  const problems = watch(page);
  const bundle = held(GOOD);
  await page.route(BUNDLE, bundle.handler);
  await page.goto('/');
  // The landing view rendered at build time stays readable while the data is on its way.
  await expect(page.locator('#boot[data-prerendered] article.card').first()).toBeVisible();
  await expectResponsive(page);
  await expect(page.locator('#boot')).toHaveCount(1);
  bundle.release();
  await appReady(page);
  await expect(page.locator('article.card').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('the error state reads in English too, left to right', async ({ page }) => {
  await page.route(BUNDLE, (r) => r.fulfill({ status: 404, body: 'nope' }));
  await page.goto('/?lang=en');
  const error = page.locator('[data-state="error"]');
  await expect(error.locator('h2')).toHaveText('The data could not be shown');
  await expect(error).toContainText('The data file is not on the server');
  await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});
