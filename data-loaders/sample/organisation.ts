/**
 * The organisation: four teams (marketing, inside sales with SDRs and BDRs, field sales, customer
 * success), one manager each; start dates before and during the two years; a few leavers. New AEs ramp:
 * they get fewer new deals (and win fewer, see new-business.ts) in their first months.
 */
import type { Calendar } from "./calendar.ts";
import type { CsvFileWriter } from "./csv.ts";
import type { IdFactory } from "./ids.ts";
import { asciiSlug, personName, type PersonName } from "./names.ts";
import { clamp } from "./numbers.ts";
import { RAMP, type Region } from "./parameters.ts";
import type { Random } from "./random.ts";
import { DAY, dayOf, formatDate, formatDateTime, MONTH_DAYS, officeTime } from "./time.ts";

export type Department = "Marketing" | "Inside Sales" | "Field Sales" | "Customer Success";
export type Role = "manager" | "marketer" | "sdr" | "bdr" | "ae" | "csm";

/** A user: a rep, a marketer or a manager. */
export interface User {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  department: Department;
  role: Role;
  roleId: string;
  managerId: string;
  region: Region;
  startTime: number;
  /** When the user left (Infinity while still active). */
  leaveTime: number;
  /** Personal win-rate factor of an AE (1 for others). */
  skill: number;
}

/** Everyone, by role, and the inside-sales manager (who owns the outbound sequences). */
export interface Users {
  all: User[];
  byRole: Record<Exclude<Role, "manager">, User[]>;
  insideSalesManager: User;
}

const TEAM_TITLES: Record<Role, string> = {
  manager: "",
  marketer: "Marketing Specialist",
  sdr: "SDR",
  bdr: "BDR",
  ae: "Account Executive",
  csm: "Customer Success Manager",
};
const MANAGER_TITLES: Record<Department, string> = {
  Marketing: "Marketing Manager",
  "Inside Sales": "Inside Sales Manager",
  "Field Sales": "Head of Field Sales",
  "Customer Success": "Head of Customer Success",
};
const AE_REGION_WEIGHTS: Record<Region, number> = { Seoul: 40, Busan: 10, APAC: 20, "North America": 15, EMEA: 15 };
const OUR_DOMAIN = "modelworks.example";

/** The users (reps and their managers) of an organisation of `count` people. */
export function buildUsers(rng: Random, count: number, calendar: Calendar, ids: IdFactory): Users {
  const marketing = Math.max(2, Math.round(count * 0.15));
  const insideSales = Math.max(3, Math.round(count * 0.3));
  const customerSuccess = Math.max(2, Math.round(count * 0.15));
  const fieldSales = Math.max(3, count - marketing - insideSales - customerSuccess);
  const bdrs = Math.max(1, Math.ceil((insideSales - 1) * 0.55));
  const plan: Array<[Department, Role, number]> = [
    ["Marketing", "marketer", marketing - 1],
    ["Inside Sales", "bdr", bdrs],
    ["Inside Sales", "sdr", Math.max(1, insideSales - 1 - bdrs)],
    ["Field Sales", "ae", fieldSales - 1],
    ["Customer Success", "csm", customerSuccess - 1],
  ];
  const usedNames = new Set<string>();
  const roleIds = new Map<string, string>();
  const roleIdFor = (key: string) => roleIds.get(key) ?? (roleIds.set(key, ids.next("UserRole")), roleIds.get(key) as string);

  const makeUser = (department: Department, role: Role, managerId: string, region: Region, startTime: number, leaveTime: number): User => {
    let name: PersonName;
    do name = personName(rng, region);
    while (usedNames.has(`${name.emailFirst} ${name.emailLast}`) || name.hangul);
    usedNames.add(`${name.emailFirst} ${name.emailLast}`);
    return {
      id: ids.next("User"),
      firstName: name.firstName,
      lastName: name.lastName,
      email: `${asciiSlug(name.emailFirst)}.${asciiSlug(name.emailLast)}@${OUR_DOMAIN}`,
      title: role === "manager" ? MANAGER_TITLES[department] : TEAM_TITLES[role],
      department,
      role,
      roleId: roleIdFor(`${department}/${role}`),
      managerId,
      region,
      startTime,
      leaveTime,
      skill: 1,
    };
  };

  const all: User[] = [];
  const managers = new Map<Department, User>();
  for (const department of ["Marketing", "Inside Sales", "Field Sales", "Customer Success"] as const) {
    const start = officeTime(Math.floor(rng.uniform(Date.UTC(2019, 0, 1), Date.UTC(2022, 6, 1)) / 1000 / DAY), "Seoul", rng);
    const manager = makeUser(department, "manager", "", "Seoul", start, Infinity);
    managers.set(department, manager);
    all.push(manager);
  }
  const byRole: Users["byRole"] = { marketer: [], sdr: [], bdr: [], ae: [], csm: [] };
  for (const [department, role, members] of plan) {
    const managerId = (managers.get(department) as User).id;
    const careers = planCareers(rng, members, calendar);
    // Skills are spread evenly (0.8…1.2, mean 1) rather than drawn, so the team's average does not
    // depend on the seed.
    const skills = rng.shuffle(Array.from({ length: members }, (_, i) => 0.8 + (0.4 * (i + 0.5)) / members));
    for (let i = 0; i < members; i++) {
      const region = role === "ae" ? rng.weighted(Object.keys(AE_REGION_WEIGHTS) as Region[], Object.values(AE_REGION_WEIGHTS)) : rng.chance(0.85) ? "Seoul" : "Busan";
      const { startDay, leaveDay } = careers[i] as Career;
      const leaveTime = leaveDay === undefined ? Infinity : officeTime(leaveDay, region, rng);
      const user = makeUser(department, role, managerId, region, officeTime(startDay, region, rng), leaveTime);
      if (role === "ae") user.skill = skills[i] as number;
      all.push(user);
      byRole[role as Exclude<Role, "manager">].push(user);
    }
  }
  return { all, byRole, insideSalesManager: managers.get("Inside Sales") as User };
}

