//! Browsing the corpus with a few buttons: which scene a device shows, and
//! how up, down, select and back move between them.
//!
//! Why here: the QEMU firmware (`examples/firmware-oled`), the Pico image
//! (`examples/pico-ssd1306`) and the host's golden-image tests all run this
//! one state machine over the scenes of this crate, so what CI checks on
//! the emulated OLED, pixel for pixel, is what a real board shows.
//!
//! The screens: a menu (quote of the day, a search, a reply thread, the
//! timeline); the quote of the day as a card; the search results and the
//! thread as lists, where select opens the record under the cursor as a
//! card; the timeline, one entry at a time. Up and down move the cursor in
//! lists (wrapping, so that one button goes everywhere) and turn the pages
//! of cards (the timeline runs on into the next entry); back returns to
//! where the screen was opened from. The device boots into the quote of the
//! day. It holds a few words of state and no buffers: every frame is drawn
//! afresh from the corpus.

use crate::{
    menu, message, quote_card, record_card, search_results_with, thread_list, timeline_entry,
    ListView, Num, Page, Screen, SearchError, MAX_RESULTS,
};
use embedded_graphics::{pixelcolor::BinaryColor, prelude::*};
use feudfacts::{Corpus, Date, Filter, Hit, Kind, RecordRef};

/// A button press, whatever the buttons are on a device (five on the
/// LM3S6965 board's gamepad, two on the Pico, see the firmwares).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Button {
    /// The cursor up, or the previous page.
    Up,
    /// The cursor down, or the next page.
    Down,
    /// Opens what is under the cursor.
    Select,
    /// Returns to where this screen was opened from.
    Back,
}

impl Button {
    /// Every button.
    pub const ALL: [Button; 4] = [Button::Up, Button::Down, Button::Select, Button::Back];

    /// The button's name: `up`, `down`, `select` or `back`.
    pub const fn name(self) -> &'static str {
        match self {
            Button::Up => "up",
            Button::Down => "down",
            Button::Select => "select",
            Button::Back => "back",
        }
    }

    /// The button named `s` (see [`Button::name`]).
    pub fn from_name(s: &str) -> Option<Button> {
        Button::ALL.into_iter().find(|b| b.name() == s)
    }
}

/// What a device offers. It has no keyboard and no clock, so the search and
/// "today" are fixed when the firmware is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// The device's idea of today: it picks the quote of the day (the seed
    /// is the days since 1970-01-01, as `feud random` takes it) and is where
    /// the timeline opens.
    pub today: Date,
    /// The menu's search query.
    pub query: &'static str,
    /// The key of a quote whose reply thread the menu offers.
    pub thread: &'static str,
}

impl Config {
    /// What the firmwares ship and CI walks through: 2025-01-22 (the day of
    /// the SoftBank exchange), the query `softbank`, and the thread of
    /// Altman's "wrong, as you surely know" reply.
    pub const DEMO: Config = Config {
        today: Date {
            year: 2025,
            month: 1,
            day: 22,
        },
        query: "softbank",
        thread: "q-wrong-as-you-surely-know",
    };

    /// The quote-of-the-day seed: days from 1970-01-01 to `today` (month
    /// or year precision counts from the first day).
    pub fn seed(&self) -> u64 {
        days_since_epoch(self.today.first_day())
    }
}

/// Days from 1970-01-01 to `d` (proleptic Gregorian; 0 before 1970).
fn days_since_epoch(d: Date) -> u64 {
    // Days from 0000-03-01, counting years from March so that the leap day
    // falls at the end of a year.
    let days = |y: u64, m: u64, day: u64| {
        let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1
    };
    let (y, m, day) = (d.year as u64, d.month.max(1) as u64, d.day.max(1) as u64);
    days(y.max(1), m, day).saturating_sub(days(1970, 1, 1))
}

/// The menu's items, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// The quote of the day.
    QuoteOfTheDay,
    /// The results of [`Config::query`].
    Search,
    /// The reply thread of [`Config::thread`].
    Thread,
    /// The timeline, opened at [`Config::today`].
    Timeline,
}

impl Item {
    /// The menu, top to bottom.
    pub const MENU: [Item; 4] = [
        Item::QuoteOfTheDay,
        Item::Search,
        Item::Thread,
        Item::Timeline,
    ];

