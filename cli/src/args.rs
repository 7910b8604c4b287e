//! The command line: every command, option and value check, declared once.
//!
//! Parsed by clap's derive API, so `--help` (with examples), `--version`,
//! errors with exit status 2, shell completions (`feud completions`) and the
//! man page (`feud man`) all come from these definitions. Free text — queries,
//! names, ids — is taken as `OsString`, so input that is not UTF-8 reaches the
//! library and gets its `InvalidUtf8` error rather than a panic. Numbers that
//! size an output (`--limit`) are only upper bounds: the commands clamp them
//! to what the corpus holds.

use clap::{Args, Parser, Subcommand, ValueEnum};
use feudfacts::{Date, Kind};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

/// Search and browse a sourced fact base on the January 2025 Musk–Altman feud.
#[derive(Debug, Parser)]
#[command(
    name = "feud",
    version,
    after_help = "\
Examples:
  feud search softbank secured
  feud search trump --kind quote --limit 3
  feud show quote q-wrong-as-you-surely-know
  feud who nadella
  feud --json search stargate

Exit status: 0 on success (also when the reader of the output goes away,
as with `| head`), 1 when the output cannot be written, 2 for bad usage or
input (an unknown id, an invalid query or blob, a reversed date range)."
)]
pub struct Cli {
    /// Read the corpus from this blob file instead of the embedded one (it
    /// is validated first).
    #[arg(long, global = true, value_name = "FILE")]
    pub blob: Option<PathBuf>,
    /// One JSON object per line (schema: docs/feud-json.schema.json).
    #[arg(long, global = true)]
    pub json: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search every record; words are ANDed, best matches first.
    #[command(after_help = "\
Query language: words must all match, as whole words; \"a phrase\" matches
consecutive words; prefix* matches word starts; case, accents and typography
are ignored (don't finds don’t). A query starting with `-` needs `--` first.

Examples:
  feud search softbank secured
  feud search 'altman \"surely know\"'
  feud search trump --kind quote --limit 3
  feud search stargate --entity musk --from 2025-01-21 --to 2025-01-23
  feud --json search softbank")]
    Search(SearchArgs),
    /// Show every field of one record.
    #[command(after_help = "\
ID is the record's key (as `feud search` prints it in [KIND KEY]), a seed file
name for sources, or the record's index.

Examples:
  feud show quote q-wrong-as-you-surely-know
  feud show figure fig-stargate-total
  feud show source 003_e1ebc3a689099601.txt
  feud show event 0")]
    Show {
        /// The record's kind.
        #[arg(value_enum)]
        kind: KindArg,
        /// Its key or index.
        id: OsString,
    },
    /// The dated quotes and events in date order.
    #[command(after_help = "\
A date of month or year precision is in a range when any day of it is.

Examples:
  feud timeline
  feud timeline --from 2025-01
  feud timeline --from 2025-01-21 --to 2025-01-23")]
    Timeline(DateRange),
    /// An entity, found by name, alias or any word of them, with its quotes.
    #[command(after_help = "\
Finds what `feud search --kind entity` finds: an exact name or alias first
(`@sama`, `little finger`), else the one entity whose name or alias has every
word (`nadella`). Case and typography are ignored; near misses get suggestions.

Examples:
  feud who @sama
  feud who nadella
  feud who the president")]
    Who {
        /// The name, alias, key or words of them.
        #[arg(required = true, num_args = 1..)]
        name: Vec<OsString>,
    },
    /// The reply thread around a quote, root first.
    #[command(after_help = "\
Examples:
  feud thread q-softbank-well-under-10b
  feud thread q-wrong-as-you-surely-know")]
    Thread {
        /// The quote's key or index.
        quote: OsString,
    },
    /// A quote of the day.
    #[command(after_help = "\
Examples:
  feud random
  feud random --seed 7")]
    Random {
        /// Picks the quote; the same seed always gives the same quote
        /// (default: days since 1970-01-01 in UTC, so it changes daily).
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        seed: Option<u64>,
    },
    /// How many records of each kind, and the blob's sizes.
    #[command(after_help = "\
Examples:
  feud stats
  feud --json stats
  feud --blob feud.blob stats")]
    Stats,
    /// Write the corpus blob to a file.
    #[command(after_help = "\
Examples:
  feud export-blob feud.blob
  feud --blob feud.blob stats")]
    ExportBlob {
        /// Where to write it.
        file: PathBuf,
    },
    /// Compile a TOML corpus into a blob without cargo.
    #[command(after_help = "\
Without --seeds the quotes and figure phrasings are not checked against the
articles, and a warning says so; --require-seeds makes that an error.

Examples:
  feud compile corpus/feud.toml feud.blob --seeds ../shared/seeds
  feud compile corpus/feud.toml small.blob --profile compact --require-seeds --seeds ../shared/seeds")]
    Compile(CompileArgs),
    /// Frames for a character display (LCD, VFD, serial terminal).
    #[command(after_help = "\
Every frame is exactly ROWS lines of exactly COLS printable ASCII characters.
Section lines (`=== N/TOTAL SECTION`) are printed only with --once or on a
terminal; --serial never sends them.

Examples:
  feud kiosk --once --cols 16 --rows 2 --seed 7
  feud kiosk --cols 20 --rows 4 --interval 8
  stty -F /dev/ttyUSB0 9600 raw && feud kiosk --serial /dev/ttyUSB0")]
    Kiosk(KioskArgs),
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  feud completions bash > ~/.local/share/bash-completion/completions/feud
  feud completions zsh > ~/.zfunc/_feud
  feud completions fish > ~/.config/fish/completions/feud.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "\
Examples:
  feud man | man -l -
  feud man search > feud-search.1")]
    Man {
        /// A command's own page (feud-COMMAND) instead of feud(1).
        command: Option<String>,
    },
}

/// `feud search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several words are joined with spaces).
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<OsString>,
    /// Only records of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Print at most N hits (the count of all matches is always given; any
    /// N above the number of records means all of them).
    #[arg(long, value_name = "N", default_value = "10", value_parser = limit,
          allow_negative_numbers = true)]
    pub limit: u64,
    /// Only records involving this entity (found as `feud who` finds it).
    #[arg(long, value_name = "NAME")]
    pub entity: Option<OsString>,
    /// The dates to search in.
    #[command(flatten)]
    pub dates: DateRange,
    /// Every term must match literally (no stems, synonyms, near spellings
    /// or closest matches): the query language as a filter.
    #[arg(long)]
    pub strict: bool,
}

