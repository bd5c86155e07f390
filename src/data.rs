//! Reads `data/` and checks it against the ontology.
//!
//! Every problem found is reported with its file, line and column, all at
//! once, so that a curator fixes a batch of mistakes in one pass.
//!
//! The files are read in two passes so that the statements, which are most
//! of the data, can stream: first `sources.toml` and the files that declare
//! entities (the [`Catalog`], which statements refer to and whose labels
//! their own labels quote), then the statements, one file at a time, each
//! checked and handed on before the next file is read. Memory holds the
//! catalog, a table of ids (to refuse duplicates and name where the first
//! one is) and one file of statements, not all of them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::str::FromStr;

use oxigraph::model::Literal;
use serde::de::DeserializeOwned;

use crate::error::{BoundsError, DataError, DataErrorKind, Error, LineIndex, Location, Result};
use crate::french::MONTHS;
use crate::model::{Entity, FactsFile, Number, Source, SourcesFile, Spanned, Statement};
use crate::ontology::Ontology;
use crate::vocab::xsd;

/// The file that lists the source articles.
pub const SOURCES_FILE: &str = "sources.toml";

/// Relations whose statement carries a quantity instead of an object.
pub const QUANTITY_RELATIONS: &[&str] = &["hasTarget", "hasFigure"];

/// The modality (`skos:notation` of `iag:Reported`) of the statements that
/// also get a plain edge `subject relation object`.
pub const TRUTHY_MODALITY: &str = "reported";

/// Classes of the nodes the mapping creates, which entities cannot take.
pub const RECORD_CLASSES: &[&str] = &[
    "Statement",
    "Funding",
    "QuantifiedTarget",
    "QuantifiedFigure",
    "Evidence",
    "SourceArticle",
    "Inference",
];

/// Longest evidence fragment accepted: a clause, not a paragraph.
pub const MAX_EVIDENCE_CHARS: usize = 200;

/// The checked contents of `data/`, all in memory.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub statements: Vec<Statement>,
    /// Where each id (source, entity or statement) is defined.
    pub locations: HashMap<String, Location>,
    /// Where each `same_as` link is written (a link is on one entity only).
    pub link_locations: HashMap<String, Location>,
}

impl Dataset {
    /// Reads and checks every `*.toml` file of `dir`.
    pub fn load(dir: &Path, ontology: &Ontology) -> Result<Self> {
        let mut reader = Reader::new(ontology, toml_files(dir)?, &from_disk, true);
        reader.run(&mut |_, _, _| Ok(()))?;
        Self::collect(reader)
    }

    /// Checks files given as `(path, content)`; the one named `sources.toml`
    /// holds the sources, the others entities and statements.
    pub fn from_texts(files: &[(PathBuf, String)], ontology: &Ontology) -> Result<Self> {
        let paths = files.iter().map(|(p, _)| p.clone()).collect();
        let text_of = |path: &Path| {
            let (_, text) = files
                .iter()
                .find(|(p, _)| p == path)
                .expect("the paths are those of `files`");
            Ok(Cow::Borrowed(text.as_str()))
        };
        let mut reader = Reader::new(ontology, paths, &text_of, true);
        reader.run(&mut |_, _, _| Ok(()))?;
        Self::collect(reader)
    }

    fn collect(reader: Reader<'_, '_>) -> Result<Self> {
        let locations = reader
            .ids
            .iter()
            .map(|(id, def)| (id.to_string(), reader.location(def)))
            .collect();
        Ok(Self {
            sources: reader.catalog.sources,
            entities: reader.catalog.entities,
            statements: reader.kept,
            locations,
            link_locations: reader
                .links
                .into_iter()
                .map(|(iri, (location, _))| (iri, location))
                .collect(),
        })
    }

    /// Checks that every evidence fragment occurs verbatim in its article,
    /// read from `seeds` (the folder holding each source's `seed` file).
    /// Returns one message per fragment that does not, with its location.
    pub fn check_evidence(&self, seeds: &Path) -> Result<Vec<String>> {
        let mut texts: HashMap<&str, Option<String>> = HashMap::new();
        for source in &self.sources {
            let text = match &source.seed {
                Some(file) => {
                    let path = seeds.join(file);
                    Some(
                        std::fs::read_to_string(&path)
                            .map_err(|e| Error::Read { path, source: e })?,
                    )
                }
                None => None,
            };
            texts.insert(source.id.get_ref(), text);
        }
        let mut problems = Vec::new();
        for st in &self.statements {
            for c in &st.sources {
                let evidence = c.evidence.get_ref().trim();
                let at = self
                    .locations
                    .get(st.id.get_ref())
                    .map(ToString::to_string)
                    .unwrap_or_default();
                match texts.get(c.source.get_ref().as_str()) {
                    Some(Some(text)) if text.contains(evidence) => {}
                    Some(Some(_)) => problems.push(format!(
                        "{at}: statement `{}`: evidence «{evidence}» is not in the article `{}`",
                        st.id.get_ref(),
                        c.source.get_ref()
                    )),
                    _ => problems.push(format!(
                        "{at}: statement `{}`: source `{}` has no seed file to check against",
                        st.id.get_ref(),
                        c.source.get_ref()
                    )),
                }
            }
        }
        Ok(problems)
    }
}

