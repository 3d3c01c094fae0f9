//! Closed sets of answers ("choices") with canonical names and forgiving spellings.
//!
//! Every answer in a profile is one of a short list of values. Each value has one canonical
//! name (used in files, in bank conditions and in messages) and may have a few aliases so that
//! people can write `IV` or `4`, `1+` or `1`, `Positive` or `positive`.

/// A closed set of values with canonical names and accepted spellings.
pub trait Choice: Sized + Copy + Eq + 'static {
    /// Every value with its canonical name and extra accepted spellings (already normalised).
    const ALL: &'static [(Self, &'static str, &'static [&'static str])];

    /// The canonical name, as written in profile files and bank conditions.
    fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(v, _, _)| *v == self)
            .map(|(_, n, _)| *n)
            .unwrap_or("unknown")
    }

    /// Parses a spelling, forgiving case, spaces and underscores. (Canonical names hold no
    /// spaces or underscores, so comparing them ignoring ASCII case is enough.)
    fn parse(input: &str) -> Option<Self> {
        // Text that is already normalised (most of it: the built-in bank's names) is compared
        // as it is, sparing an allocation per lookup.
        let normal = input
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'_');
        let owned;
        let wanted = if normal {
            input
        } else {
            owned = normalise(input);
            owned.as_str()
        };
        Self::ALL
            .iter()
            .find(|(_, name, aliases)| {
                name.eq_ignore_ascii_case(wanted) || aliases.contains(&wanted)
            })
            .map(|(v, _, _)| *v)
    }

    /// The canonical names, for "allowed values" messages and bank validation.
    fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|(_, n, _)| *n).collect()
    }
}

/// Lower-cases, trims, and turns spaces and underscores into hyphens.
pub fn normalise(input: &str) -> String {
    input
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect()
}

/// Declares a `Choice` enum: `choice!(Name { Variant = "name" ["alias", ...], ... })`.
/// The first variant listed is the `Default`.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $first:ident = $first_n:literal [$($first_a:literal),*] $(, $var:ident = $n:literal [$($a:literal),*])* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub enum $name {
            #[default]
            $first,
            $($var),*
        }
        impl $crate::choice::Choice for $name {
            const ALL: &'static [(Self, &'static str, &'static [&'static str])] = &[
                ($name::$first, $first_n, &[$($first_a),*]),
                $(($name::$var, $n, &[$($a),*])),*
            ];
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::choice::Choice::name(*self))
            }
        }
    };
}
pub(crate) use choice;
