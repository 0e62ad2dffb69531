// End-to-end tests of the training room: guided cases open their tools with the
// case's numbers, every exercise is checked both ways, the presenter view follows
// the keyboard, progress survives a reload, and the simulators agree with theory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage } from './harness.mjs';

const app = servedApp();

const open = (hash, options) => openPage(app.browser, app.base, hash, options);

const value = async (page, id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));
/** Waits for a simulator's run to finish (its timing note appears). */
const simulated = (page) => page.waitForSelector('[data-testid="sim-speed"][data-value]', { timeout: 30_000 });

// What each case's tool must show: the number the case teaches.
const CASE_CHECKS = {
  'brand-day': ['roi', 1.9, 1e-12],
  checkout: ['n-control', 17024, 0],
  channels: ['ch-orders-0', 160, 1e-12],
  'sales-up': ['gmv', 360000, 1e-12],
  'first-order': ['gmv-delta-rel', 1 / 3, 1e-9],
  double11: ['need-aov', 62.5, 1e-12],
  threshold: ['promo-orders-lift', 54 / 34 - 1, 1e-9],
  'low-traffic': ['days', 1362, 0],
  'stopped-early': ['peek-theory', 0.22, 0.05],
  'coupon-variants': ['p-adj-3', 0.075, 0.03],
  srm: ['srm-p', 0.000148, 0.01],
  'early-win': ['fpr-1', 0.3534, 0.001],
  'aov-up': ['p-1', 0.12803, 0.001],
  retention: ['lifetime-months', 1 / 0.15, 1e-9],
  underpowered: ['power-theory', 0.294, 0.01],
};

