/* feudfacts.js: the WebAssembly core as a JavaScript object.
 *
 * feudfacts-wasm.js (written by web/build.sh) defines FEUDFACTS_WASM_GZIP,
 * the module gzipped and base64-encoded: opened from file://, a page may not
 * fetch even a file beside it, but it may run a script beside it. The module
 * is decompressed and compiled here, in memory; it imports nothing.
 *
 * Each method writes its string argument (if any) into the module's input
 * buffer, calls one export, and parses the JSON answer from the output
 * buffer. Answers are plain objects; a refusal is {error: {code, message}}
 * (see web/src/error.rs), never an exception. Should the module ever trap
 * (it is built never to), the call answers {error: {code: 'internal', …}}
 * and a fresh instance of the same module serves the next call. */
'use strict';

(function (global) {
  /** Kind codes, as in the core's format::Kind. */
  const KIND = { source: 0, entity: 1, quote: 2, event: 3, figure: 4, discrepancy: 5 };
  const ALL_KINDS = 0x3f;
  const ANY_ENTITY = 0xffffffff;
  const AS_YOU_TYPE = 1;
  const STRICT = 2;

  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' packed as the core packs dates; 0 for none. */
  function packDate(s) {
    if (!s) return 0;
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
    if (!m) return 1; // not a date: the module refuses it (invalid-argument)
    return ((+m[1]) << 16 | (+(m[2] || 0)) << 8 | (+(m[3] || 0))) >>> 0;
  }

  function base64Bytes(b64) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  async function gunzip(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  class Feudfacts {
    constructor(module, instance) {
      this.module = module;
      this.x = instance.exports;
      this.enc = new TextEncoder();
      this.dec = new TextDecoder();
    }

    /** Runs `f` (which calls the module); a trap or an unreadable answer
     * becomes an error answer, and the next call gets a fresh instance: a
     * trap may leave the old one's buffers half-borrowed. */
    guard(f) {
      try {
        return f();
      } catch (e) {
        this.x = new WebAssembly.Instance(this.module, {}).exports;
        return { error: { code: 'internal', message: `The search engine stopped (${e && e.message ? e.message : e}); it has been restarted.` } };
      }
    }

    /** Writes `s` into the input buffer; its length in bytes, or -1 if too long. */
    input(s) {
      const bytes = this.enc.encode(s);
      const p = this.x.feud_input(bytes.length) >>> 0;
      if (p === 0) return -1;
      // A fresh view: memory may have grown (and its buffer been replaced).
      new Uint8Array(this.x.memory.buffer, p, bytes.length).set(bytes);
      return bytes.length;
    }

    /** Parses the answer of length `len` from the output buffer. */
    output(len) {
      const p = this.x.feud_output() >>> 0;
      return JSON.parse(this.dec.decode(new Uint8Array(this.x.memory.buffer, p, len >>> 0)));
    }

    /** Calls an export (`call(x)`) and parses its answer. */
    answer(call) { return this.guard(() => this.output(call(this.x))); }

    withInput(s, call) {
      return this.guard(() => {
        const n = this.input(s);
        if (n < 0) return { error: { code: 'query-too-long', message: 'input is too long' } };
        return this.output(call(this.x, n));
      });
    }

    /** Ranked hits for `query`: {query, total, returned, partial,
     * suggestion, hits: [...]}. Best match unless `strict`: records with
     * every word first (hit.complete), then the closest matches (the last
     * `partial` hits; with `total` 0, no record has every word); a
     * misspelt query comes with `suggestion`, the query respelled, or null.
     * `asYouType` also reads the last word as a prefix. */
    search(query, opts = {}) {
      const o = Object.assign({ kinds: ALL_KINDS, entity: ANY_ENTITY, from: '', to: '', limit: 20, asYouType: false, strict: false }, opts);
      const flags = (o.asYouType ? AS_YOU_TYPE : 0) | (o.strict ? STRICT : 0);
      return this.withInput(query, (x, n) => x.feud_search(
        n, o.kinds, o.entity, packDate(o.from), packDate(o.to), o.limit, flags));
    }

    /** The card of a record, by kind name and index. */
    record(kind, index) {
      const k = Object.prototype.hasOwnProperty.call(KIND, kind) ? KIND[kind] : 255;
      return this.answer((x) => x.feud_record(k, index >>> 0));
    }

    /** {kind, index} of the record with this key. */
    findKey(key) { return this.withInput(key, (x, n) => x.feud_find_key(n)); }
    /** The dated quotes and events, all or those overlapping from..to. */
    timeline(from = '', to = '') { return this.answer((x) => x.feud_timeline(packDate(from), packDate(to))); }
    /** The reply thread around a quote. */
    thread(quote) { return this.answer((x) => x.feud_thread(quote >>> 0)); }
    /** Every discrepancy between the articles. */
    disagreements() { return this.answer((x) => x.feud_disagreements()); }
    /** The card of the quote of the day for `seed` (e.g. days since 1970). */
    quoteOfTheDay(seed) { return this.answer((x) => x.feud_quote_of_the_day(seed >>> 0)); }
    /** Record counts and the blob's size. */
    stats() { return this.answer((x) => x.feud_stats()); }
  }

  /** Decompresses and instantiates the embedded module. */
  async function load() {
    if (typeof global.FEUDFACTS_WASM_GZIP !== 'string') throw new Error('feudfacts-wasm.js is missing');
    const wasm = await gunzip(base64Bytes(global.FEUDFACTS_WASM_GZIP));
    const module = await WebAssembly.compile(wasm);
    return new Feudfacts(module, await WebAssembly.instantiate(module, {}));
  }

  global.Feudfacts = { load, packDate, KIND, ALL_KINDS };
})(window);
