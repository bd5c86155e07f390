//! A synthetic `data/` tree shaped like the curated one, for measuring the
//! tool at scale (`iagraph gen`).
//!
//! The corpus mirrors the curated graph's proportions: about one entity for
//! two statements, spread over the ontology's classes; fundings with amounts
//! in euros or dollars (exact or "more than"), announcements by people at
//! events, partnerships, quantified targets with a baseline and a deadline,
//! and the long tail of `concerns`, `promotes`, `partOf`, …; dates at the
//! three precisions; one or two cited articles per statement, each with a
//! quotation. Everything follows from the seed: the same options write the
//! same bytes on every machine.
//!
//! Entities are a pure function of their index, so that writing 10^6
//! statements needs no table of them in memory: only a bitset of the
//! entities some statement names (the others get a `mentioned_in`, as the
//! loader requires).
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! let summary = iagraph::synthetic::write(dir.path(), &iagraph::synthetic::Options::new(200))?;
//! assert_eq!(summary.statements, 200);
//! let project = iagraph::Project::new(dir.path());
//! # std::fs::create_dir_all(project.ontology_dir())?;
//! # std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/iagraph.ttl"), project.ontology_file())?;
//! let graph = iagraph::Graph::build(&project, &iagraph::Base::default())?;
//! assert_eq!(graph.report().map(|r| r.statements), Some(200));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of statements.
    pub statements: usize,
    /// Seed of the generator: the same seed writes the same corpus.
    pub seed: u64,
    /// Statements per `statements-NNNN.toml` file.
    pub statements_per_file: usize,
}

impl Options {
    pub fn new(statements: usize) -> Self {
        Self {
            statements,
            seed: 1,
            statements_per_file: 10_000,
        }
    }
}

/// What [`write()`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub sources: usize,
    pub entities: usize,
    pub statements: usize,
    pub files: usize,
    pub bytes: u64,
}

/// Writes `dir/data/`: `sources.toml`, `entities.toml` and the statement
/// files. `progress` is called with the number of statements written so far.
pub fn write(dir: &Path, options: &Options) -> Result<Summary> {
    write_with_progress(dir, options, |_| {})
}

/// [`write()`], reporting the statements written after each file.
pub fn write_with_progress(
    dir: &Path,
    options: &Options,
    mut progress: impl FnMut(usize),
) -> Result<Summary> {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).map_err(write_error(&data))?;
    let corpus = Corpus::new(options);
    let mut bytes = 0;
    let mut files = 0;
    let mut named = vec![false; corpus.entities];
    // Named by the sources (publishers) and by amounts (currencies).
    for source in 0..corpus.sources {
        named[corpus.publisher(source)] = true;
    }
    named[CURRENCIES[0].0] = true;

    let per_file = options.statements_per_file.max(1);
    let mut first = 0;
    while first < options.statements {
        let last = (first + per_file).min(options.statements);
        let path = data.join(format!("statements-{:04}.toml", files));
        bytes += write_file(&path, |out| {
            for index in first..last {
                corpus.statement(index, out, &mut named)?;
            }
            Ok(())
        })?;
        files += 1;
        first = last;
        progress(last);
    }
    bytes += write_file(&data.join("sources.toml"), |out| {
        (0..corpus.sources).try_for_each(|s| corpus.source(s, out))
    })?;
    bytes += write_file(&data.join("entities.toml"), |out| {
        (0..corpus.entities).try_for_each(|e| corpus.entity(e, !named[e], out))
    })?;
    Ok(Summary {
        sources: corpus.sources,
        entities: corpus.entities,
        statements: options.statements,
        files: files + 2,
        bytes,
    })
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_owned(),
        source,
    }
}

