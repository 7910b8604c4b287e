//! feudfacts records drawn with embedded-graphics on small monochrome
//! displays: a quote card, a timeline entry and a page of search results,
//! each paginated when its text does not fit.
//!
//! Why: the built-in mono fonts draw only Latin-1 and show anything else as
//! `?`, and small screens fit a few words per line. Every string therefore
//! goes through [`feudfacts::translit`] (Latin-1) into a fixed buffer, then
//! [`feudfacts::wrap`] to the screen's columns, so the typographic quotes,
//! dashes and the flag emoji of the corpus reach the screen readable. The
//! crate is `no_std` and allocation-free, like the library, so the same code
//! draws on an SSD1306 driver or, on the host, the embedded-graphics
//! simulator (see `examples/render.rs` and the golden-image tests).
//!
//! Layout: an inverted header row (speaker, date, query), body rows of
//! wrapped text, and a footer row with the page number when there are more.
//! Lists (search results, a reply thread, a menu) draw one item per row, the
//! selected one inverted. [`app`] moves between these scenes with buttons: the
//! same code runs in the firmwares and in the host's golden-image tests;
//! [`buttons`] makes the four buttons it needs of two.

#![no_std]
#![deny(missing_docs)]

pub mod app;
pub mod buttons;

use embedded_graphics::{
    mono_font::{iso_8859_1, MonoFont, MonoTextStyle, MonoTextStyleBuilder},
    pixelcolor::BinaryColor,
    prelude::*,
    primitives::{PrimitiveStyle, Rectangle},
    text::{Baseline, Text},
};
use feudfacts::{
    translit_into, wrap, write_line, Charset, Corpus, Filter, Hit, Kind, Record, RecordRef,
};

/// Bytes of transliterated text a card can hold; longer text is cut, and
/// [`Page::truncated`] says so. Over twice the longest string in the corpus.
pub const TEXT_BUF: usize = 1024;
/// Bytes of a header, footer or result row (wider than any screen).
const ROW_BUF: usize = 128;
/// The most search results a results page can paginate over.
pub const MAX_RESULTS: usize = 32;

/// A display geometry and the font drawn on it.
#[derive(Clone, Copy)]
pub struct Screen {
    /// Pixels.
    pub size: Size,
    /// A Latin-1 mono font.
    pub font: &'static MonoFont<'static>,
}

impl Screen {
    /// 128×64 monochrome OLED (SSD1306 class), 6×10 font: 21×6 characters.
    pub const OLED_128X64: Screen = Screen {
        size: Size::new(128, 64),
        font: &iso_8859_1::FONT_6X10,
    };
    /// 296×128 e-paper (2.9-inch class), 7×13 font: 42×9 characters.
    pub const EPAPER_296X128: Screen = Screen {
        size: Size::new(296, 128),
        font: &iso_8859_1::FONT_7X13,
    };

    /// Characters per row.
    pub fn cols(&self) -> usize {
        let cw = self.font.character_size.width + self.font.character_spacing;
        (self.size.width / cw.max(1)) as usize
    }

    /// Rows of text.
    pub fn rows(&self) -> usize {
        (self.size.height / self.font.character_size.height.max(1)) as usize
    }

    /// Rows between the header and the footer.
    pub fn body_rows(&self) -> usize {
        self.rows().saturating_sub(2).max(1)
    }

    /// Whether the font has a glyph of its own for `c` (not the `?`
    /// replacement drawn for characters outside its charset).
    pub fn font_has(&self, c: char) -> bool {
        let m = self.font.glyph_mapping;
        c == '?' || m.index(c) != m.index('?')
    }
}

/// What was drawn: which page of how many, and whether anything went wrong
/// with the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// The page drawn (0-based; a page past the end draws the last one).
    pub page: usize,
    /// How many pages the record needs.
    pub pages: usize,
    /// Characters drawn that the font has no glyph for (drawn as `?`).
    /// Always 0 for text that went through the transliteration.
    pub missing_glyphs: usize,
    /// Whether the text was longer than [`TEXT_BUF`] and was cut.
    pub truncated: bool,
}

