//! The graph's own names as one automaton: every label (French and English)
//! and alias of every entity, folded, searched in the folded sentence,
//! longest match first, on word boundaries, then checked against the case
//! of the name where case carries meaning (`Free` the company, `free` the
//! word; `EAU` the Emirates, `eau` water).

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::normalise::{Folded, fold, on_word_boundaries};

/// How the case of a name must be found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseRule {
    /// Any case: sentence-case labels of concepts (`Santé`, `Instituts de recherche`).
    Insensitive,
    /// The capitals of the name must be capitals in the text (`Mistral AI`,
    /// `l'État`, and single-word names of named things: `Free`, `Paris`).
    Capitals,
    /// An acronym: upper case in the text too (`EAU`, `UE`, `GAFAM`).
    Acronym,
}

/// What an entity is, as far as extraction cares.
#[derive(Debug, Clone, Default)]
pub struct EntityInfo {
    pub id: String,
    pub class: String,
    pub label_fr: String,
    /// Agent, Person, Organisation, Place, Event, Infrastructure, … (the
    /// class and its super classes).
    pub kinds: Vec<String>,
}

impl EntityInfo {
    pub fn is(&self, kind: &str) -> bool {
        self.kinds.iter().any(|k| k == kind)
    }
}

/// One searchable name.
#[derive(Debug, Clone)]
struct Pattern {
    /// Indexes into `Lexicon::entities`; several means the name is ambiguous.
    entities: Vec<usize>,
    case: CaseRule,
    /// Upper-case flags of the folded name, byte by byte.
    upper: Vec<bool>,
    words: usize,
    /// A common-noun phrase that refers back (`le président`, `le pays`).
    anaphoric: bool,
    /// A label without its field (`Gouvernance mondiale` for `Gouvernance
    /// mondiale de l'IA`): the graph is about AI, articles often leave it out.
    without_field: bool,
}

/// Why a mention is reported without a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ambiguity {
    /// Two or more entities have this name.
    SharedName,
    /// The text's case is not the name's (`free`, `eau`, `le chat`).
    CaseDiffers,
    /// A one-word name inside a longer capitalised name (`Google News`).
    PartOfLongerName,
    /// A one-word name next to English words (`Free software`).
    EnglishContext,
    /// A concept's one-word name after an indefinite article (`un
    /// investissement de 50 M€` is an investment, not the policy axis).
    CommonNoun,
}

impl Ambiguity {
    pub fn describe(self) -> &'static str {
        match self {
            Self::SharedName => "several entities have this name",
            Self::CaseDiffers => "the case differs from the entity's name (an ordinary word?)",
            Self::PartOfLongerName => "part of a longer capitalised name",
            Self::EnglishContext => "next to English words (the ordinary English word?)",
            Self::CommonNoun => "after an indefinite article (the ordinary noun?)",
        }
    }
}

/// A name found in a sentence (folded byte range).
#[derive(Debug, Clone)]
pub struct Found {
    pub range: Range<usize>,
    /// Inside a longer name of another entity (`Séoul` in `AI Summit de
    /// Séoul`): a mention, but not a role in a statement.
    pub nested: bool,
    pub entities: Vec<usize>,
    /// `None` when linked.
    pub ambiguity: Option<Ambiguity>,
    pub rule: &'static str,
    pub confidence: f32,
}

/// Classes whose labels are concepts written in sentence case, so their
/// case carries no meaning (`Santé`, `Universités`, `euro`).
const CONCEPT_CLASSES: &[&str] = &["Domain", "Currency", "Organisation", "Measure"];

/// Capitalised words that are not names when they open a sentence or sit
/// next to a name (`La France`, `Pour Mistral`).
pub const FUNCTION_WORDS: &[&str] = &[
    "a",
    "au",
    "aux",
    "avec",
    "ce",
    "ces",
    "cet",
    "cette",
    "chez",
    "comme",
    "dans",
    "de",
    "des",
    "depuis",
    "du",
    "elle",
    "en",
    "entre",
    "et",
    "il",
    "ils",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "mais",
    "ni",
    "nous",
    "on",
    "ou",
    "par",
    "pour",
    "quand",
    "que",
    "qui",
    "sa",
    "se",
    "selon",
    "ses",
    "si",
    "son",
    "sous",
    "sur",
    "un",
    "une",
    "vers",
    "d",
    "apres",
    "avant",
    "face",
    "grace",
    "parmi",
    "outre",
    "enfin",
    "alors",
    "ainsi",
    "toutefois",
];

