//! EMV BER-TLV (ISO/IEC 8825-1 as EMV Book 3 Annex B uses it).
//!
//! - [`iter`] walks a buffer without copying or allocating: each [`Tlv`]
//!   borrows its value, and [`Tlv::children`] walks a template the same way.
//! - [`Tree::parse`] builds an owned tree in two allocations (a copy of the
//!   input and a flat list of objects); [`NodeRef`]s walk it like [`Tlv`]s.
//! - [`parse`] builds an owned tree of [`Node`]s, the form [`encode`] takes.
//!   Both keep order and duplicates.
//! - [`encode`] / [`Writer`] build TLV with minimal length encoding, into a
//!   `Vec` or streamed into a caller buffer.
//! - [`dict`] names tags and knows their formats; [`dol`] parses data
//!   object lists and builds DOL data.
//!
//! Parsers are total: any malformed input is an [`Error::MalformedTlv`]
//! carrying the byte offset, never a panic. Depth and size are bounded by
//! [`Options`].

mod build;
mod describe;
pub mod dict;
pub mod dol;
mod parse;
mod tag;
mod tree;
pub mod value;

use core::fmt;

pub use build::{Writer, encode, encode_into, encoded_len};
pub use describe::{DescribeOptions, Described, describe, describe_tree, mask};
pub use dict::{Dictionary, Format, Source, TagInfo};
pub use parse::{Iter, Node, Tlv, find, iter, parse};
pub use tag::{Class, Tag};
pub use tree::{Children, NodeRef, Tree};
pub use value::describe_value;

#[allow(unused_imports)] // linked from the module docs
use crate::error::Error;

/// Parser options. [`Options::default`] is lenient with the default limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Reject non-minimal tag and length encodings and trailing bytes that do
    /// not form a complete object. Lenient mode accepts both, as real cards send them.
    pub strict: bool,
    /// Maximum nesting depth of constructed objects (the top level is depth 1).
    pub max_depth: usize,
    /// Maximum input size in bytes.
    pub max_size: usize,
}

impl Options {
    /// Default nesting limit: EMV templates nest 3 or 4 deep; 16 leaves room.
    pub const DEFAULT_MAX_DEPTH: usize = 16;
    /// Default size limit: 1 MiB.
    pub const DEFAULT_MAX_SIZE: usize = 1 << 20;

    /// Strict options with the default limits.
    pub const fn strict() -> Self {
        Options { strict: true, max_depth: Self::DEFAULT_MAX_DEPTH, max_size: Self::DEFAULT_MAX_SIZE }
    }

    /// Lenient options with the default limits.
    pub const fn lenient() -> Self {
        Options { strict: false, max_depth: Self::DEFAULT_MAX_DEPTH, max_size: Self::DEFAULT_MAX_SIZE }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::lenient()
    }
}

/// What is wrong with malformed TLV or DOL data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TlvErrorReason {
    /// The input ends inside a tag.
    TruncatedTag,
    /// A tag longer than 4 bytes.
    TagTooLong,
    /// A tag with a redundant leading subsequent byte (`0x80`) (strict mode).
    NonMinimalTag,
    /// The input ends inside a length.
    TruncatedLength,
    /// The indefinite length form (`0x80`), which EMV does not use.
    IndefiniteLength,
    /// A length of more than 4 length bytes (`0x85` and above).
    LengthTooLong,
    /// A length encoded in more bytes than needed (strict mode).
    NonMinimalLength,
    /// A value running past the end of the input or of its template.
    ValuePastEnd,
    /// Templates nested deeper than the depth limit.
    TooDeep,
    /// Input larger than the size limit.
    TooLarge,
    /// Bytes after the last object that do not form a complete object (strict mode).
    TrailingBytes,
    /// Empty input where an object is required.
    Empty,
    /// Not a valid tag (e.g. a malformed hex tag name, or a filler byte).
    InvalidTag,
    /// Children given for a primitive tag, or a template whose content is not TLV.
    ConstructedMismatch,
    /// A value that does not follow the format of its data element (value decoders).
    InvalidValue,
}

impl fmt::Display for TlvErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TlvErrorReason::TruncatedTag => "input ends inside a tag",
            TlvErrorReason::TagTooLong => "tag longer than 4 bytes",
            TlvErrorReason::NonMinimalTag => "non-minimal tag encoding",
            TlvErrorReason::TruncatedLength => "input ends inside a length",
            TlvErrorReason::IndefiniteLength => "indefinite length is not allowed",
            TlvErrorReason::LengthTooLong => "length of more than 4 bytes",
            TlvErrorReason::NonMinimalLength => "non-minimal length encoding",
            TlvErrorReason::ValuePastEnd => "value runs past the end of its container",
            TlvErrorReason::TooDeep => "nesting deeper than the limit",
            TlvErrorReason::TooLarge => "input larger than the limit",
            TlvErrorReason::TrailingBytes => "trailing bytes after the last object",
            TlvErrorReason::Empty => "empty input",
            TlvErrorReason::InvalidTag => "invalid tag",
            TlvErrorReason::ConstructedMismatch => "primitive/constructed mismatch",
            TlvErrorReason::InvalidValue => "invalid value for its data element",
        })
    }
}

#[cfg(test)]
mod tests;