interface Career {
  startDay: number;
  leaveDay?: number;
}

/**
 * Start (and leave) days for the members of one role. The first member has been here all along, so every
 * role is staffed from day one. Of the others, a fixed share (45%) was hired during the two years, at
 * evenly spread dates, so ramping reps are always visible; a fixed share (15%) of the earlier hires left.
 */
function planCareers(rng: Random, members: number, calendar: Calendar): Career[] {
  const others = Array.from({ length: Math.max(0, members - 1) }, (_, i) => i + 1);
  const hires = rng.shuffle([...others]).slice(0, Math.round(others.length * 0.45)).sort((a, b) => a - b);
  const veterans = others.filter((i) => !hires.includes(i));
  const leavers = new Set(rng.shuffle([...veterans]).slice(0, Math.round(veterans.length * 0.15)));
  const hiringSpan = calendar.lastDay - 45 - calendar.firstDay;
  const earliestStart = dayOf(Date.UTC(2021, 2, 1) / 1000);
  return Array.from({ length: members }, (_, i): Career => {
    const hireRank = hires.indexOf(i);
    if (hireRank >= 0) {
      const slot = hiringSpan / hires.length;
      return { startDay: calendar.firstDay + Math.floor(slot * (hireRank + rng.uniform(0.1, 0.9))) };
    }
    const startDay = rng.int(earliestStart, calendar.firstDay - 30);
    return leavers.has(i) ? { startDay, leaveDay: rng.int(calendar.firstDay + 90, calendar.lastDay - 30) } : { startDay };
  });
}

/** Whether the user works here at `time` (started, not yet left). */
export function isActiveAt(user: User, time: number): boolean {
  return user.startTime <= time && time < user.leaveTime;
}

/** Months since the user's start date at `time`. */
function tenureMonths(user: User, time: number): number {
  return (time - user.startTime) / DAY / MONTH_DAYS;
}

/** How far a new AE has ramped at `time`, from 0 (first day) to 1 (after RAMP.months). */
export function rampProgress(user: User, time: number): number {
  return clamp(tenureMonths(user, time) / RAMP.months, 0, 1);
}

/**
 * A member of `role` active at `time`, preferring the account's region; AEs still ramping get fewer
 * new deals. Falls back to any member of the role if nobody was active (a gap between a leaver and
 * the next hire).
 */
export function assignee(users: Users, rng: Random, role: Role, time: number, region: Region): User {
  const team = role === "manager" ? [users.insideSalesManager] : users.byRole[role];
  const weights = team.map((user) => {
    if (!isActiveAt(user, time)) return 0;
    const regional = user.region === region ? 4 : 1;
    const ramp = role === "ae" ? RAMP.startingDealShare + (1 - RAMP.startingDealShare) * rampProgress(user, time) : 1;
    return regional * ramp;
  });
  if (weights.every((w) => w === 0)) return team.find((u) => u.leaveTime === Infinity) ?? (team[0] as User);
  return rng.weighted(team, weights);
}

/** The owner of a record at `time`: the original owner, or who took over after they left. */
export function ownerAt(original: User, replacement: User, time: number): User {
  return time < original.leaveTime ? original : replacement;
}

/** The User rows. */
export function writeUsers(writer: CsvFileWriter, users: Users): void {
  for (const user of users.all) {
    writer.writeRow([
      user.id,
      user.email,
      user.firstName,
      user.lastName,
      user.email,
      user.title,
      user.department,
      user.roleId,
      user.leaveTime === Infinity ? "1" : "0",
      user.managerId,
      formatDateTime(user.startTime - 7 * DAY),
      formatDate(user.startTime),
      user.region,
    ]);
  }
}
