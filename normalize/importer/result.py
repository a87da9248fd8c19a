"""What an import made (:class:`ImportResult`), and the error for an import that cannot run."""

from __future__ import annotations

from dataclasses import dataclass, field

from normalize.lexicon import Entity, Lexicon, LexiconError, Problem

__all__ = ["ImportResult", "ImportUsageError"]


class ImportUsageError(ValueError):
    """Bad options or an unreadable input: nothing was imported (exit status 2 on the command line)."""


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
