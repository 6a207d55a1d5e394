//! Operations: grouping overloads, the `…Methods` trait items, argument
//! conversion and overload resolution
//! (<https://webidl.spec.whatwg.org/#es-overloads>), and the bodies of the
//! natives of operations, constructors and namespace operations.

use std::fmt::Write;

use super::method_name;
use super::types::{TypeCx, arg_ident};
use crate::Error;
use crate::model::*;

/// The context an operation's native runs in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Receiver {
    /// A regular member: `this` is the DOM object.
    Instance,
    /// A static member, constructor or namespace operation: the current global.
    Static,
}

pub(super) struct OpGroup<'a> {
    pub(super) name: String,
    /// The name the Rust trait method and native are derived from: `name`, except for a static
    /// operation that shares its name with a regular one (`Response.json()` and `json()`),
    /// which becomes `nameStatic`.
    pub(super) rust_name: String,
    pub(super) overloads: Vec<&'a Operation>,
}

pub(super) fn group_operations<'a>(ops: impl Iterator<Item = &'a Operation>) -> Vec<OpGroup<'a>> {
    let mut groups: Vec<OpGroup<'a>> = Vec::new();
    for op in ops {
        match groups.iter_mut().find(|g| g.name == op.name) {
            Some(g) => g.overloads.push(op),
            None => groups.push(OpGroup { name: op.name.clone(), rust_name: op.name.clone(), overloads: vec![op] }),
        }
    }
    groups
}

pub(super) fn required_args(op: &Operation) -> usize {
    op.args.iter().filter(|a| !a.optional && !a.variadic).count()
}

/// Rust method name of overload `index` of `name` (`Foo`, `Foo_`, `Foo__`).
pub(super) fn overload_method_name(name: &str, index: usize) -> String {
    format!("{}{}", method_name(name), "_".repeat(index))
}

/// How a getter's or operation's result reaches `rval`.
pub(super) fn result_handling(throws: bool, out_param: bool, ret_ty: &str, receiver: Receiver, rval: &str) -> String {
    let global = if receiver == Receiver::Static { "&global" } else { "&this.global()" };
    let mut s = String::new();
    if throws {
        let _ = writeln!(
            s,
            "        let result = match result {{\n            Ok(r) => r,\n            Err(e) => {{\n                throw_dom_exception(cx, {global}, e);\n                return false;\n            }}\n        }};"
        );
    }
    if out_param {
        s.push_str("        let _: () = result;\n");
    } else if ret_ty == "()" {
        let _ = writeln!(s, "        let _: () = result;\n        {rval}.set(UndefinedValue());");
    } else {
        let _ = writeln!(s, "        result.to_jsval(cx, {rval}.reborrow());");
    }
    s
}

/// The trait method declaration of one operation overload.
pub(super) fn trait_method(
    cx: &TypeCx,
    iface: &str,
    op: &Operation,
    rust_name: &str,
    receiver: Receiver,
) -> Result<String, Error> {
    let err = |e: String| Error::new(op.location.clone(), format!("{iface}.{}: {e}", op.name));
    let is_constructor = op.name == "constructor" || op.name == "legacy factory function";
    let params = trait_params(cx, op).map_err(err)?;
    let out_param = matches!(op.ret.inner(), Type::Any | Type::Object | Type::TypedArray(_));
    let ret_ty = if is_constructor {
        format!("Fallible<DomRoot<{iface}>>")
    } else if out_param {
        if op.attrs.throws { "ErrorResult".into() } else { "()".into() }
    } else {
        let t = cx.owned_type(&op.ret).map_err(err)?;
        if op.attrs.throws { format!("Fallible<{t}>") } else { t }
    };
    let retval = if out_param { ", retval: MutableHandleValue" } else { "" };
    let receiver_params = match (receiver, is_constructor) {
        (_, true) => "cx: &mut JSContext, global: &Window, proto: Option<HandleObject>",
        (Receiver::Instance, false) => "&self, cx: &mut JSContext",
        (Receiver::Static, false) => "cx: &mut JSContext, global: &Window",
    };
    let doc = if is_constructor { format!("`new {iface}(…)`") } else { format!("`{iface}.{}(…)`", op.name) };
    let ret = if ret_ty == "()" { String::new() } else { format!(" -> {ret_ty}") };
    Ok(format!("    /// {doc}\n    fn {rust_name}({receiver_params}{params}{retval}){ret};\n"))
}

