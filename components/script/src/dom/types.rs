//! Every DOM struct, by interface name. Generated bindings refer to
//! `crate::dom::types::<Interface>`; a missing entry is a build error.

pub use crate::dom::abortcontroller::AbortController;
pub use crate::dom::abortsignal::AbortSignal;
pub use crate::dom::aperturetesthooks::ApertureTestHooks;
pub use crate::dom::blob::Blob;
pub use crate::dom::canvas::canvascapturemediastreamtrack::CanvasCaptureMediaStreamTrack;
pub use crate::dom::canvas::canvasgradient::CanvasGradient;
pub use crate::dom::canvas::canvaspattern::CanvasPattern;
pub use crate::dom::canvas::canvasrenderingcontext2d::CanvasRenderingContext2D;
pub use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
pub use crate::dom::canvas::imagedata::ImageData;
pub use crate::dom::canvas::textmetrics::TextMetrics;
pub use crate::dom::console::console;
pub use crate::dom::cssstyledeclaration::CSSStyleDeclaration;
pub use crate::dom::domexception::DOMException;
pub use crate::dom::domtokenlist::DOMTokenList;
pub use crate::dom::errorevent::ErrorEvent;
pub use crate::dom::event::Event;
pub use crate::dom::headers::Headers;
pub use crate::dom::response::Response;
pub use crate::dom::eventtarget::EventTarget;
pub use crate::dom::imagebitmap::ImageBitmap;
pub use crate::dom::imagecapture::imagecapture::ImageCapture;
pub use crate::dom::imagecapture::imagecapturetest::ImageCaptureTest;
pub use crate::dom::imagecapture::mockimagecapture::MockImageCapture;
pub use crate::dom::mediacapture::inputdeviceinfo::InputDeviceInfo;
pub use crate::dom::mediacapture::mediadeviceinfo::MediaDeviceInfo;
pub use crate::dom::mediacapture::mediadevices::MediaDevices;
pub use crate::dom::mediacapture::mediastream::MediaStream;
pub use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
pub use crate::dom::mediacapture::mediastreamtrackevent::MediaStreamTrackEvent;
pub use crate::dom::permissions::permissions::Permissions;
pub use crate::dom::permissions::permissionstatus::PermissionStatus;
pub use crate::dom::location::Location;
pub use crate::dom::navigator::Navigator;
pub use crate::dom::overconstrainederror::OverconstrainedError;
pub use crate::dom::performance::Performance;
pub use crate::dom::promiserejectionevent::PromiseRejectionEvent;
pub use crate::dom::window::Window;
pub use crate::dom::characterdata::CharacterData;
pub use crate::dom::comment::Comment;
pub use crate::dom::document::Document;
pub use crate::dom::documentfragment::DocumentFragment;
pub use crate::dom::documenttype::DocumentType;
pub use crate::dom::element::Element;
pub use crate::dom::htmlcollection::HTMLCollection;
pub use crate::dom::htmlelement::HTMLElement;
pub use crate::dom::htmlelements::{
    HTMLBodyElement, HTMLButtonElement, HTMLDivElement, HTMLHeadElement, HTMLHtmlElement, HTMLMetaElement,
    HTMLParagraphElement, HTMLPreElement, HTMLSpanElement, HTMLStyleElement, HTMLTitleElement, HTMLUnknownElement,
};
pub use crate::dom::htmlmediaelement::HTMLMediaElement;
pub use crate::dom::htmliframeelement::HTMLIFrameElement;
pub use crate::dom::htmlscriptelement::HTMLScriptElement;
pub use crate::dom::htmlvideoelement::HTMLVideoElement;
pub use crate::dom::node::Node;
pub use crate::dom::nodelist::NodeList;
pub use crate::dom::text::Text;
