//! An `AudioParam`'s automation timeline
//! (<https://webaudio.github.io/web-audio-api/#computation-of-value>): the events script
//! scheduled and the value they give at a context time.

use media_traits::webaudio::AutomationEvent;

/// The events of one param, sorted by time.
#[derive(Debug)]
pub struct Timeline {
    events: Vec<AutomationEvent>,
    /// The value before the first event (the default value, or the node option's value).
    initial: f32,
}

/// The value the events before `t` settled on: a constant, or a `setTargetAtTime` curve.
#[derive(Clone, Copy, Debug)]
enum Held {
    Constant(f32),
    Target { start_value: f32, start: f64, target: f32, time_constant: f64 },
}

impl Held {
    fn at(self, t: f64) -> f32 {
        match self {
            Held::Constant(v) => v,
            Held::Target { start_value, start, target, time_constant } => {
                if time_constant <= 0.0 {
                    return target;
                }
                // v(t) = V1 + (V0 − V1) · e^(−(t − T0)/τ)
                let decay = (-(t - start) / time_constant).exp();
                (target as f64 + (start_value as f64 - target as f64) * decay) as f32
            }
        }
    }
}

/// When an event takes effect (a ramp's is its end time).
fn time_of(e: &AutomationEvent) -> f64 {
    match *e {
        AutomationEvent::SetValue { time, .. }
        | AutomationEvent::LinearRamp { time, .. }
        | AutomationEvent::ExponentialRamp { time, .. }
        | AutomationEvent::SetTarget { time, .. }
        | AutomationEvent::Cancel { time } => time,
    }
}

fn same_kind(a: &AutomationEvent, b: &AutomationEvent) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

impl Timeline {
    /// An empty timeline: the value is `initial` until an event says otherwise.
    pub fn new(initial: f32) -> Timeline {
        Timeline { events: Vec::new(), initial }
    }

    /// Inserts `event` ("if one of these events is added at a time where there is already one
    /// or more events, then it will be placed in the list after them, but before events whose
    /// times are after the event"; an event of the same type at the same time replaces it), or
    /// cancels events at or after a cancel time.
    pub fn insert(&mut self, event: AutomationEvent) {
        if let AutomationEvent::Cancel { time } = event {
            self.events.retain(|e| time_of(e) < time);
            return;
        }
        let t = time_of(&event);
        if let Some(existing) = self.events.iter_mut().find(|e| time_of(e) == t && same_kind(e, &event)) {
            *existing = event;
            return;
        }
        let at = self.events.iter().position(|e| time_of(e) > t).unwrap_or(self.events.len());
        self.events.insert(at, event);
    }

    /// The value at context time `t` from the events alone (the param's inputs are added by the
    /// caller).
    pub fn value_at(&self, t: f64) -> f32 {
        let mut held = Held::Constant(self.initial);
        // The time of the previous event (a ramp's start), if any.
        let mut previous: Option<f64> = None;
        for e in &self.events {
            match *e {
                AutomationEvent::SetValue { value, time } => {
                    if t < time {
                        return held.at(t);
                    }
                    held = Held::Constant(value);
                    previous = Some(time);
                }
                AutomationEvent::LinearRamp { value, time, scheduled_at }
                | AutomationEvent::ExponentialRamp { value, time, scheduled_at } => {
                    let linear = matches!(e, AutomationEvent::LinearRamp { .. });
                    // "If there is no preceding event, the ramp starts at the time it was
                    // scheduled, from the current value."
                    // FIXME: after a setTargetAtTime the ramp starts at that event's start time
                    // from the value the target curve has there, not where the curve has got to.
                    let start = previous.unwrap_or(scheduled_at).min(time);
                    let v0 = held.at(start);
                    if t < time {
                        if t < start {
                            return held.at(t);
                        }
                        let span = time - start;
                        let f = if span > 0.0 { (t - start) / span } else { 1.0 };
                        return if linear {
                            // v(t) = V0 + (V1 − V0) · (t − T0)/(T1 − T0)
                            (v0 as f64 + (value as f64 - v0 as f64) * f) as f32
                        } else if v0 == 0.0 || (v0 > 0.0) != (value > 0.0) {
                            // "If V0 and V1 have opposite signs or if V0 is zero, then v(t) = V0
                            // for T0 ≤ t < T1."
                            v0
                        } else {
                            // v(t) = V0 · (V1/V0)^((t − T0)/(T1 − T0))
                            (v0 as f64 * (value as f64 / v0 as f64).powf(f)) as f32
                        };
                    }
                    held = Held::Constant(value);
                    previous = Some(time);
                }
                AutomationEvent::SetTarget { target, time, time_constant } => {
                    if t < time {
                        return held.at(t);
                    }
                    held = Held::Target { start_value: held.at(time), start: time, target, time_constant };
                    previous = Some(time);
                }
                AutomationEvent::Cancel { .. } => {}
            }
        }
        held.at(t)
    }

