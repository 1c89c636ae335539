//! JSON Lines input: one document per line with `text` and optional `id`, `title`, `published`,
//! `source`, `url`, `language`.

use serde::Deserialize;

use super::{Diagnostic, Document, ReadConfig, iso_date_prefix};

#[derive(Deserialize)]
struct Line {
    text: String,
    #[serde(default, deserialize_with = "string_or_number")]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

/// Ids may be numbers in the wild; they are kept as their decimal text.
fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

pub(super) fn read_jsonl(
    name: &str,
    text: &str,
    config: &ReadConfig,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Document> {
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if line.len() > config.max_document_bytes {
            diagnostics.push(Diagnostic::error(format!(
                "{name}:{n}: line is {} bytes, over the limit of {} bytes; skipped",
                line.len(),
                config.max_document_bytes
            )));
            continue;
        }
        let parsed: Line = match serde_json::from_str(line) {
            Ok(l) => l,
            Err(e) if e.is_data() => {
                diagnostics.push(Diagnostic::error(format!("{name}:{n}: {e}; line skipped")));
                continue;
            }
            Err(e) => {
                diagnostics.push(Diagnostic::error(format!(
                    "{name}:{n}: invalid JSON: {e}; line skipped"
                )));
                continue;
            }
        };
        let published = match parsed.published {
            Some(p) if iso_date_prefix(&p).is_none() => {
                diagnostics.push(Diagnostic::warning(format!(
                    "{name}:{n}: published {p:?} is not an ISO 8601 date of a real day; ignored"
                )));
                None
            }
            p => p,
        };
        docs.push(Document {
            synthetic_id: parsed.id.is_none(),
            id: parsed.id.or_else(|| Some(format!("{}:{n}", super::file_stem(name)))),
            title: parsed.title,
            source: parsed.source,
            url: parsed.url,
            published,
            language: parsed.language,
            text: parsed.text,
        });
    }
    docs
}
