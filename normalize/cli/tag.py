"""`normalize tag`: every mention of a lexicon entity in text, with offsets and IDs."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from normalize.cli.common import add_lexicon_option

if TYPE_CHECKING:  # pragma: no cover
    from normalize.tagger import Resolution, Tagger


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser(
        "tag",
        help="find every mention of a lexicon entity in text (offsets + canonical IDs)",
        description=(
            "Tag plain text (FILE arguments, or stdin): one JSON object per mention, "
            '{"start", "end", "text", "id", "label", "type", "score"} (plus "file" when several files '
            "are given); offsets are Unicode code point offsets into the file's text, and "
            "text == file_text[start:end]. An ambiguous mention (a surname several people share) has "
            'id null and a "candidates" list. Each file is one document. With --jsonl, each input line '
            'is a JSON document whose --text-field is tagged; it is written back with an "entities" '
            "list, exactly one output line per input line, in order; a line that cannot be read is "
            'kept in place with "normalize_error" and "normalize_raw" fields and reported on stderr '
            "as FILE:LINE: message (exit status 1). Bytes that are not UTF-8 are read as U+FFFD and "
            "reported the same way; a --text-field that no document of the first block has is a usage "
            "error (exit status 2)."
        ),
    )
    add_lexicon_option(p)
    p.add_argument("--fuzzy", action="store_true", help="also match capitalized spans the exact pass missed (typos)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (output identical to -j 1)")
    p.add_argument("--jsonl", action="store_true", help="input is JSON Lines documents")
    p.add_argument("--text-field", default="text", metavar="F", help="the field holding the text in --jsonl mode (default: text)")
    p.add_argument("--candidates", action="store_true", help="list the candidates of every mention, not only of ambiguous ones")
    p.add_argument("--all", action="store_true",
                   help='also write the mentions the tagger turned down, each with a "rejected" field giving the reason')
    p.add_argument("--no-cache", action="store_true", help="do not read or write the compiled key table cache")
    p.add_argument(
        "--html",
        action="store_true",
        help="write one self-contained HTML page instead (mentions highlighted by type, legend, table of entities)",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files ('-' for stdin; default stdin)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from normalize.cli import UsageError

    if args.jobs < 1:
        raise UsageError("-j must be at least 1")
    files = args.files or ["-"]
    if files.count("-") > 1:
        raise UsageError("stdin ('-') can be given only once")
    for name in files:
        if name != "-":
            try:
                with open(name, "rb"):
                    pass
            except OSError as exc:
                raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    if args.html and args.jsonl:
        raise UsageError("--html takes plain text files, not --jsonl")
    tagger = _make_tagger(args)
    if args.html:
        return _run_html(tagger, files, sys.stdout)
    # The tagger's tables are large and hold no reference cycles, and neither does
    # what a run creates: leave them out of the cyclic garbage collector, which
    # would otherwise walk them again and again (a third of the run time). The
    # fuzzy pass builds the Matcher, which keeps the collector.
    import gc

    if args.fuzzy and args.jobs > 1:
        tagger.matcher  # built once here, not in every worker  # noqa: B018
    gc.freeze()
    if not args.fuzzy:
        gc.disable()
    out = sys.stdout
    if args.all and not args.jsonl:
        return _run_all(tagger, files, args, out)
    if args.jsonl:
        return _run_jsonl(tagger, files, args, out)
    return _run_text(tagger, files, args, out)


def _make_tagger(args: argparse.Namespace) -> Tagger:
    from normalize.cli.common import make_tagger

    return make_tagger(args, fuzzy=args.fuzzy, cache=not args.no_cache)  # type: ignore[no-any-return]


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    with open(name, "rb") as f:
        return f.read()


def _run_html(tagger: Tagger, files: Sequence[str], out: Any) -> int:
    """One HTML page for all files (each a document), see :mod:`normalize.html`."""
    from normalize.html import render_page

    status = 0
    docs = []
    for name in files:
        data = _read(name)
        shown = "<stdin>" if name == "-" else name
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_reporting(data, shown)
            status = 1
        docs.append((shown if len(files) > 1 else None, text, tagger.tag(text)))
    title = f"normalize tag: {files[0] if files[0] != '-' else '<stdin>'}" if len(files) == 1 else "normalize tag"
    out.write(render_page(docs, title=title))
    out.flush()
    return status


#: lines with invalid UTF-8 reported per file before the rest are only counted
UTF8_LINES_SHOWN = 10


def _decode_reporting(data: bytes, shown: str) -> str:
    """The rule of every command: bad bytes read as U+FFFD, each such line reported (FILE:LINE)."""
    from normalize._badinput import utf8_error

    bad = 0
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad += 1
            if bad <= UTF8_LINES_SHOWN:
                print(f"{shown}:{number}: {utf8_error(line, exc)} (read as U+FFFD)", file=sys.stderr)
    if bad > UTF8_LINES_SHOWN:
        print(f"{shown}: ... and {bad - UTF8_LINES_SHOWN} more lines with invalid UTF-8 (read as U+FFFD)", file=sys.stderr)
    return data.decode("utf-8", errors="replace")


# -- formatting ---------------------------------------------------------------------------


class _Formatter:
    """JSON objects of mentions; the part that depends on the resolution is encoded once."""

    def __init__(self, candidates: bool) -> None:
        import json

        self._dumps = json.dumps
        self._candidates = candidates
        self._texts: dict[str, str] = {}

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


# -- plain text ---------------------------------------------------------------------------


def _run_text(tagger: Tagger, files: Sequence[str], args: argparse.Namespace, out: Any) -> int:
    """Each file is a document; its chunks are scanned (and most mentions resolved) by workers.

    A worker returns, in order, the finished JSON line of every mention whose
    resolution needs nothing else from the document (a name of exactly one
    entity that is not a person), and the raw mention of every other one, with
    the places its finished mentions name. This process then resolves the rest
    in document order (homonyms by the document's places, people by
    coreference) exactly as :meth:`Tagger.resolve_spans` would, so the output
    does not depend on the number of workers.
    """
    from normalize.tagger import chunk_bounds

    fmt = _Formatter(args.candidates)
    several = len(files) > 1
    status = 0
    docs: list[tuple[str, str | None, int]] = []  # (text, shown name, number of chunks)

    def tasks() -> Iterator[tuple[str, int, str | None, bool, bool]]:
        nonlocal status
        for name in files:
            data = _read(name)
            shown = "<stdin>" if name == "-" else name
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _decode_reporting(data, shown)
                status = 1
            bounds = chunk_bounds(text)
            docs.append((text, shown if several else None, len(bounds)))
            for a, b in bounds:
                yield (text[a:b] if (a, b) != (0, len(text)) else text), a, docs[-1][1], args.candidates, not tagger.fuzzy

    write = out.write
    items: list[Any] = []
    ctx: set[int] = set()
    di = 0
    done = 0
    for chunk_items, chunk_ctx in _map(tagger, _text_task, tasks(), args.jobs):
        items.extend(chunk_items)
        ctx |= chunk_ctx
        done += 1
        while di < len(docs) and done == docs[di][2]:
            text, shown, _ = docs[di]
            pending = [it for it in items if type(it) is tuple]
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
            if lines:
                write("\n".join(lines) + "\n")
            items, ctx, done = [], set(), 0
            docs[di] = ("", None, docs[di][2])  # free the text
            di += 1
    out.flush()
    return status


def _run_all(tagger: Tagger, files: Sequence[str], args: argparse.Namespace, out: Any) -> int:
    """``--all``: every mention, kept or turned down, one document at a time in this process."""
    import json

    status = 0
    several = len(files) > 1
    for name in files:
        data = _read(name)
        shown = "<stdin>" if name == "-" else name
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            print(f"{shown}: invalid UTF-8 at byte {exc.start}: bad bytes read as U+FFFD", file=sys.stderr)
            text = data.decode("utf-8", errors="replace")
            status = 1
        for m in tagger.tag(text, all=True):
            obj = m.to_json(candidates=args.candidates)
            if several:
                obj = {"file": shown, **obj}
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()
    return status


# -- JSON Lines -----------------------------------------------------------------------------


def _run_jsonl(tagger: Tagger, files: Sequence[str], args: argparse.Namespace, out: Any) -> int:
    status = 0
    head = _open(files[0])
    try:
        first_block = _check_text_field(head, files[0], args.text_field)  # before any output
    except BaseException:
        _close(head)
        raise

    def blocks() -> Iterator[tuple[str, int, bytes, str, bool, bool]]:
        for n, name in enumerate(files):
            shown = "<stdin>" if name == "-" else name
            f = head if n == 0 else _open(name)
            try:
                line_no = 1
                lines = first_block if n == 0 else f.readlines(1 << 20)
                while lines:
                    yield shown, line_no, b"".join(lines), args.text_field, args.candidates, args.all
                    line_no += len(lines)
                    lines = f.readlines(1 << 20)
            finally:
                _close(f)

    for text, errors in _map(tagger, _jsonl_task, blocks(), args.jobs):
        out.write(text)
        for where, message in errors:
            print(f"{where}: {message}", file=sys.stderr)
            status = 1
    out.flush()
    return status


def _open(name: str) -> Any:
    return sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115 - closed by _close


def _close(f: Any) -> None:
    if f is not sys.stdin.buffer:
        f.close()


def _check_text_field(f: Any, name: str, field: str) -> list[bytes]:
    """A --text-field that no document of the first block has is a usage error (with a suggestion).

    Returns the block read for the check (about 1 MiB of whole lines), to be tagged first.
    """
    import json

    from normalize.cli import UsageError

    lines: list[bytes] = f.readlines(1 << 20)
    keys: dict[str, int] = {}
    documents = 0
    for raw in lines:
        try:
            obj = json.loads(raw.decode("utf-8", "replace"))  # as the documents will be read
        except (ValueError, RecursionError):
            continue
        if isinstance(obj, dict):
            documents += 1
            if isinstance(obj.get(field), str):
                return lines
            for k, v in obj.items():
                if isinstance(v, str):
                    keys[k] = keys.get(k, 0) + 1
    if documents:
        shown = "<stdin>" if name == "-" else name
        text_fields = sorted(keys, key=lambda k: (-keys[k], k))
        raise UsageError(
            f"no document among the first {documents:,} of {shown} has a string field {field!r}"
            f" (string fields: {', '.join(text_fields[:10]) or 'none'}){_suggest(field, text_fields, only=True)}"
        )
    return lines


def _suggest(word: str, choices: Sequence[str], *, only: bool = False) -> str:
    """``; use --text-field F?`` for a close field name (or, with ``only``, the only text field)."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close and only and len(choices) == 1:
        close = list(choices)
    return f"; use --text-field {close[0]}?" if close else ""


