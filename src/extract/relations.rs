//! Relation cues: French verbs and nouns that say who funds, announces,
//! partners with, leads, launches, founds, uses, promotes, … what. A cue in
//! a sentence with two linked entities, or an entity and an amount, gives a
//! candidate statement; the subject and the object are the nearest entities
//! whose classes fit the relation (an agent funds, a place hosts), on the
//! side the cue's voice says (`X finance Y`, `Y financé par X`).

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{DateFound, DateKind};
use super::lexicon::EntityInfo;
use super::numbers::{MoneyFound, QuantityFound, QuantityKind};
use crate::french::{DETERMINERS, PARTITIVE};

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
    /// Takes the sum of money of its clause (`investit 50 M€`).
    figure: bool,
    /// Only before a determiner (`présente un plan`, not `présente dans`).
    determiner_after: bool,
    /// A participle or an adjective: the role on its left is at most this
    /// many words before it (`le plateau installé au …` is not about Macron).
    participle: Option<usize>,
    /// The statement's subject is the cue's object (`X a séduit Y`: Y is X's client).
    reverse: bool,
}

impl Cue {
    const fn new(
        relation: &'static str,
        name: &'static str,
        pattern: &'static str,
        voice: Voice,
        strength: f32,
        subject: Kinds,
        object: Kinds,
    ) -> Self {
        let b = relation.as_bytes();
        // funds, announces and launches carry the sum of money of their clause.
        let figure = matches!(b, b"funds" | b"announces" | b"launches");
        Self {
            relation,
            name,
            pattern,
            voice,
            strength,
            subject,
            object,
            needs_figure: false,
            figure,
            determiner_after: false,
            participle: None,
            reverse: false,
        }
    }
    const fn needs_figure(mut self) -> Self {
        self.needs_figure = true;
        self
    }
    const fn determiner_after(mut self) -> Self {
        self.determiner_after = true;
        self
    }
    const fn participle(mut self, words: usize) -> Self {
        self.participle = Some(words);
        self
    }
    const fn reverse(mut self) -> Self {
        self.reverse = true;
        self
    }
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
const ORGANISATION: Kinds = &["Organisation"];
/// Who promotes: agents, and plans and summits (`ce sommet avait pour but de promouvoir …`).
const PROMOTER: Kinds = &["Agent", "Fund", "Initiative", "Event"];
const INFRASTRUCTURE: Kinds = &["Infrastructure"];
const PRODUCT: Kinds = &["AIProduct", "Infrastructure", "Initiative"];
const EVENT: Kinds = &["Event", "Initiative"];
const PLACE: Kinds = &["Place"];
/// What has a scope (`concerns`): plans, measures, programmes, and funds,
/// whose scope is what they fund (`le fonds vise à financer …`).
const SCOPED: Kinds = &["Plan", "Measure", "Programme", "Fund"];
/// What has parts, and what can be one.
const WHOLE: Kinds = &["Initiative", "Infrastructure", "Event", "Organisation"];

use Voice::{Active, Either, Passive};

/// The cues, by relation. Patterns are matched on folded text (no accents,
/// lower case, `'` apostrophes), on word boundaries.
#[rustfmt::skip]
const CUES: &[Cue] = &[
    Cue::new("funds", "investir", r"investi(?:r|t|s|e|es|ssent|ssons|ssez|ssait|ssaient|ra|ront|rait|raient|ssant|ssement|ssements)?", Active, 0.8, AGENT, THING),
    Cue::new("funds", "financer", r"financ(?:er|e|es|ent|ons|ez|era|eront|erait|eraient|ait|aient|ant|ee|ees|ement|ements)", Active, 0.8, AGENT, THING),
    Cue::new("funds", "financé par", r"(?:finance|financee|finances|financees|investi|investie|investis|investies|injecte|injectes|soutenu|soutenue|soutenus|soutenues|subventionne|subventionnee|abonde|abondee)(?: [^.;,]{0,30})? par", Passive, 0.85, AGENT, THING).needs_figure(),
    Cue::new("funds", "injecter", r"inject(?:er|e|es|ent|era|eront|ait|ant|ion)", Active, 0.8, AGENT, THING),
    Cue::new("funds", "fonds", r"(?:fonds|enveloppe|dotation|a hauteur de|mettre sur la table|debloqu(?:er|e|ee|ent)|allou(?:er|e|ee|ent)|consacr(?:er|e|ee|ent))", Active, 0.6, AGENT, THING).needs_figure(),
    Cue::new("announces", "annoncer", r"annonc(?:er|e|es|ent|ait|aient|era|eront|ant|ee|ees)", Active, 0.8, AGENT, THING),
    Cue::new("announces", "annoncé par", r"(?:annonce|annoncee|annonces|annoncees|presente|presentee|presentes|presentees|devoile|devoilee|devoiles|devoilees) par", Passive, 0.75, AGENT, THING),
    Cue::new("announces", "présenter", r"present(?:er|e|es|ent|ait|era|ant|ee|ees)|devoil(?:er|e|es|ent|ait|era|ant|ee|ees)|prom(?:et|ettre|ettent|is|ise|ettait)", Active, 0.7, AGENT, THING).determiner_after(),
    Cue::new("partnersWith", "partenariat", r"partenariats?|partenaires?|s'allier|s'allie|s'allient|allie(?:s|e|es)? (?:a|avec)|alliances?|cooperations?|cooperer|collaborations?|collaborer|collabore", Active, 0.7, ANY, ANY),
    Cue::new("leads", "mené par", r"(?:mene|menee|menes|pilote|pilotee|pilotes|dirige|dirigee|diriges|conduit|conduite|coordonne|coordonnee|porte|portee) par", Passive, 0.85, AGENT, THING),
    Cue::new("leads", "piloter", r"(?:pilote|pilotent|piloter|mene|menent|mener|coordonne|coordonner)", Active, 0.5, AGENT, THING).determiner_after(),
    Cue::new("headOf", "président de", r"(?:president|presidente|chancelier|chanceliere|premier ministre|pdg|directeur general|directrice generale|dirigeant|dirigeante|patron|patronne|a la tete)(?: (?:de|du|des|d'))?", Either, 0.7, &["Person"], ORGANISATION),
    Cue::new("launches", "lancer", r"lanc(?:er|e|es|ent|ait|era|eront|ant|ee|ees|ement)|inaugur(?:er|e|ee|ent|ait)|(?:mis|mise|met|mettre) en place", Active, 0.75, AGENT, THING),
    Cue::new("founderOf", "fondateur de", r"(?:co-?)?fondat(?:eur|rice|eurs|rices)(?: (?:de|du|des|d'))?|(?:a|ont) (?:co-?)?fonde", Either, 0.85, AGENT, ORGANISATION),
    Cue::new("usesInfrastructure", "utilisé par … pour entraîner", r"utilise(?:e|s|es)? par", Passive, 0.8, AGENT, INFRASTRUCTURE),
    Cue::new("usesInfrastructure", "utiliser pour entraîner", r"(?:utilise|utilisent|utiliser|s'appuie sur|entraine sur|entraines sur)", Active, 0.6, AGENT, INFRASTRUCTURE),
    Cue::new("develops", "développer", r"develop(?:per|pe|pes|pent|pait|pera|pant|pee|pees|pement)|constru(?:ire|it|isent|ira|ction)|conc(?:evoir|oit|u|ue)", Active, 0.6, AGENT, PRODUCT),
    Cue::new("promotes", "promouvoir", r"promouv(?:oir|ant)|promeu(?:t|vent)|promu|encourag(?:er|e|ent|eant)|mise en avant|mis en avant|met en avant|mettant en avant|plaid(?:e|er|ent|ant|ait)(?: [a-z']+){0,3}? (?:pour|en faveur)|appel(?:le|er|lent|e) a", Active, 0.6, PROMOTER, ANY),
    Cue::new("promotes", "souligner l'importance de", r"(?:soulign(?:e|er|ent|ant|ait)|rappel(?:le|er|lent|ant|ait)|insist(?:e|er|ent|ant|ait)(?: sur)?) (?:la necessite|l'importance)|insist(?:e|er|ent|ant|ait) sur", Active, 0.55, AGENT, ANY),
    Cue::new("promotes", "souhaiter créer", r"souhait(?:e|ent|ait|aient|er)(?: [a-z]+ment)? (?:creer|etablir|instaurer|mettre en place)", Active, 0.55, AGENT, ANY).determiner_after(),
    Cue::new("clientOf", "séduire", r"sedui(?:t|s|sent|sait|saient|ra|re)", Active, 0.55, ORGANISATION, AGENT).reverse(),
    Cue::new("partOf", "comprenant", r"compren(?:ant|d|nent|dra)|inclu(?:ant|t|ent)|englob(?:ant|e|ent)", Active, 0.55, WHOLE, WHOLE).reverse(),
    Cue::new("competesWith", "concurrencer", r"concurrenc(?:er|e|ent)|rivalis(?:er|e|ent) avec", Active, 0.6, ANY, ANY),
    Cue::new("competesWith", "concurrent de", r"concurrente?s? (?:de|d')", Active, 0.6, ANY, ANY).participle(2),
    Cue::new("supports", "soutenir", r"soutien(?:t|nent|s)?|souteni(?:r)|appui(?:e|er|ent)", Active, 0.55, AGENT, ANY),
    Cue::new("supports", "soutenu par", r"(?:soutenu|soutenue|soutenus|soutenues|appuye|appuyee) par", Passive, 0.7, AGENT, ANY),
    Cue::new("hosts", "accueillir", r"accueill(?:ir|e|ent|i|ait|era|ant)", Active, 0.7, &["Place", "Organisation"], &["Event", "Infrastructure"]),
    Cue::new("participatesIn", "participer à", r"particip(?:er|e|ent|ait|era|ant)(?: en [a-z]+)? (?:a|au|aux)", Active, 0.75, AGENT, EVENT),
    Cue::new("locatedIn", "situé à", r"(?:situe|situee|base|basee|implante|implantee|se deroule|se tient|a lieu|installe|installee) (?:a|au|en|dans)", Active, 0.7, ANY, PLACE).participle(2),
    Cue::new("criticizes", "critiquer", r"critiqu(?:er|e|ent|ait)|minimis(?:er|e|ent|ait)|denonc(?:er|e|ent|ait)", Active, 0.6, AGENT, ANY),
    Cue::new("regulates", "réguler", r"regul(?:er|e|ent)|encadr(?:er|e|ent)|reglement(?:er|e|ent)", Active, 0.55, &["Regulation", "Agent"], ANY),
    Cue::new("concerns", "consacré à", r"consacr(?:e|ee|es|ees) (?:a|au|aux)|dedi(?:e|ee|es|ees) (?:a|au|aux)|volets? (?:a|au|aux)|ir(?:a|ont) (?:a|au|aux)|vis(?:e|ent|ant) a financer|port(?:e|ent|ant) sur", Active, 0.6, SCOPED, THING),
    Cue::new("basedOn", "s'appuyer sur", r"s'appuyant sur(?: les recommandations| les conclusions)?|sur la base (?:des recommandations|du rapport)|fonde(?:e|s|es)? sur", Active, 0.6, SCOPED, ANY),
    Cue::new("clientOf", "client de", r"clients? (?:de|d')", Either, 0.7, AGENT, ORGANISATION),
];

/// Words that make a quantity a figure of the present (`un pays qui forme un
/// million d'ingénieurs par an`), not a target (`former 100 000 experts`).
static FIGURE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:forme|forment|compte|comptent|emploie|emploient|reunit|reunissent)\b")
        .expect("valid regex")
});

