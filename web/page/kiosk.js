/* kiosk.js: the touchscreen kiosk on top of feudfacts.js.
 *
 * Four views (search as you type in best match: records with every word
 * first, then the closest matches, and "Did you mean"; timeline; the
 * January 22 exchange; where the articles disagree), a record card in a
 * modal dialog, an on-screen keyboard for screens without one, and an
 * attract mode that cycles quotes after a minute without a touch and gives
 * the screen back, cleared, on the next one. Everything shown comes from
 * the module; text goes into the page as text nodes only (never as HTML).
 * Timings of each search, from the keystroke's event to the results in the
 * page, are kept in window.feudKiosk.timings for the browser test. */
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  /** The exchange the "January 22" view shows: that day and the morning after. */
  const EXCHANGE = ['2025-01-22', '2025-01-23'];
  const PAGE = 12;
  const MAX_HITS = 200;
  const ATTRACT_EVERY_MS = 12000;
  const params = new URLSearchParams(location.search);
  // Operators may set the idle time in seconds: index.html?idle=120.
  const IDLE_MS = Math.max(5, Math.min(3600, +params.get('idle') || 60)) * 1000;
  // index.html?strict=1: every word literally, no closest matches (best
  // match, the default, forgives forms of a word and misspellings).
  const STRICT = params.get('strict') === '1';
  /** The most words a search holds (MAX_TERMS, MAX_STRICT_TERMS in the core). */
  const MAX_WORDS = STRICT ? 8 : 32;
  const TRIES = ['SoftBank', '"surely know"', 'Little Finger', 'Stargate $500 billion', 'who called Altman a liar', 'Ellison', 'lawsuits', 'Trump'];
  const KIND_LABEL = {
    quote: 'Quote', event: 'Event', figure: 'Figure', entity: 'Who', discrepancy: 'Disagreement', source: 'Article',
  };
  const MEDIUM = {
    'x-post': 'post on X', 'x-repost': 'repost on X', 'press-conference': 'press conference',
    'remarks-to-reporters': 'remarks to reporters', 'congressional-testimony': 'testimony to Congress',
    'tv-interview': 'TV interview', statement: 'statement', lawsuit: 'lawsuit', article: 'article',
    unknown: 'medium not stated',
  };
  const QUALIFIER = {
    exact: '', about: 'about ', 'at-least': 'at least ', over: 'over ', under: 'under ', 'up-to': 'up to ',
    'less-than': 'less than ',
  };
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];

  const kiosk = (window.feudKiosk = { ready: false, timings: [], last: null, keydownAt: null });
  const state = { view: 'search', kinds: 63, limit: PAGE, stack: [], opener: null };
  let feud = null;

  // ----- building elements ---------------------------------------------------

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      // Through the CSSOM: the CSP refuses style attributes.
      else if (k === 'style') for (const [prop, val] of Object.entries(v)) e.style.setProperty(prop, val);
      else if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
    return e;
  }

  /** ["plain", "marked", "plain", …] as text with <mark>s. */
  function marked(parts) {
    const f = document.createDocumentFragment();
    (parts || []).forEach((p, i) => { if (p) f.append(i % 2 ? el('mark', null, p) : p); });
    return f;
  }

  function fmtDate(d) {
    if (!d) return 'undated';
    const [y, m, day] = d.date.split('-');
    if (d.precision === 'year') return y;
    if (d.precision === 'month') return `${MONTHS[+m - 1]} ${y}`;
    return `${+day} ${MONTHS[+m - 1]} ${y}`;
  }

  /** A date, with "(inferred)" and how, for people. */
  function dateLine(d) {
    return el('span', { class: 'date' }, fmtDate(d), d && d.inferred ? el('span', { class: 'inferred' }, ' (inferred)') : null);
  }

  function fmtFigure(c) {
    const n = Number(c.value);
    let s;
    if (c.unit === 'USD') {
      const big = [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']].find(([v]) => Math.abs(n) >= v);
      s = big ? `$${+(n / big[0]).toPrecision(4)} ${big[1]}` : `$${n.toLocaleString('en-US')}`;
    } else {
      s = `${n.toLocaleString('en-US')} ${c.unit}`;
    }
    return (QUALIFIER[c.qualifier] || '') + s;
  }

  function sourceName(s) {
    return s.outlet || `Article ${s.key.slice(0, 3)}`;
  }

  /** One source article: outlet, headline, file, date. */
  function sourceItem(s) {
    return el('li', { class: 'source' },
      el('strong', null, sourceName(s)),
      s.headline ? [' ', el('q', null, s.headline)] : null,
      ' ', el('span', { class: 'file' }, s.file),
      s.published ? [' · ', dateLine(s.published)] : null);
  }

  function sourceList(sources, label) {
    return el('ul', { class: 'sources', 'aria-label': label || 'Sources' }, sources.filter(Boolean).map(sourceItem));
  }

  /** A button opening another record's card. */
  function recordLink(r) {
    if (!r) return null;
    const who = r.speaker ? `${r.speaker.name}: ` : '';
    const text = r.kind === 'quote' ? `${who}“${r.label}”` : r.label;
    return el('button', {
      type: 'button', class: 'link', 'data-kind': r.kind, 'data-index': r.index,
      on: { click: () => openRecord(r.kind, r.index, true) },
    }, el('span', { class: `badge k-${r.kind}` }, KIND_LABEL[r.kind]), ' ', text);
  }

  function entityLink(e) {
    return e ? recordLink({ kind: 'entity', index: e.index, label: e.name }) : null;
  }

  function section(title, ...body) {
    const content = body.flat().filter(Boolean);
    if (!content.length) return null;
    return el('section', { class: 'part' }, el('h3', null, title), content);
  }

  function links(records) {
    const items = (records || []).filter(Boolean);
    return items.length ? el('ul', { class: 'links' }, items.map((r) => el('li', null, recordLink(r)))) : null;
  }

  // ----- search ----------------------------------------------------------------

  /** What was found, in words: how many records have every word, or that
   * none does and these are the closest matches; above it, a "Did you mean"
   * button that runs the query respelled. */
  function renderSummary(res) {
    const s = $('summary');
    if (res.error) {
      s.textContent = res.error.code === 'too-many-terms' ? `That is more words than a search can hold (at most ${MAX_WORDS}).`
        : res.error.code === 'query-too-long' ? 'That search is too long (at most 256 letters).'
          : res.error.message;
      return;
    }
    const parts = [];
    if (res.suggestion) {
      parts.push(el('button', {
        type: 'button', class: 'suggestion',
        on: { click: () => search(res.suggestion, true) },
      }, 'Did you mean: ', el('strong', null, res.suggestion), '?'));
    }
    const n = (k) => (k === 1 ? '1 record' : `${k} records`);
    if (res.total === 0 && res.returned > 0) parts.push('No record has every word; closest matches:');
    else if (res.total === 0) parts.push(STRICT ? 'No record has every word. Try fewer words, or a word’s beginning with *.'
      : 'No record matches these words. Try other words, or a word’s beginning with *.');
    else if (res.partial > 0) parts.push(`${n(res.total)} with every word, then the closest matches`);
    else parts.push(n(res.total));
    s.replaceChildren(...parts);
  }

  /** The hits, complete ones first (as the core ranks them); when some
   * records have every word, a heading sets the closest matches apart. */
  function renderHits(res) {
    const items = [];
    (res.hits || []).forEach((h, i, all) => {
      if (!h.complete && res.total > 0 && (i === 0 || all[i - 1].complete)) {
        items.push(el('li', { class: 'closest' }, el('h2', null, 'Closest matches, without every word')));
      }
      items.push(hitItem(h));
    });
    $('results').replaceChildren(...items);
  }

  function hitItem(h) {
    const quote = h.kind === 'quote';
    const meta = [];
    if (quote) meta.push(marked(h.speaker), ' · ');
    meta.push(dateLine(h.dating));
    if (quote) meta.push(' · ', MEDIUM[h.medium] || h.medium);
    return el('li', null, el('button', {
      type: 'button', class: h.complete ? 'hit' : 'hit partial', 'data-kind': h.kind, 'data-index': h.index,
      'data-complete': String(!!h.complete),
      on: { click: () => openRecord(h.kind, h.index, false) },
    },
    el('span', { class: `badge k-${h.kind}` }, KIND_LABEL[h.kind]),
    el('span', { class: quote ? 'hit-label quoted' : 'hit-label' }, marked(h.label)),
    el('span', { class: 'hit-meta' }, meta),
    h.detail ? el('span', { class: 'hit-detail' }, h.detail.cut_before ? '…' : '', marked(h.detail.text), h.detail.cut_after ? '…' : '') : null));
  }

  function showHome(on) {
    $('home').hidden = !on;
    $('results').hidden = on;
    if (on) {
      $('summary').textContent = '';
      $('results').replaceChildren();
      $('more').hidden = true;
    }
  }

  /** Runs the search in the box and shows its results; `t0` is when the
   * keystroke happened. Whatever the box holds, it shows an answer or a
   * message and never throws: the page stays usable. */
  function runSearch(t0) {
    const called = performance.now();
    const start = typeof t0 === 'number' ? t0 : called;
    const q = $('q').value;
    let res = null;
    let engine = null;
    try {
      if (!q.trim()) {
        showHome(true);
      } else {
        const before = performance.now();
        res = feud.search(q, { kinds: state.kinds, limit: state.limit, asYouType: true, strict: STRICT });
        engine = performance.now() - before;
        if (res.error && res.error.code === 'empty-query') {
          showHome(true);
        } else {
          showHome(false);
          renderSummary(res);
          renderHits(res);
          // More: complete matches not shown yet, or a page full of closest ones.
          const more = !res.error && (res.returned - res.partial < res.total || (res.partial > 0 && res.returned >= state.limit));
          $('more').hidden = !more || state.limit >= MAX_HITS;
        }
      }
    } catch (e) {
      res = { error: { code: 'page', message: `That search could not be shown (${e && e.message ? e.message : e}). Try another.` } };
      showHome(false);
      renderSummary(res);
      $('results').replaceChildren();
      $('more').hidden = true;
    }
    const end = performance.now();
    const ms = end - start;
    kiosk.timings.push(ms);
    // ms: from the input event (the browser has put the character in the
    // box) to the results in the page; handler_ms:
    // this function alone; search_ms: the module's search and the parsing of
    // its answer.
    // keystroke_ms: from the key's keydown event (its time is the key
    // press's own), when a physical key caused this search.
    const key = kiosk.keydownAt;
    kiosk.keydownAt = null;
    kiosk.last = {
      query: q,
      ms,
      keystroke_ms: typeof t0 === 'number' && key !== null && key <= start && start - key < 1000 ? end - key : null,
      handler_ms: end - called,
      search_ms: engine,
      total: res && !res.error ? res.total : null,
      partial: res && !res.error ? res.partial : null,
      suggestion: res && !res.error ? res.suggestion : null,
      error: res && res.error ? res.error.code : null,
    };
  }

  function setKinds(bits) {
    state.kinds = bits;
    state.limit = PAGE;
    document.querySelectorAll('.chip[data-kinds]').forEach((c) => c.setAttribute('aria-pressed', String(+c.dataset.kinds === bits)));
    runSearch();
  }

  /** Searches for `q` as if typed; `focus` puts the focus in the box (the
   * button pressed may be gone once the results change). */
  function search(q, focus) {
    showView('search');
    $('q').value = q;
    state.limit = PAGE;
    runSearch();
    if (focus) $('q').focus();
  }

  // ----- on-screen keyboard -------------------------------------------------------

  function buildKeyboard() {
    const rows = ['1234567890', 'qwertyuiop', 'asdfghjkl\'', 'zxcvbnm-$*'];
    const type = (s) => {
      const q = $('q');
      const at = q.selectionStart ?? q.value.length;
      const end = q.selectionEnd ?? at;
      q.value = (q.value.slice(0, at) + s + q.value.slice(end)).slice(0, 256);
      q.setSelectionRange(at + s.length, at + s.length);
      q.dispatchEvent(new Event('input', { bubbles: true }));
    };
    // Out of the tab order: it is for touch; a keyboard user has a keyboard.
    const key = (label, name, f, cls) => el('button', {
      type: 'button', class: `key ${cls || ''}`, 'aria-label': name, tabindex: -1, on: { click: f },
    }, label);
    const kbd = $('kbd');
    for (const row of rows) {
      kbd.append(el('div', { class: 'krow' }, [...row].map((c) => key(c, c, () => type(c)))));
    }
    kbd.append(el('div', { class: 'krow' },
      key('"', 'quotation mark', () => type('"')),
      key('space', 'space', () => type(' '), 'wide'),
      key('⌫', 'delete', () => {
        const q = $('q');
        const at = q.selectionStart ?? q.value.length;
        const from = q.selectionEnd !== at ? at : Math.max(0, at - 1);
        q.value = q.value.slice(0, from) + q.value.slice(q.selectionEnd ?? at);
        q.setSelectionRange(from, from);
        q.dispatchEvent(new Event('input', { bubbles: true }));
      }),
      key('clear', 'clear the search', () => { $('q').value = ''; type(''); })));
    const toggle = $('kbd-toggle');
    const show = (on) => { kbd.hidden = !on; toggle.setAttribute('aria-expanded', String(on)); };
    toggle.addEventListener('click', () => show(kbd.hidden));
    show(window.matchMedia('(pointer: coarse)').matches);
  }

  // ----- record cards ---------------------------------------------------------------

  function cardBody(c) {
    const title = (kicker, text, cls) => el('h2', { id: 'card-title', class: cls }, el('span', { class: `badge k-${c.kind}` }, kicker), ' ', text);
    const parts = [];
    switch (c.kind) {
      case 'quote':
        parts.push(title('Quote', el('span', { class: 'quoted' }, c.text), 'card-quote'),
          el('p', { class: 'who' }, '— ', entityLink(c.speaker), ', ', dateLine(c.dating), ', ', MEDIUM[c.medium] || c.medium),
          c.dating && c.dating.inferred ? el('p', { class: 'note' }, el('strong', null, 'How the date was worked out: '), c.dating.note) : null,
          c.context ? el('p', { class: 'context' }, c.context) : null,
          section('Printed exactly like this in', sourceList(c.text_sources)),
          section('Printed differently in', c.variants.map((v) => el('div', { class: 'variant' },
            el('p', { class: 'quoted' }, v.text), sourceList(v.sources)))),
          section('In reply to', links([c.reply_to])),
          section('Replies', links(c.replies)),
          threadPart(c),
          section('Said at', links(c.events)));
        break;
      case 'event':
        parts.push(title('Event', c.title),
          el('p', { class: 'who' }, dateLine(c.dating)),
          c.dating && c.dating.inferred ? el('p', { class: 'note' }, el('strong', null, 'How the date was worked out: '), c.dating.note) : null,
          el('p', { class: 'context' }, c.summary),
          section('Who took part', links(c.participants.filter(Boolean).map((e) => ({ kind: 'entity', index: e.index, label: e.name })))),
          section('Quotes', links(c.quotes)));
        break;
      case 'figure':
        parts.push(title('Figure', c.refers_to),
          el('p', { class: 'figure' }, fmtFigure(c)),
          c.dating ? el('p', { class: 'who' }, dateLine(c.dating)) : null,
          section('Claimed by', links(c.claimed_by.filter(Boolean).map((e) => ({ kind: 'entity', index: e.index, label: e.name })))),
          section('Disputed by', links(c.disputed_by.filter(Boolean).map((e) => ({ kind: 'entity', index: e.index, label: e.name })))),
          section('How each article puts it', el('ul', { class: 'phrasings' }, c.phrasings.map((p) => el('li', null,
            el('q', null, p.text), ' — ', el('strong', null, sourceName(p.source)), ' ', el('span', { class: 'file' }, p.source.file))))));
        break;
      case 'discrepancy':
        parts.push(title('Where the articles disagree', c.title),
          el('p', { class: 'context' }, c.description),
          section('Each side', sides(c.sides)),
          section('About', links(c.related)));
        break;
      case 'entity':
        parts.push(title('Who', c.name),
          el('p', { class: 'who' }, c.entity_kind),
          section('Roles', c.roles.length ? el('ul', null, c.roles.map((r) => el('li', null, r))) : null),
          section('Also called', c.aliases.length ? el('p', null, c.aliases.join(' · ')) : null),
          c.notes ? el('p', { class: 'context' }, c.notes) : null,
          section('Quotes', links(c.quotes)));
        break;
      case 'source':
        parts.push(title('Article', c.headline || sourceName(c)),
          el('p', { class: 'who' }, el('strong', null, sourceName(c)), ' ', el('span', { class: 'file' }, c.file),
            c.dating ? [' · published ', dateLine(c.dating)] : null),
          c.notes ? el('p', { class: 'context' }, c.notes) : null,
          el('p', null, `The facts take ${c.cited_by.quote} quotes, ${c.cited_by.event} events and ${c.cited_by.figure} figures from it.`));
        break;
      default:
        parts.push(title(c.kind, c.label));
    }
    parts.push(section('Where the articles disagree about this', links(c.disagreements)));
    if (c.kind !== 'source') parts.push(section(c.sources.length === 1 ? 'Source article' : `Source articles (${c.sources.length})`, sourceList(c.sources)));
    return parts.filter(Boolean);
  }

  function sides(list) {
    return el('ul', { class: 'sides' }, list.map((s) => el('li', { class: 'side' },
      el('p', { class: 'side-who' }, el('strong', null, sourceName(s.source)), ' ', el('span', { class: 'file' }, s.source.file)),
      el('p', null, s.claim))));
  }

  /** A quote's reply thread, when it has one. */
  function threadPart(c) {
    if (!c.reply_to && !c.replies.length) return null;
    const t = feud.thread(c.index);
    if (t.error) return null;
    return section('The thread', el('ol', { class: 'thread' }, t.quotes.map((q) => el('li', { style: { '--depth': String(q.depth) } },
      q.index === c.index ? el('p', { class: 'here' }, el('strong', null, q.speaker.name), ': ', el('span', { class: 'quoted' }, q.text))
        : recordLink({ kind: 'quote', index: q.index, label: q.text, speaker: q.speaker })))));
  }

  function openRecord(kind, index, push) {
    const c = feud.record(kind, index);
    if (c.error) return;
    const dlg = $('card');
    if (!dlg.open) {
      state.opener = document.activeElement;
      state.stack = [];
    }
    if (!push) state.stack = [];
    state.stack.push({ kind, index });
    $('card-body').replaceChildren(...cardBody(c));
    $('card-back').hidden = state.stack.length < 2;
    if (!dlg.open) dlg.showModal();
    dlg.scrollTop = 0;
    $('card-body').scrollTop = 0;
    $('card-close').focus();
  }

  function back() {
    if (state.stack.length < 2) return;
    state.stack.pop();
    const { kind, index } = state.stack.pop();
    openRecord(kind, index, true);
  }

  function closeCard() {
    const dlg = $('card');
    if (dlg.open) dlg.close();
  }

  // ----- browsing views -----------------------------------------------------------------

  function showView(name) {
    state.view = name;
    for (const v of ['search', 'timeline', 'thread', 'disagree']) $(`view-${v}`).hidden = v !== name;
    document.querySelectorAll('.tab').forEach((t) => {
      if (t.dataset.view === name) t.setAttribute('aria-current', 'page');
      else t.removeAttribute('aria-current');
    });
    if (name === 'timeline' && !$('timeline').childElementCount) renderTimeline();
    if (name === 'thread' && !$('conversation').childElementCount) renderConversation();
    if (name === 'disagree' && !$('disagreements').childElementCount) renderDisagreements();
    window.scrollTo(0, 0);
  }

  function timelineItem(r) {
    const who = r.speaker ? el('span', { class: 'tl-who' }, r.speaker.name) : null;
    return el('li', { class: 'tl-item' }, el('button', {
      type: 'button', class: 'tl', 'data-kind': r.kind, 'data-index': r.index,
      on: { click: () => openRecord(r.kind, r.index, false) },
    }, el('span', { class: 'tl-date' }, dateLine(r.dating)),
    el('span', { class: `badge k-${r.kind}` }, KIND_LABEL[r.kind]),
    el('span', { class: r.kind === 'quote' ? 'tl-label quoted' : 'tl-label' }, r.label), who));
  }

  function renderTimeline() {
    const t = feud.timeline();
    const out = [];
    let year = null;
    for (const r of t.items || []) {
      const y = r.dating.date.slice(0, 4);
      if (y !== year) {
        year = y;
        out.push(el('li', { class: 'tl-year' }, el('h3', null, y)));
      }
      out.push(timelineItem(r));
    }
    $('timeline').replaceChildren(...out);
  }

  /** The first words of `s`, at most about `n` characters, cut at a space. */
  function shorten(s, n) {
    if (s.length <= n) return s;
    const cut = s.lastIndexOf(' ', n);
    return `${s.slice(0, cut > 0 ? cut : n)}…`;
  }

  function renderConversation() {
    // Only what is dated to the day: a record dated "January 2025" overlaps
    // the range but cannot be placed in the conversation.
    const items = (feud.timeline(EXCHANGE[0], EXCHANGE[1]).items || []).filter((r) => r.dating.precision === 'day');
    const quotes = items.filter((r) => r.kind === 'quote');
    const byIndex = new Map(quotes.map((q) => [q.index, q]));
    const left = quotes.length ? quotes[0].speaker.index : -1;
    $('conversation').replaceChildren(...items.map((r) => {
      if (r.kind !== 'quote') {
        return el('li', { class: 'conv-event' }, el('button', {
          type: 'button', class: 'link', 'data-kind': r.kind, 'data-index': r.index,
          on: { click: () => openRecord(r.kind, r.index, false) },
        }, el('span', { class: `badge k-${r.kind}` }, KIND_LABEL[r.kind]), ' ', fmtDate(r.dating), ': ', r.label));
      }
      const parent = r.reply_to !== null ? byIndex.get(r.reply_to) : null;
      return el('li', { class: `bubble ${r.speaker.index === left ? 'left' : 'right'}` }, el('button', {
        type: 'button', class: 'bubble-body', 'data-kind': 'quote', 'data-index': r.index,
        on: { click: () => openRecord('quote', r.index, false) },
      },
      el('span', { class: 'bubble-who' }, r.speaker.name),
      parent ? el('span', { class: 'bubble-reply' }, `↩ replying to ${parent.speaker.name}: “${shorten(parent.label, 60)}”`) : null,
      el('span', { class: 'bubble-text' }, r.label),
      el('span', { class: 'bubble-meta' }, dateLine(r.dating), ' · ', MEDIUM[r.medium] || r.medium)));
    }));
  }

  function renderDisagreements() {
    const d = feud.disagreements();
    $('disagreements').replaceChildren(...(d.items || []).map((x) => el('li', { class: 'disagreement' },
      el('h3', null, x.title),
      el('p', null, x.description),
      sides(x.sides),
      el('button', {
        type: 'button', class: 'secondary', 'data-kind': 'discrepancy', 'data-index': x.index,
        on: { click: () => openRecord('discrepancy', x.index, false) },
      }, 'What it is about'))));
  }

  function renderHome() {
    const c = feud.quoteOfTheDay(daysSinceEpoch());
    if (!c.error) {
      $('qotd').replaceChildren(el('button', {
        type: 'button', class: 'qotd', 'data-kind': 'quote', 'data-index': c.index,
        on: { click: () => openRecord('quote', c.index, false) },
      }, el('span', { class: 'qotd-text quoted' }, c.text),
      el('span', { class: 'qotd-who' }, `— ${c.speaker ? c.speaker.name : ''}, `, dateLine(c.dating))));
    }
    $('tries').replaceChildren(...TRIES.map((q) => el('button', {
      type: 'button', class: 'chip', on: { click: () => search(q) },
    }, q)));
    const s = feud.stats();
    if (!s.error) {
      const n = s.counts;
      $('about').textContent = `${n.quote} quotes, ${n.event} events, ${n.figure} figures, ${n.entity} people and organisations and ${n.discrepancy} disagreements, each citing the ${n.source} news articles it comes from. Works offline: nothing leaves this screen.`;
    }
  }

  function daysSinceEpoch() {
    const now = new Date();
    return Math.floor(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000);
  }

  // ----- attract mode ---------------------------------------------------------------------

  let idleTimer = 0;
  let cycleTimer = 0;
  let attractSeed = 0;
  // The touch that ends the attract mode must not also press what lay under it.
  let swallowClicksUntil = 0;

  function showAttractQuote() {
    const c = feud.quoteOfTheDay(attractSeed++);
    if (c.error) return;
    const q = $('attract-quote');
    q.classList.remove('fade');
    q.textContent = c.text;
    $('attract-who').replaceChildren(`— ${c.speaker ? c.speaker.name : ''}, `, fmtDate(c.dating),
      ` · ${c.sources.map(sourceName).join(', ')}`);
    void q.offsetWidth; // restart the fade (none when motion is reduced)
    q.classList.add('fade');
  }

  function startAttract() {
    closeCard();
    attractSeed = daysSinceEpoch();
    $('attract').hidden = false;
    document.body.classList.add('attracting');
    showAttractQuote();
    cycleTimer = setInterval(showAttractQuote, ATTRACT_EVERY_MS);
  }

  /** The next visitor gets a clean screen. */
  function stopAttract() {
    clearInterval(cycleTimer);
    $('attract').hidden = true;
    document.body.classList.remove('attracting');
    $('q').value = '';
    setKinds(63);
    showView('search');
    $('q').focus();
  }

  function activity(e) {
    if (!$('attract').hidden) {
      e.preventDefault();
      e.stopPropagation();
      swallowClicksUntil = performance.now() + 700;
      stopAttract();
    }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(startAttract, IDLE_MS);
  }

  // ----- start -----------------------------------------------------------------------------------

  function wire() {
    $('q').addEventListener('input', (e) => { state.limit = PAGE; runSearch(e.timeStamp); });
    $('q').addEventListener('keydown', (e) => {
      kiosk.keydownAt = e.timeStamp;
      if (e.key === 'Escape') { $('q').value = ''; runSearch(); }
    });
    $('clear').addEventListener('click', () => { $('q').value = ''; runSearch(); $('q').focus(); });
    $('more').addEventListener('click', () => { state.limit = Math.min(MAX_HITS, state.limit + PAGE); runSearch(); });
    document.querySelectorAll('.chip[data-kinds]').forEach((c) => c.addEventListener('click', () => setKinds(+c.dataset.kinds)));
    document.querySelectorAll('.tab').forEach((t) => t.addEventListener('click', () => showView(t.dataset.view)));
    $('card-close').addEventListener('click', closeCard);
    $('card-back').addEventListener('click', back);
    $('card').addEventListener('click', (e) => { if (e.target === $('card')) closeCard(); });
    $('card').addEventListener('close', () => {
      state.stack = [];
      if (state.opener && state.opener.isConnected) state.opener.focus();
    });
    for (const ev of ['pointerdown', 'keydown', 'wheel', 'touchstart']) {
      document.addEventListener(ev, activity, { capture: true, passive: ev !== 'pointerdown' && ev !== 'keydown' });
    }
    document.addEventListener('click', (e) => {
      if (performance.now() < swallowClicksUntil) {
        e.preventDefault();
        e.stopPropagation();
      }
    }, { capture: true });
    idleTimer = setTimeout(startAttract, IDLE_MS);
  }

  async function openFromHash() {
    const key = decodeURIComponent(location.hash.slice(1));
    if (!key || key === 'q') return;
    const r = feud.findKey(key);
    if (!r.error) openRecord(r.kind, r.index, false);
  }

  Feudfacts.load().then((f) => {
    feud = f;
    if (STRICT) $('q-help').textContent = 'Every word must match as typed. Put words in quotes for a phrase; end a word with * for any ending.';
    buildKeyboard();
    wire();
    renderHome();
    showHome(true);
    openFromHash();
    window.addEventListener('hashchange', openFromHash);
    kiosk.feud = f;
    kiosk.ready = true;
    document.documentElement.dataset.ready = 'true';
  }).catch((e) => {
    const f = $('fatal');
    f.hidden = false;
    f.textContent = `The facts could not be loaded in this browser (${e && e.message ? e.message : e}).`;
  });
})();
