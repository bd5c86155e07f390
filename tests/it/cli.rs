//! The binary end to end, in a temporary copy of the project.

use crate::common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{iagraph, stderr, stdout, temp_project};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};

#[test]
fn every_command_has_help() {
    let dir = temp_project(false);
    let out = iagraph(dir.path(), &["--help"]);
    assert!(out.status.success());
    for command in [
        "build", "query", "queries", "export", "verify", "publish", "link", "package", "gen",
        "bench",
    ] {
        assert!(
            stdout(&out).contains(command),
            "--help does not list {command}"
        );
        let sub = iagraph(dir.path(), &[command, "--help"]);
        assert!(sub.status.success(), "{command} --help failed");
        assert!(stdout(&sub).contains("Usage: iagraph"), "{command} --help");
    }
}

#[test]
fn build_reports_counts() {
    let dir = temp_project(false);
    let out = iagraph(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("entities 3, statements 1, sources 1, triples "),
        "{text}"
    );
}

#[test]
fn outside_a_project_the_error_says_where_to_run() {
    let empty = tempfile::tempdir().unwrap();
    let out = iagraph(empty.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no data/ directory"),
        "{}",
        stderr(&out)
    );
    let with_root = iagraph(
        empty.path(),
        &["--root", env!("CARGO_MANIFEST_DIR"), "build"],
    );
    assert!(with_root.status.success(), "{}", stderr(&with_root));
}

