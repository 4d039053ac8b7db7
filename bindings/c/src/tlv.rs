//! EMV BER-TLV: a zero-copy cursor, search and encoding.
//!
//! Walking allocates nothing: a `posguard_tlv_cursor` is a plain struct the
//! caller owns, and every `posguard_tlv` it yields points into the caller's
//! buffer. Encoding writes into caller buffers like every other output.

use std::ffi::c_char;

use posguard::Error;
use posguard::tlv::{self, DescribeOptions, Dictionary, Node, Options, Tag, TlvErrorReason};

use crate::args::{OutBytes, OutText, OutValue, mut_arg, ref_arg, slice_arg};
use crate::{Status, entry};

/// The core's options for the `strict` flag, with the default depth and size limits.
fn options(strict: bool) -> Options {
    if strict { Options::strict() } else { Options::lenient() }
}

/// One BER-TLV object. `value` points into the caller's buffer (nothing is
/// copied) and is valid as long as that buffer is.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PosguardTlv {
    /// The tag, its bytes read big-endian (e.g. `0x9F02`).
    pub tag: u32,
    /// The value; for a template, its encoded contents.
    pub value: *const u8,
    /// Length of the value in bytes.
    pub value_len: usize,
    /// Offset of the tag's first byte in the input given to `posguard_tlv_cursor_init`.
    pub offset: usize,
    /// Offset of the value's first byte in that input.
    pub value_offset: usize,
    /// Nesting depth: 1 for a top-level object.
    pub depth: usize,
    /// True for a template (constructed tag): walk its contents with `posguard_tlv_children`.
    pub constructed: bool,
    /// Whether it was parsed in strict mode; `posguard_tlv_children` keeps the mode.
    pub strict: bool,
}

/// A position in BER-TLV data, advanced by `posguard_tlv_next`. The caller
/// owns it (e.g. on the stack) and sets it up with `posguard_tlv_cursor_init`
/// or `posguard_tlv_children`; its fields other than `error_offset` are
/// posguard's to change. Copy it to remember a position. It points into the
/// caller's buffer, which must outlive it.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PosguardTlvCursor {
    /// The bytes of this level: the whole input, or a template's contents.
    pub data: *const u8,
    /// Number of bytes at `data`.
    pub len: usize,
    /// Offset of `data[0]` in the input given to `posguard_tlv_cursor_init`.
    pub base: usize,
    /// Offset in `data` where the next read starts.
    pub pos: usize,
    /// Nesting depth of this level: 1 for the top level.
    pub depth: usize,
    /// Strict mode: no non-minimal encodings, no trailing bytes.
    pub strict: bool,
    /// After `POSGUARD_STATUS_MALFORMED_TLV`: the offset of the offending byte in the input.
    pub error_offset: usize,
}

/// Sets `*cursor` at the start of `data[len]`, in strict mode (reject
/// non-minimal tags and lengths and trailing filler) or lenient mode (accept
/// what real cards send). The data is not read until `posguard_tlv_next`.
///
/// # Safety
/// `cursor` is writable; `data` points to `len` readable bytes that outlive
/// every use of the cursor (NULL allowed when `len` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tlv_cursor_init(
    cursor: *mut PosguardTlvCursor,
    data: *const u8,
    len: usize,
    strict: bool,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller; the slice only checks the pointer.
        let (cursor, _) = unsafe { (OutValue::new(cursor)?, slice_arg(data, len)?) };
        cursor.write(PosguardTlvCursor { data, len, base: 0, pos: 0, depth: 1, strict, error_offset: 0 });
        Ok(())
    })
}

/// Reads the next object of the cursor's level into `*out` and advances:
/// `POSGUARD_STATUS_OK`, `POSGUARD_STATUS_END` when the level has no more
/// objects (`00`/`FF` filler is skipped), or `POSGUARD_STATUS_MALFORMED_TLV`
/// with `cursor->error_offset` set. An empty input is malformed; an empty
/// template is not. After `END` or an error the cursor stays where it is and
/// answers the same again. Allocates nothing.
///
/// # Safety
/// `cursor` was set up by `posguard_tlv_cursor_init` or
/// `posguard_tlv_children` and its buffer is still valid; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tlv_next(cursor: *mut PosguardTlvCursor, out: *mut PosguardTlv) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (cursor, out) = unsafe { (mut_arg(cursor)?, OutValue::new(out)?) };
        // SAFETY: the cursor points into the caller's buffer, which outlives it.
        let data = unsafe { slice_arg(cursor.data, cursor.len)? };
        let mut objects = tlv::Iter::resume(data, cursor.base, cursor.depth, cursor.pos, options(cursor.strict));
        match objects.next() {
            Some(Ok(t)) => {
                cursor.pos = objects.position();
                out.write(PosguardTlv {
                    tag: t.tag().value(),
                    value: t.value().as_ptr(),
                    value_len: t.value().len(),
                    offset: t.offset(),
                    value_offset: t.value_offset(),
                    depth: cursor.depth,
                    constructed: t.is_constructed(),
                    strict: cursor.strict,
                });
                Ok(())
            }
            Some(Err(e)) => {
                cursor.error_offset = e.offset().unwrap_or(cursor.base + cursor.pos);
                Err(e.into())
            }
            None => Err(Status::End),
        }
    })
}

