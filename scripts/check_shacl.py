"""The SHACL checks of iagraph's data, run by pySHACL (a maintained SHACL
Core validator) in CI.

    python3 scripts/check_shacl.py GRAPH.trig ontology/shapes.ttl tests/fixtures/shacl/broken.ttl

1. The real data (every graph of the TriG export) conforms to the shapes.
2. The shapes catch broken data, each with the right focus node, path,
   shape and constraint component: a copy of the real data is broken one
   way at a time (the first node a query picks loses or changes one
   property), and a small hand-written graph, broken.ttl, carries the
   violations its comments list.
3. The shapes cover the graph: every main class is a target; every class
   the ontology declares or the data uses is reached by a shape; an sh:or of
   sh:class alternatives lists every subclass (the store does no inference).

Exits non-zero, saying what failed, at the first failure.
"""

import sys
from pathlib import Path

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

IAG = Namespace("https://w3id.org/iagraph/ontology#")
IAGSH = Namespace("https://w3id.org/iagraph/shapes#")
ID = Namespace("https://w3id.org/iagraph/id/")
DATA_GRAPH = URIRef("https://w3id.org/iagraph/graph/data")
PREFIXES = {
    "iag": IAG,
    "iagsh": IAGSH,
    "id": ID,
    "sh": SH,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "schema": Namespace("http://schema.org/"),
    "prov": Namespace("http://www.w3.org/ns/prov#"),
    "skos": Namespace("http://www.w3.org/2004/02/skos/core#"),
    "xsd": Namespace("http://www.w3.org/2001/XMLSchema#"),
}


def expand(name):
    prefix, local = name.split(":", 1)
    return URIRef(str(PREFIXES[prefix]) + local)


def short(term):
    for prefix, ns in PREFIXES.items():
        ns = str(ns)
        if isinstance(term, URIRef) and term.startswith(ns):
            return f"{prefix}:{term[len(ns):]}"
    return term.n3()


def fail(message):
    sys.exit(f"check_shacl: {message}")


class Checker:
    def __init__(self, shapes_path):
        self.shapes = Graph().parse(shapes_path, format="turtle")

    def owner(self, shape):
        """A shape by name: a blank property shape is named by the node
        shape it belongs to (`iagsh:StatementShape`), as a reader looks it up."""
        if isinstance(shape, BNode):
            for node_shape in self.shapes.subjects(SH.property, shape):
                return self.owner(node_shape)
        return short(shape)

    def results(self, data, **options):
        """The violations of `data`: (focus, path, shape, component, value)."""
        _, report, _ = pyshacl.validate(
            data, shacl_graph=self.shapes, inference="none", **options
        )
        found = set()
        for r in report.subjects(RDF.type, SH.ValidationResult):
            component = short(report.value(r, SH.sourceConstraintComponent))
            found.add(
                (
                    report.value(r, SH.focusNode),
                    short(report.value(r, SH.resultPath)),
                    self.owner(report.value(r, SH.sourceShape)),
                    component.removeprefix("sh:").removesuffix("ConstraintComponent"),
                    report.value(r, SH.value),
                )
            )
        return found


def expect(found, focus, spec, value=None):
    """The violation `spec` ("shape path component") of `focus` must be found."""
    shape, path, component = spec.split(" ")
    for f, p, s, c, v in found:
        if (f, p, s, c) == (focus, path, shape, component) and value in (None, v):
            return
    listed = "\n".join(f"  {short(f)} {s} {p} {c}" for f, p, s, c, _ in sorted(found, key=str))
    fail(f"no {short(focus)} {spec} among:\n{listed or '  (none)'}")


def union(trig_path):
    """Every graph of the TriG export in one graph, and the data graph alone."""
    dataset = Dataset()
    dataset.parse(trig_path, format="trig")
    everything, data = Graph(), Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        everything.add((s, p, o))
        if g == DATA_GRAPH:
            data.add((s, p, o))
    if not len(data):
        fail(f"{trig_path} has no graph <{DATA_GRAPH}>")
    for prefix, ns in PREFIXES.items():
        everything.bind(prefix, ns)
    return everything, data


