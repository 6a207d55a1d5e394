//! Enums, dictionaries, unions and callbacks.

use std::fmt::Write;

use super::types::{TypeCx, arg_ident, union_name, union_variant_name};
use super::{cstr_lit, enum_variant_name, method_name, snake_case};
use crate::Error;
use crate::model::*;

/// <https://webidl.spec.whatwg.org/#es-enumeration>
pub fn emit_enum(e: &Enum) -> String {
    let mut s = String::new();
    let name = &e.name;
    let _ = writeln!(
        s,
        "    /// WebIDL enum `{name}`.\n    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n    pub enum {name} {{"
    );
    for v in &e.values {
        let _ = writeln!(s, "        /// \"{v}\"\n        {},", enum_variant_name(v));
    }
    s.push_str("    }\n\n");
    let _ = writeln!(s, "    impl {name} {{");
    let _ = writeln!(
        s,
        "        pub const VALUES: &'static [&'static str] = &[{}];",
        e.values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", ")
    );
    s.push_str("        pub fn as_str(self) -> &'static str {\n            match self {\n");
    for v in &e.values {
        let _ = writeln!(s, "                {name}::{} => {v:?},", enum_variant_name(v));
    }
    s.push_str("            }\n        }\n\n        pub fn from_idl(value: &str) -> Option<Self> {\n            match value {\n");
    for v in &e.values {
        let _ = writeln!(s, "                {v:?} => Some({name}::{}),", enum_variant_name(v));
    }
    s.push_str("                _ => None,\n            }\n        }\n    }\n\n");
    let _ = writeln!(
        s,
        r#"    impl FromJSVal for {name} {{
        type Config = ();
        fn from_jsval(cx: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {{
            let text = jsval_to_string(cx, value)?;
            Ok({name}::from_idl(&text).ok_or_else(|| Failure::Message(format!("The provided value '{{text}}' is not a valid enum value of type {name}.")))) 
        }}
    }}

    impl ToJSVal for {name} {{
        fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {{
            self.as_str().to_jsval(cx, rval)
        }}
    }}

    unsafe impl JSTraceable for {name} {{
        unsafe fn trace(&self, _: *mut JSTracer) {{}}
    }}
"#
    );
    s
}

