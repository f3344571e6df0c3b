//! Every query feature, on the embedded seed index: phrases, exclusions, prefixes, field scopes,
//! filters, sorting, facets, typos at one and two edits, OCR confusions, transliteration and
//! "did you mean".

use folio::embedded_index;
use folio_core::corpus::Document;
use folio_core::index::{Index, IndexWriter};
use folio_core::search::{Hit, SearchOptions, SearchResponse, Sort};

fn index() -> Index {
    embedded_index().unwrap()
}

fn search(index: &Index, query: &str) -> SearchResponse {
    index.search(query, &SearchOptions { limit: 50, prefix_last: false, ..SearchOptions::default() }).unwrap()
}

fn ids(r: &SearchResponse) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

fn marked(hit: &Hit) -> Vec<String> {
    let units: Vec<u16> = hit.snippet.text.encode_utf16().collect();
    hit.snippet.highlights.iter().map(|&[a, b]| String::from_utf16_lossy(&units[a as usize..b as usize])).collect()
}

#[test]
fn a_phrase_needs_its_words_adjacent_and_in_order() {
    let index = index();
    let phrase = search(&index, "\"prisoners of war\"");
    let words = search(&index, "war prisoners");
    assert!(phrase.complete >= 1);
    assert!(phrase.complete <= words.complete);
    let reversed = search(&index, "\"war of prisoners\"");
    assert_eq!(reversed.complete, 0, "{:?}", ids(&reversed));
}

#[test]
fn a_phrase_counts_only_the_documents_that_contain_it() {
    let mut writer = IndexWriter::new();
    writer.add(Document::new("a", "Boundary layers", "The boundary layer thickens downstream.")).unwrap();
    writer.add(Document::new("b", "Transition", "Transition in a laminar boundary layer.")).unwrap();
    writer.add(Document::new("c", "Layers", "Each layer of paint has a boundary of its own.")).unwrap();
    writer.add(Document::new("d", "Fences", "A boundary fence.")).unwrap();
    let index = Index::from_bytes(&writer.finish().unwrap()).unwrap();
    let r = search(&index, "\"boundary layer\"");
    assert_eq!((r.total, r.complete, r.fallback), (2, 2, false), "{:?}", ids(&r));
    assert_eq!(ids(&r).len(), 2);
    // The words without quotes still bring the documents that have only some of them.
    let words = search(&index, "boundary layer");
    assert_eq!((words.total, words.complete), (4, 3), "{:?}", ids(&words));
    // A phrase no document has falls back to its words, and says so.
    let none = search(&index, "\"layer boundary\"");
    assert!(none.fallback && none.complete == 0 && none.total > 0, "{none:?}");
}

#[test]
fn an_excluded_word_removes_documents() {
    let index = index();
    let all = search(&index, "Mikoyan");
    let without = search(&index, "Mikoyan -plenum");
    assert!(without.total < all.total);
    for hit in &without.hits {
        assert!(search(&index, "plenum").hits.iter().all(|h| h.id != hit.id), "{} has 'plenum'", hit.id);
    }
    assert!(without.terms.iter().any(|t| t.term == "plenum" && t.excluded));
}

#[test]
fn a_star_or_the_word_being_typed_matches_as_a_prefix() {
    let index = index();
    // Without a star the word is no prefix (it may be a typo of another word: "Poznan").
    assert!(search(&index, "Puzan").hits.iter().all(|h| !h.title.contains("Puzanov")));
    let star = search(&index, "Puzan*");
    assert!(star.hits[0].title.contains("Puzanov"));
    assert_eq!(star.did_you_mean, None, "a prefix that matches needs no suggestion");
    let typing = index.search("Puzan", &SearchOptions::default()).unwrap();
    assert_eq!(ids(&typing), ids(&star));
}

#[test]
fn a_field_scope_limits_the_match_to_that_field() {
    let index = index();
    let anywhere = search(&index, "Puzanov");
    let title = search(&index, "title:Puzanov");
    let summary = search(&index, "summary:Puzanov");
    assert_eq!(title.total, 1);
    assert!(title.hits[0].title.contains("Puzanov"));
    assert!(summary.total <= anywhere.total);
    assert!(search(&index, "citation:Goldberg").total >= 1);
    assert_eq!(search(&index, "title:Goldberg").total, 0);
}

#[test]
fn filters_by_language_type_and_date_range() {
    let index = index();
    let options = |f: fn(&mut SearchOptions)| {
        let mut o = SearchOptions { limit: 50, prefix_last: false, ..SearchOptions::default() };
        f(&mut o);
        o
    };
    let all = index.search("Korea", &options(|_| {})).unwrap();
    let telegrams = index.search("Korea", &options(|o| o.kind = Some(vec!["telegram".into()]))).unwrap();
    assert!(telegrams.total > 0 && telegrams.total < all.total);
    assert!(telegrams.hits.iter().all(|h| h.kind.as_deref() == Some("telegram")));
    let range = index.search("Korea", &options(|o| o.date = Some("1955-12-01..1956-09-30".into()))).unwrap();
    assert!(range.total > 0);
    for hit in &range.hits {
        let date = hit.date.as_deref().unwrap();
        assert!(("1955-12-01"..="1956-09-30").contains(&date), "{date}");
    }
    let english = index.search("Korea", &options(|o| o.lang = Some(vec!["en".into()]))).unwrap();
    assert!(english.hits.iter().all(|h| h.lang.as_deref() == Some("en")));
    let bad = index.search("Korea", &options(|o| o.date = Some("last week".into())));
    assert!(bad.unwrap_err().to_string().contains("date"));
}

