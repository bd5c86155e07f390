//! Links to shared identifiers: the Wikidata items, European Legislation
//! Identifiers and ISO codes of the graph's entities.
//!
//! The report and the linkset read the store, so they show what is
//! published; the check against the reference table reads `data/`, so that
//! it can name the file and line of a link.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Term, Triple, Variable};
use serde::Serialize;

use crate::data::{Dataset, RECORD_CLASSES, wikidata_id};
use crate::error::{Error, LinkTableProblem, Location, Result};
use crate::query::{self, Answer, OutputFormat};
use crate::store::Graph;
use crate::vocab::{eli, iag, owl, schema};

/// The properties of the linkset: links to other datasets and shared codes.
pub const LINK_PROPERTIES: &[NamedNodeRef<'static>] = &[
    owl::SAME_AS,
    schema::SAME_AS,
    schema::LEGISLATION_IDENTIFIER,
    iag::ISO_3166_ALPHA_2,
    iag::ISO_4217_CODE,
];

/// One entity and its links, as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityLinks {
    /// The slug of its IRI.
    pub id: String,
    /// The local name of its `iag:` class.
    pub class: String,
    pub label_fr: String,
    /// Q-ids of the Wikidata items it is the same as.
    pub wikidata: Vec<String>,
    /// European Legislation Identifiers (IRIs).
    pub eli: Vec<String>,
    /// Any other `owl:sameAs`.
    pub other_same_as: Vec<String>,
    pub iso3166: Option<String>,
    pub iso4217: Option<String>,
}

impl EntityLinks {
    pub fn has_links(&self) -> bool {
        !(self.wikidata.is_empty()
            && self.eli.is_empty()
            && self.other_same_as.is_empty()
            && self.iso3166.is_none()
            && self.iso4217.is_none())
    }
}

/// How many entities have each kind of link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub entities: usize,
    pub linked: usize,
    pub unlinked: usize,
    pub wikidata: usize,
    pub eli: usize,
    pub other_same_as: usize,
    pub iso3166: usize,
    pub iso4217: usize,
}

/// Every entity of the graph with its links, sorted by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkReport {
    pub entities: Vec<EntityLinks>,
}

