//! `feud`: search and browse the feudfacts corpus from a terminal or a script.
//!
//! Reads the corpus embedded in the library, or a blob file given with
//! `--blob FILE` (validated first, so an operator can check an update before
//! shipping it). Output is human-readable, or one JSON object per line with
//! `--json`. Errors print one line to stderr and exit non-zero.

use feudfacts::{Corpus, Date, Filter, Hit, Kind, KindSet, Query, Record, RecordRef};
use std::fmt::Write as _;
use std::process::ExitCode;

const USAGE: &str = "usage: feud [--blob FILE] [--json] COMMAND
commands:
  search QUERY [--kind K] [--limit N] [--entity NAME] [--from DATE] [--to DATE]
  show KIND ID          KIND: source|entity|quote|event|figure|discrepancy; ID: key or index
  timeline [--from DATE] [--to DATE]
  who NAME              an entity by name or alias, with its quotes
  thread QUOTE_ID       the reply thread around a quote
  random [--seed N]     a quote of the day (seed defaults to today's date)
  stats
  export-blob FILE      write the corpus blob to FILE
  compile SOURCE OUT [--seeds DIR] [--profile full|compact] [--index on|off]
                        compile a TOML corpus into a blob without cargo
                        (the word index is on for full, off for compact)
  kiosk [--cols N] [--rows N] [--interval S] [--once] [--seed N]
                        frames for a character display
query language: terms are ANDed; \"a phrase\"; prefix*; case and typography ignored";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("feud: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Global options and the rest of the command line.
struct Cli {
    blob: Option<String>,
    json: bool,
    args: Vec<String>,
}

impl Cli {
    fn parse(raw: Vec<String>) -> Result<Cli, String> {
        let mut cli = Cli {
            blob: None,
            json: false,
            args: Vec::new(),
        };
        let mut it = raw.into_iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--json" => cli.json = true,
                "--blob" => cli.blob = Some(it.next().ok_or("--blob needs a FILE")?),
                _ => cli.args.push(a),
            }
        }
        Ok(cli)
    }

    /// Removes `--name VALUE` from the arguments and returns VALUE.
    fn option(&mut self, name: &str) -> Result<Option<String>, String> {
        match self.args.iter().position(|a| a == name) {
            Some(i) => {
                if i + 1 >= self.args.len() {
                    return Err(format!("{name} needs a value"));
                }
                let v = self.args.remove(i + 1);
                self.args.remove(i);
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }

    fn no_more(&self) -> Result<(), String> {
        match self.args.first() {
            Some(a) => Err(format!("unexpected argument `{a}`")),
            None => Ok(()),
        }
    }
}

fn run(raw: Vec<String>) -> Result<String, String> {
    let mut cli = Cli::parse(raw)?;
    if cli.args.is_empty() {
        return Err(format!("no command given\n{USAGE}"));
    }
    let cmd = cli.args.remove(0);
    if cmd == "compile" {
        return compile(&mut cli);
    }
    if cmd == "help" || cmd == "--help" || cmd == "-h" {
        return Ok(format!("{USAGE}\n"));
    }
    let bytes;
    let corpus = match &cli.blob {
        Some(path) => {
            bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            Corpus::from_bytes(&bytes).map_err(|e| format!("{path}: invalid blob: {e}"))?
        }
        None => Corpus::embedded(),
    };
    let out = Out {
        corpus,
        json: cli.json,
    };
    match cmd.as_str() {
        "search" => out.search(&mut cli),
        "show" => out.show(&mut cli),
        "timeline" => out.timeline(&mut cli),
        "who" => out.who(&mut cli),
        "thread" => out.thread(&mut cli),
        "random" => out.random(&mut cli),
        "stats" => out.stats(&mut cli),
        "export-blob" => {
            let path = cli.args.first().ok_or("export-blob needs a FILE")?.clone();
            cli.args.remove(0);
            cli.no_more()?;
            std::fs::write(&path, corpus.as_bytes())
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            Ok(format!(
                "wrote {} bytes to {path}\n",
                corpus.as_bytes().len()
            ))
        }
        "kiosk" => kiosk::run(&cli.args_with_blob()).map(|()| String::new()),
        other => Err(format!("unknown command `{other}` (try `feud help`)")),
    }
}

mod kiosk;

impl Cli {
    /// The remaining arguments with `--blob` passed on (for `kiosk`).
    fn args_with_blob(&self) -> Vec<String> {
        let mut a = self.args.clone();
        if let Some(b) = &self.blob {
            a.push("--blob".into());
            a.push(b.clone());
        }
        a
    }
}

fn compile(cli: &mut Cli) -> Result<String, String> {
    let seeds = cli.option("--seeds")?;
    let profile = match cli.option("--profile")? {
        Some(p) => feudfacts_compile::Profile::from_name(&p)
            .ok_or_else(|| format!("unknown profile `{p}` (full or compact)"))?,
        None => feudfacts_compile::Profile::Full,
    };
    let mut options = feudfacts_compile::Options::for_profile(profile);
    match cli.option("--index")?.as_deref() {
        Some("on") => options.word_index = true,
        Some("off") => options.word_index = false,
        Some(other) => return Err(format!("unknown --index `{other}` (on or off)")),
        None => {}
    }
    if cli.args.len() != 2 {
        return Err("compile needs SOURCE and OUT".into());
    }
    let (src, out) = (cli.args[0].clone(), cli.args[1].clone());
    let text = std::fs::read_to_string(&src).map_err(|e| format!("cannot read {src}: {e}"))?;
    let articles = match &seeds {
        Some(dir) => Some(
            feudfacts_compile::read_articles(std::path::Path::new(dir))
                .ok_or_else(|| format!("cannot read articles in {dir}"))?,
        ),
        None => None,
    };
    let blob = feudfacts_compile::compile_opts(&text, articles.as_ref(), options)
        .map_err(|e| format!("{src}: {e}"))?;
    // Check it the way the library will before writing it.
    Corpus::from_bytes(&blob.bytes).map_err(|e| format!("compiled blob is invalid: {e}"))?;
    std::fs::write(&out, &blob.bytes).map_err(|e| format!("cannot write {out}: {e}"))?;
    Ok(format!("wrote {} bytes to {out}\n", blob.bytes.len()))
}

fn parse_date(s: Option<String>) -> Result<Option<Date>, String> {
    match s {
        Some(s) => Date::parse(&s)
            .map(Some)
            .ok_or_else(|| format!("bad date `{s}` (use YYYY, YYYY-MM or YYYY-MM-DD)")),
        None => Ok(None),
    }
}

fn iso(d: Date) -> String {
    let mut b = [0u8; 10];
    d.iso(&mut b).to_string()
}

/// Escapes a string for JSON.
fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

struct Out<'a> {
    corpus: Corpus<'a>,
    json: bool,
}

impl Out<'_> {
    fn source_files(&self, r: RecordRef) -> Vec<String> {
        self.corpus
            .sources_of(r)
            .filter_map(|s| self.corpus.source(s))
            .map(|s| format!("{}.txt", s.key))
            .collect()
    }

    fn speaker(&self, r: RecordRef) -> Option<String> {
        match self.corpus.record(r)? {
            Record::Quote(q) => Some(self.corpus.entity(q.speaker)?.name.as_str().to_string()),
            _ => None,
        }
    }

    /// The main text of a record.
    fn text(&self, rec: &Record) -> String {
        match rec {
            Record::Source(s) if !s.headline.is_empty() => s.headline.to_string(),
            Record::Source(s) => s.outlet.to_string(),
            Record::Entity(e) => e.name.to_string(),
            Record::Quote(q) => q.text.to_string(),
            Record::Event(e) => e.summary.to_string(),
            Record::Figure(f) => f
                .phrasings
                .iter()
                .next()
                .map_or(String::new(), |p| p.text.to_string()),
            Record::Discrepancy(d) => d.description.to_string(),
        }
    }

    fn title(&self, rec: &Record) -> Option<String> {
        match rec {
            Record::Event(e) => Some(e.title.to_string()),
            Record::Discrepancy(d) => Some(d.title.to_string()),
            Record::Figure(f) => Some(f.refers_to.to_string()),
            _ => None,
        }
    }

    /// One JSON object for a record, with `extra` members appended.
    fn json(&self, r: RecordRef, extra: &str) -> String {
        let Some(rec) = self.corpus.record(r) else {
            return String::new();
        };
        let mut o = format!(
            "{{\"kind\":{},\"id\":{},\"index\":{},\"text\":{}",
            json_str(r.kind.name()),
            json_str(rec.key().as_str()),
            r.index,
            json_str(&self.text(&rec))
        );
        if let Some(t) = self.title(&rec) {
            let _ = write!(o, ",\"title\":{}", json_str(&t));
        }
        match rec.dating() {
            Some(d) => {
                let _ = write!(
                    o,
                    ",\"date\":{},\"date_inferred\":{}",
                    json_str(&iso(d.date)),
                    d.inferred
                );
            }
            None => o.push_str(",\"date\":null"),
        }
        if let Some(s) = self.speaker(r) {
            let _ = write!(o, ",\"speaker\":{}", json_str(&s));
        }
        if let Record::Quote(q) = rec {
            let _ = write!(o, ",\"medium\":{}", json_str(q.medium.name()));
            if let Some(p) = q.reply_to.and_then(|p| self.corpus.quote(p)) {
                let _ = write!(o, ",\"reply_to\":{}", json_str(p.key.as_str()));
            }
        }
        let srcs: Vec<String> = self.source_files(r).iter().map(|s| json_str(s)).collect();
        let _ = writeln!(o, ",\"sources\":[{}]{extra}}}", srcs.join(","));
        o
    }

    /// A human-readable block for a record.
    fn human(&self, r: RecordRef) -> String {
        let c = &self.corpus;
        let Some(rec) = c.record(r) else {
            return String::new();
        };
        let date = rec.dating().map(|d| {
            let mut s = iso(d.date);
            if d.inferred {
                s.push_str(" (inferred)");
            }
            s
        });
        let mut o = String::new();
        match &rec {
            Record::Quote(q) => {
                let speaker = c
                    .entity(q.speaker)
                    .map_or("?".into(), |e| e.name.to_string());
                let _ = writeln!(o, "“{}”", q.text);
                let _ = writeln!(
                    o,
                    "  — {speaker}, {} ({})",
                    date.as_deref().unwrap_or("undated"),
                    q.medium.name()
                );
                if let Some(p) = q.reply_to.and_then(|p| c.quote(p)) {
                    let _ = writeln!(o, "  in reply to {}", p.key);
                }
            }
            Record::Event(e) => {
                let _ = writeln!(o, "{}  {}", date.as_deref().unwrap_or("undated"), e.title);
                let _ = writeln!(o, "  {}", e.summary);
            }
            Record::Entity(e) => {
                let _ = writeln!(o, "{} ({})", e.name, e.kind.name());
                let roles: Vec<&str> = e.roles.iter().map(|t| t.as_str()).collect();
                if !roles.is_empty() {
                    let _ = writeln!(o, "  roles: {}", roles.join("; "));
                }
                let aliases: Vec<&str> = e.aliases.iter().map(|t| t.as_str()).collect();
                if !aliases.is_empty() {
                    let _ = writeln!(o, "  also: {}", aliases.join(", "));
                }
            }
            Record::Figure(f) => {
                let _ = writeln!(
                    o,
                    "{} {} ({}) — {}",
                    f.value,
                    f.unit,
                    f.qualifier.name(),
                    f.refers_to
                );
                for p in f.phrasings.iter() {
                    let src = c.source(p.source).map_or("?".into(), |s| s.key.to_string());
                    let _ = writeln!(o, "  “{}” ({src})", p.text);
                }
            }
            Record::Discrepancy(d) => {
                let _ = writeln!(o, "{}", d.title);
                let _ = writeln!(o, "  {}", d.description);
                for s in d.sides.iter() {
                    let src = c.source(s.source).map_or("?".into(), |x| x.key.to_string());
                    let _ = writeln!(o, "  {src}: {}", s.claim);
                }
            }
            Record::Source(s) => {
                let _ = writeln!(o, "{}.txt", s.key);
                if !s.outlet.is_empty() {
                    let _ = writeln!(o, "  outlet: {}", s.outlet);
                }
                if !s.headline.is_empty() {
                    let _ = writeln!(o, "  headline: {}", s.headline);
                }
                if !s.notes.is_empty() {
                    let _ = writeln!(o, "  notes: {}", s.notes);
                }
            }
        }
        let _ = writeln!(
            o,
            "  [{} {}] sources: {}",
            r.kind.name(),
            rec.key(),
            self.source_files(r).join(", ")
        );
        o
    }

    fn record(&self, r: RecordRef) -> String {
        if self.json {
            self.json(r, "")
        } else {
            self.human(r)
        }
    }

    fn resolve(&self, kind: Kind, id: &str) -> Result<RecordRef, String> {
        let id = id.strip_suffix(".txt").unwrap_or(id);
        if let Some(r) = self.corpus.find_key(id) {
            if r.kind == kind {
                return Ok(r);
            }
            let article = |k: Kind| if k == Kind::Entity { "an" } else { "a" };
            return Err(format!(
                "`{id}` is {} {}, not {} {}",
                article(r.kind),
                r.kind.name(),
                article(kind),
                kind.name()
            ));
        }
        if let Ok(i) = id.parse::<u32>() {
            if (i as usize) < self.corpus.count(kind) {
                return Ok(RecordRef::new(kind, i));
            }
        }
        Err(format!("no {} with id `{id}`", kind.name()))
    }

    fn search(&self, cli: &mut Cli) -> Result<String, String> {
        let kind = cli.option("--kind")?;
        let limit: usize = match cli.option("--limit")? {
            Some(n) => n.parse().map_err(|_| format!("bad --limit `{n}`"))?,
            None => 10,
        };
        let entity = cli.option("--entity")?;
        let from = parse_date(cli.option("--from")?)?;
        let to = parse_date(cli.option("--to")?)?;
        if cli.args.is_empty() {
            return Err("search needs a QUERY".into());
        }
        let text = cli.args.join(" ");
        let query = Query::parse(&text).map_err(|e| e.to_string())?;
        let mut filter = Filter {
            from,
            to,
            ..Filter::NONE
        };
        if let Some(k) = kind {
            let k = Kind::from_name(&k).ok_or_else(|| format!("unknown kind `{k}`"))?;
            filter.kinds = KindSet::only(k);
        }
        if let Some(name) = entity {
            filter.entity = Some(
                self.corpus
                    .entity_by_name(&name)
                    .ok_or_else(|| format!("no entity named `{name}`"))?,
            );
        }
        let mut hits = vec![Hit::EMPTY; limit];
        let summary = self
            .corpus
            .search(&query, &filter, &mut hits)
            .map_err(|e| e.to_string())?;
        let mut o = String::new();
        if !self.json {
            let _ = writeln!(o, "{} match(es) for {text:?}", summary.total);
        }
        for h in &hits[..summary.returned] {
            let seg = feudfacts::format::Segment {
                start: 0,
                record: h.record.index,
                field: h.field,
                item: h.item,
                plain: false,
            };
            let field = self.corpus.field_text(&seg).map_or("", |t| t.as_str());
            let (s, e) = (h.start as usize, h.end as usize);
            if self.json {
                let extra = format!(
                    ",\"field\":{},\"item\":{},\"match\":[{s},{e}],\"matched_fields\":{}",
                    json_str(h.field.name()),
                    h.item,
                    h.matched_fields
                );
                o.push_str(&self.json(h.record, &extra));
            } else {
                let snippet = match (field.get(..s), field.get(s..e), field.get(e..)) {
                    (Some(a), Some(m), Some(b)) => format!("{a}[{m}]{b}"),
                    _ => field.to_string(),
                };
                let _ = writeln!(
                    o,
                    "- {} ({}): {snippet}",
                    h.field.name(),
                    h.record.kind.name()
                );
                o.push_str(&self.human(h.record));
            }
        }
        Ok(o)
    }

    fn show(&self, cli: &mut Cli) -> Result<String, String> {
        if cli.args.len() != 2 {
            return Err("show needs KIND and ID".into());
        }
        let kind = Kind::from_name(&cli.args[0])
            .ok_or_else(|| format!("unknown kind `{}`", cli.args[0]))?;
        let r = self.resolve(kind, &cli.args[1])?;
        Ok(self.record(r))
    }

    fn timeline(&self, cli: &mut Cli) -> Result<String, String> {
        let from = parse_date(cli.option("--from")?)?;
        let to = parse_date(cli.option("--to")?)?;
        cli.no_more()?;
        let entries: Vec<RecordRef> = match (from, to) {
            (None, None) => self.corpus.timeline().map(|(r, _)| r).collect(),
            (f, t) => {
                let f = f.unwrap_or(Date {
                    year: 1,
                    month: 1,
                    day: 1,
                });
                let t = t.unwrap_or(Date {
                    year: 9999,
                    month: 12,
                    day: 31,
                });
                self.corpus.in_range(f, t).map(|(r, _)| r).collect()
            }
        };
        let mut o = String::new();
        for r in entries {
            if self.json {
                o.push_str(&self.json(r, ""));
                continue;
            }
            let date = self.corpus.date_of(r).map(iso).unwrap_or_default();
            let line = match self.corpus.record(r) {
                Some(Record::Event(e)) => e.title.to_string(),
                Some(Record::Quote(q)) => format!(
                    "{}: “{}”",
                    self.corpus
                        .entity(q.speaker)
                        .map_or("?".into(), |e| e.name.to_string()),
                    q.text
                ),
                _ => String::new(),
            };
            let _ = writeln!(o, "{date:<10}  {:<5}  {line}", r.kind.name());
        }
        Ok(o)
    }

    fn who(&self, cli: &mut Cli) -> Result<String, String> {
        if cli.args.is_empty() {
            return Err("who needs a NAME".into());
        }
        let name = cli.args.join(" ");
        let e = self
            .corpus
            .entity_by_name(&name)
            .ok_or_else(|| format!("no entity named `{name}`"))?;
        let mut o = self.record(RecordRef::new(Kind::Entity, e));
        for (q, _) in self.corpus.quotes_by(e) {
            o.push_str(&self.record(RecordRef::new(Kind::Quote, q)));
        }
        Ok(o)
    }

    fn thread(&self, cli: &mut Cli) -> Result<String, String> {
        if cli.args.len() != 1 {
            return Err("thread needs a QUOTE_ID".into());
        }
        let r = self.resolve(Kind::Quote, &cli.args[0])?;
        let mut o = String::new();
        for (q, depth) in self.corpus.thread(r.index) {
            let r = RecordRef::new(Kind::Quote, q);
            if self.json {
                o.push_str(&self.json(r, &format!(",\"depth\":{depth}")));
            } else {
                for line in self.human(r).lines() {
                    let _ = writeln!(o, "{}{line}", "    ".repeat(depth));
                }
            }
        }
        Ok(o)
    }

    fn random(&self, cli: &mut Cli) -> Result<String, String> {
        let seed = match cli.option("--seed")? {
            Some(s) => s.parse::<u64>().map_err(|_| format!("bad --seed `{s}`"))?,
            None => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                secs / 86_400
            }
        };
        cli.no_more()?;
        let q = self
            .corpus
            .quote_of_the_day(seed)
            .ok_or("the corpus has no quotes")?;
        Ok(self.record(RecordRef::new(Kind::Quote, q)))
    }

    fn stats(&self, cli: &mut Cli) -> Result<String, String> {
        cli.no_more()?;
        let s = self.corpus.stats();
        let ix = self.corpus.word_index();
        let (words, index_bytes) = ix.map_or((0, 0), |ix| (ix.len(), ix.size()));
        let names = Kind::ALL.map(|k| k.name());
        if self.json {
            let mut o = String::from("{\"kind\":\"stats\"");
            for (n, c) in names.iter().zip(s.counts) {
                let _ = write!(o, ",\"{n}s\":{c}");
            }
            let _ = writeln!(
                o,
                ",\"blob_bytes\":{},\"search_text_bytes\":{},\"fields\":{},\"index_words\":{},\"index_bytes\":{}}}",
                s.blob_bytes, s.search_text_bytes, s.fields, words, index_bytes
            );
            return Ok(o);
        }
        let mut o = String::new();
        for (n, c) in names.iter().zip(s.counts) {
            let _ = writeln!(o, "{n:<12} {c}");
        }
        let _ = writeln!(o, "blob bytes   {}", s.blob_bytes);
        let _ = writeln!(
            o,
            "search text  {} bytes in {} fields",
            s.search_text_bytes, s.fields
        );
        match ix {
            Some(_) => {
                let _ = writeln!(o, "word index   {words} words, {index_bytes} bytes");
            }
            None => {
                let _ = writeln!(o, "word index   none (search scans the text)");
            }
        }
        Ok(o)
    }
}
