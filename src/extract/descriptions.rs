//! Labels that describe rather than name (`IA de LightOn`, `Vidéos
//! deepfakes d'Emmanuel Macron`): articles say the same in their own word
//! order (`LightOn pour entraîner son IA`, `ses vidéos utilisant des
//! deepfakes`), so the automaton of exact names misses them. Such a label is
//! found where all its content words occur within a short stretch of one
//! sentence; the names inside the label (`de LightOn`, `d'Emmanuel Macron`)
//! then say how the thing relates to them.

use std::collections::HashMap;
use std::ops::Range;

use super::lexicon::{EntityInfo, without_field};
use super::relations::{Infos, Linked, Raw};
use crate::normalise::fold;

/// Words a description can leave out or word otherwise.
const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cette", "d", "dans", "de", "des", "du", "en", "et",
    "l", "la", "le", "les", "leur", "leurs", "par", "pour", "sa", "ses", "son", "sur", "un", "une",
];

/// Kinds whose labels are names, not descriptions: the exact names find them.
const NAMED_KINDS: &[&str] = &["Agent", "Place", "Currency"];

/// A description found: its entity, the stretch of words and the head word
/// (where relations place it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub entity: usize,
    pub range: Range<usize>,
    pub head: Range<usize>,
    /// The head is a demonstrative (`Ce dernier`) standing for the noun
    /// that ended the sentence before.
    pub antecedent: bool,
}

/// A noun from outside the sentence, read at `range` (where `Ce dernier`
/// stands for it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Antecedent {
    pub noun: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
struct Entry {
    entity: usize,
    /// Content words, stemmed, without repeats; the first is the head.
    words: Vec<String>,
    /// Words of the label, stop words included: how long a stretch may be.
    length: usize,
    /// `words` are the label's words in order, each after the one before.
    ordered: bool,
    /// How many different words `words` has.
    distinct: usize,
}

/// Every descriptive label of the graph.
#[derive(Debug, Clone, Default)]
pub struct Descriptions {
    entries: Vec<Entry>,
    /// Word → the entries that have it, to find a sentence's candidates by
    /// its own words rather than by every label.
    by_word: HashMap<String, Vec<usize>>,
}

