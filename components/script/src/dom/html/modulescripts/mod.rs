//! JavaScript module scripts (<https://html.spec.whatwg.org/multipage/webappapis.html#module-script>):
//! `<script type="module">`, `import`, `import()`, `import.meta`, import maps and module
//! workers.
//!
//! SpiderMonkey runs the ECMAScript side (linking, evaluation, cycles, top-level await); the
//! host answers its `HostLoadImportedModule` hook ([`host_load_imported_module`]) for every
//! static and dynamic import, and its `import.meta` hook. Each global keeps a
//! [`ModuleLoader`]: the module map (one module record per URL and type, or the parse error or
//! fetch failure the URL gave), the import map, and the URLs the records' private values point
//! to.
//!
//! Fetches are synchronous here, as for classic scripts: the hook fetches, compiles and
//! finishes the load before it returns, which ECMAScript allows
//! (<https://tc39.es/ecma262/#sec-HostLoadImportedModule>: the host may call
//! FinishLoadingImportedModule "at some future time", including synchronously). A graph is
//! therefore complete when `LoadRequestedModules` returns; `import()` still settles its
//! promise from a microtask, and a module's body still runs only at evaluation.

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

pub mod importmap;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::c_void;
use std::ptr::NonNull;

use mozjs::context::JSContext;
use mozjs::jsapi::{
    CallArgs, CompileJsonModule1, CompileModule1, ExceptionStackBehavior, FinishLoadingImportedModule,
    FinishLoadingImportedModuleFailed, GetFunctionNativeReserved, GetModuleRequestSpecifier, GetModuleRequestType,
    Handle as RawHandle, Heap, IsPromiseObject, JS_GetFunctionObject, JS_IsExceptionPending, JSContext as RawJSContext,
    JSObject, JSRuntime, JSScript, LoadRequestedModules, ModuleEvaluate, ModuleLink, ModuleType,
    NewFunctionWithReserved, SetFunctionNativeReserved, SetModuleLoadHook, SetModuleMetadataHook, SetModulePrivate,
    Value,
};
use mozjs::jsval::{JSVal, ObjectValue, PrivateValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleObject;
use url::Url;

use self::importmap::ImportMap;
use crate::dom::bindings::conversions::{ToJSVal, jsval_to_string};
use crate::dom::html::window::Window;

/// The type of a module request (<https://html.spec.whatwg.org/multipage/webappapis.html#module-type-from-module-request>):
/// JavaScript, or JSON for `with { type: "json" }`.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub enum ModuleKind {
    JavaScript,
    Json,
}

/// One entry of the module map (<https://html.spec.whatwg.org/multipage/webappapis.html#module-map>).
#[derive(crate::dom::bindings::trace::JSTraceable)]
enum ModuleEntry {
    /// A module record.
    Module(Box<Heap<*mut JSObject>>),
    /// The exception compiling the source threw (its parse error, rethrown to every importer).
    ParseError(Box<Heap<JSVal>>),
    /// The fetch failed ("null" in the spec's map), with the reason for the console.
    FetchFailed(#[no_trace] String),
}

/// A global's module map, import map and module URLs.
#[derive(Default, crate::dom::bindings::trace::JSTraceable)]
pub struct ModuleLoader {
    map: RefCell<HashMap<(String, ModuleKind), ModuleEntry>>,
    #[no_trace]
    import_map: RefCell<ImportMap>,
    /// The URL of every script and module record this global compiled, by serialization; a
    /// record's private value points to one of these boxes, which live as long as the global
    /// (and so its scripts).
    #[no_trace]
    urls: RefCell<HashMap<String, Box<Url>>>,
    /// Set when a fetch of the graph being loaded failed: the `<script>` then gets an `error`
    /// event instead of an exception report.
    #[no_trace]
    fetch_failed: Cell<bool>,
}

/// What running a module graph came to, for the `<script>` element's events.
#[derive(Debug, PartialEq)]
pub enum ModuleOutcome {
    /// The graph was evaluated (an exception, if any, was reported): fire `load` for a
    /// script from a URL.
    Ran,
    /// A module of the graph could not be fetched: fire `error` at the element.
    FetchFailed,
}

/// Installs the module hooks on a runtime (the script thread's, and each worker's).
///
/// # Safety
/// `rt` must be the calling thread's live runtime.
pub unsafe fn install_hooks(rt: *mut JSRuntime) {
    // SAFETY: `rt` is the calling thread's live runtime (# Safety); the hooks are plain functions.
    unsafe {
        SetModuleLoadHook(rt, Some(host_load_imported_module));
        SetModuleMetadataHook(rt, Some(host_get_import_meta_properties));
    }
}

impl ModuleLoader {
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#register-an-import-map>: merges
    /// the `<script type="importmap">` text into the global's import map; a map that does not
    /// parse is reported as an exception of the global (the script element gets no event).
    pub fn register_import_map(&self, cx: &mut JSContext, window: &Window, text: &str, base: &Url) {
        match ImportMap::parse(text, base) {
            Ok((map, warnings)) => {
                for warning in warnings {
                    console_warning(window, warning);
                }
                self.import_map.borrow_mut().merge(map);
            }
            Err(error) => {
                let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.global_object().get());
                if error.0.starts_with("SyntaxError") {
                    // Not JSON: JSON.parse's own SyntaxError, as the spec's "parse a JSON
                    // string" throws it.
                    let units: Vec<u16> = text.encode_utf16().collect();
                    rooted!(&in(cx) let mut ignored = UndefinedValue());
                    // SAFETY: the buffer outlives the call; the realm is entered.
                    unsafe {
                        mozjs::jsapi::JS_ParseJSON(
                            cx.raw_cx(),
                            units.as_ptr(),
                            units.len() as u32,
                            ignored.handle_mut().into(),
                        )
                    };
                } else {
                    let message = error.0.strip_prefix("TypeError: ").unwrap_or(&error.0);
                    crate::dom::bindings::error::throw_type_error(cx, message);
                }
                crate::script_runtime::report_pending_exception(cx);
            }
        }
    }

