/** A `Date`, or an ISO 8601 date (`2024-03-04`, midnight UTC) or date-time with offset. */
export type AsOf = Date | string;
/** A date or date-time as the format writes it. */
export type Moment = string;
export type ActorKind = "employee" | "unit" | "politician" | "volunteer" | "organisation" | "community" | "business" | "citizen" | "network" | "other";
export type Sector = "municipality" | "civil_society" | "business" | "other";
export type InteractionKind = "meeting" | "informal" | "call" | "message" | "event" | "request" | "collaboration";
export type Outcome = "positive" | "neutral" | "negative";
export type InitiativeStatus = "idea" | "active" | "paused" | "completed" | "stopped";
export type Role = "lead" | "partner" | "member" | "funder" | "steering" | "other";

/** An actor as in format v1. */
export interface ActorRecord {
  id: string;
  kind: ActorKind;
  name?: string;
  sector?: Sector;
  member_of?: string[];
  contact_for?: string[];
  area?: string;
  tags?: string[];
  contact?: { phone?: string; email?: string };
  joined?: string;
  left?: string;
  extra?: Record<string, unknown>;
}

/** An interaction as in format v1. */
export interface InteractionRecord {
  id?: string;
  at: Moment;
  participants: string[];
  kind: InteractionKind;
  initiator?: string;
  formal?: boolean;
  outcome?: Outcome;
  answered_at?: Moment;
  answered_by?: string;
  initiative?: string;
  note?: string;
}

/** An initiative as in format v1. */
export interface InitiativeRecord {
  id: string;
  name: string;
  status: InitiativeStatus;
  started?: string;
  ended?: string;
  area?: string;
  participants?: { actor: string; role: Role }[];
  outcomes?: Delivered[];
  description?: string;
  extra?: Record<string, unknown>;
}

export interface Delivered { at: string; label: string; value: number; unit?: string }

export interface Counts { actors: number; interactions: number; ties: number; initiatives: number }

/** Evidence by part, in meeting-equivalents; the parts add up to `Trust.evidence`. */
export interface TrustComponents { contact: number; spacing: number; recency: number; reciprocity: number; responsiveness: number; negative: number }

export interface Contribution {
  key: number;
  id: string | null;
  at: Moment;
  kind: InteractionKind;
  reason: "contact" | "negative" | "answered" | "overdue";
  evidence: number;
}

/** How much `source` has reason to trust `target`, with why. */
export interface Trust {
  source: string;
  target: string;
  as_of: Moment;
  value: number;
  evidence: number;
  components: TrustComponents;
  target_initiative_share: number;
  top_interactions: Contribution[];
}

export interface TieStats {
  a: string;
  b: string;
  interactions: number;
  first_contact: Moment | null;
  last_contact: Moment | null;
  by_kind: Record<string, number>;
  formal: number;
  informal: number;
  positive: number;
  negative: number;
  initiated_by_a: number;
  initiated_by_b: number;
  requests: number;
  answered: number;
  unanswered: number;
  overdue: number;
  median_response_days: number | null;
  trust_ab: number;
  trust_ba: number;
}

/** Options of a call are named in camelCase, as JS names arguments; the
 * fields of every result are the core's and the format's names (snake_case),
 * the same in every language. */
export interface PathOptions { maxHops?: number; minStepTrust?: number }
/** The trust graph as columns, one entry per tie (see `Network.trustEdges`). */
export interface TrustEdges {
  /** The actors present, by id; `a` and `b` index into it. */
  ids: string[];
  a: Uint32Array;
  b: Uint32Array;
  a_trusts_b: Float64Array;
  b_trusts_a: Float64Array;
  mutual: Float64Array;
  length: Float64Array;
  last_contact: Float64Array;
}
/** Estimate betweenness from `sources` actors drawn from `seed` (default: every actor, exact). */
export interface BrokerOptions { sources?: number | null; seed?: number }

export interface Step { from: string; to: string; trust: number; from_trusts_to: number; to_trusts_from: number }

/** A chain of introductions, best first; `introducer` is whom to ask. */
export interface WayIn { actors: string[]; steps: Step[]; trust: number; introducer: string | null; reaches: string }

export interface Handover { actor: string; trust: number; last_contact: Moment; carries_orphans: boolean }

export interface KeyPerson { actor: string; sector: Sector; orphans: string[]; orphaned_groups: string[]; handover: Handover[] }

export type Dormancy = "active" | "cooling" | "dormant" | "lost";

export interface ColdTie {
  a: string;
  b: string;
  state: Dormancy;
  peak_trust: number;
  peak_at: Moment;
  trust_now: number;
  last_contact: Moment;
  days_since_contact: number;
  reach_out: string;
  at_stake: string[];
}

