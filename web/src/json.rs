//! A minimal JSON writer: every response the page gets is one JSON text.
//!
//! The responses are small and their shape is fixed, so a writer that puts
//! commas in the right places and escapes strings is all that is needed; it
//! keeps the module free of a serializer and of `core::fmt` on the hot path
//! (numbers are written by hand). Nesting goes through closures, so an
//! object or array is always closed.

/// Builds one JSON text.
#[derive(Debug, Default)]
pub struct Json {
    out: String,
    /// Whether the next value or key needs a comma before it.
    comma: bool,
}

impl Json {
    /// An empty writer.
    pub fn new() -> Json {
        Json::default()
    }

    /// The JSON text written so far.
    pub fn finish(self) -> String {
        self.out
    }

    fn sep(&mut self) {
        if self.comma {
            self.out.push(',');
        }
    }

    /// Writes an object whose members `body` writes.
    pub fn obj(&mut self, body: impl FnOnce(&mut Json)) -> &mut Json {
        self.nested('{', body, '}')
    }

    /// Writes an array whose items `body` writes.
    pub fn arr(&mut self, body: impl FnOnce(&mut Json)) -> &mut Json {
        self.nested('[', body, ']')
    }

    /// Writes a member's key; the next call writes its value.
    pub fn key(&mut self, k: &str) -> &mut Json {
        self.sep();
        self.escaped(k);
        self.out.push(':');
        self.comma = false;
        self
    }

    /// Writes a string value.
    pub fn str(&mut self, s: &str) -> &mut Json {
        self.value(|w| w.escaped(s))
    }

    /// Writes an unsigned number.
    pub fn uint(&mut self, v: u64) -> &mut Json {
        self.value(|w| push_u64(&mut w.out, v))
    }

    /// Writes a signed integer as a string: figures go up to `i64`, beyond
    /// what a JavaScript number holds exactly.
    pub fn int_str(&mut self, v: i64) -> &mut Json {
        self.value(|w| {
            w.out.push('"');
            if v < 0 {
                w.out.push('-');
            }
            push_u64(&mut w.out, v.unsigned_abs());
            w.out.push('"');
        })
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, v: bool) -> &mut Json {
        self.value(|w| w.out.push_str(if v { "true" } else { "false" }))
    }

    /// Writes `null`.
    pub fn null(&mut self) -> &mut Json {
        self.value(|w| w.out.push_str("null"))
    }

    /// Writes one value, as `write` writes it, with the comma before it
    /// that it needs; whatever comes next needs one.
    fn value(&mut self, write: impl FnOnce(&mut Json)) -> &mut Json {
        self.sep();
        write(self);
        self.comma = true;
        self
    }

    /// Writes `open`, what `body` writes (its first item without a comma),
    /// then `close`, as one value.
    fn nested(&mut self, open: char, body: impl FnOnce(&mut Json), close: char) -> &mut Json {
        self.value(|w| {
            w.out.push(open);
            w.comma = false;
            body(w);
            w.out.push(close);
        })
    }

    /// Writes `text` as an array of strings that alternate between plain and
    /// marked, starting with plain (possibly empty): `["put ", "America",
    /// " first"]`. `ranges` are sorted, disjoint byte ranges of `text` on
    /// character boundaries (as [`crate::highlight::ranges`] returns); any
    /// other range is skipped rather than trusted.
    pub fn marked(&mut self, text: &str, ranges: &[(usize, usize)]) -> &mut Json {
        self.arr(|w| {
            let mut at = 0;
            for &(s, e) in ranges {
                let (Some(plain), Some(mark)) = (text.get(at..s), text.get(s..e)) else {
                    continue;
                };
                if mark.is_empty() {
                    continue;
                }
                w.str(plain).str(mark);
                at = e;
            }
            w.str(text.get(at..).unwrap_or(""));
        })
    }

    fn escaped(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        let mut plain = 0;
        for (i, b) in s.bytes().enumerate() {
            let esc = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(s.get(plain..i).unwrap_or(""));
            if esc.is_empty() {
                self.out.push_str("\\u00");
                self.out.push(HEX[usize::from(b >> 4)] as char);
                self.out.push(HEX[usize::from(b & 0xf)] as char);
            } else {
                self.out.push_str(esc);
            }
            plain = i + 1;
        }
        self.out.push_str(s.get(plain..).unwrap_or(""));
        self.out.push('"');
    }
}

/// Appends the decimal digits of `v`.
fn push_u64(out: &mut String, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || i == 0 {
            break;
        }
    }
    for &d in buf.get(i..).unwrap_or(&[]) {
        out.push(d as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_puts_commas_between_members_and_items_only() {
        let mut w = Json::new();
        w.obj(|w| {
            w.key("a").uint(0);
            w.key("b").arr(|w| {
                w.uint(1).bool(true).null();
                w.obj(|_| {});
            });
            w.key("c").int_str(-9_223_372_036_854_775_808);
            w.key("d").uint(u64::MAX);
        });
        assert_eq!(
            w.finish(),
            r#"{"a":0,"b":[1,true,null,{}],"c":"-9223372036854775808","d":18446744073709551615}"#
        );
    }

    #[test]
    fn strings_escape_quotes_backslashes_and_control_bytes_only() {
        let mut w = Json::new();
        w.str("“q” \"a\\b\"\n\t\u{1}\u{1f} é");
        assert_eq!(w.finish(), r#""“q” \"a\\b\"\n\t\u0001\u001f é""#);
    }

    #[test]
    fn marked_alternates_plain_and_marked_and_skips_bad_ranges() {
        let mut w = Json::new();
        w.marked("put America first", &[(4, 11)]);
        assert_eq!(w.finish(), r#"["put ","America"," first"]"#);
        let mut w = Json::new();
        // Overlapping, empty, out-of-range and mid-character ranges are dropped.
        w.marked("née x", &[(0, 1), (0, 3), (1, 1), (2, 3), (5, 6), (6, 99)]);
        assert_eq!(w.finish(), r#"["","n","ée ","x",""]"#);
    }
}
