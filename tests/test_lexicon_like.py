"""One reading of a lexicon argument (normalize.coerce_lexicon) for every entry point.

Matcher, Tagger, compile_index, match_many and the integrations used to read
their ``lexicon`` argument each in its own way; they now share
:func:`normalize.lexicon.coerce_lexicon`, so what one accepts, all accept.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import normalize
from normalize import _integration
from normalize.index.source import LexiconSource
from normalize.lexicon import BUNDLED, Entity, Lexicon, LexiconError, bundled_paths, coerce_lexicon

KYIV = {"id": "place:kyiv", "type": "place", "names": ["Kyiv", {"text": "Київ", "lang": "uk"}]}


class _PathLike:
    """A path-like object that is not a pathlib.Path."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return self.path


def test_the_type_is_public() -> None:
    assert normalize.LexiconLike is normalize.lexicon.LexiconLike
    assert "LexiconLike" in normalize.__all__


def test_none_and_the_bundled_names_are_the_bundled_lexicons() -> None:
    assert coerce_lexicon(None) is None
    for name in BUNDLED:
        assert coerce_lexicon(name) is None
        assert coerce_lexicon([name]) is None
    assert coerce_lexicon(bundled_paths()) is None  # the bundled files named one by one
    assert coerce_lexicon([str(p) for p in bundled_paths()]) is None


def test_paths_are_named_not_read(tmp_path: Path) -> None:
    missing = tmp_path / "not-yet.jsonl"
    assert coerce_lexicon(missing) == [missing]
    assert coerce_lexicon(str(missing)) == [missing]
    assert coerce_lexicon(_PathLike(str(missing))) == [missing]
    assert coerce_lexicon((str(missing), _PathLike(str(missing)))) == [missing]  # named twice: read once
    assert coerce_lexicon([missing, "+"]) == [missing, *bundled_paths()]


def test_a_lexicon_is_itself_and_entities_make_one() -> None:
    lex = Lexicon.from_entities([KYIV])
    assert coerce_lexicon(lex) is lex
    made = coerce_lexicon([KYIV, Entity("place:lviv", "place", ("Lviv",))])
    assert isinstance(made, Lexicon) and [e.id for e in made] == ["place:kyiv", "place:lviv"]
    assert coerce_lexicon(iter([KYIV])).content_hash == lex.content_hash  # type: ignore[union-attr]
    with pytest.raises(LexiconError, match="<entities>:1: error: missing required key 'names'"):
        coerce_lexicon([{"id": "place:x", "type": "place"}])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (KYIV, "not one dict: pass \\[entity\\]"),
        (b"lex.jsonl", "not bytes"),
        (5, "not int"),
        (["lex.jsonl", Entity("place:lviv", "place", ("Lviv",))], "Entity objects or dicts, not Entity, str"),
        ([3.5], "Entity objects or dicts, not float"),
    ],
)
def test_anything_else_is_a_type_error(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        coerce_lexicon(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        LexiconSource.of(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        normalize.compile_index(value)  # type: ignore[arg-type]  # one dict was taken for a list of paths
    with pytest.raises(TypeError, match=message):
        _integration.matcher(value)  # type: ignore[arg-type]


def test_the_integrations_read_lexicons_as_the_engines_do(tmp_path: Path) -> None:
    lexicon = tmp_path / "lex.jsonl"
    lexicon.write_text('{"id": "place:kyiv", "type": "place", "names": ["Kyiv"]}\n', encoding="utf-8")
    # "bundled" among the files was once taken for a file called bundled
    assert _integration.check_source(["bundled"]) is None
    assert _integration.check_source([lexicon, "+"]) == [lexicon, *bundled_paths()]
    assert _integration.check_source(os.fspath(lexicon)) == [lexicon]
    made = _integration.check_source([KYIV])
    assert isinstance(made, Lexicon) and made["place:kyiv"].names[0].text == "Kyiv"
    with pytest.raises(ValueError, match="empty list"):
        _integration.check_source([])
    assert LexiconSource.of([lexicon, "bundled"]).paths == [lexicon, *bundled_paths()]
    assert LexiconSource.of(["bundled"]).is_bundled


def test_a_source_checkout_reads_its_own_bundled_lexicons(tmp_path: Path) -> None:
    """A copy of the source tree put on PYTHONPATH reads its own lexicons/, not the installed ones.

    (Benchmarks compare two trees this way; the installed, editable tree's
    lexicons used to be read for both.)
    """
    root = Path(__file__).resolve().parents[1]
    copy = tmp_path / "tree"
    shutil.copytree(root / "normalize", copy / "normalize", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(root / "lexicons", copy / "lexicons")
    shutil.copy(root / "pyproject.toml", copy / "pyproject.toml")
    (copy / "lexicons" / "zz_probe.jsonl").write_text(
        '{"id": "probe", "type": "place", "canonical": "Probe", "names": [{"text": "Probe"}]}\n', encoding="utf-8")
    code = "from normalize.lexicon import bundled_paths; print('\\n'.join(str(p) for p in bundled_paths()))"
    env = {**os.environ, "PYTHONPATH": str(copy)}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out and all(Path(p).parent == copy / "lexicons" for p in out)
    assert out[-1].endswith("zz_probe.jsonl")
