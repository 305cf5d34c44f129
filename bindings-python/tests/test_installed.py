"""The suite must exercise the installed wheel, not the source tree."""

from __future__ import annotations

from pathlib import Path

import alexpay
import alexpay._alexpay as native

from conftest import BINDING


def test_package_is_the_installed_one() -> None:
    pkg = Path(alexpay.__file__).resolve().parent
    assert BINDING not in pkg.parents, f"imported from the source tree: {pkg}"
    assert "site-packages" in pkg.parts, pkg
    assert Path(native.__file__).name.startswith("_alexpay"), native.__file__


def test_wheel_ships_stubs_and_py_typed() -> None:
    pkg = Path(alexpay.__file__).resolve().parent
    for name in ("py.typed", "_alexpay.pyi"):
        assert (pkg / name).is_file(), name
    # The stubs of the native module are the source of truth; __init__.py is
    # typed itself, so no __init__.pyi repeats (and drifts from) it.
    assert not (pkg / "__init__.pyi").exists()
