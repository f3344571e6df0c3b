//! Archive pages: documents scraped from a digital archive into `.txt` or `.md`.
//!
//! Two layouts are read. The markdown layout has a date line and a (possibly wrapped, bold) title,
//! then labelled blocks `Citation:`, `Summary:`, `Credits:`, `Original Language:` and `Contents:`;
//! the text follows the first paragraph after `Contents:` (the list of parts, such as
//! "Original Scan Translation - English"). The HTML-scrape layout has a date line and a
//! `• Citation` block holding the summary and then the quoted citation; the text follows the
//! block. In both, the title is the quoted title that starts the citation (falling back to the
//! header lines), and page chrome ("Search in", "get citation", "English HTML", …) is dropped.
//!
//! Sections: the parts named in `Contents:` where they appear as lines in the text ("Original
//! Scan", repeated on every scanned page, becomes one section; the label line itself is not kept
//! in the body), markdown headings, and "Attachment No. 1"-style lines (both kept in the body). A
//! listed part with no heading line is placed where the text switches to that part's script: seed
//! 001 lists "Original Scan Translation - English" but only marks the scans, so its English
//! translation section starts at the first paragraph of the Latin-script run that ends the page.
//!
//! Language: a page with a "Translation - X" part is in language X (its title, summary and readable
//! text are the translation; the scans are OCR of the original, whose language is kept in
//! `original_lang`); otherwise the dominant script of the body decides.

use super::date::{leading_date, parse_date};
use super::metadata::{detect_lang, infer_kind, language_code, script_counts, script_of_lang, Script};
use super::text::{atx_heading, clean_line, find_url, is_chrome, paragraphs, title_from_text, BodyBuilder};
use super::{Document, Section};

/// The labelled blocks of an archive page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// `Citation:`.
    Citation,
    /// `• Citation` in the HTML-scrape layout: the summary, then the quoted citation.
    BulletCitation,
    /// `Summary:`.
    Summary,
    /// `Original Language:`.
    OriginalLanguage,
    /// `Credits:` (a funding note, not indexed).
    Credits,
    /// `Contents:`, the list of parts; the text follows it.
    Contents,
}

fn label_of(raw: &str, clean: &str) -> Option<Label> {
    match clean.to_lowercase().as_str() {
        "citation:" => Some(Label::Citation),
        "citation" if raw.trim_start().starts_with('•') => Some(Label::BulletCitation),
        "summary:" => Some(Label::Summary),
        "original language:" | "original languages:" => Some(Label::OriginalLanguage),
        "credits:" => Some(Label::Credits),
        "contents:" => Some(Label::Contents),
        _ => None,
    }
}

/// Whether `text` is an archive page: it has a citation block or a summary block.
pub(crate) fn looks_like_archive(text: &str) -> bool {
    text.lines().any(|raw| {
        matches!(label_of(raw, &clean_line(raw)), Some(Label::Citation | Label::BulletCitation | Label::Summary))
    })
}

/// Reads an archive page into one document with id `id`.
pub(crate) fn parse_archive(id: &str, text: &str) -> Document {
    let raw: Vec<&str> = text.lines().collect();
    let lines: Vec<String> = raw.iter().map(|l| clean_line(l)).collect();
    let labels: Vec<Option<Label>> = raw.iter().zip(&lines).map(|(r, c)| label_of(r, c)).collect();
    let first_label = labels.iter().position(Option::is_some).unwrap_or(lines.len());

    let (header_date, header_title) = parse_header(&lines[..first_label]);
    let blocks = parse_blocks(&lines, &labels, first_label);
    let contents = blocks.contents.clone();
    let (body, mut sections) = build_body(&lines, blocks.body_start, &contents);
    let original_lang = blocks.original_language.as_deref().and_then(language_code);
    place_unmarked_parts(&body, &mut sections, &contents, original_lang.as_deref());

    let (cited_title, cited_date) = title_and_date_from_citation(&blocks.citation);
    let title = cited_title.or(header_title).or_else(|| title_from_text(&body)).unwrap_or_else(|| id.to_string());
    let translation = sections.iter().find_map(|s| s.title.strip_prefix("Translation - "));
    let lang = translation
        .and_then(language_code)
        .or_else(|| detect_lang(&body))
        .or_else(|| detect_lang(&format!("{title} {}", blocks.summary)));
    Document {
        id: id.to_string(),
        kind: infer_kind(&title),
        url: find_url(&blocks.citation),
        date: header_date.or(cited_date),
        lang,
        original_lang,
        summary: blocks.summary,
        citation: blocks.citation,
        title,
        body,
        sections,
        parent: None,
        ..Document::default()
    }
}

