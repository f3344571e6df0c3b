// The packed chunks of one index, read by HTTP range (packs.js): the reads one search round asks
// for in a turn of the event loop go together, one Range request per run of chunks lying close
// together in a pack, and each chunk is decompressed on its own. A server that ignores Range
// (python3 -m http.server) sends a small pack whole: it is kept and sliced, once for the session,
// and the round's other requests for that pack are dropped at their headers to share it.

import { folioMessage } from './errors.js';
import { fetchWith } from './fetching.js';
import { WHOLE_PACK_BYTES, inflate, packRuns } from './packs.js';

const bare = (err) => folioMessage(err).replace(/^Folio: /, '');

export class PackReads {
  constructor() {
    this.pending = []; // reads asked for in this turn of the event loop
    this.wholes = new Map(); // pack URL → promise of its bytes, sent whole by a server that ignores Range
  }

  /**
   * Reads one packed chunk (`range`: its pack's URL and byte range) and decompresses it;
   * `options`: { gap, timeout }, the most bytes a request reads between two chunks (packRuns())
   * and fetch's timeout.
   */
  read(range, options) {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...range, resolve, reject });
      if (this.pending.length === 1) queueMicrotask(() => this.flush(options));
    });
  }

  flush({ gap, timeout }) {
    for (const run of packRuns(this.pending.splice(0), gap)) {
      this.fetchRun(run, timeout).then(({ bytes, offset }) => {
        for (const part of run.parts) {
          inflate(bytes.subarray(part.start - offset, part.end - offset)).then(part.resolve, (err) => {
            part.reject(new Error(`Folio: the index chunk at bytes ${part.start}-${part.end - 1} of ${run.file} does not decompress (${bare(err)}); publish index.folio and chunks/ from one build`));
          });
        }
      }, (err) => {
        for (const part of run.parts) part.reject(err);
      });
    }
  }

  /**
   * The bytes of `run` ({ file, start, end }) and where the first of them lies in the pack: the
   * range asked for, or the whole pack when the server sent it whole (rangeProblem() lets a small
   * one through).
   */
  async fetchRun(run, timeout) {
    const kept = this.wholes.get(run.file);
    if (kept) return { bytes: await kept, offset: 0 };
    const range = { start: run.start, end: run.end };
    // Not through the HTTP cache: Chromium's cache lets one request per URL at a time, so the
    // reads of one pack would queue (and some go twice); the engine keeps what it read.
    return fetchWith(run.file, 'a pack of the index', async (res) => {
      if (res.status === 206) return { bytes: new Uint8Array(await res.arrayBuffer()), offset: run.start };
      let whole = this.wholes.get(run.file);
      if (whole) {
        res.body?.cancel().catch(() => {}); // another request of this round is downloading it
      } else {
        whole = res.arrayBuffer().then((buffer) => new Uint8Array(buffer));
        this.wholes.set(run.file, whole);
        whole.catch(() => {
          if (this.wholes.get(run.file) === whole) this.wholes.delete(run.file); // ask again next time
        });
      }
      return { bytes: await whole, offset: 0 };
    }, { timeout, range, cache: 'no-store', whole: WHOLE_PACK_BYTES });
  }
}
