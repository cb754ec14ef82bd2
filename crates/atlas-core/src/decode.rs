//! The bundle's types read straight off [`crate::json`]'s reader, without serde's derived
//! visitors: what the app's wasm runs at every start.
//!
//! serde's derives gave each type a visitor with an `Option` per field, a drop path for every
//! field read so far at every error exit and a field-name visitor per type; inlined together
//! they were one 54 KB function (twiggy on a named build), ≈ 16 KB of the first load's gzip
//! (the code section compressed with and without it).
//! Here one plain function reads every object (`object`): it matches the keys against the
//! type's field list, refuses an unknown, duplicate or missing field, and hands each value to
//! the type, which writes it into a blank record. What a type adds is its field list and a
//! short dispatch from a field's index to its place.
//!
//! The derives stay the schema: they write the bundle, read `data/`'s TOML and give the JSON
//! Schema. The record types are listed here by field (`record!`), which the compiler checks
//! for completeness (the blank record names every field once), and the tests check the
//! rest against serde: the field order against serde's own lists, and the same result,
//! message and offset as serde's reading through [`crate::json::from_str`] on every member
//! of the shipped bundle changed (which catches a field marked required that serde
//! defaults, and the other way round) and on thousands of damaged copies of it.

use crate::date::PartialDate;
use crate::json::{Error, Number, Reader};
use crate::model::*;
use serde::de::{Error as _, Unexpected};

/// A type read from JSON with serde's meaning and serde's error messages.
pub trait Decode: Sized {
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error>;
}

/// Reads `text`, the whole text (whitespace aside), as a `T`.
pub fn from_str<T: Decode>(text: &str) -> Result<T, Error> {
    crate::json::read(text, T::decode)
}

impl Decode for String {
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        text(r).map(String::from)
    }
}

/// A string value (serde's `String`, expected "a string").
fn text<'a>(r: &mut Reader<'a>) -> Result<std::borrow::Cow<'a, str>, Error> {
    if !r.next_is(b'"')? {
        return Err(r.refuse(&"a string"));
    }
    r.string()
}

impl Decode for bool {
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        let value = match r.peek() {
            Some(b't') => true,
            Some(b'f') => false,
            _ => return Err(r.refuse(&"a boolean")),
        };
        r.literal(if value { "true" } else { "false" })?;
        Ok(value)
    }
}

/// A number value, or serde's refusal naming `expected`.
fn number(r: &mut Reader<'_>, expected: &str) -> Result<Number, Error> {
    if !r.next_is_number()? {
        return Err(r.refuse(&expected));
    }
    r.number()
}

impl Decode for f64 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(match number(r, "f64")? {
            Number::Unsigned(v) => v as f64,
            Number::Negative(v) => v as f64,
            Number::Float(v) => v,
        })
    }
}

impl Decode for u32 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        let e = match number(r, "u32")? {
            Number::Unsigned(v) => match u32::try_from(v) {
                Ok(v) => return Ok(v),
                Err(_) => Error::invalid_value(Unexpected::Unsigned(v), &"u32"),
            },
            // -0 is an integer that fits.
            Number::Negative(0) => return Ok(0),
            Number::Negative(v) => Error::invalid_value(Unexpected::Signed(v), &"u32"),
            Number::Float(v) => Error::invalid_type(Unexpected::Float(v), &"u32"),
        };
        Err(r.placed(e))
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        if r.peek() == Some(b'n') {
            r.literal("null")?;
            Ok(None)
        } else {
            T::decode(r).map(Some)
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        if !r.next_is(b'[')? {
            return Err(r.refuse(&"a sequence"));
        }
        r.pos += 1;
        let mut items = Vec::new();
        let mut first = true;
        // The list's end is read by one function whatever the items are.
        let read = loop {
            match r.more(first, b']', "a list") {
                Ok(true) => {}
                Ok(false) => break Ok(()),
                Err(e) => break Err(e),
            }
            first = false;
            match T::decode(r) {
                Ok(item) => items.push(item),
                Err(e) => break Err(e),
            }
        };
        r.closed(read, b']', "a list")?;
        Ok(items)
    }
}

impl Decode for PartialDate {
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        // serde's: a string, then the date's own check (placed by the object around it).
        PartialDate::parse(&text(r)?).map_err(Error::custom)
    }
}

