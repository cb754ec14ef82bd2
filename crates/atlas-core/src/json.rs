//! A small JSON reader, for the bundle: its primitives (strings, numbers, punctuation, errors)
//! are what [`crate::decode`] reads the bundle with at every start of the app, and it is a
//! serde `Deserializer` for any other type (and the reference `decode` is tested against).
//!
//! serde_json compiles its whole parser into every `Deserialize` impl that reads a list or
//! an object (its `deserialize_seq`/`deserialize_struct` copies were ≈ 50 KB of the app's
//! wasm, measured with twiggy). Here the work is in a few plain functions (whitespace,
//! strings, numbers, punctuation) and what each type instantiates is a short dispatch on
//! the next byte, so the types' own field matching is most of what remains.
//!
//! It reads JSON (RFC 8259) and nothing else; it does not recurse on its own (a value's
//! nesting is the types' nesting, and [`crate::load`] refuses deep input before parsing).
//! Errors carry the byte offset where reading stopped, like serde_json's line and column,
//! and say what is wrong in serde_json's words for the same faults, so a diagnosis reads
//! the same whichever parser gave it; type errors (`invalid type: string "x", expected
//! f64`, `missing field`, `unknown field`) are serde's own.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

/// What kind of fault an [`Error`] is, as serde_json's `Category`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// The input ended inside a value.
    Eof,
    /// Not JSON.
    Syntax,
    /// JSON, but not of the expected shape.
    Data,
}

/// A fault and where reading stopped.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub message: String,
    pub category: Category,
    /// Byte offset in the input; the error's own byte for syntax errors.
    pub at: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            category: Category::Data,
            // Set where the error leaves the reader (`from_str`).
            at: usize::MAX,
        }
    }

    // serde's own wording, but a float written by `float::shortest`: serde's `Display` of
    // `Unexpected` would bring the standard library's float formatting into the wasm.
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "invalid type: {}, expected {expected}",
            Shown(unexpected)
        ))
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "invalid value: {}, expected {expected}",
            Shown(unexpected)
        ))
    }
}

/// An unexpected value in the words of serde's `Display` of [`de::Unexpected`].
struct Shown<'a>(de::Unexpected<'a>);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use de::Unexpected::*;
        match self.0 {
            Bool(b) => write!(f, "boolean `{b}`"),
            Unsigned(i) => write!(f, "integer `{i}`"),
            Signed(i) => write!(f, "integer `{i}`"),
            Float(v) => {
                let text = crate::float::shortest(v);
                let point = if v.is_finite() && !text.contains('.') {
                    ".0"
                } else {
                    ""
                };
                write!(f, "floating point `{text}{point}`")
            }
            Char(c) => write!(f, "character `{c}`"),
            Str(s) => {
                f.write_str("string \"")?;
                write_escaped(f, s)?;
                f.write_str("\"")
            }
            Bytes(_) => f.write_str("byte array"),
            Unit => f.write_str("unit value"),
            Option => f.write_str("Option value"),
            NewtypeStruct => f.write_str("newtype struct"),
            Seq => f.write_str("sequence"),
            Map => f.write_str("map"),
            Enum => f.write_str("enum"),
            UnitVariant => f.write_str("unit variant"),
            NewtypeVariant => f.write_str("newtype variant"),
            TupleVariant => f.write_str("tuple variant"),
            StructVariant => f.write_str("struct variant"),
            Other(other) => f.write_str(other),
        }
    }
}

/// Parses `text` as a `T`, the whole text (whitespace aside).
pub fn from_str<'a, T: de::Deserialize<'a>>(text: &'a str) -> Result<T, Error> {
    read(text, |r| T::deserialize(r))
}

/// `value` read from the whole of `text` (whitespace aside), an error placed where reading
/// stopped if the value's reader did not place it.
pub(crate) fn read<'a, T>(
    text: &'a str,
    value: impl FnOnce(&mut Reader<'a>) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut r = Reader {
        src: text.as_bytes(),
        text,
        pos: 0,
    };
    let value = value(&mut r).and_then(|v| {
        r.skip_ws();
        if r.pos < r.src.len() {
            Err(r.syntax("trailing characters"))
        } else {
            Ok(v)
        }
    });
    value.map_err(|mut e| {
        if e.at == usize::MAX {
            e.at = r.pos;
        }
        e
    })
}

