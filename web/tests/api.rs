//! Every response of the WebAssembly module, checked natively against the
//! core: the page shows what the core says, marked but never altered, and
//! every bad argument gets its own error, never a trap.

use feudfacts::{
    Corpus, Filter, Hit, Kind, KindSet, Mode, Query, RecordRef, Summary, MAX_STRICT_TERMS,
    MAX_TERMS,
};
use feudfacts_wasm::abi::{self, MAX_INPUT};
use feudfacts_wasm::search::{
    self, Request, ANY_ENTITY, AS_YOU_TYPE, KNOWN_FLAGS, MAX_HITS, STRICT,
};
use feudfacts_wasm::{cards, lists};
use serde_json::Value;

const ALL: u32 = 0x3f;

fn corpus() -> Corpus<'static> {
    Corpus::embedded()
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn req(query: &str) -> Request<'_> {
    Request {
        query: query.as_bytes(),
        kinds: ALL,
        entity: ANY_ENTITY,
        from: 0,
        to: 0,
        limit: 50,
        flags: 0,
    }
}

fn search(r: &Request<'_>) -> Value {
    parse(&search::search(&corpus(), r).expect("search"))
}

/// The same request in strict mode.
fn strict(q: &str) -> Request<'_> {
    Request {
        flags: STRICT,
        ..req(q)
    }
}

/// The core's own search of `q` (50 hits), in `mode`, over `kinds`.
fn core_search(q: &str, mode: Mode, kinds: KindSet) -> (Summary, Vec<Hit>) {
    let filter = Filter {
        mode,
        kinds,
        ..Filter::NONE
    };
    let mut hits = vec![Hit::EMPTY; 50];
    let s = corpus()
        .search(&Query::parse(q).unwrap(), &filter, &mut hits)
        .unwrap();
    hits.truncate(s.returned);
    (s, hits)
}

/// The core's summary of `q` in `mode`, over every kind.
fn core_summary(q: &str, mode: Mode) -> Summary {
    core_search(q, mode, KindSet::ALL).0
}

/// Each hit's (kind, index, complete).
fn hit_refs(v: &Value) -> Vec<(String, u64, bool)> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap().to_string(),
                h["index"].as_u64().unwrap(),
                h["complete"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// The core's hits as [`hit_refs`] lists them.
fn core_refs(hits: &[Hit]) -> Vec<(String, u64, bool)> {
    hits.iter()
        .map(|h| {
            (
                h.record.kind.name().to_string(),
                h.record.index.into(),
                h.complete,
            )
        })
        .collect()
}

/// Whether a response's summary says what the core's does.
fn assert_summary(v: &Value, s: &Summary, what: &str) {
    assert_eq!(v["total"], s.total, "{what}");
    assert_eq!(v["returned"], s.returned, "{what}");
    assert_eq!(v["partial"], s.partial, "{what}");
}

fn error_code(r: &Request<'_>) -> String {
    let e = search::search(&corpus(), r).expect_err("an error");
    let v = parse(&feudfacts_wasm::error::response(&e));
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    v["error"]["code"].as_str().unwrap().to_string()
}

/// A marked text (`["plain","marked",…]`) put back together, and its marks.
fn unmark(v: &Value) -> (String, Vec<String>) {
    let parts: Vec<&str> = v
        .as_array()
        .expect("marked text is an array")
        .iter()
        .map(|p| p.as_str().expect("of strings"))
        .collect();
    assert_eq!(
        parts.len() % 2,
        1,
        "plain, then marked/plain pairs: {parts:?}"
    );
    let marks = parts
        .iter()
        .skip(1)
        .step_by(2)
        .map(|s| s.to_string())
        .collect();
    (parts.concat(), marks)
}

#[test]
fn hits_are_the_cores_hits_in_the_cores_order() {
    for q in [
        "softbank secured",
        "musk",
        "altman",
        "stargate",
        "\"surely know\"",
        "trump*",
        "$",
        "billion",
        "openai musk",
        "softbank hoffman",
        "who called altman a liar",
        "lawsuits",
    ] {
        for (mode, r) in [(Mode::Best, req(q)), (Mode::Strict, strict(q))] {
            let v = search(&r);
            let (s, hits) = core_search(q, mode, KindSet::ALL);
            let what = format!("{q} {mode:?}");
            assert_summary(&v, &s, &what);
            assert_eq!(hit_refs(&v), core_refs(&hits), "{what}");
        }
    }
}

#[test]
fn a_hit_shows_its_record_with_every_query_word_marked() {
    let quotes = KindSet::only(Kind::Quote).bits().into();
    let v = search(&Request {
        kinds: quotes,
        ..req("softbank secured")
    });
    assert_eq!(v["total"], 1);
    let h = &v["hits"][0];
    assert_eq!(h["kind"], "quote");
    let (label, marks) = unmark(&h["label"]);
    assert!(
        label.starts_with("SoftBank has well under $10B secured"),
        "{label}"
    );
    assert_eq!(marks, ["SoftBank", "secured"]);
    let (speaker, _) = unmark(&h["speaker"]);
    assert_eq!(speaker, "Elon Musk");
    assert_eq!(h["dating"]["date"], "2025-01-22");
    assert_eq!(h["dating"]["inferred"], false);

    // A match on the speaker marks the speaker.
    let v = search(&req("musk softbank"));
    let h = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "quote")
        .unwrap();
    assert_eq!(unmark(&h["speaker"]).1, ["Musk"]);
}

