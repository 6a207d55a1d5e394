//! Interfaces and namespaces: the `…Methods` trait, the classes, the JSNatives
//! with their JIT info, the property specs and the per-global setup.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::operations::*;
use super::types::TypeCx;
use super::{cstr_lit, method_name};
use crate::Error;
use crate::model::*;

/// Under which condition a member or interface is exposed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Condition {
    Always,
    Pref(String),
    SecureContext,
    SecureContextAndPref(String),
    /// `[Exposed=Window]` on a member.
    WindowOnly,
}

impl Condition {
    fn of(attrs: &MemberAttrs) -> Condition {
        if attrs.window_only && !attrs.secure_context && attrs.pref.is_none() {
            return Condition::WindowOnly;
        }
        match (attrs.secure_context, &attrs.pref) {
            (false, None) => Condition::Always,
            (false, Some(p)) => Condition::Pref(p.clone()),
            (true, None) => Condition::SecureContext,
            (true, Some(p)) => Condition::SecureContextAndPref(p.clone()),
        }
    }

    fn rust(&self) -> String {
        match self {
            Condition::Always => "Condition::Always".into(),
            Condition::Pref(p) => format!("Condition::Pref({p:?})"),
            Condition::SecureContext => "Condition::SecureContext".into(),
            Condition::SecureContextAndPref(p) => format!("Condition::SecureContextAndPref({p:?})"),
            Condition::WindowOnly => "Condition::WindowOnly".into(),
        }
    }

    fn key(&self) -> String {
        match self {
            Condition::Always => "".into(),
            Condition::Pref(p) => format!("_PREF_{}", p.to_uppercase()),
            Condition::SecureContext => "_SECURE".into(),
            Condition::SecureContextAndPref(p) => format!("_SECURE_PREF_{}", p.to_uppercase()),
            Condition::WindowOnly => "_WINDOW_ONLY".into(),
        }
    }
}

