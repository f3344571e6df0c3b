//! Part 3: corrupt or mismatched index bytes: each is named, never a panic.

use super::*;

#[test]
fn wrong_magic_says_these_bytes_are_not_an_index() {
    let gzip = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    let cases: [&[u8]; 6] = [
        b"",
        b"FOLIO",
        b"<!DOCTYPE html><html><body>404 Not Found</body></html>",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        &gzip,
        b"folioidx\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
    ];
    for bytes in cases {
        let err = Index::from_bytes(bytes).err().unwrap_or_else(|| panic!("{bytes:?} opened as an index"));
        assert!(matches!(err, Error::NotAnIndex), "{bytes:?}: {err:?}");
        assert!(err.to_string().contains("not a Folio index"), "{err}");
    }
}

#[test]
fn another_format_version_is_named_with_both_numbers() {
    for version in [0, VERSION + 1, u16::MAX] {
        let mut bytes = sample_index();
        bytes[8..10].copy_from_slice(&version.to_le_bytes());
        fix_crc(&mut bytes);
        let err = Index::from_bytes(&bytes).err().expect("a wrong version must not open");
        assert!(matches!(err, Error::Version { expected: VERSION, got } if got == version), "{err:?}");
        let message = err.to_string();
        assert!(message.contains(&format!("version {version}")) && message.contains(&VERSION.to_string()), "{message}");
        assert!(message.contains("rebuild"), "{message}");
    }
}

#[test]
fn every_truncation_is_named() {
    let bytes = sample_index();
    for cut in 0..bytes.len() {
        let err = Index::from_bytes(&bytes[..cut]).err().unwrap_or_else(|| panic!("truncated at {cut} opened"));
        match cut {
            0..=7 => assert!(matches!(err, Error::NotAnIndex), "cut {cut}: {err:?}"),
            _ => {
                assert!(matches!(err, Error::Corrupt(_)), "cut {cut}: {err:?}");
                assert!(err.to_string().contains("damaged"), "{err}");
            }
        }
        if cut >= 20 {
            assert!(err.to_string().contains("checksum mismatch"), "cut {cut}: {err}");
        }
    }
}

#[test]
fn every_bit_flip_is_caught_by_magic_version_or_checksum() {
    let bytes = sample_index();
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut damaged = bytes.clone();
            damaged[i] ^= 1 << bit;
            let err =
                Index::from_bytes(&damaged).err().unwrap_or_else(|| panic!("flip of bit {bit} of byte {i} opened"));
            match i {
                0..=7 => assert!(matches!(err, Error::NotAnIndex), "byte {i}: {err:?}"),
                8..=9 => assert!(matches!(err, Error::Version { .. }), "byte {i}: {err:?}"),
                _ => assert!(err.to_string().contains("checksum mismatch"), "byte {i}: {err}"),
            }
        }
    }
}

/// With the checksum made to match, damage reaches the structural checks: the index opens or
/// says what is inconsistent, and one that opens can be read and searched without a panic.
#[test]
fn damage_behind_a_valid_checksum_is_an_error_or_harmless() {
    let bytes = sample_index();
    let (mut opened, mut refused) = (0, 0);
    for i in 16..bytes.len() - 4 {
        for mask in [0x01, 0x80, 0xff] {
            let mut damaged = bytes.clone();
            damaged[i] ^= mask;
            fix_crc(&mut damaged);
            match Index::from_bytes(&damaged) {
                Ok(index) => {
                    opened += 1;
                    for doc in 0..index.doc_count() {
                        let _ = index.document(doc);
                    }
                    for query_text in ["plenum", "\"august plenum\"", "пленум", "mikoyam", "p"] {
                        if let Ok(response) = index.search(query_text, &SearchOptions::default()) {
                            check_response(&response, &SearchOptions::default());
                        }
                    }
                }
                Err(err) => {
                    refused += 1;
                    assert!(matches!(err, Error::Corrupt(_)), "byte {i}: {err:?}");
                    assert!(err.to_string().len() > "the index is damaged ()".len() + 5, "vague: {err}");
                }
            }
        }
    }
    // Damage to the text of a document leaves a readable index; damage to structure does not.
    assert!(refused > 0 && opened > 0, "{refused} refused, {opened} opened");
}

