//! How deeply a query nests, read from its text before it is parsed.
//!
//! Oxigraph's parser, optimiser and evaluator recurse once per level of the
//! query's tree, and so does dropping the tree: a query of a few kilobytes
//! (`{{{{…}}}}`, `((((…))))`, `1 + 1 + …`) overflows a thread's stack and
//! aborts the whole process. Two bounds keep the tree shallow:
//!
//! - brackets (`{`, `(`, `[`, `<<`) nest at most [`MAX_DEPTH`] deep;
//! - along any path into the query, brackets plus the operators (`+`, `&&`,
//!   `/`, `!`, …) and the sibling groups (`{…} UNION {…}`, `{…} {…}`) chained
//!   at each level add up to at most [`MAX_WEIGHT`]: the parser nests
//!   `1 + 1 + 1` as `(1 + 1) + 1`, one level per operator.
//!
//! The scan skips strings, comments and IRIs, and reads a dash inside a
//! prefixed name (`id:mistral-ai`) as part of the name. Commas and semicolons
//! end a chain (arguments and object lists are siblings, not nested).
//!
//! A query past a bound is a [`TooDeep`], which lives in `error` with the
//! crate's other errors (so that `error` does not import `query`).

pub use crate::error::TooDeep;

/// The deepest bracket nesting a query may have (as Fluree and sparq bound
/// their SPARQL parsers).
pub const MAX_DEPTH: usize = 128;
/// The most brackets, operators and sibling groups along one path. Sums of
/// that length take 16 MiB of stack in a debug build (BENCHMARKS.md, "Server").
pub const MAX_WEIGHT: usize = 256;

/// Checks `sparql` against [`MAX_DEPTH`] and [`MAX_WEIGHT`].
pub fn check(sparql: &str) -> Result<(), TooDeep> {
    Scanner::new(sparql).run()
}

