//! What the linked data pages show, read from the store: one view per kind
//! of resource (entity, statement, source article), and the triples that
//! describe each in RDF.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple};

use crate::error::Result;
use crate::iri::Base;
use crate::normalise::fold;
use crate::store::Graph;
use crate::vocab::{dcterms, iag, owl, prov, rdf, rdfs, schema, skos};
use crate::wording::{Lang, bounds, money, number, quantity};

/// The outgoing triples of one node, by predicate.
#[derive(Debug, Clone, Default)]
pub struct Node {
    props: BTreeMap<String, Vec<Term>>,
}

impl Node {
    /// The node's triples in every graph of the store.
    pub fn load(graph: &Graph, iri: NamedNodeRef<'_>) -> Result<Self> {
        let mut props: BTreeMap<String, Vec<Term>> = BTreeMap::new();
        for quad in graph
            .store()
            .quads_for_pattern(Some(iri.into()), None, None, None)
        {
            let quad = quad?;
            let values = props.entry(quad.predicate.into_string()).or_default();
            if !values.contains(&quad.object) {
                values.push(quad.object);
            }
        }
        Ok(Self { props })
    }

    pub fn is_empty(&self) -> bool {
        self.props.is_empty()
    }

    pub fn values(&self, p: NamedNodeRef<'_>) -> &[Term] {
        self.props.get(p.as_str()).map_or(&[], Vec::as_slice)
    }

    pub fn iris(&self, p: NamedNodeRef<'_>) -> impl Iterator<Item = &NamedNode> {
        self.values(p).iter().filter_map(|t| match t {
            Term::NamedNode(n) => Some(n),
            _ => None,
        })
    }

    pub fn iri(&self, p: NamedNodeRef<'_>) -> Option<&NamedNode> {
        self.iris(p).next()
    }

    pub fn has_type(&self, class: NamedNodeRef<'_>) -> bool {
        self.iris(rdf::TYPE).any(|c| c.as_ref() == class)
    }

    /// The values of `p` in `lang` (any language if `None`), as text.
    pub fn texts(&self, p: NamedNodeRef<'_>, lang: Option<&str>) -> Vec<String> {
        self.values(p)
            .iter()
            .filter_map(|t| match t {
                Term::Literal(l) if lang.is_none() || l.language() == lang => {
                    Some(l.value().to_owned())
                }
                _ => None,
            })
            .collect()
    }

    pub fn text(&self, p: NamedNodeRef<'_>, lang: Option<&str>) -> Option<String> {
        self.texts(p, lang).into_iter().next()
    }

    /// The value of `p` in `lang`, else in French, else in any language.
    pub fn text_in(&self, p: NamedNodeRef<'_>, lang: Lang) -> Option<String> {
        self.text(p, Some(lang.tag()))
            .or_else(|| self.text(p, Some("fr")))
            .or_else(|| self.text(p, None))
    }
}

/// What an IRI of the graph names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Entity,
    Statement,
    Source,
}

impl Kind {
    pub fn of(node: &Node) -> Self {
        if node.has_type(iag::STATEMENT) {
            Self::Statement
        } else if node.has_type(iag::SOURCE_ARTICLE) {
            Self::Source
        } else {
            Self::Entity
        }
    }
}

/// A link in a page: server-relative for the graph's own IRIs and the
/// ontology's terms, so that pages work behind a proxy; absolute otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// Turns IRIs into links, with labels in one language.
pub struct Linker<'a> {
    pub graph: &'a Graph,
    pub lang: Lang,
}

