#!/usr/bin/env python3
"""The SPARQL endpoint of `iagraph serve` through the clients its users have:
SPARQLWrapper in every return format and rdflib's SPARQLStore. Each answer is
parsed and its rows (or triples) checked.

Usage: check_clients.py http://127.0.0.1:PORT/sparql
"""

import sys

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

ID = "https://w3id.org/iagraph/id/"
IAG = "https://w3id.org/iagraph/ontology#"
PREFIX = f"PREFIX iag: <{IAG}>\n"
SELECT = PREFIX + "SELECT ?s WHERE { ?s a iag:Startup } ORDER BY ?s"
ASK = PREFIX + f"ASK {{ <{ID}mistral-ai> a iag:Startup }}"
CONSTRUCT = PREFIX + "CONSTRUCT { ?s a iag:Startup } WHERE { ?s a iag:Startup }"
STARTUPS = [f"{ID}lighton", f"{ID}mistral-ai"]
TRIPLES = {
    (rdflib.URIRef(s), rdflib.RDF.type, rdflib.URIRef(IAG + "Startup")) for s in STARTUPS
}


def wrapper(endpoint, query, fmt):
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql.query()


def check(what, got, expected):
    if got != expected:
        sys.exit(f"{what}: expected {expected!r}, got {got!r}")
    print(f"{what}: ok")


def select_rows(endpoint, fmt):
    result = wrapper(endpoint, SELECT, fmt)
    converted = result.convert()
    if fmt == JSON:
        return [b["s"]["value"] for b in converted["results"]["bindings"]]
    if fmt == XML:
        return [u.firstChild.data for u in converted.getElementsByTagName("uri")]
    lines = converted.decode("utf-8").strip().splitlines()
    sep = "," if fmt == CSV else "\t"
    header, rows = lines[0], lines[1:]
    check(f"SELECT {fmt} header", header.split(sep), ["s" if fmt == CSV else "?s"])
    # TSV writes IRIs in angle brackets, CSV bare.
    return [row.strip("<>") for row in rows]


def graph_of(endpoint, fmt):
    converted = wrapper(endpoint, CONSTRUCT, fmt).convert()
    if isinstance(converted, rdflib.Graph):
        return converted
    g = rdflib.Graph()
    g.parse(data=converted, format={TURTLE: "turtle", N3: "n3"}[fmt])
    return g


def main():
    endpoint = sys.argv[1]
    for fmt in (JSON, XML, CSV, TSV):
        check(f"SPARQLWrapper SELECT {fmt}", select_rows(endpoint, fmt), STARTUPS)
    check("SPARQLWrapper ASK json", wrapper(endpoint, ASK, JSON).convert()["boolean"], True)
    ask_xml = wrapper(endpoint, ASK, XML).convert()
    check(
        "SPARQLWrapper ASK xml",
        ask_xml.getElementsByTagName("boolean")[0].firstChild.data,
        "true",
    )
    for fmt in (TURTLE, N3, JSONLD, RDFXML, XML):
        check(f"SPARQLWrapper CONSTRUCT {fmt}", set(graph_of(endpoint, fmt)), TRIPLES)

    # rdflib's default (xml) accepts RDF/XML for graphs; json only results.
    for fmt in ("xml", "json"):
        store = rdflib.Graph(store=SPARQLStore(endpoint, returnFormat=fmt))
        rows = [str(row.s) for row in store.query(SELECT)]
        check(f"rdflib SPARQLStore SELECT {fmt}", rows, STARTUPS)
        check(f"rdflib SPARQLStore ASK {fmt}", store.query(ASK).askAnswer, True)
    store = rdflib.Graph(store=SPARQLStore(endpoint))
    check("rdflib SPARQLStore CONSTRUCT", set(store.query(CONSTRUCT).graph), TRIPLES)
    print("every client format: ok")


if __name__ == "__main__":
    main()
