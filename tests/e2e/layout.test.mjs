// Every page on every screen, in both languages, and on paper: the release build in
// Chromium with a CJK font, so Chinese is measured as users see it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, discoverRoutes, TOOL_ROUTES, settled, measureLayout } from './harness.mjs';

let routes;
const app = servedApp(async ({ browser, base }) => { routes = await discoverRoutes(browser, base); });

const WIDTHS = [360, 390, 768, 1366, 1920];
const PHONES = [360, 390];
const LAPTOP = 1366;

test('every route fits 360 to 1920 px in zh and en: no sideways panning, sane height, readable charts, big tap targets', async () => {
  const heights = {};
  const failures = [];
  for (const lang of ['zh', 'en']) {
    for (const width of WIDTHS) {
      const context = await app.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      for (const route of routes) {
        await page.goto(app.base + route);
        await settled(page);
        assert.equal(await page.getAttribute('html', 'lang'), lang === 'zh' ? 'zh-CN' : 'en');
        const m = await measureLayout(page);
        const where = `${route} ${lang} ${width}px`;
        heights[`${route} ${lang} ${width}`] = m.height;
        if (m.width > m.viewport) failures.push(`${where}: the document is ${m.width} px wide`);
        if (m.smallest.px < 11) failures.push(`${where}: chart text "${m.smallest.text}" renders at ${m.smallest.px.toFixed(1)} px`);
        if (PHONES.includes(width)) {
          const small = await page.$$eval('header a, header button, main button, .chip', (els) => els
            .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .map((e) => ({ text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30), h: e.getBoundingClientRect().height }))
            .filter((e) => e.h < 40));
          for (const s of small) failures.push(`${where}: tap target "${s.text}" is ${s.h.toFixed(0)} px tall`);
        }
      }
      assert.deepEqual(errors, [], `${lang} ${width}px: no page errors`);
      await context.close();
    }
  }
  for (const lang of ['zh', 'en']) {
    for (const route of routes) {
      const laptop = heights[`${route} ${lang} ${LAPTOP}`];
      for (const phone of PHONES) {
        const tall = heights[`${route} ${lang} ${phone}`];
        if (tall > 3 * laptop) failures.push(`${route} ${lang}: ${tall} px tall at ${phone} px against ${laptop} px at ${LAPTOP} px`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('the navigation shows every page on a phone', async () => {
  for (const lang of ['zh', 'en']) {
    const context = await app.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(app.base + '#/design');
    await settled(page);
    const hidden = await page.$$eval('header nav a', (links) => links
      .map((a) => ({ text: a.textContent, r: a.getBoundingClientRect() }))
      .filter(({ r }) => r.right > window.innerWidth || r.left < 0 || r.width === 0)
      .map(({ text }) => text));
    assert.deepEqual(hidden, [], `${lang}: every navigation item is on screen`);
    assert.equal(await page.$$eval('header nav a', (l) => l.length), 5);
    await context.close();
  }
});

test('wide tables scroll inside their own box with the first column kept in view', async () => {
  const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.base + '#/analyze?n=10000,10000,10000&x=500,560,530');
  await settled(page);
  const wrap = await page.$eval('.table-wrap:has(table.arms)', (w) => ({ scroll: w.scrollWidth, client: w.clientWidth, overflow: getComputedStyle(w).overflowX }));
  assert.ok(wrap.scroll > wrap.client, 'the per-group table is wider than a phone');
  assert.equal(wrap.overflow, 'auto');
  await page.$eval('.table-wrap:has(table.arms)', (w) => { w.scrollLeft = w.scrollWidth; });
  const sticky = await page.$eval('.table-wrap:has(table.arms)', (w) => {
    const cell = w.querySelector('tbody th[scope="row"]');
    return { cell: cell.getBoundingClientRect().left, box: w.getBoundingClientRect().left, position: getComputedStyle(cell).position };
  });
  assert.equal(sticky.position, 'sticky');
  assert.ok(Math.abs(sticky.cell - sticky.box) < 1, `the group names stay at the box's left edge (${sticky.cell} vs ${sticky.box})`);
  await context.close();
});

test('each tool leads with a one-sentence answer in both languages', async () => {
  const expected = {
    '#/design?p=3&mde=18': [/^Each group needs 17,024 visitors, 34,048 in total: about 4 days at your traffic, so run the test for 1 week\.$/,
      /^每组需要 17,024 人，合计 34,048 人；按当前流量约需 4 天，建议跑满 1 周。$/],
    '#/analyze': [/^No significant difference yet: Variant B is \+0\.6 pp \(\+12% relative\) against control, p = 0\.0583/,
      /^尚无显著差异：实验组 B 相对对照组变化 \+0\.6 个百分点（相对值 \+12%），p = 0\.0583，/],
    '#/roi': [/^ROI 190%: counting the estimated value of members and exposure \(¥1,900,000\), ¥1,000,000 of cost returns ¥1,900,000 net\. The margin on sales \(¥1,000,000\) only about covers the cost, so the profit rests on those estimates: check that they hold\.$/,
      /^ROI 为 190%：计入会员终身价值和品牌曝光的估算值（190 万元），投入 100 万元后净收益 190 万元。其中销售毛利（100 万元）只与成本基本持平，利润全靠这两项估算，要先确认它们站得住。$/],
    '#/funnel': [/^GMV is ¥262,500 \(orders: 1,750\)\. One more point adds the most GMV at Add to cart \(\+¥10,500\); a 10 % relative gain is worth the same at every stage/,
      /^GMV 为 26\.25 万元，共 1,750 单。每提高 1 个百分点带来 GMV 最多的是“加入购物车”（\+1\.05 万元）；相对提高 10% 在每个环节价值相同/],
  };
  for (const [hash, [en, zh]] of Object.entries(expected)) {
    for (const [lang, pattern] of [['en', en], ['zh', zh]]) {
      const context = await app.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await page.goto(app.base + hash);
      await settled(page);
      assert.match(await page.innerText('[data-testid="answer"]'), pattern, `${hash} ${lang}`);
      await context.close();
    }
  }
});

test('copy link puts the calculation and the language on the clipboard', async () => {
  const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.base).origin });
  const page = await context.newPage();
  for (const route of TOOL_ROUTES) {
    await page.goto(app.base + route);
    await settled(page);
    assert.ok(await page.isVisible('[data-testid="copy-link"]'), `${route} has a copy-link button`);
  }
  await page.goto(app.base + '#/design?p=3&mde=18');
  await settled(page);
  await page.fill('input[name="daily"]', '2000');
  await page.click('[data-testid="copy-link"]');
  await page.waitForSelector('text=链接已复制');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, `${app.base}#/design?p=3&mde=18&daily=2000&lang=zh`);
  // Someone with an English browser opens it: the same numbers, in Chinese.
  const other = await app.browser.newContext({ locale: 'en-US' });
  const reader = await other.newPage();
  await reader.goto(link);
  await settled(reader);
  assert.equal(await reader.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await reader.getAttribute('[data-testid="n-control"]', 'data-value'), '17024');
  assert.equal(await reader.getAttribute('[data-testid="days"]', 'data-value'), '18');
  await other.close();
  await context.close();
});

