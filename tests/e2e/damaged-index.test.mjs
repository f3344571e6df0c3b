// A damaged or mismatched index given to Folio.init() is a rejected promise that names the
// problem (truncated, bit-flipped, wrong version, wrong magic), and the page keeps working.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildFixtureIndex, openPage, startSite } from './helpers.mjs';

describe('damaged indexes', () => {
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

  test('each kind of damage is named, and a good index still loads afterwards', async () => {
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
});
