// Size anchors for the first load (issue 13): what the smallest Leptos app weighs with the
// Atlas's release profile, and what Pagefind sends before its first search, beside the
// Atlas's own first load.
//
//   node bench/anchor.mjs [dist-dir]       (after `cargo xtask build`; CARGO_TARGET_DIR honoured)
//
// The counter (bench/anchors/counter: three buttons and a signal, the anatomy of Leptos's
// `examples/counter`) is built as the app is: cargo --release for wasm32 with the same
// profile and `--cfg erase_components`, wasm-bindgen, `wasm-opt -Oz`. Pagefind's figure is
// the transfer of its `pagefind.js` and `init()` measured by bench/engines (engines.json).
// Sizes are gzip -9. Writes bench/results/anchors.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machine } from './common.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const target = join(resolve(process.env.CARGO_TARGET_DIR ?? join(root, 'target')), 'anchor');
// As `cargo xtask size` measures (xtask/src/size.rs): the gzip program, -9.
const gz = (buf) => execFileSync('gzip', ['-9', '-c', '-n'], { input: buf, maxBuffer: 1 << 28 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });

// The counter, built as the app's wasm is.
run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--manifest-path',
  join(root, 'bench/anchors/counter/Cargo.toml'), '--target-dir', target],
  { RUSTFLAGS: '--cfg erase_components' });
const out = join(target, 'site');
mkdirSync(out, { recursive: true });
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out,
  join(target, 'wasm32-unknown-unknown/release/anchor-counter.wasm')]);
const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-reference-types', '--enable-multivalue', '--enable-mutable-globals'];
const wasmOpt = join(root, 'node_modules/.bin/wasm-opt');
run(existsSync(wasmOpt) ? wasmOpt : 'wasm-opt', ['-Oz', ...features, join(out, 'anchor-counter_bg.wasm'), '-o', join(out, 'anchor-counter_bg.wasm')]);
const counter = {
  wasm: gz(readFileSync(join(out, 'anchor-counter_bg.wasm'))),
  js: gz(readFileSync(join(out, 'anchor-counter.js'))),
};

// The Atlas: its main wasm and glue (the views loaded on demand are not in them), and the
// whole first load as `cargo xtask size` counts it.
const files = readdirSync(dist);
const pick = (re) => files.filter((f) => re.test(f)).map((f) => gz(readFileSync(join(dist, f)))).reduce((a, b) => a + b, 0);
const atlas = { wasm: pick(/^atlas-[0-9a-f]+_bg\.wasm$/), js: pick(/^atlas-[0-9a-f]+(-split)?\.js$/) };
const firstLoad = ['index.html', 'manifest.webmanifest', 'icons/icon.svg', 'sw.js', 'data/bundle.json']
  .map((f) => gz(readFileSync(join(dist, f))))
  .reduce((a, b) => a + b, atlas.wasm + atlas.js + pick(/^main-[0-9a-f]+\.css$/));

let pagefind = null;
try {
  const engines = JSON.parse(readFileSync(join(root, 'bench/results/engines.json'), 'utf8'));
  pagefind = engines.data.runs.map((r) => r.pagefind?.init_bytes?.transfer).find((n) => n > 0) ?? null;
} catch {}

const markdown = `| | wasm | JS | what comes before the first search |
|---|---:|---:|---:|
| a Leptos counter (bench/anchors/counter), the Atlas's release profile | ${kb(counter.wasm)} | ${kb(counter.js)} | ${kb(counter.wasm + counter.js)} (nothing else) |
| Pagefind (\`pagefind.js\` and \`init()\`, bench/engines) | — | — | ${pagefind ? kb(pagefind) : 'not measured'} (then index chunks per query) |
| the Atlas: main wasm and glue | ${kb(atlas.wasm)} | ${kb(atlas.js)} | ${kb(firstLoad)}: the whole first load (page with its style sheet, data, worker) |

The floor a Leptos app starts from, and the static-search reference, beside the Atlas: sizes gzip -9. The counter is three buttons and a signal (the anatomy of Leptos's \`examples/counter\`), built as the app is (\`--release\`, opt-level z, LTO, one codegen unit, panic abort, \`--cfg erase_components\`, wasm-bindgen, \`wasm-opt -Oz\`). Issue 13's goal is 250 KB for the Atlas's whole first load. \`node bench/anchor.mjs\`.
`;
writeFileSync(join(root, 'bench/results/anchors.json'), JSON.stringify({
  title: 'First load: size anchors (a Leptos counter, Pagefind)',
  machine: machine(),
  date: new Date().toISOString(),
  markdown,
  counter, atlas: { ...atlas, firstLoad }, pagefind,
}, null, 2) + '\n');
console.log(markdown);