/// Sections rebuilt from a valid index by `edit`, then written with a valid checksum.
fn rebuilt(edit: impl Fn(SectionKind, Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    let bytes = sample_index();
    let sections = format::read(&bytes).unwrap();
    let kinds = SectionKind::ALL;
    let parts: Vec<(SectionKind, Vec<u8>)> =
        kinds.iter().filter_map(|&kind| edit(kind, sections.get(kind).unwrap().to_vec()).map(|b| (kind, b))).collect();
    format::write(&parts)
}

#[test]
fn a_missing_section_is_named() {
    let bytes = rebuilt(|kind, b| (kind != SectionKind::Postings).then_some(b));
    let err = Index::from_bytes(&bytes).err().expect("an index without postings must not open");
    assert!(err.to_string().contains("postings section is missing"), "{err}");
    assert_eq!(Index::from_bytes(&rebuilt(|_, b| Some(b))).unwrap().doc_count(), 2);
}

/// The site's filters and sort keys (issue 20) are validated when the index opens: every byte of
/// the metadata section damaged or cut, behind a valid checksum, is refused as damage or opens an
/// index that searches with those filters and sort keys without a panic.
#[test]
fn damaged_site_filters_and_sort_keys_are_an_error_or_harmless() {
    let mut a = Document::new("a", "Vase", "A vase.");
    a.filters.insert("collection".into(), vec!["Greek".into(), "Prints".into()]);
    a.sort.insert("year".into(), "-450".into());
    a.meta.insert("image".into(), "a.jpg".into());
    let mut b = Document::new("b", "Another vase", "A vase.");
    b.filters.insert("collection".into(), vec!["Prints".into()]);
    b.filters.insert("room".into(), vec!["2".into()]);
    b.sort.insert("year".into(), "1200".into());
    let bytes = build([a, b]);
    let sections = format::read(&bytes).unwrap();
    let meta = sections.get(SectionKind::DocMeta).unwrap().to_vec();
    let with_meta = |meta: &[u8]| {
        let parts: Vec<(SectionKind, Vec<u8>)> = SectionKind::ALL
            .iter()
            .map(|&k| (k, if k == SectionKind::DocMeta { meta.to_vec() } else { sections.get(k).unwrap().to_vec() }))
            .collect();
        format::write(&parts)
    };
    let mut options = SearchOptions::default();
    options.filters.insert("collection".into(), KeyFilter { any: vec!["Prints".into()], ..KeyFilter::default() });
    options.filters.insert("room".into(), KeyFilter { none: vec!["2".into()], ..KeyFilter::default() });
    options.sort = Sort::Key { key: "year".into(), descending: true };
    let (mut opened, mut refused) = (0, 0);
    let mut damaged: Vec<Vec<u8>> = (0..meta.len()).map(|cut| meta[..cut].to_vec()).collect();
    for i in 0..meta.len() {
        for mask in [0x01, 0x80, 0xff] {
            let mut m = meta.clone();
            m[i] ^= mask;
            damaged.push(m);
        }
    }
    for m in damaged {
        match Index::from_bytes(&with_meta(&m)) {
            Ok(index) => {
                opened += 1;
                if let Ok(response) = index.search("vase", &options) {
                    check_response(&response, &options);
                }
            }
            Err(err) => {
                refused += 1;
                assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
            }
        }
    }
    assert!(refused > meta.len(), "every cut is refused: {refused} refused, {opened} opened");
    let index = Index::from_bytes(&with_meta(&meta)).unwrap();
    assert_eq!(index.search("vase", &options).unwrap().hits.len(), 1);
}

/// The settings section with its document count replaced.
fn settings_with_doc_count(settings: &[u8], doc_count: u32) -> Vec<u8> {
    SettingsSection { doc_count, ..SettingsSection::decode(settings).unwrap() }.encode()
}

#[test]
fn document_counts_that_disagree_are_named() {
    for count in [0, 1, 3, 1000] {
        let bytes =
            rebuilt(|kind, b| Some(if kind == SectionKind::Settings { settings_with_doc_count(&b, count) } else { b }));
        let err = Index::from_bytes(&bytes).err().unwrap_or_else(|| panic!("doc count {count} opened"));
        assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
    }
}
