//! The compiler rejects mistakes with an error naming the record and the
//! field, and gives identical bytes for identical input.

use feudfacts_compile::{compile, compile_with, Profile};
use std::collections::HashMap;

const BASE: &str = r#"
[[source]]
id = "a1"
[[entity]]
id = "ann"
name = "Ann"
kind = "person"
sources = ["a1"]
[[quote]]
id = "q-hi"
speaker = "ann"
text = "hello there"
sources = ["a1"]
medium = "x-post"
date = "2025-01-22"
"#;

fn error_of(src: &str) -> (String, String, String) {
    let e = compile(src, None).unwrap_err();
    (e.record, e.field, e.message)
}

#[test]
fn a_good_source_compiles_deterministically() {
    let a = compile(BASE, None).unwrap();
    let b = compile(BASE, None).unwrap();
    assert_eq!(a, b);
    assert_eq!(&a.bytes[..8], b"FEUDFACT");
}

#[test]
fn unknown_ids_are_named() {
    let (r, f, m) = error_of(&BASE.replace("speaker = \"ann\"", "speaker = \"bob\""));
    assert_eq!((r.as_str(), f.as_str()), ("q-hi", "speaker"));
    assert!(m.contains("unknown entity id `bob`"), "{m}");
    let (r, f, _) =
        error_of(&BASE.replace("sources = [\"a1\"]\nmedium", "sources = [\"zz\"]\nmedium"));
    assert_eq!((r.as_str(), f.as_str()), ("q-hi", "sources"));
}

#[test]
fn duplicate_ids_are_refused_across_tables() {
    let src = format!(
        "{BASE}\n[[event]]\nid = \"ann\"\ntitle = \"t\"\nsummary = \"s\"\nsources = [\"a1\"]\n"
    );
    let (r, f, m) = error_of(&src);
    assert_eq!((r.as_str(), f.as_str()), ("ann", "id"));
    assert!(m.contains("duplicate"));
}

#[test]
fn a_quote_citing_an_article_that_lacks_it_is_refused() {
    let mut articles = HashMap::new();
    articles.insert("a1".to_string(), "Ann said hello there, twice.".to_string());
    assert!(compile(BASE, Some(&articles)).is_ok());
    articles.insert("a1".to_string(), "Ann said hello, there.".to_string());
    let e = compile(BASE, Some(&articles)).unwrap_err();
    assert_eq!((e.record.as_str(), e.field.as_str()), ("q-hi", "text"));
    assert!(e.message.contains("byte-for-byte"));
}

#[test]
fn records_without_sources_are_refused() {
    let (r, f, _) =
        error_of(&BASE.replace("kind = \"person\"\nsources = [\"a1\"]", "kind = \"person\""));
    assert_eq!((r.as_str(), f.as_str()), ("ann", "sources"));
    let src = format!("{BASE}\n[[event]]\nid = \"ev-x\"\ntitle = \"t\"\nsummary = \"s\"\n");
    assert_eq!(error_of(&src).0, "ev-x");
}

#[test]
fn bad_dates_are_refused() {
    for bad in ["2025-02-30", "22 Jan 2025", "2025-13"] {
        let (r, f, _) = error_of(&BASE.replace("2025-01-22", bad));
        assert_eq!((r.as_str(), f.as_str()), ("q-hi", "date"), "{bad}");
    }
    let inferred = BASE.replace(
        "date = \"2025-01-22\"",
        "date = \"2025-01-22\"\ndate_inferred = true",
    );
    assert_eq!(error_of(&inferred).1, "date_note");
}

#[test]
fn unknown_fields_and_values_are_refused() {
    assert!(
        error_of(&BASE.replace("medium = \"x-post\"", "medium = \"fax\""))
            .2
            .contains("fax")
    );
    assert!(
        error_of(&BASE.replace("kind = \"person\"", "kind = \"robot\""))
            .2
            .contains("robot")
    );
    assert!(error_of(&format!("{BASE}\nspeeker = 1\n"))
        .2
        .contains("TOML"));
}

#[test]
fn reply_loops_are_refused() {
    let src = format!(
        "{BASE}\nreply_to = \"q-b\"\n[[quote]]\nid = \"q-b\"\nspeaker = \"ann\"\ntext = \"x\"\nsources = [\"a1\"]\nmedium = \"x-post\"\nreply_to = \"q-hi\"\n"
    );
    assert_eq!(error_of(&src).1, "reply_to");
}

#[test]
fn the_compact_profile_is_smaller_but_keeps_every_record() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/feud.toml"))
        .unwrap();
    let full = compile_with(&src, None, Profile::Full).unwrap();
    let compact = compile_with(&src, None, Profile::Compact).unwrap();
    assert!(compact.bytes.len() < full.bytes.len());
    // Same record tables' counts: the first u32 of each record section.
    for i in 0..6 {
        let at = |b: &[u8]| {
            let off = u32::from_le_bytes(b[24 + 8 * i..28 + 8 * i].try_into().unwrap()) as usize;
            u32::from_le_bytes(b[off..off + 4].try_into().unwrap())
        };
        assert_eq!(at(&full.bytes), at(&compact.bytes));
    }
}
