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

/// Parses a CoNLL-U text. Sentences before any `# newdoc` belong to a
/// document with an empty id.
pub fn parse(text: &str) -> Result<Vec<Document>, ConlluError> {
    let mut docs: Vec<Document> = Vec::new();
    let mut current = ParsedSentence::default();
    // Head numbers as written (1-based, 0 = root), checked when the sentence ends.
    let mut heads: Vec<(usize, usize)> = Vec::new();
    let mut start_line = 1;
    let finish = |docs: &mut Vec<Document>,
                  s: &mut ParsedSentence,
                  heads: &mut Vec<(usize, usize)>,
                  start: usize|
     -> Result<(), ConlluError> {
        if s.words.is_empty() {
            s.text = None;
            return Ok(());
        }
        let n = s.words.len();
        for (k, &(head, line)) in heads.iter().enumerate() {
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
                line: start,
                cause: ConlluFault::NoRoot,
            });
        }
        heads.clear();
        if docs.is_empty() {
            docs.push(Document::default());
        }
        if let Some(doc) = docs.last_mut() {
            doc.sentences.push(std::mem::take(s));
        }
        Ok(())
    };
    for (n, line) in text.lines().enumerate() {
        let number = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            finish(&mut docs, &mut current, &mut heads, start_line)?;
            start_line = number + 1;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment.strip_prefix("newdoc") {
                finish(&mut docs, &mut current, &mut heads, start_line)?;
                let id = id
                    .trim_start()
                    .strip_prefix("id")
                    .map_or("", |r| r.trim_start().strip_prefix('=').unwrap_or(r).trim());
                docs.push(Document {
                    id: id.to_owned(),
                    sentences: Vec::new(),
                });
            } else if let Some(t) = comment.strip_prefix("text") {
                if let Some(t) = t.trim_start().strip_prefix('=') {
                    current.text = Some(t.trim().to_owned());
                }
            }
            continue;
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
            continue;
        }
        let expected = current.words.len() + 1;
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
        current.words.push(Word {
            form: cols[1].to_owned(),
            lemma: field(cols[2]),
            upos: field(cols[3]),
            feats: field(cols[5]),
            head: None,
            deprel: field(cols[7]),
            ner,
        });
        heads.push((head, number));
    }
    finish(&mut docs, &mut current, &mut heads, start_line)?;
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
        }
        let _ = parse(&SAMPLE.replace('\t', "\t\t"));
    }
}
