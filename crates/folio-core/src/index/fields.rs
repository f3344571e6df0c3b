//! The indexed fields and the ranking settings stored with the index.

use super::codec::{Decoder, Encoder};
use super::scripts::ScriptStems;
use crate::Result;

/// A field of a document that is indexed separately, so it can be weighted and scoped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The document title.
    Title = 0,
    /// The archive's summary or abstract.
    Summary = 1,
    /// The main text.
    Body = 2,
    /// The citation block (archive references, translator).
    Citation = 3,
}

impl Field {
    /// All fields, in index order.
    pub const ALL: [Field; 4] = [Field::Title, Field::Summary, Field::Body, Field::Citation];
    /// How many fields there are.
    pub const COUNT: usize = 4;

    /// The field with index `i`, if any.
    pub fn from_index(i: usize) -> Option<Field> {
        Field::ALL.get(i).copied()
    }

    /// The field's name as used in queries (`title:`) and the API.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Body => "body",
            Field::Citation => "citation",
        }
    }

    /// The field named `name`, if any.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// BM25F parameters, fixed at index time and stored in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Term-frequency saturation (BM25 `k1`).
    pub k1: f32,
    /// Weight of each field, by [`Field`] index.
    pub weights: [f32; Field::COUNT],
    /// Length normalisation of each field (BM25 `b`), by [`Field`] index; 0 turns it off.
    pub b: [f32; Field::COUNT],
}

impl Settings {
    /// The BM25F score of one term in one document (`rank::bm25` explains it); here, beside
    /// the parameters, because the index writer bounds it too ([`postings`](super::postings)'s
    /// blocks). Inlined: it runs once per posting scored.
    #[inline(always)]
    pub fn bm25f(
        &self,
        avg_lengths: &[f32; Field::COUNT],
        lengths: &[u32; Field::COUNT],
        tf: &[u32; Field::COUNT],
        idf: f32,
    ) -> f32 {
        let mut pseudo = 0.0f32;
        for f in 0..Field::COUNT {
            if tf[f] == 0 {
                continue;
            }
            let avg = if avg_lengths[f] > 0.0 { avg_lengths[f] } else { 1.0 };
            let b = self.b[f];
            let norm = 1.0 - b + b * lengths[f] as f32 / avg;
            // Not `max`: in wasm that is a call to `fmaxf` (the same value: `norm` is never NaN).
            let norm = if norm > 1e-3 { norm } else { 1e-3 };
            pseudo += self.weights[f] * tf[f] as f32 / norm;
        }
        let k1 = self.k1;
        idf * pseudo * (k1 + 1.0) / (k1 + pseudo)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings { k1: 2.0, weights: [2.0, 1.5, 1.0, 0.3], b: [0.5, 0.75, 0.75, 0.75] }
    }
}

impl Settings {
    pub(crate) fn encode(&self, e: &mut Encoder) {
        e.f32(self.k1);
        for w in self.weights {
            e.f32(w);
        }
        for b in self.b {
            e.f32(b);
        }
    }

    pub(crate) fn decode(d: &mut Decoder) -> Result<Settings> {
        let k1 = d.f32()?;
        let mut weights = [0.0; Field::COUNT];
        for w in &mut weights {
            *w = d.f32()?;
        }
        let mut b = [0.0; Field::COUNT];
        for x in &mut b {
            *x = d.f32()?;
        }
        let settings = Settings { k1, weights, b };
        // No number in the message: formatting floats would add 15 KB to the wasm module.
        if !settings.is_valid() {
            return Err(crate::Error::corrupt("the ranking settings are damaged (a parameter is out of range)"));
        }
        Ok(settings)
    }

    /// Whether every parameter lies in its range (see the `check_*` functions).
    pub fn is_valid(&self) -> bool {
        k1_ok(self.k1) && self.weights.into_iter().all(weight_ok) && self.b.into_iter().all(b_ok)
    }

    /// Checks a field weight: from 0 (the field is not ranked) to 100.
    pub fn check_weight(weight: f32) -> std::result::Result<(), String> {
        if weight_ok(weight) {
            return Ok(());
        }
        Err(format!("weight {weight} must be a number from 0 (not ranked) to 100"))
    }

    /// Checks a length normalisation: from 0 (none) to 1 (full).
    pub fn check_b(b: f32) -> std::result::Result<(), String> {
        if b_ok(b) {
            return Ok(());
        }
        Err(format!("b {b} must be from 0 (no length normalisation) to 1"))
    }

    /// Checks a term-frequency saturation: above 0, at most 100.
    pub fn check_k1(k1: f32) -> std::result::Result<(), String> {
        if k1_ok(k1) {
            return Ok(());
        }
        Err(format!("k1 {k1} must be a number above 0 (usually 1.2 to 2)"))
    }
}

