//! Fuzz target: the WebIDL parser, resolver and emitter on mutated `.webidl` files.
//!
//! The input picks one of `components/script/webidls/*.webidl` and edits it (spans deleted,
//! duplicated or moved, WebIDL tokens inserted); the mutated file replaces the original in the
//! full set, which is then loaded and emitted. Any outcome but a panic is fine: the generator
//! must answer every bad file with located errors.

use std::path::PathBuf;
use std::sync::OnceLock;

use fuzz_targets::{Bytes, fuzz, mutate_text};

const TOKENS: &[&str] = &[
    "interface ",
    "partial ",
    "mixin ",
    "includes ",
    "dictionary ",
    "enum ",
    "callback ",
    "typedef ",
    "namespace ",
    "attribute ",
    "readonly ",
    "static ",
    "const ",
    "getter ",
    "setter ",
    "deleter ",
    "stringifier",
    "iterable<",
    "maplike<",
    "setlike<",
    "async_iterable<",
    "async ",
    "optional ",
    "required ",
    "inherit ",
    "constructor",
    "sequence<",
    "Promise<",
    "record<DOMString, ",
    "FrozenArray<",
    "ObservableArray<",
    "?",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ";",
    ",",
    "=",
    "<",
    ">",
    "...",
    ":",
    " or ",
    "any",
    "object",
    "undefined",
    "boolean",
    "byte",
    "octet",
    "short",
    "unsigned long long",
    "long",
    "float",
    "unrestricted double",
    "double",
    "bigint",
    "DOMString",
    "ByteString",
    "USVString",
    "ArrayBuffer",
    "ArrayBufferView",
    "BufferSource",
    "Uint8Array",
    "[Throws]",
    "[Exposed=Window]",
    "[Exposed=(Window,Worker)]",
    "[SameObject]",
    "[NewObject]",
    "[LegacyNullToEmptyString]",
    "[Clamp]",
    "[EnforceRange]",
    "[AllowShared]",
    "[Replaceable]",
    "[PutForwards=name]",
    "[LegacyUnforgeable]",
    "[CEReactions]",
    "[SecureContext]",
    "[Pref=x]",
    "[LegacyFactoryFunction=Image(optional unsigned long w)]",
    "[Global=Window]",
    "[LegacyOverrideBuiltIns]",
    "[LegacyUnenumerableNamedProperties]",
    "[Default] object toJSON();",
    "[LegacyTreatNonObjectAsNull]",
    "[LegacyLenientThis]",
    "[Unknown]",
    "null",
    "true",
    "false",
    "-Infinity",
    "Infinity",
    "NaN",
    "0x7fffffff",
    "-9223372036854775809",
    "1e999",
    "\"\"",
    "\"a\"",
    "[]",
    "{}",
    "EventTarget",
    "Node",
    "Element",
    "Window",
    "MediaStreamTrack",
    "EventHandler",
    "Foo",
    "_",
    "__proto__",
    "toString",
    "constructor",
    "prototype",
    "//",
    "/*",
    "*/",
    "\n",
];

fn sources() -> &'static Vec<(PathBuf, String)> {
    static SOURCES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../components/script/webidls");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "webidl"))
            .collect();
        paths.sort();
        assert!(!paths.is_empty(), "no seed .webidl files in {}", dir.display());
        paths.into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap())).collect()
    })
}

fn config() -> webidl_codegen::emit::Config {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../components/script/webidls/Bindings.toml"),
    )
    .unwrap();
    let file: webidl_codegen::ConfigFile = toml_prefs(&text);
    webidl_codegen::emit::Config { prefs: file.prefs }
}

// `[prefs]` entries are `name = "description"` lines; read them without a TOML dependency.
fn toml_prefs(text: &str) -> webidl_codegen::ConfigFile {
    let mut file = webidl_codegen::ConfigFile::default();
    let mut in_prefs = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_prefs = line == "[prefs]";
        } else if in_prefs && let Some((k, v)) = line.split_once('=') {
            file.prefs.insert(k.trim().trim_matches('"').to_string(), v.trim().to_string());
        }
    }
    file
}

fn run(data: &[u8]) {
    let sources = sources();
    let mut bytes = Bytes::new(data);
    let which = bytes.below(sources.len());
    let mut set = sources.clone();
    set[which].1 = mutate_text(&sources[which].1, &mut bytes, TOKENS);
    if let Ok(model) = webidl_codegen::load_sources(&set) {
        let _ = webidl_codegen::emit::emit(&model, &config());
    }
}

#[test]
fn seeds_generate() {
    // The unmutated set must load and emit (else the target tests nothing).
    let model = webidl_codegen::load_sources(sources()).expect("the seed .webidl files load");
    assert!(webidl_codegen::emit::emit(&model, &config()).is_ok());
}

#[test]
fn webidl() {
    fuzz("webidl", run);
}
