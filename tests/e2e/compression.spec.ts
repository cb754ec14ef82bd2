// The release build's precompressed copies (xtask/src/precompress.rs): a Zopfli gzip copy and a
// Brotli copy beside each text file, which a host serving precompressed files sends in place of
// the file (tests/serve-dist.mjs does, as Caddy's `precompressed br gzip` or nginx's
// `brotli_static` and `gzip_static`). A copy that does not decode to its file would serve a
// visitor something else than the build: every one is checked here, and the app is run on them.
import { test, expect, appReady } from './fixtures';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const DIST = process.env.ATLAS_E2E_DIST ?? 'dist';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The main wasm and the app's JS, by name (`atlas-<hash>_bg.wasm`, `atlas-<hash>.js`). */
function appFiles(): string[] {
  return readdirSync(DIST).filter((f) => /^atlas-.*(_bg\.wasm|\.js)$/.test(f));
}

test('every compressed copy in the build decodes to its file, and the first load has both', () => {
  const all = files(DIST);
  const copies = all.filter((f) => f.endsWith('.gz') || f.endsWith('.br'));
  for (const copy of copies) {
    const file = copy.slice(0, -3);
    const raw = readFileSync(file);
    const body = readFileSync(copy);
    const plain = copy.endsWith('.br') ? brotliDecompressSync(body) : gunzipSync(body);
    expect(plain.equals(raw), `${relative(DIST, copy)} decodes to ${relative(DIST, file)}`).toBe(true);
    expect(body.length, `${relative(DIST, copy)} is smaller than its file`).toBeLessThan(raw.length);
  }
  const firstLoad = ['index.html', 'data/bundle.json', 'sw.js', ...appFiles()];
  expect(appFiles().length).toBeGreaterThanOrEqual(3);
  for (const f of firstLoad) {
    const path = join(DIST, f);
    const gz = statSync(`${path}.gz`).size;
    const br = statSync(`${path}.br`).size;
    expect(br, `${f}: Brotli ${br} bytes, gzip ${gz}`).toBeLessThan(gz);
  }
  // Chunks of the other views have theirs too (most of the wasm a reader may fetch later).
  const chunks = all.filter((f) => f.includes(`${join(DIST, 'split')}/`) && f.endsWith('.wasm'));
  expect(chunks.length).toBeGreaterThan(0);
  const big = chunks.filter((f) => statSync(f).size > 4096);
  expect(big.length).toBeGreaterThan(0);
  for (const c of big) expect(copies, `${c} has a Brotli copy`).toContain(`${c}.br`);
});

test('the server sends the Brotli copy to a browser that asks, gzip or the file to others', async ({
  request,
}) => {
  const wasm = appFiles().find((f) => f.endsWith('_bg.wasm'))!;
  const raw = readFileSync(join(DIST, wasm));
  for (const [accept, want] of [
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;Q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
  ] as const) {
    const res = await request.get(`/${wasm}`, { headers: { 'accept-encoding': accept } });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-encoding'], accept).toBe(want);
    // Playwright decodes what it received: the bytes are the build's, whatever the encoding.
    expect((await res.body()).equals(raw), accept).toBe(true);
  }
});

test('the app starts and searches on the Brotli copies', async ({ page }) => {
  const encodings = new Map<string, string | undefined>();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    encodings.set(path, r.headers()['content-encoding']);
  });
  await page.goto('/');
  await appReady(page);
  await page.locator('input[name="q"]').fill('طنجة');
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
  const wasm = [...encodings].filter(([p]) => p.endsWith('_bg.wasm'));
  expect(wasm.length).toBe(1);
  expect(wasm[0][1]).toBe('br');
  expect(encodings.get('/data/bundle.json')).toBe('br');
  expect(encodings.get('/')).toBe('br');
});
