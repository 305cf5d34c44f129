//! A result's fields as one "packed" string: the form in which results cross
//! the JavaScript boundary in both back ends (issue 13). One string is one
//! N-API string creation / one wasm-bindgen decode, where a flat array of
//! slots cost one per field (measured 686 ns vs 1,419 ns in napi and
//! 1,114 ns vs 2,174 ns in wasm for a 15-field result). The facade
//! (`facade/core.js`, `unpack` and the `next*` readers) reads it back.
//!
//! Plain Rust over the core's types, no napi or wasm-bindgen types: the wasm
//! crate includes this same file (`#[path]`), so both back ends write exactly
//! one format and one field order per record (the functions at the end).
//!
//! # Format
//! The fields of a record follow one another in the record's fixed order
//! (the reader knows each field's kind from its position); each field is:
//! - `~`: absent (`null` in JavaScript);
//! - `<n>:` then the text, `n` being its length in UTF-16 code units (what
//!   `String.prototype.length` counts) in ASCII decimal digits;
//! - a number: a text field holding either the decimal digits of a safe
//!   integer (|v| <= 2^53 - 1, not -0), or `x` and the 16 lowercase hex
//!   digits of its IEEE-754 bits (fractions, -0, NaN, infinities, large
//!   values), so every `f64` comes back bit for bit and no float formatting
//!   code enters the wasm module;
//! - a boolean: `t` or `f` (`~` when absent).
//!
//! Unambiguous for any text, separators and U+0000 included: a text's end is
//! given by its length, never found by looking for a separator, and the first
//! character of a field (`~`, a digit, `t`, `f`) says which case it is.

use alexpay_core as ap;

/// A record being packed.
pub struct Packed(String);

/// Largest integer a JavaScript number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// The length of `s` in UTF-16 code units: one per UTF-8 sequence (every
/// byte that is not a continuation byte), two for a 4-byte sequence.
pub fn utf16_len(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

impl Packed {
    /// `capacity` in bytes: the texts' lengths plus a few per field.
    pub fn with_capacity(capacity: usize) -> Self {
        Packed(String::with_capacity(capacity))
    }

    fn decimal(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            self.0.push(char::from(d));
        }
    }

    /// A present text field.
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.decimal(utf16_len(s) as u64);
        self.0.push(':');
        self.0.push_str(s);
        self
    }

    /// A text field, `~` when absent.
    pub fn opt_text(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.text(s),
            None => {
                self.0.push('~');
                self
            }
        }
    }

    /// A number field (see the format above), `~` when absent.
    pub fn number(&mut self, v: Option<f64>) -> &mut Self {
        let Some(v) = v else {
            self.0.push('~');
            return self;
        };
        // `trunc` and comparisons only: no float formatting.
        if v == v.trunc() && v.abs() <= MAX_SAFE && !(v == 0.0 && v.is_sign_negative()) {
            let magnitude = v.abs() as u64;
            let negative = v < 0.0;
            let digits = decimal_len(magnitude) + usize::from(negative);
            self.decimal(digits as u64);
            self.0.push(':');
            if negative {
                self.0.push('-');
            }
            self.decimal(magnitude);
        } else {
            self.0.push_str("17:x");
            let bits = v.to_bits();
            for shift in (0..16).rev() {
                let nibble = ((bits >> (shift * 4)) & 0xF) as u8;
                self.0
                    .push(char::from(if nibble < 10 { b'0' + nibble } else { b'a' + nibble - 10 }));
            }
        }
        self
    }

    /// A boolean field, `~` when absent.
    pub fn flag(&mut self, v: Option<bool>) -> &mut Self {
        self.0.push(match v {
            Some(true) => 't',
            Some(false) => 'f',
            None => '~',
        });
        self
    }

    pub fn finish(&mut self) -> String {
        std::mem::take(&mut self.0)
    }
}

