r"""Wording and encoding shared by everything that reads a user's file and reports bad input.

One place for the messages a user sees about a record that could not be read
(the same JSON error reads the same in a lexicon, a batch and a tag run) and
for the escape that carries such a record's raw bytes in ``normalize_raw``.

The escape (see :func:`escape_raw`) is unambiguous: every backslash of the
record is doubled, and each byte that is not part of valid UTF-8, and each NUL,
is written ``\xNN``. So ``\xf3`` in ``normalize_raw`` is the byte 0xF3 and
``\\xf3`` is the four characters ``\xf3`` as written; :func:`unescape_raw`
gives back the exact bytes.

>>> raw = b"caf\xc3\xa9 \\xf3 \xf3\x00"
>>> print(escape_raw(raw))
café \\xf3 \xf3\x00
>>> unescape_raw(escape_raw(raw)) == raw
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

__all__ = [
    "CSV_DELIMITERS",
    "ERROR_FIELD",
    "RAW_FIELD",
    "JsonLine",
    "csv_delimiter",
    "csv_error",
    "escape_raw",
    "json_error",
    "json_kind",
    "json_line",
    "json_objects",
    "read_json_line",
    "unescape_raw",
    "utf8_error",
]

#: the field that carries the reason a record could not be read as it was
ERROR_FIELD = "normalize_error"
#: the field that carries the raw bytes of such a record (escaped: :func:`escape_raw`)
RAW_FIELD = "normalize_raw"

_ESCAPE_RE = re.compile(r"\\(\\|x[0-9a-f]{2})")


def escape_raw(data: bytes) -> str:
    """A record's raw bytes as text that is valid UTF-8 and tells every byte apart.

    Backslashes are doubled; bytes that are not valid UTF-8, and NUL, become
    ``\\xNN`` (two lower-case hex digits). Everything else is the text itself.
    """
    text = data.decode("utf-8", "surrogateescape")
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if "\x00" in text:
        text = text.replace("\x00", "\\x00")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # surrogates: the bytes that were not UTF-8
        text = "".join(f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else c for c in text)
    return text


def unescape_raw(text: str) -> bytes:
    """The exact bytes :func:`escape_raw` was given (the inverse of the escape)."""

    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if code == "\\":
            return "\\"
        byte = int(code[1:], 16)
        return "\x00" if byte == 0 else chr(0xDC00 + byte) if byte >= 0x80 else chr(byte)

    return _ESCAPE_RE.sub(one, text).encode("utf-8", "surrogateescape")


def json_error(exc: ValueError | RecursionError) -> str:
    """``invalid JSON: ...`` for an exception of :func:`json.loads`, with its column."""
    if isinstance(exc, json.JSONDecodeError):
        msg = exc.msg
        # "Unterminated string starting at", "Invalid control character at": the position completes them
        where = f"column {exc.colno}" if msg.endswith(" at") else f"at column {exc.colno}"
        return f"invalid JSON: {msg} {where}"
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {exc}"


def json_line(obj: object) -> str:
    """``json.dumps`` keeping non-ASCII text as is, unless it holds lone surrogates.

    A JSON input may carry ``"\\ud800"``; written out unescaped it would not be
    valid UTF-8, so such an object is written with ASCII escapes instead.
    """
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(obj)
    return text


def utf8_error(data: bytes, exc: UnicodeDecodeError) -> str:
    """``invalid UTF-8: byte 0xNN at column C`` for the first bad byte of one line of ``data``."""
    return f"invalid UTF-8: byte 0x{data[exc.start]:02x} at column {exc.start + 1}"


#: the csv module's messages, in the words of someone who has never opened a file in Python
_CSV_MESSAGES = (
    ("new-line character seen in unquoted field", "a line break (CR) inside an unquoted field"),
    ("unexpected end of data", "quoted field not closed"),
    ("line contains NUL", "NUL byte"),
    ("field larger than field limit", "a field larger than the limit"),
)
_CSV_EXPECTED_RE = re.compile(r"'(.)' expected after '\"'")


def csv_error(message: str) -> str:
    """A :class:`csv.Error` message reworded (no "universal-newline mode", no C terms)."""
    for prefix, text in _CSV_MESSAGES:
        if message.startswith(prefix):
            return text + message[len(prefix):] if prefix.startswith("field larger") else text
    m = _CSV_EXPECTED_RE.match(message)
    if m:
        sep = "tab" if m.group(1) == "\t" else repr(m.group(1))
        return f"text after a closing quote (a quote inside a quoted field is written \"\"; {sep} expected)"
    return message


# -- JSON Lines: one rule for every command that reads them ---------------------------------


def json_kind(value: object) -> str:
    """The JSON name of a value's kind (``array``, ``string``...), for messages."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return "null" if value is None else type(value).__name__


