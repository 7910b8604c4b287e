//! `feud compile`: a TOML corpus to a checked blob, without cargo.
//!
//! Quotes and figure phrasings are checked byte-for-byte against the articles
//! they cite when those articles are in `--seeds DIR`. Any cited article that
//! is not there (no `--seeds` at all, or a folder missing some) means some
//! quotes went unchecked: a warning names them, and `--require-seeds` makes
//! it an error, for release builds that must not ship an unchecked quote.

use crate::args::{CompileArgs, OnOff, ProfileArg};
use crate::failure::Failure;
use feudfacts::{Corpus, Kind};
use feudfacts_compile::{Options, Profile};
use std::io::Write;

/// Runs `feud compile`; warnings go to `err`.
pub fn run(out: &mut dyn Write, err: &mut dyn Write, a: &CompileArgs) -> Result<(), Failure> {
    let profile = match a.profile {
        ProfileArg::Full => Profile::Full,
        ProfileArg::Compact => Profile::Compact,
    };
    let mut options = Options::for_profile(profile);
    if let Some(i) = a.index {
        options.word_index = i == OnOff::On;
    }
    let src = a.source.display();
    if a.require_seeds && a.seeds.is_none() {
        return Err(Failure::Input(
            "--require-seeds: give the articles' folder with --seeds DIR".into(),
        ));
    }
    let text = std::fs::read_to_string(&a.source)
        .map_err(|e| Failure::Input(format!("cannot read {src}: {e}")))?;
    let articles = match &a.seeds {
        Some(dir) => Some(feudfacts_compile::read_articles(dir).ok_or_else(|| {
            Failure::Input(format!("cannot read the articles in {}", dir.display()))
        })?),
        None => None,
    };
    let blob = feudfacts_compile::compile_opts(&text, articles.as_ref(), options)
        .map_err(|e| Failure::Input(format!("{src}: {}", one_line(&e.to_string()))))?;
    // Check it the way the library will before writing it.
    let corpus = Corpus::from_bytes(&blob.bytes)
        .map_err(|e| Failure::Input(format!("compiled blob is invalid: {e}")))?;
    let missing: Vec<String> = corpus
        .records(Kind::Source)
        .map(|(_, r)| r.key().to_string())
        .filter(|k| articles.as_ref().is_none_or(|a| !a.contains_key(k)))
        .collect();
    let checked = corpus.count(Kind::Source) - missing.len();
    if !missing.is_empty() {
        let why = match &a.seeds {
            None => "no --seeds DIR given".to_string(),
            Some(dir) => format!(
                "not in {}: {}",
                dir.display(),
                missing
                    .iter()
                    .map(|k| format!("{k}.txt"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let msg = format!(
            "quotes were not checked against {} of {} articles ({why})",
            missing.len(),
            corpus.count(Kind::Source)
        );
        if a.require_seeds {
            return Err(Failure::Input(format!("--require-seeds: {msg}")));
        }
        // A warning that cannot be written is still only a warning.
        let _ = writeln!(err, "feud: warning: {msg}");
    }
    std::fs::write(&a.out, &blob.bytes).map_err(|e| Failure::writing(&a.out, e))?;
    writeln!(
        out,
        "wrote {} bytes to {} (quotes checked against {checked} of {} articles)",
        blob.bytes.len(),
        a.out.display(),
        corpus.count(Kind::Source)
    )?;
    Ok(())
}

/// A TOML parse error's first line and its reason (the last line), without
/// the source excerpt between them: errors are one line.
fn one_line(msg: &str) -> String {
    let mut lines = msg.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    match lines.next_back() {
        Some(reason) => format!("{first}: {reason}"),
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn multi_line_errors_become_one() {
        let toml = "TOML parse error at line 1, column 10\n  |\n1 | FEUDFACT x\n  |          ^\nkey with no value, expected `=`\n\n";
        assert_eq!(
            super::one_line(toml),
            "TOML parse error at line 1, column 10: key with no value, expected `=`"
        );
        assert_eq!(super::one_line("plain"), "plain");
    }
}
