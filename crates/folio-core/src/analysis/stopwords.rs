//! Stop words: function words that carry little meaning on their own.
//!
//! They stay in the index (phrases need them) and still score; a query only stops *requiring*
//! them, so "prisoners of war" needs "prisoners" and "war" and merely prefers "of". The lists are
//! Snowball's English and Russian stop lists, folded (`ё` → `е`).

const ENGLISH: &str = "\
    a about above after again against all am an and any are as at be because been before being \
    below between both but by can cannot could did do does doing down during each few for from \
    further had has have having he her here hers herself him himself his how i if in into is it \
    its itself me more most my myself no nor not of off on once only or other ought our ours \
    ourselves out over own same she should so some such than that the their theirs them \
    themselves then there these they this those through to too under until up very was we were \
    what when where which while who whom why will with would you your yours yourself yourselves";

const RUSSIAN: &str = "\
    а без более больше будет будто бы был была были было быть в вам вас вдруг ведь во вот \
    впрочем все всегда всего всех всю вы где да даже два для до другой его ее ей ему если есть \
    еще ж же за зачем здесь и из или им иногда их к как какая какой когда конечно кто куда ли \
    лучше между меня мне много может можно мой моя мы на над надо наконец нас не него нее ней \
    нельзя нет ни нибудь никогда ним них ничего но ну о об один он она они опять от перед по под \
    после потом потому почти при про раз разве с сам свою себе себя сейчас со совсем так такой \
    там тебя тем теперь то тогда того тоже только том тот три тут ты у уж уже хорошо хоть чего \
    чем через что чтоб чтобы чуть эти этого этой этом этот эту я";

/// Whether a folded word is an English or Russian stop word. One string per list is half the
/// module bytes of a `&str` per word (bench/size-table.md).
pub fn is_stopword(word: &str) -> bool {
    in_list(ENGLISH, word) || in_list(RUSSIAN, word)
}

/// Whether `word` is one of the words of `list`, which are sorted (by their bytes) and separated
/// by single spaces: a binary search over the string, since the typo walk asks for each of its
/// candidates.
pub(super) fn in_list(list: &str, word: &str) -> bool {
    let bytes = list.as_bytes();
    // The words left to compare with lie in `lo..hi`; `lo` is always a word's start.
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[..mid].iter().rposition(|&b| b == b' ').map_or(0, |i| i + 1);
        let end = bytes[mid..].iter().position(|&b| b == b' ').map_or(bytes.len(), |i| mid + i);
        match bytes[start..end].cmp(word.as_bytes()) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of Snowball's lists (as they were when each word was a `&str` of its own).
    const ENGLISH_WORDS: usize = 126;
    const RUSSIAN_WORDS: usize = 151;

    #[test]
    fn lists_are_words_between_single_spaces_sorted_once_each() {
        for list in [ENGLISH, RUSSIAN] {
            let words: Vec<&str> = list.split(' ').collect();
            assert!(words.iter().all(|w| !w.is_empty() && !w.contains(char::is_whitespace)), "{list}");
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{list}");
        }
        assert_eq!((ENGLISH.split(' ').count(), RUSSIAN.split(' ').count()), (ENGLISH_WORDS, RUSSIAN_WORDS));
    }

    #[test]
    fn the_search_finds_every_word_of_a_list_and_nothing_else() {
        for list in [ENGLISH, RUSSIAN, "a", "a b", "b c d", "ab abc b"] {
            for (i, word) in list.split(' ').enumerate() {
                assert!(in_list(list, word), "{word} in {list}");
                // Neighbours of a word that are not words of the list.
                let mut shorter = word.to_string();
                shorter.pop();
                for near in [format!("{word}a"), format!("{word}\u{10FFFF}"), shorter] {
                    assert_eq!(in_list(list, &near), list.split(' ').any(|w| w == near), "{near:?} #{i} in {list}");
                }
            }
            for absent in ["", " ", "zzzz", "0", "ё", "\u{0}"] {
                assert!(!in_list(list, absent), "{absent:?} in {list}");
            }
        }
    }

    #[test]
    fn recognises_function_words_only() {
        assert!(is_stopword("of") && is_stopword("the") && is_stopword("что") && is_stopword("еще"));
        assert!(!is_stopword("war") && !is_stopword("пленум"));
    }
}
