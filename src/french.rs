//! French closed-class words the extractor and the data checks share:
//! month and weekday names, and determiners. Written once here; the
//! extractor compares folded text (see `extract::normalise`), so the folded
//! forms are derived from the written ones.

use std::sync::LazyLock;

use crate::normalise::fold;

/// The months as French writes them (`février`, `août`), January first.
pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The weekdays, Monday first (none carries an accent).
pub const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Determiners that open a noun phrase: articles (`l` as folded text leaves
/// it before its apostrophe), demonstratives, possessives and quantifiers.
pub const DETERMINERS: &[&str] = &[
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "ce",
    "cet",
    "cette",
    "ces",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "notre",
    "nos",
    "votre",
    "vos",
    "chaque",
    "plusieurs",
];

/// [`MONTHS`] folded (`fevrier`, `aout`), as the extractor reads text.
static FOLDED_MONTHS: LazyLock<[String; 12]> = LazyLock::new(|| MONTHS.map(fold));

/// The month number (1–12) of a folded month name.
pub fn month_number(folded: &str) -> Option<u32> {
    FOLDED_MONTHS
        .iter()
        .position(|m| m == folded)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Whether a folded word is a month's name.
pub fn is_month(folded: &str) -> bool {
    month_number(folded).is_some()
}

/// The months as a regular expression's alternation, folded
/// (`janvier|fevrier|…`).
pub fn month_pattern() -> String {
    FOLDED_MONTHS.join("|")
}

/// The weekdays as a regular expression's alternation (`lundi|mardi|…`).
pub fn weekday_pattern() -> String {
    WEEKDAYS.join("|")
}

/// Whether a word (folded) is a determiner.
pub fn is_determiner(folded: &str) -> bool {
    DETERMINERS.contains(&folded)
}

/// Whether folded text opens with a determiner followed by its noun
/// (`le pays`, `l'etat`), not a determiner alone.
pub fn opens_with_determiner(folded: &str) -> bool {
    folded
        .find([' ', '\''])
        .is_some_and(|end| is_determiner(&folded[..end]) && end + 1 < folded.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_numbered_from_their_folded_names() {
        assert_eq!(month_number("janvier"), Some(1));
        assert_eq!(month_number("fevrier"), Some(2));
        assert_eq!(month_number("aout"), Some(8));
        assert_eq!(month_number("decembre"), Some(12));
        // Folded text only: the written form is not what the extractor sees.
        assert_eq!(month_number("août"), None);
        assert_eq!(month_number("lundi"), None);
        assert!(is_month("mai") && !is_month("maison"));
        assert!(month_pattern().starts_with("janvier|fevrier|mars|"));
        assert!(month_pattern().ends_with("|novembre|decembre"));
    }

    #[test]
    fn a_determiner_opens_a_phrase_only_before_a_noun() {
        assert!(opens_with_determiner("le pays"));
        assert!(opens_with_determiner("l'etat"));
        assert!(opens_with_determiner("chaque pays"));
        assert!(!opens_with_determiner("le"));
        assert!(!opens_with_determiner("l'"));
        assert!(!opens_with_determiner("leon"));
        assert!(!opens_with_determiner("mistral ai"));
        assert!(is_determiner("ses") && !is_determiner("se"));
    }
}
