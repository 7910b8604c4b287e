//! Browsing with buttons (`feudfacts_display::app`): where each button
//! leads, that back returns to where a screen was opened from, that cards
//! clamp and lists wrap, and that no sequence of presses, nor a
//! configuration naming what the corpus lacks, panics or draws a glyph the
//! font does not have. The pixels of the walk CI takes are checked in
//! `golden.rs`.

use embedded_graphics::{pixelcolor::BinaryColor, prelude::*};
use embedded_graphics_simulator::SimulatorDisplay;
use feudfacts::{Corpus, Filter, Hit, Kind};
use feudfacts_display::app::{App, Button, Config, Item, List, View};
use feudfacts_display::{record_card, Screen, MAX_RESULTS};

type Display = SimulatorDisplay<BinaryColor>;

const SCREENS: [Screen; 2] = [Screen::OLED_128X64, Screen::EPAPER_296X128];

fn app(screen: Screen, config: Config) -> App<'static> {
    App::new(Corpus::embedded(), screen, config)
}

fn press(app: &mut App<'_>, buttons: &[Button]) -> View {
    for &b in buttons {
        app.press(b);
    }
    app.view()
}

fn frame(app: &App<'_>, screen: Screen) -> Display {
    let mut d = Display::new(screen.size);
    let page = app.draw(&mut d).unwrap();
    assert_eq!(page.missing_glyphs, 0, "{:?}", app.view());
    d
}

use Button::{Back, Down, Select, Up};

#[test]
fn boots_into_the_quote_of_the_day_and_back_opens_the_menu() {
    let mut a = app(Screen::OLED_128X64, Config::DEMO);
    assert_eq!(a.view(), View::QuoteOfTheDay { page: 0 });
    assert_eq!(press(&mut a, &[Back]), View::Menu { cursor: 0 });
    // Back on the menu stays there.
    assert_eq!(press(&mut a, &[Back]), View::Menu { cursor: 0 });
    // The menu wraps both ways.
    assert_eq!(
        press(&mut a, &[Up]),
        View::Menu {
            cursor: Item::MENU.len() - 1
        }
    );
    assert_eq!(press(&mut a, &[Down]), View::Menu { cursor: 0 });
    // Each item opens its screen, and back returns to it in the menu.
    for (i, item) in Item::MENU.into_iter().enumerate() {
        let mut a = app(Screen::OLED_128X64, Config::DEMO);
        press(&mut a, &[Back]);
        for _ in 0..i {
            a.press(Down);
        }
        let opened = press(&mut a, &[Select]);
        let want = match item {
            Item::QuoteOfTheDay => "qotd",
            Item::Search => "results",
            Item::Thread => "thread",
            Item::Timeline => "timeline",
        };
        assert_eq!(opened.name(), want, "{item:?}");
        assert_eq!(press(&mut a, &[Back]), View::Menu { cursor: i });
    }
}

#[test]
fn select_opens_the_record_under_the_cursor_and_back_returns_to_it() {
    let c = Corpus::embedded();
    let screen = Screen::OLED_128X64;
    let mut hits = [Hit::EMPTY; MAX_RESULTS];
    let found = c
        .search_str(Config::DEMO.query, &Filter::NONE, &mut hits)
        .unwrap();
    assert!(found.returned > 4, "{} results", found.returned);
    for (cursor, hit) in hits[..found.returned].iter().enumerate() {
        let mut a = app(screen, Config::DEMO);
        press(&mut a, &[Back, Down, Select]);
        for _ in 0..cursor {
            a.press(Down);
        }
        let list = View::List {
            list: List::Results,
            cursor,
        };
        assert_eq!(a.view(), list);
        assert_eq!(
            press(&mut a, &[Select]),
            View::Record {
                list: List::Results,
                cursor,
                record: hit.record,
                page: 0
            }
        );
        // The card is the record's own card.
        let mut want = Display::new(screen.size);
        record_card(&mut want, screen, &c, hit.record, 0)
            .unwrap()
            .expect("card");
        assert!(frame(&a, screen).diff(&want).is_none(), "result {cursor}");
        assert_eq!(press(&mut a, &[Back]), list);
    }
    // The results wrap: down from the last is the first.
    let mut a = app(screen, Config::DEMO);
    press(&mut a, &[Back, Down, Select, Up]);
    assert_eq!(
        a.view(),
        View::List {
            list: List::Results,
            cursor: found.returned - 1
        }
    );
    assert_eq!(
        press(&mut a, &[Down]),
        View::List {
            list: List::Results,
            cursor: 0
        }
    );
}

