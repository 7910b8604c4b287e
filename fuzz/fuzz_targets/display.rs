//! Display helpers with arbitrary input: transliteration (ASCII, Latin-1),
//! the bounded writer, word wrapping, and one-line rendering of any record
//! reference into a buffer of any size.
#![no_main]

use feudfacts::{write_line, Corpus, Kind, RecordRef};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/exercise/mod.rs"]
mod exercise;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    cols: u8,
    out_len: u16,
    kind: u8,
    index: u32,
    text: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    exercise::check_display(
        input.text,
        input.cols as usize,
        input.out_len as usize % 600,
    );
    let corpus = Corpus::embedded();
    let r = RecordRef::new(Kind::ALL[input.kind as usize % 6], input.index);
    let mut out = vec![0u8; input.out_len as usize % 600];
    match write_line(&corpus, r, &mut out) {
        Some(need) => {
            assert!(corpus.record(r).is_some());
            let mut full = vec![0u8; need];
            assert_eq!(write_line(&corpus, r, &mut full), Some(need));
            let s = std::str::from_utf8(&full).expect("UTF-8");
            let fit = (0..=out.len().min(need))
                .rev()
                .find(|&i| s.is_char_boundary(i))
                .unwrap_or(0);
            assert_eq!(&out[..fit], &full[..fit]);
            exercise::check_display(s, input.cols as usize, input.out_len as usize % 600);
        }
        None => assert!(corpus.record(r).is_none()),
    }
});
