// Takes screenshots of the built app (dist/ served by tests/serve-dist.mjs) at phone and
// desktop widths, for a person to look at: `node tests/screenshots.mjs [out-dir]`.
// Pages: the home cards, a search, a detail view, the empty and error states, dark mode.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const out = process.argv[2] ?? 'tests/.artifacts/screenshots';
mkdirSync(out, { recursive: true });
const port = 4199;
const server = spawn('node', ['tests/serve-dist.mjs', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const base = `http://127.0.0.1:${port}/`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const pages = [
  ['home', '', 'article.card'],
  ['search', '?q=' + encodeURIComponent('مراكش'), 'article.card'],
  ['latin', '?q=Glasgow', 'article.card'],
  ['detail', '?id=gc-marrakech-2022', 'article.detail'],
  ['figure', '?id=gc-marrakech-2022-countries-alalam', 'article.detail'],
  ['empty', '?q=' + encodeURIComponent('زرافة'), '[data-state="empty"]'],
  ['facets', '?place=marrakech&place=tangier&kind=event', 'article.card'],
  ['stats', '?view=stats', '.stats-table'],
  ['stats-event', '?view=stats&group=event&place=marrakech', '.stats-table'],
  ['timeline', '?view=timeline', '.tl-event'],
  ['map', '?view=map', '.map-marker'],
  ['map-selected', '?view=map&place=marrakech', '.map-events'],
  ['en-home', '?lang=en', 'article.card'],
  ['fr-stats', '?lang=fr&view=stats', '.stats-table'],
  ['es-map', '?lang=es&view=map', '.map-marker'],
  ['en-timeline', '?lang=en&view=timeline', '.tl-event'],
  ['es-home', '?lang=es', 'article.card'],
  ['es-stats', '?lang=es&view=stats', '.bar-row'],
  ['es-timeline', '?lang=es&view=timeline', '.tl-event'],
  ['embed-example', 'embed-example.html', '#atlas-stats'],
  ['embed-map', '?embed=1&view=map&place=marrakech', '.map-marker'],
];
try {
  for (const [width, height] of [[375, 812], [1280, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      const page = await ctx.newPage();
      for (const [name, query, ready] of pages) {
        if (scheme === 'dark' && !['home', 'detail'].includes(name)) continue;
        await page.goto(base + query);
        await page.waitForSelector(ready);
        // The app itself, not the landing view rendered at build time (which has the same
        // cards, and an empty facet column until the app fills it).
        await page.waitForSelector('#boot', { state: 'detached' });
        // The facet groups are built after the cards, one per task.
        await page.waitForFunction(() => !document.querySelector('.facet-groups[aria-busy="true"]'));
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: `${out}/${name}-${width}-${scheme}.png`, fullPage: false });
      }
      if (scheme === 'light') {
        // A fresh context without the service worker, so the broken bundle reaches the page.
        const errCtx = await browser.newContext({ viewport: { width, height }, serviceWorkers: 'block' });
        const errPage = await errCtx.newPage();
        await errPage.route('**/data/bundle.json', (r) => r.fulfill({ status: 200, body: '{oops' }));
        await errPage.goto(base);
        await errPage.waitForSelector('[data-state="error"]');
        await errPage.screenshot({ path: `${out}/error-${width}-light.png` });
        await errCtx.close();
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(`screenshots in ${out}`);
