// Puts the static frame (www/shell.js with the words of www/shell.json, and the
// prerendered examples' table when there is one) into the built index.html: the
// script first in <head>, and its call drawing the frame right after <div id=app>,
// so it runs while the page is parsed, before the module. Run by scripts/post-build.sh from Trunk's
// post_build hook, before scripts/csp.mjs hashes the page's inline scripts.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(process.argv[2], 'index.html');
let page = await readFile(file, 'utf8');
const words = JSON.parse(await readFile(path.join(here, 'www/shell.json'), 'utf8'));
// The frame needs each route's words and section; which pages are calculators is
// the build's and the tests' business.
for (const route of Object.values(words.routes)) delete route.calculator;
// The worked examples prerendered by scripts/prerender.mjs (release builds), if any.
const frames = path.join(process.argv[2], 'frames', 'index.json');
try {
  words.frames = JSON.parse(await readFile(frames, 'utf8'));
  await rm(frames);
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
const source = `var SHELL = ${JSON.stringify(words)};\n${await readFile(path.join(here, 'www/shell.js'), 'utf8')}`;
const { code } = await minify(source, { compress: true, mangle: true });
if (!code) throw new Error('terser returned nothing for shell.js');
// "</script" cannot occur in the words (they are the kit's own), but never let it end the script early.
const safe = code.replace(/<\/script/gi, '<\\/script');
// The decisions first in <head>, before the module loader and the stylesheet; the
// frame is drawn right after <div id=app> (which holds only the <noscript> note).
const charset = page.match(/<meta charset=[^>]*>/i);
if (!charset) throw new Error('index.html has no <meta charset>');
page = page.replace(charset[0], `${charset[0]}<script>${safe}</script>`);
const root = page.match(/<div id=["']?app["']?>[\s\S]*?<\/noscript>\s*<\/div>/);
if (!root) throw new Error('index.html has no <div id=app> with its <noscript>');
page = page.replace(root[0], `${root[0]}<script>window.ABKIT_FRAME&&ABKIT_FRAME()</script>`);
await writeFile(file, page);
console.log(`shell: ${Buffer.byteLength(safe)} bytes inline`);
