//! `navigator.plugins` and `navigator.mimeTypes`
//! (<https://html.spec.whatwg.org/multipage/system-state.html#pdf-viewing-support>): the fixed
//! lists every browser that views PDFs inline reports, "PDF Viewer", "Chrome PDF Viewer",
//! "Chromium PDF Viewer", "Microsoft Edge PDF Viewer" and "WebKit built-in PDF", each with the
//! `application/pdf` and `text/pdf` mime types. There is no plugin system behind them; pages
//! read them to detect inline PDF viewing (and as fingerprinting input, which is why the
//! standard fixed them).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::MimeTypeArrayBinding::MimeTypeArrayMethods;
use crate::dom::bindings::codegen::MimeTypeBinding::MimeTypeMethods;
use crate::dom::bindings::codegen::PluginArrayBinding::PluginArrayMethods;
use crate::dom::bindings::codegen::PluginBinding::PluginMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

/// "The PDF viewer plugin names", in order.
const PLUGIN_NAMES: [&str; 5] =
    ["PDF Viewer", "Chrome PDF Viewer", "Chromium PDF Viewer", "Microsoft Edge PDF Viewer", "WebKit built-in PDF"];

/// "The PDF viewer mime types", in order.
const MIME_TYPES: [&str; 2] = ["application/pdf", "text/pdf"];

/// Every plugin's and mime type's description.
const DESCRIPTION: &str = "Portable Document Format";

/// <https://html.spec.whatwg.org/multipage/system-state.html#pluginarray>
#[dom_struct]
pub struct PluginArray {
    reflector_: Reflector,
    plugins: Vec<Dom<Plugin>>,
}

/// <https://html.spec.whatwg.org/multipage/system-state.html#mimetypearray>
#[dom_struct]
pub struct MimeTypeArray {
    reflector_: Reflector,
    mime_types: Vec<Dom<MimeType>>,
}

/// <https://html.spec.whatwg.org/multipage/system-state.html#dom-plugin>
#[dom_struct]
pub struct Plugin {
    reflector_: Reflector,
    #[no_trace]
    name: &'static str,
    /// The PDF viewer mime type objects (set once they exist: each points back at the first
    /// plugin).
    mime_types: MutNullableDom<MimeTypeArray>,
}

/// <https://html.spec.whatwg.org/multipage/system-state.html#mimetype>
#[dom_struct]
pub struct MimeType {
    reflector_: Reflector,
    #[no_trace]
    type_: &'static str,
    enabled_plugin: Dom<Plugin>,
}

/// The "PDF viewer plugin objects" and "PDF viewer mime type objects" of a navigator (made
/// together, the first time either is asked for).
pub fn pdf_viewer_objects(cx: &mut JSContext, window: &Window) -> (DomRoot<PluginArray>, DomRoot<MimeTypeArray>) {
    let plugins: Vec<DomRoot<Plugin>> = PLUGIN_NAMES
        .iter()
        .map(|name| {
            reflect_dom_object(
                cx,
                Box::new(Plugin { reflector_: Reflector::new(), name, mime_types: MutNullableDom::default() }),
                window,
            )
        })
        .collect();
    let mime_types: Vec<DomRoot<MimeType>> = MIME_TYPES
        .iter()
        .map(|type_| {
            // "enabledPlugin: the first of the PDF viewer plugin objects".
            reflect_dom_object(
                cx,
                Box::new(MimeType { reflector_: Reflector::new(), type_, enabled_plugin: Dom::from_ref(&*plugins[0]) }),
                window,
            )
        })
        .collect();
    let mime_type_array = reflect_dom_object(
        cx,
        Box::new(MimeTypeArray {
            reflector_: Reflector::new(),
            mime_types: mime_types.iter().map(|m| Dom::from_ref(&**m)).collect(),
        }),
        window,
    );
    for plugin in &plugins {
        plugin.mime_types.set(Some(&mime_type_array));
    }
    let plugin_array = reflect_dom_object(
        cx,
        Box::new(PluginArray {
            reflector_: Reflector::new(),
            plugins: plugins.iter().map(|p| Dom::from_ref(&**p)).collect(),
        }),
        window,
    );
    (plugin_array, mime_type_array)
}

impl PluginArrayMethods for PluginArray {
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-pluginarray-refresh>:
    /// "must do nothing".
    fn Refresh(&self, _cx: &mut JSContext) {}

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-pluginarray-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.plugins.len() as u32
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-pluginarray-item>
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<Plugin>> {
        self.plugins.get(index as usize).map(|p| DomRoot::from_ref(&**p))
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-pluginarray-nameditem>
    fn NamedItem(&self, _cx: &mut JSContext, name: DOMString) -> Option<DomRoot<Plugin>> {
        self.plugins.iter().find(|p| *name == *p.name).map(|p| DomRoot::from_ref(&**p))
    }

    /// "The PluginArray interface supports named properties": the plugins' names.
    fn SupportedPropertyNames(&self, _cx: &mut JSContext) -> Vec<DOMString> {
        self.plugins.iter().map(|p| DOMString::from(p.name)).collect()
    }
}

impl MimeTypeArrayMethods for MimeTypeArray {
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-mimetypearray-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.mime_types.len() as u32
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-mimetypearray-item>
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<MimeType>> {
        self.mime_types.get(index as usize).map(|m| DomRoot::from_ref(&**m))
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-mimetypearray-nameditem>
    fn NamedItem(&self, _cx: &mut JSContext, name: DOMString) -> Option<DomRoot<MimeType>> {
        self.mime_types.iter().find(|m| *name == *m.type_).map(|m| DomRoot::from_ref(&**m))
    }

    /// "The MimeTypeArray interface supports named properties": the types.
    fn SupportedPropertyNames(&self, _cx: &mut JSContext) -> Vec<DOMString> {
        self.mime_types.iter().map(|m| DOMString::from(m.type_)).collect()
    }
}

impl PluginMethods for Plugin {
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-plugin-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.name)
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-plugin-description>
    fn Description(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(DESCRIPTION)
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-plugin-filename>
    fn Filename(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from("internal-pdf-viewer")
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-plugin-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        MIME_TYPES.len() as u32
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-plugin-item>
    fn Item(&self, cx: &mut JSContext, index: u32) -> Option<DomRoot<MimeType>> {
        self.mime_types.get()?.Item(cx, index)
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-plugin-nameditem>
    fn NamedItem(&self, cx: &mut JSContext, name: DOMString) -> Option<DomRoot<MimeType>> {
        self.mime_types.get()?.NamedItem(cx, name)
    }

    /// "The Plugin interface supports named properties": the mime types.
    fn SupportedPropertyNames(&self, _cx: &mut JSContext) -> Vec<DOMString> {
        MIME_TYPES.iter().map(|t| DOMString::from(*t)).collect()
    }
}

impl MimeTypeMethods for MimeType {
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-mimetype-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.type_)
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-mimetype-description>
    fn Description(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(DESCRIPTION)
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-mimetype-suffixes>
    fn Suffixes(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from("pdf")
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-mimetype-enabledplugin>
    fn EnabledPlugin(&self, _cx: &mut JSContext) -> DomRoot<Plugin> {
        DomRoot::from_ref(&*self.enabled_plugin)
    }
}