/// `--from` and `--to`.
#[derive(Debug, Args, Clone, Copy)]
pub struct DateRange {
    /// Only records dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub from: Option<Date>,
    /// Only records dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub to: Option<Date>,
}

/// `feud compile`.
#[derive(Debug, Args)]
pub struct CompileArgs {
    /// The corpus source (TOML, see docs/CORPUS.md).
    pub source: PathBuf,
    /// The blob to write.
    pub out: PathBuf,
    /// The folder of articles (`<source id>.txt`) to check quotes against.
    #[arg(long, value_name = "DIR")]
    pub seeds: Option<PathBuf>,
    /// Fail unless every cited article is in --seeds (so every quote is checked).
    #[arg(long)]
    pub require_seeds: bool,
    /// What goes in: everything, or everything but the prose annotations.
    #[arg(long, value_enum, default_value_t = ProfileArg::Full)]
    pub profile: ProfileArg,
    /// The word index (default: on for full, off for compact).
    #[arg(long, value_enum)]
    pub index: Option<OnOff>,
}

/// `feud kiosk`.
#[derive(Debug, Args, Clone, PartialEq)]
pub struct KioskArgs {
    /// Characters per line.
    #[arg(long, value_name = "N", default_value_t = 20, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u16).range(8..=1000))]
    pub cols: u16,
    /// Lines per frame.
    #[arg(long, value_name = "N", default_value_t = 4, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub rows: u16,
    /// Seconds each frame is shown, from 0.1 to 86400.
    #[arg(long, value_name = "SECS", default_value = "5", value_parser = interval,
          allow_negative_numbers = true)]
    pub interval: Duration,
    /// Print every frame once and exit.
    #[arg(long)]
    pub once: bool,
    /// Picks the quote of the day (default: today's date, re-read as the
    /// date changes).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Write the frames to this serial device (configured beforehand, e.g.
    /// with stty), with CR LF line ends and no section lines.
    #[arg(long, value_name = "DEVICE")]
    pub serial: Option<PathBuf>,
    /// End lines with CR LF (implied by --serial), for `> /dev/ttyUSB0`.
    #[arg(long)]
    pub crlf: bool,
}

