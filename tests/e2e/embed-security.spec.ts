// Embedding in partner portals, the strict Content-Security-Policy, and no request ever
// leaving the app's origin.
import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** Records CSP violations (in every frame) and requests to other origins. */
async function guard(page: Page, baseURL: string) {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(baseURL) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return { foreign, violations };
}

test('the build carries a strict CSP, with no violation on any view', async ({ page, baseURL }) => {
  const g = await guard(page, baseURL!);
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).toContain("connect-src 'self'");
  await expect(page.locator('article.card').first()).toBeVisible();
  for (const q of [
    '?q=' + encodeURIComponent('مراكش'),
    '?id=gc-marrakech-2022',
    '?view=map&place=marrakech',
    '?view=stats&group=event',
    '?view=timeline',
    '?lang=fr&view=map',
    '?embed=1&view=map&theme=dark&accent=%23b04a00',
  ]) {
    await page.goto('/' + q);
    await expect(page.locator('main#main')).not.toBeEmpty();
    await page.waitForTimeout(150);
    expect(await page.evaluate(() => (window as any).__csp), q).toEqual([]);
  }
  // Interactions that create styles and downloads stay within the policy.
  await page.goto('/?view=map');
  await page.locator('.map-stage').focus();
  await page.keyboard.press('+');
  await page.goto('/?view=stats');
  await page.locator('[data-menu="share"] summary').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="csv"]').click()]);
  expect(dl.suggestedFilename()).toBe('atlas-figures.csv');
  expect(await page.evaluate(() => (window as any).__csp)).toEqual([]);
  expect(g.violations).toEqual([]);
  expect(g.foreign).toEqual([]);
});

