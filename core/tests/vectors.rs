//! Runs every shared vector in `tests/vectors/*.json` against the core: the
//! reference runner the Python, Node and wasm runners mirror.

use std::path::PathBuf;

use alexpay_core::*;
use base64::Engine;
use serde_json::{json, Map, Value};

const FILES: [&str; 11] = [
    "client_config.json",
    "payout_requests.json",
    "status_check_requests.json",
    "payout_responses.json",
    "status_responses.json",
    "webhooks.json",
    "webhook_signatures.json",
    "webhook_confirmations.json",
    "statuses.json",
    "tracker.json",
    "retry.json",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn load(file: &str) -> Value {
    let text = std::fs::read_to_string(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The first `{ "utf16": [...] }` text in `v` (a lone surrogate JSON cannot
/// carry), handed to the core's rule as a binding would hand it over.
fn utf16_text(v: &Value) -> Option<Result<String, Error>> {
    let (key, units) = v.as_object()?.iter().find_map(|(k, x)| {
        let units = x.get("utf16")?.as_array()?;
        Some((
            k,
            units
                .iter()
                .map(|u| u.as_u64().expect("code unit") as u16)
                .collect::<Vec<_>>(),
        ))
    })?;
    let field = Field::from_snake(key).unwrap_or_else(|| panic!("no field {key}"));
    Some(text_from_utf16(&units, field))
}

/// A JSON integer as a binding hands it to the core (Python ints of any size).
fn whole<T: WholeArg>(v: &Value, field: Field) -> Result<T, Error> {
    let n = v.as_i64().map(i128::from).or_else(|| v.as_u64().map(i128::from));
    let n = n.unwrap_or_else(|| {
        if v.as_f64().expect("number") < 0.0 {
            i128::MIN
        } else {
            i128::MAX
        }
    });
    whole_from_i128(n, field)
}

fn s(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("vector lacks string {key}"))
        .to_string()
}

fn opt(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn body(v: &Value) -> Vec<u8> {
    match (v.get("body"), v.get("body_base64")) {
        (Some(Value::String(t)), _) => t.clone().into_bytes(),
        (_, Some(Value::String(b))) => base64::engine::general_purpose::STANDARD
            .decode(b)
            .expect("body_base64"),
        _ => panic!("vector lacks body"),
    }
}

fn error_json(e: &Error) -> Value {
    json!({
        "code": e.code().as_str(),
        "field": e.field_name(NameStyle::Snake),
        "http_status": e.http_status(),
        "retryable": e.retryable(),
        "api_code": e.api_code(),
        "api_message": e.api_message(),
    })
}

fn num(n: Option<f64>) -> Value {
    n.map_or(Value::Null, |n| json!(n))
}

/// Compares an outcome with `expect`: `ok` values exactly (numbers by value),
/// `error` on the keys the vector lists.
fn check(expect: &Value, got: Result<Value, Error>) -> Result<(), String> {
    match (expect.get("ok"), expect.get("error"), got) {
        (Some(want), _, Ok(have)) => same(want, &have)
            .then_some(())
            .ok_or(format!("want {want}\n   got {have}")),
        (_, Some(want), Err(e)) => {
            let have = error_json(&e);
            let wrong: Vec<_> = want
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, v)| !same(v, &have[k.as_str()]))
                .collect();
            wrong
                .is_empty()
                .then_some(())
                .ok_or(format!("want error {want}\n   got {have} ({e})"))
        }
        (Some(want), _, Err(e)) => Err(format!("want {want}\n   got error {} ({e})", error_json(&e))),
        (None, None, _) => Err(format!("vector has neither ok nor error: {expect}")),
        (_, _, Ok(have)) => Err(format!("want error {}\n   got {have}", expect["error"])),
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w)),
        _ => a == b,
    }
}

fn client(cfg: &Value) -> Result<Client, Error> {
    if let Some(text) = utf16_text(cfg) {
        text?;
    }
    Client::new(ClientConfig {
        public_key: s(cfg, "public_key"),
        secret_key: s(cfg, "secret_key"),
        base_url: s(cfg, "base_url"),
        user_agent: opt(cfg, "user_agent"),
        max_body_bytes: cfg.get("max_body_bytes").map(max_body_bytes).transpose()?,
    })
}

/// Routed like `amount`: through the whole-number rule a binding uses.
fn max_body_bytes(v: &Value) -> Result<u64, Error> {
    match (v.as_u64(), v.as_i64()) {
        (Some(n), _) => Ok(n),
        (None, Some(n)) => whole_from_i128(n.into(), Field::MaxBodyBytes),
        _ => whole_from_f64(v.as_f64().expect("numeric max_body_bytes"), Field::MaxBodyBytes),
    }
}

/// Amounts arrive as JSON integers of any size; route them the way a binding
/// would (Python ints via i128, anything wider via f64).
fn amount(v: &Value) -> Result<u64, Error> {
    if let Some(n) = v.as_u64() {
        amount_from_i128(n.into())
    } else if let Some(n) = v.as_i64() {
        amount_from_i128(n.into())
    } else {
        amount_from_f64(v.as_f64().expect("numeric amount"))
    }
}

