//! SPARQL queries over the graph, and the named queries of `queries/`; a
//! query's nesting is bounded before it is parsed ([`nesting`]).

use std::io::Write;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, PreparedSparqlQuery, QueryResults, SparqlEvaluator};

use crate::error::{Error, Result};
pub use crate::format::OutputFormat;
use crate::store::Graph;
use crate::vocab::PREFIXES;

pub mod nesting;

/// The answer to a query, fully read.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Solutions {
        variables: Vec<Variable>,
        rows: Vec<Vec<Option<Term>>>,
    },
    Boolean(bool),
    Graph(Vec<Triple>),
}

/// The RDF dataset a request names in place of the default one, as the
/// SPARQL 1.1 Protocol's `default-graph-uri` and `named-graph-uri` do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatasetOverride {
    /// Graphs merged into the default graph.
    pub default_graphs: Vec<NamedNode>,
    /// Graphs `GRAPH` patterns may reach.
    pub named_graphs: Vec<NamedNode>,
}

/// The evaluator every query of the graph goes through: the usual prefixes
/// (`iag:`, `schema:`, `prov:`, …) and `id:` for the graph's own IRIs.
pub fn evaluator(graph: &Graph) -> Result<SparqlEvaluator> {
    // Oxigraph is built without `http-client`, so `SERVICE` cannot call out.
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in PREFIXES {
        evaluator = evaluator
            .with_prefix(*prefix, *iri)
            .map_err(|source| Error::BadPrefix {
                prefix: (*prefix).to_owned(),
                namespace: (*iri).to_owned(),
                source,
            })?;
    }
    evaluator
        .with_prefix("id", format!("{}id/", graph.base().as_str()))
        .map_err(|e| Error::BadBase {
            iri: graph.base().as_str().to_owned(),
            reason: e.to_string(),
        })
}

/// Parses a SPARQL 1.1 query for [`evaluator`]. Its default graph is the
/// union of the data and ontology graphs unless the query has `FROM` or
/// `FROM NAMED`, or `dataset` is given, which replaces both. `cancellation`
/// stops the evaluation (the solutions then end with
/// [`QueryEvaluationError::Cancelled`](oxigraph::sparql::QueryEvaluationError::Cancelled)).
/// A query nested past the bounds of [`nesting`] is a syntax error.
pub fn prepare(
    graph: &Graph,
    sparql: &str,
    dataset: Option<&DatasetOverride>,
    cancellation: Option<CancellationToken>,
) -> Result<PreparedSparqlQuery> {
    // Before the parser, which would recurse as deep as the query nests.
    nesting::check(sparql).map_err(Error::QueryTooDeep)?;
    let mut evaluator = evaluator(graph)?;
    if let Some(token) = cancellation {
        evaluator = evaluator.with_cancellation_token(token);
    }
    let mut prepared = evaluator.parse_query(sparql).map_err(Error::QuerySyntax)?;
    let spec = prepared.dataset_mut();
    match dataset {
        Some(d) => {
            spec.set_default_graph(d.default_graphs.iter().cloned().map(Into::into).collect());
            spec.set_available_named_graphs(
                d.named_graphs.iter().cloned().map(Into::into).collect(),
            );
        }
        None if spec.is_default_dataset() => spec.set_default_graph_as_union(),
        None => {}
    }
    Ok(prepared)
}

/// Runs a SPARQL 1.1 query over the dataset [`prepare`] describes, with the
/// usual prefixes (`iag:`, `schema:`, `prov:`, …, and `id:` for the graph's
/// own IRIs) predeclared.
///
/// ```
/// # use iagraph::{Base, Graph, Project};
/// let graph = Graph::build(&Project::new(env!("CARGO_MANIFEST_DIR")), &Base::default())?;
/// let answer = iagraph::query::run(&graph, "ASK { id:mistral-ai a iag:Startup }")?;
/// assert_eq!(answer, iagraph::query::Answer::Boolean(true));
/// # Ok::<_, iagraph::Error>(())
/// ```
pub fn run(graph: &Graph, sparql: &str) -> Result<Answer> {
    on_deep_stack(|| run_here(graph, sparql))?
}

