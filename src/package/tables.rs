//! The CSV tables of the package, their Table Schemas and a
//! `datapackage.json` tying them together.
//!
//! Every row comes from a SPARQL query over the store (`queries/{table}.rq`
//! beside this file), so the tables say exactly what the RDF dumps say. The files follow the Frictionless Data
//! specifications as schema.data.gouv.fr uses them: UTF-8, comma-separated,
//! a header row, empty cells for missing values, dates in their ISO form
//! (`2024-05-21`, `2023-06` or `2018`, as precise as the article), amounts
//! as plain numbers with their currency in a column of its own, and lists of
//! ids joined by single spaces.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use oxigraph::model::Term;
use serde_json::{Value, json};

use super::{
    DESCRIPTION_EN, FileInfo, Format, LANDING_FILE, Options, PackagedFile, Role, TITLE_EN, Tracked,
    date, text,
};
use crate::error::{Error, Result};
use crate::query::{self, Answer};
use crate::store::Graph;
use crate::vocab::{self, iag};

/// The file listing the tables, their schemas, sizes and checksums.
pub const DATA_PACKAGE: &str = "datapackage.json";

/// What a column holds, which decides how a term becomes a cell and what
/// its Table Schema says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A graph IRI, written as its id (`mistral-ai`).
    Id,
    /// Space-separated graph IRIs, written as space-separated ids.
    Ids,
    /// A term of the ontology, written as its local name (`funds`, `Startup`).
    Term,
    Iri,
    /// Space-separated IRIs of other datasets.
    Iris,
    Text,
    /// Texts joined by U+001F in the query, by ` | ` in the cell.
    Texts,
    /// A decimal number, as plain digits.
    Number,
    Count,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    Date,
    /// An ISO 4217 code.
    Currency,
    /// A BCP 47 language tag.
    Language,
}

const SLUG: &str = "[a-z0-9]+(-[a-z0-9]+)*";

impl Kind {
    /// The Table Schema `type`, `format` and pattern constraint.
    fn schema(self) -> (&'static str, &'static str, Option<String>) {
        match self {
            Self::Id => ("string", "default", Some(SLUG.to_owned())),
            Self::Ids => ("string", "default", Some(format!("{SLUG}( {SLUG})*"))),
            Self::Term => ("string", "default", Some("[A-Za-z][A-Za-z0-9]*".into())),
            Self::Iri => ("string", "uri", None),
            Self::Iris => ("string", "default", Some("\\S+( \\S+)*".into())),
            Self::Text | Self::Texts => ("string", "default", None),
            Self::Number => ("number", "default", None),
            Self::Count => ("integer", "default", None),
            Self::Date => (
                "string",
                "default",
                Some("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?".into()),
            ),
            Self::Currency => ("string", "default", Some("[A-Z]{3}".into())),
            Self::Language => (
                "string",
                "default",
                Some("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*".into()),
            ),
        }
    }
}

/// One column: its header, its documentation and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn col(
    name: &'static str,
    title: &'static str,
    description: &'static str,
    kind: Kind,
    required: bool,
) -> Column {
    Column {
        name,
        title,
        description,
        kind,
        required,
    }
}

/// One CSV table: its columns (the query's variables, in order), its keys
/// and the query giving its rows.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub title_en: &'static str,
    pub title_fr: &'static str,
    pub description: &'static str,
    pub columns: &'static [Column],
    pub primary_key: &'static str,
    /// (column, table whose `id` it refers to).
    pub foreign_keys: &'static [(&'static str, &'static str)],
    pub sparql: &'static str,
}

impl Table {
    pub fn csv_file(&self) -> String {
        format!("{}.csv", self.name)
    }

    pub fn schema_file(&self) -> String {
        format!("{}.schema.json", self.name)
    }
}

