// Writes `<file>.br` and `<file>.gz` beside every text and WebAssembly file of the
// built folder, so a server that looks for them (nginx `gzip_static` / `brotli_static`,
// Caddy `precompressed`, http-server `-b -g`) sends the smallest encoding without
// compressing on every request; brotli at its best setting is too slow for servers
// to apply on the fly. Run last by scripts/post-build.sh on release builds, after
// every file is final. Prints one line: how many files, and their bytes raw, gzipped
// and in brotli.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs <built folder>');
  process.exit(2);
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.wasm', '.txt', '.webmanifest']);

async function* files(folder) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (COMPRESSIBLE.has(path.extname(entry.name))) yield full;
  }
}

let count = 0;
let raw = 0;
let gz = 0;
let br = 0;
for await (const file of files(dir)) {
  const body = await readFile(file);
  const gzipped = zlib.gzipSync(body, { level: 9 });
  const brotli = zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: path.extname(file) === '.wasm'
        ? zlib.constants.BROTLI_MODE_GENERIC
        : zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  await writeFile(`${file}.gz`, gzipped);
  await writeFile(`${file}.br`, brotli);
  count += 1;
  raw += body.length;
  gz += gzipped.length;
  br += brotli.length;
}
console.log(`precompress: ${count} files, ${raw} bytes raw, ${gz} gzipped (.gz), ${br} in brotli (.br)`);
