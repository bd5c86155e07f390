//! What the sentences before tell about the current one, carried from
//! sentence to sentence as an article streams: who `il` or `elle` is (the
//! subject of the paragraph so far), what `ce pays` or `ce sommet` is (the
//! last country or summit named), which plan the axes of an enumeration and
//! the items of a list belong to, and what a list that a colon introduces is
//! about. Also the rules that read a name or an apposition (`L'État et les
//! investisseurs`, `le Sommet de Séoul`, `Mistral AI, la start-up française`)
//! and the occasion of a fronted `lors de`.
//!
//! A paragraph is a line: plain-text articles put one paragraph on a line,
//! and the sentence reader breaks sentences at line ends anyway.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::descriptions::Antecedent;
use super::lexicon::Found;
use super::numbers::MoneyFound;
use super::relations::{Infos, Linked, Raw};
use super::sentences::Sentence;
use crate::french::DETERMINERS;

/// How a sentence sits in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A short line without a full stop: a title or a section heading.
    Heading,
    /// A line that opens with a bullet (`-`, `•`, `*`).
    Item,
    /// A sentence that ends with a colon: a list follows.
    Intro,
    Prose,
}

const BULLETS: &[char] = &['-', '•', '*', '–', '—', '·', '▪', '◦', '‣', '►'];

/// The layout of a sentence.
pub fn layout(s: &Sentence) -> Layout {
    let t = s.text.trim();
    if s.line_start && t.starts_with(BULLETS) {
        Layout::Item
    } else if t.ends_with(':') {
        Layout::Intro
    } else if s.whole_line()
        && !t.ends_with(['.', '!', '?', '…', ';', ',', '»', '"'])
        && t.split_whitespace().count() <= 14
    {
        Layout::Heading
    } else {
        Layout::Prose
    }
}

/// How many sentences back `ce pays`, `ce sommet` may look.
const RECENT: usize = 4;

/// The state carried from one sentence to the next.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Sentences seen.
    seen: usize,
    /// The agent the paragraph is about: the subject of its last sentence that had one.
    subject: Option<usize>,
    /// Graph entities named or resolved in the last sentences, with the sentence's number.
    recent: VecDeque<(usize, usize)>,
    /// The plan named last.
    plan: Option<usize>,
    /// What the list being read is about.
    list_owner: Option<usize>,
    /// The noun that ended the sentence before (`… la création d'un fonds.`),
    /// for a `Ce dernier` that opens this one.
    last_noun: Option<String>,
    /// The plan named last, while the section's heading is a field's name
    /// (`Infrastructures` after `les cinq axes du plan`).
    section_plan: Option<usize>,
    /// Who funded what last, with a sum (`l'Etat va investir 50 M€ dans X`).
    last_funding: Option<(usize, usize)>,
}

/// Who or what opens a sentence, after its fronted phrases (`Lors de …, il`).
#[derive(Debug, Clone, PartialEq)]
enum Opening {
    /// A linked name (or a resolved pronoun): its index in the sentence's names.
    Name(usize),
    /// `il`, `elle`, not resolved yet.
    Pronoun,
    /// A noun phrase that names no entity (`Ce montant`, `La mission`).
    Unknown,
    /// Anything else (a quotation, a verb): the subject before goes on.
    Other,
}

/// Words that open a fronted phrase, before the subject and a comma.
const FRONTED: &[&str] = &[
    "sur",
    "lors",
    "pour",
    "avec",
    "selon",
    "en",
    "dans",
    "apres",
    "avant",
    "depuis",
    "face",
    "grace",
    "parmi",
    "plus",
    "enfin",
    "mais",
    "alors",
    "toutefois",
    "cependant",
    "ainsi",
    "d'ailleurs",
    "a",
    "au",
    "aux",
    "d'ici",
    "par",
    "sous",
    "chez",
    "outre",
    "toujours",
    "parallelement",
    "aujourd'hui",
    "hier",
    "desormais",
    "deja",
    "pourtant",
    "neanmoins",
    "comme",
    "afin",
    "s'il",
    "si",
    "quand",
    "lorsque",
];

/// Verbs after which `il` is impersonal (`il faut`, `il s'agit`, `il est difficile`).
const IMPERSONAL: &[&str] = &[
    "faut",
    "fallait",
    "s'agit",
    "s'agissait",
    "y",
    "est",
    "etait",
    "sera",
    "serait",
    "semble",
    "suffit",
    "reste",
    "existe",
    "convient",
    "importe",
    "parait",
    "manque",
];

/// A subject pronoun: at the start, after a comma, or after a conjunction (`où il`).
static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[,;] |\b(?:et|mais|puis|ou|donc) )(il|elle)\b").expect("valid regex")
});

/// `…, et a appelé`: a conjunction, then an auxiliary or a verb of saying or wanting.
static ELIDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[,;] (?:et|puis|mais) (?:a|ont|avait|avaient|va|vont|doit|veut|souhaite|entend|compte|prevoit|insiste|appelle|annonce|promet|plaide|souligne|rappelle)\b")
        .expect("valid regex")
});

