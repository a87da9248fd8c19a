"""Tagging many documents, in parallel, with output identical to one process: what ``normalize tag`` runs.

:func:`tag_texts` writes the mentions of plain-text documents as JSON lines;
:func:`tag_jsonl` tags JSON Lines documents and writes each back with an
``"entities"`` list. Both spread the work over :mod:`normalize.pool`'s workers
(forked after the parent has built its tagger, so they share it) and give
the same bytes for any number of them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, Union

from normalize._badinput import ERROR_FIELD, RAW_FIELD, json_line, read_json_line
from normalize._suggest import did_you_mean
from normalize.pool import WorkerPool, forks
from normalize.tagger.scan import chunk_bounds

if TYPE_CHECKING:  # pragma: no cover
    from normalize.tagger.facade import Tagger
    from normalize.tagger.results import Raw, Resolution

__all__ = ["Formatter", "tag_jsonl", "tag_texts"]

T = TypeVar("T")
R = TypeVar("R")

#: what a worker returns for a chunk of text: finished JSON lines (one string, joined by line
#: breaks), or a raw mention left to the parent
_Item = Union[str, "Raw"]
#: a chunk of text to scan: (chunk, offset of the chunk in its document, file shown, candidates, finish)
_TextTask = tuple[str, int, str | None, bool, bool]
#: a block of JSON Lines: (file shown, number of its first line, bytes, text field, candidates, --all)
_JsonlTask = tuple[str, int, bytes, str, bool, bool]


class Formatter:
    """JSON objects of mentions; the part that depends on the resolution is encoded once."""

    def __init__(self, candidates: bool) -> None:
        self._dumps = json.dumps
        self._candidates = candidates
        self._texts: dict[str, str] = {}
        self._solo: dict[int, str] = {}  # key -> the fields of a mention that resolves alone (_text_task)

    def text(self, s: str) -> str:
        """A JSON string (mention texts repeat: each is encoded once)."""
        out = self._texts.get(s)
        if out is None:
            if '"' not in s and "\\" not in s and s.isprintable():
                out = f'"{s}"'
            else:
                out = self._dumps(s, ensure_ascii=False)
                try:
                    out.encode("utf-8")
                except UnicodeEncodeError:  # a lone surrogate (from a JSON input): escape it
                    out = self._dumps(s)
            if len(self._texts) > 200_000:
                self._texts.clear()
            self._texts[s] = out
        return out

    def fields(self, res: Resolution) -> str:
        """``"id": ..., "label": ..., "type": ..., "score": ...`` (+ candidates) of a resolution."""
        frag = res.json_all if self._candidates else res.json
        if frag is None and not res.same_as and res.id is not None and (not self._candidates or len(res._cands) < 2):
            frag = _plain_fields(res.id, res.label, res.type, res.score)
            if frag is not None:
                if self._candidates:
                    res.json_all = frag
                else:
                    res.json = frag
        if frag is None:
            obj: dict[str, Any] = {"id": res.id, "label": res.label, "type": res.type, "score": res.score}
            if res.same_as:
                obj["same_as"] = list(res.same_as)
            if res.id is None or (self._candidates and len(res.candidates) > 1):
                obj["candidates"] = [c.to_json() for c in res.candidates]
            frag = self._dumps(obj, ensure_ascii=False)[1:-1]
            if self._candidates:
                res.json_all = frag
            else:
                res.json = frag
        return frag

    def span(self, start: int, end: int, text: str, res: Resolution, file: str | None = None, base: int = 0) -> str:
        head = f'"file": {self.text(file)}, ' if file is not None else ""
        return f'{{{head}"start": {start}, "end": {end}, "text": {self.text(text[start - base:end - base])}, {self.fields(res)}}}'


def _plain(s: object) -> bool:
    """Is ``s`` a string that JSON writes as it is, between quotes (nothing to escape)?"""
    return type(s) is str and '"' not in s and "\\" not in s and s.isprintable()


def _plain_fields(id: str, label: str | None, type_: str | None, score: float) -> str | None:
    """The fields of a resolution without candidates or ``same_as``, written directly when every string
    needs no escaping and the score is a plain number: the bytes ``json.dumps`` would give (None: let it)."""
    if not (_plain(id) and (label is None or _plain(label)) and (type_ is None or _plain(type_))):
        return None
    if type(score) is float and math.isfinite(score):
        score_json = float.__repr__(score)
    elif type(score) is int:
        score_json = int.__repr__(score)
    else:
        return None
    lj = "null" if label is None else f'"{label}"'
    tj = "null" if type_ is None else f'"{type_}"'
    return f'"id": "{id}", "label": {lj}, "type": {tj}, "score": {score_json}'


# -- plain text ---------------------------------------------------------------------------


def tag_texts(
    tagger: Tagger, documents: Iterable[tuple[str | None, str]], *, jobs: int = 1, candidates: bool = False
) -> Iterator[str]:
    """The mentions of each document, as JSON lines (one string per document, "" when it has none).

    ``documents``: (file name to show in each mention, or None; text), read
    lazily. Each document's chunks are scanned (and most mentions resolved)
    by the workers. A worker returns, in order, the finished JSON lines of
    the mentions whose resolution needs nothing else from the document (a
    name of exactly one entity that is not a person; consecutive ones as one
    string), and the raw mention of every other one, with the places its finished mentions name. This process
    then resolves the rest in document order (homonyms by the document's
    places, people by coreference) exactly as :meth:`Tagger.resolve_spans`
    would, so the output does not depend on the number of workers.
    """
    fmt = Formatter(candidates)
    docs: list[tuple[str, str | None, int]] = []  # (text, shown name, number of chunks)

    def tasks() -> Iterator[_TextTask]:
        for shown, text in documents:
            bounds = chunk_bounds(text)
            docs.append((text, shown, len(bounds)))
            for a, b in bounds:
                yield (text[a:b] if (a, b) != (0, len(text)) else text), a, shown, candidates, not tagger.fuzzy

    items: list[_Item] = []
    ctx: set[int] = set()
    di = 0
    done = 0
    # with workers, this process would idle until the last chunk and then rank every homonym: what the
    # ranking needs whatever the document says is worked out as each chunk comes back instead
    prepare = tagger.prepare_resolution if jobs > 1 and not tagger.fuzzy else None
    prepared: set[tuple[int, int]] = set()  # (key, mask) whose ranking inputs are worked out already
    for chunk_items, chunk_ctx in _map(tagger, _text_task, tasks(), jobs):
        items.extend(chunk_items)
        ctx |= chunk_ctx
        if prepare is not None:
            prepare(_not_prepared(chunk_items, prepared))
        done += 1
        while di < len(docs) and done == docs[di][2]:
            text, shown, _ = docs[di]
            pending: list[Raw] = [it for it in items if type(it) is tuple]
            if tagger.fuzzy:
                spans = tagger.resolve_spans(text, pending)
                lines = [fmt.span(a, b, text, r, shown) for a, b, r in spans]
            else:
                spans = tagger.resolve_with_context(text, pending, ctx | tagger.context_places(pending))
                it = iter(spans)
                span = fmt.span
                lines = []
                for x in items:
                    if type(x) is str:
                        lines.append(x)
                    else:
                        a, b, r = next(it)
                        lines.append(span(a, b, text, r, shown))
            yield "\n".join(lines) + "\n" if lines else ""
            items, ctx, done = [], set(), 0
            docs[di] = ("", None, docs[di][2])  # free the text
            di += 1


def _not_prepared(chunk_items: list[_Item], prepared: set[tuple[int, int]]) -> list[Raw]:
    """The raw mentions of a chunk whose key (with its mask) no earlier chunk had: a name recurs in
    most chunks of a long document, and preparing it again in each cost this process (which shares
    the machine with its workers) three times what its new keys did."""
    out: list[Raw] = []
    for it in chunk_items:
        if type(it) is tuple and it[4] == -1:  # the mentions Resolver.prepare reads
            km = (it[2], it[3])
            if km not in prepared:
                prepared.add(km)
                out.append(it)
    return out


_FORMATTERS: dict[bool, Formatter] = {}


def _text_task(task: _TextTask) -> tuple[list[_Item], set[int]]:
    """Scan one chunk; finish the mentions that need no document context (see :func:`tag_texts`)."""
    tagger = _TAGGER
    assert tagger is not None
    chunk, base, shown, candidates, finish = task
    raws = tagger.scan(chunk, base)
    if not finish:
        return list(raws), set()
    fmt = _FORMATTERS.get(candidates)
    if fmt is None:
        fmt = _FORMATTERS[candidates] = Formatter(candidates)
    # Resolver.resolve_alone, inlined: each mention resolved alone (or handed on) and written in one pass
    solo, is_person, is_place, solo_res, make, rows, same_as_of, solo_score = tagger._resolver.alone_parts()
    solo_fields = fmt._solo
    places: set[int] = set()
    items: list[_Item] = []
    run: list[str] = []  # finished lines since the last raw mention: handed on as one string
    append = run.append
    texts = fmt._texts
    text_json, fields = fmt.text, fmt.fields
    head = f'{{"file": {text_json(shown)}, "start": ' if shown is not None else '{"start": '
    for raw in raws:
        start, end, kid, mask, person = raw
        e = solo[kid]
        # a full name (not ACRO | SHORT) of one entity that is not a person resolves alone
        if e < 0 or person != -1 or mask & 12 or is_person[e]:
            if run:
                items.append("\n".join(run))
                run.clear()
            items.append(raw)
            continue
        if is_place[e]:
            places.add(e)
        frag = solo_fields.get(kid)
        if frag is None:
            # the fields of the key's resolution, written without making it when they need nothing
            # but its entity's id, label and type and the score (Resolver._solo_resolution, fields())
            if same_as_of(e):
                got = None
            else:
                # a place's row is made anyway (the document's places are the resolver's context): made here
                # once; anything else is written from the columns, its row never made
                row = rows[e] if is_place[e] else rows.head(e)
                got = _plain_fields(row[0], row[1], row[2], round(solo_score[kid], 1))
            if got is None:
                res = solo_res[kid]
                if res is None:
                    res = solo_res[kid] = make(kid, e)
                got = (res.json_all if candidates else res.json) or fields(res)
            if len(solo_fields) > 200_000:
                solo_fields.clear()
            frag = solo_fields[kid] = got
        t = chunk[start - base : end - base]
        tj = texts.get(t) or text_json(t)
        append(f'{head}{start}, "end": {end}, "text": {tj}, {frag}}}')
    if run:
        items.append("\n".join(run))
    return items, places


# -- JSON Lines -----------------------------------------------------------------------------


def tag_jsonl(
    tagger: Tagger,
    blocks: Iterable[tuple[str, int, bytes]],
    *,
    field: str = "text",
    candidates: bool = False,
    all: bool = False,
    jobs: int = 1,
) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Each block of JSON Lines tagged: (output text, [(FILE:LINE, message), ...]), in order.

    ``blocks``: (file name shown in messages, number of the block's first
    line, bytes of whole lines). Every input line gives one output line: the
    document with an ``"entities"`` list, spliced in before its closing brace
    (the rest of the line as it was); a line that is no document (by the JSON
    Lines rule of :func:`normalize._badinput.read_json_line`, or without a
    string ``field``) is kept in place with ``normalize_error`` (and
    ``normalize_raw`` when what was read is not all of it) and reported.
    """
    tasks = ((name, line, data, field, candidates, all) for name, line, data in blocks)
    return _map(tagger, _jsonl_task, tasks, jobs)