/// The date and title lines before the first label: a date line and title lines (wrapped titles
/// are joined), or one line holding both ("September 21, 1956 Telegram from A. Mikoyan…").
fn parse_header(lines: &[String]) -> (Option<String>, Option<String>) {
    let mut date = None;
    let mut title: Vec<&str> = Vec::new();
    for line in lines.iter().filter(|l| !l.is_empty() && !is_chrome(l)) {
        let line = atx_heading(line).map_or(line.as_str(), |(_, text)| text);
        if date.is_none() {
            if let Some((found, rest)) = leading_date(line) {
                date = Some(found);
                if !rest.is_empty() {
                    title.push(rest);
                }
                continue;
            }
        }
        title.push(line);
    }
    let title = title.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    (date, (!title.is_empty()).then_some(title))
}

/// What the labelled blocks hold, and the line where the text starts.
#[derive(Debug, Default)]
struct Blocks {
    citation: String,
    summary: String,
    original_language: Option<String>,
    contents: Vec<String>,
    body_start: usize,
}

/// Reads the labelled blocks from `start`. A block runs to the next label; the last block is one
/// paragraph (a `Contents:` list, a `Summary:`), or for `• Citation` runs to the next chrome line.
fn parse_blocks(lines: &[String], labels: &[Option<Label>], start: usize) -> Blocks {
    let mut blocks = Blocks { body_start: lines.len(), ..Blocks::default() };
    let mut i = start;
    while i < lines.len() {
        let Some(label) = labels[i] else {
            i += 1;
            continue;
        };
        i += 1;
        let next_label = (i..lines.len()).find(|&j| labels[j].is_some());
        let end = match (label, next_label) {
            (Label::Contents, _) => paragraph_end(lines, i),
            (Label::BulletCitation, _) => chrome_end(lines, i, next_label.unwrap_or(lines.len())),
            (_, Some(next)) => next,
            (_, None) => paragraph_end(lines, i),
        };
        let block: Vec<String> = lines[i..end].to_vec();
        let text = paragraphs(&block, 0).into_iter().map(|p| p.text).collect::<Vec<_>>().join("\n\n");
        match label {
            Label::Citation => blocks.citation = unbracket_urls(&text),
            Label::BulletCitation => {
                let (summary, citation) = split_bullet_citation(&text);
                blocks.summary = summary;
                blocks.citation = unbracket_urls(&citation);
            }
            Label::Summary => blocks.summary = text,
            Label::OriginalLanguage => {
                blocks.original_language = text.lines().next().map(str::to_string);
            }
            Label::Credits => {}
            Label::Contents => {
                blocks.contents = contents_items(&text);
                // A `Contents:` label followed by text rather than a list of parts: keep that text.
                let list_end = if blocks.contents.is_empty() { i } else { end };
                blocks.body_start = list_end;
                return blocks;
            }
        }
        i = end;
        if next_label.is_none() {
            // The last labelled block: the text follows it.
            blocks.body_start = end;
            return blocks;
        }
    }
    blocks
}

/// The end (exclusive) of the first paragraph at or after `from`, skipping leading blank lines.
fn paragraph_end(lines: &[String], from: usize) -> usize {
    let start = (from..lines.len()).find(|&j| !lines[j].is_empty() && !is_chrome(&lines[j])).unwrap_or(lines.len());
    (start..lines.len()).find(|&j| lines[j].is_empty() || is_chrome(&lines[j])).unwrap_or(lines.len())
}

/// The end (exclusive) of a `• Citation` block: the first chrome line after some text, or `limit`.
fn chrome_end(lines: &[String], from: usize, limit: usize) -> usize {
    let mut seen_text = false;
    for (j, line) in lines.iter().enumerate().take(limit).skip(from) {
        if is_chrome(line) && seen_text {
            return j;
        }
        seen_text |= !line.is_empty() && !is_chrome(line);
    }
    limit
}

