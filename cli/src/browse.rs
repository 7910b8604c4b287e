//! The browsing commands: `show`, `timeline`, `who`, `thread`, `random` and
//! `stats`, each printing human text or JSON lines (see [`crate::json`]).

use crate::args::{DateRange, KindArg};
use crate::failure::Failure;
use crate::json::{self, Extra, StatsJson};
use crate::lookup;
use crate::render;
use feudfacts::{Corpus, Date, Kind, Record, RecordRef};
use std::ffi::OsString;
use std::io::Write;

/// Where and how to print.
pub struct Ctx<'w, 'c> {
    /// The output.
    pub out: &'w mut dyn Write,
    /// The corpus.
    pub corpus: Corpus<'c>,
    /// `--json`.
    pub json: bool,
}

impl Ctx<'_, '_> {
    /// One record in list form: brief text, or a JSON line.
    fn item(&mut self, r: RecordRef, extra: Extra) -> Result<(), Failure> {
        if self.json {
            json::record(self.out, &self.corpus, r, extra)?;
        } else {
            render::brief(self.out, &self.corpus, r)?;
        }
        Ok(())
    }

    /// `feud show KIND ID`.
    pub fn show(&mut self, kind: KindArg, id: &OsString) -> Result<(), Failure> {
        let id = lookup::text("ID", id)?;
        let r = lookup::record(&self.corpus, kind.kind(), id)?;
        if self.json {
            json::record(self.out, &self.corpus, r, Extra::default())?;
        } else {
            render::full(self.out, &self.corpus, r)?;
        }
        Ok(())
    }

    /// `feud timeline`.
    pub fn timeline(&mut self, range: DateRange) -> Result<(), Failure> {
        lookup::date_range(range.from, range.to)?;
        let c = self.corpus;
        let from = range.from.unwrap_or(Date {
            year: 1,
            month: 1,
            day: 1,
        });
        let to = range.to.unwrap_or(Date {
            year: 9999,
            month: 12,
            day: 31,
        });
        for (r, date) in c.in_range(from, to) {
            if self.json {
                json::record(self.out, &c, r, Extra::default())?;
                continue;
            }
            let line = match c.record(r) {
                Some(Record::Event(e)) => e.title.to_string(),
                // One line per record: a quote's line breaks become " / ".
                Some(Record::Quote(q)) => format!(
                    "{}: “{}”",
                    c.entity(q.speaker).map_or("?", |e| e.name.as_str()),
                    q.text.as_str().replace('\n', " / ")
                ),
                _ => String::new(),
            };
            writeln!(
                self.out,
                "{:<10}  {:<5}  {line}",
                date.to_string(),
                r.kind.name()
            )?;
        }
        Ok(())
    }

    /// `feud who NAME`.
    pub fn who(&mut self, name: &[OsString]) -> Result<(), Failure> {
        let words = name
            .iter()
            .map(|w| lookup::text("NAME", w))
            .collect::<Result<Vec<&str>, Failure>>()?;
        let e = lookup::entity(&self.corpus, &words.join(" "))?;
        let r = RecordRef::new(Kind::Entity, e);
        if self.json {
            json::record(self.out, &self.corpus, r, Extra::default())?;
        } else {
            render::full(self.out, &self.corpus, r)?;
        }
        let c = self.corpus;
        for (q, _) in c.quotes_by(e) {
            self.item(RecordRef::new(Kind::Quote, q), Extra::default())?;
        }
        Ok(())
    }

    /// `feud thread QUOTE`.
    pub fn thread(&mut self, quote: &OsString) -> Result<(), Failure> {
        let id = lookup::text("QUOTE", quote)?;
        let r = lookup::record(&self.corpus, Kind::Quote, id)?;
        let c = self.corpus;
        for (q, depth) in c.thread(r.index) {
            let r = RecordRef::new(Kind::Quote, q);
            if self.json {
                let extra = Extra {
                    hit: None,
                    depth: Some(depth),
                };
                json::record(self.out, &c, r, extra)?;
            } else {
                let mut block = Vec::new();
                render::brief(&mut block, &c, r)?;
                for line in String::from_utf8_lossy(&block).lines() {
                    writeln!(self.out, "{}{line}", "    ".repeat(depth))?;
                }
            }
        }
        Ok(())
    }

    /// `feud random`.
    pub fn random(&mut self, seed: Option<u64>) -> Result<(), Failure> {
        let seed = seed.unwrap_or_else(today);
        let q = self
            .corpus
            .quote_of_the_day(seed)
            .ok_or("the corpus has no quotes")?;
        self.item(RecordRef::new(Kind::Quote, q), Extra::default())
    }

    /// `feud stats`.
    pub fn stats(&mut self) -> Result<(), Failure> {
        let c = self.corpus;
        let s = c.stats();
        let ix = c.word_index();
        let (words, index_bytes) = ix.map_or((0, 0), |ix| (ix.len(), ix.size()));
        let count = |k: Kind| c.count(k);
        if self.json {
            let j = StatsJson {
                kind: "stats",
                sources: count(Kind::Source),
                entities: count(Kind::Entity),
                quotes: count(Kind::Quote),
                events: count(Kind::Event),
                figures: count(Kind::Figure),
                discrepancies: count(Kind::Discrepancy),
                blob_bytes: s.blob_bytes,
                search_text_bytes: s.search_text_bytes,
                fields: s.fields,
                index_words: words,
                index_bytes,
            };
            json::line(self.out, &j)?;
            return Ok(());
        }
        for k in Kind::ALL {
            writeln!(self.out, "{:<14}{}", plural(k), count(k))?;
        }
        writeln!(self.out, "{:<14}{}", "blob bytes", s.blob_bytes)?;
        writeln!(
            self.out,
            "{:<14}{} bytes in {} fields",
            "search text", s.search_text_bytes, s.fields
        )?;
        match ix {
            Some(_) => writeln!(
                self.out,
                "{:<14}{words} words, {index_bytes} bytes",
                "word index"
            )?,
            None => writeln!(self.out, "{:<14}none (search scans the text)", "word index")?,
        }
        Ok(())
    }
}

/// A kind's plural, as in `feud stats`.
pub fn plural(k: Kind) -> &'static str {
    match k {
        Kind::Source => "sources",
        Kind::Entity => "entities",
        Kind::Quote => "quotes",
        Kind::Event => "events",
        Kind::Figure => "figures",
        Kind::Discrepancy => "discrepancies",
    }
}

/// Days since 1970-01-01 in UTC: the default quote-of-the-day seed.
pub fn today() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400)
}
