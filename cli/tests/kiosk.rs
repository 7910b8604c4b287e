//! `feud kiosk` as a user runs it: the built binary, its exit status and the
//! frames it prints.

use std::process::Command;

fn feud(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_feud"))
        .args(args)
        .output()
        .expect("run feud")
}

/// The frames of `--once` output: the lines after each `=== N/TOTAL` line.
fn frames(stdout: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in stdout.lines() {
        if let Some(head) = line.strip_prefix("=== ") {
            out.push((head.to_owned(), Vec::new()));
        } else {
            out.last_mut()
                .expect("output starts with a delimiter")
                .1
                .push(line.to_owned());
        }
    }
    out
}

#[test]
fn once_prints_every_frame_for_a_20x4_display() {
    let o = feud(&[
        "kiosk", "--cols", "20", "--rows", "4", "--once", "--seed", "7",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).expect("ASCII output");
    let fs = frames(&text);
    assert!(fs.len() > 20, "{} frames", fs.len());
    let total = fs.len();
    for (i, (head, lines)) in fs.iter().enumerate() {
        assert!(head.starts_with(&format!("{}/{total} ", i + 1)), "{head}");
        assert!((1..=4).contains(&lines.len()), "{head}: {lines:?}");
        for l in lines {
            assert!(
                l.len() <= 20 && l.bytes().all(|b| (b' '..=b'~').contains(&b)),
                "{l:?}"
            );
        }
    }
    for section in ["timeline", "quotes", "quote of the day", "thread"] {
        assert!(
            fs.iter().any(|(h, _)| h.ends_with(section)),
            "no {section} frame"
        );
    }
    assert!(
        text.contains("surely know."),
        "the January 22 reply is missing"
    );
    // Same seed, same frames.
    let again = feud(&[
        "kiosk", "--cols", "20", "--rows", "4", "--once", "--seed", "7",
    ]);
    assert_eq!(String::from_utf8_lossy(&again.stdout), text);
}

#[test]
fn bad_options_fail_with_a_message() {
    for args in [
        &["kiosk", "--cols", "0", "--once"][..],
        &["kiosk", "--rows", "x", "--once"],
        &["kiosk", "--once", "--bogus"],
    ] {
        let o = feud(args);
        assert!(!o.status.success(), "{args:?} succeeded");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with("feud: "), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?} printed frames");
    }
}

#[test]
fn a_blob_file_is_used() {
    let dir = std::env::temp_dir().join(format!("feud-kiosk-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let blob = dir.join("feud.blob");
    let p = blob.to_str().expect("utf-8 path");
    assert!(feud(&["export-blob", p]).status.success());
    let from_file = feud(&["--blob", p, "kiosk", "--once", "--seed", "3"]);
    let embedded = feud(&["kiosk", "--once", "--seed", "3"]);
    assert!(from_file.status.success());
    assert_eq!(from_file.stdout, embedded.stdout);
    std::fs::write(&blob, b"not a blob").expect("write");
    let bad = feud(&["--blob", p, "kiosk", "--once"]);
    assert!(!bad.status.success());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn without_once_the_playlist_loops() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_feud"))
        .args([
            "kiosk",
            "--cols",
            "20",
            "--rows",
            "4",
            "--interval",
            "0",
            "--seed",
            "1",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run feud");
    let stdout = child.stdout.take().expect("stdout");
    let mut firsts = 0;
    let mut total = None;
    for line in BufReader::new(stdout).lines().take(100_000) {
        let line = line.expect("read");
        if let Some(rest) = line.strip_prefix("=== 1/") {
            let n: usize = rest.split(' ').next().unwrap().parse().expect("total");
            assert!(total.is_none_or(|t| t == n));
            total = Some(n);
            firsts += 1;
            if firsts == 2 {
                break;
            }
        }
    }
    child.kill().ok();
    child.wait().ok();
    assert_eq!(firsts, 2, "the first frame did not come round again");
}
