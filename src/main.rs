//! The `iagraph` command: parse, dispatch, report the whole error chain once.

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`iagraph export | head`) is the reader's choice, not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", chain(&e));
            exit_code(&e)
        }
    }
}

/// The error and its causes, each once: the library's messages already quote
/// their cause (for the HTTP server's plain-text errors), so a cause whose
/// text is in the message before it is not repeated.
fn chain(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let message = cause.to_string();
        if !text.contains(&message) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&message);
        }
    }
    text
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// 65 (EX_DATAERR) when the data or the ontology is invalid, 1 otherwise.
fn exit_code(error: &anyhow::Error) -> ExitCode {
    let invalid_input = error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<iagraph::Error>(),
            Some(iagraph::Error::Data(_) | iagraph::Error::Ontology { .. })
        )
    });
    ExitCode::from(if invalid_input { 65 } else { 1 })
}
