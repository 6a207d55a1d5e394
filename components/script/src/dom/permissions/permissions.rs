//! `Permissions` (<https://w3c.github.io/permissions/#permissions-interface>).

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::ObjectValue;
use mozjs::rooted;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::{CameraDevicePermissionDescriptor, PermissionDescriptor};
use crate::dom::bindings::codegen::Enums::PermissionState;
use crate::dom::bindings::codegen::NavigatorBinding::NavigatorMethods;
use crate::dom::bindings::codegen::PermissionsBinding::PermissionsMethods;
use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
use crate::dom::bindings::conversions::FromJSVal;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::permissions::permissionstatus::PermissionStatus;
use crate::dom::permissions::store::{self, PermissionKey};

#[dom_struct]
pub struct Permissions {
    reflector_: Reflector,
    /// The statuses `query()` gave out, kept up to date when the store changes.
    statuses: RefCell<Vec<Dom<PermissionStatus>>>,
}

impl Permissions {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<Permissions> {
        reflect_dom_object(
            cx,
            Box::new(Permissions { reflector_: Reflector::new(), statuses: Default::default() }),
            window,
        )
    }
}

/// Sets the permission store's state of `key` for `origin` and, in a task,
/// updates every `PermissionStatus` of a window of that origin
/// (<https://w3c.github.io/permissions/#dfn-permissionstatus-update-steps>;
/// a change of `{camera}` can change `{camera, panTiltZoom}` too, so every
/// status of the origin is checked).
pub fn set_state(origin: &str, key: PermissionKey, state: PermissionState) {
    store::set(origin, key, state);
    let origin = origin.to_owned();
    crate::script_thread::queue_task(Box::new(move |cx| {
        for window in crate::script_thread::windows() {
            if origin_of(&window) != origin {
                continue;
            }
            let permissions = window.Navigator(cx).Permissions(cx);
            let statuses: Vec<DomRoot<PermissionStatus>> =
                permissions.statuses.borrow().iter().map(|s| DomRoot::from_ref(&**s)).collect();
            for status in statuses {
                status.update(cx, store::state(&origin, status.key()));
            }
        }
    }));
}

/// The origin whose permission store entries a window uses.
pub fn origin_of(window: &Window) -> String {
    crate::origin::origin_key(&window.url())
}

fn convert<T: FromJSVal<Config = ()>>(cx: &mut JSContext, descriptor: HandleObject, what: &str) -> Fallible<T> {
    rooted!(&in(cx) let value = ObjectValue(descriptor.get()));
    match T::from_jsval(cx, value.handle(), ()) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(failure)) => Err(Error::Type(failure.describe(what))),
        Err(()) => Err(Error::JSFailed),
    }
}

/// Converts a permission descriptor object to the permission it names
/// (<https://w3c.github.io/permissions/#dom-permissions-query>, steps 2–4).
pub fn parse_descriptor(cx: &mut JSContext, descriptor: HandleObject) -> Fallible<PermissionKey> {
    // 2. Let rootDesc be the object permissionDesc refers to, converted to PermissionDescriptor.
    let root: PermissionDescriptor = convert(cx, descriptor, "The permission descriptor")?;
    // 3. If rootDesc["name"] is not supported, return a promise rejected with a TypeError.
    // 4. Let typedDescriptor be permissionDesc converted to the permission's descriptor type.
    match &*root.name {
        "camera" => {
            let camera: CameraDevicePermissionDescriptor = convert(cx, descriptor, "The camera permission descriptor")?;
            Ok(if camera.pan_tilt_zoom { PermissionKey::CameraPanTiltZoom } else { PermissionKey::Camera })
        }
        "microphone" => Ok(PermissionKey::Microphone),
        other => Err(Error::Type(format!("'{other}' is not a permission name Aperture supports."))),
    }
}

impl PermissionsMethods for Permissions {
    /// <https://w3c.github.io/permissions/#dom-permissions-query>
    fn Query(&self, cx: &mut JSContext, permission_desc: HandleObject) -> Rc<Promise> {
        let window = self.global();
        // (1. The document of this window is always fully active in Aperture.)
        // 2.–4. Convert the descriptor; a failure rejects the promise.
        let key = match parse_descriptor(cx, permission_desc) {
            Ok(k) => k,
            Err(e) => return Promise::new_rejected(cx, &window, e),
        };
        // 5. Let promise be a new promise.
        let promise = Promise::new(cx, &window);
        // 6. In parallel: create a PermissionStatus, run its query algorithm (read the
        //    permission store), and queue a global task to resolve promise with it.
        let state = store::state(&origin_of(&window), key);
        let p = promise.clone();
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            let status = PermissionStatus::new(cx, &p.global(), key, state);
            if let Some(this) = this.root() {
                this.statuses.borrow_mut().push(Dom::from_ref(&*status));
            }
            p.resolve_native(cx, &status);
        }));
        promise
    }
}
