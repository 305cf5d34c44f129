//! Names of the inputs an error can point at, spelled the way each language's
//! caller wrote them (`phone_number` in Rust/Python, `phoneNumber` in JS).

/// How a binding spells field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameStyle {
    /// Rust and Python: `phone_number`.
    Snake,
    /// JavaScript: `phoneNumber`.
    Camel,
}

macro_rules! fields {
    ($($variant:ident => $snake:literal, $camel:literal;)*) => {
        /// An input field an error concerns.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Field { $($variant,)* }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$variant,)*];

            pub fn name(self, style: NameStyle) -> &'static str {
                match (self, style) {
                    $((Field::$variant, NameStyle::Snake) => $snake,
                      (Field::$variant, NameStyle::Camel) => $camel,)*
                }
            }

            /// Parses a name in either spelling (`phone_number` or `phoneNumber`).
            pub fn from_name(name: &str) -> Option<Field> {
                Field::ALL
                    .iter()
                    .copied()
                    .find(|f| f.name(NameStyle::Snake) == name || f.name(NameStyle::Camel) == name)
            }

            /// Parses a snake_case name (as used in the shared test vectors).
            pub fn from_snake(name: &str) -> Option<Field> {
                match name {
                    $($snake => Some(Field::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

fields! {
    PublicKey => "public_key", "publicKey";
    SecretKey => "secret_key", "secretKey";
    BaseUrl => "base_url", "baseUrl";
    UserAgent => "user_agent", "userAgent";
    MaxBodyBytes => "max_body_bytes", "maxBodyBytes";
    Amount => "amount", "amount";
    CountryId => "country_id", "countryId";
    PhoneNumber => "phone_number", "phoneNumber";
    BankId => "bank_id", "bankId";
    AccountNumber => "account_number", "accountNumber";
    Narration => "narration", "narration";
    WebhookUrl => "webhook_url", "webhookUrl";
    PayoutId => "payout_id", "payoutId";
    Status => "status", "status";
    Body => "body", "body";
    Secret => "secret", "secret";
    Headers => "headers", "headers";
    WebhookIdHeader => "webhook-id", "webhook-id";
    WebhookTimestampHeader => "webhook-timestamp", "webhook-timestamp";
    WebhookSignatureHeader => "webhook-signature", "webhook-signature";
    Now => "now", "now";
    ToleranceSecs => "tolerance_secs", "toleranceSecs";
    Operation => "operation", "operation";
    Attempt => "attempt", "attempt";
    HttpStatus => "http_status", "httpStatus";
    TransportError => "transport_error", "transportError";
    RetryAfterSecs => "retry_after_secs", "retryAfterSecs";
    Jitter => "jitter", "jitter";
    RequestTimeoutMs => "request_timeout_ms", "requestTimeoutMs";
    WaitMs => "wait_ms", "waitMs";
    RequestId => "id", "id";
    Seed => "seed", "seed";
}
