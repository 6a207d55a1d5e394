//! The resolved WebIDL model: what the emitter works from.
//!
//! Partial definitions are merged, mixins are included, typedefs are expanded
//! and every identifier in a type is classified (interface, dictionary, enum,
//! callback function or callback interface). Every definition and member
//! remembers where it was written, so errors name a file and a line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// A place in a `.webidl` file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// How an integer conversion treats out-of-range values
/// (<https://webidl.spec.whatwg.org/#abstract-opdef-converttoint>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntConversion {
    Default,
    Clamp,
    EnforceRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntKind {
    Byte,
    Octet,
    Short,
    UnsignedShort,
    Long,
    UnsignedLong,
    LongLong,
    UnsignedLongLong,
}

impl IntKind {
    pub fn idl_name(self) -> &'static str {
        match self {
            IntKind::Byte => "byte",
            IntKind::Octet => "octet",
            IntKind::Short => "short",
            IntKind::UnsignedShort => "unsigned short",
            IntKind::Long => "long",
            IntKind::UnsignedLong => "unsigned long",
            IntKind::LongLong => "long long",
            IntKind::UnsignedLongLong => "unsigned long long",
        }
    }

    pub fn rust_type(self) -> &'static str {
        match self {
            IntKind::Byte => "i8",
            IntKind::Octet => "u8",
            IntKind::Short => "i16",
            IntKind::UnsignedShort => "u16",
            IntKind::Long => "i32",
            IntKind::UnsignedLong => "u32",
            IntKind::LongLong => "i64",
            IntKind::UnsignedLongLong => "u64",
        }
    }
}

/// A WebIDL type after typedef expansion and name classification.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    Any,
    Undefined,
    Boolean,
    Integer(IntKind, IntConversion),
    /// `float` (32 bits) or `double`; `unrestricted` allows NaN and infinities.
    Float {
        double: bool,
        unrestricted: bool,
    },
    /// `DOMString`; `[LegacyNullToEmptyString]` turns null into "".
    DOMString {
        null_to_empty: bool,
    },
    USVString,
    ByteString,
    Object,
    Interface(String),
    Dictionary(String),
    Enum(String),
    CallbackFunction(String),
    CallbackInterface(String),
    Sequence(Box<Type>),
    FrozenArray(Box<Type>),
    Record(Box<Type>, Box<Type>),
    Promise(Box<Type>),
    Union(Vec<Type>),
    Nullable(Box<Type>),
    ArrayBuffer,
    ArrayBufferView,
    /// A typed array type (`Uint8Array`, `Float32Array`…), by name: passed as the caller's own
    /// object, never copied.
    TypedArray(String),
}

impl Type {
    pub fn is_nullable(&self) -> bool {
        matches!(self, Type::Nullable(_))
    }

    /// The type without its outermost `?`.
    pub fn inner(&self) -> &Type {
        match self {
            Type::Nullable(t) => t,
            t => t,
        }
    }

    /// Whether the type "includes a nullable type" in WebIDL's sense: nullable
    /// itself or a union with a nullable member.
    pub fn includes_nullable(&self) -> bool {
        match self {
            Type::Nullable(_) => true,
            Type::Union(members) => members.iter().any(|m| m.includes_nullable()),
            _ => false,
        }
    }

    /// The flattened member types of a union (nested unions expanded, `?` removed).
    pub fn flattened_union_members(&self) -> Vec<Type> {
        let mut out = Vec::new();
        fn walk(t: &Type, out: &mut Vec<Type>) {
            match t {
                Type::Nullable(inner) => walk(inner, out),
                Type::Union(members) => members.iter().for_each(|m| walk(m, out)),
                other => out.push(other.clone()),
            }
        }
        walk(self, &mut out);
        out
    }

    /// WebIDL spelling, for messages and golden output.
    pub fn idl(&self) -> String {
        match self {
            Type::Any => "any".into(),
            Type::Undefined => "undefined".into(),
            Type::Boolean => "boolean".into(),
            Type::Integer(k, _) => k.idl_name().into(),
            Type::Float { double, unrestricted } => {
                format!(
                    "{}{}",
                    if *unrestricted { "unrestricted " } else { "" },
                    if *double { "double" } else { "float" }
                )
            }
            Type::DOMString { .. } => "DOMString".into(),
            Type::USVString => "USVString".into(),
            Type::ByteString => "ByteString".into(),
            Type::Object => "object".into(),
            Type::Interface(n)
            | Type::Dictionary(n)
            | Type::Enum(n)
            | Type::CallbackFunction(n)
            | Type::CallbackInterface(n) => n.clone(),
            Type::Sequence(t) => format!("sequence<{}>", t.idl()),
            Type::FrozenArray(t) => format!("FrozenArray<{}>", t.idl()),
            Type::Record(k, v) => format!("record<{}, {}>", k.idl(), v.idl()),
            Type::Promise(t) => format!("Promise<{}>", t.idl()),
            Type::Union(ms) => format!("({})", ms.iter().map(|m| m.idl()).collect::<Vec<_>>().join(" or ")),
            Type::Nullable(t) => format!("{}?", t.idl()),
            Type::ArrayBuffer => "ArrayBuffer".into(),
            Type::ArrayBufferView => "ArrayBufferView".into(),
            Type::TypedArray(name) => name.clone(),
        }
    }
}

