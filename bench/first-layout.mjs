// The landing page's first paint without the app: the style and layout work Chromium does
// before it, on the page as built (JavaScript off, so the wasm plays no part), at
// Lighthouse's 4× CPU slowdown without network throttling. Several builds, alternated.
//   node bench/first-layout.mjs [LABEL=]DIST … [--out OUT.json]   (FIRST_LAYOUT_RUNS, default 7)
//
// Each run is a new browser context (a cold page) of one browser, 412×823. From a trace of the
// load it reads the first contentful paint and every Layout and UpdateLayoutTree (style) event
// up to it. This is what bench/RESULTS.md's "first paint" section measured font stacks and
// inline styles with; bench/startup.mjs has the whole throttled start-up.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launchChromium, machine, q } from './common.mjs';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outFile = outAt >= 0 ? args.splice(outAt, 2)[1] : null;
const builds = (args.length ? args : ['dist']).map((a) => {
  const [label, dir] = a.includes('=') ? a.split('=') : [a, a];
  return { label, dir, runs: [] };
});
const RUNS = Math.max(1, Number(process.env.FIRST_LAYOUT_RUNS ?? 7));

let dist = builds[0].dir;
const { server, base } = await serve((path) => join(dist, path === '/' ? 'index.html' : path), { gzip: true });
const browser = await launchChromium();
try {
  for (let run = 0; run < RUNS; run++) {
    for (const b of builds) {
      dist = b.dir;
      const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, javaScriptEnabled: false });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await browser.startTracing(page, { categories: ['devtools.timeline', 'loading', 'blink.user_timing'] });
      await page.goto(base, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
      await ctx.close();
      const nav = events.find((e) => e.name === 'navigationStart')?.ts;
      const fcp = events.find((e) => e.name === 'firstContentfulPaint')?.ts;
      if (nav === undefined || fcp === undefined) throw new Error(`${b.label}: no navigation or first paint in the trace`);
      const before = (name) => events
        .filter((e) => e.name === name && e.dur && e.ts < fcp)
        .reduce((t, e) => t + e.dur / 1000, 0);
      const r = { fcp: (fcp - nav) / 1000, layout: before('Layout'), style: before('UpdateLayoutTree') };
      b.runs.push(r);
      console.log(`${b.label} run ${run + 1}/${RUNS}: first paint ${r.fcp.toFixed(0)} ms, layout before it ${r.layout.toFixed(0)} ms, style ${r.style.toFixed(0)} ms`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

const cell = (xs) => `${q(xs, 0.5).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
const rows = builds.map((b) => `| ${b.label} | ${cell(b.runs.map((r) => r.fcp))} | ${cell(b.runs.map((r) => r.layout))} | ${cell(b.runs.map((r) => r.style))} |`);
const markdown = [
  `The prerendered landing page with JavaScript off, 4× CPU slowdown, no network throttling, 412×823, a new context per run; median of ${RUNS} runs per build (range), builds alternated (\`bench/first-layout.mjs\`).`,
  '',
  '| build | first contentful paint | layout before it | style before it |',
  '|---|---:|---:|---:|',
  ...rows,
].join('\n');
console.log(`\n${markdown}`);
if (outFile) {
  writeFileSync(outFile, JSON.stringify({
    title: 'The landing page before its first paint (bench/first-layout.mjs)',
    machine: machine(),
    date: new Date().toISOString(),
    markdown,
    builds: builds.map(({ label, runs }) => ({ label, runs })),
  }, null, 2) + '\n');
  console.log(`✓ wrote ${outFile}`);
}
