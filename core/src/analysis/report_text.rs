//! The value report as plain text for a manager, in Danish or English.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::report::{PeriodFigures, Report};
use crate::error::{Error, Result};

/// The languages a report is written in.
#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Da,
    En,
}

/// One sentence in both languages.
fn t(lang: Lang, da: &str, en: &str) -> String {
    match lang {
        Lang::Da => da.to_owned(),
        Lang::En => en.to_owned(),
    }
}

fn date(lang: Lang, d: NaiveDate) -> String {
    const DA: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let m = d.month0() as usize;
    match lang {
        Lang::Da => format!("{}. {} {}", d.day(), DA[m], d.year()),
        Lang::En => format!("{} {} {}", d.day(), EN[m], d.year()),
    }
}

/// The period as people read it: its first and last day.
fn period(lang: Lang, f: &PeriodFigures) -> String {
    let last = super::report::just_before(f.end).date();
    format!("{} – {}", date(lang, f.start.date()), date(lang, last))
}

fn number(lang: Lang, v: f64) -> String {
    let text = if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    };
    match lang {
        Lang::Da => text.replace('.', ","),
        Lang::En => text,
    }
}

/// "143 contacts (previous period 120, +19 %)".
fn compared(lang: Lang, now: usize, before: usize, noun: (&str, &str)) -> String {
    let change = if before == 0 {
        if now == 0 {
            t(lang, "uændret", "unchanged")
        } else {
            t(lang, "nyt", "new")
        }
    } else {
        let pct = (now as f64 - before as f64) / before as f64 * 100.0;
        format!("{:+.0} %", pct)
    };
    match lang {
        Lang::Da => format!("{now} {} (forrige periode {before}, {change})", noun.0),
        Lang::En => format!("{now} {} (previous period {before}, {change})", noun.1),
    }
}

fn share(part: usize, whole: usize) -> usize {
    if whole == 0 {
        0
    } else {
        ((part as f64 / whole as f64) * 100.0).round() as usize
    }
}

