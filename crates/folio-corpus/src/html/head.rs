//! What a page says about itself before its text is read: `<html lang>`, `<title>`, `<meta>`
//! tags (robots `noindex`, a `refresh` that makes it a redirect stub), `<link rel=canonical>`,
//! `data-folio-ignore` on the whole page, which content selector matches, the names the page
//! gives its site (to take them out of the `<title>`), and the tables that make it a generated
//! index (Sphinx's `genindex.html`) or a module's highlighted source (Sphinx's viewcode).

use super::dom::{Data, Dom};
use super::{PageNotes, PageOptions};
use crate::metadata::{language_code, Declared, TIME_TAG};
use crate::Document;

/// What [`read_head`] found.
pub(crate) struct Head {
    /// The first `<title>`'s text.
    pub(crate) title: String,
    /// The index in [`PageOptions::content`] of the first selector that matches an element.
    pub(crate) root: Option<usize>,
    /// Names the page gives its site: `og:site_name`, `application-name`, logos.
    pub(crate) site_names: Vec<String>,
    /// The `<meta>` tags.
    pub(crate) declared: Declared,
    /// The languages of the versions of this page that `<link rel="alternate" hreflang>` declares
    /// on the page's own site (Hugo's themes, Docusaurus, MkDocs Material's `extra.alternate`),
    /// as language codes, in the page's order; `x-default` left out.
    pub(crate) alternates: Vec<String>,
}

/// Classes of the tables and letter bars of Sphinx's general index (`genindex.html`, which has
/// the bar even when it has no entries) and domain indexes (`py-modindex.html`): pages of links
/// to the entries, which are found on their own pages.
const GENERATED_INDEX_CLASSES: &[&str] =
    &["genindextable", "modindextable", "domainindex-table", "genindex-jumpbox", "domainindex-jumpbox"];

/// Most site names kept from one page.
const SITE_NAMES_MAX: usize = 8;

/// Most languages of translations kept from one page.
const ALTERNATES_MAX: usize = 64;

/// Reads the page's head and whole-page markers into `doc` and `notes`.
pub(crate) fn read_head(dom: &Dom, options: &PageOptions, doc: &mut Document, notes: &mut PageNotes) -> Head {
    let mut head = Head {
        title: String::new(),
        root: None,
        site_names: Vec::new(),
        declared: Declared::default(),
        alternates: Vec::new(),
    };
    let mut title_seen = false;
    let mut alternates: Vec<(String, String)> = Vec::new();
    let mut times: Vec<Option<&str>> = Vec::new();
    // Sphinx's search page loads searchtools.js; not every theme marks it noindex.
    let sphinx_search = dom.preorder().any(|id| {
        let node = dom.node(id);
        node.name() == "script" && node.attr("src").is_some_and(|s| s.contains("searchtools.js"))
    });
    for id in dom.preorder() {
        let node = dom.node(id);
        let Data::Element { name: qual, attrs } = &node.data else { continue };
        let name = node.name();
        let best = head.root.unwrap_or(options.content.len());
        if let Some(i) = options.content[..best].iter().position(|s| s.matches(name, attrs)) {
            head.root = Some(i);
        }
        if node.attr("data-folio-ignore").is_some() && matches!(name, "html" | "body") {
            notes.excluded = Some(format!("data-folio-ignore on <{name}>"));
        }
        match name {
            "html" => doc.lang = node.attr("lang").and_then(language_code),
            "title" if !title_seen && qual.ns == html5ever::ns!(html) => {
                title_seen = true;
                head.title = dom.text(id, 4096);
            }
            "table" | "div" if notes.generated.is_none() => {
                let class = node.attr("class").unwrap_or("");
                if let Some(c) = class.split_whitespace().find(|c| GENERATED_INDEX_CLASSES.contains(c)) {
                    notes.generated = Some(format!("Sphinx's index of links (<{name} class=\"{c}\">)"));
                } else if name == "div" && class.split_whitespace().any(|c| c == "viewcode-block") {
                    // viewcode's copy of a module's source: its objects are documented on their pages.
                    notes.generated =
                        Some("Sphinx's highlighted source of a module (<div class=\"viewcode-block\">)".to_string());
                } else if node.attr("id") == Some("search-results") && sphinx_search {
                    notes.generated = Some("Sphinx's search page (<div id=\"search-results\">)".to_string());
                } else if node.attr("id") == Some("mkdocs-search-results")
                    && dom.ancestor(id, |n| n.name() == "main" || n.attr("role") == Some("main")).is_some()
                {
                    // The readthedocs theme's search.html; the mkdocs theme has the same <div> in
                    // a dialog on every page, outside the content.
                    notes.generated = Some("MkDocs's search page (<div id=\"mkdocs-search-results\">)".to_string());
                }
            }
            "link" if node.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                doc.url = node.attr("href").filter(|h| !h.is_empty()).map(str::to_string);
            }
            "link"
                if node
                    .attr("rel")
                    .is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("alternate"))) =>
            {
                let code = node
                    .attr("hreflang")
                    .filter(|l| !l.trim().eq_ignore_ascii_case("x-default"))
                    .and_then(language_code);
                if let Some(code) = code {
                    if alternates.len() < ALTERNATES_MAX {
                        alternates.push((code, node.attr("href").unwrap_or("").trim().to_string()));
                    }
                }
            }
            // hAtom's published date: `<abbr class="published" title="2025-03-02T10:20:00">` (Pelican).
            "time" | "abbr" if times.len() < 2 && (name == "time" || is_published(node.attr("class"))) => {
                let attr = if name == "time" { "datetime" } else { "title" };
                if let Some(datetime) = node.attr(attr).map(str::trim).filter(|d| !d.is_empty()) {
                    let in_text = dom.ancestor(id, |n| n.name() == "p").is_some();
                    times.push((!in_text).then_some(datetime));
                }
            }
            "meta" => read_meta(
                node.attr("name"),
                node.attr("property"),
                node.attr("http-equiv"),
                node.attr("content"),
                &mut head,
                notes,
            ),
            "noscript" => {
                // With scripting on, a <noscript> is text; redirect stubs put their refresh there.
                let text = dom.text(id, 4096);
                if text.to_ascii_lowercase().contains("refresh") {
                    let inner = Dom::parse(&text);
                    for m in inner.preorder().filter(|&m| inner.node(m).name() == "meta") {
                        let m = inner.node(m);
                        read_meta(None, None, m.attr("http-equiv"), m.attr("content"), &mut head, notes);
                    }
                }
            }
            _ => {}
        }
        if head.site_names.len() < SITE_NAMES_MAX && node.attr("class").is_some_and(super::chrome::is_logo_class) {
            let text = crate::text::collapse_whitespace(&dom.text(id, 200));
            if !text.is_empty() {
                head.site_names.push(text);
            }
        }
    }
    head.alternates = versions_in_site(alternates, doc.url.as_deref(), doc.lang.as_deref());
    if let [Some(datetime)] = times[..] {
        head.declared.tags.push((TIME_TAG.to_string(), datetime.to_string()));
    }
    head
}

