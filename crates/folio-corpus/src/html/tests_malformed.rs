//! Pages as browsers read them; the hostile pages that made the old reader quadratic; the
//! defaults on generators' markup (chrome, titles, redirect stubs, section anchors).

use std::sync::mpsc;
use std::time::Duration;

use super::dom::Dom;
use super::guard::MAX_DEPTH;
use super::*;

/// Runs `f` on a thread and fails if it has not finished within `limit`: at least 20 times what
/// the work takes in a debug build, so it fails only on a hang (the old reader took 36-51 s).
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| panic!("did not finish within {limit:?}"))
}

/// The deepest element of a parsed page.
fn max_depth(dom: &Dom) -> usize {
    let mut depth = vec![0usize; dom.nodes.len()];
    let mut deepest = 0;
    for id in dom.preorder() {
        if let Some(p) = dom.node(id).parent {
            depth[id] = depth[p] + 1;
            deepest = deepest.max(depth[id]);
        }
    }
    deepest
}

#[test]
fn a_head_without_its_end_tag_keeps_the_body_text() {
    let (doc, notes) =
        parse_html_page("t", "<html><head><title>T</title><body><p>The ferry leaves at nine.", &PageOptions::default());
    assert_eq!(doc.body, "The ferry leaves at nine.");
    assert_eq!((doc.title.as_str(), notes.has_title), ("T", true));
}

#[test]
fn optional_end_tags_and_misnesting_are_read_as_the_standard_says() {
    let doc = parse_html("p", "<p>one<p>two<ul><li>a<li>b</ul><table><tr><td>c<td>d</table>");
    assert_eq!(doc.body, "one\n\ntwo\n\na\n\nb\n\nc\n\nd");
    // The adoption agency: </b> closes the bold inside the paragraph, the text after is not bold.
    let doc = parse_html("b", "<b>one<p>two</b>three</p>four");
    assert_eq!(doc.body, "one\n\ntwothree\n\nfour");
    let doc = parse_html("t", "<main><p>seen</p><template><p>unseen</p></template><noscript>none</noscript></main>");
    assert_eq!(doc.body, "seen");
    let doc = parse_html("e", "<p>&copy 2024 &notin; &noti; &amp x &#0;</p>");
    assert_eq!(doc.body, "© 2024 ∉ ¬i; & x \u{FFFD}");
}

#[test]
fn unclosed_divs_then_stray_end_tags_stay_shallow() {
    // Issue 19, defect 4: took 51 s. Every search of the tree builder's stack is bounded by its
    // depth, which the guard keeps at MAX_DEPTH.
    let page = format!("<body>{}text{}", "<div>".repeat(200_000), "</span>".repeat(200_000));
    let (dom, doc, notes) = within(Duration::from_secs(120), move || {
        let dom = Dom::parse(&page);
        let (doc, notes) = parse_html_page("d", &page, &PageOptions::default());
        (dom, doc, notes)
    });
    assert!(max_depth(&dom) <= MAX_DEPTH + 4, "depth {}", max_depth(&dom));
    assert_eq!(dom.dropped, 200_000 - MAX_DEPTH);
    assert_eq!(doc.body, "text");
    assert!(notes.notes.iter().any(|n| n.contains("nested deeper than 512 levels")), "{:?}", notes.notes);
}

#[test]
fn a_million_ampersands_are_read_in_one_pass() {
    // Issue 19, defect 4: took 39 s (hours at 20 MB).
    let page = format!("<p>{}</p>", "&".repeat(1_000_000));
    let (body, decoded) = within(Duration::from_secs(120), move || {
        (parse_html("a", &page).body, decode_entities(&"&amp".repeat(250_000)))
    });
    assert_eq!(body.len(), 1_000_000);
    assert!(body.bytes().all(|b| b == b'&'));
    assert_eq!(decoded, "&amp".repeat(250_000), "no `;`: kept as written");
}

#[test]
fn nested_unclosed_metadata_elements_are_bounded() {
    // Issue 19, defect 4: took 36 s and 1.9 GB, each element's text holding all that follows.
    let page = format!("<body>{}", "<span data-folio-meta=\"note\">word ".repeat(40_000));
    let (doc, notes) = within(Duration::from_secs(120), move || parse_html_page("m", &page, &PageOptions::default()));
    let note = doc.meta.get("note").map_or(0, String::len);
    assert!((1..=4096).contains(&note), "the value is bounded: {note} bytes");
    assert!(notes.notes.iter().any(|n| n.contains("nested deeper than 512 levels")), "{:?}", notes.notes);
    assert_eq!(doc.body.split_whitespace().count(), 40_000, "the text itself is all there");
    // Side by side they are not nested, but still only so many are read.
    let page = "<p data-folio-meta=\"note\">word ".repeat(40_000);
    let (doc, notes) = within(Duration::from_secs(120), move || parse_html_page("s", &page, &PageOptions::default()));
    assert_eq!(doc.meta.get("note").map(String::as_str), Some("word"));
    assert!(notes.notes.iter().any(|n| n.contains("40000 data-folio-meta")), "{:?}", notes.notes);
}

