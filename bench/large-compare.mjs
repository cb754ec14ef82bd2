#!/usr/bin/env node
// Two runs of bench/large.mjs side by side (two builds, the same split, one after the other
// on one machine) → a results file of its own for bench/report.mjs.
//
//   node bench/large-compare.mjs BEFORE.json[,BEFORE2.json…] AFTER.json[,…] OUT.json "what changed"
//
// The rows are the issue's budgets and what moves with them: first cards, a facet click,
// opening the map, the statistics and the timeline, the query path, and the renderer's
// memory above a blank tab.
import { readFileSync, writeFileSync } from 'node:fs';

const [beforeArg, afterArg, outArg, what] = process.argv.slice(2);
if (!beforeArg || !afterArg || !outArg) {
  console.error('usage: node bench/large-compare.mjs BEFORE.json AFTER.json OUT.json "what changed"');
  process.exit(2);
}
// Each side may be several runs (comma-separated files, taken alternately): every cell then
// shows each run's figure, in order, since two runs are too few for a median.
const runsOf = (arg) => arg.split(',').map((f) => JSON.parse(readFileSync(f, 'utf8')));
const befores = runsOf(beforeArg);
const afters = runsOf(afterArg);
const [before, after] = [befores[befores.length - 1], afters[afters.length - 1]];

const ms = (v) => (v == null ? '—' : `${Math.round(v)} ms`);
const kb = (v) => (v == null ? '—' : `${(v / 1024).toFixed(1)} KB`);
const mb = (r, key) => (r[key] == null ? null : r[key] - r.rss_blank_tab_mb);
const mbs = (v) => (v == null ? '—' : `${v} MB`);

// Pagefind on the same corpus, from the engines bench (bench/engines.mjs →
// bench/results/engines.json): search only, no interface, so only the rows with a
// counterpart there get a figure.
let pagefind = null;
try {
  const engines = JSON.parse(readFileSync(new URL('./results/engines.json', import.meta.url), 'utf8'));
  const run = engines.data?.runs?.find((r) => r.pagefind?.records === after.records)?.pagefind;
  const when = [...(engines.data?.remeasured ?? [])].reverse().find((m) => m.engines?.includes('pagefind'))?.date ?? engines.date;
  if (run) pagefind = { run, when };
} catch {
  // No engines results: the column is left out.
}
const pf = pagefind?.run;

const rows = [];
const cell = (runs, f, fmt) => runs.map((r) => fmt(f(r))).join(' · ');
const row = (label, f, fmt, other = null) =>
  rows.push([label, cell(befores, f, fmt), cell(afters, f, fmt), other ?? '—']);
row('first cards', (r) => r.first_cards_ms, ms);
row('first paint: data sent', (r) => r.first_paint?.data_sent_bytes, kb,
  pf && `${kb(pf.init_bytes.transfer)} (\`pagefind.js\` and \`init()\`: ${pf.init_bytes.requests} request; the rest comes with the queries)`);
row('a query: last key → cards, median', (r) => r.query_to_cards_ms?.median, ms,
  pf && `${ms(pf.cold.with_fragments_median_ms)} (cold search + its top-10 fragments, nothing drawn)`);
row('a query: last key → cards, max', (r) => r.query_to_cards_ms?.max, ms,
  pf && `${ms(pf.cold.with_fragments_p95_ms)} (p95 of the same)`);
row('a query: sent, median', (r) => r.query_sent_bytes?.median, kb,
  pf && `${kb(pf.query_bytes.transfer / pf.queries)} (mean over ${pf.queries} queries in one page, chunks shared)`);
for (let i = 0; i < (after.facets ?? []).length; i++) {
  row(`facet click → list: ${after.facets[i].what}`, (r) => r.facets?.[i]?.click_to_list_ms, ms);
  row(`… sent`, (r) => r.facets?.[i]?.sent_bytes, kb);
}
for (let i = 0; i < (after.map ?? []).length; i++) {
  row(`map: ${after.map[i].what}`, (r) => r.map?.[i]?.open_ms, ms);
}
for (let i = 0; i < (after.stats ?? []).length; i++) {
  row(`statistics groups: ${after.stats[i].what}`, (r) => r.stats?.[i]?.groups_ms, ms);
  row(`statistics, a group's first figures: ${after.stats[i].what}`, (r) => r.stats?.[i]?.group_ms, ms);
}
for (let i = 0; i < (after.timeline ?? []).length; i++) {
  row(`timeline years: ${after.timeline[i].what}`, (r) => r.timeline?.[i]?.years_ms, ms);
  row(`timeline, a year's first events: ${after.timeline[i].what}`, (r) => r.timeline?.[i]?.year_ms, ms);
}
for (const [label, key] of [
  ['app memory after load', 'rss_after_load_mb'],
  ['app memory after the queries, after a GC', 'rss_after_queries_gc_mb'],
  ['app memory after the facet clicks', 'rss_after_facets_mb'],
  ['app memory after the map', 'rss_after_map_mb'],
  ['app memory after the statistics', 'rss_after_stats_mb'],
]) {
  row(label, (r) => mb(r, key), mbs);
}

const markdown = [
  `${what ?? ''}`,
  '',
  `Before: ${befores.length === 1 ? 'run' : 'runs'} of ${befores.map((r) => r.date).join(', ')}; after: ` +
    `${afters.length === 1 ? 'run' : 'runs'} of ${afters.map((r) => r.date).join(', ')}; the same ` +
    `${after.records.toLocaleString('en')}-record split, each build measured by \`node bench/large.mjs DIST SPLIT OUT.json\`, ` +
    'one after the other on this machine' + (befores.length > 1 || afters.length > 1 ? ' (a cell gives each run, in order)' : '') +
    '. Memory is the renderer\'s resident size above a blank tab\'s. A row that moves by less than its run-to-run ' +
    'spread (tens of ms) is no change.',
  '',
  ...(pf
    ? [
        '',
        `Pagefind: the engines bench's run of ${pagefind.when} on the same corpus (\`bench/engines.mjs\`, its Node API, ` +
          '`language: "ar"`, main thread, served from localhost): a search library without an interface, so it has figures ' +
          'only for the bytes and the search itself; it has no facet counts, map, statistics or timeline to compare with ' +
          '(the Atlas\'s recall against it is in the engines section).',
      ]
    : []),
  '',
  `| measure | before | after |${pf ? ' Pagefind |' : ''}`,
  `|---|---:|---:|${pf ? '---:|' : ''}`,
  ...rows.map(([l, b, a, o]) => `| ${l} | ${b} | ${a} |${pf ? ` ${o} |` : ''}`),
].join('\n');

writeFileSync(
  outArg,
  JSON.stringify(
    { title: 'Large-catalog mode at 100k: before and after', machine: after.machine, date: new Date().toISOString(), markdown, before: befores, after: afters },
    null,
    2,
  ) + '\n',
);
console.log(markdown);
