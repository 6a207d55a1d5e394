//! "In parallel" steps (<https://html.spec.whatwg.org/multipage/infrastructure.html#in-parallel>):
//! work that runs off the script thread, whose result comes back as a task.
//!
//! [`in_parallel`] runs `work` on a short-lived thread and queues a task that
//! calls `then` with its result on the script thread. The event loop stays
//! alive until that task ran, and a panic in `work` still produces the task
//! (with `None`), so nothing waiting on it is left pending.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use mozjs::context::JSContext;

type Continuation = Box<dyn FnOnce(&mut JSContext, Option<Box<dyn Any + Send>>)>;

thread_local! {
    static CONTINUATIONS: RefCell<HashMap<u64, Continuation>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u64> = const { Cell::new(1) };
}

/// Drops the continuations of work still running (see `script_thread::teardown`).
pub(crate) fn teardown() -> usize {
    crate::script_thread::drain(&CONTINUATIONS)
}

/// Runs `work` off the script thread (a thread named `name`), then `then`
/// with its result (`None` if `work` panicked) as a task on this thread.
/// Call on the script thread.
pub fn in_parallel<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
    then: impl FnOnce(&mut JSContext, Option<T>) + 'static,
) {
    let id = NEXT.with(|n| n.replace(n.get() + 1));
    let continuation: Continuation = Box::new(move |cx, result| {
        let result = result.and_then(|r| r.downcast::<T>().ok()).map(|b| *b);
        then(cx, result)
    });
    CONTINUATIONS.with(|c| c.borrow_mut().insert(id, continuation));
    crate::script_thread::request_started();
    let sender = crate::script_thread::remote_task_sender();
    let spawned = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok();
        let result = result.map(|r| Box::new(r) as Box<dyn Any + Send>);
        let _ = sender.send(Box::new(move |cx: &mut JSContext| finish(cx, id, result)));
    });
    if let Err(e) = spawned {
        log::error!("could not start a thread for {name}: {e}");
        crate::script_thread::queue_task(Box::new(move |cx| finish(cx, id, None)));
    }
}

fn finish(cx: &mut JSContext, id: u64, result: Option<Box<dyn Any + Send>>) {
    crate::script_thread::request_settled();
    if let Some(continuation) = CONTINUATIONS.with(|c| c.borrow_mut().remove(&id)) {
        continuation(cx, result);
    }
}
