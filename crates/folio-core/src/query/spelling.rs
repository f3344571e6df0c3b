//! Which correction of a mistyped word was meant: a noisy-channel score for the candidates a
//! typo walk finds.
//!
//! The walk finds every word form within one or two edits; most of them are not what the writer
//! meant. [`cost`] weighs the edits by how often people make them (Damerau 1964; Kernighan,
//! Church & Gale 1990): a swapped pair, a doubled or dropped double letter, a vowel for a vowel
//! and a vowel pair written as one vowel are cheap; a neighbouring key or a letter of the same sound is cheaper than any other
//! substitution; the first letter is rarely wrong. Words that sound alike ([`sound_key`], a
//! Metaphone-like key for Latin script) cost less again. [`Candidate::score`] adds how common the
//! candidate is, so the more frequent of two equally likely corrections wins.

/// The cost of a wholly unrelated substitution, insertion or deletion.
const EDIT: f32 = 1.0;
/// Two neighbouring letters swapped (`teh` for `the`).
const SWAP: f32 = 0.5;
/// A letter doubled or a double letter written once (`occured`, `begginer`).
const DOUBLE: f32 = 0.35;
/// One vowel for another (`seperate`, `definately`).
const VOWEL: f32 = 0.55;
/// A key next to the intended one, or a letter of the same sound (`c`/`k`/`s`).
const NEAR: f32 = 0.6;
/// A vowel left out or added (`goverment` is not one, `realy` is a double).
const VOWEL_INDEL: f32 = 0.75;
/// A vowel left out of a pair of vowels, or added beside a vowel (`feture`, `reson`, `theire`).
const VOWEL_PAIR: f32 = 0.45;
/// Added to any edit of the first letter: people seldom get it wrong.
const FIRST: f32 = 0.5;
/// Taken off when the two words sound alike.
const SOUND_ALIKE: f32 = 0.3;
/// What a tenfold more frequent candidate is worth, in edit cost.
const FREQUENCY: f32 = 0.12;

/// A correction a typo walk found: the word form, its stem's ordinal, its document frequency and
/// its plain edit distance.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The indexed word form.
    pub form: String,
    /// Its stem's ordinal.
    pub ordinal: u32,
    /// How many documents hold its stem.
    pub doc_freq: u32,
    /// Edits (Damerau–Levenshtein) from the typed word.
    pub distance: u8,
    /// How unlikely it is as what was meant (lower is likelier): [`cost`] less its frequency.
    pub score: f32,
}

impl Candidate {
    /// A candidate for `typed`, scored.
    pub fn new(typed: &str, form: String, ordinal: u32, doc_freq: u32, distance: u8) -> Candidate {
        let score = score(cost(typed, &form), doc_freq);
        Candidate { form, ordinal, doc_freq, distance, score }
    }
}

/// The score of a correction whose spelling costs `cost` (lower is likelier) and whose stem is in
/// `doc_freq` documents: the more common of two equally likely corrections wins.
pub fn score(cost: f32, doc_freq: u32) -> f32 {
    cost - FREQUENCY * (1.0 + doc_freq as f32).log10()
}

/// Sorts candidates likeliest first (ties: fewer edits, more documents, then the form).
pub fn rank(candidates: &mut [Candidate]) {
    candidates.sort_unstable_by(|a, b| {
        a.score
            .total_cmp(&b.score)
            .then(a.distance.cmp(&b.distance))
            .then(b.doc_freq.cmp(&a.doc_freq))
            .then_with(|| a.form.cmp(&b.form))
    });
}

/// How much less likely than the best a candidate `score` is, as a weight from 1 (as likely) down
/// towards 0: each half edit of extra cost halves it.
pub fn relative_weight(best: f32, score: f32) -> f32 {
    let extra = (score - best).max(0.0);
    (-extra * std::f32::consts::LN_2 * 2.0).exp()
}

/// Whether `c` is a Latin or Cyrillic vowel.
pub fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я')
}

