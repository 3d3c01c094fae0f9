//! The profile loader: any text either parses or is refused with problems that each name
//! their field (or, for a limit on the whole file, say so); a parsed profile survives a save
//! and reload unchanged.
#![no_main]

use her2prep::profile::{FIELDS, Profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Profile::from_yaml(text) {
        Ok(p) => {
            let again = Profile::from_yaml(&p.to_yaml()).expect("a saved profile reads back");
            assert_eq!(again, p, "round trip");
        }
        Err(e) => {
            assert!(!e.problems.is_empty());
            for problem in &e.problems {
                // Not YAML, too big, too deep, too many aliased values: about the whole file.
                let names_field = problem.starts_with("The profile is not valid YAML")
                    || problem.starts_with("The profile could not be read: ")
                    || problem.starts_with("profile:")
                    || FIELDS.iter().any(|f| {
                        problem
                            .strip_prefix(f)
                            .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('.'))
                    });
                assert!(names_field, "problem names no field: {problem:?}");
                assert!(
                    !problem.chars().any(her2prep::text::is_unsafe),
                    "control characters in {problem:?}"
                );
            }
        }
    }
});
