//! What on a page is the site's chrome rather than its content, recognised with no configuration
//! the way site generators mark it up: by element (`nav`, `footer`, `aside`, `search`), by ARIA
//! role (`navigation`, `search`, `banner`, `contentinfo`, `complementary`), skip links, search
//! forms, logos, and the permalink signs generators put in headings (Sphinx's and Material's
//! `<a class="headerlink">¶</a>`, markdown-it's `header-anchor`, any in-heading `<a href="#…">`
//! whose text is only a symbol); by class: what is never printed or only printed (Bootstrap's
//! `d-print-none`, `noprint`, Jupyter Book's `onlyprint` copy of the title and contents), the
//! theme's sidebars and tables of contents outside the content (pydata-sphinx-theme's
//! `bd-sidebar-secondary bd-toc`), Sphinx's `toctree-wrapper` (the titles of other pages), and
//! the line numbers of highlighted code (Pygments' `linenos`, Chroma's `ln`); and, in any theme,
//! a list whose items are links to the site's other pages ([`is_page_list`]: a blog's list of
//! posts, a home page's list of lectures), whose words are those pages' own.

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
/// says it has one (`with-sidebar`, `has-toc`) or what state it is in (mdBook's
/// `sidebar-visible` on `<html>`, `toc-open`) does not.
fn is_sidebar_class(class: &str) -> bool {
    class.split_whitespace().any(|c| {
        let c = c.to_ascii_lowercase();
        if ["has-", "with-", "no-", "without-"].iter().any(|p| c.starts_with(p)) {
            return false;
        }
        const STATES: [&str; 8] = ["visible", "hidden", "open", "closed", "collapsed", "expanded", "shown", "active"];
        if STATES.iter().any(|s| c.ends_with(&format!("-{s}"))) {
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
    if matches!(name, "html" | "body") {
        // The whole page: its classes say how the theme lays it out, never that it is chrome.
        return Chrome::No;
    }
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
    if matches!(name, "ul" | "ol") && is_page_list(dom, id) {
        return Chrome::Hard;
    }
    Chrome::No
}

/// Fewest items of a [`is_page_list`].
const PAGE_LIST_ITEMS: usize = 3;
/// Most words of an item that is a link to a page with a date or a few words beside it.
const PAGE_ITEM_WORDS: usize = 40;

/// Whether the list `id` lists other pages of the site: at least [`PAGE_LIST_ITEMS`] items, four in
/// five of them short and at least half (by words with a letter) the text of links to pages of the site
/// (Jekyll's and Hugo's lists of posts, an index page's list of chapters). Its words are the titles
/// of pages that are found on their own; indexed here too, the list page would rank beside each of
/// them for every query. A list of links to files (`.pdf`) or other sites is kept: it may be the
/// only place their names are written.
pub(crate) fn is_page_list(dom: &Dom, id: NodeId) -> bool {
    let items: Vec<NodeId> = dom.children(id).filter(|&c| dom.node(c).name() == "li").collect();
    if items.len() < PAGE_LIST_ITEMS {
        return false;
    }
    let page_items = items.iter().filter(|&&li| is_page_item(dom, li)).count();
    page_items * 5 >= items.len() * 4
}

/// Whether the list item `li` is short and at least half the text of links to pages of the site.
fn is_page_item(dom: &Dom, li: NodeId) -> bool {
    // Words with a letter: a date beside the link (`Sep 8, 2026`) is one.
    let words =
        |id: NodeId| dom.text(id, 1024).split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
    let all = words(li);
    if all == 0 || all > PAGE_ITEM_WORDS {
        return false;
    }
    let linked: usize = dom
        .subtree(li)
        .filter(|&n| dom.node(n).name() == "a" && dom.node(n).attr("href").is_some_and(is_page_href))
        .map(words)
        .sum();
    linked * 2 >= all
}

/// Whether `href` leads to a page of this site: relative or from the site's root, not to a place
/// on the same page, another site, or a file that is not a page.
pub(crate) fn is_page_href(href: &str) -> bool {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("//") || href.contains(':') {
        return false;
    }
    let path = href.split(['#', '?']).next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    last.is_empty() || !last.contains('.') || [".html", ".htm"].iter().any(|e| last.to_ascii_lowercase().ends_with(e))
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
        for no in [
            "tocsin",
            "stock",
            "content",
            "protocol",
            "layout with-sidebar",
            "has-toc",
            "tocsection",
            "light sidebar-visible",
            "toc-open",
        ] {
            assert!(!is_sidebar_class(no), "{no}");
        }
        for yes in ["bd-header-article d-print-none", "onlyprint", "toctree-wrapper compound"] {
            assert!(is_theme_class(yes), "{yes}");
        }
        assert!(!is_theme_class("print-button") && !is_theme_class("toctree"));
    }
}
