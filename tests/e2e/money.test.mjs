// End-to-end tests of money in the operators' terms on the ROI page: refunds, fees,
// 投产比, 营销占比 and the panel that says which number is which.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage } from './harness.mjs';

const app = servedApp();

const open = (hash, options) => openPage(app.browser, app.base, hash, options);
const value = async (page, id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));
const near = (got, want, tol, what) => assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} vs ${want}`);

for (const lang of ['en', 'zh']) {
  test(`ROI page: the 投产比 worksheet case, and bad refunds and fees explain themselves (${lang})`, async () => {
    const { context, page, problems } = await open(`#/roi?cost=10&gmv=130&margin=30&refund=40&target_share=16&lang=${lang}`, { lang });
    await page.waitForSelector('[data-testid="net-gmv"][data-value]');
    near(await value(page, 'roas'), 13, 1e-12, '投产比');
    near(await value(page, 'net-gmv'), 78, 1e-12, 'net GMV');
    near(await value(page, 'spend-share'), 0.1282, 1e-4, '营销占比');
    near(await value(page, 'min-roas'), 10.42, 5e-3, 'lowest 投产比');
    near(await value(page, 'max-spend'), 12.48, 1e-12, 'affordable spend');
    near(await value(page, 'breakeven-roas'), 5.56, 5e-3, '保本投产比');
    assert.equal(await page.$$eval('[data-testid="terms"] tbody tr', (els) => els.length), 5);
    for (const [field, text] of [['refund', '100'], ['fee', '-1']]) {
      await page.fill(`input[name="${field}"]`, text);
      await page.waitForSelector(`[data-testid="error-${field}"]`);
      assert.equal(await page.getAttribute('[data-testid="roi"]', 'data-value'), null);
      // The rest of the page keeps working.
      assert.ok(await page.$('[data-testid="channels"]'));
      await page.fill(`input[name="${field}"]`, field === 'refund' ? '40' : '0');
      await page.waitForSelector('[data-testid="roi"][data-value]');
    }
    // Fees above the margin are a loss-making line, not an input error: every output
    // but the break-even 投产比 is computed, and the page says why.
    assert.equal(await page.$('[data-testid="fee-warning"]'), null);
    await page.fill('input[name="fee"]', '40');
    await page.waitForSelector('[data-testid="fee-warning"]');
    assert.equal(await page.$('[data-testid="error-fee"]'), null);
    near(await value(page, 'benefit-direct'), 78 * (0.30 - 0.40), 1e-9, 'direct benefit');
    near(await value(page, 'roi'), (78 * (0.30 - 0.40) - 10) / 10, 1e-12, 'ROI');
    assert.equal(await page.getAttribute('[data-testid="breakeven-roas"]', 'data-value'), null);
    assert.equal(await page.getAttribute('[data-testid="net-gmv"]', 'data-value'), '78');
    await page.fill('input[name="fee"]', '0');
    await page.waitForSelector('[data-testid="breakeven-roas"][data-value]');
    assert.equal(await page.$('[data-testid="fee-warning"]'), null);
    // The super brand day is unchanged with no refunds and fees.
    await page.goto(app.base + `#/roi?lang=${lang}`);
    await page.waitForSelector('[data-testid="roi"][data-value]');
    assert.equal(await value(page, 'roi'), 1.9);
    assert.equal(await value(page, 'breakeven-roas'), 5);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('design page: what the detectable effect is worth, in both languages', async () => {
  const { context, page, problems } = await open('#/design?p=3&mde=18&daily=10000&aov=150');
  await page.waitForSelector('[data-testid="gain-month"][data-value]');
  near(await value(page, 'gain-month'), 243000, 1e-6, 'gain-month');
  assert.match(await page.textContent('[data-testid="answer"]'), /worth about ¥243,000 a month; the test needs 4 days/);
  await page.goto(app.base + '#/design?p=3&mde=18&daily=10000&aov=150&lang=zh');
  await page.waitForSelector('[data-testid="gain-month"][data-value]');
  assert.match(await page.textContent('[data-testid="answer"]'), /每月约值 24\.3 万元；实验需要 4 天/);
  // Absent without an order value; a bad one says so at its field.
  await page.goto(app.base + '#/design?p=3&mde=18&daily=10000');
  await page.waitForSelector('[data-testid="n-control"][data-value]');
  assert.equal(await page.$('[data-testid="gain-month"]'), null);
  await page.fill('input[name="aov"]', 'abc');
  await page.waitForSelector('[data-testid="error-aov"]');
  assert.ok(await page.getAttribute('[data-testid="n-control"]', 'data-value'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('funnel page: leverage and target net of refunds', async () => {
  const { context, page, problems } = await open('#/funnel?visitors=50000&rates=40,25,50,70&aov=150&refund=20&target=300000');
  await page.waitForSelector('[data-testid="per-point-net-1"][data-value]');
  near(await value(page, 'per-point-net-1'), 0.8 * await value(page, 'per-point-1'), 1e-6, 'net of refunds');
  near(await value(page, 'target-net'), 240000, 1e-6, 'target net');
  await page.fill('input[name="refund"]', '100');
  await page.waitForSelector('[data-testid="error-refund"]');
  assert.equal(await page.$('[data-testid="per-point-net-1"]'), null);
  assert.ok(await page.getAttribute('[data-testid="gmv"]', 'data-value'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('ROI page: refunds and fees with ranges feed the Monte Carlo and the sensitivity chart', async () => {
  const base_q = 'cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30';
  const { context, page, problems } = await open(`#/roi?${base_q}&refund=30&refund_lo=20&refund_hi=40&fee=2`);
  await page.waitForSelector('[data-testid="mc-roi-p50"][data-value]', { timeout: 30_000 });
  const median = await value(page, 'mc-roi-p50');
  const likely = await value(page, 'roi');
  assert.ok(median < 1.9 && Math.abs(median - likely) < 0.2, `${median} vs ${likely}`);
  assert.match(await page.innerText('main'), /Refund rate/);
  assert.deepEqual(problems, []);
  await context.close();
});
