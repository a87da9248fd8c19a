"""The given-name equivalence table (normalize/data/given_names.json, format in normalize/data/README.md)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

import normalize
from normalize.translit import in_script, translit

PATH = Path(normalize.__file__).resolve().parent / "data" / "given_names.json"
KEYS = {"id", "gender", "ru", "uk", "be", "latin", "diminutives"}
LETTERS = {
    "ru": set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    "uk": set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ"),
    "be": set("абвгдеёжзійклмнопрстуўфхцчшыьэюяʼ"),
}


@pytest.fixture(scope="module")
def groups() -> list[dict]:
    return json.loads(PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_latin(groups: list[dict]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        for form in g["latin"]:
            index[form].add(g["id"])
    return index


def group_of(groups: list[dict], form: str) -> str:
    """The id of the group holding ``form`` (native or Latin); the test fails if there is none."""
    found = {g["id"] for g in groups for key in ("ru", "uk", "be", "latin") if form in g.get(key, ())}
    assert len(found) == 1, (form, found)
    return found.pop()


def test_file_layout(groups: list[dict]) -> None:
    """A JSON array sorted by id, one group per line, so a review diff shows one name per line."""
    lines = PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert len(lines) == len(groups) + 2
    ids = [g["id"] for g in groups]
    assert ids == sorted(ids)


def test_size_and_genders(groups: list[dict]) -> None:
    assert len(groups) >= 250
    genders = [g["gender"] for g in groups]
    assert genders.count("m") >= 100 and genders.count("f") >= 100


def test_ids_unique_and_ascii(groups: list[dict]) -> None:
    ids = [g["id"] for g in groups]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", i) for i in ids)


def test_every_group_is_complete(groups: list[dict]) -> None:
    for g in groups:
        assert set(g) <= KEYS, g["id"]
        assert g["gender"] in ("m", "f"), g["id"]
        for key in ("ru", "uk", "latin"):
            assert isinstance(g[key], list) and g[key], (g["id"], key)
        for key in ("be", "diminutives"):
            if key in g:
                assert g[key], (g["id"], key)
        for key in ("ru", "uk", "be", "latin", "diminutives"):
            values = g.get(key, [])
            assert len(values) == len(set(values)), (g["id"], key)


@pytest.mark.parametrize("lang", ["ru", "uk", "be"])
def test_native_forms_are_spelled_in_their_language(groups: list[dict], lang: str) -> None:
    """Catches a Ukrainian і in a Russian form, a Latin look-alike letter, a decomposed й."""
    bad = []
    for g in groups:
        for form in g.get(lang, []):
            ok = (
                unicodedata.is_normalized("NFC", form)
                and form[0].isupper()
                and set(form.lower()) <= LETTERS[lang]
            )
            if not ok:
                bad.append((g["id"], form))
    assert bad == []


def test_latin_forms_are_latin(groups: list[dict]) -> None:
    bad = []
    for g in groups:
        for form in g["latin"]:
            if (
                not unicodedata.is_normalized("NFC", form)
                or not form[0].isupper()
                or any(in_script(c, "Cyrl") for c in form)
                or not all(c.isalpha() for c in form)
            ):
                bad.append((g["id"], form))
    assert bad == []


def test_no_native_form_in_two_groups(groups: list[dict]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        for lang in ("ru", "uk", "be"):
            for form in g.get(lang, []):
                owners[form].add(g["id"])
    collisions = {form: sorted(ids) for form, ids in owners.items() if len(ids) > 1}
    print("native collisions:", collisions)
    assert collisions == {}


def test_no_latin_form_in_two_groups_of_one_gender(groups: list[dict]) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g in groups:
        for form in g["latin"]:
            owners[(g["gender"], form)].add(g["id"])
    collisions = {f"{gender}:{form}": sorted(ids) for (gender, form), ids in owners.items() if len(ids) > 1}
    print("latin collisions:", collisions)
    assert collisions == {}


def test_diminutives_are_not_full_forms(groups: list[dict]) -> None:
    full = {f for g in groups for key in ("ru", "uk", "be", "latin") for f in g.get(key, [])}
    clash = sorted({d for g in groups for d in g.get("diminutives", []) if d in full})
    assert clash == []


@pytest.mark.parametrize(
    "spellings",
    [
        ["Oleksii", "Олексій", "Алексей", "Alexei", "Aleksiej", "Alexeï", "Alexej", "Oleksiy", "Olexiy", "Aliaksei"],
        ["Volodymyr", "Wladimir", "Władimir", "Vladimir", "Volodimir", "Wolodymyr", "Uladzimir"],
        ["Yevhen", "Yevgeny", "Jewgeni", "Evguéni", "Evgeny", "Yevgueni", "Jewgienij", "Yauhen"],
        ["Olena", "Elena", "Yelena", "Jelena", "Олена", "Елена"],
        ["Halyna", "Galina", "Галина"],
        ["Serhiy", "Sergei", "Sergej", "Siergiej", "Sergueï", "Siarhei"],
        ["Dmytro", "Dmitry", "Dmitri", "Dzmitry"],
        ["Denys", "Denis"],
        ["Kyrylo", "Kirill"],
        ["Fedir", "Fyodor", "Fedor", "Fjodor", "Fiodor"],
        ["Hryhorii", "Grigory", "Ryhor"],
        ["Yulia", "Yuliya", "Yuliia", "Iuliia", "Julija"],
        ["Oleksandr", "Aleksandr", "Alexander", "Aliaksandr", "Alexandre"],
        ["Yuri", "Yurii", "Jurij", "Iouri"],
        ["Tetiana", "Tatiana", "Tatyana", "Tatsiana"],
        ["Natalia", "Nataliya", "Nataliia", "Natallia", "Наталья", "Наталия", "Наталія"],
    ],
    ids=lambda s: s[0],
)
def test_spellings_of_one_name_share_a_group(groups: list[dict], spellings: list[str]) -> None:
    assert len({group_of(groups, s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Vitali", "Volodymyr"),
        ("Vitaly", "Vladimir"),
        ("Oleksandr", "Oleksii"),
        ("Aleksandr", "Aleksei"),
        ("Yuri", "Georgy"),
        ("Yegor", "Georgy"),
        ("Vladislav", "Vladimir"),
        ("Alyona", "Elena"),
        ("Oksana", "Ksenia"),
        ("Arina", "Irina"),
        ("Aleksandr", "Aleksandra"),
        ("Yevgeny", "Yevgenia"),
        ("Ulyana", "Yulia"),
        ("Arsen", "Arseny"),
    ],
)
def test_different_names_stay_apart(groups: list[dict], one: str, other: str) -> None:
    assert group_of(groups, one) != group_of(groups, other)


def test_passport_spellings_are_present(groups: list[dict]) -> None:
    """Every Ukrainian form's passport spelling (KMU 2010) is listed, and every Russian form's
    Russian passport spelling (ICAO, since 2013): these are the spellings on documents."""
    missing = []
    for g in groups:
        for form in g["uk"]:
            if translit(form, "uk_national") not in g["latin"]:
                missing.append((g["id"], form, translit(form, "uk_national")))
        for form in g["ru"]:
            if translit(form, "ru_icao") not in g["latin"]:
                missing.append((g["id"], form, translit(form, "ru_icao")))
    assert missing == []