    /// The private value of a script or module whose base URL is `url`: a pointer to the
    /// realm's copy of it.
    pub fn url_private(&self, url: Url) -> *const c_void {
        let mut urls = self.urls.borrow_mut();
        let boxed = urls.entry(url.as_str().to_owned()).or_insert_with(|| Box::new(url));
        &**boxed as *const Url as *const c_void
    }

    fn url_of_module(cx: &mut JSContext, module: *mut JSObject) -> Option<Url> {
        rooted!(&in(cx) let mut private = UndefinedValue());
        // SAFETY: `module` is a live module record; its private is undefined or one of our
        // `Box<Url>` pointers, which live as long as the global that owns the module.
        unsafe {
            mozjs::glue::JS_GetModulePrivate(module, private.handle_mut().into());
            (private.get().is_double() && !private.get().is_undefined())
                .then(|| (*(private.get().to_private() as *const Url)).clone())
        }
    }
}

/// A warning on the page's console (as browsers show for a refused module or import map rule).
fn console_warning(window: &Window, text: String) {
    crate::embedder::console_message(crate::embedder::ConsoleMessage {
        page: Some(window.page()),
        level: crate::embedder::ConsoleLevel::Warning,
        text,
        location: None,
        group_depth: 0,
    });
}

/// The base URL a request made from `referrer` resolves against: the module's URL, or for a
/// classic script (or none) the global's API base URL.
fn referrer_base_url(cx: &mut JSContext, window: &Window, referrer: *mut JSScript) -> Url {
    if !referrer.is_null() {
        rooted!(&in(cx) let mut private = UndefinedValue());
        // SAFETY: `referrer` is a live script handed to the hook; its private is undefined or
        // a `Box<Url>` pointer of this global's loader.
        unsafe {
            mozjs::glue::JS_GetScriptPrivate(referrer, private.handle_mut().into());
            if !private.get().is_undefined() {
                return (*(private.get().to_private() as *const Url)).clone();
            }
        }
    }
    window.api_base_url()
}

