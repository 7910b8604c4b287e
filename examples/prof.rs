use feudfacts::{Corpus, Filter, Hit};
fn main() {
    let c = Corpus::embedded();
    let q = std::env::args()
        .nth(1)
        .unwrap_or("elon musk openai lawsuit".into());
    let mut hits = [Hit::EMPTY; 10];
    for _ in 0..2000 {
        std::hint::black_box(
            c.search_str(std::hint::black_box(&q), &Filter::NONE, &mut hits)
                .unwrap(),
        );
    }
}
