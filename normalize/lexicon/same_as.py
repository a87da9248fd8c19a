"""``same_as`` groups: entities of one or several lexicons that are one entity.

Union-find over the links (:func:`_group_indexes`), one merged entity per group
(:func:`_merge_group`, used by :meth:`Lexicon.merged
<normalize.lexicon.Lexicon.merged>`), and what is wrong with the links
(:func:`_same_as_problems`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from normalize.lexicon.model import Entity, Name, Problem, _suggest
from normalize.lexicon.paths import _bundled_ids

__all__ = ["MERGE_VERSION"]

#: bump when what :meth:`Lexicon.merged` makes of a same_as group changes (it keys index caches)
MERGE_VERSION = "same-as-1"


def _group_indexes(ids: Sequence[str], ranks: Sequence[int], links: Mapping[int, Sequence[str]]) -> list[list[int]]:
    """Union-find over ``same_as`` links: groups of entity indexes, each canonical first.

    ``ids``: every entity's ID in load order; ``ranks``: its lexicon's position;
    ``links``: entity index -> the IDs it lists. Unknown IDs are ignored.
    Within a group, members are ordered by lexicon position, then listing
    before only listed, then load order; groups are ordered by their canonical.
    """
    index = {entity_id: i for i, entity_id in enumerate(ids)}
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for i, targets in links.items():
        for target in targets:
            j = index.get(target)
            if j is None or j == i:
                continue
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for i in list(parent):
        members.setdefault(find(i), []).append(i)
    for root, group in members.items():
        if root not in group:
            group.append(root)
    groups = [
        sorted(group, key=lambda i: (ranks[i], 0 if links.get(i) else 1, i))
        for group in members.values() if len(group) > 1
    ]
    return sorted(groups, key=lambda g: g[0])


def _merge_group(members: Sequence[Entity], canonical: Mapping[str, str]) -> Entity:
    """One entity for a same_as group (members in precedence order; see :meth:`Lexicon.merged`)."""
    first = members[0]
    names: list[Name] = []
    seen: set[tuple[str, str | None]] = set()
    for e in members:
        for n in e.names:
            if (n.text, n.lang) not in seen:
                seen.add((n.text, n.lang))
                names.append(n)

    def pick(key: str) -> Any:
        return next((getattr(e, key) for e in members if getattr(e, key) is not None), None)

    parent = None
    for e in members:
        if e.parent is not None:
            candidate = canonical.get(e.parent, e.parent)
            if candidate != first.id:
                parent = candidate
                break
    refs: dict[str, str] = {}
    for e in reversed(members):
        refs.update(e.refs)
    return Entity(
        id=first.id, type=first.type, names=tuple(names), label=pick("label"), refs=refs,
        parent=parent, country=pick("country"), population=pick("population"), note=pick("note"),
        gender=pick("gender"), subtype=pick("subtype"), admin1=pick("admin1"), prior=pick("prior"),
        same_as=tuple(e.id for e in members[1:]), source=first.source, line=first.line,
    )


def _same_as_problems(entities: Sequence[Entity], known: Iterable[str], default_source: str = "") -> list[Problem]:
    """What is wrong with the ``same_as`` links of valid entities (``known``: every ID defined, valid or not).

    An ID no loaded lexicon defines is a warning (the lexicon that defines it
    may simply not be loaded); linking entities of different types or
    genders, or an entity to its own parent, is an error, as is a parent
    cycle that only the merge closes.
    """
    problems: list[Problem] = []
    if not any(e.same_as for e in entities):
        return problems
    by_id = {e.id: e for e in entities}
    known = set(known)
    bundled: frozenset[str] | None = None

    def where(e: Entity, i: int) -> tuple[str, int]:
        return (e.source or default_source, e.line or i)

    usable: dict[int, list[str]] = {}  # the links that take part in the merge
    for i, e in enumerate(entities, 1):
        for other_id in e.same_as:
            other = by_id.get(other_id)
            if other is not None and other.type == e.type:
                usable.setdefault(i - 1, []).append(other_id)
            if other is None:
                if other_id not in known:
                    if bundled is None:
                        bundled = _bundled_ids()
                    if other_id in bundled:
                        message = (f"same_as {other_id!r} is in the bundled lexicons, which are not loaded: "
                                   "ignored (load them too: --lexicon bundled)")
                    else:
                        hint = _suggest(other_id, known, 0.85)
                        message = f"same_as {other_id!r} is not an id of the loaded lexicons{hint}: ignored"
                    problems.append(Problem(*where(e, i), message, "warning"))
            elif other.type != e.type:
                article = "an" if other.type[:1] in "aeiou" else "a"
                problems.append(Problem(
                    *where(e, i), f"same_as {other_id!r} is {article} {other.type}, this entity a {e.type}",
                ))
    ids = [e.id for e in entities]
    groups = _group_indexes(ids, [0] * len(ids), usable)
    group_of: dict[str, int] = {}
    for g, group in enumerate(groups):
        for i in group:
            group_of[ids[i]] = g
        members = [entities[i] for i in group]
        genders = {e.gender for e in members if e.gender is not None}
        if len(genders) > 1:
            e = members[0]
            problems.append(Problem(
                *where(e, group[0] + 1),
                "same_as links entities of different genders: " + ", ".join(f"{m.id} ({m.gender})" for m in members if m.gender),
            ))
        countries = {e.country for e in members if e.country is not None}
        if len(countries) > 1:
            e = members[0]
            problems.append(Problem(
                *where(e, group[0] + 1),
                "same_as links entities of different countries: "
                + ", ".join(f"{m.id} ({m.country})" for m in members if m.country),
                "warning",
            ))
        for m, i in zip(members, group):
            if m.parent is not None and group_of.get(m.parent, -1) == g:
                problems.append(Problem(*where(m, i + 1), f"parent {m.parent!r} is this same entity (same_as)"))
    # a parent cycle between groups: each group's parents, as groups (plain entities are their own group)
    node = {e.id: ("g", group_of[e.id]) if e.id in group_of else ("e", e.id) for e in entities}
    up: dict[tuple[str, Any], set[tuple[str, Any]]] = {}
    for e in entities:
        if e.parent is not None and e.parent in node and node[e.parent] != node[e.id]:
            up.setdefault(node[e.id], set()).add(node[e.parent])
    state: dict[tuple[str, Any], int] = {}
    for start in up:
        if start[0] != "g" or start in state:
            continue
        stack = [(start, iter(sorted(up.get(start, ()))))]
        state[start] = 1
        while stack:
            current, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                state[current] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                members_at = groups[start[1]]
                e = entities[members_at[0]]
                problems.append(Problem(
                    *where(e, members_at[0] + 1),
                    "same_as closes a parent cycle through " + ", ".join(entities[i].id for i in members_at),
                ))
                stack.clear()
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(sorted(up.get(nxt, ())))))
    return problems
