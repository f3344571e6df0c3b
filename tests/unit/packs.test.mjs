// Packed indexes in the page code (www/src/packs.js, pack-reads.js): addresses, runs of adjacent
// chunks read with one Range request, decompression, and a server that ignores Range: a small
// pack it sends whole is kept and sliced, a large one refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { PACK_GAP, WHOLE_PACK_BYTES, inflate, packRange, packRuns, rangeProblem } from '../../www/src/packs.js';
import { PackReads } from '../../www/src/pack-reads.js';

test('a packed chunk address names its pack and byte range', () => {
  assert.deepEqual(packRange('https://x/folio/chunks/0000feed-d1.pack#700,30'), { file: 'https://x/folio/chunks/0000feed-d1.pack', start: 700, end: 730 });
  assert.equal(packRange('https://x/folio/chunks/0000feed-t3.folio'), null);
});

test('chunks lying end to end in one pack go in one run; others in runs of their own', () => {
  const read = (file, start, len) => ({ file, start, end: start + len });
  const runs = packRuns([read('b', 0, 5), read('a', 10, 5), read('a', 0, 10), read('a', 20, 5), read('b', 5, 1)], 0);
  assert.deepEqual(runs.map(({ file, start, end, parts }) => [file, start, end, parts.length]), [
    ['a', 0, 15, 2],
    ['a', 20, 25, 1],
    ['b', 0, 6, 2],
  ]);
  assert.deepEqual(packRuns([]), []);
});

test('chunks of one pack at most PACK_GAP bytes apart go in one run, each found at its offset in it', () => {
  const read = (file, start, len) => ({ file, start, end: start + len });
  const far = PACK_GAP + 1;
  const reads = [read('a', 0, 100), read('a', 100 + PACK_GAP, 50), read('a', 150 + PACK_GAP + far, 10), read('b', 200, 10)];
  const runs = packRuns(reads);
  assert.deepEqual(runs.map(({ file, start, end, parts }) => [file, start, end, parts.length]), [
    ['a', 0, 150 + PACK_GAP, 2],
    ['a', 150 + PACK_GAP + far, 160 + PACK_GAP + far, 1],
    ['b', 200, 210, 1],
  ]);
  // The bytes read and dropped per request saved stay within the bound.
  for (const run of runs) {
    const used = run.parts.reduce((sum, p) => sum + p.end - p.start, 0);
    assert.ok(run.end - run.start - used <= PACK_GAP * (run.parts.length - 1));
  }
  assert.equal(packRuns(reads, 0).length, 4, 'gap 0: only chunks lying end to end');
});

test('a packed chunk decompresses; damaged bytes are an error, not a hang', async () => {
  const chunk = new TextEncoder().encode('FOLIOIDX a chunk, a chunk, a chunk');
  assert.deepEqual(await inflate(deflateSync(chunk)), chunk);
  const packed = deflateSync(chunk);
  await assert.rejects(inflate(packed.subarray(0, packed.length - 3)));
  await assert.rejects(inflate(new Uint8Array([1, 2, 3, 4])));
});

test('a server that ignores Range is refused with what to do; a partial answer is taken', () => {
  const res = (status, headers) => ({ status, headers: new Headers(headers) });
  const url = 'https://x/chunks/0000feed-t0.pack';
  assert.equal(rangeProblem(res(206, { 'Content-Range': 'bytes 10-19/5000' }), url, { start: 10, end: 20 }), null);
  const whole = rangeProblem(res(200, { 'Content-Length': '5000' }), url, { start: 10, end: 20 });
  assert.match(whole, /ignores HTTP Range/);
  assert.match(whole, /--pack never/);
  assert.match(rangeProblem(res(206, { 'Content-Range': 'bytes 0-9/5000' }), url, { start: 10, end: 20 }), /bytes 0-9/);
  // Asked for the whole file, the whole file will do.
  assert.equal(rangeProblem(res(200, { 'Content-Length': '20' }), url, { start: 0, end: 20 }), null);
  // A small pack sent whole is taken (to be sliced); a large one, or one of unknown length, is not.
  assert.equal(rangeProblem(res(200, { 'Content-Length': '5000' }), url, { start: 10, end: 20 }, WHOLE_PACK_BYTES), null);
  const large = String(WHOLE_PACK_BYTES + 1);
  assert.match(rangeProblem(res(200, { 'Content-Length': large }), url, { start: 10, end: 20 }, WHOLE_PACK_BYTES), /ignores HTTP Range/);
  assert.match(rangeProblem(res(200, {}), url, { start: 10, end: 20 }, WHOLE_PACK_BYTES), /ignores HTTP Range/);
  assert.match(rangeProblem(res(200, { 'Content-Length': '15' }), url, { start: 10, end: 20 }, WHOLE_PACK_BYTES), /ignores HTTP Range/, 'shorter than the range');
});

