//! `record<K, V>` arguments, dictionary members and union members; ByteString defaults.

use std::path::PathBuf;

fn emit(source: &str) -> Result<String, Vec<String>> {
    let model = webidl_codegen::load_sources(&[(PathBuf::from("test.webidl"), source.to_string())])
        .map_err(|e| e.iter().map(|e| e.to_string()).collect::<Vec<_>>())?;
    webidl_codegen::emit::emit(&model, &Default::default())
        .map(|o| o.to_source())
        .map_err(|e| e.iter().map(|e| e.to_string()).collect())
}

#[test]
fn records_convert_as_arguments_members_and_union_members() {
    let source = r#"
        typedef (sequence<sequence<ByteString>> or record<ByteString, ByteString>) HeadersInit;
        dictionary Init { HeadersInit headers; record<DOMString, long> counts; };
        [Exposed=Window] interface A {
          undefined take(record<USVString, DOMString> map, optional Init init = {});
        };
    "#;
    let out = emit(source).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(out.contains("Record<USVString, DOMString>"), "argument type");
    assert!(out.contains("pub counts: Option<Record<DOMString, i32>>"), "dictionary member");
    assert!(out.contains("ByteStringRecord(Record<ByteString, ByteString>)"), "union variant");
    // Iterables go to the sequence before any other object goes to the record.
    let union = &out[out.find("impl FromJSVal for ByteStringSequenceSequenceOrByteStringRecord").expect("the union's conversion")..];
    let sequence = union.find("has_iterator").expect("sequence branch");
    let record = union.find("Step 12.5").expect("record branch");
    assert!(sequence < record);
}

#[test]
fn a_record_and_a_dictionary_are_not_distinguishable() {
    let errors = emit("dictionary D {}; [Exposed=Window] interface A { undefined f((D or record<DOMString, long>) x); };")
        .expect_err("indistinguishable union");
    assert!(errors.iter().any(|e| e.contains("not distinguishable")), "{errors:?}");
}

#[test]
fn bytestring_defaults() {
    let out = emit(r#"dictionary D { ByteString text = "OK"; ByteString empty = ""; };"#).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(out.contains("text: ByteString(vec![79, 75])"), "{out}");
    assert!(out.contains("empty: ByteString(vec![])"));
}
