//! The errors Folio reports, each with a message that says what to do about it.

use std::fmt;
use std::path::PathBuf;

/// A specialised `Result` for Folio operations.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in Folio, from reading a corpus to answering a query.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A corpus file could not be read or parsed.
    Corpus {
        /// The file that failed.
        path: PathBuf,
        /// The 1-based line where the problem is, when it is known.
        line: Option<usize>,
        /// What is wrong, in words.
        message: String,
    },
    /// The configuration (`folio.toml`, or options given on the command line) is not valid.
    Config {
        /// The configuration file, or `None` for values given on the command line.
        path: Option<PathBuf>,
        /// The 1-based line where the problem is, when it is known.
        line: Option<usize>,
        /// The key at fault and what is wrong with it, in words.
        message: String,
    },
    /// The index bytes do not start with Folio's magic number.
    NotAnIndex,
    /// The index was written by another version of the format.
    Version {
        /// The format version this build reads.
        expected: u16,
        /// The version found in the bytes.
        got: u16,
    },
    /// The index bytes are damaged: truncated, altered, or internally inconsistent.
    Corrupt(String),
    /// The search options are invalid.
    Options(String),
    /// Two documents have the same id.
    DuplicateId(String),
    /// The corpus is beyond what one index can hold (what overflows, in words).
    TooLarge(String),
    /// The index's chunks are packed or its directory has pages, which only a module built with
    /// folio-core's `large` feature reads (the one `folio index` writes beside such an index).
    NeedsLarge,
    /// A split index needs chunks that have not been added: their file names, relative to the
    /// root file. Add them with `Index::add_chunk` and search again.
    MissingChunks(Vec<String>),
    /// A temporary file of the build (a spilled run) could not be written or read.
    TempFile {
        /// The file.
        path: PathBuf,
        /// What went wrong, in words.
        message: String,
    },
}

impl Error {
    /// A corpus error at `path`, optionally at a 1-based `line`.
    pub fn corpus(path: impl Into<PathBuf>, line: Option<usize>, message: impl Into<String>) -> Error {
        Error::Corpus { path: path.into(), line, message: message.into() }
    }

    /// A configuration error in the file `path` (`None`: options given on the command line),
    /// optionally at a 1-based `line`.
    pub fn config(path: Option<&std::path::Path>, line: Option<usize>, message: impl Into<String>) -> Error {
        Error::Config { path: path.map(std::path::Path::to_path_buf), line, message: message.into() }
    }

    /// A corruption error with a description of what was inconsistent.
    pub fn corrupt(message: impl Into<String>) -> Error {
        Error::Corrupt(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Corpus { path, line: Some(line), message } => {
                write!(f, "{}:{}: {}", shown(path), line, message)
            }
            Error::Corpus { path, line: None, message } => write!(f, "{}: {}", shown(path), message),
            Error::Config { path: Some(path), line: Some(line), message } => {
                write!(f, "{}:{}: {}", shown(path), line, message)
            }
            Error::Config { path: Some(path), line: None, message } => write!(f, "{}: {}", shown(path), message),
            Error::Config { path: None, message, .. } => write!(f, "command-line options: {message}"),
            Error::NotAnIndex => f.write_str(
                "these bytes are not a Folio index (the magic number is missing); \
                 check that the URL or path points at the .folio file written by `folio index`",
            ),
            Error::Version { expected, got } => write!(
                f,
                "the index uses format version {got} but this Folio reads version {expected}; \
                 rebuild the index with the same Folio version as the search module"
            ),
            Error::Corrupt(message) => write!(
                f,
                "the index is damaged ({message}); rebuild it, or check that the download was not truncated or altered"
            ),
            Error::NeedsLarge => f.write_str(
                "this index's chunks are packed or its directory has pages, which this search module does not read; \
                 serve the folio_bg.wasm that `folio index` wrote beside the index (its module for large indexes)",
            ),
            Error::Options(message) => write!(f, "invalid search options: {message}"),
            Error::DuplicateId(id) => {
                write!(f, "two documents have the id '{id}'; ids must be unique within a corpus")
            }
            Error::TooLarge(message) => {
                write!(f, "the corpus is too large for one index ({message}); index it in parts")
            }
            Error::MissingChunks(names) => {
                // Written name by name: a `join` would be the wasm module's only one (0.9 KB).
                f.write_str("this split index needs chunks that are not loaded (")?;
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(name)?;
                }
                f.write_str("); fetch them from beside the root file and add them")
            }
            Error::TempFile { path, message } => write!(
                f,
                "{}: a temporary file of the build failed ({message}); check the free space of the output's disk",
                shown(path)
            ),
        }
    }
}

impl std::error::Error for Error {}

/// A path in a message. In the browser's module no error carries a path (they come from reading
/// corpus and build files), so the lossy UTF-8 decoding `Path::display` brings is left out of it.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn shown(path: &std::path::Path) -> std::path::Display<'_> {
    path.display()
}

/// A path in a message (see the other `shown`), as UTF-8.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn shown(path: &std::path::Path) -> &str {
    path.to_str().unwrap_or("(a path that is not UTF-8)")
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn missing_chunks_are_listed_in_the_message() {
        let e = Error::MissingChunks(vec!["chunks/1-t0.folio".into(), "chunks/1-d3.folio".into()]);
        assert_eq!(
            e.to_string(),
            "this split index needs chunks that are not loaded (chunks/1-t0.folio, chunks/1-d3.folio); \
             fetch them from beside the root file and add them"
        );
        assert!(Error::MissingChunks(vec!["x".into()]).to_string().contains("loaded (x);"));
    }

    #[test]
    fn corpus_errors_name_the_file_and_line() {
        let e = Error::corpus("docs/a.md", Some(3), "bad front matter");
        assert_eq!(e.to_string(), "docs/a.md:3: bad front matter");
    }
}