/// The sources and entities: what statements refer to.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    entity_by_id: HashMap<String, usize>,
    /// ISO 4217 code → id of its Currency entity.
    currencies: BTreeMap<String, String>,
    /// Source id → language tag.
    languages: HashMap<String, String>,
    /// Source id → publication date, where the article gives it.
    source_dates: HashMap<String, String>,
}

impl Catalog {
    /// The catalog of checked sources and entities.
    pub fn new(sources: Vec<Source>, entities: Vec<Entity>, ontology: &Ontology) -> Self {
        let entity_by_id = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.get_ref().clone(), i))
            .collect();
        let currencies = entities
            .iter()
            .filter(|e| ontology.is_subclass_of(e.class.get_ref(), "Currency"))
            .filter_map(|e| {
                Some((
                    e.iso4217.as_ref()?.get_ref().clone(),
                    e.id.get_ref().clone(),
                ))
            })
            .collect();
        let languages = sources
            .iter()
            .map(|s| (s.id.get_ref().clone(), s.language.clone()))
            .collect();
        let source_dates = sources
            .iter()
            .filter_map(|s| Some((s.id.get_ref().clone(), s.date.as_ref()?.get_ref().clone())))
            .collect();
        Self {
            sources,
            entities,
            entity_by_id,
            currencies,
            languages,
            source_dates,
        }
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The id of the Currency entity whose ISO 4217 code is `code`.
    pub fn currency_entity(&self, code: &str) -> Option<&str> {
        self.currencies.get(code).map(String::as_str)
    }

    /// The language of a source's articles.
    pub fn language(&self, source: &str) -> Option<&str> {
        self.languages.get(source).map(String::as_str)
    }
}

/// What [`stream`] read.
#[derive(Debug, Clone)]
pub struct Summary {
    pub catalog: Catalog,
    pub statements: usize,
}

/// One data file while it is read: its path and text, to locate its records.
pub struct FileView<'a> {
    pub path: &'a Path,
    text: &'a str,
    lines: LineIndex,
}

impl<'a> FileView<'a> {
    fn new(path: &'a Path, text: &'a str) -> Self {
        Self {
            path,
            text,
            lines: LineIndex::new(text),
        }
    }

    /// The location of byte `offset` of the file.
    pub fn locate(&self, offset: usize) -> Location {
        self.lines.locate(self.path, self.text, offset)
    }
}

/// What receives each file's checked statements, with the catalog they
/// refer to and the file they come from.
pub type Sink<'a> = dyn FnMut(&Catalog, &FileView<'_>, Vec<Statement>) -> Result<()> + 'a;

/// Reads and checks `dir` like [`Dataset::load`], handing each file's
/// statements to `sink` once they are checked, with the catalog they refer
/// to. Once a problem is found, the statements that follow are still checked
/// (so that all problems are reported) but no longer handed on; the result
/// is then [`Error::Data`].
pub fn stream(dir: &Path, ontology: &Ontology, sink: &mut Sink<'_>) -> Result<Summary> {
    let mut reader = Reader::new(ontology, toml_files(dir)?, &from_disk, false);
    reader.run(sink)?;
    Ok(Summary {
        statements: reader.statements,
        catalog: reader.catalog,
    })
}

/// The `*.toml` files of `dir`, in name order; `sources.toml` must be one.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let read_err = |source| Error::Read {
        path: dir.to_owned(),
        source,
    };
    let mut files = std::fs::read_dir(dir)
        .map_err(read_err)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(read_err)?;
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let sources_path = dir.join(SOURCES_FILE);
    if !files.contains(&sources_path) {
        return Err(Error::Read {
            path: sources_path,
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    }
    Ok(files)
}

fn from_disk(path: &Path) -> Result<Cow<'static, str>> {
    std::fs::read_to_string(path)
        .map(Cow::Owned)
        .map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })
}

fn is_sources_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == SOURCES_FILE)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Source,
    Entity,
    Statement,
}

/// Where an id is defined: file (index), line and column.
#[derive(Debug, Clone, Copy)]
struct Def {
    file: u32,
    line: u32,
    column: u32,
    kind: Kind,
}

type TextOf<'r> = dyn Fn(&Path) -> Result<Cow<'r, str>> + 'r;

