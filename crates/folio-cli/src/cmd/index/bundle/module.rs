//! Which search module a bundle gets: the English/Russian one, the same for large indexes, or
//! the one with every language.
//!
//! This binary indexes with every language (folio-core's `all-languages`): a page labelled
//! German is stemmed as German. A module must stem queries the same way or those pages are found
//! badly (German 0.836, Greek 0.516 nDCG with the English/Russian module). Every module folds
//! Greek, Turkish and Arabic letters and cuts Chinese, Japanese and Thai text into character pairs
//! as the index does (about 600 B gzip of the small module), so an English site quoting a Greek
//! etymology or a Chinese name needs no other. The English/Russian module is 50 KB (gzip)
//! smaller, so a site with no page in another language gets it: [`choose`] is the one place that
//! decides, from the index just written.
//!
//! What only large indexes need (folio-core's `large`): a search that skips the blocks of a long
//! posting list that cannot reach the best documents, which answers a million documents'
//! slowest queries 17 times faster but below about a hundred thousand saves a fraction of a
//! millisecond, and the reading of packed chunks and two-level directories. It is 5 KB (gzip) of
//! what every visitor downloads: the English/Russian module is built without it, and a split
//! index of [`LARGE_FROM`] documents or more, or packed, gets the large module, which has it
//! (the all-languages module has it too). The answers are the same either way.

use folio_core::analysis::Language;
use folio_core::index::meta::MetaField;
use folio_core::index::Index;

/// The fewest documents for which an English/Russian index gets [`Module::Large`].
pub const LARGE_FROM: u32 = 100_000;

/// One of the search modules built into this binary (or found in `--assets`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    /// English and Russian only (no stemming by language, no character pairs, no extra folds).
    EnglishRussian,
    /// English and Russian, with what large indexes need (folio-core's `large`): for split
    /// indexes of [`LARGE_FROM`] documents or more, or packed.
    Large,
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
            Module::Large => "English/Russian for large indexes",
            Module::AllLanguages => "all-languages",
        }
    }
}

/// The module the bundle of `index` needs: English/Russian when every document is labelled `en`
/// or `ru` (any region: the primary subtag, as the writer reads it) or not labelled (the large one
/// when the index is `split` and holds [`LARGE_FROM`] documents or more, or is packed); else the
/// all-languages module. Words in other scripts on those pages need nothing more: every build
/// folds and pairs every script alike, and stems only Latin and Cyrillic words there.
pub fn choose(index: &Index, split: bool) -> Choice {
    by_size(by_language(index), index.doc_count(), split, index.needs_large())
}

/// `choice` for an index of `n` documents, `split` or not, `packed` (chunks packed or a
/// two-level directory) or not: the large module for an English/Russian index in chunks of
/// [`LARGE_FROM`] documents or more, or packed.
fn by_size(choice: Choice, n: u32, split: bool, packed: bool) -> Choice {
    if choice.module != Module::EnglishRussian || !(packed || split && n >= LARGE_FROM) {
        return choice;
    }
    let why = if split && n >= LARGE_FROM {
        "it skips the parts of long word lists that cannot reach the best results"
    } else {
        "its chunks are packed or its directory has pages, which only that module reads"
    };
    Choice { module: Module::Large, reason: format!("{n} documents: {why}; {}", choice.reason) }
}

/// The module `index`'s languages need: English/Russian or all-languages ([`choose`]).
fn by_language(index: &Index) -> Choice {
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
    Choice {
        module: Module::EnglishRussian,
        reason: "every page is in English or Russian or has no language".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(module: Module) -> Choice {
        Choice { module, reason: "why".to_string() }
    }

    #[test]
    fn a_large_split_english_russian_index_gets_the_large_module() {
        let module = |m, n, split| by_size(choice(m), n, split, false).module;
        assert_eq!(module(Module::EnglishRussian, LARGE_FROM, true), Module::Large);
        assert_eq!(module(Module::EnglishRussian, u32::MAX, true), Module::Large);
        assert_eq!(module(Module::EnglishRussian, LARGE_FROM - 1, true), Module::EnglishRussian);
        // One file: its offline script inlines the English/Russian module; the same answers.
        assert_eq!(module(Module::EnglishRussian, LARGE_FROM, false), Module::EnglishRussian);
        // The all-languages module has it all too.
        assert_eq!(module(Module::AllLanguages, LARGE_FROM, true), Module::AllLanguages);
        let reason = by_size(choice(Module::EnglishRussian), 250_000, true, false).reason;
        assert!(reason.starts_with("250000 documents: it skips") && reason.ends_with("; why"), "{reason}");
        // Packed chunks (`--pack always`) are read by the large module only, at any size.
        let packed = by_size(choice(Module::EnglishRussian), 5, true, true);
        assert_eq!(packed.module, Module::Large);
        assert!(
            packed.reason.starts_with("5 documents: its chunks are packed or its directory has pages"),
            "{}",
            packed.reason
        );
        assert_eq!(by_size(choice(Module::AllLanguages), 5, true, true).module, Module::AllLanguages);
    }
}
