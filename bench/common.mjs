// What the browser benchmarks (bench/e2e.mjs, bench/large.mjs) share: a local server, the
// Chromium they launch, the renderer's memory, quantiles and the machine line.
import { chromium } from 'playwright-core';
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { acceptedEncoding, contentType, precompressed } from '../tests/mime.mjs';


/** Serves a benchmark's page on a free localhost port: `fileFor(path)` names the file for a
 * request path (a missing file is a 404). With `gzip`, files are sent gzipped when the browser
 * asks, as a static host does (not fonts and images, compressed already): the build's
 * precompressed copy where it has one, else gzip level 6 on the fly; with `brotli()` true (asked
 * per request: a bench may alternate), the build's Brotli copy first, where the browser asks for
 * it and the build has one (a host with Brotli copies). Each response is reported to
 * `onSent({ path, raw, sent, encoding, t, referer })`. Resolves to the server and its base URL. */
export async function serve(fileFor, { gzip = false, brotli = () => false, onSent } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = fileFor(path);
    let raw;
    try {
      raw = await readFile(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const ext = extname(file);
    const compressible = gzip && ext !== '.woff2' && ext !== '.png';
    const accept = req.headers['accept-encoding'];
    const br = compressible && brotli() && acceptedEncoding(accept, ['br'])
      ? await precompressed(file, raw, 'br')
      : null;
    const gz = !br && compressible && acceptedEncoding(accept, ['gzip']) !== null;
    const body = br ?? (gz ? ((await precompressed(file, raw)) ?? gzipSync(raw, { level: 6 })) : raw);
    const encoding = br ? 'br' : gz ? 'gzip' : null;
    onSent?.({ path, raw: raw.length, sent: body.length, encoding, t: Date.now(), referer: req.headers.referer });
    res.writeHead(200, {
      'content-type': contentType(file),
      'content-length': body.length,
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}

/** The flags of every benchmark's headless Chromium (on this machine's closed network its
 * background connections must be off, or they fail many at a time). */
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium, headless, one renderer process (so its memory is the tab's). */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS, '--renderer-process-limit=1'],
  });
}

/** One Lighthouse run (npm `lighthouse` 12, mobile preset, Debian's Chromium) of `url` with
 * throttling `method` (`simulate` or `devtools`) and `categories`: its report. */
export function lighthouse(url, method, categories, out = 'target/lighthouse.json') {
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('npx', ['--no-install', 'lighthouse', url,
    `--only-categories=${categories.join(',')}`, `--throttling-method=${method}`,
    '--output=json', `--output-path=${out}`, '--quiet', `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
  ], { stdio: 'inherit', env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } });
  return JSON.parse(readFileSync(out, 'utf8'));
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

/** The builds a comparing benchmark measures, from its arguments `[LABEL=]DIST … [--out FILE]`
 * (`dist` when none is given), and the results file (`defaultOut` without `--out`). */
export function buildArgs(argv, defaultOut) {
  const args = [...argv];
  const at = args.indexOf('--out');
  const outFile = at >= 0 ? args.splice(at, 2)[1] : defaultOut;
  const builds = (args.length ? args : ['dist']).map((a) => {
    const eq = a.indexOf('=');
    return eq > 0 ? { label: a.slice(0, eq), dir: a.slice(eq + 1) } : { label: a, dir: a };
  });
  return { builds, outFile };
}

/** Measures every build `runs` times, builds alternated so that each meets the same machine
 * load: `once(build)` measures one run, `line(result)` says in a line what it gave. Resolves
 * to the results of each build by its label. */
export async function alternate(builds, runs, once, line) {
  const results = Object.fromEntries(builds.map((b) => [b.label, []]));
  for (let i = 0; i < runs; i++) {
    for (const b of builds) {
      const r = await once(b);
      results[b.label].push(r);
      console.log(`${b.label} run ${i + 1}/${runs}: ${line(r)}`);
    }
  }
  return results;
}
