// Shared test fixture: every browser test fails if the page (or any frame) requests
// anything outside the app's origin or reports a Content-Security-Policy violation.
import { test as base, expect, type Page, type Route } from '@playwright/test';

export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page, baseURL }, use, testInfo) => {
      const problems: string[] = [];
      const origin = new URL(baseURL!).origin;
      page.on('request', (r) => {
        const url = r.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        // PWA tests serve their own copy of the build on another local port; embedding tests
        // use localhost as a second (partner) origin on this machine.
        const u = new URL(url);
        if (u.origin !== origin && !['127.0.0.1', 'localhost'].includes(u.hostname)) problems.push(`request to another origin: ${url}`);
      });
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
      });
      await use();
      expect(problems, `${testInfo.title}: requests outside the origin or CSP violations`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Resolves once the app has replaced the boot page (the landing view rendered at build time,
 * whose cards are in the page before the app is). */
export const appReady = (page: Page) => expect(page.locator('#boot')).toHaveCount(0, { timeout: 15_000 });

/** Holds the app's wasm requests (its chunks' too) until the returned function is called: the
 * landing view rendered at build time stays, as on a slow link. */
export async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/*.wasm', async (route: Route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** On the landing view rendered at build time (the app held back, on a phone-sized page):
 * scrolls down to its sixth card, below the first screen the app builds first, and gives that
 * card's id and the page's scroll position. */
export async function scrollToSixthLandingCard(page: Page): Promise<{ id: string | null; y: number }> {
  await expect(page.locator('#boot[data-prerendered="landing"]')).toHaveCount(1);
  const sixth = page.locator('#boot .cards article[data-id]').nth(5);
  const id = await sixth.getAttribute('data-id');
  await sixth.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => window.scrollY);
  expect(y).toBeGreaterThan(page.viewportSize()?.height ?? 0);
  return { id, y };
}

/**
 * Collects what must never happen on a page: uncaught exceptions and a wasm panic or trap in
 * the console; with `consoleErrors`, any console error too (off where a test provokes failed
 * requests on purpose, which the browser logs as errors). Assert the list is empty.
 */
export function watch(page: Page, { consoleErrors = false } = {}): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (/panicked|RuntimeError|unreachable/i.test(m.text()) || (consoleErrors && m.type() === 'error')) {
      problems.push(`console: ${m.text()}`);
    }
  });
  return problems;
}
