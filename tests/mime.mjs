// The content type of each file the app's build holds, for every local server in the repo:
// tests/serve-dist.mjs, the browser tests that serve their own copy of the build, and the
// benchmarks (bench/common.mjs, bench/engines/run.mjs).
import { readFile, stat } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { extname, join } from 'node:path';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/** The Content-Type header for `file`, by its extension. */
export function contentType(file) {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Answers `res` with the file at URL path `path` under `root` (index.html for a folder),
 * never cached, or a 404: the tests that serve their own copy of the build. */
export async function sendFile(res, root, path) {
  const file = join(root, path.endsWith('/') ? path + 'index.html' : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': contentType(file), 'Cache-Control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  }
}

/** The encodings of the build's precompressed copies (xtask/src/precompress.rs): the suffix
 * of each copy and how to decode it. */
const COPIES = {
  br: { suffix: '.br', decode: brotliDecompressSync },
  gzip: { suffix: '.gz', decode: gunzipSync },
};

/** The first of `encodings` (the server's order of preference, say `['br', 'gzip']`, as nginx
 * and Caddy choose) that a request's `Accept-Encoding` header allows, or null: a coding is
 * allowed when it is named, or `*` names it, without `q=0`. */
export function acceptedEncoding(header, encodings) {
  const q = new Map(
    (header ?? '')
      .split(',')
      .map((e) => e.trim().split(';'))
      .filter(([name]) => name.trim())
      .map(([name, ...params]) => {
        const weight = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
        return [name.trim().toLowerCase(), weight ? Number(weight[1]) : 1];
      }),
  );
  const allowed = (e) => (q.has(e) ? q.get(e) > 0 : (q.get('*') ?? 0) > 0);
  return encodings.find(allowed) ?? null;
}

/** The build's precompressed copy of `file` in `encoding` (`file.gz`, Zopfli gzip, or
 * `file.br`, Brotli, written by the release build: xtask/src/precompress.rs), as a host that
 * serves precompressed files sends it; null when there is none or it no longer decodes to
 * `raw`, the file's bytes now (a test that changes a copy of the build changes the file, not
 * its copies). Checked once per content of the file and version of the copy. */
export async function precompressed(file, raw, encoding = 'gzip') {
  const { suffix, decode } = COPIES[encoding];
  let copy;
  try {
    copy = await stat(`${file}${suffix}`);
  } catch {
    return null;
  }
  const digest = createHash('sha1').update(raw).digest('hex');
  const key = `${file}${suffix}\0${digest}\0${copy.size}\0${copy.mtimeMs}`;
  if (!checkedCopies.has(key)) {
    const body = await readFile(`${file}${suffix}`);
    let same = false;
    try {
      same = decode(body).equals(raw);
    } catch {}
    checkedCopies.set(key, same ? body : null);
  }
  return checkedCopies.get(key);
}
const checkedCopies = new Map();
