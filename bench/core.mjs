// Turns criterion's estimates for `cargo bench -p atlas-core --bench search` (target/criterion)
// into bench/results/core.json: index build and query-set time at each corpus size.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import os from 'node:os';

const sizes = [1000, 10000, 100000];
// Criterion writes under the cargo target dir.
const TARGET = process.env.CARGO_TARGET_DIR ?? 'target';
const est = (group, n) => {
  const f = `${TARGET}/criterion/${group}/${n}/new/estimates.json`;
  if (!existsSync(f)) return null;
  const e = JSON.parse(readFileSync(f, 'utf8'));
  return { mean_ns: e.mean.point_estimate, low_ns: e.mean.confidence_interval.lower_bound, high_ns: e.mean.confidence_interval.upper_bound, median_ns: e.median.point_estimate };
};
const queries = (n) => {
  const name = `target/bench-corpus/${n / 1000}k/queries.json`;
  return existsSync(name) ? JSON.parse(readFileSync(name, 'utf8')).length : NaN;
};
const rows = sizes.map((n) => ({
  records: n,
  build: est('index_build', n),
  query: est('query', n),
  queries: queries(n),
  rare: est('broad_vs_rare/rare', n),
  broad: est('broad_vs_rare/broad', n),
}));
const ms = (ns) => (ns == null ? '–' : ns >= 1e9 ? `${(ns / 1e9).toFixed(2)} s` : `${(ns / 1e6).toFixed(2)} ms`);
const us = (ns) => (ns == null || !Number.isFinite(ns) ? '–' : `${(ns / 1e3).toFixed(1)} µs`);
// Writes one results file of bench/results (as bench/report.mjs reads them) and prints it.
const machine = () => {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? os.arch();
  return `${cpu}, ${os.cpus().length} cores`;
};
const writeResult = (file, title, lines, data, extra = {}) => {
  mkdirSync('bench/results', { recursive: true });
  const markdown = lines.join('\n');
  writeFileSync(`bench/results/${file}`, JSON.stringify({
    title, machine: machine(), date: new Date().toISOString(), markdown, data, ...extra,
  }, null, 2) + '\n');
  console.log(markdown);
};
const md = [
  '| records | index build (catalog + search index), mean [95 % CI] | one query, mean over the variant set | a rare word | «الأمن» (a third of the records) | broad ÷ rare |',
  '|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.records.toLocaleString('en')} | ${ms(r.build?.mean_ns)} [${ms(r.build?.low_ns)}–${ms(r.build?.high_ns)}] | ${us(r.query ? r.query.mean_ns / r.queries : null)} | ${us(r.rare?.mean_ns)} | ${us(r.broad?.mean_ns)} | ${r.rare && r.broad ? `${Math.round(r.broad.mean_ns / r.rare.mean_ns)}×` : '–'} |`,
  ),
  '',
  'Native (x86-64, release), criterion: `cargo bench -p atlas-core --bench search`. The query time is the time for the whole ' +
    'variant query set (300 queries, each to its best ten) divided by the number of queries. "A rare word" is the first ' +
    'query of the corpus and «الأمن» a word in about a third of the records, each searched for its exact count and best ten, ' +
    'in the same run (group `broad_vs_rare`).',
];
// Loading record fragments (large-catalogue mode), `--bench fragment`: 40 fragments a run.
const fragCatalog = est('fragment_load', 'catalog');
const fragFacets = est('fragment_load', 'catalog_facets');
if (fragCatalog && fragFacets) {
  md.push(
    '',
    '**Loading record fragments** (`cargo bench -p atlas-core --bench fragment`, same run): 40 fragments of the 100k split ' +
      '(or of a 10k split when the 100k one is not there), each stripped of direction controls, parsed, validated and ' +
      'indexed by id, as large-catalogue mode loads one; then the same plus the fragment\'s own facet index, which the app ' +
      'built for every fragment before it used the split\'s facet table alone.',
    '',
    '| steps | one fragment, mean [95 % CI] |',
    '|---|---:|',
    `| parse, validate, catalog | ${us(fragCatalog.mean_ns / 40)} [${us(fragCatalog.low_ns / 40)}–${us(fragCatalog.high_ns / 40)}] |`,
    `| … and its facet index | ${us(fragFacets.mean_ns / 40)} [${us(fragFacets.low_ns / 40)}–${us(fragFacets.high_ns / 40)}] |`,
  );
}
// The fallbacks of a word that found nothing (group `broad_vs_rare`, same run): every Latin
// key compared within one edit or by its transliteration skeleton, every Arabic key by its
// consonant skeleton. Written apart, so a run of that group alone (`cargo bench -p
// atlas-core --bench search -- broad_vs_rare`) reports it without the other columns.
const fallback = sizes
  .map((n) => ({ records: n, rare: est('broad_vs_rare/rare', n), latin: est('broad_vs_rare/unmatched_latin', n), arabic: est('broad_vs_rare/unmatched_arabic', n) }))
  .filter((r) => r.latin && r.arabic);
