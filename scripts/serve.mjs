#!/usr/bin/env node
// A tiny static file server for the Folio demo. No dependencies.
//
//   node scripts/serve.mjs [dir]        serves dir (default: www/) on 127.0.0.1:$PORT (default 8080)
//
// Serves only files inside the chosen directory (no `..`, no symlinks out of it),
// only GET and HEAD, with the right MIME type for .wasm so that streaming
// compilation works. Also importable: `startServer({ root, port, host })`.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRange } from './range.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

// Same policy the demo is meant to be deployed with: no inline script, no eval,
// only the wasm compilation that the search engine needs.
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function send(res, status, text, extra = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS, ...extra });
  res.end(`${text}\n`);
}

/** Maps a request URL to a real file path inside root, or null. */
async function resolveInside(root, rawUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname);
  } catch {
    return null; // malformed URL or percent-encoding
  }
  if (pathname.includes('\0')) return null;
  let file = path.resolve(root, `.${path.posix.normalize(`/${pathname}`)}`);
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  try {
    let st = await fs.stat(file);
    if (st.isDirectory()) {
      file = path.join(file, 'index.html');
      st = await fs.stat(file);
    }
    if (!st.isFile()) return null;
    // Refuse symlinks that lead out of root.
    const real = await fs.realpath(file);
    const realRel = path.relative(root, real);
    if (realRel.startsWith('..') || path.isAbsolute(realRel)) return null;
    return { file: real, size: st.size };
  } catch {
    return null;
  }
}

export async function startServer({ root = 'www', port = 8080, host = '127.0.0.1', log = false } = {}) {
  const realRoot = await fs.realpath(path.resolve(root));
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const found = await resolveInside(realRoot, req.url ?? '/');
    if (log) console.log(`${req.method} ${req.url} -> ${found ? 200 : 404}`);
    if (!found) {
      send(res, 404, 'Not Found');
      return;
    }
    const type = MIME[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    // One byte range, as static hosts serve it: a packed index is read that way.
    const range = parseRange(req.headers.range, found.size);
    if (range === 'unsatisfiable') {
      send(res, 416, 'Range Not Satisfiable', { 'Content-Range': `bytes */${found.size}` });
      return;
    }
    const { start, end } = range ?? { start: 0, end: found.size };
    res.writeHead(range ? 206 : 200, {
      'Content-Type': type,
      'Content-Length': end - start,
      'Accept-Ranges': 'bytes',
      ...(range ? { 'Content-Range': `bytes ${start}-${end - 1}/${found.size}` } : {}),
      'Cache-Control': 'no-cache',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD' || end === start) {
      res.end();
      return;
    }
    createReadStream(found.file, { start, end: end - 1 })
      .on('error', () => res.destroy())
      .pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const url = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}/`;
  return { server, url, port: addr.port, close: () => new Promise((r) => server.close(r)) };
}

// Run as a program.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(process.argv[2] ?? path.join(here, '..', 'www'));
  const port = Number.parseInt(process.env.PORT ?? '8080', 10);
  const host = process.env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be a number from 0 to 65535, got "${process.env.PORT}"`);
    process.exit(2);
  }
  try {
    const { url } = await startServer({ root, port, host, log: process.env.SERVE_LOG === '1' });
    console.log(`Serving ${path.relative(process.cwd(), root) || '.'}/ at ${url}  (Ctrl+C to stop)`);
  } catch (err) {
    if (err.code === 'EADDRINUSE') {
      console.error(`serve: port ${port} on ${host} is already in use; try PORT=8081`);
    } else {
      console.error(`serve: ${err.message}`);
    }
    process.exit(1);
  }
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
}
