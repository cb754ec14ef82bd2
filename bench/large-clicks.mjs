#!/usr/bin/env node
// Facet clicks in large-catalog mode, two builds alternated on one machine: the figure that
// bench/large.mjs takes once per run, taken RUNS times each, for a median and a range.
//
//   node bench/large-clicks.mjs RUNS SPLIT-DIR BEFORE-DIST AFTER-DIST OUT.json "what changed"
//
// Each run opens a fresh page on the split (served gzipped, like bench/large.mjs), clicks
// the first place (every facet block is fetched: not timed), then times two clicks from
// the click to the end of the first frame that shows the new list with every visible card
// (a new total, the list not busy, no placeholder):
// - "kind": the first unchecked kind, whose first screen needs 6–8 record fragments;
// - "topic": then the first unchecked topic, whose first screen's fragments are mostly here.
import { launchChromium, machine, q, serve } from './common.mjs';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [runsArg, splitArg, beforeArg, afterArg, outArg, what] = process.argv.slice(2);
if (!runsArg || !splitArg || !beforeArg || !afterArg || !outArg) {
  console.error('usage: node bench/large-clicks.mjs RUNS SPLIT-DIR BEFORE-DIST AFTER-DIST OUT.json "what changed"');
  process.exit(2);
}
const runs = Number(runsArg);
const split = resolve(splitArg);
const builds = [
  { name: 'before', dist: resolve(beforeArg), kind: [], topic: [] },
  { name: 'after', dist: resolve(afterArg), kind: [], topic: [] },
];

const browser = await launchChromium();
try {
  for (let r = 0; r < runs; r++) {
    for (const b of builds) {
      const { server, base } = await serve((path) => {
        if (path === '/data/bundle.json') return join(split, 'manifest.json');
        if (path === '/data/map.json') return join(b.dist, 'data/map.json');
        if (path.startsWith('/data/')) return join(split, path.slice('/data/'.length));
        return join(b.dist, path.endsWith('/') ? path + 'index.html' : path);
      }, { gzip: true });
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      const settled = () =>
        page.waitForFunction(
          () =>
            !document.querySelector('section.results[aria-busy="true"]') &&
            !document.querySelector('article.large-placeholder') &&
            document.querySelector('article.card[data-id]'),
          null,
          { timeout: 60_000, polling: 16 },
        );
      const click = async (selector) => {
        const before = await page.locator('ul.cards').getAttribute('data-total');
        await page.evaluate((b) => {
          window.__clicked = new Promise((done) =>
            addEventListener('click', () => {
              const t0 = performance.now();
              const tick = () => {
                const drawn =
                  document.querySelector('ul.cards')?.getAttribute('data-total') !== b &&
                  !document.querySelector('section.results[aria-busy="true"]') &&
                  !document.querySelector('article.large-placeholder');
                if (drawn) setTimeout(() => done(performance.now() - t0), 0);
                else requestAnimationFrame(tick);
              };
              requestAnimationFrame(tick);
            }, { capture: true, once: true }),
          );
        }, before);
        await page.locator(selector).first().check();
        const ms = Math.round(await page.evaluate(() => window.__clicked));
        await settled();
        await page.waitForTimeout(800);
        return ms;
      };
      await page.goto(base);
      await page.waitForSelector('fieldset.facet[data-facet="kind"] .facet-value', { timeout: 120_000 });
      await settled();
      await page.locator('fieldset.facet[data-facet="place"] input[type="checkbox"]').first().check();
      await page.waitForTimeout(300);
      await settled();
      await page.waitForTimeout(1000);
      b.kind.push(await click('fieldset.facet[data-facet="kind"] input[type="checkbox"]:not(:checked)'));
      b.topic.push(await click('fieldset.facet[data-facet="topic"] input[type="checkbox"]:not(:checked)'));
      console.log(`run ${r + 1} ${b.name}: kind ${b.kind.at(-1)} ms, topic ${b.topic.at(-1)} ms`);
      await context.close();
      server.close();
    }
  }
} finally {
  await browser.close();
}

const cell = (xs) => `${q(xs, 0.5)} ms (${Math.min(...xs)}–${Math.max(...xs)})`;
const markdown = [
  `${what ?? 'Two builds'}: ${runs} runs each, alternated, on the 100k split served gzipped.`,
  'Click → the first frame showing the new list with every visible card; median (range).',
  '',
  '| click | before | after |',
  '|---|---:|---:|',
  `| a kind, after a place (6–8 fragments to fetch) | ${cell(builds[0].kind)} | ${cell(builds[1].kind)} |`,
  `| then a topic (its fragments mostly here) | ${cell(builds[0].topic)} | ${cell(builds[1].topic)} |`,
  '',
  `Each run, before: kind ${builds[0].kind.join(', ')} ms; topic ${builds[0].topic.join(', ')} ms.`,
  `Each run, after: kind ${builds[1].kind.join(', ')} ms; topic ${builds[1].topic.join(', ')} ms.`,
].join('\n');
const out = {
  title: 'Large-catalog mode at 100k: facet clicks, before and after',
  machine: machine(),
  date: new Date().toISOString().slice(0, 10),
  what,
  runs,
  builds: builds.map(({ name, kind, topic }) => ({ name, kind, topic })),
  markdown,
};
writeFileSync(outArg, JSON.stringify(out, null, 1) + '\n');
console.log(markdown);
