//! DOM Parsing and Serialization (<https://w3c.github.io/DOM-Parsing/>): the XML
//! serializer and the XML parser (`DOMParser` itself is HTML's, in `dom/html/domparser.rs`).

pub mod xmlparser;
pub mod xmlserializer;