#[test]
fn every_marked_text_is_the_record_text_unaltered() {
    let c = corpus();
    for q in [
        "musk", "altman", "the", "stargate", "don't", "-", "\"", "ai", "x*",
    ] {
        let v = search(&Request {
            limit: MAX_HITS,
            ..req(q)
        });
        for h in v["hits"].as_array().unwrap() {
            let kind = Kind::from_name(h["kind"].as_str().unwrap()).unwrap();
            let r = RecordRef::new(kind, h["index"].as_u64().unwrap() as u32);
            let rec = c.record(r).unwrap();
            let (label, _) = unmark(&h["label"]);
            assert_eq!(label, feudfacts_wasm::refs::label(&rec), "{q} {r:?}");
            if let Some(d) = h["detail"].as_object() {
                let (text, marks) = unmark(&d["text"]);
                assert!(text.len() <= search::DETAIL_LEN, "{q} {r:?}: {text}");
                assert!(marks.iter().all(|m| text.contains(m.as_str())));
            }
        }
    }
}

#[test]
fn details_show_the_field_that_matched() {
    // "Little Finger" is an alias of Altman: the hit shows it as the detail.
    let v = search(&req("\"little finger\""));
    let entity = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "entity")
        .expect("the alias finds the entity");
    assert_eq!(unmark(&entity["label"]).0, "Sam Altman");
    assert_eq!(entity["detail"]["field"], "alias");
    assert_eq!(unmark(&entity["detail"]["text"]).1, ["Little Finger"]);
}

#[test]
fn as_you_type_reads_the_last_word_as_a_prefix() {
    let typed = |q, flags| {
        search(&Request {
            flags: AS_YOU_TYPE | flags,
            ..req(q)
        })
    };
    // "softb" is no word of the corpus (strict finds nothing; best match
    // reads it as a near spelling); "softb*" is everything SoftBank.
    assert_eq!(core_summary("softb", Mode::Strict).total, 0);
    let prefix = core_summary("softb*", Mode::Best);
    assert!(prefix.total > core_summary("softb", Mode::Best).total);
    let v = typed("softb", 0);
    assert_eq!(v["query"], "softb*");
    assert_summary(&v, &prefix, "softb*");
    assert_eq!(v["total"], search(&req("softbank"))["total"]);
    let v = typed("softb", STRICT);
    assert_eq!(v["query"], "softb*");
    assert_summary(&v, &core_summary("softb*", Mode::Strict), "strict softb*");
    assert_eq!(v["total"], search(&strict("softbank"))["total"]);
    // Not after a space, a closed phrase, an open phrase or a `*`.
    assert_eq!(typed("softbank ", 0)["query"], "softbank ");
    assert_eq!(typed("\"surely know\"", 0)["query"], "\"surely know\"");
    assert_eq!(typed("\"surely kn", 0)["query"], "\"surely kn");
    assert_eq!(typed("soft*", 0)["query"], "soft*");
    // Not when the `*` would make the query too long.
    let long = "a".repeat(feudfacts::MAX_QUERY_LEN);
    assert_eq!(typed(&long, 0)["query"].as_str().unwrap().len(), long.len());
}

