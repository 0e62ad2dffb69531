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
