//! Overview pages: pages whose text is the links and excerpts of other pages of the site, as a
//! blog's index, its tag, author and archive pages, or a documentation category's cards
//! (Docusaurus, MkDocs Material's blog, Hugo's lists). Their words are found on the pages they
//! list, so indexing them puts a second, weaker hit beside each of those pages (Docusaurus's tag
//! page "4 posts tagged with Docusaurus" ranked first for "docusaurus").
//!
//! While a page is read, [`Overview`] counts the words of its content and those that belong to
//! another page: the text of a link to a page of the site, and the whole of an `<article>` whose
//! heading links to one (an excerpt with its "Read more"). Lists of links the chrome rules leave
//! out (a Sphinx toctree) are not read, so they count for neither: a home page with a paragraph
//! of its own above its table of contents is not an overview.

use super::chrome::is_page_href;
use super::dom::{Dom, NodeId};
use super::tags::is_heading;

/// Fewest distinct pages an overview lists: a tag with one post has a page of its own.
const ENTRIES_MIN: usize = 1;
/// The share of an overview's words that belong to other pages: at least 3 in 4.
const SHARE: (usize, usize) = (3, 4);
/// Most nodes looked at for an `<article>`'s heading.
const HEADING_SEARCH: usize = 64;
/// Most distinct entries remembered (more change nothing).
const ENTRIES_KEPT: usize = 16;

/// The words of a page's content, and those that belong to the other pages it lists.
#[derive(Debug, Default)]
pub(crate) struct Overview {
    words: usize,
    listed: usize,
    entries: Vec<String>,
}

impl Overview {
    /// Whether element `id`, in the content of the page `page_id`, stands for another page of the
    /// site (a link to it, or an `<article>` whose heading links to it); it is then remembered.
    pub(crate) fn enters_entry(&mut self, dom: &Dom, id: NodeId, page_id: &str) -> bool {
        let node = dom.node(id);
        let href = match node.name() {
            "a" => node.attr("href"),
            "article" => heading_link(dom, id),
            _ => None,
        };
        let Some(href) = href.filter(|h| is_page_href(h) && !is_same_page(h, page_id)) else { return false };
        let target = href.split(['#', '?']).next().unwrap_or("").trim_end_matches('/');
        if self.entries.len() < ENTRIES_KEPT && !self.entries.iter().any(|e| e == target) {
            self.entries.push(target.to_string());
        }
        true
    }

    /// Counts the words of `text`, read in the content; `listed`: inside an entry.
    pub(crate) fn count(&mut self, text: &str, listed: bool) {
        // Words of two letters or more: an index's letter bar ("A B C") is not text of its own.
        let n = text.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()).count();
        self.words += n;
        if listed {
            self.listed += n;
        }
    }

    /// What the page is, when it is an overview (for the site report), or `None`.
    pub(crate) fn verdict(&self) -> Option<String> {
        let (n, d) = SHARE;
        let is = self.entries.len() >= ENTRIES_MIN && self.words > 0 && self.listed * d >= self.words * n;
        is.then(|| {
            let n = self.entries.len();
            let pages = match n {
                1 => "another page".to_string(),
                ENTRIES_KEPT => format!("{n} or more other pages"),
                _ => format!("{n} other pages"),
            };
            format!(
                "a page listing {pages} of the site ({} of its {} words are their links and excerpts)",
                self.listed, self.words
            )
        })
    }
}

/// The `href` of the first link in `article`'s first heading, if the heading has one.
fn heading_link(dom: &Dom, article: NodeId) -> Option<&str> {
    let heading = dom.subtree(article).take(HEADING_SEARCH).find(|&n| is_heading(dom.node(n).name()))?;
    dom.subtree(heading).take(HEADING_SEARCH).find_map(|n| {
        let node = dom.node(n);
        (node.name() == "a").then(|| node.attr("href")).flatten()
    })
}

/// Whether `href` leads back to the page `page_id` (`blog/welcome/index`, served as
/// `blog/welcome/`): `./`, `../welcome/`, `/blog/welcome/index.html`, or the same under a base
/// path (`/museum/blog/welcome/`). A post that links its own title is not an overview of itself.
fn is_same_page(href: &str, page_id: &str) -> bool {
    let path = href.trim().split(['#', '?']).next().unwrap_or("");
    let own: Vec<&str> = page_id.split('/').filter(|s| *s != "index").collect();
    // A folder's index page is served as the folder: its links are relative to it.
    let mut target: Vec<&str> = match (path.starts_with('/'), page_id == "index" || page_id.ends_with("/index")) {
        (true, _) => Vec::new(),
        (false, true) => own.clone(),
        (false, false) => own[..own.len().saturating_sub(1)].to_vec(),
    };
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                target.pop();
            }
            name => target.push(name),
        }
    }
    if target.last().is_some_and(|l| l.eq_ignore_ascii_case("index.html") || l.eq_ignore_ascii_case("index.htm")) {
        target.pop();
    }
    let last = target.pop().map(|l| l.strip_suffix(".html").or_else(|| l.strip_suffix(".htm")).unwrap_or(l));
    target.extend(last);
    let same = |a: &[&str], b: &[&str]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y));
    same(&target, &own)
        || (path.starts_with('/') && !own.is_empty() && target.len() > own.len() && {
            let tail = &target[target.len() - own.len()..];
            same(tail, &own)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::{parse_html_page, PageOptions};

    #[test]
    fn excerpts_of_other_pages_make_an_overview_and_a_post_linking_its_own_title_does_not() {
        let generated = |id: &str, html: &str| parse_html_page(id, html, &PageOptions::default()).1.generated;
        let list = r#"<main><h1>Posts</h1><article><h2><a href="/blog/hello/">Hello</a></h2><p>The first words
            of the post, as an excerpt.</p><a href="/blog/hello/">Read more</a></article></main>"#;
        assert!(generated("blog/index", list).is_some_and(|w| w.starts_with("a page listing another page")));
        let post = r#"<main><article><h1><a href="../welcome/">Welcome</a></h1><p>Only a short post
            here.</p><a href="/blog/">All posts</a></article></main>"#;
        assert_eq!(generated("blog/welcome/index", post), None, "its title links to itself");
        let own = r#"<main><h1>Course</h1><p>The syllabus, the reading list and the rules of the final
            exam are below.</p><a href="week1.html">Week one</a> <a href="week2.html">Week two</a></main>"#;
        assert_eq!(generated("index", own), None, "words of its own");
    }

    #[test]
    fn a_link_back_to_the_page_is_not_an_entry() {
        let welcome = "blog/welcome/index";
        for href in ["./", ".", "", "/blog/welcome/", "../welcome", "index.html", "#top", "/museum/blog/Welcome/"] {
            assert!(is_same_page(href, welcome), "{href}");
        }
        for href in ["/blog/hello/", "../hello/index.html", "/blog/", "../", "/welcome/", "hello/"] {
            assert!(!is_same_page(href, welcome), "{href}");
        }
        assert!(is_same_page("guide.html", "docs/guide"));
        assert!(is_same_page("../docs/guide.html", "docs/guide"));
        assert!(!is_same_page("index.html", "docs/guide"), "the folder's home page is another page");
        assert!(!is_same_page("./", "docs/guide"), "the folder is another page");
        assert!(is_same_page("./", "index") && is_same_page("/", "index") && !is_same_page("blog/", "index"));
    }

    #[test]
    fn short_words_do_not_count() {
        let mut o = Overview::default();
        o.count("A B C 2021", false);
        o.count("Docusaurus 4", true);
        assert_eq!((o.words, o.listed), (1, 1));
    }
}
