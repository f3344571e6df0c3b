//! Page descriptions that are not a page's summary: the site's own description, which a generator
//! writes into every page (MkDocs' `site_description`), and an excerpt of the page's opening that a
//! generator writes as its description (Hugo's `.Summary`). Neither may make every page match the
//! site's tagline or repeat a page's opening as a "Summary" sub-result.

use std::fs;

use folio_corpus::config::Config;

use super::{build, scratch, search, TestResult};

fn page(description: &str, title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>{title} - Tidewater</title>\
         <meta name=\"description\" content=\"{description}\"></head>\
         <body><main><h1>{title}</h1><p>{body}</p></main></body></html>"
    )
}

#[test]
fn the_description_every_page_shares_is_the_home_pages_summary_only() -> TestResult {
    let root = scratch("descriptions-shared")?;
    let tagline = "A small museum of navigation instruments.";
    fs::write(root.join("index.html"), page(tagline, "Welcome", "Opening hours and how to find us."))?;
    fs::create_dir_all(root.join("collection"))?;
    fs::write(root.join("collection/sextants.html"), page(tagline, "Sextants", "A sextant measures angles."))?;
    fs::write(root.join("collection/clocks.html"), page(tagline, "Clocks", "A chronometer keeps time at sea."))?;
    let own = "Lead lines sounded the depth before echo sounders.";
    fs::write(root.join("collection/lines.html"), page(own, "Lines", "Weights on a marked rope."))?;

    let (index, report) = build(&root, &Config::default())?;
    let hits: Vec<String> = search(&index, "museum")?.hits.iter().map(|h| h.id.clone()).collect();
    assert_eq!(hits, ["index"], "only the home page keeps the site's description");
    let lines = search(&index, "echo sounders")?;
    assert_eq!(lines.hits.first().map(|h| h.id.as_str()), Some("collection/lines"), "a page's own description stays");
    // A note, not a warning: nothing for the owner to fix, so `--strict` passes.
    assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
    assert!(report.notes[0].starts_with("3 pages give the same description (\"A small museum"), "{:?}", report.notes);
    assert_eq!(report.problem_count(), 0, "{}", report.render());
    Ok(())
}

#[test]
fn a_description_that_repeats_the_pages_opening_is_not_a_summary() -> TestResult {
    let root = scratch("descriptions-excerpt")?;
    // Hugo's default description: the page's first words as plain text, with the heading's
    // permalink sign (`#`) and no markup.
    let body = "Buttons are styled links that can lead to a local page or an external link.";
    let html = |description: &str| {
        format!(
            "<!doctype html><html lang=en><head><title>Buttons | Book</title>\
             <meta name=\"description\" content=\"{description}\"></head><body><article>\
             <h1 id=buttons>Buttons <a class=anchor href=\"#buttons\">#</a></h1><p>{body}</p>\
             </article></body></html>"
        )
    };
    fs::write(root.join("buttons.html"), html(" Buttons # Buttons are styled links that can lead to a local pa"))?;
    fs::write(root.join("tabs.html"), html("Tabs group content by platform, each behind its own label."))?;

    let (index, _) = build(&root, &Config::default())?;
    let buttons = search(&index, "styled links")?;
    let hit = buttons.hits.first().ok_or("no hit")?;
    assert_eq!(hit.id, "buttons");
    let titles: Vec<Option<&str>> = hit.sections.iter().map(|s| s.title.as_deref()).collect();
    assert!(!titles.contains(&Some("Summary")), "the excerpt is not a Summary section: {titles:?}");
    let tabs = search(&index, "platform label")?;
    assert_eq!(tabs.hits.first().map(|h| h.id.as_str()), Some("tabs"), "a description of its own is kept");
    Ok(())
}