/// Fetches a script's `url` for `window`: `blob:` URLs from the store (this origin's only),
/// `data:` URLs, and `file:`/`http:` through the network layer, which must answer 2xx. With
/// `cors`, a response of another origin must allow this one (`Access-Control-Allow-Origin`;
/// every `file:` URL is one origin here, see `origin.rs`). The response URL, its
/// `Content-Type` and body.
pub fn fetch_script_resource(window: &Window, url: &Url, cors: bool) -> Result<(Url, Option<String>, Vec<u8>), String> {
    let origin = crate::origin::origin_key(&window.url());
    match url.scheme() {
        "blob" => {
            let entry = crate::dom::fileapi::bloburl::resolve(url, &origin)
                .ok_or_else(|| format!("{url} names no blob of this origin"))?;
            Ok((url.clone(), Some(entry.type_.clone()), entry.bytes.to_vec()))
        }
        "data" => {
            let (mime, body) = crate::net::data_url::process(url).ok_or("a malformed data: URL")?;
            Ok((url.clone(), Some(mime), body))
        }
        _ => {
            let response = crate::net::client().fetch_request(&crate::net::get_from(url, &window.url()))?;
            if !response.ok() {
                return Err(format!("HTTP status {}", response.status));
            }
            if cors
                && crate::origin::origin_key(&response.url) != origin
                && !crate::dom::fetch::fetch::cors_check(
                    &response.headers,
                    &window.url().origin().ascii_serialization(),
                )
            {
                return Err("the response of another origin has no Access-Control-Allow-Origin for this one".into());
            }
            Ok((response.url, response.content_type, response.body))
        }
    }
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#fetch-a-single-module-script>,
/// steps that fetch and check the response: the response URL and the source text.
fn fetch_module_source(window: &Window, url: &Url, kind: ModuleKind) -> Result<(Url, String), String> {
    // Module scripts are fetched in "cors" mode: another origin must allow this one.
    let (response_url, content_type, body) = fetch_script_resource(window, url, true)?;
    // Step "If ... mimeType is not a JavaScript MIME type / not a JSON MIME type": a network
    // error. `file:` URLs have no MIME type but the one guessed from their extension, so a
    // local module is accepted whatever its name.
    let content_type = content_type.unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let type_ok = match kind {
        ModuleKind::JavaScript => crate::dom::workers::thread::is_javascript_mime_type(&content_type),
        ModuleKind::Json => essence == "application/json" || essence == "text/json" || essence.ends_with("+json"),
    };
    if !type_ok && response_url.scheme() != "file" {
        return Err(format!("the MIME type '{content_type}' is not allowed for a {kind:?} module"));
    }
    // Module scripts are always UTF-8 (a BOM is dropped).
    let (text, _) = encoding_rs::UTF_8.decode_with_bom_removal(&body);
    Ok((response_url, text.into_owned()))
}

/// Compiles `source` as a module of `kind` in `window`'s realm, its private value pointing to
/// `url`. On failure the exception is pending.
fn compile_module(
    cx: &mut JSContext,
    window: &Window,
    source: &str,
    url: &Url,
    line: u32,
    kind: ModuleKind,
) -> Option<*mut JSObject> {
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.global_object().get());
    let filename = std::ffi::CString::new(url.as_str().replace('\0', "")).unwrap_or_default();
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, filename, line);
    let mut text = mozjs::rust::transform_str_to_source_text(source);
    // SAFETY: the options and the source text outlive the call; the realm is entered.
    let module = unsafe {
        match kind {
            ModuleKind::JavaScript => CompileModule1(cx.raw_cx(), options.ptr, &mut text),
            ModuleKind::Json => CompileJsonModule1(cx.raw_cx(), options.ptr, &mut text),
        }
    };
    if module.is_null() {
        return None;
    }
    // A JSON module is a synthetic module: it has no script, imports nothing and has no
    // `import.meta`, so it needs no private.
    if kind == ModuleKind::Json {
        return Some(module);
    }
    let pointer = window.module_loader().url_private(url.clone());
    // SAFETY: `module` was just created; the private is a pointer the loader keeps alive.
    unsafe { SetModulePrivate(module, &PrivateValue(pointer)) };
    Some(module)
}

/// Takes the pending exception as a value.
fn take_exception(cx: &mut JSContext) -> JSVal {
    rooted!(&in(cx) let mut error = UndefinedValue());
    // SAFETY: plain JSAPI calls on the current context.
    unsafe {
        if JS_IsExceptionPending(cx.raw_cx()) {
            mozjs::jsapi::JS_GetPendingException(cx.raw_cx(), error.handle_mut().into());
            mozjs::jsapi::JS_ClearPendingException(cx.raw_cx());
        }
    }
    error.get()
}

/// Makes a `TypeError` with `message` in the current realm, as a value.
fn type_error(cx: &mut JSContext, message: &str) -> JSVal {
    crate::dom::bindings::error::throw_type_error(cx, message);
    take_exception(cx)
}

