//! Which search module a bundle gets: the English/Russian one, or the one with every language.
//!
//! This binary indexes with every language (folio-core's `all-languages`): a page labelled
//! German is stemmed as German, Chinese, Japanese and Thai text is cut into character pairs,
//! Greek, Turkish and Arabic letters are folded. A module must analyse queries the same way or
//! those pages are found badly (German 0.836, Greek 0.516 nDCG with the English/Russian module).
//! The English/Russian module is 50 KB (gzip) smaller, so a site that needs none of that gets it:
//! [`choose`] is the one place that decides, from the index just written.

use folio_core::analysis::Language;
use folio_core::index::meta::MetaField;
use folio_core::index::Index;

/// One of the two search modules built into this binary (or found in `--assets`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    /// English and Russian only (no stemming by language, no character pairs, no extra folds).
    EnglishRussian,
    /// Every language folio-core stems (its `all-languages` feature), pairs and folds.
    AllLanguages,
}

/// The module for an index, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The module written into the bundle.
    pub module: Module,
    /// Why, for the build report.
    pub reason: String,
}

impl Module {
    /// The module's name in the build report.
    pub fn name(self) -> &'static str {
        match self {
            Module::EnglishRussian => "English/Russian",
            Module::AllLanguages => "all-languages",
        }
    }
}

/// The scripts that only the all-languages module analyses as this binary indexed them: Greek
/// (final sigma, accents) and Arabic (vowel marks, alef forms) are folded, Thai and
/// Chinese/Japanese are paired, Devanagari is stemmed, Vietnamese letters are folded. Each with
/// the first bytes (UTF-8 lead bytes) of its keys, which the root answers for without a fetch,
/// and its characters. The third leaves out the blocks of symbols and punctuation between them
/// (U+2000–U+2BFF, U+3000–U+303F: dashes, arrows, mathematical operators), which are no words.
type Script = (std::ops::RangeInclusive<u8>, &'static [std::ops::RangeInclusive<char>], &'static str);
const OTHER_SCRIPTS: [Script; 3] = [
    (0xCE..=0xCF, &['\u{0370}'..='\u{03FF}'], "Greek"),
    (0xD8..=0xDB, &['\u{0600}'..='\u{06FF}'], "Arabic"),
    (
        0xE0..=0xE9,
        &['\u{0800}'..='\u{1FFF}', '\u{2C00}'..='\u{2FFF}', '\u{3040}'..='\u{9FFF}'],
        "Thai, Chinese or Japanese",
    ),
];

/// Whether `index` holds words of a script (two of its letters or more), not only lone letters
/// or symbols: the β of "11β-MNT", the μ of "μm" or a lone arrow are analysed alike by both
/// modules, and a science site should not download the all-languages module (about 49 KB
/// gzipped more) for them. True when the index cannot tell (its term chunks were not read back).
fn holds_words(index: &Index, (first_bytes, chars, _): &Script) -> bool {
    index.may_hold_terms_starting_in(first_bytes.clone()) && index.holds_words_in(chars).unwrap_or(true)
}

/// The module the bundle of `index` needs: English/Russian when every document is labelled `en`
/// or `ru` (any region: the primary subtag, as the writer reads it) or not labelled, and no term
/// is in a script the languages build analyses differently; else the all-languages module.
pub fn choose(index: &Index) -> Choice {
    if !cfg!(feature = "languages") {
        return Choice {
            module: Module::EnglishRussian,
            reason: "this folio was built without its `languages` feature: it indexes every page as English or Russian"
                .to_string(),
        };
    }
    let mut others: Vec<&str> = index
        .metas()
        .values(MetaField::Lang)
        .filter(|code| !code.is_empty())
        .filter(|&code| !matches!(Language::from_code(code), Some(Language::English | Language::Russian)))
        .collect();
    others.sort_unstable();
    others.dedup();
    if !others.is_empty() {
        return Choice {
            module: Module::AllLanguages,
            reason: format!(
                "pages in {} (stemmed, paired or folded by their language)",
                others.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
            ),
        };
    }
    if let Some((_, _, script)) = OTHER_SCRIPTS.iter().find(|s| holds_words(index, s)) {
        return Choice { module: Module::AllLanguages, reason: format!("words in {script} script") };
    }
    Choice {
        module: Module::EnglishRussian,
        reason: "every page is in English or Russian or has no language, and no word needs another".to_string(),
    }
}
