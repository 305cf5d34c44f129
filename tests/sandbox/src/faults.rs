//! Fault injection: what can go wrong between an SDK and Alexpay, on demand.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Longest slow-response delay and `Retry-After` accepted.
pub const MAX_DELAY_MS: u64 = 600_000;
pub const MAX_RETRY_AFTER_SECS: u64 = 3_600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Handle the request, then hold the answer back for `delay_ms`.
    Slow,
    /// Answer `status` (5xx, default 500) with an HTML body. With
    /// `after_accept` the payout is created first (and its webhooks sent).
    HttpError,
    /// Answer 429 with `Retry-After: retry_after` seconds; nothing is created.
    RateLimit,
    /// Close the connection without an answer; nothing is created.
    Drop,
    /// Create the payout, then close the connection without an answer.
    DropAfterAccept,
    /// Handle the request (create the payout), then answer 200 with the JSON
    /// body cut off inside the payout id: garbled, unparseable.
    GarbledAfterAccept,
    /// Handle the request (create the payout), then answer 200 with the real
    /// JSON body followed by 64 MiB of JSON whitespace, streamed: valid JSON,
    /// but far over any body cap a client should read.
    HugeAfterAccept,
    /// Create the payout, then answer 200 with an unusual top-level envelope
    /// (see [`Envelope`]) around the usual `data` with the payout id.
    UnusualEnvelope,
}

/// The envelope `unusual_envelope` wraps an accepted payout in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Envelope {
    /// `"status": "error", "code": 429` (and a rate-limit message).
    #[default]
    RateLimited,
    /// `"status": "pending", "code": 0`.
    Pending,
}

impl Envelope {
    pub fn as_str(self) -> &'static str {
        match self {
            Envelope::RateLimited => "rate_limited",
            Envelope::Pending => "pending",
        }
    }
}

/// Which API requests a fault applies to. `/_sandbox/*` is never faulted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Every API request (payouts, status checks, unknown paths).
    #[default]
    Any,
    /// `POST /v1/payment/payouts/process`.
    Payout,
    /// `GET /v1/payment/{id}/check`.
    Status,
}

/// One fault switch, as JSON on `POST /_sandbox/faults` or compactly in
/// `--fault` (see [`FaultSpec::parse`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    pub fault: FaultKind,
    /// How many matching requests it affects; absent: until cleared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Defaults to `payout` for `drop_after_accept`, `garbled_after_accept`
    /// and `unusual_envelope`, `any` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_accept: bool,
    /// For `unusual_envelope`: which one (default `rate_limited`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<Envelope>,
}

impl FaultSpec {
    pub fn new(fault: FaultKind) -> FaultSpec {
        FaultSpec {
            fault,
            count: None,
            route: None,
            delay_ms: None,
            status: None,
            retry_after: None,
            after_accept: false,
            envelope: None,
        }
    }

    pub fn count(mut self, n: u32) -> FaultSpec {
        self.count = Some(n);
        self
    }

    pub fn route(mut self, route: Route) -> FaultSpec {
        self.route = Some(route);
        self
    }

    pub fn route_or_default(&self) -> Route {
        self.route.unwrap_or(match self.fault {
            FaultKind::DropAfterAccept
            | FaultKind::GarbledAfterAccept
            | FaultKind::HugeAfterAccept
            | FaultKind::UnusualEnvelope => Route::Payout,
            _ => Route::Any,
        })
    }

    pub fn validate(&self) -> Result<(), String> {
        if self.count == Some(0) {
            return Err("count must be at least 1 (leave it out for 'until cleared')".into());
        }
        let only = |what: &str, ok: bool| {
            if ok {
                Ok(())
            } else {
                Err(format!("'{what}' does not apply to the {:?} fault", self.fault))
            }
        };
        let kind = self.fault;
        only("delay_ms", self.delay_ms.is_none() || kind == FaultKind::Slow)?;
        only("status", self.status.is_none() || kind == FaultKind::HttpError)?;
        only(
            "retry_after",
            self.retry_after.is_none() || kind == FaultKind::RateLimit,
        )?;
        only("after_accept", !self.after_accept || kind == FaultKind::HttpError)?;
        only(
            "envelope",
            self.envelope.is_none() || kind == FaultKind::UnusualEnvelope,
        )?;
        match kind {
            FaultKind::Slow => match self.delay_ms {
                Some(ms) if ms <= MAX_DELAY_MS => {}
                Some(_) => return Err(format!("delay_ms must be at most {MAX_DELAY_MS}")),
                None => return Err("the slow fault needs delay_ms".into()),
            },
            FaultKind::HttpError => {
                if !(500..=599).contains(&self.status.unwrap_or(500)) {
                    return Err("status must be a 5xx code (500 to 599)".into());
                }
            }
            FaultKind::RateLimit => {
                if self.retry_after.unwrap_or(1) > MAX_RETRY_AFTER_SECS {
                    return Err(format!("retry_after must be at most {MAX_RETRY_AFTER_SECS} seconds"));
                }
            }
            FaultKind::DropAfterAccept => {
                if self.route_or_default() != Route::Payout {
                    return Err("drop_after_accept applies to the payout route only".into());
                }
            }
            FaultKind::UnusualEnvelope => {
                if self.route_or_default() != Route::Payout {
                    return Err("unusual_envelope applies to the payout route only".into());
                }
            }
            FaultKind::Drop | FaultKind::GarbledAfterAccept | FaultKind::HugeAfterAccept => {}
        }
        Ok(())
    }