/// `, avec l'objectif de`: a purpose phrase after a name.
static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r", (?:avec (?:l'objectif|pour objectif|l'ambition|pour ambition)|dans le but|dans l'objectif)\b")
        .expect("valid regex")
});

/// Nouns that a demonstrative points back with, and the classes they fit.
const DEMONSTRATIVE_NOUNS: &[(&str, &[&str])] = &[
    ("pays", &["State"]),
    ("etat", &["State"]),
    ("sommet", &["Summit"]),
    ("evenement", &["Event"]),
    ("salon", &["Event"]),
    ("entreprise", &["Company"]),
    ("societe", &["Company"]),
    ("start-up", &["Company"]),
    ("startup", &["Company"]),
    ("groupe", &["Company"]),
    ("plan", &["Plan"]),
    ("programme", &["Programme", "Plan"]),
    ("dispositif", &["Initiative"]),
    ("projet", &["Initiative", "Infrastructure"]),
    ("financement", &["Plan", "Fund"]),
    ("investissement", &["Plan", "Fund"]),
    ("effort", &["Plan"]),
    ("montant", &["Plan", "Fund"]),
    ("somme", &["Plan", "Fund"]),
    ("enveloppe", &["Plan", "Fund"]),
    ("mesure", &["Measure", "Plan"]),
    ("fonds", &["Fund"]),
    ("supercalculateur", &["Supercomputer"]),
    ("modele", &["AIModel"]),
    ("chatbot", &["Chatbot"]),
    ("assistant", &["Chatbot"]),
    ("texte", &["Regulation"]),
    ("reglement", &["Regulation"]),
    ("ville", &["City"]),
];

/// `Ce dernier`, `celle-ci`: the last thing the sentence before named.
static LATTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:ce dernier|cette derniere|celui-ci|celle-ci)\b").expect("valid regex")
});

/// The last word of a folded sentence, if a determiner comes right before
/// it (`… la création d'un fonds.` → `fonds`).
fn last_noun(text: &str) -> Option<&str> {
    let text = text.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    // Past the last other character, which may take several bytes (`€`).
    let start = text
        .char_indices()
        .rfind(|&(_, c)| !(c.is_ascii_lowercase() || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let noun = &text[start..];
    let before = &text[..start];
    let determined = [
        "un ", "une ", "le ", "la ", "les ", "du ", "des ", "l'", "d'",
    ]
    .iter()
    .any(|d| {
        before.ends_with(d)
            && !before[..before.len() - d.len()].ends_with(|c: char| c.is_alphanumeric())
    });
    (noun.len() >= 2 && determined).then_some(noun)
}

/// `Les mesures` opening a sentence.
static THE_MEASURES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^les mesures\b").expect("valid regex"));

static DEMONSTRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    let nouns: Vec<&str> = DEMONSTRATIVE_NOUNS.iter().map(|(n, _)| *n).collect();
    // `ces investissements`: the plural points back as well.
    Regex::new(&format!(
        r"\b(?:ce|cet|cette|ces) ({})s?\b",
        nouns.join("|")
    ))
    .expect("valid regex")
});

/// `cinq axes …:`, `trois priorités :`: an enumeration of what a plan is about.
static AXES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|[0-9]+) (?:grands |grandes )?(?:axes|priorites|piliers|volets|chantiers|orientations)\b[^:;.]{0,80}:")
        .expect("valid regex")
});

/// Nouns of an apposition that says what a company is (`la start-up française`).
static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^, (?:la|le|l'|une|un) ?(?:jeune pousse|start-up|startup|entreprise|societe|firme|pepite|licorne|ia|groupe|editeur|operateur|laboratoire|plateforme)(?: [a-z]+)?? ([a-z]+)\b")
        .expect("valid regex")
});

/// `les géants américains`, `un fonds franco-allemand`: adjectives of
/// nationality in a folded text, each with the country entity it names
/// (folded byte range, graph entity index); `demonyms` and
/// `combining_forms` (before a hyphen) are folded, with their state's index.
pub fn demonym_mentions(
    text: &str,
    demonyms: &[(String, usize)],
    combining_forms: &[(String, usize)],
) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut open = None;
    for (i, ch) in text.char_indices().chain([(text.len(), ' ')]) {
        match (ch.is_alphanumeric() || ch == '-', open) {
            (true, None) => open = Some(i),
            (false, Some(s)) => {
                words.push((s, &text[s..i]));
                open = None;
            }
            _ => {}
        }
    }
    for (start, word) in words {
        let mut part_at = start;
        let parts: Vec<&str> = word.split('-').collect();
        for (k, part) in parts.iter().enumerate() {
            let range = part_at..part_at + part.len();
            part_at += part.len() + 1;
            // A combining form only before another part (`franco-allemand`).
            let found = demonyms
                .iter()
                .find(|(a, _)| a.as_str() == *part)
                .map(|(_, c)| *c)
                .or_else(|| {
                    (k + 1 < parts.len())
                        .then(|| combining_forms.iter().find(|(f, _)| f.as_str() == *part))
                        .flatten()
                        .map(|(_, c)| *c)
                });
            if let Some(c) = found {
                out.push((range, c));
            }
        }
    }
    out
}

