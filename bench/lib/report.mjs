// The markdown tables: one per corpus, and the scale table.
import path from 'node:path';
import { BENCH } from './paths.mjs';
import { CFG, MB, fb, fms, fs_ } from './util.mjs';

export function row(r) {
  const label = r.label + (r.sampleNote ? ` (${r.sampleNote})` : '');
  if (r.error) return `| ${label} | error: ${r.error.replace(/\|/g, '/')} |||||||||| ${r.ref || ''} |`;
  const m = r.measure || {};
  const memTxt = m.mem ? `${(Math.max(0, m.mem.total - (r.baseline || 0)) / MB).toFixed(1)} MB` : '–';
  const idx = r.idx ? `${fb(r.idx.raw)} / ${fb(r.idx.gz)} / ${r.idx.brEst ? '≈' : ''}${fb(r.idx.br)}` : '–';
  const embedded = r.embedded ? ' (in wasm)' : '';
  return `| ${label} | ${r.buildMs != null ? fs_(r.buildMs) : '–'} | ${idx}${embedded} | ${r.eng ? fb(r.eng.gz) : '–'} | ` +
    `${m.requests ?? '–'} · ${fb(m.firstGz)} (${fb(m.firstRaw)}) | ${m.ttfrMs != null ? fs_(m.ttfrMs) : r.measureError ? 'error' : '–'} | ` +
    `${m.p50 != null ? `${fms(m.p50)} / ${fms(m.p95)}` : r.measureError ? 'error' : '–'} | ${m.zero != null ? `${m.zero}/${m.nq}` : '–'} | ${memTxt} | ${r.stores} | ${r.ref || ''} |`;
}

export function table(corpus, rows) {
  const lines = [];
  lines.push(`### ${corpus.label} (${corpus.nDocs.toLocaleString('en')} docs, ${corpus.queries.length} queries from ${path.relative(BENCH, corpus.queriesFile).startsWith('..') ? corpus.queriesFile : 'bench/' + path.relative(BENCH, corpus.queriesFile)})`);
  lines.push('');
  lines.push('| engine | build | index raw / gz / br | engine gz | before 1st result: req · gz (raw) | cold 1st result | warm p50 / p95 ms | 0-hit | memory | text in index | PEERS.md ref: build · idx gz · cold q · p95 |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|--:|');
  for (const r of rows) lines.push(row(r));
  lines.push('');
  const notes = [];
  for (const r of rows) {
    const m = r.measure;
    const bits = [];
    if (r.error) continue;
    if (m) bits.push(`cold = import ${fms(m.importMs)} + load ${fms(m.loadMs)} + 1st query ${fms(m.queryMs)} ms (median of ${m.ttfrRuns.length}; runs ${m.ttfrRuns.map((x) => Math.round(x)).join(', ')})`);
    if (m) bits.push(`${m.passes} warm passes`);
    if (m && r.id.startsWith('folio')) bits.push(`slowest warm: ${m.slowest.map((x) => `"${x.q}" ${fms(x.ms)} ms`).join(', ')}`);
    if (r.serializeMs != null) bits.push(`serialize ${fms(r.serializeMs)} ms`);
    if (r.buildRuns && r.buildRuns.length > 1) bits.push(`builds ${r.buildRuns.map((x) => fms(x)).join(', ')} ms`);
    if (r.eng && r.engDetail) bits.push(r.engDetail);
    if (r.uiBytes) bits.push(`UI assets not counted: ${fb(r.uiBytes)}`);
    if (r.idx && r.idx.files > 1) bits.push(`index = ${r.idx.files} files`);
    for (const n of r.notes || []) bits.push(n);
    if (r.measureError) bits.push(`browser: error: ${r.measureError}`);
    if (m && m.mem) bits.push(`memory = JS heap ${fb(m.mem.js)} + ArrayBuffers ${fb(m.mem.buffers)} + wasm ${fb(m.mem.wasm)}${m.mem.workers ? ` (incl. ${m.mem.workers} worker)` : ""} − blank page ${fb(r.baseline)}`);
    notes.push(`- ${r.label}: ${bits.join('; ')}`);
  }
  lines.push(...notes);
  return lines.join('\n');
}


export function scaleTable(rows) {
  const gen = CFG.scaleGen.length ? `; generated (bench/gen-corpus.mjs) at ${CFG.scaleGen.join(', ')}, 50 queries each drawn from its documents` : '';
  const lines = [`### Scale: wikipedia-en-leads at ${CFG.scaleSizes.join(', ')} and all docs (evenly spaced samples; same 50 queries)${gen}`, '',
    '| engine | docs | build | index files | index raw / gz | before 1st result: requests · gz | cold 1st result | warm p50 / p95 ms | memory |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|'];
  const order = CFG.scaleEngines;
  rows.sort((a, b) => order.indexOf(a.r?.id) - order.indexOf(b.r?.id));
  for (const { size, n, r, error } of rows) {
    if (error) { lines.push(`| – | ${size} | error: ${error} ||||||| `); continue; }
    const label = r.label + (r.sampleNote ? ` (${r.sampleNote})` : '') + (String(size).startsWith('gen@') ? `, ${size}` : '');
    if (r.error) { lines.push(`| ${label} | ${n.toLocaleString('en')} | error: ${r.error} |||||||`); continue; }
    const m = r.measure || {};
    const mem = m.mem ? `${(Math.max(0, m.mem.total - (r.baseline || 0)) / MB).toFixed(1)} MB` : '–';
    const files = r.indexFiles ? r.indexFiles.length.toLocaleString('en') : '–';
    lines.push(`| ${label} | ${n.toLocaleString('en')} | ${fs_(r.buildMs)} | ${files} | ${r.idx ? `${fb(r.idx.raw)} / ${fb(r.idx.gz)}` : '–'} | ` +
      `${m.requests ?? '–'} · ${fb(m.firstGz)} | ${m.ttfrMs != null ? fs_(m.ttfrMs) : 'error'} | ${m.p50 != null ? `${fms(m.p50)} / ${fms(m.p95)}` : `error${r.measureError ? `: ${r.measureError}` : ''}`} | ${mem} |`);
  }
  return lines.join('\n');
}
