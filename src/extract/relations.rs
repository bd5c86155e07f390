//! Relation cues: French verbs and nouns that say who funds, announces,
//! partners with, leads, launches, founds, uses, promotes, … what. A cue in
//! a sentence with two linked entities, or an entity and an amount, gives a
//! candidate statement; the subject and the object are the nearest entities
//! whose classes fit the relation (an agent funds, a place hosts), on the
//! side the cue's voice says (`X finance Y`, `Y financé par X`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{DateFound, DateKind};
use super::lexicon::EntityInfo;
use super::numbers::{MoneyFound, QuantityFound, QuantityKind};

/// How a cue places its subject and object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Voice {
    /// `X investit dans Y`: subject before, object after.
    Active,
    /// `Y mené par X`: object before, subject after `par`.
    Passive,
    /// `X, fondateur de Y`, `président de Y`: either side, by class.
    Either,
}

/// Classes a role accepts (any of them), or none for anything.
type Kinds = &'static [&'static str];

struct Cue {
    relation: &'static str,
    name: &'static str,
    pattern: &'static str,
    voice: Voice,
    strength: f32,
    subject: Kinds,
    object: Kinds,
    /// Needs an amount or a quantity in the sentence to count.
    needs_figure: bool,
}

const AGENT: Kinds = &["Agent", "Fund"];
const ANY: Kinds = &[];
const THING: Kinds = &[
    "Initiative",
    "Infrastructure",
    "Event",
    "AIProduct",
    "Domain",
    "Organisation",
    "Regulation",
    "Place",
];

