//! Site walking (issue 19, defects 6, 10 and 11; issue 16 item 5): only the site's own regular
//! files are read, every file name gets a working link, and the report says what was skipped and
//! why, one finding per line whatever the file names hold. (The HTML reader's tests are in main.rs.)

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use folio_corpus::config::Config;
use folio_corpus::{read_site, Document, SiteReport};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A scratch folder under the target directory, emptied first.
fn scratch(name: &str) -> Result<PathBuf, std::io::Error> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("walk-{name}"));
    if dir.exists() {
        make_listable(&dir);
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Gives back the permissions a test took away, so the folder can be removed.
fn make_listable(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::set_permissions(entry.path(), fs::Permissions::from_mode(0o755));
            make_listable(&entry.path());
        }
    }
}

fn page(title: &str, text: &str) -> String {
    format!("<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>")
}

/// Reads `root` with `config` and returns its documents and report.
fn read(root: &Path, config: &Config) -> Result<(Vec<Document>, SiteReport), folio_core::Error> {
    let mut documents = Vec::new();
    let report = read_site(root, config, None, &mut |_, _| {}, |doc| {
        documents.push(doc);
        Ok(())
    })?;
    Ok((documents, report))
}

/// The skipped paths (as the report writes them) and their reasons.
fn skipped(report: &SiteReport) -> BTreeMap<String, String> {
    report.skipped.iter().map(|s| (s.path.display().to_string(), s.reason.clone())).collect()
}

fn ids(documents: &[Document]) -> Vec<&str> {
    documents.iter().map(|d| d.id.as_str()).collect()
}

fn mkfifo(path: &Path) -> TestResult {
    let status = std::process::Command::new("mkfifo").arg(path).status()?;
    if !status.success() {
        return Err(format!("mkfifo {} failed", path.display()).into());
    }
    Ok(())
}

/// [`read`] on another thread. A build that blocks on a FIFO would hang the test run; after
/// a generous wait the FIFO is opened for writing and closed (so the blocked read ends) and
/// the test fails. The wait guards against a hang; it measures nothing.
fn read_unblocking(root: &Path, fifo: &Path) -> Result<(Vec<Document>, SiteReport), Box<dyn std::error::Error>> {
    let (send, receive) = mpsc::channel();
    let site = root.to_path_buf();
    std::thread::spawn(move || {
        let _ = send.send(read(&site, &Config::default()).map_err(|e| e.to_string()));
    });
    match receive.recv_timeout(Duration::from_secs(120)) {
        Ok(result) => Ok(result?),
        Err(_) => {
            drop(fs::OpenOptions::new().write(true).open(fifo));
            let _ = receive.recv_timeout(Duration::from_secs(10));
            Err(format!("the build blocked reading the FIFO {}", fifo.display()).into())
        }
    }
}

#[test]
fn links_out_of_the_site_and_special_files_are_not_read() -> TestResult {
    let dir = scratch("outside")?;
    let elsewhere = scratch("outside-elsewhere")?;
    fs::write(dir.join("index.html"), page("Home", "The museum opens at nine."))?;
    fs::write(elsewhere.join("secret.html"), page("Secret", "The vault code is 1234."))?;
    symlink("/etc/passwd", dir.join("passwd.html"))?;
    symlink("/dev/zero", dir.join("zero.html"))?;
    symlink(elsewhere.join("secret.html"), dir.join("secret.html"))?;
    symlink(&elsewhere, dir.join("elsewhere"))?;
    mkfifo(&dir.join("page.html"))?;
    symlink("page.html", dir.join("pipe.txt"))?;
    let (documents, report) = read_unblocking(&dir, &dir.join("page.html"))?;

    assert_eq!(ids(&documents), ["index"], "{}", report.render());
    assert!(documents.iter().all(|d| !d.body.contains("root:") && !d.body.contains("vault")));
    let skipped = skipped(&report);
    for link in ["passwd.html", "zero.html", "secret.html"] {
        assert_eq!(skipped.get(link).map(String::as_str), Some("symbolic link to a file outside the site (not read)"));
    }
    assert_eq!(
        skipped.get("elsewhere").map(String::as_str),
        Some("symbolic link to a folder outside the site (not followed)")
    );
    assert_eq!(skipped.get("page.html").map(String::as_str), Some("not a regular file (a FIFO; not read)"));
    assert_eq!(skipped.get("pipe.txt").map(String::as_str), Some("not a regular file (a FIFO; not read)"));
    assert!(report.skipped.iter().all(|s| s.problem), "each is something for the site owner to look at");
    let text = report.render();
    assert!(text.contains("\n  passwd.html: symbolic link to a file outside the site (not read)\n"), "{text}");
    assert!(
        !text.contains("/etc/passwd") && !text.contains(&elsewhere.display().to_string()),
        "targets stay private: {text}"
    );
    fs::remove_dir_all(&dir)?;
    fs::remove_dir_all(&elsewhere)?;
    Ok(())
}

