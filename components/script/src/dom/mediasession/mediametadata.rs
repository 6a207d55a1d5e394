//! `MediaMetadata` (<https://w3c.github.io/mediasession/#the-mediametadata-interface>).

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use super::chapterinformation::ChapterInformation;
use super::{Image, convert_artwork, freeze_array, frozen_images};
use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::{MediaImage, MediaMetadataInit};
use crate::dom::bindings::codegen::MediaMetadataBinding::MediaMetadataMethods;
use crate::dom::bindings::conversions::{FromJSVal, ToJSVal};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct MediaMetadata {
    reflector_: Reflector,
    title: RefCell<DOMString>,
    artist: RefCell<DOMString>,
    album: RefCell<DOMString>,
    /// <https://w3c.github.io/mediasession/#mediametadata-artwork-images>
    #[no_trace]
    artwork_images: RefCell<Vec<Image>>,
    /// <https://w3c.github.io/mediasession/#mediametadata-converted-artwork-images>: undefined
    /// until read after a change.
    converted_artwork: Box<Heap<JSVal>>,
    /// <https://w3c.github.io/mediasession/#mediametadata-chapter-information>: a frozen array
    /// of `ChapterInformation`s.
    chapter_info: Box<Heap<JSVal>>,
}

impl MediaMetadataMethods for MediaMetadata {
    /// <https://w3c.github.io/mediasession/#dom-mediametadata-mediametadata>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &MediaMetadataInit,
    ) -> Fallible<DomRoot<MediaMetadata>> {
        // 1. Let metadata be a new MediaMetadata object.
        // 2.–4. Set metadata's title, artist and album to init's.
        // 5. Run the convert artwork algorithm with init's artwork as input and set metadata's
        //    artwork images as the result if it succeeded.
        let artwork = convert_artwork(global, &init.artwork, "Failed to construct 'MediaMetadata'")?;
        // 6. Let chapters be an empty list of type ChapterInformation.
        // 7. For each entry in init's chapterInfo, create a ChapterInformation from entry and
        //    append it to chapters.
        let mut chapters = Vec::with_capacity(init.chapter_info.len());
        for entry in &init.chapter_info {
            chapters.push(ChapterInformation::create(cx, global, entry)?);
        }
        // 8. Set metadata's chapter information to the result of creating a frozen array from
        //    chapters.
        rooted!(&in(cx) let mut array = UndefinedValue());
        chapters.to_jsval(cx, array.handle_mut());
        let chapter_info = freeze_array(cx, array.get(), 0);
        let metadata = MediaMetadata {
            reflector_: Reflector::new(),
            title: RefCell::new(init.title.clone()),
            artist: RefCell::new(init.artist.clone()),
            album: RefCell::new(init.album.clone()),
            artwork_images: RefCell::new(artwork),
            converted_artwork: Box::default(),
            chapter_info,
        };
        // 9. Return metadata.
        Ok(reflect_dom_object_with_proto(cx, Box::new(metadata), global, proto))
    }

    /// <https://w3c.github.io/mediasession/#dom-mediametadata-title>
    fn Title(&self, _cx: &mut JSContext) -> DOMString {
        self.title.borrow().clone()
    }
    /// <https://w3c.github.io/mediasession/#dom-mediametadata-title>
    fn SetTitle(&self, _cx: &mut JSContext, value: DOMString) {
        *self.title.borrow_mut() = value;
    }
    /// <https://w3c.github.io/mediasession/#dom-mediametadata-artist>
    fn Artist(&self, _cx: &mut JSContext) -> DOMString {
        self.artist.borrow().clone()
    }
    /// <https://w3c.github.io/mediasession/#dom-mediametadata-artist>
    fn SetArtist(&self, _cx: &mut JSContext, value: DOMString) {
        *self.artist.borrow_mut() = value;
    }
    /// <https://w3c.github.io/mediasession/#dom-mediametadata-album>
    fn Album(&self, _cx: &mut JSContext) -> DOMString {
        self.album.borrow().clone()
    }
    /// <https://w3c.github.io/mediasession/#dom-mediametadata-album>
    fn SetAlbum(&self, _cx: &mut JSContext, value: DOMString) {
        *self.album.borrow_mut() = value;
    }

    /// <https://w3c.github.io/mediasession/#dom-mediametadata-artwork>
    fn Artwork(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        // 1. If the MediaMetadata's converted artwork images is undefined: let frozenArtwork be
        //    the artwork images, each converted to a JavaScript object and frozen, in a frozen
        //    array; set the converted artwork images to frozenArtwork.
        if self.converted_artwork.get().is_undefined() {
            let images = self.artwork_images.borrow().clone();
            let frozen = frozen_images(cx, &images, true);
            self.converted_artwork.set(frozen.get());
        }
        // 2. Return the MediaMetadata's converted artwork images.
        retval.set(self.converted_artwork.get());
    }

    /// <https://w3c.github.io/mediasession/#dom-mediametadata-artwork>
    fn SetArtwork(&self, cx: &mut JSContext, value: HandleValue) -> Fallible<()> {
        // 1. Let convertedArtwork be the result of converting value to a sequence of type
        //    MediaImage.
        let converted: Vec<MediaImage> = match Vec::<MediaImage>::from_jsval(cx, value, ()) {
            Ok(Ok(images)) => images,
            Ok(Err(failure)) => return Err(Error::Type(failure.describe("The provided artwork"))),
            Err(()) => return Err(Error::JSFailed),
        };
        // 2. Run convert artwork algorithm with convertedArtwork, and set the MediaMetadata's
        //    artwork images as the result if it succeeds.
        let images =
            convert_artwork(&self.global(), &converted, "Failed to set the 'artwork' property on 'MediaMetadata'")?;
        *self.artwork_images.borrow_mut() = images;
        // 3. Set the MediaMetadata's converted artwork images to undefined.
        self.converted_artwork.set(UndefinedValue());
        Ok(())
    }

    /// <https://w3c.github.io/mediasession/#dom-mediametadata-chapterinfo>
    fn ChapterInfo(&self, _cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.chapter_info.get());
    }
}