/// A fixed text buffer filled with transliterated (Latin-1) text.
struct Buf<const N: usize> {
    bytes: [u8; N],
    len: usize,
    truncated: bool,
}

impl<const N: usize> Buf<N> {
    fn new() -> Buf<N> {
        Buf {
            bytes: [0; N],
            len: 0,
            truncated: false,
        }
    }

    /// Appends the Latin-1 transliteration of `s`.
    fn push(&mut self, s: &str) -> &mut Buf<N> {
        let rest = &mut self.bytes[self.len..];
        let needed = translit_into(s, Charset::Latin1, rest);
        if needed > rest.len() {
            self.truncated = true;
            // translit_into wrote whole characters only: find where they end.
            let mut n = rest.len();
            while n > 0 && core::str::from_utf8(&rest[..n]).is_err() {
                n -= 1;
            }
            self.len += n;
        } else {
            self.len += needed;
        }
        self
    }

    fn as_str(&self) -> &str {
        // Only whole UTF-8 characters are ever appended.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

/// Draws text rows on one screen and counts glyphs the font lacks.
struct Painter<'d, D> {
    d: &'d mut D,
    screen: Screen,
    missing: usize,
}

impl<D: DrawTarget<Color = BinaryColor>> Painter<'_, D> {
    /// What was drawn: page `page` of `pages`, with the glyphs counted so far.
    fn page(&self, page: usize, pages: usize, truncated: bool) -> Page {
        Page {
            page,
            pages,
            missing_glyphs: self.missing,
            truncated,
        }
    }

    fn row_top(&self, row: usize) -> i32 {
        (row as u32 * self.screen.font.character_size.height) as i32
    }