    /// Parses `--fault`: JSON (`{"fault":"slow","delay_ms":500}`) or the
    /// compact `KIND[=VALUE][,key=value|,flag]...`, for example `slow=500`,
    /// `http_error=503,count=2`, `http_error=500,after_accept`,
    /// `rate_limit=3,route=payout`, `drop`, `drop_after_accept,count=1`,
    /// `garbled_after_accept,count=1`, `unusual_envelope=pending,count=1`.
    pub fn parse(text: &str) -> Result<FaultSpec, String> {
        let text = text.trim();
        let spec: FaultSpec = if text.starts_with('{') {
            serde_json::from_str(text).map_err(|e| format!("bad fault JSON: {e}"))?
        } else {
            let mut parts = text.split(',').map(str::trim);
            let head = parts.next().unwrap_or_default();
            let (kind, value) = match head.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (head, None),
            };
            let mut map = Map::new();
            map.insert("fault".into(), json!(kind));
            if let Some(v) = value {
                let key = match kind {
                    "slow" => "delay_ms",
                    "http_error" => "status",
                    "rate_limit" => "retry_after",
                    "unusual_envelope" => "envelope",
                    _ => return Err(format!("the {kind} fault takes no '=value'")),
                };
                map.insert(key.into(), option_value(key, v)?);
            }
            for part in parts.filter(|p| !p.is_empty()) {
                match part.split_once('=') {
                    Some((k, v)) => map.insert(k.trim().into(), option_value(k.trim(), v.trim())?),
                    None => map.insert(part.into(), json!(true)),
                };
            }
            serde_json::from_value(Value::Object(map)).map_err(|e| format!("bad fault '{text}': {e}"))?
        };
        spec.validate()?;
        Ok(spec)
    }
}

/// A compact option's value: a word for `route` and `envelope`, a whole
/// number for the rest.
fn option_value(key: &str, value: &str) -> Result<Value, String> {
    if matches!(key, "route" | "envelope") {
        return Ok(json!(value));
    }
    value
        .parse::<u64>()
        .map(|n| json!(n))
        .map_err(|_| format!("{key} must be a whole number, got '{value}'"))
}

/// An active fault and how often it fired.
#[derive(Debug, Clone)]
struct Active {
    id: u64,
    spec: FaultSpec,
    remaining: Option<u32>,
    hits: u32,
}

/// What a request must suffer before it is handled.
#[derive(Debug, Default, Clone)]
pub struct Before {
    pub delay_ms: u64,
    pub action: Option<FaultSpec>,
}

/// The active faults, in the order they were added.
#[derive(Debug, Default)]
pub struct FaultBook {
    next_id: u64,
    active: Vec<Active>,
}

fn matches(spec: &FaultSpec, route: Route) -> bool {
    match spec.route_or_default() {
        Route::Any => true,
        r => r == route,
    }
}

impl FaultBook {
    pub fn add(&mut self, spec: FaultSpec) -> u64 {
        self.next_id += 1;
        self.active.push(Active {
            id: self.next_id,
            remaining: spec.count,
            spec,
            hits: 0,
        });
        self.next_id
    }

    pub fn clear(&mut self) {
        self.active.clear();
    }

    pub fn remove(&mut self, id: u64) -> bool {
        let before = self.active.len();
        self.active.retain(|a| a.id != id);
        self.active.len() != before
    }

