//! Kiosk mode: the corpus as a playlist of frames for a character display.
//!
//! `feud kiosk` renders a playlist — the timeline of events, every quote,
//! the quote of the day and the January 22 thread — as frames of exactly
//! `--rows` lines of exactly `--cols` characters (padded with spaces), in
//! printable ASCII only (text goes through [`feudfacts::translit`], as a
//! character display has no font beyond ASCII), each record wrapped with
//! [`feudfacts::wrap`] and paginated over as many frames as it needs.
//! Because every frame has the same size, a display that wraps at `cols`
//! shows each one whole, and a reader can split the stream every `rows`
//! lines.
//!
//! `--once` prints every frame once, each after a section line `=== N/TOTAL
//! SECTION`, and exits (tests, inspection). Otherwise the playlist loops, one
//! frame every `--interval` seconds (at least 0.1 s): on a terminal the screen
//! is cleared and the section line shown; to a pipe, a file or `--serial
//! DEVICE` only the frames are sent, with CR LF line ends for `--serial` and
//! `--crlf`. The quote of the day follows `--seed`, or else the date (days
//! since 1970-01-01, UTC), which is read again before every frame, so a
//! kiosk left running for days shows a new quote each day.

use crate::args::KioskArgs;
use crate::browse::today;
use crate::failure::Failure;
use feudfacts::{
    translit, wrap, write_line, Charset, Corpus, Filter, Hit, Kind, KindSet, RecordRef,
};
use std::io::{self, IsTerminal, Write};
use std::time::Duration;

/// One screenful: at most `rows` lines of at most `cols` ASCII characters,
/// padded to exactly that when printed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Frame {
    section: &'static str,
    lines: Vec<String>,
}

/// How frames are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Screen {
    cols: usize,
    rows: usize,
    /// Print the `=== N/TOTAL SECTION` line before each frame.
    headers: bool,
    /// Clear the screen before each frame (a terminal, looping).
    clear: bool,
    eol: &'static str,
}

/// The date and the wait between frames (a fake one in tests).
trait Clock {
    /// Days since 1970-01-01.
    fn today(&mut self) -> u64;
    /// Waits `d`.
    fn sleep(&mut self, d: Duration);
}

struct SystemClock;

impl Clock for SystemClock {
    fn today(&mut self) -> u64 {
        today()
    }
    fn sleep(&mut self, d: Duration) {
        std::thread::sleep(d);
    }
}

/// How frames are written for these options, to a terminal or not:
/// section lines with `--once` or on a terminal, never to a serial device;
/// the screen cleared only on a terminal, looping; CR LF for serial and
/// `--crlf`.
fn screen_for(a: &KioskArgs, terminal: bool) -> Screen {
    let serial = a.serial.is_some();
    let terminal = terminal && !serial;
    Screen {
        cols: a.cols as usize,
        rows: a.rows as usize,
        headers: (a.once || terminal) && !serial,
        clear: terminal && !a.once,
        eol: if a.crlf || serial { "\r\n" } else { "\n" },
    }
}

