//! The core's flows as Python classes. They only convert: every decision
//! (retry, resend, final status) is the core's. The Python drivers
//! (`alexpay/_driver.py`) feed them responses, transport failures and the
//! time, and do the I/O the actions ask for.

use alexpay_core as core;
use alexpay_core::Field;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert;
use crate::errors::{from_core, from_core_with_payout, OrRaise};
use crate::request::HttpRequest;
use crate::types::{Client, Payout, StatusReport, WebhookEvent};

/// What the driver does next: ``kind`` is ``"send"`` (send ``request`` with
/// ``timeout_ms``, read at most ``max_body_bytes`` + 1 bytes of the answer,
/// answer quoting ``id``), ``"wait"`` (until ``until_ms``) or ``"done"``
/// (``outcome`` is set).
#[pyclass(frozen, module = "alexpay._alexpay")]
pub(crate) struct FlowAction {
    #[pyo3(get)]
    kind: &'static str,
    #[pyo3(get)]
    id: Option<u64>,
    #[pyo3(get)]
    operation: Option<&'static str>,
    #[pyo3(get)]
    request: Option<Py<HttpRequest>>,
    #[pyo3(get)]
    timeout_ms: Option<u64>,
    #[pyo3(get)]
    max_body_bytes: Option<usize>,
    #[pyo3(get)]
    until_ms: Option<u64>,
    #[pyo3(get)]
    outcome: Option<Py<PyAny>>,
}

#[pymethods]
impl FlowAction {
    fn __repr__(&self) -> String {
        match self.kind {
            "send" => format!(
                "FlowAction(kind='send', id={}, operation={:?}, timeout_ms={})",
                self.id.unwrap_or_default(),
                self.operation.unwrap_or_default(),
                self.timeout_ms.unwrap_or_default()
            ),
            "wait" => format!(
                "FlowAction(kind='wait', until_ms={})",
                self.until_ms.unwrap_or_default()
            ),
            _ => "FlowAction(kind='done')".to_string(),
        }
    }
}

fn action<O>(py: Python<'_>, a: core::Action<O>, done: impl FnOnce(O) -> PyResult<Py<PyAny>>) -> PyResult<FlowAction> {
    let empty = FlowAction {
        kind: "done",
        id: None,
        operation: None,
        request: None,
        timeout_ms: None,
        max_body_bytes: None,
        until_ms: None,
        outcome: None,
    };
    Ok(match a {
        core::Action::Send(o) => FlowAction {
            kind: "send",
            id: Some(o.id),
            operation: Some(o.operation.as_str()),
            request: Some(Py::new(py, HttpRequest::new(py, o.request, None)?)?),
            timeout_ms: Some(o.timeout_ms),
            max_body_bytes: Some(o.max_body_bytes),
            ..empty
        },
        core::Action::Wait { until_ms } => FlowAction {
            kind: "wait",
            until_ms: Some(until_ms),
            ..empty
        },
        core::Action::Done(o) => FlowAction {
            outcome: Some(done(o)?),
            ..empty
        },
    })
}

/// How a payout or follow flow ended: ``kind`` is ``"succeeded"``,
/// ``"failed"``, ``"pending"``, ``"rejected"`` or ``"unknown"``.
/// ``raise_if_error()`` raises the exception of a rejected or unknown one.
#[pyclass(frozen, module = "alexpay._alexpay")]
pub(crate) struct PayoutOutcome {
    inner: core::Outcome,
}