/// Words that introduce examples: what follows is the object even beyond
/// the few words a verb's object may be from it (`insiste sur son rôle dans
/// des secteurs clés comme la santé`).
const EXEMPLIFIERS: &[&str] = &[
    "comme",
    "a l'instar de",
    "a l'instar d'",
    "a l'instar du",
    "a l'instar des",
    "tels que",
    "telles que",
    "tel que",
    "telle que",
    "notamment",
];

/// Verbs of intention: what they govern is to come.
const INTENTION: &[&str] = &[
    "prevoit",
    "prevoient",
    "compte",
    "comptent",
    "souhaite",
    "souhaitent",
    "veut",
    "veulent",
    "entend",
    "entendent",
    "projette",
    "projettent",
    "va",
    "vont",
];

/// Words that make a quantity a target.
static TARGET_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:objectifs?|vis(?:e|ent|er|ant) a|ambition(?:ne|nent)?|prevoi(?:t|ent|r)|entend(?:ent)?|veu(?:t|lent)|souhait(?:e|ent)|d'ici|a l'horizon|former|formation d[e']|accompagner|atteindre|augmenter)\b")
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

/// The entities of the graph, then the sentence's new names.
#[derive(Debug, Clone, Copy)]
pub struct Infos<'a> {
    pub graph: &'a [EntityInfo],
    pub new: &'a [EntityInfo],
    /// The ontology's symmetric relations ([`crate::ontology::Ontology::symmetric`]).
    pub symmetric: &'a BTreeSet<String>,
}