pub fn emit_interface(cx: &TypeCx, iface: &Interface) -> Result<String, Vec<Error>> {
    let mut errors = Vec::new();
    let name = &iface.name;
    let model = cx.model;
    let depth = model.depth(name);
    let chain: Vec<&str> = model.ancestry(name).iter().map(|i| i.name.as_str()).collect();
    if chain.len() > 8 {
        errors.push(Error::new(iface.location.clone(), "inheritance chain longer than 8 interfaces"));
    }
    if iface.value_iterable.is_some() && iface.indexed_getter.is_none() {
        errors.push(Error::new(iface.location.clone(), "iterable<V> needs an indexed getter"));
    }
    if iface.pair_iterable.is_some() && (iface.indexed_getter.is_some() || iface.value_iterable.is_some()) {
        errors.push(Error::new(iface.location.clone(), "iterable<K, V> cannot go with indexed properties"));
    }
    // A modifiable setlike's `add`/`delete`/`clear` are not generated: the interface declares
    // them (they act on the implementation's set entries), as CSS Font Loading's does.
    if iface.setlike == Some(false) {
        for op in ["add", "delete", "clear"] {
            if !iface.operations.iter().any(|o| o.name == op) {
                errors.push(Error::new(
                    iface.location.clone(),
                    format!("setlike<V> without readonly needs `{op}` declared in the interface (it is not generated)"),
                ));
            }
        }
    }
    if let Some(it) = &iface.async_iterable {
        // The values flow to script as they are, so only `any` needs no conversion.
        if !matches!(it.value, Type::Any) {
            errors.push(Error::new(it.location.clone(), "async iterable<V> is supported for V = any only"));
        }
        if iface.indexed_getter.is_some() || iface.value_iterable.is_some() || iface.pair_iterable.is_some() {
            errors
                .push(Error::new(it.location.clone(), "async iterable cannot go with iterable or indexed properties"));
        }
        // <https://webidl.spec.whatwg.org/#idl-async-iterable>: no member may be named "values".
        if iface.operations.iter().any(|o| o.name == "values") || iface.attributes.iter().any(|a| a.name == "values") {
            errors
                .push(Error::new(it.location.clone(), "an async iterable interface cannot have a member named values"));
        }
    }
    // An indexed getter makes instances legacy platform objects (proxies).
    let mut trait_items_pre = String::new();
    if let Some(op) = &iface.anonymous_indexed_getter {
        match super::operations::trait_method(cx, name, op, "IndexedGetter", super::operations::Receiver::Instance) {
            Ok(item) => trait_items_pre.push_str(&item),
            Err(e) => errors.push(e),
        }
    }
    let indexed = match &iface.indexed_getter {
        Some(getter) => {
            let op = iface
                .operations
                .iter()
                .find(|o| &o.name == getter && !o.is_static)
                .or(iface.anonymous_indexed_getter.as_ref());
            let has_length = iface
                .attributes
                .iter()
                .any(|a| a.name == "length" && !a.is_static && matches!(a.ty, Type::Integer(IntKind::UnsignedLong, _)));
            match (op, has_length) {
                (Some(op), true) => Some(op.clone()),
                _ => {
                    errors.push(Error::new(iface.location.clone(), format!("{name}: an indexed getter needs a regular operation and `readonly attribute unsigned long length`")));
                    None
                }
            }
        }
        None => None,
    };
    // Named properties make instances legacy platform objects too.
    let named = super::named::emit_named(cx, iface, &mut errors);
    // <https://webidl.spec.whatwg.org/#dfn-support-indexed-properties>: an interface "supports
    // indexed (named) properties" if it or an inherited interface declares the getter. An
    // interface without its own getter uses its nearest ancestor's hooks: a DOM struct starts
    // with its parent's, so the ancestor's hooks read it as the ancestor.
    let ancestors: Vec<&Interface> =
        chain[..chain.len().saturating_sub(1)].iter().rev().filter_map(|a| model.interfaces.get(*a)).collect();
    let inherited_indexed = if iface.indexed_getter.is_none() {
        ancestors.iter().find(|a| a.indexed_getter.is_some()).map(|a| a.name.clone())
    } else {
        None
    };
    let inherited_named = if iface.named_getter.is_none() {
        ancestors.iter().find(|a| a.named_getter.is_some()).map(|a| a.name.clone())
    } else {
        None
    };
    if iface.indexed_setter.is_some() && indexed.is_none() && inherited_indexed.is_none() {
        errors.push(Error::new(iface.location.clone(), format!("{name}: an indexed setter needs an indexed getter")));
    }
    // The indexed setter: its trait method and its hook.
    let mut indexed_set_hook = String::new();
    if let Some(op) = &iface.indexed_setter {
        match super::operations::trait_method(cx, name, op, "IndexedSetter", super::operations::Receiver::Instance) {
            Ok(item) => trait_items_pre.push_str(&item),
            Err(e) => errors.push(e),
        }
        let ty = &op.args[1].ty;
        let conversion = match super::operations::convert_value(
            cx,
            ty,
            "value_handle",
            "value",
            "\"The provided value\"",
            "return false;",
        ) {
            Ok(c) => c,
            Err(e) => {
                errors.push(Error::new(op.location.clone(), format!("{name}: indexed setter: {e}")));
                String::new()
            }
        };
        let pass = super::operations::pass_expr(cx, ty, "value");
        let call = if op.attrs.throws {
            format!(
                "match this.IndexedSetter(cx, index, {pass}) {{\n            Ok(()) => {{}}\n            Err(e) => {{\n                throw_dom_exception(cx, &this.global(), e);\n                return false;\n            }}\n        }}"
            )
        } else {
            format!("this.IndexedSetter(cx, index, {pass});")
        };
        let prefix = format!("Failed to set an indexed property on '{name}'");
        let _ = writeln!(
            indexed_set_hook,
            r#"    unsafe fn indexed_set(cx: &mut JSContext, this: *const libc::c_void, index: u32, value_handle: HandleValue) -> bool {{
        let this: &{name} = &*(this as *const {name});
        const PREFIX: &str = {prefix:?};
{conversion}        {call}
        true
    }}"#
        );
    }
    if iface.attrs.legacy_override_builtins && iface.named_getter.is_none() {
        errors
            .push(Error::new(iface.location.clone(), format!("{name}: [LegacyOverrideBuiltIns] needs a named getter")));
    }
    for a in &iface.attributes {
        if a.attrs.legacy_lenient_this {
            errors.push(Error::new(
                a.location.clone(),
                format!("{name}.{}: [LegacyLenientThis] is not supported yet", a.name),
            ));
        }
        // <https://webidl.spec.whatwg.org/#Replaceable>: on a read-only, non-static attribute.
        if a.attrs.replaceable && (!a.readonly || a.is_static || a.attrs.put_forwards.is_some()) {
            errors.push(Error::new(
                a.location.clone(),
                format!(
                    "{name}.{}: [Replaceable] needs a read-only, non-static attribute without [PutForwards]",
                    a.name
                ),
            ));
        }
        // <https://webidl.spec.whatwg.org/#PutForwards>: on a read-only, non-static attribute of an
        // interface type that has a writable attribute of the forwarded name.
        if let Some(forward) = &a.attrs.put_forwards {
            let target_ok = match a.ty.inner() {
                Type::Interface(target) => model
                    .ancestry(target)
                    .iter()
                    .any(|i| i.attributes.iter().any(|t| &t.name == forward && !t.readonly && !t.is_static)),
                _ => false,
            };
            if !a.readonly || a.is_static || !target_ok {
                errors.push(Error::new(
                    a.location.clone(),
                    format!("{name}.{}: [PutForwards={forward}] needs a read-only attribute whose interface has a writable attribute {forward}", a.name),
                ));
            }
        }
        if a.attrs.same_object && !matches!(a.ty, Type::Interface(_)) {
            errors.push(Error::new(
                a.location.clone(),
                format!("{name}.{}: [SameObject] needs an interface type", a.name),
            ));
        }
    }

    let mut trait_items = std::mem::take(&mut trait_items_pre);
    let mut natives = String::new();
    let mut specs: BTreeMap<Condition, (Vec<String>, Vec<String>)> = BTreeMap::new(); // (attributes, methods)
    // [LegacyUnforgeable] members live on each instance, not on the prototype.
    let mut unforgeable: BTreeMap<Condition, (Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut static_specs: BTreeMap<Condition, (Vec<String>, Vec<String>)> = BTreeMap::new();
    // [SameObject] caches: slot 0 holds the DOM struct, then one slot per
    // [SameObject] attribute of every ancestor (their getters run on this
    // interface's instances too), then this interface's own.
    let inherited_same_object: usize = model
        .ancestry(name)
        .iter()
        .filter(|i| i.name != *name)
        .map(|i| i.attributes.iter().filter(|a| a.attrs.same_object && !a.is_static).count())
        .sum();
    let mut same_object_slot = 1 + inherited_same_object as u32;
    if let Some(n) = &named {
        trait_items.push_str(&n.trait_items);
    }

    // ---- attributes
    for attr in &iface.attributes {
        let cond = Condition::of(&attr.attrs);
        let camel = method_name(&attr.name);
        let throws = attr.attrs.throws;
        let receiver = if attr.is_static { Receiver::Static } else { Receiver::Instance };
        let out_param = matches!(attr.ty.inner(), Type::Any | Type::Object | Type::TypedArray(_));
        let ret_ty = if out_param {
            "()".to_string()
        } else {
            match cx.owned_type(&attr.ty) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(Error::new(attr.location.clone(), format!("{name}.{}: {e}", attr.name)));
                    continue;
                }
            }
        };
        let ret = if throws { format!("Fallible<{ret_ty}>") } else { ret_ty.clone() };
        let self_param =
            if attr.is_static { "cx: &mut JSContext, global: &Window" } else { "&self, cx: &mut JSContext" };
        let retval_param = if out_param { ", retval: MutableHandleValue" } else { "" };
        let _ = writeln!(
            trait_items,
            "    /// Getter of `{name}.{}`.\n    fn {camel}({self_param}{retval_param}) -> {ret};",
            attr.name
        );
        let getter_native = format!("get_{}", attr.name);
        let prefix = format!("Failed to read the '{}' property from '{name}'", attr.name);
        let call_target =
            if attr.is_static { format!("{name}::{camel}(cx, &global") } else { format!("this.{camel}(cx") };
        let call = if out_param { format!("{call_target}, rval.reborrow())") } else { format!("{call_target})") };
        let handle_result = result_handling(throws, out_param, &ret_ty, receiver, "rval");
        // A global's reserved slots are SpiderMonkey's (only a few are the application's, and
        // the DOM's prototype array follows them): its [SameObject] attributes are cached by
        // their Rust getters instead.
        let same_object = if attr.attrs.same_object && !attr.is_static && !iface.attrs.global {
            let slot = same_object_slot;
            same_object_slot += 1;
            Some(slot)
        } else {
            None
        };
        match receiver {
            Receiver::Instance => {
                let (cache_check, cache_store) = match same_object {
                    Some(slot) => (
                        format!(
                            "        // [SameObject]: the first result is kept in a reserved slot and returned every time.\n        if cached_slot_value(cx, obj, {slot}, rval.reborrow()) {{\n            maybe_wrap_value(cx, rval.reborrow());\n            return true;\n        }}\n"
                        ),
                        format!("        store_cached_slot_value(cx, obj, {slot}, rval.handle());\n"),
                    ),
                    None => (String::new(), String::new()),
                };
                let _ = writeln!(
                    natives,
                    r#"    unsafe extern "C" fn {getter_native}(cx: *mut RawJSContext, obj: RawHandleObject, this: *mut libc::c_void, args: JSJitGetterCallArgs) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let obj = HandleObject::from_raw(obj);
        let this: &{name} = &*(this as *const {name});
        let mut rval = getter_rval(&args);
        const PREFIX: &str = {prefix:?};
{cache_check}        let result = {call};
{handle_result}{cache_store}        true
    }}
    static {upper}_GETTER_INFO: JitInfo = JitInfo::getter({getter_native}, ID::{name} as u16, {depth}, {infallible});
"#,
                    upper = attr.name.to_uppercase(),
                    infallible = !throws,
                );
            }
            Receiver::Static => {
                let _ = writeln!(
                    natives,
                    r#"    unsafe extern "C" fn {getter_native}(cx: *mut RawJSContext, argc: u32, vp: *mut JSVal) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let call_args = CallArgs::from_vp(vp, argc);
        let global = Window::current(cx);
        let mut rval = MutableHandleValue::from_raw(call_args.rval());
        const PREFIX: &str = {prefix:?};
        let result = {call};
{handle_result}        true
    }}
