// The kiosk page in a real browser: Debian's Chromium, headless, driven by
// Playwright (playwright-core, which downloads no browser of its own).
//
// Opens the built page (web/build.sh) from file://, types queries and checks
// the results shown (complete matches first, the closest matches when no
// record has every word, "Did you mean" run by its button, strict mode, and
// a message, never an exception, for a bad query or a trapped module),
// opens a record and checks its sources, walks the
// timeline, the January 22 exchange and the disagreements, uses the page by
// keyboard alone and by its on-screen keyboard, checks touch-target sizes,
// text contrast, reduced motion and the attract mode, loads it from a static
// server too, checks that no request left the page's folder, saves the
// screenshots the README shows, and measures keystroke-to-results time.
//
// Environment: FEUD_WEB_DIR (the built page; default target/web),
// FEUD_WEB_OUT (screenshots and timing.json; default target/web-test),
// CHROMIUM (default /usr/bin/chromium).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve, extname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const pageDir = resolve(process.env.FEUD_WEB_DIR || join(root, 'target', 'web'));
const outDir = resolve(process.env.FEUD_WEB_OUT || join(root, 'target', 'web-test'));
const pageUrl = pathToFileURL(join(pageDir, 'index.html')).href;
const folderUrl = pathToFileURL(pageDir + sep).href;

// As root, Chromium needs --no-sandbox; the rest keep it off the network
// (no component updates, sync, QUIC probes or first-run fetches).
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1280, height: 860 };

let browser;
/** Every request any page made, and every page error. */
const requests = [];
const problems = [];

function watch(context) {
  context.on('request', (r) => requests.push(r.url()));
  context.on('websocket', (w) => requests.push(w.url()));
  context.on('page', (p) => {
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    p.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  });
}

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options });
  watch(context);
  const page = await context.newPage();
  return { context, page };
}

async function open(page, url = pageUrl) {
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
}

/** Replaces the query by typing it key by key, as a visitor would. */
async function typeQuery(page, q) {
  await page.fill('#q', '');
  await page.focus('#q');
  await page.keyboard.type(q);
}

const hits = (page) => page.$$eval('#results .hit', (els) => els.map((e) => ({
  kind: e.dataset.kind,
  complete: e.dataset.complete === 'true',
  label: e.querySelector('.hit-label').textContent,
  marks: [...e.querySelectorAll('mark')].map((m) => m.textContent),
  badge: e.querySelector('.badge').textContent,
})));

before(async () => {
  assert.ok(existsSync(join(pageDir, 'index.html')), `no page in ${pageDir}: run web/build.sh first`);
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
});

after(async () => {
  if (browser) await browser.close();
});

