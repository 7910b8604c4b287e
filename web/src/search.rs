//! The search response: a query and a filter in, ranked hits out, each with
//! the text to list it under and every query word marked in it.
//!
//! This is [`Corpus::search`] (best match, or strict with [`STRICT`]) with
//! the page's two additions: *as you type* ([`AS_YOU_TYPE`]) also reads the
//! word being typed as a prefix, so `softb` already finds SoftBank, while a
//! finished word keeps its stems and corrections (see [`prefer_prefix`]);
//! and each hit carries its label, its speaker and one line of detail (the
//! field that matched, when it is not the label), marked by
//! [`crate::highlight`]. Everything the core's [`Summary`] says goes out
//! through [`summary`], the one place that writes it.

use crate::highlight::{excerpt, merge, ranges};
use crate::json::Json;
use crate::refs;
use feudfacts::{
    Corpus, Date, Entity, Error, Field, Filter, Hit, Kind, KindSet, Mode, Query, Record, Summary,
    MAX_QUERY_LEN,
};

/// Flag: read the last word as a prefix unless the query ends in a space.
pub const AS_YOU_TYPE: u32 = 1;
/// Flag: strict matching (every term literally, no closest matches).
pub const STRICT: u32 = 2;
/// Every flag this version knows; others are refused, so a caller written
/// for a later version fails loudly rather than being ignored.
pub const KNOWN_FLAGS: u32 = AS_YOU_TYPE | STRICT;
/// The most hits one response returns.
pub const MAX_HITS: u32 = 200;
/// `entity` value meaning "any entity".
pub const ANY_ENTITY: u32 = u32::MAX;
/// The longest detail line, in bytes, before it is cut around its match.
pub const DETAIL_LEN: usize = 180;

/// A search as the page asks for it: the numbers cross the WebAssembly
/// boundary as they are, and are checked here.
#[derive(Clone, Copy, Debug)]
pub struct Request<'q> {
    /// The query, UTF-8.
    pub query: &'q [u8],
    /// [`KindSet`] bits (bit `k` for [`Kind`] code `k`); `0x3f` is every kind.
    pub kinds: u32,
    /// Only records involving this entity index, or [`ANY_ENTITY`].
    pub entity: u32,
    /// Earliest date, packed as [`Date::pack`]; 0 for none.
    pub from: u32,
    /// Latest date, packed; 0 for none.
    pub to: u32,
    /// How many hits to return, at most [`MAX_HITS`].
    pub limit: u32,
    /// [`AS_YOU_TYPE`], [`STRICT`], or 0.
    pub flags: u32,
}

/// A packed date, 0 meaning none; [`Error::InvalidArgument`] if it is not a
/// real date.
pub fn unpack_date(v: u32) -> Result<Option<Date>, Error> {
    match v {
        0 => Ok(None),
        v => Date::unpack(v).map(Some).ok_or(Error::InvalidArgument),
    }
}

impl Request<'_> {
    /// The core filter; [`Error::InvalidArgument`] for unknown kind bits, a
    /// bad or reversed date range, [`Error::NotFound`] for an unknown entity.
    pub fn filter(&self, c: &Corpus<'_>) -> Result<Filter, Error> {
        if self.kinds > u32::from(KindSet::ALL.bits()) {
            return Err(Error::InvalidArgument);
        }
        let entity = match self.entity {
            ANY_ENTITY => None,
            e if (e as usize) < c.count(Kind::Entity) => Some(e),
            _ => return Err(Error::NotFound),
        };
        let (from, to) = (unpack_date(self.from)?, unpack_date(self.to)?);
        if let (Some(f), Some(t)) = (from, to) {
            if f.first_day() > t.last_day() {
                return Err(Error::InvalidArgument);
            }
        }
        Ok(Filter {
            mode: if self.flags & STRICT != 0 {
                Mode::Strict
            } else {
                Mode::Best
            },
            kinds: KindSet::from_bits(self.kinds as u8),
            entity,
            from,
            to,
        })
    }

    /// The query as typed; [`Error::InvalidUtf8`] unless it is UTF-8.
    pub fn typed_text(&self) -> Result<&str, Error> {
        core::str::from_utf8(self.query).map_err(|e| Error::InvalidUtf8 {
            valid_up_to: e.valid_up_to(),
        })
    }

    /// The query with the word being typed read as a prefix: with `*` after
    /// a last word being typed (with [`AS_YOU_TYPE`], and not after a space,
    /// a closed phrase or a `*`, and only while it fits); as typed otherwise.
    pub fn query_text(&self) -> Result<String, Error> {
        let mut q = self.typed_text()?.to_string();
        let typing = q.chars().next_back().is_some_and(char::is_alphanumeric);
        let open_phrase = q.matches('"').count() % 2 == 1;
        if self.flags & AS_YOU_TYPE != 0 && typing && !open_phrase && q.len() < MAX_QUERY_LEN {
            q.push('*');
        }
        Ok(q)
    }
}

