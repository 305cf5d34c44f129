//! End to end with a blocking HTTP client: drive the core's sans-I/O
//! `PayoutFlow` with `ureq` (plain http, no async) to a final outcome.
//!
//!     cargo run -p alexpay-sandbox --example payout_blocking
//!
//! It starts a sandbox in-process (it serves on its own tokio threads; this
//! thread only blocks), sends a payout the sandbox lets succeed, follows it,
//! prints the outcome and exits non-zero unless it succeeded.

use std::time::{Duration, Instant};

use ureq::http::Request;

use alexpay_core::TransportError::{Connect, ConnectionLost};
use alexpay_core::{Action, Client, FlowOptions, MobileMoneyPayout, OutcomeKind, Outgoing, PayoutFlow, TransportError};

/// `Connect` tells the flow nothing was sent (so it may resend a payout): only a
/// refused connection or an unknown host is one. Everything else, timeouts
/// included, may have arrived (the flow treats a timeout and a lost connection alike).
fn kind(e: &ureq::Error) -> TransportError {
    match e {
        ureq::Error::HostNotFound => Connect,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => Connect,
        _ => ConnectionLost,
    }
}

type Answer = (u16, Vec<(String, String)>, Vec<u8>);

/// Sends what the flow asked for, once, within its time limit.
fn send(agent: &ureq::Agent, out: &Outgoing) -> Result<Answer, ureq::Error> {
    let r = &out.request;
    let b = r.headers.iter().fold(Request::builder().method(r.method).uri(&r.url), |b, (k, v)| b.header(k, v));
    let request = agent.configure_request(b.body(r.body.clone().unwrap_or_default())?);
    let mut answer = agent.run(request.timeout_global(Some(Duration::from_millis(out.timeout_ms))).build())?;
    let headers = answer.headers().iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string())).collect();
    Ok((answer.status().as_u16(), headers, answer.body_mut().read_to_vec()?))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Runtime::new()?;
    let sandbox = runtime.block_on(alexpay_sandbox::start(Default::default()))?;
    let mut p = MobileMoneyPayout::default();
    (p.amount, p.country_id, p.phone_number) = (100, "GH".into(), Some("0241234561".into()));
    let options = FlowOptions { wait_ms: 30_000, ..Default::default() };
    let mut flow = PayoutFlow::mobile_money(&Client::new(sandbox.client_config())?, &p, options)?;
    // Every HTTP status is an answer for the flow to judge; a 3xx is never followed.
    let agent: ureq::Agent = ureq::Agent::config_builder().max_redirects(0).http_status_as_error(false).build().into();
    let (started, sleep) = (Instant::now(), |ms: u64| std::thread::sleep(Duration::from_millis(ms)));
    let now = || started.elapsed().as_millis() as u64;
    let outcome = loop {
        match flow.next(now()) {
            Action::Send(out) => match send(&agent, &out) {
                Ok((status, headers, body)) => flow.on_response(out.id, now(), status, &headers, &body)?,
                Err(e) => flow.on_transport_error(out.id, now(), kind(&e)),
            },
            Action::Wait { until_ms } => sleep(until_ms.saturating_sub(now())),
            Action::Done(outcome) => break outcome,
        }
    };
    println!("outcome: {} (payout {:?}, error {:?})", outcome.kind.as_str(), outcome.payout_id, outcome.error);
    std::process::exit(i32::from(outcome.kind != OutcomeKind::Succeeded))
}