/// The state of one reading of `data/`.
struct Reader<'o, 'r> {
    ontology: &'o Ontology,
    paths: Rc<[PathBuf]>,
    text_of: &'r TextOf<'r>,
    /// Keep the statements (for [`Dataset`]) rather than only hand them on.
    keep: bool,
    errors: Vec<DataError>,
    ids: HashMap<Box<str>, Def>,
    catalog: Catalog,
    /// Where each `same_as` link is written, and by which entity.
    links: HashMap<String, (Location, String)>,
    /// ISO codes seen: (field, code) → where, and which entity.
    codes: HashMap<(&'static str, String), (Location, String)>,
    kept: Vec<Statement>,
    statements: usize,
    /// Which entities (by catalog index) a statement or a source names.
    cited: Vec<bool>,
    known_relations: String,
    known_currencies: String,
    known_modalities: String,
    /// Statements with an amount: id → (lowest, highest, currency); `None`
    /// bounds are open.
    amounts: HashMap<String, (Option<f64>, Option<f64>, String)>,
    /// `part_of` links: (statement, where its `part_of` is, target).
    parts: Vec<(String, Location, String)>,
}

impl<'o, 'r> Reader<'o, 'r> {
    fn new(
        ontology: &'o Ontology,
        paths: Vec<PathBuf>,
        text_of: &'r TextOf<'r>,
        keep: bool,
    ) -> Self {
        Self {
            ontology,
            paths: paths.into(),
            text_of,
            keep,
            errors: Vec::new(),
            ids: HashMap::new(),
            catalog: Catalog::default(),
            links: HashMap::new(),
            codes: HashMap::new(),
            kept: Vec::new(),
            statements: 0,
            cited: Vec::new(),
            known_relations: ontology
                .relations
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            known_currencies: String::new(),
            known_modalities: ontology
                .modalities
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            amounts: HashMap::new(),
            parts: Vec::new(),
        }
    }

    fn push(&mut self, location: Location, kind: DataErrorKind) {
        self.errors.push(DataError { location, kind });
    }

    fn location(&self, def: &Def) -> Location {
        Location {
            file: self.paths[def.file as usize].clone(),
            line: def.line as usize,
            column: def.column as usize,
        }
    }

