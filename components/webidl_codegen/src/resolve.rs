//! From raw definitions to the resolved [`Model`]: partials merged, mixins
//! included, typedefs expanded, names classified, extended attributes checked.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::Error;
use crate::model::*;
use crate::parse::{RawArgument, RawDefinition, RawExtAttr, RawMember, RawType, TypeAnnotation};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Interface,
    Dictionary,
    Enum,
    Callback,
    CallbackInterface,
    Typedef,
    Mixin,
    Namespace,
}

struct Resolver {
    kinds: HashMap<String, Kind>,
    typedefs: HashMap<String, (RawType, Location)>,
    errors: Vec<Error>,
}

/// Resolves every definition of every file into one model.
pub(crate) fn resolve(defs: Vec<RawDefinition>) -> Result<Model, Vec<Error>> {
    let mut r = Resolver { kinds: HashMap::new(), typedefs: HashMap::new(), errors: Vec::new() };

    // Pass 1: names and their kinds.
    for def in &defs {
        let (name, kind, partial, loc) = match def {
            RawDefinition::Interface { name, partial, location, .. } => (name, Kind::Interface, *partial, location),
            RawDefinition::Mixin { name, partial, location, .. } => (name, Kind::Mixin, *partial, location),
            RawDefinition::Namespace { name, partial, location, .. } => (name, Kind::Namespace, *partial, location),
            RawDefinition::Dictionary { name, partial, location, .. } => (name, Kind::Dictionary, *partial, location),
            RawDefinition::Enum { name, location, .. } => (name, Kind::Enum, false, location),
            RawDefinition::Typedef { name, location, .. } => (name, Kind::Typedef, false, location),
            RawDefinition::Callback { name, location, .. } => (name, Kind::Callback, false, location),
            RawDefinition::CallbackInterface { name, location, .. } => (name, Kind::CallbackInterface, false, location),
            RawDefinition::Includes { .. } => continue,
        };
        if partial {
            continue;
        }
        if let Some(previous) = r.kinds.insert(name.clone(), kind)
            && (previous != kind || kind != Kind::Typedef)
        {
            r.errors.push(Error::new(loc.clone(), format!("`{name}` is defined twice")));
        }
        if let RawDefinition::Typedef { ty, location, .. } = def {
            r.typedefs.insert(name.clone(), (ty.clone(), location.clone()));
        }
    }

    // Pass 2: collect definitions, merging partials in.
    let mut interfaces: BTreeMap<String, Interface> = BTreeMap::new();
    let mut mixins: BTreeMap<String, (Vec<RawMember>, Vec<RawExtAttr>)> = BTreeMap::new();
    let mut namespaces: BTreeMap<String, Namespace> = BTreeMap::new();
    let mut dictionaries: BTreeMap<String, Dictionary> = BTreeMap::new();
    let mut model = Model::default();
    let mut partial_interfaces = Vec::new();
    let mut partial_dictionaries = Vec::new();
    let mut partial_namespaces = Vec::new();
    let mut includes = Vec::new();

    for def in defs {
        match def {
            RawDefinition::Interface { name, parent, partial: false, ext, members, location } => {
                let attrs = r.interface_attrs(&ext, &location);
                let mut iface = Interface {
                    name: name.clone(),
                    parent,
                    attrs,
                    constructors: Vec::new(),
                    attributes: Vec::new(),
                    operations: Vec::new(),
                    constants: Vec::new(),
                    stringifier: false,
                    stringifier_throws: false,
                    value_iterable: None,
                    pair_iterable: None,
                    setlike: None,
                    async_iterable: None,
                    indexed_getter: None,
                    indexed_setter: None,
                    anonymous_indexed_getter: None,
                    named_getter: None,
                    named_setter: None,
                    named_deleter: None,
                    legacy_factory_functions: Vec::new(),
                    location,
                };
                // <https://webidl.spec.whatwg.org/#LegacyFactoryFunction>: each is an operation
                // named "legacy factory function" returning the interface.
                for e in ext.iter().filter(|e| e.name == "LegacyFactoryFunction") {
                    if let (Some(name), Some(args)) = (e.values.first(), &e.args) {
                        let location = iface.location.clone();
                        let args = r.arguments(args, &location);
                        iface.legacy_factory_functions.push((
                            name.clone(),
                            Operation {
                                name: "legacy factory function".into(),
                                args,
                                ret: Type::Interface(iface.name.clone()),
                                is_static: true,
                                attrs: MemberAttrs { throws: true, ..MemberAttrs::default() },
                                location,
                            },
                        ));
                    }
                }
                r.add_members(&mut iface, members, &MemberAttrs::default());
                interfaces.insert(name, iface);
            }
            RawDefinition::Interface { partial: true, .. } => partial_interfaces.push(def),
            RawDefinition::Mixin { name, partial, ext, members, location } => {
                let entry = mixins.entry(name.clone()).or_default();
                if partial {
                    // A partial mixin's extended attributes apply to its own members.
                    let inherited = r.member_defaults(&ext, &location);
                    entry.0.extend(members.into_iter().map(|m| with_defaults(m, &inherited)));
                } else {
                    entry.0.extend(members);
                    entry.1 = ext;
                }
            }
            RawDefinition::Namespace { partial: true, .. } => partial_namespaces.push(def),
            RawDefinition::Namespace { name, partial: false, ext, members, location } => {
                let attrs = r.interface_attrs(&ext, &location);
                let mut ns = Namespace { name: name.clone(), attrs, operations: Vec::new(), location };
                r.add_namespace_members(&mut ns, members, &MemberAttrs::default());
                namespaces.insert(name, ns);
            }
            RawDefinition::Dictionary { partial: true, .. } => partial_dictionaries.push(def),
            RawDefinition::Dictionary { name, parent, partial: false, members, location } => {
                let members = members
                    .into_iter()
                    .map(|m| DictionaryMember {
                        name: m.name,
                        ty: r.ty(&m.ty, &m.location),
                        required: m.required,
                        default: m.default,
                        location: m.location,
                    })
                    .collect();
                dictionaries.insert(name.clone(), Dictionary { name, parent, members, location });
            }
            RawDefinition::Enum { name, values, location } => {
                let mut seen = BTreeSet::new();
                for v in &values {
                    if !seen.insert(v) {
                        r.errors.push(Error::new(location.clone(), format!("enum {name} repeats the value \"{v}\"")));
                    }
                }
                model.enums.insert(name.clone(), Enum { name, values, location });
            }
            RawDefinition::Typedef { .. } => {}
            RawDefinition::Callback { name, args, ret, ext, location } => {
                let mut treat_non_object_as_null = false;
                for e in &ext {
                    match (e.name.as_str(), e.has_value) {
                        ("LegacyTreatNonObjectAsNull", false) => treat_non_object_as_null = true,
                        _ => r.errors.push(Error::new(
                            location.clone(),
                            format!("unsupported extended attribute [{}] on callback {name}", e.name),
                        )),
                    }
                }
                let args = r.arguments(&args, &location);
                let ret = r.ty(&ret, &location);
                model
                    .callbacks
                    .insert(name.clone(), CallbackFunction { name, args, ret, treat_non_object_as_null, location });
            }
            RawDefinition::CallbackInterface { name, exposed, members, location } => {
                let mut operation = None;
                let mut constants = Vec::new();
                for m in members {
                    match m {
                        RawMember::Operation { name: op, args, ret, is_static: false, ext, location: l } => {
                            if operation.is_some() {
                                r.errors
                                    .push(Error::new(l.clone(), "a callback interface may have only one operation"));
                            }
                            let attrs = r.member_attrs(&ext, &l, &MemberAttrs::default());
                            operation = Some(Operation {
                                name: op,
                                args: r.arguments(&args, &l),
                                ret: r.ty(&ret, &l),
                                is_static: false,
                                attrs,
                                location: l,
                            });
                        }
                        RawMember::Const { name: c, ty, value, location: l } => {
                            let ty = r.ty(&ty, &l);
                            constants.push(Constant { name: c, ty, value, location: l })
                        }
                        _ => r.errors.push(Error::new(
                            location.clone(),
                            "callback interfaces may only hold one operation and constants",
                        )),
                    }
                }
                match operation {
                    Some(operation) => {
                        model
                            .callback_interfaces
                            .insert(name.clone(), CallbackInterface { name, operation, constants, exposed, location });
                    }
                    None => r.errors.push(Error::new(location, format!("callback interface {name} has no operation"))),
                }
            }
            RawDefinition::Includes { target, mixin, location } => includes.push((target, mixin, location)),
        }
    }

    for def in partial_interfaces {
        if let RawDefinition::Interface { name, ext, members, location, .. } = def {
            let inherited = r.member_defaults(&ext, &location);
            match interfaces.get_mut(&name) {
                Some(iface) => r.add_members(iface, members, &inherited),
                None => r.errors.push(Error::new(location, format!("partial interface {name} has no interface"))),
            }
        }
    }
    for def in partial_namespaces {
        if let RawDefinition::Namespace { name, ext, members, location, .. } = def {
            let inherited = r.member_defaults(&ext, &location);
            match namespaces.get_mut(&name) {
                Some(ns) => r.add_namespace_members(ns, members, &inherited),
                None => r.errors.push(Error::new(location, format!("partial namespace {name} has no namespace"))),
            }
        }
    }
    for def in partial_dictionaries {
        if let RawDefinition::Dictionary { name, members, location, .. } = def {
            let resolved: Vec<DictionaryMember> = members
                .into_iter()
                .map(|m| DictionaryMember {
                    name: m.name,
                    ty: r.ty(&m.ty, &m.location),
                    required: m.required,
                    default: m.default,
                    location: m.location,
                })
                .collect();
            match dictionaries.get_mut(&name) {
                Some(d) => d.members.extend(resolved),
                None => r.errors.push(Error::new(location, format!("partial dictionary {name} has no dictionary"))),
            }
        }
    }
    for (target, mixin, location) in includes {
        let Some((members, ext)) = mixins.get(&mixin).cloned() else {
            r.errors.push(Error::new(location, format!("{target} includes unknown mixin {mixin}")));
            continue;
        };
        let inherited = r.member_defaults(&ext, &location);
        match interfaces.get_mut(&target) {
            Some(iface) => r.add_members(iface, members, &inherited),
            None => r.errors.push(Error::new(location, format!("{target} (including {mixin}) is not an interface"))),
        }
    }

    // Checks across definitions.
    for iface in interfaces.values() {
        if let Some(parent) = &iface.parent
            && !interfaces.contains_key(parent)
        {
            r.errors.push(Error::new(
                iface.location.clone(),
                format!("{} inherits from unknown interface {parent}", iface.name),
            ));
        }
        let mut names = BTreeSet::new();
        for a in &iface.attributes {
            if !names.insert((a.name.clone(), a.is_static)) {
                r.errors.push(Error::new(a.location.clone(), format!("{}.{} is declared twice", iface.name, a.name)));
            }
        }
        for o in &iface.operations {
            if iface.attributes.iter().any(|a| a.name == o.name && a.is_static == o.is_static) {
                r.errors.push(Error::new(
                    o.location.clone(),
                    format!("{}.{} is both an attribute and an operation", iface.name, o.name),
                ));
            }
        }
    }
    for d in dictionaries.values_mut() {
        d.members.sort_by(|a, b| a.name.cmp(&b.name));
        for pair in d.members.windows(2) {
            if pair[0].name == pair[1].name {
                r.errors.push(Error::new(
                    pair[1].location.clone(),
                    format!("dictionary {} repeats member {}", d.name, pair[1].name),
                ));
            }
        }
        for m in &d.members {
            if m.required && m.default.is_some() {
                r.errors.push(Error::new(
                    m.location.clone(),
                    format!("required member {}.{} cannot have a default", d.name, m.name),
                ));
            }
        }
        if let Some(parent) = &d.parent
            && !r.kinds.get(parent).is_some_and(|k| *k == Kind::Dictionary)
        {
            r.errors.push(Error::new(
                d.location.clone(),
                format!("dictionary {} inherits from unknown dictionary {parent}", d.name),
            ));
        }
    }
    // Cycles in inheritance would loop forever later.
    for name in interfaces.keys() {
        let mut seen = BTreeSet::new();
        let mut current = Some(name.clone());
        while let Some(n) = current {
            if !seen.insert(n.clone()) {
                r.errors.push(Error::new(interfaces[name].location.clone(), format!("inheritance cycle through {n}")));
                break;
            }
            current = interfaces.get(&n).and_then(|i| i.parent.clone());
        }
    }

    model.interfaces = interfaces;
    model.namespaces = namespaces;
    model.dictionaries = dictionaries;
    if r.errors.is_empty() { Ok(model) } else { Err(r.errors) }
}