    /// `s` at column `col` of `row`, cut to the screen's width.
    fn text(&mut self, row: usize, col: usize, s: &str, inverted: bool) -> Result<(), D::Error> {
        let room = self.screen.cols().saturating_sub(col);
        let end = s.char_indices().nth(room).map_or(s.len(), |(i, _)| i);
        let s = &s[..end];
        self.missing += s.chars().filter(|&c| !self.screen.font_has(c)).count();
        let style: MonoTextStyle<'_, BinaryColor> = if inverted {
            MonoTextStyleBuilder::new()
                .font(self.screen.font)
                .text_color(BinaryColor::Off)
                .background_color(BinaryColor::On)
                .build()
        } else {
            MonoTextStyle::new(self.screen.font, BinaryColor::On)
        };
        let cw = self.screen.font.character_size.width + self.screen.font.character_spacing;
        let x = (col as u32 * cw) as i32;
        Text::with_baseline(s, Point::new(x, self.row_top(row)), style, Baseline::Top)
            .draw(self.d)?;
        Ok(())
    }

    /// An inverted bar across `row`, with `left` and `right` texts on it.
    fn bar(&mut self, row: usize, left: &str, right: &str) -> Result<(), D::Error> {
        let h = self.screen.font.character_size.height;
        Rectangle::new(
            Point::new(0, self.row_top(row)),
            Size::new(self.screen.size.width, h),
        )
        .into_styled(PrimitiveStyle::with_fill(BinaryColor::On))
        .draw(self.d)?;
        let right_len = right.chars().count();
        let cols = self.screen.cols();
        // Keep a space between the two; the left one gives way.
        let left_room = cols.saturating_sub(right_len + usize::from(right_len > 0));
        let end = left
            .char_indices()
            .nth(left_room)
            .map_or(left.len(), |(i, _)| i);
        self.text(row, 0, &left[..end], true)?;
        self.text(row, cols.saturating_sub(right_len), right, true)
    }

    /// Rows `page * body .. (page + 1) * body` of `text` wrapped to the
    /// screen, drawn from row 1; returns (page drawn, pages).
    fn body(&mut self, text: &str, page: usize) -> Result<(usize, usize), D::Error> {
        let cols = self.screen.cols();
        let body = self.screen.body_rows();
        let lines = wrap(text, cols).count();
        let pages = lines.div_ceil(body).max(1);
        let page = page.min(pages - 1);
        for (i, line) in wrap(text, cols).skip(page * body).take(body).enumerate() {
            self.text(1 + i, 0, line, false)?;
        }
        Ok((page, pages))
    }

    /// A page of a list of `count` items from row 1, one item a row:
    /// `item(i, row)` fills the text of item `i`, and the selected item is
    /// drawn on an inverted bar. The page shown is the selected item's, else
    /// `view.page` (clamped). Returns (page drawn, pages, first item shown,
    /// items shown).
    fn list(
        &mut self,
        count: usize,
        view: ListView,
        mut item: impl FnMut(usize, &mut Buf<ROW_BUF>),
    ) -> Result<(usize, usize, usize, usize), D::Error> {
        let per_page = self.screen.body_rows();
        let pages = count.div_ceil(per_page).max(1);
        let selected = view.selected.filter(|&s| s < count);
        let page = selected.map_or(view.page, |s| s / per_page).min(pages - 1);
        let first = page * per_page;
        let shown = count.saturating_sub(first).min(per_page);
        for i in 0..shown {
            let mut line = Buf::<ROW_BUF>::new();
            item(first + i, &mut line);
            // A row is one line: a line break in the text becomes a space.
            for b in &mut line.bytes[..line.len] {
                if *b == b'\n' {
                    *b = b' ';
                }
            }
            if selected == Some(first + i) {
                self.bar(1 + i, line.as_str(), "")?;
            } else {
                self.text(1 + i, 0, line.as_str(), false)?;
            }
        }
        Ok((page, pages, first, shown))
    }

    /// A list's footer: the range shown (`1-4 of 8`), or `empty` when
    /// there is nothing, and the page number.
    fn list_footer(
        &mut self,
        (page, pages, first, shown): (usize, usize, usize, usize),
        total: usize,
        empty: &str,
    ) -> Result<(), D::Error> {
        let mut foot = Num::new();
        if shown > 0 {
            foot.push(first + 1)
                .push_str("-")
                .push(first + shown)
                .push_str(" of ")
                .push(total);
        } else {
            foot.push_str(empty);
        }
        self.footer(foot.as_str(), page, pages)
    }

    /// The footer: `left`, and `p/n` on the right when there is more than one page.
    fn footer(&mut self, left: &str, page: usize, pages: usize) -> Result<(), D::Error> {
        let row = self.screen.rows().saturating_sub(1);
        self.text(row, 0, left, false)?;
        if pages > 1 {
            let mut num = Num::new();
            num.push(page + 1).push_str("/").push(pages);
            let s = num.as_str();
            let col = self.screen.cols().saturating_sub(s.len());
            self.text(row, col, s, false)?;
        }
        Ok(())
    }
}

/// A small ASCII buffer for numbers and dates, without `core::fmt`.
struct Num {
    bytes: [u8; 40],
    len: usize,
}

impl Num {
    fn new() -> Num {
        Num {
            bytes: [0; 40],
            len: 0,
        }
    }

    fn push_str(&mut self, s: &str) -> &mut Num {
        for b in s.bytes().filter(u8::is_ascii) {
            if self.len < self.bytes.len() {
                self.bytes[self.len] = b;
                self.len += 1;
            }
        }
        self
    }

    fn push(&mut self, n: usize) -> &mut Num {
        let mut digits = [0u8; 20];
        self.push_str(decimal(n, &mut digits))
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

/// The decimal digits of `n`, written at the end of `buf`, without
/// `core::fmt` (which a firmware would otherwise link for this alone).
pub fn decimal(n: usize, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    core::str::from_utf8(&buf[i..]).unwrap_or("")
}

/// Clears `d` and starts drawing on it.
fn start<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
) -> Result<Painter<'_, D>, D::Error> {
    d.clear(BinaryColor::Off)?;
    Ok(Painter {
        d,
        screen,
        missing: 0,
    })
}

