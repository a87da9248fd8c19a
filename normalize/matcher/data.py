"""The engine data the matcher reads (``normalize/data/matching.json``), loaded once."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["engine_data", "ranking"]


@lru_cache(maxsize=1)
def engine_data() -> dict[str, Any]:
    """The matcher's engine data (stop words, categories, schemes per language, the models ...)."""
    text = (resources.files("normalize.data") / "matching.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def ranking() -> dict[str, float]:
    """How candidates are ranked (engine data ``ranking``, see :meth:`Matcher.match`)."""
    conf: dict[str, float] = engine_data()["ranking"]
    return conf
