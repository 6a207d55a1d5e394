//! MathML Core (<https://w3c.github.io/mathml-core/>) in the DOM: the element interface only.

pub mod mathmlelement;
