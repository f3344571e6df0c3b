//! HTML pages, read with a small tag scanner (no dependency: the build only needs text, title,
//! language, headings and metadata, not a DOM).
//!
//! - Text: the elements matching `[data-folio-body]` if any, else the first of the configured
//!   content selectors that matches (`main`, then `article` by default), else `<body>`. Left out:
//!   `script`, `style`, `nav`, `header`, `footer`, `noscript`, `template`, `svg`, `button`,
//!   `select`, every element marked `data-folio-ignore`, and those the configuration ignores.
//!   Block elements separate paragraphs; `<h1>`–`<h6>` start sections, anchored by their `id` (so
//!   a hit can link to `page.html#id`). Entities are decoded.
//! - Title: `data-folio-meta="title"`, else the first `<h1>` of the content or of a `<main>` or
//!   `<article>` (also inside their `<header>`, but not in the site's own `<header>`), else `<title>`.
//! - Language: `<html lang>`; metadata: `<meta name|property>` tags, `data-folio-meta` and
//!   `data-folio-filter` attributes, mapped as [`apply_declared`] says. An attribute is `key`
//!   (the element's text, or a `<meta>`'s `content`), `key:value`, or `key[attr]` (the value of
//!   the element's attribute `attr`).
//! - `<meta name="robots" content="noindex">`, or `data-folio-ignore` on `<html>` or `<body>`,
//!   marks the whole page as not to be indexed.

use super::meta::{apply_declared, detect_lang, infer_kind, language_code, Declared, MetadataMap};
use super::text::{collapse_whitespace, title_from_text, BodyBuilder};
use super::Document;

/// Elements whose content is never text (besides those marked `data-folio-ignore`). `header` is
/// left out too, but an `<h1>` in it can still be the title.
const IGNORED: &[&str] =
    &["script", "style", "nav", "footer", "noscript", "template", "svg", "head", "button", "select", "header"];
/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "form",
    "fieldset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "body",
    "center",
];

/// A simple CSS selector: a tag name, `#id`, `.class` and `[attribute]`, combined without spaces
/// (`div.content`, `section#text`, `[data-body]`). Descendant and child combinators are not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Selector {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
    attrs: Vec<String>,
}