const SOURCES_COLUMN: Column = col(
    "sources",
    "Sources",
    "Ids of the articles the row comes from (sources.csv), separated by single spaces. — Identifiants des articles dont provient la ligne (sources.csv), séparés par des espaces.",
    Kind::Ids,
    true,
);
const ANNOUNCED_BY: Column = col(
    "announced_by",
    "Announced by — Annoncé par",
    "Id of the entity that announced it (entities.csv). — Identifiant de l'entité qui l'a annoncé.",
    Kind::Id,
    false,
);
const DATE: Column = col(
    "date",
    "Date",
    "When it happened or was announced, as precise as the article: YYYY-MM-DD, YYYY-MM or YYYY. — Date du fait ou de l'annonce, à la précision de l'article.",
    Kind::Date,
    false,
);
const DEADLINE: Column = col(
    "deadline",
    "Deadline — Échéance",
    "When the target is due: YYYY-MM-DD, YYYY-MM or YYYY. — Date à laquelle l'objectif doit être atteint.",
    Kind::Date,
    false,
);
const UNIT_FR: Column = col(
    "unit_fr",
    "Unit (French) — Unité",
    "What is counted, in French. — Ce que l'on compte, en français.",
    Kind::Text,
    false,
);
const UNIT_EN: Column = col(
    "unit_en",
    "Unit (English) — Unité (anglais)",
    "What is counted, in English. — Ce que l'on compte, en anglais.",
    Kind::Text,
    false,
);
const CURRENCY: Column = col(
    "currency",
    "Currency — Devise",
    "ISO 4217 code of the amount's currency (EUR, USD). — Code ISO 4217 de la devise du montant.",
    Kind::Currency,
    false,
);