/// Writes a file through a buffer, returning its size.
fn write_file(
    path: &Path,
    body: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<u64> {
    let file = File::create(path).map_err(write_error(path))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    body(&mut out).map_err(write_error(path))?;
    let file = out
        .into_inner()
        .map_err(|e| write_error(path)(e.into_error()))?;
    Ok(file.metadata().map_err(write_error(path))?.len())
}

/// SplitMix64: a fixed, documented generator, so that a seed gives the same
/// corpus whatever the platform or the version of a random-number crate.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64, index: u64) -> Self {
        let mut rng = Self(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        rng.0 ^= index.wrapping_mul(0xE703_7ED1_A0B4_28DB);
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Entity kinds: class, id prefix, French and English label patterns, share
/// of the entities (in thousandths).
struct Kind {
    class: &'static str,
    prefix: &'static str,
    label_fr: &'static str,
    label_en: &'static str,
    share: usize,
}

const KINDS: &[Kind] = &[
    kind("Person", "personne", "", "", 60),
    kind("State", "etat", "République de ", "Republic of ", 10),
    kind("PublicBody", "organisme", "Agence ", "Agency ", 40),
    kind("Fund", "fonds", "Fonds ", "Fund ", 40),
    kind("Company", "entreprise", "Groupe ", "Group ", 90),
    kind("Startup", "startup", "", "", 90),
    kind(
        "Organisation",
        "organisation",
        "Association ",
        "Association ",
        40,
    ),
    kind("MediaOutlet", "media", "Le Journal de ", "Journal of ", 20),
    kind("Plan", "plan", "Plan ", "Plan ", 40),
    kind("Programme", "programme", "Programme ", "Programme ", 60),
    kind("Measure", "mesure", "Mesure ", "Measure ", 90),
    kind("Domain", "domaine", "Domaine ", "Field of ", 200),
    kind("AIModel", "modele", "Modèle ", "Model ", 40),
    kind(
        "DataCentre",
        "centre",
        "Centre de données ",
        "Data centre ",
        30,
    ),
    kind(
        "Supercomputer",
        "calculateur",
        "Supercalculateur ",
        "Supercomputer ",
        20,
    ),
    kind("City", "ville", "", "", 50),
    kind("Summit", "sommet", "Sommet de ", "Summit of ", 40),
    kind("TradeShow", "salon", "Salon ", "Trade show ", 40),
];

const fn kind(
    class: &'static str,
    prefix: &'static str,
    label_fr: &'static str,
    label_en: &'static str,
    share: usize,
) -> Kind {
    Kind {
        class,
        prefix,
        label_fr,
        label_en,
        share,
    }
}

/// The two currencies, first in the entity table: (index, id, ISO 4217).
const CURRENCIES: [(usize, &str, &str); 2] = [(0, "euro", "EUR"), (1, "dollar-etats-unis", "USD")];

const SYLLABLES: &[&str] = &[
    "ba", "ran", "to", "mil", "ve", "sor", "da", "lin", "que", "mor", "té", "zan", "lo", "pré",
    "vi", "nar", "cé", "bul", "ma", "ro", "ké", "dal", "fu", "rié",
];

/// The corpus's dimensions and its pure functions of an index.
struct Corpus {
    seed: u64,
    sources: usize,
    entities: usize,
    /// First entity index of each kind (after the two currencies), and the end.
    starts: Vec<usize>,
}

impl Corpus {
    fn new(options: &Options) -> Self {
        let n = options.statements;
        // About one article for 32 statements and one entity for two, as curated.
        let sources = (n / 32).max(1);
        let per_kind: Vec<usize> = KINDS.iter().map(|k| (n * k.share / 2000).max(2)).collect();
        let mut starts = vec![CURRENCIES.len()];
        for count in &per_kind {
            starts.push(starts[starts.len() - 1] + count);
        }
        Self {
            seed: options.seed,
            sources,
            entities: starts[starts.len() - 1],
            starts,
        }
    }

    fn rng(&self, stream: u64, index: usize) -> Rng {
        Rng::new(self.seed, stream, index as u64)
    }

    /// An entity of the named class, drawn at random.
    fn any(&self, class: &str, rng: &mut Rng) -> usize {
        let k = KINDS.iter().position(|k| k.class == class).unwrap_or(0);
        self.starts[k] + rng.below(self.starts[k + 1] - self.starts[k])
    }

    /// An entity of one of the classes.
    fn one_of(&self, classes: &[&str], rng: &mut Rng) -> usize {
        let class = *rng.pick(classes);
        self.any(class, rng)
    }

    fn kind_of(&self, entity: usize) -> Option<(usize, &'static Kind)> {
        let k = self
            .starts
            .partition_point(|&s| s <= entity)
            .checked_sub(1)?;
        KINDS.get(k).map(|kind| (k, kind))
    }

    fn id(&self, entity: usize) -> String {
        match self.kind_of(entity) {
            Some((k, kind)) => format!("{}-{}", kind.prefix, entity - self.starts[k]),
            None => CURRENCIES[entity].1.to_owned(),
        }
    }

    /// A made-up proper name, two or three syllables, from the entity's index.
    fn name(&self, entity: usize) -> String {
        let mut rng = self.rng(1, entity);
        let mut name = String::new();
        for _ in 0..2 + rng.below(2) {
            let syllable = *rng.pick(SYLLABLES);
            name.push_str(syllable);
        }
        let mut chars = name.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        // Numbered so that labels are unique, as a curator would keep them.
        format!("{}{} {entity}", first.unwrap_or_default(), chars.as_str())
    }

    fn labels(&self, entity: usize) -> (String, String) {
        match self.kind_of(entity) {
            Some((_, kind)) if kind.class == "Person" => {
                let mut rng = self.rng(2, entity);
                let given = rng.pick(&["Claire", "Louis", "Amina", "Jean", "Sofia", "Marc"]);
                let name = format!("{given} {}", self.name(entity));
                (name.clone(), name)
            }
            Some((_, kind)) => {
                let name = self.name(entity);
                (
                    format!("{}{name}", kind.label_fr),
                    format!("{}{name}", kind.label_en),
                )
            }
            None if entity == 0 => ("euro".into(), "euro".into()),
            None => (
                "dollar des États-Unis".into(),
                "United States dollar".into(),
            ),
        }
    }

    fn publisher(&self, source: usize) -> usize {
        let mut rng = self.rng(3, source);
        self.any("MediaOutlet", &mut rng)
    }

    fn source_id(source: usize) -> String {
        format!("article-{source}")
    }

    fn source(&self, source: usize, out: &mut impl Write) -> std::io::Result<()> {
        let mut rng = self.rng(4, source);
        let publisher = self.publisher(source);
        let (name, _) = self.labels(publisher);
        let date = date(&mut rng, 2018, 8);
        writeln!(
            out,
            "[[source]]\nid = \"{}\"\nlabel = {}\npublisher = \"{}\"\ndate = \"{date}\"\nlanguage = \"fr\"\n",
            Self::source_id(source),
            quoted(&format!("Article {source} de {name}")),
            self.id(publisher),
        )
    }

    fn entity(&self, entity: usize, orphan: bool, out: &mut impl Write) -> std::io::Result<()> {
        let mut rng = self.rng(5, entity);
        let (fr, en) = self.labels(entity);
        let class = self.kind_of(entity).map_or("Currency", |(_, k)| k.class);
        let mut text = format!(
            "[[entity]]\nid = \"{}\"\nclass = \"{class}\"\nlabel_fr = {}\nlabel_en = {}\n",
            self.id(entity),
            quoted(&fr),
            quoted(&en)
        );
        if let Some((_, _, code)) = CURRENCIES.get(entity) {
            let _ = writeln!(text, "iso4217 = \"{code}\"");
        } else {
            let _ = writeln!(
                text,
                "description_fr = {}",
                quoted(&format!("{fr}, cité par la presse."))
            );
            if rng.chance(40) {
                let short: String = self.name(entity).chars().take(3).collect();
                let _ = writeln!(text, "aliases = [{}]", quoted(&short.to_uppercase()));
            }
        }
        if orphan {
            let source = rng.below(self.sources);
            let _ = writeln!(text, "mentioned_in = [\"{}\"]", Self::source_id(source));
        }
        writeln!(out, "{text}")
    }

    /// Writes statement `index`, marking the entities it names.
    fn statement(
        &self,
        index: usize,
        out: &mut impl Write,
        named: &mut [bool],
    ) -> std::io::Result<()> {
        let mut rng = self.rng(6, index);
        let shape = rng.below(100);
        let mut st = Record::default();
        match shape {
            0..15 => {
                st.relation = "funds";
                st.subject = self.one_of(&["State", "PublicBody", "Fund", "Company"], &mut rng);
                st.object = Some(self.one_of(
                    &[
                        "Startup",
                        "Programme",
                        "DataCentre",
                        "Supercomputer",
                        "Plan",
                    ],
                    &mut rng,
                ));
                let dollars = rng.chance(10);
                let millions = [5, 20, 50, 150, 400, 900, 1_500, 2_500, 10_000, 109_000];
                let value: u64 = *rng.pick(&millions) * 1_000_000;
                let more_than = rng.chance(20);
                st.amount = Some((value, more_than, if dollars { 1 } else { 0 }));
                st.date = Some(date(&mut rng, 2018, 8));
                if rng.chance(50) {
                    st.announced_by = Some(self.any("Person", &mut rng));
                }
                if rng.chance(30) {
                    st.occasion = Some(self.one_of(&["Summit", "TradeShow"], &mut rng));
                }
            }
            15..25 => {
                st.relation = "announces";
                st.subject = self.any("Person", &mut rng);
                st.object = Some(self.one_of(&["Plan", "Measure", "Programme"], &mut rng));
                st.date = Some(date(&mut rng, 2018, 8));
                if rng.chance(50) {
                    st.occasion = Some(self.one_of(&["Summit", "TradeShow"], &mut rng));
                }
            }
            25..35 => {
                st.relation = "hasTarget";
                st.subject = self.one_of(&["Plan", "Programme", "Measure"], &mut rng);
                let value = (1 + rng.below(100)) as u64 * 1_000;
                let baseline = rng.chance(40).then_some(value / 2);
                let unit = *rng.pick(&[
                    ("personnes formées", "people trained"),
                    ("chercheurs en IA", "AI researchers"),
                    ("clusters", "clusters"),
                    ("start-up", "start-ups"),
                ]);
                st.quantity = Some((value, baseline, unit));
                st.deadline = Some(format!("{}", 2025 + rng.below(6)));
            }
            35..43 => {
                st.relation = "partnersWith";
                st.subject = self.one_of(&["Company", "Startup"], &mut rng);
                st.object = Some(self.one_of(&["Company", "PublicBody", "Organisation"], &mut rng));
                st.date = rng.chance(50).then(|| date(&mut rng, 2018, 8));
            }
            43..63 => {
                st.relation = "concerns";
                st.subject = self.one_of(&["Plan", "Measure", "Programme"], &mut rng);
                st.object = Some(self.any("Domain", &mut rng));
            }
            63..75 => {
                st.relation = "promotes";
                st.subject = self.one_of(&["Person", "State"], &mut rng);
                st.object = Some(self.one_of(&["Domain", "Measure"], &mut rng));
            }
            75..85 => {
                st.relation = "partOf";
                st.subject = self.one_of(&["Measure", "Programme"], &mut rng);
                st.object = Some(self.any("Plan", &mut rng));
            }
            85..90 => {
                st.relation = "develops";
                st.subject = self.one_of(&["Startup", "Company"], &mut rng);
                st.object = Some(self.any("AIModel", &mut rng));
            }
            90..95 => {
                st.relation = "locatedIn";
                st.subject = self.one_of(&["DataCentre", "Summit", "TradeShow"], &mut rng);
                st.object = Some(self.any("City", &mut rng));
            }
            _ => {
                st.relation = "participatesIn";
                st.subject = self.any("Person", &mut rng);
                st.object = Some(self.one_of(&["Summit", "TradeShow"], &mut rng));
                st.date = Some(date(&mut rng, 2018, 8));
            }
        }
        for e in [Some(st.subject), st.object, st.announced_by, st.occasion]
            .into_iter()
            .flatten()
        {
            named[e] = true;
        }
        if let Some((_, _, currency)) = st.amount {
            named[CURRENCIES[currency].0] = true;
        }
        let sources = if rng.chance(15) && self.sources > 1 {
            let first = rng.below(self.sources);
            vec![
                first,
                (first + 1 + rng.below(self.sources - 1)) % self.sources,
            ]
        } else {
            vec![rng.below(self.sources)]
        };
        self.write_statement(index, &st, &sources, out)
    }

    fn write_statement(
        &self,
        index: usize,
        st: &Record,
        sources: &[usize],
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        let (subject, _) = self.labels(st.subject);
        let mut text = format!(
            "[[statement]]\nid = \"affirmation-{index}\"\nsubject = \"{}\"\nrelation = \"{}\"\nmodality = \"{}\"\n",
            self.id(st.subject),
            st.relation,
            if st.relation == "hasTarget" {
                "aimed"
            } else {
                "reported"
            }
        );
        // The quotation writes its dates, as the build requires.
        let mut evidence = String::new();
        for (prefix, value) in [("", &st.date), ("d'ici ", &st.deadline)] {
            if let Some(value) = value {
                let words = date_in_words(value);
                let words = if prefix.is_empty() {
                    &words
                } else {
                    words.trim_start_matches("en ")
                };
                let _ = write!(evidence, "{prefix}{words} ");
            }
        }
        evidence.push_str(&subject);
        if let Some(o) = st.object {
            let _ = writeln!(text, "object = \"{}\"", self.id(o));
            let verb = match st.relation {
                "funds" => "finance",
                "announces" => "annonce",
                "partnersWith" => "s'allie à",
                "concerns" => "concerne",
                "promotes" => "défend",
                "partOf" => "relève de",
                "develops" => "développe",
                "locatedIn" => "se tient à",
                _ => "participe à",
            };
            let _ = write!(evidence, " {verb} {}", self.labels(o).0);
        }
        if let Some((value, more_than, currency)) = st.amount {
            let (_, _, code) = CURRENCIES[currency];
            let bound = if more_than { "min" } else { "value" };
            let _ = writeln!(
                text,
                "amount = {{ {bound} = {value}, currency = \"{code}\" }}"
            );
            let unit = if currency == 0 {
                "d'euros"
            } else {
                "de dollars"
            };
            let qualifier = if more_than { "plus de " } else { "" };
            let _ = write!(
                evidence,
                " à hauteur de {qualifier}{} millions {unit}",
                value / 1_000_000
            );
        }
        if let Some((value, baseline, (unit_fr, unit_en))) = st.quantity {
            let baseline = baseline.map_or(String::new(), |b| format!(", baseline = {b}"));
            let _ = writeln!(
                text,
                "quantity = {{ value = {value}{baseline}, unit_fr = \"{unit_fr}\", unit_en = \"{unit_en}\" }}"
            );
            let _ = write!(evidence, " vise {value} {unit_fr}");
        }
        for (field, value) in [("date", &st.date), ("deadline", &st.deadline)] {
            if let Some(value) = value {
                let _ = writeln!(text, "{field} = \"{value}\"");
            }
        }
        if let Some(p) = st.announced_by {
            let _ = writeln!(text, "announced_by = \"{}\"", self.id(p));
        }
        if let Some(e) = st.occasion {
            let _ = writeln!(text, "occasion = \"{}\"", self.id(e));
        }
        let evidence: String = evidence.chars().take(200).collect();
        text.push_str("sources = [\n");
        for s in sources {
            let _ = writeln!(
                text,
                "    {{ source = \"{}\", evidence = {} }},",
                Self::source_id(*s),
                quoted(&evidence)
            );
        }
        text.push_str("]\n");
        writeln!(out, "{text}")
    }
}

/// One statement before it is written.
#[derive(Default)]
struct Record {
    relation: &'static str,
    subject: usize,
    object: Option<usize>,
    /// Value, "more than", currency index.
    amount: Option<(u64, bool, usize)>,
    /// Value, baseline, units.
    quantity: Option<(u64, Option<u64>, (&'static str, &'static str))>,
    date: Option<String>,
    deadline: Option<String>,
    announced_by: Option<usize>,
    occasion: Option<usize>,
}

/// `2024-05-21` as « le 21 mai 2024 », `2024-05` as « en mai 2024 », `2024` as « en 2024 ».
fn date_in_words(date: &str) -> String {
    let mut parts = date.split('-');
    let year = parts.next().unwrap_or_default();
    let month = parts
        .next()
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| crate::french::MONTHS.get(m.wrapping_sub(1)));
    match (month, parts.next()) {
        (Some(m), Some(d)) => format!("le {} {m} {year}", d.trim_start_matches('0')),
        (Some(m), None) => format!("en {m} {year}"),
        _ => format!("en {year}"),
    }
}

/// A date at one of the three precisions the curated data uses.
fn date(rng: &mut Rng, first_year: usize, years: usize) -> String {
    let year = first_year + rng.below(years);
    let month = 1 + rng.below(12);
    match rng.below(10) {
        0..6 => format!("{year}-{month:02}-{:02}", 1 + rng.below(28)),
        6..8 => format!("{year}-{month:02}"),
        _ => format!("{year}"),
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The folders beside `data/` that make `dir` a project: the ontology and
/// the named queries, copied from `from`.
pub fn copy_project_files(from: &crate::Project, dir: &Path) -> Result<()> {
    let to = crate::Project::new(dir);
    for (source, target) in [
        (from.ontology_dir(), to.ontology_dir()),
        (from.queries_dir(), to.queries_dir()),
    ] {
        std::fs::create_dir_all(&target).map_err(write_error(&target))?;
        let entries = std::fs::read_dir(&source).map_err(|e| Error::Read {
            path: source.clone(),
            source: e,
        })?;
        for entry in entries {
            let path: PathBuf = entry
                .map_err(|e| Error::Read {
                    path: source.clone(),
                    source: e,
                })?
                .path();
            if let Some(name) = path.file_name().filter(|_| path.is_file()) {
                let dest = target.join(name);
                std::fs::copy(&path, &dest).map_err(write_error(&dest))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_corpus() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let options = Options::new(500);
        write(a.path(), &options).unwrap();
        write(b.path(), &options).unwrap();
        for file in ["sources.toml", "entities.toml", "statements-0000.toml"] {
            let read = |d: &tempfile::TempDir| std::fs::read(d.path().join("data").join(file));
            assert_eq!(read(&a).unwrap(), read(&b).unwrap(), "{file}");
        }
        let other = tempfile::tempdir().unwrap();
        write(other.path(), &Options { seed: 2, ..options }).unwrap();
        let read = |d: &Path| std::fs::read(d.join("data/statements-0000.toml")).unwrap();
        assert_ne!(read(a.path()), read(other.path()));
    }

    #[test]
    fn statements_are_split_into_files() {
        let dir = tempfile::tempdir().unwrap();
        let options = Options {
            statements_per_file: 300,
            ..Options::new(1000)
        };
        let summary = write(dir.path(), &options).unwrap();
        assert_eq!(summary.files, 4 + 2);
        let last = std::fs::read_to_string(dir.path().join("data/statements-0003.toml")).unwrap();
        assert_eq!(last.matches("[[statement]]").count(), 100);
        assert!(last.contains("id = \"affirmation-999\""));
    }

    #[test]
    fn entity_ids_are_unique_and_classes_follow_the_shares() {
        let corpus = Corpus::new(&Options::new(10_000));
        let ids: std::collections::HashSet<String> =
            (0..corpus.entities).map(|e| corpus.id(e)).collect();
        assert_eq!(ids.len(), corpus.entities);
        assert_eq!(corpus.entities, 2 + 10_000 / 2);
        assert_eq!(corpus.id(0), "euro");
        assert_eq!(corpus.id(2), "personne-0");
        assert_eq!(
            corpus.kind_of(corpus.entities - 1).unwrap().1.class,
            "TradeShow"
        );
    }
}
