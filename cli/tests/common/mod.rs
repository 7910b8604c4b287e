//! Running the built `feud` as a user does: arguments (any bytes), where
//! stdout goes, and what comes back.
#![allow(dead_code)]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// An argument from bytes, so tests can pass input that is not UTF-8.
pub fn arg(b: &[u8]) -> OsString {
    OsString::from_vec(b.to_vec())
}

/// The command, ready to run.
pub fn command<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    let mut c = Command::new(env!("CARGO_BIN_EXE_feud"));
    c.args(args.into_iter().map(Into::into));
    c.env_remove("NO_COLOR");
    c
}

/// Runs `feud ARGS` with stdin closed and output captured.
pub fn feud<S: AsRef<str>>(args: &[S]) -> Output {
    command(args.iter().map(|s| s.as_ref().to_owned()))
        .stdin(Stdio::null())
        .output()
        .expect("run feud")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Succeeds and returns stdout.
pub fn ok<S: AsRef<str>>(args: &[S]) -> String {
    let o = feud(args);
    let a: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    assert!(o.status.success(), "{a:?}: {}", stderr(&o));
    stdout(&o)
}

/// Fails with status `code` and one line on stderr containing `needle`.
pub fn fails<S: AsRef<str>>(args: &[S], code: i32, needle: &str) {
    let o = feud(args);
    let a: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(code), "{a:?}: {err}");
    assert!(o.stdout.is_empty(), "{a:?} printed {:?}", stdout(&o));
    assert_eq!(err.lines().count(), 1, "{a:?}: one line: {err:?}");
    assert!(err.contains(needle), "{a:?}: {err:?} lacks {needle:?}");
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// A fresh, empty temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("feud-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Every JSON line of an output, parsed.
pub fn json_lines(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}
