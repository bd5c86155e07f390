//! The open-data package: a folder that a portal can harvest and a person
//! can download.
//!
//! [`publish`] writes, in this order, each file knowing the ones before it:
//! the RDF dumps (Turtle, N-Triples and its gzip, JSON-LD, RDF/XML), the CSV
//! tables with their Table Schemas and a `datapackage.json` (`tables`),
//! `void.ttl` (`void`), the DCAT-AP catalogue in three syntaxes with the
//! size and SHA-256 of every distribution (`dcat`), and `index.html`
//! (`landing`). The folder is built beside the output and renamed into
//! place only once complete, so a failed run leaves the previous one intact.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use iri_string::types::IriAbsoluteStr;
use oxigraph::io::RdfFormat;
use oxigraph::model::{
    NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, Triple,
};
use oxsdatatypes::Date;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::export::{RdfExport, write_rdf};
use crate::query;
use crate::store::Graph;
use crate::vocab::{file_type, media_type};

mod dcat;
mod landing;
mod tables;
mod void;

/// The package's file names that its other files cite (the catalogue's
/// three syntaxes, the VoID description, the landing page).
pub const CATALOG_TURTLE: &str = "catalog.ttl";
pub const CATALOG_JSON_LD: &str = "catalog.jsonld";
pub const CATALOG_RDF_XML: &str = "catalog.rdf";
pub const VOID_FILE: &str = "void.ttl";
pub const LANDING_FILE: &str = "index.html";

/// The dataset's title and description, as the catalogue, VoID, the
/// Data Package and the landing page give them.
pub const TITLE_FR: &str = "iagraph : graphe de connaissances de la stratégie nationale française pour l'intelligence artificielle";
pub const TITLE_EN: &str =
    "iagraph: a knowledge graph of France's national strategy for artificial intelligence";
pub const DESCRIPTION_EN: &str = "Who funds what, how much, since when, says who: the actors, plans, programmes, infrastructures, events and figures of France's national strategy for artificial intelligence, each statement citing the French press article it comes from with a verbatim quotation.";
pub const DESCRIPTION_FR: &str = "Qui finance quoi, combien, depuis quand, selon qui : les acteurs, plans, programmes, infrastructures, événements et chiffres de la stratégie nationale française pour l'intelligence artificielle, chaque affirmation citant l'article de presse français dont elle provient par un extrait textuel.";

/// `YYYY-MM-DD`, without the time zone `Date` may carry.
pub fn date(d: oxsdatatypes::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// What the package says about itself beyond the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Where the files will be downloadable from; ends with `/`.
    pub download_url: String,
    /// The SPARQL endpoint serving the same graph.
    pub endpoint_url: String,
    /// Release and modification dates of the dataset.
    pub issued: Date,
    pub modified: Date,
    /// The name of the publisher (a `foaf:Agent`).
    pub publisher: String,
    /// How to reach the publisher: a `mailto:` or web address.
    pub contact: String,
}

impl Options {
    /// Downloads under `{base}download/`, the endpoint at `{base}sparql`,
    /// dated today, published by "iagraph" with `{base}` as contact.
    pub fn new(base: &crate::Base) -> Self {
        let today = Date::now();
        Self {
            download_url: format!("{}download/", base.as_str()),
            endpoint_url: format!("{}sparql", base.as_str()),
            issued: today,
            modified: today,
            publisher: "iagraph".into(),
            contact: base.as_str().to_owned(),
        }
    }

    /// Checks the addresses before anything is written.
    pub fn validate(&self) -> Result<()> {
        check_url("download URL", &self.download_url)?;
        if !self.download_url.ends_with('/') {
            return Err(Error::BadUrl {
                what: "download URL",
                url: self.download_url.clone(),
                reason: "it must end with `/`, the files' names are appended to it".into(),
            });
        }
        check_url("endpoint URL", &self.endpoint_url)?;
        check_url("contact", &self.contact)?;
        if self.publisher.trim().is_empty() {
            return Err(Error::EmptyPublisher);
        }
        Ok(())
    }

