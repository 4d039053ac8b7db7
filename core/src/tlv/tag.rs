//! BER tags as EMV uses them: 1 to 4 bytes, held in a `u32`.

use core::fmt;
use core::str::FromStr;

use super::TlvErrorReason;
use crate::error::Error;

/// A BER-TLV tag of 1 to 4 bytes, e.g. `0x9F02` (Amount, Authorised). The
/// numeric value is the tag bytes read big-endian, as EMV writes tags.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag(u32);

/// The class of a tag (bits 8–7 of its first byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// `00`: universal.
    Universal,
    /// `01`: application (EMV: `5F..`, `61`, `70`…).
    Application,
    /// `10`: context-specific (EMV: `8x`, `9x`, `9F..`, `A5`…).
    ContextSpecific,
    /// `11`: private (`DF..`, `BF..`…).
    Private,
}

impl Tag {
    /// A tag from a value known to be well-formed (the built-in tables; a test checks them).
    pub(crate) const fn raw(value: u32) -> Self {
        Tag(value)
    }

    /// A tag from its big-endian value, checked to be a well-formed BER tag
    /// (`0x00` is EMV filler, not a tag).
    pub fn new(value: u32) -> Result<Self, Error> {
        let bytes = value.to_be_bytes();
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        Tag::exact(&bytes[start..])
    }

    /// A tag that is exactly `bytes`, well-formed and minimal.
    fn exact(bytes: &[u8]) -> Result<Self, Error> {
        match Tag::read(bytes, 0, true) {
            Ok((tag, len)) if len == bytes.len() && tag.0 != 0 => Ok(tag),
            _ => Err(Error::MalformedTlv { offset: 0, reason: TlvErrorReason::InvalidTag }),
        }
    }

    /// Reads a tag at the start of `data`; returns it and its length in bytes.
    /// `offset` is where `data` starts in the caller's input, for errors.
    #[inline]
    pub(crate) fn read(data: &[u8], offset: usize, strict: bool) -> Result<(Tag, usize), Error> {
        let err = |at: usize, reason| Error::MalformedTlv { offset: offset + at, reason };
        let first = *data.first().ok_or(err(0, TlvErrorReason::TruncatedTag))?;
        let mut value = u32::from(first);
        if first & 0x1F != 0x1F {
            return Ok((Tag(value), 1));
        }
        // Subsequent bytes carry bit 8 set while more follow.
        for i in 1..4 {
            let b = *data.get(i).ok_or(err(i, TlvErrorReason::TruncatedTag))?;
            if strict && i == 1 && b == 0x80 {
                return Err(err(i, TlvErrorReason::NonMinimalTag));
            }
            value = (value << 8) | u32::from(b);
            if b & 0x80 == 0 {
                return Ok((Tag(value), i + 1));
            }
        }
        Err(err(0, TlvErrorReason::TagTooLong))
    }

    /// The tag's big-endian value.
    pub const fn value(self) -> u32 {
        self.0
    }

    /// Number of bytes in the encoded tag.
    pub const fn len(self) -> usize {
        match self.0 {
            0..=0xFF => 1,
            0x100..=0xFFFF => 2,
            0x1_0000..=0xFF_FFFF => 3,
            _ => 4,
        }
    }

    /// Always false: a tag has at least one byte.
    pub const fn is_empty(self) -> bool {
        false
    }

    /// The encoded tag bytes.
    pub fn bytes(&self) -> impl Iterator<Item = u8> {
        let be = self.0.to_be_bytes();
        let skip = 4 - self.len();
        be.into_iter().skip(skip)
    }

    fn first_byte(self) -> u8 {
        (self.0 >> (8 * (self.len() - 1))) as u8
    }

    /// True when the constructed bit (bit 6 of the first byte) is set.
    pub fn is_constructed(self) -> bool {
        self.first_byte() & 0x20 != 0
    }

    /// The tag's class.
    pub fn class(self) -> Class {
        match self.first_byte() >> 6 {
            0 => Class::Universal,
            1 => Class::Application,
            2 => Class::ContextSpecific,
            _ => Class::Private,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.bytes().try_for_each(|b| write!(f, "{b:02X}"))
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag({self})")
    }
}

impl FromStr for Tag {
    type Err = Error;
    /// Parses hex such as `9F02` or `5a`: 1 to 4 bytes forming exactly one well-formed tag.
    fn from_str(s: &str) -> Result<Self, Error> {
        let invalid = Error::MalformedTlv { offset: 0, reason: TlvErrorReason::InvalidTag };
        if s.is_empty() || s.len() > 8 || !s.len().is_multiple_of(2) || !s.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(invalid);
        }
        let mut bytes = [0u8; 4];
        for (i, b) in bytes.iter_mut().take(s.len() / 2).enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| invalid.clone())?;
        }
        Tag::exact(&bytes[..s.len() / 2])
    }
}

impl TryFrom<u32> for Tag {
    type Error = Error;
    fn try_from(value: u32) -> Result<Self, Error> {
        Tag::new(value)
    }
}
