//! Folio's analysis pipeline checked against Snowball's reference vocabularies
//! (`../shared/corpora/snowball`: 42,649 English and 49,785 Russian word → stem pairs).
//!
//! Words go through the whole pipeline (folding, then stemming), so Russian `ё` is folded to `е`
//! before stemming exactly as the current Snowball Russian stemmer does. English differs from
//! the current reference in a few dozen words where Snowball 2 changed its rules (e.g. `added` →
//! `add`, `-ogist` → `-og`); `rust-stemmers` implements the earlier rules.

use std::path::PathBuf;

use folio_core::analysis::Analyzer;

/// The reference file `name` of `lang`; a missing file fails the test (CI has `../shared` beside
/// the clone, so a green run means the comparison ran).
fn reference(lang: &str, name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/snowball").join(lang).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read {}: {e}; these tests need ../shared/corpora beside the project", path.display())
    })
}

fn agreement(lang: &str) -> (usize, usize, Vec<String>) {
    let voc = reference(lang, "voc.txt");
    let out = reference(lang, "output.txt");
    let analyzer = Analyzer::new();
    let (mut same, mut total, mut differ) = (0, 0, Vec::new());
    for (word, want) in voc.lines().zip(out.lines()) {
        let Some((_, stem)) = analyzer.term_of(word) else { continue };
        total += 1;
        let want = want.replace('ё', "е");
        if stem == want {
            same += 1;
        } else if differ.len() < 10 {
            differ.push(format!("{word} -> {stem} (reference {want})"));
        }
    }
    (same, total, differ)
}

#[test]
fn russian_stems_match_the_snowball_reference() {
    let (same, total, differ) = agreement("russian");
    println!("russian: {same}/{total} stems agree");
    assert!(total > 49_000, "{total}");
    assert_eq!(same, total, "first differences: {differ:#?}");
}

#[test]
fn english_stems_match_the_snowball_reference_but_for_its_newest_rules() {
    let (same, total, differ) = agreement("english");
    println!("english: {same}/{total} stems agree; e.g. {differ:?}");
    assert!(total > 42_000, "{total}");
    assert!(total - same <= 60, "{} differences; first: {differ:#?}", total - same);
}