/// English function words: a one-word name next to them is likely English prose.
const ENGLISH_WORDS: &[&str] = &[
    "the", "is", "are", "was", "were", "of", "and", "to", "for", "with", "by", "it", "this",
    "that", "from", "be", "not", "will", "can", "has", "have", "software", "trial", "shipping",
];

/// How one entity spells one name: its case rule, upper-case flags, and
/// whether it is a referring phrase.
type Reading = (CaseRule, Vec<bool>, bool);

/// The field a name may end with and an article may leave out, since every
/// name of the graph is about it (`Gouvernance mondiale de l'IA` is what
/// `une gouvernance mondiale efficace` means in an article on AI).
const FIELD_COMPLEMENTS: &[&str] = &[
    " de l'ia",
    " en ia",
    " d'ia",
    " pour l'ia",
    " dans l'ia",
    " de l'intelligence artificielle",
    " en intelligence artificielle",
    " pour l'intelligence artificielle",
];

/// `name` without its field complement, if what remains is two words or more.
pub fn without_field(name: &str) -> Option<String> {
    let folded = fold(name);
    let field = FIELD_COMPLEMENTS.iter().find(|f| folded.ends_with(*f))?;
    // Folding keeps the number of characters of these ASCII complements.
    let keep = name.chars().count().checked_sub(field.chars().count())?;
    let rest: String = name.chars().take(keep).collect();
    let rest = rest.trim_end_matches([',', ' ']).to_owned();
    (rest.split_whitespace().count() >= 2).then_some(rest)
}

/// The automaton over every entity name.
#[derive(Debug, Clone)]
pub struct Lexicon {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    pub entities: Vec<EntityInfo>,
}

