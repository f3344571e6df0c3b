//! Prints what Folio reads from each page given (one JSON object a line: file, title, body,
//! sections with anchors), the way `folio index` reads it with no configuration. The browser
//! test `tests/e2e/html-dom.test.mjs` compares the body with Chromium's `innerText`.
//!
//!     cargo run -p folio-corpus --example page-text -- page.html…

use std::path::Path;

use folio_corpus::config::Config;
use folio_corpus::read_site;

fn main() {
    let mut failed = false;
    for file in std::env::args().skip(1) {
        let mut docs = Vec::new();
        let result = read_site(Path::new(&file), &Config::default(), None, &mut |_, _| {}, |doc| {
            docs.push(doc);
            Ok(())
        });
        let sections: Vec<serde_json::Value> = docs
            .first()
            .map(|d| d.sections.iter().map(|s| serde_json::json!({ "title": s.title, "anchor": s.anchor })).collect())
            .unwrap_or_default();
        let line = match (result, docs.first()) {
            (Ok(_), Some(doc)) => serde_json::json!({
                "file": file, "title": doc.title, "body": doc.body, "sections": sections,
            }),
            (Ok(report), None) => serde_json::json!({ "file": file, "error": report.render() }),
            (Err(e), _) => serde_json::json!({ "file": file, "error": e.to_string() }),
        };
        failed |= line.get("error").is_some();
        println!("{line}");
    }
    if failed {
        std::process::exit(1);
    }
}
