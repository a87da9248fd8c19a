"""Layered indexes: the bundled lexicons beside a user's answer as one index compiled from all.

The bundled layer is compiled once (installed with the package, or cached for the
test session); only the user's layer is compiled when the user's file changes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import normalize.index as index_mod
from normalize.index.layers import LayeredIndex, split
from normalize.lexicon import Lexicon, bundled_paths
from normalize.matcher import Matcher
from normalize.tagger import Tagger

REPO = Path(__file__).resolve().parent.parent

USER = [
    {"id": "mine:1", "type": "person", "names": ["Роман Абрамович"], "same_as": ["person:roman-abramovich"]},
    {"id": "mine:2", "type": "org", "names": ["ПАО «Газпром»"], "same_as": ["org:gazprom"]},
    {"id": "mine:3", "type": "person", "names": ["Иван Петров"]},
    {"id": "mine:4", "type": "place", "names": ["Тестовое Село"], "parent": "place:ua-kharkiv-oblast"},
    {"id": "mine:5", "type": "place", "names": ["Київ"], "same_as": ["place:ua-kyiv"]},
]
QUERIES = ["Roman Abramovich", "Абрамович", "Ivan Petrov", "Kyiv", "Киев", "Testovoe Selo", "Kharkov", "Zelenskyy",
           "Gazprom", "Газпром", "Klitschko", "Baranovsky", "Tetkino", "Kharkivska oblast", "RDC", "Abramovych"]
TEXT = ("Роман Абрамович і «Газпром» у Києві; Іван Петров з Тестового Села біля Харкова. "
        "Oleksiy Baranovskyi of the RDC spoke in Kyiv; Zelensky and Klitschko too.")


@pytest.fixture(scope="module")
def user_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("layers") / "mine.jsonl"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in USER), encoding="utf-8")
    return path


def answers(m: Matcher) -> list[list[tuple[str, float, tuple[str, ...]]]]:
    return [[(r.id, r.score, r.same_as) for r in m.match(q, top=3, min_score=0)] for q in QUERIES]


def mentions(t: Tagger) -> list[tuple[int, int, str | None, float, tuple[str, ...]]]:
    return [(m.start, m.end, m.id, m.score, m.same_as) for m in t.tag(TEXT)]


@pytest.mark.slow
@pytest.mark.parametrize("order", ["user first", "bundled first"])
def test_layered_answers_equal_one_index_of_everything(user_file: Path, order: str) -> None:
    paths = [str(user_file), "bundled"] if order == "user first" else ["bundled", str(user_file)]
    layered = Matcher(paths).build()
    assert isinstance(layered._compiled, LayeredIndex)
    single = Matcher(Lexicon.load(paths))  # a Lexicon object: one index of everything
    assert not isinstance(single.build()._compiled, LayeredIndex)
    assert answers(layered) == answers(single)
    assert mentions(Tagger(paths)) == mentions(Tagger(Lexicon.load(paths)))
    kyiv = layered.match("Kyiv")[0]
    if order == "user first":
        assert (kyiv.id, set(kyiv.same_as)) == ("mine:5", {"place:ua-kyiv", "geonames:703448"})
    else:
        assert kyiv.id == "place:ua-kyiv" and "mine:5" in kyiv.same_as


def test_a_parent_in_the_other_layer(user_file: Path) -> None:
    tagger = Tagger([str(user_file), "bundled"])
    ents = tagger._compiled.entities
    village = ents.find("mine:4")
    assert ents[ents[village].parent].id == "place:ua-kharkiv-oblast"
    assert ents[village].id == "mine:4"


def test_editing_the_user_lexicon_rebuilds_only_its_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps(USER[2], ensure_ascii=False) + "\n", encoding="utf-8")
    Matcher([str(mine), "bundled"]).build()  # the bundled layer exists (cached or installed) from here on
    built: list[int] = []
    real = index_mod.build

    def counting(source: object, *args: object) -> object:
        result = real(source, *args)  # type: ignore[arg-type]
        built.append(result[2]["entities"])
        return result

    monkeypatch.setattr(index_mod, "build", counting)
    mine.write_text(mine.read_text(encoding="utf-8") + json.dumps(USER[3], ensure_ascii=False) + "\n", encoding="utf-8")
    m = Matcher([str(mine), "bundled"])
    assert m.match("Testovoe Selo")[0].id == "mine:4"
    assert built == [2]  # the user's two entities; the bundled thousands untouched


def test_split_finds_the_bundled_run() -> None:
    bundled = bundled_paths()
    assert split([Path("a"), *bundled], bundled) == (False, [Path("a")])
    assert split([*bundled, Path("a"), Path("b")], bundled) == (True, [Path("a"), Path("b")])
    assert split([Path("a"), *bundled, Path("b")], bundled) is None  # on both sides: one index
    assert split(bundled, bundled) is None and split([Path("a")], bundled) is None


def test_layered_batch_with_two_workers(user_file: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "\n".join(QUERIES * 40) + "\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.csv"
        res = subprocess.run([sys.executable, "-m", "normalize", "batch", str(src), "-c", "name", "-o", str(out),
                              "-j", jobs, "--no-progress", "--lexicon", str(user_file), "--lexicon", "bundled"],
                             capture_output=True, env=env, timeout=300, check=False)
        assert res.returncode == 0, res.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert b"mine:1" in outs[0] and b"geonames:706483" in outs[0]
