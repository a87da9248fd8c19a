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

from normalize.importer.api import from_records, import_file
from normalize.importer.builder import MAX_NAME_CHARS
from normalize.importer.columns import FTM_SCHEMAS, NAME_COLUMNS, TYPE_WORDS
from normalize.importer.formats import FORMATS, describe_content, detect_format
from normalize.importer.result import ImportResult, ImportUsageError

__all__ = [
    "FORMATS",
    "FTM_SCHEMAS",
    "MAX_NAME_CHARS",
    "NAME_COLUMNS",
    "TYPE_WORDS",
    "ImportResult",
    "ImportUsageError",
    "describe_content",
    "detect_format",
    "from_records",
    "import_file",
]
