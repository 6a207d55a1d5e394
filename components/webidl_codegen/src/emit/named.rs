//! Named properties (<https://webidl.spec.whatwg.org/#idl-named-properties>): the trait items
//! and the hooks the proxy traps of legacy platform objects call
//! (`crate::dom::bindings::proxyhandler::NamedHooks` in `script`).
//!
//! A named getter's `None` answers "not a supported property name": an anonymous getter is
//! declared `-> Option<T>` in the trait; an operation `T? item(DOMString)` (`getItem`,
//! `namedItem`) returns null exactly for unsupported names in every specification that uses
//! one; an operation with a non-nullable type is called only for a name that
//! `SupportedPropertyNames` lists.

use std::fmt::Write;

use super::method_name;
use super::operations::{Receiver, convert_value, pass_expr, trait_method};
use super::types::TypeCx;
use crate::Error;
use crate::model::*;

/// What the named property support of one interface adds to its binding.
pub(super) struct NamedEmit {
    /// Items of the `…Methods` trait.
    pub trait_items: String,
    /// The hook functions and the `NAMED_HOOKS` static.
    pub hooks: String,
}

/// The operation behind a named special operation and its Rust method name.
fn resolve<'a>(iface: &'a Interface, named: &'a NamedOperation) -> Option<(&'a Operation, String)> {
    match named {
        NamedOperation::Regular(n) => {
            iface.operations.iter().find(|o| &o.name == n && !o.is_static).map(|o| (o, method_name(&o.name)))
        }
        NamedOperation::Anonymous(op) => Some((op, op.name.clone())),
    }
}

fn missing(errors: &mut Vec<Error>, iface: &Interface, what: &str) {
    errors.push(Error::new(
        iface.location.clone(),
        format!("{}: the named property {what} is not a regular operation of the interface", iface.name),
    ));
}

/// The "throws" arm for a fallible call in a hook returning `fail`.
fn unwrap_fallible(call: &str, throws: bool, fail: &str) -> String {
    if throws {
        format!(
            "match {call} {{\n            Ok(v) => v,\n            Err(e) => {{\n                throw_dom_exception(cx, &this.global(), e);\n                return {fail};\n            }}\n        }}"
        )
    } else {
        call.to_string()
    }
}

