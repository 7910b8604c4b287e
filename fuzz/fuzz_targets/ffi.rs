//! The C ABI driven with arbitrary arguments: a sequence of calls, each with
//! arbitrary indexes, kinds, lists, queries, filters, dates, buffer sizes and
//! NULL pointers, against the embedded corpus or one opened from (edited)
//! blob bytes. The C ABI is the crate `feudfacts-abi` (`ffi/abi`, the code
//! of `libfeudfacts`), linked and built with the sanitizer like the rest, so
//! the sanitizer sees every access it makes. Every call must return a known
//! status, and every string it hands out must be readable, UTF-8 and
//! NUL-terminated at its length.
#![no_main]
#![allow(clippy::missing_safety_doc)]

use core::ffi::{c_char, CStr};
use core::mem::MaybeUninit;
use core::ptr;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

use feudfacts_abi::*;

#[derive(Arbitrary, Debug)]
enum Op<'a> {
    Open {
        fix_checksum: bool,
        edits: &'a [u8],
    },
    OpenRaw {
        bytes: &'a [u8],
    },
    UseEmbedded,
    Blob,
    Count {
        kind: u8,
    },
    Stats,
    Get {
        kind: u8,
        index: Index,
    },
    ListLen {
        kind: u8,
        index: Index,
        list: u8,
    },
    ListItem {
        kind: u8,
        index: Index,
        list: u8,
        i: u16,
    },
    VariantSource {
        quote: Index,
        variant: Index,
        i: u16,
    },
    Key {
        kind: u8,
        index: Index,
    },
    FindKey {
        key: &'a [u8],
    },
    EntityByName {
        name: &'a [u8],
    },
    QuoteBy {
        speaker: Index,
        i: u16,
    },
    Timeline {
        from: Option<(u16, u8, u8)>,
        to: Option<(u16, u8, u8)>,
        i: u16,
    },
    Thread {
        quote: Index,
        i: u16,
    },
    Random {
        seed: u64,
    },
    Names {
        kind: u8,
        field: u8,
        status: i32,
    },
    Search {
        query: &'a [u8],
        filter: Option<Filter>,
        capacity: u8,
    },
    Cursor {
        query: &'a [u8],
        filter: Option<Filter>,
        steps: u8,
    },
    FormatLine {
        kind: u8,
        index: Index,
        size: u16,
    },
    Translit {
        text: &'a [u8],
        charset: u8,
        size: u16,
    },
    Wrap {
        text: &'a [u8],
        cols: u32,
        size: u16,
    },
}

/// A record index (`uint32_t` in the C ABI): mostly 16 bits, so that real
/// records are found often, and with `high` any 32-bit value, including
/// ones past `u16::MAX` whose low bits name a real record (which must not be
/// read as that record).
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Index {
    low: u16,
    high: Option<u16>,
}

