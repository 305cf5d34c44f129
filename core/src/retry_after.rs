//! `Retry-After` (RFC 9110 §10.2.3), parsed once for every surface:
//! delta-seconds, or an HTTP-date measured against the response's own `Date`
//! header (so a skewed host clock does not matter), else against `now`.

use crate::retry::MAX_RETRY_AFTER_SECS;

/// Milliseconds the server asks us to wait, capped at an hour; `None` when
/// the header is absent or unreadable (then only the backoff applies).
pub fn parse_retry_after(value: Option<&str>, date: Option<&str>, now_ms: u64) -> Option<u64> {
    let value = value?.trim();
    let cap = MAX_RETRY_AFTER_SECS * 1000;
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(secs.saturating_mul(1000).min(cap));
    }
    let target_ms = http_date_ms(value)?;
    let reference_ms = date.and_then(http_date_ms).unwrap_or(now_ms);
    Some(target_ms.saturating_sub(reference_ms).min(cap))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// An HTTP-date in any of the three forms RFC 9110 requires recipients to
/// accept (IMF-fixdate, RFC 850, asctime), as Unix milliseconds.
pub(crate) fn http_date_ms(value: &str) -> Option<u64> {
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut time = None;
    for token in value.split([' ', ',', '-']).filter(|t| !t.is_empty()) {
        let lower = token.to_ascii_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| *m == lower) {
            month = Some(m as u32 + 1);
        } else if token.contains(':') {
            time = Some(clock(token)?);
        } else if token.bytes().all(|b| b.is_ascii_digit()) {
            let n: u32 = token.parse().ok()?;
            match (day, token.len()) {
                (None, 1 | 2) => day = Some(n),
                (Some(_), 2) => year = Some(if n < 70 { 2000 + n } else { 1900 + n }),
                (_, 4) => year = Some(n),
                _ => return None,
            }
        }
    }
    let (day, month, year, secs) = (day?, month?, year?, time?);
    if !(1..=31).contains(&day) || year < 1970 {
        return None;
    }
    let days = days_from_civil(year as i64, month, day);
    Some((days as u64 * 86_400 + secs) * 1000)
}

fn clock(token: &str) -> Option<u64> {
    let mut parts = token.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    (parts.next().is_none() && h < 24 && m < 60 && s < 61).then_some(h * 3600 + m * 60 + s)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_date_forms_agree() {
        let want = Some(784_111_777_000);
        assert_eq!(http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"), want);
        assert_eq!(http_date_ms("Sunday, 06-Nov-94 08:49:37 GMT"), want);
        assert_eq!(http_date_ms("Sun Nov  6 08:49:37 1994"), want);
        assert_eq!(http_date_ms("yesterday"), None);
        assert_eq!(http_date_ms("Sun, 06 Nov 1994 25:49:37 GMT"), None);
    }

    #[test]
    fn seconds_dates_and_caps() {
        assert_eq!(parse_retry_after(Some("7"), None, 0), Some(7_000));
        assert_eq!(
            parse_retry_after(Some("99999999999999999999"), None, 0),
            Some(3_600_000)
        );
        assert_eq!(parse_retry_after(Some("-1"), None, 0), None);
        assert_eq!(parse_retry_after(None, None, 0), None);
        let date = "Sun, 06 Nov 1994 08:49:37 GMT";
        assert_eq!(
            parse_retry_after(Some("Sun, 06 Nov 1994 08:49:47 GMT"), Some(date), 0),
            Some(10_000)
        );
        assert_eq!(parse_retry_after(Some(date), None, 784_111_777_000 + 5_000), Some(0));
    }
}