#[pymethods]
impl PayoutOutcome {
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }
    #[getter]
    fn payout_id(&self) -> Option<&str> {
        self.inner.payout_id.as_deref()
    }
    #[getter]
    fn message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }
    #[getter]
    fn report(&self, py: Python<'_>) -> PyResult<Option<Py<StatusReport>>> {
        self.inner
            .report
            .clone()
            .map(|inner| Py::new(py, StatusReport::new(py, inner)?))
            .transpose()
    }
    #[getter]
    fn payout(&self, py: Python<'_>) -> PyResult<Option<Py<Payout>>> {
        self.inner
            .payout
            .clone()
            .map(|inner| Py::new(py, Payout { inner }))
            .transpose()
    }
    /// The error code of a rejected or unknown outcome, else ``None``.
    #[getter]
    fn error_code(&self) -> Option<&'static str> {
        self.inner.error.as_ref().map(|e| e.code().as_str())
    }

    /// Raises the outcome's exception (``OutcomeUnknownError`` chained to
    /// what happened, or the refusal's own), or returns ``None``.
    fn raise_if_error(&self, py: Python<'_>) -> PyResult<()> {
        let Some(error) = &self.inner.error else {
            return Ok(());
        };
        let err = from_core_with_payout(py, error, self.inner.payout_id.as_deref());
        if let Some(cause) = &self.inner.cause {
            err.set_cause(py, Some(from_core(py, cause)));
        }
        Err(err)
    }

    fn __repr__(&self) -> String {
        format!(
            "PayoutOutcome(kind={:?}, payout_id={:?}, error_code={:?})",
            self.kind(),
            self.payout_id(),
            self.error_code()
        )
    }
}

/// How a webhook flow ended: ``ok`` with the result's fields, or
/// ``raise_if_error()`` raising the error. ``receiver_status`` is the HTTP
/// status to answer the sender with (200, 400, 401 or 503).
#[pyclass(frozen, module = "alexpay._alexpay")]
pub(crate) struct WebhookOutcome {
    inner: core::WebhookOutcome,
}

#[pymethods]
impl WebhookOutcome {
    #[getter]
    fn ok(&self) -> bool {
        self.inner.is_ok()
    }
    #[getter]
    fn receiver_status(&self) -> u16 {
        core::receiver_status(&self.inner)
    }
    #[getter]
    fn error_code(&self) -> Option<&'static str> {
        self.inner.as_ref().err().map(|e| e.code().as_str())
    }
    fn raise_if_error(&self, py: Python<'_>) -> PyResult<()> {
        match &self.inner {
            Ok(_) => Ok(()),
            Err(e) => {
                let err = from_core(py, e);
                err.value(py)
                    .setattr("receiver_status", core::receiver_status(&self.inner))?;
                Err(err)
            }
        }
    }
    /// The result's fields as a dict (``payout_id``, ``status``,
    /// ``raw_status``, ``event_status``, ``stale``, ``webhook_id``,
    /// ``report``, ``event``); raises for an error outcome.
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = self.inner.as_ref().map_err(|e| from_core(py, e))?;
        let d = PyDict::new(py);
        d.set_item("payout_id", &r.payout_id)?;
        d.set_item("status", r.status.as_str())?;
        d.set_item("raw_status", &r.raw_status)?;
        d.set_item("event_status", r.event_status.as_ref().map(core::PayoutStatus::as_str))?;
        d.set_item("stale", r.stale)?;
        d.set_item("webhook_id", r.webhook_id.as_deref())?;
        d.set_item("report", Py::new(py, StatusReport::new(py, r.report.clone())?)?)?;
        d.set_item("event", Py::new(py, WebhookEvent { inner: r.event.clone() })?)?;
        Ok(d)
    }
    fn __repr__(&self) -> String {
        match &self.inner {
            Ok(r) => format!(
                "WebhookOutcome(ok=True, payout_id={:?}, status={:?}, stale={})",
                r.payout_id,
                r.status.as_str(),
                r.stale
            ),
            Err(e) => format!("WebhookOutcome(ok=False, error_code={:?})", e.code().as_str()),
        }
    }
}

fn ms(obj: &Bound<'_, PyAny>, field: Field) -> PyResult<u64> {
    convert::int(obj, field, "whole milliseconds, 0 or more")
}

fn transport(kind: &Bound<'_, PyAny>) -> PyResult<core::TransportError> {
    core::TransportError::parse(&convert::text(kind, Field::TransportError)?).or_raise()
}