/// A record kind as an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// An article.
    Source,
    /// A person, company, project…
    Entity,
    /// A verbatim quote.
    Quote,
    /// A dated event.
    Event,
    /// An amount or count.
    Figure,
    /// Where the articles disagree.
    Discrepancy,
}

impl KindArg {
    /// The library's kind.
    pub const fn kind(self) -> Kind {
        match self {
            KindArg::Source => Kind::Source,
            KindArg::Entity => Kind::Entity,
            KindArg::Quote => Kind::Quote,
            KindArg::Event => Kind::Event,
            KindArg::Figure => Kind::Figure,
            KindArg::Discrepancy => Kind::Discrepancy,
        }
    }
}

/// `--profile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// Every field.
    Full,
    /// Without notes, date notes, contexts and roles after the first (firmware).
    Compact,
}

/// `on` or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    /// Yes.
    On,
    /// No.
    Off,
}

fn date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| "use YYYY, YYYY-MM or YYYY-MM-DD (a real date)".into())
}

/// A count that only bounds an output: any run of digits, saturating (the
/// command clamps it to what exists).
fn limit(s: &str) -> Result<u64, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err("not a whole number (0 or more)".into());
    }
    Ok(s.bytes()
        .try_fold(0u64, |n, d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
        .unwrap_or(u64::MAX))
}

fn interval(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| "not a number of seconds".to_string())?;
    if !(0.1..=86_400.0).contains(&secs) {
        return Err("must be from 0.1 to 86400 seconds".into());
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn intervals_below_a_tenth_of_a_second_are_refused() {
        assert_eq!(interval("0.1"), Ok(Duration::from_millis(100)));
        assert_eq!(interval("5"), Ok(Duration::from_secs(5)));
        for bad in ["0", "0.05", "-1", "nan", "inf", "1e9", "x", ""] {
            assert!(interval(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn limits_saturate_and_only_digits_are_numbers() {
        assert_eq!(limit("0"), Ok(0));
        assert_eq!(limit("10"), Ok(10));
        assert_eq!(limit("99999999999999999999999"), Ok(u64::MAX));
        for bad in ["", "-1", "+1", "1.5", "ten", "1e3", " 1"] {
            assert!(limit(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn kiosk_options_parse() {
        let cli = Cli::try_parse_from([
            "feud",
            "kiosk",
            "--cols",
            "16",
            "--rows",
            "2",
            "--interval",
            "0.5",
            "--once",
            "--seed",
            "9",
        ])
        .unwrap();
        let Command::Kiosk(k) = cli.command else {
            panic!("not kiosk")
        };
        assert_eq!(
            k,
            KioskArgs {
                cols: 16,
                rows: 2,
                interval: Duration::from_millis(500),
                once: true,
                seed: Some(9),
                serial: None,
                crlf: false,
            }
        );
        for bad in [
            "--cols 0",
            "--cols 7",
            "--cols 1001",
            "--cols abc",
            "--rows 0",
            "--rows",
            "--seed -1",
            "--interval -2",
            "--interval 0",
            "--interval nan",
            "--interval 1e9",
            "--frobnicate",
        ] {
            let mut args = vec!["feud", "kiosk"];
            args.extend(bad.split_whitespace());
            assert!(Cli::try_parse_from(args).is_err(), "{bad} accepted");
        }
    }
}
