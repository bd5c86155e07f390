//! Writing the findings: TOML in the format of `data/` (statements ready to
//! review and paste, new entities stubbed and marked, what the graph already
//! says as comments), JSON for programs, or a table for a quick look. Every
//! writer streams: a sentence's findings are written as they come.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

use super::numbers::Bounds;
use super::{
    Amount, Article, Candidate, Extractor, Findings, MentionStatus, QuantityMention, Span, slug,
    unique_id,
};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
    Table,
}

/// Receives the findings, file by file.
pub trait Sink {
    fn begin(&mut self, article: &Article) -> io::Result<()>;
    fn findings(&mut self, article: &Article, findings: &Findings) -> io::Result<()>;
    fn end(&mut self, article: &Article, sentences: usize) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

/// A writer of `format` on `out`; statements under `min_confidence` are left out.
pub fn sink<'a>(
    format: Format,
    out: &'a mut dyn Write,
    extractor: &'a Extractor,
    min_confidence: f32,
) -> Box<dyn Sink + 'a> {
    match format {
        Format::Toml => Box::new(TomlSink::new(out, extractor, min_confidence)),
        Format::Json => Box::new(JsonSink {
            out,
            min_confidence,
            files: 0,
            sentences: 0,
            new: NewEntities::default(),
        }),
        Format::Table => Box::new(TableSink {
            out,
            min_confidence,
            header: false,
        }),
    }
}

/// Text for a TOML comment, which may hold no control character but tab.
fn safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// A TOML string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A number as the data files write it: an integer when it is one.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        let digits = format!("{v:.0}");
        // 109_000_000_000, as data/ writes them.
        let (sign, digits) = digits
            .strip_prefix('-')
            .map_or(("", digits.as_str()), |d| ("-", d));
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push('_');
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}")
    } else {
        format!("{v}")
    }
}

fn bounds_fields(b: &Bounds) -> Vec<String> {
    [("value", b.value), ("min", b.min), ("max", b.max)]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k} = {}", number(v))))
        .collect()
}

/// `amount = { value = …, currency = "EUR" }`
pub fn amount_toml(a: &Amount) -> String {
    let mut fields = bounds_fields(&a.bounds);
    fields.push(format!("currency = {}", quote(&a.currency)));
    format!("{{ {} }}", fields.join(", "))
}

/// `quantity = { value = …, unit_fr = "…", unit_en = "…" }`
pub fn quantity_toml(q: &QuantityMention) -> String {
    let mut fields = bounds_fields(&q.bounds);
    if let Some(b) = q.baseline {
        fields.push(format!("baseline = {}", number(b)));
    }
    let unit = q.unit.clone().unwrap_or_default();
    let en = match unit.as_str() {
        "%" | "GW" | "MW" | "kW" | "TW" => unit.clone(),
        _ => "TODO: translate".to_owned(),
    };
    fields.push(format!("unit_fr = {}", quote(&unit)));
    fields.push(format!("unit_en = {}", quote(&en)));
    format!("{{ {} }}", fields.join(", "))
}

/// A short text of the candidate: `france funds jean-zay (50000000 EUR)`.
pub fn describe(c: &Candidate) -> String {
    let mut s = format!(
        "{} {} {}",
        c.subject.as_deref().unwrap_or("?"),
        c.relation,
        c.object
            .as_deref()
            .unwrap_or(if c.quantity.is_some() { "" } else { "?" })
    );
    if let Some(a) = &c.amount {
        s.push_str(&format!(" ({})", money_text(a)));
    }
    if let Some(q) = &c.quantity {
        s.push_str(&format!(
            " ({} {})",
            bounds_text(&q.bounds),
            q.unit.as_deref().unwrap_or("")
        ));
    }
    for (k, v) in [("date", &c.date), ("deadline", &c.deadline)] {
        if let Some(v) = v {
            s.push_str(&format!(" {k} {v}"));
        }
    }
    s.trim().to_owned()
}

pub fn bounds_text(b: &Bounds) -> String {
    match (b.value, b.min, b.max) {
        (Some(v), _, _) => format!("{v}"),
        (None, Some(lo), Some(hi)) => format!("{lo}–{hi}"),
        (None, Some(lo), None) => format!("≥ {lo}"),
        (None, None, Some(hi)) => format!("≤ {hi}"),
        _ => String::new(),
    }
}

pub fn money_text(a: &Amount) -> String {
    format!("{} {}", bounds_text(&a.bounds), a.currency)
}

