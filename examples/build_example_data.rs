//! Writes `examples/data/egebaek.json`: Egebæk Kommune, a fictional Danish
//! municipality with its volunteers and local communities, January 2023 to
//! October 2025. Every person, place and note is made up.
//!
//! The stories in it are the ones the library is for: a field employee who
//! slowly wins the trust of a local champion (N1), a relationship going cold
//! (N2), an employee who left and took a village's only way in with him (N4),
//! a newcomer looking for a way into the job centre (N5), slow and unanswered
//! requests (N6), a cross-unit network of employees (N8), and initiatives
//! (N9). Contact between them is filled in with a seeded random generator, so
//! the file is the same on every run.
//!
//! Run with `cargo run -p samskab --example build_example_data [OUT.json]`.

use samskab::{
    Actor, ActorKind, Delivered, Initiative, InitiativeStatus, Interaction, InteractionKind,
    Moment, Network, Outcome, Participant, Role, Sector,
};

/// xorshift64*: small, deterministic, good enough for example data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const START: &str = "2023-01-02";
/// Days from START to the end of October 2025.
const SPAN: i64 = 1033;

fn day(n: i64) -> Moment {
    START
        .parse::<Moment>()
        .map(|m| m.plus_days(n))
        .unwrap_or_else(|_| unreachable!())
}

/// A working-hours date-time `n` days after START, at `hour` local time (CET).
fn at(n: i64, hour: u32) -> Moment {
    let date = day(n).date();
    let text = format!("{}T{hour:02}:00:00+01:00", date.format("%Y-%m-%d"));
    text.parse().unwrap_or(day(n))
}

struct Builder {
    net: Network,
    rng: Rng,
    pending: Vec<Interaction>,
}

impl Builder {
    fn actor(&mut self, id: &str, kind: ActorKind, name: &str, member_of: &[&str]) -> &mut Self {
        let mut a = Actor::new(id, kind);
        a.name = Some(name.to_owned());
        a.member_of = member_of.iter().map(|s| s.to_string()).collect();
        self.net
            .add_actor(a)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        self
    }

    fn edit(&mut self, id: &str, f: impl FnOnce(&mut Actor)) {
        let mut a = self
            .net
            .actor(id)
            .cloned()
            .unwrap_or_else(|| panic!("{id}"));
        f(&mut a);
        self.net
            .update_actor(a)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
    }

    fn contact(
        &mut self,
        d: i64,
        people: &[&str],
        kind: InteractionKind,
        initiator: Option<&str>,
    ) -> &mut Interaction {
        let hour = 9 + self.rng.below(7) as u32;
        let mut x = Interaction::new(at(d, hour), people.iter().copied(), kind);
        x.initiator = initiator.map(str::to_owned);
        if self.rng.chance(0.3) {
            x.outcome_written = Some(Outcome::Positive);
        }
        self.pending.push(x);
        self.pending.last_mut().unwrap_or_else(|| unreachable!())
    }

    /// A request from `from` to `to`, answered after `hours` (None: never).
    fn request(&mut self, d: i64, from: &str, to: &str, hours: Option<i64>) -> &mut Interaction {
        let x = self.contact(d, &[from, to], InteractionKind::Request, Some(from));
        x.outcome_written = None;
        if let Some(h) = hours {
            let answered = x.at.utc() + chrono::Duration::hours(h);
            x.answered_at = Some(Moment::from(answered.fixed_offset()));
        }
        x
    }

