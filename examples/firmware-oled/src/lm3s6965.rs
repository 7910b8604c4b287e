//! The few LM3S6965 registers this firmware needs: clock gating, the GPIO
//! pins of the OLED and the gamepad, and the SSI0 port the OLED's SSD0323
//! controller listens on.
//!
//! Why our own: the `lm3s6965` crate carries only the interrupt numbers, no
//! peripheral registers, and nothing else maintained covers this part. The
//! addresses and bits are those of the Stellaris LM3S6965 data sheet
//! (DS-LM3S6965), each named below by its chapter and register; the wiring is the EK-LM3S6965
//! evaluation board's, as QEMU's `lm3s6965evb` machine models it
//! (`hw/arm/stellaris.c`): SSI0 clock, frame and transmit on PA2, PA3, PA5;
//! the OLED's data/command line on PC7; the SD card's select on PD0 (which
//! QEMU also wires, active high, to the OLED's select); the gamepad's up,
//! down, left and right on PE0–PE3 and select on PF1, each pulling its pin
//! low while pressed.
//!
//! Every register access goes through [`read`] and [`write`], the only
//! `unsafe` code here.

/// Reads the 32-bit memory-mapped register at `addr`.
fn read(addr: usize) -> u32 {
    // SAFETY: every address passed here is one of the peripheral registers
    // named in this module (data sheet memory map), aligned, always mapped
    // on this part, and reading it has no effect on memory Rust owns.
    unsafe { core::ptr::read_volatile(addr as *const u32) }
}

/// Writes the 32-bit memory-mapped register at `addr`.
fn write(addr: usize, value: u32) {
    // SAFETY: as for `read`: a peripheral register of this module, outside
    // any memory the program's own objects live in.
    unsafe { core::ptr::write_volatile(addr as *mut u32, value) }
}

fn modify(addr: usize, f: impl FnOnce(u32) -> u32) {
    write(addr, f(read(addr)));
}

/// Chapter "System Control": the run-mode clock gating registers.
mod sysctl {
    pub const BASE: usize = 0x400F_E000;
    /// RCGC1, Run Mode Clock Gating Control Register 1: bit 4 clocks SSI0.
    pub const RCGC1: usize = BASE + 0x104;
    pub const RCGC1_SSI0: u32 = 1 << 4;
    /// RCGC2, Run Mode Clock Gating Control Register 2: bit n clocks GPIO
    /// port A + n.
    pub const RCGC2: usize = BASE + 0x108;
}

/// Chapter "General-Purpose Input/Outputs (GPIOs)": one port's registers.
#[derive(Clone, Copy)]
struct Port {
    base: usize,
    /// The port's bit in RCGC2.
    gate: u32,
}

impl Port {
    const A: Port = Port {
        base: 0x4000_4000,
        gate: 1 << 0,
    };
    const C: Port = Port {
        base: 0x4000_6000,
        gate: 1 << 2,
    };
    const D: Port = Port {
        base: 0x4000_7000,
        gate: 1 << 3,
    };
    const E: Port = Port {
        base: 0x4002_4000,
        gate: 1 << 4,
    };
    const F: Port = Port {
        base: 0x4002_5000,
        gate: 1 << 5,
    };

    // Register offsets ("Register Map" of the GPIO chapter).
    /// GPIODATA: address bits 9:2 mask which pins a read or write touches.
    const DATA: usize = 0x000;
    const DIR: usize = 0x400;
    const IS: usize = 0x404;
    const IBE: usize = 0x408;
    const IEV: usize = 0x40C;
    const IM: usize = 0x410;
    const RIS: usize = 0x414;
    const ICR: usize = 0x41C;
    const AFSEL: usize = 0x420;
    const PUR: usize = 0x510;
    const DEN: usize = 0x51C;

    fn set(self, reg: usize, pins: u32) {
        modify(self.base + reg, |v| v | pins);
    }

