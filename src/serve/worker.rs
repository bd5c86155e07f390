//! SPARQL evaluation in worker processes the server can kill.
//!
//! Oxigraph does not check its cancellation token while `ORDER BY` collects
//! and sorts (BENCHMARKS.md, "Server: hostile queries"), so a query cut off
//! by the time limit would go on computing inside the server. Instead the
//! server runs its own binary again as `iagraph sparql-worker`, which reads
//! the graph as N-Quads (written once by the server) in a first frame on its
//! standard input, loads it, limits its address space (`RLIMIT_AS`), says it
//! is ready with an empty frame, and answers one query at a time: a request
//! is a frame of JSON ([`Job`]) on its standard input, an answer a
//! frame of JSON ([`Reply`]) then a frame of body on its standard output
//! (each frame an 8-byte big-endian length, then the bytes). At the time
//! limit the server kills the worker (`SIGKILL`), which frees its CPU and
//! memory at once, and starts another in the background. A worker that dies
//! otherwise (out of memory, a crash) costs its query, never the server.

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::http::StatusCode;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::store::Store;

use super::error::HttpError;
use super::sparql::{Job, Reply};
use crate::error::{Error, Result, WorkerFault};
use crate::iri::Base;
use crate::query;
use crate::store::Graph;

/// The binary's hidden subcommand that runs a worker.
pub const SUBCOMMAND: &str = "sparql-worker";

/// The address space a query may add to its worker's, in MiB, unless
/// `--max-query-memory-mb` says otherwise: a worker stopped at this bound
/// holds about 380 MB, so five (the default places) and the server stay
/// under 2 GB resident (BENCHMARKS.md, "Server: hostile queries").
pub const DEFAULT_MAX_QUERY_MEMORY_MB: u64 = 320;

/// How the server starts its workers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workers {
    /// The `iagraph` binary, run as `iagraph sparql-worker`.
    pub program: PathBuf,
    /// The address space one query may add to its worker's, in MiB.
    pub max_query_memory_mb: u64,
}

/// The server's workers: idle ones wait for a query; busy ones belong to the
/// request they answer.
pub(super) struct Pool {
    workers: Workers,
    base: String,
    /// The graph as N-Quads, which every worker is sent first. In memory,
    /// not in a file that a server stopped by a signal would leave behind.
    graph: Arc<[u8]>,
    idle: Mutex<Vec<Worker>>,
    /// Idle workers kept at most: the number of queries evaluated at once.
    max_idle: usize,
    /// Held while a worker starts in the background: replacing several
    /// killed at once one after the other leaves CPU to the queries.
    starting: Mutex<()>,
}

impl Pool {
    /// Writes the graph for the workers, starts the first one (an
    /// error there stops the server before it listens), then the others,
    /// one per place, in the background: a worker takes about 0.3 s to start
    /// in a debug build, which a query would otherwise wait.
    pub fn start(graph: &Graph, workers: Workers, places: usize) -> Result<Arc<Self>> {
        let nquads = graph
            .store()
            .dump_to_writer(RdfSerializer::from_format(RdfFormat::NQuads), Vec::new())
            .map_err(|e| Error::Serialize(e.into()))?;
        let pool = Arc::new(Self {
            workers,
            base: graph.base().as_str().to_owned(),
            graph: nquads.into(),
            idle: Mutex::new(Vec::new()),
            max_idle: places,
            starting: Mutex::new(()),
        });
        let first = pool
            .start_one()
            .map_err(|e| Error::Worker(WorkerFault::CannotStart(e)))?;
        pool.give_back(first);
        let others = Arc::clone(&pool);
        std::thread::Builder::new()
            .name("iagraph-workers".to_owned())
            .spawn(move || {
                for _ in 1..places {
                    others.add_one();
                }
            })
            .map_err(Error::Server)?;
        Ok(pool)
    }

    pub fn max_query_memory_mb(&self) -> u64 {
        self.workers.max_query_memory_mb
    }

    /// An idle worker, or a new one. Blocks while a new one starts.
    pub fn take(&self) -> io::Result<Worker> {
        if let Some(worker) = lock(&self.idle).pop() {
            return Ok(worker);
        }
        self.start_one()
    }

    /// Back among the idle ones, unless enough are idle already.
    pub fn give_back(&self, worker: Worker) {
        let mut idle = lock(&self.idle);
        if idle.len() < self.max_idle {
            idle.push(worker);
        }
    }

