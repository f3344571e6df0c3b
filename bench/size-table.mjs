#!/usr/bin/env node
// Where the wasm module's bytes go: per crate and per function, from twiggy.
//
//   node bench/size-table.mjs [--before old.names.wasm] [module.names.wasm] [shipped folio_bg.wasm] [folio-engine.js] > bench/size-table.md
//
// The module file is the wasm-opt input with its name section (scripts/build-web.sh keeps it as
// target/size/web-pkg-bare.names.wasm for the site module). It is optimised here again as
// build-web.sh does but with `-g` (names kept), so the functions are sized as they ship. With
// --before, the per-crate table has a column for an older module's names.wasm too. Needs twiggy
// (`cargo install twiggy`) and wasm-opt. Sizes are raw bytes of the code and data sections;
// gzip totals are given for the shipped files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--before');
const before = at >= 0 ? args.splice(at, 2)[1] : null;
const [input = 'target/size/web-pkg-bare.names.wasm', shipped = 'target/web-pkg-bare/folio_bg.wasm',
  glue = 'dist/site/folio-engine.js'] = args;
const TOP = 30;

const work = mkdtempSync(path.join(tmpdir(), 'folio-size-'));
// The same passes and features as scripts/build-web.sh (Debian's binaryen needs the features).
const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
const twiggy = (...a) => execFileSync('twiggy', a, { maxBuffer: 1 << 28 }).toString();
/** The module `file` optimised with names kept: its path and twiggy's items. */
function optimised(file, name) {
  const opt = path.join(work, name);
  execFileSync('wasm-opt', ['--low-memory-unused', '-Oz', '--converge', '-g', ...features, file, '-o', opt]);
  return { opt, items: JSON.parse(twiggy('top', '-f', 'json', opt)) };
}
const { opt, items } = optimised(input, 'opt.wasm');

// `gzip -9`, as scripts/build-web.sh reports the sizes (Node's zlib gives a few hundred bytes more).
const gz = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 28 }).length;
const kb = (n) => (n / 1024).toFixed(1);