#[test]
fn generators_chrome_is_left_out_with_no_configuration() {
    let page = r##"<html><head><title>Install — Acme Docs</title><meta property="og:site_name" content="Acme Docs"></head>
<body><a class="skip-link" href="#content">Skip to content</a><a href="#main">Skip to main content</a>
<div role="banner">Banner words</div><div class="sphinxsidebar" role="navigation"><h1 class="logo">Acme</h1>Sidebar words</div>
<div role="search"><form><input type="text" name="q"></form>Quick search</div>
<form class="finder"><input type="search"><label>Find words</label></form>
<aside class="toc">Aside words</aside><div role="complementary">Related words</div>
<div class="body" role="main"><section id="install"><h2>Install<a class="headerlink" href="#install">¶</a></h2>
<p>Run the installer.</p><aside class="footnote">Footnote words</aside>
<h3 id="linux">Linux <a href="#linux">#</a></h3><p>Use the package.</p></section></div>
<div role="contentinfo">Footer words</div></body></html>"##;
    let doc = parse_html("i", page);
    assert_eq!(doc.body, "Install\n\nRun the installer.\n\nFootnote words\n\nLinux\n\nUse the package.");
    assert_eq!(doc.title, "Install", "the page part of the <title>, not the logo <h1>");
    let sections: Vec<(&str, Option<&str>)> =
        doc.sections.iter().map(|s| (s.title.as_str(), s.anchor.as_deref())).collect();
    assert_eq!(sections, [("Install", Some("install")), ("Linux", Some("linux"))]);
    assert_eq!(doc.kind, None);
    let doc = parse_html("h", "<main><h1>Platen Presses<a class=\"headerlink\" href=\"#p\">¶</a></h1><p>x</p></main>");
    assert_eq!(doc.title, "Platen Presses", "no permalink sign in the title");
}

#[test]
fn titles_come_from_the_content_or_the_page_part_of_the_title() {
    let logo = "<title>Guide | Acme</title><body><div class=\"site-logo\">Acme</div><p>Text</p>";
    assert_eq!(parse_html("a", logo).title, "Guide", "the suffix is the site's name, shown as its logo");
    let plain = "<title>Guide | Acme</title><body><p>Text</p>";
    assert_eq!(parse_html("b", plain).title, "Guide | Acme", "nothing says Acme is the site");
    let h1 = "<title>Acme</title><body><header><h1>Acme</h1></header><main><h1>Directive reference</h1><p>x</p></main>";
    let doc = parse_html("c", h1);
    assert_eq!(doc.title, "Directive reference");
    assert_eq!(doc.kind, None, "no type guessed from an HTML page's title");
    // Jekyll's SEO tag titles the home page "Site | description": the part left is no title.
    let home = "<title>Navigation 101 | Write an awesome description for your new site here.</title>\
        <meta name=\"description\" content=\"Write an awesome  description for your new site here.\">\
        <body><a class=\"site-title\" href=\"/\">Navigation 101</a><main><h2>Posts</h2><p>x</p></main>";
    assert_eq!(parse_html("index", home).title, "Navigation 101", "a description after the site's name");
    // Only the home page: Docusaurus describes its blog's index as "Blog" and titles it "Blog | Site".
    let blog = "<title>Blog | My Site</title><meta name=\"description\" content=\"Blog\">\
        <body><a class=\"navbar__brand\" href=\"/\"><b class=\"navbar__title\">My Site</b></a><main><p>x</p></main>";
    assert_eq!(parse_html("blog/index", blog).title, "Blog", "a page that is not the home page keeps its part");
    let tagline = "<title>Acme | Tools for printers</title><meta name=\"description\" content=\"Platen presses.\">\
        <body><div class=\"site-logo\">Acme</div><p>Text</p>";
    assert_eq!(parse_html("e", tagline).title, "Tools for printers", "a part that is not the description stays");
}

#[test]
fn redirect_stubs_are_marked() {
    let mkdocs = r#"<html><head><title>Redirecting...</title><meta http-equiv="refresh" content="0; url=../new/"></head>
<body>You should have been redirected. <a href="../new/">If not, click here to continue.</a></body></html>"#;
    let (_, notes) = parse_html_page("r", mkdocs, &PageOptions::default());
    assert_eq!(notes.redirect.as_deref(), Some("../new/"));
    let sphinx = r#"<html><head><noscript><meta http-equiv="refresh" content="0; URL='new.html'"/></noscript>
<script>window.location.href = "new.html";</script></head></html>"#;
    let (_, notes) = parse_html_page("s", sphinx, &PageOptions::default());
    assert_eq!(notes.redirect.as_deref(), Some("new.html"));
    let (_, notes) =
        parse_html_page("n", "<meta http-equiv=refresh content=30><p>Live scores</p>", &PageOptions::default());
    assert_eq!(notes.redirect, None, "a page that reloads itself is not a redirect");
}