/// <https://webidl.spec.whatwg.org/#es-dictionary>
pub fn emit_dictionary(cx: &TypeCx, d: &Dictionary) -> Result<String, Vec<Error>> {
    let mut errors = Vec::new();
    let name = &d.name;
    let mut fields = Vec::new();
    for m in &d.members {
        match cx.owned_type(&m.ty) {
            Ok(t) => {
                let ty = if m.required || m.default.is_some() { t } else { format!("Option<{t}>") };
                let default = match &m.default {
                    Some(v) => match cx.default_expr(&m.ty, v) {
                        Ok(e) => Some(e),
                        Err(e) => {
                            errors.push(Error::new(m.location.clone(), e));
                            None
                        }
                    },
                    None => None,
                };
                fields.push((m, snake_case(&m.name), ty, default));
            }
            Err(e) => errors.push(Error::new(m.location.clone(), format!("{name}.{}: {e}", m.name))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let has_required = d.members.iter().any(|m| m.required)
        || d.parent
            .as_ref()
            .is_some_and(|p| cx.model.dictionary_chain(p).iter().any(|pd| pd.members.iter().any(|m| m.required)));

    let mut s = String::new();
    let _ = writeln!(s, "    /// WebIDL dictionary `{name}`.\n    #[derive(Clone)]\n    pub struct {name} {{");
    if let Some(parent) = &d.parent {
        let _ = writeln!(s, "        pub parent: {parent},");
    }
    for (m, field, ty, _) in &fields {
        let _ = writeln!(s, "        /// `{}`\n        pub {field}: {ty},", m.name);
    }
    s.push_str("    }\n\n");

    // `empty()`: the dictionary every member of which takes its default.
    let _ = writeln!(s, "    impl {name} {{");
    if !has_required {
        s.push_str("        /// The dictionary converted from `undefined`.\n        pub fn empty() -> Self {\n            Self {\n");
        if let Some(parent) = &d.parent {
            let _ = writeln!(s, "                parent: {parent}::empty(),");
        }
        for (_, field, _, default) in &fields {
            let _ = writeln!(s, "                {field}: {},", default.clone().unwrap_or_else(|| "None".into()));
        }
        s.push_str("            }\n        }\n\n");
    }

    // The shape of the JS object (which members are present) and the members' values;
    // `new_dictionary_object` in the bindings runtime makes the object from both.
    assert!(fields.len() <= 64, "dictionary {name} has more than 64 members of its own");
    let names: Vec<String> = fields.iter().map(|(m, ..)| cstr_lit(&m.name)).collect();
    let _ = writeln!(
        s,
        "        /// This dictionary's member names, in lexicographic order (one static list).\n        fn member_names() -> &'static [&'static std::ffi::CStr] {{\n            &[{}]\n        }}\n",
        names.join(", ")
    );
    s.push_str("        /// Adds the present members to `shape` (parent members first).\n        pub fn shape(&self, shape: &mut DictionaryShape) {\n");
    if d.parent.is_some() {
        s.push_str("            self.parent.shape(shape);\n");
    }
    s.push_str(if fields.is_empty() {
        "            let present = 0;\n"
    } else {
        "            let mut present = 0u64;\n"
    });
    for (i, (m, field, _, default)) in fields.iter().enumerate() {
        if m.required || default.is_some() {
            let _ = writeln!(s, "            present |= 1 << {i};");
        } else {
            let _ = writeln!(
                s,
                "            if self.{field}.is_some() {{\n                present |= 1 << {i};\n            }}"
            );
        }
    }
    s.push_str("            shape.push(Self::member_names(), present);\n        }\n\n");

    s.push_str("        /// Appends the present members' values to `values`, in the order of `shape()`.\n        pub fn write_members(&self, cx: &mut JSContext, values: &mut mozjs::gc::RootedGuard<'_, Vec<mozjs::jsval::JSVal>>) {\n");
    if d.parent.is_some() {
        s.push_str("            self.parent.write_members(cx, values);\n");
    }
    if !fields.is_empty() {
        s.push_str("            rooted!(&in(cx) let mut value = UndefinedValue());\n");
    }
    for (m, field, _, default) in &fields {
        if m.required || default.is_some() {
            let _ = writeln!(
                s,
                "            self.{field}.to_jsval(cx, value.handle_mut());\n            values.push(value.get());"
            );
        } else {
            let _ = writeln!(
                s,
                "            if let Some(v) = &self.{field} {{\n                v.to_jsval(cx, value.handle_mut());\n                values.push(value.get());\n            }}"
            );
        }
    }
    s.push_str("        }\n    }\n\n");

    // JS → Rust.
    let _ = writeln!(
        s,
        "    impl FromJSVal for {name} {{\n        type Config = ();\n        fn from_jsval(cx: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {{"
    );
    let _ = writeln!(
        s,
        "            // Step 1: If V is not undefined, null or an object, throw a TypeError.\n            if !value.get().is_null_or_undefined() && !value.get().is_object() {{\n                return Ok(Err(Failure::Message(\"The provided value is not of type '{name}'.\".into())));\n            }}"
    );
    if let Some(parent) = &d.parent {
        let _ = writeln!(
            s,
            "            // Inherited members first.\n            let parent = match {parent}::from_jsval(cx, value, ())? {{\n                Ok(p) => p,\n                Err(f) => return Ok(Err(f)),\n            }};"
        );
    }
    if !fields.is_empty() {
        s.push_str("            rooted!(&in(cx) let object = if value.get().is_object() { value.get().to_object() } else { std::ptr::null_mut() });\n");
        s.push_str("            rooted!(&in(cx) let mut member = UndefinedValue());\n");
        s.push_str("            // Members in lexicographic order; an absent member reads as undefined.\n");
    }
    for (m, field, ty, default) in &fields {
        let _ = writeln!(
            s,
            "            if object.get().is_null() {{\n                member.set(UndefinedValue());\n            }} else {{\n                get_property(cx, object.handle(), {}, member.handle_mut())?;\n            }}",
            cstr_lit(&m.name)
        );
        let convert = format!(
            "match FromJSVal::from_jsval(cx, member.handle(), {})? {{\n                    Ok(v) => v,\n                    Err(f) => return Ok(Err(Failure::Message(format!(\"Failed to read the '{}' property from '{name}': {{}}\", f.describe(\"The provided value\"))))),\n                }}",
            cx.conversion_config(&m.ty),
            m.name
        );
        let absent = if m.required {
            format!(
                "return Ok(Err(Failure::Message(\"Failed to read the '{}' property from '{name}': Required member is undefined.\".into())))",
                m.name
            )
        } else if let Some(def) = default {
            def.clone()
        } else {
            "None".into()
        };
        let present = if m.required || default.is_some() { convert } else { format!("Some({convert})") };
        let _ = writeln!(
            s,
            "            let {field}: {ty} = if member.get().is_undefined() {{\n                {absent}\n            }} else {{\n                {present}\n            }};"
        );
    }
    let mut inits: Vec<String> = fields.iter().map(|(_, f, _, _)| f.clone()).collect();
    if d.parent.is_some() {
        inits.insert(0, "parent".into());
    }
    let _ = writeln!(s, "            Ok(Ok({name} {{ {} }}))\n        }}\n    }}\n", inits.join(", "));

    let _ = writeln!(
        s,
        "    impl ToJSVal for {name} {{\n        fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {{\n            let mut shape = DictionaryShape::default();\n            self.shape(&mut shape);\n            // The values are rooted while later members are converted.\n            rooted!(&in(cx) let mut values: Vec<mozjs::jsval::JSVal> = dictionary_values_buffer());\n            self.write_members(cx, &mut values);\n            new_dictionary_object(cx, &shape, &mut values, rval);\n        }}\n    }}\n"
    );
    if let Some(parent) = &d.parent {
        let _ = writeln!(
            s,
            "    impl std::ops::Deref for {name} {{\n        type Target = {parent};\n        fn deref(&self) -> &{parent} {{\n            &self.parent\n        }}\n    }}\n"
        );
    }
    Ok(s)
}

/// <https://webidl.spec.whatwg.org/#js-union>
pub fn emit_union(cx: &TypeCx, name: &str, ty: &Type) -> Result<String, Error> {
    let members = ty.flattened_union_members();
    let err = |m: String| Error::new(Location::default(), format!("union {name}: {m}"));
    let mut s = String::new();
    let _ = writeln!(s, "    /// WebIDL union `{}`.\n    #[derive(Clone)]\n    pub enum {name} {{", ty.idl());
    for m in &members {
        let t = cx.owned_type(m).map_err(err)?;
        let _ = writeln!(s, "        {}({t}),", union_variant_name(m));
    }
    s.push_str("    }\n\n");

    let interfaces: Vec<&Type> = members.iter().filter(|m| matches!(m, Type::Interface(_))).collect();
    let callbacks: Vec<&Type> = members.iter().filter(|m| matches!(m, Type::CallbackFunction(_))).collect();
    let buffers: Vec<&Type> =
        members.iter().filter(|m| matches!(m, Type::ArrayBuffer | Type::ArrayBufferView)).collect();
    let sequences: Vec<&Type> =
        members.iter().filter(|m| matches!(m, Type::Sequence(_) | Type::FrozenArray(_))).collect();
    let dictionaries: Vec<&Type> =
        members.iter().filter(|m| matches!(m, Type::Dictionary(_) | Type::CallbackInterface(_))).collect();
    let records: Vec<&Type> = members.iter().filter(|m| matches!(m, Type::Record(..))).collect();
    let booleans: Vec<&Type> = members.iter().filter(|m| matches!(m, Type::Boolean)).collect();
    let numerics: Vec<&Type> = members.iter().filter(|m| matches!(m, Type::Integer(..) | Type::Float { .. })).collect();
    let strings: Vec<&Type> = members
        .iter()
        .filter(|m| matches!(m, Type::DOMString { .. } | Type::USVString | Type::ByteString | Type::Enum(_)))
        .collect();
    if callbacks.len() > 1
        || sequences.len() > 1
        || dictionaries.len() + records.len() > 1
        || numerics.len() > 1
        || strings.len() > 1
        || booleans.len() > 1
    {
        return Err(err("members are not distinguishable".into()));
    }
    if members.iter().any(|m| matches!(m, Type::Object | Type::Any | Type::Promise(_))) {
        return Err(err("object, any and promise union members are not supported".into()));
    }

    let convert = |m: &Type| -> String {
        format!(
            "return Ok(FromJSVal::from_jsval(cx, value, {})?.map({name}::{}))",
            cx.conversion_config(m),
            union_variant_name(m)
        )
    };

    let _ = writeln!(
        s,
        "    impl FromJSVal for {name} {{\n        type Config = ();\n        fn from_jsval(cx: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {{"
    );
    if !dictionaries.is_empty() {
        let _ = writeln!(
            s,
            "            // Step 3: null or undefined → the dictionary member.\n            if value.get().is_null_or_undefined() {{\n                {}\n            }}",
            convert(dictionaries[0])
        );
    }
    s.push_str("            if value.get().is_object() {\n");
    for i in &interfaces {
        let Type::Interface(iname) = i else { unreachable!() };
        let _ = writeln!(
            s,
            "                // Step 4: a platform object implementing a member interface.\n                if let Some(object) = unsafe {{ root_from_object::<{iname}>(value.get().to_object()) }} {{\n                    return Ok(Ok({name}::{}(object)));\n                }}",
            union_variant_name(i)
        );
    }
    for c in &callbacks {
        let Type::CallbackFunction(cname) = c else { unreachable!() };
        let _ = writeln!(
            s,
            "                // Step 12.1: a callable object → the callback function.\n                if is_callable(value) {{\n                    return Ok(Ok({name}::{}(Rc::new({cname}::new(value.get().to_object())))));\n                }}",
            union_variant_name(c)
        );
    }
    for b in &buffers {
        let test = if matches!(b, Type::ArrayBuffer) { "is_array_buffer" } else { "is_array_buffer_view" };
        let _ = writeln!(
            s,
            "                // Steps 5–6: buffer sources.\n                if {test}(value) {{\n                    {}\n                }}",
            convert(b)
        );
    }
    for q in &sequences {
        let _ = writeln!(
            s,
            "                // Step 12.2: an iterable object → the sequence.\n                if has_iterator(cx, value)? {{\n                    {}\n                }}",
            convert(q)
        );
    }
    for d in &dictionaries {
        let _ = writeln!(
            s,
            "                // Step 12.4: any other object → the dictionary.\n                {}",
            convert(d)
        );
    }
    for r in &records {
        let _ =
            writeln!(s, "                // Step 12.5: any other object → the record.\n                {}", convert(r));
    }
    s.push_str("            }\n");
    for b in &booleans {
        let _ = writeln!(
            s,
            "            if value.get().is_boolean() {{\n                return Ok(Ok({name}::{}(value.get().to_boolean())));\n            }}",
            union_variant_name(b)
        );
    }
    for n in &numerics {
        let _ =
            writeln!(s, "            if value.get().is_number() {{\n                {}\n            }}", convert(n));
    }
    for st in &strings {
        let _ =
            writeln!(s, "            // Step 15: a string member takes anything else.\n            {}", convert(st));
    }
    if strings.is_empty() {
        for n in &numerics {
            let _ = writeln!(s, "            {}", convert(n));
        }
        if numerics.is_empty() {
            for b in &booleans {
                let _ = writeln!(
                    s,
                    "            return Ok(Ok({name}::{}(unsafe {{ mozjs::rust::ToBoolean(value) }})));",
                    union_variant_name(b)
                );
            }
            if booleans.is_empty() {
                let _ = writeln!(
                    s,
                    "            Ok(Err(Failure::Message(\"The provided value is not of type '{}'.\".into())))",
                    ty.idl()
                );
            }
        }
    }
    s.push_str("        }\n    }\n\n");

    let _ = writeln!(
        s,
        "    impl ToJSVal for {name} {{\n        fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {{\n            match self {{"
    );
    for m in &members {
        let _ = writeln!(s, "                {name}::{}(v) => v.to_jsval(cx, rval),", union_variant_name(m));
    }
    s.push_str("            }\n        }\n    }\n");
    let _ = union_name;
    Ok(s)
}

/// Emits how Rust values become the JS arguments of a callback call.
fn callback_args(cx: &TypeCx, args: &[Argument], loc: &Location, what: &str) -> Result<(String, String), Error> {
    let mut params = String::new();
    let mut body = String::from(
        "        rooted!(&in(cx) let mut argv = Vec::<JSVal>::new());\n        rooted!(&in(cx) let mut arg = UndefinedValue());\n",
    );
    for a in args {
        let ident = arg_ident(&a.name);
        if a.variadic {
            if !matches!(a.ty, Type::Any) {
                return Err(Error::new(
                    loc.clone(),
                    format!("{what}: only `any...` variadic callback arguments are supported"),
                ));
            }
            let _ = write!(params, ", {ident}: &[JSVal]");
            let _ = writeln!(body, "        for v in {ident} {{\n            argv.push(*v);\n        }}");
            continue;
        }
        let ty = match &a.ty {
            Type::Any => "HandleValue".to_string(),
            Type::Interface(n) => format!("&{n}"),
            other => cx.param_type(other).map_err(|e| Error::new(loc.clone(), format!("{what}: {e}")))?,
        };
        let ty = if a.optional && !matches!(a.ty, Type::Any) { format!("Option<{ty}>") } else { ty };
        let _ = write!(params, ", {ident}: {ty}");
        if matches!(a.ty, Type::Any) {
            let _ = writeln!(body, "        argv.push({ident}.get());");
        } else if matches!(a.ty, Type::Interface(_)) && !a.optional {
            let _ = writeln!(
                body,
                "        reflector_to_jsval(cx, {ident}, arg.handle_mut());\n        argv.push(arg.get());"
            );
        } else if matches!(&a.ty, Type::Nullable(inner) if matches!(**inner, Type::Interface(_))) && !a.optional {
            // `T?` arrives as `Option<&T>`: null or the object's reflector.
            let _ = writeln!(
                body,
                "        match {ident} {{\n            Some(object) => reflector_to_jsval(cx, object, arg.handle_mut()),\n            None => arg.set(mozjs::jsval::NullValue()),\n        }}\n        argv.push(arg.get());"
            );
        } else {
            let _ = writeln!(body, "        {ident}.to_jsval(cx, arg.handle_mut());\n        argv.push(arg.get());");
        }
    }
    Ok((params, body))
}

/// <https://webidl.spec.whatwg.org/#idl-callback-functions>
pub fn emit_callback_function(cx: &TypeCx, c: &CallbackFunction) -> Result<String, Error> {
    let name = &c.name;
    let (params, body) = callback_args(cx, &c.args, &c.location, name)?;
    let (ret_ty, ret_param, ret_conv) = callback_return(cx, &c.ret, &c.location, name)?;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"    /// WebIDL callback function `{name}`.
    pub struct {name} {{
        parent: CallbackFunction,
    }}

    impl {name} {{
        pub fn new(callable: *mut JSObject) -> Self {{
            {name} {{ parent: CallbackFunction::new(callable) }}
        }}

        /// Invokes the callback (<https://webidl.spec.whatwg.org/#invoke-a-callback-function>).
        pub fn Call_(&self, cx: &mut JSContext, this: HandleValue{params}{ret_param}, handling: ExceptionHandling) -> Fallible<{ret_ty}> {{
        // Arguments are converted in the callback's realm.
        let _realm = JSAutoRealm::new(unsafe {{ cx.raw_cx() }}, self.parent.callable().get());
{body}        rooted!(&in(cx) let mut result = UndefinedValue());
        let args = HandleValueArray::from(&argv);
        self.parent.call(cx, this, &args, result.handle_mut(), handling)?;
{ret_conv}
        }}
    }}

    impl std::ops::Deref for {name} {{
        type Target = CallbackFunction;
        fn deref(&self) -> &CallbackFunction {{
            &self.parent
        }}
    }}

    unsafe impl JSTraceable for {name} {{
        unsafe fn trace(&self, trc: *mut JSTracer) {{
            unsafe {{ self.parent.trace(trc) }}
        }}
    }}
"#
    );
    if c.treat_non_object_as_null {
        let _ = writeln!(
            s,
            r#"    impl FromJSVal for Rc<{name}> {{
        type Config = ();
        /// `[LegacyTreatNonObjectAsNull]`: any object is accepted (callers map non-objects to null).
        fn from_jsval(_: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {{
            if value.get().is_object() {{
                Ok(Ok(Rc::new({name}::new(value.get().to_object()))))
            }} else {{
                Ok(Err(Failure::NotCallable))
            }}
        }}
    }}
"#
        );
    } else {
        let _ = writeln!(
            s,
            r#"    impl FromJSVal for Rc<{name}> {{
        type Config = ();
        fn from_jsval(_: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {{
            Ok(callable_from_jsval(value).map(|f| Rc::new({name}::new(f))))
        }}
    }}
"#
        );
    }
    let _ = writeln!(
        s,
        r#"    impl ToJSVal for Rc<{name}> {{
        fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {{
            self.parent.to_jsval(cx, rval)
        }}
    }}
