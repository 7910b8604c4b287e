//! Query analysis for best-match search: what each part of a query asks
//! for, and which index entries may answer it.
//!
//! A query becomes *clauses*: one per word (its term, the terms of its
//! synonyms, and for a word the corpus does not know, its nearest spellings),
//! one per phrase or prefix, one per date (`september 2024`, `jan 23`,
//! `2018`) and one per amount (`97.4 billion`, `$97.4B`, `100,000`). Each
//! clause has *alternatives*: term-index entries, a date range, or figures by
//! value, each with a weight (a synonym counts a little less than the word,
//! a corrected spelling less again). Stop and question words
//! ([`crate::tokens::is_stop`]) make clauses that are never required and weigh
//! little; `how much`, `who` and `when` also set the query's *intent*, which
//! ranks figures, people or dated records a little higher. The plan is a few
//! hundred bytes on the stack; [`crate::best`] runs it.

use crate::amounts;
use crate::corpus::Corpus;
use crate::impact;
use crate::records::Date;
use crate::search::{Query, TermKind};
use crate::terms::TermIndex;
use crate::tokens;
use crate::typo;

/// The most clauses a query is read into.
pub const MAX_CLAUSES: usize = 16;
/// The most alternatives of all clauses together.
pub const MAX_ALTS: usize = 20;
/// The most alternatives a prefix expands to.
pub const MAX_PREFIX: usize = 6;
/// The most spellings a misspelt word is corrected to.
pub const MAX_TYPOS: usize = 2;
/// The most synonyms a word brings in (those in the corpus).
pub const MAX_SYNONYMS: usize = 4;

/// Weights of alternatives, in sixteenths.
pub mod weight {
    /// The word itself (or its stem).
    pub const WORD: u32 = 16;
    /// A stop or question word.
    pub const STOP: u32 = 3;
    /// A synonym of the word.
    pub const SYNONYM: u32 = 12;
    /// A spelling one edit away.
    pub const TYPO1: u32 = 10;
    /// A spelling two edits away.
    pub const TYPO2: u32 = 8;
    /// A word completing a prefix.
    pub const PREFIX: u32 = 14;
    /// A phrase, all its words in order.
    pub const PHRASE: u32 = 24;
    /// A record dated as the query says.
    pub const DATE: u32 = 20;
    /// A figure of the amount the query says.
    pub const AMOUNT: u32 = 24;
    /// The words of a date or amount as text (`january`, `2024`).
    pub const DATE_WORD: u32 = 10;
}

/// What an alternative matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AltKind {
    /// Records holding term-index entry `term`; `exact` are the form bits of
    /// the query's own spelling (0 when the corpus never spells it so).
    Term {
        /// The entry.
        term: u32,
        /// Form bits of the query's spelling.
        exact: u8,
    },
    /// Records whose date overlaps the query date: `from..=to` packed
    /// ([`Date::pack`]), or, when `any_year`, any year's `month`/`day`.
    Date {
        /// First day, packed.
        from: u32,
        /// Last day, packed.
        to: u32,
        /// The query gave no year.
        any_year: bool,
    },
    /// Figures at `Values` entries `lo..hi` (one value).
    Value {
        /// First entry.
        lo: u32,
        /// Past the last entry.
        hi: u32,
    },
}

/// One alternative of a clause.
#[derive(Clone, Copy, Debug)]
pub struct Alt {
    /// What it matches.
    pub kind: AltKind,
    /// Its clause.
    pub clause: u8,
    /// Score per unit of impact: the entry's idf times the weight.
    pub scale: u32,
    /// The most it can add to a record's score.
    pub ub: u32,
}

/// What a clause asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClauseKind {
    /// A word (or its synonyms, or its corrections).
    Word,
    /// A stop or question word.
    Stop,
    /// A phrase: the folded phrase is `query.buf[start..start + len]`.
    Phrase {
        /// Start of the folded phrase in the query buffer.
        start: u16,
        /// Its length.
        len: u16,
    },
    /// A prefix.
    Prefix,
    /// A date.
    Date,
    /// An amount.
    Amount,
}

