//! Regression tests for the bugs the fuzzers and property tests of issue #8 found: one test per
//! crash fixed, and an ignored test (`#[ignore = "bug: …"]`) for each bug still open, which fails
//! until it is fixed. The inputs that found them are kept in `fuzz/corpus/<target>/`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use folio_core::corpus::Document;
use folio_core::index::checksum::fst_checksum;
use folio_core::index::fields::SettingsSection;
use folio_core::index::format::{self, SectionKind};
use folio_core::index::{Index, IndexWriter};
use folio_core::search::SearchOptions;
use folio_core::Error;

fn sample_index() -> Vec<u8> {
    let mut writer = IndexWriter::new();
    let mut a = Document::new("a", "Telegram from Mikoyan", "Пленум ЦК. The August plenum met in Pyongyang.");
    a.date = Some("1956-09-21".into());
    writer.add(a).unwrap();
    writer.add(Document::new("b", "Journal of Puzanov", "Ким Ир Сен and the prisoners of war.")).unwrap();
    writer.finish().unwrap()
}

const KINDS: [SectionKind; 7] = SectionKind::ALL;

/// The sample index with its sections passed through `edit`, written with a valid checksum.
fn rebuilt(edit: impl Fn(SectionKind, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let bytes = sample_index();
    let sections = format::read(&bytes).unwrap();
    let parts: Vec<(SectionKind, Vec<u8>)> =
        KINDS.iter().map(|&kind| (kind, edit(kind, sections.get(kind).unwrap().to_vec()))).collect();
    format::write(&parts)
}

/// Found by the `index_decode` fuzzer: a damaged document count in the settings section (behind a
/// valid checksum) made `Index::from_bytes` reserve memory for that many documents before reading
/// any, so 4 billion documents aborted the process (or trapped the wasm) instead of an error.
/// Fixed in `index/reader.rs` by bounding the reservation by the bytes of the field lengths.
#[test]
fn a_huge_document_count_is_an_error_not_an_abort() {
    for count in [u32::MAX, 1 << 28, 1 << 20] {
        let bytes = rebuilt(|kind, settings| {
            if kind != SectionKind::Settings {
                return settings;
            }
            SettingsSection { doc_count: count, ..SettingsSection::decode(&settings).unwrap() }.encode()
        });
        let err = Index::from_bytes(&bytes).err().unwrap_or_else(|| panic!("{count} documents opened"));
        assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
    }
}

/// Found by the `index_decode` fuzzer: ranking settings and average field lengths are stored as
/// floats, and damaged ones (infinite, NaN, negative) behind a valid checksum opened fine and made
/// every score infinite or NaN, so results came back in no meaningful order. Fixed by checking
/// them when the index is read (`Settings::check`, `index/reader.rs`).
#[test]
fn damaged_ranking_numbers_are_an_error() {
    type Edit = fn(&mut SettingsSection, f32);
    let overwrite = |edit: Edit, value: f32| {
        rebuilt(move |kind, settings| {
            if kind != SectionKind::Settings {
                return settings;
            }
            let mut section = SettingsSection::decode(&settings).unwrap();
            edit(&mut section, value);
            section.encode()
        })
    };
    let k1: Edit = |s, value| s.settings.k1 = value;
    let weight: Edit = |s, value| s.settings.weights[0] = value;
    let b: Edit = |s, value| s.settings.b[0] = value;
    let average_length: Edit = |s, value| s.avg_lengths[0] = value;
    assert!(Index::from_bytes(&overwrite(k1, 1.5)).is_ok(), "a sane k1 is refused");
    for (name, edit, value) in [
        ("k1", k1, f32::INFINITY),
        ("a weight", weight, f32::NAN),
        ("a b", b, -1.0),
        ("an average length", average_length, f32::INFINITY),
        ("an average length", average_length, -3.0),
    ] {
        let err =
            Index::from_bytes(&overwrite(edit, value)).err().unwrap_or_else(|| panic!("{value} as {name} opened"));
        assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
    }
}

/// The sample index with its dictionary passed through `forge` and the dictionary's own checksum
/// recomputed (then the file's, by `rebuilt`): damage only a forger gets past both checksums.
fn forged_dictionary(forge: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    rebuilt(|kind, mut section| {
        if kind == SectionKind::Terms {
            forge(&mut section);
            let n = section.len().saturating_sub(4);
            let sum = fst_checksum(&section[..n]);
            if section.len() >= 4 {
                section[n..].copy_from_slice(&sum.to_le_bytes());
            }
        }
        section
    })
}

/// Opens `bytes` and, if they open, searches them; whether anything panicked.
fn panics_opening_or_searching(bytes: &[u8]) -> bool {
    catch_unwind(AssertUnwindSafe(|| {
        if let Ok(index) = Index::from_bytes(bytes) {
            for query in ["plenum", "пленум", "pl", "mikoyam", "ким", "the august", "x"] {
                let _ = index.search(query, &SearchOptions::default());
            }
        }
    }))
    .is_err()
}

/// Issue 19, defect 2: the dictionary's footer holds its key count and root address as 64-bit
/// words, which `fst` converts to `usize` with a panic when they exceed 32 bits (on wasm32, a trap)
/// and trusts otherwise (natively, a root address past the end panicked in the first search).
/// Fixed by `index::fst_check`, which reads the footer and every node before `fst` does. This
/// test also runs on wasm32-wasip1 (see tests/wasi/README.md), where the high words matter.
#[test]
fn forged_footer_words_are_errors_not_panics() {
    let footer = |section: &[u8]| section.len() - 20;
    let (mut panicked, mut opened) = (Vec::new(), Vec::new());
    for word in [0, 8] {
        for byte in 0..8 {
            for value in [1u8, 0x80, 0xff] {
                let forged = forged_dictionary(|d| {
                    let at = footer(d) + word + byte;
                    d[at] ^= value;
                });
                let what = if word == 0 { "key count" } else { "root address" };
                if panics_opening_or_searching(&forged) {
                    panicked.push((what, byte, value));
                    continue;
                }
                // A key count may change within 32 bits without harm; nothing else opens.
                let refused = matches!(Index::from_bytes(&forged), Err(Error::Corrupt(_)));
                if !refused && (word == 8 || byte >= 4) {
                    opened.push((what, byte, value));
                }
            }
        }
    }
    assert!(panicked.is_empty(), "forged footers panicked (word, byte, xor): {panicked:?}");
    assert!(opened.is_empty(), "forged footers opened (word, byte, xor): {opened:?}");
}

/// Issue 19, defect 2: whole dictionaries forged with valid checksums (random runs of bytes over
/// the nodes) trapped the wasm 722 times in 10,056. `FOLIO_FORGERIES` sets how many to try (the
/// default keeps the test short; the long runs in the closing note set more).
#[test]
fn forged_dictionaries_are_errors_not_panics() {
    let rounds: u64 = std::env::var("FOLIO_FORGERIES").ok().and_then(|n| n.parse().ok()).unwrap_or(3000);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut panicked = Vec::new();
    let mut opened = 0;
    {
        for round in 0..rounds {
            let seed = next();
            let forged = forged_dictionary(|d| {
                let mut rng = seed;
                let mut step = || {
                    rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (rng >> 33) as usize
                };
                let len = d.len();
                for _ in 0..1 + step() % 6 {
                    let at = 16 + step() % (len - 16);
                    for k in 0..1 + step() % 12 {
                        if let Some(b) = d.get_mut(at + k) {
                            *b = match step() % 4 {
                                0 => step() as u8,
                                1 => *b ^ (1 << (step() % 8)),
                                2 => 0xFF,
                                _ => 0,
                            };
                        }
                    }
                }
            });
            if panics_opening_or_searching(&forged) {
                panicked.push(round);
            }
            opened += usize::from(Index::from_bytes(&forged).is_ok());
        }
    }
    assert!(
        panicked.is_empty(),
        "{} of {rounds} forged dictionaries panicked: rounds {:?}",
        panicked.len(),
        &panicked[..panicked.len().min(8)]
    );
    assert!(opened < rounds as usize, "every forgery opened: the forger changed nothing");
}

/// Found by the `corpus` fuzzer (input `\0.\n`: a text page without a word) the first minute it
/// ran against `index::fst_check`: a map without keys has a root with no transition that is not
/// final, which the first version of the check refused as a node leading nowhere, so an index
/// of pages without words could not be reopened.
#[test]
fn an_index_without_words_opens() {
    let mut writer = IndexWriter::new();
    writer.add(Document::new("a", "", ".")).unwrap();
    let index = Index::from_bytes(&writer.finish().unwrap()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(index.search("anything", &SearchOptions::default()).unwrap().total, 0);
}

/// Found by the `index_decode` fuzzer when it also rewrote the FSTs' own checksums: the `fst`
/// crate trusts an FST whose checksum matches, and panics (an index-out-of-bounds in
/// `fst::bytes`, a trap in the wasm) walking one whose nodes point outside it. Accidental damage
/// cannot get there (the file CRC-32 and the FST CRC-32C both catch it); only bytes forged with
/// both checksums recomputed do. Fixed by `index::fst_check`, which reads every node with
/// bounds-checked reads before `fst` is given the bytes (issue 19, defect 2).
#[test]
fn forged_fst_sections_are_errors_not_panics() {
    let bytes = sample_index();
    let sections = format::read(&bytes).unwrap();
    let mut panics = Vec::new();
    for kind in [SectionKind::Terms] {
        let len = sections.get(kind).unwrap().len();
        for at in 0..len.saturating_sub(4 + 32) {
            for mask in [0x01u8, 0x10, 0xff] {
                let forged = rebuilt(|k, mut section| {
                    if k == kind {
                        section[at] ^= mask;
                        let n = section.len() - 4;
                        let sum = fst_checksum(&section[..n]);
                        section[n..].copy_from_slice(&sum.to_le_bytes());
                    }
                    section
                });
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    if let Ok(index) = Index::from_bytes(&forged) {
                        for query in ["plenum", "пленум", "pl", "mikoyam", "ким"] {
                            let _ = index.search(query, &SearchOptions::default());
                        }
                    }
                }));
                if outcome.is_err() {
                    panics.push((kind, at, mask));
                }
            }
        }
    }
    assert!(panics.is_empty(), "{} forged FSTs panicked, first {:?}", panics.len(), &panics[..panics.len().min(5)]);
}