/// A folded word as descriptions compare it: a plural is its singular.
fn stem(word: &str) -> &str {
    if word.len() > 3 && (word.ends_with('s') || word.ends_with('x')) {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// The words of a folded text with their byte ranges; `intelligence
/// artificielle` is one word, `ia`.
fn words(text: &str) -> Vec<(&str, Range<usize>)> {
    let mut out: Vec<(&str, Range<usize>)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = stem(&text[s..i]);
                match out.last_mut() {
                    Some((last, r)) if *last == "intelligence" && w == "artificielle" => {
                        *last = "ia";
                        r.end = i;
                    }
                    _ => out.push((w, s..i)),
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

impl Descriptions {
    /// The descriptive labels among `entities`: French labels of things
    /// that are not agents, places or currencies, with two content words or
    /// more (a label's parenthesised qualifier left out).
    pub fn new(entities: &[EntityInfo]) -> Self {
        let entries = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| !NAMED_KINDS.iter().any(|k| e.is(k)))
            .filter_map(|(entity, e)| {
                let label = match e.label_fr.find(" (") {
                    Some(open) if e.label_fr.ends_with(')') => &e.label_fr[..open],
                    _ => e.label_fr.as_str(),
                };
                // The graph's field (`de l'IA`) goes without saying, as for names.
                let label = without_field(label).unwrap_or_else(|| label.to_owned());
                let folded = fold(&label);
                let all = words(&folded);
                let mut content: Vec<String> = Vec::new();
                for &(w, _) in &all {
                    if !STOP_WORDS.contains(&w) && !content.iter().any(|c| c == w) {
                        content.push(w.to_owned());
                    }
                }
                // Two content words say little on their own: they must come
                // in the label's order with its small words (`recherche en
                // IA`, but `une IA française` is not `IA à la française`).
                let ordered = content.len() == 2;
                if ordered {
                    content = all.iter().map(|(w, _)| (*w).to_owned()).collect();
                }
                let mut distinct: Vec<&String> = content.iter().collect();
                distinct.sort();
                distinct.dedup();
                let distinct = distinct.len();
                (content.len() >= 2).then_some(Entry {
                    entity,
                    words: content,
                    length: all.len(),
                    ordered,
                    distinct,
                })
            })
            .collect::<Vec<Entry>>();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            for (k, w) in entry.words.iter().enumerate() {
                if !entry.words[..k].contains(w) {
                    by_word.entry(w.clone()).or_default().push(i);
                }
            }
        }
        Self { entries, by_word }
    }

    /// The descriptions in a folded sentence, except of the entities `named`
    /// (found by their exact names already): for each, the shortest stretch
    /// holding all its content words, if it is at most twice the label's
    /// length and two words.
    pub fn find(
        &self,
        text: &str,
        named: &[usize],
        antecedent: Option<&Antecedent>,
    ) -> Vec<Described> {
        let mut tokens = words(text);
        if let Some(a) = antecedent {
            tokens.retain(|(_, r)| r.end <= a.range.start || a.range.end <= r.start);
            let at = tokens.partition_point(|(_, r)| r.start < a.range.start);
            tokens.insert(at, (stem(&a.noun), a.range.clone()));
        }
        let standing = |head: &Range<usize>| antecedent.is_some_and(|a| a.range == *head);
        // Commas as `text` places them, to tell insertions.
        let commas: Vec<usize> = text.match_indices(',').map(|(i, _)| i).collect();
        // How many of each label's distinct words the sentence has.
        let mut present: Vec<&str> = tokens.iter().map(|(w, _)| *w).collect();
        present.sort_unstable();
        present.dedup();
        let mut hits = vec![0usize; self.entries.len()];
        for w in present {
            for &i in self.by_word.get(w).into_iter().flatten() {
                hits[i] += 1;
            }
        }
        let mut out = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            if hits[i] < entry.distinct || named.contains(&entry.entity) {
                continue;
            }
            if entry.ordered {
                out.extend(in_order(&tokens, entry).map(|(start, end)| Described {
                    entity: entry.entity,
                    range: tokens[start].1.start..tokens[end].1.end,
                    head: tokens[start].1.clone(),
                    antecedent: standing(&tokens[start].1),
                }));
                continue;
            }
            // The shortest window: for each end, the latest start holding every word.
            let mut last: Vec<Option<usize>> = vec![None; entry.words.len()];
            let mut best: Option<(usize, usize)> = None;
            for (i, (w, _)) in tokens.iter().enumerate() {
                let Some(k) = entry.words.iter().position(|x| x == w) else {
                    continue;
                };
                last[k] = Some(i);
                if let Some(first) = last.iter().copied().collect::<Option<Vec<_>>>() {
                    let start = first.iter().copied().min().unwrap_or(i);
                    if best.is_none_or(|(s, e)| i - start < e - s) {
                        best = Some((start, i));
                    }
                }
            }
            let Some((start, end)) = best else { continue };
            // A stretch between commas without any of the label's words is
            // an insertion (`Ce fonds, soutenu par l'État, vise …`): it
            // does not count.
            let segment = |i: usize| commas.partition_point(|&c| c < tokens[i].1.start);
            let inserted = (start..=end)
                .filter(|&i| {
                    let k = segment(i);
                    k > segment(start)
                        && k < segment(end)
                        && !(start..=end).any(|j| {
                            segment(j) == k && entry.words.iter().any(|w| w == tokens[j].0)
                        })
                })
                .count();
            if end - start + 1 - inserted > 2 * entry.length + 2 {
                continue;
            }
            let head = (start..=end)
                .find(|&i| tokens[i].0 == entry.words[0])
                .map_or(tokens[start].1.clone(), |i| tokens[i].1.clone());
            out.push(Described {
                entity: entry.entity,
                range: tokens[start].1.start..tokens[end].1.end,
                antecedent: standing(&head),
                head,
            });
        }
        out.sort_by_key(|d| d.range.start);
        out
    }
}

/// The first stretch where `entry`'s words come in order, at most three
/// words apart (`recherche interdisciplinaire en IA`, `la recherche et la
/// compétitivité en IA`).
fn in_order(tokens: &[(&str, Range<usize>)], entry: &Entry) -> Option<(usize, usize)> {
    'starts: for start in (0..tokens.len()).filter(|&i| tokens[i].0 == entry.words[0]) {
        let mut at = start;
        for w in &entry.words[1..] {
            match (at + 1..tokens.len().min(at + 5)).find(|&i| tokens[i].0 == *w) {
                Some(i) => at = i,
                None => continue 'starts,
            }
        }
        return Some((start, at));
    }
    None
}