test('?embed=1 hides the site header and keeps the view and filters', async ({ page }) => {
  await page.goto('/?embed=1&view=map&place=marrakech');
  await expect(page.locator('.map-marker[data-place="marrakech"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('header.site-header')).toHaveCount(0);
  await expect(page.locator('.site-footer')).toHaveCount(0);
  await expect(page.locator('aside.facets')).toHaveCount(0);
  const full = page.locator('.embed-bar a');
  await expect(full).toHaveAttribute('target', '_blank');
  expect(await full.getAttribute('href')).not.toContain('embed=1');
});

test('theme and accent parameters are validated before use', async ({ page }) => {
  await page.goto('/?embed=1&theme=dark&accent=%23B04A00');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The partner's colour, made readable on each theme's grounds: lightened on the dark one
  // (it has 2.3:1 there as it is), and the dark theme's in use.
  expect(await page.evaluate(() => document.documentElement.style.getPropertyValue('--partner-dark'))).toMatch(/^#[0-9a-f]{6}$/);
  const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
  expect(accent).toBe(await page.evaluate(() => document.documentElement.style.getPropertyValue('--partner-dark')));
  expect(accent).not.toBe('#b04a00');
  await page.goto('/?embed=1&theme=evil&accent=red;background:url(x)');
  await expect(page.locator('article.card').first()).toBeVisible();
  expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
  expect(await page.evaluate(() => document.documentElement.style.getPropertyValue('--partner-dark'))).toBe('');
  expect(await page.evaluate(() => document.documentElement.style.getPropertyValue('--partner-light'))).toBe('');
});

test('the embed dialog gives a sandboxed, titled iframe for the current view', async ({ page }) => {
  await page.goto('/?view=stats&place=tangier');
  await page.locator('[data-menu="share"] summary').click();
  await page.locator('[data-embed="open"]').click();
  const code = page.locator('textarea[data-embed="code"]');
  await expect(code).toBeVisible();
  const text = await code.inputValue();
  expect(text).toMatch(/<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?view=stats&amp;place=tangier&amp;embed=1"/);
  expect(text).toContain('title="أطلس"');
  expect(text).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-downloads"');
  // The listener is public/embed.js itself (its code, without the comment lines).
  const listener = readFileSync('public/embed.js', 'utf8').split('\n').filter((l) => l.trim() && !l.trim().startsWith('//')).join('\n');
  expect(listener).toContain('atlas:height');
  expect(text).toContain(`<script>\n${listener}\n</script>`);
  await page.locator('[data-embed="close"]').click();
  await expect(code).toBeHidden();
});

test("the embed dialog's copy button says whether it copied, and selects the code when not", async ({ browser, baseURL }) => {
  // A browser that copies: the code is on the clipboard, and the dialog says so.
  const granted = await browser.newContext({ baseURL, permissions: ['clipboard-read', 'clipboard-write'], serviceWorkers: 'block' });
  const page = await granted.newPage();
  await page.goto('/?lang=en&view=stats');
  await page.locator('[data-menu="share"] summary').click();
  await page.locator('[data-embed="open"]').click();
  const code = page.locator('textarea[data-embed="code"]');
  await expect(code).toBeVisible();
  await page.locator('.embed-dialog .dialog-actions .button').first().click();
  await expect(page.locator('.embed-dialog [role="status"]')).toHaveText('The code is copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());
  await granted.close();
  // A page without the clipboard (served without HTTPS): no error, the code selected, and
  // the dialog says to copy it.
  const plain = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const other = await plain.newPage();
  const errors: string[] = [];
  other.on('pageerror', (e) => errors.push(e.message));
  await other.addInitScript(() => {
    delete (Navigator.prototype as { clipboard?: unknown }).clipboard;
  });
  await other.goto('/?lang=en&view=stats');
  await other.locator('[data-menu="share"] summary').click();
  await other.locator('[data-embed="open"]').click();
  await other.locator('.embed-dialog .dialog-actions .button').first().click();
  await expect(other.locator('.embed-dialog [role="status"]')).toContainText('copy it yourself');
  const selected = await other.locator('textarea[data-embed="code"]').evaluate(
    (t: HTMLTextAreaElement) => t.selectionEnd - t.selectionStart === t.value.length && document.activeElement === t,
  );
  expect(selected).toBe(true);
  expect(errors).toEqual([]);
  await plain.close();
});

test('the partner example page resizes its iframes to their content', async ({ page, baseURL }) => {
  const g = await guard(page, baseURL!);
  await page.goto('/embed-example.html');
  const frame = page.locator('#atlas-map');
  await expect(frame).toBeVisible();
  // An iframe starts at 150px; the messages grow it to the content.
  await expect.poll(async () => (await frame.boundingBox())!.height, { timeout: 15_000 }).toBeGreaterThan(400);
  const inner = page.frameLocator('#atlas-map');
  await expect(inner.locator('.map-marker[data-place="marrakech"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(inner.locator('header.site-header')).toHaveCount(0);
  const stats = page.locator('#atlas-stats');
  await expect.poll(async () => (await stats.boundingBox())!.height, { timeout: 15_000 }).toBeGreaterThan(300);
  await expect(page.frameLocator('#atlas-stats').locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(g.foreign).toEqual([]);
});

test('an embedded frame takes its content height, and shrinks when the content does', async ({ page }) => {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto('/embed-example.html');
    const frame = page.locator('#atlas-stats');
    await frame.scrollIntoViewIfNeeded();
    const inner = page.frameLocator('#atlas-stats');
    await expect(inner.locator('.bar-row').first()).toBeVisible({ timeout: 15_000 });
    /** The frame's height and its content's (the bottom of the page's last part). */
    const heights = async () => {
      const outer = (await frame.boundingBox())!.height;
      const content = await inner.locator('body').evaluate((b) => b.getBoundingClientRect().height);
      return { outer, content };
    };
    // Settled: the frame is as tall as its content (its border aside), not taller.
    await expect.poll(async () => { const h = await heights(); return Math.abs(h.outer - 2 - h.content); }, { timeout: 10_000 }).toBeLessThan(4);
    const tangier = (await heights()).outer;
    await page.waitForTimeout(1000);
    expect((await heights()).outer, 'the frame keeps its height once settled').toBe(tangier);
    // Every record: taller; then the filter back: as short as before.
    await inner.locator('.active-filters a').last().click();
    await expect.poll(async () => (await heights()).outer, { timeout: 10_000 }).toBeGreaterThan(tangier + 200);
    // Back in the frame's history (the partner page itself stays).
    await (await (await frame.elementHandle())!.contentFrame())!.evaluate(() => history.back());
    await expect(inner.locator('.active-filters a')).not.toHaveCount(0);
    await expect.poll(async () => (await heights()).outer, { timeout: 10_000 }).toBeLessThan(tangier + 4);
  }
});

test('a bundle from an origin that is not allowed is refused with a clear message', async ({ page, baseURL }) => {
  const g = await guard(page, baseURL!);
  await page.goto('/?bundle=' + encodeURIComponent('https://evil.example/bundle.json'));
  const error = page.locator('[data-state="error"]');
  await expect(error).toBeVisible();
  await expect(error).toContainText('غير مسموح');
  expect(g.foreign).toEqual([]);
});

// Text on the accent (the current view's tab, a filter's count) has 4.5:1 in a theme forced
// against the system's, with or without a partner's accent.
for (const [system, theme] of [['light', 'dark'], ['dark', 'light']] as const) {
  test(`text on the accent is readable with ?theme=${theme} on a ${system} system`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: system, serviceWorkers: 'block' });
    const page = await context.newPage();
    for (const accent of ['', '&accent=%23b04a00']) {
      await page.goto(`/?lang=en&theme=${theme}${accent}`);
      const tab = page.locator('.view-switcher a[aria-current="page"]');
      await expect(tab).toBeVisible();
      const ratio = await tab.evaluate((el) => {
        const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = (c: number[]) =>
          c
            .map((v) => v / 255)
            .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
            .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
        const style = getComputedStyle(el);
        const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
      expect(ratio, `theme=${theme}${accent}`).toBeGreaterThanOrEqual(4.5);
    }
    await context.close();
  });
}