/// The parameters of a trait method for `op`'s arguments (`, name: Type` each).
pub(super) fn trait_params(cx: &TypeCx, op: &Operation) -> Result<String, String> {
    let mut params = String::new();
    for a in &op.args {
        let ident = arg_ident(&a.name);
        let ty = if a.variadic {
            if matches!(a.ty, Type::Any) { "&[JSVal]".to_string() } else { format!("Vec<{}>", cx.owned_type(&a.ty)?) }
        } else {
            let base = cx.param_type(&a.ty)?;
            if a.optional && a.default.is_none() && !matches!(a.ty, Type::Any) {
                format!("Option<{base}>")
            } else {
                base
            }
        };
        let _ = write!(params, ", {ident}: {ty}");
    }
    Ok(params)
}

/// Code converting a JS value (`handle`, a `HandleValue` expression) of type
/// `ty` into a local named `local`. `what` is the value's description for
/// messages ("parameter 1"); `fail` is the statement run after throwing.
pub(super) fn convert_value(
    cx: &TypeCx,
    ty: &Type,
    handle: &str,
    local: &str,
    what: &str,
    fail: &str,
) -> Result<String, String> {
    Ok(match ty {
        Type::Any => format!("        let {local} = {handle};\n"),
        Type::Object => format!(
            "        if !{handle}.get().is_object() {{\n            throw_type_error(cx, &format!(\"{{PREFIX}}: {{}} is not of type 'Object'.\", {what}));\n            {fail}\n        }}\n        rooted!(&in(cx) let {local} = {handle}.get().to_object());\n"
        ),
        Type::TypedArray(name) => format!(
            "        if !is_typed_array({handle}, {name:?}) {{\n            throw_type_error(cx, &format!(\"{{PREFIX}}: {{}} is not of type '{name}'.\", {what}));\n            {fail}\n        }}\n        rooted!(&in(cx) let {local} = {handle}.get().to_object());\n"
        ),
        Type::Nullable(inner) if matches!(**inner, Type::Object) => format!(
            "        if !{handle}.get().is_object() && !{handle}.get().is_null_or_undefined() {{\n            throw_type_error(cx, &format!(\"{{PREFIX}}: {{}} is not of type 'Object'.\", {what}));\n            {fail}\n        }}\n        rooted!(&in(cx) let {local} = if {handle}.get().is_object() {{ {handle}.get().to_object() }} else {{ std::ptr::null_mut() }});\n"
        ),
        Type::Nullable(inner) if matches!(&**inner, Type::TypedArray(_)) => {
            let Type::TypedArray(name) = &**inner else { unreachable!() };
            format!(
                "        if !{handle}.get().is_null_or_undefined() && !is_typed_array({handle}, {name:?}) {{\n            throw_type_error(cx, &format!(\"{{PREFIX}}: {{}} is not of type '{name}'.\", {what}));\n            {fail}\n        }}\n        rooted!(&in(cx) let {local} = if {handle}.get().is_object() {{ {handle}.get().to_object() }} else {{ std::ptr::null_mut() }});\n"
            )
        }
        Type::Nullable(inner) if is_non_object_as_null(cx, inner) => {
            let Type::CallbackFunction(c) = &**inner else { unreachable!() };
            format!(
                "        // [LegacyTreatNonObjectAsNull]: a non-object is null.\n        let {local}: Option<Rc<{c}>> = if {handle}.get().is_object() {{ Some(Rc::new({c}::new({handle}.get().to_object()))) }} else {{ None }};\n"
            )
        }
        other => {
            let owned = cx.owned_type(other)?;
            format!(
                "        let Some({local}) = convert::<{owned}>(cx, {handle}, {config}, PREFIX, {what}) else {{\n            {fail}\n        }};\n",
                config = cx.conversion_config(other)
            )
        }
    })
}

pub(super) fn is_non_object_as_null(cx: &TypeCx, ty: &Type) -> bool {
    matches!(ty, Type::CallbackFunction(c) if cx.model.callbacks.get(c).is_some_and(|c| c.treat_non_object_as_null))
}

