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
    "load_lexicon": "normalize.lexicon",
    "bundled_paths": "normalize.lexicon",
    "Matcher": "normalize.matcher",
    "Match": "normalize.matcher",
    "Tagger": "normalize.tagger",
    "Mention": "normalize.tagger",
    "render_html": "normalize.html",
    "match_records": "normalize.batch",
    "match_many": "normalize.batch",
    "compile_index": "normalize.index",
    "load_index": "normalize.index",
    "CompiledIndex": "normalize.index",
    "IndexFileError": "normalize.index",
    "CacheWarning": "normalize.cache",
}

__all__ = ["__version__", *_EXPORTS]

# The engine module shares its name with the public function: import it now so
# that the function, bound last, is what ``normalize.translit`` stays (a later
# ``import normalize.translit`` finds the module in sys.modules and leaves the
# attribute alone). The module itself is light: schemes load on first use.
from normalize.translit import translit  # noqa: E402

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
