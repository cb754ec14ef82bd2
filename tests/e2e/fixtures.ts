// Shared test fixture: every browser test fails if the page (or any frame) requests
// anything outside the app's origin or reports a Content-Security-Policy violation.
import { test as base, expect, type Page } from '@playwright/test';

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