fn decimal_len(mut n: u64) -> usize {
    let mut len = 1;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

/// Reads text fields of the same format in order: the facade packs some
/// arguments this way too (one string in instead of several). A malformed
/// string (only a caller of the back end's private interface can make one)
/// reads as absent fields from where it breaks: never a panic.
pub struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    pub fn new(packed: &'a str) -> Self {
        Reader { rest: packed }
    }

    /// The next text field; `None` when absent (or malformed).
    pub fn text(&mut self) -> Option<&'a str> {
        if let Some(rest) = self.rest.strip_prefix('~') {
            self.rest = rest;
            return None;
        }
        let field = self.present();
        if field.is_none() {
            self.rest = "";
        }
        field
    }

    fn present(&mut self) -> Option<&'a str> {
        // Decimal digits by hand (no `str::parse` in the wasm module).
        let mut units = 0usize;
        let mut digits = 0;
        for &b in self.rest.as_bytes() {
            if !b.is_ascii_digit() {
                break;
            }
            units = units.checked_mul(10)?.checked_add(usize::from(b - b'0'))?;
            digits += 1;
        }
        if digits == 0 {
            return None;
        }
        let body = self.rest[digits..].strip_prefix(':')?;
        let end = byte_end(body, units)?;
        self.rest = &body[end..];
        Some(&body[..end])
    }

    /// The next text field, `""` when absent (the core then names it as required).
    pub fn required(&mut self) -> String {
        self.text().unwrap_or_default().to_string()
    }
}

/// Where the first `units` UTF-16 code units of `s` end, in bytes; `None`
/// when `s` is shorter or the count ends inside a surrogate pair.
fn byte_end(s: &str, units: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    if units <= bytes.len() && bytes[..units].is_ascii() {
        return Some(units);
    }
    let mut counted = 0;
    for (i, c) in s.char_indices() {
        if counted == units {
            return Some(i);
        }
        counted += c.len_utf16();
    }
    (counted == units).then_some(s.len())
}

// ---------------------------------------------------------------- arguments

/// `confirmWebhook`'s texts, packed by the facade in one string: `eventPayoutId,
/// eventRawStatus, reportId, reportReference, reportRawStatus` (five strings
/// crossing as one; in wasm each string argument is a `malloc` and an
/// `encodeInto`). Only the fields `alexpay_core::confirm_webhook` reads cross
/// (never the event's raw body, nor its `reference`, which the core never
/// matches on); if the check ever reads more fields, pass them here too
/// (`confirm_ignores_unread_fields` in the napi crate pins the set).
pub fn confirm_webhook(texts: &str, event_amount: Option<f64>, report_amount: Option<f64>) -> ap::Result<String> {
    let mut r = Reader::new(texts);
    let payout_id = r.required();
    let event_raw_status = r.required();
    let event = ap::WebhookEvent {
        payout_id,
        // A sender-chosen string the core's id check never reads.
        reference: None,
        status: ap::PayoutStatus::from_raw(&event_raw_status),
        raw_status: event_raw_status,
        amount: event_amount,
        raw: String::new(),
    };
    let id = r.required();
    let reference = r.text().map(str::to_string);
    let raw_status = r.required();
    let report = ap::StatusReport {
        id,
        reference,
        amount: report_amount,
        charge: None,
        currency: None,
        status: ap::PayoutStatus::from_raw(&raw_status),
        raw_status,
        environment: None,
        payout_type: None,
        method: None,
        operator: None,
        narration: None,
        is_disbursed: None,
        created_at: None,
        updated_at: None,
        message: None,
    };
    ap::confirm_webhook(&event, &report).map(|c| confirmation(&c))
}

// ---------------------------------------------------------------- records
// One function per result, in the field order `facade/core.js` reads.

/// Room for `texts` bytes of text and `fields` fields' prefixes.
fn sized(texts: usize, fields: usize) -> Packed {
    Packed::with_capacity(texts + 4 * fields)
}

fn len(s: &Option<String>) -> usize {
    s.as_ref().map_or(0, String::len)
}