/// The reader: the input and how far it has read.
pub struct Reader<'a> {
    src: &'a [u8],
    text: &'a str,
    pub(crate) pos: usize,
}

/// The next value's first byte, classified.
enum Next {
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// A number as JSON wrote it.
pub(crate) enum Number {
    Unsigned(u64),
    Negative(i64),
    Float(f64),
}

impl<'a> Reader<'a> {
    fn syntax(&self, message: &str) -> Error {
        self.error_at(message, Category::Syntax, self.pos)
    }

    fn eof(&self, what: &str) -> Error {
        self.error_at(
            &format!("EOF while parsing {what}"),
            Category::Eof,
            self.src.len(),
        )
    }

    #[inline(never)]
    fn error_at(&self, message: &str, category: Category, at: usize) -> Error {
        Error {
            message: message.to_string(),
            category,
            at,
        }
    }

    #[inline(never)]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.src.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next non-blank byte, not consumed.
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.src.get(self.pos).copied()
    }

    /// What the next value is; `EOF while parsing a value` or `expected value` if none.
    #[inline(never)]
    fn next_value(&mut self) -> Result<Next, Error> {
        Ok(match self.peek() {
            None => return Err(self.eof("a value")),
            Some(b'{') => Next::Object,
            Some(b'[') => Next::Array,
            Some(b'"') => Next::String,
            Some(b'-' | b'0'..=b'9') => Next::Number,
            Some(b't') => Next::True,
            Some(b'f') => Next::False,
            Some(b'n') => Next::Null,
            Some(_) => return Err(self.syntax("expected value")),
        })
    }