#[test]
fn as_you_type_keeps_a_finished_word_when_it_answers_better() {
    // Whichever of the query as typed and its prefix reading the core
    // answers better is shown (search::prefer_prefix), in both modes.
    for q in [
        "softb",
        "softbank",
        "lawsuits",
        "altamn stargte",
        "altamn stargate",
        "softbank hoffman",
        "who called altman a liar",
        "how much did musk b",
        "zebra unicorn",
    ] {
        for (mode, flags) in [(Mode::Best, 0), (Mode::Strict, STRICT)] {
            let as_typed = core_summary(q, mode);
            let starred = format!("{q}*");
            let prefix = core_summary(&starred, mode);
            let (want_q, want) = if search::prefer_prefix(&as_typed, &prefix) {
                (starred.as_str(), prefix)
            } else {
                (q, as_typed)
            };
            let v = search(&Request {
                flags: AS_YOU_TYPE | flags,
                ..req(q)
            });
            let what = format!("{q} {mode:?}");
            assert_eq!(v["query"], want_q, "{what}");
            assert_summary(&v, &want, &what);
            assert_eq!(
                v["total"].as_u64().unwrap(),
                as_typed.total.max(prefix.total) as u64,
                "{what}: the reading with more complete matches"
            );
        }
    }
    // Best match reads "lawsuits" as "lawsuit"; as a prefix it is nothing.
    assert_eq!(core_summary("lawsuits*", Mode::Best).total, 0);
    let v = search(&Request {
        flags: AS_YOU_TYPE,
        ..req("lawsuits")
    });
    assert_eq!(v["query"], "lawsuits");
    assert!(v["total"].as_u64().unwrap() > 0);
}

#[test]
fn filters_restrict_like_the_core() {
    let c = corpus();
    let musk = c.entity_by_name("musk").unwrap();
    let v = search(&Request {
        kinds: KindSet::only(Kind::Quote).bits().into(),
        entity: musk,
        from: feudfacts::Date::parse("2025-01-22").unwrap().pack(),
        to: feudfacts::Date::parse("2025-01-22").unwrap().pack(),
        ..req("softbank")
    });
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        assert_eq!(h["kind"], "quote");
        assert_eq!(h["dating"]["date"], "2025-01-22");
        assert_eq!(unmark(&h["speaker"]).0, "Elon Musk");
    }
    // No article has both words: strict finds none, best match the
    // closest articles, flagged partial, exactly as the core ranks them.
    let sources = KindSet::only(Kind::Source);
    for (mode, flags) in [(Mode::Strict, STRICT), (Mode::Best, 0)] {
        let v = search(&Request {
            kinds: sources.bits().into(),
            flags,
            ..req("softbank secured")
        });
        let (s, hits) = core_search("softbank secured", mode, sources);
        assert_eq!(s.total, 0, "{mode:?}");
        assert_summary(&v, &s, "softbank secured in articles");
        assert_eq!(hit_refs(&v), core_refs(&hits), "{mode:?}");
        assert!(hit_refs(&v)
            .iter()
            .all(|(k, _, complete)| k == "source" && !complete));
        assert_eq!(
            v["hits"].as_array().unwrap().is_empty(),
            mode == Mode::Strict
        );
    }
}

/// Every mark of a hit's label, speaker and detail, lower-cased.
fn hit_marks(h: &Value) -> Vec<String> {
    let mut marks = unmark(&h["label"]).1;
    if !h["speaker"].is_null() {
        marks.extend(unmark(&h["speaker"]).1);
    }
    if let Some(d) = h["detail"].as_object() {
        marks.extend(unmark(&d["text"]).1);
    }
    marks.iter().map(|m| m.to_lowercase()).collect()
}

