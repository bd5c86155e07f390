//! Folding French text for matching: accents, case, apostrophes, spaces and
//! quotation marks are folded away, and every byte of the folded text keeps
//! the range of the original character it comes from, so that a match in the
//! folded text maps back to the exact original characters.

use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A folded text with its map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// Lower case, no accents, `'` for every apostrophe, one ASCII space for
    /// every run of spaces and quotation marks, `-` for every hyphen or dash,
    /// `oe`/`ae` for the ligatures.
    pub text: String,
    /// For each byte of `text`: the original character's byte range.
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// For each byte of `text`: whether the original letter was upper case.
    upper: Vec<bool>,
    original_len: usize,
}

/// Characters folded to `'`.
const APOSTROPHES: &[char] = &[
    '\'', '\u{2019}', '\u{2018}', '\u{02BC}', '\u{2032}', '`', '\u{00B4}',
];
/// Characters folded to `-`.
const DASHES: &[char] = &[
    '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}',
];
/// Quotation marks, folded to a space: `« Le Chat »` and `"Le Chat"` are alike.
const QUOTES: &[char] = &['"', '«', '»', '“', '”', '„', '‹', '›'];
/// Invisible characters dropped altogether.
const INVISIBLE: &[char] = &[
    '\u{00AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Self {
        let mut f = Folded {
            text: String::with_capacity(original.len()),
            starts: Vec::with_capacity(original.len()),
            ends: Vec::with_capacity(original.len()),
            upper: Vec::with_capacity(original.len()),
            original_len: original.len(),
        };
        for (at, c) in original.char_indices() {
            let end = at + c.len_utf8();
            if c.is_whitespace() || QUOTES.contains(&c) {
                if f.text.ends_with(' ') {
                    f.extend_last(end);
                } else {
                    f.push(' ', false, at, end);
                }
            } else if APOSTROPHES.contains(&c) {
                f.push('\'', false, at, end);
            } else if DASHES.contains(&c) {
                f.push('-', false, at, end);
            } else if INVISIBLE.contains(&c) || is_combining_mark(c) {
                // A combining accent belongs to the letter before it.
                f.extend_last(end);
            } else {
                match c {
                    'œ' | 'Œ' => {
                        f.push('o', c == 'Œ', at, end);
                        f.push('e', c == 'Œ', at, end);
                    }
                    'æ' | 'Æ' => {
                        f.push('a', c == 'Æ', at, end);
                        f.push('e', c == 'Æ', at, end);
                    }
                    _ => {
                        let mut bases = Vec::with_capacity(2);
                        decompose_canonical(c, |d| {
                            if !is_combining_mark(d) {
                                bases.push(d);
                            }
                        });
                        for base in bases {
                            let upper = base.is_uppercase();
                            for l in base.to_lowercase() {
                                if !is_combining_mark(l) {
                                    f.push(l, upper, at, end);
                                }
                            }
                        }
                    }
                }
            }
        }
        f
    }

    fn push(&mut self, c: char, upper: bool, start: usize, end: usize) {
        let n = c.len_utf8();
        self.text.push(c);
        for _ in 0..n {
            self.starts.push(start as u32);
            self.ends.push(end as u32);
            self.upper.push(upper);
        }
    }

    fn extend_last(&mut self, end: usize) {
        if let Some(&last_start) = self.starts.last() {
            // Every byte of the last folded character, and of the others
            // from the same original character, now ends at `end`.
            let mut i = self.ends.len();
            while i > 0 && self.starts[i - 1] == last_start {
                self.ends[i - 1] = end as u32;
                i -= 1;
            }
        }
    }

    /// The original byte range of the folded byte range `folded`.
    pub fn original(&self, folded: Range<usize>) -> Range<usize> {
        if self.starts.is_empty() {
            return 0..0;
        }
        let last = self.starts.len() - 1;
        let start = if folded.start > last {
            self.original_len
        } else {
            self.starts[folded.start] as usize
        };
        let end = if folded.end == 0 {
            start
        } else {
            self.ends[(folded.end - 1).min(last)] as usize
        };
        start..end.max(start)
    }

    /// Whether the original of folded byte `i` was an upper-case letter.
    pub fn is_upper(&self, i: usize) -> bool {
        self.upper.get(i).copied().unwrap_or(false)
    }

    /// The upper-case flags of a folded byte range.
    pub fn upper_flags(&self, range: Range<usize>) -> &[bool] {
        let end = range.end.min(self.upper.len());
        &self.upper[range.start.min(end)..end]
    }
}

/// The folded form of `s`, trimmed (for lexicon entries and cue words).
pub fn fold(s: &str) -> String {
    Folded::new(s).text.trim().to_owned()
}

/// Whether the character is part of a word (letters and digits).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `range` of `text` starts and ends on word boundaries.
pub fn on_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_apostrophes_fold() {
        assert_eq!(fold("L’État"), "l'etat");
        assert_eq!(fold("l'Etat"), "l'etat");
        assert_eq!(fold("Émirats Arabes Unis"), "emirats arabes unis");
        assert_eq!(fold("mise en œuvre"), "mise en oeuvre");
        assert_eq!(fold("« Design  natif »"), "design natif");
        assert_eq!(fold("États\u{2011}Unis"), "etats-unis");
        assert_eq!(fold("ÉMIRATS"), "emirats");
        assert_eq!(fold("Île-de-France"), "ile-de-france");
        assert_eq!(fold("Ça"), "ca");
    }

    #[test]
    fn non_breaking_and_narrow_spaces_are_spaces() {
        assert_eq!(fold("100\u{00A0}000"), "100 000");
        assert_eq!(fold("100\u{202F}000 personnes"), "100 000 personnes");
        assert_eq!(fold("25\u{202F}%"), "25 %");
    }

    #[test]
    fn offsets_map_back_to_the_original_characters() {
        let text = "Les Émirats\u{00A0}arabes unis";
        let f = Folded::new(text);
        let at = f.text.find("emirats arabes").unwrap();
        let range = f.original(at..at + "emirats arabes".len());
        assert_eq!(&text[range], "Émirats\u{00A0}arabes");
        // Decomposed accents (NFD) stay with their letter.
        let nfd = "E\u{0301}tat";
        let f = Folded::new(nfd);
        assert_eq!(f.text, "etat");
        assert_eq!(&nfd[f.original(0..1)], "E\u{0301}");
        assert!(f.is_upper(0) && !f.is_upper(1));
    }

    #[test]
    fn word_boundaries() {
        let t = "freebox et free";
        assert!(!on_word_boundaries(t, &(0..4)));
        assert!(on_word_boundaries(t, &(11..15)));
        assert!(on_word_boundaries("d'iliad", &(2..7)));
    }
}