impl Selector {
    /// Parses a selector, or says why it is not one Folio reads.
    pub(crate) fn parse(text: &str) -> Result<Selector, String> {
        let unsupported = || {
            format!(
                "selector {text:?} is not supported: write a tag name, #id, .class or [attribute], \
                 combined without spaces (div.content)"
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
                    let name = rest[1..end].trim().to_ascii_lowercase();
                    if name.is_empty() || !name.chars().all(name_char) {
                        return Err(unsupported());
                    }
                    selector.attrs.push(name);
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

    fn matches(&self, name: &str, attrs: &[(String, String)]) -> bool {
        self.tag.as_deref().is_none_or(|t| t == name)
            && self.id.as_deref().is_none_or(|id| attr(attrs, "id") == Some(id))
            && self.classes.iter().all(|c| attr(attrs, "class").is_some_and(|cl| cl.split_whitespace().any(|x| x == c)))
            && self.attrs.iter().all(|a| attr(attrs, a).is_some())
    }
}

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
pub(crate) const DEFAULT_CONTENT: &[&str] = &["main", "article"];

impl PageOptions {
    /// Options with these content and ignore selectors and the default metadata mapping.
    pub(crate) fn new(content: Vec<Selector>, ignore: Vec<Selector>) -> PageOptions {
        let body = Selector { tag: None, id: None, classes: Vec::new(), attrs: vec!["data-folio-body".to_string()] };
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
    /// Values that could not be used (a `date` that is not a date, …).
    pub(crate) notes: Vec<String>,
}

/// Reads an HTML page into one document with id `id`, with the default options.
pub(crate) fn parse_html(id: &str, html: &str) -> Document {
    parse_html_page(id, html, &PageOptions::default()).0
}

/// One open element.
#[derive(Debug)]
struct Frame {
    name: String,
    /// Inside the content.
    in_root: bool,
    /// Inside an element that is left out.
    ignored: bool,
    /// Inside an element that is left out for anything but the title (`header` is not).
    hard_ignored: bool,
    /// Inside `<pre>`.
    pre: bool,
    /// Inside `<main>` or `<article>`.
    in_article: bool,
    /// Inside a `<header>` that is not inside `<main>` or `<article>`: the site's, not the page's.
    in_page_header: bool,
}

/// Text being collected for the title or for a metadata attribute, until its element ends.
#[derive(Debug)]
struct Capture {
    /// Stack depth of the element.
    depth: usize,
    target: Target,
    text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    TitleH1,
    Meta(String),
    Filter(String),
}

/// Reads an HTML page into one document with id `id`, and what was noticed on the way.
pub(crate) fn parse_html_page(id: &str, html: &str, options: &PageOptions) -> (Document, PageNotes) {
    let tokens = tokenize(html);
    let starts = |selector: &Selector| {
        tokens.iter().any(|t| matches!(t, Token::Start { name, attrs } if selector.matches(name, attrs)))
    };
    let root = options.content.iter().find(|s| starts(s));
    let body = Selector { tag: Some("body".to_string()), id: None, classes: Vec::new(), attrs: Vec::new() };
    let whole = root.is_none() && !starts(&body);

    let mut doc = Document { id: id.to_string(), ..Document::default() };
    let mut notes = PageNotes::default();
    let mut declared = Declared::default();
    let mut builder = BodyBuilder::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut paragraph = String::new();
    let mut heading: Option<Option<String>> = None;
    let mut head_title = String::new();
    let (mut in_title, mut title_seen) = (false, false);
    let mut first_h1: Option<String> = None;
    let mut captures: Vec<Capture> = Vec::new();
    for token in &tokens {
        let (in_root, ignored, hard, pre) =
            stack.last().map_or((whole, false, false, false), |f| (f.in_root, f.ignored, f.hard_ignored, f.pre));
        let (in_article, in_page_header) = stack.last().map_or((false, false), |f| (f.in_article, f.in_page_header));
        match token {
            Token::Text(text) => {
                if in_title {
                    head_title.push_str(text);
                    continue;
                }
                let text = decode_entities(text);
                for capture in &mut captures {
                    capture.text.push_str(&text);
                }
                if in_root && !ignored {
                    push_text(&mut paragraph, &text, pre);
                }
            }
            Token::Start { name, attrs } => {
                read_head_tag(name, attrs, &mut doc, &mut declared, &mut notes);
                if name == "title" && !title_seen {
                    in_title = true;
                }
                declare(name, attrs, stack.len(), &mut captures, &mut declared);
                let marked = attrs.iter().any(|(k, _)| k == "data-folio-ignore");
                if marked && matches!(name.as_str(), "html" | "body") {
                    notes.excluded = Some(format!("data-folio-ignore on <{name}>"));
                }
                let is_root = root.map_or(!whole && name == "body", |r| r.matches(name, attrs));
                let explicit = marked || options.ignore.iter().any(|s| s.matches(name, attrs));
                let hard_ignored = hard || explicit || (IGNORED.contains(&name.as_str()) && name != "header");
                let frame = Frame {
                    name: name.clone(),
                    in_root: in_root || is_root,
                    ignored: ignored || hard_ignored || name == "header",
                    hard_ignored,
                    pre: pre || name == "pre",
                    in_article: in_article || name == "main" || name == "article",
                    in_page_header: in_page_header || (name == "header" && !in_article),
                };
                let content = frame.in_root && !frame.ignored;
                let block = BLOCKS.contains(&name.as_str()) || name == "br";
                if block {
                    for capture in &mut captures {
                        capture.text.push(' ');
                    }
                }
                if BLOCKS.contains(&name.as_str()) && content {
                    flush(&mut builder, &mut paragraph, &mut heading);
                    if is_heading(name) {
                        heading = Some(attr(attrs, "id").filter(|id| !id.is_empty()).map(str::to_string));
                    }
                }
                let title_capture = captures.iter().any(|c| c.target == Target::TitleH1);
                let title_place = (frame.in_root || frame.in_article) && !frame.hard_ignored && !frame.in_page_header;
                if name == "h1" && title_place && first_h1.is_none() && !title_capture {
                    captures.push(Capture { depth: stack.len(), target: Target::TitleH1, text: String::new() });
                }
                if name == "br" && content {
                    paragraph.push('\n');
                }
                if !VOID.contains(&name.as_str()) {
                    stack.push(frame);
                }
            }
            Token::End(name) => {
                if name == "title" && in_title {
                    in_title = false;
                    title_seen = true;
                }
                let Some(at) = stack.iter().rposition(|f| &f.name == name) else { continue };
                let frame = &stack[at];
                if BLOCKS.contains(&name.as_str()) && frame.in_root && !frame.ignored {
                    flush(&mut builder, &mut paragraph, &mut heading);
                }
                finish_captures(&mut captures, at, &mut first_h1, &mut declared);
                stack.truncate(at);
            }
        }
    }
    flush(&mut builder, &mut paragraph, &mut heading);
    finish_captures(&mut captures, 0, &mut first_h1, &mut declared);
    let (body, sections) = builder.finish();

    let head_title = collapse_whitespace(&decode_entities(&head_title));
    doc.title = first_h1.or(Some(head_title).filter(|t| !t.is_empty())).unwrap_or_default();
    notes.notes.extend(apply_declared(&mut doc, &declared, &options.metadata));
    notes.has_title = !doc.title.is_empty();
    if !notes.has_title {
        doc.title = title_from_text(&body).unwrap_or_else(|| id.to_string());
    }
    doc.kind = doc.kind.take().or_else(|| infer_kind(&doc.title));
    doc.lang = doc
        .lang
        .take()
        .or_else(|| options.default_lang.clone())
        .or_else(|| detect_lang(&body))
        .or_else(|| detect_lang(&doc.title));
    doc.body = body;
    doc.sections = sections;
    (doc, notes)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Takes metadata from `<html lang>`, `<meta>` and `<link rel="canonical">`.
fn read_head_tag(
    name: &str,
    attrs: &[(String, String)],
    doc: &mut Document,
    declared: &mut Declared,
    notes: &mut PageNotes,
) {
    match name {
        "html" => doc.lang = attr(attrs, "lang").and_then(language_code),
        "link" if attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
            doc.url = attr(attrs, "href").filter(|h| !h.is_empty()).map(str::to_string);
        }
        "meta" => {
            let key = attr(attrs, "name")
                .or_else(|| attr(attrs, "property"))
                .or_else(|| attr(attrs, "http-equiv"))
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            let content = attr(attrs, "content").map(str::trim).unwrap_or("");
            if key == "robots" && content.to_ascii_lowercase().split([',', ' ']).any(|d| d == "noindex" || d == "none")
            {
                notes.excluded = Some(format!("<meta name=\"robots\" content=\"{content}\">"));
            }
            if !key.is_empty() && !content.is_empty() {
                declared.tags.push((key, content.to_string()));
            }
        }
        _ => {}
    }
}

/// Reads the `data-folio-meta` and `data-folio-filter` attributes of an element: values given in
/// the attribute are declared at once, the others collect the element's text until it ends.
fn declare(name: &str, attrs: &[(String, String)], depth: usize, captures: &mut Vec<Capture>, declared: &mut Declared) {
    for (attribute, filter) in [("data-folio-meta", false), ("data-folio-filter", true)] {
        let Some(spec) = attr(attrs, attribute).map(str::trim).filter(|s| !s.is_empty()) else { continue };
        let (key, value) = if let Some((key, value)) = spec.split_once(':') {
            (key, Some(value.trim().to_string()))
        } else if let Some((key, inner)) = spec.strip_suffix(']').and_then(|s| s.split_once('[')) {
            (key, Some(attr(attrs, &inner.trim().to_ascii_lowercase()).unwrap_or("").to_string()))
        } else if VOID.contains(&name) {
            (spec, Some(attr(attrs, "content").unwrap_or("").to_string()))
        } else {
            (spec, None)
        };
        let key = key.trim().to_lowercase();
        match value {
            Some(value) if filter => declared.filters.push((key, value)),
            Some(value) => declared.meta.push((key, value)),
            None => {
                let target = if filter { Target::Filter(key) } else { Target::Meta(key) };
                captures.push(Capture { depth, target, text: String::new() });
            }
        }
    }
}

/// Ends the captures of elements at stack depth `depth` or deeper.
fn finish_captures(captures: &mut Vec<Capture>, depth: usize, h1: &mut Option<String>, declared: &mut Declared) {
    while captures.last().is_some_and(|c| c.depth >= depth) {
        let Some(capture) = captures.pop() else { break };
        let text = collapse_whitespace(&capture.text);
        match capture.target {
            Target::TitleH1 if !text.is_empty() => *h1 = Some(text),
            Target::TitleH1 => {}
            Target::Meta(key) => declared.meta.push((key, text)),
            Target::Filter(key) => declared.filters.push((key, text)),
        }
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

/// Ends the current paragraph; if it was a heading (with its anchor), it also starts a section.
fn flush(builder: &mut BodyBuilder, paragraph: &mut String, heading: &mut Option<Option<String>>) {
    let text = paragraph.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    paragraph.clear();
    if let Some(anchor) = heading.take() {
        let title = collapse_whitespace(&text);
        if !title.is_empty() {
            builder.section(&title, anchor);
        }
    }
    builder.paragraph(&text);
}

/// Elements with no end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// One piece of an HTML document.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Start { name: String, attrs: Vec<(String, String)> },
    End(String),
}

/// Splits HTML into text and tags; comments, doctypes and processing instructions are dropped, and
/// the content of `script`, `style`, `textarea` and `title` is text up to its end tag.
fn tokenize(html: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < html.len() {
        let Some(lt) = html[i..].find('<').map(|k| i + k) else {
            tokens.push(Token::Text(&html[i..]));
            break;
        };
        if lt > i {
            tokens.push(Token::Text(&html[i..lt]));
        }
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |k| lt + k + 3);
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(html.len(), |k| lt + k + 1);
        } else if rest.starts_with("</") && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            let end = rest.find('>').map_or(html.len(), |k| lt + k + 1);
            let name = tag_name(&html[lt + 2..end]);
            tokens.push(Token::End(name));
            i = end;
        } else if bytes.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            let (name, attrs, end) = start_tag(html, lt + 1);
            i = end;
            if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
                let close = format!("</{name}");
                let content_end = find_ascii_ci(&html[i..], &close).map_or(html.len(), |k| i + k);
                tokens.push(Token::Start { name: name.clone(), attrs });
                tokens.push(Token::Text(&html[i..content_end]));
                tokens.push(Token::End(name));
                i = html[content_end..].find('>').map_or(html.len(), |k| content_end + k + 1);
            } else {
                tokens.push(Token::Start { name, attrs });
            }
        } else {
            tokens.push(Token::Text("<"));
            i = lt + 1;
        }
    }
    tokens
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn tag_name(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '>' || c == '/').next().unwrap_or("").to_ascii_lowercase()
}

