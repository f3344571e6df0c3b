//! The web files of a bundle: built into this binary, or read from an `--assets` folder.
//!
//! The built-in files are `crates/folio-cli/web/`, which `scripts/build-web.sh` writes from the
//! module without a built-in index (a site brings its own `index.folio`) and which is committed;
//! `scripts/check-web-assets.sh` rebuilds it and fails if it differs, so it is never stale. So a
//! lone `folio` binary, with no checkout and no wasm toolchain beside it, writes the whole bundle.
//! The module built with every language (and the offline script that inlines it) is in
//! `web/languages/`, the module for large indexes in `web/large/`; the other files are the same
//! for every module (build-web.sh checks that).

use std::borrow::Cow;
use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::module::Module;

mod files;

pub use files::{COPIED, OFFLINE};

/// A built-in web file: its name and bytes.
type File = (&'static str, &'static [u8]);

/// The built-in web files, by name.
const EMBEDDED: [(&str, &[u8]); 9] = [
    ("folio.js", include_bytes!("../../../../web/folio.js")),
    ("folio-worker.js", include_bytes!("../../../../web/folio-worker.js")),
    ("folio-engine.js", include_bytes!("../../../../web/folio-engine.js")),
    ("folio_bg.wasm", include_bytes!("../../../../web/folio_bg.wasm")),
    ("folio.css", include_bytes!("../../../../web/folio.css")),
    ("folio.d.ts", include_bytes!("../../../../web/folio.d.ts")),
    ("folio-highlight.js", include_bytes!("../../../../web/folio-highlight.js")),
    ("folio-load.js", include_bytes!("../../../../web/folio-load.js")),
    (OFFLINE, include_bytes!("../../../../web/folio-offline.js")),
];

/// The folder, beside the English/Russian files, of the files that differ for the module with
/// every language.
pub const LANGUAGES_DIR: &str = "languages";

/// The web files that differ between the two modules: the module and the script that inlines it.
const PER_MODULE: [&str; 2] = ["folio_bg.wasm", OFFLINE];

/// The built-in files of the all-languages module, by name (only in a CLI that indexes with every
/// language: without its `languages` feature it never writes them).
#[cfg(feature = "languages")]
const EMBEDDED_LANGUAGES: [(&str, &[u8]); 2] = [
    ("folio_bg.wasm", include_bytes!("../../../../web/languages/folio_bg.wasm")),
    (OFFLINE, include_bytes!("../../../../web/languages/folio-offline.js")),
];
#[cfg(not(feature = "languages"))]
const EMBEDDED_LANGUAGES: [(&str, &[u8]); 0] = [];

/// The folder, beside the English/Russian files, of the module for large indexes. Only its
/// module differs: it is written for split indexes, which have no offline script.
pub const LARGE_DIR: &str = "large";

/// The built-in module for large indexes.
const EMBEDDED_LARGE: [(&str, &[u8]); 1] = [("folio_bg.wasm", include_bytes!("../../../../web/large/folio_bg.wasm"))];

/// Where the web files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assets {
    /// The files built into this binary.
    Embedded,
    /// A folder of built files (`--assets`), e.g. `dist/site/` after `scripts/build-web.sh`.
    Dir(PathBuf),
}

impl Assets {
    /// The bytes of the web file `name` (one of [`COPIED`] or [`OFFLINE`]) for `module`.
    pub fn read(&self, name: &str, module: Module) -> Result<Cow<'static, [u8]>> {
        // The module's own folder and built-in files, when `name` is one of the files it has its own.
        let own: Option<(&str, &[File])> = match module {
            Module::AllLanguages if PER_MODULE.contains(&name) => Some((LANGUAGES_DIR, &EMBEDDED_LANGUAGES[..])),
            Module::Large if name == "folio_bg.wasm" => Some((LARGE_DIR, &EMBEDDED_LARGE[..])),
            _ => None,
        };
        match self {
            Assets::Embedded => own
                .map_or(&EMBEDDED[..], |(_, files)| files)
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, bytes)| Cow::Borrowed(*bytes))
                .with_context(|| format!("{name} is not a built-in web file (a bug in Folio)")),
            Assets::Dir(dir) => {
                let path = own.map_or_else(|| dir.join(name), |(folder, _)| dir.join(folder).join(name));
                let bytes = fs::read(&path).with_context(|| format!("reading the web asset {}", path.display()))?;
                Ok(Cow::Owned(bytes))
            }
        }
    }
}

#[cfg(all(test, feature = "languages"))]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_built_in_and_the_modules_have_no_index() -> Result<()> {
        for module in [Module::EnglishRussian, Module::Large, Module::AllLanguages] {
            for name in COPIED.iter().chain([&OFFLINE]) {
                assert!(!Assets::Embedded.read(name, module)?.is_empty(), "{name}");
            }
            assert!(Assets::Embedded.read("index.folio", module).is_err());
            // The bare modules are built with --no-default-features: no `FOLIOIDX` section.
            let wasm = Assets::Embedded.read("folio_bg.wasm", module)?;
            assert!(wasm.starts_with(b"\0asm"));
            assert!(!wasm.windows(8).any(|w| w == b"FOLIOIDX"), "the site bundle carries the seeds' index");
        }
        let small = Assets::Embedded.read("folio_bg.wasm", Module::EnglishRussian)?;
        let big = Assets::Embedded.read("folio_bg.wasm", Module::AllLanguages)?;
        assert!(big.len() > small.len() + 50_000, "{} vs {} bytes: the stemmers are not in", big.len(), small.len());
        let large = Assets::Embedded.read("folio_bg.wasm", Module::Large)?;
        assert!(large.len() > small.len() + 5_000, "{} vs {} bytes: pruning is not in", large.len(), small.len());
        assert_eq!(
            Assets::Embedded.read(OFFLINE, Module::Large)?,
            Assets::Embedded.read(OFFLINE, Module::EnglishRussian)?
        );
        assert_eq!(
            Assets::Embedded.read("folio.js", Module::EnglishRussian)?,
            Assets::Embedded.read("folio.js", Module::AllLanguages)?
        );
        Ok(())
    }
}
