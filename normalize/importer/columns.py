"""Which column (or FollowTheMoney property) holds what: names, IDs, types, same_as links.

The options of :func:`~normalize.importer.import_file` are resolved here against
the header of a table or the keys of the first JSON record; the words of a type
column are read here too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from normalize.importer.result import ImportUsageError
from normalize.lexicon import Problem

__all__ = ["FTM_SCHEMAS", "NAME_COLUMNS", "TYPE_WORDS"]

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


class ColumnMapping:
    """The column options of an import, resolved against the first header or record (a part of the builder)."""

    source: str
    ftm: bool
    forced_type: str | None
    want_id_column: str | None
    want_name_columns: list[str] | None
    want_type_column: str | None
    want_same_as_column: str | None
    columns_ready: bool
    id_column: str | None
    name_columns: list[str]
    type_column: str | None
    same_as_column: str | None

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


def _type_key(word: str) -> str:
    return re.sub(r"[\s_\-.]+", "", word.strip().lower())
