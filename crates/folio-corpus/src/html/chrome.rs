//! What on a page is the site's chrome rather than its content, recognised with no configuration
//! the way site generators mark it up: by element (`nav`, `footer`, `aside`, `search`), by ARIA
//! role (`navigation`, `search`, `banner`, `contentinfo`, `complementary`), skip links, search
//! forms, logos, and the permalink signs generators put in headings (Sphinx's and Material's
//! `<a class="headerlink">¶</a>`, markdown-it's `header-anchor`, any in-heading `<a href="#…">`
//! whose text is only a symbol); by class: what is never printed or only printed (Bootstrap's
//! `d-print-none`, `noprint`, Jupyter Book's `onlyprint` copy of the title and contents), the
//! theme's sidebars and tables of contents outside the content (pydata-sphinx-theme's
//! `bd-sidebar-secondary bd-toc`), Sphinx's `toctree-wrapper` (the titles of other pages), and
//! the line numbers of highlighted code (Pygments' `linenos`, Chroma's `ln`).

use super::dom::{Data, Dom, NodeId};

/// How an element is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chrome {
    /// Part of the text.
    No,
    /// Left out, but an `<h1>` in it can still be the title: `<header>`.
    Soft,
    /// Left out, and nothing in it is the title.
    Hard,
}

/// Elements whose content is never text.
const HARD: &[&str] =
    &["script", "style", "nav", "footer", "noscript", "template", "svg", "head", "button", "select", "search", "title"];
/// ARIA roles of the site's chrome.
const ROLES: &[&str] = &["navigation", "search", "banner", "contentinfo", "menubar", "toolbar", "dialog"];
/// Classes of permalink signs.
const PERMALINK_CLASSES: &[&str] =
    &["headerlink", "header-anchor", "heading-anchor", "anchorjs-link", "hash-link", "anchor-link", "permalink"];

/// Classes of what is hidden on paper or shown only on paper: toolbars, buttons and print copies.
const PRINT_CLASSES: &[&str] = &[
    "d-print-none",
    "noprint",
    "no-print",
    "hidden-print",
    "print-hidden",
    "onlyprint",
    "only-print",
    "print-only",
    "visible-print-block",
];

/// Classes of the line numbers highlighters put in code blocks: Pygments' (`linenos`, inline in
/// Sphinx, a table column in MkDocs), Chroma's (Hugo: `ln`, `lnt`, `lnlinks`). Read as text, the
/// number is glued to the line's first word (`1import`).
const LINE_NUMBER_CLASSES: &[&str] = &["linenos", "linenodiv", "lineno", "ln", "lnt", "lnlinks"];

/// Whether `class` marks an element as the theme's and not the page's wherever it is: printing
/// classes ([`PRINT_CLASSES`]), line numbers of code ([`LINE_NUMBER_CLASSES`]) and Sphinx's
/// `toctree-wrapper` (a list of other pages' titles).
fn is_theme_class(class: &str) -> bool {
    class
        .split_whitespace()
        .any(|c| PRINT_CLASSES.contains(&c) || LINE_NUMBER_CLASSES.contains(&c) || c == "toctree-wrapper")
}

/// Whether the one class `c` (lowercase) has the word `w` between hyphens or after a BEM `__`:
/// `site-logo`, `md-header__logo`, `bd-toc`.
fn has_word(c: &str, w: &str) -> bool {
    c == w
        || c.starts_with(&format!("{w}-"))
        || c.ends_with(&format!("-{w}"))
        || c.contains(&format!("-{w}-"))
        || c.contains(&format!("__{w}"))
}

/// Whether `class` names a sidebar or a table of contents (`bd-sidebar-secondary`, `bd-toc`,
/// `md-sidebar`, `sphinxsidebar`): the theme's, outside the content. A layout's class that only
/// says it has one (`with-sidebar`, `has-toc`) does not.
fn is_sidebar_class(class: &str) -> bool {
    class.split_whitespace().any(|c| {
        let c = c.to_ascii_lowercase();
        if ["has-", "with-", "no-", "without-"].iter().any(|p| c.starts_with(p)) {
            return false;
        }
        let word = |w: &str| has_word(&c, w);
        word("sidebar") || word("toc") || c == "sphinxsidebar"
    })
}

/// Whether `class` names a logo or the site's name (`logo`, `site-title`, `navbar-brand`, …).
pub(crate) fn is_logo_class(class: &str) -> bool {
    class.split_whitespace().any(|c| {
        let c = c.to_ascii_lowercase();
        let word = |w: &str| has_word(&c, w);
        word("logo") || word("brand") || c.contains("site-title") || c.contains("site-name") || c.contains("sitename")
    })
}

