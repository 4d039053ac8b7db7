//! TR-31 header parsing (`tr31::inspect`) must be total: any string gives a
//! header or an error, never a panic. A header that parses describes the block
//! it came from: its length, version, usage, algorithm and mode of use are the
//! block's own characters, and its optional blocks lie inside it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posguard::tr31::{self, Exportability, Version};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The name parsers take any string.
    let _ = text.parse::<Version>();
    let _ = text.parse::<Exportability>();

    let Ok(header) = tr31::inspect(&text) else { return };
    let b = text.as_bytes();
    assert_eq!(header.length, b.len());
    let upper = |i: usize| b.get(i).map(u8::to_ascii_uppercase);
    assert_eq!(upper(0), Some(header.version.code() as u8));
    assert!(b.get(5..7).is_some_and(|u| u.eq_ignore_ascii_case(header.usage.code().as_bytes())));
    assert_eq!(upper(7), header.algorithm.tr31_code().map(|c| c as u8));
    assert_eq!(upper(8), Some(header.mode.code() as u8));
    assert_eq!(header.key_version.len(), 2);
    assert_eq!(upper(11), Some(header.exportability.code() as u8));
    let inner: usize = header.optional_blocks.iter().map(|o| o.id.len() + o.data.len()).sum();
    assert!(inner <= b.len(), "optional blocks longer than the block");
    for o in &header.optional_blocks {
        assert_eq!(o.id.len(), 2);
    }
    let _ = format!("{header:?}");
});