"#
                );
            }
        }

        // Setter.
        let setter = if let (true, false, Some(forward)) = (attr.readonly, attr.is_static, &attr.attrs.put_forwards) {
            // [PutForwards]: assigning sets the forwarded attribute of the object this one returns.
            let setter_native = format!("set_{}", attr.name);
            let _ = writeln!(
                natives,
                r#"    unsafe extern "C" fn {setter_native}(cx: *mut RawJSContext, obj: RawHandleObject, _this: *mut libc::c_void, args: JSJitSetterCallArgs) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        // <https://webidl.spec.whatwg.org/#dfn-attribute-setter>, [PutForwards]: let Q be ? Get(O, id);
        // if Q is not an Object, throw a TypeError; perform ? Set(Q, forwardId, V, false).
        rooted!(&in(cx) let mut target = UndefinedValue());
        if !mozjs::jsapi::JS_GetProperty(cx.raw_cx(), obj, {attr_c}.as_ptr(), target.handle_mut().into()) {{
            return false;
        }}
        if !target.get().is_object() {{
            throw_type_error(cx, {not_object:?});
            return false;
        }}
        rooted!(&in(cx) let target_object = target.get().to_object());
        mozjs::jsapi::JS_SetProperty(cx.raw_cx(), target_object.handle().into(), {forward_c}.as_ptr(), setter_arg(&args).into())
    }}
    static {upper}_SETTER_INFO: JitInfo = JitInfo::setter({setter_native}, ID::{name} as u16, {depth});
"#,
                attr_c = cstr_lit(&attr.name),
                forward_c = cstr_lit(forward),
                not_object = format!(
                    "Failed to set the '{}' property on '{name}': the attribute's value is not an object.",
                    attr.name
                ),
                upper = attr.name.to_uppercase()
            );
            Some(setter_native)
        } else if let (true, false, true) = (attr.readonly, attr.is_static, attr.attrs.replaceable) {
            // [Replaceable]: assigning defines an own data property that shadows the attribute.
            let setter_native = format!("set_{}", attr.name);
            let _ = writeln!(
                natives,
                r#"    unsafe extern "C" fn {setter_native}(cx: *mut RawJSContext, obj: RawHandleObject, _this: *mut libc::c_void, args: JSJitSetterCallArgs) -> bool {{
        // <https://webidl.spec.whatwg.org/#dfn-attribute-setter>, [Replaceable]: perform
        // ? CreateDataPropertyOrThrow(O, id, V).
        mozjs::jsapi::JS_DefineProperty(cx, obj, {attr_c}.as_ptr(), setter_arg(&args).into(), mozjs::jsapi::JSPROP_ENUMERATE as u32)
    }}
    static {upper}_SETTER_INFO: JitInfo = JitInfo::setter({setter_native}, ID::{name} as u16, {depth});
"#,
                attr_c = cstr_lit(&attr.name),
                upper = attr.name.to_uppercase()
            );
            Some(setter_native)
        } else if attr.readonly {
            None
        } else {
            let param_ty = match cx.param_type(&attr.ty) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(Error::new(attr.location.clone(), format!("{name}.{}: {e}", attr.name)));
                    continue;
                }
            };
            let setter_throws = throws || attr.attrs.setter_throws;
            let set_ret = if setter_throws { " -> ErrorResult" } else { "" };
            let _ = writeln!(
                trait_items,
                "    /// Setter of `{name}.{}`.\n    fn Set{camel}({self_param}, value: {param_ty}){set_ret};",
                attr.name
            );
            let setter_native = format!("set_{}", attr.name);
            let set_prefix = format!("Failed to set the '{}' property on '{name}'", attr.name);
            let conversion = match &attr.ty {
                // <https://webidl.spec.whatwg.org/#dfn-attribute-setter>: for an enumeration, "if
                // S is not one of the enumeration's values, then return undefined" (the
                // assignment is ignored; only ToString may throw).
                Type::Enum(e) => format!(
                    "        let value = match <{e} as FromJSVal>::from_jsval(cx, value_handle, ()) {{\n            Ok(Ok(v)) => v,\n            Ok(Err(_)) => return true,\n            Err(()) => return false,\n        }};\n"
                ),
                ty => match convert_value(cx, ty, "value_handle", "value", "\"The provided value\"", "return false;") {
                    Ok(c) => c,
                    Err(e) => {
                        errors.push(Error::new(attr.location.clone(), format!("{name}.{}: {e}", attr.name)));
                        continue;
                    }
                },
            };
            let pass = pass_expr(cx, &attr.ty, "value");
            let set_call = if attr.is_static {
                format!("{name}::Set{camel}(cx, &global, {pass})")
            } else {
                format!("this.Set{camel}(cx, {pass})")
            };
            let set_result = if setter_throws {
                let global = if attr.is_static { "&global" } else { "&this.global()" };
                format!(
                    "        if let Err(e) = {set_call} {{\n            throw_dom_exception(cx, {global}, e);\n            return false;\n        }}\n"
                )
            } else {
                format!("        {set_call};\n")
            };
            // [CEReactions] on an attribute applies to its setter.
            let set_result = if attr.attrs.ce_reactions {
                format!(
                    "        crate::dom::html::customelements::reactions::push_element_queue();\n{}        crate::dom::html::customelements::reactions::pop_element_queue(cx);\n",
                    set_result.replace(
                        "return false;",
                        "crate::dom::html::customelements::reactions::pop_element_queue(cx);\n            return false;"
                    )
                )
            } else {
                set_result
            };
            match receiver {
                Receiver::Instance => {
                    let _ = writeln!(
                        natives,
                        r#"    unsafe extern "C" fn {setter_native}(cx: *mut RawJSContext, obj: RawHandleObject, this: *mut libc::c_void, args: JSJitSetterCallArgs) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let this: &{name} = &*(this as *const {name});
        let value_handle = setter_arg(&args);
        const PREFIX: &str = {set_prefix:?};
{conversion}{set_result}        true
    }}
    static {upper}_SETTER_INFO: JitInfo = JitInfo::setter({setter_native}, ID::{name} as u16, {depth});
"#,
                        upper = attr.name.to_uppercase()
                    );
                }
                Receiver::Static => {
                    let _ = writeln!(
                        natives,
                        r#"    unsafe extern "C" fn {setter_native}(cx: *mut RawJSContext, argc: u32, vp: *mut JSVal) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let call_args = CallArgs::from_vp(vp, argc);
        let global = Window::current(cx);
        let value_handle = HandleValue::from_raw(call_args.get(0));
        const PREFIX: &str = {set_prefix:?};
{conversion}{set_result}        MutableHandleValue::from_raw(call_args.rval()).set(UndefinedValue());
        true
    }}
