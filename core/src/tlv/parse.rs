//! The BER-TLV parser: a zero-copy iterator and an owned tree on top of it.

use alloc::vec::Vec;

use super::{Options, Tag, TlvErrorReason};
use crate::error::{Error, Result};

fn malformed(offset: usize, reason: TlvErrorReason) -> Error {
    Error::MalformedTlv { offset, reason }
}

/// Reads a BER length at the start of `data`; returns it and its size in bytes.
#[inline]
pub(super) fn read_len(data: &[u8], offset: usize, strict: bool) -> Result<(usize, usize)> {
    let first = *data.first().ok_or(malformed(offset, TlvErrorReason::TruncatedLength))?;
    if first < 0x80 {
        return Ok((usize::from(first), 1));
    }
    let n = usize::from(first & 0x7F);
    if n == 0 {
        return Err(malformed(offset, TlvErrorReason::IndefiniteLength));
    }
    if n > 4 {
        return Err(malformed(offset, TlvErrorReason::LengthTooLong));
    }
    let bytes = data.get(1..=n).ok_or(malformed(offset + data.len(), TlvErrorReason::TruncatedLength))?;
    let len = bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    if strict && (bytes[0] == 0 || (n == 1 && len < 0x80)) {
        return Err(malformed(offset, TlvErrorReason::NonMinimalLength));
    }
    let len = usize::try_from(len).map_err(|_| malformed(offset, TlvErrorReason::ValuePastEnd))?;
    Ok((len, n + 1))
}

/// EMV allows `00` and `FF` as padding before, between and after objects.
fn is_filler(b: u8) -> bool {
    b == 0x00 || b == 0xFF
}

/// One object, borrowing its value from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    tag: Tag,
    value: &'a [u8],
    offset: usize,
    value_offset: usize,
    depth: usize,
    options: Options,
}

impl<'a> Tlv<'a> {
    /// The tag.
    pub fn tag(&self) -> Tag {
        self.tag
    }

    /// The value (for a template: its encoded contents).
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// Offset of the tag's first byte in the input given to [`iter`].
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Offset of the value's first byte in the input given to [`iter`].
    pub fn value_offset(&self) -> usize {
        self.value_offset
    }

    /// True for a template (constructed tag).
    pub fn is_constructed(&self) -> bool {
        self.tag.is_constructed()
    }

    /// The objects inside a template; empty for a primitive object.
    pub fn children(&self) -> Iter<'a> {
        let mut it = Iter::new(self.value, self.value_offset, self.depth + 1, self.options);
        it.done = !self.is_constructed();
        it.nested = true;
        it
    }
}

/// Iterator over the objects at one level of a buffer. Yields an error once
/// and then stops when the data is malformed. Allocates nothing.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
    depth: usize,
    options: Options,
    done: bool,
    nested: bool,
    yielded: bool,
}

/// Walks the top-level objects of `data`.
pub fn iter(data: &[u8], options: Options) -> Iter<'_> {
    Iter::new(data, 0, 1, options)
}

impl<'a> Iter<'a> {
    fn new(data: &'a [u8], base: usize, depth: usize, options: Options) -> Self {
        Iter { data, pos: 0, base, depth, options, done: false, nested: false, yielded: false }
    }

    /// Where the next read starts, as an offset into this level's data
    /// (just past the last object returned). With [`Iter::resume`] a caller
    /// that cannot hold the iterator (a C cursor) continues exactly here.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Continues walking one level: `data` is the level's bytes (the whole
    /// input for `depth` 1, else a template's contents), `base` the offset of
    /// `data[0]` in the input, `position` a value from [`Iter::position`] (or 0).
    pub fn resume(data: &'a [u8], base: usize, depth: usize, position: usize, options: Options) -> Self {
        let mut it = Iter::new(data, base, depth, options);
        it.pos = position.min(data.len());
        it.nested = depth > 1;
        it.yielded = position > 0;
        it
    }

