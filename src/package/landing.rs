//! The package's `index.html`: what the dataset is, every file with its
//! size and checksum, the licence, and how to cite it.

use std::io::Write;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::dcat::Catalogue;
use super::{CATALOG_JSON_LD, CATALOG_TURTLE, PackagedFile, Role, TITLE_EN, TITLE_FR, date};
use crate::error::{Error, Result};
use crate::vocab;

/// The page's style sheet: a constant, so it is safe to embed unescaped.
const CSS: &str = "
body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 0 auto; padding: 1rem; line-height: 1.45; color: #222; }
.en { color: #555; font-style: italic; }
h1 + .en { margin-top: 0; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #eee; padding: .3rem; text-align: left; vertical-align: top; }
td.size { text-align: right; white-space: nowrap; }
code { font-size: .8rem; word-break: break-all; }
blockquote { margin: .4rem 0; padding-left: .8rem; border-left: 3px solid #99c; }
";

/// Writes the landing page of a package whose other files are `files`.
pub fn write_landing(
    catalogue: &Catalogue,
    files: &[PackagedFile],
    out: &mut impl Write,
) -> Result<()> {
    out.write_all(page(catalogue, files).into_string().as_bytes())
        .map_err(Error::Serialize)
}

/// The sections of the file list, in French and English.
const GROUPS: [(&str, &str); 3] = [
    ("Le graphe en RDF", "The graph as RDF"),
    (
        "Tables CSV et leurs schémas",
        "CSV tables and their schemas",
    ),
    ("Métadonnées", "Metadata"),
];

/// The section of [`GROUPS`] a file is listed in.
fn group(role: &Role) -> usize {
    match role {
        Role::Dump => 0,
        Role::Table { .. } | Role::Schema => 1,
        Role::Metadata => 2,
    }
}

fn page(catalogue: &Catalogue, files: &[PackagedFile]) -> Markup {
    let options = &catalogue.options;
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "iagraph — téléchargements / downloads" }
                link rel="alternate" type="text/turtle" href=(CATALOG_TURTLE);
                link rel="alternate" type="application/ld+json" href=(CATALOG_JSON_LD);
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { (TITLE_FR) }
                p.en lang="en" { (TITLE_EN) }
                p { (catalogue.description_fr) }
                p.en lang="en" { (catalogue.description_en) }
                dl {
                    dt { "Licence" }
                    dd {
                        a href=(vocab::ETALAB_2_0) { "Licence Ouverte / Open Licence 2.0" }
                        " (etalab-2.0)"
                    }
                    dt { "Éditeur " span.en lang="en" { "Publisher" } }
                    dd { (options.publisher) " — " a href=(options.contact) { (options.contact) } }
                    dt { "Publié " span.en lang="en" { "Issued" } }
                    dd { (date(options.issued)) }
                    dt { "Mis à jour " span.en lang="en" { "Modified" } }
                    dd { (date(options.modified)) }
                    @if let Some((start, end)) = &catalogue.temporal {
                        dt { "Période couverte " span.en lang="en" { "Temporal coverage" } }
                        dd { (start.value()) " — " (end.value()) }
                    }
                    dt { "Point d'accès SPARQL " span.en lang="en" { "SPARQL endpoint" } }
                    dd { a href=(options.endpoint_url) { (options.endpoint_url) } }
                }
                h2 { "Fichiers " span.en lang="en" { "Files" } }
                p {
                    "Chaque fichier avec sa taille et sa somme SHA-256 ; "
                    a href=(CATALOG_TURTLE) { "le catalogue DCAT-AP" }
                    " les donne aussi, pour les portails, pour le graphe et les tables. "
                    span.en lang="en" {
                        "Each file with its size and SHA-256 checksum; the DCAT-AP catalogue gives them too, for portals, for the graph and the tables."
                    }
                }
                @for (i, (fr, en)) in GROUPS.iter().enumerate() {
                    h3 { (fr) " " span.en lang="en" { (en) } }
                    table {
                        thead {
                            tr { th { "Fichier" } th { "Contenu" } th { "Format" } th { "Taille" } th { "SHA-256" } }
                        }
                        tbody {
                            @for file in files.iter().filter(|f| group(&f.role) == i) {
                                tr {
                                    td { a href=(file.name) { code { (file.name) } } }
                                    td { (file.title_fr) br; span.en lang="en" { (file.title_en) } }
                                    td { (file.format.name()) @if file.gzip { ", gzip" } }
                                    td.size title={ (file.bytes) " octets / bytes" } { (size(file.bytes)) }
                                    td { code { (file.sha256) } }
                                }
                            }
                        }
                    }
                }
                h2 { "Citer ce jeu de données " span.en lang="en" { "How to cite" } }
                blockquote { (catalogue.citation_fr) }
                blockquote.en lang="en" { (catalogue.citation_en) }
            }
        }
    }
}

/// `512 o`, `12.3 ko`, `4.5 Mo`: decimal units, one decimal.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["ko", "Mo", "Go"];
    if bytes < 1000 {
        return format!("{bytes} o");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_decimal_units() {
        assert_eq!(size(999), "999 o");
        assert_eq!(size(12_345), "12.3 ko");
        assert_eq!(size(4_500_000), "4.5 Mo");
    }
}
