//! Python bindings of posguard: the native module `posguard._posguard`.
//!
//! Thin by design: arguments are converted ([`convert`]), core errors become
//! Python exceptions in one place ([`convert::py_err`]), and every operation
//! is one call into the `posguard` crate. The Python package `posguard`
//! (bindings/python/python/posguard) re-exports these names as `posguard.Key`,
//! `posguard.pin.*`, `posguard.tlv.*`, `posguard.dol.*`, `posguard.tr31.*`,
//! `posguard.dukpt.tdes.*`, `posguard.dukpt.aes.*`, `posguard.mac.*` and `posguard.data.*`.

mod convert;
mod data;
mod dict;
mod dol;
mod dukpt;
mod key;
mod mac;
mod pin;
mod rng;
mod tlv;
mod tr31;

use pyo3::prelude::*;

/// The native module; `posguard/__init__.py` and its submodules re-export it.
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
    // Two classes are named `Device` (posguard.dukpt.tdes / .aes): registered under distinct names.
    m.add("Tr31Header", m.py().get_type::<tr31::PyHeader>())?;
    m.add_function(wrap_pyfunction!(tr31::tr31_inspect, m)?)?;
    m.add_function(wrap_pyfunction!(tr31::tr31_unwrap, m)?)?;
    m.add_function(wrap_pyfunction!(tr31::tr31_wrap, m)?)?;
    m.add_function(wrap_pyfunction!(dukpt::dukpt_tdes_derive_ipek, m)?)?;
    m.add_function(wrap_pyfunction!(dukpt::dukpt_tdes_derive_key, m)?)?;
    m.add_function(wrap_pyfunction!(dukpt::dukpt_tdes_derive_key_from_ipek, m)?)?;
    m.add("DukptTdesDevice", m.py().get_type::<dukpt::PyTdesDevice>())?;
    m.add("DukptTdesTransaction", m.py().get_type::<dukpt::PyTdesTransaction>())?;
    m.add_function(wrap_pyfunction!(dukpt::dukpt_aes_derive_initial_key, m)?)?;
    m.add_function(wrap_pyfunction!(dukpt::dukpt_aes_derive_key, m)?)?;
    m.add_function(wrap_pyfunction!(dukpt::dukpt_aes_derive_working_key, m)?)?;
    m.add_function(wrap_pyfunction!(dukpt::dukpt_aes_derive_update_key, m)?)?;
    m.add("DukptAesDevice", m.py().get_type::<dukpt::PyAesDevice>())?;
    m.add("DukptAesTransaction", m.py().get_type::<dukpt::PyAesTransaction>())?;
    m.add_function(wrap_pyfunction!(mac::mac_generate, m)?)?;
    m.add_function(wrap_pyfunction!(mac::mac_verify, m)?)?;
    m.add_function(wrap_pyfunction!(data::data_encrypt, m)?)?;
    m.add_function(wrap_pyfunction!(data::data_decrypt, m)?)?;
    Ok(())
}
