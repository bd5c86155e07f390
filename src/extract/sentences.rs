//! Reading an article: bytes to UTF-8 text, checked as it streams (not
//! UTF-8, with the byte offset; NUL bytes, a binary file; nothing in it),
//! cut into sentences (UAX #29 boundaries, French abbreviations such as
//! `M.` kept inside), each with its byte and character offsets in the file.
//! Memory stays bounded: a chunk at a time, and a sentence longer than
//! [`MAX_SENTENCE_BYTES`] is cut at a space.

use std::io::Read;
use std::path::{Path, PathBuf};

use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Error, Result};

/// Bytes read at a time.
pub const CHUNK_BYTES: usize = 64 * 1024;
/// A "sentence" longer than this (a file without punctuation) is cut.
pub const MAX_SENTENCE_BYTES: usize = 4 * 1024;

/// A sentence of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence, without the spaces around it.
    pub text: String,
    /// Offsets of its first byte and character in the file.
    pub byte_start: usize,
    pub char_start: usize,
    /// 0-based, in file order.
    pub index: usize,
    /// Where it sits in the layout of the text: first of its line, last of
    /// its line, and after a blank line (or first of the file). A line that
    /// is one short sentence without a full stop is a heading; one that
    /// opens with `-` or `•` is a list item.
    pub line_start: bool,
    pub line_end: bool,
    pub paragraph_start: bool,
}

impl Sentence {
    /// A sentence alone on its line.
    pub fn whole_line(&self) -> bool {
        self.line_start && self.line_end
    }
}

/// Abbreviations after which UAX #29 would end a sentence but French does not.
const ABBREVIATIONS: &[&str] = &[
    "M.", "MM.", "Mme.", "Mmes.", "Mlle.", "Dr.", "Pr.", "Me.", "St.", "Ste.", "av.", "apr.",
    "J.-C.", "p.", "pp.", "env.", "cf.", "vol.", "n°.", "art.", "chap.", "fig.", "Mgr.",
];

/// Sentences of a byte stream.
pub struct SentenceReader<R> {
    reader: R,
    path: PathBuf,
    /// Decoded text not yet cut into sentences.
    buffer: String,
    /// Bytes read but not yet decoded (an incomplete character at a chunk's end).
    pending: Vec<u8>,
    /// File offsets of `buffer`'s start.
    byte_offset: usize,
    char_offset: usize,
    /// Bytes read so far.
    read: usize,
    eof: bool,
    ready: std::collections::VecDeque<Sentence>,
    index: usize,
    seen_text: bool,
    chunk: usize,
    /// Line breaks since the end of the last sentence's text.
    newlines: usize,
}

impl<R: Read> SentenceReader<R> {
    /// `path` names the file in error messages.
    pub fn new(path: &Path, reader: R) -> Self {
        Self {
            reader,
            path: path.to_owned(),
            buffer: String::new(),
            pending: Vec::new(),
            byte_offset: 0,
            char_offset: 0,
            read: 0,
            eof: false,
            ready: std::collections::VecDeque::new(),
            index: 0,
            seen_text: false,
            chunk: CHUNK_BYTES,
            newlines: 0,
        }
    }

    /// Reads `bytes` at a time instead of [`CHUNK_BYTES`] (at least 1): for
    /// tests and fuzzing of characters and sentences cut by chunks.
    pub fn with_chunk_size(mut self, bytes: usize) -> Self {
        self.chunk = bytes.max(1);
        self
    }

    /// The next sentence, or `None` at the end of the file.
    pub fn next_sentence(&mut self) -> Result<Option<Sentence>> {
        loop {
            if let Some(s) = self.ready.pop_front() {
                return Ok(Some(s));
            }
            if self.eof {
                return Ok(None);
            }
            self.fill()?;
            self.cut();
        }
    }