/// Sets `*out` at the start of a template's contents, one level deeper (a
/// primitive object has none: the cursor ends at once). Nesting deeper than
/// the limit (16 levels) is `POSGUARD_STATUS_MALFORMED_TLV` on the first
/// `posguard_tlv_next`.
///
/// # Safety
/// `parent` was filled by `posguard_tlv_next` and its buffer is still valid;
/// `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tlv_children(parent: *const PosguardTlv, out: *mut PosguardTlvCursor) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (parent, out) = unsafe { (ref_arg(parent)?, OutValue::new(out)?) };
        out.write(PosguardTlvCursor {
            data: parent.value,
            len: if parent.constructed { parent.value_len } else { 0 },
            base: parent.value_offset,
            pos: 0,
            depth: parent.depth.saturating_add(1),
            strict: parent.strict,
            error_offset: 0,
        });
        Ok(())
    })
}

/// Finds the first object with `tag`, depth-first (a template before its
/// contents, its contents before the next object): `*value` receives a
/// pointer into `data` and `*value_len` its length. `POSGUARD_STATUS_NOT_FOUND`
/// when absent; `POSGUARD_STATUS_MALFORMED_TLV` for malformed data met on the
/// way or an invalid tag. Allocates nothing.
///
/// # Safety
/// `data` points to `len` readable bytes; `value` and `value_len` are writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tlv_find(
    data: *const u8,
    len: usize,
    tag: u32,
    strict: bool,
    value: *mut *const u8,
    value_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (data, value, value_len) =
            unsafe { (slice_arg(data, len)?, OutValue::new(value)?, OutValue::new(value_len)?) };
        let found = tlv::find(data, Tag::new(tag)?, options(strict))?.ok_or(Status::NotFound)?;
        value.write(found.value().as_ptr());
        value_len.write(found.value().len());
        Ok(())
    })
}

/// Encodes one primitive object (tag, minimal length, value) into `out`.
/// A constructed tag is `POSGUARD_STATUS_MALFORMED_TLV`: use
/// `posguard_tlv_encode_template`.
///
/// # Safety
/// `value` points to `value_len` readable bytes; `out` is writable for
/// `out_cap` bytes (NULL allowed when `out_cap` is 0, to ask for the size);
/// `out_len` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tlv_encode_primitive(
    tag: u32,
    value: *const u8,
    value_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (value, out) = unsafe { (slice_arg(value, value_len)?, OutBytes::new(out, out_cap, out_len)?) };
        let tag = Tag::new(tag)?;
        if tag.is_constructed() {
            // The core would encode a template from (no) children and drop the value.
            return Err(Error::MalformedTlv { offset: 0, reason: TlvErrorReason::ConstructedMismatch }.into());
        }
        out.write(&tlv::encode(&[Node::primitive(tag, value)])?)
    })
}

/// Encodes a template: a constructed `tag` around `contents`, zero or more
/// encoded objects (e.g. from `posguard_tlv_encode_primitive` or this
/// function), which are checked in strict mode and re-encoded minimally.
/// Compose nested templates from the inside out.
///
/// # Safety
/// As `posguard_tlv_encode_primitive`, with `contents` for `value`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tlv_encode_template(
    tag: u32,
    contents: *const u8,
    contents_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (contents, out) = unsafe { (slice_arg(contents, contents_len)?, OutBytes::new(out, out_cap, out_len)?) };
        // The core's parser wants at least one object; an empty template is valid.
        let children = if contents.is_empty() { Vec::new() } else { tlv::parse(contents, Options::strict())? };
        out.write(&tlv::encode(&[Node::constructed(Tag::new(tag)?, children)?])?)
    })
}

