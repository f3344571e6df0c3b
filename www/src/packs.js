// Packed indexes: a split index's chunks in a few pack files, each chunk compressed on its own
// (zlib) and named by its byte range: `chunks/<index id>-t0.pack#<offset>,<length>` (`-d<n>` for document chunks) (see
// crates/folio-core/src/index/pack.rs). The engine reads the chunks one search round needs with
// one HTTP Range request per run of chunks lying close together in a pack (the bytes between
// them, at most PACK_GAP, read and dropped), and decompresses each with DecompressionStream, so
// the module carries no decompressor.

const ADDRESS = /^(.*)#(\d+),(\d+)$/;

/** A packed chunk's URL split into its pack's URL and byte range (end exclusive), or null. */
export function packRange(url) {
  const m = ADDRESS.exec(url);
  if (!m) return null;
  const start = Number(m[2]);
  return { file: m[1], start, end: start + Number(m[3]) };
}

/**
 * The most bytes a Range request reads between two chunks to fetch both at once, so a round's
 * reads of one pack cost at most PACK_GAP wasted bytes per request saved. A request costs its
 * headers (hundreds of bytes) and, over HTTP/1.1, whose six connections a host queue a round's
 * seventh request behind, a round trip; the two-level directory was weighed at about 4 KB a
 * request (12 KB did not pay for three requests and a round). Measured on 100k generated
 * documents, packed (bench/first-query-node.mjs, 50 queries each from a fresh root): chunks end
 * to end only, 21.3 requests and 462.9 KB after the root; 4 KB, 16.5 and 471.1 KB (the median
 * query 39.1 → 47.5 KB); 16 KB, 13.3 and 495.0 KB. On 300k (two-level directory): 22.2 → 19.9
 * requests, 1253.6 → 1257.7 KB (median 54.0 → 57.2 KB); 16 KB, 15.7 and 1295.8 KB (median 98.0).
 */
export const PACK_GAP = 4096;

/**
 * Groups reads ({ file, start, end, … }) into runs that one Range request each can fetch: the
 * reads of one pack, in order, each starting at most `gap` bytes after the end of the one before
 * (0: only reads lying end to end). Returns [{ file, start, end, parts }]; a read's bytes are at
 * `part.start - run.start` in the run's.
 */
export function packRuns(reads, gap = PACK_GAP) {
  const sorted = [...reads].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  const runs = [];
  for (const read of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.file === read.file && read.start - last.end <= gap) {
      last.end = Math.max(last.end, read.end);
      last.parts.push(read);
    } else {
      runs.push({ file: read.file, start: read.start, end: read.end, parts: [read] });
    }
  }
  return runs;
}

/** Decompresses one packed chunk (a zlib stream). */
export async function inflate(bytes) {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('this browser cannot decompress the packed index (no DecompressionStream); rebuild it with `folio index --pack never`');
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The largest pack a server that ignores Range (python3 -m http.server) may send whole: such a
 * pack is kept and sliced, where a larger one is refused (rangeProblem()). A small site packed
 * with `folio index --pack always` (Cranfield's 1,400 abstracts: two packs of about 0.6 MB) thus
 * works on any server, for the whole of its packs on one that ignores Range.
 */
export const WHOLE_PACK_BYTES = 8 << 20;

/**
 * Why a response to `Range: bytes=<start>-<end - 1>` of `url` cannot be used, or null. A server
 * that ignores Range sends the whole pack with status 200: a pack of at most `whole` bytes (its
 * Content-Length) is taken whole; a larger one, or one of unknown length, is refused before its
 * body is read, with what to do about it.
 */
export function rangeProblem(res, url, { start, end }, whole = 0) {
  if (res.status === 206) {
    const m = /^bytes (\d+)-(\d+)\//.exec(res.headers.get('Content-Range') ?? '');
    if (m && (Number(m[1]) !== start || Number(m[2]) !== end - 1)) {
      return `Folio: the server sent bytes ${m[1]}-${m[2]} of ${url} when bytes ${start}-${end - 1} were asked for`;
    }
    return null;
  }
  const length = Number(res.headers.get('Content-Length') ?? NaN);
  // The whole file, when the whole file was asked for, is what was asked for; a small one is kept.
  if (start === 0 && length === end) return null;
  if (length >= end && length <= whole) return null;
  return `Folio: the server ignores HTTP Range requests: asked for bytes ${start}-${end - 1} of ${url}, it sent the whole file (HTTP ${res.status}). ` +
    'This index is packed into a few large files that pages read by byte range; serve the site from a host that honours Range ' +
    '(GitHub Pages, Netlify, Cloudflare, S3 and CDNs do; python3 -m http.server does not; node scripts/serve.mjs does), ' +
    'or rebuild the index with `folio index --pack never` (one file per chunk).';
}
