//! SHACL validation of the curated graph against `ontology/shapes.ttl`.
//!
//! No maintained Rust SHACL validator composes with Oxigraph 0.5, so this is a
//! small SHACL Core checker driven by the shapes file. A shape's focus nodes
//! and value nodes are SPARQL group patterns (binding `?f`, and `?f ?v`); most
//! constraints become one SPARQL query for their violations, while `sh:node`,
//! `sh:or` and `sh:qualifiedValueShape` validate the nested shape on the value
//! nodes and combine the results in Rust. Any `sh:` construct the checker does
//! not implement fails the tests instead of being skipped.
//!
//! Class membership is plain `rdf:type`, without `rdfs:subClassOf`: the store
//! does no inference and the shapes list subclasses explicitly.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use iagraph::vocab::PREFIXES;
use iagraph::{Base, Graph, Project};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    Graph as RdfGraph, Literal, NamedNode, NamedOrBlankNodeRef, Quad, Term, TermRef, Triple,
};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const SH: &str = "http://www.w3.org/ns/shacl#";
const IAGSH: &str = "https://w3id.org/iagraph/shapes#";

/// The `sh:` predicates the checker implements (or that carry no constraint).
const SUPPORTED: &str = "targetClass property path name message minCount maxCount datatype \
    nodeKind class in languageIn uniqueLang qualifiedValueShape qualifiedMinCount minLength \
    pattern flags lessThanOrEquals or node";

/// XSD datatypes Oxigraph casts to: a cast fails on an ill-formed lexical form.
const CASTABLE: &str = "decimal integer boolean double float date time dateTime gYear gYearMonth";

fn listed(words: &str, word: &str) -> bool {
    words.split_whitespace().any(|w| w == word)
}

/// `iag:date` → its full IRI (the project's prefixes, plus `sh:`).
fn expand(name: &str) -> NamedNode {
    let (prefix, local) = name.split_once(':').expect("a prefixed name");
    let ns = PREFIXES
        .iter()
        .chain(&[("sh", SH)])
        .find(|(p, _)| *p == prefix);
    NamedNode::new_unchecked(format!("{}{local}", ns.expect("a known prefix").1))
}

fn short_iri(iri: &str) -> String {
    for (prefix, ns) in [("sh", SH), ("iagsh", IAGSH)] {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{prefix}:{local}");
        }
    }
    iagraph::query::short_iri(iri, Base::DEFAULT)
}

/// IRIs shortened; literals in full, so that datatypes and languages show.
fn short(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => short_iri(n.as_str()),
        other => other.to_string(),
    }
}

/// One failed constraint, as in a SHACL validation result.
#[derive(Debug, Clone)]
struct Violation {
    focus: Term,
    /// The shape holding the constraint, or the nearest named one around it.
    shape: String,
    path: Option<NamedNode>,
    component: String,
    value: Option<Term>,
    message: String,
    /// Why the value failed a nested shape (`sh:node`, `sh:or`).
    details: Vec<Violation>,
}

impl Violation {
    fn write(&self, f: &mut fmt::Formatter<'_>, depth: usize) -> fmt::Result {
        let indent = "    ".repeat(depth);
        write!(f, "{indent}{} ✗ {}", short(&self.focus), self.shape)?;
        if let Some(p) = &self.path {
            write!(f, " path={}", short_iri(p.as_str()))?;
        }
        write!(f, " {}", self.component)?;
        if let Some(v) = &self.value {
            write!(f, " value={}", short(v))?;
        }
        writeln!(f, " — {}", self.message)?;
        self.details.iter().try_for_each(|d| d.write(f, depth + 1))
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, 0)
    }
}

fn report(violations: &[Violation]) -> String {
    violations.iter().map(ToString::to_string).collect()
}

fn select(store: &Store, query: &str) -> Res<Vec<QuerySolution>> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| format!("{e} in: {query}"))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(rows) = prepared.on_store(store).execute()? else {
        return Err(format!("not a SELECT: {query}").into());
    };
    Ok(rows.collect::<Result<_, _>>()?)
}

