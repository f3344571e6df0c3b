//! How many of the index's stems are written in each script that transliteration joins (Latin and
//! Cyrillic), counted by the writer and stored in the settings section, so that a query decides
//! from the settings alone, alike in a single file and in a split index's root and without
//! fetching a chunk, whether a word is worth looking up in the other script.

use super::codec::{Decoder, Encoder};
use crate::analysis::script::{script_of, Script};
use crate::{Error, Result};

/// The stems in Latin and in Cyrillic letters ([`script_of`] each stem; numbers and other scripts
/// are neither).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptStems {
    /// Stems mostly of Latin letters.
    pub latin: u64,
    /// Stems mostly of Cyrillic letters.
    pub cyrillic: u64,
}

impl ScriptStems {
    /// Counts `stem` in its script.
    pub fn count(&mut self, stem: &str) {
        match script_of(stem) {
            Script::Latin => self.latin += 1,
            Script::Cyrillic => self.cyrillic += 1,
            Script::Other => {}
        }
    }

    /// How many stems are in `script` (0 for [`Script::Other`], which is not counted).
    pub fn of(&self, script: Script) -> u64 {
        match script {
            Script::Latin => self.latin,
            Script::Cyrillic => self.cyrillic,
            Script::Other => 0,
        }
    }

    pub(super) fn encode(&self, e: &mut Encoder) {
        e.varint(self.latin);
        e.varint(self.cyrillic);
    }

    /// Reads the counts of an index of `term_count` stems, which they cannot pass together.
    pub(super) fn decode(d: &mut Decoder, term_count: u64) -> Result<ScriptStems> {
        let stems = ScriptStems { latin: d.varint()?, cyrillic: d.varint()? };
        if stems.latin.checked_add(stems.cyrillic).is_none_or(|both| both > term_count) {
            return Err(Error::corrupt("the stems counted by script outnumber the index's stems"));
        }
        Ok(stems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_counted_by_the_script_of_most_of_their_letters() {
        let mut stems = ScriptStems::default();
        for stem in ["plenum", "пленум", "ким", "1953", "kиm", "ïle", "κόσμος"] {
            stems.count(stem);
        }
        assert_eq!(stems, ScriptStems { latin: 3, cyrillic: 2 });
        assert_eq!((stems.of(Script::Latin), stems.of(Script::Cyrillic), stems.of(Script::Other)), (3, 2, 0));
    }

    #[test]
    fn counts_past_the_stems_or_cut_short_are_refused() {
        let mut e = Encoder::new();
        ScriptStems { latin: 5, cyrillic: 4 }.encode(&mut e);
        assert!(ScriptStems::decode(&mut Decoder::new(&e.buf, "settings"), 9).is_ok());
        let err = ScriptStems::decode(&mut Decoder::new(&e.buf, "settings"), 8).unwrap_err();
        assert!(err.to_string().contains("outnumber"), "{err}");
        for cut in 0..e.buf.len() {
            assert!(ScriptStems::decode(&mut Decoder::new(&e.buf[..cut], "settings"), 9).is_err(), "cut at {cut}");
        }
        let mut e = Encoder::new();
        ScriptStems { latin: u64::MAX, cyrillic: 2 }.encode(&mut e);
        assert!(ScriptStems::decode(&mut Decoder::new(&e.buf, "settings"), u64::MAX).is_err());
    }
}
