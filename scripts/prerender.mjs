// Release builds: each tool page's worked example, rendered by the built app in
// headless Chromium and kept as a fragment (frames/<page>.<lang>-<hash>.html), with
// the values of its fields. When a first visit's link asks for exactly that example
// (no parameter, or only ones equal to the example's fields, like
// `#/design?p=5&mde=10`), the static frame (www/shell.js) fetches the fragment and
// shows the page with its results while the module downloads, readable but held
// still (a click or a key shows that the calculator is loading) until the app takes
// over; any other link gets the frame without numbers. The numbers are the
// app's own, computed by the same build; tests/e2e/startup.test.mjs checks that the
// app shows the same ones once it runs. Writes frames/index.json for scripts/shell.mjs.
// Run by scripts/post-build.sh from Trunk's post_build hook, after scripts/modules.mjs.
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { serveFolder, launchChromium, CHROMIUM } from './chromium.mjs';
import { CALCULATORS } from './routes.mjs';

const dist = path.resolve(process.argv[2]);
// The calculators: their examples are computed, not drawn at random (the simulators
// are left out).
const PAGES = CALCULATORS;
const LANGS = [['en', 'en-US'], ['zh', 'zh-CN']];

const out = path.join(dist, 'frames');
await rm(out, { recursive: true, force: true });
try {
  await access(CHROMIUM);
} catch {
  console.log(`prerender: no Chromium at ${CHROMIUM}: pages open with the frame only, without the examples' results`);
  process.exit(0);
}
await mkdir(out);
const { server, base } = await serveFolder(dist);
const browser = await launchChromium();
const index = {};
try {
  for (const route of PAGES) {
    for (const [lang, locale] of LANGS) {
      const context = await browser.newContext({ locale, serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${base}#${route}?lang=${lang}`);
      // Rendered, effects run, and no long work (the Monte Carlo) still going.
      await page.waitForFunction(() => performance.getEntriesByName('abkit:settled').length > 0
        && document.querySelector('main [data-value]') && !document.querySelector('.stale, [data-testid="mc-progress"]'));
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      const taken = await page.evaluate(() => {
        const main = document.querySelector('main').cloneNode(true);
        // Fields hold their values as properties; the fragment needs them as markup.
        const live = document.querySelectorAll('main [name]');
        const copies = main.querySelectorAll('[name]');
        const fields = {};
        live.forEach((el, i) => {
          const copy = copies[i];
          if (el instanceof HTMLSelectElement) {
            copy.querySelectorAll('option').forEach((o, j) => o.toggleAttribute('selected', j === el.selectedIndex));
          } else if (el instanceof HTMLTextAreaElement) {
            copy.textContent = el.value;
          } else if (el.type === 'checkbox' || el.type === 'radio') {
            copy.toggleAttribute('checked', el.checked);
          } else {
            copy.setAttribute('value', el.value);
          }
          if (!(el.name in fields)) fields[el.name] = el.type === 'checkbox' ? String(el.checked) : el.value;
        });
        // What depends on this browser rather than on the link waits for the app.
        main.querySelectorAll('#saved, .update-notice').forEach((el) => el.remove());
        return { html: main.innerHTML, fields };
      });
      if (problems.length) throw new Error(`prerender: ${route} (${lang}): ${problems.join('; ')}`);
      const name = `${route.slice(1)}.${lang}-${createHash('sha256').update(taken.html).digest('hex').slice(0, 16)}.html`;
      await writeFile(path.join(out, name), taken.html);
      // Most fields hold the same value in both languages (not the names of cost
      // lines): the table keeps the first language's, and the other's where they differ.
      const entry = (index[route] ??= { fields: taken.fields, files: {}, differ: {} });
      const names = new Set([...Object.keys(entry.fields), ...Object.keys(taken.fields)]);
      const own = Object.fromEntries([...names].filter((k) => entry.fields[k] !== taken.fields[k]).map((k) => [k, taken.fields[k] ?? null]));
      if (Object.keys(own).length) entry.differ[lang] = own;
      entry.files[lang] = `./frames/${name}`;
      console.log(`prerender: ${route} ${lang} ${Buffer.byteLength(taken.html)} bytes, ${Object.keys(taken.fields).length} fields`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
await writeFile(path.join(out, 'index.json'), JSON.stringify(index));