def _jsonl_block(tagger: Tagger, name: str, first_line: int, data: bytes, field: str, candidates: bool,
                 show_all: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """Tag one block of JSON Lines: (output text, [(FILE:LINE, message), ...])."""
    import json

    from normalize._badinput import escape_raw, json_error, json_line, utf8_error

    fmt = _Formatter(candidates)
    out: list[str] = []
    errors: list[tuple[str, str]] = []
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for i, raw in enumerate(lines):
        raw = raw[:-1] if raw.endswith(b"\r") else raw
        err = ""
        repaired = ""  # the rule of every command: bad bytes read as U+FFFD, the line still tagged
        obj: Any = None
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.decode("utf-8", errors="replace")
            repaired = f"{utf8_error(raw, exc)} (read as U+FFFD)"
        if not line.strip():
            err = "empty line"
        else:
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError) as exc:
                err = json_error(exc)
            else:
                if not isinstance(obj, dict):
                    err = "JSON value is not an object"
                elif not isinstance(obj.get(field), str):
                    value = obj.get(field)
                    err = (f"field {field!r} is not a string" if field in obj and value is not None
                           else f"no string field {field!r}")
                    strings = [k for k, v in obj.items() if isinstance(v, str)]
                    err += _suggest(field, strings) if field not in obj else ""
        if err:
            msg = f"{repaired}; {err}" if repaired else err
            errors.append((f"{name}:{first_line + i}", msg))
            keep = obj if isinstance(obj, dict) else {}
            keep["entities"] = []
            keep["normalize_error"] = msg
            if not isinstance(obj, dict) or repaired:
                keep["normalize_raw"] = escape_raw(raw)
            out.append(json_line(keep))
            continue
        doc = obj[field]
        if show_all:
            entities = json.dumps([m.to_json(candidates=candidates) for m in tagger.tag(doc, all=True)], ensure_ascii=False)
        else:
            spans = tagger.resolve_spans(doc, tagger.scan_text(doc))
            entities = "[" + ", ".join(fmt.span(a, b, doc, r) for a, b, r in spans) + "]"
        if repaired:
            errors.append((f"{name}:{first_line + i}", repaired))
            obj["entities"] = json.loads(entities)
            obj["normalize_error"] = repaired
            obj["normalize_raw"] = escape_raw(raw)
            out.append(json_line(obj))
        elif "entities" in obj:
            obj["entities"] = json.loads(entities)
            out.append(json_line(obj))
        else:
            body = line.rstrip()
            sep = ", " if obj else ""
            out.append(f'{body[:-1].rstrip()}{sep}"entities": {entities}}}')
    return "".join(s + "\n" for s in out), errors


