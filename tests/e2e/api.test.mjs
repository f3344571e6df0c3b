// Browser tests of the JavaScript API of folio.js: Folio.init / search, the documented response
// shape, errors as rejected promises, and the worker and main-thread engines agreeing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildFixtureIndex, openPage, startSite } from './helpers.mjs';

describe('the JavaScript API (folio.js)', () => {
  let site;
  let page;
  let context;
  const problems = [];

  before(async () => {
    site = await startSite();
    ({ page, context } = await openPage(site, problems));
  });

  after(async () => {
    await context?.close().catch(() => {});
    await site?.stop();
  });

  test('Folio.init() resolves to an engine whose search() returns the documented shape', async () => {
    const report = await page.evaluate(async () => {
      const { default: Folio } = await import('./pkg/folio.js');
      const folio = await Folio.init();
      const out = { problems: [], mode: folio.mode, index: folio.index };
      const inText = (ranges, text, where) => {
        if (!Array.isArray(ranges)) return out.problems.push(`${where}: highlights is not an array`);
        for (const r of ranges) {
          const ok = Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] >= 0 && r[0] < r[1] && r[1] <= text.length;
          if (!ok) out.problems.push(`${where}: bad range ${JSON.stringify(r)} for text of length ${text.length}`);
        }
      };
      const keys = (o) => Object.keys(o).sort().join(',');
      for (const q of ['Puzanov', 'пленум', 'prisoners of war', 'Ivanov citizenship', 'Korea']) {
        const res = await folio.search(q, { limit: 5 });
        if (keys(res) !== 'complete,didYouMean,facets,fallback,hits,query,sortKeys,terms,total') out.problems.push(`${q}: response keys ${keys(res)}`);
        if (keys(res.facets) !== 'estimated,filters,lang,type,year') out.problems.push(`${q}: facet keys ${keys(res.facets)}`);
        if (Object.getPrototypeOf(res) !== Object.prototype) out.problems.push(`${q}: not a plain object`);
        if (typeof res.fallback !== 'boolean' || !Number.isInteger(res.total)) out.problems.push(`${q}: fallback/total types`);
        if (res.hits.length > 5) out.problems.push(`${q}: limit 5 gave ${res.hits.length} hits`);
        for (const h of res.hits) {
          const want = 'anchor,date,id,lang,meta,parent,score,section,sections,snippet,title,titleHighlights,type,url';
          if (keys(h) !== want) out.problems.push(`${q}: hit keys ${keys(h)}`);
          if (h.date !== null && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(h.date)) out.problems.push(`${q}: date ${h.date}`);
          inText(h.titleHighlights, h.title, `${q} title`);
          inText(h.snippet?.highlights, h.snippet?.text ?? '', `${q} snippet`);
          // Sections: best first, the first the one the hit describes.
          if (!Array.isArray(h.sections) || h.sections.length > 5) out.problems.push(`${q}: sections ${JSON.stringify(h.sections)}`);
          for (const s of h.sections) {
            if (keys(s) !== 'anchor,score,snippet,title') out.problems.push(`${q}: section keys ${keys(s)}`);
            inText(s.snippet?.highlights, s.snippet?.text ?? '', `${q} section snippet`);
          }
          const scores = h.sections.map((s) => s.score);
          if (scores.some((x, i) => i > 0 && x > scores[i - 1])) out.problems.push(`${q}: sections not best first ${scores}`);
          if (h.sections.length && (h.sections[0].title !== h.section || h.sections[0].snippet.text !== h.snippet.text)) out.problems.push(`${q}: sections[0] is not the hit's section`);
        }
      }
      // The reader view: the stored document, its matches marked; null for an unknown id.
      const doc = await folio.document('001_fddf3f08cfdc8dc7', 'пленум');
      const docKeys = 'best,body,bodyHighlights,citation,citationHighlights,date,id,lang,parent,sections,summary,summaryHighlights,title,titleHighlights,type,url';
      if (keys(doc) !== docKeys) out.problems.push(`document keys ${keys(doc)}`);
      inText(doc.bodyHighlights, doc.body, 'document body');
      out.documentMarks = [...new Set(doc.bodyHighlights.map(([a, b]) => doc.body.slice(a, b).toLowerCase()))].sort();
      out.documentBest = doc.sections[doc.best]?.title;
      out.noDocument = await folio.document('no such id', 'пленум');
      out.badDocument = await folio.document(42).then(() => 'resolved', (e) => e.message);
      const all = await folio.search('Korea');
      const second = await folio.search('Korea', { limit: 1, offset: 1 });
      if (second.hits[0]?.id !== all.hits[1]?.id) out.problems.push('offset 1 does not give the second hit');
      const filtered = await folio.search('Korea', { type: ['telegram'], dateFrom: '1956', sort: 'date-desc', limit: 20 });
      out.filtered = { total: filtered.total, types: [...new Set(filtered.hits.map((h) => h.type))], dates: filtered.hits.map((h) => h.date), facetTelegram: filtered.facets.type.telegram };
      out.info = await folio.info();
      out.viaDefault = (await Folio.search('Puzanov')).hits[0]?.date;
      return out;
    });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.documentMarks.filter((w) => !w.startsWith('пленум')), ['plenum'], 'the Russian forms and the English word transliterated');
    assert.ok(report.documentMarks.includes('пленумом'), report.documentMarks.join());
    assert.equal(report.documentBest, 'Original Scan');
    assert.equal(report.noDocument, null);
    assert.match(report.badDocument, /^Folio: document\(id, query\): the id must be a string, got number 42/);
    // 14 documents: searched on the page's thread unless `worker` says otherwise (api.js defaultThread).
    assert.equal(report.mode, 'main');
    assert.equal(report.index.documents, 14);
    assert.equal(report.info.documents, 14);
    assert.equal(report.filtered.total, 6);
    assert.deepEqual(report.filtered.types, ['telegram']);
    assert.deepEqual(report.filtered.dates, [...report.filtered.dates].sort().reverse());
    assert.equal(report.filtered.facetTelegram, 6);
    assert.equal(report.viaDefault, '1957-07-08');
  });

  test('errors are rejected promises with messages that say what is wrong', async () => {
    const errors = await page.evaluate(async () => {
      const Folio = (await import('./pkg/folio.js')).default;
      const folio = await Folio.init();
      const main = await Folio.init({ worker: false });
      const attempt = async (what, fn) => {
        try {
          const p = fn();
          if (!(p instanceof Promise)) return { what, error: 'did not return a promise' };
          await p;
          return { what, error: 'resolved' };
        } catch (err) {
          return { what, isError: err instanceof Error, message: String(err?.message) };
        }
      };
      return [
        await attempt('unknown option', () => folio.search('Korea', { limti: 5 })),
        await attempt('unknown option (main thread)', () => main.search('Korea', { limti: 5 })),
        await attempt('bad limit', () => folio.search('Korea', { limit: 0 })),
        await attempt('limit not a number', () => folio.search('Korea', { limit: 'ten' })),
        await attempt('bad sort', () => folio.search('Korea', { sort: 'newest' })),
        await attempt('bad date', () => folio.search('Korea', { dateFrom: 'last year' })),
        await attempt('query not a string', () => folio.search(42)),
        await attempt('options not an object', () => folio.search('Korea', 'limit=5')),
        await attempt('unknown init option', () => Folio.init({ indx: 'x.folio' })),
        await attempt('index 404', () => Folio.init({ index: 'missing/index.folio' })),
        await attempt('index 404 (main thread)', () => Folio.init({ index: 'missing/index.folio', worker: false })),
        await attempt('index not an index', () => Folio.init({ index: new Uint8Array([1, 2, 3, 4]) })),
        await attempt('wasm 404', () => Folio.init({ wasm: 'nowhere/folio_bg.wasm' })),
        await attempt('closed engine', async () => {
          const e = await Folio.init();
          e.close();
          return e.search('Korea');
        }),
      ];
    });
    const by = Object.fromEntries(errors.map((e) => [e.what, e]));
    for (const e of errors) {
      assert.ok(e.isError, `${e.what}: ${e.error ?? 'not an Error'}`);
      assert.match(e.message, /^Folio/, `${e.what}: ${e.message}`);
    }
    assert.match(by['unknown option'].message, /limti/);
    assert.equal(by['unknown option (main thread)'].message, by['unknown option'].message, 'same message with and without a worker');
    assert.match(by['bad limit'].message, /limit must be between 1 and 1000/);
    assert.match(by['limit not a number'].message, /invalid search options/);
    assert.match(by['bad sort'].message, /newest/);
    assert.match(by['bad date'].message, /not a date/);
    assert.match(by['query not a string'].message, /query must be a string/);
    assert.match(by['options not an object'].message, /expected an object/);
    assert.match(by['unknown init option'].message, /unknown option "indx"/);
    assert.match(by['index 404'].message, /could not load the index from http:\/\/127\.0\.0\.1:\d+\/missing\/index\.folio: HTTP 404/);
    assert.equal(by['index 404 (main thread)'].message, by['index 404'].message);
    assert.match(by['index not an index'].message, /the index could not be opened/);
    assert.match(by['wasm 404'].message, /could not load the search engine \(folio_bg\.wasm\) from .*nowhere\/folio_bg\.wasm: HTTP 404/);
    assert.match(by['closed engine'].message, /closed/);
    // The 404s above are expected; nothing else may have gone wrong.
    assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
    problems.length = 0;
  });

  test('the worker and the main-thread fallback give identical results', async () => {
    const differences = await page.evaluate(async () => {
      const Folio = (await import('./pkg/folio.js')).default;
      const inWorker = await Folio.init({ worker: true });
      const onMain = await Folio.init({ worker: false });
      if (inWorker.mode !== 'worker' || onMain.mode !== 'main') return [`modes: ${inWorker.mode} ${onMain.mode}`];
      const cases = [
        ['Puzanov'], ['пленум'], ['Ким Ир Сен'], ['Mikoyan', { sort: 'date' }], ['Korea', { limit: 3, offset: 4 }],
        ['Korea', { type: ['telegram', 'journal'], date: '1955..1956-09-20' }], ['"prisoners of war"'], ['Korea -telegram'],
        ['puzanof'], ['zqxvwjkq'], ['', {}], ['Kor', { prefixLast: false }],
      ];
      const out = [];
      for (const [q, o] of cases) {
        const a = JSON.stringify(await inWorker.search(q, o));
        const b = JSON.stringify(await onMain.search(q, o));
        if (a !== b) out.push(`${q} ${JSON.stringify(o)}:\n  worker ${a.slice(0, 300)}\n  main   ${b.slice(0, 300)}`);
      }
      return out;
    });
    assert.deepEqual(differences, []);
  });

  test('a search in the worker leaves the page responsive (no long task while typing)', async () => {
    const longest = await page.evaluate(async () => {
      const Folio = (await import('./pkg/folio.js')).default;
      const folio = await Folio.init();
      let worst = 0;
      let last = performance.now();
      let running = true;
      const tick = () => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
        if (running) setTimeout(tick, 0);
      };
      tick();
      for (const q of ['K', 'Ko', 'Kor', 'Kore', 'Korea', 'Korea w', 'Korea wa', 'Korea war']) await folio.search(q, { limit: 50 });
      running = false;
      return worst;
    });
    assert.ok(longest < 50, `the main thread was blocked for ${longest.toFixed(1)} ms`);
  });

  test('a truncated, bit-flipped, wrong-version or wrong-magic index is named, and a good one loads afterwards', async () => {
    const good = [...readFileSync(buildFixtureIndex())];
    const messages = await page.evaluate(async (bytes) => {
      const { default: Folio } = await import('./pkg/folio.js');
      const index = new Uint8Array(bytes);
      const flipped = index.slice();
      flipped[Math.floor(flipped.length / 2)] ^= 0x10;
      const version = index.slice();
      version[8] = 99;
      const magic = index.slice();
      magic[0] = 0x58;
      const out = {};
      const cases = { truncated: index.slice(0, index.length - 100), flipped, version, magic };
      for (const [name, bytesOf] of Object.entries(cases)) {
        try {
          await Folio.init({ index: bytesOf });
          out[name] = 'accepted';
        } catch (e) {
          out[name] = String(e.message);
        }
      }
      const folio = await Folio.init({ index });
      out.after = (await folio.search('vase')).total;
      return out;
    }, good);
    assert.match(messages.truncated, /damaged|checksum/i);
    assert.match(messages.flipped, /checksum/i);
    assert.match(messages.version, /version 99/);
    assert.match(messages.magic, /not a Folio index/);
    for (const name of ['truncated', 'flipped', 'version', 'magic']) assert.match(messages[name], /^Folio/);
    assert.ok(messages.after > 0, 'a good index loads after the failures');
  });

  test('no console errors or failed requests beyond the expected ones', () => {
    assert.deepEqual(problems, []);
  });
});
