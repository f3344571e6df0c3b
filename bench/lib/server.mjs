// Static file server on 127.0.0.1 for the benchmark pages. Sends files as they are (no
// Content-Encoding: the compressed sizes are computed offline), with COOP/COEP so that pages are
// cross-origin isolated (performance.now() then has 5 µs resolution instead of 100 µs).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { parseRange } from '../../scripts/range.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css',
};

// Every request is logged (path, bytes sent, time): the driver counts the requests of a cold page
// load here, so that requests made by workers (pagefind runs in a Web Worker) are counted too.
export function startServer(root) {
  root = path.resolve(root);
  const requests = [];
  const srv = http.createServer((req, res) => {
    let pathname;
    try { pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
    let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
    if (file !== root && !file.startsWith(root + path.sep)) { res.writeHead(403).end(); return; }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) { file = path.join(file, 'index.html'); st = fs.existsSync(file) ? fs.statSync(file) : null; }
      if (err || !st) { res.writeHead(404).end(); return; }
      // One byte range, as static hosts serve it (a packed Folio index is read that way). A
      // range's bytes are logged as sent: a packed chunk is compressed already, and hosts do not
      // compress a range.
      const range = parseRange(req.headers.range, st.size);
      if (range === 'unsatisfiable') { res.writeHead(416, { 'Content-Range': `bytes */${st.size}` }).end(); return; }
      const { start, end } = range ?? { start: 0, end: st.size };
      res.writeHead(range ? 206 : 200, {
        'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
        'Content-Length': end - start,
        'Accept-Ranges': 'bytes',
        ...(range ? { 'Content-Range': `bytes ${start}-${end - 1}/${st.size}` } : {}),
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Timing-Allow-Origin': '*',
      });
      requests.push({ path: pathname, file, bytes: end - start, range: range ?? null, t: performance.now() });
      if (req.method === 'HEAD' || end === start) { res.end(); return; }
      fs.createReadStream(file, { start, end: end - 1 }).on('error', () => res.destroy()).pipe(res);
    });
  });
  srv.keepAliveTimeout = 1000;
  return new Promise((resolve, reject) => {
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${srv.address().port}`,
      requests,
      close: () => new Promise((r) => { srv.closeAllConnections?.(); srv.close(() => r()); }),
    }));
  });
}
