//! Hits: a ranked document made presentable — its title highlighted, and the sections its
//! matches fall in, each with its best passage, the best first.
//!
//! A section is the stretch of the body from one heading (or definition term) to the next, plus
//! the summary and the text before the first heading. Sections rank by how many of the query's
//! words they hold, then by how many their heading holds (a query that names a heading finds
//! that section first), then by how many matches are exact, then by how many there are.

use crate::analysis::Analyzer;
use crate::index::docs::{DocView, CHECKPOINT_WORDS};
use crate::index::postings::Occurrence;
use crate::index::{Field, Index};
use crate::query::{MatchKind, Occur, TermGroup};
use crate::rank;
use crate::snippet::{self, Candidate, Mark, Snippet};
use crate::Result;

use super::response::{from_stored, Hit, Map, SectionHit, MAX_SECTIONS};

/// Per field, the word positions of matches in one document, with what they matched.
pub(super) type FieldMarks = [Vec<(u32, Mark)>; Field::COUNT];

/// Which query word, and how, each matched term ordinal stands for, by ordinal. Optional stop
/// words and excluded words are not highlighted. A term several words expand to stands for the
/// first of them, and is exact if it is for any.
pub(super) fn marks_of(groups: &[TermGroup]) -> Vec<(u32, Mark)> {
    let mut marks: Vec<(u32, Mark)> = Vec::new();
    for (i, g) in groups.iter().enumerate().filter(|(_, g)| g.occur == Occur::Must && !g.optional) {
        for e in &g.expansions {
            let mark = Mark { word: i, exact: e.kind == MatchKind::Exact };
            match marks.binary_search_by_key(&e.ordinal, |m| m.0) {
                Ok(at) => marks[at].1.exact |= mark.exact,
                Err(at) => marks.insert(at, (e.ordinal, mark)),
            }
        }
    }
    marks
}

/// Per document, ascending, the match positions [`Index::match_positions`] found (a sorted `Vec`:
/// the page's few documents need no hash table of their own in the wasm module).
pub(super) struct Positions(Vec<(u32, FieldMarks)>);

impl Positions {
    /// Takes document `doc`'s positions out; `None` when it was not asked for.
    pub(super) fn remove(&mut self, doc: &u32) -> Option<FieldMarks> {
        let at = self.0.binary_search_by_key(doc, |e| e.0).ok()?;
        Some(std::mem::take(&mut self.0[at].1))
    }
}

/// A section that matched, with where it stands among the document's.
pub(super) struct Matched {
    /// Its rank key: distinct query words, distinct words in the heading, exact matches, matches.
    key: (u32, u32, usize, usize),
    /// Its index among the stored sections; `None` for the summary and the text before the first.
    pub(super) index: Option<usize>,
    /// What the API shows of it.
    pub(super) hit: SectionHit,
}

impl Index {
    /// Where the matched terms stand in each document of `docs`: document → per field, the word
    /// positions with what they matched. One pass over each term's positions serves every hit.
    pub(super) fn match_positions(
        &self,
        marks: &[(u32, Mark)],
        docs: &[u32],
        postings: &rank::Postings,
    ) -> Result<Positions> {
        let mut docs = docs.to_vec();
        docs.sort_unstable();
        docs.dedup();
        let mut out: Vec<(u32, FieldMarks)> = docs.iter().map(|&doc| (doc, FieldMarks::default())).collect();
        let mut found = Vec::new();
        for &(ordinal, mark) in marks {
            found.clear();
            rank::occurrences_in(&self.searcher(), postings, ordinal, &docs, &mut found)?;
            for &Occurrence { doc, field, position } in &found {
                if let Ok(at) = out.binary_search_by_key(&doc, |e| e.0) {
                    out[at].1[usize::from(field)].push((position, mark));
                }
            }
        }
        for (_, fields) in &mut out {
            for marks in fields.iter_mut() {
                // One mark per word: an exact match wins over the other kinds.
                marks.sort_unstable_by_key(|&(p, m)| (p, !m.exact, m.word));
                marks.dedup_by_key(|m| m.0);
            }
        }
        Ok(Positions(out))
    }

    /// The hit for document `doc`, from its match positions.
    pub(super) fn hit(&self, analyzer: &Analyzer, mut positions: FieldMarks, doc: u32, score: f32) -> Result<Hit> {
        let stored = self.stored(doc)?;
        // Every field is highlighted from the match positions the index holds: the title whole,
        // the others in the best window of each section.
        let summary = candidate(&stored, Field::Summary, std::mem::take(&mut positions[Field::Summary as usize]));
        let body = candidate(&stored, Field::Body, std::mem::take(&mut positions[Field::Body as usize]));
        let mut sections: Vec<SectionHit> =
            matched_sections(analyzer, &stored, &summary, &body).into_iter().map(|m| m.hit).collect();
        sections.truncate(MAX_SECTIONS);
        let (section, anchor, snippet) = match sections.first() {
            Some(s) => (s.title.clone(), s.anchor.clone(), s.snippet.clone()),
            // Nothing matched in the text: the start of the summary, else of the body.
            None => match snippet::best_window(analyzer, &[summary, body]) {
                Some(w) if w.source == 0 => (Some("Summary".to_string()), None, w.snippet),
                // The words are in the title (or the citation), at the top of the page: the link
                // goes there, not to the section the snippet happens to come from.
                Some(w) => {
                    let section = stored.section_at(w.first_match);
                    let name = section.map(|s| snippet::clip(s.title, snippet::MAX_SECTION_UNITS).into_owned());
                    (name, None, w.snippet)
                }
                None => (None, None, Snippet::default()),
            },
        };
        Ok(from_stored!(Hit, analyzer, &stored, &positions[Field::Title as usize], {
            meta: meta_of(&stored),
            score,
            section,
            anchor,
            snippet,
            sections,
        }))
    }
}

