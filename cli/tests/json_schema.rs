//! `--json` output against its published schema, docs/feud-json.schema.json:
//! every record of every kind (through `show`), search hits and summaries
//! (also with no hits), threads, timelines, `who`, `random` and `stats`. And
//! the schema is strict enough to matter: a misspelt or missing member fails.
//!
//! The validator is the part of JSON Schema draft 2020-12 the schema uses,
//! below, and the test refuses a schema using any keyword it does not
//! implement, so nothing is silently ignored. (The `jsonschema` crate would
//! do the same at about 90 s of extra compile time; the CI budget is one
//! minute.)

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// The keywords [`Validator`] implements: all the schema may use.
const KEYWORDS: &[&str] = &[
    "$schema",
    "title",
    "description",
    "$defs",
    "$ref",
    "allOf",
    "oneOf",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "unevaluatedProperties",
    "dependentRequired",
    "items",
    "minItems",
    "maxItems",
    "minimum",
    "minLength",
    "pattern",
];

struct Validator {
    root: Value,
    /// Every `pattern`, compiled once.
    patterns: std::collections::HashMap<String, regex::Regex>,
}

impl Validator {
    fn load() -> Validator {
        let text = std::fs::read_to_string(root().join("docs/feud-json.schema.json")).unwrap();
        let root: Value = serde_json::from_str(&text).expect("the schema is JSON");
        assert_eq!(
            root["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "draft 2020-12"
        );
        let mut v = Validator {
            root,
            patterns: Default::default(),
        };
        let mut patterns = Vec::new();
        v.check_keywords(&v.root, "#", &mut patterns);
        for p in patterns {
            let re = regex::Regex::new(&p).expect("pattern compiles");
            v.patterns.insert(p, re);
        }
        v
    }

    /// Every keyword in a schema position is implemented and every `$ref`
    /// resolves; collects the patterns.
    fn check_keywords(&self, s: &Value, at: &str, patterns: &mut Vec<String>) {
        let Some(obj) = s.as_object() else {
            assert!(s.is_boolean(), "{at}: a schema is an object or a boolean");
            return;
        };
        for (k, v) in obj {
            assert!(
                KEYWORDS.contains(&k.as_str()),
                "{at}: keyword `{k}` not implemented"
            );
            let here = format!("{at}/{k}");
            match k.as_str() {
                "properties" | "$defs" => {
                    for (name, sub) in v.as_object().unwrap() {
                        self.check_keywords(sub, &format!("{here}/{name}"), patterns);
                    }
                }
                "allOf" | "oneOf" => {
                    for (i, sub) in v.as_array().unwrap().iter().enumerate() {
                        self.check_keywords(sub, &format!("{here}/{i}"), patterns);
                    }
                }
                "items" | "additionalProperties" | "unevaluatedProperties" => {
                    self.check_keywords(v, &here, patterns)
                }
                "$ref" => assert!(self.resolve(v.as_str().unwrap()).is_some(), "{here}: {v}"),
                "pattern" => patterns.push(v.as_str().unwrap().to_owned()),
                _ => {}
            }
        }
    }

    fn resolve(&self, r: &str) -> Option<&Value> {
        self.root.pointer(r.strip_prefix('#')?)
    }

    /// The errors of `v` against the whole schema.
    fn errors(&self, v: &Value) -> Vec<String> {
        let mut errs = Vec::new();
        self.validate(&self.root, v, "", &mut errs);
        errs
    }

    fn is_valid(&self, v: &Value) -> bool {
        self.errors(v).is_empty()
    }

    /// Checks `v` at `path` against schema `s`, adding errors; returns the
    /// properties of `v` that `s` evaluated (for `unevaluatedProperties`).
    fn validate(
        &self,
        s: &Value,
        v: &Value,
        path: &str,
        errs: &mut Vec<String>,
    ) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let obj = match s {
            Value::Bool(true) => return seen,
            Value::Bool(false) => {
                errs.push(format!("{path}: not allowed"));
                return seen;
            }
            Value::Object(o) => o,
            _ => panic!("bad schema"),
        };
        let mut fail = |m: String| errs.push(format!("{path}: {m}"));
        if let Some(t) = obj.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                Value::Array(a) => a.iter().map(|t| t.as_str().unwrap()).collect(),
                _ => panic!("bad type"),
            };
            let is = |t: &str| match t {
                "null" => v.is_null(),
                "boolean" => v.is_boolean(),
                "string" => v.is_string(),
                "array" => v.is_array(),
                "object" => v.is_object(),
                "number" => v.is_number(),
                "integer" => v.is_i64() || v.is_u64(),
                _ => panic!("unknown type {t}"),
            };
            if !types.iter().any(|t| is(t)) {
                fail(format!("{v} is not {types:?}"));
            }
        }
        if let Some(e) = obj.get("enum") {
            if !e.as_array().unwrap().contains(v) {
                fail(format!("{v} is not one of {e}"));
            }
        }
        if let Some(c) = obj.get("const") {
            if c != v {
                fail(format!("{v} is not {c}"));
            }
        }
        if let Some(s) = v.as_str() {
            if let Some(n) = obj.get("minLength").and_then(Value::as_u64) {
                if (s.chars().count() as u64) < n {
                    fail(format!("{v} is shorter than {n}"));
                }
            }
            if let Some(p) = obj.get("pattern").and_then(Value::as_str) {
                if !self.patterns[p].is_match(s) {
                    fail(format!("{v} does not match {p}"));
                }
            }
        }
        if let (Some(n), Some(min)) = (v.as_f64(), obj.get("minimum").and_then(Value::as_f64)) {
            if n < min {
                fail(format!("{v} is under {min}"));
            }
        }
        if let Some(a) = v.as_array() {
            let len = a.len() as u64;
            if obj
                .get("minItems")
                .and_then(Value::as_u64)
                .is_some_and(|n| len < n)
                || obj
                    .get("maxItems")
                    .and_then(Value::as_u64)
                    .is_some_and(|n| len > n)
            {
                fail(format!("{len} items"));
            }
            if let Some(items) = obj.get("items") {
                for (i, x) in a.iter().enumerate() {
                    self.validate(items, x, &format!("{path}/{i}"), errs);
                }
            }
        }
        if let Some(o) = v.as_object() {
            let props = obj.get("properties").and_then(Value::as_object);
            for (k, sub) in props.into_iter().flatten() {
                if let Some(x) = o.get(k) {
                    self.validate(sub, x, &format!("{path}/{k}"), errs);
                    seen.insert(k.clone());
                }
            }
            for k in obj
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !o.contains_key(k.as_str().unwrap()) {
                    errs.push(format!("{path}: no {k}"));
                }
            }
            if let Some(add) = obj.get("additionalProperties") {
                for (k, x) in o {
                    if !props.is_some_and(|p| p.contains_key(k)) {
                        self.validate(add, x, &format!("{path}/{k}"), errs);
                        seen.insert(k.clone());
                    }
                }
            }
            if let Some(d) = obj.get("dependentRequired").and_then(Value::as_object) {
                for (k, needs) in d {
                    for n in needs.as_array().unwrap() {
                        if o.contains_key(k) && !o.contains_key(n.as_str().unwrap()) {
                            errs.push(format!("{path}: {k} without {n}"));
                        }
                    }
                }
            }
        }
        // In-place applicators: their evaluated properties count as ours.
        if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
            let target = self.resolve(r).expect("$ref resolves");
            seen.extend(self.validate(target, v, path, errs));
        }
        for sub in obj
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            seen.extend(self.validate(sub, v, path, errs));
        }
        if let Some(subs) = obj.get("oneOf").and_then(Value::as_array) {
            let mut valid = Vec::new();
            for sub in subs {
                let mut e = Vec::new();
                let got = self.validate(sub, v, path, &mut e);
                if e.is_empty() {
                    valid.push(got);
                }
            }
            match valid.len() {
                1 => seen.extend(valid.pop().unwrap()),
                n => errs.push(format!("{path}: matches {n} of oneOf")),
            }
        }
        if let (Some(u), Some(o)) = (obj.get("unevaluatedProperties"), v.as_object()) {
            for (k, x) in o {
                if !seen.contains(k) {
                    self.validate(u, x, &format!("{path}/{k}"), errs);
                    seen.insert(k.clone());
                }
            }
        }
        seen
    }
}