pub(super) fn emit_named(cx: &TypeCx, iface: &Interface, errors: &mut Vec<Error>) -> Option<NamedEmit> {
    let name = &iface.name;
    let Some(getter) = &iface.named_getter else {
        for op in [&iface.named_setter, &iface.named_deleter].into_iter().flatten() {
            let location = match op {
                NamedOperation::Anonymous(o) => o.location.clone(),
                NamedOperation::Regular(_) => iface.location.clone(),
            };
            errors.push(Error::new(location, format!("{name}: a named setter or deleter needs a named getter")));
        }
        return None;
    };
    if iface.attrs.global {
        errors.push(Error::new(iface.location.clone(), format!("{name}: named properties on a [Global] interface go on a named properties object, which the generator does not make")));
        return None;
    }
    let mut trait_items = String::new();
    let mut hooks = String::new();

    // ---- the getter: "determine the value of a named property"
    let Some((op, rust)) = resolve(iface, getter) else {
        missing(errors, iface, "getter");
        return None;
    };
    if matches!(op.ret.inner(), Type::Any | Type::Object | Type::TypedArray(_) | Type::Undefined) {
        errors.push(Error::new(
            op.location.clone(),
            format!("{name}: a named getter returning any, object, a typed array or undefined is not supported"),
        ));
        return None;
    }
    let anonymous = matches!(getter, NamedOperation::Anonymous(_));
    if anonymous {
        // The trait's getter answers `None` for a name that is not supported.
        let mut declared = op.clone();
        if !declared.ret.is_nullable() {
            declared.ret = Type::Nullable(Box::new(declared.ret.clone()));
        }
        match trait_method(cx, name, &declared, &rust, Receiver::Instance) {
            Ok(item) => trait_items.push_str(&item),
            Err(e) => errors.push(e),
        }
    }
    let _ = writeln!(
        trait_items,
        "    /// The supported property names, in order (<https://webidl.spec.whatwg.org/#dfn-supported-property-names>).\n    fn SupportedPropertyNames(&self, cx: &mut JSContext) -> Vec<DOMString>;"
    );
    let call = unwrap_fallible(&format!("this.{rust}(cx, name)"), op.attrs.throws, "NamedResult::Threw");
    let get_body = if anonymous || op.ret.is_nullable() {
        format!(
            "match {call} {{\n            Some(v) => {{\n                v.to_jsval(cx, rval);\n                NamedResult::Yes\n            }}\n            None => NamedResult::No,\n        }}"
        )
    } else {
        format!(
            "if !this.SupportedPropertyNames(cx).iter().any(|n| *n == name) {{\n            return NamedResult::No;\n        }}\n        let v = {call};\n        v.to_jsval(cx, rval);\n        NamedResult::Yes"
        )
    };
    let _ = writeln!(
        hooks,
        r#"    unsafe fn named_get(cx: &mut JSContext, this: *const libc::c_void, name: DOMString, rval: MutableHandleValue) -> NamedResult {{
        let this: &{name} = &*(this as *const {name});
        {get_body}
    }}
    unsafe fn named_names(cx: &mut JSContext, this: *const libc::c_void) -> Vec<DOMString> {{
        let this: &{name} = &*(this as *const {name});
        this.SupportedPropertyNames(cx)
    }}"#
    );

    // ---- the setter: "set the value of a new/existing named property"
    let set_ref = match &iface.named_setter {
        None => "None".to_string(),
        Some(setter) => match resolve(iface, setter) {
            None => {
                missing(errors, iface, "setter");
                "None".into()
            }
            Some((op, rust)) => {
                if matches!(setter, NamedOperation::Anonymous(_)) {
                    match trait_method(cx, name, op, &rust, Receiver::Instance) {
                        Ok(item) => trait_items.push_str(&item),
                        Err(e) => errors.push(e),
                    }
                }
                let ty = &op.args[1].ty;
                let conversion =
                    match convert_value(cx, ty, "value_handle", "value", "\"The provided value\"", "return false;") {
                        Ok(c) => c,
                        Err(e) => {
                            errors.push(Error::new(op.location.clone(), format!("{name}: named setter: {e}")));
                            String::new()
                        }
                    };
                let pass = pass_expr(cx, ty, "value");
                let call = unwrap_fallible(&format!("this.{rust}(cx, name, {pass})"), op.attrs.throws, "false");
                let prefix = format!("Failed to set a named property on '{name}'");
                let _ = writeln!(
                    hooks,
                    r#"    unsafe fn named_set(cx: &mut JSContext, this: *const libc::c_void, name: DOMString, value_handle: HandleValue) -> bool {{
        let this: &{name} = &*(this as *const {name});
        const PREFIX: &str = {prefix:?};
{conversion}        let _: () = {call};
        true
    }}"#
                );
                "Some(named_set)".into()
            }
        },
    };

    // ---- the deleter: "delete an existing named property"
    let delete_ref = match &iface.named_deleter {
        None => "None".to_string(),
        Some(deleter) => match resolve(iface, deleter) {
            None => {
                missing(errors, iface, "deleter");
                "None".into()
            }
            Some((op, rust)) => {
                if matches!(deleter, NamedOperation::Anonymous(_)) {
                    match trait_method(cx, name, op, &rust, Receiver::Instance) {
                        Ok(item) => trait_items.push_str(&item),
                        Err(e) => errors.push(e),
                    }
                }
                let call = unwrap_fallible(&format!("this.{rust}(cx, name)"), op.attrs.throws, "NamedResult::Threw");
                // "If operation was declared with a return type of boolean and the steps
                // returned false, then return false."
                let body = match &op.ret {
                    Type::Boolean => format!("if {call} {{ NamedResult::Yes }} else {{ NamedResult::No }}"),
                    Type::Undefined => format!("let _: () = {call};\n        NamedResult::Yes"),
                    _ => format!("let _ = {call};\n        NamedResult::Yes"),
                };
                let _ = writeln!(
                    hooks,
                    r#"    unsafe fn named_delete(cx: &mut JSContext, this: *const libc::c_void, name: DOMString) -> NamedResult {{
        let this: &{name} = &*(this as *const {name});
        {body}
    }}"#
                );
                "Some(named_delete)".into()
            }
        },
    };
    let _ = writeln!(
        hooks,
        "    pub(crate) static NAMED_HOOKS: NamedHooks = NamedHooks {{\n        get: named_get,\n        names: named_names,\n        set: {set_ref},\n        delete: {delete_ref},\n        override_builtins: {},\n        unenumerable: {},\n    }};",
        iface.attrs.legacy_override_builtins, iface.attrs.legacy_unenumerable_named_properties
    );
    Some(NamedEmit { trait_items, hooks })
}