/// The settings section: what ranking and query expansion need of the whole index. Encoded as the
/// [`Settings`] (`f32`s), the document and term counts (varints), each field's average length
/// (`f32`s), then the stems in each script ([`ScriptStems`], varints).
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsSection {
    /// The BM25F parameters.
    pub settings: Settings,
    /// How many documents the index holds.
    pub doc_count: u32,
    /// How many distinct stems the index holds.
    pub term_count: u64,
    /// Average length of each field, in words, over all documents, by [`Field`] index.
    pub avg_lengths: [f32; Field::COUNT],
    /// How many of the stems are in Latin and in Cyrillic letters.
    pub scripts: ScriptStems,
}

impl SettingsSection {
    /// The section's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new();
        self.settings.encode(&mut e);
        e.varint(u64::from(self.doc_count));
        e.varint(self.term_count);
        for avg in self.avg_lengths {
            e.f32(avg);
        }
        self.scripts.encode(&mut e);
        e.buf
    }

    /// Reads the section, checking that every number is in its range.
    pub fn decode(bytes: &[u8]) -> Result<SettingsSection> {
        let mut d = Decoder::new(bytes, "settings");
        let settings = Settings::decode(&mut d)?;
        let doc_count = d.varint_u32()?;
        let term_count = d.varint()?;
        let mut avg_lengths = [0f32; Field::COUNT];
        for avg in &mut avg_lengths {
            *avg = d.f32()?;
            // An average field length is a count of words over a count of documents.
            if !avg.is_finite() || *avg < 0.0 {
                return Err(crate::Error::corrupt("an average field length is not a positive number"));
            }
        }
        let scripts = ScriptStems::decode(&mut d, term_count)?;
        Ok(SettingsSection { settings, doc_count, term_count, avg_lengths, scripts })
    }
}

fn weight_ok(weight: f32) -> bool {
    weight.is_finite() && (0.0..=100.0).contains(&weight)
}

fn b_ok(b: f32) -> bool {
    b.is_finite() && (0.0..=1.0).contains(&b)
}

fn k1_ok(k1: f32) -> bool {
    k1.is_finite() && k1 > 0.0 && k1 <= 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip() {
        let s = Settings { k1: 0.9, weights: [1.0, 2.0, 3.0, 4.0], b: [0.1, 0.2, 0.3, 0.4] };
        let mut e = Encoder::new();
        s.encode(&mut e);
        assert_eq!(Settings::decode(&mut Decoder::new(&e.buf, "settings")).unwrap(), s);
    }

    #[test]
    fn settings_out_of_range_are_refused_when_read() {
        for bad in [
            Settings { k1: f32::INFINITY, ..Settings::default() },
            Settings { k1: 0.0, ..Settings::default() },
            Settings { weights: [1.0, f32::NAN, 1.0, 1.0], ..Settings::default() },
            Settings { b: [0.5, 0.5, 2.0, 0.5], ..Settings::default() },
        ] {
            let mut e = Encoder::new();
            bad.encode(&mut e);
            let err = Settings::decode(&mut Decoder::new(&e.buf, "settings")).unwrap_err();
            assert!(err.to_string().contains("ranking settings"), "{err}");
        }
    }

    #[test]
    fn the_settings_section_round_trips() {
        let section = SettingsSection {
            settings: Settings { k1: 1.2, weights: [3.0, 1.5, 1.0, 0.0], b: [0.0, 0.25, 0.75, 1.0] },
            doc_count: 63_000,
            term_count: u64::from(u32::MAX) + 7,
            avg_lengths: [6.5, 40.0, 1234.25, 0.0],
            scripts: ScriptStems { latin: u64::from(u32::MAX), cyrillic: 7 },
        };
        let bytes = section.encode();
        assert_eq!(SettingsSection::decode(&bytes).unwrap(), section);
        // The parameters first, so a reader of one format version finds them at the start.
        let mut parameters = Encoder::new();
        section.settings.encode(&mut parameters);
        assert!(bytes.starts_with(&parameters.buf));
        for cut in 0..bytes.len() {
            assert!(SettingsSection::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn damaged_average_lengths_are_refused() {
        for bad in [f32::NAN, f32::INFINITY, -1.0] {
            let mut section = SettingsSection {
                settings: Settings::default(),
                doc_count: 2,
                term_count: 9,
                avg_lengths: [1.0; Field::COUNT],
                scripts: ScriptStems::default(),
            };
            section.avg_lengths[2] = bad;
            let err = SettingsSection::decode(&section.encode()).unwrap_err();
            assert!(err.to_string().contains("average field length"), "{err}");
        }
    }

    #[test]
    fn field_names_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
            assert_eq!(Field::from_index(f as usize), Some(f));
        }
    }
}