#[test]
fn links_inside_the_site_are_read_once_and_folder_loops_end() -> TestResult {
    let dir = scratch("inside")?;
    fs::create_dir_all(dir.join("docs/deep"))?;
    fs::create_dir_all(dir.join("data"))?;
    fs::create_dir_all(dir.join("drafts"))?;
    fs::create_dir_all(dir.join(".private"))?;
    fs::write(dir.join("docs/a.html"), page("Alpha", "The first gallery."))?;
    fs::write(dir.join("docs/deep/b.html"), page("Beta", "The second gallery."))?;
    fs::write(dir.join("data/c.dat"), page("Gamma", "The third gallery."))?;
    fs::write(dir.join("drafts/d.html"), page("Delta", "A draft."))?;
    fs::write(dir.join(".private/e.html"), page("Epsilon", "A hidden page."))?;
    symlink("docs/a.html", dir.join("a-again.html"))?; // the same page twice: read once
    symlink("data/c.dat", dir.join("c.html"))?; // a page served under another name: read
    symlink("docs", dir.join("mirror"))?; // a folder already read
    symlink("../..", dir.join("docs/deep/up"))?; // a loop, to the site itself
    symlink("drafts/d.html", dir.join("d.html"))?; // excluded where it is
    symlink(".private/e.html", dir.join("e.html"))?; // hidden where it is
    let config = Config { exclude: vec!["drafts".into()], ..Config::default() };
    let (documents, report) = read(&dir, &config)?;

    assert_eq!(ids(&documents), ["c", "docs/a", "docs/deep/b"], "{}", report.render());
    let c = documents.iter().find(|d| d.id == "c").ok_or("c.html not read")?;
    assert_eq!(c.url.as_deref(), Some("c.html"), "a link is served at its own path");
    let skipped = skipped(&report);
    assert_eq!(
        skipped.get("a-again.html").map(String::as_str),
        Some("same file as docs/a.html (a symbolic link; read once)")
    );
    assert_eq!(skipped.get("mirror").map(String::as_str), Some("symbolic link to a folder already read (docs)"));
    assert_eq!(
        skipped.get("docs/deep/up").map(String::as_str),
        Some("symbolic link to a folder already read (the site's own folder)")
    );
    assert_eq!(
        skipped.get("d.html").map(String::as_str),
        Some("symbolic link to a file that is not read where it is (excluded by \"drafts\")")
    );
    assert_eq!(
        skipped.get("e.html").map(String::as_str),
        Some("symbolic link to a file that is not read where it is (hidden)")
    );
    assert!(report.skipped.iter().all(|s| !s.problem), "the site's own choices: {}", report.render());
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn a_page_larger_than_the_limit_is_skipped_by_its_size() -> TestResult {
    let dir = scratch("huge")?;
    fs::write(dir.join("index.html"), page("Home", "Small enough."))?;
    // Sparse: the size is known from the file system, and nothing is written or read.
    let huge = fs::File::create(dir.join("dump.txt"))?;
    huge.set_len(folio_corpus::MAX_PAGE_BYTES + 1)?;
    drop(huge);
    let (documents, report) = read(&dir, &Config::default())?;
    assert_eq!(ids(&documents), ["index"]);
    let reason = skipped(&report).remove("dump.txt").unwrap_or_default();
    let limit = folio_corpus::MAX_PAGE_BYTES;
    assert_eq!(reason, format!("larger than the {} MiB a page may have ({} bytes; not read)", limit >> 20, limit + 1));
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn links_from_file_names_are_percent_encoded_segment_by_segment() -> TestResult {
    let dir = scratch("names")?;
    fs::create_dir_all(dir.join("https:"))?;
    fs::create_dir_all(dir.join("письма"))?;
    let names: &[(&[u8], &str)] = &[
        (b"Talk:Main_Page.html", "Talk%3AMain_Page.html"),
        (b"https:/evil.html", "https%3A/evil.html"),
        (b"a b#c?d%e.html", "a%20b%23c%3Fd%25e.html"),
        ("письма/1.html".as_bytes(), "%D0%BF%D0%B8%D1%81%D1%8C%D0%BC%D0%B0/1.html"),
        (b"caf\xe9.html", "caf%E9.html"),
        (b"back\\slash.html", "back%5Cslash.html"),
    ];
    for (i, (name, _)) in names.iter().enumerate() {
        fs::write(dir.join(OsStr::from_bytes(name)), page(&format!("Page {i}"), &format!("Text number {i}.")))?;
    }
    let (documents, report) = read(&dir, &Config::default())?;
    let mut urls: Vec<(String, String)> =
        documents.iter().map(|d| (d.title.clone(), d.url.clone().unwrap_or_default())).collect();
    urls.sort();
    let mut expected: Vec<(String, String)> =
        names.iter().enumerate().map(|(i, (_, url))| (format!("Page {i}"), (*url).to_string())).collect();
    expected.sort();
    assert_eq!(urls, expected, "{}", report.render());
    let based = Config { base_url: "https://museum.example/".into(), ..Config::default() };
    let (documents, _) = read(&dir, &based)?;
    assert!(documents.iter().all(|d| d.url.as_deref().is_some_and(|u| u.starts_with("https://museum.example/"))));
    assert!(documents.iter().any(|d| d.url.as_deref() == Some("https://museum.example/https%3A/evil.html")));
    fs::remove_dir_all(&dir)?;
    Ok(())
}

/// Makes `depth` nested folders of long names under `dir` and returns the deepest. The path is
/// built through a short symbolic link outside the site, so no single path given to the system
/// is long, though the full path of the deepest folder is longer than a path may be.
fn deep_folders(dir: &Path, handle: &Path, depth: usize) -> Result<PathBuf, std::io::Error> {
    let name = "n".repeat(200);
    let mut full = dir.to_path_buf();
    let mut reachable = dir.to_path_buf();
    for level in 0..depth {
        reachable = reachable.join(&name);
        full = full.join(&name);
        fs::create_dir(&reachable)?;
        if level % 8 == 7 {
            let link = handle.join(format!("h{level}"));
            symlink(&reachable, &link)?;
            reachable = link;
        }
    }
    fs::write(reachable.join("lost.html"), page("Lost", "Too deep to list."))?;
    Ok(full)
}

#[test]
fn a_folder_that_cannot_be_listed_is_skipped_and_reported() -> TestResult {
    let dir = scratch("unlistable")?;
    let handles = scratch("unlistable-handles")?;
    fs::write(dir.join("index.html"), page("Home", "Still indexed."))?;
    // The full path of the 21st folder is longer than PATH_MAX (4096 bytes): it cannot be listed,
    // whoever runs the test.
    fs::create_dir(dir.join("deep"))?;
    deep_folders(&dir.join("deep"), &handles, 21)?;
    // A folder without permissions cannot be listed either, unless the test runs with the
    // power to override them (as root usually does): then it is read.
    fs::create_dir(dir.join("locked"))?;
    fs::write(dir.join("locked/inside.html"), page("Inside", "Behind a lock."))?;
    fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o000))?;
    let overridden = fs::read_dir(dir.join("locked")).is_ok();

    let result = read(&dir, &Config::default());
    fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o755))?;
    let (documents, report) = result?;
    let long: Vec<&folio_corpus::Skipped> = report.skipped.iter().filter(|s| s.path.starts_with("deep")).collect();
    assert_eq!(long.len(), 1, "{}", report.render());
    assert!(long[0].reason.starts_with("cannot list the folder: "), "{}", long[0].reason);
    assert!(long[0].problem);
    assert!(!documents.iter().any(|d| d.id.ends_with("lost")));
    let locked = report.skipped.iter().find(|s| s.path == Path::new("locked"));
    if overridden {
        assert!(locked.is_none() && documents.iter().any(|d| d.id == "locked/inside"), "{}", report.render());
    } else {
        let reason = locked.map(|s| s.reason.as_str()).unwrap_or_default();
        assert!(reason.starts_with("cannot list the folder: ") && reason.contains("ermission"), "{reason}");
    }
    assert!(documents.iter().any(|d| d.id == "index"));
    fs::remove_dir_all(&dir)?;
    fs::remove_dir_all(&handles)?;
    Ok(())
}

