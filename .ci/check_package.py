"""Checks a folder written by `iagraph package` with other tools than ours.

Usage: check_package.py PACKAGE_DIR [DCAT_AP_SHACL]

- catalog.ttl conforms to the DCAT-AP 3.0.1 SHACL shapes (pyshacl), when
  the shapes file is given, and catalog.jsonld / catalog.rdf say the same;
- every CSV is valid against its Table Schema, foreign keys, size and hash
  included (frictionless, through datapackage.json);
- every distribution's dcat:byteSize and SHA-256 match its file;
- the dumps are isomorphic to one another (rdflib), and void.ttl's counts
  match the Turtle dump.
"""

import gzip
import hashlib
import json
import sys
from pathlib import Path

import frictionless
import pyshacl
import rdflib
import rdflib.compare
from rdflib.namespace import DCAT, OWL, RDF, SH, VOID

SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
WIKIDATA = "http://www.wikidata.org/entity/"

out = Path(sys.argv[1])
shapes_file = sys.argv[2] if len(sys.argv) > 2 else None
failures = []


def fail(message):
    print(f"FAIL {message}")
    failures.append(message)


# --- The catalogue, in its three syntaxes -------------------------------
catalog = rdflib.Graph().parse(out / "catalog.ttl", format="turtle")
print(f"rdflib catalog.ttl: {len(catalog)} triples")
for name, fmt in [("catalog.jsonld", "json-ld"), ("catalog.rdf", "xml")]:
    other = rdflib.Graph().parse(out / name, format=fmt)
    if not rdflib.compare.isomorphic(other, catalog):
        fail(f"{name} is not isomorphic to catalog.ttl")
    else:
        print(f"rdflib {name}: isomorphic to catalog.ttl")

if shapes_file:
    shapes = rdflib.Graph().parse(shapes_file, format="turtle")
    # The published 3.0.1 file lists two property shapes of
    # dcat:DataServiceShape that it never defines (no sh:path), which pyshacl
    # rightly refuses as malformed: they constrain nothing, so drop them.
    dangling = [
        (shape, prop)
        for shape, prop in shapes.subject_objects(SH.property)
        if shapes.value(prop, SH.path) is None
    ]
    for shape, prop in dangling:
        shapes.remove((shape, SH.property, prop))
        print(f"pyshacl: skipped {prop}, an undefined property shape of {shape}")
    # No inference and no controlled vocabularies: the catalogue types the
    # values it uses (licence, themes, formats…) itself.
    conforms, _, report = pyshacl.validate(catalog, shacl_graph=shapes, inference="none")
    if conforms:
        print(f"pyshacl: catalog.ttl conforms to {shapes_file}")
    else:
        print(report)
        fail(f"catalog.ttl does not conform to {shapes_file}")
else:
    print("pyshacl: no DCAT-AP shapes given, SHACL check skipped")

# --- Sizes and checksums ------------------------------------------------
distributions = list(catalog.subjects(RDF.type, DCAT.Distribution))
if not distributions:
    fail("the catalogue has no distribution")
for distribution in distributions:
    url = str(catalog.value(distribution, DCAT.downloadURL))
    name = url.rsplit("/", 1)[-1]
    data = (out / name).read_bytes()
    size = int(catalog.value(distribution, DCAT.byteSize))
    checksum = catalog.value(distribution, SPDX.checksum)
    algorithm = catalog.value(checksum, SPDX.algorithm)
    value = str(catalog.value(checksum, SPDX.checksumValue))
    if algorithm != SPDX.checksumAlgorithm_sha256:
        fail(f"{name}: checksum algorithm {algorithm}")
    if size != len(data):
        fail(f"{name}: dcat:byteSize {size}, file has {len(data)} bytes")
    if value.lower() != hashlib.sha256(data).hexdigest():
        fail(f"{name}: spdx:checksumValue does not match the file's SHA-256")
print(f"checksums: {len(distributions)} distributions checked against their files")

# --- CSV tables against their Table Schemas ----------------------------
package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
tables = {r["path"]: r["schema"] for r in package["resources"]}
for csv in sorted(p.name for p in out.glob("*.csv")):
    expected = csv.removesuffix(".csv") + ".schema.json"
    if tables.get(csv) != expected:
        fail(f"{csv} is not in datapackage.json with {expected}")
# Foreign keys between tables need the package: validate it as a whole,
# which validates each table against its own schema, size and hash.
report = frictionless.validate(str(out / "datapackage.json"))
for task in report.tasks:
    status = "valid" if task.valid else "INVALID"
    print(f"frictionless: {task.name} ({task.stats.get('rows')} rows): {status}")
if not report.valid:
    for row in report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"]):
        print("  ", row)
    fail("frictionless: the tables do not match their Table Schemas")

# --- The dumps ------------------------------------------------------------
turtle = rdflib.Graph().parse(out / "iagraph.ttl", format="turtle")
print(f"rdflib iagraph.ttl: {len(turtle)} triples")
dumps = {
    "iagraph.nt": lambda: rdflib.Graph().parse(out / "iagraph.nt", format="nt"),
    "iagraph.nt.gz": lambda: rdflib.Graph().parse(
        data=gzip.decompress((out / "iagraph.nt.gz").read_bytes()).decode("utf-8"), format="nt"
    ),
    "iagraph.rdf": lambda: rdflib.Graph().parse(out / "iagraph.rdf", format="xml"),
}
for name, load in dumps.items():
    if rdflib.compare.isomorphic(load(), turtle):
        print(f"rdflib {name}: isomorphic to iagraph.ttl")
    else:
        fail(f"{name} is not isomorphic to iagraph.ttl")
dataset = rdflib.Dataset()
dataset.parse(out / "iagraph.jsonld", format="json-ld")
union = rdflib.Graph()
for s, p, o, _ in dataset.quads((None, None, None, None)):
    union.add((s, p, o))
if rdflib.compare.isomorphic(union, turtle):
    print("rdflib iagraph.jsonld: its named graphs together are isomorphic to iagraph.ttl")
else:
    fail("iagraph.jsonld's graphs together are not isomorphic to iagraph.ttl")

# --- VoID against the dump ---------------------------------------------
void = rdflib.Graph().parse(out / "void.ttl", format="turtle")
(described,) = void.subjects(RDF.type, VOID.Linkset)
dataset_iri = void.value(described, VOID.subjectsTarget)
triples = int(void.value(dataset_iri, VOID.triples))
links = int(void.value(described, VOID.triples))
sameas = sum(1 for _, _, o in turtle.triples((None, OWL.sameAs, None)) if str(o).startswith(WIKIDATA))
if triples != len(turtle):
    fail(f"void:triples {triples}, the Turtle dump has {len(turtle)}")
if links != sameas:
    fail(f"the Wikidata linkset says {links} links, the dump has {sameas}")
print(f"void.ttl: {triples} triples and {links} owl:sameAs links to Wikidata, as in the dump")

if failures:
    sys.exit(f"{len(failures)} check(s) failed")
print("the package passes every check")