test('the page is at most 400 KB and references only its own folder', () => {
  const files = ['index.html', 'kiosk.css', 'kiosk.js', 'feudfacts.js', 'feudfacts-wasm.js'];
  const total = files.reduce((n, f) => n + readFileSync(join(pageDir, f)).length, 0);
  assert.ok(total <= 400000, `${total} bytes`);
  const html = readFileSync(join(pageDir, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no external resource');
  assert.match(html, /connect-src 'none'/, 'the CSP forbids connections');
});

test('search as you type, from file://', async () => {
  const { context, page } = await newPage();
  await open(page);
  assert.ok(await page.isVisible('#qotd .qotd'), 'the home shows a quote of the day');

  await typeQuery(page, 'softbank secured');
  await page.waitForSelector('#results .hit');
  let h = await hits(page);
  const quote = h.find((x) => x.kind === 'quote');
  assert.ok(quote, JSON.stringify(h));
  assert.match(quote.label, /^SoftBank has well under \$10B secured\. I have that on good authority\.$/);
  assert.deepEqual(quote.marks.slice(0, 2), ['SoftBank', 'secured']);
  // Records with both words first, then the closest matches, set apart by
  // a heading; the summary counts the complete ones.
  let last = await page.evaluate(() => window.feudKiosk.last);
  assert.ok(last.total > 0 && last.partial > 0, JSON.stringify(last));
  assert.equal(await page.textContent('#summary'), `${last.total} record${last.total === 1 ? '' : 's'} with every word, then the closest matches`);
  assert.deepEqual(h.map((x) => x.complete), h.map((_, i) => i < h.length - last.partial));
  assert.equal(await page.textContent('#results .closest h2'), 'Closest matches, without every word');
  const order = await page.$$eval('#results > li', (els) => els.map((e) => (e.classList.contains('closest') ? 'heading' : e.querySelector('.hit').dataset.complete)));
  assert.equal(order.indexOf('heading'), h.length - last.partial, order.join());

  // The word being typed is a prefix: "softb" already finds SoftBank.
  await typeQuery(page, 'softb');
  await page.waitForFunction(() => window.feudKiosk.last && window.feudKiosk.last.query === 'softb');
  h = await hits(page);
  assert.ok(h.length > 0 && h.every((x) => x.marks.some((m) => /^softb/i.test(m))), JSON.stringify(h));

  // A phrase.
  await typeQuery(page, '"surely know"');
  await page.waitForFunction(() => window.feudKiosk.last.query === '"surely know"');
  h = await hits(page);
  assert.ok(h.some((x) => x.kind === 'quote' && x.label.startsWith('wrong, as you surely know.')), JSON.stringify(h));

  // Only quotes.
  await typeQuery(page, 'softbank');
  await page.click('.chip[data-kinds="4"]');
  h = await hits(page);
  assert.ok(h.length > 0 && h.every((x) => x.kind === 'quote'), JSON.stringify(h));
  await page.click('.chip[data-kinds="63"]');

  // Nothing matches: said so, no stale results.
  await typeQuery(page, 'zebra unicorn ');
  await page.waitForFunction(() => window.feudKiosk.last.query === 'zebra unicorn ');
  assert.match(await page.textContent('#summary'), /^No record matches these words/);
  assert.equal((await hits(page)).length, 0);

  // Nine single letters are a question to best match, not an error.
  await typeQuery(page, 'a b c d e f g h i');
  await page.waitForFunction(() => window.feudKiosk.last.query === 'a b c d e f g h i');
  assert.equal(await page.evaluate(() => window.feudKiosk.last.error), null);

  // Too many words: a specific message, and the page still works after it.
  const words33 = Array.from({ length: 33 }, (_, i) => `w${i}`).join(' ');
  await typeQuery(page, words33);
  await page.waitForFunction((q) => window.feudKiosk.last.query === q, words33);
  assert.equal(await page.textContent('#summary'), 'That is more words than a search can hold (at most 32).');
  assert.equal((await hits(page)).length, 0);
  await typeQuery(page, 'softbank');
  await page.waitForSelector('#results .hit');

  await typeQuery(page, 'softbank');
  await page.screenshot({ path: join(outDir, 'kiosk-search.png') });
  await context.close();
});

test('no record has every word: the closest matches, said so', async () => {
  const { context, page } = await newPage();
  await open(page);
  // SoftBank's records and Hoffman's, but none with both.
  await typeQuery(page, 'softbank hoffman');
  await page.waitForFunction(() => window.feudKiosk.last.query === 'softbank hoffman');
  assert.equal(await page.textContent('#summary'), 'No record has every word; closest matches:');
  const h = await hits(page);
  const last = await page.evaluate(() => window.feudKiosk.last);
  assert.deepEqual([last.total, last.partial], [0, h.length]);
  assert.ok(h.length > 0 && h.every((x) => !x.complete), JSON.stringify(h));
  for (const w of ['softbank', 'hoffman']) {
    assert.ok(h.some((x) => x.marks.some((m) => m.toLowerCase().startsWith(w))), `${w}: ${JSON.stringify(h)}`);
  }
  // The summary says it; no heading repeats it, and the hits are dashed.
  assert.equal(await page.$('#results .closest'), null);
  assert.equal(await page.$eval('#results .hit', (e) => getComputedStyle(e).borderTopStyle), 'dashed');
  // Filtered to quotes, still the closest quotes, or nothing but a message.
  await page.click('.chip[data-kinds="4"]');
  const q = await hits(page);
  assert.ok(q.every((x) => x.kind === 'quote' && !x.complete), JSON.stringify(q));
  assert.match(await page.textContent('#summary'), /^No record (has every word; closest matches:|matches these words)/);
  await context.close();
});

test('did you mean: the button runs the respelled query', async () => {
  const { context, page } = await newPage();
  await open(page);
  await typeQuery(page, 'altamn stargte');
  await page.waitForFunction(() => window.feudKiosk.last.query === 'altamn stargte');
  const button = '#summary button.suggestion';
  assert.equal(await page.textContent(button), 'Did you mean: altman stargate?');
  // Read as the suggestion already: records with both words.
  const before = await page.evaluate(() => window.feudKiosk.last);
  assert.equal(before.suggestion, 'altman stargate');
  assert.ok(before.total > 0, JSON.stringify(before));
  await page.click(button);
  await page.waitForFunction(() => window.feudKiosk.last.query === 'altman stargate');
  assert.equal(await page.inputValue('#q'), 'altman stargate');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'the focus is back in the box');
  assert.equal(await page.$(button), null, 'spelt right: nothing to suggest');
  assert.match(await page.textContent('#summary'), /^\d+ records?/);
  const h = await hits(page);
  assert.ok(h.length > 0 && h[0].complete, JSON.stringify(h));
  assert.ok(h.some((x) => x.marks.some((m) => /^stargate/i.test(m))), JSON.stringify(h));

  // By keyboard: Tab from the box reaches the suggestion, Enter runs it.
  await typeQuery(page, 'stargte');
  await page.keyboard.press('Space'); // a finished word: no prefix reading
  await page.waitForFunction(() => window.feudKiosk.last.query === 'stargte ');
  assert.equal(await page.textContent(button), 'Did you mean: stargate?');
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.classList.contains('suggestion'))) break;
  }
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('suggestion')), 'Tab reaches the suggestion');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.feudKiosk.last.query === 'stargate');
  assert.equal(await page.inputValue('#q'), 'stargate');
  assert.ok((await hits(page)).length > 0);
  await context.close();
});