impl Lexicon {
    /// `entities` with their names (labels and aliases, as written). Fails
    /// only if the names make an automaton beyond aho-corasick's limits.
    pub fn new(entities: Vec<(EntityInfo, Vec<String>)>) -> Result<Self, aho_corasick::BuildError> {
        // Folded name → (entity → the most lenient case rule among its spellings).
        let mut names: BTreeMap<String, BTreeMap<usize, Reading>> = BTreeMap::new();
        // Names without their field, kept apart: a full name of another entity wins.
        let mut shortened: BTreeMap<String, BTreeMap<usize, Reading>> = BTreeMap::new();
        let mut infos = Vec::with_capacity(entities.len());
        for (index, (info, spellings)) in entities.into_iter().enumerate() {
            let concept = CONCEPT_CLASSES.contains(&info.class.as_str());
            let mut all = Vec::new();
            for s in spellings {
                // A label's parenthesised qualifier is a disambiguator, not part of the name.
                if let Some(open) = s.find(" (") {
                    if s.ends_with(')') {
                        all.push(s[..open].to_owned());
                    }
                }
                all.push(s);
            }
            // `IA` and `intelligence artificielle` are the same words.
            let mut variants = Vec::new();
            for spelling in &all {
                if let Some(v) = replace_word(spelling, "IA", "intelligence artificielle") {
                    variants.push(v);
                }
                let lower = spelling.to_lowercase();
                if let Some(at) = lower.find("intelligence artificielle") {
                    if spelling.is_char_boundary(at) && spelling.is_char_boundary(at + 25) {
                        variants.push(format!("{}IA{}", &spelling[..at], &spelling[at + 25..]));
                    }
                }
            }
            all.extend(variants);
            let short: Vec<String> = all.iter().filter_map(|s| without_field(s)).collect();
            for spelling in short {
                let folded = Folded::new(&spelling);
                let text = folded.text.trim();
                let offset = folded.text.len() - folded.text.trim_start().len();
                let upper = folded.upper_flags(offset..offset + text.len()).to_vec();
                let case = case_rule(&spelling, concept);
                shortened
                    .entry(text.to_owned())
                    .or_default()
                    .insert(index, (case, upper, false));
            }
            for spelling in all {
                let folded = Folded::new(&spelling);
                let text = folded.text.trim();
                if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                    continue;
                }
                let offset = folded.text.len() - folded.text.trim_start().len();
                let upper = folded.upper_flags(offset..offset + text.len()).to_vec();
                let case = case_rule(&spelling, concept);
                let anaphoric =
                    case == CaseRule::Insensitive && crate::french::opens_with_determiner(text);
                let slot = names.entry(text.to_owned()).or_default();
                match slot.get_mut(&index) {
                    Some(existing) if existing.0 <= case => {}
                    _ => {
                        slot.insert(index, (case, upper, anaphoric));
                    }
                }
            }
            infos.push(info);
        }
        let full: Vec<String> = names.keys().cloned().collect();
        let shortened: BTreeMap<String, BTreeMap<usize, Reading>> = shortened
            .into_iter()
            .filter(|(text, _)| full.binary_search(text).is_err())
            .collect();
        let mut keys = Vec::with_capacity(names.len() + shortened.len());
        let mut patterns = Vec::with_capacity(names.len() + shortened.len());
        let all = names
            .into_iter()
            .map(|(t, b)| (t, b, false))
            .chain(shortened.into_iter().map(|(t, b)| (t, b, true)));
        for (text, by_entity, without_field) in all {
            let entities: Vec<usize> = by_entity.keys().copied().collect();
            // The strictest reading wins when several entities share a name.
            let (case, upper, anaphoric) = by_entity
                .values()
                .max_by_key(|(c, _, _)| *c)
                .cloned()
                .unwrap_or((CaseRule::Insensitive, Vec::new(), false));
            patterns.push(Pattern {
                entities,
                case,
                upper,
                words: text.split(' ').count(),
                anaphoric,
                without_field,
            });
            keys.push(text);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&keys)?;
        Ok(Self {
            automaton,
            patterns,
            entities: infos,
        })
    }

    /// The names in a folded sentence, longest first, without overlaps.
    pub fn find(&self, folded: &Folded) -> Vec<Found> {
        let text = folded.text.as_str();
        let mut candidates = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let range = m.start()..m.end();
            if !on_word_boundaries(text, &range) {
                continue;
            }
            let p = &self.patterns[m.pattern().as_usize()];
            let flags = folded.upper_flags(range.clone());
            let letters: Vec<(char, bool)> = text[range.clone()]
                .char_indices()
                .map(|(i, c)| (c, flags.get(i).copied().unwrap_or(false)))
                .filter(|(c, _)| c.is_alphabetic())
                .collect();
            let all_caps_text = letters.len() >= 4 && letters.iter().all(|(_, u)| *u);
            let case_ok = match p.case {
                CaseRule::Insensitive => true,
                CaseRule::Acronym => letters.iter().all(|(_, u)| *u),
                CaseRule::Capitals => p
                    .upper
                    .iter()
                    .zip(flags)
                    .all(|(name_upper, text_upper)| !name_upper || *text_upper),
            };
            let (ambiguity, rule, confidence) = if p.entities.len() > 1 {
                (Some(Ambiguity::SharedName), "name-shared", 0.3)
            } else if !(case_ok || all_caps_text && p.case == CaseRule::Capitals) {
                (Some(Ambiguity::CaseDiffers), "name-case-differs", 0.2)
            } else if !case_ok {
                (None, "name-upper-case-text", 0.7)
            } else if p.anaphoric {
                (None, "alias-referring-phrase", 0.6)
            } else if p.without_field {
                (None, "name-without-its-field", 0.8)
            } else if p.words > 1 || p.case == CaseRule::Acronym {
                (None, "name-exact", 0.95)
            } else {
                (None, "name-one-word", 0.85)
            };
            candidates.push((range, p, ambiguity, rule, confidence));
        }
        // Longest first, then leftmost.
        candidates.sort_by(|a, b| (b.0.len(), a.0.start).cmp(&(a.0.len(), b.0.start)));
        let mut chosen: Vec<Found> = Vec::new();
        let mut inner = Vec::new();
        for (range, p, ambiguity, rule, confidence) in candidates {
            let outer = chosen
                .iter()
                .find(|t| t.range.start < range.end && range.start < t.range.end);
            let Some(outer) = outer else {
                chosen.push(Found {
                    range,
                    nested: false,
                    entities: p.entities.clone(),
                    ambiguity,
                    rule,
                    confidence,
                });
                continue;
            };
            // Two aliases may overlap without one containing the other (`le
            // gouvernement` and `gouvernement français`): the longer one was
            // placed, the other is dropped. Only a name wholly inside another
            // is kept as nested, so what surrounds it is two real slices.
            if !(outer.range.start <= range.start && range.end <= outer.range.end) {
                continue;
            }
            // Another entity's name inside a linked name, with more to it
            // than a determiner (`l'Europe` is no mention of `Europe`), and
            // not a one-word concept (`Investissement`).
            let rest = format!(
                "{} {}",
                &text[outer.range.start..range.start],
                &text[range.end..outer.range.end]
            );
            let content = rest
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| !w.is_empty() && !FUNCTION_WORDS.contains(&w));
            if content
                && outer.ambiguity.is_none()
                && ambiguity.is_none()
                && p.entities != outer.entities
                && (p.words > 1 || p.case != CaseRule::Insensitive)
            {
                inner.push(Found {
                    range,
                    nested: true,
                    entities: p.entities.clone(),
                    ambiguity: None,
                    rule: "name-inside-name",
                    confidence: 0.5,
                });
            }
        }
        chosen.sort_by_key(|f| f.range.start);
        // Context rules for one-word names of named things come once every
        // longer name has been placed.
        self.context_rules(folded, &mut chosen);
        for f in chosen.iter_mut().filter(|f| {
            f.ambiguity.is_none()
                && f.rule == "name-one-word"
                && f.entities.len() == 1
                && CONCEPT_CLASSES.contains(&self.entities[f.entities[0]].class.as_str())
        }) {
            let before = text[..f.range.start].trim_end_matches(' ');
            let indefinite = ["un", "une"].iter().any(|d| {
                before.ends_with(d)
                    && !before[..before.len() - d.len()].ends_with(|c: char| c.is_alphanumeric())
            });
            if indefinite {
                f.ambiguity = Some(Ambiguity::CommonNoun);
                f.rule = "name-after-indefinite-article";
                f.confidence = 0.2;
            }
        }
        chosen.extend(inner);
        chosen.sort_by_key(|f| (f.range.start, f.nested));
        chosen
    }

    /// One-word capitalised names: inside a longer capitalised name, or
    /// among English words, they are reported rather than linked; at the
    /// start of a sentence their capital proves nothing, so they are linked
    /// with less confidence.
    fn context_rules(&self, folded: &Folded, found: &mut [Found]) {
        let text = folded.text.as_str();
        let spans: Vec<Range<usize>> = found.iter().map(|f| f.range.clone()).collect();
        for f in found.iter_mut() {
            if f.ambiguity.is_some() || f.rule != "name-one-word" {
                continue;
            }
            let prev = previous_word(text, f.range.start);
            let next = next_word(text, f.range.end);
            let in_other =
                |r: &Range<usize>| spans.iter().any(|s| s.start <= r.start && r.end <= s.end);
            let capitalised = |r: &Range<usize>| {
                folded.is_upper(r.start)
                    && !in_other(r)
                    && !FUNCTION_WORDS.contains(&&text[r.clone()])
            };
            let sentence_start = prev.is_none();
            let adjacent_name = prev.as_ref().is_some_and(|(r, gap)| {
                *gap && capitalised(r) && previous_word(text, r.start).is_some()
            }) || next.as_ref().is_some_and(|(r, gap)| *gap && capitalised(r));
            let english = [&prev, &next]
                .into_iter()
                .flatten()
                .any(|(r, _)| ENGLISH_WORDS.contains(&&text[r.clone()]));
            if adjacent_name {
                f.ambiguity = Some(Ambiguity::PartOfLongerName);
                f.rule = "name-inside-longer-name";
                f.confidence = 0.2;
            } else if english {
                f.ambiguity = Some(Ambiguity::EnglishContext);
                f.rule = "name-english-context";
                f.confidence = 0.2;
            } else if sentence_start {
                f.rule = "name-one-word-sentence-start";
                f.confidence = 0.7;
            }
        }
    }
}