impl Linker<'_> {
    pub fn base(&self) -> &Base {
        self.graph.base()
    }

    /// The page that shows `iri`.
    pub fn href(&self, iri: &str) -> String {
        if let Some(slug) = self.base().slug_of(iri) {
            return format!("/id/{slug}");
        }
        if let Some(local) = iri.strip_prefix(iag::NAMESPACE) {
            return format!("/ontology#{local}");
        }
        iri.to_owned()
    }

    /// The label of `iri` in the page's language, or its short form.
    pub fn label(&self, iri: NamedNodeRef<'_>) -> Result<String> {
        let mut fallback = None;
        for quad in
            self.graph
                .store()
                .quads_for_pattern(Some(iri.into()), Some(rdfs::LABEL), None, None)
        {
            if let Term::Literal(l) = quad?.object {
                if l.language() == Some(self.lang.tag()) {
                    return Ok(l.value().to_owned());
                }
                if fallback.is_none() || l.language() == Some("fr") {
                    fallback = Some(l.value().to_owned());
                }
            }
        }
        Ok(fallback.unwrap_or_else(|| crate::query::short_iri(iri.as_str(), self.base().as_str())))
    }

    pub fn link(&self, iri: NamedNodeRef<'_>) -> Result<Link> {
        Ok(Link {
            href: self.href(iri.as_str()),
            label: self.label(iri)?,
        })
    }

    pub fn links<'n>(&self, iris: impl Iterator<Item = &'n NamedNode>) -> Result<Vec<Link>> {
        let mut links = iris
            .map(|i| self.link(i.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        // `Élysée` sorts with the e's, not after the z's.
        links.sort_by_cached_key(|l| fold(&l.label));
        Ok(links)
    }
}

/// An entity's page.
#[derive(Debug, Clone)]
pub struct EntityView {
    pub label_fr: String,
    pub label_en: Option<String>,
    pub types: Vec<Link>,
    pub description_fr: Option<String>,
    pub description_en: Option<String>,
    pub aliases: Vec<String>,
    pub same_as: Vec<String>,
    /// Statements with the entity as subject or object.
    pub statements: Vec<StatementView>,
    /// Statements it announced, or that were made on its occasion.
    pub qualified: Vec<Link>,
    /// The articles that mention it.
    pub mentioned_in: Vec<Link>,
}

/// A statement's qualifiers, sources and quotations.
#[derive(Debug, Clone)]
pub struct StatementView {
    pub link: Link,
    pub label_en: Option<String>,
    pub types: Vec<Link>,
    pub subject: Option<Link>,
    pub relation: Option<Link>,
    pub object: Option<Link>,
    pub amount: Option<String>,
    pub quantity: Option<String>,
    pub date: Option<String>,
    pub end_date: Option<String>,
    pub deadline: Option<String>,
    pub announced_by: Option<Link>,
    pub occasion: Option<Link>,
    pub description_fr: Option<String>,
    pub description_en: Option<String>,
    pub evidence: Vec<EvidenceView>,
}

/// A quotation and the article it is quoted from.
#[derive(Debug, Clone)]
pub struct EvidenceView {
    pub quote: String,
    pub lang: Option<String>,
    pub source: Link,
    pub title: Option<String>,
    pub date: Option<String>,
}

/// A source article's page.
#[derive(Debug, Clone)]
pub struct SourceView {
    pub label: String,
    pub title: Option<String>,
    pub publisher: Option<Link>,
    pub author: Option<Link>,
    pub date: Option<String>,
    pub language: Option<String>,
    pub statements: Vec<Link>,
    pub mentions: Vec<Link>,
}

impl Linker<'_> {
    pub fn entity(&self, iri: NamedNodeRef<'_>, node: &Node) -> Result<EntityView> {
        let mut statements = Vec::new();
        for st in self.statements_with(iri, &[iag::STATEMENT_SUBJECT, iag::STATEMENT_OBJECT])? {
            statements.push(self.statement(st.as_ref(), &Node::load(self.graph, st.as_ref())?)?);
        }
        statements.sort_by_cached_key(|s| fold(&s.link.label));
        let qualified = self.statements_with(iri, &[iag::ANNOUNCED_BY, iag::OCCASION])?;
        let mentioned_in = self.subjects(schema::MENTIONS, iri)?;
        Ok(EntityView {
            label_fr: node
                .text_in(rdfs::LABEL, Lang::Fr)
                .unwrap_or_else(|| iri.as_str().to_owned()),
            label_en: node.text(rdfs::LABEL, Some("en")),
            types: self.links(node.iris(rdf::TYPE))?,
            description_fr: node.text(schema::DESCRIPTION, Some("fr")),
            description_en: node.text(schema::DESCRIPTION, Some("en")),
            aliases: node.texts(skos::ALT_LABEL, None),
            same_as: node
                .iris(owl::SAME_AS)
                .map(|i| i.as_str().to_owned())
                .collect(),
            statements,
            qualified: self.links(qualified.iter())?,
            mentioned_in: self.links(mentioned_in.iter())?,
        })
    }

    pub fn statement(&self, iri: NamedNodeRef<'_>, node: &Node) -> Result<StatementView> {
        let link = |p| node.iri(p).map(|i| self.link(i.as_ref())).transpose();
        let mut evidence = Vec::new();
        for e in node.iris(iag::EVIDENCE_PROPERTY) {
            let e = Node::load(self.graph, e.as_ref())?;
            let Some(source) = e.iri(prov::WAS_QUOTED_FROM) else {
                continue;
            };
            let article = Node::load(self.graph, source.as_ref())?;
            let quote = e.values(iag::QUOTE).iter().find_map(|t| match t {
                Term::Literal(l) => Some((l.value().to_owned(), l.language().map(str::to_owned))),
                _ => None,
            });
            let Some((quote, lang)) = quote else {
                continue;
            };
            evidence.push(EvidenceView {
                quote,
                lang,
                source: self.link(source.as_ref())?,
                title: article.text(dcterms::TITLE, None),
                date: article.text(dcterms::DATE, None),
            });
        }
        evidence.sort_by(|a, b| a.source.label.cmp(&b.source.label));
        let amount = node
            .iri(iag::AMOUNT)
            .map(|a| Node::load(self.graph, a.as_ref()))
            .transpose()?
            .and_then(|a| self.amount(&a));
        let quantity = node
            .iri(iag::QUANTITY)
            .map(|q| Node::load(self.graph, q.as_ref()))
            .transpose()?
            .and_then(|q| self.quantity(&q));
        // Qualifiers the text implies but does not write, with the reason.
        let mut inferred = Vec::new();
        for i in node.iris(iag::INFERRED) {
            let i = Node::load(self.graph, i.as_ref())?;
            if let Some(p) = i.iri(iag::INFERRED_PROPERTY) {
                inferred.push((p.clone(), i.text(iag::REASON, None).unwrap_or_default()));
            }
        }
        let marked = |p: NamedNodeRef<'_>, value: Option<String>| {
            value.map(|v| match inferred.iter().find(|(q, _)| q.as_ref() == p) {
                Some((_, reason)) => format!("{v} (déduit / inferred : {reason})"),
                None => v,
            })
        };
        // A running total is dated by its start (« depuis 2018 »).
        let date = marked(iag::DATE, node.text(iag::DATE, None)).or_else(|| {
            marked(
                iag::START_DATE,
                node.text(iag::START_DATE, None)
                    .map(|d| format!("depuis {d} (cumul / running total)")),
            )
        });
        let mut announced_by = link(iag::ANNOUNCED_BY)?;
        if let Some(a) = &mut announced_by {
            if inferred
                .iter()
                .any(|(q, _)| q.as_ref() == iag::ANNOUNCED_BY)
            {
                a.label.push_str(" (déduit / inferred)");
            }
        }
        // How firm the statement is: a chip beside its types.
        let mut types = self.links(node.iris(rdf::TYPE))?;
        if let Some(m) = node.iri(iag::MODALITY) {
            let concept = Node::load(self.graph, m.as_ref())?;
            let label = concept
                .text_in(skos::PREF_LABEL, Lang::Fr)
                .unwrap_or_else(|| self.label(m.as_ref()).unwrap_or_default());
            types.push(Link {
                href: self.href(m.as_str()),
                label: format!("modalité : {label}"),
            });
        }
        Ok(StatementView {
            link: Link {
                href: self.href(iri.as_str()),
                label: node
                    .text_in(rdfs::LABEL, self.lang)
                    .unwrap_or_else(|| iri.as_str().to_owned()),
            },
            label_en: node.text(rdfs::LABEL, Some("en")),
            types,
            subject: link(iag::STATEMENT_SUBJECT)?,
            relation: link(iag::STATEMENT_PROPERTY)?,
            object: link(iag::STATEMENT_OBJECT)?,
            amount,
            quantity,
            date,
            end_date: marked(iag::END_DATE, node.text(iag::END_DATE, None)),
            deadline: marked(iag::DEADLINE, node.text(iag::DEADLINE, None)),
            announced_by,
            occasion: link(iag::OCCASION)?,
            description_fr: node.text(schema::DESCRIPTION, Some("fr")),
            description_en: node.text(schema::DESCRIPTION, Some("en")),
            evidence,
        })
    }

    pub fn source(&self, iri: NamedNodeRef<'_>, node: &Node) -> Result<SourceView> {
        let link = |p| node.iri(p).map(|i| self.link(i.as_ref())).transpose();
        let statements = self.subjects(prov::WAS_DERIVED_FROM, iri)?;
        Ok(SourceView {
            label: node
                .text(rdfs::LABEL, None)
                .unwrap_or_else(|| iri.as_str().to_owned()),
            title: node.text(dcterms::TITLE, None),
            publisher: link(dcterms::PUBLISHER)?,
            author: link(dcterms::CREATOR)?,
            date: node.text(dcterms::DATE, None),
            language: node.text(schema::IN_LANGUAGE, None),
            statements: self.links(statements.iter())?,
            mentions: self.links(node.iris(schema::MENTIONS))?,
        })
    }

    /// The statements whose `roles` include `iri`.
    fn statements_with(
        &self,
        iri: NamedNodeRef<'_>,
        roles: &[NamedNodeRef<'_>],
    ) -> Result<Vec<NamedNode>> {
        let mut found = BTreeSet::new();
        for role in roles {
            found.extend(self.subjects(*role, iri)?);
        }
        Ok(found.into_iter().collect())
    }

    /// The named subjects of `? p object`.
    fn subjects(&self, p: NamedNodeRef<'_>, object: NamedNodeRef<'_>) -> Result<Vec<NamedNode>> {
        let mut subjects = BTreeSet::new();
        for quad in self
            .graph
            .store()
            .quads_for_pattern(None, Some(p), Some(object.into()), None)
        {
            if let NamedOrBlankNode::NamedNode(n) = quad?.subject {
                subjects.insert(n);
            }
        }
        Ok(subjects.into_iter().collect())
    }

    /// `50 M€`, `au moins 900 M€`, `1 à 2 Md€`.
    fn amount(&self, node: &Node) -> Option<String> {
        let currency = node.text(schema::CURRENCY, None)?;
        let show = |p| {
            node.text(p, None)
                .and_then(|v| v.parse::<f64>().ok())
                .map(|v| money(v, &currency, self.lang))
        };
        bounds(
            show(schema::VALUE),
            show(schema::MIN_VALUE),
            show(schema::MAX_VALUE),
            self.lang,
        )
    }

    /// `100 000 personnes formées à l'IA par an`, `de 2 à 4 fois …`.
    fn quantity(&self, node: &Node) -> Option<String> {
        let show = |p| node.text(p, None).map(|v| number(&v, self.lang));
        let value = bounds(
            show(schema::VALUE),
            show(schema::MIN_VALUE),
            show(schema::MAX_VALUE),
            self.lang,
        )?;
        let unit = node
            .text_in(schema::UNIT_TEXT, self.lang)
            .unwrap_or_default();
        let baseline = show(iag::BASELINE_VALUE);
        Some(quantity(&value, baseline.as_deref(), &unit, self.lang))
    }
}

