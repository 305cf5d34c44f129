//! A key that never prints itself, is wiped from memory when dropped, and
//! masks its own value in the text the SDK hands back.

use std::borrow::Cow;

use zeroize::Zeroize;

/// The Alexpay secret key. Debug and Display print a redacted form so the key
/// cannot leak through logs, reprs or error messages; dropping it overwrites
/// its bytes (a WebAssembly module's memory stays readable after `free()`).
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    pub(crate) fn new(value: String) -> Self {
        SecretKey(value)
    }

    /// The key itself, for the `secret-key` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `body` with every occurrence of the key, as sent or JSON-escaped
    /// (`\"`, `\\`, `\/`), replaced by `[REDACTED]`: a server that echoes
    /// the request cannot put the key into anything built from its answer.
    pub(crate) fn mask<'a>(&self, body: &'a [u8]) -> Cow<'a, [u8]> {
        let key = self.0.as_bytes();
        let mut out = Cow::Borrowed(body);
        let mut forms = vec![key.to_vec()];
        if key.iter().any(|b| matches!(b, b'"' | b'\\' | b'/')) {
            for slash in [false, true] {
                let mut form = Vec::with_capacity(2 * key.len());
                for &b in key {
                    if b == b'"' || b == b'\\' || (slash && b == b'/') {
                        form.push(b'\\');
                    }
                    form.push(b);
                }
                forms.push(form);
            }
        }
        for needle in &forms {
            if let Some(replaced) = replace_all(&out, needle, REDACTED.as_bytes()) {
                out = Cow::Owned(replaced);
            }
        }
        forms.iter_mut().for_each(|f| f.zeroize());
        out
    }
}

/// `None` when `needle` does not occur (no copy for the common case).
fn replace_all(hay: &[u8], needle: &[u8], with: &[u8]) -> Option<Vec<u8>> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let mut out: Option<Vec<u8>> = None;
    let (mut i, mut copied) = (0, 0);
    while i + needle.len() <= hay.len() {
        if &hay[i..i + needle.len()] == needle {
            let o = out.get_or_insert_with(|| Vec::with_capacity(hay.len()));
            o.extend_from_slice(&hay[copied..i]);
            o.extend_from_slice(with);
            i += needle.len();
            copied = i;
        } else {
            i += 1;
        }
    }
    if let Some(o) = out.as_mut() {
        o.extend_from_slice(&hay[copied..]);
    }
    out
}

impl Drop for SecretKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

pub(crate) const REDACTED: &str = "[REDACTED]";

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

impl std::fmt::Display for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::SecretKey;

    #[test]
    fn masks_every_form_of_the_key_whatever_its_length() {
        let key = SecretKey::new("k/\"1".into());
        let body = br#"{"a":"k/\"1","b":"k\/\"1"} k/"1"#;
        assert_eq!(
            &*key.mask(body),
            br#"{"a":"[REDACTED]","b":"[REDACTED]"} [REDACTED]"#.as_slice()
        );
        let short = SecretKey::new("sk".into());
        assert_eq!(&*short.mask(b"task"), b"ta[REDACTED]".as_slice());
        assert!(matches!(short.mask(b"none here"), std::borrow::Cow::Borrowed(_)));
    }
}