    /// The address a file of the package will be downloaded from.
    pub fn url_of(&self, file: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{file}", self.download_url))
    }
}

fn check_url(what: &'static str, url: &str) -> Result<()> {
    IriAbsoluteStr::new(url)
        .map(|_| ())
        .map_err(|e| Error::BadUrl {
            what,
            url: url.to_owned(),
            reason: e.to_string(),
        })
}

/// The syntax of a file of the package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Turtle,
    NTriples,
    JsonLd,
    RdfXml,
    Csv,
    Json,
    Html,
}

impl Format {
    /// The IANA media type.
    pub fn media_type(self) -> &'static str {
        self.media_type_iri()
            .as_str()
            .trim_start_matches(media_type::NAMESPACE)
    }

    /// The media type as DCAT-AP's `dcat:mediaType` names it.
    pub fn media_type_iri(self) -> NamedNodeRef<'static> {
        match self {
            Self::Turtle => media_type::TEXT_TURTLE,
            Self::NTriples => media_type::APPLICATION_N_TRIPLES,
            Self::JsonLd => media_type::APPLICATION_LD_JSON,
            Self::RdfXml => media_type::APPLICATION_RDF_XML,
            Self::Csv => media_type::TEXT_CSV,
            Self::Json => media_type::APPLICATION_JSON,
            Self::Html => media_type::TEXT_HTML,
        }
    }

    /// The EU file type, DCAT-AP's `dct:format`.
    pub fn file_type(self) -> NamedNodeRef<'static> {
        match self {
            Self::Turtle => file_type::RDF_TURTLE,
            Self::NTriples => file_type::RDF_N_TRIPLES,
            Self::JsonLd => file_type::JSON_LD,
            Self::RdfXml => file_type::RDF_XML,
            Self::Csv => file_type::CSV,
            Self::Json => file_type::JSON,
            Self::Html => file_type::HTML,
        }
    }

    /// How a person calls it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Turtle => "Turtle",
            Self::NTriples => "N-Triples",
            Self::JsonLd => "JSON-LD",
            Self::RdfXml => "RDF/XML",
            Self::Csv => "CSV",
            Self::Json => "JSON",
            Self::Html => "HTML",
        }
    }
}

/// What a file is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The whole graph in one RDF syntax (a `dcat:Distribution`).
    Dump,
    /// A CSV table (a `dcat:Distribution`) and the file name of its Table Schema.
    Table { schema: String },
    /// A Table Schema (a `dct:Standard` its table conforms to).
    Schema,
    /// A description of the package: data package, VoID, catalogue.
    Metadata,
}

/// A file of the package, once written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackagedFile {
    pub name: String,
    pub title_fr: String,
    pub title_en: String,
    pub format: Format,
    /// Gzip-compressed (`format` is then what the file decompresses to).
    pub gzip: bool,
    pub role: Role,
    pub bytes: u64,
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    pub sha256: String,
}

impl PackagedFile {
    /// Dumps and tables are the dataset's distributions.
    pub fn is_distribution(&self) -> bool {
        matches!(self.role, Role::Dump | Role::Table { .. })
    }
}

/// Writes the package into `output` through a folder built beside it and
/// renamed into place once complete, replacing whatever `output` was only
/// then. `progress` sees each file as soon as it is written.
pub fn publish(
    graph: &Graph,
    options: &Options,
    output: &Path,
    progress: &mut dyn FnMut(&PackagedFile),
) -> Result<Vec<PackagedFile>> {
    options.validate()?;
    crate::folder::replace_with(output, |staging| {
        write_all(graph, options, staging, progress)
    })
}

