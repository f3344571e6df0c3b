//! Parsing a query string into clauses.

use crate::index::Field;

/// The most clauses a query keeps; words past this are ignored, which bounds the work per query.
pub const MAX_CLAUSES: usize = 512;

/// Whether a clause must or must not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// The document must contain the clause (AND).
    Must,
    /// The document must not contain the clause (`-word`).
    MustNot,
}

/// One clause of a query: a word, or a quoted phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Must or must not match.
    pub occur: Occur,
    /// The field the clause is limited to (`title:word`), if any.
    pub field: Option<Field>,
    /// The clause's text as typed (one word, or a phrase's words).
    pub text: String,
    /// A quoted phrase: its words must appear next to each other, in order.
    pub phrase: bool,
    /// The last word may be the beginning of a longer word (`word*`, or still being typed).
    pub prefix: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The clauses, in the order typed.
    pub clauses: Vec<Clause>,
}

/// Parses `input`. With `prefix_last`, a final word not followed by a space is matched as a prefix
/// too (results while typing).
///
/// Syntax: words (all must match), `"exact phrase"`, `-excluded`, `prefix*`, `title:word`,
/// `summary:"a phrase"`. Unbalanced quotes end at the end of the query.
pub fn parse(input: &str, prefix_last: bool) -> Query {
    let mut clauses = Vec::new();
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || clauses.len() >= MAX_CLAUSES {
            break;
        }
        let mut occur = Occur::Must;
        if let Some(after) = rest.strip_prefix('-') {
            if after.starts_with(|c: char| !c.is_whitespace() && c != '-') {
                occur = Occur::MustNot;
                rest = after;
            }
        }
        let mut field = None;
        if let Some(colon) = rest.find(':') {
            if let Some(f) = Field::from_name(&rest[..colon].to_ascii_lowercase()) {
                field = Some(f);
                rest = &rest[colon + 1..];
            }
        }
        if let Some(after) = rest.strip_prefix('"') {
            let (text, next) = match after.find('"') {
                Some(end) => (&after[..end], &after[end + 1..]),
                None => (after, ""),
            };
            clauses.push(Clause { occur, field, text: text.to_string(), phrase: true, prefix: false });
            rest = next;
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, next) = rest.split_at(end);
        let explicit = word.ends_with('*');
        let text = word.trim_end_matches('*');
        let typing = prefix_last && next.is_empty() && occur == Occur::Must;
        if !text.is_empty() {
            clauses.push(Clause { occur, field, text: text.to_string(), phrase: false, prefix: explicit || typing });
        }
        rest = next;
    }
    Query { clauses }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(text: &str) -> Clause {
        Clause { occur: Occur::Must, field: None, text: text.into(), phrase: false, prefix: false }
    }

    #[test]
    fn words_are_must_clauses_and_the_last_is_a_prefix_while_typing() {
        let q = parse("prisoners of wa", true);
        assert_eq!(q.clauses[0], clause("prisoners"));
        assert_eq!(q.clauses[2], Clause { prefix: true, ..clause("wa") });
        assert!(!parse("prisoners of war ", true).clauses[2].prefix);
        assert!(!parse("war", false).clauses[0].prefix);
    }

    #[test]
    fn phrases_exclusions_fields_and_stars() {
        let q = parse(r#"title:"kim il sung" -china plen* summary:korea"#, false);
        assert_eq!(q.clauses.len(), 4);
        assert_eq!(q.clauses[0], Clause { field: Some(Field::Title), phrase: true, ..clause("kim il sung") });
        assert_eq!(q.clauses[1], Clause { occur: Occur::MustNot, ..clause("china") });
        assert_eq!(q.clauses[2], Clause { prefix: true, ..clause("plen") });
        assert_eq!(q.clauses[3], Clause { field: Some(Field::Summary), ..clause("korea") });
    }

    #[test]
    fn odd_input_parses_without_panicking() {
        for input in ["", "\"", "-", "--", "***", "title:", "\"unclosed phrase", "a:b:c", "-\"x\"", "\u{0}\u{FFFF}"] {
            let _ = parse(input, true);
        }
        assert!(parse("***", true).clauses.is_empty());
        assert_eq!(parse("\"unclosed phrase", true).clauses[0].text, "unclosed phrase");
        assert_eq!(parse(&"w ".repeat(10_000), true).clauses.len(), MAX_CLAUSES);
    }
}