    /// Reads and decodes one chunk.
    fn fill(&mut self) -> Result<()> {
        let mut chunk = vec![0u8; self.chunk];
        let n = loop {
            match self.reader.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(source) => {
                    return Err(Error::Read {
                        path: self.path.clone(),
                        source,
                    });
                }
            }
        };
        chunk.truncate(n);
        // Where `pending` starts in the file.
        let pending_at = self.read - self.pending.len();
        self.read += n;
        if n == 0 {
            self.eof = true;
            if !self.pending.is_empty() {
                return Err(Error::NotUtf8 {
                    path: self.path.clone(),
                    offset: pending_at,
                });
            }
            if !self.seen_text && self.buffer.trim().is_empty() {
                return Err(Error::EmptyInput {
                    path: self.path.clone(),
                });
            }
            return Ok(());
        }
        if let Some(i) = chunk.iter().position(|b| *b == 0) {
            return Err(Error::BinaryInput {
                path: self.path.clone(),
                offset: self.read - n + i,
            });
        }
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(&chunk);
        let (valid, rest) = match std::str::from_utf8(&bytes) {
            Ok(_) => (bytes.len(), 0),
            Err(e) => match e.error_len() {
                // Bytes that can never start valid UTF-8.
                Some(_) => {
                    return Err(Error::NotUtf8 {
                        path: self.path.clone(),
                        offset: pending_at + e.valid_up_to(),
                    });
                }
                // A character cut by the chunk's end: decode it with the next chunk.
                None => (e.valid_up_to(), bytes.len() - e.valid_up_to()),
            },
        };
        let text = std::str::from_utf8(&bytes[..valid]).map_err(|e| Error::NotUtf8 {
            path: self.path.clone(),
            offset: pending_at + e.valid_up_to(),
        })?;
        let mut text = text;
        if self.byte_offset == 0 && self.buffer.is_empty() && pending_at == 0 {
            // A byte order mark is not text.
            if let Some(stripped) = text.strip_prefix('\u{FEFF}') {
                self.byte_offset = 3;
                self.char_offset = 1;
                text = stripped;
            }
        }
        self.buffer.push_str(text);
        self.pending = bytes[bytes.len() - rest..].to_vec();
        Ok(())
    }

    /// Moves the complete sentences of `buffer` to `ready`.
    fn cut(&mut self) {
        let mut bounds: Vec<usize> = Vec::new();
        {
            let mut segments = self.buffer.split_sentence_bound_indices().peekable();
            let mut start = 0;
            while let Some((at, segment)) = segments.next() {
                let end = at + segment.len();
                let last = segments.peek().is_none();
                if last && !self.eof {
                    break;
                }
                let trimmed = segment.trim_end();
                let joins_next = !last
                    && !segment.ends_with('\n')
                    && ABBREVIATIONS.iter().any(|a| {
                        trimmed.ends_with(a) && is_word_start(trimmed, trimmed.len() - a.len())
                    });
                if joins_next && end - start < MAX_SENTENCE_BYTES {
                    continue;
                }
                bounds.extend(number_starts(segment).map(|i| at + i));
                bounds.push(end);
                start = end;
            }
        }
        let mut consumed = 0;
        // (byte, char) position in `buffer` up to which characters are counted.
        let mut cursor = (0, 0);
        for end in bounds {
            self.emit(consumed, end, &mut cursor);
            consumed = end;
        }
        // A sentence that never ends: cut it at a space.
        while self.buffer.len() - consumed > MAX_SENTENCE_BYTES {
            let window_end = floor_boundary(&self.buffer, consumed + MAX_SENTENCE_BYTES);
            let cut = self.buffer[consumed..window_end]
                .rfind(char::is_whitespace)
                .map(|i| consumed + i + 1)
                .filter(|c| *c > consumed)
                .unwrap_or(window_end.max(consumed + 1));
            let cut = ceil_boundary(&self.buffer, cut);
            self.emit(consumed, cut, &mut cursor);
            consumed = cut;
        }
        if self.eof && consumed < self.buffer.len() {
            let end = self.buffer.len();
            self.emit(consumed, end, &mut cursor);
            consumed = end;
        }
        let chars = cursor.1 + self.buffer[cursor.0..consumed].chars().count();
        self.buffer.drain(..consumed);
        self.byte_offset += consumed;
        self.char_offset += chars;
    }

    /// Queues `buffer[start..end]`, trimmed; `cursor` counts characters as it goes.
    fn emit(&mut self, start: usize, end: usize, cursor: &mut (usize, usize)) {
        let raw = &self.buffer[start..end];
        let text = raw.trim();
        if text.is_empty() {
            self.newlines += raw.matches('\n').count();
            return;
        }
        self.seen_text = true;
        let lead = raw.len() - raw.trim_start().len();
        self.newlines += raw[..lead].matches('\n').count();
        let first = self.index == 0;
        let line_start = first || self.newlines >= 1;
        let paragraph_start = first || self.newlines >= 2;
        self.newlines = raw[lead + text.len()..].matches('\n').count();
        let line_end = self.newlines >= 1 || (self.eof && end == self.buffer.len());
        let byte_start = self.byte_offset + start + lead;
        // Characters before this sentence in the buffer.
        let at = start + lead;
        cursor.1 += self.buffer[cursor.0..at].chars().count();
        cursor.0 = at;
        let char_start = self.char_offset + cursor.1;
        self.ready.push_back(Sentence {
            text: text.to_owned(),
            byte_start,
            char_start,
            index: self.index,
            line_start,
            line_end,
            paragraph_start,
        });
        self.index += 1;
    }
}

