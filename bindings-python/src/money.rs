//! Money is never a binary float in Python: whole amounts are `int`, others
//! `decimal.Decimal` built from the shortest text that round-trips the
//! parsed number (the digits Alexpay sent, for up to 15 significant digits).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Largest whole number an f64 holds exactly.
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

pub(crate) fn money(py: Python<'_>, value: Option<f64>) -> PyResult<Option<Py<PyAny>>> {
    let Some(v) = value else {
        return Ok(None);
    };
    if v.fract() == 0.0 && v.abs() <= EXACT_INT {
        return Ok(Some((v as i64).into_pyobject(py)?.into_any().unbind()));
    }
    let decimal = DECIMAL.import(py, "decimal", "Decimal")?;
    Ok(Some(decimal.call1((format!("{v}"),))?.unbind()))
}
