//! A deliberately small absolute-URL check (no `url` crate: it would triple
//! the wasm size). We only need: scheme, host, optional port, path; https
//! everywhere, plain http only for loopback hosts.

use std::borrow::Cow;

/// The URL with its scheme lowercased (borrowed when it already is), or why
/// it was refused; the caller turns that into a field error.
pub(crate) fn check_http_url(raw: &str, allow_query: bool) -> Result<Cow<'_, str>, String> {
    // Webhook URLs take the one-pass check; what it does not accept (and
    // every base URL, built once per client) gets the full rule by rule one,
    // which also words the errors.
    if allow_query {
        if let Some(scheme_len) = common_webhook_url(raw) {
            return Ok(lowercase_scheme(raw, scheme_len));
        }
    }
    strict_http_url(raw, allow_query).map(Cow::Owned)
}

fn lowercase_scheme(raw: &str, scheme_len: usize) -> Cow<'_, str> {
    let (scheme, rest) = raw.split_at(scheme_len);
    if scheme.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(format!("{}{rest}", scheme.to_ascii_lowercase()))
    } else {
        Cow::Borrowed(raw)
    }
}

/// One pass over the bytes for the common webhook URL: `https://` (or
/// `http://localhost`), a DNS name whose last label is not numeric, an
/// optional port, then URL characters with well-formed `%XX`. Some(scheme
/// length) only for URLs that [`strict_http_url`] accepts with a query
/// allowed (a property test holds it to that); None sends everything else
/// (IP hosts, credentials, anything refused) to the full check.
fn common_webhook_url(raw: &str) -> Option<usize> {
    let b = raw.as_bytes();
    if b.len() > 2048 {
        return None;
    }
    let scheme_len = if b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"https://") {
        5
    } else if b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"http://") {
        4
    } else {
        return None;
    };
    let rest = &b[scheme_len + 3..];
    let end = rest
        .iter()
        .position(|&c| matches!(c, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = match authority.iter().position(|&c| c == b':') {
        Some(i) => (&authority[..i], Some(&authority[i + 1..])),
        None => (authority, None),
    };
    if host.is_empty() || host.len() > 253 {
        return None;
    }
    let mut last: &[u8] = host;
    for label in host.split(|&c| c == b'.') {
        let ok = matches!(label.len(), 1..=63)
            && label[0] != b'-'
            && label[label.len() - 1] != b'-'
            && label.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-');
        if !ok {
            return None;
        }
        last = label;
    }
    let hex = last.strip_prefix(b"0x").or_else(|| last.strip_prefix(b"0X"));
    if last.iter().all(u8::is_ascii_digit) || hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
        return None; // an IPv4 reading: the full check decides
    }
    if let Some(port) = port {
        if !matches!(port.len(), 1..=5) || !port.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let value = port.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
        if !(1..=65535).contains(&value) {
            return None;
        }
    }
    if scheme_len == 4 && !host.eq_ignore_ascii_case(b"localhost") {
        return None;
    }
    for (i, &c) in tail.iter().enumerate() {
        if !url_byte(c) {
            return None;
        }
        if c == b'%'
            && !tail
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
        {
            return None;
        }
    }
    Some(scheme_len)
}

/// [`url_char`] for one byte.
fn url_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
                | b'?'
                | b'#'
                | b'%'
        )
}

/// Every rule, one at a time, each refusal with its own reason.
fn strict_http_url(raw: &str, allow_query: bool) -> Result<String, String> {
    if raw.is_empty() {
        return Err("is empty".into());
    }
    if raw.len() > 2048 {
        return Err("is longer than 2048 characters".into());
    }
    if raw
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
    {
        return Err(
            "must be plain ASCII with no whitespace or control characters (percent-encode or punycode it)".into(),
        );
    }
    let (scheme, rest) = raw
        .split_once("://")
        .ok_or_else(|| "must be an absolute URL starting with https://".to_string())?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err("must use https://".into());
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err("must not contain user credentials".into());
    }
    let host = host_of(authority)?;
    if scheme == "http" && !is_loopback(host) {
        return Err("must use https:// (plain http:// is allowed only for loopback hosts such as 127.0.0.1, localhost or [::1])".into());
    }
    if !allow_query && (tail.contains('?') || tail.contains('#')) {
        return Err("must not contain a query string or fragment".into());
    }
    check_tail(tail, allow_query)?;
    Ok(format!("{scheme}://{rest}"))
}

/// RFC 3986 characters allowed unescaped in a path, query or fragment.
fn url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?#%".contains(c)
}

/// Path, query and fragment: only URL characters, well-formed `%XX`; a base
/// URL's path also has no empty or dot segments, so built paths never hold
/// `//` and cannot climb out of the base.
fn check_tail(tail: &str, allow_query: bool) -> Result<(), String> {
    if let Some(bad) = tail.chars().find(|&c| !url_char(c)) {
        return Err(format!("contains '{bad}', which must be percent-encoded"));
    }
    let bytes = tail.as_bytes();
    for (i, _) in tail.match_indices('%') {
        let hex = bytes
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        if !hex {
            return Err("has a '%' that is not followed by two hex digits".into());
        }
    }
    if !allow_query {
        let path = tail.trim_end_matches('/');
        if path.split('/').skip(1).any(|seg| seg.is_empty() || dot_segment(seg)) {
            return Err("has an empty or dot path segment ('.', '..', '%2e%2e', '..;' and the like)".into());
        }
    }
    Ok(())
}

