//! Part 5: hostile corpora: markup, bad bytes and duplicates read or reported, never a panic.

use super::*;

/// A fresh scratch directory under the target directory, removed first if it exists.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The documents at `path` and the report, read as `folio index` reads a site (the defaults, with
/// `.jsonl` files included).
fn read(path: &Path) -> folio_core::Result<(Vec<Document>, SiteReport)> {
    let mut config = Config::default();
    config.include.push("**/*.jsonl".to_string());
    let mut documents = Vec::new();
    let report = read_site(path, &config, None, &mut |_, _| {}, |doc| {
        documents.push(doc);
        Ok(())
    })?;
    Ok((documents, report))
}

fn corpus_error<T: std::fmt::Debug>(result: folio_core::Result<T>) -> (PathBuf, Option<usize>, String) {
    match result {
        Err(Error::Corpus { path, line, message }) => (path, line, message),
        other => panic!("expected a corpus error, got {other:?}"),
    }
}

fn search_all(index: &Index, query_text: &str) -> SearchResponse {
    let options = SearchOptions { limit: 1000, prefix_last: false, ..SearchOptions::default() };
    let response = index.search(query_text, &options).unwrap();
    check_response(&response, &options);
    response
}

fn marked(text: &str, [a, b]: [u32; 2]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[a as usize..b as usize]).unwrap()
}

#[test]
fn markup_in_documents_comes_back_as_text() {
    let dir = scratch("markup");
    let title = "<script>alert('title')</script> <b>Bold</b> &amp; plenum";
    let body = "The plenum <img src=x onerror=alert(1)> met &lt;i&gt; here. </textarea><svg onload=alert(2)>";
    let line = serde_json::json!({
        "id": "<a href=x>id</a>",
        "title": title,
        "body": body,
        "summary": "<iframe src=javascript:alert(3)></iframe> summary",
        "type": "<u>memo</u>",
        "url": "javascript:alert(4)",
    });
    let path = write(&dir, "docs.jsonl", format!("{line}\n"));
    let (documents, _) = read(&path).unwrap();
    let index = Index::from_bytes(&build(documents)).unwrap();
    let response = search_all(&index, "plenum");
    assert_eq!(response.total, 1);
    let hit = &response.hits[0];
    // Returned exactly as written: not escaped, not stripped, not interpreted.
    assert_eq!(hit.id, "<a href=x>id</a>");
    assert_eq!(hit.title, title);
    assert_eq!(hit.url.as_deref(), Some("javascript:alert(4)"));
    assert_eq!(hit.kind.as_deref(), Some("<u>memo</u>"));
    // (The snippet ends at its last word, so the final `)>` gives way to an ellipsis.)
    assert!(hit.snippet.text.starts_with(&body[..body.len() - 2]), "{}", hit.snippet.text);
    let marks: Vec<String> = hit.title_highlights.iter().map(|&r| marked(&hit.title, r)).collect();
    assert_eq!(marks, ["plenum"]);
    // The JSON the API and CLI print carries the markup as string data.
    let json = serde_json::to_value(&response).unwrap();
    assert_eq!(json["hits"][0]["title"], title);
}

#[test]
fn html_pages_give_text_and_never_their_scripts() {
    let dir = scratch("html");
    let page = "<!doctype html><html lang=en><head><title>Head &lt;script&gt;alert(1)&lt;/script&gt; title</title>\
        <script>var secretcode = 1;</script><style>.zzstyle{}</style></head><body><main>\
        <h1>Plenum &lt;b&gt;report&lt;/b&gt; &amp; notes</h1>\
        <p>The plenum met. &lt;img src=x onerror=alert(1)&gt; <script>document.write('injected')</script>\
        <b>bold</b> text.</p><noscript>noscriptword</noscript></main></body></html>";
    write(&dir, "page.html", page);
    let (documents, _) = read(&dir).unwrap();
    assert_eq!(documents.len(), 1);
    let doc = &documents[0];
    assert!(doc.title.contains("<b>report</b>") || doc.title.contains("<script>"), "{}", doc.title);
    assert!(doc.body.contains("<img src=x onerror=alert(1)>"), "entities are decoded to text: {}", doc.body);
    assert!(doc.body.contains("<b>report</b>"), "escaped markup is text: {}", doc.body);
    assert!(doc.body.contains("bold text") && !doc.body.contains("<b>bold"), "tags are not text: {}", doc.body);
    let index = Index::from_bytes(&build(documents.clone())).unwrap();
    for hidden in ["secretcode", "injected", "zzstyle", "noscriptword"] {
        assert_eq!(search_all(&index, hidden).total, 0, "{hidden} was indexed");
    }
    let hit = &search_all(&index, "plenum").hits[0];
    assert!(hit.snippet.text.contains("<img src=x onerror=alert(1)>"), "{}", hit.snippet.text);
}