impl<'a> Infos<'a> {
    pub fn get(&self, i: usize) -> &'a EntityInfo {
        match i.checked_sub(self.graph.len()) {
            Some(k) => &self.new[k],
            None => &self.graph[i],
        }
    }
}

/// A linked mention, as relations see it.
#[derive(Debug, Clone)]
pub struct Linked {
    pub range: Range<usize>,
    pub entity: usize,
    pub confidence: f32,
    /// Not a name but a pronoun or a demonstrative resolved from the
    /// sentences before: how (`«il»: the paragraph's subject`).
    pub via: Option<&'static str>,
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

impl Raw {
    /// A relation between two entities, with no figure or date.
    pub fn edge(
        subject: usize,
        relation: &'static str,
        object: usize,
        range: Range<usize>,
        rule: String,
        confidence: f32,
    ) -> Self {
        Self {
            subject: Some(subject),
            relation,
            object: Some(object),
            money: None,
            quantity: None,
            date: None,
            deadline: None,
            range,
            rule,
            confidence,
        }
    }
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

/// Whether a word may follow a verb used transitively (`présente un plan`,
/// `présente de nouveaux plans`, not `présente dans la robotique`).
fn object_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word) || PARTITIVE.contains(&word)
}

/// Cues whose verb reports speech: `annonce que X …` says nothing of X.
const REPORTING: &[&str] = &["announces", "promotes"];

/// Prepositions that open a noun's complement.
const PREPOSITIONS: &[&str] = &[
    "de", "d", "des", "du", "dans", "en", "pour", "avec", "a", "au", "aux", "sur", "entre",
];

/// Words that open a new clause after a comma.
const SUBORDINATORS: &[&str] = &[
    "car", "mais", "et", "ou", "donc", "qui", "que", "qu", "quand", "si", "lorsque", "pour",
    "afin", "alors", "tandis", "puisque", "comme", "dont", "ou", "tout", "en", "sans", "avec",
];

/// Relations whose statements take a deadline (`d'ici 2028`).
const WITH_DEADLINE: &[&str] = &[
    "announces",
    "launches",
    "funds",
    "develops",
    "promotes",
    "hasTarget",
];

/// Words between a verb cue and its object, at most.
const OBJECT_WORDS: usize = 5;

/// Whether a cue's words are a noun (`investissement`, `partenariat`, `fonds`).
fn is_noun(cue: &str) -> bool {
    const NOUNS: &[&str] = &[
        "fonds",
        "enveloppe",
        "dotation",
        "soutien",
        "soutiens",
        "partenaire",
        "partenaires",
        "alliance",
        "alliances",
        "injection",
    ];
    let first = cue.split(' ').next().unwrap_or(cue);
    let last = cue.rsplit(' ').next().unwrap_or(cue);
    [
        "ment", "ments", "tion", "tions", "ariat", "ariats", "ateur", "atrice", "ateurs",
    ]
    .iter()
    .any(|s| first.ends_with(s))
        || NOUNS.contains(&first)
        || NOUNS.contains(&last)
}

