// End-to-end tests of the designs beyond superiority: non-inferiority, equivalence,
// CUPED and Dunnett, on the design and significance pages, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage } from './harness.mjs';

const app = servedApp();

const open = (hash, options) => openPage(app.browser, app.base, hash, options);
const value = async (page, id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));
const near = (got, want, tol, what) => assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} vs ${want}`);
// Normal quantiles for the closed forms below.
const Z95 = 1.6448536269514722;
const Z80 = 0.8416212335729143;
const Z90 = 1.2815515655446004;

for (const lang of ['en', 'zh']) {
  test(`design page: non-inferiority, equivalence, CUPED and Dunnett through links (${lang})`, async () => {
    const { context, page, problems } = await open(`#/design?test=noninferiority&margin=0.5&p=5&lang=${lang}`, { lang });
    await page.waitForSelector('[data-testid="n-control"][data-value]');
    near(await value(page, 'n-control'), Math.ceil((Z95 + Z80) ** 2 * 2 * 0.05 * 0.95 / 0.005 ** 2), 1, 'non-inferiority n');
    near(await value(page, 'z-alpha'), Z95, 1e-9, 'one-sided z');
    await page.goto(app.base + `#/design?test=equivalence&margin=1&expected=0.2&p=5&lang=${lang}`);
    await page.waitForSelector('[data-testid="n-control"][data-value]');
    const v = 0.05 * 0.95 + 0.052 * 0.948;
    near(await value(page, 'n-control'), Math.ceil((Z95 + Z90) ** 2 * v / 0.008 ** 2), 1, 'equivalence n');
    // A margin the expected difference uses up is explained at the margin field.
    await page.fill('input[name="margin"]', '0.1');
    await page.waitForSelector('[data-testid="error-margin"]');
    assert.equal(await page.getAttribute('[data-testid="n-control"]', 'data-value'), null);
    await page.fill('input[name="margin"]', '-1');
    await page.waitForSelector('[data-testid="error-margin"]');
    // CUPED: ρ = 50 % scales the default design by 0.75.
    await page.goto(app.base + `#/design?cuped=50&lang=${lang}`);
    await page.waitForSelector('[data-testid="variance-factor"][data-value]');
    near(await value(page, 'variance-factor'), 0.75, 1e-12, 'variance factor');
    near(await value(page, 'n-control'), Math.ceil(31230.33 * 0.75), 1, 'CUPED n');
    // Dunnett with three treatments: 2.349, and the √k allocation saves units.
    await page.goto(app.base + `#/design?arms=4&correction=dunnett&lang=${lang}`);
    await page.waitForSelector('[data-testid="z-alpha"][data-value]');
    near(await value(page, 'z-alpha'), 2.349, 1e-3, 'Dunnett c');
    assert.ok(await value(page, 'dunnett-allocation') < await value(page, 'n-total'));
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('significance page: Dunnett adjusted p-values, and results read against a margin', async () => {
  const { context, page, problems } = await open('#/analyze?n=10000,10000,10000,10000&x=500,560,540,520&correction=dunnett');
  await page.waitForSelector('[data-testid="p-adj-1"][data-value]');
  const raw = await value(page, 'p-1');
  const adjusted = await value(page, 'p-adj-1');
  // Between the raw p and Bonferroni's three-fold one.
  assert.ok(adjusted > raw && adjusted < 3 * raw, `${raw} → ${adjusted}`);

  await page.goto(app.base + '#/analyze?n=50000,50000&x=2500,2450&test=noninferiority&margin=0.5');
  await page.waitForSelector('[data-testid="ni-p-1"][data-value]');
  assert.ok(await value(page, 'ni-p-1') < 0.05);
  assert.equal(await page.getAttribute('[data-testid="margin-verdict-1"]', 'data-shown'), 'true');
  assert.match(await page.textContent('[data-testid="margin-verdict-1"]'), /not worse than control by more than 0\.5 pp/);
  assert.equal(await page.$$eval('[data-testid="margin"] .marker', (els) => els.length), 1);
  await page.goto(app.base + '#/analyze?n=50000,50000&x=2500,2450&test=equivalence&margin=0.1&lang=zh');
  await page.waitForSelector('[data-testid="eq-p-1"][data-value]');
  assert.equal(await page.getAttribute('[data-testid="margin-verdict-1"]', 'data-shown'), 'false');
  assert.match(await page.textContent('[data-testid="margin-verdict-1"]'), /无定论/);
  await page.fill('input[name="margin"]', '0');
  await page.waitForSelector('[data-testid="error-margin"]');
  assert.deepEqual(problems, []);
  await context.close();
});