/// Number of words in a folded text.
fn words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The first word at folded byte `at`, apostrophes kept (`d'ici`, `s'il`).
fn word_at(text: &str, at: usize) -> (&str, usize) {
    let rest = &text[at..];
    let skip = rest.len() - rest.trim_start().len();
    let rest = &rest[skip..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .unwrap_or(rest.len());
    (&rest[..end], at + skip)
}

/// What opens the sentence, after at most two fronted phrases.
fn opening(text: &str, names: &[Linked]) -> (Opening, usize) {
    let inside = |i: usize| names.iter().any(|n| n.range.start < i && i < n.range.end);
    let mut p = 0;
    for _ in 0..2 {
        let (first, at) = word_at(text, p);
        let (second, _) = word_at(text, at + first.len());
        let date = first == "le" && second.starts_with(|c: char| c.is_ascii_digit());
        if !(FRONTED.contains(&first) || date) {
            break;
        }
        let Some(comma) = text[at..]
            .match_indices(',')
            .map(|(i, _)| at + i)
            .find(|&i| !inside(i))
        else {
            break;
        };
        if words(&text[at..comma]) > 14 {
            break;
        }
        p = comma + 1;
    }
    let (first, at) = word_at(text, p);
    let start_of = |n: &Linked| {
        let gap = &text[at..n.range.start.max(at)];
        n.range.start == at
            || (n.range.start > at && matches!(gap.trim_end(), "le" | "la" | "les" | "l'"))
    };
    if let Some(i) = names.iter().position(start_of) {
        return (Opening::Name(i), at);
    }
    let first = first.split('\'').next().unwrap_or(first);
    if matches!(first, "il" | "elle") {
        (Opening::Pronoun, at)
    } else if DETERMINERS.contains(&first) {
        (Opening::Unknown, at)
    } else {
        (Opening::Other, at)
    }
}

impl Context {
    /// `Ce dernier` opening the sentence, with the noun that ended the one
    /// before, which it stands for.
    pub fn latter(&self, text: &str) -> Option<Antecedent> {
        let m = LATTER.find(text)?;
        Some(Antecedent {
            noun: self.last_noun.clone()?,
            range: m.range(),
        })
    }

    /// Pronouns and demonstratives of the sentence that stand for an entity
    /// of the graph, as names for the relation rules. `names` are the
    /// sentence's linked names.
    pub fn resolve(
        &self,
        s: &Sentence,
        text: &str,
        names: &[Linked],
        infos: &Infos,
    ) -> Vec<Linked> {
        let graph = infos.graph.len();
        let paragraph_subject = if s.line_start { None } else { self.subject };
        let (open, _) = opening(text, names);
        let own_subject = match open {
            Opening::Name(i)
                if names[i].entity < graph && infos.get(names[i].entity).is("Agent") =>
            {
                Some(&names[i])
            }
            _ => None,
        };
        let overlaps = |r: &Range<usize>| {
            names
                .iter()
                .any(|n| n.range.start < r.end && r.start < n.range.end)
        };
        let mut out = Vec::new();
        for c in PRONOUN.captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let (next, _) = word_at(text, m.end());
            if IMPERSONAL.contains(&next) || overlaps(&m.range()) {
                continue;
            }
            let before = own_subject.filter(|o| o.range.end <= m.start());
            let (entity, via) = match (before, paragraph_subject) {
                (Some(o), _) => (o.entity, "a pronoun for the sentence's subject"),
                (None, Some(e)) => (e, "a pronoun for the paragraph's subject"),
                (None, None) => continue,
            };
            out.push(Linked {
                range: m.range(),
                entity,
                confidence: 0.8,
                via: Some(via),
            });
        }
        // `X a insisté sur …, et a appelé à …`: the second verb's subject is left out.
        let (_, open_at) = opening(text, names);
        let opener = own_subject.map(|o| (o.entity, o.range.end)).or_else(|| {
            out.iter()
                .find(|p| p.range.start == open_at)
                .map(|p| (p.entity, p.range.end))
        });
        if let Some((entity, after)) = opener {
            for m in ELIDED.find_iter(text).filter(|m| m.start() > after) {
                let and = m.start() + 2..m.start() + 2 + word_at(text, m.start() + 2).0.len();
                let (verb, at) = word_at(text, and.end);
                if names.iter().any(|n| n.range.start == at) || DETERMINERS.contains(&verb) {
                    continue;
                }
                out.push(Linked {
                    range: and,
                    entity,
                    confidence: 0.8,
                    via: Some("the subject a coordinated verb leaves out"),
                });
            }
        }
        // `… un plan de 109 Md€, avec l'objectif de former … et de promouvoir
        // …`: the purpose is the plan's, the name right before the comma.
        for m in PURPOSE.find_iter(text) {
            let comma = m.start();
            let Some(owner) = names.iter().find(|n| {
                n.entity < graph
                    && n.range.end <= comma
                    && words(&text[n.range.end..comma]) == 0
                    && infos.get(n.entity).is("Initiative")
            }) else {
                continue;
            };
            out.push(Linked {
                range: comma + 2..m.end(),
                entity: owner.entity,
                confidence: 0.8,
                via: Some("the initiative a purpose phrase is about"),
            });
        }
        // `Les mesures présentées par X visent à …`: in an article about a
        // plan, its measures.
        if let (Some(plan), Some(m)) = (self.plan, THE_MEASURES.find(text)) {
            if !overlaps(&m.range()) {
                out.push(Linked {
                    range: m.range(),
                    entity: plan,
                    confidence: 0.7,
                    via: Some("«les mesures»: the plan named last"),
                });
            }
        }
        for c in DEMONSTRATIVE.captures_iter(text) {
            let (Some(whole), Some(noun)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if overlaps(&whole.range()) {
                continue;
            }
            let kinds = DEMONSTRATIVE_NOUNS
                .iter()
                .find(|(n, _)| *n == noun.as_str())
                .map_or(&[][..], |(_, k)| *k);
            let found = self
                .recent
                .iter()
                .rev()
                .map(|(e, _)| *e)
                .find(|&e| kinds.iter().any(|k| infos.get(e).is(k)));
            if let Some(entity) = found {
                out.push(Linked {
                    range: whole.range(),
                    entity,
                    confidence: 0.75,
                    via: Some("a demonstrative for the last one named"),
                });
            }
        }
        out
    }

    /// Statements that the layout and the sentences before give: the axes
    /// of an enumeration, the items of a list. Fills in the subject that a
    /// list item leaves out (the plan, or what the list is about) in `raw`,
    /// the candidates of the relation rules.
    pub fn list_statements(
        &self,
        layout: Layout,
        text: &str,
        names: &[Linked],
        infos: &Infos,
        raw: &mut Vec<Raw>,
    ) {
        let graph = infos.graph.len();
        let named = |l: &&Linked| l.entity < graph && l.via.is_none();
        let push = |raw: &mut Vec<Raw>,
                    (subject, relation, object): (usize, &'static str, usize),
                    range: Range<usize>,
                    rule: &str| {
            raw.push(Raw::edge(
                subject,
                relation,
                object,
                range,
                rule.to_owned(),
                0.5,
            ));
        };
        // `Macron a défini cinq axes : les talents, les infrastructures et …`
        if let Some(m) = AXES.find(text) {
            let owner = names
                .iter()
                .filter(named)
                .filter(|l| l.range.end <= m.start() && infos.get(l.entity).is("Plan"))
                .map(|l| l.entity)
                .next_back()
                .or(self.plan);
            if let Some(owner) = owner {
                for l in names.iter().filter(named).filter(|l| {
                    l.range.start >= m.end()
                        && l.entity != owner
                        && (infos.get(l.entity).is("Domain")
                            || infos.get(l.entity).is("Initiative"))
                }) {
                    push(
                        raw,
                        (owner, "concerns", l.entity),
                        m.start()..l.range.end,
                        "enumeration (`N axes : A, B et C`) of the plan named last",
                    );
                }
            }
        }
        if layout != Layout::Item {
            return;
        }
        let Some(owner) = self.list_owner.or(self.plan) else {
            return;
        };
        let body = text
            .find(|c: char| c.is_alphanumeric())
            .unwrap_or(text.len());
        // `- Investissements européens : doubler …`: the item's own name.
        let colon = text[body..]
            .find(':')
            .map(|i| body + i)
            .filter(|&c| words(&text[body..c]) <= 8);
        let label = colon.and_then(|c| {
            names
                .iter()
                .filter(named)
                .find(|l| l.range.start >= body && l.range.end <= c)
        });
        let initiative = |e: usize| infos.get(e).is("Initiative") && !infos.get(e).is("Plan");
        let relation_to = |e: usize| -> (usize, &'static str, usize) {
            if initiative(e) {
                (e, "partOf", owner)
            } else if infos.get(e).is("Regulation") {
                (owner, "promotes", e)
            } else {
                (owner, "concerns", e)
            }
        };
        let (first, _) = word_at(text, body);
        let infinitive = first.len() > 3
            && (first.ends_with("er") || first.ends_with("ir") || first.ends_with("re"))
            && !matches!(
                first,
                "premier" | "dernier" | "entier" | "notre" | "votre" | "leur"
            );
        let member = label
            .or_else(|| {
                names
                    .iter()
                    .filter(named)
                    .find(|l| initiative(l.entity) && l.entity != owner)
            })
            .or_else(|| {
                infinitive
                    .then(|| {
                        names
                            .iter()
                            .filter(named)
                            .find(|l| l.entity != owner && !infos.get(l.entity).is("Agent"))
                    })
                    .flatten()
            })
            .filter(|m| m.entity != owner);
        // What the relation rules found in the item: the subject it leaves out is the list's.
        let list_rule = " + the subject of the list";
        for r in raw.iter_mut() {
            if r.subject.is_none() && r.object.is_some() && r.object != Some(owner) {
                r.subject = Some(owner);
                r.rule.push_str(list_rule);
            } else if matches!(r.relation, "hasTarget" | "hasFigure")
                && r.subject
                    .is_some_and(|s| !initiative(s) || Some(s) != label.map(|l| l.entity))
            {
                let own = label.map(|l| l.entity).filter(|&l| initiative(l));
                let keep = r.subject.is_some_and(|s| own.is_none() && initiative(s));
                if !keep {
                    r.subject = Some(own.unwrap_or(owner));
                    r.rule.push_str(list_rule);
                }
            }
        }
        let Some(member) = member else { return };
        let (s, relation, o) = relation_to(member.entity);
        // The list's relation says it: not another cue on the same two.
        raw.retain(|r| {
            !(r.object == Some(member.entity)
                && r.subject == Some(owner)
                && r.money.is_none()
                && r.quantity.is_none())
        });
        let used: Vec<usize> = raw
            .iter()
            .flat_map(|r| [r.subject, r.object])
            .flatten()
            .collect();
        push(
            raw,
            (s, relation, o),
            member.range.clone(),
            "list item (the item's name, under the list's subject)",
        );
        // `- Investissements européens : … de l'Union européenne et de quantique`:
        // what a measure's description names is what the measure concerns.
        if let (Some(label), Some(colon)) = (label, colon) {
            // Only a description that is an action (`doubler …`, `encourager …`).
            let (verb, _) = word_at(text, colon + 1);
            let action = verb.len() > 3 && (verb.ends_with("er") || verb.ends_with("ir"));
            // Or a field of more than one word the description names (`…
            // renforcer la recherche en IA`; `talents` is too common a word).
            let field = |e: usize| {
                infos.get(e).is("Domain") && infos.get(e).label_fr.split_whitespace().count() > 1
            };
            if initiative(label.entity) {
                for l in names.iter().filter(named).filter(|l| {
                    (action || field(l.entity))
                        && l.range.start > colon
                        && l.entity != label.entity
                        && l.entity != owner
                        && !used.contains(&l.entity)
                        && !infos.get(l.entity).is("Person")
                        && !infos.get(l.entity).is("Currency")
                }) {
                    push(
                        raw,
                        (label.entity, "concerns", l.entity),
                        label.range.start..l.range.end,
                        "list item (what the measure's description names)",
                    );
                }
            }
        }
    }

    /// `… pour l'émergence de grands modèles d'IA générative français`: a
    /// measure is a part of a plan (the ontology links it so), of the plan
    /// named last before it in the sentence, else in the article. List
    /// items are left to [`Self::list_statements`], which knows their list.
    pub fn measures(&self, layout: Layout, names: &[Linked], infos: &Infos) -> Vec<Raw> {
        let graph = infos.graph.len();
        let mut out = Vec::new();
        if layout == Layout::Item {
            return out;
        }
        let named = |n: &&Linked| n.entity < graph && n.via.is_none();
        for m in names
            .iter()
            .filter(named)
            .filter(|n| infos.get(n.entity).is("Measure"))
        {
            let Some(plan) = names
                .iter()
                .filter(named)
                .filter(|n| n.range.end <= m.range.start && infos.get(n.entity).is("Plan"))
                .map(|n| n.entity)
                .next_back()
                .or(self.plan)
            else {
                continue;
            };
            out.push(Raw::edge(
                m.entity,
                "partOf",
                plan,
                m.range.clone(),
                "a measure (part of the plan named last)".to_owned(),
                0.45 * m.confidence,
            ));
        }
        out
    }

    /// Sums of money the sentences before explain:
    /// - a sentence that opens with a sum, without a verb (`50 M€ pour un
    ///   fonds d'amorçage`, the list style of a plan's figures): the thing
    ///   after `pour` or `dans` is funded, by who funded last, and is part
    ///   of the plan (an initiative) or one of its concerns (a field); a
    ///   sum `d'investissements` with nothing after it is the plan's;
    /// - `250 M€ seront également investis par X`: X funds what was funded last.
    ///
    /// Then remembers the last complete funding with a sum.
    pub fn fundings(
        &mut self,
        text: &str,
        money: &[MoneyFound],
        names: &[Linked],
        infos: &Infos,
        raw: &mut Vec<Raw>,
    ) {
        let graph = infos.graph.len();
        if let Some((mi, m)) = money.iter().enumerate().find(|(_, m)| m.range.start == 0) {
            let rest = &text[m.range.end..];
            let lead = ["pour ", "dans ", " pour ", " dans "]
                .iter()
                .find_map(|p| rest.strip_prefix(p))
                .map(|r| text.len() - r.len());
            let object = lead.and_then(|at| {
                names
                    .iter()
                    .filter(|n| n.entity < graph && n.via.is_none() && n.range.start >= at)
                    .min_by_key(|n| n.range.start)
                    .filter(|n| words(&text[at..n.range.start]) <= 2)
                    .cloned()
            });
            // `Plus de 900 M€ d'investissements déjà annoncés`: the plan's.
            let investments = ["d'investissement", "de financement"]
                .iter()
                .any(|w| rest.trim_start().starts_with(w));
            let object = object.or_else(|| {
                let plan = self.plan.filter(|_| investments)?;
                Some(Linked {
                    range: m.range.clone(),
                    entity: plan,
                    confidence: 0.8,
                    via: Some("the plan named last"),
                })
            });
            // No verb took the sum (`mené par` after it is the thing's).
            let verbless = !raw.iter().any(|r| r.money == Some(mi));
            if let (Some(o), true) = (object, verbless) {
                let e = infos.get(o.entity);
                let rule = "a sentence opening with a sum (`N € pour X`)";
                raw.push(Raw {
                    subject: self.last_funding.map(|(s, _)| s),
                    relation: "funds",
                    object: Some(o.entity),
                    money: Some(mi),
                    quantity: None,
                    date: None,
                    deadline: None,
                    range: 0..o.range.end,
                    rule: format!("{rule}, funded by who funded last"),
                    confidence: 0.45 * o.confidence,
                });
                if let Some(plan) = self.plan {
                    let part = if e.is("Domain") {
                        Some((plan, "concerns", o.entity))
                    } else if e.is("Initiative") && !e.is("Plan") {
                        Some((o.entity, "partOf", plan))
                    } else {
                        None
                    };
                    if let Some((subject, relation, object)) = part {
                        raw.push(Raw::edge(
                            subject,
                            relation,
                            object,
                            0..o.range.end,
                            format!("{rule}, in the plan named last"),
                            0.4 * o.confidence,
                        ));
                    }
                }
            }
        }
        let also = text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "egalement" | "aussi"));
        if let (true, Some((_, object))) = (also, self.last_funding) {
            for r in raw.iter_mut().filter(|r| {
                r.relation == "funds"
                    && r.object.is_none()
                    && r.money.is_some()
                    && r.subject.is_some()
            }) {
                r.object = Some(object);
                r.rule.push_str(" + `également`: what was funded last");
                r.confidence *= 0.8;
            }
        }
        // A co-funder (`également`) does not take over from the funder.
        if let Some(r) = raw
            .iter()
            .filter(|r| r.relation == "funds" && r.money.is_some() && !r.rule.contains("également"))
            .find(|r| r.subject.is_some_and(|s| s < graph) && r.object.is_some_and(|o| o < graph))
        {
            self.last_funding = r.subject.zip(r.object);
        }
    }

    /// A target that no entity of its sentence owns (`pour doubler le
    /// nombre de formations`) is the plan's named last.
    pub fn plan_targets(&self, raw: &mut [Raw]) {
        let Some(plan) = self.plan else { return };
        for r in raw
            .iter_mut()
            .filter(|r| r.relation == "hasTarget" && r.subject.is_none())
        {
            r.subject = Some(plan);
            r.rule.push_str(" + the plan named last");
        }
    }

    /// Under a heading that names one of the plan's fields, the fields a
    /// sentence of prose names are the plan's concerns too.
    pub fn sections(&self, layout: Layout, names: &[Linked], infos: &Infos) -> Vec<Raw> {
        let Some(plan) = self.section_plan.filter(|_| layout == Layout::Prose) else {
            return Vec::new();
        };
        names
            .iter()
            .filter(|n| n.entity < infos.graph.len() && n.via.is_none())
            .filter(|n| infos.get(n.entity).is("Domain"))
            .map(|n| {
                Raw::edge(
                    plan,
                    "concerns",
                    n.entity,
                    n.range.clone(),
                    "a field named under a heading of the plan's axes".to_owned(),
                    0.4 * n.confidence,
                )
            })
            .collect()
    }

    /// Statements a sentence gives with what opens it: `Lors de <event>, X …`
    /// (X takes part in it).
    pub fn occasions(&self, text: &str, names: &[Linked], infos: &Infos) -> Vec<Raw> {
        let graph = infos.graph.len();
        let (open, _) = opening(text, names);
        let mut out = Vec::new();
        let Opening::Name(i) = open else {
            return out;
        };
        let subject = &names[i];
        if subject.entity >= graph || !infos.get(subject.entity).is("Agent") {
            return out;
        }
        for e in names
            .iter()
            .filter(|l| l.entity < graph && l.via.is_none() && infos.get(l.entity).is("Event"))
        {
            let before = text[..e.range.start].trim_end();
            let bare = DETERMINERS
                .iter()
                .find_map(|d| {
                    before
                        .strip_suffix(d)
                        .filter(|b| b.ends_with(' ') || b.ends_with('\''))
                })
                .unwrap_or(before)
                .trim_end();
            let lors = ["lors de", "lors d'", "lors du", "lors des"];
            if !lors
                .iter()
                .any(|l| before.ends_with(l) || bare.ends_with(l))
            {
                continue;
            }
            out.push(Raw {
                subject: Some(subject.entity),
                relation: "participatesIn",
                object: Some(e.entity),
                money: None,
                quantity: None,
                date: None,
                deadline: None,
                range: e.range.start.min(subject.range.start)..e.range.end.max(subject.range.end),
                rule: format!(
                    "occasion (`lors de` an event, and the sentence's subject){}",
                    subject.via.map(|v| format!(" + {v}")).unwrap_or_default()
                ),
                confidence: 0.5 * subject.confidence,
            });
        }
        out
    }

    /// Statements a fronted phrase gives: `Face à l'hégémonie des GAFAM, la
    /// France …` (the subject competes with them), `Pour Claire Martin, la
    /// priorité est de …` (the person promotes what follows).
    pub fn fronted(&self, text: &str, names: &[Linked], infos: &Infos) -> Vec<Raw> {
        let graph = infos.graph.len();
        let agent = |n: &Linked| n.entity < graph && infos.get(n.entity).is("Agent");
        let named = |n: &&Linked| n.entity < graph && n.via.is_none();
        let mut out = Vec::new();
        let Some(comma) = text
            .match_indices(',')
            .map(|(i, _)| i)
            .find(|&i| !names.iter().any(|n| n.range.start < i && i < n.range.end))
        else {
            return out;
        };
        let raw = |subject: usize,
                   relation: &'static str,
                   object: usize,
                   range: Range<usize>,
                   rule: &str| {
            Raw::edge(subject, relation, object, range, rule.to_owned(), 0.45)
        };
        if ["face a ", "face aux ", "face au "]
            .iter()
            .any(|f| text.starts_with(f))
        {
            let (open, _) = opening(text, names);
            let rival = names
                .iter()
                .filter(named)
                .find(|n| n.range.end <= comma && agent(n) && words(&text[..n.range.start]) <= 6);
            if let (Opening::Name(i), Some(rival)) = (open, rival) {
                let subject = &names[i];
                if agent(subject) && subject.entity != rival.entity && subject.range.start > comma {
                    out.push(raw(
                        subject.entity,
                        "competesWith",
                        rival.entity,
                        0..subject.range.end,
                        "fronted `face à` a rival, before the subject",
                    ));
                }
            }
        }
        if text.starts_with("pour ") {
            let person = names
                .iter()
                .filter(named)
                .find(|n| n.range.end <= comma && infos.get(n.entity).is("Person"))
                .filter(|n| text[..n.range.start].trim() == "pour");
            let rest = text[comma + 1..].trim_start();
            let priority = ["la priorite", "l'objectif", "l'enjeu", "l'essentiel"]
                .iter()
                .any(|p| rest.starts_with(p))
                && rest
                    .split(' ')
                    .nth(2)
                    .is_some_and(|w| matches!(w, "est" | "reste" | "sera"));
            if let (Some(person), true) = (person, priority) {
                if let Some(o) = names.iter().filter(named).find(|n| {
                    n.range.start > comma && !agent(n) && words(&text[comma..n.range.start]) <= 10
                }) {
                    out.push(raw(
                        person.entity,
                        "promotes",
                        o.entity,
                        0..o.range.end,
                        "fronted `pour` a person, `la priorité est` what follows",
                    ));
                }
            }
        }
        out
    }

    /// After the sentence: what it tells the next ones.
    pub fn after(
        &mut self,
        s: &Sentence,
        layout: Layout,
        text: &str,
        names: &[Linked],
        infos: &Infos,
    ) {
        let graph = infos.graph.len();
        if s.line_start {
            self.subject = None;
        }
        self.last_noun = last_noun(text).map(str::to_owned);
        let (open, _) = opening(text, names);
        match open {
            Opening::Name(i) if names[i].entity < graph => {
                let e = names[i].entity;
                // `Ce montant … Il vise à …`: a plan pointed back to is what
                // the next `il` is about, as an agent named is.
                let pointed = names[i].via.is_some() && infos.get(e).is("Initiative");
                self.subject = (infos.get(e).is("Agent") || pointed).then_some(e);
            }
            Opening::Name(_) | Opening::Unknown => self.subject = None,
            Opening::Pronoun | Opening::Other => {}
        }
        for n in names.iter().filter(|n| n.entity < graph) {
            self.recent.push_back((n.entity, self.seen));
        }
        while self
            .recent
            .front()
            .is_some_and(|(_, at)| at + RECENT < self.seen + 1)
        {
            self.recent.pop_front();
        }
        if let Some(p) = names
            .iter()
            .filter(|n| n.entity < graph && n.via.is_none() && infos.get(n.entity).is("Plan"))
            .map(|n| n.entity)
            .next_back()
        {
            self.plan = Some(p);
        }
        match layout {
            Layout::Intro => {
                self.list_owner = names
                    .iter()
                    .filter(|n| {
                        n.entity < graph
                            && (infos.get(n.entity).is("Initiative")
                                || infos.get(n.entity).is("Event"))
                    })
                    .map(|n| n.entity)
                    .next_back()
                    .or(self.plan);
            }
            Layout::Item => {}
            Layout::Heading | Layout::Prose => self.list_owner = None,
        }
        if layout == Layout::Heading {
            // The heading is one field's name, nothing else.
            let whole = names.len() == 1
                && names[0].entity < graph
                && names[0].range.len() + 1 >= text.trim_end().len()
                && infos.get(names[0].entity).is("Domain");
            self.section_plan = self.plan.filter(|_| whole);
        }
        self.seen += 1;
    }
}

