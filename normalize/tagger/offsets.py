"""The map from a view's positions back to the original text (:class:`OffsetMap`), and how to build one."""

from __future__ import annotations

import bisect

__all__ = ["MapBuilder", "OffsetMap", "compose", "spans_to_map"]


class OffsetMap:
    """Maps positions of a view back to spans of the original text.

    Pieces start at view positions ``r``; a *linear* piece maps view position
    ``r + k`` to the source character ``src + k``; a *fixed* piece maps each of its
    positions to the span ``(src, end)`` (a unit that gave several characters, or a
    run of whitespace that became one space).
    """

    __slots__ = ("rs", "se", "ss")

    def __init__(self, rs: list[int], ss: list[int], se: list[int]) -> None:
        self.rs, self.ss, self.se = rs, ss, se

    def span(self, r: int) -> tuple[int, int]:
        """The source span of view character ``r``."""
        i = bisect.bisect_right(self.rs, r) - 1
        end = self.se[i]
        if end < 0:
            src = self.ss[i] + r - self.rs[i]
            return src, src + 1
        return self.ss[i], end

    def start(self, r: int) -> int:
        """The start of the source span of view character ``r``."""
        i = bisect.bisect_right(self.rs, r) - 1
        if self.se[i] < 0:
            return self.ss[i] + r - self.rs[i]
        return self.ss[i]

    def end(self, r: int) -> int:
        """The end (exclusive) of the source span of view character ``r``."""
        i = bisect.bisect_right(self.rs, r) - 1
        end = self.se[i]
        if end < 0:
            return self.ss[i] + r - self.rs[i] + 1
        return end



class MapBuilder:
    """Builds an :class:`OffsetMap` piece by piece, in view order (a later piece at the same
    view position replaces the earlier one)."""

    __slots__ = ("rs", "se", "ss")

    def __init__(self) -> None:
        self.rs: list[int] = [0]
        self.ss: list[int] = [0]
        self.se: list[int] = [-1]

    def linear(self, r: int, p: int) -> None:
        """From view position ``r`` on, view characters map one to one to the source from ``p``."""
        rs, ss, se = self.rs, self.ss, self.se
        if se[-1] < 0 and ss[-1] - rs[-1] == p - r:
            return  # the current linear piece goes on
        if rs[-1] == r:
            ss[-1], se[-1] = p, -1
        else:
            rs.append(r)
            ss.append(p)
            se.append(-1)

    def fixed(self, r: int, a: int, b: int) -> None:
        """View position ``r`` (and those after it, until the next piece) maps to the source span ``(a, b)``."""
        rs, ss, se = self.rs, self.ss, self.se
        if rs[-1] == r:
            ss[-1], se[-1] = a, b
        else:
            rs.append(r)
            ss.append(a)
            se.append(b)

    def build(self) -> OffsetMap:
        return OffsetMap(self.rs, self.ss, self.se)


def spans_to_map(spans: list[tuple[int, int]]) -> OffsetMap:
    """The map of a view whose character ``r`` comes from the source span ``spans[r]``."""
    out = MapBuilder()
    for r, (a, b) in enumerate(spans):
        if b == a + 1:
            out.linear(r, a)
        elif not (out.se[-1] >= 0 and out.ss[-1] == a and out.se[-1] == b):  # not the same fixed piece again
            out.fixed(r, a, b)
    return out.build()


def compose(omap: OffsetMap, view_len: int, regions: list[tuple[int, int, str]]) -> OffsetMap:
    """The map view -> original text, from ``omap`` (view -> text with ``regions`` normalized).

    Outside the regions a position moves by the length change of the regions
    before it; inside one, every position maps to the whole original region.
    """
    fa: list[int] = []  # region starts in the normalized text
    fb: list[int] = []
    after: list[int] = []  # shift (normalized - original) after each region
    shift = 0
    for a, b, norm in regions:
        fa.append(a + shift)
        fb.append(a + shift + len(norm))
        shift += len(norm) - (b - a)
        after.append(shift)

    def span(q: int) -> tuple[int, int]:
        i = bisect.bisect_right(fa, q) - 1
        if i >= 0 and q < fb[i]:
            return regions[i][0], regions[i][1]
        d = after[i] if i >= 0 else 0
        return q - d, q - d + 1

    rs: list[int] = []
    ss: list[int] = []
    se: list[int] = []

    def emit(r: int, a: int, b: int) -> None:
        rs.append(r)
        ss.append(a)
        se.append(b)

    n = len(omap.rs)
    for j in range(n):
        r0 = omap.rs[j]
        r1 = omap.rs[j + 1] if j + 1 < n else view_len
        if r1 <= r0 and j + 1 < n:
            continue
        if omap.se[j] >= 0:  # a fixed piece: its whole span, mapped at both ends
            emit(r0, span(omap.ss[j])[0], span(omap.se[j] - 1)[1])
            continue
        q0 = omap.ss[j]
        r = r0
        while r < max(r1, r0 + 1):
            q = q0 + (r - r0)
            i = bisect.bisect_right(fa, q) - 1
            if i >= 0 and q < fb[i]:  # inside a region: up to its end, all to the region
                emit(r, regions[i][0], regions[i][1])
                r += fb[i] - q
                continue
            d = after[i] if i >= 0 else 0
            emit(r, q - d, -1)
            nxt = fa[i + 1] if i + 1 < len(fa) else None  # the next region starts there
            if nxt is None:
                break
            r += max(1, nxt - q)
    return OffsetMap(rs or [0], ss or [0], se or [-1])
