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
}

impl Observed {
    pub fn as_str(self) -> &'static str {
        match self {
            Observed::Changed => "changed",
            Observed::Unchanged => "unchanged",
            Observed::Ignored => "ignored",
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
        let status = PayoutStatus::from_raw(raw_status);
        if !ids.is_empty() && !ids.contains(&self.payout_id.as_str()) {
            return Err(Error::field(
                ErrorCode::PayoutIdMismatch,
                Field::PayoutId,
                "the observation is about another payout",
            ));
        }
        if status == self.status {
            return Ok(Observed::Unchanged);
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
