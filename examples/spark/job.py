"""Run newsgraph over many inputs (WARC files, JSONL, ...) on a Spark cluster.

Each input path goes through `newsgraph worker` with Spark's `rdd.pipe`: the
worker writes one shard of records per input into a shared directory and
prints the shard's path. Merge the shards afterwards with `newsgraph load`.

Usage: spark-submit job.py INPUT_LIST SHARD_DIR [NEWSGRAPH_BINARY]
  INPUT_LIST        a text file of input paths, one a line (visible to every executor)
  SHARD_DIR         a directory every executor can write
  NEWSGRAPH_BINARY  the newsgraph binary on the executors (default: newsgraph on PATH)
"""
import shlex
import sys

from pyspark.sql import SparkSession


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    input_list, shard_dir = argv[1], argv[2]
    binary = argv[3] if len(argv) > 3 else "newsgraph"
    with open(input_list, encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip()]
    spark = SparkSession.builder.appName("newsgraph").getOrCreate()
    try:
        rdd = spark.sparkContext.parallelize(paths, numSlices=max(1, min(len(paths), 1024)))
        command = "%s worker --out %s" % (shlex.quote(binary), shlex.quote(shard_dir))
        # Each output line: SHARD_PATH <TAB> DOCUMENTS <TAB> ERRORS.
        for line in rdd.pipe(command).collect():
            print(line)
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv)