"#
                    );
                }
            }
            Some(setter_native)
        };

        let flags =
            if attr.attrs.legacy_unforgeable { "JSPROP_ENUMERATE | JSPROP_PERMANENT" } else { "JSPROP_ENUMERATE" };
        let upper = attr.name.to_uppercase();
        match receiver {
            Receiver::Instance => {
                let setter_info = if setter.is_some() { format!("Some(&{upper}_SETTER_INFO)") } else { "None".into() };
                let target =
                    if attr.attrs.legacy_unforgeable && !iface.attrs.global { &mut unforgeable } else { &mut specs };
                // A promise-typed attribute's getter rejects instead of throwing (a failed brand
                // check included).
                let spec =
                    if matches!(attr.ty, Type::Promise(_)) { "promise_attribute_spec" } else { "attribute_spec" };
                target.entry(cond).or_default().0.push(format!(
                    "{spec}({}, ({flags}) as u8, &{upper}_GETTER_INFO, {setter_info})",
                    cstr_lit(&attr.name)
                ));
            }
            Receiver::Static => {
                let setter_native = setter.map(|s| format!("Some({s})")).unwrap_or_else(|| "None".into());
                static_specs.entry(cond).or_default().0.push(format!(
                    "static_attribute_spec({}, ({flags}) as u8, get_{}, {setter_native})",
                    cstr_lit(&attr.name),
                    attr.name
                ));
            }
        }
    }

    // ---- operations
    let regular = group_operations(iface.operations.iter().filter(|o| !o.is_static));
    let mut statics = group_operations(iface.operations.iter().filter(|o| o.is_static));
    for group in &mut statics {
        if regular.iter().any(|r| r.name == group.name) {
            group.rust_name = format!("{}Static", group.name);
        }
    }
    for (group, receiver) in
        regular.iter().map(|g| (g, Receiver::Instance)).chain(statics.iter().map(|g| (g, Receiver::Static)))
    {
        let cond = Condition::of(&group.overloads[0].attrs);
        if group.overloads.iter().any(|o| Condition::of(&o.attrs) != cond) {
            errors.push(Error::new(
                group.overloads[0].location.clone(),
                format!("overloads of {name}.{} must share [Pref]/[SecureContext]", group.name),
            ));
            continue;
        }
        let is_promise = group.overloads.iter().all(|o| matches!(o.ret, Type::Promise(_)));
        if !is_promise && group.overloads.iter().any(|o| matches!(o.ret, Type::Promise(_))) {
            errors.push(Error::new(
                group.overloads[0].location.clone(),
                format!("{name}.{}: every overload must return a promise, or none", group.name),
            ));
            continue;
        }
        for (i, op) in group.overloads.iter().enumerate() {
            match trait_method(cx, name, op, &overload_method_name(&group.rust_name, i), receiver) {
                Ok(item) => trait_items.push_str(&item),
                Err(e) => errors.push(e),
            }
        }
        let prefix = format!("Failed to execute '{}' on '{name}'", group.name);
        let body = match operation_body(cx, name, group, receiver, &prefix) {
            Ok(b) => b,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let native = format!("op_{}", group.rust_name);
        let nargs = group.overloads.iter().map(|o| required_args(o)).min().unwrap_or(0);
        // <https://webidl.spec.whatwg.org/#define-the-operations>: "Let modifiable be false if
        // op is unforgeable and true otherwise" → {[[Writable]]: modifiable, [[Configurable]]: modifiable}.
        let flags = if group.overloads[0].attrs.legacy_unforgeable {
            "JSPROP_ENUMERATE | JSPROP_PERMANENT | JSPROP_READONLY"
        } else {
            "JSPROP_ENUMERATE"
        };
        match receiver {
            Receiver::Instance => {
                let _ = writeln!(
                    natives,
                    r#"    unsafe extern "C" fn {native}(cx: *mut RawJSContext, obj: RawHandleObject, this: *mut libc::c_void, args: *const JSJitMethodCallArgs) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let this: &{name} = &*(this as *const {name});
        let args = Args::from_jit(&*args);
        const PREFIX: &str = {prefix:?};
{body}    }}
    static {upper}_METHOD_INFO: JitInfo = JitInfo::method({native}, ID::{name} as u16, {depth}, false);
"#,
                    upper = group.name.to_uppercase()
                );
                let target = if group.overloads[0].attrs.legacy_unforgeable && !iface.attrs.global {
                    &mut unforgeable
                } else {
                    &mut specs
                };
                target.entry(cond).or_default().1.push(format!(
                    "method_spec({}, &{}_METHOD_INFO, {nargs}, ({flags}) as u16, {is_promise})",
                    cstr_lit(&group.name),
                    group.name.to_uppercase()
                ));
            }
            Receiver::Static => {
                let _ = writeln!(
                    natives,
                    r#"    unsafe extern "C" fn {native}(cx: *mut RawJSContext, argc: u32, vp: *mut JSVal) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let call_args = CallArgs::from_vp(vp, argc);
        let args = Args::from_call_args(&call_args);
        let global = Window::current(cx);
        const PREFIX: &str = {prefix:?};
        let ok = (|| -> bool {{
{body}        }})();
        {promise_fix}
    }}
"#,
                    promise_fix =
                        if is_promise { "if ok { true } else { exception_to_promise(cx, args.rval()) }" } else { "ok" },
                );
                static_specs.entry(cond).or_default().1.push(format!(
                    "static_method_spec({}, {native}, {nargs}, ({flags}) as u16)",
                    cstr_lit(&group.name)
                ));
            }
        }
    }

    // ---- stringifier
    if iface.stringifier {
        let via_attr = iface.attributes.iter().find(|a| a.stringifier);
        let call = match via_attr {
            Some(a) => format!("this.{}(cx)", method_name(&a.name)),
            None => {
                let ret = if iface.stringifier_throws { "Fallible<DOMString>" } else { "DOMString" };
                let _ = writeln!(
                    trait_items,
                    "    /// The `stringifier`.\n    fn Stringifier(&self, cx: &mut JSContext) -> {ret};"
                );
                if iface.stringifier_throws {
                    "match this.Stringifier(cx) {\n            Ok(r) => r,\n            Err(e) => {\n                throw_dom_exception(cx, &this.global(), e);\n                return false;\n            }\n        }".into()
                } else {
                    "this.Stringifier(cx)".into()
                }
            }
        };
        let _ = writeln!(
            natives,
            r#"    unsafe extern "C" fn op_toString(cx: *mut RawJSContext, obj: RawHandleObject, this: *mut libc::c_void, args: *const JSJitMethodCallArgs) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let this: &{name} = &*(this as *const {name});
        let args = Args::from_jit(&*args);
        let result = {call};
        result.to_jsval(cx, args.rval());
        true
    }}
    static TOSTRING_METHOD_INFO: JitInfo = JitInfo::method(op_toString, ID::{name} as u16, {depth}, false);
