//! `feud kiosk` as a user runs it: the built binary, its exit status and the
//! frames it prints to a pipe, a file standing in for a serial device, and
//! with `--once`.

mod common;
use common::*;
use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

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
fn once_prints_every_frame_padded_for_a_20x4_display() {
    let text = ok(&[
        "kiosk", "--cols", "20", "--rows", "4", "--once", "--seed", "7",
    ]);
    let fs = frames(&text);
    assert!(fs.len() > 20, "{} frames", fs.len());
    let total = fs.len();
    for (i, (head, lines)) in fs.iter().enumerate() {
        assert!(head.starts_with(&format!("{}/{total} ", i + 1)), "{head}");
        assert_eq!(lines.len(), 4, "{head}: {lines:?}");
        for l in lines {
            assert!(
                l.len() == 20 && l.bytes().all(|b| (b' '..=b'~').contains(&b)),
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
    let again = ok(&[
        "kiosk", "--cols", "20", "--rows", "4", "--once", "--seed", "7",
    ]);
    assert_eq!(again, text);
}

#[test]
fn a_blob_file_is_used() {
    let dir = temp_dir("kiosk-blob");
    let blob = dir.join("feud.blob");
    let p = blob.to_str().expect("utf-8 path");
    ok(&["export-blob", p]);
    let from_file = ok(&["--blob", p, "kiosk", "--once", "--seed", "3"]);
    assert_eq!(from_file, ok(&["kiosk", "--once", "--seed", "3"]));
    std::fs::write(&blob, b"not a blob").expect("write");
    fails(&["--blob", p, "kiosk", "--once"], 2, "invalid blob");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn looping_to_a_pipe_sends_bare_frames_at_the_interval() {
    let mut child = command([
        "kiosk",
        "--cols",
        "16",
        "--rows",
        "2",
        "--interval",
        "0.1",
        "--seed",
        "1",
    ])
    .stdout(Stdio::piped())
    .spawn()
    .expect("run feud");
    let mut stdout = child.stdout.take().expect("stdout");
    let start = Instant::now();
    // Four frames of 2 lines of 16 characters and a newline.
    let mut buf = vec![0u8; 4 * 2 * 17];
    stdout.read_exact(&mut buf).expect("four frames");
    let took = start.elapsed();
    child.kill().ok();
    child.wait().ok();
    let text = String::from_utf8(buf).expect("ASCII");
    for line in text.lines() {
        assert_eq!(line.len(), 16, "{line:?}");
        assert!(
            !line.starts_with("==="),
            "a section line on a pipe: {line:?}"
        );
    }
    // Three waits of 0.1 s at least between the first and the fourth.
    assert!(took >= Duration::from_millis(300), "{took:?}");
    let once = ok(&[
        "kiosk", "--cols", "16", "--rows", "2", "--once", "--seed", "1",
    ]);
    let want: Vec<&str> = once
        .lines()
        .filter(|l| !l.starts_with("==="))
        .take(8)
        .collect();
    assert_eq!(text.lines().collect::<Vec<_>>(), want);
}

#[test]
fn serial_output_has_cr_lf_and_no_section_lines() {
    let dir = temp_dir("kiosk-serial");
    let dev = dir.join("ttyFAKE");
    std::fs::write(&dev, b"").unwrap();
    let d = dev.to_str().unwrap();
    let said = ok(&[
        "kiosk", "--serial", d, "--once", "--cols", "16", "--rows", "2", "--seed", "4",
    ]);
    assert_eq!(said, "", "nothing on stdout");
    let sent = String::from_utf8(std::fs::read(&dev).unwrap()).unwrap();
    let once = ok(&[
        "kiosk", "--once", "--cols", "16", "--rows", "2", "--seed", "4",
    ]);
    let want: String = once
        .lines()
        .filter(|l| !l.starts_with("==="))
        .map(|l| format!("{l}\r\n"))
        .collect();
    assert_eq!(sent, want);
    // --crlf gives the same bytes on stdout, for `> /dev/ttyUSB0`.
    let crlf = command([
        "kiosk", "--crlf", "--cols", "16", "--rows", "2", "--seed", "4", "--once",
    ])
    .output()
    .unwrap();
    let crlf = String::from_utf8(crlf.stdout).unwrap();
    assert!(crlf.starts_with("=== 1/") && crlf.contains("\r\n"));
    fails(
        &["kiosk", "--serial", "/nonexistent/tty", "--once"],
        2,
        "cannot open /nonexistent/tty",
    );
    std::fs::remove_dir_all(&dir).ok();
}
