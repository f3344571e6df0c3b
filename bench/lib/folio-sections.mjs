// Where the bytes of a Folio index go: reads the section table of index.folio
// ("FOLIOIDX", u16 version, u16 reserved, u32 count, (u32 kind, u32 offset, u32 length) x count,
// little-endian; see crates/folio-core/src/index/format.rs) and gzips each section (level 9).
import fs from 'node:fs';
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const gzip = promisify(zlib.gzip);
const NAMES = { 1: 'settings', 2: 'dictionary fst', 3: 'words fst (format ≤ 6)', 4: 'term infos', 5: 'postings', 6: 'positions',
  7: 'field lengths', 8: 'doc meta', 9: 'doc store' };

/** [{name, raw, gz}] largest first, or null when the file is not a Folio index this reader understands. */
export async function folioSections(file) {
  const buf = fs.readFileSync(file);
  if (buf.length < 16 || buf.subarray(0, 8).toString('latin1') !== 'FOLIOIDX') return null;
  const count = buf.readUInt32LE(12);
  if (count > 64 || 16 + count * 12 > buf.length) return null;
  const out = [];
  for (let i = 0; i < count; i++) {
    const kind = buf.readUInt32LE(16 + i * 12);
    const off = buf.readUInt32LE(20 + i * 12);
    const len = buf.readUInt32LE(24 + i * 12);
    if (off + len > buf.length) return null;
    out.push({ name: NAMES[kind] || `section ${kind}`, raw: len, gz: (await gzip(buf.subarray(off, off + len), { level: 9 })).length });
  }
  return out.sort((a, b) => b.raw - a.raw);
}
