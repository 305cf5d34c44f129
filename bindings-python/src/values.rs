//! Rust values to the Python objects a result's attributes hold. Results
//! build them once, when they are made, and keep them as `Py<...>` fields of
//! a frozen class: pyo3 then exposes such a field as a plain struct member,
//! read by the interpreter without calling into Rust, and `obj.attr` is
//! specialised by CPython 3.11+ (issue 13: 15 direct reads ~80 ns, against
//! ~460 ns of getter calls that each made a new `str`).

use alexpay_core::PayoutStatus;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};

/// A `str`.
pub(crate) fn text(py: Python<'_>, s: &str) -> Py<PyString> {
    PyString::new(py, s).unbind()
}

/// A `str`, or `None`.
pub(crate) fn optional_text(py: Python<'_>, s: Option<&str>) -> Py<PyAny> {
    match s {
        Some(s) => PyString::new(py, s).into_any().unbind(),
        None => py.None(),
    }
}

/// A `bool`, or `None`.
pub(crate) fn optional_bool(py: Python<'_>, b: Option<bool>) -> Py<PyAny> {
    match b {
        Some(b) => PyBool::new(py, b).to_owned().into_any().unbind(),
        None => py.None(),
    }
}

/// An amount (`int` or `Decimal`, see `money`), or `None`.
pub(crate) fn money(py: Python<'_>, value: Option<f64>) -> PyResult<Py<PyAny>> {
    Ok(crate::money::money(py, value)?.unwrap_or_else(|| py.None()))
}

/// The normalised status word, one shared interned `str` per word.
pub(crate) fn status(py: Python<'_>, status: &PayoutStatus) -> Py<PyString> {
    let word = match status {
        PayoutStatus::Pending => pyo3::intern!(py, "pending"),
        PayoutStatus::Succeeded => pyo3::intern!(py, "succeeded"),
        PayoutStatus::Failed => pyo3::intern!(py, "failed"),
        PayoutStatus::Unknown(_) => pyo3::intern!(py, "unknown"),
    };
    word.clone().unbind()
}

/// A normalised status, or `None`.
pub(crate) fn optional_status(py: Python<'_>, s: Option<&PayoutStatus>) -> Py<PyAny> {
    match s {
        Some(s) => status(py, s).into_any(),
        None => py.None(),
    }
}
