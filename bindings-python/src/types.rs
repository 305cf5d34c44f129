//! The Python classes: thin, immutable wrappers around the core's values
//! (the tracker is the one mutable object). No repr shows the secret key.

use alexpay_core as core;
use alexpay_core::Field;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyString};

use crate::convert::{self, type_name};
use crate::errors::{wrong_type, OrRaise};
use crate::request::{HttpRequest, RequestShape};
use crate::values;

/// What `__reduce__` returns: the function that rebuilds the value, and its arguments.
type Reduce<'py, Args> = PyResult<(Bound<'py, PyAny>, Args)>;

/// Longest repr of one attribute value before it is cut short.
const REPR_VALUE_CHARS: usize = 120;

pub(crate) fn short_repr(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let full = value.repr()?.to_string_lossy().into_owned();
    let count = full.chars().count();
    if count <= REPR_VALUE_CHARS {
        return Ok(full);
    }
    let head: String = full.chars().take(REPR_VALUE_CHARS).collect();
    Ok(format!("{head}...<{count} chars>"))
}

/// The attributes as a dict, for `to_dict()`.
fn dict_of<'py>(obj: &Bound<'py, PyAny>, names: &[&str]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(obj.py());
    for name in names {
        d.set_item(*name, obj.getattr(*name)?)?;
    }
    Ok(d)
}

const REPORT_FIELDS: [&str; 16] = [
    "id",
    "reference",
    "amount",
    "charge",
    "currency",
    "status",
    "raw_status",
    "environment",
    "type",
    "method",
    "operator",
    "narration",
    "is_disbursed",
    "created_at",
    "updated_at",
    "message",
];

/// `Class(a=..., b=...)` from the object's own attributes.
fn repr_of(obj: &Bound<'_, PyAny>, class: &str, names: &[&str]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(names.len());
    for name in names {
        parts.push(format!("{name}={}", short_repr(&obj.getattr(*name)?)?));
    }
    Ok(format!("{class}({})", parts.join(", ")))
}

/// A configured Alexpay client. It holds no connection: its methods build
/// `HttpRequest`s that any HTTP client (httpx, requests, aiohttp, ...) sends.
///
/// - ``public_key`` / ``secret_key``: the merchant's Alexpay keys (printable
///   ASCII). The secret key is never shown by any repr, str or error.
/// - ``base_url``: Alexpay's API root, ``https://...`` (plain ``http://``
///   only for localhost); Alexpay publishes none, so it is required.
/// - ``user_agent``: sent as ``User-Agent``; defaults to ``DEFAULT_USER_AGENT``.
///
/// Raises ``ValidationError`` (``invalid_credentials``, ``invalid_base_url``,
/// ``invalid_user_agent``) for bad values and ``TypeError`` for non-str ones.
#[pyclass(frozen, subclass, module = "alexpay")]
pub(crate) struct Client {
    inner: core::Client,
    /// Every payout request's method and headers, as Python objects made once.
    payout_shape: RequestShape,
    /// Every status check's.
    status_shape: RequestShape,
}

impl Client {
    pub(crate) fn core(&self) -> &core::Client {
        &self.inner
    }
}

/// A mobile-money payout from Python arguments (shared by the request
/// builder and the payout flow): types and text first, then the amount's
/// range (see `convert::amount_int`).
pub(crate) fn mobile_money(
    amount: &Bound<'_, PyAny>,
    country_id: &Bound<'_, PyAny>,
    phone_number: Option<&Bound<'_, PyAny>>,
    narration: Option<&Bound<'_, PyAny>>,
    webhook_url: Option<&Bound<'_, PyAny>>,
) -> PyResult<core::MobileMoneyPayout> {
    let amount = convert::amount_int(amount)?;
    let country_id = convert::text(country_id, Field::CountryId)?;
    let phone_number = convert::optional_text(phone_number, Field::PhoneNumber)?;
    let narration = convert::optional_text(narration, Field::Narration)?;
    let webhook_url = convert::optional_text(webhook_url, Field::WebhookUrl)?;
    Ok(core::MobileMoneyPayout {
        amount: convert::amount_range(amount)?,
        country_id,
        phone_number,
        narration,
        webhook_url,
    })
}

