#!/usr/bin/env node
// Two runs of bench/large.mjs side by side (two builds, the same split, one after the other
// on one machine) → a results file of its own for bench/report.mjs.
//
//   node bench/large-compare.mjs BEFORE.json AFTER.json OUT.json "what changed"
//
// The rows are the budgets and what moves with them: first cards, a facet click,
// opening the map, the statistics and the timeline, the query path, and the renderer's
// memory above a blank tab.
import { readFileSync, writeFileSync } from 'node:fs';

const [beforeArg, afterArg, outArg, what] = process.argv.slice(2);
if (!beforeArg || !afterArg || !outArg) {
  console.error('usage: node bench/large-compare.mjs BEFORE.json AFTER.json OUT.json "what changed"');
  process.exit(2);
}
const before = JSON.parse(readFileSync(beforeArg, 'utf8'));
const after = JSON.parse(readFileSync(afterArg, 'utf8'));

const ms = (v) => (v == null ? '—' : `${Math.round(v)} ms`);
const kb = (v) => (v == null ? '—' : `${(v / 1024).toFixed(1)} KB`);
const mb = (r, key) => (r[key] == null ? null : r[key] - r.rss_blank_tab_mb);
const mbs = (v) => (v == null ? '—' : `${v} MB`);

const rows = [];
const row = (label, f, fmt) => rows.push([label, fmt(f(before)), fmt(f(after))]);
row('first cards', (r) => r.first_cards_ms, ms);
row('first paint: data sent', (r) => r.first_paint?.data_sent_bytes, kb);
row('a query: last key → cards, median', (r) => r.query_to_cards_ms?.median, ms);
row('a query: last key → cards, max', (r) => r.query_to_cards_ms?.max, ms);
row('a query: sent, median', (r) => r.query_sent_bytes?.median, kb);
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
  `Before: run of ${before.date}; after: run of ${after.date}; the same ${after.records.toLocaleString('en')}-record split, ` +
    'each build measured by `node bench/large.mjs DIST SPLIT OUT.json`, one after the other on this machine. ' +
    'Memory is the renderer\'s resident size above a blank tab\'s. One run each: a row that moves by less than its run-to-run ' +
    'spread (tens of ms) is no change.',
  '',
  '| measure | before | after |',
  '|---|---:|---:|',
  ...rows.map(([l, b, a]) => `| ${l} | ${b} | ${a} |`),
].join('\n');

writeFileSync(
  outArg,
  JSON.stringify(
    { title: 'Large-catalog mode at 100k: before and after', machine: after.machine, date: new Date().toISOString(), markdown, before, after },
    null,
    2,
  ) + '\n',
);
console.log(markdown);