#[test]
fn no_record_with_every_word_gets_the_closest_matches() {
    // Each word is in the corpus, but no record has both (strict says so).
    for w in ["softbank", "hoffman"] {
        assert!(core_summary(w, Mode::Strict).total > 0, "{w}");
    }
    let q = "softbank hoffman";
    assert_eq!(core_summary(q, Mode::Strict).total, 0);

    let v = search(&req(q));
    let s = core_summary(q, Mode::Best);
    assert!(s.is_partial(), "{s:?}");
    assert_summary(&v, &s, q);
    assert_eq!(v["total"], 0);
    assert_eq!(v["partial"], v["returned"]);
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert_eq!(hits.len() as u64, v["returned"].as_u64().unwrap());
    // Each is a closest match: not complete, and showing one of the words
    // (or a form of it: "SoftBank's").
    let shows = |h: &Value, w: &str| hit_marks(h).iter().any(|m| m.starts_with(w));
    for h in hits {
        assert_eq!(h["complete"], false, "{h}");
        assert!(
            shows(h, "softbank") || shows(h, "hoffman"),
            "{}: {:?}",
            h["key"],
            hit_marks(h)
        );
    }
    // Both words are among them, Hoffman's records and SoftBank's.
    for w in ["softbank", "hoffman"] {
        assert!(hits.iter().any(|h| shows(h, w)), "{w}");
    }

    // Strict: nothing, and no closest matches.
    let v = search(&strict(q));
    assert_eq!(
        (&v["total"], &v["returned"], &v["partial"]),
        (&Value::from(0), &Value::from(0), &Value::from(0))
    );
    assert!(v["hits"].as_array().unwrap().is_empty());

    // Complete matches come first, then the closest, when both are found.
    let v = search(&req("softbank secured"));
    let s = core_summary("softbank secured", Mode::Best);
    assert!(s.total > 0 && s.partial > 0, "{s:?}");
    let complete: Vec<bool> = hit_refs(&v).into_iter().map(|(_, _, c)| c).collect();
    assert_eq!(
        complete.iter().filter(|c| **c).count(),
        s.returned - s.partial
    );
    assert!(complete.windows(2).all(|w| w[0] || !w[1]), "{complete:?}");
}

#[test]
fn a_misspelt_query_gets_a_suggestion() {
    let q = "altamn stargte";
    let v = search(&req(q));
    assert_eq!(v["suggestion"], "altman stargate");
    assert!(v["total"].as_u64().unwrap() > 0, "read as the suggestion");
    // The suggestion is the core's own.
    let c = corpus();
    let mut buf = [0u8; 512];
    let n = c.suggest(&Query::parse(q).unwrap(), &mut buf).unwrap();
    assert_eq!(v["suggestion"], std::str::from_utf8(&buf[..n]).unwrap());
    // Run, the suggestion needs none, and finds records with every word.
    let fixed = search(&req("altman stargate"));
    assert!(fixed["suggestion"].is_null());
    assert!(fixed["total"].as_u64().unwrap() > 0);
    assert_eq!(
        fixed["total"],
        core_summary("altman stargate", Mode::Best).total
    );
    // Strict reads words literally: no match, nothing to suggest.
    let v = search(&strict(q));
    assert_eq!(v["total"], 0);
    assert!(v["suggestion"].is_null());
    // A word spelt right gets no suggestion.
    assert!(search(&req("altman"))["suggestion"].is_null());

    // As you type, the suggestion is what the visitor would type: without
    // the `*` the page added, whichever reading was shown.
    for q in ["altamn stargte", "altamn stargate"] {
        let v = search(&Request {
            flags: AS_YOU_TYPE,
            ..req(q)
        });
        assert_eq!(v["suggestion"], "altman stargate", "{q}: {}", v["query"]);
    }
    // The words as the search read them are marked wherever a hit shows
    // them, not only at the core's one match.
    let v = search(&Request {
        limit: MAX_HITS,
        ..req("altamn stargte")
    });
    let mut shown = 0;
    for h in v["hits"].as_array().unwrap() {
        let mut texts = vec![unmark(&h["label"])];
        if let Some(d) = h["detail"].as_object() {
            texts.push(unmark(&d["text"]));
        }
        for (text, marks) in texts {
            for w in ["Altman", "Stargate"] {
                let whole = text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| t.eq_ignore_ascii_case(w));
                if whole {
                    shown += 1;
                    assert!(
                        marks
                            .iter()
                            .any(|m| m.to_lowercase().starts_with(&w.to_lowercase())),
                        "{w} unmarked in {text:?}: {marks:?}"
                    );
                }
            }
        }
    }
    assert!(shown > 10, "{shown}");
    // A `*` the visitor typed stays.
    let v = search(&Request {
        flags: AS_YOU_TYPE,
        ..req("altamn stargate*")
    });
    assert_eq!(v["suggestion"], "altman stargate*");
}

