//! A GraphViz drawing of the graph, built through petgraph.
//!
//! Entities are nodes, coloured and shaped by the top class of their type;
//! relations are labelled edges, fundings carry their amounts, and targets
//! and figures hang off their entity as notes. A legend explains the colours.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::Write;

use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use petgraph::dot::{Config, Dot};
use petgraph::graph::{DiGraph, NodeIndex};

use crate::error::{Error, Result};
use crate::query::select;
use crate::store::Graph;
use crate::vocab::{iag, rdf, rdfs};
use crate::wording::{self, Lang, money};

/// One colour group of the drawing: (top class, shape, fill colour).
/// A class belongs to the first group it descends from.
pub const GROUPS: &[(&str, &str, &str)] = &[
    ("Person", "ellipse", "#f4cccc"),
    ("Organisation", "box", "#cfe2f3"),
    ("Infrastructure", "box3d", "#fff2cc"),
    ("Initiative", "folder", "#d9d2e9"),
    ("Event", "hexagon", "#fce5cd"),
    ("Regulation", "octagon", "#ead1dc"),
    ("AIProduct", "component", "#d0e0e3"),
    ("Place", "house", "#d9ead3"),
    ("Domain", "ellipse", "#eeeeee"),
];

/// Shape and colour of targets and figures.
pub const NOTE: (&str, &str) = ("note", "#ffffff");

/// The legend's name for [`NOTE`]s.
pub fn note_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Target or figure",
        Lang::Fr => "Objectif ou chiffre",
    }
}

/// What to draw.
#[derive(Debug, Clone)]
pub struct DotOptions {
    /// Label language.
    pub lang: Lang,
    /// Draw only the neighbourhood of this entity (a slug or an IRI).
    pub focus: Option<String>,
    /// How many edges away from the focus to go.
    pub depth: usize,
}

impl Default for DotOptions {
    fn default() -> Self {
        Self {
            lang: Lang::Fr,
            focus: None,
            depth: 1,
        }
    }
}

/// An entity, or a target or figure, in a drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub iri: String,
    pub label: String,
    /// Index in [`GROUPS`], or `None` for a target or figure.
    pub group: Option<usize>,
}

impl Node {
    /// The node's (shape, fill colour) in the drawing.
    pub fn style(&self) -> (&'static str, &'static str) {
        self.group.map_or(NOTE, |g| (GROUPS[g].1, GROUPS[g].2))
    }
}

/// A relation in a drawing, labelled with its property's label (and the
/// amounts of the fundings it stands for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub label: String,
    pub symmetric: bool,
    /// Reported as done (`iag:Reported`); any other modality is drawn dotted
    /// and named in the label.
    pub reported: bool,
}

