//! The command line as people expect it: `--help` on every subcommand, `folio help <cmd>`,
//! `--version`, the same flags in `search` and `bench`, and errors that name the flag.

use std::process::{Command, Output};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn folio(args: &[&str]) -> std::io::Result<Output> {
    Command::new(env!("CARGO_BIN_EXE_folio")).args(args).output()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_subcommand_has_help_and_help_names_it() -> TestResult {
    for sub in ["index", "search", "bench"] {
        let run = folio(&[sub, "--help"])?;
        let help = text(&run.stdout);
        assert!(run.status.success(), "{sub} --help: {}", text(&run.stderr));
        assert!(help.contains(&format!("Usage: folio {sub}")), "{sub}: {help}");
        let via_help = folio(&["help", sub])?;
        assert!(via_help.status.success());
        assert_eq!(text(&via_help.stdout), help, "`folio help {sub}` is `folio {sub} --help`");
    }
    let top = folio(&["--help"])?;
    let help = text(&top.stdout);
    assert!(top.status.success());
    for sub in ["index", "search", "bench", "help"] {
        assert!(help.contains(&format!("\n  {sub} ")), "{sub} listed: {help}");
    }
    Ok(())
}

#[test]
fn version_prints_the_package_version() -> TestResult {
    for args in [&["--version"][..], &["-V"]] {
        let run = folio(args)?;
        assert!(run.status.success(), "{args:?}");
        assert_eq!(text(&run.stdout), format!("folio {}\n", env!("CARGO_PKG_VERSION")), "{args:?}");
    }
    let run = folio(&["search", "--version"])?;
    assert!(run.status.success());
    assert_eq!(text(&run.stdout), format!("folio-search {}\n", env!("CARGO_PKG_VERSION")));
    Ok(())
}

#[test]
fn search_and_bench_share_the_query_flags() -> TestResult {
    let options = |sub: &str| -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let help = text(&folio(&[sub, "--help"])?.stdout);
        let start = help.find("  -n, --limit").ok_or("no --limit")?;
        let end = help.find("  -h, --help").ok_or("no --help")?;
        Ok(help[start..end].lines().map(str::to_string).collect())
    };
    let (search, bench) = (options("search")?, options("bench")?);
    for flag in
        ["--limit <N>", "--lang <CODE>", "--type <TYPE>", "--from <DATE>", "--to <DATE>", "--sort <ORDER>", "--json"]
    {
        assert!(search.iter().any(|l| l.contains(flag)), "search has {flag}");
    }
    assert_eq!(search, bench, "the same flags, in the same words");
    Ok(())
}

#[test]
fn errors_name_the_flag_and_what_it_takes_and_exit_2() -> TestResult {
    let cases: [(&[&str], &str); 7] = [
        (&["search", "plenum", "--limit", "x"], "invalid value 'x' for '--limit <N>'"),
        (&["search", "plenum", "--limit", "0"], "0 is not in 1..=1000"),
        (&["index", "site", "--split", "sometimes"], "[possible values: auto, always, never]"),
        (&["search", "plenum", "--frobnicate"], "unexpected argument '--frobnicate'"),
        (&["search"], "<QUERY> (or --queries <TSV> --run <FILE>)"),
        (&["search", "--queries", "q.tsv"], "--run <FILE>"),
        (&["bench", "--rounds", "0", "--queries", "q.tsv"], "invalid value '0' for '--rounds <N>'"),
    ];
    for (args, expected) in cases {
        let run = folio(args)?;
        let stderr = text(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: ") && stderr.contains(expected), "{args:?}: {stderr}");
        assert!(stderr.contains("--help"), "{args:?} points to the help: {stderr}");
    }
    let run = folio(&["index", "site", "--chunk-bytes", "8k"])?;
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("Usage: folio index"), "{}", text(&run.stderr));
    Ok(())
}

#[test]
fn repeated_filters_and_the_sort_reach_the_search() -> TestResult {
    let json = |args: &[&str]| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
        let run = folio(args)?;
        assert!(run.status.success(), "{args:?}: {}", text(&run.stderr));
        Ok(serde_json::from_slice(&run.stdout)?)
    };
    let count = |args: &[&str]| -> Result<u64, Box<dyn std::error::Error>> {
        let mut all = vec!["search", "Kim", "--json", "--limit", "100"];
        all.extend_from_slice(args);
        json(&all)?["total"].as_u64().ok_or_else(|| "no total".into())
    };
    let (journals, telegrams) = (count(&["--type", "journal"])?, count(&["--type", "telegram"])?);
    assert!(journals > 0 && telegrams > 0 && journals + telegrams < count(&[])?, "--type filters");
    assert_eq!(
        count(&["--type", "journal", "--type", "telegram"])?,
        journals + telegrams,
        "both --type values are kept"
    );
    let dated = json(&["search", "plenum", "--json", "--sort", "date"])?;
    let dates: Vec<&str> = dated["hits"].as_array().into_iter().flatten().filter_map(|h| h["date"].as_str()).collect();
    assert!(dates.len() > 1 && dates.windows(2).all(|w| w[0] <= w[1]), "--sort date: {dates:?}");
    Ok(())
}