/// A default value written in IDL (`= 0`, `= "auto"`, `= {}`…).
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultValue {
    Boolean(bool),
    Integer(i64),
    Float(f64),
    String(String),
    Null,
    EmptySequence,
    EmptyDictionary,
}

/// A constant's value.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Boolean(bool),
    Integer(i64),
    Float(f64),
}

/// Extended attributes on members (and copied down from partials and mixins).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberAttrs {
    pub throws: bool,
    /// `[SetterThrows]`: only an attribute's setter throws.
    pub setter_throws: bool,
    pub same_object: bool,
    pub new_object: bool,
    pub pref: Option<String>,
    pub secure_context: bool,
    pub legacy_unforgeable: bool,
    pub replaceable: bool,
    pub put_forwards: Option<String>,
    pub legacy_lenient_this: bool,
    /// `[Default]` on `toJSON`.
    pub default: bool,
    /// `[CEReactions]` (<https://html.spec.whatwg.org/multipage/custom-elements.html#cereactions>):
    /// the call runs between pushing an element queue and popping it (invoking its reactions).
    pub ce_reactions: bool,
    /// `[HTMLConstructor]` on a constructor
    /// (<https://html.spec.whatwg.org/multipage/dom.html#htmlconstructor>): the native calls
    /// the script crate's HTML element constructor steps instead of a `Constructor` method.
    pub html_constructor: bool,
    /// `[Exposed=Window]` on a member of an interface also exposed elsewhere: the member
    /// exists on Window globals only.
    pub window_only: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Argument {
    pub name: String,
    pub ty: Type,
    pub optional: bool,
    pub variadic: bool,
    pub default: Option<DefaultValue>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub name: String,
    pub args: Vec<Argument>,
    pub ret: Type,
    pub is_static: bool,
    pub attrs: MemberAttrs,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub ty: Type,
    pub readonly: bool,
    pub is_static: bool,
    pub stringifier: bool,
    pub attrs: MemberAttrs,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Constant {
    pub name: String,
    pub ty: Type,
    pub value: ConstValue,
    pub location: Location,
}

/// Extended attributes of an interface or namespace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InterfaceAttrs {
    pub exposed: Vec<String>,
    pub secure_context: bool,
    pub pref: Option<String>,
    /// `[Global]`: the interface of a global object; its members live on the object itself.
    pub global: bool,
    pub legacy_no_interface_object: bool,
    pub legacy_unenumerable_named_properties: bool,
    /// `[LegacyOverrideBuiltIns]`: named properties shadow the prototype chain's properties.
    pub legacy_override_builtins: bool,
    pub legacy_window_alias: Vec<String>,
}

impl InterfaceAttrs {
    /// Whether `[Exposed]` names Window globals.
    pub fn exposed_in_window(&self) -> bool {
        self.exposed.iter().any(|g| g == "*" || g == "Window")
    }

    /// Whether `[Exposed]` names dedicated worker globals.
    pub fn exposed_in_dedicated_worker(&self) -> bool {
        self.exposed.iter().any(|g| g == "*" || g == "Worker" || g == "DedicatedWorker")
    }

