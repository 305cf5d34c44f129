//! The sandbox survives its users: idle connections, an unread stderr, a
//! client that aborts mid-body, cross-site and DNS-rebound control requests,
//! and a payout whose webhook_url is the sandbox itself. Every wait is
//! bounded; all traffic stays on loopback.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::{Duration, Instant};

use alexpay_core::{parse_payout_response, MobileMoneyPayout};
use alexpay_sandbox::Config;
use common::*;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_alexpay-sandbox");

/// The binary, stopped when dropped.
struct Running {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary under `ulimit -n 1024` (the usual default, which 1,100
/// connections would exhaust) with stderr as given; reads its URL line.
fn spawn(stderr: Stdio, args: &[&str]) -> Running {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 1024 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(["--port", "0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).expect("a first line");
    let url = first
        .trim()
        .strip_prefix("ALEXPAY_SANDBOX_URL=http://")
        .expect("the URL line");
    let addr = url.parse().expect("an address");
    Running { child, addr }
}

/// One HTTP/1.1 exchange on `stream`: the status and the body.
fn exchange(stream: &mut TcpStream, request: &str) -> std::io::Result<(u16, Vec<u8>)> {
    stream.write_all(request.as_bytes())?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((status, body))
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    stream
}

const HEALTH: &str = "GET /_sandbox/health HTTP/1.1\r\nhost: localhost\r\n\r\n";

fn health(addr: SocketAddr) -> Value {
    let (status, body) = exchange(&mut connect(addr), HEALTH).expect("health answers");
    assert_eq!(status, 200);
    serde_json::from_slice(&body).expect("JSON")
}

fn open_fds(child: &Child) -> usize {
    std::fs::read_dir(format!("/proc/{}/fd", child.id())).map_or(0, |d| d.count())
}

#[test]
fn idle_connections_cannot_exhaust_file_descriptors() {
    let sandbox = spawn(Stdio::null(), &[]);
    let started = Instant::now();
    // Headers and one body byte, then nothing: 1,100 of them.
    let stalled = "POST /v1/payment/payouts/process HTTP/1.1\r\nhost: localhost\r\npublic-key: pk_test_sandbox\r\n\
                   secret-key: sk_test_sandbox\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{";
    let mut idle = Vec::new();
    let mut failures = Vec::new();
    for _ in 0..1_100 {
        let connected = TcpStream::connect_timeout(&sandbox.addr, Duration::from_secs(2));
        match connected {
            Ok(mut stream) => match stream.write_all(stalled.as_bytes()) {
                Ok(()) => idle.push(stream),
                Err(e) => failures.push(format!("write: {e}")),
            },
            Err(e) => failures.push(format!("connect: {e}")),
        }
    }
    failures.dedup();
    assert!(
        idle.len() >= 1_000,
        "only {} connections could be opened: {failures:?}",
        idle.len()
    );
    // Still serving, well within the body timeout of the stalled ones.
    for _ in 0..3 {
        let at = Instant::now();
        let h = health(sandbox.addr);
        assert!(at.elapsed() < Duration::from_secs(2), "health took {:?}", at.elapsed());
        assert!(h["connections"].as_u64().unwrap() <= h["max_connections"].as_u64().unwrap());
    }
    let fds = open_fds(&sandbox.child);
    assert!(fds < 256 + 64, "{fds} file descriptors open");
    // A payout goes through too.
    let payout = r#"{"amount":5,"countryId":"GH","transfer_to":"mobile_number"}"#;
    let request = format!(
        "POST /v1/payment/payouts/process HTTP/1.1\r\nhost: localhost\r\npublic-key: pk_test_sandbox\r\n\
         secret-key: sk_test_sandbox\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{payout}",
        payout.len()
    );
    let (status, body) = exchange(&mut connect(sandbox.addr), &request).expect("the payout answers");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert!(parse_payout_response(status, &body).is_ok());
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn an_unread_stderr_pipe_never_stops_serving() {
    let mut sandbox = spawn(Stdio::piped(), &[]);
    // Held open and never read: the pipe fills after ~64 KiB of log.
    let _unread: ChildStderr = sandbox.child.stderr.take().expect("stderr");
    let mut stream = connect(sandbox.addr);
    // ~45 bytes of log each: 4,000 requests are ~180 KB, far past the pipe
    // and the log queue.
    for i in 0..4_000 {
        let (status, body) = exchange(&mut stream, HEALTH).unwrap_or_else(|e| panic!("request {i}: {e}"));
        assert_eq!(status, 200, "request {i}: {}", String::from_utf8_lossy(&body));
    }
    let h = health(sandbox.addr);
    assert!(h["log_lines_dropped"].as_u64().unwrap() > 0, "{h}");
    // Shutting down does not wait on stderr either.
    let pid = sandbox.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let at = Instant::now();
    while sandbox.child.try_wait().unwrap().is_none() {
        assert!(
            at.elapsed() < PATIENCE,
            "the sandbox did not stop with its stderr unread"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_client_that_aborts_mid_body_gets_400_and_an_honest_log_line() {
    let mut sandbox = spawn(Stdio::piped(), &[]);
    let stderr = BufReader::new(sandbox.child.stderr.take().expect("stderr"));
    let mut stream = connect(sandbox.addr);
    let head = "POST /v1/payment/payouts/process HTTP/1.1\r\nhost: localhost\r\n\
                content-type: application/json\r\ncontent-length: 100\r\n\r\n{\"amount\":";
    stream.write_all(head.as_bytes()).expect("sent");
    stream.shutdown(Shutdown::Write).expect("half-closed");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 400"), "{answer}");
    let line = stderr
        .lines()
        .map_while(Result::ok)
        .find(|l| l.contains("mid-body") || l.contains("-> 413"))
        .expect("a log line");
    assert!(line.contains("stopped sending mid-body after 10 bytes"), "{line}");
}

#[tokio::test]
async fn a_body_that_never_arrives_times_out() {
    let sandbox = start(Config {
        body_timeout_ms: 300,
        ..fast_config()
    })
    .await;
    let addr = sandbox.addr();
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = connect(addr);
        let head = "POST /v1/payment/payouts/process HTTP/1.1\r\nhost: localhost\r\n\
                    content-type: application/json\r\ncontent-length: 100\r\n\r\n{";
        let at = Instant::now();
        let answer = exchange(&mut stream, head).expect("an answer");
        (answer, at.elapsed())
    })
    .await
    .unwrap();
    let ((status, _), took) = answer;
    assert_eq!(status, 408);
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(5),
        "{took:?}"
    );
}

#[tokio::test]
async fn control_endpoints_refuse_other_sites_and_rebound_names() {
    let sandbox = sandbox().await;
    let faults = format!("{}/_sandbox/faults", sandbox.url());
    let fault = br#"{"fault":"http_error","status":503}"#.to_vec();
    // A cross-site form-style POST (text/plain needs no preflight).
    for (name, value) in [
        ("origin", "http://evil.example"),
        ("origin", "null"),
        ("origin", "http://localhost.evil.example:8089"),
        ("host", "evil.example"),
        ("host", &format!("rebound.example:{}", sandbox.addr().port())),
    ] {
        let headers = [("content-type", "text/plain"), (name, value)];
        let answer = raw("POST", &faults, &headers, Some(fault.clone()), PATIENCE)
            .await
            .expect("answers");
        assert_eq!(answer.status, 403, "{name}: {value}");
        let answer = raw(
            "GET",
            &format!("{}/_sandbox/ledger", sandbox.url()),
            &[(name, value)],
            None,
            PATIENCE,
        )
        .await
        .expect("answers");
        assert_eq!(answer.status, 403, "{name}: {value}");
    }
    assert_eq!(get_json(&faults).await["faults"].as_array().map(Vec::len), Some(0));
    // Local callers, with or without an Origin, still drive it.
    for headers in [
        &[][..],
        &[("origin", "http://localhost:3000")],
        &[("origin", "http://127.0.0.1:5173")],
    ] {
        let answer = raw("POST", &faults, headers, Some(fault.clone()), PATIENCE)
            .await
            .expect("answers");
        assert_eq!(answer.status, 201, "{headers:?}");
    }
}

#[tokio::test]
async fn webhooks_are_never_delivered_to_the_sandbox_itself() {
    // Remote hosts allowed, so only the self check stands in the way.
    let sandbox = start(Config {
        allow_remote_webhooks: true,
        ..fast_config()
    })
    .await;
    let client = client(&sandbox);
    let port = sandbox.addr().port();
    for path in ["/_sandbox/reset", "/_sandbox/faults"] {
        for base in [sandbox.url(), format!("http://localhost:{port}")] {
            let request = client
                .mobile_money_payout(&MobileMoneyPayout {
                    amount: 5,
                    country_id: "GH".into(),
                    webhook_url: Some(format!("{base}{path}")),
                    ..Default::default()
                })
                .expect("request");
            let answer = send(&request).await.expect("answers");
            assert_eq!(answer.status, 200);
        }
        // The SDK refuses http://0.0.0.0, but it reaches this machine: sent raw.
        let body = format!(
            r#"{{"amount":5,"countryId":"GH","transfer_to":"mobile_number","webhook_url":"http://0.0.0.0:{port}{path}"}}"#
        );
        let headers = [
            ("public-key", PUBLIC_KEY),
            ("secret-key", SECRET_KEY),
            ("content-type", "application/json"),
        ];
        let url = format!("{}/v1/payment/payouts/process", sandbox.url());
        let answer = raw("POST", &url, &headers, Some(body.into_bytes()), PATIENCE)
            .await
            .expect("answers");
        assert_eq!(answer.status, 200);
    }
    let hooks = wait_for("the deliveries to be refused", || async {
        let hooks = sandbox.webhooks();
        let all_gave_up = hooks["deliveries"]
            .as_array()
            .is_some_and(|d| d.len() >= 6 && d.iter().all(|d| d["state"] == "gave_up"));
        all_gave_up.then_some(hooks)
    })
    .await;
    for delivery in hooks["deliveries"].as_array().unwrap() {
        assert_eq!(
            delivery["gave_up_reason"], "the webhook_url points at the sandbox itself",
            "{delivery}"
        );
    }
    assert_eq!(sandbox.ledger()["count"], 6, "nothing was reset");
    // A delivery that reaches it some other way is refused too.
    let reset = format!("{}/_sandbox/reset", sandbox.url());
    let answer = raw("POST", &reset, &[("x-alexpay-sandbox-attempt", "1")], None, PATIENCE)
        .await
        .expect("answers");
    assert_eq!(answer.status, 403);
    assert_eq!(sandbox.ledger()["count"], 6);
}
