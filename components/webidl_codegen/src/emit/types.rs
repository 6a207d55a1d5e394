//! Mapping WebIDL types to Rust types and conversion code.

use std::collections::BTreeMap;

use super::{enum_variant_name, snake_case};
use crate::model::*;

/// Read-only view of the model for type questions.
pub struct TypeCx<'m> {
    pub model: &'m Model,
}

impl<'m> TypeCx<'m> {
    pub fn new(model: &'m Model) -> Self {
        TypeCx { model }
    }

    /// The owned Rust type holding a converted value (argument locals,
    /// dictionary members, union variants, sequence elements, returns).
    /// `any` and `object` have no owned form: they are handles (arguments)
    /// or out-parameters (returns).
    pub fn owned_type(&self, ty: &Type) -> Result<String, String> {
        Ok(match ty {
            Type::Boolean => "bool".into(),
            Type::Integer(k, _) => k.rust_type().into(),
            Type::Float { double: true, unrestricted: true } => "f64".into(),
            Type::Float { double: false, unrestricted: true } => "f32".into(),
            Type::Float { double: true, unrestricted: false } => "Finite<f64>".into(),
            Type::Float { double: false, unrestricted: false } => "Finite<f32>".into(),
            Type::DOMString { .. } => "DOMString".into(),
            Type::USVString => "USVString".into(),
            Type::ByteString => "ByteString".into(),
            Type::Interface(name) => format!("DomRoot<{name}>"),
            Type::Dictionary(name) => name.clone(),
            Type::Enum(name) => name.clone(),
            Type::CallbackFunction(name) | Type::CallbackInterface(name) => format!("Rc<{name}>"),
            Type::Sequence(inner) | Type::FrozenArray(inner) => format!("Vec<{}>", self.owned_type(inner)?),
            Type::Nullable(inner) => format!("Option<{}>", self.owned_type(inner)?),
            Type::Union(_) => union_name(ty),
            Type::Promise(_) => "Rc<Promise>".into(),
            Type::Undefined => "()".into(),
            Type::Any | Type::Object => {
                return Err(format!("{} cannot be stored here (only as an argument or a return value)", ty.idl()));
            }
            Type::Record(k, v) => format!("Record<{}, {}>", self.owned_type(k)?, self.owned_type(v)?),
            // Buffer sources are copied into Rust on conversion.
            Type::ArrayBuffer => "ArrayBufferBytes".into(),
            Type::ArrayBufferView => "ArrayBufferViewBytes".into(),
            // A typed array is passed as the caller's own object (never
            // copied), so it exists only as an argument or a return value.
            Type::TypedArray(_) => {
                return Err(format!("{} cannot be stored here (only as an argument or a return value)", ty.idl()));
            }
        })
    }

    /// The `Config` argument of `FromJSVal::from_jsval` for `ty`.
    pub fn conversion_config(&self, ty: &Type) -> String {
        match ty {
            Type::Integer(_, conv) => match conv {
                IntConversion::Default => "IntConversion::Default".into(),
                IntConversion::Clamp => "IntConversion::Clamp".into(),
                IntConversion::EnforceRange => "IntConversion::EnforceRange".into(),
            },
            Type::DOMString { null_to_empty: true } => "StringificationBehavior::Empty".into(),
            Type::DOMString { .. } => "StringificationBehavior::Default".into(),
            Type::Nullable(inner) | Type::Sequence(inner) | Type::FrozenArray(inner) => self.conversion_config(inner),
            // A record's keys convert with their default behaviour; the config is its values'.
            Type::Record(_, value) => self.conversion_config(value),
            _ => "()".into(),
        }
    }

    /// How a converted local named `local` is passed to a trait method.
    pub fn param_expr(&self, ty: &Type, local: &str) -> String {
        match ty {
            Type::Interface(_) => format!("&*{local}"),
            Type::Nullable(inner) if matches!(**inner, Type::Interface(_)) => format!("{local}.as_deref()"),
            Type::Dictionary(_) => format!("&{local}"),
            _ => local.to_string(),
        }
    }

    /// The parameter type in a trait method signature.
    pub fn param_type(&self, ty: &Type) -> Result<String, String> {
        Ok(match ty {
            Type::Interface(name) => format!("&{name}"),
            Type::Nullable(inner) if matches!(**inner, Type::Interface(_)) => {
                format!("Option<&{}>", inner_name(inner))
            }
            Type::Dictionary(name) => format!("&{name}"),
            Type::Any => "HandleValue".into(),
            Type::Object => "HandleObject".into(),
            // The argument's own typed array object, rooted for the call.
            Type::TypedArray(_) => "HandleObject".into(),
            Type::Nullable(inner) if matches!(**inner, Type::Object | Type::TypedArray(_)) => {
                "Option<HandleObject>".into()
            }
            other => self.owned_type(other)?,
        })
    }

