//! `feud search`: the query, its filters, the ranked hits, and the one place
//! that reports how many matched.
//!
//! The hit buffer holds at most as many hits as the corpus has records,
//! whatever `--limit` says. The outcome is reported by [`summary_text`]
//! (the line before human output: `showing 10 of 47 matches for "musk"`, or
//! `no record has every word; closest matches:`, and a `did you mean` line)
//! and [`SummaryJson`] (the last line of JSON output, also with no hits).

use crate::args::SearchArgs;
use crate::failure::Failure;
use crate::json::{self, Extra, HitInfo};
use crate::lookup;
use crate::render;
use feudfacts::{Corpus, Filter, Hit, KindSet, Mode, Query, Summary};
use serde::Serialize;
use std::io::Write;

/// The summary object that ends JSON search output.
#[derive(Serialize, Debug)]
pub struct SummaryJson<'q> {
    /// Always `summary`.
    pub kind: &'static str,
    /// The query as given.
    pub query: &'q str,
    /// Every record with every word of the query.
    pub total: usize,
    /// The hits printed: the best `min(total, limit)` complete matches, then
    /// closest matches while room is left.
    pub returned: usize,
    /// How many printed hits are closest matches (the last ones).
    pub partial: usize,
    /// The query with its unknown words spelled as they were read, when
    /// some were.
    pub did_you_mean: Option<String>,
}

impl<'q> SummaryJson<'q> {
    /// The summary of `query`'s search.
    pub fn new(query: &'q str, s: Summary, did_you_mean: Option<String>) -> SummaryJson<'q> {
        SummaryJson {
            kind: "summary",
            query,
            total: s.total,
            returned: s.returned,
            partial: s.partial,
            did_you_mean,
        }
    }
}

/// The line before human output.
pub fn summary_text(query: &str, s: Summary) -> String {
    let matches = |n: usize| if n == 1 { "match" } else { "matches" };
    let complete = s.returned - s.partial.min(s.returned);
    match (s.total, complete, s.partial) {
        (0, _, 0) => format!("no matches for {query:?}"),
        (0, _, _) => "no record has every word; closest matches:".to_string(),
        (t, r, 0) if r < t => format!("showing {r} of {t} {} for {query:?}", matches(t)),
        (t, _, 0) => format!("{t} {} for {query:?}", matches(t)),
        (t, _, p) => format!(
            "{t} {} for {query:?}, then {p} closest {}",
            matches(t),
            matches(p)
        ),
    }
}

/// The corrected query, when the search read unknown words as near
/// spellings.
pub fn did_you_mean(c: &Corpus<'_>, query: &Query, s: Summary) -> Option<String> {
    if s.corrected == 0 {
        return None;
    }
    let mut buf = [0u8; 2 * feudfacts::MAX_QUERY_LEN];
    let n = c.suggest(query, &mut buf)?;
    Some(String::from_utf8_lossy(buf.get(..n)?).into_owned())
}

/// The query's words joined by spaces, as bytes (not necessarily UTF-8).
fn query_bytes(args: &SearchArgs) -> Vec<u8> {
    let mut b = Vec::new();
    for (i, w) in args.query.iter().enumerate() {
        if i > 0 {
            b.push(b' ');
        }
        b.extend_from_slice(w.as_encoded_bytes());
    }
    b
}

/// Runs `feud search`.
pub fn run(
    out: &mut dyn Write,
    c: &Corpus<'_>,
    json_out: bool,
    args: &SearchArgs,
) -> Result<(), Failure> {
    let bytes = query_bytes(args);
    let query = Query::parse_bytes(&bytes).map_err(lookup::query_error)?;
    // parse_bytes checked it is UTF-8.
    let text = std::str::from_utf8(&bytes).unwrap_or_default();
    lookup::date_range(args.dates.from, args.dates.to)?;
    let mut filter = Filter {
        mode: if args.strict {
            Mode::Strict
        } else {
            Mode::Best
        },
        from: args.dates.from,
        to: args.dates.to,
        ..Filter::NONE
    };
    if let Some(k) = args.kind {
        filter.kinds = KindSet::only(k.kind());
    }
    if let Some(name) = &args.entity {
        filter.entity = Some(lookup::entity(c, lookup::text("--entity", name)?)?);
    }
    // Clamped to what exists: never allocate by a user-given number.
    let room = usize::try_from(args.limit)
        .unwrap_or(usize::MAX)
        .min(c.total_records());
    let mut hits = vec![Hit::EMPTY; room];
    let summary = c
        .search(&query, &filter, &mut hits)
        .map_err(lookup::query_error)?;
    let suggestion = did_you_mean(c, &query, summary);
    if !json_out {
        if let Some(s) = &suggestion {
            writeln!(out, "did you mean: {s}")?;
        }
        writeln!(out, "{}", summary_text(text, summary))?;
    }
    for h in hits.get(..summary.returned).unwrap_or_default() {
        if json_out {
            let extra = Extra {
                hit: Some(HitInfo::new(h)),
                depth: None,
            };
            json::record(out, c, h.record, extra)?;
        } else {
            writeln!(
                out,
                "- {} ({}): {}",
                h.field.name(),
                h.record.kind.name(),
                snippet(c, h)
            )?;
            render::brief(out, c, h.record)?;
        }
    }
    if json_out {
        json::line(out, &SummaryJson::new(text, summary, suggestion))?;
    }
    Ok(())
}

/// The matched field with the match in brackets.
fn snippet(c: &Corpus<'_>, h: &Hit) -> String {
    let field = c.hit_text(h).map_or("", |t| t.as_str());
    let (s, e) = (h.start as usize, h.end as usize);
    match (field.get(..s), field.get(s..e), field.get(e..)) {
        (Some(a), Some(m), Some(b)) => format!("{a}[{m}]{b}"),
        _ => field.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_how_many_were_shown() {
        let s = |total, returned| Summary {
            total,
            returned,
            partial: 0,
            corrected: 0,
        };
        assert_eq!(summary_text("x", s(0, 0)), "no matches for \"x\"");
        assert_eq!(summary_text("x", s(1, 1)), "1 match for \"x\"");
        assert_eq!(summary_text("x", s(3, 3)), "3 matches for \"x\"");
        assert_eq!(
            summary_text("musk", s(47, 10)),
            "showing 10 of 47 matches for \"musk\""
        );
        assert_eq!(
            summary_text("musk", s(47, 0)),
            "showing 0 of 47 matches for \"musk\""
        );
        let j = serde_json::to_string(&SummaryJson::new("x", s(0, 0), None)).unwrap();
        assert_eq!(
            j,
            r#"{"kind":"summary","query":"x","total":0,"returned":0,"partial":0,"did_you_mean":null}"#
        );
        // The last `partial` of the `returned` hits are closest matches.
        let p = |total, returned, partial| Summary {
            partial,
            ..s(total, returned)
        };
        let closest = "no record has every word; closest matches:";
        assert_eq!(summary_text("x", p(0, 4, 4)), closest);
        let both = "3 matches for \"x y\", then 2 closest matches";
        assert_eq!(summary_text("x y", p(3, 5, 2)), both);
    }
}
