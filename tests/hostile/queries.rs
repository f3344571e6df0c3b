//! Part 4: hostile queries: answered with bounded work, counted, not timed.

use super::*;

/// Words equal up to the letters OCR confuses, between two letters no Russian ending strips.
fn ocr_family() -> Vec<String> {
    let letters = ['и', 'л', 'ц'];
    let mut words = Vec::new();
    for a in letters {
        for b in letters {
            for c in letters {
                for d in letters {
                    words.push(format!("д{a}{b}{c}{d}д"));
                }
            }
        }
    }
    words
}

/// An index built so that every cap bites: thousands of words sharing a prefix, dozens of words
/// one typo from a query word, and hundreds of Cyrillic words equal up to OCR confusions.
fn wide_index() -> Index {
    let letters: Vec<char> = ('a'..='z').collect();
    let mut prefixed = Vec::new();
    for a in &letters {
        for b in &letters[..10] {
            for c in &letters[..10] {
                prefixed.push(format!("ab{a}{b}{c}"));
            }
        }
    }
    let mut typos = Vec::new();
    for (i, _) in "telegram".char_indices() {
        for c in &letters {
            typos.push(format!("{}{c}{}", &"telegram"[..i], &"telegram"[i + 1..]));
        }
    }
    let words: Vec<String> = [prefixed, typos, ocr_family()].into_iter().flatten().collect();
    let docs = words.chunks(20).enumerate().map(|(i, w)| Document::new(format!("w{i}"), w[0].clone(), w.join(" ")));
    Index::from_bytes(&build(docs)).unwrap()
}

#[test]
fn every_expansion_cap_is_reached_and_holds() {
    let index = wide_index();
    // 2,600 words begin with "ab"; the 50 most frequent are kept (one may count as an exact match
    // of the stem "ab" instead).
    for query_text in ["ab", "ab*"] {
        let prefix = work(&index, query_text, query_text == "ab");
        assert!((MAX_PREFIX_EXPANSIONS - 1..=MAX_PREFIX_EXPANSIONS).contains(&prefix.prefix), "{prefix:?}");
    }
    let typo = work(&index, "telegrqqm", false);
    assert_eq!(typo.fuzzy, MAX_FUZZY_EXPANSIONS, "{typo:?}");
    // 208 words lie within two edits of "telegramz"; forms of one stem count once.
    let typo = work(&index, "telegramz", false);
    assert!(typo.fuzzy > MAX_FUZZY_EXPANSIONS / 2 && typo.fuzzy <= MAX_FUZZY_EXPANSIONS, "{typo:?}");
    // 81 words spelled alike up to the letters OCR confuses (и, л, ц).
    let family: std::collections::BTreeSet<String> =
        ocr_family().iter().flat_map(|w| Analyzer::new().analyze(w)).map(|t| t.stem).collect();
    assert!(family.len() > MAX_FUZZY_EXPANSIONS, "{family:?}");
    // (The word's own stem is among the 20 the walk keeps, as an exact match.)
    let ocr = work(&index, "диииид", false);
    assert!((MAX_FUZZY_EXPANSIONS - 1..=MAX_FUZZY_EXPANSIONS).contains(&ocr.ocr), "{ocr:?}");
    let many: Vec<String> = (0..200).map(|i| format!("w{i}x")).collect();
    let groups = work(&index, &many.join(" "), false);
    assert_eq!(groups.groups, MAX_GROUPS, "{groups:?}");
    let response = index.search(&many.join(" "), &SearchOptions::default()).unwrap();
    assert_eq!(response.terms.len(), MAX_GROUPS);
}