impl Index {
    fn get(self) -> u32 {
        u32::from(self.high.unwrap_or(0)) << 16 | u32::from(self.low)
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
struct Filter {
    kinds: u8,
    has_entity: bool,
    /// Any byte: 0 best, 1 strict, others refused.
    mode: u8,
    entity: Index,
    from: (u16, u8, u8),
    to: (u16, u8, u8),
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    /// Bit i set: pass NULL for the i-th call's out pointer.
    nulls: u64,
    ops: Vec<Op<'a>>,
}

const LAST_STATUS: i32 = 13;

fn status_ok(s: feud_status) -> bool {
    (0..=LAST_STATUS).contains(&(s as i32))
}

/// A handed-out string: readable, NUL-terminated at `len`, UTF-8.
unsafe fn check_str(s: &feud_str) {
    if s.ptr.is_null() {
        assert_eq!(s.len, 0);
        return;
    }
    let bytes = core::slice::from_raw_parts(s.ptr as *const u8, s.len + 1);
    assert_eq!(bytes[s.len], 0, "not NUL-terminated at its length");
    core::str::from_utf8(&bytes[..s.len]).expect("UTF-8");
}

/// Every string of a filled record struct, as `check_str`.
unsafe fn check_strs(strs: &[&feud_str]) {
    for s in strs {
        check_str(s);
    }
}

unsafe fn check_cstr(p: *const c_char) {
    assert!(!p.is_null());
    CStr::from_ptr(p).to_str().expect("UTF-8");
}

fn cstring(bytes: &[u8]) -> Vec<u8> {
    let mut v = bytes.to_vec();
    v.push(0);
    v
}

fn date((year, month, day): (u16, u8, u8)) -> feud_date {
    feud_date { year, month, day }
}

fn filter(f: &Filter) -> feud_filter {
    feud_filter {
        kinds: f.kinds,
        has_entity: f.has_entity,
        mode: f.mode,
        entity: f.entity.get(),
        from: date(f.from),
        to: date(f.to),
    }
}

/// What `feud_search` and `feud_cursor_open` are given: the query,
/// NUL-terminated, and the filter as C sees it.
fn search_args(query: &[u8], f: &Option<Filter>) -> (Vec<u8>, Option<feud_filter>) {
    (cstring(query), f.as_ref().map(filter))
}

fn edit_blob(edits: &[u8]) -> Vec<u8> {
    let mut blob = feudfacts::Corpus::embedded_bytes().to_vec();
    for e in edits.chunks_exact(4) {
        let off = (u32::from_be_bytes([0, e[0] & 0x3f, e[1], e[2]]) as usize) % blob.len();
        match e[0] >> 6 {
            0 => blob[off] ^= e[3],
            1 => blob[off] = e[3],
            2 => blob.insert(off, e[3]),
            _ => {
                blob.remove(off);
            }
        }
    }
    blob
}

/// A call that found record `index` of `kind`: the index is below the
/// kind's count, i.e. it was not cut to a smaller index that exists.
unsafe fn assert_found_within_count(c: *const feud_corpus, kind: u8, index: u32) {
    let mut n = 0usize;
    assert_eq!(feud_count(c, kind, &mut n) as i32, 0);
    assert!(
        (index as usize) < n,
        "index {index} found, but kind {kind} has {n}"
    );
}

/// `p`, or NULL when `null`: the out-pointer a call is given.
fn or_null<T>(null: bool, p: *mut T) -> *mut T {
    if null {
        ptr::null_mut()
    } else {
        p
    }
}

/// An optional argument's pointer, NULL for none.
fn opt_ptr<T>(v: &Option<T>) -> *const T {
    v.as_ref().map_or(ptr::null(), |v| v as *const T)
}

/// The text a hit points into: it must exist, and be a good string.
unsafe fn hit_text(c: *const feud_corpus, h: *const feud_hit) -> feud_str {
    let mut t = MaybeUninit::<feud_str>::uninit();
    assert_eq!(
        feud_hit_text(c, h, t.as_mut_ptr()) as i32,
        0,
        "a hit's text must exist"
    );
    let t = t.assume_init();
    check_str(&t);
    t
}

/// One call writing through an out-pointer, given NULL when `null`: on
/// success `ok` checks what was written.
unsafe fn with_out<T>(
    null: bool,
    call: impl FnOnce(*mut T) -> feud_status,
    ok: impl FnOnce(T),
) -> feud_status {
    let mut o = MaybeUninit::<T>::uninit();
    let s = call(or_null(null, o.as_mut_ptr()));
    if s as i32 == 0 {
        ok(o.assume_init());
    }
    s
}

/// snprintf semantics after a text-writing call: on success or
/// `FEUD_ERR_BUFFER_TOO_SMALL`, any non-empty buffer holds a NUL-terminated
/// UTF-8 prefix, complete or not.
fn check_text_buf(s: feud_status, buf: &[u8]) -> feud_status {
    if matches!(s as i32, 0 | 6) && !buf.is_empty() {
        let end = buf.iter().position(|&b| b == 0).expect("NUL-terminated");
        core::str::from_utf8(&buf[..end]).expect("UTF-8");
    }
    s
}

fuzz_target!(|input: Input<'_>| unsafe {
    // Storage an opened corpus borrows from: every blob is kept alive until
    // the end, since a failed or NULL-refused open may leave the handle as it
    // was (reading an older blob).
    let mut storages: Vec<Vec<u8>> = Vec::new();
    let mut opened = MaybeUninit::<feud_corpus>::zeroed();
    let mut use_opened = false;
    let mut hits: Vec<feud_hit> = Vec::new();

    for (n, op) in input.ops.iter().enumerate().take(64) {
        let null = input.nulls >> (n % 64) & 1 == 1;
        let c: *const feud_corpus = if use_opened {
            opened.as_ptr()
        } else {
            feud_embedded()
        };
        let st: feud_status = match op {
            Op::Open {
                fix_checksum,
                edits,
            } => {
                let mut storage = edit_blob(edits);
                if *fix_checksum {
                    let total = storage.len().min(u32::from_le_bytes([
                        storage[12],
                        storage[13],
                        storage[14],
                        storage[15],
                    ]) as usize);
                    if let Some(sum) = feudfacts::format::checksum(&storage[..total.max(20)]) {
                        storage[16..20].copy_from_slice(&sum.to_le_bytes());
                    }
                }
                use_opened = true;
                hits.clear();
                let s = feud_open(
                    storage.as_ptr(),
                    storage.len(),
                    or_null(null, opened.as_mut_ptr()),
                );
                storages.push(storage);
                s
            }
            Op::OpenRaw { bytes } => {
                let storage = bytes.to_vec();
                use_opened = true;
                hits.clear();
                let p = if null { ptr::null() } else { storage.as_ptr() };
                let s = feud_open(p, storage.len(), opened.as_mut_ptr());
                storages.push(storage);
                s
            }
            Op::UseEmbedded => {
                use_opened = false;
                hits.clear();
                feud_status::FEUD_OK
            }
            Op::Blob => {
                let mut p = ptr::null();
                let mut len = 0usize;
                let s = feud_blob(c, &mut p, or_null(null, &mut len));
                if s as i32 == 0 {
                    let b = core::slice::from_raw_parts(p, len);
                    assert_eq!(&b[..8], b"FEUDFACT");
                }
                s
            }
            Op::Count { kind } => with_out::<usize>(null, |o| feud_count(c, *kind, o), drop),
            Op::Stats => with_out::<feud_stats>(
                null,
                |o| feud_get_stats(c, o),
                |o| assert_eq!(o.counts.iter().sum::<usize>(), o.total_records),
            ),
            Op::Get { kind, index } => {
                let index = &index.get();
                // Each getter, and every string of what it fills.
                macro_rules! get {
                    ($get:ident, [$($($field:ident).+),*]) => {
                        with_out(null, |o| $get(c, *index, o), |o| {
                            check_strs(&[$(&o.$($field).+),*])
                        })
                    };
                }
                let s = match kind % 7 {
                    0 => get!(
                        feud_get_source,
                        [key, outlet, headline, notes, published.note]
                    ),
                    1 => get!(feud_get_entity, [key, name, kind_name, notes]),
                    2 => get!(
                        feud_get_quote,
                        [key, speaker_name, text, medium_name, context, dating.note]
                    ),
                    3 => get!(feud_get_event, [key, title, summary, dating.note]),
                    4 => get!(
                        feud_get_figure,
                        [key, unit, qualifier_name, refers_to, dating.note]
                    ),
                    5 => get!(feud_get_discrepancy, [key, title, description]),
                    _ => {
                        // A NULL corpus handle.
                        let mut o = MaybeUninit::<feud_quote>::uninit();
                        let s = feud_get_quote(ptr::null(), *index, o.as_mut_ptr());
                        assert_eq!(s as i32, 1);
                        s
                    }
                };
                if s as i32 == 0 {
                    assert_found_within_count(c, kind % 7, *index);
                }
                s
            }
            Op::ListLen { kind, index, list } => with_out::<usize>(
                null,
                |o| feud_list_len(c, *kind, index.get(), *list, o),
                |_| assert_found_within_count(c, *kind, index.get()),
            ),
            Op::ListItem {
                kind,
                index,
                list,
                i,
            } => with_out::<feud_item>(
                null,
                |o| feud_list_item(c, *kind, index.get(), *list, *i as usize, o),
                |o| check_str(&o.text),
            ),
            Op::VariantSource { quote, variant, i } => with_out::<u32>(
                null,
                |o| feud_variant_source(c, quote.get(), variant.get(), *i as usize, o),
                |_| assert_found_within_count(c, FEUD_KIND_QUOTE, quote.get()),
            ),
            Op::Key { kind, index } => with_out::<feud_str>(
                null,
                |o| feud_key(c, *kind, index.get(), o),
                |o| {
                    check_str(&o);
                    assert_found_within_count(c, *kind, index.get());
                },
            ),
            Op::FindKey { key } => {
                let k = cstring(key);
                let mut o = MaybeUninit::<feud_ref>::uninit();
                let kp = if null {
                    ptr::null()
                } else {
                    k.as_ptr() as *const c_char
                };
                feud_find_key(c, kp, o.as_mut_ptr())
            }
            Op::EntityByName { name } => {
                let k = cstring(name);
                with_out::<u32>(
                    null,
                    |o| feud_entity_by_name(c, k.as_ptr() as *const c_char, o),
                    drop,
                )
            }
            Op::QuoteBy { speaker, i } => with_out::<u32>(
                null,
                |o| feud_quote_by(c, speaker.get(), *i as usize, o),
                drop,
            ),
            Op::Timeline { from, to, i } => {
                let f = from.map(date);
                let t = to.map(date);
                with_out::<feud_entry>(
                    null,
                    |o| feud_timeline(c, opt_ptr(&f), opt_ptr(&t), *i as usize, o),
                    drop,
                )
            }
            Op::Thread { quote, i } => with_out::<feud_thread_entry>(
                null,
                |o| feud_thread(c, quote.get(), *i as usize, o),
                |_| assert_found_within_count(c, FEUD_KIND_QUOTE, quote.get()),
            ),
            Op::Random { seed } => with_out::<u32>(null, |o| feud_random_quote(c, *seed, o), drop),
            Op::Names {
                kind,
                field,
                status,
            } => {
                check_cstr(feud_kind_name(*kind));
                check_cstr(feud_field_name(*field));
                check_cstr(feud_status_str(*status));
                check_cstr(feud_version());
                feud_status::FEUD_OK
            }
            Op::Search {
                query,
                filter: f,
                capacity,
            } => {
                let (q, f) = search_args(query, f);
                hits =
                    vec![MaybeUninit::<feud_hit>::zeroed().assume_init(); *capacity as usize % 32];
                let mut sum = MaybeUninit::<feud_summary>::uninit();
                let s = feud_search(
                    c,
                    q.as_ptr() as *const c_char,
                    opt_ptr(&f),
                    or_null(null, hits.as_mut_ptr()),
                    hits.len(),
                    sum.as_mut_ptr(),
                );
                if s as i32 == 0 {
                    if let Some(f) = f.as_ref().filter(|f| f.has_entity) {
                        assert_found_within_count(c, FEUD_KIND_ENTITY, f.entity);
                    }
                    assert!(
                        f.as_ref().is_none_or(|f| f.mode <= 1),
                        "an unknown mode is refused"
                    );
                    let sum = sum.assume_init();
                    assert!(sum.returned <= hits.len() && sum.partial <= sum.returned);
                    assert!(sum.returned - sum.partial <= sum.total);
                    for (i, h) in hits[..sum.returned].iter().enumerate() {
                        assert_eq!(h.complete, i < sum.returned - sum.partial, "complete first");
                    }
                    hits.truncate(sum.returned);
                    for h in &hits {
                        let t = hit_text(c, h);
                        assert!(h.start <= h.end && h.end as usize <= t.len);
                    }
                } else {
                    hits.clear();
                }
                s
            }
            Op::Cursor {
                query,
                filter: f,
                steps,
            } => {
                let (q, f) = search_args(query, f);
                let mut cur = Box::new(MaybeUninit::<feud_cursor>::zeroed());
                let s = feud_cursor_open(
                    c,
                    q.as_ptr() as *const c_char,
                    opt_ptr(&f),
                    or_null(null, cur.as_mut_ptr()),
                );
                if s as i32 == 0 {
                    for _ in 0..*steps {
                        let mut h = MaybeUninit::<feud_hit>::uninit();
                        let hs = feud_cursor_next(cur.as_mut_ptr(), h.as_mut_ptr());
                        assert!(status_ok(hs));
                        if hs as i32 != 0 {
                            break;
                        }
                        hit_text(c, h.as_ptr());
                    }
                }
                s
            }
            Op::FormatLine { kind, index, size } => {
                let mut buf = vec![0u8; *size as usize % 512];
                let mut needed = 0usize;
                let s = feud_format_line(
                    c,
                    *kind,
                    index.get(),
                    buf.as_mut_ptr() as *mut c_char,
                    buf.len(),
                    or_null(null, &mut needed),
                );
                check_text_buf(s, &buf)
            }
            Op::Translit {
                text,
                charset,
                size,
            } => {
                let mut buf = vec![0u8; *size as usize % 512];
                let mut needed = 0usize;
                let s = feud_translit(
                    text.as_ptr() as *const c_char,
                    text.len(),
                    *charset,
                    buf.as_mut_ptr() as *mut c_char,
                    buf.len(),
                    or_null(null, &mut needed),
                );
                check_text_buf(s, &buf)
            }
            Op::Wrap { text, cols, size } => {
                let mut buf = vec![0u8; *size as usize % 512];
                let (mut needed, mut lines) = (0usize, 0usize);
                let s = feud_wrap(
                    text.as_ptr() as *const c_char,
                    text.len(),
                    *cols,
                    buf.as_mut_ptr() as *mut c_char,
                    buf.len(),
                    &mut needed,
                    or_null(null, &mut lines),
                );
                check_text_buf(s, &buf)
            }
        };
        assert!(
            status_ok(st),
            "{op:?} returned unknown status {}",
            st as i32
        );
        check_cstr(feud_status_str(st as i32));
    }
});