/// Reads an object's members into a record: each key is looked up in `fields` (the type's
/// fields in declaration order, `required` beside them), and its value handed to `member`
/// with the field's index. An unknown key is an error when `deny_unknown` (serde's
/// `deny_unknown_fields`), else its value is skipped. Errors and their places are serde's:
/// an unknown field just after its key, a duplicate at the next byte after its key (its
/// colon), a missing one (the first in declaration order) after the object.
#[inline(never)]
fn object<'a>(
    r: &mut Reader<'a>,
    expected: &str,
    fields: &'static [&'static str],
    required: &[bool],
    deny_unknown: bool,
    member: &mut dyn FnMut(&mut Reader<'a>, usize) -> Result<(), Error>,
) -> Result<(), Error> {
    debug_assert_eq!(fields.len(), required.len());
    if !r.next_is(b'{')? {
        return Err(r.refuse(&expected));
    }
    r.pos += 1;
    let mut seen = 0u64;
    let mut first = true;
    let mut members = || -> Result<(), Error> {
        while r.more(first, b'}', "an object")? {
            first = false;
            let key = r.key()?;
            match fields.iter().position(|f| *f == key) {
                Some(i) if seen & (1 << i) != 0 => return Err(Error::duplicate_field(fields[i])),
                Some(i) => {
                    seen |= 1 << i;
                    r.colon()?;
                    member(r, i)?;
                }
                None if deny_unknown => return Err(r.placed(Error::unknown_field(&key, fields))),
                None => {
                    r.colon()?;
                    r.skip()?;
                }
            }
        }
        match (0..fields.len()).find(|&i| required[i] && seen & (1 << i) == 0) {
            Some(i) => Err(Error::missing_field(fields[i])),
            None => Ok(()),
        }
    };
    let value = members();
    r.closed(value, b'}', "an object")
}

/// A value read into an existing place.
fn put<T: Decode>(r: &mut Reader<'_>, place: &mut T) -> Result<(), Error> {
    *place = T::decode(r)?;
    Ok(())
}

/// What a required field holds until it is read (a record with one unread is refused).
trait Blank {
    fn blank() -> Self;
}

impl Blank for String {
    fn blank() -> Self {
        String::new()
    }
}

impl Blank for f64 {
    fn blank() -> Self {
        0.0
    }
}

impl Blank for u32 {
    fn blank() -> Self {
        0
    }
}

impl<T> Blank for Vec<T> {
    fn blank() -> Self {
        Vec::new()
    }
}

impl Blank for PartialDate {
    fn blank() -> Self {
        PartialDate::year(0)
    }
}

/// A field's first value: a required field's [`Blank`], an optional one's `Default` (what
/// serde's `#[serde(default)]` gives when it is absent).
macro_rules! first_value {
    (req) => {
        Blank::blank()
    };
    (opt) => {
        Default::default()
    };
}

macro_rules! is_required {
    (req) => {
        true
    };
    (opt) => {
        false
    };
}

/// A record type's reader (and its [`Blank`]): its fields in declaration order, each `req`
/// (serde requires it) or `opt` (`#[serde(default)]`).
macro_rules! record {
    ($ty:ident { $($field:ident: $kind:ident),* $(,)? }) => {
        impl $ty {
            #[cfg(test)]
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
        }

        impl Blank for $ty {
            fn blank() -> Self {
                $ty { $($field: first_value!($kind)),* }
            }
        }

        impl Decode for $ty {
            fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
                const FIELDS: &[&str] = &[$(stringify!($field)),*];
                const REQUIRED: &[bool] = &[$(is_required!($kind)),*];
                // `object` notes the fields seen in a u64.
                const _: () = assert!(FIELDS.len() <= 64);
                let mut v = <$ty as Blank>::blank();
                object(r, concat!("struct ", stringify!($ty)), FIELDS, REQUIRED, true,
                    &mut |r, i| {
                        let mut k = 0;
                        $(
                            if i == k {
                                return put(r, &mut v.$field);
                            }
                            k += 1;
                        )*
                        unreachable!("field {i} of {k}")
                    })?;
                Ok(v)
            }
        }
    };
}

/// An enum of unit variants written as strings: its variants and their names.
macro_rules! variants {
    ($ty:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $ty {
            #[cfg(test)]
            const VARIANTS: &'static [$ty] = &[$($ty::$variant),*];
        }

        impl Blank for $ty {
            fn blank() -> Self {
                const ALL: &[$ty] = &[$($ty::$variant),*];
                ALL[0]
            }
        }

        impl Decode for $ty {
            fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
                const NAMES: &[&str] = &[$($name),*];
                const ALL: &[$ty] = &[$($ty::$variant),*];
                variant(r, concat!("enum ", stringify!($ty)), NAMES).map(|i| ALL[i])
            }
        }
    };
}