/// Runs `feud kiosk`, writing to `stdout` unless `--serial` names a device.
pub fn run(corpus: &Corpus<'_>, a: &KioskArgs, stdout: &mut dyn Write) -> Result<(), Failure> {
    let Some(device) = &a.serial else {
        let screen = screen_for(a, io::stdout().is_terminal());
        return show(stdout, corpus, a, screen, &mut SystemClock);
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(device)
        .map_err(|e| Failure::Input(format!("cannot open {}: {e}", device.display())))?;
    let mut port = io::BufWriter::new(file);
    match show(&mut port, corpus, a, screen_for(a, false), &mut SystemClock) {
        Err(Failure::Write { err, .. }) => Err(Failure::writing(device, err)),
        other => other,
    }
}

/// Prints the playlist once (`--once`) or forever, until a write fails.
fn show(
    out: &mut dyn Write,
    corpus: &Corpus<'_>,
    a: &KioskArgs,
    screen: Screen,
    clock: &mut dyn Clock,
) -> Result<(), Failure> {
    let mut day = clock.today();
    let mut frames = playlist(corpus, screen.cols, screen.rows, a.seed.unwrap_or(day))?;
    if a.once {
        for (i, f) in frames.iter().enumerate() {
            print_frame(out, i, frames.len(), f, screen)?;
        }
        out.flush()?;
        return Ok(());
    }
    let mut i = 0;
    loop {
        if a.seed.is_none() {
            let now = clock.today();
            if now != day {
                // A new day, a new quote of the day; the sections before it
                // do not change, so the position still means the same frame.
                day = now;
                frames = playlist(corpus, screen.cols, screen.rows, day)?;
                i %= frames.len();
            }
        }
        if screen.clear {
            write!(out, "\x1b[2J\x1b[H")?;
        }
        print_frame(out, i, frames.len(), &frames[i], screen)?;
        out.flush()?;
        clock.sleep(a.interval);
        i = (i + 1) % frames.len();
    }
}

/// Writes frame `i` of `n`: its section line if wanted, then exactly
/// `rows` lines of exactly `cols` characters.
fn print_frame(out: &mut dyn Write, i: usize, n: usize, f: &Frame, s: Screen) -> io::Result<()> {
    if s.headers {
        write!(out, "=== {}/{} {}{}", i + 1, n, f.section, s.eol)?;
    }
    let blank = String::new();
    for row in 0..s.rows {
        let line = f.lines.get(row).unwrap_or(&blank);
        write!(out, "{line:<width$}{}", s.eol, width = s.cols)?;
    }
    Ok(())
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

    /// A clock whose date is `days[n]` after the n-th sleep.
    struct FakeClock {
        days: Vec<u64>,
        sleeps: Vec<Duration>,
    }

    impl Clock for FakeClock {
        fn today(&mut self) -> u64 {
            let n = self.sleeps.len().min(self.days.len() - 1);
            self.days[n]
        }
        fn sleep(&mut self, d: Duration) {
            self.sleeps.push(d);
        }
    }

    /// Accepts `room` bytes, then fails like a closed pipe.
    struct Pipe {
        data: Vec<u8>,
        room: usize,
    }

    impl Write for Pipe {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            if self.data.len() + b.len() > self.room {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            self.data.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn opts(seed: Option<u64>, once: bool) -> KioskArgs {
        KioskArgs {
            cols: 20,
            rows: 4,
            interval: Duration::from_millis(250),
            once,
            seed,
            serial: None,
            crlf: false,
        }
    }

    const PLAIN: Screen = Screen {
        cols: 20,
        rows: 4,
        headers: false,
        clear: false,
        eol: "\n",
    };

    /// Runs the loop for `n` frames of a 20x4 screen without section lines.
    fn run_frames(a: &KioskArgs, days: Vec<u64>, n: usize) -> (Vec<Vec<String>>, FakeClock) {
        let mut clock = FakeClock {
            days,
            sleeps: Vec::new(),
        };
        let mut pipe = Pipe {
            data: Vec::new(),
            room: n * 4 * 21,
        };
        let c = Corpus::embedded();
        let r = show(&mut pipe, &c, a, PLAIN, &mut clock);
        assert!(
            matches!(r, Err(Failure::Write { ref err, .. }) if err.kind() == io::ErrorKind::BrokenPipe),
            "{r:?}"
        );
        let text = String::from_utf8(pipe.data).unwrap();
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        (lines.chunks(4).map(<[String]>::to_vec).collect(), clock)
    }

    fn padded(f: &Frame) -> Vec<String> {
        (0..4)
            .map(|i| format!("{:<20}", f.lines.get(i).map_or("", String::as_str)))
            .collect()
    }

    #[test]
    fn section_lines_only_with_once_or_on_a_terminal_and_never_to_serial() {
        let with = |once, serial: bool, crlf| KioskArgs {
            once,
            serial: serial.then(|| "/dev/ttyUSB0".into()),
            crlf,
            ..opts(None, once)
        };
        // (once, serial, crlf, terminal) -> (headers, clear, eol)
        for (once, serial, crlf, tty, headers, clear, eol) in [
            (false, false, false, false, false, false, "\n"),
            (false, false, false, true, true, true, "\n"),
            (true, false, false, false, true, false, "\n"),
            (true, false, false, true, true, false, "\n"),
            (false, false, true, false, false, false, "\r\n"),
            (false, true, false, false, false, false, "\r\n"),
            (false, true, false, true, false, false, "\r\n"),
            (true, true, false, true, false, false, "\r\n"),
        ] {
            let s = screen_for(&with(once, serial, crlf), tty);
            assert_eq!(
                (s.headers, s.clear, s.eol),
                (headers, clear, eol),
                "once {once} serial {serial} crlf {crlf} terminal {tty}"
            );
            assert_eq!((s.cols, s.rows), (20, 4));
        }
    }

    #[test]
    fn frames_are_padded_to_exactly_rows_by_cols() {
        let f = Frame {
            section: "t",
            lines: vec!["ab".into()],
        };
        let mut out = Vec::new();
        print_frame(&mut out, 0, 1, &f, PLAIN).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "ab{}\n{}\n{}\n{}\n",
                " ".repeat(18),
                " ".repeat(20),
                " ".repeat(20),
                " ".repeat(20)
            )
        );
        let mut out = Vec::new();
        let s = Screen {
            headers: true,
            eol: "\r\n",
            cols: 8,
            rows: 1,
            ..PLAIN
        };
        print_frame(&mut out, 2, 9, &f, s).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "=== 3/9 t\r\nab      \r\n");
    }

    #[test]
    fn the_loop_comes_round_again_waiting_the_interval() {
        let want = frames(20, 4, 5);
        let n = want.len() + 3;
        let (got, clock) = run_frames(&opts(Some(5), false), vec![100], n);
        assert_eq!(got.len(), n);
        for (i, f) in got.iter().enumerate() {
            assert_eq!(f, &padded(&want[i % want.len()]), "frame {i}");
        }
        // One wait after each frame written (the last one failed).
        assert_eq!(clock.sleeps.len(), n);
        assert!(clock
            .sleeps
            .iter()
            .all(|&d| d == Duration::from_millis(250)));
    }

    #[test]
    fn the_quote_of_the_day_changes_with_the_date() {
        // Two days whose quotes differ.
        let c = Corpus::embedded();
        let (d1, d2) = (0..100u64)
            .map(|d| (d, d + 1))
            .find(|&(a, b)| c.quote_of_the_day(a) != c.quote_of_the_day(b))
            .unwrap();
        let day1 = frames(20, 4, d1);
        let day2 = frames(20, 4, d2);
        let qotd = |fs: &[Frame]| -> Vec<Vec<String>> {
            fs.iter()
                .filter(|f| f.section == "quote of the day")
                .map(padded)
                .collect()
        };
        // Day 1 for one full round, then day 2.
        let mut days = vec![d1; day1.len()];
        days.push(d2);
        let n = day1.len() + day2.len();
        let (got, _) = run_frames(&opts(None, false), days, n);
        let first: Vec<Vec<String>> = got[..day1.len()].to_vec();
        let second: Vec<Vec<String>> = got[day1.len()..].to_vec();
        assert_eq!(first, day1.iter().map(padded).collect::<Vec<_>>());
        assert_eq!(second, day2.iter().map(padded).collect::<Vec<_>>());
        assert_ne!(qotd(&day1), qotd(&day2));
        // With --seed the quote stays.
        let (fixed, _) = run_frames(&opts(Some(d1), false), days_after(d1, d2, day1.len()), n);
        assert_eq!(fixed[day1.len()..], first[..day2.len().min(first.len())]);
    }

    fn days_after(d1: u64, d2: u64, n: usize) -> Vec<u64> {
        let mut v = vec![d1; n];
        v.push(d2);
        v
    }

    #[test]
    fn once_prints_each_frame_once_with_its_section_line() {
        let want = frames(20, 4, 9);
        let mut out = Vec::new();
        let mut clock = FakeClock {
            days: vec![0],
            sleeps: Vec::new(),
        };
        let s = Screen {
            headers: true,
            ..PLAIN
        };
        show(
            &mut out,
            &Corpus::embedded(),
            &opts(Some(9), true),
            s,
            &mut clock,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), want.len() * 5);
        assert!(
            text.starts_with(&format!("=== 1/{} timeline\n", want.len())),
            "{text}"
        );
        assert!(clock.sleeps.is_empty(), "--once does not wait");
    }
}