/// One clause.
#[derive(Clone, Copy, Debug)]
pub struct Clause {
    /// What it asks for.
    pub kind: ClauseKind,
    /// Whether a complete match needs it.
    pub required: bool,
    /// The query term it came from.
    pub term: u8,
    /// Whether its word was not in the corpus and was read as a near
    /// spelling.
    pub corrected: bool,
    /// Where its word lies in the query buffer (start, length).
    pub span: (u16, u16),
    /// The best correction of a corrected word: term entry and form.
    pub fix: Option<(u32, u8)>,
}

/// What kind of answer a question asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// No question word.
    None,
    /// `how much`, `how many`: figures.
    Amount,
    /// `who`: people and other entities, and quotes.
    Person,
    /// `when`, `what year`: dated events and quotes.
    Time,
    /// `what is`, `who was`: the entity itself.
    Define,
    /// `disagree`, `which article … wrong`: where the articles disagree.
    Disagree,
}

impl Intent {
    /// The score multiplier (in sixteenths) this intent gives a record of
    /// `kind` that has a date (`dated`).
    pub fn boost(self, kind: crate::format::Kind, dated: bool) -> u32 {
        use crate::format::Kind as K;
        match (self, kind) {
            // An explicit ask for a number: figures count double.
            (Intent::Amount, K::Figure) => 32,
            (Intent::Person | Intent::Define, K::Entity) => 24,
            (Intent::Person, K::Quote) => 20,
            (Intent::Time, K::Event | K::Quote) if dated => 20,
            (Intent::Disagree, K::Discrepancy) => 24,
            _ => 16,
        }
    }

    /// The largest multiplier of [`Intent::boost`].
    pub fn max_boost(self) -> u32 {
        match self {
            Intent::None => 16,
            Intent::Time => 20,
            Intent::Amount => 32,
            _ => 24,
        }
    }
}

/// A query read for best-match search.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The clauses.
    pub clauses: heapless::Vec<Clause, MAX_CLAUSES>,
    /// Their alternatives, grouped by clause.
    pub alts: heapless::Vec<Alt, MAX_ALTS>,
    /// The question's intent.
    pub intent: Intent,
}

impl Plan {
    /// Bit `t` set: query term `t` was corrected (did you mean).
    pub fn corrected(&self) -> u16 {
        self.clauses
            .iter()
            .filter(|c| c.corrected)
            .fold(0, |m, c| m | 1u16.checked_shl(c.term as u32).unwrap_or(0))
    }
}

/// The months, as people write them (full names first for the text alternative).
const MONTHS: [(&[u8], &[u8]); 12] = [
    (b"january", b"jan"),
    (b"february", b"feb"),
    (b"march", b"mar"),
    (b"april", b"apr"),
    (b"may", b"may"),
    (b"june", b"jun"),
    (b"july", b"jul"),
    (b"august", b"aug"),
    (b"september", b"sep"),
    (b"october", b"oct"),
    (b"november", b"nov"),
    (b"december", b"dec"),
];

/// The month a word names (1–12).
fn month(w: &[u8]) -> Option<u8> {
    if w == b"sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|(full, short)| w == *full || w == *short)
        .map(|i| i as u8 + 1)
}

/// A day of the month as written: `23`, `23rd`, `1st`.
fn day(w: &[u8]) -> Option<u8> {
    let digits = w.iter().take_while(|c| c.is_ascii_digit()).count();
    let (num, rest) = w.split_at_checked(digits)?;
    if num.is_empty() || num.len() > 2 || !matches!(rest, b"" | b"st" | b"nd" | b"rd" | b"th") {
        return None;
    }
    let d = num.iter().fold(0u8, |a, c| a * 10 + (c - b'0'));
    (1..=31).contains(&d).then_some(d)
}

/// A year as written: four digits, 1900–2099.
fn year(w: &[u8]) -> Option<u16> {
    if w.len() != 4 || !w.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let y = w.iter().fold(0u16, |a, c| a * 10 + (c - b'0') as u16);
    (1900..=2099).contains(&y).then_some(y)
}