# -- workers --------------------------------------------------------------------------------

_TAGGER: Tagger | None = None


_FORMATTERS: dict[bool, _Formatter] = {}


def _text_task(task: tuple[str, int, str | None, bool, bool]) -> tuple[list[Any], set[int]]:
    """Scan one chunk; finish the mentions that need no document context (see ``_run_text``)."""
    tagger = _TAGGER
    assert tagger is not None
    chunk, base, shown, candidates, finish = task
    raws = tagger.scan(chunk, base)
    if not finish:
        return list(raws), set()
    fmt = _FORMATTERS.get(candidates)
    if fmt is None:
        fmt = _FORMATTERS[candidates] = _Formatter(candidates)
    items: list[Any] = []
    append = items.append
    ctx: set[int] = set()
    solo_resolution = tagger.solo_resolution
    solo = tagger._t.solo
    is_place = tagger._is_place
    texts = fmt._texts
    text_json, fields = fmt.text, fmt.fields
    head = f'{{"file": {text_json(shown)}, "start": ' if shown is not None else '{"start": '
    for raw in raws:
        start, end, kid, mask, person = raw
        res = solo_resolution(kid, mask, person) if solo[kid] >= 0 else None
        if res is None:
            append(raw)
            continue
        frag = (res.json_all if candidates else res.json) or fields(res)
        t = chunk[start - base : end - base]
        tj = texts.get(t) or text_json(t)
        append(f'{head}{start}, "end": {end}, "text": {tj}, {frag}}}')
        e = solo[kid]
        if is_place[e]:
            ctx.add(e)
    return items, ctx


