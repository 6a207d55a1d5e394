//! The Web Audio render thread: one named loop per engine over script's commands, rendering
//! every running context's graph in render quanta at real-time pace. The host has no audio
//! output, so a destination's samples are discarded; time still advances with the wall clock,
//! and a `MediaStreamAudioDestinationNode` hands its samples to its track's consumers.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError};
use media_traits::webaudio::{AudioCommand, AudioEvent, ContextCommand, ContextId, EventSink, FrameClock};

use crate::graph::Graph;

/// How often the loop wakes to render what is due while a context runs.
const TICK: Duration = Duration::from_millis(5);

/// At most this much audio is rendered in one go after the thread was starved; the rest of
/// the delay is skipped (time jumps) rather than rendered in a burst.
const MAX_CATCH_UP: Duration = Duration::from_millis(200);

/// How long offline rendering waits for script's answer to one `audioprocess` event.
const SCRIPT_WAIT: Duration = Duration::from_secs(5);

struct Context {
    sample_rate: f32,
    graph: Graph,
    clock: FrameClock,
    events: EventSink,
    /// Wall time at which frame 0 would have been rendered, while running.
    running_since: Option<Instant>,
}

impl Context {
    fn send(&self, event: AudioEvent) {
        (self.events)(event);
    }

    fn frames_due(&self, now: Instant) -> u64 {
        match self.running_since {
            Some(since) => (now.saturating_duration_since(since).as_secs_f64() * self.sample_rate as f64) as u64,
            None => 0,
        }
    }

    /// Renders the quanta due at `now`.
    fn render_due(&mut self, now: Instant) {
        let Some(since) = self.running_since else { return };
        let due = self.frames_due(now);
        let max = (MAX_CATCH_UP.as_secs_f64() * self.sample_rate as f64) as u64;
        if due > self.graph.frame() + max {
            // Starved: skip the time that could not be rendered.
            let skipped = due - self.graph.frame() - max;
            self.running_since = Some(since + Duration::from_secs_f64(skipped as f64 / self.sample_rate as f64));
        }
        let due = self.frames_due(now);
        while self.graph.frame() < due {
            let graph = &mut self.graph;
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| graph.render_quantum())) {
                Ok(ended) => {
                    for event in self.graph.take_events() {
                        self.send(event);
                    }
                    for node in ended {
                        self.send(AudioEvent::Ended { node });
                    }
                }
                Err(_) => {
                    // One broken graph must not take the thread (and every other context) down:
                    // this context stops rendering; its time stands still.
                    log::error!("web audio: rendering panicked; the context stops rendering");
                    self.running_since = None;
                    return;
                }
            }
            self.clock.set(self.graph.frame());
        }
    }

    /// Renders an offline context's `length` frames at once (as fast as possible), its
    /// destination's input kept with `channels` channels.
    fn render_offline(&mut self, request: u64, length: usize, channels: u32) {
        self.graph.start_recording(channels);
        // Offline, a ScriptProcessorNode's buffer waits for the page's answer to its
        // audioprocess event (so the result does not depend on how fast script is), up to
        // SCRIPT_WAIT per buffer (a page that never answers gets silence, not a hung thread).
        self.graph.set_script_wait(SCRIPT_WAIT);
        while self.graph.frame() < length as u64 {
            let graph = &mut self.graph;
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| graph.render_quantum())) {
                Ok(ended) => {
                    for event in self.graph.take_events() {
                        self.send(event);
                    }
                    for node in ended {
                        self.send(AudioEvent::Ended { node });
                    }
                }
                Err(_) => {
                    // The rendering is cut short; what was rendered so far is the result.
                    log::error!("web audio: offline rendering panicked; the rest is silence");
                    break;
                }
            }
            self.clock.set(self.graph.frame());
        }
        let channels = self.graph.take_recording(length);
        self.send(AudioEvent::Rendered { request, channels });
    }

    fn resume(&mut self, now: Instant) {
        if self.running_since.is_none() {
            let rendered = Duration::from_secs_f64(self.graph.frame() as f64 / self.sample_rate as f64);
            self.running_since = Some(now.checked_sub(rendered).unwrap_or(now));
        }
    }
}

/// Runs the loop until `Exit` or until every sender is gone.
pub fn run(commands: Receiver<AudioCommand>) {
    let mut contexts: HashMap<ContextId, Context> = HashMap::new();
    loop {
        let running = contexts.values().any(|c| c.running_since.is_some());
        let command = if running {
            match commands.recv_timeout(TICK) {
                Ok(c) => Some(c),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match commands.recv() {
                Ok(c) => Some(c),
                Err(_) => break,
            }
        };
        let now = Instant::now();
        // Render what is due before applying the command, so it takes effect from now on.
        for c in contexts.values_mut() {
            c.render_due(now);
        }
        match command {
            None => {}
            Some(AudioCommand::Exit) => break,
            Some(AudioCommand::Decode { bytes, sample_rate, reply }) => {
                crate::decode::start(bytes, sample_rate, reply);
            }
            Some(AudioCommand::CreateContext { context, sample_rate, clock, events }) => {
                clock.set(0);
                contexts.insert(
                    context,
                    Context { sample_rate, graph: Graph::new(sample_rate), clock, events, running_since: None },
                );
            }
            Some(AudioCommand::Context { context, command }) => {
                let Some(c) = contexts.get_mut(&context) else {
                    log::debug!("web audio: context {context} is gone; {command:?} dropped");
                    continue;
                };
                match command {
                    ContextCommand::Resume { request } => {
                        c.resume(now);
                        c.send(AudioEvent::Running { request });
                    }
                    ContextCommand::Suspend { request } => {
                        c.running_since = None;
                        c.send(AudioEvent::Suspended { request });
                    }
                    ContextCommand::RenderOffline { request, length, channels } => {
                        c.render_offline(request, length, channels);
                    }
                    ContextCommand::Close { request } => {
                        // "Attempt to release system resources": the graph goes (and with it
                        // every tap's feed).
                        if let Some(c) = contexts.remove(&context) {
                            c.send(AudioEvent::Closed { request });
                        }
                    }
                    other => {
                        let graph = &mut c.graph;
                        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| graph.apply(other))).is_err() {
                            log::error!("web audio: a graph command panicked; it was dropped");
                        }
                    }
                }
            }
        }
    }
    log::debug!("web audio: render thread exits with {} context(s) open", contexts.len());
}
