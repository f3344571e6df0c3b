//! The page reader's tests: the behaviours the hand-written reader had, kept as they were.

use super::entities::ENTITIES;
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
fn side_by_side_elements_of_a_heading_drawn_as_lines_are_two_words() {
    // VitePress's home page: the two spans are blocks by CSS.
    let hero = r#"<main><h1 class="heading"><span class="name">Navigation 101</span><span class="text">Finding your way</span></h1><p>Welcome.</p></main>"#;
    assert_eq!(parse_html("index", hero).title, "Navigation 101 Finding your way");
    // Not elsewhere, nor where text sits between them or the next does not start a sentence.
    for (html, title) in [
        ("<h1>H<sub>2</sub>O and <b>CO</b><sub>2</sub></h1>", "H2O and CO2"),
        ("<h1><b>un</b><i>believable</i></h1>", "unbelievable"),
        ("<h1><span>Part 1</span>. <span>Tides</span></h1>", "Part 1. Tides"),
    ] {
        assert_eq!(parse_html("x", &format!("<main>{html}<p>text</p></main>")).title, title);
    }
    let prose = parse_html("p", "<main><h1>T</h1><p><span>ab</span><span>Cd</span></p></main>");
    assert!(prose.body.contains("abCd"), "{}", prose.body);
}

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
fn the_languages_a_page_declares_a_translation_in_are_a_filter() {
    use crate::TRANSLATIONS_FILTER;
    let translations = |html: &str| parse_html("p", html).filters.get(TRANSLATIONS_FILTER).cloned();
    // Hugo's Book theme (the English home page of its example site), Material's `extra.alternate`
    // (its own language among them), Docusaurus (with x-default), regional subtags folded.
    let hugo = r#"<html lang="en"><head><link rel="alternate" hreflang="ru" href="https://example.com/ru/" title="Введение">
<link rel="alternate" hreflang="zh" href="https://example.com/zh/"><link rel="alternate" type="application/rss+xml" href="/index.xml">
</head><body><main><h1>Introduction</h1><p>Text.</p></main></body></html>"#;
    assert_eq!(translations(hugo), Some(vec!["ru".to_string(), "zh".to_string()]));
    let material = r#"<html lang="de"><head><link rel="alternate" href="/en/" hreflang="en"><link rel="alternate" href="/de/" hreflang="de">
</head><body><main><p>Text.</p></main></body></html>"#;
    assert_eq!(translations(material), Some(vec!["en".to_string()]));
    let docusaurus = r#"<html lang="fr-FR"><head><link rel="alternate" href="https://x.org/docs/a" hreflang="en-US">
<link rel="alternate" href="https://x.org/fr/docs/a" hreflang="fr"><link rel="alternate" href="https://x.org/docs/a" hreflang="x-default">
</head><body><main><p>Texte.</p></main></body></html>"#;
    assert_eq!(translations(docusaurus), Some(vec!["en".to_string()]));
    // A page with no translation, or whose only alternate is a feed or its own language, has none;
    // nor do <a hreflang> links (a demo's switch of its interface language is not a translation).
    for html in [
        r#"<html lang="en"><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><main><p>T.</p></main>"#,
        r#"<html lang="en"><head><link rel="alternate" hreflang="en-GB" href="/"></head><main><p>T.</p></main>"#,
        r#"<html lang="en"><body><nav><a href="ru.html" hreflang="ru">Русский</a></nav><main><p>T.</p></main></body></html>"#,
    ] {
        assert_eq!(translations(html), None, "{html}");
    }
}