/// Queries built to be expensive or confusing.
fn hostile_queries() -> Vec<(String, String)> {
    let mut q: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("spaces", " \t\n ".repeat(1000)),
        ("100 KB word", "a".repeat(100_000)),
        ("100 KB of words", "plenum pyongyang ".repeat(6_000)),
        ("100 KB of prefixes", "ab* p* ".repeat(15_000)),
        ("10,000 distinct terms", (0..10_000).map(|i| format!("t{i}")).collect::<Vec<_>>().join(" ")),
        ("10,000 typos", (0..10_000).map(|i| format!("plenumx{i}")).collect::<Vec<_>>().join(" ")),
        ("only punctuation", "!@#$%^&()_+={}[]|\\;',./<>?~`—–…«»„“”".repeat(100)),
        ("stars", "***".into()),
        ("many stars", "*".repeat(10_000)),
        ("dashes", "- -- --- -a --b".into()),
        ("nested quotes", "\"".repeat(10_001)),
        ("nested quoted words", "\"a \"b \"c \"d ".repeat(2_000)),
        ("one huge phrase", format!("\"{}\"", "plenum of the party ".repeat(3_000))),
        ("fields", "title: summary: body: title:\"\" body:* -title:x citation:y".into()),
        ("many fields", "title:".repeat(10_000)),
        ("replacement chars", "\u{FFFD}".repeat(1_000)),
        ("replacement words", "пле\u{FFFD}нум plen\u{FFFD}um \u{FFFD}plenum".into()),
        ("noncharacters", "\u{FFFE}\u{FFFF}\u{10FFFF}\u{E000}".into()),
        ("combining marks", "e\u{301}\u{302}\u{303}".repeat(5_000)),
        ("lone combining marks", "\u{301} \u{302}\u{345} \u{5b0}".repeat(1_000)),
        ("Zalgo", format!("p{}lenum", "\u{336}\u{337}\u{338}".repeat(300))),
        ("right to left", "שלום עולם مرحبا بالعالم \u{202E}munelp\u{202C} \u{200F}".into()),
        ("emoji", "😀 👨‍👩‍👧‍👦 🇰🇷 🏳️‍🌈 1️⃣ plenum😀".into()),
        ("emoji run", "👨‍👩‍👧‍👦".repeat(5_000)),
        ("NUL", "plenum\0pyongyang\0\0".into()),
        ("control characters", (0u8..32).map(char::from).collect()),
        ("zero-width", "ple\u{200B}num \u{200D}\u{FEFF}\u{2060}".into()),
        ("mixed scripts", "plеnum пleнум ПЛЕНУМ Pхеньян".into()),
        ("CJK", "金日成 김일성 平壌 평양".repeat(100)),
        ("long Cyrillic OCR", "шщицл".repeat(200)),
        ("exclusions only", "-plenum -pyongyang -\"the plenum\"".into()),
        ("64 words", (0..64).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")),
        ("65 stop words then one word", format!("{} plenum", "the of and a ".repeat(17))),
        ("surrogate-sized", "\u{10000}\u{1F600}".repeat(25_000)),
    ];
    q.push(("digits", "1953 1956-09-21 0x1f 1e10 ١٢٣".into()));
    q.into_iter().map(|(name, text)| (name.to_string(), text)).collect()
}

#[test]
fn hostile_queries_answer_with_bounded_work() {
    let seeds = embedded_index().unwrap();
    let wide = wide_index();
    for (name, text) in hostile_queries() {
        for index in [&seeds, &wide] {
            for prefix_last in [true, false] {
                // Even the whole query, untruncated, expands to a bounded number of terms.
                assert_bounded(&work(index, &text, prefix_last));
                assert_bounded(&work(index, truncated(&text), prefix_last));
                let options = SearchOptions { limit: 1000, prefix_last, ..SearchOptions::default() };
                let response = index.search(&text, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
                check_response(&response, &options);
                assert_eq!(response.query, text, "{name}: the response echoes the query");
                let ranked = index.rank(&text, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(ranked.len(), response.total, "{name}");
                if let Some(fixed) = &response.did_you_mean {
                    assert!(fixed.len() <= text.len() + 64 * 64, "{name}: suggestion of {} bytes", fixed.len());
                }
            }
        }
    }
}

#[test]
fn queries_longer_than_the_limit_are_read_up_to_it() {
    let seeds = embedded_index().unwrap();
    let padding = "zzzzq ".repeat(MAX_QUERY_BYTES / 6 + 1);
    let beyond = seeds.search(&format!("{padding}plenum"), &SearchOptions::default()).unwrap();
    assert!(beyond.terms.iter().all(|t| t.term != "plenum"), "words past {MAX_QUERY_BYTES} bytes are ignored");
    // A cut in the middle of a multi-byte character is moved back to a boundary.
    for pad in 0..4 {
        let text = format!("{}{}", "a".repeat(MAX_QUERY_BYTES - 3 + pad), "пленум😀".repeat(3));
        seeds.search(&text, &SearchOptions::default()).unwrap();
    }
}

#[test]
fn invalid_options_are_errors_that_say_why() {
    let seeds = embedded_index().unwrap();
    let cases = [
        (SearchOptions { limit: 0, ..SearchOptions::default() }, "limit"),
        (SearchOptions { limit: 1_000_000, ..SearchOptions::default() }, "limit"),
        (SearchOptions { date: Some("1953".into()), ..SearchOptions::default() }, "range"),
        (SearchOptions { date_from: Some("<script>".into()), ..SearchOptions::default() }, "not a date"),
        (SearchOptions { date_to: Some("9".repeat(100)), ..SearchOptions::default() }, "not a date"),
    ];
    for (options, says) in cases {
        let err = seeds.search("plenum", &options).err().unwrap_or_else(|| panic!("{options:?} accepted"));
        assert!(matches!(err, Error::Options(_)), "{err:?}");
        assert!(err.to_string().contains(says), "{err}");
    }
    let far = SearchOptions { offset: usize::MAX, ..SearchOptions::default() };
    assert!(seeds.search("plenum", &far).unwrap().hits.is_empty());
}
