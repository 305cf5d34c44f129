"""Starts the real sandbox binary for the round-trip harness: a free loopback
port, payouts final at once (--delay-ms 0), its request log in a file so the
harness can count the requests each side really made."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
import urllib.request
from collections import Counter
from typing import Any

# One line per request, e.g. "... POST /v1/payment/payouts/process -> 200".
_REQUEST = re.compile(r"\b(POST|GET) (/v1/payment/\S+) -> (\d+)")


class Sandbox:
    def __init__(self, binary: str) -> None:
        self.log = tempfile.NamedTemporaryFile(prefix="alexpay-roundtrip-", suffix=".log", delete=False)
        args = [binary, "--port", "0", "--delay-ms", "0"]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, text=True)
        assert self.proc.stdout is not None
        env = dict(line.strip().split("=", 1) for line in (self.proc.stdout.readline() for _ in range(4)))
        self.url = env["ALEXPAY_SANDBOX_URL"]
        self.public_key = env["ALEXPAY_PUBLIC_KEY"]
        self.secret_key = env["ALEXPAY_SECRET_KEY"]

    def control(self, path: str) -> Any:
        with urllib.request.urlopen(f"{self.url}/_sandbox/{path}", timeout=30) as r:
            return json.loads(r.read())

    def requests(self) -> Counter[str]:
        """API requests logged so far, as "POST process 200" / "GET check 200"."""
        drops = self.control("health")["log_lines_dropped"]
        if drops:
            raise RuntimeError(f"the sandbox dropped {drops} log lines: request counts would be wrong")
        seen: Counter[str] = Counter()
        previous = None
        # The log is written by a background thread: read until it stops growing.
        for _ in range(50):
            size = os.path.getsize(self.log.name)
            if size == previous:
                break
            previous = size
            time.sleep(0.05)
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = _REQUEST.search(line)
                if m:
                    route = "process" if m.group(2).endswith("/process") else "check"
                    seen[f"{m.group(1)} {route} {m.group(3)}"] += 1
        return seen

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.log.close()
        os.unlink(self.log.name)