/// A bank payout from Python arguments.
pub(crate) fn bank(
    amount: &Bound<'_, PyAny>,
    country_id: &Bound<'_, PyAny>,
    bank_id: Option<&Bound<'_, PyAny>>,
    account_number: Option<&Bound<'_, PyAny>>,
    narration: Option<&Bound<'_, PyAny>>,
    webhook_url: Option<&Bound<'_, PyAny>>,
) -> PyResult<core::BankPayout> {
    let amount = convert::amount_int(amount)?;
    let country_id = convert::text(country_id, Field::CountryId)?;
    let bank_id = convert::optional_text(bank_id, Field::BankId)?.unwrap_or_default();
    let account_number = convert::optional_text(account_number, Field::AccountNumber)?.unwrap_or_default();
    let narration = convert::optional_text(narration, Field::Narration)?;
    let webhook_url = convert::optional_text(webhook_url, Field::WebhookUrl)?;
    Ok(core::BankPayout {
        amount: convert::amount_range(amount)?,
        country_id,
        bank_id,
        account_number,
        narration,
        webhook_url,
    })
}

#[pymethods]
impl Client {
    #[new]
    #[pyo3(signature = (*, public_key, secret_key, base_url, user_agent = None, max_body_bytes = None))]
    fn new(
        py: Python<'_>,
        public_key: &Bound<'_, PyAny>,
        secret_key: &Bound<'_, PyAny>,
        base_url: &Bound<'_, PyAny>,
        user_agent: Option<&Bound<'_, PyAny>>,
        max_body_bytes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let config = core::ClientConfig {
            public_key: convert::text(public_key, Field::PublicKey)?,
            secret_key: convert::text(secret_key, Field::SecretKey)?,
            base_url: convert::text(base_url, Field::BaseUrl)?,
            user_agent: convert::optional_text(user_agent, Field::UserAgent)?,
            max_body_bytes: convert::optional_max_body_bytes(max_body_bytes)?,
        };
        let inner = core::Client::new(config).or_raise()?;
        Ok(Client {
            payout_shape: RequestShape::new(py, &inner, core::Operation::Payout)?,
            status_shape: RequestShape::new(py, &inner, core::Operation::StatusCheck)?,
            inner,
        })
    }

    /// The public key, sent as the ``public-key`` header.
    #[getter]
    fn public_key(&self) -> &str {
        self.inner.public_key()
    }

    /// The base URL, without a trailing slash.
    #[getter]
    fn base_url(&self) -> &str {
        self.inner.base_url()
    }

    /// The ``User-Agent`` sent with every request.
    #[getter]
    fn user_agent(&self) -> &str {
        self.inner.user_agent()
    }

    /// The largest response or webhook body read (default 1 MiB): a longer
    /// one is refused unread (``response_too_large``, ``webhook_too_large``).
    #[getter]
    fn max_body_bytes(&self) -> usize {
        self.inner.max_body_bytes()
    }

