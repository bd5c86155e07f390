//! Turns the checked records into RDF quads.
//!
//! Each statement becomes a node (the n-ary relation pattern, as in
//! Wikidata) carrying its qualifiers, sources and evidence. A statement the
//! article reports as done also gets the plain edge `subject relation object`
//! beside it, for simple queries; announced, planned or aimed-at ones do not,
//! since a plain edge cannot say how firm it is.

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use crate::data::{Catalog, QUANTITY_RELATIONS, TRUTHY_MODALITY, parse_date};
use crate::error::Result;
use crate::iri::Base;
use crate::model::{Amount, Number, Quantity, Statement};
use crate::ontology::Ontology;
use crate::vocab::{dcterms, eli, eu_language, iag, owl, prov, rdf, rdfs, schema, skos, xsd};
use crate::wording::{self, Lang};

/// The quads of the catalog: the entities and the sources, with the
/// mentions entities declare (`mentioned_in`); statements add the others.
pub fn catalog_quads(catalog: &Catalog, base: &Base) -> Result<Vec<Quad>> {
    let mut out = Quads::new(base);
    for e in &catalog.entities {
        let node = base.id(e.id.get_ref())?;
        out.add(&node, rdf::TYPE, Ontology::term(e.class.get_ref()));
        out.add(
            &node,
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(&e.label_fr, "fr"),
        );
        out.add(
            &node,
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(&e.label_en, "en"),
        );
        for alias in &e.aliases {
            out.add(
                &node,
                skos::ALT_LABEL,
                Literal::new_language_tagged_literal_unchecked(alias, "fr"),
            );
        }
        out.add_text(
            &node,
            schema::DESCRIPTION,
            e.description_fr.as_deref(),
            "fr",
        );
        out.add_text(
            &node,
            schema::DESCRIPTION,
            e.description_en.as_deref(),
            "en",
        );
        for iri in &e.same_as {
            let link = NamedNode::new_unchecked(iri.get_ref());
            out.add(&node, owl::SAME_AS, link.clone());
            // What schema.org consumers (search engines, JSON-LD readers) follow.
            out.add(&node, schema::SAME_AS, link);
            if iri.get_ref().starts_with(eli::NAMESPACE) {
                out.add(
                    &node,
                    schema::LEGISLATION_IDENTIFIER,
                    Literal::new_simple_literal(iri.get_ref()),
                );
            }
        }
        for (code, property) in [
            (&e.iso3166, iag::ISO_3166_ALPHA_2),
            (&e.iso4217, iag::ISO_4217_CODE),
        ] {
            if let Some(code) = code {
                out.add(&node, property, Literal::new_simple_literal(code.get_ref()));
            }
        }
    }
    for e in &catalog.entities {
        for s in &e.mentioned_in {
            out.add(
                &base.id(s.get_ref())?,
                schema::MENTIONS,
                base.id(e.id.get_ref())?,
            );
        }
    }
    for s in &catalog.sources {
        let node = base.id(s.id.get_ref())?;
        out.add(&node, rdf::TYPE, iag::SOURCE_ARTICLE);
        out.add(
            &node,
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(&s.label, &s.language),
        );
        out.add_text(&node, dcterms::TITLE, s.title.as_deref(), &s.language);
        if let Some(p) = &s.publisher {
            out.add(&node, dcterms::PUBLISHER, base.id(p.get_ref())?);
        }
        if let Some(a) = &s.author {
            out.add(&node, dcterms::CREATOR, base.id(a.get_ref())?);
        }
        if let Some(d) = &s.date {
            out.add(&node, dcterms::DATE, date(d.get_ref()));
        }
        if let Some(lang) = eu_language(&s.language) {
            out.add(&node, dcterms::LANGUAGE, NamedNode::new_unchecked(lang));
        }
        out.add(
            &node,
            schema::IN_LANGUAGE,
            Literal::new_simple_literal(&s.language),
        );
    }
    Ok(out.quads)
}