fn request_json(r: HttpRequest) -> Value {
    let headers: Map<String, Value> = r
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let body = r
        .body
        .clone()
        .map(|b| Value::String(String::from_utf8(b).expect("utf-8 body")));
    json!({ "method": r.method, "url": r.url, "headers": headers, "body": body })
}

fn run_client_config(input: &Value) -> Result<Value, Error> {
    let c = client(input)?;
    Ok(json!({ "base_url": c.base_url(), "user_agent": c.user_agent(), "max_body_bytes": c.max_body_bytes() }))
}

fn run_payout_request(file: &Value, input: &Value) -> Result<Value, Error> {
    let c = client(input.get("client").unwrap_or(&file["client"])).expect("vector client is valid");
    let a = &input["args"];
    if let Some(text) = utf16_text(a) {
        text?;
    }
    let text = |k: &str| opt(a, k);
    let request = match s(input, "kind").as_str() {
        "mobile_money" => c.mobile_money_payout(&MobileMoneyPayout {
            amount: amount(&a["amount"])?,
            country_id: s(a, "country_id"),
            phone_number: text("phone_number"),
            narration: text("narration"),
            webhook_url: text("webhook_url"),
        }),
        "bank" => c.bank_payout(&BankPayout {
            amount: amount(&a["amount"])?,
            country_id: s(a, "country_id"),
            bank_id: text("bank_id").unwrap_or_default(),
            account_number: text("account_number").unwrap_or_default(),
            narration: text("narration"),
            webhook_url: text("webhook_url"),
        }),
        other => panic!("unknown kind {other}"),
    };
    request.map(request_json)
}

fn run_status_check(file: &Value, input: &Value) -> Result<Value, Error> {
    let c = client(input.get("client").unwrap_or(&file["client"])).expect("vector client is valid");
    if let Some(text) = utf16_text(input) {
        text?;
    }
    c.status_check(&s(input, "payout_id")).map(request_json)
}

fn payout_json(p: Payout) -> Value {
    json!({ "payout_id": p.payout_id, "amount": num(p.amount), "status": p.status.as_str(),
            "raw_status": p.raw_status, "message": p.message })
}

fn status_response(input: &Value) -> Result<StatusReport, Error> {
    parse_status_response(whole(&input["http_status"], Field::HttpStatus)?, &body(input))
}

fn report_json(r: StatusReport) -> Value {
    json!({
        "id": r.id, "reference": r.reference, "amount": num(r.amount), "charge": num(r.charge),
        "currency": r.currency, "status": r.status.as_str(), "raw_status": r.raw_status,
        "environment": r.environment, "type": r.payout_type, "method": r.method, "operator": r.operator,
        "narration": r.narration, "is_disbursed": r.is_disbursed, "created_at": r.created_at, "updated_at": r.updated_at,
    })
}

fn run_webhook(input: &Value) -> Result<Value, Error> {
    let raw = body(input);
    let e = parse_webhook(&raw)?;
    assert_eq!(
        e.raw.as_bytes(),
        raw.as_slice(),
        "event.raw must be the body as received"
    );
    Ok(
        json!({ "payout_id": e.payout_id, "reference": e.reference, "status": e.status.as_str(),
               "raw_status": e.raw_status, "amount": num(e.amount) }),
    )
}

fn run_signature(input: &Value) -> Result<Value, Error> {
    if let Some(text) = utf16_text(input) {
        text?;
    }
    let headers: Vec<(String, String)> = match input.get("header_pairs") {
        Some(pairs) => pairs
            .as_array()
            .expect("header_pairs")
            .iter()
            .map(|p| {
                (
                    p[0].as_str().expect("name").to_string(),
                    p[1].as_str().expect("value").to_string(),
                )
            })
            .collect(),
        None => input["headers"]
            .as_object()
            .expect("headers")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().expect("header value").to_string()))
            .collect(),
    };
    let tolerance = match input.get("tolerance_secs") {
        Some(t) => whole(t, Field::ToleranceSecs)?,
        None => DEFAULT_TOLERANCE_SECS,
    };
    let now = whole(&input["now"], Field::Now)?;
    verify_webhook_signature(
        &s(input, "secret"),
        &headers,
        s(input, "body").as_bytes(),
        now,
        tolerance,
    )?;
    Ok(Value::Null)
}

fn run_confirmation(input: &Value) -> Result<Value, Error> {
    let event = parse_webhook(s(input, "webhook_body").as_bytes()).expect("vector webhook parses");
    let report = status_response(&input["status_response"]).expect("vector report parses");
    let c = confirm_webhook(&event, &report)?;
    Ok(
        json!({ "payout_id": c.payout_id, "status": c.status.as_str(), "raw_status": c.raw_status, "amount": num(c.amount),
                "event_status": c.event_status.as_ref().map(PayoutStatus::as_str), "stale": c.stale }),
    )
}

fn run_status(input: &Value) -> Result<Value, Error> {
    let status = PayoutStatus::from_raw(&s(input, "raw"));
    Ok(json!({ "status": status.as_str(), "is_terminal": status.is_terminal() }))
}