/// The cues, by relation. Patterns are matched on folded text (no accents,
/// lower case, `'` apostrophes).
const CUES: &[Cue] = &[
    Cue {
        relation: "funds",
        name: "investir",
        pattern: r"investi(?:r|t|s|e|es|ssent|ssons|ssez|ssait|ssaient|ra|ront|rait|raient|ssant|ssement|ssements)?",
        voice: Voice::Active,
        strength: 0.8,
        subject: AGENT,
        object: THING,
        needs_figure: false,
    },
    Cue {
        relation: "funds",
        name: "financer",
        pattern: r"financ(?:er|e|es|ent|ons|ez|era|eront|erait|eraient|ait|aient|ant|ee|ees|ement|ements)",
        voice: Voice::Active,
        strength: 0.8,
        subject: AGENT,
        object: THING,
        needs_figure: false,
    },
    Cue {
        relation: "funds",
        name: "financé par",
        pattern: r"(?:finance|financee|finances|financees|soutenu|soutenue|soutenus|soutenues|subventionne|subventionnee|abonde|abondee)(?: [^.;]{0,30})? par",
        voice: Voice::Passive,
        strength: 0.85,
        subject: AGENT,
        object: THING,
        needs_figure: true,
    },
    Cue {
        relation: "funds",
        name: "injecter",
        pattern: r"inject(?:er|e|es|ent|era|eront|ait|ant|ion)",
        voice: Voice::Active,
        strength: 0.8,
        subject: AGENT,
        object: THING,
        needs_figure: false,
    },
    Cue {
        relation: "funds",
        name: "fonds",
        pattern: r"(?:fonds|enveloppe|dotation|a hauteur de|mettre sur la table|debloqu(?:er|e|ee|ent)|allou(?:er|e|ee|ent)|consacr(?:er|e|ee|ent))",
        voice: Voice::Active,
        strength: 0.6,
        subject: AGENT,
        object: THING,
        needs_figure: true,
    },
    Cue {
        relation: "announces",
        name: "annoncer",
        pattern: r"annonc(?:er|e|es|ent|ait|aient|era|eront|ant|ee|ees)",
        voice: Voice::Active,
        strength: 0.8,
        subject: AGENT,
        object: THING,
        needs_figure: false,
    },
    Cue {
        relation: "announces",
        name: "présenter",
        pattern: r"present(?:er|e|es|ent|ait|era|ant|ee|ees)|devoil(?:er|e|es|ent|ait|era|ant|ee|ees)|prom(?:et|ettre|ettent|is|ise|ettait)",
        voice: Voice::Active,
        strength: 0.7,
        subject: AGENT,
        object: THING,
        needs_figure: false,
    },
    Cue {
        relation: "partnersWith",
        name: "partenariat",
        pattern: r"partenariats?|partenaires?|s'allier|s'allie|s'allient|allie(?:s|e|es)? (?:a|avec)|alliances?|cooperations?|cooperer|collaborations?|collaborer|collabore",
        voice: Voice::Either,
        strength: 0.7,
        subject: ANY,
        object: ANY,
        needs_figure: false,
    },
    Cue {
        relation: "leads",
        name: "mené par",
        pattern: r"(?:mene|menee|menes|pilote|pilotee|pilotes|dirige|dirigee|diriges|conduit|conduite|coordonne|coordonnee|porte|portee) par",
        voice: Voice::Passive,
        strength: 0.85,
        subject: AGENT,
        object: THING,
        needs_figure: false,
    },
    Cue {
        relation: "leads",
        name: "piloter",
        pattern: r"(?:pilote|pilotent|piloter|mene|menent|mener|coordonne|coordonner)",
        voice: Voice::Active,
        strength: 0.5,
        subject: AGENT,
        object: THING,
        needs_figure: false,
    },
    Cue {
        relation: "headOf",
        name: "président de",
        pattern: r"(?:president|presidente|chancelier|chanceliere|premier ministre|pdg|directeur general|directrice generale|dirigeant|dirigeante|patron|patronne|a la tete)(?: (?:de|du|des|d'))?",
        voice: Voice::Either,
        strength: 0.7,
        subject: &["Person"],
        object: &["Organisation"],
        needs_figure: false,
    },
    Cue {
        relation: "launches",
        name: "lancer",
        pattern: r"lanc(?:er|e|es|ent|ait|era|eront|ant|ee|ees|ement)|inaugur(?:er|e|ee|ent|ait)|(?:mis|mise|met|mettre) en place",
        voice: Voice::Active,
        strength: 0.75,
        subject: AGENT,
        object: THING,
        needs_figure: false,
    },
    Cue {
        relation: "founderOf",
        name: "fondateur de",
        pattern: r"(?:co-?)?fondat(?:eur|rice|eurs|rices)(?: (?:de|du|des|d'))?|(?:a|ont) (?:co-?)?fonde",
        voice: Voice::Either,
        strength: 0.85,
        subject: AGENT,
        object: &["Organisation"],
        needs_figure: false,
    },
    Cue {
        relation: "usesInfrastructure",
        name: "utilisé par … pour entraîner",
        pattern: r"utilise(?:e|s|es)? par",
        voice: Voice::Passive,
        strength: 0.8,
        subject: AGENT,
        object: &["Infrastructure"],
        needs_figure: false,
    },
    Cue {
        relation: "usesInfrastructure",
        name: "utiliser pour entraîner",
        pattern: r"(?:utilise|utilisent|utiliser|s'appuie sur|entraine sur|entraines sur)",
        voice: Voice::Active,
        strength: 0.6,
        subject: AGENT,
        object: &["Infrastructure"],
        needs_figure: false,
    },
    Cue {
        relation: "develops",
        name: "développer",
        pattern: r"develop(?:per|pe|pes|pent|pait|pera|pant|pee|pees|pement)|constru(?:ire|it|isent|ira|ction)|conc(?:evoir|oit|u|ue)",
        voice: Voice::Active,
        strength: 0.6,
        subject: AGENT,
        object: &["AIProduct", "Infrastructure", "Initiative"],
        needs_figure: false,
    },
    Cue {
        relation: "promotes",
        name: "promouvoir",
        pattern: r"promouv(?:oir|ant)|promeu(?:t|vent)|promu|encourag(?:er|e|ent|eant)|mise en avant|met en avant|mettant en avant|plaide(?:r|nt)? (?:pour|en faveur)|appel(?:le|er|lent) a",
        voice: Voice::Active,
        strength: 0.6,
        subject: AGENT,
        object: ANY,
        needs_figure: false,
    },
    Cue {
        relation: "competesWith",
        name: "concurrencer",
        pattern: r"concurrenc(?:er|e|ent)|concurrente?s? (?:de|d')|rivalis(?:er|e|ent) avec|face a",
        voice: Voice::Either,
        strength: 0.6,
        subject: ANY,
        object: ANY,
        needs_figure: false,
    },
    Cue {
        relation: "supports",
        name: "soutenir",
        pattern: r"soutien(?:t|nent|s)?|souteni(?:r)|appui(?:e|er|ent)",
        voice: Voice::Active,
        strength: 0.55,
        subject: AGENT,
        object: ANY,
        needs_figure: false,
    },
    Cue {
        relation: "supports",
        name: "soutenu par",
        pattern: r"(?:soutenu|soutenue|soutenus|soutenues|appuye|appuyee) par",
        voice: Voice::Passive,
        strength: 0.7,
        subject: AGENT,
        object: ANY,
        needs_figure: false,
    },
    Cue {
        relation: "hosts",
        name: "accueillir",
        pattern: r"accueill(?:ir|e|ent|i|ait|era|ant)",
        voice: Voice::Active,
        strength: 0.7,
        subject: &["Place", "Organisation"],
        object: &["Event", "Infrastructure"],
        needs_figure: false,
    },
    Cue {
        relation: "participatesIn",
        name: "participer à",
        pattern: r"particip(?:er|e|ent|ait|era|ant) (?:a|au|aux)",
        voice: Voice::Active,
        strength: 0.75,
        subject: AGENT,
        object: &["Event", "Initiative"],
        needs_figure: false,
    },
    Cue {
        relation: "locatedIn",
        name: "situé à",
        pattern: r"(?:situe|situee|base|basee|implante|implantee|se deroule|se tient|a lieu|installe|installee) (?:a|au|en|dans)",
        voice: Voice::Active,
        strength: 0.7,
        subject: ANY,
        object: &["Place"],
        needs_figure: false,
    },
    Cue {
        relation: "criticizes",
        name: "critiquer",
        pattern: r"critiqu(?:er|e|ent|ait)|minimis(?:er|e|ent|ait)|denonc(?:er|e|ent|ait)",
        voice: Voice::Active,
        strength: 0.6,
        subject: AGENT,
        object: ANY,
        needs_figure: false,
    },
    Cue {
        relation: "regulates",
        name: "réguler",
        pattern: r"regul(?:er|e|ent)|encadr(?:er|e|ent)|reglement(?:er|e|ent)",
        voice: Voice::Active,
        strength: 0.55,
        subject: &["Regulation", "Agent"],
        object: ANY,
        needs_figure: false,
    },
    Cue {
        relation: "clientOf",
        name: "client de",
        pattern: r"clients? (?:de|d')",
        voice: Voice::Either,
        strength: 0.7,
        subject: AGENT,
        object: &["Organisation"],
        needs_figure: false,
    },
];