/// The index in `names` of the string read next, or serde's refusal.
#[inline(never)]
fn variant(
    r: &mut Reader<'_>,
    expected: &str,
    names: &'static [&'static str],
) -> Result<usize, Error> {
    if !r.next_is(b'"')? {
        return Err(r.refuse(&expected));
    }
    let name = r.string()?;
    names
        .iter()
        .position(|n| *n == name)
        .ok_or_else(|| r.placed(Error::unknown_variant(&name, names)))
}

variants!(SourceKind { News = "news", Official = "official" });
variants!(EventStatus { Held = "held", Planned = "planned", Cancelled = "cancelled" });
variants!(EventKind {
    Congress = "congress",
    Conference = "conference",
    GeneralAssembly = "general-assembly",
    Meeting = "meeting",
    WebinarSeries = "webinar-series",
    Launch = "launch",
    Attack = "attack",
    Operation = "operation",
});
variants!(Qualifier { Exact = "exact", MoreThan = "more-than", About = "about" });
variants!(Relation { Conflict = "conflict", Context = "context" });

record!(Text {
    ar: req,
    en: req,
    fr: req,
    es: opt
});
record!(Source {
    id: req,
    outlet: req,
    author: opt,
    date: opt,
    date_inferred: opt,
    language: req,
    kind: req,
    about: req,
    dateline: opt,
    archive_file: req,
});
record!(Country {
    id: req,
    name: req,
    aliases: opt,
});
record!(Place {
    id: req,
    name: req,
    aliases: opt,
    country: req,
    lat: req,
    lon: req,
    summary: req,
    sources: req,
});
record!(Organization {
    id: req,
    name: req,
    acronym: opt,
    aliases: opt,
    country: opt,
    parent: opt,
    summary: req,
    sources: req,
});
record!(Person {
    id: req,
    name: req,
    aliases: opt,
    role: req,
    organizations: opt,
    summary: req,
    sources: req,
});
record!(Topic {
    id: req,
    name: req,
    aliases: opt,
});
record!(Measure { id: req, name: req });
record!(Event {
    id: req,
    title: req,
    kind: req,
    start: req,
    end: opt,
    date_inferred: opt,
    status: req,
    edition: opt,
    edition_inferred: opt,
    place: opt,
    country: opt,
    organizers: opt,
    participants: opt,
    topics: opt,
    summary: req,
    sources: req,
});
record!(Period { from: req, to: opt });
record!(Figure {
    id: req,
    value: req,
    qualifier: req,
    measure: req,
    unit: opt,
    label: req,
    period: opt,
    event: opt,
    place: opt,
    subject: opt,
    sources: req,
});
record!(Claim {
    value: req,
    source: req,
    gloss: opt,
});
record!(Disagreement {
    id: req,
    relation: opt,
    about: req,
    figures: opt,
    claims: opt,
    subject: opt,
});
record!(Plural {
    plural: req,
    singular: req
});
record!(Bundle {
    schema_version: req,
    sources: req,
    countries: req,
    places: req,
    organizations: req,
    people: req,
    topics: req,
    measures: opt,
    events: req,
    figures: req,
    disagreements: req,
    plurals: opt,
});

/// A bundle's schema version alone, the other members skipped whatever they hold (a
/// syntax error anywhere is still an error): how a bundle of another version is told apart
/// from a damaged one ([`crate::load`]). Absent when not given.
#[derive(Debug, Default, PartialEq)]
pub struct Version {
    pub schema_version: Option<u32>,
}

impl Decode for Version {
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut v = Version::default();
        object(
            r,
            "struct Version",
            &["schema_version"],
            &[false],
            false,
            &mut |r, _| put(r, &mut v.schema_version),
        )?;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
    use serde_json::Value;

    /// A deserializer that only notes the struct or enum asked for, with its field or
    /// variant names: serde's own list for a derived type.
    struct Recorder<'n>(&'n mut Option<(&'static str, &'static [&'static str])>);

    impl<'de> Deserializer<'de> for Recorder<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct or an enum"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = Some((name, fields));
            Err(de::Error::custom("noted"))
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            name: &'static str,
            variants: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.deserialize_struct(name, variants, visitor)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
            identifier ignored_any
        }
    }

