//! `FileReaderSync` (<https://w3c.github.io/FileAPI/#FileReaderSync>): the synchronous reads of a
//! dedicated worker. A Blob's bytes are in memory, so "wait for promise" never blocks: the bytes
//! are packaged at once, as `FileReader`'s last step does.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::FileReaderSyncBinding::FileReaderSyncMethods;
use crate::dom::bindings::conversions::new_array_buffer;
use crate::dom::bindings::error::{ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::fileapi::blob::Blob;
use crate::dom::fileapi::filereader::{Packaged, ReadAs, package};
use crate::dom::html::window::Window;

#[dom_struct]
pub struct FileReaderSync {
    reflector_: Reflector,
}

/// The read steps every method shares: "Let stream be the result of calling get stream on blob.
/// Let reader be the result of getting a reader from stream. Let promise be the result of
/// reading all bytes from stream with reader. Wait for promise to be fulfilled or rejected. If
/// promise fulfilled with a byte sequence bytes: return the result of package data given bytes,
/// the read type, blob's type, and encoding." (A Blob in memory cannot fail to be read.)
fn read(blob: &Blob, how: ReadAs) -> Packaged {
    package(&blob.shared_bytes(), &how, blob.type_string())
}

fn text(packaged: Packaged) -> DOMString {
    match packaged {
        Packaged::Text(text) => text.into(),
        Packaged::Bytes(bytes) => String::from_utf8_lossy(&bytes).into_owned().into(),
    }
}

impl FileReaderSyncMethods for FileReaderSync {
    /// <https://w3c.github.io/FileAPI/#filereadersyncConstrctr>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<FileReaderSync>> {
        Ok(reflect_dom_object_with_proto(cx, Box::new(FileReaderSync { reflector_: Reflector::new() }), global, proto))
    }

    /// <https://w3c.github.io/FileAPI/#readAsArrayBufferSyncSection>
    fn ReadAsArrayBuffer(&self, cx: &mut JSContext, blob: &Blob, rval: MutableHandleValue) -> ErrorResult {
        // "return the result of package data given bytes, ArrayBuffer, and blob's type."
        match read(blob, ReadAs::ArrayBuffer) {
            Packaged::Bytes(bytes) => new_array_buffer(cx, &bytes, rval),
            Packaged::Text(text) => new_array_buffer(cx, text.as_bytes(), rval),
        }
        Ok(())
    }

    /// <https://w3c.github.io/FileAPI/#readAsBinaryStringSyncSection>
    fn ReadAsBinaryString(&self, _cx: &mut JSContext, blob: &Blob) -> DOMString {
        // "return the result of package data given bytes, BinaryString, and blob's type."
        text(read(blob, ReadAs::BinaryString))
    }

    /// <https://w3c.github.io/FileAPI/#readAsTextSync>
    fn ReadAsText(&self, _cx: &mut JSContext, blob: &Blob, encoding: Option<DOMString>) -> DOMString {
        // "return the result of package data given bytes, Text, blob's type, and encoding."
        text(read(blob, ReadAs::Text(encoding.map(String::from))))
    }

    /// <https://w3c.github.io/FileAPI/#readAsDataURLSync-section>
    fn ReadAsDataURL(&self, _cx: &mut JSContext, blob: &Blob) -> DOMString {
        // "return the result of package data given bytes, DataURL, and blob's type."
        text(read(blob, ReadAs::DataURL))
    }
}
