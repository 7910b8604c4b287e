//! The judged query set (`tests/judged/queries.toml`, written before the
//! search was tuned, by someone who had not seen it): each query as users
//! type it, with the records that answer it. This test runs every query
//! through best-match search and scores it — top-3 success, MRR@10, empty
//! results — and fails below the floors set from the measured values.
//! `cargo test --test judged -- --nocapture` prints the scores and every
//! miss.

mod score;

#[test]
fn judged_queries_score_above_their_floors() {
    let set = score::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/judged/queries.toml"
    ));
    assert!(set.len() >= 100, "the judged set has {} queries", set.len());
    let c = feudfacts::Corpus::embedded();
    let s = score::score(&c, &set, true);
    let top3 = s.top3_rate();
    s.print("judged set");
    // Floors: the values measured when these were set, less a small margin
    // for corpus edits (see the closing note of issue 10).
    // Measured 0.976 and 0.903 when set (issue 10's note).
    assert!(top3 >= 0.95, "top-3 success {top3:.3}");
    assert!(s.mrr >= 0.88, "MRR@10 {:.3}", s.mrr);
    assert_eq!(s.empty, 0, "queries with no result");
}