    fn position(self) -> usize {
        Item::MENU.iter().position(|&i| i == self).unwrap_or(0)
    }
}

/// A list a record can be opened from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// The search results.
    Results,
    /// The reply thread.
    Thread,
}

/// The screen shown. Positions are 0-based; a page past the end of a card
/// is drawn as its last page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The menu, the cursor on item `cursor` of [`Item::MENU`].
    Menu {
        /// The selected item.
        cursor: usize,
    },
    /// The quote of the day, as a card.
    QuoteOfTheDay {
        /// The page shown.
        page: usize,
    },
    /// A list, the cursor on one of its records.
    List {
        /// Which list.
        list: List,
        /// The selected record.
        cursor: usize,
    },
    /// A record opened from a list, as a card.
    Record {
        /// The list it was opened from.
        list: List,
        /// Its position in that list.
        cursor: usize,
        /// The record.
        record: RecordRef,
        /// The page shown.
        page: usize,
    },
    /// One entry of the timeline.
    Timeline {
        /// Its position in [`Corpus::timeline`].
        entry: usize,
        /// The page shown.
        page: usize,
    },
}

impl View {
    /// A short name of the screen, for logs: `menu`, `qotd`, `results`,
    /// `thread`, `record` or `timeline`.
    pub const fn name(&self) -> &'static str {
        match self {
            View::Menu { .. } => "menu",
            View::QuoteOfTheDay { .. } => "qotd",
            View::List {
                list: List::Results,
                ..
            } => "results",
            View::List {
                list: List::Thread, ..
            } => "thread",
            View::Record { .. } => "record",
            View::Timeline { .. } => "timeline",
        }
    }
}

/// The browsing state of a device: a corpus, a screen, a [`Config`] and the
/// [`View`] shown. [`App::press`] moves; [`App::draw`] draws the view.
#[derive(Clone, Copy)]
pub struct App<'c> {
    corpus: Corpus<'c>,
    screen: Screen,
    config: Config,
    view: View,
}

/// A display that draws nothing: for page counts without pixels.
struct Measure(Size);

impl OriginDimensions for Measure {
    fn size(&self) -> Size {
        self.0
    }
}

impl DrawTarget for Measure {
    type Color = BinaryColor;
    type Error = core::convert::Infallible;

    fn draw_iter<I>(&mut self, _: I) -> Result<(), Self::Error>
    where
        I: IntoIterator<Item = Pixel<BinaryColor>>,
    {
        Ok(())
    }
}