"#
        );
        // <https://webidl.spec.whatwg.org/#es-stringifier>: the toString property is
        // {[[Writable]]: B, [[Enumerable]]: true, [[Configurable]]: B} where B is false if the
        // stringifier is unforgeable (a [LegacyUnforgeable] stringifier attribute), and lives
        // on every instance in that case.
        let unforgeable_stringifier = via_attr.is_some_and(|a| a.attrs.legacy_unforgeable) && !iface.attrs.global;
        if unforgeable_stringifier {
            unforgeable.entry(Condition::Always).or_default().1.push(
                "method_spec(c\"toString\", &TOSTRING_METHOD_INFO, 0, (JSPROP_ENUMERATE | JSPROP_PERMANENT | JSPROP_READONLY) as u16, false)".into(),
            );
        } else {
            specs
                .entry(Condition::Always)
                .or_default()
                .1
                .push("method_spec(c\"toString\", &TOSTRING_METHOD_INFO, 0, JSPROP_ENUMERATE as u16, false)".into());
        }
    }

    // ---- pair iterator (<https://webidl.spec.whatwg.org/#es-iterable>): entries, keys, values
    // and forEach read the pairs from the trait's `PairIterable`; @@iterator is `entries`
    // (`values` for a setlike, whose pairs are (entry, entry)).
    if let Some((key, value)) = &iface.pair_iterable {
        match (cx.owned_type(key), cx.owned_type(value)) {
            (Ok(k), Ok(v)) => {
                let _ = writeln!(
                    trait_items,
                    "    /// The value pairs to iterate (<https://webidl.spec.whatwg.org/#dfn-value-pairs-to-iterate-over>).\n    fn PairIterable(&self, cx: &mut JSContext) -> Vec<({k}, {v})>;"
                );
            }
            (Err(e), _) | (_, Err(e)) => errors.push(Error::new(iface.location.clone(), e)),
        }
        for (member, kind, nargs) in
            [("entries", "Entries", 0), ("keys", "Keys", 0), ("values", "Values", 0), ("forEach", "ForEach", 1)]
        {
            let upper = member.to_ascii_uppercase();
            let _ = writeln!(
                natives,
                r#"    unsafe extern "C" fn op_iterable_{member}(cx: *mut RawJSContext, obj: RawHandleObject, this: *mut libc::c_void, args: *const JSJitMethodCallArgs) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let this: &{name} = &*(this as *const {name});
        let args = Args::from_jit(&*args);
        let obj = HandleObject::from_raw(obj);
        let pairs = this.PairIterable(cx);
        pair_iteration(cx, &args, obj, PairIteration::{kind}, pairs, "Failed to execute '{member}' on '{name}'")
    }}
    static ITERABLE_{upper}_METHOD_INFO: JitInfo = JitInfo::method(op_iterable_{member}, ID::{name} as u16, {depth}, false);
"#
            );
            specs.entry(Condition::Always).or_default().1.push(format!(
                "method_spec(c\"{member}\", &ITERABLE_{upper}_METHOD_INFO, {nargs}, JSPROP_ENUMERATE as u16, false)"
            ));
        }
    }

    // ---- async iterable (<https://webidl.spec.whatwg.org/#es-asynchronous-iterable>): `values()`
    // runs the trait's initialization steps and returns a default asynchronous iterator
    // object; its prototype (`{name} AsyncIterator`, with `next` and `return`) is made with the
    // interface's and cached per global. `@@asyncIterator` is the same function as `values`.
    if let Some(it) = &iface.async_iterable {
        let op = Operation {
            name: "values".into(),
            args: it.args.clone(),
            ret: Type::Undefined,
            is_static: false,
            attrs: MemberAttrs::default(),
            location: it.location.clone(),
        };
        match (trait_params(cx, &op), convert_arguments(cx, &op)) {
            (Ok(params), Ok((conversions, pass))) => {
                let _ = writeln!(
                    trait_items,
                    "    /// The asynchronous iterator initialization steps (<https://webidl.spec.whatwg.org/#asynchronous-iterator-initialization-steps>):\n    /// the state of a new iterator over `self`, which gets its next iteration result and runs its return steps.\n    fn AsyncIteratorInit(&self, cx: &mut JSContext{params}) -> Fallible<Box<dyn AsyncIteratorSteps>>;"
                );
                let pass: String = pass.iter().map(|p| format!(", {p}")).collect();
                let upper = name.to_ascii_uppercase();
                let _ = writeln!(
                    natives,
                    r#"    unsafe extern "C" fn op_async_iterable_values(cx: *mut RawJSContext, obj: RawHandleObject, this: *mut libc::c_void, args: *const JSJitMethodCallArgs) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let this: &{name} = &*(this as *const {name});
        let args = Args::from_jit(&*args);
        const PREFIX: &str = "Failed to execute 'values' on '{name}'";
        let argc = args.argc() as usize;
{conversions}        let steps = match this.AsyncIteratorInit(cx{pass}) {{
            Ok(steps) => steps,
            Err(e) => {{
                throw_dom_exception(cx, &this.global(), e);
                return false;
            }}
        }};
        // The iterator is made in the current realm, with that realm's iterator prototype.
        let global = Window::current(cx);
        rooted!(&in(cx) let mut iterator_proto = std::ptr::null_mut::<JSObject>());
        get_per_interface_object(cx, global.global_object(), PrototypeList::ASYNC_ITERATOR_{upper}, CreateInterfaceObjects, iterator_proto.handle_mut());
        new_async_iterator(cx, iterator_proto.handle(), ID::{name} as u16, steps, args.rval())
    }}
    static ASYNC_ITERABLE_VALUES_METHOD_INFO: JitInfo = JitInfo::method(op_async_iterable_values, ID::{name} as u16, {depth}, false);
"#
                );
                let nargs = required_args(&op);
                specs.entry(Condition::Always).or_default().1.push(format!(
                    "method_spec(c\"values\", &ASYNC_ITERABLE_VALUES_METHOD_INFO, {nargs}, JSPROP_ENUMERATE as u16, false)"
                ));
            }
            (Err(e), _) | (_, Err(e)) => errors.push(Error::new(it.location.clone(), format!("{name}: {e}"))),
        }
    }

    // ---- constructor
    let constructor = if iface.constructors.is_empty() {
        "None".to_string()
    } else if iface.constructors.iter().any(|c| c.attrs.html_constructor) {
        // [HTMLConstructor]: no arguments, and the steps live in the script crate (they need
        // NewTarget and the active function object, not just the desired prototype).
        if iface.constructors.len() != 1 || !iface.constructors[0].args.is_empty() {
            errors.push(Error::new(
                iface.location.clone(),
                format!("{name}: [HTMLConstructor] needs a single constructor without arguments"),
            ));
        }
        let prefix = format!("Failed to construct '{name}'");
        natives.push_str(&construct_native(
            "construct",
            "[[Construct]] of the interface object: the HTML element constructor steps (<https://html.spec.whatwg.org/multipage/dom.html#html-element-constructors>).",
            name,
            &prefix,
            "        let _ = (args, proto);\n        crate::dom::html::customelements::htmlconstructor::html_element_constructor(cx, &global, &call_args, desired_proto.handle())\n",
        ));
        "Some((construct, 0))".to_string()
    } else {
        let group = OpGroup {
            name: "constructor".into(),
            rust_name: "Constructor".into(),
            overloads: iface.constructors.iter().collect(),
        };
        for (i, op) in iface.constructors.iter().enumerate() {
            match trait_method(cx, name, op, &overload_method_name("Constructor", i), Receiver::Static) {
                Ok(item) => trait_items.push_str(&item),
                Err(e) => errors.push(e),
            }
        }
        let prefix = format!("Failed to construct '{name}'");
        match operation_body(cx, name, &group, Receiver::Static, &prefix) {
            Ok(body) => {
                natives.push_str(&construct_native(
                    "construct",
                    "[[Construct]] of the interface object (<https://webidl.spec.whatwg.org/#js-constructor>).",
                    name,
                    &prefix,
                    &body,
                ));
            }
            Err(e) => errors.push(e),
        }
        let nargs = iface.constructors.iter().map(required_args).min().unwrap_or(0);
        format!("Some((construct, {nargs}))")
    };

    // ---- constants
    let constants = constant_specs(name, &iface.constants, &mut errors);

    if !errors.is_empty() {
        return Err(errors);
    }

    // ---- legacy factory functions (<https://webidl.spec.whatwg.org/#LegacyFactoryFunction>)
    let mut factories = Vec::new();
    for (i, (fname, op)) in iface.legacy_factory_functions.iter().enumerate() {
        match trait_method(cx, name, op, "LegacyFactoryFunction", Receiver::Static) {
            Ok(item) => trait_items.push_str(&item),
            Err(e) => errors.push(e),
        }
        let group = OpGroup {
            name: "legacy factory function".into(),
            rust_name: "LegacyFactoryFunction".into(),
            overloads: vec![op],
        };
        let prefix = format!("Failed to construct '{fname}'");
        match operation_body(cx, name, &group, Receiver::Static, &prefix) {
            Ok(body) => {
                natives.push_str(&construct_native(
                    &format!("construct_factory_{i}"),
                    &format!("[[Construct]] of the legacy factory function `{fname}`."),
                    fname,
                    &prefix,
                    &body,
                ));
            }
            Err(e) => errors.push(e),
        }
        factories.push(format!("({}, construct_factory_{i} as JSNativeFn, {})", cstr_lit(fname), required_args(op)));
    }

    // ---- spec arrays
    let mut spec_arrays = String::new();
    let spec_lists = |specs: &BTreeMap<Condition, (Vec<String>, Vec<String>)>,
                      prefix: &str,
                      out: &mut String|
     -> (String, String) {
        let mut attr_refs = Vec::new();
        let mut method_refs = Vec::new();
        for (cond, (attrs, methods)) in specs {
            if !attrs.is_empty() {
                let arr = format!("{prefix}ATTRIBUTES{}", cond.key());
                let _ = writeln!(out, "    static {arr}: SyncPropertySpecs<{}> = SyncPropertySpecs([", attrs.len() + 1);
                for a in attrs {
                    let _ = writeln!(out, "        {a},");
                }
                out.push_str("        PROPERTY_SPEC_END,\n    ]);\n");
                attr_refs.push(format!("({}, &{arr}.0)", cond.rust()));
            }
            if !methods.is_empty() {
                let arr = format!("{prefix}METHODS{}", cond.key());
                let _ =
                    writeln!(out, "    static {arr}: SyncFunctionSpecs<{}> = SyncFunctionSpecs([", methods.len() + 1);
                for m in methods {
                    let _ = writeln!(out, "        {m},");
                }
                out.push_str("        FUNCTION_SPEC_END,\n    ]);\n");
                method_refs.push(format!("({}, &{arr}.0)", cond.rust()));
            }
        }
        (format!("&[{}]", attr_refs.join(", ")), format!("&[{}]", method_refs.join(", ")))
    };
    let (attr_list, method_list) = spec_lists(&specs, "", &mut spec_arrays);
    let (static_attr_list, static_method_list) = spec_lists(&static_specs, "STATIC_", &mut spec_arrays);
    let (unforgeable_attr_list, unforgeable_method_list) = spec_lists(&unforgeable, "UNFORGEABLE_", &mut spec_arrays);

    // ---- assemble
    let mut s = String::new();
    let chain_ids: Vec<String> = (0..8)
        .map(|i| match chain.get(i) {
            Some(n) => format!("ID::{n} as u16"),
            None => "PrototypeList::LAST".into(),
        })
        .collect();
    let parent_setup = match &iface.parent {
        Some(p) => format!(
            "        super::{p}Binding::GetProtoObject(cx, global, parent_proto.handle_mut());\n        super::{p}Binding::GetConstructorObject(cx, global, parent_interface.handle_mut());\n"
        ),
        None => String::new(),
    };
    let is_global = iface.attrs.global;
    let iface_cond = Condition::of(&MemberAttrs {
        secure_context: iface.attrs.secure_context,
        pref: iface.attrs.pref.clone(),
        ..Default::default()
    });
    let reserved_slots = same_object_slot; // slot 0 + one per [SameObject] attribute, ancestors' included
    let derived_from: String = chain.iter().map(|a| format!("    impl DerivedFrom<{a}> for {name} {{}}\n")).collect();

    let _ = writeln!(
        s,
        r#"pub mod {name}Binding {{
    #![allow(non_snake_case, non_upper_case_globals, unused_imports, unused_variables, unused_mut, unused_parens, clippy::all)]
    use crate::dom::bindings::codegen_prelude::*;
    use super::Enums::*;
    use super::Dictionaries::*;
    use super::Unions::*;
    use super::Callbacks::*;
    use super::PrototypeList::{{self, ID}};

    /// The methods the DOM struct `{name}` implements for the bindings.
    pub trait {name}Methods {{
{trait_items}    }}

{natives}
{spec_arrays}
    static CONSTANTS: &[ConstantSpec] = &[
{constants}    ];

    static PROTO_CLASS: SyncClass = SyncClass(prototype_class({proto_class_name}));

    static SPEC: InterfaceSpec = InterfaceSpec {{
        name: {name_c},
        proto_class: &PROTO_CLASS.0,
        methods: {method_list},
        attributes: {attr_list},
        constants: CONSTANTS,
        static_methods: {static_method_list},
        static_attributes: {static_attr_list},
        constructor: {constructor},
        has_interface_object: {has_interface_object},
        is_global: {is_global},
        proto_parent_is_error: {proto_parent_is_error},
        legacy_window_aliases: &[{legacy_window_aliases}],
        legacy_factory_functions: &[{legacy_factory_functions}],
    }};

    /// `[LegacyUnforgeable]` members, defined on every instance (of this interface and those inheriting from it).
    pub static UNFORGEABLE_METHOD_LIST: &[(Condition, &[mozjs::jsapi::JSFunctionSpec])] = {unforgeable_method_list};
    pub static UNFORGEABLE_ATTRIBUTE_LIST: &[(Condition, &[mozjs::jsapi::JSPropertySpec])] = {unforgeable_attr_list};

    /// Creates the prototype object and interface object of `{name}` in `global`.
    pub unsafe fn CreateInterfaceObjects(cx: &mut JSContext, global: HandleObject, cache: *mut ProtoOrIfaceArray) {{
        rooted!(&in(cx) let mut parent_proto = std::ptr::null_mut::<JSObject>());
        rooted!(&in(cx) let mut parent_interface = std::ptr::null_mut::<JSObject>());
{parent_setup}        rooted!(&in(cx) let mut proto = std::ptr::null_mut::<JSObject>());
        rooted!(&in(cx) let mut interface = std::ptr::null_mut::<JSObject>());
        create_interface_objects(cx, global, &SPEC, parent_proto.handle(), parent_interface.handle(), proto.handle_mut(), interface.handle_mut());
{iterator_setup}        (*cache)[ID::{name} as usize].set(proto.get());
        (*cache)[PrototypeList::CONSTRUCTOR_BASE + ID::{name} as usize].set(interface.get());
    }}

    /// The prototype object of `{name}` in `global`.
    pub fn GetProtoObject(cx: &mut JSContext, global: HandleObject, rval: MutableHandleObject) {{
        get_per_interface_object(cx, global, ID::{name} as usize, CreateInterfaceObjects, rval)
    }}

    /// The interface object of `{name}` in `global`.
    pub fn GetConstructorObject(cx: &mut JSContext, global: HandleObject, rval: MutableHandleObject) {{
        get_per_interface_object(cx, global, PrototypeList::CONSTRUCTOR_BASE + ID::{name} as usize, CreateInterfaceObjects, rval)
    }}

    /// Defines `{name}` on `global` when it is exposed there.
    pub fn DefineDOMInterface(cx: &mut JSContext, global: HandleObject) {{
        if !{exposure}.includes(global) || !{iface_cond}.is_satisfied(cx, global) {{
            return;
        }}
        rooted!(&in(cx) let mut proto = std::ptr::null_mut::<JSObject>());
        GetProtoObject(cx, global, proto.handle_mut());
{global_setup}    }}

    static CLASS_OPS: SyncClassOps = SyncClassOps(dom_class_ops::<{name}>({is_global}));

{indexed_hooks}{named_hooks}
    /// The class of `{name}` reflectors.
    pub static CLASS: DOMJSClass = DOMJSClass {{
        base: dom_instance_class({name_c}, &CLASS_OPS.0, {reserved_slots}, {is_global}),
        dom_class: DOMClass {{
            interface_chain: [{chain_ids}],
            depth: {depth},
            name: {name:?},
            c_name: {name_c},
            indexed: {indexed_ref},
            named: {named_ref},
            trace: trace_dom_struct::<{name}>,
            finalize: finalize_dom_struct::<{name}>,
            handler: std::sync::OnceLock::new(),
        }},
    }};

    impl IDLInterface for {name} {{
        const PROTO_ID: u16 = ID::{name} as u16;
        const DEPTH: usize = {depth};
        const NAME: &'static str = {name:?};
    }}

{derived_from}
    {wrap}
}}
"#,
        proto_class_name = cstr_lit(&format!("{name}Prototype")),
        // <https://webidl.spec.whatwg.org/#es-iterators>: indexed properties make the
        // prototype iterable; `iterable<V>` adds entries/keys/values/forEach.
        iterator_setup = if indexed.is_some() {
            format!(
                "        define_array_iterator_members(cx, global, proto.handle(), {});\n",
                iface.value_iterable.is_some()
            )
        } else if iface.pair_iterable.is_some() {
            format!("        define_pair_iterator_alias(cx, global, proto.handle(), {});\n", iface.setlike.is_some())
        } else if iface.async_iterable.is_some() {
            format!(
                "        define_async_iterator_alias(cx, global, proto.handle());\n        rooted!(&in(cx) let mut iterator_proto = std::ptr::null_mut::<JSObject>());\n        create_async_iterator_prototype(cx, global, {iterator_name}, ID::{name} as u16, iterator_proto.handle_mut());\n        (*cache)[PrototypeList::ASYNC_ITERATOR_{upper}].set(iterator_proto.get());\n",
                iterator_name = cstr_lit(&format!("{name} AsyncIterator")),
                upper = name.to_ascii_uppercase(),
            )
        } else {
            String::new()
        },
        // <https://webidl.spec.whatwg.org/#es-DOMException-specialness>: DOMException.prototype's
        // [[Prototype]] is %Error.prototype%.
        proto_parent_is_error = name == "DOMException",
        legacy_factory_functions = factories.join(", "),
        legacy_window_aliases =
            iface.attrs.legacy_window_alias.iter().map(|a| cstr_lit(a)).collect::<Vec<_>>().join(", "),
        name_c = cstr_lit(name),
        has_interface_object = !iface.attrs.legacy_no_interface_object,
        iface_cond = iface_cond.rust(),
        exposure = iface.attrs.exposure_rust(),
        global_setup = if is_global {
            "        // [Global]: the global's prototype is this interface's prototype\n        // object, and regular members live on the global itself.\n        set_global_prototype(cx, global, proto.handle());\n        define_global_members(cx, global, &SPEC);\n"
        } else {
            ""
        },
        chain_ids = chain_ids.join(", "),
        indexed_ref = match (&indexed, &inherited_indexed, &iface.indexed_setter) {
            (Some(_), _, _) | (None, Some(_), Some(_)) => "Some(&INDEXED_HOOKS)".to_string(),
            (None, Some(a), None) => format!("Some(&super::{a}Binding::INDEXED_HOOKS)"),
            _ => "None".to_string(),
        },
        named_ref = match (&named, &inherited_named) {
            (Some(_), _) => "Some(&NAMED_HOOKS)".to_string(),
            (None, Some(a)) => format!("Some(&super::{a}Binding::NAMED_HOOKS)"),
            (None, None) => "None".to_string(),
        },
        named_hooks = named.as_ref().map(|n| n.hooks.as_str()).unwrap_or(""),
        indexed_hooks = match &indexed {
            Some(op) => {
                let ret = cx.owned_type(&op.ret).unwrap_or_default();
                let call = if op.attrs.throws {
                    format!("match this.{}(cx, index) {{ Ok(v) => v, Err(_) => return false }}", method_name(&op.name))
                } else {
                    format!("this.{}(cx, index)", method_name(&op.name))
                };
                let is_option = ret.starts_with("Option<");
                let body = if is_option {
                    format!(
                        "match {call} {{\n            Some(v) => {{\n                v.to_jsval(cx, rval);\n                true\n            }}\n            None => false,\n        }}"
                    )
                } else {
                    format!(
                        "if index >= this.Length(cx) {{\n            return false;\n        }}\n        {call}.to_jsval(cx, rval);\n        true"
                    )
                };
                format!(
                    r#"    pub(crate) unsafe fn indexed_length(cx: &mut JSContext, this: *const libc::c_void) -> u32 {{
        let this: &{name} = &*(this as *const {name});
        this.Length(cx)
    }}
    pub(crate) unsafe fn indexed_get(cx: &mut JSContext, this: *const libc::c_void, index: u32, rval: MutableHandleValue) -> bool {{
        let this: &{name} = &*(this as *const {name});
        {body}
    }}
{indexed_set_hook}    pub(crate) static INDEXED_HOOKS: IndexedHooks = IndexedHooks {{ length: indexed_length, get: indexed_get, set: {set_ref} }};
"#,
                    set_ref = if iface.indexed_setter.is_some() { "Some(indexed_set)" } else { "None" },
                )
            }
            None => match (&inherited_indexed, &iface.indexed_setter) {
                (Some(a), Some(_)) => format!(
                    "{indexed_set_hook}    pub(crate) static INDEXED_HOOKS: IndexedHooks = IndexedHooks {{ length: super::{a}Binding::indexed_length, get: super::{a}Binding::indexed_get, set: Some(indexed_set) }};\n"
                ),
                _ => String::new(),
            },
        },
        wrap = if is_global {
            format!(
                r#"/// Creates the global object for `object` and defines every exposed interface on it.
    pub unsafe fn WrapGlobal(cx: &mut JSContext, object: Box<{name}>) -> DomRoot<{name}> {{
        let raw = Box::into_raw(object);
        rooted!(&in(cx) let global = new_dom_global(cx, &CLASS.base, raw as *const libc::c_void));
        (*raw).reflector().set_jsobject(global.get());
        let root = DomRoot::from_ref(&*raw);
        let _realm = JSAutoRealm::new(cx.raw_cx(), global.get());
        super::InterfaceObjectMap::define_all(cx, global.handle());
        root
    }}"#
            )
        } else {
            let new_reflector =
                if indexed.is_some() || named.is_some() || inherited_indexed.is_some() || inherited_named.is_some() {
                    "new_dom_proxy(cx, &CLASS.dom_class, proto.handle(), raw as *const libc::c_void)"
                } else {
                    "new_dom_reflector(cx, &CLASS.base, proto.handle(), raw as *const libc::c_void)"
                };
            // Ancestors' [LegacyUnforgeable] members live on the instance too.
            let ancestor_unforgeables: String = chain[..chain.len().saturating_sub(1)]
                .iter()
                .map(|a| format!("            define_unforgeable_members(cx, global, (*raw).reflector().get_jsobject(), super::{a}Binding::UNFORGEABLE_METHOD_LIST, super::{a}Binding::UNFORGEABLE_ATTRIBUTE_LIST);\n"))
                .collect();
            format!(
                r#"/// Creates the reflector of `object` in `scope`'s realm (with `given_proto`
    /// when a subclass constructor passed one) and returns it rooted.
    pub fn Wrap(cx: &mut JSContext, scope: &Window, given_proto: Option<HandleObject>, object: Box<{name}>) -> DomRoot<{name}> {{
        unsafe {{
            let global = scope.global_object();
            let _realm = JSAutoRealm::new(cx.raw_cx(), global.get());
            rooted!(&in(cx) let mut proto = std::ptr::null_mut::<JSObject>());
            match given_proto {{
                Some(p) => proto.set(p.get()),
                None => GetProtoObject(cx, global, proto.handle_mut()),
            }}
            let raw = Box::into_raw(object);
            let reflector = {new_reflector};
            (*raw).reflector().set_jsobject(reflector);
            let root = DomRoot::from_ref(&*raw);
{ancestor_unforgeables}            define_unforgeable_members(cx, global, (*raw).reflector().get_jsobject(), UNFORGEABLE_METHOD_LIST, UNFORGEABLE_ATTRIBUTE_LIST);
            root
        }}
    }}

    impl DomObjectWrap for {name} {{
        const WRAP: fn(&mut JSContext, &Window, Option<HandleObject>, Box<Self>) -> DomRoot<Self> = Wrap;
    }}"#
            )
        },
    );
    Ok(s)
}