/// One query run through the core.
struct Run {
    text: String,
    query: Query,
    hits: Vec<Hit>,
    found: Summary,
}

fn run(c: &Corpus<'_>, text: String, filter: &Filter, limit: u32) -> Result<Run, Error> {
    let query = Query::parse(&text)?;
    let mut hits = vec![Hit::EMPTY; limit as usize];
    let found = c.search(&query, filter, &mut hits)?;
    hits.truncate(found.returned);
    Ok(Run {
        text,
        query,
        hits,
        found,
    })
}

/// As you type, whether the query with its last word read as a prefix
/// (`softb*`) answers better than the query as typed (`softb`), which best
/// match reads with stems, synonyms and corrections (`lawsuits` finds
/// "lawsuit", `altamn stargte` "Altman" and "Stargate"; as prefixes they
/// find nothing). The one with more records having every word wins; on a
/// tie the prefix does (it finds what the visitor is about to type), unless
/// neither has any and only the query as typed could correct a misspelling,
/// so the visitor is offered its spelling.
pub fn prefer_prefix(typed: &Summary, prefix: &Summary) -> bool {
    match prefix.total.cmp(&typed.total) {
        core::cmp::Ordering::Greater => true,
        core::cmp::Ordering::Less => false,
        core::cmp::Ordering::Equal => prefix.total > 0 || typed.corrected == 0,
    }
}

/// Runs a search and writes its response:
/// `{"query":…,"total":…,"returned":…,"partial":…,"suggestion":…,"hits":[…]}`
/// (see [`summary`] and [`hit`]). `query` is the text the core was given:
/// as typed, or with the `*` that [`AS_YOU_TYPE`] added.
pub fn search(c: &Corpus<'_>, req: &Request<'_>) -> Result<String, Error> {
    if req.flags & !KNOWN_FLAGS != 0 || req.limit > MAX_HITS {
        return Err(Error::InvalidArgument);
    }
    let filter = req.filter(c)?;
    let text = req.typed_text()?;
    let prefixed = req.query_text()?;
    let typed = run(c, text.to_string(), &filter, req.limit)?;
    // With the page's `*` or as typed. The `*` adds no term, so the prefix
    // query parses whenever the typed one does; it is still only shown if
    // it runs.
    let (chosen, star_added) = if prefixed.len() == text.len() {
        (typed, false)
    } else {
        match run(c, prefixed, &filter, req.limit) {
            Ok(p) if prefer_prefix(&typed.found, &p.found) => (p, true),
            _ => (typed, false),
        }
    };
    let suggested = suggestion(c, &chosen.query, &chosen.found, star_added);
    // The words as the search read them are marked too: a record found
    // for `altamn` shows "Altman" marked wherever it shows it.
    let fixed = suggested.as_deref().and_then(|t| Query::parse(t).ok());
    let mut w = Json::new();
    w.obj(|w| {
        w.key("query").str(&chosen.text);
        summary(w, &chosen.found, suggested.as_deref());
        w.key("hits").arr(|w| {
            for h in &chosen.hits {
                hit(w, c, &chosen.query, fixed.as_ref(), h);
            }
        });
    });
    Ok(w.finish())
}

/// The members that say what was found: `total` (records with every word),
/// `returned`, `partial` (how many returned hits are closest matches, the
/// last ones; with `total` 0, no record has every word) and `suggestion`
/// (see [`suggestion`]; null when there is none).
pub fn summary(w: &mut Json, s: &Summary, suggestion: Option<&str>) {
    w.key("total").uint(s.total as u64);
    w.key("returned").uint(s.returned as u64);
    w.key("partial").uint(s.partial as u64);
    match suggestion {
        Some(t) => w.key("suggestion").str(t),
        None => w.key("suggestion").null(),
    };
}

/// The query respelled as the search read its unknown words
/// ([`Corpus::suggest`]), when it corrected any. When `star_added` (the
/// `*` after the last word was the module's, not the visitor's), without
/// it, as the visitor would type it.
pub fn suggestion(c: &Corpus<'_>, q: &Query, s: &Summary, star_added: bool) -> Option<String> {
    if s.corrected == 0 {
        return None;
    }
    let mut buf = [0u8; 2 * MAX_QUERY_LEN];
    let n = c.suggest(q, &mut buf)?;
    let t = core::str::from_utf8(buf.get(..n)?).ok()?;
    let t = if star_added {
        t.strip_suffix('*').unwrap_or(t)
    } else {
        t
    };
    Some(t.to_string())
}

