//! The tag dictionary: name, format, source, length rules and sensitivity of
//! every EMV data element (EMV Book 3 Annex A) and the common scheme and
//! kernel tags, plus tags the caller registers.

mod emv;

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use super::Tag;
use crate::error::{Error, Result};

/// Data element format (EMV Book 3, 4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `n`: numeric, BCD, right-justified, padded with leading zeros.
    N,
    /// `cn`: compressed numeric, BCD, left-justified, padded with trailing `F`.
    Cn,
    /// `a`: alphabetic.
    A,
    /// `an`: alphanumeric.
    An,
    /// `ans`: alphanumeric special.
    Ans,
    /// `b`: binary.
    B,
    /// A template (constructed data object).
    Template,
}

impl Format {
    /// The EMV notation: `n`, `cn`, `a`, `an`, `ans`, `b`, `template`.
    pub const fn name(self) -> &'static str {
        match self {
            Format::N => "n",
            Format::Cn => "cn",
            Format::A => "a",
            Format::An => "an",
            Format::Ans => "ans",
            Format::B => "b",
            Format::Template => "template",
        }
    }
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 7] =
        [Format::N, Format::Cn, Format::A, Format::An, Format::Ans, Format::B, Format::Template];
}

impl FromStr for Format {
    type Err = Error;
    /// Accepts the EMV notation (`n`, `cn`, `a`, `an`, `ans`, `b`, `template`), any case.
    fn from_str(s: &str) -> Result<Self> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or(Error::InvalidArgument("format must be n, cn, a, an, ans, b or template"))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a data element comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// The card (ICC).
    Icc,
    /// The terminal.
    Terminal,
    /// The issuer (host response).
    Issuer,
    /// Defined by the caller, or not stated.
    Other,
}

impl Source {
    /// Lowercase name: `icc`, `terminal`, `issuer`, `other`.
    pub const fn name(self) -> &'static str {
        match self {
            Source::Icc => "icc",
            Source::Terminal => "terminal",
            Source::Issuer => "issuer",
            Source::Other => "other",
        }
    }
}

impl Source {
    /// Every source.
    pub const ALL: [Source; 4] = [Source::Icc, Source::Terminal, Source::Issuer, Source::Other];
}

impl FromStr for Source {
    type Err = Error;
    /// Accepts `icc`, `terminal`, `issuer`, `other`, any case.
    fn from_str(s: &str) -> Result<Self> {
        Source::ALL
            .into_iter()
            .find(|x| x.name().eq_ignore_ascii_case(s))
            .ok_or(Error::InvalidArgument("source must be icc, terminal, issuer or other"))
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the dictionary knows about a tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TagInfo {
    /// The tag.
    pub tag: Tag,
    /// Its name, e.g. `Application Primary Account Number (PAN)`.
    pub name: Cow<'static, str>,
    /// Its format.
    pub format: Format,
    /// Who provides it.
    pub source: Source,
    /// Minimum value length in bytes.
    pub min_len: usize,
    /// Maximum value length in bytes.
    pub max_len: usize,
    /// Cardholder data to be masked in output (PAN, track data, name…).
    pub sensitive: bool,
}

/// The built-in EMV dictionary plus the caller's own tags (which take
/// precedence). Owned by the caller: the core keeps no global state.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    custom: Vec<TagInfo>,
}

impl Dictionary {
    /// The built-in dictionary with no custom tags.
    pub fn new() -> Self {
        Dictionary::default()
    }

    /// What is known about `tag`: a registered tag first, then the built-in table.
    pub fn get(&self, tag: Tag) -> Option<&TagInfo> {
        self.custom.iter().find(|i| i.tag == tag).or_else(|| builtin(tag))
    }

    /// Registers (or replaces) a tag definition, refusing one that
    /// contradicts itself (minimum above maximum, a template format on a
    /// primitive tag or the reverse, an empty name).
    pub fn register(&mut self, info: TagInfo) -> Result<()> {
        if info.min_len > info.max_len {
            return Err(Error::InvalidArgument("tag minimum length exceeds its maximum"));
        }
        if (info.format == Format::Template) != info.tag.is_constructed() {
            return Err(Error::InvalidArgument("a tag has the template format exactly when it is constructed"));
        }
        if info.name.is_empty() {
            return Err(Error::InvalidArgument("a tag needs a name"));
        }
        match self.custom.iter_mut().find(|i| i.tag == info.tag) {
            Some(slot) => *slot = info,
            None => self.custom.push(info),
        }
        Ok(())
    }

    /// The built-in entries, in tag order.
    pub fn builtin() -> &'static [TagInfo] {
        emv::TAGS
    }
}

/// The built-in entry for `tag`.
pub fn builtin(tag: Tag) -> Option<&'static TagInfo> {
    emv::TAGS.binary_search_by(|i| i.tag.cmp(&tag)).ok().map(|i| &emv::TAGS[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_is_sorted_well_formed_and_consistent() {
        let tags = Dictionary::builtin();
        assert!(tags.len() >= 100, "only {} tags", tags.len());
        for w in tags.windows(2) {
            assert!(w[0].tag < w[1].tag, "{} before {}", w[0].tag, w[1].tag);
        }
        for i in tags {
            assert_eq!(Tag::new(i.tag.value()).ok(), Some(i.tag), "{}", i.tag);
            assert!(i.min_len <= i.max_len, "{}", i.tag);
            assert_eq!(i.format == Format::Template, i.tag.is_constructed(), "{}", i.tag);
            assert!(!i.name.is_empty());
        }
        for sensitive in ["5A", "57", "5F20", "56", "9F6B"] {
            assert!(builtin(sensitive.parse().unwrap()).unwrap().sensitive, "{sensitive}");
        }
    }

    #[test]
    fn custom_tags_take_precedence() {
        let mut d = Dictionary::new();
        let tag: Tag = "DF7F".parse().unwrap();
        assert!(d.get(tag).is_none());
        let info = TagInfo {
            tag,
            name: "Vendor flags".into(),
            format: Format::B,
            source: Source::Other,
            min_len: 1,
            max_len: 1,
            sensitive: false,
        };
        d.register(info.clone()).unwrap();
        assert_eq!(d.get(tag), Some(&info));
        let pan: Tag = "5A".parse().unwrap();
        d.register(TagInfo { tag: pan, name: "My PAN".into(), ..info.clone() }).unwrap();
        assert_eq!(d.register(TagInfo { min_len: 9, max_len: 1, ..info.clone() }).unwrap_err().code(), 16);
        assert!(d.register(TagInfo { format: Format::Template, ..info.clone() }).is_err());
        assert!(d.register(TagInfo { tag: "70".parse().unwrap(), ..info.clone() }).is_err());
        assert!(d.register(TagInfo { name: "".into(), ..info }).is_err());
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
        }
        for x in Source::ALL {
            assert_eq!(x.name().parse::<Source>(), Ok(x));
        }
        assert!("bcd".parse::<Format>().is_err() && "card".parse::<Source>().is_err());
        assert_eq!(d.get(pan).unwrap().name, "My PAN");
    }
}
