//! Highlighting: where the words of a query occur in a text the page shows,
//! and which part of a long text to show.
//!
//! The core reports one match per hit (its first term, in its best field);
//! a visitor typing `musk softbank` expects to see both words marked
//! wherever the result shows them. So each shown text is folded with the
//! core's own rules ([`feudfacts::fold::walk`], which also maps every folded
//! byte back to its original character) and searched for every term with
//! the core's word-boundary rules: a term starting (ending) with a word byte
//! must start (end) a word, except that a prefix term may end inside one.

use feudfacts::fold::{is_word_byte, walk};
use feudfacts::{Query, TermKind};
use memchr::memmem;

/// The byte ranges of `text` where a term of `query` matches, sorted and
/// merged, each on character boundaries. `extra` (the core's own match, if
/// it lies in this text) is merged in.
pub fn ranges(text: &str, query: &Query, extra: Option<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut folded = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    walk(text, |b, s, e| {
        folded.push(b);
        origin.push((s, e));
    });
    let mut found: Vec<(usize, usize)> = extra
        .filter(|&(s, e)| s < e && text.get(s..e).is_some())
        .into_iter()
        .collect();
    for (needle, kind) in query.terms() {
        if needle.is_empty() {
            continue;
        }
        let starts_word = needle.first().is_some_and(|&b| is_word_byte(b));
        let ends_word = needle.last().is_some_and(|&b| is_word_byte(b)) && kind != TermKind::Prefix;
        for at in memmem::find_iter(&folded, needle) {
            let end = at + needle.len();
            let before = at.checked_sub(1).and_then(|i| folded.get(i));
            if starts_word && before.is_some_and(|&b| is_word_byte(b)) {
                continue;
            }
            if ends_word && folded.get(end).is_some_and(|&b| is_word_byte(b)) {
                continue;
            }
            if let (Some(&(s, _)), Some(&(_, e))) = (origin.get(at), origin.get(end - 1)) {
                found.push((s, e));
            }
        }
    }
    merge(found)
}

/// Sorts ranges and merges those that overlap or touch.
pub fn merge(mut r: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    r.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(r.len());
    for (s, e) in r {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// What to show of a long text: a window of about `max` bytes around the
/// first marked range, cut at spaces, with whether text was cut before and
/// after it, and the ranges moved into the window (those cut by the window
/// are dropped). A text no longer than `max` is shown whole.
pub fn excerpt<'t>(
    text: &'t str,
    ranges: &[(usize, usize)],
    max: usize,
) -> (&'t str, bool, bool, Vec<(usize, usize)>) {
    if text.len() <= max {
        return (text, false, false, ranges.to_vec());
    }
    let first = ranges.first().map_or(0, |r| r.0);
    // A third of the window before the first match, the rest after it.
    let mut start = first.saturating_sub(max / 3);
    let mut end = start.saturating_add(max).min(text.len());
    start = end.saturating_sub(max).min(start);
    if start > 0 {
        // Start after a space, so no word is cut.
        start = text
            .get(start..first.max(start))
            .and_then(|s| s.find(' '))
            .map_or(start, |i| start + i + 1);
    }
    if end < text.len() {
        end = text
            .get(start..end)
            .and_then(|s| s.rfind(' '))
            .map_or(end, |i| start + i);
    }
    while start < text.len() && !text.is_char_boundary(start) {
        start += 1;
    }
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    let shown = text.get(start..end).unwrap_or("");
    let moved = ranges
        .iter()
        .filter(|&&(s, e)| s >= start && e <= end)
        .map(|&(s, e)| (s - start, e - start))
        .collect();
    (shown, start > 0, end < text.len(), moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks<'t>(text: &'t str, q: &str) -> Vec<&'t str> {
        let q = Query::parse(q).unwrap();
        ranges(text, &q, None)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn every_term_is_marked_on_word_boundaries() {
        let t = "SoftBank has well under $10B secured. SoftBank!";
        assert_eq!(
            marks(t, "softbank secured"),
            ["SoftBank", "secured", "SoftBank"]
        );
        // Whole words only: `soft` is not a word of the text ...
        assert!(marks(t, "soft").is_empty());
        // ... but a prefix may end inside one (marked as far as it goes,
        // like the core's own match).
        assert_eq!(marks(t, "soft*"), ["Soft", "Soft"]);
        assert_eq!(marks(t, "\"well under\""), ["well under"]);
        // Punctuation terms match anywhere, as in the core.
        assert_eq!(marks(t, "$"), ["$"]);
    }

    #[test]
    fn folding_maps_back_to_the_original_characters() {
        let t = "They don’t actually have the money — Musk";
        assert_eq!(marks(t, "don't"), ["don’t"]);
        assert_eq!(marks(t, "-"), ["—"]);
        assert_eq!(marks("Café  Müller", "cafe muller"), ["Café", "Müller"]);
    }

    #[test]
    fn overlapping_and_adjacent_matches_merge() {
        let q = Query::parse("\"put america\" america first").unwrap();
        let t = "put America first";
        assert_eq!(ranges(t, &q, Some((0, 3))), vec![(0, 11), (12, 17)]);
        // A foreign range that is not on character boundaries is ignored.
        assert_eq!(ranges("é", &q, Some((1, 2))), vec![]);
    }

    #[test]
    fn excerpts_cut_at_spaces_around_the_first_match() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let r = vec![(text.find("seven").unwrap(), text.find("seven").unwrap() + 5)];
        let (shown, cut_before, cut_after, moved) = excerpt(text, &r, 24);
        assert!(cut_before && cut_after, "{shown:?}");
        assert!(shown.len() <= 24 && shown.contains("seven"), "{shown:?}");
        assert!(
            !shown.starts_with(' ') && !shown.ends_with(' '),
            "{shown:?}"
        );
        assert_eq!(&shown[moved[0].0..moved[0].1], "seven");
        let (all, false, false, same) = excerpt("short", &[(0, 5)], 24) else {
            panic!("a short text is shown whole");
        };
        assert_eq!((all, same), ("short", vec![(0, 5)]));
    }

    #[test]
    fn excerpts_never_split_a_character() {
        let text = "é".repeat(100);
        for max in 1..40 {
            for at in (0..text.len()).step_by(2) {
                let (shown, _, _, _) = excerpt(&text, &[(at, at + 2)], max);
                assert!(shown.len() <= max, "{max} {at}");
            }
        }
    }
}