    /// The runtime `Exposure` value of the generated code.
    pub fn exposure_rust(&self) -> String {
        format!(
            "(Exposure {{ window: {}, dedicated_worker: {} }})",
            self.exposed_in_window(),
            self.exposed_in_dedicated_worker()
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Interface {
    pub name: String,
    pub parent: Option<String>,
    pub attrs: InterfaceAttrs,
    pub constructors: Vec<Operation>,
    pub attributes: Vec<Attribute>,
    pub operations: Vec<Operation>,
    pub constants: Vec<Constant>,
    /// A bare `stringifier;` (the stringifier attribute case is on the attribute).
    pub stringifier: bool,
    /// `[Throws] stringifier;`: `Stringifier` returns a `Fallible`.
    pub stringifier_throws: bool,
    /// `iterable<V>` (value iterator); the interface needs an indexed getter.
    pub value_iterable: Option<Type>,
    /// `iterable<K, V>`: the key and value types.
    pub pair_iterable: Option<(Type, Type)>,
    /// `setlike<V>` (<https://webidl.spec.whatwg.org/#idl-setlike>): `pair_iterable` is `(V, V)`
    /// and `@@iterator` is `values` instead of `entries`; `Some(true)` for a readonly one.
    pub setlike: Option<bool>,
    /// `async iterable<V>(args)` (<https://webidl.spec.whatwg.org/#idl-async-iterable>).
    pub async_iterable: Option<AsyncIterable>,
    /// `[LegacyFactoryFunction=Name(…)]`: the function's name and its operation.
    pub legacy_factory_functions: Vec<(String, Operation)>,
    /// The operation that is the indexed property getter (`getter … item(unsigned long)`).
    pub indexed_getter: Option<String>,
    /// An anonymous indexed property getter (`getter T (unsigned long index)`): the operation
    /// `indexed_getter` names ("IndexedGetter"), which is not a method script can call.
    pub anonymous_indexed_getter: Option<Operation>,
    /// The anonymous indexed property setter (`setter undefined (unsigned long index, T value)`).
    pub indexed_setter: Option<Operation>,
    /// The named property getter, setter and deleter
    /// (<https://webidl.spec.whatwg.org/#idl-named-properties>).
    pub named_getter: Option<NamedOperation>,
    pub named_setter: Option<NamedOperation>,
    pub named_deleter: Option<NamedOperation>,
    pub location: Location,
}

/// An async iterable declaration: the value type and the arguments of `values()`.
#[derive(Clone, Debug, PartialEq)]
pub struct AsyncIterable {
    pub value: Type,
    pub args: Vec<Argument>,
    pub location: Location,
}

/// Which special operation (<https://webidl.spec.whatwg.org/#idl-special-operations>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecialKind {
    Getter,
    Setter,
    Deleter,
}

/// A named property getter, setter or deleter.
#[derive(Clone, Debug, PartialEq)]
pub enum NamedOperation {
    /// A regular operation of the interface (by name) that is also the special operation
    /// (`getter DOMString? getItem(DOMString key)`).
    Regular(String),
    /// Declared without an identifier (`getter DOMString (DOMString name)`): script cannot
    /// call it; the `…Methods` trait has `NamedGetter`, `NamedSetter` or `NamedDeleter`.
    Anonymous(Operation),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Namespace {
    pub name: String,
    pub attrs: InterfaceAttrs,
    pub operations: Vec<Operation>,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DictionaryMember {
    pub name: String,
    pub ty: Type,
    pub required: bool,
    pub default: Option<DefaultValue>,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dictionary {
    pub name: String,
    pub parent: Option<String>,
    /// Sorted by name, as WebIDL processes them.
    pub members: Vec<DictionaryMember>,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    pub name: String,
    pub values: Vec<String>,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CallbackFunction {
    pub name: String,
    pub args: Vec<Argument>,
    pub ret: Type,
    /// `[LegacyTreatNonObjectAsNull]` (event handlers).
    pub treat_non_object_as_null: bool,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CallbackInterface {
    pub name: String,
    /// The single operation a callback interface object may implement.
    pub operation: Operation,
    pub constants: Vec<Constant>,
    /// `[Exposed=Window]`: with constants, it has a legacy callback interface object.
    pub exposed: bool,
    pub location: Location,
}

/// Everything the generator knows after resolution.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub interfaces: BTreeMap<String, Interface>,
    pub namespaces: BTreeMap<String, Namespace>,
    pub dictionaries: BTreeMap<String, Dictionary>,
    pub enums: BTreeMap<String, Enum>,
    pub callbacks: BTreeMap<String, CallbackFunction>,
    pub callback_interfaces: BTreeMap<String, CallbackInterface>,
}

impl Model {
    /// The chain of interfaces from the root ancestor down to `name`.
    pub fn ancestry(&self, name: &str) -> Vec<&Interface> {
        let mut chain = Vec::new();
        let mut current = self.interfaces.get(name);
        while let Some(iface) = current {
            chain.push(iface);
            current = iface.parent.as_deref().and_then(|p| self.interfaces.get(p));
        }
        chain.reverse();
        chain
    }

    /// Inheritance depth: 0 for a root interface.
    pub fn depth(&self, name: &str) -> usize {
        self.ancestry(name).len().saturating_sub(1)
    }

    /// Dictionary members including inherited ones, ancestors first.
    pub fn dictionary_chain(&self, name: &str) -> Vec<&Dictionary> {
        let mut chain = Vec::new();
        let mut current = self.dictionaries.get(name);
        while let Some(d) = current {
            chain.push(d);
            current = d.parent.as_deref().and_then(|p| self.dictionaries.get(p));
        }
        chain.reverse();
        chain
    }
}
