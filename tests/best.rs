//! Best-match search against a naive reference, as memchr tests its
//! searchers: every record scored from its own text, from scratch (fields
//! folded, split into tokens, stemmed; BM25F with the same integer
//! arithmetic, [`feudfacts::impact`]), then sorted — and the engine's ranked
//! hits (document at a time over the term index, with MaxScore skipping)
//! must be exactly the first of those, with the same scores, the same
//! complete/partial split and the same count of complete matches. The plan
//! (how a query is read: [`feudfacts::analyze::plan`]) is shared; everything
//! after it is checked. Also: the issue's own example queries find their
//! records first or second.

use feudfacts::analyze::{self, AltKind, ClauseKind, Plan};
use feudfacts::format::Field;
use feudfacts::impact::{self, FieldLength};
use feudfacts::records::{for_each_field, Record};
use feudfacts::{fold, tokens, Corpus, Filter, Hit, Kind, KindSet, Mode, Query, RecordRef};

/// One record as the reference sees it: its fields, folded.
struct Doc {
    r: RecordRef,
    kind: Kind,
    date: Option<feudfacts::Date>,
    fields: Vec<(Field, Vec<u8>)>,
}

fn docs(c: &Corpus<'_>) -> Vec<Doc> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        for (r, rec) in c.records(kind) {
            let speaker = match &rec {
                Record::Quote(q) => c.entity(q.speaker).map_or("", |e| e.name.as_str()),
                _ => "",
            };
            let mut fields = Vec::new();
            for_each_field(&rec, speaker, |f, _, s| {
                let mut v = Vec::new();
                fold::walk(s, |b, _, _| v.push(b));
                if !v.is_empty() {
                    fields.push((f, v));
                }
            });
            out.push(Doc {
                r,
                kind,
                date: c.date_of(r),
                fields,
            });
        }
    }
    out
}

fn lengths(docs: &[Doc]) -> Vec<FieldLength> {
    let mut lens = vec![FieldLength::default(); feudfacts::format::FIELD_COUNT];
    for d in docs {
        for (f, v) in &d.fields {
            lens[*f as usize].bytes += v.len() as u64;
            lens[*f as usize].segments += 1;
        }
    }
    lens
}

/// A term's impact in a record, and whether the record holds `exact_form`.
fn term_impact(
    d: &Doc,
    term: &[u8],
    exact_form: Option<&[u8]>,
    lens: &[FieldLength],
) -> (u8, bool) {
    let mut best = [0u64; feudfacts::format::FIELD_COUNT];
    let mut exact = false;
    for (f, v) in &d.fields {
        let mut tf = 0;
        for (a, b) in tokens::Tokens::new(v) {
            let form = &v[a..b];
            if tokens::term(form).as_bytes() == term {
                tf += 1;
                exact |= exact_form == Some(form);
            }
        }
        if tf > 0 {
            let p = impact::pseudo_tf(*f, tf, v.len() as u64, lens[*f as usize]);
            let g = impact::group(*f) as usize;
            best[g] = best[g].max(p);
        }
    }
    (impact::saturate(best.iter().sum()), exact)
}

fn has_phrase(d: &Doc, needle: &[u8]) -> bool {
    let wb = fold::is_word_byte;
    d.fields.iter().any(|(_, v)| {
        (0..v.len()).any(|p| {
            v[p..].starts_with(needle)
                && (!wb(needle[0]) || p == 0 || !wb(v[p - 1]))
                && (!wb(needle[needle.len() - 1])
                    || v.get(p + needle.len()).is_none_or(|&b| !wb(b)))
        })
    })
}

