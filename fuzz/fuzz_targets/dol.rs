//! DOL parsing and DOL data building must be total: any DOL bytes and any
//! values give entries and data or an error, never a panic. Data built has
//! the length the DOL asks for, zeros where a value is missing or the tag is
//! a template, a value of the asked length unchanged, and `build_into`
//! agrees with `build`.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use posguard::Error;
use posguard::tlv::{Dictionary, Tag, TlvErrorReason, dol};

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    dol: &'a [u8],
    values: Vec<(u32, &'a [u8])>,
}

fuzz_target!(|input: Input<'_>| {
    let values: Vec<(Tag, &[u8])> =
        input.values.iter().filter_map(|&(tag, value)| Some((Tag::new(tag).ok()?, value))).collect();
    let value = |tag| values.iter().find(|(t, _)| *t == tag).map(|&(_, v)| v);
    let dictionary = Dictionary::new();

    let entries = dol::parse(input.dol);
    let built = dol::build(input.dol, value, &dictionary);
    let (entries, data) = match (entries, built) {
        (Ok(entries), Ok(data)) => (entries, data),
        (Err(parse), Err(build)) => return assert_eq!(parse, build),
        (Ok(entries), Err(e)) => {
            let total: u64 = entries.iter().map(|e| e.len as u64).sum();
            assert!(total > dol::MAX_DOL_DATA as u64, "{e}");
            assert_eq!(e, Error::MalformedDol { offset: 0, reason: TlvErrorReason::TooLarge });
            return;
        }
        (Err(e), Ok(_)) => panic!("build accepted a DOL that parse rejects: {e}"),
    };
    assert_eq!(data.len(), entries.iter().map(|e| e.len).sum::<usize>());
    let mut fields = data.as_slice();
    for entry in &entries {
        let (field, rest) = fields.split_at(entry.len);
        fields = rest;
        match value(entry.tag) {
            Some(v) if !entry.tag.is_constructed() && v.len() == entry.len => assert_eq!(field, v, "{}", entry.tag),
            Some(_) if !entry.tag.is_constructed() => {}
            _ => assert!(field.iter().all(|&b| b == 0), "{}: zeros", entry.tag),
        }
    }

    let mut out = vec![0xA5; data.len()];
    assert_eq!(dol::build_into(input.dol, value, &dictionary, &mut out), Ok(data.len()));
    assert_eq!(out, data);
    if let Some(short) = data.len().checked_sub(1) {
        let mut out = vec![0xA5; short];
        assert_eq!(
            dol::build_into(input.dol, value, &dictionary, &mut out),
            Err(Error::BufferTooSmall { needed: data.len() })
        );
        assert!(out.iter().all(|&b| b == 0xA5), "nothing written on error");
    }
});
