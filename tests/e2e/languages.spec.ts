// Interface languages: Arabic (default, RTL), English, French and Spanish (LTR).
import { test, expect, appReady } from './fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = process.env.ATLAS_E2E_DIST ?? 'dist';

test('switching to French sets dir="ltr" and French text, back to Arabic sets dir="rtl"', async ({ page }) => {
  await page.goto('/?q=Glasgow');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('.lang-switcher summary').click();
  await page.locator('.lang-switcher a[data-lang="fr"]').click();
  await expect(page).toHaveURL(/lang=fr/);
  await expect(page).toHaveURL(/q=Glasgow/); // the view is kept
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('label[for="q"]')).toHaveText('Rechercher');
  await expect(page.locator('.view-switcher a[data-view="map"]')).toHaveText('Carte');
  // Content in French from the bundle: texts that differ between languages (the city's name
  // does not: Glasgow is Glasgow in all four).
  const place = page.locator('article.card[data-id="glasgow"] .card-summary');
  await expect(place).toHaveAttribute('lang', 'fr');
  await expect(place).toContainText('La ville écossaise de Glasgow a accueilli');
  const assembly = page.locator('article.card[data-id="interpol-ga-92-glasgow-2024"] .card-title');
  await expect(assembly).toHaveText("92e Assemblée générale d'INTERPOL, Glasgow");
  await page.locator('.lang-switcher summary').click();
  await page.locator('.lang-switcher a[data-lang="ar"]').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('label[for="q"]')).toHaveText('ابحث في الأطلس');
});

// The landing address (no query) is the page rendered at build time, which the app takes
// over: a language chosen there rebuilt the page under the old menu, whose handlers then
// read its disposed state. The panic stopped the app: a search answered nothing after it.
for (const how of ['mouse', 'keyboard']) {
  test(`a language chosen from the landing page by ${how} leaves a working app`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await appReady(page);
    const summary = page.locator('.lang-switcher summary');
    if (how === 'mouse') {
      await summary.click();
      await page.locator('.lang-switcher a[data-lang="en"]').click();
    } else {
      await summary.focus();
      await page.keyboard.press('Enter');
      await page.locator('.lang-switcher a[data-lang="en"]').focus();
      await page.keyboard.press('Enter');
    }
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('label[for="q"]')).toHaveText('Search the Atlas');
    // The app still answers: a search, then the menu again, back to Arabic.
    await page.locator('#q').fill('Glasgow');
    await expect(page.locator('article.card[data-id="interpol-ga-92-glasgow-2024"]')).toBeVisible();
    expect(await page.locator('article.card').count()).toBeLessThan(20);
    await summary.click();
    await page.locator('.lang-switcher a[data-lang="ar"]').click();
    await expect(page.locator('label[for="q"]')).toHaveText('ابحث في الأطلس');
    await expect(page).toHaveURL(/q=Glasgow/);
    expect(errors).toEqual([]);
  });
}

for (const [lang, label] of [['en', 'Search the Atlas'], ['es', 'Buscar en el Atlas']]) {
  test(`?lang=${lang} opens in that language, left to right`, async ({ page }) => {
    await page.goto(`/?lang=${lang}&view=stats`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.locator('label[for="q"]')).toHaveText(label);
    await expect(page.locator('.stats-table').first()).toBeVisible();
  });
}

test('every text of the shipped bundle is in Spanish: no fallback marker', async ({ page }) => {
  for (const id of ['gc-marrakech-2022', 'tangier', 'gc-annual-meeting-experts', 'mohamed-dkhissi']) {
    await page.goto(`/?lang=es&id=${id}`);
    const detail = page.locator('article.detail');
    await expect(detail.locator('.detail-title')).toHaveAttribute('lang', 'es');
    await expect(detail.locator('.badge.fallback')).toHaveCount(0);
  }
  await expect(page.locator('article.detail .detail-summary')).toContainText('Marruecos');
});

test.describe('a bundle without Spanish', () => {
  // The bundle is served by the test, not by the service worker.
  test.use({ serviceWorkers: 'block' });

  test('content missing in the interface language falls back to Arabic, marked', async ({ page }) => {
    // A bundle without Spanish still loads (only `atlas-bundle check` requires it): the
    // event's title and summary show in Arabic with a marker.
    const bundle = JSON.parse(readFileSync(join(DIST, 'data/bundle.json'), 'utf8'));
    const event = bundle.events.find((e: { id: string }) => e.id === 'gc-marrakech-2022');
    delete event.title.es;
    delete event.summary.es;
    await page.route('**/data/bundle.json', (route) => route.fulfill({ json: bundle }));
    await page.goto('/?lang=es&id=gc-marrakech-2022');
    const detail = page.locator('article.detail');
    await expect(detail.locator(':scope > .card-badges .badge.fallback')).toBeVisible();
    await expect(detail.locator('.detail-title')).toHaveAttribute('lang', 'ar');
    // Places keep their Spanish names: no marker.
    await page.goto('/?lang=es&id=tangier');
    await expect(page.locator('article.detail .detail-title')).toHaveAttribute('lang', 'es');
    await expect(page.locator('article.detail .badge.fallback')).toHaveCount(0);
  });
});

test('an unknown language falls back to Arabic', async ({ page }) => {
  await page.goto('/?lang=xx');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('article.card').first()).toBeVisible();
});

test('an Arabic visit fetches no other language; a language is fetched once chosen', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/i18n/')) asked.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await appReady(page);
  await page.locator('#q').fill('Glasgow');
  await expect(page.locator('article.card[data-id="glasgow"]')).toBeVisible();
  expect(asked).toEqual([]);
  await page.locator('.lang-switcher summary').click();
  await page.locator('.lang-switcher a[data-lang="es"]').click();
  await expect(page.locator('label[for="q"]')).toHaveText('Buscar en el Atlas');
  expect(asked).toEqual(['/i18n/es.json']);
});

test.describe('a language file that cannot be read', () => {
  test.use({ serviceWorkers: 'block' });

  test('opened in that language, the app starts in Arabic rather than not at all', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/i18n/en.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto('/?lang=en&q=Glasgow');
    await expect(page.locator('article.card[data-id="glasgow"]')).toBeVisible();
    await expect(page.locator('label[for="q"]')).toHaveText('ابحث في الأطلس');
    expect(errors).toEqual([]);
  });

  test('a file of another version is refused: the page stays in its language, and works', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const real = JSON.parse(readFileSync(join(DIST, 'i18n/fr.json'), 'utf8'));
    real[0] = '0123456789abcdef';
    await page.route('**/i18n/fr.json', (route) => route.fulfill({ json: real }));
    await page.goto('/?q=Glasgow');
    await appReady(page);
    await page.locator('.lang-switcher summary').click();
    await page.locator('.lang-switcher a[data-lang="fr"]').click();
    await expect(page).toHaveURL(/lang=fr/);
    await page.locator('#q').fill('Tanger');
    await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
    await expect(page.locator('label[for="q"]')).toHaveText('ابحث في الأطلس');
    expect(errors).toEqual([]);
  });
});
