"""The HTML view: `normalize tag --html`, `normalize.render_html`, `_repr_html_`.

The page is checked as text (escaping, every mention, the tables) and in a real
headless Chromium: a screenshot that is not blank and shows the highlight
colours, and the DOM Chromium builds (``--dump-dom``) with every mention's ID.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import normalize
from normalize.html import OTHER_COLOUR, TYPE_COLOURS, UNRESOLVED_COLOUR, render_html, render_page
from normalize.tagger import Mentions, Tagger
from tests.conftest import REPO
from tests.needs import program

FIXTURE = REPO / "tests" / "fixtures" / "tag_lexicon.jsonl"
#: every entity type of the fixture lexicon, an ambiguous surname and hostile text
TEXT = (
    "Зеленський приїхав до Харкова. Klitschko said <script>alert('x')</script> & \"quotes\".\n"
    "The Russian Volunteer Corps (RDC) and Vitali Klitschko met in Kyiv; Klitschko left.\n"
)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(FIXTURE)


def cli_tag(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-m", "normalize", "tag", "--lexicon", str(FIXTURE), *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, timeout=120, cwd=REPO, check=False)


def marks(page: str) -> list[dict[str, str]]:
    """The attributes of every highlighted mention (``<mark ... data-id=...>``) of a page."""
    out = []
    for m in re.finditer(r"<mark ([^>]*data-id=[^>]*)>", page):
        out.append(dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1))))
    return out


def test_page_has_every_mention_escaped(tagger: Tagger) -> None:
    mentions = tagger.tag(TEXT)
    types = {m.type for m in mentions}
    assert {"person", "place", "org"} <= types and any(m.id is None for m in mentions)
    page = render_html(TEXT, mentions)
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&amp; &quot;quotes&quot;" in page
    found = marks(page)
    assert [f["data-id"] for f in found] == [m.id or "" for m in mentions]
    for f, m in zip(found, mentions):
        if m.id is None:  # ambiguous: marked apart, candidates on hover
            assert "unresolved" in f["class"]
            assert all(c.id in f["title"] for c in m.candidates) and len(m.candidates) > 1
            assert f["data-badge"] == f"? {len(m.candidates)} candidates"
        else:
            assert f["class"] == f"t-{m.type}" and m.id in f["title"] and m.label in f["title"]
            assert f["data-badge"] == f"{m.label} · {m.id}"
    # the text is all there, in order, once the markup is taken out
    visible = re.sub(r"<[^>]+>", "", page.split('<div class="doc">', 1)[1].split("</div>", 1)[0])
    import html

    assert html.unescape(visible) == TEXT


def test_page_legend_and_entity_table(tagger: Tagger) -> None:
    mentions = tagger.tag(TEXT)
    page = render_html(TEXT, mentions, title="a <title>")
    assert "<title>a &lt;title&gt;</title>" in page
    legend = page.split('<div class="legend">', 1)[1].split("</div>", 1)[0]
    for t in ("person", "place", "org"):
        assert f'<mark class="t-{t}">{t}</mark>' in legend
    assert 'class="unresolved"' in legend
    table = page.split("<h2>Entities found", 1)[1]
    counts: dict[str, int] = {}
    for m in mentions:
        if m.id:
            counts[m.id] = counts.get(m.id, 0) + 1
    rows = re.findall(r"<tr><td><code>([^<]+)</code></td>.*?<td class=\"n\">(\d+)</td>", table)
    assert {i: int(n) for i, n in rows} == counts
    unresolved = page.split("<h2>Unresolved mentions", 1)[1]
    assert "person:vitali-klitschko" in unresolved and "person:wladimir-klitschko" in unresolved


def test_page_is_self_contained(tagger: Tagger) -> None:
    page = render_html(TEXT, tagger.tag(TEXT))
    assert not re.search(r"<(script|link|img|iframe|object)\b", page)
    assert not re.search(r"(src|href)=|url\(|@import|https?:", page)
    assert "default-src 'none'" in page  # a CSP that loads nothing, should anything slip in


def test_dicts_from_the_cli_render_like_mentions(tagger: Tagger) -> None:
    mentions = tagger.tag(TEXT)
    as_json = [m.to_json() for m in mentions]
    resolved = [m._replace(candidates=()) if m.id else m for m in mentions]
    assert render_html(TEXT, as_json) == render_html(TEXT, resolved)


def test_hostile_ids_labels_names_and_surrogates() -> None:
    text = "A \ud800 B <i>"
    bad = {"start": 0, "end": 1, "id": '"><script>x</script>', "label": "<b>", "type": "a b<", "score": 1}
    page = render_page([("<file>.txt", text, [bad])])
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;file&gt;.txt" in page and "\ufffd" in page and "\ud800" not in page
    page.encode("utf-8")  # writable
    assert 'class="t-a_b_"' in page  # a type is reduced to a safe class name
    assert OTHER_COLOUR in page


@pytest.mark.parametrize(
    ("mentions", "message"),
    [
        ([{"start": 3, "end": 99}], "not a span"),
        ([{"start": -1, "end": 2}], "not a span"),
        ([{"start": "0", "end": 2}], "not a span"),
        ([{"start": 0, "end": 4}, {"start": 2, "end": 5}], "overlap"),
    ],
)
def test_bad_mentions_are_value_errors(mentions: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        render_html("Kyiv Kyiv", mentions)


def test_tag_result_is_the_same_list_and_displays_itself(tagger: Tagger) -> None:
    result = tagger.tag(TEXT)
    assert isinstance(result, list) and isinstance(result, Mentions) and result.text == TEXT
    assert result == list(result) and repr(result) == repr(list(result))
    fragment = result._repr_html_()
    assert "<html" not in fragment and fragment.startswith("<style>")
    assert [f["data-id"] for f in marks(fragment)] == [m.id or "" for m in result]
    assert next(iter(tagger.tag_many([TEXT])))._repr_html_() == fragment
    assert normalize.render_html is render_html


def test_cli_html_matches_the_json_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b <x>.txt").write_text("Kyiv and Харків.\n", encoding="utf-8")
    files = [str(tmp_path / "a.txt"), str(tmp_path / "b <x>.txt")]
    js = cli_tag("--candidates", *files)
    assert js.returncode == 0, js.stderr
    expected = [json.loads(line) for line in js.stdout.decode().splitlines()]
    proc = cli_tag("--html", *files)
    assert proc.returncode == 0, proc.stderr
    page = proc.stdout.decode("utf-8")
    assert [f["data-id"] for f in marks(page)] == [m["id"] or "" for m in expected]
    assert page.count('<div class="doc">') == 2 and "b &lt;x&gt;.txt" in page
    docs = [(str(tmp_path / n), (tmp_path / n).read_text(encoding="utf-8")) for n in ("a.txt", "b <x>.txt")]
    by_file = [(name, text, [m for m in expected if m["file"] == name]) for name, text in docs]
    assert page == render_page(by_file, title="normalize tag")


def test_cli_html_usage_and_bad_utf8(tmp_path: Path) -> None:
    proc = cli_tag("--html", "--jsonl", stdin=b"{}")
    assert proc.returncode == 2 and b"--html" in proc.stderr
    proc = cli_tag("--html", stdin="Харків ".encode() + b"\xff Kharkiv")
    assert proc.returncode == 1 and b"invalid UTF-8" in proc.stderr
    assert proc.stdout.decode("utf-8").count("data-id=") == 2


# -- in a real browser --------------------------------------------------------------------


def chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess[bytes]:
    exe = program("chromium")
    profile = tmp / f"profile-{len(list(tmp.iterdir()))}"
    cmd = [
        exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(cmd, capture_output=True, timeout=120, check=False)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_page_in_headless_chromium(tagger: Tagger, tmp_path: Path) -> None:
    from PIL import Image

    mentions = tagger.tag(TEXT)
    page_file = tmp_path / "page.html"
    page_file.write_text(render_html(TEXT, mentions), encoding="utf-8")
    shot = tmp_path / "shot.png"
    proc = chromium("--window-size=1000,900", f"--screenshot={shot}", page_file.as_uri(), tmp=tmp_path)
    assert shot.exists(), proc.stderr.decode(errors="replace")[-2000:]
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, highlights, borders: not blank
    count = {rgb: n for n, rgb in colours}
    assert max(count.values()) < 0.95 * image.width * image.height
    for colour in (*(TYPE_COLOURS[t] for t in ("person", "place", "org")), UNRESOLVED_COLOUR):
        assert count.get(hex_rgb(colour), 0) > 200, f"highlight colour {colour} not on screen"

    dom = chromium("--dump-dom", page_file.as_uri(), tmp=tmp_path)
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    text = dom.stdout.decode("utf-8")
    for m in mentions:
        if m.id is not None:
            assert f'data-id="{m.id}"' in text
        else:
            for c in m.candidates:
                assert c.id in text
    assert "<script" not in text and "&lt;script&gt;" in text  # shown as text, never run
