"""Every applicable scheme's rendering of a text, grouped by output."""

from __future__ import annotations

from dataclasses import dataclass

from normalize.text import SCRIPT_RANGES, in_script
from normalize.translit import get_scheme, scheme_ids

__all__ = ["Romanization", "romanizations"]


@dataclass(frozen=True)
class Romanization:
    """One distinct output and the schemes that produce it."""

    text: str
    schemes: tuple[str, ...]


def _scripts_in(text: str) -> set[str]:
    return {s for s in SCRIPT_RANGES for ch in text if in_script(ch, s)}


def romanizations(text: str, lang: str | None = None, *, kinds: tuple[str, ...] | None = None) -> list[Romanization]:
    """Render ``text`` with every applicable scheme; identical outputs are merged.

    Applicable schemes are those of ``lang`` (detected from the letters when
    not given; when detection is too weak, every scheme of the text's script).
    ``kinds`` limits the schemes to some kinds (``official``, ``press``,
    ``convention``). Results keep the order of first appearance by scheme ID.

    >>> [r.schemes for r in romanizations("Київ", "uk") if r.text == "Kyiv"][0][:1]
    ('uk_national',)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    scripts = _scripts_in(text)
    if not scripts:
        return [Romanization(text, ())]
    if lang is None and "Cyrl" in scripts:
        from normalize.detect import detect_language

        lang = detect_language(text)
    grouped: dict[str, list[str]] = {}
    for sid in scheme_ids():
        info = get_scheme(sid).info
        if info.script not in scripts:
            continue
        if lang is not None and info.lang != lang:
            continue
        if kinds is not None and info.kind not in kinds:
            continue
        grouped.setdefault(get_scheme(sid).translit(text), []).append(sid)
    return [Romanization(out, tuple(ids)) for out, ids in grouped.items()]
