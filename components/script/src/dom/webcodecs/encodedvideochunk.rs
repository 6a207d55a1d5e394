//! `EncodedVideoChunk` (<https://w3c.github.io/webcodecs/#encodedvideochunk-interface>): an
//! immutable chunk of encoded video, what `VideoEncoder` outputs and muxers take. The bytes are
//! shared (`Arc`), so a chunk posted to a worker or kept by the page costs no copy.

use std::sync::Arc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::EncodedVideoChunkInit;
use crate::dom::bindings::codegen::EncodedVideoChunkBinding::EncodedVideoChunkMethods;
use crate::dom::bindings::codegen::Enums::EncodedVideoChunkType;
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

/// A chunk's slots as plain data (what serialization carries).
#[derive(Clone, Debug)]
pub struct ChunkData {
    /// [[type]]: whether it is a key chunk.
    pub key: bool,
    /// [[timestamp]] in microseconds.
    pub timestamp: i64,
    /// [[duration]] in microseconds.
    pub duration: Option<u64>,
    /// [[internal data]].
    pub data: Arc<[u8]>,
}

#[dom_struct]
pub struct EncodedVideoChunk {
    reflector_: Reflector,
    #[no_trace]
    chunk: ChunkData,
}

impl EncodedVideoChunk {
    /// A new chunk holding `chunk` (an encoder's output, a deserialized chunk).
    pub fn new(cx: &mut JSContext, window: &Window, chunk: ChunkData) -> DomRoot<EncodedVideoChunk> {
        reflect_dom_object(cx, Box::new(EncodedVideoChunk { reflector_: Reflector::new(), chunk }), window)
    }

    /// The chunk's slots.
    pub fn data(&self) -> &ChunkData {
        &self.chunk
    }
}

impl EncodedVideoChunkMethods for EncodedVideoChunk {
    /// <https://w3c.github.io/webcodecs/#dom-encodedvideochunk-encodedvideochunk>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &EncodedVideoChunkInit,
    ) -> Fallible<DomRoot<EncodedVideoChunk>> {
        // 1–2. (No `transfer` member: see the IDL.)
        // 3. A new chunk: init's type and timestamp, its duration or null, and (6.) a copy of
        //    init.data as [[internal data]] (4. whose length is [[byte length]]).
        let bytes: &[u8] = match &init.data {
            ArrayBufferViewOrArrayBuffer::ArrayBufferView(v) => &v.0,
            ArrayBufferViewOrArrayBuffer::ArrayBuffer(b) => &b.0,
        };
        let chunk = ChunkData {
            key: init.type_ == EncodedVideoChunkType::Key,
            timestamp: init.timestamp,
            duration: init.duration,
            data: Arc::from(bytes),
        };
        Ok(reflect_dom_object_with_proto(
            cx,
            Box::new(EncodedVideoChunk { reflector_: Reflector::new(), chunk }),
            global,
            proto,
        ))
    }

    /// <https://w3c.github.io/webcodecs/#dom-encodedvideochunk-type>
    fn Type(&self, _cx: &mut JSContext) -> EncodedVideoChunkType {
        if self.chunk.key { EncodedVideoChunkType::Key } else { EncodedVideoChunkType::Delta }
    }

    /// <https://w3c.github.io/webcodecs/#dom-encodedvideochunk-timestamp>
    fn Timestamp(&self, _cx: &mut JSContext) -> i64 {
        self.chunk.timestamp
    }

    /// <https://w3c.github.io/webcodecs/#dom-encodedvideochunk-duration>
    fn Duration(&self, _cx: &mut JSContext) -> Option<u64> {
        self.chunk.duration
    }

    /// <https://w3c.github.io/webcodecs/#dom-encodedvideochunk-bytelength>
    fn ByteLength(&self, _cx: &mut JSContext) -> u32 {
        self.chunk.data.len() as u32
    }

    /// <https://w3c.github.io/webcodecs/#dom-encodedvideochunk-copyto>
    fn CopyTo(&self, _cx: &mut JSContext, destination: HandleObject) -> Fallible<()> {
        let Some(length) = crate::dom::bindings::conversions::buffer_source_length(destination) else {
            return Err(Error::Type("copyTo()'s destination is not an ArrayBuffer or an ArrayBufferView.".into()));
        };
        // 1. If [[byte length]] is greater than destination's, throw a TypeError.
        if self.chunk.data.len() > length {
            return Err(Error::Type(format!(
                "The destination holds {length} bytes; the chunk has {}.",
                self.chunk.data.len()
            )));
        }
        // 2. Copy [[internal data]] into destination.
        crate::dom::bindings::conversions::with_buffer_source_bytes_mut(destination, |bytes| {
            bytes[..self.chunk.data.len()].copy_from_slice(&self.chunk.data)
        });
        Ok(())
    }
}
