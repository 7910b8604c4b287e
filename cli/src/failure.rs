//! How a command fails: one line on stderr and an exit status.
//!
//! Status 2 is for what the user asked (bad usage, an unknown id, an invalid
//! query or blob, a reversed date range), status 1 for output that cannot be
//! written (a full disk, `/dev/full`, a device that went away). A closed pipe
//! is not a failure: the reader has what it wanted (`feud search x | head
//! -1`), so the command stops quietly with status 0, as `head` users expect.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// Bad usage or input: exit status 2.
    Input(String),
    /// Writing `what` (stdout, a file, a device) failed: exit status 1, or
    /// 0 without a message for a closed pipe.
    Write {
        /// What was being written.
        what: String,
        /// Why it failed.
        err: io::Error,
    },
}

impl Failure {
    /// A write to `path` failed.
    pub fn writing(path: &Path, err: io::Error) -> Failure {
        Failure::Write {
            what: path.display().to_string(),
            err,
        }
    }

    /// Prints the message (if any) and gives the exit status.
    pub fn report(self) -> ExitCode {
        let (msg, code) = match self {
            Failure::Input(msg) => (msg, 2),
            Failure::Write { err, .. } if err.kind() == io::ErrorKind::BrokenPipe => {
                return ExitCode::SUCCESS
            }
            Failure::Write { what, err } => (format!("cannot write {what}: {err}"), 1),
        };
        // If stderr itself is gone there is nobody left to tell.
        let _ = writeln!(io::stderr(), "feud: {msg}");
        ExitCode::from(code)
    }
}

/// A failed write to stdout (what `?` on an output `io::Error` means).
impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Failure {
        Failure::Write {
            what: "to stdout".into(),
            err,
        }
    }
}

impl From<String> for Failure {
    fn from(msg: String) -> Failure {
        Failure::Input(msg)
    }
}

impl From<&str> for Failure {
    fn from(msg: &str) -> Failure {
        Failure::Input(msg.into())
    }
}
