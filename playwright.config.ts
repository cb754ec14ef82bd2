// Browser tests for the Atlas: the release build in dist/ (from `trunk build --release`) served
// by tests/serve-dist.mjs and driven in Debian's Chromium (/usr/bin/chromium). Playwright never
// downloads a browser here: `cargo xtask setup --browser` installs Chromium with apt-get.
//
// Run via `cargo xtask test` (builds dist/ first), or `npx playwright test` after `cargo xtask build`.
import { defineConfig } from '@playwright/test';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= '1';

// 4173 unless ATLAS_E2E_PORT says otherwise (lets two checkouts run their tests side by side).
const PORT = Number(process.env.ATLAS_E2E_PORT ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}/`;
// The build to serve: dist/ unless ATLAS_E2E_DIST names another (a private build, so two
// engineers' builds never fight over dist/). The PWA tests copy the same directory.
const DIST = (process.env.ATLAS_E2E_DIST ??= 'dist');

export default defineConfig({
  testDir: 'tests/e2e',
  // Traces and screenshots of failures; ATLAS_E2E_OUTPUT keeps concurrent runs apart.
  outputDir: process.env.ATLAS_E2E_OUTPUT ?? 'test-results',
  workers: 2,
  retries: 0,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  webServer: {
    command: `node tests/serve-dist.mjs ${PORT} ${DIST}`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless=new',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
