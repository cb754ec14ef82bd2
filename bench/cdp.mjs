// Debian's Chromium driven over the DevTools protocol directly, without Playwright, for
// memory readings as a reader's browser holds them.
//
// Playwright enables the protocol's Network domain on every page it drives, and with it
// Chromium's renderer keeps a copy of every response body for DevTools (up to 100 MB by
// default). Measured on the 100k split after bench/large.mjs's ten queries: the renderer's
// resident memory was 40–45 MB higher with the domain on than off, everything else equal.
// A reader's browser has no DevTools attached, so memory budgets are read from a browser
// driven through this module, which never enables that domain: pages are driven with the
// Page, Runtime, Input and HeapProfiler domains only.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Launches Chromium (one renderer process, as `launchChromium` in common.mjs) and opens a
 * page of `width`×`height`. Resolves to a small driver; `close()` ends the browser. */
export async function rawChromium({ width = 1280, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'atlas-cdp-'));
  const proc = spawn('/usr/bin/chromium', [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--renderer-process-limit=1', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
    // As Playwright launches it (its chromiumSwitches), so that only the network agent
    // differs: no back-forward cache (a navigation would keep the page it leaves alive in
    // the same renderer), no background throttling, no field trials.
    '--disable-back-forward-cache', '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding',
    '--disable-field-trial-config', '--disable-dev-shm-usage', '--disable-extensions',
    '--disable-features=PaintHolding,OptimizationHints,MediaRouter',
    'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 30_000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const ws = new WebSocket(endpoint, { perMessageDeflate: false });
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  let next = 0;
  const pending = new Map();
  // Uncaught exceptions and console errors of the page (a wasm panic shows there).
  const errors = [];
  const messages = [];
  ws.on('message', (m) => {
    const msg = JSON.parse(m);
    if (msg.method === 'Runtime.exceptionThrown') {
      errors.push(msg.params.exceptionDetails.exception?.description ?? msg.params.exceptionDetails.text);
    } else if (msg.method === 'Runtime.consoleAPICalled') {
      const text = msg.params.args.map((a) => a.value ?? a.description).join(' ');
      messages.push(text);
      if (msg.params.type === 'error') errors.push(text);
    }
    const p = msg.id && pending.get(msg.id);
    if (p) {
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
    }
  });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject, method });
    ws.send(JSON.stringify({ id, method, params, sessionId }));
  });
  const { targetInfos } = await send('Target.getTargets');
  const targetId = targetInfos.find((t) => t.type === 'page').targetId;
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const page = (method, params) => send(method, params, sessionId);
  await page('Page.enable');
  await page('Runtime.enable');
  await page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });

  const driver = {
    /** The value of a page expression (awaited when it is a promise). */
    async eval(expression) {
      const r = await page('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value;
    },
    /** Polls a page expression until it is true (every 50 ms, at most `timeout` ms). */
    async waitFor(expression, timeout = 120_000) {
      const end = Date.now() + timeout;
      while (Date.now() < end) {
        if (await driver.eval(`!!(${expression})`).catch(() => false)) return;
        await sleep(50);
      }
      throw new Error(`timed out waiting for ${expression}`);
    },
    async goto(url) {
      await page('Page.navigate', { url });
    },
    /** Clicks the first element matching `selector` (a DOM click: checkboxes toggle, links
     * navigate, a summary opens its details). */
    async click(selector) {
      await driver.eval(`document.querySelector(${JSON.stringify(selector)}).click()`);
    },
    /** Types `text` into the focused field, one character at a time (input events). */
    async type(text, delay = 60) {
      for (const ch of text) {
        await page('Input.insertText', { text: ch });
        await sleep(delay);
      }
    },
    async wheel(dy) {
      await page('Input.dispatchMouseEvent', { type: 'mouseWheel', x: width / 2, y: height / 2, deltaX: 0, deltaY: dy });
    },
    async gc() {
      await page('HeapProfiler.collectGarbage');
    },
    /** Resident memory (MB) of the largest renderer process, as `rendererRssMb`. */
    async rssMb() {
      const { processInfo } = await send('SystemInfo.getProcessInfo');
      let max = 0;
      for (const p of processInfo.filter((p) => p.type === 'renderer')) {
        try {
          const kb = Number(readFileSync(`/proc/${p.id}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
          max = Math.max(max, kb / 1024);
        } catch {}
      }
      return max;
    },
    /** The page's uncaught exceptions and console errors so far. */
    errors: () => [...errors],
    /** Everything the page logged to the console so far. */
    messages: () => [...messages],
    sleep,
    async close() {
      ws.close();
      proc.kill();
      await new Promise((r) => proc.once('exit', r));
      // Chromium's helpers may still be writing into the profile for a moment.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch {}
    },
  };
  return driver;
}
