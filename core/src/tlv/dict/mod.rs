//! The tag dictionary: name, format, source, length rules and sensitivity of
//! every EMV data element (EMV Book 3 Annex A) and the common scheme and
//! kernel tags, plus tags the caller registers.

mod emv;

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;

use super::Tag;

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

    /// Registers (or replaces) a tag definition.
    pub fn register(&mut self, info: TagInfo) {
        match self.custom.iter_mut().find(|i| i.tag == info.tag) {
            Some(slot) => *slot = info,
            None => self.custom.push(info),
        }
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
        d.register(info.clone());
        assert_eq!(d.get(tag), Some(&info));
        let pan: Tag = "5A".parse().unwrap();
        d.register(TagInfo { tag: pan, name: "My PAN".into(), ..info });
        assert_eq!(d.get(pan).unwrap().name, "My PAN");
    }
}
