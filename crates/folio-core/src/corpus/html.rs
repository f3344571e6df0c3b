//! HTML pages, read with a small tag scanner (no dependency: the build only needs text, title,
//! language and headings, not a DOM).
//!
//! Title: `<title>`, else the first `<h1>`. Text: the `<main>` elements if any, else the
//! `<article>` elements, else `<body>`, without `script`, `style`, `nav`, `header`, `footer`,
//! `noscript`, `template` and `svg`. Block elements separate paragraphs; `<h1>`–`<h6>` in the text
//! start sections (anchored by their `id`). Entities are decoded. `<html lang>` gives the language
//! (else the script decides); `<meta name="description">` the summary; `<link rel="canonical">` the
//! url; `<meta name="date">` or `article:published_time` the date.

use super::date::parse_date;
use super::meta::{detect_lang, infer_kind, language_code};
use super::text::{collapse_whitespace, BodyBuilder};
use super::Document;

/// Elements whose content is never text.
const SKIPPED: &[&str] = &["script", "style", "nav", "header", "footer", "noscript", "template", "svg", "head"];
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

/// Named entities common in web text (the numeric forms are decoded generally).
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("shy", ""),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bdquo", "„"),
    ("middot", "·"),
    ("bull", "•"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("sect", "§"),
    ("para", "¶"),
    ("times", "×"),
    ("divide", "÷"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("numero", "№"),
    ("prime", "′"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("agrave", "à"),
    ("aacute", "á"),
    ("ccedil", "ç"),
    ("ouml", "ö"),
    ("uuml", "ü"),
    ("auml", "ä"),
    ("szlig", "ß"),
    ("thinsp", "\u{2009}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("zwnj", "\u{200C}"),
    ("zwj", "\u{200D}"),
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
                None => ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_string()),
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

/// Reads an HTML page into one document with id `id`.
pub(crate) fn parse_html(id: &str, html: &str) -> Document {
    let tokens = tokenize(html);
    let starts = |name: &str| tokens.iter().any(|t| matches!(t, Token::Start { name: n, .. } if n == name));
    let root = ["main", "article", "body"].into_iter().find(|r| starts(r));

    let mut doc = Document { id: id.to_string(), ..Document::default() };
    let mut builder = BodyBuilder::default();
    let mut stack: Vec<String> = Vec::new();
    let mut paragraph = String::new();
    let mut heading: Option<Heading> = None;
    let mut title = String::new();
    let mut first_h1: Option<String> = None;
    let mut in_title = false;
    for token in &tokens {
        let skipping = stack.iter().any(|s| SKIPPED.contains(&s.as_str()));
        let inside = root.is_none_or(|r| stack.iter().any(|s| s == r));
        match token {
            Token::Text(text) if in_title => title.push_str(text),
            Token::Text(text) if inside && !skipping => {
                let pre = stack.iter().any(|s| s == "pre");
                push_text(&mut paragraph, &decode_entities(text), pre);
            }
            Token::Text(_) => {}
            Token::Start { name, attrs } => {
                read_head_tag(name, attrs, &mut doc);
                if name == "title" {
                    in_title = title.is_empty();
                }
                let content = inside || root == Some(name.as_str());
                if BLOCKS.contains(&name.as_str()) && content && !skipping {
                    flush(&mut builder, &mut paragraph, &mut heading, &mut first_h1);
                    if is_heading(name) {
                        heading = Some(Heading { h1: name == "h1", anchor: attr(attrs, "id").map(str::to_string) });
                    }
                }
                if name == "br" && inside && !skipping {
                    paragraph.push('\n');
                }
                if !VOID.contains(&name.as_str()) {
                    stack.push(name.clone());
                }
            }
            Token::End(name) => {
                if name == "title" {
                    in_title = false;
                }
                if BLOCKS.contains(&name.as_str()) && inside && !skipping {
                    flush(&mut builder, &mut paragraph, &mut heading, &mut first_h1);
                }
                if let Some(at) = stack.iter().rposition(|s| s == name) {
                    stack.truncate(at);
                }
            }
        }
    }
    flush(&mut builder, &mut paragraph, &mut heading, &mut first_h1);
    let (body, sections) = builder.finish();
    let title = collapse_whitespace(&decode_entities(&title));
    doc.title = Some(title)
        .filter(|t| !t.is_empty())
        .or(first_h1)
        .or_else(|| super::text::title_from_text(&body))
        .unwrap_or_else(|| id.to_string());
    doc.kind = infer_kind(&doc.title);
    doc.lang = doc.lang.take().or_else(|| detect_lang(&body)).or_else(|| detect_lang(&doc.title));
    doc.body = body;
    doc.sections = sections;
    doc
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Takes metadata from `<html lang>`, `<meta>` and `<link rel="canonical">`.
fn read_head_tag(name: &str, attrs: &[(String, String)], doc: &mut Document) {
    match name {
        "html" => doc.lang = attr(attrs, "lang").and_then(language_code),
        "link" if attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
            doc.url = attr(attrs, "href").filter(|h| !h.is_empty()).map(str::to_string);
        }
        "meta" => {
            let key = attr(attrs, "name").or_else(|| attr(attrs, "property")).unwrap_or("").to_ascii_lowercase();
            let content = attr(attrs, "content").map(str::trim).unwrap_or("");
            match key.as_str() {
                "description" | "og:description" if doc.summary.is_empty() => {
                    doc.summary = collapse_whitespace(content);
                }
                "date" | "dc.date" | "article:published_time" if doc.date.is_none() => {
                    doc.date = parse_date(content);
                }
                _ => {}
            }
        }
        _ => {}
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

/// A heading element being read.
struct Heading {
    /// Whether it is an `<h1>` (the title when the page has no `<title>`).
    h1: bool,
    /// Its `id`, the section's anchor.
    anchor: Option<String>,
}

/// Ends the current paragraph; if it was a heading, it also starts a section.
fn flush(builder: &mut BodyBuilder, paragraph: &mut String, heading: &mut Option<Heading>, h1: &mut Option<String>) {
    let text = paragraph.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    paragraph.clear();
    if let Some(Heading { h1: is_h1, anchor }) = heading.take() {
        let title = collapse_whitespace(&text);
        if !title.is_empty() {
            if is_h1 && h1.is_none() {
                *h1 = Some(title.clone());
            }
            builder.section(&title, anchor);
        }
    }
    builder.paragraph(&text);
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
        assert_eq!(doc.title, "Агафья — Чехов");
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
        let doc = parse_html("x", "<body><h1>Only heading</h1><p>Text</p></body>");
        assert_eq!(doc.title, "Only heading");
        assert_eq!(doc.lang.as_deref(), Some("en"));
    }
}