/// camelCase to kebab-case.
fn kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_uppercase() {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The key that makes two candidates the same.
fn key(c: &Candidate) -> String {
    format!(
        "{}|{}|{}|{}|{}",
        c.subject.as_deref().unwrap_or(""),
        c.relation,
        c.object.as_deref().unwrap_or(""),
        c.amount.as_ref().map(money_text).unwrap_or_default(),
        c.quantity
            .as_ref()
            .map(|q| bounds_text(&q.bounds))
            .unwrap_or_default()
    )
}

/// New-entity candidates, gathered over the whole run.
#[derive(Debug, Default)]
struct NewEntities {
    /// Slug → the stub.
    by_slug: BTreeMap<String, NewEntity>,
}

#[derive(Debug, Clone, serde::Serialize)]
struct NewEntity {
    /// The id of its stub, once a TOML writer has chosen it.
    id: Option<String>,
    name: String,
    class: Option<String>,
    mentions: usize,
    first: Span,
    file: String,
    sources: Vec<String>,
}

impl NewEntities {
    fn add(&mut self, article: &Article, f: &Findings) {
        for m in f.mentions.iter().filter(|m| m.status == MentionStatus::New) {
            let entry = self
                .by_slug
                .entry(slug(&m.text))
                .or_insert_with(|| NewEntity {
                    id: None,
                    name: m.text.clone(),
                    class: None,
                    mentions: 0,
                    first: m.span,
                    file: article.file.display().to_string(),
                    sources: Vec::new(),
                });
            entry.mentions += 1;
            if entry.class.is_none() {
                entry.class = m.class.clone();
            }
            if !entry.sources.contains(&article.source) {
                entry.sources.push(article.source.clone());
            }
        }
    }
}

/// Most comment lines of one kind written per file.
const MAX_NOTES: usize = 200;

struct TomlSink<'a> {
    out: &'a mut dyn Write,
    extractor: &'a Extractor,
    min_confidence: f32,
    taken: HashSet<String>,
    /// This file's candidates already written: key → id.
    written: HashMap<String, String>,
    known: Vec<String>,
    ambiguous: Vec<String>,
    incomplete: usize,
    below: usize,
    new: NewEntities,
    statements: usize,
}

impl<'a> TomlSink<'a> {
    fn new(out: &'a mut dyn Write, extractor: &'a Extractor, min_confidence: f32) -> Self {
        Self {
            out,
            extractor,
            min_confidence,
            taken: extractor.ids.clone(),
            written: HashMap::new(),
            known: Vec::new(),
            ambiguous: Vec::new(),
            incomplete: 0,
            below: 0,
            new: NewEntities::default(),
            statements: 0,
        }
    }