fn date_impact(d: &Doc, from: u32, to: u32, any_year: bool) -> Option<u8> {
    let date = d.date?;
    let (qf, qt) = (feudfacts::Date::unpack(from)?, feudfacts::Date::unpack(to)?);
    let (f, l) = (date.first_day(), date.last_day());
    let hit = if any_year {
        (f.year..=l.year).any(|y| {
            let a = feudfacts::Date { year: y, ..qf }.pack();
            let b = feudfacts::Date { year: y, ..qt }.pack();
            f.pack() <= b && l.pack() >= a
        })
    } else {
        f.pack() <= qt.pack() && l.pack() >= qf.pack()
    };
    if !hit {
        return None;
    }
    let qp = if qf.day == qt.day && qf.month == qt.month {
        2
    } else if qf.month == qt.month {
        1
    } else {
        0
    };
    Some(if date.precision() as u8 >= qp {
        analyze::DATE_IMPACT
    } else {
        analyze::DATE_IMPACT / 2
    })
}

/// The filter, naively.
fn passes(c: &Corpus<'_>, d: &Doc, f: &Filter) -> bool {
    if !f.kinds.contains(d.kind) || f.entity.is_some_and(|e| !c.involves(d.r, e)) {
        return false;
    }
    if f.from.is_none() && f.to.is_none() {
        return true;
    }
    let Some(date) = d.date else {
        return false;
    };
    f.from
        .is_none_or(|from| date.last_day() >= from.first_day())
        && f.to.is_none_or(|to| date.first_day() <= to.last_day())
}

/// The reference ranking: (record, score, complete) of every matching
/// record, best first; and the number of complete ones.
fn reference(
    c: &Corpus<'_>,
    q: &Query,
    plan: &Plan,
    docs: &[Doc],
    lens: &[FieldLength],
    filter: &Filter,
) -> (Vec<(RecordRef, u32, bool)>, usize) {
    let ix = c.term_index();
    let values = c.values();
    let required: Vec<bool> = plan.clauses.iter().map(|c| c.required).collect();
    let every_required_has_alt = (0..plan.clauses.len())
        .filter(|&i| required[i])
        .all(|i| plan.alts.iter().any(|a| a.clause as usize == i));
    let mut out = Vec::new();
    for d in docs {
        if !passes(c, d, filter) {
            continue;
        }
        let mut best = vec![0u32; plan.clauses.len()];
        let mut matched = vec![false; plan.clauses.len()];
        for alt in &plan.alts {
            let ci = alt.clause as usize;
            if let ClauseKind::Phrase { start, len } = plan.clauses[ci].kind {
                let needle = q.bytes(start as usize, len as usize);
                if !has_phrase(d, needle) {
                    continue;
                }
            }
            let (imp, exact) = match alt.kind {
                AltKind::Term { term, exact } => {
                    let stem = ix.term(term as usize);
                    let form = (0..8)
                        .find(|&i| exact & feudfacts::format::form_bit(i) != 0)
                        .and_then(|i| ix.forms(term as usize).nth(i));
                    let (imp, ex) = term_impact(d, stem, form, lens);
                    (imp, ex && exact != 0)
                }
                AltKind::Date { from, to, any_year } => {
                    (date_impact(d, from, to, any_year).unwrap_or(0), false)
                }
                AltKind::Value { lo, hi } => {
                    let hit = d.kind == Kind::Figure
                        && (lo..hi).any(|i| {
                            values
                                .get(i as usize)
                                .is_some_and(|e| e.figure == d.r.index)
                        });
                    (if hit { analyze::VALUE_IMPACT } else { 0 }, false)
                }
            };
            if imp == 0 {
                continue;
            }
            let mut s = alt.scale.saturating_mul(imp as u32);
            if exact {
                s = s.saturating_add(s / 4);
            }
            matched[ci] = true;
            best[ci] = best[ci].max(s);
        }
        if !matched.iter().any(|&m| m) {
            continue;
        }
        let sum = best.iter().fold(0u32, |a, &b| a.saturating_add(b));
        let boost = plan.intent.boost(d.kind, d.date.is_some());
        let score = (sum as u64 * boost as u64 / 16).min(u32::MAX as u64) as u32;
        let complete =
            every_required_has_alt && (0..matched.len()).all(|i| !required[i] || matched[i]);
        out.push((d.r, score, complete, d.date));
    }
    let key = |x: &(RecordRef, u32, bool, Option<feudfacts::Date>)| {
        (x.2 as u64) << 62
            | (x.1 as u64) << 28
            | (x.3.map_or(0, |d| d.first_day().pack()) as u64 & 0x0fff_ffff)
    };
    out.sort_by(|a, b| key(b).cmp(&key(a)).then(a.0.cmp(&b.0)));
    let complete = out.iter().filter(|x| x.2).count();
    (out.into_iter().map(|x| (x.0, x.1, x.2)).collect(), complete)
}

