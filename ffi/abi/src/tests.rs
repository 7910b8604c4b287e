//! Tests across the nouns: the header's limits against the core's, record
//! indexes kept 32-bit through every function, and search through the C ABI
//! against the core's.

use core::ffi::c_char;
use core::mem::MaybeUninit;
use core::ptr;

use feudfacts::{Corpus, Filter, Hit};

use crate::*;

#[test]
fn version_macros_match_the_package() {
    assert_eq!(
        FEUD_VERSION_MAJOR.to_string(),
        env!("CARGO_PKG_VERSION_MAJOR")
    );
    assert_eq!(
        FEUD_VERSION_MINOR.to_string(),
        env!("CARGO_PKG_VERSION_MINOR")
    );
    assert_eq!(
        FEUD_VERSION_PATCH.to_string(),
        env!("CARGO_PKG_VERSION_PATCH")
    );
    assert_eq!(FEUD_MAX_QUERY_LEN as usize, feudfacts::MAX_QUERY_LEN);
    assert_eq!(FEUD_MAX_TERMS as usize, feudfacts::MAX_TERMS);
    assert_eq!(
        FEUD_MAX_THREAD_DEPTH as usize,
        feudfacts::format::MAX_THREAD_DEPTH
    );
    assert_eq!(FEUD_MAX_RECORDS, feudfacts::format::MAX_RECORDS);
}

/// Indexes are `u32` end to end: an index past `u16::MAX` whose low 16
/// bits name a real record is refused, never read as that record.
#[test]
fn indexes_above_u16_max_are_not_truncated() {
    let c = feud_embedded();
    let core = Corpus::embedded();
    let q = core.quotes_by(0).next().map_or(0, |(i, _)| i);
    let wide = 0x1_0000 + q;
    let mut quote = MaybeUninit::<feud_quote>::uninit();
    let mut entity = MaybeUninit::<feud_entity>::uninit();
    let mut s = MaybeUninit::<feud_str>::uninit();
    let mut n = 0usize;
    let mut item = MaybeUninit::<feud_item>::uninit();
    let mut id = 0u32;
    let mut t = MaybeUninit::<feud_thread_entry>::uninit();
    let mut buf = [0 as c_char; 64];
    let mut sum = feud_summary::default();
    let filter = feud_filter {
        has_entity: true,
        entity: 0x1_0000,
        ..feud_filter::default()
    };
    // SAFETY: valid pointers to locals, or NULL where allowed.
    unsafe {
        assert_eq!(feud_get_quote(c, q, quote.as_mut_ptr()), FEUD_OK);
        assert_eq!(
            feud_get_quote(c, wide, quote.as_mut_ptr()),
            FEUD_ERR_NOT_FOUND
        );
        assert_eq!(
            feud_get_entity(c, 0x1_0000, entity.as_mut_ptr()),
            FEUD_ERR_NOT_FOUND
        );
        assert_eq!(
            feud_key(c, FEUD_KIND_QUOTE, wide, s.as_mut_ptr()),
            FEUD_ERR_NOT_FOUND
        );
        assert_eq!(
            feud_list_len(c, FEUD_KIND_QUOTE, wide, FEUD_LIST_SOURCES, &mut n),
            FEUD_ERR_NOT_FOUND
        );
        assert_eq!(
            feud_list_item(
                c,
                FEUD_KIND_QUOTE,
                wide,
                FEUD_LIST_SOURCES,
                0,
                item.as_mut_ptr()
            ),
            FEUD_ERR_NOT_FOUND
        );
        assert_eq!(
            feud_variant_source(c, wide, 0, 0, &mut id),
            FEUD_ERR_NOT_FOUND
        );
        assert_eq!(feud_quote_by(c, 0x1_0000, 0, &mut id), FEUD_ERR_NOT_FOUND);
        assert_eq!(feud_thread(c, wide, 0, t.as_mut_ptr()), FEUD_ERR_NOT_FOUND);
        assert_eq!(
            feud_format_line(
                c,
                FEUD_KIND_QUOTE,
                wide,
                buf.as_mut_ptr(),
                buf.len(),
                ptr::null_mut()
            ),
            FEUD_ERR_NOT_FOUND
        );
        assert_eq!(
            feud_search(
                c,
                c"softbank".as_ptr(),
                &filter,
                ptr::null_mut(),
                0,
                &mut sum
            ),
            FEUD_ERR_NOT_FOUND
        );
        let mut hit = MaybeUninit::<feud_hit>::uninit();
        let st = feud_search(
            c,
            c"softbank secured".as_ptr(),
            ptr::null(),
            hit.as_mut_ptr(),
            1,
            &mut sum,
        );
        assert_eq!((st, sum.returned), (FEUD_OK, 1));
        let mut hit = hit.assume_init();
        assert_eq!(feud_hit_text(c, &hit, s.as_mut_ptr()), FEUD_OK);
        hit.record.index += 0x1_0000;
        assert_eq!(feud_hit_text(c, &hit, s.as_mut_ptr()), FEUD_ERR_NOT_FOUND);
    }
}

#[test]
fn search_matches_the_core() {
    let mut hits = [MaybeUninit::<feud_hit>::uninit(); 3];
    let mut sum = feud_summary::default();
    // SAFETY: valid pointers to local buffers.
    let st = unsafe {
        feud_search(
            feud_embedded(),
            c"softbank secured".as_ptr(),
            ptr::null(),
            hits.as_mut_ptr().cast(),
            3,
            &mut sum,
        )
    };
    assert_eq!(st, FEUD_OK);
    let mut core_hits = [Hit::EMPTY; 3];
    let s = Corpus::embedded().search_str("softbank secured", &Filter::NONE, &mut core_hits);
    let s = s.unwrap();
    assert_eq!((sum.total, sum.returned), (s.total, s.returned));
    for i in 0..s.returned {
        // SAFETY: the first `returned` hits were written.
        let h = unsafe { hits[i].assume_init() };
        assert_eq!(h.record, feud_ref::of(core_hits[i].record));
        assert_eq!((h.start, h.end), (core_hits[i].start, core_hits[i].end));
        assert_eq!(h.field, core_hits[i].field as u8);
    }
}