    /// Starts a worker on tokio's blocking pool, for the next query.
    pub fn replace_in_background(self: &Arc<Self>) {
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || pool.add_one());
    }

    /// Starts a worker and makes it idle, after any other starting so.
    fn add_one(&self) {
        let _turn = lock(&self.starting);
        match self.start_one() {
            Ok(worker) => self.give_back(worker),
            Err(e) => eprintln!("cannot start a SPARQL worker: {e}"),
        }
    }

    fn start_one(&self) -> io::Result<Worker> {
        let mut child = Command::new(&self.workers.program)
            .arg(SUBCOMMAND)
            .arg("--base")
            .arg(&self.base)
            .arg("--max-memory-mb")
            .arg(self.workers.max_query_memory_mb.to_string())
            // mimalloc (the binary's allocator) reserves 1 GiB of address
            // space at its first allocation, which the limit would count as
            // the worker's own, letting a query take it on top: reserve less.
            .env("MIMALLOC_ARENA_RESERVE", "64MiB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("cannot run {}: {e}", self.workers.program.display()),
                )
            })?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(io::Error::other("the worker's pipes were not opened"));
        };
        let mut worker = Worker {
            child: Arc::new(Mutex::new(child)),
            stdin,
            stdout: BufReader::new(stdout),
            stderr: Some(stderr),
        };
        // The graph, then its first frame says it has loaded it: the time
        // that takes is not counted in a query's time limit.
        let sent = write_frame(&mut worker.stdin, &self.graph).and_then(|()| worker.stdin.flush());
        match (sent, read_frame(&mut worker.stdout)) {
            (Ok(()), Ok(Some(ready))) if ready.is_empty() => Ok(worker),
            _ => Err(io::Error::other(worker.last_words())),
        }
    }
}

/// One worker process and its pipes. Dropping it kills the process.
pub(super) struct Worker {
    child: Arc<Mutex<Child>>,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    stderr: Option<ChildStderr>,
}

/// Kills a worker from outside the thread that talks to it.
pub(super) struct Killer(Arc<Mutex<Child>>);

impl Killer {
    pub fn kill(&self) {
        // An error means it has already ended.
        let _ = lock(&self.0).kill();
    }
}

impl Worker {
    pub fn killer(&self) -> Killer {
        Killer(Arc::clone(&self.child))
    }

    /// Sends `job` (JSON) and reads the answer; an error means the worker
    /// died or was killed.
    pub fn exchange(&mut self, job: &[u8]) -> io::Result<(Reply, Vec<u8>)> {
        write_frame(&mut self.stdin, job)?;
        self.stdin.flush()?;
        let reply = read_frame(&mut self.stdout)?.ok_or_else(ended)?;
        let reply: Reply = serde_json::from_slice(&reply).map_err(io::Error::other)?;
        let body = read_frame(&mut self.stdout)?.ok_or_else(ended)?;
        Ok((reply, body))
    }

    /// Why a worker stopped answering, once it has ended: out of memory
    /// (Rust's allocator reports it on standard error before aborting) or
    /// another fault. Blocks until the process has ended.
    pub fn death(mut self, max_memory_mb: u64) -> HttpError {
        let said = self.last_words();
        if said.contains("memory allocation of") {
            return HttpError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query needed more memory than the server's limit of {max_memory_mb} MiB \
                     per query (--max-query-memory-mb) and was stopped; narrow it down or add a LIMIT"
                ),
            );
        }
        HttpError::internal(format!("the process evaluating the query ended ({said})"))
    }

    /// Once it has ended: its exit status and what it wrote on standard
    /// error. Blocks until the process has ended.
    fn last_words(&mut self) -> String {
        let status = lock(&self.child).wait();
        let mut said = String::new();
        if let Some(mut stderr) = self.stderr.take() {
            // Only what fits: a worker writes nothing there but its last words.
            let _ = stderr.by_ref().take(64 * 1024).read_to_string(&mut said);
        }
        let status = status.map_or_else(|e| e.to_string(), |s| s.to_string());
        match said.trim() {
            "" => format!("{status}, nothing on standard error"),
            said => format!("{status}: {said}"),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let mut child = lock(&self.child);
        let _ = child.kill();
        let _ = child.wait();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn ended() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "the worker ended")
}

fn write_frame(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_be_bytes())?;
    out.write_all(bytes)
}

