"""Parses every RDF export with rdflib, checks they hold the same triples,
and validates the data against the SHACL shapes with pyshacl."""

import sys
from pathlib import Path

import pyshacl
import rdflib
import rdflib.compare

out, shapes = Path(sys.argv[1]), sys.argv[2]

graphs = {
    "turtle": "turtle",
    "ntriples": "nt",
    "rdfxml": "xml",
}
datasets = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}

reference = None
for name, fmt in graphs.items():
    g = rdflib.Graph().parse(out / f"graph.{name}", format=fmt)
    print(f"rdflib {name}: {len(g)} triples")
    if reference is None:
        reference = g
    elif not rdflib.compare.isomorphic(g, reference):
        sys.exit(f"{name} export is not isomorphic to the Turtle export")

for name, fmt in datasets.items():
    d = rdflib.Dataset()
    d.parse(out / f"graph.{name}", format=fmt)
    union = rdflib.Graph()
    for s, p, o, _ in d.quads((None, None, None, None)):
        union.add((s, p, o))
    named = {str(c.identifier) for c in d.graphs() if len(c)}
    print(f"rdflib {name}: {len(union)} triples in graphs {sorted(named)}")
    if not rdflib.compare.isomorphic(union, reference):
        sys.exit(f"{name} export's graphs together are not isomorphic to the Turtle export")

conforms, _, report = pyshacl.validate(reference, shacl_graph=shapes, inference="none")
if not conforms:
    print(report)
    sys.exit("the data does not conform to ontology/shapes.ttl")
print("pyshacl: the data conforms to ontology/shapes.ttl")
