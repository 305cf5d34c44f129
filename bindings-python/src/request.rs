//! `HttpRequest`: a built request as Python values. The method, URL and
//! body are made once, when the request is built, and read as plain struct
//! members; the headers dict is made once per client and operation
//! (`RequestShape`) and copied on each read (issue 13: building it from the
//! Rust strings on every read was most of a build's conversion cost).

use alexpay_core as core;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::types::short_repr;

/// The method and headers every request of one operation of one client
/// carries (`core::Client::request_shape`), made into Python objects once.
pub(crate) struct RequestShape {
    /// A request holding the core's method and headers: its `Drop` zeroizes
    /// the secret-key header, as every request's does.
    core: core::HttpRequest,
    method: Py<PyString>,
    headers: Py<PyDict>,
}

impl RequestShape {
    pub(crate) fn new(py: Python<'_>, client: &core::Client, operation: core::Operation) -> PyResult<Self> {
        let (method, headers) = client.request_shape(operation);
        let core = core::HttpRequest {
            method,
            url: String::new(),
            headers,
            body: None,
        };
        Ok(RequestShape {
            method: PyString::intern(py, method).unbind(),
            headers: headers_dict(py, &core.headers)?,
            core,
        })
    }

    /// The shape's objects when `request` has exactly its method and headers.
    fn matching(&self, request: &core::HttpRequest) -> Option<&Self> {
        (request.method == self.core.method && request.headers == self.core.headers).then_some(self)
    }
}

fn headers_dict(py: Python<'_>, headers: &[(String, String)]) -> PyResult<Py<PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in headers {
        dict.set_item(k, v)?;
    }
    Ok(dict.unbind())
}

/// An HTTP request as plain data, ready for any client:
/// ``httpx.request(r.method, r.url, headers=r.headers, content=r.body)`` or
/// ``requests.request(r.method, r.url, headers=r.headers, data=r.body)``.
///
/// ``headers`` carries the secret key (as ``secret-key``) because Alexpay
/// needs it; the repr of the request redacts it, so do not log the headers
/// dict itself.
#[pyclass(frozen, module = "alexpay")]
pub(crate) struct HttpRequest {
    inner: core::HttpRequest,
    /// ``"POST"`` or ``"GET"``.
    #[pyo3(get)]
    method: Py<PyString>,
    /// The full URL.
    #[pyo3(get)]
    url: Py<PyString>,
    /// The body bytes; ``b""`` for requests without a body (status checks).
    #[pyo3(get)]
    body: Py<PyBytes>,
    /// Never handed out: `headers` returns a copy.
    headers: Py<PyDict>,
}

impl HttpRequest {
    /// `shape`: the building client's, shared when the request matches it.
    pub(crate) fn new(py: Python<'_>, inner: core::HttpRequest, shape: Option<&RequestShape>) -> PyResult<Self> {
        let (method, headers) = match shape.and_then(|s| s.matching(&inner)) {
            Some(s) => (s.method.clone_ref(py), s.headers.clone_ref(py)),
            None => (
                PyString::intern(py, inner.method).unbind(),
                headers_dict(py, &inner.headers)?,
            ),
        };
        Ok(HttpRequest {
            method,
            url: PyString::new(py, &inner.url).unbind(),
            body: PyBytes::new(py, inner.body.as_deref().unwrap_or_default()).unbind(),
            headers,
            inner,
        })
    }
}

#[pymethods]
impl HttpRequest {
    /// A new ``dict`` of lowercase header names to values (includes the
    /// secret key).
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.headers.bind(py).copy()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let me = slf.get();
        let headers = PyDict::new(py);
        for (k, v) in &me.inner.headers {
            if k.eq_ignore_ascii_case(core::SECRET_KEY_HEADER) {
                headers.set_item(k, "[REDACTED]")?;
            } else {
                headers.set_item(k, v)?;
            }
        }
        Ok(format!(
            "HttpRequest(method={}, url={}, headers={}, body={})",
            short_repr(me.method.bind(py).as_any())?,
            short_repr(me.url.bind(py).as_any())?,
            headers.repr()?.to_string_lossy(),
            short_repr(me.body.bind(py).as_any())?,
        ))
    }
}