    /// Consumes the literal `word` (true, false, null) at the current position.
    #[inline(never)]
    pub(crate) fn literal(&mut self, word: &str) -> Result<(), Error> {
        let end = self.pos + word.len();
        match self.src.get(self.pos..end) {
            Some(w) if w == word.as_bytes() => {
                self.pos = end;
                Ok(())
            }
            _ => {
                // serde_json points at the first byte that differs ("expected ident").
                let same = self.src[self.pos..]
                    .iter()
                    .zip(word.as_bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                self.pos += same;
                if self.pos >= self.src.len() {
                    Err(self.eof("a value"))
                } else {
                    Err(self.syntax("expected ident"))
                }
            }
        }
    }

    /// A string at the current position (its opening quote next), borrowed when it has no
    /// escape.
    #[inline(never)]
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.pos += 1; // the opening quote
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            self.skip_plain();
            let Some(&b) = self.src.get(self.pos) else {
                return Err(self.eof("a string"));
            };
            match b {
                b'"' => {
                    let tail = &self.text[run..self.pos];
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    self.escape(s)?;
                    run = self.pos;
                }
                0x00..=0x1F => {
                    return Err(self.syntax(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ))
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Moves past string bytes that need no look (not a quote, a backslash or a control
    /// character), eight at a time: text is most of a bundle.
    fn skip_plain(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        while let Some(chunk) = self.src.get(self.pos..self.pos + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let quote = w ^ (ONES * u64::from(b'"'));
            let backslash = w ^ (ONES * u64::from(b'\\'));
            // A zero byte of `quote` or `backslash`, or a byte of `w` under 0x20.
            let found = (quote.wrapping_sub(ONES) & !quote)
                | (backslash.wrapping_sub(ONES) & !backslash)
                | (w.wrapping_sub(ONES * 0x20) & !w);
            if found & HIGH != 0 {
                break;
            }
            self.pos += 8;
        }
    }

    /// One escape after its backslash, appended to `out`.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let Some(&b) = self.src.get(self.pos) else {
            return Err(self.eof("a string"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xD800..=0xDBFF => {
                        if self.src.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.syntax("unexpected end of hex escape"));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.syntax("lone leading surrogate in hex escape"));
                        }
                        let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        char::from_u32(c).expect("a surrogate pair is a scalar value")
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.syntax("lone leading surrogate in hex escape"))
                    }
                    c => char::from_u32(c).expect("not a surrogate"),
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.syntax("invalid escape"));
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut v = 0;
        for _ in 0..4 {
            let Some(&b) = self.src.get(self.pos) else {
                return Err(self.eof("a string"));
            };
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.syntax("invalid escape")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    /// A number at the current position, checked against JSON's grammar.
    #[inline(never)]
    pub(crate) fn number(&mut self) -> Result<Number, Error> {
        let start = self.pos;
        let negative = self.src[self.pos] == b'-';
        if negative {
            self.pos += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.pos;
            while let Some(b'0'..=b'9') = r.src.get(r.pos) {
                r.pos += 1;
            }
            r.pos - from
        };
        let int_start = self.pos;
        let int_digits = digits(self);
        if int_digits == 0 {
            return Err(if self.pos >= self.src.len() {
                self.eof("a value")
            } else {
                self.syntax("invalid number")
            });
        }
        if int_digits > 1 && self.src[int_start] == b'0' {
            self.pos = int_start + 1;
            return Err(self.syntax("invalid number"));
        }
        let mut float = false;
        if self.src.get(self.pos) == Some(&b'.') {
            float = true;
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.number_end_error());
            }
        }
        if let Some(b'e' | b'E') = self.src.get(self.pos) {
            float = true;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.src.get(self.pos) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.number_end_error());
            }
        }
        let text = &self.text[start..self.pos];
        if !float {
            if negative {
                if let Ok(v) = text.parse::<i64>() {
                    return Ok(Number::Negative(v));
                }
            } else if let Ok(v) = text.parse::<u64>() {
                return Ok(Number::Unsigned(v));
            }
        }
        match crate::float::parse(text) {
            Some(v) if v.is_finite() => Ok(Number::Float(v)),
            _ => Err(self.error_at("number out of range", Category::Syntax, start)),
        }
    }

    fn number_end_error(&self) -> Error {
        if self.pos >= self.src.len() {
            self.eof("a value")
        } else {
            self.syntax("invalid number")
        }
    }

    /// After an element or a member: `,` (and `Ok(true)`: another follows) or the closing
    /// `close` (not consumed: `Ok(false)`).
    #[inline(never)]
    pub(crate) fn more(&mut self, first: bool, close: u8, what: &str) -> Result<bool, Error> {
        match self.peek() {
            None => Err(self.eof(what)),
            Some(b) if b == close => Ok(false),
            Some(b',') if !first => {
                self.pos += 1;
                match self.peek() {
                    Some(b) if b == close => Err(self.syntax("trailing comma")),
                    None => Err(self.eof("a value")),
                    _ => Ok(true),
                }
            }
            Some(_) if first => Ok(true),
            Some(_) => Err(self.syntax(if close == b']' {
                "expected `,` or `]`"
            } else {
                "expected `,` or `}`"
            })),
        }
    }

    /// The `:` after a key.
    #[inline(never)]
    pub(crate) fn colon(&mut self) -> Result<(), Error> {
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            None => Err(self.eof("an object")),
            Some(_) => Err(self.syntax("expected `:`")),
        }
    }

    /// The closing byte `close` of a list or an object, after its visitor.
    #[inline(never)]
    fn close(&mut self, close: u8, what: &str) -> Result<(), Error> {
        match self.peek() {
            Some(b) if b == close => {
                self.pos += 1;
                Ok(())
            }
            None => Err(self.eof(what)),
            Some(_) => Err(self.syntax(if close == b']' {
                "trailing characters"
            } else {
                "expected `,` or `}`"
            })),
        }
    }

    /// Whether the next value starts with `open` (an error at the end of the input).
    pub(crate) fn next_is(&mut self, open: u8) -> Result<bool, Error> {
        match self.peek() {
            None => Err(self.eof("a value")),
            Some(b) => Ok(b == open),
        }
    }

    pub(crate) fn next_is_number(&mut self) -> Result<bool, Error> {
        match self.peek() {
            None => Err(self.eof("a value")),
            Some(b) => Ok(b == b'-' || b.is_ascii_digit()),
        }
    }

    /// The next value is not of the kind `expected` wants: serde's "invalid type" error,
    /// naming what it is (a scalar is read for that, as serde_json does), or the syntax
    /// error if it is not a value at all.
    #[inline(never)]
    pub(crate) fn refuse(&mut self, expected: &dyn de::Expected) -> Error {
        self.refusal(expected).unwrap_or_else(|e| e)
    }

    /// [`Reader::refuse`]'s error, or the syntax error met while reading the value.
    fn refusal(&mut self, expected: &dyn de::Expected) -> Result<Error, Error> {
        use de::{Error as _, Unexpected};
        let text;
        let unexpected = match self.next_value()? {
            Next::Object => Unexpected::Map,
            Next::Array => Unexpected::Seq,
            Next::String => {
                text = self.string()?;
                Unexpected::Str(&text)
            }
            Next::Number => match self.number()? {
                Number::Unsigned(v) => Unexpected::Unsigned(v),
                Number::Negative(v) => Unexpected::Signed(v),
                Number::Float(v) => Unexpected::Float(v),
            },
            Next::True => {
                self.literal("true")?;
                Unexpected::Bool(true)
            }
            Next::False => {
                self.literal("false")?;
                Unexpected::Bool(false)
            }
            // serde says "unit value"; JSON calls it null, as serde_json does.
            Next::Null => {
                self.literal("null")?;
                Unexpected::Other("null")
            }
        };
        Ok(self.placed(Error::invalid_type(unexpected, expected)))
    }

    /// `e` placed where reading stopped, if its visitor made it (a type error has no place).
    pub(crate) fn placed(&self, mut e: Error) -> Error {
        if e.at == usize::MAX {
            e.at = self.pos;
        }
        e
    }

    /// A list's or an object's visitor is done: its closing byte `close` is read. When the
    /// visitor refused the value (a missing field), the place is after that byte if it comes
    /// next, as serde_json gives it: the object, not its last member, is what lacks the field.
    #[inline(never)]
    pub(crate) fn closed<T>(
        &mut self,
        value: Result<T, Error>,
        close: u8,
        what: &str,
    ) -> Result<T, Error> {
        match value {
            Ok(v) => {
                self.close(close, what)?;
                Ok(v)
            }
            Err(e) if e.at == usize::MAX => {
                if self.peek() == Some(close) {
                    self.pos += 1;
                }
                Err(self.placed(e))
            }
            Err(e) => Err(e),
        }
    }

    /// Skips one value of any kind (a field the type ignores), checking its grammar. No
    /// recursion: the lists and objects it is inside are a stack of their closing bytes.
    pub(crate) fn skip(&mut self) -> Result<(), Error> {
        let mut open: Vec<u8> = Vec::new();
        let mut first = false;
        loop {
            match self.next_value()? {
                Next::String => {
                    self.string()?;
                }
                Next::Number => {
                    self.number()?;
                }
                Next::True => self.literal("true")?,
                Next::False => self.literal("false")?,
                Next::Null => self.literal("null")?,
                Next::Array | Next::Object => {
                    open.push(if self.src[self.pos] == b'[' {
                        b']'
                    } else {
                        b'}'
                    });
                    self.pos += 1;
                    first = true;
                }
            }
            // The next value to read, past the lists and objects that end here.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                let what = if close == b']' { "a list" } else { "an object" };
                let another = self.more(first, close, what)?;
                first = false;
                if another {
                    if close == b'}' {
                        self.key()?;
                        self.colon()?;
                    }
                    break;
                }
                self.pos += 1; // `close`, which `more` found next
                open.pop();
            }
        }
    }

    /// An object's key.
    pub(crate) fn key(&mut self) -> Result<Cow<'a, str>, Error> {
        match self.peek() {
            Some(b'"') => self.string(),
            None => Err(self.eof("an object")),
            Some(_) => Err(self.syntax("key must be a string")),
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    /// The entry point that takes any value: the one for the value's own kind.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next_value()? {
            Next::Object => self.deserialize_map(visitor),
            Next::Array => self.deserialize_seq(visitor),
            Next::String => self.deserialize_str(visitor),
            Next::Number => self.deserialize_u64(visitor),
            Next::True | Next::False => self.deserialize_bool(visitor),
            Next::Null => {
                self.literal("null")?;
                visitor.visit_unit().map_err(|e| self.placed(e))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            visitor.visit_none().map_err(|e| self.placed(e))
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // The bundle's enums are unit variants, written as strings.
        match self.next_value()? {
            Next::String => match self.string()? {
                Cow::Borrowed(s) => {
                    visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(s))
                }
                Cow::Owned(s) => {
                    visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(s))
                }
            }
            .map_err(|e| self.placed(e)),
            _ => Err(self.refuse(&visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip()?;
        visitor.visit_unit().map_err(|e| self.placed(e))
    }

    // What the bundle's types ask for, each taking only the kind of value it can use, so that
    // a type's code holds its own visitor calls and no others (`deserialize_any` would call
    // every visitor method of every type, each a copy of serde's refusal).

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !self.next_is(b'{')? {
            return Err(self.refuse(&visitor));
        }
        self.pos += 1;
        let value = visitor.visit_map(Members {
            r: &mut *self,
            first: true,
        });
        self.closed(value, b'}', "an object")
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !self.next_is(b'[')? {
            return Err(self.refuse(&visitor));
        }
        self.pos += 1;
        let value = visitor.visit_seq(Elements {
            r: &mut *self,
            first: true,
        });
        self.closed(value, b']', "a list")
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !self.next_is(b'"')? {
            return Err(self.refuse(&visitor));
        }
        match self.string()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
        .map_err(|e| self.placed(e))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = match self.peek() {
            Some(b't') => self.literal("true").map(|()| true)?,
            Some(b'f') => self.literal("false").map(|()| false)?,
            _ => return Err(self.refuse(&visitor)),
        };
        visitor.visit_bool(value).map_err(|e| self.placed(e))
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !self.next_is_number()? {
            return Err(self.refuse(&visitor));
        }
        match self.number()? {
            Number::Unsigned(v) => visitor.visit_u64(v),
            Number::Negative(v) => visitor.visit_i64(v),
            Number::Float(v) => visitor.visit_f64(v),
        }
        .map_err(|e| self.placed(e))
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u128 f32 char bytes byte_buf
        unit unit_struct newtype_struct tuple tuple_struct
    }
}

