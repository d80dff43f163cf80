//! The text of a spreadsheet file, whatever encoding the program that saved
//! it chose: UTF-8 with or without a byte-order mark, UTF-16 with its mark
//! (Excel's "Unicode text"), or Windows-1252 (what Danish Excel writes for
//! "CSV"), told apart only where it is safe, and otherwise a located error
//! that says how to save the file.

use crate::error::Problem;

/// Windows-1252's characters for the bytes 0x80–0x9F (`None`: no character;
/// the other bytes above 0x7F are Latin-1's, that is, their own code point).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// How to save a file so that it reads: said in every refusal.
const HOW_TO_SAVE: &str = "save it as \"CSV UTF-8\" (in Excel: Gem som → CSV UTF-8 \
                           (kommasepareret)) and try again";

/// Line and column (1-based, in bytes) of byte `at`.
fn place(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line, column)
}

fn utf16(bytes: &[u8], little: bool, file: &str) -> Result<String, Problem> {
    if bytes.len() % 2 != 0 {
        return Err(Problem::new(
            format!("{file}:1:1"),
            format!("UTF-16 text of an odd number of bytes (cut short?); {HOW_TO_SAVE}"),
        ));
    }
    let units = bytes.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| {
            Problem::new(
                format!("{file}:1:1"),
                format!("not valid UTF-16 text; {HOW_TO_SAVE}"),
            )
        })
}

/// The text of file `file` from its bytes.
pub(crate) fn decode(bytes: &[u8], file: &str) -> Result<String, Problem> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return std::str::from_utf8(rest).map(str::to_owned).map_err(|e| {
            let (line, column) = place(rest, e.valid_up_to());
            Problem::new(
                format!("{file}:{line}:{column}"),
                format!("marked as UTF-8, but this is not UTF-8; {HOW_TO_SAVE}"),
            )
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, true, file);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, false, file);
    }
    let invalid = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_owned()),
        Err(e) => e.valid_up_to(),
    };
    // Not UTF-8. Windows-1252 is taken only when every byte is one of its
    // characters and the text holds no NUL (UTF-16 without its mark would):
    // then it is what a Danish spreadsheet program wrote.
    let mut text = String::with_capacity(bytes.len());
    for (at, &b) in bytes.iter().enumerate() {
        let c = match b {
            0 => None,
            0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
            _ => Some(char::from(b)),
        };
        match c {
            Some(c) => text.push(c),
            None => {
                let (line, column) = place(bytes, at.min(invalid));
                return Err(Problem::new(
                    format!("{file}:{line}:{column}"),
                    format!("neither UTF-8 nor Windows-1252 text; {HOW_TO_SAVE}"),
                ));
            }
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_encoding_a_spreadsheet_writes() {
        let want = "id;name\nv-1;Søren Æblø\n";
        let utf16le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(want.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(want.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let cp1252: Vec<u8> = want
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
        let bom = [b"\xef\xbb\xbf".as_slice(), want.as_bytes()].concat();
        for bytes in [want.as_bytes(), &bom, &utf16le, &utf16be, &cp1252] {
            assert_eq!(decode(bytes, "actors.csv").unwrap(), want);
        }
        assert_eq!(decode(b"\x80 \x9c", "a.csv").unwrap(), "€ œ");
    }

    #[test]
    fn what_cannot_be_told_is_refused_with_its_place() {
        let err = decode(b"id;name\nv-1;a\x81b\n", "actors.csv").unwrap_err();
        assert_eq!(err.place, "actors.csv:2:6");
        assert!(err.message.contains("CSV UTF-8"));
        let err = decode(b"\xef\xbb\xbfid\n\xff", "actors.csv").unwrap_err();
        assert_eq!(err.place, "actors.csv:2:1");
        assert!(decode(b"a\x00\xe6", "x.csv").is_err());
    }
}
