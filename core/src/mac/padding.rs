//! ISO/IEC 9797-1 padding methods for the CBC-MAC algorithms.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;

/// An ISO/IEC 9797-1 padding method (clause 6.1 of the 2011 edition).
///
/// Only [`MacAlgorithm::Iso9797_1`](super::MacAlgorithm::Iso9797_1) and
/// [`MacAlgorithm::Iso9797_3`](super::MacAlgorithm::Iso9797_3) take a padding
/// method; CMAC, HMAC and the UnionPay MACs define their own, and accept only
/// the default ([`Padding::Method1`]) so that a caller cannot believe a padding
/// choice took effect when it did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Padding {
    /// Method 1: right-pad with `00` bytes to a whole number of blocks; none if
    /// already aligned, one zero block for an empty message. Ambiguous
    /// (`AB` and `AB 00` get the same MAC): use only with fixed-length fields.
    #[default]
    Method1,
    /// Method 2: append `80`, then `00` bytes to a whole number of blocks (always at least one byte).
    Method2,
    /// Method 3: prefix a block holding the message length in bits (big-endian,
    /// right-aligned), then pad as method 1 (an empty message gets no data block).
    Method3,
}

impl Padding {
    /// Every padding method.
    pub const ALL: [Padding; 3] = [Padding::Method1, Padding::Method2, Padding::Method3];

    /// The ISO/IEC 9797-1 method number, 1, 2 or 3 (the binding's `padding: int`).
    pub const fn number(self) -> u8 {
        match self {
            Padding::Method1 => 1,
            Padding::Method2 => 2,
            Padding::Method3 => 3,
        }
    }

    /// Name used across the bindings: `1`, `2`, `3` (the method number as text).
    pub const fn name(self) -> &'static str {
        match self {
            Padding::Method1 => "1",
            Padding::Method2 => "2",
            Padding::Method3 => "3",
        }
    }
}

impl fmt::Display for Padding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ISO 9797-1 padding method {}", self.number())
    }
}

impl TryFrom<u8> for Padding {
    type Error = Error;
    fn try_from(n: u8) -> Result<Self, Error> {
        Padding::ALL
            .into_iter()
            .find(|p| p.number() == n)
            .ok_or(Error::InvalidArgument("padding method must be 1, 2 or 3"))
    }
}

impl FromStr for Padding {
    type Err = Error;
    /// Accepts `1`–`3`, `method1`–`method3` and `iso9797_1`… style names (`m1`, `iso9797-1`), any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim().as_bytes();
        let digit = ["iso9797_", "iso9797-", "method", "m", ""]
            .iter()
            .find(|p| s.len() == p.len() + 1 && s[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
            .map(|p| s[p.len()]);
        match digit {
            Some(d @ b'1'..=b'3') => Padding::try_from(d - b'0'),
            _ => Err(Error::InvalidArgument("padding method must be 1, 2 or 3")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        for p in Padding::ALL {
            assert_eq!(p.name().parse::<Padding>().unwrap(), p);
            assert_eq!(Padding::try_from(p.number()).unwrap(), p);
        }
        assert_eq!("Method2".parse::<Padding>().unwrap(), Padding::Method2);
        assert_eq!("iso9797_3".parse::<Padding>().unwrap(), Padding::Method3);
        for bad in ["0", "4", "", "method", "iso9797_4", "12"] {
            assert!(matches!(bad.parse::<Padding>(), Err(Error::InvalidArgument(_))), "{bad}");
        }
        assert!(Padding::try_from(0).is_err());
        assert_eq!(Padding::default(), Padding::Method1);
    }
}