/// Where to mark `text`: every word of `q` and of `fixed` (the suggestion,
/// if any), and `own` (the core's match, if it lies in this text).
fn mark_ranges(
    text: &str,
    q: &Query,
    fixed: Option<&Query>,
    own: Option<(usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut r = ranges(text, q, own);
    if let Some(f) = fixed {
        r.extend(ranges(text, f, None));
        r = merge(r);
    }
    r
}

/// The field a record is listed under, if it is searchable.
fn label_field(rec: &Record<'_>) -> Option<Field> {
    match rec {
        Record::Source(s) if !s.headline.is_empty() => Some(Field::SourceHeadline),
        Record::Source(s) if !s.outlet.is_empty() => Some(Field::SourceOutlet),
        Record::Entity(_) => Some(Field::EntityName),
        Record::Quote(_) => Some(Field::QuoteText),
        Record::Event(_) => Some(Field::EventTitle),
        Record::Discrepancy(_) => Some(Field::DiscrepancyTitle),
        Record::Source(_) | Record::Figure(_) => None,
    }
}

/// The line shown under a record's label when the match is not in another
/// field: an event's summary, a discrepancy's description, a figure's first
/// phrasing, an entity's first role.
fn default_detail<'a>(rec: &Record<'a>) -> Option<(Option<Field>, &'a str)> {
    let text = match rec {
        Record::Event(e) => (Some(Field::EventSummary), e.summary),
        Record::Discrepancy(d) => (Some(Field::DiscrepancyDescription), d.description),
        Record::Figure(f) => (Some(Field::FigurePhrasing), f.phrasings.get(0)?.text),
        Record::Entity(Entity { roles, .. }) => (None, roles.get(0)?),
        Record::Source(_) | Record::Quote(_) => return None,
    };
    Some((text.0, text.1.as_str()))
}

/// One hit: kind, index, key, the matched `field`, `complete` (whether it
/// has every word), `dating`, `label` (marked), for a quote its `speaker`
/// (marked), and `detail` (marked, cut around its first mark) or `null`.
/// The words of `q` and of `fixed` (the suggestion) are marked.
pub fn hit(w: &mut Json, c: &Corpus<'_>, q: &Query, fixed: Option<&Query>, h: &Hit) {
    let Some(rec) = c.record(h.record) else {
        return;
    };
    let core_range = (h.start as usize, h.end as usize);
    // The core's match, where `field` is the field shown.
    let own = |f: Option<Field>| (f == Some(h.field)).then_some(core_range);
    w.obj(|w| {
        w.key("kind").str(h.record.kind.name());
        w.key("index").uint(h.record.index.into());
        w.key("key").str(rec.key().as_str());
        w.key("field").str(h.field.name());
        w.key("complete").bool(h.complete);
        w.key("dating");
        refs::dating(w, rec.dating());
        let label_f = label_field(&rec);
        let label = refs::label(&rec);
        let own_label = if h.item == 0 { own(label_f) } else { None };
        w.key("label")
            .marked(label, &mark_ranges(label, q, fixed, own_label));
        if let Record::Quote(quote) = rec {
            let name = c.entity(quote.speaker).map_or("", |e| e.name.as_str());
            let own_speaker = own(Some(Field::QuoteSpeaker));
            w.key("speaker")
                .marked(name, &mark_ranges(name, q, fixed, own_speaker));
            w.key("medium").str(quote.medium.name());
        }
        // The matched field when it is not the label, else the default line.
        let detail = if label_f == Some(h.field) || h.field == Field::QuoteSpeaker {
            default_detail(&rec)
        } else {
            c.hit_text(h).map(|t| (Some(h.field), t.as_str()))
        };
        w.key("detail");
        match detail {
            Some((f, text)) => {
                let own = if f == Some(h.field) { own(f) } else { None };
                let (shown, cut_before, cut_after, marks) =
                    excerpt(text, &mark_ranges(text, q, fixed, own), DETAIL_LEN);
                w.obj(|w| {
                    w.key("field").str(f.map_or("role", Field::name));
                    w.key("text").marked(shown, &marks);
                    w.key("cut_before").bool(cut_before);
                    w.key("cut_after").bool(cut_after);
                });
            }
            None => {
                w.null();
            }
        }
    });
}