fn get(row: &QuerySolution, var: &str) -> Res<Term> {
    let term = row.get(var).cloned();
    term.ok_or_else(|| format!("?{var} unbound").into())
}

fn as_node(term: TermRef<'_>) -> Res<NamedOrBlankNodeRef<'_>> {
    match term {
        TermRef::NamedNode(n) => Ok(n.into()),
        TermRef::BlankNode(b) => Ok(b.into()),
        other => Err(format!("expected a shape or list node, found {other}").into()),
    }
}

/// The items of the RDF list at `head`.
fn list<'a>(shapes: &'a RdfGraph, mut head: TermRef<'a>) -> Res<Vec<TermRef<'a>>> {
    let mut items = Vec::new();
    while head != TermRef::from(expand("rdf:nil").as_ref()) {
        let node = as_node(head)?;
        items.extend(shapes.object_for_subject_predicate(node, &expand("rdf:first")));
        head = shapes
            .object_for_subject_predicate(node, &expand("rdf:rest"))
            .ok_or("malformed RDF list")?;
    }
    Ok(items)
}

fn load_shapes() -> Res<RdfGraph> {
    let path = Project::new(env!("CARGO_MANIFEST_DIR")).shapes_file();
    parse_shapes(std::fs::File::open(path)?)
}

/// Parses shapes, failing on any SHACL construct the checker lacks, even in
/// shapes no target reaches.
fn parse_shapes(turtle: impl std::io::Read) -> Res<RdfGraph> {
    let mut shapes = RdfGraph::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_reader(turtle) {
        shapes.insert(&Triple::from(quad?));
    }
    for t in shapes.iter() {
        let param = t.predicate.as_str().strip_prefix(SH);
        let class = match t.object {
            TermRef::NamedNode(o) if t.predicate == expand("rdf:type") => {
                o.as_str().strip_prefix(SH)
            }
            _ => None,
        };
        if param.is_some_and(|p| !listed(SUPPORTED, p))
            || class.is_some_and(|c| c != "NodeShape" && c != "PropertyShape")
        {
            return Err(format!("unsupported SHACL construct in the shapes: {t}").into());
        }
        if param == Some("path") && !t.object.is_named_node() {
            return Err(format!("unsupported sh:path form (predicate paths only): {t}").into());
        }
    }
    Ok(shapes)
}

/// Validates every targeted shape on `store`.
fn validate(store: &Store) -> Res<Vec<Violation>> {
    let shapes = load_shapes()?;
    let checker = Checker {
        store,
        shapes: &shapes,
    };
    let target = expand("sh:targetClass");
    let mut targeted = Vec::new();
    for t in shapes.triples_for_predicate(&target) {
        if !targeted.contains(&t.subject) {
            targeted.push(t.subject);
        }
    }
    let mut out = Vec::new();
    for shape in targeted {
        let classes: Vec<_> = shapes
            .objects_for_subject_predicate(shape, &target)
            .map(|c| c.to_string())
            .collect();
        let focus = format!(
            "{{ SELECT DISTINCT ?f WHERE {{ VALUES ?class {{ {} }} ?f a ?class }} }}",
            classes.join(" ")
        );
        out.extend(checker.check(shape, &focus, "")?);
    }
    out.sort_by_cached_key(ToString::to_string);
    Ok(out)
}

/// A shape being evaluated on a set of focus nodes.
struct Ctx {
    name: String,
    path: Option<NamedNode>,
    message: String,
    /// SPARQL group binding the focus nodes `?f`.
    focus: String,
    /// SPARQL group binding `?f` and its value nodes `?v`.
    values: String,
}

impl Ctx {
    /// The value nodes, as the focus nodes of a nested shape. The inner
    /// SELECT keeps `?f` out of scope so that `?v` can be renamed to it.
    fn value_focus(&self) -> String {
        let values = &self.values;
        format!(
            "{{ SELECT DISTINCT (?v AS ?f) WHERE {{ {{ SELECT DISTINCT ?v WHERE {{ {values} }} }} }} }}"
        )
    }

    fn violation(&self, component: &str, focus: Term, value: Option<Term>) -> Violation {
        Violation {
            focus,
            shape: self.name.clone(),
            path: self.path.clone(),
            component: format!("sh:{component}ConstraintComponent"),
            value,
            message: self.message.clone(),
            details: Vec::new(),
        }
    }
}

struct Checker<'a> {
    store: &'a Store,
    shapes: &'a RdfGraph,
}

