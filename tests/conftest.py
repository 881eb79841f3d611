"""Shared fixtures: every test runs with its own private data, config, log and documents dirs,
so no test ever touches the user's real Lotsen data."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("lotsen-home")
    for name, sub in (("LOTSEN_DATA_DIR", "data"), ("LOTSEN_CONFIG_DIR", "config"),
                      ("LOTSEN_LOG_DIR", "logs"), ("LOTSEN_DOCUMENTS_DIR", "documents")):  # fmt: skip
        monkeypatch.setenv(name, str(base / sub))
    from model.routines import routines

    routines.cache_clear()
    yield base
    routines.cache_clear()
