//! feudfacts on a Raspberry Pi Pico with an SSD1306 128×64 OLED on I2C and
//! two buttons: the display crate's browser (`feudfacts_display::app`), the
//! same code that CI runs on the emulated LM3S6965 board's OLED, here drawn
//! with the `ssd1306` driver and driven by two buttons
//! (`feudfacts_display::buttons`: *next* is down, held is up; *ok* is
//! select, held is back).
//!
//! Wiring (docs/FIRMWARE.md): the OLED's SDA on GP4 (pin 6) and SCL on GP5
//! (pin 7), I2C0 at 400 kHz, address 0x3C; *next* between GP14 (pin 19)
//! and ground, *ok* between GP15 (pin 20) and ground (internal pull-ups).
//! While the display does not answer, the Pico's LED blinks and the
//! firmware tries again every second.
//!
//! The full corpus is linked in (the word index included); no heap, no
//! `core::fmt`. This image cannot run in CI (QEMU has no RP2040); CI builds
//! it, writes its `.uf2` and checks its size and RAM.

#![no_std]
#![no_main]

use core::panic::PanicInfo;
use embedded_graphics::{pixelcolor::BinaryColor, prelude::*};
use embedded_hal::digital::{InputPin, OutputPin};
use feudfacts::Corpus;
use feudfacts_display::app::{App, Config};
use feudfacts_display::buttons::TwoButtons;
use feudfacts_display::Screen;
use rp2040_hal::{self as hal, fugit::RateExtU32, gpio, pac, Clock};
use ssd1306::{mode::BufferedGraphicsMode, prelude::*, I2CDisplayInterface, Ssd1306};

/// The second-stage bootloader, for the Pico's W25Q080 flash.
#[link_section = ".boot2"]
#[used]
pub static BOOT2: [u8; 256] = rp2040_boot2::BOOT_LOADER_W25Q080;

/// The OLED: an SSD1306 on I2C0 (SDA on GP4, SCL on GP5), buffered.
type Display = Ssd1306<
    I2CInterface<
        hal::I2C<
            pac::I2C0,
            (
                gpio::Pin<gpio::bank0::Gpio4, gpio::FunctionI2C, gpio::PullUp>,
                gpio::Pin<gpio::bank0::Gpio5, gpio::FunctionI2C, gpio::PullUp>,
            ),
        >,
    >,
    DisplaySize128x64,
    BufferedGraphicsMode<DisplaySize128x64>,
>;

/// The Pico's crystal.
const XTAL_FREQ_HZ: u32 = 12_000_000;
/// How often the buttons are read.
const POLL_MS: u32 = 5;

/// What the firmware uses of the board, set up.
struct Board {
    display: &'static mut Display,
    timer: hal::Timer,
    led: gpio::Pin<gpio::bank0::Gpio25, gpio::FunctionSioOutput, gpio::PullDown>,
    next: gpio::Pin<gpio::bank0::Gpio14, gpio::FunctionSioInput, gpio::PullUp>,
    ok: gpio::Pin<gpio::bank0::Gpio15, gpio::FunctionSioInput, gpio::PullUp>,
}

/// Clocks (125 MHz from the 12 MHz crystal), the pins and I2C0. Not
/// inlined: its temporaries (the frame before it moves to .bss among them)
/// are gone once it returns, instead of sitting in the main loop's frame.
#[inline(never)]
fn board() -> Board {
    // Taken once, at boot: only `None` if taken before, which cannot be.
    let Some(mut pac) = pac::Peripherals::take() else {
        halt()
    };
    let mut watchdog = hal::Watchdog::new(pac.WATCHDOG);
    let Ok(clocks) = hal::clocks::init_clocks_and_plls(
        XTAL_FREQ_HZ,
        pac.XOSC,
        pac.CLOCKS,
        pac.PLL_SYS,
        pac.PLL_USB,
        &mut pac.RESETS,
        &mut watchdog,
    ) else {
        halt()
    };
    let timer = hal::Timer::new(pac.TIMER, &mut pac.RESETS, &clocks);
    let sio = hal::Sio::new(pac.SIO);
    let pins = gpio::Pins::new(
        pac.IO_BANK0,
        pac.PADS_BANK0,
        sio.gpio_bank0,
        &mut pac.RESETS,
    );
    let sda: gpio::Pin<_, gpio::FunctionI2C, gpio::PullUp> = pins.gpio4.reconfigure();
    let scl: gpio::Pin<_, gpio::FunctionI2C, gpio::PullUp> = pins.gpio5.reconfigure();
    let i2c = hal::I2C::i2c0(
        pac.I2C0,
        sda,
        scl,
        400.kHz(),
        &mut pac.RESETS,
        clocks.system_clock.freq(),
    );
    // The driver and its 1 KiB frame in .bss, taken once (main never
    // returns), so that the frame is never copied on the stack.
    let Some(display) = cortex_m::singleton!(: Display = Ssd1306::new(
        I2CDisplayInterface::new(i2c),
        DisplaySize128x64,
        DisplayRotation::Rotate0,
    )
    .into_buffered_graphics_mode()) else {
        halt()
    };
    Board {
        display,
        timer,
        led: pins.gpio25.into_push_pull_output(),
        next: pins.gpio14.into_pull_up_input(),
        ok: pins.gpio15.into_pull_up_input(),
    }
}

#[hal::entry]
fn main() -> ! {
    let Board {
        display,
        timer,
        mut led,
        mut next,
        mut ok,
    } = board();
    let now_ms = || timer.get_counter().ticks() / 1000;
    let wait_ms = |ms: u32| {
        let start = now_ms();
        while now_ms().wrapping_sub(start) < ms as u64 {}
    };

    // No display yet: blink and try again.
    while display.init().is_err() {
        let _ = led.set_high();
        wait_ms(500);
        let _ = led.set_low();
        wait_ms(500);
    }

    let mut app = App::new(Corpus::embedded(), Screen::OLED_128X64, Config::DEMO);
    let mut buttons = TwoButtons::new();
    loop {
        // A frame that does not reach the display is drawn again after a
        // second: the display may have been unplugged.
        let shown = app.draw(display).is_ok() && display.flush().is_ok();
        if !shown {
            let _ = display.clear(BinaryColor::Off);
            let _ = display.init();
            wait_ms(1000);
            continue;
        }
        let button = loop {
            // Pressed pulls the pin low; a pin that cannot be read counts
            // as not pressed.
            let n = next.is_low().unwrap_or(false);
            let o = ok.is_low().unwrap_or(false);
            if let Some(b) = buttons.update(now_ms() as u32, n, o) {
                break b;
            }
            wait_ms(POLL_MS);
        };
        app.press(button);
    }
}

/// Stops with the LED off: only where the RP2040 itself fails to start.
fn halt() -> ! {
    loop {
        cortex_m::asm::wfi();
    }
}

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    // Nothing is printed (a Pico has no console here), and the message is
    // never formatted, so `core::fmt` is not linked.
    halt()
}
