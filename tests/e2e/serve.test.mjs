// Tests of scripts/serve.mjs, the demo's static server (no browser needed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';

/** Sends the path exactly as written (fetch would normalise away the `..`). */
function get(port, rawPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the demo server', () => {
  let dir;
  let server;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'folio-serve-'));
    const site = path.join(dir, 'site');
    mkdirSync(path.join(site, 'pkg'), { recursive: true });
    writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(site, 'pkg', 'folio_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    writeFileSync(path.join(site, 'app.js'), 'export {};');
    writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
    symlinkSync(path.join(dir, 'secret.txt'), path.join(site, 'leak.txt'));
    server = await startServer({ root: site, port: 0 });
  });

  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('it serves index.html for the site root', async () => {
    const res = await get(server.port, '/');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
  });

  test('it serves .wasm as application/wasm and .js as JavaScript', async () => {
    const wasm = await get(server.port, '/pkg/folio_bg.wasm');
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers['content-type'], 'application/wasm');
    const js = await get(server.port, '/app.js?v=1');
    assert.match(js.headers['content-type'], /^text\/javascript/);
  });

  test('it never serves a file outside its directory', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/pkg/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt', '//../secret.txt', '/leak.txt', '/%00', '/%E0%A4%A']) {
      const res = await get(server.port, p);
      assert.ok(res.status === 404 || res.status === 400, `${p} answered ${res.status}`);
      assert.doesNotMatch(res.body, /SECRET/, `${p} leaked the file`);
    }
  });

  test('it answers only GET and HEAD', async () => {
    assert.equal((await get(server.port, '/', 'HEAD')).status, 200);
    assert.equal((await get(server.port, '/', 'POST')).status, 405);
  });
});
