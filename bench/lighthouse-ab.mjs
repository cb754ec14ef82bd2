// Lighthouse's mobile preset on several builds in one run, alternated (a change is judged
// against the build before it under the same machine load: on this shared 2-core machine the
// same build's Total Blocking Time moves by tens of ms from one spell to the next).
//   node bench/lighthouse-ab.mjs LABEL=DIST … [--out OUT.json]   (LH_RUNS per build, default 5;
//   LH_METHOD simulate (default) or devtools; LH_BROTLI=LABEL,… the builds served with their
//   Brotli copies)
// Each dist/ is served by tests/serve-dist.mjs (gzip, as a static host; Brotli first for the
// builds LH_BROTLI names); bench/lighthouse.mjs is the single-build report with both
// throttling methods.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { machine, q, buildArgs, alternate, lighthouse } from './common.mjs';

const parsed = buildArgs(process.argv.slice(2), 'bench/results/lighthouse-ab.json');
const outFile = parsed.outFile;
const builds = parsed.builds.map((b, i) => ({ ...b, port: 4290 + i }));
const RUNS = Math.max(1, Number(process.env.LH_RUNS ?? 5));
const METHOD = process.env.LH_METHOD ?? 'simulate';
const brotli = new Set((process.env.LH_BROTLI ?? '').split(',').filter(Boolean));
const servers = builds.map((b) => spawn('node', ['tests/serve-dist.mjs', String(b.port), b.dir], {
  stdio: 'ignore',
  env: { ...process.env, SERVE_ENCODINGS: brotli.has(b.label) ? 'br,gzip' : 'gzip' },
}));
await new Promise((r) => setTimeout(r, 500));
let runs;
try {
  runs = await alternate(builds, RUNS, (b) => {
    const r = lighthouse(`http://127.0.0.1:${b.port}/`, METHOD, ['performance']);
    const m = (id) => r.audits[id]?.numericValue ?? NaN;
    return { performance: Math.round(r.categories.performance.score * 100), fcp: m('first-contentful-paint'),
      lcp: m('largest-contentful-paint'), tbt: m('total-blocking-time'), cls: m('cumulative-layout-shift') };
  }, (run) => `performance ${run.performance}, FCP ${(run.fcp / 1000).toFixed(2)} s, ` +
    `LCP ${(run.lcp / 1000).toFixed(2)} s, TBT ${Math.round(run.tbt)} ms, CLS ${run.cls.toFixed(3)}`);
} finally {
  for (const s of servers) s.kill();
}
const span = (xs, f) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
const s2 = (v) => `${(v / 1000).toFixed(2)} s`;
const ms = (v) => `${Math.round(v)} ms`;
let md = `Lighthouse ${METHOD === 'simulate' ? 'mobile preset (simulated slow 4G, 4× CPU)' : 'mobile, throttling applied (devtools)'}, ` +
  `${RUNS} runs per build, builds alternated; median (range).\n\n| build | performance | FCP | LCP | TBT | CLS |\n|---|---:|---:|---:|---:|---:|\n`;
for (const { label } of builds) {
  const rs = runs[label];
  const col = (k, f) => `${f(q(rs.map((r) => r[k]), 0.5))} (${span(rs.map((r) => r[k]), f)})`;
  md += `| ${label} | ${col('performance', String)} | ${col('fcp', s2)} | ${col('lcp', s2)} | ${col('tbt', ms)} | ${col('cls', (v) => v.toFixed(3))} |\n`;
}
const out = { title: 'Lighthouse, builds side by side (bench/lighthouse-ab.mjs)', machine: machine(), date: new Date().toISOString(), markdown: md, method: METHOD, brotli: [...brotli], runs };
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(out, null, 1));
console.log('\n' + md);
