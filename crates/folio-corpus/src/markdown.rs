//! Markdown pages: optional front matter, headings as sections, markup reduced to text.
//!
//! Front matter is a first line `---`, `key: value` lines and a closing `---` (or `...`). Keys
//! Folio reads itself: `title`, `date`, `lang` (or `language`), `type` (or `kind`), `url` (or
//! `permalink`), `summary` (or `description`), `citation`, and `draft` (`draft: true` keeps the
//! page out of the index). Any other key is metadata: the configuration's `[filters]` can make it
//! a filter, otherwise it is kept in [`Document::meta`]. A value may be a list, inline (`[a, b]`)
//! or as `- item` lines under the key. A `date` that is not a date is an error naming its line
//! (when reading a site, a warning). Without a front-matter title, a `# ` heading before any text
//! is the title (and is not repeated in the body); without either, the first line of text is.
//! Other ATX and setext headings start sections (anchor from a trailing `{#id}`) and stay in the
//! body as paragraphs.

use super::date::parse_date;
use super::html::{decode_entities, PageNotes, PageOptions};
use super::metadata::{apply_declared, detect_lang, infer_kind, language_code, Declared};
use super::text::{atx_heading, title_from_text, BodyBuilder};
use super::Document;

/// Reads a markdown page of a site: a front-matter date that is not a date is a note, not an error.
pub(crate) fn parse_markdown_page(id: &str, text: &str, options: &PageOptions) -> (Document, PageNotes) {
    let (doc, mut notes, bad_date) = parse(id, text, options);
    if let Some((line, message)) = bad_date {
        notes.notes.push(format!("line {line}: {message}; ignored"));
    }
    (doc, notes)
}

/// The document, the notes, and a bad front-matter date (its line and the problem).
fn parse(id: &str, text: &str, options: &PageOptions) -> (Document, PageNotes, Option<(usize, String)>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut doc = Document { id: id.to_string(), ..Document::default() };
    let mut notes = PageNotes::default();
    let mut declared = Declared::default();
    let (body_from, bad_date) = read_front_matter(&lines, &mut doc, &mut declared, &mut notes);
    let title_from_h1 = doc.title.is_empty();
    let mut builder = BodyBuilder::default();
    let mut paragraph: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    for line in &lines[body_from..] {
        let trimmed = line.trim();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
                flush(&mut builder, &mut paragraph);
            } else if trimmed.is_empty() {
                flush(&mut builder, &mut paragraph);
            } else {
                paragraph.push(line.trim_end().to_string());
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut builder, &mut paragraph);
            fence = Some(&trimmed[..3]);
        } else if trimmed.is_empty() {
            flush(&mut builder, &mut paragraph);
        } else if let Some((level, heading)) = atx_heading(trimmed) {
            flush(&mut builder, &mut paragraph);
            heading_line(&mut builder, &mut doc, level, heading, title_from_h1);
        } else if paragraph.len() == 1 && is_setext_underline(trimmed) {
            let level = if trimmed.starts_with('=') { 1 } else { 2 };
            let heading = paragraph.remove(0);
            heading_line(&mut builder, &mut doc, level, &heading, title_from_h1);
        } else if is_thematic_break(trimmed) {
            flush(&mut builder, &mut paragraph);
        } else {
            paragraph.push(inline_text(trimmed));
        }
    }
    flush(&mut builder, &mut paragraph);
    let (body, sections) = builder.finish();
    notes.notes.extend(apply_declared(&mut doc, &declared, &options.metadata));
    for (key, value) in declared.tags {
        if !options.metadata.filters.values().flatten().any(|k| k.eq_ignore_ascii_case(&key)) {
            doc.meta.entry(key).or_insert(value);
        }
    }
    notes.has_title = !doc.title.is_empty();
    if doc.title.is_empty() {
        doc.title = title_from_text(&body).unwrap_or_else(|| id.to_string());
    }
    if doc.kind.is_none() {
        doc.kind = infer_kind(&doc.title);
    }
    if doc.lang.is_none() {
        doc.lang = options.default_lang.clone().or_else(|| detect_lang(&body)).or_else(|| detect_lang(&doc.title));
    }
    doc.body = body;
    doc.sections = sections;
    (doc, notes, bad_date)
}

