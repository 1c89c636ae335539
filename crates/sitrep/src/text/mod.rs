//! Reading: bytes of txt, HTML or JSON Lines in, [`Document`]s and diagnostics out.
//!
//! This is one of the two stages that see files (the other is the store). Everything after it
//! works on a [`Document`]'s text. Bad input never panics: each problem becomes a
//! [`Diagnostic`] naming the file and, where there is one, the line, and the other documents
//! of the same input are still returned.

mod feed;
mod html;
mod jsonl;
pub mod sentences;
pub mod tokens;
pub mod word_table;

use serde::Serialize;

pub use crate::diagnostic::{Diagnostic, Severity};

/// One article to analyse.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Document {
    /// Caller's id (JSON Lines `id`), else the file name.
    pub id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet or feed name.
    pub source: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date as given (ISO 8601 date or date-time).
    pub published: Option<String>,
    /// ISO 639-1 language code, given or detected ("en", "ar").
    pub language: Option<String>,
    /// The article text. Offsets in the output count Unicode scalar values of this string.
    pub text: String,
    /// Whether the reader made `id` up (from the file name, line or entry number) because the
    /// input gave none. The store then identifies the document by its content instead.
    #[serde(skip)]
    pub synthetic_id: bool,
}

/// Input formats `sitrep extract` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text, one document per file.
    Txt,
    /// An HTML page, one document per file.
    Html,
    /// JSON Lines, one document per line.
    Jsonl,
    /// An RSS 2.0 or Atom feed, one document per item or entry.
    Feed,
}

impl InputFormat {
    /// Parses a format name as given on the command line.
    pub fn parse(s: &str) -> Option<InputFormat> {
        match s {
            "txt" | "text" => Some(InputFormat::Txt),
            "html" | "htm" => Some(InputFormat::Html),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "rss" | "atom" | "feed" => Some(InputFormat::Feed),
            _ => None,
        }
    }

    /// Guesses the format from a file name and the first bytes.
    pub fn detect(name: &str, bytes: &[u8]) -> InputFormat {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
            return InputFormat::Html;
        }
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            return InputFormat::Jsonl;
        }
        if lower.ends_with(".rss") || lower.ends_with(".atom") {
            return InputFormat::Feed;
        }
        if lower.ends_with(".txt") || lower.ends_with(".md") {
            return InputFormat::Txt;
        }
        let head = &bytes[..bytes.len().min(1024)];
        let first = head.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &head[i..]);
        let is_feed = |rest: &[u8]| {
            rest.starts_with(b"<?xml") || rest.starts_with(b"<rss") || rest.starts_with(b"<feed")
        };
        match first {
            Some(rest) if rest.starts_with(b"{") => InputFormat::Jsonl,
            Some(rest)
                if is_feed(rest)
                    && (memchr::memmem::find(head, b"<rss").is_some()
                        || memchr::memmem::find(head, b"<feed").is_some()) =>
            {
                InputFormat::Feed
            }
            Some(rest)
                if rest.starts_with(b"<!") || rest.to_ascii_lowercase().starts_with(b"<html") =>
            {
                InputFormat::Html
            }
            _ => InputFormat::Txt,
        }
    }
}

/// Limits on input.
#[derive(Clone, Copy, Debug)]
pub struct ReadConfig {
    /// Largest document text accepted, in bytes; larger ones are refused with a diagnostic.
    pub max_document_bytes: usize,
}

impl Default for ReadConfig {
    fn default() -> ReadConfig {
        ReadConfig { max_document_bytes: 64 * 1024 * 1024 }
    }
}

/// What reading one input produced.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    /// Documents, in input order.
    pub documents: Vec<Document>,
    /// Problems found, each naming the input.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one input (a file's bytes, or standard input's) named `name` in diagnostics.
pub fn read_input(
    name: &str,
    bytes: &[u8],
    format: Option<InputFormat>,
    config: &ReadConfig,
) -> ReadOutcome {
    let mut out = ReadOutcome::default();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        out.diagnostics.push(Diagnostic::error(format!("{name}: empty input, nothing to extract")));
        return out;
    }
    if looks_binary(bytes) {
        out.diagnostics.push(Diagnostic::error(format!(
            "{name}: binary data (NUL bytes in the first 8 KiB), not text; skipped"
        )));
        return out;
    }
    let format = format.unwrap_or_else(|| InputFormat::detect(name, bytes));
    let text = decode_utf8(name, bytes, &mut out.diagnostics);
    match format {
        InputFormat::Txt | InputFormat::Html => {
            if text.len() > config.max_document_bytes {
                out.diagnostics.push(Diagnostic::error(format!(
                    "{name}: document is {} bytes, over the limit of {} bytes; skipped",
                    text.len(),
                    config.max_document_bytes
                )));
                return out;
            }
            let doc = if format == InputFormat::Html {
                html::read_html(name, &text, &mut out.diagnostics)
            } else {
                Document { text: text.into_owned(), ..Document::default() }
            };
            let mut doc = doc;
            if doc.id.is_none() {
                doc.id = Some(file_stem(name));
                doc.synthetic_id = true;
            }
            finish(&mut doc);
            out.documents.push(doc);
        }
        InputFormat::Feed => {
            for mut doc in feed::read_feed(name, &text, &mut out.diagnostics) {
                if doc.text.len() > config.max_document_bytes {
                    out.diagnostics.push(Diagnostic::error(format!(
                        "{name}: entry {:?} is {} bytes, over the limit of {} bytes; skipped",
                        doc.id.as_deref().unwrap_or(""),
                        doc.text.len(),
                        config.max_document_bytes
                    )));
                    continue;
                }
                finish(&mut doc);
                out.documents.push(doc);
            }
        }
        InputFormat::Jsonl => {
            for mut doc in jsonl::read_jsonl(name, &text, config, &mut out.diagnostics) {
                finish(&mut doc);
                out.documents.push(doc);
            }
        }
    }
    out
}