/// Found writing `and_queries_match_a_naive_scan` (tests/properties.rs): `fallback` ("no document has
/// every word, so all hits are partial matches") was decided before exclusions and filters had
/// removed documents, so it disagreed with the hits returned: `true` with no hit at all when the
/// exclusions removed every document, and `false` when the filters removed every complete match
/// and only partial matches were returned. Fixed in `Index::rank_with` (search.rs), which now
/// reports `fallback = complete == 0 && total > 0` once the filtered ranking is built.
#[test]
fn fallback_describes_the_hits_returned() {
    let mut en = Document::new("en", "alpha beta", "alpha beta");
    en.lang = Some("en".into());
    let mut ru = Document::new("ru", "alpha", "alpha");
    ru.lang = Some("ru".into());
    let mut writer = IndexWriter::new();
    writer.add(en).unwrap();
    writer.add(ru).unwrap();
    let index = Index::from_bytes(&writer.finish().unwrap()).unwrap();

    let nothing = index.search("alpha -alpha", &SearchOptions::default()).unwrap();
    assert_eq!(nothing.total, 0);
    assert!(!nothing.fallback, "no hits, yet labelled a fallback to partial matches");

    let russian = SearchOptions { lang: Some(vec!["ru".into()]), ..SearchOptions::default() };
    let partial = index.search("alpha beta", &russian).unwrap();
    assert_eq!((partial.total, partial.complete), (1, 0));
    assert!(partial.fallback, "every hit is a partial match, yet not labelled a fallback");
}
