// End-to-end tests of start-up and long work: the module is preloaded and compiled
// while it downloads, the start-up marks the benchmark reads are there, and the
// Monte Carlo keeps its last result on screen while a new run computes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { servedApp, openPage, root } from './harness.mjs';

const app = servedApp();

test('the built page preloads the module and its glue, and the wasm is fetched once', async () => {
  const html = await readFile(path.join(root, 'index.html'), 'utf8');
  const wasm = html.match(/<link[^>]+href=\.\/(app-[0-9a-f]+_bg\.wasm)[^>]*>/);
  assert.ok(wasm && /rel=preload/.test(wasm[0]) && /as=fetch/.test(wasm[0]) && /type=application\/wasm/.test(wasm[0]), 'wasm preload');
  assert.match(html, /<link[^>]+href=\.\/app-[0-9a-f]+\.js[^>]+rel=modulepreload|<link[^>]+rel=modulepreload[^>]+href=\.\/app-[0-9a-f]+\.js/);
  const glue = html.match(/app-[0-9a-f]+\.js/)[0];
  assert.match(await readFile(path.join(root, glue), 'utf8'), /instantiateStreaming/, 'streaming compilation');

  const { context, page, problems } = await openPage(app.browser, app.base, '#/design?p=5&mde=10');
  await page.waitForSelector('[data-testid="n-control"][data-value]');
  const trace = await page.evaluate(() => ({
    wasm: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length,
    start: performance.getEntriesByName('abkit:start').length,
    settled: performance.getEntriesByName('abkit:settled').length,
  }));
  assert.deepEqual(trace, { wasm: 1, start: 1, settled: 1 });
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
  await page.fill('input[name="gmv"]', '6000000');
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
  const { context, page, problems, release } = await openHeld('#/design?p=5&mde=10', { locale: 'zh-CN' });
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