/// Words that make a quantity a target.
static TARGET_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:objectifs?|vis(?:e|ent|er|ant) a|ambition(?:ne|nent)?|prevoi(?:t|ent|r)|entend(?:ent)?|veu(?:t|lent)|souhait(?:e|ent)|d'ici|a l'horizon|former|accompagner|atteindre|augmenter)\b")
        .expect("valid regex")
});

struct Compiled {
    regex: Regex,
}

static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    CUES.iter()
        .map(|c| Compiled {
            regex: Regex::new(&format!(r"\b(?:{})\b", c.pattern)).expect("valid cue regex"),
        })
        .collect()
});

/// A linked mention, as relations see it.
#[derive(Debug, Clone)]
pub struct Linked {
    pub range: Range<usize>,
    pub entity: usize,
    pub confidence: f32,
}

/// A candidate statement before it gets its ids and texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    pub subject: Option<usize>,
    pub relation: &'static str,
    pub object: Option<usize>,
    pub money: Option<usize>,
    pub quantity: Option<usize>,
    pub date: Option<usize>,
    pub deadline: Option<usize>,
    /// Folded range from the first to the last piece of the statement.
    pub range: Range<usize>,
    pub rule: String,
    pub confidence: f32,
}

/// Clause boundaries that roles do not cross.
fn clause_breaks(text: &str) -> Vec<usize> {
    text.match_indices([';', '?', '!', '|'])
        .map(|(i, _)| i)
        .chain(text.match_indices(" - ").map(|(i, _)| i))
        .collect()
}

fn same_clause(breaks: &[usize], a: usize, b: usize) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    !breaks.iter().any(|&x| lo <= x && x < hi)
}

fn fits(info: &EntityInfo, kinds: Kinds) -> bool {
    kinds.is_empty() || kinds.iter().any(|k| info.is(k))
}

/// How far roles may be from their cue, in folded bytes.
const REACH: usize = 160;