#[test]
fn the_results_list_holds_the_closest_matches_too() {
    // No record has both words: best match answers with closest matches
    // only (`total` is 0), and every one of them is in the list.
    let c = Corpus::embedded();
    let config = Config {
        query: "softbank lawsuit",
        ..Config::DEMO
    };
    let mut hits = [Hit::EMPTY; MAX_RESULTS];
    let found = c
        .search_str(config.query, &Filter::NONE, &mut hits)
        .unwrap();
    assert!(found.is_partial() && found.returned > 4, "{found:?}");
    let last = found.returned - 1;
    let mut a = app(Screen::OLED_128X64, config);
    // Up from the first result wraps to the last closest match.
    assert_eq!(
        press(&mut a, &[Back, Down, Select, Up]),
        View::List {
            list: List::Results,
            cursor: last
        }
    );
    assert_eq!(
        press(&mut a, &[Select]),
        View::Record {
            list: List::Results,
            cursor: last,
            record: hits[last].record,
            page: 0
        }
    );
}

#[test]
fn cards_turn_pages_and_stop_at_either_end() {
    for screen in SCREENS {
        // The thread's reply is the long quote: several pages everywhere.
        let mut a = app(screen, Config::DEMO);
        press(&mut a, &[Back, Down, Down, Select, Down, Select]);
        let reply = Corpus::embedded()
            .find_key("q-wrong-as-you-surely-know")
            .unwrap();
        let at = |page| View::Record {
            list: List::Thread,
            cursor: 1,
            record: reply,
            page,
        };
        assert_eq!(a.view(), at(0));
        let mut seen = vec![frame(&a, screen)];
        let mut last = 0;
        for _ in 0..10 {
            if let View::Record { page, .. } = press(&mut a, &[Down]) {
                if page > last {
                    seen.push(frame(&a, screen));
                }
                last = page;
            }
        }
        assert!(last >= 1, "the reply fits one page?");
        assert_eq!(a.view(), at(last), "clamped at the last page");
        assert_eq!(press(&mut a, &[Select]), at(last), "select on a card");
        for (i, f) in seen.iter().enumerate() {
            assert!(
                seen[..i].iter().all(|g| g.diff(f).is_some()),
                "page {i} repeats"
            );
        }
        for _ in 0..10 {
            a.press(Up);
        }
        assert_eq!(a.view(), at(0));
    }
}

