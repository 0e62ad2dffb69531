// The route table, as tests/shell_texts.rs writes it into www/shell.json from the
// app's own (src/ui/routes.rs): the build scripts and the browser tests take their
// list of pages from here, so a page is added in Rust only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const table = JSON.parse(readFileSync(path.join(here, 'www/shell.json'), 'utf8')).routes;

/** Every page's path after `#` (`/learn/peeking`), in the table's order. */
export const PATHS = Object.keys(table);
/** The calculators: their worked examples are prerendered, and each answers in one sentence. */
export const CALCULATORS = PATHS.filter((p) => table[p].calculator);
/** The sections, each one first-visit module (`src/bin/<section>.rs`). */
export const SECTIONS = [...new Set(PATHS.map((p) => table[p].section))];
