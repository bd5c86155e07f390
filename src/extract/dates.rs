//! French dates: `21 mai 2024`, `les 10 et 11 février 2025`, `dimanche 9
//! février` (the year from the article's date, or from the weekday), `mai
//! 2024`, `en 2018`, `depuis 2018`, `d'ici 2027`, `d'ici la fin de l'année`,
//! `d'ici novembre`, `à l'horizon 2030`, `2023-06`. Dates are written as the
//! data files want them: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::french::{self, WEEKDAYS, month_number};

/// What a date says about a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateKind {
    /// When it happens or happened (`date`, with `end_date` for a span).
    On,
    /// Since when (`depuis 2018`), the statement's `date`.
    Since,
    /// By when (`d'ici 2027`), the statement's `deadline`.
    Deadline,
}

/// A date found in the folded text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFound {
    pub range: Range<usize>,
    /// `None` when the year cannot be known.
    pub value: Option<String>,
    pub end: Option<String>,
    pub kind: DateKind,
    pub rule: &'static str,
    pub confidence: f32,
    pub note: Option<String>,
}

/// A date as precise as known: year, and maybe month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Ymd {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month = parts.next().map(str::parse).transpose().ok()?;
        let day = parts.next().map(str::parse).transpose().ok()?;
        let d = Self { year, month, day };
        d.valid().then_some(d)
    }

    fn valid(&self) -> bool {
        crate::data::parse_date(&self.to_string()).is_ok()
    }
}

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => write!(f, "{:04}-{m:02}", self.year),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// `(le|les|du)? (weekday)? DAY ((et|au|-) DAY)? MONTH (YEAR)?`
static DAY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:(?:les?|du) )?(?:({weekday}) )?(1er|[0-3]?\d)(?: ?(?:et|au|-|a) ?(1er|[0-3]?\d))? ({month})\b(?: (\d{{4}})\b)?",
        month = french::month_pattern(),
        weekday = french::weekday_pattern(),
    ))
    .expect("valid regex")
});
/// `d'ici (à) (la fin (de)?)? (MONTH)? (YEAR)?` and `d'ici la fin de l'année`.
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:d'ici|a l'horizon|a l'echeance|horizon|avant|au plus tard en|jusqu'en) (?:a )?(?:(?:la )?fin (?:de l'|du |de )?)?(?:(annee|mois)\b|(?:({month})\b ?)?(\d{{4}}\b)?)",
        month = french::month_pattern(),
    ))
    .expect("valid regex")
});
static SINCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\bdepuis (?:(?:le )?(?:(1er|[0-3]?\d) )?({month}) )?(\d{{4}})\b",
        month = french::month_pattern(),
    ))
    .expect("valid regex")
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:(?:en|fin|debut|mi-) ?)?({month}) (\d{{4}})\b",
        month = french::month_pattern(),
    ))
    .expect("valid regex")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(en|au cours de|courant|fin|debut|des|d'ici a) (\d{4})\b").expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b|\b([0-3]?\d)/([01]?\d)/(\d{4})\b")
        .expect("valid regex")
});
static THIS_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(cette annee|l'an prochain|l'annee prochaine|l'an dernier|l'annee derniere)\b")
        .expect("valid regex")
});