/// The RDF dumps: file name, syntax, titles.
const DUMPS: &[(&str, RdfExport, Format, &str, &str)] = &[
    (
        "iagraph.ttl",
        RdfExport::Turtle,
        Format::Turtle,
        "Le graphe complet (données et ontologie) en Turtle",
        "The whole graph (data and ontology) in Turtle",
    ),
    (
        "iagraph.jsonld",
        RdfExport::JsonLd,
        Format::JsonLd,
        "Le graphe complet en JSON-LD, chaque triplet dans son graphe nommé",
        "The whole graph in JSON-LD, each triple in its named graph",
    ),
    (
        "iagraph.rdf",
        RdfExport::RdfXml,
        Format::RdfXml,
        "Le graphe complet en RDF/XML",
        "The whole graph in RDF/XML",
    ),
];

/// The N-Triples dump, written once into both the plain and the gzipped file.
const NTRIPLES: &str = "iagraph.nt";
const NTRIPLES_GZ: &str = "iagraph.nt.gz";

/// Every file of the package, written into the empty folder `dir`.
pub fn write_all(
    graph: &Graph,
    options: &Options,
    dir: &Path,
    progress: &mut dyn FnMut(&PackagedFile),
) -> Result<Vec<PackagedFile>> {
    let mut files = Vec::new();
    let mut done = |file: PackagedFile, files: &mut Vec<PackagedFile>| {
        progress(&file);
        files.push(file);
    };

    for (name, export, format, title_fr, title_en) in DUMPS {
        let mut out = Tracked::create(dir, name)?;
        write_rdf(graph, *export, &mut out)?;
        let file = out.finish(FileInfo {
            title_fr,
            title_en,
            format: *format,
            gzip: false,
            role: Role::Dump,
        })?;
        done(file, &mut files);
    }
    let mut plain = Tracked::create(dir, NTRIPLES)?;
    let mut gzip = GzEncoder::new(Tracked::create(dir, NTRIPLES_GZ)?, Compression::best());
    write_rdf(graph, RdfExport::NTriples, &mut Tee(&mut plain, &mut gzip))?;
    let gzip = gzip.finish().map_err(|source| Error::Write {
        path: dir.join(NTRIPLES_GZ),
        source,
    })?;
    done(
        plain.finish(FileInfo {
            title_fr: "Le graphe complet en N-Triples (un triplet par ligne)",
            title_en: "The whole graph in N-Triples (one triple per line)",
            format: Format::NTriples,
            gzip: false,
            role: Role::Dump,
        })?,
        &mut files,
    );
    done(
        gzip.finish(FileInfo {
            title_fr: "Le graphe complet en N-Triples, compressé par gzip",
            title_en: "The whole graph in N-Triples, gzip-compressed",
            format: Format::NTriples,
            gzip: true,
            role: Role::Dump,
        })?,
        &mut files,
    );

    let written = tables::write_tables(graph, options, dir)?;
    for file in written {
        done(file, &mut files);
    }

    let mut out = Tracked::create(dir, VOID_FILE)?;
    void::write_void(graph, options, &files, &mut out)?;
    done(
        out.finish(FileInfo {
            title_fr: "Description VoID : statistiques, partitions, liens vers Wikidata",
            title_en: "VoID description: statistics, partitions, links to Wikidata",
            format: Format::Turtle,
            gzip: false,
            role: Role::Metadata,
        })?,
        &mut files,
    );

    let catalogue = dcat::Catalogue::new(graph, options, &files)?;
    for (name, format, rdf) in [
        (CATALOG_TURTLE, Format::Turtle, RdfFormat::Turtle),
        (CATALOG_JSON_LD, Format::JsonLd, crate::export::JSON_LD),
        (CATALOG_RDF_XML, Format::RdfXml, RdfFormat::RdfXml),
    ] {
        let mut out = Tracked::create(dir, name)?;
        catalogue.write(rdf, &mut out)?;
        done(
            out.finish(FileInfo {
                title_fr: "Catalogue DCAT-AP 3 du jeu de données",
                title_en: "DCAT-AP 3 catalogue of the dataset",
                format,
                gzip: false,
                role: Role::Metadata,
            })?,
            &mut files,
        );
    }

    let mut out = Tracked::create(dir, LANDING_FILE)?;
    landing::write_landing(&catalogue, &files, &mut out)?;
    done(
        out.finish(FileInfo {
            title_fr: "Cette page",
            title_en: "This page",
            format: Format::Html,
            gzip: false,
            role: Role::Metadata,
        })?,
        &mut files,
    );
    Ok(files)
}