    fn fail(&mut self, e: Error) -> Option<Result<Tlv<'a>>> {
        self.done = true;
        Some(Err(e))
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = Result<Tlv<'a>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.data.len() > self.options.max_size {
            return self.fail(malformed(self.base, TlvErrorReason::TooLarge));
        }
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_filler(b)) {
            self.pos += 1;
        }
        let at = self.base + self.pos;
        let rest = &self.data[self.pos..];
        if rest.is_empty() {
            self.done = true;
            // Strict mode: filler may separate objects but not trail them, at any level.
            return match (self.yielded, self.nested) {
                (false, false) => Some(Err(malformed(self.base, TlvErrorReason::Empty))),
                _ if self.options.strict && start != self.pos => {
                    Some(Err(malformed(self.base + start, TlvErrorReason::TrailingBytes)))
                }
                _ => None,
            };
        }
        // Checked only when there is an object here: an empty template at the limit is fine.
        if self.depth > self.options.max_depth {
            return self.fail(malformed(at, TlvErrorReason::TooDeep));
        }
        let strict = self.options.strict;
        let (tag, tag_len) = match Tag::read(rest, at, strict) {
            Ok(t) => t,
            Err(e) => return self.fail(e),
        };
        let (len, len_len) = match read_len(&rest[tag_len..], at + tag_len, strict) {
            Ok(l) => l,
            Err(e) => return self.fail(e),
        };
        let header = tag_len + len_len;
        let Some(value) = rest.get(header..).and_then(|v| v.get(..len)) else {
            return self.fail(malformed(at + tag_len, TlvErrorReason::ValuePastEnd));
        };
        self.pos += header + len;
        self.yielded = true;
        Some(Ok(Tlv { tag, value, offset: at, value_offset: at + header, depth: self.depth, options: self.options }))
    }
}

/// An owned object: tag, value and, for a template, its children in order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Node {
    /// The tag.
    pub tag: Tag,
    /// The value. For a template this is its encoded contents as parsed; when
    /// encoding a template, its `children` are used, or `value` (which must
    /// then be valid TLV) when it has none.
    pub value: Vec<u8>,
    /// The objects inside a template, in order, duplicates kept.
    pub children: Vec<Node>,
}

impl Node {
    /// A primitive object.
    pub fn primitive(tag: Tag, value: &[u8]) -> Self {
        Node { tag, value: value.to_vec(), children: Vec::new() }
    }

    /// A template holding `children`; its `value` is their encoding.
    pub fn constructed(tag: Tag, children: Vec<Node>) -> Result<Self> {
        if !tag.is_constructed() {
            return Err(malformed(0, TlvErrorReason::ConstructedMismatch));
        }
        let value = super::encode(&children)?;
        Ok(Node { tag, value, children })
    }

    /// True for a template (constructed tag).
    pub fn is_constructed(&self) -> bool {
        self.tag.is_constructed()
    }

    fn from_tlv(tlv: &Tlv<'_>) -> Result<Self> {
        let children = tlv.children().map(|c| c.and_then(|c| Node::from_tlv(&c))).collect::<Result<Vec<_>>>()?;
        Ok(Node { tag: tlv.tag(), value: tlv.value().to_vec(), children })
    }
}

/// Parses `data` into an owned tree, validating every template down to the depth limit.
pub fn parse(data: &[u8], options: Options) -> Result<Vec<Node>> {
    iter(data, options).map(|t| t.and_then(|t| Node::from_tlv(&t))).collect()
}

/// The first object with `tag`, depth-first (a template before its children,
/// children before the next sibling). Malformed data met on the way is an error.
pub fn find<'a>(data: &'a [u8], tag: Tag, options: Options) -> Result<Option<Tlv<'a>>> {
    fn walk<'a>(it: Iter<'a>, tag: Tag) -> Result<Option<Tlv<'a>>> {
        for t in it {
            let t = t?;
            if t.tag() == tag {
                return Ok(Some(t));
            }
            if let Some(found) = walk(t.children(), tag)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }
    walk(iter(data, options), tag)
}
