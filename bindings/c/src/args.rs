//! Turning C arguments into Rust values, and Rust results into C outputs.
//!
//! Every raw pointer from C goes through one of these functions, so the
//! NULL checks and the safety reasoning live in one place.

use std::ffi::{CStr, c_char};
use std::ptr;

use posguard::pin::Pin;

use crate::{POSGUARD_PIN_BUFFER_LEN, Status};

/// A NUL-terminated UTF-8 string argument.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn str_arg<'a>(p: *const c_char) -> Result<&'a str, Status> {
    if p.is_null() {
        return Err(Status::NullPointer);
    }
    // SAFETY: non-NULL, and the caller guarantees a NUL-terminated string living for 'a.
    unsafe { CStr::from_ptr(p) }.to_str().map_err(|_| Status::InvalidUtf8)
}

/// An optional NUL-terminated UTF-8 string argument: NULL is `None`.
///
/// # Safety
/// As [`str_arg`].
pub(crate) unsafe fn opt_str_arg<'a>(p: *const c_char) -> Result<Option<&'a str>, Status> {
    if p.is_null() {
        Ok(None)
    } else {
        // SAFETY: forwarded from the caller.
        unsafe { str_arg(p) }.map(Some)
    }
}

/// A pointer + length argument (bytes, or an array); a length of 0 accepts NULL.
///
/// # Safety
/// `p` is NULL or points to `len` readable, initialized `T`s that outlive `'a`.
pub(crate) unsafe fn slice_arg<'a, T>(p: *const T, len: usize) -> Result<&'a [T], Status> {
    if len == 0 {
        Ok(&[])
    } else if p.is_null() {
        Err(Status::NullPointer)
    } else {
        // SAFETY: non-NULL, and the caller guarantees `len` readable values living for 'a.
        Ok(unsafe { std::slice::from_raw_parts(p, len) })
    }
}

/// A reference argument (e.g. a key handle or a struct).
///
/// # Safety
/// `p` is NULL or points to a valid `T` that outlives `'a`.
pub(crate) unsafe fn ref_arg<'a, T>(p: *const T) -> Result<&'a T, Status> {
    // SAFETY: forwarded from the caller; `as_ref` handles NULL.
    unsafe { p.as_ref() }.ok_or(Status::NullPointer)
}

/// A mutable reference argument (e.g. a TLV cursor the call advances).
///
/// # Safety
/// `p` is NULL or points to a valid `T`, not otherwise borrowed, during `'a`.
pub(crate) unsafe fn mut_arg<'a, T>(p: *mut T) -> Result<&'a mut T, Status> {
    // SAFETY: forwarded from the caller; `as_mut` handles NULL.
    unsafe { p.as_mut() }.ok_or(Status::NullPointer)
}

/// A `T *out` argument that receives one value on success.
pub(crate) struct OutValue<'a, T>(&'a mut T);

impl<'a, T> OutValue<'a, T> {
    /// # Safety
    /// `p` is NULL or valid for writing a `T` during `'a`.
    pub(crate) unsafe fn new(p: *mut T) -> Result<Self, Status> {
        // SAFETY: forwarded from the caller; `as_mut` handles NULL. The
        // pointee is only ever assigned, never read.
        unsafe { p.as_mut() }.map(OutValue).ok_or(Status::NullPointer)
    }

    pub(crate) fn write(self, value: T) {
        *self.0 = value;
    }
}

/// A caller's output array `out[cap]` (bytes, or structs such as DOL
/// entries) with the `*out_len` that receives the count written, or the count
/// needed when `cap` is too small.
pub(crate) struct OutSlice<'a, T> {
    out: *mut T,
    cap: usize,
    len: &'a mut usize,
}

/// The common case: a byte buffer.
pub(crate) type OutBytes<'a> = OutSlice<'a, u8>;

impl<'a, T: Copy> OutSlice<'a, T> {
    /// Checks the pointers; `out` may be NULL only when `cap` is 0 (to ask for the size).
    ///
    /// # Safety
    /// `out` is NULL or valid for writing `cap` values, and `out_len` is NULL
    /// or valid for writing a `size_t`, both during `'a`.
    pub(crate) unsafe fn new(out: *mut T, cap: usize, out_len: *mut usize) -> Result<Self, Status> {
        // SAFETY: forwarded from the caller; `as_mut` handles NULL.
        let len = unsafe { out_len.as_mut() }.ok_or(Status::NullPointer)?;
        if out.is_null() && cap > 0 {
            return Err(Status::NullPointer);
        }
        Ok(OutSlice { out, cap, len })
    }

