// End-to-end tests of metrics given as sums: CUPED from a link of sums (against the
// numpy/scipy reference table's first row), switching a metric between means and sums,
// and per-user rows summed in the browser, a per-order table refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage } from './harness.mjs';

const app = servedApp();

const open = (hash, options) => openPage(app.browser, app.base, hash, options);
const value = async (page, id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));
const near = (got, want, tol, what) => assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);

// tests/reference/cuped_cases.csv, row 2.
const CUPED = 'metric=continuous&n=1143,2334&sum=54098.57,111245.24&sum2=5335743.8145,10098658.9262'
  + '&pre=53558.06,111079.02&pre2=5556914.4526,10071121.273&prepost=4038285.237,7983756.7103';

for (const [lang, narrower, why] of [
  ['en', /Variant B: the interval is 15% narrower than without the adjustment, as if each group had 1\.39× its users\./, /measured before users were assigned/],
  ['zh', /实验组 B：区间比不校正时窄 15%，相当于每组用户数变成原来的 1\.39 倍。/, /必须在用户分组之前就已测得/],
]) {
  test(`significance page: CUPED from sums matches scipy on the per-user data (${lang})`, async () => {
    const { context, page, problems } = await open(`#/analyze?${CUPED}`, { lang });
    await page.waitForSelector('[data-testid="cuped-theta"][data-value]', { timeout: 30_000 });
    near(await value(page, 'cuped-theta'), 0.5353339953294954, 1e-9, 'theta');
    near(await value(page, 'variance-reduction'), 0.2964499143671072, 1e-8, 'variance reduction');
    near(await value(page, 'mean-adj-0'), 47.59418770326066, 1e-9, 'adjusted mean of control');
    near(await value(page, 'mean-adj-1'), 47.533698995361206, 1e-9, 'adjusted mean of B');
    near(await value(page, 'lift-rel-1'), -0.0012780114729293941, 1e-8, 'relative lift');
    near(await value(page, 'p-1'), 0.9672191816099631, 1e-8, 'p');
    near(await value(page, 'p-rel-1'), 0.9673845358110178, 1e-8, 'relative p');
    near(await value(page, 'df-1'), 2045.949239383331, 1e-9, 'df');
    near(await value(page, 'ci-low-1'), -2.946674445720946, 1e-8, 'interval');
    near(await value(page, 'mean-0'), 54098.57 / 1143, 1e-12, 'unadjusted mean');
    assert.match(await page.innerText('[data-testid="cuped-narrower-1"]'), narrower);
    assert.match(await page.innerText('[data-testid="cuped"]'), why);
    assert.match(await page.innerText('[data-testid="cuped"] code'), /SUM\(x \* y\)\s+AS prepost/);
    // The two intervals are drawn, adjusted and not.
    assert.equal(await page.$$eval('[data-testid="cuped"] figure.chart', (els) => els.length), 1);
    // A cross sum no per-user data can give is refused at that cell; nothing else changes.
    await page.fill('input[name="prepost"][data-arm="0"]', '99999999');
    await page.waitForSelector('[data-testid="error-prepost-0"]');
    assert.equal(await page.$('[data-testid="error-prepost-1"]'), null);
    assert.equal(await page.$('[data-testid="cuped-theta"]'), null);
    assert.ok(await page.isVisible('input[name="alpha"]'));
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('significance page: means become sums and back, and per-user rows fill the sums', async () => {
  const { context, page, problems } = await open('#/analyze?metric=continuous&n=1200,1180&mean=150.5,158&sd=220,231.5');
  await page.waitForSelector('[data-testid="p-1"][data-value]');
  const p = await value(page, 'p-1');
  await page.selectOption('[data-testid="given"]', 'sums');
  await page.waitForSelector('input[name="sum"][data-arm="0"]');
  assert.equal(await page.inputValue('input[name="sum"][data-arm="0"]'), '180600');
  assert.equal(await page.inputValue('input[name="sum2"][data-arm="0"]'), String(1199 * 220 * 220 + 1200 * 150.5 * 150.5));
  await page.waitForSelector('[data-testid="p-1"][data-value]');
  near(await value(page, 'p-1'), p, 1e-9, 'the same test from the sums');
  assert.match(new URL(page.url()).hash, /sum=180600,186440/);
  // CUPED asks for the pre-period's sums; per-user rows give every sum.
  await page.selectOption('[data-testid="given"]', 'cuped');
  await page.waitForSelector('input[name="prepost"][data-arm="1"]');
  await page.click('summary >> text=Sum per-user rows');
  const users = 'user,group,value,pre\nu1,control,10,8\nu2,control,14,12\nu3,control,9,9\nu4,control,20,15\n'
    + 'u5,B,13,9\nu6,B,18,13\nu7,B,11,8\nu8,B,25,18\nu9,B,16,12\n';
  // The same rows once per order: u1 and u5 bought twice.
  await page.fill('textarea[name="users"]', users + 'u1,control,5,8\nu5,B,7,9\nu1,control,1,8\n');
  await page.click('[data-testid="users-fill"]');
  await page.waitForSelector('[data-testid="users-result"]');
  const refused = await page.innerText('[data-testid="users-result"]');
  assert.match(refused, /Nothing was changed: some user ids appear on more than one row \(rows repeating an id: 3\)/);
  assert.match(refused, /User u1: lines 2, 11, 13/);
  assert.match(refused, /User u5: lines 6, 12/);
  assert.equal(await page.inputValue('input[name="sum"][data-arm="0"]'), '180600');
  await page.fill('textarea[name="users"]', users);
  await page.click('[data-testid="users-fill"]');
  await page.waitForFunction(() => document.querySelector('input[name="n"][data-arm="0"]')?.value === '4');
  assert.match(await page.innerText('[data-testid="users-result"]'), /9 users in 2 groups summed/);
  assert.equal(await page.inputValue('input[name="names"][data-arm="0"]'), 'control');
  for (const [name, want] of [['sum', '53'], ['sum2', '777'], ['pre', '44'], ['pre2', '514'], ['prepost', '629']]) {
    assert.equal(await page.inputValue(`input[name="${name}"][data-arm="0"]`), want, name);
  }
  assert.equal(await page.inputValue('input[name="prepost"][data-arm="1"]'), '1081');
  // numpy: polyfit over the nine users, and the squared correlation.
  await page.waitForSelector('[data-testid="cuped-theta"][data-value]');
  near(await value(page, 'cuped-theta'), 1.469339622641509, 1e-12, 'theta');
  near(await value(page, 'variance-reduction'), 0.9379083861738329, 1e-12, 'variance reduction');
  // Back to means: the sums give the means and sds again.
  await page.selectOption('[data-testid="given"]', 'means');
  await page.waitForSelector('input[name="mean"][data-arm="0"]');
  assert.equal(await page.inputValue('input[name="mean"][data-arm="0"]'), '13.25');
  assert.equal(new URL(page.url()).hash.includes('pre='), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('significance page: per-user ratio rows in Chinese, from a file', async () => {
  const { context, page, problems } = await open('#/analyze?metric=ratio&n=100,120&num=270,300&num2=848.79,869&den=510,500&den2=810,800&numden=-900,-905', { lang: 'zh' });
  await page.waitForSelector('[data-testid="p-rel-1"][data-value]');
  await page.click('summary >> text=按用户明细求和');
  const csv = '\ufeff用户ID,组别,成交金额,订单数\r\nu1,对照组,120,1\r\nu2,对照组,0,0\r\nu3,对照组,80.5,2\r\nu4,新版详情页,"1,200",3\r\nu5,新版详情页,60,1\r\nu6,新版详情页,0,0\r\n';
  await page.setInputFiles('input[name="users_csv"]', { name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector('input[name="n"][data-arm="0"]')?.value === '3');
  assert.match(await page.innerText('[data-testid="users-result"]'), /已对 2 个组的 6 个用户求和/);
  assert.equal(await page.inputValue('input[name="names"][data-arm="1"]'), '新版详情页');
  assert.equal(await page.inputValue('input[name="num"][data-arm="1"]'), '1260');
  assert.equal(await page.inputValue('input[name="numden"][data-arm="0"]'), String(120 + 161));
  await page.waitForSelector('[data-testid="ratio-1"][data-value]');
  near(await value(page, 'ratio-1'), 1260 / 4, 1e-12, 'ratio of the new page');
  // A GBK export (Excel's default CSV in Chinese) is not read as garbled names.
  await page.setInputFiles('input[name="users_csv"]', { name: 'gbk.csv', mimeType: 'text/csv', buffer: Buffer.from([0xd3, 0xc3, 0xbb, 0xa7, 0x2c, 0x31, 0x0a]) });
  await page.waitForSelector('[data-testid="users-file-error"]');
  assert.match(await page.innerText('[data-testid="users-file-error"]'), /CSV UTF-8/);
  assert.equal(await page.inputValue('input[name="num"][data-arm="1"]'), '1260');
  assert.deepEqual(problems, []);
  await context.close();
});