// petgraph's `Dot` needs `Display` weights even though the labels are
// written as escaped attributes instead.
impl std::fmt::Display for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl std::fmt::Display for Edge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// Writes the drawing in the DOT language.
///
/// ```
/// # use iagraph::{Base, Graph, Project, export::dot::{write_dot, DotOptions}};
/// let graph = Graph::build(&Project::new(env!("CARGO_MANIFEST_DIR")), &Base::default())?;
/// let options = DotOptions { focus: Some("jean-zay".into()), ..DotOptions::default() };
/// let mut dot = Vec::new();
/// write_dot(&graph, &options, &mut dot)?;
/// assert!(String::from_utf8(dot).unwrap().contains("Jean Zay"));
/// # Ok::<_, iagraph::Error>(())
/// ```
pub fn write_dot(graph: &Graph, options: &DotOptions, out: &mut impl Write) -> Result<()> {
    let drawing = drawing(graph, options)?;
    let lang = options.lang;
    let node_attrs = |_, (_, node): (NodeIndex, &Node)| {
        let (shape, colour) = node.style();
        format!(
            "label=\"{}\" shape={shape} fillcolor=\"{colour}\" tooltip=\"{}\"",
            escape(&node.label),
            escape(&node.iri)
        )
    };
    let edge_attrs = |_, edge: petgraph::graph::EdgeReference<'_, Edge>| {
        let e = edge.weight();
        let dir = if e.symmetric { " dir=none" } else { "" };
        let style = if e.reported { "" } else { " style=dotted" };
        format!("label=\"{}\"{dir}{style}", escape(&e.label))
    };
    let dot = Dot::with_attr_getters(
        &drawing,
        &[
            Config::GraphContentOnly,
            Config::NodeNoLabel,
            Config::EdgeNoLabel,
        ],
        &edge_attrs,
        &node_attrs,
    );
    let title = match lang {
        Lang::En => "iagraph: France's national AI strategy",
        Lang::Fr => "iagraph : la stratégie nationale française pour l'IA",
    };
    let io = |r: std::io::Result<()>| r.map_err(Error::Serialize);
    io(writeln!(out, "digraph iagraph {{"))?;
    io(writeln!(
        out,
        "    label=\"{}\"; labelloc=t; fontname=\"Helvetica\"; rankdir=LR;",
        escape(title)
    ))?;
    io(writeln!(
        out,
        "    node [style=filled fontname=\"Helvetica\" fontsize=11];"
    ))?;
    io(writeln!(
        out,
        "    edge [fontname=\"Helvetica\" fontsize=9 color=\"#555555\"];"
    ))?;
    io(write!(out, "{dot}"))?;
    write_legend(graph, &drawing, lang, out)?;
    io(writeln!(out, "}}"))
}

fn write_legend(
    graph: &Graph,
    drawing: &DiGraph<Node, Edge>,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let used: BTreeSet<Option<usize>> = drawing.node_weights().map(|n| n.group).collect();
    let labels = class_labels(graph, lang)?;
    let io = |r: std::io::Result<()>| r.map_err(Error::Serialize);
    io(writeln!(out, "    subgraph cluster_legend {{"))?;
    io(writeln!(
        out,
        "        label=\"{}\"; fontname=\"Helvetica\"; style=rounded; color=\"#999999\";",
        match lang {
            Lang::En => "Legend",
            Lang::Fr => "Légende",
        }
    ))?;
    let mut previous = None;
    for (i, (class, shape, colour)) in GROUPS.iter().enumerate() {
        if !used.contains(&Some(i)) {
            continue;
        }
        let label = capitalised(labels.get(*class).map_or(*class, String::as_str));
        io(writeln!(
            out,
            "        legend_{class} [label=\"{}\" shape={shape} fillcolor=\"{colour}\"];",
            escape(&label)
        ))?;
        if let Some(p) = previous {
            io(writeln!(
                out,
                "        legend_{p} -> legend_{class} [style=invis];"
            ))?;
        }
        previous = Some(*class);
    }
    if used.contains(&None) {
        let label = note_label(lang);
        io(writeln!(
            out,
            "        legend_Note [label=\"{label}\" shape={} fillcolor=\"{}\"];",
            NOTE.0, NOTE.1
        ))?;
        if let Some(p) = previous {
            io(writeln!(
                out,
                "        legend_{p} -> legend_Note [style=invis];"
            ))?;
        }
    }
    io(writeln!(out, "    }}"))
}

