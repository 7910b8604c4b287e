//! feudfacts on a Cortex-M core: a fixed script of lookups over the corpus
//! embedded in flash, printed over semihosting, with the stack measured.
//!
//! Why: it proves the library runs on a microcontroller inside a measured
//! budget (flash, RAM, stack), with no heap and no `core::fmt` — every number
//! and string is printed by the few lines in [`Out`], and the panic handler
//! never formats its message, so the formatting machinery is not linked.
//!
//! The script: validate the blob, a strict search and a best-match one, a quote by key, the reply thread
//! of the January 22 exchange, a timeline page and a quote of the day. Before
//! each step the free stack is painted with a pattern; after it, the deepest
//! overwritten word gives the step's stack high-water mark. The firmware exits
//! through semihosting with status 0, or 1 when any step fails, so QEMU's exit
//! status is the test result. `ci/firmware.sh` runs it on three machines.

#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hio;
use feudfacts::{
    translit, write_line, Charset, Corpus, Date, Filter, Hit, Kind, KindSet, Mode, Precision,
    Query, RecordRef,
};

/// The query of the search step.
const SEARCH: &str = "softbank secured";
/// A question as a visitor types it: best match (stems, stop words,
/// intent), with closest matches when no record has every word.
const QUESTION: &str = "how much is softbank putting in";
/// The quote fetched by key: Altman's reply of January 22.
const QUOTE_KEY: &str = "q-wrong-as-you-surely-know";
/// Seed of the quote of the day: days from 1970-01-01 to 2025-01-22.
const QOTD_SEED: u64 = 20110;
/// Records per timeline page.
const PAGE: usize = 4;
/// Longest one-line rendering printed for a search hit (longer is cut with `...`).
const LINE: usize = 120;

/// Buffered semihosting output with tiny integer and text printers: no
/// `core::fmt`. Text is transliterated to ASCII on the way out.
struct Out {
    host: Option<hio::HostStream>,
    buf: [u8; 80],
    len: usize,
}

impl Out {
    fn new() -> Out {
        Out {
            host: hio::hstdout().ok(),
            buf: [0; 80],
            len: 0,
        }
    }

    fn flush(&mut self) {
        if let Some(h) = self.host.as_mut() {
            let _ = h.write_all(&self.buf[..self.len]);
        }
        self.len = 0;
    }

    fn byte(&mut self, b: u8) {
        if self.len == self.buf.len() {
            self.flush();
        }
        self.buf[self.len] = b;
        self.len += 1;
        if b == b'\n' {
            self.flush();
        }
    }

    /// Raw ASCII (our own labels).
    fn str(&mut self, s: &str) -> &mut Out {
        for b in s.bytes() {
            self.byte(b);
        }
        self
    }

    /// Corpus text, transliterated to ASCII.
    fn text(&mut self, s: &str) -> &mut Out {
        self.text_indented(s, 0)
    }

    /// Corpus text; lines after a newline in it are indented by `indent`.
    fn text_indented(&mut self, s: &str, indent: usize) -> &mut Out {
        for c in translit(s, Charset::Ascii) {
            // translit(Ascii) yields only printable ASCII and '\n'.
            self.byte(if c.is_ascii() { c as u8 } else { b'?' });
            if c == '\n' {
                for _ in 0..indent {
                    self.byte(b' ');
                }
            }
        }
        self
    }

    fn num(&mut self, mut n: usize) -> &mut Out {
        let mut digits = [0u8; 10];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            self.byte(d);
        }
        self
    }

    fn date(&mut self, d: Date) -> &mut Out {
        let mut buf = [0u8; 10];
        self.str(d.iso(&mut buf))
    }

    fn nl(&mut self) -> &mut Out {
        self.byte(b'\n');
        self
    }
}

mod faults;
mod stack;

/// The script's state: output, stack figures, failures.
struct Script {
    out: Out,
    corpus: Corpus<'static>,
    failed: bool,
    peak_low: usize,
    /// The deepest of the searches' stacks so far.
    search_stack: usize,
}