/// The intent a query word (and the word after it) expresses.
fn intent(w: &[u8], next: Option<&[u8]>) -> Intent {
    let disagreeing = |w: &[u8]| {
        [
            &b"disagree"[..],
            b"agree",
            b"differ",
            b"conflict",
            b"contradict",
            b"discrepanc",
            b"inconsisten",
            b"mistake",
            b"error",
        ]
        .iter()
        .any(|p| w.starts_with(p))
    };
    match (w, next) {
        // How much, how many, how old, how long: a number.
        (b"how", Some(b"much" | b"many" | b"old" | b"long" | b"big" | b"large" | b"far")) => {
            Intent::Amount
        }
        (b"who" | b"whom" | b"whose" | b"who's", _) => Intent::Person,
        (b"what" | b"what's" | b"which", Some(b"is" | b"was" | b"are" | b"were")) => Intent::Define,
        (b"what's", _) => Intent::Define,
        (b"when", _) | (b"what" | b"which", Some(b"year" | b"day" | b"date" | b"month")) => {
            Intent::Time
        }
        (w, _) if disagreeing(w) => Intent::Disagree,
        _ => Intent::None,
    }
}

/// One token of the query: its bytes in the query buffer and its term.
#[derive(Clone, Copy)]
struct Tok {
    start: u16,
    len: u16,
    term: u8,
}

/// Builds plans: the corpus's indexes and the query.
struct Builder<'a, 'q> {
    ix: TermIndex<'a>,
    corpus: Corpus<'a>,
    query: &'q Query,
    n: u64,
    plan: Plan,
    /// Alternatives kept free for the clauses still to come (one each), so
    /// a word's synonyms never crowd out a later word itself.
    reserve: usize,
}