/// The graph as drawn: entities, targets and figures, and the relations
/// between them; only the neighbourhood of `options.focus` if set. The web
/// explorer draws the same graph.
pub fn drawing(graph: &Graph, options: &DotOptions) -> Result<DiGraph<Node, Edge>> {
    let lang = options.lang;
    let groups = class_groups(graph)?;
    // With a focus, only the nodes within reach are read: a few quads
    // instead of the whole graph.
    let focus = match &options.focus {
        None => None,
        Some(focus) => {
            let iri = if focus.contains("://") {
                focus.clone()
            } else {
                graph.base().id(focus)?.into_string()
            };
            let reach = within_reach(graph, &groups, lang, &iri, options.depth)?;
            if reach.is_empty() {
                return Err(Error::UnknownFocus(focus.clone()));
            }
            Some((iri, reach))
        }
    };
    let only = |var: &str| match &focus {
        None => String::new(),
        Some((_, reach)) => {
            let iris: Vec<String> = reach.iter().map(|i| format!("<{i}>")).collect();
            format!("VALUES ?{var} {{ {} }}", iris.join(" "))
        }
    };
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    let entities = select(
        graph,
        &format!(
            "SELECT ?e ?class ?label WHERE {{
            {}
            ?e a ?class ; rdfs:label ?label .
            FILTER(STRSTARTS(STR(?class), STR(iag:)) && LANG(?label) = \"{lang}\")
        }}",
            only("e")
        ),
    )?;
    for row in entities {
        let (Some(iri), Some(class), Some(label)) = (iri(&row[0]), iri(&row[1]), literal(&row[2]))
        else {
            continue;
        };
        if let Some(group) = groups.get(&class) {
            nodes.insert(
                iri.clone(),
                Node {
                    iri,
                    label,
                    group: Some(*group),
                },
            );
        }
    }
    let notes = select(
        graph,
        &format!(
            "SELECT ?st ?label WHERE {{
            {}
            VALUES ?type {{ iag:QuantifiedTarget iag:QuantifiedFigure }}
            ?st a ?type ; rdfs:label ?label . FILTER(LANG(?label) = \"{lang}\")
        }}",
            only("st")
        ),
    )?;
    for row in notes {
        let (Some(iri), Some(label)) = (iri(&row[0]), literal(&row[1])) else {
            continue;
        };
        // The subject is drawn already: keep what follows "Subject — ".
        let label = label
            .split_once(" — ")
            .map_or(label.clone(), |(_, rest)| rest.to_owned());
        nodes.insert(
            iri.clone(),
            Node {
                iri,
                label,
                group: None,
            },
        );
    }

    let amounts = funding_amounts(graph, lang, &only("s"))?;
    // Drawn from the statement nodes, not the plain edges, which only
    // statements reported as done have: an aim is drawn too, saying so.
    let edges = select(
        graph,
        &format!(
            "SELECT ?s ?p ?o ?label ?symmetric ?m ?modality WHERE {{
            {}
            ?st iag:statementSubject ?s ; iag:statementProperty ?p ; iag:modality ?m .
            ?p rdfs:label ?label . FILTER(LANG(?label) = \"{lang}\")
            ?m skos:prefLabel ?modality . FILTER(LANG(?modality) = \"{lang}\")
            # A target or figure has no object: its note is the statement.
            OPTIONAL {{ ?st iag:statementObject ?object }}
            BIND(COALESCE(?object, ?st) AS ?o)
            BIND(EXISTS {{ ?p a owl:SymmetricProperty }} AS ?symmetric)
        }}",
            only("s")
        ),
    )?;
    let mut drawing = DiGraph::new();
    let index: BTreeMap<String, NodeIndex> = nodes
        .into_iter()
        .map(|(iri, node)| (iri, drawing.add_node(node)))
        .collect();
    let mut seen = BTreeSet::new();
    let mut edge_list = Vec::new();
    for row in edges {
        let (Some(s), Some(p), Some(o), Some(label), Some(m), Some(modality)) = (
            iri(&row[0]),
            iri(&row[1]),
            iri(&row[2]),
            literal(&row[3]),
            iri(&row[5]),
            literal(&row[6]),
        ) else {
            continue;
        };
        let symmetric = literal(&row[4]).is_some_and(|v| v == "true");
        let (Some(&a), Some(&b)) = (index.get(&s), index.get(&o)) else {
            continue;
        };
        // A symmetric relation stated both ways is drawn once; the same
        // relation stated with two modalities, twice.
        let key = if symmetric && o < s {
            (o.clone(), p.clone(), s.clone(), m.clone())
        } else {
            (s.clone(), p.clone(), o.clone(), m.clone())
        };
        if !seen.insert(key) {
            continue;
        }
        let reported = m == iag::REPORTED.as_str();
        let label = if reported {
            label
        } else {
            format!("{label} ({modality})")
        };
        let label = match amounts.get(&(s, p, o, m)) {
            Some(sums) => format!(
                "{label}\n{}",
                sums.iter().cloned().collect::<Vec<_>>().join(" / ")
            ),
            None => label,
        };
        edge_list.push((
            a,
            b,
            Edge {
                label,
                symmetric,
                reported,
            },
        ));
    }
    edge_list.sort_by(|x, y| (x.0, x.1, &x.2.label).cmp(&(y.0, y.1, &y.2.label)));
    for (a, b, e) in edge_list {
        drawing.add_edge(a, b, e);
    }

    match focus {
        None => Ok(drawing),
        // The drawing holds the reach and the edges between its nodes; the
        // walk on it keeps exactly what the walk on the store found.
        Some((iri, _)) => {
            let start = index
                .get(&iri)
                .copied()
                .ok_or_else(|| Error::UnknownFocus(iri.to_string()))?;
            Ok(neighbourhood(&drawing, start, options.depth))
        }
    }
}

