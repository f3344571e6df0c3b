//! Folio's analysis pipeline checked against Snowball's reference vocabularies
//! (`../shared/corpora/snowball`: 42,649 English and 49,785 Russian word → stem pairs).
//!
//! Words go through the whole pipeline (folding, then stemming), so Russian `ё` is folded to `е`
//! before stemming exactly as the current Snowball Russian stemmer does. English differs from
//! the current reference in a few dozen words where Snowball 2 changed its rules (e.g. `added` →
//! `add`, `-ogist` → `-og`); `rust-stemmers` implements the earlier rules.

use std::path::PathBuf;

use folio_core::analysis::Analyzer;

fn agreement(lang: &str) -> Option<(usize, usize, Vec<String>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/snowball").join(lang);
    let voc = std::fs::read_to_string(dir.join("voc.txt")).ok()?;
    let out = std::fs::read_to_string(dir.join("output.txt")).ok()?;
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
    Some((same, total, differ))
}

#[test]
fn russian_stems_match_the_snowball_reference() {
    let Some((same, total, differ)) = agreement("russian") else {
        eprintln!("skipped: ../shared/corpora/snowball is not beside the project");
        return;
    };
    println!("russian: {same}/{total} stems agree");
    assert!(total > 49_000, "{total}");
    assert_eq!(same, total, "first differences: {differ:#?}");
}

#[test]
fn english_stems_match_the_snowball_reference_but_for_its_newest_rules() {
    let Some((same, total, differ)) = agreement("english") else {
        eprintln!("skipped: ../shared/corpora/snowball is not beside the project");
        return;
    };
    println!("english: {same}/{total} stems agree; e.g. {differ:?}");
    assert!(total > 42_000, "{total}");
    assert!(total - same <= 60, "{} differences; first: {differ:#?}", total - same);
}
