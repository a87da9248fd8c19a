"""Bulk tagger: every mention of a lexicon entity in running text, with offsets and IDs.

How a text is tagged (:meth:`Tagger.tag`):

1. **View.** The text is folded the way lexicon names are (:func:`normalize.fold.fold`:
   case, look-alike letters, diacritics, apostrophes, quotes, soft hyphens, ``İ``,
   ``ß``, ligatures, decomposed accents), into a *view* that keeps a map back to the
   original characters, so ``text[m.start:m.end] == m.text`` always holds. Unlike
   :func:`fold` the view does not merge runs of separators: words of a name must be
   separated by one separator character (a space, a hyphen, a line break...) or by
   whitespace with at most one line break, so "Kharkiv, Oblast" or a name across a
   paragraph break is not a mention. A possessive ``'s`` is split off ("Kyiv's");
   an underscore joins words, as in Unicode word boundaries (see :func:`view_reference`).
2. **Exact pass.** One Aho-Corasick automaton (ahocorasick_rs) holds every light key
   of every name of the lexicon (:meth:`normalize.matcher.Matcher.surface_keys`:
   the names, their renderings under every transliteration scheme, their inflected
   Cyrillic forms), plus the surname forms of every person; each key is wrapped in
   spaces, so the automaton only reports hits on word boundaries (no hits inside
   words, in any script). Hits are kept only when the text writes them as a name:
   starting with a capital letter when the lexicon name does (or, for a name of
   several words, with a capital on one of them: "легиона «Свобода России»"),
   acronym keys only in capitals (RDC, РДК, not "rdc"). Keys shorter than three
   letters (acronyms aside) and one-word keys that are common words
   (:data:`STOP_WORDS`: "The", "Мир" at the start of a sentence) are left out.
   Overlaps are resolved leftmost-longest ("Kharkiv Oblast" beats "Kharkiv").
3. **Resolution, per document, in text order.**
   - A surname alone ("Baranovskyi declared") takes the ID of the person last
     mentioned in full with that surname; with no antecedent it takes the only
     person of that surname, or, when several share it, the one whose prior clearly
     leads (as :meth:`Matcher.best`), else stays ambiguous: ``id`` is None and
     ``candidates`` lists them (best first).
   - A given name or an initial before a surname ("Oleksii Baranovskyy",
     "O. Baranovskyi") joins the mention when it is one of that person's names.
   - Homonyms (several entities behind one key, e.g. villages called Ivanivka): the
     candidate consistent with the places named unambiguously in the same document
     (the same entity, a parent or child, the same GeoNames admin1 region, the same
     country) wins, then the prior (population, subtype, or the lexicon's own) and
     whether the key spells the entity's label; people or organisations that share a
     name are told apart by prior only when one clearly leads; all candidates are
     kept, best first.
4. **Fuzzy pass** (``fuzzy=True``): capitalized spans the exact pass left untagged
   go to :meth:`Matcher.match` ("Siberia Batallion").

Scores: 100 x the key's quality for an exact name (99 for a scheme rendering, 97 for
an inflected form), 96 x quality for an acronym, 95 for given name + surname, 90 for
a surname after a full mention, the matcher's score of a surname alone (88) for the
only person of that surname or the one whose prior clearly leads, 70 for an
ambiguous surname (no ID); a homonym chosen by context loses 3 points, one chosen
by size or prior only 10; fuzzy matches keep the matcher's score.

Start-up: the key table is read in place from the lexicons' compiled index
(:mod:`normalize.index`: the index installed with the package for the bundled
lexicons, else the cache, else built once and cached), so a warm start never
builds the Matcher; the automaton is built from the keys at each start (a
fraction of a second: an automaton's own binary form would be read by a C parser,
which a damaged or foreign file could crash).

Long texts are cut into chunks of about :data:`CHUNK_CHARS` characters at
paragraph breaks (else line breaks, else spaces); cuts depend only on the text, so
the result is the same whether chunks are scanned in one process or several.

The package, one step per module:

========================  ===========================================================
``view``, ``offsets``,    the view of a text and its map back to the original
``nfc``
``table``                 the key table: written into a compiled index, read in place
``words``                 the word lists of ``normalize/data/tagging.json``
``scan``                  the exact pass (with ``doubt``: weak mentions,
                          ``categories``: names a category word applies to, and
                          ``endings``: case endings on names as written, German -s)
``rank``, ``resolve``     document-level resolution
``fuzzy``                 the fuzzy pass
``results``               :class:`Mention`, :class:`Candidate`, :class:`Resolution`
``state``, ``facade``     what a tagger holds, and :class:`Tagger` itself
``runner``                many documents in parallel (``normalize tag``)
========================  ===========================================================
"""

from __future__ import annotations

from normalize.cache import cache_dir
from normalize.tagger.facade import Tagger
from normalize.tagger.nfc import is_nfc
from normalize.tagger.offsets import OffsetMap
from normalize.tagger.results import Candidate, Mention, Mentions, Raw, Resolution
from normalize.tagger.scan import CHUNK_CHARS, chunk_bounds
from normalize.tagger.table import MIN_KEY_LETTERS, EntityRows, KeyTable, write_tagger
from normalize.tagger.view import build_view, view_reference
from normalize.tagger.words import STOP_WORDS

# the names the compiled index (normalize.index) imports from before this was a package
_Table = KeyTable
_EntityRows = EntityRows

__all__ = [
    "CHUNK_CHARS", "MIN_KEY_LETTERS", "STOP_WORDS", "Candidate", "EntityRows", "KeyTable", "Mention", "Mentions",
    "OffsetMap", "Raw", "Resolution", "Tagger", "build_view", "cache_dir", "chunk_bounds", "is_nfc", "view_reference",
    "write_tagger",
]
