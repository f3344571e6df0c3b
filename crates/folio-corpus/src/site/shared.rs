//! Descriptions the site gives many pages alike.
//!
//! A generator writes the site's own description into every page that has none of its own
//! (MkDocs' `site_description`, a theme's default): as each page's summary it would make every
//! page match the site's tagline and open every result with it. Before the pages are read, the
//! `<head>` of each HTML page is scanned for its `<meta name="description">` (else
//! `og:description`, as `metadata` reads them); a description found on two pages or more,
//! byte for byte, is the site's, and only the home page (`index.html` at the site's root) keeps it
//! as its summary. Each such page's key is kept, so its head is scanned once.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::policy::Format;
use super::walk::PageFile;
use super::{read_bounded, Past};

/// How much of a page is scanned for its `<head>`: generators write the description near the top.
const HEAD_MAX: u64 = 64 * 1024;

/// The pages whose description another page gives too, with its key (a hash of its bytes).
#[derive(Debug, Default)]
pub(super) struct SharedDescriptions {
    pages: HashMap<PathBuf, u64>,
}

impl SharedDescriptions {
    /// Scans the heads of the HTML pages among `files`. A page that cannot be read is left to the
    /// reading that follows, which reports it.
    pub(super) fn find(files: &[PageFile]) -> SharedDescriptions {
        let html = files.iter().filter(|f| f.format == Format::Html);
        if html.clone().nth(1).is_none() {
            return SharedDescriptions::default();
        }
        let mut counts: HashMap<u64, u32> = HashMap::new();
        let mut keyed: Vec<(&Path, u64)> = Vec::new();
        let mut head = Vec::new();
        for file in html {
            if read_bounded(&file.path, HEAD_MAX, Past::Cut, &mut head).is_ok() {
                if let Some(key) = description_key(&head) {
                    *counts.entry(key).or_default() += 1;
                    keyed.push((&file.path, key));
                }
            }
        }
        let pages = keyed.into_iter().filter(|(_, key)| counts[key] > 1).map(|(path, key)| (path.to_path_buf(), key));
        SharedDescriptions { pages: pages.collect() }
    }

    /// The key of the description of the page at `path` when other pages give the same one.
    pub(super) fn of(&self, path: &Path) -> Option<u64> {
        self.pages.get(path).copied()
    }
}

/// A hash of the page's description bytes, if it has one.
fn description_key(page: &[u8]) -> Option<u64> {
    let text = head_description(page)?;
    if text.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    Some(hasher.finish())
}

/// The raw `content` of the page's `<meta name="description">`, else of its
/// `<meta property|name="og:description">`, looked for before `</head>` or `<body`.
fn head_description(page: &[u8]) -> Option<&[u8]> {
    let page = &page[..page.len().min(HEAD_MAX as usize)];
    let end = [find(page, b"</head"), find(page, b"<body")].into_iter().flatten().min().unwrap_or(page.len());
    let head = &page[..end];
    let (mut at, mut og) = (0, None);
    while let Some(found) = find(&head[at..], b"<meta") {
        let (attrs, next) = attributes(head, at + found + 5);
        at = next;
        let named = |want: &str| {
            attrs.iter().any(|(k, v)| {
                (k.eq_ignore_ascii_case(b"name") || k.eq_ignore_ascii_case(b"property"))
                    && v.eq_ignore_ascii_case(want.as_bytes())
            })
        };
        let content = || attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(b"content")).map(|(_, v)| *v);
        if named("description") {
            return content();
        }
        if og.is_none() && named("og:description") {
            og = content();
        }
    }
    og
}

/// A tag's attribute: its name and its raw value.
type Attribute<'a> = (&'a [u8], &'a [u8]);

/// The attributes of the tag whose name ends at `at`, and where the tag ends.
fn attributes(html: &[u8], mut at: usize) -> (Vec<Attribute<'_>>, usize) {
    let mut attrs = Vec::new();
    loop {
        while at < html.len() && (html[at].is_ascii_whitespace() || html[at] == b'/') {
            at += 1;
        }
        if at >= html.len() || html[at] == b'>' {
            return (attrs, (at + 1).min(html.len()));
        }
        let start = at;
        while at < html.len() && !matches!(html[at], b'=' | b'>' | b'/') && !html[at].is_ascii_whitespace() {
            at += 1;
        }
        let name = &html[start..at];
        while at < html.len() && html[at].is_ascii_whitespace() {
            at += 1;
        }
        if html.get(at) != Some(&b'=') {
            attrs.push((name, &html[at..at]));
            continue;
        }
        at += 1;
        while at < html.len() && html[at].is_ascii_whitespace() {
            at += 1;
        }
        let value = match html.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = html[at + 1..].iter().position(|&b| b == quote).map_or(html.len(), |p| at + 1 + p);
                let value = &html[at + 1..end];
                at = (end + 1).min(html.len());
                value
            }
            _ => {
                let start = at;
                while at < html.len() && !html[at].is_ascii_whitespace() && html[at] != b'>' {
                    at += 1;
                }
                &html[start..at]
            }
        };
        attrs.push((name, value));
    }
}

/// Where `needle` (lowercase ASCII) first occurs in `haystack`, case aside.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_is_read_from_the_head_in_any_attribute_order() {
        let page = br#"<html><head><meta charset=utf-8><META Content='Site > tagline' NAME="Description"></head>"#;
        assert_eq!(head_description(page), Some(&b"Site > tagline"[..]));
        let og = br#"<head><meta property="og:description" content="From OG"><title>x</title></head>"#;
        assert_eq!(head_description(og), Some(&b"From OG"[..]));
        let both = br#"<meta property="og:description" content="og"><meta name=description content=plain>"#;
        assert_eq!(head_description(both), Some(&b"plain"[..]));
    }

    #[test]
    fn a_meta_in_the_body_or_a_cut_tag_is_not_the_description() {
        assert_eq!(head_description(br#"<head></head><body><meta name="description" content="x">"#), None);
        assert_eq!(head_description(br#"<head><meta name="description" content="unclosed"#), Some(&b"unclosed"[..]));
        assert_eq!(head_description(b"<head><meta name=description"), None);
        assert_eq!(description_key(b"<head><meta name=description content=' '>"), None);
        assert_eq!(head_description(b"<meta"), None);
    }
}