/// Reads front matter into `doc` and `declared`; returns the index of the first line after it (0 if
/// none) and a bad date's line and problem, if any.
fn read_front_matter(
    lines: &[&str],
    doc: &mut Document,
    declared: &mut Declared,
    notes: &mut PageNotes,
) -> (usize, Option<(usize, String)>) {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return (0, None);
    }
    let Some(close) = lines.iter().skip(1).position(|l| matches!(l.trim_end(), "---" | "...")).map(|k| k + 1) else {
        // An opening rule with no closing one is a thematic break, not front matter.
        return (0, None);
    };
    let mut bad_date = None;
    let mut list_key: Option<String> = None;
    // Inside `filters:`, `sort:` or `meta:`: its indented `key: value` lines.
    let mut nested: Option<String> = None;
    for (i, line) in lines.iter().enumerate().take(close).skip(1) {
        if let Some(parent) = &nested {
            if line.starts_with(char::is_whitespace) {
                if let Some((key, value)) = line.split_once(':') {
                    declare_nested(declared, parent, key.trim().to_lowercase(), unquote(value.trim()));
                }
                continue;
            }
            nested = None;
        }
        if let (Some(key), Some(item)) = (&list_key, line.trim_start().strip_prefix("- ")) {
            let item = unquote(item.trim());
            if !item.is_empty() {
                declared.tags.push((key.clone(), item.to_string()));
            }
            continue;
        }
        list_key = None;
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.starts_with(char::is_whitespace) {
            continue; // nested YAML: not a field Folio reads
        }
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(value.trim());
        if value.is_empty() {
            if matches!(key.as_str(), "filters" | "sort" | "meta") {
                nested = Some(key);
            } else {
                list_key = Some(key);
            }
            continue;
        }
        match key.as_str() {
            "title" => doc.title = value.to_string(),
            "date" => match parse_date(value) {
                Some(date) => doc.date = Some(date),
                None => {
                    let message = format!("front matter date {value:?} is not a date (write it as YYYY-MM-DD)");
                    bad_date = bad_date.or(Some((i + 1, message)));
                }
            },
            "lang" | "language" => doc.lang = language_code(value),
            "type" | "kind" => doc.kind = Some(value.to_lowercase()),
            "url" | "permalink" => doc.url = Some(value.to_string()),
            "summary" | "description" => doc.summary = value.to_string(),
            "citation" => doc.citation = value.to_string(),
            "draft" if value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("yes") => {
                notes.excluded = Some(format!("front matter draft: {value}"));
            }
            "draft" => {}
            _ => match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                Some(items) => {
                    let items = items.split(',').map(|v| unquote(v.trim())).filter(|v| !v.is_empty());
                    declared.tags.extend(items.map(|item| (key.clone(), item.to_string())));
                }
                None => declared.tags.push((key, value.to_string())),
            },
        }
    }
    (close + 1, bad_date)
}

