// Packed indexes: a split index's chunks in a few pack files, each chunk compressed on its own
// (zlib) and named by its byte range: `chunks/<index id>-t0.pack#<offset>,<length>` (`-d<n>` for document chunks) (see
// crates/folio-core/src/index/pack.rs). The engine reads the chunks one search round needs with
// one HTTP Range request per run of chunks lying end to end in a pack, and decompresses each
// with DecompressionStream, so the module carries no decompressor.

const ADDRESS = /^(.*)#(\d+),(\d+)$/;

/** A packed chunk's URL split into its pack's URL and byte range (end exclusive), or null. */
export function packRange(url) {
  const m = ADDRESS.exec(url);
  if (!m) return null;
  const start = Number(m[2]);
  return { file: m[1], start, end: start + Number(m[3]) };
}

/**
 * Groups reads ({ file, start, end, … }) into runs that one Range request each can fetch: the
 * reads of one pack lying end to end, in order. Returns [{ file, start, end, parts }].
 */
export function packRuns(reads) {
  const sorted = [...reads].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  const runs = [];
  for (const read of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.file === read.file && last.end === read.start) {
      last.end = read.end;
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
 * Why a response to `Range: bytes=<start>-<end - 1>` of `url` cannot be used, or null. A server
 * that ignores Range sends the whole pack with status 200: that is refused before its body is
 * read, with what to do about it.
 */
export function rangeProblem(res, url, { start, end }) {
  if (res.status === 206) {
    const m = /^bytes (\d+)-(\d+)\//.exec(res.headers.get('Content-Range') ?? '');
    if (m && (Number(m[1]) !== start || Number(m[2]) !== end - 1)) {
      return `Folio: the server sent bytes ${m[1]}-${m[2]} of ${url} when bytes ${start}-${end - 1} were asked for`;
    }
    return null;
  }
  // The whole file, when the whole file was asked for, is what was asked for.
  if (start === 0 && Number(res.headers.get('Content-Length')) === end) return null;
  return `Folio: the server ignores HTTP Range requests: asked for bytes ${start}-${end - 1} of ${url}, it sent the whole file (HTTP ${res.status}). ` +
    'This index is packed into a few large files that pages read by byte range; serve the site from a host that honours Range ' +
    '(GitHub Pages, Netlify, Cloudflare, S3 and CDNs do; python3 -m http.server does not; node scripts/serve.mjs does), ' +
    'or rebuild the index with `folio index --pack never` (one file per chunk).';
}