/// How the element `id` is left out. `in_content`: it is where an `<aside>` is the page's own (a
/// footnote, a sidebar note), not the theme's: inside an `<article>` or chosen content.
/// `search_forms` is sorted (see [`search_forms`]).
pub(crate) fn chrome(dom: &Dom, id: NodeId, in_content: bool, search_forms: &[NodeId]) -> Chrome {
    let node = dom.node(id);
    let name = node.name();
    if HARD.contains(&name) {
        return Chrome::Hard;
    }
    if name == "header" {
        return Chrome::Soft;
    }
    let role = node.attr("role").map(|r| r.split_whitespace().next().unwrap_or("").to_ascii_lowercase());
    if let Some(role) = role.as_deref() {
        if ROLES.contains(&role) || (role == "complementary" && !in_content) {
            return Chrome::Hard;
        }
    }
    if name == "aside" && !in_content {
        return Chrome::Hard;
    }
    if name == "form" && search_forms.binary_search(&id).is_ok() {
        return Chrome::Hard;
    }
    if node
        .attr("class")
        .is_some_and(|c| is_theme_class(c) || (!in_content && (is_logo_class(c) || is_sidebar_class(c))))
    {
        return Chrome::Hard;
    }
    if name == "a" && (is_skip_link(dom, id) || is_permalink(dom, id)) {
        return Chrome::Hard;
    }
    Chrome::No
}

/// Whether the link `id` jumps past the chrome: "Skip to content", "Skip navigation", "Jump to …".
fn is_skip_link(dom: &Dom, id: NodeId) -> bool {
    let node = dom.node(id);
    if !node.attr("href").is_some_and(|h| h.starts_with('#')) {
        return false;
    }
    if node.attr("class").is_some_and(|c| c.split_whitespace().any(|c| c.to_ascii_lowercase().contains("skip"))) {
        return true;
    }
    let text = dom.text(id, 80).trim().to_lowercase();
    ["skip to", "skip navigation", "skip nav", "jump to", "перейти к"].iter().any(|p| text.starts_with(p))
}

/// Whether the link `id` is a permalink sign: a known class, or a same-page link in a heading or
/// definition term whose text is only a symbol (`¶`, `#`, `§`, `🔗`, or an icon).
fn is_permalink(dom: &Dom, id: NodeId) -> bool {
    let node = dom.node(id);
    if node.attr("class").is_some_and(|c| c.split_whitespace().any(|c| PERMALINK_CLASSES.contains(&c))) {
        return true;
    }
    if !node.attr("href").is_some_and(|h| h.starts_with('#')) {
        return false;
    }
    let text = dom.text(id, 32);
    if text.chars().any(char::is_alphanumeric) || text.trim().chars().count() > 3 {
        return false;
    }
    dom.ancestor(id, |n| matches!(n.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "caption")).is_some()
}

/// The `<form>`s that hold a search box (`<input type="search">`): the site's search widget. Sorted.
pub(crate) fn search_forms(dom: &Dom) -> Vec<NodeId> {
    let mut forms = Vec::new();
    for id in dom.preorder() {
        let node = dom.node(id);
        if !matches!(node.data, Data::Element { .. }) || node.name() != "input" {
            continue;
        }
        if node.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("search")) {
            if let Some(form) = dom.ancestor(id, |n| n.name() == "form") {
                forms.push(form);
            }
        }
    }
    forms.sort_unstable();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logo_classes() {
        for yes in ["logo", "site-logo", "navbar-brand", "md-header__title site-title", "sidebar-brand-text"] {
            assert!(is_logo_class(yes), "{yes}");
        }
        for no in ["logout", "brandenburg", "content", "catalogue"] {
            assert!(!is_logo_class(no), "{no}");
        }
    }

    #[test]
    fn sidebar_and_theme_classes() {
        for yes in ["bd-sidebar-secondary bd-toc", "md-sidebar md-sidebar--secondary", "sphinxsidebar", "toc"] {
            assert!(is_sidebar_class(yes), "{yes}");
        }
        for no in ["tocsin", "stock", "content", "protocol", "layout with-sidebar", "has-toc", "tocsection"] {
            assert!(!is_sidebar_class(no), "{no}");
        }
        for yes in ["bd-header-article d-print-none", "onlyprint", "toctree-wrapper compound"] {
            assert!(is_theme_class(yes), "{yes}");
        }
        assert!(!is_theme_class("print-button") && !is_theme_class("toctree"));
    }
}
