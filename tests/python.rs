//! The Python package (`python/feudfacts/`, ctypes) from `cargo test`: runs
//! its unittest suite (`python/tests/`) and the example script with `python3`
//! against the source tree and the release `libfeudfacts.so`, asserting on
//! the example's output. `ci/install.sh` runs the same suite against the
//! wheel installed in a fresh virtualenv.

mod support;

use std::process::Command;
use support::{repo, run, FFI};

fn python() -> Command {
    let mut cmd = Command::new("python3");
    cmd.env("FEUDFACTS_LIB", FFI.get().shared_lib())
        .env("PYTHONDONTWRITEBYTECODE", "1");
    cmd
}

/// `python3 -m unittest discover` in python/: every test of the package
/// passes (those that need an installed wheel skip).
#[test]
fn python_unittest_suite_passes() {
    let out = python()
        .current_dir(repo().join("python"))
        .args([
            "-m", "unittest", "discover", "-v", "-s", "tests", "-t", "tests",
        ])
        .output()
        .expect("run python3");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "python tests failed:\n{err}");
    // unittest reports on stderr: "Ran N tests ... OK".
    assert!(err.contains("\nOK"), "{err}");
    let ran: usize = err
        .split("Ran ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("unittest summary");
    assert!(ran >= 30, "only {ran} Python tests ran:\n{err}");
    // The package's own command, through the source tree.
    let main = run(python().current_dir(repo().join("python")).args([
        "-m",
        "feudfacts",
        "surely",
        "know",
    ]));
    assert!(
        main.contains("Sam Altman (2025-01-22): wrong, as you surely know."),
        "{main}"
    );
}

/// The example script searches, prints the thread and refuses bad queries.
#[test]
fn python_example_searches_and_prints() {
    let script = repo().join("examples/python/feud_search.py");
    let search = run(python().arg(&script).arg("softbank"));
    assert!(search.contains("hits for 'softbank'"), "{search}");
    assert!(
        search.contains(
            "[quote q-softbank-well-under-10b] Elon Musk (2025-01-22): SoftBank has well under \
             $10B secured. I have that on good authority."
        ),
        "{search}"
    );
    let filtered = run(python().arg(&script).args([
        "--kind",
        "quote",
        "--speaker",
        "@sama",
        "surely",
        "know",
    ]));
    assert!(
        filtered.contains("Sam Altman (2025-01-22): wrong, as you surely know."),
        "{filtered}"
    );
    assert!(!filtered.contains("Elon Musk ("), "{filtered}");

    let thread = run(python()
        .arg(&script)
        .args(["--thread", "--ascii", "surely know"]));
    let musk = thread.find("Elon Musk (2025-01-22): SoftBank has well under $10B");
    let altman = thread.find("  > Sam Altman (2025-01-22): wrong, as you surely know.");
    assert!(
        musk.is_some() && altman.is_some() && musk < altman,
        "{thread}"
    );
    assert!(thread.contains("[US flag] first."), "{thread}");

    let day = run(python().arg(&script).args(["--timeline", "2025-01-22"]));
    assert!(
        day.contains("SoftBank has well under $10B secured."),
        "{day}"
    );

    let out = python().arg(&script).arg("").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("query is empty"));
}
