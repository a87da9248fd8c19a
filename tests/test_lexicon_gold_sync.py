"""benchmarks/lexicon_gold_sync.py finds a lexicon's names and their case forms in the
tagging paragraphs, and reports the gold there."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import REPO

_spec = importlib.util.spec_from_file_location("lexicon_gold_sync", REPO / "benchmarks" / "lexicon_gold_sync.py")
assert _spec is not None and _spec.loader is not None
sync = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sync)

ENTITIES = [
    {"id": "place:x-perm-krai", "type": "place", "names": [{"text": "Пермский край", "lang": "ru"}, {"text": "Kraj Permski"}]},
    {"id": "org:x-uralkali", "type": "org", "names": ["Уралкалий", "Uralkali"]},
    {"id": "place:x-yanao", "type": "place", "names": ["ЯНАО"]},
]
TEXT = "Акции «Уралкалия» упали. В Пермском крае и w Kraju Permskim spokojnie. Мар'яна в ЯНАО."
PARAGRAPHS = [{"id": "ru-01", "split": "dev", "text": TEXT, "gold": [
    {"start": 7, "end": 16, "text": "Уралкалия", "ids": [], "class": "unlisted"},
    {"start": 27, "end": 40, "text": "Пермском крае", "ids": ["place:x-perm-krai"], "class": "case_form"},
]}]


def _hits() -> dict[str, tuple[str, str]]:
    return {h["text"]: (h["entity"], h["status"]) for h in sync.hits(PARAGRAPHS, ENTITIES)}


@pytest.mark.parametrize(("text", "entity", "status"), [
    ("Уралкалия", "org:x-uralkali", "gold"),          # a case form on a negative
    ("Пермском крае", "place:x-perm-krai", "ok"),      # every word of the name inflected
    ("Kraju Permskim", "place:x-perm-krai", "none"),   # unannotated
    ("ЯНАО", "place:x-yanao", "none"),                 # an acronym as written
])
def test_names_and_case_forms_are_found(text: str, entity: str, status: str) -> None:
    assert TEXT[TEXT.index(text):TEXT.index(text) + len(text)] == text
    assert _hits()[text] == (entity, status)


def test_an_acronym_is_not_stemmed() -> None:
    assert "яна" not in {k.casefold() for k in _hits()}


def test_main_lists_only_what_the_gold_lacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lex = tmp_path / "lex.jsonl"
    lex.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in ENTITIES), encoding="utf-8")
    data = tmp_path / "news.jsonl"
    data.write_text(json.dumps(PARAGRAPHS[0], ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "hits.json"
    assert sync.main([str(lex), "--data", str(data), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Уралкалия" in printed and "Пермском крае" not in printed
    assert {h["status"] for h in json.loads(out.read_text(encoding="utf-8"))} == {"gold", "none"}
