//! Generator additions: `record<K, V>`, ByteString defaults, [SameObject] slots across inheritance.

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
    let union = &out[out
        .find("impl FromJSVal for ByteStringSequenceSequenceOrByteStringRecord")
        .expect("the union's conversion")..];
    let sequence = union.find("has_iterator").expect("sequence branch");
    let record = union.find("Step 12.5").expect("record branch");
    assert!(sequence < record);
}

#[test]
fn a_record_and_a_dictionary_are_not_distinguishable() {
    let errors =
        emit("dictionary D {}; [Exposed=Window] interface A { undefined f((D or record<DOMString, long>) x); };")
            .expect_err("indistinguishable union");
    assert!(errors.iter().any(|e| e.contains("not distinguishable")), "{errors:?}");
}

#[test]
fn bytestring_defaults() {
    let out =
        emit(r#"dictionary D { ByteString text = "OK"; ByteString empty = ""; };"#).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(out.contains("text: ByteString(vec![79, 75])"), "{out}");
    assert!(out.contains("empty: ByteString(vec![])"));
}

#[test]
fn same_object_slots_follow_the_ancestors() {
    // Each [SameObject] attribute caches in its own reserved slot, after those of
    // the ancestors, and every instance class reserves them all.
    let out = emit(
        r#"[Exposed=Window] interface Item {};
           [Exposed=Window] interface A { [SameObject] readonly attribute Item first; };
           [Exposed=Window] interface B : A { [SameObject] readonly attribute Item second; [SameObject] readonly attribute Item third; };"#,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let module = |name: &str| {
        let start = out.find(&format!("pub mod {name}Binding {{")).expect("module");
        let end = out[start + 1..].find("\npub mod ").map_or(out.len(), |e| start + 1 + e);
        out[start..end].to_string()
    };
    let a = module("A");
    let b = module("B");
    assert!(a.contains("cached_slot_value(cx, obj, 1,"), "A.first in slot 1");
    assert!(
        b.contains("cached_slot_value(cx, obj, 2,") && b.contains("cached_slot_value(cx, obj, 3,"),
        "B's after A's"
    );
    assert!(!b.contains("cached_slot_value(cx, obj, 1,"), "B does not reuse A's slot");
    assert!(a.contains("&CLASS_OPS.0, 2,"), "A reserves 2 slots");
    assert!(b.contains("&CLASS_OPS.0, 4,"), "B reserves 4 slots");
}

#[test]
fn indexed_interfaces_are_iterable() {
    let out = emit(
        r#"[Exposed=Window] interface Plain { readonly attribute unsigned long length; };
           [Exposed=Window] interface Indexed { getter DOMString item(unsigned long i); readonly attribute unsigned long length; };
           [Exposed=Window] interface Listed { getter DOMString item(unsigned long i); readonly attribute unsigned long length; iterable<DOMString>; };"#,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let module = |name: &str| {
        let start = out.find(&format!("pub mod {name}Binding {{")).expect("module");
        let end = out[start + 1..].find("\npub mod ").map_or(out.len(), |e| start + 1 + e);
        out[start..end].to_string()
    };
    assert!(!module("Plain").contains("define_array_iterator_members"), "no indexed getter: not iterable");
    assert!(
        module("Indexed").contains("define_array_iterator_members(cx, global, proto.handle(), false)"),
        "@@iterator only"
    );
    assert!(
        module("Listed").contains("define_array_iterator_members(cx, global, proto.handle(), true)"),
        "value iterator"
    );
}

#[test]
fn put_forwards_assigns_the_forwarded_attribute() {
    let out = emit(
        r#"[Exposed=Window] interface Style { attribute DOMString text; };
           [Exposed=Window] interface Host { [SameObject, PutForwards=text] readonly attribute Style style; };"#,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(out.contains(r#"JS_GetProperty(cx.raw_cx(), obj, c"style".as_ptr()"#), "reads the attribute");
    assert!(
        out.contains(
            r#"JS_SetProperty(cx.raw_cx(), target_object.handle().into(), c"text".as_ptr(), setter_arg(&args).into())"#
        ),
        "sets the forwarded one"
    );
    assert!(
        out.contains(
            r#"attribute_spec(c"style", (JSPROP_ENUMERATE) as u8, &STYLE_GETTER_INFO, Some(&STYLE_SETTER_INFO))"#
        ),
        "has a setter"
    );
    assert!(!out.contains("fn SetStyle"), "no Rust setter to implement");
    let bad = |idl: &str| emit(idl).expect_err("rejected").iter().any(|e| e.contains("[PutForwards=text] needs"));
    assert!(
        bad(
            "[Exposed=Window] interface S { readonly attribute DOMString text; }; [Exposed=Window] interface H { [PutForwards=text] readonly attribute S s; };"
        ),
        "read-only target"
    );
    assert!(
        bad(
            "[Exposed=Window] interface S { attribute DOMString text; }; [Exposed=Window] interface H { [PutForwards=text] attribute S s; };"
        ),
        "writable attribute"
    );
    assert!(
        bad("[Exposed=Window] interface H { [PutForwards=text] readonly attribute DOMString s; };"),
        "not an interface"
    );
}

#[test]
fn ce_reactions_wrap_operations_and_attribute_setters() {
    let source = r#"
        [Exposed=Window] interface A {
          [CEReactions] undefined change();
          [CEReactions, Throws] attribute DOMString name;
          undefined plain();
        };
    "#;
    let out = emit(source).unwrap_or_else(|e| panic!("{e:?}"));
    let op = &out[out.find("this.Change(cx)").expect("the operation's call") - 200..];
    assert!(op.contains("push_element_queue();"), "{op}");
    assert!(op[op.find("this.Change(cx)").unwrap()..].contains("pop_element_queue(cx);"), "{op}");
    let setter = &out[out.find("this.SetName(cx").expect("the setter's call") - 200..];
    assert!(setter.contains("push_element_queue();"), "{setter}");
    // A throwing setter pops the queue before returning false, and after succeeding.
    let after = &setter[setter.find("this.SetName(cx").unwrap()..];
    assert_eq!(after[..after.find("SETTER_INFO").unwrap()].matches("pop_element_queue(cx);").count(), 2, "{after}");
    let plain = &out[out.find("this.Plain(cx)").expect("plain call") - 120..out.find("this.Plain(cx)").unwrap()];
    assert!(!plain.contains("push_element_queue"), "{plain}");
}

#[test]
fn html_constructor_calls_the_html_element_constructor_steps() {
    let out =
        emit("[Exposed=Window] interface A { [HTMLConstructor] constructor(); };").unwrap_or_else(|e| panic!("{e:?}"));
    assert!(out.contains("html_element_constructor(cx, &global, &call_args, desired_proto.handle())"), "{out}");
    assert!(!out.contains("fn Constructor("), "no trait method for an [HTMLConstructor]");
    let errors = emit("[Exposed=Window] interface B { [HTMLConstructor] constructor(long x); };")
        .expect_err("arguments are not allowed");
    assert!(
        errors.iter().any(|e| e.contains("[HTMLConstructor] needs a single constructor without arguments")),
        "{errors:?}"
    );
}

#[test]
fn async_iterables_get_values_an_iterator_prototype_and_a_cache_slot() {
    let out = emit(
        r#"dictionary Options { boolean preventCancel = false; };
           [Exposed=Window] interface S { async iterable<any>(optional Options options = {}); };"#,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        out.contains("fn AsyncIteratorInit(&self, cx: &mut JSContext, options: &Options) -> Fallible<Box<dyn AsyncIteratorSteps>>;"),
        "the trait's initialization steps take the converted arguments"
    );
    assert!(
        out.contains("method_spec(c\"values\", &ASYNC_ITERABLE_VALUES_METHOD_INFO, 0"),
        "values() with no required argument"
    );
    assert!(out.contains("define_async_iterator_alias(cx, global, proto.handle());"), "@@asyncIterator");
    assert!(out.contains("create_async_iterator_prototype(cx, global, c\"S AsyncIterator\""), "the iterator prototype");
    assert!(
        out.contains("pub const ASYNC_ITERATOR_S: usize = 2;"),
        "its slot follows the prototype and interface object"
    );
    assert!(out.contains("pub const PROTO_OR_IFACE_LENGTH: usize = 3;"));
}

#[test]
fn async_iterables_are_checked() {
    let errors = emit("[Exposed=Window] interface S { async iterable<long>; };").expect_err("V must be any");
    assert!(errors.iter().any(|e| e.contains("V = any only")), "{errors:?}");
    let errors = emit("[Exposed=Window] interface S { async iterable<any>; undefined values(); };")
        .expect_err("a member named values");
    assert!(errors.iter().any(|e| e.contains("member named values")), "{errors:?}");
    let errors = emit("[Exposed=Window] interface S { async iterable<any, any>; };").expect_err("pair async iterable");
    assert!(errors.iter().any(|e| e.contains("pair async iterables")), "{errors:?}");
}