/// Appends the quads of one statement to `quads`: its node with its
/// qualifiers and evidence, the plain edge if it is reported as done, and
/// its sources' mentions of its subject and object.
pub fn statement_quads(
    st: &Statement,
    catalog: &Catalog,
    ontology: &Ontology,
    base: &Base,
    quads: &mut Vec<Quad>,
) -> Result<()> {
    let mut out = Quads {
        graph: base.data_graph().into(),
        quads: std::mem::take(quads),
    };
    let result = statement_into(st, catalog, ontology, base, &mut out);
    *quads = out.quads;
    result
}

fn statement_into(
    st: &Statement,
    catalog: &Catalog,
    ontology: &Ontology,
    base: &Base,
    out: &mut Quads,
) -> Result<()> {
    let label = |id: &str, lang: Lang| {
        catalog.entity(id).map_or_else(
            || Named::new(id),
            |e| Named {
                label: match lang {
                    Lang::En => e.label_en.clone(),
                    Lang::Fr => e.label_fr.clone(),
                },
                plural: e.plural.iter().any(|l| l == lang.tag()),
                article_fr: e.article_fr.as_ref().map(|a| a.get_ref().clone()),
                state: ontology.is_subclass_of(e.class.get_ref(), "State"),
            },
        )
    };
    let node = base.id(st.id.get_ref())?;
    let relation = st.relation.get_ref().as_str();
    let property = Ontology::term(relation);
    out.add(&node, rdf::TYPE, iag::STATEMENT);
    if st.amount.is_some() {
        out.add(&node, rdf::TYPE, iag::FUNDING);
    }
    match relation {
        "hasTarget" => out.add(&node, rdf::TYPE, iag::QUANTIFIED_TARGET),
        "hasFigure" => out.add(&node, rdf::TYPE, iag::QUANTIFIED_FIGURE),
        _ => {}
    }
    for lang in [Lang::Fr, Lang::En] {
        let text = statement_label(st, ontology, lang, &label);
        out.add(
            &node,
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(text, lang.tag()),
        );
    }
    let subject = base.id(st.subject.get_ref())?;
    out.add(&node, iag::STATEMENT_SUBJECT, subject.clone());
    out.add(&node, iag::STATEMENT_PROPERTY, property.clone());
    if let Some(o) = &st.object {
        let object = base.id(o.get_ref())?;
        out.add(&node, iag::STATEMENT_OBJECT, object.clone());
        // The plain edge asserts the relation flatly, so only what the article
        // reports as done gets one (as Wikidata writes its "truthy" `wdt:`
        // triples for best-rank statements only); an aim or a plan is its
        // statement node alone, where its modality is read.
        if st.modality.as_ref().map(|m| m.get_ref().as_str()) == Some(TRUTHY_MODALITY) {
            out.add(&subject, property.as_ref(), object);
        }
    } else if QUANTITY_RELATIONS.contains(&relation) {
        out.add(&subject, property.as_ref(), node.clone());
    }
    if let Some(a) = &st.amount {
        let amount = NamedNode::new_unchecked(format!("{}#amount", node.as_str()));
        out.add(&node, iag::AMOUNT, amount.clone());
        out.add(&amount, rdf::TYPE, schema::MONETARY_AMOUNT);
        out.add_bounds(&amount, a.value, a.min, a.max);
        out.add(
            &amount,
            schema::CURRENCY,
            Literal::new_simple_literal(a.currency.get_ref()),
        );
        if let Some(currency) = catalog.currency_entity(a.currency.get_ref()) {
            out.add(&amount, iag::CURRENCY_ENTITY, base.id(currency)?);
        }
    }
    if let Some(q) = &st.quantity {
        let quantity = NamedNode::new_unchecked(format!("{}#quantity", node.as_str()));
        out.add(&node, iag::QUANTITY, quantity.clone());
        out.add(&quantity, rdf::TYPE, schema::QUANTITATIVE_VALUE);
        out.add_bounds(&quantity, q.value, q.min, q.max);
        if let Some(b) = q.baseline {
            out.add(&quantity, iag::BASELINE_VALUE, decimal(b));
        }
        out.add(
            &quantity,
            schema::UNIT_TEXT,
            Literal::new_language_tagged_literal_unchecked(&q.unit_fr, "fr"),
        );
        out.add(
            &quantity,
            schema::UNIT_TEXT,
            Literal::new_language_tagged_literal_unchecked(&q.unit_en, "en"),
        );
    }
    if let Some((iri, _)) = st
        .modality
        .as_ref()
        .and_then(|m| ontology.modalities.get(m.get_ref()))
    {
        out.add(&node, iag::MODALITY, iri.clone());
    }
    if let Some(whole) = &st.part_of {
        out.add(&node, iag::PART_OF_STATEMENT, base.id(whole.get_ref())?);
    }
    for (field, property) in [
        (&st.date, iag::DATE),
        (&st.start_date, iag::START_DATE),
        (&st.end_date, iag::END_DATE),
        (&st.deadline, iag::DEADLINE),
    ] {
        if let Some(d) = field {
            out.add(&node, property, date(d.get_ref()));
        }
    }
    for (field, reason) in st.inferred.fields() {
        let property = match field {
            "date" => iag::DATE,
            "start_date" => iag::START_DATE,
            "end_date" => iag::END_DATE,
            "deadline" => iag::DEADLINE,
            "announced_by" => iag::ANNOUNCED_BY,
            "part_of" => iag::PART_OF_STATEMENT,
            _ => iag::OCCASION,
        };
        let inference = NamedNode::new_unchecked(format!("{}#inferred-{field}", node.as_str()));
        out.add(&node, iag::INFERRED, inference.clone());
        out.add(&inference, rdf::TYPE, iag::INFERENCE);
        out.add(&inference, iag::INFERRED_PROPERTY, property);
        out.add(
            &inference,
            iag::REASON,
            Literal::new_simple_literal(reason.get_ref().trim()),
        );
    }
    if let Some(a) = &st.announced_by {
        out.add(&node, iag::ANNOUNCED_BY, base.id(a.get_ref())?);
    }
    if let Some(o) = &st.occasion {
        out.add(&node, iag::OCCASION, base.id(o.get_ref())?);
    }
    out.add_text(
        &node,
        schema::DESCRIPTION,
        st.description_fr.as_deref(),
        "fr",
    );
    out.add_text(
        &node,
        schema::DESCRIPTION,
        st.description_en.as_deref(),
        "en",
    );
    for c in &st.sources {
        let source = base.id(c.source.get_ref())?;
        let evidence =
            NamedNode::new_unchecked(format!("{}#evidence-{}", node.as_str(), c.source.get_ref()));
        out.add(&node, prov::WAS_DERIVED_FROM, source.clone());
        out.add(&node, iag::EVIDENCE_PROPERTY, evidence.clone());
        out.add(&evidence, rdf::TYPE, iag::EVIDENCE);
        let lang = catalog.language(c.source.get_ref()).unwrap_or("fr");
        out.add(
            &evidence,
            iag::QUOTE,
            Literal::new_language_tagged_literal_unchecked(c.evidence.get_ref().trim(), lang),
        );
        out.add(&evidence, prov::WAS_QUOTED_FROM, source.clone());
        // Only subjects and objects: a qualifier (announcer, occasion) may
        // come from one of a statement's sources and not the others. The
        // store keeps each mention once.
        out.add(&source, schema::MENTIONS, subject.clone());
        if let Some(o) = &st.object {
            out.add(&source, schema::MENTIONS, base.id(o.get_ref())?);
        }
    }
    Ok(())
}

