// End-to-end tests of keeping and locking down: CSV and chart export, saved
// calculations (and storage that is damaged, old, newer, full or switched off),
// the Content-Security-Policy on every route, the new-version notice, and every
// tool computing offline after one visit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { servedApp, serveDist, openPage, discoverRoutes, root, settled, untilControlled } from './harness.mjs';

const app = servedApp();
const open = (hash, options) => openPage(app.browser, app.base, hash, options);

/** Each page that keeps calculations: a link with numbers that differ from the
 * defaults, and the result that shows it reopened the same calculation. */
const PAGES = [
  { tool: 'design', hash: '#/design?p=3&mde=18&daily=10000', result: 'n-control' },
  { tool: 'analyze', hash: '#/analyze?n=12000,12000&x=600,690', result: 'p-1' },
  { tool: 'roi', hash: '#/roi?cost=400000,100000&gmv=3000000&margin=25', result: 'roi' },
  { tool: 'funnel', hash: '#/funnel?visitors=200000&rates=40,20,30&aov=150', result: 'gmv' },
  { tool: 'peeking', hash: '#/learn/peeking?looks=8&sims=2000', result: 'peek-theory' },
  { tool: 'power', hash: '#/learn/power?p=4&mde=15&n=9000&sims=2000', result: 'power-theory' },
];
const TOOLS = PAGES.slice(0, 4);

const value = (page, id) => page.getAttribute(`[data-testid="${id}"]`, 'data-value');

/** Reads CSV as a spreadsheet does: quoted fields may hold commas, quotes, lines. */
function readCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else if (c !== '\r') cell += c;
  }
  return rows;
}