/// Reads a start tag from `from` (just after `<`): its lowercase name, its attributes, and the byte
/// after its `>`.
fn start_tag(html: &str, from: usize) -> (String, Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut i = from;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    let name = html[from..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (name, attrs, (i + 1).min(html.len()));
        }
        let key_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = html[key_start..i].to_ascii_lowercase();
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = html[i + 1..].find(q as char).map_or(html.len(), |k| i + 1 + k);
                    value = decode_entities(&html[i + 1..end]);
                    i = (end + 1).min(html.len());
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&html[start..i]);
                }
            }
        }
        attrs.push((key, value));
    }
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Named entities: the markup, typographic and Latin-1 ones web text uses (the numeric forms are decoded
/// generally), sorted by name for binary search. Others are kept as written.
const ENTITIES: &[(&str, &str)] = &[
    ("AElig", "Æ"),
    ("Aacute", "Á"),
    ("Acirc", "Â"),
    ("Agrave", "À"),
    ("Aring", "Å"),
    ("Atilde", "Ã"),
    ("Auml", "Ä"),
    ("Ccedil", "Ç"),
    ("Dagger", "‡"),
    ("ETH", "Ð"),
    ("Eacute", "É"),
    ("Ecirc", "Ê"),
    ("Egrave", "È"),
    ("Euml", "Ë"),
    ("Iacute", "Í"),
    ("Icirc", "Î"),
    ("Igrave", "Ì"),
    ("Iuml", "Ï"),
    ("Ntilde", "Ñ"),
    ("OElig", "Œ"),
    ("Oacute", "Ó"),
    ("Ocirc", "Ô"),
    ("Ograve", "Ò"),
    ("Oslash", "Ø"),
    ("Otilde", "Õ"),
    ("Ouml", "Ö"),
    ("Prime", "″"),
    ("Scaron", "Š"),
    ("THORN", "Þ"),
    ("Uacute", "Ú"),
    ("Ucirc", "Û"),
    ("Ugrave", "Ù"),
    ("Uuml", "Ü"),
    ("Yacute", "Ý"),
    ("Yuml", "Ÿ"),
    ("aacute", "á"),
    ("acirc", "â"),
    ("acute", "´"),
    ("aelig", "æ"),
    ("agrave", "à"),
    ("amp", "&"),
    ("apos", "'"),
    ("aring", "å"),
    ("atilde", "ã"),
    ("auml", "ä"),
    ("bdquo", "„"),
    ("brvbar", "¦"),
    ("bull", "•"),
    ("ccedil", "ç"),
    ("cedil", "¸"),
    ("cent", "¢"),
    ("copy", "©"),
    ("curren", "¤"),
    ("dagger", "†"),
    ("darr", "↓"),
    ("deg", "°"),
    ("divide", "÷"),
    ("eacute", "é"),
    ("ecirc", "ê"),
    ("egrave", "è"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("eth", "ð"),
    ("euml", "ë"),
    ("euro", "€"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("gt", ">"),
    ("hellip", "…"),
    ("iacute", "í"),
    ("icirc", "î"),
    ("iexcl", "¡"),
    ("igrave", "ì"),
    ("iquest", "¿"),
    ("iuml", "ï"),
    ("laquo", "«"),
    ("larr", "←"),
    ("ldquo", "“"),
    ("lrm", "\u{200E}"),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("macr", "¯"),
    ("mdash", "—"),
    ("micro", "µ"),
    ("middot", "·"),
    ("minus", "−"),
    ("nbsp", " "),
    ("ndash", "–"),
    ("not", "¬"),
    ("ntilde", "ñ"),
    ("numero", "№"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("oelig", "œ"),
    ("ograve", "ò"),
    ("ordf", "ª"),
    ("ordm", "º"),
    ("oslash", "ø"),
    ("otilde", "õ"),
    ("ouml", "ö"),
    ("para", "¶"),
    ("permil", "‰"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("prime", "′"),
    ("quot", "\""),
    ("raquo", "»"),
    ("rarr", "→"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rlm", "\u{200F}"),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("scaron", "š"),
    ("sect", "§"),
    ("shy", ""),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("szlig", "ß"),
    ("thinsp", "\u{2009}"),
    ("thorn", "þ"),
    ("times", "×"),
    ("trade", "™"),
    ("uacute", "ú"),
    ("uarr", "↑"),
    ("ucirc", "û"),
    ("ugrave", "ù"),
    ("uml", "¨"),
    ("uuml", "ü"),
    ("yacute", "ý"),
    ("yen", "¥"),
    ("yuml", "ÿ"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
];

/// Decodes `&name;`, `&#123;` and `&#x7B;`. Unknown or malformed references are kept as written.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.find(';').filter(|&k| k <= 32);
        let decoded = semi.and_then(|k| {
            let name = &rest[1..k];
            let numeric = name.strip_prefix('#').and_then(|n| match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => n.parse().ok(),
            });
            match numeric {
                Some(code) => char::from_u32(code).map(String::from),
                None => ENTITIES.binary_search_by(|(n, _)| (*n).cmp(name)).ok().map(|i| ENTITIES[i].1.to_string()),
            }
            .map(|v| (v, k + 1))
        });
        match decoded {
            Some((value, len)) => {
                out.push_str(&value);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ru-RU"><head><title>Агафья &mdash; Чехов</title>
<meta name="description" content="Рассказ">
<link rel="canonical" href="https://example.org/agafya">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><header><nav>Меню</nav></header>
<main><h1 id="top">Агафья</h1><p>В бытность мою&nbsp;в С&#8212;м уезде<br>мне часто</p>
<h2 id="part-2">Часть&#x20;2</h2><p>Савка был <b>парень</b> лет 25.</p><!-- a comment --></main>
<footer>© 2024</footer></body></html>"#;

    #[test]
    fn main_text_title_lang_and_sections() {
        let doc = parse_html("agafya", PAGE);
        assert_eq!(doc.title, "Агафья", "the <h1> is the title");
        assert_eq!(doc.lang.as_deref(), Some("ru"));
        assert_eq!(doc.url.as_deref(), Some("https://example.org/agafya"));
        assert_eq!(doc.summary, "Рассказ");
        assert_eq!(doc.body, "Агафья\n\nВ бытность мою в С—м уезде\nмне часто\n\nЧасть 2\n\nСавка был парень лет 25.");
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[1].title, "Часть 2");
        assert_eq!(doc.sections[1].anchor.as_deref(), Some("part-2"));
        assert_eq!(&doc.body[doc.sections[1].start..doc.sections[1].start + 12], "Часть 2");
        for absent in ["Меню", "not text", "color", "©", "comment"] {
            assert!(!doc.body.contains(absent), "{absent}");
        }
    }

    #[test]
    fn entities_and_fallback_title() {
        assert_eq!(decode_entities("a &amp; b &lt;c&gt; &#x41;&#66; &bogus; & x"), "a & b <c> AB &bogus; & x");
        assert_eq!(decode_entities("Gr&uuml;&szlig;e, &Eacute;mile &frac12; &rsaquo;"), "Grüße, Émile ½ ›");
        assert!(ENTITIES.windows(2).all(|w| w[0].0 < w[1].0), "sorted for binary search");
        let doc = parse_html("x", "<body><h1>Only heading</h1><p>Text</p></body>");
        assert_eq!(doc.title, "Only heading");
        assert_eq!(doc.lang.as_deref(), Some("en"));
        let (doc, notes) = parse_html_page("x", "<title>Page &ndash; Site</title><p>Text</p>", &PageOptions::default());
        assert_eq!((doc.title.as_str(), notes.has_title), ("Page – Site", true), "<title> without an <h1>");
        let (doc, notes) = parse_html_page("untitled", "<p>Some text here.</p>", &PageOptions::default());
        assert_eq!((doc.title.as_str(), notes.has_title), ("Some text here.", false));
    }

    const MUSEUM: &str = r#"<html lang="en"><head><title>Vase | City Museum</title>
<meta name="dc.type" content="Exhibit"><meta name="date" content="1957-07-08">
<meta name="author" content="I. Petrov"></head>
<body><header class="site"><h1>City Museum</h1></header>
<main><article><header><h1>Red-figure vase</h1><p class="byline">By the curator</p></header>
<div data-folio-body><h2 id="origin">Origin</h2><p>Found in <em>Attica</em>.</p>
<aside class="share">Share this page</aside><div data-folio-ignore>Related: nothing</div>
<p data-folio-filter="period">Classical</p>
<span data-folio-meta="image[src]" src="vase.jpg"></span>
<span data-folio-filter="type:amphora"></span><span data-folio-ignore data-folio-meta="date">someday</span>
</div></article></main><footer>Opening hours</footer></body></html>"#;

    #[test]
    fn folio_body_ignore_and_metadata_attributes() {
        let ignore = vec![Selector::parse("aside.share").unwrap_or_else(|e| panic!("{e}"))];
        let options = PageOptions::new(Vec::new(), ignore);
        let (doc, notes) = parse_html_page("vase", MUSEUM, &options);
        assert_eq!(doc.title, "Red-figure vase", "the content's <h1>, even inside its <header>");
        assert_eq!(doc.body, "Origin\n\nFound in Attica.\n\nClassical");
        assert_eq!(doc.sections[0].anchor.as_deref(), Some("origin"));
        assert_eq!(doc.kind.as_deref(), Some("amphora"), "data-folio-filter beats <meta name=dc.type>");
        assert_eq!(doc.date.as_deref(), Some("1957-07-08"), "a bad data-folio-meta date falls back to <meta>");
        assert_eq!(doc.filters.get("period"), Some(&vec!["Classical".to_string()]));
        assert_eq!(doc.meta.get("image").map(String::as_str), Some("vase.jpg"));
        assert!(notes.has_title && notes.excluded.is_none());
        assert_eq!(notes.notes.len(), 1, "{:?}", notes.notes);
        assert!(notes.notes[0].contains("\"someday\" is not a date"), "{:?}", notes.notes);

        let mut mapped = PageOptions::default();
        mapped.metadata.filters.insert("author".into(), vec!["author".into()]);
        let (doc, _) = parse_html_page("vase", MUSEUM, &mapped);
        assert_eq!(doc.filters.get("author"), Some(&vec!["I. Petrov".to_string()]));
        assert!(doc.body.contains("Share this page"), "not ignored without the selector");
        assert!(!doc.body.contains("By the curator") && !doc.body.contains("Opening hours"));
    }

    #[test]
    fn pages_can_ask_not_to_be_indexed() {
        let options = PageOptions::default();
        let (_, notes) = parse_html_page("r", r#"<meta name="robots" content="noindex, follow"><p>x</p>"#, &options);
        assert!(notes.excluded.is_some_and(|r| r.contains("noindex")));
        let (_, notes) = parse_html_page("i", "<html><body data-folio-ignore><p>x</p></body></html>", &options);
        assert_eq!(notes.excluded.as_deref(), Some("data-folio-ignore on <body>"));
    }

    #[test]
    fn content_selectors_and_fragments() {
        let options = PageOptions::new(vec![Selector::parse("#text").unwrap_or_else(|e| panic!("{e}"))], Vec::new());
        let page = r#"<body><div id="menu">Menu</div><div id="text"><p>Body text</p></div></body>"#;
        assert_eq!(parse_html_page("p", page, &options).0.body, "Body text");
        assert_eq!(parse_html("p", page).body, "Menu\n\nBody text", "no <main>: the whole <body>");
        assert_eq!(parse_html("f", "Just <b>text</b>, no tags around it").body, "Just text, no tags around it");
    }

    #[test]
    fn selectors_parse_or_say_why_not() {
        for ok in ["main", "div.content.wide", "#text", "[data-body]", "section#a.b[c]"] {
            assert!(Selector::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["div > p", "main article", ".", "a:hover", ""] {
            assert!(Selector::parse(bad).is_err(), "{bad}");
        }
        assert!(Selector::parse("div p").is_err_and(|e| e.contains("without spaces")));
    }
}
