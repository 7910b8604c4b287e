//! The `feud` command as a user runs it: output, JSON lines, exit codes and
//! one-line errors, blob export and `--blob`, and `compile`.

use std::process::{Command, Output};

fn feud(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_feud"))
        .args(args)
        .output()
        .expect("run feud")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn fails_with_one_line(args: &[&str], needle: &str) {
    let o = feud(args);
    assert!(!o.status.success(), "{args:?} should fail");
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(err.contains(needle), "{args:?}: {err:?}");
}

#[test]
fn search_ranks_and_limits() {
    let o = feud(&["search", "softbank", "secured", "--kind", "quote"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("SoftBank has well under $10B secured."),
        "{out}"
    );
    assert!(out.contains("Elon Musk"));
    let o = feud(&["--json", "search", "altman", "--limit", "3"]);
    assert_eq!(stdout(&o).lines().count(), 3);
    let o = feud(&["--json", "search", "altman"]);
    assert_eq!(stdout(&o).lines().count(), 10, "default limit is 10");
}

#[test]
fn json_lines_carry_kind_id_text_date_speaker_and_sources() {
    let o = feud(&["--json", "show", "quote", "q-wrong-as-you-surely-know"]);
    assert!(o.status.success());
    let line = stdout(&o);
    assert_eq!(line.lines().count(), 1);
    for want in [
        "\"kind\":\"quote\"",
        "\"id\":\"q-wrong-as-you-surely-know\"",
        "\"date\":\"2025-01-22\"",
        "\"speaker\":\"Sam Altman\"",
        "\"003_e1ebc3a689099601.txt\"",
        "surely know",
        "\"reply_to\":\"q-softbank-well-under-10b\"",
    ] {
        assert!(line.contains(want), "missing {want} in {line}");
    }
    // Month precision is shortened to YYYY-MM.
    let o = feud(&["--json", "timeline", "--from", "2024-06", "--to", "2024-06"]);
    assert!(
        stdout(&o).contains("\"date\":\"2024-06\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn thread_who_random_stats_timeline() {
    let t = stdout(&feud(&["thread", "q-wrong-as-you-surely-know"]));
    let musk = t.find("SoftBank has well under").unwrap();
    let altman = t.find("surely know").unwrap();
    assert!(musk < altman, "root first:\n{t}");
    assert!(stdout(&feud(&["who", "@sama"])).starts_with("Sam Altman (person)"));
    assert_eq!(
        stdout(&feud(&["random", "--seed", "42"])),
        stdout(&feud(&["random", "--seed", "42"]))
    );
    let stats = stdout(&feud(&["stats"]));
    assert!(stats.contains("quote        25"));
    // The embedded (full) corpus carries the word index.
    assert!(
        stats.contains("word index   ") && stats.contains(" words, "),
        "{stats}"
    );
    let tl = stdout(&feud(&["timeline"]));
    assert!(tl.lines().next().unwrap().starts_with("2015"), "{tl}");
}

#[test]
fn unknown_commands_kinds_and_ids_fail_with_one_line() {
    fails_with_one_line(&["frobnicate"], "unknown command");
    fails_with_one_line(&["show", "quote", "q-nope"], "no quote with id");
    fails_with_one_line(&["show", "planet", "x"], "unknown kind");
    fails_with_one_line(&["search", "x", "--kind", "planet"], "unknown kind");
    fails_with_one_line(
        &["show", "quote", "sam-altman"],
        "is an entity, not a quote",
    );
    fails_with_one_line(&["thread", "q-nope"], "no quote");
    fails_with_one_line(&["search", ""], "query is empty");
    fails_with_one_line(&["search", "x", "--limit", "many"], "bad --limit");
    fails_with_one_line(&["timeline", "--from", "Jan"], "bad date");
    fails_with_one_line(
        &["--blob", "/nonexistent/feud.blob", "stats"],
        "cannot read",
    );
}

#[test]
fn export_blob_then_query_it_and_refuse_a_corrupted_copy() {
    let dir = std::env::temp_dir().join(format!("feud-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("feud.blob");
    let p = path.to_str().unwrap();
    assert!(feud(&["export-blob", p]).status.success());
    let a = stdout(&feud(&["--blob", p, "--json", "search", "stargate"]));
    let b = stdout(&feud(&["--json", "search", "stargate"]));
    assert_eq!(a, b);
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    fails_with_one_line(&["--blob", p, "stats"], "checksum");
    std::fs::write(&path, &bytes[..100]).unwrap();
    fails_with_one_line(&["--blob", p, "stats"], "truncated");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn compile_turns_an_edited_corpus_into_a_checked_blob() {
    let dir = std::env::temp_dir().join(format!("feud-compile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/feud.toml");
    let out = dir.join("c.blob");
    let o = feud(&[
        "compile",
        src,
        out.to_str().unwrap(),
        "--profile",
        "compact",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stats = stdout(&feud(&["--blob", out.to_str().unwrap(), "stats"]));
    assert!(stats.contains("quote        25"));
    // The compact profile leaves the word index out unless asked for it.
    assert!(stats.contains("word index   none"), "{stats}");
    let o = feud(&[
        "compile",
        src,
        out.to_str().unwrap(),
        "--profile",
        "compact",
        "--index",
        "on",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stats = stdout(&feud(&["--blob", out.to_str().unwrap(), "stats"]));
    assert!(stats.contains(" words, "), "{stats}");
    // Both blobs answer the same.
    let with = stdout(&feud(&[
        "--blob",
        out.to_str().unwrap(),
        "--json",
        "search",
        "stargate",
    ]));
    let o = feud(&[
        "compile",
        src,
        out.to_str().unwrap(),
        "--profile",
        "compact",
        "--index",
        "off",
    ]);
    assert!(o.status.success());
    let without = stdout(&feud(&[
        "--blob",
        out.to_str().unwrap(),
        "--json",
        "search",
        "stargate",
    ]));
    assert_eq!(with, without);
    assert!(with.contains("Stargate"));
    fails_with_one_line(
        &["compile", src, out.to_str().unwrap(), "--index", "maybe"],
        "--index",
    );
    // A broken source names the record and field.
    let bad = dir.join("bad.toml");
    let text = std::fs::read_to_string(src).unwrap().replacen(
        "speaker = \"elon-musk\"",
        "speaker = \"elon\"",
        1,
    );
    std::fs::write(&bad, text).unwrap();
    fails_with_one_line(
        &["compile", bad.to_str().unwrap(), out.to_str().unwrap()],
        "field `speaker`",
    );
    std::fs::remove_dir_all(&dir).ok();
}
