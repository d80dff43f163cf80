//! The spreadsheet form of format v1: `actors.csv`, `interactions.csv` and
//! `initiatives.csv`.
//!
//! Reading turns each row into the JSON record it stands for and runs the
//! document through the same reader as JSON, so every rule is checked once;
//! the places of the problems are then given back as `file:line:column`.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{json, Map, Value};

use super::file::{write_atomic, SaveOptions};
use super::json::{decode, nearest};
use crate::error::{field_shown, shown, Error, Problem, Result};
use crate::model::Network;
use crate::time::{parse_date, Moment};

/// The three files of the spreadsheet form, as text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CsvFiles {
    /// `actors.csv`.
    pub actors: String,
    /// `interactions.csv`.
    pub interactions: String,
    /// `initiatives.csv`.
    pub initiatives: String,
}

/// How a column's cells read and write.
#[derive(Clone, Copy, PartialEq)]
enum Cell {
    /// One id, read trimmed; it may not hold the list separator.
    Id,
    /// A word of a closed list (a kind, a status), read trimmed.
    Word,
    /// Free text (a name, a note), kept with its spaces.
    Free,
    /// Ids separated by `|`.
    List,
    Date,
    Moment,
    Bool,
    Roles,
}

/// A sheet's columns: name, how its cells read, and whether it is required.
struct Layout {
    file: &'static str,
    list: &'static str,
    columns: &'static [(&'static str, Cell, bool)],
}

const ACTORS: Layout = Layout {
    file: "actors.csv",
    list: "actors",
    columns: &[
        ("id", Cell::Id, true),
        ("kind", Cell::Word, true),
        ("name", Cell::Free, false),
        ("sector", Cell::Word, false),
        ("member_of", Cell::List, false),
        ("contact_for", Cell::List, false),
        ("area", Cell::Free, false),
        ("tags", Cell::List, false),
        ("phone", Cell::Free, false),
        ("email", Cell::Free, false),
        ("joined", Cell::Date, false),
        ("left", Cell::Date, false),
    ],
};

const INTERACTIONS: Layout = Layout {
    file: "interactions.csv",
    list: "interactions",
    columns: &[
        ("id", Cell::Id, false),
        ("at", Cell::Moment, true),
        ("participants", Cell::List, true),
        ("kind", Cell::Word, true),
        ("initiator", Cell::Id, false),
        ("formal", Cell::Bool, false),
        ("outcome", Cell::Word, false),
        ("answered_at", Cell::Moment, false),
        ("answered_by", Cell::Id, false),
        ("initiative", Cell::Id, false),
        ("note", Cell::Free, false),
    ],
};

const INITIATIVES: Layout = Layout {
    file: "initiatives.csv",
    list: "initiatives",
    columns: &[
        ("id", Cell::Id, true),
        ("name", Cell::Free, true),
        ("status", Cell::Word, true),
        ("started", Cell::Date, false),
        ("ended", Cell::Date, false),
        ("area", Cell::Free, false),
        ("participants", Cell::Roles, false),
        ("description", Cell::Free, false),
    ],
};

/// What was read of one sheet: its records and where each came from.
struct Sheet {
    records: Vec<Value>,
    /// The line each record starts on.
    lines: Vec<u64>,
    /// 1-based column of each column name present.
    columns: HashMap<&'static str, usize>,
}

/// `;` when the header has more of them than of `,` (Danish spreadsheets).
/// `;`, `,` or a tab, whichever the header holds most of (Danish
/// spreadsheets write `;`, Excel's "Unicode text" tabs), `,` on a tie.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.matches(c).count();
    let (semicolons, commas, tabs) = (count(';'), count(','), count('\t'));
    if tabs > semicolons && tabs > commas {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// A date as the format writes it, from `YYYY-MM-DD`, `DD-MM-YYYY` or `DD.MM.YYYY`.
fn date_cell(text: &str) -> Option<String> {
    if parse_date(text).is_some() {
        return Some(text.to_owned());
    }
    let b = text.as_bytes();
    if b.len() == 10 && (b[2] == b'-' && b[5] == b'-' || b[2] == b'.' && b[5] == b'.') {
        let iso = format!("{}-{}-{}", &text[6..10], &text[3..5], &text[0..2]);
        if parse_date(&iso).is_some() {
            return Some(iso);
        }
    }
    None
}

fn bool_cell(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "true" | "1" | "yes" | "ja" | "sand" => Some(true),
        "false" | "0" | "no" | "nej" | "falsk" => Some(false),
        _ => None,
    }
}

