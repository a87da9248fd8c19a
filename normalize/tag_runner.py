"""The parallel runner of ``normalize tag``, now :mod:`normalize.tagger.runner`; this name keeps working."""

from normalize.tagger.runner import Formatter, tag_jsonl, tag_jsonl_block, tag_texts

__all__ = ["Formatter", "tag_jsonl", "tag_jsonl_block", "tag_texts"]
