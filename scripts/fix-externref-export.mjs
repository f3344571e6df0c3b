#!/usr/bin/env node
// Re-points wasm-bindgen's externref table export at the externref table, in place.
//
//   node scripts/fix-externref-export.mjs <folio_bg.wasm>
//
// Debian's binaryen (v108) mis-maps that export when it optimises wasm-bindgen's output: the
// export `__wbindgen_externrefs` comes out naming the function table (table 0) instead of the
// externref table the code uses, so the glue's first `table.set` of a JavaScript value throws.
// The module is otherwise right. scripts/build-web.sh runs this after wasm-opt and then loads
// and searches the module (scripts/check-wasm.mjs) before keeping it. Exits 1, leaving the file
// alone, when the module has no such export or no single externref table.
import { readFileSync, writeFileSync } from 'node:fs';

const EXPORT = '__wbindgen_externrefs';
const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/fix-externref-export.mjs <folio_bg.wasm>');
  process.exit(2);
}
const bytes = readFileSync(file);

/** Reads an unsigned LEB128 at `at`: its value and where it ends. */
function leb(at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return { value, end: at };
  }
}

/** The sections: id, and where their content starts and ends. */
function sections() {
  const out = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const { value: size, end } = leb(at + 1);
    out.push({ id, start: end, end: end + size });
    at = end + size;
  }
  return out;
}

/** The indices of the tables whose element type is externref (0x6f), imported ones first. */
function externrefTables(all) {
  const found = [];
  let index = 0;
  for (const s of all.filter((x) => x.id === 2)) {
    let { value: n, end: at } = leb(s.start);
    for (; n > 0; n--) {
      for (let k = 0; k < 2; k++) { const name = leb(at); at = name.end + name.value; }
      const kind = bytes[at++];
      if (kind === 0x00) at = leb(at).end;
      else if (kind === 0x01) { if (bytes[at] === 0x6f) found.push(index); index++; at = limits(at + 1); }
      else if (kind === 0x02) at = limits(at);
      else if (kind === 0x03) at += 2;
      else throw new Error(`an import of kind ${kind} is not known here`);
    }
  }
  for (const s of all.filter((x) => x.id === 4)) {
    let { value: n, end: at } = leb(s.start);
    for (; n > 0; n--, index++) {
      if (bytes[at] === 0x6f) found.push(index);
      at = limits(at + 1);
    }
  }
  return found;
}

/** Skips a table's or memory's limits at `at`. */
function limits(at) {
  const flags = bytes[at];
  at = leb(at + 1).end;
  return flags & 1 ? leb(at).end : at;
}

const all = sections();
const tables = externrefTables(all);
if (tables.length !== 1) {
  console.error(`fix-externref-export: ${file} has ${tables.length} externref tables; expected one`);
  process.exit(1);
}
for (const s of all.filter((x) => x.id === 7)) {
  let { value: n, end: at } = leb(s.start);
  for (; n > 0; n--) {
    const name = leb(at);
    const text = bytes.subarray(name.end, name.end + name.value).toString('utf8');
    at = name.end + name.value;
    const kind = bytes[at++];
    const index = leb(at);
    if (text === EXPORT && kind === 0x01) {
      if (index.value === tables[0]) {
        console.log(`fix-externref-export: ${EXPORT} already names table ${index.value}`);
        process.exit(0);
      }
      if (index.end - at !== 1 || tables[0] > 0x7f) {
        console.error(`fix-externref-export: cannot re-point ${EXPORT} in place`);
        process.exit(1);
      }
      bytes[at] = tables[0];
      writeFileSync(file, bytes);
      console.log(`fix-externref-export: ${EXPORT} re-pointed from table ${index.value} to table ${tables[0]}`);
      process.exit(0);
    }
    at = index.end;
  }
}
console.error(`fix-externref-export: ${file} exports no table named ${EXPORT}`);
process.exit(1);
