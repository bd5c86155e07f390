//! French numerals: digits with French separators (`1,5`, `100 000` with
//! any space, `100.000`), number words (`neuf`, `cinq à dix`, `deux ou
//! trois`, `un million`), and what they count: money (`109 milliards
//! d'euros`, `50 M€`, `2,5 Md€`, dollars), people, percentages, power,
//! other things. Everything works on the folded sentence (see
//! [`crate::normalise`]), in folded byte offsets.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Serialize;

/// A number in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub value: f64,
    pub range: Range<usize>,
    /// Written in words (`neuf`) rather than digits.
    pub words: bool,
    /// Four digits without separators (`2018`): a year unless a unit follows.
    pub plain_four_digits: bool,
}

/// "More than", "at most", "about".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    MoreThan,
    AtLeast,
    LessThan,
    UpTo,
    About,
}

impl Qualifier {
    pub fn describe(self) -> &'static str {
        match self {
            Self::MoreThan => "more than",
            Self::AtLeast => "at least",
            Self::LessThan => "less than",
            Self::UpTo => "up to",
            Self::About => "about",
        }
    }
    fn is_lower_bound(self) -> bool {
        matches!(self, Self::MoreThan | Self::AtLeast)
    }
    fn is_upper_bound(self) -> bool {
        matches!(self, Self::LessThan | Self::UpTo)
    }
}

/// A value, or bounds, as the data files write them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Bounds {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// A sum of money found in the folded text.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyFound {
    pub range: Range<usize>,
    pub bounds: Bounds,
    /// ISO 4217.
    pub currency: &'static str,
    pub qualifier: Option<Qualifier>,
    /// The text gives no currency; the sentence speaks of money.
    pub currency_assumed: bool,
    pub rule: &'static str,
    pub confidence: f32,
}

/// The rule of an amount whose currency is written earlier in its sentence.
const CURRENCY_CARRIED: &str = "amount-currency-carried";

impl MoneyFound {
    /// Its own words name its currency (« 50 M€ », not « 500 millions »
    /// after « 2 milliards de dollars »).
    pub fn names_currency(&self) -> bool {
        !self.currency_assumed && self.rule != CURRENCY_CARRIED
    }
}

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    People,
    Percent,
    Power,
    Times,
    Count,
}

/// A quantity found in the folded text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityFound {
    pub range: Range<usize>,
    pub bounds: Bounds,
    /// The starting point of a change (`de 3 % à 20 %`).
    pub baseline: Option<f64>,
    pub kind: QuantityKind,
    /// Folded byte range of the unit's words in the text, if any.
    pub unit_range: Option<Range<usize>>,
    /// The unit when it is a symbol (`%`, `GW`).
    pub unit_symbol: Option<&'static str>,
    pub qualifier: Option<Qualifier>,
    pub rule: &'static str,
    pub confidence: f32,
}

const SMALL: &[(&str, u32)] = &[
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    ("vingts", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
    ("septante", 70),
    ("huitante", 80),
    ("nonante", 90),
    ("cent", 100),
    ("cents", 100),
    ("mille", 1000),
];

/// Scale words: (folded word, factor, needs a currency right after).
const SCALES: &[(&str, f64, bool)] = &[
    ("milliards", 1e9, false),
    ("milliard", 1e9, false),
    ("millions", 1e6, false),
    ("million", 1e6, false),
    ("milliers", 1e3, false),
    ("millier", 1e3, false),
    ("mds", 1e9, true),
    ("mrds", 1e9, true),
    ("mrd", 1e9, true),
    ("md", 1e9, true),
    ("bn", 1e9, true),
    ("m", 1e6, true),
    ("k", 1e3, true),
];

/// Currencies: (folded spelling, ISO 4217), longer spellings first, from
/// `ontology/currencies-fr.toml` (compiled in: the parser runs without a
/// project).
static CURRENCIES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        words: BTreeMap<String, String>,
    }
    // The file is part of the source; `currency_words_parse` checks it.
    let file: File =
        toml::from_str(include_str!("../../ontology/currencies-fr.toml")).unwrap_or(File {
            words: BTreeMap::new(),
        });
    let mut words: Vec<(String, String)> = file.words.into_iter().collect();
    words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    words
});

/// The currencies written before a number (`$500`, `€50`): the spellings
/// without a letter or digit.
fn currency_symbols() -> impl Iterator<Item = (&'static str, &'static str)> {
    CURRENCIES
        .iter()
        .filter(|(w, _)| !w.chars().any(char::is_alphanumeric))
        .map(|(w, iso)| (w.as_str(), iso.as_str()))
}

/// Qualifiers before a number (folded, as the text ends before it).
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("pas moins de", Qualifier::AtLeast),
    ("pas moins d'", Qualifier::AtLeast),
    ("au minimum", Qualifier::AtLeast),
    ("au moins", Qualifier::AtLeast),
    ("au-dela de", Qualifier::MoreThan),
    ("au dela de", Qualifier::MoreThan),
    ("plus de", Qualifier::MoreThan),
    ("plus d'", Qualifier::MoreThan),
    ("moins de", Qualifier::LessThan),
    ("moins d'", Qualifier::LessThan),
    ("jusqu'a", Qualifier::UpTo),
    ("au maximum", Qualifier::UpTo),
    ("pres de", Qualifier::About),
    ("pres d'", Qualifier::About),
    ("environ", Qualifier::About),
    ("quelque", Qualifier::About),
    ("quelques", Qualifier::About),
];

