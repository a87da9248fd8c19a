"""How prominent an entity is: its *prior*, from 0 to 1, used to rank candidates that fit a name alike.

A lexicon entity may give its prior (the ``prior`` field, see ``lexicons/README.md``);
otherwise one is derived from what the entity says about itself, by the rules of
the engine data (``normalize/data/matching.json``, key ``priors``):

* a place with a population: ``(log10(1 + population) - floor) / span``, clipped to
  0..1 (with the default floor 2 and span 5: 1,000 people 0.2, 100,000 0.6, ten
  million 1.0), or the prior of its subtype when that is higher (an oblast that
  carries its centre's population is still an oblast);
* else the prior of its subtype (``oblast``, ``raion``, ``village``...);
* else the default prior of its type (``person``, ``org``, ``place``).

>>> from normalize.lexicon import Entity
>>> entity_prior(Entity("geonames:1", "place", ("Kyiv",), population=2952301))
0.89
>>> entity_prior(Entity("place:x", "place", ("Kursk Oblast",), subtype="oblast"))
0.8
>>> entity_prior(Entity("person:x", "person", ("Ivan Petrov",), prior=0.9))
0.9
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

__all__ = ["entity_prior"]


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, float], dict[str, float], float, float]:
    from normalize.matcher.data import engine_data as _engine_data

    data = _engine_data()["priors"]
    pop = data["population"]
    return (
        {k: float(v) for k, v in data["types"].items()},
        {k: float(v) for k, v in data["subtypes"].items()},
        float(pop["floor"]),
        float(pop["span"]),
    )


def entity_prior(entity: Any) -> float:
    """The entity's own ``prior``, else the one derived from population, subtype and type.

    Rounded to two decimals, so a compiled index and a fresh build agree exactly.
    """
    own = getattr(entity, "prior", None)
    if own is not None:
        return round(float(own), 2)
    types, subtypes, floor, span = _rules()
    by_subtype = subtypes.get(getattr(entity, "subtype", None) or "")
    population = getattr(entity, "population", None)
    if population is not None and population > 0:
        value = min(1.0, max(0.0, (math.log10(1.0 + population) - floor) / span))
        if by_subtype is not None:
            value = max(value, by_subtype)
        return round(value, 2)
    if by_subtype is not None:
        return round(by_subtype, 2)
    return round(types.get(getattr(entity, "type", ""), types.get("*", 0.3)), 2)
