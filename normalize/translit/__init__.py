"""Transliteration engine: schemes are data, this package only interprets them.

A scheme is one JSON file in ``normalize/schemes/``; its file stem is its ID.
The file holds the letter table, the context rules, the metadata of the
standard and the standard's official examples (``samples``).  See
``normalize/schemes/README.md`` for the format.

Rule precedence at each position of a word (fixed, documented):

1. context rules (``rules``), longest ``match`` first, then file order; a rule
   applies when its ``after`` / ``before`` conditions hold;
2. the letter table (``letters``), longest key first;
3. a letter of the scheme's own script that the table lacks is romanized by
   ``unidecode`` (so no source-script letter ever survives);
4. anything else passes through unchanged.

Rules are stored in lowercase; output case is derived from the source:
a match whose letters are upper case yields an upper-case rendering when its
word is written in capitals (two or more cased letters, all upper), and a
capitalized rendering otherwise (``Щука`` -> ``Shchuka``, ``ЩУКА`` -> ``SHCHUKA``).

The package, one step a module:

* :mod:`normalize.translit.scheme`: the scheme model (:class:`Scheme`, its metadata
  and the checks of a scheme file's data);
* :mod:`normalize.translit.registry`: the bundled scheme files, read on first use;
* :mod:`normalize.translit.reference`: the reference engine, one word at a time,
  exactly the precedence above (:meth:`Scheme._reference`);
* :mod:`normalize.translit.fast`: the compiled equivalent that :meth:`Scheme.translit`
  runs, an order of magnitude faster; tests hold the two equal on random text for
  every scheme.

>>> translit("Щука", "ru_bgn_pcgn")
'Shchuka'
"""

from __future__ import annotations

from normalize.text import APOSTROPHES, CANONICAL_APOSTROPHE, SCRIPT_RANGES, in_script
from normalize.translit.registry import _compile_text, get_scheme, scheme_ids, schemes, translit
from normalize.translit.scheme import (
    DEVIATION_KEYS,
    SCHEME_KEYS,
    SIGN_LOOKALIKES,
    Deviation,
    Scheme,
    SchemeFileError,
    SchemeInfo,
    UnknownSchemeError,
)

__all__ = [
    "APOSTROPHES",
    "CANONICAL_APOSTROPHE",
    "DEVIATION_KEYS",
    "SCHEME_KEYS",
    "SCRIPT_RANGES",
    "SIGN_LOOKALIKES",
    "Deviation",
    "Scheme",
    "SchemeFileError",
    "SchemeInfo",
    "UnknownSchemeError",
    "_compile_text",
    "get_scheme",
    "in_script",
    "scheme_ids",
    "schemes",
    "translit",
]
