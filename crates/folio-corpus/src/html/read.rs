//! Reading a parsed page into a document: the content's text in paragraphs, its sections and
//! their anchors, the title, and the metadata the page declares. One walk over the tree, without
//! recursion; the text collected for a title or a metadata value is bounded, so nesting does not
//! multiply the work.

use std::collections::HashSet;

use super::chrome::{chrome, is_page_list, search_forms, Chrome};
use super::dom::{Data, Dom, NodeId};
use super::head::{read_head, Head};
use super::overview::Overview;
use super::tags::{is_heading, BLOCKS, VOID};
use super::{PageNotes, PageOptions, Selector};
use crate::metadata::{apply_declared, detect_lang, is_opening_line, repeats_text, set_translations, Declared};
use crate::text::{collapse_whitespace, title_from_text, truncate_title, BodyBuilder};
use crate::Document;

/// Longest text kept from one element for the title or a metadata value, in bytes.
const CAPTURE_MAX: usize = 4096;
/// Most `data-folio-meta` and `data-folio-filter` values read from one page.
const DECLARED_MAX: usize = 1000;

/// What is known about the open elements around a node.
#[derive(Debug, Clone, Copy, Default)]
struct Frame {
    /// Inside the content.
    in_root: bool,
    /// Where an `<aside>` is the page's own (a footnote, a sidebar note): inside an `<article>`,
    /// or inside content chosen by a selector other than `main` (themes put their asides in
    /// `<main>`, beside the article).
    in_selected: bool,
    /// Inside an element that is left out.
    ignored: bool,
    /// Inside an element that is left out for anything but the title (`header` is not).
    hard: bool,
    /// Inside `<pre>`.
    pre: bool,
    /// Inside `<main>` or `<article>`.
    in_article: bool,
    /// Inside a `<header>` that is not inside `<main>` or `<article>`: the site's, not the page's.
    in_page_header: bool,
    /// A `<dl>`.
    is_dl: bool,
    /// A `<dl>` in whose terms sections started.
    dl_sections: bool,
    /// Inside a link to another page of the site, or an excerpt of one ([`Overview`]).
    listed: bool,
}

/// Text being collected for the title or a metadata value, until its element ends.
#[derive(Debug)]
struct Capture {
    /// Index of its element's frame.
    depth: usize,
    target: Target,
    text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    TitleH1,
    /// An `<h1>` that is not the title: perhaps the site's name.
    OtherH1,
    Meta(String),
    Filter(String),
    Sort(String),
}

impl Declared {
    /// Declares `value` under a `Meta`, `Filter` or `Sort` target (the others declare nothing).
    fn push(&mut self, target: Target, value: String) {
        match target {
            Target::Meta(key) => self.meta.push((key, value)),
            Target::Filter(key) => self.filters.push((key, value)),
            Target::Sort(key) => self.sort.push((key, value)),
            Target::TitleH1 | Target::OtherH1 => {}
        }
    }
}

/// The state of one walk.
struct Reader<'a> {
    dom: &'a Dom,
    options: &'a PageOptions,
    root: Option<&'a Selector>,
    forms: Vec<NodeId>,
    frames: Vec<Frame>,
    builder: BodyBuilder,
    paragraph: String,
    /// The heading (or term) being read, with its anchor.
    heading: Option<Option<String>>,
    heading_is_term: bool,
    /// The last heading's section, to resume after a list of terms that had sections.
    current: Option<(String, Option<String>)>,
    resume: Option<(String, Option<String>)>,
    claimed: HashSet<String>,
    captures: Vec<Capture>,
    declared: Declared,
    declared_count: usize,
    first_h1: Option<String>,
    site_names: Vec<String>,
    overview: Overview,
}

