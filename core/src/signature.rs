//! Opt-in webhook signatures in the Standard Webhooks scheme, for deployments
//! that sign (Alexpay documents no signature). HMAC-SHA256 over
//! `{id}.{timestamp}.{body}`, keys `whsec_<base64>`, constant-time compare.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{KeyInit, Mac};
use subtle::ConstantTimeEq;

use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;

#[cfg(test)]
#[path = "signature_reference.rs"]
mod reference;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Default tolerance between the signed timestamp and `now`, both ways.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

fn invalid(field: Field, reason: &str) -> Error {
    Error::field(ErrorCode::WebhookSignatureInvalid, field, reason.to_string())
}

/// Key text decoded on the stack (a 32-byte key is 44 characters); longer
/// keys take the heap, with the same rule.
const STACK_KEY_CHARS: usize = 128;
/// Room for the decoded stack key, and more.
const KEY_BYTES: usize = STACK_KEY_CHARS / 4 * 3 + 3;

fn bad_secret() -> Error {
    Error::field(
        ErrorCode::InvalidWebhookSecret,
        Field::Secret,
        "must be a non-empty standard base64 key, 'whsec_' prefix optional (padding optional, no whitespace)"
            .to_string(),
    )
}

/// Decodes `whsec_<base64>` as the Standard Webhooks libraries do (the
/// prefix is optional, padding too; anything else, whitespace included, is
/// refused) into `stack`, or for keys longer than [`STACK_KEY_CHARS`] into
/// `heap`: no allocation for the usual key.
fn decode_key<'b>(secret: &str, stack: &'b mut [u8; KEY_BYTES], heap: &'b mut Vec<u8>) -> Result<&'b [u8]> {
    let b64 = secret.strip_prefix("whsec_").unwrap_or(secret).as_bytes();
    // Unpadded keys get their padding (as the standardwebhooks Python
    // library pads them); one engine for keys and signatures keeps wasm small.
    let pad = match b64.len() % 4 {
        2 => 2,
        3 => 1,
        _ => 0,
    };
    let mut stack_text = [b'='; STACK_KEY_CHARS + 2];
    let heap_text;
    let (text, out): (&[u8], &'b mut [u8]) = if b64.len() <= STACK_KEY_CHARS {
        stack_text[..b64.len()].copy_from_slice(b64);
        (&stack_text[..b64.len() + pad], &mut stack[..])
    } else {
        let mut t = b64.to_vec();
        t.resize(b64.len() + pad, b'=');
        heap.resize(t.len() / 4 * 3 + 3, 0);
        heap_text = t;
        (&heap_text[..], &mut heap[..])
    };
    match STANDARD.decode_slice(text, &mut *out) {
        Ok(len) if len > 0 => Ok(&out[..len]),
        _ => Err(bad_secret()),
    }
}

/// HMAC-SHA256 of `{id}.{timestamp}.{body}`; None cannot happen (HMAC takes
/// keys of any length) but keeps this panic-free without a fake MAC.
fn mac(key: &[u8], id: &str, timestamp: &str, body: &[u8]) -> Option<[u8; 32]> {
    let mut mac = HmacSha256::new_from_slice(key).ok()?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    let mut out = [0u8; 32];
    out.copy_from_slice(&mac.finalize().into_bytes());
    Some(out)
}

/// Header name `k` is `name` (an ASCII lowercase name), compared
/// case-insensitively with surrounding whitespace ignored; a `k` as long as
/// `name` has nothing to trim that could make it match, so skips the trim.
fn is_named(k: &str, name: &str) -> bool {
    if k.len() == name.len() {
        k.eq_ignore_ascii_case(name)
    } else {
        k.len() > name.len() && k.trim().eq_ignore_ascii_case(name)
    }
}

/// `str::trim`, skipping its Unicode search when both ends are visible ASCII.
fn trim(v: &str) -> &str {
    match (v.as_bytes().first(), v.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => v,
        _ => v.trim(),
    }
}

/// Every non-empty value of header `name`, trimmed, in order; without one,
/// of its `svix-*` `alias` (the same scheme under the name Svix senders use;
/// a sender that sends both sets is read by its `webhook-*` headers).
fn values<'a>(
    headers: &'a [(String, String)],
    name: &'static str,
    alias: &'static str,
) -> impl Iterator<Item = &'a str> + Clone {
    let of = move |n: &'static str| {
        headers
            .iter()
            .filter(move |(k, _)| is_named(k, n))
            .map(|(_, v)| trim(v))
            .filter(|v| !v.is_empty())
    };
    of(if of(name).next().is_some() { name } else { alias })
}

/// `webhook-id` and `webhook-timestamp` must appear once: a second header,
/// or the `a, b` a `Headers` object makes of two, is refused.
fn single<'a>(
    headers: &'a [(String, String)],
    name: &'static str,
    alias: &'static str,
    field: Field,
) -> Result<&'a str> {
    let mut found = values(headers, name, alias);
    match (found.next(), found.next()) {
        (None, _) => Err(invalid(field, "header is missing")),
        (Some(one), None) if !one.as_bytes().windows(2).any(|w| w == b", ") => Ok(one),
        _ => Err(invalid(field, "header appears more than once")),
    }
}