/// The ontology's page: its own classes and properties.
#[derive(Debug, Clone)]
pub struct OntologyView {
    pub title_fr: Option<String>,
    pub title_en: Option<String>,
    pub description_fr: Option<String>,
    pub version: Option<String>,
    pub classes: Vec<TermView>,
    pub properties: Vec<TermView>,
}

/// One class or property of the ontology.
#[derive(Debug, Clone)]
pub struct TermView {
    /// The local name: the anchor that links to it.
    pub local: String,
    pub iri: String,
    pub kinds: Vec<String>,
    pub label_fr: Option<String>,
    pub label_en: Option<String>,
    pub comment_fr: Option<String>,
    pub comment_en: Option<String>,
    /// Superclasses or superproperties.
    pub parents: Vec<Link>,
    pub domain: Vec<Link>,
    pub range: Vec<Link>,
}

/// The ontology document's IRI (its namespace without the `#`).
pub const ONTOLOGY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/iagraph/ontology");

impl Linker<'_> {
    pub fn ontology(&self) -> Result<OntologyView> {
        let doc = Node::load(self.graph, ONTOLOGY)?;
        let mut classes = Vec::new();
        let mut properties = Vec::new();
        for term in self.subjects(rdfs::IS_DEFINED_BY, ONTOLOGY)? {
            let Some(local) = term.as_str().strip_prefix(iag::NAMESPACE) else {
                continue;
            };
            let node = Node::load(self.graph, term.as_ref())?;
            let kinds: Vec<String> = node
                .iris(rdf::TYPE)
                .filter_map(|k| k.as_str().strip_prefix(owl::NAMESPACE))
                .map(str::to_owned)
                .collect();
            let is_class = kinds.iter().any(|k| k == "Class");
            let parents = if is_class {
                node.iris(rdfs::SUB_CLASS_OF)
            } else {
                node.iris(rdfs::SUB_PROPERTY_OF)
            };
            let view = TermView {
                local: local.to_owned(),
                iri: term.as_str().to_owned(),
                label_fr: node.text(rdfs::LABEL, Some("fr")),
                label_en: node.text(rdfs::LABEL, Some("en")),
                comment_fr: node.text(rdfs::COMMENT, Some("fr")),
                comment_en: node.text(rdfs::COMMENT, Some("en")),
                parents: self.links(parents)?,
                domain: self.links(node.iris(rdfs::DOMAIN))?,
                range: self.links(node.iris(rdfs::RANGE))?,
                kinds,
            };
            if is_class {
                classes.push(view);
            } else {
                properties.push(view);
            }
        }
        classes.sort_by(|a, b| a.local.cmp(&b.local));
        properties.sort_by(|a, b| a.local.cmp(&b.local));
        Ok(OntologyView {
            title_fr: doc.text(dcterms::TITLE, Some("fr")),
            title_en: doc.text(dcterms::TITLE, Some("en")),
            description_fr: doc.text(dcterms::DESCRIPTION, Some("fr")),
            version: doc.text(owl::VERSION_INFO, None),
            classes,
            properties,
        })
    }
}

