"""The Polish press writes officials' names from their English romanization (``from_english``).

"Umerow" (from Umerov), not the standard's "Umierow" from Умєров: the person's English label is
rewritten to the Polish press's letters and declined by the Polish tables, so the surname alone in
any case is the person ("Zełenski powierzył Umerowowi ...", "o Umerowie"). A small lexicon made
here: the person has Cyrillic names and an English label only.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:umerov", "person", (Name("Рустем Енверович Умєров", "uk"), Name("Рустем Энверович Умеров", "ru")),
               label="Rustem Umerov", gender="m", country="UA"),
    ])
    return Tagger(lex, cache=False)


@pytest.mark.parametrize(("text", "span"), [
    (("Sekretarz rady Rustem Umerow spotkał się w czwartek z doradcami. Wcześniej prezydent powierzył "
      "Umerowowi kierowanie delegacją."), "Umerowowi"),
    (("Sekretarz rady Rustem Umerow spotkał się w czwartek z doradcami. W stolicy o Umerowie mówi się "
      "jako o najbliższym współpracowniku prezydenta."), "Umerowie"),
    ("Delegacja z Rustemem Umerowem przyleciała w nocy, podały służby prasowe rządu.", "Rustemem Umerowem"),
])
def test_the_english_romanization_as_the_polish_press_writes_it(tagger: Tagger, text: str, span: str) -> None:
    got = [(m.text, m.id) for m in tagger.tag(text)]
    assert (span, "test:umerov") in got, got
