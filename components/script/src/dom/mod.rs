//! The DOM: one file per interface, named after it in lower case, in folders by
//! specification (`dom/` for the DOM Standard, `html/`, `css/`, `fetch/`, …),
//! plus the bindings runtime in `bindings/` and the global abstraction in
//! `globalscope.rs`.

pub mod bindings;
pub mod geometry;
pub mod globalscope;
pub mod types;
pub mod uievents;

pub mod beacon;
pub mod canvas;
pub mod compression;
pub mod console;
pub mod css;
pub mod cssomview;
pub mod dom;
pub mod domparsing;
pub mod encoding;
pub mod events;
pub mod fetch;
pub mod fileapi;
pub mod fullscreen;
pub mod hrtime;
pub mod html;
pub mod idle;
pub mod imagecapture;
pub mod images;
pub mod indexeddb;
pub mod intersectionobserver;
pub mod layout;
pub mod mathml;
pub mod mediacapture;
pub mod mediarecorder;
pub mod mediasession;
pub mod performance;
pub mod permissions;
pub mod ranges;
pub mod resizeobserver;
pub mod serversentevents;
pub mod storage;
pub mod streams;
pub mod svg;
pub mod testing;
pub mod texttracks;
pub mod url;
pub mod webaudio;
pub mod webcodecs;
pub mod webcrypto;
pub mod webgl;
pub mod weblocks;
pub mod webmessaging;
pub mod websockets;
pub mod webstorage;
pub mod workers;
pub mod xhr;
