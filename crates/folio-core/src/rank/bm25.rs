//! BM25F: BM25 over several fields, each with its own weight and length normalisation.
//!
//! The term frequencies of the fields are first combined into one pseudo-frequency,
//! `tf' = Σ weight_f · tf_f / (1 − b_f + b_f · len_f / avglen_f)`, which then saturates once:
//! `score = idf · tf' · (k1 + 1) / (k1 + tf')` (Robertson & Zaragoza, 2009).

use crate::index::{Field, Settings};

/// Inverse document frequency of a term found in `doc_freq` of `doc_count` documents
/// (the BM25 form, kept positive with `ln(1 + …)`).
pub fn idf(doc_count: u32, doc_freq: u32) -> f32 {
    let n = doc_count as f32;
    let df = doc_freq.min(doc_count) as f32;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25F score of one term in one document ([`Settings::bm25f`]). Inlined: it runs once per
/// posting scored.
#[inline(always)]
pub fn score(
    settings: &Settings,
    avg_lengths: &[f32; Field::COUNT],
    lengths: &[u32; Field::COUNT],
    tf: &[u32; Field::COUNT],
    idf: f32,
) -> f32 {
    settings.bm25f(avg_lengths, lengths, tf, idf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rarer_terms_weigh_more() {
        assert!(idf(1000, 1) > idf(1000, 100));
        assert!(idf(10, 10) > 0.0);
    }

    #[test]
    fn a_title_match_beats_a_body_match_and_frequency_saturates() {
        let s = Settings::default();
        let avg = [5.0, 20.0, 500.0, 30.0];
        let lens = [5, 20, 500, 30];
        let title = score(&s, &avg, &lens, &[1, 0, 0, 0], 1.0);
        let body = score(&s, &avg, &lens, &[0, 0, 1, 0], 1.0);
        assert!(title > body);
        let once = score(&s, &avg, &lens, &[0, 0, 1, 0], 1.0);
        let many = score(&s, &avg, &lens, &[0, 0, 50, 0], 1.0);
        assert!(many > once && many < s.k1 + 1.0);
    }

    #[test]
    fn longer_fields_dilute_a_match() {
        let s = Settings::default();
        let avg = [5.0, 20.0, 500.0, 30.0];
        let short = score(&s, &avg, &[5, 20, 100, 30], &[0, 0, 2, 0], 1.0);
        let long = score(&s, &avg, &[5, 20, 5000, 30], &[0, 0, 2, 0], 1.0);
        assert!(short > long);
    }
}
