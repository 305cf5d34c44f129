//! One error type for the whole SDK. Every variant has a stable snake_case
//! `code()` that bindings map from (never from message text), the field it
//! concerns, and a message that never contains a secret.

use crate::disposition::Disposition;
use crate::field::{Field, NameStyle};

/// What went wrong, as a stable machine-readable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    // Validation: the caller's input was refused before anything was built.
    InvalidCredentials,
    InvalidBaseUrl,
    InvalidUserAgent,
    InvalidAmount,
    InvalidCountryId,
    InvalidPhoneNumber,
    MissingBankDetails,
    InvalidBankDetails,
    InvalidNarration,
    InvalidWebhookUrl,
    InvalidPayoutId,
    InvalidWebhookSecret,
    InvalidArgument,
    /// JavaScript (wasm): the module was used before `init()` / `initSync()`.
    NotInitialized,
    // API: Alexpay (or something in front of it) answered with a failure.
    AuthenticationFailed,
    NotFound,
    RequestRejected,
    RateLimited,
    ServerError,
    UnexpectedResponse,
    /// The answer's body is over the client's `max_body_bytes`: not read.
    ResponseTooLarge,
    // Webhooks.
    WebhookMalformed,
    WebhookSignatureInvalid,
    WebhookTimestampOutOfRange,
    WebhookMismatch,
    /// The webhook body is over the client's `max_body_bytes`: not read.
    WebhookTooLarge,
    // Status flow.
    StatusConflict,
    PayoutIdMismatch,
    // Flows: how a payout flow ended without a definite answer.
    /// The payout may exist: never resend it, reconcile.
    OutcomeUnknown,
    /// Nothing was ever delivered to Alexpay (every attempt failed to connect).
    ConnectionFailed,
    /// The host cancelled the flow before anything could have been sent.
    Cancelled,
}

/// The family an error code belongs to; bindings map families to exception
/// classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorFamily {
    Validation,
    Api,
    Webhook,
    Conflict,
    Flow,
}

impl ErrorFamily {
    /// `"validation"`, `"api"`, `"webhook"`, `"conflict"` or `"flow"`: the same label in
    /// every language (JavaScript's `AlexpayError.family`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorFamily::Validation => "validation",
            ErrorFamily::Api => "api",
            ErrorFamily::Webhook => "webhook",
            ErrorFamily::Conflict => "conflict",
            ErrorFamily::Flow => "flow",
        }
    }
}