/// `text` with the whole word `word` replaced, if it occurs.
fn replace_word(text: &str, word: &str, by: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    let mut found = false;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        out.push_str(&rest[..at]);
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            out.push_str(by);
            found = true;
        } else {
            out.push_str(word);
        }
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    found.then_some(out)
}

/// The case rule of one spelling of a name.
fn case_rule(spelling: &str, concept: bool) -> CaseRule {
    let letters: Vec<char> = spelling.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return CaseRule::Acronym;
    }
    let mut words = spelling.split_whitespace();
    let first_word = words.next().unwrap_or("");
    let one_word = words.next().is_none();
    let later_capital = spelling
        .chars()
        .skip_while(|c| !c.is_alphabetic())
        .skip(1)
        .any(char::is_uppercase);
    let first_upper = letters.first().is_some_and(|c| c.is_uppercase());
    if !concept && (later_capital || (one_word && first_upper && !first_word.is_empty())) {
        CaseRule::Capitals
    } else {
        CaseRule::Insensitive
    }
}

/// The word before folded byte `at`, and whether only one space separates them.
fn previous_word(text: &str, at: usize) -> Option<(Range<usize>, bool)> {
    let before = &text[..at];
    let trimmed = before.trim_end_matches(|c: char| !c.is_alphanumeric());
    let gap = &before[trimmed.len()..];
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    Some((start..trimmed.len(), gap == " "))
}

