//! `FileReader` (<https://w3c.github.io/FileAPI/#APIASynch>): reads a Blob's bytes (already in
//! memory) and reports through tasks: `loadstart`, one `progress`, then `load` (or `abort`)
//! and `loadend`, as the read operation's steps order them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::FileReaderBinding::FileReaderMethods;
use crate::dom::bindings::codegen::Unions::StringOrArrayBuffer;
use crate::dom::bindings::conversions::ArrayBufferBytes;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::domexception::DOMException;
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::fileapi::blob::Blob;
use crate::dom::fileapi::progressevent::ProgressEvent;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// How a read packages the bytes (<https://w3c.github.io/FileAPI/#packaging-data>).
#[derive(Clone)]
pub(crate) enum ReadAs {
    ArrayBuffer,
    BinaryString,
    Text(Option<String>),
    DataURL,
}

/// <https://w3c.github.io/FileAPI/#dom-filereader-readystate>
const EMPTY: u16 = 0;
const LOADING: u16 = 1;
const DONE: u16 = 2;

#[dom_struct]
pub struct FileReader {
    eventtarget: EventTarget,
    #[no_trace]
    ready_state: Cell<u16>,
    #[no_trace]
    result: RefCell<Option<Packaged>>,
    /// Bumped by abort() and each read: a stale task does nothing.
    #[no_trace]
    generation: Cell<u64>,
}

/// The packaged result, kept as Rust data and converted on each `result` read.
#[derive(Clone)]
pub(crate) enum Packaged {
    Text(String),
    Bytes(std::sync::Arc<[u8]>),
}

/// <https://w3c.github.io/FileAPI/#packaging-data>
pub(crate) fn package(bytes: &std::sync::Arc<[u8]>, how: &ReadAs, mime: &str) -> Packaged {
    match how {
        ReadAs::ArrayBuffer => Packaged::Bytes(bytes.clone()),
        // "each byte … as a code unit of equal value".
        ReadAs::BinaryString => Packaged::Text(bytes.iter().map(|&b| char::from(b)).collect()),
        // "decode bytes using fallback encoding encoding" (the label, else the blob's charset,
        // else UTF-8), with BOM sniffing.
        ReadAs::Text(label) => {
            let charset = mime.split(';').find_map(|p| p.trim().strip_prefix("charset=")).map(str::to_owned);
            let encoding = label
                .as_deref()
                .and_then(|l| encoding_rs::Encoding::for_label_no_replacement(l.as_bytes()))
                .or_else(|| charset.and_then(|c| encoding_rs::Encoding::for_label_no_replacement(c.as_bytes())))
                .unwrap_or(encoding_rs::UTF_8);
            Packaged::Text(encoding.decode(bytes).0.into_owned())
        }
        // "a DataURL [RFC2397] … the type, or application/octet-stream, and base64 data".
        ReadAs::DataURL => {
            use base64::Engine;
            let type_ = if mime.is_empty() { "application/octet-stream" } else { mime };
            Packaged::Text(format!("data:{type_};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes)))
        }
    }
}

impl FileReader {
    /// <https://w3c.github.io/FileAPI/#readOperation>
    fn read(&self, blob: &Blob, how: ReadAs) -> ErrorResult {
        // 1. "If fr's state is "loading", throw an InvalidStateError DOMException."
        if self.ready_state.get() == LOADING {
            return Err(Error::InvalidState("The object is already busy reading Blobs.".into()));
        }
        // 2–3. "Set fr's state to "loading"; set fr's result to null; set fr's error to null."
        self.ready_state.set(LOADING);
        *self.result.borrow_mut() = None;
        let generation = self.generation.get() + 1;
        self.generation.set(generation);
        let bytes = blob.shared_bytes();
        let mime = blob.type_string().to_owned();
        // 10. In parallel, the blob's one chunk: queue a task to fire loadstart; for a chunk with
        // bytes, queue a task to fire progress; at the end, queue a task that sets the state to
        // "done" and the result, fires load and (if the state is still not "loading") loadend.
        let total = bytes.len() as f64;
        self.queue_step(generation, Box::new(move |cx, this| this.fire_progress(cx, "loadstart", 0.0, total)));
        if !bytes.is_empty() {
            self.queue_step(generation, Box::new(move |cx, this| this.fire_progress(cx, "progress", total, total)));
        }
        self.queue_step(
            generation,
            Box::new(move |cx, this| {
                this.ready_state.set(DONE);
                *this.result.borrow_mut() = Some(package(&bytes, &how, &mime));
                this.fire_progress(cx, "load", total, total);
                if this.ready_state.get() != LOADING {
                    this.fire_progress(cx, "loadend", total, total);
                }
            }),
        );
        Ok(())
    }

    /// Queues `step` as a task that runs only if no newer read or abort came since.
    fn queue_step(&self, generation: u64, step: Box<dyn FnOnce(&mut JSContext, &FileReader)>) {
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root()
                && this.generation.get() == generation
            {
                step(cx, &this);
            }
        }));
    }

    fn fire_progress(&self, cx: &mut JSContext, name: &str, loaded: f64, total: f64) {
        let window = self.global();
        let event = ProgressEvent::new_trusted(cx, &window, name, loaded, total);
        self.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
    }
}

