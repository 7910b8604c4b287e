//! feudfacts on the OLED of the LM3S6965 evaluation board: the display
//! crate's browser (`feudfacts_display::app`) drawn on the board's SSD0323
//! controller over SSI0 and driven by its five-button gamepad, as QEMU's
//! `lm3s6965evb` machine emulates them.
//!
//! Why: it puts the corpus on a real display controller through a real
//! bus, and CI can watch it: after each frame reaches the controller the
//! firmware prints `FRAME n VIEW page/pages stack BYTES peak BYTES` over
//! semihosting (the stack that frame's button press and drawing took, and
//! the deepest stack of the run so far), and `ci/oled.sh` then takes QEMU's screendump of the OLED,
//! presses the next button and compares every capture with the host's
//! golden images (`examples/display/golden/walk.txt`).
//!
//! Buttons: up and down move, select (or right) opens, left goes back. No
//! heap and no `core::fmt`; the corpus is the full profile, word index
//! included. The stack is painted before each press and each frame and its
//! deepest use reported, so the RAM figure is measured, not guessed.

#![no_std]
#![no_main]

#[path = "../../firmware/src/faults.rs"]
mod faults;
mod lm3s6965;
mod ssd0323;
#[path = "../../firmware/src/stack.rs"]
mod stack;

use cortex_m_rt::entry;
use cortex_m_semihosting::hio;
use feudfacts::Corpus;
use feudfacts_display::app::{App, Button, Config};
use feudfacts_display::Screen;
use lm3s6965::Key;
use ssd0323::Ssd0323;

/// Semihosting lines of ASCII and numbers, without `core::fmt`.
struct Log(Option<hio::HostStream>);

impl Log {
    fn str(&mut self, s: &str) -> &mut Log {
        if let Some(h) = self.0.as_mut() {
            let _ = h.write_all(s.as_bytes());
        }
        self
    }

    fn num(&mut self, n: usize) -> &mut Log {
        let mut digits = [0u8; 20];
        self.str(feudfacts_display::decimal(n, &mut digits))
    }
}

/// What the gamepad's keys mean to the browser.
fn button(key: Key) -> Button {
    match key {
        Key::Up => Button::Up,
        Key::Down => Button::Down,
        Key::Left => Button::Back,
        Key::Right | Key::Select => Button::Select,
    }
}

#[entry]
fn main() -> ! {
    stack::paint();
    let (_, top) = stack::bounds();
    let mut log = Log(hio::hstdout().ok());
    // The stack down to this frame: what the rest of the run adds to it is
    // the shared code's, the same on the Pico (see ci/oled.sh).
    let main_frame = top - cortex_m::register::msp::read() as usize;
    log.str("feudfacts OLED firmware\nMAIN_FRAME ")
        .num(main_frame)
        .str("\n");
    let (bus, mut pad) = lm3s6965::init();
    // The frame in .bss, taken once: main never returns.
    let Some(frame) = cortex_m::singleton!(: ssd0323::Frame = [0; 1024]) else {
        log.str("FAIL: the frame is taken\n");
        faults::exit(false)
    };
    let mut oled = Ssd0323::new(bus, frame);
    if oled.init().is_err() {
        log.str("FAIL: the OLED does not answer on SSI0\n");
    }
    let corpus = Corpus::embedded();
    log.str("blob: ")
        .num(corpus.as_bytes().len())
        .str(" bytes, ")
        .num(corpus.total_records())
        .str(" records\n");
    let mut app = App::new(corpus, Screen::OLED_128X64, Config::DEMO);
    let mut lowest = stack::lowest_used();
    // The stack the press that led to this frame took.
    let mut pressed = 0;
    for frame in 0usize.. {
        let (drawn, drew) = stack::measure(|| {
            let drawn = app.draw(&mut oled);
            (drawn, oled.flush())
        });
        lowest = lowest.min(stack::lowest_used());
        let page = match drawn {
            (Ok(page), Ok(())) => page,
            (Err(never), _) => match never {},
            (Ok(page), Err(_)) => {
                log.str("FAIL: SSI0 stalled while sending the frame\n");
                page
            }
        };
        log.str("FRAME ")
            .num(frame)
            .str(" ")
            .str(app.view().name())
            .str(" ")
            .num(page.page + 1)
            .str("/")
            .num(page.pages)
            .str(" stack ")
            .num(drew.max(pressed))
            .str(" peak ")
            .num(top - lowest)
            .str("\n");
        let key = loop {
            if let Some(k) = pad.poll() {
                break k;
            }
        };
        ((), pressed) = stack::measure(|| app.press(button(key)));
        lowest = lowest.min(stack::lowest_used());
    }
    faults::exit(false)
}
