//! BER-TLV tags: hex text, and what the built-in EMV dictionary knows about them.

use std::ffi::c_char;

use posguard::tlv::{Format, Source, Tag, dict};

use crate::args::{OutText, OutValue, str_arg};
use crate::{Status, entry};

/// Size of a `char` buffer that holds any tag in hex: 8 digits and a NUL.
pub const POSGUARD_TAG_BUFFER_LEN: usize = 9;

/// Size of a `char` buffer that holds the name of any built-in tag, NUL included.
pub const POSGUARD_TAG_NAME_BUFFER_LEN: usize = 128;

/// Parses a tag written in hex (`"9F02"`, `"5a"`): 1 to 4 bytes forming
/// exactly one well-formed BER tag, else `POSGUARD_STATUS_MALFORMED_TLV`.
///
/// # Safety
/// `hex` is a NUL-terminated string; `tag` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tag_parse(hex: *const c_char, tag: *mut u32) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (hex, tag) = unsafe { (str_arg(hex)?, OutValue::new(tag)?) };
        tag.write(hex.parse::<Tag>()?.value());
        Ok(())
    })
}

/// Writes a tag as NUL-terminated uppercase hex (`0x9F02` -> `"9F02"`) into
/// `out`, which `POSGUARD_TAG_BUFFER_LEN` bytes always fit. A value that is
/// not a well-formed tag is `POSGUARD_STATUS_MALFORMED_TLV`.
///
/// # Safety
/// `out` is writable for `out_cap` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tag_format(tag: u32, out: *mut c_char, out_cap: usize) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let out = unsafe { OutText::new(out, out_cap)? };
        out.write(&Tag::new(tag)?.to_string())
    })
}

/// A data element's format (EMV Book 3, 4.3).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlvFormat {
    /// `n`: numeric BCD, right-justified, leading zeros.
    N = 0,
    /// `cn`: compressed numeric BCD, left-justified, trailing `F`s.
    Cn = 1,
    /// `a`: alphabetic.
    A = 2,
    /// `an`: alphanumeric.
    An = 3,
    /// `ans`: alphanumeric special.
    Ans = 4,
    /// `b`: binary.
    B = 5,
    /// A template (constructed).
    Template = 6,
}

/// Where a data element comes from.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlvSource {
    /// The card (ICC).
    Icc = 0,
    /// The terminal.
    Terminal = 1,
    /// The issuer (host response).
    Issuer = 2,
    /// Not stated.
    Other = 3,
}

/// What the built-in EMV dictionary knows about a tag; its name comes
/// separately, into a caller buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PosguardTagInfo {
    /// The tag.
    pub tag: u32,
    /// Its format.
    pub format: TlvFormat,
    /// Who provides it.
    pub source: TlvSource,
    /// Minimum value length in bytes.
    pub min_len: usize,
    /// Maximum value length in bytes.
    pub max_len: usize,
    /// Cardholder data (PAN, track data, name...) to mask in logs.
    pub sensitive: bool,
}

impl TryFrom<&dict::TagInfo> for PosguardTagInfo {
    type Error = Status;

    fn try_from(info: &dict::TagInfo) -> Result<Self, Status> {
        let format = match info.format {
            Format::N => TlvFormat::N,
            Format::Cn => TlvFormat::Cn,
            Format::A => TlvFormat::A,
            Format::An => TlvFormat::An,
            Format::Ans => TlvFormat::Ans,
            Format::B => TlvFormat::B,
            Format::Template => TlvFormat::Template,
            // Non-exhaustive: a format added to the core and not here is a bug in this binding.
            _ => return Err(Status::Panic),
        };
        let source = match info.source {
            Source::Icc => TlvSource::Icc,
            Source::Terminal => TlvSource::Terminal,
            Source::Issuer => TlvSource::Issuer,
            Source::Other => TlvSource::Other,
            _ => return Err(Status::Panic),
        };
        Ok(PosguardTagInfo {
            tag: info.tag.value(),
            format,
            source,
            min_len: info.min_len,
            max_len: info.max_len,
            sensitive: info.sensitive,
        })
    }
}

/// Looks `tag` up in the built-in EMV dictionary: `*out` receives its format,
/// source, length rules and sensitivity, and `name` (unless NULL) its
/// NUL-terminated name, e.g. "Application Primary Account Number (PAN)";
/// `POSGUARD_TAG_NAME_BUFFER_LEN` bytes fit every built-in name.
/// `POSGUARD_STATUS_NOT_FOUND` for a tag the dictionary does not know.
///
/// # Safety
/// `out` is writable; `name` is NULL or writable for `name_cap` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tlv_tag_info(
    tag: u32,
    out: *mut PosguardTagInfo,
    name: *mut c_char,
    name_cap: usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let out = unsafe { OutValue::new(out)? };
        // SAFETY: forwarded from the caller.
        let name = if name.is_null() { None } else { Some(unsafe { OutText::new(name, name_cap)? }) };
        let info = dict::builtin(Tag::new(tag)?).ok_or(Status::NotFound)?;
        let c_info = PosguardTagInfo::try_from(info)?;
        if let Some(name) = name {
            name.write(&info.name)?;
        }
        out.write(c_info);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_name_fits_the_advertised_buffer() {
        for info in posguard::tlv::Dictionary::builtin() {
            assert!(info.name.len() < POSGUARD_TAG_NAME_BUFFER_LEN, "{}", info.tag);
            assert!(!info.name.contains('\0'), "{}", info.tag);
            assert!(PosguardTagInfo::try_from(info).is_ok(), "{}", info.tag);
        }
    }
}