/// A card: `head` on the header bar, page `page` of `text` wrapped below,
/// and `foot` with the page number in the footer (none for `None`).
fn card<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
    head: &str,
    text: &str,
    foot: Option<&str>,
    page: usize,
    truncated: bool,
) -> Result<Page, D::Error> {
    let mut p = start(d, screen)?;
    p.bar(0, head, "")?;
    let (page, pages) = p.body(text, page)?;
    if let Some(foot) = foot {
        p.footer(foot, page, pages)?;
    }
    Ok(p.page(page, pages, truncated))
}

/// A quote card: the speaker on the header bar, the quote in quotation
/// marks wrapped below it, the date and medium in the footer; page `page`
/// of however many the text needs. `None` if there is no such quote.
pub fn quote_card<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
    corpus: &Corpus<'_>,
    quote: u32,
    page: usize,
) -> Result<Option<Page>, D::Error> {
    let Some(q) = corpus.quote(quote) else {
        return Ok(None);
    };
    let mut speaker = Buf::<ROW_BUF>::new();
    speaker.push(corpus.entity(q.speaker).map_or("", |e| e.name.as_str()));
    let mut text = Buf::<TEXT_BUF>::new();
    text.push("\"").push(q.text.as_str()).push("\"");
    let mut foot = Num::new();
    if let Some(dating) = q.dating {
        let mut iso = [0u8; 10];
        foot.push_str(dating.date.iso(&mut iso)).push_str(" ");
    }
    foot.push_str(q.medium.name());
    let truncated = speaker.truncated || text.truncated;
    let (head, text, foot) = (speaker.as_str(), text.as_str(), foot.as_str());
    card(d, screen, head, text, Some(foot), page, truncated).map(Some)
}

/// A timeline entry (an event or a dated quote): the date on the header
/// bar; an event's title and summary, or a quote's speaker and text, wrapped
/// below. `None` if there is no such record or it is of another kind.
pub fn timeline_entry<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
    corpus: &Corpus<'_>,
    r: RecordRef,
    page: usize,
) -> Result<Option<Page>, D::Error> {
    let mut text = Buf::<TEXT_BUF>::new();
    let (dating, kind) = match corpus.record(r) {
        Some(Record::Event(e)) => {
            text.push(e.title.as_str());
            if !e.summary.is_empty() {
                text.push("\n").push(e.summary.as_str());
            }
            (e.dating, "event")
        }
        Some(Record::Quote(q)) => {
            text.push(corpus.entity(q.speaker).map_or("", |e| e.name.as_str()));
            text.push(": \"").push(q.text.as_str()).push("\"");
            (q.dating, "quote")
        }
        _ => return Ok(None),
    };
    let mut head = Num::new();
    match dating {
        Some(dt) => {
            let mut iso = [0u8; 10];
            head.push_str(dt.date.iso(&mut iso));
            if dt.inferred {
                head.push_str(" (inferred)");
            }
        }
        None => {
            head.push_str("undated");
        }
    }
    let foot = sources_foot(corpus, r, kind);
    let truncated = text.truncated;
    let (head, text, foot) = (head.as_str(), text.as_str(), foot.as_str());
    card(d, screen, head, text, Some(foot), page, truncated).map(Some)
}

/// A card's footer: `kind` and how many sources record `r` cites
/// (`event, 3 src`).
fn sources_foot(corpus: &Corpus<'_>, r: RecordRef, kind: &str) -> Num {
    let mut foot = Num::new();
    foot.push_str(kind)
        .push_str(", ")
        .push(corpus.sources_of(r).count())
        .push_str(" src");
    foot
}

/// Why a results page was not drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchError<E> {
    /// The query was refused (empty, too long, too many terms).
    Query(feudfacts::Error),
    /// The display failed.
    Display(E),
}

/// Which page of a list is shown, and which item is selected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListView {
    /// The page drawn when no item is selected (0-based; past the end
    /// draws the last page).
    pub page: usize,
    /// The selected item (0-based over the whole list): drawn on an
    /// inverted bar, on its own page (which overrides `page`).
    pub selected: Option<usize>,
}

/// The mark of a closest match (a partial hit: best match found no
/// record with every word, or too few to fill the page): before its row,
/// and before the count of them on the header bar.
pub const CLOSEST: &str = "~";