#[test]
fn section_anchors_come_from_sections_and_definition_terms() {
    let page = r##"<main><section id="configuration"><h1>Configuration</h1><p>Intro text.</p>
<section id="general"><h2>General</h2><p>General text.</p>
<dl class="std confval"><dt class="sig" id="confval-project">project<a class="headerlink" href="#confval-project">¶</a></dt>
<dd><p>The project name.</p></dd><dt id="confval-author">author</dt><dd>The author.</dd></dl>
<p>Back in general.</p><h3>Untitled part</h3><p>More.</p></section>
<article id="glossary"><h2><a name="terms"></a>Terms</h2><dl><dt id="term-index">index</dt><dd>A list.</dd></dl></article></section></main>"##;
    let doc = parse_html("c", page);
    let sections: Vec<(&str, Option<&str>)> =
        doc.sections.iter().map(|s| (s.title.as_str(), s.anchor.as_deref())).collect();
    assert_eq!(
        sections,
        [
            ("Configuration", Some("configuration")),
            ("General", Some("general")),
            ("project", Some("confval-project")),
            ("author", Some("confval-author")),
            ("General", Some("general")),
            ("Untitled part", None),
            ("Terms", Some("terms")),
            ("index", Some("term-index")),
        ]
    );
    let at =
        |title: &str, n: usize| doc.sections.iter().filter(|s| s.title == title).nth(n).map(|s| &doc.body[s.start..]);
    assert!(at("author", 0).is_some_and(|t| t.starts_with("author\n\nThe author.")));
    assert!(at("General", 1).is_some_and(|t| t.starts_with("Back in general.")), "the heading's section resumes");
    assert!(!doc.body.contains('¶'));
}

#[test]
fn lists_of_the_sites_pages_are_not_text_but_lists_of_files_and_notes_are() {
    // Jekyll's minima home page: a date and a link to each post.
    let post = |d: &str, href: &str, t: &str| {
        format!("<li><span class=\"post-meta\">{d}</span>\n<h3>\n<a class=\"post-link\" href=\"{href}\">\n{t}\n</a>\n</h3></li>")
    };
    let home = format!(
        "<title>Navigation 101</title><main><p>Weekly lectures on celestial navigation.</p><h2>Posts</h2><ul class=\"post-list\">{}{}{}</ul></main>",
        post("Sep 22, 2026", "/2026/09/22/dead-reckoning.html", "Lecture 4: Dead Reckoning"),
        post("Sep 15, 2026", "/2026/09/15/the-sextant.html", "Lecture 3: Using the Sextant"),
        post("Sep 8, 2026", "../sight-reduction/", "Lecture 2: Sight Reduction"),
    );
    let doc = parse_html("home", &home);
    assert!(doc.body.contains("Weekly lectures"), "{:?}", doc.body);
    assert!(!doc.body.contains("Sextant") && !doc.body.contains("Reckoning"), "{:?}", doc.body);
    // Links to files, to other sites, items with words of their own, and short lists stay.
    let files = "<main><ul><li><a href=\"report-2023.pdf\">Annual report 2023</a></li>\
        <li><a href=\"report-2024.pdf\">Annual report 2024</a></li><li><a href=\"plan.docx\">Plan</a></li></ul></main>";
    assert!(parse_html("f", files).body.contains("Annual report 2024"));
    let external = "<main><ul><li><a href=\"https://a.example/\">Alpha archive</a></li>\
        <li><a href=\"https://b.example/\">Beta archive</a></li><li><a href=\"https://c.example/\">Gamma archive</a></li></ul></main>";
    assert!(parse_html("x", external).body.contains("Gamma archive"));
    let notes = "<main><ul><li><a href=\"kiln.html\">Kiln</a>: fire it slowly until the glaze melts and shines.</li>\
        <li><a href=\"loom.html\">Loom</a>: warp it with linen before the weft goes in.</li>\
        <li><a href=\"wheel.html\">Wheel</a>: centre the clay before you open it.</li></ul></main>";
    assert!(parse_html("n", notes).body.contains("glaze melts"));
    let two =
        "<main><ul><li><a href=\"a.html\">Alpha page</a></li><li><a href=\"b.html\">Beta page</a></li></ul></main>";
    assert!(parse_html("t", two).body.contains("Beta page"));
}
