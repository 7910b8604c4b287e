//! Two physical buttons as the browser's four ([`Button`]): a short press
//! of *next* is down and a long one up; a short press of *ok* is select and
//! a long one back.
//!
//! Why here: a board with two buttons (the Pico image) needs debouncing and
//! a long-press timer, and that logic is tested on the host like the rest of
//! what the firmwares share. It is fed the raw pin levels and a millisecond
//! clock; it holds no pins and no timer of its own.

use crate::app::Button;

/// How long a level must hold before it counts (contact bounce).
pub const DEBOUNCE_MS: u32 = 20;
/// How long a button must be held for its second meaning.
pub const LONG_MS: u32 = 600;

/// One debounced button.
#[derive(Clone, Copy, Debug, Default)]
struct Debounced {
    /// The accepted level.
    down: bool,
    /// The raw level last seen, and since when.
    raw: bool,
    raw_since: u32,
    /// When the accepted press began, and whether its long meaning fired.
    pressed_at: u32,
    long_done: bool,
}

impl Debounced {
    /// Feeds the raw level at `now`; returns `Some(long)` when a press ends
    /// as a short one (`false`, at release) or lasts long enough (`true`,
    /// while still held, once).
    fn update(&mut self, now: u32, raw: bool) -> Option<bool> {
        if raw != self.raw {
            self.raw = raw;
            self.raw_since = now;
        }
        if self.raw != self.down && now.wrapping_sub(self.raw_since) >= DEBOUNCE_MS {
            self.down = self.raw;
            if self.down {
                self.pressed_at = now;
                self.long_done = false;
            } else if !self.long_done {
                return Some(false);
            }
        }
        if self.down && !self.long_done && now.wrapping_sub(self.pressed_at) >= LONG_MS {
            self.long_done = true;
            return Some(true);
        }
        None
    }
}

/// The two buttons' state.
#[derive(Clone, Copy, Debug, Default)]
pub struct TwoButtons {
    next: Debounced,
    ok: Debounced,
}

impl TwoButtons {
    /// Both buttons up.
    pub fn new() -> TwoButtons {
        TwoButtons::default()
    }

    /// Feeds the levels (`true` while a button is held down) at `now_ms`
    /// (any millisecond clock; it may wrap); returns the browser's button
    /// when a press has ended or has been held long. Call it every few
    /// milliseconds. When both produce a press at once, *next* comes first
    /// and *ok*'s waits for the following call.
    pub fn update(&mut self, now_ms: u32, next_down: bool, ok_down: bool) -> Option<Button> {
        if let Some(long) = self.next.update(now_ms, next_down) {
            // `ok` advances too, so that its timing stays right, unless it
            // has a press to report: that one is kept for the next call.
            let mut ok = self.ok;
            if ok.update(now_ms, ok_down).is_none() {
                self.ok = ok;
            }
            return Some(if long { Button::Up } else { Button::Down });
        }
        match self.ok.update(now_ms, ok_down) {
            Some(true) => Some(Button::Back),
            Some(false) => Some(Button::Select),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    /// Feeds `levels` (next, ok) for `ms` milliseconds, 1 ms apart, from
    /// `*t`; collects what comes out.
    fn hold(b: &mut TwoButtons, t: &mut u32, ms: u32, next: bool, ok: bool) -> Vec<Button> {
        let mut out = Vec::new();
        for _ in 0..ms {
            *t = t.wrapping_add(1);
            out.extend(b.update(*t, next, ok));
        }
        out
    }

    #[test]
    fn short_and_long_presses() {
        let mut b = TwoButtons::new();
        let mut t = 0;
        assert!(hold(&mut b, &mut t, 50, false, false).is_empty());
        // A short press of next: down, reported at release.
        assert!(hold(&mut b, &mut t, 100, true, false).is_empty());
        assert_eq!(hold(&mut b, &mut t, 50, false, false), [Button::Down]);
        // A long one: up, once, while still held; the release adds nothing.
        assert_eq!(hold(&mut b, &mut t, 2000, true, false), [Button::Up]);
        assert!(hold(&mut b, &mut t, 50, false, false).is_empty());
        // ok: select, and held, back.
        assert!(hold(&mut b, &mut t, 100, false, true).is_empty());
        assert_eq!(hold(&mut b, &mut t, 50, false, false), [Button::Select]);
        assert_eq!(hold(&mut b, &mut t, 700, false, true), [Button::Back]);
        assert!(hold(&mut b, &mut t, 50, false, false).is_empty());
    }

    #[test]
    fn bounce_and_glitches_are_ignored() {
        let mut b = TwoButtons::new();
        let mut t = 0;
        // Glitches shorter than the debounce time are no press.
        for _ in 0..20 {
            assert!(hold(&mut b, &mut t, DEBOUNCE_MS - 5, true, false).is_empty());
            assert!(hold(&mut b, &mut t, DEBOUNCE_MS - 5, false, false).is_empty());
        }
        assert!(hold(&mut b, &mut t, 100, false, false).is_empty());
        // A bouncing press and release count once.
        let mut out = Vec::new();
        for _ in 0..5 {
            out.extend(hold(&mut b, &mut t, 3, true, false));
            out.extend(hold(&mut b, &mut t, 2, false, false));
        }
        out.extend(hold(&mut b, &mut t, 100, true, false));
        for _ in 0..5 {
            out.extend(hold(&mut b, &mut t, 3, false, false));
            out.extend(hold(&mut b, &mut t, 2, true, false));
        }
        out.extend(hold(&mut b, &mut t, 100, false, false));
        assert_eq!(out, [Button::Down]);
    }

    #[test]
    fn the_clock_may_wrap() {
        let mut b = TwoButtons::new();
        let mut t = u32::MAX - 60;
        assert!(hold(&mut b, &mut t, 100, false, true).is_empty());
        assert_eq!(hold(&mut b, &mut t, 50, false, false), [Button::Select]);
        assert_eq!(hold(&mut b, &mut t, 1000, false, true), [Button::Back]);
    }

    #[test]
    fn two_releases_at_once_are_both_reported() {
        let mut b = TwoButtons::new();
        let mut t = 0;
        assert!(hold(&mut b, &mut t, 100, true, true).is_empty());
        let out = hold(&mut b, &mut t, 50, false, false);
        assert_eq!(out, [Button::Down, Button::Select]);
    }
}
