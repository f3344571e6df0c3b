//! HTML pages, parsed as the HTML standard says (html5ever's tree builder: optional end tags,
//! unclosed and misnested elements, entities, `<template>`, `<noscript>` as a browser with
//! scripting on reads them), so Folio indexes the text a browser shows.
//!
//! - Text: the elements matching `[data-folio-body]` if any, else the first of the configured
//!   content selectors that matches (`main`, then `[role=main]`, then `article`, then `#content` by
//!   default), else
//!   `<body>`. Left out: `script`, `style`, `nav`, `header`, `footer`, `noscript`, `template`,
//!   `svg`, `button`, `select`, the site's chrome (see `chrome`: ARIA landmarks, `<aside>` outside
//!   the content, skip links, search forms, logos, permalink signs), every element marked
//!   `data-folio-ignore`, and those the configuration ignores. Block elements separate
//!   paragraphs; `<h1>`–`<h6>` start sections, anchored by their `id`, else by the `id` of the
//!   `<section>` or `<article>` they head; definition terms with an `id` (`<dt id>`) are sections
//!   of their own (so a hit can link to `page.html#id`).
//! - Title: `data-folio-meta="title"`, else the first `<h1>` of the content or of a `<main>` or
//!   `<article>` (also inside their `<header>`, but not in the site's own `<header>`), else the
//!   page's part of `<title>` (without " | Site" when the page names its site elsewhere).
//! - Language: `<html lang>`; metadata: `<meta name|property>` tags, `data-folio-meta` and
//!   `data-folio-filter` attributes, mapped as [`apply_declared`](super::metadata::apply_declared)
//!   says. An attribute is `key` (the element's text, or a `<meta>`'s `content`), `key:value`, or
//!   `key[attr]` (the value of the element's attribute `attr`).
//! - `<meta name="robots" content="noindex">`, or `data-folio-ignore` on `<html>` or `<body>`,
//!   marks the whole page as not to be indexed; `<meta http-equiv="refresh" content="0; url=…">`
//!   marks it as a redirect stub.
//! - No type is guessed from an HTML page's title: that is for archive documents.

mod chrome;
mod dom;
mod entities;
mod guard;
mod head;
mod overview;
mod read;
mod select;
mod tags;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_malformed;

pub(crate) use entities::decode_entities;
pub(crate) use select::Selector;

use super::metadata::MetadataMap;
use super::Document;

/// How pages are read: which elements hold the text, which are left out, how metadata maps onto
/// a document, and the language of pages that do not declare one.
#[derive(Debug, Clone)]
pub(crate) struct PageOptions {
    /// Selectors of the content, in order of preference (`[data-folio-body]` always comes first).
    pub(crate) content: Vec<Selector>,
    /// Elements left out besides the built-in ones.
    pub(crate) ignore: Vec<Selector>,
    /// Which `<meta>` tags (and front-matter keys) fill which filter.
    pub(crate) metadata: MetadataMap,
    /// Language of pages that declare none; `None` lets the script decide.
    pub(crate) default_lang: Option<String>,
}

impl Default for PageOptions {
    fn default() -> Self {
        PageOptions::new(DEFAULT_CONTENT.iter().filter_map(|s| Selector::parse(s).ok()).collect(), Vec::new())
    }
}

/// The content selectors used when the configuration names none.
/// `#content` last: the content column of themes with neither `<main>` nor `<article>` on their
/// list pages (Pelican's default theme, many older themes); always a part of `<body>`.
pub(crate) const DEFAULT_CONTENT: &[&str] = &["main", "[role=main]", "article", "#content"];

impl PageOptions {
    /// Options with these content and ignore selectors and the default metadata mapping.
    pub(crate) fn new(content: Vec<Selector>, ignore: Vec<Selector>) -> PageOptions {
        let body = Selector::attribute("data-folio-body");
        let mut all = vec![body.clone()];
        all.extend(content.into_iter().filter(|s| *s != body));
        PageOptions { content: all, ignore, metadata: MetadataMap::default(), default_lang: None }
    }
}

/// What a reader noticed about a page besides its document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageNotes {
    /// Whether the page declares a title (`data-folio-meta`, `<h1>`, `<title>`, front matter).
    pub(crate) has_title: bool,
    /// Whether the page asks not to be indexed, and how.
    pub(crate) excluded: Option<String>,
    /// Where the page sends its reader, when it is a redirect stub (`<meta http-equiv="refresh">`).
    pub(crate) redirect: Option<String>,
    /// What the page is, when the generator made it of the other pages (Sphinx's `genindex.html`,
    /// its search page) rather than content of its own.
    pub(crate) generated: Option<String>,
    /// Values that could not be used (a `date` that is not a date, …).
    pub(crate) notes: Vec<String>,
    /// Whether the document's summary is the page's `<meta name="description">` (which the site
    /// may give every page alike: see `site::shared`).
    pub(crate) summary_is_description: bool,
}

/// Reads an HTML page into one document with id `id`, with the default options.
#[cfg(test)]
pub(crate) fn parse_html(id: &str, html: &str) -> Document {
    parse_html_page(id, html, &PageOptions::default()).0
}

/// Reads an HTML page into one document with id `id`, and what was noticed on the way.
pub(crate) fn parse_html_page(id: &str, html: &str, options: &PageOptions) -> (Document, PageNotes) {
    read::read_page(id, html, options)
}
