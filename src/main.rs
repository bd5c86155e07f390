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
            // Each message says what failed, and its cause comes after it, once.
            eprintln!("error: {e:#}");
            exit_code(&e)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The library error's code ([`iagraph::Error::exit_code`]), 1 for the
/// binary's own errors.
fn exit_code(error: &anyhow::Error) -> ExitCode {
    let code = error
        .chain()
        .find_map(|cause| cause.downcast_ref::<iagraph::Error>())
        .map_or(1, iagraph::Error::exit_code);
    ExitCode::from(code)
}
