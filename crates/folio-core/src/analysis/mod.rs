//! Text analysis: the one pipeline that turns text into index terms, at index time and at query time.
//!
//! Text is cut into words by UAX #29 ([`tokenize`]; runs of Chinese, Japanese and Thai characters
//! into overlapping pairs, [`segment`]), each word is folded ([`normalize`]: Unicode
//! compatibility decomposition, case folding, `ё`→`е`, diacritics dropped, Arabic vowel marks and
//! alef forms, Greek final sigma) and stemmed: by the Snowball stemmer of the document's language
//! ([`lang`]) when it has one and the word is in its script, else by the stemmer of its script
//! ([`stem`]: English for Latin, Russian for Cyrillic). A query word is stemmed both ways, for
//! every language the index holds. Words that
//! mix the two scripts, as OCR makes them, are first written in one ([`script::unmix`]). Every
//! [`Token`] keeps the byte range of the word in the original text, so snippets can highlight the
//! exact characters without re-tokenising guesswork.

#[cfg(feature = "lang-hi")]
mod hindi;
pub mod lang;
pub mod normalize;
pub mod script;
pub mod segment;
pub mod stem;
mod stoplists;
pub mod stopwords;
pub mod tokenize;
pub mod translit;
mod uax29;
pub mod vocabulary;
mod word_table;

pub use lang::Language;
use stem::Stemmers;

/// The longest term, in bytes, that the index stores; longer words are cut at a char boundary.
pub const MAX_TERM_BYTES: usize = 64;

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The stem: the form, stemmed (what postings and BM25 statistics are kept by).
    pub stem: String,
    /// The form: the word folded, before stemming (what prefix and typo matching compare against).
    pub form: String,
    /// Byte offset of the word's first character in the analysed text.
    pub start: usize,
    /// Byte offset just past the word's last character.
    pub end: usize,
    /// Index of the word among the words of the text, from 0.
    pub position: u32,
}

/// One word of a text, folded but not stemmed: what snippets need to find matches, which they
/// look up by word form in the index's word dictionary rather than stemming every word again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word's form: folded, not stemmed.
    pub form: String,
    /// Byte offset of the word's first character in the analysed text.
    pub start: usize,
    /// Byte offset just past the word's last character.
    pub end: usize,
    /// Index of the word among the words of the text, from 0.
    pub position: u32,
}

/// Where one word of a text stands, without its folded form: what cutting and highlighting
/// snippets needs. The same words, at the same positions, as [`Analyzer::word_iter`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the word's first character in the text.
    pub start: usize,
    /// Byte offset just past the word's last character.
    pub end: usize,
    /// Index of the word among the words of the text, from 0.
    pub position: u32,
}

/// The analysis pipeline. Cheap to create; holds the stemmers and the languages of the index
/// it analyses queries for.
pub struct Analyzer {
    stemmers: Stemmers,
    /// The index's languages that have stemmers or stop lists of their own (not English or
    /// Russian, which every word of their script gets anyway), in the order the index gave them.
    languages: Vec<Language>,
    /// Whether the index holds a language that other builds stem and this one cannot.
    missing_language: bool,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    /// Creates the analyser with the English and Russian stemmers.
    pub fn new() -> Analyzer {
        Analyzer { stemmers: Stemmers::new(), languages: Vec::new(), missing_language: false }
    }

