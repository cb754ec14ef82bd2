// What the browser benchmarks (bench/e2e.mjs, bench/large.mjs) share: content types, the
// Chromium they launch, the renderer's memory, quantiles and the machine line.
import { chromium } from 'playwright-core';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

/** Debian's Chromium, headless, one renderer process (so its memory is the tab's). */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--renderer-process-limit=1'],
  });
}

/** Resident memory (MB) of `browser`'s renderer processes (the tab's own memory, wasm
 * included): their pids from CDP, their resident set from /proc. The largest is the tab's. */
export async function rendererRssMb(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  let max = 0;
  for (const p of processInfo.filter((p) => p.type === 'renderer')) {
    try {
      const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
      const kb = Number((status.match(/VmRSS:\s+(\d+)/) ?? [])[1] ?? 0);
      max = Math.max(max, kb / 1024);
    } catch {}
  }
  return max;
}

/** The `p` quantile of `xs` by nearest rank (NaN when empty). */
export const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};

/** CPU, cores, Chromium and Node versions, for a results file's "machine". */
export function machine() {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? os.arch();
  const chromiumVersion = execSync('/usr/bin/chromium --version', { encoding: 'utf8' }).trim();
  return `${cpu}, ${os.cpus().length} cores; ${chromiumVersion}; node ${process.version}`;
}