class JsonLine(NamedTuple):
    """One line of a JSON Lines input, read by the rule every command follows.

    Bytes that are not UTF-8 are read as U+FFFD (``repaired`` says so, and the
    line is still a record); a line that is blank, not JSON, or JSON that is
    not an object is no record (``error`` says why; ``obj`` is what could be
    read, an object only when ``error`` is empty).
    """

    raw: bytes  #: the line's bytes, without its line end (LF or CRLF)
    text: str  #: the line as text (bad bytes as U+FFFD)
    obj: Any  #: the parsed value (a dict when ``error`` is empty)
    error: str  #: why the line is no record ("" when it is one)
    repaired: str  #: what was done to read it ("" when nothing)

    @property
    def blank(self) -> bool:
        """A blank line read as it is (batch skips it; ``tag --jsonl`` keeps its place)."""
        return self.error == "empty line" and not self.repaired

    @property
    def message(self) -> str:
        """Everything that was wrong, for ``normalize_error`` and the ``FILE:LINE:`` report."""
        if self.repaired and self.error:
            return f"{self.repaired}; {self.error}"
        return self.repaired or self.error

    @property
    def raw_field(self) -> str:
        """The value of ``normalize_raw``: the line's bytes, escaped (:func:`escape_raw`)."""
        return escape_raw(self.raw)


def read_json_line(raw: bytes, text: str | None = None) -> JsonLine:
    r"""Read one line (without its LF; a CR before it is dropped) of JSON Lines.

    ``text``: the line already decoded, when the caller decoded a whole block
    at once and it was valid UTF-8 (it must be ``raw`` decoded).

    >>> read_json_line(b'{"a": 1}\r').obj
    {'a': 1}
    >>> line = read_json_line(b'[1, "caf\xe9"]')
    >>> line.message
    'invalid UTF-8: byte 0xe9 at column 9 (read as U+FFFD); JSON value is not an object (array)'
    """
    if raw.endswith(b"\r"):
        raw = raw[:-1]
        if text is not None:
            text = text[:-1]
    repaired = ""
    if text is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = raw.decode("utf-8", "replace")
            repaired = f"{utf8_error(raw, exc)} (read as U+FFFD)"
    if not text.strip():
        return JsonLine(raw, text, None, "empty line", repaired)
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return JsonLine(raw, text, None, json_error(exc), repaired)
    if not isinstance(obj, dict):
        return JsonLine(raw, text, obj, f"JSON value is not an object ({json_kind(obj)})", repaired)
    return JsonLine(raw, text, obj, "", repaired)


def json_objects(lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """The JSON objects among ``lines``, read as the records will be; other lines are passed over.

    For the checks made on the first block of an input before any output (an
    unknown column, a missing text field).
    """
    for line in lines:
        try:
            obj = json.loads(line.decode("utf-8", "replace"))
        except (ValueError, RecursionError):
            continue
        if isinstance(obj, dict):
            yield obj


#: the delimiters a CSV file may use (spreadsheets in many locales export ``;``)
CSV_DELIMITERS = (",", ";", "|", "\t")


def csv_delimiter(header: str, default: str = ",") -> str:
    """The delimiter of a CSV file: the one of :data:`CSV_DELIMITERS` its header line uses most
    outside quotes; ``default`` when it uses none (a single column).

    >>> csv_delimiter("id;name;city")
    ';'
    >>> csv_delimiter('"Name, full";city')
    ';'
    >>> csv_delimiter("name")
    ','
    """
    counts = dict.fromkeys(CSV_DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else default
