// Accessibility: axe-core's WCAG 2.1 A/AA and best-practice rules on every route at
// phone width in both languages, and the wide tables scrolled from the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { servedApp, discoverRoutes, settled } from './harness.mjs';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RULES = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } };

let routes;
const app = servedApp(async ({ browser, base }) => { routes = await discoverRoutes(browser, base); });

test('axe finds no violation on any route at 390 px, in zh and en', async () => {
  const found = [];
  for (const lang of ['zh', 'en']) {
    // The page's policy refuses injected scripts (as it should); axe is let in here only.
    const context = await app.browser.newContext({ bypassCSP: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    for (const route of routes) {
      await page.goto(app.base + route);
      await settled(page);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async (rules) => (await window.axe.run(document, rules)).violations
        .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes[0].target.join(' ')}`), RULES);
      for (const v of violations) found.push(`${lang} ${route}: ${v}`);
    }
    await context.close();
  }
  assert.deepEqual(found, []);
});

test('a wide table scrolls from the keyboard once its box has focus, and the box is named', async () => {
  for (const lang of ['zh', 'en']) {
    const context = await app.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.base + '#/design?p=3&mde=18');
    await settled(page);
    const box = page.locator('.table-wrap[role="region"]', { has: page.locator('table') }).filter({ has: page.locator('[data-testid^="method-n-"]') });
    assert.equal(await box.count(), 1, `${lang}: the method comparison scrolls in one named box`);
    assert.ok((await box.getAttribute('aria-label')).length > 0, `${lang}: the box has a name`);
    const [scrollWidth, clientWidth] = await box.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(scrollWidth > clientWidth, `${lang}: at 390 px the table is wider than its box (${scrollWidth} > ${clientWidth})`);
    // Reached by Tab like any control: press Tab until the box has focus.
    await page.locator('main h1').focus();
    let reached = false;
    for (let i = 0; i < 200 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await box.evaluate((e) => document.activeElement === e);
    }
    assert.ok(reached, `${lang}: Tab reaches the table's box`);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((e) => e.scrollLeft > 0, await box.elementHandle());
    await context.close();
  }
});
