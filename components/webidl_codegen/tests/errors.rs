//! Unsupported or wrong IDL is an error naming the file and line, never skipped.

use std::path::PathBuf;

fn errors_of(source: &str) -> Vec<String> {
    let path = PathBuf::from("test.webidl");
    match webidl_codegen::load_sources(&[(path, source.to_string())]) {
        Ok(model) => match webidl_codegen::emit::emit(&model, &Default::default()) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| e.to_string()).collect(),
        },
        Err(errors) => errors.iter().map(|e| e.to_string()).collect(),
    }
}

fn assert_error(source: &str, needle: &str) {
    let errors = errors_of(source);
    assert!(errors.iter().any(|e| e.contains(needle)), "expected an error containing {needle:?}, got {errors:?}");
}

#[test]
fn syntax_errors_name_the_line() {
    let errors = errors_of("[Exposed=Window]\ninterface A {};\n\ninterface B { attribute; };\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("test.webidl:4:"), "{errors:?}");
}

#[test]
fn unknown_types_and_attributes() {
    assert_error("[Exposed=Window] interface A { attribute Nope x; };", "unknown type Nope");
    assert_error(
        "[Exposed=Window, Frobnicate] interface A {};",
        "unsupported interface extended attribute [Frobnicate]",
    );
    assert_error(
        "[Exposed=Window] interface A { [Frobnicate] attribute long x; };",
        "unsupported member extended attribute [Frobnicate]",
    );
    assert_error("interface A {};", "needs [Exposed");
}

#[test]
fn unsupported_constructs_are_errors() {
    // An anonymous indexed getter is supported; like a named one it needs `length`.
    assert_error("[Exposed=Window] interface A { getter long (unsigned long i); };", "needs a regular operation and");
    assert_error("[Exposed=Window] interface A { maplike<DOMString, long>; };", "maplike");
    assert_error("[Exposed=Window] interface A { setlike<long>; };", "needs `add` declared");
    assert_error("[Exposed=Window] interface A { attribute sequence<long> s; };", "cannot have a sequence");
    assert_error("[Exposed=Window] interface A { [Pref=nope] attribute long x; };", "names no pref");
    assert_error("[Exposed=Window] interface A { [Throws] Promise<undefined> p(); };", "must not be [Throws]");
}

#[test]
fn named_properties_are_checked() {
    assert_error(
        "[Exposed=Window] interface A { setter undefined (DOMString n, DOMString v); };",
        "a named setter or deleter needs a named getter",
    );
    assert_error("[Exposed=Window, LegacyOverrideBuiltIns] interface A {};", "needs a named getter");
    assert_error("[Exposed=Window] interface A { getter any (DOMString n); };", "named getter returning any");
    assert_error("[Exposed=Window] interface A { getter long (boolean b); };", "first argument must be");
    assert_error(
        "[Exposed=Window] interface A { setter undefined (unsigned long i, long v); };",
        "an indexed setter needs an indexed getter",
    );
    assert_error("[Exposed=Window] interface A { deleter undefined (unsigned long i); };", "anonymous setters");
    assert_error(
        "[Exposed=Window] interface A { getter long (DOMString a); getter long (DOMString b); };",
        "two named property getters",
    );
    assert_error("[Exposed=Window] interface A { legacycaller long (); };", "legacycaller");
}

#[test]
fn resolution_checks() {
    assert_error("[Exposed=Window] interface A : Missing {};", "inherits from unknown interface Missing");
    assert_error("partial interface Missing { attribute long x; };", "has no interface");
    assert_error("dictionary D { required long x = 1; };", "cannot have a default");
    assert_error("enum E { \"a\", \"a\" };", "repeats the value");
    assert_error("[Exposed=Window] interface A { undefined f(optional long a, long b); };", "follows an optional one");
}

#[test]
fn partials_mixins_and_typedefs_resolve() {
    let src = r#"
        [Exposed=Window] interface A {};
        partial interface A { [SecureContext] attribute long fromPartial; };
        interface mixin M { readonly attribute T fromMixin; };
        A includes M;
        typedef unsigned long T;
        dictionary D { long b; long a; };
        partial dictionary D { long c; };
    "#;
    let model = webidl_codegen::load_sources(&[(PathBuf::from("t.webidl"), src.into())]).unwrap();
    let a = &model.interfaces["A"];
    let names: Vec<&str> = a.attributes.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["fromPartial", "fromMixin"]);
    assert!(a.attributes[0].attrs.secure_context);
    assert_eq!(
        a.attributes[1].ty,
        webidl_codegen::model::Type::Integer(
            webidl_codegen::model::IntKind::UnsignedLong,
            webidl_codegen::model::IntConversion::Default
        )
    );
    let members: Vec<&str> = model.dictionaries["D"].members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["a", "b", "c"], "dictionary members are sorted lexicographically");
}

#[test]
fn typed_arrays_only_as_arguments_and_returns() {
    assert_error("dictionary D { Uint8ClampedArray data; };", "cannot be stored here");
    assert_error(
        "[Exposed=Window] interface A { undefined f(optional Uint8ClampedArray data); };",
        "cannot be stored here",
    );
    assert_error(
        "[Exposed=Window] interface A { undefined f(sequence<Uint8ClampedArray> data); };",
        "cannot be stored here",
    );
    assert!(errors_of("[Exposed=Window] interface A { Uint8ClampedArray f(Uint8ClampedArray data); readonly attribute Uint8ClampedArray d; };").is_empty());
}
