//! The integration tests, one crate so that they build and link once.
//! Each module tests one area; `common` holds their shared helpers.

mod common;

mod bad_data;
mod cli;
mod docs;
mod explorer;
mod export;
mod extract;
mod links;
mod package;
mod queries;
mod scale;
mod serve;
mod virtuoso;
