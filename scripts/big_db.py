#!/usr/bin/env python3
"""A large newsgraph database for speed work, and the API timings on it.

    python3 scripts/big_db.py build --out /tmp/big.db --articles 100000 examples/ [more inputs...]
    python3 scripts/big_db.py bench --db /tmp/big.db [--runs 30]

`build` runs the pipeline once on the inputs (`newsgraph extract`), then
writes copies of the records under new ids until there are --articles of
them, and stores them with `newsgraph load` (no pipeline run per copy). Each
copy is moved in time (publication, event and time-expression dates shift by
whole days) and its words outside names, time expressions, cues and
evidence are scrambled letter by letter (same lengths, so every offset still
holds), so that the store does not take it for a copy of the same story.

`bench` starts `newsgraph serve` on the database and prints p50 and p95 of
the main API queries, each run --runs times.
"""

import argparse
import datetime
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("NEWSGRAPH_BIN", os.path.join(ROOT, "target", "release", "newsgraph"))
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def shift(value, days):
    """A date (or a timestamp starting with one) moved by whole days."""
    if not isinstance(value, str):
        return value
    m = DAY.match(value)
    if not m:
        return value
    try:
        d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) + datetime.timedelta(days=days)
    except ValueError:
        return value
    return d.isoformat() + value[10:]


def keep_spans(rec):
    """Code-point spans that must stay readable."""
    spans = []
    for e in rec["entities"]:
        spans += [(m["start"], m["end"]) for m in e["mentions"]]
    spans += [(t["start"], t["end"]) for t in rec["timexes"]]
    for q in rec["quotes"]:
        if q.get("cue"):
            spans.append((q["cue"]["start"], q["cue"]["end"]))
        if q.get("speaker"):
            spans.append((q["speaker"]["start"], q["speaker"]["end"]))
    spans += [(v["evidence"]["start"], v["evidence"]["end"]) for v in rec["events"]]
    return spans


def variant(rec, n, rng, keep):
    out = json.loads(json.dumps(rec))
    days = rng.randrange(0, 1500) - 750
    chars = list(rec["text"])
    kept = bytearray(len(chars))
    for s, e in keep:
        for i in range(max(0, s), min(e, len(chars))):
            kept[i] = 1
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i, c in enumerate(chars):
        if not kept[i] and "a" <= c <= "z":
            chars[i] = letters[rng.randrange(26)]
    out["text"] = "".join(chars)
    out["id"] = "%s~%d" % (rec["id"], n)
    out["published"] = shift(rec.get("published"), days)
    if rec.get("title"):
        out["title"] = "%s (%d)" % (rec["title"], n)
    for t in out["timexes"]:
        t["value"] = shift(t["value"], days)
    for v in out["events"]:
        v["date"] = shift(v.get("date"), days)
    return out


def build(args):
    with tempfile.TemporaryDirectory() as tmp:
        base_path = os.path.join(tmp, "base.jsonl")
        with open(base_path, "w") as f:
            subprocess.run([BIN, "extract"] + args.inputs, stdout=f, check=False)
        base = [json.loads(line) for line in open(base_path) if line.strip()]
        if not base:
            sys.exit("no records from the inputs")
        print("%d records from the pipeline" % len(base), file=sys.stderr)
        keeps = [keep_spans(r) for r in base]
        rng = random.Random(20251016)
        shard_size = 10000
        made = 0
        shards = []
        while made < args.articles:
            path = os.path.join(tmp, "copies-%04d.jsonl" % len(shards))
            with open(path, "w") as f:
                for _ in range(min(shard_size, args.articles - made)):
                    i = made % len(base)
                    rec = base[i] if made < len(base) else variant(base[i], made // len(base), rng, keeps[i])
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    made += 1
            shards.append(path)
            print("%d records written" % made, file=sys.stderr)
        t = time.time()
        subprocess.run([BIN, "load", "--db", args.out] + shards, check=True)
        print("loaded in %.0f s" % (time.time() - t), file=sys.stderr)


QUERIES = [
    ("articles page 1", "/api/articles?limit=50"),
    ("articles deep page", "/api/articles?limit=50&offset=50000"),
    ("entities page 1", "/api/entities?limit=50"),
    ("entities by name", "/api/entities?name=putin"),
    ("entity (most mentioned)", "/api/entities/{top_entity}"),
    ("article view", "/api/articles/{an_article}"),
    ("events page 1", "/api/events?limit=50"),
    ("events by actor code", "/api/events?actor=RUS&limit=50"),
    ("events by type and month", "/api/events?type=CONSULT&since=2025-01&until=2025-06"),
    ("event view (most reported)", "/api/events/{top_event}"),
    ("event counts by month", "/api/events/counts?by=month"),
    ("event counts by day, actor", "/api/events/counts?by=day&actor=RUS"),
    ("quotes page 1", "/api/quotes?limit=50"),
    ("quotes by speaker", "/api/quotes?speaker=trump&limit=50"),
    ("search (the search page)", "/api/search?q=trump&limit=20"),
    ("search statements, phrase", "/api/search?q=%22white%20house%22&in=statements&limit=20"),
    ("stats", "/api/stats"),
]


def fetch(base, path):
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        body, status = e.read(), e.code
    return time.perf_counter() - t, status, body


def bench(args):
    p = subprocess.Popen([BIN, "serve", "--db", args.db, "--addr", "127.0.0.1:0"], stderr=subprocess.PIPE, text=True)
    try:
        base = None
        for line in p.stderr:
            if line.startswith("listening on "):
                base = line.split()[-1]
                break
        if not base:
            sys.exit("serve did not start")
        total = json.loads(fetch(base, "/api/stats")[2])["documents"]
        ids = {
            "top_entity": json.loads(fetch(base, "/api/entities?limit=1")[2])["items"][0]["id"],
            "an_article": json.loads(fetch(base, "/api/articles?limit=1&offset=%d" % (total // 2))[2])["items"][0]["id"],
        }
        top = json.loads(fetch(base, "/api/events?limit=500")[2])["items"]
        ids["top_event"] = max(top, key=lambda e: e["mentions"])["id"]
        print("database: %s, %d articles; %d runs a query (after one warm-up)" % (args.db, total, args.runs))
        print("%-30s %9s %9s %7s" % ("query", "p50 ms", "p95 ms", "status"))
        for name, path in QUERIES:
            path = path.format(**ids)
            fetch(base, path)
            times, statuses = [], set()
            for _ in range(args.runs):
                dt, status, _ = fetch(base, path)
                times.append(dt * 1000)
                statuses.add(status)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print("%-30s %9.1f %9.1f %7s" % (name, statistics.median(times), p95, ",".join(map(str, sorted(statuses)))))
    finally:
        p.terminate()
        p.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", required=True)
    b.add_argument("--articles", type=int, default=100000)
    b.add_argument("inputs", nargs="+")
    r = sub.add_parser("bench")
    r.add_argument("--db", required=True)
    r.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    build(args) if args.cmd == "build" else bench(args)


if __name__ == "__main__":
    main()
