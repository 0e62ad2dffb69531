// End-to-end tests of start-up and long work: a first visit loads only its
// section's module, preloaded and compiled while it downloads, within the budget,
// with the start-up marks the benchmark reads; leaving the section swaps in the
// full app; a returning visit uses the cached one; the static frame; and the Monte
// Carlo keeps its last result on screen while a new run computes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { servedApp, openPage, root, untilControlled, gzippedBytes, servedFile, settled } from './harness.mjs';

const app = servedApp();

// A first visit to each section: the module it must load, and what shows its result.
const FIRST_VISITS = [
  { part: 'home', hash: '#/', ready: 'main h1 + p' },
  { part: 'design', hash: '#/design?p=5&mde=10', ready: '[data-testid="n-control"][data-value]' },
  { part: 'analyze', hash: '#/analyze?n=12000,12000&x=600,690', ready: '[data-testid="p-1"][data-value]' },
  { part: 'roi', hash: '#/roi', ready: '[data-testid="roi"][data-value]' },
  { part: 'funnel', hash: '#/funnel', ready: '[data-testid="gmv"][data-value]' },
  { part: 'learn', hash: '#/learn/peeking?looks=8&sims=2000', ready: '[data-testid="peek-theory"][data-value]' },
];
const FIRST_VISIT_BUDGET = 300000;


