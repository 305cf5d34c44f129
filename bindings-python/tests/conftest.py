"""Shared fixtures. The suite runs against the INSTALLED `alexpay` package
(built by maturin and pip-installed into a virtual environment), never the
source tree: see scripts/test-python.sh."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
BINDING = HERE.parent
REPO = BINDING.parent

# Every secret the suites use, so leak checks can look for all of them.
SECRET = "sk_live_S3CR3T-do-not-print-0123456789"
PUBLIC = "pk_live_public_0123"
BASE_URL = "https://api.alexpay.example"


def vectors_dir() -> Path:
    return Path(os.environ.get("ALEXPAY_VECTORS_DIR", REPO / "tests" / "vectors"))


@pytest.fixture
def client():  # type: ignore[no-untyped-def]
    import alexpay

    return alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL)


def pytest_report_header(config: pytest.Config) -> str:
    import alexpay

    return f"alexpay {alexpay.__version__} from {Path(alexpay.__file__).parent} (python {sys.version.split()[0]})"
