//! Properties of the engine checked against naive reference implementations (issue #8, part 2),
//! on random small corpora and queries:
//!
//! - the documents with every query word (the first `complete` hits) are exactly those a scan
//!   over the analysed documents finds, and the partial matches exactly those with some word;
//! - phrase results equal a search for the phrase's term sequence in each field's tokens;
//! - every highlight range lies inside its text, on UTF-16 character boundaries;
//! - ranking is deterministic: complete matches, then score, then document order, and the same
//!   answer from the same index or from a second index of the same corpus;
//! - indexing the same corpus twice gives byte-identical indexes, and the store gives every
//!   document back unchanged;
//! - no data is lost on a real corpus: every document read is indexed and findable by its words.
//!
//! The corpora of the reference checks use ASCII words of 2 or 3 letters that are not stop words,
//! so no typo expansion (a word of 4 letters that matches nothing is corrected by one edit),
//! transliteration (no Cyrillic in the index), OCR (Cyrillic only) or prefix expansion
//! (`prefix_last` off) applies and the reference is exact.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use folio_core::analysis::{stopwords, Analyzer};
use folio_core::index::{Index, IndexWriter};
use folio_core::search::{SearchOptions, SearchResponse};
use folio_corpus::config::Config;
use folio_corpus::{read_site, Document, Section};
use proptest::prelude::*;

fn build(docs: &[Document]) -> Vec<u8> {
    let mut writer = IndexWriter::new();
    for doc in docs {
        writer.add(doc.clone()).unwrap();
    }
    writer.finish().unwrap()
}

fn exact_options() -> SearchOptions {
    SearchOptions { limit: 1000, prefix_last: false, ..SearchOptions::default() }
}

/// The stemmed terms of each field (title, summary, body, citation) of `doc`, in order.
fn field_terms(analyzer: &Analyzer, doc: &Document) -> [Vec<String>; 4] {
    [&doc.title, &doc.summary, &doc.body, &doc.citation]
        .map(|text| analyzer.analyze(text).into_iter().map(|t| t.stem).collect())
}

fn stems_of(analyzer: &Analyzer, words: &[String]) -> Vec<String> {
    words.iter().flat_map(|w| analyzer.analyze(w)).map(|t| t.stem).collect()
}

fn ids(hits: &[folio_core::search::Hit]) -> BTreeSet<String> {
    hits.iter().map(|h| h.id.clone()).collect()
}

/// A word of 2 or 3 ASCII letters that is not a stop word: too short for a typo correction.
fn word() -> impl Strategy<Value = String> {
    "[a-z]{2,3}".prop_filter("stop word", |w| !stopwords::is_stopword(w))
}

const SEPARATORS: [&str; 5] = [" ", " ", ", ", ". ", " — "];

/// A text of `words` drawn from `vocab` by index, with random separators.
fn text(vocab: &[String], picks: &[(usize, usize)]) -> String {
    let mut out = String::new();
    for (i, &(w, sep)) in picks.iter().enumerate() {
        if i > 0 {
            out.push_str(SEPARATORS[sep % SEPARATORS.len()]);
        }
        out.push_str(&vocab[w % vocab.len()]);
    }
    out
}

type Picks = Vec<(usize, usize)>;

fn picks(max: usize) -> impl Strategy<Value = Picks> {
    prop::collection::vec((0usize..64, 0usize..8), 0..max)
}

/// A small vocabulary and 1 to 12 documents whose four fields are drawn from it.
fn corpus() -> impl Strategy<Value = (Vec<String>, Vec<Document>)> {
    let vocab = prop::collection::btree_set(word(), 3..10).prop_map(|set| set.into_iter().collect::<Vec<_>>());
    vocab.prop_flat_map(|vocab| {
        let doc = (picks(6), picks(6), picks(25), picks(4));
        let docs = prop::collection::vec(doc, 1..12);
        (Just(vocab.clone()), docs).prop_map(|(vocab, docs)| {
            let docs = docs
                .iter()
                .enumerate()
                .map(|(i, (title, summary, body, citation))| {
                    let mut doc = Document::new(format!("d{i}"), text(&vocab, title), text(&vocab, body));
                    doc.summary = text(&vocab, summary);
                    doc.citation = text(&vocab, citation);
                    doc
                })
                .collect();
            (vocab, docs)
        })
    })
}

