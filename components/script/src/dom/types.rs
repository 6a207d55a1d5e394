//! Every DOM struct, by interface name. Generated bindings refer to
//! `crate::dom::types::<Interface>`; a missing entry is a build error.

pub use crate::dom::abortcontroller::AbortController;
pub use crate::dom::abortsignal::AbortSignal;
pub use crate::dom::aperturetesthooks::ApertureTestHooks;
pub use crate::dom::blob::Blob;
pub use crate::dom::console::console;
pub use crate::dom::domexception::DOMException;
pub use crate::dom::errorevent::ErrorEvent;
pub use crate::dom::event::Event;
pub use crate::dom::eventtarget::EventTarget;
pub use crate::dom::location::Location;
pub use crate::dom::navigator::Navigator;
pub use crate::dom::overconstrainederror::OverconstrainedError;
pub use crate::dom::performance::Performance;
pub use crate::dom::promiserejectionevent::PromiseRejectionEvent;
pub use crate::dom::window::Window;