/// Declares one `key: value` line of front matter's `filters:` (a value or `[a, b]`), `sort:` or
/// `meta:` map.
fn declare_nested(declared: &mut Declared, parent: &str, key: String, value: &str) {
    if key.is_empty() || value.is_empty() {
        return;
    }
    let items: Vec<String> = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(items) => items.split(',').map(|v| unquote(v.trim()).to_string()).filter(|v| !v.is_empty()).collect(),
        None => vec![value.to_string()],
    };
    let list = match parent {
        "filters" => &mut declared.filters,
        "sort" => &mut declared.sort,
        _ => &mut declared.meta,
    };
    list.extend(items.into_iter().map(|item| (key.clone(), item)));
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// A heading: the document title if it is the first `#` heading and there is no other title,
/// otherwise a section that stays in the body.
fn heading_line(builder: &mut BodyBuilder, doc: &mut Document, level: usize, heading: &str, title_from_h1: bool) {
    let (text, anchor) = match heading.trim_end().strip_suffix('}').and_then(|h| h.rsplit_once("{#")) {
        Some((text, id)) => (text.trim(), Some(id.to_string())),
        None => (heading.trim(), None),
    };
    let text = inline_text(text);
    if level == 1 && title_from_h1 && doc.title.is_empty() && builder.is_empty() {
        doc.title = text;
        return;
    }
    builder.section(&text, anchor);
    builder.paragraph(&text);
}

fn flush(builder: &mut BodyBuilder, paragraph: &mut Vec<String>) {
    builder.paragraph(&paragraph.join("\n"));
    paragraph.clear();
}

fn is_setext_underline(line: &str) -> bool {
    line.len() >= 2 && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'))
}

fn is_thematic_break(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && ["-", "*", "_"].iter().any(|m| marks.chars().all(|c| c.to_string() == *m))
}

/// Reduces inline markdown to text: links and images to their text, autolinks to the URL, emphasis,
/// code marks and inline HTML tags removed, entities decoded, a blockquote `>` dropped.
pub(crate) fn inline_text(line: &str) -> String {
    let line = line.trim_start_matches('>').trim_start();
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        match c {
            '!' | '[' => {
                if let Some((text, used)) = link(rest) {
                    out.push_str(&inline_text(text));
                    rest = &rest[used..];
                    continue;
                }
                out.push(c);
            }
            '<' => {
                if let Some(end) = rest.find('>').filter(|&e| is_inline_tag(&rest[1..e])) {
                    let inner = &rest[1..end];
                    if inner.contains("://") {
                        out.push_str(inner);
                    }
                    rest = &rest[end + 1..];
                    continue;
                }
                out.push(c);
            }
            '`' => {}
            '*' if !(out.is_empty() && rest.starts_with("* ")) => {}
            '_' if rest.starts_with("__") => {
                rest = &rest[2..];
                continue;
            }
            _ => out.push(c),
        }
        rest = &rest[len..];
    }
    decode_entities(&out)
}

/// `[text](url)` or `![alt](url)` at the start of `text`: the text and the bytes used.
fn link(text: &str) -> Option<(&str, usize)> {
    let open = usize::from(text.starts_with('!'));
    let inner = text.get(open..)?.strip_prefix('[')?;
    let close = inner.find("](")?;
    let end = inner[close + 2..].find(')')?;
    Some((&inner[..close], open + 1 + close + 2 + end + 1))
}

