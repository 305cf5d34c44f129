"""Python benchmarks (issue 7, Performance): the alexpay binding against a
pure-Python equivalent (json + hand-written checks) and pydantic v2 models
doing the same validation, on the same bytes as core/benches/core.rs.

A harness that prints figures, never a test: nothing here asserts on time.
Each implementation's output is checked against the binding's once before
timing, so every column does the same work.

usage: .venv/bin/python bench/python/bench.py [--json FILE] [--quick]
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import re
import statistics
import sys
import time
import timeit
from dataclasses import dataclass
from typing import Any, Callable, Literal, Optional

import alexpay
from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

# ---------------------------------------------------------------- shared inputs
# The same bytes as core/benches/core.rs and bench/js/bench.mjs.
STATUS_BODY = b'{"status":"success","code":200,"message":"Payout details retrieved","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"charge":2,"currency":"ZMW","environment":"live","type":"payout","method":"mobilemoney","operator":"MTN","status":"successful","narration":"Salary","is_disbursed":"true","created_at":"2024-05-14T10:21:33.000000Z","updated_at":"2024-05-14T10:22:05.000000Z"}}'
WEBHOOK_BODY = b'{"status":"success","code":200,"message":"Payout status changed","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"status":"successful"}}'
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
NOW = 1_700_000_000
CONFIG = dict(public_key="pk_live_bench", secret_key="sk_live_bench", base_url="https://api.alexpay.test")
PAYOUT = dict(
    amount=2500,
    country_id="GH",
    phone_number="+233 24 123 4567",
    narration="Salary for June",
    webhook_url="https://merchant.example/hooks/alexpay",
)

MAX_AMOUNT = (1 << 53) - 1
USER_AGENT = alexpay.DEFAULT_USER_AGENT
PROCESS_PATH = "/v1/payment/payouts/process"


class CheckError(ValueError):
    """What the hand-written baselines raise: a code and a field, like AlexpayError."""

    def __init__(self, code: str, field: str, why: str) -> None:
        super().__init__(f"{field}: {why}")
        self.code = code
        self.field = field


# ---------------------------------------------------------------- pure Python: validators
# The same rules as core/src/text.rs and core/src/url.rs.
_NOT_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_URL_BAD = re.compile("[\x00-\x20\x7f]")
_LABEL = re.compile(r"[A-Za-z0-9-]+\Z")
_IPV6 = re.compile(r"[0-9A-Fa-f:.]*\Z")
_PHONE_DROP = str.maketrans("", "", " -.()")


def check_amount(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("amount must be an int")
    if value < 1:
        raise CheckError("invalid_amount", "amount", "must be a positive whole number")
    if value > MAX_AMOUNT:
        raise CheckError("invalid_amount", "amount", "must not exceed 2^53 - 1")
    return value


def short_text(value: str, field: str, empty: str, invalid: str, limit: int) -> str:
    trimmed = value.strip()
    if not trimmed:
        raise CheckError(empty, field, "is required and must not be empty")
    if _NOT_PRINTABLE.search(trimmed):
        raise CheckError(invalid, field, "must not contain control characters")
    if len(trimmed) > limit:
        raise CheckError(invalid, field, f"must be at most {limit} characters")
    return trimmed


def check_country_id(value: str) -> str:
    return short_text(value, "country_id", "invalid_country_id", "invalid_country_id", 64)


def check_narration(value: str) -> str:
    return short_text(value, "narration", "invalid_narration", "invalid_narration", 255)


def check_phone(value: str) -> str:
    trimmed = value.strip()
    if not trimmed:
        raise CheckError("invalid_phone_number", "phone_number", "is empty")
    rest = trimmed[1:] if trimmed[0] == "+" else trimmed
    digits = rest.translate(_PHONE_DROP)
    if not (digits.isascii() and digits.isdigit()):
        why = "may hold a single leading '+' only" if "+" in digits else "must contain only digits and separators"
        raise CheckError("invalid_phone_number", "phone_number", why)
    if not 9 <= len(digits) <= 15:
        raise CheckError("invalid_phone_number", "phone_number", "must have 9 to 15 digits")
    return digits


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost" or host == "[::1]":
        return True
    octets = host.split(".")
    return (
        len(octets) == 4
        and octets[0] == "127"
        and all(0 < len(o) <= 3 and o.isascii() and o.isdigit() and int(o) <= 255 for o in octets)
    )


def check_http_url(raw: str, allow_query: bool) -> str:
    if not raw:
        raise ValueError("is empty")
    if len(raw) > 2048:
        raise ValueError("is longer than 2048 characters")
    if not raw.isascii() or _URL_BAD.search(raw):
        raise ValueError("must be plain ASCII with no whitespace or control characters")
    scheme, sep, rest = raw.partition("://")
    if not sep:
        raise ValueError("must be an absolute URL starting with https://")
    scheme = scheme.lower()
    if scheme != "https" and scheme != "http":
        raise ValueError("must use https://")
    end = len(rest)
    for c in "/?#":
        i = rest.find(c)
        if i != -1 and i < end:
            end = i
    authority, tail = rest[:end], rest[end:]
    if "@" in authority:
        raise ValueError("must not contain user credentials")
    if authority.startswith("["):
        close = authority.find("]")
        if close == -1:
            raise ValueError("has an unterminated IPv6 host")
        host, after = authority[: close + 1], authority[close + 1 :]
        if after and not after.startswith(":"):
            raise ValueError("has junk after the IPv6 host")
        port = after[1:] if after else None
        if not _IPV6.match(host[1:-1]):
            raise ValueError("has an invalid IPv6 host")
    else:
        host, colon, port_text = authority.rpartition(":")
        host, port = (host, port_text) if colon else (authority, None)
        if not host or not all(_LABEL.match(label) for label in host.split(".")):
            raise ValueError("has no host" if not host else "has an invalid host name")
    if port is not None and not (port and len(port) <= 5 and port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
        raise ValueError("has an invalid port")
    if scheme == "http" and not _is_loopback(host):
        raise ValueError("must use https:// (plain http:// only for loopback hosts)")
    if not allow_query and ("?" in tail or "#" in tail):
        raise ValueError("must not contain a query string or fragment")
    return f"{scheme}://{rest}"


def check_webhook_url(value: str) -> str:
    try:
        return check_http_url(value, True)
    except ValueError as e:
        raise CheckError("invalid_webhook_url", "webhook_url", str(e)) from None


# ---------------------------------------------------------------- pure Python: request building
class PlainClient:
    def __init__(self, public_key: str, secret_key: str, base_url: str) -> None:
        self.public_key = public_key
        self._secret_key = secret_key
        self.base_url = check_http_url(base_url, False).rstrip("/")

    def _headers(self) -> dict[str, str]:
        return {
            "secret-key": self._secret_key,
            "public-key": self.public_key,
            "content-type": "application/json",
            "accept": "application/json",
            "user-agent": USER_AGENT,
        }

    def mobile_money_payout(
        self,
        *,
        amount: int,
        country_id: str,
        phone_number: Optional[str] = None,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
    ) -> tuple[str, str, dict[str, str], bytes]:
        body: dict[str, Any] = {
            "amount": check_amount(amount),
            "countryId": check_country_id(country_id),
            "transfer_to": "mobile_number",
        }
        if phone_number is not None:
            body["momo_phone_number"] = check_phone(phone_number)
        if narration is not None:
            body["narration"] = check_narration(narration)
        if webhook_url is not None:
            body["webhook_url"] = check_webhook_url(webhook_url)
        encoded = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        return "POST", self.base_url + PROCESS_PATH, self._headers(), encoded


# ---------------------------------------------------------------- pure Python: parsing
PENDING = {"pending", "processing", "queued", "initiated", "created", "submitted", "in_progress", "accepted"}
SUCCEEDED = {"success", "successful", "succeeded", "completed", "complete", "paid"}
FAILED = {"failed", "failure", "fail", "declined", "rejected", "cancelled", "canceled", "reversed", "expired", "error"}


def normalize_status(raw: str) -> str:
    key = raw.strip().lower().replace(" ", "_").replace("-", "_")
    if key in SUCCEEDED:
        return "succeeded"
    if key in PENDING:
        return "pending"
    if key in FAILED:
        return "failed"
    return "unknown"


def t_string(obj: dict[str, Any], key: str) -> Optional[str]:
    v = obj.get(key)
    t = type(v)
    if t is str:
        return v
    if t is bool:
        return "true" if v else "false"
    if t is int or t is float:
        return str(v)
    return None


def t_id(obj: dict[str, Any], key: str) -> Optional[str]:
    s = t_string(obj, key)
    return s if s is not None and s.strip() else None


def t_number(obj: dict[str, Any], key: str) -> Optional[float]:
    v = obj.get(key)
    t = type(v)
    if t is int or t is float:
        n = float(v)
    elif t is str:
        try:
            n = float(v.strip())
        except ValueError:
            return None
    else:
        return None
    return n if math.isfinite(n) else None


def t_bool(obj: dict[str, Any], key: str) -> Optional[bool]:
    v = obj.get(key)
    t = type(v)
    if t is bool:
        return v
    if t is int:
        return {0: False, 1: True}.get(v)
    if t is str:
        s = v.strip().lower()
        if s in ("true", "1", "yes"):
            return True
        if s in ("false", "0", "no"):
            return False
    return None


def _envelope(body: bytes) -> Optional[dict[str, Any]]:
    try:
        v = json.loads(body)
    except ValueError:
        return None
    return v if type(v) is dict else None


def success_data(http_status: int, body: bytes) -> dict[str, Any]:
    env = _envelope(body)
    if not 200 <= http_status <= 299:
        raise CheckError("api_error", "body", f"HTTP {http_status}")
    if env is None or not ("code" in env or "status" in env or "message" in env):
        raise CheckError("unexpected_response", "body", "not an Alexpay envelope")
    code = t_string(env, "code")
    status = t_string(env, "status")
    if code is None and status is None:
        raise CheckError("request_rejected", "body", "neither code nor status")
    if code is not None and code.strip() not in ("0", "200"):
        raise CheckError("request_rejected", "body", "failure code")
    if status is not None and status.strip().lower() not in ("success", "successful", "ok"):
        raise CheckError("request_rejected", "body", "failure status")
    data = env.get("data")
    if type(data) is not dict:
        raise CheckError("unexpected_response", "body", "no data object")
    return data


@dataclass(slots=True)
class PlainStatusReport:
    id: str
    reference: Optional[str]
    amount: Optional[float]
    charge: Optional[float]
    currency: Optional[str]
    status: str
    raw_status: str
    environment: Optional[str]
    type: Optional[str]
    method: Optional[str]
    operator: Optional[str]
    narration: Optional[str]
    is_disbursed: Optional[bool]
    created_at: Optional[str]
    updated_at: Optional[str]


def plain_parse_status_response(http_status: int, body: bytes) -> PlainStatusReport:
    data = success_data(http_status, body)
    pid = t_id(data, "id") or t_id(data, "payout_id")
    if pid is None:
        raise CheckError("unexpected_response", "body", "no payout id")
    raw = t_string(data, "status") or ""
    disbursed = t_bool(data, "is_disbursed")
    created = t_string(data, "created_at")
    updated = t_string(data, "updated_at")
    return PlainStatusReport(
        id=pid,
        reference=t_string(data, "reference"),
        amount=t_number(data, "amount"),
        charge=t_number(data, "charge"),
        currency=t_string(data, "currency"),
        status=normalize_status(raw),
        raw_status=raw,
        environment=t_string(data, "environment"),
        type=t_string(data, "type"),
        method=t_string(data, "method"),
        operator=t_string(data, "operator"),
        narration=t_string(data, "narration"),
        is_disbursed=disbursed if disbursed is not None else t_bool(data, "disbursed"),
        created_at=created if created is not None else t_string(data, "createdAt"),
        updated_at=updated if updated is not None else t_string(data, "updatedAt"),
    )


@dataclass(slots=True)
class PlainWebhookEvent:
    payout_id: str
    reference: Optional[str]
    status: str
    raw_status: str
    amount: Optional[float]
    raw: str


@dataclass(slots=True)
class PlainConfirmation:
    payout_id: str
    status: str
    raw_status: str
    amount: Optional[float]


def plain_parse_webhook(body: bytes) -> PlainWebhookEvent:
    try:
        raw = body.decode("utf-8")
        top = json.loads(raw)
    except ValueError:
        raise CheckError("webhook_malformed", "body", "is not UTF-8 JSON") from None
    if type(top) is not dict:
        raise CheckError("webhook_malformed", "body", "must be a JSON object")
    data = top.get("data", top)
    if type(data) is not dict:
        raise CheckError("webhook_malformed", "body", "has a 'data' field that is not an object")
    pid = t_id(data, "payout_id") or t_id(data, "id") or t_id(data, "reference")
    if pid is None:
        raise CheckError("webhook_malformed", "body", "carries no payout id")
    raw_status = t_string(data, "status") or ""
    return PlainWebhookEvent(
        payout_id=pid,
        reference=t_id(data, "reference"),
        status=normalize_status(raw_status),
        raw_status=raw_status,
        amount=t_number(data, "amount"),
        raw=raw,
    )


def plain_confirm(event: Any, report: Any) -> PlainConfirmation:
    report_ids = {i for i in (report.id, report.reference) if i is not None}
    if event.payout_id not in report_ids and (event.reference is None or event.reference not in report_ids):
        raise CheckError("webhook_mismatch", "payout_id", "another payout")
    if event.status != report.status:
        raise CheckError("webhook_mismatch", "status", "status differs")
    if event.amount is not None and report.amount is not None and event.amount != report.amount:
        raise CheckError("webhook_mismatch", "amount", "amount differs")
    return PlainConfirmation(report.id, report.status, report.raw_status, report.amount)


# ---------------------------------------------------------------- pure Python: signatures
def _header(headers: dict[str, str], name: str) -> str:
    for k, v in headers.items():
        if k.strip().lower() == name:
            v = v.strip()
            if v:
                return v
    raise CheckError("webhook_signature_invalid", name, "header is missing")


def plain_verify(secret: str, headers: dict[str, str], body: bytes, now: int, tolerance: int = 300) -> None:
    b64 = secret[6:] if secret.startswith("whsec_") else secret
    try:
        key = base64.b64decode(b64.strip(), validate=True)
    except ValueError:
        raise CheckError("invalid_webhook_secret", "secret", "bad base64") from None
    if not key:
        raise CheckError("invalid_webhook_secret", "secret", "empty key")
    msg_id = _header(headers, "webhook-id")
    ts = _header(headers, "webhook-timestamp")
    sigs = _header(headers, "webhook-signature")
    try:
        sent = int(ts)
    except ValueError:
        raise CheckError("webhook_signature_invalid", "webhook-timestamp", "not a number") from None
    if abs(now - sent) > tolerance:
        raise CheckError("webhook_timestamp_out_of_range", "webhook-timestamp", "out of range")
    expected = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    matched = False
    for entry in sigs.split(" "):
        version, _, sig = entry.partition(",")
        if version != "v1":
            continue
        try:
            given = base64.b64decode(sig, validate=True)
        except ValueError:
            continue
        matched |= hmac.compare_digest(given, expected)
    if not matched:
        raise CheckError("webhook_signature_invalid", "webhook-signature", "no signature matches")


# ---------------------------------------------------------------- pydantic v2
class PydMobileMoneyPayout(BaseModel):
    """The payout body as a pydantic model: field order is the wire order."""

    model_config = ConfigDict(frozen=True)

    amount: StrictInt = Field(ge=1, le=MAX_AMOUNT)
    country_id: str = Field(serialization_alias="countryId")
    transfer_to: Literal["mobile_number"] = "mobile_number"
    momo_phone_number: Optional[str] = Field(default=None, validation_alias="phone_number")
    narration: Optional[str] = None
    webhook_url: Optional[str] = None

    @field_validator("country_id")
    @classmethod
    def _country(cls, v: str) -> str:
        return check_country_id(v)

    @field_validator("momo_phone_number")
    @classmethod
    def _phone(cls, v: Optional[str]) -> Optional[str]:
        return None if v is None else check_phone(v)

    @field_validator("narration")
    @classmethod
    def _narration(cls, v: Optional[str]) -> Optional[str]:
        return None if v is None else check_narration(v)

    @field_validator("webhook_url")
    @classmethod
    def _webhook(cls, v: Optional[str]) -> Optional[str]:
        return None if v is None else check_webhook_url(v)


class PydClient(PlainClient):
    def mobile_money_payout(self, **kwargs: Any) -> tuple[str, str, dict[str, str], bytes]:  # type: ignore[override]
        body = PydMobileMoneyPayout(**kwargs).model_dump_json(by_alias=True, exclude_none=True)
        return "POST", self.base_url + PROCESS_PATH, self._headers(), body.encode()


class PydStatusData(BaseModel):
    # Tolerance: ids/strings accept numbers; lax mode takes numeric strings for
    # floats and "true"/"1"/"yes" for booleans; NaN/Infinity refused.
    model_config = ConfigDict(coerce_numbers_to_str=True, allow_inf_nan=False, extra="ignore")

    id: Optional[str] = None
    payout_id: Optional[str] = None
    reference: Optional[str] = None
    amount: Optional[float] = None
    charge: Optional[float] = None
    currency: Optional[str] = None
    status: Optional[str] = None
    environment: Optional[str] = None
    type: Optional[str] = None
    method: Optional[str] = None
    operator: Optional[str] = None
    narration: Optional[str] = None
    is_disbursed: Optional[bool] = None
    disbursed: Optional[bool] = None
    created_at: Optional[str] = None
    createdAt: Optional[str] = None
    updated_at: Optional[str] = None
    updatedAt: Optional[str] = None

    # Derived, filled by the after-validator.
    normalized: str = ""

    @model_validator(mode="after")
    def _derive(self) -> "PydStatusData":
        pid = self.id if self.id and self.id.strip() else self.payout_id
        if not pid or not pid.strip():
            raise ValueError("no payout id")
        self.id = pid
        self.normalized = normalize_status(self.status or "")
        if self.is_disbursed is None:
            self.is_disbursed = self.disbursed
        if self.created_at is None:
            self.created_at = self.createdAt
        if self.updated_at is None:
            self.updated_at = self.updatedAt
        return self


class PydStatusEnvelope(BaseModel):
    model_config = ConfigDict(coerce_numbers_to_str=True, extra="ignore")

    code: Optional[str] = None
    status: Optional[str] = None
    message: Optional[str] = None
    data: Optional[PydStatusData] = None

    @model_validator(mode="after")
    def _ok(self) -> "PydStatusEnvelope":
        if self.code is None and self.status is None:
            raise ValueError("neither code nor status")
        if self.code is not None and self.code.strip() not in ("0", "200"):
            raise ValueError("failure code")
        if self.status is not None and self.status.strip().lower() not in ("success", "successful", "ok"):
            raise ValueError("failure status")
        if self.data is None:
            raise ValueError("no data object")
        return self


def pyd_parse_status_response(http_status: int, body: bytes) -> PydStatusData:
    if not 200 <= http_status <= 299:
        raise CheckError("api_error", "body", f"HTTP {http_status}")
    data = PydStatusEnvelope.model_validate_json(body).data
    assert data is not None
    return data


class PydWebhookData(BaseModel):
    model_config = ConfigDict(coerce_numbers_to_str=True, allow_inf_nan=False, extra="ignore")

    payout_id: Optional[str] = None
    id: Optional[str] = None
    reference: Optional[str] = None
    status: Optional[str] = None
    amount: Optional[float] = None
    normalized: str = ""

    @model_validator(mode="before")
    @classmethod
    def _unwrap(cls, v: Any) -> Any:
        if isinstance(v, dict) and "data" in v:
            if not isinstance(v["data"], dict):
                raise ValueError("'data' is not an object")
            return v["data"]
        return v

    @model_validator(mode="after")
    def _derive(self) -> "PydWebhookData":
        pid = next((i for i in (self.payout_id, self.id, self.reference) if i and i.strip()), None)
        if pid is None:
            raise ValueError("no payout id")
        self.payout_id = pid
        if self.reference is not None and not self.reference.strip():
            self.reference = None
        self.normalized = normalize_status(self.status or "")
        return self


@dataclass(slots=True)
class _Event:
    """The fields plain_confirm reads, from a pydantic webhook."""

    payout_id: str
    reference: Optional[str]
    status: str
    amount: Optional[float]
    raw: str


def pyd_parse_webhook(body: bytes) -> _Event:
    d = PydWebhookData.model_validate_json(body)
    return _Event(d.payout_id or "", d.reference, d.normalized, d.amount, body.decode())


@dataclass(slots=True)
class _Report:
    id: str
    reference: Optional[str]
    status: str
    raw_status: str
    amount: Optional[float]


# ---------------------------------------------------------------- harness
def measure(fn: Callable[[], object], seconds: float, repeat: int) -> float:
    """Median ns per call over `repeat` runs of about `seconds` each."""
    timer = timeit.Timer(fn)
    n, elapsed = 1, 0.0
    while elapsed < 0.02:
        n *= 4
        elapsed = timer.timeit(n)
    n = max(1, int(n * seconds / elapsed))
    runs = [timer.timeit(n) / n * 1e9 for _ in range(repeat)]
    return statistics.median(runs)


def verify_peers(seconds: float, repeat: int) -> dict[str, float]:
    """Verification next to the `standardwebhooks` and `svix` packages (issue
    13). They check the timestamp against the real clock, so every verifier
    gets a signature made now. All must accept each other's signatures and
    refuse a tampered one before anything is timed."""
    from datetime import datetime, timezone
    from importlib.metadata import version

    from standardwebhooks.webhooks import Webhook as StandardWebhook
    from svix.webhooks import Webhook as SvixWebhook

    ts = int(time.time())
    when = datetime.fromtimestamp(ts, tz=timezone.utc)
    msg_id = "msg_peer"
    body = WEBHOOK_BODY.decode()
    std, svix = StandardWebhook(SECRET), SvixWebhook(SECRET)
    ours = alexpay.sign_webhook(SECRET, msg_id, ts, WEBHOOK_BODY)
    signatures = {
        "alexpay": ours,
        "standardwebhooks": std.sign(msg_id, when, body),
        "svix": svix.sign(msg_id, when, body),
    }

    def std_headers(sig: str) -> dict[str, str]:
        return {"webhook-id": msg_id, "webhook-timestamp": str(ts), "webhook-signature": sig}

    def svix_headers(sig: str) -> dict[str, str]:
        return {"svix-id": msg_id, "svix-timestamp": str(ts), "svix-signature": sig}

    verifiers: dict[str, Callable[[str], object]] = {
        "binding": lambda sig: alexpay.verify_webhook_signature(SECRET, std_headers(sig), WEBHOOK_BODY, ts, 300),
        "pure_python": lambda sig: plain_verify(SECRET, std_headers(sig), WEBHOOK_BODY, ts, 300),
        "standardwebhooks": lambda sig: std.verify(body, std_headers(sig)),
        "svix": lambda sig: svix.verify(body, svix_headers(sig)),
    }
    for who, verify in verifiers.items():
        for signer, sig in signatures.items():
            try:
                verify(sig)
            except Exception as e:  # noqa: BLE001 - any refusal is a failed cross-check
                sys.exit(f"{who} refused {signer}'s signature: {e}")
        try:
            verify("v1,AAAA" + ours[7:])
        except Exception:  # noqa: BLE001 - the refusal we want
            pass
        else:
            sys.exit(f"{who} accepted a tampered signature")
    h, sh = std_headers(ours), svix_headers(ours)
    times = {
        "binding": measure(lambda: alexpay.verify_webhook_signature(SECRET, h, WEBHOOK_BODY, ts, 300), seconds, repeat),
        "pure_python": measure(lambda: plain_verify(SECRET, h, WEBHOOK_BODY, ts, 300), seconds, repeat),
        "standardwebhooks": measure(lambda: std.verify(body, h), seconds, repeat),
        "svix": measure(lambda: svix.verify(body, sh), seconds, repeat),
    }
    print(
        f"verify peers (standardwebhooks {version('standardwebhooks')}, svix {version('svix')}; all accept "
        "each other's signatures, all refuse a tampered one), ns/op:"
    )
    for k, v in times.items():
        print(f"  {k:<18}{v:9.0f}   the binding is {v / times['binding']:.2f}x faster")
    return times


def main() -> None:
    args = sys.argv[1:]
    quick = "--quick" in args
    json_out = args[args.index("--json") + 1] if "--json" in args else None
    seconds, repeat = (0.05, 3) if quick else (0.25, 7)

    client = alexpay.Client(**CONFIG)
    plain = PlainClient(**CONFIG)
    pyd = PydClient(**CONFIG)
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(NOW),
        "webhook-signature": alexpay.sign_webhook(SECRET, "msg_1", NOW, WEBHOOK_BODY),
    }
    report = alexpay.parse_status_response(200, STATUS_BODY)
    plain_report = plain_parse_status_response(200, STATUS_BODY)
    pyd_data = pyd_parse_status_response(200, STATUS_BODY)
    pyd_report = _Report(pyd_data.id or "", pyd_data.reference, pyd_data.normalized, pyd_data.status or "", pyd_data.amount)

    def b_build() -> object:
        r = client.mobile_money_payout(**PAYOUT)
        return r.method, r.url, r.headers, r.body

    def p_build() -> object:
        return plain.mobile_money_payout(**PAYOUT)

    def y_build() -> object:
        return pyd.mobile_money_payout(**PAYOUT)

    # All three columns read the 15 attributes the same way, as a caller
    # writes them (r.id, ...), not through getattr (which costs a lookup
    # per name in every column but hides what a stored value saves).
    def b_status() -> object:
        r = alexpay.parse_status_response(200, STATUS_BODY)
        return [
            r.id, r.reference, r.amount, r.charge, r.currency, r.status, r.raw_status, r.environment,
            r.type, r.method, r.operator, r.narration, r.is_disbursed, r.created_at, r.updated_at,
        ]

    def p_status() -> object:
        r = plain_parse_status_response(200, STATUS_BODY)
        return [
            r.id, r.reference, r.amount, r.charge, r.currency, r.status, r.raw_status, r.environment,
            r.type, r.method, r.operator, r.narration, r.is_disbursed, r.created_at, r.updated_at,
        ]

    def y_status() -> object:
        r = pyd_parse_status_response(200, STATUS_BODY)
        return [
            r.id, r.reference, r.amount, r.charge, r.currency, r.normalized, r.status, r.environment,
            r.type, r.method, r.operator, r.narration, r.is_disbursed, r.created_at, r.updated_at,
        ]

    def b_webhook() -> object:
        c = alexpay.confirm_webhook(alexpay.parse_webhook(WEBHOOK_BODY), report)
        return c.payout_id, c.status, c.raw_status, c.amount

    def p_webhook() -> object:
        c = plain_confirm(plain_parse_webhook(WEBHOOK_BODY), plain_report)
        return c.payout_id, c.status, c.raw_status, c.amount

    def y_webhook() -> object:
        c = plain_confirm(pyd_parse_webhook(WEBHOOK_BODY), pyd_report)
        return c.payout_id, c.status, c.raw_status, c.amount

    def b_verify() -> object:
        return alexpay.verify_webhook_signature(SECRET, headers, WEBHOOK_BODY, NOW, 300)

    def p_verify() -> object:
        return plain_verify(SECRET, headers, WEBHOOK_BODY, NOW, 300)

    # Same outputs before timing: every column does the same work.
    for name, fns in {
        "build": (b_build, p_build, y_build),
        "status": (b_status, p_status, y_status),
        "webhook": (b_webhook, p_webhook, y_webhook),
        "verify": (b_verify, p_verify),
    }.items():
        want = fns[0]()
        for fn in fns[1:]:
            got = fn()
            if got != want:
                sys.exit(f"{name}: {fn.__name__} returned {got!r}, the binding {want!r}")
    tampered = dict(headers, **{"webhook-signature": "v1,AAAA" + headers["webhook-signature"][7:]})
    for verify in (alexpay.verify_webhook_signature, plain_verify):
        try:
            verify(SECRET, tampered, WEBHOOK_BODY, NOW, 300)
            sys.exit(f"{verify.__name__} accepted a bad signature")
        except (alexpay.WebhookError, CheckError):
            pass

    # Where the binding's time goes (conversion vs core): the pieces of each call.
    parts = {
        "build: call only (HttpRequest, fields not read)": lambda: client.mobile_money_payout(**PAYOUT),
        "status: parse only (no field read)": lambda: alexpay.parse_status_response(200, STATUS_BODY),
        "webhook: parse_webhook only": lambda: alexpay.parse_webhook(WEBHOOK_BODY),
        "floor: json.loads(status body)": lambda: json.loads(STATUS_BODY),
        "floor: a no-op call of the binding (normalize_status)": lambda: alexpay.normalize_status("ok"),
    }
    rows = {
        "build_mobile_money_payout": (b_build, p_build, y_build),
        "parse_status_response": (b_status, p_status, y_status),
        "parse_and_confirm_webhook": (b_webhook, p_webhook, y_webhook),
        "verify_signed_webhook": (b_verify, p_verify, None),
    }
    results: dict[str, dict[str, Optional[float]]] = {}
    print(f"Python {sys.version.split()[0]}, pydantic {__import__('pydantic').VERSION}, alexpay {alexpay.__version__}")
    print(f"{'workload':<28}{'binding ns':>12}{'pure-Py ns':>12}{'pydantic ns':>13}{'pure/bind':>11}{'pyd/bind':>10}")
    for name, (b, p, y) in rows.items():
        tb = measure(b, seconds, repeat)
        tp = measure(p, seconds, repeat)
        ty = measure(y, seconds, repeat) if y else None
        results[name] = {"binding": tb, "pure_python": tp, "pydantic": ty}
        ys = f"{ty:13.0f}" if ty else f"{'n/a':>13}"
        yr = f"{ty / tb:9.2f}x" if ty else f"{'n/a':>10}"
        print(f"{name:<28}{tb:12.0f}{tp:12.0f}{ys}{tp / tb:10.2f}x{yr}")
    results["verify_peers"] = verify_peers(seconds, repeat)  # type: ignore[assignment]
    print("binding decomposition (ns/op):")
    decomposition = {}
    for label, fn in parts.items():
        t = measure(fn, seconds, repeat)
        decomposition[label] = t
        print(f"  {label:<58}{t:10.0f}")
    print("(ratios > 1: the binding is faster; pydantic n/a for HMAC: pydantic has no signature check)")
    if json_out:
        with open(json_out, "w") as f:
            json.dump({"python": results, "python_decomposition": decomposition, "when": time.time()}, f)


if __name__ == "__main__":
    main()