/// Copies a partial's or mixin's member-level extended attributes onto a member.
fn with_defaults(member: RawMember, defaults: &MemberAttrs) -> RawMember {
    let extra = |ext: &mut Vec<RawExtAttr>| {
        if defaults.secure_context && !ext.iter().any(|e| e.name == "SecureContext") {
            ext.push(RawExtAttr { name: "SecureContext".into(), values: vec![], has_value: false, args: None });
        }
        if let Some(p) = &defaults.pref
            && !ext.iter().any(|e| e.name == "Pref")
        {
            ext.push(RawExtAttr { name: "Pref".into(), values: vec![p.clone()], has_value: true, args: None });
        }
    };
    match member {
        RawMember::Operation { name, args, ret, is_static, mut ext, location } => {
            extra(&mut ext);
            RawMember::Operation { name, args, ret, is_static, ext, location }
        }
        RawMember::Attribute { name, ty, readonly, is_static, stringifier, mut ext, location } => {
            extra(&mut ext);
            RawMember::Attribute { name, ty, readonly, is_static, stringifier, ext, location }
        }
        other => other,
    }
}

/// Global names `[Exposed]` may list (<https://webidl.spec.whatwg.org/#Exposed>): Aperture has
/// `Window` and `DedicatedWorker` globals (`Worker` names every worker global); the other
/// kinds of worker and worklet do not exist here, so an interface exposed only there is never
/// defined.
const KNOWN_GLOBALS: &[&str] = &[
    "*",
    "Window",
    "Worker",
    "DedicatedWorker",
    "SharedWorker",
    "ServiceWorker",
    "Worklet",
    "AudioWorklet",
    "PaintWorklet",
];

