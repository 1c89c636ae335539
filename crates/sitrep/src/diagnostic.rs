//! Diagnostics: what a stage noticed about its input without failing on it.

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Input was skipped.
    Error,
    /// Input was used, with a repair or a guess.
    Warning,
    /// Something an analyst may want to know (an unresolved name).
    Info,
}

/// One message about the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// What happened, naming the file and line where there is one.
    pub message: String,
}

impl Diagnostic {
    /// An error: the input (or part of it) was skipped.
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, message: message.into() }
    }
    /// A warning: the input was used with a repair.
    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, message: message.into() }
    }
    /// Information.
    pub fn info(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Info, message: message.into() }
    }
}
