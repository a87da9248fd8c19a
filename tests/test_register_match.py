"""Register forms: persons in any order (Абрамович Роман Аркадьевич, ABRAMOVICH, Roman,
Abramovich R. A.) and organizations with legal forms, quotes and generic words.

Driven by tests/cases/register_match.json (matching, negatives included) over
tests/fixtures/register_lexicon.jsonl, which gives only IDs, types and register
names (no gender, no Latin forms: everything else comes from the engine), and by
tests/cases/person_name_parts.json and org_name_parts.json (how names are split).
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from normalize import org_names, person_names
from normalize.fold import fold
from normalize.index import compile_index
from normalize.lexicon import Lexicon
from normalize.matcher import Matcher
from normalize.matcher.persons import is_given_name

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "register_lexicon.jsonl"
CASES = json.loads((HERE / "cases" / "register_match.json").read_text(encoding="utf-8"))
PERSON_PARTS = json.loads((HERE / "cases" / "person_name_parts.json").read_text(encoding="utf-8"))
ORG_PARTS = json.loads((HERE / "cases" / "org_name_parts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(Lexicon.load([FIXTURE]), cache=False)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['group']}:{c['query']}" for c in CASES])
def test_case(matcher: Matcher, case: dict) -> None:
    results = matcher.match(case["query"])
    got = results[0].id if results else None
    assert got == case["expect"], matcher.explain(case["query"])
    for other in case.get("not", []):
        assert other not in [r.id for r in results], matcher.explain(case["query"])


def test_cases_cover_both_answers_and_negatives() -> None:
    groups = {c["group"] for c in CASES}
    assert any(g.startswith("person negatives") for g in groups) and any(g.startswith("org negatives") for g in groups)
    assert all(c["expect"] is None for c in CASES if "negatives" in c["group"])
    ids = {json.loads(line)["id"] for line in FIXTURE.read_text(encoding="utf-8").splitlines()}
    assert {c["expect"] for c in CASES} - {None} <= ids
    assert {n for c in CASES for n in c.get("not", [])} <= ids


def test_compiled_index_answers_the_same(matcher: Matcher, tmp_path: Path) -> None:
    """The organization cores and person tables read from a compiled index give the same answers."""
    path = tmp_path / "register.nidx"
    compile_index(Lexicon.load([FIXTURE]), path)
    compiled = Matcher.from_index(path)
    for case in CASES:
        fresh = [(r.id, r.score) for r in matcher.match(case["query"], min_score=0)]
        assert [(r.id, r.score) for r in compiled.match(case["query"], min_score=0)] == fresh, case["query"]


def test_derived_names_keep_the_lexicon_name_as_alias(matcher: Matcher) -> None:
    (hit,) = matcher.match("Roman Abramovich", top=1)
    assert hit.alias == "Абрамович Роман Аркадьевич" and hit.via[0] == "press order"
    (hit,) = matcher.match("Gazprom", top=1)
    assert hit.alias == "ПАО «Газпром»" and hit.via[0] == "legal form removed"
    (hit,) = matcher.match("Rosneft Oil Company", top=1)
    assert hit.via[0] == "organization core" and "generic words: same" in hit.via


def test_surname_alone_comes_from_the_register_order(matcher: Matcher) -> None:
    """The tagger's surname forms are the surname's, not the patronymic's."""
    assert "абрамович" in matcher.person_short_forms("t:abramovich")
    assert "аркадьевич" not in matcher.person_short_forms("t:abramovich")
    assert matcher.match("Abramovich")[0].id == "t:abramovich"


@pytest.mark.parametrize("case", PERSON_PARTS, ids=[c["name"] for c in PERSON_PARTS])
def test_person_name_parts(case: dict) -> None:
    parts = person_names.parse(case["name"], is_given=is_given_name)
    assert parts is not None
    assert (parts.surname, parts.given, parts.patronymic, parts.order) == \
        (case["surname"], case["given"], case["patronymic"], case["order"])


@pytest.mark.parametrize("case", ORG_PARTS, ids=[c["name"] for c in ORG_PARTS])
def test_org_name_parts(case: dict) -> None:
    parts = org_names.parse(case["name"])
    assert (parts.core, list(parts.legal), list(parts.generic), list(parts.qualifiers)) == \
        (case["core"], case["legal"], case["generic"], case["qualifiers"])


def _table_entries() -> list[tuple[str, str, dict]]:
    raw = json.loads((HERE.parent / "normalize" / "data" / "org_types.json").read_text(encoding="utf-8"))
    return [(section, alias, entry) for section in ("legal_forms", "generic_words", "qualifiers")
            for entry in raw[section] for alias in entry["aliases"]]


@pytest.mark.parametrize("section,alias,entry", _table_entries(), ids=[f"{s}:{a}" for s, a, _ in _table_entries()])
def test_every_alias_of_the_table_comes_off_a_name(section: str, alias: str, entry: dict) -> None:
    """Each legal form and generic word at either end, each qualifier at the end, in its script."""
    brand = "Ромашка" if any("\u0400" <= c <= "\u04ff" for c in alias) else "Romashka"
    kind = {"legal_forms": "legal", "generic_words": "generic", "qualifiers": "qualifiers"}[section]
    forms = [f"{brand} {alias}"] if section == "qualifiers" else [f"{alias} «{brand}»", f"{brand} {alias}"]
    for name in forms:
        parts = org_names.parse(name)
        assert parts.core == fold(brand), name
        assert entry["compare"] in getattr(parts, kind), name


