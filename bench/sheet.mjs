// Opening the filters sheet on a throttled phone: the tap's latency as the Event Timing API
// reports it (what Interaction to Next Paint is made of) and the long tasks it brings.
//   node bench/sheet.mjs [LABEL=]DIST … [--out OUT.json]   (SHEET_RUNS per build, default 7)
// Several builds are measured in one run, alternately. dist/ is served gzipped; a fresh
// browser each run, 4× CPU slowdown (Lighthouse's mobile preset), a 412×823 phone; the app is
// loaded at full network speed and left 2 s to finish its start-up work before the tap.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serve, launchChromium, machine, q, buildArgs, alternate } from './common.mjs';

const { builds, outFile } = buildArgs(process.argv.slice(2), 'bench/results/sheet.json');
const RUNS = Math.max(1, Number(process.env.SHEET_RUNS ?? 7));

let dist = builds[0].dir;
const { server, base } = await serve((path) => join(dist, path === '/' ? 'index.html' : path), { gzip: true });

async function once() {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__long = [];
    window.__events = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__events.push([e.name, e.startTime, e.duration, e.interactionId]); })
      .observe({ type: 'event', durationThreshold: 16, buffered: true });
  });
  await page.goto(base);
  await page.waitForFunction(() => !document.getElementById('boot') && document.querySelector('main article.card'), null, { timeout: 60_000 });
  await page.waitForTimeout(2000);
  const before = await page.evaluate(() => ({ t: performance.now(), groups: document.querySelectorAll('#facet-groups fieldset').length }));
  await page.locator('.facets-toggle').tap();
  await page.locator('#facet-groups fieldset[data-facet="kind"]').waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForTimeout(1000);
  const r = await page.evaluate((t) => ({
    long: window.__long.filter(([s]) => s >= t).map(([s, d]) => Math.round(d)),
    startupLong: window.__long.filter(([s]) => s < t).map(([s, d]) => Math.round(d)),
    tap: Math.max(0, ...window.__events.filter(([n, s, , id]) => s >= t && id > 0).map(([, , d]) => d)),
  }), before.t);
  await browser.close();
  return { ...r, groupsBefore: before.groups };
}

const runs = await alternate(builds, RUNS, (b) => {
  dist = b.dir;
  return once();
}, (r) => `groups built before the tap ${r.groupsBefore}, tap to next paint ${Math.round(r.tap)} ms, ` +
  `long tasks after the tap ${r.long.join(' ') || 'none'}; long tasks of start-up (after load, 4×) ${r.startupLong.join(' ')}`);
server.close();
const span = (xs) => `${Math.min(...xs)}–${Math.max(...xs)}`;
let md = `Opening the filters sheet on a phone (412×823, 4× CPU slowdown), the app loaded and idle for 2 s; ` +
  `median of ${RUNS} runs per build (range), builds alternated, a fresh browser each run. "Tap to next paint": the ` +
  `longest Event Timing entry of the tap (what Interaction to Next Paint reports). Long tasks: the Long Tasks API's, ` +
  `over 50 ms at that slowdown.\n\n| build | groups built before the tap | tap to next paint | longest task after the tap | long tasks of the load, each run |\n|---|---:|---:|---:|---|\n`;
for (const { label } of builds) {
  const rs = runs[label];
  const taps = rs.map((r) => Math.round(r.tap));
  const longest = rs.map((r) => Math.max(0, ...r.long));
  md += `| ${label} | ${q(rs.map((r) => r.groupsBefore), 0.5)} | ${q(taps, 0.5)} ms (${span(taps)}) | ${q(longest, 0.5)} ms (${span(longest)}) | ` +
    `${rs.map((r) => r.startupLong.join('+') || '0').join(', ')} |\n`;
}
const out = { title: 'Opening the filters sheet on a phone (bench/sheet.mjs)', machine: machine(), date: new Date().toISOString(), markdown: md, runs: RUNS, builds: runs };
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(out, null, 1));
console.log('\n' + md);
