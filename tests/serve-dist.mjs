#!/usr/bin/env node
// Dependency-free static file server for the release build in dist/, used by the Playwright
// tests (see playwright.config.ts). Serves exactly the files that exist: no SPA rewrites, so a
// broken link or a missing asset shows up as a 404 in the tests.
//
//   node tests/serve-dist.mjs [PORT] [DIR]  (or PORT=… in the environment; default 4173;
//                                          DIR defaults to dist/, e.g. a copy a test changes)
//   SERVE_ENCODINGS=gzip node tests/serve-dist.mjs …   (default br,gzip: see below)

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceptedEncoding, contentType, precompressed } from './mime.mjs';

const HOST = '127.0.0.1';
const PORT = Number(process.argv[2] ?? process.env.PORT ?? 4173);
const ROOT = process.argv[3]
  ? resolve(process.argv[3])
  : resolve(fileURLToPath(new URL('..', import.meta.url)), 'dist');


// Compressed as a static host with the build's precompressed copies serves them (Caddy's
// `precompressed br gzip`, nginx's `brotli_static` and `gzip_static`): the Brotli copy to a
// browser that asks for it (every current one does, on localhost too), else the gzip copy,
// when there is one that matches the file, else gzip -9 on the fly; fonts and images are
// compressed already. SERVE_ENCODINGS=gzip serves gzip only, the size budget's measure (as
// any host does: bench/lighthouse.mjs). Each file is compressed once per version (path, size,
// mtime).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.webmanifest', '.txt', '.xml']);
const ENCODINGS = (process.env.SERVE_ENCODINGS ?? 'br,gzip').split(',').map((e) => e.trim()).filter(Boolean);
if (!ENCODINGS.length || ENCODINGS.some((e) => e !== 'br' && e !== 'gzip')) {
  console.error(`serve-dist: SERVE_ENCODINGS must list br and/or gzip, not ${process.env.SERVE_ENCODINGS}`);
  process.exit(2);
}
const compressed = new Map();
/** The body to send for `file` in `encoding`, and the encoding it is in (a missing Brotli copy
 * falls back to gzip). */
async function compressedOf(file, info, encoding, gzipAllowed) {
  const key = `${file}\0${info.size}\0${info.mtimeMs}\0${encoding}\0${gzipAllowed}`;
  let hit = compressed.get(key);
  if (!hit) {
    const raw = await readFile(file);
    const br = encoding === 'br' ? await precompressed(file, raw, 'br') : null;
    if (br) {
      hit = { body: br, encoding: 'br' };
    } else if (encoding === 'gzip' || gzipAllowed) {
      const level = info.size > 4 << 20 ? 6 : 9;
      hit = { body: (await precompressed(file, raw, 'gzip')) ?? gzipSync(raw, { level }), encoding: 'gzip' };
    } else {
      hit = { body: null, encoding: null };
    }
    compressed.set(key, hit);
  }
  return hit;
}

if (!Number.isInteger(PORT) || PORT <= 0 || PORT > 65535) {
  console.error(`serve-dist: invalid port ${process.argv[2] ?? process.env.PORT}`);
  process.exit(2);
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** Maps a request path to a file under ROOT, or null if it would escape ROOT. */
function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(ROOT, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (file !== ROOT && !file.startsWith(ROOT + sep)) return null;
  return file;
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  }
  const { pathname } = new URL(req.url ?? '/', `http://${HOST}`);
  let file = resolvePath(pathname);
  if (file === null) return send(res, 400, 'bad request\n');

  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) throw new Error('not a file');
    const ext = extname(file).toLowerCase();
    const headers = {
      'Content-Type': contentType(file),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    };
    const accept = req.headers['accept-encoding'];
    const encoding = COMPRESSIBLE.has(ext) ? acceptedEncoding(accept, ENCODINGS) : null;
    if (encoding) {
      const gzipAllowed = ENCODINGS.includes('gzip') && acceptedEncoding(accept, ['gzip']) !== null;
      const { body, encoding: sent } = await compressedOf(file, info, encoding, gzipAllowed);
      if (body) {
        res.writeHead(200, { ...headers, 'Content-Encoding': sent, 'Content-Length': body.length });
        return res.end(req.method === 'HEAD' ? undefined : body);
      }
    }
    res.writeHead(200, { ...headers, 'Content-Length': info.size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch {
    send(res, 404, `not found: ${pathname}\n`);
  }
});

server.on('error', (err) => {
  console.error(`serve-dist: ${err.message}`);
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  console.log(`serve-dist: serving ${ROOT} at http://${HOST}:${PORT}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
