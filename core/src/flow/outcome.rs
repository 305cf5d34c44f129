//! How a payout or follow flow ends, the same in every language.

use crate::error::{Error, ErrorCode};
use crate::response::{Payout, StatusReport};
use crate::status::PayoutStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    /// The payout reached `succeeded`.
    Succeeded,
    /// The payout reached `failed`; `message` carries Alexpay's words.
    Failed,
    /// Accepted and not final yet: the deadline passed, or the caller did
    /// not ask to wait.
    Pending,
    /// Alexpay definitely did not create the payout (or refused the status
    /// check of a follow flow); `error` says why.
    Rejected,
    /// The payout may exist: never resend it. `error` is `outcome_unknown`;
    /// `payout_id` is set when one was learned.
    Unknown,
}

impl OutcomeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Succeeded => "succeeded",
            OutcomeKind::Failed => "failed",
            OutcomeKind::Pending => "pending",
            OutcomeKind::Rejected => "rejected",
            OutcomeKind::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub payout_id: Option<String>,
    /// Alexpay's answer to the payout request, when it accepted it.
    pub payout: Option<Payout>,
    /// The latest status report, if any status check answered.
    pub report: Option<StatusReport>,
    /// Alexpay's words for a failed payout, when it gave any.
    pub message: Option<String>,
    /// For `rejected` and `unknown`: the error to raise.
    pub error: Option<Error>,
    /// For `unknown`: the answer or failure that left the outcome open.
    pub cause: Option<Error>,
}

impl Outcome {
    fn base(kind: OutcomeKind, payout_id: Option<String>) -> Outcome {
        Outcome {
            kind,
            payout_id,
            payout: None,
            report: None,
            message: None,
            error: None,
            cause: None,
        }
    }

    pub(crate) fn rejected(error: Error) -> Outcome {
        Outcome {
            error: Some(error),
            ..Outcome::base(OutcomeKind::Rejected, None)
        }
    }

    /// The payout may exist. `what` says what happened, in words.
    pub(crate) fn unknown(payout_id: Option<String>, what: &str, cause: Option<Error>) -> Outcome {
        let advice = match &payout_id {
            Some(id) => format!("follow payout {id} by id to learn its status"),
            None => "find it in the Alexpay dashboard by amount, recipient and narration".to_string(),
        };
        let reason = match &cause {
            Some(c) => format!("{what} ({c}); the payout may exist: do not resend it, {advice}"),
            None => format!("{what}; the payout may exist: do not resend it, {advice}"),
        };
        Outcome {
            error: Some(Error::flow(ErrorCode::OutcomeUnknown, reason)),
            cause,
            ..Outcome::base(OutcomeKind::Unknown, payout_id)
        }
    }

    /// From the facts known about an accepted payout: the latest report wins
    /// over the initiation answer, so the outcome never contradicts it.
    pub(crate) fn settled(payout_id: String, payout: Option<Payout>, report: Option<StatusReport>) -> Outcome {
        let status = match (&report, &payout) {
            (Some(r), _) => &r.status,
            (None, Some(p)) => &p.status,
            (None, None) => &PayoutStatus::Pending,
        };
        let kind = match status {
            PayoutStatus::Succeeded => OutcomeKind::Succeeded,
            PayoutStatus::Failed => OutcomeKind::Failed,
            _ => OutcomeKind::Pending,
        };
        let message = match kind {
            OutcomeKind::Failed => report
                .as_ref()
                .and_then(|r| r.message.clone())
                .or_else(|| payout.as_ref().and_then(|p| p.message.clone())),
            _ => None,
        };
        Outcome {
            payout,
            report,
            message,
            ..Outcome::base(kind, Some(payout_id))
        }
    }
}
