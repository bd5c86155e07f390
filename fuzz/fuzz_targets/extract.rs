//! The parse path on any bytes: the first byte picks the output format and
//! the article's date; the rest is split at its first NUL into an article
//! and a CoNLL-U parse of it (which need not match the text, as a parse
//! made elsewhere may not). Errors are fine (a malformed parse); panics are
//! not, the TOML output must parse, and every offset must slice the text on
//! character boundaries and quote what it says it quotes.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use iagraph::data::Dataset;
use iagraph::extract::output::{self, Format};
use iagraph::extract::tree::Vocabulary;
use iagraph::extract::{Article, Extractor, conllu};
use iagraph::ontology::Ontology;
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<(Extractor, Vocabulary)> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let ontology = Ontology::load(&root.join("ontology/iagraph.ttl")).expect("the ontology loads");
    let data = Dataset::load(&root.join("data"), &ontology).expect("data/ loads");
    let vocabulary = Vocabulary::for_ontology(&root.join("ontology/relations-fr.toml"), &ontology)
        .expect("the vocabulary loads");
    (Extractor::new(&data, &ontology).expect("the extractor builds"), vocabulary)
});

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else { return };
    let Ok(input) = std::str::from_utf8(bytes) else { return };
    let (text, parse) = input.split_once('\0').unwrap_or((input, ""));
    let Ok(docs) = conllu::parse(parse) else { return };
    let article = Article {
        file: PathBuf::from("fuzz.txt"),
        source: "art-fuzz".to_owned(),
        date: iagraph::extract::dates::Ymd::parse(["2024-02-29", "2025", "2023-12"][usize::from(first % 3)]),
        reported: None,
    };
    let (extractor, vocabulary) = &*EXTRACTOR;
    let format = [Format::Toml, Format::Json, Format::Table][usize::from(first / 3 % 3)];
    let mut out = Vec::new();
    {
        let mut sink = output::sink(format, &mut out, extractor, 0.0);
        sink.begin(&article).unwrap();
        for doc in &docs {
            let count = extractor.extract_parsed(vocabulary, &article, text, doc, |a, f| {
                for m in &f.mentions {
                    assert_eq!(&text[m.span.byte_start..m.span.byte_end], m.text);
                }
                for a in &f.amounts {
                    assert_eq!(&text[a.span.byte_start..a.span.byte_end], a.text);
                }
                for d in &f.dates {
                    assert_eq!(&text[d.span.byte_start..d.span.byte_end], d.text);
                }
                for c in &f.statements {
                    let fragment = &text[c.span.byte_start..c.span.byte_end];
                    assert!(fragment.contains(&c.evidence), "{fragment:?} / {:?}", c.evidence);
                    assert!(c.evidence.chars().count() <= 200);
                }
                sink.findings(a, &f).map_err(iagraph::Error::Serialize)
            });
            if let Ok(n) = count {
                sink.end(&article, n).unwrap();
            }
        }
        sink.finish().unwrap();
    }
    let written = String::from_utf8(out).expect("the output is UTF-8");
    if format == Format::Toml {
        if let Err(e) = toml::from_str::<iagraph::model::FactsFile>(&written) {
            panic!("the TOML output does not parse: {e}\n{written}");
        }
    }
});
