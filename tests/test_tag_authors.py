"""Writers' surnames in a list after a noun for their works (issue 16): not towns named after them,
nor a lexicon person who shares the surname. Small lexicons made here, sentences of our own."""

from __future__ import annotations

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


def _lexicon() -> Lexicon:
    return Lexicon.from_entities([
        Entity("test:pushkin", "place", (Name("Пушкин", "ru"), Name("Pouchkine", "fr"), Name("Puschkin", "de")),
               population=92_000),
        Entity("test:chekhov", "place", (Name("Чехов", "ru"), Name("Tchekhov", "fr"), Name("Tschechow", "de")),
               population=75_000),
        Entity("test:tolstoy", "person", (Name("Пётр Толстой", "ru"), Name("Pierre Tolstoï", "fr"),
                                          Name("Pjotr Tolstoi", "de"))),
        Entity("test:putin", "person", (Name("Владимир Путин", "ru"), Name("Vladimir Poutine", "fr"),
                                        Name("Wladimir Putin", "de"))),
        Entity("test:lavrov", "person", (Name("Сергей Лавров", "ru"), Name("Sergueï Lavrov", "fr"),
                                         Name("Sergej Lawrow", "de"))),
    ])


def test_french_works_nouns_name_the_authors() -> None:
    # authored_works / author_links (fr): 'des romans de Tchekhov' is the writer, not the town;
    # 'Pouchkine et Tolstoï' after 'citations de': both writers, the second not the deputy
    tagger = Tagger(_lexicon(), cache=False)
    text = ("Au festival de la ville, on a lu des romans de Tchekhov. Le ministre a truffé sa "
            "conférence de citations de Pouchkine et Tolstoï avant de partir pour Tchekhov.")
    assert [(m.text, m.id) for m in tagger.tag(text)] == [("Tchekhov", "test:chekhov")]
    reasons = [(m.text, m.rejected) for m in tagger.tag(text, all=True) if m.rejected]
    assert [t for t, _ in reasons] == ["Tchekhov", "Pouchkine", "Tolstoï"]
    assert all("works" in r for _, r in reasons)


def test_german_dative_plural_of_works_nouns() -> None:
    # 'mit Zitaten von Puschkin und Tolstoi': the dative plural is a works noun too
    tagger = Tagger(_lexicon(), cache=False)
    got = [(m.text, m.id) for m in tagger.tag(
        "Der Abend im Kulturhaus begann mit Zitaten von Puschkin und Tolstoi, dann sprach der Bürgermeister.")]
    assert got == []


def test_lexicon_people_in_a_list_after_a_works_noun_stay_tagged() -> None:
    # only a surname coordinated after a name nobody tagged is an author's: 'Zitaten von Putin und
    # Lawrow' quotes the lexicon's people; a surname alone after a works noun is left to the lexicon
    tagger = Tagger(_lexicon(), cache=False)
    got = [(m.text, m.id) for m in tagger.tag(
        "Die Broschüre besteht aus Zitaten von Putin und Lawrow über den Westen.")]
    assert got == [("Putin", "test:putin"), ("Lawrow", "test:lavrov")]
    got = [(m.text, m.id) for m in tagger.tag(
        "Le recueil rassemble des citations de Poutine et Lavrov sur l'Occident.")]
    assert got == [("Poutine", "test:putin"), ("Lavrov", "test:lavrov")]


def test_the_link_repeated_after_a_coordinator() -> None:
    # 'des romans de Tchekhov et de Tolstoï', 'Werke von Tschechow und von Tolstoi': the second
    # author keeps the preposition; still a writer, not the town nor the lexicon's deputy
    tagger = Tagger(_lexicon(), cache=False)
    text = "Au festival de la ville, on a lu des romans de Tchekhov et de Tolstoï devant les élèves."
    assert [(m.text, m.id) for m in tagger.tag(text)] == []
    text = "Im Kulturhaus der Stadt wurden Werke von Tschechow und von Tolstoi gelesen, sagte der Direktor."
    assert [(m.text, m.id) for m in tagger.tag(text)] == []
    # the lexicon's people so listed stay theirs
    got = [(m.text, m.id) for m in tagger.tag(
        "Le recueil rassemble des citations de Poutine et de Lavrov sur l'Occident.")]
    assert got == [("Poutine", "test:putin"), ("Lavrov", "test:lavrov")]


def test_a_birthplace_word_names_the_person_after_it() -> None:
    # birthplace_words: 'la maison natale de Pouchkine', 'das Geburtshaus von Tschechow' are the
    # writers' birthplaces; after a possessive the name is the birthplace itself
    tagger = Tagger(_lexicon(), cache=False)
    text = "La maison natale de Pouchkine est devenue un musée, selon la mairie de la ville."
    assert [(m.text, m.id) for m in tagger.tag(text)] == []
    assert "birthplace" in next(m.rejected for m in tagger.tag(text, all=True) if m.text == "Pouchkine")
    text = "Das Geburtshaus von Tschechow ist heute ein Museum, sagte der Direktor der Stadt."
    assert [(m.text, m.id) for m in tagger.tag(text)] == []
    text = "Dans sa ville natale de Tchekhov, la moitié des maisons sont détruites."
    assert [(m.text, m.id) for m in tagger.tag(text)] == [("Tchekhov", "test:chekhov")]
