//! Status checks for one payout id, shared by the three flows: send, retry
//! what the disposition says may be retried, poll until a final status (or
//! take the first report), and stop at the deadline.

use super::engine::Engine;
use super::{Action, Reply};
use crate::disposition::{disposition, Answer, Disposition};
use crate::error::{Error, ErrorCode};
use crate::headers::header;
use crate::request::HttpRequest;
use crate::response::{status_response, Operation, StatusReport};
use crate::retry::{backoff_ms, retry_delay_ms, TransportError};
use crate::retry_after::parse_retry_after;
use crate::tracker::{POLL_BASE_MS, POLL_CAP_MS};
use crate::webhook::report_names;

/// Why following stopped.
#[derive(Debug, Clone)]
pub(crate) enum Followed {
    /// A report that ends it: final, or the first one when not polling.
    Report(Box<StatusReport>),
    /// The deadline passed; the latest report (if any) is `last_report`.
    Deadline,
    /// A status check was refused, or failed past the retry budget.
    Failed(Error),
}

#[derive(Debug, Clone)]
pub(crate) struct Follower {
    pub payout_id: String,
    request: HttpRequest,
    /// Keep checking until a final status; false: the first report ends it.
    poll: bool,
    deadline_ms: u64,
    next_at: u64,
    reports: u32,
    failures: u32,
    pub last_report: Option<StatusReport>,
}

impl Follower {
    pub fn new(payout_id: String, request: HttpRequest, poll: bool, first_at: u64, deadline_ms: u64) -> Follower {
        Follower {
            payout_id,
            request,
            poll,
            deadline_ms,
            next_at: first_at.min(deadline_ms),
            reports: 0,
            failures: 0,
            last_report: None,
        }
    }

    /// The next action, or why following ended.
    pub fn next<O>(&mut self, engine: &mut Engine, now: u64) -> Result<Action<O>, Followed> {
        if let Some(at) = engine.timeout_at() {
            if now < at {
                return Ok(Action::Wait { until_ms: at });
            }
            // The host never answered in time: that is a timeout.
            engine.in_flight = None;
            self.on_reply(engine, now, Reply::Transport(TransportError::Timeout))?;
        }
        if now < self.next_at {
            return Ok(Action::Wait { until_ms: self.next_at });
        }
        Ok(engine.send(Operation::StatusCheck, &self.request))
    }

    /// Folds the answer to the status check in flight.
    pub fn on_reply(&mut self, engine: &mut Engine, now: u64, reply: Reply<'_>) -> Result<(), Followed> {
        let (error, retry_after) = match reply {
            Reply::Response {
                http_status,
                headers,
                body,
            } => match status_response(http_status, body, engine.max_body_bytes) {
                Ok(report) if report_names(&report, &self.payout_id) => return self.on_report(engine, now, report),
                Ok(_) => return Err(Followed::Failed(another_payout(&self.payout_id))),
                Err(e) => {
                    let ra = parse_retry_after(header(headers, "retry-after"), header(headers, "date"), now);
                    (e, ra)
                }
            },
            Reply::Transport(kind) => (transport_error(kind), None),
        };
        let answer_disposition = match reply {
            Reply::Transport(kind) => disposition(Operation::StatusCheck, Answer::Transport(kind)),
            Reply::Response { .. } => error.disposition().unwrap_or(Disposition::Rejected),
        };
        if answer_disposition != Disposition::Retry {
            return Err(Followed::Failed(error));
        }
        self.failures += 1;
        let jitter = engine.jitter();
        let Some(delay) = retry_delay_ms(Operation::StatusCheck, self.failures, retry_after, jitter) else {
            return Err(Followed::Failed(error));
        };
        if now >= self.deadline_ms {
            return Err(if self.poll {
                Followed::Deadline
            } else {
                Followed::Failed(error)
            });
        }
        self.next_at = now.saturating_add(delay).min(self.deadline_ms);
        Ok(())
    }

    fn on_report(&mut self, engine: &mut Engine, now: u64, report: StatusReport) -> Result<(), Followed> {
        self.failures = 0;
        self.reports += 1;
        if report.status.is_terminal() || !self.poll {
            self.last_report = Some(report.clone());
            return Err(Followed::Report(Box::new(report)));
        }
        self.last_report = Some(report);
        if now >= self.deadline_ms {
            return Err(Followed::Deadline);
        }
        let delay = backoff_ms(POLL_BASE_MS, POLL_CAP_MS, self.reports, engine.jitter());
        self.next_at = now.saturating_add(delay).min(self.deadline_ms);
        Ok(())
    }
}

fn another_payout(payout_id: &str) -> Error {
    Error::field(
        ErrorCode::PayoutIdMismatch,
        crate::field::Field::PayoutId,
        format!("the status check for {payout_id} answered about another payout"),
    )
}

/// A status check that got no answer, as an error to report.
pub(crate) fn transport_error(kind: TransportError) -> Error {
    let what = match kind {
        TransportError::Connect => "could not connect to Alexpay",
        TransportError::Timeout => "Alexpay did not answer in time",
        TransportError::ConnectionLost => "the connection to Alexpay broke before the answer",
    };
    Error::flow(ErrorCode::ConnectionFailed, what)
}