impl Resolver {
    fn interface_attrs(&mut self, ext: &[RawExtAttr], loc: &Location) -> InterfaceAttrs {
        let mut attrs = InterfaceAttrs::default();
        for e in ext {
            match (e.name.as_str(), e.has_value) {
                ("Exposed", true) => attrs.exposed = e.values.clone(),
                ("SecureContext", false) => attrs.secure_context = true,
                ("Pref", true) if e.values.len() == 1 => attrs.pref = Some(e.values[0].clone()),
                ("Global", _) => attrs.global = true,
                ("LegacyNoInterfaceObject", false) => attrs.legacy_no_interface_object = true,
                ("LegacyUnenumerableNamedProperties", false) => attrs.legacy_unenumerable_named_properties = true,
                ("LegacyOverrideBuiltIns", false) => attrs.legacy_override_builtins = true,
                ("LegacyWindowAlias", true) => attrs.legacy_window_alias = e.values.clone(),
                // Resolved with the interface's members (its arguments become an operation).
                ("LegacyFactoryFunction", true) if e.args.is_some() => {}
                _ => self
                    .errors
                    .push(Error::new(loc.clone(), format!("unsupported interface extended attribute [{}]", e.name))),
            }
        }
        if attrs.exposed.is_empty() {
            self.errors.push(Error::new(loc.clone(), "every interface and namespace needs [Exposed=…]"));
        }
        for global in &attrs.exposed {
            if !KNOWN_GLOBALS.contains(&global.as_str()) {
                self.errors.push(Error::new(loc.clone(), format!("[Exposed={global}]: no such global name")));
            }
        }
        attrs
    }

