// Browser benchmark of the learn simulators (not a test): opens the peeking
// simulator with 10,000 A/A tests × 30 looks, and the power simulator with 10,000
// experiments at six sample sizes, in headless Chromium, several times each, and
// reports the median run time the page measures (`sim-speed`) and the longest gap
// between animation frames while it runs (how long typing could wait); then reads a
// CSV file of 10^6 per-user rows on the significance page and reports the time from
// the file's change event to the groups holding its sums.
//   node scripts/bench-browser.mjs [runs]
// Needs a release build in dist/ (trunk build --release --offline).
import { serveDist, launchChromium } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] || 5);
const pages = [
  ['peeking, 10,000 tests × 30 looks', '#/learn/peeking?looks=30&sims=10000'],
  ['power, 10,000 experiments × 6 sizes', '#/learn/power?sims=10000'],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { server, base } = await serveDist();
const browser = await launchChromium();
try {
  for (const [name, hash] of pages) {
    const times = [];
    const gaps = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      // Record the longest pause between frames from the first paint on.
      await page.addInitScript(() => {
        window.__gap = 0;
        let last = performance.now();
        const tick = (now) => { window.__gap = Math.max(window.__gap, now - last); last = now; requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      });
      await page.goto(base + hash);
      await page.waitForSelector('main h1');
      // The module's own start-up is not the simulator's: measure from here.
      await page.evaluate(() => { window.__gap = 0; });
      await page.fill('input[name="seed"]', String(100 + i));
      await page.waitForSelector('[data-testid="sim-speed"][data-value]', { timeout: 60_000 });
      await page.waitForFunction((seed) => new URL(location.href).hash.includes(`seed=${seed}`), 100 + i);
      await page.waitForSelector('[data-testid="sim-progress"]', { state: 'detached', timeout: 60_000 });
      times.push(Number(await page.getAttribute('[data-testid="sim-speed"]', 'data-value')));
      gaps.push(await page.evaluate(() => window.__gap));
      await context.close();
    }
    console.log(`${name}: median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')}); longest frame gap median ${median(gaps).toFixed(0)} ms`);
  }
  // 10^6 users of a ratio metric (id, group, GMV, orders), as a warehouse export.
  const rows = ['user_id,group,gmv,orders'];
  let state = 0x9e3779b9;
  for (let i = 0; i < 1_000_000; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const orders = state % 4;
    rows.push(`u${i},${state % 2 ? 'B' : 'control'},${((state % 40000) / 100) * orders},${orders}`);
  }
  const csv = Buffer.from(rows.join('\n') + '\n');
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(base + '#/analyze?metric=ratio&n=2,2&num=1,2&num2=1,4&den=1,1&den2=1,1&numden=1,2');
    await page.waitForSelector('[data-testid="users-import"]');
    await page.click('[data-testid="users-import"] summary');
    // Timed in the page: from the file's change event until the users' cell shows the sum.
    await page.evaluate(() => {
      const input = document.querySelector('input[name="users_csv"]');
      input.addEventListener('change', () => {
        const start = performance.now();
        const poll = () => {
          if (document.querySelector('input[name="n"][data-arm="0"]').value !== '2') window.__read = performance.now() - start;
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }, { capture: true });
    });
    await page.setInputFiles('input[name="users_csv"]', { name: 'users.csv', mimeType: 'text/csv', buffer: csv });
    await page.waitForFunction(() => window.__read !== undefined, null, { timeout: 60_000 });
    times.push(await page.evaluate(() => window.__read));
    await context.close();
  }
  console.log(`10^6 per-user rows (${(csv.length / 1e6).toFixed(1)} MB CSV) read and summed: median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`);
} finally {
  await browser.close();
  server.close();
}
