"""Rows/s of `normalize.spark.add_ids` in local[2] beside `normalize batch -j 2`, same rows, same run.

The input is batch_speed.py's: a CSV of ROWS rows (default 300,000) whose names
are drawn, Zipf-like, from a seeded pool of exact lexicon names, variants with
a typo, case or spacing changed, and names in no lexicon. Both sides match the
column ``name`` against the bundled lexicons.

Each side is timed as a whole job, a fresh process from start to exit:

* ``normalize batch names.csv -c name -o out.csv -j 2``;
* a PySpark job (``spark.master=local[2]``): start the session (the JVM), read
  the CSV, ``normalize.spark.add_ids(df, ["name"])``, write Parquet, stop. Its
  own log splits the time into session start and the rest.

Before both, one small ``normalize batch`` run builds the matcher cache, so
neither side pays the one-off index build (both then load it from the cache:
the batch process once, each Spark Python worker once). After both, the two
outputs are compared row by row (``name_id``, ``name_label``, ``name_score``).

Usage: python benchmarks/spark_speed.py [--rows N] [--pool N] [--partitions-mb N] [--keep DIR]
Needs ``pip install '.[spark,bench]'`` and Java. The machine should be otherwise
idle: the rates are wall-clock on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch_speed import name_pool, write_csv

_JOB = r"""
import json, sys, time
t0 = time.perf_counter()
from pyspark.sql import SparkSession
import normalize.spark
src, out, max_mb = sys.argv[1], sys.argv[2], sys.argv[3]
spark = (SparkSession.builder.master("local[2]").appName("spark_speed")
         .config("spark.ui.enabled", "false")
         .config("spark.driver.memory", "2g")
         .config("spark.sql.files.maxPartitionBytes", f"{max_mb}m")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
t1 = time.perf_counter()
df = spark.read.csv(src, header=True, schema="id long, name string, note string")
parts = df.rdd.getNumPartitions()
normalize.spark.add_ids(df, ["name"]).write.mode("overwrite").parquet(out)
t2 = time.perf_counter()
spark.stop()
print(json.dumps({"session": t1 - t0, "job": t2 - t1, "partitions": parts}))
"""


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, str, str]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:4])} ... failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return seconds, proc.stdout, proc.stderr


def batch_rows(path: Path) -> dict[int, tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return {int(r["id"]): (r["name_id"], r["name_label"], r["name_score"]) for r in csv.DictReader(f)}


def spark_rows(path: Path) -> dict[int, tuple[str, str, str]]:
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["id", "name_id", "name_label", "name_score"]).to_pydict()
    return {
        i: (a or "", b or "", "" if s is None else f"{s:.1f}")
        for i, a, b, s in zip(table["id"], table["name_id"], table["name_label"], table["name_score"])
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=300_000)
    ap.add_argument("--pool", type=int, default=20_000, help="distinct query strings to draw from")
    ap.add_argument("--partitions-mb", type=int, default=2, help="spark.sql.files.maxPartitionBytes, in MB")
    ap.add_argument("--keep", type=Path, help="write the files here instead of a temporary directory")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="spark_speed_") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        src = work / f"names_{args.rows}.csv"
        queries, _ = name_pool(args.pool)
        distinct = write_csv(src, queries, args.rows)
        print(f"input: {args.rows:,} rows, {src.stat().st_size / 1e6:.1f} MB, {distinct:,} distinct names")

        warm = work / "warm.csv"
        warm.write_text("id,name,note\n1,Kyiv,x\n", encoding="utf-8")
        seconds, _, _ = run([sys.executable, "-m", "normalize", "batch", str(warm), "-c", "name",
                             "-o", str(work / "warm.out.csv"), "--no-progress"])
        print(f"matcher cache warmed ({seconds:.1f} s)")

        out_batch = work / "batch.csv"
        batch_s, _, _ = run([sys.executable, "-m", "normalize", "batch", str(src), "-c", "name",
                             "-o", str(out_batch), "-j", "2", "--no-progress"])
        load = os.getloadavg()[0]
        print(f"normalize batch -j 2       {batch_s:7.1f} s  {args.rows / batch_s:9,.0f} rows/s  (load average after: {load:.1f})")

        out_spark = work / "spark.parquet"
        env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
        spark_s, stdout, _ = run([sys.executable, "-c", _JOB, str(src), str(out_spark), str(args.partitions_mb)], env=env)
        info = json.loads(stdout.strip().splitlines()[-1])
        load = os.getloadavg()[0]
        print(f"spark add_ids, local[2]    {spark_s:7.1f} s  {args.rows / spark_s:9,.0f} rows/s  (load average after: {load:.1f})")
        print(f"    of which: session start {info['session']:.1f} s, read + add_ids + write Parquet {info['job']:.1f} s "
              f"({args.rows / info['job']:,.0f} rows/s without the JVM start), {info['partitions']} partitions")

        a, b = batch_rows(out_batch), spark_rows(out_spark)
        differ = sum(a[i] != b.get(i) for i in a)
        matched = sum(1 for v in a.values() if v[0])
        print(f"outputs: {len(a):,} rows from batch, {len(b):,} from Spark, {differ} differ; {matched:,} rows matched")
        print()
        print(f"rows/s as whole jobs: batch -j 2 {args.rows / batch_s:,.0f}, spark local[2] {args.rows / spark_s:,.0f} "
              f"(spark / batch = {batch_s / spark_s:.2f}x)")


if __name__ == "__main__":
    main()