/// How a converted local is passed to the trait method.
pub(super) fn pass_expr(cx: &TypeCx, ty: &Type, local: &str) -> String {
    match ty {
        Type::Object | Type::TypedArray(_) => format!("{local}.handle()"),
        Type::Nullable(inner) if matches!(**inner, Type::Object | Type::TypedArray(_)) => {
            format!("if {local}.get().is_null() {{ None }} else {{ Some({local}.handle()) }}")
        }
        other => cx.param_expr(other, local),
    }
}

/// The body of an operation's native: overload selection, argument
/// conversion, the call and the result. Ends by returning a bool.
pub(super) fn operation_body(
    cx: &TypeCx,
    iface: &str,
    group: &OpGroup,
    receiver: Receiver,
    prefix: &str,
) -> Result<String, Error> {
    let _ = prefix;
    let is_constructor = group.name == "constructor" || group.name == "legacy factory function";
    let loc = group.overloads[0].location.clone();
    let err = |e: String| Error::new(loc.clone(), format!("{iface}.{}: {e}", group.name));

    // Argument counts each overload accepts: [required, max] (max None = variadic).
    let ranges: Vec<(usize, Option<usize>)> = group
        .overloads
        .iter()
        .map(|o| (required_args(o), if o.args.iter().any(|a| a.variadic) { None } else { Some(o.args.len()) }))
        .collect();
    let max_args = ranges.iter().map(|(r, m)| m.unwrap_or(*r + 1)).max().unwrap_or(0);

    let mut s = String::new();
    s.push_str("        let argc = args.argc() as usize;\n");
    if group.overloads.len() == 1 {
        let required = ranges[0].0;
        if required > 0 {
            let plural = if required == 1 { "argument" } else { "arguments" };
            let _ = writeln!(
                s,
                "        if argc < {required} {{\n            throw_type_error(cx, &format!(\"{{PREFIX}}: {required} {plural} required, but only {{argc}} present.\"));\n            return false;\n        }}"
            );
        }
        s.push_str(
            &overload_call(
                cx,
                iface,
                group.overloads[0],
                &overload_method_name(&group.name_for_rust(), 0),
                receiver,
                is_constructor,
            )
            .map_err(err)?,
        );
        return Ok(s);
    }

    // <https://webidl.spec.whatwg.org/#es-overloads>: pick by argument count
    // (n = min(argc, longest list)), then by the type of the distinguishing argument.
    let _ = writeln!(s, "        let n = argc.min({max_args});");
    let min_required = ranges.iter().map(|r| r.0).min().unwrap_or(0);
    if min_required > 0 {
        let plural = if min_required == 1 { "argument" } else { "arguments" };
        let _ = writeln!(
            s,
            "        if argc < {min_required} {{\n            throw_type_error(cx, &format!(\"{{PREFIX}}: {min_required} {plural} required, but only {{argc}} present.\"));\n            return false;\n        }}"
        );
    }
    s.push_str("        match n {\n");
    let mut arities = Vec::new();
    for n in 0..=max_args {
        let candidates: Vec<usize> = ranges
            .iter()
            .enumerate()
            .filter(|(_, (req, max))| *req <= n && max.is_none_or(|m| n <= m))
            .map(|(i, _)| i)
            .collect();
        if candidates.is_empty() {
            continue;
        }
        arities.push(n);
        let _ = writeln!(s, "            {n} => {{");
        if candidates.len() == 1 {
            let i = candidates[0];
            s.push_str(&indent(
                &overload_call(
                    cx,
                    iface,
                    group.overloads[i],
                    &overload_method_name(&group.name_for_rust(), i),
                    receiver,
                    is_constructor,
                )
                .map_err(err)?,
                2,
            ));
        } else {
            // Find the distinguishing argument index.
            let d = (0..n)
                .find(|&d| {
                    let tys: Vec<String> = candidates
                        .iter()
                        .map(|&i| group.overloads[i].args.get(d).map(|a| a.ty.idl()).unwrap_or_default())
                        .collect();
                    tys.windows(2).any(|w| w[0] != w[1])
                })
                .ok_or_else(|| err(format!("overloads with {n} arguments are not distinguishable")))?;
            let mut fallback = None;
            for &i in &candidates {
                let ty = &group.overloads[i].args[d].ty;
                let test = distinguishing_test(ty, d);
                match test {
                    Some(test) => {
                        // The call's code ends in its `bool` result: return it.
                        let _ = writeln!(s, "                if {test} {{\n                    return {{");
                        s.push_str(&indent(
                            &overload_call(
                                cx,
                                iface,
                                group.overloads[i],
                                &overload_method_name(&group.name_for_rust(), i),
                                receiver,
                                is_constructor,
                            )
                            .map_err(err)?,
                            4,
                        ));
                        s.push_str("                    };\n                }\n");
                    }
                    None => fallback = Some(i),
                }
            }
            match fallback {
                Some(i) => s.push_str(&indent(
                    &overload_call(
                        cx,
                        iface,
                        group.overloads[i],
                        &overload_method_name(&group.name_for_rust(), i),
                        receiver,
                        is_constructor,
                    )
                    .map_err(err)?,
                    2,
                )),
                None => {
                    let _ = writeln!(
                        s,
                        "                throw_type_error(cx, &format!(\"{{PREFIX}}: No function was found that matched the signature provided.\"));\n                false"
                    );
                }
            }
        }
        s.push_str("            }\n");
    }
    let arity_list = arities.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", ");
    let _ = writeln!(
        s,
        "            _ => {{\n                throw_type_error(cx, &format!(\"{{PREFIX}}: Valid arities are: [{arity_list}], but {{argc}} arguments provided.\"));\n                false\n            }}\n        }}"
    );
    Ok(s)
}