/// The candidate statements of one folded sentence.
pub fn candidates(
    text: &str,
    mentions: &[Linked],
    entities: &[EntityInfo],
    money: &[MoneyFound],
    quantities: &[QuantityFound],
    dates: &[DateFound],
) -> Vec<Raw> {
    let breaks = clause_breaks(text);
    let mut out: Vec<Raw> = Vec::new();
    let info = |m: &Linked| &entities[m.entity];
    for (cue, compiled) in CUES.iter().zip(COMPILED.iter()) {
        for m in compiled.regex.find_iter(text) {
            let c = m.range();
            // A cue inside a name (`Fonds d'amorçage`) is part of the name.
            if mentions
                .iter()
                .any(|x| x.range.start <= c.start && c.end <= x.range.end)
            {
                continue;
            }
            let near = |x: &Range<usize>| {
                same_clause(&breaks, x.start, c.start)
                    && (x.end.abs_diff(c.start) <= REACH || x.start.abs_diff(c.end) <= REACH)
            };
            let figure_money = nearest(money.iter().map(|m| m.range.clone()), &c, near);
            let figure_quantity = nearest(
                quantities
                    .iter()
                    .map(|q| q.range.clone())
                    .enumerate()
                    .filter(|(i, _)| quantities[*i].kind != QuantityKind::Times)
                    .map(|(_, r)| r),
                &c,
                near,
            );
            // The quantity's index among all quantities.
            let figure_quantity = figure_quantity.and_then(|k| {
                quantities
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.kind != QuantityKind::Times)
                    .nth(k)
                    .map(|(i, _)| i)
            });
            if cue.needs_figure && figure_money.is_none() && figure_quantity.is_none() {
                continue;
            }
            let left = |kinds: Kinds, exclude: Option<usize>| {
                mentions
                    .iter()
                    .filter(|x| x.range.end <= c.start && near(&x.range))
                    .filter(|x| fits(info(x), kinds) && Some(x.entity) != exclude)
                    .max_by_key(|x| x.range.end)
            };
            let right_from = |from: usize, kinds: Kinds, exclude: Option<usize>| {
                mentions
                    .iter()
                    .filter(|x| x.range.start >= from && near(&x.range))
                    .filter(|x| fits(info(x), kinds) && Some(x.entity) != exclude)
                    .min_by_key(|x| x.range.start)
            };
            let (subject, object, penalty) = match cue.voice {
                Voice::Active => {
                    let s = left(cue.subject, None);
                    let o = right_from(c.end, cue.object, s.map(|x| x.entity));
                    match (s, o) {
                        (Some(s), o) => (Some(s), o, 1.0),
                        // `Sur France 2, … a annoncé X` with the subject after: weaker.
                        (None, Some(o)) => {
                            let s = right_from(o.range.end, cue.subject, Some(o.entity));
                            (s, Some(o), 0.6)
                        }
                        (None, None) => (None, None, 1.0),
                    }
                }
                Voice::Passive => {
                    let s = right_from(c.end, cue.subject, None);
                    let o = left(cue.object, s.map(|x| x.entity));
                    (s, o, 1.0)
                }
                Voice::Either => {
                    // The nearest fitting entity on each side.
                    let s_left = left(cue.subject, None);
                    let s_right = right_from(c.end, cue.subject, None);
                    let s = match (s_left, s_right) {
                        (Some(a), Some(b)) => {
                            if c.start - a.range.end <= b.range.start - c.end {
                                Some(a)
                            } else {
                                Some(b)
                            }
                        }
                        (a, b) => a.or(b),
                    };
                    let exclude = s.map(|x| x.entity);
                    let o = right_from(c.end, cue.object, exclude)
                        .or_else(|| left(cue.object, exclude));
                    (s, o, 1.0)
                }
            };
            let money_ix = figure_money;
            let quantity_ix = if cue.relation == "funds" {
                figure_quantity
            } else {
                None
            };
            if subject.is_none() && object.is_none() {
                continue;
            }
            if object.is_none() && money_ix.is_none() {
                continue;
            }
            let pieces: Vec<Range<usize>> = [
                subject.map(|x| x.range.clone()),
                object.map(|x| x.range.clone()),
            ]
            .into_iter()
            .flatten()
            .chain([c.clone()])
            .chain(money_ix.map(|i| money[i].range.clone()))
            .collect();
            let confidence = cue.strength
                * penalty
                * subject.map_or(0.5, |x| x.confidence)
                * object.map_or(0.7, |x| x.confidence)
                * money_ix.map_or(1.0, |i| money[i].confidence);
            let (date, deadline) = attach_dates(dates, &c, &breaks);
            out.push(Raw {
                subject: subject.map(|x| x.entity),
                relation: cue.relation,
                object: object.map(|x| x.entity),
                money: money_ix,
                quantity: quantity_ix,
                date,
                deadline,
                range: span(&pieces),
                rule: format!("cue:{} ({})", cue.name, voice_name(cue.voice)),
                confidence,
            });
        }
    }
    targets(
        text, mentions, entities, quantities, dates, &breaks, &mut out,
    );
    dedupe(out)
}

