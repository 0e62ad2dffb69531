// Start-up benchmark (not a test): cold loads of each tool page in headless
// Chromium, beside a blank page served by the same server as the floor, and the
// trace of each: navigation → HTML → JS glue → wasm fetched → module running
// (compiled and instantiated) → first heading on screen → first result (the first
// element with a data-value: the prerendered example's when the link asks for it)
// → the app's first result (rendered by the running module) → settled (the first
// page's effects have run). Prints the median of several loads per page as a table,
// with the gzipped bytes the page fetched until the app's first result.
//   node scripts/bench-startup.mjs [loads]
// Needs a release build in dist/ (trunk build --release --offline).
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launchChromium, root } from '../tests/e2e/harness.mjs';
import { gzippedBytes } from './chromium.mjs';

const loads = Number(process.argv[2] || 7);
const pages = [
  ['blank page (the floor)', 'blank.html'],
  ['#/design?p=5&mde=10', '#/design?p=5&mde=10'],
  ['#/analyze', '#/analyze'],
  ['#/roi', '#/roi'],
  ['#/funnel', '#/funnel'],
  ['#/learn/peeking', '#/learn/peeking'],
];
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};

// A copy of dist/ with the blank page beside it, so both come from one server.
const dir = await mkdtemp(path.join(os.tmpdir(), 'abkit-startup-'));
await cp(root, dir, { recursive: true });
await writeFile(path.join(dir, 'blank.html'), '<!doctype html><meta charset=utf-8><title>blank</title><p data-value="1">blank</p>');
const { server, base } = await serveDist(dir);
const browser = await launchChromium();

const rows = [];
try {
  for (const [label, target] of pages) {
    const traces = [];
    for (let i = 0; i < loads; i++) {
      // A new context: empty HTTP cache, no service worker, nothing stored.
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen = () => {
          if (window.__firstHeading === undefined && document.querySelector('h1, body > p')) {
            window.__firstHeading = performance.now();
          }
          if (window.__firstResult === undefined && document.querySelector('[data-value]')) {
            window.__firstResult = performance.now();
          }
          if (window.__appResult === undefined && document.querySelector('[data-value]:not([data-shell] *)')) {
            window.__appResult = performance.now();
          }
        };
        new MutationObserver(seen).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-value', 'data-shell'] });
        document.addEventListener('DOMContentLoaded', seen);
      });
      const urls = [];
      page.on('request', (r) => urls.push(r.url()));
      await page.goto(base + target);
      await page.waitForFunction(() => window.__appResult !== undefined, null, { timeout: 30_000 });
      const trace = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const end = (suffix) => res.find((e) => /\/(app|first\/[a-z]+)-[0-9a-f]+(_bg)?\.(js|wasm)$/.test(e.name) && e.name.endsWith(suffix))?.responseEnd;
        const mark = (m) => performance.getEntriesByName(m)[0]?.startTime;
        return {
          html: nav.responseEnd,
          glue: end('.js'),
          wasm: end('.wasm'),
          running: mark('abkit:start'),
          heading: window.__firstHeading,
          result: window.__firstResult,
          app: window.__appResult,
          settled: mark('abkit:settled'),
        };
      });
      let bytes = 0;
      for (const u of new Set(urls)) if (u.startsWith(base) || u === base.slice(0, -1)) bytes += await gzippedBytes(dir, u).catch(() => 0);
      traces.push({ ...trace, bytes });
      await context.close();
    }
    const m = (k) => median(traces.map((t) => t[k]));
    rows.push({ label, html: m('html'), glue: m('glue'), wasm: m('wasm'), running: m('running'), heading: m('heading'), result: m('result'), app: m('app'), settled: m('settled'), bytes: m('bytes'), all: traces.map((t) => t.result), allApp: traces.map((t) => t.app) });
  }
} finally {
  await browser.close();
  server.close();
  await rm(dir, { recursive: true, force: true });
}

const floor = rows[0].result;
const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : '—');
console.log(`median of ${loads} cold loads, ms after navigation start`);
console.log('| page | HTML | JS glue | wasm fetched | running | first heading | first result | own cost | app\'s result | its own cost | settled | first-visit bytes (gzip) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const own = (x) => (r === rows[0] ? '—' : ms(x - floor));
  console.log(`| ${r.label} | ${ms(r.html)} | ${ms(r.glue)} | ${ms(r.wasm)} | ${ms(r.running)} | ${ms(r.heading)} | ${ms(r.result)} | ${own(r.result)} | ${r === rows[0] ? '—' : ms(r.app)} | ${own(r.app)} | ${ms(r.settled)} | ${r.bytes.toLocaleString('en')} |`);
}
for (const r of rows) console.log(`${r.label}: first result per load ${r.all.map(ms).join(', ')}; the app's ${r.allApp.map(ms).join(', ')}`);
