//! The BER-TLV parser: a zero-copy iterator, and owned [`Node`]s built
//! through a [`Tree`].

use alloc::vec::Vec;

use super::{Options, Tag, TlvErrorReason, Tree};
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

/// The header of an object with a one- or two-byte tag and a short or
/// `81 xx` length (nearly every EMV object): the tag, the value's length and
/// the bytes after the header. `None` for anything else, valid or not, and
/// for filler.
#[inline(always)]
fn quick_header(rest: &[u8]) -> Option<(Tag, usize, &[u8])> {
    let [b0, tail @ ..] = rest else { return None };
    let (tag, tail) = if b0 & 0x1F != 0x1F {
        if *b0 == 0x00 {
            return None;
        }
        (u32::from(*b0), tail)
    } else {
        let [b1 @ 0..=0x7F, tail @ ..] = tail else { return None };
        if *b0 == 0xFF {
            return None;
        }
        ((u32::from(*b0) << 8) | u32::from(*b1), tail)
    };
    match tail {
        [len @ 0..=0x7F, tail @ ..] | [0x81, len @ 0x80..=0xFF, tail @ ..] => {
            Some((Tag::raw(tag), usize::from(*len), tail))
        }
        _ => None,
    }
}

/// One object, borrowing its value from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    value: &'a [u8],
    value_offset: usize,
    /// Levels below this object where objects may still appear (the depth limit).
    room: usize,
    tag: Tag,
    /// Tag and length bytes: at most 4 + 5.
    header: u8,
    constructed: bool,
    strict: bool,
}

impl<'a> Tlv<'a> {
    /// The tag.
    #[inline]
    pub fn tag(&self) -> Tag {
        self.tag
    }

    /// The value (for a template: its encoded contents).
    #[inline]
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// Offset of the tag's first byte in the input given to [`iter`].
    #[inline]
    pub fn offset(&self) -> usize {
        self.value_offset - usize::from(self.header)
    }

    /// Offset of the value's first byte in the input given to [`iter`].
    #[inline]
    pub fn value_offset(&self) -> usize {
        self.value_offset
    }

    /// True for a template (constructed tag).
    #[inline]
    pub fn is_constructed(&self) -> bool {
        self.constructed
    }

    /// The objects inside a template; empty for a primitive object.
    #[inline]
    pub fn children(&self) -> Iter<'a> {
        Iter {
            rest: self.value,
            end: self.value_offset + self.value.len(),
            len: self.value.len(),
            room: self.room,
            state: if self.constructed { State::Walking } else { State::Done },
            strict: self.strict,
            nested: true,
            resumed: false,
        }
    }

    /// Tag and length bytes, for the tree builder.
    pub(super) fn header_len(&self) -> u8 {
        self.header
    }
}

/// Iterator over the objects at one level of a buffer. Yields an error once
/// and then stops when the data is malformed. Allocates nothing.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    /// The bytes of this level not read yet.
    rest: &'a [u8],
    /// Offset of the end of this level in the input.
    end: usize,
    /// Length of this level's bytes.
    len: usize,
    /// Levels, this one included, where objects may still appear (the depth limit).
    room: usize,
    state: State,
    strict: bool,
    /// Inside a template, where no objects at all is fine.
    nested: bool,
    /// Resumed past the start: an object was read before.
    resumed: bool,
}

/// Where an [`Iter`] stands. The size limit and empty input are checked
/// once, when the iterator is made; their error waits for the first `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Walking,
    Done,
    TooLarge,
    Empty,
}

/// Walks the top-level objects of `data`.
pub fn iter(data: &[u8], options: Options) -> Iter<'_> {
    Iter::resume(data, 0, 1, 0, options)
}

impl<'a> Iter<'a> {
    /// Where the next read starts, as an offset into this level's data
    /// (just past the last object returned). With [`Iter::resume`] a caller
    /// that cannot hold the iterator (a C cursor) continues exactly here.
    pub fn position(&self) -> usize {
        self.len - self.rest.len()
    }

    /// Continues walking one level: `data` is the level's bytes (the whole
    /// input for `depth` 1, else a template's contents), `base` the offset of
    /// `data[0]` in the input, `position` a value from [`Iter::position`] (or 0).
    pub fn resume(data: &'a [u8], base: usize, depth: usize, position: usize, options: Options) -> Self {
        let room = if depth > options.max_depth { 0 } else { (options.max_depth - depth).saturating_add(1) };
        let (nested, resumed) = (depth > 1, position > 0);
        let state = if data.len() > options.max_size {
            State::TooLarge
        } else if data.is_empty() && !nested && !resumed {
            State::Empty
        } else {
            State::Walking
        };
        Iter {
            rest: data.get(position..).unwrap_or_default(),
            end: base + data.len(),
            len: data.len(),
            room,
            state,
            strict: options.strict,
            nested,
            resumed,
        }
    }