impl<'a> Builder<'a, '_> {
    fn bytes(&self, t: Tok) -> &[u8] {
        self.query.bytes(t.start as usize, t.len as usize)
    }

    /// Starts a clause; `false` when the plan is full.
    fn clause(&mut self, kind: ClauseKind, required: bool, term: u8) -> bool {
        self.plan
            .clauses
            .push(Clause {
                kind,
                required,
                term,
                corrected: false,
                span: (0, 0),
                fix: None,
            })
            .is_ok()
    }

    fn current(&self) -> u8 {
        self.plan.clauses.len().saturating_sub(1) as u8
    }

    /// Adds an alternative to the current clause; dropped when the room left
    /// is what the clauses still to come need, unless it is the clause's
    /// first.
    fn alt(&mut self, kind: AltKind, idf: u32, weight: u32, max_impact: u32) {
        let clause = self.current();
        let first = !self.plan.alts.iter().any(|a| a.clause == clause);
        let room = analyze_room(self.plan.alts.len(), self.reserve);
        if !first && !room {
            return;
        }
        let scale = (idf as u64 * weight as u64 / 16).min(u32::MAX as u64) as u32;
        let ub = (scale as u64 * max_impact as u64 * 5 / 4).min(u32::MAX as u64 / 32) as u32;
        let alt = Alt {
            kind,
            clause: self.current(),
            scale,
            ub,
        };
        let _ = self.plan.alts.push(alt);
    }

    /// Adds term entry `t` unless the clause has it already.
    fn term_alt(&mut self, t: usize, exact: u8, weight: u32) {
        let clause = self.current();
        let dup = self.plan.alts.iter().any(|a| {
            a.clause == clause && matches!(a.kind, AltKind::Term { term, .. } if term as usize == t)
        });
        if dup {
            return;
        }
        let idf = impact::idf(self.n, self.ix.df(t) as u64);
        let max = self.ix.max_impact(t) as u32;
        self.alt(
            AltKind::Term {
                term: t as u32,
                exact,
            },
            idf,
            weight,
            max,
        );
    }

    /// The term entry of a word form, and the bits of its exact spelling.
    fn lookup(&self, form: &[u8]) -> Option<(usize, u8)> {
        self.lookup_term(form, &tokens::term(form))
    }

    /// [`Builder::lookup`] with the form's term already worked out.
    fn lookup_term(&self, form: &[u8], term: &crate::stem::Stem) -> Option<(usize, u8)> {
        let t = self.ix.find(term.as_bytes())?;
        let exact = self
            .ix
            .form_index(t, form)
            .map_or(0, crate::format::form_bit);
        Some((t, exact))
    }

    /// A word clause: the word, its synonyms, or its nearest spellings.
    fn word(&mut self, tok: Tok) {
        let form_buf = self.query.bytes(tok.start as usize, tok.len as usize);
        let stop = tokens::is_stop(form_buf);
        if !self.clause(
            if stop {
                ClauseKind::Stop
            } else {
                ClauseKind::Word
            },
            !stop,
            tok.term,
        ) {
            return;
        }
        if let Some(c) = self.plan.clauses.last_mut() {
            c.span = (tok.start, tok.len);
        }
        let term = tokens::term(form_buf);
        let found = self.lookup_term(form_buf, &term);
        if let Some((t, exact)) = found {
            self.term_alt(t, exact, if stop { weight::STOP } else { weight::WORD });
        }
        if stop {
            return;
        }
        let syn = self.corpus.synonyms();
        let mut any_synonym = false;
        if let Some(g) = syn.group_of(term.as_bytes()) {
            let mut added = 0;
            for member in syn.members(g).filter(|m| *m != term.as_bytes()) {
                if let (true, Some(t)) = (added < MAX_SYNONYMS, self.ix.find(member)) {
                    self.term_alt(t, 0, weight::SYNONYM);
                    any_synonym = true;
                    added += 1;
                }
            }
        }
        if found.is_none() && !any_synonym {
            let cands = typo::candidates::<MAX_TYPOS>(&self.ix, form_buf);
            for c in &cands {
                let w = if c.edits <= 1 {
                    weight::TYPO1
                } else {
                    weight::TYPO2
                };
                self.term_alt(c.term as usize, 0, w);
            }
            if let (Some(best), Some(cl)) = (cands.first(), self.plan.clauses.last_mut()) {
                cl.corrected = true;
                cl.fix = Some((best.term, best.form));
            }
        }
    }

    /// A prefix clause: the words of the corpus starting with `prefix`.
    fn prefix(&mut self, prefix: &[u8], term: u8) {
        if !self.clause(ClauseKind::Prefix, true, term) {
            return;
        }
        let mut found: heapless::Vec<(u32, usize), MAX_PREFIX> = heapless::Vec::new();
        for t in 0..self.ix.len() {
            if self.ix.forms(t).any(|f| f.starts_with(prefix)) {
                let df = self.ix.df(t);
                // Keep the most common completions: replace the rarest.
                if found.is_full() {
                    let rarest = found.iter_mut().min_by_key(|x| x.0);
                    match rarest {
                        Some(x) if x.0 < df => *x = (df, t),
                        _ => {}
                    }
                    continue;
                }
                let _ = found.push((df, t));
            }
        }
        insertion_sort_by_key(&mut found, |x| x.1);
        for (_, t) in found {
            self.term_alt(t, 0, weight::PREFIX);
        }
    }

    /// A phrase clause: driven by its rarest word, confirmed in the text.
    fn phrase(&mut self, start: usize, len: usize, term: u8) {
        let kind = ClauseKind::Phrase {
            start: start as u16,
            len: len as u16,
        };
        if !self.clause(kind, true, term) {
            return;
        }
        let bytes = self.query.bytes(start, len);
        let mut rarest: Option<(u32, usize, u8)> = None;
        let mut all_known = true;
        for (a, b) in tokens::Tokens::new(bytes) {
            match self.lookup(bytes.get(a..b).unwrap_or(&[])) {
                Some((t, exact)) => {
                    let df = self.ix.df(t);
                    if rarest.is_none_or(|r| df < r.0) {
                        rarest = Some((df, t, exact));
                    }
                }
                None => all_known = false,
            }
        }
        if let (true, Some((_, t, exact))) = (all_known, rarest) {
            self.term_alt(t, exact, weight::PHRASE);
        }
    }

    /// A date clause.
    fn date(&mut self, y: Option<u16>, m: Option<u8>, d: Option<u8>, words: &[Tok], term: u8) {
        if !self.clause(ClauseKind::Date, true, term) {
            return;
        }
        let (yr, any_year) = match y {
            Some(y) => (y, false),
            None => (2000, true),
        };
        let (mo, da) = (m.unwrap_or(0), if m.is_some() { d.unwrap_or(0) } else { 0 });
        if let Some(date) = Date::new(yr, mo, da) {
            let idf = impact::idf(self.n, (self.n / 8).max(1));
            self.alt(
                AltKind::Date {
                    from: date.first_day().pack(),
                    to: date.last_day().pack(),
                    any_year,
                },
                idf,
                weight::DATE,
                DATE_IMPACT as u32,
            );
        }
        // The date's words as text: the month's full name, the year.
        if let Some(m) = m {
            if let Some((full, _)) = MONTHS.get(m as usize - 1) {
                if let Some((t, _)) = self.lookup(full) {
                    self.term_alt(t, 0, weight::DATE_WORD);
                }
            }
        }
        for w in words {
            let b = self.bytes(*w);
            if year(b).is_some() {
                if let Some((t, exact)) = self.lookup(b) {
                    self.term_alt(t, exact, weight::DATE_WORD);
                }
            }
        }
    }

    /// An amount clause: figures of that value, and the number as text.
    fn amount(&mut self, a: amounts::Amount, number: Tok, term: u8) {
        if !self.clause(ClauseKind::Amount, true, term) {
            return;
        }
        let values = self.corpus.values();
        let idf = impact::idf(self.n, 1);
        let powers: &[u32] = if a.scaled { &[0] } else { &[0, 3, 6, 9, 12] };
        for &p in powers {
            let Some(v) = 10i64.checked_pow(p).and_then(|m| a.value.checked_mul(m)) else {
                continue;
            };
            let (lo, hi) = values.equal_range(v);
            if lo < hi {
                self.alt(
                    AltKind::Value {
                        lo: lo as u32,
                        hi: hi as u32,
                    },
                    idf,
                    weight::AMOUNT,
                    VALUE_IMPACT as u32,
                );
            }
        }
        let b = self.bytes(number);
        let digits = b
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b',' || **c == b'.')
            .count();
        if let Some((t, exact)) = self.lookup(b.get(..digits).unwrap_or(b)) {
            self.term_alt(t, exact, weight::DATE_WORD);
        }
    }
}