/// The items of a list cell. A cell written by the library with a leading
/// `'` keeps its items exactly; a hand-typed one is read trimmed.
fn list_cell(text: &str, exact: bool) -> Vec<String> {
    text.split('|')
        .map(|s| if exact { s } else { s.trim() })
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a spreadsheet could take a cell beginning with `c` for a formula
/// (OWASP's list: `=`, `+`, `-`, `@`, tab, carriage return), or for the
/// library's own mark (`'`).
fn risky_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
}

/// A text cell as written: a leading `'` when a spreadsheet would run it as
/// a formula, when it begins with `'` itself, when it is empty but given, or
/// when it begins or ends with white space (which hand-typed cells lose on
/// reading). Reading takes exactly one `'` away again, so the library's own
/// files come back as they went out.
fn protected(text: &str, given: bool) -> String {
    let risky = text.starts_with(risky_start)
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace)
        || (given && text.is_empty());
    if risky {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn read_sheet(layout: &Layout, text: &str, problems: &mut Vec<Problem>) -> Sheet {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sheet = Sheet {
        records: Vec::new(),
        lines: Vec::new(),
        columns: HashMap::new(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let names: Vec<&str> = layout.columns.iter().map(|c| c.0).collect();
    let mut header: Vec<Option<(&'static str, Cell)>> = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(Problem::new(
                    format!("{}:{line}:1", layout.file),
                    "not readable as CSV (a quote left open?)",
                ));
                return sheet;
            }
        };
        let line = row.position().map(|p| p.line()).unwrap_or(n as u64 + 1);
        if n == 0 {
            for (i, name) in row.iter().enumerate() {
                let name = name.trim();
                let place = format!("{}:{line}:{}", layout.file, i + 1);
                match layout.columns.iter().find(|c| c.0 == name) {
                    Some(&(known, cell, _)) if !sheet.columns.contains_key(known) => {
                        sheet.columns.insert(known, i + 1);
                        header.push(Some((known, cell)));
                    }
                    Some(_) => {
                        problems.push(Problem::new(
                            place,
                            format!("column {} appears twice", field_shown(name, true)),
                        ));
                        header.push(None);
                    }
                    None if name.is_empty() => header.push(None),
                    None => {
                        let near = nearest(name, &names);
                        let hint = near
                            .map(|k| format!(" (did you mean {k:?}?)"))
                            .unwrap_or_default();
                        problems.push(Problem::new(
                            place,
                            format!("unknown column {}{hint}", field_shown(name, near.is_some())),
                        ));
                        header.push(None);
                    }
                }
            }
            for (name, _, required) in layout.columns {
                if *required && !sheet.columns.contains_key(name) {
                    problems.push(Problem::new(
                        format!("{}:{line}:1", layout.file),
                        format!("missing column {name:?}"),
                    ));
                }
            }
            continue;
        }
        if row.iter().all(|c| c.trim().is_empty()) {
            continue; // spreadsheets leave empty rows behind
        }
        let mut record = Map::new();
        let mut contact = Map::new();
        for (i, raw) in row.iter().enumerate() {
            let Some(Some((name, cell))) = header.get(i).copied() else {
                if !raw.trim().is_empty() && i >= header.len() {
                    problems.push(Problem::new(
                        format!("{}:{line}:{}", layout.file, i + 1),
                        "a value beyond the last column",
                    ));
                }
                continue;
            };
            // A cell the library protected (a leading ') is taken exactly,
            // without its mark; free text keeps its spaces; everything else
            // is read trimmed.
            let (raw, exact) = match raw.strip_prefix('\'') {
                Some(rest) => (rest, true),
                None => (raw, false),
            };
            let value = if exact { raw } else { raw.trim() };
            let required = layout.columns.iter().any(|c| c.0 == name && c.2);
            if value.is_empty() && !required && !(exact && cell == Cell::Free) {
                continue;
            }
            let place = format!("{}:{line}:{}", layout.file, i + 1);
            let v = match cell {
                Cell::Free => json!(raw),
                Cell::Id | Cell::Word => json!(value),
                Cell::List => json!(list_cell(value, exact)),
                Cell::Date | Cell::Moment => {
                    let read = date_cell(value).or_else(|| {
                        (cell == Cell::Moment)
                            .then(|| Moment::parse(value).ok().map(|m| m.to_string()))
                            .flatten()
                    });
                    match read {
                        Some(d) => json!(d),
                        None if value.is_empty() => json!(""),
                        None => {
                            problems.push(Problem::new(
                                place,
                                "expected a date (YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY)",
                            ));
                            continue;
                        }
                    }
                }
                Cell::Bool => match bool_cell(value) {
                    Some(b) => json!(b),
                    None => {
                        problems.push(Problem::new(place, "expected true or false"));
                        continue;
                    }
                },
                Cell::Roles => {
                    let mut roles = Vec::new();
                    for (j, item) in list_cell(value, exact).iter().enumerate() {
                        match item.split_once(':') {
                            Some((actor, role)) => {
                                roles.push(json!({"actor": actor.trim(), "role": role.trim()}))
                            }
                            None => problems.push(Problem::new(
                                place.clone(),
                                format!("participants[{j}]: expected actor:role"),
                            )),
                        }
                    }
                    json!(roles)
                }
            };
            if name == "phone" || name == "email" {
                contact.insert(name.to_owned(), v);
            } else {
                record.insert(name.to_owned(), v);
            }
        }
        if !contact.is_empty() {
            record.insert("contact".to_owned(), Value::Object(contact));
        }
        sheet.records.push(Value::Object(record));
        sheet.lines.push(line);
    }
    sheet
}

