//! The linked data pages, as maud templates: every interpolated value is
//! escaped, and every link to the graph is server-relative.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::resource::{
    EntityView, EvidenceView, Link, OntologyView, SourceView, StatementView, TermView,
};

/// The pages' style sheet: a constant, so it is safe to embed unescaped.
const CSS: &str = "
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; line-height: 1.45; color: #222; }
header.site { display: flex; gap: 1rem; align-items: baseline; border-bottom: 1px solid #ddd; margin-bottom: 1rem; }
header.site a { text-decoration: none; }
h1 { margin-bottom: .2rem; }
.en { color: #555; font-style: italic; margin-top: 0; }
.types a, .chip { display: inline-block; background: #eef; border-radius: .8rem; padding: 0 .6rem; margin-right: .3rem; font-size: .9rem; }
article.statement { border: 1px solid #ddd; border-radius: .4rem; padding: .6rem 1rem; margin: .8rem 0; }
article.statement h3 { margin: .2rem 0; font-size: 1.05rem; }
dl.qualifiers { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; margin: .4rem 0; }
dl.qualifiers dt { font-weight: 600; }
dl.qualifiers dd { margin: 0; }
blockquote { margin: .4rem 0 .1rem 0; padding-left: .8rem; border-left: 3px solid #99c; font-style: italic; }
p.cite { margin: 0 0 .5rem .8rem; font-size: .9rem; color: #444; }
.formats { font-size: .85rem; color: #666; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #eee; padding: .3rem; text-align: left; vertical-align: top; }
code { font-size: .85rem; word-break: break-all; }
td:first-child code { word-break: normal; white-space: nowrap; }
@media (max-width: 40rem) {
  body { padding: .6rem; }
  header.site { flex-wrap: wrap; }
  table { display: block; overflow-x: auto; }
  dl.qualifiers { grid-template-columns: auto; }
  dl.qualifiers dd { margin-bottom: .3rem; }
  blockquote, p, dd, li { overflow-wrap: anywhere; }
}
";

/// The RDF formats a page is also available in: (media type, format= value, name).
const ALTERNATES: &[(&str, &str, &str)] = &[
    ("text/turtle", "turtle", "Turtle"),
    ("application/ld+json", "jsonld", "JSON-LD"),
    ("application/n-triples", "ntriples", "N-Triples"),
    ("application/rdf+xml", "rdfxml", "RDF/XML"),
];

/// A page: `path` is the server-relative address of the resource (for the
/// links to its RDF forms), `iri` its published IRI.
fn layout(title: &str, path: &str, iri: Option<&str>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — iagraph" }
                @if iri.is_some() {
                    @for (media, name, _) in ALTERNATES {
                        link rel="alternate" type=(media) href={ (path) "?format=" (name) };
                    }
                }
                style { (PreEscaped(CSS)) }
            }
            body {
                header.site {
                    strong { a href="/" { "iagraph" } }
                    a href="/ontology" { "Ontologie" }
                    a href="/sparql" { "SPARQL" }
                    a href="/dump.ttl" { "Export Turtle" }
                }
                main { (body) }
                footer.formats {
                    hr;
                    @if let Some(iri) = iri {
                        p { "IRI : " code { (iri) } }
                        p {
                            "Aussi en "
                            @for (i, (_, name, label)) in ALTERNATES.iter().enumerate() {
                                @if i > 0 { ", " }
                                a href={ (path) "?format=" (name) } { (label) }
                            }
                            "."
                        }
                    }
                }
            }
        }
    }
}

fn link(l: &Link) -> Markup {
    html! { a href=(l.href) { (l.label) } }
}

fn link_list(links: &[Link]) -> Markup {
    html! {
        ul {
            @for l in links { li { (link(l)) } }
        }
    }
}

pub fn entity(path: &str, iri: &str, view: &EntityView) -> Markup {
    let body = html! {
        h1 { (view.label_fr) }
        @if let Some(en) = &view.label_en {
            @if *en != view.label_fr { p.en lang="en" { (en) } }
        }
        p.types { @for t in &view.types { (link(t)) } }
        @if let Some(d) = &view.description_fr { p { (d) } }
        @if let Some(d) = &view.description_en { p.en lang="en" { (d) } }
        @if !view.aliases.is_empty() {
            p { "Aussi appelé : "
                @for (i, a) in view.aliases.iter().enumerate() {
                    @if i > 0 { ", " }
                    span.chip { (a) }
                }
            }
        }
        @if !view.same_as.is_empty() {
            p { "Même entité que : "
                @for (i, s) in view.same_as.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href=(s) rel="external" { (s) }
                }
            }
        }
        h2 { "Affirmations (" (view.statements.len()) ")" }
        @if view.statements.is_empty() { p { "Aucune affirmation n'a cette entité pour sujet ou pour objet." } }
        @for st in &view.statements { (statement_card(st, true)) }
        @if !view.qualified.is_empty() {
            h2 { "Annonces et occasions (" (view.qualified.len()) ")" }
            p { "Affirmations annoncées par cette entité, ou faites à son occasion :" }
            (link_list(&view.qualified))
        }
        @if !view.mentioned_in.is_empty() {
            h2 { "Sources qui la mentionnent" }
            (link_list(&view.mentioned_in))
        }
    };
    layout(&view.label_fr, path, Some(iri), body)
}

pub fn statement(path: &str, iri: &str, view: &StatementView) -> Markup {
    let body = html! {
        p.types { @for t in &view.types { (link(t)) } }
        h1 { (view.link.label) }
        @if let Some(en) = &view.label_en { p.en lang="en" { (en) } }
        (statement_card(view, false))
    };
    layout(&view.link.label, path, Some(iri), body)
}

/// A statement with its qualifiers and quotations; `titled` adds its label
/// as a link to its own page.
fn statement_card(st: &StatementView, titled: bool) -> Markup {
    let row = |name: &str, value: &Option<String>| {
        html! { @if let Some(v) = value { dt { (name) } dd { (v) } } }
    };
    let link_row = |name: &str, value: &Option<Link>| {
        html! { @if let Some(v) = value { dt { (name) } dd { (link(v)) } } }
    };
    html! {
        article.statement {
            @if titled { h3 { (link(&st.link)) } }
            dl.qualifiers {
                (link_row("Sujet", &st.subject))
                (link_row("Relation", &st.relation))
                (link_row("Objet", &st.object))
                (row("Montant", &st.amount))
                (row("Quantité", &st.quantity))
                (row("Date", &st.date))
                (row("Fin", &st.end_date))
                (row("Échéance", &st.deadline))
                (link_row("Annoncé par", &st.announced_by))
                (link_row("Occasion", &st.occasion))
            }
            @if let Some(d) = &st.description_fr { p { (d) } }
            @if let Some(d) = &st.description_en { p.en lang="en" { (d) } }
            @for e in &st.evidence { (evidence(e)) }
        }
    }
}

fn evidence(e: &EvidenceView) -> Markup {
    html! {
        blockquote lang=[e.lang.as_deref()] { "« " (e.quote) " »" }
        p.cite {
            "— " (link(&e.source))
            @if let Some(t) = &e.title { @if *t != e.source.label { ", « " (t) " »" } }
            @if let Some(d) = &e.date { ", " (d) }
        }
    }
}

pub fn source(path: &str, iri: &str, view: &SourceView) -> Markup {
    let body = html! {
        p.types { span.chip { "Article source" } }
        h1 { (view.label) }
        dl.qualifiers {
            @if let Some(t) = &view.title { dt { "Titre" } dd { (t) } }
            @if let Some(p) = &view.publisher { dt { "Éditeur" } dd { (link(p)) } }
            @if let Some(a) = &view.author { dt { "Auteur" } dd { (link(a)) } }
            @if let Some(d) = &view.date { dt { "Date" } dd { (d) } }
            @if let Some(l) = &view.language { dt { "Langue" } dd { (l) } }
        }
        h2 { "Affirmations qui le citent (" (view.statements.len()) ")" }
        (link_list(&view.statements))
        h2 { "Entités mentionnées (" (view.mentions.len()) ")" }
        (link_list(&view.mentions))
    };
    layout(&view.label, path, Some(iri), body)
}

pub fn ontology(path: &str, iri: &str, view: &OntologyView) -> Markup {
    let title = view.title_fr.as_deref().unwrap_or("Ontologie iagraph");
    let body = html! {
        h1 { (title) }
        @if let Some(en) = &view.title_en { p.en lang="en" { (en) } }
        @if let Some(v) = &view.version { p { "Version " (v) } }
        @if let Some(d) = &view.description_fr { p { (d) } }
        h2 { "Classes (" (view.classes.len()) ")" }
        (terms(&view.classes, "Sous-classe de"))
        h2 { "Propriétés (" (view.properties.len()) ")" }
        (terms(&view.properties, "Sous-propriété de"))
    };
    layout(title, path, Some(iri), body)
}

fn terms(list: &[TermView], parent: &str) -> Markup {
    html! {
        table {
            tr { th { "Terme" } th { "Libellés et définitions" } th { "Relations" } }
            @for t in list {
                tr id=(t.local) {
                    td { code title=(t.iri) { "iag:" (t.local) } br; small { (t.kinds.join(", ")) } }
                    td {
                        strong { (t.label_fr.as_deref().unwrap_or("")) }
                        " / "
                        em lang="en" { (t.label_en.as_deref().unwrap_or("")) }
                        @if let Some(c) = &t.comment_fr { br; (c) }
                        @if let Some(c) = &t.comment_en { br; span.en lang="en" { (c) } }
                    }
                    td {
                        (related(parent, &t.parents))
                        (related("Domaine", &t.domain))
                        (related("Portée", &t.range))
                    }
                }
            }
        }
    }
}

fn related(name: &str, links: &[Link]) -> Markup {
    html! {
        @if !links.is_empty() {
            div { (name) " : "
                @for (i, l) in links.iter().enumerate() {
                    @if i > 0 { ", " }
                    (link(l))
                }
            }
        }
    }
}

pub fn not_found(path: &str) -> Markup {
    let body = html! {
        h1 { "Introuvable" }
        p { "Le graphe ne contient rien à l'adresse " code { (path) } "." }
        p { a href="/" { "Chercher une entité dans l'explorateur" } }
    };
    layout("Introuvable", path, None, body)
}

/// What the SPARQL endpoint's page says of its limits.
pub struct EndpointLimits {
    pub timeout_s: f64,
    pub max_rows: usize,
    pub max_queries: usize,
    /// Per query, when queries run in worker processes.
    pub max_query_memory_mb: Option<u64>,
}

/// `/sparql` for a browser: what the endpoint is, a form to query it, its
/// limits, and its service description (`turtle`).
pub fn endpoint(url: &str, limits: &EndpointLimits, turtle: &str) -> Markup {
    let prefixes = crate::vocab::PREFIXES
        .iter()
        .map(|(prefix, _)| format!("{prefix}:"))
        .chain(["id:".to_owned()])
        .collect::<Vec<_>>()
        .join(", ");
    let body = html! {
        h1 { "Point d'accès SPARQL" }
        p {
            "Point d'accès SPARQL 1.1 en lecture seule : " code { (url) } ". "
            "Une requête s'envoie par " code { "GET ?query=…" } " ou par " code { "POST" }
            " (" code { "application/sparql-query" } " ou formulaire) ; les résultats en JSON, XML, CSV "
            "ou TSV, les graphes en Turtle, N-Triples, JSON-LD ou RDF/XML, selon "
            code { "Accept" } " ou " code { "format=" } "."
        }
        p { "Préfixes prédéclarés : " (prefixes) "." }
        form method="get" action="/sparql" {
            p {
                textarea name="query" rows="5" cols="70" aria-label="Requête SPARQL" {
                    "SELECT ?s WHERE { ?s a iag:Startup }"
                }
            }
            p {
                label { "Format des résultats : "
                    select name="format" {
                        option value="json" { "JSON" }
                        option value="csv" { "CSV" }
                        option value="tsv" { "TSV" }
                        option value="xml" { "XML" }
                    }
                }
                " "
                button type="submit" { "Exécuter" }
            }
        }
        p { a href="/" { "L'explorateur" } " a un éditeur et les requêtes nommées du projet." }
        h2 { "Limites" }
        ul {
            li { (limits.timeout_s) " s par requête, au-delà : 503." }
            li { (limits.max_rows) " lignes (ou triplets) au plus par réponse, au-delà : réponse coupée, en-tête " code { "X-Iagraph-Truncated" } "." }
            li { (limits.max_queries) " requêtes évaluées à la fois, au-delà : 503 avec " code { "Retry-After" } "." }
            @if let Some(mb) = limits.max_query_memory_mb {
                li { (mb) " Mio de mémoire par requête, au-delà : 503." }
            }
        }
        h2 { "Description du service" }
        p {
            "En " a href="https://www.w3.org/TR/sparql11-service-description/" { "SPARQL 1.1 Service Description" }
            ", aussi en "
            @for (i, (_, name, label)) in ALTERNATES.iter().enumerate() {
                @if i > 0 { ", " }
                a href={ "/sparql?format=" (name) } { (label) }
            }
            " :"
        }
        pre { code { (turtle) } }
    };
    layout("Point d'accès SPARQL", "/sparql", None, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        let page = not_found("/id/<script>alert(1)</script>");
        let text = page.into_string();
        assert!(!text.contains("<script>alert"));
        assert!(text.contains("&lt;script&gt;"));
    }
}
