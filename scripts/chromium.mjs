// A built folder served on loopback under a sub-path (as a static host would), and
// Debian's Chromium driven by playwright-core: used by the build's prerendering
// step, the benchmarks and (through tests/e2e/harness.mjs) the end-to-end tests.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const SUBPATH = '/kit/';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** The file in `dir` that `url` (absolute, or the request's path) is served from, or null. */
export function servedFile(dir, url) {
  const { pathname } = new URL(url, 'http://x');
  if (!pathname.startsWith(SUBPATH)) return null;
  const file = path.join(dir, path.normalize(pathname.slice(SUBPATH.length) || 'index.html'));
  return file.startsWith(dir) ? file : null;
}

const gzipped = new Map();
/** The gzipped size (level 9, as scripts/size.sh counts) of the file `url` is served from. */
export async function gzippedBytes(dir, url) {
  const file = servedFile(dir, url);
  if (!file) throw new Error(`not served from ${dir}: ${url}`);
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(await readFile(file), { level: 9 }).length);
  return gzipped.get(file);
}

// The encodings a request accepts, by name (q=0 refuses one).
function accepted(req) {
  return new Set((req.headers['accept-encoding'] || '').split(',').map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0).map(([name]) => name.trim()));
}

/** Serves `dir` under SUBPATH on a free loopback port; resolves to { server, base }.
 * Like nginx's gzip_static/brotli_static: a file's precompressed sibling (`.br`, then
 * `.gz`, written by scripts/precompress.mjs) is sent when the request accepts it. */
export async function serveFolder(dir) {
  const server = http.createServer(async (req, res) => {
    const file = servedFile(dir, req.url);
    if (!file) { res.writeHead(404).end(); return; }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    const encodings = accepted(req);
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      if (!encodings.has(encoding)) continue;
      const body = await readFile(file + suffix).catch(() => null);
      if (body === null) continue;
      res.writeHead(200, { 'content-type': type, 'content-encoding': encoding, vary: 'accept-encoding' }).end(body);
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': type, vary: 'accept-encoding' }).end(body);
    } catch { res.writeHead(404).end(); }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, base: `http://127.0.0.1:${server.address().port}${SUBPATH}` };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

