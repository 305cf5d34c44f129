//! The plain-data HTTP request the host's own client sends.

use crate::secret::REDACTED;

/// Header that carries the secret key; redacted in every Debug output.
pub const SECRET_KEY_HEADER: &str = "secret-key";
pub const PUBLIC_KEY_HEADER: &str = "public-key";

/// An HTTP request as plain data: send it with any client.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    /// Header names are lowercase; order is fixed so every language matches.
    pub headers: Vec<(String, String)>,
    /// `None` for requests without a body (status checks).
    pub body: Option<Vec<u8>>,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The secret-key header's copy of the key is overwritten when the request is
/// dropped (a WebAssembly module's freed memory stays readable).
impl Drop for HttpRequest {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for (name, value) in &mut self.headers {
            if name.eq_ignore_ascii_case(SECRET_KEY_HEADER) {
                value.zeroize();
            }
        }
    }
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let shown = if k.eq_ignore_ascii_case(SECRET_KEY_HEADER) {
                    REDACTED
                } else {
                    v.as_str()
                };
                (k.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body.as_deref().map(String::from_utf8_lossy))
            .finish()
    }
}