    /// The analyser for queries of an index whose documents are in the languages `codes`
    /// (`de`, `pt-BR`, …; codes this build does not stem are ignored).
    ///
    /// The English and Russian build reads nothing (its module must stay as small as before):
    /// an index stemmed by languages it lacks is only searched well by a module that has them.
    pub fn for_languages<'a>(codes: impl IntoIterator<Item = &'a str>) -> Analyzer {
        let mut analyzer = Analyzer::new();
        if !cfg!(feature = "languages") {
            return analyzer;
        }
        for code in codes {
            match Language::from_code(code) {
                Some(Language::English | Language::Russian) => {}
                Some(language) if cfg!(feature = "languages") => {
                    if !analyzer.languages.contains(&language) {
                        analyzer.languages.push(language);
                    }
                }
                _ => analyzer.missing_language |= Language::is_stemmed_somewhere(code),
            }
        }
        analyzer
    }

    /// Whether a query word should also be looked up as the word form the index holds (which the
    /// dictionary maps to the stem its page gave it): when the index has languages of their own,
    /// and most of all when it has one this build cannot stem (a page indexed as German, searched
    /// by a module with another language but not German, still finds the words it has as
    /// written).
    pub fn looks_up_word_forms(&self) -> bool {
        !self.languages.is_empty() || self.missing_language
    }

    /// The languages, beyond English and Russian, whose stemmers a query word goes through.
    pub fn languages(&self) -> &[Language] {
        &self.languages
    }

    /// The language whose own stemmer stems `folded`, a word of a document in `language`: the
    /// document's language when it is neither English nor Russian, has a stemmer and writes
    /// the word's script. `None`: the word is stemmed by its script ([`Analyzer::stem`]).
    pub fn own_stemmer(language: Option<Language>, folded: &str) -> Option<Language> {
        language.filter(|l| {
            cfg!(feature = "languages")
                && !matches!(l, Language::English | Language::Russian)
                && l.writes(folded)
                && !folded.chars().any(char::is_numeric)
        })
    }

    /// The term of a word of `language` (see [`Analyzer::own_stemmer`]): the word as written
    /// (`raw`), lowered and stemmed as the language's rules want it, then folded. `folded` is the
    /// word folded by this analyser, kept when stemming leaves nothing.
    pub fn stem_as(&self, language: Language, raw: &str, folded: &str) -> String {
        let stem = normalize::fold(&language.stem(&language.lower(raw)));
        if stem.is_empty() {
            return folded.to_string();
        }
        truncate(script::unmix(stem))
    }

    /// Calls `sink` with every term a query word may have in the index: its stem by script
    /// (`term`), then its stem in each of the index's languages that writes it, when that differs
    /// (`raw` as typed, `folded` and `term` as [`Analyzer::analyze`] gives them).
    pub fn for_each_query_term(&self, raw: &str, folded: &str, term: &str, mut sink: impl FnMut(&str)) {
        sink(term);
        // Without the languages build the list is empty: the constant test drops the loop.
        if cfg!(feature = "languages") {
            let mut given: Vec<String> = Vec::new();
            for &language in &self.languages {
                if Analyzer::own_stemmer(Some(language), folded).is_some() {
                    let stem = self.stem_as(language, raw, folded);
                    if stem != term && !given.contains(&stem) {
                        sink(&stem);
                        given.push(stem);
                    }
                }
            }
        }
    }

    /// Whether a folded word is a stop word of English, Russian or one of the index's languages.
    pub fn is_stopword(&self, folded: &str) -> bool {
        stopwords::is_stopword(folded)
            || cfg!(feature = "languages")
                && self.languages.iter().any(|&l| stopwords::in_list(stoplists::of(l), folded))
    }

    /// Analyses `text` into tokens, in order.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.for_each_token(text, |token| tokens.push(token));
        tokens
    }

    /// Calls `sink` with each token of `text`, in order, without collecting them.
    pub fn for_each_token(&self, text: &str, mut sink: impl FnMut(Token)) {
        self.for_each_word(text, |w| {
            let term = self.stemmers.stem(&w.form);
            sink(Token { stem: term, form: w.form, start: w.start, end: w.end, position: w.position });
        });
    }

    /// Calls `sink` with each word of `text`, folded but not stemmed, in order.
    pub fn for_each_word(&self, text: &str, sink: impl FnMut(Word)) {
        self.word_iter(text).for_each(sink);
    }

    /// The words of `text`, folded but not stemmed, lazily, in order.
    /// For a pair of characters ([`segment`]) the range is the part of the text the pair owns.
    pub fn word_iter<'t>(&self, text: &'t str) -> impl Iterator<Item = Word> + 't {
        pieces(text)
            .map(|(start, end, raw)| (start, end, truncate(script::unmix(normalize::fold(raw)))))
            .zip(0u32..)
            .map(|((start, end, word), position)| Word { form: word, start, end, position })
    }

    /// Where the words of `text` stand, lazily, in order: [`Analyzer::word_iter`] without
    /// folding each word (no allocation per word).
    pub fn spans<'t>(&self, text: &'t str) -> impl Iterator<Item = Span> + 't {
        pieces(text).zip(0u32..).map(|((start, end, _), position)| Span { start, end, position })
    }

    /// The words of `text`, folded but not stemmed, in order.
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        self.for_each_word(text, |w| words.push(w));
        words
    }

    /// The stem of a word already folded by this analyser (a [`Word::form`]).
    pub fn stem(&self, folded: &str) -> String {
        self.stemmers.stem(folded)
    }

    /// Analyses one word as typed in a query: the folded form and the stemmed term.
    ///
    /// Returns `None` when nothing indexable is left (punctuation only).
    pub fn term_of(&self, word: &str) -> Option<(String, String)> {
        let folded = self.fold_word(word)?;
        let term = self.stemmers.stem(&folded);
        Some((folded, term))
    }

    /// Folds one word as typed in a query, without stemming it: the first half of
    /// [`Analyzer::term_of`]. `None` when nothing indexable is left.
    pub fn fold_word(&self, word: &str) -> Option<String> {
        let folded = normalize::fold(word);
        (!folded.is_empty()).then(|| truncate(script::unmix(folded)))
    }
}

