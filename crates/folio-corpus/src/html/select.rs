//! The simple CSS selectors of `folio.toml`'s `[html] content` and `ignore`.

/// A simple CSS selector: a tag name, `#id`, `.class`, `[attribute]` and `[attribute=value]`,
/// combined without spaces (`div.content`, `section#text`, `[data-body]`, `[role=main]`).
/// Descendant and child combinators are not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Selector {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
    /// Attribute names (lowercase), with the value they must have, if any.
    attrs: Vec<(String, Option<String>)>,
}

impl Selector {
    /// Parses a selector, or says why it is not one Folio reads.
    pub(crate) fn parse(text: &str) -> Result<Selector, String> {
        let unsupported = || {
            format!(
                "selector {text:?} is not supported: write a tag name, #id, .class, [attribute] or \
                 [attribute=value], combined without spaces (div.content)"
            )
        };
        let text = text.trim();
        let name_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        let mut rest = text;
        let tag_len = rest.find(|c: char| !name_char(c)).unwrap_or(rest.len());
        let tag = (tag_len > 0).then(|| rest[..tag_len].to_ascii_lowercase());
        rest = &rest[tag_len..];
        let mut selector = Selector { tag, id: None, classes: Vec::new(), attrs: Vec::new() };
        while let Some(c) = rest.chars().next() {
            match c {
                '#' | '.' => {
                    let len = rest[1..].find(|c: char| !name_char(c)).unwrap_or(rest.len() - 1);
                    if len == 0 {
                        return Err(unsupported());
                    }
                    let name = rest[1..1 + len].to_string();
                    if c == '#' {
                        selector.id = Some(name);
                    } else {
                        selector.classes.push(name);
                    }
                    rest = &rest[1 + len..];
                }
                '[' => {
                    let end = rest.find(']').ok_or_else(unsupported)?;
                    let inner = &rest[1..end];
                    let (name, value) = match inner.split_once('=') {
                        Some((name, value)) => {
                            let value = value.trim();
                            let unquoted = value
                                .strip_prefix('"')
                                .and_then(|v| v.strip_suffix('"'))
                                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                                .unwrap_or(value);
                            (name, Some(unquoted.to_string()))
                        }
                        None => (inner, None),
                    };
                    let name = name.trim().to_ascii_lowercase();
                    if name.is_empty() || !name.chars().all(name_char) {
                        return Err(unsupported());
                    }
                    selector.attrs.push((name, value));
                    rest = &rest[end + 1..];
                }
                _ => return Err(unsupported()),
            }
        }
        if selector == (Selector { tag: None, id: None, classes: Vec::new(), attrs: Vec::new() }) {
            return Err("an empty selector matches nothing".to_string());
        }
        Ok(selector)
    }

    /// A selector of the elements named `name`.
    pub(crate) fn element(name: &str) -> Selector {
        Selector { tag: Some(name.to_string()), id: None, classes: Vec::new(), attrs: Vec::new() }
    }

    /// A selector of elements that have the attribute `name`.
    pub(crate) fn attribute(name: &str) -> Selector {
        Selector { tag: None, id: None, classes: Vec::new(), attrs: vec![(name.to_string(), None)] }
    }

    /// Whether an element named `name` with these attributes matches.
    pub(crate) fn matches(&self, name: &str, attrs: &[(String, String)]) -> bool {
        let attr = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        self.tag.as_deref().is_none_or(|t| t == name)
            && self.id.as_deref().is_none_or(|id| attr("id") == Some(id))
            && self.classes.iter().all(|c| attr("class").is_some_and(|cl| cl.split_whitespace().any(|x| x == c)))
            && self.attrs.iter().all(|(a, value)| match (attr(a), value) {
                (Some(have), Some(want)) => have.trim().eq_ignore_ascii_case(want),
                (Some(_), None) => true,
                (None, _) => false,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_parse_or_say_why_not() {
        for ok in ["main", "div.content.wide", "#text", "[data-body]", "section#a.b[c]", "[role=main]", "[x='y']"] {
            assert!(Selector::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["div > p", "main article", ".", "a:hover", "", "[=x]"] {
            assert!(Selector::parse(bad).is_err(), "{bad}");
        }
        assert!(Selector::parse("div p").is_err_and(|e| e.contains("without spaces")));
        let role = Selector::parse("div[role=\"main\"]").unwrap_or_else(|e| panic!("{e}"));
        let attrs = |v: &str| vec![("role".to_string(), v.to_string())];
        assert!(role.matches("div", &attrs("Main")) && !role.matches("div", &attrs("navigation")));
        assert!(!role.matches("span", &attrs("main")));
    }
}
