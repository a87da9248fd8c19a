"""Import entity lists into the lexicon format: CSV, TSV, JSON Lines, FollowTheMoney.

A sanctions list, a company register or a newsroom's own list becomes a lexicon
(``lexicons/README.md``) with one call, :func:`import_file` (the engine of
``normalize lexicon import``), or :func:`from_records` for rows already in
memory. Every row either becomes (part of) an entity or is reported as a
:class:`~normalize.lexicon.Problem` with its file and line; nothing is skipped
silently, and what is written always passes ``normalize lexicon check``.

Formats (``format=``; detected from the content, then the file name, when not given):

``csv``, ``tsv``
    A header line, then one row per line (quoted cells may span lines). The
    delimiter of ``csv`` is the one of ``,`` ``;`` ``|`` that the header uses
    most (registers exported from spreadsheets often use ``;``).
``jsonl``
    One JSON object per line; its keys are the columns, and a value may be a
    list of names (strings, or objects with ``text``, ``lang``, ``kind``).
``json``
    A JSON array of such objects.
``ftm``
    FollowTheMoney entities as OpenSanctions publishes them, one per line (or
    in a JSON array): ``id``, ``schema``, ``properties``. ``Person`` becomes a
    ``person``; ``Organization``, ``Company``, ``PublicBody`` and
    ``LegalEntity`` an ``org``; other schemas (``Sanction``, ``Address``,
    ``Vessel``...) carry no entity name we match and are counted, not
    imported. Names come from the properties ``name`` (no kind), ``alias`` and
    ``weakAlias`` (kind ``alias``) and ``previousName`` (kind ``former``), or
    from ``firstName``, ``fatherName``/``middleName`` and ``lastName`` when
    there is no ``name``; ``gender`` gives ``m``/``f``; the first two-letter
    code of ``country``, ``nationality``, ``citizenship``, ``jurisdiction``
    or ``mainCountry`` gives ``country``; ``birthDate`` goes into ``note``;
    ``caption`` is the label when it is one of the names.

Options (the same for the command line and Python):

* ``name_columns``: the columns holding names (default: the first column
  called ``name``, ``names``, ``full name``, ``фио``, ``наименование``...: see
  :data:`NAME_COLUMNS`); each cell may hold several names split by
  ``separator``. For FollowTheMoney, the properties to take names from.
* ``id_column``: IDs (default: a column called ``id``, if any). Rows with the
  same ID are one entity: their names are merged. Without IDs, each row is an
  entity with a slug ID built from its first name (``register:gazprom``; a
  second entity with the same slug gets ``-2``), and rows with exactly the
  same type and names are one entity.
* ``id_prefix``: put before every ID (``sanctions:`` gives ``sanctions:123``);
  slug IDs default to the file's name as prefix (``register.csv`` gives
  ``register:...``), so that they do not collide with the bundled IDs.
* ``type`` (one for all rows) or ``type_column``: ``person``, ``org`` or
  ``place``, or a word that means one of them (``individual``, ``company``,
  ``organisation``, ``entity``, ``location``... see :data:`TYPE_WORDS`);
  default: a column called ``type``.
* ``same_as_column``: IDs of the same entity in other lexicons
  (``person:roman-abramovich``), written as they are there (no prefix is
  added), split by ``separator``; they become the entity's ``same_as``, so
  that it answers as one with them (see ``lexicons/README.md``).
* ``lang``: the language of the names in Cyrillic (or another non-Latin
  script); default: :func:`normalize.detect_language` for each name (which
  leaves it unset when the letters do not tell). Latin names get no language.

Row problems: a row with no usable name, no type, an empty ID, a different
type than an earlier row with its ID, a number of cells that differs from the
header's, invalid UTF-8, a malformed quote or JSON line is unusable: reported
as an error, skipped. A name that is dropped from a row that is otherwise
used (too long, no letter, a NUL byte...) is reported as a warning. Names are
stored in NFC with runs of white space made one space.

>>> result = from_records([
...     {"id": "1", "name": "ПАО «Газпром»; Gazprom", "type": "company"},
...     {"id": "1", "name": "Gazprom PJSC", "type": "company"},
...     {"id": "2", "name": "", "type": "person"},
... ], separator=";", id_prefix="reg:")
>>> [(e.id, e.type, [n.text for n in e.names]) for e in result.entities]
[('reg:1', 'org', ['ПАО «Газпром»', 'Gazprom', 'Gazprom PJSC'])]
>>> [str(p) for p in result.problems]
["<records>:3: error: no name in column 'name'"]
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from normalize.lexicon import NAME_KINDS, Entity, Lexicon, LexiconError, Name, Problem

__all__ = [
    "FORMATS",
    "FTM_SCHEMAS",
    "ImportResult",
    "ImportUsageError",
    "MAX_NAME_CHARS",
    "NAME_COLUMNS",
    "TYPE_WORDS",
    "describe_content",
    "detect_format",
    "from_records",
    "import_file",
]

#: the input formats, and what each is
FORMATS: dict[str, str] = {
    "csv": "comma-separated values (or ; or |) with a header line",
    "tsv": "tab-separated values with a header line",
    "jsonl": "JSON Lines: one JSON object per line",
    "json": "a JSON array of objects",
    "ftm": "FollowTheMoney entities (OpenSanctions), one per line or in a JSON array",
}

#: header names taken as the name column when none is given (compared without case)
NAME_COLUMNS: tuple[str, ...] = (
    "name", "names", "full name", "full_name", "fullname", "caption",
    "фио", "ф.и.о.", "имя", "наименование", "название", "піб", "назва", "найменування",
)

#: FollowTheMoney schema -> lexicon type (schemas not listed are counted, not imported)
FTM_SCHEMAS: dict[str, str] = {
    "Person": "person",
    "Organization": "org",
    "Company": "org",
    "PublicBody": "org",
    "LegalEntity": "org",
}

#: FollowTheMoney properties taken as names, and the kind they get
_FTM_NAME_PROPS: dict[str, str | None] = {"name": None, "alias": "alias", "weakAlias": "alias", "previousName": "former"}
_FTM_COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry")

#: words of a type column (compared without case, spaces or underscores) -> lexicon type
TYPE_WORDS: dict[str, str] = {
    **{w: "person" for w in ("person", "individual", "naturalperson", "people", "human", "persona", "персона",
                             "физлицо", "физическоелицо", "фізичнаособа")},
    **{w: "org" for w in ("org", "organization", "organisation", "company", "entity", "legalentity", "publicbody",
                          "corporation", "firm", "business", "юрлицо", "юридическоелицо", "организация",
                          "юридичнаособа", "організація")},
    **{w: "place" for w in ("place", "location", "city", "town", "village", "settlement", "region")},
    **{s.lower(): t for s, t in FTM_SCHEMAS.items()},
}

#: names longer than this are not names (a wrong column, a pasted paragraph)
MAX_NAME_CHARS = 300
#: cells up to this size are read (the csv module's default, 128 KiB, is too small for real data)
MAX_CELL_BYTES = 64 << 20
#: how much of a file format detection looks at
_HEAD_BYTES = 1 << 16

_LANG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
_SPACE_RE = re.compile(r"\s+")
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_COUNTRY_RE = re.compile(r"[A-Za-z]{2}\Z")
_SURROGATE_RE = re.compile("[\udc80-\udcff]")
_LETTER_RE = re.compile(r"[^\W\d_]")
#: letters of scripts other than Latin (Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic, CJK...)
_NON_LATIN_RE = re.compile("[\u0370-\u1cff\u2d00-\u2dff\u3040-\u9fff\ua640-\ua69f\uac00-\ud7af]")


class ImportUsageError(ValueError):
    """Bad options or an unreadable input: nothing was imported (exit status 2 on the command line)."""


# -- results -----------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import made: the entities, the problems (``FILE:LINE``) and the counts for the summary."""

    source: str
    format: str
    entities: list[Entity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: records read (blank lines and the header excluded)
    rows: int = 0
    #: rows with at least one problem (errors: skipped; warnings: used in part)
    reported_rows: int = 0
    #: rows whose names went to an earlier row's entity (same ID, or same names without IDs)
    merged_rows: int = 0
    #: FollowTheMoney records of schemas that are not imported, by schema
    other_schemas: dict[str, int] = field(default_factory=dict)

    def lexicon(self, *, strict: bool = False) -> Lexicon:
        """The entities as a :class:`Lexicon`; the problems are its warnings (with ``strict``: raised)."""
        if strict and self.problems:
            raise LexiconError([Problem(p.path, p.line, p.message, "error") for p in self.problems])
        return Lexicon(self.entities, warnings=[Problem(p.path, p.line, p.message, "warning") for p in self.problems])

    def summary(self) -> str:
        """One line: rows read, entities made, rows reported, records of other schemas."""
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        text = f"{self.source}: {n(self.rows, 'row', 'rows')} -> {n(len(self.entities), 'entity', 'entities')}"
        if self.merged_rows:
            text += f" ({self.merged_rows} merged into an earlier row's entity)"
        text += f", {n(self.reported_rows, 'row', 'rows')} reported"
        if self.other_schemas:
            shown = ", ".join(f"{k} {v}" for k, v in sorted(self.other_schemas.items(), key=lambda kv: (-kv[1], kv[0])))
            text += f", {sum(self.other_schemas.values())} records of other schemas not imported ({shown})"
        return text


# -- format detection ----------------------------------------------------------------------


def _is_ftm(obj: Any) -> bool:
    return type(obj) is dict and isinstance(obj.get("schema"), str) and isinstance(obj.get("properties"), dict)


def detect_format(head: bytes, name: str = "") -> tuple[str, str]:
    """``(format, delimiter)`` of a file from its first bytes, then its name.

    Raises :class:`ImportUsageError` for what cannot be imported (a ZIP or
    spreadsheet, UTF-16 text, an empty file).

    >>> detect_format(b'{"id": "1", "schema": "Person", "properties": {"name": ["X"]}}\\n')
    ('ftm', '')
    >>> detect_format(b"id;name;type\\n1;X;person\\n", "list.csv")
    ('csv', ';')
    """
    kind = _binary_kind(head)
    if kind:
        raise ImportUsageError(f"{name or 'the input'} is {kind}, not text: export it as CSV (UTF-8) first")
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    stripped = text.lstrip()
    lower = name.lower().removesuffix(".gz")
    if not stripped:
        raise ImportUsageError(f"{name or 'the input'} is empty")
    if stripped.startswith("["):
        first = _first_array_item(stripped)
        return ("ftm" if _is_ftm(first) else "json"), ""
    if stripped.startswith("{"):
        first_line = stripped.split("\n", 1)[0]
        try:
            obj = json.loads(first_line)
        except (ValueError, RecursionError):
            obj = None
        return ("ftm" if _is_ftm(obj) else "jsonl"), ""
    if lower.endswith((".tsv", ".tab")):
        return "tsv", "\t"
    header = text.lstrip("\r\n").split("\n", 1)[0]
    counts = {d: _count_outside_quotes(header, d) for d in (",", ";", "|", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if best == "\t" and counts["\t"] > 0 and not lower.endswith(".csv"):
        return "tsv", "\t"
    if counts[best] == 0:
        best = ","
    return "csv", best


def _count_outside_quotes(line: str, ch: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == ch and not quoted:
            count += 1
    return count


def _first_array_item(text: str) -> Any:
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    try:
        return decoder.raw_decode(text, pos)[0]
    except (ValueError, RecursionError):
        return None


def _binary_kind(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive (an .xlsx or .ods spreadsheet?)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Office document (an .xls spreadsheet?)"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text"
    if head.startswith(b"%PDF"):
        return "a PDF document"
    return ""


def describe_content(data: bytes, name: str = "") -> str | None:
    """What a file that is not a JSON Lines lexicon looks like, or None when it may well be one.

    Used by ``normalize lexicon check`` to say once "this is a CSV file" rather
    than "invalid JSON" on every line. A file whose first lines include a JSON
    object that is not FollowTheMoney is taken for a lexicon (its bad lines
    are then reported one by one).

    >>> describe_content(b"id,name\\n1,Kyiv\\n")
    'a CSV file (comma-separated; header: id, name)'
    >>> describe_content(b'{"id": "x", "type": "place", "names": ["X"]}\\n') is None
    True
    """
    kind = _binary_kind(data[:16])
    if kind:
        return kind
    text = data[:_HEAD_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = [line for line in text.split("\n") if line.strip()][:20]
    if not lines:
        return None
    stripped = text.lstrip()
    if stripped.startswith("["):
        return "a JSON array" + (" of FollowTheMoney entities" if _is_ftm(_first_array_item(stripped)) else "")
    objects = ftm = entries = 0
    keys: dict[str, None] = {}
    for line in lines:
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if type(obj) is dict:
            objects += 1
            ftm += _is_ftm(obj)
            entries += sum(k in obj for k in ("id", "type", "names")) >= 2  # an entry, perhaps with a typo
            keys.update(dict.fromkeys(obj))
    if ftm and ftm == objects:
        return "FollowTheMoney entities (id, schema, properties)"
    if objects and not entries:
        shown = ", ".join(list(keys)[:6]) + (", ..." if len(keys) > 6 else "")
        return f"JSON Lines of other records (keys: {shown}; a lexicon entry has id, type and names)"
    if objects:
        return None
    if stripped.startswith("{"):
        return "a JSON document spread over several lines, not one object per line"
    fmt, delimiter = detect_format(data[:_HEAD_BYTES], name)
    try:
        header = next(csv.reader([lines[0].rstrip("\r")], delimiter=delimiter))
    except csv.Error:  # not even a table (a CR or NUL in the line): let its lines speak for themselves
        return None
    columns = ", ".join(c.strip() for c in header[:6]) + (", ..." if len(header) > 6 else "")
    what = {",": "comma", ";": "semicolon", "|": "bar", "\t": "tab"}[delimiter]
    return f"a {fmt.upper()} file ({what}-separated; header: {columns})"


# -- reading ---------------------------------------------------------------------------------

#: a record, or the reason it could not be read, at a line
Row = tuple[int, "dict[str, Any] | None", str]


def _open(path: Path, stdin: bytes | None = None) -> IO[bytes]:
    """The file's bytes, through gzip when they are gzip's (``stdin``: the bytes of ``-``)."""
    raw: IO[bytes] = io.BytesIO(stdin) if stdin is not None else open(path, "rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.open(raw)  # type: ignore[return-value]
    raw.seek(0)
    return raw


def _read_delimited(f: IO[bytes], delimiter: str) -> tuple[list[str], int, Iterator[Row]]:
    """The header, its line, and the rows (dicts by header name) of a CSV or TSV stream."""
    text = io.TextIOWrapper(f, encoding="utf-8", errors="surrogateescape", newline="")
    csv.field_size_limit(MAX_CELL_BYTES)
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = 0
    end = 0
    while header is None:
        try:
            cells = next(reader)
        except StopIteration:
            raise ImportUsageError("no header line: the file is empty") from None
        except csv.Error as exc:
            raise ImportUsageError(f"line {end + 1}: cannot read the header: {exc}") from None
        start, end = end + 1, reader.line_num
        if cells and any(c.strip() for c in cells):
            header = [_clean_header(c) for c in cells]
            header_line = start
    if any(_has_surrogates(c) for c in header):
        raise ImportUsageError(f"line {header_line}: the header is not valid UTF-8")

    def rows() -> Iterator[Row]:
        nonlocal end
        width = len(header)
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                start, end = end + 1, reader.line_num
                yield start, None, f"malformed row: {exc}"
                continue
            start, end = end + 1, reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # a blank line
            if any(_has_surrogates(c) for c in cells):
                yield start, None, "not valid UTF-8"
                continue
            if len(cells) != width:
                if len(cells) > width and not any(c.strip() for c in cells[width:]):
                    cells = cells[:width]  # trailing empty cells
                else:
                    yield start, None, f"{len(cells)} cell{'s' * (len(cells) != 1)}, the header has {width}"
                    continue
            yield start, dict(zip(header, cells)), ""

    return header, header_line, rows()


def _clean_header(cell: str) -> str:
    return cell.strip().lstrip("\ufeff").strip()


def _has_surrogates(text: str) -> bool:
    """Bytes that were not UTF-8 (decoded with ``surrogateescape``)."""
    return _SURROGATE_RE.search(text) is not None


def _read_json_lines(f: IO[bytes]) -> Iterator[Row]:
    for lineno, raw in enumerate(f, 1):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield lineno, None, f"invalid JSON: {msg}"
            continue
        except RecursionError:
            yield lineno, None, "invalid JSON: nested too deeply"
            continue
        if type(obj) is not dict:
            yield lineno, None, f"expected a JSON object, got {type(obj).__name__}"
            continue
        yield lineno, obj, ""


def _read_json_array(f: IO[bytes]) -> Iterator[Row]:
    data = f.read()
    try:
        text = data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportUsageError(f"line {line}: not valid UTF-8") from None
    decoder = json.JSONDecoder()
    if not text.lstrip().startswith("["):
        raise ImportUsageError("not a JSON array (it does not begin with '[')")
    pos = text.index("[") + 1
    line, counted = text.count("\n", 0, pos) + 1, pos
    n = len(text)

    def skip(p: int) -> int:
        while p < n and text[p] in " \t\r\n":
            p += 1
        return p

    pos = skip(pos)
    if pos < n and text[pos] == "]":
        return
    while pos < n:
        line, counted = line + text.count("\n", counted, pos), pos
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except ValueError as exc:
            raise ImportUsageError(f"line {line}: invalid JSON: {exc}") from None
        except RecursionError:
            raise ImportUsageError(f"line {line}: invalid JSON: nested too deeply") from None
        if type(obj) is dict:
            yield line, obj, ""
        else:
            yield line, None, f"expected a JSON object, got {type(obj).__name__}"
        pos = skip(pos)
        if pos < n and text[pos] == ",":
            pos = skip(pos + 1)
        elif pos < n and text[pos] == "]":
            return
        else:
            line += text.count("\n", counted, pos)
            raise ImportUsageError(f"line {line}: invalid JSON array: ',' or ']' expected")
    raise ImportUsageError("invalid JSON array: no closing ']'")


# -- building entities -------------------------------------------------------------------------


@dataclass
class _Draft:
    id: str
    type: str
    line: int
    names: list[Name] = field(default_factory=list)
    keys: set[tuple[str, str | None]] = field(default_factory=set)
    label: str | None = None
    gender: str | None = None
    country: str | None = None
    note: str | None = None
    same_as: list[str] = field(default_factory=list)

    def add(self, names: Iterable[Name]) -> None:
        for n in names:
            if (n.text, n.kind) not in self.keys:
                self.keys.add((n.text, n.kind))
                self.names.append(n)


class _Builder:
    """Turns records into entity drafts, collecting problems by line."""

    def __init__(
        self,
        source: str,
        fmt: str,
        *,
        id_column: str | None,
        name_columns: Sequence[str] | None,
        separator: str | None,
        type: str | None,
        type_column: str | None,
        lang: str | None,
        id_prefix: str | None,
        slug_prefix: str,
        same_as_column: str | None = None,
    ) -> None:
        self.result = ImportResult(source=source, format=fmt)
        self.source = source
        self.ftm = fmt == "ftm"
        if type is not None:
            forced = TYPE_WORDS.get(_type_key(type))
            if forced is None and not re.fullmatch(r"[a-z][a-z0-9_-]*", type):
                raise ImportUsageError(f"--type {type!r}: expected person, org or place (or another lowercase word)")
            self.forced_type: str | None = forced or type
        else:
            self.forced_type = None
        if lang is not None and not _LANG_RE.match(lang):
            raise ImportUsageError(f"--lang {lang!r}: expected a language code such as ru, uk, be")
        if separator == "":
            raise ImportUsageError("--separator must not be empty")
        self.lang = lang
        self.separator = separator
        self.id_prefix = id_prefix or ""
        self.slug_prefix = id_prefix if id_prefix is not None else slug_prefix
        self.want_id_column = id_column
        self.want_name_columns = list(name_columns) if name_columns else None
        self.want_type_column = type_column
        self.want_same_as_column = same_as_column
        self.same_as_column: str | None = None
        self.drafts: dict[str, _Draft] = {}
        self.by_names: dict[tuple[str, frozenset[str]], str] = {}
        self.columns_ready = False
        self.id_column: str | None = None
        self.name_columns: list[str] = []
        self.type_column: str | None = None
        self._detect_cache: dict[str, str | None] = {}

    # -- columns --

    def set_columns(self, header: Sequence[str]) -> None:
        """Resolve the column options against a header (or the first JSON record's keys)."""
        self.columns_ready = True
        if self.ftm:
            self.name_columns = self.want_name_columns or list(_FTM_NAME_PROPS)
            return

        def find(wanted: str, option: str) -> str:
            if wanted in header:
                return wanted
            folded = {h.casefold(): h for h in reversed(header)}
            got = folded.get(wanted.strip().casefold())
            if got is None:
                from normalize._suggest import did_you_mean

                hint = did_you_mean(wanted, header)
                shown = ", ".join(repr(h) for h in header[:12]) + (", ..." if len(header) > 12 else "")
                raise ImportUsageError(f"{option} {wanted!r}: no such column (columns: {shown}){hint}")
            return got

        folded_header = {h.casefold(): h for h in reversed(header)}
        if self.want_name_columns:
            self.name_columns = [find(c, "--name-column") for c in self.want_name_columns]
        else:
            default = next((folded_header[c] for c in NAME_COLUMNS if c in folded_header), None)
            if default is None:
                shown = ", ".join(repr(h) for h in header[:12])
                raise ImportUsageError(f"no name column: give --name-column (columns: {shown})")
            self.name_columns = [default]
        if self.want_id_column is not None:
            self.id_column = find(self.want_id_column, "--id-column")
        else:
            self.id_column = folded_header.get("id")
        if self.want_same_as_column is not None:
            self.same_as_column = find(self.want_same_as_column, "--same-as-column")
        if self.want_type_column is not None:
            self.type_column = find(self.want_type_column, "--type-column")
        elif self.forced_type is None:
            self.type_column = folded_header.get("type")
            if self.type_column is None:
                raise ImportUsageError("no type: give --type person|org|place, or --type-column COLUMN")

    # -- rows --

    def add(self, line: int, record: Mapping[str, Any] | None, error: str) -> None:
        result = self.result
        result.rows += 1
        problems: list[Problem] = []
        if record is None:
            problems.append(Problem(self.source, line, error))
        elif self.ftm:
            self._add_ftm(line, record, problems)
        else:
            self._add_row(line, record, problems)
        if problems:
            _fix_lines(problems, line)
            result.reported_rows += 1
            result.problems.extend(problems)

    def _add_row(self, line: int, record: Mapping[str, Any], problems: list[Problem]) -> None:
        if not self.columns_ready:
            self.set_columns(list(record.keys()))
        etype = self._row_type(record, problems)
        names: list[Name] = []
        for column in self.name_columns:
            names += self._names(record.get(column), column, None, problems)
        if etype is None:
            return
        if not names:
            if problems:  # every name was dropped
                problems.append(Problem(self.source, line, "no usable name"))
            else:
                shown = " or ".join(repr(c) for c in self.name_columns)
                problems.append(Problem(self.source, line, f"no name in column {shown}"))
            return
        entity_id = None
        if self.id_column is not None:
            entity_id = self._id(record.get(self.id_column), self.id_column, problems)
            if entity_id is None:
                return
        draft = self._place(line, entity_id, etype, names, problems)
        if draft is not None and self.same_as_column is not None:
            for other in self._same_as(record.get(self.same_as_column), problems):
                if other not in draft.same_as and other != draft.id:
                    draft.same_as.append(other)

    def _same_as(self, value: Any, problems: list[Problem]) -> list[str]:
        items = value if isinstance(value, list) else [value]
        out = []
        for item in items:
            if item is None:
                continue
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                problems.append(Problem(self.source, 0, f"a {type(item).__name__} in column {self.same_as_column!r} "
                                                        "is not an id: dropped", "warning"))
                continue
            for part in str(item).split(self.separator) if self.separator else [str(item)]:
                part = part.strip()
                if not part:
                    continue
                if len(part.split()) > 1 or len(part) > MAX_NAME_CHARS or not part.isprintable():
                    problems.append(Problem(self.source, 0, f"{part[:40]!r} in column {self.same_as_column!r} "
                                                            "is not an id: dropped", "warning"))
                else:
                    out.append(part)
        return out

    def _row_type(self, record: Mapping[str, Any], problems: list[Problem]) -> str | None:
        if self.forced_type is not None:
            return self.forced_type
        column = self.type_column
        value = record.get(column) if column is not None else None
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(self.source, 0, f"no type in column {column!r}"))
            return None
        got = TYPE_WORDS.get(_type_key(str(value)))
        if got is None:
            problems.append(Problem(self.source, 0, f"type {str(value)[:40]!r} in column {column!r} is not "
                                                    "person, org or place (nor a word for one: individual, company...)"))
        return got

    def _id(self, value: Any, column: str, problems: list[Problem]) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            what = "no" if value is None else f"a {type(value).__name__} as"
            problems.append(Problem(self.source, 0, f"{what} id in column {column!r}"))
            return None
        text = _SPACE_RE.sub("-", str(value).strip())
        if not text:
            problems.append(Problem(self.source, 0, f"empty id in column {column!r}"))
            return None
        if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
            problems.append(Problem(self.source, 0, f"id {text[:40]!r} in column {column!r} contains control characters"))
            return None
        if len(text) > MAX_NAME_CHARS:
            problems.append(Problem(self.source, 0, f"id in column {column!r} is {len(text):,} characters long"))
            return None
        return self.id_prefix + text

    def _names(self, value: Any, column: str, kind: str | None, problems: list[Problem]) -> list[Name]:
        """The names of one cell (a string, split by the separator; a list; a lexicon name object)."""
        if value is None:
            return []
        items: list[Any] = value if isinstance(value, list) else [value]
        out: list[Name] = []
        for item in items:
            lang: str | None = None
            item_kind = kind
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                text = item["text"]
                given = item.get("lang")
                lang = given if isinstance(given, str) and _LANG_RE.match(given) else None
                k = item.get("kind")
                item_kind = k if isinstance(k, str) and k in NAME_KINDS else kind
                parts = [text]
            elif isinstance(item, str):
                parts = item.split(self.separator) if self.separator else [item]
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                parts = [str(item)]
            else:
                problems.append(Problem(self.source, 0, f"a {type(item).__name__} in column {column!r} is not a name: dropped",
                                        "warning"))
                continue
            for part in parts:
                name = self._name(part, column, lang, item_kind, problems)
                if name is not None:
                    out.append(name)
        return out

    def _name(self, text: str, column: str, lang: str | None, kind: str | None, problems: list[Problem]) -> Name | None:
        def drop(why: str) -> None:
            problems.append(Problem(self.source, 0, f"name in column {column!r} {why}: dropped", "warning"))

        if "\x00" in text:
            drop("contains a NUL byte")
            return None
        if len(text) > MAX_NAME_CHARS * 4:
            drop(f"is {len(text):,} characters long (at most {MAX_NAME_CHARS})")
            return None
        text = unicodedata.normalize("NFC", _SPACE_RE.sub(" ", text)).strip()
        if not text:
            return None
        if len(text) > MAX_NAME_CHARS:
            drop(f"is {len(text):,} characters long (at most {MAX_NAME_CHARS})")
            return None
        if _LETTER_RE.search(text) is None:
            drop(f"{text[:40]!r} has no letter")
            return None
        if not text.isprintable() and any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in text):
            drop(f"{text[:40]!r} contains control or unassigned characters")
            return None
        if lang is None and _non_latin(text):
            lang = self.lang if self.lang is not None else self._detect(text)
        return Name(text, lang, kind)

    def _detect(self, text: str) -> str | None:
        got = self._detect_cache.get(text, "")
        if got == "":
            from normalize.detect import detect_language

            got = detect_language(text)
            if len(self._detect_cache) < 200_000:
                self._detect_cache[text] = got
        return got

    def _place(self, line: int, entity_id: str | None, etype: str, names: list[Name], problems: list[Problem],
               **extra: str | None) -> _Draft | None:
        """Add the names to the entity ``entity_id`` (None: a new slug entity, unless one has the same names)."""
        result = self.result
        if entity_id is None:
            key = (etype, frozenset(n.text for n in names))
            entity_id = self.by_names.get(key)
            if entity_id is not None:
                result.merged_rows += 1
                return self.drafts[entity_id]
            entity_id = self._slug_id(names[0].text)
            self.by_names[key] = entity_id
        draft = self.drafts.get(entity_id)
        if draft is None:
            draft = self.drafts[entity_id] = _Draft(entity_id, etype, line)
        elif draft.type != etype:
            problems.append(Problem(self.source, 0, f"id {entity_id!r} is {_a(draft.type)} at line {draft.line}, "
                                                    f"this row says {etype}"))
            return None
        else:
            result.merged_rows += 1
        draft.add(names)
        for key, value in extra.items():
            if value is not None and getattr(draft, key) is None:
                setattr(draft, key, value)
        return draft

    def _slug_id(self, text: str) -> str:
        base = self.slug_prefix + _slug(text)
        entity_id, n = base, 1
        while entity_id in self.drafts:
            n += 1
            entity_id = f"{base}-{n}"
        return entity_id

    # -- FollowTheMoney --

    def _add_ftm(self, line: int, record: Mapping[str, Any], problems: list[Problem]) -> None:
        if not self.columns_ready:
            self.set_columns([])
        schema = record.get("schema")
        props = record.get("properties")
        if not isinstance(schema, str) or not isinstance(props, dict):
            problems.append(Problem(self.source, line, "not a FollowTheMoney entity (no schema or properties)"))
            return
        etype = FTM_SCHEMAS.get(schema)
        if etype is None:
            self.result.other_schemas[schema] = self.result.other_schemas.get(schema, 0) + 1
            self.result.rows -= 1  # counted apart, in the summary
            return
        if self.forced_type is not None:
            etype = self.forced_type
        raw_id = record.get("id")
        entity_id = self._id(raw_id, "id", problems) if raw_id is not None else None
        if entity_id is None:
            if raw_id is None:
                problems.append(Problem(self.source, line, "no id"))
            return
        names: list[Name] = []
        for prop in self.name_columns:
            names += self._names(_values(props.get(prop)), prop, _FTM_NAME_PROPS.get(prop), problems)
        if not any(n.kind is None for n in names) and "name" in self.name_columns:
            parts = [_first(props, p) for p in ("firstName", "fatherName", "middleName", "lastName")]
            if parts[1] and parts[2]:
                parts[2] = None
            composed = " ".join(p for p in parts if p)
            if composed and (parts[0] or parts[3]):
                got = self._name(composed, "firstName/lastName", None, None, problems)
                if got is not None:
                    names.insert(0, got)
        if not names:
            problems.append(Problem(self.source, line, "no name (properties " + ", ".join(self.name_columns) + ")"))
            return
        caption = record.get("caption")
        label = caption if isinstance(caption, str) and caption in {n.text for n in names} else None
        gender = {"male": "m", "female": "f"}.get((_first(props, "gender") or "").lower()) if etype == "person" else None
        country = None
        for prop in _FTM_COUNTRY_PROPS:
            country = next((c.upper() for c in _values(props.get(prop)) if isinstance(c, str) and _COUNTRY_RE.match(c)), None)
            if country:
                break
        births = [b for b in _values(props.get("birthDate")) if isinstance(b, str) and b.strip()]
        note = ("born " + " or ".join(sorted(set(births)))) if births else None
        self._place(line, entity_id, etype, names, problems, label=label, gender=gender, country=country, note=note)

    # -- the end --

    def finish(self) -> ImportResult:
        """Check every entity against the lexicon format; what fails is reported, not written."""
        from normalize.lexicon import _Loader

        result = self.result
        loader = _Loader()
        for draft in self.drafts.values():
            obj: dict[str, Any] = {"id": draft.id, "type": draft.type}
            if draft.label is not None:
                obj["label"] = draft.label
            obj["names"] = [n.to_json() for n in draft.names]
            for key in ("gender", "country", "note"):
                value = getattr(draft, key)
                if value is not None:
                    obj[key] = value
            if draft.same_as:
                obj["same_as"] = draft.same_as
            before = len(loader.problems)
            loader.parse_line(self.source, draft.line, json.dumps(obj, ensure_ascii=False))
            errors = [p for p in loader.problems[before:] if p.severity == "error"]
            if errors:
                result.problems += [Problem(self.source, draft.line, f"entity {draft.id!r} left out: {p.message}")
                                    for p in errors]
                result.reported_rows += 1
            else:
                result.entities.append(loader.entities[-1])
        result.problems.sort(key=lambda p: p.line)
        return result


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def _fix_lines(problems: list[Problem], line: int) -> None:
    """Problems collected with line 0 get the row's line."""
    for i, p in enumerate(problems):
        if p.line == 0:
            problems[i] = Problem(p.path, line, p.message, p.severity)


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first(props: Mapping[str, Any], key: str) -> str | None:
    return next((v.strip() for v in _values(props.get(key)) if isinstance(v, str) and v.strip()), None)


def _type_key(word: str) -> str:
    return re.sub(r"[\s_\-.]+", "", word.strip().lower())


def _non_latin(text: str) -> bool:
    """Does the name have a letter of another script than Latin (Cyrillic, Greek...)?"""
    return not text.isascii() and _NON_LATIN_RE.search(text) is not None


def _slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: ``Абрамович Роман`` -> ``abramovich-roman``."""
    from unidecode import unidecode

    slug = _SLUG_RE.sub("-", unidecode(text).lower().replace("'", "")).strip("-")
    return slug[:60].rstrip("-") or "entity"


# -- entry points ---------------------------------------------------------------------------------


def import_file(
    path: str | Path,
    *,
    format: str | None = None,
    id_column: str | None = None,
    name_columns: Sequence[str] | None = None,
    separator: str | None = None,
    type: str | None = None,
    type_column: str | None = None,
    lang: str | None = None,
    id_prefix: str | None = None,
    same_as_column: str | None = None,
) -> ImportResult:
    """Read ``path`` (``.gz`` too; ``-``: stdin) into entities; see the module docstring for the options.

    Raises :class:`ImportUsageError` when nothing can be imported (bad options,
    a missing column, an unreadable or binary file); problems of single rows
    are in the result's ``problems``.
    """
    path = Path(path)
    if format is not None and format not in FORMATS:
        raise ImportUsageError(f"unknown format {format!r}; formats: {', '.join(FORMATS)}")
    if type is not None and type_column is not None:
        raise ImportUsageError("give --type or --type-column, not both")
    stdin = None
    if str(path) == "-":
        import sys

        stdin = sys.stdin.buffer.read()
    try:
        with _open(path, stdin) as f:
            head = f.read(_HEAD_BYTES)
    except (OSError, EOFError, zlib.error) as exc:  # zlib.error: a corrupt gzip stream
        raise ImportUsageError(f"cannot read {path}: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}") from None
    fmt, delimiter = detect_format(head, path.name)
    if format is not None:
        fmt = format
        if fmt in ("csv", "tsv") and (format == "tsv" or delimiter == ""):
            delimiter = "\t" if fmt == "tsv" else ","
    stem = path.name if stdin is None else "stdin"
    for suffix in (".gz", ".csv", ".tsv", ".tab", ".txt", ".jsonl", ".ndjson", ".json"):
        stem = stem.removesuffix(suffix)
    builder = _Builder(
        "<stdin>" if stdin is not None else str(path), fmt, id_column=id_column, name_columns=name_columns, separator=separator, type=type,
        type_column=type_column, lang=lang, id_prefix=id_prefix, slug_prefix=f"{_slug(stem)}:",
        same_as_column=same_as_column,
    )
    try:
        with _open(path, stdin) as f:
            if fmt in ("csv", "tsv"):
                header, _, rows = _read_delimited(f, delimiter)
                builder.set_columns(header)
            elif fmt == "json" or (fmt == "ftm" and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")):
                rows = _read_json_array(f)
            else:
                rows = _read_json_lines(f)
            for line, record, error in rows:
                builder.add(line, record, error)
    except ImportUsageError as exc:
        raise ImportUsageError(f"{path}: {exc}") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise ImportUsageError(f"cannot read {path}: {exc}") from None
    return builder.finish()


def from_records(
    records: Iterable[Mapping[str, Any]],
    *,
    format: str | None = None,
    id_column: str | None = None,
    name_columns: Sequence[str] | None = None,
    separator: str | None = None,
    type: str | None = None,
    type_column: str | None = None,
    lang: str | None = None,
    id_prefix: str | None = None,
    same_as_column: str | None = None,
    source: str = "<records>",
) -> ImportResult:
    """Entities from records in memory: dicts of columns, or FollowTheMoney entities.

    ``format`` is ``ftm`` for FollowTheMoney entities (detected from the first
    record when not given), anything else for dicts of columns. A record's
    line in messages is its position, from 1.
    """
    iterator = iter(records)
    first = next(iterator, None)
    if format is None:
        format = "ftm" if _is_ftm(first) else "jsonl"
    if type is not None and type_column is not None:
        raise ImportUsageError("give type or type_column, not both")
    builder = _Builder(
        source, "ftm" if format == "ftm" else "jsonl", id_column=id_column, name_columns=name_columns,
        separator=separator, type=type, type_column=type_column, lang=lang, id_prefix=id_prefix,
        slug_prefix="records:", same_as_column=same_as_column,
    )
    if first is not None:
        import itertools

        for position, record in enumerate(itertools.chain([first], iterator), 1):
            if isinstance(record, Mapping):
                builder.add(position, record, "")
            else:
                builder.add(position, None, f"expected a mapping, got {_type_name(record)}")
    return builder.finish()


def _type_name(value: Any) -> str:
    return type(value).__name__