#[test]
fn facets_count_the_matches_by_type_language_and_year() {
    let index = index();
    let r = search(&index, "Korean");
    let by_type: usize = r.facets.kind.values().sum();
    assert_eq!(by_type, r.hits.iter().filter(|h| h.kind.is_some()).count());
    assert!(r.facets.year.contains_key("1956"));
    assert!(r.facets.kind.get("telegram").is_some_and(|&n| n >= 2));
    let filtered = index
        .search("Korean", &SearchOptions { kind: Some(vec!["journal".into()]), ..SearchOptions::default() })
        .unwrap();
    assert_eq!(filtered.facets, r.facets, "facets describe the query's matches before filters");
}

#[test]
fn date_sort_orders_by_date() {
    let index = index();
    let r = index.search("Kim", &SearchOptions { sort: Sort::Date, limit: 50, ..SearchOptions::default() }).unwrap();
    let dates: Vec<&str> = r.hits.iter().filter_map(|h| h.date.as_deref()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn one_typo_is_forgiven_from_four_letters_and_two_from_nine() {
    let index = index();
    let one = search(&index, "Puzanof");
    assert!(one.hits[0].title.contains("Puzanov"));
    assert_eq!(one.did_you_mean.as_deref(), Some("puzanov"));
    let two = search(&index, "citiznehsip");
    assert_eq!(two.hits[0].date.as_deref(), Some("1955-12-06"));
    assert!(marked(&two.hits[0]).iter().any(|m| m == "citizenship"), "the real word is highlighted");
    let four = search(&index, "Kimm");
    assert!(four.total > 0 && four.did_you_mean.as_deref() == Some("kim"), "four letters get one typo");
    assert_eq!(search(&index, "Kmi").total, 0, "three letters get none");
}

#[test]
fn typo_matches_rank_below_exact_ones() {
    let index = index();
    let exact = search(&index, "armistice");
    let typo = search(&index, "armistise");
    assert_eq!(ids(&exact), ids(&typo));
    assert!(typo.hits[0].score < exact.hits[0].score);
}

#[test]
fn ocr_confusions_find_the_damaged_spelling_below_the_clean_one() {
    let mut writer = IndexWriter::new();
    writer.add(Document::new("scan", "Скан", "беседовали с тов. Клм Ир Сена")).unwrap();
    writer.add(Document::new("clean", "Запись", "беседовали с тов. Ким Ир Сеном")).unwrap();
    writer.add(Document::new("other", "Другое", "совсем другой текст")).unwrap();
    let index = Index::from_bytes(&writer.finish().unwrap()).unwrap();
    let r = search(&index, "Ким Ир Сен");
    assert_eq!(ids(&r), ["clean", "scan"]);
    let damaged = search(&index, "Клм");
    assert_eq!(ids(&damaged), ["scan", "clean"], "the confusion works both ways");
    assert!(marked(&damaged.hits[1]).iter().any(|m| m == "Ким"));
    // On the seeds: the Russian scan's "Клм Ир Сена" is a match of "Ким".
    let seeds = embedded_index().unwrap();
    let hit = search(&seeds, "Ким").hits.into_iter().find(|h| h.id.starts_with("001")).expect("the scan");
    assert!(hit.section.as_deref() == Some("Original Scan"));
}

#[test]
fn latin_queries_find_cyrillic_spellings_and_back() {
    let index = index();
    let latin = search(&index, "Mikoyan");
    let cyrillic = search(&index, "Микоян");
    assert_eq!(ids(&latin), ids(&cyrillic));
    assert!(!cyrillic.hits.is_empty());
    assert!(latin.hits[0].score > cyrillic.hits[0].score, "the script typed ranks as an exact match");
    assert_eq!(ids(&search(&index, "Ponomarev")), ids(&search(&index, "Пономарев")));
}

#[test]
fn did_you_mean_suggests_indexed_words_for_unknown_ones() {
    let index = index();
    let r = search(&index, "Mikoyon telegram");
    assert_eq!(r.did_you_mean.as_deref(), Some("mikoyan telegram"));
    assert_eq!(search(&index, "Mikoyan telegram").did_you_mean, None);
    // Two edits from "mikoyan" is past a six-letter word's budget; with nothing closer, a
    // correction made of likely slips (a vowel dropped, a vowel for a vowel) is still matched.
    let far = search(&index, "Mkoyon");
    assert_eq!(far.did_you_mean.as_deref(), Some("mikoyan"));
    let meant = search(&index, "Mikoyan");
    assert!(far.total > 0 && ids(&far).iter().all(|id| ids(&meant).contains(id)), "{:?}", ids(&far));
    // Two unrelated slips are only suggested. (An unrelated second letter, `Mzkoyxn`, is not
    // looked for: the typo walk keeps to the keys sharing the first two letters and the likely
    // slips of the second, `query::regions`.)
    let unlikely = search(&index, "Mizoyxn");
    assert_eq!((unlikely.total, unlikely.did_you_mean.as_deref()), (0, Some("mikoyan")));
    let nothing = search(&index, "qwzxv");
    assert_eq!((nothing.total, nothing.did_you_mean), (0, None));
}
