"""Greek (ELOT 743, BGN/PCGN 1996) and Georgian (national 2002) schemes beyond their samples.

The official examples themselves run in ``tests/test_schemes.py`` (every sample of every
scheme); here are the context rules the samples exercise only partly, case handling,
and the Greek standard's punctuation.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.translit import get_scheme, in_script, translit

GREEK = ("el_elot743", "el_bgn_pcgn")

#: The long official example of both Greek standards (Makrygiannis), whole: it needs the
#: schemes' punctuation table (Greek question mark ";" -> "?", ano teleia "·" -> ";").
MAKRYGIANNIS = (
    "Ένα πράμα μόνον με παρακίνησε κι εμένα να γράψω ότι τούτην την πατρίδα την έχομεν όλοι μαζί, "
    "και σοφοί κι αμαθείς και πλούσιοι και φτωχοί και πολιτικοί και στρατιωτικοί και οι πλέον "
    "μικρότεροι άνθρωποι· όσοι αγωνιστήκαμεν, αναλόγως ο καθείς, έχομεν να ζήσομεν εδώ. Το λοιπόν "
    "δουλέψαμεν όλοι μαζί, να την φυλάμεν κι όλοι μαζί και να μην λέγει ούτε ο δυνατός «εγώ» ούτε "
    "ο αδύνατος. Ξέρετε πότε να λέγει ο καθείς «εγώ»; Όταν αγωνιστεί μόνος του και φκιάσει ή "
    "χαλάσει, να λέγει «εγώ»· όταν όμως αγωνίζονται πολλοί και φκιάνουν, τότε να λένε «εμείς». "
    "Είμαστε εις το «εμείς» κι όχι εις το «εγώ». Και εις το εξής να μάθομεν γνώση, αν θέλομεν να "
    "φκιάσομεν χωριόν, να ζήσομεν όλοι μαζί.\n\nΓιάννης Μακρυγιάννης.\n"
)
MAKRYGIANNIS_LATN = (
    "Éna práma mónon me parakínise ki eména na grápso óti toútin tin patrída tin échomen óloi mazí, "
    "kai sofoí ki amatheís kai ploúsioi kai ftochoí kai politikoí kai stratiotikoí kai oi pléon "
    "mikróteroi ánthropoi; ósoi agonistíkamen, analógos o katheís, échomen na zísomen edó. To loipón "
    "doulépsamen óloi mazí, na tin fylámen ki óloi mazí kai na min légei oúte o dynatós «egó» oúte "
    "o adýnatos. Xérete póte na légei o katheís «egó»? Ótan agonisteí mónos tou kai fkiásei í "
    "chalásei, na légei «egó»; ótan ómos agonízontai polloí kai fkiánoun, tóte na léne «emeís». "
    "Eímaste eis to «emeís» ki óchi eis to «egó». Kai eis to exís na máthomen gnósi, an thélomen na "
    "fkiásomen chorión, na zísomen óloi mazí.\n\nGiánnis Makrygiánnis.\n"
)


@pytest.mark.parametrize("scheme_id", GREEK)
def test_punctuation_only_in_greek_text(scheme_id: str) -> None:
    """Punctuation applies only to text in Greek: Latin text keeps its ; and ·."""
    assert translit("a; b· c", scheme_id) == "a; b· c"
    assert translit("é; b·", scheme_id) == "é; b·"


@pytest.mark.parametrize("scheme_id", GREEK)
def test_long_example_with_punctuation(scheme_id: str) -> None:
    assert translit(MAKRYGIANNIS, scheme_id) == MAKRYGIANNIS_LATN


@pytest.mark.parametrize("scheme_id", GREEK)
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # αυ ευ ηυ: v before vowels and voiced consonants, f before voiceless ones and at the end
        ("Ευρώπη", "Evrópi"),
        ("αυγό", "avgó"),
        ("αυτός", "aftós"),
        ("Αύγουστος", "Ávgoustos"),
        ("ηύρα", "ívra"),
        ("ευχή", "efchí"),
        ("Ευαγγελία", "Evangelía"),
        # μπ: b at both ends of a word, mp inside
        ("Μπάμπης", "Bámpis"),
        ("λαμπ", "lab"),
        ("ΜΠΑΜΠΑΚΙ", "BAMPAKI"),
        # γγ γξ γχ γκ
        ("Άγγελος", "Ángelos"),
        ("σφίγξ", "sfínx"),
        ("γκρεμός", "gkremós"),
        # case: digraph outputs in capitals and title case
        ("ΘΕΣΣΑΛΟΝΙΚΗ", "THESSALONIKI"),
        ("Ψυχικό", "Psychikó"),
        ("ΧΑΝΙΑ", "CHANIA"),
        ("ΕΥΡΩΠΗ", "EVROPI"),
        ("ΑΥΤΟΣ", "AFTOS"),
        # final sigma and capital sigma at the end of a capitalized word
        ("ΟΔΟΣ", "ODOS"),
        ("Κως", "Kos"),
        # accent on the first vowel: no diphthong
        ("Ράϊκος", "Ráïkos"),
    ],
)
def test_greek_context_rules(scheme_id: str, source: str, expected: str) -> None:
    assert translit(source, scheme_id) == expected


@pytest.mark.parametrize("scheme_id", GREEK)
def test_greek_decomposed_input(scheme_id: str) -> None:
    """NFD input (vowel + combining tonos/dialytika) gives the same output as NFC."""
    for word in ("Αθήνα", "Ταΰγετος", "Πτολεμαΐδα", "Αύγουστος"):
        nfd = unicodedata.normalize("NFD", word)
        assert nfd != word
        assert translit(nfd, scheme_id) == translit(word, scheme_id)


def test_elot_archaic_letters() -> None:
    """ISO 843:1997 (adopted by ELOT 743:2001) also covers digamma, lunate sigma and yot."""
    assert translit("Ϝάναξ", "el_elot743") == "Wánax"
    assert translit("ϲοφία", "el_elot743") == "sofía"
    assert translit("ϳ", "el_elot743") == "j"


def test_greek_tables_agree() -> None:
    """BGN/PCGN 1996 is ELOT 743 (1982): same letters, same rules; ELOT 2001 only adds letters."""
    elot, bgn = get_scheme("el_elot743"), get_scheme("el_bgn_pcgn")
    assert {k: v for k, v in elot.letters.items() if k in bgn.letters} == bgn.letters
    assert set(elot.letters) - set(bgn.letters) == {"ϝ", "ϲ", "ϳ"}
    assert elot.rules == bgn.rules


def test_georgian_cases() -> None:
    # Mkhedruli is lower case in Unicode 11+; Mtavruli capitals lower-case to it
    assert "ᲗᲑᲘᲚᲘᲡᲘ".lower() == "თბილისი"
    assert translit("თბილისი", "ka_national") == "tbilisi"
    assert translit("ᲗᲑᲘᲚᲘᲡᲘ", "ka_national") == "TBILISI"
    assert translit("Ჭიათურა", "ka_national") == "Ch’iatura"
    assert translit("ჭიათურა", "ka_national") == "ch’iatura"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # ejectives (apostrophe) against aspirates (plain), one pair per place of articulation
        ("კ ქ პ ფ ტ თ წ ც ჭ ჩ ყ", "k’ k p’ p t’ t ts’ ts ch’ ch q’"),
        ("ძმა", "dzma"),
        ("ჯავახეთი", "javakheti"),
        ("ჰერეთი", "hereti"),
        ("ქუთაისი", "kutaisi"),
        ("ბათუმი", "batumi"),
        ("ზუგდიდი", "zugdidi"),
        ("ცხინვალი", "tskhinvali"),
        ("ჟინვალი", "zhinvali"),
    ],
)
def test_georgian_letters(source: str, expected: str) -> None:
    assert translit(source, "ka_national") == expected


_SCRIPT = {"el_elot743": "Grek", "el_bgn_pcgn": "Grek", "ka_national": "Geor"}


@settings(max_examples=200, deadline=None)
@given(text=st.text(), scheme_id=st.sampled_from(sorted(_SCRIPT)))
def test_never_raises_and_no_source_letter_left(text: str, scheme_id: str) -> None:
    out = translit(text, scheme_id)
    assert isinstance(out, str)
    script = _SCRIPT[scheme_id]
    assert not any(in_script(c, script) for c in out)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(
            min_codepoint=0x0370, max_codepoint=0x03FF, categories=("Lu", "Ll")  # type: ignore[arg-type]
        )
        | st.sampled_from(list(" ,.-«»0123456789")),
        max_size=40,
    ),
    scheme_id=st.sampled_from(("el_elot743", "el_bgn_pcgn")),
)
def test_greek_non_letters_preserved(text: str, scheme_id: str) -> None:
    out = translit(text, scheme_id)
    keep = " ,.-«»0123456789"
    assert [c for c in out if c in keep] == [c for c in text if c in keep]
