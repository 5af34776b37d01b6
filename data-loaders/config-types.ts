/**
 * What the config holds (docs/config.md): its types, The Model's roles and their KPIs, and the small
 * derivations of a setting that the validation, the warehouse tables and the site share. A leaf module:
 * it imports nothing of ours.
 */

/**
 * The Model's four functions. Every team plays one role; a role's KPIs, its handoff into the next role
 * and its act-on list are the same for each of its teams. By default each role is one team of its name;
 * config `teamRoles` renames them, adds teams or splits a role (enterprise and mid-market field sales).
 */
export const ROLES = ["marketing", "inside_sales", "field_sales", "customer_success"] as const;
export type Role = (typeof ROLES)[number];
const ROLE_LABELS: Record<Role, { en: string; ko: string }> = {
  marketing: { en: "Marketing", ko: "마케팅" },
  inside_sales: { en: "Inside sales", ko: "인사이드 세일즈" },
  field_sales: { en: "Field sales", ko: "필드 세일즈" },
  customer_success: { en: "Customer success", ko: "고객 성공 (CS)" },
};
export const CHANNELS = ["inbound", "outbound", "unknown"] as const;
export const OPPORTUNITY_MOTIONS = ["new_business", "renewal", "expansion"] as const;
/** Outcomes that end a record's way through the funnel without reaching the next step. */
export const TERMINAL_OUTCOMES = ["lost", "disqualified"] as const;
/** The recycle pool's reason groups (METRICS.md "Recycled leads"). */
export const LOSS_REASON_GROUPS = ["unreachable", "revisit_later", "no_budget", "no_need", "competitor", "other"] as const;
/** The KPIs each role's teams own, in the units of their targets. */
export const ROLE_KPIS: Record<Role, string[]> = {
  marketing: ["leads", "mqls"],
  inside_sales: ["sqls", "opportunities_created"],
  field_sales: ["won_deals", "bookings"],
  customer_success: ["renewals", "renewal_bookings", "expansion_bookings"],
};

export interface FunnelStep {
  key: string;
  /** The role whose work the step is (marketing, inside_sales, field_sales or customer_success). */
  team: Role;
  label: { en: string; ko: string };
  /** Optional target for the conversion from this step to the next; the bottleneck is then judged against it. */
  targetConversion?: number;
}

/** A sales pipeline (HubSpot pipelines, or any export with a pipeline column) and what it means. */
export interface PipelineSetting {
  /** Every deal in it is this motion (a "Renewals" pipeline is renewal by default, by its name). */
  motion?: (typeof OPPORTUNITY_MOTIONS)[number];
  /** Its deals belong to this team, whatever their owner's department. */
  team?: string;
  /** Leave its deals out of every metric (a test or internal pipeline); they are counted on the data-quality page. */
  exclude?: boolean;
  /** Stage label → funnel step (or lost) for this pipeline's own stages; wins over `funnel.opportunityStages`. */
  stages?: Record<string, string>;
}

/** A team of the organisation: the role it plays in The Model, and its name in both languages. */
export interface TeamSetting {
  role: Role;
  /** Required for a team whose key is not a role's; a role's own team defaults to the role's name. */
  label?: { en: string; ko: string };
}

/** One configured team, in the order pages list them (by role, then as written in config). */
export interface ConfiguredTeam {
  team: string;
  role: Role;
  label: { en: string; ko: string };
}

/** The organisation's teams: config `teamRoles`, or The Model's four when it is not set. */
export function configuredTeams(config: Pick<Config, "teamRoles">): ConfiguredTeam[] {
  const entries: Array<[string, TeamSetting]> = config.teamRoles
    ? Object.entries(config.teamRoles).filter(([key]) => key !== "$comment")
    : ROLES.map((role) => [role, { role }]);
  return ROLES.flatMap((role) =>
    entries
      .filter(([, team]) => team.role === role)
      .map(([team, setting]) => ({ team, role, label: setting.label ?? ROLE_LABELS[role] })),
  );
}

