// Shared by the end-to-end tests and scripts/screenshots.mjs: the release build in
// dist/ served on loopback under a sub-path (as a static host would), and Debian's
// Chromium driven by playwright-core.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { serveFolder, launchChromium, gzippedBytes, servedFile, SUBPATH } from '../../scripts/chromium.mjs';
import { PATHS, CALCULATORS } from '../../scripts/routes.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
/** Serves `dir` (dist/ unless told) under SUBPATH on a free loopback port; resolves to { server, base }. */
export const serveDist = (dir = root) => serveFolder(dir);
export { launchChromium, gzippedBytes, servedFile, SUBPATH };

/**
 * A fresh page (its own context) at `hash`, in `lang`, that records page errors,
 * console errors and every request to another origin; resolves once the page has a
 * heading.
 */
export async function openPage(browser, base, hash, { lang = 'en', width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  const foreign = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  await page.goto(base + hash);
  await page.waitForSelector('main h1');
  return { context, page, problems, foreign };
}

/** Every route of the app, from its route table (src/ui/routes.rs, through www/shell.json). */
export const ROUTES = PATHS.map((p) => '#' + p);
/**
 * ROUTES and every route the navigation and the home page link to, so a page added
 * to the app is measured without being added here.
 */
export async function discoverRoutes(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + '#/');
  await settled(page);
  const linked = await page.$$eval('header nav a, main a', (links) => links
    .map((a) => new URL(a.href).hash.split('?')[0])
    .filter((h) => h.startsWith('#/')));
  await context.close();
  return [...new Set([...ROUTES, ...linked])];
}

/** The routes with a calculator: each has a one-sentence answer and a copy-link button. */
export const TOOL_ROUTES = CALCULATORS.map((p) => '#' + p);

/** Waits until the page has rendered and its charts have measured their boxes. */
export async function settled(page) {
  await page.waitForSelector('main h1');
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

/**
 * The layout facts the layout test checks: document width against the viewport,
 * document height, and the smallest rendered chart text (font size × the SVG's
 * scale on screen), with where it is.
 */
export function measureLayout(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    let smallest = { px: Infinity, text: '' };
    for (const t of document.querySelectorAll('figure.chart svg text')) {
      if (!t.textContent.trim() || !t.getClientRects().length) continue;
      const ctm = t.getScreenCTM();
      const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < smallest.px) smallest = { px, text: t.textContent.trim().slice(0, 40) };
    }
    return { width: doc.scrollWidth, viewport: window.innerWidth, height: doc.scrollHeight, smallest };
  });
}

/**
 * The set-up every test file shares: dist/ served and Chromium launched before its
 * tests, both closed after. The returned object's `server`, `base` and `browser`
 * are filled in by then; `then(app)`, when given, runs once they are (in the same
 * hook: separate root hooks are not ordered).
 */
export function servedApp(then) {
  const app = {};
  before(async () => {
    Object.assign(app, await serveDist());
    app.browser = await launchChromium();
    if (then) await then(app);
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  return app;
}

/** Resolves once the service worker has installed and controls the page. */
export function untilControlled(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
}