    fn clear(self, reg: usize, pins: u32) {
        modify(self.base + reg, |v| v & !pins);
    }

    /// Drives output `pins` high or low, leaving the port's other pins alone.
    fn output(self, pins: u32, high: bool) {
        write(
            self.base + Port::DATA + ((pins as usize & 0xFF) << 2),
            if high { pins } else { 0 },
        );
    }

    /// Digital outputs (the chapter's "Initialization and Configuration").
    fn make_outputs(self, pins: u32) {
        self.clear(Port::AFSEL, pins);
        self.set(Port::DIR, pins);
        self.set(Port::DEN, pins);
    }

    /// Pins driven by a peripheral (the alternate function).
    fn make_peripheral(self, pins: u32) {
        self.set(Port::AFSEL, pins);
        self.set(Port::DEN, pins);
    }

    /// Inputs with pull-ups whose rising edges (a button released) latch
    /// in GPIORIS, read by polling: the interrupt itself stays masked.
    fn make_release_latches(self, pins: u32) {
        self.clear(Port::AFSEL, pins);
        self.clear(Port::DIR, pins);
        self.set(Port::PUR, pins);
        self.set(Port::DEN, pins);
        self.clear(Port::IM, pins);
        self.clear(Port::IS, pins); // edge-sensitive
        self.clear(Port::IBE, pins); // one edge, chosen by IEV
        self.set(Port::IEV, pins); // the rising edge
        write(self.base + Port::ICR, pins);
    }

    /// Which of `pins` latched an edge since the last call; clears them.
    fn take_edges(self, pins: u32) -> u32 {
        let edges = read(self.base + Port::RIS) & pins;
        if edges != 0 {
            write(self.base + Port::ICR, edges);
        }
        edges
    }
}

/// Chapter "Synchronous Serial Interface (SSI)": SSI0's registers.
mod ssi0 {
    pub const BASE: usize = 0x4000_8000;
    /// SSICR0: serial clock rate (15:8), SPH (7), SPO (6), frame format
    /// (5:4, 0 = Freescale SPI), data size (3:0, size - 1).
    pub const CR0: usize = BASE;
    /// SSICR1: SSE (bit 1) enables the port; MS (bit 2) 0 = master.
    pub const CR1: usize = BASE + 0x004;
    pub const CR1_SSE: u32 = 1 << 1;
    pub const DR: usize = BASE + 0x008;
    /// SSISR: TNF (bit 1) transmit FIFO not full, RNE (bit 2) receive FIFO
    /// not empty, BSY (bit 4) busy.
    pub const SR: usize = BASE + 0x00C;
    pub const SR_TNF: u32 = 1 << 1;
    pub const SR_RNE: u32 = 1 << 2;
    pub const SR_BSY: u32 = 1 << 4;
    /// SSICPSR: the clock prescale divisor (even, 2–254).
    pub const CPSR: usize = BASE + 0x010;
}

/// How long a wait for the SSI may spin before the transfer is given up:
/// far longer than a byte takes at any clock the part runs at.
const SPIN_LIMIT: u32 = 100_000;

/// The SSI stopped making progress (a transfer never completed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BusTimeout;

/// Waits until `ready()`, at most [`SPIN_LIMIT`] polls.
fn wait(ready: impl Fn() -> bool) -> Result<(), BusTimeout> {
    for _ in 0..SPIN_LIMIT {
        if ready() {
            return Ok(());
        }
    }
    Err(BusTimeout)
}

/// The OLED's bus: SSI0 as a transmit-only SPI master (the controller never
/// answers; what the receive FIFO collects is drained and dropped), and the
/// data/command line on PC7.
pub struct OledBus {
    _private: (),
}

impl OledBus {
    const DC: u32 = 1 << 7; // PC7
    const SD_SELECT: u32 = 1 << 0; // PD0

