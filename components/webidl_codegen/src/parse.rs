//! Parsing `.webidl` files with weedle2 into raw definitions (names not yet
//! resolved, partials not yet merged). Every construct we do not support is an
//! error naming the file and line; nothing is skipped silently.

use std::path::Path;

use weedle::argument::Argument as WArgument;
use weedle::attribute::{ExtendedAttribute, ExtendedAttributeList, IdentifierOrString};
use weedle::interface::{InterfaceMember, StringifierOrInheritOrStatic, StringifierOrStatic};
use weedle::literal::{ConstValue as WConstValue, DefaultValue as WDefault, FloatLit, IntegerLit};
use weedle::mixin::MixinMember;
use weedle::namespace::NamespaceMember;
use weedle::types::{
    FloatingPointType, IntegerType, NonAnyType, RecordKeyType, ReturnType, SingleType, Type as WType, UnionMemberType,
};
use weedle::{Definition, Parse};

use crate::Error;
use crate::model::{ConstValue, DefaultValue, IntKind, Location, SpecialKind};

/// A type as written, before typedefs and names are resolved.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RawType {
    Any,
    Undefined,
    Boolean,
    Integer(IntKind),
    Float {
        double: bool,
        unrestricted: bool,
    },
    DOMString,
    USVString,
    ByteString,
    Object,
    Named(String),
    Sequence(Box<RawType>),
    FrozenArray(Box<RawType>),
    Record(Box<RawType>, Box<RawType>),
    Promise(Box<RawType>),
    Union(Vec<RawType>),
    Nullable(Box<RawType>),
    ArrayBuffer,
    ArrayBufferView,
    TypedArray(String),
    /// Type-level extended attributes: `[Clamp]`, `[EnforceRange]`, `[LegacyNullToEmptyString]`.
    Annotated {
        inner: Box<RawType>,
        annotation: TypeAnnotation,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TypeAnnotation {
    Clamp,
    EnforceRange,
    LegacyNullToEmptyString,
}

/// One extended attribute, in the forms we accept.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawExtAttr {
    pub name: String,
    /// `=Ident`, `="string"` or `=(A, B)`.
    pub values: Vec<String>,
    pub has_value: bool,
    /// `=Name(arguments)` ([LegacyFactoryFunction]): the arguments.
    pub args: Option<Vec<RawArgument>>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawArgument {
    pub name: String,
    pub ty: RawType,
    pub optional: bool,
    pub variadic: bool,
    pub default: Option<DefaultValue>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RawMember {
    Constructor {
        args: Vec<RawArgument>,
        ext: Vec<RawExtAttr>,
        location: Location,
    },
    Operation {
        name: String,
        args: Vec<RawArgument>,
        ret: RawType,
        is_static: bool,
        ext: Vec<RawExtAttr>,
        location: Location,
    },
    Attribute {
        name: String,
        ty: RawType,
        readonly: bool,
        is_static: bool,
        stringifier: bool,
        ext: Vec<RawExtAttr>,
        location: Location,
    },
    Const {
        name: String,
        ty: RawType,
        value: ConstValue,
        location: Location,
    },
    Stringifier {
        /// `[Throws] stringifier;`: the stringification may throw.
        throws: bool,
        location: Location,
    },
    ValueIterable {
        ty: RawType,
        location: Location,
    },
    PairIterable {
        key: RawType,
        value: RawType,
        location: Location,
    },
    /// `[readonly] setlike<V>;`: iterated like `iterable<V, V>` with `@@iterator` = `values`;
    /// its `size` and `has()` come as ordinary members next to it.
    Setlike {
        ty: RawType,
        readonly: bool,
        location: Location,
    },
    /// `async iterable<V>(args);` (<https://webidl.spec.whatwg.org/#idl-async-iterable>): the
    /// value type and the arguments its `values()` method takes.
    AsyncIterable {
        ty: RawType,
        args: Vec<RawArgument>,
        location: Location,
    },
    /// The operation named `name` is also a special operation: an indexed one (`unsigned
    /// long` argument) or a named one (`DOMString` argument).
    Special {
        kind: SpecialKind,
        named: bool,
        name: String,
        location: Location,
    },
    /// A named property getter, setter or deleter, or an indexed property setter, declared
    /// without an identifier: not a method script can call.
    AnonymousSpecial {
        kind: SpecialKind,
        named: bool,
        args: Vec<RawArgument>,
        ret: RawType,
        ext: Vec<RawExtAttr>,
        location: Location,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawDictMember {
    pub name: String,
    pub ty: RawType,
    pub required: bool,
    pub default: Option<DefaultValue>,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RawDefinition {
    Interface {
        name: String,
        parent: Option<String>,
        partial: bool,
        ext: Vec<RawExtAttr>,
        members: Vec<RawMember>,
        location: Location,
    },
    Mixin {
        name: String,
        partial: bool,
        ext: Vec<RawExtAttr>,
        members: Vec<RawMember>,
        location: Location,
    },
    Namespace {
        name: String,
        partial: bool,
        ext: Vec<RawExtAttr>,
        members: Vec<RawMember>,
        location: Location,
    },
    Dictionary {
        name: String,
        parent: Option<String>,
        partial: bool,
        members: Vec<RawDictMember>,
        location: Location,
    },
    Enum {
        name: String,
        values: Vec<String>,
        location: Location,
    },
    Typedef {
        name: String,
        ty: RawType,
        location: Location,
    },
    Callback {
        name: String,
        args: Vec<RawArgument>,
        ret: RawType,
        ext: Vec<RawExtAttr>,
        location: Location,
    },
    CallbackInterface {
        name: String,
        /// `[Exposed=Window]`: a legacy callback interface object holds its constants.
        exposed: bool,
        members: Vec<RawMember>,
        location: Location,
    },
    Includes {
        target: String,
        mixin: String,
        location: Location,
    },
}

/// Parses one file's text. `path` is only used in error locations.
pub(crate) fn parse_file(path: &Path, source: &str) -> Result<Vec<RawDefinition>, Error> {
    // weedle2 has no `[Exposed=*]` (<https://webidl.spec.whatwg.org/#Exposed>, "exposed in
    // every global"): it is read as the list of every kind of global Aperture has (the
    // rewrite keeps line numbers).
    let rewritten = source.replace("Exposed=*", "Exposed=(Window,Worker)");
    let source = rewritten.as_str();
    let cx = FileCx { path, source };
    let mut rest = source;
    let mut out = Vec::new();
    // One definition at a time, so a syntax error names the definition it is in.
    loop {
        let trimmed = skip_trivia(rest);
        if trimmed.is_empty() {
            break;
        }
        let parsed = std::panic::catch_unwind(|| Definition::parse(trimmed));
        match parsed {
            Ok(Ok((remaining, def))) => {
                out.push(cx.definition(&def)?);
                rest = remaining;
            }
            Ok(Err(_)) => {
                return Err(Error::new(
                    locate(path, source, trimmed),
                    format!("WebIDL syntax error in the definition starting `{}`", snippet(trimmed)),
                ));
            }
            Err(_) => return Err(Error::new(locate(path, source, trimmed), "the WebIDL parser panicked")),
        }
    }
    Ok(out)
}

/// Skips whitespace and comments.
fn skip_trivia(mut s: &str) -> &str {
    loop {
        let t = s.trim_start();
        if let Some(after) = t.strip_prefix("//") {
            s = after.find('\n').map(|i| &after[i..]).unwrap_or("");
        } else if let Some(after) = t.strip_prefix("/*") {
            s = after.find("*/").map(|i| &after[i + 2..]).unwrap_or("");
        } else {
            return t;
        }
    }
}

fn snippet(s: &str) -> String {
    let s = s.trim_start();
    let end = s.char_indices().nth(40).map(|(i, _)| i).unwrap_or(s.len());
    s[..end].replace('\n', " ")
}

/// The location of a sub-slice of `source` (weedle's identifiers and errors borrow from it).
fn locate(path: &Path, source: &str, sub: &str) -> Location {
    let start = source.as_ptr() as usize;
    let at = sub.as_ptr() as usize;
    let offset = if at >= start && at <= start + source.len() { at - start } else { 0 };
    let line = source[..offset].matches('\n').count() + 1;
    Location { file: path.to_path_buf(), line }
}

struct FileCx<'s> {
    path: &'s Path,
    source: &'s str,
}

impl<'s> FileCx<'s> {
    fn loc(&self, ident: &str) -> Location {
        locate(self.path, self.source, ident)
    }

    fn err(&self, at: &str, message: impl Into<String>) -> Error {
        Error::new(self.loc(at), message)
    }

    fn definition(&self, def: &Definition<'_>) -> Result<RawDefinition, Error> {
        Ok(match def {
            Definition::Interface(i) => RawDefinition::Interface {
                name: i.identifier.0.to_string(),
                parent: i.inheritance.map(|p| p.identifier.0.to_string()),
                partial: false,
                ext: self.ext_attrs(&i.attributes)?,
                members: self.interface_members(&i.members.body)?,
                location: self.loc(i.identifier.0),
            },
            Definition::PartialInterface(i) => RawDefinition::Interface {
                name: i.identifier.0.to_string(),
                parent: None,
                partial: true,
                ext: self.ext_attrs(&i.attributes)?,
                members: self.interface_members(&i.members.body)?,
                location: self.loc(i.identifier.0),
            },
            Definition::InterfaceMixin(m) => RawDefinition::Mixin {
                name: m.identifier.0.to_string(),
                partial: false,
                ext: self.ext_attrs(&m.attributes)?,
                members: self.mixin_members(&m.members.body)?,
                location: self.loc(m.identifier.0),
            },
            Definition::PartialInterfaceMixin(m) => RawDefinition::Mixin {
                name: m.identifier.0.to_string(),
                partial: true,
                ext: self.ext_attrs(&m.attributes)?,
                members: self.mixin_members(&m.members.body)?,
                location: self.loc(m.identifier.0),
            },
            Definition::Namespace(n) => RawDefinition::Namespace {
                name: n.identifier.0.to_string(),
                partial: false,
                ext: self.ext_attrs(&n.attributes)?,
                members: self.namespace_members(&n.members.body)?,
                location: self.loc(n.identifier.0),
            },
            Definition::PartialNamespace(n) => RawDefinition::Namespace {
                name: n.identifier.0.to_string(),
                partial: true,
                ext: self.ext_attrs(&n.attributes)?,
                members: self.namespace_members(&n.members.body)?,
                location: self.loc(n.identifier.0),
            },
            Definition::Dictionary(d) => {
                self.no_ext(&d.attributes, d.identifier.0)?;
                RawDefinition::Dictionary {
                    name: d.identifier.0.to_string(),
                    parent: d.inheritance.map(|p| p.identifier.0.to_string()),
                    partial: false,
                    members: self.dict_members(&d.members.body)?,
                    location: self.loc(d.identifier.0),
                }
            }
            Definition::PartialDictionary(d) => {
                self.no_ext(&d.attributes, d.identifier.0)?;
                RawDefinition::Dictionary {
                    name: d.identifier.0.to_string(),
                    parent: None,
                    partial: true,
                    members: self.dict_members(&d.members.body)?,
                    location: self.loc(d.identifier.0),
                }
            }
            Definition::Enum(e) => {
                self.no_ext(&e.attributes, e.identifier.0)?;
                RawDefinition::Enum {
                    name: e.identifier.0.to_string(),
                    values: e.values.body.list.iter().map(|v| v.value.0.to_string()).collect(),
                    location: self.loc(e.identifier.0),
                }
            }
            Definition::Typedef(t) => {
                self.no_ext(&t.attributes, t.identifier.0)?;
                let ty = self.attributed_type(&t.type_.attributes, &t.type_.type_, t.identifier.0)?;
                RawDefinition::Typedef { name: t.identifier.0.to_string(), ty, location: self.loc(t.identifier.0) }
            }
            Definition::Callback(c) => RawDefinition::Callback {
                name: c.identifier.0.to_string(),
                args: self.arguments(&c.arguments.body.list, c.identifier.0)?,
                ret: self.return_type(&c.return_type, c.identifier.0)?,
                ext: self.ext_attrs(&c.attributes)?,
                location: self.loc(c.identifier.0),
            },
            Definition::CallbackInterface(c) => {
                // Only `[Exposed=Window]` (<https://webidl.spec.whatwg.org/#legacy-callback-interface-object>).
                let mut exposed = false;
                for e in self.ext_attrs(&c.attributes)? {
                    match (e.name.as_str(), e.values.as_slice()) {
                        ("Exposed", [w]) if w == "Window" => exposed = true,
                        _ => {
                            return Err(self.err(
                                c.identifier.0,
                                format!("unsupported extended attribute [{}] on a callback interface", e.name),
                            ));
                        }
                    }
                }
                if c.inheritance.is_some() {
                    return Err(self.err(c.identifier.0, "callback interface inheritance is not supported"));
                }
                RawDefinition::CallbackInterface {
                    name: c.identifier.0.to_string(),
                    exposed,
                    members: self.interface_members(&c.members.body)?,
                    location: self.loc(c.identifier.0),
                }
            }
            Definition::IncludesStatement(s) => {
                self.no_ext(&s.attributes, s.lhs_identifier.0)?;
                RawDefinition::Includes {
                    target: s.lhs_identifier.0.to_string(),
                    mixin: s.rhs_identifier.0.to_string(),
                    location: self.loc(s.lhs_identifier.0),
                }
            }
            Definition::Implements(s) => {
                return Err(self.err(s.lhs_identifier.0, "`implements` statements are obsolete; use `includes`"));
            }
        })
    }

    fn no_ext(&self, attrs: &Option<ExtendedAttributeList<'_>>, at: &str) -> Result<(), Error> {
        match attrs {
            Some(list) if !list.body.list.is_empty() => {
                Err(self.err(at, "extended attributes are not supported on this definition"))
            }
            _ => Ok(()),
        }
    }

    fn ext_attrs(&self, attrs: &Option<ExtendedAttributeList<'_>>) -> Result<Vec<RawExtAttr>, Error> {
        let Some(list) = attrs else { return Ok(Vec::new()) };
        list.body
            .list
            .iter()
            .map(|attr| match attr {
                ExtendedAttribute::NoArgs(a) => {
                    Ok(RawExtAttr { name: a.0.0.to_string(), values: Vec::new(), has_value: false, args: None })
                }
                ExtendedAttribute::Ident(a) => Ok(RawExtAttr {
                    name: a.lhs_identifier.0.to_string(),
                    values: vec![match a.rhs {
                        IdentifierOrString::Identifier(i) => i.0.to_string(),
                        IdentifierOrString::String(s) => s.0.to_string(),
                    }],
                    has_value: true,
                    args: None,
                }),
                ExtendedAttribute::IdentList(a) => Ok(RawExtAttr {
                    name: a.identifier.0.to_string(),
                    values: a.list.body.list.iter().map(|i| i.0.to_string()).collect(),
                    has_value: true,
                    args: None,
                }),
                ExtendedAttribute::ArgList(a) => Err(self.err(
                    a.identifier.0,
                    format!("extended attribute [{}(…)] with arguments is not supported", a.identifier.0),
                )),
                ExtendedAttribute::NamedArgList(a) if a.lhs_identifier.0 == "LegacyFactoryFunction" => Ok(RawExtAttr {
                    name: a.lhs_identifier.0.to_string(),
                    values: vec![a.rhs_identifier.0.to_string()],
                    has_value: true,
                    args: Some(self.arguments(&a.args.body.list, a.rhs_identifier.0)?),
                }),
                ExtendedAttribute::NamedArgList(a) => Err(self.err(
                    a.lhs_identifier.0,
                    format!("extended attribute [{}=…(…)] is not supported", a.lhs_identifier.0),
                )),
            })
            .collect()
    }

    fn interface_members(&self, members: &[InterfaceMember<'_>]) -> Result<Vec<RawMember>, Error> {
        let mut out = Vec::new();
        for member in members {
            let mut extra = Vec::new();
            out.push(match member {
                InterfaceMember::Const(c) => self.constant(c)?,
                InterfaceMember::Attribute(a) => {
                    let (is_static, stringifier) = match a.modifier {
                        None => (false, false),
                        Some(StringifierOrInheritOrStatic::Static(_)) => (true, false),
                        Some(StringifierOrInheritOrStatic::Stringifier(_)) => (false, true),
                        Some(StringifierOrInheritOrStatic::Inherit(_)) => {
                            return Err(self.err(a.identifier.0, "`inherit` attributes are not supported"));
                        }
                    };
                    RawMember::Attribute {
                        name: a.identifier.0.to_string(),
                        ty: self.attributed_type(&a.type_.attributes, &a.type_.type_, a.identifier.0)?,
                        readonly: a.readonly.is_some(),
                        is_static,
                        stringifier,
                        ext: self.ext_attrs(&a.attributes)?,
                        location: self.loc(a.identifier.0),
                    }
                }
                InterfaceMember::Constructor(c) => {
                    let at = self.first_token(c.args.body.list.first().map(arg_name)).unwrap_or(self.source);
                    RawMember::Constructor {
                        args: self.arguments(&c.args.body.list, at)?,
                        ext: self.ext_attrs(&c.attributes)?,
                        location: self.loc_of_constructor(c),
                    }
                }
                InterfaceMember::Operation(o) => {
                    // <https://webidl.spec.whatwg.org/#idl-special-operations>
                    let special = match o.special {
                        None => None,
                        Some(weedle::interface::Special::Getter(_)) => Some(SpecialKind::Getter),
                        Some(weedle::interface::Special::Setter(_)) => Some(SpecialKind::Setter),
                        Some(weedle::interface::Special::Deleter(_)) => Some(SpecialKind::Deleter),
                        Some(weedle::interface::Special::LegacyCaller(_)) => {
                            let at = o.identifier.map(|i| i.0).unwrap_or(self.source);
                            return Err(self.err(at, "legacycaller operations are not supported"));
                        }
                    };
                    let at = match o.identifier {
                        Some(ident) => ident.0,
                        None => self.first_token(o.args.body.list.first().map(arg_name)).unwrap_or(self.source),
                    };
                    let is_static = match o.modifier {
                        None => false,
                        Some(StringifierOrStatic::Static(_)) => true,
                        Some(StringifierOrStatic::Stringifier(_)) => {
                            return Err(self.err(at, "stringifier operations are not supported; use `stringifier;` or a stringifier attribute"));
                        }
                    };
                    let args = self.arguments(&o.args.body.list, at)?;
                    let ret = self.return_type(&o.return_type, at)?;
                    let ext = self.ext_attrs(&o.attributes)?;
                    let location = self.loc(at);
                    // A special operation's first argument says which properties it handles:
                    // `unsigned long` for indexed ones, `DOMString` for named ones.
                    let named = match special {
                        None => false,
                        Some(kind) => {
                            let expected = match kind {
                                SpecialKind::Getter | SpecialKind::Deleter => 1,
                                SpecialKind::Setter => 2,
                            };
                            let first = args.first().map(|a| strip_annotation(&a.ty));
                            let named = match first {
                                Some(RawType::DOMString) => true,
                                Some(RawType::Integer(IntKind::UnsignedLong)) => false,
                                _ => {
                                    return Err(self.err(at, "a special operation's first argument must be `unsigned long` (indexed) or `DOMString` (named)"));
                                }
                            };
                            if args.len() != expected || args.iter().any(|a| a.optional || a.variadic) {
                                return Err(self.err(at, "getters and deleters take one argument and setters two, none optional"));
                            }
                            let named_indexed_getter = kind == SpecialKind::Getter && o.identifier.is_some();
                            let anonymous_indexed = kind != SpecialKind::Deleter && o.identifier.is_none();
                            if !named && !named_indexed_getter && !anonymous_indexed {
                                return Err(self.err(at, "special operations: of the indexed ones, only getters (named, `getter T item(unsigned long index)`, or anonymous) and anonymous setters (`setter undefined (unsigned long index, T value)`) are supported"));
                            }
                            if is_static {
                                return Err(self.err(at, "special operations cannot be static"));
                            }
                            named
                        }
                    };
                    match (o.identifier, special) {
                        (Some(ident), special) => {
                            if let Some(kind) = special {
                                extra.push(RawMember::Special { kind, named, name: ident.0.to_string(), location: location.clone() });
                            }
                            RawMember::Operation { name: ident.0.to_string(), args, ret, is_static, ext, location }
                        }
                        (None, Some(kind)) => RawMember::AnonymousSpecial { kind, named, args, ret, ext, location },
                        (None, None) => return Err(self.err(at, "an operation needs a name")),
                    }
                }
                InterfaceMember::Stringifier(s) => {
                    let ext = self.ext_attrs(&s.attributes)?;
                    if ext.iter().any(|e| e.name != "Throws") {
                        return Err(Error::new(
                            self.loc(self.source),
                            "extended attributes on `stringifier;` other than [Throws] are not supported",
                        ));
                    }
                    RawMember::Stringifier { throws: !ext.is_empty(), location: Location { file: self.path.into(), line: 0 } }
                }
                InterfaceMember::Iterable(weedle::interface::IterableInterfaceMember::Single(it)) => {
                    let ty = self.attributed_type(&it.generics.body.attributes, &it.generics.body.type_, self.source)?;
                    RawMember::ValueIterable { ty, location: Location { file: self.path.into(), line: 0 } }
                }
                InterfaceMember::Iterable(weedle::interface::IterableInterfaceMember::Double(it)) => {
                    let (key, _, value) = &it.generics.body;
                    let key = self.attributed_type(&key.attributes, &key.type_, self.source)?;
                    let value = self.attributed_type(&value.attributes, &value.type_, self.source)?;
                    RawMember::PairIterable { key, value, location: Location { file: self.path.into(), line: 0 } }
                }
                InterfaceMember::AsyncIterable(weedle::interface::AsyncIterableInterfaceMember::Single(it)) => {
                    if it.attributes.is_some() {
                        return Err(Error::new(
                            Location { file: self.path.into(), line: 0 },
                            "extended attributes on an async iterable declaration are not supported",
                        ));
                    }
                    let ty = self.attributed_type(&it.generics.body.attributes, &it.generics.body.type_, self.source)?;
                    let args = match &it.args {
                        Some(args) => self.arguments(&args.body.list, "async iterable")?,
                        None => Vec::new(),
                    };
                    RawMember::AsyncIterable { ty, args, location: Location { file: self.path.into(), line: 0 } }
                }
                // <https://webidl.spec.whatwg.org/#idl-setlike>: `size`, `has()` and the
                // iteration members over the set entries. The modifying operations (`add`,
                // `delete`, `clear`) of a non-readonly setlike must be declared in the
                // interface, as CSS Font Loading's `FontFaceSet` does; the resolver checks.
                InterfaceMember::Setlike(it) => {
                    if it.attributes.is_some() {
                        return Err(Error::new(
                            Location { file: self.path.into(), line: 0 },
                            "extended attributes on a setlike declaration are not supported",
                        ));
                    }
                    let ty = self.attributed_type(&it.generics.body.attributes, &it.generics.body.type_, self.source)?;
                    let location = Location { file: self.path.into(), line: 0 };
                    extra.push(RawMember::Attribute {
                        name: "size".into(),
                        ty: RawType::Integer(IntKind::UnsignedLong),
                        readonly: true,
                        is_static: false,
                        stringifier: false,
                        ext: Vec::new(),
                        location: location.clone(),
                    });
                    extra.push(RawMember::Operation {
                        name: "has".into(),
                        args: vec![RawArgument {
                            name: "value".into(),
                            ty: ty.clone(),
                            optional: false,
                            variadic: false,
                            default: None,
                        }],
                        ret: RawType::Boolean,
                        is_static: false,
                        ext: Vec::new(),
                        location: location.clone(),
                    });
                    RawMember::Setlike { ty, readonly: it.readonly.is_some(), location }
                }
                InterfaceMember::AsyncIterable(weedle::interface::AsyncIterableInterfaceMember::Double(_))
                | InterfaceMember::Maplike(_) => {
                    return Err(Error::new(
                        Location { file: self.path.into(), line: 0 },
                        "pair async iterables and maplike are not supported",
                    ));
                }
            });
            out.extend(extra);
        }
        Ok(out)
    }

    fn first_token<'a>(&self, s: Option<&'a str>) -> Option<&'a str> {
        s
    }

    fn loc_of_constructor(&self, c: &weedle::interface::ConstructorInterfaceMember<'_>) -> Location {
        match c.args.body.list.first() {
            Some(arg) => self.loc(arg_name(arg)),
            None => Location { file: self.path.into(), line: 0 },
        }
    }

    fn mixin_members(&self, members: &[MixinMember<'_>]) -> Result<Vec<RawMember>, Error> {
        let mut out = Vec::new();
        for member in members {
            out.push(match member {
                MixinMember::Const(c) => self.constant(c)?,
                MixinMember::Operation(o) => {
                    let Some(ident) = o.identifier else {
                        return Err(Error::new(self.loc(self.source), "unnamed mixin operations are not supported"));
                    };
                    if o.stringifier.is_some() {
                        return Err(self.err(ident.0, "stringifier operations are not supported"));
                    }
                    RawMember::Operation {
                        name: ident.0.to_string(),
                        args: self.arguments(&o.args.body.list, ident.0)?,
                        ret: self.return_type(&o.return_type, ident.0)?,
                        is_static: false,
                        ext: self.ext_attrs(&o.attributes)?,
                        location: self.loc(ident.0),
                    }
                }
                MixinMember::Attribute(a) => RawMember::Attribute {
                    name: a.identifier.0.to_string(),
                    ty: self.attributed_type(&a.type_.attributes, &a.type_.type_, a.identifier.0)?,
                    readonly: a.readonly.is_some(),
                    is_static: false,
                    stringifier: a.stringifier.is_some(),
                    ext: self.ext_attrs(&a.attributes)?,
                    location: self.loc(a.identifier.0),
                },
                MixinMember::Stringifier(_) => {
                    RawMember::Stringifier { throws: false, location: Location { file: self.path.into(), line: 0 } }
                }
            });
        }
        Ok(out)
    }

    fn namespace_members(&self, members: &[NamespaceMember<'_>]) -> Result<Vec<RawMember>, Error> {
        let mut out = Vec::new();
        for member in members {
            match member {
                NamespaceMember::Operation(o) => {
                    let Some(ident) = o.identifier else {
                        return Err(Error::new(
                            self.loc(self.source),
                            "unnamed namespace operations are not supported",
                        ));
                    };
                    out.push(RawMember::Operation {
                        name: ident.0.to_string(),
                        args: self.arguments(&o.args.body.list, ident.0)?,
                        ret: self.return_type(&o.return_type, ident.0)?,
                        is_static: true,
                        ext: self.ext_attrs(&o.attributes)?,
                        location: self.loc(ident.0),
                    });
                }
                NamespaceMember::Attribute(a) => {
                    return Err(self.err(a.identifier.0, "namespace attributes are not supported"));
                }
            }
        }
        Ok(out)
    }

    fn constant(&self, c: &weedle::interface::ConstMember<'_>) -> Result<RawMember, Error> {
        use weedle::types::ConstType;
        let at = c.identifier.0;
        let ty = match &c.const_type {
            ConstType::Integer(i) => self.nullable(RawType::Integer(int_kind(&i.type_)), i.q_mark.is_some()),
            ConstType::FloatingPoint(f) => self.nullable(float_type(&f.type_), f.q_mark.is_some()),
            ConstType::Boolean(b) => self.nullable(RawType::Boolean, b.q_mark.is_some()),
            ConstType::Byte(b) => self.nullable(RawType::Integer(IntKind::Byte), b.q_mark.is_some()),
            ConstType::Octet(b) => self.nullable(RawType::Integer(IntKind::Octet), b.q_mark.is_some()),
            ConstType::Identifier(i) => self.nullable(RawType::Named(i.type_.0.to_string()), i.q_mark.is_some()),
        };
        let value = match &c.const_value {
            WConstValue::Boolean(b) => ConstValue::Boolean(b.0),
            WConstValue::Integer(i) => ConstValue::Integer(self.integer(i, at)?),
            WConstValue::Float(f) => ConstValue::Float(self.float(f, at)?),
            WConstValue::Null(_) => return Err(self.err(at, "null constants are not supported")),
        };
        if c.attributes.as_ref().is_some_and(|a| !a.body.list.is_empty()) {
            return Err(self.err(at, "extended attributes on constants are not supported"));
        }
        Ok(RawMember::Const { name: at.to_string(), ty, value, location: self.loc(at) })
    }

    fn dict_members(&self, members: &[weedle::dictionary::DictionaryMember<'_>]) -> Result<Vec<RawDictMember>, Error> {
        members
            .iter()
            .map(|m| {
                let at = m.identifier.0;
                Ok(RawDictMember {
                    name: at.to_string(),
                    ty: self.attributed_type(&m.attributes, &m.type_, at)?,
                    required: m.required.is_some(),
                    default: m.default.map(|d| self.default_value(&d.value, at)).transpose()?,
                    location: self.loc(at),
                })
            })
            .collect()
    }

    fn arguments(&self, args: &[WArgument<'_>], at: &str) -> Result<Vec<RawArgument>, Error> {
        args.iter()
            .map(|arg| match arg {
                WArgument::Single(a) => Ok(RawArgument {
                    name: a.identifier.0.to_string(),
                    ty: {
                        // Extended attributes on the argument apply to its type.
                        let mut ty = self.attributed_type(&a.type_.attributes, &a.type_.type_, a.identifier.0)?;
                        for ann in self.type_annotations(&a.attributes, a.identifier.0)? {
                            ty = RawType::Annotated { inner: Box::new(ty), annotation: ann };
                        }
                        ty
                    },
                    optional: a.optional.is_some(),
                    variadic: false,
                    default: a.default.map(|d| self.default_value(&d.value, a.identifier.0)).transpose()?,
                }),
                WArgument::Variadic(a) => {
                    let mut ty = self.type_(&a.type_, a.identifier.0)?;
                    for ann in self.type_annotations(&a.attributes, a.identifier.0)? {
                        ty = RawType::Annotated { inner: Box::new(ty), annotation: ann };
                    }
                    Ok(RawArgument {
                        name: a.identifier.0.to_string(),
                        ty,
                        optional: false,
                        variadic: true,
                        default: None,
                    })
                }
            })
            .collect::<Result<Vec<_>, Error>>()
            .map_err(|e| if e.location.line == 0 { self.err(at, e.message) } else { e })
    }

    fn type_annotations(
        &self,
        attrs: &Option<ExtendedAttributeList<'_>>,
        at: &str,
    ) -> Result<Vec<TypeAnnotation>, Error> {
        let mut out = Vec::new();
        for attr in self.ext_attrs(attrs)? {
            out.push(match attr.name.as_str() {
                "Clamp" if !attr.has_value => TypeAnnotation::Clamp,
                "EnforceRange" if !attr.has_value => TypeAnnotation::EnforceRange,
                "LegacyNullToEmptyString" if !attr.has_value => TypeAnnotation::LegacyNullToEmptyString,
                other => return Err(self.err(at, format!("unsupported extended attribute [{other}] on a type"))),
            });
        }
        Ok(out)
    }

    fn attributed_type(
        &self,
        attrs: &Option<ExtendedAttributeList<'_>>,
        ty: &WType<'_>,
        at: &str,
    ) -> Result<RawType, Error> {
        let mut out = self.type_(ty, at)?;
        for ann in self.type_annotations(attrs, at)? {
            out = RawType::Annotated { inner: Box::new(out), annotation: ann };
        }
        Ok(out)
    }

    fn return_type(&self, ret: &ReturnType<'_>, at: &str) -> Result<RawType, Error> {
        match ret {
            ReturnType::Undefined(_) => Ok(RawType::Undefined),
            ReturnType::Type(t) => self.type_(t, at),
        }
    }

    fn nullable(&self, ty: RawType, q: bool) -> RawType {
        if q { RawType::Nullable(Box::new(ty)) } else { ty }
    }

    fn type_(&self, ty: &WType<'_>, at: &str) -> Result<RawType, Error> {
        match ty {
            WType::Single(SingleType::Any(_)) => Ok(RawType::Any),
            WType::Single(SingleType::NonAny(t)) => self.non_any(t, at),
            WType::Union(u) => {
                let members =
                    u.type_.body.list.iter().map(|m| self.union_member(m, at)).collect::<Result<Vec<_>, _>>()?;
                Ok(self.nullable(RawType::Union(members), u.q_mark.is_some()))
            }
        }
    }

    fn union_member(&self, m: &UnionMemberType<'_>, at: &str) -> Result<RawType, Error> {
        match m {
            UnionMemberType::Single(t) => {
                let mut ty = self.non_any(&t.type_, at)?;
                for ann in self.type_annotations(&t.attributes, at)? {
                    ty = RawType::Annotated { inner: Box::new(ty), annotation: ann };
                }
                Ok(ty)
            }
            UnionMemberType::Union(u) => {
                let members =
                    u.type_.body.list.iter().map(|m| self.union_member(m, at)).collect::<Result<Vec<_>, _>>()?;
                Ok(self.nullable(RawType::Union(members), u.q_mark.is_some()))
            }
        }
    }

    fn non_any(&self, t: &NonAnyType<'_>, at: &str) -> Result<RawType, Error> {
        Ok(match t {
            NonAnyType::Promise(p) => match &*p.generics.body {
                ReturnType::Undefined(_) => RawType::Promise(Box::new(RawType::Undefined)),
                ReturnType::Type(t) => RawType::Promise(Box::new(self.type_(t, at)?)),
            },
            NonAnyType::Integer(i) => self.nullable(RawType::Integer(int_kind(&i.type_)), i.q_mark.is_some()),
            NonAnyType::FloatingPoint(f) => self.nullable(float_type(&f.type_), f.q_mark.is_some()),
            NonAnyType::Boolean(b) => self.nullable(RawType::Boolean, b.q_mark.is_some()),
            NonAnyType::Byte(b) => self.nullable(RawType::Integer(IntKind::Byte), b.q_mark.is_some()),
            NonAnyType::Octet(b) => self.nullable(RawType::Integer(IntKind::Octet), b.q_mark.is_some()),
            NonAnyType::ByteString(b) => self.nullable(RawType::ByteString, b.q_mark.is_some()),
            NonAnyType::DOMString(b) => self.nullable(RawType::DOMString, b.q_mark.is_some()),
            NonAnyType::USVString(b) => self.nullable(RawType::USVString, b.q_mark.is_some()),
            NonAnyType::Sequence(s) => {
                self.nullable(RawType::Sequence(Box::new(self.type_(&s.type_.generics.body, at)?)), s.q_mark.is_some())
            }
            NonAnyType::FrozenArrayType(s) => self
                .nullable(RawType::FrozenArray(Box::new(self.type_(&s.type_.generics.body, at)?)), s.q_mark.is_some()),
            NonAnyType::RecordType(r) => {
                let key = match &*r.type_.generics.body.0 {
                    RecordKeyType::DOM(_) => RawType::DOMString,
                    RecordKeyType::USV(_) => RawType::USVString,
                    RecordKeyType::Byte(_) => RawType::ByteString,
                    RecordKeyType::NonAny(_) => return Err(self.err(at, "record keys must be string types")),
                };
                let value = self.type_(&r.type_.generics.body.2, at)?;
                self.nullable(RawType::Record(Box::new(key), Box::new(value)), r.q_mark.is_some())
            }
            NonAnyType::Object(o) => self.nullable(RawType::Object, o.q_mark.is_some()),
            NonAnyType::ArrayBuffer(o) => self.nullable(RawType::ArrayBuffer, o.q_mark.is_some()),
            NonAnyType::ArrayBufferView(o) => self.nullable(RawType::ArrayBufferView, o.q_mark.is_some()),
            NonAnyType::Uint8ClampedArray(o) => {
                self.nullable(RawType::TypedArray("Uint8ClampedArray".into()), o.q_mark.is_some())
            }
            NonAnyType::Int8Array(o) => self.nullable(RawType::TypedArray("Int8Array".into()), o.q_mark.is_some()),
            NonAnyType::Int16Array(o) => self.nullable(RawType::TypedArray("Int16Array".into()), o.q_mark.is_some()),
            NonAnyType::Int32Array(o) => self.nullable(RawType::TypedArray("Int32Array".into()), o.q_mark.is_some()),
            NonAnyType::Uint8Array(o) => self.nullable(RawType::TypedArray("Uint8Array".into()), o.q_mark.is_some()),
            NonAnyType::Uint16Array(o) => self.nullable(RawType::TypedArray("Uint16Array".into()), o.q_mark.is_some()),
            NonAnyType::Uint32Array(o) => self.nullable(RawType::TypedArray("Uint32Array".into()), o.q_mark.is_some()),
            NonAnyType::Float32Array(o) => {
                self.nullable(RawType::TypedArray("Float32Array".into()), o.q_mark.is_some())
            }
            NonAnyType::Float64Array(o) => {
                self.nullable(RawType::TypedArray("Float64Array".into()), o.q_mark.is_some())
            }
            NonAnyType::Identifier(i) => self.nullable(RawType::Named(i.type_.0.to_string()), i.q_mark.is_some()),
            NonAnyType::BufferSource(_) => RawType::Union(vec![RawType::ArrayBufferView, RawType::ArrayBuffer]),
            NonAnyType::Symbol(_) | NonAnyType::Error(_) | NonAnyType::DataView(_) => {
                return Err(self.err(at, "this WebIDL type is not supported by the generator"));
            }
        })
    }

    fn integer(&self, lit: &IntegerLit<'_>, at: &str) -> Result<i64, Error> {
        let (text, radix) = match lit {
            IntegerLit::Dec(d) => (d.0, 10),
            IntegerLit::Hex(h) => (h.0, 16),
            IntegerLit::Oct(o) => (o.0, 8),
        };
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let digits = match radix {
            16 => &digits[2..],
            8 if digits.len() > 1 => &digits[1..],
            _ => digits,
        };
        let value =
            i64::from_str_radix(digits, radix).map_err(|_| self.err(at, format!("bad integer literal {text}")))?;
        Ok(if negative { -value } else { value })
    }

    fn float(&self, lit: &FloatLit<'_>, at: &str) -> Result<f64, Error> {
        match lit {
            FloatLit::Value(v) => v.0.parse().map_err(|_| self.err(at, format!("bad float literal {}", v.0))),
            FloatLit::NegInfinity(_) => Ok(f64::NEG_INFINITY),
            FloatLit::Infinity(_) => Ok(f64::INFINITY),
            FloatLit::NaN(_) => Ok(f64::NAN),
        }
    }

    fn default_value(&self, d: &WDefault<'_>, at: &str) -> Result<DefaultValue, Error> {
        Ok(match d {
            WDefault::Boolean(b) => DefaultValue::Boolean(b.0),
            WDefault::EmptyArray(_) => DefaultValue::EmptySequence,
            WDefault::EmptyDictionary(_) => DefaultValue::EmptyDictionary,
            WDefault::Float(f) => DefaultValue::Float(self.float(f, at)?),
            WDefault::Integer(i) => DefaultValue::Integer(self.integer(i, at)?),
            WDefault::Null(_) => DefaultValue::Null,
            WDefault::String(s) => DefaultValue::String(s.0.to_string()),
        })
    }
}

fn arg_name<'a>(arg: &WArgument<'a>) -> &'a str {
    match arg {
        WArgument::Single(a) => a.identifier.0,
        WArgument::Variadic(a) => a.identifier.0,
    }
}

fn int_kind(t: &IntegerType) -> IntKind {
    match t {
        IntegerType::LongLong(l) if l.unsigned.is_some() => IntKind::UnsignedLongLong,
        IntegerType::LongLong(_) => IntKind::LongLong,
        IntegerType::Long(l) if l.unsigned.is_some() => IntKind::UnsignedLong,
        IntegerType::Long(_) => IntKind::Long,
        IntegerType::Short(s) if s.unsigned.is_some() => IntKind::UnsignedShort,
        IntegerType::Short(_) => IntKind::Short,
    }
}

fn float_type(t: &FloatingPointType) -> RawType {
    match t {
        FloatingPointType::Float(f) => RawType::Float { double: false, unrestricted: f.unrestricted.is_some() },
        FloatingPointType::Double(d) => RawType::Float { double: true, unrestricted: d.unrestricted.is_some() },
    }
}

/// `ty` without its type-level extended attributes.
fn strip_annotation(ty: &RawType) -> &RawType {
    match ty {
        RawType::Annotated { inner, .. } => strip_annotation(inner),
        other => other,
    }
}