test('print: no navigation or buttons; the answer, results, charts and the link on paper', async () => {
  for (const route of TOOL_ROUTES) {
    for (const lang of ['zh', 'en']) {
      const context = await app.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await page.goto(app.base + route);
      await settled(page);
      await page.emulateMedia({ media: 'print' });
      const where = `${route} ${lang}`;
      assert.equal(await page.isVisible('header nav'), false, `${where}: navigation hidden`);
      assert.equal(await page.isVisible('[data-testid="lang-switch"]'), false, `${where}: language switch hidden`);
      assert.equal(await page.isVisible('[data-testid="copy-link"]'), false, `${where}: buttons hidden`);
      assert.ok(await page.isVisible('[data-testid="answer"]'), `${where}: the answer is printed`);
      assert.ok(await page.isVisible('.result.primary output[data-value], [data-testid="verdict"]'), `${where}: the results are printed`);
      assert.ok(await page.isVisible('figure.chart svg'), `${where}: a chart is printed`);
      assert.ok(await page.isVisible('.method'), `${where}: the method is printed`);
      const link = await page.innerText('[data-testid="print-link"]');
      assert.ok(link.includes(`${app.base}#${route.slice(1)}?`) && link.includes(`lang=${lang}`), `${where}: the link is printed: ${link}`);
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 10000, `${where}: a PDF renders`);
      await context.close();
    }
  }
});
