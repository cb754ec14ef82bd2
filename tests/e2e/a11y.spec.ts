// Accessibility: axe-core (npm) finds no violation on any view, in light and dark, Arabic
// and English. CSP is bypassed in this file only, to inject axe into the page.
import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';

const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

test.use({ bypassCSP: true, serviceWorkers: 'block' });
// Ten pages, each audited in full: more than the default 30 s on a loaded 2-core machine.
test.setTimeout(120_000);

const PAGES = [
  '',
  '?q=' + encodeURIComponent('مراكش'),
  '?q=zzzz',
  '?id=gc-marrakech-2022',
  '?id=gc-marrakech-2022-countries-alalam',
  '?view=map&place=marrakech',
  '?view=stats',
  '?view=timeline',
  '?lang=en&view=stats',
  '?embed=1&view=map',
];

for (const scheme of ['light', 'dark'] as const) {
  test(`no axe violations on any view (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const q of PAGES) {
      await page.goto('/' + q);
      await expect(page.locator('main#main')).not.toBeEmpty();
      await page.waitForTimeout(300);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const res = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return res.violations.map((v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations, `${scheme} ${q || '/'}`).toEqual([]);
    }
  });
}
