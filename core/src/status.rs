//! The one normalised payout status. Alexpay's docs use several spellings
//! (`success` and `successful`, `processing` and `pending`); the raw string is
//! always kept beside the normalised value.

/// A payout's normalised status.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PayoutStatus {
    Pending,
    Succeeded,
    Failed,
    /// A status string we do not recognise, kept as sent.
    Unknown(String),
}

impl PayoutStatus {
    /// Normalises a raw status string; unknown strings are kept, never refused.
    pub fn from_raw(raw: &str) -> PayoutStatus {
        let key = raw.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        match key.as_str() {
            "pending" | "processing" | "queued" | "initiated" | "created" | "submitted" | "in_progress"
            | "accepted" => PayoutStatus::Pending,
            "success" | "successful" | "succeeded" | "completed" | "complete" | "paid" => PayoutStatus::Succeeded,
            "failed" | "failure" | "fail" | "declined" | "rejected" | "cancelled" | "canceled" | "reversed"
            | "expired" | "error" => PayoutStatus::Failed,
            _ => PayoutStatus::Unknown(raw.to_string()),
        }
    }

    /// `"pending"`, `"succeeded"`, `"failed"` or `"unknown"`: the same strings
    /// in every language.
    pub fn as_str(&self) -> &'static str {
        match self {
            PayoutStatus::Pending => "pending",
            PayoutStatus::Succeeded => "succeeded",
            PayoutStatus::Failed => "failed",
            PayoutStatus::Unknown(_) => "unknown",
        }
    }

    /// Succeeded and failed are final: a payout never leaves them.
    pub fn is_terminal(&self) -> bool {
        matches!(self, PayoutStatus::Succeeded | PayoutStatus::Failed)
    }
}

impl std::fmt::Display for PayoutStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