export interface AssignedContact { actor: string; present: boolean; trust: number; with: string | null }
export interface BestTie { member: string; municipal: string; trust: number }
export type CoverageStatus = "uncovered" | "weak" | "informal" | "covered";

export interface Coverage {
  group: string;
  kind: ActorKind;
  area: string | null;
  members: number;
  contacts: AssignedContact[];
  best_tie: BestTie | null;
  status: CoverageStatus;
  uncovered: boolean;
}

export interface BridgingTie { other: string; other_sector: Sector; trust: number }
export interface Broker { actor: string; sector: Sector; betweenness: number; normalized: number; bridging_ties: BridgingTie[] }

export interface UnitView { unit: string; people: number; internal_ties: number; external_ties: number; silo: boolean; silo_before: boolean }
export interface UnitLink { a: string; b: string; trusted_ties: number; strength: number; trusted_ties_before: number }
export interface TrustCommunity { members: string[]; units: Record<string, number> }
export interface CrossUnit { as_of: Moment; earlier: Moment; units: UnitView[]; links: UnitLink[]; communities: TrustCommunity[]; agreement: number }

export interface RequestFigures { asked: number; answered: number; unanswered: number; overdue: number; median_response_days: number | null }

export interface InitiativeHealth {
  initiative: string;
  name: string;
  status: InitiativeStatus;
  started: string | null;
  ended: string | null;
  participants: { actor: string; role: Role; present: boolean }[];
  people: string[];
  ties_in: { member: string; municipal: string; trust: number }[];
  holders: string[];
  connected: boolean;
  rests_on: string | null;
  mean_trust: number;
  trusted_pairs: number;
  pairs: number;
  interactions: number;
  requests: RequestFigures;
  outcomes: Delivered[];
}

export interface OutcomeLine { initiative: string; name: string; at: string; label: string; value: number; unit: string | null }

export interface PeriodFigures {
  start: Moment;
  end: Moment;
  interactions: number;
  by_kind: Record<string, number>;
  formal: number;
  informal: number;
  positive: number;
  negative: number;
  people_met: number;
  organisations_reached: number;
  areas: string[];
  new_ties: number;
  strengthened: number;
  weakened: number;
  requests: RequestFigures;
  initiatives_started: number;
  initiatives_active: number;
  initiatives_completed: number;
  outcomes: OutcomeLine[];
}

export interface Report {
  municipality: string | null;
  current: PeriodFigures;
  previous: PeriodFigures;
  coverage: { covered: number; informal: number; weak: number; uncovered: number; without_trusted_tie: { id: string; name: string }[] };
}

export interface Erased {
  interactions_removed: number;
  interactions_changed: number;
  notes_dropped: number;
  initiatives_changed: number;
  references_removed: number;
}

/** Every error samskab throws: `name` tells the variant. */
export interface SamskabError extends Error {
  name: "ParseError" | "ValidationError" | "NewerVersionError" | "UnknownActorError" | "UnknownInteractionError" | "UnknownInitiativeError" | "InvalidArgumentError" | "LimitError" | "IoError";
  /** Located problems of a `ValidationError`; empty otherwise. */
  problems: { place: string; message: string }[];
}

/** Whether `e` is an error samskab threw (its `name` tells which, `problems` where). */
export function isSamskabError(e: unknown): e is SamskabError;

/** The spreadsheet form, one string per file. */
export interface CsvFiles { actors: string; interactions: string; initiatives: string }

export interface Purged { interactions_removed: number; notes_removed: number }

/** What a pseudonymised copy keeps (options, so camelCase); the default keeps least. */
export interface PseudonymOptions {
  time?: "exact" | "day" | "week";
  minKindCount?: number;
  keepAreas?: boolean;
  keepTags?: boolean;
  keepOutcomeLabels?: boolean;
}

/** `smallest_group` is k in k-anonymity; `group_sizes` counts actors by the size of their group. */
export interface ReidentificationRisk { actors: number; smallest_group: number; unique_actors: number; group_sizes: Record<string, number> }

/** A place where an actor's id or name appears in others' free text; the text is not repeated. */
export interface Mention { place: string; matched: "id" | "name" }

export interface CytoscapeElements {
  elements: {
    nodes: { data: { id: string; label: string; kind: ActorKind; sector: Sector; area: string; unit: string } }[];
    edges: { data: { id: string; source: string; target: string; trust: number; trust_ab: number; trust_ba: number; interactions: number; first_contact: string; last_contact: string } }[];
  };
}