/// The tables, in the order they are written (referenced tables first).
pub const TABLES: &[Table] = &[
    Table {
        name: "entities",
        title_en: "Entities",
        title_fr: "Entités",
        description: "People, organisations, states, places, infrastructures, plans, programmes, events, products and domains the articles name, one per row. — Personnes, organisations, États, lieux, infrastructures, plans, programmes, événements, produits et domaines que citent les articles, un par ligne.",
        columns: &[
            col(
                "id",
                "Id — Identifiant",
                "The entity's id; its IRI is the iri column. — Identifiant de l'entité.",
                Kind::Id,
                true,
            ),
            col(
                "iri",
                "IRI",
                "The entity's IRI in the graph. — IRI de l'entité dans le graphe.",
                Kind::Iri,
                true,
            ),
            col(
                "class",
                "Class — Classe",
                "Its most specific class in the iagraph ontology (local name). — Sa classe la plus précise dans l'ontologie iagraph.",
                Kind::Term,
                true,
            ),
            col(
                "label_fr",
                "Name (French) — Nom",
                "Its name in French. — Son nom en français.",
                Kind::Text,
                true,
            ),
            col(
                "label_en",
                "Name (English) — Nom (anglais)",
                "Its name in English. — Son nom en anglais.",
                Kind::Text,
                true,
            ),
            col(
                "description_fr",
                "Description (French)",
                "A short description in French. — Courte description en français.",
                Kind::Text,
                false,
            ),
            col(
                "description_en",
                "Description (English)",
                "A short description in English. — Courte description en anglais.",
                Kind::Text,
                false,
            ),
            col(
                "aliases",
                "Aliases — Autres noms",
                "Other names the articles use, separated by ' | '. — Autres noms employés par les articles, séparés par ' | '.",
                Kind::Texts,
                false,
            ),
            col(
                "same_as",
                "Same as — Identique à",
                "IRIs of the same thing in other datasets (Wikidata), separated by single spaces. — IRI de la même chose dans d'autres jeux de données.",
                Kind::Iris,
                false,
            ),
            col(
                "mentioned_in",
                "Mentioned in — Cité dans",
                "Ids of the articles that name it (sources.csv), separated by single spaces. — Articles qui la citent.",
                Kind::Ids,
                false,
            ),
        ],
        primary_key: "id",
        foreign_keys: &[],
        sparql: include_str!("queries/entities.rq"),
    },
    Table {
        name: "sources",
        title_en: "Sources",
        title_fr: "Sources",
        description: "The press articles every statement cites, one per row. — Les articles de presse que citent les affirmations, un par ligne.",
        columns: &[
            col(
                "id",
                "Id — Identifiant",
                "The article's id. — Identifiant de l'article.",
                Kind::Id,
                true,
            ),
            col(
                "iri",
                "IRI",
                "The article's IRI in the graph. — IRI de l'article dans le graphe.",
                Kind::Iri,
                true,
            ),
            col(
                "label",
                "Label — Libellé",
                "How the graph names the article. — Comment le graphe désigne l'article.",
                Kind::Text,
                true,
            ),
            col(
                "title",
                "Title — Titre",
                "The article's own headline, where it has one. — Le titre de l'article, s'il en a un.",
                Kind::Text,
                false,
            ),
            col(
                "publisher",
                "Publisher — Éditeur",
                "Id of its publisher (entities.csv), where the text reveals it. — Identifiant de l'éditeur.",
                Kind::Id,
                false,
            ),
            col(
                "author",
                "Author — Auteur",
                "Id of its author (entities.csv), where the text names one. — Identifiant de l'auteur.",
                Kind::Id,
                false,
            ),
            col(
                "date",
                "Date",
                "Publication date, as precise as the text gives it: YYYY-MM-DD, YYYY-MM or YYYY. — Date de publication.",
                Kind::Date,
                false,
            ),
            col(
                "language",
                "Language — Langue",
                "BCP 47 language tag. — Code de langue BCP 47.",
                Kind::Language,
                true,
            ),
            col(
                "statements",
                "Statements — Affirmations",
                "How many statements cite it. — Nombre d'affirmations qui le citent.",
                Kind::Count,
                true,
            ),
        ],
        primary_key: "id",
        foreign_keys: &[("publisher", "entities"), ("author", "entities")],
        sparql: include_str!("queries/sources.rq"),
    },
    Table {
        name: "statements",
        title_en: "Statements",
        title_fr: "Affirmations",
        description: "Every statement of the graph, one per row: a relation between two entities or a figure about one, with its qualifiers and sources. An amount is either exact (amount) or bounded (amount_min, amount_max: 'more than' gives only amount_min); quantities likewise. The quotations are in the RDF dumps. — Chaque affirmation du graphe, une par ligne : une relation entre deux entités ou un chiffre sur l'une d'elles, avec ses qualificatifs et ses sources. Un montant est exact (amount) ou borné (amount_min, amount_max : « plus de » ne donne que amount_min) ; de même pour les quantités. Les citations sont dans les exports RDF.",
        columns: &[
            col(
                "id",
                "Id — Identifiant",
                "The statement's id. — Identifiant de l'affirmation.",
                Kind::Id,
                true,
            ),
            col(
                "iri",
                "IRI",
                "The statement's IRI in the graph. — IRI de l'affirmation dans le graphe.",
                Kind::Iri,
                true,
            ),
            col(
                "subject",
                "Subject — Sujet",
                "Id of the entity the statement is about (entities.csv). — Entité dont parle l'affirmation.",
                Kind::Id,
                true,
            ),
            col(
                "relation",
                "Relation",
                "The relation, a property of the iagraph ontology (local name: funds, hasTarget, partOf…). — La relation, propriété de l'ontologie iagraph.",
                Kind::Term,
                true,
            ),
            col(
                "object",
                "Object — Objet",
                "Id of the other entity (entities.csv); empty for a target or a figure. — Identifiant de l'autre entité ; vide pour un objectif ou un chiffre.",
                Kind::Id,
                false,
            ),
            col(
                "amount",
                "Amount — Montant",
                "An exact sum of money, as a plain number. — Un montant exact.",
                Kind::Number,
                false,
            ),
            col(
                "amount_min",
                "Minimum amount — Montant minimum",
                "Lower bound of an approximate sum ('more than'). — Borne basse d'un montant approximatif (« plus de »).",
                Kind::Number,
                false,
            ),
            col(
                "amount_max",
                "Maximum amount — Montant maximum",
                "Upper bound of an approximate sum. — Borne haute d'un montant approximatif.",
                Kind::Number,
                false,
            ),
            CURRENCY,
            col(
                "quantity",
                "Quantity — Quantité",
                "An exact counted or measured value, in unit_fr / unit_en. — Une valeur exacte, dans l'unité donnée.",
                Kind::Number,
                false,
            ),
            col(
                "quantity_min",
                "Minimum quantity — Quantité minimum",
                "Lower bound of an approximate quantity. — Borne basse d'une quantité approximative.",
                Kind::Number,
                false,
            ),
            col(
                "quantity_max",
                "Maximum quantity — Quantité maximum",
                "Upper bound of an approximate quantity. — Borne haute d'une quantité approximative.",
                Kind::Number,
                false,
            ),
            col(
                "quantity_baseline",
                "Baseline — Valeur de départ",
                "Where a target starts from ('from 40,000 to 100,000'). — Valeur de départ d'un objectif.",
                Kind::Number,
                false,
            ),
            UNIT_FR,
            UNIT_EN,
            DATE,
            col(
                "end_date",
                "End date — Date de fin",
                "End of a period (a two-day summit): YYYY-MM-DD, YYYY-MM or YYYY. — Fin d'une période.",
                Kind::Date,
                false,
            ),
            DEADLINE,
            ANNOUNCED_BY,
            col(
                "occasion",
                "Occasion",
                "Id of the event at which it was stated (entities.csv). — Événement lors duquel elle a été faite.",
                Kind::Id,
                false,
            ),
            col(
                "modality",
                "Modality — Modalité",
                "How firm the statement is, from its quotation's verb: reported, announced, committed, planned, aimed, recommended, claimed or expected. — Degré d'engagement, d'après le verbe de la citation.",
                Kind::Text,
                true,
            ),
            col(
                "start_date",
                "Since — Depuis",
                "Start of a running total ('since 2018'): YYYY-MM-DD, YYYY-MM or YYYY. — Début d'un total cumulé.",
                Kind::Date,
                false,
            ),
            col(
                "part_of",
                "Part of — Inclus dans",
                "Id of the statement whose amount contains this one's (statements.csv). — Affirmation dont le montant contient celui-ci.",
                Kind::Id,
                false,
            ),
            col(
                "label_fr",
                "Statement (French) — Affirmation",
                "The statement in words, in French. — L'affirmation en clair, en français.",
                Kind::Text,
                true,
            ),
            col(
                "label_en",
                "Statement (English) — Affirmation (anglais)",
                "The statement in words, in English. — L'affirmation en clair, en anglais.",
                Kind::Text,
                true,
            ),
            col(
                "description_fr",
                "Note (French) — Note",
                "A note on the statement, in French. — Une précision, en français.",
                Kind::Text,
                false,
            ),
            col(
                "description_en",
                "Note (English) — Note (anglais)",
                "A note on the statement, in English. — Une précision, en anglais.",
                Kind::Text,
                false,
            ),
            SOURCES_COLUMN,
        ],
        primary_key: "id",
        foreign_keys: &[
            ("subject", "entities"),
            ("object", "entities"),
            ("announced_by", "entities"),
            ("occasion", "entities"),
        ],
        sparql: include_str!("queries/statements.rq"),
    },
    Table {
        name: "fundings",
        title_en: "Fundings",
        title_fr: "Financements",
        description: "Who funds what, how much, when, announced by whom: the statements whose relation is funds, one per row, including those without an amount. An amount is either exact (amount) or bounded (amount_min, amount_max: 'more than 900 million' gives amount_min = 900000000). A funding the article ascribes to several funders together is one row in the name of that group. — Qui finance quoi, combien, quand, annoncé par qui : les affirmations de relation funds, une par ligne, y compris sans montant. Un montant est exact (amount) ou borné (amount_min, amount_max : « plus de 900 millions » donne amount_min = 900000000).",
        columns: &[
            col(
                "statement",
                "Statement — Affirmation",
                "Id of the statement (statements.csv). — Identifiant de l'affirmation.",
                Kind::Id,
                true,
            ),
            col(
                "funder",
                "Funder — Financeur",
                "Id of the funder (entities.csv). — Identifiant du financeur.",
                Kind::Id,
                true,
            ),
            col(
                "funder_name",
                "Funder's name — Nom du financeur",
                "The funder's name in French. — Le nom du financeur.",
                Kind::Text,
                true,
            ),
            col(
                "recipient",
                "Recipient — Bénéficiaire",
                "Id of what is funded (entities.csv). — Identifiant de ce qui est financé.",
                Kind::Id,
                true,
            ),
            col(
                "recipient_name",
                "Recipient's name — Nom du bénéficiaire",
                "The name of what is funded, in French. — Le nom de ce qui est financé.",
                Kind::Text,
                true,
            ),
            col(
                "amount",
                "Amount — Montant",
                "The exact amount, as a plain number in currency. — Le montant exact.",
                Kind::Number,
                false,
            ),
            col(
                "amount_min",
                "Minimum amount — Montant minimum",
                "Lower bound of an approximate amount ('more than'). — Borne basse d'un montant approximatif (« plus de »).",
                Kind::Number,
                false,
            ),
            col(
                "amount_max",
                "Maximum amount — Montant maximum",
                "Upper bound of an approximate amount. — Borne haute d'un montant approximatif.",
                Kind::Number,
                false,
            ),
            CURRENCY,
            DATE,
            ANNOUNCED_BY,
            SOURCES_COLUMN,
        ],
        primary_key: "statement",
        foreign_keys: &[
            ("statement", "statements"),
            ("funder", "entities"),
            ("recipient", "entities"),
            ("announced_by", "entities"),
        ],
        sparql: include_str!("queries/fundings.rq"),
    },
    Table {
        name: "targets",
        title_en: "Targets",
        title_fr: "Objectifs",
        description: "Quantified targets: the statements whose relation is hasTarget, one per row. The aim is either exact (value) or a range (value_min, value_max); baseline is where it starts from when the article says. — Objectifs chiffrés : les affirmations de relation hasTarget, une par ligne. La valeur visée est exacte (value) ou une fourchette (value_min, value_max) ; baseline est la valeur de départ quand l'article la donne.",
        columns: &[
            col(
                "statement",
                "Statement — Affirmation",
                "Id of the statement (statements.csv). — Identifiant de l'affirmation.",
                Kind::Id,
                true,
            ),
            col(
                "subject",
                "Subject — Sujet",
                "Id of what holds the target: a plan, a programme, a state (entities.csv). — Ce qui porte l'objectif.",
                Kind::Id,
                true,
            ),
            col(
                "subject_name",
                "Subject's name — Nom du sujet",
                "Its name in French. — Son nom en français.",
                Kind::Text,
                true,
            ),
            col(
                "value",
                "Value — Valeur",
                "The exact aim, in unit_fr / unit_en. — La valeur visée.",
                Kind::Number,
                false,
            ),
            col(
                "value_min",
                "Minimum — Valeur minimum",
                "Lower bound of a ranged or 'at least' aim. — Borne basse de la valeur visée.",
                Kind::Number,
                false,
            ),
            col(
                "value_max",
                "Maximum — Valeur maximum",
                "Upper bound of a ranged aim. — Borne haute de la valeur visée.",
                Kind::Number,
                false,
            ),
            col(
                "baseline",
                "Baseline — Valeur de départ",
                "Where the target starts from, when the article says. — Valeur de départ.",
                Kind::Number,
                false,
            ),
            UNIT_FR,
            UNIT_EN,
            DEADLINE,
            DATE,
            ANNOUNCED_BY,
            SOURCES_COLUMN,
        ],
        primary_key: "statement",
        foreign_keys: &[
            ("statement", "statements"),
            ("subject", "entities"),
            ("announced_by", "entities"),
        ],
        sparql: include_str!("queries/targets.rq"),
    },
];

