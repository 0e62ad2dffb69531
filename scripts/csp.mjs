// Writes the Content-Security-Policy into the built index.html as a meta tag, the
// first element of <head>. Scripts run only from the page's origin or, inline, by
// the SHA-256 of their exact text (Trunk's loader and the service-worker script),
// so the hashes are computed here, after every other step has rewritten the page.
// Run by scripts/post-build.sh from Trunk's post_build hook; fails the build when the
// page carries something the policy would block (inline handlers or styles).
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';

const file = path.join(process.argv[2], 'index.html');
let page = await readFile(file, 'utf8');
page = page.replace(/<meta http-equiv=["']?Content-Security-Policy["']?[^>]*>/i, '');

const hashes = [];
for (const m of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/.test(m[1])) continue;
  hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
}
const blocked = page.match(/\son[a-z]+\s*=|\sstyle\s*=|<style\b|javascript:/i);
if (blocked) throw new Error(`index.html has "${blocked[0].trim()}", which the policy blocks`);

const policy = [
  "default-src 'self'",
  // wasm-unsafe-eval: compiling the WebAssembly module; nothing else is evaluated.
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  // blob: and data: are the chart being turned into a PNG on this page.
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv=Content-Security-Policy content="${policy}">`;
const head = page.match(/<head[^>]*>/i);
const charset = page.match(/<meta charset=[^>]*>/i);
// After the charset declaration (which must come first), before anything that loads.
const at = charset ? charset.index + charset[0].length : head ? head.index + head[0].length : -1;
if (at < 0) throw new Error('index.html has no <head>');
page = page.slice(0, at) + meta + page.slice(at);
await writeFile(file, page);
console.log(`csp: ${hashes.length} inline script hash(es)`);
