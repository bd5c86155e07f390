//! Finding entities by name, accents and case aside: the explorer's search box.

use std::collections::BTreeMap;

use oxigraph::model::Term;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::Result;
use crate::export::dot::{GROUPS, class_groups};
use crate::query::select;
use crate::store::Graph;
use crate::vocab::iag;

/// Text as the search compares it: decomposed (NFD) with the combining
/// marks dropped, so `É` is `e`, then lowercased; typographic apostrophes
/// become `'`, as the articles use both.
///
/// ```
/// # use iagraph::serve::fold;
/// assert_eq!(fold("Émirats arabes unis"), "emirats arabes unis");
/// assert_eq!(fold("L’État"), "l'etat");
/// ```
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// One entity, with every name it can be found by.
#[derive(Debug, Clone)]
struct Entry {
    hit: Hit,
    /// (name, folded name): the French label, the English one, the aliases.
    names: Vec<(String, String)>,
}

/// A search result, as the API sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub iri: String,
    pub slug: String,
    /// The French label.
    pub label: String,
    pub label_en: Option<String>,
    /// The local name of the entity's class (`Startup`, `Supercomputer`…).
    pub class: String,
    /// The colour group of the drawings (`Organisation`…), if any.
    pub group: Option<&'static str>,
    /// The name that matched: a label or an alias.
    pub matched: String,
}

/// The entities' names, read once: the server never changes the store.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<Entry>,
}

impl Index {
    pub fn build(graph: &Graph) -> Result<Self> {
        let groups = class_groups(graph)?;
        // Entities only: statements, evidence and sources have labels too.
        let rows = select(
            graph,
            "SELECT ?e ?class ?label ?en WHERE {
                ?e a ?class ; rdfs:label ?label .
                FILTER(STRSTARTS(STR(?class), STR(iag:)) && LANG(?label) = 'fr')
                FILTER NOT EXISTS {
                    VALUES ?other { iag:Statement iag:Evidence iag:SourceArticle }
                    ?e a ?other
                }
                OPTIONAL { ?e rdfs:label ?en FILTER(LANG(?en) = 'en') }
            }",
        )?;
        let aliases = select(graph, "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }")?;
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        for row in rows {
            let (Some(iri), Some(class), Some(label)) =
                (text(&row[0]), text(&row[1]), text(&row[2]))
            else {
                continue;
            };
            // An entity has one class; keep the first row if it had more.
            if entries.contains_key(&iri) {
                continue;
            }
            let label_en = text(&row[3]);
            let mut names = vec![(label.clone(), fold(&label))];
            if let Some(en) = &label_en {
                names.push((en.clone(), fold(en)));
            }
            let entry = Entry {
                hit: Hit {
                    slug: graph.base().slug_of(&iri).unwrap_or(&iri).to_owned(),
                    class: class
                        .strip_prefix(iag::NAMESPACE)
                        .unwrap_or(&class)
                        .to_owned(),
                    group: groups.get(&class).map(|g| GROUPS[*g].0),
                    matched: label.clone(),
                    label,
                    label_en,
                    iri: iri.clone(),
                },
                names,
            };
            entries.insert(iri, entry);
        }
        for row in aliases {
            let (Some(iri), Some(alias)) = (text(&row[0]), text(&row[1])) else {
                continue;
            };
            if let Some(entry) = entries.get_mut(&iri) {
                let folded = fold(&alias);
                entry.names.push((alias, folded));
            }
        }
        Ok(Self {
            entries: entries.into_values().collect(),
        })
    }

    /// The entities one of whose names contains `q`, best first: a name
    /// equal to it, then one starting with it, then one containing it;
    /// then by label.
    pub fn search(&self, q: &str, limit: usize) -> Vec<Hit> {
        let q = fold(q.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u8, String, Hit)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let (rank, name) = entry
                    .names
                    .iter()
                    .filter_map(|(name, folded)| rank(folded, &q).map(|r| (r, name)))
                    .min_by_key(|(r, _)| *r)?;
                let mut hit = entry.hit.clone();
                hit.matched = name.clone();
                Some((rank, fold(&hit.label), hit))
            })
            .collect();
        hits.sort_by(|a, b| (a.0, &a.1, &a.2.iri).cmp(&(b.0, &b.1, &b.2.iri)));
        hits.into_iter().take(limit).map(|(_, _, h)| h).collect()
    }
}

/// 0 for an exact match, 1 for a prefix, 2 for a substring.
fn rank(name: &str, q: &str) -> Option<u8> {
    if name == q {
        Some(0)
    } else if name.starts_with(q) {
        Some(1)
    } else if name.contains(q) {
        Some(2)
    } else {
        None
    }
}

/// An IRI's or a literal's text.
fn text(term: &Option<Term>) -> Option<String> {
    match term {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("ÉMIRATS"), "emirats");
        assert_eq!(fold("Île-de-France"), "ile-de-france");
        assert_eq!(fold("Ça"), "ca");
    }

    #[test]
    fn exact_beats_prefix_beats_substring() {
        assert_eq!(rank("mistral ai", "mistral ai"), Some(0));
        assert_eq!(rank("mistral ai", "mistral"), Some(1));
        assert_eq!(rank("le chat de mistral", "mistral"), Some(2));
        assert_eq!(rank("lighton", "mistral"), None);
    }
}
