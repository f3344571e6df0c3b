//! Tests of the bundle writer: what it writes, and that a rebuild never breaks the bundle.

use super::*;
use folio_core::index::SplitIndex;

#[test]
fn writes_the_index_and_the_report_and_nothing_partial() -> Result<()> {
    let dir = std::env::temp_dir().join(format!("folio-bundle-{}", std::process::id()));
    let bundle =
        write(&dir, &Written::Single(b"FOLIOIDX".to_vec()), "report", &Assets::Embedded, Module::EnglishRussian)?;
    let mut expected = vec![INDEX_FILE];
    expected.extend(COPIED);
    expected.extend([OFFLINE, REPORT_FILE]);
    assert_eq!(bundle.files, expected);
    assert_eq!(fs::read(dir.join(INDEX_FILE))?, b"FOLIOIDX");
    assert_eq!(fs::read_to_string(dir.join(REPORT_FILE))?, "report");
    let mut names: Vec<String> =
        fs::read_dir(&dir)?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    expected.push(guard::MARKER);
    expected.sort();
    assert_eq!(names, expected, "nothing partial is left");
    let on_disk: u64 =
        names.iter().map(|n| fs::metadata(dir.join(n)).map(|m| m.len())).sum::<std::io::Result<u64>>()?;
    assert_eq!(bundle.bytes, on_disk, "the size reported is every file's");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn base64_matches_rfc_4648_examples() {
    for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
        assert_eq!(base64(plain.as_bytes()), encoded);
    }
}

#[test]
fn copies_the_web_assets_and_inlines_the_index_offline() -> Result<()> {
    let base = std::env::temp_dir().join(format!("folio-assets-{}", std::process::id()));
    let (assets, dir) = (base.join("dist"), base.join("out"));
    fs::create_dir_all(&assets)?;
    for name in COPIED {
        fs::write(assets.join(name), name)?;
    }
    fs::write(assets.join(OFFLINE), format!("a;\n{INLINE_MARK} /* folio:inline-index */\nb;"))?;
    let bundle = write(
        &dir,
        &Written::Single(b"FOLIO".to_vec()),
        "report",
        &Assets::Dir(assets.clone()),
        Module::EnglishRussian,
    )?;
    assert_eq!(bundle.files.len(), COPIED.len() + 3);
    assert_eq!(fs::read_to_string(dir.join("folio.css"))?, "folio.css");
    let offline = fs::read_to_string(dir.join(OFFLINE))?;
    assert!(offline.contains("const FOLIO_INDEX = \"Rk9MSU8=\";"), "{offline}");
    assert_eq!(fs::read_to_string(dir.join("folio_bg.wasm"))?, "folio_bg.wasm");

    // The all-languages module comes from languages/, under the same names; the rest is shared.
    let languages = assets.join(assets::LANGUAGES_DIR);
    fs::create_dir_all(&languages)?;
    fs::write(languages.join("folio_bg.wasm"), "all languages")?;
    fs::write(languages.join(OFFLINE), format!("c;\n{INLINE_MARK}\n"))?;
    write(&dir, &Written::Single(b"FOLIO".to_vec()), "report", &Assets::Dir(assets.clone()), Module::AllLanguages)?;
    assert_eq!(fs::read_to_string(dir.join("folio_bg.wasm"))?, "all languages");
    assert_eq!(fs::read_to_string(dir.join(OFFLINE))?, "c;\nconst FOLIO_INDEX = \"Rk9MSU8=\";\n");
    assert_eq!(fs::read_to_string(dir.join("folio.css"))?, "folio.css");

    // The large-index module comes from large/; everything else is the English/Russian files.
    let large = assets.join(assets::LARGE_DIR);
    fs::create_dir_all(&large)?;
    fs::write(large.join("folio_bg.wasm"), "large")?;
    let split =
        SplitIndex { root: b"ROOT".to_vec(), chunks: vec![("chunks/1234abcd-t0.folio".into(), b"T0".to_vec())] };
    write(&dir, &Written::Split(split), "report", &Assets::Dir(assets.clone()), Module::Large)?;
    assert_eq!(fs::read_to_string(dir.join("folio_bg.wasm"))?, "large");
    assert_eq!(fs::read_to_string(dir.join("folio-engine.js"))?, "folio-engine.js");

    // A split index: root and chunks, no offline script, and no chunk of the last build left.
    fs::create_dir_all(dir.join(CHUNKS_DIR))?;
    fs::write(dir.join(CHUNKS_DIR).join("0badcafe-t0.folio"), "old")?;
    let split =
        SplitIndex { root: b"ROOT".to_vec(), chunks: vec![("chunks/1234abcd-t0.folio".into(), b"T0".to_vec())] };
    let bundle = write(&dir, &Written::Split(split), "report", &Assets::Dir(assets.clone()), Module::EnglishRussian)?;
    assert!(bundle.files.contains(&"chunks/ (1 file)".to_string()), "{:?}", bundle.files);
    assert_eq!(fs::read(dir.join(INDEX_FILE))?, b"ROOT");
    let chunks: Vec<String> = fs::read_dir(dir.join(CHUNKS_DIR))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(chunks, ["1234abcd-t0.folio"]);
    assert!(!dir.join(OFFLINE).exists());
    fs::remove_dir_all(&base)?;
    Ok(())
}