    /// Extended attributes of a partial interface or mixin that its members inherit.
    fn member_defaults(&mut self, ext: &[RawExtAttr], loc: &Location) -> MemberAttrs {
        let mut attrs = MemberAttrs::default();
        for e in ext {
            match (e.name.as_str(), e.has_value) {
                ("SecureContext", false) => attrs.secure_context = true,
                ("Pref", true) if e.values.len() == 1 => attrs.pref = Some(e.values[0].clone()),
                // A partial or mixin's exposure: members exposed only in Window globals.
                ("Exposed", true) if e.values.iter().all(|g| KNOWN_GLOBALS.contains(&g.as_str())) => {
                    attrs.window_only = e.values.iter().all(|g| g == "Window");
                }
                _ => self.errors.push(Error::new(
                    loc.clone(),
                    format!("unsupported extended attribute [{}] on a partial or mixin", e.name),
                )),
            }
        }
        attrs
    }

    fn member_attrs(&mut self, ext: &[RawExtAttr], loc: &Location, defaults: &MemberAttrs) -> MemberAttrs {
        let mut attrs = defaults.clone();
        for e in ext {
            match (e.name.as_str(), e.has_value) {
                ("Throws", false) => attrs.throws = true,
                ("SetterThrows", false) => attrs.setter_throws = true,
                ("SameObject", false) => attrs.same_object = true,
                ("NewObject", false) => attrs.new_object = true,
                ("Pref", true) if e.values.len() == 1 => attrs.pref = Some(e.values[0].clone()),
                ("SecureContext", false) => attrs.secure_context = true,
                ("LegacyUnforgeable", false) => attrs.legacy_unforgeable = true,
                ("Replaceable", false) => attrs.replaceable = true,
                ("PutForwards", true) if e.values.len() == 1 => attrs.put_forwards = Some(e.values[0].clone()),
                ("LegacyLenientThis", false) => attrs.legacy_lenient_this = true,
                ("Default", false) => attrs.default = true,
                ("CEReactions", false) => attrs.ce_reactions = true,
                ("HTMLConstructor", false) => attrs.html_constructor = true,
                // `[Exposed=Window]` on a member: on Window globals only.
                ("Exposed", true) if e.values.iter().all(|g| KNOWN_GLOBALS.contains(&g.as_str())) => {
                    attrs.window_only = e.values.iter().all(|g| g == "Window");
                }
                _ => self
                    .errors
                    .push(Error::new(loc.clone(), format!("unsupported member extended attribute [{}]", e.name))),
            }
        }
        attrs
    }