    /// Builds ``POST {base_url}/v1/payment/payouts/process`` paying a
    /// mobile-money wallet.
    ///
    /// - ``amount``: an ``int`` from 1 to ``MAX_AMOUNT`` (whole currency units;
    ///   ``bool``/``float``/``str`` raise ``TypeError``).
    /// - ``country_id``: Alexpay's country id.
    /// - ``phone_number``: the wallet to credit (9 to 15 digits; spaces,
    ///   dashes, dots, parentheses and one leading ``+`` are dropped).
    ///   ``None`` credits the merchant's own wallet; ``""`` is an error.
    /// - ``narration``: optional text (at most 255 characters).
    /// - ``webhook_url``: optional ``https://`` URL for this payout's webhook.
    ///
    /// Returns an ``HttpRequest``; raises ``ValidationError`` naming the first
    /// invalid field. Send it once: see ``retry_decision`` before resending.
    #[pyo3(signature = (*, amount, country_id, phone_number = None, narration = None, webhook_url = None))]
    fn mobile_money_payout(
        &self,
        amount: &Bound<'_, PyAny>,
        country_id: &Bound<'_, PyAny>,
        phone_number: Option<&Bound<'_, PyAny>>,
        narration: Option<&Bound<'_, PyAny>>,
        webhook_url: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<HttpRequest> {
        let payout = mobile_money(amount, country_id, phone_number, narration, webhook_url)?;
        let request = self.inner.mobile_money_payout(&payout).or_raise()?;
        HttpRequest::new(amount.py(), request, Some(&self.payout_shape))
    }

    /// Builds ``POST {base_url}/v1/payment/payouts/process`` paying a bank
    /// account.
    ///
    /// - ``amount``: an ``int`` from 1 to ``MAX_AMOUNT``.
    /// - ``country_id``, ``bank_id``, ``account_number``: Alexpay's ids (at
    ///   most 64 characters each). ``None`` or blank bank details raise
    ///   ``ValidationError`` with code ``missing_bank_details``.
    /// - ``narration``, ``webhook_url``: as for ``mobile_money_payout``.
    #[pyo3(signature = (*, amount, country_id, bank_id, account_number, narration = None, webhook_url = None))]
    fn bank_payout(
        &self,
        amount: &Bound<'_, PyAny>,
        country_id: &Bound<'_, PyAny>,
        bank_id: Option<&Bound<'_, PyAny>>,
        account_number: Option<&Bound<'_, PyAny>>,
        narration: Option<&Bound<'_, PyAny>>,
        webhook_url: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<HttpRequest> {
        let payout = bank(amount, country_id, bank_id, account_number, narration, webhook_url)?;
        let request = self.inner.bank_payout(&payout).or_raise()?;
        HttpRequest::new(amount.py(), request, Some(&self.payout_shape))
    }

    /// Builds ``GET {base_url}/v1/payment/{payout_id}/check`` (no body).
    /// Status checks are always safe to resend.
    ///
    /// Raises ``ValidationError`` (``invalid_payout_id``) for an id that is
    /// empty, too long or would change the URL path.
    fn status_check(&self, payout_id: &Bound<'_, PyAny>) -> PyResult<HttpRequest> {
        let id = convert::text(payout_id, Field::PayoutId)?;
        let request = self.inner.status_check(&id).or_raise()?;
        HttpRequest::new(payout_id.py(), request, Some(&self.status_shape))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_of(slf.as_any(), "Client", &["public_key", "base_url", "user_agent"])
    }
}

/// Alexpay's answer to a payout initiation (from ``parse_payout_response``).
///
/// ``status`` is ``"pending"``, ``"succeeded"``, ``"failed"`` or
/// ``"unknown"``; ``raw_status`` is the string Alexpay sent (``""`` when
/// absent). ``amount`` and ``message`` are ``None`` when absent.
#[pyclass(frozen, eq, module = "alexpay")]
#[derive(PartialEq)]
pub(crate) struct Payout {
    pub(crate) inner: core::Payout,
}

#[pymethods]
impl Payout {
    /// Alexpay's id for the payout: keep it to check the status later.
    #[getter]
    fn payout_id(&self) -> &str {
        &self.inner.payout_id
    }
    /// The amount Alexpay echoed, or ``None``.
    #[getter]
    fn amount(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        crate::money::money(py, self.inner.amount)
    }
    /// The normalised status.
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status.as_str()
    }
    /// The status exactly as Alexpay sent it.
    #[getter]
    fn raw_status(&self) -> &str {
        &self.inner.raw_status
    }
    /// Alexpay's message, or ``None``.
    #[getter]
    fn message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }
    /// The fields as a plain dict.
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        dict_of(
            slf.as_any(),
            &["payout_id", "amount", "status", "raw_status", "message"],
        )
    }
    /// Pickles as the answer it was parsed from (re-parsed on load).
    fn __reduce__<'py>(&self, py: Python<'py>) -> Reduce<'py, (u16, Bound<'py, PyBytes>)> {
        let p = &self.inner;
        let body = serde_json::json!({ "status": "success", "code": 0, "message": p.message,
            "data": { "payout_id": p.payout_id, "amount": p.amount, "status": p.raw_status } });
        let parse = py.import("alexpay._alexpay")?.getattr("parse_payout_response")?;
        Ok((parse, (200, PyBytes::new(py, body.to_string().as_bytes()))))
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_of(
            slf.as_any(),
            "Payout",
            &["payout_id", "amount", "status", "raw_status", "message"],
        )
    }
}

