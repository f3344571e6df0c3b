//! What the split-index tests (tests/chunks.rs, tests/packs.rs) build their indexes from.

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