def broken(checker, graph, query, var, predicate, change):
    """A copy of `graph` where, for the first row of `query`, each `?var
    predicate ?o` triple becomes `change(?o)` (dropped on None); the row
    and the violations of the copy."""
    rows = list(graph.query(query + " LIMIT 1", initNs=PREFIXES))
    if not rows:
        fail(f"nothing matches {query}")
    row = rows[0]
    subject, predicate = row[var], expand(predicate)
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    objects = list(copy.objects(subject, predicate))
    if not objects:
        fail(f"no {short(subject)} {short(predicate)} to change")
    for o in objects:
        copy.remove((subject, predicate, o))
        new = change(o)
        if new is not None:
            copy.add((subject, predicate, new))
    return row, copy, checker.results(copy)


def lower_case(o):
    return Literal(str(o).lower())


def check_real_data(checker, graph):
    found = checker.results(graph)
    if found:
        listed = "\n".join(f"  {short(f)} {s} {p} {c}" for f, p, s, c, _ in found)
        fail(f"the data does not conform to the shapes:\n{listed}")
    print(f"pyshacl: the data ({len(graph)} triples) conforms to the shapes")


def check_broken_copies(checker, graph):
    funding = "SELECT ?s ?a WHERE { ?s a iag:Funding ; iag:amount ?a } ORDER BY ?s"
    for dropped in ["schema:currency", "iag:currencyEntity"]:
        row, copy, found = broken(checker, graph, funding, "a", dropped, lambda o: None)
        expect(found, row["s"], "iagsh:FundingShape iag:amount Node", value=row["a"])
        # Why the amount fails its shape, as the amount itself reports it.
        why = checker.results(
            copy, focus_nodes=[row["a"]], use_shapes=[IAGSH.MonetaryAmountShape]
        )
        expect(why, row["a"], f"iagsh:MonetaryAmountShape {dropped} MinCount")

    row, _, found = broken(
        checker,
        graph,
        "SELECT ?e WHERE { ?e iag:iso3166Alpha2 ?code } ORDER BY ?e",
        "e",
        "iag:iso3166Alpha2",
        lower_case,
    )
    expect(found, row["e"], "iagsh:StateShape iag:iso3166Alpha2 Pattern")

    row, _, found = broken(
        checker,
        graph,
        "SELECT ?e WHERE { ?e a iag:Person } ORDER BY ?e",
        "e",
        "rdfs:label",
        lambda o: None if o.language == "fr" else o,
    )
    expect(found, row["e"], "iagsh:LabelFrenchProperty rdfs:label QualifiedMinCount")

    statements = "SELECT ?s WHERE { ?s a iag:Statement } ORDER BY ?s"
    row, _, found = broken(checker, graph, statements, "s", "prov:wasDerivedFrom", lambda o: None)
    expect(found, row["s"], "iagsh:StatementShape prov:wasDerivedFrom MinCount")
    row, _, found = broken(checker, graph, statements, "s", "iag:modality", lambda o: None)
    expect(found, row["s"], "iagsh:StatementShape iag:modality MinCount")
    row, _, found = broken(checker, graph, statements, "s", "iag:modality", lambda o: IAG.Funding)
    expect(found, row["s"], "iagsh:StatementShape iag:modality In", value=IAG.Funding)

    row, _, found = broken(
        checker,
        graph,
        "SELECT ?i WHERE { ?s iag:inferred ?i } ORDER BY ?i",
        "i",
        "iag:reason",
        lambda o: None,
    )
    expect(found, row["i"], "iagsh:InferenceShape iag:reason MinCount")

    row, _, found = broken(
        checker,
        graph,
        "SELECT ?s WHERE { ?s iag:date ?d } ORDER BY ?s",
        "s",
        "iag:date",
        lambda o: Literal(str(o)),
    )
    expect(found, row["s"], "iagsh:StatementShape iag:date Or")

    row, _, found = broken(
        checker,
        graph,
        "SELECT ?s ?e WHERE { ?s iag:evidence ?e } ORDER BY ?s ?e",
        "e",
        "iag:quote",
        lambda o: Literal("", lang=o.language),
    )
    expect(found, row["e"], "iagsh:EvidenceShape iag:quote MinLength")
    # Also reported on the statement, which reaches it through sh:node.
    expect(found, row["s"], "iagsh:StatementShape iag:evidence Node", value=row["e"])
    print("pyshacl: 10 ways of breaking the data are each reported on the right node and path")


