use feudfacts::format::Section;
fn main() {
    let b = feudfacts::Corpus::embedded_bytes();
    let t0 = std::time::Instant::now();
    let mut r = feudfacts::Corpus::from_bytes(b);
    for _ in 0..20 {
        r = feudfacts::Corpus::from_bytes(b);
    }
    println!("from_bytes: {:?} in {:?}", r.as_ref().err(), t0.elapsed());
    for (i, s) in Section::ALL.iter().enumerate() {
        let off = 24 + 8 * i;
        let len = u32::from_le_bytes(b[off + 4..off + 8].try_into().unwrap());
        println!("{s:?}: {len}");
    }
    let c = feudfacts::Corpus::embedded();
    let ix = c.term_index();
    println!("terms: {}", ix.len());
}