#[test]
fn strict_reads_words_literally_and_best_match_does_not() {
    // Other forms of a word: best match finds "lawsuit" for "lawsuits".
    let best = search(&req("lawsuits"));
    let strict_v = search(&strict("lawsuits"));
    assert_summary(&best, &core_summary("lawsuits", Mode::Best), "best");
    assert_summary(&strict_v, &core_summary("lawsuits", Mode::Strict), "strict");
    assert!(best["total"].as_u64().unwrap() > 0);
    assert_eq!(strict_v["total"], 0);
    // A question: best match ignores its question words; strict needs all.
    let q = "who called altman a liar";
    assert!(search(&req(q))["total"].as_u64().unwrap() > 0);
    assert_eq!(search(&strict(q))["total"], 0);
    // Strict hits are all complete, never partial, never corrected.
    for q in ["musk", "softbank secured", "\"surely know\"", "trump*"] {
        let v = search(&strict(q));
        assert!(v["total"].as_u64().unwrap() > 0, "{q}");
        assert_eq!(v["partial"], 0, "{q}");
        assert!(v["suggestion"].is_null(), "{q}");
        assert!(hit_refs(&v).iter().all(|(_, _, complete)| *complete), "{q}");
        // Every record strict finds, best match finds with every word too.
        let best = search(&Request {
            limit: MAX_HITS,
            ..req(q)
        });
        let best_complete: Vec<(String, u64)> = hit_refs(&best)
            .into_iter()
            .filter(|h| h.2)
            .map(|(k, i, _)| (k, i))
            .collect();
        for (k, i, _) in hit_refs(&v) {
            assert!(best_complete.contains(&(k.clone(), i)), "{q}: {k} {i}");
        }
    }
}

