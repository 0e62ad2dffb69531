// End-to-end tests of the paths users walk: the answer stays in view while the
// inputs are edited, a route change lands at the top, and the presenter view reveals
// each conclusion only when asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, settled, TOOL_ROUTES } from './harness.mjs';

const app = servedApp();
const open = (hash, options) => openPage(app.browser, app.base, hash, options);

/** Whether the element's box lies inside the viewport. */
const inView = (page, selector) => page.$eval(selector, (el) => {
  const r = el.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
});

// The field edited on each page: its last text field, except where that field is
// optional and leaves the answer as it is (the significance page's planned split).
const EDITED = { '#/analyze': 'input[name="x"]' };

for (const width of [390, 1366]) {
  for (const route of TOOL_ROUTES) {
    test(`${route} at ${width} px: the answer is in view while the last input is edited`, async () => {
      const { context, page, problems } = await open(route, { width });
      await settled(page);
      const before = await page.textContent('[data-testid="answer"]');
      // The last text field of the page's inputs, brought into view as a reader
      // scrolls to it.
      const fields = await page.$$(`.page > .tool > .inputs ${EDITED[route] ?? 'input[type="text"]:not([disabled])'}`);
      assert.ok(fields.length > 0, 'the page has inputs');
      const last = fields[fields.length - 1];
      await last.scrollIntoViewIfNeeded();
      assert.ok(await inView(page, '[data-testid="answer"]'), 'the answer is on screen beside the last input');
      // A change there shows in the answer, still on screen.
      await last.fill('1');
      await page.waitForFunction((b) => document.querySelector('[data-testid="answer"]')?.textContent !== b, before);
      assert.ok(await inView(page, '[data-testid="answer"]'), 'the changed answer is on screen');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('a link inside a page lands at the top of the next one', async () => {
  const { context, page, problems } = await open('#/learn/glossary', { width: 390 });
  await settled(page);
  const link = page.locator('main a[href^="#/"]').last();
  await link.scrollIntoViewIfNeeded();
  assert.ok(await page.evaluate(() => window.scrollY) > 500, 'the link is far down the glossary');
  await link.click();
  await page.waitForFunction(() => !location.hash.startsWith('#/learn/glossary'));
  await settled(page);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the presenter view opens every slide with its conclusion folded and Enter reveals it', async () => {
  const { context, page, problems } = await open('#/learn/cases?lang=zh', { width: 1920, lang: 'zh' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.click('[data-testid="present"]');
  await page.waitForSelector('[data-testid="presenter"]');
  assert.match(page.url(), /lang=zh/, 'the presenter link keeps the language');
  const position = () => page.textContent('[data-testid="presenter-position"]');
  const folded = () => page.$eval('[data-testid="presenter"] details.lesson', (d) => !d.open);
  assert.ok(await folded());
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="presenter"] details.lesson')?.open);
  // The opened conclusion fits on a 1080 px screen.
  const bottom = await page.$eval('[data-testid="presenter"] details.lesson', (d) => d.getBoundingClientRect().bottom + window.scrollY);
  assert.ok(bottom <= 1080, `the conclusion ends at ${bottom} px`);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid="presenter-position"]')?.textContent.includes('第 2 个'));
  assert.ok(await folded(), 'the next case opens with its conclusion folded');
  await page.keyboard.press('End');
  await page.waitForFunction(() => (document.querySelector('[data-testid="presenter-position"]')?.textContent ?? '').includes('第 13 个'));
  assert.ok(await folded());
  await page.keyboard.press('Home');
  await page.waitForFunction(() => (document.querySelector('[data-testid="presenter-position"]')?.textContent ?? '').includes('第 1 个'));
  assert.match(page.url(), /lang=zh/);
  assert.match(await position(), /第 1 个/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [lang, unadjusted] of [['en', /not adjusted for the 3 comparisons/], ['zh', /没有按这里的 3 组比较做多重校正/]]) {
  test(`with several groups every chance to beat control says it is not adjusted (${lang})`, async () => {
    const { context, page, problems } = await open('#/analyze?n=20000,20000,20000,20000&x=1000,1060,1030,1100', { lang });
    await settled(page);
    const verdicts = await page.$$eval('.verdict-arm', (els) => els.map((el) => el.textContent));
    assert.equal(verdicts.length, 3);
    for (const v of verdicts) assert.match(v, unadjusted);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

const hasValue = (page, testid) => page.$eval(`[data-testid="${testid}"]`, (el) => el.hasAttribute('data-value'));

test('ROI: typing one\'s own numbers after an example takes the example\'s ranges off, with an undo', async () => {
  const { context, page, problems } = await open('#/roi', { width: 1366 });
  await settled(page);
  await page.waitForSelector('[data-testid="mc-p-positive"][data-value]');
  await page.fill('input[name="gmv"]', '100000');
  await page.waitForSelector('[data-testid="example-cleared"]');
  // The example's ranges are gone: no simulation, nothing flagged, the hint to add one.
  assert.equal(await page.inputValue('input[name="gmv_lo"]'), '');
  assert.equal(await page.$('[data-testid="mc-p-positive"]'), null);
  assert.equal(await page.$('[data-testid="clear-range"]'), null);
  assert.doesNotMatch(new URL(page.url()).hash, /_lo=|_hi=/);
  // Undo puts them back; the GMV range that no longer holds 100,000 is flagged
  // with its fix, and the simulation waits for it.
  await page.click('[data-testid="example-undo"]');
  await page.waitForSelector('[data-testid="clear-range"]');
  assert.equal(await page.inputValue('input[name="gmv_lo"]'), '4000000');
  assert.equal(await page.inputValue('input[name="gmv"]'), '100000');
  await page.waitForSelector('[data-testid="mc-blocked"]');
  await page.click('[data-testid="clear-range"]');
  await page.waitForSelector('[data-testid="mc-p-positive"][data-value]');
  assert.equal(await page.inputValue('input[name="gmv_lo"]'), '');
  assert.equal(await page.inputValue('input[name="members_lo"]'), '3000', 'the other ranges stay');
  // A later edit clears nothing more.
  await page.fill('input[name="margin"]', '25');
  await settled(page);
  assert.equal(await page.inputValue('input[name="members_lo"]'), '3000');
  // Start blank: no example numbers at all.
  await page.click('.presets >> text=Start blank');
  await page.waitForFunction(() => location.hash.startsWith('#/roi'));
  await page.waitForFunction(() => document.querySelector('input[name="gmv"]')?.value === '');
  assert.equal(await page.$('[data-testid="answer"]'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [lang, near, coin, netRoas] of [
  ['en', /too close to say the campaign pays/, /coin flip/, /^Net ROAS \(净投产比\)/],
  ['zh', /说不上赚钱/, /抛硬币/, /^净投产比/],
]) {
  test(`ROI says "pays" only clear of break-even, and a coin-flip chance says so (${lang})`, async () => {
    const { context, page, problems } = await open('#/roi?cost=1000000&gmv=5050000&margin=20', { lang });
    await settled(page);
    assert.match(await page.textContent('[data-testid="answer"]'), near);
    assert.match(await page.textContent('.result:has([data-testid="net-roas"]) .result-label'), netRoas);
    await page.goto(app.base + '#/roi?cost=1000000&gmv=5000000&margin=20&gmv_lo=4000000&gmv_hi=6000000');
    await page.waitForSelector('[data-testid="mc-p-positive"][data-value]');
    const p = Number(await page.getAttribute('[data-testid="mc-p-positive"]', 'data-value'));
    assert.ok(p > 0.35 && p < 0.65, `P(ROI > 0) = ${p}`);
    assert.match(await page.textContent('.result:has([data-testid="mc-p-positive"]) .result-note'), coin);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('funnel: one\'s own funnel drops the example\'s what-if (with an undo), stages are picked by name, tests run whole weeks', async () => {
  const { context, page, problems } = await open('#/funnel', { width: 1366 });
  await settled(page);
  assert.ok(await hasValue(page, 'gmv-whatif'));
  // The what-if's stage is chosen by its name.
  const picked = await page.$eval('select[name="stage"][data-line="0"]', (s) => s.selectedOptions[0].textContent);
  assert.equal(picked, '2. Add to cart');
  // Stage names fit their boxes at 1366 px.
  const fits = await page.$$eval('input.arm-name', (els) => els.every((el) => {
    // Absolutely placed, so the probe is as wide as its text and not as its parent.
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;white-space:pre;visibility:hidden';
    probe.style.font = getComputedStyle(el).font;
    probe.textContent = el.value || el.placeholder;
    document.body.append(probe);
    const wide = probe.getBoundingClientRect().width;
    probe.remove();
    return wide > 0 && wide <= el.clientWidth;
  }));
  assert.ok(fits, 'every stage name fits its input');
  // The test table plans whole weeks.
  assert.match(await page.textContent('[data-testid="test-run-2"]'), /^\d+ weeks?$/);
  await page.fill('input[name="visitors"]', '8000');
  await page.waitForSelector('[data-testid="example-cleared"]');
  assert.equal(await hasValue(page, 'gmv-whatif'), false);
  assert.doesNotMatch(await page.textContent('[data-testid="answer"]'), /what-if/);
  await page.click('[data-testid="example-undo"]');
  await page.waitForSelector('[data-testid="gmv-whatif"][data-value]');
  assert.equal(await page.inputValue('input[name="visitors"]'), '8000');
  await page.selectOption('select[name="stage"][data-line="0"]', '4');
  await page.waitForFunction(() => /stage=4/.test(location.hash));
  assert.deepEqual(problems, []);
  await context.close();
});