fn check(v: &Validator, args: &[&str]) -> Vec<Value> {
    let lines = json_lines(&ok(args));
    assert!(!lines.is_empty(), "{args:?} printed nothing");
    for line in &lines {
        let errors = v.errors(line);
        assert!(errors.is_empty(), "{args:?}: {line}\n{errors:#?}");
    }
    lines
}

#[test]
fn every_command_s_json_matches_the_schema() {
    let v = Validator::load();
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
    let v = Validator::load();
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

#[test]
fn the_validator_implements_its_keywords() {
    let schema: Value = serde_json::from_str(
        r##"{
          "oneOf": [{ "$ref": "#/$defs/a" }, { "$ref": "#/$defs/b" }],
          "$defs": {
            "base": { "type": "object", "properties": { "n": { "type": "integer", "minimum": 1 } },
                      "required": ["n"] },
            "a": { "allOf": [{ "$ref": "#/$defs/base" }],
                   "properties": { "k": { "const": "a" }, "s": { "type": ["string", "null"], "minLength": 2 } },
                   "unevaluatedProperties": false },
            "b": { "type": "object", "properties": { "k": { "enum": ["b"] },
                   "xs": { "type": "array", "items": { "type": "boolean" }, "maxItems": 2 } },
                   "dependentRequired": { "xs": ["k"] }, "additionalProperties": false }
          }
        }"##,
    )
    .unwrap();
    let v = Validator {
        root: schema,
        patterns: Default::default(),
    };
    let ok = |j: &str| v.is_valid(&serde_json::from_str(j).unwrap());
    assert!(ok(r#"{"k":"a","n":1}"#));
    assert!(ok(r#"{"k":"a","n":1,"s":null}"#));
    assert!(ok(r#"{"k":"b","xs":[true]}"#));
    for bad in [
        r#"{"k":"a"}"#,                       // required, through allOf
        r#"{"k":"a","n":0}"#,                 // minimum
        r#"{"k":"a","n":1.5}"#,               // integer
        r#"{"k":"a","n":1,"z":1}"#,           // unevaluatedProperties
        r#"{"k":"a","n":1,"s":"x"}"#,         // minLength
        r#"{"k":"b","xs":[1]}"#,              // items
        r#"{"k":"b","xs":[true,true,true]}"#, // maxItems
        r#"{"xs":[]}"#,                       // dependentRequired
        r#"{"k":"c"}"#,                       // oneOf: none
        r#"{"k":"b","n":1}"#,                 // additionalProperties
    ] {
        assert!(!ok(bad), "{bad} accepted");
    }
}
