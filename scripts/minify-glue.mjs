// Release builds: minifies wasm-bindgen's JavaScript glue (Trunk's own minifier cannot
// parse it) and updates its integrity hash in index.html, so the browser still
// accepts it. Run by scripts/post-build.sh from Trunk's post_build hook.
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { minify } from 'terser';

const dir = process.argv[2];
const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const html = path.join(dir, 'index.html');
let page = await readFile(html, 'utf8');
for (const name of (await readdir(dir)).filter((f) => /^app-.*\.js$/.test(f))) {
  const file = path.join(dir, name);
  const source = await readFile(file);
  const { code } = await minify(source.toString('utf8'), { module: true, compress: true, mangle: true });
  if (!code) throw new Error(`terser returned nothing for ${name}`);
  const before = sri(source);
  if (page.includes(before)) page = page.split(before).join(sri(code));
  await writeFile(file, code);
  console.log(`minify-glue: ${name} ${source.length} -> ${Buffer.byteLength(code)} bytes`);
}
await writeFile(html, page);
