"""normalize.spark on a real local Spark (local[2]): equal to `normalize batch` and `normalize tag`.

One session for the whole test run (starting a JVM takes seconds). Spark needs
Java: without it these tests skip, or fail under CI=true (`.ci/run` installs it).
"""

from __future__ import annotations

import datetime
import decimal
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.integration_rows import COLUMNS, MATCH_LEXICON, TAG_LEXICON, TEXTS, records, run_batch, run_tag_jsonl
from tests.needs import program

pytestmark = [
    pytest.mark.filterwarnings("ignore::FutureWarning"),  # pyspark on pandas 3
    pytest.mark.slow,  # a JVM
]


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    program("java")
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers run this interpreter (and see NORMALIZE_CACHE_DIR)
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("normalize-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "4")  # several Arrow batches per task
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_add_ids_equals_batch(spark: Any, tmp_path: Path) -> None:
    import normalize.spark as nsp

    rows = records()
    expected = run_batch(rows, tmp_path, "jsonl")
    sdf = spark.createDataFrame(
        [tuple(r.values()) for r in rows], "row long, city string, person string, code long"
    ).repartition(3)
    out = nsp.add_ids(sdf, COLUMNS, lexicons=MATCH_LEXICON)
    assert out.columns == ["row", "city", "person", "code"] + [f"{c}_{s}" for c in COLUMNS for s in ("id", "label", "score")]
    got = sorted((r.asDict() for r in out.collect()), key=lambda r: r["row"])
    assert len(got) == len(expected)
    for mine, want in zip(got, expected):
        for col in COLUMNS:
            for s in ("id", "label", "score"):
                assert mine[f"{col}_{s}"] == want[f"{col}_{s}"], (mine["row"], col, s)
    assert sum(r["city_id"] is not None for r in got) >= 10


def test_other_columns_pass_through_and_order_holds(spark: Any) -> None:
    import normalize.spark as nsp

    data = [
        (i, name, datetime.datetime(2024, 1, 1, 12, i), decimal.Decimal(f"{i}.25"), [i, i + 1], {"k": name or ""})
        for i, name in enumerate(["Kharkov", None, "Бахмут", "Nowhere", "Kharkov", "", "x" * (1 << 20)] * 3)
    ]
    schema = "i int, city string, ts timestamp, amount decimal(10,2), xs array<int>, m map<string,string>"
    sdf = spark.createDataFrame(data, schema)
    out = nsp.add_ids(sdf, "city", lexicons=MATCH_LEXICON)
    before = [tuple(r) for r in sdf.collect()]
    after = out.collect()
    assert [tuple(r)[:6] for r in after] == before  # same rows, same order, same values
    assert [r["city_id"] for r in after[:7]] == ["place:kharkiv", None, "place:bakhmut", None, "place:kharkiv", None, None]
    # a re-run over its own output replaces the fields in place
    again = nsp.add_ids(out, "city", lexicons=MATCH_LEXICON)
    assert again.columns == out.columns and [tuple(r) for r in again.collect()] == [tuple(r) for r in after]


def test_tag_equals_cli(spark: Any, tmp_path: Path) -> None:
    import normalize.spark as nsp

    texts = [t if t is None or isinstance(t, str) else str(t) for t in TEXTS]
    expected = run_tag_jsonl(texts, tmp_path)
    sdf = spark.createDataFrame(list(enumerate(texts)), "doc int, body string")
    out = nsp.tag(sdf, "body", lexicons=TAG_LEXICON)
    assert out.columns == ["doc", *nsp.TAG_COLUMNS]
    got: dict[int, list[dict[str, Any]]] = {}
    for r in out.collect():
        d = r.asDict()
        got.setdefault(d.pop("doc"), []).append(d)
    for i, mentions in enumerate(expected):
        want = [{k: m[k] for k in nsp.TAG_COLUMNS} for m in mentions]
        assert got.get(i, []) == want, texts[i]


def _report_builds(batches: Iterator[Any]) -> Iterator[Any]:
    """What the Python worker running this task has built (a mapInArrow task, like add_ids's)."""
    import pyarrow as pa

    from normalize import _integration, spark

    for _ in batches:
        pass
    found = {"builds": _integration.BUILDS, "tasks": spark.TASKS}
    yield pa.RecordBatch.from_pydict({"pid": [os.getpid()], "found": [json.dumps(found)]})


def test_each_worker_builds_once_from_the_shipped_file(spark: Any) -> None:
    import normalize.spark as nsp

    sdf = spark.createDataFrame([(i, ["Kharkov", "Бахмут", None][i % 3]) for i in range(120)], "i int, city string")
    sdf = sdf.repartition(6)  # 6 tasks of several Arrow batches each
    for _ in range(2):
        assert nsp.add_ids(sdf, ["city"], lexicons=MATCH_LEXICON).where("city_id is not null").count() == 80
    report = spark.range(8, numPartitions=8).mapInArrow(_report_builds, "pid long, found string").collect()
    builds: dict[int, list[Any]] = {}
    tasks: dict[int, int] = {}
    for r in report:
        found = json.loads(r.found)
        builds[r.pid] = [b for b in found["builds"] if b[0] == "matcher"]
        tasks[r.pid] = found["tasks"]
    shipped = [key for found in builds.values() for _, key in found]
    assert shipped, "no worker built a matcher"
    for key in shipped:  # workers read the one shipped file, not the user's paths
        ((path, _, _),) = key[1:]
        assert re.search(r"normalize-index-[0-9a-f]{20}\.nidx$", path) and path != str(MATCH_LEXICON)
    assert all(len(found) <= 1 for found in builds.values())  # once per worker...
    assert max(tasks.values()) >= 2  # ... that ran several tasks (of several Arrow batches each)


def test_clear_errors(spark: Any) -> None:
    import normalize.spark as nsp

    sdf = spark.createDataFrame([(1, "Kharkov")], "start int, text string")
    with pytest.raises(ValueError, match="'town' is not in the frame"):
        nsp.add_ids(sdf, "town")
    with pytest.raises(ValueError, match="people.idx: cannot read"):
        nsp.add_ids(sdf, "text", index="people.idx")
    with pytest.raises(ValueError, match="not both"):
        nsp.add_ids(sdf, "text", index="people.idx", lexicons=TAG_LEXICON)
    with pytest.raises(ValueError, match="clash"):
        nsp.tag(sdf, "text")
    assert nsp.tag(sdf, "text", keep=[], lexicons=TAG_LEXICON).count() == 1


def test_a_compiled_index_answers_as_its_lexicons(spark: Any, tmp_path: Path) -> None:
    import normalize.spark as nsp
    from normalize.index import compile_index

    index = tmp_path / "match.nidx"
    compile_index([MATCH_LEXICON], index)
    rows = [(i, name) for i, name in enumerate(["Kharkov", "Zelenskyj", "Nobody", None, "Бахмут"])]
    sdf = spark.createDataFrame(rows, "k int, city string")
    by_index = sorted(nsp.add_ids(sdf, ["city"], index=index).collect())
    by_lexicon = sorted(nsp.add_ids(sdf, ["city"], lexicons=MATCH_LEXICON).collect())
    assert by_index == by_lexicon and any(r["city_id"] for r in by_index)


def test_readme_spark_example(spark: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Spark block runs as written (with this session as ``spark``)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### Spark.*?```python\n(.*?)```", text, re.DOTALL)
    assert block, "README has no Spark example"
    monkeypatch.chdir(REPO)
    namespace: dict[str, Any] = {"spark": spark}
    exec(compile(block.group(1), "README.md:Spark", "exec"), namespace)  # noqa: S102 -- the README's own code
    rows = {r["name"]: r for r in namespace["ids"].collect()}
    assert (rows["V. Zelensky"]["name_id"], rows["V. Zelensky"]["city_id"]) == ("person:volodymyr-zelensky", "place:ua-kyiv")
    assert (rows["Nobody Known"]["name_id"], rows["Nobody Known"]["city_id"]) == (None, "place:ua-kharkiv-oblast")
