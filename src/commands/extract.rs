use anyhow::{Context, Result, bail};
use iagraph::data::Dataset;
use iagraph::extract::dates::Ymd;
use iagraph::extract::evaluate::{self, Category};
use iagraph::extract::output::{self, Format};
use iagraph::extract::parse;
use iagraph::extract::tree::Vocabulary;
use iagraph::extract::{Extractor, article_for};
use iagraph::ontology::Ontology;
use std::path::PathBuf;

use super::{project, with_output};
use crate::cli::{ExtractArgs, ExtractFormat, Global};

/// The cause an error writing the findings is given (a closed pipe is no error: see main.rs).
const OUTPUT: &str = "cannot write the output";

/// `iagraph extract FILE…`: candidate statements; `--evaluate DIR`: the figures.
pub fn run(global: &Global, args: &ExtractArgs) -> Result<()> {
    let project = project(global)?;
    let ontology = Ontology::load(&project.ontology_file())?;
    let data = Dataset::load(&project.data_dir(), &ontology)?;
    if !(0.0..=1.0).contains(&args.min_confidence) {
        bail!("--min-confidence is between 0 and 1");
    }
    if args.rules {
        bail!(
            "--rules: the hand-written rules were removed; fitted to the five seed articles, they \
             found 6 % of the statements of other articles. extract reads a French parse: \
             spaCy's ({}), or a CoNLL-U file made elsewhere with --parsed",
            parse::install_command(&args.python, &args.model)
        );
    }
    // `--parser` only says what is the default. spaCy is started before the
    // lexicon is built: without Python it fails at once, and the model loads
    // meanwhile.
    let spacy = if args.parsed.is_some() {
        None
    } else {
        Some(parse::Spacy::start(&args.python, &args.model)?)
    };
    let mut extractor = Extractor::new(&data, &ontology)?;
    // The parser's output, read as it comes, and the relation vocabulary.
    let vocabulary_file = project.ontology_dir().join("relations-fr.toml");
    let vocabulary = Vocabulary::for_ontology(&vocabulary_file, &ontology)?;
    let mut streamed = None;
    match (&args.parsed, spacy) {
        (Some(file), _) => extractor.use_parses(vocabulary, parse::read_parsed(file)?),
        // One Python process for every article of the call.
        (None, Some(spacy)) => match &args.evaluate {
            // The evaluation reads each article more than once: it keeps
            // their parses.
            Some(dir) => {
                let dir = project.root.join(dir);
                let files: Vec<PathBuf> = data
                    .sources
                    .iter()
                    .filter_map(|s| s.seed.as_ref().map(|seed| dir.join(seed)))
                    .filter(|f| f.is_file())
                    .collect();
                extractor.use_parses(vocabulary, spacy.parse(&files)?.collect()?);
            }
            // Articles are extracted as their parse comes.
            None => {
                let mut parses = spacy.parse(&args.files)?;
                parses.started()?;
                streamed = Some((vocabulary, parses));
            }
        },
        (None, None) => unreachable!("the parser is started unless --parsed"),
    }
    if let Some(dir) = &args.evaluate {
        return run_evaluation(&project.root.join(dir), &extractor, &data, args);
    }
    let date = match &args.date {
        Some(d) => Some(
            Ymd::parse(d)
                .with_context(|| format!("--date `{d}`: expected YYYY-MM-DD, YYYY-MM or YYYY"))?,
        ),
        None => None,
    };
    let format = match args.format {
        ExtractFormat::Toml => Format::Toml,
        ExtractFormat::Json => Format::Json,
        ExtractFormat::Table => Format::Table,
    };
    with_output(args.output.as_deref(), |out| {
        let mut sink = output::sink(format, out, &extractor, args.min_confidence);
        for file in &args.files {
            let article = article_for(&data, file, args.source.as_deref(), date);
            sink.begin(&article).context(OUTPUT)?;
            let write = |article: &_, findings| sink.findings(article, &findings).context(OUTPUT);
            let (count, article) = match &mut streamed {
                Some((vocabulary, parses)) => {
                    extractor.extract_streamed(vocabulary, &article, parses, write)?
                }
                None => extractor.extract_file(&article, write)?,
            };
            sink.end(&article, count).context(OUTPUT)?;
        }
        // The parser's exit: a failure after the last article is one too.
        if let Some((_, parses)) = streamed {
            parses.finish()?;
        }
        sink.finish().context(OUTPUT)?;
        Ok(())
    })
}

/// `CATEGORY=VALUE` floors.
fn floors(values: &[String], flag: &str) -> Result<Vec<(Category, f64)>> {
    values
        .iter()
        .map(|v| {
            let (name, value) = v.split_once('=').with_context(|| {
                format!("{flag} `{v}`: expected CATEGORY=VALUE, e.g. amounts=0.95")
            })?;
            let category = Category::parse(name).with_context(|| {
                format!("{flag} `{v}`: the categories are mentions, amounts, dates, statements and new-entities")
            })?;
            let value: f64 = value
                .parse()
                .ok()
                .filter(|x: &f64| (0.0..=1.0).contains(x))
                .with_context(|| format!("{flag} `{v}`: the value is a number between 0 and 1"))?;
            Ok((category, value))
        })
        .collect()
}

fn run_evaluation(
    dir: &std::path::Path,
    extractor: &Extractor,
    data: &Dataset,
    args: &ExtractArgs,
) -> Result<()> {
    let min_recall = floors(&args.min_recall, "--min-recall")?;
    let min_precision = floors(&args.min_precision, "--min-precision")?;
    if !dir.is_dir() {
        bail!("{}: no such folder of articles", dir.display());
    }
    let report = evaluate::evaluate(extractor, data, dir, args.min_confidence)?;
    if report.articles.is_empty() {
        bail!(
            "{}: none of the `seed` files of data/sources.toml is there",
            dir.display()
        );
    }
    with_output(args.output.as_deref(), |out| {
        report.write(out, args.explain)?;
        Ok(())
    })?;
    let mut failures = Vec::new();
    for (category, floor) in &min_recall {
        let r = report.overall(*category).recall();
        if r < *floor {
            failures.push(format!("{} recall {r:.2} < {floor}", category.name()));
        }
    }
    for (category, floor) in &min_precision {
        let p = report.overall(*category).precision();
        if p < *floor {
            failures.push(format!("{} precision {p:.2} < {floor}", category.name()));
        }
    }
    if !failures.is_empty() {
        bail!("below the floor: {}", failures.join(", "));
    }
    Ok(())
}
