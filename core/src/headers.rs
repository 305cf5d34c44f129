//! Header lookup for the header lists hosts hand in.

/// The first value of header `name` (compared case-insensitively, surrounding
/// whitespace in the name ignored, as HTTP clients differ there).
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
