//! Byte ranges of one file read into memory, sharing it: the dictionary, postings and document
//! store of an index are ranges of the buffer the file was read into, not copies of it (tantivy's
//! `FileSlice` does the same for its files).

use std::ops::Range;
use std::sync::Arc;

/// A range of a file's bytes. Cloning it shares the file; the file is freed with its last slice.
#[derive(Clone)]
pub struct FileSlice {
    file: Arc<Box<[u8]>>,
    range: Range<usize>,
}

impl FileSlice {
    /// The whole of `bytes`, taken without copying them.
    pub fn new(bytes: Vec<u8>) -> FileSlice {
        let range = 0..bytes.len();
        FileSlice { file: Arc::new(bytes.into_boxed_slice()), range }
    }

    /// The part of this slice that `part` (a subslice of [`FileSlice::bytes`], such as a section
    /// `format::read` found in it) is.
    ///
    /// # Panics
    /// If `part` does not lie within this slice's bytes (a bug in the caller, not bad input).
    pub fn slice_of(&self, part: &[u8]) -> FileSlice {
        let bytes = self.bytes();
        let start = (part.as_ptr() as usize).wrapping_sub(bytes.as_ptr() as usize);
        assert!(start <= bytes.len() && part.len() <= bytes.len() - start, "not a part of this file");
        let from = self.range.start + start;
        FileSlice { file: Arc::clone(&self.file), range: from..from + part.len() }
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.file[self.range.clone()]
    }
}

impl AsRef<[u8]> for FileSlice {
    fn as_ref(&self) -> &[u8] {
        self.bytes()
    }
}

impl std::fmt::Debug for FileSlice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileSlice({:?} of {} bytes)", self.range, self.file.len())
    }
}

#[cfg(test)]
mod tests {
    use super::FileSlice;

    #[test]
    fn parts_share_the_file() {
        let file = FileSlice::new(b"header|dictionary|store".to_vec());
        let dictionary = file.slice_of(&file.bytes()[7..17]);
        assert_eq!(dictionary.bytes(), b"dictionary");
        assert_eq!(dictionary.slice_of(&dictionary.bytes()[5..7]).bytes(), b"on");
        assert_eq!(std::ptr::addr_of!(file.bytes()[7]), std::ptr::addr_of!(dictionary.bytes()[0]), "copied");
    }
}
