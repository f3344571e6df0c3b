//! The rules every configuration value is checked by, once: when the file is parsed, when
//! command-line options changed the configuration ([`Config::check`]), and when the site reader
//! compiles the patterns and encodings (which takes its compiled values from here).

use encoding_rs::Encoding;

use super::Config;
use crate::encoding::encoding_for_label;
use crate::html::Selector;
use folio_core::index::{Field, Settings};
use folio_core::{Error, Result};

impl Config {
    /// Checks every value after command-line options changed some (the file's values were
    /// checked when it was read), naming the key at fault.
    pub fn check(&self) -> Result<()> {
        let fail = |key: &str, message: String| Err(Error::config(None, None, format!("{key}: {message}")));
        let checks: [(&str, std::result::Result<(), String>); 7] = [
            ("site.base_url", check_base_url(&self.base_url)),
            ("site.include", check_all(&self.include, check_glob)),
            ("site.exclude", check_all(&self.exclude, check_glob)),
            ("html.content", check_all(&self.content, check_selector)),
            ("html.ignore", check_all(&self.ignore, check_selector)),
            ("encoding.default", self.encoding.as_deref().map_or(Ok(()), check_encoding)),
            ("ranking.k1", Settings::check_k1(self.settings.k1)),
        ];
        for (key, result) in checks {
            if let Err(message) = result {
                return fail(key, message);
            }
        }
        if self.include.is_empty() {
            return fail("site.include", "is empty, so no page would be read".to_string());
        }
        for (pattern, label) in &self.encodings {
            if let Err(message) = check_glob(pattern).and_then(|()| check_encoding(label)) {
                return fail(&format!("encoding.paths.{pattern:?}"), message);
            }
        }
        for code in self.default_language.iter().chain(&self.languages) {
            if let Err(message) = check_language(code) {
                return fail("languages", message);
            }
        }
        for field in Field::ALL {
            let i = field as usize;
            if let Err(message) =
                Settings::check_weight(self.settings.weights[i]).and_then(|()| Settings::check_b(self.settings.b[i]))
            {
                return fail(&format!("fields.{}", field.name()), message);
            }
        }
        for (name, keys) in &self.filters {
            if let Err(message) = check_filter(name, keys) {
                return fail(&format!("filters.{name}"), message);
            }
        }
        if let Err(message) = self.vocabulary() {
            return fail("words", message);
        }
        Ok(())
    }
}

/// A `base_url`: empty, a path (`/museum/`, `docs/`), or an `http(s)` address. Any other
/// scheme (`javascript:`, `data:`, `file:`) would make every result link run or open
/// something else, and control characters or spaces at either end let a browser read a
/// scheme in what looks like a path (` javascript:`, `java\tscript:`).
pub(super) fn check_base_url(url: &str) -> std::result::Result<(), String> {
    if let Some(c) = url.chars().find(|c| c.is_control()) {
        return Err(format!("{url:?} holds the control character {c:?}; write a path or an http(s) address"));
    }
    if url.trim() != url {
        return Err(format!("{url:?} starts or ends with a space; remove it"));
    }
    // A scheme is letters, digits, `+`, `-` and `.` before the first `:`, starting with a letter,
    // with no `/`, `?` or `#` before it (RFC 3986, section 3.1).
    let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        None | Some("http" | "https") => Ok(()),
        Some(other) => {
            Err(format!("{url:?} is a {other}: address; result links must be a path (/museum/) or an http(s) address"))
        }
    }
}

pub(super) fn check_all(
    values: &[String],
    check: fn(&str) -> std::result::Result<(), String>,
) -> std::result::Result<(), String> {
    values.iter().try_for_each(|v| check(v))
}

pub(crate) fn glob(pattern: &str) -> std::result::Result<globset::Glob, String> {
    globset::GlobBuilder::new(pattern.trim_start_matches("./"))
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| format!("invalid glob pattern {pattern:?}: {}", e.kind()))
}

pub(super) fn check_glob(pattern: &str) -> std::result::Result<(), String> {
    if pattern.trim().is_empty() {
        return Err("an empty pattern matches nothing".to_string());
    }
    glob(pattern).map(|_| ())
}

pub(super) fn check_selector(selector: &str) -> std::result::Result<(), String> {
    Selector::parse(selector).map(|_| ())
}

/// The encoding a WHATWG label names (`utf-8`, `windows-1251`, `cp1251`, `koi8-r`).
pub(crate) fn encoding(label: &str) -> std::result::Result<&'static Encoding, String> {
    encoding_for_label(label).ok_or_else(|| {
        format!("unknown encoding {label:?}; use a label browsers know, such as utf-8, windows-1251 (cp1251) or koi8-r")
    })
}

pub(super) fn check_encoding(label: &str) -> std::result::Result<(), String> {
    encoding(label).map(|_| ())
}

/// A language code, or `None` for `""` (let the script decide).
pub(super) fn check_language(code: &str) -> std::result::Result<Option<String>, String> {
    if code.trim().is_empty() {
        return Ok(None);
    }
    let parsed = crate::metadata::language_code(code);
    match parsed {
        Some(c) if (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_lowercase()) => Ok(Some(c)),
        _ => Err(format!("{code:?} is not a language code; write a BCP 47 code such as en, ru or de")),
    }
}

pub(super) fn check_stemming(on: bool) -> std::result::Result<(), String> {
    if on {
        return Ok(());
    }
    Err("stemming cannot be turned off yet: the search module stems English and Russian query words the \
         same way, so an unstemmed index would not match them; remove the key"
        .to_string())
}

pub(super) fn check_filter(name: &str, keys: &[String]) -> std::result::Result<(), String> {
    if name.trim().is_empty() || name.chars().any(|c| c.is_whitespace() || c == ':') {
        return Err(format!("filter name {name:?} must be one word without `:`"));
    }
    if keys.iter().any(|k| k.trim().is_empty()) {
        return Err("lists an empty metadata name".to_string());
    }
    Ok(())
}