impl<'a> Checker<'a> {
    fn object(&self, shape: NamedOrBlankNodeRef<'_>, param: &str) -> Option<TermRef<'a>> {
        self.shapes
            .object_for_subject_predicate(shape, &expand(&format!("sh:{param}")))
    }

    /// Validates `shape` on the focus nodes bound by `focus`; `outer` names
    /// the nearest named shape around an anonymous one.
    fn check(
        &self,
        shape: NamedOrBlankNodeRef<'_>,
        focus: &str,
        outer: &str,
    ) -> Res<Vec<Violation>> {
        let name = match shape {
            NamedOrBlankNodeRef::NamedNode(n) => short_iri(n.as_str()),
            _ if outer.is_empty() => shape.to_string(),
            _ => outer.to_owned(),
        };
        let path = match self.object(shape, "path") {
            Some(TermRef::NamedNode(p)) => Some(p.into_owned()),
            _ => None, // other path forms are rejected by `parse_shapes`
        };
        let values = match &path {
            Some(p) => format!("{focus} ?f {p} ?v ."),
            None => format!("{focus} BIND(?f AS ?v)"),
        };
        let message = self
            .shapes
            .objects_for_subject_predicate(shape, &expand("sh:message"))
            .filter_map(|m| {
                if let TermRef::Literal(l) = m {
                    Some(l)
                } else {
                    None
                }
            })
            .min_by_key(|l| l.language() != Some("en"))
            .map(|l| l.value().to_owned());
        let mut c = Ctx {
            name,
            path,
            message: String::new(),
            focus: focus.to_owned(),
            values,
        };
        let mut out = Vec::new();
        for t in self.shapes.triples_for_subject(shape) {
            // rdf:type, rdfs:label, … are not constraints.
            let Some(param) = t.predicate.as_str().strip_prefix(SH) else {
                continue;
            };
            let v = t.object;
            // Anonymous nested shapes rarely have a sh:message: say which constraint failed.
            c.message = message.clone().unwrap_or_else(|| match v {
                TermRef::BlankNode(_) => format!("sh:{param}"),
                _ => format!("sh:{param} {}", short(&v.into_owned())),
            });
            out.extend(match param {
                // On a node shape the value node is the focus node itself.
                "property" if c.path.is_none() => self.check(as_node(v)?, &c.focus, &c.name)?,
                "property" => self.check(as_node(v)?, &c.value_focus(), &c.name)?,
                "node" => self.nested(&c, "Node", &[v])?,
                "or" => self.nested(&c, "Or", &list(self.shapes, v)?)?,
                "qualifiedValueShape" => self.qualified(&c, shape, v)?,
                _ => match self.query(&c, shape, param, v)? {
                    Some(q) => {
                        let component = format!("{}{}", param[..1].to_uppercase(), &param[1..]);
                        let rows = select(self.store, &q)?;
                        let found = rows.iter().map(|r| {
                            Ok(c.violation(&component, get(r, "f")?, r.get("value").cloned()))
                        });
                        found.collect::<Res<Vec<_>>>()?
                    }
                    None => Vec::new(),
                },
            });
        }
        Ok(out)
    }

    /// The SPARQL query selecting the violations (`?f`, optional `?value`)
    /// of the constraint `param` = `v`; `None` for parameters that are not
    /// constraints of their own.
    fn query(
        &self,
        c: &Ctx,
        shape: NamedOrBlankNodeRef<'_>,
        param: &str,
        v: TermRef<'_>,
    ) -> Res<Option<String>> {
        let path = || {
            c.path
                .as_ref()
                .ok_or_else(|| format!("{}: sh:{param} needs sh:path", c.name))
        };
        // A test on each value node; an evaluation error counts as a failure.
        let test = |expr: String| {
            format!(
                "SELECT DISTINCT ?f (?v AS ?value) WHERE {{ {} FILTER(!COALESCE({expr}, false)) }}",
                c.values
            )
        };
        let any = |items: Vec<TermRef<'_>>, expr: &dyn Fn(TermRef<'_>) -> String| {
            items
                .into_iter()
                .fold("false".to_owned(), |e, t| format!("{e} || {}", expr(t)))
        };
        Ok(Some(match param {
            "minCount" | "maxCount" => format!(
                "SELECT ?f WHERE {{ {} OPTIONAL {{ ?f {} ?v }} }} GROUP BY ?f HAVING (COUNT(DISTINCT ?v) {} {v})",
                c.focus,
                path()?,
                if param == "minCount" { "<" } else { ">" }
            ),
            "datatype" => {
                let xsd = v
                    .to_string()
                    .trim_matches(['<', '>'])
                    .strip_prefix("http://www.w3.org/2001/XMLSchema#")
                    .map(str::to_owned);
                let well_formed = match xsd {
                    Some(t) if listed(CASTABLE, &t) => format!(" && !isBlank({v}(?v))"),
                    _ => String::new(),
                };
                test(format!("isLiteral(?v) && DATATYPE(?v) = {v}{well_formed}"))
            }
            "nodeKind" => test(
                match v.to_string().trim_matches(['<', '>']).strip_prefix(SH) {
                    Some("IRI") => "isIRI(?v)",
                    Some("Literal") => "isLiteral(?v)",
                    Some("BlankNode") => "isBlank(?v)",
                    Some("BlankNodeOrIRI") => "!isLiteral(?v)",
                    Some("BlankNodeOrLiteral") => "!isIRI(?v)",
                    Some("IRIOrLiteral") => "!isBlank(?v)",
                    _ => return Err(format!("{}: unknown sh:nodeKind {v}", c.name).into()),
                }
                .to_owned(),
            ),
            "class" => test(format!("EXISTS {{ ?v a {v} }}")),
            "in" => test(any(list(self.shapes, v)?, &|t| {
                format!("sameTerm(?v, {t})")
            })),
            "languageIn" => test(any(list(self.shapes, v)?, &|t| {
                format!("langMatches(LANG(?v), {t})")
            })),
            "minLength" => test(format!("!isBlank(?v) && STRLEN(STR(?v)) >= {v}")),
            "pattern" => {
                let flags = self
                    .object(shape, "flags")
                    .map_or(String::new(), |f| format!(", {f}"));
                test(format!("!isBlank(?v) && REGEX(STR(?v), {v}{flags})"))
            }
            // One result per focus node and repeated language.
            "uniqueLang" if v == TermRef::from(Literal::from(true).as_ref()) => format!(
                "SELECT DISTINCT ?f (LCASE(LANG(?v)) AS ?value) WHERE {{ {} ?f {} ?w \
                 FILTER(!sameTerm(?v, ?w) && LANG(?v) != '' && LCASE(LANG(?v)) = LCASE(LANG(?w))) }}",
                c.values,
                path()?
            ),
            "lessThanOrEquals" => format!(
                "SELECT DISTINCT ?f (?v AS ?value) WHERE {{ {} ?f {v} ?w FILTER(!COALESCE(?v <= ?w, false)) }}",
                c.values
            ),
            // Read with the constraint they qualify, or not constraints.
            "uniqueLang" | "targetClass" | "path" | "name" | "message" | "flags"
            | "qualifiedMinCount" => {
                return Ok(None);
            }
            other => {
                return Err(format!("{}: unsupported SHACL construct sh:{other}", c.name).into());
            }
        }))
    }