/// The ontology's triples, moved into its named graph.
pub fn ontology_quads(ontology: &Ontology, base: &Base) -> Vec<Quad> {
    let graph: GraphName = base.ontology_graph().into();
    ontology
        .quads
        .iter()
        .map(|q| {
            Quad::new(
                q.subject.clone(),
                q.predicate.clone(),
                q.object.clone(),
                graph.clone(),
            )
        })
        .collect()
}

/// How an amount reads: exact, « au moins », « au plus » or a range.
pub fn amount_text(a: &Amount, lang: Lang) -> String {
    let c = a.currency.get_ref();
    let show = |n: Option<Number>| n.map(|n| wording::money(n.as_f64(), c, lang));
    wording::bounds(show(a.value), show(a.min), show(a.max), lang).unwrap_or_default()
}

fn quantity_text(q: &Quantity, lang: Lang) -> String {
    let unit = match lang {
        Lang::En => &q.unit_en,
        Lang::Fr => &q.unit_fr,
    };
    let show = |n: Option<Number>| n.map(|n| wording::number(&n.to_decimal(), lang));
    let value = wording::bounds(show(q.value), show(q.min), show(q.max), lang).unwrap_or_default();
    wording::quantity(&value, show(q.baseline).as_deref(), unit, lang)
}