for (const { part, hash, ready } of FIRST_VISITS) {
  test(`a first visit to ${hash} loads only the ${part} module, preloaded and compiled while it downloads, within ${FIRST_VISIT_BUDGET} bytes`, async () => {
    // No worker yet: exactly what a first visit downloads before one controls the page.
    const context = await app.browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(app.base + hash);
    await page.waitForSelector(ready);
    const seen = await page.evaluate(() => ({
      modulepreload: [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => l.href),
      preload: [...document.querySelectorAll('link[rel=preload][as=fetch][type="application/wasm"]')].map((l) => l.href),
      resources: performance.getEntriesByType('resource').map((e) => e.name),
      start: performance.getEntriesByName('abkit:start').length,
      settled: performance.getEntriesByName('abkit:settled').length,
    }));
    const mine = new RegExp(`/first/${part}-[0-9a-f]{16}(_bg\\.wasm|\\.js)$`);
    assert.equal(seen.modulepreload.length, 1);
    assert.match(seen.modulepreload[0], mine);
    assert.equal(seen.preload.length, 1);
    assert.match(seen.preload[0], mine);
    const code = seen.resources.filter((r) => /\.(js|wasm)$/.test(r));
    assert.equal(code.length, 2, `one glue and one module: ${code.join(' ')}`);
    for (const r of code) assert.match(r, mine);
    assert.deepEqual([seen.start, seen.settled], [1, 1]);
    const glue = code.find((r) => r.endsWith('.js'));
    assert.match(await readFile(servedFile(root, glue), 'utf8'), /instantiateStreaming/, 'streaming compilation');
    let bytes = await gzippedBytes(root, app.base);
    for (const r of new Set(seen.resources)) bytes += await gzippedBytes(root, r);
    assert.ok(bytes <= FIRST_VISIT_BUDGET, `${bytes} bytes gzipped`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a first visit asking for a sequential plan, a margin, a ratio metric or a daily file hands over to the full app, which shows the panel', async () => {
  const context = await app.browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.base + '#/analyze?n=12000,12000&x=600,690&plan_looks=3&plan_n=20000');
  await page.waitForSelector('[data-testid="gs-fraction"][data-value]');
  assert.ok(Number(await page.getAttribute('[data-testid="gs-fraction"]', 'data-value')) > 0.5);
  const code = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((r) => r.endsWith('.wasm')));
  assert.equal(code.length, 2, `the analyze module, then the full one: ${code.join(' ')}`);
  assert.match(code[0], /\/first\/analyze-[0-9a-f]{16}_bg\.wasm$/);
  assert.match(code[1], /\/app-[0-9a-f]+_bg\.wasm$/);
  // Choosing a margin on a plain first visit does the same.
  const fresh = await context.newPage();
  await fresh.goto(app.base + '#/analyze?n=12000,12000&x=600,690&margin=0.5');
  await fresh.waitForSelector('[data-testid="p-1"][data-value]');
  await fresh.selectOption('select[name="test"]', 'noninferiority');
  await fresh.waitForSelector('[data-testid="ni-p-1"][data-value]');
  assert.equal(await fresh.inputValue('select[name="test"]'), 'noninferiority');
  // A ratio metric is the full app's.
  const ratio = await context.newPage();
  await ratio.goto(app.base + '#/analyze?metric=ratio&n=100,120&num=270,300&num2=848.79,869&den=510,500&den2=810,800&numden=-900,-905');
  await ratio.waitForSelector('[data-testid="p-rel-1"][data-value]');
  const both = await ratio.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((r) => r.endsWith('.wasm')));
  assert.equal(both.length, 2, both.join(' '));
  // A daily file picked on a first visit is read by the full app, which takes it over.
  const daily = await context.newPage();
  await daily.goto(app.base + '#/analyze');
  await daily.waitForSelector('[data-testid="p-1"][data-value]');
  const csv = 'date,group,visitors,conversions\n2026-11-01,control,1000,50\n2026-11-01,B,1000,58\n2026-11-02,control,1100,52\n2026-11-02,B,1080,61\n';
  await daily.setInputFiles('input[name="daily_csv"]', { name: 'daily.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await daily.waitForSelector('[data-testid="daily-result"]');
  assert.match(await daily.innerText('[data-testid="daily-result"]'), /Rows read: 4; days: 2; groups: 2\./);
  await daily.waitForFunction(() => document.querySelector('input[name="n"][data-arm="1"]')?.value === '2080');
  const loaded = await daily.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((r) => r.endsWith('.wasm')));
  assert.equal(loaded.length, 2, loaded.join(' '));
  assert.ok(await daily.isVisible('text=Cumulative lift against control, day by day'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('leaving the first section brings in the full app in place: with no blank frame, in the same language, the focus on the link followed, and the way back keeps the calculation', async () => {
  // Storage switched off: the language chosen on the page must survive the swap all the same.
  const context = await app.browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(app.base + '#/design?p=5&mde=10');
  await page.waitForSelector('[data-testid="n-control"][data-value]');
  const before = await page.getAttribute('[data-testid="n-control"]', 'data-value');
  await page.click('[data-testid="lang-switch"]');
  await page.waitForSelector('html[lang="zh-CN"]');
  // Checked before every frame is painted: what the reader would see.
  await page.evaluate(() => {
    window.__blank = false;
    const look = () => {
      if (!document.querySelector('header.top nav a.active')) window.__blank = true;
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  // By keyboard: the link followed keeps the focus in the new app.
  await page.focus('nav a[href="#/analyze"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="p-1"][data-value]');
  await page.waitForFunction(() => document.activeElement?.getAttribute('href') === '#/analyze');
  assert.equal(await page.textContent('main h1'), '显著性检验');
  assert.equal(await page.$$eval('header.top', (h) => h.length), 1);
  assert.equal(await page.$('#app[data-shell]'), null);
  assert.equal(await page.evaluate(() => window.__blank), false, 'no frame without the header and its navigation');
  // The full app now runs every page: back to the design link, the same numbers.
  await page.goBack();
  await page.waitForSelector('[data-testid="n-control"][data-value]');
  assert.equal(await page.getAttribute('[data-testid="n-control"]', 'data-value'), before);
  await page.click('nav a[href="#/roi"]');
  await page.waitForSelector('[data-testid="roi"][data-value]');
  await page.goBack();
  await page.waitForSelector('[data-testid="n-control"][data-value]');
  const code = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((r) => /\.(js|wasm)$/.test(r)));
  assert.equal(code.filter((r) => r.endsWith('.wasm')).length, 2, `the first module, then the full one: ${code.join(' ')}`);
  assert.ok(code.some((r) => /\/app-[0-9a-f]+_bg\.wasm$/.test(r)));
  assert.equal(await page.textContent('main h1'), 'A/B 实验设计');
  assert.deepEqual(problems, []);
  await context.close();
});

test('once the worker controls the page, every visit starts the full app from its cache and never a first-visit module', async () => {
  const { context, page, problems } = await openPage(app.browser, app.base, '#/design?p=5&mde=10');
  await untilControlled(page);
  await page.reload();
  await page.waitForSelector('[data-testid="n-control"][data-value]');
  const code = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((r) => /\.(js|wasm)$/.test(r)));
  assert.ok(code.length > 0 && code.every((r) => /\/app-[0-9a-f]+(_bg\.wasm|\.js)$/.test(r)), code.join(' '));
  const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url)))).flat());
  assert.ok(cached.some((u) => /\/app-[0-9a-f]+_bg\.wasm$/.test(u)), 'the full module is cached');
  assert.equal(cached.filter((u) => u.includes('/first/')).length, 0, 'first-visit modules are not cached');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Monte Carlo keeps its last result on screen, dimmed, while a new run computes', async () => {
  const { context, page, problems } = await openPage(app.browser, app.base, '#/roi');
  await page.waitForSelector('[data-testid="mc-roi-p50"][data-value]');
  const before = await page.textContent('[data-testid="mc-roi-p50"]');
  // Watch the panel from here on: it must never be without its numbers.
  await page.evaluate(() => {
    window.__blank = false;
    window.__stale = false;
    new MutationObserver(() => {
      if (!document.querySelector('[data-testid="mc-roi-p50"]')) window.__blank = true;
      const stale = document.querySelector('.mc-results.stale [data-testid="mc-roi-p50"]');
      if (stale) {
        window.__stale = true;
        if (stale.hasAttribute('data-value')) window.__staleValue = true;
      }
    }).observe(document.querySelector('main'), { childList: true, subtree: true, attributes: true });
  });
  // A range, not the likely GMV: editing the example's own numbers would take its
  // ranges off, and with them the simulation.
  await page.fill('input[name="gmv_hi"]', '9000000');
  await page.waitForFunction((old) => {
    const el = document.querySelector('[data-testid="mc-roi-p50"][data-value]');
    return el && el.textContent !== old;
  }, before);
  const seen = await page.evaluate(() => ({ blank: window.__blank, stale: window.__stale, staleValue: !!window.__staleValue }));
  assert.deepEqual(seen, { blank: false, stale: true, staleValue: false });
  assert.equal(await page.$('.mc-results.stale'), null, 'no longer dimmed once done');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Opens `hash` with the module's download held back until `release()` is called. */
async function openHeld(hash, { locale = 'en-US', stored } = {}) {
  const context = await app.browser.newContext({ locale });
  let release;
  const held = new Promise((ok) => { release = ok; });
  await context.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await context.addInitScript((lang) => {
    if (lang) localStorage.setItem('abkit.v1.lang', lang);
    window.__headings = [];
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
    new MutationObserver(() => {
      const h = document.querySelector('main h1')?.textContent;
      if (h && window.__headings[window.__headings.length - 1] !== h) window.__headings.push(h);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, stored);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.base + hash, { waitUntil: 'domcontentloaded' });
  return { context, page, problems, release };
}

test('a static frame in the right language is on screen before the module arrives, then gives way to the app', async () => {
  // A link other than the worked example: nothing to show but the frame.
  const { context, page, problems, release } = await openHeld('#/design?p=4&mde=10', { locale: 'zh-CN' });
  await page.waitForSelector('#app[data-shell] main h1');
  assert.equal(await page.textContent('main h1'), 'A/B 实验设计');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('header nav a.active'), '实验设计');
  assert.equal(await page.$('[data-value]'), null, 'no numbers before the model has computed them');
  release();
  await page.waitForSelector('[data-testid="n-control"][data-value]');
  assert.equal(await page.$('#app[data-shell]'), null);
  assert.equal(await page.$$eval('header.top', (h) => h.length), 1, 'one header: the frame was replaced');
  assert.equal(await page.textContent('main h1'), 'A/B 实验设计');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [hash, locale, heading] of [
  ['#/design?p=5&mde=10', 'zh-CN', 'A/B 实验设计'],
  ['#/analyze', 'en-US', 'Significance check'],
  ['#/roi?lang=zh', 'en-US', '活动 ROI'],
  ['#/funnel', 'en-US', 'Funnel what-ifs'],
]) {
  test(`a first visit to the worked example ${hash} shows its results before the module arrives, held still, and the app then shows the same numbers`, async () => {
    const { context, page, problems, release } = await openHeld(hash, { locale });
    await page.waitForSelector('#app[data-shell][data-example] main [data-value]');
    assert.equal(await page.textContent('main h1'), heading);
    assert.equal(await page.getAttribute('main', 'aria-busy'), 'true');
    assert.deepEqual(await page.$$eval('main input[type=text], main input:not([type]), main input[inputmode], main textarea', (els) => [...new Set(els.map((e) => e.readOnly))]), [true], 'nothing to type into before the app runs');
    const shown = await page.$$eval('[data-value]', (els) => els.map((e) => [e.dataset.testid, e.dataset.value, e.textContent]));
    assert.ok(shown.length >= 3);
    release();
    // Long work (the ROI page's Monte Carlo) included: every number shown is there again.
    await page.waitForFunction((ids) => !document.querySelector('#app[data-shell], .stale')
      && ids.every((id) => document.querySelector(`[data-testid="${id}"][data-value]`)), shown.map((x) => x[0]));
    const live = await page.$$eval('[data-value]', (els) => els.map((e) => [e.dataset.testid, e.dataset.value, e.textContent]));
    for (const item of shown) assert.ok(live.some((l) => l[0] === item[0] && l[1] === item[1] && l[2] === item[2]), `${item.join(' ')} as the app computes it`);
    assert.equal(await page.$('#app[data-example]'), null);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const [locale, cue] of [['en-US', 'still loading'], ['zh-CN', '还在加载']]) {
  test(`typing into or clicking the worked example before the app runs says it is loading (${locale}), and a clicked example opens once it runs`, async () => {
    const { context, page, problems, release } = await openHeld('#/design', { locale });
    await page.waitForSelector('#app[data-shell][data-example] main [data-value]');
    assert.equal(await page.$('[data-testid="loading-cue"]'), null, 'quiet until someone tries');
    const input = page.locator('main input[inputmode]').first();
    const before = await input.inputValue();
    await input.click();
    await page.keyboard.type('9');
    assert.equal(await input.inputValue(), before, 'a keystroke the app could not answer is not taken');
    const shownCue = page.locator('[data-testid="loading-cue"]');
    assert.ok((await shownCue.textContent()).includes(cue));
    assert.equal(await shownCue.getAttribute('role'), 'status');
    assert.ok(await page.$eval('[data-testid="loading-cue"]', (e) => e.previousElementSibling?.matches('.answer')), 'the cue sits under the answer');
    const chip = page.locator('main .presets a').nth(1);
    const href = await chip.getAttribute('href');
    await chip.click();
    assert.equal(await chip.getAttribute('class'), 'chip pending');
    assert.equal(await chip.getAttribute('aria-busy'), 'true');
    assert.equal(await page.evaluate(() => location.hash), href);
    release();
    await page.waitForSelector('#app:not([data-shell]) main [data-testid="answer"]');
    await settled(page);
    assert.equal(await page.evaluate(() => location.hash), href, 'the app opens the example that was clicked');
    assert.equal(await page.$('[data-testid="loading-cue"], .pending'), null);
    const fields = new URLSearchParams(href.split('?')[1]);
    const [key, value] = [...fields][0];
    assert.equal(await page.inputValue(`input[name="${key}"]`), value);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('every text and wasm file ships with .gz and .br siblings of the same bytes, and a server that looks for them sends the smallest one the browser takes', async () => {
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && /\.(html|js|css|json|svg|wasm)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
  assert.ok(files.some((f) => f.endsWith('.wasm')) && files.some((f) => f.endsWith('index.html')));
  for (const file of files) {
    const raw = await readFile(file);
    const gz = await readFile(`${file}.gz`);
    const br = await readFile(`${file}.br`);
    assert.ok(zlib.gunzipSync(gz).equals(raw), `${file}.gz`);
    assert.ok(zlib.brotliDecompressSync(br).equals(raw), `${file}.br`);
    if (raw.length > 4096) assert.ok(br.length < gz.length && gz.length < raw.length, `${file}: brotli smaller than gzip`);
  }
  const sw = await readFile(path.join(root, 'sw.js'), 'utf8');
  assert.ok(!/\.(gz|br)"/.test(sw), 'the worker caches each file once, in no particular encoding');
  const wasm = files.find((f) => f.endsWith('_bg.wasm'));
  const url = app.base + path.relative(root, wasm);
  for (const [accept, encoding, sibling] of [['gzip, deflate, br', 'br', '.br'], ['gzip, deflate', 'gzip', '.gz'], ['identity', undefined, '']]) {
    const res = await fetch(url, { headers: { 'accept-encoding': accept } });
    assert.equal(res.headers.get('content-encoding') ?? undefined, encoding, accept);
    assert.equal(res.headers.get('content-type'), 'application/wasm');
    assert.match(res.headers.get('vary'), /accept-encoding/);
    // fetch decodes what it is sent: the bytes are the file's either way.
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(await readFile(wasm)), accept);
    assert.ok(sibling === '' || (await readFile(wasm + sibling)).length < (await readFile(wasm)).length);
  }
});

test('a link asking for anything but the worked example does not fetch it', async () => {
  for (const hash of ['#/design?p=4', '#/design?p=5&mde=10&focus=plan', '#/funnel?visitors=%E0%A4%A', '#/roi?cost=1']) {
    const { context, page, problems, release } = await openHeld(hash);
    await page.waitForSelector('#app[data-shell] main h1');
    await page.waitForTimeout(200);
    assert.equal(await page.$('[data-value]'), null, hash);
    assert.deepEqual(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/frames/')).length), 0, hash);
    release();
    await page.waitForSelector('#app:not([data-shell]) main h1');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

for (const [what, hash, options, zh] of [
  ['a Chinese browser', '#/roi', { locale: 'zh-CN' }, true],
  ['lang=zh in the link on an English browser', '#/funnel?lang=zh', { locale: 'en-US' }, true],
  ['a stored English choice on a Chinese browser', '#/analyze', { locale: 'zh-CN', stored: 'en' }, false],
  ['lang=en in the link over a stored Chinese choice', '#/learn/peeking?lang=en', { locale: 'zh-CN', stored: 'zh' }, false],
]) {
  test(`no flash of the other language: ${what}`, async () => {
    const { context, page, problems, release } = await openHeld(hash, options);
    await page.waitForSelector('main h1');
    release();
    await page.waitForSelector('[data-value]', { timeout: 20000 });
    const headings = await page.evaluate(() => window.__headings);
    assert.ok(headings.length >= 1);
    for (const h of headings) assert.equal(/[\u4e00-\u9fff]/.test(h), zh, `heading "${h}" in ${zh ? 'Chinese' : 'English'}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
