"""Transliteration throughput (MB/s) on the same text, side by side, one run.

Anchors: translitua (the fastest correct anchor for Ukrainian and Russian),
iuliia (Russian schemes), transliterate (its 'uk' and 'ru' language packs),
unidecode and anyascii (scheme-less fallbacks, not correct romanizations).

The text is built from our own example names and sentences in Ukrainian and
Russian, repeated to about 4 MB per language. Every system transliterates the
whole text once after one warm-up call on a short string; the best of three
runs is reported, as MB of UTF-8 input per second, and as ratios to us.

Our engine caches the transliteration of each space-separated token, so it is
measured twice: warm (the cache filled by the first run, as in a long-running
process on text that repeats its words) and cold (the cache emptied before
every run: every distinct token of the text is transliterated once). The goal
of issue 2 is printed last: at least translitua's speed for uk_national and
ru_bgn_pcgn (and ru_icao, the same standard as translitua's RussianICAO), and
five times iuliia's.

Usage: python benchmarks/translit_speed.py [--mb 4]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

UK_WORDS = ["Київ", "Харків", "Запоріжжя", "Згурівка", "Біла", "Церква", "Ужгород", "Володимир", "Зеленський", "Олексій", "Барановський", "Євген", "Дикий", "Юлія", "Свириденко", "Знам'янка", "Їжакевич", "Житомир", "Чернівці", "Щербухи", "Ярошенко", "Соломія", "Яготин", "війська", "оборони", "повідомили", "що", "вночі", "противник", "атакував", "область", "дронами", "та", "ракетами", "загинули", "двоє", "людей", "поранено", "ще", "п'ятеро", "енергетики", "відновлюють", "світло", "в", "громадах", "області"]
RU_WORDS = ["Москва", "Тёткино", "Белгород", "Курская", "область", "Грайворон", "Вячеслав", "Гладков", "Алексей", "Навальный", "Евгений", "Пригожин", "Шойгу", "Щукино", "Объезд", "Юрьевца", "Подъячево", "Ёлкино", "Большой", "Камень", "Железногорск", "Щёлково", "губернатор", "сообщил", "что", "в", "результате", "обстрела", "пострадали", "жители", "сёл", "эвакуация", "продолжается", "министерство", "обороны", "заявило", "о", "перехвате", "беспилотников", "над", "регионом", "ночью"]


def lexicon_words(lang: str) -> list[str]:
    """Words of the bundled lexicons' Cyrillic names of one language (thousands of
    distinct words, so that no per-word cache makes the run artificially easy)."""
    import json

    from normalize.detect import detect_language

    words: list[str] = []
    for path in sorted((REPO / "lexicons").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for n in json.loads(line)["names"]:
                text = n if isinstance(n, str) else n["text"]
                if any("\u0400" <= c <= "\u04ff" for c in text) and detect_language(text) in (lang, None):
                    words.extend(text.split())
    return words


def make_text(words: list[str], mb: float, seed: int) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    target = int(mb * 1_000_000)
    while size < target:
        line = " ".join(rng.choice(words) for _ in range(12)) + ".\n"
        parts.append(line)
        size += len(line.encode("utf-8"))
    return "".join(parts)


def best_of(fn: Callable[[str], str], text: str, runs: int = 3) -> float:
    fn("Київ Москва")
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return best


def cold(scheme_id: str) -> Callable[[str], str]:
    """Our engine with its token cache emptied before the call (compiled state kept)."""
    from normalize.translit import get_scheme

    scheme = get_scheme(scheme_id)

    def run(text: str) -> str:
        if scheme._fast is not None:
            scheme._fast.cache.clear()
        return scheme.translit(text)

    return run


def systems(lang: str) -> dict[str, Callable[[str], str]]:
    import normalize

    out: dict[str, Callable[[str], str]] = {}
    if lang == "uk":
        out["normalize uk_national"] = lambda t: normalize.translit(t, "uk_national")
        out["normalize uk_national (cold)"] = cold("uk_national")
        try:
            import translitua

            out["translitua (UkrainianKMU)"] = lambda t: translitua.translit(t, translitua.UkrainianKMU)
        except ImportError:
            pass
        try:
            from transliterate import translit as tr

            out["transliterate (uk)"] = lambda t: tr(t, "uk", reversed=True)
        except ImportError:
            pass
    else:
        out["normalize ru_bgn_pcgn"] = lambda t: normalize.translit(t, "ru_bgn_pcgn")
        out["normalize ru_bgn_pcgn (cold)"] = cold("ru_bgn_pcgn")
        out["normalize ru_iso9"] = lambda t: normalize.translit(t, "ru_iso9")
        out["normalize ru_icao"] = lambda t: normalize.translit(t, "ru_icao")
        out["normalize ru_icao (cold)"] = cold("ru_icao")
        try:
            import translitua

            out["translitua (RussianICAO)"] = lambda t: translitua.translit(t, translitua.RussianICAO)
        except ImportError:
            pass
        try:
            import iuliia

            out["iuliia (BGN_PCGN)"] = iuliia.BGN_PCGN.translate
            out["iuliia (GOST_779)"] = iuliia.GOST_779.translate
        except ImportError:
            pass
        try:
            from transliterate import translit as tr

            out["transliterate (ru)"] = lambda t: tr(t, "ru", reversed=True)
        except ImportError:
            pass
    try:
        from unidecode import unidecode

        out["unidecode"] = unidecode
    except ImportError:
        pass
    try:
        from anyascii import anyascii

        out["anyascii"] = anyascii
    except ImportError:
        pass
    return out


#: (ours, anchor, required ratio) for the goal of issue 2
GOALS = (
    ("normalize uk_national", "translitua (UkrainianKMU)", 1.0),
    ("normalize ru_bgn_pcgn", "translitua (RussianICAO)", 1.0),
    ("normalize ru_icao", "translitua (RussianICAO)", 1.0),
    ("normalize ru_bgn_pcgn", "iuliia (BGN_PCGN)", 5.0),
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4.0)
    args = ap.parse_args()
    results: dict[str, float] = {}
    for lang, words in (("uk", UK_WORDS), ("ru", RU_WORDS)):
        vocab = words * 20 + lexicon_words(lang)  # frequent words + a long tail of names
        print(f"{lang}: vocabulary of {len(set(vocab))} distinct words")
        text = make_text(vocab, args.mb, seed=1)
        mb = len(text.encode("utf-8")) / 1e6
        speeds = {name: mb / best_of(fn, text) for name, fn in systems(lang).items()}
        results.update(speeds)
        ours = next(v for k, v in speeds.items() if k.startswith("normalize"))
        print(f"\n{lang}: {mb:.1f} MB of text")
        for name, speed in sorted(speeds.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<32} {speed:8.2f} MB/s   normalize(first) / this = {ours / speed:6.2f}x")
    print("\ngoal (issue 2): ours / anchor, warm and cold cache")
    for ours, anchor, need in GOALS:
        if ours not in results or anchor not in results:
            continue
        warm = results[ours] / results[anchor]
        cold_ = results[ours + " (cold)"] / results[anchor]
        verdict = "met" if warm >= need else "NOT met"
        print(f"  {ours:<24} / {anchor:<26} {warm:5.2f}x warm {cold_:5.2f}x cold (need {need:g}x: {verdict})")


if __name__ == "__main__":
    main()