    fn fire(&mut self, index: usize) -> FaultSpec {
        let spec = self.active[index].spec.clone();
        let entry = &mut self.active[index];
        entry.hits += 1;
        if let Some(n) = entry.remaining.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.active.remove(index);
            }
        }
        spec
    }

    /// Consumes the faults that hit a request on arrival: every matching
    /// `slow` (delays add up), then the first matching refusal (`http_error`
    /// without `after_accept`, `rate_limit`, `drop`).
    pub fn take_before(&mut self, route: Route) -> Before {
        let mut before = Before::default();
        let mut i = 0;
        while i < self.active.len() {
            let spec = &self.active[i].spec;
            if spec.fault == FaultKind::Slow && matches(spec, route) {
                let len = self.active.len();
                before.delay_ms = before.delay_ms.saturating_add(self.fire(i).delay_ms.unwrap_or(0));
                if self.active.len() < len {
                    continue;
                }
            }
            i += 1;
        }
        let refusal = self.active.iter().position(|a| {
            let s = &a.spec;
            matches(s, route)
                && match s.fault {
                    FaultKind::HttpError => !s.after_accept,
                    FaultKind::RateLimit | FaultKind::Drop => true,
                    FaultKind::Slow
                    | FaultKind::DropAfterAccept
                    | FaultKind::GarbledAfterAccept
                    | FaultKind::HugeAfterAccept
                    | FaultKind::UnusualEnvelope => false,
                }
        });
        before.action = refusal.map(|i| self.fire(i));
        before
    }

    /// Consumes the first matching fault that strikes after a request
    /// succeeded (`http_error` with `after_accept`, `drop_after_accept`,
    /// `garbled_after_accept`, `unusual_envelope`).
    pub fn take_after(&mut self, route: Route) -> Option<FaultSpec> {
        let index = self.active.iter().position(|a| {
            let s = &a.spec;
            matches(s, route)
                && match s.fault {
                    FaultKind::HttpError => s.after_accept,
                    FaultKind::DropAfterAccept
                    | FaultKind::GarbledAfterAccept
                    | FaultKind::HugeAfterAccept
                    | FaultKind::UnusualEnvelope => true,
                    _ => false,
                }
        })?;
        Some(self.fire(index))
    }

    pub fn to_json(&self) -> Value {
        let faults: Vec<Value> = self
            .active
            .iter()
            .map(|a| {
                let mut v = serde_json::to_value(&a.spec).unwrap_or(Value::Null);
                if let Some(map) = v.as_object_mut() {
                    map.insert("id".into(), json!(a.id));
                    map.insert("route".into(), json!(a.spec.route_or_default()));
                    map.insert("remaining".into(), json!(a.remaining));
                    map.insert("hits".into(), json!(a.hits));
                }
                v
            })
            .collect();
        json!({ "count": faults.len(), "faults": faults })
    }
}

/// `garbled_after_accept`: the real answer cut off a few characters into its
/// payout id (or its `id`; else halfway), so it is neither valid JSON nor
/// carries a usable id, e.g. `{"code":0,"data":{"amount":120,"payout_id":"1b4e`.
pub fn garble(body: &[u8]) -> Vec<u8> {
    let find = |needle: &[u8]| {
        body.windows(needle.len())
            .position(|w| w == needle)
            .map(|at| at + needle.len())
    };
    let cut = match find(b"\"payout_id\":\"").or_else(|| find(b"\"id\":\"")) {
        Some(value_at) => (value_at + 4).min(body.len().saturating_sub(1)),
        None => body.len() / 2,
    };
    body[..cut].to_vec()
}

/// `unusual_envelope`: the real answer with its top-level `status`, `code`
/// and `message` replaced; `data` (with the payout id) is kept.
pub fn unusual_envelope(body: &[u8], envelope: Envelope) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(body).unwrap_or_else(|_| json!({}));
    if let Some(map) = value.as_object_mut() {
        let (status, code, message) = match envelope {
            Envelope::RateLimited => ("error", 429, "Too many requests; please slow down"),
            Envelope::Pending => ("pending", 0, "Payout is pending"),
        };
        map.insert("status".into(), json!(status));
        map.insert("code".into(), json!(code));
        map.insert("message".into(), json!(message));
    }
    serde_json::to_vec(&value).unwrap_or_default()
}