trait RustName {
    fn name_for_rust(&self) -> String;
}

impl RustName for OpGroup<'_> {
    fn name_for_rust(&self) -> String {
        match self.name.as_str() {
            "constructor" => "Constructor".into(),
            "legacy factory function" => "LegacyFactoryFunction".into(),
            _ => self.rust_name.clone(),
        }
    }
}

/// A Rust test selecting the overload whose distinguishing argument has type `ty`.
pub(super) fn distinguishing_test(ty: &Type, d: usize) -> Option<String> {
    let v = format!("args.get({d}).get()");
    match ty {
        Type::Interface(name) => {
            Some(format!("{v}.is_object() && unsafe {{ root_from_object::<{name}>({v}.to_object()) }}.is_some()"))
        }
        Type::Nullable(inner) => distinguishing_test(inner, d).map(|t| format!("({v}.is_null_or_undefined() || {t})")),
        // <https://webidl.spec.whatwg.org/#es-overloads> step 12.5: an object with an
        // @@iterator method selects a sequence (before a dictionary is considered).
        Type::Sequence(_) | Type::FrozenArray(_) => {
            Some(format!("{v}.is_object() && has_iterator(cx, args.get({d})) == Ok(true)"))
        }
        Type::Dictionary(_) | Type::CallbackInterface(_) | Type::Record(..) => {
            Some(format!("({v}.is_object() || {v}.is_null_or_undefined())"))
        }
        Type::CallbackFunction(_) => Some(format!("is_callable(args.get({d}))")),
        Type::TypedArray(name) => Some(format!("is_typed_array(args.get({d}), {name:?})")),
        Type::ArrayBuffer => Some(format!("crate::dom::bindings::jit::is_array_buffer(args.get({d}))")),
        Type::ArrayBufferView => Some(format!("crate::dom::bindings::jit::is_array_buffer_view(args.get({d}))")),
        // A union of types that each have a test (interfaces, buffer sources…) selects its
        // overload when any member's test passes; a union with a string or another catch-all
        // member takes whatever is left.
        Type::Union(members) => {
            let tests: Option<Vec<String>> = members.iter().map(|m| distinguishing_test(m, d)).collect();
            tests.map(|t| format!("({})", t.join(" || ")))
        }
        Type::Boolean => Some(format!("{v}.is_boolean()")),
        Type::Integer(..) | Type::Float { .. } => Some(format!("{v}.is_number()")),
        // Strings and enums take whatever is left.
        _ => None,
    }
}

pub(super) fn indent(code: &str, levels: usize) -> String {
    let pad = "    ".repeat(levels);
    code.lines().map(|l| if l.is_empty() { "\n".to_string() } else { format!("{pad}{l}\n") }).collect()
}