/// Reads an HTML page into one document with id `id`, and what was noticed on the way.
pub(crate) fn read_page(id: &str, html: &str, options: &PageOptions) -> (Document, PageNotes) {
    let dom = Dom::parse(html);
    let mut doc = Document { id: id.to_string(), ..Document::default() };
    let mut notes = PageNotes::default();
    let Head { title: head_title, root, site_names, declared, alternates } =
        read_head(&dom, options, &mut doc, &mut notes);
    let mut reader = Reader {
        dom: &dom,
        options,
        root: root.and_then(|i| options.content.get(i)),
        forms: search_forms(&dom),
        frames: Vec::new(),
        builder: BodyBuilder::default(),
        paragraph: String::new(),
        heading: None,
        heading_is_term: false,
        current: None,
        resume: None,
        claimed: HashSet::new(),
        captures: Vec::new(),
        declared,
        declared_count: 0,
        first_h1: None,
        site_names,
        overview: Overview::new(id, doc.url.as_deref()),
    };
    if dom.dropped > 0 {
        notes.notes.push(format!(
            "{} elements nested deeper than {} levels were read as part of the element around them",
            dom.dropped,
            super::guard::MAX_DEPTH
        ));
    }
    reader.walk();
    if reader.declared_count > DECLARED_MAX {
        notes.notes.push(format!(
            "{} data-folio-meta/data-folio-filter values: only the first {DECLARED_MAX} were read",
            reader.declared_count
        ));
    }
    reader.flush();
    reader.finish_captures(0);
    let Reader { builder, declared, first_h1, site_names, overview, .. } = reader;
    if notes.generated.is_none() {
        notes.generated = overview.verdict();
    }
    let (body, sections) = builder.finish();

    let head_title = collapse_whitespace(&head_title);
    let description = declared.description().map(collapse_whitespace);
    doc.title = first_h1
        .or_else(|| {
            Some(page_part(&head_title, &site_names, description.as_deref(), id == "index")).filter(|t| !t.is_empty())
        })
        .unwrap_or_default();
    notes.notes.extend(apply_declared(&mut doc, &declared, &options.metadata));
    notes.has_title = !doc.title.is_empty();
    if !notes.has_title {
        doc.title = title_from_text(&body).unwrap_or_else(|| id.to_string());
    }
    doc.lang = doc
        .lang
        .take()
        .or_else(|| options.default_lang.clone())
        .or_else(|| detect_lang(&body))
        .or_else(|| detect_lang(&doc.title));
    set_translations(&mut doc, &alternates);
    if declared.description().is_some_and(|d| collapse_whitespace(d) == doc.summary) {
        // A generator's excerpt of the page repeats the body (a second hit on the same words,
        // a "Summary" sub-result showing the page's opening again): not a summary.
        if repeats_text(&doc.summary, &body) || is_opening_line(&doc.summary, &body) {
            doc.summary.clear();
        } else {
            notes.summary_is_description = true;
        }
    }
    doc.body = body;
    doc.sections = sections;
    (doc, notes)
}

/// Whether element `id` starts a line of its heading that the theme's CSS draws on its own: two
/// elements side by side in a heading with nothing between them, the first ending in a letter or
/// digit and the second starting with a capital (VitePress's hero, `<h1><span>Navigation
/// 101</span><span>Finding your way</span></h1>`, read as one word "101Finding" without it).
fn splits_heading(dom: &Dom, id: NodeId) -> bool {
    let node = dom.node(id);
    let Some(prev) = dom.prev_sibling(id) else { return false };
    if !matches!(dom.node(prev).data, Data::Element { .. })
        || !node.parent.is_some_and(|p| is_heading(dom.node(p).name()))
    {
        return false;
    }
    let ends_word = dom.text(prev, 512).chars().last().is_some_and(char::is_alphanumeric);
    ends_word && dom.text(id, 16).chars().next().is_some_and(char::is_uppercase)
}

