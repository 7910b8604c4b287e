//! Writes every scene on both screens as PNG files, without SDL:
//! `cargo run -p feudfacts-display --example render -- OUTDIR [SCALE]`.

#[path = "../scenes.rs"]
mod scenes;

use embedded_graphics::pixelcolor::BinaryColor;
use embedded_graphics_simulator::{BinaryColorTheme, OutputSettingsBuilder, SimulatorDisplay};
use feudfacts::Corpus;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: render OUTDIR [SCALE]")?);
    let scale: u32 = match args.next() {
        Some(s) => s.parse().map_err(|_| format!("bad scale `{s}`"))?,
        None => 3,
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let settings = OutputSettingsBuilder::new()
        .scale(scale)
        .theme(BinaryColorTheme::OledBlue)
        .build();
    let corpus = Corpus::embedded();
    for (suffix, screen) in scenes::SCREENS {
        for (name, draw) in scenes::all::<SimulatorDisplay<BinaryColor>>() {
            let mut d = SimulatorDisplay::new(screen.size);
            let page = draw(&mut d, screen, &corpus);
            let file = dir.join(format!("{name}-{suffix}.png"));
            d.to_rgb_output_image(&settings)
                .save_png(&file)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            println!(
                "{} (page {} of {})",
                file.display(),
                page.page + 1,
                page.pages
            );
        }
    }
    Ok(())
}
