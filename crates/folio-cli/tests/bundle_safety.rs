//! `folio index` never loses a site's files or pages to its bundle (issue 19, defect 7): it
//! refuses an `--out` that would overwrite site content, never drops a content folder silently,
//! and a rebuild that fails half-way leaves the old bundle working.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn folio(args: &[&Path]) -> std::io::Result<Output> {
    Command::new(env!("CARGO_BIN_EXE_folio")).args(args).output()
}

fn run(args: &[&str]) -> std::io::Result<Output> {
    Command::new(env!("CARGO_BIN_EXE_folio")).args(args).output()
}

/// A fresh folder with a small site in `site/`.
fn site(name: &str) -> std::io::Result<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("safety-{name}"));
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    let site = dir.join("site");
    fs::create_dir_all(site.join("docs"))?;
    fs::write(site.join("index.html"), "<title>Home</title><main><p>The museum of vases.</p></main>")?;
    fs::write(site.join("docs/a.html"), "<title>Amphora</title><main><p>An amphora from Athens.</p></main>")?;
    Ok((dir, site))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_out_that_would_overwrite_site_content_is_refused_and_nothing_is_touched() -> TestResult {
    let (dir, site) = site("refuse")?;
    // Files a site may well have, with the names of bundle files.
    fs::write(site.join("report.txt"), "the site's own report")?;
    fs::write(site.join("folio.js"), "the site's own script")?;
    fs::create_dir_all(site.join("chunks"))?;
    fs::write(site.join("chunks/part.folio"), "the site's own file")?;
    let cases: [(&Path, &str); 3] = [
        (&site, "is the site folder itself"),
        (&dir, "is a folder above the site"),
        (&site.join("docs"), "holds files Folio did not write (a.html)"),
    ];
    for (out, expected) in cases {
        let output = folio(&[Path::new("index"), &site, Path::new("--out"), out])?;
        assert!(!output.status.success(), "--out {}", out.display());
        assert!(stderr(&output).contains(expected), "--out {}: {}", out.display(), stderr(&output));
    }
    assert_eq!(fs::read_to_string(site.join("report.txt"))?, "the site's own report");
    assert_eq!(fs::read_to_string(site.join("folio.js"))?, "the site's own script");
    assert_eq!(fs::read_to_string(site.join("chunks/part.folio"))?, "the site's own file");
    assert!(!site.join("index.folio").exists() && !site.join("docs/index.folio").exists());
    assert!(!dir.join("index.folio").exists());
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn a_content_folder_named_folio_is_indexed_or_refused_never_dropped() -> TestResult {
    let (dir, site) = site("folio-folder")?;
    fs::create_dir_all(site.join("folio"))?;
    fs::write(site.join("folio/work.html"), "<title>Portfolio</title><main><p>Kylix drawings.</p></main>")?;
    // The default bundle folder is <site>/folio: here it is the site's own folder, so it is refused.
    let output = run(&["index", &site.to_string_lossy()])?;
    let message = stderr(&output);
    assert!(!output.status.success(), "{message}");
    assert!(message.contains("(the default bundle folder) holds files Folio did not write (work.html)"), "{message}");
    assert!(message.contains("--out <dir>"), "says what to do: {message}");
    assert!(!site.join("folio/index.folio").exists());
    // With the bundle elsewhere, the folder is indexed like any other.
    let out = dir.join("bundle");
    let output = run(&["index", &site.to_string_lossy(), "--out", &out.to_string_lossy()])?;
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("3 documents indexed"), "{}", stderr(&output));
    let search = run(&["search", &out.to_string_lossy(), "kylix", "--json"])?;
    let json: serde_json::Value = serde_json::from_slice(&search.stdout)?;
    assert_eq!(json["hits"][0]["url"], "folio/work.html", "{json}");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn a_rebuild_that_fails_half_way_leaves_the_old_bundle_working() -> TestResult {
    let (dir, site) = site("rebuild")?;
    let out = dir.join("bundle");
    let index = |extra: &[&str]| {
        let mut args = vec!["index", site.to_str().unwrap_or_default(), "--out", out.to_str().unwrap_or_default()];
        args.extend_from_slice(&["--split", "always", "--chunk-bytes", "64", "--pack", "always"]);
        args.extend_from_slice(extra);
        run(&args)
    };
    let first = index(&[])?;
    assert!(first.status.success(), "{}", stderr(&first));
    // The site changes, and this time the root cannot be written after the chunks (a folder
    // stands where its temporary file goes, as a full disk would stop it).
    fs::write(site.join("docs/b.html"), "<title>Kylix</title><main><p>A kylix with an owl.</p></main>")?;
    fs::create_dir_all(out.join(".index.folio.partial"))?;
    let failed = index(&[])?;
    assert!(!failed.status.success(), "{}", stderr(&failed));
    let search = run(&["search", &out.to_string_lossy(), "amphora", "--json"])?;
    assert!(search.status.success(), "the old bundle still opens, every chunk with it: {}", stderr(&search));
    let json: serde_json::Value = serde_json::from_slice(&search.stdout)?;
    assert_eq!(json["total"], 1, "{json}");
    // Once the root can be written, the rebuild completes and the old chunks go.
    fs::remove_dir(out.join(".index.folio.partial"))?;
    let again = index(&[])?;
    assert!(again.status.success(), "{}", stderr(&again));
    let search = run(&["search", &out.to_string_lossy(), "kylix", "--json"])?;
    let json: serde_json::Value = serde_json::from_slice(&search.stdout)?;
    assert_eq!(json["total"], 1, "{json}");
    let root = folio_core::index::Index::from_vec(fs::read(out.join("index.folio"))?)?;
    // Packed, the chunks are named by pack and byte range: the files are the packs.
    let mut named: Vec<String> =
        root.chunk_names().iter().map(|n| n.split('#').next().unwrap_or_default().to_string()).collect();
    named.sort();
    named.dedup();
    let mut files: Vec<String> = fs::read_dir(out.join("chunks"))?
        .map(|e| e.map(|e| format!("chunks/{}", e.file_name().to_string_lossy())))
        .collect::<Result<_, _>>()?;
    files.sort();
    assert_eq!(files, named, "the chunks left are the new root's, all of them");
    fs::remove_dir_all(&dir)?;
    Ok(())
}