/// The word after folded byte `at`, and whether only one space separates them.
fn next_word(text: &str, at: usize) -> Option<(Range<usize>, bool)> {
    let after = &text[at..];
    let skip = after.len()
        - after
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let gap = &after[..skip];
    let rest = &after[skip..];
    let len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (at + skip..at + skip + len, gap == " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(id: &str, class: &str) -> EntityInfo {
        EntityInfo {
            id: id.to_owned(),
            class: class.to_owned(),
            label_fr: id.to_owned(),
            kinds: vec![class.to_owned()],
        }
    }

    fn lexicon() -> Lexicon {
        let names = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        Lexicon::new(vec![
            (
                info("free", "Company"),
                names(&["Free", "l'opérateur Free"]),
            ),
            (
                info("emirats", "State"),
                names(&["Émirats arabes unis", "EAU"]),
            ),
            (info("etat", "State"), names(&["France", "l'État"])),
            (
                info("mistral", "Startup"),
                names(&["Mistral AI", "Mistral"]),
            ),
            (info("sante", "Domain"), names(&["Santé"])),
            (info("seoul", "City"), names(&["Séoul"])),
            (info("sommet-seoul", "Summit"), names(&["Sommet de Séoul"])),
            (info("plan", "Plan"), names(&["Plan pour l'IA (2030)"])),
            (
                info("gouvernance", "Domain"),
                names(&["Gouvernance mondiale de l'IA"]),
            ),
            (info("recherche", "Domain"), names(&["Recherche en IA"])),
            (info("orion-a", "Supercomputer"), names(&["Orion"])),
            (info("orion-b", "Startup"), names(&["Orion"])),
        ])
        .unwrap()
    }

    /// (text, entity ids, ambiguity) of each name found.
    fn find(text: &str) -> Vec<(String, Vec<String>, Option<Ambiguity>, bool)> {
        let l = lexicon();
        let folded = Folded::new(text);
        l.find(&folded)
            .into_iter()
            .map(|f| {
                (
                    text[folded.original(f.range.clone())].to_owned(),
                    f.entities
                        .iter()
                        .map(|&i| l.entities[i].id.clone())
                        .collect(),
                    f.ambiguity,
                    f.nested,
                )
            })
            .collect()
    }

    fn linked(text: &str) -> Vec<(String, String)> {
        find(text)
            .into_iter()
            .filter(|(_, _, a, nested)| a.is_none() && !nested)
            .map(|(t, e, _, _)| (t, e[0].clone()))
            .collect()
    }

    fn pair(t: &str, e: &str) -> (String, String) {
        (t.to_owned(), e.to_owned())
    }

    #[test]
    fn names_match_without_accents_case_or_apostrophe_kind() {
        assert_eq!(
            linked("les Emirats Arabes Unis"),
            [pair("Emirats Arabes Unis", "emirats")]
        );
        assert_eq!(linked("selon L’État, qui"), [pair("L’État", "etat")]);
        assert_eq!(linked("selon l'État, qui"), [pair("l'État", "etat")]);
        assert_eq!(linked("la SANTÉ publique"), [pair("SANTÉ", "sante")]);
    }

    #[test]
    fn a_name_may_leave_out_its_field() {
        assert_eq!(
            linked("Une gouvernance mondiale efficace est nécessaire."),
            [pair("gouvernance mondiale", "gouvernance")]
        );
        assert_eq!(
            linked("La gouvernance mondiale de l'intelligence artificielle avance."),
            [pair(
                "gouvernance mondiale de l'intelligence artificielle",
                "gouvernance"
            )]
        );
        // One word left is no name: `la recherche` is not `Recherche en IA`.
        assert!(linked("La recherche avance.").is_empty());
        assert_eq!(
            without_field("Fonds franco-belge, voire européen, pour l'IA").as_deref(),
            Some("Fonds franco-belge, voire européen")
        );
    }

    #[test]
    fn a_concept_after_an_indefinite_article_is_the_ordinary_noun() {
        assert!(linked("Un plan vise la santé.").contains(&pair("santé", "sante")));
        assert!(linked("Une santé de fer.").is_empty());
        // `de` is as often a preposition: `en matière de santé`.
        assert!(!linked("En matière de santé.").is_empty());
    }

    #[test]
    fn longest_name_first() {
        assert_eq!(
            linked("avec Mistral AI hier"),
            [pair("Mistral AI", "mistral")]
        );
        assert_eq!(
            linked("chez l’opérateur Free"),
            [pair("l’opérateur Free", "free")]
        );
    }

    #[test]
    fn a_name_inside_another_word_is_not_a_mention() {
        assert!(find("la Freebox et les Francilliens en Francophonie").is_empty());
        assert!(find("une mistralienne").is_empty());
    }

    #[test]
    fn free_the_company_is_not_the_word_free() {
        assert_eq!(linked("Il a rejoint Free en mars."), [pair("Free", "free")]);
        let lower = find("un logiciel free et libre");
        assert_eq!(lower[0].2, Some(Ambiguity::CaseDiffers));
        let english = find("le slogan « Free software is a matter of liberty »");
        assert_eq!(english[0].2, Some(Ambiguity::EnglishContext));
        let longer = find("avec Free Mobile Pro, elle");
        assert_eq!(longer[0].2, Some(Ambiguity::PartOfLongerName));
        // At the start of a sentence the capital proves less: linked, less sure.
        let l = lexicon();
        let f = l.find(&Folded::new("Free lance une offre."));
        assert_eq!(
            (f[0].ambiguity, f[0].rule),
            (None, "name-one-word-sentence-start")
        );
    }

    #[test]
    fn acronyms_need_capitals() {
        assert_eq!(linked("les EAU financent"), [pair("EAU", "emirats")]);
        assert_eq!(find("l'eau manque")[0].2, Some(Ambiguity::CaseDiffers));
        assert_eq!(find("l'Eau manque")[0].2, Some(Ambiguity::CaseDiffers));
    }

    #[test]
    fn names_shared_by_two_entities_are_reported_not_guessed() {
        let f = find("le calculateur Orion");
        assert_eq!(f[0].1.len(), 2);
        assert_eq!(f[0].2, Some(Ambiguity::SharedName));
    }

    #[test]
    fn overlapping_names_keep_the_longer_and_do_not_panic() {
        // `le gouvernement` (alias) overlaps `gouvernement français` (label)
        // without containing it: this sliced backwards (begin > end).
        let l = Lexicon::new(vec![(
            info("gouv", "Government"),
            vec![
                "Gouvernement français".to_owned(),
                "le gouvernement".to_owned(),
            ],
        )])
        .unwrap();
        let text = "Le gouvernement français a annoncé un plan.";
        let folded = Folded::new(text);
        let found = l.find(&folded);
        assert_eq!(found.len(), 1);
        assert_eq!(
            &text[folded.original(found[0].range.clone())],
            "gouvernement français"
        );
    }

    #[test]
    fn names_inside_names_and_label_variants() {
        let f = find("au Sommet de Séoul, en visioconférence");
        assert_eq!((f[0].0.as_str(), f[0].3), ("Sommet de Séoul", false));
        assert_eq!(
            (f[1].0.as_str(), f[1].1[0].as_str(), f[1].3),
            ("Séoul", "seoul", true)
        );
        // The label's parenthesised qualifier is dropped; IA = intelligence artificielle.
        assert_eq!(
            linked("le plan pour l'intelligence artificielle"),
            [pair("plan pour l'intelligence artificielle", "plan")]
        );
    }
}
