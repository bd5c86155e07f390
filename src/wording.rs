//! Numbers and amounts as a reader writes them, in French or English: the
//! one place the labels (`mapping`), the pages (`serve`), the drawing
//! (`export::dot`) and the terminal table (`query`) take their wording from,
//! so that they all say « au moins 900 M€ » alike.

use std::fmt;
use std::str::FromStr;

/// A language the graph's labels and wording are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    // French, the seeds' language, is the default. (No doc comments on the
    // variants: clap would print them in `--help`.)
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The BCP 47 tag of RDF language-tagged literals: `fr` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A tag that is neither `fr` nor `en`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language `{}`: use fr or en", self.0)
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        match tag {
            "fr" => Ok(Self::Fr),
            "en" => Ok(Self::En),
            other => Err(UnknownLang(other.to_owned())),
        }
    }
}

/// A sum of money as the press writes it: `50 M€`, `1,5 Md€`, `€400m`, `$500bn`;
/// a currency without a symbol keeps its ISO 4217 code (`20 M CAD`).
///
/// ```
/// use iagraph::wording::{money, Lang};
/// assert_eq!(money(109e9, "EUR", Lang::Fr), "109 Md€");
/// assert_eq!(money(1.5e9, "EUR", Lang::Fr), "1,5 Md€");
/// assert_eq!(money(4e8, "EUR", Lang::En), "€400m");
/// assert_eq!(money(5e11, "USD", Lang::En), "$500bn");
/// ```
pub fn money(value: f64, currency: &str, lang: Lang) -> String {
    let symbol = match currency {
        "EUR" => "€",
        "USD" => "$",
        other => other,
    };
    let (scaled, fr_unit, en_unit) = if value >= 1e9 {
        (value / 1e9, "Md", "bn")
    } else if value >= 1e6 {
        (value / 1e6, "M", "m")
    } else {
        (value, "", "")
    };
    let number = format!("{}", (scaled * 100.0).round() / 100.0);
    match lang {
        Lang::En => format!("{symbol}{number}{en_unit}"),
        Lang::Fr => format!("{} {fr_unit}{symbol}", number.replace('.', ",")),
    }
}

/// A decimal's lexical form (`100000`, `1.50`) as prose writes it: digits
/// grouped by thousands (`100 000` with a narrow no-break space in French,
/// `100,000` in English), the decimal comma in French, no trailing zeros.
pub fn number(lexical: &str, lang: Lang) -> String {
    let (int, frac) = lexical
        .split_once('.')
        .map_or((lexical, ""), |(i, f)| (i, f.trim_end_matches('0')));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        Lang::Fr => ('\u{202f}', ','),
    };
    let mut out = String::from(sign);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// An exact value, a minimum, a maximum or a range, each already written:
/// `50 M€`, `au moins 900 M€`, `au plus 2`, `1 Md€ à 2 Md€`; `None` without
/// any bound. An exact value wins over bounds.
pub fn bounds(
    value: Option<String>,
    min: Option<String>,
    max: Option<String>,
    lang: Lang,
) -> Option<String> {
    Some(match (value, min, max, lang) {
        (Some(v), _, _, _) => v,
        (None, Some(lo), Some(hi), Lang::En) => format!("{lo} to {hi}"),
        (None, Some(lo), Some(hi), Lang::Fr) => format!("{lo} à {hi}"),
        (None, Some(lo), None, Lang::En) => format!("at least {lo}"),
        (None, Some(lo), None, Lang::Fr) => format!("au moins {lo}"),
        (None, None, Some(hi), Lang::En) => format!("at most {hi}"),
        (None, None, Some(hi), Lang::Fr) => format!("au plus {hi}"),
        (None, None, None, _) => return None,
    })
}

