"""The examples, run for real: every payout example against the sandbox
binary (target/debug/alexpay-sandbox, or $ALEXPAY_SANDBOX_BIN, built by
`cargo test --workspace`), and every webhook receiver (FastAPI, Flask,
Django) served on a loopback port while the sandbox delivers signed webhooks
to it."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import httpx
import pytest

import alexpay
from conftest import BINDING, REPO

EXAMPLES = BINDING / "examples"
WEBHOOK_SECRET = "whsec_ZTJlLXNhbmRib3gtc2lnbmluZy1rZXktMDEyMzQ1Ng=="


def load(name: str) -> ModuleType:
    sys.path.insert(0, str(EXAMPLES))
    try:
        spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(EXAMPLES))


def sandbox_binary() -> Path:
    given = os.environ.get("ALEXPAY_SANDBOX_BIN")
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    path = Path(given) if given else target / "debug" / "alexpay-sandbox"
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"the sandbox is not built at {path}: run `cargo build -p alexpay-sandbox` first")
    return path


class Sandbox:
    def __init__(self) -> None:
        args = [str(sandbox_binary()), "--port", "0", "--delay-ms", "200", "--quiet", "--webhook-secret", WEBHOOK_SECRET, "--webhook-retry-base-ms", "50"]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        env = dict(line.strip().split("=", 1) for line in (self.proc.stdout.readline() for _ in range(4)))
        self.env = {"ALEXPAY_BASE_URL": env["ALEXPAY_SANDBOX_URL"], "ALEXPAY_PUBLIC_KEY": env["ALEXPAY_PUBLIC_KEY"], "ALEXPAY_SECRET_KEY": env["ALEXPAY_SECRET_KEY"]}
        self.url = env["ALEXPAY_SANDBOX_URL"]

    def keys(self) -> Dict[str, str]:
        return {"public_key": self.env["ALEXPAY_PUBLIC_KEY"], "secret_key": self.env["ALEXPAY_SECRET_KEY"], "base_url": self.url}

    def ledger(self) -> List[Dict[str, Any]]:
        payouts: List[Dict[str, Any]] = httpx.get(f"{self.url}/_sandbox/ledger").json()["payouts"]
        return payouts

    def fault(self, **spec: Any) -> None:
        httpx.post(f"{self.url}/_sandbox/faults", json=spec).raise_for_status()

    def reset(self) -> None:
        httpx.post(f"{self.url}/_sandbox/reset").raise_for_status()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    s = Sandbox()
    yield s
    s.stop()


# ------------------------------------------------------------ payout examples

PAYOUT_EXAMPLES = ["payout_urllib", "payout_httpx", "payout_requests", "payout_httpx_async", "payout_aiohttp"]


@pytest.mark.parametrize("name", PAYOUT_EXAMPLES)
def test_payout_example_against_the_sandbox(name: str, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    sandbox.reset()
    for k, v in sandbox.env.items():
        monkeypatch.setenv(k, v)
    result = load(name).main()
    code = asyncio.run(result) if asyncio.iscoroutine(result) else result
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    payout_id, status = out.out.split()[:2]
    assert status == "succeeded"
    assert [p["id"] for p in sandbox.ledger()] == [payout_id], "exactly one payout"
    assert sandbox.env["ALEXPAY_SECRET_KEY"] not in out.out + out.err


def test_payout_example_reports_a_failure_with_its_reason(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for k, v in {**sandbox.env, "ALEXPAY_PHONE_NUMBER": "0241234569"}.items():
        monkeypatch.setenv(k, v)
    assert load("payout_urllib").main() == 1
    assert capsys.readouterr().out.split(maxsplit=2)[1:] == ["failed", "invalid number\n"]


# ------------------------------------------------------------ webhook receivers


class Server:
    """Serves a WSGI or ASGI app on a free loopback port in a thread."""

    def __init__(self, app: Any, asgi: bool = False) -> None:
        if asgi:
            import uvicorn

            config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", lifespan="off")
            self._uv = uvicorn.Server(config)
            self._thread = threading.Thread(target=self._uv.run, daemon=True)
            self._thread.start()
            while not (self._uv.started and self._uv.servers):
                time.sleep(0.01)
            port = self._uv.servers[0].sockets[0].getsockname()[1]
            self.stop: Callable[[], None] = self._stop_uvicorn
        else:
            from werkzeug.serving import make_server

            self._wsgi = make_server("127.0.0.1", 0, app, threaded=True)
            port = self._wsgi.server_port
            threading.Thread(target=self._wsgi.serve_forever, daemon=True).start()
            self.stop = self._wsgi.shutdown
        self.url = f"http://127.0.0.1:{port}/webhooks/alexpay"

    def _stop_uvicorn(self) -> None:
        self._uv.should_exit = True
        self._thread.join(timeout=10)


def django_app(client: alexpay.Client, on_payout: Callable[[alexpay.WebhookResult], None]) -> Any:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"], ROOT_URLCONF=__name__, SECRET_KEY="tests-only", MIDDLEWARE=[])
        django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.urls import path

    view = load("webhook_django").make_view(client, on_payout, secret=WEBHOOK_SECRET)
    global urlpatterns
    urlpatterns = [path("webhooks/alexpay", view)]
    return WSGIHandler()


urlpatterns: List[Any] = []


def receiver(kind: str, sandbox: Sandbox, on_payout: Callable[[alexpay.WebhookResult], None]) -> Server:
    if kind == "fastapi":
        app = load("webhook_fastapi").create_app(alexpay.AsyncClient(**sandbox.keys()), on_payout, secret=WEBHOOK_SECRET)
        return Server(app, asgi=True)
    client = alexpay.Client(**sandbox.keys())
    if kind == "flask":
        return Server(load("webhook_flask").create_app(client, on_payout, secret=WEBHOOK_SECRET))
    return Server(django_app(client, on_payout))


def signed(body: bytes, msg_id: str, secret: str = WEBHOOK_SECRET) -> Dict[str, str]:
    now = int(time.time())
    sig = alexpay.sign_webhook(secret, msg_id, now, body)
    return {"webhook-id": msg_id, "webhook-timestamp": str(now), "webhook-signature": sig, "content-type": "application/json"}


def wait_until(pred: Callable[[], bool], secs: float = 15.0) -> None:
    deadline = time.monotonic() + secs
    while not pred():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize("kind", ["fastapi", "flask", "django"])
def test_receiver_against_the_sandbox(kind: str, sandbox: Sandbox) -> None:
    sandbox.reset()
    handled: List[alexpay.WebhookResult] = []
    server = receiver(kind, sandbox, handled.append)
    try:
        client = alexpay.Client(**sandbox.keys())
        payout = client.send_mobile_money_payout(amount=100, country_id="GH", phone_number="0241234561", webhook_url=server.url)
        # The sandbox delivers processing, then successful, signed: both answered 2xx.
        wait_until(lambda: any(r.status == "succeeded" and not r.stale for r in handled))
        assert {r.payout_id for r in handled} == {payout.payout_id}
        # The receiver records an event before its 204 reaches the sandbox:
        # wait until the sandbox has seen every answer, then check them.
        def settled() -> List[Dict[str, Any]]:
            d: List[Dict[str, Any]] = httpx.get(f"{sandbox.url}/_sandbox/webhooks").json()["deliveries"]
            return d if d and all(x["state"] != "pending" for x in d) else []

        wait_until(lambda: bool(settled()))
        deliveries = settled()
        assert all(d["state"] == "delivered" and d["attempts"] == 1 for d in deliveries), deliveries

        # Stale: a processing event redelivered after success is answered 2xx, flagged stale.
        stale = json.dumps({"payout_id": payout.payout_id, "status": "processing"}).encode()
        answer = httpx.post(server.url, content=stale, headers=signed(stale, "msg_stale"))
        assert answer.status_code == 204 and handled[-1].stale and handled[-1].status == "succeeded"
        # Duplicate: the same delivery again is 2xx and not handled twice.
        count = len(handled)
        assert httpx.post(server.url, content=stale, headers=signed(stale, "msg_stale")).status_code == 204
        assert len(handled) == count
        # Forged and malformed: 4xx.
        forged = httpx.post(server.url, content=stale, headers=signed(stale, "msg_f", "whsec_" + "QUFBQUFBQUFBQUFBQUFBQQ=="))
        assert forged.status_code == 401 and forged.text == "webhook_signature_invalid"
        garbage = b"not json"
        assert httpx.post(server.url, content=garbage, headers=signed(garbage, "msg_g")).status_code == 400
        # The status check failing: 5xx, so the sender delivers again later.
        sandbox.fault(fault="http_error", status=503, route="status")
        failing = httpx.post(server.url, content=stale, headers=signed(stale, "msg_503"), timeout=30)
        assert failing.status_code == 503
    finally:
        httpx.delete(f"{sandbox.url}/_sandbox/faults")
        server.stop()


def test_receiver_handlers_are_short() -> None:
    """Each receiver's handler is at most 15 lines of code."""
    for name, marker in (("webhook_fastapi", "async def alexpay_webhook"), ("webhook_flask", "def alexpay_webhook"), ("webhook_django", "def alexpay_webhook")):
        lines = (EXAMPLES / f"{name}.py").read_text().splitlines()
        start = next(i for i, line in enumerate(lines) if marker in line)
        body: List[str] = []
        for line in lines[start:]:
            if body and line.strip() and not line.startswith(" " * 8):
                break
            if line.strip():
                body.append(line)
        assert len(body) <= 15, (name, len(body))


