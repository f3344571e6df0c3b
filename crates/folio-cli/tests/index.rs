//! The `folio index` command on the fixture site: the bundle, the report, and the exit codes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/site")
}

fn folio(args: &[&str]) -> std::io::Result<Output> {
    Command::new(env!("CARGO_BIN_EXE_folio")).args(args).output()
}

fn scratch(name: &str) -> std::io::Result<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    Ok(dir)
}

#[test]
fn indexes_the_fixture_site_into_a_bundle_with_its_report() -> TestResult {
    let out = scratch("bundle")?;
    let site = fixture();
    let run = folio(&["index", &site.to_string_lossy(), "--out", &out.to_string_lossy()])?;
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("configuration: ") && stderr.contains("fixtures/site/folio.toml"), "{stderr}");
    assert!(stderr.contains("9 documents indexed"), "{stderr}");
    assert!(stderr.contains("skipped: 2\n  broken.html: undecodable bytes: byte offset 506 (line 16)"), "{stderr}");
    assert!(stderr.contains("warnings: 3\n  empty.html: empty page"), "{stderr}");
    assert!(stderr.contains("index: 9 documents, "), "{stderr}");
    let report = fs::read_to_string(out.join("report.txt"))?;
    assert!(stderr.starts_with(&report), "the report file is what was printed");

    let search = folio(&["search", &out.to_string_lossy(), "North Korea", "--json"])?;
    let json: serde_json::Value = serde_json::from_slice(&search.stdout)?;
    let urls: Vec<&str> = json["hits"].as_array().into_iter().flatten().filter_map(|h| h["url"].as_str()).collect();
    assert!(urls.contains(&"documents/1956-plenum.html"), "synonym from folio.toml: {urls:?}");
    fs::remove_dir_all(&out)?;
    Ok(())
}

#[test]
fn strict_fails_on_skipped_pages_and_warnings_but_still_writes_the_bundle() -> TestResult {
    let out = scratch("strict")?;
    let run = folio(&["index", &fixture().to_string_lossy(), "--out", &out.to_string_lossy(), "--strict"])?;
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(stderr.contains("--strict: 4 skipped pages or warnings"), "{stderr}");
    assert!(out.join("index.folio").is_file());
    fs::remove_dir_all(&out)?;
    Ok(())
}

#[test]
fn real_errors_exit_non_zero_and_name_the_problem() -> TestResult {
    let dir = scratch("errors")?;
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("page.html"), "<title>Page</title><p>Some text.</p>")?;
    fs::write(dir.join("bad.toml"), "[site]\nexclude = []\nbase = \"/\"\n")?;
    let site = dir.to_string_lossy();
    let (config, missing) = (format!("{site}/bad.toml"), format!("{site}/missing"));
    let cases: [(Vec<&str>, &str); 5] = [
        (vec!["index", &site, "--config", &config], "bad.toml:3: unknown key `base`"),
        (vec!["index", &missing], "missing: no such folder or file"),
        (vec!["index", &site, "--encoding", "cp-1251"], "encoding.default: unknown encoding"),
        (vec!["index", &site, "--synonym", "KWP"], "--synonym: synonym rule \"KWP\" names only one phrase"),
        (
            vec!["index", &site, "--chunk-bytes", "8k"],
            "--chunk-bytes 8k: expected <bytes> or <term bytes>,<document bytes>",
        ),
    ];
    for (args, expected) in cases {
        let run = folio(&args)?;
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{args:?}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let run = folio(&["index", &site])?;
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(dir.join("folio/index.folio").is_file(), "the bundle defaults to <site dir>/folio/");
    let again = folio(&["index", &site])?;
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("the bundle's own folder 1"),
        "the bundle is not read back"
    );
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn chunk_bytes_sizes_term_and_document_chunks_apart() -> TestResult {
    let site = fixture();
    let chunks = |name: &str, sizes: &str| -> Result<(usize, usize), Box<dyn std::error::Error>> {
        let out = scratch(name)?;
        let args = [
            "index",
            &site.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
            "--split",
            "always",
            "--chunk-bytes",
            sizes,
            // One file per chunk, to count them (packed, they share a few files).
            "--pack",
            "never",
        ];
        let run = folio(&args)?;
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let names: Vec<String> = fs::read_dir(out.join("chunks"))?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        let count = |kind: &str| names.iter().filter(|n| n.contains(kind)).count();
        Ok((count("-t"), count("-d")))
    };
    let (terms, docs) = chunks("chunks-small", "512")?;
    assert!(terms > 1 && docs > 1, "{terms} term chunks, {docs} document chunks");
    assert_eq!(chunks("chunks-big-docs", "512,1000000")?, (terms, 1), "only the document chunks grow");
    Ok(())
}

#[test]
fn search_without_an_index_searches_the_built_in_seed_documents() -> TestResult {
    let run = folio(&["search", "plenum", "--json"])?;
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout)?;
    let first = json["hits"][0]["title"].as_str().unwrap_or_default();
    assert!(first.contains("Mikoyan"), "the seeds' telegram comes first: {json}");
    Ok(())
}

