// Release builds: the first-visit modules and the loader that picks one.
//
// Trunk builds the full app (every page), which the service worker caches for
// offline use. A first visit, before any worker controls the page, needs only the
// section it opened: this builds one lighter module per section (src/bin/<part>.rs,
// the same app with the other pages left out, see `ui::Pages`) into first/, and
// replaces Trunk's start-up script with a loader that chooses by the hash route:
// the section's module on a first visit, the full one once the worker controls
// the page or as soon as the reader goes to a page the first module lacks.
// first/ is left out of the service worker's cache list: a returning visitor never
// loads it. Run by scripts/post-build.sh from Trunk's post_build hook.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { SECTIONS } from './routes.mjs';

const run = promisify(execFile);
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.argv[2];
// The sections of the route table, one module each (src/bin/<section>.rs, checked
// by tests/shell_texts.rs), named as the first part of the route (`#/learn/peeking`
// is learn's; `#/` and any route the app does not know are home's, and every module
// has the 404 page).
const PARTS = [...SECTIONS].sort();
if (!PARTS.includes('home')) throw new Error('modules: the route table has no home section');

const html = path.join(dist, 'index.html');
let page = await readFile(html, 'utf8');
const trunkScript = page.match(/<script type=["']?module["']?>\s*import init, \* as bindings from '\.\/(app-[0-9a-f]+\.js)';[\s\S]*?<\/script>/);
if (!trunkScript) throw new Error("modules: Trunk's start-up script is not in index.html");
const fullJs = trunkScript[1];
const fullWasm = fullJs.replace(/\.js$/, '_bg.wasm');

const target = path.join(here, 'target/wasm32-unknown-unknown/release');
await run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', ...PARTS.flatMap((p) => ['--bin', p])], { cwd: here, maxBuffer: 1 << 26 });

const out = path.join(dist, 'first');
await rm(out, { recursive: true, force: true });
await mkdir(out);
const work = path.join(tmpdir(), `abkit-modules-${process.pid}`);
await mkdir(work, { recursive: true });
const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

// Two at a time: the machine has two cores and wasm-opt uses one.
const table = {};
const queue = [...PARTS];
async function worker() {
  for (let part = queue.shift(); part; part = queue.shift()) {
    await run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', work, path.join(target, `${part}.wasm`)], { maxBuffer: 1 << 26 });
    // The same optimisation as Trunk's data-wasm-opt="z" for the full module (index.html).
    await run('wasm-opt', ['-Oz', '--converge', '--strip-producers', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
      '--enable-sign-ext', '--enable-mutable-globals', path.join(work, `${part}_bg.wasm`), '-o', path.join(work, `${part}.opt.wasm`)], { maxBuffer: 1 << 26 });
    const wasm = await readFile(path.join(work, `${part}.opt.wasm`));
    const glue = await readFile(path.join(work, `${part}.js`), 'utf8');
    const { code } = await minify(glue, { module: true, compress: true, mangle: true });
    if (!code) throw new Error(`modules: terser returned nothing for ${part}.js`);
    const name = `${part}-${short(Buffer.concat([wasm, Buffer.from(code)]))}`;
    await writeFile(path.join(out, `${name}_bg.wasm`), wasm);
    await writeFile(path.join(out, `${name}.js`), code);
    table[part] = { js: `./first/${name}.js`, wasm: `./first/${name}_bg.wasm` };
    console.log(`modules: ${part} ${wasm.length} bytes wasm`);
  }
}
await Promise.all([worker(), worker()]);
await rm(work, { recursive: true, force: true });

const modules = { full: { js: `./${fullJs}`, wasm: `./${fullWasm}` }, parts: Object.fromEntries(PARTS.map((p) => [p, table[p]])) };
const source = `var MODULES = ${JSON.stringify(modules)};\n${await readFile(path.join(here, 'www/loader.js'), 'utf8')}`;
const { code: loader } = await minify(source, { compress: true, mangle: true });
if (!loader) throw new Error('modules: terser returned nothing for loader.js');
// Trunk's script and its two preload hints give way to the loader, which adds the
// hints for the module it picks. The loader goes first in <head>, before the
// stylesheet: an inline script waits for the stylesheets above it, and the module
// need not.
page = page.replace(trunkScript[0], '');
page = page.replace(/<link[^>]+rel=["']?modulepreload["']?[^>]*>/g, '').replace(/<link[^>]+rel=["']?preload["']?[^>]*\.wasm[^>]*>|<link[^>]+\.wasm[^>]+rel=["']?preload["']?[^>]*>/g, '');
if (/<link[^>]+rel=["']?(module)?preload/.test(page)) throw new Error('modules: a preload hint was left behind');
const charset = page.match(/<meta charset=[^>]*>/i);
if (!charset) throw new Error('modules: index.html has no <meta charset>');
page = page.replace(charset[0], `${charset[0]}<script>${loader}</script>`);
await writeFile(html, page);