fn check_highlights(text: &str, ranges: &[[u32; 2]]) -> Result<(), TestCaseError> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let boundary = |i: usize| i == units.len() || !(0xDC00..0xE000).contains(&units[i]);
    let mut previous_end = 0;
    for &[start, end] in ranges {
        let (start, end) = (start as usize, end as usize);
        prop_assert!(start < end && end <= units.len(), "range {}..{} outside {:?}", start, end, text);
        prop_assert!(start >= previous_end, "ranges out of order or overlapping: {:?} in {:?}", ranges, text);
        prop_assert!(boundary(start) && boundary(end), "range {}..{} splits a character of {:?}", start, end, text);
        let marked = String::from_utf16(&units[start..end]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(marked.chars().any(char::is_alphanumeric), "highlight {:?} holds no word", marked);
        previous_end = end;
    }
    Ok(())
}

fn check_response_highlights(response: &SearchResponse) -> Result<(), TestCaseError> {
    for hit in &response.hits {
        check_highlights(&hit.title, &hit.title_highlights)?;
        check_highlights(&hit.snippet.text, &hit.snippet.highlights)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// AND queries (with an optional exclusion) against a scan of the analysed documents.
    #[test]
    fn and_queries_match_a_naive_scan(
        (vocab, docs) in corpus(),
        query in prop::collection::vec(0usize..64, 1..4),
        excluded in prop::option::of(0usize..64),
    ) {
        let index = Index::from_bytes(&build(&docs)).unwrap();
        let analyzer = Analyzer::new();
        let words: Vec<String> = query.iter().map(|&w| vocab[w % vocab.len()].clone()).collect();
        let excluded = excluded.map(|w| vocab[w % vocab.len()].clone());
        let mut query_text = words.join(" ");
        if let Some(x) = &excluded {
            query_text.push_str(&format!(" -{x}"));
        }
        let must = stems_of(&analyzer, &words);
        let not = excluded.map(|x| stems_of(&analyzer, &[x])).unwrap_or_default();

        let mut all = BTreeSet::new();
        let mut any = BTreeSet::new();
        for doc in &docs {
            let terms: HashSet<String> = field_terms(&analyzer, doc).into_iter().flatten().collect();
            if not.iter().any(|t| terms.contains(t)) {
                continue;
            }
            if must.iter().all(|t| terms.contains(t)) {
                all.insert(doc.id.clone());
            }
            if must.iter().any(|t| terms.contains(t)) {
                any.insert(doc.id.clone());
            }
        }

        let response = index.search(&query_text, &exact_options()).unwrap();
        prop_assert_eq!(response.complete, all.len(), "query {:?}", query_text);
        prop_assert_eq!(ids(&response.hits[..response.complete]), all.clone(), "complete matches of {:?}", query_text);
        prop_assert_eq!(response.total, any.len(), "query {:?}", query_text);
        let partial: BTreeSet<String> = any.difference(&all).cloned().collect();
        prop_assert_eq!(ids(&response.hits[response.complete..]), partial, "partial matches of {:?}", query_text);
        prop_assert_eq!(response.fallback, response.complete == 0 && response.total > 0, "query {:?}", query_text);
        let ranked = index.rank(&query_text, &exact_options()).unwrap();
        prop_assert_eq!(ranked.len(), response.total);
    }

    /// A quoted phrase matches the documents where its terms stand in sequence in one field.
    #[test]
    fn phrases_match_a_naive_sequence_check(
        (vocab, docs) in corpus(),
        phrase in prop::collection::vec(0usize..64, 1..4),
        from_doc in prop::option::of((0usize..16, 0usize..32)),
    ) {
        let index = Index::from_bytes(&build(&docs)).unwrap();
        let analyzer = Analyzer::new();
        // Half the phrases are cut from a document's body, so that they do occur.
        let words: Vec<String> = match from_doc {
            Some((d, start)) => {
                let body = &docs[d % docs.len()].body;
                let tokens: Vec<String> = analyzer.analyze(body).into_iter().map(|t| t.form).collect();
                if tokens.is_empty() {
                    vec![vocab[0].clone()]
                } else {
                    let start = start % tokens.len();
                    tokens[start..(start + phrase.len()).min(tokens.len())].to_vec()
                }
            }
            None => phrase.iter().map(|&w| vocab[w % vocab.len()].clone()).collect(),
        };
        let sequence = stems_of(&analyzer, &words);
        let query_text = format!("\"{}\"", words.join(" "));

        let expected: BTreeSet<String> = docs
            .iter()
            .filter(|doc| field_terms(&analyzer, doc).iter().any(|f| f.windows(sequence.len()).any(|w| w == sequence)))
            .map(|doc| doc.id.clone())
            .collect();
        let response = index.search(&query_text, &exact_options()).unwrap();
        prop_assert_eq!(ids(&response.hits[..response.complete]), expected, "phrase {:?}", query_text);
    }

    /// Searching is a function of the index and the query: the same answer twice, from a second
    /// index of the same corpus too, ordered by completeness, then score, then document order.
    #[test]
    fn ranking_is_deterministic(
        (vocab, docs) in corpus(),
        query in prop::collection::vec(0usize..64, 1..4),
        prefix_last in any::<bool>(),
    ) {
        let first = build(&docs);
        let second = build(&docs);
        prop_assert!(first == second, "two indexes of one corpus differ");
        let (a, b) = (Index::from_bytes(&first).unwrap(), Index::from_bytes(&second).unwrap());
        let query_text = query.iter().map(|&w| vocab[w % vocab.len()].as_str()).collect::<Vec<_>>().join(" ");
        let options = SearchOptions { limit: 1000, prefix_last, ..SearchOptions::default() };
        let response = a.search(&query_text, &options).unwrap();
        prop_assert_eq!(&response, &a.search(&query_text, &options).unwrap());
        prop_assert_eq!(&response, &b.search(&query_text, &options).unwrap());

        let ranked = a.rank(&query_text, &options).unwrap();
        prop_assert_eq!(&ranked, &b.rank(&query_text, &options).unwrap());
        prop_assert_eq!(ranked.len(), response.hits.len());
        for (hit, &(score, ordinal)) in response.hits.iter().zip(&ranked) {
            prop_assert_eq!(&hit.id, &docs[ordinal as usize].id);
            prop_assert_eq!(hit.score.to_bits(), score.to_bits());
        }
        let (complete, partial) = ranked.split_at(response.complete);
        for block in [complete, partial] {
            for pair in block.windows(2) {
                let ((s1, d1), (s2, d2)) = (pair[0], pair[1]);
                prop_assert!(s1 > s2 || (s1 == s2 && d1 < d2), "{:?} ranked before {:?}", pair[0], pair[1]);
            }
        }
    }
}

/// Text that mixes the scripts and code points that break naive offset arithmetic: Cyrillic,
/// combining marks, astral emoji and ZWJ sequences, right-to-left letters and marks, CJK, odd
/// whitespace, NUL and U+FFFD.
fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z]{1,8}",
        3 => "[а-яА-ЯёЁй]{1,8}",
        2 => "[ \t\n]{1,3}",
        1 => "[\u{300}-\u{36f}\u{345}\u{5b0}-\u{5c7}]{1,3}",
        1 => "[\u{1F300}-\u{1F6FF}\u{200d}\u{fe0f}]{1,4}",
        1 => "[\u{5d0}-\u{5ea}\u{627}-\u{64a}\u{200e}\u{200f}\u{202e}]{1,6}",
        1 => "[\u{4e00}-\u{4fff}\u{3000}]{1,4}",
        1 => "[\u{0}\u{a0}\u{ad}\u{2028}\u{fffd}\u{feff}.,;:!?\"'*()-]{1,3}",
        1 => "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