/// Signs a webhook: the `webhook-signature` value (`v1,<base64>`). For
/// senders (the sandbox) and tests.
pub fn sign_webhook(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String> {
    let (mut stack, mut heap) = ([0u8; KEY_BYTES], Vec::new());
    let key = decode_key(secret, &mut stack, &mut heap)?;
    let mac = mac(key, id, &timestamp.to_string(), body);
    Ok(format!("v1,{}", mac.map(|m| STANDARD.encode(m)).unwrap_or_default()))
}

/// Verifies a signed webhook. `headers` are matched case-insensitively; any
/// one of several space-separated `v1,<sig>` entries may match (key rotation).
/// `now` is Unix seconds from the caller's clock.
pub fn verify_webhook_signature(
    secret: &str,
    headers: &[(String, String)],
    body: &[u8],
    now: i64,
    tolerance_secs: u64,
) -> Result<()> {
    let (mut stack, mut heap) = ([0u8; KEY_BYTES], Vec::new());
    let key = decode_key(secret, &mut stack, &mut heap)?;
    let id = single(headers, "webhook-id", "svix-id", Field::WebhookIdHeader)?;
    let timestamp = single(
        headers,
        "webhook-timestamp",
        "svix-timestamp",
        Field::WebhookTimestampHeader,
    )?;
    let signatures = values(headers, "webhook-signature", "svix-signature");
    if signatures.clone().next().is_none() {
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
    let mut matched = subtle::Choice::from(0u8);
    if let Some(expected) = mac(key, id, timestamp, body) {
        // Every value counts; entries are space-separated `v1,<base64>`, and
        // the `,` a `Headers` object puts between repeated headers ends an
        // entry. A signature that does not fit the buffer is longer than a
        // MAC, so cannot match (the buffer holds more than one MAC).
        let entries = signatures.flat_map(|v| v.split(' ')).filter(|e| !e.is_empty());
        let mut given = [0u8; 48];
        for entry in entries {
            let Some(("v1", sig)) = entry.split_once(',') else {
                continue;
            };
            if let Ok(len) = STANDARD.decode_slice(sig.strip_suffix(',').unwrap_or(sig), &mut given) {
                matched |= given[..len].ct_eq(&expected);
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KEY: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const BODY: &[u8] = b"{\"test\": 1}";

    fn secret() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => Just(KEY.to_string()),
            1 => prop::sample::select(vec![
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_YW5vdGhlci1zZWNyZXQta2V5LWZvci1yb3RhdGlvbiE", "whsec_ab=",
                "whsec_a", "whsec_", "", "whsec_!!", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n", "whsec_ab==", "whsec_abc",
            ]).prop_map(String::from),
            // Around and past the stack buffer's 128 characters.
            1 => "[A-Za-z0-9+/]{120,140}={0,2}".prop_map(|k| format!("whsec_{k}")),
        ]
    }

    /// Header lists built from the names and values each rule looks at.
    fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
        let good = sign_webhook(KEY, "msg_1", 1_700_000_000, BODY).unwrap();
        let names = prop::sample::select(vec![
            "webhook-id",
            "Webhook-Id",
            " webhook-id ",
            "svix-id",
            "webhook-timestamp",
            "WEBHOOK-TIMESTAMP",
            "svix-timestamp",
            "webhook-signature",
            "svix-signature",
            "\u{a0}webhook-signature",
            "webhook-idx",
            "x-other",
            "webhook-signatur",
        ]);
        let values = prop::sample::select(vec![
            "msg_1".to_string(),
            "".into(),
            " ".into(),
            "1700000000".into(),
            " 1700000000\t".into(),
            "1700000000, 1700000000".into(),
            "170000000x".into(),
            good.clone(),
            format!("v1,x {good}"),
            format!("{good},"),
            format!(" {good} "),
            format!("v2,{}", &good[3..]),
            "v1,not base64!!".into(),
            format!("v1,{}", "QUFB".repeat(20)),
            "v1,".into(),
            "msg_1, msg_2".into(),
            "\u{a0}msg_1".into(),
        ]);
        let pair = (names, values).prop_map(|(n, v)| (n.to_string(), v));
        let base = vec![
            ("webhook-id".to_string(), "msg_1".to_string()),
            ("webhook-timestamp".to_string(), "1700000000".to_string()),
            ("webhook-signature".to_string(), good),
        ];
        (
            prop::collection::vec(pair, 0..5),
            prop::sample::subsequence(base, 0..=3),
            any::<bool>(),
        )
            .prop_map(|(extra, mut base, first)| {
                if first {
                    base.extend(extra);
                    base
                } else {
                    [extra, base].concat()
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]
        #[test]
        fn verification_agrees_with_the_previous_one(
            secret in secret(),
            headers in headers(),
            now in prop::sample::select(vec![1_700_000_000i64, 1_700_000_300, 1_700_000_301, 1_699_999_699, 1_700_000_000_000]),
            tolerance in prop::sample::select(vec![0u64, 10, 300, u64::MAX]),
        ) {
            prop_assert_eq!(
                verify_webhook_signature(&secret, &headers, BODY, now, tolerance),
                reference::verify_webhook_signature(&secret, &headers, BODY, now, tolerance)
            );
        }
    }

    #[test]
    fn the_generated_cases_include_accepted_ones() {
        let headers = vec![
            ("Webhook-Id".to_string(), "msg_1".to_string()),
            ("webhook-timestamp".to_string(), " 1700000000".to_string()),
            (
                "svix-signature".to_string(),
                "ignored: the webhook-* set is read".to_string(),
            ),
            (
                "webhook-signature".to_string(),
                format!("v1,x {}", sign_webhook(KEY, "msg_1", 1_700_000_000, BODY).unwrap()),
            ),
        ];
        assert_eq!(
            verify_webhook_signature(KEY, &headers, BODY, 1_700_000_000, 300),
            Ok(())
        );
        let long_key = format!("whsec_{}", "QUJD".repeat(40));
        let signed = sign_webhook(&long_key, "msg_1", 1_700_000_000, BODY).unwrap();
        let headers = [&headers[..3], &[("webhook-signature".to_string(), signed)]].concat();
        assert_eq!(
            verify_webhook_signature(&long_key, &headers, BODY, 1_700_000_000, 300),
            Ok(())
        );
    }
}
