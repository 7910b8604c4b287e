//! Kiosk mode: the corpus as a playlist of frames for a character LCD.
//!
//! `feud kiosk --cols 20 --rows 4 [--interval SECS] [--once] [--seed N]
//! [--blob FILE]` renders a playlist — the timeline of events, every quote,
//! the quote of the day and the January 22 thread — as frames of at most
//! `rows` lines of at most `cols` characters, printable ASCII only (text goes
//! through [`feudfacts::translit`]), each record wrapped with
//! [`feudfacts::wrap`] and paginated over as many frames as it needs. A
//! character display has no `?`-free font beyond ASCII, which is why.
//!
//! Each frame is printed after a delimiter line `=== N/TOTAL SECTION` (not
//! part of the frame). `--once` prints every frame once and exits (tests,
//! piping to a serial display); otherwise the playlist loops, one frame every
//! `--interval` seconds (default 5), clearing the screen first on a terminal.
//! `--seed` picks the quote of the day (default: days since 1970-01-01), so
//! the same seed always gives the same frames.

use feudfacts::{
    translit, wrap, write_line, Charset, Corpus, Filter, Hit, Kind, KindSet, RecordRef,
};
use std::io::{IsTerminal, Write};
use std::time::Duration;

const USAGE: &str =
    "usage: feud kiosk [--cols N] [--rows N] [--interval SECS] [--once] [--seed N] [--blob FILE]";

/// Kiosk options.
#[derive(Debug, Clone, PartialEq)]
struct Options {
    cols: usize,
    rows: usize,
    interval: Duration,
    once: bool,
    seed: Option<u64>,
    blob: Option<String>,
}

/// One screenful: at most `rows` lines of at most `cols` ASCII characters.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Frame {
    section: &'static str,
    lines: Vec<String>,
}

/// Runs kiosk mode with the arguments after `kiosk`.
pub fn run(args: &[String]) -> Result<(), String> {
    let opts = parse(args)?;
    let bytes;
    let corpus = match &opts.blob {
        Some(path) => {
            bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            Corpus::from_bytes(&bytes).map_err(|e| format!("{path}: invalid blob: {e}"))?
        }
        None => Corpus::embedded(),
    };
    let seed = opts.seed.unwrap_or_else(today);
    let frames = playlist(&corpus, opts.cols, opts.rows, seed)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = if opts.once {
        frames
            .iter()
            .enumerate()
            .try_for_each(|(i, f)| print_frame(&mut out, i, frames.len(), f))
    } else {
        let clear = std::io::stdout().is_terminal();
        (0..frames.len()).cycle().try_for_each(|i| {
            if clear {
                write!(out, "\x1b[2J\x1b[H")?;
            }
            print_frame(&mut out, i, frames.len(), &frames[i])?;
            out.flush()?;
            std::thread::sleep(opts.interval);
            Ok(())
        })
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // The reader went away (`| head`): not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write: {e}")),
    }
}

fn print_frame(out: &mut impl Write, i: usize, n: usize, f: &Frame) -> std::io::Result<()> {
    writeln!(out, "=== {}/{} {}", i + 1, n, f.section)?;
    for line in &f.lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        cols: 20,
        rows: 4,
        interval: Duration::from_secs(5),
        once: false,
        seed: None,
        blob: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--cols" => o.cols = number(&value("--cols")?, "--cols", 8, 1000)?,
            "--rows" => o.rows = number(&value("--rows")?, "--rows", 1, 1000)?,
            "--seed" => {
                let v = value("--seed")?;
                o.seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed: `{v}` is not a whole number"))?,
                );
            }
            "--interval" => {
                let v = value("--interval")?;
                let secs: f64 = v
                    .parse()
                    .map_err(|_| format!("--interval: `{v}` is not a number of seconds"))?;
                if !(0.0..=86_400.0).contains(&secs) {
                    return Err(format!("--interval: {v} is not between 0 and 86400"));
                }
                o.interval = Duration::from_secs_f64(secs);
            }
            "--once" => o.once = true,
            "--blob" => o.blob = Some(value("--blob")?),
            other => return Err(format!("kiosk: unexpected argument `{other}`\n{USAGE}")),
        }
    }
    Ok(o)
}

fn number(v: &str, name: &str, min: usize, max: usize) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("{name}: `{v}` is not a number from {min} to {max}")),
    }
}

/// Days since 1970-01-01: the default seed, so the quote changes daily.
fn today() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400)
}

