//! sitrep's HTTP API: the event database, read-only, as JSON (and GeoJSON) over HTTP.
//!
//! `sitrep serve --db PATH --addr 127.0.0.1:8080` runs [`serve`]. Every endpoint answers with
//! JSON; a bad parameter gets a 400 with `{"error": "..."}` naming it, an unknown id a 404, a
//! store failure a 500. The OpenAPI document is served at `/api/openapi.json`. Queries run on a
//! small pool of read-only SQLite connections, off the async threads. [`resolve`] and
//! [`answers`] hold what the CLI shares with the API, so both answer the same question the
//! same way.
//!
//! The same server serves the web map at `/`: a page embedded in the binary (see `build.rs`)
//! that draws the events, the race to an objective and the relations from these endpoints.

#![warn(missing_docs)]

pub mod answers;
mod api;
pub mod resolve;
mod web;

pub use api::{AppState, router, serve};

/// The OpenAPI 3.1 document describing the API.
pub const OPENAPI: &str = include_str!("openapi.json");