/// Statements inside one name: `L'État et plusieurs investisseurs privés`
/// (each is part of the group), `le Sommet de Séoul` (Séoul hosts it).
pub fn name_parts(found: &[Found], text: &str, infos: &Infos) -> Vec<Raw> {
    let mut out = Vec::new();
    for outer in found.iter().filter(|f| !f.nested && f.ambiguity.is_none()) {
        // The names inside, the longest of each entity (`plusieurs
        // investisseurs privés` over `investisseurs privés`).
        let mut inner: Vec<&Found> = Vec::new();
        for f in found.iter().filter(|f| {
            f.nested && outer.range.start <= f.range.start && f.range.end <= outer.range.end
        }) {
            match inner.iter_mut().find(|g| g.entities == f.entities) {
                Some(g) if g.range.len() < f.range.len() => *g = f,
                Some(_) => {}
                None => inner.push(f),
            }
        }
        inner.sort_by_key(|f| f.range.start);
        let o = outer.entities[0];
        let raw = |subject: usize, relation: &'static str, object: usize, rule: &str| {
            Raw::edge(
                subject,
                relation,
                object,
                outer.range.clone(),
                rule.to_owned(),
                0.55 * outer.confidence,
            )
        };
        // A group of two: `A et B`.
        if infos.get(o).is("Organisation") && inner.len() == 2 {
            let gap = &text[inner[0].range.end..inner[1].range.start];
            if gap.trim() == "et" {
                for part in &inner {
                    out.push(raw(
                        part.entities[0],
                        "partOf",
                        o,
                        "name of a group (`A et B`: each is part of it)",
                    ));
                }
            }
        }
        // An event named after its place: `Sommet de Séoul`.
        if infos.get(o).is("Event") {
            for place in inner
                .iter()
                .filter(|f| infos.get(f.entities[0]).is("Place") && f.range.end == outer.range.end)
            {
                let before = text[..place.range.start].trim_end();
                if before.ends_with(" de") || before.ends_with(" a") || before.ends_with(" d'") {
                    // The graph says `Place hosts Event` (see relations.rs).
                    out.push(raw(
                        place.entities[0],
                        "hosts",
                        o,
                        "name of an event (`… de <place>`: the place hosts it)",
                    ));
                }
            }
        }
    }
    out
}