/// A quantity with its unit, and the figure it grows from if any:
/// `100 000 personnes`, `de 2 à 4 fois`, `from 2 to 4 times`.
pub fn quantity(value: &str, baseline: Option<&str>, unit: &str, lang: Lang) -> String {
    match (baseline, lang) {
        (Some(b), Lang::En) => format!("from {b} to {value} {unit}"),
        (Some(b), Lang::Fr) => format!("de {b} à {value} {unit}"),
        (None, _) => format!("{value} {unit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: Lang = Lang::Fr;
    const EN: Lang = Lang::En;

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn languages_parse_from_their_tags() {
        assert_eq!("fr".parse(), Ok(FR));
        assert_eq!("en".parse(), Ok(EN));
        assert_eq!(
            "de".parse::<Lang>().map_err(|e| e.to_string()),
            Err("unknown language `de`: use fr or en".to_owned())
        );
        assert_eq!(EN.tag(), "en");
        assert_eq!(Lang::default(), FR);
    }

    #[test]
    fn money_reads_like_the_press() {
        // Millions and billions, both languages.
        assert_eq!(money(50e6, "EUR", FR), "50 M€");
        assert_eq!(money(50e6, "EUR", EN), "€50m");
        assert_eq!(money(2.5e9, "EUR", FR), "2,5 Md€");
        assert_eq!(money(2.5e9, "EUR", EN), "€2.5bn");
        // Other currencies: a symbol where there is one, else the code.
        assert_eq!(money(5e11, "USD", FR), "500 Md$");
        assert_eq!(money(5e11, "USD", EN), "$500bn");
        assert_eq!(money(2e7, "CAD", FR), "20 MCAD");
        assert_eq!(money(2e7, "CAD", EN), "CAD20m");
        // Below a million: the figure itself, rounded to cents.
        assert_eq!(money(12.0, "EUR", FR), "12 €");
        assert_eq!(money(1234.567, "EUR", EN), "€1234.57");
    }

    #[test]
    fn numbers_are_grouped_per_language() {
        assert_eq!(number("100000", FR), "100\u{202f}000");
        assert_eq!(number("100000", EN), "100,000");
        assert_eq!(number("25", FR), "25");
        assert_eq!(number("1.5", FR), "1,5");
        assert_eq!(number("1.50", FR), "1,5");
        assert_eq!(number("20.0", EN), "20");
        assert_eq!(number("-1234", EN), "-1,234");
        assert_eq!(number("-1234.25", FR), "-1\u{202f}234,25");
    }

    #[test]
    fn bounds_read_like_prose() {
        let m = |v: f64, lang| Some(money(v, "EUR", lang));
        // Exact.
        assert_eq!(bounds(m(5e7, FR), None, None, FR), s("50 M€"));
        assert_eq!(bounds(s("3"), s("1"), s("5"), EN), s("3"));
        // Minimum: « au moins », what the labels and the drawing both say.
        assert_eq!(bounds(None, m(9e8, FR), None, FR), s("au moins 900 M€"));
        assert_eq!(bounds(None, m(9e8, EN), None, EN), s("at least €900m"));
        // Maximum.
        assert_eq!(bounds(None, None, m(2e9, FR), FR), s("au plus 2 Md€"));
        assert_eq!(bounds(None, None, s("2"), EN), s("at most 2"));
        // Range.
        assert_eq!(bounds(None, m(1e9, FR), m(2e9, FR), FR), s("1 Md€ à 2 Md€"));
        assert_eq!(bounds(None, s("1"), s("2"), EN), s("1 to 2"));
        assert_eq!(bounds(None, None, None, FR), None);
    }

    #[test]
    fn quantities_say_what_they_grow_from() {
        assert_eq!(
            quantity("100\u{202f}000", None, "personnes", FR),
            "100\u{202f}000 personnes"
        );
        assert_eq!(quantity("4", Some("2"), "fois", FR), "de 2 à 4 fois");
        assert_eq!(quantity("4", Some("2"), "times", EN), "from 2 to 4 times");
    }
}
