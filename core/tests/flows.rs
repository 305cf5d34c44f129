//! Replays every flow script in `tests/vectors/flows/*.json` against the core:
//! the reference runner the binding runners will mirror (format:
//! tests/vectors/README.md, "Flow scripts").

use std::path::PathBuf;

use alexpay_core::*;
use serde_json::{json, Value};

const FILES: [&str; 4] = ["payout.json", "follow.json", "webhook.json", "body_cap.json"];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/flows")
}

fn load(file: &str) -> Value {
    let text = std::fs::read_to_string(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn pairs(v: Option<&Value>) -> Vec<(String, String)> {
    v.and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().expect("header").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn client(doc: &Value) -> Client {
    let c = &doc["client"];
    Client::new(ClientConfig {
        public_key: text(c, "public_key").unwrap(),
        secret_key: text(c, "secret_key").unwrap(),
        base_url: text(c, "base_url").unwrap(),
        user_agent: None,
        max_body_bytes: c.get("max_body_bytes").and_then(Value::as_u64),
    })
    .expect("vector client")
}

fn options(input: &Value) -> FlowOptions {
    let o = &input["options"];
    let d = FlowOptions::default();
    FlowOptions {
        request_timeout_ms: o
            .get("request_timeout_ms")
            .and_then(Value::as_u64)
            .unwrap_or(d.request_timeout_ms),
        wait_ms: o.get("wait_ms").and_then(Value::as_u64).unwrap_or(d.wait_ms),
        seed: o.get("seed").and_then(Value::as_u64).unwrap_or(7),
    }
}

/// One flow behind one interface, whatever it returns when done.
trait Flow {
    fn next(&mut self, now: u64) -> Action<Value>;
    fn on_response(
        &mut self,
        id: u64,
        now: u64,
        status: u16,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<(), Error>;
    fn on_transport_error(&mut self, id: u64, now: u64, kind: TransportError);
    fn cancel(&mut self, now: u64);
}

fn map<O>(a: Action<O>, f: impl FnOnce(O) -> Value) -> Action<Value> {
    match a {
        Action::Send(o) => Action::Send(o),
        Action::Wait { until_ms } => Action::Wait { until_ms },
        Action::Done(o) => Action::Done(f(o)),
    }
}

macro_rules! flow_impl {
    ($t:ty, $done:expr) => {
        impl Flow for $t {
            fn next(&mut self, now: u64) -> Action<Value> {
                map(<$t>::next(self, now), $done)
            }
            fn on_response(
                &mut self,
                id: u64,
                now: u64,
                s: u16,
                h: &[(String, String)],
                b: &[u8],
            ) -> Result<(), Error> {
                <$t>::on_response(self, id, now, s, h, b)
            }
            fn on_transport_error(&mut self, id: u64, now: u64, kind: TransportError) {
                <$t>::on_transport_error(self, id, now, kind)
            }
            fn cancel(&mut self, now: u64) {
                <$t>::cancel(self, now)
            }
        }
    };
}

flow_impl!(PayoutFlow, |o| outcome_json(&o));
flow_impl!(FollowFlow, |o| outcome_json(&o));
flow_impl!(WebhookFlow, |o| webhook_json(&o));

fn error_json(e: &Error) -> Value {
    json!({ "code": e.code().as_str(), "field": e.field_name(NameStyle::Snake), "http_status": e.http_status() })
}

fn outcome_json(o: &Outcome) -> Value {
    json!({
        "kind": o.kind.as_str(),
        "payout_id": o.payout_id,
        "report_status": o.report.as_ref().map(|r| r.status.as_str()),
        "message": o.message,
        "error": o.error.as_ref().map(error_json),
        "cause": o.cause.as_ref().map(error_json),
    })
}

fn webhook_json(o: &WebhookOutcome) -> Value {
    let answer = receiver_status(o);
    match o {
        Ok(r) => json!({ "ok": {
            "payout_id": r.payout_id, "status": r.status.as_str(), "raw_status": r.raw_status,
            "event_status": r.event_status.as_ref().map(PayoutStatus::as_str), "stale": r.stale,
            "webhook_id": r.webhook_id,
        }, "receiver_status": answer }),
        Err(e) => json!({ "error": error_json(e), "receiver_status": answer }),
    }
}

/// Builds the flow, or the error its creation gives.
fn create(doc: &Value, input: &Value) -> Result<Box<dyn Flow>, Error> {
    let c = client(doc);
    Ok(match text(input, "flow").as_deref() {
        Some("payout") => {
            let p = &input["payout"];
            let a = &p["args"];
            let amount = a["amount"].as_u64().expect("amount");
            let country_id = text(a, "country_id").unwrap();
            match text(p, "kind").as_deref() {
                Some("bank") => Box::new(PayoutFlow::bank(
                    &c,
                    &BankPayout {
                        amount,
                        country_id,
                        bank_id: text(a, "bank_id").unwrap_or_default(),
                        account_number: text(a, "account_number").unwrap_or_default(),
                        narration: text(a, "narration"),
                        webhook_url: text(a, "webhook_url"),
                    },
                    options(input),
                )?),
                _ => Box::new(PayoutFlow::mobile_money(
                    &c,
                    &MobileMoneyPayout {
                        amount,
                        country_id,
                        phone_number: text(a, "phone_number"),
                        narration: text(a, "narration"),
                        webhook_url: text(a, "webhook_url"),
                    },
                    options(input),
                )?),
            }
        }
        Some("follow") => Box::new(FollowFlow::new(&c, &text(input, "payout_id").unwrap(), options(input))?),
        Some("webhook") => {
            let w = &input["webhook"];
            let o = &input["options"];
            let d = WebhookOptions::default();
            Box::new(WebhookFlow::new(
                &c,
                text(w, "body").unwrap().as_bytes(),
                &pairs(w.get("headers")),
                WebhookOptions {
                    secret: text(w, "secret"),
                    tolerance_secs: w
                        .get("tolerance_secs")
                        .and_then(Value::as_u64)
                        .unwrap_or(d.tolerance_secs),
                    request_timeout_ms: o
                        .get("request_timeout_ms")
                        .and_then(Value::as_u64)
                        .unwrap_or(d.request_timeout_ms),
                    deadline_ms: o.get("deadline_ms").and_then(Value::as_u64).unwrap_or(d.deadline_ms),
                    seed: 7,
                },
            )?)
        }
        other => panic!("unknown flow {other:?}"),
    })
}

fn same(want: &Value, have: &Value) -> bool {
    match (want, have) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        // Expected objects list only the keys that must match.
        (Value::Object(w), Value::Object(h)) => w.iter().all(|(k, v)| same(v, h.get(k).unwrap_or(&Value::Null))),
        _ => want == have,
    }
}

/// Checks one action against a step's `expect`; returns the id of a send.
fn check_action(step: &Value, at: u64, action: &Action<Value>) -> Result<Option<(u64, Outgoing)>, String> {
    let want = &step["expect"];
    match (action, want) {
        (Action::Send(o), _) if want.get("send").is_some() => {
            let op = want["send"].as_str().unwrap();
            if o.operation.as_str() != op {
                return Err(format!("want send {op}, got send {}", o.operation.as_str()));
            }
            if let Some(tail) = want.get("url_ends").and_then(Value::as_str) {
                if !o.request.url.ends_with(tail) {
                    return Err(format!("want url ending {tail}, got {}", o.request.url));
                }
            }
            if let Some(t) = want.get("timeout_ms").and_then(Value::as_u64) {
                if o.timeout_ms != t {
                    return Err(format!("want timeout {t}, got {}", o.timeout_ms));
                }
            }
            Ok(Some((o.id, o.clone())))
        }
        (Action::Wait { until_ms }, _) if want.get("wait").is_some() || want.get("wait_between").is_some() => {
            let waited = until_ms.saturating_sub(at);
            let (lo, hi) = match (want.get("wait"), want.get("wait_between")) {
                (Some(w), _) => (w.as_u64().unwrap(), w.as_u64().unwrap()),
                (_, Some(r)) => (r[0].as_u64().unwrap(), r[1].as_u64().unwrap()),
                _ => unreachable!(),
            };
            (lo..=hi)
                .contains(&waited)
                .then_some(None)
                .ok_or(format!("want a wait of {lo}..={hi} ms, got {waited}"))
        }
        (Action::Done(_), Value::String(s)) if s == "done" => Ok(None),
        (got, _) => Err(format!("want {want}, got {}", describe(got))),
    }
}

fn describe(a: &Action<Value>) -> String {
    match a {
        Action::Send(o) => format!("send {} {}", o.operation.as_str(), o.request.url),
        Action::Wait { until_ms } => format!("wait until {until_ms}"),
        Action::Done(v) => format!("done {v}"),
    }
}

fn reply(flow: &mut dyn Flow, id: u64, now: u64, r: &Value) -> Result<(), Error> {
    if let Some(kind) = text(r, "transport_error") {
        flow.on_transport_error(id, now, TransportError::parse(&kind).expect("transport kind"));
        return Ok(());
    }
    let status = r["http_status"].as_u64().expect("http_status") as u16;
    let body = text(r, "body").unwrap_or_default();
    flow.on_response(id, now, status, &pairs(r.get("headers")), body.as_bytes())
}

/// Runs one case; the result is what the runner compares with `expect`.
fn run_case(doc: &Value, case: &Value) -> Result<(), String> {
    let input = &case["input"];
    let expect = &case["expect"];
    let mut flow = match create(doc, input) {
        Ok(flow) => flow,
        Err(e) => {
            return match expect.get("create_error") {
                Some(want) if same(want, &error_json(&e)) => Ok(()),
                _ => Err(format!("creation failed: {e} ({})", error_json(&e))),
            }
        }
    };
    let mut now = 0u64;
    let mut payout_sends = 0u64;
    let mut ids: Vec<u64> = Vec::new();
    for (i, step) in input["steps"].as_array().expect("steps").iter().enumerate() {
        let at = match step.get("at") {
            Some(Value::Number(n)) => n.as_u64().unwrap(),
            _ => now,
        };
        now = at;
        if step.get("cancel").is_some() {
            flow.cancel(at);
            continue;
        }
        if let Some(r) = step.get("late_reply") {
            // An answer for an earlier request: must be ignored.
            let old = *ids.first().expect("an earlier request");
            reply(flow.as_mut(), old, at, r).map_err(|e| format!("step {i}: {e}"))?;
            continue;
        }
        let action = flow.next(at);
        let sent = check_action(step, at, &action).map_err(|m| format!("step {i}: {m}"))?;
        if let Action::Wait { until_ms } = action {
            now = until_ms;
        }
        if let Some((id, o)) = sent {
            ids.push(id);
            if o.operation == Operation::Payout {
                payout_sends += 1;
            }
            if let Some(r) = step.get("reply") {
                let when = step.get("reply_at").and_then(Value::as_u64).unwrap_or(at);
                now = when;
                match (reply(flow.as_mut(), id, when, r), step.get("reply_error")) {
                    (Ok(()), None) => {}
                    (Err(e), Some(want)) if same(want, &error_json(&e)) => {}
                    (got, _) => return Err(format!("step {i}: reply gave {got:?}")),
                }
            }
        }
    }
    let Action::Done(got) = flow.next(now) else {
        return Err(format!("not done after the steps: {}", describe(&flow.next(now))));
    };
    if let Some(n) = expect.get("payout_requests").and_then(Value::as_u64) {
        if n != payout_sends {
            return Err(format!("want {n} payout request(s), sent {payout_sends}"));
        }
    }
    let want = &expect["outcome"];
    same(want, &got)
        .then_some(())
        .ok_or(format!("want outcome {want}\n   got {got}"))
}

fn run_file(file: &str) -> usize {
    let doc = load(file);
    let cases = doc["cases"].as_array().expect("cases");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            run_case(&doc, c)
                .err()
                .map(|m| format!("{file} / {}:\n   {m}", c["name"]))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} flow cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn payout_flows() {
    run_file("payout.json");
}

#[test]
fn follow_flows() {
    run_file("follow.json");
}

#[test]
fn webhook_flows() {
    run_file("webhook.json");
}

#[test]
fn body_cap_flows() {
    run_file("body_cap.json");
}

/// Every flow file has a runner here, and there are at least 60 cases.
#[test]
fn every_flow_file_is_run_and_counted() {
    let mut on_disk: Vec<String> = std::fs::read_dir(dir())
        .expect("flows dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut known: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    known.sort();
    assert_eq!(
        on_disk, known,
        "a flow file without a runner, or a runner without a file"
    );
    let total: usize = FILES
        .iter()
        .map(|f| load(f)["cases"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(total >= 60, "only {total} flow cases");
}