/// The page's part of a `<title>` such as "Page — Site": without the site's name when the page
/// names its site elsewhere (`og:site_name`, a logo, an `<h1>` outside the content). On the home
/// page, when the part left is the page's `description` (Jekyll's SEO tag titles a home page
/// "Site | its description"), it is no title: the site's name is. Elsewhere it is the page's
/// (Docusaurus describes its blog's index as "Blog" and titles it "Blog | Site").
fn page_part(title: &str, site_names: &[String], description: Option<&str>, home: bool) -> String {
    let is_site = |part: &str| {
        let part = part.trim().to_lowercase();
        !part.is_empty() && site_names.iter().any(|s| s.to_lowercase() == part)
    };
    let is_description = |part: &str| home && description.is_some_and(|d| d.eq_ignore_ascii_case(part));
    for separator in [" — ", " – ", " | ", " - ", " · ", " :: ", " » ", " : "] {
        let halves = title.rsplit_once(separator).map(|(page, site)| (site, page));
        for (site, page) in halves.into_iter().chain(title.split_once(separator)) {
            let page = page.trim();
            if is_site(site) && !page.is_empty() {
                return if is_description(page) { site.trim() } else { page }.to_string();
            }
        }
    }
    title.to_string()
}

impl Reader<'_> {
    /// Visits every node in document order, entering and leaving elements.
    fn walk(&mut self) {
        let dom = self.dom;
        let mut at = dom.node(0).first_child;
        while let Some(id) = at {
            let node = dom.node(id);
            match &node.data {
                Data::Element { .. } => self.enter(id),
                Data::Text(text) => self.text(text),
                _ => {}
            }
            if let (Data::Element { .. }, Some(child)) = (&node.data, node.first_child) {
                at = Some(child);
                continue;
            }
            let mut n = id;
            at = loop {
                if matches!(dom.node(n).data, Data::Element { .. }) {
                    self.leave(n);
                }
                if let Some(next) = dom.node(n).next_sibling {
                    break Some(next);
                }
                match dom.node(n).parent {
                    Some(p) if p != 0 => n = p,
                    _ => break None,
                }
            };
        }
    }

    fn enter(&mut self, id: NodeId) {
        let node = self.dom.node(id);
        let (name, attrs) = (node.name(), node.attrs());
        let parent = self.frames.last().copied().unwrap_or_default();
        self.declare(id);
        let is_root = self.root.map_or(name == "body", |r| r.matches(name, attrs));
        let keeps_asides = self.root.is_some_and(|r| *r != Selector::element("main"));
        let in_selected = parent.in_selected || name == "article" || (keeps_asides && is_root);
        let explicit =
            node.attr("data-folio-ignore").is_some() || self.options.ignore.iter().any(|s| s.matches(name, attrs));
        let kind = if parent.hard { Chrome::Hard } else { chrome(self.dom, id, in_selected, &self.forms) };
        let hard = parent.hard || explicit || kind == Chrome::Hard;
        let in_article = parent.in_article || matches!(name, "main" | "article");
        let frame = Frame {
            in_root: parent.in_root || is_root,
            in_selected,
            ignored: parent.ignored || hard || kind == Chrome::Soft,
            hard,
            pre: parent.pre || matches!(name, "pre" | "listing" | "plaintext" | "textarea"),
            in_article,
            in_page_header: parent.in_page_header || (name == "header" && !parent.in_article),
            is_dl: name == "dl",
            dl_sections: false,
            listed: parent.listed,
        };
        let content = frame.in_root && !frame.ignored;
        if !parent.ignored && !explicit {
            // What the chrome rules leave out may still show other pages: a list of them in the
            // content, an aside's article (a theme's featured post, around the selected article).
            let list =
                frame.in_root && matches!(name, "ul" | "ol") && kind == Chrome::Hard && is_page_list(self.dom, id);
            if list || (name == "aside" && kind != Chrome::No) {
                self.overview.note_unread(self.dom, id);
            }
        }
        let mut frame = frame;
        if content && !frame.listed && matches!(name, "a" | "article") {
            frame.listed = self.overview.enters_entry(self.dom, id);
        } else if content && !frame.listed && name == "dt" {
            frame.listed = self.overview.labels_entry(self.dom, id);
        }
        let block = BLOCKS.contains(&name);
        if block || name == "br" {
            // Outer captures hold all that inner ones hold: once one is full, those under it are too.
            for capture in self.captures.iter_mut().rev() {
                if capture.text.len() >= CAPTURE_MAX {
                    break;
                }
                capture.text.push(' ');
            }
        }
        if block && content {
            self.flush();
            if is_heading(name) {
                self.heading = Some(self.heading_anchor(id));
                self.heading_is_term = false;
            } else if name == "dt" {
                if let Some(anchor) = node.attr("id").map(str::trim).filter(|a| !a.is_empty()) {
                    self.claimed.insert(anchor.to_string());
                    self.heading = Some(Some(anchor.to_string()));
                    self.heading_is_term = true;
                    if let Some(dl) = self.frames.iter_mut().rev().find(|f| f.is_dl) {
                        dl.dl_sections = true;
                    }
                }
            }
        }
        if name == "h1" && !self.captures.iter().any(|c| matches!(c.target, Target::TitleH1 | Target::OtherH1)) {
            let title_place = (frame.in_root || frame.in_article) && !frame.hard && !frame.in_page_header;
            let target = if title_place && self.first_h1.is_none() { Target::TitleH1 } else { Target::OtherH1 };
            if target == Target::TitleH1 || self.site_names.len() < 8 {
                self.captures.push(Capture { depth: self.frames.len(), target, text: String::new() });
            }
        }
        if name == "br" && content {
            self.paragraph.push('\n');
        }
        if !block && splits_heading(self.dom, id) {
            self.text(" ");
        }
        self.frames.push(frame);
    }

    fn leave(&mut self, id: NodeId) {
        let name = self.dom.node(id).name();
        let Some(frame) = self.frames.pop() else { return };
        if BLOCKS.contains(&name) && frame.in_root && !frame.ignored {
            self.flush();
            if name == "dl" && frame.dl_sections {
                self.resume = self.current.clone();
            }
        }
        self.finish_captures(self.frames.len());
    }

    fn text(&mut self, text: &str) {
        let frame = self.frames.last().copied().unwrap_or_default();
        // Outer captures hold all that inner ones hold: once one is full, those under it are too.
        for capture in self.captures.iter_mut().rev() {
            if frame.hard && matches!(capture.target, Target::TitleH1 | Target::OtherH1) {
                continue; // a permalink sign in the heading
            }
            let room = CAPTURE_MAX.saturating_sub(capture.text.len());
            if room == 0 {
                break;
            }
            let mut cut = text.len().min(room);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            capture.text.push_str(&text[..cut]);
        }
        if frame.in_root && !frame.ignored {
            push_text(&mut self.paragraph, text, frame.pre);
            // The page's title is its own even when it links to itself.
            if !self.captures.iter().any(|c| c.target == Target::TitleH1) {
                self.overview.count(text, frame.listed);
            }
        }
    }

    /// The anchor of a heading: its `id`, an `<a id|name>` it starts with, or the `id` of the
    /// `<section>` or `<article>` it heads (as Sphinx writes them), if no heading took it yet.
    fn heading_anchor(&mut self, id: NodeId) -> Option<String> {
        let dom = self.dom;
        let non_empty = |v: Option<&str>| v.map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let own = non_empty(dom.node(id).attr("id")).or_else(|| {
            let first =
                dom.children(id).find(|&c| !matches!(&dom.node(c).data, Data::Text(t) if t.trim().is_empty()))?;
            let a = dom.node(first);
            (a.name() == "a").then(|| non_empty(a.attr("id")).or_else(|| non_empty(a.attr("name")))).flatten()
        });
        let anchor = own.or_else(|| {
            let section = dom.ancestor(id, |n| matches!(n.name(), "section" | "article") || n.name() == "body")?;
            non_empty(dom.node(section).attr("id")).filter(|a| !self.claimed.contains(a))
        });
        if let Some(a) = &anchor {
            self.claimed.insert(a.clone());
        }
        anchor
    }

    /// Reads the `data-folio-meta`, `data-folio-filter` and `data-folio-sort` attributes of an
    /// element: values given in the attribute (`key:value`, or `key[attr]` for one of the element's
    /// attributes; several `key[attr]` may be listed with commas, as Pagefind allows) are declared at
    /// once, the others collect the element's text until it ends. An `<img>` whose `src` is
    /// declared as `image` also declares its `alt` as `image_alt`.
    fn declare(&mut self, id: NodeId) {
        let node = self.dom.node(id);
        for (attribute, kind) in [("data-folio-meta", 0), ("data-folio-filter", 1), ("data-folio-sort", 2)] {
            let Some(spec) = node.attr(attribute).map(str::trim).filter(|s| !s.is_empty()) else { continue };
            let parts: Vec<&str> = if !spec.contains(':') && spec.contains(',') {
                spec.split(',').map(str::trim).filter(|p| !p.is_empty()).collect()
            } else {
                vec![spec]
            };
            for spec in parts {
                self.declared_count += 1;
                if self.declared_count > DECLARED_MAX {
                    continue;
                }
                let (key, value) = if let Some((key, value)) = spec.split_once(':') {
                    (key, Some(value.trim().to_string()))
                } else if let Some((key, inner)) = spec.strip_suffix(']').and_then(|s| s.split_once('[')) {
                    let inner = inner.trim().to_ascii_lowercase();
                    if kind == 0 && key.trim().eq_ignore_ascii_case("image") && inner == "src" && node.name() == "img" {
                        if let Some(alt) = node.attr("alt").filter(|a| !a.trim().is_empty()) {
                            self.declared.meta.push(("image_alt".to_string(), alt.to_string()));
                        }
                    }
                    (key, Some(node.attr(&inner).unwrap_or("").to_string()))
                } else if VOID.contains(&node.name()) {
                    (spec, Some(node.attr("content").unwrap_or("").to_string()))
                } else {
                    (spec, None)
                };
                let key = key.trim().to_lowercase();
                let target = match kind {
                    0 => Target::Meta(key),
                    1 => Target::Filter(key),
                    _ => Target::Sort(key),
                };
                match value {
                    Some(value) => self.declared.push(target, value),
                    None => self.captures.push(Capture { depth: self.frames.len(), target, text: String::new() }),
                }
            }
        }
    }

    /// Ends the captures of elements at frame `depth` or deeper.
    fn finish_captures(&mut self, depth: usize) {
        while self.captures.last().is_some_and(|c| c.depth >= depth) {
            let Some(capture) = self.captures.pop() else { break };
            let text = collapse_whitespace(&capture.text);
            match capture.target {
                Target::TitleH1 if !text.is_empty() => self.first_h1 = Some(text),
                Target::OtherH1 if !text.is_empty() => self.site_names.push(text),
                Target::TitleH1 | Target::OtherH1 => {}
                target => self.declared.push(target, text),
            }
        }
    }

    /// Ends the current paragraph; if it was a heading or term (with its anchor), it also starts a
    /// section.
    fn flush(&mut self) {
        let text = self.paragraph.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
        self.paragraph.clear();
        if let Some(anchor) = self.heading.take() {
            let title = truncate_title(&collapse_whitespace(&text));
            if !title.is_empty() {
                self.builder.section(&title, anchor.clone());
                if !self.heading_is_term {
                    self.current = Some((title, anchor));
                }
                self.resume = None;
            }
        } else if !text.is_empty() {
            if let Some((title, anchor)) = self.resume.take() {
                self.builder.section(&title, anchor);
            }
        }
        self.builder.paragraph(&text);
    }
}

/// Appends text to the current paragraph, collapsing whitespace outside `<pre>`.
fn push_text(paragraph: &mut String, text: &str, pre: bool) {
    if pre {
        paragraph.push_str(text);
        return;
    }
    for (i, word) in text.split_whitespace().enumerate() {
        let glue = i > 0 || text.starts_with(char::is_whitespace);
        if glue && !paragraph.is_empty() && !paragraph.ends_with([' ', '\n']) {
            paragraph.push(' ');
        }
        paragraph.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !paragraph.is_empty() && !paragraph.ends_with([' ', '\n']) {
        paragraph.push(' ');
    }
}