/// What a file is, besides its bytes.
pub(crate) struct FileInfo<'a> {
    pub title_fr: &'a str,
    pub title_en: &'a str,
    pub format: Format,
    pub gzip: bool,
    pub role: Role,
}

/// A file being written, hashed and counted on the way.
pub(crate) struct Tracked {
    name: String,
    path: PathBuf,
    out: BufWriter<File>,
    hasher: Sha256,
    bytes: u64,
}

impl Tracked {
    pub(crate) fn create(dir: &Path, name: &str) -> Result<Self> {
        let path = dir.join(name);
        let file = File::create(&path).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        Ok(Self {
            name: name.to_owned(),
            path,
            out: BufWriter::new(file),
            hasher: Sha256::new(),
            bytes: 0,
        })
    }

    pub(crate) fn finish(mut self, info: FileInfo<'_>) -> Result<PackagedFile> {
        self.out
            .flush()
            .and_then(|()| self.out.get_ref().sync_all())
            .map_err(|source| Error::Write {
                path: self.path.clone(),
                source,
            })?;
        Ok(PackagedFile {
            name: self.name,
            title_fr: info.title_fr.to_owned(),
            title_en: info.title_en.to_owned(),
            format: info.format,
            gzip: info.gzip,
            role: info.role,
            bytes: self.bytes,
            sha256: hex(&self.hasher.finalize()),
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Write for Tracked {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Writes everything to two writers.
struct Tee<'a, A, B>(&'a mut A, &'a mut B);

impl<A: Write, B: Write> Write for Tee<'_, A, B> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write_all(buf)?;
        self.1.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()?;
        self.1.flush()
    }
}

/// Triples in the order added, each subject's kept together when sorted.
#[derive(Default)]
pub(crate) struct Triples(Vec<Triple>);

impl Triples {
    pub(crate) fn add<'a>(
        &mut self,
        subject: impl Into<NamedOrBlankNodeRef<'a>>,
        predicate: NamedNodeRef<'_>,
        object: impl Into<Term>,
    ) {
        let subject: NamedOrBlankNode = subject.into().into_owned();
        let triple = Triple::new(subject, predicate, object);
        if !self.0.contains(&triple) {
            self.0.push(triple);
        }
    }

    /// Grouped by subject (so Turtle writes each once), in a stable order.
    pub(crate) fn into_sorted(mut self) -> Vec<Triple> {
        self.0.sort_by_cached_key(|t| t.subject.to_string());
        self.0
    }
}

/// Lower-case hexadecimal, as `sha256sum` prints it.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value of a literal, or the IRI of a named node, of one cell of a
/// [`query::select`] row.
pub(crate) fn text(term: Option<&Term>) -> Option<String> {
    match term? {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// The single number a `SELECT (COUNT(…) AS ?n)` query gives.
pub(crate) fn count(graph: &Graph, sparql: &str) -> Result<u64> {
    let rows = query::select(graph, sparql)?;
    Ok(rows
        .first()
        .and_then(|row| text(row.first()?.as_ref()))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_url_must_be_absolute_and_end_with_a_slash() {
        let mut options = Options::new(&crate::Base::default());
        assert_eq!(options.download_url, "https://w3id.org/iagraph/download/");
        assert!(options.validate().is_ok());
        options.download_url = "https://example.org/files".into();
        let message = options.validate().unwrap_err().to_string();
        assert!(message.contains("must end with `/`"), "{message}");
        options.download_url = "files/".into();
        assert!(options.validate().is_err());
    }

    #[test]
    fn formats_name_their_media_types() {
        assert_eq!(Format::NTriples.media_type(), "application/n-triples");
        assert_eq!(Format::Csv.media_type(), "text/csv");
    }
}