#[test]
fn invalid_utf8_is_reported_with_file_and_line() {
    // A page with bytes that are not UTF-8 is skipped, and the report names the file and line;
    // the other pages are read.
    let dir = scratch("utf8");
    write(&dir, "good.txt", "A title\n\nGood text.");
    write(&dir, "bad.txt", b"A title\n\nline two\nbad \xff\xfe byte\n".as_slice());
    let (documents, report) = read(&dir).unwrap();
    assert_eq!(documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["good"]);
    let [skipped] = report.skipped.as_slice() else { panic!("{}", report.render()) };
    assert_eq!(skipped.path, Path::new("bad.txt"));
    assert!(skipped.problem && skipped.reason.contains("(line 4) is not valid UTF-8"), "{skipped}");
    assert!(report.render().contains("bad.txt: undecodable bytes"), "{}", report.render());

    // In a `.jsonl` file, where a line is a document, it is an error naming the file and line.
    let dir = scratch("utf8-jsonl");
    let bad =
        write(&dir, "docs.jsonl", b"{\"id\": 1, \"body\": \"ok\"}\n{\"id\": 2, \"body\": \"\xc3\x28\"}\n".as_slice());
    let (path, line, message) = corpus_error(read(&bad));
    assert_eq!((path, line), (bad, Some(2)));
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn empty_binary_and_unreadable_files_are_each_reported() {
    let dir = scratch("mixed");
    write(&dir, "empty.txt", "");
    write(&dir, "blank.md", " \n\n\t\n");
    write(&dir, "empty.jsonl", "\n\n");
    write(&dir, "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".as_slice());
    write(&dir, "archive.zip", b"PK\x03\x04\0\0".as_slice());
    write(&dir, "README", "no extension");
    write(&dir, ".hidden.txt", "hidden text");
    write(&dir, ".git/config", "[core]");
    write(&dir, "nul.txt", "Nul title\n\nbefore\0\0\0after zzbinaryword \u{1}\u{2}\u{7f}");
    write(&dir, "sub/deeper/page.md", "# Deep page\n\nDeep zzdeepword text.");
    write(&dir, "sub/page.html", "<html><body><p>zzhtmlword</p></body></html>");
    let (documents, report) = read(&dir).unwrap();
    // Never a silent drop: each of the 11 entries is a page read or a file counted by reason,
    // and every page that gave no document has a line in the report saying why.
    let others: Vec<(&str, usize)> = report.other_files.iter().map(|(k, &v)| (k.as_str(), v)).collect();
    assert_eq!(
        others,
        [("hidden", 2), ("not a page: (none)", 1), ("not a page: .png", 1), ("not a page: .zip", 1)],
        "{}",
        report.render()
    );
    assert_eq!(report.page_count(), 6, "{}", report.render());
    assert!(report.skipped.is_empty(), "{}", report.render());
    assert_eq!(report.documents, documents.len());
    let warning = |name: &str| {
        report
            .warnings
            .iter()
            .find(|w| w.path.as_deref() == Some(Path::new(name)))
            .map(|w| w.message.as_str())
            .unwrap_or_else(|| panic!("{name} is not in the report: {}", report.render()))
    };
    for name in ["empty.txt", "blank.md"] {
        assert!(warning(name).starts_with("empty page"), "{name}: {}", warning(name));
    }
    assert_eq!(warning("empty.jsonl"), "no documents in the file");
    let ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["nul", "sub/deeper/page", "sub/page"]);

    let index = Index::from_bytes(&build(documents.clone())).unwrap();
    assert_eq!(index.doc_count() as usize, documents.len());
    for word in ["zzbinaryword", "zzdeepword", "zzhtmlword", "after"] {
        assert_eq!(search_all(&index, word).complete, 1, "{word}");
    }
}