/// Alexpay's answer to a status check (from ``parse_status_response``).
/// Everything but ``id``, ``status`` and ``raw_status`` may be ``None``.
///
/// The attributes are Python objects made once, at parse time (see
/// `values`); `inner` keeps the core's value for equality, pickling, the
/// tracker and `confirm_webhook`.
#[pyclass(frozen, eq, module = "alexpay")]
pub(crate) struct StatusReport {
    pub(crate) inner: core::StatusReport,
    /// The payout's id.
    #[pyo3(get)]
    id: Py<PyString>,
    /// The merchant's or Alexpay's reference, or ``None``.
    #[pyo3(get)]
    reference: Py<PyAny>,
    /// The amount, or ``None``.
    #[pyo3(get)]
    amount: Py<PyAny>,
    /// Alexpay's fee (may be fractional), or ``None``.
    #[pyo3(get)]
    charge: Py<PyAny>,
    /// The currency code, or ``None``.
    #[pyo3(get)]
    currency: Py<PyAny>,
    /// The normalised status: ``"pending"``, ``"succeeded"``, ``"failed"`` or ``"unknown"``.
    #[pyo3(get)]
    status: Py<PyString>,
    /// The status exactly as Alexpay sent it.
    #[pyo3(get)]
    raw_status: Py<PyString>,
    /// ``live`` / ``sandbox`` as Alexpay reports it, or ``None``.
    #[pyo3(get)]
    environment: Py<PyAny>,
    /// The payout type Alexpay reports (its ``type`` field), or ``None``.
    #[pyo3(get, name = "type")]
    payout_type: Py<PyAny>,
    /// The payout method, or ``None``.
    #[pyo3(get)]
    method: Py<PyAny>,
    /// The mobile-money operator, or ``None``.
    #[pyo3(get)]
    operator: Py<PyAny>,
    /// The narration, or ``None``.
    #[pyo3(get)]
    narration: Py<PyAny>,
    /// Whether the funds left Alexpay, or ``None``.
    #[pyo3(get)]
    is_disbursed: Py<PyAny>,
    /// Creation time as Alexpay wrote it, or ``None``.
    #[pyo3(get)]
    created_at: Py<PyAny>,
    /// Last update time as Alexpay wrote it, or ``None``.
    #[pyo3(get)]
    updated_at: Py<PyAny>,
    /// Words explaining the status when the answer gave any (for a failed
    /// payout, its reason).
    #[pyo3(get)]
    message: Py<PyAny>,
}

impl StatusReport {
    pub(crate) fn new(py: Python<'_>, inner: core::StatusReport) -> PyResult<Self> {
        let r = &inner;
        Ok(StatusReport {
            id: values::text(py, &r.id),
            reference: values::optional_text(py, r.reference.as_deref()),
            amount: values::money(py, r.amount)?,
            charge: values::money(py, r.charge)?,
            currency: values::optional_text(py, r.currency.as_deref()),
            status: values::status(py, &r.status),
            raw_status: values::text(py, &r.raw_status),
            environment: values::optional_text(py, r.environment.as_deref()),
            payout_type: values::optional_text(py, r.payout_type.as_deref()),
            method: values::optional_text(py, r.method.as_deref()),
            operator: values::optional_text(py, r.operator.as_deref()),
            narration: values::optional_text(py, r.narration.as_deref()),
            is_disbursed: values::optional_bool(py, r.is_disbursed),
            created_at: values::optional_text(py, r.created_at.as_deref()),
            updated_at: values::optional_text(py, r.updated_at.as_deref()),
            message: values::optional_text(py, r.message.as_deref()),
            inner,
        })
    }
}

/// Equal when the core's values are: the Python attributes are made from them.
impl PartialEq for StatusReport {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

#[pymethods]
impl StatusReport {
    /// The fields as a plain dict.
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        dict_of(slf.as_any(), &REPORT_FIELDS)
    }
    /// Pickles as a status-check answer holding its fields (re-parsed on load).
    fn __reduce__<'py>(&self, py: Python<'py>) -> Reduce<'py, (u16, Bound<'py, PyBytes>)> {
        let r = &self.inner;
        let data = serde_json::json!({ "id": r.id, "reference": r.reference, "amount": r.amount, "charge": r.charge,
            "currency": r.currency, "status": r.raw_status, "environment": r.environment, "type": r.payout_type,
            "method": r.method, "operator": r.operator, "narration": r.narration, "is_disbursed": r.is_disbursed,
            "created_at": r.created_at, "updated_at": r.updated_at, "message": r.message });
        let body = serde_json::json!({ "status": "success", "code": 200, "data": data });
        let parse = py.import("alexpay._alexpay")?.getattr("parse_status_response")?;
        Ok((parse, (200, PyBytes::new(py, body.to_string().as_bytes()))))
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_of(slf.as_any(), "StatusReport", &REPORT_FIELDS)
    }
}

/// A parsed webhook (from ``parse_webhook``). Treat it as a hint: confirm it
/// with a status check (``confirm_webhook``) before acting on it.
#[pyclass(frozen, eq, module = "alexpay")]
#[derive(PartialEq)]
pub(crate) struct WebhookEvent {
    pub(crate) inner: core::WebhookEvent,
}