    fn statement(&mut self, article: &Article, f: &Findings, c: &Candidate) -> io::Result<()> {
        let where_ = format!("sentence {}, characters {}", f.index + 1, c.span);
        if let Some(id) = &c.known_as {
            if self.known.len() < MAX_NOTES {
                self.known
                    .push(format!("#   `{id}`: {} ({where_})", safe(&describe(c))));
            }
            return Ok(());
        }
        let k = key(c);
        if let Some(id) = self.written.get(&k) {
            return writeln!(
                self.out,
                "# (`{id}` again, {where_}: «{}»)\n",
                safe(&c.evidence)
            );
        }
        let complete = c.is_complete();
        let p = if complete { "" } else { "# " };
        writeln!(
            self.out,
            "# {where_}; rule {}; confidence {:.2}",
            c.rule, c.confidence
        )?;
        if !complete {
            self.incomplete += 1;
            let missing = if c.subject.is_none() {
                "subject"
            } else {
                "object"
            };
            writeln!(
                self.out,
                "# INCOMPLETE — no {missing} in the sentence: complete it or drop it"
            )?;
        }
        let what = c
            .object
            .clone()
            .or_else(|| c.amount.as_ref().map(|a| slug(&money_text(a))))
            .or_else(|| {
                c.quantity
                    .as_ref()
                    .map(|q| slug(q.unit.as_deref().unwrap_or("quantite")))
            })
            .unwrap_or_default();
        let base = slug(&format!(
            "{} {} {}",
            c.subject.as_deref().unwrap_or("sujet"),
            kebab(&c.relation),
            what
        ));
        let id = unique_id(&base, &self.taken);
        self.taken.insert(id.clone());
        self.written.insert(k, id.clone());
        writeln!(self.out, "{p}[[statement]]")?;
        writeln!(self.out, "{p}id = {}", quote(&id))?;
        // New names are written with the ids of their stubs.
        let role = |id: &str| -> (String, &'static str) {
            if c.new_entities.iter().any(|n| n == id) {
                let stub = self.new.by_slug.get(id).and_then(|e| e.id.clone());
                (
                    stub.unwrap_or_else(|| id.to_owned()),
                    "  # NEW entity, stubbed at the end",
                )
            } else {
                (id.to_owned(), "")
            }
        };
        let (subject, subject_note) = c.subject.as_deref().map_or(("TODO".to_owned(), ""), role);
        writeln!(self.out, "{p}subject = {}{subject_note}", quote(&subject))?;
        writeln!(self.out, "{p}relation = {}", quote(&c.relation))?;
        // Every reading of the tree has its modality; a candidate without
        // one still gets the build's required field, marked for review.
        match &c.modality {
            Some(m) => writeln!(self.out, "{p}modality = {}", quote(m))?,
            None => writeln!(
                self.out,
                "{p}modality = \"reported\"  # review: from the verb"
            )?,
        }
        if let Some((object, note)) = c.object.as_deref().map(role) {
            writeln!(self.out, "{p}object = {}{note}", quote(&object))?;
        }
        if let Some(a) = &c.amount {
            let note = if a.currency_assumed {
                "  # currency assumed: the text gives none"
            } else {
                ""
            };
            if self.extractor.has_currency(&a.currency) {
                writeln!(self.out, "{p}amount = {}{note}", amount_toml(a))?;
            } else {
                writeln!(
                    self.out,
                    "# amount = {}  # no Currency entity has `{}`: add one first",
                    amount_toml(a),
                    a.currency
                )?;
            }
        }
        if let Some(q) = &c.quantity {
            if crate::data::QUANTITY_RELATIONS.contains(&c.relation.as_str()) || c.object.is_some()
            {
                writeln!(self.out, "{p}quantity = {}", quantity_toml(q))?;
            }
        }
        for (k, v) in [
            ("date", &c.date),
            ("end_date", &c.end_date),
            ("deadline", &c.deadline),
        ] {
            if let Some(v) = v {
                writeln!(self.out, "{p}{k} = {}", quote(v))?;
            }
        }
        // A date the quotation does not write is marked inferred (the build checks it).
        let unwritten: Vec<String> = [
            ("date", &c.date),
            ("end_date", &c.end_date),
            ("deadline", &c.deadline),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_deref()?)))
        .filter(|(_, v)| !c.evidence.contains(v.get(..4).unwrap_or(v)))
        .map(|(k, _)| format!("{k} = \"from the article, not the quotation: review\""))
        .collect();
        if !unwritten.is_empty() {
            writeln!(self.out, "{p}inferred = {{ {} }}", unwritten.join(", "))?;
        }
        writeln!(self.out, "{p}sources = [")?;
        writeln!(
            self.out,
            "{p}    {{ source = {}, evidence = {} }},",
            quote(&article.source),
            quote(&c.evidence)
        )?;
        writeln!(self.out, "{p}]\n")?;
        if complete {
            self.statements += 1;
        }
        Ok(())
    }
}

