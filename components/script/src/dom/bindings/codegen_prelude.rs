//! Everything generated bindings refer to, in one glob import.

pub use std::ptr::NonNull;
pub use std::rc::Rc;

pub use mozjs::context::JSContext;
pub use mozjs::jsapi::{
    CallArgs, HandleObject as RawHandleObject, HandleValueArray, JSAutoRealm, JSContext as RawJSContext,
    JSJitGetterCallArgs, JSJitMethodCallArgs, JSJitSetterCallArgs, JSObject, JSPROP_ENUMERATE, JSPROP_PERMANENT,
    JSPROP_READONLY, JSTracer,
};
pub use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
pub use mozjs::rooted;
pub use mozjs::rust::{HandleObject, HandleValue, MutableHandleObject, MutableHandleValue, maybe_wrap_value};

pub use crate::dom::bindings::asynciterable::{
    AsyncIteratorSteps, create_async_iterator_prototype, define_async_iterator_alias, new_async_iterator,
};
pub use crate::dom::bindings::callback::{CallbackFunction, CallbackInterface, ExceptionHandling, callable_from_jsval};
pub use crate::dom::bindings::classes::{
    DomObjectWrap, SyncClassOps, create_namespace_object, dom_class_ops, dom_instance_class, finalize_dom_struct,
    namespace_class, new_dom_global, new_dom_reflector, prototype_class, trace_dom_struct,
};
pub use crate::dom::bindings::codegen::PrototypeList;
pub use crate::dom::bindings::conversions::{
    ArrayBufferBytes, ArrayBufferViewBytes, ConversionResult, DictionaryShape, Failure, FromJSVal, IntConversion,
    StringificationBehavior, ToJSVal, convert, dictionary_values_buffer, get_property, is_callable, jsval_to_string,
    new_dictionary_object, new_plain_object, reflector_to_jsval, root_from_object, set_dictionary_property,
};
pub use crate::dom::bindings::error::{Error, ErrorResult, Fallible, throw_dom_exception, throw_type_error};
pub use crate::dom::bindings::inheritance::{DerivedFrom, IDLInterface};
pub use crate::dom::bindings::interface::{
    Condition, ConstantSpec, ConstantValue, DOMClass, DOMJSClass, Exposure, InterfaceSpec, JSNativeFn,
    ProtoOrIfaceArray, SyncClass, SyncFunctionSpecs, SyncPropertySpecs, check_constructing, create_interface_objects,
    create_legacy_callback_interface_object, define_global_members, define_unforgeable_members, get_desired_proto,
    get_per_interface_object, set_global_prototype,
};
pub use crate::dom::bindings::iterable::{
    PairIteration, define_array_iterator_members, define_pair_iterator_alias, pair_iteration,
};
pub use crate::dom::bindings::jit::{
    Args, FUNCTION_SPEC_END, JitInfo, PROPERTY_SPEC_END, attribute_spec, cached_slot_value, exception_to_promise,
    getter_rval, has_iterator, is_array_buffer, is_array_buffer_view, is_typed_array, method_spec,
    promise_attribute_spec, setter_arg, static_attribute_spec, static_method_spec, store_cached_slot_value,
};
pub use crate::dom::bindings::num::Finite;
pub use crate::dom::bindings::promise::Promise;
pub use crate::dom::bindings::proxyhandler::{IndexedHooks, NamedHooks, NamedResult, new_dom_proxy};
pub use crate::dom::bindings::record::Record;
pub use crate::dom::bindings::reflector::DomObject;
pub use crate::dom::bindings::root::DomRoot;
pub use crate::dom::bindings::str::{ByteString, DOMString, USVString};
pub use crate::dom::bindings::trace::JSTraceable;
pub use crate::dom::globalscope::DomGlobal;
pub use crate::dom::types::*;
