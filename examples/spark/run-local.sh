#!/usr/bin/env bash
# Run the Spark job locally (local[2]) over a few inputs and check the result:
# builds newsgraph, installs PySpark from the package registry into a
# virtual environment (uses the machine's Java 17), writes two small WARC
# files of our own, runs the job, loads the shards and counts the articles.
# Usage: examples/spark/run-local.sh   (from anywhere)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --bin newsgraph --manifest-path "$root/Cargo.toml"
ng="$root/target/release/newsgraph"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q pyspark

# Two WARC files, three HTML responses in all (our own pages).
"$work/venv/bin/python" - "$work" <<'PY'
import gzip, sys
work = sys.argv[1]
def page(title, body):
    html = "<html><head><title>%s</title></head><body><article><p>%s</p><p>%s</p></article></body></html>" % (title, body, body)
    return ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html).encode()
def record(uri, block):
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-10-17T06:30:00Z\r\n"
            "Content-Length: %d\r\n\r\n" % (uri, len(block))).encode()
    return gzip.compress(head + block + b"\r\n\r\n")
pages = [
    ("Talks in Moscow", "Syrian President Ahmed al-Sharaa met Russian President Vladimir Putin in Moscow on Wednesday, the Kremlin said."),
    ("Aid pledged", "Russian Deputy Prime Minister Alexander Novak promised investment in Syrian energy projects, the agency reported."),
    ("Air defence", "Ukrainian President Volodymyr Zelenskyy said on Tuesday that two more air-defence systems would arrive within weeks."),
]
with open(work + "/a.warc.gz", "wb") as f:
    for i, (t, b) in enumerate(pages[:2]):
        f.write(record("https://example.org/a/%d" % i, page(t, b)))
with open(work + "/b.warc.gz", "wb") as f:
    f.write(record("https://example.org/b/0", page(*pages[2])))
with open(work + "/inputs.txt", "w") as f:
    f.write(work + "/a.warc.gz\n" + work + "/b.warc.gz\n")
PY

PYSPARK_PYTHON="$work/venv/bin/python" "$work/venv/bin/spark-submit" --master 'local[2]' \
  "$here/job.py" "$work/inputs.txt" "$work/shards" "$ng" | tee "$work/shards.txt"
"$ng" load --db "$work/news.db" "$work"/shards/*.jsonl
count=$("$ng" stats --db "$work/news.db" --format jsonl | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
if [ "$count" != 3 ]; then
  echo "expected 3 articles from the Spark run, found $count" >&2
  exit 1
fi
echo "spark example: 3 articles from 2 WARC files through rdd.pipe and load"