/// Rows of the QWERTY and ЙЦУКЕН layouts; letters next to each other in a row, or at the same or
/// the next place in the row below, are neighbours.
const ROWS: [&[char]; 6] = [
    &['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    &['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
    &['z', 'x', 'c', 'v', 'b', 'n', 'm'],
    &['й', 'ц', 'у', 'к', 'е', 'н', 'г', 'ш', 'щ', 'з', 'х', 'ъ'],
    &['ф', 'ы', 'в', 'а', 'п', 'р', 'о', 'л', 'д', 'ж', 'э'],
    &['я', 'ч', 'с', 'м', 'и', 'т', 'ь', 'б', 'ю'],
];

fn key_of(c: char) -> Option<(usize, isize)> {
    ROWS.iter().enumerate().find_map(|(r, row)| row.iter().position(|&k| k == c).map(|p| (r, p as isize)))
}

/// The letters of `c`'s keyboard layout that a writer likely typed for it, or it for them (a
/// substitution [`cost`] rates below an unrelated one: a vowel for a vowel, a neighbouring key,
/// a letter of the same sound), in layout order; none for a letter of no layout.
pub fn likely_substitutes(c: char) -> impl Iterator<Item = char> {
    let layout = key_of(c).map(|(row, _)| row / 3);
    ROWS.iter()
        .enumerate()
        .filter(move |&(row, _)| Some(row / 3) == layout)
        .flat_map(|(_, keys)| keys.iter().copied())
        .filter(move |&x| x != c && substitution(x, c) < EDIT)
}

/// Whether `a` and `b` are neighbouring keys (same layout).
fn adjacent(a: char, b: char) -> bool {
    let (Some((ra, pa)), Some((rb, pb))) = (key_of(a), key_of(b)) else { return false };
    if ra / 3 != rb / 3 {
        return false;
    }
    match rb as isize - ra as isize {
        0 => (pa - pb).abs() == 1,
        // The row below is shifted half a key right: its key p sits under p and p + 1 above.
        1 => pb == pa || pb == pa - 1,
        -1 => pa == pb || pa == pb - 1,
        _ => false,
    }
}

/// Letters that often stand for the same sound, or are written for each other as if they did:
/// a voiced consonant for its voiceless twin (`g`/`k`, `croups`, `cauge`), `v` and `w` (`wiew`,
/// `vell`), and `b` and `d`, each the other's mirror image (`dridge`, `delt`).
const SOUND_GROUPS: [&[char]; 11] = [
    &['c', 'k', 'q', 's'],
    &['s', 'z'],
    &['g', 'j'],
    &['c', 'g', 'k'],
    &['f', 'v'],
    &['v', 'w'],
    &['m', 'n'],
    &['d', 't'],
    &['b', 'p'],
    &['b', 'd'],
    &['и', 'й', 'ы'],
];

/// Whether `a` and `b` often stand for the same sound.
fn same_sound(a: char, b: char) -> bool {
    SOUND_GROUPS.iter().any(|g| g.contains(&a) && g.contains(&b))
}

/// The cost of typing `a` for `b`.
fn substitution(a: char, b: char) -> f32 {
    if a == b {
        0.0
    } else if is_vowel(a) && is_vowel(b) {
        VOWEL
    } else if adjacent(a, b) || same_sound(a, b) {
        NEAR
    } else {
        EDIT
    }
}

/// The cost of inserting or deleting `c` between `before` and `after` (`None` at the ends).
fn indel(c: char, before: Option<char>, after: Option<char>) -> f32 {
    if before == Some(c) || after == Some(c) {
        DOUBLE
    } else if is_vowel(c) && (before.is_some_and(is_vowel) || after.is_some_and(is_vowel)) {
        VOWEL_PAIR
    } else if is_vowel(c) {
        VOWEL_INDEL
    } else {
        EDIT
    }
}

/// The weighted edit cost of `typed` for `meant` (optimal string alignment: substitutions,
/// insertions, deletions and swaps of neighbours, each weighed by how often people make it),
/// less [`SOUND_ALIKE`] when the words sound alike.
pub fn cost(typed: &str, meant: &str) -> f32 {
    let a: Vec<char> = typed.chars().collect();
    let b: Vec<char> = meant.chars().collect();
    let (n, m) = (a.len(), b.len());
    let first = |i: usize| if i == 0 { FIRST } else { 0.0 };
    let mut d = vec![vec![0f32; m + 1]; n + 1];
    for j in 1..=m {
        d[0][j] = d[0][j - 1] + indel(b[j - 1], j.checked_sub(2).map(|k| b[k]), b.get(j).copied()) + first(j - 1);
    }
    for i in 1..=n {
        d[i][0] = d[i - 1][0] + indel(a[i - 1], i.checked_sub(2).map(|k| a[k]), a.get(i).copied()) + first(i - 1);
        for j in 1..=m {
            let edge = if i == 1 && j == 1 { FIRST } else { 0.0 };
            let sub =
                d[i - 1][j - 1] + substitution(a[i - 1], b[j - 1]) + if a[i - 1] != b[j - 1] { edge } else { 0.0 };
            // Deleting typed a[i-1]: doubled when it repeats its neighbour in the typed word.
            let del = d[i - 1][j] + indel(a[i - 1], i.checked_sub(2).map(|k| a[k]), a.get(i).copied()) + first(i - 1);
            // Inserting meant b[j-1]: dropped when it repeats its neighbour in the meant word.
            let ins = d[i][j - 1] + indel(b[j - 1], j.checked_sub(2).map(|k| b[k]), b.get(j).copied()) + first(j - 1);
            let mut best = sub.min(del).min(ins);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2] {
                best = best.min(d[i - 2][j - 2] + SWAP + if i == 2 { FIRST } else { 0.0 });
            }
            d[i][j] = best;
        }
    }
    let total = d[n][m];
    if total > 0.0 && sound_key(typed) == sound_key(meant) {
        (total - SOUND_ALIKE).max(0.1)
    } else {
        total
    }
}