/// Every file under `dir`, with its size.
fn sizes(dir: &Path) -> std::io::Result<Vec<(String, u64)>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            out.extend(sizes(&entry.path())?.into_iter().map(|(n, s)| (format!("{name}/{n}"), s)));
        } else {
            out.push((name, entry.metadata()?.len()));
        }
    }
    Ok(out)
}

#[test]
fn the_report_says_why_there_is_no_offline_script_and_sizes_the_whole_bundle() -> TestResult {
    for split in ["never", "always"] {
        let out = scratch(&format!("sizes-{split}"))?;
        let run = folio(&["index", &fixture().to_string_lossy(), "--out", &out.to_string_lossy(), "--split", split])?;
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{stderr}");
        let files = sizes(&out)?;
        let total: u64 = files.iter().map(|(_, s)| s).sum();
        let human = match total {
            t if t < 1 << 20 => format!("{:.1} KiB in all", t as f64 / 1024.0),
            t => format!("{:.1} MiB in all", t as f64 / (1024.0 * 1024.0)),
        };
        assert!(stderr.contains(&human), "--split {split}: the bundle's size is every file's ({human}): {stderr}");
        let offline = out.join("folio-offline.js").is_file();
        let note = "offline script: not written: the index is split into ";
        if split == "always" {
            assert!(!offline);
            assert!(stderr.contains(note), "{stderr}");
            assert!(stderr.contains("index with --split never for a bundle that also works from disk"), "{stderr}");
            assert!(fs::read_to_string(out.join("report.txt"))?.contains(note), "the report file says it too");
        } else {
            assert!(offline && !stderr.contains("offline script: not written"), "{stderr}");
        }
        fs::remove_dir_all(&out)?;
    }
    Ok(())
}

/// The `.folio` files of a bundle, by name, with their bytes.
fn index_files(dir: &Path) -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = vec![(PathBuf::from("index.folio"), fs::read(dir.join("index.folio"))?)];
    if dir.join("chunks").is_dir() {
        for entry in fs::read_dir(dir.join("chunks"))? {
            let path = entry?.path();
            files.push((path.strip_prefix(dir).unwrap_or(&path).to_path_buf(), fs::read(&path)?));
        }
    }
    files.sort();
    Ok(files)
}

/// 8 KiB of memory and three threads of analysis write the same index as 1 GiB and one thread.
#[test]
fn a_small_memory_budget_spills_runs_and_writes_the_same_index() -> TestResult {
    let site = fixture();
    for split in ["always", "never"] {
        let (big, small) = (scratch(&format!("memory-big-{split}"))?, scratch(&format!("memory-small-{split}"))?);
        for (out, memory, threads) in [(&big, "1GiB", "1"), (&small, "8KiB", "3")] {
            let args = ["index", &site.to_string_lossy(), "--out", &out.to_string_lossy(), "--split", split];
            let budget = ["--memory", memory, "--threads", threads, "--chunk-bytes", "1000"];
            let run = folio(&[&args[..], &budget].concat())?;
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert!(run.status.success(), "{stderr}");
            assert_eq!(stderr.contains("runs of postings spilled"), memory == "8KiB", "{stderr}");
            let left: Vec<_> = fs::read_dir(out)?
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(".folio-runs"))
                .collect();
            assert!(left.is_empty(), "temporary files left: {left:?}");
        }
        assert_eq!(index_files(&small)?, index_files(&big)?, "--split {split}");
        fs::remove_dir_all(&big)?;
        fs::remove_dir_all(&small)?;
    }
    Ok(())
}

#[test]
fn a_failed_build_leaves_no_temporary_files_and_no_new_folder() -> TestResult {
    let dir = scratch("memory-fail")?;
    fs::create_dir_all(&dir)?;
    let corpus = dir.join("docs.jsonl");
    let line =
        |id: &str| format!("{{\"id\":\"{id}\",\"title\":\"T {id}\",\"body\":\"{}\"}}\n", "plenum words ".repeat(40));
    let text: String = (0..40).map(|i| line(&format!("d{i}"))).collect::<String>() + &line("d3");
    fs::write(&corpus, text)?;
    let out = dir.join("bundle");
    let run = folio(&["index", &corpus.to_string_lossy(), "--out", &out.to_string_lossy(), "--memory", "4KiB"])?;
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(stderr.contains("docs.jsonl:41: duplicate id \"d3\""), "names the file and line: {stderr}");
    assert!(!out.exists(), "the bundle folder was made only for the temporary files, and removed");
    let run = folio(&["index", &corpus.to_string_lossy(), "--memory", "lots"])?;
    assert!(String::from_utf8_lossy(&run.stderr).contains("--memory lots: expected a size"));
    let run = folio(&["index", &corpus.to_string_lossy(), "--threads", "0"])?;
    assert!(!run.status.success() && String::from_utf8_lossy(&run.stderr).contains("--threads"));
    fs::remove_dir_all(&dir)?;
    Ok(())
}