def _jsonl_task(task: tuple[str, int, bytes, str, bool, bool]) -> Any:
    assert _TAGGER is not None
    return _jsonl_block(_TAGGER, *task)


def _init_worker(spec: Any) -> None:
    """Spawned worker: the tagger is opened again (from its compiled index file when it has one)."""
    global _TAGGER
    from normalize.tagger import Tagger

    _ignore_sigint()
    _TAGGER = Tagger.from_worker_spec(spec)


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


def _map(tagger: Tagger, func: Any, tasks: Iterator[Any], jobs: int) -> Iterator[Any]:
    """``func`` over ``tasks`` in order, with ``jobs`` processes and a bounded number in flight.

    Under fork the workers inherit the parent's tagger (the automaton is shared,
    not rebuilt); under spawn each worker builds its own from the lexicon.
    """
    global _TAGGER
    _TAGGER = tagger
    if jobs <= 1:
        for task in tasks:
            yield func(task)
        return
    import multiprocessing
    from collections import deque

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if ctx.get_start_method() == "fork":
        pool = ctx.Pool(jobs, initializer=_ignore_sigint)
    else:  # pragma: no cover - platforms without fork
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(tagger.worker_spec(),))
    try:
        pending: deque[Any] = deque()
        for task in tasks:
            pending.append(pool.apply_async(func, (task,)))
            if len(pending) > 2 * jobs:
                yield pending.popleft().get()
            while pending and pending[0].ready():
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