/// `namespace console { … }` (<https://webidl.spec.whatwg.org/#es-namespaces>).
pub fn emit_namespace(cx: &TypeCx, ns: &Namespace) -> Result<String, Vec<Error>> {
    let mut errors = Vec::new();
    let name = &ns.name;
    let mut trait_items = String::new();
    let mut natives = String::new();
    let mut methods = Vec::new();
    for group in group_operations(ns.operations.iter()) {
        for (i, op) in group.overloads.iter().enumerate() {
            match trait_method(cx, name, op, &overload_method_name(&op.name, i), Receiver::Static) {
                Ok(item) => trait_items.push_str(&item),
                Err(e) => errors.push(e),
            }
        }
        let prefix = format!("Failed to execute '{}' on '{name}'", group.name);
        match operation_body(cx, name, &group, Receiver::Static, &prefix) {
            Ok(body) => {
                let _ = writeln!(
                    natives,
                    r#"    unsafe extern "C" fn op_{op}(cx: *mut RawJSContext, argc: u32, vp: *mut JSVal) -> bool {{
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let call_args = CallArgs::from_vp(vp, argc);
        let args = Args::from_call_args(&call_args);
        let global = Window::current(cx);
        const PREFIX: &str = {prefix:?};
{body}    }}
"#,
                    op = group.name
                );
                let nargs = group.overloads.iter().map(|o| required_args(o)).min().unwrap_or(0);
                methods.push(format!(
                    "static_method_spec({}, op_{}, {nargs}, JSPROP_ENUMERATE as u16)",
                    cstr_lit(&group.name),
                    group.name
                ));
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let cond = Condition::of(&MemberAttrs {
        secure_context: ns.attrs.secure_context,
        pref: ns.attrs.pref.clone(),
        ..Default::default()
    });
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"pub mod {name}Binding {{
    #![allow(non_snake_case, non_upper_case_globals, unused_imports, unused_variables, unused_mut, clippy::all)]
    use crate::dom::bindings::codegen_prelude::*;
    use super::Enums::*;
    use super::Dictionaries::*;
    use super::Unions::*;
    use super::Callbacks::*;
    use super::PrototypeList;

    /// The operations of namespace `{name}`, implemented by `crate::dom::types::{name}`.
    pub trait {name}Methods {{
{trait_items}    }}

{natives}
    static METHODS: SyncFunctionSpecs<{len}> = SyncFunctionSpecs([
        {methods}
        FUNCTION_SPEC_END,
    ]);

    static NAMESPACE_CLASS: SyncClass = SyncClass(namespace_class({name_c}));

    /// Creates the namespace object in `global` and defines it there.
    pub fn DefineDOMInterface(cx: &mut JSContext, global: HandleObject) {{
        if !{exposure}.includes(global) || !{cond}.is_satisfied(cx, global) {{
            return;
        }}
        create_namespace_object(cx, global, {name_c}, &NAMESPACE_CLASS.0, &METHODS.0, PrototypeList::NAMESPACE_{upper});
    }}
}}
"#,
        len = methods.len() + 1,
        methods = methods.iter().map(|m| format!("{m},")).collect::<Vec<_>>().join("\n        "),
        name_c = cstr_lit(name),
        cond = cond.rust(),
        exposure = ns.attrs.exposure_rust(),
        upper = name.to_uppercase(),
    );
    Ok(s)
}