/// A page of search results: the query and the match count on the header
/// bar, one result per row (the record's one-line rendering, cut to the
/// width), the range shown in the footer. Ranks the best
/// [`MAX_RESULTS`] matches: with best match (the filter's default mode)
/// the complete ones, then the closest, each of those marked [`CLOSEST`].
pub fn search_results<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
    corpus: &Corpus<'_>,
    query: &str,
    filter: &Filter,
    page: usize,
) -> Result<Page, SearchError<D::Error>> {
    let view = ListView {
        page,
        selected: None,
    };
    search_results_with(d, screen, corpus, query, filter, view)
}

/// [`search_results`] with a selected result: the page that holds it is
/// drawn, its row inverted (for browsing with buttons, see [`app`]).
pub fn search_results_with<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
    corpus: &Corpus<'_>,
    query: &str,
    filter: &Filter,
    view: ListView,
) -> Result<Page, SearchError<D::Error>> {
    let mut hits = [Hit::EMPTY; MAX_RESULTS];
    let summary = corpus
        .search_str(query, filter, &mut hits)
        .map_err(SearchError::Query)?;
    let mut q = Buf::<ROW_BUF>::new();
    q.push(query);
    // The header: the query and how many records have every word; when
    // closest matches follow them (best match), `~N` counts those, and
    // alone (`~5`) it says that no record has every word.
    let mut count = Num::new();
    if summary.total > 0 || summary.partial == 0 {
        count.push(summary.total);
    }
    if summary.partial > 0 {
        if summary.total > 0 {
            count.push_str(" ");
        }
        count.push_str(CLOSEST).push(summary.partial);
    }
    let mut p = start(d, screen).map_err(SearchError::Display)?;
    p.bar(0, q.as_str(), count.as_str())
        .map_err(SearchError::Display)?;
    let shown = p
        .list(summary.returned, view, |i, line| {
            if let Some(h) = hits.get(i) {
                if !h.complete {
                    line.push(CLOSEST);
                }
                record_row(corpus, h.record, line);
            }
        })
        .map_err(SearchError::Display)?;
    // Complete and closest matches are one list: the footer counts both
    // (past MAX_RESULTS complete ones, there are no closest).
    p.list_footer(shown, summary.total + summary.partial, "no match")
        .map_err(SearchError::Display)?;
    Ok(p.page(shown.0, shown.1, q.truncated))
}

/// One row of a list: the record's kind mark and the start of its one-line
/// rendering (only what fits the width is drawn).
fn record_row(corpus: &Corpus<'_>, r: RecordRef, line: &mut Buf<ROW_BUF>) {
    let mut raw = [0u8; ROW_BUF];
    let needed = write_line(corpus, r, &mut raw).unwrap_or(0);
    let mut n = needed.min(raw.len());
    while n > 0 && core::str::from_utf8(&raw[..n]).is_err() {
        n -= 1;
    }
    line.push(kind_mark(r.kind))
        .push(" ")
        .push(core::str::from_utf8(&raw[..n]).unwrap_or(""));
}

/// The reply thread of a quote as a list: its root and every reply, depth
/// first, each row the speaker and the quote, replies indented one column
/// per level. `None` if there is no such quote.
pub fn thread_list<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
    corpus: &Corpus<'_>,
    quote: u32,
    view: ListView,
) -> Result<Option<Page>, D::Error> {
    if corpus.quote(quote).is_none() {
        return Ok(None);
    }
    let count = corpus.thread(quote).count();
    let mut n = Num::new();
    n.push(count);
    let mut p = start(d, screen)?;
    p.bar(0, "reply thread", n.as_str())?;
    // Each row: the speaker and the start of the quote (the thread's date
    // and kind go without saying).
    let shown = p.list(count, view, |i, line| {
        let Some((q, depth)) = corpus.thread(quote).nth(i) else {
            return;
        };
        let Some(q) = corpus.quote(q) else { return };
        for _ in 0..depth {
            line.push(" ");
        }
        line.push(corpus.entity(q.speaker).map_or("?", |e| e.name.as_str()))
            .push(": ")
            .push(q.text.as_str());
    })?;
    p.list_footer(shown, count, "no quote")?;
    Ok(Some(p.page(shown.0, shown.1, false)))
}