/// The header and rows of `table`, as the CSV file holds them.
pub fn rows(graph: &Graph, table: &Table) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let Answer::Solutions { variables, rows } = query::run(graph, table.sparql)? else {
        return Err(Error::TableNotSelect(table.name));
    };
    let positions: HashMap<&str, usize> = variables
        .iter()
        .enumerate()
        .map(|(i, v)| (v.as_str(), i))
        .collect();
    let columns = table
        .columns
        .iter()
        .map(|c| {
            positions
                .get(c.name)
                .copied()
                .ok_or(Error::TableColumnMissing {
                    table: table.name,
                    column: c.name,
                })
        })
        .collect::<Result<Vec<_>>>()?;
    let base = graph.base();
    let cells = rows
        .iter()
        .map(|row| {
            table
                .columns
                .iter()
                .zip(&columns)
                .map(|(column, &i)| cell(row[i].as_ref(), column.kind, base))
                .collect()
        })
        .collect();
    let header = table.columns.iter().map(|c| c.name.to_owned()).collect();
    Ok((header, cells))
}

/// One term as a cell of a column of `kind`.
fn cell(term: Option<&Term>, kind: Kind, base: &crate::Base) -> String {
    let Some(value) = text(term) else {
        return String::new();
    };
    let id = |iri: &str| base.slug_of(iri).unwrap_or(iri).to_owned();
    // GROUP_CONCAT gives no order: sort the items so the output is stable.
    let sorted = |items: Vec<String>, separator: &str| {
        let mut items: Vec<String> = items.into_iter().filter(|s| !s.is_empty()).collect();
        items.sort();
        items.join(separator)
    };
    match kind {
        Kind::Id => id(&value),
        Kind::Ids => sorted(value.split(' ').map(id).collect(), " "),
        Kind::Iris => sorted(value.split(' ').map(str::to_owned).collect(), " "),
        Kind::Texts => sorted(value.split('\u{1f}').map(str::to_owned).collect(), " | "),
        Kind::Term => value
            .strip_prefix(iag::NAMESPACE)
            .map_or(value.clone(), str::to_owned),
        _ => value,
    }
}

