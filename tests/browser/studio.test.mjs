// The Studio in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core): every page loads without console errors, Browse edits a
// cell and the database file has the new value, a validator's refusal shows
// at the cell, SQL runs, the editor marks a schema error at its line.
// Screenshots of each page go to the output folder.
//
//   node studio.test.mjs <path/to/litestone> <screenshot dir>

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [cli, shots] = process.argv.slice(2).map(p => p && resolve(p));
if (!cli || !shots) { console.error('usage: node studio.test.mjs <litestone> <screenshot dir>'); process.exit(2); }
mkdirSync(shots, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'litestone-studio-'));
const schema = `model users {
  id    Integer @id
  email Text    @unique @email
  name  Text?
}

model posts {
  id        Integer   @id
  authorId  Integer
  title     Text
  deletedAt DateTime?

  @@softDelete
}
`;
writeFileSync(join(dir, 'schema.lite'), schema);
const run = (...args) => execFileSync(cli, args, { cwd: dir, encoding: 'utf8' });
run('push', '--schema', 'schema.lite', '--db', 'app.db');
run('call', '--schema', 'schema.lite', '--db', 'app.db', JSON.stringify([
  { model: 'users', action: 'create', args: { data: { email: 'ann@acme.co', name: 'Ann' } } },
  { model: 'users', action: 'create', args: { data: { email: 'bob@acme.co', name: 'Bob' } } },
  { model: 'posts', action: 'create', args: { data: { authorId: 1, title: 'Hello' } } },
]));
const readUsers = () => JSON.parse(run('call', '--schema', 'schema.lite', '--db', 'app.db',
  JSON.stringify({ model: 'users', action: 'findMany', args: { orderBy: { id: 'asc' } } })));

const failures = [];
const check = (ok, what) => { if (ok) console.log('ok   ' + what); else { console.log('FAIL ' + what); failures.push(what); } };

const studio = spawn(cli, ['studio', '--schema', 'schema.lite', '--db', 'app.db', '--port', '0', '--quiet'], { cwd: dir });
let stderr = '';
studio.stderr.on('data', d => { stderr += d; });
const url = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('studio printed no URL: ' + stderr)), 20000);
  studio.stdout.on('data', d => {
    out += d;
    const m = out.match(/http:\/\/\S+\?token=[0-9a-f]+/);
    if (m) { clearTimeout(timer); resolve(m[0]); }
  });
});

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(e.message));
  const ready = () => page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });

  await page.goto(url);
  await ready();
  check(!page.url().includes('token='), 'the token leaves the address bar (cookie set, redirected to /)');

  for (const name of ['browse', 'sql', 'repl', 'editor', 'schema', 'migrations', 'stats', 'performance', 'acting']) {
    consoleErrors = [];
    await page.evaluate(n => { location.hash = '#' + n; }, name);
    await page.waitForFunction(n => document.body.dataset.page === n && document.body.dataset.ready === 'true', name, { timeout: 10000 });
    const failed = await page.$('.error');
    await page.screenshot({ path: join(shots, `studio-${name}.png`), fullPage: true });
    check(consoleErrors.length === 0 && !failed, `page ${name} loads without errors ${consoleErrors.join(' | ')}${failed ? await failed.innerText() : ''}`);
  }

  // Browse: edit a cell; the file has the new value.
  await page.evaluate(() => { location.hash = '#browse'; });
  await page.click('li[data-model="users"]');
  await page.waitForSelector('table.grid-table td[data-field="name"]');
  const nameCell = page.locator('table.grid-table tbody tr').nth(0).locator('td[data-field="name"]');
  await nameCell.dblclick();
  await nameCell.locator('input').fill('Annabel');
  await nameCell.locator('input').press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('td[data-field="name"]')].some(td => td.textContent === 'Annabel'), null, { timeout: 5000 });
  check(readUsers()[0].name === 'Annabel', 'Browse: an edited cell reaches the database file');

  // A validator refuses: the error shows at the cell, the file keeps the old value.
  const emailCell = page.locator('table.grid-table tbody tr').nth(1).locator('td[data-field="email"]');
  await emailCell.dblclick();
  await emailCell.locator('input').fill('not-an-email');
  await emailCell.locator('input').press('Enter');
  await page.waitForSelector('td.cell-error .cell-error-message', { timeout: 5000 });
  await page.screenshot({ path: join(shots, 'studio-browse-cell-error.png') });
  const cellMsg = await page.locator('td.cell-error .cell-error-message').innerText();
  check(cellMsg.length > 0 && readUsers()[1].email === 'bob@acme.co', `Browse: a validation error shows at the cell ("${cellMsg}") and nothing is written`);

  // Soft-deleted toggle: remove the post, it hides, the toggle shows it.
  run('call', '--schema', 'schema.lite', '--db', 'app.db', JSON.stringify({ model: 'posts', action: 'remove', args: { where: { id: 1 } } }));
  await page.click('li[data-model="posts"]');
  await page.waitForSelector('#with-deleted');
  const before = await page.locator('table.grid-table tbody tr').count();
  await page.check('#with-deleted');
  await page.waitForSelector('table.grid-table tbody tr');
  const after = await page.locator('table.grid-table tbody tr').count();
  check(before === 0 && after === 1, `Browse: soft-deleted rows hidden (${before}) and shown with the toggle (${after})`);

  // SQL runs.
  await page.evaluate(() => { location.hash = '#sql'; });
  await page.waitForSelector('#sql-text');
  await page.fill('#sql-text', 'SELECT count(*) AS n FROM users');
  await page.click('#sql-run');
  await page.waitForSelector('#sql-out table');
  check((await page.locator('#sql-out td').first().innerText()) === '2', 'SQL: a query runs and shows its result');

  // REPL shows the SQL the call ran.
  await page.evaluate(() => { location.hash = '#repl'; });
  await page.waitForSelector('#repl-text');
  await page.fill('#repl-text', '{"model":"users","action":"findMany","args":{"where":{"id":2}}}');
  await page.click('#repl-run');
  await page.waitForSelector('#repl-out .queries pre');
  check((await page.locator('#repl-out .queries pre').first().innerText()).includes('SELECT'), 'REPL: the SQL of the call is shown');

  // The editor marks a schema error at its line.
  await page.evaluate(() => { location.hash = '#editor'; });
  await page.waitForSelector('#editor-text');
  await page.fill('#editor-text', schema.replace('email Text    @unique @email', 'email Strng   @unique @email'));
  await page.waitForSelector('.diag[data-line="3"]', { timeout: 5000 });
  await page.screenshot({ path: join(shots, 'studio-editor-error.png') });
  const bad = await page.$('#gutter div.bad[data-line="3"]');
  check(bad !== null, 'editor: a schema error is marked at its line (3)');

  // Performance: a filter on an unindexed field gets advice.
  await page.evaluate(() => { location.hash = '#performance'; });
  await page.waitForSelector('#perf-text');
  await page.fill('#perf-text', '{"model":"users","action":"findMany","args":{"where":{"name":"Bob"}}}');
  await page.click('#perf-run');
  await page.waitForSelector('#perf-out table');
  await page.screenshot({ path: join(shots, 'studio-performance-plan.png') });
  check((await page.locator('#perf-out').innerText()).includes('@@index([name])'), 'Performance: a scan gets index advice');
} finally {
  await browser.close();
  studio.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
if (failures.length) { console.error(`${failures.length} check(s) failed`); process.exit(1); }
console.log('all Studio browser checks passed');