def test_table_duplicates_and_bad_entries_are_errors_with_file_and_line(tmp_path: Path) -> None:
    good = '{"display": "ООО", "compare": "llc", "lang": ["ru"], "aliases": ["ООО"]}'

    def table(*entries: str) -> Path:
        path = tmp_path / "org_types.json"
        path.write_text('{\n "legal_forms": [\n  ' + ",\n  ".join(entries) + '\n ],\n "generic_words": [],\n'
                        ' "qualifiers": []\n}\n', encoding="utf-8")
        return path

    assert org_names.OrgTypes.load(table(good)).phrases
    cases = [
        ((good, '{"display": "LLC", "compare": "llc", "lang": ["en"], "aliases": ["ООО"]}'), ":4: alias 'ООО' is already given at"),
        ((good, '{"display": "LLC", "compare": "llc", "lang": ["en"], "aliases": ["L.L.C.", "L L C"]}'), ":4: alias 'L L C' is already given"),
        (('{"display": "ООО", "compare": "llc", "aliasses": ["ООО"]}',), ":3: unknown key 'aliasses'"),
        (('{"display": "ООО", "compare": "LLC!", "aliases": ["ООО"]}',), ":3: 'compare' must be"),
        (('{"display": "ООО", "compare": "llc"}',), ":3: missing key 'aliases'"),
        (('{"display": "ООО", "compare": "llc", "aliases": ["ООО"], "distinctive": true}',), ":3: 'distinctive'"),
    ]
    for entries, message in cases:
        with pytest.raises(org_names.OrgTypesError, match="org_types.json" + message):
            org_names.OrgTypes.load(table(*entries))
    bad_json = tmp_path / "broken.json"
    bad_json.write_text('{\n "legal_forms": [\n', encoding="utf-8")
    with pytest.raises(org_names.OrgTypesError, match=r"broken\.json:\d+: not valid JSON"):
        org_names.OrgTypes.load(bad_json)


def test_packaged_table_is_valid() -> None:
    table = org_names.OrgTypes.load()
    assert ("pjsc",) == tuple(sorted({t.compare for p, t in table.phrases.items() if p == ("пао",)}))


def test_bundled_people_keep_their_written_order() -> None:
    """No bundled person name is in register order: reading them with the evidence must
    not reorder one (a title is no part of a name)."""
    for line in (HERE.parent / "lexicons" / "people.jsonl").read_text(encoding="utf-8").splitlines():
        entity = json.loads(line)
        for name in entity["names"]:
            text, kind = (name, None) if isinstance(name, str) else (name["text"], name.get("kind"))
            if kind == "acronym":
                continue
            parts = person_names.parse(text, is_given=is_given_name)
            assert parts is not None and parts.order[0] in "GS" and (parts.order == "S" or parts.order[0] == "G"), \
                (entity["id"], text, parts)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ПАОНК «»\"'(),.-ГазпромRosneft OilCompanyBankПАТАТ")), max_size=40))
def test_org_core_is_a_run_of_the_name(text: str) -> None:
    """The core is "" or a contiguous run of the name's folded words, never all of them stripped."""
    parts = org_names.parse(text)
    words = fold(text).split()
    if parts.core:
        core = parts.core.split(" ")
        assert any(words[i : i + len(core)] == core for i in range(len(words)))
    assert not words or parts.stripped_text.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Абрамович Роман RAbc.,-' ЮYuоглыOVICHovna")), max_size=40))
@example("AA.-AA,A")  # two words joined by ".-": found by CI
def test_person_parts_are_words_of_the_name(text: str) -> None:
    parts = person_names.parse(text, is_given=is_given_name)
    if parts is None:
        assert not person_names.tokens(text)
        return
    # each part is a run of the name's words (the separators between them may differ: "AA.-AA"
    # is the two words AA AA, and a surname of both is written with a space)
    words = re.findall(r"[^\W\d_]+", text)
    for part in (parts.surname, parts.given, parts.patronymic):
        if part is not None:
            run = re.findall(r"[^\W\d_]+", part)
            assert run and any(words[i : i + len(run)] == run for i in range(len(words))), (part, text)


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "normalize", *args], capture_output=True, text=True, env=env,
                          timeout=600, check=False)


def test_cli_import_then_match_a_register(tmp_path: Path) -> None:
    """The issue's scenario: a register imported with one command, queried as the press writes."""
    rows = [("1", "Абрамович Роман Аркадьевич", "person"), ("2", "ДЕРИПАСКА Олег Володимирович", "individual"),
            ("3", 'ПАО "Газпром"', "company"), ("4", "ПАО «НК «Роснефть»", "company"),
            ("5", "Сбербанк России (ПАО Сбербанк)", "company"), ("6", "Банк ВТБ (ПАО)", "company"),
            ("7", "АО «Концерн «Калашников»", "company"), ("8", "ПАО «Совкомфлот»", "company")]
    src = tmp_path / "register.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("id", "name", "type"), *rows])
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "register.jsonl"
    imported = _run("lexicon", "import", str(src), "--id-prefix", "reg:", "-o", str(out), env=env)
    assert imported.returncode == 0, imported.stderr
    queries = {"Roman Abramovich": "reg:1", "ABRAMOVICH, Roman": "reg:1", "Oleg Deripaska": "reg:2",
               "PJSC Gazprom": "reg:3", "Gazprom": "reg:3", "Rosneft Oil Company": "reg:4",
               "Sberbank of Russia": "reg:5", "VTB Bank": "reg:6", "Kalashnikov Concern": "reg:7",
               "Sovcomflot": "reg:8", "Gazprom Neft": None, "VTB Capital": None, "Ivan Sechin": None}
    matched = _run("match", "--lexicon", str(out), "--top", "1", *queries, env=env)
    assert matched.returncode == 0, matched.stderr
    lines = [json.loads(line) for line in matched.stdout.splitlines()]
    assert [line["query"] for line in lines] == list(queries)
    for line in lines:
        got = line["matches"][0]["id"] if line["matches"] else None
        assert got == queries[line["query"]], line