/// Describes `data` for people: an indented tree, one line per object with
/// its tag, its name in the built-in dictionary and its decoded value. PAN,
/// track data and other cardholder data are masked unless `show_sensitive`.
/// The text is NUL-terminated; `*out_len` receives its size with the NUL (or
/// the size needed, with `POSGUARD_STATUS_BUFFER_TOO_SMALL`).
///
/// # Safety
/// `data` points to `len` readable bytes; `out` is writable for `out_cap`
/// bytes (NULL allowed when `out_cap` is 0, to ask for the size); `out_len`
/// is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tlv_describe(
    data: *const u8,
    len: usize,
    show_sensitive: bool,
    strict: bool,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (data, out) = unsafe { (slice_arg(data, len)?, OutText::with_len(out, out_cap, out_len)?) };
        out.write(&tlv::describe(data, &Dictionary::new(), DescribeOptions { show_sensitive, strict })?)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    /// One object as a walk sees it: depth, tag, offset, value offset, value length.
    type Object = (usize, u32, usize, usize, usize);

    /// The objects of a depth-first walk, then the error offset if the walk failed.
    type Walk = (Vec<Object>, Option<usize>);

    /// The reference: the core's iterator, recursively.
    fn core_walk(data: &[u8], strict: bool) -> Walk {
        fn level(objects: tlv::Iter<'_>, depth: usize, out: &mut Vec<Object>) -> Option<usize> {
            for t in objects {
                match t {
                    Ok(t) => {
                        out.push((depth, t.tag().value(), t.offset(), t.value_offset(), t.value().len()));
                        if let Some(offset) = level(t.children(), depth + 1, out) {
                            return Some(offset);
                        }
                    }
                    Err(Error::MalformedTlv { offset, .. }) => return Some(offset),
                    Err(e) => panic!("unexpected {e:?}"),
                }
            }
            None
        }
        let mut out = Vec::new();
        let error = level(tlv::iter(data, options(strict)), 1, &mut out);
        (out, error)
    }

    /// The same walk through the C API.
    fn cursor_walk(data: &[u8], strict: bool) -> Walk {
        fn level(cursor: &mut PosguardTlvCursor, data: &[u8], out: &mut Vec<Object>) -> Option<usize> {
            let mut t = PosguardTlv {
                tag: 0,
                value: std::ptr::null(),
                value_len: 0,
                offset: 0,
                value_offset: 0,
                depth: 0,
                constructed: false,
                strict: false,
            };
            loop {
                // SAFETY: the cursor points into `data`, which outlives the walk.
                match unsafe { posguard_tlv_next(cursor, &mut t) } {
                    Status::Ok => {}
                    Status::End => return None,
                    Status::MalformedTlv => return Some(cursor.error_offset),
                    other => panic!("unexpected {other:?}"),
                }
                assert_eq!(t.value, data[t.value_offset..].as_ptr(), "the value points into the input");
                out.push((t.depth, t.tag, t.offset, t.value_offset, t.value_len));
                let mut inner = *cursor;
                // SAFETY: `t` was filled by posguard_tlv_next.
                assert_eq!(unsafe { posguard_tlv_children(&t, &mut inner) }, Status::Ok);
                if let Some(offset) = level(&mut inner, data, out) {
                    return Some(offset);
                }
            }
        }
        let mut cursor = PosguardTlvCursor {
            data: std::ptr::null(),
            len: 0,
            base: 0,
            pos: 0,
            depth: 0,
            strict: false,
            error_offset: 0,
        };
        // SAFETY: `data` outlives the cursor.
        assert_eq!(unsafe { posguard_tlv_cursor_init(&mut cursor, data.as_ptr(), data.len(), strict) }, Status::Ok);
        let mut out = Vec::new();
        let error = level(&mut cursor, data, &mut out);
        (out, error)
    }

    fn vectors() -> Vec<Vec<u8>> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../core/tests/vectors/tlv.json");
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        json["vectors"].as_array().unwrap().iter().map(|v| hex::decode(v["hex"].as_str().unwrap()).unwrap()).collect()
    }

    /// Resuming the core's iterator (`Iter::resume`) must not change a thing:
    /// every vector, every truncation and every byte replaced by a value that
    /// matters to BER (filler, long and indefinite lengths, multi-byte and
    /// constructed tags), in both modes, walks the same as with the core.
    #[test]
    fn the_cursor_walks_exactly_like_the_core() {
        let mut inputs = vec![
            hex::decode(
                "00 6F 1B 84 07 A0000000031010 A5 10 50 0B 5649534120435245444954 87 01 01 00 FF".replace(' ', ""),
            )
            .unwrap(),
            hex::decode("7006 5A0101 00FF 00 5A0102".replace(' ', "")).unwrap(),
            hex::decode("7000 E000 5A00 0000".replace(' ', "")).unwrap(),
        ];
        inputs.push((0..20).flat_map(|i| [0x70, 2 * (19 - i)]).collect());
        for v in vectors() {
            for cut in 0..v.len() {
                inputs.push(v[..cut].to_vec());
            }
            for i in 0..v.len() {
                for b in [0x00, 0xFF, 0x80, 0x81, 0x84, 0x85, 0x1F, 0x20, 0x70, 0x9F] {
                    let mut m = v.clone();
                    m[i] = b;
                    inputs.push(m);
                }
            }
            inputs.push(v);
        }
        let mut errors = 0;
        for data in &inputs {
            for strict in [false, true] {
                let expected = core_walk(data, strict);
                errors += usize::from(expected.1.is_some());
                assert_eq!(cursor_walk(data, strict), expected, "{} strict={strict}", hex::encode(data));
            }
        }
        assert!(errors > 1000 && errors < 2 * inputs.len(), "{errors} of {} walks failed", 2 * inputs.len());
    }
}
