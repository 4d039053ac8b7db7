//! The decoder for people must be total: any bytes, masked or not, strict or
//! lenient, give a description or an error, never a panic; it accepts
//! exactly what the parser accepts; and masked output masks every value the
//! dictionary marks sensitive. The value decoders take any value for any tag.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use posguard::tlv::{self, DescribeOptions, Described, Dictionary, Options};

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    data: &'a [u8],
    show_sensitive: bool,
    strict: bool,
}

fn assert_masked(nodes: &[Described], dictionary: &Dictionary) {
    for node in nodes {
        if dictionary.get(node.tag).is_some_and(|info| info.sensitive) {
            assert!(node.masked && node.decoded.is_none(), "{} is shown", node.tag);
        }
        assert_masked(&node.children, dictionary);
    }
}

fuzz_target!(|input: Input<'_>| {
    let dictionary = Dictionary::new();
    let options = DescribeOptions { show_sensitive: input.show_sensitive, strict: input.strict };
    let text = tlv::describe(input.data, &dictionary, options);
    let tree = tlv::describe_tree(input.data, &dictionary, options);
    let parse = if input.strict { Options::strict() } else { Options::lenient() };
    let parsed = tlv::parse(input.data, parse);
    assert_eq!(text.as_ref().err(), parsed.as_ref().err());
    assert_eq!(tree.as_ref().err(), parsed.as_ref().err());
    if let Ok(tree) = &tree
        && !input.show_sensitive
    {
        assert_masked(tree, &dictionary);
    }
    for info in Dictionary::builtin() {
        let _ = tlv::describe_value(info.tag, input.data);
        let _ = tlv::mask(info.tag, input.data, &dictionary);
    }
});