    /// Copies `items` to the buffer, or reports the count needed and writes nothing.
    pub(crate) fn write(self, items: &[T]) -> Result<(), Status> {
        *self.len = items.len();
        if items.len() > self.cap {
            return Err(Status::BufferTooSmall);
        }
        if !items.is_empty() {
            // SAFETY: 0 < items.len() <= cap, so `out` is non-NULL (checked in
            // `new`) and valid for the write; a Rust slice cannot overlap a
            // buffer the caller lent us for writing.
            unsafe { ptr::copy_nonoverlapping(items.as_ptr(), self.out, items.len()) };
        }
        Ok(())
    }
}

/// A caller's `char` buffer `out[cap]` for NUL-terminated text, with an
/// optional `*out_len` that receives the size used or needed, NUL included.
pub(crate) struct OutText<'a> {
    out: *mut c_char,
    cap: usize,
    len: Option<&'a mut usize>,
}

impl<'a> OutText<'a> {
    /// A buffer without a size output; `out` may be NULL only when `cap` is 0.
    ///
    /// # Safety
    /// `out` is NULL or valid for writing `cap` bytes during `'a`.
    pub(crate) unsafe fn new(out: *mut c_char, cap: usize) -> Result<Self, Status> {
        if out.is_null() && cap > 0 {
            return Err(Status::NullPointer);
        }
        Ok(OutText { out, cap, len: None })
    }

    /// A buffer with its (required) `*out_len`.
    ///
    /// # Safety
    /// As [`OutText::new`], and `out_len` is NULL or valid for writing a
    /// `size_t` during `'a`.
    pub(crate) unsafe fn with_len(out: *mut c_char, cap: usize, out_len: *mut usize) -> Result<Self, Status> {
        // SAFETY: forwarded from the caller; `as_mut` handles NULL.
        let len = unsafe { out_len.as_mut() }.ok_or(Status::NullPointer)?;
        // SAFETY: forwarded from the caller.
        Ok(OutText { len: Some(len), ..unsafe { OutText::new(out, cap) }? })
    }

    /// Copies `text` and a NUL, or reports the size needed and writes nothing.
    pub(crate) fn write(self, text: &str) -> Result<(), Status> {
        let needed = text.len() + 1;
        if let Some(len) = self.len {
            *len = needed;
        }
        if needed > self.cap {
            return Err(Status::BufferTooSmall);
        }
        // SAFETY: needed <= cap, so `out` is non-NULL (checked in `new`) and
        // valid for text + NUL; a Rust str cannot overlap the caller's buffer.
        unsafe {
            ptr::copy_nonoverlapping(text.as_ptr().cast::<c_char>(), self.out, text.len());
            self.out.add(text.len()).write(0);
        }
        Ok(())
    }
}

/// A caller's `char` buffer for a decoded PIN, at least [`POSGUARD_PIN_BUFFER_LEN`] bytes.
pub(crate) struct OutPin(*mut c_char);

impl OutPin {
    /// # Safety
    /// `out` is NULL or valid for writing `cap` bytes until [`OutPin::write`].
    pub(crate) unsafe fn new(out: *mut c_char, cap: usize) -> Result<Self, Status> {
        if out.is_null() {
            Err(Status::NullPointer)
        } else if cap < POSGUARD_PIN_BUFFER_LEN {
            Err(Status::BufferTooSmall)
        } else {
            Ok(OutPin(out))
        }
    }

    /// Writes the PIN digits and a NUL.
    pub(crate) fn write(self, pin: &Pin) {
        let digits = pin.as_str().as_bytes();
        // SAFETY: a PIN has at most 12 digits, so digits + NUL fit the
        // POSGUARD_PIN_BUFFER_LEN bytes checked in `new`.
        unsafe {
            ptr::copy_nonoverlapping(digits.as_ptr().cast::<c_char>(), self.0, digits.len());
            self.0.add(digits.len()).write(0);
        }
    }
}