    fn add_members(&mut self, iface: &mut Interface, members: Vec<RawMember>, defaults: &MemberAttrs) {
        for member in members {
            match member {
                RawMember::Constructor { args, ext, location } => {
                    let location = if location.line == 0 { iface.location.clone() } else { location };
                    let attrs = self.member_attrs(&ext, &location, defaults);
                    let args = self.arguments(&args, &location);
                    iface.constructors.push(Operation {
                        name: "constructor".into(),
                        args,
                        ret: Type::Interface(iface.name.clone()),
                        is_static: true,
                        attrs,
                        location,
                    });
                }
                RawMember::Operation { name, args, ret, is_static, ext, location } => {
                    let attrs = self.member_attrs(&ext, &location, defaults);
                    let op = Operation {
                        name,
                        args: self.arguments(&args, &location),
                        ret: self.ty(&ret, &location),
                        is_static,
                        attrs,
                        location,
                    };
                    self.check_operation(&op);
                    iface.operations.push(op);
                }
                RawMember::Attribute { name, ty, readonly, is_static, stringifier, ext, location } => {
                    let attrs = self.member_attrs(&ext, &location, defaults);
                    let ty = self.ty(&ty, &location);
                    if matches!(ty.inner(), Type::Sequence(_) | Type::Record(..) | Type::Dictionary(_)) {
                        self.errors.push(Error::new(
                            location.clone(),
                            format!("attribute {name} cannot have a sequence, record or dictionary type"),
                        ));
                    }
                    if stringifier {
                        iface.stringifier = true;
                    }
                    iface.attributes.push(Attribute { name, ty, readonly, is_static, stringifier, attrs, location });
                }
                RawMember::Const { name, ty, value, location } => {
                    let ty = self.ty(&ty, &location);
                    iface.constants.push(Constant { name, ty, value, location });
                }
                RawMember::Stringifier { throws, .. } => {
                    iface.stringifier = true;
                    iface.stringifier_throws = throws;
                }
                RawMember::ValueIterable { ty, location } => {
                    let location = if location.line == 0 { iface.location.clone() } else { location };
                    iface.value_iterable = Some(self.ty(&ty, &location));
                }
                RawMember::PairIterable { key, value, location } => {
                    let location = if location.line == 0 { iface.location.clone() } else { location };
                    iface.pair_iterable = Some((self.ty(&key, &location), self.ty(&value, &location)));
                }
                RawMember::Setlike { ty, readonly, location } => {
                    let location = if location.line == 0 { iface.location.clone() } else { location };
                    let ty = self.ty(&ty, &location);
                    iface.pair_iterable = Some((ty.clone(), ty));
                    iface.setlike = Some(readonly);
                }
                RawMember::AsyncIterable { ty, args, location } => {
                    let location = if location.line == 0 { iface.location.clone() } else { location };
                    let value = self.ty(&ty, &location);
                    let args = self.arguments(&args, &location);
                    iface.async_iterable = Some(AsyncIterable { value, args, location });
                }
                RawMember::Special { kind: SpecialKind::Getter, named: false, name, location } => {
                    if iface.indexed_getter.replace(name).is_some() {
                        self.errors.push(Error::new(location, format!("{} has two indexed getters", iface.name)));
                    }
                }
                RawMember::Special { kind, name, location, .. } => {
                    self.add_named(iface, kind, NamedOperation::Regular(name), location);
                }
                RawMember::AnonymousSpecial { kind, named, args, ret, ext, location } => {
                    let attrs = self.member_attrs(&ext, &location, defaults);
                    let name = match kind {
                        SpecialKind::Getter if !named => "IndexedGetter",
                        _ if !named => "IndexedSetter",
                        SpecialKind::Getter => "NamedGetter",
                        SpecialKind::Setter => "NamedSetter",
                        SpecialKind::Deleter => "NamedDeleter",
                    };
                    let op = Operation {
                        name: name.into(),
                        args: self.arguments(&args, &location),
                        ret: self.ty(&ret, &location),
                        is_static: false,
                        attrs,
                        location: location.clone(),
                    };
                    self.check_operation(&op);
                    if !named && kind == SpecialKind::Getter {
                        // An anonymous indexed getter: a hidden operation the hooks call.
                        if iface.indexed_getter.replace("IndexedGetter".into()).is_some() {
                            self.errors.push(Error::new(location, format!("{} has two indexed getters", iface.name)));
                        }
                        // Its trait method answers `None` for an index that is not supported.
                        let mut op = op;
                        if !op.ret.is_nullable() {
                            op.ret = Type::Nullable(Box::new(op.ret.clone()));
                        }
                        iface.anonymous_indexed_getter = Some(op);
                        continue;
                    }
                    if !named {
                        // (The parser lets through anonymous indexed getters and setters only.)
                        if iface.indexed_setter.replace(op).is_some() {
                            self.errors.push(Error::new(location, format!("{} has two indexed setters", iface.name)));
                        }
                        continue;
                    }
                    self.add_named(iface, kind, NamedOperation::Anonymous(op), location);
                }
            }
        }
    }

