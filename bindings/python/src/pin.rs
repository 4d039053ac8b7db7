//! `posguard.pin`: ISO 9564-1 PIN blocks (formats 0–4) and the UnionPay SM4 block.

use posguard::pin::{self, PinPolicy};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::convert::{Bin, Format, py_err};
use crate::key::PyKey;
use crate::rng::with_rng;

/// The default `format` of encrypt and decrypt.
const ISO0: Format = Format(pin::PinFormat::Iso0);

/// Encodes the clear PIN block (format 4: the clear PIN field).
#[pyfunction]
#[pyo3(signature = (pin, pan, format, *, rng = None))]
pub fn pin_encode<'py>(
    py: Python<'py>,
    pin: &str,
    pan: Option<&str>,
    format: Format,
    rng: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let block = with_rng(py, rng, |rng| pin::encode(pin, pan, format.0, rng))?;
    Ok(PyBytes::new(py, block.expose()))
}

/// Decodes a clear PIN block (format 4: the clear PIN field) to the PIN, checking every field.
#[pyfunction]
#[pyo3(signature = (block, pan, format))]
pub fn pin_decode<'py>(
    py: Python<'py>,
    block: Bin<'_>,
    pan: Option<&str>,
    format: Format,
) -> PyResult<Bound<'py, PyString>> {
    let pin = pin::decode(&block, pan, format.0).map_err(py_err)?;
    Ok(PyString::new(py, pin.as_str()))
}

/// Encrypts a PIN into a PIN block under a PIN encryption key.
#[pyfunction]
#[pyo3(signature = (pin, pan, key, format = ISO0, *, rng = None), text_signature = "(pin, pan, key, format=0, *, rng=None)")]
pub fn pin_encrypt<'py>(
    py: Python<'py>,
    pin: &str,
    pan: Option<&str>,
    key: PyRef<'_, PyKey>,
    format: Format,
    rng: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let block = with_rng(py, rng, |rng| pin::encrypt(pin, pan, &key.0, format.0, rng))?;
    Ok(PyBytes::new(py, block.as_bytes()))
}

/// Decrypts a PIN block and returns the PIN, checking every field.
#[pyfunction]
#[pyo3(signature = (block, pan, key, format = ISO0), text_signature = "(block, pan, key, format=0)")]
pub fn pin_decrypt<'py>(
    py: Python<'py>,
    block: Bin<'_>,
    pan: Option<&str>,
    key: PyRef<'_, PyKey>,
    format: Format,
) -> PyResult<Bound<'py, PyString>> {
    let pin = pin::decrypt(&block, pan, &key.0, format.0).map_err(py_err)?;
    Ok(PyString::new(py, pin.as_str()))
}

/// Translates an encrypted PIN block to another key and format (ISO 9564-1 / PCI PIN rules apply).
#[pyfunction]
#[pyo3(signature = (block, pan, from_key, from_format, to_key, to_format, *, rng = None))]
#[expect(clippy::too_many_arguments, reason = "mirrors posguard::pin::translate")]
pub fn pin_translate<'py>(
    py: Python<'py>,
    block: Bin<'_>,
    pan: Option<&str>,
    from_key: PyRef<'_, PyKey>,
    from_format: Format,
    to_key: PyRef<'_, PyKey>,
    to_format: Format,
    rng: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let block =
        with_rng(py, rng, |rng| pin::translate(&block, pan, &from_key.0, from_format.0, &to_key.0, to_format.0, rng))?;
    Ok(PyBytes::new(py, block.as_bytes()))
}

/// Checks a PIN against the PIN policy; raises `WeakPinError` naming the rule it breaks.
#[pyfunction]
#[pyo3(signature = (
    pin, *, min_length = 4, max_length = 12, reject_repeated = true, reject_sequences = true, reject_common = true,
    blocklist = Vec::new()
), text_signature = "(pin, *, min_length=4, max_length=12, reject_repeated=True, reject_sequences=True, \
    reject_common=True, blocklist=())")]
pub fn pin_check_policy(
    pin: &str,
    min_length: usize,
    max_length: usize,
    reject_repeated: bool,
    reject_sequences: bool,
    reject_common: bool,
    blocklist: Vec<String>,
) -> PyResult<()> {
    let blocklist: Vec<&str> = blocklist.iter().map(String::as_str).collect();
    let policy = PinPolicy {
        min_len: min_length,
        max_len: max_length,
        reject_repeated,
        reject_sequences,
        reject_common,
        blocklist: &blocklist,
    };
    pin::check_policy_with(pin, &policy).map_err(py_err)
}