/// The place `actors[3].kind` of the JSON reader as `actors.csv:5:2`.
fn relocate(problem: Problem, sheets: &[(&Layout, &Sheet)]) -> Problem {
    let relocate_ref = |text: &str| -> String {
        // "(actors[2])" in a message: the line instead.
        let mut out = text.to_owned();
        for (layout, sheet) in sheets {
            for (i, line) in sheet.lines.iter().enumerate() {
                out = out.replace(
                    &format!("({}[{i}])", layout.list),
                    &format!("(line {line})"),
                );
            }
        }
        out
    };
    for (layout, sheet) in sheets {
        let Some(rest) = problem.place.strip_prefix(layout.list) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('[') else {
            continue;
        };
        let Some((index, rest)) = rest.split_once(']') else {
            continue;
        };
        let Ok(index) = index.parse::<usize>() else {
            continue;
        };
        let Some(line) = sheet.lines.get(index) else {
            continue;
        };
        let path = rest.strip_prefix('.').unwrap_or(rest);
        let mut field = path.split(['.', '[']).next().unwrap_or("");
        let mut deeper = path.get(field.len()..).unwrap_or("");
        if field == "contact" {
            let inner = deeper.trim_start_matches('.');
            field = inner.split(['.', '[']).next().unwrap_or("");
            deeper = "";
        }
        let column = sheet.columns.get(field).copied().or_else(|| {
            // "missing required field \"initiator\"": point at that column if it exists.
            sheet
                .columns
                .iter()
                .find(|(name, _)| problem.message.contains(&format!("{name:?}")))
                .map(|(_, c)| *c)
        });
        let message = relocate_ref(&problem.message);
        let message = if deeper.is_empty() {
            message
        } else {
            format!("{field}{deeper}: {message}")
        };
        return Problem::new(
            format!("{}:{line}:{}", layout.file, column.unwrap_or(1)),
            message,
        );
    }
    problem
}

/// Reads the spreadsheet form from the three files' text; `interactions`
/// and `initiatives` may be absent.
pub(crate) fn from_texts(
    actors: &str,
    interactions: Option<&str>,
    initiatives: Option<&str>,
) -> Result<Network> {
    let mut problems = Vec::new();
    let a = read_sheet(&ACTORS, actors, &mut problems);
    let x = read_sheet(&INTERACTIONS, interactions.unwrap_or(""), &mut problems);
    let i = read_sheet(&INITIATIVES, initiatives.unwrap_or(""), &mut problems);
    // A missing optional file reads as an empty one, not as one missing its columns.
    problems.retain(|p| {
        !(interactions.is_none() && p.place.starts_with("interactions.csv")
            || initiatives.is_none() && p.place.starts_with("initiatives.csv"))
    });
    let doc = json!({
        "format": "samskab",
        "version": 1,
        "actors": a.records,
        "interactions": x.records,
        "initiatives": i.records,
    });
    let decoded = decode(&doc);
    let sheets = [(&ACTORS, &a), (&INTERACTIONS, &x), (&INITIATIVES, &i)];
    match decoded {
        Ok(net) if problems.is_empty() => Ok(net),
        Ok(_) => Err(Error::Validation { problems }),
        Err(Error::Validation { problems: more }) => {
            problems.extend(more.into_iter().map(|p| relocate(p, &sheets)));
            Err(Error::Validation { problems })
        }
        Err(other) => Err(other),
    }
}

