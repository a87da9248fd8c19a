"""`normalize tag`: every mention of a lexicon entity in text, with offsets and IDs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from normalize.cli.common import add_lexicon_option

if TYPE_CHECKING:  # pragma: no cover
    from normalize.tagger import Tagger


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    from normalize.pool import WorkerDied

    out = sys.stdout
    try:
        if args.all and not args.jsonl:
            return _run_all(tagger, files, args, out)
        if args.jsonl:
            return _run_jsonl(tagger, files, args, out)
        return _run_text(tagger, files, args, out)
    except WorkerDied as exc:
        raise UsageError(str(exc)) from None


def _make_tagger(args: argparse.Namespace) -> Tagger:
    from normalize.cli.common import make_tagger

    return make_tagger(args, fuzzy=args.fuzzy, cache=not args.no_cache)  # type: ignore[no-any-return]


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    with open(name, "rb") as f:
        return f.read()


class _Documents:
    """The files as documents, (shown name, text), read one at a time; ``status`` 1 once bad bytes were read."""

    def __init__(self, files: Sequence[str]) -> None:
        self.files = files
        self.status = 0

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for name in self.files:
            data = _read(name)
            shown = "<stdin>" if name == "-" else name
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _decode_reporting(data, shown)
                self.status = 1
            yield shown, text


def _run_html(tagger: Tagger, files: Sequence[str], out: Any) -> int:
    """One HTML page for all files (each a document), see :mod:`normalize.html`."""
    from normalize.html import render_page

    several = len(files) > 1
    documents = _Documents(files)
    docs = [(shown if several else None, text, tagger.tag(text)) for shown, text in documents]
    title = f"normalize tag: {files[0] if files[0] != '-' else '<stdin>'}" if len(files) == 1 else "normalize tag"
    out.write(render_page(docs, title=title))
    out.flush()
    return documents.status


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


# -- plain text ---------------------------------------------------------------------------


def _run_text(tagger: Tagger, files: Sequence[str], args: argparse.Namespace, out: Any) -> int:
    """Each file is a document, tagged by :func:`normalize.tagger.runner.tag_texts`."""
    from normalize.tagger.runner import tag_texts

    several = len(files) > 1
    documents = _Documents(files)
    docs = ((shown if several else None, text) for shown, text in documents)
    for lines in tag_texts(tagger, docs, jobs=args.jobs, candidates=args.candidates):
        if lines:
            out.write(lines)
    out.flush()
    return documents.status


def _run_all(tagger: Tagger, files: Sequence[str], args: argparse.Namespace, out: Any) -> int:
    """``--all``: every mention, kept or turned down, one document at a time in this process."""
    import json

    several = len(files) > 1
    documents = _Documents(files)
    for shown, text in documents:
        for m in tagger.tag(text, all=True):
            obj = m.to_json(candidates=args.candidates)
            if several:
                obj = {"file": shown, **obj}
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()
    return documents.status


# -- JSON Lines -----------------------------------------------------------------------------


def _run_jsonl(tagger: Tagger, files: Sequence[str], args: argparse.Namespace, out: Any) -> int:
    """Each line a document, tagged by :func:`normalize.tagger.runner.tag_jsonl`."""
    from normalize.tagger.runner import tag_jsonl

    status = 0
    head = _open(files[0])
    try:
        first_block = _check_text_field(head, files[0], args.text_field)  # before any output
    except BaseException:
        _close(head)
        raise

    def blocks() -> Iterator[tuple[str, int, bytes]]:
        for n, name in enumerate(files):
            shown = "<stdin>" if name == "-" else name
            f = head if n == 0 else _open(name)
            try:
                line_no = 1
                lines = first_block if n == 0 else f.readlines(1 << 20)
                while lines:
                    yield shown, line_no, b"".join(lines)
                    line_no += len(lines)
                    lines = f.readlines(1 << 20)
            finally:
                _close(f)

    for text, errors in tag_jsonl(tagger, blocks(), field=args.text_field, candidates=args.candidates,
                                  all=args.all, jobs=args.jobs):
        out.write(text)
        for where, message in errors:
            print(f"{where}: {message}", file=sys.stderr)
            status = 1
    out.flush()
    return status


def _open(name: str) -> Any:
    if name == "-":
        from normalize._stdin import interruptible_stdin

        return interruptible_stdin()  # Ctrl-C stops a `tag -j N` waiting on an open pipe
    return open(name, "rb")


def _close(f: Any) -> None:
    if f is not sys.stdin.buffer:  # our stdin reader closes without closing fd 0
        f.close()


def _check_text_field(f: Any, name: str, field: str) -> list[bytes]:
    """A --text-field that no document of the first block has is a usage error (with a suggestion).

    Returns the block read for the check (about 1 MiB of whole lines), to be tagged first.
    """
    from normalize._badinput import json_objects
    from normalize._suggest import did_you_mean
    from normalize.cli import UsageError

    lines: list[bytes] = f.readlines(1 << 20)
    keys: dict[str, int] = {}
    documents = 0
    for obj in json_objects(lines):
        documents += 1
        if isinstance(obj.get(field), str):
            return lines
        for k, v in obj.items():
            if isinstance(v, str):
                keys[k] = keys.get(k, 0) + 1
    if documents:
        shown = "<stdin>" if name == "-" else name
        text_fields = sorted(keys, key=lambda k: (-keys[k], k))
        form = "; use --text-field {}?"
        hint = did_you_mean(field, text_fields, form=form) or (form.format(text_fields[0]) if len(text_fields) == 1 else "")
        raise UsageError(
            f"no document among the first {documents:,} of {shown} has a string field {field!r}"
            f" (string fields: {', '.join(text_fields[:10]) or 'none'}){hint}"
        )
    return lines
