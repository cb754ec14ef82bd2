//! The blocks' number code: unsigned integers as base-32 digits in URL-safe characters,
//! low digit first, a digit that is not the last one written from the upper half of the
//! alphabet. Half the bytes of a JSON array of deltas at 100k records, no escaping in a
//! JSON string, and a dozen lines to decode.

/// `ALPHABET[d]` ends a number with digit `d`; `ALPHABET[32 + d]` carries digit `d` and
/// says more follow.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `n` to `out`.
pub(super) fn put(out: &mut String, mut n: u32) {
    loop {
        let digit = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(ALPHABET[digit] as char);
            return;
        }
        out.push(ALPHABET[32 + digit] as char);
    }
}

/// The value of a character of [`ALPHABET`] (`None` for any other).
fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    } as u32)
}

/// Reads numbers one at a time from an encoded string.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(s: &'a str) -> Reader<'a> {
        Reader {
            bytes: s.as_bytes(),
            at: 0,
        }
    }

    /// The next number; `Err` with the byte offset for a character outside the alphabet, a
    /// number cut short, or one above `u32::MAX`; `Ok(None)` at the end.
    pub fn next(&mut self) -> Result<Option<u32>, String> {
        if self.at == self.bytes.len() {
            return Ok(None);
        }
        let mut n: u64 = 0;
        let mut shift = 0;
        loop {
            let Some(&c) = self.bytes.get(self.at) else {
                return Err(format!("number cut short at byte {}", self.at));
            };
            let v = value(c).ok_or_else(|| {
                let mut shown = String::new();
                let _ =
                    crate::json::write_escaped(&mut shown, (c as char).encode_utf8(&mut [0; 4]));
                format!("unexpected character '{shown}' at byte {}", self.at)
            })?;
            self.at += 1;
            n |= ((v & 31) as u64) << shift;
            if n > u32::MAX as u64 || shift > 30 {
                return Err(format!("number too large at byte {}", self.at - 1));
            }
            if v < 32 {
                return Ok(Some(n as u32));
            }
            shift += 5;
        }
    }

    /// Whether every number was read.
    pub fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }
}

/// Why a row (see [`read_row`]) could not be read.
#[derive(Debug)]
pub(super) enum RowError {
    /// The code itself is bad (the reader's message).
    Code(String),
    /// The code ends inside the row.
    End,
    /// A difference of 0 after the first number: a number repeated.
    Repeat,
    /// A number at or past the limit.
    Past,
}

/// Reads a row as [`super::encode_row`] writes it (its length, then increasing numbers as
/// differences, the first from 0) into `out` (cleared first); every number must be below
/// `limit`. The blocks' rows and the single-value files' positions are written so.
pub(super) fn read_row(
    reader: &mut Reader<'_>,
    limit: u32,
    out: &mut Vec<u32>,
) -> Result<(), RowError> {
    let mut next = || reader.next().map_err(RowError::Code)?.ok_or(RowError::End);
    out.clear();
    let len = next()?;
    let mut n = 0u32;
    for k in 0..len {
        let delta = next()?;
        if k > 0 && delta == 0 {
            return Err(RowError::Repeat);
        }
        n = n
            .checked_add(delta)
            .filter(|&n| n < limit)
            .ok_or(RowError::Past)?;
        out.push(n);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_bad_input_is_an_error() {
        let nums = [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX];
        let mut s = String::new();
        for n in nums {
            put(&mut s, n);
        }
        assert_eq!(&s[..4], "ABfg"); // 0, 1, 31, then 32 = digits 0, 1
        let mut r = Reader::new(&s);
        for n in nums {
            assert_eq!(r.next(), Ok(Some(n)));
        }
        assert_eq!(r.next(), Ok(None));
        assert!(Reader::new("g").next().is_err(), "cut short");
        assert!(Reader::new("A!").nth_err(1));
        assert!(Reader::new("________A").next().is_err(), "too large");
    }

    impl Reader<'_> {
        fn nth_err(mut self, n: usize) -> bool {
            for _ in 0..n {
                let _ = self.next();
            }
            self.next().is_err()
        }
    }
}