/// The one-line rendering of a record ([`write_line`]), grown to fit.
fn line_of(corpus: &Corpus<'_>, r: RecordRef) -> Option<String> {
    let mut buf = vec![0u8; 256];
    let needed = write_line(corpus, r, &mut buf)?;
    if needed > buf.len() {
        buf.resize(needed, 0);
        write_line(corpus, r, &mut buf)?;
    }
    buf.truncate(needed);
    String::from_utf8(buf).ok()
}

/// `s` in printable ASCII: the library's transliteration, and any other
/// control character (there should be none) as a space.
fn ascii(s: &str) -> String {
    translit(s, Charset::Ascii)
        .map(|c| {
            if c == '\n' || (' '..='~').contains(&c) {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// Splits `text` into frames of `rows` lines of at most `cols` characters.
fn paginate(section: &'static str, text: &str, cols: usize, rows: usize) -> Vec<Frame> {
    let ascii = ascii(text);
    let lines: Vec<String> = wrap(&ascii, cols).map(str::to_owned).collect();
    lines
        .chunks(rows.max(1))
        .map(|chunk| Frame {
            section,
            lines: chunk.to_vec(),
        })
        .collect()
}

/// Altman's "wrong, as you surely know" reply (found by content, so it holds
/// for any corpus carrying the exchange).
fn january_22_reply(corpus: &Corpus<'_>) -> Option<u32> {
    let filter = Filter {
        mode: feudfacts::Mode::Strict,
        kinds: KindSet::only(Kind::Quote),
        entity: corpus.entity_by_name("@sama"),
        from: None,
        to: None,
    };
    let mut hit = [Hit::EMPTY; 1];
    let found = corpus
        .search_str("\"surely know\"", &filter, &mut hit)
        .ok()?;
    (found.returned == 1).then_some(hit[0].record.index)
}

/// The whole playlist: timeline, quotes, quote of the day, January 22 thread.
fn playlist(
    corpus: &Corpus<'_>,
    cols: usize,
    rows: usize,
    seed: u64,
) -> Result<Vec<Frame>, String> {
    let mut frames = Vec::new();
    let missing = |what: &str| format!("kiosk: the corpus has no {what}");
    // The timeline: events in date order (quotes get their own section).
    for (r, _) in corpus.timeline().filter(|(r, _)| r.kind == Kind::Event) {
        let line = line_of(corpus, r).ok_or_else(|| missing("readable event"))?;
        frames.extend(paginate("timeline", &line, cols, rows));
    }
    // Every quote: the dated ones in date order, then the undated.
    let dated = corpus
        .timeline()
        .filter(|(r, _)| r.kind == Kind::Quote)
        .map(|(r, _)| r);
    let undated = (0..corpus.count(Kind::Quote) as u32)
        .map(|i| RecordRef::new(Kind::Quote, i))
        .filter(|&r| corpus.date_of(r).is_none());
    for r in dated.chain(undated) {
        let line = line_of(corpus, r).ok_or_else(|| missing("readable quote"))?;
        frames.extend(paginate("quotes", &line, cols, rows));
    }
    let qotd = corpus
        .quote_of_the_day(seed)
        .ok_or_else(|| missing("quotes"))?;
    let line = line_of(corpus, RecordRef::new(Kind::Quote, qotd))
        .ok_or_else(|| missing("readable quote"))?;
    frames.extend(paginate(
        "quote of the day",
        &format!("Quote of the day:\n{line}"),
        cols,
        rows,
    ));
    let reply = january_22_reply(corpus).ok_or_else(|| missing("January 22 exchange"))?;
    let mut first = true;
    for (q, depth) in corpus.thread(reply) {
        let line = line_of(corpus, RecordRef::new(Kind::Quote, q))
            .ok_or_else(|| missing("readable quote"))?;
        let head = if first { "The Jan 22 thread:\n" } else { "" };
        let reply_mark = if depth > 0 { "> " } else { "" };
        frames.extend(paginate(
            "thread",
            &format!("{head}{reply_mark}{line}"),
            cols,
            rows,
        ));
        first = false;
    }
    if frames.is_empty() {
        return Err(missing("records to show"));
    }
    Ok(frames)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    fn frames(cols: usize, rows: usize, seed: u64) -> Vec<Frame> {
        playlist(&Corpus::embedded(), cols, rows, seed).expect("playlist")
    }

    /// All of a section's words, in order, across its frames.
    fn words<'a>(fs: impl Iterator<Item = &'a Frame>) -> Vec<String> {
        fs.flat_map(|f| f.lines.iter())
            .flat_map(|l| l.split_whitespace())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_frame_fits_the_display_in_printable_ascii() {
        for (cols, rows) in [(20, 4), (16, 2), (8, 1), (40, 2)] {
            let fs = frames(cols, rows, 1);
            assert!(fs.len() > 10, "{cols}x{rows}: only {} frames", fs.len());
            for f in &fs {
                assert!(!f.lines.is_empty() && f.lines.len() <= rows, "{f:?}");
                for l in &f.lines {
                    assert!(l.chars().count() <= cols, "{cols} cols: {l:?}");
                    assert!(l.chars().all(|c| (' '..='~').contains(&c)), "{l:?}");
                }
            }
        }
    }

    #[test]
    fn pagination_keeps_every_word() {
        let c = Corpus::embedded();
        let reply = january_22_reply(&c).expect("the reply");
        let line = line_of(&c, RecordRef::new(Kind::Quote, reply)).expect("line");
        let fs = paginate("t", &line, 20, 4);
        assert!(fs.len() > 1, "the reply needs more than one 20x4 frame");
        let want: Vec<String> = ascii(&line).split_whitespace().map(str::to_owned).collect();
        assert_eq!(words(fs.iter()), want);
        // Transliterated, not dropped: the flag is spelled out.
        assert!(want.iter().any(|w| w == "[US"), "{want:?}");
    }

    #[test]
    fn playlist_has_all_sections_in_order() {
        let fs = frames(20, 4, 3);
        let mut order: Vec<&str> = fs.iter().map(|f| f.section).collect();
        order.dedup();
        assert_eq!(order, ["timeline", "quotes", "quote of the day", "thread"]);
        // The timeline section is every event's line, in date order, no word lost.
        let c = Corpus::embedded();
        let want: Vec<String> = c
            .timeline()
            .filter(|(r, _)| r.kind == Kind::Event)
            .flat_map(|(r, _)| {
                let line = line_of(&c, r).expect("line");
                ascii(&line)
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(!want.is_empty());
        assert_eq!(words(fs.iter().filter(|f| f.section == "timeline")), want);
    }

    #[test]
    fn thread_shows_the_january_22_exchange() {
        let fs = frames(20, 4, 0);
        let thread = words(fs.iter().filter(|f| f.section == "thread")).join(" ");
        assert!(
            thread.starts_with(
                "The Jan 22 thread: Elon Musk (2025-01-22): SoftBank has well under $10B secured."
            ),
            "{thread}"
        );
        assert!(
            thread.contains("> Sam Altman (2025-01-22): wrong, as you surely know."),
            "{thread}"
        );
    }

    #[test]
    fn seed_is_deterministic_and_picks_the_quote_of_the_day() {
        assert_eq!(frames(20, 4, 42), frames(20, 4, 42));
        let qotd = |seed| {
            words(
                frames(20, 4, seed)
                    .iter()
                    .filter(|f| f.section == "quote of the day"),
            )
        };
        let distinct: std::collections::HashSet<_> = (0..8).map(qotd).collect();
        assert!(distinct.len() > 1, "every seed gave the same quote");
        let c = Corpus::embedded();
        let q = c.quote_of_the_day(42).expect("qotd");
        let line = line_of(&c, RecordRef::new(Kind::Quote, q)).expect("line");
        let mut want = vec!["Quote".to_owned(), "of".into(), "the".into(), "day:".into()];
        want.extend(ascii(&line).split_whitespace().map(str::to_owned));
        assert_eq!(qotd(42), want);
    }

    #[test]
    fn options_parse_and_bad_ones_are_refused() {
        let o = parse(&args(
            "--cols 16 --rows 2 --interval 0.5 --once --seed 9 --blob x",
        ))
        .unwrap();
        assert_eq!(
            o,
            Options {
                cols: 16,
                rows: 2,
                interval: Duration::from_millis(500),
                once: true,
                seed: Some(9),
                blob: Some("x".into()),
            }
        );
        assert_eq!(parse(&[]).unwrap().cols, 20);
        for bad in [
            "--cols 0",
            "--cols 7",
            "--cols abc",
            "--rows 0",
            "--rows",
            "--seed -1",
            "--interval -2",
            "--interval nan",
            "--interval 1e9",
            "--frobnicate",
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn a_bad_blob_is_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join(format!("feud-kiosk-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.blob");
        std::fs::write(&path, b"FEUDFACT but not a blob").unwrap();
        let p = path.to_string_lossy().into_owned();
        let err = run(&args(&format!("--once --blob {p}"))).unwrap_err();
        assert!(err.contains("invalid blob"), "{err}");
        assert!(run(&args("--once --blob /nonexistent/feud.blob")).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }
}