/** Every result on the page with its data-value, once the simulators have finished. */
async function pageValues(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-progress"], [data-testid="mc-progress"], .running'));
  return page.$$eval('main [data-testid][data-value]', (els) => els.map((e) => [e.dataset.testid, e.dataset.value]));
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

for (const lang of ['en', 'zh']) {
  for (const { tool, hash, result } of TOOLS) {
    test(`${tool}: the CSV holds the page's link, inputs and every data-value (${lang})`, async () => {
      const { context, page, problems } = await open(`${hash}&lang=${lang}`, { lang });
      await page.waitForSelector(`[data-testid="${result}"][data-value]`);
      const shown = await pageValues(page);
      assert.ok(shown.length >= 4, `${tool} shows ${shown.length} values`);
      const { name, bytes } = await download(page, '[data-testid="export-csv"]');
      assert.match(name, /\.csv$/);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
      const rows = readCsv(bytes.toString('utf8').slice(1));
      const link = rows.find((r) => r.length === 2 && r[1].includes('#/'));
      assert.ok(link && link[1].includes(hash.split('?')[0]) && link[1].includes(`lang=${lang}`), `link row ${link}`);
      const header = rows.findIndex((r) => r.length === 5);
      const body = rows.slice(header + 1);
      assert.ok(body.every((r) => r.length === 5), 'every row has five columns');
      for (const [id, v] of shown) {
        const row = body.find((r) => r[1] === id && r[3] === v);
        assert.ok(row, `${id}=${v} in the file`);
        assert.ok(Number.isFinite(Number(row[3])), `${id} is a plain number`);
      }
      // The inputs of the link, unformatted, with the field's label.
      for (const [param, v] of new URLSearchParams(hash.split('?')[1])) {
        const row = body.find((r) => r[1] === param);
        assert.ok(row, `input ${param}`);
        if (!v.includes(',')) assert.equal(Number(row[3]), Number(v), `input ${param}`);
        assert.ok(row[2].length > 0, `${param} has its label`);
      }
      if (lang === 'zh') assert.ok(body.some((r) => r[0] === '结果'), 'Chinese column words');
      // What the page shows, as it shows it: no spreadsheet apostrophe before "+20%".
      assert.deepEqual(body.filter((r) => r[4].startsWith("'")), [], 'no shown value starts with an apostrophe');
      if (tool === 'funnel') {
        // The stage names the page shows, though the link leaves them to the language.
        const stages = body.find((r) => r[1] === 'stages');
        assert.ok(stages, 'a row for the stage names');
        assert.equal(stages[4], lang === 'zh' ? '商品详情页, 加入购物车, 提交订单' : 'Product page, Add to cart, Checkout');
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('charts download as SVG with their legend and as PNG', async () => {
  const { context, page, problems } = await open('#/design?p=3&mde=18&daily=10000');
  await page.waitForSelector('figure.chart svg');
  const svg = await download(page, 'figure.chart [data-testid="chart-svg"]');
  assert.match(svg.name, /\.svg$/);
  const text = svg.bytes.toString('utf8');
  assert.match(text, /^<\?xml/);
  assert.match(text, /<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /stroke="rgb\(/, 'colours written into the file');
  const legend = await page.$$eval('figure.chart >> nth=0', (f) => [...f[0].querySelectorAll('.legend .key')].map((k) => k.textContent.trim()));
  for (const key of legend) assert.ok(text.includes(key), `legend key ${key}`);
  // The file says what it shows: the chart's title heads it.
  const title = await page.getAttribute('figure.chart >> nth=0 >> svg', 'aria-label');
  assert.ok(title && new RegExp(`font-weight="700"[^>]*>${title.split(' ').slice(0, 3).join(' ')}`).test(text), `the title "${title}" at the top`);
  const png = await download(page, 'figure.chart [data-testid="chart-png"]');
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'PNG signature');
  assert.ok(png.bytes.length > 2000, `PNG of ${png.bytes.length} bytes`);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [lang, units] of [['en', 'Amounts in yuan (¥)'], ['zh', '金额单位：元']]) {
  test(`a chart of amounts downloads with its title and its units (${lang})`, async () => {
    const { context, page, problems } = await open('#/roi', { lang });
    await page.waitForSelector('figure.chart[data-units] svg');
    const title = await page.getAttribute('figure.chart[data-units] svg', 'aria-label');
    const svg = await download(page, 'figure.chart[data-units] [data-testid="chart-svg"]');
    const text = svg.bytes.toString('utf8');
    const lines = [...text.matchAll(/<text x="12" y="[\d.]+"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.ok(lines.length >= 2, `title and units lines: ${lines}`);
    assert.equal(lines.slice(0, -1).join(lang === 'zh' ? '' : ' '), title.replace(/&/g, '&amp;'), 'the title, wrapped to the chart width');
    assert.ok(lines[lines.length - 1].startsWith(units), lines[lines.length - 1]);
    // The drawing sits under them.
    assert.match(text, /<g transform="translate\(0 \d+(\.\d+)?\)">/);
    const png = await download(page, 'figure.chart[data-units] [data-testid="chart-png"]');
    assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const { tool, hash, result } of PAGES) {
  test(`${tool}: a saved calculation is listed after a reload and reopens the same numbers`, async () => {
    const { context, page, problems } = await open(hash);
    await page.waitForSelector(`[data-testid="${result}"][data-value]`);
    const before = await value(page, result);
    await page.fill('[data-testid="save-name"]', `Week 49 ${tool}`);
    await page.click('[data-testid="save-calc"]');
    await page.waitForSelector(`[data-testid="saved-list"] >> text=Week 49 ${tool}`);
    // Somewhere else, then back after a reload: the list is still there.
    const path = hash.split('?')[0];
    await page.goto(app.base + path);
    await page.reload();
    await page.waitForSelector('[data-testid="saved-list"]');
    assert.notEqual(await value(page, result), before, 'the defaults differ from the saved numbers');
    await page.click(`[data-testid="saved-open"]:has-text("Week 49 ${tool}")`);
    await page.waitForFunction(([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.dataset.value === v, [result, before]);
    assert.equal(await value(page, result), before);
    // Rename, then delete.
    await page.click('[data-testid="saved-rename"]');
    await page.fill('[data-testid="saved-rename-name"]', 'Q4 plan');
    await page.click('[data-testid="saved-rename-save"]');
    await page.reload();
    await page.waitForSelector('[data-testid="saved-open"]:has-text("Q4 plan")');
    assert.equal(await page.$$eval('[data-testid="saved-item"]', (l) => l.length), 1);
    await page.click('[data-testid="saved-delete"]');
    await page.waitForSelector('[data-testid="saved-empty"]');
    await page.reload();
    await page.waitForSelector('[data-testid="saved-empty"]');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('saved calculations of one page do not appear on another, and the old ROI scenarios move in', async () => {
  const { context, page, problems } = await open('#/design');
  await page.evaluate(() => localStorage.setItem('abkit.v1.roi.scenarios', 'Double 11\tcost=500000&gmv=4000000&margin=20\nPlan B\tcost=1'));
  await page.fill('[data-testid="save-name"]', 'Design only');
  await page.click('[data-testid="save-calc"]');
  await page.waitForSelector('[data-testid="saved-item"]');
  await page.goto(app.base + '#/roi');
  await page.waitForSelector('[data-testid="saved-list"]');
  const names = await page.$$eval('[data-testid="saved-open"]', (l) => l.map((a) => a.textContent));
  assert.deepEqual(names.sort(), ['Double 11', 'Plan B']);
  assert.equal(await page.evaluate(() => localStorage.getItem('abkit.v1.roi.scenarios')), null, 'the old key is gone once moved');
  const doc = JSON.parse(await page.evaluate(() => localStorage.getItem('abkit.saved')));
  assert.equal(doc.format, 'abkit-saved');
  assert.equal(doc.version, 2);
  assert.equal(doc.entries.length, 3);
  await page.click('[data-testid="saved-open"]:has-text("Double 11")');
  await page.waitForFunction(() => document.querySelector('[data-testid="roi"]')?.dataset.value === '0.6');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Pages opened with this script run before the app see the storage as the test wants it. */
async function openWithStorage(hash, script, arg) {
  const context = await app.browser.newContext({ locale: 'en-US' });
  await context.addInitScript(script, arg);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(app.base + hash);
  await page.waitForSelector('main h1');
  return { context, page, problems };
}

for (const [what, stored, message] of [
  ['invalid JSON', '{"format":"abkit-saved","version":2,"entries":[{"tool":"design"', /could not be read/],
  ['a foreign document', '[1,2,3]', /could not be read/],
  ['a newer format', JSON.stringify({ format: 'abkit-saved', version: 7, entries: [{ tool: 'design', name: 'From the future', query: 'p=4' }] }), /newer version/],
  ['damaged entries', JSON.stringify({ format: 'abkit-saved', version: 2, entries: [{ tool: 'design', name: 'Good', query: 'p=4', saved: 1 }, { tool: 'design', name: 5 }, 'junk'] }), /2 saved entries could not be read/],
]) {
  test(`storage holding ${what} shows a message, keeps the page working and loses nothing`, async () => {
    const { context, page, problems } = await open('#/design?p=3&mde=18&daily=10000');
    await page.evaluate((text) => localStorage.setItem('abkit.saved', text), stored);
    await page.reload();
    await page.waitForSelector('[data-testid="saved-problem"]');
    assert.match(await page.textContent('[data-testid="saved-problem"]'), message);
    assert.equal(await value(page, 'n-control'), '17024', 'the calculator still computes');
    await page.fill('input[name="p"]', '4');
    await page.waitForFunction(() => document.querySelector('[data-testid="n-control"]')?.dataset.value !== '17024');
    const saveEnabled = await page.isEnabled('[data-testid="save-calc"]');
    if (what === 'a newer format') {
      assert.equal(saveEnabled, false, 'a newer document is never overwritten');
      assert.equal(await page.evaluate(() => localStorage.getItem('abkit.saved')), stored);
      await page.waitForSelector('[data-testid="saved-open"]:has-text("From the future")');
    } else {
      await page.fill('[data-testid="save-name"]', 'After the damage');
      await page.click('[data-testid="save-calc"]');
      await page.waitForSelector('[data-testid="saved-open"]:has-text("After the damage")');
      const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('abkit.saved')).map((k) => [k, localStorage.getItem(k)]));
      if (what === 'damaged entries') {
        const doc = JSON.parse(kept.find(([k]) => k === 'abkit.saved')[1]);
        assert.equal(doc.entries.length, 4, 'the unreadable entries are written back');
        assert.ok(doc.entries.includes('junk'));
      } else {
        assert.ok(kept.some(([k, v]) => k.startsWith('abkit.saved.damaged') && v === stored), 'the damaged text is kept aside');
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('storage that is full or switched off says so, and the page keeps working', async () => {
  const full = await openWithStorage('#/funnel?visitors=200000&rates=40,20,30&aov=150', () => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await full.page.waitForSelector('[data-testid="gmv"][data-value]');
  await full.page.click('[data-testid="save-calc"]');
  await full.page.waitForSelector('[data-testid="saved-message"] .field-error');
  assert.match(await full.page.textContent('[data-testid="saved-message"]'), /storage is full/);
  await full.page.fill('input[name="aov"]', '200');
  await full.page.waitForFunction(() => document.querySelector('[data-testid="gmv"]')?.dataset.value === '960000');
  assert.deepEqual(full.problems, []);
  await full.context.close();

  const off = await openWithStorage('#/roi', () => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await off.page.waitForSelector('[data-testid="roi"][data-value]');
  assert.match(await off.page.textContent('[data-testid="saved-problem"]'), /does not let pages keep data/);
  assert.equal(await off.page.isEnabled('[data-testid="save-calc"]'), false, 'nothing to save into');
  assert.equal(await value(off.page, 'roi'), '1.9');
  assert.deepEqual(off.problems, []);
  await off.context.close();
});

test('the built page carries a strict Content-Security-Policy', async () => {
  const html = await readFile(path.join(root, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/i);
  assert.ok(meta, 'CSP meta tag');
  assert.ok(html.indexOf(meta[0]) < html.indexOf('<script'), 'before any script');
  const policy = Object.fromEntries(meta[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(policy['default-src'], ["'self'"]);
  const scripts = policy['script-src'];
  assert.ok(scripts.includes("'wasm-unsafe-eval'"));
  assert.ok(!scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'"));
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].length;
  assert.equal(scripts.filter((s) => s.startsWith("'sha256-")).length, inline, 'one hash per inline script');
  for (const [k, v] of Object.entries(policy)) {
    for (const source of v) assert.ok(/^'|^(blob|data):$/.test(source), `${k} names only keywords, hashes and local schemes: ${source}`);
  }
});

test('no route triggers a CSP violation, and the policy is enforced', async () => {
  const routes = await discoverRoutes(app.browser, app.base);
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${location.hash} ${e.sourceFile}:${e.columnNumber}`));
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  for (const route of [...routes, ...PAGES.map((p) => p.hash), '#/learn/cases?present=1&at=2']) {
    await page.goto(app.base + route);
    await settled(page);
    await page.evaluate(() => new Promise((ok) => setTimeout(ok, 100)));
    if (await page.$('figure.chart [data-testid="chart-png"]')) {
      await Promise.all([page.waitForEvent('download'), page.click('figure.chart [data-testid="chart-png"] >> nth=0')]);
    }
    assert.deepEqual(await page.evaluate(() => window.__violations), [], `violations on ${route}`);
  }
  // The policy is not decorative: an injected inline script is refused and reported.
  const ran = await page.evaluate(() => new Promise((ok) => {
    window.__ran = false;
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
    setTimeout(() => ok(window.__ran), 50);
  }));
  assert.equal(ran, false);
  assert.ok((await page.evaluate(() => window.__violations)).some((v) => v.startsWith('script-src')));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a new deployment shows a reload notice, and the reload keeps the calculation', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'abkit-deploy-'));
  await cp(root, dir, { recursive: true });
  const { server, base } = await serveDist(dir);
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    const hash = '#/design?p=3&mde=18&daily=10000';
    await page.goto(base + hash);
    await page.waitForSelector('[data-testid="n-control"][data-value]');
    await untilControlled(page);
    assert.equal(await page.$('[data-testid="update-notice"]'), null, 'no notice on the first visit');
    // Deploy: a new build has a new worker (its cache name is the build's hash).
    const sw = path.join(dir, 'sw.js');
    const next = (await readFile(sw, 'utf8')).replace(/const CACHE = "abkit-([0-9a-f]+)"/, 'const CACHE = "abkit-$1next"');
    // A deploy replaces the file and its precompressed siblings together.
    await writeFile(sw, next);
    await writeFile(`${sw}.gz`, gzipSync(next));
    await writeFile(`${sw}.br`, brotliCompressSync(next));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForSelector('[data-testid="update-notice"]', { timeout: 15000 });
    // Nothing switched under the open page: it is still the old worker's.
    assert.ok(!(await page.evaluate(() => caches.keys())).some((k) => k.endsWith('next')) ||
      (await page.evaluate(() => navigator.serviceWorker.controller.scriptURL)).endsWith('sw.js'));
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="update-reload"]')]);
    await page.waitForSelector('[data-testid="n-control"][data-value]');
    assert.equal(new URL(page.url()).hash, hash);
    assert.equal(await value(page, 'n-control'), '17024');
    await page.waitForFunction(async () => (await caches.keys()).some((k) => k.endsWith('next')));
    assert.equal(await page.$('[data-testid="update-notice"]'), null, 'the notice is gone after the update');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('after one visit every tool and simulator computes offline', async () => {
  const { context, page, problems } = await open('#/');
  await untilControlled(page);
  await context.setOffline(true);
  for (const { hash, result } of PAGES) {
    await page.goto(app.base + hash);
    await page.reload();
    await page.waitForSelector(`[data-testid="${result}"][data-value]`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