impl LinkReport {
    /// Reads the entities and their links from the store.
    pub fn from_graph(graph: &Graph) -> Result<Self> {
        let base = graph.base();
        let records = RECORD_CLASSES
            .iter()
            .map(|c| format!("iag:{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = query::select(
            graph,
            &format!(
                "SELECT ?e ?class ?label WHERE {{
                    ?e a ?class ; rdfs:label ?label .
                    FILTER(STRSTARTS(STR(?class), STR(iag:)) && LANG(?label) = \"fr\")
                    FILTER(?class NOT IN ({records}))
                }}"
            ),
        )?;
        let mut entities: BTreeMap<String, EntityLinks> = BTreeMap::new();
        for row in rows {
            let (
                Some(Term::NamedNode(e)),
                Some(Term::NamedNode(class)),
                Some(Term::Literal(label)),
            ) = (&row[0], &row[1], &row[2])
            else {
                continue;
            };
            let Some(id) = base.slug_of(e.as_str()) else {
                continue;
            };
            entities.insert(
                e.as_str().to_owned(),
                EntityLinks {
                    id: id.to_owned(),
                    class: class
                        .as_str()
                        .strip_prefix(iag::NAMESPACE)
                        .unwrap_or(class.as_str())
                        .to_owned(),
                    label_fr: label.value().to_owned(),
                    wikidata: Vec::new(),
                    eli: Vec::new(),
                    other_same_as: Vec::new(),
                    iso3166: None,
                    iso4217: None,
                },
            );
        }
        // schema:sameAs and schema:legislationIdentifier repeat owl:sameAs.
        let links = query::select(
            graph,
            "SELECT ?e ?p ?o WHERE {
                VALUES ?p { owl:sameAs iag:iso3166Alpha2 iag:iso4217Code }
                ?e ?p ?o .
            } ORDER BY ?e ?p ?o",
        )?;
        for row in links {
            let (Some(Term::NamedNode(e)), Some(Term::NamedNode(p)), Some(o)) =
                (&row[0], &row[1], &row[2])
            else {
                continue;
            };
            let Some(entity) = entities.get_mut(e.as_str()) else {
                continue;
            };
            match o {
                Term::NamedNode(link) if *p == owl::SAME_AS => {
                    let link = link.as_str();
                    if let Some(q) = wikidata_id(link) {
                        entity.wikidata.push(q.to_owned());
                    } else if link.starts_with(eli::NAMESPACE) {
                        entity.eli.push(link.to_owned());
                    } else {
                        entity.other_same_as.push(link.to_owned());
                    }
                }
                Term::Literal(code) if *p == iag::ISO_3166_ALPHA_2 => {
                    entity.iso3166 = Some(code.value().to_owned());
                }
                Term::Literal(code) if *p == iag::ISO_4217_CODE => {
                    entity.iso4217 = Some(code.value().to_owned());
                }
                _ => {}
            }
        }
        let mut entities: Vec<EntityLinks> = entities.into_values().collect();
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Self { entities })
    }

    pub fn linked(&self) -> impl Iterator<Item = &EntityLinks> {
        self.entities.iter().filter(|e| e.has_links())
    }

    pub fn unlinked(&self) -> impl Iterator<Item = &EntityLinks> {
        self.entities.iter().filter(|e| !e.has_links())
    }

    pub fn summary(&self) -> Summary {
        let count = |has: fn(&EntityLinks) -> bool| self.entities.iter().filter(|e| has(e)).count();
        let linked = count(EntityLinks::has_links);
        Summary {
            entities: self.entities.len(),
            linked,
            unlinked: self.entities.len() - linked,
            wikidata: count(|e| !e.wikidata.is_empty()),
            eli: count(|e| !e.eli.is_empty()),
            other_same_as: count(|e| !e.other_same_as.is_empty()),
            iso3166: count(|e| e.iso3166.is_some()),
            iso4217: count(|e| e.iso4217.is_some()),
        }
    }

    /// Two aligned tables, the entities with links and those without, then
    /// the counts; `base` shortens the entities' IRIs to `id:…`.
    pub fn write_table(&self, base: &str, out: &mut impl Write) -> Result<()> {
        let io = |r: std::io::Result<()>| r.map_err(Error::Serialize);
        let s = self.summary();
        let text = |values: &[String]| {
            (!values.is_empty()).then(|| Term::from(Literal::new_simple_literal(values.join(" "))))
        };
        let code = |c: &Option<String>| c.as_ref().map(|c| Literal::new_simple_literal(c).into());
        let columns = |e: &EntityLinks| {
            vec![
                Some(NamedNode::new_unchecked(format!("{base}id/{}", e.id)).into()),
                Some(NamedNode::new_unchecked(format!("{}{}", iag::NAMESPACE, e.class)).into()),
                Some(Literal::new_simple_literal(&e.label_fr).into()),
            ]
        };
        io(writeln!(out, "Entities with links ({})\n", s.linked))?;
        let linked = Answer::Solutions {
            variables: variables(&[
                "entity", "class", "label", "wikidata", "eli", "other", "iso",
            ]),
            rows: self
                .linked()
                .map(|e| {
                    let mut row = columns(e);
                    row.extend([
                        text(&e.wikidata),
                        text(&e.eli),
                        text(&e.other_same_as),
                        code(&e.iso3166).or_else(|| code(&e.iso4217)),
                    ]);
                    row
                })
                .collect(),
        };
        query::write(&linked, OutputFormat::Table, base, out)?;
        io(writeln!(
            out,
            "\nEntities without links ({}): look them up in the reference table\n",
            s.unlinked
        ))?;
        let unlinked = Answer::Solutions {
            variables: variables(&["entity", "class", "label"]),
            rows: self.unlinked().map(columns).collect(),
        };
        query::write(&unlinked, OutputFormat::Table, base, out)?;
        io(writeln!(
            out,
            "\n{} entities: {} with links ({} Wikidata, {} ELI, {} other, {} ISO 3166, {} ISO 4217), {} without",
            s.entities,
            s.linked,
            s.wikidata,
            s.eli,
            s.other_same_as,
            s.iso3166,
            s.iso4217,
            s.unlinked
        ))
    }

    /// One row per entity, with or without links; several links in one cell
    /// are separated by spaces.
    pub fn write_csv(&self, out: &mut impl Write) -> Result<()> {
        let mut csv = csv::Writer::from_writer(out);
        let header = [
            "id",
            "class",
            "label_fr",
            "wikidata",
            "eli",
            "other_same_as",
            "iso3166",
            "iso4217",
        ];
        csv.write_record(header).map_err(csv_error)?;
        for e in &self.entities {
            csv.write_record([
                e.id.as_str(),
                &e.class,
                &e.label_fr,
                &e.wikidata.join(" "),
                &e.eli.join(" "),
                &e.other_same_as.join(" "),
                e.iso3166.as_deref().unwrap_or_default(),
                e.iso4217.as_deref().unwrap_or_default(),
            ])
            .map_err(csv_error)?;
        }
        csv.flush().map_err(Error::Serialize)
    }

    /// `{"summary": {...}, "linked": [...], "unlinked": [...]}`.
    pub fn write_json(&self, out: &mut impl Write) -> Result<()> {
        #[derive(Serialize)]
        struct Json<'a> {
            summary: Summary,
            linked: Vec<&'a EntityLinks>,
            unlinked: Vec<&'a EntityLinks>,
        }
        let json = Json {
            summary: self.summary(),
            linked: self.linked().collect(),
            unlinked: self.unlinked().collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &json).map_err(|e| Error::Serialize(e.into()))?;
        writeln!(out).map_err(Error::Serialize)
    }
}

fn variables(names: &[&str]) -> Vec<Variable> {
    names.iter().map(|n| Variable::new_unchecked(*n)).collect()
}

