"""Czech case forms of organisation names (normalize/data/inflection.json, ``cs``): a neuter adjective
before its neuter noun ("ruské ministerstvo obrany"), a soft adjective before a feminine noun, the
same in every singular case ("Národní banka", "Státní duma"), and feminine nouns in -e ("unie",
"komise", "aliance"); adjectives that do not agree with the noun are not read, so no wrong form."""

from __future__ import annotations

import pytest

from normalize.inflect import name_forms
from normalize.tagger import Tagger


@pytest.mark.parametrize(("name", "form", "case"), [
    ("Evropská unie", "Evropské unie", "gen"),
    ("Evropská unie", "Evropskou unii", "acc"),
    ("Evropská komise", "Evropskou komisí", "ins"),
    ("Severoatlantická aliance", "Severoatlantické alianci", "dat"),
    ("ruské ministerstvo obrany", "ruského ministerstva obrany", "gen"),
    ("ruské ministerstvo zahraničí", "ruským ministerstvem zahraničí", "ins"),
    ("Národní banka Ukrajiny", "Národní banky Ukrajiny", "gen"),
    ("Státní duma", "Státní dumě", "loc"),
])
def test_czech_organisation_case_forms(name: str, form: str, case: str) -> None:
    forms = name_forms(name, lang="cs", type="org")
    assert case in forms.get(form, "").split(), forms


def test_a_soft_adjective_before_another_gender_is_not_read() -> None:
    """"Mezinárodní trestní soud": masculine, whose soft adjectives take other endings (Mezinárodního)."""
    forms = name_forms("Mezinárodní trestní soud", lang="cs", type="org")
    assert not any(f.startswith("Mezinárodní trestní soud") and f != "Mezinárodní trestní soud" for f in forms), forms


def test_tagged_in_running_text() -> None:
    text = ("Mluvčí ruského ministerstva zahraničí podle agentur kritizovala Evropskou unii, "
            "která zavedla další sankce.")
    got = {(m.text, m.id) for m in Tagger().tag(text)}
    assert ("ruského ministerstva zahraničí", "org:ministry-of-foreign-affairs-of-russia") in got, got
    assert ("Evropskou unii", "org:european-union") in got, got
