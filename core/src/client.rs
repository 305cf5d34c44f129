//! Client configuration and request building.

use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;
use crate::payout::{BankPayout, MobileMoneyPayout};
use crate::request::{HttpRequest, PUBLIC_KEY_HEADER, SECRET_KEY_HEADER};
use crate::response::Operation;
use crate::secret::SecretKey;
use crate::text;

/// Sent when the caller gives no user agent.
pub const DEFAULT_USER_AGENT: &str = concat!("alexpay-sdk/", env!("CARGO_PKG_VERSION"));

/// What a caller passes to [`Client::new`].
#[derive(Clone, Default)]
pub struct ClientConfig {
    pub public_key: String,
    pub secret_key: String,
    /// Required: Alexpay publishes no base URL.
    pub base_url: String,
    pub user_agent: Option<String>,
    /// The largest response or webhook body read (see
    /// [`crate::DEFAULT_MAX_BODY_BYTES`]); `None`: the default, 1 MiB.
    pub max_body_bytes: Option<u64>,
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("public_key", &self.public_key)
            .field("secret_key", &crate::secret::REDACTED)
            .field("base_url", &self.base_url)
            .field("user_agent", &self.user_agent)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

/// A validated configuration that builds requests. Holds no connection.
#[derive(Clone, Debug)]
pub struct Client {
    public_key: String,
    secret_key: SecretKey,
    base_url: String,
    user_agent: String,
    max_body_bytes: usize,
}

/// Longest key we put into a header.
const MAX_KEY_LEN: usize = 256;

/// Keys go into header values: no whitespace or control characters (CR/LF
/// would be header injection), ASCII only. The message never echoes the key.
fn key(value: &str, field: Field) -> Result<()> {
    if value.is_empty() {
        return Err(Error::field(
            ErrorCode::InvalidCredentials,
            field,
            "is required and must not be empty",
        ));
    }
    if !value.chars().all(|c| c.is_ascii_graphic()) {
        return Err(Error::field(
            ErrorCode::InvalidCredentials,
            field,
            "must be printable ASCII with no whitespace or control characters",
        ));
    }
    if value.len() > MAX_KEY_LEN {
        return Err(Error::field(
            ErrorCode::InvalidCredentials,
            field,
            "is longer than 256 characters",
        ));
    }
    Ok(())
}

fn user_agent(value: Option<&str>) -> Result<String> {
    let Some(value) = value else {
        return Ok(DEFAULT_USER_AGENT.to_string());
    };
    // Sent exactly as given: surrounding spaces are refused, never trimmed.
    let ok = !value.trim().is_empty()
        && value.trim() == value
        && value.len() <= 256
        && value.chars().all(|c| c == ' ' || c.is_ascii_graphic());
    if !ok {
        return Err(Error::field(
            ErrorCode::InvalidUserAgent,
            Field::UserAgent,
            "must be 1 to 256 printable ASCII characters, not starting or ending with a space",
        ));
    }
    Ok(value.to_string())
}

fn base_url(value: &str) -> Result<String> {
    let checked = crate::url::check_http_url(value, false)
        .map_err(|why| Error::field(ErrorCode::InvalidBaseUrl, Field::BaseUrl, why))?;
    Ok(checked.trim_end_matches('/').to_string())
}

impl Client {
    pub fn new(mut config: ClientConfig) -> Result<Client> {
        // The key moves into its wiping wrapper first (no copy), so a refused
        // configuration is wiped too.
        let secret_key = SecretKey::new(std::mem::take(&mut config.secret_key));
        key(&config.public_key, Field::PublicKey)?;
        key(secret_key.expose(), Field::SecretKey)?;
        Ok(Client {
            public_key: std::mem::take(&mut config.public_key),
            secret_key,
            base_url: base_url(&config.base_url)?,
            user_agent: user_agent(config.user_agent.as_deref())?,
            max_body_bytes: crate::body_cap::setting(config.max_body_bytes)?,
        })
    }

    /// The configured secret key (the flows mask its value in every answer).
    pub(crate) fn secret(&self) -> &SecretKey {
        &self.secret_key
    }

    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// The largest response or webhook body this client reads: a longer one
    /// is refused before parsing (`response_too_large`, `webhook_too_large`).
    /// A host may stop reading a body at this many bytes plus one.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// [`crate::parse_payout_response`] under this client's body cap.
    pub fn parse_payout_response(&self, http_status: u16, body: &[u8]) -> Result<crate::Payout> {
        crate::response::payout_response(http_status, body, self.max_body_bytes)
    }

    /// [`crate::parse_status_response`] under this client's body cap.
    pub fn parse_status_response(&self, http_status: u16, body: &[u8]) -> Result<crate::StatusReport> {
        crate::response::status_response(http_status, body, self.max_body_bytes)
    }

    /// [`crate::parse_webhook`] under this client's body cap.
    pub fn parse_webhook(&self, body: &[u8]) -> Result<crate::WebhookEvent> {
        crate::body_cap::check_webhook(body, self.max_body_bytes)?;
        crate::parse_webhook_uncapped(body)
    }

    /// The method and headers of every request of `operation`: the same for
    /// every request of this client (the builders use exactly these). A
    /// binding may fetch them once per client instead of carrying them
    /// across its boundary on every build (issue 13).
    pub fn request_shape(&self, operation: Operation) -> (&'static str, Vec<(String, String)>) {
        // Sized for all five, so the pushes never reallocate.
        let mut headers = Vec::with_capacity(5);
        headers.push((SECRET_KEY_HEADER.to_string(), self.secret_key.expose().to_string()));
        headers.push((PUBLIC_KEY_HEADER.to_string(), self.public_key.clone()));
        let method = match operation {
            Operation::Payout => {
                headers.push(("content-type".into(), "application/json".into()));
                "POST"
            }
            Operation::StatusCheck => "GET",
        };
        headers.push(("accept".into(), "application/json".into()));
        headers.push(("user-agent".into(), self.user_agent.clone()));
        (method, headers)
    }

    /// The base URL followed by `parts`, in one allocation.
    fn url(&self, parts: &[&str]) -> String {
        let len = self.base_url.len() + parts.iter().map(|p| p.len()).sum::<usize>();
        let mut url = String::with_capacity(len);
        url.push_str(&self.base_url);
        parts.iter().for_each(|p| url.push_str(p));
        url
    }

    fn post_json(&self, path: &str, body: Vec<u8>) -> HttpRequest {
        let (method, headers) = self.request_shape(Operation::Payout);
        HttpRequest {
            method,
            url: self.url(&[path]),
            headers,
            body: Some(body),
        }
    }

    /// `POST {base}/v1/payment/payouts/process` to a mobile-money wallet.
    pub fn mobile_money_payout(&self, payout: &MobileMoneyPayout) -> Result<HttpRequest> {
        Ok(self.post_json(crate::payout::PROCESS_PATH, payout.to_body()?))
    }

    /// `POST {base}/v1/payment/payouts/process` to a bank account.
    pub fn bank_payout(&self, payout: &BankPayout) -> Result<HttpRequest> {
        Ok(self.post_json(crate::payout::PROCESS_PATH, payout.to_body()?))
    }

    /// `GET {base}/v1/payment/{id}/check`, without a body.
    pub fn status_check(&self, payout_id: &str) -> Result<HttpRequest> {
        let id = text::payout_id(payout_id)?;
        let (method, headers) = self.request_shape(Operation::StatusCheck);
        Ok(HttpRequest {
            method,
            url: self.url(&["/v1/payment/", id, "/check"]),
            headers,
            body: None,
        })
    }
}