/// A built request: `url, body` (the body `~` when there is none). The core
/// builds bodies from Strings, so they are UTF-8.
pub fn request(r: &ap::HttpRequest) -> String {
    let body = r.body.as_deref().map(String::from_utf8_lossy);
    let mut p = sized(r.url.len() + body.as_ref().map_or(0, |b| b.len()), 2);
    p.text(&r.url).opt_text(body.as_deref());
    p.finish()
}

/// `payoutId, amount, status, rawStatus, message`
pub fn payout(x: &ap::Payout) -> String {
    let mut p = sized(x.payout_id.len() + x.raw_status.len() + len(&x.message) + 9, 5);
    p.text(&x.payout_id)
        .number(x.amount)
        .text(x.status.as_str())
        .text(&x.raw_status)
        .opt_text(x.message.as_deref());
    p.finish()
}

/// `id, reference, amount, charge, currency, status, rawStatus, environment,
/// type, method, operator, narration, isDisbursed, createdAt, updatedAt`
pub fn status_report(r: &ap::StatusReport) -> String {
    let texts = r.id.len()
        + len(&r.reference)
        + len(&r.currency)
        + r.raw_status.len()
        + len(&r.environment)
        + len(&r.payout_type)
        + len(&r.method)
        + len(&r.operator)
        + len(&r.narration)
        + len(&r.created_at)
        + len(&r.updated_at)
        + 9;
    let mut p = sized(texts, 15);
    p.text(&r.id)
        .opt_text(r.reference.as_deref())
        .number(r.amount)
        .number(r.charge)
        .opt_text(r.currency.as_deref())
        .text(r.status.as_str())
        .text(&r.raw_status)
        .opt_text(r.environment.as_deref())
        .opt_text(r.payout_type.as_deref())
        .opt_text(r.method.as_deref())
        .opt_text(r.operator.as_deref())
        .opt_text(r.narration.as_deref())
        .flag(r.is_disbursed)
        .opt_text(r.created_at.as_deref())
        .opt_text(r.updated_at.as_deref());
    p.finish()
}

/// `payoutId, reference, status, rawStatus, amount`: never the raw body,
/// which the caller already holds (the facade sets `raw` from it).
pub fn webhook_event(e: &ap::WebhookEvent) -> String {
    let mut p = sized(e.payout_id.len() + len(&e.reference) + e.raw_status.len() + 9, 5);
    p.text(&e.payout_id)
        .opt_text(e.reference.as_deref())
        .text(e.status.as_str())
        .text(&e.raw_status)
        .number(e.amount);
    p.finish()
}

/// `payoutId, status, rawStatus, amount, eventStatus, stale`
pub fn confirmation(c: &ap::Confirmation) -> String {
    let mut p = sized(c.payout_id.len() + c.raw_status.len() + 18, 6);
    p.text(&c.payout_id)
        .text(c.status.as_str())
        .text(&c.raw_status)
        .number(c.amount)
        .opt_text(c.event_status.as_ref().map(|s| s.as_str()))
        .flag(Some(c.stale));
    p.finish()
}