#[pymethods]
impl WebhookEvent {
    /// The payout id the webhook names (``payout_id``, ``id`` or ``reference``).
    #[getter]
    fn payout_id(&self) -> &str {
        &self.inner.payout_id
    }
    /// The ``reference``, or ``None``.
    #[getter]
    fn reference(&self) -> Option<&str> {
        self.inner.reference.as_deref()
    }
    /// The normalised status.
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status.as_str()
    }
    /// The status exactly as sent (``""`` when absent).
    #[getter]
    fn raw_status(&self) -> &str {
        &self.inner.raw_status
    }
    /// The amount, or ``None``.
    #[getter]
    fn amount(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        crate::money::money(py, self.inner.amount)
    }
    /// The body exactly as received (text).
    #[getter]
    fn raw(&self) -> &str {
        &self.inner.raw
    }
    /// The fields as a plain dict (with ``raw``, the body as received).
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        dict_of(
            slf.as_any(),
            &["payout_id", "reference", "status", "raw_status", "amount", "raw"],
        )
    }
    /// Pickles as its raw body (re-parsed on load).
    fn __reduce__<'py>(&self, py: Python<'py>) -> Reduce<'py, (Bound<'py, PyBytes>,)> {
        let parse = py.import("alexpay._alexpay")?.getattr("parse_webhook")?;
        Ok((parse, (PyBytes::new(py, self.inner.raw.as_bytes()),)))
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_of(
            slf.as_any(),
            "WebhookEvent",
            &["payout_id", "reference", "status", "raw_status", "amount"],
        )
    }
}

/// A webhook confirmed by a status check (from ``confirm_webhook``): the
/// status report's facts, safe to act on.
#[pyclass(frozen, eq, module = "alexpay")]
pub(crate) struct Confirmation {
    pub(crate) inner: core::Confirmation,
    /// The payout id.
    #[pyo3(get)]
    payout_id: Py<PyString>,
    /// The confirmed normalised status.
    #[pyo3(get)]
    status: Py<PyString>,
    /// The status as the status check sent it.
    #[pyo3(get)]
    raw_status: Py<PyString>,
    /// The confirmed amount, or ``None``.
    #[pyo3(get)]
    amount: Py<PyAny>,
    /// What the event claimed, normalised; ``None`` for an id-only event.
    #[pyo3(get)]
    event_status: Py<PyAny>,
    /// True when the event's claim differs from the status check (out of
    /// order or redelivered): a normal result, answer the webhook with 2xx.
    #[pyo3(get)]
    stale: Py<PyBool>,
}

impl Confirmation {
    /// The confirmation's attributes share the report's objects where the
    /// values are the report's (they are, today: the report's facts), so
    /// nothing is made again; any other value gets its own object.
    pub(crate) fn new(py: Python<'_>, inner: core::Confirmation, report: &StatusReport) -> PyResult<Self> {
        let r = &report.inner;
        let c = &inner;
        Ok(Confirmation {
            payout_id: if c.payout_id == r.id {
                report.id.clone_ref(py)
            } else {
                values::text(py, &c.payout_id)
            },
            status: values::status(py, &c.status),
            raw_status: if c.raw_status == r.raw_status {
                report.raw_status.clone_ref(py)
            } else {
                values::text(py, &c.raw_status)
            },
            amount: if c.amount.map(f64::to_bits) == r.amount.map(f64::to_bits) {
                report.amount.clone_ref(py)
            } else {
                values::money(py, c.amount)?
            },
            event_status: values::optional_status(py, c.event_status.as_ref()),
            stale: PyBool::new(py, c.stale).to_owned().unbind(),
            inner,
        })
    }
}

/// Equal when the core's values are: the Python attributes are made from them.
impl PartialEq for Confirmation {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

#[pymethods]
impl Confirmation {
    /// The fields as a plain dict.
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        dict_of(
            slf.as_any(),
            &["payout_id", "status", "raw_status", "amount", "event_status", "stale"],
        )
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_of(
            slf.as_any(),
            "Confirmation",
            &["payout_id", "status", "raw_status", "amount", "event_status", "stale"],
        )
    }
}

/// Folds everything heard about one payout (initiation response, status
/// checks, webhooks) into one status that never leaves a terminal state.
///
/// A new tracker is ``"pending"``. Raises ``ValidationError``
/// (``invalid_payout_id``) for an invalid id.
#[pyclass(module = "alexpay")]
pub(crate) struct PayoutTracker {
    inner: core::PayoutTracker,
}

