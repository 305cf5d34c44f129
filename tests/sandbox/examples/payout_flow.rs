//! End to end in Rust: send payouts with the sans-I/O core and a real HTTP
//! client (hyper), follow the retry policy, poll with the tracker, and print
//! each payout's status flow.
//!
//!     cargo run -p alexpay-sandbox --example payout_flow
//!
//! Without ALEXPAY_BASE_URL it starts a sandbox in-process and sends one
//! payout that succeeds and one that fails. With ALEXPAY_BASE_URL,
//! ALEXPAY_PUBLIC_KEY and ALEXPAY_SECRET_KEY set (a sandbox started with
//! `make sandbox`, or real Alexpay) it sends one payout of ALEXPAY_AMOUNT
//! (default 1) to ALEXPAY_PHONE_NUMBER (default: the merchant's own wallet)
//! in ALEXPAY_COUNTRY_ID (default GH).

use std::time::Duration;

use alexpay_core::{
    parse_payout_response, parse_status_response, retry_decision, Client, ClientConfig, HttpRequest, MobileMoneyPayout,
    Operation, Payout, PayoutTracker, RetryAction, RetryInput, TransportError,
};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

type Http = hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>>;

/// One request's time limit.
const TIMEOUT: Duration = Duration::from_secs(15);
/// Status polls before giving up on a terminal status.
const MAX_POLLS: u32 = 20;

/// Sends one core-built request: (HTTP status, Retry-After, body), or how
/// the transport failed, classified for the retry policy.
async fn send(http: &Http, request: &HttpRequest) -> Result<(u16, Option<u64>, Vec<u8>), TransportError> {
    let mut builder = hyper::Request::builder().method(request.method).uri(&request.url);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let body = Full::new(Bytes::from(request.body.clone().unwrap_or_default()));
    let request = builder.body(body).map_err(|_| TransportError::Connect)?;
    let exchange = async {
        let response = http.request(request).await.map_err(|e| {
            if e.is_connect() {
                TransportError::Connect
            } else {
                TransportError::ConnectionLost
            }
        })?;
        let status = response.status().as_u16();
        let retry_after =
            response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok());
        let body = response.into_body().collect().await.map_err(|_| TransportError::ConnectionLost)?;
        Ok((status, retry_after, body.to_bytes().to_vec()))
    };
    tokio::time::timeout(TIMEOUT, exchange).await.unwrap_or(Err(TransportError::Timeout))
}

/// Sends with the core's retry policy; `Err` says what to do instead.
async fn send_with_policy(http: &Http, operation: Operation, request: &HttpRequest) -> Result<(u16, Vec<u8>), String> {
    let mut attempt = 1;
    loop {
        let (http_status, transport_error, retry_after_secs, body) = match send(http, request).await {
            Ok((status, _, body)) if (200..300).contains(&status) => return Ok((status, body)),
            Ok((status, retry_after, body)) => (Some(status), None, retry_after, body),
            Err(e) => (None, Some(e), None, Vec::new()),
        };
        let decision = retry_decision(&RetryInput {
            operation,
            attempt,
            http_status,
            body: Some(&body),
            transport_error,
            retry_after_secs,
        })
        .map_err(|e| e.to_string())?;
        match decision.action {
            RetryAction::Retry => {
                println!("  attempt {attempt} failed; retrying in {} ms ({})", decision.delay_ms, decision.reason);
                tokio::time::sleep(Duration::from_millis(decision.delay_ms)).await;
                attempt += 1;
            }
            RetryAction::Stop => match http_status {
                // A definite answer: the parser turns it into a typed error.
                Some(status) => return Ok((status, body)),
                None => return Err(decision.reason.to_string()),
            },
            RetryAction::DoNotResend => return Err(format!("do not resend, reconcile: {}", decision.reason)),
        }
    }
}

/// A little jitter for poll delays without a randomness crate.
fn jitter() -> f64 {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    f64::from(nanos % 1000) / 1000.0
}