/// An entity as a statement's label names it.
struct Named {
    label: String,
    plural: bool,
    article_fr: Option<String>,
    state: bool,
}

impl Named {
    fn new(id: &str) -> Self {
        Self {
            label: id.to_owned(),
            plural: false,
            article_fr: None,
            state: false,
        }
    }

    /// The object after the relation's French label: « de » and « à »
    /// contract with the article (« de l'Inde », « au Canada »), and a state
    /// one is in takes « en » or « au » (« situé en France »).
    fn after_fr(&self, relation_label: &str) -> String {
        let name = &self.label;
        let Some(article) = self.article_fr.as_deref() else {
            return format!("{relation_label} {name}");
        };
        let (head, preposition) = match relation_label.rsplit_once(' ') {
            Some((head, p)) if p == "de" || p == "à" => (format!("{head} "), p),
            _ if relation_label == "de" || relation_label == "à" => {
                (String::new(), relation_label)
            }
            _ => return format!("{relation_label} {name}"),
        };
        let phrase = match (preposition, article) {
            ("à", "la" | "l'") if self.state => format!("en {name}"),
            ("de", "le") => format!("du {name}"),
            ("de", "les") => format!("des {name}"),
            ("de", "l'") => format!("de l'{name}"),
            ("de", _) => format!("de la {name}"),
            ("à", "le") => format!("au {name}"),
            ("à", "les") => format!("aux {name}"),
            ("à", "l'") => format!("à l'{name}"),
            _ => format!("à la {name}"),
        };
        format!("{head}{phrase}")
    }
}