#[pymethods]
impl PayoutTracker {
    #[new]
    fn new(payout_id: &Bound<'_, PyAny>) -> PyResult<Self> {
        let id = convert::text(payout_id, Field::PayoutId)?;
        Ok(PayoutTracker {
            inner: core::PayoutTracker::new(&id).or_raise()?,
        })
    }

    /// Folds one observation: a ``Payout``, ``StatusReport``, ``WebhookEvent``
    /// or ``Confirmation`` (its id must be this payout's, else
    /// ``ConflictError`` ``payout_id_mismatch``), or a raw status ``str``.
    ///
    /// Returns ``"changed"``, ``"unchanged"`` (a duplicate) or ``"ignored"``
    /// (a stale non-terminal status after a terminal one). Two different
    /// terminal outcomes raise ``ConflictError`` (``status_conflict``).
    fn observe(&mut self, obs: &Bound<'_, PyAny>) -> PyResult<&'static str> {
        let observed = if let Ok(p) = obs.cast::<Payout>() {
            self.inner.observe_from(&p.get().inner)
        } else if let Ok(r) = obs.cast::<StatusReport>() {
            self.inner.observe_from(&r.get().inner)
        } else if let Ok(e) = obs.cast::<WebhookEvent>() {
            self.inner.observe_from(&e.get().inner)
        } else if let Ok(c) = obs.cast::<Confirmation>() {
            self.inner.observe_from(&c.get().inner)
        } else if obs.is_instance_of::<PyString>() {
            let raw = convert::text(obs, Field::Status)?;
            self.inner.observe(&raw, &[])
        } else {
            return Err(wrong_type(
                "obs",
                format_args!(
                    "must be a Payout, StatusReport, WebhookEvent, Confirmation or a raw status str, not {}",
                    type_name(obs)
                ),
            ));
        };
        observed.map(|o| o.as_str()).or_raise()
    }

    /// The payout id this tracker follows.
    #[getter]
    fn payout_id(&self) -> &str {
        self.inner.payout_id()
    }

    /// The normalised status: ``"pending"``, ``"succeeded"``, ``"failed"`` or ``"unknown"``.
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status().as_str()
    }

    /// The raw status of the observation that set the current status (``""`` before any).
    #[getter]
    fn raw_status(&self) -> &str {
        self.inner.raw_status()
    }

    /// True once the payout succeeded or failed.
    #[getter]
    fn is_terminal(&self) -> bool {
        self.inner.is_terminal()
    }

    /// Milliseconds to wait before the next status check, or ``None`` once
    /// terminal. ``attempt`` counts from 0; ``jitter`` in [0, 1] comes from
    /// your randomness (``random.random()``):
    /// ``d = min(60000, 2000 * 2**attempt)``, result ``d/2 + round(d/2 * jitter)``.
    fn next_poll_delay_ms(&self, attempt: &Bound<'_, PyAny>, jitter: &Bound<'_, PyAny>) -> PyResult<Option<u64>> {
        let attempt: u32 = convert::int(attempt, Field::Attempt, "an attempt number from 0")?;
        let jitter = convert::number(jitter, Field::Jitter, "a number from 0 to 1")?;
        self.inner.next_poll_delay_ms(attempt, jitter).or_raise()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_of(slf.as_any(), "PayoutTracker", &["payout_id", "status", "raw_status"])
    }
}

/// What to do after a failed attempt (from ``retry_decision``).
///
/// ``action`` is ``"retry"`` (send the very same request again after
/// ``delay_ms``), ``"stop"`` (the answer is final) or ``"do_not_resend"``
/// (the payout may exist: never resend it; check its status instead).
#[pyclass(frozen, module = "alexpay")]
pub(crate) struct RetryDecision {
    pub(crate) inner: core::RetryDecision,
}

#[pymethods]
impl RetryDecision {
    /// ``"retry"``, ``"stop"`` or ``"do_not_resend"``.
    #[getter]
    fn action(&self) -> &'static str {
        self.inner.action.as_str()
    }
    /// Milliseconds to wait before retrying; 0 unless ``action`` is ``"retry"``.
    #[getter]
    fn delay_ms(&self) -> u64 {
        self.inner.delay_ms
    }
    /// Why, in words a person can act on.
    #[getter]
    fn reason(&self) -> &'static str {
        self.inner.reason
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_of(slf.as_any(), "RetryDecision", &["action", "delay_ms", "reason"])
    }
}
