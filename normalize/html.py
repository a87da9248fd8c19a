"""A page to look at: tagged text with every mention highlighted (``normalize tag --html``).

The page is one self-contained HTML file: no script, no external style sheet,
font or image, and a Content-Security-Policy that forbids loading anything, so
it reads the same offline, in a mail client or with JavaScript off.

* Each mention is highlighted in its type's colour (a legend says which); its
  label and canonical ID show in a small badge after it and, with its type and
  score, on hover (the ``title`` attribute).
* A mention without an ID (ambiguous: a surname several people share) is
  outlined with a dashed red border and striped; its badge says how many
  candidates it has and its hover text lists them. A resolved mention that had
  other candidates (a homonym chosen by context) lists those on hover.
* A table at the end lists every entity found, with its number of mentions and
  the spellings seen, then the unresolved mentions with their candidates.
* Everything that comes from the input (text, file names, labels, IDs) is
  escaped, so ``<script>`` in a text shows as text; lone surrogates (which no
  encoding can write) show as U+FFFD.

>>> from normalize.tagger import Mention
>>> page = render_html("<b>Kyiv</b>", [Mention(3, 7, "Kyiv", "place:kyiv", "Kyiv", "place", 100.0)])
>>> page.startswith("<!DOCTYPE html>") and 'data-id="place:kyiv"' in page and "&lt;/b&gt;" in page
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any, NamedTuple

__all__ = ["TYPE_COLOURS", "render_fragment", "render_html", "render_page"]

#: background colour of each entity type's highlight (other types get OTHER_COLOUR)
TYPE_COLOURS: dict[str, str] = {"person": "#ffd59e", "org": "#b9f0b0", "place": "#b5d3ff"}
OTHER_COLOUR = "#e3cdf7"
#: the unresolved (ambiguous) highlight: background and border
UNRESOLVED_COLOUR = "#ffc4c4"
UNRESOLVED_BORDER = "#c0392b"

_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPE_CLASS = re.compile(r"[^a-z0-9_-]")

_CSS = """
.nz{font:15px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d1d1f;max-width:62rem;margin:0 auto;padding:1rem}
.nz h1{font-size:1.3rem;margin:.2rem 0 .6rem}.nz h2{font-size:1.05rem;margin:1.4rem 0 .4rem;word-break:break-all}
.nz .doc{white-space:pre-wrap;overflow-wrap:anywhere;line-height:2.1;border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem;background:#fff}
.nz mark{color:inherit;border-radius:4px;padding:.1em .2em;border:1px solid transparent}
.nz mark[data-badge]::after{content:attr(data-badge);font-size:.68em;font-weight:600;line-height:1;margin-left:.3em;padding:.1em .35em;border-radius:3px;background:rgba(255,255,255,.75);color:#333;vertical-align:.15em;white-space:nowrap}
.nz mark.unresolved{background:repeating-linear-gradient(135deg,UNRESOLVED,UNRESOLVED 7px,#ffe9e9 7px,#ffe9e9 10px);border:2px dashed BORDER}
.nz mark.unresolved[data-badge]::after{color:BORDER}
.nz .legend{display:flex;flex-wrap:wrap;gap:.4rem .9rem;margin:.4rem 0 1rem;font-size:.9rem}
.nz table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0}
.nz th,.nz td{text-align:left;border-bottom:1px solid #e4e4e4;padding:.25rem .5rem;vertical-align:top}
.nz td.n{text-align:right;font-variant-numeric:tabular-nums}
.nz code{font-size:.85em;word-break:break-all}
.nz .swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;vertical-align:-.05em}
.nz .muted{color:#666}
"""


class _Item(NamedTuple):
    start: int
    end: int
    id: str | None
    label: str | None
    type: str | None
    score: float | None
    candidates: tuple[tuple[str, str | None, str | None, float | None], ...]


def _get(m: Any, key: str, default: Any = None) -> Any:
    if isinstance(m, Mapping):
        return m.get(key, default)
    return getattr(m, key, default)


def _item(m: Any, text: str, n: int) -> _Item:
    start, end = _get(m, "start"), _get(m, "end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValueError(f"mention {n}: offsets {start!r}..{end!r} are not a span of the text (length {len(text)})")
    cands = []
    for c in _get(m, "candidates", ()) or ():
        cands.append((str(_get(c, "id")), _get(c, "label"), _get(c, "type"), _get(c, "score")))
    score = _get(m, "score")
    return _Item(start, end, _get(m, "id"), _get(m, "label"), _get(m, "type"),
                 float(score) if isinstance(score, (int, float)) else None, tuple(cands))


def _items(text: str, mentions: Iterable[Any]) -> list[_Item]:
    items = sorted((_item(m, text, i) for i, m in enumerate(mentions, 1)), key=lambda it: (it.start, it.end))
    for a, b in pairwise(items):
        if b.start < a.end:
            raise ValueError(f"mentions overlap: {a.start}..{a.end} and {b.start}..{b.end}")
    return items


def _clean(s: Any) -> str:
    """Text safe to write as UTF-8: lone surrogates become U+FFFD (same length, offsets hold)."""
    s = "" if s is None else str(s)
    return _SURROGATE.sub("\ufffd", s) if not s.isascii() else s


def _esc(s: Any) -> str:
    return html.escape(_clean(s), quote=True)


def _score(score: float | None) -> str:
    return "" if score is None else f"{score:g}"


def _type_class(t: str | None) -> str:
    return "t-" + (_TYPE_CLASS.sub("_", (t or "other").lower()) or "other")


def _cand_line(c: tuple[str, str | None, str | None, float | None]) -> str:
    cid, label, ctype, score = c
    parts = [p for p in (label, ctype, f"score {_score(score)}" if score is not None else None) if p]
    return f"{cid} ({', '.join(parts)})" if parts else cid


def _mark(text: str, it: _Item) -> str:
    words = _esc(text[it.start:it.end])
    if it.id is None:
        n = len(it.candidates)
        badge = f"? {n} candidate{'s' if n != 1 else ''}"
        title = f"unresolved {it.type or 'mention'}, score {_score(it.score)}; candidates:\n" + "\n".join(
            _cand_line(c) for c in it.candidates
        )
        cls = f"unresolved {_type_class(it.type)}"
        return f'<mark class="{cls}" data-id="" data-badge="{_esc(badge)}" title="{_esc(title)}">{words}</mark>'
    label = it.label or it.id
    title = f"{label}\n{it.id}\n{it.type or ''}, score {_score(it.score)}"
    others = [c for c in it.candidates if c[0] != it.id]
    if others:
        title += "\nother candidates:\n" + "\n".join(_cand_line(c) for c in others)
    badge = f"{label} · {it.id}"
    return (f'<mark class="{_type_class(it.type)}" data-id="{_esc(it.id)}" data-badge="{_esc(badge)}" '
            f'title="{_esc(title)}">{words}</mark>')


def _body(text: str, items: Sequence[_Item]) -> str:
    out = []
    pos = 0
    for it in items:
        out.append(_esc(text[pos:it.start]))
        out.append(_mark(text, it))
        pos = it.end
    out.append(_esc(text[pos:]))
    return "".join(out)


def _css(types: Iterable[str]) -> str:
    rules = [_CSS.replace("UNRESOLVED", UNRESOLVED_COLOUR).replace("BORDER", UNRESOLVED_BORDER).strip()]
    for t in sorted(set(types) | set(TYPE_COLOURS)):
        colour = TYPE_COLOURS.get(t, OTHER_COLOUR)
        rules.append(f".nz mark.{_type_class(t)}{{background-color:{colour}}}")
    return "\n".join(rules)


def _legend(types: Iterable[str], unresolved: bool) -> str:
    parts = []
    for t in sorted(set(types)):
        parts.append(f'<span><mark class="{_type_class(t)}">{_esc(t)}</mark></span>')
    if unresolved:
        parts.append('<span><mark class="unresolved">ambiguous: no ID, hover for candidates</mark></span>')
    parts.append('<span class="muted">badge: label · canonical ID; hover a mention for its type and score</span>')
    return '<div class="legend">' + "".join(parts) + "</div>"


def _tables(docs: Sequence[tuple[str, Sequence[_Item]]]) -> str:
    found: dict[str, list[Any]] = {}  # id -> [label, type, count, spellings]
    open_: dict[tuple[str, tuple[str, ...]], list[Any]] = {}  # (text, candidate ids) -> [count, item]
    for text, items in docs:
        for it in items:
            written = text[it.start:it.end]
            if it.id is None:
                key = (written, tuple(c[0] for c in it.candidates))
                open_.setdefault(key, [0, it])[0] += 1
                continue
            row = found.setdefault(it.id, [it.label or it.id, it.type or "", 0, {}])
            row[2] += 1
            row[3][written] = row[3].get(written, 0) + 1
    out = [f"<h2>Entities found ({len(found)})</h2>"]
    if found:
        out.append("<table><thead><tr><th>ID</th><th>label</th><th>type</th><th>mentions</th>"
                   "<th>as written</th></tr></thead><tbody>")
        for eid, (label, etype, count, spellings) in sorted(found.items(), key=lambda kv: (-kv[1][2], kv[1][0], kv[0])):
            seen = sorted(spellings, key=lambda s: (-spellings[s], s))
            shown = ", ".join(_esc(s) for s in seen[:8]) + (f" <span class=muted>+{len(seen) - 8}</span>" if len(seen) > 8 else "")
            out.append(f'<tr><td><code>{_esc(eid)}</code></td><td><mark class="{_type_class(etype)}">{_esc(label)}</mark>'
                       f'</td><td>{_esc(etype)}</td><td class="n">{count}</td><td>{shown}</td></tr>')
        out.append("</tbody></table>")
    if open_:
        out.append(f"<h2>Unresolved mentions ({sum(v[0] for v in open_.values())})</h2>")
        out.append("<table><thead><tr><th>as written</th><th>type</th><th>mentions</th><th>candidates</th></tr></thead><tbody>")
        for (written, _), (count, it) in sorted(open_.items(), key=lambda kv: (-kv[1][0], kv[0][0])):
            cands = "<br>".join(_esc(_cand_line(c)) for c in it.candidates)
            out.append(f'<tr><td><mark class="unresolved">{_esc(written)}</mark></td><td>{_esc(it.type or "")}</td>'
                       f'<td class="n">{count}</td><td>{cands}</td></tr>')
        out.append("</tbody></table>")
    return "\n".join(out)


def _view(documents: Iterable[tuple[str | None, str, Iterable[Any]]], heading: str | None) -> tuple[str, str]:
    """(CSS, the ``<div class="nz">`` of the documents)."""
    docs: list[tuple[str | None, str, list[_Item]]] = []
    for name, text, mentions in documents:
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        docs.append((name, text, _items(text, mentions)))
    types = {it.type for _, _, items in docs for it in items if it.type and it.id is not None}
    unresolved = any(it.id is None for _, _, items in docs for it in items)
    n = sum(len(items) for _, _, items in docs)
    parts = ['<div class="nz">']
    if heading is not None:
        parts.append(f"<h1>{_esc(heading)}</h1>")
    summary = f"{n} mention{'s' if n != 1 else ''}"
    if len(docs) != 1:
        summary += f" in {len(docs)} documents"
    parts.append(f'<div class="muted">{summary}</div>')
    parts.append(_legend(types, unresolved))
    for name, text, items in docs:
        if name is not None:
            parts.append(f"<h2>{_esc(name)}</h2>")
        parts.append(f'<div class="doc">{_body(text, items)}</div>')
    parts.append(_tables([(text, items) for _, text, items in docs]))
    parts.append("</div>")
    return _css(types | {it.type for _, _, items in docs for it in items if it.type}), "\n".join(parts)


def render_page(documents: Iterable[tuple[str | None, str, Iterable[Any]]], *, title: str = "normalize: tagged text") -> str:
    """One HTML page for several documents: ``(name or None, text, mentions)`` each.

    ``mentions`` are :class:`~normalize.tagger.Mention` objects or the objects
    ``normalize tag`` writes (dicts with ``start``, ``end``, ``id``, ``label``,
    ``type``, ``score`` and, when ambiguous, ``candidates``). Offsets outside
    the text or overlapping mentions raise ValueError.
    """
    css, body = _view(documents, title)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_esc(title)}</title>\n<style>\n{css}\n</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def render_html(text: str, mentions: Iterable[Any], *, title: str = "normalize: tagged text") -> str:
    """A self-contained HTML page of ``text`` with its ``mentions`` highlighted (see the module doc)."""
    return render_page([(None, text, mentions)], title=title)


def render_fragment(text: str, mentions: Iterable[Any]) -> str:
    """The view as an HTML fragment (its style scoped to it), for a notebook cell."""
    css, body = _view([(None, text, mentions)], None)
    return f"<style>\n{css}\n</style>\n{body}"