/// A webhook flow's result: `payoutId, status, rawStatus, eventStatus,
/// stale, webhookId` (its report and event are read separately).
pub fn webhook_result(r: &ap::WebhookResult) -> String {
    let mut p = sized(r.payout_id.len() + r.raw_status.len() + len(&r.webhook_id) + 18, 6);
    p.text(&r.payout_id)
        .text(r.status.as_str())
        .text(&r.raw_status)
        .opt_text(r.event_status.as_ref().map(|s| s.as_str()))
        .flag(Some(r.stale))
        .opt_text(r.webhook_id.as_deref());
    p.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader of the format written independently of the facade's, over
    /// UTF-16 code units as JavaScript sees the string.
    fn read(packed: &str, kinds: &str) -> Vec<Option<String>> {
        let units: Vec<u16> = packed.encode_utf16().collect();
        let mut at = 0;
        let mut out = Vec::new();
        for kind in kinds.chars() {
            if units[at] == u16::from(b'~') {
                at += 1;
                out.push(None);
                continue;
            }
            if kind == 'b' {
                out.push(Some(String::from_utf16(&units[at..=at]).unwrap()));
                at += 1;
                continue;
            }
            let mut n = 0usize;
            while units[at] != u16::from(b':') {
                n = n * 10 + usize::from(units[at] - u16::from(b'0'));
                at += 1;
            }
            out.push(Some(String::from_utf16(&units[at + 1..at + 1 + n]).unwrap()));
            at += 1 + n;
        }
        assert_eq!(at, units.len(), "trailing text in {packed:?}");
        out
    }

    #[test]
    fn texts_with_separators_nul_and_astral_characters_round_trip() {
        let hostile = [
            "",
            "~",
            "3:abc",
            "\0",
            "a\0b:~t",
            "12:",
            "😀",
            "é😀\u{FEFF}\u{2028}\u{10FFFF}",
            "\u{1F}\u{1E}\u{1D}|;,\t\r\n",
        ];
        for s in hostile {
            let mut p = Packed::with_capacity(0);
            p.text(s).opt_text(None).text(s).flag(Some(true)).opt_text(Some(s));
            let packed = p.finish();
            let want = vec![
                Some(s.to_string()),
                None,
                Some(s.to_string()),
                Some("t".into()),
                Some(s.to_string()),
            ];
            assert_eq!(read(&packed, "tttbt"), want, "{s:?}");
            assert_eq!(utf16_len(s), s.encode_utf16().count(), "{s:?}");
        }
    }

    #[test]
    fn the_reader_reads_what_the_writer_wrote() {
        for s in ["", "~", "3:abc", "\0", "😀é:~", "x".repeat(1000).as_str()] {
            let mut p = Packed::with_capacity(0);
            p.text(s).opt_text(None).text("tail");
            let packed = p.finish();
            let mut r = Reader::new(&packed);
            assert_eq!(
                (r.text(), r.text(), r.text(), r.text()),
                (Some(s), None, Some("tail"), None),
                "{s:?}"
            );
        }
    }

    #[test]
    fn a_malformed_string_reads_as_absent_fields_without_panicking() {
        for bad in [
            "5:abc",
            "x",
            "3abc",
            "3:😀",
            "1:😀",
            "99999999999999999999999:a",
            ":",
            "-1:a",
            "3:é",
        ] {
            let mut r = Reader::new(bad);
            let first = r.text();
            assert_eq!((first, r.text(), r.required()), (None, None, String::new()), "{bad:?}");
        }
        // What was well formed before the break still reads.
        let mut r = Reader::new("2:ok5:abc");
        assert_eq!((r.text(), r.text()), (Some("ok"), None));
    }

    #[test]
    fn numbers_are_decimal_when_safe_else_their_bits() {
        let cases: [(f64, &str); 9] = [
            (100.0, "3:100"),
            (0.0, "1:0"),
            (-5.0, "2:-5"),
            (MAX_SAFE, "16:9007199254740991"),
            (-MAX_SAFE, "17:-9007199254740991"),
            (-0.0, "17:x8000000000000000"),
            (1.5, "17:x3ff8000000000000"),
            (9_007_199_254_740_992.0, "17:x4340000000000000"),
            (f64::INFINITY, "17:x7ff0000000000000"),
        ];
        for (v, want) in cases {
            let mut p = Packed::with_capacity(0);
            p.number(Some(v));
            assert_eq!(p.finish(), want, "{v}");
        }
        let mut p = Packed::with_capacity(0);
        p.number(None).number(Some(f64::NAN)).flag(Some(false)).flag(None);
        let packed = p.finish();
        assert_eq!(read(&packed, "nnbb")[0], None);
        let bits = read(&packed, "nnbb")[1].clone().unwrap();
        assert_eq!(
            f64::from_bits(u64::from_str_radix(&bits[1..], 16).unwrap()).to_bits(),
            f64::NAN.to_bits()
        );
        assert!(packed.ends_with("f~"));
    }
}
