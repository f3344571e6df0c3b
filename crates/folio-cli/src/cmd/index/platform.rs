//! What `folio index` does differently by platform: the progress bar and the peak memory.
//!
//! On WASI (the npm package runs the CLI compiled to `wasm32-wasip1` under Node's `node:wasi`)
//! there is no terminal control for a progress bar and no `/proc` to read the peak memory from.

/// Reports how far the reading and analysis are, with the time left: a bar on standard error when
/// it is a terminal, else nothing. A site is counted in page files; a `.jsonl` corpus in
/// documents (its lines, counted first), or for a `.jsonl.gz` in documents with no total.
pub struct Progress {
    #[cfg(not(target_os = "wasi"))]
    bar: Option<indicatif::ProgressBar>,
    /// Whether the bar counts documents (a corpus file) rather than page files (a site).
    #[cfg(not(target_os = "wasi"))]
    by_document: bool,
}

impl Progress {
    /// A progress reporter for reading `source`, which draws only when standard error is a terminal.
    pub fn start(source: &std::path::Path) -> Progress {
        #[cfg(not(target_os = "wasi"))]
        {
            use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
            use std::io::IsTerminal;
            if !std::io::stderr().is_terminal() {
                return Progress { bar: None, by_document: false };
            }
            let name = source.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
            let (template, by_document, total) = if name.ends_with(".jsonl") {
                ("indexing {bar:40} {pos}/{len} documents ({eta} left)", true, count_lines(source))
            } else if name.ends_with(".jsonl.gz") {
                ("indexing {pos} documents ({per_sec})", true, None)
            } else {
                ("indexing {bar:40} {pos}/{len} pages ({eta} left)", false, None)
            };
            let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            Progress { bar: Some(bar), by_document }
        }
        #[cfg(target_os = "wasi")]
        {
            let _ = source;
            Progress {}
        }
    }

    /// Notes that `done` of `total` page files are read.
    pub fn update(&self, done: usize, total: usize) {
        #[cfg(not(target_os = "wasi"))]
        if let Some(bar) = self.bar.as_ref().filter(|_| !self.by_document) {
            if bar.length() != Some(total as u64) {
                bar.set_length(total as u64);
            }
            bar.set_position(done as u64);
        }
        #[cfg(target_os = "wasi")]
        let _ = (done, total);
    }

    /// Notes that one more document was read.
    pub fn document(&self) {
        #[cfg(not(target_os = "wasi"))]
        if let Some(bar) = self.bar.as_ref().filter(|_| self.by_document) {
            bar.inc(1);
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        #[cfg(not(target_os = "wasi"))]
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The lines of the file at `path` that are not blank, as a `.jsonl` file's documents, or `None`
/// if it cannot be read (reading it for real will say why).
#[cfg(not(target_os = "wasi"))]
fn count_lines(path: &std::path::Path) -> Option<u64> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).ok()?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let (mut lines, mut blank) = (0u64, true);
    loop {
        let buf = reader.fill_buf().ok()?;
        if buf.is_empty() {
            return Some(lines + u64::from(!blank));
        }
        for &b in buf {
            if b == b'\n' {
                lines += u64::from(!blank);
                blank = true;
            } else if !b.is_ascii_whitespace() {
                blank = false;
            }
        }
        let len = buf.len();
        reader.consume(len);
    }
}

/// A bar with the time left for the merge of the postings into the index, on standard error
/// when it is a terminal: what [`folio_core::index::IndexWriter::with_progress`] calls.
pub fn merge_progress() -> Option<Box<folio_core::index::Progress>> {
    #[cfg(not(target_os = "wasi"))]
    {
        use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("merging {bar:40} {pos}/{len} terms ({eta} left)") {
            bar.set_style(style);
        }
        Some(Box::new(move |done: usize, total: usize| {
            if bar.length() != Some(total as u64) {
                bar.set_length(total as u64);
            }
            bar.set_position(done as u64);
            if done >= total {
                bar.finish_and_clear();
            }
        }))
    }
    #[cfg(target_os = "wasi")]
    None
}

/// The report's memory line: the most memory this process has held resident, where it can be
/// measured (the kernel's high-water mark, `VmHWM` in `/proc/self/status`).
pub fn memory_line() -> Option<String> {
    if cfg!(target_os = "wasi") {
        return Some("memory: peak not measured on WASI".to_string());
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    Some(format!("memory: peak resident {}", super::human_size(parse_peak(&status)?)))
}

/// The `VmHWM` line of a `/proc/<pid>/status` text, in bytes.
fn parse_peak(status: &str) -> Option<usize> {
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let kib: usize = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    kib.checked_mul(1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_os = "wasi"))]
    #[test]
    fn a_corpus_file_counts_its_documents() {
        let path = std::env::temp_dir().join(format!("folio-count-{}.jsonl", std::process::id()));
        std::fs::write(&path, "{\"id\":1}\n\n  \n{\"id\":2}\n{\"id\":3}").unwrap();
        assert_eq!(count_lines(&path), Some(3));
        std::fs::write(&path, "").unwrap();
        assert_eq!(count_lines(&path), Some(0));
        std::fs::remove_file(&path).unwrap();
        assert_eq!(count_lines(&path), None);
    }

    #[test]
    fn peak_memory_is_read_from_the_status_text() {
        let status = "Name:\tfolio\nVmPeak:\t  900000 kB\nVmHWM:\t  765492 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_peak(status), Some(765_492 * 1024));
        assert_eq!(parse_peak("Name:\tfolio\n"), None);
        assert_eq!(parse_peak("VmHWM:\t lots kB\n"), None);
        if cfg!(target_os = "linux") {
            assert!(memory_line().is_some_and(|l| l.starts_with("memory: peak resident ")));
        }
        if cfg!(target_os = "wasi") {
            assert_eq!(memory_line().as_deref(), Some("memory: peak not measured on WASI"));
        }
    }
}