/// The HTML page a proxy in front of Alexpay would send.
pub fn html_error_page(status: u16) -> String {
    let reason = match status {
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Server Error",
    };
    format!(
        "<!DOCTYPE html>\n<html>\n<head><title>{status} {reason}</title></head>\n<body>\n\
         <center><h1>{status} {reason}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_and_json_forms_agree() {
        let compact = FaultSpec::parse("http_error=503,count=2,route=payout").unwrap();
        let json = FaultSpec::parse(r#"{"fault":"http_error","status":503,"count":2,"route":"payout"}"#).unwrap();
        assert_eq!(compact, json);
        let slow = FaultSpec::parse("slow=250").unwrap();
        assert_eq!(slow.delay_ms, Some(250));
        let after = FaultSpec::parse("http_error=500,after_accept").unwrap();
        assert!(after.after_accept);
        assert_eq!(
            FaultSpec::parse("drop_after_accept").unwrap().route_or_default(),
            Route::Payout
        );
        assert_eq!(FaultSpec::parse("rate_limit=7").unwrap().retry_after, Some(7));
    }

    #[test]
    fn bad_specs_are_refused_with_reasons() {
        for bad in [
            "slow",
            "http_error=404",
            "drop=1",
            "rate_limit=99999",
            "drop_after_accept,route=status",
            "teleport",
            "slow=10,count=0",
            "slow=10,count=x",
            "drop,after_accept",
            "{not json",
        ] {
            assert!(FaultSpec::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn counted_faults_run_out_and_routes_filter() {
        let mut book = FaultBook::default();
        book.add(FaultSpec::parse("http_error=502,count=1,route=status").unwrap());
        book.add(FaultSpec::parse("slow=5,count=2").unwrap());
        let first = book.take_before(Route::Payout);
        assert_eq!(first.delay_ms, 5);
        assert!(first.action.is_none());
        let second = book.take_before(Route::Status);
        assert_eq!(second.delay_ms, 5);
        assert_eq!(second.action.unwrap().status, Some(502));
        let third = book.take_before(Route::Status);
        assert_eq!(third.delay_ms, 0);
        assert!(third.action.is_none());
        assert_eq!(book.to_json()["count"], 0);
    }

    #[test]
    fn garbled_and_unusual_envelope_faults() {
        let garbled = FaultSpec::parse("garbled_after_accept,count=1").unwrap();
        assert_eq!(garbled.route_or_default(), Route::Payout);
        assert_eq!(garbled.count, Some(1));
        let pending = FaultSpec::parse("unusual_envelope=pending,count=2").unwrap();
        assert_eq!(pending.envelope, Some(Envelope::Pending));
        assert_eq!(
            pending,
            FaultSpec::parse(r#"{"fault":"unusual_envelope","envelope":"pending","count":2}"#).unwrap()
        );
        assert_eq!(
            FaultSpec::parse("unusual_envelope,envelope=rate_limited")
                .unwrap()
                .envelope,
            Some(Envelope::RateLimited)
        );
        assert_eq!(FaultSpec::parse("unusual_envelope").unwrap().envelope, None);
        for bad in [
            "unusual_envelope=teapot",
            "unusual_envelope,route=status",
            "garbled_after_accept=1",
            "drop,envelope=pending",
            "garbled_after_accept,envelope=pending",
        ] {
            assert!(FaultSpec::parse(bad).is_err(), "{bad} was accepted");
        }
        let mut book = FaultBook::default();
        book.add(garbled);
        book.add(pending);
        assert!(book.take_before(Route::Payout).action.is_none());
        assert_eq!(
            book.take_after(Route::Payout).unwrap().fault,
            FaultKind::GarbledAfterAccept
        );
        assert_eq!(
            book.take_after(Route::Payout).unwrap().fault,
            FaultKind::UnusualEnvelope
        );
        assert_eq!(
            book.take_after(Route::Payout).unwrap().fault,
            FaultKind::UnusualEnvelope
        );
        assert!(book.take_after(Route::Payout).is_none());
    }

    #[test]
    fn garbled_bodies_are_cut_inside_the_id() {
        let body = br#"{"code":0,"data":{"amount":120,"payout_id":"1b4e28ba-2fa1","status":"processing"}}"#;
        let cut = garble(body);
        assert_eq!(cut, br#"{"code":0,"data":{"amount":120,"payout_id":"1b4e"#.to_vec());
        assert!(serde_json::from_slice::<Value>(&cut).is_err());
        assert_eq!(
            garble(br#"{"data":{"id":"abcdef"}}"#),
            br#"{"data":{"id":"abcd"#.to_vec()
        );
        assert_eq!(garble(b"{}"), b"{".to_vec());
        let wrapped = unusual_envelope(body, Envelope::RateLimited);
        let v: Value = serde_json::from_slice(&wrapped).unwrap();
        assert_eq!((v["status"].clone(), v["code"].clone()), (json!("error"), json!(429)));
        assert_eq!(v["data"]["payout_id"], "1b4e28ba-2fa1");
        let v: Value = serde_json::from_slice(&unusual_envelope(body, Envelope::Pending)).unwrap();
        assert_eq!((v["status"].clone(), v["code"].clone()), (json!("pending"), json!(0)));
    }

    #[test]
    fn after_faults_wait_for_success() {
        let mut book = FaultBook::default();
        book.add(FaultSpec::parse("drop_after_accept,count=1").unwrap());
        assert!(book.take_before(Route::Payout).action.is_none());
        assert!(book.take_after(Route::Status).is_none());
        assert_eq!(
            book.take_after(Route::Payout).unwrap().fault,
            FaultKind::DropAfterAccept
        );
        assert!(book.take_after(Route::Payout).is_none());
    }
}
