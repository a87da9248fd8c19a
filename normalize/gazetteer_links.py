"""Link the curated places to their records in the GeoNames gazetteer, by a rule.

A curated settlement (Kyiv, ``place:ua-kyiv``) and its GeoNames record
(``geonames:703448``) are one place; the curated entry says so with
``same_as``, so that the two answer as one entity (see ``lexicons/README.md``).
The links are not written by hand: this module derives them, and a test
(``tests/test_same_as.py``) fails when the bundled files differ from what it
derives. The rule links a curated place C to a gazetteer record G when

1. C is a settlement (its ``subtype`` is one of :data:`SETTLEMENT_SUBTYPES`),
   not a region, raion or country;
2. C and G have the same ``country``;
3. they share a Cyrillic name, letter for letter (case aside);
4. G has a population;
5. they lie in the same first-level region: G's ``admin1`` is C's ``admin1``
   (or that of C's nearest ancestor that has one); when neither C nor an
   ancestor has one, C must be a first-level region itself (its parent is a
   country, as for Kyiv, Sevastopol and Minsk, cities with a region's
   status), and G must then be the most populous gazetteer place of its
   ``admin1`` region;
6. exactly one record G passes 1-5.

Run ``python -m normalize.gazetteer_links`` to list the links and
``--write`` to rewrite the ``same_as`` of the curated places that differ.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from normalize.lexicon import Entity, Lexicon, bundled_paths

__all__ = ["GAZETTEER_PREFIX", "SETTLEMENT_SUBTYPES", "derive_links", "main"]

#: the subtypes of curated places that name a settlement (rule 1)
SETTLEMENT_SUBTYPES = frozenset({
    "city with special status", "city", "town", "village", "urban-type settlement", "settlement",
    "populated place",
})

#: the ID prefix of the gazetteer's records
GAZETTEER_PREFIX = "geonames:"


def _cyrillic_names(entity: Entity) -> set[str]:
    out = set()
    for name in entity.names:
        if any("\u0400" <= ch <= "\u04ff" for ch in name.text):
            out.add(unicodedata.normalize("NFC", name.text).casefold())
    return out


def derive_links(lexicon: Lexicon) -> dict[str, str]:
    """Curated place ID -> the ID of its gazetteer record, for every pair the rule links."""
    gazetteer = [e for e in lexicon if e.id.startswith(GAZETTEER_PREFIX) and e.type == "place"]
    curated = [e for e in lexicon if not e.id.startswith(GAZETTEER_PREFIX) and e.type == "place"]
    by_name: dict[str, list[Entity]] = {}
    largest: dict[tuple[str | None, str | None], Entity] = {}
    for g in gazetteer:
        for key in _cyrillic_names(g):
            by_name.setdefault(key, []).append(g)
        region = (g.country, g.admin1)
        if g.population and (region not in largest or g.population > (largest[region].population or 0)):
            largest[region] = g
    links: dict[str, str] = {}
    for c in curated:
        if c.subtype not in SETTLEMENT_SUBTYPES or c.country is None:
            continue
        admin1 = c.admin1
        if admin1 is None:
            admin1 = next((a.admin1 for a in lexicon.ancestors(c.id) if a.admin1 is not None), None)
        first_level = c.parent is not None and c.parent in lexicon and lexicon[c.parent].subtype == "country"
        found: dict[str, Entity] = {}
        for key in _cyrillic_names(c):
            for g in by_name.get(key, ()):
                if g.country != c.country or not g.population:
                    continue
                if admin1 is not None:
                    if g.admin1 != admin1:
                        continue
                elif not (first_level and largest.get((g.country, g.admin1)) is g):
                    continue
                found[g.id] = g
        if len(found) == 1:
            links[c.id] = next(iter(found))
    return links


def _current_links(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """The gazetteer IDs each curated entity lists in its ``same_as`` now."""
    return {
        e.id: tuple(x for x in e.same_as if x.startswith(GAZETTEER_PREFIX))
        for e in lexicon if not e.id.startswith(GAZETTEER_PREFIX)
        and any(x.startswith(GAZETTEER_PREFIX) for x in e.same_as)
    }


def rewrite(paths: Iterable[Path], links: dict[str, str]) -> list[Path]:
    """Set the gazetteer part of each curated entity's ``same_as`` to ``links``; returns the files changed."""
    changed = []
    for path in paths:
        if path.name.startswith("geonames"):
            continue
        lexicon = Lexicon.load([path])
        lines = path.read_text(encoding="utf-8").split("\n")
        edited = False
        for e in lexicon:
            others = tuple(x for x in e.same_as if not x.startswith(GAZETTEER_PREFIX))
            wanted = others + ((links[e.id],) if e.id in links else ())
            if wanted != e.same_as and e.line is not None:  # only the lines that change are rewritten
                lines[e.line - 1] = json.dumps(replace(e, same_as=wanted).to_json(), ensure_ascii=False,
                                               separators=(",", ":"))
                edited = True
        if edited:
            path.write_text("\n".join(lines), encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m normalize.gazetteer_links",
        description="List (or write) the same_as links from curated places to their GeoNames records.",
    )
    parser.add_argument("--write", action="store_true", help="rewrite the curated lexicons whose links differ")
    args = parser.parse_args(argv)
    lexicon = Lexicon.load(None)
    links = derive_links(lexicon)
    for cid, gid in sorted(links.items()):
        g = lexicon[gid]
        print(f"{cid}\t{gid}\t{g.display_label}\tadmin1 {g.admin1}\tpopulation {g.population}")
    current = _current_links(lexicon)
    stale = {cid for cid in set(current) | set(links) if current.get(cid, ()) != ((links[cid],) if cid in links else ())}
    if not stale:
        print(f"{len(links)} links, all in the curated lexicons", file=sys.stderr)
        return 0
    if not args.write:
        print(f"{len(stale)} curated entities differ: {', '.join(sorted(stale))} (--write rewrites them)", file=sys.stderr)
        return 1
    for path in rewrite(bundled_paths(), links):
        print(f"rewrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
