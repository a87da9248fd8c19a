r"""Wording and encoding shared by everything that reports bad input.

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

__all__ = ["csv_error", "escape_raw", "json_error", "json_line", "unescape_raw", "utf8_error"]

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
