//! Aperture's WebIDL → Rust bindings generator.
//!
//! `script`'s build script calls [`generate`] on `components/script/webidls/`.
//! The `.webidl` files are parsed with weedle2 ([`parse`]), resolved into one
//! [`model::Model`] ([`resolve`]) and emitted as Rust for mozjs ([`emit`]).
//! Every construct the generator does not support is an error with a file and
//! a line; nothing is skipped.

pub mod emit;
pub mod model;
mod parse;
mod resolve;

use std::fmt;
use std::path::{Path, PathBuf};

pub use model::Location;

/// A generator error, located in a `.webidl` file.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub location: Location,
    pub message: String,
}

impl Error {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Error { location, message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.line == 0 {
            write!(f, "{}: {}", self.location.file.display(), self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
    }
}

/// Parses and resolves a set of `(path, source)` pairs into one model.
pub fn load_sources(sources: &[(PathBuf, String)]) -> Result<model::Model, Vec<Error>> {
    let mut defs = Vec::new();
    let mut errors = Vec::new();
    for (path, source) in sources {
        match parse::parse_file(path, source) {
            Ok(d) => defs.extend(d),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    resolve::resolve(defs)
}

/// Reads every `*.webidl` file in `dir` (sorted by name) and resolves them.
pub fn load_dir(dir: &Path) -> Result<(model::Model, Vec<PathBuf>), Vec<Error>> {
    let io_err = |p: &Path, e: std::io::Error| {
        vec![Error::new(Location { file: p.to_path_buf(), line: 0 }, format!("cannot read: {e}"))]
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io_err(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "webidl"))
        .collect();
    paths.sort();
    let mut sources = Vec::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).map_err(|e| io_err(p, e))?;
        sources.push((p.clone(), text));
    }
    load_sources(&sources).map(|m| (m, paths))
}

/// The bindings configuration file (`Bindings.toml`), strict about its keys.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Prefs that `[Pref=…]` may name: name → description.
    #[serde(default)]
    pub prefs: std::collections::BTreeMap<String, String>,
}

/// Reads `webidl_dir/*.webidl` and `config`, and writes the bindings to `out`.
/// Returns the files read (for `cargo:rerun-if-changed`).
pub fn generate(webidl_dir: &Path, config: &Path, out: &Path) -> Result<Vec<PathBuf>, Vec<Error>> {
    let config_text = std::fs::read_to_string(config)
        .map_err(|e| vec![Error::new(Location { file: config.into(), line: 0 }, format!("cannot read: {e}"))])?;
    let config_file: ConfigFile = toml::from_str(&config_text).map_err(|e| {
        vec![Error::new(Location { file: config.into(), line: 0 }, format!("invalid bindings config: {e}"))]
    })?;
    let (model, mut files) = load_dir(webidl_dir)?;
    let output = emit::emit(&model, &emit::Config { prefs: config_file.prefs })?;
    let source = output.to_source();
    // Only rewrite when changed, so cargo does not rebuild needlessly.
    if std::fs::read_to_string(out).ok().as_deref() != Some(source.as_str()) {
        std::fs::write(out, source)
            .map_err(|e| vec![Error::new(Location { file: out.into(), line: 0 }, format!("cannot write: {e}"))])?;
    }
    files.push(config.to_path_buf());
    Ok(files)
}
