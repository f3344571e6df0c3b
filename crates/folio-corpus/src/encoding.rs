//! Decoding page bytes into text: UTF-8 with or without a byte-order mark, and the legacy encodings
//! (windows-1251, KOI8-R, …) that old archives still carry.
//!
//! The encoding of a page is, in order: its byte-order mark; for HTML, a `<meta charset>` (or
//! `<meta http-equiv="Content-Type" content="…; charset=…">`) within the first 1024 bytes; the
//! encoding the configuration declares for it; UTF-8. Labels are the WHATWG ones browsers accept
//! (`windows-1251`, `cp1251`, `koi8-r`, `utf-8`, …). Bytes that are not valid in the chosen
//! encoding are an error giving the byte offset in the file and its line, never silently replaced.

use encoding_rs::{Encoding, UTF_8};

/// How far into an HTML file a `<meta charset>` is looked for (the HTML standard's prescan length).
const PRESCAN_BYTES: usize = 1024;

/// Where a page's encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A byte-order mark.
    Bom,
    /// A `<meta charset>` of the page.
    Meta,
    /// The configuration.
    Config,
    /// Nothing declared one: UTF-8.
    Default,
}

/// A page's text and how it was decoded.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, without byte-order mark and with `\n` line ends.
    pub(crate) text: String,
    /// The encoding used.
    pub(crate) encoding: &'static Encoding,
    /// Where the encoding came from.
    pub(crate) source: Source,
    /// A `<meta charset>` label that no browser knows, if the page had one (it was ignored).
    pub(crate) unknown_label: Option<String>,
}

/// Bytes that are not valid in the encoding a page was read with.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Undecodable {
    /// The encoding the page was read with.
    pub(crate) encoding: &'static str,
    /// Where it came from.
    pub(crate) source: Source,
    /// Offset in the file of the first invalid byte, from 0.
    pub(crate) offset: usize,
    /// The 1-based line of that byte.
    pub(crate) line: usize,
}

impl Source {
    /// Where the encoding came from, in words.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Source::Bom => "byte-order mark",
            Source::Meta => "<meta charset>",
            Source::Config => "folio.toml",
            Source::Default => "default",
        }
    }
}

impl Undecodable {
    /// What is wrong and what to do about it, in words.
    pub(crate) fn message(&self) -> String {
        format!(
            "undecodable bytes: byte offset {} (line {}) is not valid {} (encoding from: {}); \
             fix the byte, or declare the page's real encoding with <meta charset> or [encoding] in folio.toml",
            self.offset,
            self.line,
            self.encoding,
            self.source.describe()
        )
    }
}

/// The encoding of a WHATWG label (`utf-8`, `windows-1251`, `cp1251`, `koi8-r`), if it is one.
pub(crate) fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes a page. `html` enables the `<meta charset>` prescan; `configured` is the encoding the
/// configuration declares for the file, if any.
pub(crate) fn decode(bytes: &[u8], html: bool, configured: Option<&'static Encoding>) -> Result<Decoded, Undecodable> {
    let mut unknown_label = None;
    let (encoding, source, body) = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        (encoding, Source::Bom, &bytes[bom..])
    } else {
        let meta = if html {
            match prescan_charset(bytes) {
                Some(label) => match encoding_for_label(&label) {
                    // A page that says UTF-16 but has no byte-order mark is ASCII-compatible text
                    // in practice; browsers read it as UTF-8.
                    Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => Some(UTF_8),
                    Some(e) if e == encoding_rs::X_USER_DEFINED => Some(encoding_rs::WINDOWS_1252),
                    Some(e) => Some(e),
                    None => {
                        unknown_label = Some(label);
                        None
                    }
                },
                None => None,
            }
        } else {
            None
        };
        match (meta, configured) {
            (Some(e), _) => (e, Source::Meta, bytes),
            (None, Some(e)) => (e, Source::Config, bytes),
            (None, None) => (UTF_8, Source::Default, bytes),
        }
    };
    let bom_len = bytes.len() - body.len();
    let text = decode_strict(encoding, body).map_err(|at| {
        let offset = bom_len + at;
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Undecodable { encoding: encoding.name(), source, offset, line }
    })?;
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    Ok(Decoded { text, encoding, source, unknown_label })
}

/// Decodes `bytes` without replacement characters, or returns the offset of the first bad byte.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    if encoding == UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_string()),
            Err(e) => Err(e.valid_up_to()),
        };
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3);
    let mut out = String::with_capacity(capacity);
    let mut read_total = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(out),
            encoding_rs::DecoderResult::OutputFull => out.reserve(bytes.len() - read_total + 16),
            encoding_rs::DecoderResult::Malformed(bad, pending) => {
                return Err(read_total - usize::from(bad) - usize::from(pending));
            }
        }
    }
}