    /// The focus nodes and their value nodes.
    fn pairs(&self, c: &Ctx) -> Res<Vec<(Term, Term)>> {
        let rows = select(
            self.store,
            &format!("SELECT DISTINCT ?f ?v WHERE {{ {} }}", c.values),
        )?;
        rows.iter()
            .map(|r| Ok((get(r, "f")?, get(r, "v")?)))
            .collect()
    }

    /// Validates `shape` on all the value nodes at once: the value nodes that
    /// fail it, with their violations.
    fn failures(&self, c: &Ctx, shape: TermRef<'_>) -> Res<HashMap<Term, Vec<Violation>>> {
        let mut failed: HashMap<Term, Vec<Violation>> = HashMap::new();
        for v in self.check(as_node(shape)?, &c.value_focus(), &c.name)? {
            failed.entry(v.focus.clone()).or_default().push(v);
        }
        Ok(failed)
    }

    /// `sh:node` (one shape) and `sh:or` (several): each value node must
    /// conform to at least one of `shapes`.
    fn nested(&self, c: &Ctx, component: &str, shapes: &[TermRef<'_>]) -> Res<Vec<Violation>> {
        let failures = shapes
            .iter()
            .map(|s| self.failures(c, *s))
            .collect::<Res<Vec<_>>>()?;
        let mut out = Vec::new();
        for (f, v) in self.pairs(c)? {
            if failures.iter().all(|m| m.contains_key(&v)) {
                let mut violation = c.violation(component, f, Some(v.clone()));
                violation.details = failures.iter().flat_map(|m| m[&v].clone()).collect();
                out.push(violation);
            }
        }
        Ok(out)
    }

    /// `sh:qualifiedValueShape` with `sh:qualifiedMinCount`.
    fn qualified(
        &self,
        c: &Ctx,
        shape: NamedOrBlankNodeRef<'_>,
        qualifier: TermRef<'_>,
    ) -> Res<Vec<Violation>> {
        let Some(TermRef::Literal(min)) = self.object(shape, "qualifiedMinCount") else {
            return Err(format!(
                "{}: sh:qualifiedValueShape needs sh:qualifiedMinCount",
                c.name
            )
            .into());
        };
        let min: usize = min.value().parse()?;
        let failed = self.failures(c, qualifier)?;
        let mut conforming: HashMap<Term, usize> = HashMap::new();
        for r in select(
            self.store,
            &format!("SELECT DISTINCT ?f WHERE {{ {} }}", c.focus),
        )? {
            conforming.insert(get(&r, "f")?, 0);
        }
        for (f, v) in self.pairs(c)? {
            if !failed.contains_key(&v) {
                *conforming.entry(f).or_default() += 1;
            }
        }
        let too_few = conforming.into_iter().filter(|(_, n)| *n < min);
        Ok(too_few
            .map(|(f, _)| c.violation("QualifiedMinCount", f, None))
            .collect())
    }
}

/// A fresh store holding the curated graph (built once for all tests).
fn curated() -> Res<Store> {
    static QUADS: OnceLock<Vec<Quad>> = OnceLock::new();
    let quads = QUADS.get_or_init(|| {
        let graph = Graph::build(&Project::new(env!("CARGO_MANIFEST_DIR")), &Base::default())
            .expect("the curated graph builds");
        graph
            .store()
            .iter()
            .collect::<Result<_, _>>()
            .expect("the store reads")
    });
    let store = Store::new()?;
    store.extend(quads.iter().cloned())?;
    Ok(store)
}

#[test]
fn data_conforms_to_shapes() -> Res<()> {
    let violations = validate(&curated()?)?;
    assert!(
        violations.is_empty(),
        "{} SHACL violation(s):\n{}",
        violations.len(),
        report(&violations)
    );
    Ok(())
}

// --- The checker catches broken data -------------------------------------

/// Breaks a copy of the curated data: picks a row with `query`, and replaces
/// each `?var predicate ?o` quad by `change(?o)` (dropping it on `None`).
/// Returns the row and the violations this introduced, so that these tests
/// do not depend on the rest of the data conforming.
fn broken(
    query: &str,
    var: &str,
    predicate: &str,
    change: impl Fn(&Term) -> Option<Term>,
) -> Res<(QuerySolution, Vec<Violation>)> {
    let store = curated()?;
    let prefixes: String = PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect();
    let rows = select(&store, &format!("{prefixes}{query} LIMIT 1"))?;
    let row = rows
        .into_iter()
        .next()
        .ok_or_else(|| format!("nothing matches {query}"))?;
    let Term::NamedNode(subject) = get(&row, var)? else {
        return Err("not an IRI".into());
    };
    let before: HashSet<String> = validate(&store)?.iter().map(ToString::to_string).collect();
    let quads = store.quads_for_pattern(
        Some(subject.as_ref().into()),
        Some(expand(predicate).as_ref()),
        None,
        None,
    );
    let quads = quads.collect::<Result<Vec<_>, _>>()?;
    assert!(!quads.is_empty(), "no {subject} {predicate} to change");
    for q in quads {
        store.remove(&q)?;
        if let Some(o) = change(&q.object) {
            store.insert(&Quad::new(q.subject, q.predicate, o, q.graph_name))?;
        }
    }
    let after = validate(&store)?;
    Ok((
        row,
        after
            .into_iter()
            .filter(|v| !before.contains(&v.to_string()))
            .collect(),
    ))
}

/// The violation `spec` ("shape path component") of `focus`, which must be found.
fn expect<'a>(found: &'a [Violation], focus: &Term, spec: &str) -> &'a Violation {
    let [shape, path, component] = spec.split(' ').collect::<Vec<_>>()[..] else {
        panic!("bad spec {spec}")
    };
    let (path, component) = (expand(path), format!("sh:{component}ConstraintComponent"));
    let matches = |v: &&Violation| {
        (&v.focus, v.shape.as_str(), v.path.as_ref(), &v.component)
            == (focus, shape, Some(&path), &component)
    };
    let missing = || panic!("no {} {spec} among:\n{}", short(focus), report(found));
    found.iter().find(matches).unwrap_or_else(missing)
}

