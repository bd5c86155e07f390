//! CoNLL-U (Universal Dependencies) as the parser hands it over: documents
//! (`# newdoc id = …`), sentences (`# text = …`), ten tab-separated columns
//! per word. Multiword-token lines (`1-2`) and empty nodes (`1.1`) are
//! skipped: the tree is over words. Named entities come in MISC as IOB tags
//! (`NER=B-ORG`), character offsets as `TokenRange=START:END` (UDPipe's
//! convention); both are optional, so any UD parser's output is read.
//!
//! A text that is not CoNLL-U is a [`ConlluError`]: its line and a
//! [`ConlluFault`], which live in `error` with the crate's other errors.

pub use crate::error::{ConlluError, ConlluFault};

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub feats: String,
    /// 0-based index of the head word; `None` for the root.
    pub head: Option<usize>,
    pub deprel: String,
    /// Named-entity tag: (begins an entity, label).
    pub ner: Option<(bool, String)>,
}

impl Word {
    /// The relation without its subtype (`obl:arg` → `obl`).
    pub fn base_rel(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }

    /// One feature's value (`Tense` → `Past`).
    pub fn feat(&self, name: &str) -> Option<&str> {
        self.feats
            .split('|')
            .find_map(|f| f.strip_prefix(name)?.strip_prefix('='))
    }
}

/// A parsed sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedSentence {
    pub text: Option<String>,
    pub words: Vec<Word>,
}

impl ParsedSentence {
    /// The dependents of word `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == Some(i))
            .map(|(j, _)| j)
    }

    /// Word `i` and everything under it, in order (cycles are cut).
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut inside = vec![false; self.words.len()];
        if i < inside.len() {
            inside[i] = true;
        }
        // Heads precede or follow; iterate to a fixed point, at most n rounds.
        for _ in 0..self.words.len() {
            let mut changed = false;
            for (j, w) in self.words.iter().enumerate() {
                if !inside[j] && w.head.is_some_and(|h| inside[h]) {
                    inside[j] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        (0..self.words.len()).filter(|&j| inside[j]).collect()
    }
}

/// A document: its id and sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub sentences: Vec<ParsedSentence>,
}

/// What a CoNLL-U stream holds, in its order: a document's start, or a
/// sentence of the current document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// `# newdoc id = …`: the sentences after it are this document's.
    Document(String),
    Sentence(ParsedSentence),
}

/// Reads CoNLL-U one sentence at a time, from a file or a pipe, holding no
/// more than the sentence being read.
///
/// A stream must end each line with its newline and each sentence with its
/// blank line (the format's rule): a stream cut short, as the output of a
/// parser that died, is a [`ConlluFault::Truncated`], never a shorter
/// sentence. [`parse`] forgives a whole text's missing last blank line.
pub struct Reader<R> {
    input: R,
    buf: Vec<u8>,
    /// Lines read so far: the 1-based number of the last one.
    line: usize,
    current: ParsedSentence,
    /// Head numbers as written (1-based, 0 = root) and their lines,
    /// checked when the sentence ends.
    heads: Vec<(usize, usize)>,
    /// The line the current sentence starts on (after a blank line).
    start_line: usize,
    /// A `# newdoc` that ended a sentence without a blank line: next out.
    pending: Option<String>,
    /// Whether the text may stop without the newline or the blank line
    /// that ends its last sentence (a whole text, not a stream).
    lenient_end: bool,
    ended: bool,
}

impl<R: std::io::BufRead> Reader<R> {
    /// A reader of the stream `input`.
    pub fn new(input: R) -> Self {
        Self {
            input,
            buf: Vec::new(),
            line: 0,
            current: ParsedSentence::default(),
            heads: Vec::new(),
            start_line: 1,
            pending: None,
            lenient_end: false,
            ended: false,
        }
    }

    /// The next document start or sentence; `None` at the end of the
    /// stream. Sentences before any `# newdoc` come without a document.
    pub fn next_item(&mut self) -> Result<Option<Item>, ConlluError> {
        if let Some(id) = self.pending.take() {
            return Ok(Some(Item::Document(id)));
        }
        while !self.ended {
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let read = self
                .input
                .read_until(b'\n', &mut buf)
                .map_err(|e| ConlluError {
                    line: self.line + 1,
                    cause: ConlluFault::Unreadable(e.to_string()),
                })?;
            if read == 0 {
                self.ended = true;
                if !self.lenient_end && !self.current.words.is_empty() {
                    return Err(ConlluError {
                        line: self.start_line,
                        cause: ConlluFault::Truncated,
                    });
                }
                return Ok(self.finish()?.map(Item::Sentence));
            }
            self.line += 1;
            if !self.lenient_end && !buf.ends_with(b"\n") {
                self.ended = true;
                return Err(ConlluError {
                    line: self.line,
                    cause: ConlluFault::Truncated,
                });
            }
            let text = std::str::from_utf8(&buf).map_err(|_| ConlluError {
                line: self.line,
                cause: ConlluFault::NotUtf8,
            })?;
            let line = text.strip_suffix('\n').unwrap_or(text);
            let item = self.read_line(line.strip_suffix('\r').unwrap_or(line))?;
            self.buf = buf;
            if item.is_some() {
                return Ok(item);
            }
        }
        Ok(None)
    }

