//! The pathology report reader on arbitrary pasted text: no panic, every quote is the line it
//! names, found values carry a value, and the JSON and the written profile always read back.
#![no_main]

use her2prep::profile::Profile;
use her2prep::report::{self, Status};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let f = report::read(&text);
    let lines: Vec<&str> = text.split('\n').collect();
    for field in f.fields.values() {
        let line = lines[field.line - 1];
        // Lines are split at lone carriage returns and form feeds too, and very long ones in
        // pieces: the quote is then part of the line.
        assert!(line.contains(field.quote.as_str()), "quote not in its line");
        if field.status == Status::Found {
            assert!(field.value.is_some());
        }
    }
    let _: serde_json::Value = serde_json::from_str(&f.to_json()).expect("valid JSON");
    let mut p = Profile::default();
    f.apply_to(&mut p);
    let yaml = report::profile_out::profile_yaml(&f, &p, "fuzz");
    assert_eq!(Profile::from_yaml(&yaml).expect("profile reads back"), p);
    let _ = report::plain::render(&f, "fuzz");
});