/// A [[Construct]] native named `fn_name`: the "must be called with new" check under
/// `ctor_name`, the global and the desired prototype (from NewTarget), then `body` (the
/// constructor operation's argument conversion and call).
fn construct_native(fn_name: &str, doc: &str, ctor_name: &str, prefix: &str, body: &str) -> String {
    format!(
        r#"    /// {doc}
    unsafe extern "C" fn {fn_name}(cx: *mut RawJSContext, argc: u32, vp: *mut JSVal) -> bool {{
        let call_args = CallArgs::from_vp(vp, argc);
        if !check_constructing(cx, &call_args, {ctor_name:?}) {{
            return false;
        }}
        let mut cx = JSContext::from_ptr(NonNull::new_unchecked(cx));
        let cx = &mut cx;
        let args = Args::from_call_args(&call_args);
        let global = Window::from_object(call_args.callee());
        const PREFIX: &str = {prefix:?};
        rooted!(&in(cx) let mut default_proto = std::ptr::null_mut::<JSObject>());
        GetProtoObject(cx, global.global_object(), default_proto.handle_mut());
        rooted!(&in(cx) let mut desired_proto = std::ptr::null_mut::<JSObject>());
        if !get_desired_proto(cx, &call_args, default_proto.handle(), desired_proto.handle_mut()) {{
            return false;
        }}
        let proto = if desired_proto.get() == default_proto.get() {{ None }} else {{ Some(desired_proto.handle()) }};
{body}    }}

"#
    )
}

