"""``normalize/data/tagging.json`` is checked at load, and the tagger's word lists come from it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from normalize import evidence
from normalize.datafile import DataFileError
from normalize.fold import fold
from normalize.tagger import STOP_WORDS
from normalize.tagger import words as tagger_words

NAME = "tagging.json"


def bundled() -> str:
    return (resources.files("normalize.data") / NAME).read_text(encoding="utf-8")


def line_with(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_bundled_file_is_valid_and_documented() -> None:
    raw = evidence._read(bundled(), name=NAME)
    assert set(raw["evidence_model"]["weights"]) == {*evidence.FEATURES, "bias"}
    readme = (resources.files("normalize.data") / "README.md").read_text(encoding="utf-8")
    assert "## `tagging.json`" in readme
    for key in raw:
        if key != "_doc":
            assert f"`{key}`" in readme, key
            assert f"{key}:" in raw["_doc"], key


@pytest.mark.parametrize(
    ("edit", "replacement", "needle", "message"),
    [
        ('"threshold": 0.5', '"threshold": "0.5"', '"threshold"', "evidence_model.threshold: must be a number"),
        ('"common_words": {', '"common_word": {', '"common_word"', "common_word: unknown key 'common_word'"),
        ('"elided_words": ["c",', '"elided_words": [1,', '"elided_words"', "elided_words[0]: must be a string"),
        ('"subtype_sizes": {"country": 7.5,', '"subtype_sizes": {"country": 7.5, "country": 7,', '"subtype_sizes"',
         "key 'country' written twice in one object"),
        ('"bias": 0.5', '"bias": 0.5, "size": 1.0', '"size"', "evidence_model.weights.size: unknown key 'size'"),
    ],
)
def test_a_fault_names_file_and_line(edit: str, replacement: str, needle: str, message: str) -> None:
    text = bundled()
    assert edit in text, edit
    text = text.replace(edit, replacement, 1)
    with pytest.raises(DataFileError) as info:
        evidence._read(text, name=f"x/{NAME}")
    assert str(info.value).startswith(f"x/{NAME}:{line_with(text, needle)}: {message}"), str(info.value)


def test_an_agreement_rule_is_a_pair() -> None:
    data = json.loads(bundled())
    data["adjective_agreement"][1].append(["x"])
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(DataFileError, match=rf"^x/{NAME}:\d+: adjective_agreement\[1\]: must be \[adjective"):
        evidence._read(text, name=f"x/{NAME}")


def test_the_tagger_reads_its_words_from_the_file() -> None:
    raw = json.loads(bundled())
    assert frozenset(fold(w) for ws in raw["common_words"].values() for w in ws) == STOP_WORDS
    assert {"the", "мир", "перемога"} <= STOP_WORDS
    assert tagger_words.ELIDED == frozenset(raw["elided_words"])
    assert tagger_words.SUBTYPE_SIZE["oblast"] == raw["subtype_sizes"]["oblast"]
    assert tagger_words.ROMANIZED_ADJECTIVE_RE.sub("a", "kurskim") == "kurska"
    assert tagger_words.ROMANIZED_ADJECTIVE_RE.search("kursk") is None
