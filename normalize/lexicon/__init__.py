"""Entity lexicons: the JSON Lines format, its loader and its checks.

A lexicon maps every spelling of an entity to one canonical ID. The format is
described for users in ``lexicons/README.md``; in short, one JSON object per
line::

    {"id": "place:ua-kharkiv", "type": "place", "names": ["Kharkiv", {"text": "Харків", "lang": "uk"}]}

The loader is strict because lexicons are reviewed like code: every problem
(invalid JSON, a missing or duplicate id, an empty name, an unknown key, a
value of the wrong type, a ``parent`` that points nowhere) is collected with
its file and line, and all of them are reported at once, so one run of
``normalize lexicon check`` shows everything to fix. Names that several
entities share are only warnings: homonyms are real (there are dozens of
villages called Novoselivka).

Several lexicons load together: ``Lexicon.load(["bundled", "my.jsonl"])`` (the
name ``bundled``, or ``+``, stands for :func:`bundled_paths`). An entity may say
it is the ``same_as`` other IDs, in its own lexicon or another; such a group
answers as one entity (:meth:`Lexicon.merged`), under the ID of the first
lexicon named (see ``lexicons/README.md``).

Importing this package reads nothing; files are read by :meth:`Lexicon.load`.
Its modules, one step each:

* :mod:`~normalize.lexicon.model`: :class:`Name`, :class:`Entity`, :class:`Problem`, :class:`LexiconError`;
* :mod:`~normalize.lexicon.paths`: the bundled lexicons and the files a list of lexicons names;
* :mod:`~normalize.lexicon.loader`: reading and checking files, line by line;
* :mod:`~normalize.lexicon.same_as`: ``same_as`` groups, their merge and their checks;
* :mod:`~normalize.lexicon.hashing`: the content hash that keys compiled indexes;
* :mod:`~normalize.lexicon.container`: the :class:`Lexicon`;
* :mod:`~normalize.lexicon.coerce`: what the API accepts as a lexicon (:data:`LexiconLike`).

>>> lex = Lexicon.from_entities([
...     Entity("place:ua-kharkiv-oblast", "place", ("Kharkiv Oblast",)),
...     Entity("place:ua-kharkiv", "place", ("Kharkiv", Name("Харків", "uk")),
...            parent="place:ua-kharkiv-oblast"),
... ])
>>> lex["place:ua-kharkiv"].display_label
'Kharkiv'
>>> [e.id for e in lex.ancestors("place:ua-kharkiv")]
['place:ua-kharkiv-oblast']
>>> lex["place:ua-kharkiv"].to_json()["names"]
['Kharkiv', {'text': 'Харків', 'lang': 'uk'}]
"""

from __future__ import annotations

from normalize.lexicon.coerce import LexiconLike, coerce_lexicon
from normalize.lexicon.container import Lexicon, load_lexicon
from normalize.lexicon.hashing import FilesDigest, entities_hash, files_hash
from normalize.lexicon.loader import _Loader as _Loader
from normalize.lexicon.model import (
    ENTITY_KEYS,
    KNOWN_TYPES,
    NAME_KINDS,
    Entity,
    LexiconError,
    Name,
    Problem,
    Severity,
)
from normalize.lexicon.paths import BUNDLED, bundled_paths, lexicon_paths
from normalize.lexicon.paths import _bundled_dir as _bundled_dir
from normalize.lexicon.paths import _source_ranks as _source_ranks
from normalize.lexicon.same_as import MERGE_VERSION

__all__ = [
    "BUNDLED",
    "ENTITY_KEYS",
    "KNOWN_TYPES",
    "MERGE_VERSION",
    "NAME_KINDS",
    "Entity",
    "FilesDigest",
    "Lexicon",
    "LexiconError",
    "LexiconLike",
    "Name",
    "Problem",
    "Severity",
    "bundled_paths",
    "coerce_lexicon",
    "entities_hash",
    "files_hash",
    "lexicon_paths",
    "load_lexicon",
]
