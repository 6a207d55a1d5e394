//! The HTML Standard (<https://html.spec.whatwg.org/multipage/>): the window, its location and
//! navigator, the parser, HTML elements (forms in `forms/`) and their event handler attributes.

pub mod animationframes;
pub mod base64;
pub mod customelements;
pub mod documentmetadata;
pub mod domparser;
pub mod domstringmap;
pub mod errorevent;
pub mod eventhandlerattributes;
pub mod focus;
pub mod forms;
pub mod history;
pub mod htmlanchorelement;
pub mod htmlelement;
pub mod htmliframeelement;
pub mod htmlimageelement;
pub mod htmlmediaelement;
pub mod htmlorsvgelement;
pub mod htmlscriptelement;
pub mod htmlslotelement;
pub mod htmlsourceelement;
pub mod htmlstyleelement;
pub mod htmltemplateelement;
pub mod htmlvideoelement;
pub mod location;
pub mod navigator;
pub mod parser;
pub mod promiserejectionevent;
pub mod reflect;
pub mod renderedtext;
pub mod simpleelements;
pub mod structuredclone;
pub mod timeranges;
pub mod window;
pub mod windowbrowsingcontext;
pub mod windowproperties;
