//! Media Session (<https://w3c.github.io/mediasession/>): `navigator.mediaSession`,
//! `MediaMetadata` and `ChapterInformation`.
//!
//! A headless host has no media controls, lock screen or capture indicators: what a page
//! declares (metadata, playback state, position state, action handlers, capture state) is kept
//! as the standard says, and nothing outside the page reads it or invokes the handlers. The
//! update metadata algorithm (which fetches artwork for that UI) has nothing to update.

pub mod chapterinformation;
pub mod mediametadata;
pub mod mediasession;

use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JS_FreezeObject, JS_GetElement};
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use url::Url;

use crate::dom::bindings::codegen::Dictionaries::MediaImage;
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::html::window::Window;

/// A `MediaImage` after the convert artwork algorithm: `src` is an absolute URL.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub src: String,
    pub sizes: String,
    pub type_: String,
}

/// <https://w3c.github.io/mediasession/#convert-artwork-algorithm>; `context` starts the
/// TypeError's message ("Failed to construct 'MediaMetadata'", as Chromium words it).
pub fn convert_artwork(window: &Window, input: &[MediaImage], context: &str) -> Fallible<Vec<Image>> {
    // 1. Let output be an empty list of type MediaImage.
    let mut output = Vec::with_capacity(input.len());
    // 2. Let baseURL be the API base URL specified by the entry settings object.
    let base = window.api_base_url();
    // 3. For each entry in input:
    for entry in input {
        // 3.1. Let image be a new MediaImage.
        // 3.2. Parse entry's src using baseURL. If it does not return failure, set image's src
        //      to the return value. Otherwise, throw a TypeError and abort these steps.
        let src = Url::options()
            .base_url(Some(&base))
            .parse(&entry.src.0)
            .map_err(|_| Error::Type(format!("{context}: '{}' can't be resolved to a valid URL.", entry.src.0)))?;
        // 3.3.–3.5. Set image's sizes and type to entry's; append image to the output.
        output.push(Image { src: src.into(), sizes: entry.sizes.to_string(), type_: entry.type_.to_string() });
    }
    // 4. Return output as result.
    Ok(output)
}

/// Converts `images` to a frozen JavaScript array of `MediaImage` objects; with `freeze_items`,
/// each object is frozen too (`MediaMetadata.artwork`: "SetIntegrityLevel(image, "frozen")" …
/// "SetIntegrityLevel(frozenArtwork, "frozen")"; a `FrozenArray<MediaImage>` freezes the array
/// only).
pub fn frozen_images(cx: &mut JSContext, images: &[Image], freeze_items: bool) -> Box<Heap<JSVal>> {
    let dictionaries: Vec<MediaImage> = images
        .iter()
        .map(|image| MediaImage {
            src: USVString(image.src.clone()),
            sizes: DOMString::from(image.sizes.clone()),
            type_: DOMString::from(image.type_.clone()),
        })
        .collect();
    rooted!(&in(cx) let mut array = UndefinedValue());
    dictionaries.to_jsval(cx, array.handle_mut());
    freeze_array(cx, array.get(), if freeze_items { dictionaries.len() as u32 } else { 0 })
}

/// Freezes the first `len` objects of the JS array `array` and the array; returns it held.
pub fn freeze_array(cx: &mut JSContext, array: JSVal, len: u32) -> Box<Heap<JSVal>> {
    rooted!(&in(cx) let object = array.to_object());
    rooted!(&in(cx) let mut element = UndefinedValue());
    for index in 0..len {
        // SAFETY: `object` is a rooted array of `len` objects made by the caller; `element` is
        // rooted.
        unsafe {
            if JS_GetElement(cx.raw_cx(), object.handle().into(), index, element.handle_mut().into())
                && element.get().is_object()
            {
                rooted!(&in(cx) let item = element.get().to_object());
                JS_FreezeObject(cx.raw_cx(), item.handle().into());
            }
        }
    }
    // SAFETY: `object` is the rooted array.
    unsafe { JS_FreezeObject(cx.raw_cx(), object.handle().into()) };
    let held = Box::new(Heap::default());
    held.set(ObjectValue(object.get()));
    held
}