/// Maps the literal objects, keeps the others.
fn literal(change: impl Fn(&Literal) -> Option<Literal>) -> impl Fn(&Term) -> Option<Term> {
    move |o| match o {
        Term::Literal(l) => change(l).map(Into::into),
        other => Some(other.clone()),
    }
}

#[test]
fn funding_amount_without_currency_is_caught() -> Res<()> {
    let q = "SELECT ?s ?a WHERE { ?s a iag:Funding ; iag:amount ?a } ORDER BY ?s";
    let (row, found) = broken(q, "a", "schema:currency", |_| None)?;
    let v = expect(
        &found,
        &get(&row, "s")?,
        "iagsh:FundingShape iag:amount Node",
    );
    // The nested results say why the amount fails its shape.
    let why = "iagsh:MonetaryAmountShape schema:currency MinCount";
    expect(&v.details, &get(&row, "a")?, why);
    Ok(())
}

#[test]
fn amount_without_its_currency_entity_is_caught() -> Res<()> {
    let q = "SELECT ?s ?a WHERE { ?s a iag:Funding ; iag:amount ?a } ORDER BY ?s";
    let (row, found) = broken(q, "a", "iag:currencyEntity", |_| None)?;
    let v = expect(
        &found,
        &get(&row, "s")?,
        "iagsh:FundingShape iag:amount Node",
    );
    let why = "iagsh:MonetaryAmountShape iag:currencyEntity MinCount";
    expect(&v.details, &get(&row, "a")?, why);
    Ok(())
}