#[test]
fn duplicate_ids_name_both_places() {
    let dir = scratch("dup-jsonl");
    let path = write(
        &dir,
        "docs.jsonl",
        "{\"id\": 7, \"body\": \"a\"}\n{\"id\": 8, \"body\": \"b\"}\n{\"id\": \"7\", \"body\": \"c\"}\n",
    );
    let (named, line, message) = corpus_error(read(&path));
    assert_eq!((named, line), (path, Some(3)));
    assert!(message.contains("duplicate id") && message.contains("line 1"), "{message}");

    // Across files: the second use names the file and line of the first.
    let dir = scratch("dup-jsonl-files");
    let first = write(&dir, "a.jsonl", "{\"id\": 7, \"body\": \"a\"}\n");
    let second = write(&dir, "b.jsonl", "{\"id\": 8, \"body\": \"b\"}\n{\"id\": \"7\", \"body\": \"c\"}\n");
    let (named, line, message) = corpus_error(read(&dir));
    assert_eq!((named, line), (second, Some(2)));
    assert!(message.contains(&format!("duplicate id \"7\": already used at {}:1", first.display())), "{message}");

    // Pages whose ids would be the same (`page.md`, `page.txt`): the second keeps its extension,
    // so both are read and neither replaces the other.
    let dir = scratch("dup-files");
    write(&dir, "page.md", "# Page\n\nMarkdown text.");
    write(&dir, "page.txt", "Page\n\nPlain text.");
    let (documents, report) = read(&dir).unwrap();
    let ids: Vec<(&str, &str)> = documents.iter().map(|d| (d.id.as_str(), d.body.as_str())).collect();
    assert_eq!(ids, [("page", "Markdown text."), ("page.txt", "Plain text.")], "{}", report.render());

    let mut writer = IndexWriter::new();
    writer.add(Document::new("x", "one", "")).unwrap();
    let err = writer.add(Document::new("x", "two", "")).expect_err("a duplicate id must be refused");
    assert!(err.to_string().contains("'x'"), "{err}");
}

/// A document of `megabytes` MB is read, indexed and found, with a short snippet cut from it.
fn huge_document(megabytes: usize) {
    let dir = scratch(&format!("huge-{megabytes}"));
    let words = ["plenum", "pyongyang", "telegram", "пленум", "mikoyan", "ambassador", "resolution", "😀"];
    let mut body = String::with_capacity(megabytes << 20);
    let mut i = 0usize;
    while body.len() < megabytes << 20 {
        body.push_str(words[i % words.len()]);
        body.push_str(if i % 13 == 12 { ".\n" } else { " " });
        i += 1;
    }
    body.push_str("zzlastword");
    let line = serde_json::json!({"id": "huge", "title": "A very large document", "body": body});
    let path = write(&dir, "huge.jsonl", format!("{line}\n{}\n", serde_json::json!({"id": "small", "body": "plenum"})));
    let (documents, _) = read(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0].body.len(), body.len());
    drop(body);
    let index = Index::from_bytes(&build(documents)).unwrap();
    assert_eq!(index.doc_count(), 2);
    let response = search_all(&index, "zzlastword");
    assert_eq!(response.hits.len(), 1);
    assert!(response.hits[0].snippet.text.contains("zzlastword"));
    assert!(utf16_len(&response.hits[0].snippet.text) < 1000);
    assert_eq!(search_all(&index, "plenum").total, 2);
    assert_eq!(search_all(&index, "\"telegram пленум mikoyan\"").complete, 1);
}

/// The 50 MB document of issue #8 (about 75 s in a debug build on two cores).
#[test]
fn a_50_mb_document_is_indexed_and_found() {
    huge_document(50);
}
