//! A writer that spills its postings in many small runs writes the same bytes as one that holds
//! them all in memory, and leaves no temporary file behind.

use std::path::PathBuf;

use crate::analysis::vocabulary::{Synonym, Vocabulary};
use crate::corpus::Document;
use crate::index::{ChunkSizes, IndexWriter, SplitIndex, Written};

/// Documents in several languages whose words recur across documents, with word forms that stem
/// differently by language, synonyms and stop words: what the merge must keep straight.
fn corpus(n: usize) -> Vec<Document> {
    const WORDS: [&str; 24] = [
        "running",
        "runs",
        "ran",
        "plenum",
        "plenums",
        "convened",
        "Korea",
        "korean",
        "archive",
        "archives",
        "telegram",
        "meeting",
        "Пхеньян",
        "телеграммы",
        "встреча",
        "Häuser",
        "Hauses",
        "laufen",
        "läuft",
        "the",
        "airplane",
        "aircraft",
        "flow",
        "flows",
    ];
    let mut seed = 0x2545_f491_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|i| {
            let mut words = |count: u64| {
                let count = 1 + next() % count;
                let mut text = String::new();
                for _ in 0..count {
                    let w = next();
                    // A long tail of rare words, so runs hold different vocabularies.
                    if w % 5 == 0 {
                        text.push_str(&format!("rare{} ", w % 997));
                    } else {
                        text.push_str(WORDS[(w % WORDS.len() as u64) as usize]);
                        text.push(' ');
                    }
                }
                text
            };
            let mut doc = Document::new(format!("d{i}"), words(4), words(60));
            doc.summary = words(8);
            doc.lang = ["en", "ru", "de", "fr"].get(i % 5).map(|s| s.to_string());
            doc.date = (i % 3 == 0).then(|| format!("19{:02}-01-02", i % 100));
            doc
        })
        .collect()
}

fn vocabulary() -> Vocabulary {
    let mut vocabulary = Vocabulary::new();
    for rule in ["aircraft, airplane, flying machine", "DPRK => North Korea"] {
        vocabulary.add_synonym(&Synonym::parse(rule).unwrap()).unwrap();
    }
    vocabulary.add_stop_word("the").unwrap();
    vocabulary
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("folio-runs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn writer(docs: &[Document], spill: Option<(usize, &PathBuf)>) -> IndexWriter {
    threaded(docs, 1, spill)
}

#[test]
fn spilled_runs_merge_into_the_same_bytes() {
    let docs = corpus(400);
    let dir = scratch("same");
    let sizes = ChunkSizes { terms: 700, docs: 900 };
    let spilled = writer(&docs, Some((4000, &dir)));
    assert!(spilled.spilled_runs() > 20, "only {} runs", spilled.spilled_runs());
    assert_eq!(spilled.finish().unwrap(), writer(&docs, None).finish().unwrap(), "single file");
    let split = writer(&docs, Some((4000, &dir))).finish_split(sizes).unwrap();
    assert!(split.chunks.len() > 10);
    assert_eq!(split, writer(&docs, None).finish_split(sizes).unwrap(), "split");
    let auto = |spill| match writer(&docs[..30], spill).finish_auto(1 << 20, sizes).unwrap() {
        Written::Single(bytes) => bytes,
        _ => panic!("30 short documents fit one file"),
    };
    assert_eq!(auto(Some((500, &dir))), auto(None), "auto");
    let mut streamed = Vec::new();
    let written = writer(&docs, Some((4000, &dir)))
        .finish_auto_into(0, sizes, &mut |name, bytes| {
            streamed.push((name, bytes));
            Ok(())
        })
        .unwrap();
    let Written::Streamed { root, chunks, chunk_bytes } = written else { panic!("threshold 0 splits") };
    assert_eq!(chunks, streamed.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>());
    assert_eq!(chunk_bytes, streamed.iter().map(|(_, b)| b.len() as u64).sum::<u64>());
    assert_eq!(SplitIndex { root, chunks: streamed }, split, "streamed");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "the runs' folders are removed");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_dropped_writer_removes_its_runs() {
    let dir = scratch("drop");
    let spilled = writer(&corpus(50), Some((1000, &dir)));
    assert!(spilled.spilled_runs() > 2);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "one folder of runs");
    drop(spilled);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_duplicate_id_is_an_error_whatever_the_run() {
    let dir = scratch("dup");
    let mut docs = corpus(30);
    docs.push(docs[2].clone());
    let mut w = IndexWriter::new().with_memory(500, &dir).unwrap();
    let results: Vec<_> = docs.into_iter().map(|d| w.add(d)).collect();
    assert!(results[..30].iter().all(Result::is_ok));
    assert!(matches!(&results[30], Err(crate::Error::DuplicateId(id)) if id == "d2"));
    drop(w);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A writer of `docs` analysing on `threads` threads, spilling as `spill` says.
fn threaded(docs: &[Document], threads: usize, spill: Option<(usize, &PathBuf)>) -> IndexWriter {
    let mut writer = IndexWriter::new().with_vocabulary(vocabulary()).with_threads(threads);
    if let Some((budget, dir)) = spill {
        writer = writer.with_memory(budget, dir).unwrap();
    }
    for doc in docs {
        writer.add(doc.clone()).unwrap();
    }
    writer
}

#[test]
fn threads_analyse_into_the_same_bytes() {
    let docs = corpus(500);
    let dir = scratch("threads");
    let sizes = ChunkSizes { terms: 700, docs: 900 };
    let (single, split) = (writer(&docs, None).finish().unwrap(), writer(&docs, None).finish_split(sizes).unwrap());
    for threads in [2, 3] {
        assert_eq!(threaded(&docs, threads, None).finish().unwrap(), single, "{threads} threads, single file");
        let mut spilled = threaded(&docs, threads, Some((4000, &dir)));
        spilled.flush().unwrap();
        assert!(spilled.spilled_runs() > 20, "only {} runs", spilled.spilled_runs());
        assert_eq!(spilled.finish_split(sizes).unwrap(), split, "{threads} threads, spilled, split");
        // Fewer documents than a batch, and a writer dropped with batches in flight.
        assert_eq!(threaded(&docs[..2], threads, None).finish().unwrap(), writer(&docs[..2], None).finish().unwrap());
        drop(threaded(&docs, threads, Some((4000, &dir))));
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "the runs' folders are removed");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_writer_with_a_budget_keeps_the_stored_documents_in_a_file() {
    let docs = corpus(2000);
    let dir = scratch("store");
    let w = writer(&docs, Some((1 << 30, &dir)));
    assert_eq!(w.spilled_runs(), 0, "the postings fit the budget");
    let runs = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
    let text: usize = docs.iter().map(|d| d.id.len() + d.title.len() + d.summary.len() + d.body.len()).sum();
    let on_disk = std::fs::metadata(runs.join("store.text")).unwrap().len() as usize;
    // What is not on disk yet is in the file's write buffer (64 KiB), not in the writer.
    assert!(text > 4 << 16 && on_disk + (1 << 16) >= text, "{on_disk} of {text} bytes of text on disk");
    assert_eq!(w.finish().unwrap(), writer(&docs, None).finish().unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}
