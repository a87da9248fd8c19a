"""Names in quotation marks: a quoted name is the name of a thing, not a place.

The press quotes the names of units, companies, media, ships and operations
("ОСУВ «Хортиця»", "les unités « Azov »", "zgrupowania „Chortyca”", 'the "Wagner" group'),
rarely the name of a place. So when a mention fills a pair of quotation marks exactly
(:func:`quoted_at`, in any language's quotation marks, French spaces inside them too):

* and its key names an organization beside places, it is the organization
  (:meth:`QuotedNames.choice` returns it);
* and its key names only places, and a word other than a preposition stands right
  before the opening mark ("groupement « Tavria »", "корабль «Москва»"), the name is
  that thing's, not the place's: the mention is turned down (:data:`NOT_A_PLACE`).

A quoted place after a preposition ("в «Москве»") is left alone, except in the languages whose press quotes a
town's name only as a thing's (``quoted_thing_languages``: "сыграл вничью с «Химками»"), and so is a big place at the start
of a sentence or after punctuation; a small one there is a thing's name ("« Gagarine », le nom de code").

A place's name that opens a longer quoted name or title ("«Урал ФД»", "фильм «Челябинск, до востребования»")
is turned down too (:meth:`QuotedNames.opens_longer_name`), however big the place; a title going on in lower case
only right after its noun (``title_nouns_before``: "фильм «Ангара течет на север»").
"""

from __future__ import annotations

from normalize import evidence
from normalize.fold import fold
from normalize.tagger.state import TaggerState, UsesState
from normalize.tagger.words import prev_word

__all__ = ["INNER_SPACES", "NOT_A_PLACE", "OPENERS", "SMALL_PLACE_QUOTED", "QuotedNames", "quoted_at"]

#: each opening quotation mark and the marks that may close it (French, Polish, German, English,
#: Ukrainian and Russian typography; German and Danish also write »name«)
_PAIRS: dict[str, str] = {
    "«": "»", "»": "«", "„": "“”\"", "“": "”\"", "”": "”", '"': '"', "‘": "’'", "‚": "‘’", "‹": "›", "›": "‹", "'": "'",
}
#: the characters that may open a quotation
OPENERS = frozenset(_PAIRS)
#: spaces the French write inside their quotation marks
INNER_SPACES = frozenset(" \u00a0\u202f")
#: :meth:`QuotedNames.choice`: the mention names a quoted thing, not a place
NOT_A_PLACE = -2
#: :meth:`QuotedNames.choice`: a small place's name alone in quotes, at a sentence start or after punctuation
SMALL_PLACE_QUOTED = -3
_NONE = -1


def quoted_at(text: str, s: int, e: int) -> int:
    """The position of the opening mark when ``text[s:e]`` fills a pair of quotation marks exactly, else -1.

    A space inside the marks is allowed ("« Azov »"); the opening mark must not follow a
    letter or digit, nor the closing one precede one ("d'Odessa", "Kyiv's" are no quotes).
    """
    q = s - 1
    if q < 0:
        return -1
    if text[q] in INNER_SPACES and q > 0 and text[q - 1] in OPENERS:
        q -= 1
    opener = text[q]
    closers = _PAIRS.get(opener)
    if closers is None or (q > 0 and text[q - 1].isalnum()):
        return -1
    c = e
    if c < len(text) and text[c] in INNER_SPACES:
        c += 1
    if c >= len(text) or text[c] not in closers or (c + 1 < len(text) and text[c + 1].isalnum()):
        return -1
    return q


