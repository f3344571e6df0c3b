//! Folio's UAX #29 word scanner (`analysis::tokenize::segments`, whose general path is
//! `analysis::uax29`) against the `unicode-segmentation` crate it replaced, on real text: the seed
//! archive and the languages fixture here, and (ignored by default: the corpora are not in the
//! repository) the XQuAD paragraphs of all twelve languages in `../shared/corpora`.

use std::path::Path;

use folio_core::analysis::tokenize::{parts, segments, segments_by_general_rules, words};
use unicode_segmentation::UnicodeSegmentation;

/// How many texts were compared; panics at the first that is cut differently.
fn compare(texts: impl Iterator<Item = String>) -> usize {
    let mut n = 0;
    for text in texts {
        let expected: Vec<(usize, &str)> =
            text.split_word_bound_indices().filter(|(_, s)| s.chars().any(char::is_alphanumeric)).collect();
        assert_eq!(segments_by_general_rules(&text).collect::<Vec<_>>(), expected, "{text}");
        assert_eq!(segments(&text).collect::<Vec<_>>(), expected, "{text}");
        // Then cut into parts (identifiers at `.`, `:`, `_`), the same whichever path segmented.
        assert_eq!(words(&text).collect::<Vec<_>>(), parts(expected.into_iter()).collect::<Vec<_>>(), "{text}");
        n += 1;
    }
    n
}

fn files(dir: &Path) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().filter(|p| p.is_file()).map(|p| std::fs::read_to_string(p).unwrap_or_default()).collect()
}

#[test]
fn the_seeds_and_the_languages_fixture_are_cut_as_the_crate_cuts_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = files(&root.join("seeds"));
    texts.extend(files(&root.join("tests/fixtures/languages")));
    let n = compare(texts.into_iter());
    assert!(n >= 12, "only {n} texts");
}

#[test]
#[ignore = "reads the XQuAD corpora in ../shared/corpora, which are not in the repository"]
fn the_xquad_paragraphs_of_twelve_languages_are_cut_as_the_crate_cuts_them() {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let mut total = 0;
    for lang in ["ar", "de", "el", "en", "es", "hi", "ro", "ru", "th", "tr", "vi", "zh"] {
        let docs = std::fs::read_to_string(corpora.join(format!("xquad-{lang}/docs.jsonl")))
            .unwrap_or_else(|e| panic!("xquad-{lang}: {e}"));
        let texts = docs
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .flat_map(|d| ["title", "body"].map(|f| d.get(f).and_then(|v| v.as_str()).unwrap_or_default().to_string()));
        let n = compare(texts);
        assert!(n > 100, "xquad-{lang}: {n} texts");
        eprintln!("xquad-{lang}: {n} texts cut alike");
        total += n;
    }
    eprintln!("{total} texts in all");
}
