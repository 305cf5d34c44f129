"""The examples: their request building runs as scripts (`--dry-run`), their
HTTP parts run against in-process fakes (httpx.MockTransport, a requests
adapter, FastAPI's TestClient), and, when the sandbox binary has been built
(target/debug/alexpay-sandbox, or $ALEXPAY_SANDBOX_BIN), against the sandbox."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Dict, Iterator, List, Optional

import httpx
import pytest
import requests
from fastapi.testclient import TestClient

import alexpay
from conftest import BASE_URL, BINDING, PUBLIC, REPO, SECRET

EXAMPLES = BINDING / "examples"
ENV = {"ALEXPAY_BASE_URL": BASE_URL, "ALEXPAY_PUBLIC_KEY": PUBLIC, "ALEXPAY_SECRET_KEY": SECRET}


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.py")))
def test_example_dry_run(name: str) -> None:
    env = {**os.environ, **ENV}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py"), "--dry-run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(BINDING.parent),
    )
    assert done.returncode == 0, done.stderr
    assert "HttpRequest(method=" in done.stdout and "[REDACTED]" in done.stdout
    assert SECRET not in done.stdout + done.stderr


# ------------------------------------------------------------------ a fake Alexpay


class FakeAlexpay:
    """Answers the two endpoints; `script` lists canned answers for the payout
    endpoint (an exception instance is raised as a transport failure)."""

    def __init__(self, script: Optional[List[Any]] = None, final: str = "successful") -> None:
        self.script = list(script or [])
        self.final = final
        self.payouts: List[Dict[str, Any]] = []
        self.checks = 0

    def answer(self, method: str, path: str, headers: Dict[str, str], body: bytes) -> "tuple[int, Dict[str, str], bytes]":
        assert headers.get("secret-key") == SECRET and headers.get("public-key") == PUBLIC
        if method == "POST" and path == "/v1/payment/payouts/process":
            if self.script:
                step = self.script.pop(0)
                if isinstance(step, Exception):
                    raise step
                return step  # type: ignore[no-any-return]
            sent = json.loads(body)
            self.payouts.append(sent)
            data = {"payout_id": f"PO_{len(self.payouts)}", "amount": sent["amount"], "status": "processing"}
            return 200, {}, json.dumps({"status": "success", "code": 0, "message": "ok", "data": data}).encode()
        if method == "GET" and path.endswith("/check"):
            self.checks += 1
            pid = path.split("/")[3]
            status = self.final if self.checks >= 2 else "processing"
            data = {"id": pid, "status": status, "amount": self.payouts[-1]["amount"] if self.payouts else None}
            return 200, {}, json.dumps({"status": "success", "code": 200, "data": data}).encode()
        return 404, {}, b'{"status":"error","code":404,"message":"no route"}'

    def httpx_handler(self, request: httpx.Request) -> httpx.Response:
        status, headers, body = self.answer(request.method, request.url.path, dict(request.headers), request.read())
        return httpx.Response(status, headers=headers, content=body)


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    async def instant(_: float) -> None:
        return None

    monkeypatch.setattr(time, "sleep", lambda _: None)
    monkeypatch.setattr(asyncio, "sleep", instant)


def test_httpx_sync_payout_and_polling(no_sleep: None) -> None:
    ex = load("payout_httpx")
    fake = FakeAlexpay()
    with httpx.Client(transport=httpx.MockTransport(fake.httpx_handler)) as http:
        client = alexpay.Client(**{"public_key": PUBLIC, "secret_key": SECRET, "base_url": BASE_URL})
        payout = ex.send_payout(http, ex.build_payout(client))
        assert payout.payout_id == "PO_1" and payout.status == "pending"
        tracker = ex.wait_for_outcome(http, client, payout)
        assert tracker.status == "succeeded" and fake.checks == 2
    assert fake.payouts[0]["momo_phone_number"] == "233241234561"


def test_httpx_sync_retries_only_what_is_safe(no_sleep: None) -> None:
    ex = load("payout_httpx")
    client = alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL)
    req = ex.build_payout(client)
    # Nothing sent (connect failure) and 429: retried, one payout created.
    fake = FakeAlexpay([httpx.ConnectError("refused"), (429, {"retry-after": "1"}, b'{"status":"error","code":429}')])
    with httpx.Client(transport=httpx.MockTransport(fake.httpx_handler)) as http:
        assert ex.send_payout(http, req).payout_id == "PO_1"
    assert len(fake.payouts) == 1
    # A 502 or a read timeout after sending: never resent.
    for step in [(502, {}, b"<html>bad gateway</html>"), httpx.ReadTimeout("slow")]:
        fake = FakeAlexpay([step])
        with httpx.Client(transport=httpx.MockTransport(fake.httpx_handler)) as http:
            with pytest.raises(ex.OutcomeUnknown):
                ex.send_payout(http, req)
        assert fake.payouts == [] and fake.script == []
    # A definite refusal stops with the typed error.
    fake = FakeAlexpay([(401, {}, b'{"status":"error","code":401,"message":"bad keys"}')])
    with httpx.Client(transport=httpx.MockTransport(fake.httpx_handler)) as http:
        with pytest.raises(alexpay.ApiError) as caught:
            ex.send_payout(http, req)
    assert caught.value.code == "authentication_failed"


def test_httpx_async_payout(no_sleep: None) -> None:
    ex = load("payout_httpx_async")
    fake = FakeAlexpay()

    async def go() -> alexpay.PayoutTracker:
        async with httpx.AsyncClient(transport=httpx.MockTransport(fake.httpx_handler)) as http:
            client = alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL)
            tracker: alexpay.PayoutTracker = await ex.run(http, client)
            return tracker

    tracker = asyncio.run(go())
    assert tracker.status == "succeeded"
    assert fake.payouts[0]["transfer_to"] == "bank" and fake.payouts[0]["account_number"] == "0011223344"


class FakeAdapter(requests.adapters.BaseAdapter):
    def __init__(self, fake: FakeAlexpay) -> None:
        super().__init__()
        self.fake = fake

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        body = request.body if isinstance(request.body, bytes) else (request.body or "").encode()
        path = requests.utils.urlparse(request.url).path
        status, headers, content = self.fake.answer(request.method or "", path, dict(request.headers), body)
        resp = requests.Response()
        resp.status_code, resp._content, resp.url = status, content, request.url or ""
        resp.headers.update(headers)
        return resp

    def close(self) -> None:
        pass


def test_requests_payout() -> None:
    ex = load("payout_requests")
    fake = FakeAlexpay()
    fake.checks = 1  # the one status check sees the final status
    with requests.Session() as session:
        session.mount(BASE_URL, FakeAdapter(fake))
        report = ex.pay(session, alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL))
    assert report.status == "succeeded" and report.id == "PO_1"
    assert fake.payouts[0]["momo_phone_number"] == "0977123456"


# ------------------------------------------------------------------ the FastAPI receiver

WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def receiver(final: str = "successful", secret: Optional[str] = None) -> "tuple[TestClient, FakeAlexpay, Any]":
    ex = load("webhook_fastapi")
    fake = FakeAlexpay(final=final)
    fake.checks = 1
    fake.payouts.append({"amount": 1500})
    http = httpx.AsyncClient(transport=httpx.MockTransport(fake.httpx_handler))
    client = alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL)
    app = ex.create_app(client, http, webhook_secret=secret)
    return TestClient(app), fake, app


def test_receiver_confirms_with_a_status_check() -> None:
    tc, fake, app = receiver()
    body = b'{"payout_id":"PO_7","status":"successful","amount":1500}'
    resp = tc.post("/webhooks/alexpay", content=body)
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"payout_id": "PO_7", "status": "succeeded", "observed": "changed", "mismatch": None}
    assert fake.checks == 2, "exactly one status check"
    again = tc.post("/webhooks/alexpay", content=body)  # a duplicate delivery
    assert again.json()["observed"] == "unchanged"
    assert app.state.trackers["PO_7"].is_terminal


def test_receiver_trusts_the_status_check_over_the_webhook() -> None:
    tc, _, _ = receiver(final="failed")
    resp = tc.post("/webhooks/alexpay", content=b'{"payout_id":"PO_7","status":"successful"}')
    assert resp.status_code == 200
    assert resp.json()["status"] == "failed" and resp.json()["mismatch"] == "webhook_mismatch"


def test_receiver_refuses_malformed_and_unsigned_webhooks() -> None:
    tc, fake, _ = receiver()
    assert tc.post("/webhooks/alexpay", content=b"not json").status_code == 400
    assert tc.post("/webhooks/alexpay", content=b'{"payout_id":"../x"}').status_code == 400
    tc, fake, _ = receiver(secret=WEBHOOK_SECRET)
    body = b'{"payout_id":"PO_7","status":"successful","amount":1500}'
    assert tc.post("/webhooks/alexpay", content=body).status_code == 401
    import time

    now = int(time.time())
    sig = alexpay.sign_webhook(WEBHOOK_SECRET, "msg_1", now, body)
    headers = {"webhook-id": "msg_1", "webhook-timestamp": str(now), "webhook-signature": sig}
    resp = tc.post("/webhooks/alexpay", content=body, headers=headers)
    assert resp.status_code == 200 and resp.json()["status"] == "succeeded"


# ------------------------------------------------------------------ against the sandbox, when built


def sandbox_binary() -> Optional[Path]:
    given = os.environ.get("ALEXPAY_SANDBOX_BIN")
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    path = Path(given) if given else target / "debug" / "alexpay-sandbox"
    return path if path.is_file() and os.access(path, os.X_OK) else None


@pytest.fixture(scope="module")
def sandbox_env() -> Iterator[Dict[str, str]]:
    binary = sandbox_binary()
    if binary is None:
        pytest.skip("sandbox not built (cargo build -p alexpay-sandbox); the fakes above cover the HTTP parts")
    proc = subprocess.Popen([str(binary), "--port", "0", "--delay-ms", "200", "--quiet"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    env: Dict[str, str] = {}
    while "ALEXPAY_SECRET_KEY" not in env:
        line = proc.stdout.readline()
        assert line, "sandbox exited early"
        key, _, value = line.strip().partition("=")
        env[key] = value
    yield {k: env[k] for k in ENV}
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.parametrize("name", ["payout_httpx", "payout_httpx_async", "payout_requests"])
def test_examples_against_the_sandbox(
    name: str, sandbox_env: Dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for k, v in sandbox_env.items():
        monkeypatch.setenv(k, v)
    ex = load(name)
    main: Callable[[List[str]], Any] = ex.main
    result = main([])
    code = asyncio.run(result) if asyncio.iscoroutine(result) else result
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    assert sandbox_env["ALEXPAY_SECRET_KEY"] not in out.out + out.err


def test_receiver_against_the_sandbox(sandbox_env: Dict[str, str]) -> None:
    client = alexpay.Client(
        public_key=sandbox_env["ALEXPAY_PUBLIC_KEY"],
        secret_key=sandbox_env["ALEXPAY_SECRET_KEY"],
        base_url=sandbox_env["ALEXPAY_BASE_URL"],
    )
    req = client.mobile_money_payout(amount=77, country_id="GH", phone_number="0241234562")
    resp = httpx.request(req.method, req.url, headers=req.headers, content=req.body)
    payout = alexpay.parse_payout_response(resp.status_code, resp.content)
    ex = load("webhook_fastapi")
    with TestClient(ex.create_app(client)) as tc:
        hook = json.dumps({"payout_id": payout.payout_id, "status": "processing"}).encode()
        answer = tc.post("/webhooks/alexpay", content=hook)
        assert answer.status_code == 200, answer.text
        assert answer.json()["payout_id"] == payout.payout_id