export interface Config {
  /** The date the data describes (YYYY-MM-DD); by default the latest creation, change or stage date in the export. */
  asOf?: string;
  locale: "en" | "ko";
  currency: string;
  /** Currency → value of one unit in the reporting currency (USD: 1 when reporting in USD). */
  exchangeRates: Record<string, number>;
  fiscalYearStartMonth: number;
  minimumSample: number;
  salesforce: { customFields: Record<string, string> };
  funnel: {
    steps: FunnelStep[];
    leadStatuses: Record<string, string>;
    opportunityStages: Record<string, string>;
  };
  channels: Record<string, string>;
  /** The organisation's teams and the role each plays; The Model's four by default (see configuredTeams). */
  teamRoles?: Record<string, TeamSetting>;
  teams: Record<string, string>;
  /**
   * Team → a regular expression over a user's department, role, profile or title (case-insensitive), for
   * users whose department `teams` does not map: "SDR" in a title is inside sales.
   */
  teamPatterns?: Record<string, string>;
  /** Owner (user id or name) → team: for owners nothing else places. Wins over department and patterns. */
  ownerTeams?: Record<string, string>;
  opportunityTypes: Record<string, string>;
  /** Pipeline name → what it means (optional). */
  pipelines?: Record<string, PipelineSetting>;
  /**
   * Loss reasons that mean "not a real deal" (a duplicate, a test, a merge): a deal lost for one is left out
   * of win rates, pipeline and bookings, and counted on the data-quality page. Word beginnings, any case:
   * "duplicat" catches "Duplicate opportunity" and "duplicated".
   */
  excludedLossReasons?: string[];
  /** Accounts left out of every metric (test, demo or internal accounts): by id, or by name pattern (* and ?, any case). */
  excludedAccounts?: { ids?: string[]; names?: string[]; types?: string[] };
  /** Loss or disqualification reason → reason group; unlisted reasons are grouped by pattern or as other. */
  lossReasons: Record<string, string>;
  /** Monthly targets per team and KPI. */
  targets: Record<string, Record<string, number>> & { $comment?: string };
  bottleneck: { baselineQuarters: number; windowDays: number };
  /** When a lost record is due for another approach: "revisit later" without a number of months, and unreachable. */
  /**
   * Recycled leads: when a "revisit later" loss without months, and an unreachable one, are due again;
   * and the bands of months from a loss to its return (each band's first month after 0: [3, 6, 12] gives
   * 0-2, 3-5, 6-11, 12+).
   */
  recycling: { revisitDefaultMonths: number; unreachableMonths: number; returnBands: number[] };
  /** A cohort is mature (old enough to have converted) this many days after its period ended. */
  cohortMaturityDays: number;
  /** Fit-score tiers: the share of sized accounts in A, and in B (C is the rest). */
  tierShares: { A: number; B: number };
  /** Renewals due within this many days of the as-of date are customer success' list to act on. */
  renewalWindowDays: number;
  /** Pipeline coverage (open pipeline due ÷ remaining target) at or above which a period's pipeline is healthy; below it, short. */
  coverageThreshold: number;
  /** Lead → won conversion a B2B org can expect, drawn beside the export's own (METRICS.md). */
  referenceYields: { inbound: number; outbound: number; recycled: number };
}

/**
 * The bands of months from a loss to its return, from each band's first month after 0: [3, 6, 12] →
 * 0-2, 3-5, 6-11, 12+ (a one-month band is named by its month alone).
 */
export function returnBands(starts: number[]): Array<{ order: number; label: string; min: number; max: number | null }> {
  const firsts = [0, ...starts];
  return firsts.map((min, i) => {
    const max = i + 1 < firsts.length ? firsts[i + 1]! - 1 : null;
    return { order: i + 1, label: max === null ? `${min}+` : max === min ? `${min}` : `${min}-${max}`, min, max };
  });
}