def tag_jsonl_block(tagger: Tagger, name: str, first_line: int, data: bytes, field: str, candidates: bool,
                    show_all: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """Tag one block of JSON Lines (see :func:`tag_jsonl`)."""
    fmt = Formatter(candidates)
    out: list[str] = []
    errors: list[tuple[str, str]] = []
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for i, raw in enumerate(lines):
        line = read_json_line(raw)
        obj = line.obj
        if not line.error and not isinstance(obj.get(field), str):
            value = obj.get(field)
            err = (f"field {field!r} is not a string" if field in obj and value is not None
                   else f"no string field {field!r}")
            if field not in obj:
                err += did_you_mean(field, [k for k, v in obj.items() if isinstance(v, str)],
                                    form="; use --text-field {}?")
            line = line._replace(error=err)
        if line.error:
            msg = line.message
            errors.append((f"{name}:{first_line + i}", msg))
            keep = obj if isinstance(obj, dict) else {}
            keep["entities"] = []
            keep[ERROR_FIELD] = msg
            if not isinstance(obj, dict) or line.repaired:
                keep[RAW_FIELD] = line.raw_field
            out.append(json_line(keep))
            continue
        doc = obj[field]
        if show_all:
            entities = json.dumps([m.to_json(candidates=candidates) for m in tagger.tag(doc, all=True)], ensure_ascii=False)
        else:
            spans = tagger.resolve_spans(doc, tagger.scan_text(doc))
            entities = "[" + ", ".join(fmt.span(a, b, doc, r) for a, b, r in spans) + "]"
        if line.repaired:
            errors.append((f"{name}:{first_line + i}", line.repaired))
            obj["entities"] = json.loads(entities)
            obj[ERROR_FIELD] = line.repaired
            obj[RAW_FIELD] = line.raw_field
            out.append(json_line(obj))
        elif "entities" in obj:
            obj["entities"] = json.loads(entities)
            out.append(json_line(obj))
        else:
            body = line.text.rstrip()
            sep = ", " if obj else ""
            out.append(f'{body[:-1].rstrip()}{sep}"entities": {entities}}}')
    return "".join(s + "\n" for s in out), errors


def _jsonl_task(task: _JsonlTask) -> tuple[str, list[tuple[str, str]]]:
    assert _TAGGER is not None
    return tag_jsonl_block(_TAGGER, *task)


# -- workers --------------------------------------------------------------------------------

_TAGGER: Tagger | None = None


def _setup(tagger: Tagger | None, spec: tuple[Any, ...]) -> None:
    """The tagger of this process: inherited under fork, else opened again (from its index file when it has one)."""
    global _TAGGER
    if tagger is None:
        from normalize.tagger.facade import Tagger

        tagger = Tagger.from_worker_spec(spec)
    _TAGGER = tagger


def _map(tagger: Tagger, func: Callable[[T], R], tasks: Iterator[T], jobs: int) -> Iterator[R]:
    """``func`` over ``tasks`` in order: in this process for one job, else in ``jobs`` workers."""
    _setup(tagger, ())
    if jobs <= 1:
        for task in tasks:
            yield func(task)
        return
    shared = forks()
    if shared:
        tagger._before_fork()
    with WorkerPool(jobs, func, setup=_setup, setup_args=(tagger if shared else None, () if shared else tagger.worker_spec()),
                    name="tag") as pool:
        yield from pool.map(tasks)