impl Script {
    fn fail(&mut self, what: &str) {
        self.out.str("FAIL: ").str(what).nl();
        self.failed = true;
    }

    fn stack(&mut self, label: &str, used: usize) {
        self.out
            .str("  stack ")
            .str(label)
            .str(": ")
            .num(used)
            .str(" bytes")
            .nl();
    }

    /// Records the deepest stack use since the last paint (steps repaint,
    /// so this runs before each one and at the end): the whole run's peak.
    fn checkpoint(&mut self) {
        let low = stack::lowest_used();
        if low < self.peak_low {
            self.peak_low = low;
        }
    }

    /// `Speaker (date): text`, in full.
    fn quote(&mut self, i: u32, indent: usize) {
        let c = self.corpus;
        let Some(q) = c.quote(i) else {
            return self.fail("quote index");
        };
        for _ in 0..indent {
            self.out.str("  ");
        }
        if indent > 1 {
            self.out.str("> ");
        }
        self.out
            .text(c.entity(q.speaker).map_or("?", |e| e.name.as_str()));
        if let Some(d) = q.dating {
            self.out.str(" (").date(d.date).str(")");
        }
        self.out
            .str(": ")
            .text_indented(q.text.as_str(), 2 * indent + 2)
            .nl();
    }

    /// One line per record, cut at [`LINE`] bytes.
    fn line(&mut self, r: RecordRef) {
        let mut buf = [0u8; LINE];
        let Some(needed) = write_line(&self.corpus, r, &mut buf) else {
            return self.fail("record");
        };
        // write_line keeps whole characters, so the prefix is valid UTF-8.
        let end = needed.min(LINE);
        let mut cut = end;
        while core::str::from_utf8(&buf[..cut]).is_err() {
            cut -= 1;
        }
        let s = core::str::from_utf8(&buf[..cut]).unwrap_or("");
        self.out.text(s);
        if needed > LINE {
            self.out.str("...");
        }
        self.out.nl();
    }
}

/// The corpus, and the stack its loading took. With feature `verify`, the
/// embedded blob is checked as if it had been loaded at run time
/// (`Corpus::from_bytes`: checksum, records, indexes), at a cost of about
/// 15 KB of code (format 3: the term index, synonyms and values too). With
/// feature `partition`, the blob is not linked into the program at all but
/// sits in its own flash partition (see [`partition`]),
/// and is validated the same way before use. Otherwise the corpus is
/// `Corpus::embedded()`, which `build.rs` already validated: what a device
/// with the blob linked in needs.
fn load() -> (Result<Corpus<'static>, feudfacts::Error>, usize) {
    #[cfg(feature = "partition")]
    return stack::measure(|| Corpus::from_bytes(partition::bytes()));
    #[cfg(all(feature = "verify", not(feature = "partition")))]
    return stack::measure(|| Corpus::from_bytes(Corpus::embedded_bytes()));
    #[cfg(not(any(feature = "verify", feature = "partition")))]
    return stack::measure(|| Ok::<_, feudfacts::Error>(Corpus::embedded()));
}

/// The blob in its own flash partition (feature `partition`): the full
/// profile, word index included, compiled by `build.rs`, placed by
/// `memory.x` in the `BLOB` region rather than among the program's
/// read-only data. On a device this is a separately written partition, or a
/// memory-mapped (XIP) external flash; a kiosk can replace it without
/// reflashing the program, and the program validates it before use.
#[cfg(feature = "partition")]
mod partition {
    include!(concat!(env!("OUT_DIR"), "/partition.rs"));

    #[link_section = ".feud_blob"]
    #[used]
    static BLOB: [u8; LEN] = *include_bytes!(concat!(env!("OUT_DIR"), "/partition.blob"));

    /// The partition's bytes, read through an opaque reference, as a
    /// program reads a partition it did not build.
    pub fn bytes() -> &'static [u8] {
        core::hint::black_box(&BLOB)
    }
}