    fn serde_names<T: DeserializeOwned>() -> (&'static str, &'static [&'static str]) {
        let mut noted = None;
        let _ = T::deserialize(Recorder(&mut noted));
        noted.expect("a struct or an enum")
    }

    #[test]
    fn each_record_lists_serdes_fields_in_serdes_order() {
        macro_rules! check {
            ($($ty:ident),*) => {$(
                assert_eq!(serde_names::<$ty>(), (stringify!($ty), $ty::FIELDS));
            )*};
        }
        check!(
            Text,
            Source,
            Country,
            Place,
            Organization,
            Person,
            Topic,
            Measure,
            Event,
            Period,
            Figure,
            Claim,
            Disagreement,
            Plural,
            Bundle
        );
    }

    #[test]
    fn each_enum_reads_every_variant_by_serdes_name() {
        fn check<T: Decode + DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(
            all: &[T],
        ) {
            let (name, names) = serde_names::<T>();
            assert_eq!(all.len(), names.len(), "{name}");
            for v in all {
                let json = serde_json::to_string(v).unwrap();
                assert_eq!(&from_str::<T>(&json).unwrap(), v, "{json}");
            }
            // An unknown one is refused with serde's list of the names.
            let theirs = crate::json::from_str::<T>("\"x\"").unwrap_err();
            assert_eq!(from_str::<T>("\"x\"").unwrap_err(), theirs);
            assert!(
                theirs.message.starts_with("unknown variant `x`"),
                "{theirs}"
            );
        }
        check(SourceKind::VARIANTS);
        check(EventStatus::VARIANTS);
        check(EventKind::VARIANTS);
        check(Qualifier::VARIANTS);
        check(Relation::VARIANTS);
    }

    /// Every member of every kind of object in a small bundle (the shipped one, two
    /// records of each kind: the first and the fullest), taken out, renamed, doubled and
    /// given a value of every other kind: this reader and serde's (through the same JSON
    /// reader) agree on the result, the message and the offset each time. A field marked
    /// `req` that serde defaults, or the other way round, fails here.
    #[test]
    fn agrees_with_serdes_reading_on_every_member_changed() {
        const SHIPPED: &str = include_str!("../../../public/data/bundle.json");
        let mut bundle: Value = serde_json::from_str(SHIPPED).unwrap();
        for (_, list) in bundle.as_object_mut().unwrap() {
            if let Value::Array(items) = list {
                // The first record, then one for each member the kept ones lack.
                let keys = |v: &Value| -> Vec<String> {
                    v.as_object()
                        .map(|m| m.keys().cloned().collect())
                        .unwrap_or_default()
                };
                let mut kept: Vec<Value> = items.iter().take(1).cloned().collect();
                for item in items.iter() {
                    let have: Vec<String> = kept.iter().flat_map(keys).collect();
                    if keys(item).iter().any(|k| !have.contains(k)) {
                        kept.push(item.clone());
                    }
                }
                *items = kept;
            }
        }
        // Paths to every object in it.
        fn objects(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
            match v {
                Value::Object(m) => {
                    out.push(path.clone());
                    for (k, x) in m {
                        path.push(k.clone());
                        objects(x, path, out);
                        path.pop();
                    }
                }
                Value::Array(items) => {
                    for (i, x) in items.iter().enumerate() {
                        path.push(i.to_string());
                        objects(x, path, out);
                        path.pop();
                    }
                }
                _ => {}
            }
        }
        let mut paths = Vec::new();
        objects(&bundle, &mut Vec::new(), &mut paths);
        let at = |root: &mut Value, path: &[String]| -> Value {
            let mut v = root;
            for p in path {
                v = match v {
                    Value::Array(items) => &mut items[p.parse::<usize>().unwrap()],
                    other => &mut other[p.as_str()],
                };
            }
            v.clone()
        };
        let others = [
            Value::Null,
            Value::from(7),
            Value::from(-1),
            Value::from(1.5),
            Value::from(5_000_000_000u64),
            Value::from("x"),
            Value::from("2023-02-30"),
            serde_json::json!([]),
            serde_json::json!(["x"]),
            serde_json::json!({}),
            Value::from(true),
        ];
        let mut checked = 0;
        let mut compare = |text: &str| {
            let ours = from_str::<Bundle>(text);
            let theirs = crate::json::from_str::<Bundle>(text);
            assert_eq!(ours, theirs, "{text}");
            checked += 1;
        };
        compare(&bundle.to_string());
        for path in &paths {
            let object = at(&mut bundle, path);
            let keys: Vec<String> = object.as_object().unwrap().keys().cloned().collect();
            let with = |change: &dyn Fn(&mut serde_json::Map<String, Value>)| {
                let mut copy = bundle.clone();
                let mut v = &mut copy;
                for p in path {
                    v = match v {
                        Value::Array(items) => &mut items[p.parse::<usize>().unwrap()],
                        other => &mut other[p.as_str()],
                    };
                }
                change(v.as_object_mut().unwrap());
                copy.to_string()
            };
            for key in &keys {
                compare(&with(&|m| {
                    m.remove(key);
                }));
                compare(&with(&|m| {
                    let v = m.remove(key).unwrap();
                    m.insert(format!("{key}_"), v);
                }));
                for other in &others {
                    compare(&with(&|m| {
                        m.insert(key.clone(), other.clone());
                    }));
                }
                // Twice: serde_json's map keeps one, so the text is spliced where a key
                // no other object has stands.
                let value = serde_json::to_string(&object[key.as_str()]).unwrap();
                let text = with(&|m| {
                    let v = m.remove(key).unwrap();
                    m.insert("\u{1}twice".into(), v);
                });
                let marker = "\"\\u0001twice\":";
                assert_eq!(text.matches(marker).count(), 1, "{text}");
                compare(&text.replace(marker, &format!("\"{key}\":{value},\"{key}\":")));
            }
            // The whole object replaced by a value of another kind.
            let last = path.last().cloned();
            if let Some(last) = last {
                let parent = &path[..path.len() - 1];
                for other in &others {
                    let mut copy = bundle.clone();
                    let mut v = &mut copy;
                    for p in parent {
                        v = match v {
                            Value::Array(items) => &mut items[p.parse::<usize>().unwrap()],
                            other => &mut other[p.as_str()],
                        };
                    }
                    match v {
                        Value::Array(items) => {
                            items[last.parse::<usize>().unwrap()] = other.clone()
                        }
                        other_v => other_v[last.as_str()] = other.clone(),
                    }
                    compare(&copy.to_string());
                }
            }
        }
        assert!(checked > 1000, "{checked} texts");
    }

    /// The integer fields (the schema version, an event's edition) and a float one (a
    /// figure's value) given each kind of number JSON can write, in the shipped bundle.
    #[test]
    fn numbers_are_taken_and_refused_as_serde_does() {
        const SHIPPED: &str = include_str!("../../../public/data/bundle.json");
        let mut checked = 0;
        for (member, pattern) in [
            ("schema_version", "\"schema_version\":1"),
            ("edition", "\"edition\":47"),
            ("value", "\"value\":"),
        ] {
            let at = SHIPPED.find(pattern).expect(pattern) + member.len() + 3;
            let end = at + SHIPPED[at..].find([',', '}']).unwrap();
            for number in [
                "0",
                "-0",
                "-0.0",
                "1e2",
                "47.5",
                "-1",
                "4294967295",
                "4294967296",
                "18446744073709551616",
                "-9223372036854775809",
                "1e400",
            ] {
                let text = format!("{}{number}{}", &SHIPPED[..at], &SHIPPED[end..]);
                let ours = from_str::<Bundle>(&text);
                assert_eq!(
                    ours,
                    crate::json::from_str::<Bundle>(&text),
                    "{member}: {number}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 33);
        // -0 is an integer that fits a u32, as serde's visitor takes it.
        let text = SHIPPED.replacen("\"schema_version\":1", "\"schema_version\":-0", 1);
        assert_eq!(from_str::<Bundle>(&text).unwrap().schema_version, 0);
    }

    #[test]
    fn the_version_is_read_whatever_else_the_text_holds() {
        for (json, version) in [
            (r#"{"schema_version":2,"x":[{"y":null}]}"#, Some(2)),
            (r#"{"x":1}"#, None),
            (r#"{"schema_version":null}"#, None),
        ] {
            assert_eq!(from_str::<Version>(json).unwrap().schema_version, version);
        }
        for bad in [
            r#"{"schema_version":"2"}"#,
            r#"{"schema_version":1,"schema_version":1}"#,
            "[]",
        ] {
            assert!(from_str::<Version>(bad).is_err(), "{bad}");
        }
    }
}