fn statement_label(
    st: &Statement,
    ontology: &Ontology,
    lang: Lang,
    label: &impl Fn(&str, Lang) -> Named,
) -> String {
    let relation = st.relation.get_ref().as_str();
    let subject_term = label(st.subject.get_ref(), lang);
    let subject = subject_term.label.clone();
    let mut text = match (&st.object, &st.quantity) {
        (_, Some(q)) if QUANTITY_RELATIONS.contains(&relation) => {
            // French puts a space before the colon, English does not.
            let kind = match (relation, lang) {
                ("hasTarget", Lang::En) => "target:",
                ("hasTarget", Lang::Fr) => "objectif :",
                (_, Lang::En) => "figure:",
                (_, Lang::Fr) => "chiffre :",
            };
            format!("{subject} — {kind} {}", quantity_text(q, lang))
        }
        (object, quantity) => {
            let plural = subject_term
                .plural
                .then(|| ontology.plural_relations.get(relation))
                .flatten();
            let verb = plural
                .or_else(|| ontology.relations.get(relation))
                .map_or(relation, |l| l.get(lang));
            let mut t = match object {
                Some(o) if lang == Lang::Fr => {
                    format!("{subject} {}", label(o.get_ref(), lang).after_fr(verb))
                }
                Some(o) => format!("{subject} {verb} {}", label(o.get_ref(), lang).label),
                None => format!("{subject} {verb}"),
            };
            if let Some(q) = quantity {
                t = format!("{t} ({})", quantity_text(q, lang));
            }
            t
        }
    };
    let mut notes = Vec::new();
    if let Some(a) = &st.amount {
        notes.push(amount_text(a, lang));
    }
    if let Some(d) = &st.start_date {
        notes.push(match lang {
            Lang::En => format!("since {}", d.get_ref()),
            Lang::Fr => format!("depuis {}", d.get_ref()),
        });
    }
    // How firm it is, unless the verb already says so.
    let modality = st.modality.as_ref().map(|m| m.get_ref().as_str());
    let redundant = matches!(
        (relation, modality),
        ("announces", Some("announced")) | ("hasTarget", Some("aimed"))
    );
    if let Some((_, labels)) = modality
        .filter(|m| *m != "reported" && !redundant)
        .and_then(|m| ontology.modalities.get(m))
    {
        notes.push(labels.get(lang).to_owned());
    }
    if !notes.is_empty() {
        text = format!("{text} ({})", notes.join(", "));
    }
    text
}

fn date(value: &str) -> Literal {
    // Checked by `data`; a failure here would be a bug, so fall back visibly.
    parse_date(value).unwrap_or_else(|_| Literal::new_simple_literal(value))
}

fn decimal(n: Number) -> Literal {
    Literal::new_typed_literal(n.to_decimal(), xsd::DECIMAL)
}

struct Quads {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Quads {
    fn new(base: &Base) -> Self {
        Self {
            graph: base.data_graph().into(),
            quads: Vec::new(),
        }
    }

    fn add(&mut self, s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.clone(), p, o, self.graph.clone()));
    }

    fn add_text(
        &mut self,
        s: &NamedNode,
        p: oxigraph::model::NamedNodeRef<'_>,
        text: Option<&str>,
        lang: &str,
    ) {
        if let Some(t) = text {
            self.add(
                s,
                p,
                Literal::new_language_tagged_literal_unchecked(t, lang),
            );
        }
    }

    fn add_bounds(
        &mut self,
        s: &NamedNode,
        value: Option<Number>,
        min: Option<Number>,
        max: Option<Number>,
    ) {
        for (n, p) in [
            (value, schema::VALUE),
            (min, schema::MIN_VALUE),
            (max, schema::MAX_VALUE),
        ] {
            if let Some(n) = n {
                self.add(s, p, decimal(n));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_agree_in_french() {
        let named = |label: &str, article: Option<&str>, state: bool| Named {
            label: label.to_owned(),
            plural: false,
            article_fr: article.map(str::to_owned),
            state,
        };
        let inde = named("Inde", Some("l'"), true);
        assert_eq!(inde.after_fr("partenaire de"), "partenaire de l'Inde");
        let france = named("France", Some("la"), true);
        assert_eq!(france.after_fr("situé à"), "situé en France");
        assert_eq!(
            france.after_fr("est à la tête de"),
            "est à la tête de la France"
        );
        let canada = named("Canada", Some("le"), true);
        assert_eq!(canada.after_fr("situé à"), "situé au Canada");
        let us = named("États-Unis", Some("les"), true);
        assert_eq!(us.after_fr("concurrent de"), "concurrent des États-Unis");
        assert_eq!(us.after_fr("situé à"), "situé aux États-Unis");
        let commission = named("Commission européenne", Some("la"), false);
        assert_eq!(
            commission.after_fr("participe à"),
            "participe à la Commission européenne"
        );
        // No article, or a label not ending in « de » / « à »: as written.
        assert_eq!(
            named("Paris", None, false).after_fr("situé à"),
            "situé à Paris"
        );
        assert_eq!(france.after_fr("finance"), "finance France");
    }
}
