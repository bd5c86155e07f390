//! The extractor's entry points on any bytes: the streaming reader (with
//! chunks of 1 to 16 bytes, so that characters and sentences are cut
//! anywhere), every writer, and the in-memory extraction of valid UTF-8.
//! Errors are fine (not UTF-8, binary, empty); panics are not, and every
//! offset must slice the text on character boundaries.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use iagraph::data::Dataset;
use iagraph::extract::output::{self, Format};
use iagraph::extract::sentences::SentenceReader;
use iagraph::extract::{Article, Extractor};
use iagraph::ontology::Ontology;
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let ontology = Ontology::load(&root.join("ontology/iagraph.ttl")).expect("the ontology loads");
    let data = Dataset::load(&root.join("data"), &ontology).expect("data/ loads");
    Extractor::new(&data, &ontology).expect("the extractor builds")
});

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else { return };
    let article = Article {
        file: PathBuf::from("fuzz.txt"),
        source: "art-fuzz".to_owned(),
        date: iagraph::extract::dates::Ymd::parse(["2024-02-29", "2025", "2023-12"][usize::from(first % 3)]),
        reported: None,
    };
    let extractor = &*EXTRACTOR;
    let format = [Format::Toml, Format::Json, Format::Table][usize::from(first / 3 % 3)];
    let mut out = Vec::new();
    {
        let mut sink = output::sink(format, &mut out, extractor, 0.0);
        sink.begin(&article).unwrap();
        let reader = SentenceReader::new(&article.file, bytes).with_chunk_size(usize::from(first % 16) + 1);
        let result = extractor.extract_sentences(&article, reader, |a, f| {
            sink.findings(a, &f).map_err(iagraph::Error::Serialize)
        });
        if let Ok((n, a)) = result {
            sink.end(&a, n).unwrap();
        }
        sink.finish().unwrap();
    }
    let written = String::from_utf8(out).expect("the output is UTF-8");
    if format == Format::Toml {
        if let Err(e) = toml::from_str::<iagraph::model::FactsFile>(&written) {
            panic!("the TOML output does not parse: {e}\n{written}");
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        for f in extractor.extract_text(text, &article) {
            let sentence = &text[f.span.byte_start..f.span.byte_end];
            assert_eq!(sentence, f.sentence);
            for m in &f.mentions {
                assert_eq!(&text[m.span.byte_start..m.span.byte_end], m.text);
            }
            for c in &f.statements {
                let fragment = &text[c.span.byte_start..c.span.byte_end];
                assert!(fragment.contains(&c.evidence), "{fragment:?} / {:?}", c.evidence);
                assert!(c.evidence.chars().count() <= 200);
            }
            for a in &f.amounts {
                assert_eq!(&text[a.span.byte_start..a.span.byte_end], a.text);
            }
            for d in &f.dates {
                assert_eq!(&text[d.span.byte_start..d.span.byte_end], d.text);
            }
        }
    }
});