/// Issue 20: the fixture site's own filters (collection, material) and sort key (year) through
/// `--filter`, `--filter-all`, `--filter-none` and `--sort-by`, with counts and hit metadata.
#[test]
fn the_sites_own_filters_and_sort_keys_reach_the_search() -> TestResult {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/collections");
    let out = std::env::temp_dir().join(format!("folio-cli-collections-{}", std::process::id()));
    let out_arg = out.to_str().ok_or("temp path is not UTF-8")?;
    let indexed = folio(&["index", site, "--out", out_arg])?;
    assert!(indexed.status.success(), "{}", text(&indexed.stderr));
    let search = |args: &[&str]| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
        let mut all = vec!["search", out_arg, "museum", "--json"];
        all.extend_from_slice(args);
        let run = folio(&all)?;
        assert!(run.status.success(), "{args:?}: {}", text(&run.stderr));
        Ok(serde_json::from_slice(&run.stdout)?)
    };
    let titles = |v: &serde_json::Value| -> Vec<String> {
        v["hits"].as_array().into_iter().flatten().filter_map(|h| h["title"].as_str().map(str::to_string)).collect()
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let ceramics = search(&["--filter", "collection=Ceramics"])?;
    assert_eq!(sorted(titles(&ceramics)), ["Glazed bowl", "Red-figure amphora"]);
    let material = &ceramics["facets"]["filters"][0];
    assert_eq!(
        (&material["key"], &material["label"]),
        (&"material".into(), &"Made of".into()),
        "folio.toml's order and label"
    );
    assert_eq!(material["filtered"], serde_json::json!({"clay": 2, "glaze": 1}), "after collection = Ceramics");
    let either = search(&["--filter", "collection=Ceramics", "--filter", "Collection=Prints"])?;
    assert_eq!(either["total"], 3, "repeated: any of the values; the key as the index stores it");
    let both = search(&["--filter-all", "collection=Ceramics", "--filter-all", "collection=Greek"])?;
    assert_eq!(titles(&both), ["Red-figure amphora"]);
    let no_clay = search(&["--filter-none", "material=clay", "--sort-by", "year:desc"])?;
    assert_eq!(titles(&no_clay), ["Harbour print", "Bronze mirror"]);
    let by_year = search(&["--sort-by", "year"])?;
    assert_eq!(titles(&by_year), ["Red-figure amphora", "Bronze mirror", "Glazed bowl", "Harbour print"]);
    assert_eq!(by_year["hits"][0]["meta"]["image_alt"], "A red-figure amphora with a chariot");

    let run = folio(&["search", out_arg, "museum", "--filter", "material=paper"])?;
    let shown = text(&run.stdout);
    assert!(shown.contains("author: Hokusai & pupils"), "the hit's metadata is printed: {shown}");
    assert!(
        shown.contains("material: <img src=x onerror=alert(1)> (1), bronze (1), clay (2), glaze (1), paper (1)"),
        "{shown}"
    );
    let bad = folio(&["search", out_arg, "museum", "--filter", "collection"])?;
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("expected KEY=VALUE"), "{}", text(&bad.stderr));
    // A sort key the index does not have sorts by relevance (as a bookmarked URL of the UI does),
    // and says so on stderr, naming the keys it has; a known key is sorted without a word.
    assert_eq!(titles(&search(&["--sort-by", "weight"])?), titles(&search(&[])?));
    for args in [&["--sort-by", "weight:desc"][..], &["--sort-by", "weight", "--json"]] {
        let mut all = vec!["search", out_arg, "museum"];
        all.extend_from_slice(args);
        let run = folio(&all)?;
        assert!(run.status.success(), "{args:?}: {}", text(&run.stderr));
        assert_eq!(
            text(&run.stderr),
            "warning: the index has no sort key \"weight\", so the hits are sorted by relevance; its sort keys are \
             year\n",
            "{args:?}"
        );
    }
    let known = folio(&["search", out_arg, "museum", "--sort-by", "year:desc"])?;
    assert_eq!(text(&known.stderr), "", "a known key is not warned about");
    let seeds = folio(&["search", "plenum", "--sort-by", "year"])?;
    assert!(
        text(&seeds.stderr).ends_with("; it has none (a page declares one with data-folio-sort)\n"),
        "{}",
        text(&seeds.stderr)
    );
    std::fs::remove_dir_all(&out)?;
    Ok(())
}

/// `/dev/zero` as the index (or the query file) used to be read until memory ran out.
#[cfg(unix)]
#[test]
fn a_device_as_the_index_or_the_queries_is_an_error_not_an_endless_read() -> TestResult {
    let out = folio(&["search", "/dev/zero", "plenum"])?;
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "/dev/zero: not a regular file; give the index (its index.folio, the bundle's folder, or the site's folder) as a file"
        ),
        "{err}"
    );
    let out = folio(&["search", "--queries", "/dev/zero", "--run", "/tmp/folio-cli-test.run"])?;
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("/dev/zero: not a regular file; give the query file"), "{err}");
    Ok(())
}