impl Report {
    /// The report as plain text for a manager who must defend the
    /// investment: plain words, numbers with their meaning, each beside the
    /// period before. `lang` is `"da"` (Danish) or `"en"` (English).
    pub fn to_text(&self, lang: &str) -> Result<String> {
        let lang = match lang {
            "da" => Lang::Da,
            "en" => Lang::En,
            _ => return Err(Error::invalid("lang", "must be \"da\" or \"en\"")),
        };
        let (c, p) = (&self.current, &self.previous);
        let mut out = String::new();
        let title = t(
            lang,
            "Værdien af relationsarbejdet",
            "The value of relationship work",
        );
        let _ = match &self.municipality {
            Some(m) => writeln!(out, "{title} — {m}"),
            None => writeln!(out, "{title}"),
        };
        let _ = writeln!(
            out,
            "{}: {}, {} {}.\n",
            t(lang, "Periode", "Period"),
            period(lang, c),
            t(lang, "sammenlignet med", "compared with"),
            period(lang, p)
        );

        let _ = writeln!(out, "{}", t(lang, "Kontakt", "Contact"));
        let _ = writeln!(
            out,
            "- {}.",
            compared(
                lang,
                c.interactions,
                p.interactions,
                ("kontakter i alt", "contacts in all")
            )
        );
        if c.interactions > 0 {
            let _ = writeln!(
                out,
                "- {} % {}",
                share(c.informal, c.interactions),
                t(
                    lang,
                    "var uformelle (en kop kaffe, en snak efter mødet). Det er dér, tilliden bygges, og det står ikke i nogen sag.",
                    "were informal (a cup of coffee, a talk after the meeting). That is where trust is built, and no case file shows it."
                )
            );
        }
        let _ = writeln!(
            out,
            "- {} {}, {} {}.",
            t(
                lang,
                "Kommunens folk mødte",
                "The municipality's people met"
            ),
            compared(
                lang,
                c.people_met,
                p.people_met,
                (
                    "frivillige, borgere og folk fra virksomheder",
                    "volunteers, citizens and people from businesses"
                )
            ),
            t(lang, "og nåede", "and reached"),
            compared(
                lang,
                c.organisations_reached,
                p.organisations_reached,
                (
                    "foreninger, netværk og lokalsamfund",
                    "associations, networks and communities"
                )
            )
        );
        if !c.areas.is_empty() {
            let _ = writeln!(
                out,
                "- {}: {}.",
                t(lang, "Områder", "Areas"),
                c.areas.join(", ")
            );
        }
        if c.negative > 0 {
            let _ = writeln!(
                out,
                "- {} {}",
                c.negative,
                t(lang, "kontakter gik dårligt (konflikt, brudt aftale). De koster mere tillid, end en god kontakt giver, og bør følges op.",
                    "contacts went badly (a conflict, a broken promise). They cost more trust than a good contact earns, and need follow-up.")
            );
        }

        let _ = writeln!(out, "\n{}", t(lang, "Relationer", "Relationships"));
        let _ = writeln!(
            out,
            "- {}.",
            compared(
                lang,
                c.new_ties,
                p.new_ties,
                ("nye relationer", "new relationships")
            )
        );
        let _ = writeln!(
            out,
            "- {}, {}.",
            compared(
                lang,
                c.strengthened,
                p.strengthened,
                ("relationer blev stærkere", "relationships grew stronger")
            ),
            compared(
                lang,
                c.weakened,
                p.weakened,
                ("blev svagere", "grew weaker")
            )
        );

        let r = &c.requests;
        let _ = writeln!(out, "\n{}", t(lang, "Henvendelser", "Requests"));
        let _ = writeln!(
            out,
            "- {}.",
            compared(
                lang,
                r.asked,
                p.requests.asked,
                ("henvendelser", "requests")
            )
        );
        if r.asked > 0 {
            let median = r
                .median_response_days
                .map(|d| match lang {
                    Lang::Da => format!("median svartid {} dage", number(lang, d)),
                    Lang::En => format!("median answer in {} days", number(lang, d)),
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {} {}{}{}.",
                r.answered,
                t(lang, "besvaret", "answered"),
                if median.is_empty() { "" } else { ", " },
                median
            );
            if r.unanswered > 0 {
                let _ = writeln!(
                    out,
                    "- {} {} {} {}",
                    r.unanswered,
                    t(lang, "ubesvarede, heraf", "unanswered, of which"),
                    r.overdue,
                    t(
                        lang,
                        "over fristen. Hurtige svar er en forudsætning for samarbejdet.",
                        "past the deadline. Fast answers are a precondition for working together."
                    )
                );
            }
        }

        let _ = writeln!(out, "\n{}", t(lang, "Initiativer", "Initiatives"));
        let _ = writeln!(
            out,
            "- {} {}, {} {}, {} {}.",
            c.initiatives_started,
            t(lang, "startet", "started"),
            c.initiatives_active,
            t(lang, "i gang", "running"),
            c.initiatives_completed,
            t(lang, "afsluttet", "completed")
        );
        for o in &c.outcomes {
            let unit = o
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {} — {}: {}{} ({})",
                o.name,
                o.label,
                number(lang, o.value),
                unit,
                date(lang, o.at)
            );
        }

        let cov = &self.coverage;
        let total = cov.covered + cov.informal + cov.weak + cov.uncovered;
        if total > 0 {
            let _ = writeln!(out, "\n{}", t(lang, "Dækning", "Coverage"));
            let _ = writeln!(
                out,
                "- {} {} {} {}",
                cov.covered,
                t(lang, "af", "of"),
                total,
                t(lang, "foreninger og lokalsamfund har en tillidsfuld forbindelse til kommunen gennem deres kontaktperson.",
                    "associations and communities have a trusted tie into the municipality through their contact person.")
            );
            if cov.informal > 0 {
                let _ = writeln!(
                    out,
                    "- {} {}",
                    cov.informal,
                    t(
                        lang,
                        "har den gennem en anden end kontaktpersonen.",
                        "have one through someone other than their contact person."
                    )
                );
            }
            if !cov.without_trusted_tie.is_empty() {
                let _ = writeln!(
                    out,
                    "- {} {}",
                    cov.without_trusted_tie.len(),
                    t(
                        lang,
                        "har ingen tillidsfuld forbindelse til kommunen endnu:",
                        "have no trusted tie into the municipality yet:"
                    )
                );
                let names: Vec<&str> = cov
                    .without_trusted_tie
                    .iter()
                    .map(|g| g.name.as_str())
                    .collect();
                let _ = writeln!(out, "  {}.", names.join(", "));
            }
        }
        let _ = writeln!(
            out,
            "\n{}",
            t(lang,
              "Tillid måles ud fra gentagne, gode og gensidige kontakter over tid. Den falmer, når relationen ikke plejes, og den tåler dårligt ubesvarede henvendelser.",
              "Trust is measured from repeated, good and mutual contact over time. It fades when a relationship is not tended, and suffers from unanswered requests.")
        );
        Ok(out)
    }
}
