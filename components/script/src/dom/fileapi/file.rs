//! `File` (<https://w3c.github.io/FileAPI/#file-section>): a Blob with a name and a modification time.

use std::time::{SystemTime, UNIX_EPOCH};

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::FilePropertyBag;
use crate::dom::bindings::codegen::FileBinding::FileMethods;
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBufferOrBlobOrUSVString as BlobPart;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::fileapi::blob::{Blob, normalize_type, process_blob_parts};
use crate::dom::html::window::Window;

#[dom_struct]
pub struct File {
    blob: Blob,
    #[no_trace]
    name: String,
    #[no_trace]
    last_modified: i64,
}

impl File {
    /// A File of `bytes` (shared, not copied) named `name`.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        bytes: std::sync::Arc<[u8]>,
        type_: String,
        name: String,
        last_modified: i64,
    ) -> DomRoot<File> {
        let file = File { blob: Blob::new_inherited(bytes, type_), name, last_modified };
        crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(file), window)
    }

    /// The file name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The last modification date, in ms since the epoch.
    pub fn last_modified(&self) -> i64 {
        self.last_modified
    }
}

/// Now, in milliseconds since the Unix epoch (a new File's default lastModified).
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

impl FileMethods for File {
    /// <https://w3c.github.io/FileAPI/#file-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        file_bits: Vec<BlobPart>,
        file_name: USVString,
        options: &FilePropertyBag,
    ) -> Fallible<DomRoot<File>> {
        // 1. "Let bytes be the result of processing blob parts given fileBits and options."
        let bytes = process_blob_parts(file_bits, options.parent.endings);
        // 2. "Let n be the fileName argument" (a USVString: slashes are kept, as browsers do).
        // 3. The type from options, normalized as Blob's.
        let type_ = normalize_type(&options.parent.type_);
        // 3.3 "If the lastModified member is provided, let d be set to it. Otherwise … the
        //    current date and time represented as the number of milliseconds since the Unix Epoch."
        let last_modified = options
            .last_modified
            .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0));
        let file = File { blob: Blob::new_inherited(bytes.into(), type_), name: file_name.0, last_modified };
        Ok(reflect_dom_object_with_proto(cx, Box::new(file), global, proto))
    }

    /// <https://w3c.github.io/FileAPI/#dfn-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.name.clone().into()
    }

    /// <https://w3c.github.io/FileAPI/#dfn-lastModified>
    fn LastModified(&self, _cx: &mut JSContext) -> i64 {
        self.last_modified
    }
}