/// The charset label a `<meta>` tag declares in the first [`PRESCAN_BYTES`] bytes, if any: a
/// simplified form of the HTML standard's prescan (comments skipped, attributes read in ASCII).
fn prescan_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut i = 0;
    while i < head.len() {
        if head[i..].starts_with(b"<!--") {
            i = find(head, i + 4, b"-->").map_or(head.len(), |k| k + 3);
            continue;
        }
        if head[i] == b'<' && head.len() >= i + 6 && head[i + 1..i + 5].eq_ignore_ascii_case(b"meta") {
            let next = head[i + 5];
            if next.is_ascii_whitespace() || next == b'/' {
                let end = head[i..].iter().position(|&b| b == b'>').map_or(head.len(), |k| i + k);
                if let Some(label) = meta_charset(&head[i + 5..end]) {
                    return Some(label);
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    None
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|k| from + k)
}

/// The charset of one `<meta …>` tag's attributes: `charset="x"`, or `http-equiv="content-type"`
/// with `content="…; charset=x"`.
fn meta_charset(attrs: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(attrs);
    let pairs = attributes(&text);
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    if let Some(charset) = get("charset").filter(|c| !c.trim().is_empty()) {
        return Some(charset.trim().to_string());
    }
    let is_content_type = get("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type"));
    let content = get("content").filter(|_| is_content_type)?;
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content[at + "charset".len()..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let label: String = rest.chars().take_while(|c| !c.is_whitespace() && !matches!(c, ';' | '"' | '\'')).collect();
    (!label.is_empty()).then_some(label)
}

/// Attribute names (lowercased) and values of a tag's inside.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let key_end = rest.find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    value = inner[..end].to_string();
                    rest = inner.get(end + 1..).unwrap_or("");
                }
                _ => {
                    let end = after.find(|c: char| c.is_ascii_whitespace()).unwrap_or(after.len());
                    value = after[..end].to_string();
                    rest = &after[end..];
                }
            }
        }
        if key.is_empty() {
            // A stray `=`: skip one character so the loop always advances.
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        out.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp1251(text: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("<p>Пленум</p>".as_bytes(), true, None).map(|d| d.text);
        assert_eq!(plain.as_deref(), Ok("<p>Пленум</p>"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Пленум\r\nЦК".as_bytes());
        let decoded = decode(&bom, true, Some(encoding_rs::KOI8_R)).map(|d| (d.text, d.source));
        assert_eq!(decoded, Ok(("Пленум\nЦК".to_string(), Source::Bom)), "the BOM wins over the config");
    }

    #[test]
    fn meta_charset_then_config_then_utf8() {
        let mut page = b"<!DOCTYPE html><html><head><meta charset=\"windows-1251\"><title>".to_vec();
        page.extend(cp1251("Пленум ЦК КПСС"));
        page.extend_from_slice(b"</title>");
        let decoded = decode(&page, true, Some(encoding_rs::KOI8_R)).map(|d| (d.encoding.name(), d.source));
        assert_eq!(decoded, Ok(("windows-1251", Source::Meta)));
        assert!(decode(&page, true, None).map(|d| d.text.contains("Пленум ЦК КПСС")).unwrap_or(false));

        let http_equiv =
            b"<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>\xf0\xcc\xc5\xce\xd5\xcd";
        let decoded = decode(http_equiv, true, None).map(|d| d.text);
        assert!(decoded.as_deref().is_ok_and(|t| t.ends_with("Пленум")), "{decoded:?}");

        let bare = cp1251("Пленум");
        let decoded = decode(&bare, false, Some(encoding_rs::WINDOWS_1251)).map(|d| (d.text, d.source));
        assert_eq!(decoded, Ok(("Пленум".to_string(), Source::Config)));
        let commented = b"<!-- <meta charset=koi8-r> --><p>ok</p>";
        assert_eq!(decode(commented, true, None).map(|d| d.source), Ok(Source::Default));
    }

    #[test]
    fn meta_after_the_prescan_window_is_not_read() {
        let mut page = vec![b' '; PRESCAN_BYTES];
        page.extend_from_slice(b"<meta charset=windows-1251>");
        assert_eq!(decode(&page, true, None).map(|d| d.source), Ok(Source::Default));
    }

    #[test]
    fn undecodable_bytes_give_the_byte_offset_and_line() {
        let page = b"<p>line one</p>\n<p>bad \xff here</p>";
        let err = decode(page, true, None).map(|_| ()).unwrap_err();
        assert_eq!(err, Undecodable { encoding: "UTF-8", source: Source::Default, offset: 23, line: 2 });
        assert!(err.message().contains("byte offset 23 (line 2)"), "{}", err.message());
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(b"ab\xc3");
        assert_eq!(decode(&with_bom, false, None).map(|_| ()).map_err(|e| e.offset), Err(5));
    }

    #[test]
    fn unknown_labels_are_reported_and_ignored() {
        let decoded = decode(b"<meta charset=\"klingon-8\"><p>x</p>", true, None);
        assert!(decoded.is_ok_and(|d| d.source == Source::Default && d.unknown_label.as_deref() == Some("klingon-8")));
        assert!(encoding_for_label("CP1251").is_some_and(|e| e == encoding_rs::WINDOWS_1251));
        assert!(encoding_for_label("koi8-r").is_some_and(|e| e == encoding_rs::KOI8_R));
        assert!(encoding_for_label("win-1251").is_none());
    }
}
