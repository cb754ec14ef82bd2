// Accessibility: axe-core (npm) finds no violation on any view — list, search results,
// detail, map (with and without a place selected), statistics by measure and by event,
// timeline, embed, the error state and the open embed dialog — in Arabic (RTL) and English
// (LTR), at phone and desktop widths, plus the main views in dark mode. CSP is bypassed in this
// file only, to inject axe into the page.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

test.use({ bypassCSP: true, serviceWorkers: 'block' });
// A dozen pages, each audited in full: more than the default 30 s on a loaded 2-core machine.
test.setTimeout(150_000);

async function audit(page: Page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const res = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map(
      (v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
    );
  });
}

type View = { name: string; url: string; ready: string; darkOnly?: boolean; before?: (page: Page) => Promise<void> };

const VIEWS: View[] = [
  { name: 'no results', url: 'q=zzzz', ready: '[data-state="empty"]', darkOnly: true },
  { name: 'figure detail', url: 'id=gc-marrakech-2022-countries-alalam', ready: 'article.detail', darkOnly: true },
  { name: 'list', url: '', ready: 'article.card' },
  { name: 'search results', url: 'q=' + encodeURIComponent('مراكش'), ready: 'article.card' },
  { name: 'event detail', url: 'id=gc-marrakech-2022', ready: 'article.detail' },
  { name: 'map', url: 'view=map', ready: '.map-marker' },
  { name: 'map with a place selected', url: 'view=map&place=marrakech', ready: '.map-events li' },
  { name: 'stats by measure', url: 'view=stats', ready: '.stats-table' },
  { name: 'stats by event', url: 'view=stats&group=event', ready: '.stats-table' },
  { name: 'timeline', url: 'view=timeline', ready: '.tl-event' },
  { name: 'embed', url: 'embed=1&view=map&place=marrakech', ready: '.map-marker' },
  {
    name: 'error state',
    url: '',
    ready: '[data-state="error"]',
    before: (page) => page.route('**/data/bundle.json', (r) => r.fulfill({ status: 500, body: 'down' })),
  },
  {
    name: 'embed dialog open',
    url: 'view=stats',
    ready: '.stats-table',
  },
  // The share menu open (with the downloads), and on a phone the filters sheet.
  { name: 'share menu open', url: 'view=stats', ready: '.stats-table' },
  { name: 'filters sheet open', url: 'place=marrakech', ready: 'article.card' },
];

const WIDTHS = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 800 } };

for (const lang of ['ar', 'en'] as const) {
  for (const [width, viewport] of Object.entries(WIDTHS)) {
    test(`no axe violations on any view (${lang}, ${width})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      const failures: string[] = [];
      for (const v of VIEWS.filter((v) => !v.darkOnly)) {
        await page.unrouteAll({ behavior: 'wait' });
        await v.before?.(page);
        const q = [lang === 'ar' ? '' : `lang=${lang}`, v.url].filter(Boolean).join('&');
        await page.goto('/' + (q ? `?${q}` : ''));
        await expect(page.locator(v.ready).first(), v.name).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        if (v.name === 'embed dialog open') {
          await page.locator('[data-menu="share"] summary').click();
          await page.locator('[data-embed="open"]').click();
          await expect(page.locator('textarea[data-embed="code"]')).toBeVisible();
        }
        if (v.name === 'share menu open') {
          await page.locator('[data-menu="share"] summary').click();
          await expect(page.locator('[data-export="csv"]')).toBeVisible();
        }
        if (v.name === 'filters sheet open' && width === 'phone') {
          await page.locator('.facets-toggle').click();
          await expect(page.locator('#facet-groups fieldset[data-facet="kind"]')).toBeVisible();
        }
        await page.waitForTimeout(200);
        const violations = await audit(page);
        if (violations.length) failures.push(`${v.name}: ${violations.join(' | ')}`);
      }
      expect(failures, `${lang} ${width}`).toEqual([]);
    });
  }
}

// Dark mode changes colours only: the views with the most kinds of colour are enough.
const DARK = ['list', 'no results', 'event detail', 'figure detail', 'map with a place selected', 'stats by measure', 'timeline', 'error state', 'embed dialog open'];

test('no axe violations in dark mode (ar, desktop)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const failures: string[] = [];
  for (const v of VIEWS.filter((v) => DARK.includes(v.name))) {
    await page.unrouteAll({ behavior: 'wait' });
    await v.before?.(page);
    await page.goto('/' + (v.url ? `?${v.url}` : ''));
    await expect(page.locator(v.ready).first(), v.name).toBeVisible();
    if (v.name === 'embed dialog open') {
      await page.locator('[data-menu="share"] summary').click();
      await page.locator('[data-embed="open"]').click();
    }
    await page.waitForTimeout(200);
    const violations = await audit(page);
    if (violations.length) failures.push(`${v.name}: ${violations.join(' | ')}`);
  }
  expect(failures).toEqual([]);
});