#[test]
fn lower_case_country_code_is_caught() -> Res<()> {
    let q = "SELECT ?e WHERE { ?e iag:iso3166Alpha2 ?code } ORDER BY ?e";
    let lower = literal(|l| Some(Literal::new_simple_literal(l.value().to_lowercase())));
    let (row, found) = broken(q, "e", "iag:iso3166Alpha2", lower)?;
    let spec = "iagsh:StateShape iag:iso3166Alpha2 Pattern";
    expect(&found, &get(&row, "e")?, spec);
    Ok(())
}

#[test]
fn entity_without_french_label_is_caught() -> Res<()> {
    let q = "SELECT ?e WHERE { ?e a iag:Person } ORDER BY ?e";
    let drop_fr = literal(|l| (l.language() != Some("fr")).then(|| l.clone()));
    let (row, found) = broken(q, "e", "rdfs:label", drop_fr)?;
    let spec = "iagsh:LabelFrenchProperty rdfs:label QualifiedMinCount";
    expect(&found, &get(&row, "e")?, spec);
    Ok(())
}

#[test]
fn statement_without_source_is_caught() -> Res<()> {
    let q = "SELECT ?s WHERE { ?s a iag:Statement } ORDER BY ?s";
    let (row, found) = broken(q, "s", "prov:wasDerivedFrom", |_| None)?;
    let spec = "iagsh:StatementShape prov:wasDerivedFrom MinCount";
    expect(&found, &get(&row, "s")?, spec);
    Ok(())
}