    /// Sends `bytes`, as commands (`data` false, PC7 low) or display data.
    pub fn send(&mut self, data: bool, bytes: &[u8]) -> Result<(), BusTimeout> {
        // The line may only change once every byte before it has left.
        self.drain()?;
        Port::C.output(OledBus::DC, data);
        for &b in bytes {
            wait(|| read(ssi0::SR) & ssi0::SR_TNF != 0)?;
            write(ssi0::DR, b as u32);
            // Keep the receive FIFO empty: when it fills, the port stalls.
            while read(ssi0::SR) & ssi0::SR_RNE != 0 {
                read(ssi0::DR);
            }
        }
        self.drain()
    }

    /// Waits until the port is idle and its receive FIFO empty.
    fn drain(&mut self) -> Result<(), BusTimeout> {
        wait(|| {
            while read(ssi0::SR) & ssi0::SR_RNE != 0 {
                read(ssi0::DR);
            }
            read(ssi0::SR) & ssi0::SR_BSY == 0
        })
    }
}

/// The gamepad's five buttons, read as releases (a press counts when the
/// button comes back up, so it is counted once however long it is held).
pub struct Gamepad {
    _private: (),
}

/// A gamepad button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// PE0.
    Up,
    /// PE1.
    Down,
    /// PE2.
    Left,
    /// PE3.
    Right,
    /// PF1.
    Select,
}

impl Gamepad {
    const E_PINS: u32 = 0b1111; // PE0-PE3
    const F_PINS: u32 = 1 << 1; // PF1

    /// The next button released since the last call, if any; releases of
    /// several buttons come one a call, up first.
    pub fn poll(&mut self) -> Option<Key> {
        // Take one edge at a time, so that the others stay latched.
        let e = read(Port::E.base + Port::RIS) & Gamepad::E_PINS;
        let keys = [Key::Up, Key::Down, Key::Left, Key::Right];
        if let Some(i) = (0..4).find(|i| e & (1 << i) != 0) {
            Port::E.take_edges(1 << i);
            return Some(keys[i]);
        }
        (Port::F.take_edges(Gamepad::F_PINS) != 0).then_some(Key::Select)
    }
}

/// Clocks the ports, configures the pins and SSI0, and hands out the OLED's
/// bus and the gamepad. Call once, at boot.
pub fn init() -> (OledBus, Gamepad) {
    let ports = [Port::A, Port::C, Port::D, Port::E, Port::F];
    modify(sysctl::RCGC1, |v| v | sysctl::RCGC1_SSI0);
    modify(sysctl::RCGC2, |v| {
        v | ports.iter().fold(0, |acc, p| acc | p.gate)
    });
    // A few cycles must pass before a newly clocked peripheral is used
    // ("System Control": a peripheral is ready a few clocks after its gate).
    for _ in 0..3 {
        read(sysctl::RCGC2);
    }

    // SSI0 on PA2 (clock), PA3 (frame select), PA5 (transmit).
    Port::A.make_peripheral((1 << 2) | (1 << 3) | (1 << 5));
    Port::C.make_outputs(OledBus::DC);
    // Deselect the SD card sharing the bus (and, in QEMU, select the OLED).
    Port::D.make_outputs(OledBus::SD_SELECT);
    Port::D.output(OledBus::SD_SELECT, true);

    // The SSI chapter's "Initialization and Configuration": disabled while configured;
    // master; Freescale SPI with SPO = 1, SPH = 0 (the SSD0323's mode), 8-bit
    // frames; from the 12 MHz reset clock, 12 MHz / (2 * (1 + 1)) = 3 MHz.
    write(ssi0::CR1, 0);
    write(ssi0::CPSR, 2);
    write(ssi0::CR0, (1 << 8) | (1 << 6) | 0x7);
    write(ssi0::CR1, ssi0::CR1_SSE);

    Port::E.make_release_latches(Gamepad::E_PINS);
    Port::F.make_release_latches(Gamepad::F_PINS);
    (OledBus { _private: () }, Gamepad { _private: () })
}
