//! Dedicated workers (<https://html.spec.whatwg.org/multipage/workers.html>): `Worker` on the
//! owner's side, `WorkerGlobalScope`/`DedicatedWorkerGlobalScope` and their `location` and
//! `navigator` on the worker's, and the worker's thread with its own runtime and event loop.

pub mod bench;
pub mod dedicatedworkerglobalscope;
pub mod thread;
pub mod worker;
pub mod workerglobalscope;
pub mod workerlocation;
pub mod workernavigator;