fn csv_error(e: csv::Error) -> Error {
    Error::Serialize(std::io::Error::other(e))
}

/// The link triples of the data graph ([`LINK_PROPERTIES`]), sorted so that
/// the same data always gives the same file.
pub fn linkset(graph: &Graph) -> Result<Vec<Triple>> {
    let properties = LINK_PROPERTIES
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    let answer = query::run(
        graph,
        &format!(
            "CONSTRUCT {{ ?s ?p ?o }} WHERE {{
                VALUES ?p {{ {properties} }}
                GRAPH {} {{ ?s ?p ?o }}
            }}",
            graph.base().data_graph()
        ),
    )?;
    let Answer::Graph(mut triples) = answer else {
        return Ok(Vec::new());
    };
    triples.sort_by_cached_key(crate::export::sort_key);
    Ok(triples)
}

/// A row of the reference table: a confirmed Wikidata id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub label: String,
    /// The Q-id.
    pub wikidata: String,
    pub note: String,
    /// Its line in the table.
    pub location: Location,
}

/// Reads a reference table of Wikidata ids: tab-separated, with a header row
/// naming at least `wikidata` (and `label`, `note`), `#` comment lines.
pub fn read_references(path: &Path) -> Result<Vec<Reference>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let at = |line: u64| Location {
        file: path.to_owned(),
        line: line as usize,
        column: 1,
    };
    let bad = |line: u64, problem: LinkTableProblem| Error::LinkTable {
        location: at(line),
        problem,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .comment(Some(b'#'))
        // Tab-separated values are not quoted: a `"` is part of a label.
        .quoting(false)
        .flexible(true)
        // Read as the first record, the header row keeps its line number.
        .has_headers(false)
        .from_reader(text.as_bytes());
    let line_of = |record: &csv::StringRecord| record.position().map_or(1, |p| line_at(&text, p));
    let mut records = reader.records().map(|record| {
        record.map_err(|e| {
            bad(
                e.position().map_or(1, |p| p.line()),
                LinkTableProblem::Csv(e),
            )
        })
    });
    let headers = records
        .next()
        .transpose()?
        .ok_or_else(|| bad(1, LinkTableProblem::NoHeader))?;
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let Some(wikidata) = column("wikidata") else {
        return Err(bad(line_of(&headers), LinkTableProblem::NoWikidataColumn));
    };
    let (label, note) = (column("label"), column("note"));
    let mut references = Vec::new();
    for record in records {
        let record = record?;
        let line = line_of(&record);
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let id = field(Some(wikidata));
        if wikidata_id(&format!("{}{id}", crate::vocab::wd::NAMESPACE)).is_none() {
            return Err(bad(line, LinkTableProblem::NotAnItem(id)));
        }
        references.push(Reference {
            label: field(label),
            wikidata: id,
            note: field(note),
            location: at(line),
        });
    }
    Ok(references)
}

/// The line of the record read from `position`: the reader's position is
/// where it started reading, before the comment and blank lines it skipped.
fn line_at(text: &str, position: &csv::Position) -> u64 {
    let mut line = position.line();
    let mut rest = text.get(position.byte() as usize..).unwrap_or_default();
    while rest.starts_with(['#', '\n', '\r']) {
        line += 1;
        rest = rest.find('\n').map_or("", |end| &rest[end + 1..]);
    }
    line
}

/// A Wikidata id in `data/` that the reference table does not confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnconfirmedLink {
    /// Where the `same_as` is written.
    pub location: Location,
    pub entity: String,
    pub wikidata: String,
}

/// What [`check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkCheck {
    /// How many Wikidata links `data/` has.
    pub checked: usize,
    pub unconfirmed: Vec<UnconfirmedLink>,
    /// Rows of the table that no entity carries (not an error: the table
    /// may list things the articles do not name).
    pub unused: Vec<Reference>,
}

/// Compares the Wikidata ids of `data/` with the reference table.
pub fn check(data: &Dataset, references: &[Reference]) -> LinkCheck {
    let confirmed: BTreeSet<&str> = references.iter().map(|r| r.wikidata.as_str()).collect();
    let mut carried = BTreeSet::new();
    let mut result = LinkCheck::default();
    for entity in &data.entities {
        for link in &entity.same_as {
            let Some(q) = wikidata_id(link.get_ref()) else {
                continue;
            };
            result.checked += 1;
            carried.insert(q);
            if !confirmed.contains(q) {
                let location = data
                    .link_locations
                    .get(link.get_ref())
                    .or_else(|| data.locations.get(entity.id.get_ref()))
                    .cloned()
                    .unwrap_or_else(|| Location {
                        file: "data".into(),
                        line: 1,
                        column: 1,
                    });
                result.unconfirmed.push(UnconfirmedLink {
                    location,
                    entity: entity.id.get_ref().clone(),
                    wikidata: q.to_owned(),
                });
            }
        }
    }
    result.unused = references
        .iter()
        .filter(|r| !carried.contains(r.wikidata.as_str()))
        .cloned()
        .collect();
    result
}
