"""Give every curated person and organization its prior (how prominent it is in war news), by rule.

The rule (documented in lexicons/README.md, "Priors"):

* **people**, by the role their ``note`` states first (the first matching row wins):

  | prior | role |
  |---|---|
  | 1.0 | the head of state of Russia, Ukraine or Belarus in office during the war |
  | 0.9 | a president or prime minister (also former), a minister of defence or foreign affairs, a commander-in-chief or chief of the general staff, the head of an intelligence or security service, of the presidential office or of the security council, the leaders' spokespeople, the opposition leader, the founder of Wagner |
  | 0.8 | another minister or deputy prime minister, a commander of a service or front, a governor or head of an oblast or a republic, the speaker of a parliament, an official spokesperson or representative of the armed forces or intelligence |
  | 0.7 | another office: a deputy, mayor, commander, director, chairman, ambassador, adviser, member of parliament, party leader, founder, billionaire |
  | 0.6 | everyone else: journalists, experts, bloggers, activists, relatives |

* **organizations**, by ``subtype``: 0.9 for the state institutions at the centre of
  war news (armed forces, ministries, security and intelligence services, parliaments,
  governments, the Kremlin, general staffs, international organizations and courts,
  private military companies); 0.8 for fighting formations (brigades, branches,
  armies, battalions, volunteer formations, fleets...) and state companies; 0.7 for
  other companies, media, parties and agencies; 0.6 for the rest (think tanks,
  polling, OSINT projects, foundations).

Places get no written prior: the engine derives one from population and subtype
(``normalize/prior.py``). An entry's existing prior is replaced; ``--check`` only
reports the entries whose prior differs from the rule (a test runs it).

Usage: python scripts/assign_priors.py [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LEXICONS = REPO / "lexicons"

PEOPLE_RULES: tuple[tuple[float, str], ...] = (
    (1.0, r"^President of (Russia|Ukraine|Belarus) \((\d{4}-\d{4}, )?from "),
    (0.9, (r"^(Acting )?President of |^(First )?Prime Minister of (Russia|Ukraine|Belarus)|^Prime Minister of "
           r"|^Minister of (Defence|Foreign Affairs) of |^Commander-in-Chief of the Armed Forces"
           r"|^Chief of the General Staff|^Chief of Ukraine's Defence Intelligence|^Director of the (Federal Security"
           r"|Foreign Intelligence) Service|^Head of the Security Service|^Chairman of the KGB"
           r"|^Head of the Office of the President|^(Press secretary|Spokes(man|woman)) of the (President|Russian "
           r"Ministry of Foreign Affairs|Ministry of Foreign Affairs)|^Secretary of the (Security Council"
           r"|National Security and Defense Council)|^Founder of the Wagner Group|opposition leader")),
    (0.8, (r"^(First )?(Deputy Prime Minister|Minister of )|^Commander(-in-Chief)? of the (Russian|Ukrainian|Joint"
           r"|National Guard|Unmanned)|^Governor of |^Head of (the )?\w+ Oblast|^Head of the (Chechen|Republic)"
           r"|Russian-installed head|^Chairman of the (Russian State Duma|Verkhovna Rada)|^Chairwoman of the Russian"
           r"|^Spokes(man|woman) of the (Russian Ministry|Ukrainian|General Staff)|^Representative of Ukraine's"
           r"|^Director of the National Guard|^Mayor of (Kyiv|Moscow)")),
    (0.7, (r"Deputy|deputy|Head|head|Mayor|Governor|Chairman|Chairwoman|Director|Chief|Commander|commander|general"
           r"|\bMP\b|Ambassador|Permanent Representative|[Aa]ide|[Aa]dviser|Leader|leader|Founder|founder"
           r"|billionaire|oligarch|Prosecutor|Spokes(man|woman)|Patriarch|Primate|President")),
)
PEOPLE_DEFAULT = 0.6

ORG_SUBTYPES: dict[float, tuple[str, ...]] = {
    0.9: ("armed forces", "ministry", "intelligence service", "security service", "parliament", "government",
          "seat of government", "general staff", "international organization", "international court",
          "private military company", "presidential office", "security council", "national guard",
          "central bank", "international forum", "supranational union", "Russian-installed entity"),
    0.8: ("brigade", "assault brigade", "armed forces branch", "army", "battalion", "volunteer formation", "fleet",
          "division", "corps", "regiment", "group of forces", "operational command", "operational-strategic group",
          "special forces formation", "special forces unit", "expeditionary corps", "border guard",
          "state company", "state corporation", "nuclear power plant", "hydroelectric power plant", "law enforcement",
          "prosecutor", "police", "church", "steel plant", "assault units", "sabotage and assault group",
          "partisan movement", "drone unit", "international coalition", "news agency"),
    0.7: ("company", "state defence company", "state bank", "bank", "television channel", "newspaper",
          "online media", "online newspaper", "broadcaster", "public broadcaster", "political party",
          "political movement", "government agency", "emergency service", "military administration",
          "human rights organization", "humanitarian organization", "media group", "radio station"),
}
ORG_DEFAULT = 0.6


def person_prior(note: str | None) -> float:
    first = (note or "").split(";")[0].strip()
    for prior, pattern in PEOPLE_RULES:
        if re.search(pattern, first):
            return prior
    return PEOPLE_DEFAULT


def org_prior(subtype: str | None) -> float:
    for prior, subtypes in ORG_SUBTYPES.items():
        if subtype in subtypes:
            return prior
    return ORG_DEFAULT


def assigned(obj: dict) -> float | None:
    if obj.get("type") == "person":
        return person_prior(obj.get("note"))
    if obj.get("type") == "org":
        return org_prior(obj.get("subtype"))
    return None


def with_prior(obj: dict, prior: float) -> dict:
    """The entry with ``prior`` set, placed before ``refs``/``same_as``/``note`` (or at the end)."""
    out = {k: v for k, v in obj.items() if k != "prior"}
    keys = list(out)
    at = next((i for i, k in enumerate(keys) if k in ("refs", "same_as", "note")), len(keys))
    items = list(out.items())
    items.insert(at, ("prior", prior))
    return dict(items)


def run(check: bool) -> list[str]:
    differ: list[str] = []
    for name in ("people.jsonl", "orgs.jsonl"):
        path = LEXICONS / name
        lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        for no, line in enumerate(lines, 1):
            obj = json.loads(line)
            prior = assigned(obj)
            if prior is not None and obj.get("prior") != prior:
                differ.append(f"{name}:{no}: {obj['id']}: prior {obj.get('prior')} -> {prior}")
                obj = with_prior(obj, prior)
            out.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
        if not check:
            path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return differ


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only report entries whose prior differs from the rule")
    args = ap.parse_args()
    differ = run(args.check)
    for line in differ:
        print(line)
    if args.check and differ:
        sys.exit(1)


if __name__ == "__main__":
    main()