    fn run(&mut self, sink: &mut Sink<'_>) -> Result<()> {
        let paths = Rc::clone(&self.paths);
        self.read_all(&paths, sink)?;
        self.check_orphans();
        self.check_parts();
        if self.errors.is_empty() {
            return Ok(());
        }
        let mut errors = std::mem::take(&mut self.errors);
        errors.sort_by(|a, b| {
            (&a.location.file, a.location.line, a.location.column).cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
            ))
        });
        Err(Error::Data(errors))
    }

    fn read_all(&mut self, paths: &[PathBuf], sink: &mut Sink<'_>) -> Result<()> {
        // First pass: the sources, and every file that may declare entities
        // (the key is spelt out in a file that does); the others wait.
        let mut catalog_texts = Vec::new();
        let mut statement_files = Vec::new();
        for (index, path) in paths.iter().enumerate() {
            let text = (self.text_of)(path)?;
            if is_sources_file(path) || text.contains("entity") {
                catalog_texts.push((index, text));
            } else {
                statement_files.push(index);
            }
        }
        let views: Vec<(usize, FileView<'_>)> = catalog_texts
            .iter()
            .map(|(i, text)| (*i, FileView::new(&paths[*i], text)))
            .collect();
        let mut sources = Vec::new();
        let mut entities = Vec::new();
        let mut pending = Vec::new();
        for (v, (_, view)) in views.iter().enumerate() {
            if is_sources_file(view.path) {
                if let Some(f) = self.parse::<SourcesFile>(view) {
                    sources.extend(f.sources.into_iter().map(|s| (v, s)));
                }
            } else if let Some(f) = self.parse::<FactsFile>(view) {
                entities.extend(f.entities.into_iter().map(|e| (v, e)));
                if !f.statements.is_empty() {
                    pending.push((v, f.statements));
                }
            }
        }
        for (v, source) in &sources {
            let (file, view) = &views[*v];
            self.define(*file, view, &source.id, Kind::Source);
        }
        for (v, entity) in &entities {
            let (file, view) = &views[*v];
            self.define(*file, view, &entity.id, Kind::Entity);
        }
        let (entity_views, entities): (Vec<usize>, Vec<Entity>) = entities.into_iter().unzip();
        let (source_views, sources): (Vec<usize>, Vec<Source>) = sources.into_iter().unzip();
        let catalog = Catalog::new(sources, entities, self.ontology);
        for (v, entity) in entity_views.iter().zip(&catalog.entities) {
            self.check_entity(&views[*v].1, entity);
        }
        for (v, source) in source_views.iter().zip(&catalog.sources) {
            self.check_source(&views[*v].1, source);
        }
        self.cited = vec![false; catalog.entities.len()];
        self.catalog = catalog;
        let named_by_sources: Vec<String> = self
            .catalog
            .sources
            .iter()
            .flat_map(|s| [&s.publisher, &s.author])
            .flatten()
            .map(|e| e.get_ref().clone())
            .collect();
        for entity in named_by_sources {
            self.cite(&entity);
        }
        self.known_currencies = if self.catalog.currencies.is_empty() {
            "none".to_owned()
        } else {
            self.catalog
                .currencies
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        };
        // Second pass: the statements, one file at a time.
        for (v, statements) in pending {
            let (file, view) = &views[v];
            self.statements_of(*file, view, statements, sink)?;
        }
        drop(views);
        drop(catalog_texts);
        for file in statement_files {
            let path = &paths[file];
            let text = (self.text_of)(path)?;
            let view = FileView::new(path, &text);
            let Some(facts) = self.parse::<FactsFile>(&view) else {
                continue;
            };
            if let Some(e) = facts.entities.first() {
                // Only a key written with escapes hides from the first pass.
                self.push(
                    view.locate(e.id.span().start),
                    DataErrorKind::EscapedEntityKey,
                );
            }
            self.statements_of(file, &view, facts.statements, sink)?;
        }
        Ok(())
    }

    fn parse<T: DeserializeOwned>(&mut self, view: &FileView<'_>) -> Option<T> {
        match toml::from_str(view.text) {
            Ok(value) => Some(value),
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                self.push(view.locate(offset), DataErrorKind::Syntax(e));
                None
            }
        }
    }

    /// Records where an id is defined; ids share one namespace, as they all
    /// become IRIs under `id/`.
    fn define(&mut self, file: usize, view: &FileView<'_>, id: &Spanned<String>, kind: Kind) {
        let location = view.locate(id.span().start);
        if let Err(reason) = check_slug(id.get_ref()) {
            self.push(
                location.clone(),
                DataErrorKind::BadId {
                    id: id.get_ref().clone(),
                    reason,
                },
            );
        }
        if let Some(first) = self.ids.get(id.get_ref().as_str()).copied() {
            let first = self.location(&first);
            self.push(
                location,
                DataErrorKind::DuplicateId {
                    id: id.get_ref().clone(),
                    first,
                },
            );
        } else {
            let def = Def {
                file: u32::try_from(file).unwrap_or(u32::MAX),
                line: u32::try_from(location.line).unwrap_or(u32::MAX),
                column: u32::try_from(location.column).unwrap_or(u32::MAX),
                kind,
            };
            self.ids.insert(id.get_ref().as_str().into(), def);
        }
    }

    fn has(&self, id: &Spanned<String>, kind: Kind) -> bool {
        self.ids
            .get(id.get_ref().as_str())
            .is_some_and(|def| def.kind == kind)
    }

    fn cite(&mut self, entity: &str) {
        if let Some(&i) = self.catalog.entity_by_id.get(entity) {
            self.cited[i] = true;
        }
    }

    fn check_date(&mut self, location: Location, date: &Spanned<String>) {
        if let Err(reason) = parse_date(date.get_ref()) {
            self.push(
                location,
                DataErrorKind::BadDate {
                    value: date.get_ref().clone(),
                    reason,
                },
            );
        }
    }

    fn check_source(&mut self, view: &FileView<'_>, source: &Source) {
        for entity in [&source.publisher, &source.author].into_iter().flatten() {
            if !self.has(entity, Kind::Entity) {
                self.push(view.locate(entity.span().start), unknown_entity(entity));
            }
        }
        if let Some(date) = &source.date {
            self.check_date(view.locate(date.span().start), date);
        }
        if crate::vocab::eu_language(&source.language).is_none() {
            self.push(
                view.locate(source.id.span().start),
                DataErrorKind::BadLanguage {
                    source_id: source.id.get_ref().clone(),
                    language: source.language.clone(),
                },
            );
        }
    }

    fn check_entity(&mut self, view: &FileView<'_>, entity: &Entity) {
        let ontology = self.ontology;
        let class = entity.class.get_ref();
        let is_entity_class =
            ontology.classes.contains_key(class) && !RECORD_CLASSES.contains(&class.as_str());
        if !is_entity_class {
            let known = ontology
                .classes
                .keys()
                .map(String::as_str)
                .filter(|c| !RECORD_CLASSES.contains(c))
                .collect::<Vec<_>>()
                .join(", ");
            self.push(
                view.locate(entity.class.span().start),
                DataErrorKind::UnknownClass {
                    name: class.clone(),
                    known,
                },
            );
        }
        for source in &entity.mentioned_in {
            if !self.has(source, Kind::Source) {
                self.push(view.locate(source.span().start), unknown_source(source));
            }
        }
        for iri in &entity.same_as {
            let location = view.locate(iri.span().start);
            if let Err(reason) = check_link(iri.get_ref(), |c| ontology.is_subclass_of(class, c)) {
                self.push(
                    location.clone(),
                    DataErrorKind::BadIri {
                        iri: iri.get_ref().clone(),
                        reason,
                    },
                );
            }
            // Two entities the same as one item would be one entity.
            match self.links.get(iri.get_ref()) {
                Some((first, owner)) => {
                    let reason = format!("already linked from `{owner}` at {first}");
                    self.push(
                        location,
                        DataErrorKind::BadIri {
                            iri: iri.get_ref().clone(),
                            reason,
                        },
                    );
                }
                None => {
                    let owner = entity.id.get_ref().clone();
                    self.links.insert(iri.get_ref().clone(), (location, owner));
                }
            }
        }
        if let Some(article) = &entity.article_fr {
            if !["le", "la", "l'", "les"].contains(&article.get_ref().as_str()) {
                self.push(
                    view.locate(article.span().start),
                    DataErrorKind::BadArticle(article.get_ref().clone()),
                );
            }
        }
        for lang in &entity.plural {
            if lang.parse::<crate::wording::Lang>().is_err() {
                self.push(
                    view.locate(entity.id.span().start),
                    DataErrorKind::BadPlural(lang.clone()),
                );
            }
        }
        let state_words = [
            ("demonyms_fr", &entity.demonyms_fr),
            ("combining_forms_fr", &entity.combining_forms_fr),
        ];
        for (field, words) in state_words {
            if let Some(first) = words.first() {
                if !ontology.is_subclass_of(class, "State") {
                    self.push(
                        view.locate(first.span().start),
                        DataErrorKind::StateWordsOnNonState {
                            field,
                            class: class.to_owned(),
                        },
                    );
                }
            }
        }
        let codes = [
            (&entity.iso3166, "iso3166", "State", 2, "ISO 3166-1 alpha-2"),
            (&entity.iso4217, "iso4217", "Currency", 3, "ISO 4217"),
        ];
        for (code, field, code_class, len, standard) in codes {
            let Some(code) = code else { continue };
            let location = view.locate(code.span().start);
            let value = code.get_ref();
            let key = (field, value.clone());
            let problem = if value.len() != len || !value.bytes().all(|b| b.is_ascii_uppercase()) {
                Some(format!(
                    "an {standard} code is {len} upper-case ASCII letters"
                ))
            } else if !ontology.is_subclass_of(class, code_class) {
                Some(format!("only {code_class} entities have one, not {class}"))
            } else if let Some((first, other)) = self.codes.get(&key) {
                Some(format!("already the code of `{other}` at {first}"))
            } else {
                self.codes
                    .insert(key, (location.clone(), entity.id.get_ref().clone()));
                None
            };
            if let Some(reason) = problem {
                self.push(
                    location,
                    DataErrorKind::BadCode {
                        field,
                        code: value.clone(),
                        reason,
                    },
                );
            }
        }
    }

    /// Checks one file's statements and hands them on (or keeps them).
    fn statements_of(
        &mut self,
        file: usize,
        view: &FileView<'_>,
        statements: Vec<Statement>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        for st in &statements {
            self.define(file, view, &st.id, Kind::Statement);
            self.check_statement(view, st);
        }
        self.statements += statements.len();
        if self.keep {
            self.kept.extend(statements);
        } else if self.errors.is_empty() {
            sink(&self.catalog, view, statements)?;
        }
        Ok(())
    }

    fn check_statement(&mut self, view: &FileView<'_>, st: &Statement) {
        let ontology = self.ontology;
        let at = |offset: usize| view.locate(offset);
        let relation = st.relation.get_ref().as_str();
        if !ontology.relations.contains_key(relation) {
            let known = self.known_relations.clone();
            self.push(
                at(st.relation.span().start),
                DataErrorKind::UnknownRelation {
                    name: relation.to_owned(),
                    known,
                },
            );
        }
        for entity in st.entity_refs() {
            if self.has(entity, Kind::Entity) {
                self.cite(entity.get_ref());
            } else {
                self.push(at(entity.span().start), unknown_entity(entity));
            }
        }
        if let Some(event) = &st.occasion {
            if let Some(e) = self.catalog.entity(event.get_ref()) {
                let class = e.class.get_ref();
                if !ontology.is_subclass_of(class, "Event") {
                    let problem = DataErrorKind::OccasionNotEvent {
                        occasion: event.get_ref().clone(),
                        class: class.clone(),
                    };
                    self.push(at(event.span().start), problem);
                }
            }
        }
        let here = || at(st.id.span().start);
        self.check_domain_range(view, st);
        match &st.modality {
            None => self.push(
                here(),
                DataErrorKind::MissingModality {
                    statement: st.id.get_ref().clone(),
                    known: self.known_modalities.clone(),
                },
            ),
            Some(m) if !ontology.modalities.contains_key(m.get_ref()) => {
                let problem = DataErrorKind::UnknownModality {
                    name: m.get_ref().clone(),
                    known: self.known_modalities.clone(),
                };
                self.push(at(m.span().start), problem);
            }
            Some(_) => {}
        }
        let quantified = QUANTITY_RELATIONS.contains(&relation);
        match (quantified, &st.object, &st.quantity) {
            (true, Some(o), _) => self.push(
                at(o.span().start),
                DataErrorKind::ObjectOfQuantity(relation.to_owned()),
            ),
            (true, None, None) => {
                self.push(here(), DataErrorKind::MissingQuantity(relation.to_owned()))
            }
            (false, None, _) if ontology.relations.contains_key(relation) => {
                self.push(here(), DataErrorKind::MissingObject(relation.to_owned()))
            }
            _ => {}
        }
        if let Some(amount) = &st.amount {
            let code = amount.currency.get_ref();
            match self.catalog.currencies.get(code.as_str()) {
                Some(currency) => {
                    let currency = currency.clone();
                    self.cite(&currency);
                }
                None => {
                    let known = self.known_currencies.clone();
                    self.push(
                        at(amount.currency.span().start),
                        DataErrorKind::UnknownCurrency {
                            code: code.clone(),
                            known,
                        },
                    );
                }
            }
            if let Err(problem) = check_bounds(amount.value, amount.min, amount.max) {
                self.push(
                    here(),
                    DataErrorKind::BadNumbers {
                        what: "amount",
                        problem,
                    },
                );
            }
            let (lo, hi) = match amount.value {
                Some(v) => (Some(v.as_f64()), Some(v.as_f64())),
                None => (
                    amount.min.map(Number::as_f64),
                    amount.max.map(Number::as_f64),
                ),
            };
            self.amounts
                .insert(st.id.get_ref().clone(), (lo, hi, code.clone()));
        }
        if let Some(whole) = &st.part_of {
            if st.amount.is_none() {
                self.push(at(whole.span().start), DataErrorKind::PartOfWithoutAmount);
            }
            self.parts.push((
                st.id.get_ref().clone(),
                at(whole.span().start),
                whole.get_ref().clone(),
            ));
        }
        if st.start_date.is_some() && st.date.is_some() {
            self.push(here(), DataErrorKind::StartDateAndDate);
        }
        if let Some(q) = &st.quantity {
            let baseline = q
                .baseline
                .map_or(Ok(()), |b| check_bounds(Some(b), None, None));
            if let Err(problem) = check_bounds(q.value, q.min, q.max).and(baseline) {
                self.push(
                    here(),
                    DataErrorKind::BadNumbers {
                        what: "quantity",
                        problem,
                    },
                );
            }
        }
        let dated = [
            ("date", &st.date),
            ("start_date", &st.start_date),
            ("end_date", &st.end_date),
            ("deadline", &st.deadline),
        ];
        for (field, date) in dated {
            let Some(date) = date else { continue };
            self.check_date(at(date.span().start), date);
            let inferred = st.inferred.fields().any(|(f, _)| f == field);
            let valid = parse_date(date.get_ref()).is_ok();
            if valid && !inferred && !self.date_is_written(date.get_ref(), st) {
                self.push(
                    at(date.span().start),
                    DataErrorKind::DateFinerThanText {
                        field,
                        date: date.get_ref().clone(),
                    },
                );
            }
        }
        for (field, reason) in st.inferred.fields() {
            let set = match field {
                "date" => st.date.is_some(),
                "start_date" => st.start_date.is_some(),
                "end_date" => st.end_date.is_some(),
                "deadline" => st.deadline.is_some(),
                "announced_by" => st.announced_by.is_some(),
                "part_of" => st.part_of.is_some(),
                _ => st.occasion.is_some(),
            };
            if !set {
                self.push(
                    at(reason.span().start),
                    DataErrorKind::InferredNotGiven(field.to_owned()),
                );
            } else if reason.get_ref().trim().is_empty() {
                self.push(
                    at(reason.span().start),
                    DataErrorKind::InferredWithoutReason(field.to_owned()),
                );
            }
        }
        if st.sources.is_empty() {
            self.push(
                here(),
                DataErrorKind::MissingSource(st.id.get_ref().clone()),
            );
        }
        for (i, citation) in st.sources.iter().enumerate() {
            if !self.has(&citation.source, Kind::Source) {
                self.push(
                    at(citation.source.span().start),
                    unknown_source(&citation.source),
                );
            }
            let source = citation.source.get_ref();
            if st.sources[..i].iter().any(|c| c.source.get_ref() == source) {
                self.push(
                    at(citation.source.span().start),
                    DataErrorKind::SourceCitedTwice(source.clone()),
                );
            }
            let evidence = citation.evidence.get_ref().trim();
            let location = at(citation.evidence.span().start);
            let chars = evidence.chars().count();
            if evidence.is_empty() {
                self.push(location, DataErrorKind::EmptyEvidence);
            } else if chars > MAX_EVIDENCE_CHARS {
                self.push(
                    location,
                    DataErrorKind::EvidenceTooLong {
                        chars,
                        max: MAX_EVIDENCE_CHARS,
                    },
                );
            }
        }
    }

    /// The subject and object of a relation are of its `rdfs:domain` and
    /// `rdfs:range` in the ontology, where it gives them.
    fn check_domain_range(&mut self, view: &FileView<'_>, st: &Statement) {
        let ontology = self.ontology;
        let relation = st.relation.get_ref();
        let ends = [
            (Some(&st.subject), ontology.domains.get(relation), "domain"),
            (st.object.as_ref(), ontology.ranges.get(relation), "range"),
        ];
        for (end, class, what) in ends {
            let (Some(end), Some(class)) = (end, class) else {
                continue;
            };
            let Some(entity) = self.catalog.entity(end.get_ref()) else {
                continue;
            };
            let is = entity.class.get_ref();
            if ontology.classes.contains_key(class) && !ontology.is_subclass_of(is, class) {
                let problem = DataErrorKind::OutsideDomainOrRange {
                    entity: end.get_ref().clone(),
                    class: is.clone(),
                    end: what,
                    relation: relation.clone(),
                    expected: class.clone(),
                };
                self.push(view.locate(end.span().start), problem);
            }
        }
    }

    /// Whether the statement's quotations or sources give `date` to its
    /// precision: a year, month or day that a quotation writes (« 21 mai »,
    /// « juin 2023 », « depuis 2018 »), the source's date, or a quotation's
    /// day and month in the year of its source.
    fn date_is_written(&self, date: &str, st: &Statement) -> bool {
        let mut parts = date.splitn(3, '-');
        let year = parts.next().unwrap_or_default();
        let month = parts
            .next()
            .and_then(|m| m.parse::<usize>().ok())
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
        let day = parts.next().map(|d| d.trim_start_matches('0'));
        st.sources.iter().any(|c| {
            let source_date = self.catalog.source_dates.get(c.source.get_ref());
            if source_date.is_some_and(|d| d.starts_with(date)) {
                return true;
            }
            let quote = c.evidence.get_ref().to_lowercase();
            let words: Vec<&str> = quote
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let year_ok = words.contains(&year) || source_date.is_some_and(|d| d.starts_with(year));
            let month_ok = month.is_none_or(|m| words.contains(m));
            let day_ok =
                day.is_none_or(|d| words.contains(&d) || (d == "1" && words.contains(&"1er")));
            year_ok && month_ok && day_ok
        })
    }

    /// A `part_of` names a statement with an amount in the same currency,
    /// no smaller than the part's, and no chain of them loops.
    fn check_parts(&mut self) {
        let whole_of: HashMap<&str, &str> = self
            .parts
            .iter()
            .map(|(part, _, whole)| (part.as_str(), whole.as_str()))
            .collect();
        let mut problems = Vec::new();
        for (part, location, whole) in &self.parts {
            let is_statement = self
                .ids
                .get(whole.as_str())
                .is_some_and(|d| d.kind == Kind::Statement);
            if !is_statement {
                problems.push((
                    location.clone(),
                    DataErrorKind::PartOfUnknown(whole.clone()),
                ));
                continue;
            }
            let mut seen = vec![part.as_str()];
            let mut next = Some(whole.as_str());
            while let Some(n) = next {
                if seen.contains(&n) {
                    let mut chain: Vec<String> = seen.iter().map(|&s| s.to_owned()).collect();
                    chain.push(n.to_owned());
                    problems.push((location.clone(), DataErrorKind::PartOfLoop(chain)));
                    break;
                }
                seen.push(n);
                next = whole_of.get(n).copied();
            }
            let (Some(p), Some(w)) = (self.amounts.get(part), self.amounts.get(whole)) else {
                if self.amounts.contains_key(part) {
                    problems.push((
                        location.clone(),
                        DataErrorKind::PartOfNoAmount(whole.clone()),
                    ));
                }
                continue;
            };
            if p.2 != w.2 {
                problems.push((
                    location.clone(),
                    DataErrorKind::PartOfOtherCurrency {
                        part: part.clone(),
                        part_currency: p.2.clone(),
                        whole: whole.clone(),
                        whole_currency: w.2.clone(),
                    },
                ));
            } else if let (Some(part_low), Some(whole_high)) = (p.0, w.1) {
                if part_low > whole_high {
                    problems.push((
                        location.clone(),
                        DataErrorKind::PartLargerThanWhole {
                            part: part.clone(),
                            whole: whole.clone(),
                        },
                    ));
                }
            }
        }
        for (location, problem) in problems {
            self.push(location, problem);
        }
    }

    /// Every entity must come from an article: nothing is added that none states.
    fn check_orphans(&mut self) {
        let mut orphans = Vec::new();
        for (i, entity) in self.catalog.entities.iter().enumerate() {
            if entity.mentioned_in.is_empty() && !self.cited[i] {
                if let Some(def) = self.ids.get(entity.id.get_ref().as_str()) {
                    orphans.push((self.location(def), entity.id.get_ref().clone()));
                }
            }
        }
        for (location, id) in orphans {
            self.push(location, DataErrorKind::Orphan(id));
        }
    }
}

