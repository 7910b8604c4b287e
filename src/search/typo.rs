//! Typos: which words of the corpus a misspelt query word may mean.
//!
//! A query word that is no term of the corpus (nor a synonym of one) is
//! compared with every form in the term index (the words as the text spells
//! them) by optimal string alignment distance — Levenshtein plus the
//! transposition of two neighbours, so `altamn` is one edit from `altman`.
//! Words of four to seven letters may be one edit away, words of eight or
//! more two; shorter words are too ambiguous to correct. The closest forms
//! win, then the more common, then the alphabetically first, so a correction
//! is the same on every run. All of it works in a fixed buffer.

use crate::terms::TermIndex;

/// The longest word compared (longer words are not corrected).
pub const MAX_LEN: usize = 32;

/// How many edits a word of `len` letters may be from its correction.
pub const fn max_edits(len: usize) -> usize {
    if len >= 8 {
        2
    } else if len >= 4 {
        1
    } else {
        0
    }
}

/// The optimal string alignment distance of `a` and `b`, or `None` when it
/// is more than `k` (both at most [`MAX_LEN`] bytes).
pub fn distance(a: &[u8], b: &[u8], k: usize) -> Option<usize> {
    if a.len() > MAX_LEN || b.len() > MAX_LEN || a.len().abs_diff(b.len()) > k {
        return None;
    }
    // Three rows of the dynamic programme (row i at i % 3): i-2, i-1, i.
    // Read and written through `get`, so no index can panic.
    let w = b.len() + 1;
    let mut rows = [[0usize; MAX_LEN + 1]; 3];
    for (j, slot) in rows[0].iter_mut().enumerate().take(w) {
        *slot = j;
    }
    let at = |rows: &[[usize; MAX_LEN + 1]; 3], r: usize, j: usize| {
        rows.get(r)
            .and_then(|row| row.get(j))
            .copied()
            .unwrap_or(usize::MAX / 2)
    };
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        if let Some(slot) = rows.get_mut(cur).and_then(|r| r.get_mut(0)) {
            *slot = i;
        }
        let mut row_min = i;
        for j in 1..w {
            let cost = usize::from(a.get(i - 1) != b.get(j - 1));
            let mut v = (at(&rows, prev, j) + 1)
                .min(at(&rows, cur, j - 1) + 1)
                .min(at(&rows, prev, j - 1) + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                v = v.min(at(&rows, prev2, j - 2) + 1);
            }
            if let Some(slot) = rows.get_mut(cur).and_then(|r| r.get_mut(j)) {
                *slot = v;
            }
            row_min = row_min.min(v);
        }
        if row_min > k {
            return None;
        }
    }
    let d = at(&rows, a.len() % 3, b.len());
    (d <= k).then_some(d)
}

/// A correction: term `term`'s form `form`, `edits` away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The term index entry.
    pub term: u32,
    /// Which of its forms.
    pub form: u8,
    /// The distance.
    pub edits: u8,
    /// The term's document frequency (more common wins ties).
    pub df: u32,
}

impl Candidate {
    fn better(&self, other: &Candidate, ix: &TermIndex<'_>) -> bool {
        (self.edits, core::cmp::Reverse(self.df)) < (other.edits, core::cmp::Reverse(other.df))
            || ((self.edits, self.df) == (other.edits, other.df)
                && form_of(ix, self) < form_of(ix, other))
    }
}

fn form_of<'a>(ix: &TermIndex<'a>, c: &Candidate) -> &'a [u8] {
    ix.forms(c.term as usize)
        .nth(c.form as usize)
        .unwrap_or(&[])
}

/// The best `N` corrections of `word` among the index's forms, best first,
/// at most one per term; fewer (or none) when nothing is close enough.
pub fn candidates<const N: usize>(ix: &TermIndex<'_>, word: &[u8]) -> heapless::Vec<Candidate, N> {
    let mut best: heapless::Vec<Candidate, N> = heapless::Vec::new();
    let k = max_edits(word.len());
    if k == 0 || word.len() > MAX_LEN || !word.iter().all(u8::is_ascii_alphabetic) {
        return best;
    }
    for t in 0..ix.len() {
        let mut found: Option<Candidate> = None;
        for (fi, form) in ix.forms(t).enumerate() {
            if form.len().abs_diff(word.len()) > k {
                continue;
            }
            if let Some(d) = distance(word, form, k) {
                let c = Candidate {
                    term: t as u32,
                    form: fi.min(255) as u8,
                    edits: d as u8,
                    df: ix.df(t),
                };
                if found.is_none_or(|f| c.better(&f, ix)) {
                    found = Some(c);
                }
            }
        }
        let Some(c) = found else {
            continue;
        };
        // Insert in order, dropping the worst when full.
        let at = best
            .iter()
            .position(|b| c.better(b, ix))
            .unwrap_or(best.len());
        if at < N {
            if best.is_full() {
                best.pop();
            }
            // Push, then move it down to `at` (no index to check).
            let _ = best.push(c);
            let mut i = best.len().saturating_sub(1);
            while i > at {
                crate::analyze::swap_down(&mut best, i);
                i -= 1;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance(b"altamn", b"altman", 1), Some(1));
        assert_eq!(distance(b"stargte", b"stargate", 1), Some(1));
        assert_eq!(distance(b"brockmann", b"brockman", 2), Some(1));
        assert_eq!(distance(b"softbnak", b"softbank", 2), Some(1));
        assert_eq!(distance(b"kitten", b"sitting", 2), None);
        assert_eq!(distance(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(distance(b"", b"ab", 2), Some(2));
        assert_eq!(distance(b"same", b"same", 0), Some(0));
        assert_eq!(distance(b"ca", b"abc", 3), Some(3)); // OSA, not Damerau
    }

    /// The distance agrees with a plain full-matrix OSA on many pairs.
    #[test]
    fn agrees_with_naive_osa() {
        fn naive(a: &[u8], b: &[u8]) -> usize {
            let (n, m) = (a.len(), b.len());
            let mut d = [[0usize; 12]; 12];
            for (i, row) in d.iter_mut().enumerate().take(n + 1) {
                row[0] = i;
            }
            for (j, cell) in d[0].iter_mut().enumerate().take(m + 1) {
                *cell = j;
            }
            for i in 1..=n {
                for j in 1..=m {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    d[i][j] = (d[i - 1][j] + 1)
                        .min(d[i][j - 1] + 1)
                        .min(d[i - 1][j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                    }
                }
            }
            d[n][m]
        }
        let words: [&[u8]; 12] = [
            b"",
            b"a",
            b"ab",
            b"ba",
            b"abc",
            b"acb",
            b"musk",
            b"mask",
            b"altman",
            b"altamn",
            b"stargate",
            b"stargte",
        ];
        for a in words {
            for b in words {
                let want = naive(a, b);
                for k in 0..4 {
                    assert_eq!(
                        distance(a, b, k),
                        (want <= k).then_some(want),
                        "{a:?} {b:?} {k}"
                    );
                }
            }
        }
    }
}
