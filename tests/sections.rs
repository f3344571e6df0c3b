//! Which section a hit links to: the one its matches are in.
//!
//! A snippet shows a few words of context before its first match, and on a page of short sections
//! that context begins in the section before. The hit's section and anchor must still be the
//! matched one (a short FAQ page: `warranty` once linked to `#returns`).

use std::fs;
use std::path::PathBuf;

use folio_core::config::Config;
use folio_core::corpus::read_site;
use folio_core::index::Index;
use folio_core::search::SearchOptions;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const FAQ: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Visitor questions</title></head>
<body><main>
<h1>Visitor questions</h1>
<h2 id="shipping">Shipping</h2>
<p>Catalogues ship within a week by post.</p>
<h2 id="returns">Returns</h2>
<p>Unopened prints come back within thirty days.</p>
<h2 id="warranty">Warranty</h2>
<p>Frames carry a warranty of two years.</p>
</main></body></html>
"#;

/// A one-page site in a fresh temporary folder, indexed as `folio index` does.
fn faq_index() -> Result<(Index, PathBuf), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("folio-sections-{}", std::process::id()));
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("faq.html"), FAQ)?;
    let config = Config::find(&dir, None)?;
    let mut writer = config.index_writer()?;
    read_site(&dir, &config, None, &mut |_, _| {}, |doc| writer.add(doc))?;
    Ok((Index::from_bytes(&writer.finish()?)?, dir))
}

#[test]
fn a_hit_links_to_the_section_its_matches_are_in() -> TestResult {
    let (index, dir) = faq_index()?;
    for (query, anchor) in [("warranty", "warranty"), ("prints thirty days", "returns"), ("catalogues", "shipping")] {
        let response = index.search(query, &SearchOptions::default())?;
        let hit = response.hits.first().ok_or_else(|| format!("{query}: no hit"))?;
        assert_eq!(hit.anchor.as_deref(), Some(anchor), "{query}: {hit:?}");
        assert_eq!(hit.section.as_deref().map(str::to_lowercase).as_deref(), Some(anchor), "{query}");
    }
    fs::remove_dir_all(dir)?;
    Ok(())
}