/// `les États-Unis sous Donald Trump`: a state under a person, who heads it.
pub fn heads(text: &str, names: &[Linked], infos: &Infos) -> Vec<Raw> {
    let graph = infos.graph.len();
    let mut out = Vec::new();
    for (i, state) in names.iter().enumerate() {
        if state.entity >= graph || state.via.is_some() || !infos.get(state.entity).is("State") {
            continue;
        }
        let Some(person) = names[i + 1..]
            .iter()
            .find(|n| n.range.start >= state.range.end)
        else {
            continue;
        };
        if person.entity >= graph
            || person.via.is_some()
            || !infos.get(person.entity).is("Person")
            || text[state.range.end..person.range.start].trim() != "sous"
        {
            continue;
        }
        out.push(Raw::edge(
            person.entity,
            "headOf",
            state.entity,
            state.range.start..person.range.end,
            "a state `sous` a person (who heads it)".to_owned(),
            0.5 * person.confidence,
        ));
    }
    out
}

/// `Mistral AI, la start-up française`: an apposition that gives a
/// company's country.
pub fn appositions(
    text: &str,
    names: &[Linked],
    infos: &Infos,
    demonyms: &[(String, usize)],
) -> Vec<Raw> {
    let mut out = Vec::new();
    for n in names.iter().filter(|n| {
        n.entity < infos.graph.len()
            && n.via.is_none()
            && infos.get(n.entity).is("Organisation")
            && !infos.get(n.entity).is("State")
    }) {
        let Some(c) = APPOSITION.captures(&text[n.range.end..]) else {
            continue;
        };
        let Some(adjective) = c.get(1) else { continue };
        let Some(&(_, country)) = demonyms.iter().find(|(a, _)| a == adjective.as_str()) else {
            continue;
        };
        if country == n.entity {
            continue;
        }
        out.push(Raw::edge(
            n.entity,
            "locatedIn",
            country,
            n.range.start..n.range.end + adjective.end(),
            "apposition (`X, la start-up <nationality>`)".to_owned(),
            0.55 * n.confidence,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::last_noun;

    #[test]
    fn the_last_noun_follows_its_determiner() {
        assert_eq!(
            last_noun("elle annonce la creation d'un fonds."),
            Some("fonds")
        );
        assert_eq!(last_noun("il salue le label »"), Some("label"));
        assert_eq!(last_noun("il presente la start-up"), Some("start-up"));
        // No determiner right before the last word: no noun.
        assert_eq!(last_noun("le fonds est ne hier."), None);
        assert_eq!(last_noun("il investit en 2024."), None);
        assert_eq!(last_noun(""), None);
        // A multi-byte character before the last word (it sliced inside `€`).
        assert_eq!(last_noun("un fonds de 20 m€les"), None);
    }
}