#[test]
fn statement_without_modality_is_caught() -> Res<()> {
    let q = "SELECT ?s WHERE { ?s a iag:Statement } ORDER BY ?s";
    let (row, found) = broken(q, "s", "iag:modality", |_| None)?;
    expect(
        &found,
        &get(&row, "s")?,
        "iagsh:StatementShape iag:modality MinCount",
    );
    Ok(())
}

#[test]
fn modality_outside_the_scheme_is_caught() -> Res<()> {
    let q = "SELECT ?s WHERE { ?s a iag:Statement } ORDER BY ?s";
    let other = |_: &Term| Some(Term::from(expand("iag:Funding")));
    let (row, found) = broken(q, "s", "iag:modality", other)?;
    expect(
        &found,
        &get(&row, "s")?,
        "iagsh:StatementShape iag:modality In",
    );
    Ok(())
}

#[test]
fn inference_without_reason_is_caught() -> Res<()> {
    let q = "SELECT ?i WHERE { ?s iag:inferred ?i } ORDER BY ?i";
    let (row, found) = broken(q, "i", "iag:reason", |_| None)?;
    expect(
        &found,
        &get(&row, "i")?,
        "iagsh:InferenceShape iag:reason MinCount",
    );
    Ok(())
}

#[test]
fn date_typed_as_string_is_caught() -> Res<()> {
    let q = "SELECT ?s WHERE { ?s iag:date ?d } ORDER BY ?s";
    let as_string = literal(|l| Some(Literal::new_simple_literal(l.value())));
    let (row, found) = broken(q, "s", "iag:date", as_string)?;
    let v = expect(&found, &get(&row, "s")?, "iagsh:StatementShape iag:date Or");
    assert_eq!(v.details.len(), 3, "one sh:datatype failure each:\n{v}");
    Ok(())
}

#[test]
fn empty_quote_is_caught() -> Res<()> {
    let q = "SELECT ?s ?e WHERE { ?s iag:evidence ?e } ORDER BY ?s ?e";
    let empty = literal(|l| {
        Some(Literal::new_language_tagged_literal_unchecked(
            "",
            l.language()?,
        ))
    });
    let (row, found) = broken(q, "e", "iag:quote", empty)?;
    expect(
        &found,
        &get(&row, "e")?,
        "iagsh:EvidenceShape iag:quote MinLength",
    );
    // Also reported on the statement, which reaches it through sh:node.
    expect(
        &found,
        &get(&row, "s")?,
        "iagsh:StatementShape iag:evidence Node",
    );
    Ok(())
}

