"""Oblique-case forms of Russian, Ukrainian and Belarusian proper names.

News text names people and places in every grammatical case: "у Харківській
області", "в Тёткине", "заявил Зеленского", "Навальной". A lexicon holds the
nominative (Харківська область, Тёткино, Зеленський, Навальная), so the
matcher and the tagger expand each lexicon name into its inflected forms and
map every form back to the name.

The grammar lives in ``normalize/data/inflection.json`` (its ``_doc`` key
describes the format): paradigms (a nominative ending to strip and the ending
of each case) and rules choosing a paradigm by the word's ending, the entity
type, the word's role in the name and the gender. The package only applies
the tables, precompiled into dictionaries keyed by ending and searched longest
ending first, so a simple word costs a few dictionary look-ups:

* :mod:`normalize.inflect.tables` reads, checks and compiles the data file;
* :mod:`normalize.inflect.decline` declines words and phrases (:func:`name_forms`,
  :func:`word_forms`, :func:`person_name_forms`);
* :mod:`normalize.inflect.press` gives the Polish, Czech and Slovak press forms
  (:func:`press_forms`);
* :mod:`normalize.inflect.postposed` reads an adjective after its noun in those
  languages' names (Siły Zbrojne Ukrainy: Sił Zbrojnych Ukrainy).

Precision comes before recall: a word no rule covers keeps only its
nominative, and a person's forms never come from the other gender's paradigm
(Навальная gives Навальной, Навальный gives Навального, never the reverse).

>>> forms = name_forms("Харківська область", type="place")
>>> forms["Харківській області"]
'dat loc'
>>> sorted(f for f, tags in name_forms("Тёткино", type="place").items() if "loc" in tags)
['Тёткине', 'Тёткино']
>>> "Навального" in name_forms("Навальный", type="person", gender="m")
True
>>> "Навальной" in name_forms("Навальный", type="person", gender="m")
False
>>> name_forms("Зеленський", type="person")["Зеленського"]
'gen acc'
"""

from __future__ import annotations

from normalize.detect import detect_language, latin_language
from normalize.inflect.decline import name_forms, person_name_forms, word_forms
from normalize.inflect.press import press_forms
from normalize.inflect.tables import CASES

__all__ = ["CASES", "detect_lang", "latin_language", "name_forms", "person_name_forms", "press_forms", "word_forms"]


def detect_lang(text: str) -> str:
    """ru, uk or be, as the declension reads ``text``: Russian where the letters show nothing.

    Kept for compatibility: ``normalize.detect_language(text, evidence="spelling") or "ru"``
    (see :func:`normalize.detect.detect_language`).  :func:`name_forms` goes one step
    further when ``lang`` is not given: a name read as Russian with a given name found
    only in the Ukrainian or Belarusian list (Микола, Аляксандр) is taken as that language.

    >>> detect_lang("Києві"), detect_lang("Магілёў"), detect_lang("Тёткино"), detect_lang("Зеленський")
    ('uk', 'be', 'ru', 'uk')
    """
    return detect_language(text, evidence="spelling") or "ru"
