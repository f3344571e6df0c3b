//! Plain text files that are neither archive pages nor listings.
//!
//! The first line is the title when it is short (at most 120 characters) and more text follows;
//! it is then not repeated in the body. Otherwise the title is the start of the first line and
//! the body is the whole text. Paragraphs are separated by blank lines; lines are trimmed.

use super::metadata::{detect_lang, infer_kind};
use super::text::{title_from_text, BodyBuilder, TITLE_MAX};
use super::Document;

/// Reads a plain text file into one document with id `id`.
pub(crate) fn parse_plain(id: &str, text: &str) -> Document {
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty()).peekable();
    let first = lines.peek().copied().unwrap_or("");
    let rest_has_text = text.lines().map(str::trim).filter(|l| !l.is_empty()).nth(1).is_some();
    let title = if rest_has_text && first.chars().count() <= TITLE_MAX {
        lines.next();
        first.to_string()
    } else {
        title_from_text(text).unwrap_or_else(|| id.to_string())
    };
    let mut builder = BodyBuilder::default();
    let mut paragraph: Vec<&str> = Vec::new();
    for line in lines {
        if line.is_empty() {
            builder.paragraph(&paragraph.join("\n"));
            paragraph.clear();
        } else {
            paragraph.push(line);
        }
    }
    builder.paragraph(&paragraph.join("\n"));
    let (body, sections) = builder.finish();
    Document {
        id: id.to_string(),
        kind: infer_kind(&title),
        lang: detect_lang(&body).or_else(|| detect_lang(&title)),
        title,
        body,
        sections,
        ..Document::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_short_line_is_the_title() {
        let doc = parse_plain("n", "\nA short title\n\nFirst paragraph\ncontinues.\n\nSecond.\n");
        assert_eq!(doc.title, "A short title");
        assert_eq!(doc.body, "First paragraph\ncontinues.\n\nSecond.");
        let doc = parse_plain("n", "Just one line.");
        assert_eq!((doc.title.as_str(), doc.body.as_str()), ("Just one line.", "Just one line."));
    }
}
