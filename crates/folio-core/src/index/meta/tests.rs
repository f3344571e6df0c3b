use super::*;

fn meta(date: Option<&str>, lang: Option<&str>, kind: Option<&str>) -> DocMeta {
    DocMeta { date: date.map(Into::into), lang: lang.map(Into::into), kind: kind.map(Into::into), ..DocMeta::default() }
}

fn sample() -> Vec<DocMeta> {
    vec![
        meta(Some("1956-09-21"), Some("ru"), Some("telegram")),
        meta(None, None, None),
        meta(Some("1956"), Some("en"), Some("telegram")),
        meta(Some("1953-07"), Some("ru"), None),
        meta(Some("around 1950"), Some("en"), None),
    ]
}

fn count(table: &MetaTable, col: usize, docs: &[u32]) -> Vec<(String, usize)> {
    let mut counts = vec![0.0; table.facet_values(col).len()];
    for &doc in docs {
        table.tally(col, doc, &mut counts);
    }
    table.named(col, &counts).into_iter().collect()
}

#[test]
fn every_value_reads_back() {
    let metas = sample();
    let table = MetaTable::decode(&encode(&metas), u32::MAX).unwrap();
    assert_eq!(table.len(), metas.len());
    for (doc, m) in metas.iter().enumerate() {
        let got = table.get(doc as u32).unwrap();
        assert_eq!(got.date, m.date);
        assert_eq!(got.lang, m.lang.as_deref());
        assert_eq!(got.kind, m.kind.as_deref());
    }
    assert_eq!(table.get(5), None);
}

#[test]
fn facets_count_documents_by_value() {
    let table = MetaTable::decode(&encode(&sample()), u32::MAX).unwrap();
    let all = [0, 1, 2, 3, 4];
    let pair = |v: &str, n| (v.to_string(), n);
    assert_eq!(count(&table, LANG, &all), [pair("en", 2), pair("ru", 2)]);
    assert_eq!(count(&table, KIND, &[1, 2]), [pair("telegram", 1)]);
    assert_eq!(count(&table, YEAR, &all), [pair("1953", 1), pair("1956", 2), pair("arou", 1)]);
    assert!(count(&table, LANG, &[9]).is_empty(), "a document past the end counts nowhere");
}

#[test]
fn filters_accept_values_not_documents_without_one() {
    let table = MetaTable::decode(&encode(&sample()), u32::MAX).unwrap();
    let ru = table.accepted(MetaField::Lang, |v| v.eq_ignore_ascii_case("RU"));
    let kept: Vec<u32> = (0..6).filter(|&d| table.is_accepted(MetaField::Lang, d, &ru) == Some(true)).collect();
    assert_eq!(kept, [0, 3]);
    let within = |doc: u32, from, to| table.date_within(table.date_code(doc).unwrap(), from, to);
    assert!(within(0, Some("1956"), Some("1956")) && within(2, None, Some("1956-01")));
    assert!(!within(3, Some("1955"), None) && !within(1, None, None));
    assert!(within(4, Some("1900"), None) && !within(4, None, Some("1900")), "another date compares as text");
}

#[test]
fn damaged_metadata_is_an_error() {
    let bytes = encode(&sample());
    for cut in 0..bytes.len() {
        assert!(MetaTable::decode(&bytes[..cut], u32::MAX).is_err(), "cut at {cut}");
    }
    assert!(MetaTable::decode(&bytes, 4).is_err(), "more documents in the root than allowed");
}

/// 40 documents over three centuries in two languages, one filter and a sort key.
fn many() -> Vec<DocMeta> {
    (0..40u32)
        .map(|i| {
            let mut m =
                meta(Some(&format!("{}-0{}", 1800 + i * 7, 1 + i % 9)), Some(["en", "ru"][i as usize % 2]), None);
            m.filters.push(("shelf".into(), vec![format!("s{}", i / 10)]));
            m.sort.push(("n".into(), format!("{}", i % 13)));
            m
        })
        .collect()
}

