//! Folds every observation of one payout (initiation, status checks,
//! webhooks) into one status that never leaves a terminal state.

use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;
use crate::status::PayoutStatus;

/// First poll delay, doubled per attempt up to the cap.
pub const POLL_BASE_MS: u64 = 2_000;
pub const POLL_CAP_MS: u64 = 60_000;

/// What one observation did to the tracked status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    /// The status moved.
    Changed,
    /// Same status as before: a duplicate, a no-op.
    Unchanged,
    /// A non-terminal status after a terminal one: stale, ignored.
    Ignored,
    /// An unconfirmed webhook claims a final status: not applied. Confirm it
    /// with a status check (or run the webhook flow) and observe the report.
    NeedsConfirmation,
}

impl Observed {
    pub fn as_str(self) -> &'static str {
        match self {
            Observed::Changed => "changed",
            Observed::Unchanged => "unchanged",
            Observed::Ignored => "ignored",
            Observed::NeedsConfirmation => "needs_confirmation",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PayoutTracker {
    payout_id: String,
    status: PayoutStatus,
    raw_status: String,
}

impl PayoutTracker {
    /// A new payout is pending until something says otherwise.
    pub fn new(payout_id: &str) -> Result<PayoutTracker> {
        let id = crate::text::payout_id(payout_id)?;
        Ok(PayoutTracker {
            payout_id: id.to_string(),
            status: PayoutStatus::Pending,
            raw_status: String::new(),
        })
    }

    pub fn payout_id(&self) -> &str {
        &self.payout_id
    }

    pub fn status(&self) -> &PayoutStatus {
        &self.status
    }

    /// The raw status string of the observation that set the current status
    /// ("" before any).
    pub fn raw_status(&self) -> &str {
        &self.raw_status
    }

    pub fn is_terminal(&self) -> bool {
        self.status.is_terminal()
    }

    /// Folds one observation: its raw status string and the ids it carries
    /// (id, reference; empty for a bare status). When ids are given, one must
    /// be this payout's.
    pub fn observe(&mut self, raw_status: &str, ids: &[&str]) -> Result<Observed> {
        self.fold(raw_status, ids, true)
    }

    /// Folds an unconfirmed webhook event: its raw status and its payout id
    /// (never its `reference`). A final status it claims is not applied
    /// (`NeedsConfirmation`): confirm it with a status check first.
    pub fn observe_event(&mut self, raw_status: &str, payout_id: &str) -> Result<Observed> {
        self.fold(raw_status, &[payout_id], false)
    }

    fn fold(&mut self, raw_status: &str, ids: &[&str], confirmed: bool) -> Result<Observed> {
        let status = PayoutStatus::from_raw(raw_status);
        if !ids.is_empty() && !ids.contains(&self.payout_id.as_str()) {
            return Err(Error::field(
                ErrorCode::PayoutIdMismatch,
                Field::PayoutId,
                "the observation is about another payout",
            ));
        }
        if !confirmed && raw_status.trim().is_empty() {
            // An id-only event says nothing about the status.
            return Ok(Observed::Unchanged);
        }
        if status == self.status {
            // Keep the first raw spelling seen for the starting `pending`.
            if self.raw_status.is_empty() {
                self.raw_status = raw_status.to_string();
            }
            return Ok(Observed::Unchanged);
        }
        if !confirmed && status.is_terminal() {
            return Ok(Observed::NeedsConfirmation);
        }
        if self.status.is_terminal() {
            if status.is_terminal() {
                return Err(Error::field(
                    ErrorCode::StatusConflict,
                    Field::Status,
                    format!(
                        "the payout was already {} and is now reported {}; reconcile with Alexpay",
                        self.status, status
                    ),
                ));
            }
            return Ok(Observed::Ignored);
        }
        self.status = status;
        self.raw_status = raw_status.to_string();
        Ok(Observed::Changed)
    }

    /// Delay before the next status poll, or `None` once terminal.
    /// `attempt` counts from 0; `jitter` in [0, 1] comes from the caller's
    /// randomness and spreads the second half of the delay.
    pub fn next_poll_delay_ms(&self, attempt: u32, jitter: f64) -> Result<Option<u64>> {
        if !(0.0..=1.0).contains(&jitter) {
            return Err(Error::field(
                ErrorCode::InvalidArgument,
                Field::Jitter,
                "must be a number from 0 to 1",
            ));
        }
        if self.is_terminal() {
            return Ok(None);
        }
        Ok(Some(crate::retry::backoff_ms(
            POLL_BASE_MS,
            POLL_CAP_MS,
            attempt,
            jitter,
        )))
    }
}

/// Something that reports a payout's status: an initiation response, a status
/// report, a webhook event or a confirmation.
pub trait Observation {
    fn raw_status(&self) -> &str;
    /// The ids that name this payout: the payout id, and a reference only
    /// when a status report itself gives it.
    fn ids(&self) -> Vec<&str>;
    /// False for a webhook event: a hint that cannot end a payout by itself.
    fn confirmed(&self) -> bool {
        true
    }
}

impl PayoutTracker {
    /// Folds a parsed response, report, event or confirmation.
    pub fn observe_from(&mut self, observation: &impl Observation) -> Result<Observed> {
        self.fold(observation.raw_status(), &observation.ids(), observation.confirmed())
    }
}

impl Observation for crate::response::Payout {
    fn raw_status(&self) -> &str {
        &self.raw_status
    }
    fn ids(&self) -> Vec<&str> {
        vec![&self.payout_id]
    }
}

impl Observation for crate::response::StatusReport {
    fn raw_status(&self) -> &str {
        &self.raw_status
    }
    fn ids(&self) -> Vec<&str> {
        std::iter::once(self.id.as_str())
            .chain(self.reference.as_deref())
            .collect()
    }
}

impl Observation for crate::webhook::WebhookEvent {
    fn raw_status(&self) -> &str {
        &self.raw_status
    }
    /// Only the payout id: a `reference` the sender chose never matches.
    fn ids(&self) -> Vec<&str> {
        vec![&self.payout_id]
    }
    fn confirmed(&self) -> bool {
        false
    }
}

impl Observation for crate::webhook::Confirmation {
    fn raw_status(&self) -> &str {
        &self.raw_status
    }
    fn ids(&self) -> Vec<&str> {
        vec![&self.payout_id]
    }
}