impl<'c> App<'c> {
    /// A device that has just booted: the quote of the day.
    pub fn new(corpus: Corpus<'c>, screen: Screen, config: Config) -> App<'c> {
        App {
            corpus,
            screen,
            config,
            view: View::QuoteOfTheDay { page: 0 },
        }
    }

    /// The screen shown.
    pub fn view(&self) -> View {
        self.view
    }

    /// Moves as `button` says (see the module docs); a button that means
    /// nothing on this screen changes nothing.
    pub fn press(&mut self, button: Button) {
        self.view = self.next(button);
    }

    // Not inlined: its searches and page counts would otherwise sit in the
    // caller's frame (a firmware's main loop) for good.
    #[inline(never)]
    fn next(&self, button: Button) -> View {
        let wrap = |cursor: usize, count: usize, down: bool| match count {
            0 => 0,
            n if down => (cursor + 1) % n,
            n => (cursor + n - 1) % n,
        };
        // Cards: one page on, clamped to the last; one back, to the first.
        let turn = |page: usize, pages: usize, down: bool| {
            if down {
                (page + 1).min(pages.saturating_sub(1))
            } else {
                page.saturating_sub(1)
            }
        };
        let menu_at = |item: Item| View::Menu {
            cursor: item.position(),
        };
        let v = self.view;
        match (v, button) {
            (View::Menu { cursor }, Button::Up | Button::Down) => View::Menu {
                cursor: wrap(cursor, Item::MENU.len(), button == Button::Down),
            },
            (View::Menu { cursor }, Button::Select) => match Item::MENU.get(cursor) {
                Some(Item::QuoteOfTheDay) => View::QuoteOfTheDay { page: 0 },
                Some(Item::Search) => View::List {
                    list: List::Results,
                    cursor: 0,
                },
                Some(Item::Thread) => View::List {
                    list: List::Thread,
                    cursor: 0,
                },
                Some(Item::Timeline) => View::Timeline {
                    entry: self.timeline_start(),
                    page: 0,
                },
                None => v,
            },
            (View::Menu { .. }, Button::Back) => v,
            (View::QuoteOfTheDay { page }, Button::Up | Button::Down) => View::QuoteOfTheDay {
                page: turn(page, self.pages(v), button == Button::Down),
            },
            (View::QuoteOfTheDay { .. }, Button::Select) => v,
            (View::QuoteOfTheDay { .. }, Button::Back) => menu_at(Item::QuoteOfTheDay),
            (View::List { list, cursor }, Button::Up | Button::Down) => View::List {
                list,
                cursor: wrap(cursor, self.len(list), button == Button::Down),
            },
            (View::List { list, cursor }, Button::Select) => match self.item(list, cursor) {
                Some(record) => View::Record {
                    list,
                    cursor,
                    record,
                    page: 0,
                },
                None => v,
            },
            (View::List { list, .. }, Button::Back) => menu_at(match list {
                List::Results => Item::Search,
                List::Thread => Item::Thread,
            }),
            (
                View::Record {
                    list,
                    cursor,
                    record,
                    page,
                },
                Button::Up | Button::Down,
            ) => View::Record {
                list,
                cursor,
                record,
                page: turn(page, self.pages(v), button == Button::Down),
            },
            (View::Record { .. }, Button::Select) => v,
            (View::Record { list, cursor, .. }, Button::Back) => View::List { list, cursor },
            (View::Timeline { entry, page }, Button::Down) => {
                if page + 1 < self.pages(v) {
                    View::Timeline {
                        entry,
                        page: page + 1,
                    }
                } else if entry + 1 < self.corpus.timeline().count() {
                    View::Timeline {
                        entry: entry + 1,
                        page: 0,
                    }
                } else {
                    v
                }
            }
            (View::Timeline { entry, page }, Button::Up) => match (entry, page) {
                (_, p) if p > 0 => View::Timeline { entry, page: p - 1 },
                (0, _) => v,
                (e, _) => View::Timeline {
                    entry: e - 1,
                    page: 0,
                },
            },
            (View::Timeline { .. }, Button::Select) => v,
            (View::Timeline { .. }, Button::Back) => menu_at(Item::Timeline),
        }
    }

    /// The first timeline entry dated on or after today (the last entry if
    /// there is none).
    fn timeline_start(&self) -> usize {
        let today = self.config.today.first_day();
        let mut last = 0;
        for (i, (_, d)) in self.corpus.timeline().enumerate() {
            if d.first_day() >= today {
                return i;
            }
            last = i;
        }
        last
    }

    /// The quote whose thread the menu offers.
    fn thread_quote(&self) -> Option<u32> {
        self.corpus
            .find_key(self.config.thread)
            .filter(|r| r.kind == Kind::Quote)
            .map(|r| r.index)
    }

    /// The results page's list: how many rows (the complete matches, then
    /// the closest, [`MAX_RESULTS`] at most; 0 when the query is refused)
    /// and the record at `cursor`. Counting needs the whole buffer: the
    /// closest matches are only known once ranked. Not inlined, so that
    /// [`App::len`] and [`App::item`] do not each keep a hit buffer in
    /// `next`'s frame.
    #[inline(never)]
    fn results(&self, cursor: usize) -> (usize, Option<RecordRef>) {
        let mut hits = [Hit::EMPTY; MAX_RESULTS];
        match self
            .corpus
            .search_str(self.config.query, &Filter::NONE, &mut hits)
        {
            Ok(s) => {
                let at = hits.iter().take(s.returned).nth(cursor);
                (s.returned, at.map(|h| h.record))
            }
            Err(_) => (0, None),
        }
    }

    /// How many records `list` holds (0 when the query is refused).
    fn len(&self, list: List) -> usize {
        match list {
            List::Results => self.results(0).0,
            List::Thread => self
                .thread_quote()
                .map_or(0, |q| self.corpus.thread(q).count()),
        }
    }

    /// The record at `cursor` in `list`.
    fn item(&self, list: List, cursor: usize) -> Option<RecordRef> {
        match list {
            List::Results => self.results(cursor).1,
            List::Thread => {
                let (q, _) = self.corpus.thread(self.thread_quote()?).nth(cursor)?;
                Some(RecordRef::new(Kind::Quote, q))
            }
        }
    }

    /// How many pages view `v` has on this screen (1 for what is not paged).
    fn pages(&self, v: View) -> usize {
        let mut m = Measure(self.screen.size);
        let probe = App { view: v, ..*self };
        match probe.draw(&mut m) {
            Ok(p) => p.pages,
            Err(never) => match never {},
        }
    }

    /// Draws the view on `d` (cleared first). A scene that cannot be drawn
    /// (a refused query, a key not in the corpus) is drawn as a message
    /// saying why, so a device always shows something.
    // Not inlined, like `next`: a firmware's main loop keeps a small frame,
    // and the stack this takes is the same on every board.
    #[inline(never)]
    pub fn draw<D: DrawTarget<Color = BinaryColor>>(&self, d: &mut D) -> Result<Page, D::Error> {
        let (c, s) = (&self.corpus, self.screen);
        let missing = |d: &mut D, what: &str| message(d, s, "not in the corpus", what);
        match self.view {
            View::Menu { cursor } => {
                let mut date = [0u8; 10];
                let thread_date = self
                    .thread_quote()
                    .and_then(|q| self.corpus.quote(self.corpus.thread_root(q)?))
                    .and_then(|q| q.dating)
                    .map_or("", |dt| dt.date.iso(&mut date));
                let items = Item::MENU.map(|i| match i {
                    Item::QuoteOfTheDay => ["Quote of the day", ""],
                    Item::Search => ["Search: ", self.config.query],
                    Item::Thread => ["Thread ", thread_date],
                    Item::Timeline => ["Timeline", ""],
                });
                let mut footer = Num::new();
                footer
                    .push(c.count(Kind::Quote))
                    .push_str(" quotes, ")
                    .push(c.count(Kind::Event))
                    .push_str(" events");
                let view = ListView {
                    page: 0,
                    selected: Some(cursor),
                };
                menu(d, s, "feudfacts", &items, footer.as_str(), view)
            }
            View::QuoteOfTheDay { page } => {
                let drawn = match c.quote_of_the_day(self.config.seed()) {
                    Some(q) => quote_card(d, s, c, q, page)?,
                    None => None,
                };
                drawn.map_or_else(|| missing(d, "no quotes"), Ok)
            }
            View::List {
                list: List::Results,
                cursor,
            } => {
                let view = ListView {
                    page: 0,
                    selected: Some(cursor),
                };
                match search_results_with(d, s, c, self.config.query, &Filter::NONE, view) {
                    Ok(p) => Ok(p),
                    Err(SearchError::Display(e)) => Err(e),
                    Err(SearchError::Query(e)) => message(d, s, "query refused", e.message()),
                }
            }
            View::List {
                list: List::Thread,
                cursor,
            } => {
                let view = ListView {
                    page: 0,
                    selected: Some(cursor),
                };
                let drawn = match self.thread_quote() {
                    Some(q) => thread_list(d, s, c, q, view)?,
                    None => None,
                };
                drawn.map_or_else(|| missing(d, self.config.thread), Ok)
            }
            View::Record { record, page, .. } => {
                record_card(d, s, c, record, page)?.map_or_else(|| missing(d, "the record"), Ok)
            }
            View::Timeline { entry, page } => {
                let drawn = match c.timeline().nth(entry) {
                    Some((r, _)) => timeline_entry(d, s, c, r, page)?,
                    None => None,
                };
                drawn.map_or_else(|| missing(d, "no timeline"), Ok)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_seed_is_the_days_since_1970() {
        // The seed the semihosting firmware uses for 2025-01-22.
        assert_eq!(Config::DEMO.seed(), 20110);
        let day = |y, m, d| days_since_epoch(Date::new(y, m, d).unwrap());
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(day(2000, 3, 1), 11_017);
        assert_eq!(day(2024, 2, 29) + 1, day(2024, 3, 1));
        assert_eq!(day(1969, 12, 31), 0);
    }

    #[test]
    fn button_names_round_trip() {
        for b in Button::ALL {
            assert_eq!(Button::from_name(b.name()), Some(b));
        }
        assert_eq!(Button::from_name("left"), None);
    }
}
