//! The web map: a page and its assets, embedded in the binary by `build.rs` (the page is
//! `web/src`; Leaflet, topojson-client and Natural Earth's countries come from npm).

use axum::extract::Path as UrlPath;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One embedded file.
pub struct Asset {
    /// Its path under `/assets/`.
    pub path: &'static str,
    /// Its media type.
    pub mime: &'static str,
    /// Its contents.
    pub bytes: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The embedded file at `path`, if there is one.
pub fn asset(path: &str) -> Option<&'static Asset> {
    ASSETS.binary_search_by(|a| a.path.cmp(path)).ok().map(|i| &ASSETS[i])
}

fn send(a: &'static Asset) -> Response {
    // The page's own files change with the binary; the packages only with their versions.
    let cache = if a.path.starts_with("vendor/") { "public, max-age=86400" } else { "no-cache" };
    ([(header::CONTENT_TYPE, a.mime), (header::CACHE_CONTROL, cache)], a.bytes).into_response()
}

/// `GET /`: the map page.
pub async fn index() -> Response {
    match asset("index.html") {
        Some(a) => send(a),
        None => {
            (StatusCode::NOT_FOUND, "the web map was not built into this binary").into_response()
        }
    }
}

/// `GET /assets/{path}`.
pub async fn file(UrlPath(path): UrlPath<String>) -> Response {
    match asset(&path) {
        Some(a) => send(a),
        None => (StatusCode::NOT_FOUND, format!("no asset {path:?}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_are_sorted_for_lookup_and_hold_the_page_and_its_packages() {
        assert!(ASSETS.windows(2).all(|w| w[0].path < w[1].path));
        let page = std::str::from_utf8(asset("index.html").unwrap().bytes).unwrap();
        // Every asset the page links to is embedded.
        for link in page.split("/assets/").skip(1) {
            let path = &link[..link.find('"').unwrap()];
            assert!(asset(path).is_some(), "index.html links to /assets/{path}, not embedded");
        }
        let countries = asset("vendor/countries-50m.json").unwrap();
        assert!(
            countries.bytes.len() > 100_000
                && countries.bytes.starts_with(b"{\"type\":\"Topology\"")
        );
    }
}
