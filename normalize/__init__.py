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

__all__ = ["__version__", "translit", *_EXPORTS]

# Two submodules share their names with public functions: the engine module
# ``normalize.translit`` and the data package ``normalize.schemes`` (the scheme
# files). Importing a submodule binds it as an attribute of this package, which
# would hide the function of the same name. So both are imported now, and the
# functions are bound after them: a later ``import normalize.schemes`` (as
# ``importlib.resources`` does to read a scheme file) finds the module in
# sys.modules and leaves the attribute alone. Both are light: the data package
# is empty and the engine reads schemes on first use.
importlib.import_module("normalize.schemes")
from normalize.translit import schemes, translit  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from normalize.translit import Scheme, SchemeInfo, UnknownSchemeError, get_scheme, schemes, translit


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'normalize' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
