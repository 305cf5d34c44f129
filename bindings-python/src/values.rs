//! Rust values to the Python objects a result's attributes hold. Results
//! build them once, when they are made, and keep them as `Py<...>` fields of
//! a frozen class: pyo3 then exposes such a field as a plain struct member,
//! read by the interpreter without calling into Rust (a getter call that
//! made a new `str` cost ~60 ns per attribute read; issue 13).

use alexpay_core::PayoutStatus;
use pyo3::prelude::*;
use std::sync::Mutex;

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

/// The fields whose values come from a small set in practice (a merchant
/// sees a handful of currencies, operators, methods...): each keeps the
/// last `str` it made, shared by the next answer that carries the same text
/// instead of making an equal one (strings are immutable, so sharing is
/// invisible; ids, references and times are never shared).
#[derive(Clone, Copy)]
pub(crate) enum Recurring {
    RawStatus,
    Currency,
    Environment,
    PayoutType,
    Method,
    Operator,
}

const RECURRING: usize = 6;

type Slot = Option<(Box<str>, Py<PyString>)>;

static RECENT: Mutex<[Slot; RECURRING]> = Mutex::new([const { None }; RECURRING]);

/// A `str` for a recurring field: the last one made for `field` when the
/// text is the same, else a new one that replaces it.
pub(crate) fn recurring(py: Python<'_>, field: Recurring, s: &str) -> Py<PyString> {
    // `try_lock`: another thread (free-threaded Python) or a re-entry simply
    // makes its own string; nothing ever waits.
    let Ok(mut slots) = RECENT.try_lock() else {
        return text(py, s);
    };
    let slot = &mut slots[field as usize];
    if let Some((last, obj)) = slot {
        if **last == *s {
            return obj.clone_ref(py);
        }
    }
    let obj = text(py, s);
    *slot = Some((s.into(), obj.clone_ref(py)));
    obj
}

/// A recurring field's `str`, or `None`.
pub(crate) fn optional_recurring(py: Python<'_>, field: Recurring, s: Option<&str>) -> Py<PyAny> {
    match s {
        Some(s) => recurring(py, field, s).into_any(),
        None => py.None(),
    }
}