#[test]
fn the_timeline_opens_today_and_runs_on_across_entries() {
    let c = Corpus::embedded();
    let entries: Vec<_> = c.timeline().collect();
    let today = Config::DEMO.today;
    let start = entries
        .iter()
        .position(|(_, d)| d.first_day() >= today)
        .expect("an entry on 2025-01-22");
    assert_eq!(entries[start].1, today);
    assert!(entries[start - 1].1 < today);
    for screen in SCREENS {
        let mut a = app(screen, Config::DEMO);
        let opened = press(&mut a, &[Back, Up, Select]);
        assert_eq!(
            opened,
            View::Timeline {
                entry: start,
                page: 0
            }
        );
        // Down walks every page of every entry to the end, then stays.
        let mut steps = 0;
        let mut prev = opened;
        loop {
            let v = press(&mut a, &[Down]);
            if v == prev {
                break;
            }
            match (prev, v) {
                (
                    View::Timeline {
                        entry: e0,
                        page: p0,
                    },
                    View::Timeline {
                        entry: e1,
                        page: p1,
                    },
                ) => assert!(
                    (e1 == e0 && p1 == p0 + 1) || (e1 == e0 + 1 && p1 == 0),
                    "{prev:?} -> {v:?}"
                ),
                _ => panic!("left the timeline: {v:?}"),
            }
            prev = v;
            steps += 1;
            assert!(steps < 10 * entries.len(), "no end");
        }
        assert!(
            matches!(prev, View::Timeline { entry, .. } if entry == entries.len() - 1),
            "{prev:?}"
        );
        // Up from an entry's first page is the previous entry; at the
        // start it stays.
        let mut a = app(screen, Config::DEMO);
        press(&mut a, &[Back, Up, Select]);
        assert_eq!(
            press(&mut a, &[Up]),
            View::Timeline {
                entry: start - 1,
                page: 0
            }
        );
        for _ in 0..start + 5 {
            a.press(Up);
        }
        assert_eq!(a.view(), View::Timeline { entry: 0, page: 0 });
        assert_eq!(press(&mut a, &[Back]).name(), "menu");
    }
}

#[test]
fn what_the_corpus_lacks_draws_a_message_and_nothing_panics() {
    let screen = Screen::OLED_128X64;
    let bad = Config {
        query: "   ",
        thread: "no-such-quote",
        ..Config::DEMO
    };
    let mut a = app(screen, bad);
    // A refused query: the results screen says why; select has nothing to open.
    press(&mut a, &[Back, Down, Select]);
    let refused = frame(&a, screen);
    assert_eq!(press(&mut a, &[Select]).name(), "results");
    assert_eq!(press(&mut a, &[Down]).name(), "results");
    // A thread key that is not in the corpus: a message too.
    press(&mut a, &[Back, Down, Select]);
    let missing = frame(&a, screen);
    assert_eq!(press(&mut a, &[Select]).name(), "thread");
    assert!(refused.diff(&missing).is_some());
    // Neither is a blank screen.
    for d in [&refused, &missing] {
        let lit = d
            .bounding_box()
            .points()
            .filter(|&p| d.get_pixel(p).is_on())
            .count();
        assert!(lit > 100, "{lit} pixels lit");
    }
    // A key of another kind is not a thread either.
    let event = Config {
        thread: "ev-stargate-announced",
        ..Config::DEMO
    };
    let mut a = app(screen, event);
    press(&mut a, &[Back, Down, Down, Select]);
    let not_a_quote = frame(&a, screen);
    assert_eq!(press(&mut a, &[Select]).name(), "thread");
    let mut good = app(screen, Config::DEMO);
    press(&mut good, &[Back, Down, Down, Select]);
    assert!(frame(&good, screen).diff(&not_a_quote).is_some());
}

#[test]
fn a_long_random_walk_always_draws() {
    for screen in SCREENS {
        let mut a = app(screen, Config::DEMO);
        // A fixed linear congruential sequence: the same walk every run.
        let mut x: u32 = 0x2025_0122;
        let mut names = std::collections::BTreeSet::new();
        for _ in 0..150 {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            a.press(Button::ALL[(x >> 28) as usize % 4]);
            frame(&a, screen);
            names.insert(a.view().name());
        }
        assert_eq!(names.len(), 6, "screens visited: {names:?}");
    }
}

#[test]
fn every_record_has_a_card() {
    let c = Corpus::embedded();
    for screen in SCREENS {
        let mut d = Display::new(screen.size);
        for kind in Kind::ALL {
            for (r, _) in c.records(kind) {
                let p = record_card(&mut d, screen, &c, r, 0)
                    .unwrap()
                    .unwrap_or_else(|| panic!("{r:?}"));
                assert_eq!(p.missing_glyphs, 0, "{r:?}");
                assert!(!p.truncated, "{r:?}");
            }
        }
        let none = feudfacts::RecordRef::new(Kind::Figure, u32::MAX);
        assert!(record_card(&mut d, screen, &c, none, 0).unwrap().is_none());
    }
}