    /// Records a named property getter, setter or deleter; an interface has at most one of each.
    fn add_named(&mut self, iface: &mut Interface, kind: SpecialKind, op: NamedOperation, location: Location) {
        let (slot, what) = match kind {
            SpecialKind::Getter => (&mut iface.named_getter, "getters"),
            SpecialKind::Setter => (&mut iface.named_setter, "setters"),
            SpecialKind::Deleter => (&mut iface.named_deleter, "deleters"),
        };
        if slot.replace(op).is_some() {
            self.errors.push(Error::new(location, format!("{} has two named property {what}", iface.name)));
        }
    }

    fn add_namespace_members(&mut self, ns: &mut Namespace, members: Vec<RawMember>, defaults: &MemberAttrs) {
        for member in members {
            match member {
                RawMember::Operation { name, args, ret, ext, location, .. } => {
                    let attrs = self.member_attrs(&ext, &location, defaults);
                    let op = Operation {
                        name,
                        args: self.arguments(&args, &location),
                        ret: self.ty(&ret, &location),
                        is_static: true,
                        attrs,
                        location,
                    };
                    self.check_operation(&op);
                    ns.operations.push(op);
                }
                _ => self.errors.push(Error::new(ns.location.clone(), "namespaces may only hold operations")),
            }
        }
    }

    fn check_operation(&mut self, op: &Operation) {
        let mut seen_optional = false;
        for (i, arg) in op.args.iter().enumerate() {
            if arg.variadic && i + 1 != op.args.len() {
                self.errors.push(Error::new(
                    op.location.clone(),
                    format!("variadic argument {} of {} must be last", arg.name, op.name),
                ));
            }
            if arg.optional {
                seen_optional = true;
            } else if seen_optional && !arg.variadic {
                self.errors.push(Error::new(
                    op.location.clone(),
                    format!("required argument {} of {} follows an optional one", arg.name, op.name),
                ));
            }
        }
        if matches!(op.ret, Type::Promise(_)) && op.attrs.throws {
            self.errors.push(Error::new(
                op.location.clone(),
                format!("{} returns a promise and must not be [Throws]: it rejects instead", op.name),
            ));
        }
    }

    fn arguments(&mut self, args: &[RawArgument], loc: &Location) -> Vec<Argument> {
        args.iter()
            .map(|a| Argument {
                name: a.name.clone(),
                ty: self.ty(&a.ty, loc),
                optional: a.optional,
                variadic: a.variadic,
                default: a.default.clone(),
            })
            .collect()
    }