/// The words of `text`: UAX #29 words that fold to something, runs of unspaced scripts paired;
/// `(start, end, word)` with the bytes each owns. Every build pairs alike (unlike stemming by
/// language), so the English and Russian module finds the Chinese, Japanese or Thai words of an
/// English page as the index holds them.
fn pieces(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let words = tokenize::words(text).filter(|(_, raw)| !normalize::folds_to_nothing(raw));
    segment::pair(text, words)
}

fn truncate(mut word: String) -> String {
    if word.len() > MAX_TERM_BYTES {
        let mut cut = MAX_TERM_BYTES;
        while !word.is_char_boundary(cut) {
            cut -= 1;
        }
        word.truncate(cut);
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Analyzer::new().analyze(text).into_iter().map(|t| t.stem).collect()
    }

    #[test]
    fn english_words_are_folded_and_stemmed() {
        assert_eq!(terms("Prisoners of WAR"), ["prison", "of", "war"]);
    }

    #[test]
    fn russian_inflections_share_a_stem() {
        let forms = terms("пленум пленума пленумом Пленуме");
        assert!(forms.iter().all(|t| t == "пленум"), "{forms:?}");
    }

    #[test]
    fn yo_folds_to_ye_and_short_i_survives() {
        assert_eq!(terms("ещё"), terms("еще"));
        assert_eq!(Analyzer::new().analyze("Чуйков")[0].form, "чуйков");
    }

    #[test]
    fn tokens_keep_byte_offsets_into_the_original_text() {
        let text = "Ким Ир Сен, Puzanov";
        for token in Analyzer::new().analyze(text) {
            let original = &text[token.start..token.end];
            assert_eq!(normalize::fold(original), token.form);
        }
    }

    #[test]
    fn word_forms_are_looked_up_when_the_index_has_a_language_of_its_own() {
        // German is stemmed by this build (lang-de) or by others: either way, yes (the
        // English and Russian build reads no languages at all).
        assert_eq!(Analyzer::for_languages(["de", "en"]).looks_up_word_forms(), cfg!(feature = "languages"));
        // English, Russian and languages no build stems: as before, no.
        assert!(!Analyzer::for_languages(["en", "ru", "zh", "x-klingon"]).looks_up_word_forms());
        assert!(!Analyzer::new().looks_up_word_forms());
    }

    #[test]
    fn positions_count_words_only() {
        let tokens = Analyzer::new().analyze("a, b — c");
        let positions: Vec<u32> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2]);
    }

    #[test]
    fn very_long_words_are_cut_at_a_char_boundary() {
        let long = "щ".repeat(100);
        let token = &Analyzer::new().analyze(&long)[0];
        assert!(token.form.len() <= MAX_TERM_BYTES);
        assert!(token.form.chars().all(|c| c == 'щ'));
    }
}