for (const lang of ['en', 'zh']) {
  test(`every guided case opens its tool with the case's numbers (${lang})`, async () => {
    const { context, page, problems } = await open('#/learn/cases', { lang });
    const cases = await page.$$eval('[data-testid^="case-"]', (els) => els.map((el) => ({
      id: el.dataset.testid.slice('case-'.length),
      href: el.querySelector('a.button').getAttribute('href'),
      title: el.querySelector('h2').textContent,
    })));
    assert.ok(cases.length >= 12, `${cases.length} cases`);
    assert.deepEqual(cases.map((c) => c.id).sort(), Object.keys(CASE_CHECKS).sort());
    for (const c of cases) {
      await page.goto(app.base + '#/learn/cases');
      await page.waitForSelector(`[data-testid="case-${c.id}"]`);
      await page.click(`[data-testid="case-${c.id}"] a.button`);
      const [id, expected, rel] = CASE_CHECKS[c.id];
      await page.waitForSelector(`[data-testid="${id}"][data-value]`, { timeout: 30_000 });
      const got = await value(page, id);
      assert.ok(Math.abs(got - expected) <= rel * Math.abs(expected), `${c.id}: ${id} = ${got}, expected ${expected}`);
      // The banner above the tool names the case, lists its steps and leads back.
      assert.ok((await page.textContent('[data-testid="case-banner"] summary')).includes(c.title), `${c.id} banner`);
      assert.equal(await page.$$eval('[data-testid="case-banner"] .steps li', (li) => li.length), 3);
      assert.equal(await page.getAttribute('[data-testid="back-to-case"]', 'href'), `#/learn/cases?focus=case-${c.id}`);
      if (c.href.includes('cost_label')) {
        // The cost lines carry their names in the reader's language.
        const names = await page.$$eval('[data-testid="cost-editor"] input.arm-name', (els) => els.map((e) => e.value));
        assert.equal(names.length, 4);
        assert.ok(names.every((n) => n.length > 0), names.join());
        assert.equal(/[\u4e00-\u9fff]/.test(names.join('')), lang === 'zh', names.join());
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`every exercise marks a wrong answer false and the right one true (${lang})`, async () => {
    const { context, page, problems } = await open('#/learn/exercises', { lang });
    await page.evaluate(() => localStorage.removeItem('abkit.v1.exercises'));
    await page.reload();
    await page.waitForSelector('[data-testid^="exercise-"]');
    const ids = await page.$$eval('[data-testid^="exercise-"]', (els) => els.map((e) => e.dataset.testid.slice('exercise-'.length)));
    assert.ok(ids.length >= 20, `${ids.length} exercises`);
    for (const id of ids) {
      const input = `[data-testid="exercise-${id}"] input[name="answer"]`;
      await page.fill(input, '0.000001');
      await page.click(`[data-testid="check-${id}"]`);
      const feedback = `[data-testid="feedback-${id}"]`;
      await page.waitForSelector(feedback);
      assert.equal(await page.getAttribute(feedback, 'data-correct'), 'false', `${id} accepts a wrong answer`);
      // The answer as the solution prints it is accepted as right.
      const answer = await page.getAttribute(feedback, 'data-answer');
      assert.ok(answer && /\d/.test(answer), `${id} shows its answer`);
      await page.fill(input, answer);
      await page.click(`[data-testid="check-${id}"]`);
      await page.waitForSelector(`${feedback}[data-correct="true"]`);
      const solution = await page.textContent(`${feedback} .solution`);
      assert.ok(solution.includes(answer), `${id}: the worked solution ends at the answer`);
    }
    const progress = await page.textContent('[data-testid="progress-score"]');
    assert.ok(progress.includes(String(ids.length)), progress);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('exercises: answers in usual forms, unreadable input, sets by link, progress kept and reset', async () => {
  const { context, page, problems } = await open('#/learn/exercises?set=roi');
  const ids = await page.$$eval('[data-testid^="exercise-"]', (els) => els.map((e) => e.dataset.testid.slice('exercise-'.length)));
  assert.deepEqual(ids, ['roi-basic', 'roas', 'breakeven-roas', 'brand-day-roi']);
  for (const [id, typed, right] of [['roi-basic', '50%', true], ['roi-basic', '0.5', true], ['roi-basic', '5%', false],
    ['brand-day-roi', '１９０％', true], ['roas', '6倍', true], ['roas', '×6', true]]) {
    await page.fill(`[data-testid="exercise-${id}"] input[name="answer"]`, typed);
    await page.click(`[data-testid="check-${id}"]`);
    await page.waitForSelector(`[data-testid="feedback-${id}"][data-correct="${right}"]`);
  }
  await page.fill('[data-testid="exercise-roas"] input[name="answer"]', 'six');
  await page.click('[data-testid="check-roas"]');
  await page.waitForSelector('[data-testid="exercise-roas"] .field-error');
  // Three of four right (the last check of roi-basic was wrong).
  assert.match(await page.textContent('[data-testid="progress-score"]'), /^2 of 4/);
  await page.reload();
  await page.waitForSelector('[data-testid="progress-score"]');
  assert.match(await page.textContent('[data-testid="progress-score"]'), /^2 of 4/);
  // A damaged entry is ignored, not fatal.
  await page.evaluate(() => localStorage.setItem('abkit.v1.exercises', '{"broken":'));
  await page.reload();
  await page.waitForSelector('[data-testid="progress-score"]');
  assert.match(await page.textContent('[data-testid="progress-score"]'), /^0 of 4/);
  await page.evaluate(() => localStorage.setItem('abkit.v1.exercises', 'roas:1'));
  await page.reload();
  await page.waitForSelector('[data-testid="reset-progress"]');
  assert.match(await page.textContent('[data-testid="progress-score"]'), /^1 of 4/);
  await page.click('[data-testid="reset-progress"]');
  assert.match(await page.textContent('[data-testid="progress-score"]'), /^0 of 4/);
  assert.equal(await page.evaluate(() => localStorage.getItem('abkit.v1.exercises')), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the presenter view shows one item at a time and follows the keyboard', async () => {
  const { context, page, problems } = await open('#/learn/cases', { width: 1920 });
  await page.click('[data-testid="present"]');
  await page.waitForSelector('[data-testid="presenter"]');
  const position = () => page.textContent('[data-testid="presenter-position"]');
  assert.equal(await position(), '1 / 15');
  assert.equal(await page.$$eval('[data-testid="presenter"] [data-testid^="case-"]', (els) => els.length), 1);
  for (const [key, want] of [['ArrowRight', '2 / 15'], ['PageDown', '3 / 15'], ['ArrowLeft', '2 / 15'], ['PageUp', '1 / 15'], ['ArrowLeft', '1 / 15']]) {
    await page.keyboard.press(key);
    await page.waitForFunction((w) => document.querySelector('[data-testid="presenter-position"]')?.textContent === w, want);
  }
  await page.click('[data-testid="presenter-next"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="presenter-position"]')?.textContent === '2 / 15');
  assert.match(page.url(), /present=1&at=2/);
  // Larger type than the page's own.
  const size = await page.$eval('[data-testid="presenter"]', (el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 24, `presenter type ${size}px`);
  // The link reopens the same slide.
  await page.reload();
  await page.waitForSelector('[data-testid="presenter"]');
  assert.equal(await position(), '2 / 15');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="presenter"]', { state: 'detached' });
  assert.ok((await page.$$('[data-testid^="case-"]')).length >= 12);

  // Exercises: typing an answer with the arrow keys does not turn the page.
  await page.goto(app.base + '#/learn/exercises?set=ltv&present=1');
  await page.waitForSelector('[data-testid="presenter"]');
  assert.equal(await position(), '1 / 3');
  await page.click('input[name="answer"]');
  await page.keyboard.type('400');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  assert.equal(await position(), '1 / 3');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="feedback-ltv"][data-correct="true"]');
  await page.click('[data-testid="presenter-next"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="presenter-position"]')?.textContent === '2 / 3');
  assert.deepEqual(problems, []);
  await context.close();
});

test('peeking simulator: the exact rate, simulated shares within sampling error, reproducible by seed', async () => {
  const { context, page, problems } = await open('#/learn/peeking');
  await simulated(page);
  const theory = await value(page, 'peek-theory');
  // Armitage, McPherson & Rowe: 5 looks at two-sided 5 % (14.17 %).
  assert.ok(Math.abs(theory - 0.14169) < 1e-4, `peek-theory ${theory}`);
  const sims = 10000;
  const se = (p) => Math.sqrt(p * (1 - p) / sims);
  const sim = await value(page, 'peek-sim');
  assert.ok(Math.abs(sim - theory) < 4 * se(theory), `peek-sim ${sim}`);
  const obf = await value(page, 'peek-sim-obf');
  assert.ok(Math.abs(obf - 0.05) < 4 * se(0.05), `peek-sim-obf ${obf}`);
  const single = await value(page, 'peek-sim-final');
  assert.ok(Math.abs(single - 0.05) < 4 * se(0.05), `peek-sim-final ${single}`);
  // The chart of the rate against the looks and the sample paths are drawn.
  assert.equal(await page.$$eval('figure.chart', (els) => els.length), 2);
  assert.ok(await page.$$eval('.faint-lines.crossed path', (els) => els.length) > 0);
  // Same link, same draws.
  await page.goto(app.base + '#/learn/peeking?looks=20&seed=7&sims=5000');
  await simulated(page);
  const first = await value(page, 'peek-sim');
  await page.reload();
  await simulated(page);
  assert.equal(await value(page, 'peek-sim'), first);
  assert.ok(Math.abs(await value(page, 'peek-theory') - 0.248) < 5e-4);
  // A bad field explains itself and keeps the page.
  await page.fill('input[name="looks"]', '0');
  await page.waitForSelector('[data-testid="error-looks"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('power simulator: the formula and the simulated share agree', async () => {
  const { context, page, problems } = await open('#/learn/power?lang=zh');
  await simulated(page);
  const theory = await value(page, 'power-theory');
  assert.ok(Math.abs(theory - 0.7966) < 1e-3, `power-theory ${theory}`);
  const sim = await value(page, 'power-sim');
  assert.ok(Math.abs(sim - theory) < 4 * Math.sqrt(theory * (1 - theory) / 10000) + 0.005, `power-sim ${sim}`);
  assert.equal(await page.$$eval('.chart .dots circle', (els) => els.length), 6);
  await page.fill('input[name="p"]', '95');
  await page.fill('input[name="mde"]', '10');
  await page.waitForSelector('.outputs .field-error');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the glossary filters and links each term to the tool that computes it', async () => {
  const { context, page, problems } = await open('#/learn/glossary');
  const all = await page.$$eval('.glossary .term', (els) => els.length);
  assert.ok(all >= 36, `${all} terms`);
  for (const term of ['Repurchase', 'Retention', 'DAU', 'ARPPU', 'CTR', 'CPC', 'CPA', '投产比', '环比', '同比', 'North Star', 'RFM', 'K-factor', '动销率', 'turnover', '核销率', 'Bounce']) {
    await page.fill('#glossary-filter', term);
    const n = await page.$$eval('.glossary .term', (els) => els.length);
    assert.ok(n >= 1, `${term} is in the glossary`);
  }
  await page.fill('#glossary-filter', 'LTV');
  await page.click('.glossary .term a');
  await page.waitForSelector('[data-testid="ltv"][data-value]');
  assert.deepEqual(problems, []);
  await context.close();
});