/// Splits a `• Citation` block into the summary (before the quoted citation) and the citation.
fn split_bullet_citation(text: &str) -> (String, String) {
    let lines: Vec<&str> = text.lines().collect();
    match lines.iter().position(|l| l.starts_with(['"', '“'])) {
        Some(at) => (lines[..at].join("\n").trim().to_string(), lines[at..].join("\n")),
        None => (String::new(), text.to_string()),
    }
}

/// `<https://…>` lines of a citation lose their angle brackets.
fn unbracket_urls(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix('<').and_then(|l| l.strip_suffix('>')) {
            Some(url) if url.contains("://") => url,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The parts listed after `Contents:`: "Original Scan", "Translation - English", "Transcript -
/// Russian"… Empty when the paragraph is not such a list.
fn contents_items(text: &str) -> Vec<String> {
    const PARTS: &[&str] = &["translation", "transcript", "transcription", "original"];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut items = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let next = words.get(i + 1).copied();
        if words[i].eq_ignore_ascii_case("original") && next.is_some_and(|w| w.eq_ignore_ascii_case("scan")) {
            items.push(format!("{} {}", words[i], words[i + 1]));
            i += 2;
        } else if matches!(next, Some("-" | "–"))
            && PARTS.contains(&words[i].to_lowercase().as_str())
            && i + 2 < words.len()
        {
            items.push(format!("{} - {}", words[i], words[i + 2]));
            i += 3;
        } else {
            return Vec::new();
        }
    }
    items
}

/// Builds the body from the lines after the blocks, turning part labels, markdown headings and
/// attachment lines into sections.
fn build_body(lines: &[String], start: usize, parts: &[String]) -> (String, Vec<Section>) {
    let mut builder = BodyBuilder::default();
    for paragraph in paragraphs(&lines[start.min(lines.len())..], start + 1) {
        let (first, rest) = paragraph.text.split_once('\n').unwrap_or((&paragraph.text, ""));
        if rest.is_empty() {
            if let Some(part) = parts.iter().find(|p| p.eq_ignore_ascii_case(first)) {
                builder.section(part, None);
                continue;
            }
        }
        if let Some((_, heading)) = atx_heading(first) {
            builder.section(heading, None);
            builder.paragraph(heading);
            builder.paragraph(rest);
        } else if rest.is_empty() && is_attachment_heading(first) {
            builder.section(first, None);
            builder.paragraph(first);
        } else {
            builder.paragraph(&paragraph.text);
        }
    }
    builder.finish()
}

/// "Attachment No. 1", "Appendix 2", "Enclosure": a short line naming an attached part.
fn is_attachment_heading(line: &str) -> bool {
    const WORDS: &[&str] = &["attachment", "appendix", "enclosure", "annex", "приложение"];
    let first = line.split_whitespace().next().unwrap_or("").trim_end_matches([':', '.']).to_lowercase();
    WORDS.contains(&first.as_str()) && line.split_whitespace().count() <= 4 && line.chars().count() <= 40
}

/// Adds sections for listed parts that have no heading line in the text. The first part, if
/// unmarked, starts the body; a later one starts where the text switches to its script.
fn place_unmarked_parts(body: &str, sections: &mut Vec<Section>, parts: &[String], original: Option<&str>) {
    let mut cursor: Option<usize> = None;
    for (k, part) in parts.iter().enumerate() {
        if let Some(s) = sections.iter().find(|s| s.title.eq_ignore_ascii_case(part)) {
            cursor = Some(s.start);
            continue;
        }
        let start = if k == 0 && cursor.is_none() {
            Some(0)
        } else {
            let limit = parts[k + 1..]
                .iter()
                .filter_map(|p| sections.iter().find(|s| s.title.eq_ignore_ascii_case(p)))
                .map(|s| s.start)
                .min()
                .unwrap_or(body.len());
            part_script(part, original).and_then(|script| script_switch(body, cursor.unwrap_or(0), limit, script))
        };
        if let Some(start) = start {
            let at = sections.iter().position(|s| s.start >= start).unwrap_or(sections.len());
            sections.insert(at, Section { title: part.clone(), start, anchor: None });
            cursor = Some(start);
        }
    }
}

/// The script of a listed part: "Translation - English" is Latin; "Original Scan" is in the
/// script of the original language.
fn part_script(part: &str, original: Option<&str>) -> Option<Script> {
    let lang = match part.split_once(" - ") {
        Some((_, name)) => language_code(name),
        None => original.map(str::to_string),
    };
    lang.as_deref().and_then(script_of_lang)
}

/// The start of the paragraph after `from` (and before `limit`) where a final run of `script`
/// begins: the split that maximises the letters of `script` after it minus the other script's.
fn script_switch(body: &str, from: usize, limit: usize, script: Script) -> Option<usize> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for paragraph in body.split("\n\n") {
        if offset > from && offset < limit {
            let (cyrillic, latin) = script_counts(paragraph);
            let (mine, other) = if script == Script::Latin { (latin, cyrillic) } else { (cyrillic, latin) };
            starts.push((offset, mine as i64 - other as i64));
        }
        offset += paragraph.len() + 2;
    }
    let mut best: Option<(i64, usize)> = None;
    let mut suffix = 0;
    for &(start, weight) in starts.iter().rev() {
        suffix += weight;
        if suffix > 0 && best.is_none_or(|(b, _)| suffix >= b) {
            best = Some((suffix, start));
        }
    }
    best.map(|(_, start)| start)
}

