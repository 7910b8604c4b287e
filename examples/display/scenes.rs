//! The scenes drawn by the golden-image tests and by `examples/render.rs`:
//! records picked by key or by search, so they stay the same records when
//! the corpus grows.

use embedded_graphics::{pixelcolor::BinaryColor, prelude::*};
use feudfacts::{Corpus, Filter, Hit, Kind, KindSet, RecordRef};
use feudfacts_display::{quote_card, search_results, timeline_entry, Page, Screen};

/// Musk's SoftBank post, found by search (quotes by @elonmusk).
pub fn softbank_quote(c: &Corpus<'_>) -> u32 {
    only_quote(c, "@elonmusk", "softbank secured", "Musk's SoftBank quote")
}

/// Altman's "wrong, as you surely know" reply, found by search.
pub fn surely_know_reply(c: &Corpus<'_>) -> u32 {
    only_quote(c, "@sama", "\"surely know\"", "Altman's reply")
}

/// The one quote by `speaker` that strict query `q` finds (`what` it is,
/// for the failure message).
fn only_quote(c: &Corpus<'_>, speaker: &str, q: &str, what: &str) -> u32 {
    let filter = Filter {
        mode: feudfacts::Mode::Strict,
        kinds: KindSet::only(Kind::Quote),
        entity: c.entity_by_name(speaker),
        from: None,
        to: None,
    };
    let mut hit = [Hit::EMPTY; 1];
    let s = c.search_str(q, &filter, &mut hit).expect("query");
    assert_eq!(s.returned, 1, "{what}");
    hit[0].record.index
}

/// The Stargate announcement event, by key.
pub fn stargate_event(c: &Corpus<'_>) -> RecordRef {
    let r = c
        .find_key("ev-stargate-announced")
        .expect("ev-stargate-announced");
    assert_eq!(r.kind, Kind::Event);
    r
}

/// The query of the search scenes.
pub const QUERY: &str = "softbank";

/// A question no record answers with every word (none is about SoftBank
/// suing, or being sued): best match answers with the closest matches,
/// each marked `~`.
pub const CLOSEST_QUERY: &str = "softbank lawsuit";

/// A question some records answer with every word and more only in part:
/// the complete matches, then the closest.
pub const MIXED_QUERY: &str = "does softbank have the money";

/// The results page of `query` where the closest matches start (where the
/// list turns from complete to partial matches).
fn closest_start(c: &Corpus<'_>, screen: Screen, query: &str) -> usize {
    let mut hits = [Hit::EMPTY; feudfacts_display::MAX_RESULTS];
    let s = c
        .search_str(query, &Filter::NONE, &mut hits)
        .expect("query");
    assert!(s.total > 0 && s.partial > 0, "{query}: {s:?}");
    (s.returned - s.partial) / screen.body_rows()
}

/// Every scene: (file stem, draw function). Each draws on any screen.
pub type Draw<D> = fn(&mut D, Screen, &Corpus<'static>) -> Page;

/// The scenes, for a display type `D`.
pub fn all<D: DrawTarget<Color = BinaryColor, Error = core::convert::Infallible>>(
) -> Vec<(&'static str, Draw<D>)> {
    vec![
        ("quote-softbank", |d, s, c| {
            let q = softbank_quote(c);
            quote_card(d, s, c, q, 0).unwrap().unwrap()
        }),
        ("quote-reply-p1", |d, s, c| {
            let q = surely_know_reply(c);
            quote_card(d, s, c, q, 0).unwrap().unwrap()
        }),
        ("quote-reply-p2", |d, s, c| {
            let q = surely_know_reply(c);
            quote_card(d, s, c, q, 1).unwrap().unwrap()
        }),
        ("timeline-stargate", |d, s, c| {
            timeline_entry(d, s, c, stargate_event(c), 0)
                .unwrap()
                .unwrap()
        }),
        ("search-p1", |d, s, c| {
            search_results(d, s, c, QUERY, &Filter::NONE, 0).unwrap_or_else(|_| panic!("search"))
        }),
        ("search-p2", |d, s, c| {
            search_results(d, s, c, QUERY, &Filter::NONE, 1).unwrap_or_else(|_| panic!("search"))
        }),
        ("search-closest", |d, s, c| {
            search_results(d, s, c, CLOSEST_QUERY, &Filter::NONE, 0)
                .unwrap_or_else(|_| panic!("search"))
        }),
        ("search-closest-start", |d, s, c| {
            let page = closest_start(c, s, MIXED_QUERY);
            search_results(d, s, c, MIXED_QUERY, &Filter::NONE, page)
                .unwrap_or_else(|_| panic!("search"))
        }),
    ]
}

/// The two screens, with the file-name suffix of each.
pub const SCREENS: [(&str, Screen); 2] = [
    ("128x64", Screen::OLED_128X64),
    ("296x128", Screen::EPAPER_296X128),
];