#[test]
fn unsupported_constructs_fail() {
    for (shape, construct) in [
        (
            "sh:property [ sh:path rdfs:label ; sh:maxLength 5 ]",
            "maxLength",
        ),
        (
            "sh:property [ sh:path ( rdfs:label rdfs:comment ) ]",
            "sh:path",
        ),
        ("sh:targetNode iag:x", "targetNode"),
        ("a sh:SPARQLConstraint", "SPARQLConstraint"),
    ] {
        let turtle = format!(
            "@prefix sh: <{SH}> . @prefix iag: <{}> . @prefix rdfs: <{}> . \
             [] sh:targetClass iag:Person ; {shape} .",
            expand("iag:").as_str(),
            expand("rdfs:").as_str()
        );
        let err = parse_shapes(turtle.as_bytes()).expect_err(construct);
        assert!(err.to_string().contains(construct), "{construct}: {err}");
    }
}

// --- The shapes cover the graph ------------------------------------------

#[test]
fn shapes_cover_main_classes() -> Res<()> {
    let shapes = load_shapes()?;
    let node_shape = expand("sh:NodeShape");
    let targeted = |class: &NamedNode| {
        shapes
            .subjects_for_predicate_object(&expand("sh:targetClass"), class)
            .any(|s| {
                shapes.contains(&Triple::new(
                    s.into_owned(),
                    expand("rdf:type"),
                    node_shape.clone(),
                ))
            })
    };
    for class in "Person Organisation Place Infrastructure Initiative Event Regulation AIProduct \
        Domain SourceArticle Statement Evidence Funding QuantifiedTarget"
        .split_whitespace()
    {
        assert!(
            targeted(&expand(&format!("iag:{class}"))),
            "no node shape targets iag:{class}"
        );
    }

    // Every class the ontology declares or the data uses is validated: as a
    // target, or through sh:node from a property whose sh:class it is.
    let store = curated()?;
    let query = format!(
        "SELECT DISTINCT ?c WHERE {{ {{ ?c a {} FILTER(STRSTARTS(STR(?c), '{}')) }} \
         UNION {{ GRAPH {} {{ ?x a ?c }} }} }}",
        expand("owl:Class"),
        expand("iag:").as_str(),
        Base::default().data_graph()
    );
    let reached: HashSet<_> = shapes
        .triples_for_predicate(&expand("sh:class"))
        .filter(|t| {
            shapes
                .object_for_subject_predicate(t.subject, &expand("sh:node"))
                .is_some()
        })
        .map(|t| t.object.into_owned())
        .collect();
    let mut missing = Vec::new();
    for row in select(&store, &query)? {
        match get(&row, "c")? {
            Term::NamedNode(c) if targeted(&c) || reached.contains(&c.clone().into()) => {}
            other => missing.push(short(&other)),
        }
    }
    assert!(
        missing.is_empty(),
        "classes no shape validates: {missing:?}"
    );

    // Without inference, an sh:or of sh:class alternatives stands for a class
    // and its subclasses: it must list every subclass the ontology declares.
    for t in shapes.triples_for_predicate(&expand("sh:or")) {
        let classes: Vec<_> = list(&shapes, t.object)?
            .into_iter()
            .filter_map(|m| {
                shapes.object_for_subject_predicate(as_node(m).ok()?, &expand("sh:class"))
            })
            .map(TermRef::into_owned)
            .collect();
        for class in &classes {
            let query = format!(
                "SELECT ?sub WHERE {{ ?sub {} {class} }}",
                expand("rdfs:subClassOf")
            );
            for row in select(&store, &query)? {
                let sub = get(&row, "sub")?;
                assert!(
                    classes.contains(&sub),
                    "sh:or on {} lists {class} but not its subclass {sub}",
                    t.subject
                );
            }
        }
    }
    Ok(())
}