impl Script {
    /// Strict search: every word, literally. Its own frame (not inlined),
    /// as is [`Script::best`]: together, their queries and the measuring
    /// closures' copies of them took 2.1 KiB of one frame on thumbv6m.
    #[inline(never)]
    fn strict(&mut self) {
        self.out.str("[search] ").str(SEARCH).nl();
        let c = self.corpus;
        let mut hits = [Hit::EMPTY; 5];
        // The query and the hit buffer are the caller's; the figure that
        // counts is the stack of the search call itself.
        let (q, parse_used) = stack::measure(|| Query::parse(SEARCH));
        let q = match q {
            Ok(q) => q,
            Err(e) => return self.fail(e.message()),
        };
        let strict = Filter {
            mode: Mode::Strict,
            ..Filter::NONE
        };
        let (sum, used) = stack::measure(|| c.search(&q, &strict, &mut hits));
        let Ok(sum) = sum else {
            return self.fail("strict search refused");
        };
        self.out.str("  ").num(sum.total).str(" matches").nl();
        for (n, h) in hits.iter().take(sum.returned).enumerate() {
            self.out
                .str("  ")
                .num(n + 1)
                .str(". ")
                .str(h.record.kind.name())
                .str(" ");
            if let Some(k) = c.key(h.record) {
                self.out.text(k.as_str());
            }
            self.out.nl().str("     ");
            self.line(h.record);
        }
        if sum.returned == 0 {
            self.fail("search found nothing");
        }
        self.stack("query parse", parse_used);
        self.stack("strict search", used);
        self.search_stack = self.search_stack.max(used);
    }

    /// Best match, the default: a question. Closest matches (partial hits,
    /// after the complete ones) are marked `~`. Then `SEARCH_STACK`, the
    /// deeper of the two searches.
    #[inline(never)]
    fn best(&mut self) {
        self.out.str("[best] ").str(QUESTION).nl();
        let c = self.corpus;
        let mut hits = [Hit::EMPTY; 5];
        let q = match Query::parse(QUESTION) {
            Ok(q) => q,
            Err(e) => return self.fail(e.message()),
        };
        let (best, used) = stack::measure(|| c.search(&q, &Filter::NONE, &mut hits));
        let Ok(best) = best else {
            return self.fail("best-match search refused");
        };
        self.out.str("  ").num(best.total).str(" complete, ");
        self.out.num(best.partial).str(" closest").nl();
        for (n, h) in hits.iter().take(best.returned).enumerate() {
            self.out.str("  ").num(n + 1).str(". ");
            if !h.complete {
                self.out.str("~");
            }
            if let Some(k) = c.key(h.record) {
                self.out.text(k.as_str());
            }
            self.out.nl();
        }
        if best.returned == 0 {
            self.fail("best match found nothing");
        }
        self.stack("best-match search", used);
        self.search_stack = self.search_stack.max(used);
        self.out.str("SEARCH_STACK ").num(self.search_stack).nl();
    }

    fn by_key(&mut self) {
        self.out.str("[key] ").str(QUOTE_KEY).nl();
        let c = self.corpus;
        let (r, used) = stack::measure(|| c.find_key(QUOTE_KEY));
        match r {
            Some(r) if r.kind == Kind::Quote => {
                self.quote(r.index, 1);
                if let Some(q) = c.quote(r.index) {
                    self.out.str("  medium ").str(q.medium.name());
                    self.out
                        .str(", ")
                        .num(q.variants.len())
                        .str(" variant(s), ");
                    self.out.num(q.sources.len()).str(" source(s)").nl();
                    for v in q.variants.iter() {
                        self.out
                            .str("  variant: ")
                            .text_indented(v.text.as_str(), 4)
                            .nl();
                    }
                }
            }
            _ => self.fail("no quote with that key"),
        }
        self.stack("key", used);
    }

