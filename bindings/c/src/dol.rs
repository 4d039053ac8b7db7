//! Data object lists (PDOL, CDOL1, CDOL2, DDOL, TDOL) and the DOL data a
//! terminal sends for them (EMV Book 3, 5.4).

use posguard::tlv::{Dictionary, Tag, dol};

use crate::args::{OutBytes, OutSlice, slice_arg};
use crate::{Status, entry};

/// One DOL entry: a tag and the length the card asks for.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PosguardDolEntry {
    /// The data element requested.
    pub tag: u32,
    /// Its length in the DOL data, in bytes.
    pub len: usize,
}

/// A tag and its value, as input to `posguard_dol_build`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PosguardTlvValue {
    /// The tag.
    pub tag: u32,
    /// The value (NULL allowed when `value_len` is 0).
    pub value: *const u8,
    /// Length of the value in bytes.
    pub value_len: usize,
}

/// Parses a DOL into `out[out_cap]` entries; `*out_count` receives the number
/// of entries (or the number needed, with `POSGUARD_STATUS_BUFFER_TOO_SMALL`
/// and nothing written). A malformed DOL is `POSGUARD_STATUS_MALFORMED_DOL`.
///
/// # Safety
/// `dol` points to `dol_len` readable bytes; `out` is writable for `out_cap`
/// entries (NULL allowed when `out_cap` is 0); `out_count` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dol_parse(
    dol: *const u8,
    dol_len: usize,
    out: *mut PosguardDolEntry,
    out_cap: usize,
    out_count: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (dol, out) = unsafe { (slice_arg(dol, dol_len)?, OutSlice::new(out, out_cap, out_count)?) };
        let entries = dol::entries(dol)
            .map(|e| e.map(|e| PosguardDolEntry { tag: e.tag.value(), len: e.len }))
            .collect::<Result<Vec<_>, _>>()?;
        out.write(&entries)
    })
}

/// Builds the DOL data for `dol` from `values[n_values]` with the EMV Book 3
/// rules and the built-in dictionary's formats: a longer value is cut (format
/// `n` on the left, others on the right), a shorter one padded (`n` with
/// leading zeros, `cn` with trailing `F`s, others with trailing zeros), an
/// absent value or a template is all zeros. The first value given for a tag
/// is used.
///
/// # Safety
/// `dol` points to `dol_len` readable bytes; `values` to `n_values` entries
/// whose `value` points to `value_len` readable bytes; `out`/`out_len` as in
/// `posguard_tlv_encode_primitive`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dol_build(
    dol: *const u8,
    dol_len: usize,
    values: *const PosguardTlvValue,
    n_values: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (dol, values, out) =
            unsafe { (slice_arg(dol, dol_len)?, slice_arg(values, n_values)?, OutBytes::new(out, out_cap, out_len)?) };
        let values = values
            .iter()
            // SAFETY: each value points to `value_len` readable bytes (the caller's contract).
            .map(|v| Ok((Tag::new(v.tag)?, unsafe { slice_arg(v.value, v.value_len)? })))
            .collect::<Result<Vec<_>, Status>>()?;
        let lookup = |tag: Tag| values.iter().find(|(t, _)| *t == tag).map(|(_, v)| *v);
        out.write(&dol::build(dol, lookup, &Dictionary::new())?)
    })
}