/// Number of words in a folded text.
fn words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The first word after folded byte `at`.
fn next_word(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// One cue found in the sentence.
struct Hit {
    cue: usize,
    range: Range<usize>,
}

/// The candidate statements of one folded sentence.
pub fn candidates<'a>(
    text: &str,
    mentions: &'a [Linked],
    entities: &Infos,
    money: &[MoneyFound],
    quantities: &[QuantityFound],
    dates: &[DateFound],
) -> Vec<Raw> {
    let breaks = clause_breaks(text);
    let info = |m: &Linked| entities.get(m.entity);
    // Every cue; of two that overlap the longer wins (`investis par` over `investis`).
    let mut hits: Vec<Hit> = Vec::new();
    for (i, compiled) in COMPILED.iter().enumerate() {
        for m in compiled.regex.find_iter(text) {
            let r = m.range();
            // A cue inside a name (`Fonds d'amorçage`) is part of the name.
            if mentions
                .iter()
                .any(|x| x.range.start <= r.start && r.end <= x.range.end && x.range != r)
            {
                continue;
            }
            hits.push(Hit { cue: i, range: r });
        }
    }
    hits.sort_by_key(|h| std::cmp::Reverse(h.range.len()));
    let mut kept: Vec<Hit> = Vec::new();
    for h in hits {
        let overlaps = kept.iter().any(|k| {
            k.range.start < h.range.end && h.range.start < k.range.end && k.range != h.range
        });
        if !overlaps {
            kept.push(h);
        }
    }
    kept.sort_by_key(|h| h.range.start);
    let cue_ranges: Vec<Range<usize>> = kept.iter().map(|h| h.range.clone()).collect();
    // A noun governed by a verb cue just before it (`a annoncé un
    // investissement de …`, `investir … pour la construction de …`) is part
    // of that verb's statement, not a statement of its own.
    // Words of the sums of money between two offsets.
    let money_words = |from: usize, to: usize| -> usize {
        money
            .iter()
            .filter(|m| m.range.start >= from && m.range.end <= to)
            .map(|m| words(&text[m.range.clone()]))
            .sum()
    };
    let governed: Vec<bool> = kept
        .iter()
        .map(|h| {
            is_noun(&text[h.range.clone()])
                && kept.iter().any(|g| {
                    !is_noun(&text[g.range.clone()])
                        && g.range.end <= h.range.start
                        && !text[g.range.end..h.range.start].contains([',', ':', ';'])
                        && words(&text[g.range.end..h.range.start])
                            <= 2 + money_words(g.range.end, h.range.start)
                })
        })
        .collect();
    let next_cue_after = |at: usize| {
        kept.iter()
            .zip(&governed)
            .filter(|(h, g)| !**g && h.range.start >= at)
            .map(|(h, _)| h.range.start)
            .min()
            .unwrap_or(text.len())
    };
    // A word that is a cue is not a role (`un investissement` is not the Domain `Investissement`).
    let roles: Vec<&'a Linked> = mentions
        .iter()
        .filter(|m| {
            !cue_ranges
                .iter()
                .any(|c| c.start < m.range.end && m.range.start < c.end)
        })
        .collect();
    let mut out: Vec<Raw> = Vec::new();
    let governed_all = &governed;
    // Commas and colons that separate segments (not the comma of `2,5`, nor
    // one inside a name: `Fonds franco-allemand, voire européen`).
    let separators: Vec<usize> = text
        .char_indices()
        .filter(|&(i, ch)| {
            ch == ':'
                || (ch == ','
                    && !(text[..i].ends_with(|d: char| d.is_ascii_digit())
                        && text[i + 1..].starts_with(|d: char| d.is_ascii_digit())))
        })
        .filter(|&(i, _)| {
            !mentions
                .iter()
                .any(|m| m.range.start < i && i < m.range.end)
        })
        .map(|(i, _)| i)
        .collect();
    for (hit, governed) in kept.iter().zip(governed_all) {
        if *governed {
            continue;
        }
        let cue = &CUES[hit.cue];
        let c = hit.range.clone();
        let after = next_word(text, c.end);
        let noun = is_noun(&text[c.clone()]);
        // One adjective may come between (`un financement majeur des EAU`).
        let after_next = next_word(
            text,
            c.end + text[c.end..].find(after).map_or(0, |i| i + after.len()),
        );
        // A funding or building noun names a statement only with its
        // complement (`un investissement de 50 M€`, `le financement du …`).
        if noun
            && matches!(cue.relation, "funds" | "develops" | "launches")
            && !PREPOSITIONS.contains(&after)
            && (matches!(after, "et" | "ou" | "ni" | "mais" | "puis")
                || !PREPOSITIONS.contains(&after_next))
            && !after.starts_with(|ch: char| ch.is_ascii_digit())
        {
            continue;
        }
        if cue.voice == Voice::Active && (after == "par" || text[c.end..].starts_with(" par ")) {
            continue;
        }
        if REPORTING.contains(&cue.relation) && matches!(after, "que" | "qu") {
            continue;
        }
        // `…, a annoncé jeudi le gouvernement.`: an incise reports the sentence before it.
        if REPORTING.contains(&cue.relation) {
            let seg = separators
                .iter()
                .copied()
                .filter(|&i| i < c.start)
                .max()
                .map(|i| i + 1);
            let incise = seg.is_some_and(|i| {
                text[i..c.start]
                    .split_whitespace()
                    .all(|w| matches!(w, "a" | "ont" | "avait" | "avaient" | "aurait"))
            }) && words(&text[c.end..]) <= 8;
            if incise {
                continue;
            }
        }
        if cue.determiner_after && !object_determiner(after) {
            continue;
        }
        let near = |x: &Range<usize>| {
            same_clause(&breaks, x.start, c.start)
                && (x.end.abs_diff(c.start) <= REACH || x.start.abs_diff(c.end) <= REACH)
        };
        let figure_money = if cue.figure {
            nearest(money.iter().map(|m| m.range.clone()), &c, near)
        } else {
            None
        };
        let figure_quantity = if cue.relation == "funds" {
            quantities
                .iter()
                .enumerate()
                .filter(|(_, q)| q.kind == QuantityKind::Percent && near(&q.range))
                .min_by_key(|(_, q)| q.range.start.abs_diff(c.end))
                .map(|(i, _)| i)
        } else {
            None
        };
        if cue.needs_figure && figure_money.is_none() && figure_quantity.is_none() {
            continue;
        }
        // The comma-delimited segment around the cue.
        let seg_start = separators
            .iter()
            .copied()
            .filter(|&i| i < c.start)
            .max()
            .map_or(0, |i| i + 1);
        // `investir 2,5 Md€ pour développer X`: for a funding, a purpose clause
        // goes on with what is funded.
        let next_cue = if cue.relation == "funds" {
            kept.iter()
                .zip(governed_all)
                .filter(|(h, g)| !**g && h.range.start >= c.end)
                .filter(|(h, _)| {
                    let before = text[..h.range.start].trim_end();
                    !(before.ends_with(" pour") || before.ends_with(" afin de"))
                })
                .map(|(h, _)| h.range.start)
                .min()
                .unwrap_or(text.len())
        } else if cue.relation == "promotes" {
            // `appelle à développer une IA …`: the infinitive right after
            // says what is promoted, it does not end the segment.
            kept.iter()
                .zip(governed_all)
                .filter(|(h, g)| !**g && h.range.start >= c.end)
                .filter(|(h, _)| !text[c.end..h.range.start].trim().is_empty())
                .map(|(h, _)| h.range.start)
                .min()
                .unwrap_or(text.len())
        } else {
            next_cue_after(c.end)
        };
        let seg_end = separators
            .iter()
            .copied()
            .find(|&i| i >= c.end)
            .unwrap_or(text.len())
            .min(next_cue);
        // `Paris a accueilli, les 10 et 11 février 2025, un sommet`: a date
        // between commas is an insertion, the segment goes on after it.
        // The end of the segment that follows the separator `after`.
        let next_segment_end = |after: usize| {
            separators
                .iter()
                .copied()
                .find(|&i| i > after)
                .unwrap_or(text.len())
                .min(next_cue)
        };
        let mut seg_end = seg_end;
        while seg_end < next_cue && text[seg_end..].starts_with(',') {
            let Some(next) = separators.iter().copied().find(|&i| i > seg_end) else {
                break;
            };
            let inserted = text[seg_end + 1..next].trim();
            let is_date = dates
                .iter()
                .any(|d| text[d.range.clone()].trim() == inserted && !inserted.is_empty());
            if !is_date {
                break;
            }
            seg_end = next_segment_end(next);
        }
        // `financer la recherche, les infrastructures et …`: an enumeration
        // of noun phrases goes on with the segment.
        while seg_end < next_cue && text[seg_end..].starts_with(", ") {
            let piece = &text[c.end..seg_end];
            let next_piece = &text[seg_end + 2..];
            let noun_phrase = |t: &str| {
                let first = t.split([' ', '\'']).find(|w| !w.is_empty()).unwrap_or("");
                object_determiner(first)
            };
            let last_piece = piece.rsplit(", ").next().unwrap_or(piece);
            if !(noun_phrase(last_piece) && words(last_piece) <= 4 && noun_phrase(next_piece)) {
                break;
            }
            seg_end = next_segment_end(seg_end);
        }
        // `…, à l'instar de Mistral AI`, `…, comme X`: examples go on with the segment.
        let seg_end = if cue.voice == Voice::Active
            && seg_end < next_cue
            && EXEMPLIFIERS
                .iter()
                .any(|e| text[seg_end + 1..].trim_start().starts_with(e))
        {
            next_segment_end(seg_end)
        } else {
            seg_end
        };
        // Where an example begins: an object after it may be far from the verb.
        let exemplified = |x: &Linked| {
            let before = text[c.end..x.range.start.max(c.end)].trim_end();
            let before = before
                .trim_end_matches(|ch: char| ch.is_alphanumeric())
                .trim_end_matches('\'');
            let before = before.trim_end();
            EXEMPLIFIERS.iter().any(|e| {
                before.ends_with(e)
                    || DETERMINERS.iter().chain(PARTITIVE).any(|d| {
                        before
                            .strip_suffix(d)
                            .is_some_and(|b| b.trim_end().ends_with(e))
                    })
            }) || EXEMPLIFIERS.iter().any(|e| {
                text[c.end..x.range.start.max(c.end)]
                    .trim_end()
                    .ends_with(e)
            })
        };
        // `soutenue par Macron pour rivaliser avec …`: an agent after `par` is not the next verb's subject.
        let after_par = |x: &Linked| text[..x.range.start].trim_end().ends_with(" par");
        let in_left = |x: &&&Linked, from: usize| {
            x.range.start >= from && x.range.end <= c.start && near(&x.range) && !after_par(x)
        };
        let left_in = |from: usize, kinds: Kinds, exclude: Option<usize>| {
            roles
                .iter()
                .filter(|x| in_left(x, from))
                .filter(|x| fits(info(x), kinds) && Some(x.entity) != exclude)
                .max_by_key(|x| x.range.end)
                .copied()
        };
        let right_until = |from: usize, until: usize, kinds: Kinds, exclude: Option<usize>| {
            roles
                .iter()
                .filter(|x| x.range.start >= from && x.range.end <= until && near(&x.range))
                .filter(|x| fits(info(x), kinds) && Some(x.entity) != exclude)
                .min_by_key(|x| x.range.start)
                .copied()
        };
        // Where the cue's clause starts (after the last break before it).
        let clause_start = breaks
            .iter()
            .copied()
            .filter(|&b| b < c.start)
            .max()
            .map_or(0, |b| b + 1);
        // The subject before the cue: in its segment, or, after an insertion
        // (`X, fondateur de Y, a minimisé …`), before the clause's first comma.
        let subject_before = |kinds: Kinds| {
            if let Some(s) = left_in(seg_start, kinds, None) {
                return Some(s);
            }
            let first_comma = separators
                .iter()
                .copied()
                .find(|&i| i >= clause_start && i < c.start)?;
            let between = &text[seg_start..c.start];
            // `…, car encadrer …`, `…, tout en promouvant …`: a new clause, not an insertion.
            if words(between) > 6 || SUBORDINATORS.contains(&next_word(between, 0)) {
                return None;
            }
            // The name right before the first comma: `Xavier Niel, fondateur d'Iliad, a minimisé`.
            roles
                .iter()
                .filter(|x| x.range.start >= clause_start && x.range.end <= first_comma)
                .filter(|x| words(&text[x.range.end..first_comma]) == 0)
                .filter(|x| fits(info(x), kinds))
                .max_by_key(|x| x.range.end)
                .copied()
        };
        // `…, en mettant en avant X`, `En promouvant X, Macron …`: a gerund
        // (or a participle opening its segment) has no subject of its own,
        // it is its clause's.
        let gerund_subject = |kinds: Kinds| {
            let verb = text[c.clone()].split(' ').next().unwrap_or("");
            let lead = text[seg_start..c.start].trim();
            if !(verb.len() > 4 && verb.ends_with("ant") && matches!(lead, "" | "en" | "tout en")) {
                return None;
            }
            let clause_end = breaks
                .iter()
                .copied()
                .find(|&b| b >= c.end)
                .unwrap_or(text.len());
            let (from, until) = if text[clause_start..seg_start].trim().is_empty() {
                // Fronted: the subject follows the gerund's comma.
                let comma = separators.iter().copied().find(|&i| i >= c.end)?;
                (comma + 1, clause_end)
            } else {
                (clause_start, c.start)
            };
            roles
                .iter()
                .filter(|x| x.range.start >= from && x.range.end <= until)
                .min_by_key(|x| x.range.start)
                .filter(|x| fits(info(x), kinds) && words(&text[from..x.range.start]) <= 1)
                .copied()
        };
        // A verb's object is its complement, a few words after it (sums of
        // money and dates aside).
        let money_words: usize = money
            .iter()
            .map(|m| m.range.clone())
            .chain(dates.iter().map(|d| d.range.clone()))
            .filter(|r| r.start >= c.end && r.end <= seg_end)
            .map(|r| words(&text[r]))
            .sum();
        let reach_words = if cue.relation == "funds" || noun {
            usize::MAX
        } else {
            OBJECT_WORDS + money_words
        };
        fn close<'m>(
            text: &str,
            from: usize,
            reach: usize,
            o: Option<&'m Linked>,
        ) -> Option<&'m Linked> {
            o.filter(|o| words(&text[from..o.range.start.max(from)]) <= reach)
        }
        let (subject, object) = match cue.voice {
            Voice::Active => {
                let s = subject_before(cue.subject).or_else(|| {
                    // `le financement de X par Y`: a noun's agent comes after `par`.
                    let by = text[c.end..seg_end].find(" par ").map(|i| c.end + i + 5)?;
                    right_until(by, seg_end, cue.subject, None)
                        .filter(|s| noun && words(&text[by..s.range.start]) <= 1)
                });
                let s = s.or_else(|| gerund_subject(cue.subject));
                let first = right_until(c.end, seg_end, cue.object, s.map(|x| x.entity));
                let o = close(text, c.end, reach_words, first).or_else(|| {
                    // `insiste sur son rôle dans des secteurs clés comme la santé`.
                    roles
                        .iter()
                        .filter(|x| x.range.start >= c.end && x.range.end <= seg_end)
                        .filter(|x| {
                            fits(info(x), cue.object) && Some(x.entity) != s.map(|y| y.entity)
                        })
                        .find(|x| exemplified(x))
                        .copied()
                });
                // `Jean Zay, où il a déjà investi 40 M€`: `où` is the place before it.
                let o = o.or_else(|| {
                    let comma = seg_start.checked_sub(1)?;
                    if !text[seg_start..c.start].trim_start().starts_with("ou ") {
                        return None;
                    }
                    roles
                        .iter()
                        .filter(|x| x.range.end <= comma && words(&text[x.range.end..comma]) == 0)
                        .filter(|x| {
                            fits(info(x), cue.object) && Some(x.entity) != s.map(|y| y.entity)
                        })
                        .max_by_key(|x| x.range.end)
                        .copied()
                });
                // `… grâce à un financement majeur des EAU`: a funding noun's
                // agent follows it with `de`; what is funded comes before.
                let agent = (noun && cue.relation == "funds" && s.is_none())
                    .then(|| right_until(c.end, seg_end, cue.subject, None))
                    .flatten()
                    .filter(|a| {
                        let gap = &text[c.end..a.range.start];
                        words(gap) <= 3
                            && gap
                                .split(|ch: char| !ch.is_alphanumeric())
                                .any(|w| matches!(w, "de" | "des" | "du" | "d"))
                    });
                match agent {
                    Some(a) => {
                        let funded = left_in(0, cue.object, Some(a.entity)).or_else(|| {
                            right_until(a.range.end, seg_end, cue.object, Some(a.entity))
                        });
                        (Some(a), funded)
                    }
                    None => (s, o),
                }
            }
            Voice::Passive => {
                let s = right_until(c.end, seg_end.max(c.end), cue.subject, None);
                // A participle follows its noun closely (`un fonds mené par X`).
                // Also across the comma of an apposition (`Le fonds X, piloté par Y`).
                let o = left_in(0, cue.object, s.map(|x| x.entity))
                    .filter(|o| words(&text[o.range.end..c.start]) <= 6);
                (s, o)
            }
            Voice::Either => {
                let s = subject_before(cue.subject)
                    .or_else(|| right_until(c.end, seg_end, cue.subject, None));
                let exclude = s.map(|x| x.entity);
                let o_right = right_until(c.end, next_cue, cue.object, exclude);
                let o_left = left_in(0, cue.object, exclude);
                let o = match (o_left, o_right) {
                    (Some(l), Some(r)) => Some(
                        if c.start - l.range.end <= r.range.start.saturating_sub(c.end) {
                            l
                        } else {
                            r
                        },
                    ),
                    (l, r) => l.or(r),
                };
                (s, o)
            }
        };
        // The left role of a participle or an adjective is right before it.
        let left_role = if cue.voice == Voice::Passive {
            object
        } else {
            subject
        };
        let max_words = cue.participle.unwrap_or(if cue.voice == Voice::Passive {
            6
        } else {
            usize::MAX
        });
        if let Some(l) = left_role.filter(|l| l.range.end <= c.start) {
            if words(&text[l.range.end..c.start]) > max_words {
                continue;
            }
        } else if cue.participle.is_some() {
            continue;
        }
        // `une approche européenne pour rivaliser avec X`: what competes is
        // the phrase right before the cue, and a domain (a field, an
        // approach) competes with no one.
        if cue.relation == "competesWith" && cue.voice == Voice::Active {
            let nearest = roles
                .iter()
                .filter(|x| in_left(x, seg_start))
                .max_by_key(|x| x.range.end);
            if nearest.is_some_and(|n| info(n).is("Domain")) {
                continue;
            }
        }
        let money_ix = figure_money;
        if subject.is_none() && object.is_none() {
            continue;
        }
        if object.is_none() && money_ix.is_none() {
            continue;
        }
        let (date, deadline) = attach_dates(dates, &c, &breaks);
        // Only plans have deadlines (`d'ici 2028` is not when someone founded something).
        let deadline = deadline.filter(|_| WITH_DEADLINE.contains(&cue.relation));
        // `concurrencer OpenAI et Google`: one statement per coordinated object;
        // `soutenu par les EAU, le Canada et les États-Unis`: per coordinated agent.
        let coordinated = |first: &'a Linked, kinds: Kinds, exclude: Option<usize>| {
            let mut all = vec![first];
            let mut last = first;
            while let Some(next) =
                right_until(last.range.end, seg_end.max(next_cue), kinds, exclude)
            {
                let gap = &text[last.range.end..next.range.start];
                let coordinated = ["et", "ou", "ainsi que", "et meme", "voire"]
                    .iter()
                    .any(|w| {
                        let g = gap.trim();
                        g == *w
                            || g.strip_prefix(w).is_some_and(|rest| {
                                object_determiner(rest.trim().trim_end_matches('\''))
                            })
                    })
                    || gap == ", "
                    || gap
                        .strip_prefix(", ")
                        .is_some_and(|rest| object_determiner(rest.trim().trim_end_matches('\'')));
                if !coordinated || next.entity == last.entity {
                    break;
                }
                all.push(next);
                last = next;
            }
            all
        };
        let objects: Vec<Option<&Linked>> = match object {
            Some(o) if cue.voice != Voice::Passive || subject.is_none() => {
                coordinated(o, cue.object, subject.map(|x| x.entity))
                    .into_iter()
                    .map(Some)
                    .collect()
            }
            o => vec![o],
        };
        let subjects: Vec<Option<&Linked>> = match subject {
            Some(s) if cue.voice == Voice::Passive => {
                coordinated(s, cue.subject, object.map(|x| x.entity))
                    .into_iter()
                    .map(Some)
                    .collect()
            }
            s => vec![s],
        };
        let pairs: Vec<(Option<&Linked>, Option<&Linked>)> = subjects
            .iter()
            .flat_map(|s| objects.iter().map(move |o| (*s, *o)))
            .collect();
        for (subject, object) in pairs {
            let (mut relation, mut subject, mut object) = (cue.relation, subject, object);
            if cue.reverse {
                if object.is_none() {
                    continue;
                }
                std::mem::swap(&mut subject, &mut object);
            }
            // `Cédric Bonnefoy collabore avec Économie Matin`: a person
            // collaborating with an organisation works for it.
            if relation == "partnersWith"
                && text[c.clone()].starts_with("collabor")
                && subject.is_some_and(|s| info(s).is("Person"))
                && object.is_some_and(|o| info(o).is("Organisation"))
            {
                relation = "worksFor";
            }
            // An event takes place where it is hosted: the graph says `Place hosts Event`.
            // `il prévoit (de) mettre en place une mission`: an intention to
            // launch is an announcement, not a launch.
            if relation == "launches" {
                let before: Vec<&str> = text[..c.start].split_whitespace().rev().take(2).collect();
                if before.iter().any(|w| INTENTION.contains(w)) {
                    relation = "announces";
                }
            }
            // Backing a product is promoting it: the ontology's `supports`
            // is political or non-financial backing of an agent or an initiative.
            if relation == "supports" && object.is_some_and(|o| info(o).is("AIProduct")) {
                relation = "promotes";
            }
            if relation == "concerns" && subject.is_some_and(|s| info(s).is("Fund")) {
                relation = "funds";
            }
            if relation == "locatedIn" && subject.is_some_and(|s| info(s).is("Event")) {
                relation = "hosts";
                std::mem::swap(&mut subject, &mut object);
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
                * subject.map_or(0.5, |x| x.confidence)
                * object.map_or(0.7, |x| x.confidence)
                * money_ix.map_or(1.0, |i| money[i].confidence);
            out.push(Raw {
                subject: subject.map(|x| x.entity),
                relation,
                object: object.map(|x| x.entity),
                money: money_ix,
                quantity: figure_quantity,
                date,
                deadline,
                range: span(&pieces),
                rule: format!(
                    "cue:{} ({}){}",
                    cue.name,
                    voice_name(cue.voice),
                    [subject, object]
                        .into_iter()
                        .flatten()
                        .filter_map(|x| x.via)
                        .map(|v| format!(" + {v}"))
                        .collect::<String>()
                ),
                confidence,
            });
        }
    }
    targets(
        text, mentions, entities, quantities, dates, &breaks, &mut out,
    );
    let owned = owned_funding(text, &roles, entities, money);
    if !owned.is_empty() {
        // The owner of the sum is its funder, not the object of another cue's funding.
        out.retain(|r| {
            !(r.relation == "funds"
                && r.money.is_some()
                && owned.iter().any(|o| o.money == r.money))
        });
        out.extend(owned);
    }
    let taken: Vec<usize> = out.iter().filter_map(|r| r.money).collect();
    out.extend(initiative_sums(text, &roles, entities, money, &taken));
    dedupe(out, entities.symmetric)
}

