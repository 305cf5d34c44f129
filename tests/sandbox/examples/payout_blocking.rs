//! End to end with a blocking HTTP client: drive the core's sans-I/O
//! `PayoutFlow` with `ureq` (plain http, no async) to a final outcome.
//!
//!     cargo run -p alexpay-sandbox --example payout_blocking
//!
//! It starts a sandbox in-process (it serves on its own tokio threads; this
//! thread only blocks), sends a payout that the sandbox lets succeed, follows
//! it, prints the outcome and exits non-zero unless it succeeded.

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use alexpay_core::TransportError::{self, Connect, ConnectionLost, Timeout};
use alexpay_core::{Action, Client, FlowOptions, MobileMoneyPayout, OutcomeKind, Outgoing, PayoutFlow};
use ureq::http::{HeaderName, HeaderValue, Request};

/// `Connect` means "nothing was sent" and lets the flow resend a payout, so
/// only a refused connection or a failed name lookup (ureq's `HostNotFound`,
/// or std's getaddrinfo error, which has no ErrorKind of its own) is one.
/// ureq reports every timeout as `Timeout`; anything else is `ConnectionLost`.
fn transport_error(error: ureq::Error) -> TransportError {
    match error {
        ureq::Error::HostNotFound => Connect,
        ureq::Error::Io(e) if e.kind() == ErrorKind::ConnectionRefused => Connect,
        ureq::Error::Io(e) if e.to_string().starts_with("failed to lookup address") => Connect,
        ureq::Error::Timeout(_) => Timeout,
        _ => ConnectionLost,
    }
}

/// An HTTP answer for the flow: status, headers, body.
type Answer = (u16, Vec<(String, String)>, Vec<u8>);

/// Sends one request the flow asked for, within its time limit.
fn send(agent: &ureq::Agent, out: &Outgoing) -> Result<Answer, ureq::Error> {
    let r = &out.request;
    let builder = Request::builder().method(r.method).uri(&r.url);
    let builder = r.headers.iter().fold(builder, |b, (k, v)| b.header(k, v));
    let request = builder.body(r.body.clone().unwrap_or_default())?;
    let timeout = Some(Duration::from_millis(out.timeout_ms));
    let mut response = agent.run(agent.configure_request(request).timeout_global(timeout).build())?;
    let pair = |(k, v): (&HeaderName, &HeaderValue)| (k.to_string(), v.to_str().unwrap_or("").to_string());
    let headers = response.headers().iter().map(pair).collect();
    Ok((response.status().as_u16(), headers, response.body_mut().read_to_vec()?))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Runtime::new()?;
    let sandbox = runtime.block_on(alexpay_sandbox::start(Default::default()))?;
    // Sandbox magic: a number not ending in 7, 8 or 9 succeeds (after 2 s).
    let payout = MobileMoneyPayout {
        amount: 100,
        country_id: "GH".into(),
        phone_number: Some("0241234561".into()),
        ..Default::default()
    };
    let options = FlowOptions {
        wait_ms: 30_000,
        ..Default::default()
    };
    let mut flow = PayoutFlow::mobile_money(&Client::new(sandbox.client_config())?, &payout, options)?;
    // Every HTTP status is an answer for the flow to judge; a 3xx is not followed.
    let config = ureq::Agent::config_builder().max_redirects(0);
    let agent: ureq::Agent = config.http_status_as_error(false).build().into();
    let started = Instant::now();
    let now = || started.elapsed().as_millis() as u64;
    let outcome = loop {
        match flow.next(now()) {
            Action::Send(out) => match send(&agent, &out) {
                Ok((status, headers, body)) => flow.on_response(out.id, now(), status, &headers, &body)?,
                Err(e) => flow.on_transport_error(out.id, now(), transport_error(e)),
            },
            Action::Wait { until_ms } => std::thread::sleep(Duration::from_millis(until_ms.saturating_sub(now()))),
            Action::Done(outcome) => break outcome,
        }
    };
    let (kind, id, error) = (outcome.kind.as_str(), &outcome.payout_id, &outcome.error);
    println!("outcome: {kind} (payout {id:?}, error {error:?})");
    std::process::exit(i32::from(outcome.kind != OutcomeKind::Succeeded))
}
