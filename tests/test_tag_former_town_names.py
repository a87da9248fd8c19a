"""A town named by a name it bore before a renaming, in any case form and in Ukrainian or Russian
spelling, is the town that is there now (issue 16, class former_vs_current), with the bundled
lexicons: the former names GeoNames lacks come from lexicons/geonames_names.tsv."""

from __future__ import annotations

import pytest

from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


@pytest.mark.parametrize(("text", "word", "want"), [
    ("Дід народився в Єлисаветграді ще до революції.", "Єлисаветграді", "geonames:705812"),
    ("Родина переїхала з Котовська до Одеси в 1990-х.", "Котовська", "geonames:704679"),
    ("У колишньому Котовську відкрили музей залізниці.", "Котовську", "geonames:704679"),
    ("У Проскурові в 1920-х жило багато ремісників.", "Проскурові", "geonames:706369"),
    ("До війни він учителював у Станиславові.", "Станиславові", "geonames:707471"),
    ("Металургійний завод у Комунарську виплавляв чавун.", "Комунарську", "geonames:713716"),
    ("Він виїхав із Кадіївки в 2015 році.", "Кадіївки", "geonames:692975"),
    ("У Переяславі-Хмельницькому відкрили новий музей.", "Переяславі-Хмельницькому", "geonames:697637"),
    ("В Днепродзержинске закрыли коксохимический завод.", "Днепродзержинске", "geonames:709932"),
    ("Порт в Ильичёвске принял первое судно с зерном.", "Ильичёвске", "geonames:707688"),
])
def test_a_former_name_is_the_town_there_now(tagger: Tagger, text: str, word: str, want: str) -> None:
    start = text.index(word)
    got = [(m.start, m.end, m.id) for m in tagger.tag(text) if m.start <= start < m.end]
    assert got == [(start, start + len(word), want)]