    fn fail(&mut self, e: Error) -> Option<Result<Tlv<'a>>> {
        self.state = State::Done;
        Some(Err(e))
    }

    /// The error found when the iterator was made.
    #[cold]
    fn fail_at_start(&mut self) -> Option<Result<Tlv<'a>>> {
        let reason = if self.state == State::TooLarge { TlvErrorReason::TooLarge } else { TlvErrorReason::Empty };
        self.fail(malformed(self.end - self.len, reason))
    }

    /// The end of this level's bytes after filler: `before` is what was
    /// left when this `next` started.
    fn finish(&mut self, before: usize) -> Option<Result<Tlv<'a>>> {
        self.state = State::Done;
        let base = self.end - self.len;
        let read_before = self.resumed || before != self.len;
        if !read_before && !self.nested {
            return Some(Err(malformed(base, TlvErrorReason::Empty)));
        }
        // Strict mode: filler may separate objects but not trail them, at any level.
        if self.strict && before != 0 {
            return Some(Err(malformed(self.end - before, TlvErrorReason::TrailingBytes)));
        }
        None
    }

    /// Skips filler, then reads any object, or ends the level, or fails.
    #[inline(never)]
    fn next_slow(&mut self) -> Option<Result<Tlv<'a>>> {
        let before = self.rest.len();
        let mut rest = self.rest;
        while let [0x00 | 0xFF, tail @ ..] = rest {
            rest = tail;
        }
        self.rest = rest;
        if rest.is_empty() {
            return self.finish(before);
        }
        let at = self.end - rest.len();
        // Checked only when there is an object here: an empty template at the limit is fine.
        if self.room == 0 {
            return self.fail(malformed(at, TlvErrorReason::TooDeep));
        }
        let (tag, tag_len) = match Tag::read(rest, at, self.strict) {
            Ok(t) => t,
            Err(e) => return self.fail(e),
        };
        let after_tag = rest.get(tag_len..).unwrap_or_default();
        let tag_end = at + tag_len;
        let (len, len_len) = match read_len(after_tag, tag_end, self.strict) {
            Ok(l) => l,
            Err(e) => return self.fail(e),
        };
        let after_len = after_tag.get(len_len..).unwrap_or_default();
        let Some((value, next)) = after_len.split_at_checked(len) else {
            return self.fail(malformed(tag_end, TlvErrorReason::ValuePastEnd));
        };
        Some(Ok(self.take(rest, tag, after_len, value, next)))
    }

    /// Returns the object at the start of `rest` and moves past it.
    #[inline(always)]
    fn take(&mut self, rest: &'a [u8], tag: Tag, after_len: &'a [u8], value: &'a [u8], next: &'a [u8]) -> Tlv<'a> {
        self.rest = next;
        Tlv {
            value,
            value_offset: self.end - after_len.len(),
            room: self.room - 1,
            tag,
            // At most 4 tag and 5 length bytes.
            header: (rest.len() - after_len.len()) as u8,
            constructed: rest.first().is_some_and(|b| b & 0x20 != 0),
            strict: self.strict,
        }
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = Result<Tlv<'a>>;

    /// The common header forms and the end of the level, inlined into the
    /// caller (always: a recursive walk would otherwise call it); filler,
    /// other forms and every error in `Iter::next_slow`.
    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        match self.state {
            State::Walking => {}
            State::Done => return None,
            State::TooLarge | State::Empty => return self.fail_at_start(),
        }
        let rest = self.rest;
        if let Some((tag, len, after_len)) = quick_header(rest)
            && let Some((value, next)) = after_len.split_at_checked(len)
            && self.room != 0
        {
            return Some(Ok(self.take(rest, tag, after_len, value, next)));
        }
        if rest.is_empty() {
            // Nothing trails, and a level that cannot be empty fails when made.
            self.state = State::Done;
            return None;
        }
        self.next_slow()
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
}

/// Parses `data` into an owned tree, validating every template down to the
/// depth limit. [`Tree::parse`] checks the same and allocates twice in all
/// instead of once or twice per object.
pub fn parse(data: &[u8], options: Options) -> Result<Vec<Node>> {
    Ok(Tree::parse(data, options)?.to_nodes())
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
