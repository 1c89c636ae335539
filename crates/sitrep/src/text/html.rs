//! HTML input: the visible article text, the `<title>` and the publication date from `<meta>` or
//! `<time>`. Scripts, styles, navigation, headers, footers, asides and forms are dropped; when the
//! page has an `<article>` element, only its text is kept.

use scraper::{ElementRef, Html, Node, Selector};

use super::{Diagnostic, Document, iso_date_prefix};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "template", "button", "select", "head", "menu",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "figcaption",
    "dd",
    "dt",
    "hr",
    "main",
];

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("selector literals are valid")
}

pub(super) fn read_html(name: &str, html: &str, diagnostics: &mut Vec<Diagnostic>) -> Document {
    let page = Html::parse_document(html);
    let title = page
        .select(&selector("title"))
        .next()
        .map(|t| collapse_spaces(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let published = published_date(&page, name, diagnostics);
    let root = page
        .select(&selector("article"))
        .next()
        .or_else(|| page.select(&selector("main")).next())
        .or_else(|| page.select(&selector("body")).next())
        .unwrap_or_else(|| page.root_element());
    let mut text = String::new();
    visible_text(root, &mut text);
    let text = tidy_lines(&text);
    if text.is_empty() {
        diagnostics
            .push(Diagnostic::warning(format!("{name}: HTML page has no visible article text")));
    }
    Document { title, published, text, ..Document::default() }
}

fn published_date(page: &Html, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let candidates = [
        ("meta[property='article:published_time']", "content"),
        ("meta[name='article:published_time']", "content"),
        ("meta[itemprop='datePublished']", "content"),
        ("meta[name='pubdate']", "content"),
        ("meta[name='publish-date']", "content"),
        ("meta[name='date']", "content"),
        ("meta[name='DC.date.issued']", "content"),
        ("time[datetime]", "datetime"),
    ];
    for (sel, attr) in candidates {
        if let Some(value) = page.select(&selector(sel)).find_map(|e| e.value().attr(attr)) {
            let value = value.trim();
            if iso_date_prefix(value).is_some() {
                return Some(value.to_owned());
            }
            diagnostics.push(Diagnostic::warning(format!(
                "{name}: publication date {value:?} in <{sel}> is not an ISO 8601 date; ignored"
            )));
        }
    }
    None
}

fn visible_text(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let tag = e.name();
                if SKIPPED.contains(&tag)
                    || e.attr("role") == Some("navigation")
                    || e.attr("hidden").is_some()
                {
                    continue;
                }
                let block = BLOCKS.contains(&tag);
                if block {
                    out.push('\n');
                }
                if let Some(el) = ElementRef::wrap(child) {
                    visible_text(el, out);
                }
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapses runs of spaces inside lines and keeps at most one blank line between paragraphs.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let line = collapse_spaces(line);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_text_title_and_date() {
        let html = r#"<html><head><title>Raqqa  report</title>
            <meta property="article:published_time" content="2017-05-19T10:00:00Z">
            <script>var raqqa = 1;</script></head>
            <body><nav>Home | Aleppo | World</nav>
            <article><h1>Forces near Mayadin</h1><p>The army moved toward <b>Deir ez-Zor</b>.</p>
            <aside>Read more: Homs</aside><p>Second   paragraph.</p></article>
            <footer>Damascus office</footer></body></html>"#;
        let mut diags = Vec::new();
        let doc = read_html("x.html", html, &mut diags);
        assert_eq!(doc.title.as_deref(), Some("Raqqa report"));
        assert_eq!(doc.published.as_deref(), Some("2017-05-19T10:00:00Z"));
        assert_eq!(
            doc.text,
            "Forces near Mayadin\n\nThe army moved toward Deir ez-Zor.\n\nSecond paragraph."
        );
        assert!(diags.is_empty());
    }

    #[test]
    fn malformed_html_still_yields_text() {
        let mut diags = Vec::new();
        let doc = read_html("m.html", "<p>Shelling in <i>Idlib<p>unclosed <div", &mut diags);
        assert!(doc.text.contains("Shelling in Idlib"), "{:?}", doc.text);
    }
}
