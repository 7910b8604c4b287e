//! A driver for the SSD0323 OLED controller (128×80 pixels of 4-bit grey in
//! its RAM, of which the OSRAM 128×64 panel shows 64 rows) as an
//! embedded-graphics `DrawTarget`.
//!
//! Why buffered: the controller packs two pixels in a byte and cannot be
//! read back over SPI, so a pixel cannot be set alone. Drawing goes into a
//! 1 KiB [`Frame`] of one bit a pixel ([`BinaryColor`], what the display
//! crate draws), lent by the caller (a static, so that it is never copied
//! on the stack), and [`Ssd0323::flush`] sends the whole frame, each pixel as a
//! grey level: off is 0, on is [`Ssd0323::ON`]. The bus is whatever sends
//! command and data bytes ([`Bus`]); on the LM3S6965 board it is SSI0 with
//! a GPIO line telling commands from data.
//!
//! The set-up sequence follows OSRAM's application note AN018 for this
//! panel, as the board vendor's driver sends it: the command codes are the
//! SSD0323 data sheet's (column and row address 0x15/0x75, remap 0xA0,
//! start line 0xA1, offset 0xA2, and so on), each followed by a NOP
//! (0xE3).

use embedded_graphics::{pixelcolor::BinaryColor, prelude::*};

/// What sends bytes to the controller: commands, or data for its RAM.
pub trait Bus {
    /// Why a transfer failed.
    type Error;
    /// Sends `bytes` as commands (`data` false) or display data (`data` true).
    fn send(&mut self, data: bool, bytes: &[u8]) -> Result<(), Self::Error>;
}

impl Bus for crate::lm3s6965::OledBus {
    type Error = crate::lm3s6965::BusTimeout;

    fn send(&mut self, data: bool, bytes: &[u8]) -> Result<(), Self::Error> {
        crate::lm3s6965::OledBus::send(self, data, bytes)
    }
}

const WIDTH: usize = 128;
const HEIGHT: usize = 64;

/// The controller's commands used here.
mod cmd {
    pub const COLUMNS: u8 = 0x15;
    pub const ROWS: u8 = 0x75;
    pub const CONTRAST: u8 = 0x81;
    pub const HALF_CURRENT: u8 = 0x85;
    pub const REMAP: u8 = 0xA0;
    pub const START_LINE: u8 = 0xA1;
    pub const OFFSET: u8 = 0xA2;
    pub const NORMAL: u8 = 0xA4;
    pub const MULTIPLEX: u8 = 0xA8;
    pub const DC_DC: u8 = 0xAD;
    pub const DISPLAY_ON: u8 = 0xAF;
    pub const PHASE: u8 = 0xB1;
    pub const ROW_PERIOD: u8 = 0xB2;
    pub const CLOCK: u8 = 0xB3;
    pub const GREY_TABLE: u8 = 0xB8;
    pub const PRECHARGE: u8 = 0xBC;
    pub const VCOMH: u8 = 0xBE;
    pub const VSL: u8 = 0xBF;
    pub const NOP: u8 = 0xE3;
}

/// AN018's set-up, one command (with its arguments) a row. Remap 0x52: COM
/// split odd/even, COM remap, nibble remap, horizontal address increment
/// (the left pixel of each byte in its high nibble).
const INIT: [&[u8]; 18] = [
    &[cmd::COLUMNS, 0, 63],
    &[cmd::ROWS, 0, 63],
    &[cmd::CONTRAST, 50],
    &[cmd::HALF_CURRENT],
    &[cmd::REMAP, 0x52],
    &[cmd::START_LINE, 0],
    &[cmd::OFFSET, 0x4C],
    &[cmd::NORMAL],
    &[cmd::MULTIPLEX, 63],
    &[cmd::PHASE, 0x22],
    &[cmd::ROW_PERIOD, 70],
    &[cmd::CLOCK, 0xF1],
    &[cmd::VSL, 0x0D],
    &[cmd::VCOMH, 0x02],
    &[cmd::PRECHARGE, 0x10],
    &[
        cmd::GREY_TABLE,
        0x01,
        0x11,
        0x22,
        0x32,
        0x43,
        0x54,
        0x65,
        0x76,
    ],
    &[cmd::DC_DC, 0x03],
    &[cmd::DISPLAY_ON],
];

/// The frame being drawn: one bit a pixel, rows top to bottom, the
/// leftmost pixel in the most significant bit of each byte.
pub type Frame = [u8; WIDTH * HEIGHT / 8];

/// The controller, its bus and the frame being drawn.
pub struct Ssd0323<'f, B> {
    bus: B,
    frame: &'f mut Frame,
}

impl<'f, B: Bus> Ssd0323<'f, B> {
    /// The grey level (0–15) of a lit pixel.
    pub const ON: u8 = 15;

    /// A driver drawing into `frame` (cleared); call [`Ssd0323::init`]
    /// before the first [`Ssd0323::flush`].
    pub fn new(bus: B, frame: &'f mut Frame) -> Ssd0323<'f, B> {
        frame.fill(0);
        Ssd0323 { bus, frame }
    }

    /// Sets the controller up for the panel and turns the display on.
    pub fn init(&mut self) -> Result<(), B::Error> {
        for command in INIT {
            self.bus.send(false, command)?;
            self.bus.send(false, &[cmd::NOP])?;
        }
        Ok(())
    }

    /// Sends the frame to the controller's RAM: all 64 rows, 64 bytes
    /// (128 pixels) each.
    pub fn flush(&mut self) -> Result<(), B::Error> {
        self.bus
            .send(false, &[cmd::COLUMNS, 0, (WIDTH / 2 - 1) as u8])?;
        self.bus.send(false, &[cmd::ROWS, 0, (HEIGHT - 1) as u8])?;
        let mut row = [0u8; WIDTH / 2];
        for bits in self.frame.chunks_exact(WIDTH / 8) {
            for (pair, out) in row.iter_mut().enumerate() {
                let grey = |x: usize| {
                    if bits[x / 8] & (0x80 >> (x % 8)) != 0 {
                        Self::ON
                    } else {
                        0
                    }
                };
                *out = (grey(2 * pair) << 4) | grey(2 * pair + 1);
            }
            self.bus.send(true, &row)?;
        }
        Ok(())
    }
}

impl<B> OriginDimensions for Ssd0323<'_, B> {
    fn size(&self) -> Size {
        Size::new(WIDTH as u32, HEIGHT as u32)
    }
}

impl<B> DrawTarget for Ssd0323<'_, B> {
    type Color = BinaryColor;
    type Error = core::convert::Infallible;

    fn draw_iter<I>(&mut self, pixels: I) -> Result<(), Self::Error>
    where
        I: IntoIterator<Item = Pixel<BinaryColor>>,
    {
        for Pixel(p, color) in pixels {
            // Pixels off the panel are dropped, as DrawTarget asks.
            let (Ok(x), Ok(y)) = (usize::try_from(p.x), usize::try_from(p.y)) else {
                continue;
            };
            if x >= WIDTH || y >= HEIGHT {
                continue;
            }
            let (byte, bit) = ((y * WIDTH + x) / 8, 0x80 >> (x % 8));
            if color.is_on() {
                self.frame[byte] |= bit;
            } else {
                self.frame[byte] &= !bit;
            }
        }
        Ok(())
    }

    fn clear(&mut self, color: BinaryColor) -> Result<(), Self::Error> {
        self.frame.fill(if color.is_on() { 0xFF } else { 0 });
        Ok(())
    }
}