/// Power units: (folded spelling, symbol).
const POWER: &[(&str, &str)] = &[
    ("gigawatts", "GW"),
    ("gigawatt", "GW"),
    ("gw", "GW"),
    ("megawatts", "MW"),
    ("megawatt", "MW"),
    ("mw", "MW"),
    ("kilowatts", "kW"),
    ("kilowatt", "kW"),
    ("kw", "kW"),
    ("terawatts", "TW"),
    ("terawatt", "TW"),
    ("tw", "TW"),
];

/// Nouns for people (folded, plural and singular).
const PEOPLE: &[&str] = &[
    "personnes",
    "personne",
    "etudiants",
    "etudiantes",
    "etudiant",
    "etudiante",
    "eleves",
    "ingenieurs",
    "ingenieures",
    "chercheurs",
    "chercheuses",
    "experts",
    "expertes",
    "jeunes",
    "salaries",
    "salariees",
    "talents",
    "femmes",
    "hommes",
    "doctorants",
    "doctorantes",
    "enseignants",
    "enseignantes",
    "developpeurs",
    "developpeuses",
    "specialistes",
    "fonctionnaires",
    "agents",
    "citoyens",
    "citoyennes",
    "habitants",
    "utilisateurs",
    "utilisatrices",
    "entrepreneurs",
    "entrepreneuses",
    "professionnels",
    "apprentis",
    "stagiaires",
    "travailleurs",
    "employes",
    "collaborateurs",
    "emplois",
    "postes",
];

/// Nouns that make a bare scale a sum of money (`900 millions d'investissements`).
const MONEY_NOUNS: &[&str] = &[
    "investissements",
    "investissement",
    "financements",
    "financement",
    "credits",
    "subventions",
    "budget",
    "dotations",
    "recettes",
    "dollars",
    "euros",
];

/// Words of a sentence that speaks of money.
const MONEY_CUES: &[&str] = &[
    "invest",
    "financ",
    "budget",
    "fonds",
    "enveloppe",
    "dotation",
    "subvention",
    "lev",
    "injecter",
    "injecte",
    "milliards d'euros",
    "millions d'euros",
    "euros",
    "€",
];

/// Verbs of change: `de X à Y` after them is a baseline and a value.
const CHANGE_VERBS: &[&str] = &[
    "augment", "passer", "passe", "porter", "porte", "hausse", "reduire", "redui", "baiss", "croi",
    "multipli", "progress", "evolu",
];

/// Multiplying verbs: `doubler le nombre` is a target of 2 times (an
/// infinitive or a noun); `doublant`, `a doublé` a figure (done).
const TIMES_VERBS: &[(&str, f64, bool)] = &[
    ("doubler", 2.0, true),
    ("doublement", 2.0, true),
    ("tripler", 3.0, true),
    ("triplement", 3.0, true),
    ("quadrupler", 4.0, true),
    ("decupler", 10.0, true),
    ("doublant", 2.0, false),
    ("double", 2.0, false),
    ("triplant", 3.0, false),
    ("triple", 3.0, false),
    ("quadruple", 4.0, false),
];

/// Words that end a count, besides the months (`10 mai` is a date).
const NOT_UNITS: &[&str] = &[
    "et", "ou", "a", "de", "des", "du", "d", "en", "le", "la", "les", "l", "au", "aux", "pour",
    "par", "sur", "dans", "avec", "fois", "ans", "an", "est", "sont", "qui", "que", "dont", "ce",
    "se", "sa", "son", "ses", "il", "elle", "on", "y",
];

fn is_digit(b: Option<&u8>) -> bool {
    b.is_some_and(u8::is_ascii_digit)
}

/// Every number of the folded text, in order.
pub fn scan(text: &str) -> Vec<Num> {
    let mut out = digits(text);
    out.extend(words(text));
    out.sort_by_key(|n| n.range.start);
    out
}

/// Numbers written in digits.
fn digits(text: &str) -> Vec<Num> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        // Part of a word or a name (`GPT-4`, `CO2`, `A380`): not a number here.
        let prev = text[..start].chars().next_back();
        let glued = prev.is_some_and(|c| c.is_alphabetic())
            || (prev == Some('-')
                && text[..start - 1]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric));
        let mut int = String::new();
        while i < b.len() && b[i].is_ascii_digit() {
            int.push(b[i] as char);
            i += 1;
        }
        let mut grouped = false;
        // Thousands groups: `100 000`, `100.000` (exactly three digits each).
        while i + 3 < b.len()
            && (b[i] == b' ' || b[i] == b'.')
            && b[i + 1..=i + 3].iter().all(u8::is_ascii_digit)
            && !is_digit(b.get(i + 4))
        {
            int.push_str(&text[i + 1..i + 4]);
            i += 4;
            grouped = true;
        }
        let mut frac = String::new();
        // Decimal comma (French), or a point that is not a thousands group (`1.5`).
        if i + 1 < b.len()
            && (b[i] == b',' || (b[i] == b'.' && !grouped))
            && b[i + 1].is_ascii_digit()
        {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                frac.push(b[i] as char);
                i += 1;
            }
        }
        if glued {
            continue;
        }
        let literal = if frac.is_empty() {
            int.clone()
        } else {
            format!("{int}.{frac}")
        };
        if let Ok(value) = literal.parse::<f64>() {
            if value.is_finite() {
                out.push(Num {
                    value,
                    range: start..i,
                    words: false,
                    plain_four_digits: !grouped && frac.is_empty() && int.len() == 4,
                });
            }
        }
    }
    out
}

