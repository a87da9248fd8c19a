"""Places: category words (oblast, район, Gebiet ...), settlement words and place adjectives."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from normalize import scores as S
from normalize.fold import fold, has_cyrillic, skeleton
from normalize.matcher.data import engine_data
from normalize.matcher.hits import EntityView, Hit
from normalize.matcher.state import MatcherState, Offer
from normalize.matcher.variants import canonical_latin, romanize_all

__all__ = ["PlacesMixin", "adjective_stem", "place_words"]


@lru_cache(maxsize=1)
def place_words() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Skeletons of the settlement words, and each place adjective's group of skeletons.

    The Cyrillic words of the engine data are romanized with every scheme of
    their language, so any press spelling of the adjective is recognised.
    """
    data = engine_data()

    def skeletons(word: str) -> set[str]:
        forms = romanize_all(word) if has_cyrillic(word) else (word,)
        return {skeleton(fold(f)) for f in forms if not has_cyrillic(f)}

    settlement = frozenset(s for w in data["settlement_words"] if " " not in w for s in skeletons(w))
    adjectives: dict[str, tuple[str, ...]] = {}
    for group in data["place_adjectives"]:
        canonical = tuple(dict.fromkeys(skeleton(fold(canonical_latin(w))) for w in group))
        for w in group:
            for s in skeletons(w):
                adjectives[s] = canonical
    return settlement, adjectives


@lru_cache(maxsize=1)
def _river_prepositions() -> frozenset[str]:
    """Skeletons of the engine data's ``river_prepositions``."""
    return frozenset(skeleton(fold(w)) for w in engine_data()["river_prepositions"])


def adjective_stem(skel_word: str) -> str:
    """Reduce a romanized adjective (kharkivska, belhorodskaia) to its base."""
    for suffix in engine_data()["adjective_suffixes"]:
        if skel_word.endswith(suffix) and len(skel_word) - len(suffix) >= 3:
            return skel_word[: -len(suffix)]
    return skel_word



class PlacesMixin(MatcherState):
    """Index and match places by category, settlement word and adjective."""

    def _index_core(self, idx: int, text: str, via: tuple[str, ...], q: float, key: str, entity: EntityView) -> None:
        """Index a place key by its core without its category word ("kharkivska oblast" -> region kharkiv)."""
        if entity.type != "place" or " " not in key:
            return  # one word is never a category word plus a core
        split = self._split_category(key)
        if split is not None:
            cls, core = split
            self._add(self._core, (cls, core), Hit(idx, text, via + (f"category:{cls}",), q * S.Q_CATEGORY))

    def _split_category(self, key: str) -> tuple[str, str] | None:
        """(category class, adjective-stemmed core) of a place key: "kharkivska oblast" ->
        ("region", "kharkiv"); None when the key names no category or only one."""
        cls = None
        core_words = []
        for w in key.split(" "):
            c = self._categories.get(w)
            if c is not None and cls is None:
                cls = c
            else:
                core_words.append(w)
        if cls is None or not core_words:
            return None
        return cls, " ".join(adjective_stem(skeleton(w)) for w in core_words)

    def _match_place_words(self, skel: str, offer: Offer) -> None:
        """A place named with a settlement word, or with its adjective in another language.

        "Poselok Krasnolesnyy" (GeoNames' way of naming a settlement) is Краснолесный; "Bol'shaya Pavlovka" (the
        Russian form) is Велика Павлівка. Only places are offered, a little below an
        exact match.
        """
        words = skel.split(" ")
        if len(words) < 2:
            return
        settlement, adjectives = self._place_words_t
        places = self._place_hits
        if words[0] in settlement:  # after the name it is often part of it: Красное Село, Новый Хутор
            offer(places(self._skel.get(" ".join(words[1:]), ())), S.SETTLEMENT_WORD, ("settlement word",))
        for i, w in enumerate(words):
            group = adjectives.get(w)
            if group is None:
                continue
            for other in group:
                if other != w:
                    key = " ".join(words[:i] + [other] + words[i + 1 :])
                    offer(places(self._skel.get(key, ())), S.PLACE_ADJECTIVE, (f"adjective:{w}={other}",))

    def _match_river_part(self, skel: str, offer: Offer, near_keys: Callable[[str], set[str]]) -> None:
        """A place named with its river in another language ("Murom am Oka", "Brest nad Bugiem",
        "Rostov-sur-le-Don"): the words before the preposition (engine data ``river_prepositions``)
        as the place's name, with the Russian preposition and the rest, or alone; only places.
        ``near_keys``: the skeleton keys near a compact skeleton (the fuzzy index)."""
        words = skel.split(" ")
        if not 3 <= len(words) <= 6:
            return
        preps = _river_prepositions()
        for i in range(1, len(words) - 1):
            if words[i] in preps:
                head = words[:i]
                rest = [w for w in words[i + 1 :] if w not in self._stop_skels()]  # sur le Don, on the Dnieper
                places = self._place_hits
                # a place named with its river ("Ростов-на-Дону"): the river is in another language
                # and case, so a name near the query that begins with the head and the preposition,
                # its river with the same two first letters (Don, Donem, Дону; not Amur for Dnieper)
                named = "".join(head) + "na" + "".join(rest)[:2]
                near = sorted(k for k in near_keys("".join(head + ["na"] + rest))  # sorted: ties break alike
                              if k.replace(" ", "").startswith(named))
                if near:
                    for key in near:
                        offer(places(self._skel.get(key, ())), S.RIVER_PART, ("river part",))
                else:
                    offer(places(self._skel.get(" ".join(head), ())), S.RIVER_PART, ("river part",))
                return

    def _place_hits(self, hits: Iterable[Hit]) -> list[Hit]:
        """The hits on places."""
        return [h for h in hits if self.entities[h.entity].type == "place"]

    def _match_core(self, latin_key: str, offer: Offer) -> None:
        """A place by its core without its category word ("Kharkivska oblast" = Kharkiv region)."""
        split = self._split_category(latin_key)
        if split is not None:
            offer(self._core.get(split, ()), S.PLACE_CATEGORY_CORE)
