//! Word segmentation by Unicode's UAX #29 rules.

use unicode_segmentation::UnicodeSegmentation;

/// The words of `text` with their byte offsets: UAX #29 word segments that contain at least one
/// letter or digit (punctuation and spaces are dropped).
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_word_bound_indices().filter(|(_, segment)| segment.chars().any(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_punctuation_and_keeps_offsets() {
        let text = "Kim Il-sung, 19 March 1953.";
        let got: Vec<(usize, &str)> = words(text).collect();
        assert_eq!(got, [(0, "Kim"), (4, "Il"), (7, "sung"), (13, "19"), (16, "March"), (22, "1953")]);
    }

    #[test]
    fn cyrillic_words_are_segmented() {
        let got: Vec<&str> = words("тов. Ким Ир Сеном!").map(|(_, w)| w).collect();
        assert_eq!(got, ["тов", "Ким", "Ир", "Сеном"]);
    }
}
