// Screenshots of every route at phone and laptop widths in both languages, with the
// layout figures the layout test checks, for a person to look at:
//   node scripts/screenshots.mjs [out-dir] [widths, e.g. 390,1366] [route ...]
// Needs a release build in dist/ (trunk build --release --offline).
import { mkdir } from 'node:fs/promises';
import { serveDist, launchChromium, ROUTES, settled, measureLayout } from '../tests/e2e/harness.mjs';

const out = process.argv[2] || 'target/screenshots';
const widths = (process.argv[3] || '390,1366').split(',').map(Number);
const routes = process.argv.length > 4 ? process.argv.slice(4) : ROUTES;
await mkdir(out, { recursive: true });
const { server, base } = await serveDist();
const browser = await launchChromium();
try {
  for (const lang of ['zh', 'en']) {
    for (const width of widths) {
      const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const route of routes) {
        await page.goto(base + route);
        await settled(page);
        const m = await measureLayout(page);
        const name = `${route.replace(/[#/?=&,%]+/g, '_').replace(/^_|_$/g, '').slice(0, 60) || 'home'}-${lang}-${width}.png`;
        await page.screenshot({ path: `${out}/${name}`, fullPage: true });
        console.log(`${name}\twidth ${m.width}/${m.viewport}\theight ${m.height}\tsmallest chart text ${m.smallest.px.toFixed(1)} px "${m.smallest.text}"`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