/// The module map's answer for `url` and `kind`, fetching and compiling on a miss
/// (<https://html.spec.whatwg.org/multipage/webappapis.html#fetch-a-single-module-script>):
/// `Ok(module)`, or `Err(error)` (a `TypeError` for a failed fetch, the parse error otherwise)
/// with `fetch_failed` telling which.
fn get_or_fetch_module(
    cx: &mut JSContext,
    window: &Window,
    url: &Url,
    kind: ModuleKind,
) -> Result<*mut JSObject, (JSVal, bool)> {
    let loader = window.module_loader();
    let key = (url.as_str().to_owned(), kind);
    // Steps 3–4: a map entry (also a failure) answers without a new fetch.
    let existing = loader.map.borrow().get(&key).map(|entry| match entry {
        ModuleEntry::Module(module) => Ok(module.get()),
        ModuleEntry::ParseError(error) => Err((error.get(), false)),
        ModuleEntry::FetchFailed(_) => Err((UndefinedValue(), true)),
    });
    if let Some(result) = existing {
        return match result {
            Err((_, true)) => Err((type_error(cx, &format!("Failed to fetch module script: {url}")), true)),
            other => other,
        };
    }
    let (response_url, source) = match fetch_module_source(window, url, kind) {
        Ok(fetched) => fetched,
        Err(reason) => {
            console_warning(window, format!("Failed to load module script {url}: {reason}"));
            loader.map.borrow_mut().insert(key, ModuleEntry::FetchFailed(reason));
            return Err((type_error(cx, &format!("Failed to fetch module script: {url}")), true));
        }
    };
    match compile_module(cx, window, &source, &response_url, 1, kind) {
        Some(module) => {
            let heap = Box::new(Heap::default());
            heap.set(module);
            loader.map.borrow_mut().insert(key, ModuleEntry::Module(heap));
            Ok(module)
        }
        None => {
            let error = take_exception(cx);
            let heap = Box::new(Heap::default());
            heap.set(error);
            loader.map.borrow_mut().insert(key, ModuleEntry::ParseError(heap));
            Err((error, false))
        }
    }
}

/// Loads the whole graph under `module` (<https://tc39.es/ecma262/#sec-LoadRequestedModules>),
/// which the synchronous hook completes before this returns: `Ok(())`, or the error.
fn load_graph(cx: &mut JSContext, module: HandleObject) -> Result<(), JSVal> {
    // The host-defined value is a plain object the callbacks mark with the outcome.
    rooted!(&in(cx) let state = unsafe { mozjs::jsapi::JS_NewPlainObject(cx.raw_cx()) });
    if state.get().is_null() {
        return Err(take_exception(cx));
    }
    rooted!(&in(cx) let state_value = ObjectValue(state.get()));
    // SAFETY: the module and state are rooted; the callbacks only set properties on state.
    let ok = unsafe {
        LoadRequestedModules(
            cx.raw_cx(),
            module.into(),
            state_value.handle().into(),
            Some(graph_loaded),
            Some(graph_failed),
        )
    };
    if !ok {
        return Err(take_exception(cx));
    }
    rooted!(&in(cx) let mut outcome = UndefinedValue());
    // SAFETY: reading back a property of the rooted state object.
    unsafe {
        mozjs::jsapi::JS_GetProperty(
            cx.raw_cx(),
            state.handle().into(),
            c"error".as_ptr(),
            outcome.handle_mut().into(),
        );
    }
    if !outcome.get().is_undefined() {
        rooted!(&in(cx) let mut error = UndefinedValue());
        unsafe {
            mozjs::jsapi::JS_GetProperty(
                cx.raw_cx(),
                state.handle().into(),
                c"value".as_ptr(),
                error.handle_mut().into(),
            );
        }
        return Err(error.get());
    }
    rooted!(&in(cx) let mut done = UndefinedValue());
    unsafe {
        mozjs::jsapi::JS_GetProperty(cx.raw_cx(), state.handle().into(), c"done".as_ptr(), done.handle_mut().into());
    }
    if done.get().is_undefined() {
        // Only possible if a load were left pending, which the synchronous hook never does.
        return Err(type_error(cx, "The module graph did not finish loading."));
    }
    Ok(())
}

unsafe extern "C" fn graph_loaded(cx: *mut RawJSContext, state: RawHandle<Value>) -> bool {
    // SAFETY: SpiderMonkey passes back the rooted state object given to LoadRequestedModules.
    unsafe {
        rooted!(in(cx) let object = state.get().to_object());
        rooted!(in(cx) let yes = mozjs::jsval::BooleanValue(true));
        mozjs::jsapi::JS_SetProperty(cx, object.handle().into(), c"done".as_ptr(), yes.handle().into())
    }
}