/// A segment that fetch and servers read as `.` or `..`: WHATWG decodes
/// `%2e` in dot segments, and Tomcat-style servers drop a `;parameter`.
fn dot_segment(seg: &str) -> bool {
    let name = seg
        .split(';')
        .next()
        .unwrap_or(seg)
        .to_ascii_lowercase()
        .replace("%2e", ".");
    name == "." || name == ".."
}

/// Splits `host[:port]` and checks both parts.
fn host_of(authority: &str) -> Result<&str, String> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let end = v6.find(']').ok_or("has an unterminated IPv6 host")?;
        let after = &v6[end + 1..];
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or("has junk after the IPv6 host")?),
        };
        if !ipv6(&v6[..end]) {
            return Err("has an invalid IPv6 host".into());
        }
        (&authority[..end + 2], port)
    } else {
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        host_name(host)?;
        (host, port)
    };
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.chars().all(|c| c.is_ascii_digit())
            && matches!(port.parse::<u32>(), Ok(1..=65535));
        if !valid {
            return Err("has an invalid port".into());
        }
    }
    Ok(host)
}

/// A DNS name (RFC 1123 labels: 1 to 63 letters, digits and inner hyphens)
/// or a dotted-quad IPv4 address. A name whose last label is numeric is
/// what WHATWG parses as an IPv4 address (`127.1`, `0x7f.0.0.1`, `010.0.0.1`
/// all reach other hosts than they read), so it must be a plain dotted quad.
fn host_name(host: &str) -> Result<(), String> {
    if host.is_empty() {
        return Err("has no host".into());
    }
    let labels: Vec<&str> = host.split('.').collect();
    let last = labels[labels.len() - 1];
    let numeric = |l: &str| {
        let hex = l.strip_prefix("0x").or_else(|| l.strip_prefix("0X"));
        l.chars().all(|c| c.is_ascii_digit()) || hex.is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit()))
    };
    if !last.is_empty() && numeric(last) {
        return if ipv4(host) {
            Ok(())
        } else {
            Err(
                "has a numeric host that is not a dotted-quad IPv4 address (fetch would read it as another address)"
                    .into(),
            )
        };
    }
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if host.len() > 253 || !labels.iter().all(label_ok) {
        return Err("has an invalid host name (labels of 1 to 63 letters, digits and inner hyphens)".into());
    }
    Ok(())
}

