//! Python binding of the Alexpay payouts SDK core (`alexpay._alexpay`).
//!
//! Behaviour lives in `alexpay-core`; this crate only converts Python values
//! to Rust ones and core errors to Python exceptions. Everything is behind the
//! `python` feature (off by default, on in maturin builds), so the plain
//! workspace build compiles an empty crate and needs no Python.
#![cfg(feature = "python")]
#![forbid(unsafe_code)]

mod convert;
mod errors;
mod flows;
mod functions;
mod money;
mod request;
mod types;
mod values;

use pyo3::prelude::*;

/// The native half of the `alexpay` package; import from `alexpay` instead.
#[pymodule]
#[pyo3(name = "_alexpay")]
fn native_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<types::Client>()?;
    m.add_class::<request::HttpRequest>()?;
    m.add_class::<types::Payout>()?;
    m.add_class::<types::StatusReport>()?;
    m.add_class::<types::WebhookEvent>()?;
    m.add_class::<types::Confirmation>()?;
    m.add_class::<types::PayoutTracker>()?;
    m.add_class::<types::RetryDecision>()?;
    m.add_class::<flows::FlowAction>()?;
    m.add_class::<flows::PayoutOutcome>()?;
    m.add_class::<flows::WebhookOutcome>()?;
    m.add_class::<flows::PayoutFlow>()?;
    m.add_class::<flows::FollowFlow>()?;
    m.add_class::<flows::WebhookFlow>()?;
    functions::register(m)?;
    m.add("MAX_AMOUNT", alexpay_core::MAX_AMOUNT)?;
    m.add("MAX_NARRATION_CHARS", alexpay_core::MAX_NARRATION_CHARS)?;
    m.add("DEFAULT_USER_AGENT", alexpay_core::DEFAULT_USER_AGENT)?;
    m.add("DEFAULT_TOLERANCE_SECS", alexpay_core::DEFAULT_TOLERANCE_SECS)?;
    m.add("DEFAULT_REQUEST_TIMEOUT_MS", alexpay_core::DEFAULT_REQUEST_TIMEOUT_MS)?;
    m.add("DEFAULT_WEBHOOK_DEADLINE_MS", alexpay_core::DEFAULT_WEBHOOK_DEADLINE_MS)?;
    m.add("DEFAULT_WAIT_MS", alexpay_core::DEFAULT_WAIT_MS)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
