// Drives Debian's Chromium over the demo page: two users on one document, then a server restart.
// Run by dev.yjakarta.it.DemoPageBrowserIT, which owns the server:
//
//   DEMO_URL   the page, e.g. http://127.0.0.1:8080/ (required; may carry ?ws=... for another server)
//   DEMO_DOC   the document name (default: a fresh random one)
//   DEMO_OUT   where the screenshots go (default: ../../../target/browser)
//   CHROMIUM   the browser (default: /usr/bin/chromium)
//   DEMO_RESTART  "1" (default) to run the restart part, "0" to skip it
//
// Line protocol on stdout/stdin for the restart: the script prints "RESTART" and then waits for
// a line "RESTARTED" on stdin (the caller stops the server and starts it again on the same port).
// Progress lines start with "STEP ". The last line is "RESULT {json}"; the exit code is 0 only
// when every check passed.
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pageUrl = required('DEMO_URL');
const docName = process.env.DEMO_DOC || `browser-${Date.now().toString(36)}`;
const outDir = path.resolve(process.env.DEMO_OUT || path.join(here, '..', '..', '..', 'target', 'browser'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const withRestart = (process.env.DEMO_RESTART || '1') !== '0';

// Every request the pages make must stay on this machine's loopback address.
const ALLOWED_HOSTS = new Set(['127.0.0.1']);
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
];
const VIEWPORT = { width: 900, height: 620 };
const SHORT = 30_000;
const RESTART_TIMEOUT = 240_000;

const checks = [];
const openPages = [];
const foreignRequests = [];
const pageErrors = [];
let browser;

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

function step(message) {
  console.log(`STEP ${message}`);
}

function check(name, ok, detail = '') {
  checks.push({ name, ok: Boolean(ok), detail });
  step(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  if (!ok) throw new Error(`check failed: ${name} ${detail}`);
}

function guardRequests(label, target) {
  const inspect = (kind, url) => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return;
    if (!ALLOWED_HOSTS.has(parsed.hostname)) foreignRequests.push(`${label} ${kind} ${url}`);
  };
  target.on('request', (request) => inspect('request', request.url()));
  return inspect;
}

function urlFor(doc) {
  const url = new URL(pageUrl);
  url.searchParams.set('doc', doc);
  return url.toString();
}

/** A user in their own browser context (own storage), with the page open on the document. */
async function openUser(name, color, url = urlFor(docName)) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const inspect = guardRequests(name, context);
  const page = await context.newPage();
  // WebSockets do not pass through the request event
  page.on('websocket', (ws) => inspect('websocket', ws.url()));
  page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
  openPages.push({ name, page });
  await page.goto(url);
  await page.locator('#user-name').fill(name);
  await page.locator('#user-name').dispatchEvent('change');
  await page.locator('#user-color').fill(color);
  return { name, context, page };
}

async function status(page) {
  return page.locator('#status').evaluate((el) => ({
    connection: el.dataset.connection,
    sync: el.dataset.sync,
    text: el.textContent.trim(),
  }));
}

async function waitSynced(user, timeout = SHORT) {
  try {
    await user.page.waitForFunction(() => {
      const el = document.getElementById('status');
      return el.dataset.connection === 'connected' && el.dataset.sync === 'synced';
    }, null, { timeout, polling: 100 });
  } catch {
    throw new Error(`${user.name}'s page did not connect and sync within ${timeout} ms `
      + `(status: ${(await status(user.page)).text}; endpoint: ${await user.page.locator('#endpoint').textContent()})`);
  }
  return status(user.page);
}

async function waitOffline(user, timeout) {
  try {
    await user.page.waitForFunction(
      () => document.getElementById('status').dataset.connection !== 'connected',
      null, { timeout, polling: 100 });
  } catch {
    throw new Error(`${user.name}'s page still says connected ${timeout} ms after the restart began`);
  }
  return status(user.page);
}

// The editor's text without the other users' caret labels, which sit inside the text as widgets.
const TEXT_OF_EDITOR = () => {
  const copy = document.querySelector('#editor .tiptap')?.cloneNode(true);
  if (!copy) return '';
  copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
  return copy.textContent;
};

