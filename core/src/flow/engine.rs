//! What every flow shares: request ids, the one request in flight, a clock
//! that never runs backwards, and seeded jitter.

use super::{Action, Outgoing};
use crate::request::HttpRequest;
use crate::response::Operation;

#[derive(Debug, Clone)]
pub(crate) struct InFlight {
    pub id: u64,
    pub operation: Operation,
    pub sent_at: u64,
    pub timeout_ms: u64,
}

#[derive(Debug, Clone)]
pub(crate) struct Engine {
    next_id: u64,
    pub in_flight: Option<InFlight>,
    rng: u64,
    now: u64,
    pub started_at: Option<u64>,
    pub timeout_ms: u64,
    /// The client's body cap, quoted in every `Outgoing`.
    pub max_body_bytes: usize,
}

impl Engine {
    pub fn new(seed: u64, timeout_ms: u64, max_body_bytes: usize) -> Engine {
        Engine {
            next_id: 1,
            in_flight: None,
            rng: seed,
            now: 0,
            started_at: None,
            timeout_ms,
            max_body_bytes,
        }
    }

    /// The host's time, never earlier than a time it gave before.
    pub fn tick(&mut self, now_ms: u64) -> u64 {
        self.now = self.now.max(now_ms);
        self.started_at.get_or_insert(self.now);
        self.now
    }

    pub fn send<O>(&mut self, operation: Operation, request: &HttpRequest) -> Action<O> {
        let id = self.next_id;
        self.next_id += 1;
        self.in_flight = Some(InFlight {
            id,
            operation,
            sent_at: self.now,
            timeout_ms: self.timeout_ms,
        });
        Action::Send(Outgoing {
            id,
            operation,
            request: request.clone(),
            timeout_ms: self.timeout_ms,
            max_body_bytes: self.max_body_bytes,
        })
    }

    /// Takes the request in flight if `id` names it; stale or unknown ids
    /// give `None` and change nothing.
    pub fn answer(&mut self, id: u64) -> Option<InFlight> {
        match &self.in_flight {
            Some(f) if f.id == id => self.in_flight.take(),
            _ => None,
        }
    }

    /// When the request in flight times out, if one is.
    pub fn timeout_at(&self) -> Option<u64> {
        self.in_flight.as_ref().map(|f| f.sent_at.saturating_add(f.timeout_ms))
    }

    /// Jitter in [0, 1] from the seed (splitmix64).
    pub fn jitter(&mut self) -> f64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}
