use feudfacts::{Corpus, Filter, Hit, Query};
fn main() {
    let c = Corpus::embedded();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let q = args.join(" ");
    let query = Query::parse(&q).unwrap();
    let mut hits = [Hit::EMPTY; 10];
    let t0 = std::time::Instant::now();
    if std::env::var("PLAN").is_ok() {
        println!("{:#?}", feudfacts::analyze::plan(&c, &query));
    }
    let s = c.search(&query, &Filter::NONE, &mut hits).unwrap();
    let el = t0.elapsed();
    println!("{s:?} in {el:?}");
    for h in &hits[..s.returned] {
        let key = c.key(h.record).unwrap();
        let text = c
            .hit_text(h)
            .map(|t| t.as_str().to_string())
            .unwrap_or_default();
        let m = text.get(h.start as usize..h.end as usize).unwrap_or("");
        println!(
            "{:>9} {:5} {} {:?} [{}] {:?}",
            h.score,
            h.complete,
            key,
            h.field,
            m,
            &text.chars().take(70).collect::<String>()
        );
    }
}
#[allow(dead_code)]
fn dbg_plan() {}