/// Runs the engine and the reference, and compares what the engine returns.
fn check(
    c: &Corpus<'_>,
    docs: &[Doc],
    lens: &[FieldLength],
    query: &str,
    filter: &Filter,
    k: usize,
) {
    let Ok(q) = Query::parse(query) else {
        return;
    };
    let plan = analyze::plan(c, &q);
    let mut hits = vec![Hit::EMPTY; k];
    let s = c.search(&q, filter, &mut hits).unwrap();
    let (want, complete) = reference(c, &q, &plan, docs, lens, filter);
    assert_eq!(s.total, complete, "{query:?}: complete matches");
    // Complete hits fill the buffer first (the reference sorts them first);
    // partial ones only the room left.
    let expect: Vec<(RecordRef, u32, bool)> = want.iter().take(k).copied().collect();
    let got: Vec<(RecordRef, u32, bool)> = hits[..s.returned]
        .iter()
        .map(|h| (h.record, h.score, h.complete))
        .collect();
    assert_eq!(got, expect, "{query:?} {filter:?}");
    assert_eq!(s.partial, got.iter().filter(|x| !x.2).count());
    for h in &hits[..s.returned] {
        assert_eq!(c.date_of(h.record), h.date);
        if h.end > h.start {
            let text = c.hit_text(h).expect("the highlighted field exists");
            assert!(
                text.as_str()
                    .get(h.start as usize..h.end as usize)
                    .is_some(),
                "{query:?}: highlight on a char boundary"
            );
        }
    }
}