fn small(word: &str) -> Option<u32> {
    SMALL.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

/// Numbers written in words (`neuf`, `vingt et un`, `quatre-vingt-dix`).
fn words(text: &str) -> Vec<Num> {
    let tokens = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (range, word) = &tokens[i];
        let parts: Vec<&str> = word.split('-').collect();
        if !parts.iter().all(|p| small(p).is_some()) {
            i += 1;
            continue;
        }
        // The run of number words, with `et` inside (`vingt et un`).
        let mut j = i;
        let mut values: Vec<u32> = Vec::new();
        let mut end = range.end;
        loop {
            let (r, w) = &tokens[j];
            let ps: Vec<u32> = w.split('-').filter_map(small).collect();
            if ps.len() != w.split('-').count() {
                break;
            }
            values.extend(ps);
            end = r.end;
            let next = j + 1;
            if next < tokens.len() && text[end..tokens[next].0.start].trim().is_empty() {
                let (_, nw) = &tokens[next];
                if nw.split('-').all(|p| small(p).is_some()) {
                    j = next;
                    continue;
                }
                if nw == "et"
                    && next + 1 < tokens.len()
                    && matches!(tokens[next + 1].1.as_str(), "un" | "une" | "onze")
                {
                    j = next + 1;
                    continue;
                }
            }
            break;
        }
        let first = values.first().copied().unwrap_or(0);
        let next_word = tokens.get(j + 1).map(|(_, w)| w.as_str()).unwrap_or("");
        let prev_word = if i > 0 { tokens[i - 1].1.as_str() } else { "" };
        let single = j == i && parts.len() == 1;
        let keep = if single && first == 1 {
            // `un`, `une`: a number only before a scale (`un million`).
            matches!(next_word, "million" | "milliard" | "millier")
        } else if single && word == "neuf" {
            // `neuf` is also "new": not after an article, and a word must follow.
            !matches!(prev_word, "le" | "un" | "du" | "a" | "tout" | "de") && !next_word.is_empty()
        } else if single && matches!(word.as_str(), "cent" | "cents") {
            prev_word != "pour"
        } else {
            true
        };
        if keep {
            out.push(Num {
                value: f64::from(combine(&values)),
                range: range.start..end,
                words: true,
                plain_four_digits: false,
            });
        }
        i = j + 1;
    }
    out
}

/// The value of a run of French number words.
fn combine(values: &[u32]) -> u32 {
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    for &n in values {
        match n {
            100 => current = current.max(1).saturating_mul(100),
            1000 => {
                total = total.saturating_add(current.max(1).saturating_mul(1000));
                current = 0;
            }
            // quatre-vingt(s) = 80
            20 if current % 100 == 4 => current = current - 4 + 80,
            _ => current = current.saturating_add(n),
        }
    }
    total.saturating_add(current)
}

