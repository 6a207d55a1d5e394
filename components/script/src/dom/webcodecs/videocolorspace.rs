//! `VideoColorSpace` (<https://w3c.github.io/webcodecs/#videocolorspace-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::VideoColorSpaceInit;
use crate::dom::bindings::codegen::Enums::{
    VideoColorPrimaries, VideoMatrixCoefficients, VideoTransferCharacteristics,
};
use crate::dom::bindings::codegen::VideoColorSpaceBinding::VideoColorSpaceMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;
use crate::dom::webcodecs::pixels::YuvMatrix;

/// The four members of a colour space, as plain data (a frame keeps it; it crosses threads).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ColorSpaceData {
    pub primaries: Option<VideoColorPrimaries>,
    pub transfer: Option<VideoTransferCharacteristics>,
    pub matrix: Option<VideoMatrixCoefficients>,
    pub full_range: Option<bool>,
}

impl ColorSpaceData {
    /// The [sRGB Color Space](https://w3c.github.io/webcodecs/#srgb-color-space).
    pub const SRGB: ColorSpaceData = ColorSpaceData {
        primaries: Some(VideoColorPrimaries::Bt709),
        transfer: Some(VideoTransferCharacteristics::Iec6196621),
        matrix: Some(VideoMatrixCoefficients::Rgb),
        full_range: Some(true),
    };

    /// The [REC709 Color Space](https://w3c.github.io/webcodecs/#rec709-color-space).
    pub const REC709: ColorSpaceData = ColorSpaceData {
        primaries: Some(VideoColorPrimaries::Bt709),
        transfer: Some(VideoTransferCharacteristics::Bt709),
        matrix: Some(VideoMatrixCoefficients::Bt709),
        full_range: Some(false),
    };

    pub fn from_init(init: &VideoColorSpaceInit) -> ColorSpaceData {
        ColorSpaceData {
            primaries: init.primaries,
            transfer: init.transfer,
            matrix: init.matrix,
            full_range: init.full_range,
        }
    }

    /// How YUV samples in this colour space become RGB.
    pub fn yuv_matrix(&self) -> YuvMatrix {
        YuvMatrix::from_names(self.matrix.map(|m| m.as_str()), self.full_range)
    }
}

#[dom_struct]
pub struct VideoColorSpace {
    reflector_: Reflector,
    #[no_trace]
    data: ColorSpaceData,
}

impl VideoColorSpace {
    pub fn new(cx: &mut JSContext, window: &Window, data: ColorSpaceData) -> DomRoot<VideoColorSpace> {
        reflect_dom_object(cx, Box::new(VideoColorSpace { reflector_: Reflector::new(), data }), window)
    }
}

impl VideoColorSpaceMethods for VideoColorSpace {
    /// <https://w3c.github.io/webcodecs/#dom-videocolorspace-videocolorspace>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &VideoColorSpaceInit,
    ) -> Fallible<DomRoot<VideoColorSpace>> {
        // 1. Let c be a new VideoColorSpace, its slots assigned from init's members.
        let data = ColorSpaceData::from_init(init);
        Ok(reflect_dom_object_with_proto(
            cx,
            Box::new(VideoColorSpace { reflector_: Reflector::new(), data }),
            global,
            proto,
        ))
    }
    /// <https://w3c.github.io/webcodecs/#dom-videocolorspace-primaries>
    fn Primaries(&self, _cx: &mut JSContext) -> Option<VideoColorPrimaries> {
        self.data.primaries
    }
    /// <https://w3c.github.io/webcodecs/#dom-videocolorspace-transfer>
    fn Transfer(&self, _cx: &mut JSContext) -> Option<VideoTransferCharacteristics> {
        self.data.transfer
    }
    /// <https://w3c.github.io/webcodecs/#dom-videocolorspace-matrix>
    fn Matrix(&self, _cx: &mut JSContext) -> Option<VideoMatrixCoefficients> {
        self.data.matrix
    }
    /// <https://w3c.github.io/webcodecs/#dom-videocolorspace-fullrange>
    fn FullRange(&self, _cx: &mut JSContext) -> Option<bool> {
        self.data.full_range
    }
    /// <https://w3c.github.io/webcodecs/#dom-videocolorspace-tojson>: the default toJSON steps.
    fn ToJSON(&self, _cx: &mut JSContext) -> VideoColorSpaceInit {
        VideoColorSpaceInit {
            primaries: self.data.primaries,
            transfer: self.data.transfer,
            matrix: self.data.matrix,
            full_range: self.data.full_range,
        }
    }
}
