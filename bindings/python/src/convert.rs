//! Argument conversions and the one mapping from `posguard::Error` to Python exceptions.

use std::ops::Deref;

use posguard::pin::PinFormat;
use posguard::{CheckValueMethod, Error, ErrorKind};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyInt, PyMemoryView, PySlice, PyString};
use zeroize::Zeroizing;

/// Turns a core error into the exception of its kind (classes defined in `posguard/_errors.py`)
/// with `.code` = [`Error::code`]; malformed TLV and DOL data raise `TlvError` (an
/// `InvalidInputError`) and malformed key blocks `KeyBlockError`, each with `.offset` as well.
/// Core messages carry no secrets, so they are passed on as is.
pub fn py_err(error: Error) -> PyErr {
    static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let offset = error.offset();
    let class = match (error.kind(), &error) {
        (_, Error::MalformedKeyBlock { .. }) => "KeyBlockError",
        (ErrorKind::InvalidInput, _) if offset.is_some() => "TlvError",
        (ErrorKind::InvalidInput, _) => "InvalidInputError",
        (ErrorKind::KeyUsage, _) => "KeyUsageError",
        (ErrorKind::Integrity, _) => "IntegrityError",
        (ErrorKind::WeakPin, _) => "WeakPinError",
        (ErrorKind::State, _) => "StateError",
        _ => "PosguardError",
    };
    Python::attach(|py| {
        let exception = ERRORS
            .get_or_try_init(py, || py.import("posguard._errors").map(Bound::unbind))
            .and_then(|errors| errors.bind(py).getattr(class))
            .and_then(|class| match offset {
                Some(offset) => class.call1((error.to_string(), error.code(), offset)),
                None => class.call1((error.to_string(), error.code())),
            });
        match exception {
            Ok(exception) => PyErr::from_value(exception),
            Err(import_failure) => import_failure,
        }
    })
}

/// A binary argument: `bytes` (read in place), `bytearray` or `memoryview` (copied
/// into memory that is wiped on drop, so callers can still wipe their own buffer).
pub enum Bin<'a> {
    /// An immutable `bytes` object, borrowed for the duration of the call.
    Borrowed(&'a [u8]),
    /// A copy of a mutable buffer.
    Copied(Zeroizing<Vec<u8>>),
}

impl Deref for Bin<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bin::Borrowed(b) => b,
            Bin::Copied(v) => v,
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Bin<'a> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(bytes) = <&[u8]>::extract(obj) {
            return Ok(Bin::Borrowed(bytes));
        }
        if let Ok(array) = obj.cast::<PyByteArray>() {
            return Ok(Bin::Copied(Zeroizing::new(array.to_vec())));
        }
        if obj.is_instance_of::<PyMemoryView>() {
            // The stable ABI before 3.11 has no buffer protocol: copy through a
            // temporary bytearray and overwrite it in place before Python frees it.
            let temporary = PyByteArray::from(&obj)?;
            let copy = Zeroizing::new(temporary.to_vec());
            temporary.set_item(PySlice::full(obj.py()), PyBytes::new(obj.py(), &vec![0; copy.len()]))?;
            return Ok(Bin::Copied(copy));
        }
        Err(PyTypeError::new_err(format!("expected bytes, bytearray or memoryview, not {}", obj.get_type().name()?)))
    }
}

/// A PIN block format: 0–4, or a name the core parses (`"iso0"`…`"iso4"`, `"sm4"`).
pub struct Format(pub PinFormat);

impl FromPyObject<'_, '_> for Format {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let format = if let Ok(name) = obj.cast::<PyString>() {
            name.to_str()?.parse()
        } else if let Ok(number) = obj.cast::<PyInt>() {
            number.extract::<u8>().map_err(|_| Error::UnknownPinFormat).and_then(PinFormat::try_from)
        } else {
            return Err(PyTypeError::new_err("format must be an int (0-4) or a str ('iso0'...'iso4', 'sm4')"));
        };
        format.map(Format).map_err(py_err)
    }
}

/// A check value method by the name the core parses: `"zero_block"` or `"cmac"`.
pub struct Method(pub CheckValueMethod);

impl FromPyObject<'_, '_> for Method {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        obj.cast::<PyString>()?.to_str()?.parse().map(Method).map_err(py_err)
    }
}