#[test]
fn bad_searches_get_their_own_error() {
    let long = "x".repeat(300);
    let bad_utf8 = [b'a', 0xff];
    let words = |n: usize| {
        (0..n)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let too_many = words(MAX_TERMS + 1);
    let too_many_strict = words(MAX_STRICT_TERMS + 1);
    let cases: &[(Request<'_>, &str)] = &[
        (req(""), "empty-query"),
        (req(" \u{200b}\t "), "empty-query"),
        (req(&long), "query-too-long"),
        (req(&too_many), "too-many-terms"),
        (strict(&too_many), "too-many-terms"),
        (strict(&too_many_strict), "too-many-terms"),
        (
            Request {
                query: &bad_utf8,
                ..req("")
            },
            "invalid-utf8",
        ),
        (
            Request {
                kinds: 0x40,
                ..req("musk")
            },
            "invalid-argument",
        ),
        (
            Request {
                limit: MAX_HITS + 1,
                ..req("musk")
            },
            "invalid-argument",
        ),
        (
            Request {
                entity: 1 << 20,
                ..req("musk")
            },
            "not-found",
        ),
        (
            Request {
                from: 20250,
                ..req("musk")
            },
            "invalid-argument",
        ),
        (
            Request {
                from: feudfacts::Date::parse("2025-02").unwrap().pack(),
                to: feudfacts::Date::parse("2025-01").unwrap().pack(),
                ..req("musk")
            },
            "invalid-argument",
        ),
        (
            Request {
                from: feudfacts::Date::parse("2025-02").unwrap().pack(),
                to: feudfacts::Date::parse("2025-01").unwrap().pack(),
                ..strict("musk")
            },
            "invalid-argument",
        ),
    ];
    for (r, code) in cases {
        assert_eq!(
            error_code(r),
            *code,
            "{:?}",
            String::from_utf8_lossy(r.query)
        );
    }
    // Every flag this version does not know is refused, alone or with
    // known ones.
    for bit in (0..32).map(|b| 1u32 << b).filter(|b| b & KNOWN_FLAGS == 0) {
        for flags in [bit, bit | KNOWN_FLAGS] {
            let r = Request {
                flags,
                ..req("musk")
            };
            assert_eq!(error_code(&r), "invalid-argument", "flags {flags:#x}");
        }
    }
    // As many terms as each mode holds are accepted: best match takes
    // MAX_TERMS (nine single letters are a question, not an error), strict
    // MAX_STRICT_TERMS.
    for r in [
        req(&words(MAX_TERMS)),
        req(&too_many_strict),
        req("a b c d e f g h i"),
        strict(&words(MAX_STRICT_TERMS)),
    ] {
        let q = String::from_utf8_lossy(r.query).into_owned();
        let v = search(&r);
        assert!(v["error"].is_null(), "{q}: {v}");
        let mode = if r.flags & STRICT != 0 {
            Mode::Strict
        } else {
            Mode::Best
        };
        assert_summary(&v, &core_summary(&q, mode), &q);
    }
    // A limit of 0 counts without returning.
    let v = search(&Request {
        limit: 0,
        ..req("musk")
    });
    assert!(v["total"].as_u64().unwrap() > 0);
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
}

fn card(r: RecordRef) -> Value {
    parse(&cards::card(&corpus(), r).expect("card"))
}

#[test]
fn every_record_has_a_card_with_its_sources() {
    let c = corpus();
    for kind in Kind::ALL {
        for (r, rec) in c.records(kind) {
            let v = card(r);
            assert_eq!(v["kind"], kind.name());
            assert_eq!(v["key"], rec.key().as_str());
            let files: Vec<&str> = v["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["file"].as_str().unwrap())
                .collect();
            let want: Vec<String> = c
                .sources_of(r)
                .map(|s| format!("{}.txt", c.source(s).unwrap().key))
                .collect();
            assert_eq!(files, want, "{r:?}");
            assert!(!files.is_empty(), "{r:?} cites no source");
        }
    }
}

#[test]
fn a_quote_card_has_speaker_dating_medium_variants_and_reply_links() {
    let c = corpus();
    let r = c.find_key("q-wrong-as-you-surely-know").unwrap();
    let v = card(r);
    assert_eq!(v["speaker"]["name"], "Sam Altman");
    assert_eq!(v["medium"], "x-post");
    assert_eq!(v["dating"]["date"], "2025-01-22");
    assert_eq!(v["reply_to"]["key"], "q-softbank-well-under-10b");
    let q = c.quote(r.index).unwrap();
    assert_eq!(v["text"], q.text.as_str());
    assert_eq!(v["variants"].as_array().unwrap().len(), q.variants.len());
    for (jv, cv) in v["variants"]
        .as_array()
        .unwrap()
        .iter()
        .zip(q.variants.iter())
    {
        assert_eq!(jv["text"], cv.text.as_str());
        assert_eq!(jv["sources"].as_array().unwrap().len(), cv.sources.len());
    }
    let parent = card(c.find_key("q-softbank-well-under-10b").unwrap());
    assert_eq!(parent["replies"][0]["key"], "q-wrong-as-you-surely-know");

    // An inferred date carries how it was inferred.
    let money = card(c.find_key("q-they-dont-have-the-money").unwrap());
    assert_eq!(money["dating"]["inferred"], true);
    assert!(money["dating"]["note"]
        .as_str()
        .unwrap()
        .contains("Wednesday"));
    // Every printing, with the articles printing it.
    let variants: Vec<(&str, &str)> = money["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["text"].as_str().unwrap(),
                v["sources"][0]["file"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        variants,
        [
            (
                "they don’t actually have the money",
                "001_e96f8df4d7c379f6.txt"
            ),
            (
                "They don't actually have the money",
                "002_3229c837a92db49a.txt"
            ),
        ]
    );
}

#[test]
fn figure_and_discrepancy_cards_give_each_articles_side() {
    let c = corpus();
    for (r, rec) in c.records(Kind::Figure) {
        let feudfacts::Record::Figure(f) = rec else {
            unreachable!()
        };
        let v = card(r);
        assert_eq!(v["value"], f.value.to_string());
        let ph = v["phrasings"].as_array().unwrap();
        assert_eq!(ph.len(), f.phrasings.len());
        for (jp, p) in ph.iter().zip(f.phrasings.iter()) {
            assert_eq!(jp["text"], p.text.as_str());
            assert_eq!(jp["source"]["index"], p.source);
        }
    }
    for (r, rec) in c.records(Kind::Discrepancy) {
        let feudfacts::Record::Discrepancy(d) = rec else {
            unreachable!()
        };
        let v = card(r);
        let sides = v["sides"].as_array().unwrap();
        assert_eq!(sides.len(), d.sides.len());
        assert!(sides.iter().all(|s| s["source"]["file"].is_string()));
        assert_eq!(v["related"].as_array().unwrap().len(), d.related.len());
        // Each record it is about links back to it.
        for rel in v["related"].as_array().unwrap() {
            let kind = Kind::from_name(rel["kind"].as_str().unwrap()).unwrap();
            let back = card(RecordRef::new(kind, rel["index"].as_u64().unwrap() as u32));
            assert!(back["disagreements"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["index"] == r.index));
        }
    }
}

#[test]
fn missing_records_are_not_found() {
    let c = corpus();
    for kind in Kind::ALL {
        let past = c.count(kind) as u32;
        assert_eq!(
            cards::card(&c, RecordRef::new(kind, past)),
            Err(feudfacts::Error::NotFound)
        );
    }
    assert!(lists::thread(&c, u32::MAX).is_err());
    assert!(lists::find_key(&c, b"no-such-key").is_err());
    assert!(lists::find_key(&c, &[0xc3]).is_err());
}

#[test]
fn the_timeline_is_the_cores_and_a_range_is_a_part_of_it() {
    let c = corpus();
    let all = parse(&lists::timeline(&c, 0, 0).unwrap());
    let items = all["items"].as_array().unwrap();
    assert_eq!(items.len(), c.timeline().count());
    let day = |s| feudfacts::Date::parse(s).unwrap().pack();
    let exchange = parse(&lists::timeline(&c, day("2025-01-22"), day("2025-01-23")).unwrap());
    let ex = exchange["items"].as_array().unwrap();
    let want = c
        .in_range(
            feudfacts::Date::parse("2025-01-22").unwrap(),
            feudfacts::Date::parse("2025-01-23").unwrap(),
        )
        .count();
    assert_eq!(ex.len(), want);
    assert!(ex.iter().any(|i| i["key"] == "q-softbank-well-under-10b"));
    // Open at one end.
    let since = parse(&lists::timeline(&c, day("2025-01-22"), 0).unwrap());
    assert!(since["items"].as_array().unwrap().len() >= ex.len());
    assert!(lists::timeline(&c, day("2025-01-23"), day("2025-01-22")).is_err());
    assert!(lists::timeline(&c, 7, 0).is_err());
}

#[test]
fn the_january_22_thread_is_musk_then_altmans_reply() {
    let c = corpus();
    let softbank = c.find_key("q-softbank-well-under-10b").unwrap().index;
    let wrong = c.find_key("q-wrong-as-you-surely-know").unwrap().index;
    for start in [softbank, wrong] {
        let v = parse(&lists::thread(&c, start).unwrap());
        assert_eq!(v["root"], softbank);
        let q = v["quotes"].as_array().unwrap();
        let seen: Vec<(&str, u64)> = q
            .iter()
            .map(|x| {
                (
                    x["speaker"]["name"].as_str().unwrap(),
                    x["depth"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(seen, [("Elon Musk", 0), ("Sam Altman", 1)]);
    }
}

#[test]
fn disagreements_stats_quote_of_the_day_and_keys() {
    let c = corpus();
    let d = parse(&lists::disagreements(&c));
    assert_eq!(
        d["items"].as_array().unwrap().len(),
        c.count(Kind::Discrepancy)
    );
    let s = parse(&lists::stats(&c));
    assert_eq!(s["counts"]["quote"], c.count(Kind::Quote));
    assert_eq!(s["records"], c.total_records());
    for seed in [0, 1, 20_110, u32::MAX] {
        let v = parse(&lists::quote_of_the_day(&c, seed).unwrap());
        assert_eq!(v["index"], c.quote_of_the_day(seed.into()).unwrap());
        assert_eq!(v["kind"], "quote");
    }
    for kind in Kind::ALL {
        for (r, rec) in c.records(kind) {
            let v = parse(&lists::find_key(&c, rec.key().as_bytes()).unwrap());
            assert_eq!(
                (v["kind"].as_str(), v["index"].as_u64()),
                (Some(kind.name()), Some(r.index.into()))
            );
        }
    }
}

#[test]
fn the_exports_answer_through_the_buffers() {
    let n = abi::set_input(b"softbank secured");
    let quotes = KindSet::only(Kind::Quote).bits().into();
    let len = abi::feud_search(n, quotes, ANY_ENTITY, 0, 0, 10, 0);
    let out = abi::output();
    assert_eq!(out.len(), len as usize);
    assert_eq!(parse(&out)["total"], 1);

    // More bytes than were reserved, an unknown kind, a missing record.
    abi::feud_search(n + 1, ALL, ANY_ENTITY, 0, 0, 10, 0);
    assert_eq!(parse(&abi::output())["error"]["code"], "invalid-argument");
    abi::feud_record(6, 0);
    assert_eq!(parse(&abi::output())["error"]["code"], "invalid-argument");
    abi::feud_record(256 + 2, 0);
    assert_eq!(parse(&abi::output())["error"]["code"], "invalid-argument");
    abi::feud_record(2, 1 << 24);
    assert_eq!(parse(&abi::output())["error"]["code"], "not-found");
    abi::feud_record(2, 0);
    assert_eq!(parse(&abi::output())["kind"], "quote");

    assert!(abi::feud_input(MAX_INPUT + 1).is_null());
    assert!(!abi::feud_input(MAX_INPUT).is_null());

    let key = b"q-softbank-well-under-10b";
    abi::feud_find_key(abi::set_input(key));
    assert_eq!(parse(&abi::output())["kind"], "quote");
    let check = |len: u32| {
        let out = abi::output();
        assert_eq!(out.len(), len as usize);
        let v = parse(&out);
        assert!(v.get("error").is_none(), "{out}");
        v
    };
    assert!(check(abi::feud_timeline(0, 0))["items"].is_array());
    assert!(check(abi::feud_thread(0))["quotes"].is_array());
    assert!(check(abi::feud_disagreements())["items"].is_array());
    assert_eq!(check(abi::feud_quote_of_the_day(7))["kind"], "quote");
    assert!(check(abi::feud_stats())["counts"].is_object());
}

/// A small deterministic generator (SplitMix64), so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn num(&mut self) -> u32 {
        // Mostly small and edge values, sometimes anything.
        match self.next() % 4 {
            0 => (self.next() % 8) as u32,
            1 => u32::MAX - (self.next() % 3) as u32,
            2 => (self.next() % 300) as u32,
            _ => self.next() as u32,
        }
    }
}

#[test]
fn arbitrary_input_always_gets_json_back() {
    let mut rng = Rng(14);
    let alphabet: Vec<char> = "abc softbank musk \"*$—“é🇺🇸 \u{0}\n\\-'".chars().collect();
    for _ in 0..1000 {
        let len = (rng.next() % 40) as usize;
        let bytes: Vec<u8> = if rng.next().is_multiple_of(3) {
            (0..len).map(|_| rng.next() as u8).collect()
        } else {
            (0..len)
                .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
                .collect::<String>()
                .into_bytes()
        };
        let n = abi::set_input(&bytes);
        let check = |len: u32| {
            let out = abi::output();
            assert_eq!(out.len(), len as usize);
            assert!(parse(&out).is_object(), "{out}");
        };
        check(abi::feud_search(
            n,
            rng.num(),
            rng.num(),
            rng.num(),
            rng.num(),
            rng.num(),
            rng.num(),
        ));
        check(abi::feud_search(
            n,
            ALL,
            ANY_ENTITY,
            0,
            0,
            rng.num() % 250,
            rng.num() % 4,
        ));
        check(abi::feud_search(rng.num(), ALL, ANY_ENTITY, 0, 0, 10, 1));
        check(abi::feud_find_key(n));
        check(abi::feud_record(rng.num(), rng.num()));
        check(abi::feud_timeline(rng.num(), rng.num()));
        check(abi::feud_thread(rng.num()));
        check(abi::feud_quote_of_the_day(rng.num()));
    }
}
