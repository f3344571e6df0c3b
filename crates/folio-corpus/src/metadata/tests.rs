//! The tests of `metadata`: type and language inference, and the excerpt check.

use super::*;

#[test]
fn an_excerpt_of_the_body_repeats_it_and_a_summary_of_its_own_does_not() {
    let body = "Buttons\nButtons are styled links that can lead to a local page or an external link.";
    assert!(repeats_text(" Buttons # Buttons are styled links that", body));
    assert!(repeats_text("styled links that can lead to a local pa…", body), "a last word cut short");
    assert!(repeats_text("BUTTONS ARE STYLED LINKS.", body));
    assert!(!repeats_text("Styled links for local pages", body));
    assert!(!repeats_text("Buttons are styled", body), "under four words, an author's own");
    assert!(!repeats_text("links that can lead to a local page or an external link and more", body));
    assert!(!repeats_text("", body) && !repeats_text("a b c d", ""));
}

#[test]
fn a_short_summary_is_an_excerpt_when_it_is_a_whole_line_of_the_opening() {
    let body = "Lecture 3: Ocean currents\nEkman transport\nWind stress and the Coriolis effect.\nGeostrophic flow";
    assert!(is_opening_line("Ekman transport", body), "Docusaurus's description: the first heading");
    assert!(is_opening_line("lecture 3 — ocean currents.", body), "the title");
    assert!(!is_opening_line("Geostrophic flow", body), "a heading further down");
    assert!(!is_opening_line("Ekman", body), "the start of a line");
    assert!(!is_opening_line("Ekman transport wind", body) && !is_opening_line(" # ", body));
}

/// `repeats_text` as it was written first, lowering every word into a vector.
fn repeats_text_by_vectors(summary: &str, body: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let summary = words(summary);
    let Some((last, rest)) = summary.split_last() else { return false };
    if summary.len() < 4 {
        return false;
    }
    let body = words(body);
    body.windows(summary.len()).any(|w| w[..rest.len()] == *rest && w[rest.len()].starts_with(last.as_str()))
}

#[test]
fn comparing_words_without_vectors_answers_as_the_vectors_did() {
    // Words in several cases and scripts (a capital sigma, lowered by its place in a word; a
    // dotted capital I, lowered to two characters; sharp s), digits, and separators. The
    // summary is a run of the body's words, as written or upper-cased, its last word cut or
    // one of its words changed, or words of its own.
    const WORDS: &[&str] =
        &["Ab", "aB", "ab", "abc", "ΟΔΟΣ", "οδος", "οδοσ", "ΣΑ", "σα", "İz", "i\u{307}z", "ẞ", "ß", "12", "x", "Äb"];
    const SEPARATORS: &[&str] = &[" ", ", ", "-", "\n", " # ", "…"];
    let mut seed = 0x2545_f491_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let (mut tried, mut repeated) = (0, 0);
    for _ in 0..20_000 {
        let words: Vec<&str> = (0..next(30)).map(|_| WORDS[next(WORDS.len())]).collect();
        let mut body = String::new();
        for word in &words {
            body.push_str(word);
            body.push_str(SEPARATORS[next(SEPARATORS.len())]);
        }
        let from = next(words.len() + 1);
        let mut run: Vec<String> =
            words[from..(from + next(9)).min(words.len())].iter().map(|w| w.to_string()).collect();
        match next(5) {
            0 => run = (0..next(9)).map(|_| WORDS[next(WORDS.len())].to_string()).collect(),
            1 => run.iter_mut().for_each(|w| *w = w.to_uppercase()),
            2 if !run.is_empty() => {
                let last = run.len() - 1;
                let keep = next(run[last].chars().count() + 1);
                run[last] = run[last].chars().take(keep).collect();
            }
            3 if !run.is_empty() => {
                let at = next(run.len());
                run[at] = WORDS[next(WORDS.len())].to_string();
            }
            _ => {}
        }
        let summary = run.join(SEPARATORS[next(SEPARATORS.len())]);
        let expected = repeats_text_by_vectors(&summary, &body);
        assert_eq!(repeats_text(&summary, &body), expected, "{summary:?} in {body:?}");
        tried += 1;
        repeated += usize::from(expected);
    }
    assert!(repeated > 2_000 && tried - repeated > 2_000, "{repeated} of {tried}: both answers are tried");
}

#[test]
fn kind_comes_from_the_first_type_word_of_the_title() {
    let kind = |t: &str| infer_kind(t);
    assert_eq!(kind("Telegram from A. Mikoyan to the CPSU Central Committee").as_deref(), Some("telegram"));
    assert_eq!(kind("Journal of Soviet Ambassador to the DPRK A.M. Puzanov").as_deref(), Some("journal"));
    assert_eq!(
        kind("Resolution, USSR Council of Ministers with draft letters from Soviet Government").as_deref(),
        Some("resolution")
    );
    assert_eq!(kind("CPSU Central Committee Report on the Situation in the KWP").as_deref(), Some("report"));
    assert_eq!(kind("Record of a Speech delivered by Kim Il Sung").as_deref(), Some("record"));
    assert_eq!(kind("Speech by Kim Il Sung").as_deref(), Some("speech"));
    assert_eq!(kind("Measures taken in order to help"), None);
}

#[test]
fn language_from_script_and_names() {
    assert_eq!(detect_lang("Сов. секретно Вне очереди").as_deref(), Some("ru"));
    assert_eq!(detect_lang("Top Secret Priority").as_deref(), Some("en"));
    assert_eq!(detect_lang("12 34 -- 56"), None);
    assert_eq!(language_code("Russian").as_deref(), Some("ru"));
    assert_eq!(language_code("ru-RU").as_deref(), Some("ru"));
    assert_eq!(language_code("EN").as_deref(), Some("en"));
    assert_eq!(language_code("Klingon").as_deref(), Some("klingon"));
    assert_eq!(language_code("  "), None);
}