/// Code converting the arguments of `op` (from `args`) into locals, and the expressions that
/// pass them to the trait method.
pub(super) fn convert_arguments(cx: &TypeCx, op: &Operation) -> Result<(String, Vec<String>), String> {
    let mut s = String::new();
    let mut pass = Vec::new();
    for (i, a) in op.args.iter().enumerate() {
        let local = format!("arg{i}");
        let what = format!("\"parameter {}\"", i + 1);
        if a.variadic {
            if matches!(a.ty, Type::Any) {
                let _ = writeln!(s, "        let {local} = args.rest({i});");
            } else {
                let owned = cx.owned_type(&a.ty)?;
                let _ =
                    writeln!(s, "        let mut {local}: Vec<{owned}> = Vec::new();\n        for j in {i}..argc {{");
                let conv = convert_value(
                    cx,
                    &a.ty,
                    "args.get(j as u32)",
                    "element",
                    "&format!(\"parameter {}\", j + 1)",
                    "return false;",
                )?;
                s.push_str(&indent(&conv, 1));
                let _ = writeln!(s, "            {local}.push(element);\n        }}");
            }
            pass.push(local);
            continue;
        }
        let handle = format!("args.get({i})");
        if a.optional && !matches!(a.ty, Type::Any) {
            // An optional argument that is missing or undefined takes its default.
            let conv = convert_value(cx, &a.ty, &handle, "value", &what, "return false;")?;
            let (ty, absent, present) = match &a.default {
                Some(d) => (cx.owned_type(&a.ty)?, cx.default_expr(&a.ty, d)?, "value".to_string()),
                None => (format!("Option<{}>", cx.owned_type(&a.ty)?), "None".into(), "Some(value)".into()),
            };
            if matches!(a.ty.inner(), Type::Object | Type::TypedArray(_)) {
                return Err("optional object and typed array arguments are not supported".into());
            }
            let _ = writeln!(
                s,
                "        let {local}: {ty} = if {handle}.get().is_undefined() {{\n            {absent}\n        }} else {{"
            );
            s.push_str(&indent(&conv, 1));
            let _ = writeln!(s, "            {present}\n        }};");
            let p = match &a.ty {
                Type::Interface(_) if a.default.is_none() => format!("{local}.as_deref()"),
                Type::Dictionary(_) if a.default.is_some() => format!("&{local}"),
                Type::Dictionary(_) => format!("{local}.as_ref()"),
                other if a.default.is_some() => pass_expr(cx, other, &local),
                _ => local.clone(),
            };
            pass.push(p);
            continue;
        }
        s.push_str(&convert_value(cx, &a.ty, &handle, &local, &what, "return false;")?);
        pass.push(pass_expr(cx, &a.ty, &local));
    }
    Ok((s, pass))
}

/// Converts the arguments of one overload, calls it and converts the result.
pub(super) fn overload_call(
    cx: &TypeCx,
    iface: &str,
    op: &Operation,
    rust_name: &str,
    receiver: Receiver,
    is_constructor: bool,
) -> Result<String, String> {
    let (mut s, mut pass) = convert_arguments(cx, op)?;
    let out_param = !is_constructor && matches!(op.ret.inner(), Type::Any | Type::Object | Type::TypedArray(_));
    if out_param {
        pass.push("args.rval()".into());
    }
    let args_list = pass.iter().map(|p| format!(", {p}")).collect::<String>();
    let call = if is_constructor {
        format!("{iface}::{rust_name}(cx, &global, proto{args_list})")
    } else {
        match receiver {
            Receiver::Instance => format!("this.{rust_name}(cx{args_list})"),
            Receiver::Static => format!("{iface}::{rust_name}(cx, &global{args_list})"),
        }
    };
    if op.attrs.ce_reactions && !is_constructor {
        // [CEReactions]: "push a new element queue onto this object's relevant agent's custom
        // element reactions stack", run the steps, then "pop the element queue … and invoke
        // custom element reactions in that queue" (even if the steps threw).
        let _ = writeln!(
            s,
            "        crate::dom::html::customelements::reactions::push_element_queue();\n        let result = {call};\n        crate::dom::html::customelements::reactions::pop_element_queue(cx);"
        );
    } else {
        let _ = writeln!(s, "        let result = {call};");
    }
    if is_constructor {
        s.push_str("        let result = match result {\n            Ok(r) => r,\n            Err(e) => {\n                throw_dom_exception(cx, &global, e);\n                return false;\n            }\n        };\n        result.to_jsval(cx, args.rval());\n        true\n");
        return Ok(s);
    }
    let ret_ty = if out_param { "()".to_string() } else { cx.owned_type(&op.ret)? };
    s.push_str(&result_handling(op.attrs.throws, out_param, &ret_ty, receiver, "args.rval()"));
    s.push_str("        true\n");
    Ok(s)
}