/// The ontology graph's triples, sorted.
pub fn ontology_triples(graph: &Graph) -> Result<Vec<Triple>> {
    let name = graph.base().ontology_graph();
    let mut triples = Vec::new();
    for quad in graph
        .store()
        .quads_for_pattern(None, None, None, Some(name.as_ref().into()))
    {
        triples.push(Triple::from(quad?));
    }
    sort(&mut triples);
    Ok(triples)
}

fn sort(triples: &mut Vec<Triple>) {
    triples.sort_by_cached_key(|t| {
        (
            t.subject.to_string(),
            t.predicate.to_string(),
            t.object.to_string(),
        )
    });
    triples.dedup();
}

/// The triples that describe `iri` in RDF: its own, and for an entity those
/// of the statements about it; for a statement, those of its amount,
/// quantity and evidence nodes (its `#…` fragments); for a source, the
/// statements citing it. Sorted, so a description always reads the same.
pub fn description(graph: &Graph, iri: NamedNodeRef<'_>, kind: Kind) -> Result<Vec<Triple>> {
    let mut triples = Vec::new();
    let linker = Linker {
        graph,
        lang: Lang::Fr,
    };
    match kind {
        Kind::Entity => {
            add_subject(graph, iri, &mut triples)?;
            let roles = [iag::STATEMENT_SUBJECT, iag::STATEMENT_OBJECT];
            for st in linker.statements_with(iri, &roles)? {
                add_statement(graph, st.as_ref(), &mut triples)?;
            }
        }
        Kind::Statement => add_statement(graph, iri, &mut triples)?,
        Kind::Source => {
            add_subject(graph, iri, &mut triples)?;
            for st in linker.subjects(prov::WAS_DERIVED_FROM, iri)? {
                triples.push(Triple::new(st, prov::WAS_DERIVED_FROM, iri));
            }
        }
    }
    sort(&mut triples);
    Ok(triples)
}

/// A statement's triples and those of its `#…` fragment nodes.
fn add_statement(graph: &Graph, iri: NamedNodeRef<'_>, triples: &mut Vec<Triple>) -> Result<()> {
    let mut own = Vec::new();
    add_subject(graph, iri, &mut own)?;
    let prefix = format!("{}#", iri.as_str());
    for t in &own {
        if let Term::NamedNode(n) = &t.object {
            if n.as_str().starts_with(&prefix) {
                add_subject(graph, n.as_ref(), triples)?;
            }
        }
    }
    triples.extend(own);
    Ok(())
}

fn add_subject(graph: &Graph, iri: NamedNodeRef<'_>, triples: &mut Vec<Triple>) -> Result<()> {
    for quad in graph
        .store()
        .quads_for_pattern(Some(iri.into()), None, None, None)
    {
        triples.push(quad?.into());
    }
    Ok(())
}
