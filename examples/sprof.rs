use feudfacts::{Corpus, Filter, Hit, Mode};
fn main() {
    let c = Corpus::embedded();
    let q = std::env::args().nth(1).unwrap();
    let mut hits = [Hit::EMPTY; 10];
    let f = Filter {
        mode: if std::env::var_os("BEST").is_some() {
            Mode::Best
        } else {
            Mode::Strict
        },
        ..Filter::NONE
    };
    for _ in 0..1000 {
        std::hint::black_box(
            c.search_str(std::hint::black_box(&q), &f, &mut hits)
                .unwrap(),
        );
    }
}
