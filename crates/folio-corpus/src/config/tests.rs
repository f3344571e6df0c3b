//! Tests of reading and checking `folio.toml`.

use std::path::{Path, PathBuf};

use super::*;
use folio_core::index::Settings;

fn parse(text: &str) -> Result<Config> {
    Config::parse(text, Path::new("site/folio.toml"))
}

fn error(text: &str) -> String {
    parse(text).map(|_| ()).map_err(|e| e.to_string()).err().unwrap_or_default()
}

const FULL: &str = r##"
[site]
include = ["**/*.html", "notes/*.md"]
exclude = "drafts"
base_url = "/museum/"
clean_urls = true

[html]
content = ["#content", "main"]
ignore = [".share", "aside"]

[encoding]
default = "cp1251"
paths = { "koi/**" = "koi8-r" }

[languages]
default = "ru"
only = ["ru", "en"]
stemming = true

[fields.title]
weight = 3
b = 0.4

[ranking]
k1 = 1.2

[filters]
type = ["dc.type"]
author = "author"
material = { label = "Made of" }
collection = { label = " Collection ", from = ["dc.subject"] }

[words]
stop_words = ["fig"]
synonyms = ["DPRK, North Korea", "KWP => Korean Workers' Party"]
"##;

#[test]
fn a_full_file_is_read() -> Result<()> {
    let c = parse(FULL)?;
    assert_eq!(c.include, ["**/*.html", "notes/*.md"]);
    assert_eq!(c.exclude, ["drafts"]);
    assert_eq!((c.base_url.as_str(), c.clean_urls), ("/museum/", true));
    assert_eq!(c.content, ["#content", "main"]);
    assert_eq!(c.encoding.as_deref(), Some("cp1251"));
    assert_eq!(c.encodings, [("koi/**".to_string(), "koi8-r".to_string())]);
    assert_eq!(
        (c.default_language.as_deref(), c.languages.as_slice()),
        (Some("ru"), &["ru".to_string(), "en".to_string()][..])
    );
    assert_eq!((c.settings.weights[0], c.settings.b[0], c.settings.k1), (3.0, 0.4, 1.2));
    assert_eq!(c.settings.weights[2], Settings::default().weights[2], "unset values keep their defaults");
    assert_eq!(c.filters.get("type"), Some(&vec!["dc.type".to_string()]));
    assert_eq!(c.filters.get("author"), Some(&vec!["author".to_string()]));
    assert!(c.filters.contains_key("date"), "filters not named keep their defaults");
    assert_eq!(c.filters.get("collection"), Some(&vec!["dc.subject".to_string()]));
    let facets: Vec<(&str, Option<&str>)> = c.facets.iter().map(|(k, l)| (k.as_str(), l.as_deref())).collect();
    assert_eq!(
        facets,
        [("author", None), ("material", Some("Made of")), ("collection", Some("Collection"))],
        "file order"
    );
    assert_eq!(c.vocabulary().map(|v| v.rule_count()), Ok(3));
    c.check()?;
    assert_eq!(parse("")?, Config { source: Some(PathBuf::from("site/folio.toml")), ..Config::default() });
    Ok(())
}

