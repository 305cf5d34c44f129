//! `alexpay-sandbox`: runs the local Alexpay sandbox until SIGINT or SIGTERM.
//!
//! The first lines on stdout are machine-readable `NAME=value` lines, the
//! first one always `ALEXPAY_SANDBOX_URL=http://HOST:PORT`; logs go to stderr.

use std::io::Write;
use std::net::IpAddr;
use std::process::ExitCode;

use alexpay_sandbox::{Config, FaultSpec, DEFAULT_PORT};

const HELP: &str = "\
alexpay-sandbox: a local server that behaves like the Alexpay payout API

USAGE: alexpay-sandbox [FLAGS]

  --host IP                       address to bind (default 127.0.0.1)
  --port N                        port (default 8089; 0 picks a free port)
  --public-key KEY                public key to accept (default pk_test_sandbox)
  --secret-key KEY                secret key to accept (default sk_test_sandbox)
  --webhook-secret whsec_...      sign webhooks (Standard Webhooks headers);
                                  or set ALEXPAY_SANDBOX_WEBHOOK_SECRET
  --delay-ms N                    time a payout stays processing (default 2000)
  --insufficient-funds-above N    larger amounts fail (default 1000000)
  --webhook-retry-base-ms N       first webhook retry delay (default 250)
  --webhook-retry-cap-ms N        longest webhook retry delay (default 5000)
  --webhook-timeout-ms N          time limit of one delivery attempt (default 5000)
  --webhook-max-attempts N        give up after N attempts (default 0: never)
  --allow-remote-webhooks         deliver to non-loopback hosts too
  --max-connections N             connections open at once (default 256);
                                  past it the one idle longest is closed
  --body-timeout-ms N             time a request body may take (default 10000)
  --fault SPEC                    start with a fault (repeatable), e.g.
                                  slow=1500  http_error=503,count=2
                                  http_error=500,after_accept  rate_limit=3
                                  drop  drop_after_accept,count=1
                                  garbled_after_accept,count=1
                                  unusual_envelope=pending  or JSON
  --quiet                         no request log on stderr
  -h, --help                      this help
  -V, --version                   the version

Control endpoints (no keys): GET /_sandbox/health, GET /_sandbox/ledger,
GET /_sandbox/webhooks, GET|POST|DELETE /_sandbox/faults,
DELETE /_sandbox/faults/{id}, POST /_sandbox/reset, GET|POST /_sandbox/settings.
See tests/sandbox/README.md for the magic inputs.
";

enum Parsed {
    Run(Config),
    Exit(String),
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag} needs a whole number, got '{value}'"))
}

fn parse(args: Vec<String>) -> Result<Parsed, String> {
    let mut config = Config {
        port: DEFAULT_PORT,
        log: true,
        webhook_secret: std::env::var("ALEXPAY_SANDBOX_WEBHOOK_SECRET")
            .ok()
            .filter(|s| !s.is_empty()),
        ..Config::default()
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |flag: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => args.next().ok_or_else(|| format!("{flag} needs a value")),
            }
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Exit(HELP.to_string())),
            "-V" | "--version" => return Ok(Parsed::Exit(format!("alexpay-sandbox {}\n", env!("CARGO_PKG_VERSION")))),
            "--host" => {
                let v = value(&flag)?;
                config.host = v
                    .parse::<IpAddr>()
                    .map_err(|_| format!("--host needs an IP address, got '{v}'"))?;
            }
            "--port" => config.port = number(&flag, &value(&flag)?)?,
            "--public-key" => config.public_key = value(&flag)?,
            "--secret-key" => config.secret_key = value(&flag)?,
            "--webhook-secret" => config.webhook_secret = Some(value(&flag)?),
            "--delay-ms" => config.delay_ms = number(&flag, &value(&flag)?)?,
            "--insufficient-funds-above" => config.insufficient_funds_above = number(&flag, &value(&flag)?)?,
            "--webhook-retry-base-ms" => config.webhook_retry_base_ms = number(&flag, &value(&flag)?)?,
            "--webhook-retry-cap-ms" => config.webhook_retry_cap_ms = number(&flag, &value(&flag)?)?,
            "--webhook-timeout-ms" => config.webhook_timeout_ms = number(&flag, &value(&flag)?)?,
            "--webhook-max-attempts" => config.webhook_max_attempts = number(&flag, &value(&flag)?)?,
            "--allow-remote-webhooks" => config.allow_remote_webhooks = true,
            "--max-connections" => config.max_connections = number(&flag, &value(&flag)?)?,
            "--body-timeout-ms" => config.body_timeout_ms = number(&flag, &value(&flag)?)?,
            "--fault" => config.faults.push(FaultSpec::parse(&value(&flag)?)?),
            "--quiet" => config.log = false,
            other => return Err(format!("unknown flag '{other}' (see --help)")),
        }
    }
    config.validate()?;
    Ok(Parsed::Run(config))
}

