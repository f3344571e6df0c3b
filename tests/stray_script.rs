//! Transliteration into a script whose stems are strays (issues 21 and 23): an English archive that
//! quotes a few Russian words looks a Latin query word up among them only when it matches nothing
//! else, so a split index fetches no term chunk of theirs for a known word, while a bilingual
//! archive still matches across scripts. The writer
//! records each script's stems in the settings, so a single file and a split index decide alike
//! and answer alike.

use folio_core::corpus::Document;
use folio_core::index::{ChunkSizes, Index, IndexWriter, SplitIndex};
use folio_core::search::{SearchOptions, SearchResponse};
use folio_core::Error;

/// Small term chunks, so that a few hundred documents make a directory of many chunks.
const SMALL: ChunkSizes = ChunkSizes { terms: 1024, docs: 4096 };

/// `latin` English documents with words of their own and `cyrillic` Russian ones, all naming
/// Moscow in their script, and one English document that names it in Latin letters.
fn documents(latin: usize, cyrillic: usize) -> Vec<Document> {
    let mut docs = vec![
        Document::new("moscow", "Moskva", "a report from moskva on the plenum"),
        Document::new("doklads", "Doklads", "the doklads of the plenum, in translation"),
    ];
    for i in 0..latin {
        let body = format!("alpha{i} bravo{i} charlie{i} delta{i} echo{i} foxtrot{i} golf{i}");
        docs.push(Document::new(format!("en{i}"), format!("Report {i}"), body));
    }
    for i in 0..cyrillic {
        let body = format!("москва доклад пленум{i} решение{i} съезд{i} товарищ{i}");
        docs.push(Document::new(format!("ru{i}"), "Москва", body));
    }
    docs
}

fn writer(docs: &[Document]) -> IndexWriter {
    let mut w = IndexWriter::new();
    for doc in docs {
        w.add(doc.clone()).unwrap();
    }
    w
}

/// The corpus as a single file and as a split index of many term chunks.
fn both(latin: usize, cyrillic: usize) -> (Index, SplitIndex) {
    let docs = documents(latin, cyrillic);
    let single = Index::from_vec(writer(&docs).finish().unwrap()).unwrap();
    let split = writer(&docs).finish_split(SMALL).unwrap();
    assert!(split.chunks.len() > 8, "only {} chunks", split.chunks.len());
    (single, split)
}

fn exact() -> SearchOptions {
    SearchOptions { prefix_last: false, ..SearchOptions::default() }
}

/// The chunks the first round of `query` asks for, on the root alone.
fn first_round(split: &SplitIndex, query: &str) -> Vec<String> {
    match Index::from_vec(split.root.clone()).unwrap().search(query, &exact()) {
        Err(Error::MissingChunks(names)) => names,
        other => panic!("{query}: expected missing chunks, got {other:?}"),
    }
}

/// `query` on the split index, its chunks loaded as it asks for them.
fn search_split(split: &SplitIndex, query: &str, options: &SearchOptions) -> SearchResponse {
    let mut index = Index::from_vec(split.root.clone()).unwrap();
    index
        .search_loading(query, options, |name| {
            let found = split.chunks.iter().find(|(n, _)| n == name);
            found.map(|(_, bytes)| bytes.clone()).ok_or_else(|| Error::corrupt(format!("no chunk {name}")))
        })
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn ids(r: &SearchResponse) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

const QUERIES: &[&str] =
    &["moskva", "Москва", "moskva plenum", "пленум3", "report moskva", "doklad", "doklad2", "moskv", "soobshchenie"];

/// Every query answers the same, whole and split, with the last word a prefix and without.
fn answer_alike(single: &Index, split: &SplitIndex) {
    for query in QUERIES {
        for options in [SearchOptions::default(), exact()] {
            let whole = single.search(query, &options).unwrap();
            assert_eq!(search_split(split, query, &options), whole, "{query:?}, {options:?}");
        }
    }
}

#[test]
fn a_latin_word_fetches_no_chunk_of_stray_cyrillic_stems() {
    // Two Russian documents among 600 English ones: their stems fill one of the many term chunks.
    let (single, split) = both(600, 2);
    assert!(single.stems_in(folio_core::analysis::script::Script::Cyrillic) > 0);
    let names = first_round(&split, "moskva");
    assert_eq!(names.len(), 1, "the word's own term chunk only, not the Cyrillic one: {names:?}");
    // Neither layout matches the Russian documents' `москва` for it.
    let whole = single.search("moskva", &exact()).unwrap();
    assert_eq!(ids(&whole), ["moscow"]);
    // A word no document holds, here one whose stem alone matched (`doklads`), is still looked
    // up among them, as a typo would be; a transliteration found is taken as meant.
    assert_eq!(first_round(&split, "doklad").len(), 1);
    let doklad = search_split(&split, "doklad", &exact());
    let mut found = ids(&doklad);
    found.sort_unstable();
    assert_eq!(found, ["doklads", "ru0", "ru1"]);
    assert_eq!(doklad.did_you_mean, None);
    answer_alike(&single, &split);
}

#[test]
fn a_latin_word_finds_its_cyrillic_form_where_that_script_is_no_stray() {
    let (single, split) = both(60, 60);
    // A word the index holds (`moskva`) is looked up in the other script too.
    let r = search_split(&split, "moskva", &exact());
    assert!(ids(&r).contains(&"moscow") && ids(&r).iter().any(|id| id.starts_with("ru")), "{:?}", ids(&r));
    // And back: a Cyrillic word finds the Latin spelling.
    let back = search_split(&split, "москва", &exact());
    assert!(ids(&back).contains(&"moscow"), "{:?}", ids(&back));
    answer_alike(&single, &split);
}