/// The Table Schema of `table`: `fields` with their types and constraints,
/// `primaryKey`, `foreignKeys` and `missingValues`, and the metadata
/// schema.data.gouv.fr expects. `examples` are the first row's cells.
pub fn table_schema(table: &Table, options: &Options, examples: Option<&[String]>) -> Value {
    let fields: Vec<Value> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (kind, format, pattern) = c.kind.schema();
            let mut constraints = serde_json::Map::new();
            constraints.insert("required".into(), json!(c.required));
            if c.name == table.primary_key {
                constraints.insert("unique".into(), json!(true));
            }
            if let Some(p) = pattern {
                constraints.insert("pattern".into(), json!(p));
            }
            if c.kind == Kind::Count {
                constraints.insert("minimum".into(), json!(0));
            }
            let mut field = json!({
                "name": c.name,
                "title": c.title,
                "description": c.description,
                "type": kind,
                "format": format,
                "constraints": constraints,
            });
            if let Some(example) = examples.and_then(|e| e.get(i)).filter(|e| !e.is_empty()) {
                field["example"] = json!(example);
            }
            field
        })
        .collect();
    let foreign_keys: Vec<Value> = table
        .foreign_keys
        .iter()
        .map(|(field, resource)| {
            json!({
                "fields": field,
                "reference": { "resource": resource, "fields": "id" },
            })
        })
        .collect();
    json!({
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": format!("iagraph-{}", table.name),
        "title": format!("iagraph — {} — {}", table.title_en, table.title_fr),
        "description": table.description,
        "path": options.url_of(&table.schema_file()).as_str(),
        "homepage": options.url_of(LANDING_FILE).as_str(),
        "licenses": [licence_json()],
        "contributors": [{ "title": options.publisher, "role": "author" }],
        "created": date(options.issued),
        "lastModified": date(options.modified),
        "fields": fields,
        "primaryKey": [table.primary_key],
        "foreignKeys": foreign_keys,
        "missingValues": [""],
    })
}

