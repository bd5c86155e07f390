//! Minting the graph's IRIs under a configurable base.

use iri_string::types::IriAbsoluteStr;
use oxigraph::model::NamedNode;

use crate::error::{Error, Result};

/// Where the graph's IRIs live: `{base}id/{slug}` for every entity,
/// statement and source, `{base}graph/…` for the named graphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    /// The project's published namespace.
    pub const DEFAULT: &'static str = "https://w3id.org/iagraph/";

    /// Checks that `iri` is an absolute IRI ending with `/`.
    ///
    /// ```
    /// let base = iagraph::Base::new("https://example.org/ai/")?;
    /// assert_eq!(base.id("mistral-ai")?.as_str(), "https://example.org/ai/id/mistral-ai");
    /// assert!(iagraph::Base::new("not an iri/").is_err());
    /// # Ok::<_, iagraph::Error>(())
    /// ```
    pub fn new(iri: &str) -> Result<Self> {
        let bad = |reason: String| Error::BadBase {
            iri: iri.to_owned(),
            reason,
        };
        IriAbsoluteStr::new(iri).map_err(|e| bad(e.to_string()))?;
        if !iri.ends_with('/') {
            return Err(bad("it must end with `/`".into()));
        }
        Ok(Self(iri.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The IRI of the entity, statement or source `slug`.
    pub fn id(&self, slug: &str) -> Result<NamedNode> {
        self.mint(&format!("id/{slug}"))
            .map_err(|_| Error::BadSlug(slug.to_owned()))
    }

    /// The named graph holding the curated data.
    pub fn data_graph(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/data", self.0))
    }

    /// The named graph holding the ontology.
    pub fn ontology_graph(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/ontology", self.0))
    }

    /// The slug of an IRI minted by [`Base::id`], if it is one.
    pub fn slug_of<'a>(&self, iri: &'a str) -> Option<&'a str> {
        iri.strip_prefix(self.0.as_str())?.strip_prefix("id/")
    }

    /// Validates the IRI with `iri-string` before Oxigraph takes it unchecked.
    fn mint(&self, path: &str) -> Result<NamedNode> {
        let iri = format!("{}{path}", self.0);
        IriAbsoluteStr::new(&iri).map_err(|e| Error::BadBase {
            iri: iri.clone(),
            reason: e.to_string(),
        })?;
        Ok(NamedNode::new_unchecked(iri))
    }
}

impl Default for Base {
    fn default() -> Self {
        Self(Self::DEFAULT.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_must_be_absolute_and_end_with_a_slash() {
        assert!(Base::new("https://w3id.org/iagraph/").is_ok());
        assert!(Base::new("https://w3id.org/iagraph").is_err());
        assert!(Base::new("/relative/").is_err());
        assert!(Base::new("https://exa mple.org/").is_err());
    }

    #[test]
    fn slugs_round_trip() {
        let base = Base::default();
        let iri = base.id("jean-zay").unwrap();
        assert_eq!(base.slug_of(iri.as_str()), Some("jean-zay"));
        assert_eq!(base.slug_of("https://example.org/id/x"), None);
    }
}