/// The quoted title that opens a citation, and the date that follows it.
fn title_and_date_from_citation(citation: &str) -> (Option<String>, Option<String>) {
    let first = citation.lines().next().unwrap_or("");
    let Some(inner) = first.strip_prefix(['"', '“']) else {
        return (None, None);
    };
    let close = ["\",", ",\"", "”,", ",”"].iter().filter_map(|q| inner.find(q).map(|i| (i, q.len()))).min();
    let (title, after) = match close {
        Some((i, len)) => (&inner[..i], &inner[i + len..]),
        None => match inner.char_indices().rev().find(|&(_, c)| matches!(c, '"' | '”')) {
            Some((i, c)) => (&inner[..i], &inner[i + c.len_utf8()..]),
            None => return (None, None),
        },
    };
    let title = title.trim().trim_end_matches(',').trim();
    let date = leading_date(after.trim_start_matches([',', ' '])).map(|(d, _)| d);
    let date = date.filter(|d| parse_date(d).is_some());
    ((!title.is_empty()).then(|| title.to_string()), date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_lists_are_parsed_or_refused() {
        assert_eq!(contents_items("Original Scan Translation - English"), ["Original Scan", "Translation - English"]);
        assert_eq!(contents_items("Transcript - Russian"), ["Transcript - Russian"]);
        assert!(contents_items("The Council of Ministers resolves").is_empty());
    }

    #[test]
    fn citation_titles_with_either_quote_style() {
        let (t, d) = title_and_date_from_citation("\"Telegram from A. Mikoyan\", September 21, 1956, Wilson Center");
        assert_eq!((t.as_deref(), d.as_deref()), (Some("Telegram from A. Mikoyan"), Some("1956-09-21")));
        let (t, d) = title_and_date_from_citation("\"Journal of Puzanov for 8 July 1957,\" July 08, 1957, History");
        assert_eq!((t.as_deref(), d.as_deref()), (Some("Journal of Puzanov for 8 July 1957"), Some("1957-07-08")));
        let (t, d) = title_and_date_from_citation("“Note on “Korea”” 1953");
        assert_eq!((t.as_deref(), d.as_deref()), (Some("Note on “Korea”"), Some("1953")));
        assert_eq!(title_and_date_from_citation("Not quoted, 1953"), (None, None));
    }

    #[test]
    fn a_minimal_page_with_summary_but_no_contents() {
        let text = "May 1, 1950\nLetter from X to Y\n\nCitation:\n\n\"Letter from X to Y\", May 1, 1950\n\nSummary:\n\nX writes.\n\nDear Y, hello.\n";
        let doc = parse_archive("p", text);
        assert_eq!(doc.title, "Letter from X to Y");
        assert_eq!(doc.date.as_deref(), Some("1950-05-01"));
        assert_eq!(doc.summary, "X writes.");
        assert_eq!(doc.body, "Dear Y, hello.");
        assert_eq!(doc.kind.as_deref(), Some("letter"));
    }
}