test('strict mode, for operators: every word literally, no closest matches', async () => {
  const { context, page } = await newPage();
  await open(page, `${pageUrl}?strict=1`);
  assert.match(await page.textContent('#q-help'), /^Every word must match as typed/);
  await typeQuery(page, 'softbank hoffman');
  await page.waitForFunction(() => window.feudKiosk.last.query === 'softbank hoffman');
  assert.match(await page.textContent('#summary'), /^No record has every word\./);
  assert.equal((await hits(page)).length, 0);
  await typeQuery(page, 'altamn stargte');
  await page.waitForFunction(() => window.feudKiosk.last.query === 'altamn stargte');
  assert.equal(await page.$('#summary button.suggestion'), null, 'no corrections, so no suggestion');
  await typeQuery(page, 'softbank secured');
  await page.waitForSelector('#results .hit');
  const h = await hits(page);
  assert.ok(h.every((x) => x.complete), JSON.stringify(h));
  assert.match(await page.textContent('#summary'), /^\d+ records?$/);
  await typeQuery(page, 'a b c d e f g h i');
  await page.waitForFunction(() => window.feudKiosk.last.query === 'a b c d e f g h i');
  assert.equal(await page.textContent('#summary'), 'That is more words than a search can hold (at most 8).');
  await context.close();
});

test('bad input gets a message, never an exception, and the page goes on working', async () => {
  const { context, page } = await newPage();
  await open(page);
  // The box may not keep what is put in it as it was (a lone surrogate
  // arrives as U+FFFD): the search of whatever it holds.
  const ask = async (q) => {
    await page.evaluate(() => { window.feudKiosk.last = null; });
    await page.fill('#q', q);
    await page.waitForFunction(() => window.feudKiosk.last !== null);
    return page.evaluate(() => window.feudKiosk.last);
  };
  for (const q of ['"', '*', '"unclosed phrase', '$', '-', '🇺🇸', '\u0000', '\\', 'é'.repeat(200), '\ud800 lone']) {
    const last = await ask(q);
    const shown = await page.textContent('#summary');
    assert.ok(last.error !== null || last.total !== null, `${q}: ${JSON.stringify(last)}`);
    assert.ok(await page.isVisible('#home') || shown.length > 0, `${q}: something is said`);
  }
  // The module traps (it is built never to): a message, then a fresh
  // instance answers the next search.
  await page.evaluate(() => {
    const f = window.feudKiosk.feud;
    f.x = Object.assign({}, f.x, { feud_search: () => { throw new WebAssembly.RuntimeError('unreachable'); } });
  });
  const trapped = await ask('softbank');
  assert.equal(trapped.error, 'internal');
  assert.match(await page.textContent('#summary'), /stopped .*restarted/);
  assert.equal((await hits(page)).length, 0);
  const after = await ask('softbank secured');
  assert.ok(after.total > 0, JSON.stringify(after));
  assert.ok((await hits(page)).length > 0);
  await context.close();
});

