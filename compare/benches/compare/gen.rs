//! The synthetic corpus generator: `scale` copies of the feud corpus as TOML,
//! for `feudfacts_compile::compile` (the build pipeline of the real corpus).
//!
//! Copy 0 is the feud corpus unchanged, so the 1× corpus *is* the feud
//! corpus. Every other copy renames each id (`q-x` → `q-x-x7`), rewrites every
//! reference to point inside the copy, and replaces each word of every
//! free-text field with probability [`MUTATE`] by a word drawn from the feud
//! corpus's own text (so word frequencies, field lengths, the mix of record
//! kinds and reply chains stay those of the real corpus). The random stream
//! is SplitMix64 with a fixed seed: identical input gives identical corpora.

use std::collections::HashSet;
use std::fmt::Write as _;
use toml::{Table, Value};

/// Probability that a word of a copied text field is replaced.
pub const MUTATE: f64 = 0.3;
/// The seed of the random stream.
pub const SEED: u64 = 0x00fe_ddfa_c700_2025;

/// The record tables of the corpus source, in the order they are written.
const TABLES: [&str; 6] = [
    "source",
    "entity",
    "quote",
    "event",
    "figure",
    "discrepancy",
];
/// Keys holding ids of other records (a string or a list of strings).
const REF_KEYS: [&str; 9] = [
    "speaker",
    "reply_to",
    "sources",
    "source",
    "participants",
    "quotes",
    "claimed_by",
    "disputed_by",
    "records",
];
/// Keys holding free text that copies rewrite.
const TEXT_KEYS: [&str; 14] = [
    "outlet",
    "headline",
    "name",
    "aliases",
    "roles",
    "notes",
    "text",
    "context",
    "title",
    "summary",
    "refers_to",
    "description",
    "claim",
    "date_note",
];

/// SplitMix64: small, fast and good enough to pick words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The parsed feud corpus, ready to be copied.
pub struct Template {
    tables: Vec<(&'static str, Vec<Table>)>,
    /// The other tables of the source (the `[[synonym]]` groups): corpus-wide
    /// settings, written once whatever the scale.
    once: Vec<(String, Vec<Table>)>,
    ids: HashSet<String>,
    words: Vec<String>,
    /// Records of each kind in the template, in [`TABLES`] order.
    pub counts: [usize; 6],
}

impl Template {
    /// Parses the feud corpus source.
    pub fn parse(source: &str) -> Template {
        let mut root: Table = toml::from_str(source).expect("the feud corpus parses");
        let mut tables = Vec::new();
        let mut ids = HashSet::new();
        let mut words = Vec::new();
        let mut counts = [0; 6];
        for (i, name) in TABLES.iter().enumerate() {
            let recs: Vec<Table> = match root.remove(*name) {
                Some(Value::Array(a)) => a
                    .into_iter()
                    .filter_map(|v| match v {
                        Value::Table(t) => Some(t),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            for r in &recs {
                if let Some(Value::String(id)) = r.get("id") {
                    ids.insert(id.clone());
                }
                collect_words(&Value::Table(r.clone()), "", &mut words);
            }
            counts[i] = recs.len();
            tables.push((*name, recs));
        }
        let once = root
            .into_iter()
            .filter_map(|(name, v)| match v {
                Value::Array(a) => Some((
                    name,
                    a.into_iter()
                        .filter_map(|v| match v {
                            Value::Table(t) => Some(t),
                            _ => None,
                        })
                        .collect(),
                )),
                _ => None,
            })
            .collect();
        Template {
            tables,
            once,
            ids,
            words,
            counts,
        }
    }

    /// The TOML source of `scale` copies.
    pub fn generate(&self, scale: usize) -> String {
        let mut out = String::with_capacity(scale * 80_000);
        for (table, (name, recs)) in self.tables.iter().enumerate() {
            for copy in 0..scale {
                let stream = (copy as u64) << 3 | table as u64;
                let mut rng = Rng(SEED ^ stream.wrapping_mul(0x2545_f491_4f6c_dd1d));
                for r in recs {
                    let mut v = Value::Table(r.clone());
                    if copy > 0 {
                        self.rewrite(&mut v, "", copy, &mut rng);
                    }
                    let _ = writeln!(out, "[[{name}]]");
                    if let Value::Table(t) = &v {
                        for (k, val) in t {
                            let _ = write!(out, "{k} = ");
                            emit(val, &mut out);
                            out.push('\n');
                        }
                    }
                    out.push('\n');
                }
            }
        }
        for (name, recs) in &self.once {
            for r in recs {
                let _ = writeln!(out, "[[{name}]]");
                for (k, val) in r {
                    let _ = write!(out, "{k} = ");
                    emit(val, &mut out);
                    out.push('\n');
                }
                out.push('\n');
            }
        }
        out
    }

    fn rename(&self, id: &mut String, copy: usize) {
        if self.ids.contains(id.as_str()) {
            let _ = write!(id, "-x{copy}");
        }
    }

    fn mutate(&self, s: &mut String, rng: &mut Rng) {
        let mut out = String::with_capacity(s.len() + 16);
        for (i, w) in s.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if !w.is_empty() && !self.words.is_empty() && rng.chance(MUTATE) {
                out.push_str(&self.words[rng.below(self.words.len())]);
            } else {
                out.push_str(w);
            }
        }
        *s = out;
    }

    fn rewrite(&self, v: &mut Value, key: &str, copy: usize, rng: &mut Rng) {
        match v {
            Value::String(s) if key == "id" || REF_KEYS.contains(&key) => self.rename(s, copy),
            Value::String(s) if TEXT_KEYS.contains(&key) && !s.is_empty() => self.mutate(s, rng),
            Value::Array(items) => {
                for item in items {
                    self.rewrite(item, key, copy, rng);
                }
            }
            Value::Table(t) => {
                for (k, item) in t.iter_mut() {
                    self.rewrite(item, k, copy, rng);
                }
            }
            _ => {}
        }
    }
}

fn collect_words(v: &Value, key: &str, words: &mut Vec<String>) {
    match v {
        Value::String(s) if TEXT_KEYS.contains(&key) => {
            words.extend(s.split(' ').filter(|w| !w.is_empty()).map(String::from));
        }
        Value::Array(items) => items.iter().for_each(|i| collect_words(i, key, words)),
        Value::Table(t) => t.iter().for_each(|(k, i)| collect_words(i, k, words)),
        _ => {}
    }
}

/// Writes a TOML value (basic strings, inline arrays and tables).
fn emit(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    '\r' => out.push_str("\\r"),
                    c if (c as u32) < 0x20 || c == '\u{7f}' => {
                        let _ = write!(out, "\\u{:04X}", c as u32);
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        Value::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => {
            let _ = write!(out, "{f:?}");
        }
        Value::Boolean(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Datetime(d) => {
            let _ = write!(out, "{d}");
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                emit(item, out);
            }
            out.push(']');
        }
        Value::Table(t) => {
            out.push_str("{ ");
            for (i, (k, item)) in t.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "{k} = ");
                emit(item, out);
            }
            out.push_str(" }");
        }
    }
}
