//! Planning a strict query: scan the haystack, or start from the word
//! index's postings of the query's rarest word, chosen on the first call
//! of [`Matches::next_raw`].

use super::indexed::Driver;
use super::strict::Matches;
use super::Hit;
use crate::index::WordIndex;

/// The most index words a prefix term may expand to and still be looked up
/// in the word index (their postings are merged); a prefix matching more
/// words than this is found by the scan, or confirmed from another term.
pub const MAX_UNION: usize = 8;

/// How a query is run.
#[derive(Clone, Copy, Debug)]
pub(super) enum Plan {
    /// Not chosen yet: the first [`Matches::next_raw`] chooses.
    Pending,
    /// Scan the whole haystack (no index, or no term can use it).
    Scan,
    /// Visit the driver's candidate segments; `exact` when they are exactly
    /// the matching fields (one term, a plain word or prefix).
    Index { exact: bool },
    /// Some word of the query is not in the index: nothing matches.
    Empty,
}

/// Chooses how to run `query` with the word index: from the word with the
/// shortest postings that some term cannot match without.
///
/// Each run of word bytes in a term is a whole word of the text wherever the
/// term matches — a term's ends are word boundaries, and so are the
/// punctuation and spaces inside it — except the last run of a prefix term,
/// which begins a word. So the fields containing that word (or one of the
/// words with that beginning) are the only places the term can match.
///
/// `terms` gives each term's folded needle and whether it is a prefix.
/// Returns the plan and the range of index words whose postings drive it.
// Not inlined, returning a word range rather than cursors, and called from
// the first `next_raw` rather than from `matches`: that keeps it out of the
// deepest frames, within the Cortex-M0 stack budget (examples/firmware).
#[inline(never)]
fn plan<'n>(
    ix: &WordIndex<'_>,
    terms: impl Iterator<Item = (&'n [u8], bool)> + Clone,
) -> (Plan, usize, usize) {
    // (postings bytes, first word, end word)
    let mut best: Option<(usize, usize, usize)> = None;
    let mut exact = false;
    let single = terms.clone().count() == 1;
    for (needle, prefix) in terms {
        for (p, run) in crate::index::Tokens::new(needle) {
            let whole = p == 0 && run.len() == needle.len();
            let (lo, hi) = if prefix && p + run.len() == needle.len() {
                ix.prefix_range(run)
            } else {
                ix.find(run).map_or((0, 0), |i| (i, i + 1))
            };
            if lo == hi {
                return (Plan::Empty, 0, 0);
            }
            if hi - lo > MAX_UNION {
                continue;
            }
            let cost: usize = (lo..hi).map(|i| ix.postings_bytes(i)).sum();
            if best.is_none_or(|(c, _, _)| cost < c) {
                best = Some((cost, lo, hi));
                exact = single && whole;
            }
        }
    }
    match best {
        Some((_, lo, hi)) => (Plan::Index { exact }, lo, hi),
        None => (Plan::Scan, 0, 0),
    }
}

impl Matches<'_, '_> {
    // Not inlined (nor `passes` and `finish_hit`): inlined into `search`,
    // their temporaries shared its frame with the 0.7 KiB `Matches` for the
    // whole search. Out of line, the search's stack high-water mark on a
    // Cortex-M0 drops from 2,168 to 1,864 bytes (examples/firmware), under
    // the 2 KiB budget; the cost is one call per matching record.
    #[inline(never)]
    pub(super) fn next_raw(&mut self) -> Option<Hit> {
        if let Plan::Pending = self.plan {
            self.choose_plan();
        }
        match self.plan {
            Plan::Pending | Plan::Scan => self.next_scanned(),
            Plan::Index { .. } => self.next_indexed(),
            Plan::Empty => None,
        }
    }

    /// Chooses between the scan and the word index (see [`plan`]).
    #[inline(never)]
    fn choose_plan(&mut self) {
        let terms = self.finders.iter().map(|(f, flags)| (f.needle(), flags.2));
        let index = self.corpus.word_index();
        let (plan, lo, hi) = match index {
            Some(ix) => plan(&ix, terms),
            None => (Plan::Scan, 0, 0),
        };
        self.index = index;
        self.plan = plan;
        self.driver = Driver::new(lo, hi);
    }
}
