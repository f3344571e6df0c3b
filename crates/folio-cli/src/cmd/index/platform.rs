//! What `folio index` does differently by platform: the progress bar and the peak memory.
//!
//! On WASI (the npm package runs the CLI compiled to `wasm32-wasip1` under Node's `node:wasi`)
//! there is no terminal control for a progress bar and no `/proc` to read the peak memory from.

/// Reports indexing progress: a bar on standard error when it is a terminal, else nothing.
pub struct Progress {
    #[cfg(not(target_os = "wasi"))]
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    /// A progress reporter that draws only when standard error is a terminal.
    pub fn start() -> Progress {
        #[cfg(not(target_os = "wasi"))]
        {
            use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
            use std::io::IsTerminal;
            if !std::io::stderr().is_terminal() {
                return Progress { bar: None };
            }
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("indexing {bar:40} {pos}/{len} pages ({eta} left)") {
                bar.set_style(style);
            }
            Progress { bar: Some(bar) }
        }
        #[cfg(target_os = "wasi")]
        Progress {}
    }

    /// Notes that `done` of `total` page files are read.
    pub fn update(&self, done: usize, total: usize) {
        #[cfg(not(target_os = "wasi"))]
        if let Some(bar) = &self.bar {
            if bar.length() != Some(total as u64) {
                bar.set_length(total as u64);
            }
            bar.set_position(done as u64);
        }
        #[cfg(target_os = "wasi")]
        let _ = (done, total);
    }

    /// Clears the bar.
    pub fn finish(&self) {
        #[cfg(not(target_os = "wasi"))]
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
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