class QuotedNames(UsesState):
    """What a quoted mention names (:meth:`choice`); the choice by key is kept."""

    def __init__(self, state: TaggerState) -> None:
        super().__init__(state)
        self._by_key: dict[tuple[int, int], int] = {}
        self._prepositions: frozenset[str] = evidence.data()["place_prepositions_any"]
        self._thing_prepositions: frozenset[str] = evidence.data()["quoted_thing_prepositions"]
        self._title_nouns: frozenset[str] = evidence.data()["title_nouns_before_any"]

    def choice(self, text: str, q: int, kid: int, mask: int) -> int:
        """For a mention of key ``kid`` quoted from position ``q`` (:func:`quoted_at`): the one
        organization it names among places, :data:`NOT_A_PLACE`, :data:`SMALL_PLACE_QUOTED`, or -1 (the quotes tell nothing)."""
        kind = self._kind(kid, mask)
        if kind != NOT_A_PLACE:
            return kind
        before = prev_word(text, max(0, q - 40), q)
        if before is None or before.end() != q or not before.group(2).isspace():
            # a quote at the start of a sentence or after punctuation: a big place may be quoted so,
            # a small place's name alone in quotes is a thing's ("« Gagarine », le nom de code")
            return SMALL_PLACE_QUOTED if self._small_places(kid, mask) else _NONE
        word = fold(before.group(1))
        if word in self._prepositions and word not in self._thing_prepositions:
            return _NONE  # "в «Москве»": a quoted place after a preposition
        return NOT_A_PLACE  # "корабль «Москва»"; "с «Химками»", where the press quotes only things' names

    def opens_longer_name(self, text: str, s: int, e: int, kid: int, mask: int) -> bool:
        """Does a mention of places only open a quotation that goes on for one to three more words before it
        closes, as the first word of a thing's longer name or of a title ("банк «Урал ФД»", "газон «Екатеринбург
        Арены»", "фильм «Челябинск, до востребования»", "выставка «Волга. Портрет реки»")? Then the quoted
        words name that thing, not the place. What goes on must say so: a capitalized word or a digit after
        a space (a name of several words, whatever stands before the quotation), or a comma, colon or full
        stop and then a lower-case word (a full stop: any word), with a word other than a preposition right
        before the opening mark (a title after its noun). Quoted speech goes on with a lower-case word
        ("«Москва готова к переговорам»") or runs longer, and is left alone, as is a list ("«Kyiv, Odesa»")."""
        q = s - 1
        if text[q] in INNER_SPACES and q > 0:
            q -= 1
        closers = _PAIRS.get(text[q])
        if closers is None or (q > 0 and text[q - 1].isalnum()) or e >= len(text) or text[e] in closers:
            return False
        c = e + 1
        end = min(len(text), e + 60)
        while c < end and text[c] not in closers:
            if text[c] in "\n!?«»":
                return False
            c += 1
        if c >= end or (c + 1 < len(text) and text[c + 1].isalnum()):
            return False
        tail = text[e:c].split()
        if not tail or len(tail) > 3 or self._kind(kid, mask) != NOT_A_PLACE:
            return False
        first = text[e]
        if first == " ":
            if tail[0][:1].isupper() or tail[0][:1].isdigit():
                return True  # «Урал ФД», «Екатеринбург Арены»
            # in lower case: a title right after its noun ("фильм «Ангара течет на север»"), not quoted speech
            before = prev_word(text, max(0, q - 40), q)
            return before is not None and before.end() == q and before.group(2).isspace() \
                and fold(before.group(1)) in self._title_nouns
        if first not in ",.:" or not (text[e + 1 : e + 2] == " " and len(tail) > 1
                                      and (first == "." or tail[1][:1].islower())):
            return False
        before = prev_word(text, max(0, q - 40), q)
        if before is None or before.end() != q or not before.group(2).isspace():
            return False
        return fold(before.group(1)) not in self._prepositions

    def _small_places(self, kid: int, mask: int) -> bool:
        """Are the key's candidates all places, none of them big (``big_place``, as a weak mention's)?"""
        big = evidence.data()["big_place"]
        sizes = self._state.sizes
        return all(self._is_place[c[0]] and sizes[c[0]] < big for c in self._candidates(kid, mask))

    def _kind(self, kid: int, mask: int) -> int:
        """The key's one organization when it also names places; NOT_A_PLACE when it names only
        places; else -1."""
        key = (kid, mask)
        got = self._by_key.get(key)
        if got is None:
            cands = self._candidates(kid, mask)
            ents = self._t.entities
            orgs = {c[0] for c in cands if ents[c[0]][2] == "org"}
            places = [c[0] for c in cands if self._is_place[c[0]]]
            if not places or len(places) + len(orgs) < len(cands):
                got = _NONE  # no place, or a person among them: nothing to decide here
            elif not orgs:
                got = NOT_A_PLACE
            else:
                got = orgs.pop() if len(orgs) == 1 else _NONE
            if len(self._by_key) > 200_000:
                self._by_key.clear()
            self._by_key[key] = got
        return got
