// The content type of each file the app's build holds, for every local server in the repo:
// tests/serve-dist.mjs, the browser tests that serve their own copy of the build, and the
// benchmarks (bench/common.mjs, bench/engines/run.mjs).
import { extname } from 'node:path';

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
