//! Overview pages: pages whose text is the links and excerpts of other pages of the site, as a
//! blog's index, its tag, author and archive pages, or a documentation category's cards
//! (Docusaurus, MkDocs Material's blog, Hugo's lists). Their words are found on the pages they
//! list, so indexing them puts a second, weaker hit beside each of those pages (Docusaurus's tag
//! page "4 posts tagged with Docusaurus" ranked first for "docusaurus").
//!
//! While a page is read, [`Overview`] counts the words of its content and those that belong to
//! another page: the text of a link to a page of the site, and the whole of an `<article>` whose
//! heading links to one, or that a link without text covers (an excerpt with its "Read more", a
//! card: Hugo's PaperMod). A link to the site's own address (Hugo writes `https://site/posts/x/`
//! with a `baseURL`) is a link to a page of the site when the page's canonical URL has that origin. Lists of links the chrome rules leave
//! out (a Sphinx toctree) are not read, so their words count for neither: a home page with a
//! paragraph of its own above its table of contents is not an overview. But their links, and an
//! `<aside>`'s `<article>` that shows another page (Pelican's "featured" post), are entries: a
//! page with no words of its own beside them lists other pages (Pelican's tags page, a tag's page
//! showing its one post), not an empty page to warn about.

use folio_core::analysis::segment::is_paired_cjk;
use folio_core::analysis::tokenize::words;

use super::chrome::is_page_href;
use super::dom::{Data, Dom, NodeId};
use super::tags::is_heading;

/// Fewest distinct pages an overview lists: a tag with one post has a page of its own.
const ENTRIES_MIN: usize = 1;
/// The share of an overview's words that belong to other pages: at least 3 in 4.
const SHARE: (usize, usize) = (3, 4);
/// Most nodes looked at for an `<article>`'s heading.
const HEADING_SEARCH: usize = 64;
/// Most distinct entries remembered (more change nothing).
const ENTRIES_KEPT: usize = 16;
/// Most nodes of an element left out whose entries are noted ([`Overview::note_unread`]).
const UNREAD_SEARCH: usize = 4096;

/// The words of a page's content, and those that belong to the other pages it lists.
#[derive(Debug, Default)]
pub(crate) struct Overview {
    /// The page's id, to tell links back to the page from links to others.
    page_id: String,
    /// The site's origin (`https://site`), from the page's canonical URL, if it gives one.
    origin: Option<String>,
    words: usize,
    listed: usize,
    entries: Vec<String>,
}

impl Overview {
    /// The counts of the page `page_id`, whose canonical URL is `canonical`.
    pub(crate) fn new(page_id: &str, canonical: Option<&str>) -> Overview {
        let origin = canonical.and_then(|url| {
            let (scheme, rest) = url.split_once("://")?;
            let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
            matches!(scheme, "http" | "https").then(|| format!("{scheme}://{host}"))
        });
        Overview { page_id: page_id.to_string(), origin, ..Overview::default() }
    }