/// `le premier plan d'investissement … de 1,5 milliard d'euros, l'État …`:
/// a sum right after an initiative's name (`de`) is what it is worth; the
/// one state the sentence names funds it. Sums a cue took are left alone.
fn initiative_sums(
    text: &str,
    roles: &[&Linked],
    entities: &Infos,
    money: &[MoneyFound],
    taken: &[usize],
) -> Vec<Raw> {
    let states: Vec<&&Linked> = roles
        .iter()
        .filter(|x| entities.get(x.entity).is("State"))
        .collect();
    let [state] = states.as_slice() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (mi, m) in money.iter().enumerate().filter(|(i, _)| !taken.contains(i)) {
        let Some(initiative) = roles
            .iter()
            .filter(|x| x.range.end <= m.range.start)
            .max_by_key(|x| x.range.end)
            .filter(|x| {
                let e = entities.get(x.entity);
                e.is("Initiative") && x.entity != state.entity
            })
        else {
            continue;
        };
        if text[initiative.range.end..m.range.start].trim() != "de" {
            continue;
        }
        out.push(Raw {
            subject: Some(state.entity),
            relation: "funds",
            object: Some(initiative.entity),
            money: Some(mi),
            quantity: None,
            date: None,
            deadline: None,
            range: span(&[
                initiative.range.clone(),
                m.range.clone(),
                state.range.clone(),
            ]),
            rule: "initiative-sum (`<initiative> de <sum>`, funded by the one state named)"
                .to_owned(),
            confidence: 0.5 * m.confidence * initiative.confidence * state.confidence,
        });
    }
    out
}

