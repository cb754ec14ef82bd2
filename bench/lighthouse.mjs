// Lighthouse (npm `lighthouse` 12, mobile preset, Debian's Chromium) on the release build in
// dist/ served locally. Prints the four category scores and writes bench/results/lighthouse.json.
//   node bench/lighthouse.mjs [dist-dir]      (`cargo xtask lighthouse` builds dist/ first)
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const dist = process.argv[2] ?? 'dist';
const port = Number(process.env.LH_PORT ?? 4281);
const server = spawn('node', ['tests/serve-dist.mjs', String(port), dist], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const out = 'target/lighthouse.json';
mkdirSync('target', { recursive: true });
try {
  execFileSync('npx', ['--no-install', 'lighthouse', `http://127.0.0.1:${port}/`,
    '--only-categories=performance,accessibility,best-practices,seo',
    '--output=json', `--output-path=${out}`, '--quiet',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync',
  ], { stdio: 'inherit', env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } });
} finally {
  server.kill();
}
const report = JSON.parse(readFileSync(out, 'utf8'));
const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
const scores = Object.fromEntries(cats.map((c) => [c, Math.round((report.categories[c]?.score ?? 0) * 100)]));
const goals = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 90 };
const audits = report.audits;
const metric = (id) => audits[id]?.displayValue ?? '–';
for (const c of cats) console.log(`${c.padEnd(15)} ${String(scores[c]).padStart(3)}  (goal ≥ ${goals[c]})`);
// The audits that cost points, for the next person to act on.
const failing = cats.flatMap((c) => report.categories[c].auditRefs
  .filter((r) => r.weight > 0 && (audits[r.id]?.score ?? 1) < 1)
  .map((r) => `${c}: ${audits[r.id].title}${audits[r.id].displayValue ? ` (${audits[r.id].displayValue})` : ''}`));
if (failing.length) console.log('\nbelow full marks:\n  ' + failing.join('\n  '));
const md = [
  '| category | score | goal |', '|---|---:|---:|',
  ...cats.map((c) => `| ${c} | ${scores[c]} | ≥ ${goals[c]} |`),
  '',
  `Mobile preset (simulated slow 4G, 4× CPU slowdown), release build served from localhost. ` +
    `First Contentful Paint ${metric('first-contentful-paint')}, Largest Contentful Paint ${metric('largest-contentful-paint')}, ` +
    `Total Blocking Time ${metric('total-blocking-time')}, Cumulative Layout Shift ${metric('cumulative-layout-shift')}.`,
  ...(failing.length ? ['', 'Below full marks: ' + failing.join('; ') + '.'] : []),
].join('\n');
mkdirSync('bench/results', { recursive: true });
const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? os.arch();
writeFileSync('bench/results/lighthouse.json', JSON.stringify({
  title: 'Lighthouse (mobile)',
  machine: `${cpu}, ${os.cpus().length} cores; Lighthouse ${report.lighthouseVersion}; ${report.environment?.hostUserAgent ?? ''}`,
  date: new Date().toISOString(),
  markdown: md,
  scores,
}, null, 2) + '\n');