/// A menu: `title` on the header bar, one item a row (each the
/// concatenation of its two parts, e.g. a label and a value), `footer`
/// below.
pub fn menu<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
    title: &str,
    items: &[[&str; 2]],
    footer: &str,
    view: ListView,
) -> Result<Page, D::Error> {
    let mut head = Buf::<ROW_BUF>::new();
    head.push(title);
    let mut foot = Buf::<ROW_BUF>::new();
    foot.push(footer);
    let mut p = start(d, screen)?;
    p.bar(0, head.as_str(), "")?;
    let mut truncated = head.truncated || foot.truncated;
    let (page, pages, ..) = p.list(items.len(), view, |i, line| {
        let [a, b] = items[i];
        line.push(a).push(b);
        truncated |= line.truncated;
    })?;
    p.footer(foot.as_str(), page, pages)?;
    Ok(p.page(page, pages, truncated))
}

/// Any record on a card: a quote as [`quote_card`], an event as
/// [`timeline_entry`], the other kinds with their name or title on the
/// header bar and their text below. `None` if there is no such record.
pub fn record_card<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
    corpus: &Corpus<'_>,
    r: RecordRef,
    page: usize,
) -> Result<Option<Page>, D::Error> {
    let mut head = Buf::<ROW_BUF>::new();
    let mut text = Buf::<TEXT_BUF>::new();
    match corpus.record(r) {
        None => return Ok(None),
        Some(Record::Quote(_)) => return quote_card(d, screen, corpus, r.index, page),
        Some(Record::Event(_)) => return timeline_entry(d, screen, corpus, r, page),
        Some(Record::Entity(e)) => {
            head.push(e.name.as_str());
            text.push(e.kind.name());
            for (i, role) in e.roles.iter().enumerate() {
                text.push(if i == 0 { ": " } else { "; " })
                    .push(role.as_str());
            }
            for (i, alias) in e.aliases.iter().enumerate() {
                text.push(if i == 0 { "\nalso " } else { ", " })
                    .push(alias.as_str());
            }
        }
        Some(Record::Figure(f)) => {
            head.push("figure");
            for p in f.phrasings.iter() {
                text.push("\"").push(p.text.as_str()).push("\"\n");
            }
            text.push(f.refers_to.as_str());
        }
        Some(Record::Discrepancy(x)) => {
            head.push("discrepancy");
            text.push(x.title.as_str())
                .push("\n")
                .push(x.description.as_str());
        }
        Some(Record::Source(s)) => {
            head.push(if s.outlet.is_empty() {
                "source"
            } else {
                s.outlet.as_str()
            });
            text.push(s.headline.as_str())
                .push("\n")
                .push(s.key.as_str());
        }
    }
    let foot = sources_foot(corpus, r, r.kind.name());
    let truncated = head.truncated || text.truncated;
    let (head, text, foot) = (head.as_str(), text.as_str(), foot.as_str());
    card(d, screen, head, text, Some(foot), page, truncated).map(Some)
}

/// A message card (`title` on the bar, `text` wrapped below), for what a
/// device shows instead of a scene it cannot draw.
pub fn message<D: DrawTarget<Color = BinaryColor>>(
    d: &mut D,
    screen: Screen,
    title: &str,
    text: &str,
) -> Result<Page, D::Error> {
    let mut head = Buf::<ROW_BUF>::new();
    head.push(title);
    let mut body = Buf::<TEXT_BUF>::new();
    body.push(text);
    let truncated = head.truncated || body.truncated;
    card(d, screen, head.as_str(), body.as_str(), None, 0, truncated)
}

/// A one-character mark of a record's kind at the start of a result row.
fn kind_mark(kind: Kind) -> &'static str {
    match kind {
        Kind::Quote => "\u{bb}", // »
        Kind::Event => "\u{b7}", // ·
        Kind::Entity => "@",
        Kind::Figure => "$",
        Kind::Discrepancy => "!",
        Kind::Source => "\u{a7}", // §
    }
}