fn any_document(id: usize) -> impl Strategy<Value = Document> {
    let opt = || prop::option::of(hostile_text(3));
    (hostile_text(6), hostile_text(4), hostile_text(40), hostile_text(4), opt(), opt(), opt(), opt(), opt(), opt())
        .prop_flat_map(move |(title, summary, body, citation, url, date, lang, original, kind, parent)| {
            let boundaries: Vec<usize> = body.char_indices().map(|(i, _)| i).chain([body.len()]).collect();
            let sections = prop::collection::vec((prop::sample::select(boundaries), hostile_text(2)), 0..3);
            sections.prop_map(move |mut sections| {
                sections.sort_by_key(|(start, _)| *start);
                let mut doc = Document::new(format!("{id}:{title}"), title.clone(), body.clone());
                doc.summary = summary.clone();
                doc.citation = citation.clone();
                doc.url = url.clone();
                doc.date = date.clone();
                doc.lang = lang.clone();
                doc.original_lang = original.clone();
                doc.kind = kind.clone();
                doc.parent = parent.clone();
                doc.sections = sections
                    .into_iter()
                    .map(|(start, title)| Section { title, start, anchor: Some(format!("s{start}")) })
                    .collect();
                doc
            })
        })
}

fn any_corpus() -> impl Strategy<Value = Vec<Document>> {
    (1usize..6).prop_flat_map(|n| (0..n).map(any_document).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any documents, however odd their text: the index is byte-identical when built twice,
    /// gives every document back unchanged, and files each under every one of its terms.
    #[test]
    fn any_corpus_indexes_reproducibly_and_loses_nothing(docs in any_corpus()) {
        let bytes = build(&docs);
        prop_assert!(bytes == build(&docs), "two indexes of one corpus differ");
        let index = Index::from_bytes(&bytes).unwrap();
        prop_assert_eq!(index.doc_count() as usize, docs.len());
        let analyzer = Analyzer::new();
        for (ordinal, doc) in docs.iter().enumerate() {
            let ordinal = ordinal as u32;
            prop_assert_eq!(&index.document(ordinal).unwrap(), doc);
            prop_assert_eq!(index.meta(ordinal).and_then(|m| m.date), doc.date.clone());
            for term in field_terms(&analyzer, doc).into_iter().flatten() {
                let Some(t) = index.stem_ordinal(&term) else {
                    return Err(TestCaseError::fail(format!("term {term:?} of document {ordinal} is missing")));
                };
                let postings = index.postings(&index.term_info(t).unwrap()).unwrap();
                prop_assert!(postings.iter().any(|p| p.doc == ordinal), "document {} not under {:?}", ordinal, term);
            }
        }
    }

    /// Highlights of titles and snippets lie inside their text, ascending, on UTF-16 boundaries,
    /// and each covers a word, whatever the text and the query.
    #[test]
    fn highlights_lie_inside_their_text_on_utf16_boundaries(
        docs in any_corpus(),
        picks in prop::collection::vec((0usize..8, 0usize..64), 1..4),
        prefix_last in any::<bool>(),
        random_query in hostile_text(4),
    ) {
        let index = Index::from_bytes(&build(&docs)).unwrap();
        let analyzer = Analyzer::new();
        let mut words = Vec::new();
        for (d, t) in picks {
            let doc = &docs[d % docs.len()];
            let text = format!("{} {}", doc.title, doc.body);
            let tokens = analyzer.analyze(&text);
            if let Some(token) = tokens.get(t % tokens.len().max(1)) {
                words.push(text[token.start..token.end].to_string());
            }
        }
        let options = SearchOptions { limit: 1000, prefix_last, ..SearchOptions::default() };
        for query in [words.join(" "), random_query] {
            let response = index.search(&query, &options).unwrap();
            check_response_highlights(&response)?;
        }
    }
}

/// The Cranfield collection, beside the repository as CI has it (`../shared/corpora/...`).
/// A missing file fails the test: a green run means the check ran.
fn cranfield() -> std::path::PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/cranfield/docs.jsonl");
    assert!(path.is_file(), "{} is absent; this test needs ../shared/corpora beside the project", path.display());
    path
}

