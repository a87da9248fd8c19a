"""The spaCy component `normalize_entities`, on blank en/ru/uk pipelines (no model downloads).

Its entities must be `normalize tag`'s mentions on the same texts: same offsets,
IDs, types (as labels) and scores.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tests.conftest import REPO
from tests.integration_rows import TAG_LEXICON

EXAMPLES = REPO / "examples"
#: the bundled lexicons but the GeoNames gazetteer (whose cold index build takes long)
NEWS_LEXICONS = [str(REPO / "lexicons" / f"{name}.jsonl") for name in ("people", "orgs", "places")]
LABELS = {"person": "PERSON", "org": "ORG", "place": "GPE"}


def cli_tag(*args: str) -> list[dict[str, Any]]:
    proc = subprocess.run([sys.executable, "-m", "normalize", "tag", *args], capture_output=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]


def ents(doc: Doc) -> list[dict[str, Any]]:
    return [
        {"start": e.start_char, "end": e.end_char, "text": e.text, "id": e.kb_id_ or None, "label": e.label_,
         "score": e._.normalize_score}
        for e in doc.ents
    ]


def expected(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"start": m["start"], "end": m["end"], "text": m["text"], "id": m["id"], "label": LABELS[m["type"]],
         "score": m["score"]}
        for m in mentions
    ]


@pytest.fixture(scope="module")
def pipelines() -> dict[str, Language]:
    out = {}
    for lang in ("en", "ru", "uk"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("normalize_entities", config={"lexicons": NEWS_LEXICONS})
        out[lang] = nlp
    return out


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_entities_equal_normalize_tag(lang: str, pipelines: dict[str, Language]) -> None:
    """The example news text of each language, with the lexicons of people, organizations and places."""
    path = EXAMPLES / f"news_{lang}.txt"
    want = expected(cli_tag(*(a for lex in NEWS_LEXICONS for a in ("--lexicon", lex)), str(path)))
    assert len(want) > 40
    doc = pipelines[lang](path.read_text(encoding="utf-8"))
    assert ents(doc) == want
    assert all(e.label_ for e in doc.ents)


def test_default_config_is_the_bundled_lexicons() -> None:
    nlp = spacy.blank("en")
    component = nlp.add_pipe("normalize_entities")
    assert component.lexicons is None and component.index is None and component.labels == LABELS
    assert nlp.config["components"]["normalize_entities"]["labels"] == LABELS
    assert not component.overwrite_ents and component.min_score is None and not component.fuzzy


def test_candidates_and_labels_config(tmp_path: Path) -> None:
    text = "Кличко сказав, що Віталій Кличко і Зеленський були в Харкові."
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    mentions = cli_tag("--candidates", "--lexicon", str(TAG_LEXICON), str(tmp_path / "t.txt"))
    nlp = spacy.blank("uk")
    nlp.add_pipe("normalize_entities", config={"lexicons": [str(TAG_LEXICON)], "labels": {"person": "PER", "place": "LOC"}})
    doc = nlp(text)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        (m["text"], {"person": "PER", "place": "LOC"}[m["type"]], m["id"] or "") for m in mentions
    ]
    first = doc.ents[0]
    assert first.kb_id_ == "" and mentions[0]["id"] is None  # an ambiguous surname
    assert first._.normalize_candidates == mentions[0]["candidates"] and len(first._.normalize_candidates) == 2
    assert doc.ents[1]._.normalize_candidates[0]["id"] == doc.ents[1].kb_id_
    strict = spacy.blank("uk")
    strict.add_pipe("normalize_entities", config={"lexicons": str(TAG_LEXICON), "min_score": 80})
    assert [e.text for e in strict(text).ents] == [m["text"] for m in mentions if m["score"] >= 80]


def test_registered_by_entry_point_without_importing_normalize() -> None:
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('normalize_entities', config={'lexicons': [sys.argv[1]]})\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('normalize'))\n"
        "doc = nlp('Zelensky visited Kharkov.')\n"
        "print(loaded, [(e.text, e.kb_id_) for e in doc.ents])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(TAG_LEXICON)], capture_output=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    out = proc.stdout.decode()
    assert "('Zelensky', 'person:volodymyr-zelensky'), ('Kharkov', 'geonames:706483')" in out
    assert "normalize.tagger" not in out and "normalize.matcher" not in out  # cheap until the first doc


def test_boundaries_inside_a_token_expand_to_whole_tokens() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("normalize_entities", config={"lexicons": [str(TAG_LEXICON)]})
    doc = nlp("@Zelensky posted from Харків-2 and Kharkov.")
    assert [t.text for t in doc][:1] == ["@Zelensky"]  # the tokenizer keeps the handle whole
    assert [(e.text, e.kb_id_) for e in doc.ents] == [
        ("@Zelensky", "person:volodymyr-zelensky"),
        ("Харків-2", "geonames:706483"),
        ("Kharkov", "geonames:706483"),
    ]
    for e in doc.ents:  # offsets are the tokens' own: nothing drifts
        assert doc.text[e.start_char:e.end_char] == e.text


def test_earlier_ner_is_kept_and_linked() -> None:
    """A rule-based NER (spaCy's own entity ruler) stands in for a statistical one."""
    text = "President Zelensky met Klitschko in Kharkov and Kharkiv."
    patterns = [
        {"label": "PER", "pattern": "President Zelensky"},
        {"label": "LOC", "pattern": "Kharkov and Kharkiv"},  # two mentions inside: not linked
    ]
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    nlp.add_pipe("normalize_entities", config={"lexicons": [str(TAG_LEXICON)]})
    doc = nlp(text)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("President Zelensky", "PER", "person:volodymyr-zelensky"),
        ("Klitschko", "PERSON", ""),
        ("Kharkov and Kharkiv", "LOC", ""),
    ]
    assert doc.ents[0]._.normalize_score == 88.0  # a surname alone (the matcher's surname_score)
    over = spacy.blank("en")
    over.add_pipe("entity_ruler").add_patterns(patterns)
    over.add_pipe("normalize_entities", config={"lexicons": [str(TAG_LEXICON)], "overwrite_ents": True})
    assert [(e.text, e.label_, e.kb_id_) for e in over(text).ents] == [
        ("Zelensky", "PERSON", "person:volodymyr-zelensky"),
        ("Klitschko", "PERSON", ""),
        ("Kharkov", "GPE", "geonames:706483"),
        ("Kharkiv", "GPE", "geonames:706483"),
    ]


