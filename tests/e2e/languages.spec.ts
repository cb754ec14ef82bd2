// Interface languages: Arabic (default, RTL), English, French and Spanish (LTR).
import { test, expect } from './fixtures';

test('switching to French sets dir="ltr" and French text, back to Arabic sets dir="rtl"', async ({ page }) => {
  await page.goto('/?q=Glasgow');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('.lang-switcher a[data-lang="fr"]').click();
  await expect(page).toHaveURL(/lang=fr/);
  await expect(page).toHaveURL(/q=Glasgow/); // the view is kept
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('label[for="q"]')).toHaveText("Rechercher dans l'Atlas");
  await expect(page.locator('.view-switcher a[data-view="map"]')).toHaveText('Carte');
  // Content in French from the bundle.
  await expect(page.locator('article.card[data-id="glasgow"] .card-title')).toContainText('Glasgow');
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

test('content missing in the interface language falls back to Arabic, marked', async ({ page }) => {
  // Spanish summaries are optional: events have none, so they show in Arabic with a marker.
  await page.goto('/?lang=es&id=gc-marrakech-2022');
  const detail = page.locator('article.detail');
  await expect(detail.locator(':scope > .card-badges .badge.fallback')).toBeVisible();
  await expect(detail.locator('.detail-title')).toHaveAttribute('lang', 'ar');
  // Places have Spanish names: no marker.
  await page.goto('/?lang=es&id=tangier');
  await expect(page.locator('article.detail .detail-title')).toHaveAttribute('lang', 'es');
});

test('an unknown language falls back to Arabic', async ({ page }) => {
  await page.goto('/?lang=xx');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('article.card').first()).toBeVisible();
});
