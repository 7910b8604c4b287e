//! The core's fixed-buffer stemmer against the reference: the Snowball
//! English algorithm as generated from the Snowball sources (the `snowstem`
//! crate, itself checked against Snowball's test vocabulary), word for word,
//! on every word of the corpus and of a large English word list
//! (`/usr/share/dict/words` when installed: Debian's `wamerican-huge`, which
//! `ci/setup.sh` installs) — and on Snowball's own test vocabulary when
//! `FEUDFACTS_SNOWBALL_VOC` names a folder holding its `voc.txt` and
//! `output.txt` (the test says SKIPPED otherwise).

use feudfacts::{stem, tokens, Corpus, Kind};
use snowstem::{Algorithm, Stemmer};
use std::collections::BTreeSet;

fn ours(w: &str) -> String {
    String::from_utf8(stem::stem(w.as_bytes()).as_bytes().to_vec()).unwrap()
}

/// Words the reference defines: lowercase ASCII letters and apostrophes
/// (the core leaves anything else as it is, and says so).
fn stemmable(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= stem::MAX_WORD
        && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')
}

fn compare<'a>(words: impl Iterator<Item = &'a str>) -> (usize, Vec<String>) {
    let reference = Stemmer::create(Algorithm::English);
    let mut n = 0;
    let mut bad = Vec::new();
    for w in words.filter(|w| stemmable(w)) {
        n += 1;
        let (a, b) = (ours(w), reference.stem(w).to_string());
        if a != b && bad.len() < 20 {
            bad.push(format!("{w}: ours {a}, reference {b}"));
        }
    }
    (n, bad)
}

#[test]
fn equals_the_reference_on_every_word_of_the_corpus() {
    let c = Corpus::embedded();
    let hay_words: BTreeSet<String> = (0..c.term_index().len())
        .flat_map(|t| {
            c.term_index()
                .forms(t)
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let (n, bad) = compare(hay_words.iter().map(String::as_str));
    println!("corpus: {n} distinct words compared");
    assert!(n > 800, "only {n} corpus words");
    assert!(bad.is_empty(), "{bad:#?}");
    // Every record's text is covered: the index's forms are its words.
    assert!(Kind::ALL.iter().all(|&k| c.count(k) > 0));
}

#[test]
fn equals_the_reference_on_a_large_word_list() {
    let Ok(list) = std::fs::read_to_string("/usr/share/dict/words") else {
        println!("SKIPPED: /usr/share/dict/words not installed (apt-get install wamerican-huge)");
        return;
    };
    let lower: BTreeSet<String> = list.lines().map(|w| w.to_lowercase()).collect();
    let (n, bad) = compare(lower.iter().map(String::as_str));
    println!("word list: {n} words compared");
    assert!(n > 50_000, "only {n} words in the list");
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn equals_snowballs_own_test_vocabulary() {
    let Some(dir) = std::env::var_os("FEUDFACTS_SNOWBALL_VOC") else {
        println!("SKIPPED: set FEUDFACTS_SNOWBALL_VOC to a folder with Snowball's english voc.txt and output.txt");
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let voc = std::fs::read_to_string(dir.join("voc.txt")).expect("voc.txt");
    let out = std::fs::read_to_string(dir.join("output.txt")).expect("output.txt");
    let mut n = 0;
    for (w, want) in voc.lines().zip(out.lines()) {
        assert_eq!(ours(w), want, "{w}");
        n += 1;
    }
    println!("Snowball vocabulary: {n} words equal");
    assert!(n > 40_000);
}

/// Spelling normalisation meets both spellings, and search terms fold
/// possessives and thousands separators.
#[test]
fn search_terms_meet_other_forms_of_a_word() {
    let t = |w: &str| String::from_utf8(tokens::term(w.as_bytes()).as_bytes().to_vec()).unwrap();
    for (a, b) in [
        ("lawsuit", "lawsuits"),
        ("tweet", "tweeted"),
        ("tweets", "tweeting"),
        ("criticise", "criticised"),
        ("criticise", "criticize"),
        ("centre", "center"),
        ("re-filing", "re-files"),
        ("nadella's", "nadella"),
        ("musks", "musk"),
        ("100,000", "100000"),
    ] {
        // Hyphenated words are two tokens: compare token by token.
        let ta: Vec<String> = a.split('-').map(t).collect();
        let tb: Vec<String> = b.split('-').map(t).collect();
        assert_eq!(ta, tb, "{a} / {b}");
    }
}
