//! Mutated index bytes: opening them is an error or an index, never a panic, and an index that
//! opens can be read and searched without panicking.
//!
//! An input that starts with `FOLIOIDX` is taken as index bytes; any other is an edit script over
//! a small valid index (see `folio_fuzz::index_from_input`), so the fuzzer explores damaged
//! versions of the current format even when its corpus was written by an older one.
//!
//! Each input is tried twice: as it is (almost always stopped by the CRC-32), and with the file
//! checksum rewritten, so that the damage reaches the section decoders. (The FSTs keep their own
//! CRC-32C, so damage inside them is still caught by `fst::Fst::verify`: an FST forged with a
//! valid checksum can panic inside the `fst` crate, a known limit covered by an ignored test in
//! tests/regression.rs.)
#![no_main]

use folio_core::index::Index;
use folio_core::Error;
use folio_fuzz::{exercise, fix_checksums, index_from_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut fixed = index_from_input(data);
    let magic = fixed.starts_with(b"FOLIOIDX");
    for step in 0..2 {
        if step == 1 {
            fix_checksums(&mut fixed);
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
