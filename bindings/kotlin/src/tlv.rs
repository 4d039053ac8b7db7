//! EMV BER-TLV, the tag dictionary and DOLs (`posguard::tlv`).
//!
//! A decoded object is a real tree: [`Tlv`] is a record holding its children
//! (uniffi 0.32 supports a record that contains a list of itself).
//!
//! The core keeps no globals, so the binding owns the process-wide
//! [`Dictionary`] that [`register_tag`] adds to and that [`tag_info`],
//! [`tlv_describe`] and [`dol_build`] read.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, PoisonError, RwLock, RwLockReadGuard};

use posguard::tlv::{self, DescribeOptions, Dictionary, Format, Node, Options, Source, Tag, dol};

use crate::Result;

/// Tags the app registered, on top of the built-in EMV dictionary.
static DICTIONARY: LazyLock<RwLock<Dictionary>> = LazyLock::new(RwLock::default);

/// The dictionary for reading. A panic while the lock was held cannot leave it
/// half-updated (registering is one `Vec` push or slot write), so poisoning is ignored.
fn dictionary() -> RwLockReadGuard<'static, Dictionary> {
    DICTIONARY.read().unwrap_or_else(PoisonError::into_inner)
}

fn options(strict: bool) -> Options {
    if strict { Options::strict() } else { Options::lenient() }
}

/// One BER-TLV object (`posguard::tlv::Node`, with its offset).
#[derive(uniffi::Record)]
pub struct Tlv {
    /// The tag in upper-case hex, e.g. `9F02`.
    pub tag: String,
    /// The value. For a template: its encoded contents as decoded
    /// (`tlvEncode` encodes a template from its `children` and ignores this).
    #[uniffi(default)]
    pub value: Vec<u8>,
    /// True for a template (the tag's constructed bit). Set by `tlvDecode`;
    /// `tlvEncode` goes by the tag and ignores this.
    #[uniffi(default)]
    pub constructed: bool,
    /// Offset of the tag's first byte in the decoded input (ignored by `tlvEncode`).
    #[uniffi(default)]
    pub offset: u64,
    /// The objects inside a template, in order, duplicates kept.
    #[uniffi(default)]
    pub children: Vec<Tlv>,
}

impl Tlv {
    fn decoded(objects: tlv::Iter<'_>) -> Result<Vec<Tlv>> {
        objects
            .map(|t| {
                let t = t?;
                Ok(Tlv {
                    tag: t.tag().to_string(),
                    value: t.value().to_vec(),
                    constructed: t.is_constructed(),
                    offset: t.offset() as u64,
                    children: Tlv::decoded(t.children())?,
                })
            })
            .collect()
    }

    fn into_node(self) -> Result<Node> {
        let children = self.children.into_iter().map(Tlv::into_node).collect::<Result<_>>()?;
        Ok(Node { tag: self.tag.parse()?, value: self.value, children })
    }
}

/// Decodes every object of `data` into a tree (lenient unless `strict`):
/// order and duplicates kept, `00`/`FF` filler skipped. Throws
/// `PosguardException.MalformedTlv` with the byte offset on malformed data.
#[uniffi::export(default(strict = false))]
pub fn tlv_decode(data: Vec<u8>, strict: bool) -> Result<Vec<Tlv>> {
    Tlv::decoded(tlv::iter(&data, options(strict)))
}

/// Encodes `items` with minimal lengths; templates are encoded from their
/// children. Children on a primitive tag throw `PosguardException.MalformedTlv`.
#[uniffi::export]
pub fn tlv_encode(items: Vec<Tlv>) -> Result<Vec<u8>> {
    let nodes = items.into_iter().map(Tlv::into_node).collect::<Result<Vec<_>>>()?;
    Ok(tlv::encode(&nodes)?)
}

/// The value of the first object with `tag` (hex, e.g. `9F26`), depth-first;
/// null when there is none. Malformed data met on the way throws.
#[uniffi::export(default(strict = false))]
pub fn tlv_find(data: Vec<u8>, tag: String, strict: bool) -> Result<Option<Vec<u8>>> {
    Ok(tlv::find(&data, tag.parse()?, options(strict))?.map(|t| t.value().to_vec()))
}