fn observe(t: &mut PayoutTracker, obs: &Value) -> Result<Observed, Error> {
    let (kind, v) = obs.as_object().and_then(|o| o.iter().next()).expect("one observation");
    match kind.as_str() {
        "status" => t.observe(v.as_str().expect("raw status"), &[]),
        "webhook" => t.observe_from(&parse_webhook(v.as_str().expect("body").as_bytes()).expect("webhook parses")),
        "status_response" => t.observe_from(&status_response(v).expect("report parses")),
        "payout_response" => {
            let p = parse_payout_response(v["http_status"].as_u64().expect("status") as u16, &body(v));
            t.observe_from(&p.expect("payout parses"))
        }
        other => panic!("unknown observation {other}"),
    }
}

fn run_tracker(input: &Value) -> Result<Value, Error> {
    let mut t = PayoutTracker::new(&s(input, "payout_id"))?;
    for (i, step) in input["steps"].as_array().expect("steps").iter().enumerate() {
        let got = observe(&mut t, &step["observe"]).map(|o| json!(o.as_str()));
        let expect = match &step["expect"] {
            Value::String(_) => json!({ "ok": step["expect"] }),
            other => other.clone(),
        };
        check(&expect, got).map_err(|m| panic!("step {i}: {m}")).ok();
        if let Some(after) = step.get("status_after") {
            assert_eq!(after.as_str(), Some(t.status().as_str()), "step {i}: status after");
        }
    }
    for poll in input["polls"].as_array().expect("polls") {
        let got = whole(&poll["attempt"], Field::Attempt)
            .and_then(|attempt| t.next_poll_delay_ms(attempt, poll["jitter"].as_f64().expect("jitter")))
            .map(|d| json!(d));
        let expect = match &poll["expect"] {
            Value::Object(o) if o.contains_key("error") => poll["expect"].clone(),
            other => json!({ "ok": other }),
        };
        check(&expect, got).map_err(|m| panic!("poll {poll}: {m}")).ok();
    }
    Ok(json!({ "status": t.status().as_str(), "raw_status": t.raw_status(), "is_terminal": t.is_terminal() }))
}

fn run_retry(input: &Value) -> Result<Value, Error> {
    let operation = Operation::parse(&s(input, "operation"))?;
    let transport_error = opt(input, "transport_error")
        .map(|t| TransportError::parse(&t))
        .transpose()?;
    let body = input.get("body").map(|_| body(input));
    let d = retry_decision(&RetryInput {
        operation,
        attempt: whole(&input["attempt"], Field::Attempt)?,
        http_status: input
            .get("http_status")
            .map(|n| whole(n, Field::HttpStatus))
            .transpose()?,
        body: body.as_deref(),
        transport_error,
        retry_after_secs: input
            .get("retry_after_secs")
            .map(|n| whole(n, Field::RetryAfterSecs))
            .transpose()?,
    })?;
    Ok(json!({ "action": d.action.as_str(), "delay_ms": d.delay_ms }))
}

fn run_file(file: &str) -> usize {
    let doc = load(file);
    let cases = doc["cases"].as_array().expect("cases");
    let mut failures = Vec::new();
    for case in cases {
        let input = &case["input"];
        let got = match file {
            "client_config.json" => run_client_config(input),
            "payout_requests.json" => run_payout_request(&doc, input),
            "status_check_requests.json" => run_status_check(&doc, input),
            "payout_responses.json" => whole(&input["http_status"], Field::HttpStatus)
                .and_then(|status| parse_payout_response(status, &body(input)))
                .map(payout_json),
            "status_responses.json" => status_response(input).map(report_json),
            "webhooks.json" => run_webhook(input),
            "webhook_signatures.json" => run_signature(input),
            "webhook_confirmations.json" => run_confirmation(input),
            "statuses.json" => run_status(input),
            "tracker.json" => run_tracker(input),
            "retry.json" => run_retry(input),
            other => panic!("no runner for {other}"),
        };
        if let Err(m) = check(&case["expect"], got) {
            failures.push(format!("{file} / {}:\n   {m}", case["name"]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

macro_rules! vector_tests {
    ($($test:ident => $file:literal;)*) => { $( #[test] fn $test() { run_file($file); } )* };
}

vector_tests! {
    client_config => "client_config.json";
    payout_requests => "payout_requests.json";
    status_check_requests => "status_check_requests.json";
    payout_responses => "payout_responses.json";
    status_responses => "status_responses.json";
    webhooks => "webhooks.json";
    webhook_signatures => "webhook_signatures.json";
    webhook_confirmations => "webhook_confirmations.json";
    statuses => "statuses.json";
    tracker => "tracker.json";
    retry => "retry.json";
}

/// Every vector file has a runner here, and there are enough of them.
#[test]
fn every_file_is_run_and_counted() {
    let mut on_disk: Vec<String> = std::fs::read_dir(dir())
        .expect("vectors dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut known: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    known.sort();
    assert_eq!(
        on_disk, known,
        "a vector file without a runner, or a runner without a file"
    );
    let total: usize = FILES
        .iter()
        .map(|f| load(f)["cases"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(total >= 80, "only {total} vectors");
}
