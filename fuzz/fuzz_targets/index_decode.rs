//! Mutated index bytes: opening them is an error or an index, never a panic, and an index that
//! opens can be read and searched without panicking.
//!
//! An input that starts with `FOLIOIDX` is taken as index bytes; any other is an edit script over
//! a small valid index (see `folio_fuzz::index_from_input`), so the fuzzer explores damaged
//! versions of the current format even when its corpus was written by an older one.
//!
//! Each input is tried three times: as it is (almost always stopped by the CRC-32); with the file
//! checksum rewritten, so that the damage reaches the section decoders; and with the dictionary's
//! own checksum rewritten too, as a forger would, so that damage inside the dictionary reaches
//! `index::fst_check` and the `fst` crate behind it (issue 19, defect 2).
#![no_main]

use folio_core::index::Index;
use folio_core::Error;
use folio_fuzz::{exercise, fix_checksums, forge_dictionary_checksum, index_from_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut fixed = index_from_input(data);
    let magic = fixed.starts_with(b"FOLIOIDX");
    for step in 0..3 {
        if step == 1 {
            fix_checksums(&mut fixed);
        }
        if step == 2 {
            match forge_dictionary_checksum(&fixed) {
                Some(forged) => fixed = forged,
                None => break,
            }
        }
        match Index::from_bytes(&fixed) {
            Ok(index) => exercise(&index),
            Err(e) => {
                // Every error names its problem.
                let message = e.to_string();
                assert!(message.len() > 20, "vague error: {message}");
                if step == 0 && !magic {
                    assert!(matches!(e, Error::NotAnIndex), "bytes without the magic gave {e:?}");
                }
            }
        }
    }
});
