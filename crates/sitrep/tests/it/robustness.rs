//! No input panics: arbitrary bytes through every reader and the extractor.

use proptest::prelude::*;
use sitrep::text::{InputFormat, ReadConfig, read_input};

use crate::extractor;

fn check(bytes: &[u8], format: Option<InputFormat>) {
    let out = read_input("fuzz", bytes, format, &ReadConfig::default());
    for doc in &out.documents {
        let chars = doc.text.chars().count();
        for p in extractor().extract(doc).places {
            for m in p.mentions {
                assert!(m.start < m.end && m.end <= chars, "{m:?} outside 0..{chars}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_in_any_format(bytes in proptest::collection::vec(any::<u8>(), 0..2000), f in 0usize..5) {
        let format = [None, Some(InputFormat::Txt), Some(InputFormat::Html), Some(InputFormat::Jsonl), Some(InputFormat::Feed)][f];
        check(&bytes, format);
    }

    #[test]
    fn any_text_with_names(words in proptest::collection::vec(
        prop_oneof![
            Just("Deir"), Just("ez-Zor"), Just("al-"), Just("Raqqa"), Just("دير"), Just("الزور"), Just("والرقة"),
            Just("the"), Just("province"), Just("of"), Just(","), Just("\n"), Just("U.S."), Just("\u{0640}"),
            Just("\u{064B}"), Just("-"), Just("’"), Just("Hit"), Just("\"{\"text\":"), Just("<p>"),
        ],
        0..40,
    )) {
        let text = words.join(" ");
        check(text.as_bytes(), Some(InputFormat::Txt));
        check(format!("{{\"text\": {}}}", serde_json::to_string(&text).unwrap()).as_bytes(), Some(InputFormat::Jsonl));
    }
}
