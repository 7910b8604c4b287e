//! Golden images: every scene on both screens is compared pixel for pixel
//! with the PNG committed under `golden/`, and so is every frame of the
//! device walk (`golden/walk.txt`, the buttons CI presses on the emulated
//! OLED); `UPDATE_GOLDEN=1 cargo test -p feudfacts-display` rewrites them
//! (and the README screenshots). Also: no corpus string reaches a font as a
//! character it cannot draw, and the transliteration adds no `?` of its own.

#[path = "../scenes.rs"]
mod scenes;

use embedded_graphics::pixelcolor::Rgb888;
use embedded_graphics::{pixelcolor::BinaryColor, prelude::*};
use embedded_graphics_simulator::{
    BinaryColorTheme, OutputSettings, OutputSettingsBuilder, SimulatorDisplay,
};
use feudfacts::{translit, Charset, Corpus, Filter, Kind, Record, RecordRef};
use feudfacts_display::app::{App, Button, Config};
use feudfacts_display::{quote_card, search_results, timeline_entry, Page, Screen, SearchError};
use std::path::{Path, PathBuf};

type Display = SimulatorDisplay<BinaryColor>;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

fn exact() -> OutputSettings {
    OutputSettingsBuilder::new().scale(1).build()
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

fn render(screen: Screen, draw: scenes::Draw<Display>) -> (Display, Page) {
    let mut d = Display::new(screen.size);
    let page = draw(&mut d, screen, &Corpus::embedded());
    (d, page)
}

/// Compares `d` with the golden PNG `name` (or writes it when updating).
fn check_golden(name: &str, d: &Display) -> Result<(), String> {
    let golden = golden_dir().join(format!("{name}.png"));
    if updating() {
        std::fs::create_dir_all(golden_dir()).map_err(|e| e.to_string())?;
        d.to_rgb_output_image(&exact())
            .save_png(&golden)
            .map_err(|e| e.to_string())?;
        return Ok(());
    }
    // Compare decoded pixels (not PNG bytes, which depend on the encoder).
    let actual_path = std::env::temp_dir().join(format!(
        "feudfacts-display-{}-{name}.png",
        std::process::id()
    ));
    d.to_rgb_output_image(&exact())
        .save_png(&actual_path)
        .map_err(|e| e.to_string())?;
    let actual = SimulatorDisplay::<Rgb888>::load_png(&actual_path).map_err(|e| e.to_string())?;
    let want = SimulatorDisplay::<Rgb888>::load_png(&golden)
        .map_err(|e| format!("{}: {e} (UPDATE_GOLDEN=1 writes it)", golden.display()))?;
    if want.size() != actual.size() {
        return Err(format!(
            "{name}: size {:?}, golden {:?}",
            actual.size(),
            want.size()
        ));
    }
    match want.diff(&actual) {
        None => {
            std::fs::remove_file(&actual_path).ok();
            Ok(())
        }
        Some(diff) => {
            let n = diff
                .bounding_box()
                .points()
                .filter(|&p| diff.get_pixel(p).is_on())
                .count();
            Err(format!(
                "{name}: {n} pixels differ from {} (rendered: {}; UPDATE_GOLDEN=1 accepts it)",
                golden.display(),
                actual_path.display()
            ))
        }
    }
}

#[test]
fn scenes_match_the_golden_images() {
    let mut failures = Vec::new();
    for (suffix, screen) in scenes::SCREENS {
        for (scene, draw) in scenes::all::<Display>() {
            let (d, page) = render(screen, draw);
            assert_eq!(
                page.missing_glyphs, 0,
                "{scene} {suffix}: glyphs the font lacks"
            );
            assert!(!page.truncated, "{scene} {suffix}: text cut");
            if let Err(e) = check_golden(&format!("{scene}-{suffix}"), &d) {
                failures.push(e);
            }
        }
    }
    if updating() {
        write_readme_screenshots();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One step of `golden/walk.txt`: the button (`None` for the boot frame)
/// and the golden the frame must match (`None` for `-`).
type Step = (Option<Button>, Option<String>);

fn walk() -> Vec<Step> {
    let path = golden_dir().join("walk.txt");
    let text = std::fs::read_to_string(&path).expect("golden/walk.txt");
    let mut steps = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [button, golden] = fields[..] else {
            panic!("walk.txt:{}: want `BUTTON GOLDEN`: {line}", n + 1);
        };
        let button = match button {
            "boot" => None,
            b => Some(
                Button::from_name(b)
                    .unwrap_or_else(|| panic!("walk.txt:{}: no button `{b}`", n + 1)),
            ),
        };
        assert_eq!(
            button.is_none(),
            steps.is_empty(),
            "walk.txt:{}: `boot` comes first, and only there",
            n + 1
        );
        steps.push((button, (golden != "-").then(|| golden.to_string())));
    }
    steps
}

#[test]
fn the_device_walk_matches_its_goldens() {
    let screen = Screen::OLED_128X64;
    let scenes = scenes::all::<Display>();
    let mut app = App::new(Corpus::embedded(), screen, Config::DEMO);
    let mut failures = Vec::new();
    let steps = walk();
    assert!(steps.len() > 10, "a walk of {} steps", steps.len());
    for (i, (button, golden)) in steps.into_iter().enumerate() {
        if let Some(b) = button {
            app.press(b);
        }
        let mut d = Display::new(screen.size);
        let page = app.draw(&mut d).unwrap();
        let what = format!("walk step {i} ({})", app.view().name());
        assert_eq!(page.missing_glyphs, 0, "{what}: glyphs the font lacks");
        let Some(name) = golden else { continue };
        match scenes.iter().find(|(n, _)| *n == name) {
            // A scene's golden is written and checked by the scenes test:
            // here the frame must be that scene, drawn the same way.
            Some((_, draw)) => {
                let (want, _) = render(screen, *draw);
                if want.diff(&d).is_some() {
                    failures.push(format!("{what}: differs from scene {name}"));
                }
            }
            None => {
                if let Err(e) = check_golden(&format!("{name}-128x64"), &d) {
                    failures.push(format!("{what}: {e}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Two scenes scaled up in display colours, for the README.
fn write_readme_screenshots() {
    let shots = [
        (
            "quote-reply-p1",
            Screen::OLED_128X64,
            3,
            BinaryColorTheme::OledBlue,
        ),
        (
            "search-p1",
            Screen::EPAPER_296X128,
            2,
            BinaryColorTheme::LcdWhite,
        ),
    ];
    let dir = golden_dir().join("readme");
    std::fs::create_dir_all(&dir).expect("golden/readme");
    for (name, screen, scale, theme) in shots {
        let (_, draw) = scenes::all::<Display>()
            .into_iter()
            .find(|(n, _)| *n == name)
            .expect("scene");
        let (d, _) = render(screen, draw);
        let settings = OutputSettingsBuilder::new()
            .scale(scale)
            .theme(theme)
            .build();
        let file = dir.join(format!(
            "{name}-{}x{}.png",
            screen.size.width, screen.size.height
        ));
        d.to_rgb_output_image(&settings)
            .save_png(file)
            .expect("write screenshot");
    }
}

#[test]
fn long_text_is_paginated_and_every_page_differs() {
    let c = Corpus::embedded();
    let q = scenes::surely_know_reply(&c);
    for (suffix, screen) in scenes::SCREENS {
        let mut d = Display::new(screen.size);
        let first = quote_card(&mut d, screen, &c, q, 0).unwrap().unwrap();
        assert!(first.pages > 1, "{suffix}: the reply fits one page?");
        let mut seen: Vec<Display> = Vec::new();
        for page in 0..first.pages {
            let mut d = Display::new(screen.size);
            let p = quote_card(&mut d, screen, &c, q, page).unwrap().unwrap();
            assert_eq!((p.page, p.pages), (page, first.pages));
            assert!(
                seen.iter().all(|s| s.diff(&d).is_some()),
                "{suffix}: page {page} repeats"
            );
            seen.push(d);
        }
        // Past the end: the last page again, not a blank or a panic.
        let mut d = Display::new(screen.size);
        let p = quote_card(&mut d, screen, &c, q, 99).unwrap().unwrap();
        assert_eq!(p.page, first.pages - 1);
        assert!(seen.last().unwrap().diff(&d).is_none());
    }
}

#[test]
fn every_quote_and_timeline_entry_draws_without_missing_glyphs() {
    let c = Corpus::embedded();
    for (_, screen) in scenes::SCREENS {
        let mut d = Display::new(screen.size);
        for i in 0..c.count(Kind::Quote) as u32 {
            let p = quote_card(&mut d, screen, &c, i, 0)
                .unwrap()
                .expect("quote");
            assert_eq!(p.missing_glyphs, 0, "quote {i}");
            assert!(!p.truncated, "quote {i}");
        }
        for (r, _) in c.timeline() {
            let p = timeline_entry(&mut d, screen, &c, r, 0)
                .unwrap()
                .expect("entry");
            assert_eq!(p.missing_glyphs, 0, "{r:?}");
            assert!(!p.truncated, "{r:?}");
        }
        assert!(
            timeline_entry(&mut d, screen, &c, RecordRef::new(Kind::Entity, 0), 0)
                .unwrap()
                .is_none()
        );
        assert!(quote_card(&mut d, screen, &c, u32::MAX, 0)
            .unwrap()
            .is_none());
        let p = search_results(&mut d, screen, &c, "altman", &Filter::NONE, 0)
            .unwrap_or_else(|_| panic!("search"));
        assert_eq!(p.missing_glyphs, 0);
        assert!(p.pages > 1, "a common name fills more than one page");
        assert!(matches!(
            search_results(&mut d, screen, &c, "   ", &Filter::NONE, 0),
            Err(SearchError::Query(feudfacts::Error::EmptyQuery))
        ));
    }
}

/// Every string of every record, for the charset checks.
fn corpus_strings(c: &Corpus<'static>) -> Vec<&'static str> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        for (_, rec) in c.records(kind) {
            match rec {
                Record::Source(s) => {
                    out.extend([s.outlet, s.headline, s.notes].map(|t| t.as_str()))
                }
                Record::Entity(e) => {
                    out.extend([e.name, e.notes].map(|t| t.as_str()));
                    out.extend(e.roles.iter().chain(e.aliases.iter()).map(|t| t.as_str()));
                }
                Record::Quote(q) => {
                    out.extend([q.text, q.context].map(|t| t.as_str()));
                    out.extend(q.variants.iter().map(|v| v.text.as_str()));
                }
                Record::Event(e) => out.extend([e.title, e.summary].map(|t| t.as_str())),
                Record::Figure(f) => {
                    out.push(f.refers_to.as_str());
                    out.extend(f.phrasings.iter().map(|p| p.text.as_str()));
                }
                Record::Discrepancy(d) => {
                    out.extend([d.title, d.description].map(|t| t.as_str()));
                    out.extend(d.sides.iter().map(|s| s.claim.as_str()));
                }
            }
            if let Some(d) = rec.dating() {
                out.push(d.note.as_str());
            }
        }
    }
    out
}

#[test]
fn transliteration_reaches_the_fonts_without_question_marks() {
    let c = Corpus::embedded();
    let strings = corpus_strings(&c);
    assert!(strings.len() > 100, "{} strings", strings.len());
    let mut non_ascii = 0;
    for s in &strings {
        non_ascii += usize::from(!s.is_ascii());
        let own = s.matches('?').count();
        for charset in [Charset::Latin1, Charset::Ascii] {
            let t: String = translit(s, charset).collect();
            assert_eq!(
                t.matches('?').count(),
                own,
                "{charset:?} added a '?': {s:?} -> {t:?}"
            );
        }
        let t: String = translit(s, Charset::Latin1).collect();
        for (_, screen) in scenes::SCREENS {
            for ch in t.chars().filter(|&ch| ch != '\n') {
                assert!(screen.font_has(ch), "no glyph for {ch:?} in {s:?}");
            }
        }
    }
    // The check means something: the corpus has typography to transliterate.
    assert!(non_ascii > 10, "only {non_ascii} non-ASCII strings");
    assert!(
        strings.iter().any(|s| s.contains('\u{1f1fa}')),
        "the flag emoji"
    );
}
