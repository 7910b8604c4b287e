//! A tour of the core API: lookups, search with highlights, the reply thread.
//!
//! Run: `cargo run --example tour -- "softbank secured"`

use feudfacts::{Corpus, Filter, Hit, Kind, RecordRef};

fn main() {
    let corpus = Corpus::embedded();
    let stats = corpus.stats();
    println!(
        "{} sources, {} entities, {} quotes, {} events, {} figures, {} discrepancies; blob {} bytes",
        stats.counts[0], stats.counts[1], stats.counts[2], stats.counts[3], stats.counts[4],
        stats.counts[5], stats.blob_bytes
    );
    let query = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "softbank secured".into());
    let mut hits = [Hit::EMPTY; 10];
    match corpus.search_str(&query, &Filter::NONE, &mut hits) {
        Ok(summary) => {
            println!("{} hits for {query:?}", summary.total);
            for h in &hits[..summary.returned] {
                let key = corpus.key(h.record).map(|k| k.as_str()).unwrap_or("?");
                let seg_text = corpus.hit_text(h).map(|t| t.as_str()).unwrap_or("");
                let (s, e) = (h.start as usize, h.end as usize);
                println!(
                    "  {} {key} [{}] m={} p={} …{}[{}]{}…",
                    h.record.kind.name(),
                    h.field.name(),
                    h.matched_fields,
                    h.primary,
                    &seg_text[s.saturating_sub(20).min(s)..s]
                        .chars()
                        .rev()
                        .take(20)
                        .collect::<Vec<_>>()
                        .iter()
                        .rev()
                        .collect::<String>(),
                    &seg_text[s..e],
                    seg_text[e..].chars().take(20).collect::<String>()
                );
            }
        }
        Err(e) => println!("error: {e}"),
    }
    if let Some(RecordRef {
        kind: Kind::Quote,
        index,
    }) = corpus.find_key("q-wrong")
    {
        for (q, depth) in corpus.thread(index) {
            let quote = corpus.quote(q).unwrap();
            println!(
                "{}{}: {}",
                "  ".repeat(depth),
                corpus.entity(quote.speaker).unwrap().name,
                quote.text
            );
        }
    }
}