/// No data lost (issue #8, part 6): every document the reader accepts is in the index, and each
/// is found by a search for its rarest word.
#[test]
fn every_cranfield_document_is_indexed_and_findable_by_its_own_word() {
    let path = cranfield();
    let lines = std::fs::read_to_string(&path).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
    // Read as `folio index` reads it.
    let mut documents = Vec::new();
    let report = read_site(&path, &Config::default(), None, &mut |_, _| {}, |doc| {
        documents.push(doc);
        Ok(())
    })
    .unwrap();
    assert_eq!(report.page_count(), 1);
    assert!(report.skipped.is_empty() && report.warnings.is_empty(), "{}", report.render());
    assert_eq!(report.documents, documents.len());
    assert_eq!(documents.len(), lines, "the reader accepted fewer documents than the file has lines");
    let index = Index::from_bytes(&build(&documents)).unwrap();
    assert_eq!(index.doc_count() as usize, documents.len());

    let analyzer = Analyzer::new();
    let mut lost = Vec::new();
    for (ordinal, doc) in documents.iter().enumerate() {
        let ordinal = ordinal as u32;
        // The document's rarest word (by its stem's document frequency), as it is written.
        let rarest = analyzer
            .analyze(&doc.body)
            .into_iter()
            .chain(analyzer.analyze(&doc.title))
            .filter(|t| !stopwords::is_stopword(&t.form) && t.form.chars().all(char::is_alphanumeric))
            .filter_map(|t| {
                let info = index.term_info(index.stem_ordinal(&t.stem)?).ok()?;
                Some((info.doc_freq, t.form))
            })
            .min();
        let Some((_, word)) = rarest else {
            lost.push(format!("{}: no word to search for", doc.id));
            continue;
        };
        let ranked = index.rank(&word, &exact_options()).unwrap();
        if !ranked.iter().any(|&(_, d)| d == ordinal) {
            lost.push(format!("{}: not found by {word:?}", doc.id));
        }
    }
    assert!(lost.is_empty(), "{} documents cannot be found: {:?}", lost.len(), &lost[..lost.len().min(10)]);
}

