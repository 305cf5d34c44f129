//! The verification as it was before issue 13's rewrite (heap-allocated
//! padding, header lists and MAC), kept for tests only: the property test in
//! `signature.rs` holds the current one to it on generated inputs.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{KeyInit, Mac};
use subtle::ConstantTimeEq;

use super::{HmacSha256, DEFAULT_TOLERANCE_SECS};
use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;

fn invalid(field: Field, reason: &str) -> Error {
    Error::field(ErrorCode::WebhookSignatureInvalid, field, reason.to_string())
}

/// Decodes `whsec_<base64>` as the Standard Webhooks libraries do: the prefix
/// is optional, padding too; anything else (whitespace included) is refused.
fn key_bytes(secret: &str) -> Result<Vec<u8>> {
    let b64 = secret.strip_prefix("whsec_").unwrap_or(secret);
    // Unpadded keys get their padding (as the standardwebhooks Python
    // library pads them); one engine for keys and signatures keeps wasm small.
    let padded = match b64.len() % 4 {
        2 => format!("{b64}=="),
        3 => format!("{b64}="),
        _ => b64.to_string(),
    };
    let key = STANDARD.decode(padded).ok().filter(|k| !k.is_empty());
    key.ok_or_else(|| {
        Error::field(
            ErrorCode::InvalidWebhookSecret,
            Field::Secret,
            "must be a non-empty standard base64 key, 'whsec_' prefix optional (padding optional, no whitespace)"
                .to_string(),
        )
    })
}

fn mac(key: &[u8], id: &str, timestamp: &str, body: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail; stay panic-free anyway.
    let Ok(mut mac) = HmacSha256::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

/// Every value of a `webhook-*` header, in order; without one, of its
/// `svix-*` alias (the same scheme under the name Svix senders use; a
/// sender that sends both sets is read by its `webhook-*` headers).
fn values<'a>(headers: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    let alias = name.replacen("webhook-", "svix-", 1);
    let of = |n: &str| -> Vec<&'a str> {
        headers
            .iter()
            .filter(|(k, _)| k.trim().eq_ignore_ascii_case(n))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect()
    };
    let found = of(name);
    if found.is_empty() {
        of(&alias)
    } else {
        found
    }
}

/// `webhook-id` and `webhook-timestamp` must appear once: a second header,
/// or the `a, b` a `Headers` object makes of two, is refused.
fn single<'a>(headers: &'a [(String, String)], name: &str, field: Field) -> Result<&'a str> {
    match values(headers, name)[..] {
        [] => Err(invalid(field, "header is missing")),
        [one] if !one.contains(", ") => Ok(one),
        _ => Err(invalid(field, "header appears more than once")),
    }
}

/// Verifies a signed webhook. `headers` are matched case-insensitively; any
/// one of several space-separated `v1,<sig>` entries may match (key rotation).
/// `now` is Unix seconds from the caller's clock.
pub(super) fn verify_webhook_signature(
    secret: &str,
    headers: &[(String, String)],
    body: &[u8],
    now: i64,
    tolerance_secs: u64,
) -> Result<()> {
    let key = key_bytes(secret)?;
    let id = single(headers, "webhook-id", Field::WebhookIdHeader)?;
    let timestamp = single(headers, "webhook-timestamp", Field::WebhookTimestampHeader)?;
    let signatures = values(headers, "webhook-signature");
    if signatures.is_empty() {
        return Err(invalid(Field::WebhookSignatureHeader, "header is missing"));
    }
    let sent: i64 = timestamp.parse().map_err(|_| {
        invalid(
            Field::WebhookTimestampHeader,
            "header is not a whole number of Unix seconds",
        )
    })?;
    let skew = now.abs_diff(sent);
    if skew > tolerance_secs {
        let when = if sent < now { "too old" } else { "too far in the future" };
        let hint = if (now / 1000).abs_diff(sent) <= tolerance_secs.max(DEFAULT_TOLERANCE_SECS) {
            "; `now` looks like milliseconds: pass Unix seconds"
        } else {
            ""
        };
        return Err(Error::field(
            ErrorCode::WebhookTimestampOutOfRange,
            Field::WebhookTimestampHeader,
            format!("is {when} ({skew} s from now; tolerance {tolerance_secs} s){hint}"),
        ));
    }
    let expected = mac(&key, id, timestamp, body);
    let mut matched = subtle::Choice::from(0u8);
    // Every value counts; entries are space-separated `v1,<base64>`, and the
    // `,` a `Headers` object puts between repeated headers ends an entry.
    let entries = signatures.iter().flat_map(|v| v.split(' ')).filter(|e| !e.is_empty());
    for entry in entries {
        let Some(("v1", sig)) = entry.split_once(',') else {
            continue;
        };
        if let Ok(given) = STANDARD.decode(sig.strip_suffix(',').unwrap_or(sig)) {
            matched |= given.ct_eq(&expected);
        }
    }
    if bool::from(matched) {
        Ok(())
    } else {
        Err(invalid(
            Field::WebhookSignatureHeader,
            "no signature matches the body; it was altered or signed with another secret",
        ))
    }
}