fn run_here(graph: &Graph, sparql: &str) -> Result<Answer> {
    let prepared = prepare(graph, sparql, None, None)?;
    Ok(match prepared.on_store(graph.store()).execute()? {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution?;
                rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
            }
            Answer::Solutions { variables, rows }
        }
        QueryResults::Boolean(b) => Answer::Boolean(b),
        QueryResults::Graph(triples) => Answer::Graph(triples.collect::<Result<_, _>>()?),
    })
}

/// Oxigraph's plan for a query, as JSON (the query is planned, not run):
/// which patterns it joins in which order, to see why a query is slow.
pub fn explain(graph: &Graph, sparql: &str) -> Result<String> {
    on_deep_stack(|| {
        let prepared = prepare(graph, sparql, None, None)?;
        let (_, explanation) = prepared.on_store(graph.store()).explain();
        let mut json = Vec::new();
        explanation
            .write_in_json(&mut json)
            .map_err(Error::Serialize)?;
        Ok(String::from_utf8_lossy(&json).into_owned())
    })?
}

/// The stack a query is parsed, evaluated and dropped on. Oxigraph recurses
/// once per level of the query's tree (up to 64 KiB a level in a debug
/// build); [`nesting`] bounds the levels, whose worst case takes 16 MiB
/// (BENCHMARKS.md, "Server"). The stack is reserved, not committed: only the
/// pages a query reaches are used.
pub const STACK_BYTES: usize = 256 << 20;

/// Runs `work` on a thread of [`STACK_BYTES`] and waits for it. A panic in
/// `work` is passed on.
pub fn on_deep_stack<T: Send>(work: impl FnOnce() -> T + Send) -> Result<T> {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("iagraph-query".to_owned())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, work)
            .map_err(Error::Thread)?;
        thread
            .join()
            .map_err(|panic| std::panic::resume_unwind(panic))
    })
}

/// The rows of a SELECT query run by the crate itself (an ASK or CONSTRUCT
/// gives none).
pub fn select(graph: &Graph, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
    match run(graph, sparql)? {
        Answer::Solutions { rows, .. } => Ok(rows),
        _ => Ok(Vec::new()),
    }
}

/// Writes `answer` in `format`; `base` shortens the graph's IRIs in tables.
pub fn write(
    answer: &Answer,
    format: OutputFormat,
    base: &str,
    out: &mut impl Write,
) -> Result<()> {
    let results_format = match format {
        OutputFormat::Csv => Some(QueryResultsFormat::Csv),
        OutputFormat::Tsv => Some(QueryResultsFormat::Tsv),
        OutputFormat::Json => Some(QueryResultsFormat::Json),
        OutputFormat::Xml => Some(QueryResultsFormat::Xml),
        _ => None,
    };
    match (answer, results_format) {
        (Answer::Graph(triples), _) => {
            let rdf = match format {
                OutputFormat::NTriples => RdfFormat::NTriples,
                OutputFormat::JsonLd => crate::vocab::JSON_LD,
                OutputFormat::RdfXml => RdfFormat::RdfXml,
                OutputFormat::Turtle | OutputFormat::Table => RdfFormat::Turtle,
                other => return Err(Error::NotAGraphFormat { format: other }),
            };
            let mut serializer = crate::vocab::with_prefixes(RdfSerializer::from_format(rdf), base)
                .for_writer(&mut *out);
            for t in triples {
                serializer.serialize_triple(t).map_err(Error::Serialize)?;
            }
            serializer.finish().map_err(Error::Serialize)?;
        }
        (_, None) if format != OutputFormat::Table => {
            return Err(Error::NotAResultsFormat { format });
        }
        (Answer::Boolean(b), None) => writeln!(out, "{b}").map_err(Error::Serialize)?,
        (Answer::Solutions { variables, rows }, None) => write_table(variables, rows, base, out)?,
        (Answer::Boolean(b), Some(f)) => {
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut *out, *b)
                .map_err(Error::Serialize)?;
        }
        (Answer::Solutions { variables, rows }, Some(f)) => {
            let mut s = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut *out, variables.clone())
                .map_err(Error::Serialize)?;
            for row in rows {
                let pairs = variables
                    .iter()
                    .zip(row)
                    .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref())));
                s.serialize(pairs).map_err(Error::Serialize)?;
            }
            s.finish().map_err(Error::Serialize)?;
        }
    }
    Ok(())
}