async function editorText(user) {
  return user.page.evaluate(TEXT_OF_EDITOR);
}

async function waitForText(user, text, timeout = SHORT) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if ((await editorText(user)).includes(text)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Types at the end of the document, as a person clicking into the editor would. */
async function typeAtEnd(user, text) {
  await user.page.locator('#editor .tiptap').click();
  await user.page.keyboard.press('Control+End');
  await user.page.keyboard.type(text, { delay: 15 });
}

/** The other user's caret label (CollaborationCaret) and their chip in the "Here now" list. */
async function seesPresenceOf(user, other, timeout = SHORT) {
  try {
    await user.page.waitForFunction((name) => {
      const labels = [...document.querySelectorAll('.collaboration-carets__label')].map((e) => e.textContent);
      const chips = [...document.querySelectorAll('#users .user')].map((e) => e.textContent);
      return labels.includes(name) && chips.includes(name);
    }, other.name, { timeout, polling: 100 });
    return true;
  } catch {
    return false;
  }
}

/** Both pages side by side in one picture (composed in a blank page, so no extra package). */
async function screenshotSideBySide(users, file, caption) {
  await mkdir(outDir, { recursive: true });
  const shots = [];
  for (const user of users) {
    const png = await user.page.screenshot();
    await writeFile(path.join(outDir, `${path.basename(file, '.png')}-${user.name.toLowerCase()}.png`), png);
    shots.push({ name: user.name, src: `data:image/png;base64,${png.toString('base64')}` });
  }
  const context = await browser.newContext({ viewport: { width: VIEWPORT.width * users.length + 60, height: 700 } });
  const page = await context.newPage();
  const cells = shots.map((s) => `<figure><figcaption>${s.name}'s browser</figcaption><img src="${s.src}"></figure>`).join('');
  await page.setContent(`<!doctype html><style>
      body{margin:0;padding:14px;font:14px system-ui,sans-serif;background:#3b4252;color:#eceff4}
      h1{font-size:15px;margin:0 0 10px} .row{display:flex;gap:20px} figure{margin:0}
      figcaption{margin-bottom:4px} img{display:block;border:1px solid #88909f}</style>
    <h1>${caption}</h1><div class="row">${cells}</div>`);
  await page.screenshot({ path: path.join(outDir, file), fullPage: true });
  await context.close();
  step(`screenshot ${path.join(outDir, file)}`);
}

// Lines from the caller on stdin, read from the start so none is missed while the pages work.
const stdinLines = [];
let stdinClosed = false;
let stdinWaiter = null;
function listenToStdin() {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    stdinLines.push(line.trim());
    stdinWaiter?.();
  });
  lines.on('close', () => {
    stdinClosed = true;
    stdinWaiter?.();
  });
}

