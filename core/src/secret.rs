//! A key that never prints itself.

/// The Alexpay secret key. Debug and Display print a redacted form so the key
/// cannot leak through logs, reprs or error messages.
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
