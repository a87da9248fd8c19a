"""Compiled lexicon indexes and the cache layer (normalize.index, normalize.cache).

The promises: answers from a compiled index equal answers from a fresh in-memory
build; a truncated, corrupt, foreign, other-version or other-engine file is
detected (rebuilt in the cache, refused when given explicitly); two processes
building at once both succeed and leave one good file; an unusable cache
directory costs one warning; ``cache=False`` touches no disk; the index
installed with the package is never stale.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import normalize.cache as cache_mod
from normalize.cache import CacheWarning, prune
from normalize.index import CompiledIndex, compile_index, load_index, packaged_index_path
from normalize.index.container import FORMAT_VERSION, MAGIC, IndexFileError, Reader, Writer
from normalize.lexicon import Entity, Lexicon, Name
from normalize.matcher import Matcher
from normalize.tagger import Tagger

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MATCH_FIXTURE = HERE / "fixtures" / "match_lexicon.jsonl"
TAG_FIXTURE = HERE / "fixtures" / "tag_lexicon.jsonl"
CASES = json.loads((HERE / "cases" / "match.json").read_text(encoding="utf-8"))
QUERIES = sorted({c["query"] for c in CASES}) + ["", "   ", "x", "Kharkiv (SBU)", "Zelensky, Volodymyr", "a" * 500]


def answers(m: Matcher, queries: list[str]) -> list[list[tuple[str, float, str, tuple[str, ...]]]]:
    return [[(r.id, r.score, r.alias, r.via) for r in m.match(q, top=0, min_score=0)] for q in queries]


@pytest.fixture(scope="module")
def compiled_match(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("idx") / "match.nidx"
    compile_index([MATCH_FIXTURE], path)
    return path


# -- same answers -------------------------------------------------------------------------


def test_compiled_answers_equal_a_fresh_build(compiled_match: Path) -> None:
    fresh = Matcher([MATCH_FIXTURE], cache=False)
    compiled = Matcher.from_index(compiled_match)
    assert answers(compiled, QUERIES) == answers(fresh, QUERIES)
    assert compiled._compiled is not None and fresh._compiled is None  # really two different paths


def test_compiled_index_round_trips_its_lexicon(compiled_match: Path) -> None:
    index = load_index(compiled_match)
    assert index.lexicon().content_hash == Lexicon.load([MATCH_FIXTURE]).content_hash
    assert [e.to_json() for e in index.lexicon()] == [e.to_json() for e in Lexicon.load([MATCH_FIXTURE])]
    assert index.stamp["lexicon"] == Lexicon.load([MATCH_FIXTURE]).content_hash
    assert [e.id for e in index.entities] == [e.id for e in Lexicon.load([MATCH_FIXTURE])]


def test_variants_and_short_forms_from_an_index(compiled_match: Path) -> None:
    fresh = Matcher([MATCH_FIXTURE], cache=False)
    compiled = Matcher.from_index(compiled_match)
    for entity_id in ("place:kharkiv", "org:russian-volunteer-corps", "person:oleksiy-baranovskyi"):
        assert compiled.variants(entity_id) == fresh.variants(entity_id)
    assert compiled.person_short_forms("person:oleksiy-baranovskyi") == fresh.person_short_forms("person:oleksiy-baranovskyi")


def test_tagger_from_an_index_equals_a_fresh_one(tmp_path: Path) -> None:
    path = tmp_path / "tag.nidx"
    compile_index([TAG_FIXTURE], path)
    text = (HERE / "cases" / "tag_long.txt").read_text(encoding="utf-8")
    fresh = Tagger([TAG_FIXTURE], cache=False)
    assert Tagger.from_index(path).tag(text) == fresh.tag(text)
    assert fresh.cache_path is None
    fuzzy = Tagger.from_index(path, fuzzy=True)
    assert fuzzy.tag("Siberia Batallion") == Tagger([TAG_FIXTURE], fuzzy=True, cache=False).tag("Siberia Batallion")


_CYR = "абвгдежзийклмнопрстуфхцчшщьюяіїєґ"
_LAT = "abcdefghijklmnoprstuvyz"
_word = st.text(alphabet=_CYR, min_size=3, max_size=9).map(str.capitalize)
_lword = st.text(alphabet=_LAT, min_size=3, max_size=9).map(str.capitalize)


@st.composite
def lexicons_and_queries(draw: st.DrawFn) -> tuple[list[Entity], list[str]]:
    entities = []
    n = draw(st.integers(1, 6))
    for i in range(n):
        etype = draw(st.sampled_from(["place", "person", "org"]))
        words = draw(st.lists(_word | _lword, min_size=1, max_size=3))
        names = [Name(" ".join(words), draw(st.sampled_from([None, "ru", "uk"])))]
        if draw(st.booleans()):
            names.append(Name(draw(st.text(alphabet=_LAT.upper(), min_size=2, max_size=4)), kind="acronym"))
        entities.append(Entity(f"t:{i}", etype, tuple(names),
                               gender=draw(st.sampled_from([None, "m", "f"])) if etype == "person" else None,
                               population=draw(st.none() | st.integers(0, 10**6))))
    from normalize.translit import translit

    queries = []
    for e in entities:
        text = e.names[0].text
        queries.append(text)
        queries.append(translit(text, draw(st.sampled_from(["ru_bgn_pcgn", "uk_national", "ru_press_de"]))))
        k = draw(st.integers(0, max(0, len(text) - 1)))
        queries.append(text[:k] + draw(st.sampled_from(["", "a", "и", "kh"])) + text[k + 1 :])
        queries.append(text.split(" ")[-1])
    queries += draw(st.lists(st.text(max_size=12), max_size=3))
    return entities, queries


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(lexicons_and_queries())
def test_compiled_equals_fresh_on_generated_lexicons(case: tuple[list[Entity], list[str]]) -> None:
    entities, queries = case
    lex = Lexicon.from_entities(entities)
    fresh = Matcher(lex, cache=False)
    compiled = compile_index(lex).matcher()  # in memory: the same bytes a file would hold
    assert answers(compiled, queries) == answers(fresh, queries)
    text = " ".join(queries[:8])
    assert compile_index(lex).tagger().tag(text) == Tagger(lex, cache=False).tag(text)


# -- bad files, explicit: refused ------------------------------------------------------------


def test_explicit_truncated_corrupt_foreign_files_are_refused(compiled_match: Path, tmp_path: Path) -> None:
    data = compiled_match.read_bytes()
    cases = {
        "truncated": data[: len(data) // 2],
        "header cut off": data[:40],
        "empty": b"",
        "foreign": b'{"not": "an index"}\n' * 100,
        "corrupt": data[:-64] + bytes(b ^ 0xFF for b in data[-64:]),
    }
    for what, blob in cases.items():
        bad = tmp_path / f"{what}.nidx"
        bad.write_bytes(blob)
        with pytest.raises(IndexFileError) as info:
            Matcher.from_index(bad).match("Kharkiv")
        assert str(bad) in str(info.value), what
    with pytest.raises(IndexFileError, match="cannot read"):
        load_index(tmp_path / "missing.nidx")


def test_a_flipped_byte_anywhere_in_a_section_is_detected(compiled_match: Path, tmp_path: Path) -> None:
    data = bytearray(compiled_match.read_bytes())
    reader = Reader(bytes(data), "x")
    for name in ("m.exact.#keys.b", "m.skel.q", "t.keys.b", "e.id.b", "s.str.b"):
        offset, length, _ = reader._sections[name]
        copy = bytearray(data)
        copy[offset + length // 2] ^= 0x01
        bad = tmp_path / "flip.nidx"
        bad.write_bytes(bytes(copy))
        with pytest.raises(IndexFileError, match="checksum"):
            index = load_index(bad)
            index.matcher().match("Kharkiv")
            index.tagger().tag("Kharkiv")


def test_other_format_version_and_other_engine_are_refused(compiled_match: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    w = Writer()
    w.add("x", b"data")
    other = tmp_path / "v0.nidx"
    monkeypatch.setattr("normalize.index.container.FORMAT_VERSION", FORMAT_VERSION + 1)
    other.write_bytes(w.to_bytes({"engine": "e", "lexicon": "l"}))
    monkeypatch.undo()
    with pytest.raises(IndexFileError, match="index format"):
        load_index(other)
    monkeypatch.setattr(cache_mod, "_fingerprint", "0" * 64)
    with pytest.raises(IndexFileError, match="another version of normalize"):
        load_index(compiled_match)


def test_container_rejects_a_bad_header(tmp_path: Path) -> None:
    w = Writer()
    w.add("a", b"12345")
    blob = bytearray(w.to_bytes({"engine": "e"}))
    assert blob.startswith(MAGIC)
    blob[20] ^= 0x20  # inside the header: its checksum no longer matches
    with pytest.raises(IndexFileError, match="header checksum"):
        Reader(bytes(blob), "x")


def test_reserved_sections_keep_their_place_and_must_be_filled() -> None:
    """A compile leaves some sections to the tagger table's process (Writer.reserve): the file
    lists them where they were reserved, and one never filled is an error, not an empty section."""
    w = Writer()
    w.add("a", b"1")
    w.reserve(["b", "c"])
    w.add("d", b"4")
    with pytest.raises(ValueError, match="reserved and never written"):
        w.to_bytes({"engine": "e"})
    with pytest.raises(ValueError, match="written twice"):
        w.reserve(["a"])
    w.add("c", b"3")
    w.add("b", b"2")
    with pytest.raises(ValueError, match="written twice"):
        w.add("b", b"2")
    r = Reader(w.to_bytes({"engine": "e"}), "x")
    assert r.names() == ["a", "b", "c", "d"]
    assert [bytes(r.raw(n)) for n in "abcd"] == [b"1", b"2", b"3", b"4"]


# -- bad files, in the cache: rebuilt ------------------------------------------------------------


def _cache_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("index-*.nidx"))


def test_cache_entry_damaged_in_any_way_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path))
    expected = answers(Matcher([MATCH_FIXTURE], cache=False), QUERIES[:40])
    Matcher([MATCH_FIXTURE]).build()
    (entry,) = _cache_files(tmp_path)
    good = entry.read_bytes()
    damages = [good[: len(good) // 3], good[:-100] + b"\0" * 100, b"\x80\x04pickle?", MAGIC + b"\xff" * 64]
    for damaged in damages:
        entry.write_bytes(damaged)
        m = Matcher([MATCH_FIXTURE])
        assert answers(m, QUERIES[:40]) == expected
        assert entry.read_bytes() == good  # replaced by a good one, byte for byte
    entry.write_bytes(good[:100])
    assert Tagger([MATCH_FIXTURE]).tag("Kharkiv, RDC") == Tagger([MATCH_FIXTURE], cache=False).tag("Kharkiv, RDC")


def test_cache_is_keyed_by_lexicon_content_and_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path / "cache"))
    lex = tmp_path / "lex.jsonl"
    lex.write_text('{"id":"test:a","type":"place","names":["Alpha Town"]}\n', encoding="utf-8")
    assert [m.id for m in Tagger(lex).tag("Alpha Town, Beta Town")] == ["test:a"]
    lex.write_text('{"id":"test:b","type":"place","names":["Beta Town"]}\n', encoding="utf-8")
    assert [m.id for m in Tagger(lex).tag("Alpha Town, Beta Town")] == ["test:b"]
    assert len(_cache_files(tmp_path / "cache")) == 2
    monkeypatch.setattr(cache_mod, "_fingerprint", "f" * 64)  # another engine: another entry
    assert [m.id for m in Tagger(lex).tag("Beta Town")] == ["test:b"]
    assert len(_cache_files(tmp_path / "cache")) == 3


def test_warm_start_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path))
    cold = Tagger([TAG_FIXTURE])
    text = "Oleksiy Baranovskyi in Kharkiv Oblast; Baranovskyi, RDC."
    expected = cold.tag(text)

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("built on a warm start")

    monkeypatch.setattr("normalize.index.build", boom)
    monkeypatch.setattr("normalize.lexicon.Lexicon.load", boom)
    assert Tagger([TAG_FIXTURE]).tag(text) == expected
    assert Matcher([TAG_FIXTURE]).match("Baranovskyi")[0].id == "person:oleksiy-baranovskyi"


def test_no_cache_means_no_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "never"
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(directory))
    assert Matcher([MATCH_FIXTURE], cache=False).match("Kharkov")[0].id == "place:kharkiv"
    assert Tagger([MATCH_FIXTURE], cache=False).tag("Kharkov")[0].id == "place:kharkiv"
    assert not directory.exists()


@pytest.mark.parametrize("kind", ["under a regular file", "not a directory at all"])
def test_unusable_cache_directory_costs_one_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    directory = blocker / "cache" if kind == "under a regular file" else blocker
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(directory))
    monkeypatch.setattr(cache_mod, "_warned", set())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert Matcher([MATCH_FIXTURE]).match("Kharkov")[0].id == "place:kharkiv"
        assert Tagger([MATCH_FIXTURE]).tag("Kharkov")[0].id == "place:kharkiv"
    assert [w.category for w in caught] == [CacheWarning]
    assert str(directory) in str(caught[0].message)


def test_cli_with_unusable_cache_prints_one_warning_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = dict(os.environ, NORMALIZE_CACHE_DIR=str(blocker / "cache"), PYTHONPATH=str(REPO))
    res = subprocess.run([sys.executable, "-m", "normalize", "match", "--lexicon", str(MATCH_FIXTURE), "Kharkov"],
                         capture_output=True, env=env, timeout=120, check=False)
    assert res.returncode == 0
    assert json.loads(res.stdout)["matches"][0]["id"] == "place:kharkiv"
    lines = res.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("normalize: warning: cannot use the cache directory"), lines


_BUILD = """
import sys
from normalize.matcher import Matcher
print(Matcher([sys.argv[1]]).match("Kharkov")[0].id)
"""


def test_two_processes_building_at_once_leave_one_good_file(tmp_path: Path) -> None:
    env = dict(os.environ, NORMALIZE_CACHE_DIR=str(tmp_path), PYTHONPATH=str(REPO))
    procs = [subprocess.Popen([sys.executable, "-c", _BUILD, str(MATCH_FIXTURE)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env) for _ in range(3)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e for _, e in outs]
    assert [o.decode().strip() for o, _ in outs] == ["place:kharkiv"] * 3
    (entry,) = _cache_files(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [entry.name]  # no temporary file left
    CompiledIndex(Reader.open(entry), entry).verify()


def test_prune_keeps_the_newest_and_removes_leftovers(tmp_path: Path) -> None:
    for i in range(12):
        p = tmp_path / f"index-{i:02d}.nidx"
        p.write_bytes(b"x")
        os.utime(p, (1000 + i, 1000 + i))
    dead = tmp_path / f".index-x.nidx.{2**22 + 12345}.abcd1234.tmp"  # a pid that does not exist
    dead.write_bytes(b"partial")
    mine = tmp_path / f".index-y.nidx.{os.getpid()}.abcd1234.tmp"  # still being written
    mine.write_bytes(b"partial")
    legacy = tmp_path / "matcher-0123.json"
    legacy.write_text("{}")
    prune(tmp_path, "index-*.nidx", keep=8, legacy=["matcher-*.json"])
    assert sorted(p.name for p in tmp_path.glob("index-*.nidx")) == [f"index-{i:02d}.nidx" for i in range(4, 12)]
    assert not dead.exists() and mine.exists() and not legacy.exists()


def test_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.nidx"

    def write(f: object) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        cache_mod.atomic_write(target, write)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_engine_fingerprint_covers_all_code_and_data() -> None:
    files = {p.relative_to(REPO / "normalize").as_posix() for p in cache_mod.engine_files(REPO / "normalize")}
    for expected in ("matcher/core.py", "tagger/scan.py", "fold.py", "index/container.py", "cli/match.py",
                     "data/matching.json", "schemes/ru_bgn_pcgn.json"):
        assert expected in files
    assert not any(f.endswith((".pyc", ".md", ".nidx")) for f in files)


# -- the command line -----------------------------------------------------------------------------


def run(*args: str, input: bytes | None = None, cache: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if cache is not None:
        env["NORMALIZE_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-m", "normalize", *args], input=input, capture_output=True, env=env,
                          timeout=180, check=False)


def test_cli_compile_and_use_an_index_everywhere(tmp_path: Path) -> None:
    out = tmp_path / "mine.nidx"
    cache = tmp_path / "cache"
    res = run("lexicon", "compile", str(TAG_FIXTURE), "-o", str(out), cache=cache)
    assert res.returncode == 0, res.stderr
    assert b"compiled" in res.stderr and out.is_file()
    res = run("match", "--index", str(out), "Tjotkino", cache=cache)
    assert json.loads(res.stdout)["matches"][0]["id"] == "geonames:483166"
    res = run("tag", "--index", str(out), input=b"Baranovskyi, RDC, Tyotkino", cache=cache)
    assert [json.loads(x)["text"] for x in res.stdout.decode().splitlines()] == ["Baranovskyi", "RDC", "Tyotkino"]
    csv = tmp_path / "in.csv"
    csv.write_text("name\nTetkino\nnothing\n", encoding="utf-8")
    res = run("batch", str(csv), "-c", "name", "--index", str(out), "--no-progress", cache=cache)
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode().splitlines()[1].startswith("Tetkino,geonames:483166,")
    assert not cache.exists()  # an explicit index: nothing cached


def test_cli_refuses_a_bad_index_and_both_options(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nidx"
    bad.write_bytes(b"garbage")
    for cmd in (["match", "x"], ["tag"], ["batch", "-", "-c", "name", "--format", "csv"]):
        res = run(*cmd, "--index", str(bad), input=b"name\nx\n")
        assert res.returncode == 2, (cmd, res.stderr)
        assert b"Traceback" not in res.stderr and str(bad).encode() in res.stderr
    res = run("match", "--index", str(bad), "--lexicon", str(TAG_FIXTURE), "x")
    assert res.returncode == 2 and b"not both" in res.stderr
    res = run("lexicon", "compile", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "x.nidx"))
    assert res.returncode == 2 and b"Traceback" not in res.stderr
    assert not (tmp_path / "x.nidx").exists()


def test_compile_onto_a_device_writes_through_and_never_replaces_it(tmp_path: Path) -> None:
    import stat

    for device, status in (("/dev/null", 0), ("/dev/full", 2)):
        if not Path(device).exists():
            pytest.skip(f"{device} is missing here")
        res = run("lexicon", "compile", str(TAG_FIXTURE), "-o", device, cache=tmp_path / "cache")
        assert res.returncode == status, res.stderr
        assert b"Traceback" not in res.stderr
        assert stat.S_ISCHR(os.stat(device).st_mode), f"{device} was replaced by a regular file"


# -- the index installed with the package ------------------------------------------------------------


def _installed_index() -> Path | None:
    """The bundled index of the installed distribution; skips for an editable install or none.

    An editable install (a developer's) has no packaged index: the cache serves
    it. A regular install (CI's ``pip install '.[test]'``) must carry one.
    """
    import sysconfig
    from importlib import metadata

    # the installed distribution, not the metadata a build leaves in this checkout
    site = list(dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]))
    dist = next(iter(metadata.distributions(name="normalize", path=site)), None)
    if dist is None:
        pytest.skip("normalize is not installed")
    direct = dist.read_text("direct_url.json")
    if direct and json.loads(direct).get("dir_info", {}).get("editable"):
        pytest.skip("normalize is installed in editable mode here: no packaged index to check")
    for f in dist.files or ():
        if f.as_posix() == "normalize/lexicons/bundled.nidx":
            return Path(str(dist.locate_file(f)))
    pytest.fail("the installed normalize carries no bundled index (normalize/lexicons/bundled.nidx)")


def test_installed_bundled_index_is_not_stale() -> None:
    """The package build compiles the bundled index; it must match these lexicons and this engine."""
    path = _installed_index()
    assert path is not None
    reader = Reader.open(path)
    assert reader.stamp["engine"] == cache_mod.engine_fingerprint(REPO / "normalize"), (
        "the installed bundled index was built from other engine code: reinstall the package")
    from normalize.index.source import LexiconSource

    source = LexiconSource([p for p in sorted((REPO / "lexicons").glob("*.jsonl"))])
    assert reader.stamp["lexicon"] == source.content_hash, "the installed bundled index holds other lexicons"
    CompiledIndex(reader, path).verify()


def test_first_run_after_install_builds_nothing(tmp_path: Path) -> None:
    _installed_index()
    cache = tmp_path / "empty-cache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NORMALIZE_CACHE_DIR"] = str(cache)
    script = "import normalize.index as i, sys; print(i.packaged_index_path())"
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, cwd=tmp_path, timeout=60,
                           check=False)
    assert Path(found.stdout.decode().strip()) == _installed_index()  # the installed package, not this checkout
    res = subprocess.run([sys.executable, "-m", "normalize", "match", "Tyotkino"], capture_output=True, env=env,
                         cwd=tmp_path, timeout=120, check=False)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["matches"][0]["id"] == "geonames:483166"
    assert not cache.exists() or not any(cache.iterdir())  # nothing built, nothing cached


def test_packaged_index_path_is_beside_the_bundled_lexicons() -> None:
    from normalize.lexicon import bundled_paths

    assert packaged_index_path().parent == bundled_paths()[0].parent


_PARALLEL_PROBE = """
import sys
from normalize.index import compile_index
from normalize.lexicon import Lexicon
from normalize.matcher import parallel

lex = Lexicon.load([sys.argv[1]])
parallel.PARALLEL_MIN_ENTITIES = 10**9
serial = bytes(compile_index(lex).reader._buf)
forks = []
real = parallel.fork_call
parallel.fork_call = lambda work: forks.append(1) or real(work)
parallel.PARALLEL_MIN_ENTITIES = 1
assert parallel.parallel_ok(None, len(lex)), "a fresh single-threaded process on Linux may fork"
assert bytes(compile_index(lex).reader._buf) == serial, "the parallel build wrote other bytes"
assert len(forks) == 2, forks  # the entities' second half, and the tagger's table
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parallel build forks on Linux only")
def test_parallel_build_gives_the_same_bytes() -> None:
    """Large lexicons are indexed by two processes at once; the file must not show it. Run in a
    fresh process: the build forks only from a single-threaded one, which a test worker may not be."""
    res = subprocess.run([sys.executable, "-c", _PARALLEL_PROBE, str(MATCH_FIXTURE)], capture_output=True,
                         env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=180, check=False)
    assert res.returncode == 0, res.stderr.decode()


def test_compiling_twice_writes_the_same_bytes(tmp_path: Path) -> None:
    """A compiled index is reproducible: the same lexicons and engine give the same file,
    whatever the hash seed of the process (sets and dicts must not leak their order)."""
    files = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.nidx"
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED=seed, NORMALIZE_CACHE_DIR=str(tmp_path / seed))
        res = subprocess.run([sys.executable, "-m", "normalize", "lexicon", "compile", str(TAG_FIXTURE),
                              "-o", str(out)], capture_output=True, env=env, timeout=180, check=False)
        assert res.returncode == 0, res.stderr
        files.append(out.read_bytes())
    assert files[0] == files[1]
