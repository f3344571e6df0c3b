//! The writer's side of the metadata: every document's values laid out as tables and columns,
//! then encoded in the root, or in the root and metadata chunks.

use std::collections::HashMap;

use super::super::codec::{Decoder, Encoder};
use super::block::Block;
use super::{custom, date, DocMeta, Tables, MAX_CHUNK_DOCS, MAX_ROOT_DOCS};

/// Every document's metadata as the writer lays it out: the tables and the columns.
pub struct Encoded {
    tables: Tables,
    block: Block,
}

impl Encoded {
    /// The metadata of `metas`, the site's filters named in `facets` (name, label) first.
    pub fn new(metas: &[DocMeta], facets: &[(String, Option<String>)]) -> Encoded {
        let mut others: Vec<String> =
            metas.iter().filter_map(|m| m.date.clone()).filter(|d| date::code(d).is_none()).collect();
        others.sort_unstable();
        others.dedup();
        let date_code = |d: &Option<String>| match d {
            None => 0,
            Some(d) => date::code(d).unwrap_or_else(|| date::OTHER + others.binary_search(d).unwrap_or(0) as u32),
        };
        let dates: Vec<u32> = metas.iter().map(|m| date_code(&m.date)).collect();
        let mut years: Vec<String> = Vec::new();
        let intern = |table: &mut Vec<String>, seen: &mut HashMap<String, u32>, v: &Option<String>| match v {
            None => 0,
            Some(v) => *seen.entry(v.clone()).or_insert_with(|| {
                table.push(v.clone());
                table.len() as u32
            }),
        };
        let (mut langs, mut kinds) = (Vec::new(), Vec::new());
        let (mut seen_langs, mut seen_kinds) = (HashMap::new(), HashMap::new());
        let lang_ids = metas.iter().map(|m| intern(&mut langs, &mut seen_langs, &m.lang)).collect();
        let kind_ids = metas.iter().map(|m| intern(&mut kinds, &mut seen_kinds, &m.kind)).collect();
        let (custom, filters, sorts) = custom::columns(metas, facets);
        let mut tables = Tables { others, langs, kinds, years: Vec::new(), custom };
        for &c in &dates {
            match c {
                0 => {}
                c if c < date::OTHER => years.push(date::year(c)),
                c => years.extend(tables.others[(c - date::OTHER) as usize].get(..4).map(str::to_string)),
            }
        }
        years.sort_unstable();
        years.dedup();
        tables.years = years;
        let year_ids = dates.iter().map(|&c| tables.year_of(c).unwrap_or(0)).collect();
        let block = Block {
            dates,
            langs: lang_ids,
            kinds: kind_ids,
            years: year_ids,
            filters,
            sorts,
            uniform: Default::default(),
        };
        Encoded { tables, block }
    }

    /// The metadata section of a single file, or of a root that keeps every document's columns.
    pub fn inline(&self) -> Vec<u8> {
        let mut e = Encoder::new();
        e.varint(self.block.len() as u64);
        e.varint(0);
        self.tables.encode(&mut e);
        self.block.encode(&mut e, 0..self.block.len());
        e.buf
    }

    /// How many documents each metadata chunk of a split index should hold: `None` when the
    /// columns are small enough to stay in the root (at most `root_bytes`), else `per_chunk` or,
    /// when that is 0, a size that keeps the root's summaries to about 64 chunks.
    pub fn docs_per_chunk(&self, root_bytes: usize, per_chunk: u32) -> Option<u32> {
        let docs = self.block.len() as u32;
        let mut e = Encoder::new();
        self.block.encode(&mut e, 0..self.block.len());
        if docs == 0 || (e.buf.len() <= root_bytes && docs <= MAX_ROOT_DOCS) {
            return None;
        }
        Some(match per_chunk {
            0 => docs.div_ceil(64).next_power_of_two().clamp(4096, MAX_CHUNK_DOCS),
            n => n.min(MAX_CHUNK_DOCS),
        })
    }

    /// The root's metadata section and each chunk's, `per_chunk` documents a chunk.
    pub fn chunked(&self, per_chunk: u32) -> (Vec<u8>, Vec<Vec<u8>>) {
        let docs = self.block.len();
        let per = per_chunk.max(1) as usize;
        let mut root = Encoder::new();
        root.varint(docs as u64);
        root.varint(per as u64);
        self.tables.encode(&mut root);
        let mut chunks = Vec::new();
        for start in (0..docs).step_by(per) {
            let range = start..(start + per).min(docs);
            let mut e = Encoder::new();
            self.block.encode(&mut e, range.clone());
            // Summarised from the bytes as a reader will see them.
            let mut d = Decoder::new(&e.buf, "document metadata chunk");
            let summary = Block::decode(&mut d, range.len(), &self.tables).map(|b| b.summary(self.tables.columns()));
            summary.unwrap_or_default().encode(&mut root);
            chunks.push(e.buf);
        }
        (root.buf, chunks)
    }
}
