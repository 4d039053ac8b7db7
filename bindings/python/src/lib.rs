//! Python bindings of posguard: the native module `posguard._posguard`.
//!
//! Thin by design: arguments are converted ([`convert`]), core errors become
//! Python exceptions in one place ([`convert::py_err`]), and every operation
//! is one call into the `posguard` crate. The Python package `posguard`
//! (bindings/python/python/posguard) re-exports these names as `posguard.Key`,
//! `posguard.pin.*`, `posguard.tlv.*` and `posguard.dol.*`.

mod convert;
mod dict;
mod dol;
mod key;
mod pin;
mod rng;
mod tlv;

use pyo3::prelude::*;

/// The native module; `posguard/__init__.py`, `pin.py`, `tlv.py` and `dol.py` re-export it.
#[pymodule]
#[pyo3(name = "_posguard")]
fn posguard_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<key::PyKey>()?;
    m.add_function(wrap_pyfunction!(pin::pin_encode, m)?)?;
    m.add_function(wrap_pyfunction!(pin::pin_decode, m)?)?;
    m.add_function(wrap_pyfunction!(pin::pin_encrypt, m)?)?;
    m.add_function(wrap_pyfunction!(pin::pin_decrypt, m)?)?;
    m.add_function(wrap_pyfunction!(pin::pin_translate, m)?)?;
    m.add_function(wrap_pyfunction!(pin::pin_check_policy, m)?)?;
    m.add_class::<tlv::PyTlv>()?;
    m.add_class::<dict::PyTagInfo>()?;
    m.add_function(wrap_pyfunction!(tlv::tlv_decode, m)?)?;
    m.add_function(wrap_pyfunction!(tlv::tlv_encode, m)?)?;
    m.add_function(wrap_pyfunction!(tlv::tlv_find, m)?)?;
    m.add_function(wrap_pyfunction!(tlv::tlv_describe, m)?)?;
    m.add_function(wrap_pyfunction!(dict::tlv_tag_info, m)?)?;
    m.add_function(wrap_pyfunction!(dict::tlv_register_tag, m)?)?;
    m.add_function(wrap_pyfunction!(dol::dol_parse, m)?)?;
    m.add_function(wrap_pyfunction!(dol::dol_build, m)?)?;
    Ok(())
}
