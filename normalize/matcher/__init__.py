"""Name matcher: any spelling of a name to the canonical ID of its entity.

How a :class:`Matcher` sees a lexicon (built once, then every query is a few
dictionary look-ups):

* **variants**: every lexicon name, its rendering under every applicable
  transliteration scheme (the language's standards, its conventions and the
  foreign-press transcriptions), and, for Cyrillic names, their inflected
  forms; all folded by :func:`normalize.fold.fold` into *light keys*;
* **skeletons**: the light keys reduced by :func:`normalize.fold.skeleton`,
  which merges what schemes disagree on (y/j/i, kh/h/g, w/v, ts/c, ...);
* **bags**: the sorted content words of multi-word names, for word order and
  function words ("Russia Freedom Legion" = "Freedom of Russia Legion");
* **persons**: surnames (all renderings) and given names resolved through
  the table of given-name equivalents, so order, initials, patronymics,
  "Surname, Given" and Oleksii/Aleksei/Alexej are handled token by token,
  with a gender check (Navalny is not Navalnaya); which word of a lexicon name
  is the surname is read from evidence (:mod:`normalize.person_names`), and a
  register name (Абрамович Роман Аркадьевич) is also indexed in the press order;
* **organizations**: names without their legal forms, and their cores without
  generic words and countries (:mod:`normalize.org_names`), so PJSC Gazprom,
  Rosneft Oil Company and Sberbank of Russia meet ПАО «Газпром», ПАО «НК
  «Роснефть» and ПАО Сбербанк, while Gazprom Neft does not meet Gazprom;
* **places**: category words (oblast, region, район, Gebiet...) split off, and
  adjective forms reduced (Kharkivska oblast = Kharkiv region);
* **fuzzy**: a deletion index (one edit) over the skeletons and a trigram
  index, re-scored with rapidfuzz; never a scan over all aliases.

Scores are 0-100 (named in :mod:`normalize.scores`); :data:`DEFAULT_THRESHOLD` is
calibrated on the development set (``benchmarks/match_quality.py``) for precision
of at least 99%.

The package, one part a module: ``core`` (the facade, :class:`Matcher`), ``results``
(:class:`Match`, :class:`Step`, :class:`Explanation`), ``options`` (argument checks),
``data`` (engine data), ``variants`` (romanizations and name forms), ``concepts``
(generic-word keys), ``hits`` (index records), ``state`` (the tables), ``indexing``
(an entity's keys), ``build`` (building or loading the tables), ``parallel`` (the
forked build), ``persons``, ``orgs``, ``places``, ``fuzzy`` (near candidates),
``nearmiss`` (the near-miss model), ``query`` (a query's candidates) and
``ranking`` (ranking and explaining).
"""

from __future__ import annotations

from normalize.matcher.core import Matcher
from normalize.matcher.data import engine_data, ranking
from normalize.matcher.hits import Hit, PersonKeys
from normalize.matcher.nearmiss import fuzzy_model, fuzzy_trees, tree_value
from normalize.matcher.options import check_known_types, check_lexicon_arg, check_match_options, check_score
from normalize.matcher.parallel import PARALLEL_MIN_ENTITIES, fork_call, gc_paused, parallel_ok
from normalize.matcher.persons import is_given_name
from normalize.matcher.places import place_words
from normalize.matcher.query import MAX_QUERY_LENGTH
from normalize.matcher.results import ExplainedCandidate, Explanation, Match, Step
from normalize.matcher.variants import canonical_latin, name_skeleton, romanize_all
from normalize.scores import DEFAULT_THRESHOLD

__all__ = [
    "DEFAULT_THRESHOLD", "MAX_QUERY_LENGTH", "PARALLEL_MIN_ENTITIES",
    "ExplainedCandidate", "Explanation", "Match", "Matcher", "Step",
    "check_known_types", "check_lexicon_arg", "check_match_options", "check_score",
]

# the names other modules imported before the matcher became a package (kept importable;
# new code imports the public names from the submodules)
_engine_data = engine_data
_ranking = ranking
_Hit = Hit
_Person = PersonKeys
_fuzzy_model = fuzzy_model
_fuzzy_trees = fuzzy_trees
_tree_value = tree_value
_fork = fork_call
_gc_paused = gc_paused
_parallel_ok = parallel_ok
_is_given_name = is_given_name
_place_words = place_words
_canonical_latin = canonical_latin
_name_skeleton = name_skeleton
_romanize_all = romanize_all