test('a record card shows the quote, its dating, variants and every source article', async () => {
  const { context, page } = await newPage();
  await open(page);
  await typeQuery(page, 'softbank secured');
  await page.click('#results .hit[data-kind="quote"]');
  await page.waitForSelector('#card[open]');
  const card = await page.textContent('#card-body');
  assert.match(card, /SoftBank has well under \$10B secured\. I have that on good authority\./);
  assert.match(card, /Elon Musk, 22 January 2025, post on X/);
  const files = await page.$$eval('#card-body .sources .file', (e) => e.map((x) => x.textContent));
  // Printed exactly by 003; differently by 001 and 002; cited by all three.
  assert.ok(files.includes('003_e1ebc3a689099601.txt'), files.join());
  assert.ok(files.includes('001_e96f8df4d7c379f6.txt'), files.join());
  assert.ok(files.includes('002_3229c837a92db49a.txt'), files.join());
  assert.match(card, /SoftBank has well under USD 10B secured\. I have that on good authority\./);
  assert.match(card, /Replies/);

  // Follow the reply, then come back.
  await page.click('#card-body .links .link[data-kind="quote"]');
  assert.match(await page.textContent('#card-body h2'), /wrong, as you surely know\./);
  assert.match(await page.textContent('#card-body'), /In reply to/);
  await page.click('#card-back');
  assert.match(await page.textContent('#card-body h2'), /SoftBank has well under/);

  // An inferred date says how it was worked out.
  await page.keyboard.press('Escape');
  await typeQuery(page, 'actually money');
  await page.click('#results .hit[data-kind="quote"]');
  assert.match(await page.textContent('#card-body'), /\(inferred\)/);
  assert.match(await page.textContent('#card-body .note'), /Wednesday/);

  // A figure gives each article's phrasing; a discrepancy each side.
  await page.keyboard.press('Escape');
  await typeQuery(page, '500 billion');
  await page.click('.chip[data-kinds="16"]');
  await page.click('#results .hit[data-kind="figure"]');
  const phr = await page.$$eval('#card-body .phrasings li', (e) => e.map((x) => x.textContent));
  assert.ok(phr.length >= 2 && phr.every((p) => /\.txt$/.test(p)), phr.join('\n'));
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#card'), false);
  await context.close();
});

test('a record opens from its key in the address', async () => {
  const { context, page } = await newPage();
  await open(page, `${pageUrl}#q-they-dont-have-the-money`);
  await page.waitForSelector('#card[open]');
  assert.match(await page.textContent('#card-body h2'), /They don’t actually have the money/);
  await page.keyboard.press('Escape');
  await page.evaluate(() => { location.hash = 'no-such-key'; });
  assert.equal(await page.isVisible('#card'), false, 'an unknown key opens nothing');
  await context.close();
});

test('the timeline lists every dated quote and event in order', async () => {
  const { context, page } = await newPage();
  await open(page);
  await page.click('.tab[data-view="timeline"]');
  const expected = await page.evaluate(() => window.feudKiosk.feud.timeline().items.length);
  const items = await page.$$eval('#timeline .tl', (e) => e.map((x) => ({
    kind: x.dataset.kind, label: x.querySelector('.tl-label').textContent,
  })));
  assert.equal(items.length, expected);
  assert.ok(items.length > 30);
  const years = await page.$$eval('#timeline .tl-year h3', (e) => e.map((x) => +x.textContent));
  assert.deepEqual(years, [...years].sort((a, b) => a - b));
  assert.ok(years.includes(2015) && years.includes(2025), years.join());
  assert.ok(items.some((i) => i.kind === 'event' && /Stargate/.test(i.label)));
  await page.click('#timeline .tl[data-kind="event"]');
  await page.waitForSelector('#card[open]');
  assert.ok((await page.$$('#card-body .sources li')).length >= 1);
  await page.click('#card-close');
  await context.close();
});