"#
    );
    Ok(s)
}

fn callback_return(cx: &TypeCx, ret: &Type, loc: &Location, what: &str) -> Result<(String, String, String), Error> {
    Ok(match ret {
        Type::Undefined => ("()".into(), String::new(), "            let _ = result;\n            Ok(())".into()),
        Type::Any => (
            "()".into(),
            ", mut retval: MutableHandleValue".into(),
            "            retval.set(result.get());\n            Ok(())".into(),
        ),
        other => {
            let t = cx.owned_type(other).map_err(|e| Error::new(loc.clone(), format!("{what}: {e}")))?;
            (
                t,
                String::new(),
                format!(
                    "            // A conversion that throws (valueOf) leaves its exception pending: JSFailed.\n            match FromJSVal::from_jsval(cx, result.handle(), {}).map_err(|()| Error::JSFailed)? {{\n                Ok(v) => Ok(v),\n                Err(f) => Err(Error::Type(f.describe(\"The callback's return value\"))),\n            }}",
                    cx.conversion_config(other)
                ),
            )
        }
    })
}

/// <https://webidl.spec.whatwg.org/#idl-callback-interfaces>
pub fn emit_callback_interface(cx: &TypeCx, c: &CallbackInterface) -> Result<String, Error> {
    let name = &c.name;
    let op = &c.operation;
    let (params, body) = callback_args(cx, &op.args, &op.location, name)?;
    let (ret_ty, ret_param, ret_conv) = callback_return(cx, &op.ret, &op.location, name)?;
    let method = method_name(&op.name);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"    /// WebIDL callback interface `{name}`.
    pub struct {name} {{
        parent: CallbackInterface,
    }}

    impl {name} {{
        pub fn new(object: *mut JSObject) -> Self {{
            {name} {{ parent: CallbackInterface::new(object) }}
        }}

        pub fn object(&self) -> HandleObject<'_> {{
            self.parent.object()
        }}

        /// Calls the user object's `{op_name}` operation
        /// (<https://webidl.spec.whatwg.org/#call-a-user-objects-operation>).
        pub fn {method}(&self, cx: &mut JSContext, this_for_callable: HandleValue{params}{ret_param}, handling: ExceptionHandling) -> Fallible<{ret_ty}> {{
        // Arguments are converted in the callback's realm.
        let _realm = JSAutoRealm::new(unsafe {{ cx.raw_cx() }}, self.parent.object().get());
{body}        rooted!(&in(cx) let mut result = UndefinedValue());
        let args = HandleValueArray::from(&argv);
        self.parent.call_operation(cx, {op_cstr}, this_for_callable, &args, result.handle_mut(), handling)?;
{ret_conv}
        }}
    }}

    impl FromJSVal for Rc<{name}> {{
        type Config = ();
        fn from_jsval(_: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {{
            if value.get().is_object() {{
                Ok(Ok(Rc::new({name}::new(value.get().to_object()))))
            }} else {{
                Ok(Err(Failure::NotOfType("Object".into())))
            }}
        }}
    }}

    impl ToJSVal for Rc<{name}> {{
        fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {{
            self.parent.object().get().to_jsval(cx, rval)
        }}
    }}

    unsafe impl JSTraceable for {name} {{
        unsafe fn trace(&self, trc: *mut JSTracer) {{
            unsafe {{ self.parent.trace(trc) }}
        }}
    }}
"#,
        op_name = op.name,
        op_cstr = cstr_lit(&op.name),
    );
    Ok(s)
}
