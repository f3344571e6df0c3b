//! Text helpers shared by the readers: line cleaning, scraped-page chrome, paragraphs, and a body
//! builder that records section offsets.

use super::Section;

/// Inline markup that scraped pages leave in plain text and that is never content.
const INLINE_TAGS: &[&str] = &[
    "<u>",
    "</u>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<br>",
    "<br/>",
    "<br />",
    "<sup>",
    "</sup>",
    "<sub>",
    "</sub>",
];

/// Cleans one line of a scraped page: drops markdown bold markers, simple inline tags, a leading
/// "•" bullet artefact and surrounding whitespace (including markdown's two-space hard breaks).
pub(crate) fn clean_line(line: &str) -> String {
    let mut text = line.replace("**", "").replace('\u{a0}', " ");
    for tag in INLINE_TAGS {
        if text.contains(tag) {
            text = text.replace(tag, "");
        }
    }
    let text = text.trim();
    let text = text.strip_prefix('•').unwrap_or(text).trim();
    text.to_string()
}

/// Lines of scraped archive pages that are navigation or page furniture, not document text
/// (compared case-insensitively, after [`clean_line`]).
const CHROME_LINES: &[&str] = &[
    "search in",
    "digital archive international history declassified",
    "get citation",
    "share document",
    "skip to content",
    "pagination",
    "results:",
    "results",
    "documents",
    "•",
];

/// Whether a cleaned line is page chrome: navigation, result counters ("81 - 90 of 286"), viewer tab
/// labels ("English HTML"), or the archive's funding credit line.
pub(crate) fn is_chrome(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    CHROME_LINES.contains(&lower.as_str())
        || is_result_counter(&lower)
        || is_viewer_tab(&lower)
        || lower.starts_with("this document was made possible with support from")
}

/// "81 - 90 of 286": the result counter of a search-results page (`lower` is lowercased).
pub(crate) fn is_result_counter(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit() || b == b',');
    matches!(words.as_slice(), [a, "-" | "–", b, "of", c] if number(a) && number(b) && number(c))
}

/// "English HTML", "Russian PDF": the document viewer's tabs.
fn is_viewer_tab(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    matches!(words.as_slice(), [lang, "html" | "pdf" | "text"]
        if lang.len() > 3 && super::metadata::language_code(lang).is_some_and(|c| c.len() == 2))
}

/// A paragraph: consecutive non-blank lines, joined by `\n`, with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Paragraph {
    /// The paragraph's lines, cleaned and joined by `\n`.
    pub(crate) text: String,
    /// 1-based line number of the first line in the source file.
    pub(crate) line: usize,
    /// Number of lines in the paragraph.
    pub(crate) lines: usize,
}

/// Groups cleaned lines into paragraphs, dropping chrome lines (which also end a paragraph).
/// `first_line` is the 1-based source line of `lines[0]`.
pub(crate) fn paragraphs(lines: &[String], first_line: usize) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() || is_chrome(line) {
            out.extend(current.take());
            continue;
        }
        match current.as_mut() {
            Some(p) => {
                p.text.push('\n');
                p.text.push_str(line);
                p.lines += 1;
            }
            None => current = Some(Paragraph { text: line.clone(), line: first_line + i, lines: 1 }),
        }
    }
    out.extend(current);
    out
}

/// A markdown ATX heading (`#### Title`, `## Title ##`): its level and text.
pub(crate) fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    (!text.is_empty()).then_some((level, text))
}

/// Builds a document body paragraph by paragraph, recording section starts as byte offsets.
#[derive(Debug, Default)]
pub(crate) struct BodyBuilder {
    body: String,
    sections: Vec<Section>,
    pending: Vec<Section>,
}

impl BodyBuilder {
    /// Appends a paragraph, separated from the previous one by a blank line.
    pub(crate) fn paragraph(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.body.is_empty() {
            self.body.push_str("\n\n");
        }
        let start = self.body.len();
        for mut section in self.pending.drain(..) {
            section.start = start;
            self.sections.push(section);
        }
        self.body.push_str(text);
    }