unsafe extern "C" fn graph_failed(cx: *mut RawJSContext, state: RawHandle<Value>, error: RawHandle<Value>) -> bool {
    // SAFETY: as in `graph_loaded`; `error` is rooted by the caller.
    unsafe {
        rooted!(in(cx) let object = state.get().to_object());
        rooted!(in(cx) let yes = mozjs::jsval::BooleanValue(true));
        mozjs::jsapi::JS_SetProperty(cx, object.handle().into(), c"error".as_ptr(), yes.handle().into())
            && mozjs::jsapi::JS_SetProperty(cx, object.handle().into(), c"value".as_ptr(), error)
    }
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#hostloadimportedmodule>, for static
/// imports (payload: SpiderMonkey's graph loading state) and `import()` (payload: its promise).
unsafe extern "C" fn host_load_imported_module(
    raw: *mut RawJSContext,
    referrer: RawHandle<*mut JSScript>,
    module_request: RawHandle<*mut JSObject>,
    _host_defined: RawHandle<Value>,
    payload: RawHandle<Value>,
    _line: u32,
    _column: mozjs::jsapi::JS::ColumnNumberOneOrigin,
) -> bool {
    // SAFETY: SpiderMonkey calls the hook on the runtime's thread with its current context.
    let mut cx = unsafe { JSContext::from_ptr(NonNull::new_unchecked(raw)) };
    let cx = &mut cx;
    let Some(window) = crate::script_runtime::current_window(cx) else {
        return false;
    };
    // SAFETY: the handles are rooted by SpiderMonkey for the duration of the hook.
    let (referrer_script, specifier, request_type) = unsafe {
        let specifier = GetModuleRequestSpecifier(raw, module_request);
        let specifier = match NonNull::new(specifier) {
            Some(s) => mozjs::conversions::jsstr_to_string(cx, s),
            None => return false,
        };
        (referrer.get(), specifier, GetModuleRequestType(raw, module_request))
    };
    rooted!(&in(cx) let payload_object = payload.get().to_object());
    // SAFETY: the payload object is rooted.
    let is_dynamic = unsafe { IsPromiseObject(payload_object.handle().into()) };
    rooted!(&in(cx) let payload_value = payload.get());
    let fail = |cx: &mut JSContext, error: JSVal| -> bool {
        rooted!(&in(cx) let error = error);
        // SAFETY: payload and error are rooted.
        unsafe { FinishLoadingImportedModuleFailed(cx.raw_cx(), payload_value.handle().into(), error.handle().into()) }
    };
    // <https://html.spec.whatwg.org/multipage/webappapis.html#module-type-from-module-request>:
    // JavaScript and JSON; any other type attribute is not supported.
    let kind = match request_type {
        ModuleType::JavaScript | ModuleType::Unknown => ModuleKind::JavaScript,
        ModuleType::JSON => ModuleKind::Json,
        other => {
            let error = type_error(cx, &format!("Module type {other:?} of \"{specifier}\" is not supported."));
            return fail(cx, error);
        }
    };
    // Step 6: resolve the specifier against the referrer's base URL and the import map; a
    // failure is a TypeError for the importer.
    let base = referrer_base_url(cx, &window, referrer_script);
    let resolved = window.module_loader().import_map.borrow().resolve(&specifier, &base);
    let url = match resolved {
        Ok(url) => url,
        Err(error) => {
            let error = type_error(cx, &error.0);
            return fail(cx, error);
        }
    };
    // Steps 7–10: fetch a single module script (or answer from the module map).
    let module = match get_or_fetch_module(cx, &window, &url, kind) {
        Ok(module) => module,
        Err((error, fetch_failed)) => {
            if fetch_failed && !is_dynamic {
                window.module_loader().fetch_failed.set(true);
            }
            let error = if fetch_failed && is_dynamic {
                type_error(cx, &format!("Failed to fetch dynamically imported module: {url}"))
            } else {
                error
            };
            return fail(cx, error);
        }
    };
    rooted!(&in(cx) let module = module);
    if is_dynamic {
        // `import()`: SpiderMonkey links and evaluates once the host has loaded the graph
        // under the module, so load it first.
        if let Err(error) = load_graph(cx, module.handle()) {
            return fail(cx, error);
        }
    }
    // SAFETY: every handle is rooted; FinishLoadingImportedModule continues the graph load
    // (or, for import(), links and evaluates from a promise reaction).
    unsafe {
        FinishLoadingImportedModule(
            raw,
            referrer,
            module_request,
            payload_value.handle().into(),
            module.handle().into(),
            true,
        )
    }
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#hostgetimportmetaproperties>:
/// `import.meta.url` and `import.meta.resolve()`.
unsafe extern "C" fn host_get_import_meta_properties(
    raw: *mut RawJSContext,
    module: RawHandle<*mut JSObject>,
    meta: RawHandle<*mut JSObject>,
) -> bool {
    // SAFETY: called on the runtime's thread with rooted handles.
    let mut cx = unsafe { JSContext::from_ptr(NonNull::new_unchecked(raw)) };
    let cx = &mut cx;
    let Some(url) = ModuleLoader::url_of_module(cx, module.get()) else {
        return true;
    };
    rooted!(&in(cx) let mut url_value = UndefinedValue());
    url.as_str().to_jsval(cx, url_value.handle_mut());
    // SAFETY: the meta object is rooted by the caller; the function is rooted below.
    unsafe {
        if !mozjs::jsapi::JS_DefineProperty(
            raw,
            meta,
            c"url".as_ptr(),
            url_value.handle().into(),
            mozjs::jsapi::JSPROP_ENUMERATE as u32,
        ) {
            return false;
        }
        let function = NewFunctionWithReserved(raw, Some(import_meta_resolve), 1, 0, c"resolve".as_ptr());
        if function.is_null() {
            return false;
        }
        rooted!(&in(cx) let function = JS_GetFunctionObject(function));
        SetFunctionNativeReserved(function.get(), 0, &url_value.get());
        rooted!(&in(cx) let function_value = ObjectValue(function.get()));
        mozjs::jsapi::JS_DefineProperty(
            raw,
            meta,
            c"resolve".as_ptr(),
            function_value.handle().into(),
            mozjs::jsapi::JSPROP_ENUMERATE as u32,
        )
    }
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#import-meta-resolve>: resolves a
/// specifier as the module's `import` would, without fetching.
unsafe extern "C" fn import_meta_resolve(raw: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    // SAFETY: a native's arguments and context from SpiderMonkey.
    let args = unsafe { CallArgs::from_vp(vp, argc) };
    let mut cx = unsafe { JSContext::from_ptr(NonNull::new_unchecked(raw)) };
    let cx = &mut cx;
    rooted!(&in(cx) let module_url = unsafe { *GetFunctionNativeReserved(args.callee(), 0) });
    rooted!(&in(cx) let specifier = if argc > 0 { args.get(0).get() } else { UndefinedValue() });
    let Ok(specifier) = jsval_to_string(cx, specifier.handle()) else { return false };
    let Ok(base) = jsval_to_string(cx, module_url.handle()) else { return false };
    let Some(window) = crate::script_runtime::current_window(cx) else { return false };
    let Ok(base) = Url::parse(&base) else { return false };
    let resolved = window.module_loader().import_map.borrow().resolve(&specifier, &base);
    match resolved {
        Ok(url) => {
            rooted!(&in(cx) let mut result = UndefinedValue());
            url.as_str().to_jsval(cx, result.handle_mut());
            args.rval().set(result.get());
            true
        }
        Err(error) => {
            crate::dom::bindings::error::throw_type_error(cx, &error.0);
            false
        }
    }
}

/// Reports `error` as an exception of `window` (<https://html.spec.whatwg.org/multipage/webappapis.html#report-an-exception>).
fn report_value(cx: &mut JSContext, window: &Window, error: JSVal) {
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.global_object().get());
    rooted!(&in(cx) let error = error);
    // SAFETY: the value is rooted; the pending exception is taken by the report.
    unsafe {
        mozjs::jsapi::JS_SetPendingException(cx.raw_cx(), error.handle().into(), ExceptionStackBehavior::DoNotCapture)
    };
    crate::script_runtime::report_pending_exception(cx);
}

/// Links and evaluates a loaded graph (<https://html.spec.whatwg.org/multipage/webappapis.html#run-a-module-script>):
/// a link error is reported now, an evaluation error when the evaluation promise rejects.
fn link_and_evaluate(cx: &mut JSContext, window: &Window, module: HandleObject) {
    // SAFETY: the module is rooted and the realm entered.
    if !unsafe { ModuleLink(cx.raw_cx(), module.into()) } {
        let error = take_exception(cx);
        report_value(cx, window, error);
        return;
    }
    rooted!(&in(cx) let mut promise = UndefinedValue());
    let ok = {
        let _guard = crate::script_thread::ScriptGuard::new();
        // SAFETY: as above.
        unsafe { ModuleEvaluate(cx.raw_cx(), module.into(), promise.handle_mut().into()) }
    };
    if !ok {
        // Termination (no exception) or an exception outside the promise.
        if crate::dom::bindings::error::is_exception_pending(cx) {
            crate::script_runtime::report_pending_exception(cx);
        }
        return;
    }
    // Step 8: "If evaluationPromise is rejected, report the exception" (with top-level await,
    // whenever that happens).
    if promise.get().is_object() {
        rooted!(&in(cx) let promise_object = promise.get().to_object());
        crate::dom::bindings::reaction::react(
            cx,
            promise_object.handle(),
            (),
            |_, _, _| {},
            |cx, _, error| {
                if let Some(window) = crate::script_runtime::current_window(cx) {
                    report_value(cx, &window, error.get());
                }
            },
        );
    }
}

/// Why a module graph could not be run.
pub enum GraphError {
    /// A module of the graph could not be fetched (a network error or a refused response).
    FetchFailed,
    /// A module did not parse, or a specifier did not resolve: the error to rethrow.
    Parse(JSVal),
}

/// Fetches the module graph rooted at `source` (inline text, whose URL and base URL is `url`)
/// or at `url` (<https://html.spec.whatwg.org/multipage/webappapis.html#fetch-a-module-script-tree>,
/// <https://html.spec.whatwg.org/multipage/webappapis.html#fetch-an-inline-module-script-graph>),
/// in `window`'s realm, which the caller has entered: the root module record.
pub fn fetch_module_graph(
    cx: &mut JSContext,
    window: &Window,
    source: Option<(&str, u32)>,
    url: &Url,
) -> Result<*mut JSObject, GraphError> {
    let loader = window.module_loader();
    let module = match source {
        Some((text, line)) => match compile_module(cx, window, text, url, line, ModuleKind::JavaScript) {
            Some(module) => module,
            None => return Err(GraphError::Parse(take_exception(cx))),
        },
        None => match get_or_fetch_module(cx, window, url, ModuleKind::JavaScript) {
            Ok(module) => module,
            Err((_, true)) => return Err(GraphError::FetchFailed),
            Err((error, false)) => return Err(GraphError::Parse(error)),
        },
    };
    rooted!(&in(cx) let module = module);
    // Fetch the descendants: a failed fetch anywhere in the graph fails the graph; a parse or
    // resolution error is its error to rethrow.
    let previous = loader.fetch_failed.replace(false);
    let loaded = load_graph(cx, module.handle());
    let fetch_failed = loader.fetch_failed.replace(previous);
    match loaded {
        Err(_) if fetch_failed => Err(GraphError::FetchFailed),
        Err(error) => Err(GraphError::Parse(error)),
        Ok(()) => Ok(module.get()),
    }
}

/// Runs the module graph rooted at `source` or `url` (see [`fetch_module_graph`]) in
/// `window`, for a `<script type="module">`: an error to rethrow is reported.
pub fn run_module_script(cx: &mut JSContext, window: &Window, source: Option<(&str, u32)>, url: &Url) -> ModuleOutcome {
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.global_object().get());
    match fetch_module_graph(cx, window, source, url) {
        Err(GraphError::FetchFailed) => ModuleOutcome::FetchFailed,
        Err(GraphError::Parse(error)) => {
            // <https://html.spec.whatwg.org/multipage/webappapis.html#run-a-module-script>,
            // step 4: "If script's error to rethrow is not null, then ... report the exception".
            report_value(cx, window, error);
            ModuleOutcome::Ran
        }
        Ok(module) => {
            rooted!(&in(cx) let module = module);
            run_module(cx, window, module.handle());
            ModuleOutcome::Ran
        }
    }
}

/// Links and evaluates a fetched graph, then performs a microtask checkpoint if no script is
/// on the stack.
pub fn run_module(cx: &mut JSContext, window: &Window, module: HandleObject) {
    link_and_evaluate(cx, window, module);
    crate::script_runtime::microtask_checkpoint_if_idle(cx);
}
