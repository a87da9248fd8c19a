"""The annotated news paragraphs of benchmarks/data/tag_news.jsonl are consistent.

The tagging-quality benchmark (benchmarks/tag_quality.py) is only as good as its gold
annotation: every span must be the text it claims, every ID an entity of the bundled
lexicons, and the development / held-out split must follow its fixed rule.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "benchmarks" / "data" / "tag_news.jsonl"
LANGS = {"en", "ru", "uk", "de", "pl", "fr"}
#: languages whose sets are young (eight paragraphs each, issue 16 wave 14): the same rules, a smaller floor
NEW_LANGS = {"es", "it", "cs"}
POSITIVE = {"plain", "case_form", "surname_only", "acronym", "homonym", "former_vs_current",
            "place_adjective", "shared_category", "compound"}
NEGATIVE = {"common_word", "sentence_initial", "lower_case", "adjective_noun", "famous_surname",
            "unlisted", "demonym"}


def _records() -> list[dict[str, Any]]:
    out = []
    for lineno, line in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            rec = json.loads(line)
            rec["_line"] = lineno
            out.append(rec)
    return out


def _bundled_ids() -> set[str]:
    ids = set()
    for path in sorted((REPO / "lexicons").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


RECORDS = _records()


def test_record_shape_and_split_rule() -> None:
    seen = set()
    for rec in RECORDS:
        where = f"tag_news.jsonl:{rec['_line']}"
        assert set(rec) == {"id", "lang", "split", "text", "gold", "_line"}, where
        assert rec["lang"] in LANGS | NEW_LANGS, where
        m = re.fullmatch(r"([a-z]{2})-(\d{2,})", rec["id"])
        assert m and m.group(1) == rec["lang"], where
        assert rec["id"] not in seen, where
        seen.add(rec["id"])
        # the fixed rule: odd paragraph numbers are the development half
        assert rec["split"] == ("dev" if int(m.group(2)) % 2 else "heldout"), where


def test_every_gold_span_is_its_text() -> None:
    for rec in RECORDS:
        text = rec["text"]
        last_end = 0
        for g in sorted(rec["gold"], key=lambda g: g["start"]):
            where = f"tag_news.jsonl:{rec['_line']} {g['text']!r}"
            assert 0 <= g["start"] < g["end"] <= len(text), where
            assert text[g["start"]:g["end"]] == g["text"], where
            assert g["start"] >= last_end, f"{where} overlaps the previous span"
            last_end = g["end"]
            # a mention starts and ends with a letter or digit: no spaces, quotes or dots
            assert g["text"][0].isalnum() and g["text"][-1].isalnum(), where
            # and on word boundaries
            assert g["start"] == 0 or not text[g["start"] - 1].isalnum(), where
            assert g["end"] == len(text) or not text[g["end"]].isalnum(), where


def test_every_gold_id_is_in_the_bundled_lexicons() -> None:
    known = _bundled_ids()
    for rec in RECORDS:
        for g in rec["gold"]:
            where = f"tag_news.jsonl:{rec['_line']} {g['text']!r}"
            assert set(g) <= {"start", "end", "text", "ids", "class", "optional"}, where
            if g["ids"]:
                assert g["class"] in POSITIVE, where
                assert len(set(g["ids"])) == len(g["ids"]), where
                for i in g["ids"]:
                    assert i in known, f"{where}: {i} is not in the bundled lexicons"
            else:
                assert g["class"] in NEGATIVE, where
            assert g.get("optional", False) == (g["class"] == "place_adjective"), where


def test_enough_paragraphs_and_mentions_per_language() -> None:
    paragraphs = Counter(rec["lang"] for rec in RECORDS)
    mentions = Counter(rec["lang"] for rec in RECORDS for g in rec["gold"] if g["ids"])
    for lang in LANGS:
        assert paragraphs[lang] >= 40, lang
        assert mentions[lang] >= 150, lang
        halves = Counter(rec["split"] for rec in RECORDS if rec["lang"] == lang)
        assert abs(halves["dev"] - halves["heldout"]) <= 1, lang
    for lang in NEW_LANGS:
        assert paragraphs[lang] >= 8, lang
        assert mentions[lang] >= 60, lang
        halves = Counter(rec["split"] for rec in RECORDS if rec["lang"] == lang)
        assert halves["dev"] == halves["heldout"], lang


# --------------------------------------------------------------------------- the scorer


def _scorer() -> Any:
    name = "benchmarks_tag_quality"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "tag_quality.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules[name]


class _Tag(NamedTuple):
    start: int
    end: int
    text: str
    id: str | None
    via: tuple[str, ...] = ()


def test_scoring_strict_and_relaxed() -> None:
    tq = _scorer()
    text = "Kharkiv Oblast and Progress near Lviv; Budanov said."
    gold = [
        tq.Gold(0, 14, "Kharkiv Oblast", ("place:ua-kharkiv-oblast",), "plain"),
        tq.Gold(19, 27, "Progress", (), "sentence_initial"),
        tq.Gold(33, 37, "Lviv", ("geonames:702550",), "plain"),
        tq.Gold(39, 46, "Budanov", ("person:kyrylo-budanov",), "surname_only"),
    ]
    para = tq.Paragraph("en-01", "en", "dev", text, gold)
    tags = [
        _Tag(0, 7, "Kharkiv", "place:ua-kharkiv-oblast"),  # right ID, short span: relaxed only
        _Tag(19, 27, "Progress", "geonames:2017615"),  # a trap word: false tag
        _Tag(33, 37, "Lviv", "geonames:702545"),  # wrong ID
        _Tag(47, 51, "said", "geonames:1"),  # nothing there
    ]
    strict = tq.evaluate([para], {"en-01": tags}, relaxed=False)
    relaxed = tq.evaluate([para], {"en-01": tags}, relaxed=True)
    s, r = strict.by[("all", "all")], relaxed.by[("all", "all")]
    assert (s.tp, s.fp, s.fn, s.gold) == (0, 4, 3, 3)
    assert (r.tp, r.fp, r.fn, r.gold) == (1, 3, 2, 3)
    kinds = sorted((e.kind, e.cls) for e in strict.errors)
    assert kinds == sorted([("span", "plain"), ("false tag", "sentence_initial"), ("wrong id", "plain"),
                            ("false tag", "unannotated"), ("missed", "plain"), ("missed", "plain"),
                            ("missed", "surname_only")])
    assert strict.by[("class", "sentence_initial")].fp == 1
    assert strict.by[("lang", "en")].prf()[0] == 0.0


def test_optional_mentions_cost_nothing_when_missed() -> None:
    tq = _scorer()
    para = tq.Paragraph("uk-01", "uk", "dev", "на Покровському напрямку",
                        [tq.Gold(3, 15, "Покровському", ("geonames:704422",), "place_adjective", True)])
    missed = tq.evaluate([para], {"uk-01": []}, relaxed=False).by[("all", "all")]
    assert (missed.tp, missed.fp, missed.fn, missed.gold) == (0, 0, 0, 0)
    right = tq.evaluate([para], {"uk-01": [_Tag(3, 15, "Покровському", "geonames:704422")]}, relaxed=False)
    assert right.by[("all", "all")].tp == 1
    wrong = tq.evaluate([para], {"uk-01": [_Tag(3, 15, "Покровському", "geonames:707710")]}, relaxed=False)
    assert wrong.by[("all", "all")].fp == 1


def test_load_reports_file_and_line(tmp_path: Path) -> None:
    tq = _scorer()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "en-01"}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad\.jsonl:1: bad record"):
        tq.load(bad)