/// A term as a person reads it: prefixed names for IRIs, bare values for literals.
pub fn short_term(term: &Term, base: &str) -> String {
    match term {
        Term::NamedNode(n) => short_iri(n.as_str(), base),
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// `id:mistral-ai`, `iag:funds`, or the IRI in angle brackets.
pub fn short_iri(iri: &str, base: &str) -> String {
    if let Some(slug) = iri.strip_prefix(base).and_then(|r| r.strip_prefix("id/")) {
        // `#` would start a comment: escaped, the name pastes into SPARQL.
        return format!("id:{}", slug.replace('#', "\\#"));
    }
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

/// The widest a table may be: a terminal of 120 columns.
pub const TABLE_WIDTH: usize = 120;
/// No column is cut narrower than this.
const MIN_COLUMN: usize = 8;

/// How the named queries name their columns of sums of money: a variable
/// starting with one of these (case aside) holds an amount, in the currency
/// of the row's [`CURRENCY_COLUMNS`] column. The explorer reads the same
/// lists from `/api/config`.
pub const AMOUNT_COLUMNS: &[&str] = &["montant", "amount", "total"];
/// The columns holding ISO 4217 codes.
pub const CURRENCY_COLUMNS: &[&str] = &["devise", "currency"];
/// The columns listing source articles by slug, comma-separated.
pub const SOURCE_COLUMNS: &[&str] = &["source", "sources"];

/// Whether a variable holds a sum of money (see [`AMOUNT_COLUMNS`]).
fn is_amount_column(name: &str) -> bool {
    let name = name.to_lowercase();
    AMOUNT_COLUMNS.iter().any(|p| name.starts_with(p))
}

/// The column holding the rows' currencies (see [`CURRENCY_COLUMNS`]).
fn currency_column(variables: &[Variable]) -> Option<usize> {
    variables
        .iter()
        .position(|v| CURRENCY_COLUMNS.contains(&v.as_str()))
}

/// A cell as the table shows it: a sum of money in words (`109 Md€`) when
/// its column is an amount and the row names an ISO 4217 currency.
fn table_cell(term: &Term, currency: Option<&str>, amount: bool, base: &str) -> String {
    if let (true, Some(currency), Term::Literal(l)) = (amount, currency, term) {
        let is_code = currency.len() == 3 && currency.chars().all(|c| c.is_ascii_uppercase());
        if let (true, Ok(value)) = (is_code, l.value().parse::<f64>()) {
            if value.is_finite() {
                return crate::wording::money(value, currency, crate::wording::Lang::Fr);
            }
        }
    }
    short_term(term, base)
}

/// `text` in at most `width` characters, cut with an ellipsis.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Column widths that fit [`TABLE_WIDTH`]: the widest column is narrowed
/// first, none below [`MIN_COLUMN`] (a table of many columns may stay wider).
fn fit_widths(mut widths: Vec<usize>) -> Vec<usize> {
    let total = |w: &[usize]| w.iter().sum::<usize>() + 3 * w.len().saturating_sub(1);
    while total(&widths) > TABLE_WIDTH {
        let Some((i, &widest)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if widest <= MIN_COLUMN {
            break;
        }
        widths[i] = widest - 1;
    }
    widths
}

fn write_table(
    variables: &[Variable],
    rows: &[Vec<Option<Term>>],
    base: &str,
    out: &mut impl Write,
) -> Result<()> {
    let currency = currency_column(variables);
    let amounts: Vec<bool> = variables
        .iter()
        .map(|v| is_amount_column(v.as_str()))
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let code = currency.and_then(|c| match row.get(c) {
                Some(Some(Term::Literal(l))) => Some(l.value()),
                _ => None,
            });
            row.iter()
                .zip(&amounts)
                .map(|(t, amount)| {
                    t.as_ref()
                        .map(|t| table_cell(t, code, *amount, base))
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
    // A column empty in every row only takes room on a terminal: the table
    // leaves it out and names it below (the other formats keep every column).
    let shown: Vec<usize> = (0..header.len())
        .filter(|&i| rows.is_empty() || cells.iter().any(|r| !r[i].is_empty()))
        .collect();
    let empty: Vec<&str> = (0..header.len())
        .filter(|i| !shown.contains(i))
        .map(|i| header[i].as_str())
        .collect();
    let keep = |row: &[String]| -> Vec<String> { shown.iter().map(|&i| row[i].clone()).collect() };
    let header = keep(&header);
    let cells: Vec<Vec<String>> = cells.iter().map(|r| keep(r)).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // Columns that cannot fit even at their narrowest are left out from the
    // right, and named below.
    let mut used = 0;
    let fitting = widths
        .iter()
        .take_while(|w| {
            used += (**w).min(MIN_COLUMN) + if used == 0 { 0 } else { 3 };
            used <= TABLE_WIDTH
        })
        .count()
        .max(1)
        .min(widths.len());
    let overflow: Vec<&str> = header[fitting..].iter().map(String::as_str).collect();
    let widths = fit_widths(widths[..fitting].to_vec());
    let line = |cells: &[String]| {
        let mut s = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let c = fit(c, *w);
                let pad = w.saturating_sub(c.chars().count());
                format!("{c}{}", " ".repeat(pad))
            })
            .collect::<Vec<_>>()
            .join(" | ");
        s.truncate(s.trim_end().len());
        s
    };
    let io = |r: std::io::Result<()>| r.map_err(Error::Serialize);
    io(writeln!(out, "{}", line(&header)))?;
    io(writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-")
    ))?;
    for row in &cells {
        io(writeln!(out, "{}", line(row)))?;
    }
    let empty = if empty.is_empty() {
        String::new()
    } else {
        format!("; empty columns left out: {}", empty.join(", "))
    };
    io(writeln!(
        out,
        "({} row{}{empty})",
        cells.len(),
        if cells.len() == 1 { "" } else { "s" }
    ))?;
    if overflow.is_empty() {
        return Ok(());
    }
    io(writeln!(
        out,
        "(left out to fit {TABLE_WIDTH} characters: {}; --format csv shows every column)",
        overflow.join(", ")
    ))
}

/// A query file of `queries/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedQuery {
    /// The file name without `.rq`.
    pub name: String,
    /// The first comment line: `# Title — Titre`.
    pub title: String,
    pub sparql: String,
}

/// The named queries of `dir`, sorted by name.
pub fn named_queries(dir: &Path) -> Result<Vec<NamedQuery>> {
    let read_err = |source| Error::Read {
        path: dir.to_owned(),
        source,
    };
    let mut queries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        if path.extension().is_none_or(|e| e != "rq") {
            continue;
        }
        let sparql = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        let title = sparql
            .lines()
            .next()
            .and_then(|l| l.strip_prefix('#'))
            .map(|t| t.trim().to_owned())
            .unwrap_or_default();
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        queries.push(NamedQuery {
            name,
            title,
            sparql,
        });
    }
    queries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(queries)
}

/// The named query `name` of `dir`, or an error listing the names there are.
pub fn named_query(dir: &Path, name: &str) -> Result<NamedQuery> {
    let all = named_queries(dir)?;
    let names = all
        .iter()
        .map(|q| q.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    all.into_iter()
        .find(|q| q.name == name)
        .ok_or_else(|| Error::UnknownQuery {
            name: name.to_owned(),
            available: names,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    fn table(variables: &[&str], rows: Vec<Vec<Option<Term>>>) -> String {
        let variables: Vec<Variable> = variables
            .iter()
            .map(|v| Variable::new_unchecked(*v))
            .collect();
        let mut out = Vec::new();
        write_table(&variables, &rows, "https://example.org/", &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn integer(n: &str) -> Option<Term> {
        Some(
            Literal::new_typed_literal(
                n,
                NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#integer"),
            )
            .into(),
        )
    }

    fn text(s: &str) -> Option<Term> {
        Some(Literal::new_simple_literal(s).into())
    }

    #[test]
    fn amounts_read_as_sums_of_money_with_their_currency() {
        let out = table(
            &["financeur", "montant", "montantMin", "devise"],
            vec![
                vec![text("État"), integer("109000000000"), None, text("EUR")],
                vec![text("Fonds"), None, integer("900000000"), text("EUR")],
                vec![text("MGX"), integer("1500000000"), None, text("USD")],
            ],
        );
        assert_eq!(
            out,
            "financeur | montant | montantMin | devise\n\
             ----------+---------+------------+-------\n\
             État      | 109 Md€ |            | EUR\n\
             Fonds     |         | 900 M€     | EUR\n\
             MGX       | 1,5 Md$ |            | USD\n\
             (3 rows)\n"
        );
    }

    #[test]
    fn columns_empty_in_every_row_are_left_out_and_named() {
        let out = table(
            &["financeur", "montantMin", "devise"],
            vec![vec![text("État"), None, text("EUR")]],
        );
        assert_eq!(
            out,
            "financeur | devise\n\
             ----------+-------\n\
             État      | EUR\n\
             (1 row; empty columns left out: montantMin)\n"
        );
        // Without rows, the header still shows what the query selects.
        let out = table(&["a", "b"], Vec::new());
        assert_eq!(out, "a | b\n--+--\n(0 rows)\n");
    }

    #[test]
    fn without_a_currency_column_numbers_stay_raw() {
        let out = table(&["montant"], vec![vec![integer("50000000")]]);
        assert_eq!(out, "montant\n--------\n50000000\n(1 row)\n");
    }

    #[test]
    fn long_cells_are_cut_to_fit_120_columns() {
        let long = "x".repeat(200);
        let out = table(&["a", "b"], vec![vec![text("court"), text(&long)]]);
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines.iter().all(|l| l.chars().count() <= TABLE_WIDTH),
            "{out}"
        );
        assert_eq!(lines[2], format!("court | {}…", "x".repeat(111)));
    }

    #[test]
    fn columns_that_cannot_fit_are_left_out_and_named() {
        let names: Vec<String> = (1..=14).map(|i| format!("colonne{i:02}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let out = table(
            &names,
            vec![names.iter().map(|_| text("valeur longue")).collect()],
        );
        let lines: Vec<&str> = out.lines().collect();
        // 11 columns of 8 characters and 10 separators of 3: 118.
        assert_eq!(lines[0].matches(" | ").count(), 10, "{out}");
        assert!(
            lines
                .iter()
                .take(3)
                .all(|l| l.chars().count() <= TABLE_WIDTH),
            "{out}"
        );
        assert_eq!(
            lines[4],
            "(left out to fit 120 characters: colonne12, colonne13, colonne14; \
             --format csv shows every column)"
        );
    }

    #[test]
    fn fitting_narrows_the_widest_column_first() {
        assert_eq!(fit_widths(vec![10, 200]), vec![10, 107]);
        assert_eq!(fit_widths(vec![10, 20]), vec![10, 20]);
        // Too many columns to fit: none goes below the minimum.
        assert_eq!(fit_widths(vec![30; 20]), vec![MIN_COLUMN; 20]);
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