fn licence_json() -> Value {
    json!({
        "name": "etalab-2.0",
        "title": "Licence Ouverte / Open Licence version 2.0",
        "path": vocab::ETALAB_2_0,
    })
}

/// Writes every table, its schema and then `datapackage.json` into `dir`.
pub fn write_tables(graph: &Graph, options: &Options, dir: &Path) -> Result<Vec<PackagedFile>> {
    let mut files = Vec::new();
    let mut resources = Vec::new();
    for table in TABLES {
        let (header, rows) = rows(graph, table)?;
        let mut out = Tracked::create(dir, &table.csv_file())?;
        write_csv(&header, &rows, &mut out).map_err(|source| Error::Write {
            path: out.path().to_owned(),
            source,
        })?;
        let (csv_fr, csv_en) = (
            format!("Table « {} » (CSV)", table.title_fr),
            format!("{} table (CSV)", table.title_en),
        );
        let csv = out.finish(FileInfo {
            title_fr: &csv_fr,
            title_en: &csv_en,
            format: Format::Csv,
            gzip: false,
            role: Role::Table {
                schema: table.schema_file(),
            },
        })?;
        let schema = table_schema(table, options, rows.first().map(Vec::as_slice));
        let mut out = Tracked::create(dir, &table.schema_file())?;
        write_json(&schema, &mut out)?;
        let (schema_fr, schema_en) = (
            format!("Table Schema de {}", table.csv_file()),
            format!("Table Schema of {}", table.csv_file()),
        );
        let schema_file = out.finish(FileInfo {
            title_fr: &schema_fr,
            title_en: &schema_en,
            format: Format::Json,
            gzip: false,
            role: Role::Schema,
        })?;
        resources.push(json!({
            "name": table.name,
            "title": table.title_en,
            "description": table.description,
            "path": csv.name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": csv.bytes,
            "hash": format!("sha256:{}", csv.sha256),
            "schema": schema_file.name,
        }));
        files.push(csv);
        files.push(schema_file);
    }
    let package = json!({
        "profile": "tabular-data-package",
        "name": "iagraph",
        "title": TITLE_EN,
        "description": DESCRIPTION_EN,
        "homepage": options.url_of(LANDING_FILE).as_str(),
        "licenses": [licence_json()],
        "contributors": [{ "title": options.publisher, "role": "author" }],
        "resources": resources,
    });
    let mut out = Tracked::create(dir, DATA_PACKAGE)?;
    write_json(&package, &mut out)?;
    files.push(out.finish(FileInfo {
        title_fr: "Data Package (Frictionless) : les tables, leurs schémas et leurs clés étrangères",
        title_en: "Frictionless Data Package: the tables, their schemas and foreign keys",
        format: Format::Json,
        gzip: false,
        role: Role::Metadata,
    })?);
    Ok(files)
}

fn write_csv(header: &[String], rows: &[Vec<String>], out: &mut impl Write) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.flush()
}

fn write_json(value: &Value, out: &mut Tracked) -> Result<()> {
    let write = |out: &mut Tracked| -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, value)?;
        out.write_all(b"\n")
    };
    write(out).map_err(|source| Error::Write {
        path: out.path().to_owned(),
        source,
    })
}