/** A fetch that serves `files` (URL → bytes) whole, ignoring Range, as python3 -m http.server does. */
function ignoringRange(files, calls) {
  return async (url, init = {}) => {
    calls.push({ url, range: init.headers?.Range ?? null });
    const bytes = files[url];
    if (!bytes) return new Response(null, { status: 404 });
    return new Response(bytes, { status: 200, headers: { 'Content-Length': String(bytes.length) } });
  };
}

test('a small pack sent whole by a server that ignores Range is read once, kept, and sliced', async (t) => {
  const chunks = ['FOLIOIDX term chunk zero', 'FOLIOIDX term chunk one', 'FOLIOIDX far term chunk'].map((c) => deflateSync(new TextEncoder().encode(c)));
  const filler = new Uint8Array(PACK_GAP + 100); // puts the third chunk in a run of its own
  const pack = Buffer.concat([chunks[0], chunks[1], filler, chunks[2]]);
  const at = [0, chunks[0].length, chunks[0].length + chunks[1].length + filler.length];
  const file = 'https://x/chunks/0000feed-t0.pack';
  const calls = [];
  t.mock.method(globalThis, 'fetch', ignoringRange({ [file]: pack }, calls));
  const reads = new PackReads();
  const options = { gap: PACK_GAP, timeout: 5000 };
  const read = (i) => reads.read({ file, start: at[i], end: at[i] + chunks[i].length }, options).then((b) => new TextDecoder().decode(b));
  // One round: two runs of the pack, both answered with the whole file; the second shares the first's.
  assert.deepEqual(await Promise.all([read(0), read(1), read(2)]), ['FOLIOIDX term chunk zero', 'FOLIOIDX term chunk one', 'FOLIOIDX far term chunk']);
  assert.equal(calls.length, 2, 'one request per run');
  assert.ok(calls.every((c) => /^bytes=\d+-\d+$/.test(c.range)), JSON.stringify(calls));
  // A later round slices the kept pack: no request.
  assert.equal(await read(1), 'FOLIOIDX term chunk one');
  assert.equal(calls.length, 2);
});

test('a large pack sent whole is refused with what to do, and not kept', async (t) => {
  const file = 'https://x/chunks/0000feed-d0.pack';
  const calls = [];
  const big = new Uint8Array(WHOLE_PACK_BYTES + 1);
  t.mock.method(globalThis, 'fetch', ignoringRange({ [file]: big }, calls));
  const reads = new PackReads();
  const options = { gap: PACK_GAP, timeout: 5000 };
  await assert.rejects(reads.read({ file, start: 100, end: 200 }, options), /ignores HTTP Range.*--pack never/s);
  await assert.rejects(reads.read({ file, start: 100, end: 200 }, options), /ignores HTTP Range/);
  assert.equal(calls.length, 2, 'tried again: nothing was kept');
});

test('the typing pause tells a packed term chunk from a document chunk by its pack', async () => {
  const { TYPING, fetchPause } = await import('../../www/src/engine.js');
  assert.equal(fetchPause(['chunks/0000feed-t0.pack#0,4000', 'chunks/0000feed-t0.pack#4000,3000']), 0, 'two term chunks go at once');
  assert.ok(fetchPause(['chunks/0000feed-d2.pack#800,2000']) >= TYPING.pauseMs, 'a document chunk waits');
});
