//! Building BER-TLV with minimal length encoding: from a tree of [`Node`]s,
//! or streamed into a caller buffer with [`Writer`].

use alloc::vec;
use alloc::vec::Vec;

use super::{Node, Options, Tag, TlvErrorReason};
use crate::error::{Error, Result};

/// Size of the minimal BER encoding of `len`.
fn len_size(len: usize) -> Result<usize> {
    Ok(match len {
        0..=0x7F => 1,
        0x80..=0xFF => 2,
        0x100..=0xFFFF => 3,
        0x1_0000..=0xFF_FFFF => 4,
        _ if u32::try_from(len).is_ok() => 5,
        _ => return Err(Error::MalformedTlv { offset: 0, reason: TlvErrorReason::LengthTooLong }),
    })
}

fn write_len(len: usize, out: &mut [u8]) {
    let n = out.len();
    if n == 1 {
        out[0] = len as u8;
    } else {
        out[0] = 0x80 | (n - 1) as u8;
        for (i, b) in out[1..].iter_mut().enumerate() {
            *b = (len >> (8 * (n - 2 - i))) as u8;
        }
    }
}

/// Streams TLV objects into a caller buffer, front to back, without allocating.
#[derive(Debug)]
pub struct Writer<'b> {
    buf: &'b mut [u8],
    pos: usize,
    depth: usize,
}

impl<'b> Writer<'b> {
    /// A writer filling `buf` from the start.
    pub fn new(buf: &'b mut [u8]) -> Self {
        Writer { buf, pos: 0, depth: 1 }
    }

    /// The bytes written so far.
    pub fn written(&self) -> &[u8] {
        &self.buf[..self.pos]
    }

    /// Number of bytes written so far.
    pub fn len(&self) -> usize {
        self.pos
    }

    /// True when nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.pos == 0
    }

    fn reserve(&mut self, n: usize) -> Result<&mut [u8]> {
        let end = self.pos + n;
        if end > self.buf.len() {
            return Err(Error::BufferTooSmall { needed: end });
        }
        let out = &mut self.buf[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn write_tag(&mut self, tag: Tag) -> Result<()> {
        let out = self.reserve(tag.len())?;
        out.iter_mut().zip(tag.bytes()).for_each(|(o, b)| *o = b);
        Ok(())
    }

    /// Writes one object whose value is `value` as given (for a template,
    /// already-encoded contents).
    /// All or nothing: on [`Error::BufferTooSmall`] (whose `needed` covers
    /// the whole object) nothing is written.
    pub fn write(&mut self, tag: Tag, value: &[u8]) -> Result<()> {
        let n = len_size(value.len())?;
        let needed = self.pos + tag.len() + n + value.len();
        if needed > self.buf.len() {
            return Err(Error::BufferTooSmall { needed });
        }
        self.write_tag(tag)?;
        write_len(value.len(), self.reserve(n)?);
        self.reserve(value.len())?.copy_from_slice(value);
        Ok(())
    }

    /// Writes a template: `contents` writes its children into this writer,
    /// then the length is filled in with its minimal encoding. While the
    /// template is open the buffer needs 4 bytes of room beyond its final
    /// size (the length field is reserved at its longest, then closed up).
    pub fn constructed(&mut self, tag: Tag, contents: impl FnOnce(&mut Writer<'_>) -> Result<()>) -> Result<()> {
        if !tag.is_constructed() {
            return Err(Error::MalformedTlv { offset: self.pos, reason: TlvErrorReason::ConstructedMismatch });
        }
        if self.depth >= Options::DEFAULT_MAX_DEPTH {
            return Err(Error::MalformedTlv { offset: self.pos, reason: TlvErrorReason::TooDeep });
        }
        let start = self.pos;
        let result = (|| {
            self.write_tag(tag)?;
            // Reserve the longest length field, write the contents, then close the gap.
            let len_at = self.pos;
            self.reserve(5)?;
            let body_at = self.pos;
            let mut inner = Writer { buf: &mut self.buf[..], pos: body_at, depth: self.depth + 1 };
            contents(&mut inner)?;
            let body_end = inner.pos;
            let body_len = body_end - body_at;
            let n = len_size(body_len)?;
            self.buf.copy_within(body_at..body_end, len_at + n);
            write_len(body_len, &mut self.buf[len_at..len_at + n]);
            self.pos = len_at + n + body_len;
            Ok(())
        })();
        if result.is_err() {
            self.pos = start;
        }
        result
    }

    /// Writes a tree of nodes (templates from their children). Sizes are
    /// computed first, so this needs no room beyond [`encoded_len`].
    pub fn write_nodes(&mut self, nodes: &[Node]) -> Result<()> {
        let start = self.pos;
        let result = self.write_nodes_at(nodes, self.depth);
        if result.is_err() {
            self.pos = start;
        }
        result
    }

    fn write_nodes_at(&mut self, nodes: &[Node], depth: usize) -> Result<()> {
        for node in nodes {
            if node.is_constructed() && !node.children.is_empty() {
                let body = size(&node.children, depth + 1)?;
                self.write_tag(node.tag)?;
                let n = len_size(body)?;
                write_len(body, self.reserve(n)?);
                self.write_nodes_at(&node.children, depth + 1)?;
            } else if node.is_constructed() {
                check_template_contents(&node.value)?;
                self.write(node.tag, &node.value)?;
            } else if !node.children.is_empty() {
                return Err(Error::MalformedTlv { offset: self.pos, reason: TlvErrorReason::ConstructedMismatch });
            } else {
                self.write(node.tag, &node.value)?;
            }
        }
        Ok(())
    }
}

/// A template given as raw contents (no children) must itself be valid TLV.
fn check_template_contents(contents: &[u8]) -> Result<()> {
    super::iter(contents, Options::lenient()).try_for_each(|t| t.map(drop)).or_else(|e| match e {
        Error::MalformedTlv { reason: TlvErrorReason::Empty, .. } => Ok(()),
        _ => Err(Error::MalformedTlv { offset: 0, reason: TlvErrorReason::ConstructedMismatch }),
    })
}

/// The encoded size of `nodes`. A template with children is sized from
/// them; one without children from its `value`, taken as encoded contents.
pub fn encoded_len(nodes: &[Node]) -> Result<usize> {
    size(nodes, 1)
}

fn size(nodes: &[Node], depth: usize) -> Result<usize> {
    if depth > Options::DEFAULT_MAX_DEPTH {
        return Err(Error::MalformedTlv { offset: 0, reason: TlvErrorReason::TooDeep });
    }
    nodes.iter().try_fold(0usize, |acc, n| {
        let body =
            if n.is_constructed() && !n.children.is_empty() { size(&n.children, depth + 1)? } else { n.value.len() };
        Ok(acc + n.tag.len() + len_size(body)? + body)
    })
}

/// Encodes `nodes` into `out`; returns the bytes written. On
/// [`Error::BufferTooSmall`] `needed` is the exact size and `out` is untouched.
pub fn encode_into(nodes: &[Node], out: &mut [u8]) -> Result<usize> {
    let needed = encoded_len(nodes)?;
    if needed > out.len() {
        return Err(Error::BufferTooSmall { needed });
    }
    let mut w = Writer::new(&mut out[..needed]);
    w.write_nodes(nodes)?;
    Ok(w.len())
}

/// Encodes `nodes` into a new vector.
pub fn encode(nodes: &[Node]) -> Result<Vec<u8>> {
    let mut out = vec![0; encoded_len(nodes)?];
    let n = encode_into(nodes, &mut out)?;
    out.truncate(n);
    Ok(out)
}
