//! RSS 2.0 and Atom input: one document per `<item>` or `<entry>`, with its title, link,
//! publication date (`pubDate`, `published`, `updated`, `dc:date`) and text (`content:encoded`,
//! `content`, `description`, `summary`; HTML in them is reduced to its visible text).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Diagnostic, Document, html};

#[derive(Default)]
struct Entry {
    id: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    content: Option<String>,
    summary: Option<String>,
}

pub(super) fn read_feed(name: &str, xml: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Document> {
    let mut reader = Reader::from_str(xml);
    let mut docs = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut channel_title: Option<String> = None;
    let mut field: Option<String> = None;
    let mut value = String::new();
    let mut depth_in_entry = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let line =
                    xml[..(reader.buffer_position() as usize).min(xml.len())].matches('\n').count()
                        + 1;
                diagnostics.push(Diagnostic::error(format!(
                    "{name}:{line}: malformed feed XML ({e}); {} entries read before it",
                    docs.len()
                )));
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let tag = local_name(&e);
                if matches!(tag.as_str(), "item" | "entry") {
                    entry = Some(Entry::default());
                    depth_in_entry = 0;
                } else if entry.is_some() {
                    depth_in_entry += 1;
                    if depth_in_entry == 1 {
                        field = Some(tag.clone());
                        value.clear();
                    }
                } else if tag == "title" && channel_title.is_none() {
                    field = Some("channel-title".into());
                    value.clear();
                }
            }
            Event::Empty(e) => {
                // Atom: <link href="..."/>
                if let Some(en) = entry.as_mut()
                    && local_name(&e) == "link"
                    && en.url.is_none()
                {
                    let rel = attribute(&e, "rel");
                    if rel.as_deref().is_none_or(|r| r == "alternate") {
                        en.url = attribute(&e, "href");
                    }
                }
            }
            Event::Text(t) if field.is_some() => {
                value.push_str(&t.xml_content().unwrap_or_default());
            }
            Event::CData(t) if field.is_some() => {
                value.push_str(&String::from_utf8_lossy(&t.into_inner()));
            }
            Event::GeneralRef(r) if field.is_some() => {
                let name = String::from_utf8_lossy(&r.into_inner()).into_owned();
                value.push_str(&entity(&name));
            }
            Event::End(e) => {
                let tag = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if matches!(tag.as_str(), "item" | "entry") {
                    if let Some(en) = entry.take() {
                        docs.extend(finish(
                            name,
                            en,
                            channel_title.as_deref(),
                            docs.len(),
                            diagnostics,
                        ));
                    }
                    field = None;
                } else if entry.is_some() {
                    if depth_in_entry == 1
                        && let (Some(f), Some(en)) = (field.take(), entry.as_mut())
                    {
                        let v = value.trim().to_string();
                        let slot = match f.as_str() {
                            "title" => &mut en.title,
                            "link" => &mut en.url,
                            "guid" | "id" => &mut en.id,
                            "pubDate" | "published" | "date" | "issued" => &mut en.published,
                            "updated" | "modified" => &mut en.updated,
                            "encoded" | "content" => &mut en.content,
                            "description" | "summary" => &mut en.summary,
                            _ => &mut None,
                        };
                        if slot.is_none() && !v.is_empty() {
                            *slot = Some(v);
                        }
                    }
                    depth_in_entry = depth_in_entry.saturating_sub(1);
                } else if field.as_deref() == Some("channel-title") {
                    channel_title = Some(value.trim().to_string());
                    field = None;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if docs.is_empty() && !diagnostics.iter().any(|d| d.message.starts_with(name)) {
        diagnostics
            .push(Diagnostic::error(format!("{name}: feed has no <item> or <entry> with text")));
    }
    docs
}

fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn attribute(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key.as_bytes())
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The five XML entities and numeric character references; others are kept as written.
fn entity(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    name.strip_prefix('#').and_then(|d| d.parse().ok())
                };
            code.and_then(char::from_u32).map_or_else(|| format!("&{name};"), String::from)
        }
    }
}

