// End-to-end tests: the release build in dist/, served on loopback under a
// sub-path (as a static host would), driven in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, ROUTES } from './harness.mjs';

const app = servedApp();

/** A fresh page in English that records errors and every request it makes. */
const open = (hash, options) => openPage(app.browser, app.base, hash, options);

const value = (page, id) => page.getAttribute(`[data-testid="${id}"]`, 'data-value');

test('every route loads with no errors and no requests to other origins', async () => {
  for (const route of ROUTES) {
    const { context, page, problems, foreign } = await open(route);
    const h1 = (await page.textContent('main h1')).trim();
    assert.ok(h1.length > 3, `${route} has a heading`);
    if (!['#/', '#/learn', '#/learn/cases', '#/learn/exercises', '#/learn/glossary'].includes(route)) {
      await page.waitForSelector('[data-value]', { timeout: 30_000 });
      const computed = await page.$$eval('[data-value]', (els) => els.length);
      assert.ok(computed > 0, `${route} shows computed results out of the box`);
    }
    assert.deepEqual(problems, [], `${route} logs no errors`);
    assert.deepEqual(foreign, [], `${route} requests nothing from other origins`);
    await context.close();
  }
});

test('navigation reaches every tool and marks the current page', async () => {
  const { context, page, problems } = await open('#/');
  const targets = [['Test design', '#/design', 'A/B test design'], ['Significance', '#/analyze', 'Significance check'],
    ['Campaign ROI', '#/roi', 'Campaign ROI'], ['Funnel', '#/funnel', 'Funnel what-ifs'], ['Learn', '#/learn', 'Training room']];
  for (const [link, hash, heading] of targets) {
    await page.click(`header nav >> text="${link}"`);
    await page.waitForFunction((h) => document.querySelector('main h1')?.textContent === h, heading);
    assert.equal(new URL(page.url()).hash, hash);
    assert.equal(await page.getAttribute('header nav [aria-current="page"]', 'aria-current'), 'page');
  }
  await page.click('header .brand');
  await page.waitForFunction(() => location.hash === '#/');
  await page.goto(app.base + '#/no-such-page');
  await page.waitForSelector('main h1');
  assert.equal(await page.textContent('main h1'), 'Page not found');
  assert.deepEqual(problems, []);
  await context.close();
});

// Latin words that rightly stay in the Chinese interface: metrics and method names
// used as they are in Chinese operations and statistics.
const KEEP_IN_ZH = new Set(['GMV', 'ROI', 'ROAS', 'LTV', 'CAC', 'CPM', 'AOV', 'ARPU', 'AARRR', 'MDE', 'SRM', 'KOL',
  'Acquisition', 'Activation', 'Retention', 'Revenue', 'Referral', 'alpha', 'power', 'peeking', 'Bonferroni', 'Holm',
  'Welch', 'Satterthwaite', 'welpo', 'Spotify', 'confidence', 'Evan', 'Miller', 'power.prop.test', 'pwr',
  'statsmodels', 'scipy', "Cohen's", 'English', 'CSV', 'Fisher', 'Beta', 'Newcombe', 'Wilson', 'delta', 'PERT', 'xoshiro', 'App',
  // Names of methods and their authors, and the metrics' usual abbreviations.
  "O'Brien", 'Fleming', 'Armitage', 'McPherson', 'Rowe', 'Jennison', 'Turnbull', 'DAU', 'MAU', 'ARPPU', 'CTR', 'CPC',
  'CPA', 'RFM', 'SKU', 'Page', 'Down', 'Esc', 'CUPED', 'Dunnett', 'TOST', 'TrialSize', 'Chow', 'Shao', 'Wang', 'Kohavi', 'Deng', 'Vermeer', 'Gelman', 'Carlin', 'Delta', 'gbstats',
  // Function names in formulas, written the same in both languages.
  'var', 'cov',
  // File formats, the same words in both languages.
  'SVG', 'PNG']);

/** Chinese words the English pages use on purpose, longest first. */
const KEEP_IN_EN = ['分析单元与实验单元', '检验灵敏度', '护栏指标', '决策规则', '假阳性风险', '夸大倍数', '比率指标', '件单价', '保本投产比', '净投产比', '投产比', '营销占比', '客单价', '复购率', '留存率', '动销率', '跳失率', '核销率', '退款率', '环比', '同比', '复购', '中文', '万'];

