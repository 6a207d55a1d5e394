//! Process-wide ids. Each kind has its own counter so ids are never reused
//! within a process; a stale id therefore never aliases a newer object.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
        pub struct $name(pub u64);

        impl $name {
            /// Allocates a fresh id, unique in this process.
            pub fn next() -> Self {
                static NEXT: AtomicU64 = AtomicU64::new(1);
                $name(NEXT.fetch_add(1, Ordering::Relaxed))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

define_id!(
    /// A canvas draw target owned by the canvas thread.
    CanvasId,
    "canvas#"
);
define_id!(
    /// A media source owned by the media thread (a camera or a canvas feed).
    SourceId,
    "source#"
);
define_id!(
    /// A web font's bytes in a canvas thread's font registry (a loaded `FontFace`).
    FontKey,
    "font#"
);
define_id!(
    /// One asynchronous request from script to another thread; the reply names it.
    RequestId,
    "request#"
);

/// A monotonically increasing version number (of a canvas image, of settings…).
#[derive(Clone, Copy, Debug, Default, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct Epoch(pub u64);

impl Epoch {
    pub fn next(self) -> Epoch {
        Epoch(self.0 + 1)
    }
}