    /// Takes in one line (without its newline): what it completes, if anything.
    fn read_line(&mut self, line: &str) -> Result<Option<Item>, ConlluError> {
        let number = self.line;
        if line.trim().is_empty() {
            let sentence = self.finish()?;
            self.start_line = number + 1;
            return Ok(sentence.map(Item::Sentence));
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment.strip_prefix("newdoc") {
                let id = id
                    .trim_start()
                    .strip_prefix("id")
                    .map_or("", |r| r.trim_start().strip_prefix('=').unwrap_or(r).trim())
                    .to_owned();
                return Ok(Some(match self.finish()? {
                    Some(sentence) => {
                        self.pending = Some(id);
                        Item::Sentence(sentence)
                    }
                    None => Item::Document(id),
                }));
            } else if let Some(t) = comment.strip_prefix("text") {
                if let Some(t) = t.trim_start().strip_prefix('=') {
                    self.current.text = Some(t.trim().to_owned());
                }
            }
            return Ok(None);
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError {
                line: number,
                cause: ConlluFault::ColumnCount(cols.len()),
            });
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            return Ok(None);
        }
        let expected = self.current.words.len() + 1;
        if id.parse::<usize>().ok() != Some(expected) {
            return Err(ConlluError {
                line: number,
                cause: ConlluFault::BadWordId {
                    id: id.to_owned(),
                    expected,
                },
            });
        }
        let head: usize = cols[6].parse().map_err(|_| ConlluError {
            line: number,
            cause: ConlluFault::HeadNotANumber(cols[6].to_owned()),
        })?;
        if head == expected {
            return Err(ConlluError {
                line: number,
                cause: ConlluFault::OwnHead(expected),
            });
        }
        let ner = cols[9].split('|').find_map(|m| {
            let tag = m.strip_prefix("NER=")?;
            let (iob, label) = tag.split_once('-')?;
            Some((iob == "B", label.to_owned()))
        });
        let field = |s: &str| {
            if s == "_" {
                String::new()
            } else {
                s.to_owned()
            }
        };
        self.current.words.push(Word {
            form: cols[1].to_owned(),
            lemma: field(cols[2]),
            upos: field(cols[3]),
            feats: field(cols[5]),
            head: None,
            deprel: field(cols[7]),
            ner,
        });
        self.heads.push((head, number));
        Ok(None)
    }

    /// The sentence read so far, its heads checked; `None` if it has no words.
    fn finish(&mut self) -> Result<Option<ParsedSentence>, ConlluError> {
        let s = &mut self.current;
        if s.words.is_empty() {
            s.text = None;
            return Ok(None);
        }
        let n = s.words.len();
        for (k, &(head, line)) in self.heads.iter().enumerate() {
            if head > n {
                return Err(ConlluError {
                    line,
                    cause: ConlluFault::HeadBeyondSentence { head, words: n },
                });
            }
            s.words[k].head = head.checked_sub(1);
        }
        if !s.words.iter().any(|w| w.head.is_none()) {
            return Err(ConlluError {
                line: self.start_line,
                cause: ConlluFault::NoRoot,
            });
        }
        self.heads.clear();
        Ok(Some(std::mem::take(s)))
    }
}