test('the language switch changes every visible string, on every page', async () => {
  for (const route of ROUTES) {
    const { context, page, problems } = await open(route);
    const english = await page.innerText('body');
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const chinese = await page.innerText('body');
    assert.notEqual(chinese, english);
    const leftovers = (chinese.match(/[A-Za-z][A-Za-z'.]{2,}/g) || []).filter((w) => !KEEP_IN_ZH.has(w.replace(/\.$/, '')));
    assert.deepEqual(leftovers, [], `${route} still shows English in Chinese mode`);
    // And back: no Chinese left in English mode except the switch itself and the
    // operations terms the English pages name on purpose (投产比, 复购率, …).
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const again = KEEP_IN_EN.reduce((text, word) => text.replaceAll(word, ''), await page.innerText('body'));
    assert.ok(!/[\u4e00-\u9fff]/.test(again), `${route} shows Chinese in English mode`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the language follows the browser, then lang= in the link, then the stored choice', async () => {
  let { context, page } = await open('#/', { lang: 'zh' });
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await context.close();
  ({ context, page } = await open('#/roi?lang=zh'));
  assert.equal(await page.textContent('main h1'), '活动 ROI');
  await context.close();
  ({ context, page } = await open('#/'));
  await page.click('[data-testid="lang-switch"]');
  await page.reload();
  await page.waitForSelector('main h1');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await context.close();
});

test('links reopen the same calculation: the contract public checks', async () => {
  const cases = [
    ['#/design?p=20&mde=5&mde_mode=abs&method=baseline', { 'n-control': '1031' }],
    ['#/design?p=5&mde=10', { 'n-control': '31231', 'n-treatment': '31231', 'n-total': '62462', days: '7' }],
    ['#/roi?cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30',
      { roi: '1.9', 'benefit-direct': '1000000', 'benefit-members': '1000000', 'benefit-brand': '900000', 'cost-total': '1000000', roas: '5' }],
    ['#/funnel?visitors=50000&rates=40,25,50,70&aov=150&stage=2&to=30',
      { orders: '1750', gmv: '262500', 'gmv-whatif': '315000', 'gmv-delta': '52500', 'gmv-delta-rel': '0.2' }],
  ];
  for (const [hash, expected] of cases) {
    const { context, page, problems } = await open(hash);
    for (const [id, v] of Object.entries(expected)) assert.equal(await value(page, id), v, `${hash} ${id}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
  const { context, page } = await open('#/analyze?n=10000,10000&x=500,560');
  assert.equal(await value(page, 'rate-1'), '0.056');
  assert.ok(Math.abs(Number(await value(page, 'p-1')) - 0.05825780603351623) < 1e-8);
  await context.close();
});

test('charts draw as plain SVG with translated labels', async () => {
  const { context, page, problems } = await open('#/design?p=3&mde=18');
  const curve = await page.getAttribute('figure.chart svg path.line', 'd');
  assert.match(curve, /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){60}$/, 'power curve has 61 points');
  assert.ok(await page.isVisible('text=Target 80%'));
  await page.goto(app.base + '#/roi');
  await page.waitForSelector('figure.chart.stacked');
  assert.equal(await page.$$eval('figure.chart.stacked g.segment', (g) => g.length), 7, 'four cost lines and three benefits');
  assert.ok(await page.$('figure.chart.tornado g.swing'), 'the tornado chart draws');
  await page.goto(app.base + '#/funnel');
  await page.waitForSelector('figure.chart.bars');
  assert.equal(await page.$$eval('figure.chart.bars g.bar', (g) => g.length), 5, 'visitors and four stages');
  await page.click('[data-testid="lang-switch"]');
  await page.waitForSelector('figure.chart.bars svg >> text=支付成功');
  assert.deepEqual(problems, []);
  await context.close();
});

test('design page: presets, solving for the effect, methods side by side and the math', async () => {
  const { context, page, problems } = await open('#/design');
  // Presets are links that reopen their case.
  await page.click('.presets >> text=Checkout redesign');
  await page.waitForFunction(() => location.hash === '#/design?p=3&mde=18');
  await page.waitForFunction(() => document.querySelector('[data-testid="n-control"]')?.dataset.value === '17024');
  assert.equal(await page.inputValue('input[name="p"]'), '3');
  await page.click('.presets >> text=Low-traffic shop');
  await page.waitForSelector('[data-testid="duration-warning"]');
  assert.match(await page.textContent('[data-testid="duration-warning"]'), /more than a year/);
  assert.equal(Number(await value(page, 'days-recommended')) % 7, 0);
  // (1.95996 + 0.84162)² × 220² × 2 / 7.5² = 13,507.05, rounded up.
  await page.click('.presets >> text=Order value test');
  await page.waitForFunction(() => document.querySelector('[data-testid="n-control"]')?.dataset.value === '13508');

  // The four methods for Evan Miller's case, and the effect a 3-week run detects.
  await page.goto(app.base + '#/design?p=20&mde=5&mde_mode=abs&method=baseline&run_days=21');
  await page.waitForSelector('[data-testid="method-comparison"]');
  const methods = {};
  for (const m of ['unpooled', 'baseline', 'pooled', 'arcsine']) methods[m] = await value(page, `method-n-${m}`);
  assert.deepEqual(methods, { unpooled: '1091', baseline: '1031', pooled: '1094', arcsine: '1092' });
  assert.ok(Math.abs(Number(await value(page, 'mde-abs')) - 0.0049) < 0.0001);
  // The designed size, entered as visitors, detects the designed 5 points.
  await page.fill('input[name="run_n"]', '1030.2192831104603');
  await page.waitForSelector('[data-testid="mde-n-abs"][data-value]');
  assert.ok(Math.abs(Number(await value(page, 'mde-n-abs')) - 0.05) < 1e-9);
  assert.equal(await page.$$eval('[data-testid="weeks-table"] tbody tr', (r) => r.length), 8);
  await page.click('details.math summary');
  const math = await page.innerText('[data-testid="math"]');
  assert.match(math, /z_a = Φ⁻¹\(1 − α\/2\) = 1\.95996/);
  assert.match(math, /δ² = 0.0025/);
  assert.match(math, /n = \(z_a·A \+ z_b·B\)² \/ D = 1,030\.22/);
  assert.match(math, /⌈1,030\.22⌉ = 1,031/);
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="math"]')?.innerText.includes('向上取整'));

  // Revenue per visitor: the standard deviation comes from conversion and order values.
  await page.goto(app.base + '#/design?metric=revenue&p=3&aov=150&aov_sd=220&mde=5');
  await page.waitForSelector('[data-testid="rpv-sd"][data-value]');
  const sd = Math.sqrt(0.03 * 220 ** 2 + 0.03 * 0.97 * 150 ** 2);
  assert.ok(Math.abs(Number(await value(page, 'rpv-sd')) - sd) < 1e-9);
  assert.equal(await value(page, 'rpv-mean'), '4.5');
  assert.deepEqual(problems, []);
  await context.close();
});

test('significance page: a running test says what it still needs and how far to believe a win', async () => {
  // The spec's public check: control 100 of 1,000, the arm of 1,000 needs 128.
  const { context, page, problems } = await open('#/analyze?n=1000,1000&x=100,110&daily=500');
  await page.waitForSelector('[data-testid="need-conv-1"][data-value]');
  assert.equal(await value(page, 'need-conv-1'), '128');
  assert.equal(await value(page, 'need-more-1'), '18');
  const more = Number(await value(page, 'more-n-1'));
  assert.ok(more > 13000 && more < 14000, `more-n-1 = ${more}`);
  assert.equal(Number(await value(page, 'more-days')), Math.ceil((more * 2) / 500));
  const answer = await page.innerText('[data-testid="answer"]');
  assert.match(answer, /^No significant difference yet.*Variant B needs 18 more conversions out of its current visitors to become significant\. About \d+ days more reach 80% power for a 10% lift\.$/);
  assert.doesNotMatch(answer, /observed power/i);
  // The same reading in Chinese; without the traffic, visitors instead of days.
  await page.goto(app.base + '#/analyze?n=1000,1000&x=100,110&lang=zh-CN');
  await page.waitForSelector('[data-testid="need-more-1"][data-value="18"]');
  const zh = await page.innerText('[data-testid="answer"]');
  assert.match(zh, /还要再多 18 个转化才能显著。每组再增加 [\d,]+ 名访客，可达到检测 10% 提升所需的 80% 功效。$/);
  assert.equal(await page.$('[data-testid="more-days"]'), null);

  // A win at the planned power (31,231 a group for 5 % → +10 %): about 22 % of such
  // wins are false at a 10 % win rate (Kohavi, Deng and Vermeer 2022).
  await page.goto(app.base + '#/analyze?n=31231,31231&x=1562,1800&prior_sd=5&lang=en');
  await page.waitForSelector('[data-testid="fpr-1"][data-value]');
  const fpr = Number(await value(page, 'fpr-1'));
  assert.ok(Math.abs(fpr - 0.2195) < 0.003, `fpr-1 = ${fpr}`);
  const x = Number(await value(page, 'exaggeration-1'));
  assert.ok(x > 1.05 && x < 1.2, `exaggeration-1 = ${x}`);
  assert.ok(Number(await value(page, 'type-s-1')) < 1e-4);
  const shrunk = Number(await value(page, 'lift-shrunk-1'));
  const lift = Number(await value(page, 'lift-rel-1'));
  assert.ok(shrunk > 0 && shrunk < lift, `${shrunk} against ${lift}`);
  assert.match(await page.innerText('[data-testid="answer"]'),
    /beats control.*At a 10% win rate about 22% of wins this significant are false, and at this power a significant lift is on average 1\.1× the true one\.$/);
  assert.match(await page.innerText('[data-testid="verdict"]'), /false-positive risk 22%/);

  // A plan figure the page cannot read gets its message; the rest keeps working.
  await page.goto(app.base + '#/analyze?n=1000,1000&x=100,110&power=120');
  await page.waitForSelector('[data-testid="p-1"][data-value]');
  assert.ok(await page.$('input[name="power"][aria-invalid="true"]'));
  assert.equal(await page.$('[data-testid="more-n-1"][data-value]'), null);
  assert.equal(await value(page, 'need-conv-1'), '128');
  assert.deepEqual(problems, []);
  await context.close();
});

test('significance page: a running test with its chart, several arms, means, sides and a daily file', async () => {
  // The guided case "won +12 % after 5 days": 41 % power for the planned lift.
  const { context, page, problems } = await open('#/analyze?n=12000,12000&x=600,672&daily=4800&prior_sd=5');
  await page.waitForSelector('[data-testid="fpr-1"][data-value]');
  assert.ok(Math.abs(Number(await value(page, 'fpr-1')) - 0.3534) < 1e-3);
  assert.ok(Math.abs(Number(await value(page, 'exaggeration-1')) - 1.55) < 0.01);
  assert.ok(Math.abs(Number(await value(page, 'lift-shrunk-1')) - 0.048) < 1e-3);
  assert.match(await page.innerText('[data-testid="answer"]'), /about 35% of wins this significant are false, and at this power a significant lift is on average 1\.5× the true one\.$/);
  // The chart of exaggeration against power, with this test's point and the plan's power.
  const chart = 'figure.chart:has(svg[aria-label^="How much a significant lift overstates"])';
  await page.waitForSelector(chart);
  assert.equal(await page.$$eval(`${chart} .dots circle`, (c) => c.length), 1);
  assert.match(await page.textContent(`${chart} .marker`), /planned 80%/);
  assert.match(await page.innerText(`${chart} .legend`), /Variant B/);

  // Three arms under Holm or Dunnett: every figure uses alpha / 2, and says so.
  const needAt = async (query) => {
    await page.goto(app.base + `#/analyze?n=10000,10000,10000&x=500,540,520${query}`);
    await page.waitForSelector('[data-testid="need-conv-1"][data-value]');
    return Number(await value(page, 'need-conv-1'));
  };
  const none = await needAt('&correction=none');
  assert.doesNotMatch(await page.innerText('.outputs'), /each comparison uses alpha/);
  const holm = await needAt('&correction=holm');
  assert.match(await page.innerText('.outputs'), /each comparison uses alpha 2\.5%, its share after the correction/);
  assert.ok(holm > none, `${holm} against ${none}`);
  assert.equal(await needAt('&correction=dunnett'), holm);
  assert.equal(await needAt('&correction=bonferroni'), holm);
  // One side asks for less than two.
  assert.ok((await needAt('&correction=none&sides=1')) < none);

  // Means: no conversions to count, extra units and days by the continuous formula.
  await page.goto(app.base + '#/analyze?metric=continuous&n=1000,1000&mean=100,101&sd=150,150&daily=400');
  await page.waitForSelector('[data-testid="more-n-1"][data-value]');
  assert.equal(await page.$('[data-testid="need-conv-1"]'), null);
  const units = Number(await value(page, 'more-n-1'));
  // 2 (z 0.975 + z 0.8)² 150² / 10² = 3,532 units a group, 1,000 of them already in.
  assert.ok(Math.abs(units - 2532) <= 1, `more-n-1 = ${units}`);
  assert.equal(Number(await value(page, 'more-days')), Math.ceil((units * 2) / 400));
  assert.match(await page.innerText('[data-testid="answer"]'), /more reach 80% power for a 10% lift\.$/);

  // A daily file without `daily`: its own traffic counts the days, from its last day.
  await page.goto(app.base + '#/analyze?n=1000,1000&x=50,58');
  const csv = 'date,group,visitors,conversions\n2026-11-01,control,1000,50\n2026-11-01,B,1000,58\n2026-11-02,control,1100,52\n2026-11-02,B,1080,61\n';
  await page.setInputFiles('input[name="daily_csv"]', { name: 'daily.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid="more-days"][data-value]');
  const more = Number(await value(page, 'more-n-1'));
  const days = Number(await value(page, 'more-days'));
  assert.equal(days, Math.ceil((more * 4180 / 2100) / 2090));
  const end = new Date(Date.UTC(2026, 10, 2 + days)).toISOString().slice(0, 10);
  assert.equal(await page.innerText('[data-testid="more-days-to"]'), `(to about ${end}, counted from the file's last day, 2026-11-02)`);
  assert.match(await page.innerText('.more-days'), /At the file's traffic of 2,090 a day\./);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [lang, doubt, method] of [
  ['en', /Control's sums cannot come from per-user data \(Σ denominator²: Below \(Σ\)² \/ users/, /one row per randomized user, not per order/],
  ['zh', /对照组的这组和不可能来自逐用户数据（Σ 分母²：小于（Σ）² \/ 用户数/, /每个随机分组的用户一行/],
]) {
  test(`significance page: a ratio of per-user sums, gbstats' case (${lang})`, async () => {
    const gbstats = 'metric=ratio&n=100,120&num=270,300&num2=848.79,869&den=510,500&den2=810,800&numden=-900,-905';
    const { context, page, problems } = await open(`#/analyze?${gbstats}`, { lang });
    await page.waitForSelector('[data-testid="p-rel-1"][data-value]');
    const near = async (id, expected, tol) => {
      const v = Number(await value(page, id));
      assert.ok(Math.abs(v - expected) <= tol, `${id} = ${v}, expected ${expected}`);
    };
    await near('ratio-0', 0.529412, 1e-6);
    await near('ratio-1', 0.6, 1e-12);
    await near('lift-rel-1', 0.133333, 1e-6);
    await near('p-rel-1', 0.610663, 1e-6);
    await near('df-1', 217.9, 0.05);
    await near('p-1', 0.588, 5e-4);
    // The synthetic sums cannot come from real users: said at the sum and above the figures.
    assert.match(await page.innerText('[data-testid="ratio-doubt-0"]'), doubt);
    assert.ok(await page.$('input[name="den2"][data-arm="0"][aria-invalid="true"]'));
    assert.match(await page.innerText('[data-testid="ratio-method"]'), method);
    assert.match(await page.innerText('[data-testid="ratio-method"] code'), /SUM\(num \* den\) AS numden/);
    // A denominator of 0 is refused at that sum; the other fields keep working.
    await page.goto(app.base + `#/analyze?${gbstats.replace('den=510,500', 'den=0,500')}&lang=${lang === 'zh' ? 'zh-CN' : 'en'}`);
    await page.waitForSelector('[data-testid="error-den-0"]');
    assert.equal(await page.$('[data-testid="error-den-1"]'), null);
    assert.equal(await page.$('[data-testid="p-1"][data-value]'), null);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const [lang, math, corrLabel] of [['en', /the test is on users.*V = .*= 26,?025\.4 \(sd 161\.32/, 'Correlation of numerator and denominator'], ['zh', /检验以用户为单位.*= 26,?025\.4（标准差 161\.32/, '分子与分母的相关系数']]) {
  test(`design page: a ratio sized per user by the delta method (${lang})`, async () => {
    const { context, page, problems } = await open('#/design?metric=ratio&mean=100&sd=150&den_mean=0.8&den_sd=1.1&corr=60&mde=5', { lang });
    await page.waitForSelector('[data-testid="n-control"][data-value]');
    // scipy: (z 0.975 + z 0.8)² × 26,025.39 × 2 / 6.25² = 10,458.6.
    assert.equal(await value(page, 'n-control'), '10459');
    assert.equal(await value(page, 'ratio-planned'), '125');
    assert.ok(Math.abs(Number(await value(page, 'ratio-sd')) - 161.3239) < 1e-3);
    assert.match(await page.innerText('[data-testid="ratio-math"]'), math);
    assert.ok(await page.isVisible(`text=${corrLabel}`));
    // A correlation outside −99..99 is refused at its field; the rest of the page stays.
    await page.fill('input[name="corr"]', '100');
    await page.waitForSelector('input[name="corr"][aria-invalid="true"]');
    assert.equal(await page.$('[data-testid="n-control"][data-value]'), null);
    await page.fill('input[name="corr"]', '60');
    await page.waitForSelector('[data-testid="n-control"][data-value="10459"]');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('significance page: contract values match scipy and statsmodels', async () => {
  const { context, page, problems } = await open('#/analyze?n=10000,10000&x=500,560');
  const near = async (id, expected, tol) => {
    const v = Number(await value(page, id));
    assert.ok(Math.abs(v - expected) <= tol * Math.abs(expected), `${id} = ${v}, expected ${expected}`);
  };
  // tests/reference/analyze_binary.csv, first row.
  await near('p-1', 0.05825780603351623, 1e-6);
  await near('ci-low-1', -0.00021266672889468097, 1e-6);
  await near('ci-high-1', 0.012222355660731262, 1e-6);
  await near('rel-ci-low-1', -0.011447991459651224, 1e-6);
  await near('rel-ci-high-1', 0.251447991459651, 1e-6);
  await near('p-fisher-1', 0.06253057565412792, 1e-6);
  assert.ok(Math.abs(Number(await value(page, 'prob-beat-1')) - 0.9708376637062501) < 1e-6);
  assert.ok(Math.abs(Number(await value(page, 'loss-1')) - 3.5674569999787e-05) < 1e-6);
  assert.equal(await value(page, 'srm-p'), '1');
  assert.match(await page.innerText('[data-testid="verdict"]'), /no significant difference/);
  assert.match(await page.innerText('[data-testid="verdict"]'), /could reliably \(80% power\) detect a change of \+0\.899 pp/);
  assert.match(await page.innerText('[data-testid="verdict"]'), /anything smaller could be hiding in “not significant”/);
  assert.ok(Math.abs(Number(await value(page, 'mde-post-1')) - 0.00899) < 5e-5);

  // A sample ratio mismatch is called out first.
  await page.goto(app.base + '#/analyze?n=10000,10600&x=500,560');
  await page.waitForSelector('.srm.alarm');
  assert.ok(Number(await value(page, 'srm-p')) < 0.001);
  assert.match(await page.innerText('.srm.alarm'), /Sample ratio mismatch/);

  // Continuous metric: Welch's test.
  await page.goto(app.base + '#/analyze?metric=continuous&n=1000,1000&mean=100,108&sd=150,160');
  await page.waitForSelector('[data-testid="df-1"][data-value]');
  await near('p-1', 0.24884392149943446, 1e-6);
  await near('df-1', 1989.7352725957937, 1e-9);
  assert.equal(await value(page, 'mean-1'), '108');
  assert.deepEqual(problems, []);
  await context.close();
});

test('significance page: groups can be added, removed, pasted and loaded from a daily CSV', async () => {
  const { context, page, problems } = await open('#/analyze');
  await page.click('[data-testid="add-arm"]');
  await page.waitForSelector('input[name="n"][data-arm="2"]');
  assert.equal(new URL(page.url()).hash, '#/analyze?n=10000,10000,10000&x=500,560,560');
  assert.ok(await page.$('[data-testid="p-adj-2"][data-value]'), 'Holm-adjusted p-values with three groups');
  await page.click('button[aria-label="Remove Variant B"]');
  await page.waitForFunction(() => !document.querySelector('input[name="n"][data-arm="2"]'));
  // Back to the defaults, which links leave out.
  assert.equal(new URL(page.url()).hash, '#/analyze');

  // A table with one bad line is refused whole: nothing changes, each bad line is named.
  await page.click('summary >> text=Paste a table');
  const bad = '\ufeff组别\t访客数\t转化数\r\n对照组\t12,000\t600\r\n\r\n新版首页\t12,100\t680\r\n坏数据\t100\tabc\r\n';
  await page.fill('textarea[name="paste"]', bad);
  await page.click('[data-testid="paste-fill"]');
  await page.waitForSelector('[data-testid="paste-result"]');
  let result = await page.innerText('[data-testid="paste-result"]');
  assert.match(result, /Nothing was changed: 1 of the pasted lines cannot be read/);
  assert.match(result, /Line 5: conversions: Not a number/);
  assert.equal(await page.inputValue('input[name="n"][data-arm="0"]'), '10000');
  assert.equal(new URL(page.url()).hash, '#/analyze');
  // A rate column where conversions belong ("5%") is refused, not read as 5 conversions.
  await page.fill('textarea[name="paste"]', '组别\t访客数\t转化率\n对照组\t10000\t5%\n实验组\t10000\t5.6%\n');
  await page.click('[data-testid="paste-fill"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="paste-result"]')?.innerText.includes('rate column'));
  assert.equal(await page.inputValue('input[name="x"][data-arm="0"]'), '500');
  assert.equal(new URL(page.url()).hash, '#/analyze');

  // A table copied from a spreadsheet: BOM, Chinese headers, thousands separators, CRLF.
  await page.fill('textarea[name="paste"]', bad.replace('坏数据\t100\tabc\r\n', ''));
  await page.click('[data-testid="paste-fill"]');
  await page.waitForFunction(() => document.querySelector('input[name="n"][data-arm="0"]')?.value === '12000');
  assert.equal(await page.inputValue('input[name="x"][data-arm="1"]'), '680');
  assert.equal(await page.inputValue('input[name="names"][data-arm="1"]'), '新版首页');
  result = await page.innerText('[data-testid="paste-result"]');
  assert.match(result, /2 groups filled/);
  assert.equal(await value(page, 'rate-1'), String(680 / 12100));

  // Daily rows from a CSV file: totals fill the groups, the chart shows the cumulative lift.
  const csv = 'date,group,visitors,conversions\n2026-11-01,control,1000,50\n2026-11-01,B,1000,58\n2026-11-02,control,1100,52\n2026-11-02,B,1080,61\n2026-11-03,B,x,1\n';
  await page.setInputFiles('input[name="daily_csv"]', { name: 'daily.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid="daily-result"]');
  assert.match(await page.innerText('[data-testid="daily-result"]'), /Rows read: 4; days: 2; groups: 2\./);
  assert.match(await page.innerText('[data-testid="daily-result"]'), /Line 6/);
  await page.waitForFunction(() => document.querySelector('input[name="n"][data-arm="1"]')?.value === '2080');
  assert.equal(await page.inputValue('input[name="x"][data-arm="0"]'), '102');
  assert.ok(await page.isVisible('text=Cumulative lift against control, day by day'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('ROI page: cost lines, switches, sensitivity and bad input', async () => {
  const { context, page, problems } = await open('#/roi?cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30');
  assert.equal(await value(page, 'roi'), '1.9');
  assert.equal(await value(page, 'cost-per-member'), '200');
  // Editing a cost line updates the ROI and the link.
  await page.fill('input[name="cost"][data-line="0"]', '1100000');
  await page.waitForFunction(() => document.querySelector('[data-testid="cost-total"]')?.dataset.value === '1500000');
  assert.equal(Number(await value(page, 'roi')), 2900000 / 1500000 - 1);
  assert.match(new URL(page.url()).hash, /cost=1100000,200000,150000,50000/);
  // A new line, then a named one.
  await page.click('[data-testid="add-cost"]');
  await page.fill('input[name="cost"][data-line="4"]', '100000');
  await page.fill('input[name="cost_label"][data-line="4"]', 'Live host');
  await page.waitForFunction(() => document.querySelector('[data-testid="cost-total"]')?.dataset.value === '1600000');
  assert.match(new URL(page.url()).hash, /cost_label=,,,,Live%20host/);
  // Switching off the brand benefit.
  await page.uncheck('input[name="off"][value="brand"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="benefit-total"]')?.dataset.value === '2000000');
  assert.match(new URL(page.url()).hash, /off=brand/);
  // The input that matters most is named in words.
  assert.match(await page.textContent('[data-testid="sensitivity-top"]'), /matters most/);
  // Bad input: margin above 100 %, a negative cost, zero total cost.
  await page.fill('input[name="margin"]', '120');
  await page.waitForSelector('[data-testid="error-margin"]');
  assert.equal(await page.getAttribute('[data-testid="roi"]', 'data-value'), null);
  await page.goto(app.base + '#/roi?cost=0&gmv=1000&margin=20');
  await page.waitForSelector('main h1');
  assert.equal(await page.getAttribute('[data-testid="roi"]', 'data-value'), null);
  assert.match(await page.textContent('.result.primary'), /Undefined: the total cost is 0/);
  await page.goto(app.base + '#/roi?cost=-5,100&gmv=1000&margin=20');
  await page.waitForSelector('[data-testid="error-cost-0"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('ROI page: Monte Carlo is reproducible, scenarios compare, and the side tools compute', async () => {
  const { context, page, problems } = await open('#/roi');
  await page.waitForSelector('[data-testid="mc-roi-p50"]', { timeout: 20000 });
  const first = await value(page, 'mc-roi-p50');
  assert.ok(Math.abs(Number(first) - 1.9) < 0.3, `median ROI ${first}`);
  assert.match(await page.textContent('[data-testid="mc-speed"]'), /100,000 draws in \d{1,3}(,\d{3})* ms/);
  await page.reload();
  await page.waitForSelector('[data-testid="mc-roi-p50"]', { timeout: 20000 });
  assert.equal(await value(page, 'mc-roi-p50'), first, 'the same seed gives the same draws');
  // Low above likely is refused in place.
  await page.fill('input[name="gmv_lo"]', '9000000');
  await page.waitForSelector('.ranges tr.invalid');

  // Save two scenarios and compare them.
  await page.goto(app.base + '#/roi');
  await page.waitForSelector('main h1');
  await page.fill('[data-testid="save-name"]', 'Plan A');
  await page.click('[data-testid="save-calc"]');
  await page.fill('input[name="gmv"]', '8000000');
  await page.fill('[data-testid="save-name"]', 'Plan B');
  await page.click('[data-testid="save-calc"]');
  await page.check('[data-testid="scenario-list"] li:has-text("Plan A") input[type=checkbox]');
  await page.check('[data-testid="scenario-list"] li:has-text("Plan B") input[type=checkbox]');
  const table = await page.innerText('[data-testid="scenario-compare"]');
  assert.match(table, /Plan A[\s\S]*Plan B/);
  assert.match(table, /190%[\s\S]*250%/);
  await page.reload();
  await page.waitForSelector('[data-testid="scenario-list"]');
  assert.equal(await page.$$eval('[data-testid="scenario-list"] li', (l) => l.length), 2, 'scenarios survive a reload');

  // The training example: moving 50,000 from short video to the notes app.
  assert.equal(await value(page, 'ch-orders-0'), '160');
  assert.equal(await value(page, 'ch-orders-1'), '62.5');
  assert.equal(await value(page, 'ch-gmv-0'), '48000');
  assert.equal(Number(await page.getAttribute('[data-testid="move-result"]', 'data-value')), 48.75 * 120);
  // Spend 200 save 30 on a 180 order at 30 % margin, 40 % of orders qualifying.
  assert.ok(Math.abs(Number(await value(page, 'promo-orders-lift')) - (54 / 42 - 1)) < 1e-12);
  assert.equal(await value(page, 'ltv'), '600');
  assert.equal(await value(page, 'ltv-cac'), '3');
  await page.fill('input[name="churn"]', '0');
  await page.waitForSelector('[data-testid="error-churn"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('funnel page: what-ifs, leverage, experiments, targets and period comparison', async () => {
  const { context, page, problems } = await open('#/funnel');
  // The worked example: add-to-cart 25 % → 30 %.
  assert.equal(await value(page, 'gmv-whatif'), '315000');
  assert.match(await page.textContent('[data-testid="leverage-top"]'), /^Add to cart gains most per point/);
  // Several what-ifs at once.
  await page.click('[data-testid="add-what-if"]');
  await page.selectOption('select[name="stage"][data-line="1"]', '4');
  await page.fill('input[name="to"][data-line="1"]', '80');
  await page.waitForFunction(() => document.querySelector('[data-testid="gmv-whatif"]')?.dataset.value === '360000');
  assert.equal(new URL(page.url()).hash, '#/funnel?visitors=50000&rates=40,25,50,70&aov=150&stage=2,4&to=30,80');
  // Reordering a stage keeps its what-if with it.
  await page.click('button[aria-label="Move Product page down"]');
  await page.waitForFunction(() => new URL(location.href).hash.includes('rates=25,40,50,70'));
  assert.match(new URL(page.url()).hash, /stage=1,4/);
  assert.match(new URL(page.url()).hash, /stages=Add%20to%20cart,Product%20page/);

  // The experiment link opens the design page with this stage's baseline and traffic.
  await page.goto(app.base + '#/funnel');
  await page.waitForSelector('[data-testid="design-link-2"]');
  const perGroup = await value(page, 'test-n-2');
  await page.click('[data-testid="design-link-2"]');
  await page.waitForFunction(() => location.hash.startsWith('#/design?'));
  assert.equal(new URL(page.url()).hash, '#/design?p=25&mde=5&mde_mode=abs&daily=20000');
  await page.waitForSelector('[data-testid="n-control"][data-value]');
  assert.equal(await page.inputValue('input[name="p"]'), '25');
  assert.equal(await value(page, 'n-control'), perGroup);

  // Target solving, with an impossible stage flagged.
  await page.goto(app.base + '#/funnel?visitors=50000&rates=40,25,50,70&aov=150&target=787500');
  await page.waitForSelector('[data-testid="need-visitors"][data-value]');
  assert.equal(Number(await value(page, 'need-visitors')), 150000);
  assert.ok(Number(await value(page, 'need-rate-4')) > 1);
  assert.match(await page.innerText('[data-testid="target-rates"]'), /impossible/);

  // Sales up 50 % while pay conversion fell from 8 % to 5 %: the parts add up exactly.
  await page.click('.presets >> text=Sales up 50 %');
  await page.waitForSelector('[data-testid="decomposition"]');
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += Number(await value(page, `part-${i}`));
  assert.ok(Math.abs(sum - 120000) < 1e-6, `parts sum to ${sum}`);
  assert.match(await page.textContent('[data-testid="biggest-driver"]'), /^The biggest driver is Traffic/);
  assert.ok(Number(await value(page, 'part-2')) < 0, 'the fall in pay conversion cost GMV');

  // Bad input explains itself.
  await page.goto(app.base + '#/funnel?visitors=1000&rates=120,50&aov=10&stage=9&to=20');
  await page.waitForSelector('[data-testid="error-rates-0"]');
  assert.match(await page.textContent('[data-testid="error-stage-0"]'), /The funnel has 2 stages/);
  await page.goto(app.base + '#/funnel?visitors=1000&rates=&aov=10');
  await page.waitForSelector('[data-testid="error-rates"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing updates results and the URL, and a reload keeps the state', async () => {
  const { context, page, problems } = await open('#/design');
  const before = await context.pages()[0].evaluate(() => history.length);
  await page.fill('input[name="p"]', '20');
  await page.fill('input[name="mde"]', '5');
  await page.selectOption('select[name="mde_mode"]', 'abs');
  await page.selectOption('select[name="method"]', 'baseline');
  await page.waitForFunction(() => document.querySelector('[data-testid="n-control"]')?.dataset.value === '1031');
  const hash = new URL(page.url()).hash;
  assert.equal(hash, '#/design?p=20&mde=5&mde_mode=abs&method=baseline');
  assert.equal(await page.evaluate(() => history.length), before, 'edits do not add history entries');
  await page.reload();
  await page.waitForSelector('main h1');
  assert.equal(await value(page, 'n-control'), '1031');
  assert.equal(await page.inputValue('input[name="p"]'), '20');
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad input explains itself inline and the rest of the page keeps working', async () => {
  const { context, page, problems } = await open('#/analyze?n=100,100&x=150,10');
  assert.match(await page.textContent('[data-testid="error-x-0"]'), /Control has more conversions than visitors/);
  assert.equal(await page.$('[data-testid="p-1"]'), null);
  await page.fill('input[name="x"][data-arm="0"]', '15');
  await page.waitForSelector('[data-testid="p-1"][data-value]');
  assert.equal(new URL(page.url()).hash, '#/analyze?n=100,100&x=15,10');

  await page.goto(app.base + '#/funnel?visitors=1000000000000&rates=50&aov=10');
  await page.waitForSelector('[data-testid="error-visitors"]');
  assert.equal(await page.getAttribute('[data-testid="gmv"]', 'data-value'), null);
  await page.goto(app.base + '#/design?p=150&alpha=abc&arms=1');
  await page.waitForSelector('[data-testid="error-p"]');
  assert.match(await page.textContent('[data-testid="error-p"]'), /less than 100/);
  assert.match(await page.textContent('[data-testid="error-alpha"]'), /Not a number/);
  assert.match(await page.textContent('[data-testid="error-arms"]'), /at least 2/);
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="error-alpha"]')?.textContent === '不是有效的数字');
  assert.deepEqual(problems, []);
  await context.close();
});
