//! What the values of the dictionary say.
//!
//! The dictionary is one `fst` map over two kinds of key: the stems (which have postings) and
//! the folded word forms that differ from their stems (which lead to one). Stems and forms share
//! most of their prefixes (`deleg`, `delegate`, `delegation`), so one map is about a quarter
//! smaller than a map of each. A key's value says which kind it is:
//!
//! ```text
//! bit 0 = 1   a stem. Bits 2..34: its ordinal. Bit 1: the stem is itself an indexed word form.
//!             Bits 34..: 0, or the ordinal + 1 of another stem the key is also a word form of
//!             ("consider" is the stem of "consideration" and a form of "consid").
//! bit 0 = 0   a word form only. Bits 2..: the ordinal of its stem.
//! ```

/// The most stems a dictionary can hold: a stem's ordinal + 1 must fit the 30 bits above bit 34.
pub const MAX_STEMS: usize = (1 << 30) - 1;

/// How a word form stands to the stem its key is: the same word, a form of another stem, or
/// no indexed form at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOf {
    /// The key is not an indexed word form.
    Nothing,
    /// The key is an indexed word form, and its own stem.
    Itself,
    /// The key is an indexed word form of the stem with this ordinal.
    Stem(u32),
}

/// The value of a key that is stem `ordinal`, and a word form as `form` says. Ordinals are below
/// [`MAX_STEMS`].
pub fn stem_value(ordinal: u32, form: FormOf) -> u64 {
    let base = u64::from(ordinal) << 2 | 1;
    match form {
        FormOf::Nothing => base,
        FormOf::Itself => base | 2,
        FormOf::Stem(other) => base | (u64::from(other) + 1) << 34,
    }
}

/// The value of a key that is only a word form, of stem `ordinal`.
pub fn form_value(ordinal: u32) -> u64 {
    u64::from(ordinal) << 2
}

/// The key's ordinal as a stem, if it is one.
pub fn as_stem(value: u64) -> Option<u32> {
    (value & 1 == 1).then_some((value >> 2) as u32)
}

/// The ordinal of the key's stem as a word form, if it is an indexed form.
pub fn as_form(value: u64) -> Option<u32> {
    if value & 1 == 0 {
        u32::try_from(value >> 2).ok()
    } else if value & 2 != 0 {
        as_stem(value)
    } else {
        (value >> 34).checked_sub(1).and_then(|o| u32::try_from(o).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_say_what_a_key_is() {
        let last = MAX_STEMS as u32 - 1;
        for ordinal in [0, 1, 7, last] {
            assert_eq!(as_stem(stem_value(ordinal, FormOf::Nothing)), Some(ordinal));
            assert_eq!(as_form(stem_value(ordinal, FormOf::Nothing)), None);
            assert_eq!(as_stem(stem_value(ordinal, FormOf::Itself)), Some(ordinal));
            assert_eq!(as_form(stem_value(ordinal, FormOf::Itself)), Some(ordinal));
            for other in [0, 3, last] {
                assert_eq!(as_stem(stem_value(ordinal, FormOf::Stem(other))), Some(ordinal));
                assert_eq!(as_form(stem_value(ordinal, FormOf::Stem(other))), Some(other));
            }
            assert_eq!(as_stem(form_value(ordinal)), None);
            assert_eq!(as_form(form_value(ordinal)), Some(ordinal));
        }
    }
}
