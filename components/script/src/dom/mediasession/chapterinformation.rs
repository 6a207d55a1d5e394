//! `ChapterInformation` (<https://w3c.github.io/mediasession/#the-chapterinformation-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::JSVal;
use mozjs::rust::MutableHandleValue;

use super::{convert_artwork, frozen_images};
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ChapterInformationBinding::ChapterInformationMethods;
use crate::dom::bindings::codegen::Dictionaries::ChapterInformationInit;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct ChapterInformation {
    reflector_: Reflector,
    title: DOMString,
    start_time: f64,
    /// The artwork images, a frozen array of `MediaImage` objects.
    artwork: Box<Heap<JSVal>>,
}

impl ChapterInformation {
    /// <https://w3c.github.io/mediasession/#create-a-chapterinformation>
    pub fn create(
        cx: &mut JSContext,
        window: &Window,
        init: &ChapterInformationInit,
    ) -> Fallible<DomRoot<ChapterInformation>> {
        // 1. Let chapterInfo be a new ChapterInformation object.
        // 2. Set chapterInfo's title to init's title.
        // 3. Set chapterInfo's startTime to init's startTime. If the startTime is negative or
        //    greater than duration, throw a TypeError.
        //    FIXME: "duration" is not defined for a MediaMetadata (the spec links no media
        //    element to it), so only a negative start time is refused.
        let start_time = *init.start_time;
        if start_time < 0.0 {
            return Err(Error::Type("The provided startTime cannot be negative.".into()));
        }
        // 4. Let artwork be the result of running the convert artwork algorithm with init's
        //    artwork as input.
        let images = convert_artwork(window, &init.artwork, "Failed to construct 'MediaMetadata'")?;
        // 5. Set chapterInfo's artwork images to the result of creating a frozen array from
        //    artwork.
        let artwork = frozen_images(cx, &images, false);
        // 6. Return chapterInfo.
        let chapter =
            ChapterInformation { reflector_: Reflector::new(), title: init.title.clone(), start_time, artwork };
        Ok(reflect_dom_object(cx, Box::new(chapter), window))
    }
}

impl ChapterInformationMethods for ChapterInformation {
    /// <https://w3c.github.io/mediasession/#dom-chapterinformation-title>
    fn Title(&self, _cx: &mut JSContext) -> DOMString {
        self.title.clone()
    }
    /// <https://w3c.github.io/mediasession/#dom-chapterinformation-starttime>
    fn StartTime(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.start_time)
    }
    /// <https://w3c.github.io/mediasession/#dom-chapterinformation-artwork>
    fn Artwork(&self, _cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.artwork.get());
    }
}