/// A list's elements.
struct Elements<'r, 'de> {
    r: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !self.r.more(self.first, b']', "a list")? {
            return Ok(None);
        }
        self.first = false;
        seed.deserialize(&mut *self.r).map(Some)
    }
}

/// An object's members.
struct Members<'r, 'de> {
    r: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Members<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.r.more(self.first, b'}', "an object")? {
            return Ok(None);
        }
        self.first = false;
        let key = self.r.key()?;
        let value = match key {
            Cow::Borrowed(s) => seed.deserialize(IntoDeserializer::<Error>::into_deserializer(s)),
            Cow::Owned(s) => seed.deserialize(IntoDeserializer::<Error>::into_deserializer(s)),
        }
        .map_err(|e| self.r.placed(e))?;
        Ok(Some(value))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        self.r.colon()?;
        seed.deserialize(&mut *self.r)
    }
}

/// `s` escaped as `{:?}` escapes a string for the characters a data file may hold (a quote,
/// a backslash, a line break, a tab, NUL, another control character, and the invisible
/// marks that reorder or hide text: bidirectional controls, zero-width characters, the
/// byte-order mark), without `Debug`: the release wasm is built with its formatting off
/// (xtask/src/split.rs), and `escape_debug` brings the Unicode tables of what is printable
/// (2 KB of the first load). An apostrophe is kept as it is, as serde's wording has it.
pub(crate) fn write_escaped(f: &mut impl fmt::Write, s: &str) -> fmt::Result {
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\0' => f.write_str("\\0")?,
            '\u{61c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}' => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            c if c.is_control() => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            c => f.write_char(c)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn says_an_unexpected_value_in_serdes_words() {
        use de::Unexpected::*;
        for u in [
            Bool(true),
            Unsigned(7),
            Signed(-7),
            Float(1.0),
            Float(2.5),
            Float(-0.0),
            Float(1e300),
            Float(1e-7),
            Float(f64::INFINITY),
            Float(f64::NAN),
            Char('x'),
            Str("a \"b\" ج"),
            Bytes(b"x"),
            Unit,
            Option,
            NewtypeStruct,
            Seq,
            Map,
            Enum,
            UnitVariant,
            NewtypeVariant,
            TupleVariant,
            StructVariant,
            Other("null"),
        ] {
            assert_eq!(Shown(u).to_string(), u.to_string());
        }
    }

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct T {
        a: f64,
        #[serde(default)]
        b: Option<String>,
        #[serde(default)]
        c: Vec<u32>,
        #[serde(default)]
        k: Option<K>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum K {
        TookPlace,
        Held,
    }

    #[test]
    fn a_whole_text_of_the_wrong_kind_is_named() {
        for (json, message) in [
            ("null", "invalid type: null, expected struct T"),
            ("\"x\"", "invalid type: string \"x\", expected struct T"),
            // Escaped as `{:?}` escapes a string: a quote, a backslash, a control character;
            // an apostrophe as it is.
            (
                r#""it's \"x\" \\ \n \u0000 \u0001""#,
                r#"invalid type: string "it's \"x\" \\ \n \0 \u{1}", expected struct T"#,
            ),
            // A mark that would reorder the message's text is shown, not obeyed.
            (
                r#""a\u202eb""#,
                r#"invalid type: string "a\u{202e}b", expected struct T"#,
            ),
        ] {
            assert_eq!(err(json).message, message);
            let theirs = serde_json::from_str::<T>(json).unwrap_err().to_string();
            assert!(theirs.starts_with(message), "serde_json: {theirs}");
        }
        // serde_json reads a list as the struct's fields in order (and then names the first
        // that does not fit); a bundle is an object, and this reader says so.
        assert_eq!(
            err("[1,2,3]").message,
            "invalid type: sequence, expected struct T"
        );
    }

    fn err(json: &str) -> Error {
        from_str::<T>(json).expect_err(json)
    }

    #[test]
    fn reads_json_as_serde_json_does() {
        let cases = [
            r#"{"a":1}"#,
            r#" { "a" : -0.5e-3 , "b" : "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00y" } "#,
            r#"{"a":12345678901234567890,"c":[1,2, 3],"k":"took-place"}"#,
            r#"{"a":1,"b":null,"k":null}"#,
            r#"{"a":1,"b":"مراكش","c":[]}"#,
        ];
        for json in cases {
            let ours = from_str::<T>(json).unwrap();
            let theirs = serde_json::from_str::<T>(json).unwrap();
            assert_eq!(ours, theirs, "{json}");
        }
    }

    #[test]
    fn faults_are_named_in_serde_json_words_with_their_offset() {
        for (json, message, category, at) in [
            ("", "EOF while parsing a value", Category::Eof, 0),
            (r#"{"a":1"#, "EOF while parsing an object", Category::Eof, 6),
            (r#"{"a":"x"#, "EOF while parsing a string", Category::Eof, 7),
            ("hello", "expected value", Category::Syntax, 0),
            (r#"{"a":1}x"#, "trailing characters", Category::Syntax, 7),
            (r#"{"a":1,}"#, "trailing comma", Category::Syntax, 7),
            (
                r#"{"a":1 "b":"x"}"#,
                "expected `,` or `}`",
                Category::Syntax,
                7,
            ),
            (r#"{"a" 1}"#, "expected `:`", Category::Syntax, 5),
            (r#"{a:1}"#, "key must be a string", Category::Syntax, 1),
            (r#"{"a":01}"#, "invalid number", Category::Syntax, 6),
            (r#"{"a":1.}"#, "invalid number", Category::Syntax, 7),
            (r#"{"a":1e400}"#, "number out of range", Category::Syntax, 5),
            (r#"{"a":NaN}"#, "expected value", Category::Syntax, 5),
            (r#"{"a":tru}"#, "expected ident", Category::Syntax, 8),
            (
                r#"{"a":1,"b":"\q"}"#,
                "invalid escape",
                Category::Syntax,
                13,
            ),
            (
                r#"{"a":1,"c":[1 2]}"#,
                "expected `,` or `]`",
                Category::Syntax,
                14,
            ),
        ] {
            let e = err(json);
            assert_eq!(
                (e.message.as_str(), e.category, e.at),
                (message, category, at),
                "{json}"
            );
        }
        let e = err("{\"a\":1,\"b\":\"\u{1}\"}");
        assert!(e.message.starts_with("control character"), "{e}");
    }

    #[test]
    fn type_errors_are_serdes_own_where_reading_stopped() {
        for (json, message, at) in [
            (
                r#"{"a":"x"}"#,
                r#"invalid type: string "x", expected f64"#,
                8,
            ),
            (r#"{"b":"x"}"#, "missing field `a`", 9),
            (
                r#"{"a":1,"z":2}"#,
                "unknown field `z`, expected one of `a`, `b`, `c`, `k`",
                10,
            ),
            (
                r#"{"a":1,"c":[-1]}"#,
                "invalid value: integer `-1`, expected u32",
                14,
            ),
            (
                r#"{"a":1,"c":[1.5]}"#,
                "invalid type: floating point `1.5`, expected u32",
                15,
            ),
            (
                r#"{"a":1,"k":"gone"}"#,
                "unknown variant `gone`, expected `took-place` or `held`",
                17,
            ),
            (r#"{"a":1,"a":2}"#, "duplicate field `a`", 10),
            (r#"{"a":null}"#, "invalid type: null, expected f64", 9),
            (r#"{"a":{"b":1}}"#, "invalid type: map, expected f64", 5),
            (
                r#"{"a":1,"c":{}}"#,
                "invalid type: map, expected a sequence",
                11,
            ),
            (
                r#"{"a":1,"b":[]}"#,
                "invalid type: sequence, expected a string",
                11,
            ),
            (
                r#"{"a":true}"#,
                "invalid type: boolean `true`, expected f64",
                9,
            ),
        ] {
            let e = err(json);
            assert_eq!(e.category, Category::Data, "{json}");
            assert_eq!(e.message, message, "{json}");
            assert_eq!(e.at, at, "{json}");
            let theirs = serde_json::from_str::<T>(json).unwrap_err().to_string();
            assert!(theirs.starts_with(message), "serde_json: {theirs}");
        }
    }

    /// The shipped bundle, compact and pretty-printed, and thousands of damaged copies of
    /// it (bytes deleted, replaced, inserted; cut short): this reader and serde_json accept
    /// the same texts, read them to equal bundles, and refuse the same ones with an error
    /// of the same kind.
    #[test]
    fn agrees_with_serde_json_on_the_shipped_bundle_and_damaged_copies() {
        use crate::model::Bundle;
        const SHIPPED: &str = include_str!("../../../public/data/bundle.json");
        let pretty = serde_json::to_string_pretty(
            &serde_json::from_str::<serde_json::Value>(SHIPPED).unwrap(),
        )
        .unwrap();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        const BYTES: &[u8] = b"{}[]:,\"0123456789-+.eE tfnul\\xa\0";
        let mut checked = 0;
        for base in [SHIPPED, pretty.as_str()] {
            let mut texts = vec![base.to_string()];
            for _ in 0..1500 {
                let mut b = base.as_bytes().to_vec();
                let at = next(b.len());
                match next(4) {
                    0 => {
                        b.remove(at);
                    }
                    1 => b[at] = BYTES[next(BYTES.len())],
                    2 => b.insert(at, BYTES[next(BYTES.len())]),
                    _ => b.truncate(at),
                }
                if let Ok(t) = String::from_utf8(b) {
                    texts.push(t);
                }
            }
            for text in &texts {
                let ours = from_str::<Bundle>(text);
                // The app's reader of the bundle gives the same, to the byte offset.
                assert_eq!(crate::decode::from_str::<Bundle>(text), ours, "{text}");
                let theirs = serde_json::from_str::<Bundle>(text);
                // The byte offset of serde_json's line and column.
                let at = |b: &serde_json::Error| -> usize {
                    let line_start: usize = text
                        .split_inclusive('\n')
                        .take(b.line().saturating_sub(1))
                        .map(str::len)
                        .sum();
                    line_start + b.column()
                };
                match (&ours, &theirs) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b),
                    (Err(a), Err(b)) => {
                        let theirs = b.to_string();
                        if a.category == Category::Data && theirs.starts_with("expected value") {
                            // serde_json's words for a number where an enum's string should
                            // be; this reader says "invalid type".
                            assert!(a.message.starts_with("invalid type"), "{a} / {b}");
                        } else if a
                            .message
                            .starts_with("invalid type: sequence, expected struct")
                        {
                            // serde's derived structs also read an array, field by field,
                            // and then fail further on: on a field, or on the damage itself
                            // (a syntax error or the end of the text); this reader refuses
                            // the array where it starts, before that.
                            assert!(a.at <= at(b), "{a} / {b}");
                        } else if (a.message == "expected ident"
                            || a.message.starts_with("invalid number"))
                            && theirs.starts_with("expected value")
                        {
                            // A broken number or literal where a string should be
                            // (`"qualifier": 8exact"`, `"kind":f "webinar-series"`):
                            // serde_json refuses the value where it starts (its enum reader
                            // any byte not a quote or a brace), this reader the number or
                            // literal where it breaks; a syntax error both.
                            assert_eq!(a.category, Category::Syntax, "{a} / {b}");
                            assert!(b.is_syntax(), "{a} / {b}");
                            // Where it breaks is at or after where the value starts.
                            assert!(a.at + 1 >= at(b), "{a} / {b}");
                        } else {
                            let kind = match b.classify() {
                                serde_json::error::Category::Eof => Category::Eof,
                                serde_json::error::Category::Syntax => Category::Syntax,
                                _ => Category::Data,
                            };
                            assert_eq!(a.category, kind, "{a} / {b}");
                            assert!(theirs.starts_with(&a.message), "{a} / {b}");
                        }
                    }
                    _ => panic!(
                        "they disagree: ours {:?}, serde_json {:?}",
                        ours.as_ref().err(),
                        theirs.as_ref().err()
                    ),
                }
                checked += 1;
            }
        }
        assert!(checked > 2000, "{checked} texts");
    }

    #[test]
    fn ignored_fields_are_skipped_whole() {
        #[derive(Deserialize, Debug)]
        struct V {
            v: Option<u32>,
        }
        let json = r#"{"x":{"y":[1,{"z":"]"},true,false,null,-2.5e3]},"v":7,"w":"}"}"#;
        assert_eq!(from_str::<V>(json).unwrap().v, Some(7));
        assert_eq!(
            from_str::<V>(r#"{"x":[1,}"#).unwrap_err().message,
            "expected value"
        );
        for bad in [
            r#"{"x":[1}"#,
            r#"{"x":{"a" 1}}"#,
            r#"{"x":{1:2}}"#,
            r#"{"x":[[]"#,
        ] {
            assert!(from_str::<V>(bad).is_err(), "{bad}");
            assert!(serde_json::from_str::<V>(bad).is_err(), "{bad}");
        }
        // 100,000 levels in an ignored field: no recursion, so no stack overflow.
        let deep = format!(
            r#"{{"x":{}0{},"v":1}}"#,
            "[{\"k\":".repeat(50_000),
            "}]".repeat(50_000)
        );
        assert_eq!(from_str::<V>(&deep).unwrap().v, Some(1));
    }
}