/// One open bracket (or the query itself, at the bottom).
struct Level {
    /// Operators and sibling groups chained at this level so far.
    chain: usize,
    /// `{…}` groups opened at this level so far: the second one is chained
    /// to the first.
    groups: usize,
    /// The weight of the levels below, brackets included.
    below: usize,
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
    levels: Vec<Level>,
    line: usize,
    line_start: usize,
    at: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            chars: text.char_indices().peekable(),
            text,
            levels: vec![Level {
                chain: 0,
                groups: 0,
                below: 0,
            }],
            line: 1,
            line_start: 0,
            at: 0,
        }
    }

    fn next(&mut self) -> Option<char> {
        let (i, c) = self.chars.next()?;
        self.at = i;
        if c == '\n' {
            self.line += 1;
            self.line_start = i + 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn column(&self) -> usize {
        self.text[self.line_start..self.at].chars().count() + 1
    }

    fn top(&mut self) -> &mut Level {
        // The bottom level is never popped.
        let last = self.levels.len() - 1;
        &mut self.levels[last]
    }

    fn weight(&self) -> usize {
        self.levels
            .last()
            .map_or(0, |level| level.below + level.chain)
    }

    fn chained(&mut self) -> Result<(), TooDeep> {
        self.top().chain += 1;
        if self.weight() > MAX_WEIGHT {
            return Err(TooDeep::Chain {
                line: self.line,
                column: self.column(),
                max: MAX_WEIGHT,
            });
        }
        Ok(())
    }

    fn open(&mut self, group: bool) -> Result<(), TooDeep> {
        if group {
            self.top().groups += 1;
            if self.top().groups > 1 {
                self.chained()?;
            }
        }
        let below = self.weight() + 1;
        self.levels.push(Level {
            chain: 0,
            groups: 0,
            below,
        });
        if self.levels.len() - 1 > MAX_DEPTH {
            return Err(TooDeep::Brackets {
                line: self.line,
                column: self.column(),
                max: MAX_DEPTH,
            });
        }
        if below > MAX_WEIGHT {
            return Err(TooDeep::Chain {
                line: self.line,
                column: self.column(),
                max: MAX_WEIGHT,
            });
        }
        Ok(())
    }

    fn close(&mut self) {
        if self.levels.len() > 1 {
            self.levels.pop();
        }
    }

    fn run(mut self) -> Result<(), TooDeep> {
        while let Some(c) = self.next() {
            match c {
                '#' => self.skip_line(),
                '"' | '\'' => self.skip_string(c),
                '<' if self.iri_follows() => self.skip_iri(),
                '<' if self.peek() == Some('<') => {
                    self.next();
                    self.open(false)?;
                }
                '>' if self.peek() == Some('>') => {
                    self.next();
                    self.close();
                }
                '{' => self.open(true)?,
                '(' | '[' => self.open(false)?,
                '}' | ')' | ']' => self.close(),
                ',' | ';' => self.top().chain = 0,
                '&' | '|' | '=' | '<' | '>' | '!' => {
                    // `&&`, `||`, `!=`, `<=`, `>=` are one operator.
                    if matches!(self.peek(), Some('&' | '|' | '=')) {
                        self.next();
                    }
                    self.chained()?;
                }
                '+' | '-' | '*' | '/' | '^' => self.chained()?,
                '@' => self.skip_while(|c| c.is_ascii_alphanumeric() || c == '-'),
                '?' | '$' => self.skip_while(is_name_char),
                c if c.is_alphabetic() || c == '_' || c == ':' => self.word()?,
                c if c.is_ascii_digit() || c == '.' => self.number()?,
                _ => {}
            }
        }
        Ok(())
    }

    fn skip_while(&mut self, keep: impl Fn(char) -> bool) {
        while self.peek().is_some_and(&keep) {
            self.next();
        }
    }

    fn skip_line(&mut self) {
        self.skip_while(|c| c != '\n' && c != '\r');
    }

    /// A string; a short one also ends at a line break, which it cannot hold.
    fn skip_string(&mut self, quote: char) {
        let long = {
            let rest = &self.text[self.at + 1..];
            rest.starts_with([quote, quote].iter().collect::<String>().as_str())
        };
        if long {
            self.next();
            self.next();
        }
        let mut run = 0;
        while let Some(c) = self.next() {
            match c {
                '\\' => {
                    self.next();
                    run = 0;
                }
                c if c == quote => {
                    run += 1;
                    if !long || run == 3 {
                        return;
                    }
                }
                '\n' | '\r' if !long => return,
                _ => run = 0,
            }
        }
    }

    /// Whether the `<` just read opens an IRI: characters an IRI may hold,
    /// then `>`.
    fn iri_follows(&self) -> bool {
        for c in self.text[self.at + 1..].chars() {
            match c {
                '>' => return true,
                '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\' => return false,
                c if c <= ' ' => return false,
                _ => {}
            }
        }
        false
    }

    fn skip_iri(&mut self) {
        while let Some(c) = self.next() {
            if c == '>' {
                return;
            }
        }
    }

    /// A keyword, a prefixed name or a blank node label. Only a name with a
    /// colon may hold dashes (`id:mistral-ai`); elsewhere (`true-1-1`) each
    /// dash is an operator.
    fn word(&mut self) -> Result<(), TooDeep> {
        let start = self.at;
        self.skip_while(|c| is_name_char(c) || matches!(c, '-' | '.' | ':' | '%' | '\\'));
        let end = self.chars.peek().map_or(self.text.len(), |&(i, _)| i);
        let word = &self.text[start..end];
        if !word.contains(':') {
            for _ in word.matches('-') {
                self.chained()?;
            }
        }
        Ok(())
    }

    /// A number: `1`, `1.5`, `1e-5`; a dash after it is an operator.
    fn number(&mut self) -> Result<(), TooDeep> {
        self.skip_while(|c| c.is_ascii_digit() || c == '.');
        if matches!(self.peek(), Some('e' | 'E')) {
            self.next();
            if matches!(self.peek(), Some('+' | '-')) {
                self.next();
            }
            self.skip_while(|c| c.is_ascii_digit());
        }
        Ok(())
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\u{b7}' || (!c.is_ascii() && !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize) -> String {
        format!("{}{}", open.repeat(n), close.repeat(n))
    }

    #[test]
    fn everyday_queries_pass() {
        for q in [
            "SELECT * WHERE { ?s a iag:Startup ; schema:name ?n . FILTER(LANG(?n) = \"fr\") }",
            "PREFIX ex: <http://example.org/a(b)#c> SELECT ?x { ?x ex:p-q-r ?y } # a (comment",
            "SELECT (SUM(?a) AS ?t) { ?s iag:amount ?a FILTER(?a > 1e-5 && ?a < 10) } GROUP BY ?s",
            "SELECT * { VALUES (?a ?b) { (1 2) (3 4) (5 6) } ?x id:mistral-ai ?y }",
            "ASK { ?a iag:p/iag:q|^iag:r ?b }",
            "SELECT * { ?s ?p \"a string (with { brackets\" . ?s ?p '''long\n((('''@fr-FR }",
        ] {
            assert_eq!(check(q), Ok(()), "{q}");
        }
    }

    #[test]
    fn values_with_many_rows_pass() {
        let rows = "(1 2) ".repeat(20_000);
        assert_eq!(
            check(&format!("SELECT * {{ VALUES (?a ?b) {{ {rows} }} }}")),
            Ok(())
        );
        let list = vec!["1"; 20_000].join(", ");
        assert_eq!(check(&format!("ASK {{ FILTER(1 IN ({list})) }}")), Ok(()));
    }

    #[test]
    fn brackets_past_the_bound_are_refused_where_they_pass_it() {
        let ok = format!("SELECT * WHERE {}", nested("{", "}", MAX_DEPTH));
        assert_eq!(check(&ok), Ok(()));
        let deep = format!("SELECT * WHERE {}", nested("{", "}", MAX_DEPTH + 1));
        assert_eq!(
            check(&deep),
            Err(TooDeep::Brackets {
                line: 1,
                column: 16 + MAX_DEPTH,
                max: MAX_DEPTH,
            })
        );
        let parens = format!("ASK {{ FILTER{} }}", nested("(", ")", 1000));
        assert!(matches!(check(&parens), Err(TooDeep::Brackets { .. })));
        let quoted = format!("ASK {{ {} }}", nested("<< ", " >>", 1000));
        assert!(matches!(check(&quoted), Err(TooDeep::Brackets { .. })));
    }

    #[test]
    fn long_chains_are_refused() {
        for (what, unit, sep) in [
            ("sum", "1", " + "),
            ("and", "true", " && "),
            ("dashes", "1", "-"),
            ("keyword dashes", "true", "-"),
            ("path", "iag:p", "/"),
            ("not", "", "!"),
        ] {
            let chain = vec![unit; 10_000].join(sep);
            let q = format!("ASK {{ FILTER({chain}) }}");
            assert!(
                matches!(check(&q), Err(TooDeep::Chain { line: 1, .. })),
                "{what}"
            );
            let short = vec![unit; 200].join(sep);
            assert_eq!(
                check(&format!("ASK {{ FILTER({short}) }}")),
                Ok(()),
                "{what}"
            );
        }
        let unions = vec!["{ ?a ?b ?c }"; 10_000].join(" UNION ");
        assert!(matches!(
            check(&format!("SELECT * {{ {unions} }}")),
            Err(TooDeep::Chain { .. })
        ));
    }

    #[test]
    fn strings_comments_and_iris_hide_nothing_but_themselves() {
        let hidden = "(".repeat(1000);
        assert_eq!(
            check(&format!("ASK {{ FILTER(\"{hidden}\" = '{hidden}') }}")),
            Ok(())
        );
        assert_eq!(check(&format!("ASK {{ }} # {hidden}")), Ok(()));
        // A quote in a comment opens no string.
        let q = format!("ASK {{ # it's\n FILTER{} }}", nested("(", ")", 1000));
        assert!(matches!(check(&q), Err(TooDeep::Brackets { line: 2, .. })));
        // A short string cannot run past its line.
        let q = format!("ASK {{ FILTER(\"a\n{}) }}", nested("(", ")", 1000));
        assert!(matches!(check(&q), Err(TooDeep::Brackets { line: 2, .. })));
    }

    #[test]
    fn the_message_names_the_limit() {
        let e = check(&nested("{", "}", 200)).unwrap_err().to_string();
        assert!(
            e.starts_with("error at 1:129: brackets nested more than 128 deep"),
            "{e}"
        );
        // The 255th `+`, after `{` and `(`, is the 257th step of the path.
        let sum = vec!["1"; 300].join(" + ");
        let e = check(&format!("ASK {{ FILTER({sum}) }}"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "error at 1:1032: more than 256 operators, groups and brackets chained along one \
                 path (as in `1 + 1 + …` or `{…} UNION {…} …`;"
            ),
            "{e}"
        );
    }
}
