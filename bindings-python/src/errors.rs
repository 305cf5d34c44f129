//! The one place where errors become Python exceptions.
//!
//! The exception class is chosen from the core's `ErrorCode::family()`, never
//! from message text. The classes themselves are plain Python
//! (`alexpay/_errors.py`, so `ValidationError` can also be a `ValueError`);
//! they are imported once and cached.

use alexpay_core::{Error, ErrorCode, ErrorFamily, Field, NameStyle};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

const ERRORS_MODULE: &str = "alexpay._errors";

static VALIDATION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static API: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static WEBHOOK: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONFLICT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static OUTCOME_UNKNOWN: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONNECTION_FAILED: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FLOW: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The exception class for a code: by family, and within the flow family by
/// code (callers catch "the payout may exist" on its own).
fn class(py: Python<'_>, code: ErrorCode) -> PyResult<&Bound<'_, PyType>> {
    let (cell, name) = match (code.family(), code) {
        (ErrorFamily::Validation, _) => (&VALIDATION, "ValidationError"),
        (ErrorFamily::Api, _) => (&API, "ApiError"),
        (ErrorFamily::Webhook, _) => (&WEBHOOK, "WebhookError"),
        (ErrorFamily::Conflict, _) => (&CONFLICT, "ConflictError"),
        (ErrorFamily::Flow, ErrorCode::OutcomeUnknown) => (&OUTCOME_UNKNOWN, "OutcomeUnknownError"),
        (ErrorFamily::Flow, ErrorCode::ConnectionFailed) => (&CONNECTION_FAILED, "ConnectionFailedError"),
        (ErrorFamily::Flow, _) => (&FLOW, "FlowError"),
    };
    cell.import(py, ERRORS_MODULE, name)
}

/// What an `AlexpayError` carries.
struct Details<'a> {
    code: ErrorCode,
    field: Option<&'static str>,
    message: String,
    http_status: Option<u16>,
    retryable: bool,
    api_code: Option<&'a str>,
    api_message: Option<&'a str>,
    payout_id: Option<&'a str>,
}

fn build(py: Python<'_>, d: Details<'_>) -> PyErr {
    let made = (|| -> PyResult<PyErr> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("code", d.code.as_str())?;
        kwargs.set_item("field", d.field)?;
        kwargs.set_item("http_status", d.http_status)?;
        kwargs.set_item("retryable", d.retryable)?;
        kwargs.set_item("api_code", d.api_code)?;
        kwargs.set_item("api_message", d.api_message)?;
        kwargs.set_item("payout_id", d.payout_id)?;
        let instance = class(py, d.code)?.call((d.message,), Some(&kwargs))?;
        Ok(PyErr::from_value(instance))
    })();
    made.unwrap_or_else(|e| e)
}

/// A core error as the matching `AlexpayError` subclass.
pub(crate) fn from_core(py: Python<'_>, e: &Error) -> PyErr {
    from_core_with_payout(py, e, None)
}

/// A core error carrying the payout id a flow learned (for
/// `OutcomeUnknownError.payout_id`).
pub(crate) fn from_core_with_payout(py: Python<'_>, e: &Error, payout_id: Option<&str>) -> PyErr {
    build(
        py,
        Details {
            code: e.code(),
            field: e.field_name(NameStyle::Snake),
            message: e.message(NameStyle::Snake),
            http_status: e.http_status(),
            retryable: e.retryable(),
            api_code: e.api_code(),
            api_message: e.api_message(),
            payout_id: payout_id.or(e.payout_id()),
        },
    )
}

/// A value of the right Python type that the Rust type cannot hold (an int
/// out of range, a str with a lone surrogate): `invalid_argument`, or the
/// field's own code for `amount`.
pub(crate) fn invalid(code: ErrorCode, field: Field, reason: &str) -> PyErr {
    let name = field.name(NameStyle::Snake);
    Python::attach(|py| {
        build(
            py,
            Details {
                code,
                field: Some(name),
                message: format!("{name}: {reason}"),
                http_status: None,
                retryable: false,
                api_code: None,
                api_message: None,
                payout_id: None,
            },
        )
    })
}

/// A value of the wrong Python type: a `TypeError` naming the argument.
pub(crate) fn wrong_type(name: &str, reason: impl std::fmt::Display) -> PyErr {
    PyTypeError::new_err(format!("{name}: {reason}"))
}

/// `result.or_raise()?` turns a core error into its Python exception.
pub(crate) trait OrRaise<T> {
    fn or_raise(self) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, Error> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(|e| Python::attach(|py| from_core(py, &e)))
    }
}
