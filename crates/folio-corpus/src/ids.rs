//! Document ids: unique across a whole corpus, and a duplicate names both places it was used.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use folio_core::{Error, Result};

/// The ids seen so far and where each was first used, to reject duplicates naming both places.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    seen: HashMap<String, (usize, Option<usize>)>,
    paths: Vec<PathBuf>,
}

impl Ids {
    /// Whether `id` is taken.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }

    /// Records `id` as used at `path` (and `line`), or fails if it was used before.
    pub(crate) fn claim(&mut self, id: &str, path: &Path, line: Option<usize>) -> Result<()> {
        if let Some(&(file, first_line)) = self.seen.get(id) {
            let first = &self.paths[file];
            let place = match (first.as_path() == path, first_line) {
                (true, Some(l)) => format!("line {l}"),
                (true, None) => "earlier in this file".to_string(),
                (false, Some(l)) => format!("{}:{l}", first.display()),
                (false, None) => first.display().to_string(),
            };
            return Err(Error::corpus(path, line, format!("duplicate id {id:?}: already used at {place}")));
        }
        if self.paths.last().map(PathBuf::as_path) != Some(path) {
            self.paths.push(path.to_path_buf());
        }
        self.seen.insert(id.to_string(), (self.paths.len() - 1, line));
        Ok(())
    }
}
