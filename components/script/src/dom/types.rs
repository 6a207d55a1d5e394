//! Every DOM struct, by interface name. Generated bindings refer to
//! `crate::dom::types::<Interface>`; a missing entry is a build error.

pub use crate::dom::canvas::canvascapturemediastreamtrack::CanvasCaptureMediaStreamTrack;
pub use crate::dom::canvas::canvasgradient::CanvasGradient;
pub use crate::dom::canvas::canvaspattern::CanvasPattern;
pub use crate::dom::canvas::canvasrenderingcontext2d::CanvasRenderingContext2D;
pub use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
pub use crate::dom::canvas::imagebitmaprenderingcontext::ImageBitmapRenderingContext;
pub use crate::dom::canvas::imagedata::ImageData;
pub use crate::dom::canvas::offscreencanvas::{OffscreenCanvas, OffscreenCanvasRenderingContext2D};
pub use crate::dom::canvas::path2d::Path2D;
pub use crate::dom::canvas::textmetrics::TextMetrics;
pub use crate::dom::compression::compressionstream::{CompressionStream, DecompressionStream};
pub use crate::dom::console::console::console;
pub use crate::dom::css::cssconditionrule::CSSConditionRule;
pub use crate::dom::css::cssfontfacerule::CSSFontFaceRule;
pub use crate::dom::css::cssgroupingrule::CSSGroupingRule;
pub use crate::dom::css::cssimportrule::CSSImportRule;
pub use crate::dom::css::csskeyframerule::CSSKeyframeRule;
pub use crate::dom::css::csskeyframesrule::CSSKeyframesRule;
pub use crate::dom::css::cssmediarule::CSSMediaRule;
pub use crate::dom::css::cssnamespace::CSS;
pub use crate::dom::css::cssnamespacerule::CSSNamespaceRule;
pub use crate::dom::css::cssrule::CSSRule;
pub use crate::dom::css::cssrulelist::CSSRuleList;
pub use crate::dom::css::cssstyledeclaration::CSSStyleDeclaration;
pub use crate::dom::css::cssstylerule::CSSStyleRule;
pub use crate::dom::css::cssstylesheet::CSSStyleSheet;
pub use crate::dom::css::csssupportsrule::CSSSupportsRule;
pub use crate::dom::css::fontface::FontFace;
pub use crate::dom::css::fontfaceset::FontFaceSet;
pub use crate::dom::css::fontfacesetloadevent::FontFaceSetLoadEvent;
pub use crate::dom::css::medialist::MediaList;
pub use crate::dom::css::stylesheet::StyleSheet;
pub use crate::dom::css::stylesheetlist::StyleSheetList;
pub use crate::dom::cssomview::mediaquerylist::MediaQueryList;
pub use crate::dom::cssomview::screen::{Screen, ScreenOrientation};
pub use crate::dom::cssomview::visualviewport::VisualViewport;
pub use crate::dom::dom::abortcontroller::AbortController;
pub use crate::dom::dom::abortsignal::AbortSignal;
pub use crate::dom::dom::attr::Attr;
pub use crate::dom::dom::characterdata::CharacterData;
pub use crate::dom::dom::comment::Comment;
pub use crate::dom::dom::customevent::CustomEvent;
pub use crate::dom::dom::document::Document;
pub use crate::dom::dom::documentfragment::DocumentFragment;
pub use crate::dom::dom::documenttype::DocumentType;
pub use crate::dom::dom::domexception::DOMException;
pub use crate::dom::dom::domimplementation::{DOMImplementation, XMLDocument};
pub use crate::dom::dom::domtokenlist::DOMTokenList;
pub use crate::dom::dom::element::Element;
pub use crate::dom::dom::event::Event;
pub use crate::dom::dom::eventtarget::EventTarget;
pub use crate::dom::dom::htmlcollection::HTMLCollection;
pub use crate::dom::dom::mutationobserver::{MutationObserver, MutationRecord};
pub use crate::dom::dom::namednodemap::NamedNodeMap;
pub use crate::dom::dom::node::Node;
pub use crate::dom::dom::nodeiterator::NodeIterator;
pub use crate::dom::dom::nodelist::NodeList;
pub use crate::dom::dom::processinginstruction::{CDATASection, ProcessingInstruction};
pub use crate::dom::dom::shadowroot::ShadowRoot;
pub use crate::dom::dom::text::Text;
pub use crate::dom::dom::treewalker::TreeWalker;
pub use crate::dom::domparsing::xmlserializer::XMLSerializer;
pub use crate::dom::encoding::textdecoder::TextDecoder;
pub use crate::dom::encoding::textdecoderstream::TextDecoderStream;
pub use crate::dom::encoding::textencoder::TextEncoder;
pub use crate::dom::encoding::textencoderstream::TextEncoderStream;
pub use crate::dom::events::events::{
    AnimationEvent, CloseEvent, HashChangeEvent, PageTransitionEvent, ToggleEvent, TransitionEvent,
};
pub use crate::dom::fetch::headers::Headers;
pub use crate::dom::fetch::request::Request;
pub use crate::dom::fetch::response::Response;
pub use crate::dom::fileapi::blob::Blob;
pub use crate::dom::fileapi::file::File;
pub use crate::dom::fileapi::filelist::FileList;
pub use crate::dom::fileapi::filereader::FileReader;
pub use crate::dom::fileapi::filereadersync::FileReaderSync;
pub use crate::dom::fileapi::progressevent::ProgressEvent;
pub use crate::dom::geometry::dommatrix::{DOMMatrix, DOMMatrixReadOnly};
pub use crate::dom::geometry::dompoint::{DOMPoint, DOMPointReadOnly};
pub use crate::dom::geometry::domquad::DOMQuad;
pub use crate::dom::geometry::domrect::{DOMRect, DOMRectList, DOMRectReadOnly};
pub use crate::dom::hrtime::performance::Performance;
pub use crate::dom::html::customelements::customelementregistry::CustomElementRegistry;
pub use crate::dom::html::domparser::DOMParser;
pub use crate::dom::html::domstringlist::DOMStringList;
pub use crate::dom::html::domstringmap::DOMStringMap;
pub use crate::dom::html::errorevent::ErrorEvent;
pub use crate::dom::html::forms::collections::{HTMLFormControlsCollection, HTMLOptionsCollection, RadioNodeList};
pub use crate::dom::html::forms::formelements::{
    HTMLDataListElement, HTMLFieldSetElement, HTMLLegendElement, HTMLMeterElement, HTMLOutputElement,
    HTMLProgressElement,
};
pub use crate::dom::html::forms::htmlformelement::HTMLFormElement;
pub use crate::dom::html::forms::htmlformelement::SubmitEvent;
pub use crate::dom::html::forms::htmlinputelement::HTMLInputElement;
pub use crate::dom::html::forms::htmllabelelement::HTMLLabelElement;
pub use crate::dom::html::forms::htmloptionelement::{HTMLOptGroupElement, HTMLOptionElement};
pub use crate::dom::html::forms::htmlselectelement::HTMLSelectElement;
pub use crate::dom::html::forms::htmltextareaelement::HTMLTextAreaElement;
pub use crate::dom::html::forms::validation::ValidityState;
pub use crate::dom::html::history::{History, PopStateEvent};
pub use crate::dom::html::htmlanchorelement::HTMLAnchorElement;
pub use crate::dom::html::htmlareaelement::HTMLAreaElement;
pub use crate::dom::html::htmldetailselement::HTMLDetailsElement;
pub use crate::dom::html::htmldialogelement::HTMLDialogElement;
pub use crate::dom::html::htmlelement::HTMLElement;
pub use crate::dom::html::htmliframeelement::HTMLIFrameElement;
pub use crate::dom::html::htmlimageelement::HTMLImageElement;
pub use crate::dom::html::htmlmediaelement::{HTMLMediaElement, MediaError};
pub use crate::dom::html::htmlscriptelement::HTMLScriptElement;
pub use crate::dom::html::htmlslotelement::HTMLSlotElement;
pub use crate::dom::html::htmlsourceelement::HTMLSourceElement;
pub use crate::dom::html::htmlstyleelement::HTMLStyleElement;
pub use crate::dom::html::htmltemplateelement::HTMLTemplateElement;
pub use crate::dom::html::htmlvideoelement::{HTMLAudioElement, HTMLVideoElement};
pub use crate::dom::html::location::Location;
pub use crate::dom::html::navigator::Navigator;
pub use crate::dom::html::plugins::{MimeType, MimeTypeArray, Plugin, PluginArray};
pub use crate::dom::html::promiserejectionevent::PromiseRejectionEvent;
pub use crate::dom::html::simpleelements::{
    HTMLBRElement, HTMLHRElement, HTMLHeadingElement, HTMLLIElement, HTMLLinkElement, HTMLOListElement,
    HTMLUListElement,
};
pub use crate::dom::html::simpleelements::{
    HTMLBaseElement, HTMLBodyElement, HTMLButtonElement, HTMLDivElement, HTMLHeadElement, HTMLHtmlElement,
    HTMLMetaElement, HTMLParagraphElement, HTMLPictureElement, HTMLPreElement, HTMLSpanElement, HTMLTitleElement,
    HTMLUnknownElement,
};
pub use crate::dom::html::simpleelements::{
    HTMLDListElement, HTMLDataElement, HTMLDirectoryElement, HTMLFontElement, HTMLMapElement, HTMLMenuElement,
    HTMLModElement, HTMLParamElement, HTMLQuoteElement, HTMLTimeElement,
};
pub use crate::dom::html::tables::{
    HTMLTableCaptionElement, HTMLTableCellElement, HTMLTableColElement, HTMLTableElement, HTMLTableRowElement,
    HTMLTableSectionElement,
};
pub use crate::dom::html::timeranges::TimeRanges;
pub use crate::dom::html::videoplaybackquality::VideoPlaybackQuality;
pub use crate::dom::html::window::BarProp;
pub use crate::dom::html::window::Window;
pub use crate::dom::idle::idledeadline::IdleDeadline;
pub use crate::dom::imagecapture::imagecapture::ImageCapture;
pub use crate::dom::imagecapture::imagecapturetest::ImageCaptureTest;
pub use crate::dom::imagecapture::mockimagecapture::MockImageCapture;
pub use crate::dom::images::imagebitmap::ImageBitmap;
pub use crate::dom::indexeddb::cursor::{IDBCursor, IDBCursorWithValue};
pub use crate::dom::indexeddb::database::IDBDatabase;
pub use crate::dom::indexeddb::factory::IDBFactory;
pub use crate::dom::indexeddb::index::IDBIndex;
pub use crate::dom::indexeddb::keyrange::IDBKeyRange;
pub use crate::dom::indexeddb::objectstore::IDBObjectStore;
pub use crate::dom::indexeddb::record::IDBRecord;
pub use crate::dom::indexeddb::request::{IDBOpenDBRequest, IDBRequest};
pub use crate::dom::indexeddb::transaction::IDBTransaction;
pub use crate::dom::indexeddb::versionchangeevent::IDBVersionChangeEvent;
pub use crate::dom::intersectionobserver::intersectionobserver::{IntersectionObserver, IntersectionObserverEntry};
pub use crate::dom::mathml::mathmlelement::MathMLElement;
pub use crate::dom::mediacapture::devicechangeevent::DeviceChangeEvent;
pub use crate::dom::mediacapture::inputdeviceinfo::InputDeviceInfo;
pub use crate::dom::mediacapture::insertablestreams::{
    MediaStreamTrackGenerator, MediaStreamTrackProcessor, VideoTrackGenerator,
};
pub use crate::dom::mediacapture::mediadeviceinfo::MediaDeviceInfo;
pub use crate::dom::mediacapture::mediadevices::MediaDevices;
pub use crate::dom::mediacapture::mediastream::MediaStream;
pub use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
pub use crate::dom::mediacapture::mediastreamtrackevent::MediaStreamTrackEvent;
pub use crate::dom::mediacapture::overconstrainederror::OverconstrainedError;
pub use crate::dom::mediarecorder::blobevent::BlobEvent;
pub use crate::dom::mediarecorder::mediarecorder::MediaRecorder;
pub use crate::dom::mediasession::chapterinformation::ChapterInformation;
pub use crate::dom::mediasession::mediametadata::MediaMetadata;
pub use crate::dom::mediasession::mediasession::MediaSession;
pub use crate::dom::performance::performanceentry::PerformanceEntry;
pub use crate::dom::performance::performanceobserver::{PerformanceObserver, PerformanceObserverEntryList};
pub use crate::dom::performance::usertiming::{PerformanceMark, PerformanceMeasure};
pub use crate::dom::permissions::permissions::Permissions;
pub use crate::dom::permissions::permissionstatus::PermissionStatus;
pub use crate::dom::ranges::abstractrange::{AbstractRange, StaticRange};
pub use crate::dom::ranges::range::Range;
pub use crate::dom::ranges::selection::Selection;
pub use crate::dom::resizeobserver::resizeobserver::{ResizeObserver, ResizeObserverEntry, ResizeObserverSize};
pub use crate::dom::serversentevents::eventsource::EventSource;
pub use crate::dom::storage::storagemanager::StorageManager;
pub use crate::dom::streams::queuingstrategy::{ByteLengthQueuingStrategy, CountQueuingStrategy};
pub use crate::dom::streams::readablebytestreamcontroller::ReadableByteStreamController;
pub use crate::dom::streams::readablestream::ReadableStream;
pub use crate::dom::streams::readablestreambyobreader::ReadableStreamBYOBReader;
pub use crate::dom::streams::readablestreambyobrequest::ReadableStreamBYOBRequest;
pub use crate::dom::streams::readablestreamdefaultcontroller::ReadableStreamDefaultController;
pub use crate::dom::streams::readablestreamdefaultreader::ReadableStreamDefaultReader;
pub use crate::dom::streams::transformstream::TransformStream;
pub use crate::dom::streams::transformstreamdefaultcontroller::TransformStreamDefaultController;
pub use crate::dom::streams::writablestream::WritableStream;
pub use crate::dom::streams::writablestreamdefaultcontroller::WritableStreamDefaultController;
pub use crate::dom::streams::writablestreamdefaultwriter::WritableStreamDefaultWriter;
pub use crate::dom::svg::svganimatedstring::SVGAnimatedString;
pub use crate::dom::svg::svgelement::SVGElement;
pub use crate::dom::svg::svgelements::{
    SVGAElement, SVGCircleElement, SVGClipPathElement, SVGDefsElement, SVGDescElement, SVGEllipseElement,
    SVGForeignObjectElement, SVGGElement, SVGGeometryElement, SVGGradientElement, SVGGraphicsElement, SVGImageElement,
    SVGLineElement, SVGLinearGradientElement, SVGMarkerElement, SVGMaskElement, SVGMetadataElement, SVGPathElement,
    SVGPatternElement, SVGPolygonElement, SVGPolylineElement, SVGRadialGradientElement, SVGRectElement, SVGSVGElement,
    SVGStopElement, SVGStyleElement, SVGSwitchElement, SVGSymbolElement, SVGTSpanElement, SVGTextContentElement,
    SVGTextElement, SVGTextPathElement, SVGTextPositioningElement, SVGTitleElement, SVGUseElement,
};
pub use crate::dom::testing::aperturetesthooks::ApertureTestHooks;
pub use crate::dom::texttracks::htmltrackelement::HTMLTrackElement;
pub use crate::dom::texttracks::texttrack::TextTrack;
pub use crate::dom::texttracks::texttrackcue::TextTrackCue;
pub use crate::dom::texttracks::texttrackcuelist::TextTrackCueList;
pub use crate::dom::texttracks::texttracklist::TextTrackList;
pub use crate::dom::texttracks::trackevent::TrackEvent;
pub use crate::dom::texttracks::vttcue::VTTCue;
pub use crate::dom::texttracks::vttregion::VTTRegion;
pub use crate::dom::uievents::events::{
    CompositionEvent, FocusEvent, InputEvent, KeyboardEvent, MouseEvent, PointerEvent, UIEvent, WheelEvent,
};
pub use crate::dom::uievents::useractivation::UserActivation;
pub use crate::dom::url::url::URL;
pub use crate::dom::url::urlsearchparams::URLSearchParams;
pub use crate::dom::webaudio::analysernode::AnalyserNode;
pub use crate::dom::webaudio::audiobuffer::AudioBuffer;
pub use crate::dom::webaudio::audiobuffersourcenode::AudioBufferSourceNode;
pub use crate::dom::webaudio::audiocontext::AudioContext;
pub use crate::dom::webaudio::audiodestinationnode::AudioDestinationNode;
pub use crate::dom::webaudio::audiolistener::AudioListener;
pub use crate::dom::webaudio::audionode::AudioNode;
pub use crate::dom::webaudio::audioparam::AudioParam;
pub use crate::dom::webaudio::audioprocessingevent::AudioProcessingEvent;
pub use crate::dom::webaudio::audioscheduledsourcenode::AudioScheduledSourceNode;
pub use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;
pub use crate::dom::webaudio::biquadfilternode::BiquadFilterNode;
pub use crate::dom::webaudio::channelsplitternode::{ChannelMergerNode, ChannelSplitterNode};
pub use crate::dom::webaudio::constantsourcenode::ConstantSourceNode;
pub use crate::dom::webaudio::convolvernode::ConvolverNode;
pub use crate::dom::webaudio::delaynode::DelayNode;
pub use crate::dom::webaudio::dynamicscompressornode::DynamicsCompressorNode;
pub use crate::dom::webaudio::gainnode::GainNode;
pub use crate::dom::webaudio::iirfilternode::IIRFilterNode;
pub use crate::dom::webaudio::mediastreamaudiodestinationnode::MediaStreamAudioDestinationNode;
pub use crate::dom::webaudio::mediastreamaudiosourcenode::MediaStreamAudioSourceNode;
pub use crate::dom::webaudio::offlineaudiocompletionevent::OfflineAudioCompletionEvent;
pub use crate::dom::webaudio::offlineaudiocontext::OfflineAudioContext;
pub use crate::dom::webaudio::oscillatornode::OscillatorNode;
pub use crate::dom::webaudio::pannernode::PannerNode;
pub use crate::dom::webaudio::periodicwave::PeriodicWave;
pub use crate::dom::webaudio::scriptprocessornode::ScriptProcessorNode;
pub use crate::dom::webaudio::stereopannernode::StereoPannerNode;
pub use crate::dom::webaudio::waveshapernode::WaveShaperNode;
pub use crate::dom::webcodecs::encodedvideochunk::EncodedVideoChunk;
pub use crate::dom::webcodecs::videocolorspace::VideoColorSpace;
pub use crate::dom::webcodecs::videodecoder::VideoDecoder;
pub use crate::dom::webcodecs::videoencoder::VideoEncoder;
pub use crate::dom::webcodecs::videoframe::VideoFrame;
pub use crate::dom::webcrypto::crypto::Crypto;
pub use crate::dom::webcrypto::subtlecrypto::SubtleCrypto;
pub use crate::dom::webgl::extensions::{
    ANGLE_instanced_arrays, EXT_blend_minmax, EXT_clip_control, EXT_color_buffer_float, EXT_color_buffer_half_float,
    EXT_depth_clamp, EXT_disjoint_timer_query, EXT_disjoint_timer_query_webgl2, EXT_float_blend, EXT_frag_depth,
    EXT_polygon_offset_clamp, EXT_sRGB, EXT_shader_texture_lod, EXT_texture_compression_bptc,
    EXT_texture_compression_rgtc, EXT_texture_filter_anisotropic, EXT_texture_mirror_clamp_to_edge,
    KHR_parallel_shader_compile, NV_shader_noperspective_interpolation, OES_draw_buffers_indexed,
    OES_element_index_uint, OES_fbo_render_mipmap, OES_sample_variables, OES_shader_multisample_interpolation,
    OES_standard_derivatives, OES_texture_float, OES_texture_float_linear, OES_texture_half_float,
    OES_texture_half_float_linear, OES_vertex_array_object, WEBGL_clip_cull_distance, WEBGL_color_buffer_float,
    WEBGL_compressed_texture_astc, WEBGL_compressed_texture_etc, WEBGL_compressed_texture_etc1,
    WEBGL_compressed_texture_s3tc, WEBGL_compressed_texture_s3tc_srgb, WEBGL_debug_renderer_info, WEBGL_debug_shaders,
    WEBGL_depth_texture, WEBGL_draw_buffers, WEBGL_lose_context, WEBGL_multi_draw, WebGLTimerQueryEXT,
    WebGLVertexArrayObjectOES,
};
pub use crate::dom::webgl::objects::{
    WebGLActiveInfo, WebGLBuffer, WebGLFramebuffer, WebGLObject, WebGLProgram, WebGLQuery, WebGLRenderbuffer,
    WebGLSampler, WebGLShader, WebGLShaderPrecisionFormat, WebGLSync, WebGLTexture, WebGLTransformFeedback,
    WebGLUniformLocation, WebGLVertexArrayObject,
};
pub use crate::dom::webgl::webgl2renderingcontext::WebGL2RenderingContext;
pub use crate::dom::webgl::webglcontextevent::WebGLContextEvent;
pub use crate::dom::webgl::webglrenderingcontext::WebGLRenderingContext;
pub use crate::dom::weblocks::lock::Lock;
pub use crate::dom::weblocks::lockmanager::LockManager;
pub use crate::dom::webmessaging::broadcastchannel::BroadcastChannel;
pub use crate::dom::webmessaging::messageevent::MessageEvent;
pub use crate::dom::webmessaging::messageport::{MessageChannel, MessagePort};
pub use crate::dom::websockets::websocket::WebSocket;
pub use crate::dom::webstorage::storage::Storage;
pub use crate::dom::workers::dedicatedworkerglobalscope::DedicatedWorkerGlobalScope;
pub use crate::dom::workers::worker::Worker;
pub use crate::dom::workers::workerglobalscope::WorkerGlobalScope;
pub use crate::dom::workers::workerlocation::WorkerLocation;
pub use crate::dom::workers::workernavigator::WorkerNavigator;
pub use crate::dom::xhr::formdata::FormData;
pub use crate::dom::xhr::xmlhttprequest::{XMLHttpRequest, XMLHttpRequestEventTarget, XMLHttpRequestUpload};