/// A key that words which sound alike share, for Latin script (a simplified Metaphone: `ph` is
/// `f`, a soft `c` is `s`, a hard one `k`, `ck`, `q` and `x`'s first sound are `k`, `z` is `s`,
/// silent `h` after consonants and `gh` go, vowels after the first letter go, doubles are one).
/// Words of other scripts are their own key.
pub fn sound_key(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    if !chars.iter().all(|c| c.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let mapped = match c {
            'p' if next == Some('h') => {
                i += 1;
                Some('f')
            }
            'c' if matches!(next, Some('e' | 'i' | 'y')) => Some('s'),
            'c' if next == Some('k') => {
                i += 1;
                Some('k')
            }
            'c' | 'q' => Some('k'),
            'x' => Some('k'),
            'z' => Some('s'),
            'g' if next == Some('h') => {
                i += 1;
                None
            }
            'h' if i > 0 => None,
            'w' if i > 0 && !matches!(next, Some('a' | 'e' | 'i' | 'o' | 'u')) => None,
            'd' if next == Some('g') => Some('j'),
            _ if i > 0 && is_vowel(c) => None,
            _ => Some(c),
        };
        if let Some(m) = mapped {
            if !out.ends_with(m) {
                out.push(m);
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likely_slips_cost_less_than_unrelated_edits() {
        // A swap, a doubled letter, a vowel for a vowel: cheaper than a random substitution.
        assert!(cost("teh", "the") < cost("tha", "the") + 0.5);
        assert!(cost("recieve", "receive") < cost("recieve", "relieve"));
        assert!(cost("occured", "occurred") < cost("occured", "occupied"));
        assert!(cost("seperate", "separate") < cost("seperate", "sederate"));
        // A neighbouring key beats a far one.
        assert!(cost("wprd", "word") < cost("wzrd", "word"));
        // The first letter is seldom the wrong one.
        assert!(cost("bave", "have") > cost("hace", "have"));
        assert_eq!(cost("word", "word"), 0.0);
    }

    #[test]
    fn likely_substitutes_are_vowels_neighbours_and_letters_of_the_same_sound() {
        let of = |c| likely_substitutes(c).collect::<String>();
        assert_eq!(of('c'), "qsdfgkxv");
        assert_eq!(of('a'), "qweyuiosz");
        assert!(of('в').contains('а') && of('в').contains('ы') && !of('в').contains('о'));
        assert_eq!(of('1'), "");
    }

    #[test]
    fn words_that_sound_alike_share_a_key() {
        assert_eq!(sound_key("fonetic"), sound_key("phonetic"));
        assert_eq!(sound_key("sircle"), sound_key("circle"));
        assert_eq!(sound_key("nacked"), sound_key("naked"));
        assert_ne!(sound_key("circle"), sound_key("cycle"));
        assert_eq!(sound_key("ким"), "ким");
    }

    #[test]
    fn the_likeliest_correction_ranks_first() {
        let mut found = vec![
            Candidate::new("recieve", "relieve".into(), 1, 40, 1),
            Candidate::new("recieve", "receive".into(), 2, 10, 1),
            Candidate::new("recieve", "receiver".into(), 3, 90, 2),
        ];
        rank(&mut found);
        assert_eq!(found[0].form, "receive");
        // Frequency breaks a tie between equally likely slips.
        let mut tie =
            vec![Candidate::new("bat", "bad".into(), 1, 5, 1), Candidate::new("bat", "bag".into(), 2, 500, 1)];
        rank(&mut tie);
        assert_eq!(tie[0].form, "bag");
        assert_eq!(relative_weight(1.0, 1.0), 1.0);
        assert!((relative_weight(1.0, 1.5) - 0.5).abs() < 1e-6);
    }
}