fn options(
    request_timeout_ms: &Bound<'_, PyAny>,
    wait_ms: &Bound<'_, PyAny>,
    seed: &Bound<'_, PyAny>,
) -> PyResult<core::FlowOptions> {
    Ok(core::FlowOptions {
        request_timeout_ms: ms(request_timeout_ms, Field::RequestTimeoutMs)?,
        wait_ms: ms(wait_ms, Field::WaitMs)?,
        seed: convert::int(seed, Field::Seed, "a seed from 0 to 2**64 - 1")?,
    })
}

/// The methods every flow shares, written once.
macro_rules! flow_methods {
    ($ty:ident, $done:expr, { $($own:tt)* }) => {
        #[pymethods]
        impl $ty {
            $($own)*

            /// What to do at ``now_ms`` (the driver's monotonic clock).
            fn next(&mut self, py: Python<'_>, now_ms: &Bound<'_, PyAny>) -> PyResult<FlowAction> {
                let now = ms(now_ms, Field::Now)?;
                action(py, self.inner.next(now), |o| $done(py, o))
            }

            /// The answer to request ``id``; stale ids are ignored.
            fn on_response(
                &mut self,
                id: &Bound<'_, PyAny>,
                now_ms: &Bound<'_, PyAny>,
                http_status: &Bound<'_, PyAny>,
                headers: &Bound<'_, PyAny>,
                body: &Bound<'_, PyAny>,
            ) -> PyResult<()> {
                let id: u64 = convert::int(id, Field::RequestId, "the id of the request answered")?;
                let now = ms(now_ms, Field::Now)?;
                let status: u16 = convert::int(http_status, Field::HttpStatus, "an HTTP status from 100 to 599")?;
                let headers = convert::headers(headers)?;
                let body = convert::body(body, "body", "pass the response body as bytes")?;
                self.inner.on_response(id, now, status, &headers, body.as_bytes()).or_raise()
            }

            /// Request ``id`` failed before an answer: ``"connect"`` (nothing was
            /// sent), ``"timeout"`` or ``"connection_lost"``.
            fn on_transport_error(
                &mut self,
                id: &Bound<'_, PyAny>,
                now_ms: &Bound<'_, PyAny>,
                kind: &Bound<'_, PyAny>,
            ) -> PyResult<()> {
                let id: u64 = convert::int(id, Field::RequestId, "the id of the request answered")?;
                let now = ms(now_ms, Field::Now)?;
                self.inner.on_transport_error(id, now, transport(kind)?);
                Ok(())
            }

            /// Ends the flow with the outcome its state allows.
            fn cancel(&mut self, now_ms: &Bound<'_, PyAny>) -> PyResult<()> {
                self.inner.cancel(ms(now_ms, Field::Now)?);
                Ok(())
            }
        }
    };
}

fn payout_outcome(py: Python<'_>, o: core::Outcome) -> PyResult<Py<PyAny>> {
    Ok(Py::new(py, PayoutOutcome { inner: o })?.into_any())
}

fn webhook_outcome(py: Python<'_>, o: core::WebhookOutcome) -> PyResult<Py<PyAny>> {
    Ok(Py::new(py, WebhookOutcome { inner: o })?.into_any())
}

/// The payout flow: one payout request, resent only when nothing can have
/// been created, then (``wait_ms`` > 0) followed to a final status.
#[pyclass(module = "alexpay._alexpay")]
pub(crate) struct PayoutFlow {
    inner: core::PayoutFlow,
}