/// Parses a whole CoNLL-U text. Sentences before any `# newdoc` belong to
/// a document with an empty id; the last sentence may lack its blank line.
pub fn parse(text: &str) -> Result<Vec<Document>, ConlluError> {
    let mut reader = Reader::new(text.as_bytes());
    reader.lenient_end = true;
    let mut docs: Vec<Document> = Vec::new();
    while let Some(item) = reader.next_item()? {
        match item {
            Item::Document(id) => docs.push(Document {
                id,
                sentences: Vec::new(),
            }),
            Item::Sentence(sentence) => {
                if docs.is_empty() {
                    docs.push(Document::default());
                }
                if let Some(doc) = docs.last_mut() {
                    doc.sentences.push(sentence);
                }
            }
        }
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = a.txt\n# text = Kalray investit.\n\
        1\tKalray\tKalray\tPROPN\t_\t_\t2\tnsubj\t_\tNER=B-ORG\n\
        2\tinvestit\tinvestir\tVERB\t_\tTense=Pres\t0\troot\t_\tSpaceAfter=No\n\
        3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_documents_words_heads_and_entities() {
        let docs = parse(SAMPLE).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "a.txt");
        let s = &docs[0].sentences[0];
        assert_eq!(s.text.as_deref(), Some("Kalray investit."));
        assert_eq!(s.words[0].head, Some(1));
        assert_eq!(s.words[1].head, None);
        assert_eq!(s.words[0].ner, Some((true, "ORG".to_owned())));
        assert_eq!(s.words[1].feat("Tense"), Some("Pres"));
        assert_eq!(s.children(1).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(s.subtree(1), [0, 1, 2]);
    }

    /// The error of `text`, checked to show as `line LINE: MESSAGE`.
    fn refused(text: &str, message: &str) -> ConlluError {
        let error = parse(text).unwrap_err();
        assert_eq!(error.to_string(), message);
        error
    }

    /// Each fault, from a malformed copy of [`SAMPLE`] (its words are on
    /// lines 3 to 5), at the line that is wrong.
    #[test]
    fn each_fault_names_its_line() {
        let fault = |line, cause| ConlluError { line, cause };
        // Spaces for tabs, as a hand-edited file has them.
        let spaced = SAMPLE.replace("3\t.\t.\tPUNCT\t_", "3 . . PUNCT _");
        assert_eq!(
            refused(&spaced, "line 5: 6 columns, CoNLL-U has 10 (tab-separated)"),
            fault(5, ConlluFault::ColumnCount(6))
        );
        assert_eq!(
            refused(
                "1\tx\n",
                "line 1: 2 columns, CoNLL-U has 10 (tab-separated)"
            ),
            fault(1, ConlluFault::ColumnCount(2))
        );
        let skipped = SAMPLE.replace("3\t.\t.", "4\t.\t.");
        assert_eq!(
            refused(&skipped, "line 5: word id `4`, expected 3"),
            fault(
                5,
                ConlluFault::BadWordId {
                    id: "4".into(),
                    expected: 3
                }
            )
        );
        let blank_head = SAMPLE.replace("\t0\troot", "\t_\troot");
        assert_eq!(
            refused(&blank_head, "line 4: head `_` is not a word number"),
            fault(4, ConlluFault::HeadNotANumber("_".into()))
        );
        let own = SAMPLE.replace("2\tnsubj", "1\tnsubj");
        assert_eq!(
            refused(&own, "line 3: word 1 is its own head"),
            fault(3, ConlluFault::OwnHead(1))
        );
        let beyond = SAMPLE.replace("2\tnsubj", "9\tnsubj");
        assert_eq!(
            refused(&beyond, "line 3: head 9 is beyond the sentence's 3 words"),
            fault(3, ConlluFault::HeadBeyondSentence { head: 9, words: 3 })
        );
        // Words 1 and 2 head each other: a cycle, and no root; the line is
        // the sentence's first, after the blank line that ends the one before.
        let cycle = SAMPLE.replace("\t0\troot", "\t1\troot");
        assert_eq!(
            refused(&cycle, "line 1: the sentence has no root (head 0)"),
            fault(1, ConlluFault::NoRoot)
        );
        let second = format!("{SAMPLE}{}", cycle.replace("# newdoc id = a.txt\n", ""));
        assert_eq!(
            refused(&second, "line 7: the sentence has no root (head 0)"),
            fault(7, ConlluFault::NoRoot)
        );
    }

    /// Input that fails once read: the part of a stream not written yet.
    struct NotYetWritten;

    impl std::io::Read for NotYetWritten {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("not written yet"))
        }
    }

    #[test]
    fn a_stream_gives_its_sentences_one_by_one() {
        use std::io::Read;
        // Two sentences of document `a.txt`, then a stream still being
        // written: each sentence comes out without reading past its blank line.
        let written = format!("{SAMPLE}{}", SAMPLE.replace("# newdoc id = a.txt\n", ""));
        let mut reader = Reader::new(std::io::BufReader::new(
            written.as_bytes().chain(NotYetWritten),
        ));
        assert_eq!(
            reader.next_item().unwrap(),
            Some(Item::Document("a.txt".into()))
        );
        let whole = parse(SAMPLE).unwrap().remove(0).sentences.remove(0);
        for _ in 0..2 {
            assert_eq!(
                reader.next_item().unwrap(),
                Some(Item::Sentence(whole.clone()))
            );
        }
        // The SAMPLE's 6 lines, then 5 more: line 12 is the one not written.
        assert_eq!(
            reader.next_item().unwrap_err(),
            ConlluError {
                line: 12,
                cause: ConlluFault::Unreadable("not written yet".into())
            }
        );
    }

    #[test]
    fn a_stream_names_the_line_of_an_error_across_documents() {
        // Document b.txt starts at line 7; its first word (line 9) has a
        // head that is not there.
        let second = SAMPLE
            .replace("a.txt", "b.txt")
            .replace("2\tnsubj", "9\tnsubj");
        let text = format!("{SAMPLE}{second}");
        let mut reader = Reader::new(text.as_bytes());
        let mut items = Vec::new();
        let error = loop {
            match reader.next_item() {
                Ok(Some(item)) => items.push(item),
                Ok(None) => panic!("no error in {items:?}"),
                Err(e) => break e,
            }
        };
        assert_eq!(
            error,
            ConlluError {
                line: 9,
                cause: ConlluFault::HeadBeyondSentence { head: 9, words: 3 }
            }
        );
        // What came before the error came out: a.txt's sentence, b.txt's start.
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(items[2], Item::Document("b.txt".into()));
        // A `# newdoc` right after a sentence's last word ends the sentence.
        let text = format!("{}\n{SAMPLE}", SAMPLE.trim_end());
        let mut reader = Reader::new(text.as_bytes());
        let mut ids = Vec::new();
        while let Some(item) = reader.next_item().unwrap() {
            ids.push(match item {
                Item::Document(id) => id,
                Item::Sentence(s) => s.text.unwrap_or_default(),
            });
        }
        assert_eq!(
            ids,
            ["a.txt", "Kalray investit.", "a.txt", "Kalray investit."]
        );
    }

    #[test]
    fn a_stream_cut_short_is_an_error() {
        let read_all = |text: &str| -> Result<usize, ConlluError> {
            let mut reader = Reader::new(text.as_bytes());
            let mut n = 0;
            while reader.next_item()?.is_some() {
                n += 1;
            }
            Ok(n)
        };
        assert_eq!(read_all(SAMPLE), Ok(2));
        // Line 5 without its newline: cut there.
        let cut = |line, text: &str| {
            assert_eq!(
                read_all(text),
                Err(ConlluError {
                    line,
                    cause: ConlluFault::Truncated
                }),
                "{text:?}"
            );
        };
        cut(5, SAMPLE.trim_end_matches('\n'));
        // No blank line after the last word: the sentence (from line 1) is
        // not known to be whole.
        cut(1, &SAMPLE[..SAMPLE.len() - 1]);
        // Cut inside line 4 (a word's line, or the next document's start).
        cut(4, &SAMPLE[..SAMPLE.find("investit\tinvestir").unwrap()]);
        let two = format!("{SAMPLE}{SAMPLE}");
        cut(7, &two[..SAMPLE.len() + 10]);
        // A whole text may omit its last blank line (`--parsed` files).
        assert_eq!(parse(SAMPLE.trim_end()).unwrap()[0].sentences.len(), 1);
        // Bytes that are not UTF-8, at their line.
        let latin1 = [SAMPLE.as_bytes(), b"# text = caf\xe9\n"].concat();
        let mut reader = Reader::new(&latin1[..]);
        let error = loop {
            match reader.next_item() {
                Ok(Some(_)) => {}
                Ok(None) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert_eq!(
            error,
            ConlluError {
                line: 7,
                cause: ConlluFault::NotUtf8
            }
        );
    }

    #[test]
    fn multiword_tokens_and_empty_nodes_are_skipped() {
        let text = "1-2\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tde\tde\tADP\t_\t_\t2\tcase\t_\t_\n\
            2\tle\tle\tDET\t_\t_\t0\troot\t_\t_\n\
            2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs[0].sentences[0].words.len(), 2);
    }

    #[test]
    fn no_input_panics() {
        let mut rng = fastrand::Rng::with_seed(7);
        let pieces = [
            "\t",
            "\n",
            "0",
            "1",
            "2",
            "-",
            ".",
            "#",
            " newdoc id = x",
            "_",
            "NER=B-",
            "é",
        ];
        for _ in 0..2000 {
            let text: String = (0..rng.usize(0..60))
                .map(|_| pieces[rng.usize(0..pieces.len())])
                .collect();
            let _ = parse(&text);
            let mut stream = Reader::new(text.as_bytes());
            while let Ok(Some(_)) = stream.next_item() {}
        }
        let _ = parse(&SAMPLE.replace('\t', "\t\t"));
    }
}
