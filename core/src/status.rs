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

const PENDING_WORDS: [&[u8]; 8] = [
    b"pending",
    b"processing",
    b"queued",
    b"initiated",
    b"created",
    b"submitted",
    b"in_progress",
    b"accepted",
];
const SUCCEEDED_WORDS: [&[u8]; 6] = [
    b"success",
    b"successful",
    b"succeeded",
    b"completed",
    b"complete",
    b"paid",
];
const FAILED_WORDS: [&[u8]; 10] = [
    b"failed",
    b"failure",
    b"fail",
    b"declined",
    b"rejected",
    b"cancelled",
    b"canceled",
    b"reversed",
    b"expired",
    b"error",
];

impl PayoutStatus {
    /// Normalises a raw status string; unknown strings are kept, never refused.
    pub fn from_raw(raw: &str) -> PayoutStatus {
        // Trimmed, ASCII-lowercased, ' ' and '-' read as '_': folded into a
        // stack buffer (no allocation); longer strings match no word.
        let trimmed = crate::tolerant::trim(raw).as_bytes();
        let mut buf = [0u8; 16];
        let key = match buf.get_mut(..trimmed.len()) {
            Some(key) => {
                for (k, &c) in key.iter_mut().zip(trimmed) {
                    *k = match c {
                        b' ' | b'-' => b'_',
                        c => c.to_ascii_lowercase(),
                    };
                }
                &*key
            }
            None => &[],
        };
        // Word lists, not a `match` on byte strings: the same comparisons in
        // a third of the wasm code.
        if PENDING_WORDS.contains(&key) {
            PayoutStatus::Pending
        } else if SUCCEEDED_WORDS.contains(&key) {
            PayoutStatus::Succeeded
        } else if FAILED_WORDS.contains(&key) {
            PayoutStatus::Failed
        } else {
            PayoutStatus::Unknown(raw.to_string())
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

#[cfg(test)]
mod tests {
    use super::PayoutStatus;
    use proptest::prelude::*;

    /// `from_raw` as it was before issue 13 (allocating), the oracle.
    fn before(raw: &str) -> PayoutStatus {
        let key = raw.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        match PayoutStatus::from_raw(&key) {
            PayoutStatus::Unknown(_) => PayoutStatus::Unknown(raw.to_string()),
            known => known,
        }
    }

    proptest! {
        #[test]
        fn folding_in_place_matches_lowercasing(raw in "[ \t-]{0,2}(In[- _]Progress|SUCCESS|paid|Failed|queued|x|é|[a-zA-Z _-]{0,20})[ \n]{0,2}") {
            prop_assert_eq!(PayoutStatus::from_raw(&raw), before(&raw));
        }
    }

    #[test]
    fn long_and_spaced_spellings() {
        assert_eq!(PayoutStatus::from_raw(" In-Progress "), PayoutStatus::Pending);
        assert_eq!(PayoutStatus::from_raw("SUCCESSFUL"), PayoutStatus::Succeeded);
        let long = format!("{}failed", " ".repeat(40));
        assert_eq!(PayoutStatus::from_raw(&long), PayoutStatus::Failed);
        let unknown = "successfulsuccessful";
        assert_eq!(
            PayoutStatus::from_raw(unknown),
            PayoutStatus::Unknown(unknown.to_string())
        );
    }
}