/// The IRIs of the nodes a drawing would hold within `depth` edges of
/// `focus`, in either direction, read from the store node by node; empty
/// if `focus` is not a node of the drawing.
fn within_reach(
    graph: &Graph,
    groups: &BTreeMap<String, usize>,
    lang: Lang,
    focus: &str,
    depth: usize,
) -> Result<BTreeSet<String>> {
    let store = graph.store();
    let drawn_predicates: BTreeSet<String> = select(
        graph,
        &format!(
            "SELECT ?p WHERE {{
            ?p a owl:ObjectProperty ; rdfs:label ?label . FILTER(LANG(?label) = \"{lang}\")
            FILTER NOT EXISTS {{ ?p rdfs:domain iag:Statement }}
        }}"
        ),
    )?
    .iter()
    .filter_map(|row| iri(&row[0]))
    .collect();
    // What the entity and note queries of `drawing` would keep.
    let is_drawn = |node: NamedNodeRef<'_>| -> Result<bool> {
        let mut typed = false;
        for quad in store.quads_for_pattern(Some(node.into()), Some(rdf::TYPE), None, None) {
            if let Term::NamedNode(class) = quad?.object {
                let class = class.as_str();
                typed |= groups.contains_key(class)
                    || class == iag::QUANTIFIED_TARGET.as_str()
                    || class == iag::QUANTIFIED_FIGURE.as_str();
            }
        }
        if !typed {
            return Ok(false);
        }
        for quad in store.quads_for_pattern(Some(node.into()), Some(rdfs::LABEL), None, None) {
            if let Term::Literal(label) = quad?.object {
                if label.language() == Some(lang.tag()) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    };
    let Ok(start) = NamedNode::new(focus) else {
        return Ok(BTreeSet::new());
    };
    if !is_drawn(start.as_ref())? {
        return Ok(BTreeSet::new());
    }
    // One object (or subject, or property) of a statement node.
    let one = |st: NamedNodeRef<'_>, property: NamedNodeRef<'_>| -> Result<Option<NamedNode>> {
        for quad in store.quads_for_pattern(Some(st.into()), Some(property), None, None) {
            if let Term::NamedNode(n) = quad?.object {
                return Ok(Some(n));
            }
        }
        Ok(None)
    };
    let drawn_statement =
        |st: NamedNodeRef<'_>| -> Result<bool> {
            Ok(one(st, iag::STATEMENT_PROPERTY)?
                .is_some_and(|p| drawn_predicates.contains(p.as_str())))
        };
    let mut reach = BTreeSet::from([start.as_str().to_owned()]);
    let mut frontier = vec![start];
    // The walk follows statement nodes, as `drawing` draws them: from a
    // subject to its object (or to the note a target or figure is drawn
    // as), and back.
    for _ in 0..depth {
        let mut next = Vec::new();
        for node in &frontier {
            let mut others = Vec::new();
            for (role, other_role) in [
                (iag::STATEMENT_SUBJECT, iag::STATEMENT_OBJECT),
                (iag::STATEMENT_OBJECT, iag::STATEMENT_SUBJECT),
            ] {
                for quad in
                    store.quads_for_pattern(None, Some(role), Some(node.as_ref().into()), None)
                {
                    let NamedOrBlankNode::NamedNode(st) = quad?.subject else {
                        continue;
                    };
                    if drawn_statement(st.as_ref())? {
                        others.push(one(st.as_ref(), other_role)?.unwrap_or(st));
                    }
                }
            }
            // A note: its subject.
            if one(node.as_ref(), iag::STATEMENT_OBJECT)?.is_none()
                && drawn_statement(node.as_ref())?
            {
                others.extend(one(node.as_ref(), iag::STATEMENT_SUBJECT)?);
            }
            for other in others {
                if !reach.contains(other.as_str()) && is_drawn(other.as_ref())? {
                    reach.insert(other.as_str().to_owned());
                    next.push(other);
                }
            }
        }
        frontier = next;
    }
    Ok(reach)
}