#[test]
fn every_named_query_fits_a_terminal_of_120_columns() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut names: Vec<String> = std::fs::read_dir(format!("{root}/queries"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".rq").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for name in &names {
        let out = iagraph(std::path::Path::new(root), &["query", name]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let text = stdout(&out);
        // The table itself; the footer lines in brackets may run longer.
        let table: Vec<&str> = text.lines().filter(|l| !l.starts_with('(')).collect();
        assert!(table.len() >= 3, "{name}:\n{text}");
        for line in table {
            assert!(line.chars().count() <= 120, "{name}: {line}");
        }
    }
}

#[test]
fn inline_query_prints_an_aligned_table() {
    let dir = temp_project(false);
    let sparql = "SELECT ?funder ?amount WHERE { ?st iag:statementSubject ?funder ; iag:amount/schema:value ?amount }";
    let out = iagraph(dir.path(), &["query", "--sparql", sparql]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "funder  | amount\n--------+---------\nid:etat | 50000000\n(1 row)\n"
    );
}

#[test]
fn the_table_reads_amounts_leaves_out_empty_columns_and_fits_120_columns_while_csv_keeps_raw_values()
 {
    let dir = temp_project(false);
    let out = iagraph(dir.path(), &["query", "funders"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "financeur | beneficiaire     | montant | devise | date    | modalite | sources  | affirmation\n\
         ----------+------------------+---------+--------+---------+----------+----------+---------------------------------\n\
         État      | Supercalculateur | 50 M€   | EUR    | 2023-06 | fait     | art-test | id:etat-finance-supercalculateur\n\
         (1 row; empty columns left out: montantMin, montantMax, quantite, annoncePar, dateDeduite, autresDeductions)\n"
    );
    assert!(stdout(&out).lines().all(|l| l.chars().count() <= 120));
    let csv = iagraph(dir.path(), &["query", "funders", "--format", "csv"]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    assert_eq!(
        stdout(&csv),
        "financeur,beneficiaire,montant,montantMin,montantMax,devise,quantite,date,annoncePar,modalite,dateDeduite,autresDeductions,sources,affirmation\r\n\
         État,Supercalculateur,50000000,,,EUR,,2023-06,,fait,,,art-test,https://w3id.org/iagraph/id/etat-finance-supercalculateur\r\n"
    );
}

#[test]
fn results_formats_parse_back() {
    let dir = temp_project(false);
    let sparql = "SELECT ?s WHERE { ?s a iag:Supercomputer }";
    for (flag, format) in [
        ("json", QueryResultsFormat::Json),
        ("xml", QueryResultsFormat::Xml),
        ("tsv", QueryResultsFormat::Tsv),
        ("csv", QueryResultsFormat::Csv),
    ] {
        let out = iagraph(dir.path(), &["query", "--format", flag, "--sparql", sparql]);
        assert!(out.status.success(), "{flag}: {}", stderr(&out));
        if flag == "csv" {
            // sparesults does not read CSV back (the format is lossy).
            assert_eq!(
                stdout(&out),
                "s\r\nhttps://w3id.org/iagraph/id/supercalculateur\r\n"
            );
            continue;
        }
        let parsed = QueryResultsParser::from_format(format)
            .for_slice(&out.stdout)
            .unwrap();
        let SliceQueryResultsParserOutput::Solutions(solutions) = parsed else {
            panic!("{flag}: not solutions")
        };
        let rows: Vec<String> = solutions
            .map(|s| s.unwrap().get("s").unwrap().to_string())
            .collect();
        assert_eq!(
            rows,
            ["<https://w3id.org/iagraph/id/supercalculateur>"],
            "{flag}"
        );
    }
}

#[test]
fn construct_gives_turtle() {
    let dir = temp_project(false);
    let sparql = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a iag:State ; rdfs:label ?l }";
    let out = iagraph(dir.path(), &["query", "--sparql", sparql]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("id:etat rdfs:label \"State\"@en , \"État\"@fr ."),
        "{}",
        stdout(&out)
    );
    let wrong = iagraph(
        dir.path(),
        &["query", "--format", "csv", "--sparql", sparql],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("gives a graph"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn a_syntax_error_shows_its_position() {
    let dir = temp_project(false);
    let out = iagraph(
        dir.path(),
        &["query", "--sparql", "SELECT ?s WHERE {\n  ?s ?p }"],
    );
    assert_eq!(out.status.code(), Some(1));
    // The position is the parser's (the furthest point it reached) and the
    // expected tokens.
    let message = stderr(&out);
    assert!(
        message.contains("SPARQL syntax error at 2:10: expected one of"),
        "{message}"
    );
}

#[test]
fn named_queries_are_listed_and_unknown_names_explained() {
    let dir = temp_project(true);
    let list = iagraph(dir.path(), &["queries"]);
    assert!(list.status.success());
    assert!(
        stdout(&list).lines().any(|l| l.starts_with("funders ")),
        "{}",
        stdout(&list)
    );

    let funders = iagraph(dir.path(), &["query", "funders"]);
    assert!(funders.status.success(), "{}", stderr(&funders));
    assert!(stdout(&funders).contains("Jean Zay"));

    let unknown = iagraph(dir.path(), &["query", "fundrs"]);
    assert_eq!(unknown.status.code(), Some(1));
    let message = stderr(&unknown);
    assert!(
        message.contains("no named query `fundrs`") && message.contains("funders"),
        "{message}"
    );

    let file = dir.path().join("q.rq");
    std::fs::write(&file, "ASK { id:mistral-ai iag:launches id:le-chat }").unwrap();
    let out = iagraph(dir.path(), &["query", "--file", "q.rq"]);
    assert_eq!(stdout(&out), "true\n");
}

#[test]
fn export_writes_files_and_standard_output() {
    let dir = temp_project(false);
    let out = iagraph(
        dir.path(),
        &["export", "--format", "ntriples", "--output", "g.nt"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let file = std::fs::read_to_string(dir.path().join("g.nt")).unwrap();
    let piped = stdout(&iagraph(dir.path(), &["export", "--format", "ntriples"]));
    assert_eq!(file, piped);
    assert!(file.lines().all(|l| l.ends_with(" .")));

    let dot = iagraph(dir.path(), &["export", "--format", "dot", "--lang", "en"]);
    assert!(
        stdout(&dot).contains("label=\"funds\\n€50m\""),
        "{}",
        stdout(&dot)
    );

    let misuse = iagraph(
        dir.path(),
        &["export", "--format", "turtle", "--focus", "etat"],
    );
    assert_eq!(misuse.status.code(), Some(1));
    let depth_alone = iagraph(dir.path(), &["export", "--format", "dot", "--depth", "2"]);
    assert_eq!(
        depth_alone.status.code(),
        Some(2),
        "clap refuses --depth without --focus"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iagraph"))
        .args([
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "export",
            "--format",
            "ntriples",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader has gone: the rest of the output hits a closed pipe.
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

#[cfg(not(feature = "rocksdb"))]
#[test]
fn store_without_the_feature_says_how_to_get_it() {
    let dir = temp_project(false);
    let out = iagraph(dir.path(), &["build", "--store"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("--features rocksdb"),
        "{}",
        stderr(&out)
    );
}

#[cfg(feature = "rocksdb")]
#[test]
fn the_store_is_rebuilt_only_when_an_input_changes() {
    let dir = temp_project(false);
    let first = iagraph(dir.path(), &["build", "--store"]);
    assert!(stdout(&first).starts_with("built in"), "{}", stdout(&first));
    let again = iagraph(dir.path(), &["build", "--store"]);
    assert!(stdout(&again).contains("up to date"), "{}", stdout(&again));
    let query = iagraph(
        dir.path(),
        &[
            "query",
            "--store",
            "--sparql",
            "ASK { id:etat a iag:State }",
        ],
    );
    assert_eq!(stdout(&query), "true\n");
    assert!(
        stderr(&query).is_empty(),
        "no rebuild expected: {}",
        stderr(&query)
    );

    // A newer data file makes the next command rebuild first.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let facts = dir.path().join("data/facts.toml");
    let text = std::fs::read_to_string(&facts)
        .unwrap()
        .replace("label_en = \"State\"", "label_en = \"The State\"");
    std::fs::write(&facts, text).unwrap();
    let query = iagraph(
        dir.path(),
        &[
            "query",
            "--store",
            "--sparql",
            "ASK { id:etat rdfs:label \"The State\"@en }",
        ],
    );
    assert_eq!(stdout(&query), "true\n");
    assert!(stderr(&query).contains("built"), "{}", stderr(&query));

    let forced = iagraph(dir.path(), &["build", "--store", "--force"]);
    assert!(stdout(&forced).starts_with("built in"));
}

#[test]
fn an_io_error_names_its_cause_once() {
    let dir = temp_project(false);
    let out = iagraph(dir.path(), &["query", "--file", "absent.rq"]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        message.matches("No such file or directory").count(),
        1,
        "{message}"
    );
    assert!(
        message.starts_with("error: cannot read absent.rq: "),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn exported_files_are_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_project(false);
    let out = iagraph(dir.path(), &["export", "--output", "g.ttl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = std::fs::metadata(dir.path().join("g.ttl"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn publish_and_remote_queries_explain_their_errors() {
    let dir = temp_project(false);
    let out = iagraph(
        dir.path(),
        &["publish", "--endpoint", "http://127.0.0.1:9/gsp"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("pass --query-endpoint"),
        "{}",
        stderr(&out)
    );

    // Nobody listens on a port just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let store = format!("http://127.0.0.1:{port}/store");
    let out = iagraph(dir.path(), &["publish", "--endpoint", &store]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.starts_with(&format!(
            "error: publishing to {store} failed: {store}?graph="
        )),
        "{message}"
    );
    assert!(message.contains("PUT failed"), "{message}");

    let out = iagraph(
        dir.path(),
        &[
            "query",
            "--sparql",
            "ASK {}",
            "--user",
            "u",
            "--password",
            "p",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("add --endpoint URL"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_pipe_or_a_device_is_written_in_place_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    // `-o /dev/null` used to rename a fresh file over the device. A FIFO in a
    // temporary directory stands for it: it must stay a FIFO and get the answer.
    let dir = temp_project(false);
    let fifo = dir.path().join("answer.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(&fifo)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        })
    };
    let out = iagraph(
        dir.path(),
        &[
            "query",
            "funders",
            "--format",
            "csv",
            "-o",
            fifo.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // Checked before joining: a reader left waiting on a replaced FIFO ends
    // with the test process.
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let text = reader.join().unwrap();
    assert!(text.starts_with("financeur"), "{text}");
}
