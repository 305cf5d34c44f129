//! The sandbox's shared state: settings, ledger, deliveries, faults.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::watch;

use crate::conns::Connections;
use crate::faults::{FaultBook, FaultSpec};
use crate::log::Log;
use crate::model::{IdSource, PayoutRecord};
use crate::webhooks::{DeliveryRecord, WebhookClient};
use crate::Config;

/// Settings that `POST /_sandbox/settings` may change while running.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub delay_ms: u64,
    pub insufficient_funds_above: u64,
}

#[derive(Default)]
pub struct Ledger {
    pub payouts: Vec<PayoutRecord>,
    /// Payout id and reference to index.
    pub index: HashMap<String, usize>,
    pub deliveries: Vec<DeliveryRecord>,
    pub delivery_index: HashMap<String, usize>,
}

impl Ledger {
    pub fn get(&self, id_or_reference: &str) -> Option<&PayoutRecord> {
        self.index.get(id_or_reference).and_then(|&i| self.payouts.get(i))
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut PayoutRecord> {
        let i = *self.index.get(id)?;
        self.payouts.get_mut(i)
    }

    pub fn delivery_mut(&mut self, event_id: &str) -> Option<&mut DeliveryRecord> {
        let i = *self.delivery_index.get(event_id)?;
        self.deliveries.get_mut(i)
    }
}

/// Epoch value that means "shutting down": every background task stops.
pub const STOPPED: u64 = u64::MAX;

pub struct Shared {
    pub config: Config,
    pub addr: SocketAddr,
    pub ids: IdSource,
    pub settings: Mutex<Settings>,
    pub ledger: Mutex<Ledger>,
    pub faults: Mutex<FaultBook>,
    /// Bumped by reset (stale timers and deliveries stop) and set to
    /// [`STOPPED`] at shutdown.
    pub epoch: watch::Sender<u64>,
    pub webhooks: WebhookClient,
    /// Never blocks: see `log.rs`.
    pub log: Arc<Log>,
    pub conns: Arc<Connections>,
}

/// A poisoned lock only means another request panicked mid-way; the data is
/// still usable for a sandbox, so carry on instead of failing every request.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    pub fn new(config: Config, addr: SocketAddr) -> Shared {
        let mut book = FaultBook::default();
        for fault in &config.faults {
            book.add(fault.clone());
        }
        let settings = Settings {
            delay_ms: config.delay_ms,
            insufficient_funds_above: config.insufficient_funds_above,
        };
        let (epoch, _) = watch::channel(0);
        let conns = Connections::new(config.max_connections);
        Shared {
            webhooks: WebhookClient::new(&config, addr),
            config,
            addr,
            ids: IdSource::new(),
            settings: Mutex::new(settings),
            ledger: Mutex::new(Ledger::default()),
            faults: Mutex::new(book),
            epoch,
            log: Arc::new(Log::default()),
            conns,
        }
    }

    /// A request-log line (when logging is on); never blocks serving.
    pub fn log(&self, line: std::fmt::Arguments<'_>) {
        if self.config.log {
            self.log.line(line.to_string());
        }
    }

    pub fn epoch(&self) -> u64 {
        *self.epoch.borrow()
    }

    /// Sleeps unless the epoch moves on first; true if still current after.
    pub async fn pause(&self, duration: Duration, epoch: u64) -> bool {
        let mut rx = self.epoch.subscribe();
        if *rx.borrow_and_update() != epoch {
            return false;
        }
        let moved = tokio::select! {
            _ = tokio::time::sleep(duration) => false,
            _ = rx.wait_for(|e| *e != epoch) => true,
        };
        !moved && *self.epoch.borrow() == epoch
    }

    pub fn stop_background(&self) {
        self.epoch.send_replace(STOPPED);
    }

    /// Forgets every payout, delivery and fault; pending timers and
    /// deliveries of the old payouts stop.
    pub fn reset(&self) {
        self.epoch.send_modify(|e| {
            if *e != STOPPED {
                *e += 1
            }
        });
        *lock(&self.ledger) = Ledger::default();
        lock(&self.faults).clear();
    }

    pub fn add_fault(&self, spec: FaultSpec) -> u64 {
        lock(&self.faults).add(spec)
    }

    pub fn ledger_json(&self) -> Value {
        let ledger = lock(&self.ledger);
        let payouts: Vec<Value> = ledger.payouts.iter().map(PayoutRecord::ledger_json).collect();
        json!({ "count": payouts.len(), "payouts": payouts })
    }

    pub fn webhooks_json(&self) -> Value {
        let ledger = lock(&self.ledger);
        let deliveries: Vec<Value> = ledger.deliveries.iter().map(DeliveryRecord::to_json).collect();
        let owed = ledger.deliveries.iter().filter(|d| d.is_owed()).count();
        json!({ "count": deliveries.len(), "owed": owed, "deliveries": deliveries })
    }
}