/// A frame, or `None` at the end of the stream between frames.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    if input.fill_buf()?.is_empty() {
        return Ok(None);
    }
    let mut length = [0; 8];
    input.read_exact(&mut length)?;
    let length = usize::try_from(u64::from_be_bytes(length)).map_err(io::Error::other)?;
    let mut bytes = Vec::new();
    input.take(length as u64).read_to_end(&mut bytes)?;
    if bytes.len() != length {
        return Err(ended());
    }
    Ok(Some(bytes))
}

/// `iagraph sparql-worker`: loads the graph sent first on standard input,
/// limits the address space, then answers jobs until standard input closes.
pub fn work(base: Base, max_memory_mb: u64) -> Result<()> {
    let mut input = BufReader::new(io::stdin());
    let nquads = read_frame(&mut input)
        .map_err(Error::Server)?
        .ok_or(Error::Worker(WorkerFault::NoGraph))?;
    let graph = load(&nquads, base)?;
    drop(nquads);
    // On the query thread's large stack, reserved before the limit is set.
    query::on_deep_stack(|| {
        limit_address_space(max_memory_mb)?;
        answer_jobs(&graph, input)
    })?
}

fn load(nquads: &[u8], base: Base) -> Result<Graph> {
    let store = Store::new()?;
    // Not `Store::load_from_reader`, which renames blank nodes: the worker's
    // answers must name them as the server's own store does.
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads) {
        let quad = quad.map_err(|e| Error::Worker(WorkerFault::BadGraph(e)))?;
        store.insert(&quad)?;
    }
    Ok(Graph::from_store(store, base))
}

fn answer_jobs(graph: &Graph, mut input: BufReader<io::Stdin>) -> Result<()> {
    let mut output = BufWriter::new(io::stdout());
    // Ready: an empty frame.
    write_frame(&mut output, b"").map_err(Error::Server)?;
    output.flush().map_err(Error::Server)?;
    while let Some(job) = read_frame(&mut input).map_err(Error::Server)? {
        let job: Job =
            serde_json::from_slice(&job).map_err(|e| Error::Worker(WorkerFault::BadJob(e)))?;
        let (reply, body) = super::sparql::run_job(graph, &job);
        let reply =
            serde_json::to_vec(&reply).map_err(|e| Error::Worker(WorkerFault::BadReply(e)))?;
        write_frame(&mut output, &reply).map_err(Error::Server)?;
        write_frame(&mut output, &body).map_err(Error::Server)?;
        output.flush().map_err(Error::Server)?;
    }
    Ok(())
}

/// Caps the process's address space at what it uses now plus `mb` MiB, so
/// that the limit is the query's own, whatever the graph, the thread stacks
/// and the allocator's reservations take.
#[cfg(target_os = "linux")]
fn limit_address_space(mb: u64) -> Result<()> {
    let status = std::fs::read_to_string("/proc/self/status").map_err(Error::Server)?;
    let used_kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmSize:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .ok_or(Error::Worker(WorkerFault::NoAddressSpaceSize))?;
    let bytes = used_kb
        .saturating_mul(1 << 10)
        .saturating_add(mb.saturating_mul(1 << 20));
    let limit = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: bytes,
    };
    // SAFETY: setrlimit only reads the struct passed by reference.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) } != 0 {
        return Err(Error::Server(io::Error::last_os_error()));
    }
    Ok(())
}

/// Elsewhere the time limit still applies (the worker is killed), but not
/// the memory limit.
#[cfg(not(target_os = "linux"))]
fn limit_address_space(_mb: u64) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_end_cleanly() {
        let mut wire = Vec::new();
        write_frame(&mut wire, b"{\"a\":1}").unwrap();
        write_frame(&mut wire, b"").unwrap();
        let mut input = BufReader::new(&wire[..]);
        assert_eq!(read_frame(&mut input).unwrap().unwrap(), b"{\"a\":1}");
        assert_eq!(read_frame(&mut input).unwrap().unwrap(), b"");
        assert!(read_frame(&mut input).unwrap().is_none());
    }

    #[test]
    fn a_frame_cut_short_is_an_error() {
        let mut wire = Vec::new();
        write_frame(&mut wire, b"0123456789").unwrap();
        wire.truncate(12);
        let mut input = BufReader::new(&wire[..]);
        assert_eq!(
            read_frame(&mut input).unwrap_err().kind(),
            io::ErrorKind::UnexpectedEof
        );
    }
}