/// Sorts a few items (at most a query's worth) in place: an insertion sort,
/// a few dozen bytes of code where the library's sort is kilobytes.
pub(crate) fn insertion_sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v.get(j - 1).map(&key) > v.get(j).map(&key) {
            swap_down(v, j);
            j -= 1;
        }
    }
}

/// Swaps items `i - 1` and `i` (nothing when out of range; no panic path).
pub(crate) fn swap_down<T>(v: &mut [T], i: usize) {
    if let Some([a, b]) = i.checked_sub(1).and_then(|p| v.get_mut(p..=i)) {
        core::mem::swap(a, b);
    }
}

/// Whether an expansion fits beside `reserve` alternatives still needed.
fn analyze_room(used: usize, reserve: usize) -> bool {
    used + reserve < MAX_ALTS
}

/// The impact a record dated as the query says counts with (of 255).
pub const DATE_IMPACT: u8 = 200;
/// The impact of a figure of the query's amount.
pub const VALUE_IMPACT: u8 = 230;

/// Reads `query` for best-match search over `corpus`.
pub fn plan(corpus: &Corpus<'_>, query: &Query) -> Plan {
    let mut b = Builder {
        ix: corpus.term_index(),
        corpus: *corpus,
        query,
        n: corpus.total_records() as u64,
        plan: Plan {
            clauses: heapless::Vec::new(),
            alts: heapless::Vec::new(),
            intent: Intent::None,
        },
        reserve: query.len(),
    };
    // First the word tokens of the word terms, and how many phrases,
    // prefixes and ISO dates there are: every clause to come keeps one
    // alternative free (see `reserve`).
    let iso_of = |bytes: &[u8]| {
        // An ISO date (`2025-01-22`, `2024-09`); a bare year is read below.
        bytes
            .contains(&b'-')
            .then(|| Date::parse(core::str::from_utf8(bytes).unwrap_or("")))
            .flatten()
            .filter(|d| (1900..=2099).contains(&d.year))
    };
    let mut toks: heapless::Vec<Tok, 32> = heapless::Vec::new();
    let mut special = 0usize;
    for (ti, (start, len, kind)) in query.spans().enumerate() {
        let bytes = query.bytes(start, len);
        if kind != TermKind::Word || iso_of(bytes).is_some() {
            special += 1;
            continue;
        }
        for (a, e) in tokens::Tokens::new(bytes) {
            let _ = toks.push(Tok {
                start: (start + a) as u16,
                len: (e - a) as u16,
                term: ti as u8,
            });
        }
    }
    for (ti, (start, len, kind)) in query.spans().enumerate() {
        let ti = ti as u8;
        let bytes = query.bytes(start, len);
        let iso = iso_of(bytes);
        if kind == TermKind::Word && iso.is_none() {
            continue;
        }
        special -= 1;
        b.reserve = special + toks.len();
        match (kind, iso) {
            (TermKind::Phrase, _) => b.phrase(start, len, ti),
            (TermKind::Prefix, _) => b.prefix(bytes, ti),
            (_, Some(d)) => {
                let (m, day) = (
                    Some(d.month).filter(|&m| m > 0),
                    Some(d.day).filter(|&d| d > 0),
                );
                b.date(Some(d.year), m, day, &[], ti);
            }
            _ => {}
        }
    }
    // A long question has more words than clauses: then its stop words get
    // none (they weigh little, and every content word needs one).
    let stop_count = toks
        .iter()
        .filter(|t| tokens::is_stop(query.bytes(t.start as usize, t.len as usize)))
        .count();
    let skip_stops = b.plan.clauses.len() + toks.len() > MAX_CLAUSES && stop_count < toks.len();
    let mut i = 0;
    while i < toks.len() {
        let Some(&tok) = toks.get(i) else { break };
        b.reserve = toks.len() - i - 1;
        let at = |t: &Tok| query.bytes(t.start as usize, t.len as usize);
        let w = at(&tok);
        let next = toks.get(i + 1).map(at);
        let next2 = toks.get(i + 2).map(at);
        // Intent: the first question word that says what kind of answer.
        if b.plan.intent == Intent::None {
            b.plan.intent = intent(w, next);
        }
        // Dates: month [day] [year], day month [year], a year alone.
        let m = month(w)
            .filter(|_| w != b"may" || next.is_some_and(|n| day(n).is_some() || year(n).is_some()));
        if let Some(m) = m {
            let (d, used) = match next.and_then(day) {
                Some(d) => (Some(d), 2),
                None => (None, 1),
            };
            let after = if used == 2 { next2 } else { next };
            let (y, used) = match after.and_then(year) {
                Some(y) => (Some(y), used + 1),
                None => (None, used),
            };
            let end = (i + used).min(toks.len());
            let words = toks.get(i..end).unwrap_or(&[]);
            b.date(y, Some(m), d, words, tok.term);
            i = end;
            continue;
        }
        if let (Some(d), Some(m)) = (day(w), next.and_then(month)) {
            let (y, used) = match next2.and_then(year) {
                Some(y) => (Some(y), 3),
                None => (None, 2),
            };
            let end = (i + used).min(toks.len());
            let words = toks.get(i..end).unwrap_or(&[]);
            b.date(y, Some(m), Some(d), words, tok.term);
            i = end;
            continue;
        }
        if year(w).is_some() {
            b.date(year(w), None, None, &[tok], tok.term);
            i += 1;
            continue;
        }
        // Amounts.
        if let Some((a, used_next)) = amounts::parse(w, next) {
            b.amount(a, tok, tok.term);
            i += if used_next { 2 } else { 1 };
            continue;
        }
        if !(skip_stops && tokens::is_stop(w)) {
            b.word(tok);
        }
        i += 1;
    }
    // "Which article got it wrong": an article word and a correctness word.
    if b.plan.intent == Intent::None {
        let words = || {
            toks.iter()
                .map(|t| query.bytes(t.start as usize, t.len as usize))
        };
        let article = words().any(|w| {
            matches!(
                w,
                b"article"
                    | b"articles"
                    | b"source"
                    | b"sources"
                    | b"report"
                    | b"reports"
                    | b"outlet"
                    | b"outlets"
            )
        });
        let judged = words().any(|w| {
            matches!(
                w,
                b"wrong" | b"right" | b"correct" | b"incorrect" | b"mistaken" | b"false" | b"true"
            )
        });
        if article && judged {
            b.plan.intent = Intent::Disagree;
        }
    }
    // A query of stop words alone still needs them.
    if !b.plan.clauses.iter().any(|c| c.required) {
        for c in b.plan.clauses.iter_mut() {
            c.required = true;
        }
    }
    b.plan
}