#[test]
fn versions_on_another_site_are_not_this_sites_translations() {
    use crate::TRANSLATIONS_FILTER;
    let translations = |head: &str| {
        let html = format!("<html lang=\"en\"><head>{head}</head><body><main><p>T.</p></main></body></html>");
        parse_html("p", &html).filters.get(TRANSLATIONS_FILTER).cloned().unwrap_or_default()
    };
    // A company's English site names its German one on another domain: not a page of this site.
    let canonical = r#"<link rel="canonical" href="https://example.com/a/">"#;
    assert!(translations(&format!(r#"{canonical}<link rel="alternate" hreflang="de" href="https://example.de/a/">"#))
        .is_empty());
    // The same host (any case), a relative or protocol-relative href: this site's.
    for href in ["https://EXAMPLE.com/de/a/", "/de/a/", "../de/a/", "//example.com/de/a/"] {
        let head = format!(r#"<link rel="alternate" hreflang="de" href="{href}">{canonical}"#);
        assert_eq!(translations(&head), ["de"], "{href}");
    }
    // Without a canonical URL, the page's alternate in its own language names its host.
    let own = r#"<link rel="alternate" hreflang="en" href="https://example.com/a/">"#;
    let head = format!(
        r#"{own}<link rel="alternate" hreflang="de" href="https://example.de/a/"><link rel="alternate" hreflang="fr" href="https://example.com/fr/a/">"#
    );
    assert_eq!(translations(&head), ["fr"]);
    // Neither: every alternate counts.
    assert_eq!(translations(r#"<link rel="alternate" hreflang="de" href="https://example.de/a/">"#), ["de"]);
}

#[test]
fn a_pages_one_time_element_dates_it_when_no_meta_tag_does() {
    let date = |html: &str| parse_html("p", html).date;
    // MkDocs Material's blog: the post's date only in its metadata sidebar.
    let material = r#"<nav class="md-nav"><div class="md-nav__link"><time datetime="2026-03-01 00:00:00+00:00">March 1,
        2026</time></div></nav><main><article><h1>Restoring the logbook</h1><p>Text.</p></article></main>"#;
    assert_eq!(date(material).as_deref(), Some("2026-03-01"));
    let eleventy = r#"<main><h1>Post</h1><ul class="post-metadata"><li><time datetime="2026-05-02">2 May</time></li></ul>
        <p>Text.</p></main>"#;
    assert_eq!(date(eleventy).as_deref(), Some("2026-05-02"));
    let meta = format!(r#"<meta property="article:published_time" content="2025-01-09">{eleventy}"#);
    assert_eq!(date(&meta).as_deref(), Some("2025-01-09"), "a <meta> date comes first");
    let two = r#"<main><time datetime="2026-05-02">2 May</time><time datetime="2026-06-02">2 June</time></main>"#;
    assert_eq!(date(two), None, "several times: a list or a schedule");
    let prose =
        r#"<main><h1>Lectures</h1><p>The next one is on <time datetime="2026-10-01">1 October</time>.</p></main>"#;
    assert_eq!(date(prose), None, "a time in running text dates an event, not the page");
}

#[test]
fn a_chinese_article_with_a_list_of_related_posts_is_not_an_overview() {
    // Two paragraphs written without spaces, and ten short links: counted by whitespace, the
    // paragraphs were two words against the links' ten, and the page was skipped as a list.
    let html = r#"<html lang="zh-CN"><body><article><h1>宋代茶器展</h1>
<p>本次展览展出宋代建窑黑釉茶盏三十余件，以及龙泉窑青瓷茶具。宋人斗茶，尤重黑釉茶盏。</p>
<p>建窑位于福建建阳，以兔毫盏和油滴盏闻名。展览至九月三十日结束，每周一闭馆。</p>
<h2>相关文章</h2><p><a href="/a/">清代地图</a> <a href="/b/">修复记</a> <a href="/c/">馆藏</a>
<a href="/d/">青瓷</a> <a href="/e/">展览</a> <a href="/f/">地图</a> <a href="/g/">茶盏</a>
<a href="/h/">建窑</a> <a href="/i/">龙泉</a> <a href="/j/">绢本</a></p></article></body></html>"#;
    let (doc, notes) = parse_html_page("2025/04/12/tea/index", html, &PageOptions::default());
    assert_eq!(notes.generated, None, "{}", doc.body);
    // A page of links alone is still one.
    let list = r#"<html lang="zh-CN"><body><main><h1>标签</h1><p><a href="/a/">清代地图修复记</a></p>
<p><a href="/b/">宋代茶器展</a></p></main></body></html>"#;
    let (_, notes) = parse_html_page("tags/index", list, &PageOptions::default());
    assert!(notes.generated.is_some_and(|g| g.starts_with("a page listing 2 other pages")));
}
