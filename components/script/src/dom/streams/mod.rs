//! The Streams Standard (<https://streams.spec.whatwg.org/>): readable streams with the default
//! controller and reader, `tee()`, `ReadableStream.from()`, async iteration, writable streams with the default
//! controller and writer, and the queuing strategies.

pub mod algorithms;
pub mod asynciterator;
pub mod bytesource;
pub mod from;
pub mod pipe;
pub mod queuingstrategy;
pub mod readablestream;
pub mod readablestreamdefaultcontroller;
pub mod readablestreamdefaultreader;
pub mod tee;
pub mod transformstream;
pub mod transformstreamdefaultcontroller;
pub mod transfer;
pub mod writablestream;
pub mod writablestreamdefaultcontroller;
pub mod writablestreamdefaultwriter;