    /// Forgets events that can no longer change a value at or after `now` (everything before
    /// the last `setValueAtTime` or finished ramp at or before `now`), so a page that sets
    /// `value` every frame does not grow the list.
    pub fn forget_before(&mut self, now: f64) {
        let last_settled = self.events.iter().rposition(|e| {
            matches!(
                e,
                AutomationEvent::SetValue { .. }
                    | AutomationEvent::LinearRamp { .. }
                    | AutomationEvent::ExponentialRamp { .. }
            ) && time_of(e) <= now
        });
        if let Some(i) = last_settled
            && i > 0
        {
            let value = self.value_at(time_of(&self.events[i]));
            let time = time_of(&self.events[i]);
            self.events.drain(..=i);
            self.events.insert(0, AutomationEvent::SetValue { value, time });
        }
    }

    /// Events held (tests).
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether no event is held.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AutomationEvent::*;

    fn close(a: f32, b: f64) -> bool {
        (a as f64 - b).abs() < 1e-5 * (1.0 + b.abs())
    }

    #[test]
    fn before_any_event_the_initial_value_holds() {
        let t = Timeline::new(0.25);
        assert_eq!(t.value_at(0.0), 0.25);
        assert_eq!(t.value_at(10.0), 0.25);
    }

    #[test]
    fn set_value_then_linear_ramp() {
        let mut t = Timeline::new(1.0);
        t.insert(SetValue { value: 0.0, time: 1.0 });
        t.insert(LinearRamp { value: 2.0, time: 3.0, scheduled_at: 0.0 });
        assert_eq!(t.value_at(0.5), 1.0);
        assert_eq!(t.value_at(1.0), 0.0);
        // Halfway from (1 s, 0) to (3 s, 2): 1.
        assert!(close(t.value_at(2.0), 1.0));
        assert!(close(t.value_at(2.5), 1.5));
        assert_eq!(t.value_at(3.0), 2.0);
        assert_eq!(t.value_at(9.0), 2.0);
    }

    #[test]
    fn a_ramp_without_a_previous_event_starts_when_scheduled() {
        let mut t = Timeline::new(10.0);
        t.insert(LinearRamp { value: 20.0, time: 2.0, scheduled_at: 1.0 });
        assert_eq!(t.value_at(0.5), 10.0);
        assert!(close(t.value_at(1.5), 15.0));
    }

    #[test]
    fn exponential_ramp_follows_the_geometric_formula() {
        let mut t = Timeline::new(1.0);
        t.insert(SetValue { value: 100.0, time: 0.0 });
        t.insert(ExponentialRamp { value: 10000.0, time: 2.0, scheduled_at: 0.0 });
        // 100 · (10000/100)^(1/2) = 1000
        assert!(close(t.value_at(1.0), 1000.0));
        // 100 · 100^(0.25) = 316.227766…
        assert!(close(t.value_at(0.5), 100.0 * 10f64.powf(0.5)));
    }

    #[test]
    fn exponential_ramp_across_zero_holds_the_start_value() {
        let mut t = Timeline::new(1.0);
        t.insert(SetValue { value: -1.0, time: 0.0 });
        t.insert(ExponentialRamp { value: 1.0, time: 1.0, scheduled_at: 0.0 });
        assert_eq!(t.value_at(0.5), -1.0);
        assert_eq!(t.value_at(1.0), 1.0);
    }

    #[test]
    fn set_target_decays_exponentially() {
        let mut t = Timeline::new(1.0);
        t.insert(SetTarget { target: 0.0, time: 1.0, time_constant: 0.5 });
        assert_eq!(t.value_at(0.9), 1.0);
        // e^(−1/0.5) = e^−2
        assert!(close(t.value_at(2.0), (-2.0f64).exp()));
        t.insert(SetValue { value: 0.7, time: 3.0 });
        assert_eq!(t.value_at(3.5), 0.7);
    }

    #[test]
    fn cancel_removes_events_at_or_after_its_time() {
        let mut t = Timeline::new(0.0);
        t.insert(SetValue { value: 1.0, time: 1.0 });
        t.insert(SetValue { value: 2.0, time: 2.0 });
        t.insert(Cancel { time: 2.0 });
        assert_eq!(t.value_at(5.0), 1.0);
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn same_type_at_same_time_replaces() {
        let mut t = Timeline::new(0.0);
        t.insert(SetValue { value: 1.0, time: 1.0 });
        t.insert(SetValue { value: 3.0, time: 1.0 });
        assert_eq!(t.len(), 1);
        assert_eq!(t.value_at(1.0), 3.0);
    }

    #[test]
    fn forgetting_the_past_keeps_the_values() {
        let mut t = Timeline::new(0.0);
        for i in 0..100 {
            t.insert(SetValue { value: i as f32, time: i as f64 * 0.01 });
        }
        t.insert(LinearRamp { value: 200.0, time: 2.0, scheduled_at: 0.0 });
        let before = t.value_at(1.5);
        t.forget_before(1.0);
        assert!(t.len() <= 2, "{}", t.len());
        assert_eq!(t.value_at(1.5), before);
    }
}