async function waitForLine(expected, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const index = stdinLines.indexOf(expected);
    if (index >= 0) {
      stdinLines.splice(0, index + 1);
      return;
    }
    if (stdinClosed) throw new Error(`stdin closed before "${expected}"`);
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no "${expected}" on stdin within ${timeout} ms`);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, left);
      stdinWaiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    stdinWaiter = null;
  }
}

async function run() {
  if (withRestart) listenToStdin();
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    // Playwright gives launch() a fresh temporary profile directory and deletes it on close
  });
  step(`chromium ${browser.version()} on ${urlFor(docName)}`);

  const alice = await openUser('Alice', '#d9480f');
  const bob = await openUser('Bob', '#2f6fde');
  const [sa, sb] = [await waitSynced(alice), await waitSynced(bob)];
  check('both pages connect and sync', true, `Alice: ${sa.text}; Bob: ${sb.text}`);

  const fromAlice = 'Hello from Alice in Chromium.';
  await typeAtEnd(alice, fromAlice);
  check("Alice's text appears in Bob's page", await waitForText(bob, fromAlice));

  const fromBob = ' Bob answers from the second page.';
  await typeAtEnd(bob, fromBob);
  check("Bob's text appears in Alice's page", await waitForText(alice, fromBob));

  check("Alice's page shows Bob's caret and name", await seesPresenceOf(alice, bob));
  check("Bob's page shows Alice's caret and name", await seesPresenceOf(bob, alice));

  if (!new URL(pageUrl).searchParams.has('ws')) {
    const expected = new URL('collab', pageUrl);
    expected.protocol = 'ws:';
    expected.search = '';
    const shown = await alice.page.locator('#endpoint').textContent();
    check('the page connects to /collab on its own host by default', shown === expected.toString(), shown);
  }

  const before = await editorText(alice);
  check('both pages hold the same text', before === (await editorText(bob)), JSON.stringify(before));
  await screenshotSideBySide([alice, bob], 'demo-two-pages.png',
    `y-jakarta demo: document "${docName}" open by two users`);

  if (withRestart) {
    console.log('RESTART');
    const [oa, ob] = [await waitOffline(alice, RESTART_TIMEOUT), await waitOffline(bob, RESTART_TIMEOUT)];
    check('both pages show the server is gone', true, `Alice: ${oa.text}; Bob: ${ob.text}`);

    const offline = ' Alice wrote this while the server was down.';
    await typeAtEnd(alice, offline);
    await waitForLine('RESTARTED', RESTART_TIMEOUT);
    step('server restarted');

    const [ra, rb] = [await waitSynced(alice, 90_000), await waitSynced(bob, 90_000)];
    check('both pages reconnect and sync after the restart', true, `Alice: ${ra.text}; Bob: ${rb.text}`);
    check('the text is still in both pages after the restart',
      (await editorText(alice)).includes(before) && (await editorText(bob)).includes(before));
    check("Alice's offline edit reaches Bob through the restarted server", await waitForText(bob, offline));

    // a third user who never saw the old server can only get the text from the new one; she
    // comes through the other link form, #name
    const hashLink = new URL(pageUrl);
    hashLink.hash = docName;
    const carol = await openUser('Carol', '#2b8a3e', hashLink.toString());
    await waitSynced(carol);
    check('a new page gets the whole text from the restarted server',
      await waitForText(carol, before + offline), JSON.stringify(await editorText(carol)));

    const after = ' Bob types again after the restart.';
    await typeAtEnd(bob, after);
    check("Bob's new text appears in Alice's page", await waitForText(alice, after));
    check("Alice's page shows Bob's caret and name again", await seesPresenceOf(alice, bob));
    await screenshotSideBySide([alice, bob], 'demo-after-restart.png',
      `y-jakarta demo: "${docName}" after a server restart`);

    // the document field opens another document and puts its name in the URL
    const other = `${docName}-other`;
    await carol.page.locator('#doc-name').fill(other);
    await carol.page.locator('#doc-form button[type=submit]').click();
    await waitSynced(carol);
    const carolUrl = new URL(carol.page.url());
    check('the document field opens another, empty document and names it in the URL',
      carolUrl.searchParams.get('doc') === other && (await editorText(carol)) === '',
      `${carol.page.url()} ${JSON.stringify(await editorText(carol))}`);
  }

  check('the pages made no request beyond 127.0.0.1', foreignRequests.length === 0, foreignRequests.join(', '));
  check('the pages threw no uncaught error', pageErrors.length === 0, pageErrors.join(' | '));
}

let failure = null;
try {
  await run();
} catch (error) {
  failure = error.message;
  // what each page showed when it went wrong
  for (const user of openPages) {
    await mkdir(outDir, { recursive: true }).catch(() => {});
    await user.page.screenshot({ path: path.join(outDir, `failure-${user.name.toLowerCase()}.png`) }).catch(() => {});
  }
} finally {
  if (browser) await browser.close().catch(() => {});
}
const ok = failure === null && checks.length > 0 && checks.every((c) => c.ok);
console.log(`RESULT ${JSON.stringify({ ok, document: docName, failure, checks, foreignRequests, pageErrors })}`);
process.exit(ok ? 0 : 1);