fn text_of(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| match i {
                Value::Object(o) => format!(
                    "{}:{}",
                    o.get("actor").and_then(Value::as_str).unwrap_or(""),
                    o.get("role").and_then(Value::as_str).unwrap_or("")
                ),
                other => other.as_str().unwrap_or("").to_owned(),
            })
            .collect::<Vec<_>>()
            .join("|"),
        Some(other) => other.to_string(),
    }
}

fn write_sheet(layout: &Layout, records: Vec<Value>) -> Result<String> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let io = |_| Error::invalid("csv", "could not be written");
        w.write_record(layout.columns.iter().map(|c| c.0))
            .map_err(io)?;
        for (n, r) in records.iter().enumerate() {
            let contact = r.get("contact");
            let mut row = Vec::with_capacity(layout.columns.len());
            for (name, cell, _) in layout.columns {
                let v = match *name {
                    "phone" | "email" => contact.and_then(|c| c.get(*name)),
                    _ => r.get(*name),
                };
                // Ids that hold the list separators cannot be written as lists.
                if matches!(cell, Cell::Id | Cell::List | Cell::Roles) {
                    let parts: Vec<&str> = match v {
                        Some(Value::Array(items)) => items
                            .iter()
                            .filter_map(|i| {
                                i.as_str()
                                    .or_else(|| i.get("actor").and_then(Value::as_str))
                            })
                            .collect(),
                        Some(Value::String(s)) => vec![s.as_str()],
                        _ => Vec::new(),
                    };
                    if parts
                        .iter()
                        .any(|p| p.contains('|') || (*cell == Cell::Roles && p.contains(':')))
                    {
                        return Err(Error::invalid(
                            layout.file,
                            format!("{}[{n}].{name}: an id with '|' (or ':' in initiative participants) cannot be written in the spreadsheet form", layout.list),
                        ));
                    }
                }
                let given = matches!(v, Some(Value::String(_)));
                row.push(protected(&text_of(v), given));
            }
            w.write_record(&row).map_err(io)?;
        }
        w.flush()
            .map_err(|_| Error::invalid("csv", "could not be written"))?;
    }
    String::from_utf8(out).map_err(|_| Error::invalid("csv", "could not be written"))
}

impl Network {
    /// Reads the spreadsheet form from a folder holding `actors.csv`,
    /// `interactions.csv` and, optionally, `initiatives.csv`. A folder
    /// without one of the first two, or with a file named in another case,
    /// is refused (it would read as no records).
    ///
    /// Cells the library writes with a leading `'` (those a spreadsheet
    /// would run as a formula, those beginning with `'`, empty but given
    /// text, and text with spaces at either end) lose that one `'` and are
    /// taken exactly as they stand; other cells are read trimmed.
    ///
    /// `;`, `,` or a tab separates the columns (Danish spreadsheets write
    /// `;`), the files are UTF-8 (with or without a byte-order mark), UTF-16
    /// or Windows-1252 (see [`Network::from_csv_bytes`]), dates may also be
    /// written `DD-MM-YYYY` or `DD.MM.YYYY`, lists are separated by `|` and
    /// initiative participants are written `actor:role|actor:role`. A file
    /// that breaks a rule is refused whole, every problem placed as
    /// `file:line:column`.
    pub fn from_csv(folder: impl AsRef<Path>) -> Result<Network> {
        let folder = folder.as_ref();
        // The names in the folder, for a file named in another case
        // ("Interactions.CSV"), which would otherwise read as no file.
        let present: Vec<String> = std::fs::read_dir(folder)
            .map_err(Error::reading(folder))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let mut problems = Vec::new();
        let mut read = |name: &str, required: bool| -> Result<Option<Vec<u8>>> {
            let path = folder.join(name);
            if !present.iter().any(|p| p == name) {
                if let Some(other) = present.iter().find(|p| p.eq_ignore_ascii_case(name)) {
                    problems.push(Problem::new(
                        name,
                        format!("not found, but {} is: name it {name:?}", shown(other)),
                    ));
                } else if required {
                    problems.push(Problem::new(
                        name,
                        "not found: the spreadsheet form needs actors.csv and interactions.csv \
                         (initiatives.csv may be left out)",
                    ));
                }
                return Ok(None);
            }
            std::fs::read(&path)
                .map(Some)
                .map_err(Error::reading(&path))
        };
        let actors = read("actors.csv", true)?;
        let interactions = read("interactions.csv", true)?;
        let initiatives = read("initiatives.csv", false)?;
        Error::check(problems)?;
        Network::from_csv_bytes(
            actors.as_deref().unwrap_or_default(),
            interactions.as_deref(),
            initiatives.as_deref(),
        )
    }