#[test]
fn file_names_cannot_add_lines_to_the_report() -> TestResult {
    let dir = scratch("report-lines")?;
    fs::write(dir.join("index.html"), page("Home", "A page."))?;
    fs::write(dir.join("evil\nskipped: 0\n  fine.html: ok\u{2028}.html"), b"<p>\xff</p>")?;
    fs::write(dir.join("empty\rwarnings: 0.html"), "")?;
    fs::write(dir.join("tab\there\u{1b}[31m.css"), "body {}")?;
    let (_, report) = read(&dir, &Config::default())?;
    let text = report.render();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "read, other files, skipped, one skip, warnings, one warning:\n{text}");
    assert!(lines[3].starts_with("  evil\\nskipped: 0\\n  fine.html: ok\\u{2028}.html: undecodable bytes"), "{text}");
    assert!(lines[5].starts_with("  empty\\rwarnings: 0.html: empty page"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\r') && !text.contains('\t'), "{text:?}");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn impossible_dates_and_languages_are_dropped_with_a_warning() -> TestResult {
    let dir = scratch("values")?;
    fs::write(
        dir.join("a.html"),
        "<html lang=\"Klingon language\"><head><title>A</title><meta name=\"date\" content=\"2023-02-31\"></head>\
         <body><main><p>The first page.</p></main></body></html>",
    )?;
    fs::write(dir.join("b.md"), "---\ntitle: B\ndate: 2023-02-29\nlang: <script>\n---\nThe second page.\n")?;
    fs::write(
        dir.join("c.html"),
        "<html lang=\"pt-BR\"><head><title>C</title><meta name=\"date\" content=\"2024-02-29\"></head>\
         <body><main><p>O terceiro.</p></main></body></html>",
    )?;
    let (documents, report) = read(&dir, &Config::default())?;
    let doc = |id: &str| documents.iter().find(|d| d.id == id).cloned().unwrap_or_default();
    assert_eq!((doc("a").date, doc("b").date), (None, None), "{}", report.render());
    assert_eq!(doc("c").date.as_deref(), Some("2024-02-29"));
    assert_eq!(doc("a").lang.as_deref(), Some("en"), "an unusable lang is ignored: the script decides");
    assert_eq!(doc("b").lang.as_deref(), Some("en"));
    assert_eq!(doc("c").lang.as_deref(), Some("pt"));
    let warnings: Vec<String> = report
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.path.as_deref().unwrap_or(Path::new("")).display(), w.message))
        .collect();
    let has = |needle: &str| warnings.iter().any(|w| w.contains(needle));
    assert!(has("a.html: <meta name=\"date\"> date \"2023-02-31\" is not a date"), "{warnings:#?}");
    assert!(has("b.md: line 3: front matter date \"2023-02-29\" is not a date"), "{warnings:#?}");
    assert!(has("a.html: lang \"klingon language\" is not a language tag"), "{warnings:#?}");
    assert!(has("b.md: lang \"<script>\" is not a language tag"), "{warnings:#?}");
    assert!(!warnings.iter().any(|w| w.starts_with("c.html")), "{warnings:#?}");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn a_configuration_that_is_not_a_regular_file_is_an_error() -> TestResult {
    let dir = scratch("config-special")?;
    fs::write(dir.join("index.html"), page("Home", "A page."))?;
    let message = |r: folio_core::Result<Config>| r.map(|_| ()).map_err(|e| e.to_string()).err().unwrap_or_default();
    let zero = message(Config::find(&dir, Some(Path::new("/dev/zero"))));
    assert!(zero.contains("/dev/zero: cannot read the configuration: not a regular file"), "{zero}");
    mkfifo(&dir.join("folio.toml"))?;
    let fifo = message(Config::find(&dir, None));
    assert!(fifo.contains("folio.toml: cannot read the configuration: not a regular file (a FIFO)"), "{fifo}");
    fs::remove_file(dir.join("folio.toml"))?;
    fs::create_dir(dir.join("folio.toml"))?;
    let folder = message(Config::find(&dir, None));
    assert!(folder.contains("folio.toml: cannot read the configuration: not a regular file (a folder)"), "{folder}");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn nul_and_control_characters_are_not_indexed_as_text() -> TestResult {
    let dir = scratch("nul")?;
    fs::write(dir.join("a.html"), page("Ti\0tle", "alpha\0beta\u{7}gamma"))?;
    fs::write(dir.join("b.txt"), "Plain\0title\n\ndelta\0epsilon\n")?;
    fs::write(dir.join("c.jsonl"), "{\"id\": \"c\", \"title\": \"J\\u0000\", \"body\": \"zeta\\u0000eta\"}\n")?;
    let config =
        Config { include: vec!["**/*.html".into(), "**/*.txt".into(), "**/*.jsonl".into()], ..Config::default() };
    let (documents, report) = read(&dir, &config)?;
    assert_eq!(documents.len(), 3, "{}", report.render());
    for doc in &documents {
        for text in [&doc.title, &doc.body, &doc.summary] {
            assert!(!text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')), "{text:?}");
        }
    }
    let a = documents.iter().find(|d| d.id == "a").ok_or("a.html")?;
    // HTML's tree builder drops a NUL in text (as a browser does: the page shows "alphabeta"),
    // and other control characters become spaces.
    assert!(a.body.contains("alphabeta gamma"), "{:?}", a.body);
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn an_old_bundle_inside_the_site_is_not_read() -> TestResult {
    let dir = scratch("old-bundle")?;
    fs::create_dir_all(dir.join("search"))?;
    fs::write(dir.join("index.html"), page("Home", "Welcome to the archive."))?;
    // What `folio index . --out search` left: its marker, a report and a script.
    fs::write(dir.join("search").join(folio_corpus::BUNDLE_MARKER), "folio bundle\n")?;
    fs::write(dir.join("search/report.txt"), "read 1 page from .; 1 document indexed\n")?;
    fs::write(dir.join("search/notes.html"), page("Notes", "Left in the bundle folder."))?;
    let (documents, report) = read(&dir, &Config::default())?;
    assert_eq!(ids(&documents), ["index"], "{}", report.render());
    assert_eq!(report.other_files.get("a bundle Folio wrote"), Some(&1), "{}", report.render());
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn source_copies_of_html_pages_are_not_indexed() -> TestResult {
    let dir = scratch("sources")?;
    fs::create_dir_all(dir.join("_sources/guide"))?;
    fs::create_dir_all(dir.join("guide"))?;
    fs::create_dir_all(dir.join("notes"))?;
    fs::write(dir.join("index.html"), page("Home", "Welcome to the manual."))?;
    fs::write(dir.join("guide/install.html"), page("Install", "Run the installer."))?;
    fs::write(dir.join("api.html"), page("API", "The functions."))?;
    fs::write(dir.join("_sources/index.rst.txt"), "Home\n====\n\nWelcome to the manual.\n")?;
    fs::write(dir.join("_sources/guide/install.md.txt"), "# Install\n\nRun the installer.\n")?;
    fs::write(dir.join("_sources/guide/orphan.ipynb.txt"), "{\"cells\": []}\n")?;
    fs::write(dir.join("api.rst.txt"), "API\n===\n\nThe functions.\n")?;
    fs::write(dir.join("api.txt"), "API\n\nThe functions.\n")?;
    fs::write(dir.join("notes/reading.txt"), "Reading list\n\nBooks on the war.\n")?;
    // What a JS bundler writes beside a theme's script (Furo's _static/scripts/).
    fs::create_dir_all(dir.join("_static/scripts"))?;
    fs::write(dir.join("_static/scripts/furo.js.LICENSE.txt"), "/*!\n * gumshoejs (patched by @pradyunsg)\n */\n")?;
    // A font's license beside it (Pelican's default theme).
    fs::create_dir_all(dir.join("theme/fonts"))?;
    fs::write(
        dir.join("theme/fonts/Yanone_Kaffeesatz_LICENSE.txt"),
        "Copyright 2010 The Yanone Kaffeesatz Project Authors\n",
    )?;
    fs::write(dir.join("theme/fonts/OFL.txt"), "SIL OPEN FONT LICENSE Version 1.1\n")?;
    let (documents, report) = read(&dir, &Config::default())?;
    assert_eq!(ids(&documents), ["api", "guide/install", "index", "notes/reading"], "{}", report.render());
    assert_eq!(report.other_files.get("built-in excludes"), Some(&3), "{}", report.render());
    let skipped = skipped(&report);
    let expected = [
        ("_sources/index.rst.txt", "source copy of index.html"),
        ("_sources/guide/install.md.txt", "source copy of guide/install.html"),
        ("_sources/guide/orphan.ipynb.txt", "source copy (in a _sources folder)"),
        ("api.rst.txt", "source copy of api.html"),
        ("api.txt", "source copy of api.html"),
    ];
    for (path, reason) in expected {
        assert_eq!(skipped.get(path).map(String::as_str), Some(reason), "{}", report.render());
    }
    assert_eq!(report.skipped.len(), expected.len());
    assert!(report.skipped.iter().all(|s| !s.problem));
    fs::remove_dir_all(&dir)?;
    Ok(())
}