fn finish(
    name: &str,
    en: Entry,
    channel: Option<&str>,
    index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let body = en.content.or(en.summary)?;
    let text =
        if body.contains('<') { html::read_html(name, &body, diagnostics).text } else { body };
    if text.trim().is_empty() {
        return None;
    }
    let raw_date = en.published.or(en.updated);
    let published = raw_date.as_deref().and_then(|d| {
        let iso = super::iso_date_prefix(d).map(str::to_string).or_else(|| rfc2822_date(d));
        if iso.is_none() {
            diagnostics.push(Diagnostic::warning(format!(
                "{name}: entry {}: publication date {d:?} is neither ISO 8601 nor RFC 2822; ignored",
                index + 1
            )));
        }
        iso
    });
    Some(Document {
        synthetic_id: en.id.is_none() && en.url.is_none(),
        id: en.id.or_else(|| en.url.clone()).or_else(|| Some(format!("{name}#{}", index + 1))),
        title: en.title,
        source: channel.map(str::to_string),
        url: en.url,
        published,
        language: None,
        text,
    })
}

/// The date of an RFC 2822 timestamp ("Fri, 19 May 2017 08:00:00 +0000"), as ISO 8601, in the
/// timestamp's own offset.
fn rfc2822_date(s: &str) -> Option<String> {
    let s = s.split_once(',').map_or(s, |(_, rest)| rest);
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?.to_ascii_lowercase();
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let m = MONTHS.iter().position(|&x| month.starts_with(x))? + 1;
    let year: u32 = parts.next()?.parse().ok()?;
    let iso = format!("{year:04}-{m:02}-{day:02}");
    super::iso_date_prefix(&iso).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_documents() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Levant Wire</title>
<item><title>Clashes near Raqqa</title><link>https://example.org/a</link>
<pubDate>Fri, 19 May 2017 08:00:00 +0000</pubDate>
<description><![CDATA[<p>Fighting near <b>Raqqa</b> &amp; Tabqa.</p>]]></description></item>
<item><title>No text</title></item>
<item><title>Mayadin</title><pubDate>yesterday</pubDate><description>Strikes on Mayadin &amp; Abu Kamal.</description></item>
</channel></rss>"#;
        let mut diags = Vec::new();
        let docs = read_feed("wire.rss", xml, &mut diags);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].title.as_deref(), Some("Clashes near Raqqa"));
        assert_eq!(docs[0].published.as_deref(), Some("2017-05-19"));
        assert_eq!(docs[0].source.as_deref(), Some("Levant Wire"));
        assert!(docs[0].text.contains("Fighting near Raqqa & Tabqa."), "{:?}", docs[0].text);
        assert_eq!(docs[1].text, "Strikes on Mayadin & Abu Kamal.");
        assert!(diags[0].message.contains("entry 2: publication date \"yesterday\""), "{diags:?}");
    }

    #[test]
    fn atom_entries_become_documents() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><id>urn:1</id><title>Deir ez-Zor</title><link rel="alternate" href="https://example.org/b"/>
<published>2017-09-05T10:00:00Z</published><content type="html">&lt;p&gt;The siege of Deir ez-Zor was broken.&lt;/p&gt;</content></entry></feed>"#;
        let mut diags = Vec::new();
        let docs = read_feed("f.atom", xml, &mut diags);
        assert_eq!(docs.len(), 1, "{diags:?}");
        assert_eq!(docs[0].id.as_deref(), Some("urn:1"));
        assert_eq!(docs[0].url.as_deref(), Some("https://example.org/b"));
        assert_eq!(docs[0].published.as_deref(), Some("2017-09-05"));
        assert_eq!(docs[0].text.trim(), "The siege of Deir ez-Zor was broken.");
    }

    #[test]
    fn broken_feeds_are_diagnosed() {
        let mut diags = Vec::new();
        let docs = read_feed("bad.xml", "<rss><channel><item><title>x</title></chan", &mut diags);
        assert!(docs.is_empty());
        assert!(diags.iter().any(|d| d.message.starts_with("bad.xml")), "{diags:?}");
    }
}