#[test]
fn search_takes_the_site_folder_that_index_wrote_its_bundle_into() -> TestResult {
    // `folio index public` writes public/folio/; `folio search public <query>` is what a site
    // owner types next, and it used to fail with "public/index.folio: No such file or directory".
    let site = std::env::temp_dir().join(format!("folio-cli-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site)?;
    std::fs::write(
        site.join("page.html"),
        "<title>Kettles</title><main><h1>Kettles</h1><p>A copper kettle.</p></main>",
    )?;
    let site_arg = site.to_str().ok_or("temp path is not UTF-8")?;
    let indexed = folio(&["index", site_arg])?;
    assert!(indexed.status.success(), "{}", text(&indexed.stderr));
    let by_site = folio(&["search", site_arg, "copper"])?;
    let by_bundle = folio(&["search", &format!("{site_arg}/folio"), "copper"])?;
    std::fs::remove_dir_all(&site)?;
    assert!(by_site.status.success(), "{}", text(&by_site.stderr));
    assert_eq!(text(&by_site.stdout), text(&by_bundle.stdout));
    assert!(text(&by_site.stdout).starts_with("1 of 1 documents\n"), "{}", text(&by_site.stdout));
    Ok(())
}

/// Issue 19, defect 2: an index whose dictionary was forged with its checksums recomputed (here
/// the high bytes of the root address in the dictionary's footer) made `folio search` panic and
/// abort (exit 134 in a release build). It is now a clear error that says to rebuild the index.
#[test]
fn a_forged_dictionary_is_a_damaged_index_not_a_crash() -> TestResult {
    use folio_core::index::format::{self, SectionKind};
    use folio_core::index::{checksum, IndexWriter};
    let mut writer = IndexWriter::new();
    writer.add(folio_core::corpus::Document::new("a", "Telegram", "The plenum met in Pyongyang."))?;
    let bytes = writer.finish()?;
    let sections = format::read(&bytes)?;
    let mut parts = Vec::new();
    for kind in SectionKind::ALL.into_iter().filter(|&k| sections.has(k)) {
        let mut section = sections.get(kind)?.to_vec();
        if kind == SectionKind::Terms {
            // The footer: key count, root address (8 bytes each), checksum (4).
            let root_high = section.len() - 4 - 4;
            section[root_high] ^= 0x01;
            let n = section.len() - 4;
            let sum = checksum::fst_checksum(&section[..n]);
            section[n..].copy_from_slice(&sum.to_le_bytes());
        }
        parts.push((kind, section));
    }
    let dir = std::env::temp_dir().join(format!("folio-forged-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("index.folio");
    std::fs::write(&path, format::write(&parts))?;
    let out = folio(&["search", path.to_str().ok_or("path")?, "plenum"])?;
    std::fs::remove_dir_all(&dir)?;
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("the index is damaged") && err.contains("rebuild it"), "{err}");
    Ok(())
}

/// A query that matches nothing says so (it printed "0 of 0 documents", which reads as an empty
/// index), and a correction the search made is named, as the drop-in UI names it.
#[test]
fn no_match_is_said_and_a_correction_is_named() -> TestResult {
    let none = text(&folio(&["search", "zzqqx"])?.stdout);
    assert_eq!(none, "No document matches \"zzqqx\".\n");
    let typo = text(&folio(&["search", "moscw"])?.stdout);
    let mut lines = typo.lines();
    assert!(lines.next().is_some_and(|l| l.ends_with(" documents")), "{typo}");
    assert_eq!(lines.next(), Some("Did you mean \"moscow\"?"), "{typo}");
    let exact = text(&folio(&["search", "moscow"])?.stdout);
    assert!(!exact.contains("Did you mean"), "{exact}");
    Ok(())
}

/// A translated site's reserved filter (pages' `hreflang` versions, `folio:translations`) is not
/// one of the site's own filters: the text output named it by its key, as if a page had declared
/// it. It is printed as the languages the matching pages have versions in.
#[test]
fn the_versions_in_other_languages_are_named_as_such() -> TestResult {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/real-sites/hugo-i18n");
    let out = std::env::temp_dir().join(format!("folio-cli-i18n-{}", std::process::id()));
    let out_arg = out.to_str().ok_or("temp path is not UTF-8")?;
    let indexed = folio(&["index", site, "--out", out_arg])?;
    assert!(indexed.status.success(), "{}", text(&indexed.stderr));
    let shown = text(&folio(&["search", out_arg, "furtiva"])?.stdout);
    assert!(!shown.contains("folio:"), "{shown}");
    assert!(shown.contains("\nVersions in other languages: en (2), ru (2), zh (2)\n"), "{shown}");
    std::fs::remove_dir_all(&out)?;
    Ok(())
}