impl Sink for TomlSink<'_> {
    fn begin(&mut self, article: &Article) -> io::Result<()> {
        self.written.clear();
        self.known.clear();
        self.ambiguous.clear();
        self.incomplete = 0;
        self.below = 0;
        self.statements = 0;
        writeln!(
            self.out,
            "# iagraph extract: candidates from {} (source `{}`)",
            safe(&article.file.display().to_string()),
            article.source
        )?;
        writeln!(
            self.out,
            "# Review each statement, then paste it into data/statements-YYYY.toml;"
        )?;
        writeln!(
            self.out,
            "# new entities (marked NEW) go into data/entities.toml."
        )?;
        if !self.extractor.ids.contains(&article.source) {
            let seed = article
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            writeln!(
                self.out,
                "# The source is not in data/sources.toml yet; add it there:"
            )?;
            writeln!(self.out, "#   [[source]]")?;
            writeln!(self.out, "#   id = {}", quote(&article.source))?;
            writeln!(self.out, "#   label = \"…\"")?;
            writeln!(self.out, "#   language = \"fr\"")?;
            writeln!(self.out, "#   seed = {}", quote(&seed))?;
        }
        writeln!(self.out)
    }

    fn findings(&mut self, article: &Article, f: &Findings) -> io::Result<()> {
        self.new.add(article, f);
        // A stub's id is chosen when its name is first seen, for the statements to use.
        for (base, entry) in self.new.by_slug.iter_mut() {
            if entry.id.is_none() {
                let id = unique_id(base, &self.taken);
                self.taken.insert(id.clone());
                entry.id = Some(id);
            }
        }
        for m in f
            .mentions
            .iter()
            .filter(|m| m.status == MentionStatus::Ambiguous)
        {
            if self.ambiguous.len() < MAX_NOTES {
                self.ambiguous.push(format!(
                    "#   «{}» at characters {} ({}): {}",
                    safe(&m.text),
                    m.span,
                    m.entities.join(", "),
                    m.note.as_deref().unwrap_or("")
                ));
            }
        }
        for c in &f.statements {
            if c.confidence < self.min_confidence {
                self.below += 1;
                continue;
            }
            self.statement(article, f, c)?;
        }
        Ok(())
    }

    fn end(&mut self, article: &Article, sentences: usize) -> io::Result<()> {
        if !self.known.is_empty() {
            writeln!(self.out, "# Already in the graph (not repeated):")?;
            for line in &self.known {
                writeln!(self.out, "{line}")?;
            }
            writeln!(self.out)?;
        }
        if !self.ambiguous.is_empty() {
            writeln!(self.out, "# Names found but not linked (ambiguous):")?;
            for line in &self.ambiguous {
                writeln!(self.out, "{line}")?;
            }
            writeln!(self.out)?;
        }
        writeln!(
            self.out,
            "# {}: {sentences} sentence{}{}; {} new statements, {} incomplete, {} already in the graph, {} under confidence {:.2}\n",
            safe(&article.file.display().to_string()),
            if sentences == 1 { "" } else { "s" },
            article
                .date
                .map(|d| format!(", article date {d}"))
                .unwrap_or_default(),
            self.statements,
            self.incomplete,
            self.known.len(),
            self.below,
            self.min_confidence
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.new.by_slug.is_empty() {
            return Ok(());
        }
        writeln!(
            self.out,
            "# ---------------------------------------------------------------- new entities\n"
        )?;
        let stubs: Vec<(String, NewEntity)> = self
            .new
            .by_slug
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (base, e) in stubs {
            let id =
                e.id.clone()
                    .unwrap_or_else(|| unique_id(&base, &self.taken));
            self.taken.insert(id.clone());
            writeln!(
                self.out,
                "# NEW — review: «{}», {} mention{}, first at characters {} of {}",
                safe(&e.name),
                e.mentions,
                if e.mentions == 1 { "" } else { "s" },
                e.first,
                safe(&e.file)
            )?;
            writeln!(self.out, "[[entity]]")?;
            writeln!(self.out, "id = {}", quote(&id))?;
            match &e.class {
                Some(c) => writeln!(
                    self.out,
                    "class = {}  # guessed from the words before it — review",
                    quote(c)
                )?,
                None => writeln!(
                    self.out,
                    "class = \"Agent\"  # PLACEHOLDER — no cue: choose a class of ontology/iagraph.ttl"
                )?,
            }
            writeln!(self.out, "label_fr = {}", quote(&e.name))?;
            writeln!(self.out, "label_en = {}", quote(&e.name))?;
            let sources: Vec<String> = e.sources.iter().map(|s| quote(s)).collect();
            writeln!(self.out, "mentioned_in = [{}]\n", sources.join(", "))?;
        }
        Ok(())
    }
}

struct JsonSink<'a> {
    out: &'a mut dyn Write,
    min_confidence: f32,
    files: usize,
    sentences: usize,
    new: NewEntities,
}

fn json<T: serde::Serialize>(value: &T) -> io::Result<String> {
    serde_json::to_string(value).map_err(io::Error::other)
}