#[test]
fn chunked_columns_read_back_as_the_inline_ones() {
    let metas = many();
    let encoded = Encoded::new(&metas, &[]);
    assert_eq!(encoded.docs_per_chunk(usize::MAX, 0), None, "small columns stay in the root");
    let per = encoded.docs_per_chunk(0, 16).unwrap();
    assert_eq!(per, 16);
    let inline = MetaTable::decode(&encoded.inline(), u32::MAX).unwrap();
    let (root, chunks) = encoded.chunked(per);
    assert_eq!(chunks.len(), 3);
    let mut table = MetaTable::decode(&root, 0).unwrap();
    assert_eq!((table.chunk_count(), table.chunk_of(33), table.lacking(33)), (3, 2, Some(2)));
    assert_eq!(table.get(33), None, "not at hand before its chunk is added");
    assert!(table.add_chunk(1, &chunks[2]).is_err(), "a chunk given as another is refused");
    for (k, bytes) in chunks.iter().enumerate() {
        assert!(table.add_chunk(k as u32, bytes).unwrap());
    }
    for doc in 0..41 {
        assert_eq!(table.get(doc), inline.get(doc));
        assert_eq!(table.sort_rank(0, doc), inline.sort_rank(0, doc));
        assert_eq!(table.filter_ids(0, doc), inline.filter_ids(0, doc));
    }
    let all: Vec<u32> = (0..40).collect();
    for col in 0..inline.facet_columns() {
        assert_eq!(count(&table, col, &all), count(&inline, col, &all));
    }
}

#[test]
fn summaries_estimate_the_counts_of_chunks_not_at_hand() {
    let encoded = Encoded::new(&many(), &[]);
    let (root, _) = encoded.chunked(16);
    let table = MetaTable::decode(&root, 0).unwrap();
    let summary = table.summary(0).unwrap();
    assert_eq!((summary.len, summary.dated, summary.count(LANG, 0), summary.count(FILTERS, 1)), (16, 16, 8, 6));
    // Half of chunk 0's documents: half its counts.
    let mut counts = vec![0.0; table.facet_values(LANG).len()];
    table.estimate(LANG, 0, 8, &mut counts);
    assert_eq!(
        table.named(LANG, &counts).into_iter().collect::<Vec<_>>(),
        [("en".to_string(), 4), ("ru".to_string(), 4)]
    );
}

#[test]
fn damaged_chunked_metadata_is_an_error_never_a_panic() {
    let encoded = Encoded::new(&many(), &[]);
    let (root, chunks) = encoded.chunked(16);
    for cut in 0..root.len() {
        assert!(MetaTable::decode(&root[..cut], 0).is_err(), "root cut at {cut}");
    }
    let table = MetaTable::decode(&root, 0).unwrap();
    for (k, bytes) in chunks.iter().enumerate() {
        for cut in 0..bytes.len() {
            assert!(table.clone().add_chunk(k as u32, &bytes[..cut]).is_err(), "chunk {k} cut at {cut}");
        }
        for i in 0..bytes.len() {
            for mask in [0x01, 0x80, 0xff] {
                let mut forged = bytes.clone();
                forged[i] ^= mask;
                // Refused, or (when the flip lands where it changes nothing the root knows) read.
                let _ = table.clone().add_chunk(k as u32, &forged);
            }
        }
    }
    for i in 0..root.len() {
        let mut forged = root.clone();
        forged[i] ^= 0xff;
        if let Ok(mut t) = MetaTable::decode(&forged, 0) {
            for (k, bytes) in chunks.iter().enumerate() {
                let _ = t.add_chunk(k as u32, bytes);
            }
            for doc in 0..45 {
                let _ = (t.get(doc), t.sort_rank(0, doc), t.filter_ids(0, doc));
            }
        }
    }
}
