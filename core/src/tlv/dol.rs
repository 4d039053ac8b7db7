//! Data object lists (PDOL, CDOL1, CDOL2, DDOL, TDOL): a list of (tag, length)
//! entries with no values, and the DOL data a terminal builds from them
//! (EMV Book 3, 5.4).

use alloc::vec;
use alloc::vec::Vec;

use super::dict::{Dictionary, Format};
use super::parse::read_len;
use super::{Tag, TlvErrorReason};
use crate::error::{Error, Result};

/// One DOL entry: a tag and the length the card asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DolEntry {
    /// The requested data element.
    pub tag: Tag,
    /// The length, in bytes, it must have in the DOL data.
    pub len: usize,
}

/// Iterator over DOL entries; yields an error once and stops on malformed input.
#[derive(Debug, Clone)]
pub struct Entries<'a> {
    dol: &'a [u8],
    pos: usize,
    done: bool,
}

/// Walks the entries of `dol` without allocating.
pub fn entries(dol: &[u8]) -> Entries<'_> {
    Entries { dol, pos: 0, done: false }
}

/// The longest DOL data posguard builds: a DOL is at most 252 bytes of
/// entries, and real ones ask for a few hundred bytes at most.
pub const MAX_DOL_DATA: usize = 4096;

fn dol_error(e: Error) -> Error {
    match e {
        Error::MalformedTlv { offset, reason } => Error::MalformedDol { offset, reason },
        other => other,
    }
}

impl Iterator for Entries<'_> {
    type Item = Result<DolEntry>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.pos >= self.dol.len() {
            return None;
        }
        let rest = &self.dol[self.pos..];
        let entry = Tag::read(rest, self.pos, true).and_then(|(tag, tl)| {
            let (len, ll) = read_len(&rest[tl..], self.pos + tl, false)?;
            Ok((DolEntry { tag, len }, tl + ll))
        });
        match entry.map_err(dol_error) {
            Ok((e, n)) => {
                self.pos += n;
                Some(Ok(e))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Parses a DOL into its entries.
pub fn parse(dol: &[u8]) -> Result<Vec<DolEntry>> {
    entries(dol).collect()
}

/// Builds the DOL data for `dol` from `values` (EMV Book 3, 5.4):
/// a value longer than asked is truncated (numeric `n` on the left, others on
/// the right); a shorter one is padded (`n` with leading zeros, `cn` with
/// trailing `F`, others with trailing zeros); an absent value, or a template,
/// is all zeros. Formats come from `dictionary` (unknown tags count as `b`).
pub fn build<'v>(dol: &[u8], values: impl Fn(Tag) -> Option<&'v [u8]>, dictionary: &Dictionary) -> Result<Vec<u8>> {
    let total = entries(dol).try_fold(0usize, |acc, e| Ok::<_, Error>(acc.saturating_add(e?.len)))?;
    if total > MAX_DOL_DATA {
        return Err(Error::MalformedDol { offset: 0, reason: TlvErrorReason::TooLarge });
    }
    let mut out = vec![0u8; total];
    let n = build_into(dol, values, dictionary, &mut out)?;
    out.truncate(n);
    Ok(out)
}

/// [`build`] into a caller buffer; returns the bytes written. On
/// [`Error::BufferTooSmall`] nothing is written.
pub fn build_into<'v>(
    dol: &[u8],
    values: impl Fn(Tag) -> Option<&'v [u8]>,
    dictionary: &Dictionary,
    out: &mut [u8],
) -> Result<usize> {
    let needed = entries(dol).try_fold(0usize, |acc, e| Ok::<_, Error>(acc.saturating_add(e?.len)))?;
    if needed > out.len() {
        return Err(Error::BufferTooSmall { needed });
    }
    let mut pos = 0;
    for entry in entries(dol) {
        let DolEntry { tag, len } = entry?;
        let field = &mut out[pos..pos + len];
        pos += len;
        field.fill(0);
        let format = dictionary.get(tag).map(|i| i.format).unwrap_or(Format::B);
        let Some(value) = values(tag).filter(|_| !tag.is_constructed()) else { continue };
        match format {
            Format::N => {
                // Right-justified: keep the rightmost bytes, pad on the left.
                let take = value.len().min(len);
                field[len - take..].copy_from_slice(&value[value.len() - take..]);
            }
            _ => {
                let take = value.len().min(len);
                field[..take].copy_from_slice(&value[..take]);
                if format == Format::Cn {
                    field[take..].fill(0xFF);
                }
            }
        }
    }
    Ok(pos)
}
