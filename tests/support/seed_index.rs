//! What the split-index tests (tests/chunks.rs, tests/packs.rs) build their indexes from.

use std::path::Path;

use folio::embedded_index;
use folio_core::corpus::Document;
use folio_core::index::IndexWriter;

/// The seed documents, read back from the embedded index.
pub fn seed_documents() -> Vec<Document> {
    let index = embedded_index().unwrap();
    (0..index.doc_count()).map(|d| index.document(d).unwrap()).collect()
}

/// A writer holding `docs`.
pub fn writer_of(docs: &[Document]) -> IndexWriter {
    let mut writer = IndexWriter::new();
    for doc in docs {
        writer.add(doc.clone()).unwrap();
    }
    writer
}

/// Cranfield, beside the repository as CI has it: its documents and its queries (one per line,
/// `id<TAB>text`). A missing collection fails the test: a green run means the comparison ran.
pub fn cranfield() -> (Vec<Document>, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/cranfield");
    let queries = std::fs::read_to_string(dir.join("queries.tsv"))
        .unwrap_or_else(|e| panic!("{}: {e}; this test needs ../shared/corpora beside the project", dir.display()));
    let mut docs = Vec::new();
    folio_corpus::for_each_jsonl_document(&dir.join("docs.jsonl"), |d| {
        docs.push(d);
        Ok(())
    })
    .unwrap();
    (docs, queries)
}
