//! The one error type of samskab.
//!
//! Every fallible function in the crate returns [`Result`]. The bindings map
//! each variant once: to a Python exception under `samskab.SamskabError`, and
//! to a JavaScript `Error` whose `name` is [`Error::name`].
//!
//! No message ever carries a name, note or contact value from the input:
//! those are personal data. Ids and document places are quoted, because the
//! user needs them to find the problem.

use std::fmt;

/// A problem found in a document or in a value given to the API, with its
/// place, e.g. `interactions[17].participants[1]`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Where the problem is: a document path such as `actors[3].id`, or
    /// `file:line:column` for spreadsheet input.
    pub place: String,
    /// What is wrong, without personal values.
    pub message: String,
}

impl Problem {
    /// A problem at `place`.
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// A value from the input as an error message may show it: quoted when it
/// has the shape of an id (letters, digits and `-_.:/#`, at most 64 of them,
/// with a separator or a digit, and fewer than six digits), otherwise only
/// as a fingerprint. A name, a phone or CPR number, an e-mail address or free
/// text typed where an id belongs is so never repeated, and the place the
/// message gives, with [`fingerprint`], still finds it.
///
/// ```
/// use samskab::shown;
/// assert_eq!(shown("e-tove"), r#""e-tove""#);
/// assert!(shown("Grethe Lauridsen").starts_with("[not shown, fingerprint "));
/// assert!(!shown("grethe@egebaek.dk").contains("grethe"));
/// assert!(!shown("010203-1234").contains("1234"));
/// ```
pub fn shown(value: &str) -> String {
    let chars = value.chars().count();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let id_like = (1..=64).contains(&chars)
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:/#".contains(c))
        && value
            .chars()
            .any(|c| c.is_ascii_digit() || "-_.:/#".contains(c))
        && digits < 6;
    if id_like {
        format!("{value:?}")
    } else {
        format!("[not shown, fingerprint {}]", fingerprint(value))
    }
}

/// A key of the document (or a spreadsheet's column name) as a message may
/// show it: quoted when it is one of the format's names or so near one that
/// it is a typo of it (`near`), otherwise as any other value ([`shown`]),
/// since a document can put anything in a key (a sheet without its header
/// row puts a person's name there).
pub(crate) fn field_shown(field: &str, near: bool) -> String {
    let field_like = (1..=40).contains(&field.len())
        && field.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    if near && field_like {
        format!("{field:?}")
    } else {
        shown(field)
    }
}

/// The first 8 hex digits of the SHA-256 of `value`: what an error message
/// shows of a value that may be personal data, so that the value can be
/// matched without being repeated.
pub fn fingerprint(value: &str) -> String {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(value.as_bytes());
    hash.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// Every way a samskab call can fail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not well-formed JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}{SPEC}")]
    Parse {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// What the JSON reader expected, without the offending text.
        message: String,
    },
    /// The input breaks one or more rules; nothing of it was applied.
    #[error("{}{SPEC}", ProblemList(problems))]
    Validation {
        /// Every problem found, each with its place.
        problems: Vec<Problem>,
    },
    /// The document was written by a newer samskab, in a format version this
    /// one does not understand.
    #[error(
        "version: {found} is newer than this samskab understands ({supported}); \
         the file was written by a newer samskab, upgrade to read it{SPEC}"
    )]
    NewerVersion {
        /// The version the document declares.
        found: u64,
        /// The newest version this build reads.
        supported: u64,
    },
    /// No actor has this id. The message shows the id only when it has the
    /// shape of one ([`shown`]).
    #[error("unknown actor {}", shown(id))]
    UnknownActor {
        /// The id asked for.
        id: String,
    },
    /// No interaction has this id or key.
    #[error("unknown interaction {}", shown(id))]
    UnknownInteraction {
        /// The id (or key) asked for.
        id: String,
    },
    /// No initiative has this id.
    #[error("unknown initiative {}", shown(id))]
    UnknownInitiative {
        /// The id asked for.
        id: String,
    },
    /// An argument is outside what the call accepts (an end before a start,
    /// `k = 0`, a source equal to its target, ...).
    #[error("invalid argument {argument}: {message}")]
    InvalidArgument {
        /// The argument's name.
        argument: String,
        /// What is wrong with it.
        message: String,
    },
    /// The input would make more work than samskab takes on (see
    /// [`pair_budget`](crate::pair_budget)); refused before the work starts.
    #[error("{place}: {message}")]
    Limit {
        /// Where the limit was passed: a document path, or the argument.
        place: String,
        /// Which limit, and what to do instead.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{operation} {path}: {source}")]
    Io {
        /// `reading` or `writing`.
        operation: &'static str,
        /// The file concerned.
        path: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Every variant's name, as [`Error::name`] gives them.
    pub const NAMES: &'static [&'static str] = &[
        "ParseError",
        "ValidationError",
        "NewerVersionError",
        "UnknownActorError",
        "UnknownInteractionError",
        "UnknownInitiativeError",
        "InvalidArgumentError",
        "LimitError",
        "IoError",
    ];

    /// The variant's stable name, used as the exception class in Python and
    /// as `Error.name` in JavaScript: `ParseError`, `ValidationError`,
    /// `NewerVersionError`, `UnknownActorError`, `UnknownInteractionError`,
    /// `UnknownInitiativeError`, `InvalidArgumentError`, `LimitError`, `IoError`.
    pub fn name(&self) -> &'static str {
        match self {
            Error::Parse { .. } => "ParseError",
            Error::Validation { .. } => "ValidationError",
            Error::NewerVersion { .. } => "NewerVersionError",
            Error::UnknownActor { .. } => "UnknownActorError",
            Error::UnknownInteraction { .. } => "UnknownInteractionError",
            Error::UnknownInitiative { .. } => "UnknownInitiativeError",
            Error::InvalidArgument { .. } => "InvalidArgumentError",
            Error::Limit { .. } => "LimitError",
            Error::Io { .. } => "IoError",
        }
    }

    /// The located problems of a validation error; empty for other variants.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Validation { problems } => problems,
            _ => &[],
        }
    }

    pub(crate) fn invalid(argument: &str, message: impl Into<String>) -> Self {
        Error::InvalidArgument {
            argument: argument.to_owned(),
            message: message.into(),
        }
    }

    /// The error of reading the file or folder `path`, for `map_err`.
    pub(crate) fn reading(path: &std::path::Path) -> impl Fn(std::io::Error) -> Error + Copy + '_ {
        move |source| Error::Io {
            operation: "reading",
            path: path.display().to_string(),
            source,
        }
    }

    /// The error of writing the file or folder `path`, for `map_err`.
    pub(crate) fn writing(path: &std::path::Path) -> impl Fn(std::io::Error) -> Error + Copy + '_ {
        move |source| Error::Io {
            operation: "writing",
            path: path.display().to_string(),
            source,
        }
    }

    /// No interaction has the key numbered `key`.
    pub(crate) fn unknown_key(key: u64) -> Self {
        Error::UnknownInteraction {
            id: format!("#{key}"),
        }
    }

    pub(crate) fn unknown_actor(id: &str) -> Self {
        Error::UnknownActor { id: id.to_owned() }
    }

    /// A validation error from problems, or `Ok` when there are none.
    pub(crate) fn check(problems: Vec<Problem>) -> Result<()> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation { problems })
        }
    }
}

/// Where the rules an error speaks of are written: every error about the
/// format ends with it.
const SPEC: &str =
    "\n(the format: format-v1.md in the samskab package, docs/format-v1.md in its repository)";

/// How many problems a validation message spells out; the rest are counted.
const SHOWN_PROBLEMS: usize = 20;

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} problem{}", if n == 1 { "" } else { "s" })?;
        for p in self.0.iter().take(SHOWN_PROBLEMS) {
            write!(f, "\n  {p}")?;
        }
        if n > SHOWN_PROBLEMS {
            write!(f, "\n  ... and {} more", n - SHOWN_PROBLEMS)?;
        }
        Ok(())
    }
}

/// `Result` with samskab's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