// The crate an item's bytes are charged to: the first crate named in it that is not the standard
// library (a `Vec<folio_core::X>` method is folio-core's), else the standard library's module.
const STD = new Set(['core', 'alloc', 'std']);
function owner(raw) {
  const name = raw.replace(/\[[0-9a-f]+\]/g, '');
  if (/^data segment|^data\[\d+\]$/.test(name)) return 'data segments (tables, strings)';
  if (/shim$/.test(name)) return 'wasm-bindgen export shims (with what wasm-opt inlined into them)';
  if (/^(code|elem|table|type|global|import|export)\[|section|^"function names"|custom section/.test(name)) return 'wasm structure (types, imports, exports, names)';
  if (/^__wbg|^__wbindgen|wasm_bindgen|^__externref/.test(name)) return 'wasm-bindgen glue';
  if (/serde|to_js/.test(name)) return 'serde serializers (responses)';
  if (/[^a-z_]fmt::|^fmt::/.test(name)) return 'core::fmt (formatting)';
  const crates = [...name.matchAll(/(?:^|[^:a-z0-9_])([a-z_][a-z0-9_]*)::/g)].map((m) => m[1]);
  const own = crates.find((c) => !STD.has(c) && c !== 'impl');
  if (own) return own;
  if (crates.includes('fmt') || /fmt::|float_to_|Formatter|Display|Debug/.test(name)) return 'core::fmt (formatting)';
  if (crates[0] && STD.has(crates[0])) {
    const mod = name.match(/^<?[a-z]+::([a-z_]+)::/);
    return `${crates[0]}${mod ? `::${mod[1]}` : ''}`;
  }
  if (/dlmalloc|rlsf|malloc|free|realloc/.test(name)) return 'allocator';
  if (/^mem(cpy|set|move|cmp)|^__/.test(name)) return 'compiler-builtins';
  return 'other';
}

// The name section is not shipped (wasm-opt drops it without -g).
const NAMES = /^"(function|data|local|type|global|table|elem|memory|label|field|module) names" subsection$|^custom section/;
/** Per-crate bytes of twiggy's items, and their total. */
function crates(all) {
  const named = all.filter((i) => !NAMES.test(i.name));
  const by = new Map();
  for (const i of named) {
    const k = owner(i.name);
    const e = by.get(k) || { bytes: 0, n: 0 };
    e.bytes += i.shallow_size; e.n += 1;
    by.set(k, e);
  }
  return { named, by, total: named.reduce((a, i) => a + i.shallow_size, 0) };
}
const { named, by: byCrate, total } = crates(items);
const old = before ? crates(optimised(before, 'before.wasm').items) : null;

const out = [];
out.push('# Where the site module\'s bytes go', '');
out.push(`Made by \`node bench/size-table.mjs\` after \`bash scripts/build-web.sh\` (twiggy ${twiggy('--version').trim().split(' ').pop()}, ` +
  `${execFileSync('wasm-opt', ['--version']).toString().trim()}), on the site module (no built-in index, English/Russian).`, '');
const ship = statSync(shipped).size;
out.push(`Shipped \`${path.basename(shipped)}\`: ${ship} B raw, ${gz(shipped)} B gzip -9; ` +
  `\`${path.basename(glue)}\`: ${gz(glue)} B gzip; engine (wasm + glue) ${kb(gz(shipped) + gz(glue))} KB gzip.`, '');
out.push(`Items below: the wasm-opt input re-optimised with names kept (${total} B raw; the names are not counted).`, '');
if (old) {
  out.push(`## Per crate, before (\`${before}\`, ${old.total} B) and now`, '', '| crate | bytes before | bytes now | change | % now | items now |', '|---|---:|---:|---:|---:|---:|');
  const keys = new Set([...byCrate.keys(), ...old.by.keys()]);
  const now = (k) => byCrate.get(k) || { bytes: 0, n: 0 };
  for (const k of [...keys].sort((a, b) => Math.max(now(b).bytes, old.by.get(b)?.bytes || 0) - Math.max(now(a).bytes, old.by.get(a)?.bytes || 0))) {
    const b = old.by.get(k)?.bytes || 0;
    const e = now(k);
    out.push(`| ${k} | ${b} | ${e.bytes} | ${e.bytes - b} | ${(100 * e.bytes / total).toFixed(1)} | ${e.n} |`);
  }
  out.push(`| **total** | ${old.total} | ${total} | ${total - old.total} | 100 | ${named.length} |`);
} else {
  out.push('## Per crate', '', '| crate | bytes | % | items |', '|---|---:|---:|---:|');
  for (const [k, e] of [...byCrate].sort((a, b) => b[1].bytes - a[1].bytes)) {
    out.push(`| ${k} | ${e.bytes} | ${(100 * e.bytes / total).toFixed(1)} | ${e.n} |`);
  }
}
out.push('', `## Top ${TOP} items (shallow)`, '', '| bytes | % | item |', '|---:|---:|---|');
const clean = (s) => s.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]+\]/g, '').replace(/\|/g, '\\|').slice(0, 140);
for (const i of named.slice(0, TOP)) out.push(`| ${i.shallow_size} | ${i.shallow_size_percent.toFixed(2)} | \`${clean(i.name)}\` |`);
out.push('', `## Dominators (retained size, top ${TOP})`, '', '```');
out.push(...twiggy('dominators', '-d', '3', '-r', String(TOP), opt).trimEnd().split('\n').map(clean));
out.push('```', '', '## Generic functions instantiated many times (twiggy monos)', '', '```');
out.push(...twiggy('monos', '-g', '-m', '20', opt).trimEnd().split('\n').map((s) => clean(s).slice(0, 160)));
out.push('```');
rmSync(work, { recursive: true, force: true });
console.log(out.join('\n'));