flow_methods!(PayoutFlow, payout_outcome, {
    #[staticmethod]
    #[pyo3(signature = (client, *, amount, country_id, phone_number = None, narration = None, webhook_url = None, request_timeout_ms, wait_ms, seed))]
    #[allow(clippy::too_many_arguments)]
    fn mobile_money(
        client: &Bound<'_, Client>,
        amount: &Bound<'_, PyAny>,
        country_id: &Bound<'_, PyAny>,
        phone_number: Option<&Bound<'_, PyAny>>,
        narration: Option<&Bound<'_, PyAny>>,
        webhook_url: Option<&Bound<'_, PyAny>>,
        request_timeout_ms: &Bound<'_, PyAny>,
        wait_ms: &Bound<'_, PyAny>,
        seed: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let payout = crate::types::mobile_money(amount, country_id, phone_number, narration, webhook_url)?;
        let options = options(request_timeout_ms, wait_ms, seed)?;
        Ok(PayoutFlow {
            inner: core::PayoutFlow::mobile_money(client.get().core(), &payout, options).or_raise()?,
        })
    }

    #[staticmethod]
    #[pyo3(signature = (client, *, amount, country_id, bank_id, account_number, narration = None, webhook_url = None, request_timeout_ms, wait_ms, seed))]
    #[allow(clippy::too_many_arguments)]
    fn bank(
        client: &Bound<'_, Client>,
        amount: &Bound<'_, PyAny>,
        country_id: &Bound<'_, PyAny>,
        bank_id: Option<&Bound<'_, PyAny>>,
        account_number: Option<&Bound<'_, PyAny>>,
        narration: Option<&Bound<'_, PyAny>>,
        webhook_url: Option<&Bound<'_, PyAny>>,
        request_timeout_ms: &Bound<'_, PyAny>,
        wait_ms: &Bound<'_, PyAny>,
        seed: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let payout = crate::types::bank(amount, country_id, bank_id, account_number, narration, webhook_url)?;
        let options = options(request_timeout_ms, wait_ms, seed)?;
        Ok(PayoutFlow {
            inner: core::PayoutFlow::bank(client.get().core(), &payout, options).or_raise()?,
        })
    }

    /// Payout requests emitted so far.
    #[getter]
    fn attempts(&self) -> u32 {
        self.inner.attempts()
    }
});

/// The follow flow: status checks for a known payout id until a final status
/// or ``wait_ms`` (0: one check).
#[pyclass(module = "alexpay._alexpay")]
pub(crate) struct FollowFlow {
    inner: core::FollowFlow,
}

flow_methods!(FollowFlow, payout_outcome, {
    #[new]
    #[pyo3(signature = (client, payout_id, *, request_timeout_ms, wait_ms, seed))]
    fn new(
        client: &Bound<'_, Client>,
        payout_id: &Bound<'_, PyAny>,
        request_timeout_ms: &Bound<'_, PyAny>,
        wait_ms: &Bound<'_, PyAny>,
        seed: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let id = convert::text(payout_id, Field::PayoutId)?;
        let options = options(request_timeout_ms, wait_ms, seed)?;
        Ok(FollowFlow {
            inner: core::FollowFlow::new(client.get().core(), &id, options).or_raise()?,
        })
    }
});

/// The webhook flow: verify (with ``secret``), parse, check the payout's
/// status, finish with that truth.
#[pyclass(module = "alexpay._alexpay")]
pub(crate) struct WebhookFlow {
    inner: core::WebhookFlow,
}

flow_methods!(WebhookFlow, webhook_outcome, {
    #[new]
    #[pyo3(signature = (client, body, headers, *, secret = None, tolerance_secs = core::DEFAULT_TOLERANCE_SECS, request_timeout_ms, deadline_ms, seed))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        client: &Bound<'_, Client>,
        body: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        secret: Option<&Bound<'_, PyAny>>,
        tolerance_secs: u64,
        request_timeout_ms: &Bound<'_, PyAny>,
        deadline_ms: &Bound<'_, PyAny>,
        seed: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let body = convert::body(body, "body", "pass the raw request body exactly as received")?;
        let headers = convert::headers(headers)?;
        let options = core::WebhookOptions {
            secret: convert::optional_text(secret, Field::Secret)?,
            tolerance_secs,
            request_timeout_ms: ms(request_timeout_ms, Field::RequestTimeoutMs)?,
            deadline_ms: ms(deadline_ms, Field::WaitMs)?,
            seed: convert::int(seed, Field::Seed, "a seed from 0 to 2**64 - 1")?,
        };
        Ok(WebhookFlow {
            inner: core::WebhookFlow::new(client.get().core(), body.as_bytes(), &headers, options).or_raise()?,
        })
    }
});
