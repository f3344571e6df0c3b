// A WASI module that does in half a second what `folio index` does on 30,000 documents: it grows
// its memory by hundreds of MB while it keeps calling WASI. Node's WASI functions were V8 fast
// API calls that allocate through a memory manager which reports to V8, so a garbage collection
// could start inside a fast call once the memory had grown: the JS heap was corrupted and Node
// died with SIGSEGV or SIGTRAP (nodejs/node#46777). The npm launcher turns fast API calls off;
// tests/npm/pack.test.mjs runs this module under the launcher to keep it so.
//
// The module is assembled here byte by byte (it needs no wasm toolchain):
//
//   (module
//     (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
//     (memory (export "memory") 1)
//     (func (export "_start") (local $i i32)
//       (i32.store (i32.const 0) (i32.const 16))   ;; one iovec at 0: 1 byte at 16
//       (i32.store (i32.const 4) (i32.const 1))
//       (i32.store8 (i32.const 16) (i32.const 46)) ;; "."
//       (loop $again
//         (if (i32.eqz (i32.and (local.get $i) (i32.const every - 1)))
//           (then (drop (memory.grow (i32.const pages)))))
//         (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
//         (br_if $again (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const writes))))))

/** LEB128, unsigned. */
function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** LEB128, signed (i32.const immediates). */
function sleb(n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const name = (text) => [...uleb(text.length), ...Buffer.from(text)];
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, body) => [id, ...uleb(body.length), ...body];
const i32 = (n) => [0x41, ...sleb(n)];

/**
 * The module's bytes: `writes` one-byte writes of "." to standard output, and before every
 * `every`-th write (`every` a power of two) a memory.grow of `pages` 64 KiB pages.
 */
export function stressModule({ writes = 20_000, every = 1024, pages = 256 } = {}) {
  const I32 = 0x7f;
  const code = [
    ...i32(0), ...i32(16), 0x36, 2, 0, // i32.store align=4
    ...i32(4), ...i32(1), 0x36, 2, 0,
    ...i32(16), ...i32(46), 0x3a, 0, 0, // i32.store8
    0x03, 0x40, // loop
    0x20, 0, ...i32(every - 1), 0x71, 0x45, // local.get, i32.and, i32.eqz
    0x04, 0x40, ...i32(pages), 0x40, 0, 0x1a, 0x0b, // if: memory.grow, drop, end
    ...i32(1), ...i32(0), ...i32(1), ...i32(8), 0x10, 0, 0x1a, // call $fd_write, drop
    0x20, 0, ...i32(1), 0x6a, 0x22, 0, ...i32(writes), 0x49, 0x0d, 0, // i+1, tee, lt_u, br_if 0
    0x0b, // end loop
    0x0b, // end function
  ];
  const body = [...vec([[1, I32]]), ...code];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, 4, I32, I32, I32, I32, 1, I32], [0x60, 0, 0]])), // types
    ...section(2, vec([[...name('wasi_snapshot_preview1'), ...name('fd_write'), 0, 0]])), // imports
    ...section(3, vec([[1]])), // functions
    ...section(5, vec([[0, 1]])), // memory: 1 page, no maximum
    ...section(7, vec([[...name('memory'), 2, 0], [...name('_start'), 0, 1]])), // exports
    ...section(10, vec([[...uleb(body.length), ...body]])), // code
  ]);
}
