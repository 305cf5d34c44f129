//! The payout flow: send one payout request, decide on every answer, and
//! (when asked to wait) follow the payout to a final status or a deadline.
//!
//! The invariant that keeps money safe: the payout request is only sent from
//! `State::Sending`, and `Sending` is only re-entered after an answer whose
//! disposition is `Retry` (a connect failure, or a 429 naming no payout).

use super::engine::Engine;
use super::follower::{Followed, Follower};
use super::outcome::Outcome;
use super::{check_http_status, Action, FlowOptions, Reply};
use crate::client::Client;
use crate::disposition::{disposition, Answer, Disposition};
use crate::error::{Error, ErrorCode, Result};
use crate::headers::header;
use crate::payout::{BankPayout, MobileMoneyPayout};
use crate::request::HttpRequest;
use crate::response::{payout_response, Operation, Payout};
use crate::retry::{backoff_ms, retry_delay_ms, TransportError};
use crate::retry_after::parse_retry_after;
use crate::tracker::{POLL_BASE_MS, POLL_CAP_MS};

#[derive(Debug, Clone)]
enum State {
    /// The payout request goes out at `at_ms`. Only reached before the first
    /// attempt or after a `Retry` disposition.
    Sending {
        at_ms: u64,
    },
    /// The payout request is in flight.
    AwaitingPayout,
    /// Accepted; checking its status.
    Following {
        follower: Follower,
        payout: Payout,
    },
    Done(Outcome),
}

#[derive(Debug, Clone)]
pub struct PayoutFlow {
    client: Client,
    request: HttpRequest,
    options: FlowOptions,
    engine: Engine,
    /// Payout requests sent so far.
    attempts: u32,
    state: State,
}

impl PayoutFlow {
    /// A flow for a mobile-money payout; the payout is validated here, so
    /// invalid input fails before anything could be sent.
    pub fn mobile_money(client: &Client, payout: &MobileMoneyPayout, options: FlowOptions) -> Result<PayoutFlow> {
        PayoutFlow::new(client, client.mobile_money_payout(payout)?, options)
    }

    /// A flow for a bank payout.
    pub fn bank(client: &Client, payout: &BankPayout, options: FlowOptions) -> Result<PayoutFlow> {
        PayoutFlow::new(client, client.bank_payout(payout)?, options)
    }

    fn new(client: &Client, request: HttpRequest, options: FlowOptions) -> Result<PayoutFlow> {
        let options = options.checked()?;
        Ok(PayoutFlow {
            client: client.clone(),
            request,
            engine: Engine::new(options.seed, options.request_timeout_ms, client.max_body_bytes()),
            options,
            attempts: 0,
            state: State::Sending { at_ms: 0 },
        })
    }

    /// Payout requests emitted so far (at most one once one may have arrived).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// What to do at `now_ms`.
    pub fn next(&mut self, now_ms: u64) -> Action<Outcome> {
        let now = self.engine.tick(now_ms);
        loop {
            match &mut self.state {
                State::Done(outcome) => return Action::Done(outcome.clone()),
                State::Sending { at_ms } if now < *at_ms => return Action::Wait { until_ms: *at_ms },
                State::Sending { .. } => {
                    self.attempts += 1;
                    self.state = State::AwaitingPayout;
                    return self.engine.send(Operation::Payout, &self.request);
                }
                State::AwaitingPayout => match self.engine.timeout_at() {
                    Some(at) if now < at => return Action::Wait { until_ms: at },
                    // The host never answered in time: the payout may have arrived.
                    _ => {
                        self.engine.in_flight = None;
                        self.on_payout_reply(now, Reply::Transport(TransportError::Timeout));
                    }
                },
                State::Following { follower, payout } => match follower.next(&mut self.engine, now) {
                    Ok(action) => return action,
                    Err(end) => {
                        let outcome = followed(follower, Some(payout.clone()), end);
                        self.state = State::Done(outcome);
                    }
                },
            }
        }
    }