/// Whether `<inner>` is a tag (`u`, `/u`, `br/`, `span class="x"`) or an autolink.
fn is_inline_tag(inner: &str) -> bool {
    let name = inner.trim_start_matches('/');
    inner.contains("://") && !inner.contains(char::is_whitespace)
        || name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().take_while(|c| !c.is_whitespace() && *c != '/').all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Document, String> {
        Ok(parse_markdown_page("page", text, &PageOptions::default()).0)
    }

    #[test]
    fn front_matter_filters_sort_keys_and_meta() -> Result<(), String> {
        let doc = parse(
            "---\ntitle: Vase\nfilters:\n  collection: [Ceramics, \"Greek <b>\"]\n  material: clay\nsort:\n  year: 450\n\
             meta:\n  image: img/vase.jpg\n  image_alt: A red-figure vase\nauthor: me\n---\nText.\n",
        )?;
        assert_eq!(doc.filters.get("collection"), Some(&vec!["Ceramics".to_string(), "Greek <b>".to_string()]));
        assert_eq!(doc.filters.get("material"), Some(&vec!["clay".to_string()]));
        assert_eq!(doc.sort.get("year").map(String::as_str), Some("450"));
        assert_eq!(doc.meta.get("image").map(String::as_str), Some("img/vase.jpg"));
        assert_eq!(doc.meta.get("image_alt").map(String::as_str), Some("A red-figure vase"));
        assert_eq!(doc.meta.get("author").map(String::as_str), Some("me"), "a key after the map is read again");
        Ok(())
    }

    #[test]
    fn front_matter_headings_and_inline_markup() -> Result<(), String> {
        let doc = parse(
            "---\ntitle: \"Notes on Kim\"\ndate: 1957-07-08\nlang: en\ntype: note\nurl: https://x.org/n\nauthor: me\n---\n\
             Intro with **bold**, `code` and a [link](https://x.org).\n\n## First part {#first}\n\nText  \nmore.\n\n\
             Second part\n-----------\n\n```\n# not a heading\n```\n",
        )?;
        assert_eq!(doc.title, "Notes on Kim");
        assert_eq!(doc.date.as_deref(), Some("1957-07-08"));
        assert_eq!(doc.kind.as_deref(), Some("note"));
        assert_eq!(doc.url.as_deref(), Some("https://x.org/n"));
        assert!(doc.body.starts_with("Intro with bold, code and a link."), "{}", doc.body);
        let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["First part", "Second part"]);
        assert_eq!(doc.sections[0].anchor.as_deref(), Some("first"));
        assert!(doc.body[doc.sections[0].start..].starts_with("First part\n\nText\nmore."));
        assert!(doc.body.ends_with("# not a heading"));
        Ok(())
    }

    #[test]
    fn first_h1_is_the_title_without_front_matter() -> Result<(), String> {
        let doc = parse("# Агафья\n\nВ бытность мою в С—м уезде.\n")?;
        assert_eq!(doc.title, "Агафья");
        assert_eq!(doc.body, "В бытность мою в С—м уезде.");
        assert_eq!(doc.lang.as_deref(), Some("ru"));
        Ok(())
    }

    #[test]
    fn front_matter_metadata_lists_and_drafts() {
        let mut options = PageOptions::default();
        options.metadata.filters.insert("tag".into(), vec!["tags".into()]);
        let text = "---\ntitle: Vase\ntags: [greek, \"red figure\"]\nauthors:\n  - Petrov\n  - Ivanova\n\
                    type: exhibit\npermalink: /vase/\n---\nText.\n";
        let (doc, notes) = parse_markdown_page("vase", text, &options);
        assert_eq!(doc.filters.get("tag"), Some(&vec!["greek".to_string(), "red figure".to_string()]));
        assert_eq!(doc.meta.get("authors").map(String::as_str), Some("Petrov"));
        assert_eq!((doc.kind.as_deref(), doc.url.as_deref()), (Some("exhibit"), Some("/vase/")));
        assert!(notes.has_title && notes.excluded.is_none() && notes.notes.is_empty(), "{notes:?}");
        let (_, notes) = parse_markdown_page("d", "---\ndraft: true\n---\nText.\n", &options);
        assert_eq!(notes.excluded.as_deref(), Some("front matter draft: true"));
        let (doc, notes) = parse_markdown_page("b", "---\ndate: someday\n---\nText.\n", &options);
        assert_eq!(doc.date, None);
        assert!(notes.notes[0].starts_with("line 2: front matter date \"someday\""), "{notes:?}");
    }

    #[test]
    fn a_bad_front_matter_date_names_its_line() {
        let text = "---\ntitle: x\ndate: someday\n---\ntext\n";
        let (doc, notes) = parse_markdown_page("page", text, &PageOptions::default());
        assert_eq!((doc.title.as_str(), doc.date.as_deref()), ("x", None));
        assert!(notes.notes[0].starts_with("line 3: front matter date \"someday\""), "{notes:?}");
    }
}
