#!/usr/bin/env node
// Dependency-free static file server for the release build in dist/, used by the Playwright
// tests (see playwright.config.ts). Serves exactly the files that exist: no SPA rewrites, so a
// broken link or a missing asset shows up as a 404 in the tests.
//
//   node tests/serve-dist.mjs [PORT] [DIR]  (or PORT=… in the environment; default 4173;
//                                          DIR defaults to dist/, e.g. a copy a test changes)

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentType, precompressed } from './mime.mjs';

const HOST = '127.0.0.1';
const PORT = Number(process.argv[2] ?? process.env.PORT ?? 4173);
const ROOT = process.argv[3]
  ? resolve(process.argv[3])
  : resolve(fileURLToPath(new URL('..', import.meta.url)), 'dist');


// Compressed as a static host serves them (gzip, the size budget's measure): the build's
// precompressed copy when there is one that matches the file (as nginx's gzip_static sends it),
// else gzip -9 on the fly; fonts and images are compressed already. Each file is compressed
// once per version (path, size, mtime).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.webmanifest', '.txt', '.xml']);
const gzipped = new Map();
async function gzipOf(file, info) {
  const key = `${file}\0${info.size}\0${info.mtimeMs}`;
  let body = gzipped.get(key);
  if (!body) {
    const raw = await readFile(file);
    const level = info.size > 4 << 20 ? 6 : 9;
    body = (await precompressed(file, raw)) ?? gzipSync(raw, { level });
    gzipped.set(key, body);
  }
  return body;
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
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const body = await gzipOf(file, info);
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      return res.end(req.method === 'HEAD' ? undefined : body);
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