/// What a description's label says of the names inside it, where the
/// sentence holds them too: `<model> de <company>` (the company develops
/// it), `<post> de <person>` (the person takes part in it), `<thing>
/// concurrente de <X>` (it competes with X).
pub fn label_parts(found: &[Described], names: &[Linked], infos: &Infos, text: &str) -> Vec<Raw> {
    let mut out = Vec::new();
    for d in found {
        let described = infos.get(d.entity);
        let label = fold(&described.label_fr);
        for n in names.iter().filter(|n| {
            n.via.is_none()
                && n.entity != d.entity
                && d.range.start <= n.range.start
                && n.range.end <= d.range.end
        }) {
            let name = &text[n.range.clone()];
            let Some(at) = label.find(name) else { continue };
            let before = label[..at].trim_end();
            let other = infos.get(n.entity);
            let relation =
                if before.ends_with("concurrent de") || before.ends_with("concurrente de") {
                    Some((d.entity, "competesWith", n.entity))
                } else if before.ends_with(" de") || before.ends_with(" d'") {
                    if described.is("AIModel") && other.is("Organisation") {
                        Some((n.entity, "develops", d.entity))
                    } else if other.is("Person") && !described.is("Initiative") {
                        Some((n.entity, "participatesIn", d.entity))
                    } else {
                        None
                    }
                } else {
                    None
                };
            if let Some((subject, relation, object)) = relation {
                out.push(Raw::edge(
                    subject,
                    relation,
                    object,
                    d.range.clone(),
                    format!("description (`{}`: its label says so)", described.label_fr),
                    0.5 * n.confidence,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(id: &str, class: &str, label: &str, kinds: &[&str]) -> EntityInfo {
        EntityInfo {
            id: id.to_owned(),
            class: class.to_owned(),
            label_fr: label.to_owned(),
            kinds: kinds.iter().map(|k| (*k).to_owned()).collect(),
        }
    }

    fn graph() -> Vec<EntityInfo> {
        vec![
            info(
                "robot",
                "AIModel",
                "Robot conversationnel de Acme rival de Zorg",
                &["AIModel"],
            ),
            info(
                "acme",
                "Company",
                "Acme",
                &["Company", "Organisation", "Agent"],
            ),
            info(
                "etude-climat",
                "Domain",
                "Recherche sur le climat",
                &["Domain"],
            ),
            info("lyon", "City", "Grande ville de Lyon", &["City", "Place"]),
            info(
                "clips",
                "SocialMediaPost",
                "Clips humoristiques de Jeanne Dupont",
                &["SocialMediaPost"],
            ),
            info("jeanne", "Person", "Jeanne Dupont", &["Person", "Agent"]),
        ]
    }

    fn found(text: &str, named: &[usize]) -> Vec<(String, String)> {
        let g = graph();
        let folded = fold(text);
        Descriptions::new(&g)
            .find(&folded, named, None)
            .into_iter()
            .map(|d| (g[d.entity].id.clone(), folded[d.range].to_owned()))
            .collect()
    }

    #[test]
    fn a_description_is_found_in_another_word_order() {
        // `rivaux` is not `rival`: every content word is needed.
        assert!(
            found(
                "Acme a montré ses robots conversationnels, rivaux de Zorg.",
                &[]
            )
            .is_empty()
        );
        assert_eq!(
            found("le robot conversationnel rival de Zorg conçu par Acme", &[]),
            vec![(
                "robot".to_owned(),
                "robot conversationnel rival de zorg concu par acme".to_owned()
            )]
        );
        assert_eq!(
            found(
                "Des équipes renforcent la recherche interdisciplinaire sur le climat.",
                &[]
            ),
            vec![(
                "etude-climat".to_owned(),
                "recherche interdisciplinaire sur le climat".to_owned()
            )]
        );
    }

    #[test]
    fn words_far_apart_names_and_named_entities_are_no_description() {
        // Six words between `recherche` and `climat`: more than 2 × 4 + 2 words in all.
        assert!(
            found(
                "La recherche avance vite, dit-on, dans plusieurs pays, et le climat change.",
                &[]
            )
            .is_empty()
        );
        // A place's label is a name, found by the automaton or not at all.
        assert!(found("la ville de Lyon, une grande ville", &[]).is_empty());
        // Already found by its exact name.
        assert!(found("la recherche sur le climat", &[2]).is_empty());
    }

    #[test]
    fn ce_dernier_stands_for_the_noun_before_and_insertions_do_not_count() {
        let g = vec![info(
            "fonds",
            "Fund",
            "Fonds pour les villes moyennes de l'IA",
            &["Fund"],
        )];
        let text = fold(
            "Ce dernier, abondé à hauteur de 30 % par la région et par trois banques, soutient des villes moyennes.",
        );
        // `Ce dernier` for `fonds`.
        let latter = |text: &str| {
            let at = text.find("ce dernier").unwrap_or_default();
            Antecedent {
                noun: "fonds".to_owned(),
                range: at..at + "ce dernier".len(),
            }
        };
        let d = Descriptions::new(&g).find(&text, &[], Some(&latter(&text)));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].antecedent);
        assert_eq!(&text[d[0].head.clone()], "ce dernier");
        // Without the antecedent, no fund is named.
        assert!(Descriptions::new(&g).find(&text, &[], None).is_empty());
        // Not between commas, the same words are too far apart.
        let long = fold(
            "Ce dernier est abondé à hauteur de 30 % par la région et par trois banques et soutient des villes moyennes.",
        );
        assert!(
            Descriptions::new(&g)
                .find(&long, &[], Some(&latter(&long)))
                .is_empty()
        );
    }

    #[test]
    fn two_content_words_keep_their_order_and_small_words() {
        let g = vec![
            info("r", "Domain", "Recherche en IA", &["Domain"]),
            info("f", "Domain", "IA à la française", &["Domain"]),
        ];
        let ids = |text: &str| -> Vec<String> {
            let folded = fold(text);
            Descriptions::new(&g)
                .find(&folded, &[], None)
                .into_iter()
                .map(|d| format!("{} {}", g[d.entity].id, &folded[d.range]))
                .collect()
        };
        assert_eq!(
            ids("la recherche fondamentale en IA"),
            ["r recherche fondamentale en ia"]
        );
        assert_eq!(
            ids("la recherche et la compétitivité en intelligence artificielle"),
            ["r recherche et la competitivite en intelligence artificielle"]
        );
        assert_eq!(
            ids("la recherche, la santé et la compétitivité en IA").len(),
            0
        );
        assert_eq!(ids("une IA française"), Vec::<String>::new());
        assert_eq!(ids("l'IA, à la française"), ["f ia, a la francaise"]);
        assert_eq!(ids("l'IA au service de la recherche"), Vec::<String>::new());
    }

    #[test]
    fn intelligence_artificielle_is_ia_and_plurals_are_singulars() {
        let g = vec![info("m", "AIModel", "Modèles d'IA ouverts", &["AIModel"])];
        let folded = fold("un modèle ouvert d'intelligence artificielle");
        let d = Descriptions::new(&g).find(&folded, &[], None);
        assert_eq!(d.len(), 1);
        assert_eq!(&folded[d[0].head.clone()], "modele");
        assert_eq!(
            &folded[d[0].range.clone()],
            "modele ouvert d'intelligence artificielle"
        );
    }

    #[test]
    fn the_field_goes_without_saying() {
        // `de l'IA` is the graph's field: `Grands modèles` is what is left,
        // two words, in their order.
        let g = vec![info("m", "AIModel", "Grands modèles de l'IA", &["AIModel"])];
        let found = |t: &str| Descriptions::new(&g).find(&fold(t), &[], None).len();
        assert_eq!(found("de grands modèles, partout"), 1);
        assert_eq!(found("des modèles grands"), 0);
    }

    #[test]
    fn the_names_inside_a_description_say_who_develops_and_who_takes_part() {
        let g = graph();
        let symmetric = std::collections::BTreeSet::new();
        let infos = Infos {
            graph: &g,
            new: &[],
            symmetric: &symmetric,
        };
        let text = fold(
            "Jeanne Dupont publie des clips humoristiques ; Acme montre un robot conversationnel rival de Zorg.",
        );
        let named = |name: &str, entity: usize| {
            let at = text.find(name).unwrap_or_default();
            Linked {
                range: at..at + name.len(),
                entity,
                confidence: 1.0,
                via: None,
            }
        };
        let names = vec![named("jeanne dupont", 5), named("acme", 1)];
        let found = Descriptions::new(&g).find(&text, &[], None);
        let raw: Vec<(usize, &str, usize)> = label_parts(&found, &names, &infos, &text)
            .into_iter()
            .map(|r| (r.subject.unwrap_or(99), r.relation, r.object.unwrap_or(99)))
            .collect();
        assert_eq!(raw, vec![(5, "participatesIn", 4), (1, "develops", 0)]);
    }
}
