//! A deliberately small absolute-URL check (no `url` crate: it would triple
//! the wasm size). We only need: scheme, host, optional port, path; https
//! everywhere, plain http only for loopback hosts.

/// Why a URL was refused; the caller turns it into a field error.
pub(crate) fn check_http_url(raw: &str, allow_query: bool) -> Result<String, String> {
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
        let bad_segment = path
            .split('/')
            .skip(1)
            .any(|seg| seg.is_empty() || seg == "." || seg == "..");
        if bad_segment {
            return Err("has an empty, '.' or '..' path segment".into());
        }
    }
    Ok(())
}

/// Splits `host[:port]` and checks both parts.
fn host_of(authority: &str) -> Result<&str, String> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let end = v6.find(']').ok_or("has an unterminated IPv6 host")?;
        let host = &authority[..end + 2];
        let after = &v6[end + 1..];
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or("has junk after the IPv6 host")?),
        };
        if !v6[..end].chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err("has an invalid IPv6 host".into());
        }
        (host, port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("has no host".into());
    }
    if !host.starts_with('[') {
        let ok = host
            .split('.')
            .all(|label| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        if !ok {
            return Err("has an invalid host name".into());
        }
    }
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
