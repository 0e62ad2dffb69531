// End-to-end tests of tests looked at more than once: sequential plans on the design
// page, always-valid results and a planned test read on the significance page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage } from './harness.mjs';

const app = servedApp();

const open = (hash, options) => openPage(app.browser, app.base, hash, options);
const value = async (page, id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));
const near = (got, want, tol, what) => assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} vs ${want}`);

test('design page: sequential plans through links match the published boundaries', async () => {
  const { context, page, problems } = await open('#/design?looks=4&bounds=obf');
  await page.waitForSelector('[data-testid="gs-z-4"]');
  for (const [k, z] of [[1, 4.049], [2, 2.863], [3, 2.337], [4, 2.024]]) near(await value(page, `gs-z-${k}`), z, 1e-3, `OBF look ${k}`);
  near(await value(page, 'gs-alpha-4'), 0.05, 1e-6, 'alpha spent');
  near(await value(page, 'gs-p-4'), 2 * (1 - 0.97852), 2e-4, 'nominal p');
  const fixed = 31231;
  const r = await value(page, 'gs-inflation');
  near(await value(page, 'n-control'), Math.ceil(r * 31230.33), 2, 'maximum n');
  assert.equal(await value(page, 'gs-n-control-4'), await value(page, 'n-control'));
  assert.ok(await value(page, 'gs-en-h1') < 1, 'stops early on average with the effect');
  assert.ok(await value(page, 'n-control') > fixed);
  // Lan–DeMets O'Brien–Fleming spending and Pocock's inflation factor.
  await page.goto(app.base + '#/design?looks=4&bounds=ld_obf');
  await page.waitForSelector('[data-testid="gs-z-1"][data-value]');
  for (const [k, z] of [[1, 4.333], [2, 2.963], [3, 2.359], [4, 2.014]]) near(await value(page, `gs-z-${k}`), z, 1e-3, `LD-OBF look ${k}`);
  await page.goto(app.base + '#/design?looks=4&bounds=pocock');
  await page.waitForSelector('[data-testid="gs-inflation"][data-value]');
  near(await value(page, 'gs-inflation'), 1.202, 1e-3, 'Pocock R');
  assert.ok((await page.textContent('[data-testid="answer"]')).includes('1.202'));
  assert.equal(await page.$$eval('[data-testid="sequential"] figure.chart', (els) => els.length), 1);
  // Unequal timing, and a timing that cannot be used.
  await page.goto(app.base + '#/design?looks=3&timing=30,60,100&arms=3');
  await page.waitForSelector('[data-testid="gs-z-3"][data-value]');
  near(await value(page, 'gs-alpha-3'), 0.025, 1e-6, 'Bonferroni per comparison over 2 comparisons');
  await page.fill('input[name="timing"]', '60,30,100');
  await page.waitForSelector('[data-testid="error-timing"]');
  assert.equal(await page.$('[data-testid="gs-z-1"]'), null);
  // In Chinese too.
  await page.goto(app.base + '#/design?looks=5&bounds=obf&lang=zh');
  await page.waitForSelector('[data-testid="gs-inflation"][data-value]');
  near(await value(page, 'gs-inflation'), 1.028, 1e-3, 'OBF R, 5 looks');
  assert.match(await page.textContent('[data-testid="sequential"] h2'), /序贯方案/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('significance page: always-valid results match the GrowthBook case, and the daily chart shows both intervals', async () => {
  const { context, page, problems } = await open('#/analyze?n=3000,3461&x=1396,2422&seq=always&nstar=5000');
  await page.waitForSelector('[data-testid="av-rel-ci-low-1"][data-value]');
  near(await value(page, 'av-rel-ci-low-1'), 0.40098, 1e-5, 'relative low');
  near(await value(page, 'av-rel-ci-high-1'), 0.60675, 1e-5, 'relative high');
  const [low, high] = [await value(page, 'av-ci-low-1'), await value(page, 'av-ci-high-1')];
  const [fixedLow, fixedHigh] = [await value(page, 'ci-low-1'), await value(page, 'ci-high-1')];
  assert.ok(low < fixedLow && high > fixedHigh, 'always-valid is wider');
  assert.ok(await value(page, 'av-p-1') >= await value(page, 'p-1'));

  // Daily rows: the cumulative chart draws the always-valid edges and the first days.
  await page.goto(app.base + '#/analyze?seq=always&nstar=2000');
  await page.waitForSelector('main h1');
  const rows = ['date,group,visitors,conversions'];
  for (let d = 1; d <= 14; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    rows.push(`${day},control,1000,${50 + (d % 3)}`, `${day},B,1000,${62 + (d % 4)}`);
  }
  await page.setInputFiles('input[name="daily_csv"]', { name: 'daily.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
  await page.waitForSelector('[data-testid="daily-result"]');
  await page.waitForSelector('figure.chart .line.s3');
  const legend = await page.$$eval('figure.chart figcaption', (els) => els.map((e) => e.textContent).join(' '));
  assert.match(legend, /Always-valid interval/);
  assert.match(legend, /First day the fixed interval excludes 0/);
  assert.ok(await page.$$eval('figure.chart .dots circle', (els) => els.length) >= 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('significance page: the current sample read against a planned sequential test', async () => {
  const { context, page, problems } = await open('#/analyze?plan_looks=4&plan_n=20000');
  await page.waitForSelector('[data-testid="gs-boundary-now"][data-value]');
  near(await value(page, 'gs-fraction'), 0.5, 1e-12, 'fraction');
  near(await value(page, 'gs-boundary-now'), 2.963, 1e-3, 'boundary at half');
  assert.equal(await value(page, 'gs-crossed-1'), 0);
  // A strong result at an unplanned look crosses.
  await page.goto(app.base + '#/analyze?n=13000,13000&x=650,800&plan_looks=4&plan_n=20000&plan_bounds=pocock');
  await page.waitForSelector('[data-testid="gs-crossed-1"]');
  assert.equal(await value(page, 'gs-crossed-1'), 1);
  assert.ok(await value(page, 'gs-boundary-now') > 2.3);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [lang, interim, always, fixedLabel] of [
  ['en', /^Interim look \(31\.2% of the planned sample\): the largest \|z\|, Variant B's 2\.50, has not crossed this look's boundary of 3\.84, so there is no verdict yet: continue to the next look\. The fixed-horizon p-value \(0\.0123\) applies only at the planned final analysis\. The plan's maximum sample is 22,003 more visitors per group away\.$/,
    /^Always-valid: Variant B is not significant yet \(always-valid p = 0\.2744; interval −0\.199 pp to \+1\.8 pp includes 0\)/, /^Fixed-horizon test \(valid only at a single analysis/],
  ['zh', /^中期查看（已达计划样本的 31\.2%）：最大的 \|z\| 是实验组 B 的 2\.50，未越过本次边界 3\.84，暂不能下结论，继续到下一次查看。固定样本 p 值（0\.0123）只适用于计划的最后一次分析。距离计划的最大样本量每组还差 22,003 名访客。$/,
    /^按始终有效的检验，实验组 B 尚未显著（始终有效 p = 0\.2744，区间 −0\.199 个百分点到 \+1\.8 个百分点，包含 0）/, /^固定样本检验（只在按计划样本量做一次分析时有效/],
]) {
  test(`significance page: with a plan or always-valid results the answer follows that analysis, not the fixed-horizon p (${lang})`, async () => {
    const { context, page, problems } = await open('#/analyze?n=10000,10000&x=500,580&plan_looks=5&plan_n=32003', { lang });
    await page.waitForSelector('[data-testid="gs-boundary-now"][data-value]');
    const answer = await page.textContent('[data-testid="answer"]');
    assert.match(answer, interim);
    assert.doesNotMatch(answer, lang === 'zh' ? /胜过/ : /beats/);
    // The fixed-horizon verdict below says what it is.
    assert.match(await page.textContent('.verdict p, .verdict li'), fixedLabel);
    await page.goto(app.base + `#/analyze?n=10000,10000&x=500,580&seq=always&lang=${lang}`);
    await page.waitForSelector('[data-testid="av-p-1"][data-value]');
    assert.match(await page.textContent('[data-testid="answer"]'), always);
    // A test that can go on says what it still needs to the planned power.
    assert.match(await page.textContent('[data-testid="answer"]'), lang === 'zh'
      ? /每组再增加 21,231 名访客，可达到检测 10% 提升所需的 80% 功效。$/
      : /21,231 more visitors per group reach 80% power for a 10% lift\.$/);
    // Without either, the fixed-horizon test decides and says nothing of looks.
    await page.goto(app.base + `#/analyze?n=10000,10000&x=500,580&lang=${lang}`);
    await page.waitForFunction(() => !document.querySelector('[data-testid="av-p-1"]'));
    assert.match(await page.textContent('[data-testid="answer"]'), lang === 'zh' ? /^实验组 B 胜过对照组/ : /^Variant B beats control/);
    assert.doesNotMatch(await page.textContent('.verdict p, .verdict li'), fixedLabel);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