async fn signal() -> &'static str {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = ctrl_c => "SIGINT",
                _ = term.recv() => "SIGTERM",
            },
            Err(_) => {
                ctrl_c.await;
                "SIGINT"
            }
        }
    }
    #[cfg(not(unix))]
    {
        ctrl_c.await;
        "Ctrl-C"
    }
}

fn main() -> ExitCode {
    let config = match parse(std::env::args().skip(1).collect()) {
        Ok(Parsed::Run(config)) => config,
        Ok(Parsed::Exit(text)) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Err(why) => {
            eprintln!("alexpay-sandbox: {why}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("alexpay-sandbox: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(config))
}

async fn run(config: Config) -> ExitCode {
    let signing = config.webhook_secret.is_some();
    let loopback = config.host.is_loopback();
    let faults = config.faults.len();
    let (public_key, secret_key) = (config.public_key.clone(), config.secret_key.clone());
    let sandbox = match alexpay_sandbox::start(config).await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("alexpay-sandbox: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url = sandbox.url();
    // Machine-readable, first line first; Rust's stdout is line-buffered. A
    // harness may close its end after the first line: a failed write is no
    // reason to stop serving (println! would panic).
    let lines = [
        format!("ALEXPAY_SANDBOX_URL={url}"),
        format!("ALEXPAY_BASE_URL={url}"),
        format!("ALEXPAY_PUBLIC_KEY={public_key}"),
        format!("ALEXPAY_SECRET_KEY={secret_key}"),
        format!("ALEXPAY_WEBHOOK_SIGNING={}", if signing { "on" } else { "off" }),
    ];
    let mut stdout = std::io::stdout().lock();
    for line in lines {
        let _ = writeln!(stdout, "{line}");
    }
    let _ = stdout.flush();
    drop(stdout);
    // From here on stderr may be a pipe nobody reads: only the log writes to it.
    let log = sandbox.log();
    log.line(format!("listening on {url} (test keys above; Ctrl-C to stop)"));
    if faults > 0 {
        log.line(format!("{faults} fault(s) active; see GET {url}/_sandbox/faults"));
    }
    if !loopback {
        log.line("warning: bound to a non-loopback address".into());
    }
    let which = signal().await;
    log.line(format!("{which} received, shutting down"));
    sandbox.shutdown().await;
    log.line("stopped".into());
    log.flush(std::time::Duration::from_secs(1));
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_parse() {
        let Ok(Parsed::Run(c)) = parse(args(&[
            "--port=0",
            "--public-key",
            "pk_x",
            "--delay-ms",
            "10",
            "--fault",
            "http_error=503,count=1",
            "--quiet",
        ])) else {
            panic!("did not parse");
        };
        assert_eq!(
            (c.port, c.public_key.as_str(), c.delay_ms, c.log),
            (0, "pk_x", 10, false)
        );
        assert_eq!(c.faults.len(), 1);
    }

    #[test]
    fn bad_flags_are_refused() {
        for bad in [
            &["--port", "x"][..],
            &["--nope"],
            &["--port"],
            &["--webhook-secret", "whsec_!!"],
            &["--fault", "drop=3"],
            &["--host", "localhost"],
            &["--max-connections", "1"],
            &["--body-timeout-ms", "0"],
        ] {
            assert!(parse(args(bad)).is_err(), "{bad:?}");
        }
    }
}