    /// The host's answer to request `id`. Answers to stale or unknown ids are
    /// ignored; an impossible HTTP status is refused and changes nothing.
    pub fn on_response(
        &mut self,
        id: u64,
        now_ms: u64,
        http_status: u16,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<()> {
        check_http_status(http_status)?;
        // Nothing built from the answer may carry the configured key.
        let body = self
            .client
            .secret()
            .mask(super::within_cap(body, self.engine.max_body_bytes));
        self.on_reply(
            id,
            now_ms,
            Reply::Response {
                http_status,
                headers,
                body: &body,
            },
        );
        Ok(())
    }

    /// Request `id` failed before a response arrived.
    pub fn on_transport_error(&mut self, id: u64, now_ms: u64, kind: TransportError) {
        self.on_reply(id, now_ms, Reply::Transport(kind));
    }

    /// Ends the flow with the outcome its state allows: a payout in flight is
    /// `unknown`, never "not sent".
    pub fn cancel(&mut self, now_ms: u64) {
        self.engine.tick(now_ms);
        self.engine.in_flight = None;
        let outcome = match &self.state {
            State::Done(_) => return,
            State::Sending { .. } => Outcome::rejected(Error::flow(
                ErrorCode::Cancelled,
                match self.attempts {
                    0 => "the payout flow was cancelled before the payout was sent".to_string(),
                    n => format!("the payout flow was cancelled after {n} attempt(s) that Alexpay did not process"),
                },
            )),
            State::AwaitingPayout => Outcome::unknown(
                None,
                "the payout flow was cancelled while the payout request was in flight",
                None,
            ),
            State::Following { follower, payout } => Outcome::settled(
                follower.payout_id.clone(),
                Some(payout.clone()),
                follower.last_report.clone(),
            ),
        };
        self.state = State::Done(outcome);
    }

    fn on_reply(&mut self, id: u64, now_ms: u64, reply: Reply<'_>) {
        let now = self.engine.tick(now_ms);
        let Some(flight) = self.engine.answer(id) else {
            return;
        };
        match (&mut self.state, flight.operation) {
            (State::AwaitingPayout, Operation::Payout) => self.on_payout_reply(now, reply),
            (State::Following { follower, payout }, Operation::StatusCheck) => {
                if let Err(end) = follower.on_reply(&mut self.engine, now, reply) {
                    let outcome = followed(follower, Some(payout.clone()), end);
                    self.state = State::Done(outcome);
                }
            }
            _ => {}
        }
    }

    fn on_payout_reply(&mut self, now: u64, reply: Reply<'_>) {
        let (error, retry_after) = match reply {
            Reply::Response {
                http_status,
                headers,
                body,
            } => match payout_response(http_status, body, self.engine.max_body_bytes) {
                Ok(payout) => return self.accepted(now, payout),
                Err(e) => {
                    let ra = parse_retry_after(header(headers, "retry-after"), header(headers, "date"), now);
                    (Some(e), ra)
                }
            },
            Reply::Transport(_) => (None, None),
        };
        let verdict = match (&reply, &error) {
            (Reply::Transport(kind), _) => disposition(Operation::Payout, Answer::Transport(*kind)),
            (_, Some(e)) => e.disposition().unwrap_or(Disposition::Unknown),
            (_, None) => Disposition::Unknown,
        };
        let outcome = match verdict {
            Disposition::Retry => {
                let jitter = self.engine.jitter();
                match retry_delay_ms(Operation::Payout, self.attempts, retry_after, jitter) {
                    Some(delay) => {
                        self.state = State::Sending {
                            at_ms: now.saturating_add(delay),
                        };
                        return;
                    }
                    None => Outcome::rejected(error.unwrap_or_else(|| self.never_delivered())),
                }
            }
            Disposition::Rejected => Outcome::rejected(error.unwrap_or_else(|| self.never_delivered())),
            Disposition::Unknown | Disposition::Accepted => {
                let payout_id = error.as_ref().and_then(|e| e.payout_id()).map(str::to_string);
                let what = match reply {
                    Reply::Transport(TransportError::Timeout) => "the payout request timed out",
                    Reply::Transport(_) => "the connection broke after the payout request was sent",
                    Reply::Response { .. } => "Alexpay's answer to the payout request does not say it was refused",
                };
                Outcome::unknown(payout_id, what, error)
            }
        };
        self.state = State::Done(outcome);
    }

    fn never_delivered(&self) -> Error {
        Error::flow(
            ErrorCode::ConnectionFailed,
            format!(
                "could not connect to Alexpay in {} attempt(s); nothing was sent, so it is safe to try again later",
                self.attempts
            ),
        )
    }

    fn accepted(&mut self, now: u64, payout: Payout) {
        let started = self.engine.started_at.unwrap_or(now);
        let deadline = started.saturating_add(self.options.wait_ms);
        if payout.status.is_terminal() || self.options.wait_ms == 0 || now >= deadline {
            self.state = State::Done(Outcome::settled(payout.payout_id.clone(), Some(payout), None));
            return;
        }
        let request = match self.client.status_check(&payout.payout_id) {
            Ok(request) => request,
            // Alexpay gave an id we cannot put in a URL: the payout exists, unfollowable.
            Err(e) => {
                let id = Some(payout.payout_id.clone());
                self.state = State::Done(Outcome::unknown(
                    id,
                    "the accepted payout's id cannot be followed",
                    Some(e),
                ));
                return;
            }
        };
        let first_at = now.saturating_add(backoff_ms(POLL_BASE_MS, POLL_CAP_MS, 0, self.engine.jitter()));
        let follower = Follower::new(payout.payout_id.clone(), request, true, first_at, deadline);
        self.state = State::Following { follower, payout };
    }
}

/// The outcome once following an accepted payout ends.
pub(crate) fn followed(follower: &Follower, payout: Option<Payout>, end: Followed) -> Outcome {
    let id = follower.payout_id.clone();
    match end {
        Followed::Report(report) => Outcome::settled(id, payout, Some(*report)),
        Followed::Deadline => Outcome::settled(id, payout, follower.last_report.clone()),
        Followed::Failed(e) => {
            let mut outcome = Outcome::unknown(Some(id), "its status could not be learned", Some(e));
            outcome.payout = payout;
            outcome.report = follower.last_report.clone();
            outcome
        }
    }
}