    fn ty(&mut self, raw: &RawType, loc: &Location) -> Type {
        self.ty_depth(raw, loc, 0)
    }

    fn ty_depth(&mut self, raw: &RawType, loc: &Location, depth: usize) -> Type {
        if depth > 32 {
            self.errors.push(Error::new(loc.clone(), "typedefs nest too deeply (a cycle?)"));
            return Type::Any;
        }
        match raw {
            RawType::Any => Type::Any,
            RawType::Undefined => Type::Undefined,
            RawType::Boolean => Type::Boolean,
            RawType::Integer(k) => Type::Integer(*k, IntConversion::Default),
            RawType::Float { double, unrestricted } => Type::Float { double: *double, unrestricted: *unrestricted },
            RawType::DOMString => Type::DOMString { null_to_empty: false },
            RawType::USVString => Type::USVString,
            RawType::ByteString => Type::ByteString,
            RawType::Object => Type::Object,
            RawType::ArrayBuffer => Type::ArrayBuffer,
            RawType::ArrayBufferView => Type::ArrayBufferView,
            RawType::TypedArray(name) => Type::TypedArray(name.clone()),
            RawType::Sequence(t) => Type::Sequence(Box::new(self.ty_depth(t, loc, depth + 1))),
            RawType::FrozenArray(t) => Type::FrozenArray(Box::new(self.ty_depth(t, loc, depth + 1))),
            RawType::Record(k, v) => {
                Type::Record(Box::new(self.ty_depth(k, loc, depth + 1)), Box::new(self.ty_depth(v, loc, depth + 1)))
            }
            RawType::Promise(t) => Type::Promise(Box::new(self.ty_depth(t, loc, depth + 1))),
            RawType::Union(ms) => Type::Union(ms.iter().map(|m| self.ty_depth(m, loc, depth + 1)).collect()),
            RawType::Nullable(t) => {
                let inner = self.ty_depth(t, loc, depth + 1);
                if inner.includes_nullable() || matches!(inner, Type::Any | Type::Promise(_) | Type::Undefined) {
                    self.errors.push(Error::new(loc.clone(), format!("{}? is not a valid nullable type", inner.idl())));
                }
                Type::Nullable(Box::new(inner))
            }
            RawType::Annotated { inner, annotation } => {
                let inner = self.ty_depth(inner, loc, depth + 1);
                self.annotate(inner, *annotation, loc)
            }
            RawType::Named(name) => match self.kinds.get(name).copied() {
                Some(Kind::Interface) => Type::Interface(name.clone()),
                Some(Kind::Dictionary) => Type::Dictionary(name.clone()),
                Some(Kind::Enum) => Type::Enum(name.clone()),
                Some(Kind::Callback) => Type::CallbackFunction(name.clone()),
                Some(Kind::CallbackInterface) => Type::CallbackInterface(name.clone()),
                Some(Kind::Typedef) => {
                    let (ty, _) = self.typedefs[name].clone();
                    self.ty_depth(&ty, loc, depth + 1)
                }
                Some(Kind::Mixin) | Some(Kind::Namespace) => {
                    self.errors.push(Error::new(loc.clone(), format!("{name} is not a type")));
                    Type::Any
                }
                None => {
                    self.errors.push(Error::new(loc.clone(), format!("unknown type {name}")));
                    Type::Any
                }
            },
        }
    }

    fn annotate(&mut self, ty: Type, annotation: TypeAnnotation, loc: &Location) -> Type {
        match (ty, annotation) {
            (Type::Integer(k, IntConversion::Default), TypeAnnotation::Clamp) => Type::Integer(k, IntConversion::Clamp),
            (Type::Integer(k, IntConversion::Default), TypeAnnotation::EnforceRange) => {
                Type::Integer(k, IntConversion::EnforceRange)
            }
            (Type::Nullable(inner), TypeAnnotation::Clamp | TypeAnnotation::EnforceRange) => {
                Type::Nullable(Box::new(self.annotate(*inner, annotation, loc)))
            }
            (Type::DOMString { .. }, TypeAnnotation::LegacyNullToEmptyString) => {
                Type::DOMString { null_to_empty: true }
            }
            (ty, ann) => {
                self.errors.push(Error::new(loc.clone(), format!("[{ann:?}] cannot apply to {}", ty.idl())));
                ty
            }
        }
    }
}