/// The metadata of `stored`, for its hit.
fn meta_of(stored: &DocView) -> Map<String> {
    stored.meta.iter().map(|&(key, value)| (key.to_string(), value.to_string())).collect()
}

/// Field `field` of `stored` as a snippet candidate with its `marks`.
pub(super) fn candidate<'a>(stored: &'a DocView<'a>, field: Field, marks: Vec<(u32, Mark)>) -> Candidate<'a> {
    Candidate { text: stored.field(field), checkpoints: &stored.checkpoints[field as usize], marks }
}

/// The sections of `stored` that hold matches, best first; a section split in two by a
/// definition term inside it is listed once, by its better part.
pub(super) fn matched_sections(
    analyzer: &Analyzer,
    stored: &DocView,
    summary: &Candidate,
    body: &Candidate,
) -> Vec<Matched> {
    let mut found = Vec::new();
    if let Some(w) = snippet::best_window_within(analyzer, summary, 0..u32::MAX) {
        let (distinct, exact, count) = snippet::key_of(&summary.marks, u32::MAX);
        let hit = section_hit(Some("Summary".to_string()), None, w.snippet, (distinct, 0, exact, count));
        found.push(Matched { key: (distinct, 0, exact, count), index: None, hit });
    }
    if !body.marks.is_empty() {
        let starts: Vec<u32> = stored.sections.iter().map(|s| word_at(analyzer, body, s.start)).collect();
        // Stretch 0 is the text before the first section; stretch i + 1 is section i.
        for stretch in 0..=starts.len() {
            let from = if stretch == 0 { 0 } else { starts[stretch - 1] };
            let to = starts.get(stretch).copied().unwrap_or(u32::MAX);
            let marks = in_range(&body.marks, from..to);
            if marks.is_empty() {
                continue;
            }
            let Some(w) = snippet::best_window_within(analyzer, body, from..to) else { continue };
            let section = stretch.checked_sub(1).and_then(|i| stored.sections.get(i));
            let heading_words = section.map_or(0, |s| heading_words(analyzer, stored.body, s.title, s.start));
            let heading = snippet::key_of(in_range(marks, from..from.saturating_add(heading_words)), u32::MAX).0;
            let (distinct, exact, count) = snippet::key_of(marks, u32::MAX);
            let key = (distinct, heading, exact, count);
            let title = section.map(|s| snippet::clip(s.title, snippet::MAX_SECTION_UNITS).into_owned());
            let anchor = section.and_then(|s| s.anchor.map(str::to_string));
            found.push(Matched { key, index: stretch.checked_sub(1), hit: section_hit(title, anchor, w.snippet, key) });
        }
    }
    // Best first; the earlier of equals (a stable sort).
    found.sort_by_key(|m| std::cmp::Reverse(m.key));
    let mut seen = Vec::new();
    found.retain(|m| {
        let id = (m.hit.title.clone(), m.hit.anchor.clone());
        let first = !seen.contains(&id);
        seen.push(id);
        first
    });
    found
}

fn section_hit(
    title: Option<String>,
    anchor: Option<String>,
    snippet: Snippet,
    key: (u32, u32, usize, usize),
) -> SectionHit {
    let (distinct, heading, exact, count) = key;
    // A readable number in the key's order: words, then heading words, then a little for the rest.
    let score = distinct as f32 + 0.5 * heading as f32 + 0.01 * (exact.min(50) + count.min(50)) as f32;
    SectionHit { title, anchor, snippet, score }
}

/// The marks of `marks` (ascending) at positions in `range`.
fn in_range(marks: &[(u32, Mark)], range: std::ops::Range<u32>) -> &[(u32, Mark)] {
    let from = marks.partition_point(|m| m.0 < range.start);
    let to = marks.partition_point(|m| m.0 < range.end);
    &marks[from..to.max(from)]
}

/// How many words of the body, from byte `start`, are the heading `title` (0 when the body does
/// not begin the section with its heading, as archives that name sections in a line of their own
/// may not).
fn heading_words(analyzer: &Analyzer, body: &str, title: &str, start: usize) -> u32 {
    let title = title.trim_end_matches('…');
    match body.get(start..) {
        Some(rest) if !title.is_empty() && rest.starts_with(title) => analyzer.spans(title).count() as u32,
        _ => 0,
    }
}

/// The word position of the first word of `c` that starts at or after byte `byte`
/// (`u32::MAX` when there is none), read from the nearest checkpoint before it.
fn word_at(analyzer: &Analyzer, c: &Candidate, byte: usize) -> u32 {
    let k = c.checkpoints.partition_point(|&b| b as usize <= byte).saturating_sub(1);
    let (from, first) = match c.checkpoints.get(k) {
        Some(&b) if b as usize <= byte && c.text.is_char_boundary(b as usize) => {
            (b as usize, k as u32 * CHECKPOINT_WORDS)
        }
        _ => (0, 0),
    };
    analyzer.spans(&c.text[from..]).find(|w| w.start + from >= byte).map_or(u32::MAX, |w| w.position + first)
}
