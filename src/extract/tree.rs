//! Relations from the dependency tree: a verb's (or a noun's) lemma in the
//! vocabulary of `ontology/relations-fr.toml`, its subject and object found
//! by their UD relations, its modality from the verb that governs it
//! (« va investir » → planned). Names come from the parse's entity spans
//! and the graph's lexicon; this module only reads the tree.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

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
}

/// The vocabulary: lemma → frame, governing verbs → modality, nouns → class.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    verbs: HashMap<String, Frame>,
    nouns: HashMap<String, Frame>,
    modal: HashMap<String, String>,
    classes: HashMap<String, String>,
}

impl Vocabulary {
    /// Reads and checks the vocabulary; `relations` are the ontology's.
    pub fn parse(text: &str, relations: &dyn Fn(&str) -> bool) -> Result<Self, String> {
        let file: VocabularyFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut frames = HashMap::new();
        for (name, f) in file.frames {
            if !relations(&f.relation) {
                return Err(format!(
                    "frame `{name}`: `{}` is no relation of the ontology",
                    f.relation
                ));
            }
            let frame = Frame {
                relation: f.relation,
                subject: f.subject.iter().map(|r| Role::parse(r)).collect(),
                object: f.object.iter().map(|r| Role::parse(r)).collect(),
            };
            frames.insert(name, frame);
        }
        let lookup = |table: HashMap<String, String>, what: &str| {
            table
                .into_iter()
                .map(|(lemma, frame)| match frames.get(&frame) {
                    Some(f) => Ok((lemma, f.clone())),
                    None => Err(format!("{what} `{lemma}`: no frame `{frame}`")),
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
            return Err(format!(
                "modal `{lemma}`: `{m}` is not one of {}",
                MODALITIES.join(", ")
            ));
        }
        Ok(Self {
            verbs,
            nouns,
            modal: file.modal,
            classes: file.classes,
        })
    }

    /// Reads `path` (see [`Self::parse`]).
    pub fn load(path: &Path, relations: &dyn Fn(&str) -> bool) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(&text, relations).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Adds the ontology's French class labels of one word (« région » →
    /// Region) as nouns giving a name its class, where `[classes]` has none.
    pub fn add_class_labels<'a>(&mut self, labels: impl IntoIterator<Item = (&'a str, &'a str)>) {
        for (class, label) in labels {
            if !label.contains(' ') {
                self.classes
                    .entry(label.to_lowercase())
                    .or_insert_with(|| class.to_owned());
            }
        }
    }

    /// The class a noun gives the name it describes (`fonds` → Fund).
    pub fn class_of(&self, lemma: &str) -> Option<&str> {
        self.classes.get(&lemma.to_lowercase()).map(String::as_str)
    }
}

/// A relation read in one sentence: words of subject and object (each the
/// head of a phrase), the trigger word, the modality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub relation: String,
    pub trigger: usize,
    pub subject: usize,
    pub object: usize,
    pub modality: &'static str,
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

fn is_passive(p: &ParsedSentence, i: usize) -> bool {
    p.children(i)
        .any(|c| matches!(p.words[c].deprel.as_str(), "aux:pass" | "nsubj:pass"))
}

/// The dependents of `i` that fill `role` (passive roles mapped to active);
/// an oblique may hang from the verb's object or another oblique instead
/// (« injecter 2 milliards dans X », « à hauteur de 80 M€ au projet X »).
fn fill(p: &ParsedSentence, i: usize, role: &Role) -> Vec<usize> {
    let mut out = fill_direct(p, i, role);
    if role.prep.is_some() {
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
    p.children(i)
        .filter(|&c| {
            let w = &p.words[c];
            let rel = match (passive, w.deprel.as_str()) {
                (true, "nsubj:pass") => "obj",
                (true, "obl:agent") => "nsubj",
                (_, d) => d,
            };
            let base = rel.split(':').next().unwrap_or("");
            match &role.prep {
                Some(prep) => {
                    base == role.rel
                        && rel != "obl:agent"
                        && preposition(p, c).as_deref() == Some(prep.as_str())
                }
                // Parsers read a subject `il` as expletive too (« Il prévoit de … »).
                None => {
                    rel == role.rel
                        || (role.rel == "nsubj" && (base == "nsubj" || rel == "expl:subj"))
                }
            }
        })
        .collect()
}

/// `i` and its conjuncts (« Kalray et Thales »).
fn with_conjuncts(p: &ParsedSentence, i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut k = 0;
    while k < out.len() && out.len() < 32 {
        let next: Vec<usize> = p
            .children(out[k])
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
                .any(|c| matches!(p.words[c].base_rel(), "nsubj" | "obj" | "aux"));
        let frame = match w.upos.as_str() {
            "VERB" => vocabulary.verbs.get(&l),
            "ADJ" | "AUX" if clause => vocabulary.verbs.get(&l),
            "NOUN" => vocabulary.nouns.get(&l),
            _ => None,
        };
        let Some(frame) = frame else { continue };
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
        for _ in 0..8 {
            let Some(h) = p.words[g].head else { break };
            match p.words[g].deprel.as_str() {
                "xcomp" | "ccomp" if p.words[h].upos == "VERB" => {
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
        let find = |roles: &[Role]| -> Vec<usize> {
            for role in roles {
                for &v in &chain {
                    let mut found = fill(p, v, role);
                    // A relative clause's subject is the noun it qualifies.
                    if role.rel == "nsubj" && found.is_empty() && p.words[v].deprel == "acl:relcl" {
                        found.extend(p.words[v].head);
                    }
                    // A participle on a noun (« la start-up, financée par X »).
                    if role.rel == "obj" && found.is_empty() && p.words[v].base_rel() == "acl" {
                        found.extend(p.words[v].head);
                    }
                    let found: Vec<usize> = found
                        .into_iter()
                        .flat_map(|f| with_conjuncts(p, f))
                        .filter(|&f| named(f) || p.words[f].upos == "PRON")
                        .collect();
                    if !found.is_empty() {
                        return found;
                    }
                    // Only the content verb's own dependents fill an object.
                    if !matches!(role.rel.as_str(), "nsubj") {
                        break;
                    }
                }
            }
            Vec::new()
        };
        let mut subjects = find(&frame.subject);
        let mut objects = find(&frame.object);
        // « un partenariat entre X et Y »: the conjuncts are both ends.
        if objects.is_empty() && subjects.len() >= 2 && frame.relation == "partnersWith" {
            objects = subjects.split_off(1);
        }
        for &s in &subjects {
            for &o in &objects {
                if s != o {
                    out.push(Reading {
                        relation: frame.relation.clone(),
                        trigger: i,
                        subject: s,
                        object: o,
                        modality,
                    });
                }
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
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/relations-fr.toml"),
        )
        .unwrap();
        Vocabulary::parse(&text, &|_| true).unwrap()
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
    fn bad_vocabularies_are_refused() {
        let frame = "[frames.f]\nrelation = \"funds\"\nsubject = [\"nsubj\"]\nobject = [\"obj\"]\n";
        assert!(Vocabulary::parse(&format!("{frame}[verbs]\nx = \"g\"\n"), &|_| true).is_err());
        assert!(Vocabulary::parse(frame, &|r| r != "funds").is_err());
        assert!(Vocabulary::parse(&format!("{frame}[modal]\nx = \"maybe\"\n"), &|_| true).is_err());
    }
}
