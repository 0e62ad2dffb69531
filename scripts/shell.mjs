// Puts the static frame (www/shell.js with the words of www/shell.json) into the
// built index.html as an inline script right after <div id=app>, so it runs while
// the page is parsed, before the module. Run by scripts/gen-sw.sh from Trunk's
// post_build hook, before scripts/csp.mjs hashes the page's inline scripts.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(process.argv[2], 'index.html');
let page = await readFile(file, 'utf8');
const words = JSON.parse(await readFile(path.join(here, 'www/shell.json'), 'utf8'));
const source = `var SHELL = ${JSON.stringify(words)};\n${await readFile(path.join(here, 'www/shell.js'), 'utf8')}`;
const { code } = await minify(source, { compress: true, mangle: true });
if (!code) throw new Error('terser returned nothing for shell.js');
// The app's root holds only the <noscript> note: the frame goes right after it.
const root = page.match(/<div id=["']?app["']?>[\s\S]*?<\/noscript>\s*<\/div>/);
if (!root) throw new Error('index.html has no <div id=app> with its <noscript>');
// "</script" cannot occur in the words (they are the kit's own), but never let it end the script early.
const safe = code.replace(/<\/script/gi, '<\\/script');
page = page.replace(root[0], `${root[0]}<script>${safe}</script>`);
await writeFile(file, page);
console.log(`shell: ${Buffer.byteLength(safe)} bytes inline`);