# ------------------------------------------------------------ the README quickstart


def readme_quickstart() -> Tuple[str, str]:
    """The first Python block of the top-level and the package README."""
    blocks = []
    for readme in (REPO / "README.md", BINDING / "README.md"):
        text = readme.read_text()
        start = text.index("```python\nimport alexpay\n") + len("```python\n")
        blocks.append(text[start : text.index("```", start)])
    return blocks[0], blocks[1]


def test_readme_quickstart_runs_against_the_sandbox(sandbox: Sandbox) -> None:
    top, package = readme_quickstart()
    assert top == package, "both READMEs show the same quickstart"
    code_lines = [line for line in top.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert len(code_lines) <= 5, code_lines
    values = {"pk_...": sandbox.env["ALEXPAY_PUBLIC_KEY"], "sk_...": sandbox.env["ALEXPAY_SECRET_KEY"], "https://...": sandbox.url}
    # As printed: the sandbox lets this number succeed (numbers ending in 7 would stay processing forever).
    assert "+233 24 123 4561" in top
    program = top
    for placeholder, value in values.items():
        assert placeholder in program, placeholder
        program = program.replace(placeholder, value)
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    payout_id, status = done.stdout.split()
    assert status == "succeeded" and payout_id


def test_readme_python_blocks_are_complete_programs() -> None:
    """Every Python block of the package README compiles on its own and
    defines or imports every name it uses (no `send(...)` from nowhere)."""
    import builtins
    import re
    import symtable

    text = (BINDING / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 4
    for i, block in enumerate(blocks):
        table = symtable.symtable(block, f"README block {i}", "exec")
        undefined = set()

        def walk(t: "symtable.SymbolTable") -> None:
            for sym in t.get_symbols():
                if sym.is_global() and sym.is_referenced() and not hasattr(builtins, sym.get_name()):
                    if not table.lookup(sym.get_name()).is_assigned() and not table.lookup(sym.get_name()).is_imported():
                        undefined.add(sym.get_name())
            for child in t.get_children():
                walk(child)

        walk(table)
        assert not undefined, f"README block {i} uses undefined names: {sorted(undefined)}"