/// Where a sentence opening with a number starts inside a segment: UAX #29
/// reads `… systématique. 50 millions d'euros pour …` as one sentence (a
/// lower-case word follows the full stop), French as two. The full stop
/// must end a word of three letters or more that is no abbreviation (not
/// `p. 12`, `art. 5`, `Mme. 3`).
fn number_starts(segment: &str) -> impl Iterator<Item = usize> + '_ {
    segment.match_indices(". ").filter_map(move |(i, _)| {
        let after = i + 2;
        let rest = &segment[after..];
        // A quotation may close before the full stop: `« … mondiales ». 300 M€`.
        let word: Vec<char> = segment[..i]
            .trim_end_matches(['»', '"', '”', ')', ' ', '\u{a0}', '\u{202f}'])
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let word: String = word.into_iter().rev().collect();
        let ends_word =
            word.chars().count() >= 3 && !ABBREVIATIONS.contains(&format!("{word}.").as_str());
        let lead = rest.len() - rest.trim_start_matches(' ').len();
        (ends_word && rest[lead..].starts_with(|c: char| c.is_ascii_digit()))
            .then_some(after + lead)
    })
}

fn is_word_start(s: &str, at: usize) -> bool {
    !s[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Every sentence of a text in memory (no I/O errors; an empty text has none).
pub fn split(text: &str) -> Vec<Sentence> {
    let mut reader = SentenceReader::new(Path::new("<text>"), text.as_bytes());
    let mut out = Vec::new();
    while let Ok(Some(s)) = reader.next_sentence() {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Vec<Sentence>> {
        let mut r = SentenceReader::new(Path::new("a.txt"), bytes);
        let mut out = Vec::new();
        while let Some(s) = r.next_sentence()? {
            out.push(s);
        }
        Ok(out)
    }

    #[test]
    fn sentences_with_offsets() {
        let text = "Élan lance un fonds. M. Dupont le dirige.\nTitre\n  Une autre phrase ?";
        let s = read(text.as_bytes()).unwrap();
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Élan lance un fonds.",
                "M. Dupont le dirige.",
                "Titre",
                "Une autre phrase ?"
            ]
        );
        for sentence in &s {
            assert_eq!(
                &text[sentence.byte_start..][..sentence.text.len()],
                sentence.text
            );
            let chars: String = text
                .chars()
                .skip(sentence.char_start)
                .take(sentence.text.chars().count())
                .collect();
            assert_eq!(chars, sentence.text);
        }
        assert_eq!(s[1].char_start, 21);
        assert_eq!(s[1].byte_start, 22);
    }

    #[test]
    fn sentences_know_their_lines_and_paragraphs() {
        let text = "Titre court\n\nUne phrase. Une autre.\n- Un point\nFin";
        let s = read(text.as_bytes()).unwrap();
        let layout: Vec<(&str, bool, bool, bool)> = s
            .iter()
            .map(|s| (s.text.as_str(), s.line_start, s.line_end, s.paragraph_start))
            .collect();
        assert_eq!(
            layout,
            [
                ("Titre court", true, true, true),
                ("Une phrase.", true, false, true),
                ("Une autre.", false, true, false),
                ("- Un point", true, true, false),
                ("Fin", true, true, false),
            ]
        );
        assert!(s[0].whole_line() && !s[1].whole_line());
    }

    #[test]
    fn a_sentence_may_open_with_a_number() {
        let texts: Vec<String> =
            split("Le plan avance « bien ». 40 écoles suivront à Lyon. 3 autres à Paris. Voir p. 12 et l'art. 5 du texte.")
                .into_iter()
                .map(|s| s.text)
                .collect();
        assert_eq!(
            texts,
            [
                "Le plan avance « bien ».",
                "40 écoles suivront à Lyon.",
                "3 autres à Paris.",
                "Voir p. 12 et l'art. 5 du texte."
            ]
        );
    }

    #[test]
    fn decimals_do_not_end_sentences() {
        let s = read("Il lève 2.5 Md€ et 1,5 M€. Fin.".as_bytes()).unwrap();
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn bad_input_is_named_with_its_offset() {
        let mut bytes = "Une phrase é".as_bytes().to_vec();
        bytes.push(0xff);
        match read(&bytes) {
            Err(Error::NotUtf8 { offset, .. }) => assert_eq!(offset, 13),
            other => panic!("{other:?}"),
        }
        // A truncated multi-byte character at the end of the file.
        let truncated = &"é".as_bytes()[..1];
        let mut bytes = b"abc ".to_vec();
        bytes.extend_from_slice(truncated);
        assert!(matches!(
            read(&bytes),
            Err(Error::NotUtf8 { offset: 4, .. })
        ));
        assert!(matches!(
            read(b"text\0more"),
            Err(Error::BinaryInput { offset: 4, .. })
        ));
        assert!(matches!(read(b""), Err(Error::EmptyInput { .. })));
        assert!(matches!(read(b" \n\t "), Err(Error::EmptyInput { .. })));
    }

    #[test]
    fn characters_cut_by_chunks_are_decoded_whole() {
        // 'é' straddles the first chunk's end.
        let mut text = "a".repeat(CHUNK_BYTES - 1);
        text.push_str("é. Deux.");
        let s = read(text.as_bytes()).unwrap();
        let joined: String = s
            .iter()
            .map(|s| s.text.clone())
            .collect::<Vec<_>>()
            .join("");
        assert!(joined.contains('é'));
        let last = s.last().unwrap();
        assert_eq!(last.text, "Deux.");
        assert_eq!(&text[last.byte_start..], "Deux.");
        assert_eq!(last.char_start, text.chars().count() - 5);
    }

    #[test]
    fn any_chunk_size_gives_the_same_sentences() {
        let text = "Le 1er mai, l’État finance « Nova ». M. Dupont dit : « oui ».\nFin — ok ? Ǆ̈ 2,5 Md€.\n\n- Un point\n\n\nDernier";
        let whole = read(text.as_bytes()).unwrap();
        for size in 1..12 {
            let mut r =
                SentenceReader::new(Path::new("a.txt"), text.as_bytes()).with_chunk_size(size);
            let mut got = Vec::new();
            while let Some(s) = r.next_sentence().unwrap() {
                got.push(s);
            }
            assert_eq!(got, whole, "chunks of {size} bytes");
        }
    }

    #[test]
    fn endless_sentences_are_cut() {
        let text = "mot ".repeat(10_000);
        let s = read(text.as_bytes()).unwrap();
        assert!(s.len() >= 9);
        assert!(s.iter().all(|s| s.text.len() <= MAX_SENTENCE_BYTES));
        // Without any space either.
        let text = "é".repeat(10_000);
        let s = read(text.as_bytes()).unwrap();
        assert_eq!(
            s.iter().map(|s| s.text.chars().count()).sum::<usize>(),
            10_000
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let s = read("\u{FEFF}Bonjour.".as_bytes()).unwrap();
        assert_eq!(
            (s[0].text.as_str(), s[0].byte_start, s[0].char_start),
            ("Bonjour.", 3, 1)
        );
    }
}