impl ErrorCode {
    /// Every code, for documentation and binding tests.
    pub const ALL: [ErrorCode; 31] = [
        ErrorCode::InvalidCredentials,
        ErrorCode::InvalidBaseUrl,
        ErrorCode::InvalidUserAgent,
        ErrorCode::InvalidAmount,
        ErrorCode::InvalidCountryId,
        ErrorCode::InvalidPhoneNumber,
        ErrorCode::MissingBankDetails,
        ErrorCode::InvalidBankDetails,
        ErrorCode::InvalidNarration,
        ErrorCode::InvalidWebhookUrl,
        ErrorCode::InvalidPayoutId,
        ErrorCode::InvalidWebhookSecret,
        ErrorCode::InvalidArgument,
        ErrorCode::NotInitialized,
        ErrorCode::AuthenticationFailed,
        ErrorCode::NotFound,
        ErrorCode::RequestRejected,
        ErrorCode::RateLimited,
        ErrorCode::ServerError,
        ErrorCode::UnexpectedResponse,
        ErrorCode::ResponseTooLarge,
        ErrorCode::WebhookMalformed,
        ErrorCode::WebhookSignatureInvalid,
        ErrorCode::WebhookTimestampOutOfRange,
        ErrorCode::WebhookMismatch,
        ErrorCode::WebhookTooLarge,
        ErrorCode::StatusConflict,
        ErrorCode::PayoutIdMismatch,
        ErrorCode::OutcomeUnknown,
        ErrorCode::ConnectionFailed,
        ErrorCode::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::InvalidBaseUrl => "invalid_base_url",
            ErrorCode::InvalidUserAgent => "invalid_user_agent",
            ErrorCode::InvalidAmount => "invalid_amount",
            ErrorCode::InvalidCountryId => "invalid_country_id",
            ErrorCode::InvalidPhoneNumber => "invalid_phone_number",
            ErrorCode::MissingBankDetails => "missing_bank_details",
            ErrorCode::InvalidBankDetails => "invalid_bank_details",
            ErrorCode::InvalidNarration => "invalid_narration",
            ErrorCode::InvalidWebhookUrl => "invalid_webhook_url",
            ErrorCode::InvalidPayoutId => "invalid_payout_id",
            ErrorCode::InvalidWebhookSecret => "invalid_webhook_secret",
            ErrorCode::InvalidArgument => "invalid_argument",
            ErrorCode::NotInitialized => "not_initialized",
            ErrorCode::AuthenticationFailed => "authentication_failed",
            ErrorCode::NotFound => "not_found",
            ErrorCode::RequestRejected => "request_rejected",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ServerError => "server_error",
            ErrorCode::UnexpectedResponse => "unexpected_response",
            ErrorCode::ResponseTooLarge => "response_too_large",
            ErrorCode::WebhookMalformed => "webhook_malformed",
            ErrorCode::WebhookSignatureInvalid => "webhook_signature_invalid",
            ErrorCode::WebhookTimestampOutOfRange => "webhook_timestamp_out_of_range",
            ErrorCode::WebhookMismatch => "webhook_mismatch",
            ErrorCode::WebhookTooLarge => "webhook_too_large",
            ErrorCode::StatusConflict => "status_conflict",
            ErrorCode::PayoutIdMismatch => "payout_id_mismatch",
            ErrorCode::OutcomeUnknown => "outcome_unknown",
            ErrorCode::ConnectionFailed => "connection_failed",
            ErrorCode::Cancelled => "cancelled",
        }
    }

    pub fn family(self) -> ErrorFamily {
        use ErrorCode::*;
        match self {
            InvalidCredentials | InvalidBaseUrl | InvalidUserAgent | InvalidAmount | InvalidCountryId
            | InvalidPhoneNumber | MissingBankDetails | InvalidBankDetails | InvalidNarration | InvalidWebhookUrl
            | InvalidPayoutId | InvalidWebhookSecret | InvalidArgument | NotInitialized => ErrorFamily::Validation,
            AuthenticationFailed | NotFound | RequestRejected | RateLimited | ServerError | UnexpectedResponse
            | ResponseTooLarge => ErrorFamily::Api,
            WebhookMalformed
            | WebhookSignatureInvalid
            | WebhookTimestampOutOfRange
            | WebhookMismatch
            | WebhookTooLarge => ErrorFamily::Webhook,
            StatusConflict | PayoutIdMismatch => ErrorFamily::Conflict,
            OutcomeUnknown | ConnectionFailed | Cancelled => ErrorFamily::Flow,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Details of a failed Alexpay API call.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiFailure {
    /// The HTTP status the host's client received.
    pub http_status: u16,
    /// Alexpay's own `code` from the envelope, kept as sent (number or string).
    pub api_code: Option<String>,
    /// Alexpay's own `message` from the envelope.
    pub api_message: Option<String>,
    /// A payout id the body carried, kept even when the answer is a failure:
    /// that payout may exist.
    pub payout_id: Option<String>,
    /// What the answer means for resending, from [`crate::disposition`].
    pub disposition: Disposition,
}

/// The SDK's error: a stable code, the field concerned (if any), a message a
/// person can act on, and the API details for failed calls.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.message(NameStyle::Snake))]
pub struct Error {
    code: ErrorCode,
    field: Option<Field>,
    reason: String,
    api: Option<ApiFailure>,
}

impl Error {
    pub(crate) fn new(code: ErrorCode, field: Option<Field>, reason: impl Into<String>) -> Self {
        Error {
            code,
            field,
            reason: reason.into(),
            api: None,
        }
    }

    pub(crate) fn field(code: ErrorCode, field: Field, reason: impl Into<String>) -> Self {
        Error::new(code, Some(field), reason)
    }

    pub(crate) fn api(code: ErrorCode, failure: ApiFailure, reason: impl Into<String>) -> Self {
        Error {
            code,
            field: None,
            reason: reason.into(),
            api: Some(failure),
        }
    }

    /// For bindings: a value their language cannot hand to the core (an int
    /// out of range, text that is not valid Unicode) as `invalid_argument`.
    pub fn invalid_argument(field: Field, reason: impl Into<String>) -> Self {
        Error::field(ErrorCode::InvalidArgument, field, reason)
    }

    /// For bindings: text their language holds that is not valid Unicode (a
    /// lone UTF-16 surrogate in Python or JavaScript), refused the same way
    /// for every field, never replaced by U+FFFD.
    pub fn not_unicode(field: Field) -> Self {
        Error::invalid_argument(field, "is not valid Unicode text (it holds a lone surrogate)")
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn family(&self) -> ErrorFamily {
        self.code.family()
    }

    /// The field this error concerns, if any.
    pub fn field_ref(&self) -> Option<Field> {
        self.field
    }

    /// The field name as a caller of the given language wrote it.
    pub fn field_name(&self, style: NameStyle) -> Option<&'static str> {
        self.field.map(|f| f.name(style))
    }

    /// The message without the field prefix.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The message for a caller of the given language: `field: reason`.
    pub fn message(&self, style: NameStyle) -> String {
        match self.field {
            Some(f) => format!("{}: {}", f.name(style), self.reason),
            None => self.reason.clone(),
        }
    }

    pub fn http_status(&self) -> Option<u16> {
        self.api.as_ref().map(|a| a.http_status)
    }

    pub fn api_code(&self) -> Option<&str> {
        self.api.as_ref().and_then(|a| a.api_code.as_deref())
    }

    pub fn api_message(&self) -> Option<&str> {
        self.api.as_ref().and_then(|a| a.api_message.as_deref())
    }

    /// True only when resending the very same request is safe and may help:
    /// derived from the one disposition rule, never decided here.
    pub fn retryable(&self) -> bool {
        self.disposition() == Some(Disposition::Retry)
    }

    /// What a failed API answer means for resending (`None` for errors that
    /// are not API answers).
    pub fn disposition(&self) -> Option<Disposition> {
        self.api.as_ref().map(|a| a.disposition)
    }

    /// The payout id a failed answer's body carried, if any.
    pub fn payout_id(&self) -> Option<&str> {
        self.api.as_ref().and_then(|a| a.payout_id.as_deref())
    }

    /// For flows: an error of a flow code (`outcome_unknown`,
    /// `connection_failed`, `cancelled`) with no field.
    pub(crate) fn flow(code: ErrorCode, reason: impl Into<String>) -> Self {
        Error::new(code, None, reason)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
