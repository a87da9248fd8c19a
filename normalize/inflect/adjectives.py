"""A West Slavic region adjective back toward the East Slavic adjective its region is named by.

Polish names a region by an adjective of its centre in its own form: obwód zaporoski
(Zaporoże), biełgorodzki (Biełgorod), kijowski (Kijów), moskiewski (Moskwa), where the
lexicon has Запорізька / Запорожская, Белгородская, Київська, Московская область. Their
romanizations differ from the Polish adjective by a few regular sound changes before
-ski, which ``inflection.json`` lists per language as ``adjective_stems`` (dzk -> dsk,
ow -> iv, ż -> zh ...). :func:`adjective_variants` applies them, alone and up to three
together, and the caller keeps a variant only when it names exactly one region
(normalize/tagger/categories.py): a rewrite proposes, the lexicon decides.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["adjective_variants"]

#: at most this many rewrites are combined, and at most this many variants returned
MAX_STEPS = 3
MAX_VARIANTS = 48


@lru_cache(maxsize=1)
def _rewrites() -> tuple[tuple[str, str], ...]:
    from normalize.inflect.tables import _data

    data = _data()
    out: dict[tuple[str, str], None] = {}
    for code in sorted(data):
        spec = data[code]
        if isinstance(spec, dict):
            for a, b in spec.get("adjective_stems", {}).items():
                out[(a, b)] = None
    return tuple(out)


@lru_cache(maxsize=4096)
def adjective_variants(word: str) -> tuple[str, ...]:
    """Lower-case rewrites of ``word`` by the languages' ``adjective_stems``, nearest first.

    >>> "zaporozhskim" in adjective_variants("zaporoskim")
    True
    >>> "biełgorodskiego" in adjective_variants("Biełgorodzkiego")
    True
    >>> adjective_variants("kurskim")
    ()
    """
    low = word.lower()
    rewrites = _rewrites()
    seen = {low}
    out: list[str] = []
    layer = [low]
    for _ in range(MAX_STEPS):
        nxt: list[str] = []
        for w in layer:
            for a, b in rewrites:
                if a in w:
                    v = w.replace(a, b)
                    if v not in seen:
                        seen.add(v)
                        nxt.append(v)
                        out.append(v)
                        if len(out) >= MAX_VARIANTS:
                            return tuple(out)
        layer = nxt
    return tuple(out)
