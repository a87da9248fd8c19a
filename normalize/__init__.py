"""normalize: multilingual transliteration and entity normalization.

The public API is imported lazily so that ``import normalize`` and
``normalize --help`` stay cheap; nothing heavy is built until it is used.

>>> import normalize
>>> normalize.translit("Харків", "uk_national")
'Kharkiv'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "schemes": "normalize.translit",
    "get_scheme": "normalize.translit",
    "Scheme": "normalize.translit",
    "SchemeInfo": "normalize.translit",
    "UnknownSchemeError": "normalize.translit",
    "romanizations": "normalize.romanize",
    "Romanization": "normalize.romanize",
    "detect_language": "normalize.detect",
    "detect_script": "normalize.detect",
    "cyrillic_candidates": "normalize.reverse",
    "Lexicon": "normalize.lexicon",
    "Entity": "normalize.lexicon",
    "Name": "normalize.lexicon",
    "LexiconError": "normalize.lexicon",
    "LexiconLike": "normalize.lexicon",
    "load_lexicon": "normalize.lexicon",
    "bundled_paths": "normalize.lexicon",
    "Matcher": "normalize.matcher",
    "Match": "normalize.matcher",
    "Step": "normalize.matcher",
    "Explanation": "normalize.matcher",
    "Tagger": "normalize.tagger",
    "Mention": "normalize.tagger",
    "Candidate": "normalize.tagger",
    "render_html": "normalize.html",
    "match_records": "normalize.batch",
    "match_many": "normalize.batch",
    "compile_index": "normalize.index",
    "load_index": "normalize.index",
    "CompiledIndex": "normalize.index",
    "IndexFileError": "normalize.index",
    "CacheWarning": "normalize.cache",
}

# built from _EXPORTS, the one list of lazy names (ruff cannot see through it)
__all__ = ["__version__", "translit", *_EXPORTS]  # noqa: PLE0604

# Two submodules share their names with public functions: the engine module
# ``normalize.translit`` and the data package ``normalize.schemes`` (the scheme
# files). Importing a submodule binds it as an attribute of this package, which
# would hide the function of the same name. So both are imported now, and the
# functions are bound after them: a later ``import normalize.schemes`` (as
# ``importlib.resources`` does to read a scheme file) finds the module in
# sys.modules and leaves the attribute alone. Both are light: the data package
# is empty and the engine reads schemes on first use.
importlib.import_module("normalize.schemes")
from normalize.translit import schemes as schemes
from normalize.translit import translit

if TYPE_CHECKING:  # pragma: no cover - what __getattr__ returns, for type checkers
    from normalize.batch import match_many as match_many
    from normalize.batch import match_records as match_records
    from normalize.cache import CacheWarning as CacheWarning
    from normalize.detect import detect_language as detect_language
    from normalize.detect import detect_script as detect_script
    from normalize.html import render_html as render_html
    from normalize.index import CompiledIndex as CompiledIndex
    from normalize.index import IndexFileError as IndexFileError
    from normalize.index import compile_index as compile_index
    from normalize.index import load_index as load_index
    from normalize.lexicon import Entity as Entity
    from normalize.lexicon import Lexicon as Lexicon
    from normalize.lexicon import LexiconError as LexiconError
    from normalize.lexicon import Name as Name
    from normalize.lexicon import bundled_paths as bundled_paths
    from normalize.lexicon import load_lexicon as load_lexicon
    from normalize.matcher import Match as Match
    from normalize.matcher import Matcher as Matcher
    from normalize.reverse import cyrillic_candidates as cyrillic_candidates
    from normalize.romanize import Romanization as Romanization
    from normalize.romanize import romanizations as romanizations
    from normalize.tagger import Mention as Mention
    from normalize.tagger import Tagger as Tagger
    from normalize.translit import Scheme as Scheme
    from normalize.translit import SchemeInfo as SchemeInfo
    from normalize.translit import UnknownSchemeError as UnknownSchemeError
    from normalize.translit import get_scheme as get_scheme


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'normalize' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