def check_fixture(checker, fixture_path):
    """broken.ttl's violations, exactly: no more, no fewer."""
    found = checker.results(Graph().parse(fixture_path, format="turtle"))
    got = {(f, p, s, c) for f, p, s, c, _ in found}
    wanted = {
        (ID["sans-libelle-francais"], "rdfs:label", "iagsh:LabelFrenchProperty", "QualifiedMinCount"),
        (ID["libelle-sans-langue"], "rdfs:label", "iagsh:LabelLangStringProperty", "Datatype"),
        (ID["code-en-minuscules"], "iag:iso3166Alpha2", "iagsh:StateShape", "Pattern"),
        (ID["devise-en-minuscules"], "iag:iso4217Code", "iagsh:CurrencyShape", "Pattern"),
    }
    if got != wanted:
        show = lambda s: "\n".join(f"  {short(f)} {p} {sh} {c}" for f, p, sh, c in sorted(s, key=str))
        fail(
            f"{fixture_path}: unexpected violations:\n{show(got - wanted) or '  (none)'}\n"
            f"missing:\n{show(wanted - got) or '  (none)'}"
        )
    print(f"pyshacl: {fixture_path} has exactly its {len(wanted)} violations")


def check_coverage(checker, graph, data):
    shapes = checker.shapes

    def targeted(cls):
        return any(
            (s, RDF.type, SH.NodeShape) in shapes for s in shapes.subjects(SH.targetClass, cls)
        )

    for name in (
        "Person Organisation Place Infrastructure Initiative Event Regulation AIProduct "
        "Domain SourceArticle Statement Evidence Funding QuantifiedTarget"
    ).split():
        if not targeted(IAG[name]):
            fail(f"no node shape targets iag:{name}")

    reached = {
        cls for s, cls in shapes.subject_objects(SH["class"]) if shapes.value(s, SH.node) is not None
    }
    declared = {c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(IAG))}
    used = set(data.objects(None, RDF.type))
    missing = sorted(short(c) for c in declared | used if not targeted(c) and c not in reached)
    if missing:
        fail(f"classes no shape validates: {missing}")

    # Without inference, an sh:or of sh:class alternatives stands for a class
    # and its subclasses: it must list every subclass the ontology declares.
    for owner, alternatives in shapes.subject_objects(SH["or"]):
        classes = {
            shapes.value(m, SH["class"])
            for m in shapes.items(alternatives)
            if shapes.value(m, SH["class"]) is not None
        }
        for cls in classes:
            for sub in graph.subjects(RDFS.subClassOf, cls):
                if sub not in classes:
                    fail(f"sh:or on {checker.owner(owner)} lists {short(cls)} but not its subclass {short(sub)}")
    print("pyshacl: the shapes reach every class of the ontology and the data")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    trig, shapes, fixture = sys.argv[1:]
    checker = Checker(shapes)
    graph, data = union(trig)
    check_real_data(checker, graph)
    check_broken_copies(checker, graph)
    check_fixture(checker, Path(fixture))
    check_coverage(checker, graph, data)


if __name__ == "__main__":
    main()