/// `data` as an indented tree with tag names and decoded values, for logs and
/// support. PAN, track data and other sensitive values are masked unless `showSensitive`.
#[uniffi::export(default(show_sensitive = false, strict = false))]
pub fn tlv_describe(data: Vec<u8>, show_sensitive: bool, strict: bool) -> Result<String> {
    Ok(tlv::describe(&data, &dictionary(), DescribeOptions { show_sensitive, strict })?)
}

/// Data element format (EMV Book 3, 4.3) (`posguard::tlv::Format`).
#[uniffi::remote(Enum)]
#[uniffi(name = "TagFormat")]
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

/// Where a data element comes from (`posguard::tlv::Source`).
#[uniffi::remote(Enum)]
#[uniffi(name = "TagSource")]
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

/// What the dictionary knows about a tag (`posguard::tlv::TagInfo`).
#[derive(uniffi::Record)]
pub struct TagInfo {
    /// The tag in upper-case hex, e.g. `5A`.
    pub tag: String,
    /// Its name, e.g. `Application Primary Account Number (PAN)`.
    pub name: String,
    /// Its format.
    pub format: Format,
    /// Who provides it.
    pub source: Source,
    /// Minimum value length in bytes.
    pub min_length: u64,
    /// Maximum value length in bytes.
    pub max_length: u64,
    /// Cardholder data, masked by `tlvDescribe` (PAN, track data, name…).
    pub sensitive: bool,
}

/// A length from Kotlin, where the platform's `usize` can hold it.
fn length(value: u64) -> Result<usize> {
    Ok(usize::try_from(value).map_err(|_| posguard::Error::InvalidArgument("length out of range"))?)
}

/// What the dictionary knows about `tag` (hex): a registered definition
/// first, then the built-in EMV table; null for an unknown tag.
#[uniffi::export]
pub fn tag_info(tag: String) -> Result<Option<TagInfo>> {
    Ok(dictionary().get(tag.parse()?).map(|i| TagInfo {
        tag: i.tag.to_string(),
        name: i.name.to_string(),
        format: i.format,
        source: i.source,
        min_length: i.min_len as u64,
        max_length: i.max_len as u64,
        sensitive: i.sensitive,
    }))
}

/// Registers (or replaces) a tag definition for the whole process; it takes
/// precedence over the built-in one in `tagInfo`, `tlvDescribe` and `dolBuild`.
#[uniffi::export]
pub fn register_tag(info: TagInfo) -> Result<()> {
    let info = tlv::TagInfo {
        tag: info.tag.parse()?,
        name: Cow::Owned(info.name),
        format: info.format,
        source: info.source,
        min_len: length(info.min_length)?,
        max_len: length(info.max_length)?,
        sensitive: info.sensitive,
    };
    Ok(DICTIONARY.write().unwrap_or_else(PoisonError::into_inner).register(info)?)
}

/// One data object list entry (`posguard::tlv::dol::DolEntry`).
#[derive(uniffi::Record)]
pub struct DolEntry {
    /// The requested data element, upper-case hex.
    pub tag: String,
    /// The length, in bytes, it must have in the DOL data.
    pub length: u64,
}

/// Parses a PDOL, CDOL1, CDOL2, DDOL or TDOL into its entries. Throws
/// `PosguardException.MalformedDol` with the byte offset on malformed input.
#[uniffi::export]
pub fn dol_parse(dol: Vec<u8>) -> Result<Vec<DolEntry>> {
    Ok(dol::parse(&dol)?.into_iter().map(|e| DolEntry { tag: e.tag.to_string(), length: e.len as u64 }).collect())
}

/// Builds the DOL data for `dol` from `values` (tag hex -> value) by the EMV
/// Book 3, 5.4 rules: numeric values left-padded or left-truncated, `cn`
/// padded with `F`, others right-padded or right-truncated, absent ones zeros.
/// Formats come from the dictionary, registered tags included.
#[uniffi::export]
pub fn dol_build(dol: Vec<u8>, values: HashMap<String, Vec<u8>>) -> Result<Vec<u8>> {
    let values = values.into_iter().map(|(tag, v)| Ok((tag.parse()?, v))).collect::<Result<HashMap<Tag, _>>>()?;
    Ok(dol::build(&dol, |tag| values.get(&tag).map(Vec::as_slice), &dictionary())?)
}
