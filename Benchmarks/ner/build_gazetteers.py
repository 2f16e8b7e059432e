#!/usr/bin/env python3
"""Builds the gazetteers shipped in Sources/TextpipeEntities/Resources from the GeoNames and US
Census files of the shared NER data (see its README for their sources and licences):

    python3 Benchmarks/ner/build_gazetteers.py ../shared/data/ner/gazetteers \
        Sources/TextpipeEntities/Resources

places.tsv   phrase <TAB> kind <TAB> canonical name <TAB> geonames id <TAB> population
             kind: country, state (US), continent, city. GeoNames, CC BY 4.0.
             Cities keep their Latin-script alternate names when the city has 200,000 people
             or more (Peking -> Beijing, Kiev -> Kyiv); short codes, lower-case variants and
             several-word translations (White House -> Casablanca) are dropped.
             Countries also get the short and older forms that news uses (COUNTRY_ALIASES).
names.tsv    name <TAB> kind (first-female, first-male, surname), title-cased.
             US Census 1990, public domain; surnames limited to the 40,000 most frequent.
"""
import re
import sys

LATIN = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F .'\-]{2,40}$")


# Forms of country names common in news that GeoNames' English name list lacks.
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E."],
    "NL": ["Netherlands", "Holland"],
    "CZ": ["Czech Republic"],
    "MM": ["Burma"],
    "CI": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "CD": ["DR Congo", "Zaire"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "MK": ["Macedonia"],
    "TL": ["East Timor"],
    "VA": ["Vatican City", "Holy See"],
    "PS": ["Palestine"],
}


def rows(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            yield dict(zip(header, line.rstrip("\n").split("\t")))


def main():
    src, out = sys.argv[1], sys.argv[2]
    places = []
    continent_names = {}
    for r in rows(f"{src}/geonames_continents.tsv"):
        continent_names[r["code"]] = r["name"]
        places.append((r["name"], "continent", r["name"], "", ""))
    for r in rows(f"{src}/geonames_countries.tsv"):
        places.append((r["name"], "country", r["name"], r["geonameid"], r["population"]))
        for alias in COUNTRY_ALIASES.get(r["iso"], []):
            places.append((alias, "country", r["name"], r["geonameid"], r["population"]))
    for r in rows(f"{src}/geonames_us_states.tsv"):
        places.append((r["name"], "state", r["name"], r["geonameid"], ""))
    for r in rows(f"{src}/geonames_cities15000.tsv"):
        name, pop = r["name"], int(r["population"] or 0)
        places.append((name, "city", name, r["geonameid"], str(pop)))
        if pop >= 200_000:
            seen = {name.lower()}
            for alt in r.get("latin_alternate_names", "").split("|"):
                # A several-word alternate that does not even start like the name is usually a
                # translation ("White House" for Casablanca): not a name a reader would link.
                translated = " " in alt and alt[0].lower() != name[0].lower()
                if LATIN.match(alt) and not alt.isupper() and not translated and alt.lower() not in seen:
                    seen.add(alt.lower())
                    places.append((alt, "city", name, r["geonameid"], str(pop)))
    with open(f"{out}/places.tsv", "w", encoding="utf-8") as f:
        f.write("# phrase\tkind\tcanonical\tgeonames_id\tpopulation -- GeoNames (geonames.org), CC BY 4.0; "
                "built by Benchmarks/ner/build_gazetteers.py\n")
        for p in places:
            f.write("\t".join(p) + "\n")

    def census(path, kind, limit):
        out_rows = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                cols = line.split("\t")
                if int(cols[3]) <= limit:
                    out_rows.append((cols[0].title(), kind))
        return out_rows

    names = census(f"{src}/census1990_female_first_names.txt", "first-female", 10**9)
    names += census(f"{src}/census1990_male_first_names.txt", "first-male", 10**9)
    names += census(f"{src}/census1990_surnames.txt", "surname", 40_000)
    with open(f"{out}/names.tsv", "w", encoding="utf-8") as f:
        f.write("# name\tkind -- US Census 1990 name lists (public domain); "
                "built by Benchmarks/ner/build_gazetteers.py\n")
        for n in names:
            f.write("\t".join(n) + "\n")
    print(f"{len(places)} places, {len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
