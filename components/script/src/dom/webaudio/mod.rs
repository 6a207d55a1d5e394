//! Web Audio (<https://webaudio.github.io/web-audio-api/>): the DOM side. Rendering happens on
//! the engine's Web Audio render thread (`components/webaudio`); the DOM objects keep the
//! control thread's view (state, connections, params' nominal ranges) and send it plain-data
//! commands (`media_traits::webaudio`). What is implemented: `webidls/WebAudio.webidl`.

pub mod analysernode;
pub mod audiobuffer;
pub mod audiobuffersourcenode;
pub mod audiocontext;
pub mod audiodestinationnode;
pub mod audionode;
pub mod audioparam;
pub mod audioscheduledsourcenode;
pub mod baseaudiocontext;
pub mod biquadfilternode;
pub mod constantsourcenode;
pub mod gainnode;
pub mod mediastreamaudiodestinationnode;
pub mod mediastreamaudiosourcenode;
pub mod offlineaudiocompletionevent;
pub mod offlineaudiocontext;
pub mod oscillatornode;
pub mod periodicwave;
pub mod stereopannernode;