/// The languages of the `alternates` (language, href) that lead into the page's own site: a
/// relative href, or one on the host of the page's canonical URL (else of its alternate in its own
/// language, `own`), or any when neither names a host. A version on another site (`example.de`
/// for `example.com`'s pages) is not among this site's pages, so no search here should leave the
/// page out for it.
fn versions_in_site(alternates: Vec<(String, String)>, canonical: Option<&str>, own: Option<&str>) -> Vec<String> {
    let site = canonical
        .and_then(host)
        .or_else(|| alternates.iter().find(|(code, _)| Some(code.as_str()) == own).and_then(|(_, href)| host(href)));
    let mut codes: Vec<String> = Vec::new();
    for (code, href) in &alternates {
        let here = match (site, host(href)) {
            (Some(site), Some(there)) => site.eq_ignore_ascii_case(there),
            _ => true,
        };
        if here && !codes.contains(code) {
            codes.push(code.clone());
        }
    }
    codes
}

/// Whether `class` marks a microformat's date of publication (`published`, `dt-published`).
fn is_published(class: Option<&str>) -> bool {
    class.is_some_and(|c| c.split_ascii_whitespace().any(|w| w == "published" || w == "dt-published"))
}

/// The host of an absolute (`https://host/…`) or protocol-relative (`//host/…`) URL.
fn host(url: &str) -> Option<&str> {
    let rest = match url.find("//") {
        Some(0) => &url[2..],
        Some(at)
            if at > 1
                && url[..at].ends_with(':')
                && url[..at - 1].bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) =>
        {
            &url[at + 2..]
        }
        _ => return None,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|h| !h.is_empty())
}

/// Reads one `<meta>` tag.
fn read_meta(
    name: Option<&str>,
    property: Option<&str>,
    http_equiv: Option<&str>,
    content: Option<&str>,
    head: &mut Head,
    notes: &mut PageNotes,
) {
    let key = name.or(property).or(http_equiv).unwrap_or("").trim().to_ascii_lowercase();
    let content = content.map(str::trim).unwrap_or("");
    if key == "robots" && content.to_ascii_lowercase().split([',', ' ']).any(|d| d == "noindex" || d == "none") {
        notes.excluded = Some(format!("<meta name=\"robots\" content=\"{content}\">"));
    }
    if key == "refresh" {
        if let Some((_, target)) = content.split_once(';') {
            let target = target.trim();
            let url = target
                .get(..4)
                .filter(|p| p.eq_ignore_ascii_case("url="))
                .map_or(target, |_| &target[4..])
                .trim_matches(|c: char| c == '\'' || c == '"' || c.is_whitespace());
            if !url.is_empty() && notes.redirect.is_none() {
                notes.redirect = Some(url.to_string());
            }
        }
    }
    if matches!(key.as_str(), "og:site_name" | "application-name")
        && !content.is_empty()
        && head.site_names.len() < SITE_NAMES_MAX
    {
        head.site_names.push(content.to_string());
    }
    if !key.is_empty() && !content.is_empty() {
        head.declared.tags.push((key, content.to_string()));
    }
}