fn unknown_entity(id: &Spanned<String>) -> DataErrorKind {
    DataErrorKind::UnknownEntity(id.get_ref().clone())
}

fn unknown_source(id: &Spanned<String>) -> DataErrorKind {
    DataErrorKind::UnknownSource(id.get_ref().clone())
}

/// A value, or bounds, of finite numbers with min ≤ max.
fn check_bounds(
    value: Option<Number>,
    min: Option<Number>,
    max: Option<Number>,
) -> Result<(), BoundsError> {
    if value.is_some() == (min.is_some() || max.is_some()) {
        return Err(BoundsError::ValueOrBounds);
    }
    if [value, min, max]
        .into_iter()
        .flatten()
        .any(|n| !n.as_f64().is_finite())
    {
        return Err(BoundsError::NotFinite);
    }
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo.as_f64() > hi.as_f64() {
            return Err(BoundsError::MinAboveMax {
                min: lo.to_decimal(),
                max: hi.to_decimal(),
            });
        }
    }
    Ok(())
}

/// A `same_as` link: an http(s) IRI; a Wikidata item by its concept IRI
/// (what `link --check` compares), an ELI only on legislation.
/// `is_a(class)` tells whether the linked entity is of that class.
fn check_link(iri: &str, is_a: impl Fn(&str) -> bool) -> Result<(), String> {
    let parsed = iri_string::types::IriStr::new(iri).map_err(|e| e.to_string())?;
    match parsed.scheme_str() {
        "http" | "https" => {}
        other => return Err(format!("scheme `{other}`: link to http(s) datasets only")),
    }
    let host = parsed.authority_components().map(|a| a.host());
    if host.is_some_and(|h| h == "www.wikidata.org" || h == "wikidata.org")
        && wikidata_id(iri).is_none()
    {
        return Err(format!(
            "link a Wikidata item by its concept IRI, {}Q…",
            crate::vocab::wd::NAMESPACE
        ));
    }
    if iri.starts_with(crate::vocab::eli::NAMESPACE) && !is_a("Regulation") {
        return Err("an ELI identifies legislation: only on Regulation entities".into());
    }
    Ok(())
}