/// Queries drawn from the corpus's own vocabulary, with typos, stop words,
/// dates and amounts mixed in.
fn generated(c: &Corpus<'_>, n: usize) -> Vec<String> {
    let ix = c.term_index();
    let forms: Vec<String> = (0..ix.len())
        .flat_map(|t| {
            ix.forms(t)
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let extras = [
        "who",
        "the",
        "how much",
        "what",
        "january 2025",
        "sept 2024",
        "2018",
        "$97.4b",
        "500 billion",
        "100,000",
        "jan 22",
        "zzqx",
        "altamn",
        "stargte",
        "lawsuits",
        "tweeted",
        "\"white house\"",
        "fund*",
        "musk's",
    ];
    (0..n)
        .map(|_| {
            let words = 1 + (next() % 6) as usize;
            let mut q = Vec::new();
            for _ in 0..words {
                let r = next();
                if r % 5 == 0 {
                    q.push(extras[(r / 5) as usize % extras.len()].to_string());
                } else {
                    let mut w = forms[(r / 5) as usize % forms.len()].clone();
                    if r % 7 == 0 && w.len() > 4 {
                        // A typo: two neighbours swapped.
                        let mut b = w.into_bytes();
                        b.swap(1, 2);
                        w = String::from_utf8_lossy(&b).into_owned();
                    }
                    q.push(w);
                }
            }
            q.join(" ")
        })
        .collect()
}

#[test]
fn best_match_equals_the_naive_reference() {
    let c = Corpus::embedded();
    let d = docs(&c);
    let lens = lengths(&d);
    let mut n = 0;
    for q in generated(&c, 400) {
        for k in [1, 3, 10] {
            check(&c, &d, &lens, &q, &Filter::NONE, k);
        }
        n += 1;
    }
    let filters = [
        Filter {
            kinds: KindSet::only(Kind::Quote),
            ..Filter::NONE
        },
        Filter {
            kinds: KindSet::only(Kind::Figure).with(Kind::Event),
            ..Filter::NONE
        },
        Filter {
            entity: c.entity_by_name("Elon Musk"),
            ..Filter::NONE
        },
        Filter {
            from: feudfacts::Date::parse("2025-01"),
            ..Filter::NONE
        },
    ];
    for q in generated(&c, 60) {
        for f in &filters {
            check(&c, &d, &lens, &q, f, 5);
        }
    }
    println!("{n} generated queries agree with the reference");
}

/// The issue's examples, as users type them: the right record first or
/// second.
#[test]
fn the_issues_examples_find_their_records() {
    let c = Corpus::embedded();
    let top2 = |q: &str, filter: &Filter| -> Vec<String> {
        let mut hits = [Hit::EMPTY; 2];
        let s = c.search_str(q, filter, &mut hits).unwrap();
        hits[..s.returned]
            .iter()
            .map(|h| c.key(h.record).unwrap().to_string())
            .collect()
    };
    let none = Filter::NONE;
    let figures = Filter {
        kinds: KindSet::only(Kind::Figure),
        ..Filter::NONE
    };
    for (q, filter, any_of) in [
        (
            "lawsuit",
            &none,
            &["ev-musk-files-lawsuit", "ev-musk-refiles-lawsuit"][..],
        ),
        (
            "how much is softbank putting in",
            &none,
            &[
                "fig-softbank-secured",
                "fig-softbank-one-tenth",
                "fig-stargate-initial",
            ][..],
        ),
        (
            "Nadella's",
            &none,
            &["satya-nadella", "q-good-for-my-80-billion"][..],
        ),
        (
            "softbank",
            &figures,
            &[
                "fig-softbank-secured",
                "fig-softbank-one-tenth",
                "fig-stargate-initial",
            ][..],
        ),
        ("stargte", &none, &["stargate", "ev-stargate-announced"][..]),
        (
            "september 2024",
            &none,
            &["ev-musk-little-finger-post", "q-little-finger"][..],
        ),
    ] {
        let got = top2(q, filter);
        assert!(
            got.iter().any(|k| any_of.contains(&k.as_str())),
            "{q:?}: got {got:?}, want one of {any_of:?}"
        );
    }
}

/// Strict mode is literal: no stems, synonyms, corrections or partial hits.
#[test]
fn strict_mode_keeps_todays_semantics() {
    let c = Corpus::embedded();
    let strict = Filter {
        mode: Mode::Strict,
        ..Filter::NONE
    };
    let mut hits = [Hit::EMPTY; 10];
    let s = c.search_str("lawsuits", &strict, &mut hits).unwrap();
    let b = c.search_str("lawsuits", &Filter::NONE, &mut hits).unwrap();
    assert!(
        b.returned > s.returned,
        "best match finds more than the literal word"
    );
    let s = c.search_str("altamn", &strict, &mut hits).unwrap();
    assert_eq!((s.total, s.returned, s.partial), (0, 0, 0));
    let s = c.search_str("softbank zzqx", &strict, &mut hits).unwrap();
    assert_eq!(s.returned, 0);
    let s = c
        .search_str("softbank zzqx", &Filter::NONE, &mut hits)
        .unwrap();
    assert!(s.is_partial() && s.returned > 0 && !hits[0].complete);
}

/// "Did you mean": the query respelled with the corrections search used.
#[test]
fn misspelt_words_are_corrected_and_suggested() {
    let c = Corpus::embedded();
    let q = Query::parse("altamn stargte").unwrap();
    let mut hits = [Hit::EMPTY; 5];
    let s = c.search(&q, &Filter::NONE, &mut hits).unwrap();
    assert_eq!(s.corrected, 0b11);
    let mut buf = [0u8; 64];
    let n = c.suggest(&q, &mut buf).unwrap();
    assert_eq!(&buf[..n], b"altman stargate");
    let q = Query::parse("altman stargate").unwrap();
    assert_eq!(c.suggest(&q, &mut buf), None);
    assert_eq!(c.search(&q, &Filter::NONE, &mut hits).unwrap().corrected, 0);
    let _ = ClauseKind::Word;
}
