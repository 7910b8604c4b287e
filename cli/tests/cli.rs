//! The `feud` command as a user runs it: what each command prints, in text
//! and JSON, blob export and `--blob`, `compile` and its seed check, help,
//! version, completions and the man page. Bad input is in `bad_input.rs`.

mod common;
use common::*;

#[test]
fn search_ranks_limits_and_says_how_many_it_shows() {
    let out = ok(&["search", "softbank", "secured", "--kind", "quote"]);
    assert!(
        out.starts_with("1 match for \"softbank secured\", then 1 closest match\n"),
        "{out}"
    );
    // Strict: every word, literally; no closest matches.
    let strict = ok(&[
        "search", "--strict", "softbank", "secured", "--kind", "quote",
    ]);
    assert!(
        strict.starts_with("1 match for \"softbank secured\"\n"),
        "{strict}"
    );
    // No record has every word: the closest matches, saying so.
    let partial = ok(&["search", "softbank", "hoffman", "--limit", "2"]);
    assert!(
        partial.starts_with("no record has every word; closest matches:\n"),
        "{partial}"
    );
    assert_eq!(partial.lines().filter(|l| l.starts_with("- ")).count(), 2);
    assert_eq!(
        ok(&["search", "--strict", "softbank", "hoffman"]),
        "no matches for \"softbank hoffman\"\n"
    );
    let typo = ok(&["search", "altamn", "stargte", "--limit", "1"]);
    assert!(typo.contains("did you mean: altman stargate\n"), "{typo}");
    assert!(
        out.contains("SoftBank has well under $10B secured."),
        "{out}"
    );
    assert!(out.contains("Elon Musk"));
    let out = ok(&["search", "musk"]);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("showing 10 of ") && first.ends_with(" matches for \"musk\""),
        "{first}"
    );
    assert_eq!(out.lines().filter(|l| l.starts_with("- ")).count(), 10);
    // Limits are clamped to what exists: all matches, whatever N says.
    let all = ok(&["search", "softbank", "--limit", "99999999999"]);
    let total: usize = all.split(' ').next().unwrap().parse().expect(&all);
    assert_eq!(all.lines().filter(|l| l.starts_with("- ")).count(), total);
    let none = ok(&["search", "softbank", "--limit", "0"]);
    assert_eq!(
        none,
        format!("showing 0 of {total} matches for \"softbank\"\n")
    );
    assert_eq!(
        ok(&["search", "zzyzx"]),
        "no matches for \"zzyzx\"\n",
        "no hits still says so"
    );
}

#[test]
fn json_search_ends_with_a_summary_even_without_hits() {
    let lines = json_lines(&ok(&["--json", "search", "altman", "--limit", "3"]));
    assert_eq!(lines.len(), 4);
    let summary = &lines[3];
    assert_eq!(summary["kind"], "summary");
    assert_eq!(summary["returned"], 3);
    assert!(summary["total"].as_u64().unwrap() > 3, "{summary}");
    assert_eq!(summary["query"], "altman");
    for hit in &lines[..3] {
        assert!(hit["field"].is_string() && hit["match"].is_array(), "{hit}");
    }
    assert_eq!(
        ok(&["--json", "search", "zzyzx"]),
        "{\"kind\":\"summary\",\"query\":\"zzyzx\",\"total\":0,\"returned\":0,\"partial\":0,\"did_you_mean\":null}\n"
    );
    let d = json_lines(&ok(&["--json", "search", "altman"]));
    assert_eq!(d.len(), 11, "default limit is 10, then the summary");
}

