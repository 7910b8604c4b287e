//! `--json` output against its published schema, docs/feud-json.schema.json:
//! every record of every kind (through `show`), search hits and summaries
//! (also with no hits), threads, timelines, `who`, `random` and `stats`. And
//! the schema is strict enough to matter: a misspelt or missing member fails.

mod common;
use common::*;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("docs/feud-json.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::meta::validate(&schema).expect("the schema is a valid draft 2020-12 schema");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn check(v: &jsonschema::Validator, args: &[&str]) -> Vec<Value> {
    let lines = json_lines(&ok(args));
    assert!(!lines.is_empty(), "{args:?} printed nothing");
    for line in &lines {
        let errors: Vec<String> = v.iter_errors(line).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{args:?}: {line}\n{errors:#?}");
    }
    lines
}

#[test]
fn every_command_s_json_matches_the_schema() {
    let v = validator();
    let stats = &check(&v, &["--json", "stats"])[0];
    let kinds = [
        ("source", "sources"),
        ("entity", "entities"),
        ("quote", "quotes"),
        ("event", "events"),
        ("figure", "figures"),
        ("discrepancy", "discrepancies"),
    ];
    for (kind, plural) in kinds {
        let n = stats[plural].as_u64().unwrap();
        assert!(n > 0, "{plural}");
        for i in 0..n {
            let line = &check(&v, &["--json", "show", kind, &i.to_string()])[0];
            assert_eq!(line["kind"], kind);
            assert_eq!(line["index"], i);
        }
    }
    for q in [
        "musk",
        "softbank secured",
        "\"surely know\"",
        "stargate",
        "billion",
        "altman",
        "zzyzx",
    ] {
        let lines = check(&v, &["--json", "search", q, "--limit", "500"]);
        let summary = lines.last().unwrap();
        assert_eq!(summary["kind"], "summary");
        assert_eq!(
            summary["returned"].as_u64().unwrap() as usize,
            lines.len() - 1
        );
    }
    let hits = check(&v, &["--json", "search", "stargate", "--limit", "500"]);
    let found: std::collections::HashSet<&str> =
        hits.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert!(found.len() >= 4, "search covers several kinds: {found:?}");
    check(&v, &["--json", "thread", "q-softbank-well-under-10b"]);
    check(&v, &["--json", "timeline"]);
    check(&v, &["--json", "who", "@sama"]);
    check(&v, &["--json", "random", "--seed", "3"]);
}

#[test]
fn the_schema_refuses_what_the_output_must_not_be() {
    let v = validator();
    let good = &json_lines(&ok(&[
        "--json",
        "show",
        "quote",
        "q-wrong-as-you-surely-know",
    ]))[0];
    assert!(v.is_valid(good));
    let edit = |f: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut x = good.clone();
        f(x.as_object_mut().unwrap());
        x
    };
    for (what, bad) in [
        (
            "an unknown member",
            edit(&|m| drop(m.insert("entitys".into(), 1.into()))),
        ),
        ("no id", edit(&|m| drop(m.remove("id")))),
        ("no variants", edit(&|m| drop(m.remove("variants")))),
        (
            "a bad date",
            edit(&|m| drop(m.insert("date".into(), "22 Jan 2025".into()))),
        ),
        (
            "an unknown kind",
            edit(&|m| drop(m.insert("kind".into(), "planet".into()))),
        ),
        (
            "a field without a match",
            edit(&|m| drop(m.insert("field".into(), "text".into()))),
        ),
    ] {
        assert!(!v.is_valid(&bad), "the schema accepts {what}");
    }
    let stats = &json_lines(&ok(&["--json", "stats"]))[0];
    let mut misspelt = stats.clone();
    let m = misspelt.as_object_mut().unwrap();
    let n = m.remove("entities").unwrap();
    m.insert("entitys".into(), n);
    assert!(v.is_valid(stats) && !v.is_valid(&misspelt));
}