if (fallback.length) {
  const fmd = [
    '| records | a rare word | a Latin word that finds nothing («Hamouchy»: one edit or the same skeleton) | an Arabic word that finds nothing («جلاسجو»: the same consonant skeleton) |',
    '|---:|---:|---:|---:|',
    ...fallback.map((r) => `| ${r.records.toLocaleString('en')} | ${us(r.rare?.mean_ns)} | ${us(r.latin.mean_ns)} [${us(r.latin.low_ns)}–${us(r.latin.high_ns)}] | ${us(r.arabic.mean_ns)} [${us(r.arabic.low_ns)}–${us(r.arabic.high_ns)}] |`),
    '',
    'Native (x86-64, release), criterion, group `broad_vs_rare` of `cargo bench -p atlas-core --bench search` on the synthetic ' +
      'corpora (`atlas-bundle synth --seed 1`), each query searched for its exact count and best ten. A word that finds nothing as ' +
      'written is compared with every key of the index: the Latin fallback reads each Latin key, the Arabic one reads each key ' +
      'only as far as its skeleton agrees (usually one or two letters).',
  ];
  writeResult('search-fallback.json', 'Search: the cost of a word that finds nothing', fmd, fallback);
}
// A quoted phrase against the same words unquoted (group `broad_vs_rare`, same run): the
// phrase checks the text of every record holding both words in any of their forms.
const phrase = sizes
  .map((n) => ({ records: n, words: est('broad_vs_rare/words', n), phrase: est('broad_vs_rare/phrase', n) }))
  .filter((r) => r.words && r.phrase);
if (phrase.length) {
  const pmd = [
    '| records | «الأمن الكيميائي», two words | the same in quotes, mean [95 % CI] | phrase ÷ words |',
    '|---:|---:|---:|---:|',
    ...phrase.map((r) => `| ${r.records.toLocaleString('en')} | ${us(r.words.mean_ns)} | ${ms(r.phrase.mean_ns)} [${ms(r.phrase.low_ns)}–${ms(r.phrase.high_ns)}] | ${Math.round(r.phrase.mean_ns / r.words.mean_ns)}× |`),
    '',
    'Native (x86-64, release), criterion, group `broad_vs_rare` of `cargo bench -p atlas-core --bench search` on the synthetic ' +
      'corpora, each query searched for its exact count and best ten. In quotes, each word is compared in any of its forms ' +
      '(للأمن for الأمن), so the phrase reads the text of every record that holds both words in some form to find them next ' +
      'to each other.',
  ];
  writeResult('search-phrase.json', 'Search: a quoted phrase against its words', pmd, phrase);
}
writeResult('core.json', 'atlas-core natively (criterion)', md, rows, { fragments: { catalog: fragCatalog, facets: fragFacets } });