/// The dates of a folded sentence. `article` is the article's date, which
/// gives the year of `dimanche 9 février` and the meaning of `cette année`.
pub fn find(text: &str, article: Option<Ymd>) -> Vec<DateFound> {
    let mut out: Vec<DateFound> = Vec::new();
    let taken = |out: &Vec<DateFound>, r: &Range<usize>| {
        out.iter()
            .any(|d| d.range.start < r.end && r.start < d.range.end)
    };
    // Deadlines and `depuis` first: they own their year.
    for c in DEADLINE.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let (value, note) = if let Some(unit) = c.get(1) {
            match (unit.as_str(), article) {
                ("annee", Some(a)) => (
                    Some(Ymd {
                        year: a.year,
                        month: None,
                        day: None,
                    }),
                    None,
                ),
                ("mois", Some(a)) if a.month.is_some() => (Some(Ymd { day: None, ..a }), None),
                _ => (None, Some("no article date to count from".to_owned())),
            }
        } else {
            let month = c.get(2).and_then(|m| month_number(m.as_str()));
            let year = c.get(3).and_then(|y| y.as_str().parse::<i32>().ok());
            match (month, year) {
                (m, Some(y)) => (
                    Some(Ymd {
                        year: y,
                        month: m,
                        day: None,
                    }),
                    None,
                ),
                (Some(m), None) => match article {
                    // `d'ici novembre`: the next November after the article.
                    Some(a) => {
                        let year = if a.month.is_some_and(|am| am > m) {
                            a.year + 1
                        } else {
                            a.year
                        };
                        (
                            Some(Ymd {
                                year,
                                month: Some(m),
                                day: None,
                            }),
                            None,
                        )
                    }
                    None => (
                        None,
                        Some("the year is not given and the article has no date".to_owned()),
                    ),
                },
                (None, None) => continue,
            }
        };
        let whole = trim_range(text, whole);
        out.push(DateFound {
            range: whole,
            value: value.filter(Ymd::valid).map(|v| v.to_string()),
            end: None,
            kind: DateKind::Deadline,
            rule: "date-deadline",
            confidence: 0.85,
            note,
        });
    }
    for c in SINCE.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if taken(&out, &whole) {
            continue;
        }
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        let month = c.get(2).and_then(|m| month_number(m.as_str()));
        let day = c.get(1).map(|d| day_number(d.as_str()));
        let Some(year) = year else { continue };
        let d = Ymd {
            year,
            month,
            day: month.and(day),
        };
        out.push(DateFound {
            range: whole,
            value: d.valid().then(|| d.to_string()),
            end: None,
            kind: DateKind::Since,
            rule: "date-since",
            confidence: 0.85,
            note: None,
        });
    }
    for c in DAY_DATE.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if taken(&out, &whole) {
            continue;
        }
        let weekday = c.get(1).map(|w| w.as_str());
        let day = c.get(2).map_or(0, |d| day_number(d.as_str()));
        let end_day = c.get(3).map(|d| day_number(d.as_str()));
        let Some(month) = c.get(4).and_then(|m| month_number(m.as_str())) else {
            continue;
        };
        let year = c.get(5).and_then(|y| y.as_str().parse::<i32>().ok());
        let (year, rule, confidence, note) = match year {
            Some(y) => (Some(y), "date-day", 0.95, None),
            None => match (article, weekday) {
                (Some(a), _) => (
                    Some(nearest_year(a, month, day)),
                    "date-day-year-from-article",
                    0.8,
                    Some("the year is the article's".to_owned()),
                ),
                (None, Some(w)) => match year_from_weekday(w, month, day) {
                    Some(y) => (
                        Some(y),
                        "date-day-year-from-weekday",
                        0.6,
                        Some(format!(
                            "the year is the latest in which {day}/{month} is a {w}"
                        )),
                    ),
                    None => (None, "date-day-no-year", 0.3, None),
                },
                (None, None) => (
                    None,
                    "date-day-no-year",
                    0.3,
                    Some("the year is not given and the article has no date".to_owned()),
                ),
            },
        };
        let value = year
            .map(|year| Ymd {
                year,
                month: Some(month),
                day: Some(day),
            })
            .filter(Ymd::valid);
        let end = match (year, end_day) {
            (Some(year), Some(d)) => Some(Ymd {
                year,
                month: Some(month),
                day: Some(d),
            })
            .filter(|e| e.valid() && value.is_some_and(|v| v < *e))
            .map(|e| e.to_string()),
            _ => None,
        };
        let note = match (value, weekday) {
            (Some(v), Some(w))
                if weekday_of(v.year, month, day) != WEEKDAYS.iter().position(|x| *x == w) =>
            {
                Some(format!("{w} does not match {v}"))
            }
            _ => note,
        };
        out.push(DateFound {
            range: trim_range(text, whole),
            value: value.map(|v| v.to_string()),
            end,
            kind: DateKind::On,
            rule,
            confidence,
            note,
        });
    }
    for c in ISO.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if taken(&out, &whole) {
            continue;
        }
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let d = if let Some(y) = c.get(1) {
            Ymd {
                year: y.as_str().parse().unwrap_or(0),
                month: num(2),
                day: num(3),
            }
        } else {
            Ymd {
                year: c.get(6).and_then(|m| m.as_str().parse().ok()).unwrap_or(0),
                month: num(5),
                day: num(4),
            }
        };
        if d.valid() && d.year >= 1900 {
            out.push(DateFound {
                range: whole,
                value: Some(d.to_string()),
                end: None,
                kind: DateKind::On,
                rule: "date-numeric",
                confidence: 0.9,
                note: None,
            });
        }
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if taken(&out, &whole) {
            continue;
        }
        let month = c.get(1).and_then(|m| month_number(m.as_str()));
        let year = c.get(2).and_then(|y| y.as_str().parse().ok());
        if let (Some(month), Some(year)) = (month, year) {
            let d = Ymd {
                year,
                month: Some(month),
                day: None,
            };
            out.push(DateFound {
                range: whole,
                value: d.valid().then(|| d.to_string()),
                end: None,
                kind: DateKind::On,
                rule: "date-month",
                confidence: 0.9,
                note: None,
            });
        }
    }
    for c in YEAR.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if taken(&out, &whole) {
            continue;
        }
        let Some(year) = c.get(2).and_then(|y| y.as_str().parse::<i32>().ok()) else {
            continue;
        };
        if !(1900..=2100).contains(&year) {
            continue;
        }
        let kind = if c.get(1).is_some_and(|p| p.as_str() == "d'ici a") {
            DateKind::Deadline
        } else {
            DateKind::On
        };
        out.push(DateFound {
            range: whole,
            value: Some(format!("{year:04}")),
            end: None,
            kind,
            rule: "date-year",
            confidence: 0.8,
            note: None,
        });
    }
    for c in THIS_YEAR.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if taken(&out, &whole) {
            continue;
        }
        let Some(a) = article else { continue };
        let year = match c.get(1).map_or("", |m| m.as_str()) {
            "cette annee" => a.year,
            "l'an prochain" | "l'annee prochaine" => a.year + 1,
            _ => a.year - 1,
        };
        out.push(DateFound {
            range: whole,
            value: Some(format!("{year:04}")),
            end: None,
            kind: DateKind::On,
            rule: "date-relative-year",
            confidence: 0.7,
            note: Some("counted from the article's date".to_owned()),
        });
    }
    out.sort_by_key(|d| d.range.start);
    out
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