    /// Starts a section at the next paragraph. A section with the same title as the one before it
    /// continues that section (an archive repeats "Original Scan" on every scanned page).
    pub(crate) fn section(&mut self, title: &str, anchor: Option<String>) {
        let title = title.trim();
        let previous = self.pending.last().or(self.sections.last());
        if title.is_empty() || previous.is_some_and(|s| s.title == title) {
            return;
        }
        self.pending.push(Section { title: title.to_string(), start: 0, anchor });
    }

    /// Whether nothing has been added to the body yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.body.is_empty()
    }

    /// The body and its sections. Sections announced after the last paragraph start at the end.
    pub(crate) fn finish(mut self) -> (String, Vec<Section>) {
        let end = self.body.len();
        for mut section in self.pending.drain(..) {
            section.start = end;
            self.sections.push(section);
        }
        (self.body, self.sections)
    }
}

/// Collapses runs of whitespace (including newlines) into single spaces.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title made from the first line of a text: whitespace collapsed, cut at a word boundary near
/// `TITLE_MAX` characters with an ellipsis. `None` when the text has no non-blank line.
pub(crate) fn title_from_text(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(truncate_title(&collapse_whitespace(line)))
}

/// Longest title, in characters, made from running text.
pub(crate) const TITLE_MAX: usize = 120;

/// Cuts `title` to at most [`TITLE_MAX`] characters at a word boundary, adding "…" when cut.
pub(crate) fn truncate_title(title: &str) -> String {
    if title.chars().count() <= TITLE_MAX {
        return title.to_string();
    }
    let cut = title.char_indices().nth(TITLE_MAX).map_or(title.len(), |(i, _)| i);
    let head = &title[..cut];
    let head = head.rfind(' ').filter(|&i| i > cut / 2).map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end_matches([' ', ',', ';', ':', '.']))
}

/// The first `http://` or `https://` URL in `text`, without surrounding `<…>` or trailing punctuation.
pub(crate) fn find_url(text: &str) -> Option<String> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let rest = &text[start..];
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '>' | '"' | '<' | ')')).unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_removes_bold_tags_and_bullets() {
        assert_eq!(clean_line("**March 19, 1953**  "), "March 19, 1953");
        assert_eq!(clean_line("<u>IK KICC</u>"), "IK KICC");
        assert_eq!(clean_line("  • share document"), "share document");
    }

    #[test]
    fn chrome_lines_are_recognised() {
        for line in ["Search in", "Skip to content", "81 - 90 of 286", "English HTML", "Documents", "Pagination"] {
            assert!(is_chrome(line), "{line}");
        }
        for line in ["Original Scan", "Documents were exchanged.", "1 - 2"] {
            assert!(!is_chrome(line), "{line}");
        }
    }

    #[test]
    fn builder_records_section_offsets_and_merges_repeats() {
        let mut b = BodyBuilder::default();
        b.section("Original Scan", None);
        b.paragraph("Сов. секретно");
        b.section("Original Scan", None);
        b.paragraph("page two");
        b.section("Translation - English", None);
        b.paragraph("Top Secret");
        let (body, sections) = b.finish();
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].start, 0);
        assert_eq!(&body[sections[1].start..], "Top Secret");
    }

    #[test]
    fn titles_are_truncated_at_word_boundaries() {
        let long = "word ".repeat(60);
        let t = truncate_title(long.trim());
        assert!(t.ends_with('…') && t.chars().count() <= TITLE_MAX + 1, "{t}");
        assert_eq!(
            find_url("Listy 54-65 <https://example.org/document/113649>").as_deref(),
            Some("https://example.org/document/113649")
        );
        assert_eq!(atx_heading("#### DIRECTIVES ####"), Some((4, "DIRECTIVES")));
        assert_eq!(atx_heading("#hashtag"), None);
    }
}
