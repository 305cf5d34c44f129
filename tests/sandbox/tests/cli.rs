//! The binary: one command, machine-readable first line, flags, signals.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use alexpay_core::{parse_payout_response, Client, ClientConfig, MobileMoneyPayout};
use common::*;

const BIN: &str = env!("CARGO_BIN_EXE_alexpay-sandbox");

/// Kills the child if a test fails before stopping it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Starts the binary and reads its `NAME=value` lines (5 of them).
fn spawn(args: &[&str]) -> (Running, Vec<(String, String)>) {
    let child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut child = Running(child);
    let stdout = child.0.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut vars = Vec::new();
    for _ in 0..5 {
        let line = lines.next().expect("a line").expect("readable");
        let (k, v) = line.split_once('=').expect("NAME=value");
        vars.push((k.to_string(), v.to_string()));
    }
    (child, vars)
}

fn wait_exit(Running(child): &mut Running) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("the sandbox did not stop in time");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(Running(child): &Running, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

#[tokio::test]
async fn port_0_prints_the_url_first_and_sigterm_stops_it() {
    let (mut child, vars) = spawn(&[
        "--port",
        "0",
        "--public-key",
        "pk_cli",
        "--secret-key",
        "sk_cli",
        "--delay-ms",
        "50",
    ]);
    assert_eq!(vars[0].0, "ALEXPAY_SANDBOX_URL");
    let url = vars[0].1.clone();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(!url.ends_with(":0"));
    assert!(vars.contains(&("ALEXPAY_BASE_URL".into(), url.clone())));
    assert!(vars.contains(&("ALEXPAY_PUBLIC_KEY".into(), "pk_cli".into())));
    assert!(vars.contains(&("ALEXPAY_SECRET_KEY".into(), "sk_cli".into())));
    assert!(vars.contains(&("ALEXPAY_WEBHOOK_SIGNING".into(), "off".into())));

    let client = Client::new(ClientConfig {
        public_key: "pk_cli".into(),
        secret_key: "sk_cli".into(),
        base_url: url.clone(),
        user_agent: None,
        max_body_bytes: None,
    })
    .expect("client");
    let request = client
        .mobile_money_payout(&MobileMoneyPayout {
            amount: 1,
            country_id: "GH".into(),
            ..Default::default()
        })
        .expect("request");
    let answer = send(&request).await.expect("answers");
    assert!(parse_payout_response(answer.status, &answer.body).is_ok());
    // The default keys are not accepted when others were given.
    let answer = raw(
        "GET",
        &format!("{url}/v1/payment/x/check"),
        &[("public-key", PUBLIC_KEY), ("secret-key", SECRET_KEY)],
        None,
        PATIENCE,
    )
    .await
    .expect("answers");
    assert_eq!(answer.status, 401);

    signal(&child, "TERM");
    assert!(wait_exit(&mut child).success());
    // The port is closed.
    let gone = raw(
        "GET",
        &format!("{url}/_sandbox/health"),
        &[],
        None,
        Duration::from_secs(2),
    )
    .await;
    assert!(gone.is_err());
}

#[tokio::test]
async fn sigint_stops_it_and_flags_reach_the_server() {
    let secret = "whsec_c2FuZGJveC13ZWJob29rLXNlY3JldC1mb3ItdGVzdHM=";
    let (mut child, vars) = spawn(&[
        "--port=0",
        "--quiet",
        "--webhook-secret",
        secret,
        "--fault",
        "http_error=502,count=1",
        "--delay-ms=5",
    ]);
    let url = vars[0].1.clone();
    assert!(vars.contains(&("ALEXPAY_WEBHOOK_SIGNING".into(), "on".into())));
    let faults = get_json(&format!("{url}/_sandbox/faults")).await;
    assert_eq!(faults["faults"][0]["status"], 502);
    let health = get_json(&format!("{url}/_sandbox/health")).await;
    assert_eq!(health["webhook_signing"], true);
    assert!(!health.to_string().contains(secret));
    let settings = get_json(&format!("{url}/_sandbox/settings")).await;
    assert_eq!(settings["delay_ms"], 5);
    signal(&child, "INT");
    assert!(wait_exit(&mut child).success());
}

#[test]
fn bad_flags_exit_2_with_a_message_and_help_exits_0() {
    let out = Command::new(BIN).args(["--port", "nope"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--port"));
    let out = Command::new(BIN)
        .args(["--webhook-secret", "not-a-secret!"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("not-a-secret!"),
        "never echoes the secret"
    );
    let out = Command::new(BIN).arg("--help").output().expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--fault"));
}