fn finish(doc: &mut Document) {
    if doc.language.is_none() {
        doc.language = Some(detect_language(&doc.text).to_owned());
    }
}

fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.').map_or(base, |(stem, _)| stem).to_owned()
}

/// Binary data has NUL bytes; text in any encoding sitrep reads does not.
fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// Decodes UTF-8, replacing invalid sequences and saying where the first one was.
fn decode_utf8<'a>(
    name: &str,
    bytes: &'a [u8],
    diagnostics: &mut Vec<Diagnostic>,
) -> std::borrow::Cow<'a, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            diagnostics.push(Diagnostic::warning(format!(
                "{name}:{line}: invalid UTF-8 (byte offset {}); decoded with replacement characters",
                e.valid_up_to()
            )));
            String::from_utf8_lossy(bytes)
        }
    }
}

/// A name in lower case with each run of other characters as one hyphen, for ids: "Sheikh
/// Najjar" → "sheikh-najjar".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// "ar" when Arabic letters make up a third of the letters, else "en".
pub fn detect_language(text: &str) -> &'static str {
    // No Arabic letter in an ASCII text: one fast pass instead of a look at every character.
    if text.is_ascii() {
        return "en";
    }
    // The first 20,000 characters, ASCII ones tested as bytes: English news with a few curly
    // quotes is still almost all ASCII.
    let (mut arabic, mut letters) = (0usize, 0usize);
    let mut rest = text;
    for _ in 0..20_000 {
        let Some(&b) = rest.as_bytes().first() else { break };
        if b.is_ascii() {
            letters += usize::from(b.is_ascii_alphabetic());
            rest = &rest[1..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        if c.is_alphabetic() {
            letters += 1;
            if matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
            {
                arabic += 1;
            }
        }
    }
    if letters > 0 && arabic * 3 >= letters { "ar" } else { "en" }
}

/// Checks that a string is an ISO 8601 date (`YYYY-MM-DD`, optionally followed by a time) naming
/// a real day. Returns the date part.
pub fn iso_date_prefix(s: &str) -> Option<&str> {
    let date = s.get(..10)?;
    let b = date.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: u32 = date[..4].parse().ok()?;
    let m: u32 = date[5..7].parse().ok()?;
    let d: u32 = date[8..10].parse().ok()?;
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    let rest = &s[10..];
    let rest_ok = rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ');
    (d >= 1 && d <= days && rest_ok).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, bytes: &[u8], docs: usize, diag: &str) {
        let out = read_input(name, bytes, None, &ReadConfig::default());
        assert_eq!(out.documents.len(), docs, "{:?}", out.diagnostics);
        let all: Vec<String> = out.diagnostics.iter().map(|d| d.message.clone()).collect();
        assert!(all.iter().any(|m| m.contains(diag)) || diag.is_empty(), "{all:?} lacks {diag:?}");
    }

    #[test]
    fn bad_inputs_are_diagnosed() {
        check("a.txt", b"", 0, "a.txt: empty input");
        check("b.bin", b"\x7fELF\x00\x01", 0, "b.bin: binary data");
        check("c.txt", b"Raqqa \xff\xfe city\n", 1, "c.txt:1: invalid UTF-8");
        check(
            "d.jsonl",
            b"{\"text\": \"ok\"}\n{oops\n{\"title\": \"x\"}\n",
            1,
            "d.jsonl:2: invalid JSON",
        );
        check(
            "d.jsonl",
            b"{\"text\": \"ok\"}\n{\"title\": \"x\"}\n",
            1,
            "d.jsonl:2: missing field `text`",
        );
    }

    #[test]
    fn oversized_documents_are_refused() {
        let out =
            read_input("big.txt", b"Raqqa Raqqa", None, &ReadConfig { max_document_bytes: 5 });
        assert!(out.documents.is_empty());
        assert!(out.diagnostics[0].message.contains("over the limit"));
    }

    #[test]
    fn formats_are_detected() {
        assert_eq!(InputFormat::detect("-", b"  {\"text\":1}"), InputFormat::Jsonl);
        assert_eq!(InputFormat::detect("-", b"<!DOCTYPE html><html>"), InputFormat::Html);
        assert_eq!(InputFormat::detect("x.htm", b"hello"), InputFormat::Html);
        assert_eq!(InputFormat::detect("-", b"Deir ez-Zor"), InputFormat::Txt);
        assert_eq!(InputFormat::detect("-", b"<?xml version=\"1.0\"?><rss>"), InputFormat::Feed);
        assert_eq!(InputFormat::detect("news.atom", b""), InputFormat::Feed);
    }

    #[test]
    fn iso_dates_must_exist() {
        assert_eq!(iso_date_prefix("2017-05-19"), Some("2017-05-19"));
        assert_eq!(iso_date_prefix("2017-05-19T08:00:00Z"), Some("2017-05-19"));
        assert_eq!(iso_date_prefix("2017-02-31"), None);
        assert_eq!(iso_date_prefix("2017-13-45"), None);
        assert_eq!(iso_date_prefix("2016-02-29"), Some("2016-02-29"));
        assert_eq!(iso_date_prefix("19 May 2017"), None);
    }

    #[test]
    fn language_is_detected() {
        assert_eq!(detect_language("سيطرت قوات النظام على مدينة الميادين"), "ar");
        assert_eq!(detect_language("The army took Mayadin."), "en");
    }
}