    /// The Rust expression for an IDL default value of type `ty`.
    pub fn default_expr(&self, ty: &Type, value: &DefaultValue) -> Result<String, String> {
        let bad = || Err(format!("default value {value:?} does not fit {}", ty.idl()));
        Ok(match (ty, value) {
            (Type::Nullable(_), DefaultValue::Null) => "None".into(),
            (Type::Nullable(inner), v) => format!("Some({})", self.default_expr(inner, v)?),
            (Type::Boolean, DefaultValue::Boolean(b)) => b.to_string(),
            (Type::Integer(k, _), DefaultValue::Integer(i)) => format!("{i}{}", k.rust_type()),
            (Type::Float { double, unrestricted }, DefaultValue::Float(_) | DefaultValue::Integer(_)) => {
                let f = match value {
                    DefaultValue::Float(f) => *f,
                    DefaultValue::Integer(i) => *i as f64,
                    _ => unreachable!(),
                };
                let lit = if f.is_nan() {
                    format!("{}::NAN", if *double { "f64" } else { "f32" })
                } else if f.is_infinite() {
                    format!("{}::{}INFINITY", if *double { "f64" } else { "f32" }, if f < 0.0 { "NEG_" } else { "" })
                } else {
                    format!("{f:?}{}", if *double { "f64" } else { "f32" })
                };
                if *unrestricted {
                    lit
                } else {
                    format!("Finite::<{}>::wrap({lit})", if *double { "f64" } else { "f32" })
                }
            }
            (Type::DOMString { .. }, DefaultValue::String(s)) => format!("DOMString::from({s:?})"),
            (Type::USVString, DefaultValue::String(s)) => format!("USVString(String::from({s:?}))"),
            (Type::ByteString, DefaultValue::String(s)) if s.chars().all(|c| (c as u32) < 0x100) => {
                format!("ByteString(vec!{:?})", s.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>())
            }
            (Type::Enum(name), DefaultValue::String(s)) => {
                let e = self.model.enums.get(name).ok_or_else(|| format!("unknown enum {name}"))?;
                if !e.values.contains(s) {
                    return Err(format!("\"{s}\" is not a value of enum {name}"));
                }
                format!("{name}::{}", enum_variant_name(s))
            }
            (Type::Sequence(_), DefaultValue::EmptySequence) => "Vec::new()".into(),
            (Type::Dictionary(name), DefaultValue::EmptyDictionary) => format!("{name}::empty()"),
            (Type::Union(_), v) => {
                // The default goes to the first member type that accepts it.
                let name = union_name(ty);
                for member in ty.flattened_union_members() {
                    if let Ok(expr) = self.default_expr(&member, v) {
                        return Ok(format!("{name}::{}({expr})", union_variant_name(&member)));
                    }
                }
                return bad();
            }
            _ => return bad(),
        })
    }
}

fn inner_name(ty: &Type) -> String {
    match ty {
        Type::Interface(n) => n.clone(),
        _ => unreachable!(),
    }
}

/// Variant name of a union member type.
pub fn union_variant_name(ty: &Type) -> String {
    match ty {
        Type::Boolean => "Boolean".into(),
        Type::Integer(k, _) => enum_variant_name(k.idl_name()),
        Type::Float { double: true, unrestricted } => {
            if *unrestricted {
                "UnrestrictedDouble".into()
            } else {
                "Double".into()
            }
        }
        Type::Float { double: false, unrestricted } => {
            if *unrestricted {
                "UnrestrictedFloat".into()
            } else {
                "Float".into()
            }
        }
        Type::DOMString { .. } => "String".into(),
        Type::USVString => "USVString".into(),
        Type::ByteString => "ByteString".into(),
        Type::Object => "Object".into(),
        Type::Any => "Any".into(),
        Type::Interface(n)
        | Type::Dictionary(n)
        | Type::Enum(n)
        | Type::CallbackFunction(n)
        | Type::CallbackInterface(n) => n.clone(),
        Type::Sequence(inner) | Type::FrozenArray(inner) => format!("{}Sequence", union_variant_name(inner)),
        Type::Record(_, v) => format!("{}Record", union_variant_name(v)),
        Type::Promise(inner) => format!("{}Promise", union_variant_name(inner)),
        Type::Nullable(inner) => union_variant_name(inner),
        Type::Union(_) => union_name(ty),
        Type::Undefined => "Undefined".into(),
        Type::ArrayBuffer => "ArrayBuffer".into(),
        Type::ArrayBufferView => "ArrayBufferView".into(),
        Type::TypedArray(name) => name.clone(),
    }
}

/// The generated type name of a union: `BooleanOrMediaTrackConstraints`.
pub fn union_name(ty: &Type) -> String {
    ty.flattened_union_members().iter().map(union_variant_name).collect::<Vec<_>>().join("Or")
}

/// Finds every union type used in the model (outside nullable wrappers).
pub fn collect_unions(model: &Model, out: &mut BTreeMap<String, Type>) {
    fn walk(ty: &Type, out: &mut BTreeMap<String, Type>) {
        match ty {
            Type::Union(members) => {
                let flat = Type::Union(ty.flattened_union_members());
                out.entry(union_name(ty)).or_insert(flat);
                for m in members {
                    walk(m, out);
                }
            }
            Type::Nullable(t) | Type::Sequence(t) | Type::FrozenArray(t) | Type::Promise(t) => walk(t, out),
            Type::Record(k, v) => {
                walk(k, out);
                walk(v, out);
            }
            _ => {}
        }
    }
    let walk_op = |op: &Operation, out: &mut BTreeMap<String, Type>| {
        walk(&op.ret, out);
        for a in &op.args {
            walk(&a.ty, out);
        }
    };
    for iface in model.interfaces.values() {
        for a in &iface.attributes {
            walk(&a.ty, out);
        }
        for o in iface.operations.iter().chain(&iface.constructors) {
            walk_op(o, out);
        }
    }
    for ns in model.namespaces.values() {
        for o in &ns.operations {
            walk_op(o, out);
        }
    }
    for d in model.dictionaries.values() {
        for m in &d.members {
            walk(&m.ty, out);
        }
    }
    for c in model.callbacks.values() {
        walk(&c.ret, out);
        for a in &c.args {
            walk(&a.ty, out);
        }
    }
    for c in model.callback_interfaces.values() {
        walk_op(&c.operation, out);
    }
}

/// A Rust identifier for an argument.
pub fn arg_ident(name: &str) -> String {
    snake_case(name)
}
