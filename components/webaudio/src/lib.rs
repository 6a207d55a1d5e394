//! Web Audio's rendering (<https://webaudio.github.io/web-audio-api/#rendering-thread>), with no
//! DOM: [`spawn`] starts an engine's render thread, which takes
//! [`media_traits::webaudio::AudioCommand`]s (plain data from script) and answers each
//! context's control messages through the context's event sink.
//!
//! Modules: [`graph`] (nodes, connections, a render quantum), [`param`] (automation
//! timelines), [`oscillator`] (band-limited waveforms), [`mix`] (up- and down-mixing),
//! [`effects`] (script processors, wave shapers, compressors, IIR filters),
//! `thread` (the loop and its real-time pacing).

pub mod buffersource;
pub mod decode;
pub mod effects;
pub mod graph;
pub mod mix;
pub mod oscillator;
pub mod panner;
pub mod param;
mod thread;

#[cfg(test)]
mod tests;

use crossbeam_channel::Sender;
use media_traits::webaudio::AudioCommand;

/// An engine's render thread; dropping it ends the thread and joins it.
pub struct AudioThread {
    sender: Sender<AudioCommand>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl AudioThread {
    /// Where script sends its commands.
    pub fn sender(&self) -> Sender<AudioCommand> {
        self.sender.clone()
    }
}

impl Drop for AudioThread {
    fn drop(&mut self) {
        let _ = self.sender.send(AudioCommand::Exit);
        if let Some(handle) = self.handle.take()
            && handle.join().is_err()
        {
            log::error!("the web audio render thread panicked");
        }
    }
}

/// Starts a render thread.
pub fn spawn() -> std::io::Result<AudioThread> {
    let (sender, receiver) = crossbeam_channel::unbounded();
    let handle = std::thread::Builder::new().name("WebAudio".into()).spawn(move || thread::run(receiver))?;
    Ok(AudioThread { sender, handle: Some(handle) })
}