/// Words of the folded text (letters, digits, inner hyphens and apostrophes kept apart).
pub fn tokens(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphabetic() || (c == '-' && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = text[s..i].trim_end_matches('-');
                out.push((s..s + w.len(), w.to_owned()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        let w = text[s..].trim_end_matches('-');
        out.push((s..s + w.len(), w.to_owned()));
    }
    out
}

/// `text[at..]` starts with `word` ending on a word boundary.
fn word_at(text: &str, at: usize, word: &str) -> bool {
    text[at..].starts_with(word) && {
        let end = at + word.len();
        let last_alpha = word.chars().next_back().is_some_and(char::is_alphanumeric);
        !last_alpha
            || !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    }
}

/// Skips one optional space.
fn skip_space(text: &str, at: usize) -> usize {
    if text[at..].starts_with(' ') {
        at + 1
    } else {
        at
    }
}

/// After a number: a scale, then a currency. Returns (factor, currency, end).
fn scale_and_currency(text: &str, at: usize) -> (f64, Option<&'static str>, usize, bool) {
    let mut pos = skip_space(text, at);
    let mut factor = 1.0;
    let mut had_scale = false;
    for (word, f, needs_currency) in SCALES {
        if word_at(text, pos, word) || (*needs_currency && text[pos..].starts_with(word)) {
            let end = pos + word.len();
            let after = skip_space(text, end);
            let currency_follows = CURRENCIES.iter().any(|(c, _)| word_at(text, after, c));
            if *needs_currency && !currency_follows {
                continue;
            }
            if !word_at(text, pos, word) && !currency_follows {
                continue;
            }
            factor = *f;
            had_scale = true;
            pos = end;
            break;
        }
    }
    let cpos = skip_space(text, pos);
    for (spelling, iso) in CURRENCIES.iter() {
        if word_at(text, cpos, spelling) {
            return (factor, Some(iso.as_str()), cpos + spelling.len(), had_scale);
        }
    }
    (factor, None, pos, had_scale)
}

/// The qualifier that ends `before` (the folded text before a number).
fn qualifier_before(before: &str) -> Option<(Qualifier, usize)> {
    let t = before.trim_end();
    QUALIFIERS.iter().find_map(|(q, kind)| {
        t.ends_with(q)
            .then(|| t[..t.len() - q.len()].chars().next_back())
            .filter(|c| !c.is_some_and(char::is_alphanumeric))
            .map(|_| (*kind, t.len() - q.len()))
    })
}

/// Money and quantities of a folded sentence. `skip` are folded ranges
/// already taken (dates, names with digits): numbers inside them are not
/// counted as quantities.
pub fn analyse(text: &str, skip: &[Range<usize>]) -> (Vec<MoneyFound>, Vec<QuantityFound>) {
    let nums = scan(text);
    let mut money = Vec::new();
    let mut quantities = Vec::new();
    let speaks_of_money = MONEY_CUES.iter().any(|c| text.contains(c));
    let inside = |r: &Range<usize>| skip.iter().any(|s| s.start <= r.start && r.end <= s.end);
    let mut i = 0;
    while i < nums.len() {
        let first = &nums[i];
        if inside(&first.range) {
            i += 1;
            continue;
        }
        // A range: `cinq à dix`, `1 à 2 milliards`, `de 3 % à 20 %`, `deux ou trois`, `entre 1 et 2`.
        let mut second: Option<&Num> = None;
        let mut first_end = first.range.end;
        // The first number of a range may carry its own unit (`3 %`).
        let (f1, c1, e1, _) = scale_and_currency(text, first.range.end);
        let percent1 = percent_at(text, first.range.end);
        if let Some(e) = percent1 {
            first_end = e;
        } else if c1.is_some() || f1 != 1.0 {
            first_end = e1;
        }
        // Two sums sharing the second's scale and currency (« respectivement
        // 8 et 4 millions d'euros »), not a range (« entre 8 et 10 … »).
        if let Some(next) = nums.get(i + 1) {
            let bare = percent1.is_none() && c1.is_none() && f1 == 1.0;
            let entre = text[..first.range.start].trim_end().ends_with("entre");
            let (factor, currency, _, _) = scale_and_currency(text, next.range.end);
            let between = &text[first.range.end..next.range.start];
            if let (true, false, true, Some(iso)) = (
                bare,
                entre,
                matches!(between, " et " | ", "),
                currency.filter(|_| factor != 1.0),
            ) {
                money.push(MoneyFound {
                    range: first.range.clone(),
                    bounds: Bounds {
                        value: Some(first.value * factor),
                        ..Bounds::default()
                    },
                    currency: iso,
                    qualifier: None,
                    currency_assumed: false,
                    rule: "amount-scale-shared",
                    confidence: 0.8,
                });
                i += 1;
                continue;
            }
        }
        if let Some(next) = nums.get(i + 1) {
            let between = &text[first_end..next.range.start];
            let entre = text[..first.range.start].trim_end().ends_with("entre");
            if matches!(between, " a " | " ou " | "-" | " - " | " au ")
                || (entre && between == " et ")
            {
                second = Some(next);
            }
        }
        let last = second.unwrap_or(first);
        let (factor, currency, money_end, had_scale) = scale_and_currency(text, last.range.end);
        let factor1 = if second.is_some() && f1 != 1.0 {
            f1
        } else {
            factor
        };
        let low = first.value * factor1;
        let high = last.value * factor;
        let start_q = qualifier_before(&text[..first.range.start]);
        let qualifier = start_q.map(|(q, _)| q);
        let mut start = start_q.map_or(first.range.start, |(_, s)| s);
        // A currency before the number (`$500 milliards`, `€50`).
        let prefix = currency_symbols()
            .find(|(sym, _)| text[..first.range.start].trim_end().ends_with(sym))
            .map(|(sym, iso)| (iso, text[..first.range.start].trim_end().len() - sym.len()));
        let de_before = {
            let t = text[..start].trim_end();
            (t.ends_with(" de") || t == "de") && second.is_some()
        };
        let change = de_before && {
            let window_start = start.saturating_sub(80);
            let window = &text[floor_char(text, window_start)..start];
            CHANGE_VERBS.iter().any(|v| window.contains(v))
        };
        let bounds = |lo: f64, hi: f64, ranged: bool| -> Bounds {
            if ranged {
                Bounds {
                    value: None,
                    min: Some(lo),
                    max: Some(hi),
                }
            } else {
                match qualifier {
                    Some(q) if q.is_lower_bound() => Bounds {
                        value: None,
                        min: Some(hi),
                        max: None,
                    },
                    Some(q) if q.is_upper_bound() => Bounds {
                        value: None,
                        min: None,
                        max: Some(hi),
                    },
                    _ => Bounds {
                        value: Some(hi),
                        min: None,
                        max: None,
                    },
                }
            }
        };
        let ranged = second.is_some();
        let consumed = if ranged { i + 2 } else { i + 1 };
        let currency = currency.or(c1).or(prefix.map(|(iso, _)| iso));
        if let Some((_, p)) = prefix {
            start = start.min(p);
        }
        if let Some(iso) = currency {
            money.push(MoneyFound {
                range: start..money_end.max(last.range.end),
                bounds: bounds(low, high, ranged),
                currency: iso,
                qualifier,
                currency_assumed: false,
                rule: if ranged { "amount-range" } else { "amount" },
                confidence: 0.95,
            });
            i = consumed;
            continue;
        }
        // Percentages.
        if let Some(end) = percent_at(text, last.range.end) {
            let (b, baseline) = if change && ranged {
                (
                    Bounds {
                        value: Some(last.value),
                        ..Bounds::default()
                    },
                    Some(first.value),
                )
            } else {
                (bounds(first.value, last.value, ranged), None)
            };
            quantities.push(QuantityFound {
                range: start..end,
                bounds: b,
                baseline,
                kind: QuantityKind::Percent,
                unit_range: None,
                unit_symbol: Some("%"),
                qualifier,
                rule: if baseline.is_some() {
                    "percent-change"
                } else {
                    "percent"
                },
                confidence: 0.9,
            });
            i = consumed;
            continue;
        }
        // Power.
        let upos = skip_space(text, last.range.end);
        if let Some((spelling, symbol)) = POWER.iter().find(|(s, _)| word_at(text, upos, s)) {
            quantities.push(QuantityFound {
                range: start..upos + spelling.len(),
                bounds: bounds(first.value, last.value, ranged),
                baseline: None,
                kind: QuantityKind::Power,
                unit_range: None,
                unit_symbol: Some(symbol),
                qualifier,
                rule: "power",
                confidence: 0.9,
            });
            i = consumed;
            continue;
        }
        // A scale without a currency: money if the noun after it, or the sentence, says so.
        let after_scale = if had_scale { money_end } else { last.range.end };
        let noun = noun_after(text, after_scale, had_scale);
        if had_scale {
            let money_noun = noun
                .as_ref()
                .is_some_and(|(r, _)| MONEY_NOUNS.contains(&&text[r.clone()]));
            // « 2 milliards de dollars, dont 500 millions pour … »: the
            // currency written earlier in the sentence is the one meant.
            let earlier = money.iter().rev().find(|m| !m.currency_assumed);
            if let Some(earlier) = earlier.filter(|_| money_noun || noun.is_none()) {
                money.push(MoneyFound {
                    range: start..after_scale,
                    bounds: bounds(low, high, ranged),
                    currency: earlier.currency,
                    qualifier,
                    currency_assumed: false,
                    rule: CURRENCY_CARRIED,
                    confidence: 0.8,
                });
                i = consumed;
                continue;
            }
            if money_noun || (noun.is_none() && speaks_of_money) {
                money.push(MoneyFound {
                    range: start..after_scale,
                    bounds: bounds(low, high, ranged),
                    currency: "EUR",
                    qualifier,
                    currency_assumed: true,
                    rule: "amount-currency-assumed",
                    confidence: 0.6,
                });
                i = consumed;
                continue;
            }
        }
        let no_noun = noun.is_none();
        let year_like =
            !ranged && last.plain_four_digits && (1900.0..=2100.0).contains(&last.value);
        if let Some((unit, unit_end)) = noun.filter(|_| !year_like) {
            let word = &text[unit.clone()];
            let people = PEOPLE.contains(&word);
            let (b, baseline) = if change && ranged {
                (
                    Bounds {
                        value: Some(high),
                        ..Bounds::default()
                    },
                    Some(low),
                )
            } else {
                (bounds(low, high, ranged), None)
            };
            quantities.push(QuantityFound {
                range: start..unit_end,
                bounds: b,
                baseline,
                kind: if people {
                    QuantityKind::People
                } else {
                    QuantityKind::Count
                },
                unit_range: Some(unit.start..unit_end),
                unit_symbol: None,
                qualifier,
                rule: if people { "people" } else { "count" },
                confidence: if people { 0.9 } else { 0.7 },
            });
            i = consumed;
            continue;
        }
        // `former 100 000 personnes, dont 20 000 en formation continue`: a part
        // of the quantity before, counted in its unit.
        if no_noun && !year_like && text[..start].trim_end().ends_with(" dont") {
            if let Some(whole) = quantities
                .last()
                .filter(|q: &&QuantityFound| {
                    matches!(q.kind, QuantityKind::People | QuantityKind::Count)
                })
                .cloned()
            {
                quantities.push(QuantityFound {
                    range: start..last.range.end,
                    bounds: bounds(low, high, ranged),
                    baseline: None,
                    qualifier,
                    rule: "part-of-quantity",
                    confidence: 0.6,
                    ..whole
                });
                i = consumed;
                continue;
            }
        }
        // `de 40 000 à 100 000` after `le nombre de chercheurs`: the unit comes first.
        if change && ranged && !year_like {
            if let Some(unit) = unit_before(text, start) {
                let people = PEOPLE.contains(&&text[unit.clone()]);
                quantities.push(QuantityFound {
                    range: start..last.range.end,
                    bounds: Bounds {
                        value: Some(high),
                        ..Bounds::default()
                    },
                    baseline: Some(low),
                    kind: if people {
                        QuantityKind::People
                    } else {
                        QuantityKind::Count
                    },
                    unit_range: Some(unit),
                    unit_symbol: None,
                    qualifier,
                    rule: "change-unit-before",
                    confidence: 0.8,
                });
            }
        }
        i = consumed;
    }
    quantities.extend(times(text));
    (money, quantities)
}

/// `%`, `pour cent`, `pourcent` after a number; returns the end.
fn percent_at(text: &str, at: usize) -> Option<usize> {
    let pos = skip_space(text, at);
    ["%", "pour cent", "pourcent", "pour-cent"]
        .iter()
        .find(|s| word_at(text, pos, s))
        .map(|s| pos + s.len())
}

/// The noun a number counts (`10 000 étudiantes`, `un million d'ingénieurs`,
/// `neuf clusters`), with a rate (`par an`): (noun range, end of the unit).
fn noun_after(text: &str, at: usize, after_scale: bool) -> Option<(Range<usize>, usize)> {
    let mut pos = skip_space(text, at);
    if after_scale || text[pos..].starts_with("d'") || text[pos..].starts_with("de ") {
        if text[pos..].starts_with("d'") {
            pos += 2;
        } else if text[pos..].starts_with("de ") {
            pos += 3;
        }
    }
    let word_len = |from: usize| -> usize {
        text[from..]
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '-')
            .map(char::len_utf8)
            .sum()
    };
    let mut len = word_len(pos);
    // `cinq à dix IA clusters`: the field before the noun is part of the unit.
    if &text[pos..pos + len] == "ia" && text[pos + len..].starts_with(' ') {
        let next = word_len(pos + len + 1);
        if next >= 3 {
            len += 1 + next;
        }
    }
    let word = &text[pos..pos + len];
    if len < 3
        || NOT_UNITS.contains(&word)
        || crate::french::is_month(word)
        || text[pos + len..].starts_with('\'')
    {
        return None;
    }
    let mut end = pos + len;
    for rate in [
        " par an",
        " par annee",
        " chaque annee",
        " par mois",
        " par jour",
        " par semaine",
    ] {
        if word_at(text, end, rate) {
            end += rate.len();
            break;
        }
    }
    Some((pos..pos + len, end))
}

/// `le nombre de chercheurs` before `de 40 000 à 100 000`: the noun.
fn unit_before(text: &str, at: usize) -> Option<Range<usize>> {
    let window = &text[floor_char(text, at.saturating_sub(80))..at];
    let offset = at - window.len();
    let key = ["nombre de ", "nombre d'"]
        .iter()
        .filter_map(|k| window.rfind(k).map(|i| (i + k.len(), k)))
        .max_by_key(|(i, _)| *i)?;
    let start = offset + key.0;
    let len: usize = text[start..]
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .map(char::len_utf8)
        .sum();
    (len >= 3).then_some(start..start + len)
}

/// `doubler le nombre de formations`: a target of 2 times something.
fn times(text: &str) -> Vec<QuantityFound> {
    let mut out = Vec::new();
    for (range, word) in tokens(text) {
        let Some((_, factor, target)) = TIMES_VERBS.iter().find(|(w, _, _)| *w == word) else {
            continue;
        };
        // `double`, `triple` as adjectives (`un double objectif`) are not verbs here.
        let prev = text[..range.start].trim_end();
        let done = word.ends_with("ant")
            || prev.ends_with(" a")
            || prev.ends_with(" ont")
            || prev.ends_with(" ete");
        if !*target && !done {
            continue;
        }
        // What is multiplied: the next words, up to the end of the clause.
        let rest = &text[range.end..];
        let stop = rest
            .find([',', ';', ':', '.', '(', '!', '?'])
            .unwrap_or(rest.len())
            .min(60);
        let stop = floor_char(rest, stop);
        let object = rest[..stop].trim_end();
        let object = object.rfind(" pour ").map_or(object, |i| &object[..i]);
        if object.trim().is_empty() {
            continue;
        }
        let unit_start = range.end + (object.len() - object.trim_start().len());
        out.push(QuantityFound {
            range: range.clone(),
            bounds: Bounds {
                value: Some(*factor),
                ..Bounds::default()
            },
            baseline: None,
            kind: QuantityKind::Times,
            unit_range: Some(unit_start..range.end + object.len()),
            unit_symbol: None,
            qualifier: None,
            rule: if *target { "times-verb" } else { "times-done" },
            confidence: 0.7,
        });
    }
    out
}

/// The largest char boundary at or before `at`.
pub fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::fold;

    fn money(s: &str) -> Vec<(Bounds, &'static str, Option<Qualifier>)> {
        let f = fold(s);
        analyse(&f, &[])
            .0
            .into_iter()
            .map(|m| (m.bounds, m.currency, m.qualifier))
            .collect()
    }

    fn value(v: f64) -> Bounds {
        Bounds {
            value: Some(v),
            ..Bounds::default()
        }
    }

    fn quantity(s: &str) -> Vec<QuantityFound> {
        analyse(&fold(s), &[]).1
    }

    #[test]
    fn digits_with_french_separators() {
        let v = |s: &str| scan(&fold(s)).iter().map(|n| n.value).collect::<Vec<_>>();
        assert_eq!(v("1,5"), [1.5]);
        assert_eq!(v("1.5"), [1.5]);
        assert_eq!(v("100.000"), [100_000.0]);
        assert_eq!(v("100 000"), [100_000.0]);
        assert_eq!(v("100\u{00A0}000"), [100_000.0]);
        assert_eq!(v("100\u{202F}000"), [100_000.0]);
        assert_eq!(v("1 000 000 et 2,71"), [1_000_000.0, 2.71]);
        assert_eq!(v("GPT-4 et CO2"), Vec::<f64>::new());
        assert_eq!(v("les 2018 2019"), [2018.0, 2019.0]);
    }

    #[test]
    fn number_words() {
        let v = |s: &str| scan(&fold(s)).iter().map(|n| n.value).collect::<Vec<_>>();
        assert_eq!(v("neuf pôles"), [9.0]);
        assert_eq!(v("un bâtiment neuf."), Vec::<f64>::new());
        assert_eq!(v("vingt et un sites"), [21.0]);
        assert_eq!(v("quatre-vingt-dix écoles"), [90.0]);
        assert_eq!(v("deux cents villes"), [200.0]);
        assert_eq!(v("un million"), [1.0]);
        assert_eq!(v("un projet"), Vec::<f64>::new());
        assert_eq!(v("vingt-cinq pour cent"), [25.0]);
    }

    #[test]
    fn euros_in_every_spelling() {
        assert_eq!(
            money("un budget de 109 milliards d'euros"),
            [(value(109e9), "EUR", None)]
        );
        assert_eq!(money("1,5 milliard d’euros"), [(value(1.5e9), "EUR", None)]);
        assert_eq!(money("400 millions d'euros"), [(value(4e8), "EUR", None)]);
        assert_eq!(money("une levée de 50 M€"), [(value(5e7), "EUR", None)]);
        assert_eq!(money("2,5 Md€ sur cinq ans"), [(value(2.5e9), "EUR", None)]);
        assert_eq!(
            money("50M€ puis 2Md€"),
            [(value(5e7), "EUR", None), (value(2e9), "EUR", None)]
        );
        assert_eq!(
            money("un ticket de 12 € par mois"),
            [(value(12.0), "EUR", None)]
        );
    }

    #[test]
    fn dollars_and_other_currencies() {
        assert_eq!(
            money("500 milliards de dollars"),
            [(value(5e11), "USD", None)]
        );
        assert_eq!(money("$500 milliards"), [(value(5e11), "USD", None)]);
        assert_eq!(
            money("20 millions de dollars canadiens"),
            [(value(2e7), "CAD", None)]
        );
        assert_eq!(
            money("3 millions de livres sterling"),
            [(value(3e6), "GBP", None)]
        );
    }

    #[test]
    fn coordinated_sums_share_the_last_scale_and_currency() {
        assert_eq!(
            money("ont apporté respectivement 8 et 4 millions d'euros"),
            [(value(8e6), "EUR", None), (value(4e6), "EUR", None)]
        );
        // A bare count before « et » and a sum without a scale stay apart.
        assert_eq!(money("3 et 40 euros"), [(value(40.0), "EUR", None)]);
    }

    #[test]
    fn qualifiers_and_ranges() {
        let min = |v: f64| Bounds {
            min: Some(v),
            ..Bounds::default()
        };
        assert_eq!(
            money("Plus de 900 millions d'euros de crédits"),
            [(min(9e8), "EUR", Some(Qualifier::MoreThan))]
        );
        assert_eq!(
            money("au moins 2 milliards d'euros"),
            [(min(2e9), "EUR", Some(Qualifier::AtLeast))]
        );
        assert_eq!(
            money("entre 1 et 2 milliards d'euros"),
            [(
                Bounds {
                    min: Some(1e9),
                    max: Some(2e9),
                    value: None
                },
                "EUR",
                None
            )]
        );
        assert_eq!(
            money("de 3 à 4 Md€"),
            [(
                Bounds {
                    min: Some(3e9),
                    max: Some(4e9),
                    value: None
                },
                "EUR",
                None
            )]
        );
    }

    #[test]
    fn a_bare_scale_in_a_money_sentence_is_money() {
        let found = analyse(&fold("L'État promet d'investir plus de 900 millions."), &[]).0;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].bounds.min, Some(9e8));
        assert_eq!(found[0].qualifier, Some(Qualifier::MoreThan));
        assert!(found[0].currency_assumed);
        // Not money: people.
        assert!(money("un million d'ingénieurs formés").is_empty());
    }

    #[test]
    fn currency_words_parse() {
        let file: toml::Table =
            toml::from_str(include_str!("../../ontology/currencies-fr.toml")).unwrap();
        let words = file["words"].as_table().unwrap();
        assert_eq!(CURRENCIES.len(), words.len());
        assert!(CURRENCIES.len() >= 30);
        for (spelling, iso) in CURRENCIES.iter() {
            // Folded as the text is, or it would never match.
            assert_eq!(&fold(spelling), spelling);
            assert!(
                iso.len() == 3 && iso.bytes().all(|b| b.is_ascii_uppercase()),
                "{iso}"
            );
        }
        // The longest first: « de dollars canadiens » before « de dollars ».
        assert!(CURRENCIES.windows(2).all(|w| w[0].0.len() >= w[1].0.len()));
        let mut symbols: Vec<_> = currency_symbols().collect();
        symbols.sort();
        assert_eq!(symbols, [("$", "USD"), ("£", "GBP"), ("€", "EUR")]);
        assert_eq!(money("200 millions de livres sterling")[0].1, "GBP");
        assert_eq!(money("$500 milliards")[0].1, "USD");
    }

    #[test]
    fn a_bare_scale_takes_the_currency_written_earlier_in_the_sentence() {
        let text = fold(
            "Le groupe américain injecte 2 milliards de dollars, dont 500 millions pour \
             ses centres de données et 300 millions en Bretagne.",
        );
        let found = analyse(&text, &[]).0;
        let got: Vec<_> = found
            .iter()
            .map(|m| (m.bounds.value, m.currency, m.currency_assumed, m.rule))
            .collect();
        assert_eq!(
            got,
            [
                (Some(2e9), "USD", false, "amount"),
                (Some(5e8), "USD", false, "amount-currency-carried"),
                (Some(3e8), "USD", false, "amount-currency-carried"),
            ]
        );
        // Not carried to a count of something else.
        let found = analyse(
            &fold("Il investit 2 milliards d'euros et vise 3 millions d'utilisateurs."),
            &[],
        )
        .0;
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn m_euro_is_a_million_and_md_euro_a_billion() {
        assert_eq!(money("7 M€"), [(value(7e6), "EUR", None)]);
        assert_eq!(money("7 Md€"), [(value(7e9), "EUR", None)]);
        assert_eq!(money("7 Mds €"), [(value(7e9), "EUR", None)]);
    }

    #[test]
    fn people_percentages_power_and_counts() {
        let q = quantity("former 100\u{202F}000 personnes par an");
        assert_eq!(q[0].kind, QuantityKind::People);
        assert_eq!(q[0].bounds.value, Some(1e5));
        let q = quantity("accompagner 10\u{00A0}000 étudiantes");
        assert_eq!(
            (q[0].kind, q[0].bounds.value),
            (QuantityKind::People, Some(1e4))
        );
        let q = quantity("un million d'ingénieurs");
        assert_eq!(
            (q[0].kind, q[0].bounds.value),
            (QuantityKind::People, Some(1e6))
        );
        let q = quantity("porter la part de 3 % à 20 %");
        assert_eq!(
            (q[0].kind, q[0].bounds.value, q[0].baseline),
            (QuantityKind::Percent, Some(20.0), Some(3.0))
        );
        let q = quantity("une usine de 1 gigawatt");
        assert_eq!(
            (q[0].kind, q[0].bounds.value, q[0].unit_symbol),
            (QuantityKind::Power, Some(1.0), Some("GW"))
        );
        let q = quantity("créer neuf pôles régionaux");
        assert_eq!(
            (q[0].kind, q[0].bounds.value),
            (QuantityKind::Count, Some(9.0))
        );
        let q = quantity("entre cinq à dix laboratoires");
        assert_eq!((q[0].bounds.min, q[0].bounds.max), (Some(5.0), Some(10.0)));
        let q = quantity("deux ou trois pôles");
        assert_eq!((q[0].bounds.min, q[0].bounds.max), (Some(2.0), Some(3.0)));
        let q = quantity("soutenu à au moins 25 % par la région");
        assert_eq!(
            (q[0].bounds.min, q[0].qualifier),
            (Some(25.0), Some(Qualifier::AtLeast))
        );
        let q = quantity("faire passer le nombre de docteurs de 4 000 à 9 000 en dix ans");
        assert_eq!(
            (q[0].bounds.value, q[0].baseline),
            (Some(9000.0), Some(4000.0))
        );
        let q = quantity("pour doubler le nombre de places");
        assert_eq!(
            (q[0].kind, q[0].bounds.value),
            (QuantityKind::Times, Some(2.0))
        );
    }

    #[test]
    fn the_field_before_a_noun_is_part_of_the_unit() {
        let (_, q) = analyse("faire emerger cinq a dix ia clusters de haut niveau", &[]);
        assert_eq!(q.len(), 1);
        assert_eq!((q[0].bounds.min, q[0].bounds.max), (Some(5.0), Some(10.0)));
        let (_, q) = analyse("former dix ia", &[]);
        assert!(q.is_empty());
    }

    #[test]
    fn a_part_after_dont_is_counted_in_the_unit_before() {
        let (_, q) = analyse(
            "former 100 000 personnes par an, dont 20 000 en alternance",
            &[],
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].bounds.value, Some(20_000.0));
        assert_eq!(q[1].unit_range, q[0].unit_range);
    }

    #[test]
    fn years_are_not_counts() {
        assert!(quantity("en 2018 la région").is_empty());
        assert!(quantity("le 12 mai").is_empty());
    }
}
