//! How a refusal reaches the page: `{"error":{"code":…,"message":…}}`, with
//! a stable code per [`Error`] variant for the script to branch on and the
//! core's message (with its details) for people.

use crate::json::Json;
use feudfacts::Error;

/// The stable code of an error: the variant's name in kebab case.
pub const fn code(e: &Error) -> &'static str {
    match e {
        Error::Truncated { .. } => "truncated",
        Error::BadMagic => "bad-magic",
        Error::UnsupportedVersion { .. } => "unsupported-version",
        Error::BadHeader => "bad-header",
        Error::ChecksumMismatch { .. } => "checksum-mismatch",
        Error::BadSection { .. } => "bad-section",
        Error::BadRecordTable { .. } => "bad-record-table",
        Error::BadRecord { .. } => "bad-record",
        Error::BadReference { .. } => "bad-reference",
        Error::BadIndex { .. } => "bad-index",
        Error::EmptyQuery => "empty-query",
        Error::QueryTooLong { .. } => "query-too-long",
        Error::TooManyTerms => "too-many-terms",
        Error::InvalidUtf8 { .. } => "invalid-utf8",
        Error::NotFound => "not-found",
        Error::InvalidArgument => "invalid-argument",
        Error::BufferTooSmall { .. } => "buffer-too-small",
    }
}

/// The error response for `e`.
pub fn response(e: &Error) -> String {
    let mut w = Json::new();
    w.obj(|w| {
        w.key("error").obj(|w| {
            w.key("code").str(code(e));
            w.key("message").str(&e.to_string());
        });
    });
    w.finish()
}