async fn payout_flow(http: &Http, client: &Client, label: &str, payout: &MobileMoneyPayout) -> Result<(), String> {
    println!(
        "{label}: sending {} to {}",
        payout.amount,
        payout.phone_number.as_deref().unwrap_or("the merchant wallet")
    );
    let request = client.mobile_money_payout(payout).map_err(|e| e.to_string())?;
    let (status, body) = send_with_policy(http, Operation::Payout, &request).await?;
    let accepted: Payout = parse_payout_response(status, &body).map_err(|e| e.to_string())?;
    let mut tracker = PayoutTracker::new(&accepted.payout_id).map_err(|e| e.to_string())?;
    tracker.observe_from(&accepted).map_err(|e| e.to_string())?;
    let mut flow = vec![format!("{} ({})", accepted.status, accepted.raw_status)];
    println!("  payout {} accepted: {}", accepted.payout_id, flow[0]);
    let check = client.status_check(&accepted.payout_id).map_err(|e| e.to_string())?;
    for attempt in 0..MAX_POLLS {
        let Some(delay) = tracker.next_poll_delay_ms(attempt, jitter()).map_err(|e| e.to_string())? else {
            break;
        };
        tokio::time::sleep(Duration::from_millis(delay)).await;
        let (status, body) = send_with_policy(http, Operation::StatusCheck, &check).await?;
        let report = parse_status_response(status, &body).map_err(|e| e.to_string())?;
        if tracker.observe_from(&report).map_err(|e| e.to_string())? == alexpay_core::Observed::Changed {
            flow.push(format!("{} ({})", report.status, report.raw_status));
            println!("  status check after {delay} ms: {}", flow[flow.len() - 1]);
        }
    }
    println!("  flow: {}", flow.join(" -> "));
    if !tracker.is_terminal() {
        println!("  still not final after {MAX_POLLS} polls; check again later or wait for its webhook");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    // Without a base URL, run against an in-process sandbox.
    let (sandbox, base_url, public_key, secret_key) = match env("ALEXPAY_BASE_URL") {
        Some(url) => {
            (None, url, env("ALEXPAY_PUBLIC_KEY").unwrap_or_default(), env("ALEXPAY_SECRET_KEY").unwrap_or_default())
        }
        None => {
            let config = alexpay_sandbox::Config { delay_ms: 1_500, ..Default::default() };
            let sandbox = match alexpay_sandbox::start(config).await {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("cannot start the sandbox: {e}");
                    return std::process::ExitCode::FAILURE;
                }
            };
            println!("started a sandbox at {}", sandbox.url());
            let url = sandbox.url();
            let keys =
                (alexpay_sandbox::DEFAULT_PUBLIC_KEY.to_string(), alexpay_sandbox::DEFAULT_SECRET_KEY.to_string());
            (Some(sandbox), url, keys.0, keys.1)
        }
    };
    let client = match Client::new(ClientConfig {
        public_key,
        secret_key,
        base_url,
        user_agent: Some("alexpay-rust-example/0.1".into()),
        max_body_bytes: None,
    }) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let http: Http = hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http();
    let mut payouts = vec![(
        "payout",
        MobileMoneyPayout {
            amount: env("ALEXPAY_AMOUNT").and_then(|a| a.parse().ok()).unwrap_or(1),
            country_id: env("ALEXPAY_COUNTRY_ID").unwrap_or_else(|| "GH".into()),
            phone_number: env("ALEXPAY_PHONE_NUMBER"),
            narration: Some("alexpay SDK example".into()),
            webhook_url: None,
        },
    )];
    if sandbox.is_some() {
        payouts[0].1.phone_number = Some("0241234561".into());
        payouts.push((
            "failing payout (sandbox magic: a number ending in 9)",
            MobileMoneyPayout {
                amount: 5,
                country_id: "GH".into(),
                phone_number: Some("0241234569".into()),
                narration: None,
                webhook_url: None,
            },
        ));
    }
    let mut ok = true;
    for (label, payout) in &payouts {
        if let Err(why) = payout_flow(&http, &client, label, payout).await {
            println!("  {label}: {why}");
            ok = false;
        }
    }
    if let Some(sandbox) = sandbox {
        sandbox.shutdown().await;
    }
    if ok {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