fn voice_name(v: Voice) -> &'static str {
    match v {
        Voice::Active => "subject before, object after",
        Voice::Passive => "object before, subject after `par`",
        Voice::Either => "nearest fitting entities",
    }
}

/// Quantities with a target cue (`objectif`, `vise à`, `d'ici 2027`,
/// `doubler`): `hasTarget` of the nearest entity before them.
fn targets(
    text: &str,
    mentions: &[Linked],
    entities: &[EntityInfo],
    quantities: &[QuantityFound],
    dates: &[DateFound],
    breaks: &[usize],
    out: &mut Vec<Raw>,
) {
    let cues: Vec<Range<usize>> = TARGET_CUE.find_iter(text).map(|m| m.range()).collect();
    for (qi, q) in quantities.iter().enumerate() {
        if matches!(q.kind, QuantityKind::Power) {
            continue;
        }
        let cue = cues
            .iter()
            .filter(|c| same_clause(breaks, c.start, q.range.start) && c.end <= q.range.start + 1)
            .filter(|c| q.range.start.saturating_sub(c.end) <= REACH)
            .max_by_key(|c| c.end)
            .cloned()
            .or_else(|| (q.kind == QuantityKind::Times).then(|| q.range.clone()));
        let Some(cue) = cue else { continue };
        let subject = mentions
            .iter()
            .filter(|m| m.range.end <= cue.start.max(q.range.start))
            .filter(|m| same_clause(breaks, m.range.start, q.range.start))
            .filter(|m| !entities[m.entity].is("Currency") && !entities[m.entity].is("Domain"))
            .max_by_key(|m| m.range.end);
        let Some(subject) = subject else { continue };
        let (date, deadline) = attach_dates(dates, &q.range, breaks);
        let confidence = q.confidence
            * subject.confidence
            * if q.kind == QuantityKind::Times {
                0.6
            } else {
                0.75
            };
        out.push(Raw {
            subject: Some(subject.entity),
            relation: "hasTarget",
            object: None,
            money: None,
            quantity: Some(qi),
            date,
            deadline,
            range: span(&[subject.range.clone(), cue, q.range.clone()]),
            rule: "cue:target (entity before a quantity with a target word)".to_owned(),
            confidence,
        });
    }
}

/// The date (`date` or `depuis`) and deadline (`d'ici`) nearest to `at` in its clause.
fn attach_dates(
    dates: &[DateFound],
    at: &Range<usize>,
    breaks: &[usize],
) -> (Option<usize>, Option<usize>) {
    let pick = |deadline: bool| {
        dates
            .iter()
            .enumerate()
            .filter(|(_, d)| (d.kind == DateKind::Deadline) == deadline && d.value.is_some())
            .filter(|(_, d)| same_clause(breaks, d.range.start, at.start))
            .min_by_key(|(_, d)| d.range.start.abs_diff(at.start))
            .map(|(i, _)| i)
    };
    (pick(false), pick(true))
}

fn nearest(
    ranges: impl Iterator<Item = Range<usize>>,
    cue: &Range<usize>,
    near: impl Fn(&Range<usize>) -> bool,
) -> Option<usize> {
    ranges
        .enumerate()
        .filter(|(_, r)| near(r))
        .min_by_key(|(_, r)| {
            if r.start >= cue.end {
                r.start - cue.end
            } else {
                cue.start.saturating_sub(r.end)
            }
        })
        .map(|(i, _)| i)
}

fn span(pieces: &[Range<usize>]) -> Range<usize> {
    let start = pieces.iter().map(|r| r.start).min().unwrap_or(0);
    let end = pieces.iter().map(|r| r.end).max().unwrap_or(start);
    start..end
}

/// One candidate per (subject, relation, object, amount, quantity): the most confident.
fn dedupe(mut all: Vec<Raw>) -> Vec<Raw> {
    all.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    let mut out: Vec<Raw> = Vec::new();
    for c in all {
        let dup = out.iter().any(|o| {
            o.relation == c.relation
                && o.object == c.object
                && o.money == c.money
                && o.quantity == c.quantity
                && (o.subject == c.subject
                    || (symmetric(c.relation) && o.subject == c.object && o.object == c.subject))
        });
        if !dup {
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.range.start);
    out
}

/// Relations the ontology declares symmetric.
pub fn symmetric(relation: &str) -> bool {
    matches!(relation, "partnersWith" | "competesWith")
}