impl Sink for JsonSink<'_> {
    fn begin(&mut self, article: &Article) -> io::Result<()> {
        if self.files == 0 {
            write!(self.out, "{{\"files\":[")?;
        } else {
            write!(self.out, ",")?;
        }
        self.files += 1;
        self.sentences = 0;
        self.new = NewEntities::default();
        write!(
            self.out,
            "\n{{\"file\":{},\"source\":{},\"sentences\":[",
            json(&article.file.display().to_string())?,
            json(&article.source)?
        )
    }

    fn findings(&mut self, article: &Article, f: &Findings) -> io::Result<()> {
        self.new.add(article, f);
        let mut f = f.clone();
        f.statements.retain(|c| c.confidence >= self.min_confidence);
        if self.sentences > 0 {
            write!(self.out, ",")?;
        }
        self.sentences += 1;
        write!(self.out, "\n{}", json(&f)?)
    }

    fn end(&mut self, article: &Article, sentences: usize) -> io::Result<()> {
        let new: Vec<serde_json::Value> = self
            .new
            .by_slug
            .iter()
            .map(|(id, e)| serde_json::json!({"id": id, "name": e.name, "class": e.class, "mentions": e.mentions, "first": e.first}))
            .collect();
        write!(
            self.out,
            "\n],\"article_date\":{},\"sentence_count\":{},\"new_entities\":{}}}",
            json(&article.date.map(|d| d.to_string()))?,
            sentences,
            json(&new)?
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.files == 0 {
            write!(self.out, "{{\"files\":[")?;
        }
        writeln!(self.out, "\n]}}")
    }
}

struct TableSink<'a> {
    out: &'a mut dyn Write,
    min_confidence: f32,
    header: bool,
}

/// At most `n` characters.
fn cut(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

impl TableSink<'_> {
    fn row(
        &mut self,
        span: &Span,
        kind: &str,
        text: &str,
        value: &str,
        confidence: f32,
        rule: &str,
    ) -> io::Result<()> {
        writeln!(
            self.out,
            "{:<13} {:<10} {:<42} {:<44} {:.2}  {}",
            span.to_string(),
            kind,
            cut(text, 42),
            cut(value, 44),
            confidence,
            rule
        )
    }
}

impl Sink for TableSink<'_> {
    fn begin(&mut self, article: &Article) -> io::Result<()> {
        if !self.header {
            self.header = true;
            writeln!(
                self.out,
                "{:<13} {:<10} {:<42} {:<44} {:<5} rule",
                "characters", "kind", "text", "value", "conf."
            )?;
        }
        writeln!(
            self.out,
            "== {} (source {})",
            article.file.display(),
            article.source
        )
    }

    fn findings(&mut self, _: &Article, f: &Findings) -> io::Result<()> {
        for m in &f.mentions {
            let (kind, value) = match m.status {
                MentionStatus::Linked => ("entity", m.entities.join(" ")),
                MentionStatus::Ambiguous => (
                    "ambiguous",
                    format!(
                        "{}? {}",
                        m.entities.join("|"),
                        m.note.as_deref().unwrap_or("")
                    ),
                ),
                MentionStatus::New => (
                    "new",
                    format!("NEW {}", m.class.as_deref().unwrap_or("(class?)")),
                ),
            };
            self.row(&m.span, kind, &m.text, &value, m.confidence, &m.rule)?;
        }
        for a in &f.amounts {
            let mut value = money_text(a);
            if let Some(q) = a.qualifier {
                value.push_str(&format!(" ({})", q.describe()));
            }
            self.row(&a.span, "amount", &a.text, &value, a.confidence, &a.rule)?;
        }
        for q in &f.quantities {
            let value = format!(
                "{} {}",
                bounds_text(&q.bounds),
                q.unit.as_deref().unwrap_or("")
            );
            self.row(&q.span, "quantity", &q.text, &value, q.confidence, &q.rule)?;
        }
        for d in &f.dates {
            let value =
                format!("{:?} {}", d.kind, d.value.as_deref().unwrap_or("?")).to_lowercase();
            self.row(&d.span, "date", &d.text, &value, d.confidence, &d.rule)?;
        }
        let min = self.min_confidence;
        for c in f.statements.iter().filter(|c| c.confidence >= min) {
            let mut value = describe(c);
            if let Some(id) = &c.known_as {
                value = format!("in graph: {id}");
            }
            self.row(
                &c.span,
                "statement",
                &c.evidence,
                &value,
                c.confidence,
                &c.rule,
            )?;
        }
        Ok(())
    }

    fn end(&mut self, article: &Article, sentences: usize) -> io::Result<()> {
        writeln!(
            self.out,
            "({sentences} sentence{}{})",
            if sentences == 1 { "" } else { "s" },
            article
                .date
                .map(|d| format!(", article date {d}"))
                .unwrap_or_default()
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}
