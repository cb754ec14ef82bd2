// Measures, in Debian's Chromium on the release build, how long the app takes from an
// interaction to the updated view: a map marker click (filter by place), a facet checkbox,
// and a keystroke in the search field. Each is repeated; prints median and p95 in ms.
// Run: `cargo xtask build && node tests/bench/interactions.mjs [runs]`.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';

const runs = Number(process.argv[2] ?? 40);
const port = 4198;
const server = spawn('node', ['tests/serve-dist.mjs', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 400));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** In the page: click `sel`, wait until `done()` holds, return [to DOM, to next frame] ms. */
async function timeClick(page, sel, doneSrc) {
  return page.evaluate(async ([sel, doneSrc]) => {
    const done = new Function(doneSrc);
    const t0 = performance.now();
    document.querySelector(sel).click();
    while (!done()) await new Promise((r) => setTimeout(r, 0));
    const t1 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => r()));
    return [t1 - t0, performance.now() - t0];
  }, [sel, doneSrc]);
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms (n=${s.length})`;
};

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?view=map`);
  await page.waitForSelector('.map-marker[data-place="marrakech"]');
  const map = [[], []];
  for (let i = 0; i < runs; i++) {
    const on = i % 2 === 0;
    const [dom, frame] = await timeClick(page, '.map-marker[data-place="marrakech"]',
      `return document.querySelector('.map-marker[data-place="marrakech"]')?.getAttribute('aria-pressed') === '${on}'` +
      (on ? ` && !!document.querySelector('.map-events li')` : ''));
    map[0].push(dom); map[1].push(frame);
  }
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('article.card');
  const facet = [[], []];
  for (let i = 0; i < runs; i++) {
    const on = i % 2 === 0;
    const total = await page.locator('article.card').count();
    const [dom, frame] = await timeClick(page, 'fieldset[data-facet="place"] input',
      on ? `return document.querySelectorAll('article.card').length < ${total}` : `return document.querySelectorAll('article.card').length > ${total}`);
    facet[0].push(dom); facet[1].push(frame);
  }
  const keys = [[], []];
  const input = page.locator('input[name="q"]');
  for (let i = 0; i < runs; i++) {
    await input.fill('');
    await page.waitForFunction(() => document.querySelectorAll('article.card').length > 50);
    const [dom, frame] = await page.evaluate(async () => {
      const el = document.querySelector('input[name="q"]');
      const t0 = performance.now();
      el.value = 'طنج';
      el.dispatchEvent(new Event('input', { bubbles: true }));
      while (document.querySelectorAll('article.card').length > 20) await new Promise((r) => setTimeout(r, 0));
      const t1 = performance.now();
      await new Promise((r) => requestAnimationFrame(() => r()));
      return [t1 - t0, performance.now() - t0];
    });
    keys[0].push(dom); keys[1].push(frame);
  }
  console.log(`map marker click → view updated: ${stats(map[0])}; → next frame: ${stats(map[1])}`);
  console.log(`facet checkbox → cards updated:   ${stats(facet[0])}; → next frame: ${stats(facet[1])}`);
  console.log(`keystroke → results updated:      ${stats(keys[0])}; → next frame: ${stats(keys[1])}`);
} finally {
  await browser.close();
  server.kill();
}
