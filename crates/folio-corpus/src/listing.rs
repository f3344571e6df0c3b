//! Search-results listings: a scraped page of results, each entry a date line, a title line and a
//! summary paragraph. Each entry becomes its own document, `<page id>#<n>` with `parent` set to the
//! page id; the page itself is not emitted as a document.
//!
//! An entry's paragraph goes in [`Document::summary`] and its body is left empty. The listing
//! repeats, in a few lines, documents the corpus usually holds in full (entry 6 of seed 003 is seed
//! 001); copying the summary into the body as well would count its words twice and let the short
//! stub outrank the full page. Snippets for an entry come from its summary.

use super::date::parse_date;
use super::metadata::{detect_lang, infer_kind};
use super::text::{clean_line, is_result_counter, paragraphs, Paragraph};
use super::Document;

/// Reads `text` as a search-results listing, or `None` when it is not one.
///
/// It is one when, after page chrome is dropped, it is a run of entries that each start with a
/// paragraph that is only a date, followed by a title paragraph; and there are at least two
/// entries, or the page carries a result counter such as "81 - 90 of 286".
pub(crate) fn parse_listing(id: &str, text: &str) -> Option<Vec<Document>> {
    let lines: Vec<String> = text.lines().map(clean_line).collect();
    let has_counter = lines.iter().any(|l| is_result_counter(l));
    let paragraphs = paragraphs(&lines, 1);
    let entries = entries(&paragraphs)?;
    // A counter with no entry under it (a page of chrome) is read as plain text instead.
    if entries.is_empty() || entries.len() < 2 && !has_counter {
        return None;
    }
    let documents = entries
        .into_iter()
        .enumerate()
        .map(|(n, entry)| {
            let title = entry.title.split_whitespace().collect::<Vec<_>>().join(" ");
            let summary = entry.summary.join("\n\n");
            Document {
                id: format!("{id}#{}", n + 1),
                parent: Some(id.to_string()),
                kind: infer_kind(&title),
                lang: detect_lang(&format!("{title}\n{summary}")),
                date: Some(entry.date),
                title,
                summary,
                ..Document::default()
            }
        })
        .collect();
    Some(documents)
}

/// One entry of a listing.
struct Entry<'a> {
    date: String,
    title: &'a str,
    summary: Vec<&'a str>,
}

/// Splits paragraphs into entries; `None` if they do not all fit the date–title–summary pattern.
fn entries(paragraphs: &[Paragraph]) -> Option<Vec<Entry<'_>>> {
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let mut i = 0;
    while i < paragraphs.len() {
        let date = (paragraphs[i].lines == 1).then(|| parse_date(&paragraphs[i].text)).flatten()?;
        let title = paragraphs.get(i + 1).filter(|p| p.lines == 1 && parse_date(&p.text).is_none())?;
        i += 2;
        let mut summary = Vec::new();
        while let Some(p) = paragraphs.get(i) {
            if p.lines == 1 && parse_date(&p.text).is_some() {
                break;
            }
            summary.push(p.text.as_str());
            i += 1;
        }
        entries.push(Entry { date, title: &title.text, summary });
    }
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_counter_without_entries_is_not_a_listing() {
        // Found by the corpus fuzzer: it gave no document and no reason for skipping the file.
        let text = "Skip to content\n\nResults:\n\n88888888888888882 - 90 of 2";
        assert!(parse_listing("a", text).is_none());
    }

    #[test]
    fn a_page_with_a_single_dated_heading_is_not_a_listing() {
        assert!(parse_listing("a", "March 5, 1953\n\nStalin dies\n\nLong text here.\n").is_none());
        assert!(parse_listing("a", "Just a note.\n\nMarch 5, 1953\n\nTitle\n").is_none());
    }

    #[test]
    fn two_entries_make_a_listing() {
        let docs = parse_listing("l", "May 1, 1950\n\nLetter A\n\nAbout a.\n\nMay 2, 1950\n\nTelegram B\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].id, "l#2");
        assert_eq!(docs[1].kind.as_deref(), Some("telegram"));
        assert_eq!(docs[1].summary, "");
        assert_eq!(docs[0].parent.as_deref(), Some("l"));
    }
}