/// `les 500 milliards de dollars des États-Unis pour le projet Stargate`: a
/// sum of money, its owner after `de`, and what it is for after `pour` or
/// `dans`: the owner funds it.
fn owned_funding(
    text: &str,
    roles: &[&Linked],
    entities: &Infos,
    money: &[MoneyFound],
) -> Vec<Raw> {
    let mut out = Vec::new();
    for (mi, m) in money.iter().enumerate() {
        let Some(owner) = roles
            .iter()
            .filter(|x| x.range.start >= m.range.end)
            .min_by_key(|x| x.range.start)
            .filter(|x| entities.get(x.entity).is("Agent"))
        else {
            continue;
        };
        let gap = text[m.range.end..owner.range.start].trim();
        if !matches!(gap, "de" | "des" | "du" | "d'" | "de la" | "de l'") {
            continue;
        }
        let Some(target) = roles
            .iter()
            .filter(|x| x.range.start >= owner.range.end && x.entity != owner.entity)
            .min_by_key(|x| x.range.start)
            .filter(|x| fits(entities.get(x.entity), THING))
        else {
            continue;
        };
        let between = text[owner.range.end..target.range.start].trim();
        let first = between.split(' ').next().unwrap_or("");
        if !matches!(first, "pour" | "dans")
            || words(between) > 3
            || between.contains([',', ';', ':'])
        {
            continue;
        }
        out.push(Raw {
            subject: Some(owner.entity),
            relation: "funds",
            object: Some(target.entity),
            money: Some(mi),
            quantity: None,
            date: None,
            deadline: None,
            range: span(&[m.range.clone(), owner.range.clone(), target.range.clone()]),
            rule: "amount-owner (a sum, `de` its funder, `pour` what it funds)".to_owned(),
            confidence: 0.6 * m.confidence * owner.confidence * target.confidence,
        });
    }
    out
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
    entities: &Infos,
    quantities: &[QuantityFound],
    dates: &[DateFound],
    breaks: &[usize],
    out: &mut Vec<Raw>,
) {
    let cues: Vec<Range<usize>> = TARGET_CUE.find_iter(text).map(|m| m.range()).collect();
    for (qi, q) in quantities.iter().enumerate() {
        // `neuf clusters d'excellence en IA`: a count that opens the name of
        // an initiative is the number it aims at.
        if q.kind == QuantityKind::Count {
            let named = mentions.iter().find(|m| {
                let e = entities.get(m.entity);
                m.via.is_none()
                    && m.range.start == q.range.start
                    && q.range.end <= m.range.end
                    && e.is("Initiative")
                    && !e.is("Plan")
            });
            if let Some(m) = named {
                let (date, deadline) = attach_dates(dates, &q.range, breaks);
                out.push(Raw {
                    subject: Some(m.entity),
                    relation: "hasTarget",
                    object: None,
                    money: None,
                    quantity: Some(qi),
                    date,
                    deadline,
                    range: m.range.clone(),
                    rule: "count in an initiative's name (the number it aims at)".to_owned(),
                    confidence: q.confidence * m.confidence * 0.7,
                });
                continue;
            }
        }
        if matches!(q.kind, QuantityKind::Power) {
            // `un centre de données géant d'une puissance de 1 gigawatt`.
            let owner = mentions
                .iter()
                .filter(|m| m.range.end <= q.range.start)
                .filter(|m| same_clause(breaks, m.range.start, q.range.start))
                .filter(|m| !entities.get(m.entity).is("Currency"))
                .max_by_key(|m| m.range.end)
                .filter(|m| {
                    let gap = &text[m.range.end..q.range.start];
                    gap.contains("puissance") && words(gap) <= 5
                });
            if let Some(m) = owner {
                out.push(Raw {
                    subject: Some(m.entity),
                    relation: "hasFigure",
                    object: None,
                    money: None,
                    quantity: Some(qi),
                    date: None,
                    deadline: None,
                    range: span(&[m.range.clone(), q.range.clone()]),
                    rule: "cue:figure (an entity `d'une puissance de` a power)".to_owned(),
                    confidence: q.confidence * m.confidence * 0.75,
                });
            }
            continue;
        }
        // `qui forme un million d'ingénieurs par an`: a figure of the present.
        let present = FIGURE_CUE
            .find_iter(text)
            .find(|f| {
                f.end() <= q.range.start
                    && same_clause(breaks, f.start(), q.range.start)
                    && words(&text[f.end()..q.range.start]) <= 2
            })
            .map(|f| f.range());
        let done = q.rule == "times-done" || present.is_some();
        let cue = present.clone().or_else(|| {
            cues.iter()
                .filter(|c| {
                    same_clause(breaks, c.start, q.range.start) && c.end <= q.range.start + 1
                })
                .filter(|c| q.range.start.saturating_sub(c.end) <= REACH)
                .max_by_key(|c| c.end)
                .cloned()
                .or_else(|| (q.kind == QuantityKind::Times).then(|| q.range.clone()))
        });
        let Some(cue) = cue else { continue };
        // People announce targets; places, plans, programmes and organisations have them.
        // (A domain has figures, `l'écosystème … doublant le nombre de start-up`, not targets.)
        let eligible = |m: &&Linked| {
            let e = entities.get(m.entity);
            !e.is("Currency") && !e.is("Person") && (done || !e.is("Domain"))
        };
        // `quadrupler la capacité de Jean Zay`: the target is Jean Zay's.
        let inside = q.unit_range.as_ref().and_then(|u| {
            mentions
                .iter()
                .filter(eligible)
                .find(|m| u.start <= m.range.start && m.range.end <= u.end)
        });
        let subject = inside.or_else(|| {
            mentions
                .iter()
                .filter(|m| m.range.end <= cue.start.max(q.range.start))
                .filter(|m| same_clause(breaks, m.range.start, q.range.start))
                .filter(eligible)
                // `…, pilotés par X, réunissent 12 000 chercheurs`: the agent of a participle is not the subject.
                .filter(|m| {
                    present.is_none() || !text[..m.range.start].trim_end().ends_with(" par")
                })
                .max_by_key(|m| m.range.end)
        });
        // A target nothing in its sentence owns is left for the context
        // (the plan named last) to own.
        if subject.is_none() && (done || present.is_some()) {
            continue;
        }
        let (date, deadline) = attach_dates(dates, &q.range, breaks);
        let confidence = q.confidence
            * subject.map_or(0.8, |s| s.confidence)
            * if q.kind == QuantityKind::Times {
                0.6
            } else {
                0.75
            };
        out.push(Raw {
            subject: subject.map(|s| s.entity),
            relation: if done { "hasFigure" } else { "hasTarget" },
            object: None,
            money: None,
            quantity: Some(qi),
            date,
            deadline,
            range: span(&[
                subject.map_or(cue.clone(), |s| s.range.clone()),
                cue,
                q.range.clone(),
            ]),
            rule: format!(
                "{}{}",
                if present.is_some() {
                    "cue:figure (a verb of the present before a quantity, `forme`, `réunit`)"
                } else if done {
                    "cue:figure (a multiplication done, `doublant`)"
                } else if subject.is_some() {
                    "cue:target (entity before a quantity with a target word)"
                } else {
                    "cue:target (a quantity with a target word)"
                },
                subject
                    .and_then(|s| s.via)
                    .map(|v| format!(" + {v}"))
                    .unwrap_or_default()
            ),
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

/// `une partie sera consacrée à X, un autre volet à Y, et une fraction
/// ira à Z`: a clause of an enumeration that leaves out its subject has
/// the subject of the clause before with the same relation.
pub fn carry_subjects(raw: &mut [Raw]) {
    // Relation → (subject, confidence) of the last clause that had one.
    let mut by_relation: Vec<(&'static str, usize, f32)> = Vec::new();
    let mut order: Vec<usize> = (0..raw.len()).collect();
    order.sort_by_key(|&i| raw[i].range.start);
    for i in order {
        let r = &mut raw[i];
        if !r.rule.starts_with("cue:") {
            continue;
        }
        let before = by_relation.iter().find(|(rel, _, _)| *rel == r.relation);
        match (r.subject, before) {
            (Some(s), _) => {
                by_relation.retain(|(rel, _, _)| *rel != r.relation);
                by_relation.push((r.relation, s, r.confidence));
            }
            (None, Some(&(_, s, confidence))) if r.object != Some(s) => {
                r.subject = Some(s);
                r.rule.push_str(" + the subject of the clause before");
                r.confidence = 0.8 * confidence;
            }
            (None, _) => {}
        }
    }
}

/// One candidate per (subject, relation, object, amount, quantity): the most
/// confident; and no incomplete one where a complete one says the same
/// (`L'État finance X à hauteur de 3 M€`: one funding, not two).
pub fn dedupe(mut all: Vec<Raw>, symmetric: &BTreeSet<String>) -> Vec<Raw> {
    all.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    let mut out: Vec<Raw> = Vec::new();
    for c in all {
        let dup = out.iter_mut().find(|o| {
            o.relation == c.relation
                && o.object == c.object
                && o.money == c.money
                && o.quantity == c.quantity
                && (o.subject == c.subject
                    || (symmetric.contains(c.relation)
                        && o.subject == c.object
                        && o.object == c.subject))
        });
        match dup {
            // The same statement by two rules: the dates either found are kept.
            Some(o) => {
                o.date = o.date.or(c.date);
                o.deadline = o.deadline.or(c.deadline);
            }
            None => out.push(c),
        }
    }
    let complete: Vec<(&'static str, Option<usize>, Option<usize>)> = out
        .iter()
        .filter(|c| c.subject.is_some() && c.object.is_some())
        .map(|c| (c.relation, c.money, c.subject))
        .collect();
    out.retain(|c| {
        if c.object.is_some() || matches!(c.relation, "hasTarget" | "hasFigure") {
            return true;
        }
        !complete.iter().any(|(r, m, s)| {
            *r == c.relation
                && ((c.money.is_some() && *m == c.money)
                    || (c.subject.is_some() && *s == c.subject))
        })
    });
    out.sort_by_key(|c| c.range.start);
    out
}