/// Four decimal octets 0 to 255 without leading zeros.
fn ipv4(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.iter().all(|o| {
            (1..=3).contains(&o.len())
                && o.chars().all(|c| c.is_ascii_digit())
                && (o.len() == 1 || !o.starts_with('0'))
                && o.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// The `:`-separated groups of one side of a `::` (none when empty).
fn groups_of(s: &str) -> Vec<&str> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(':').collect()
    }
}

/// RFC 4291 text form: eight groups of 1 to 4 hex digits, one `::` standing
/// for one or more zero groups, an IPv4 address in place of the last two.
fn ipv6(text: &str) -> bool {
    let (head, tail, compressed) = match text.split_once("::") {
        Some((h, t)) => (h, t, true),
        None => (text, "", false),
    };
    if tail.contains("::") {
        return false;
    }
    let mut groups = 0;
    let (head, tail) = (groups_of(head), groups_of(tail));
    let count = head.len() + tail.len();
    for (i, g) in head.iter().chain(tail.iter()).enumerate() {
        if i + 1 == count && g.contains('.') {
            if !ipv4(g) {
                return false;
            }
            groups += 2;
        } else if (1..=4).contains(&g.len()) && g.chars().all(|c| c.is_ascii_hexdigit()) {
            groups += 1;
        } else {
            return false;
        }
    }
    if compressed {
        groups < 8
    } else {
        groups == 8
    }
}

/// Loopback only: 127.0.0.0/8, `localhost`, `[::1]`; never a name that merely
/// starts with `localhost`.
pub(crate) fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.chars().all(|c| c.is_ascii_digit())
                && o.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// URL-shaped text built from the pieces each rule looks at: schemes,
    /// credentials, DNS, numeric and IPv6 hosts, ports, paths with good and
    /// bad escapes, queries, fragments, spaces and non-ASCII. Valid pieces
    /// are drawn most often, so about a third of the URLs are accepted.
    fn url_like() -> impl Strategy<Value = String> {
        let scheme = prop_oneof![
            6 => Just("https://"),
            1 => prop::sample::select(vec![
                "HTTPS://", "http://", "HtTp://", "ftp://", "https:/", "", "https://user@", "http://a@",
            ]),
        ];
        let label = prop_oneof![
            12 => "[a-z][a-z0-9-]{0,4}[a-z0-9]|[a-zA-Z0-9]",
            1 => "[a-zA-Z0-9-]{0,5}|0[xX][0-9a-fA-F]{0,3}|[0-9]{1,4}|localhost|LocalHost|\\[::1\\]|[a-z]{63,64}",
        ];
        let host = prop::collection::vec(label, 1..5).prop_map(|l| l.join("."));
        let port = prop_oneof![
            6 => Just(""),
            1 => prop::sample::select(vec![
                ":", ":0", ":1", ":443", ":65535", ":65536", ":99999", ":123456", ":8a", "::1", ":080",
            ]),
        ];
        let piece = prop_oneof![
            30 => prop::sample::select(vec!["/", "hooks", "%2e", "%2E%2e", "?", "#", "a=b", "&", "..", ";", "@", ":", "~"]),
            1 => prop::sample::select(vec!["%zz", "%4", "%", "é", " ", "<", "\"", "{", "[", "\t", "\u{7f}"]),
        ];
        let tail = prop::collection::vec(piece, 0..8).prop_map(|p| p.concat());
        (scheme, host, port, tail).prop_map(|(s, h, p, t)| format!("{s}{h}{p}{t}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]
        #[test]
        fn one_pass_check_agrees_with_the_rule_by_rule_one(url in url_like()) {
            let strict = strict_http_url(&url, true);
            if common_webhook_url(&url).is_some() {
                prop_assert!(strict.is_ok(), "one pass accepted {url:?}: {strict:?}");
            }
            prop_assert_eq!(check_http_url(&url, true).map(Cow::into_owned), strict);
            prop_assert_eq!(check_http_url(&url, false).map(Cow::into_owned), strict_http_url(&url, false));
        }

        #[test]
        fn any_text_gets_the_rule_by_rule_answer(https in any::<bool>(), text in prop::collection::vec(any::<char>(), 0..40)) {
            let url = format!("{}{}", if https { "https://" } else { "" }, String::from_iter(text));
            prop_assert_eq!(check_http_url(&url, true).map(Cow::into_owned), strict_http_url(&url, true));
        }
    }

    #[test]
    fn common_webhook_urls_take_the_one_pass_check() {
        for url in [
            "https://merchant.example/hooks/alexpay",
            "HTTPS://Merchant.Example:8443/a/b?x=%20&y=1#frag",
            "http://localhost:3000/webhook",
            "https://a-b.c1.example",
        ] {
            assert!(common_webhook_url(url).is_some(), "{url}");
        }
        assert!(matches!(
            check_http_url("https://merchant.example/hooks", true),
            Ok(Cow::Borrowed(_))
        ));
        assert_eq!(
            check_http_url("HTTPS://merchant.example/hooks", true).unwrap(),
            "https://merchant.example/hooks"
        );
    }

    #[test]
    fn loopback_names() {
        assert!(is_loopback("127.0.0.1"));
        assert!(is_loopback("127.255.3.4"));
        assert!(is_loopback("LOCALHOST"));
        assert!(is_loopback("[::1]"));
        assert!(!is_loopback("localhost.example.com"));
        assert!(!is_loopback("127.0.0.1.example.com"));
        assert!(!is_loopback("128.0.0.1"));
        assert!(!is_loopback("127.0.0.256"));
    }

    #[test]
    fn scheme_is_lowercased_and_ports_checked() {
        assert_eq!(check_http_url("HTTPS://a.b:443/x", false).unwrap(), "https://a.b:443/x");
        assert!(check_http_url("https://a.b:0", false).is_err());
        assert!(check_http_url("https://a.b:99999", false).is_err());
        assert!(check_http_url("https://[::1", false).is_err());
        assert!(check_http_url("http://[::1]:8080/", false).is_ok());
        assert!(check_http_url("https://a..b", false).is_err());
    }

    #[test]
    fn ipv6_text_forms() {
        for good in [
            "::1",
            "::",
            "1::",
            "2001:db8::1",
            "1:2:3:4:5:6:7:8",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
        ] {
            assert!(ipv6(good), "{good}");
        }
        for bad in [
            "",
            ":",
            "1.2.3.4",
            "1::2::3",
            "1:2:3:4:5:6:7:8:9",
            "12345::",
            "1:2:3:4:5:6:7",
            ":1::",
            "::1.2.3",
            "v1.fe",
            "1:2:3:4:5:6:7:8::",
        ] {
            assert!(!ipv6(bad), "{bad}");
        }
    }

    #[test]
    fn paths_are_strict_for_base_urls() {
        assert_eq!(
            check_http_url("https://a.b/api/v2/", false).unwrap(),
            "https://a.b/api/v2/"
        );
        assert!(check_http_url("https://a.b/api//v2", false).is_err());
        assert!(check_http_url("https://a.b/api/../admin", false).is_err());
        assert!(check_http_url("https://a.b/<x>", false).is_err());
        assert!(check_http_url("https://a.b/%2", false).is_err());
        assert!(check_http_url("https://a.b/hook?x=%20&y=1#f", true).is_ok());
        assert!(check_http_url("https://a.b/hook?x={1}", true).is_err());
    }
}