    /// `href` as a link within the site: root-relative when it names the site's own origin.
    fn local<'h>(&self, href: &'h str) -> &'h str {
        let href = href.trim();
        match self.origin.as_deref().and_then(|o| href.strip_prefix(o)) {
            Some("") => "/",
            Some(rest) if rest.starts_with(['/', '?', '#']) => rest,
            _ => href,
        }
    }

    /// Whether element `id`, in the content, stands for another page of the site (a link to it, or
    /// an `<article>` whose heading links to it or that a link without text covers); it is then
    /// remembered.
    pub(crate) fn enters_entry(&mut self, dom: &Dom, id: NodeId) -> bool {
        let node = dom.node(id);
        let href = match node.name() {
            "a" => node.attr("href").map(|h| self.local(h)),
            "article" => self.entry_link(dom, id),
            _ => None,
        };
        let Some(href) = href.filter(|h| is_page_href(h) && !is_same_page(h, &self.page_id)) else { return false };
        let target = href.split(['#', '?']).next().unwrap_or("").trim_end_matches('/');
        if self.entries.len() < ENTRIES_KEPT && !self.entries.iter().any(|e| e == target) {
            self.entries.push(target.to_string());
        }
        true
    }

    /// Whether the definition term `dt` labels an entry: the first element after it is a `<dd>`
    /// holding a link to another page of the site (the date above each post of an archive page).
    pub(crate) fn labels_entry(&self, dom: &Dom, dt: NodeId) -> bool {
        let mut next = dom.node(dt).next_sibling;
        while let Some(n) = next.filter(|&n| !matches!(dom.node(n).data, Data::Element { .. })) {
            next = dom.node(n).next_sibling;
        }
        next.filter(|&dd| dom.node(dd).name() == "dd").is_some_and(|dd| {
            dom.subtree(dd).take(HEADING_SEARCH).any(|n| {
                let node = dom.node(n);
                node.name() == "a"
                    && node
                        .attr("href")
                        .map(|h| self.local(h))
                        .is_some_and(|h| is_page_href(h) && !is_same_page(h, &self.page_id))
            })
        })
    }

    /// Notes as entries, without reading their words, the pages that element `id` of the content
    /// shows though the chrome rules leave it out: a list of pages, an `<aside>`'s articles.
    pub(crate) fn note_unread(&mut self, dom: &Dom, id: NodeId) {
        let shows = |n: NodeId| match dom.node(n).name() {
            "a" => dom.node(id).name() != "aside",
            "article" => true,
            _ => false,
        };
        for n in dom.subtree(id).take(UNREAD_SEARCH).filter(|&n| shows(n)).collect::<Vec<_>>() {
            self.enters_entry(dom, n);
        }
    }

    /// Counts the words of `text`, read in the content; `listed`: inside an entry.
    pub(crate) fn count(&mut self, text: &str, listed: bool) {
        // Words as the index cuts them (a Chinese or Japanese character is one; a paragraph written
        // without spaces was one word, outweighed by the titles of a few links), of two letters or
        // more: an index's letter bar ("A B C") is not text of its own.
        let n = words(text)
            .filter(|(_, w)| w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some() || w.chars().any(is_paired_cjk))
            .count();
        self.words += n;
        if listed {
            self.listed += n;
        }
    }

    /// What the page is, when it is an overview (for the site report), or `None`.
    pub(crate) fn verdict(&self) -> Option<String> {
        let (n, d) = SHARE;
        let is = self.entries.len() >= ENTRIES_MIN && self.listed * d >= self.words * n;
        is.then(|| {
            let pages = match self.entries.len() {
                1 => "another page".to_string(),
                ENTRIES_KEPT => format!("{ENTRIES_KEPT} or more other pages"),
                many => format!("{many} other pages"),
            };
            let why = match self.words {
                0 => "no words of its own".to_string(),
                words => format!("{} of its {words} words are their links and excerpts", self.listed),
            };
            format!("a page listing {pages} of the site ({why})")
        })
    }

    /// The page an `<article>` stands for: the first link in its first heading, else a link of
    /// its own with no text (a card's cover link), as links within the site.
    fn entry_link<'d>(&self, dom: &'d Dom, article: NodeId) -> Option<&'d str> {
        let link = |n: NodeId| {
            let node = dom.node(n);
            (node.name() == "a").then(|| node.attr("href").map(|h| self.local(h))).flatten()
        };
        let heading = dom.subtree(article).take(HEADING_SEARCH).find(|&n| is_heading(dom.node(n).name()));
        heading
            .and_then(|h| dom.subtree(h).take(HEADING_SEARCH).find_map(link))
            .or_else(|| dom.children(article).filter(|&c| dom.text(c, 64).trim().is_empty()).find_map(link))
    }
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
        // Hugo's PaperMod: absolute links to the site (its baseURL), a card covered by an empty link.
        let card = r#"<link rel="canonical" href="https://museum.example/tags/logbooks/"><main><header>
            <a href="https://museum.example/">Home</a> <a href="https://museum.example/tags/">Tags</a><h1>logbooks</h1>
            </header><article class="post-entry"><header><h2>Restoring the logbook</h2></header><div><p>The logbook
            of the barque Aurora arrived with mould on forty pages.</p></div><footer>March 1, 2026</footer>
            <a class="entry-link" aria-label="post link" href="https://museum.example/posts/logbook/"></a></article></main>"#;
        assert!(generated("tags/logbooks/index", card).is_some_and(|w| w.starts_with("a page listing another page")));
        let elsewhere = card.replace("https://museum.example/posts", "https://other.example/posts");
        assert_eq!(generated("tags/logbooks/index", &elsewhere), None, "a card of another site's page");
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
