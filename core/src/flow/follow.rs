//! The follow flow: from a known payout id to an outcome, for
//! reconciliation, a job resuming after a restart, or after an `unknown`.

use super::engine::Engine;
use super::follower::Follower;
use super::outcome::Outcome;
use super::payout::followed;
use super::{check_http_status, Action, FlowOptions, Reply};
use crate::client::Client;
use crate::error::Result;
use crate::retry::TransportError;
use crate::secret::SecretKey;

#[derive(Debug, Clone)]
pub struct FollowFlow {
    engine: Engine,
    options: FlowOptions,
    /// Created on the first `next`, when the deadline is known.
    follower: Option<Follower>,
    request: crate::request::HttpRequest,
    payout_id: String,
    done: Option<Outcome>,
    /// Masked in every answer.
    secret: SecretKey,
}

impl FollowFlow {
    /// Checks `payout_id` now, then polls until a final status or until
    /// `options.wait_ms` has passed (0: one status check).
    pub fn new(client: &Client, payout_id: &str, options: FlowOptions) -> Result<FollowFlow> {
        let options = options.checked()?;
        let request = client.status_check(payout_id)?;
        Ok(FollowFlow {
            engine: Engine::new(options.seed, options.request_timeout_ms, client.max_body_bytes()),
            options,
            follower: None,
            request,
            payout_id: payout_id.to_string(),
            done: None,
            secret: client.secret().clone(),
        })
    }

    pub fn next(&mut self, now_ms: u64) -> Action<Outcome> {
        let now = self.engine.tick(now_ms);
        if let Some(outcome) = &self.done {
            return Action::Done(outcome.clone());
        }
        let deadline = now.saturating_add(self.options.wait_ms);
        let (id, request) = (self.payout_id.clone(), self.request.clone());
        let follower = self
            .follower
            .get_or_insert_with(|| Follower::new(id, request, true, now, deadline));
        match follower.next(&mut self.engine, now) {
            Ok(action) => action,
            Err(end) => {
                let outcome = followed(follower, None, end);
                self.done = Some(outcome.clone());
                Action::Done(outcome)
            }
        }
    }

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
        let body = self.secret.mask(super::within_cap(body, self.engine.max_body_bytes));
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

    pub fn on_transport_error(&mut self, id: u64, now_ms: u64, kind: TransportError) {
        self.on_reply(id, now_ms, Reply::Transport(kind));
    }

    /// Ends the flow: `pending` with the latest report (a status check
    /// changes nothing, so nothing is left open).
    pub fn cancel(&mut self, now_ms: u64) {
        self.engine.tick(now_ms);
        self.engine.in_flight = None;
        if self.done.is_none() {
            let last = self.follower.as_ref().and_then(|f| f.last_report.clone());
            self.done = Some(Outcome::settled(self.payout_id.clone(), None, last));
        }
    }

    fn on_reply(&mut self, id: u64, now_ms: u64, reply: Reply<'_>) {
        let now = self.engine.tick(now_ms);
        if self.done.is_some() || self.engine.answer(id).is_none() {
            return;
        }
        if let Some(follower) = &mut self.follower {
            if let Err(end) = follower.on_reply(&mut self.engine, now, reply) {
                self.done = Some(followed(follower, None, end));
            }
        }
    }
}
