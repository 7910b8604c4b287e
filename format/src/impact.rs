//! Ranking arithmetic: BM25F field weights, term impacts and inverse
//! document frequency, in integers.
//!
//! Best-match search ranks records by BM25F (Robertson et al.): a term's
//! occurrences in a record's fields are weighted by field (a name, title or
//! speaker counts most, keywords next, the text and summaries after, notes
//! least), normalised by the field's length against the corpus average for
//! that field, summed over fields and saturated: `tf~ / (k1 + tf~)`. That
//! saturated value is stored per (term, record) in the term index as one byte,
//! the record's *impact* for the term; the query multiplies it by the term's
//! [`idf`]. Everything here is integer arithmetic, so the compiler (`compile/`
//! uses this module) and the validator compute the same bytes on every
//! machine, and a score is the same in Rust, C, Python, WebAssembly and on a
//! Cortex-M0 without a floating-point unit.

use crate::layout::Field;

/// BM25's `k1` (term-frequency saturation), in units of 1/[`TF_ONE`].
pub const K1: u64 = 1229; // 1.2
/// Fixed-point one for pseudo term frequencies.
pub const TF_ONE: u64 = 1024;
/// BM25's `b` (length normalisation), in 1/1024.
pub const B: u64 = 768; // 0.75
/// The largest impact.
pub const MAX_IMPACT: u8 = 255;

/// A field's weight in eighths: a name or alias (what a record is called)
/// above a title or headline, those above keywords and a quote's speaker,
/// those above text, text above roles and contexts, those above notes.
pub const fn weight(f: Field) -> u64 {
    match f {
        Field::EntityName | Field::EntityAlias => 32,
        Field::EventTitle | Field::DiscrepancyTitle | Field::SourceHeadline => 20,
        Field::QuoteSpeaker => 12,
        Field::SourceKeyword
        | Field::EntityKeyword
        | Field::QuoteKeyword
        | Field::EventKeyword
        | Field::FigureKeyword
        | Field::DiscrepancyKeyword => 12,
        Field::QuoteText
        | Field::QuoteVariant
        | Field::EventSummary
        | Field::FigurePhrasing
        | Field::DiscrepancyDescription
        | Field::SourceOutlet
        | Field::EntityRole
        | Field::FigureRefersTo => 8,
        Field::QuoteContext | Field::DiscrepancySide => 5,
        Field::SourceNotes
        | Field::SourceDateNote
        | Field::EntityNotes
        | Field::QuoteDateNote
        | Field::EventDateNote
        | Field::FigureDateNote => 3,
    }
}

/// The field whose occurrences a field's are pooled with: a quote's variants
/// with its text, an entity's aliases with its name (the same words printed
/// again must not count twice). Within a group the best item counts.
pub const fn group(f: Field) -> Field {
    match f {
        Field::QuoteVariant => Field::QuoteText,
        Field::EntityAlias => Field::EntityName,
        other => other,
    }
}

/// Corpus-wide lengths of one field, for its average length. Lengths are in
/// bytes of folded text: proportional to words, and free to measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldLength {
    /// Folded bytes in every segment of the field.
    pub bytes: u64,
    /// Segments of the field.
    pub segments: u64,
}

/// The weighted, length-normalised frequency of a term occurring `tf` times
/// in one segment of `field` of `len` folded bytes, in 1/[`TF_ONE`]:
/// `w * tf / ((1 - b) + b * len / avglen)`.
pub fn pseudo_tf(field: Field, tf: u64, len: u64, stats: FieldLength) -> u64 {
    // norm * 1024 = 1024 - b + b * len / avg, with avg = bytes / segments.
    let avg_scaled = stats.bytes.max(1);
    let norm = (1024 - B)
        .saturating_add(B.saturating_mul(len).saturating_mul(stats.segments.max(1)) / avg_scaled);
    weight(field)
        .saturating_mul(tf)
        .saturating_mul(TF_ONE * 128)
        / norm.max(1)
}

/// The impact byte of a summed pseudo term frequency: `255 * tf / (k1 + tf)`,
/// rounded, at least 1 for any occurrence.
pub fn saturate(tf: u64) -> u8 {
    if tf == 0 {
        return 0;
    }
    // Saturating, so no sum of frequencies can overflow (or divide by 0).
    let den = K1.saturating_add(tf);
    let v = (255u64.saturating_mul(tf).saturating_add(den / 2))
        .checked_div(den)
        .unwrap_or(MAX_IMPACT as u64);
    v.clamp(1, MAX_IMPACT as u64) as u8
}

/// `log2(x)` in 1/65536, for `x >= 1` (0 for 0).
pub fn log2_q16(x: u64) -> u64 {
    if x == 0 {
        return 0;
    }
    let int = 63 - x.leading_zeros() as u64;
    // Normalise to [1, 2) in Q32, then square 16 times for the fraction.
    let mut m: u64 = if int >= 32 {
        x >> (int - 32)
    } else {
        x << (32 - int)
    };
    let mut frac = 0u64;
    for bit in (0..16).rev() {
        m = ((m as u128 * m as u128) >> 32) as u64;
        if m >= 2u64 << 32 {
            m >>= 1;
            frac |= 1 << bit;
        }
    }
    int << 16 | frac
}

/// Inverse document frequency in 1/4096: `ln((n + 1) / (df + 0.5))`, which is
/// BM25's `ln(1 + (n - df + 0.5) / (df + 0.5))`; at least 1.
pub fn idf(n: u64, df: u64) -> u32 {
    let num = log2_q16(2 * n + 2);
    let den = log2_q16(2 * df + 1);
    // ln 2 = 0.693147 ≈ 45426 / 65536; Q16 → Q12 is another >> 4.
    let v = (num.saturating_sub(den) * 45426) >> 20;
    v.clamp(1, u32::MAX as u64) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log2_is_accurate() {
        for x in [1u64, 2, 3, 10, 1000, 123_456_789, u32::MAX as u64] {
            let want = (x as f64).log2() * 65536.0;
            let got = log2_q16(x) as f64;
            assert!((want - got).abs() < 2.0, "{x}: {got} vs {want}");
        }
    }

    #[test]
    fn idf_matches_bm25() {
        for (n, df) in [(165u64, 1u64), (165, 40), (165, 165), (1_650_000, 3)] {
            let want = (1.0 + (n as f64 - df as f64 + 0.5) / (df as f64 + 0.5)).ln() * 4096.0;
            let got = idf(n, df) as f64;
            assert!((want - got).abs() < 4.0, "{n} {df}: {got} vs {want}");
        }
    }

    #[test]
    fn saturation_and_weights() {
        let avg = FieldLength {
            bytes: 100,
            segments: 10,
        };
        let title = pseudo_tf(Field::EventTitle, 1, 10, avg);
        let text = pseudo_tf(Field::EventSummary, 1, 10, avg);
        let note = pseudo_tf(Field::EventDateNote, 1, 10, avg);
        assert!(title > text && text > note);
        // Longer fields weigh less per occurrence.
        assert!(pseudo_tf(Field::EventSummary, 1, 40, avg) < text);
        assert!(saturate(title) > saturate(text));
        assert_eq!(saturate(0), 0);
        assert!(saturate(1) >= 1);
        assert!(saturate(u32::MAX as u64) == 255);
    }
}