macro_rules! handlers {
    ($($getter:ident, $setter:ident => $event:literal;)*) => {
        $(
            /// <https://w3c.github.io/FileAPI/#event-handler-attributes-section>
            fn $getter(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
                self.eventtarget.get_event_handler($event)
            }
            /// <https://w3c.github.io/FileAPI/#event-handler-attributes-section>
            fn $setter(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
                self.eventtarget.set_event_handler($event, value)
            }
        )*
    };
}

impl FileReaderMethods for FileReader {
    /// <https://w3c.github.io/FileAPI/#filereaderConstrctr>
    fn Constructor(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>) -> Fallible<DomRoot<FileReader>> {
        let reader = FileReader {
            eventtarget: EventTarget::new_inherited(),
            ready_state: Cell::new(EMPTY),
            result: RefCell::new(None),
            generation: Cell::new(0),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(reader), global, proto))
    }

    /// <https://w3c.github.io/FileAPI/#readAsArrayBuffer>
    fn ReadAsArrayBuffer(&self, _cx: &mut JSContext, blob: &Blob) -> ErrorResult {
        self.read(blob, ReadAs::ArrayBuffer)
    }
    /// <https://w3c.github.io/FileAPI/#readAsBinaryString>
    fn ReadAsBinaryString(&self, _cx: &mut JSContext, blob: &Blob) -> ErrorResult {
        self.read(blob, ReadAs::BinaryString)
    }
    /// <https://w3c.github.io/FileAPI/#readAsDataText>
    fn ReadAsText(&self, _cx: &mut JSContext, blob: &Blob, encoding: Option<DOMString>) -> ErrorResult {
        self.read(blob, ReadAs::Text(encoding.map(String::from)))
    }
    /// <https://w3c.github.io/FileAPI/#readAsDataURL>
    fn ReadAsDataURL(&self, _cx: &mut JSContext, blob: &Blob) -> ErrorResult {
        self.read(blob, ReadAs::DataURL)
    }

    /// <https://w3c.github.io/FileAPI/#dfn-abort>
    fn Abort(&self, cx: &mut JSContext) {
        // 1. "If this's state is "empty" or "done", set this's result to null and terminate."
        if self.ready_state.get() != LOADING {
            *self.result.borrow_mut() = None;
            return;
        }
        // 2–5. "Set this's state to "done", result to null; terminate the read (no more of its
        //    tasks run); fire a progress event called abort; if state is not "loading", fire
        //    loadend."
        self.ready_state.set(DONE);
        *self.result.borrow_mut() = None;
        self.generation.set(self.generation.get() + 1);
        self.fire_progress(cx, "abort", 0.0, 0.0);
        if self.ready_state.get() != LOADING {
            self.fire_progress(cx, "loadend", 0.0, 0.0);
        }
    }

    /// <https://w3c.github.io/FileAPI/#dom-filereader-readystate>
    fn ReadyState(&self, _cx: &mut JSContext) -> u16 {
        self.ready_state.get()
    }
    /// <https://w3c.github.io/FileAPI/#dom-filereader-result>
    fn Result(&self, _cx: &mut JSContext) -> Option<StringOrArrayBuffer> {
        self.result.borrow().as_ref().map(|r| match r {
            Packaged::Text(s) => StringOrArrayBuffer::String(s.clone().into()),
            Packaged::Bytes(b) => StringOrArrayBuffer::ArrayBuffer(ArrayBufferBytes(b.to_vec())),
        })
    }
    /// <https://w3c.github.io/FileAPI/#dom-filereader-error>: reads of in-memory blobs never fail.
    fn Error(&self, _cx: &mut JSContext) -> Option<DomRoot<DOMException>> {
        None
    }

    handlers! {
        Onloadstart, SetOnloadstart => "loadstart";
        Onprogress, SetOnprogress => "progress";
        Onload, SetOnload => "load";
        Onabort, SetOnabort => "abort";
        Onerror, SetOnerror => "error";
        Onloadend, SetOnloadend => "loadend";
    }
}