fn day_number(s: &str) -> u32 {
    if s == "1er" {
        1
    } else {
        s.parse().unwrap_or(0)
    }
}

/// The year, among the article's, the one before and the one after, that
/// puts the day closest to the article's date.
fn nearest_year(article: Ymd, month: u32, day: u32) -> i32 {
    let a_month = article.month.unwrap_or(6) as i32;
    let a_day = article.day.unwrap_or(15) as i32;
    let here =
        |y: i32| (y - article.year) * 372 + (month as i32 - a_month) * 31 + (day as i32 - a_day);
    [article.year - 1, article.year, article.year + 1]
        .into_iter()
        .min_by_key(|y| here(*y).abs())
        .unwrap_or(article.year)
}

/// 0 = Monday.
fn weekday_of(year: i32, month: u32, day: u32) -> Option<usize> {
    Ymd::parse(&format!("{year:04}-{month:02}-{day:02}"))?;
    // Sakamoto's method; 0 = Sunday there.
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let w = (y + y / 4 - y / 100 + y / 400 + T[(month - 1) as usize] + day as i32).rem_euclid(7);
    Some(((w + 6) % 7) as usize)
}

/// The latest year, not after this one, in which `day/month` is `weekday`.
fn year_from_weekday(weekday: &str, month: u32, day: u32) -> Option<i32> {
    let wanted = WEEKDAYS.iter().position(|w| *w == weekday)?;
    let now = current_year();
    (now - 27..=now)
        .rev()
        .find(|y| weekday_of(*y, month, day) == Some(wanted))
}

fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Close enough for choosing among years: 365.2425 days a year.
    1970 + (secs / 31_556_952) as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::fold;

    fn dates(s: &str, article: Option<&str>) -> Vec<(Option<String>, Option<String>, DateKind)> {
        find(&fold(s), article.and_then(Ymd::parse))
            .into_iter()
            .map(|d| (d.value, d.end, d.kind))
            .collect()
    }

    fn on(v: &str) -> (Option<String>, Option<String>, DateKind) {
        (Some(v.to_owned()), None, DateKind::On)
    }

    #[test]
    fn full_dates_and_spans() {
        assert_eq!(
            dates("Le 3 mars 2021, la région…", None),
            [on("2021-03-03")]
        );
        assert_eq!(dates("le 1er juin 2022", None), [on("2022-06-01")]);
        assert_eq!(
            dates("Lyon a reçu, les 14 et 15 octobre 2026, un salon", None),
            [(
                Some("2026-10-14".into()),
                Some("2026-10-15".into()),
                DateKind::On
            )]
        );
        assert_eq!(dates("en avril 2019", None), [on("2019-04")]);
        assert_eq!(dates("publié le 2021-09-30", None), [on("2021-09-30")]);
        assert_eq!(
            dates("le 31 février 2021", None),
            [(None, None, DateKind::On)]
        );
    }

    #[test]
    fn a_date_without_a_year_takes_the_article_s_year() {
        assert_eq!(
            dates("jeudi 4 avril, le ministre", Some("2019-04-05")),
            [on("2019-04-04")]
        );
        // Late December seen from January: the year before.
        assert_eq!(
            dates("le 28 décembre", Some("2020-01-10")),
            [on("2019-12-28")]
        );
        // No article date: the weekday tells the year (4 April was a Thursday in 2024).
        let d = find(&fold("jeudi 4 avril"), None);
        assert_eq!(d[0].rule, "date-day-year-from-weekday");
        let year: i32 = d[0].value.as_deref().unwrap()[..4].parse().unwrap();
        assert_eq!(weekday_of(year, 4, 4), Some(3));
        assert_eq!(dates("le 4 avril", None), [(None, None, DateKind::On)]);
    }

    #[test]
    fn years_deadlines_and_since() {
        assert_eq!(dates("en 2019, puis", None), [on("2019")]);
        assert_eq!(
            dates("depuis 2016", None),
            [(Some("2016".into()), None, DateKind::Since)]
        );
        assert_eq!(
            dates("d'ici 2028", None),
            [(Some("2028".into()), None, DateKind::Deadline)]
        );
        assert_eq!(
            dates("à l'horizon 2035", None),
            [(Some("2035".into()), None, DateKind::Deadline)]
        );
        assert_eq!(
            dates("d’ici la fin de l’année", Some("2022-03")),
            [(Some("2022".into()), None, DateKind::Deadline)]
        );
        assert_eq!(
            dates("D'ici octobre, il veut", Some("2021-06")),
            [(Some("2021-10".into()), None, DateKind::Deadline)]
        );
        assert_eq!(
            dates("d'ici octobre", Some("2021-11")),
            [(Some("2022-10".into()), None, DateKind::Deadline)]
        );
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday_of(2025, 2, 9), Some(6)); // a Sunday
        assert_eq!(weekday_of(2024, 5, 21), Some(1)); // a Tuesday
    }
}