    /// Contacts between two people every `every` days on average over the
    /// range of `days`, initiated by `a` with probability `a_share`.
    fn rhythm(
        &mut self,
        a: &str,
        b: &str,
        days: std::ops::Range<i64>,
        every: i64,
        a_share: f64,
        kinds: &[InteractionKind],
    ) {
        let mut d = days.start + self.rng.below(every as u64) as i64;
        while d < days.end.min(SPAN) {
            let kind = kinds[self.rng.below(kinds.len() as u64) as usize];
            let who = if self.rng.chance(a_share) { a } else { b };
            self.contact(d, &[a, b], kind, Some(who));
            d += 1 + (every / 2) + self.rng.below(every as u64) as i64;
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    use ActorKind::*;
    use InteractionKind::*;
    let mut b = Builder {
        net: samskab::Network::new(),
        rng: Rng(0x5EED_E6EB_AE00_2025),
        pending: Vec::new(),
    };
    let mut meta = samskab::Extra::new();
    meta.insert("municipality".into(), "Egebæk Kommune (fictional)".into());
    meta.insert("exported_at".into(), "2025-11-01T07:00:00Z".into());
    meta.insert(
        "description".into(),
        "Example data for the samskab tour. Every person, place and note is made up.".into(),
    );
    b.net.set_meta(meta)?;

    // Places.
    b.actor("c-solbjerg", Community, "Solbjerg", &[])
        .actor("c-havnso", Community, "Havnsø", &[])
        .actor("c-lindved", Community, "Lindved", &[])
        .actor("c-egebaek", Community, "Egebæk by", &[]);
    for (id, area) in [
        ("c-solbjerg", "Solbjerg"),
        ("c-havnso", "Havnsø"),
        ("c-lindved", "Lindved"),
        ("c-egebaek", "Egebæk"),
    ] {
        b.edit(id, |a| a.area = Some(area.into()));
    }

    // The municipality's units.
    b.actor("u-kommune", Unit, "Egebæk Kommune", &[])
        .actor("u-job", Unit, "Jobcenter Egebæk", &["u-kommune"])
        .actor("u-integration", Unit, "Integrationsteamet", &["u-job"])
        .actor("u-kultur", Unit, "Kultur og Fritid", &["u-kommune"])
        .actor(
            "u-frivillig",
            Unit,
            "Frivillighed og Civilsamfund",
            &["u-kultur"],
        )
        .actor("u-sundhed", Unit, "Sundhed og Ældre", &["u-kommune"])
        .actor("u-borger", Unit, "Borgerservice", &["u-kommune"])
        .actor("u-born", Unit, "Børn og Unge", &["u-kommune"])
        .actor(
            "n-frivnet",
            Network,
            "Frivillignetværket (medarbejdere på tværs)",
            &[],
        );
    b.edit("n-frivnet", |a| {
        a.sector_written = Some(Sector::Municipality)
    });

    // Employees.
    let employees: &[(&str, &str, &str)] = &[
        ("e-mette", "Mette Holm", "u-kultur"),
        ("e-jonas", "Jonas Krogh", "u-frivillig"),
        ("e-aisha", "Aisha Noor", "u-integration"),
        ("e-ole", "Ole Thomsen", "u-integration"),
        ("e-per", "Per Lund", "u-job"),
        ("e-hanne", "Hanne Skov", "u-job"),
        ("e-nanna", "Nanna Friis", "u-job"),
        ("e-karin", "Karin Bech", "u-sundhed"),
        ("e-birgit", "Birgit Andersen", "u-sundhed"),
        ("e-soren", "Søren Vestergaard", "u-borger"),
        ("e-lone", "Lone Dahl", "u-born"),
        ("e-rasmus", "Rasmus Møller", "u-kultur"),
    ];
    for (i, (id, name, unit)) in employees.iter().enumerate() {
        b.actor(id, Employee, name, &[unit]);
        let short: String = id[2..].to_owned();
        b.edit(id, |a| {
            a.contact = Some(samskab::Contact {
                phone: Some(format!("+45 72 00 {:02} {:02}", 10 + i, 31 + i)),
                email: Some(format!("{short}@egebaek.example")),
            });
        });
    }
    for id in [
        "e-mette", "e-jonas", "e-aisha", "e-karin", "e-rasmus", "e-lone", "e-ole", "e-soren",
        "e-birgit",
    ] {
        b.edit(id, |a| a.member_of.push("n-frivnet".into()));
    }
    b.edit("e-mette", |a| {
        a.tags = vec!["field-employee".into()];
        a.area = Some("Solbjerg".into());
        a.joined = "2022-11-01".parse().ok();
    });
    b.edit("e-jonas", |a| a.tags = vec!["coordinator".into()]);
    b.edit("e-per", |a| {
        a.joined = "2016-08-01".parse().ok();
        a.left = "2025-03-31".parse().ok();
        a.area = Some("Havnsø".into());
    });
    b.edit("e-nanna", |a| a.joined = "2025-04-01".parse().ok());
    b.edit("e-hanne", |a| a.tags = vec!["manager".into()]);
    b.actor("p-anders", Politician, "Anders Kjær", &[]);
    b.edit("p-anders", |a| {
        a.tags = vec!["chair-culture-committee".into()]
    });

    // Organisations and businesses.
    b.actor(
        "o-beboer",
        Organisation,
        "Solbjerg Beboerforening",
        &["c-solbjerg"],
    )
    .actor(
        "o-lektiecafe",
        Organisation,
        "Lektiecafé Egebæk",
        &["c-egebaek"],
    )
    .actor(
        "o-venligbo",
        Organisation,
        "Venligboerne Egebæk",
        &["c-egebaek"],
    )
    .actor(
        "o-kontaktfam",
        Organisation,
        "Kontaktfamilier Egebæk",
        &["c-egebaek"],
    )
    .actor(
        "o-aeldre",
        Organisation,
        "Ældreforeningen Lindved",
        &["c-lindved"],
    )
    .actor("o-havnsoif", Organisation, "Havnsø IF", &["c-havnso"])
    .actor("o-toejbank", Organisation, "Tøjbanken", &["c-egebaek"])
    .actor("b-brugsen", Business, "Dagli'Brugsen Solbjerg", &[])
    .actor("b-fisk", Business, "Havnsø Fiskeindustri", &[])
    .actor("b-vvs", Business, "Egebæk VVS", &[])
    .actor("b-kro", Business, "Lindved Kro", &[]);
    for (id, area) in [
        ("b-brugsen", "Solbjerg"),
        ("b-fisk", "Havnsø"),
        ("b-kro", "Lindved"),
    ] {
        b.edit(id, |a| a.area = Some(area.into()));
    }
    // Who is the assigned contact for whom.
    b.edit("e-mette", |a| {
        a.contact_for = vec!["c-solbjerg".into(), "o-beboer".into()]
    });
    b.edit("e-jonas", |a| {
        a.contact_for = vec![
            "o-lektiecafe".into(),
            "o-kontaktfam".into(),
            "o-toejbank".into(),
        ]
    });
    b.edit("e-aisha", |a| a.contact_for = vec!["o-venligbo".into()]);
    b.edit("e-per", |a| {
        a.contact_for = vec!["c-havnso".into(), "o-havnsoif".into()]
    });
    b.edit("e-karin", |a| a.contact_for = vec!["o-aeldre".into()]);
    b.edit("e-rasmus", |a| a.contact_for = vec!["c-lindved".into()]);

    // Volunteers and citizens.
    let volunteers: &[(&str, &str, &str)] = &[
        ("v-grethe", "Grethe Lauridsen", "o-beboer"),
        ("v-lise", "Lise Brandt", "o-beboer"),
        ("v-tobias", "Tobias Mikkelsen", "o-beboer"),
        ("v-birthe", "Birthe Kristensen", "o-lektiecafe"),
        ("v-emma", "Emma Juul", "o-lektiecafe"),
        ("v-niels", "Niels Bak", "o-lektiecafe"),
        ("v-ahmad", "Ahmad Rahimi", "o-venligbo"),
        ("v-fatima", "Fatima Yusuf", "o-venligbo"),
        ("v-henrik", "Henrik Lassen", "o-kontaktfam"),
        ("v-sofie", "Sofie Winther", "o-kontaktfam"),
        ("v-kurt", "Kurt Poulsen", "o-aeldre"),
        ("v-ib", "Ib Svendsen", "o-aeldre"),
        ("v-jens", "Jens Overgaard", "o-havnsoif"),
        ("v-mona", "Mona Skytte", "o-havnsoif"),
        ("v-anne", "Anne Hvid", "o-toejbank"),
        ("v-maja", "Maja Sørensen", "o-venligbo"),
    ];
    for (id, name, org) in volunteers {
        b.actor(id, Volunteer, name, &[org]);
    }
    for id in ["v-grethe", "v-ahmad", "v-jens"] {
        b.edit(id, |a| a.tags = vec!["local-champion".into()]);
    }
    b.edit("v-grethe", |a| {
        a.area = Some("Solbjerg".into());
        a.contact = Some(samskab::Contact {
            phone: Some("+45 20 00 11 22".into()),
            email: None,
        });
    });
    b.edit("v-maja", |a| a.joined = "2025-06-01".parse().ok());
    b.actor("c-karim", Citizen, "Karim Haddad", &[]);

    // Initiatives.
    let mut add = |id: &str,
                   name: &str,
                   status,
                   started: &str,
                   ended: Option<&str>,
                   area: Option<&str>,
                   people: &[(&str, Role)],
                   outcomes: &[(&str, &str, f64, Option<&str>)]| {
        let mut ini = Initiative::new(id, name, status);
        ini.started = started.parse().ok();
        ini.ended = ended.and_then(|e| e.parse().ok());
        ini.area = area.map(str::to_owned);
        ini.participants = people
            .iter()
            .map(|(a, r)| Participant {
                actor: a.to_string(),
                role: *r,
            })
            .collect();
        ini.outcomes = outcomes
            .iter()
            .map(|(at, label, value, unit)| Delivered {
                at: at.parse().unwrap_or_default(),
                label: label.to_string(),
                value: *value,
                unit: unit.map(str::to_owned),
            })
            .collect();
        b.net
            .add_initiative(ini)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
    };
    add(
        "ini-lektiecafe",
        "Lektiecafé på biblioteket",
        InitiativeStatus::Active,
        "2023-02-01",
        None,
        Some("Egebæk"),
        &[
            ("v-birthe", Role::Lead),
            ("o-lektiecafe", Role::Partner),
            ("u-born", Role::Partner),
            ("e-jonas", Role::Steering),
            ("v-emma", Role::Member),
            ("v-niels", Role::Member),
        ],
        &[
            ("2023-06-30", "pupils per week", 14.0, Some("pupils")),
            ("2024-06-30", "pupils per week", 22.0, Some("pupils")),
            ("2025-06-30", "pupils per week", 27.0, Some("pupils")),
        ],
    );
    add(
        "ini-toej",
        "Tøjindsamling til nyankomne",
        InitiativeStatus::Completed,
        "2023-10-01",
        Some("2024-03-15"),
        Some("Egebæk"),
        &[
            ("v-anne", Role::Lead),
            ("o-toejbank", Role::Partner),
            ("e-jonas", Role::Member),
            ("v-fatima", Role::Member),
        ],
        &[("2024-03-15", "bags of clothes handed out", 310.0, None)],
    );
    add(
        "ini-jobmesse",
        "Jobmesse for flygtninge",
        InitiativeStatus::Completed,
        "2024-03-01",
        Some("2024-09-20"),
        Some("Egebæk"),
        &[
            ("v-ahmad", Role::Lead),
            ("u-job", Role::Partner),
            ("e-aisha", Role::Steering),
            ("b-fisk", Role::Partner),
            ("b-vvs", Role::Partner),
            ("o-venligbo", Role::Partner),
        ],
        &[
            ("2024-09-20", "visitors", 140.0, None),
            ("2024-12-31", "people in work", 9.0, Some("people")),
        ],
    );
    add(
        "ini-kontaktfam",
        "Kontaktfamilier for nye borgere",
        InitiativeStatus::Active,
        "2024-01-15",
        None,
        Some("Egebæk"),
        &[
            ("v-henrik", Role::Lead),
            ("o-kontaktfam", Role::Partner),
            ("e-jonas", Role::Partner),
            ("e-ole", Role::Member),
            ("v-sofie", Role::Member),
        ],
        &[
            ("2024-12-31", "families matched", 11.0, Some("families")),
            ("2025-09-30", "families matched", 19.0, Some("families")),
        ],
    );
    add(
        "ini-beboerhus",
        "Solbjerg Beboerhus",
        InitiativeStatus::Active,
        "2024-05-01",
        None,
        Some("Solbjerg"),
        &[
            ("v-grethe", Role::Lead),
            ("o-beboer", Role::Partner),
            ("e-mette", Role::Partner),
            ("u-kultur", Role::Funder),
            ("b-brugsen", Role::Funder),
        ],
        &[
            ("2025-05-01", "opening day visitors", 180.0, None),
            ("2025-09-30", "weekly activities", 6.0, None),
        ],
    );
    add(
        "ini-sommerfest",
        "Havnsø sommerfest",
        InitiativeStatus::Paused,
        "2023-04-01",
        None,
        Some("Havnsø"),
        &[
            ("v-jens", Role::Lead),
            ("o-havnsoif", Role::Partner),
            ("e-per", Role::Partner),
            ("b-fisk", Role::Funder),
        ],
        &[
            ("2023-07-01", "visitors", 400.0, None),
            ("2024-07-06", "visitors", 520.0, None),
        ],
    );

    // N1: Mette wins Grethe's trust by showing up. At first Mette does all the
    // asking; from the second year Grethe comes to her.
    b.rhythm(
        "e-mette",
        "v-grethe",
        60..365,
        45,
        0.9,
        &[Informal, Informal, Meeting],
    );
    b.rhythm(
        "e-mette",
        "v-grethe",
        365..SPAN,
        27,
        0.45,
        &[Informal, Meeting, Collaboration, Call],
    );
    for d in (420..SPAN).step_by(75) {
        let hours = 2 + b.rng.below(20) as i64;
        b.request(d, "v-grethe", "e-mette", Some(hours)).initiative =
            (d > 485).then(|| "ini-beboerhus".to_owned());
    }
    b.rhythm("e-mette", "v-lise", 200..SPAN, 245, 0.6, &[Informal, Call]);
    b.rhythm("v-grethe", "v-lise", 0..SPAN, 70, 0.5, &[Informal, Meeting]);
    b.rhythm("v-grethe", "v-tobias", 0..SPAN, 122, 0.5, &[Informal, Call]);
    b.rhythm(
        "v-grethe",
        "b-brugsen",
        300..SPAN,
        210,
        0.7,
        &[Informal, Meeting],
    );
    // Village meetings in Solbjerg, four a year.
    for d in (45..SPAN).step_by(91) {
        let mut who = vec!["v-grethe", "v-lise", "v-tobias", "e-mette"];
        if d > 400 {
            who.push("b-brugsen");
        }
        if d > 600 {
            who.push("p-anders");
        }
        b.contact(d, &who, Meeting, Some("v-grethe")).initiative =
            (d > 485).then(|| "ini-beboerhus".into());
    }
    let x = b.contact(
        852,
        &["v-grethe", "e-mette", "p-anders", "b-brugsen", "v-lise"],
        Event,
        Some("v-grethe"),
    );
    x.outcome_written = Some(Outcome::Positive);
    x.initiative = Some("ini-beboerhus".into());
    x.note = Some("Indvielse af beboerhuset. Fiktiv note.".into());

    // N9: the homework café, coordinated by Jonas.
    b.rhythm(
        "e-jonas",
        "v-birthe",
        20..SPAN,
        73,
        0.5,
        &[Meeting, Call, Message],
    );
    b.rhythm(
        "v-birthe",
        "v-emma",
        30..SPAN,
        49,
        0.5,
        &[Collaboration, Informal],
    );
    b.rhythm(
        "v-birthe",
        "v-niels",
        60..SPAN,
        70,
        0.5,
        &[Collaboration, Informal],
    );
    b.rhythm(
        "e-lone",
        "v-birthe",
        40..SPAN,
        210,
        0.5,
        &[Meeting, Message],
    );
    for d in (35..SPAN).step_by(120) {
        b.contact(
            d,
            &["v-birthe", "v-emma", "v-niels", "e-jonas", "e-lone"],
            Meeting,
            Some("e-jonas"),
        )
        .initiative = Some("ini-lektiecafe".into());
    }
    // Contact families and the clothing collection.
    b.rhythm("e-jonas", "v-henrik", 370..SPAN, 105, 0.5, &[Meeting, Call]);
    b.rhythm(
        "v-henrik",
        "v-sofie",
        380..SPAN,
        87,
        0.5,
        &[Informal, Collaboration],
    );
    b.rhythm("e-ole", "v-henrik", 400..SPAN, 157, 0.5, &[Call, Meeting]);
    b.rhythm(
        "e-jonas",
        "v-anne",
        250..450,
        70,
        0.5,
        &[Meeting, Collaboration],
    );
    b.rhythm("v-anne", "v-fatima", 270..440, 52, 0.5, &[Collaboration]);
    b.rhythm("e-jonas", "v-anne", 450..SPAN, 315, 0.5, &[Message]);

    // The job fair: Aisha and Ahmad, the job centre and two businesses.
    b.rhythm(
        "e-aisha",
        "v-ahmad",
        10..SPAN,
        24,
        0.5,
        &[Meeting, Informal, Call, Collaboration],
    );
    b.rhythm("e-aisha", "e-ole", 0..SPAN, 49, 0.5, &[Meeting, Informal]);
    b.rhythm(
        "v-ahmad",
        "v-fatima",
        0..SPAN,
        42,
        0.5,
        &[Informal, Collaboration],
    );
    b.rhythm("e-aisha", "e-hanne", 0..SPAN, 105, 0.5, &[Meeting]);
    b.rhythm("v-ahmad", "c-karim", 200..SPAN, 140, 0.3, &[Informal]);
    for d in [425, 460, 500, 540, 580, 610] {
        b.contact(
            d,
            &["v-ahmad", "e-aisha", "e-hanne", "b-fisk", "b-vvs"],
            Meeting,
            Some("v-ahmad"),
        )
        .initiative = Some("ini-jobmesse".into());
    }
    let x = b.contact(
        627,
        &[
            "v-ahmad", "v-fatima", "e-aisha", "e-hanne", "e-ole", "b-fisk", "b-vvs", "c-karim",
        ],
        Event,
        Some("v-ahmad"),
    );
    x.outcome_written = Some(Outcome::Positive);
    x.initiative = Some("ini-jobmesse".into());
    for d in (30..SPAN).step_by(64) {
        let hours = 1 + b.rng.below(30) as i64;
        b.request(d, "v-ahmad", "e-aisha", Some(hours));
    }

    // N4: Per was Havnsø's way in. He left at the end of March 2025; the
    // requests Jens sends to the job centre since then go unanswered.
    b.rhythm(
        "e-per",
        "v-jens",
        0..818,
        30,
        0.5,
        &[Meeting, Informal, Call],
    );
    b.rhythm("e-per", "b-fisk", 0..818, 140, 0.6, &[Meeting, Call]);
    b.rhythm(
        "v-jens",
        "v-mona",
        0..SPAN,
        52,
        0.5,
        &[Informal, Meeting, Collaboration],
    );
    b.rhythm("e-per", "e-hanne", 0..818, 87, 0.5, &[Meeting]);
    b.rhythm("v-jens", "b-fisk", 100..SPAN, 175, 0.5, &[Meeting, Call]);
    for d in (60..818).step_by(55) {
        let hours = 1 + b.rng.below(6) as i64;
        b.request(d, "v-jens", "e-per", Some(hours));
    }
    let x = b.contact(455, &["e-per", "b-fisk"], Call, Some("e-per"));
    x.outcome_written = Some(Outcome::Negative);
    x.note = Some("Uenighed om praktikpladser. Fiktiv note.".into());
    for d in [176, 554] {
        b.contact(
            d,
            &["v-jens", "v-mona", "e-per", "b-fisk", "p-anders"],
            Event,
            Some("v-jens"),
        )
        .initiative = Some("ini-sommerfest".into());
    }
    b.request(850, "v-jens", "e-hanne", None);
    b.request(905, "v-jens", "e-hanne", None);
    b.request(980, "v-mona", "e-soren", None);

    // N2: Karin and Kurt were close; a broken promise in May 2024, then silence.
    b.rhythm(
        "e-karin",
        "v-kurt",
        0..520,
        31,
        0.5,
        &[Meeting, Informal, Call],
    );
    let x = b.contact(505, &["e-karin", "v-kurt"], Meeting, Some("v-kurt"));
    x.outcome_written = Some(Outcome::Negative);
    x.note = Some("Lovet bus til sommerudflugten kom ikke. Fiktiv note.".into());
    b.rhythm("v-kurt", "v-ib", 0..SPAN, 63, 0.5, &[Informal, Meeting]);
    b.rhythm(
        "e-karin",
        "e-birgit",
        0..SPAN,
        70,
        0.5,
        &[Meeting, Informal],
    );
    b.rhythm("e-rasmus", "v-ib", 300..SPAN, 315, 0.8, &[Call, Message]);
    b.rhythm("v-ib", "b-kro", 0..SPAN, 210, 0.5, &[Informal]);

    // N6: Borgerservice answers slowly, the job centre fast.
    for (d, who, hours) in [
        (90, "v-lise", Some(150)),
        (210, "v-anne", Some(260)),
        (330, "v-henrik", Some(30)),
        (610, "v-sofie", Some(400)),
        (700, "v-tobias", None),
        (930, "v-fatima", Some(3)),
    ] {
        b.request(d, who, "e-soren", hours);
    }
    for (d, who, hours) in [
        (140, "v-birthe", Some(2)),
        (520, "v-henrik", Some(5)),
        (760, "v-ahmad", Some(1)),
    ] {
        b.request(d, who, "e-hanne", hours);
    }

    // N8: the cross-unit network of employees meets six times a year.
    let network = [
        "e-mette", "e-jonas", "e-aisha", "e-karin", "e-rasmus", "e-lone", "e-ole", "e-soren",
        "e-birgit",
    ];
    for d in (25..SPAN).step_by(61) {
        let who: Vec<&str> = network
            .iter()
            .copied()
            .filter(|_| b.rng.chance(0.8))
            .collect();
        if who.len() >= 3 {
            let host = b.rng.pick(&who);
            b.contact(d, &who, Meeting, Some(host));
            // The coffee after the meeting is where colleagues from different units get to know each other.
            for _ in 0..3 {
                let p = b.rng.pick(&who);
                let q = b.rng.pick(&who);
                if p != q {
                    b.contact(d, &[p, q], Informal, Some(p));
                }
            }
        }
    }
    b.rhythm("e-mette", "e-jonas", 100..SPAN, 157, 0.5, &[Informal, Call]);
    b.rhythm(
        "e-jonas",
        "e-aisha",
        150..SPAN,
        175,
        0.5,
        &[Informal, Message],
    );
    b.rhythm(
        "e-mette",
        "e-rasmus",
        0..SPAN,
        105,
        0.5,
        &[Meeting, Informal],
    );

    // N5: Nanna replaces Per; Maja is new and knows only Ahmad so far.
    b.rhythm(
        "e-nanna",
        "e-hanne",
        820..SPAN,
        35,
        0.5,
        &[Meeting, Informal],
    );
    b.rhythm("e-nanna", "e-aisha", 840..SPAN, 87, 0.5, &[Meeting]);
    for d in [885, 912, 960, 1001] {
        b.contact(d, &["v-maja", "v-ahmad"], Informal, Some("v-ahmad"));
    }
    b.contact(
        990,
        &["v-maja", "v-fatima", "v-ahmad"],
        Event,
        Some("v-ahmad"),
    );

    // The politician shows up now and then.
    b.contact(
        300,
        &["p-anders", "e-rasmus", "e-mette"],
        Meeting,
        Some("e-rasmus"),
    );
    b.contact(
        700,
        &["p-anders", "e-hanne", "e-aisha"],
        Meeting,
        Some("e-hanne"),
    );

    // Messages between people who know each other, to fill the picture.
    let pairs: Vec<(String, String)> = b
        .pending
        .iter()
        .filter(|x| x.participants.len() == 2)
        .map(|x| (x.participants[0].clone(), x.participants[1].clone()))
        .collect();
    for _ in 0..25 {
        let (p, q) = pairs[b.rng.below(pairs.len() as u64) as usize].clone();
        let last = b
            .pending
            .iter()
            .filter(|x| x.participants.contains(&p) && x.participants.contains(&q))
            .map(|x| (x.at.utc() - day(0).utc()).num_days())
            .max()
            .unwrap_or(0);
        let d = b.rng.below(last.max(1) as u64) as i64;
        b.contact(d, &[&p, &q], Message, Some(&p));
    }

    // Time order, then ids x0001, x0002, ...
    let mut all = std::mem::take(&mut b.pending);
    all.sort_by(|x, y| {
        x.at.cmp(&y.at)
            .then_with(|| x.participants.cmp(&y.participants))
    });
    for (i, mut x) in all.into_iter().enumerate() {
        x.id = Some(format!("x{:04}", i + 1));
        b.net.add_interaction(x)?;
    }

    // An argument writes elsewhere, so a test can compare with the committed file.
    let path = match std::env::args().nth(1) {
        Some(p) => std::path::PathBuf::from(p),
        None => {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data/egebaek.json")
        }
    };
    b.net.save(&path)?;
    println!(
        "wrote {}: {} actors, {} interactions, {} ties, {} initiatives",
        path.display(),
        b.net.actor_count(),
        b.net.interaction_count(),
        b.net.tie_count(),
        b.net.initiatives().len()
    );
    Ok(())
}