#[test]
fn unknown_keys_and_bad_values_name_the_key_and_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("[site]\ninclude = [\"*.html\"]\nexlude = [\"x\"]\n", "folio.toml:3:", "unknown key `exlude`"),
        ("[fields.author]\nweight = 1\n", "folio.toml:1:", "unknown key `author`"),
        ("[sites]\n", "folio.toml:1:", "unknown key `sites`"),
        ("[fields.body]\nweight = -1\n", "folio.toml:2:", "fields.body.weight: weight -1"),
        ("[fields.body]\nb = 1.5\n", "folio.toml:2:", "fields.body.b"),
        ("[ranking]\nk1 = \"high\"\n", "folio.toml:2:", "expected a number (in `k1 = \"high\"`)"),
        ("\n\n[encoding]\ndefault = \"win-1251\"\n", "folio.toml:4:", "unknown encoding \"win-1251\""),
        ("[site]\nexclude = [\"a/[b\"]\n", "folio.toml:2:", "site.exclude: invalid glob pattern"),
        ("[html]\nignore = [\"div > p\"]\n", "folio.toml:2:", "html.ignore: selector"),
        ("[languages]\nstemming = false\n", "folio.toml:2:", "stemming cannot be turned off"),
        ("[languages]\ndefault = \"Klingon language\"\n", "folio.toml:2:", "not a language code"),
        ("[words]\nsynonyms = [\n  \"DPRK, North Korea\",\n  \"KWP\",\n]\n", "folio.toml:4:", "names only one phrase"),
        ("[words]\nstop_words = [\"of the\"]\n", "folio.toml:2:", "more than one word"),
        ("[site]\ninclude = []\n", "folio.toml:2:", "no page would be read"),
        ("[filters]\n\nroom = { label = \" \" }\n", "folio.toml:3:", "filters.room: has an empty label"),
        ("[filters]\nroom = { lable = \"Room\" }\n", "folio.toml:2:", ""),
        ("[site\n", "folio.toml:1:", ""),
    ];
    for (text, place, message) in cases {
        let err = error(text);
        assert!(err.starts_with(&format!("site/{place}")), "{text:?} gave {err}");
        assert!(err.contains(message), "{text:?} gave {err}");
    }
}

#[test]
fn base_url_is_a_web_address_or_a_path() {
    for good in ["", "/museum/", "museum", "../up/", "https://museum.example/", "HTTP://x.org", "//cdn.example/"] {
        let text = format!("[site]\nbase_url = {good:?}\n");
        assert!(parse(&text).is_ok_and(|c| c.base_url == good), "{good:?}: {}", error(&text));
    }
    for bad in [
        "javascript:alert(1)//",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "file:///etc/",
        "mailto:a@b.c",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "/museum/\n",
    ] {
        let text = format!("[site]\n\nbase_url = {bad:?}\n");
        let err = error(&text);
        assert!(err.starts_with("site/folio.toml:3: site.base_url: "), "{bad:?} gave {err:?}");
    }
    let c = Config { base_url: "javascript:alert(1)".into(), ..Config::default() };
    assert!(c.check().is_err_and(|e| e.to_string().contains("site.base_url")));
}

#[test]
fn command_line_values_are_checked_too() {
    let mut c = Config::default();
    assert!(c.add_synonym("a => b").is_ok());
    assert!(c.add_synonym("a").is_err());
    c.exclude.push("[".into());
    assert!(c.check().is_err_and(|e| e.to_string().contains("site.exclude")));
}

#[test]
fn errors_are_configuration_errors_naming_the_file_or_the_command_line() {
    match parse("[site]\nexclude = [\"a/[b\"]\n") {
        Err(Error::Config { path: Some(path), line: Some(2), message }) => {
            assert_eq!(path, Path::new("site/folio.toml"));
            assert!(message.starts_with("site.exclude: invalid glob pattern"), "{message}");
        }
        other => panic!("expected a configuration error at line 2, got {other:?}"),
    }
    // Values changed on the command line: no file to name, and no made-up one.
    let c = Config { exclude: vec!["[".into()], ..Config::default() };
    let err = c.check().map(|()| "accepted".to_string()).unwrap_or_else(|e| format!("{e:?} / {e}"));
    assert!(err.starts_with("Config { path: None"), "{err}");
    assert!(
        err.ends_with(
            "/ command-line options: site.exclude: invalid glob pattern \"[\": unclosed character class; missing ']'"
        ),
        "{err}"
    );
    // The site reader compiles the same values by the same rules, with the same kind of error.
    let read = crate::read_site(Path::new("."), &c, None, &mut |_, _| {}, |_| Ok(()));
    assert!(matches!(read, Err(Error::Config { path: None, line: None, .. })), "{read:?}");
}