/// The subgraph within `depth` edges of `start`, in either direction.
fn neighbourhood(
    drawing: &DiGraph<Node, Edge>,
    start: NodeIndex,
    depth: usize,
) -> DiGraph<Node, Edge> {
    let mut distance = BTreeMap::from([(start, 0)]);
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let d = distance[&n];
        if d == depth {
            continue;
        }
        for next in drawing.neighbors_undirected(n) {
            if let std::collections::btree_map::Entry::Vacant(e) = distance.entry(next) {
                e.insert(d + 1);
                queue.push_back(next);
            }
        }
    }
    drawing.filter_map(
        |n, node| distance.contains_key(&n).then(|| node.clone()),
        |_, edge| Some(edge.clone()),
    )
}

/// For each class of the ontology, the index of its group in [`GROUPS`].
pub fn class_groups(graph: &Graph) -> Result<BTreeMap<String, usize>> {
    let values = GROUPS
        .iter()
        .map(|(c, _, _)| format!("iag:{c}"))
        .collect::<Vec<_>>()
        .join(" ");
    let rows = select(
        graph,
        &format!(
            "SELECT ?class ?group WHERE {{ VALUES ?group {{ {values} }} ?class rdfs:subClassOf* ?group }}"
        ),
    )?;
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        let (Some(class), Some(group)) = (iri(&row[0]), iri(&row[1])) else {
            continue;
        };
        let Some(g) = GROUPS
            .iter()
            .position(|(c, _, _)| group.ends_with(&format!("#{c}")))
        else {
            continue;
        };
        let entry = groups.entry(class).or_insert(g);
        *entry = (*entry).min(g);
    }
    Ok(groups)
}

/// The label in `lang` of each class of the ontology, by local name.
pub fn class_labels(graph: &Graph, lang: Lang) -> Result<BTreeMap<String, String>> {
    let rows = select(
        graph,
        &format!(
            "SELECT ?class ?label WHERE {{ ?class a owl:Class ; rdfs:label ?label . FILTER(LANG(?label) = \"{lang}\") }}"
        ),
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let class = iri(&r[0])?;
            let local = class.rsplit_once('#')?.1.to_owned();
            Some((local, literal(&r[1])?))
        })
        .collect())
}

/// Subject, property, object and modality of a drawn edge.
type EdgeKey = (String, String, String, String);

