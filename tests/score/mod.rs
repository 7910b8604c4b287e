//! Scoring of a judged query set, shared by `tests/judged.rs` and
//! `tests/heldout.rs`: each query through best-match search; top-3 success
//! (a right answer among the first three), MRR@10, empty results, and for
//! queries with no answer in the corpus, whether a hit claims to match every
//! word.

#![allow(dead_code)]

use feudfacts::{Corpus, Filter, Hit, Query};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    query: Vec<Judged>,
}

#[derive(Deserialize)]
pub struct Judged {
    q: String,
    answers: Vec<String>,
    kind: String,
}

/// What one query scored.
pub struct Outcome {
    /// Rank (1-based) of the first right answer in the top 10.
    rank: Option<usize>,
    /// Whether anything came back.
    empty: bool,
    /// Whether the first hit claims to match every word.
    complete: bool,
    /// The top three keys, for the report.
    top: Vec<String>,
}

pub fn run(c: &Corpus<'_>, j: &Judged) -> Outcome {
    let mut hits = [Hit::EMPTY; 10];
    let s = Query::parse(&j.q)
        .ok()
        .and_then(|q| c.search(&q, &Filter::NONE, &mut hits).ok());
    let Some(s) = s else {
        return Outcome {
            rank: None,
            empty: true,
            complete: false,
            top: Vec::new(),
        };
    };
    let keys: Vec<String> = hits[..s.returned]
        .iter()
        .map(|h| c.key(h.record).unwrap().to_string())
        .collect();
    let rank = keys
        .iter()
        .position(|k| j.answers.iter().any(|a| a == k))
        .map(|p| p + 1);
    Outcome {
        rank,
        empty: s.returned == 0,
        complete: s.returned > 0 && hits[0].complete,
        top: keys.into_iter().take(3).collect(),
    }
}

/// The scores of the whole set.
#[derive(Debug)]
pub struct Scores {
    /// Queries with an answer in the corpus.
    pub answerable: usize,
    /// Of those, how many had a right answer in the top 3.
    pub top3: usize,
    /// Mean reciprocal rank of the first right answer in the top 10.
    pub mrr: f64,
    /// Answerable queries that returned nothing.
    pub empty: usize,
    /// Unanswerable queries that claimed no complete match.
    pub none_quiet: usize,
    /// Unanswerable queries.
    pub none_total: usize,
}

pub fn score(c: &Corpus<'_>, set: &[Judged], report: bool) -> Scores {
    let mut s = Scores {
        answerable: 0,
        top3: 0,
        mrr: 0.0,
        empty: 0,
        none_quiet: 0,
        none_total: 0,
    };
    for j in set {
        let o = run(c, j);
        if j.kind == "none" {
            s.none_total += 1;
            // Nothing to find: it must not claim a complete match.
            if o.empty || !o.complete {
                s.none_quiet += 1;
            } else if report {
                println!("NONE-CLAIMED {:?}: {:?}", j.q, o.top);
            }
            continue;
        }
        s.answerable += 1;
        if o.empty {
            s.empty += 1;
        }
        if let Some(r) = o.rank {
            s.mrr += 1.0 / r as f64;
            if r <= 3 {
                s.top3 += 1;
            }
        }
        if report && o.rank.is_none_or(|r| r > 3) {
            println!(
                "MISS [{}] {:?} (rank {:?}): got {:?}, want one of {:?}",
                j.kind, j.q, o.rank, o.top, j.answers
            );
        }
    }
    s.mrr /= s.answerable.max(1) as f64;
    s
}

impl Scores {
    /// Top-3 success as a fraction of the answerable queries.
    pub fn top3_rate(&self) -> f64 {
        self.top3 as f64 / self.answerable.max(1) as f64
    }

    /// Prints the scores on one line.
    pub fn print(&self, name: &str) {
        println!(
            "{name}: {} answerable queries: top-3 {:.1}% ({}), MRR@10 {:.3}, empty {}; \
             {} of {} unanswerable queries claim no complete match",
            self.answerable,
            100.0 * self.top3_rate(),
            self.top3,
            self.mrr,
            self.empty,
            self.none_quiet,
            self.none_total
        );
    }
}

/// Loads a query set.
pub fn load(path: &str) -> Vec<Judged> {
    let text = std::fs::read_to_string(path).expect("the query set");
    toml::from_str::<File>(&text)
        .expect("the query set parses")
        .query
}
