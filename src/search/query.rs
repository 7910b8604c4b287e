//! The query language: a [`Query`] parsed once into a fixed buffer of
//! folded terms, each a word, a prefix (`term*`) or a phrase (`"a b"`).

use super::{MAX_QUERY_LEN, MAX_TERMS};
use crate::error::Error;
use crate::fold;

/// How a term matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermKind {
    /// A whole word (or, for punctuation, the characters anywhere).
    Word,
    /// The start of a word: `stop*` finds `stop`, `stopped`.
    Prefix,
    /// Consecutive words: `"put america first"`.
    Phrase,
}

#[derive(Clone, Copy, Debug)]
struct Term {
    start: u16,
    len: u16,
    kind: TermKind,
}

/// A parsed query: folded terms in a fixed buffer. About 300 bytes; no heap.
#[derive(Clone, Debug)]
pub struct Query {
    buf: [u8; MAX_QUERY_LEN],
    terms: heapless::Vec<Term, MAX_TERMS>,
}

impl Query {
    /// Parses a query. Errors: [`Error::EmptyQuery`] (nothing left after
    /// folding), [`Error::QueryTooLong`], [`Error::TooManyTerms`].
    pub fn parse(q: &str) -> Result<Query, Error> {
        if q.len() > MAX_QUERY_LEN {
            return Err(Error::QueryTooLong { len: q.len() });
        }
        let mut query = Query {
            buf: [0; MAX_QUERY_LEN],
            terms: heapless::Vec::new(),
        };
        let mut used = 0usize;
        let mut rest = q;
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let (token, kind, after) = match rest.strip_prefix('"') {
                // A byte search and checked `get` rather than `split_once`,
                // whose slicing keeps a panic path at opt-level z.
                Some(inner) => match inner
                    .bytes()
                    .position(|b| b == b'"')
                    .and_then(|close| Some((inner.get(..close)?, inner.get(close + 1..)?)))
                {
                    Some((phrase, after)) => (phrase, TermKind::Phrase, after),
                    None => Query::word(rest),
                },
                None => Query::word(rest),
            };
            rest = after;
            let n = fold::fold_into(token, query.buf.get_mut(used..).unwrap_or(&mut []))
                .ok_or(Error::QueryTooLong { len: q.len() })?;
            if n == 0 {
                continue;
            }
            let term = Term {
                start: used as u16,
                len: n as u16,
                kind,
            };
            query.terms.push(term).map_err(|_| Error::TooManyTerms)?;
            used += n;
        }
        if query.terms.is_empty() {
            return Err(Error::EmptyQuery);
        }
        Ok(query)
    }

    /// Parses a query given as bytes; [`Error::InvalidUtf8`] unless UTF-8.
    pub fn parse_bytes(q: &[u8]) -> Result<Query, Error> {
        if q.len() > MAX_QUERY_LEN {
            return Err(Error::QueryTooLong { len: q.len() });
        }
        match core::str::from_utf8(q) {
            Ok(s) => Query::parse(s),
            Err(e) => Err(Error::InvalidUtf8 {
                valid_up_to: e.valid_up_to(),
            }),
        }
    }

    /// Splits off one whitespace-delimited word; a trailing `*` makes it a prefix.
    fn word(s: &str) -> (&str, TermKind, &str) {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        let (w, after) = s.split_at_checked(end).unwrap_or((s, ""));
        let stripped = w.trim_end_matches('*');
        if stripped.len() < w.len() && !stripped.is_empty() {
            (stripped, TermKind::Prefix, after)
        } else {
            (w, TermKind::Word, after)
        }
    }

    /// The number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether the query has no terms (never, for a parsed query).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Each term's place in the folded buffer and how it matches.
    pub(crate) fn spans(&self) -> impl Iterator<Item = (usize, usize, TermKind)> + '_ {
        self.terms
            .iter()
            .map(|t| (t.start as usize, t.len as usize, t.kind))
    }

    /// Bytes `start..start + len` of the query's folded buffer (where a
    /// phrase clause of [`crate::analyze::Plan`] points); empty outside it.
    pub fn bytes(&self, start: usize, len: usize) -> &[u8] {
        self.buf.get(start..start + len).unwrap_or(&[])
    }

    /// The folded terms and how each matches.
    pub fn terms(&self) -> impl Iterator<Item = (&[u8], TermKind)> + '_ {
        self.terms.iter().map(move |t| {
            let s = t.start as usize;
            (self.buf.get(s..s + t.len as usize).unwrap_or(&[]), t.kind)
        })
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    /// The naive reference for queries without quotes: split on whitespace,
    /// a trailing `*` makes a prefix, fold each word, drop the empty ones.
    fn naive(q: &str) -> Vec<(Vec<u8>, TermKind)> {
        q.split_whitespace()
            .filter_map(|w| {
                let s = w.trim_end_matches('*');
                let (w, kind) = match s.len() < w.len() && !s.is_empty() {
                    true => (s, TermKind::Prefix),
                    false => (w, TermKind::Word),
                };
                let mut buf = [0u8; MAX_QUERY_LEN];
                let n = fold::fold_into(w, &mut buf)?;
                (n > 0).then(|| (buf[..n].to_vec(), kind))
            })
            .collect()
    }

    #[test]
    fn unquoted_queries_split_like_the_naive_reference() {
        for q in [
            "altman",
            "  Sam   ALTMAN\tstop* ",
            "“smart” quotes’ *  ** a* $500b — x",
            "é É ﬁle Straße",
        ] {
            let got: Vec<(Vec<u8>, TermKind)> = Query::parse(q)
                .unwrap()
                .terms()
                .map(|(t, k)| (t.to_vec(), k))
                .collect();
            assert_eq!(got, naive(q), "{q:?}");
        }
    }

    #[test]
    fn quotes_make_phrases_and_a_lone_quote_is_a_character() {
        let q = Query::parse(r#"say "put  America first" now""#).unwrap();
        let kinds: Vec<TermKind> = q.terms().map(|t| t.1).collect();
        assert_eq!(kinds, [TermKind::Word, TermKind::Phrase, TermKind::Word]);
        // Folding collapses the spaces inside, as in the text.
        assert_eq!(q.terms().nth(1).unwrap().0, b"put america first");
    }
}
