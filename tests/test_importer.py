"""`normalize lexicon import` and its engine: every input format, every malformed row, the exit status."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.importer import (
    ImportUsageError,
    describe_content,
    detect_format,
    from_records,
    import_file,
)
from normalize.lexicon import Lexicon, LexiconError

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGISTER = FIXTURES / "import_register.csv"
PEOPLE = FIXTURES / "import_people.tsv"
RECORDS = FIXTURES / "import_records.jsonl"
FTM = FIXTURES / "import_opensanctions.ftm.json"
FTM_ARRAY = FIXTURES / "import_entities.ftm_array.json"


def entities_of(result):  # type: ignore[no-untyped-def]
    return [e.to_json() for e in result.entities]


def problems_of(result):  # type: ignore[no-untyped-def]
    return [(p.line, p.severity, p.message) for p in result.problems]


def cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "normalize", "lexicon", *args],
        cwd=cwd, input=stdin, capture_output=True, env=env, timeout=120, check=False,
    )


# -- each input format ---------------------------------------------------------------------


def test_csv_register_with_merged_ids_and_malformed_rows() -> None:
    result = import_file(REGISTER, name_columns=["name", "aliases"], separator="|")
    assert result.format == "csv"
    assert entities_of(result) == [
        {"id": "1001", "type": "person", "names": ["Абрамович Роман Аркадьевич", "Abramovich Roman",
                                                   "ABRAMOVICH Roman Arkadyevich"]},
        {"id": "1002", "type": "org", "names": ['ПАО "Газпром"', "PJSC Gazprom", "Gazprom"]},
        # two rows with ID 1003: one entity with the names of both
        {"id": "1003", "type": "org", "names": ["ПАО «НК «Роснефть»", "Rosneft Oil Company", "Роснефть"]},
        # a quoted cell over two lines: one name, white space made one space
        {"id": "1007", "type": "org", "names": ["Сбербанк России (ПАО Сбербанк)", "Sberbank of Russia"]},
        {"id": "1008", "type": "org", "names": ["Совкомфлот", "Sovcomflot"]},  # "organisation" is an org
    ]
    assert problems_of(result) == [
        (6, "error", "no name in column 'name' or 'aliases'"),
        (7, "error", "5 cells, the header has 4"),
        (8, "error", ("type 'vessel' in column 'type' is not person, org or place "
                      "(nor a word for one: individual, company...)")),
        (9, "error", "empty id in column 'id'"),
        (13, "error", "malformed row: unexpected end of data"),  # the line where the unclosed quote opens
    ]
    assert (result.rows, len(result.entities), result.merged_rows, result.reported_rows) == (11, 5, 1, 5)
    assert result.summary() == (
        f"{REGISTER}: 11 rows -> 5 entities (1 merged into an earlier row's entity), 5 rows reported")


def test_tsv_without_ids_gets_slugs_merges_identical_rows_and_reports_bad_ones() -> None:
    result = import_file(PEOPLE, type="person")
    assert result.format == "tsv"
    assert entities_of(result) == [
        {"id": "import-people:navalnaia-iuliia-borisovna", "type": "person", "names": ["Навальная Юлия Борисовна"]},
        {"id": "import-people:yulia-navalnaya", "type": "person", "names": ["Yulia Navalnaya"]},
        {"id": "import-people:ivanov-ivan-ivanovich", "type": "person",
         "names": [{"text": "Іванов Іван Іванович", "lang": "uk"}]},  # detected from the letters
        # same slug, another entity: -2 (no two entities share an ID)
        {"id": "import-people:ivanov-ivan-ivanovich-2", "type": "person", "names": ["Иванов Иван Иванович"]},
    ]
    assert problems_of(result) == [
        (7, "error", "not valid UTF-8"),
        (9, "error", "1 cell, the header has 2"),
        (10, "warning", "name in column 'name' is 515 characters long (at most 300): dropped"),
        (10, "error", "no usable name"),
        (11, "warning", "name in column 'name' '12345' has no letter: dropped"),
        (11, "error", "no usable name"),
    ]
    assert (result.rows, result.merged_rows, result.reported_rows) == (10, 2, 4)  # the blank line is no row


def test_json_lines_records_with_lists_of_names() -> None:
    result = import_file(RECORDS, id_column="ref", name_columns=["names"], type_column="kind", id_prefix="rec:")
    assert result.format == "jsonl"
    assert entities_of(result) == [
        {"id": "rec:A1", "type": "org", "names": ["Газпром нефть", {"text": "Gazprom Neft", "lang": "en"},
                                                  "ПАО «Газпром нефть»"]},
        {"id": "rec:A2", "type": "org", "names": ["ВТБ Капитал"]},
        {"id": "rec:3", "type": "org", "names": ["Совкомфлот", "Sovcomflot"]},
        {"id": "rec:A6", "type": "org", "names": ["Роснефть"]},
    ]
    assert problems_of(result) == [
        (4, "error", "invalid JSON: Expecting value"),
        (5, "error", "expected a JSON object, got list"),
        (6, "error", "no name in column 'names'"),
        (7, "error", ("type 'spaceship' in column 'kind' is not person, org or place "
                      "(nor a word for one: individual, company...)")),
        (9, "error", "id 'rec:A1' is an org at line 1, this row says person"),
        (10, "error", "no id in column 'ref'"),
        (11, "warning", "name in column 'names' '42' has no letter: dropped"),
        (11, "warning", "a dict in column 'names' is not a name: dropped"),
    ]


def test_followthemoney_entities_as_opensanctions_publishes_them() -> None:
    result = import_file(FTM)
    assert result.format == "ftm"
    assert entities_of(result) == [
        {"id": "NK-2ovtB3ZbGgFeJNsYiykqQ4", "type": "person", "label": "Roman Abramovich",
         "names": ["Roman Abramovich", "Абрамович Роман Аркадьевич",
                   {"text": "Roman Arkadyevich Abramovich", "kind": "alias"},
                   {"text": "Абрамович Роман", "kind": "alias"}, {"text": "Abramovich", "kind": "alias"}],
         "gender": "m", "country": "RU", "note": "born 1966-10-24"},
        {"id": "NK-gazprom", "type": "org", "label": "Gazprom",
         "names": ["PJSC Gazprom", "ПАО «Газпром»", {"text": "Gazprom", "kind": "alias"},
                   {"text": "РАО «Газпром»", "kind": "former"}, "Gazprom PAO", {"text": "GAZPROM", "kind": "alias"}],
         "country": "RU"},
        # no name property: the name is built from firstName, fatherName and lastName
        {"id": "NK-deripaska", "type": "person", "names": ["Олег Владимирович Дерипаска"], "gender": "m",
         "country": "RU"},
        {"id": "NK-kalashnikov", "type": "org", "label": "Kalashnikov Concern",
         "names": ["Концерн «Калашников»", "Kalashnikov Concern"], "country": "RU"},
    ]
    assert problems_of(result) == [
        (5, "error", "no name (properties name, alias, weakAlias, previousName)"),
        (6, "error", "invalid JSON: Expecting ',' delimiter"),
        (8, "error", "no id"),
    ]
    assert result.other_schemas == {"Sanction": 1, "Address": 1, "Vessel": 1}
    assert result.summary().endswith(
        "8 rows -> 4 entities (1 merged into an earlier row's entity), 3 rows reported, "
        "3 records of other schemas not imported (Address 1, Sanction 1, Vessel 1)")


def test_followthemoney_name_properties_can_be_chosen() -> None:
    result = import_file(FTM, name_columns=["name"])
    gazprom = next(e for e in result.entities if e.id == "NK-gazprom")
    assert [n.text for n in gazprom.names] == ["PJSC Gazprom", "ПАО «Газпром»", "Gazprom PAO"]


def test_followthemoney_json_array_with_line_numbers() -> None:
    result = import_file(FTM_ARRAY, id_prefix="wd:")
    assert result.format == "ftm"
    assert [(e.id, e.type, e.label, e.note) for e in result.entities] == [
        ("wd:Q7747", "person", "Vladimir Putin", "born 1952-10-07"),
        ("wd:NK-rosneft-sample", "org", None, None),
    ]
    assert problems_of(result) == [(18, "error", "no name (properties name, alias, weakAlias, previousName)")]


def test_a_json_array_of_plain_records(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"id": 1, "name": "Газпром", "type": "org"}, {"id": 2, "name": "X", "type": "org"}],
                               ensure_ascii=False, indent=1), encoding="utf-8")
    result = import_file(path)
    assert result.format == "json"
    assert [(e.id, e.names[0].text) for e in result.entities] == [("1", "Газпром"), ("2", "X")]


def test_semicolon_csv_with_bom_crlf_and_russian_headers(tmp_path: Path) -> None:
    path = tmp_path / "реестр.csv"
    path.write_bytes("\ufeffНомер;Наименование;Вид\r\n7;ПАО «Сбербанк»;организация\r\n".encode("utf-8"))
    assert detect_format(path.read_bytes(), path.name) == ("csv", ";")
    result = import_file(path, id_column="номер", type_column="Вид")  # columns compare without case
    assert entities_of(result) == [{"id": "7", "type": "org", "names": ["ПАО «Сбербанк»"]}]
    assert result.problems == []


def test_gzip_input_and_forced_format(tmp_path: Path) -> None:
    packed = tmp_path / "register.txt.gz"
    packed.write_bytes(gzip.compress(REGISTER.read_bytes()))
    plain = import_file(REGISTER, name_columns=["name"])
    assert entities_of(import_file(packed, name_columns=["name"], format="csv")) == entities_of(plain)


def test_ids_with_spaces_become_hyphens_and_control_characters_are_reported() -> None:
    result = from_records([
        {"id": " 12 34 ", "name": "A", "type": "org"},
        {"id": "5\x006", "name": "B", "type": "org"},
    ])
    assert [e.id for e in result.entities] == ["12-34"]
    assert problems_of(result) == [(2, "error", "id '5\\x006' in column 'id' contains control characters")]


def test_nul_bytes_huge_cells_and_bad_utf8_in_every_format(tmp_path: Path) -> None:
    huge = "Я" * 200_000  # larger than the csv module's default field limit
    csv_path = tmp_path / "bad.csv"
    csv_path.write_bytes(
        f"id,name,type\n1,Газ\x00пром,org\n2,{huge},org\n".encode()
        + b"3,\xc3\x28,org\n4,OK,org\n"
    )
    result = import_file(csv_path)
    assert [e.id for e in result.entities] == ["4"]
    assert problems_of(result) == [
        (2, "warning", "name in column 'name' contains a NUL byte: dropped"),
        (2, "error", "no usable name"),
        (3, "warning", "name in column 'name' is 200,000 characters long (at most 300): dropped"),
        (3, "error", "no usable name"),
        (4, "error", "not valid UTF-8"),
    ]
    jsonl_path = tmp_path / "bad.jsonl"
    jsonl_path.write_bytes(b'{"id": 1, "name": "A", "type": "org"}\n{"id": 2, "name": "\xff", "type": "org"}\n'
                           + b'{"id": 3, "name": [[[' * 2000 + b"\n")
    result = import_file(jsonl_path)
    assert [e.id for e in result.entities] == ["1"]
    assert [(line, message.split(" (")[0].split(":")[0]) for line, _, message in problems_of(result)] == [
        (2, "not valid UTF-8"), (3, "invalid JSON")]


def test_usage_errors_name_what_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ImportUsageError, match=r"--name-column 'nmae': no such column .*did you mean 'name'\?"):
        import_file(REGISTER, name_columns=["nmae"])
    with pytest.raises(ImportUsageError, match="no type: give --type"):
        import_file(PEOPLE)
    with pytest.raises(ImportUsageError, match="cannot read"):
        import_file(tmp_path / "missing.csv")
    xlsx = tmp_path / "list.xlsx"
    xlsx.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    with pytest.raises(ImportUsageError, match=r"ZIP archive .*export it as CSV"):
        import_file(xlsx)
    utf16 = tmp_path / "list.csv"
    utf16.write_bytes("name,type\nX,org\n".encode("utf-16"))
    with pytest.raises(ImportUsageError, match="UTF-16"):
        import_file(utf16)
    with pytest.raises(ImportUsageError, match="unknown format"):
        import_file(REGISTER, format="xml")
    with pytest.raises(ImportUsageError, match="--lang"):
        import_file(REGISTER, type="org", lang="Russian")


# -- Python API ----------------------------------------------------------------------------


def test_lexicon_import_file_and_from_records() -> None:
    lexicon = Lexicon.import_file(REGISTER, name_columns=["name"], id_prefix="reg:")
    assert lexicon["reg:1003"].type == "org" and len(lexicon) == 5
    assert [(w.line, w.severity) for w in lexicon.warnings][:2] == [(6, "warning"), (7, "warning")]
    with pytest.raises(LexiconError) as info:
        Lexicon.import_file(REGISTER, strict=True, name_columns=["name"])
    assert str(info.value.problems[0]) == f"{REGISTER}:6: error: no name in column 'name'"
    ftm = Lexicon.from_records([json.loads(line) for line in FTM.read_text(encoding="utf-8").splitlines()[:2]])
    assert [e.id for e in ftm] == ["NK-2ovtB3ZbGgFeJNsYiykqQ4", "NK-gazprom"]
    rows = Lexicon.from_records([{"name": "Газпром", "bank": "x"}], type="company")
    assert [e.id for e in rows] == ["records:gazprom"]


def test_same_as_column(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("id,name,type,link\n1,Газпром,org,org:gazprom|wikidata-nope\n2,X,org,not an id\n",
                    encoding="utf-8")
    result = import_file(path, same_as_column="link", separator="|", id_prefix="mine:")
    assert [(e.id, e.same_as) for e in result.entities] == [
        ("mine:1", ("org:gazprom", "wikidata-nope")), ("mine:2", ())]
    assert problems_of(result) == [(3, "warning", "'not an id' in column 'link' is not an id: dropped")]


# -- what is written is a lexicon, whatever the input ---------------------------------------

_cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "id": st.one_of(st.none(), st.sampled_from(["1", "2", "3", " ", "a b"]), st.integers(-3, 3)),
    "name": st.one_of(st.none(), _cell, st.lists(_cell, max_size=3)),
    "type": st.sampled_from(["person", "Company", "place", "", "dog"]),
}), max_size=12))
def test_every_record_is_an_entity_merged_or_reported_and_the_result_loads(records: list[dict[str, object]]) -> None:
    result = from_records(records, separator=";")
    error_lines = {p.line for p in result.problems if p.severity == "error"}
    lines_with_entities = {e.line for e in result.entities}
    assert result.rows == len(records)
    # an entity's first row and a reported row are never the same row
    assert not (error_lines & lines_with_entities)
    # every row made an entity, went to one, or was reported: exactly one of the three
    assert len(result.entities) + result.merged_rows + len(error_lines) == len(records)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.jsonl"
        result.lexicon().save(path)
        assert Lexicon.load(path).entities == result.entities  # valid, IDs unique, nothing lost


# -- the command -----------------------------------------------------------------------------


def test_cli_import_writes_a_valid_lexicon_and_reports_rows(tmp_path: Path) -> None:
    out = tmp_path / "register.jsonl"
    run = cli("import", str(REGISTER), "--name-column", "name", "--name-column", "aliases", "--separator", "|",
              "--id-prefix", "reg:", "-o", str(out))
    assert run.returncode == 1  # rows were reported; the lexicon is written all the same
    stderr = run.stderr.decode("utf-8").splitlines()
    assert stderr[0] == f"{REGISTER}:6: no name in column 'name' or 'aliases'"
    assert stderr[-1] == (f"{REGISTER}: 11 rows -> 5 entities (1 merged into an earlier row's entity), "
                          f"5 rows reported; written to {out}")
    check = cli("check", str(out))
    assert check.returncode == 0, check.stderr
    assert check.stderr.decode().splitlines()[-1] == "1 file, 5 entities, 13 names: 0 errors, 0 warnings (0 shared names)"
    assert [e.id for e in Lexicon.load(out)] == ["reg:1001", "reg:1002", "reg:1003", "reg:1007", "reg:1008"]


def test_cli_import_exit_0_stdin_and_stdout() -> None:
    run = cli("import", "-", "--type", "org", stdin="name\nГазпром\nРоснефть\n".encode())
    assert run.returncode == 0, run.stderr
    lines = run.stdout.decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["stdin:gazprom", "stdin:rosneft"]
    assert run.stderr.decode().strip() == "<stdin>: 2 rows -> 2 entities, 0 rows reported; written to stdout"


def test_cli_import_usage_errors_exit_2_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    for args in (["--name-column", "nope"], ["--type", "org", "--type-column", "type"], ["--format", "xml"]):
        run = cli("import", str(REGISTER), "-o", str(out), *args)
        assert run.returncode == 2, (args, run.stderr)
        assert not out.exists()
    run = cli("import", str(REGISTER), "-o", str(REGISTER))
    assert run.returncode == 2 and b"overwrite the input" in run.stderr
    missing = cli("import", str(tmp_path / "nope.csv"), "-o", str(out))
    assert missing.returncode == 2 and b"cannot read" in missing.stderr and not out.exists()


# -- lexicon check on files that are not lexicons ---------------------------------------------


@pytest.mark.parametrize(("path", "what"), [
    (REGISTER, "a CSV file (comma-separated; header: id, name, type, aliases)"),
    (PEOPLE, "a TSV file (tab-separated; header: name, country)"),
    (FTM, "FollowTheMoney entities (id, schema, properties)"),
    (FTM_ARRAY, "a JSON array of FollowTheMoney entities"),
    (RECORDS, "JSON Lines of other records (keys: ref, names, kind, country; a lexicon entry has id, type and names)"),
])
def test_check_says_once_what_a_file_looks_like_and_suggests_import(path: Path, what: str) -> None:
    assert describe_content(path.read_bytes(), path.name) == what
    run = cli("check", str(path))
    assert run.returncode == 1
    lines = run.stderr.decode("utf-8").splitlines()
    assert lines == [
        (f"{path}: error: this looks like {what}, not a lexicon (one JSON entity per line); "
         f"convert it with: normalize lexicon import {path} -o OUT.jsonl"),
        "1 file, 0 entities, 0 names: 1 error, 0 warnings (0 shared names)",
    ]


def test_a_lexicon_with_bad_lines_is_still_checked_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "typo.jsonl"
    path.write_text('{"id": "a", "tpye": "org", "names": ["A"]}\nnot json\n', encoding="utf-8")
    assert describe_content(path.read_bytes()) is None
    _, problems = Lexicon.check([path])
    assert [p.line for p in problems] == [1, 1, 2]
