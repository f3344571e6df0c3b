//! Packed split indexes (issue 23, item 2): the chunks in a few pack files, each compressed on its
//! own and read by byte range, answer exactly as the chunk files and the single file do, and
//! damaged or cut pack bytes are refused as corrupt, never a panic.
//!
//! Two-level chunk directories (issue 23, item 3): past a threshold the root lists pages of
//! chunks instead of every chunk, and a page is fetched like a chunk. Whether the chunks are
//! files or packed, one level or two answer exactly as the single file does, a page costs a
//! round only the first time it is needed, and damaged pages are refused, never a panic.

use folio_core::index::chunks::ChunkKind;
use folio_core::index::pack::{self, parse_address, Packs};
use folio_core::index::{ChunkSizes, Index, Paging, SplitIndex};
use folio_core::search::{SearchOptions, SearchResponse, Sort};
use folio_core::Error;

#[path = "support/seed_index.rs"]
mod seed_index;
use seed_index::{cranfield, seed_documents, writer_of};

/// Tiny chunks, so a small corpus makes many of them.
const TINY: ChunkSizes = ChunkSizes { terms: 1024, docs: 1024 };

/// Searches `root`, loading what it names from `files` (chunk files or packs) and recording it.
fn search_with(
    index: &mut Index,
    files: &[(String, Vec<u8>)],
    loaded: &mut Vec<String>,
    query: &str,
    options: &SearchOptions,
) -> SearchResponse {
    index
        .search_loading(query, options, |name| {
            loaded.push(name.to_string());
            pack::read_from(files, name)
        })
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

const QUERIES: &[&str] = &[
    "Puzanov",
    "\"prisoners of war\"",
    "пленум",
    "Ким Ир Сен",
    "Микоян",
    "korea -soviet",
    "title:journal",
    "embas*",
    "delegat",
    "de",
    "Puzanof",
    "plenum central committee",
    "zzzz qqqq",
    "",
];

fn options() -> Vec<SearchOptions> {
    vec![
        SearchOptions::default(),
        SearchOptions { limit: 3, offset: 2, ..SearchOptions::default() },
        SearchOptions { sort: Sort::DateDesc, prefix_last: false, ..SearchOptions::default() },
        SearchOptions { limit: 50, ..SearchOptions::default() },
    ]
}

/// The split index `split` packed into packs of at most `cap` bytes.
fn packed(split: &SplitIndex, cap: usize) -> SplitIndex {
    pack::pack(split, cap).unwrap()
}

#[test]
fn packs_answer_exactly_as_chunk_files_and_the_single_file() {
    let docs = seed_documents();
    let single = Index::from_vec(writer_of(&docs).finish().unwrap()).unwrap();
    let split = writer_of(&docs).finish_split(TINY).unwrap();
    let packs = packed(&split, 16 * 1024);
    assert!(split.chunks.len() > 30, "only {} chunks", split.chunks.len());
    assert!((3..split.chunks.len() / 4).contains(&packs.chunks.len()), "{} packs", packs.chunks.len());
    let mut by_files = Index::from_vec(split.root.clone()).unwrap();
    let mut by_packs = Index::from_vec(packs.root.clone()).unwrap();
    let (mut files_loaded, mut packs_loaded) = (Vec::new(), Vec::new());
    for query in QUERIES {
        for options in options() {
            let expected = single.search(query, &options).unwrap();
            let a = search_with(&mut by_files, &split.chunks, &mut files_loaded, query, &options);
            let b = search_with(&mut by_packs, &packs.chunks, &mut packs_loaded, query, &options);
            assert_eq!(a, expected, "{query:?} with {options:?}: chunk files");
            assert_eq!(b, expected, "{query:?} with {options:?}: packs");
        }
    }
    // The same chunks, named by pack address, in the same order.
    assert_eq!(files_loaded.len(), packs_loaded.len());
    assert!(packs_loaded.iter().all(|name| parse_address(name).is_some()), "{packs_loaded:?}");
    let names = by_packs.chunk_names();
    let files = Index::from_vec(split.root.clone()).unwrap().chunk_names();
    for (file, address) in files_loaded.iter().zip(&packs_loaded) {
        let k = files.iter().position(|f| f == file).unwrap();
        assert_eq!(&names[k], address);
    }
    // Each chunk is compressed (tiny chunks of a few KB shrink to about 55%).
    let file_bytes: usize = split.chunks.iter().map(|(_, b)| b.len()).sum();
    let pack_bytes: usize = packs.chunks.iter().map(|(_, b)| b.len()).sum();
    assert!(pack_bytes * 3 < file_bytes * 2, "packed {pack_bytes} bytes of {file_bytes}: not compressed");
}

#[test]
fn term_chunks_and_document_chunks_lie_in_packs_of_their_own_in_directory_order() {
    let split = writer_of(&seed_documents()).finish_split(TINY).unwrap();
    let packs = packed(&split, 16 * 1024);
    let index = Index::from_vec(packs.root.clone()).unwrap();
    let files: Vec<String> = split.chunks.iter().map(|(n, _)| n.clone()).collect();
    let addresses = index.chunk_names();
    assert_eq!(addresses.len(), files.len());
    let mut next = (String::new(), 0u64);
    let mut kinds_per_pack = std::collections::HashMap::<&str, Vec<bool>>::new();
    for (file, address) in files.iter().zip(&addresses) {
        let (pack_file, offset, len) = parse_address(address).unwrap();
        if pack_file == next.0 {
            assert_eq!(offset, next.1, "{address}: chunks are laid end to end");
        } else {
            assert_eq!(offset, 0, "{address}: a pack starts with a chunk");
        }
        next = (pack_file.to_string(), offset + len as u64);
        kinds_per_pack.entry(pack_file).or_default().push(file.contains("-t"));
        // Each address holds its chunk, decompressed.
        let bytes = pack::read_from(&packs.chunks, address).unwrap();
        let original = &split.chunks.iter().find(|(n, _)| n == file).unwrap().1;
        assert_eq!(&pack::inflate(&bytes).unwrap(), original, "{address}");
    }
    assert!(kinds_per_pack.values().all(|kinds| kinds.iter().all(|&t| t == kinds[0])), "{kinds_per_pack:?}");
    // Packs are named by the index id, their kind and their number among that kind's.
    let root_packs: Vec<String> = packs.chunks.iter().map(|(n, _)| n.clone()).collect();
    let id = u32::from_str_radix(&root_packs[0]["chunks/".len().."chunks/".len() + 8], 16).unwrap();
    let terms = root_packs.iter().filter(|n| n.contains("-t")).count();
    let expected: Vec<String> = (0..terms)
        .map(|p| Packs::file_name(id, ChunkKind::Terms, p))
        .chain((0..root_packs.len() - terms).map(|p| Packs::file_name(id, ChunkKind::Docs, p)))
        .collect();
    assert_eq!(root_packs, expected);
    assert!(terms >= 1 && terms < root_packs.len());
}

#[test]
fn damaged_and_cut_pack_bytes_are_corrupt_and_change_nothing() {
    let docs = seed_documents();
    let split = writer_of(&docs).finish_split(TINY).unwrap();
    let packs = packed(&split, 16 * 1024);
    let mut index = Index::from_vec(packs.root.clone()).unwrap();
    let names = index.chunk_names();
    let good = pack::read_from(&packs.chunks, &names[0]).unwrap();
    for cut in 0..good.len() {
        let err = index.add_chunk(good[..cut].to_vec()).unwrap_err();
        assert!(matches!(err, Error::Corrupt(_) | Error::NotAnIndex), "cut at {cut}: {err:?}");
    }
    for i in 0..good.len() {
        let mut flipped = good.clone();
        flipped[i] ^= 0x41;
        // A flip may leave a valid stream that inflates to other bytes: the chunk's checksum
        // refuses those. Nothing panics, nothing is added.
        if let Ok(name) = index.add_chunk(flipped) {
            panic!("byte {i} flipped was accepted as {name}");
        }
    }
    // A chunk read from the wrong range (the neighbour's bytes, or a range cut short by the
    // server) is refused by name.
    let err = index.add_chunks([names[0].clone()], |_| pack::read_from(&packs.chunks, &names[1])).unwrap_err();
    assert!(err.to_string().contains("holds chunk"), "{err}");
    // After all that, the index searches normally.
    let mut loaded = Vec::new();
    let r = search_with(&mut index, &packs.chunks, &mut loaded, "Puzanov", &SearchOptions::default());
    assert!(r.hits[0].title.contains("Puzanov"));
}

#[test]
fn a_damaged_pack_table_is_refused_when_the_root_opens() {
    let split = writer_of(&seed_documents()).finish_split(TINY).unwrap();
    let packs = packed(&split, 16 * 1024);
    let terms = split.chunks.iter().filter(|(n, _)| n.contains("-t")).count() as u32;
    let others = split.chunks.len() as u32 - terms;
    // The pack table is the root's last section: every cut of it, and a table for other chunks,
    // is refused with Corrupt (the root's checksum is recomputed, as a forger would).
    let table =
        Packs::new(vec![0, terms], vec![7; split.chunks.len() - 1], [terms, others - 1, 0, 0]).unwrap().encode();
    let forged =
        folio_core::index::format::append(&split.root, folio_core::index::format::SectionKind::Packs, &table).unwrap();
    assert!(matches!(Index::from_vec(forged), Err(Error::Corrupt(_))));
    let good = Packs::new(vec![0, terms], vec![7; split.chunks.len()], [terms, others, 0, 0]).unwrap().encode();
    for cut in 0..good.len() {
        let forged =
            folio_core::index::format::append(&split.root, folio_core::index::format::SectionKind::Packs, &good[..cut])
                .unwrap();
        assert!(matches!(Index::from_vec(forged), Err(Error::Corrupt(_))), "cut at {cut}");
    }
    assert!(Index::from_vec(packs.root).is_ok());
}

/// Cranfield with tiny chunks (thousands of them, in several packs): all 225 queries, top 100,
/// the same from packs as from the single file.
#[test]
fn cranfield_ranks_the_same_packed_and_whole() {
    let (docs, queries) = cranfield();
    let single = Index::from_vec(writer_of(&docs).finish().unwrap()).unwrap();
    let split = writer_of(&docs).finish_split(ChunkSizes { terms: 2048, docs: 1024 }).unwrap();
    let packs = packed(&split, 64 * 1024);
    assert!(
        packs.chunks.len() >= 4 && split.chunks.len() > 500,
        "{} packs, {} chunks",
        packs.chunks.len(),
        split.chunks.len()
    );
    let mut index = Index::from_vec(packs.root).unwrap();
    let options = SearchOptions { limit: 100, prefix_last: false, ..SearchOptions::default() };
    let mut loaded = Vec::new();
    for line in queries.lines() {
        let query = line.split_once('\t').map_or(line, |(_, q)| q);
        let a = single.search(query, &options).unwrap();
        let b = search_with(&mut index, &packs.chunks, &mut loaded, query, &options);
        let key = |r: &SearchResponse| r.hits.iter().map(|h| (h.id.clone(), h.score)).collect::<Vec<_>>();
        assert_eq!(key(&a), key(&b), "{query}");
    }
}

/// Pages of three chunks, from the first chunk: a small corpus gets a two-level directory.
const PAGES_OF_3: Paging = Paging { from: 0, per_page: 3 };

/// The seed documents split with `paging`, as chunk files and packed (two-level directories,
/// issue 23, item 3).
fn layouts(paging: Paging) -> (SplitIndex, SplitIndex) {
    let split = writer_of(&seed_documents()).with_paging(paging).finish_split(TINY).unwrap();
    let packed = pack::pack_paged(&split, 16 * 1024, paging).unwrap();
    (split, packed)
}

fn pages_of(split: &SplitIndex) -> Vec<&(String, Vec<u8>)> {
    split.chunks.iter().filter(|(name, _)| name.contains("-p")).collect()
}

#[test]
fn one_level_and_two_level_directories_files_and_packs_answer_as_the_single_file() {
    let docs = seed_documents();
    let single = Index::from_vec(writer_of(&docs).finish().unwrap()).unwrap();
    let (flat_files, flat_packs) = layouts(Paging::default());
    let (paged_files, paged_packs) = layouts(PAGES_OF_3);
    assert!(pages_of(&flat_files).is_empty() && pages_of(&flat_packs).is_empty(), "small indexes stay one-level");
    let pages = pages_of(&paged_files).len();
    let terms = paged_files.chunks.iter().filter(|(n, _)| n.contains("-t")).count();
    assert_eq!(pages, terms.div_ceil(3), "unpacked, only term chunks need pages");
    assert_eq!(pages_of(&paged_packs).len(), 1, "packed, the pages lie in a pack of their own");
    let root_of = |split: &SplitIndex| Index::from_vec(split.root.clone()).unwrap();
    let packed_pages = root_of(&paged_packs).page_names();
    assert!(packed_pages.len() > pages, "packed, document chunks get pages too: {packed_pages:?}");
    assert!(packed_pages.iter().all(|name| parse_address(name).is_some_and(|(file, _, _)| file.contains("-p0.pack"))));
    // The roots that list pages are smaller than those that list chunks.
    assert!(paged_files.root.len() < flat_files.root.len() && paged_packs.root.len() < flat_packs.root.len());

    let mut indexes: Vec<(&str, Index, &SplitIndex, Vec<String>)> = [
        ("one level, files", &flat_files),
        ("one level, packs", &flat_packs),
        ("two levels, files", &paged_files),
        ("two levels, packs", &paged_packs),
    ]
    .into_iter()
    .map(|(what, split)| (what, root_of(split), split, Vec::new()))
    .collect();
    for query in QUERIES {
        for options in options() {
            let expected = single.search(query, &options).unwrap();
            for (what, index, split, loaded) in &mut indexes {
                let got = search_with(index, &split.chunks, loaded, query, &options);
                assert_eq!(got, expected, "{query:?} with {options:?}: {what}");
            }
        }
    }
    // Two levels fetch the same chunks as one, and the pages they lie in, each once.
    let chunks_of = |loaded: &[String]| {
        let mut chunks: Vec<String> = loaded.iter().filter(|n| !n.contains("-p")).cloned().collect();
        chunks.sort();
        chunks
    };
    assert_eq!(chunks_of(&indexes[2].3), chunks_of(&indexes[0].3));
    assert_eq!(chunks_of(&indexes[3].3).len(), chunks_of(&indexes[1].3).len());
    for (what, _, _, loaded) in &indexes {
        let mut once = loaded.clone();
        once.sort();
        once.dedup();
        assert_eq!(once.len(), loaded.len(), "{what}: a chunk or page fetched twice");
    }
}

#[test]
fn a_first_search_fetches_its_pages_then_its_chunks() {
    let (_, packed) = layouts(PAGES_OF_3);
    let index = Index::from_vec(packed.root.clone()).unwrap();
    let round = |index: &Index| match index.searcher().search("Puzanov", &SearchOptions::default()) {
        Err(Error::MissingChunks(names)) => names,
        other => panic!("expected missing chunks, got {other:?}"),
    };
    let first = round(&index);
    assert!(!first.is_empty() && first.iter().all(|n| n.contains("-p0.pack#")), "{first:?}");
    let mut index = index;
    index.add_chunks(first, |n| pack::read_from(&packed.chunks, n)).unwrap();
    let second = round(&index);
    assert!(second.iter().any(|n| n.contains("-t")), "the term chunks, once their page is in: {second:?}");
    // Outside a search, reading a term whose page is not added names the page.
    let fresh = Index::from_vec(packed.root.clone()).unwrap();
    match fresh.term_info(0) {
        Err(Error::MissingChunks(names)) => assert!(names[0].contains("-p0.pack#"), "{names:?}"),
        other => panic!("expected the page to be missing, got {other:?}"),
    }
}

#[test]
fn every_cut_and_flip_of_a_page_is_refused_and_changes_nothing() {
    let (files, packed) = layouts(PAGES_OF_3);
    for split in [&files, &packed] {
        let mut index = Index::from_vec(split.root.clone()).unwrap();
        let names = index.page_names();
        let good = pack::read_from(&split.chunks, &names[0]).unwrap();
        for cut in 0..good.len() {
            let err = index.add_chunk(good[..cut].to_vec()).unwrap_err();
            assert!(matches!(err, Error::Corrupt(_) | Error::NotAnIndex), "cut at {cut}: {err:?}");
        }
        for i in 0..good.len() {
            for bit in [0x01, 0x41, 0x80] {
                let mut flipped = good.clone();
                flipped[i] ^= bit;
                // A flip of a compressed page may leave a stream that inflates to the very same
                // bytes (then it is the page); any other bytes are refused.
                let same = pack::is_compressed(&flipped) && pack::inflate(&flipped).ok() == pack::inflate(&good).ok();
                if let (Ok(name), false) = (index.add_chunk(flipped), same) {
                    panic!("byte {i} flipped by {bit:#x} was accepted as {name}");
                }
            }
        }
        // A chunk whose page is not added is refused by name, not guessed at.
        let term_chunk = split.chunks.iter().find(|(n, _)| n.contains("-t")).unwrap();
        if parse_address(&names[0]).is_none() {
            let err = index.add_chunk(term_chunk.1.clone()).unwrap_err();
            assert!(err.to_string().contains("directory page"), "{err}");
        }
        // A page given for another is refused by its name.
        let err = index.add_chunks([names[0].clone()], |_| pack::read_from(&split.chunks, &names[1])).unwrap_err();
        assert!(err.to_string().contains("holds chunk"), "{err}");
        let mut loaded = Vec::new();
        let r = search_with(&mut index, &split.chunks, &mut loaded, "Puzanov", &SearchOptions::default());
        assert!(r.hits[0].title.contains("Puzanov"));
    }
}

#[test]
fn a_page_that_disagrees_with_the_root_is_refused() {
    // The pages of another build (other documents) carry another index id; those of the same
    // build, in another layout, list other chunks.
    let (files, _) = layouts(PAGES_OF_3);
    let (other, _) = layouts(Paging { from: 0, per_page: 4 });
    let mut index = Index::from_vec(files.root.clone()).unwrap();
    for (_, page) in pages_of(&other) {
        assert!(matches!(index.add_chunk(page.clone()), Err(Error::Corrupt(_))));
    }
    let mut all = Index::from_vec(files.root.clone()).unwrap();
    all.add_all_chunks(|n| pack::read_from(&files.chunks, n)).unwrap();
}

/// Cranfield with tiny chunks and pages: all 225 queries, top 100, the same two-level and packed
/// as from the single file.
#[test]
fn cranfield_ranks_the_same_two_level_and_whole() {
    let (docs, queries) = cranfield();
    let single = Index::from_vec(writer_of(&docs).finish().unwrap()).unwrap();
    let paging = Paging { from: 100, per_page: 16 };
    let split = writer_of(&docs).with_paging(paging).finish_split(ChunkSizes { terms: 2048, docs: 1024 }).unwrap();
    let packed = pack::pack_paged(&split, 64 * 1024, paging).unwrap();
    assert!(packed.root.len() * 4 < pack::pack(&split, 64 * 1024).unwrap().root.len(), "pages shrink the root");
    let mut index = Index::from_vec(packed.root).unwrap();
    let options = SearchOptions { limit: 100, prefix_last: false, ..SearchOptions::default() };
    let mut loaded = Vec::new();
    for line in queries.lines() {
        let query = line.split_once('\t').map_or(line, |(_, q)| q);
        let a = single.search(query, &options).unwrap();
        let b = search_with(&mut index, &packed.chunks, &mut loaded, query, &options);
        let key = |r: &SearchResponse| r.hits.iter().map(|h| (h.id.clone(), h.score)).collect::<Vec<_>>();
        assert_eq!(key(&a), key(&b), "{query}");
    }
}