test('the January 22 exchange reads as a conversation', async () => {
  const { context, page } = await newPage();
  await open(page);
  await page.click('.tab[data-view="thread"]');
  const bubbles = await page.$$eval('#conversation .bubble', (e) => e.map((x) => ({
    side: x.classList.contains('left') ? 'left' : 'right',
    who: x.querySelector('.bubble-who').textContent,
    text: x.querySelector('.bubble-text').textContent,
    reply: (x.querySelector('.bubble-reply') || {}).textContent || '',
  })));
  assert.ok(bubbles.length >= 5, JSON.stringify(bubbles));
  assert.ok(bubbles.every((b) => (b.who === 'Elon Musk') === (b.side === 'left')), JSON.stringify(bubbles));
  const softbank = bubbles.findIndex((b) => b.text.startsWith('SoftBank has well under $10B secured'));
  const wrong = bubbles.findIndex((b) => b.text.startsWith('wrong, as you surely know.'));
  assert.ok(softbank >= 0 && wrong > softbank, JSON.stringify(bubbles));
  assert.equal(bubbles[wrong].who, 'Sam Altman');
  assert.match(bubbles[wrong].reply, /replying to Elon Musk: “SoftBank has well under/);
  assert.ok(bubbles.some((b) => b.text.startsWith('just one more mean tweet')), 'the morning after');
  await page.screenshot({ path: join(outDir, 'kiosk-thread.png'), fullPage: true, clip: { x: 0, y: 0, width: VIEWPORT.width, height: 1200 } });

  // A bubble opens its card, which shows the thread.
  await page.click('#conversation .bubble-body:has-text("wrong, as you surely know")');
  await page.waitForSelector('#card[open]');
  const thread = await page.$$eval('#card-body .thread li', (e) => e.map((x) => x.textContent));
  assert.equal(thread.length, 2);
  assert.match(thread[0], /Elon Musk/);
  await page.keyboard.press('Escape');
  await context.close();
});

test('where the articles disagree, each side is shown with its article', async () => {
  const { context, page } = await newPage();
  await open(page);
  await page.click('.tab[data-view="disagree"]');
  const expected = await page.evaluate(() => window.feudKiosk.feud.stats().counts.discrepancy);
  const items = await page.$$eval('#disagreements .disagreement', (e) => e.map((x) => ({
    title: x.querySelector('h3').textContent,
    sides: [...x.querySelectorAll('.side')].map((s) => s.textContent),
  })));
  assert.equal(items.length, expected);
  assert.ok(items.every((d) => d.sides.length >= 1 && d.sides.every((s) => /\.txt/.test(s))), JSON.stringify(items));
  await page.click('#disagreements .disagreement button');
  await page.waitForSelector('#card[open]');
  assert.match(await page.textContent('#card-body'), /Each side/);
  await context.close();
});

test('works with the keyboard alone', async () => {
  const { context, page } = await newPage();
  await open(page);
  const active = () => page.evaluate(() => {
    const a = document.activeElement;
    return { id: a.id, cls: a.className, text: a.textContent.slice(0, 80) };
  });
  const tabTo = async (pred, max = 40) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (pred(await active())) return;
    }
    assert.fail(`never reached: ${JSON.stringify(await active())}`);
  };
  await tabTo((a) => a.id === 'q');
  await page.keyboard.type('little finger');
  await tabTo((a) => a.cls === 'hit');
  const opener = await active();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#card[open]');
  assert.equal((await active()).id, 'card-close', 'focus moves into the card');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#card'), false);
  assert.deepEqual(await active(), opener, 'focus returns to the result');
  // Back up to the views and open the timeline.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Shift+Tab');
    if ((await active()).text === 'Timeline') break;
  }
  await page.keyboard.press('Enter');
  assert.ok(await page.isVisible('#view-timeline'));
  await tabTo((a) => a.cls === 'tl');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#card[open]');
  await page.keyboard.press('Escape');
  await context.close();
});

