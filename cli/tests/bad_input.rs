//! Bad input and bad output, through the built `feud`: every command with bad
//! arguments, input that is not UTF-8, a closed pipe and `/dev/full`. Each
//! case asserts the exit status and the message; none may panic (a panic
//! would be status 101 here, 134 in a release build).
//!
//! `cargo test -p feud-cli --test bad_input -- --nocapture` prints the table.

mod common;
use common::*;
use std::ffi::OsString;
use std::process::Stdio;

/// One case: the arguments, the status, and text the message must hold.
struct Case {
    args: Vec<OsString>,
    code: i32,
    needle: &'static str,
}

fn case(args: &[&[u8]], code: i32, needle: &'static str) -> Case {
    Case {
        args: args.iter().map(|a| arg(a)).collect(),
        code,
        needle,
    }
}

fn shown(args: &[OsString]) -> String {
    let v: Vec<String> = args
        .iter()
        .map(|a| {
            let s = a.to_string_lossy();
            if s.is_empty() || s.contains(' ') || s.contains('\u{fffd}') {
                format!("{:?}", a.as_encoded_bytes().escape_ascii().to_string())
            } else {
                s.into_owned()
            }
        })
        .collect();
    v.join(" ")
}

#[test]
fn every_command_refuses_bad_arguments_with_a_message_and_status() {
    let dir = temp_dir("bad-input");
    let bad_blob = dir.join("bad.blob");
    std::fs::write(&bad_blob, b"FEUDFACT but not a blob").unwrap();
    let empty_seeds = dir.join("seeds");
    std::fs::create_dir_all(&empty_seeds).unwrap();
    let src = root().join("corpus/feud.toml");
    let (src, out, blob, seeds) = (
        src.to_str().unwrap().as_bytes().to_vec(),
        dir.join("out.blob").to_str().unwrap().as_bytes().to_vec(),
        bad_blob.to_str().unwrap().as_bytes().to_vec(),
        empty_seeds.to_str().unwrap().as_bytes().to_vec(),
    );
    let (src, out, blob, seeds) = (&src[..], &out[..], &blob[..], &seeds[..]);
    let long = "x ".repeat(150);
    #[rustfmt::skip]
    let cases = [
        case(&[], 2, "Usage: feud [OPTIONS] <COMMAND>"),
        case(&[b"frobnicate"], 2, "unrecognized subcommand 'frobnicate'"),
        case(&[b"\xff"], 2, "unrecognized subcommand"),
        case(&[b"--frobnicate"], 2, "unexpected argument '--frobnicate'"),
        case(&[b"search"], 2, "required arguments were not provided"),
        case(&[b"search", b""], 2, "feud: query is empty"),
        case(&[b"search", b"   "], 2, "feud: query is empty"),
        case(&[b"search", long.as_bytes()], 2, "feud: query is too long (300 bytes, max 256)"),
        case(&[b"search", b"a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7"], 2, "feud: query has too many terms"),
        case(&[b"search", b"--strict", b"a b c d e f g h i"], 2, "feud: query has too many terms"),
        case(&[b"search", b"soft\xffbank"], 2, "feud: QUERY: input is not valid UTF-8 (at byte 4)"),
        case(&[b"search", b"x", b"--kind", b"planet"], 2, "invalid value 'planet' for '--kind <KIND>'"),
        case(&[b"search", b"x", b"--kind", b"\xff"], 2, "invalid value"),
        case(&[b"search", b"x", b"--limit", b"many"], 2, "invalid value 'many' for '--limit <N>'"),
        case(&[b"search", b"x", b"--limit", b"-1"], 2, "invalid value '-1' for '--limit <N>'"),
        case(&[b"search", b"x", b"--entity", b"nobody"], 2, "feud: no entity named `nobody`"),
        case(&[b"search", b"x", b"--entity", b"\xffx"], 2, "feud: --entity: input is not valid UTF-8 (at byte 0)"),
        case(&[b"search", b"x", b"--entity", b"finger"], 2, "feud: `finger` matches 2 entities"),
        case(&[b"search", b"x", b"--from", b"Jan"], 2, "invalid value 'Jan' for '--from <DATE>'"),
        case(&[b"search", b"x", b"--to", b"2025-02-30"], 2, "invalid value '2025-02-30' for '--to <DATE>'"),
        case(&[b"search", b"x", b"--from", b"2025-01-23", b"--to", b"2025-01-21"], 2,
             "feud: reversed date range: --from 2025-01-23 is after --to 2025-01-21"),
        case(&[b"timeline", b"--from", b"2025-01-23", b"--to", b"2025-01-21"], 2,
             "feud: reversed date range: --from 2025-01-23 is after --to 2025-01-21"),
        case(&[b"timeline", b"--from", b"2026", b"--to", b"2025"], 2,
             "feud: reversed date range: --from 2026 is after --to 2025"),
        case(&[b"timeline", b"extra"], 2, "unexpected argument 'extra'"),
        case(&[b"show"], 2, "required arguments were not provided"),
        case(&[b"show", b"planet", b"x"], 2, "invalid value 'planet' for '<KIND>'"),
        case(&[b"show", b"quote", b"q-nope"], 2, "feud: no quote with id `q-nope`"),
        case(&[b"show", b"quote", b"sam-altman"], 2, "feud: `sam-altman` is an entity, not a quote"),
        case(&[b"show", b"quote", b"99999"], 2, "feud: no quote with index 99999 (there are 25, from 0)"),
        case(&[b"show", b"quote", b"q-\xff"], 2, "feud: ID: input is not valid UTF-8 (at byte 2)"),
        case(&[b"thread", b"ev-stargate-announced"], 2, "feud: `ev-stargate-announced` is an event, not a quote"),
        case(&[b"thread", b"q-nope"], 2, "feud: no quote with id `q-nope`"),
        case(&[b"thread", b"\xff"], 2, "feud: QUOTE: input is not valid UTF-8 (at byte 0)"),
        case(&[b"who"], 2, "required arguments were not provided"),
        case(&[b"who", b"nadela"], 2, "feud: no entity named `nadela`; did you mean Satya Nadella?"),
        case(&[b"who", b"zzyzx"], 2, "feud: no entity named `zzyzx`"),
        case(&[b"who", b"\xffx"], 2, "feud: NAME: input is not valid UTF-8 (at byte 0)"),
        case(&[b"who", b"*"], 2, "feud: no entity named `*`"),
        case(&[b"who", b" "], 2, "feud: the name is empty"),
        case(&[b"random", b"--seed", b"-1"], 2, "invalid value '-1' for '--seed <N>'"),
        case(&[b"random", b"--seed", b"99999999999999999999"], 2, "number too large"),
        case(&[b"stats", b"extra"], 2, "unexpected argument 'extra'"),
        case(&[b"--blob"], 2, "a value is required for '--blob <FILE>'"),
        case(&[b"--blob", b"/nonexistent/feud.blob", b"stats"], 2,
             "feud: cannot read /nonexistent/feud.blob: No such file or directory"),
        case(&[b"--blob", blob, b"stats"], 2, "invalid blob: blob is truncated (needs 168 bytes, got 23)"),
        case(&[b"--blob", src, b"stats"], 2, "invalid blob: not a feudfacts blob (bad magic)"),
        case(&[b"--json", b"kiosk", b"--once"], 2, "feud: `kiosk` has no --json output"),
        case(&[b"--json", b"export-blob", out], 2, "feud: `export-blob` has no --json output"),
        case(&[b"export-blob"], 2, "required arguments were not provided"),
        case(&[b"export-blob", b"/nonexistent/dir/f.blob"], 1,
             "feud: cannot write /nonexistent/dir/f.blob: No such file or directory"),
        case(&[b"export-blob", b"/dev/full"], 1, "feud: cannot write /dev/full: No space left on device"),
        case(&[b"compile"], 2, "required arguments were not provided"),
        case(&[b"compile", b"/nonexistent.toml", out], 2, "feud: cannot read /nonexistent.toml"),
        case(&[b"compile", blob, out], 2, "TOML parse error at line 1, column 10: key with no value"),
        case(&[b"compile", src, out, b"--require-seeds"], 2,
             "feud: --require-seeds: give the articles' folder with --seeds DIR"),
        case(&[b"compile", src, out, b"--seeds", b"/nonexistent"], 2,
             "feud: cannot read the articles in /nonexistent"),
        case(&[b"compile", src, out, b"--seeds", seeds, b"--require-seeds"], 2,
             "feud: --require-seeds: quotes were not checked against 5 of 5 articles (not in "),
        case(&[b"compile", src, out, b"--index", b"maybe"], 2, "invalid value 'maybe' for '--index <INDEX>'"),
        case(&[b"compile", src, out, b"--profile", b"tiny"], 2, "invalid value 'tiny' for '--profile <PROFILE>'"),
        case(&[b"--blob", blob, b"compile", src, out], 2, "feud: `compile` does not read --blob"),
        case(&[b"compile", src, b"/nonexistent/dir/out.blob"], 1, "feud: cannot write /nonexistent/dir/out.blob"),
        case(&[b"kiosk", b"--cols", b"7"], 2, "invalid value '7' for '--cols <N>': 7 is not in 8..=1000"),
        case(&[b"kiosk", b"--cols", b"99999999999"], 2, "invalid value '99999999999' for '--cols <N>'"),
        case(&[b"kiosk", b"--rows", b"0"], 2, "invalid value '0' for '--rows <N>': 0 is not in 1..=1000"),
        case(&[b"kiosk", b"--rows", b"x"], 2, "invalid value 'x' for '--rows <N>'"),
        case(&[b"kiosk", b"--interval", b"0"], 2,
             "invalid value '0' for '--interval <SECS>': must be from 0.1 to 86400 seconds"),
        case(&[b"kiosk", b"--interval", b"-2"], 2, "invalid value '-2' for '--interval <SECS>'"),
        case(&[b"kiosk", b"--interval", b"nan"], 2, "invalid value 'nan' for '--interval <SECS>'"),
        case(&[b"kiosk", b"--seed", b"x"], 2, "invalid value 'x' for '--seed <N>'"),
        case(&[b"kiosk", b"--serial", b"/nonexistent/tty"], 2,
             "feud: cannot open /nonexistent/tty: No such file or directory"),
        case(&[b"kiosk", b"--once", b"--bogus"], 2, "unexpected argument '--bogus'"),
        case(&[b"completions"], 2, "required arguments were not provided"),
        case(&[b"completions", b"tcsh"], 2, "invalid value 'tcsh' for '<SHELL>'"),
        case(&[b"man", b"frobnicate"], 2, "feud: no command `frobnicate` (one of: search, show"),
        case(&[b"help", b"frobnicate"], 2, "unrecognized subcommand 'frobnicate'"),
    ];
    println!("| arguments | status | message (first line) |\n| --- | --- | --- |");
    for c in &cases {
        let o = command(c.args.clone())
            .stdin(Stdio::null())
            .output()
            .expect("run feud");
        // compile's warning about unchecked quotes may come first.
        let err: String = stderr(&o)
            .lines()
            .filter(|l| !l.starts_with("feud: warning: "))
            .map(|l| format!("{l}\n"))
            .collect();
        let first = err.lines().next().unwrap_or("");
        println!(
            "| `{}` | {:?} | `{}` |",
            shown(&c.args),
            o.status.code(),
            first
        );
        let what = shown(&c.args);
        assert_eq!(o.status.code(), Some(c.code), "{what}: {err}");
        assert!(
            err.contains(c.needle),
            "{what}: {err:?} lacks {:?}",
            c.needle
        );
        assert!(o.stdout.is_empty(), "{what} printed {:?}", stdout(&o));
        // Ours are one line; clap's are its usual few, starting `error:`
        // (or, for no command at all, the help).
        if err.starts_with("feud: ") {
            assert_eq!(err.lines().count(), 1, "{what}: {err:?}");
        } else if !c.args.is_empty() {
            assert!(err.starts_with("error: "), "{what}: {err:?}");
        }
    }
    assert!(
        !dir.join("out.blob").exists(),
        "a refused compile wrote its output"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// One run of every command that prints something, for the output cases.
fn printing_commands(dir: &std::path::Path) -> Vec<Vec<String>> {
    let src = root().join("corpus/feud.toml").to_str().unwrap().to_owned();
    let out = dir.join("c.blob").to_str().unwrap().to_owned();
    let blob = dir.join("e.blob").to_str().unwrap().to_owned();
    [
        "search musk",
        "--json search musk",
        "search zzyzx",
        "--json search zzyzx",
        "show quote q-wrong-as-you-surely-know",
        "--json show figure 0",
        "timeline",
        "--json timeline",
        "who @sama",
        "thread q-softbank-well-under-10b",
        "random --seed 1",
        "stats",
        "--json stats",
        "kiosk --once",
        "kiosk --interval 0.1",
        "completions bash",
        "completions zsh",
        "completions fish",
        "man",
        "man search",
        "--help",
        "search --help",
        "--version",
        "help kiosk",
    ]
    .iter()
    .map(|c| c.split(' ').map(str::to_owned).collect())
    .chain([
        vec!["export-blob".into(), blob],
        vec!["compile".into(), src, out],
    ])
    .collect()
}

/// Runs `feud args` with nothing on stdin and its stdout going to `out`:
/// the status and what it wrote to stderr.
fn run_printing_to(args: &[String], out: impl Into<Stdio>) -> (std::process::Output, String) {
    let o = command(args)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::piped())
        .output()
        .expect("run feud");
    let err = stderr(&o);
    (o, err)
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = temp_dir("closed-pipe");
    println!("| arguments, stdout a closed pipe | status | stderr |\n| --- | --- | --- |");
    for args in printing_commands(&dir) {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let (o, err) = run_printing_to(&args, writer);
        println!(
            "| `{}` | {:?} | `{}` |",
            args.join(" "),
            o.status.code(),
            err.trim_end()
        );
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        // compile's warning is about the quotes, not the pipe.
        let expect_warning = args[0] == "compile";
        assert_eq!(err.is_empty(), !expect_warning, "{args:?}: {err:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_full_disk_is_one_line_and_status_1() {
    let dir = temp_dir("dev-full");
    println!("| arguments > /dev/full | status | stderr |\n| --- | --- | --- |");
    for args in printing_commands(&dir) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let (o, err) = run_printing_to(&args, full);
        let last = err.lines().last().unwrap_or("");
        println!(
            "| `{}` | {:?} | `{last}` |",
            args.join(" "),
            o.status.code()
        );
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(
            last, "feud: cannot write to stdout: No space left on device (os error 28)",
            "{args:?}"
        );
        let lines = if args[0] == "compile" { 2 } else { 1 };
        assert_eq!(err.lines().count(), lines, "{args:?}: {err:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_full_stderr_is_no_panic_either() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    for args in [&["frobnicate"][..], &["show", "quote", "q-nope"]] {
        let o = command(args.iter().copied())
            .stdin(Stdio::null())
            .stderr(full.try_clone().unwrap())
            .output()
            .expect("run feud");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}