    fn thread(&mut self) {
        self.out.str("[thread] the January 22 exchange").nl();
        let c = self.corpus;
        // Altman's "surely know" reply, found by content, not by index. The
        // query is parsed outside the measured closure, as in the search
        // steps: inside, it was a copy in the closure's frame too.
        let filter = Filter {
            mode: Mode::Strict,
            kinds: KindSet::only(Kind::Quote),
            entity: c.entity_by_name("@sama"),
            from: None,
            to: None,
        };
        let Ok(q) = Query::parse("\"surely know\"") else {
            return self.fail("the thread's query");
        };
        let mut hit = [Hit::EMPTY; 1];
        let (found, used) = stack::measure(|| {
            let s = c.search(&q, &filter, &mut hit).ok()?;
            (s.returned == 1).then_some(hit[0].record.index)
        });
        let Some(reply) = found else {
            return self.fail("no \"surely know\" quote by @sama");
        };
        let mut n = 0;
        for (i, depth) in c.thread(reply) {
            self.quote(i, depth + 1);
            n += 1;
        }
        self.out.str("  ").num(n).str(" quotes in the thread").nl();
        if n < 2 {
            self.fail("thread has no reply");
        }
        self.stack("thread", used);
    }

    fn timeline(&mut self) {
        let c = self.corpus;
        let (from, to) = match (Date::new(2025, 1, 21), Date::new(2025, 1, 23)) {
            (Some(f), Some(t)) => (f, t),
            _ => return self.fail("date"),
        };
        // Records dated to the day (month- or year-dated ones overlap too).
        let page = || {
            c.in_range(from, to)
                .filter(|(_, d)| d.precision() == Precision::Day)
        };
        let (total, used) = stack::measure(|| page().count());
        self.out
            .str("[timeline] ")
            .date(from)
            .str("..")
            .date(to)
            .str(", page 1 of ");
        self.out
            .num(total.div_ceil(PAGE))
            .str(" (")
            .num(total)
            .str(" entries)")
            .nl();
        for (r, _) in page().take(PAGE) {
            self.out.str("  ").str(r.kind.name()).str(" ");
            self.line(r);
        }
        if total == 0 {
            self.fail("empty timeline page");
        }
        self.stack("timeline", used);
    }

    fn quote_of_the_day(&mut self) {
        self.out
            .str("[quote of the day] seed ")
            .num(QOTD_SEED as usize)
            .nl();
        let c = self.corpus;
        let (q, used) = stack::measure(|| c.quote_of_the_day(QOTD_SEED));
        match q {
            Some(i) => self.quote(i, 1),
            None => self.fail("no quote of the day"),
        }
        self.stack("qotd", used);
    }
}

#[entry]
fn main() -> ! {
    stack::paint();
    let mut out = Out::new();
    out.str("feudfacts firmware").nl();
    let (floor, top) = stack::bounds();
    out.str("stack region: ")
        .num(top - floor)
        .str(" bytes")
        .nl();
    let (loaded, used) = load();
    let corpus = match loaded {
        Ok(c) => c,
        Err(e) => {
            out.str("FAIL: ").str(e.message()).nl();
            exit(&mut out, false)
        }
    };
    out.str("blob: ")
        .num(corpus.as_bytes().len())
        .str(" bytes, ")
        .num(corpus.total_records())
        .str(" records");
    if cfg!(feature = "partition") {
        out.str(", from its own partition, verified");
    } else if cfg!(feature = "verify") {
        out.str(", verified");
    }
    out.nl();
    let mut s = Script {
        out,
        corpus,
        failed: false,
        peak_low: top,
        search_stack: 0,
    };
    s.stack("validate", used);
    s.checkpoint();
    let steps: [fn(&mut Script); 6] = [
        Script::strict,
        Script::best,
        Script::by_key,
        Script::thread,
        Script::timeline,
        Script::quote_of_the_day,
    ];
    for step in steps {
        s.checkpoint();
        step(&mut s);
    }
    s.checkpoint();
    let peak = top - s.peak_low;
    s.out.str("STACK_PEAK ").num(peak).nl();
    let ok = !s.failed;
    exit(&mut s.out, ok)
}

fn exit(out: &mut Out, ok: bool) -> ! {
    out.str(if ok { "done" } else { "FAILED" }).nl();
    faults::exit(ok)
}
