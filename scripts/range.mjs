// HTTP Range requests (RFC 9110 §14) for the static servers (scripts/serve.mjs,
// bench/lib/server.mjs): a packed index is read with `Range: bytes=<first>-<last>`.

/**
 * The byte range a `Range` header asks of a file of `size` bytes: `{ start, end }` (end
 * exclusive) for one satisfiable range, `'unsatisfiable'` for a range past the end (answered
 * 416), or null for no header or one this server does not serve ranges for (several ranges, other
 * units: answered with the whole file, as the RFC allows).
 */
export function parseRange(header, size) {
  if (typeof header !== 'string') return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start;
  let end;
  if (m[1] === '') {
    // A suffix: the last n bytes.
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    start = Math.max(0, size - n);
    end = size;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size : Math.min(size, Number(m[2]) + 1);
    if (m[2] !== '' && Number(m[2]) < start) return null;
  }
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  return { start, end };
}
