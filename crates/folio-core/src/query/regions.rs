//! Where a typo walk looks for the corrections of a word: regions of the dictionary named by key
//! prefixes, never by chunks, so a split index finds exactly what the single file finds and
//! fetches only the term chunks whose key ranges meet the prefixes.
//!
//! Most slips fall after a word's first two letters: a walk looks first in the word's [`own`]
//! region, the keys that share its first two letters, and in narrow regions for the commonest
//! slips of its second letter (swapped with a neighbour, typed extra, a vowel for a vowel, a vowel
//! or the `h`, `r` or `l` of a consonant pair left out). A narrow region pins the intended word's first
//! letters as far as the edit budget allows: four with one edit (spent on the slip, the rest is as
//! typed), three with two, so it costs about one term chunk. Only when these have no correction
//! within budget does the walk look [`wider`]: at the rarer slips of the second letter (a
//! neighbouring key or a letter of the same sound for it) and the
//! likely slips of the first letter, which people seldom get wrong, each in a narrow region.
//!
//! The work is bounded by keys, the same in both layouts: a walk covers at most [`MAX_REGIONS`]
//! prefixes, none shorter than two letters, so on a split index a misspelt word fetches the term
//! chunks of one two-letter prefix (on the 63k Wikipedia leads' 2,011 term chunks, `co` spans 72,
//! `re` 47, `sc` 12, `zi` 3) and about one chunk per narrow region. It was every key of the word's
//! first letter: 192 term chunks for a word under `s`.

use super::spelling;

/// Letters often left out as a word's second letter: the `h`, `r` and `l` that follow a consonant
/// (`cristmas` for `christmas`, `fench` for `french`, `pease` for `please`), and the vowels
/// (`bilt` for `built`, `mkoyan`).
const DROPPED_SECOND: [char; 9] = ['h', 'r', 'l', 'a', 'e', 'i', 'o', 'u', 'y'];

/// The most key prefixes one walk covers: the bound on a typo walk's work, the same in both
/// layouts ([`own`] makes at most 18, [`wider`] at most about 20).
pub const MAX_REGIONS: usize = 32;

/// How many of the intended word's first letters a narrow region pins: the slip spends one edit
/// and, with one allowed, the next letters are as typed.
fn pinned(edits: u8) -> usize {
    if edits <= 1 {
        4
    } else {
        3
    }
}

/// Where the corrections of `word` within `edits` are looked for first: the keys sharing its
/// first two letters, and the narrow regions of its second letter's commonest slips: swapped with
/// the first or the third (`hte`, `sgement`), typed extra (`sxegment`), a vowel for a vowel
/// (`sigment`), a vowel or an `h`, `r` or `l` left out before it (`bilt`, `cristmas`). Prefixes in
/// key order, none inside another.
pub fn own(word: &str, edits: u8) -> Vec<String> {
    let c: Vec<char> = word.chars().collect();
    let (Some(&c0), Some(&c1)) = (c.first(), c.get(1)) else {
        return c.first().map(|f| vec![f.to_string()]).unwrap_or_default();
    };
    let region = intended(&c, pinned(edits));
    let mut prefixes = vec![[c0, c1].iter().collect::<String>()];
    if c1 != c0 {
        prefixes.push(region(&[c1, c0], 2));
    }
    if let Some(&c2) = c.get(2).filter(|&&c2| c2 != c1) {
        prefixes.push(region(&[c0, c2, c1], 3));
        prefixes.push(region(&[c0], 2));
    }
    if spelling::is_vowel(c1) {
        let vowels = spelling::likely_substitutes(c1).filter(|&x| spelling::is_vowel(x));
        prefixes.extend(vowels.map(|x| region(&[c0, x], 2)));
    }
    let dropped = DROPPED_SECOND.iter().filter(|&&x| x != c1 && x != c0);
    prefixes.extend(dropped.map(|&x| region(&[c0, x, c1], 2)));
    in_key_order(prefixes, &[])
}

/// Where a word is looked for when its own regions ([`own`]) have no correction within its budget
/// of `edits`: the rarer slips of its second letter (a neighbouring key or a letter of the same
/// sound for it, `shem` for `sgement`),
/// and a likely substitute of its first letter ([`spelling::likely_substitutes`]: another vowel,
/// a neighbouring key, a letter of the same sound) followed by its next letters (`occ` for
/// `accasionally`, `sele` for `celect`), or its letters after the first (an extra first letter:
/// `larg` for `mlarge`). Prefixes in key order, none inside another or inside the word's own
/// regions.
pub fn wider(word: &str, edits: u8) -> Vec<String> {
    let c: Vec<char> = word.chars().collect();
    let (Some(&c0), Some(&c1)) = (c.first(), c.get(1)) else { return Vec::new() };
    let region = intended(&c, pinned(edits));
    let mut prefixes: Vec<String> = spelling::likely_substitutes(c1)
        .filter(|&x| !(spelling::is_vowel(x) && spelling::is_vowel(c1)))
        .map(|x| region(&[c0, x], 2))
        .collect();
    prefixes.extend(spelling::likely_substitutes(c0).map(|x| region(&[x], 1)));
    if c.len() > 2 {
        prefixes.push(region(&[], 1));
    }
    in_key_order(prefixes, &own(word, edits))
}

