//! Tolerant readers for JSON values whose types Alexpay's docs leave loose:
//! numbers may arrive as numeric strings, booleans as "true"/"false", ids as
//! numbers or strings. They read the slots of a [`loose::Object`].

use std::borrow::Cow;

use crate::loose::{self, Key, Loose};

/// A string, or a number or boolean rendered as a string; borrowed from the
/// body when it can be.
pub(crate) fn text<'o>(obj: &'o loose::Object<'_>, key: Key) -> Option<Cow<'o, str>> {
    Some(match obj.get(key)? {
        Loose::Text(s) => Cow::Borrowed(s.as_ref()),
        Loose::U64(n) => Cow::Owned(n.to_string()),
        Loose::I64(n) => Cow::Owned(n.to_string()),
        // serde_json's own rendering of a float, as `Value` printed it.
        Loose::F64(n) => Cow::Owned(serde_json::Number::from_f64(*n)?.to_string()),
        Loose::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        Loose::Other => return None,
    })
}

/// `str::trim`, with a fast path for the usual value that has no space or
/// non-ASCII character at either end (nothing to trim).
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// [`text`] as an owned `String`.
pub(crate) fn string(obj: &loose::Object<'_>, key: Key) -> Option<String> {
    text(obj, key).map(Cow::into_owned)
}

/// A non-empty string or number, for ids.
pub(crate) fn id(obj: &loose::Object<'_>, key: Key) -> Option<String> {
    text(obj, key).filter(|s| !trim(s).is_empty()).map(Cow::into_owned)
}

/// A finite number, or a string holding one (`"100"`, `" 12.50 "`).
pub(crate) fn number(obj: &loose::Object<'_>, key: Key) -> Option<f64> {
    let n = match obj.get(key)? {
        Loose::U64(n) => *n as f64,
        Loose::I64(n) => *n as f64,
        Loose::F64(n) => *n,
        Loose::Text(s) => trim(s).parse::<f64>().ok()?,
        _ => return None,
    };
    n.is_finite().then_some(n)
}

/// `true`/`false`, `"true"`/`"false"` (any case), `1`/`0`, `"1"`/`"0"`.
pub(crate) fn boolean(obj: &loose::Object<'_>, key: Key) -> Option<bool> {
    match obj.get(key)? {
        Loose::Bool(b) => Some(*b),
        Loose::U64(0) | Loose::I64(0) => Some(false),
        Loose::U64(1) | Loose::I64(1) => Some(true),
        Loose::Text(s) => {
            let s = trim(s);
            let is = |word: &str| s.eq_ignore_ascii_case(word);
            if is("true") || is("1") || is("yes") {
                Some(true)
            } else if is("false") || is("0") || is("no") {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Alexpay's envelope `code`: a number or numeric string, kept as text.
pub(crate) fn code(obj: &loose::Object<'_>) -> Option<String> {
    text(obj, Key::Code).map(|c| trim(&c).to_string())
}

/// The envelope `status`, trimmed (compare it ignoring ASCII case).
pub(crate) fn status_word<'o>(obj: &'o loose::Object<'_>) -> Option<Cow<'o, str>> {
    text(obj, Key::Status).map(|s| match s {
        Cow::Borrowed(b) => Cow::Borrowed(trim(b)),
        Cow::Owned(o) => Cow::Owned(trim(&o).to_string()),
    })
}

/// Words after which a server echoing request headers would print a credential.
const CREDENTIAL_MARKERS: [&str; 5] = ["secret", "key", "token", "password", "authorization"];

fn names_credential(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    CREDENTIAL_MARKERS.iter().any(|m| lower.contains(m))
}

/// Masks one word of an excerpt if it could be (or carry) a credential.
fn mask(word: &str, after_marker: bool) -> String {
    const REDACTED: &str = "[redacted]";
    if after_marker {
        return REDACTED.to_string();
    }
    if let Some(at) = word.find([':', '=']) {
        if names_credential(&word[..at]) && at + 1 < word.len() {
            return format!("{}{REDACTED}", &word[..=at]);
        }
    }
    let longest_token = word
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest_token >= 20 {
        REDACTED.to_string()
    } else {
        word.to_string()
    }
}

/// Credential-like words masked (see [`mask`]), whitespace runs as one space.
fn masked_words(text: &str) -> String {
    let mut masked = Vec::new();
    let mut after_marker = false;
    for word in text.split_whitespace() {
        masked.push(mask(word, after_marker));
        after_marker = names_credential(word) && (word.ends_with(':') || word.ends_with('='));
    }
    masked.join(" ")
}

/// At most `max` characters, then `...`.
fn bounded(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text,
    }
}

/// Alexpay's own `message` as an error carries it (`api_message`): masked
/// like an excerpt, control and format characters as spaces, at most 200
/// characters (a 10 MB message stays out of reprs, logs and pickles).
pub(crate) fn message(raw: &str) -> String {
    const MAX: usize = 200;
    let head: String = raw
        .chars()
        .take(4 * MAX)
        .map(|c| {
            if c.is_control() || crate::text::invisible(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    bounded(masked_words(&head), MAX)
}

/// An excerpt of an unexpected body that is short and cannot carry a key:
/// printable ASCII only; long token-like runs (where keys hide) and whatever
/// follows a credential-like name (`secret-key: ...`, `token=...`) masked.
pub(crate) fn excerpt(body: &[u8]) -> String {
    const MAX: usize = 80;
    // Only the head matters; never walk a multi-megabyte body.
    let head = &body[..body.len().min(1024)];
    let text: String = String::from_utf8_lossy(head)
        .chars()
        .map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { ' ' })
        .collect();
    bounded(masked_words(&text), MAX)
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_mask_echoed_credentials() {
        assert_eq!(
            excerpt(b"secret-key: sk_test_sandbox public-key: pk_1"),
            "secret-key: [redacted] public-key: [redacted]"
        );
        assert_eq!(excerpt(b"bad token=abc123 here"), "bad token=[redacted] here");
        assert_eq!(excerpt(b"id 0123456789abcdefghij0123 end"), "id [redacted] end");
        assert_eq!(excerpt(b"<h1>502 Bad Gateway</h1>"), "<h1>502 Bad Gateway</h1>");
        assert_eq!(excerpt(b"Key rotation needed"), "Key rotation needed");
    }
}
