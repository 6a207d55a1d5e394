//! The Streams Standard (<https://streams.spec.whatwg.org/>): readable streams with the default
//! controller and reader, readable byte streams with their controller, BYOB readers and
//! requests, `tee()`, `ReadableStream.from()`, async iteration, writable streams with the default
//! controller and writer, and the queuing strategies.

pub mod algorithms;
pub mod asynciterator;
pub mod buffers;
pub mod bytesource;
pub mod bytetee;
pub mod from;
pub mod genericreader;
pub mod pipe;
pub mod queuingstrategy;
pub mod readablebytestreamcontroller;
pub mod readablestream;
pub mod readablestreambyobreader;
pub mod readablestreambyobrequest;
pub mod readablestreamdefaultcontroller;
pub mod readablestreamdefaultreader;
pub mod tee;
pub mod transfer;
pub mod transformstream;
pub mod transformstreamdefaultcontroller;
pub mod writablestream;
pub mod writablestreamdefaultcontroller;
pub mod writablestreamdefaultwriter;