/// The Q-id of a Wikidata item's concept IRI (`http://www.wikidata.org/entity/Q90` → `Q90`).
pub fn wikidata_id(iri: &str) -> Option<&str> {
    let id = iri.strip_prefix(crate::vocab::wd::NAMESPACE)?;
    let digits = id.strip_prefix('Q')?;
    (!digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(id)
}

/// Ids are lower-case ASCII words joined by hyphens, so IRIs stay readable.
fn check_slug(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err("use lower-case letters, digits and single hyphens (e.g. `mistral-ai`)".into())
    }
}

/// A date as precise as the article gives it: `YYYY-MM-DD` (`xsd:date`),
/// `YYYY-MM` (`xsd:gYearMonth`) or `YYYY` (`xsd:gYear`).
pub fn parse_date(value: &str) -> Result<Literal, String> {
    let checked = match value.len() {
        10 => oxsdatatypes::Date::from_str(value)
            .map(|_| xsd::DATE)
            .map_err(|e| e.to_string()),
        7 => oxsdatatypes::GYearMonth::from_str(value)
            .map(|_| xsd::G_YEAR_MONTH)
            .map_err(|e| e.to_string()),
        4 => oxsdatatypes::GYear::from_str(value)
            .map(|_| xsd::G_YEAR)
            .map_err(|e| e.to_string()),
        _ => Err("wrong length".into()),
    };
    checked.map(|datatype| Literal::new_typed_literal(value, datatype))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_get_the_most_precise_type() {
        assert_eq!(parse_date("2024-05-21").unwrap().datatype(), xsd::DATE);
        assert_eq!(parse_date("2023-06").unwrap().datatype(), xsd::G_YEAR_MONTH);
        assert_eq!(parse_date("2030").unwrap().datatype(), xsd::G_YEAR);
        assert!(parse_date("2024-13").is_err());
        assert!(parse_date("2024-02-30").is_err());
        assert!(parse_date("21 mai").is_err());
    }

    #[test]
    fn links() {
        let any = |_: &str| false;
        assert!(check_link("http://www.wikidata.org/entity/Q90", any).is_ok());
        assert_eq!(
            wikidata_id("http://www.wikidata.org/entity/Q90"),
            Some("Q90")
        );
        for bad in [
            "https://www.wikidata.org/wiki/Q90",
            "https://www.wikidata.org/entity/Q90",
            "http://www.wikidata.org/entity/P297",
            "http://www.wikidata.org/entity/Q090",
        ] {
            assert!(check_link(bad, any).is_err(), "{bad}");
        }
        let eli = "http://data.europa.eu/eli/reg/2024/1689/oj";
        assert!(check_link(eli, |c| c == "Regulation").is_ok());
        assert!(check_link(eli, any).is_err());
        assert!(check_link("ftp://example.org/x", any).is_err());
    }

    #[test]
    fn slugs() {
        assert!(check_slug("mistral-ai").is_ok());
        for bad in ["Mistral", "a--b", "-a", "a b", "é", ""] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }
}