/// A split index with the given root and chunks.
fn split(root: &str, chunks: &[(&str, &str)]) -> Written {
    let chunks = chunks.iter().map(|(n, b)| (format!("{CHUNKS_DIR}/{n}"), b.as_bytes().to_vec())).collect();
    Written::Split(SplitIndex { root: root.as_bytes().to_vec(), chunks })
}

#[test]
fn a_rebuild_that_fails_midway_leaves_the_old_bundle_whole() -> Result<()> {
    let dir = std::env::temp_dir().join(format!("folio-rebuild-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let old = [("0000aaaa-t0.folio", "OLD T0"), ("0000aaaa-d0.folio", "OLD D0")];
    write(&dir, &split("OLD ROOT", &old), "old", &Assets::Embedded, Module::EnglishRussian)?;
    // This time the root cannot be written (a folder stands where its temporary file goes), as
    // when the disk fills up after the chunks.
    fs::create_dir_all(dir.join(".index.folio.partial"))?;
    let new = [("1111bbbb-t0.folio", "NEW T0")];
    assert!(write(&dir, &split("NEW ROOT", &new), "new", &Assets::Embedded, Module::EnglishRussian).is_err());
    assert_eq!(fs::read_to_string(dir.join(INDEX_FILE))?, "OLD ROOT");
    for (name, bytes) in old {
        assert_eq!(fs::read_to_string(dir.join(CHUNKS_DIR).join(name))?, bytes, "the old root's chunk {name}");
    }
    // When it can be written, the rebuild completes, and only then are the old chunks removed.
    fs::remove_dir(dir.join(".index.folio.partial"))?;
    write(&dir, &split("NEW ROOT", &new), "new", &Assets::Embedded, Module::EnglishRussian)?;
    let chunks: Vec<String> = fs::read_dir(dir.join(CHUNKS_DIR))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(chunks, ["1111bbbb-t0.folio"]);
    assert_eq!(fs::read_to_string(dir.join(INDEX_FILE))?, "NEW ROOT");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn chunk_files_packed_afterwards_are_the_packs_packing_as_written_gives() -> Result<()> {
    let dir = std::env::temp_dir().join(format!("folio-repack-{}", std::process::id()));
    let writer = || -> Result<folio_core::index::IndexWriter> {
        let mut w = folio_core::index::IndexWriter::new();
        for i in 0..200u32 {
            let body = format!("item {i} glaze kiln urn {} bronze", i * 7 % 13);
            w.add(folio_core::corpus::Document::new(format!("d{i}"), format!("Item {i}"), body))?;
        }
        Ok(w)
    };
    let sizes = folio_core::index::ChunkSizes { terms: 256, docs: 256 };
    let mut files = Vec::new();
    let Written::Streamed { root, chunks, .. } = writer()?.finish_auto_into(0, sizes, &mut |name, bytes| {
        put_chunk(&dir, &name, &bytes).map_err(|e| folio_core::Error::Options(e.to_string()))?;
        files.push(name);
        Ok(())
    })?
    else {
        anyhow::bail!("not split");
    };
    assert!(chunks.len() > 20, "{} chunks", chunks.len());
    let mut packs = Vec::new();
    let repacked = pack_chunk_files(&dir, &root, &chunks, &mut |name, bytes| {
        packs.push((name, bytes));
        Ok(())
    })?;
    let mut direct = Vec::new();
    let second = writer()?;
    let mut keep = |name, bytes| {
        direct.push((name, bytes));
        Ok(())
    };
    let as_written = packed(&mut keep, |put| second.finish_auto_into(0, sizes, put))?;
    let (Written::Streamed { root: a, chunks: names_a, .. }, Written::Streamed { root: b, chunks: names_b, .. }) =
        (&repacked, &as_written)
    else {
        anyhow::bail!("not streamed");
    };
    assert_eq!((a, names_a), (b, names_b), "the same root and pack names");
    assert_eq!(packs, direct, "the same pack bytes");
    let left = fs::read_dir(dir.join(CHUNKS_DIR))?.count();
    assert_eq!(left, 0, "the chunk files are removed once packed");
    fs::remove_dir_all(&dir)?;
    Ok(())
}