/// Text dense in what word segmentation turns on: ASCII letters, digits and the punctuation the
/// rules single out, next to whitespace, combining marks, joiners and other scripts.
fn segmentation_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9_]{1,4}",
        3 => "[.,;:'_ \t\n\r-]{1,2}",
        1 => "[а-яé\u{301}\u{200d}\u{200b}\u{ad}\u{a0}\u{2019}\u{1F1F7}\u{1F1FA}\u{1F600}\u{5d0}\u{4e00}]{1,2}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The ASCII fast path of the tokenizer cuts exactly where the general UAX #29 rules do.
    #[test]
    fn words_agree_with_the_general_segmentation(text in segmentation_text()) {
        use folio_core::analysis::tokenize;
        let fast: Vec<(usize, &str)> = tokenize::words(&text).collect();
        let general: Vec<(usize, &str)> = tokenize::words_by_general_rules(&text).collect();
        prop_assert_eq!(fast, general);
    }

    /// Snippets cut text by spans, found without folding: the same words at the same positions
    /// as the folded words the index was built from.
    #[test]
    fn spans_stand_where_the_folded_words_do(text in hostile_text(30)) {
        let analyzer = Analyzer::new();
        let spans: Vec<(usize, usize, u32)> = analyzer.spans(&text).map(|s| (s.start, s.end, s.position)).collect();
        let words: Vec<(usize, usize, u32)> = analyzer.word_iter(&text).map(|w| (w.start, w.end, w.position)).collect();
        prop_assert_eq!(spans, words);
    }
}
