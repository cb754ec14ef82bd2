// Interface languages: Arabic (default, RTL), English, French and Spanish (LTR).
import { test, expect } from './fixtures';
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