def test_n_process_2_gives_the_same_docs() -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe("normalize_entities", config={"lexicons": [str(TAG_LEXICON)]})
    texts = ["Зеленский прибыл в Харьков.", "Кличко", "", "Ничего.", "Елена Зеленская и Зеленский"] * 4
    one = [ents(d) + [[e._.normalize_candidates for e in d.ents]] for d in nlp.pipe(texts)]
    two = [ents(d) + [[e._.normalize_candidates for e in d.ents]] for d in nlp.pipe(texts, n_process=2, batch_size=3)]
    assert one == two and sum(len(x) for x in one) > 20


def test_to_disk_and_spacy_load_elsewhere(tmp_path: Path) -> None:
    """The user's lexicons travel inside the saved pipeline: the original file may be gone."""
    lexicon = tmp_path / "mine.jsonl"
    shutil.copy(TAG_LEXICON, lexicon)
    nlp = spacy.blank("uk")
    nlp.add_pipe("normalize_entities", config={"lexicons": [str(lexicon)], "min_score": 80, "labels": {"place": "LOC"}})
    text = "Зеленський приїхав до Харкова."
    before = ents(nlp(text))
    nlp.to_disk(tmp_path / "pipeline")
    lexicon.unlink()
    code = (
        "import json, sys, spacy\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "doc = nlp(sys.argv[2])\n"
        "print(json.dumps([[e.start_char, e.end_char, e.text, e.kb_id_ or None, e.label_, e._.normalize_score]"
        " for e in doc.ents]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipeline"), text], capture_output=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    after = [dict(zip(("start", "end", "text", "id", "label", "score"), e)) for e in json.loads(proc.stdout)]
    assert after == before and [e["label"] for e in after] == ["PERSON", "LOC"]
    again = spacy.load(tmp_path / "pipeline")  # and a re-save of a loaded pipeline keeps them
    again.to_disk(tmp_path / "pipeline2")
    assert ents(spacy.load(tmp_path / "pipeline2")(text)) == before


@pytest.mark.slow
def test_empty_huge_and_unencodable_docs() -> None:
    nlp = spacy.blank("en")
    nlp.max_length = 2_000_000
    nlp.add_pipe("normalize_entities", config={"lexicons": [str(TAG_LEXICON)]})
    with pytest.raises(UnicodeEncodeError):  # spaCy's tokenizer refuses lone surrogates itself
        nlp("Kharkov \ud800 Zelensky")
    assert nlp("").ents == ()
    big = nlp("Kharkov. " * 120_000)  # a 1 MB text is tagged, not refused
    assert len(big.ents) == 120_000
    bad = spacy.blank("en")
    bad.add_pipe("normalize_entities", config={"index": "people.idx"})  # it may come with the pipeline's files
    with pytest.raises(ValueError, match="people.idx: cannot read"):
        bad("Kharkov")
    with pytest.raises(ValueError, match="not a compiled normalize index"):
        spacy.blank("en").add_pipe("normalize_entities", config={"index": str(TAG_LEXICON)})


def test_a_compiled_index_tags_as_its_lexicons(tmp_path: Path) -> None:
    from normalize.index import compile_index

    index = tmp_path / "tag.nidx"
    compile_index([TAG_LEXICON], index)
    text = "Oleksiy Baranovskyi said the RDC held Tyotkino; Zelensky spoke in Kharkiv."
    by_index = spacy.blank("en")
    by_index.add_pipe("normalize_entities", config={"index": str(index)})
    by_lexicon = spacy.blank("en")
    by_lexicon.add_pipe("normalize_entities", config={"lexicons": [str(TAG_LEXICON)]})
    got = [(e.text, e.label_, e.kb_id_) for e in by_index(text).ents]
    assert got == [(e.text, e.label_, e.kb_id_) for e in by_lexicon(text).ents] and got
    by_index.to_disk(tmp_path / "pipeline")  # the index travels with the pipeline
    index.unlink()
    assert [(e.text, e.label_, e.kb_id_) for e in spacy.load(tmp_path / "pipeline")(text).ents] == got


def test_component_pickles_without_its_tagger() -> None:
    """Under the spawn start method, n_process pickles the pipeline: the tagger is rebuilt, not copied."""
    import pickle

    nlp = spacy.blank("en")
    component = nlp.add_pipe("normalize_entities", config={"lexicons": [str(TAG_LEXICON)], "min_score": 80})
    component(nlp.make_doc("Kharkov"))  # its tagger is built
    data = pickle.dumps(component)
    assert len(data) < 2000
    copy = pickle.loads(data)
    assert (copy.lexicons, copy.min_score, copy.labels) == (component.lexicons, 80, LABELS)
    assert [(e.text, e.kb_id_) for e in copy(nlp.make_doc("Zelensky in Kharkov")).ents] == [
        ("Zelensky", "person:volodymyr-zelensky"), ("Kharkov", "geonames:706483")
    ]
