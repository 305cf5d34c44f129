//! Tolerant readers for JSON values whose types Alexpay's docs leave loose:
//! numbers may arrive as numeric strings, booleans as "true"/"false", ids as
//! numbers or strings.

use serde_json::{Map, Value};

/// A string, or a number rendered as a string.
pub(crate) fn string(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A non-empty string or number, for ids.
pub(crate) fn id(obj: &Map<String, Value>, key: &str) -> Option<String> {
    string(obj, key).filter(|s| !s.trim().is_empty())
}

/// A finite number, or a string holding one (`"100"`, `" 12.50 "`).
pub(crate) fn number(obj: &Map<String, Value>, key: &str) -> Option<f64> {
    let n = match obj.get(key)? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    n.is_finite().then_some(n)
}

/// `true`/`false`, `"true"`/`"false"` (any case), `1`/`0`, `"1"`/`"0"`.
pub(crate) fn boolean(obj: &Map<String, Value>, key: &str) -> Option<bool> {
    match obj.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_i64()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Alexpay's envelope `code`: a number or numeric string, kept as text.
pub(crate) fn code(obj: &Map<String, Value>) -> Option<String> {
    string(obj, "code").map(|c| c.trim().to_string())
}

/// An excerpt of an unexpected body that is short and cannot carry a key:
/// printable ASCII only, long token-like runs (where keys would hide) masked.
pub(crate) fn excerpt(body: &[u8]) -> String {
    const MAX: usize = 80;
    // Only the head matters; never walk a multi-megabyte body.
    let head = &body[..body.len().min(1024)];
    let text: String = String::from_utf8_lossy(head)
        .chars()
        .map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { ' ' })
        .collect();
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let masked: Vec<String> = collapsed
        .split(' ')
        .map(|word| {
            let longest_token = word
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .map(str::len)
                .max()
                .unwrap_or(0);
            if longest_token >= 20 {
                "[redacted]".to_string()
            } else {
                word.to_string()
            }
        })
        .collect();
    let joined = masked.join(" ");
    if joined.chars().count() > MAX {
        format!("{}...", joined.chars().take(MAX).collect::<String>())
    } else {
        joined
    }
}