/// Amounts of the funding statements, by the edge they qualify.
/// `only` restricts the subjects (a `VALUES ?s` clause, or nothing).
fn funding_amounts(
    graph: &Graph,
    lang: Lang,
    only: &str,
) -> Result<BTreeMap<EdgeKey, BTreeSet<String>>> {
    let rows = select(graph, &format!(
        "SELECT ?s ?p ?o ?value ?min ?max ?currency ?m WHERE {{
            {only}
            ?st iag:statementSubject ?s ; iag:statementProperty ?p ; iag:statementObject ?o ; iag:amount ?a ;
                iag:modality ?m .
            ?a schema:currency ?currency .
            OPTIONAL {{ ?a schema:value ?value }} OPTIONAL {{ ?a schema:minValue ?min }} OPTIONAL {{ ?a schema:maxValue ?max }}
        }}"
    ))?;
    let mut amounts: BTreeMap<EdgeKey, BTreeSet<String>> = BTreeMap::new();
    for row in rows {
        let (Some(s), Some(p), Some(o), Some(currency), Some(m)) = (
            iri(&row[0]),
            iri(&row[1]),
            iri(&row[2]),
            literal(&row[6]),
            iri(&row[7]),
        ) else {
            continue;
        };
        let show = |t: &Option<Term>| {
            literal(t)
                .and_then(|v| v.parse::<f64>().ok())
                .map(|v| money(v, &currency, lang))
        };
        // As the statements' labels word it: « au moins 900 M€ ».
        let Some(text) = wording::bounds(show(&row[3]), show(&row[4]), show(&row[5]), lang) else {
            continue;
        };
        amounts.entry((s, p, o, m)).or_default().insert(text);
    }
    Ok(amounts)
}

fn iri(term: &Option<Term>) -> Option<String> {
    match term {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

fn literal(term: &Option<Term>) -> Option<String> {
    match term {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Escapes a string for a double-quoted DOT attribute; newlines become `\n`.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::{Base, Project};

    /// Node labels and edges (by node label) of a drawing, to compare two.
    fn shape(d: &DiGraph<Node, Edge>) -> (Vec<String>, Vec<(String, String, String)>) {
        let nodes = d.node_weights().map(|n| n.iri.clone()).collect();
        let edges = d
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = d.edge_endpoints(e)?;
                Some((d[a].iri.clone(), d[b].iri.clone(), d[e].label.clone()))
            })
            .collect();
        (nodes, edges)
    }

    #[test]
    fn a_focus_read_from_the_store_draws_the_neighbourhood_of_the_whole_drawing() {
        let graph =
            Graph::build(&Project::new(env!("CARGO_MANIFEST_DIR")), &Base::default()).unwrap();
        for lang in [Lang::Fr, Lang::En] {
            let whole = drawing(
                &graph,
                &DotOptions {
                    lang,
                    ..DotOptions::default()
                },
            )
            .unwrap();
            for focus in [
                "mistral-ai",
                "jean-zay",
                "france",
                "bpifrance",
                "emmanuel-macron",
            ] {
                let iri = graph.base().id(focus).unwrap().into_string();
                let start = whole.node_indices().find(|&n| whole[n].iri == iri).unwrap();
                for depth in 0..=2 {
                    let options = DotOptions {
                        lang,
                        focus: Some(focus.into()),
                        depth,
                    };
                    let focused = drawing(&graph, &options).unwrap();
                    let expected = neighbourhood(&whole, start, depth);
                    assert!(focused.node_count() >= 1);
                    assert_eq!(
                        shape(&focused),
                        shape(&expected),
                        "{focus} depth {depth} {lang}"
                    );
                }
            }
        }
        let unknown = DotOptions {
            focus: Some("inconnu".into()),
            ..DotOptions::default()
        };
        let error = drawing(&graph, &unknown).unwrap_err().to_string();
        assert!(error.contains("no entity `inconnu`"), "{error}");
    }

    #[test]
    fn escapes_quotes_backslashes_and_newlines() {
        assert_eq!(escape("a \"b\"\\\nc"), "a \\\"b\\\"\\\\\\nc");
    }
}