/// The first `p` letters of the word meant when `c` was typed for it with one slip: `head`, then
/// the typed letters from `from`.
fn intended(c: &[char], p: usize) -> impl Fn(&[char], usize) -> String + '_ {
    move |head, from| head.iter().chain(c.iter().skip(from)).take(p).collect()
}

/// `prefixes` sorted, each once, without those inside another or inside one of `taken`, and at
/// most [`MAX_REGIONS`].
fn in_key_order(mut prefixes: Vec<String>, taken: &[String]) -> Vec<String> {
    prefixes.retain(|p| !taken.iter().any(|t| p.starts_with(t.as_str()) || t.starts_with(p.as_str())));
    prefixes.sort_unstable();
    prefixes.dedup();
    let mut kept: Vec<String> = Vec::with_capacity(prefixes.len());
    for p in prefixes {
        // Sorted, a prefix's extensions follow it directly.
        if !kept.last().is_some_and(|k| p.starts_with(k.as_str())) {
            kept.push(p);
        }
    }
    kept.truncate(MAX_REGIONS);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::index::{ChunkSizes, Index, IndexWriter};
    use crate::search::{SearchOptions, SearchResponse};
    use std::collections::HashMap;

    /// A split index of `words` (its root and chunks: one document each, tiny term chunks) and
    /// the same as a single file.
    fn split_and_whole(words: &[String]) -> (Vec<u8>, HashMap<String, Vec<u8>>, Index) {
        let mut whole = IndexWriter::new();
        let mut split = IndexWriter::new();
        for (i, word) in words.iter().enumerate() {
            whole.add(Document::new(format!("d{i}"), "Note", word.clone())).unwrap();
            split.add(Document::new(format!("d{i}"), "Note", word.clone())).unwrap();
        }
        let whole = Index::from_bytes(&whole.finish().unwrap()).unwrap();
        let split = split.finish_split(ChunkSizes { terms: 64, docs: 4096 }).unwrap();
        (split.root, split.chunks.into_iter().collect(), whole)
    }

    /// The response of a search on the split index from a fresh root, loading chunks as asked,
    /// and the term chunks it fetched.
    fn search_split(root: &[u8], chunks: &HashMap<String, Vec<u8>>, query: &str) -> (SearchResponse, usize) {
        let mut fetched = 0;
        let r = Index::from_bytes(root)
            .unwrap()
            .search_loading(query, &options(), |name| {
                fetched += usize::from(name.contains("-t"));
                chunks.get(name).cloned().ok_or_else(|| crate::Error::corrupt(name.to_string()))
            })
            .unwrap();
        (r, fetched)
    }

    fn options() -> SearchOptions {
        SearchOptions { prefix_last: false, limit: 50, ..SearchOptions::default() }
    }

    #[test]
    fn a_misspelt_word_fetches_a_few_term_chunks_of_its_first_letter() {
        // 676 words under `s` fill about a hundred tiny term chunks; `sgement` (a swap) and
        // `semgent` (a swap further in), `sigment` (a vowel) and `sement` (a letter left out) each
        // find `segment` in a few of them, as the single file does.
        let mut words: Vec<String> = ('a'..='z')
            .flat_map(|b| ('a'..='z').map(move |c| format!("s{b}{c}ter")))
            .chain(["segment".to_string(), "sprint".to_string(), "table".to_string()])
            .collect();
        words.sort();
        let (root, chunks, whole) = split_and_whole(&words);
        let split = Index::from_bytes(&root).unwrap();
        let under_s: std::collections::HashSet<u32> =
            words.iter().filter(|w| w.starts_with('s')).map(|w| split.term_chunk_of(w)).collect();
        assert!(under_s.len() > 60, "{} term chunks under s", under_s.len());
        for query in ["sgement", "semgent", "sigment", "sement", "segmant sprnit"] {
            let (r, fetched) = search_split(&root, &chunks, query);
            let w = whole.search(query, &options()).unwrap();
            let ranked = |r: &SearchResponse| r.hits.iter().map(|h| (h.id.clone(), h.score)).collect::<Vec<_>>();
            assert_eq!((ranked(&r), &r.did_you_mean), (ranked(&w), &w.did_you_mean), "{query}");
            assert!(
                r.did_you_mean.as_deref().is_some_and(|d| d.starts_with("segment")),
                "{query}: {:?}",
                r.did_you_mean
            );
            let words = query.split(' ').count();
            assert!(fetched <= 25 * words, "{query}: {fetched} term chunks of {}", under_s.len());
        }
    }

    #[test]
    fn a_consonant_pair_missing_its_r_or_h_is_weighed_with_the_nearer_words() {
        // `fench` is one edit from `fence` under its own two letters, and from `french`, an `r`
        // left out; beside `mills` it is `french`. `cristmus` is two from `christmas`, whose `h`
        // is left out, beyond an eight-letter word's budget but made of likely slips.
        let docs: Vec<String> =
            ["french mills", "french mills", "a fence", "christmas song", "a crisp song"].map(String::from).to_vec();
        let (root, chunks, whole) = split_and_whole(&docs);
        for (query, meant) in [("fench mills", "french mills"), ("cristmus song", "christmas song")] {
            let (r, _) = search_split(&root, &chunks, query);
            assert_eq!(r.did_you_mean.as_deref(), Some(meant), "{query}");
            assert_eq!(whole.search(query, &options()).unwrap().did_you_mean, r.did_you_mean);
        }
    }

    #[test]
    fn misspelt_words_find_the_same_corrections_split_and_whole() {
        // Words of a few letters spread over many tiny term chunks; each query is a word with a
        // slip somewhere (a swap, a letter changed, dropped or added): loaded on demand, the
        // split index must match and suggest what the single file does, wherever the walk goes.
        let mut seed = 22u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        let letters: Vec<char> = "aeiostnrlbcdh".chars().collect();
        let mut words: Vec<String> = (0..400)
            .map(|_| (0..5 + next(4)).map(|_| letters[next(letters.len() as u32) as usize]).collect())
            .collect();
        words.sort();
        words.dedup();
        let (root, chunks, whole) = split_and_whole(&words);
        let mut corrected = 0;
        for k in 0..60 {
            let mut w: Vec<char> = words[next(words.len() as u32) as usize].chars().collect();
            let at = 1 + next(w.len() as u32 - 2) as usize;
            match k % 4 {
                0 => w.swap(at, at + 1),
                1 => w[at] = letters[next(letters.len() as u32) as usize],
                2 => drop(w.remove(at)),
                _ => w.insert(at, letters[next(letters.len() as u32) as usize]),
            }
            let query: String = w.into_iter().collect();
            let (r, _) = search_split(&root, &chunks, &query);
            let a = whole.search(&query, &options()).unwrap();
            let ranked = |r: &SearchResponse| r.hits.iter().map(|h| (h.id.clone(), h.score)).collect::<Vec<_>>();
            assert_eq!((ranked(&r), &r.did_you_mean), (ranked(&a), &a.did_you_mean), "{query}");
            corrected += usize::from(a.did_you_mean.is_some());
        }
        assert!(corrected >= 30, "only {corrected} of 60 misspellings corrected");
    }

    #[test]
    fn a_word_is_looked_for_under_its_first_two_letters_and_its_second_letters_slips() {
        let regions = own("sgement", 1);
        // Its own two letters, a swap of the first two, of the second and third, an extra letter.
        // A vowel, an `h`, `r` or `l` left out after the first letter.
        assert_eq!(regions[..4], ["gsem", "sage", "sege", "segm"]);
        for p in ["seme", "sg", "shge", "sige", "slge", "soge", "srge", "suge", "syge"] {
            assert!(regions.contains(&p.to_string()), "{p} in {regions:?}");
        }
        assert_eq!(regions.len(), 13);
        // A vowel for the second letter, when it is one.
        assert!(own("sigment", 1).contains(&"segm".to_string()));
        // Wider: a neighbouring key for the second, another first letter, an extra one; every
        // narrow region pins four letters.
        let rarer = wider("sgement", 1);
        for p in ["shem", "agem", "geme"] {
            assert!(rarer.contains(&p.to_string()), "{p} in {rarer:?}");
        }
        assert!(rarer.iter().all(|p| p.chars().count() == 4), "{rarer:?}");
        // Two edits pin three letters.
        assert!(wider("accasionally", 2).iter().all(|p| p.chars().count() == 3));
        assert!(regions.len() <= MAX_REGIONS && rarer.len() <= MAX_REGIONS);
    }

    #[test]
    fn regions_are_in_key_order_and_none_inside_another() {
        for word in ["sgement", "aaron", "wrod", "llama", "пленум", "x"] {
            for edits in [1, 2] {
                let all = [own(word, edits), wider(word, edits)].concat();
                for (i, a) in all.iter().enumerate() {
                    for b in &all[i + 1..] {
                        assert!(!a.starts_with(b.as_str()) && !b.starts_with(a.as_str()), "{word}: {a} {b}");
                    }
                }
                let own = own(word, edits);
                assert!(own.windows(2).all(|w| w[0] < w[1]), "{own:?}");
                assert!(own.len() <= MAX_REGIONS && all.len() - own.len() <= MAX_REGIONS, "{word}");
            }
        }
    }

    #[test]
    fn another_first_letter_is_looked_for_in_narrow_regions() {
        // One edit, spent on the first letter: the next three letters are as typed.
        let regions = wider("celect", 1);
        assert!(regions.contains(&"sele".to_string()) && regions.contains(&"elec".to_string()));
        assert!(regions.iter().all(|p| p.chars().count() == 4), "{regions:?}");
        // Two edits: two letters after the first.
        assert!(wider("accasionally", 2).contains(&"occ".to_string()));
        assert!(wider("a", 1).is_empty());
    }
}