#[test]
fn show_and_json_carry_every_field() {
    let q = &json_lines(&ok(&[
        "--json",
        "show",
        "quote",
        "q-wrong-as-you-surely-know",
    ]))[0];
    assert_eq!(q["kind"], "quote");
    assert_eq!(q["id"], "q-wrong-as-you-surely-know");
    assert_eq!(q["date"], "2025-01-22");
    assert_eq!(q["speaker"], "Sam Altman");
    assert_eq!(q["speaker_id"], "sam-altman");
    assert_eq!(q["reply_to"]["id"], "q-softbank-well-under-10b");
    assert_eq!(q["reply_to"]["speaker"], "Elon Musk");
    assert!(q["context"].as_str().unwrap().contains("SoftBank claim"));
    assert_eq!(q["text_sources"][0], "003_e1ebc3a689099601.txt");
    let variants = q["variants"].as_array().unwrap();
    assert!(variants.len() >= 2, "{q}");
    assert!(variants.iter().any(
        |v| v["text"].as_str().unwrap().contains("put America first")
            && v["sources"][0] == "003_e1ebc3a689099601.txt"
    ));
    // The root lists its replies.
    let root = &json_lines(&ok(&[
        "--json",
        "show",
        "quote",
        "q-softbank-well-under-10b",
    ]))[0];
    assert_eq!(root["replies"][0]["id"], "q-wrong-as-you-surely-know");
    // Figures name who claims and who disputes them.
    let f = &json_lines(&ok(&["--json", "show", "figure", "fig-stargate-total"]))[0];
    assert_eq!(f["claimed_by"][0]["name"], "Donald Trump");
    assert_eq!(f["disputed_by"][0]["id"], "elon-musk");
    assert_eq!(f["phrasings"].as_array().unwrap().len(), 5);
    // Inferred dates say how, in JSON and in text.
    assert_eq!(f["date_inferred"], true);
    let note = f["date_note"].as_str().unwrap();
    assert!(note.starts_with("Announced on Tuesday"), "{note}");
    let text = ok(&["show", "figure", "fig-stargate-total"]);
    assert!(
        text.contains(&format!("  date: 2025-01-21 (inferred: {note})")),
        "{text}"
    );
    assert!(text.contains("  claimed by: Donald Trump\n  disputed by: Elon Musk\n"));
    let text = ok(&["show", "quote", "q-wrong-as-you-surely-know"]);
    for want in [
        "  context: Altman rejects Musk's SoftBank claim",
        "  printed so in: 003_e1ebc3a689099601.txt",
        "  variant in 001_e96f8df4d7c379f6.txt: “[Wrong, as you surely know.",
        "  in reply to: q-softbank-well-under-10b (Elon Musk: “SoftBank has well under $10B",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    // Month precision is shortened to YYYY-MM.
    let tl = ok(&["--json", "timeline", "--from", "2024-06", "--to", "2024-06"]);
    assert!(tl.contains("\"date\":\"2024-06\""), "{tl}");
    // Sources by seed file name.
    let s = ok(&["show", "source", "001_e96f8df4d7c379f6.txt"]);
    assert!(
        s.contains("  outlet: The Hill\n  published: 2025-01-23 (inferred: No dateline."),
        "{s}"
    );
}

#[test]
fn stats_keys_are_spelled_right() {
    let s = &json_lines(&ok(&["--json", "stats"]))[0];
    let c = feudfacts::Corpus::embedded();
    let count = |k| c.count(k);
    use feudfacts::Kind;
    for (key, n) in [
        ("sources", count(Kind::Source)),
        ("entities", count(Kind::Entity)),
        ("quotes", count(Kind::Quote)),
        ("events", count(Kind::Event)),
        ("figures", count(Kind::Figure)),
        ("discrepancies", count(Kind::Discrepancy)),
    ] {
        assert_eq!(s[key], n, "{key} in {s}");
    }
    assert!(s.get("entitys").is_none() && s.get("discrepancys").is_none());
    let text = ok(&["stats"]);
    let ent = format!("entities      {}\n", count(Kind::Entity));
    let dis = format!("discrepancies {}\n", count(Kind::Discrepancy));
    assert!(text.contains(&ent) && text.contains(&dis), "{text}");
    // The embedded (full) corpus carries the word index.
    assert!(
        text.contains("word index    ") && text.contains(" words, "),
        "{text}"
    );
}

#[test]
fn who_finds_what_search_finds() {
    assert!(ok(&["who", "@sama"]).starts_with("Sam Altman (person)\n"));
    let nadella = ok(&["who", "nadella"]);
    assert!(nadella.starts_with("Satya Nadella (person)\n"), "{nadella}");
    assert!(nadella.contains("USD 80 billion"), "his quote: {nadella}");
    // The same entity as search's.
    let hit = &json_lines(&ok(&["--json", "search", "nadella", "--kind", "entity"]))[0];
    let who = &json_lines(&ok(&["--json", "who", "NADELLA"]))[0];
    assert_eq!(hit["id"], who["id"]);
    assert!(ok(&["who", "the", "president"]).starts_with("Donald Trump (person)\n"));
    // --entity follows the same rule.
    let q = ok(&["search", "billion", "--entity", "nadella"]);
    assert!(q.contains("USD 80 billion"), "{q}");
    assert_eq!(q, ok(&["search", "billion", "--entity", "Satya Nadella"]));
    fails(
        &["who", "nadela"],
        2,
        "no entity named `nadela`; did you mean Satya Nadella?",
    );
}

#[test]
fn thread_random_timeline_and_dates() {
    let t = ok(&["thread", "q-wrong-as-you-surely-know"]);
    let musk = t.find("SoftBank has well under").unwrap();
    let altman = t.find("surely know").unwrap();
    assert!(musk < altman, "root first:\n{t}");
    assert!(
        t.contains("\n    “wrong, as you surely know."),
        "replies indented:\n{t}"
    );
    let depth: Vec<u64> = json_lines(&ok(&["--json", "thread", "q-softbank-well-under-10b"]))
        .iter()
        .map(|l| l["depth"].as_u64().unwrap())
        .collect();
    assert_eq!(depth, [0, 1]);
    assert_eq!(
        ok(&["random", "--seed", "42"]),
        ok(&["random", "--seed", "42"])
    );
    let tl = ok(&["timeline"]);
    assert!(tl.lines().next().unwrap().starts_with("2015"), "{tl}");
    let range = ok(&["timeline", "--from", "2025-01-21", "--to", "2025-01-23"]);
    assert!(!range.is_empty());
    assert!(
        range.contains("Sam Altman: “wrong, as you surely know. / want to come"),
        "{range}"
    );
    for line in range.lines() {
        assert!(
            line.starts_with("2025-01-2") || line.starts_with("2025-01 "),
            "{line}"
        );
    }
    // One rule for reversed ranges, in search and timeline alike.
    let msg = "reversed date range: --from 2025-01-23 is after --to 2025-01-21";
    fails(
        &[
            "search",
            "stargate",
            "--from",
            "2025-01-23",
            "--to",
            "2025-01-21",
        ],
        2,
        msg,
    );
    fails(
        &["timeline", "--from", "2025-01-23", "--to", "2025-01-21"],
        2,
        msg,
    );
}

#[test]
fn export_blob_then_query_it_and_refuse_a_corrupted_copy() {
    let dir = temp_dir("export");
    let path = dir.join("feud.blob");
    let p = path.to_str().unwrap();
    let said = ok(&["export-blob", p]);
    let len = std::fs::metadata(&path).unwrap().len();
    assert_eq!(said, format!("wrote {len} bytes to {p}\n"));
    let a = ok(&["--blob", p, "--json", "search", "stargate"]);
    let b = ok(&["--json", "search", "stargate"]);
    assert_eq!(a, b);
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    fails(&["--blob", p, "stats"], 2, "checksum");
    std::fs::write(&path, &bytes[..100]).unwrap();
    fails(&["--blob", p, "stats"], 2, "truncated");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn compile_checks_quotes_or_says_it_did_not() {
    let dir = temp_dir("compile");
    let src = root().join("corpus/feud.toml");
    let src = src.to_str().unwrap();
    let out = dir.join("c.blob");
    let o = out.to_str().unwrap();
    // Without seeds: a warning that the quotes went unchecked.
    let r = feud(&["compile", src, o, "--profile", "compact"]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert_eq!(
        stderr(&r),
        "feud: warning: quotes were not checked against 5 of 5 articles (no --seeds DIR given)\n"
    );
    assert!(stdout(&r).ends_with("(quotes checked against 0 of 5 articles)\n"));
    // --require-seeds makes that an error, and so does a folder missing some.
    fails(
        &["compile", src, o, "--require-seeds"],
        2,
        "--require-seeds: give the articles' folder",
    );
    let partial = dir.join("seeds");
    std::fs::create_dir_all(&partial).unwrap();
    let seeds = root().join("../shared/seeds");
    if seeds.is_dir() {
        let a = "000_7f333b0c98d5ccfb.txt";
        std::fs::copy(seeds.join(a), partial.join(a)).unwrap();
    }
    let part = partial.to_str().unwrap();
    fails(
        &["compile", src, o, "--seeds", part, "--require-seeds"],
        2,
        "--require-seeds: quotes were not checked against ",
    );
    let r = feud(&["compile", src, o, "--seeds", part]);
    assert!(r.status.success());
    assert!(
        stderr(&r).contains("001_e96f8df4d7c379f6.txt, 002_3229c837a92db49a.txt"),
        "names the missing articles: {}",
        stderr(&r)
    );
    if seeds.is_dir() {
        let r = feud(&[
            "compile",
            src,
            o,
            "--seeds",
            seeds.to_str().unwrap(),
            "--require-seeds",
        ]);
        assert!(r.status.success(), "{}", stderr(&r));
        assert_eq!(stderr(&r), "", "all checked, nothing to warn about");
        assert!(stdout(&r).ends_with("(quotes checked against 5 of 5 articles)\n"));
    } else {
        println!("SKIPPED: the checked compile needs ../shared/seeds");
    }

    let stats = ok(&["--blob", o, "stats"]);
    assert!(stats.contains("quotes        25"), "{stats}");
    let r = feud(&["compile", src, o, "--profile", "compact"]);
    assert!(r.status.success());
    let stats = ok(&["--blob", o, "stats"]);
    // The compact profile leaves the word index out unless asked for it.
    assert!(stats.contains("word index    none"), "{stats}");
    assert!(
        feud(&["compile", src, o, "--profile", "compact", "--index", "on"])
            .status
            .success()
    );
    let stats = ok(&["--blob", o, "stats"]);
    assert!(stats.contains(" words, "), "{stats}");
    // Both blobs answer the same.
    let with = ok(&["--blob", o, "--json", "search", "stargate"]);
    assert!(
        feud(&["compile", src, o, "--profile", "compact", "--index", "off"])
            .status
            .success()
    );
    let without = ok(&["--blob", o, "--json", "search", "stargate"]);
    assert_eq!(with, without);
    assert!(with.contains("Stargate"));
    // A broken source names the record and field.
    let bad = dir.join("bad.toml");
    let text = std::fs::read_to_string(src).unwrap().replacen(
        "speaker = \"elon-musk\"",
        "speaker = \"elon\"",
        1,
    );
    std::fs::write(&bad, text).unwrap();
    fails(&["compile", bad.to_str().unwrap(), o], 2, "field `speaker`");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_everywhere_and_a_version() {
    let v = ok(&["--version"]);
    assert_eq!(v, format!("feud {}\n", env!("CARGO_PKG_VERSION")));
    let help = ok(&["--help"]);
    for cmd in [
        "search",
        "show",
        "timeline",
        "who",
        "thread",
        "random",
        "stats",
        "export-blob",
        "compile",
        "kiosk",
        "completions",
        "man",
    ] {
        assert!(
            help.contains(&format!("\n  {cmd} ")),
            "{cmd} not listed:\n{help}"
        );
        for flag in ["--help", "-h"] {
            let h = ok(&[cmd, flag]);
            assert!(
                h.contains(&format!("Usage: feud {cmd}")),
                "{cmd} {flag}:\n{h}"
            );
        }
        let h = ok(&["help", cmd]);
        assert!(h.contains("Examples:\n"), "{cmd} has no examples:\n{h}");
    }
    // --help is help, never a value.
    let dir = temp_dir("help");
    let r = command(["export-blob", "--help"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(r.status.success());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "wrote a file");
    assert!(!ok(&["search", "--help"]).contains("matches for"));
    // `--` makes it a query.
    assert!(ok(&["search", "--", "--help"]).contains(" for \"--help\"\n"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn completions_and_man_pages_come_from_the_same_definition() {
    let bash = ok(&["completions", "bash"]);
    assert!(
        bash.contains("_feud()") && bash.contains("export-blob"),
        "{bash}"
    );
    assert!(bash.contains("--require-seeds"));
    let zsh = ok(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef feud"), "{zsh}");
    let fish = ok(&["completions", "fish"]);
    assert!(fish.contains("complete -c feud"), "{fish}");
    let man = ok(&["man"]);
    assert!(
        man.contains(".TH feud 1") && man.contains("export\\-blob"),
        "{man}"
    );
    let page = ok(&["man", "search"]);
    assert!(
        page.contains(".TH feud-search 1") && page.contains("\\-\\-limit"),
        "{page}"
    );
    // bash accepts the script.
    let bash_ok = std::process::Command::new("bash")
        .args(["-n", "-c", &bash])
        .status();
    if let Ok(s) = bash_ok {
        assert!(s.success(), "bash -n refused the completion script");
    }
}