/// `ConstantSpec` lines for the constants of interface `name`.
pub fn constant_specs(name: &str, constants: &[Constant], errors: &mut Vec<Error>) -> String {
    let mut out = String::new();
    for c in constants {
        let value = match (&c.ty, &c.value) {
            (Type::Boolean, ConstValue::Boolean(b)) => format!("ConstantValue::Bool({b})"),
            (Type::Integer(IntKind::UnsignedLong, _), ConstValue::Integer(i)) => format!("ConstantValue::Uint({i})"),
            (Type::Integer(_, _), ConstValue::Integer(i)) => format!("ConstantValue::Int({i})"),
            (Type::Float { .. }, ConstValue::Float(f)) => format!("ConstantValue::Double({f:?})"),
            (Type::Float { .. }, ConstValue::Integer(i)) => format!("ConstantValue::Double({i}.0)"),
            _ => {
                errors.push(Error::new(
                    c.location.clone(),
                    format!("constant {name}.{} has an unsupported type", c.name),
                ));
                continue;
            }
        };
        let _ = writeln!(out, "        ConstantSpec {{ name: {}, value: {value} }},", cstr_lit(&c.name));
    }
    out
}

/// The binding of a callback interface with constants: its legacy callback interface object
/// (<https://webidl.spec.whatwg.org/#legacy-callback-interface-object>), a function that throws
/// a TypeError when called, with the constants as properties.
pub fn emit_legacy_callback_interface_object(c: &CallbackInterface) -> Result<String, Vec<Error>> {
    let name = &c.name;
    if !c.exposed {
        return Err(vec![Error::new(
            c.location.clone(),
            "constants on a callback interface need [Exposed=Window] (a legacy callback interface object)",
        )]);
    }
    let mut errors = Vec::new();
    let constants = constant_specs(name, &c.constants, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"pub mod {name}Binding {{
    #![allow(non_snake_case, non_upper_case_globals, unused_imports, clippy::all)]
    use crate::dom::bindings::codegen_prelude::*;

    static CONSTANTS: &[ConstantSpec] = &[
{constants}    ];

    /// Defines the legacy callback interface object `{name}` in `global`.
    pub fn DefineDOMInterface(cx: &mut JSContext, global: HandleObject) {{
        create_legacy_callback_interface_object(cx, global, {name_c}, CONSTANTS);
    }}
}}
"#,
        name_c = cstr_lit(name),
    );
    Ok(s)
}