test('the on-screen keyboard types into the search', async () => {
  const { context, page } = await newPage({ hasTouch: true });
  await open(page);
  if (await page.isHidden('#kbd')) await page.tap('#kbd-toggle');
  for (const k of 'musk') await page.tap(`#kbd .key[aria-label="${k}"]`);
  assert.equal(await page.inputValue('#q'), 'musk');
  assert.ok((await hits(page)).length > 0);
  await page.tap('#kbd .key[aria-label="delete"]');
  assert.equal(await page.inputValue('#q'), 'mus');
  await page.tap('#kbd .key[aria-label="clear the search"]');
  assert.equal(await page.inputValue('#q'), '');
  assert.ok(await page.isVisible('#home'));
  await context.close();
});

/** Every visible control in the page is at least 44 x 44 CSS pixels. */
const smallTargets = (page) => page.$$eval('button, input, a[href], [tabindex]', (els) => els
  .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map((e) => { const r = e.getBoundingClientRect(); return { what: e.outerHTML.slice(0, 80), w: r.width, h: r.height }; })
  .filter((r) => r.w < 44 || r.h < 44));

/** Every visible text's contrast with what is behind it, below WCAG AA. */
const lowContrast = (page) => page.evaluate(() => {
  const rgb = (s) => { const m = s.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
  const lum = ({ r, g, b }) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (e) => {
    for (let n = e; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.a > 0.5) return c;
      if (n.tagName === 'DIALOG' && n.open) break;
    }
    return rgb(getComputedStyle(document.documentElement).backgroundColor);
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const e = t.parentElement;
    if (!t.textContent.trim() || !e.getClientRects().length) continue;
    const s = getComputedStyle(e);
    const fg = rgb(s.color);
    const bg = background(e);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && +s.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)} "${t.textContent.trim().slice(0, 40)}"`);
  }
  return bad;
});

test('touch targets are at least 44 px and text meets WCAG AA contrast, in every view', async () => {
  const { context, page } = await newPage({ hasTouch: true });
  await open(page);
  const check = async (where) => {
    // Settled colours: a tab changing colour (a 120 ms transition) is not
    // what anyone reads.
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    assert.deepEqual(await smallTargets(page), [], `small targets in ${where}`);
    assert.deepEqual(await lowContrast(page), [], `low contrast in ${where}`);
  };
  // The checks themselves catch what they are for.
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.id = 'probe';
    b.textContent = 'pale';
    b.style.cssText = 'min-height:20px;min-width:20px;height:20px;padding:0;color:#aaa;background:#fff';
    document.body.append(b);
  });
  assert.equal((await smallTargets(page)).length, 1, 'a 20 px button is found');
  assert.equal((await lowContrast(page)).length, 1, '#aaa on white is found');
  await page.evaluate(() => document.getElementById('probe').remove());
  await check('home');
  if (await page.isHidden('#kbd')) await page.tap('#kbd-toggle');
  await typeQuery(page, 'musk');
  await check('results and keyboard');
  await typeQuery(page, 'altamn stargte');
  await page.waitForSelector('#summary button.suggestion');
  await check('did you mean');
  await typeQuery(page, 'softbank secured');
  await page.waitForSelector('#results .closest');
  await check('complete then closest matches');
  for (const view of ['timeline', 'thread', 'disagree']) {
    await page.click(`.tab[data-view="${view}"]`);
    await check(view);
  }
  await page.click('#disagreements .disagreement button');
  await page.waitForSelector('#card[open]');
  await check('card');
  await context.close();
});

test('the attract mode cycles quotes after a minute idle, gives a clean screen on touch, and honours reduced motion', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const { context, page } = await newPage({ reducedMotion });
    await page.clock.install();
    await open(page);
    await typeQuery(page, 'musk');
    await page.clock.fastForward(59000);
    assert.equal(await page.isVisible('#attract'), false, 'not before a minute');
    await page.clock.fastForward(2000);
    assert.ok(await page.isVisible('#attract'), 'after a minute idle');
    const seen = new Set([await page.textContent('#attract-quote')]);
    for (let i = 0; i < 4; i++) {
      await page.clock.fastForward(12000);
      seen.add(await page.textContent('#attract-quote'));
    }
    assert.ok(seen.size >= 2, `cycles: ${[...seen].join(' | ')}`);
    const motion = await page.$eval('#attract-quote', (e) => getComputedStyle(e).animationName);
    const transition = await page.$eval('.tab', (e) => getComputedStyle(e).transitionDuration);
    if (reducedMotion === 'reduce') assert.deepEqual([motion, transition], ['none', '0s']);
    else assert.deepEqual([motion, transition], ['fade', '0.12s']);
    await page.mouse.click(640, 400);
    assert.equal(await page.isVisible('#attract'), false, 'a touch ends it');
    assert.equal(await page.inputValue('#q'), '', 'the next visitor gets a clean search');
    assert.equal(await page.isVisible('#card'), false, 'the touch pressed nothing under it');
    assert.ok(await page.isVisible('#home'));
    await context.close();
  }
});

test('the same folder works from a static server', async () => {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const file = join(pageDir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(pageDir) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context, page } = await newPage();
  const served = [];
  page.on('request', (r) => served.push(r.url()));
  await open(page, `${origin}/index.html`);
  await typeQuery(page, 'softbank secured');
  await page.waitForSelector('#results .hit[data-kind="quote"]');
  assert.ok(served.every((u) => u.startsWith(`${origin}/`)), served.join('\n'));
  await context.close();
  server.close();
  // These requests went to the page's own server; the file:// check below
  // is about every other page.
  for (const u of served) requests.splice(requests.indexOf(u), 1);
});

test('keystroke to results: median over 100 queries', async () => {
  const { context, page } = await newPage();
  await open(page);
  const words = ['musk', 'altman', 'stargate', 'softbank', 'trump', 'openai', 'billion', 'money', 'wrong',
    'oracle', 'ellison', 'nadella', 'microsoft', 'jobs', 'texas', 'congress', 'lawsuit', 'nonprofit',
    'little finger', 'xai', 'surely', 'secured', 'america', 'president', 'zuckerberg'];
  const queries = [];
  for (let i = 0; queries.length < 100; i++) {
    const a = words[i % words.length];
    const b = words[(i * 7 + 3) % words.length];
    queries.push(i < 25 ? a : i < 75 ? `${a} ${b}` : `"${a}"`);
  }
  // Each query is put in whole but for its last character, which is then
  // typed as a real key press: that keystroke's event-to-results time.
  const perQuery = [];
  const searchOnly = [];
  const handler = [];
  const keystroke = [];
  for (const q of queries) {
    await page.fill('#q', q.slice(0, -1)); // leaves the focus in the box
    await page.keyboard.type(q.slice(-1));
    const t = await page.evaluate(() => ({ last: window.feudKiosk.last }));
    assert.equal(t.last.query, q, 'the keystroke ran the search');
    perQuery.push(t.last.ms);
    searchOnly.push(t.last.search_ms);
    handler.push(t.last.handler_ms);
    keystroke.push(t.last.keystroke_ms);
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
  const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
  const report = {
    queries: perQuery.length,
    median_from_input_event_ms: +median(perQuery).toFixed(3),
    p95_from_input_event_ms: +p95(perQuery).toFixed(3),
    p95_from_keydown_ms: +p95(keystroke).toFixed(3),
    median_from_keydown_ms: +median(keystroke).toFixed(3),
    median_handler_ms: +median(handler).toFixed(3),
    median_search_ms: +median(searchOnly).toFixed(3),
  };
  writeFileSync(join(outDir, 'timing.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`keystroke to results: ${JSON.stringify(report)}`);
  // The target is 2 ms; this bound (one frame) only catches a gross regression
  // on a loaded machine, the report gives the figure.
  assert.ok(keystroke.every((k) => typeof k === 'number'), 'each search knew its key press');
  assert.ok(report.median_from_keydown_ms <= 16, JSON.stringify(report));
  await context.close();
});

test('no request left the page folder, and nothing went wrong in any page', () => {
  assert.ok(requests.length > 0, 'requests were recorded');
  const outside = requests.filter((u) => !u.startsWith(folderUrl));
  assert.deepEqual(outside, [], 'every request is a file of the page itself');
  assert.deepEqual(problems, []);
});