    /// The spreadsheet form from the three files' bytes, in whichever
    /// encoding they were saved: UTF-8 with or without a byte-order mark,
    /// UTF-16 with its mark (Excel's "Unicode text", tab-separated), or
    /// Windows-1252 (Danish Excel's "CSV") when no byte says otherwise. A
    /// file that cannot be told is refused with its place and how to save
    /// it. See [`Network::from_csv`].
    ///
    /// ```
    /// use samskab::Network;
    /// // "Søren" as Danish Excel's "CSV" writes it (Windows-1252): ø is one byte.
    /// let actors = b"id;kind;name\nv-s\xf8ren;volunteer;S\xf8ren\n";
    /// let net = Network::from_csv_bytes(actors, Some(b"at;participants;kind\n"), None)?;
    /// assert_eq!(net.actor("v-s\u{f8}ren").unwrap().name.as_deref(), Some("S\u{f8}ren"));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn from_csv_bytes(
        actors: &[u8],
        interactions: Option<&[u8]>,
        initiatives: Option<&[u8]>,
    ) -> Result<Network> {
        let mut problems = Vec::new();
        let mut text = |bytes: Option<&[u8]>, file: &str| -> Option<String> {
            let decoded = super::encoding::decode(bytes?, file);
            decoded.map_err(|p| problems.push(p)).ok()
        };
        let a = text(Some(actors), "actors.csv");
        let x = text(interactions, "interactions.csv");
        let i = text(initiatives, "initiatives.csv");
        Error::check(problems)?;
        from_texts(a.as_deref().unwrap_or(""), x.as_deref(), i.as_deref())
    }

    /// Reads the spreadsheet form from the files' text (for browsers, where
    /// there are no folders). See [`Network::from_csv`].
    ///
    /// ```
    /// use samskab::Network;
    /// let actors = "id;kind;name\ne-tove;employee;Tove\nv-inge;volunteer;Inge\n";
    /// let interactions = "at;participants;kind\n05-09-2023;v-inge|e-tove;informal\n";
    /// let net = Network::from_csv_texts(actors, Some(interactions), None)?;
    /// assert_eq!(net.interaction_count(), 1);
    /// let err = Network::from_csv_texts("id;kind\ne-tove;boss\n", None, None).unwrap_err();
    /// assert!(err.problems()[0].to_string().starts_with("actors.csv:2:2: expected one of"));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn from_csv_texts(
        actors: &str,
        interactions: Option<&str>,
        initiatives: Option<&str>,
    ) -> Result<Network> {
        from_texts(actors, interactions, initiatives)
    }

    /// The spreadsheet form as text: `;`-separated UTF-8 with a byte-order
    /// mark, as Danish spreadsheet programs open it. Initiative outcomes,
    /// `meta` and `extra` exist only in the JSON form and are left out.
    pub fn to_csv_texts(&self) -> Result<CsvFiles> {
        let actors: Vec<Value> = self
            .actors()
            .into_iter()
            .map(|a| serde_json::to_value(a).unwrap_or(Value::Null))
            .collect();
        let interactions: Vec<Value> = self
            .interactions()
            .map(|(_, x)| serde_json::to_value(x).unwrap_or(Value::Null))
            .collect();
        let initiatives: Vec<Value> = self
            .initiatives()
            .into_iter()
            .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
            .collect();
        Ok(CsvFiles {
            actors: write_sheet(&ACTORS, actors)?,
            interactions: write_sheet(&INTERACTIONS, interactions)?,
            initiatives: write_sheet(&INITIATIVES, initiatives)?,
        })
    }

    /// Writes the spreadsheet form into a folder (created if missing), each
    /// file atomically. See [`Network::to_csv_texts`].
    pub fn to_csv(&self, folder: impl AsRef<Path>) -> Result<()> {
        self.to_csv_with(folder, &SaveOptions::default())
    }

    /// [`Network::to_csv`] with the files' permissions chosen (see
    /// [`SaveOptions`]).
    pub fn to_csv_with(&self, folder: impl AsRef<Path>, options: &SaveOptions) -> Result<()> {
        let folder = folder.as_ref();
        std::fs::create_dir_all(folder).map_err(Error::writing(folder))?;
        let files = self.to_csv_texts()?;
        write_atomic(&folder.join("actors.csv"), options, &files.actors)?;
        write_atomic(
            &folder.join("interactions.csv"),
            options,
            &files.interactions,
        )?;
        write_atomic(&folder.join("initiatives.csv"), options, &files.initiatives)
    }
}
