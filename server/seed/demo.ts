/**
 * Demo data: a fictitious GI with two teams in two regions, ~120 children in
 * ~80 families, two years of history, and every norm state on display. All
 * names are made up. Deterministic for a given "today": the same seed gives
 * the same people, files and ids on every machine. Its size is earned: most of
 * it is word lists (names, streets, report sentences) and the fixed cast of
 * the demo accounts; the builders it shares with the bench seed are small.
 */
import { addMonths } from 'date-fns';
import { count } from 'drizzle-orm';
import { daysBetween, dutchToday, fromDate, type IsoDate, plusDays, toDate } from '../../shared/rules/dates';
import {
  applyVerwijzingStep,
  type EscalationLevel,
  type VerwijzingStep,
} from '../../shared/rules/verwijzing';
import { addWorkingDays, isWorkingDay } from '../../shared/rules/working-days';
import type { ContactKind } from '../../shared/schemas/contact';
import type { KoersContent } from '../../shared/schemas/koers';
import type { MaatregelType } from '../../shared/schemas/maatregel';
import type { Role } from '../../shared/schemas/user';
import type { Urgency, VerwijzingStatus } from '../../shared/schemas/verwijzing';
import type { Db } from '../db/connection';
import * as t from '../db/schema';
import { inTransaction } from '../db/transaction';
import { hashPassword } from '../services/auth';
import { nextVersion } from '../sync/versions';
import { Random } from './random';

export const DEMO_PASSWORD = 'Welkom-demo-2026';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface DemoData {
  organisations: Insert<typeof t.organisations>[];
  regions: Insert<typeof t.regions>[];
  gemeenten: Insert<typeof t.gemeenten>[];
  teams: Insert<typeof t.teams>[];
  users: (Omit<Insert<typeof t.users>, 'passwordHash'> & { role: Role })[];
  gezinnen: Insert<typeof t.gezinnen>[];
  jeugdigen: Insert<typeof t.jeugdigen>[];
  betrokkenen: Insert<typeof t.betrokkenen>[];
  cases: Insert<typeof t.cases>[];
  maatregelen: Insert<typeof t.maatregelen>[];
  beschikkingen: Insert<typeof t.beschikkingen>[];
  caseAssignments: Insert<typeof t.caseAssignments>[];
  koersen: Insert<typeof t.koersen>[];
  contacts: Insert<typeof t.contacts>[];
  aanbieders: Insert<typeof t.aanbieders>[];
  aanbiederRegions: Insert<typeof t.aanbiederRegions>[];
  regionArrangements: Insert<typeof t.regionArrangements>[];
  verwijzingen: Insert<typeof t.verwijzingen>[];
  verwijzingStappen: Insert<typeof t.verwijzingStappen>[];
  caseWaiting: Insert<typeof t.caseWaiting>[];
}

const REGIONS = [
  {
    name: 'Haaglanden',
    arrangement: {
      consultation: 'email',
      contactPoint: 'jeugdhulpbepaling@haaglanden.example',
      answerWorkdays: 5,
      expertteamContact: 'Regionaal expertteam Haaglanden, 070 000 0000',
      notes: 'Afstemming per e-mail met de gemeente van het kind vóór aanmelding bij de aanbieder.',
    },
    team: 'Team Haaglanden',
    gemeenten: [
      ['Den Haag', '0518'],
      ['Delft', '0503'],
      ['Zoetermeer', '0637'],
      ['Westland', '1783'],
    ],
  },
  {
    name: 'Rijnmond',
    arrangement: {
      consultation: 'geen',
      contactPoint: 'Servicepunt Jeugd Rijnmond',
      answerWorkdays: 0,
      expertteamContact: 'Expertteam Rijnmond, expertteam@rijnmond.example',
      notes: 'De GI bepaalt zelf; de gemeente krijgt een melding achteraf.',
    },
    team: 'Team Rijnmond',
    gemeenten: [
      ['Rotterdam', '0599'],
      ['Schiedam', '0606'],
      ['Vlaardingen', '0622'],
    ],
  },
] as const;

const STAFF: { username: string; name: string; role: Role; team: 0 | 1 | null; fte: number }[] = [
  { username: 'sanne.devries', name: 'Sanne de Vries', role: 'jeugdbeschermer', team: 0, fte: 1 },
  { username: 'mohamed.elamrani', name: 'Mohamed El Amrani', role: 'jeugdbeschermer', team: 0, fte: 1 },
  { username: 'lotte.bakker', name: 'Lotte Bakker', role: 'jeugdbeschermer', team: 0, fte: 0.8 },
  { username: 'joris.vandam', name: 'Joris van Dam', role: 'jeugdbeschermer', team: 0, fte: 1 },
  { username: 'fatima.yilmaz', name: 'Fatima Yılmaz', role: 'jeugdbeschermer', team: 1, fte: 1 },
  { username: 'bas.meijer', name: 'Bas Meijer', role: 'jeugdbeschermer', team: 1, fte: 1 },
  { username: 'eva.smit', name: 'Eva Smit', role: 'jeugdbeschermer', team: 1, fte: 0.6 },
  { username: 'kevin.tromp', name: 'Kevin Tromp', role: 'jeugdbeschermer', team: 1, fte: 0.9 },
  { username: 'ingrid.visser', name: 'Ingrid Visser', role: 'teamleider', team: 0, fte: 1 },
  { username: 'ruud.hendriks', name: 'Ruud Hendriks', role: 'teamleider', team: 1, fte: 1 },
  { username: 'noor.jansen', name: 'Noor Jansen', role: 'ondersteuner', team: null, fte: 1 },
  { username: 'pieter.mulder', name: 'Pieter Mulder', role: 'ondersteuner', team: null, fte: 0.8 },
  { username: 'karin.bos', name: 'Karin Bos', role: 'beheerder', team: null, fte: 1 },
];

const SURNAMES = [
  'de Jong',
  'Jansen',
  'de Boer',
  'van den Berg',
  'Dekker',
  'Brouwer',
  'de Graaf',
  'van der Linden',
  'Kok',
  'Vermeulen',
  'Peters',
  'van Leeuwen',
  'Kaya',
  'Öztürk',
  'Bennani',
  'Pinas',
  'Hoekstra',
  'Post',
  'Kuipers',
  'Willems',
  'Veenstra',
  'Koster',
  'Prins',
  'Huisman',
  'Wouters',
  'Verbeek',
  'Lammers',
  'Schouten',
  'Boukhari',
  'Martina',
  'Nguyen',
  'Haddou',
  'Sedney',
  'de Haan',
  'Mol',
  'Blom',
  'Koning',
  'van Wijk',
  'Bosman',
  'Sarmo',
];
const CHILD_NAMES = [
  'Daan',
  'Emma',
  'Noah',
  'Julia',
  'Sem',
  'Mila',
  'Lucas',
  'Tess',
  'Finn',
  'Sara',
  'Levi',
  'Yara',
  'Milan',
  'Nora',
  'Adam',
  'Saar',
  'Mohammed',
  'Liv',
  'Ayoub',
  'Fenna',
  'Jayden',
  'Lina',
  'Senna',
  'Amira',
  'Luuk',
  'Zoë',
  'Bram',
  'Noor',
  'Jesse',
  'Isa',
  'Thijs',
  'Eline',
  'Romy',
  'Ilyas',
  'Mees',
  'Jill',
  'Rayan',
  'Fleur',
];
/** A mother's and a father's first names (the letters and drafts address them as such). */
const MOTHER_NAMES = [
  'Marieke',
  'Samira',
  'Jolanda',
  'Priscilla',
  'Naima',
  'Sandra',
  'Chantal',
  'Esther',
  'Wendy',
  'Aïcha',
];
const FATHER_NAMES = [
  'Dennis',
  'Erik',
  'Hakan',
  'Ronald',
  'Marco',
  'Youssef',
  'Patrick',
  'Mehmet',
  'Gerard',
  'Jeroen',
];
const ADULT_NAMES = [...MOTHER_NAMES, ...FATHER_NAMES];
const STREETS = [
  'Laan van Meerdervoort',
  'Hoofdstraat',
  'Kerkweg',
  'Parallelweg',
  'Dorpsstraat',
  'Molenlaan',
  'Stationsweg',
  'Beatrixlaan',
];
const COURTS = ['Rechtbank Den Haag', 'Rechtbank Rotterdam'];

const ZORGPUNTEN = [
  'Oplopende spanningen tussen ouders na de scheiding; de kinderen raken klem in de strijd.',
  'Onveilige situatie thuis bij ruzies; politie is meerdere keren ingeschakeld.',
  'Schoolverzuim en achterstand in de ontwikkeling.',
  'Psychische klachten van moeder beperken de opvoedcapaciteit.',
  'Middelengebruik van vader; afspraken worden niet nagekomen.',
  'Signalen van verwaarlozing: voeding, hygiëne en medische zorg schieten tekort.',
  'Gedragsproblemen en betrokkenheid bij strafbare feiten.',
];
const STERKE_PUNTEN = [
  'Ouders willen allebei het beste voor de kinderen.',
  'Betrokken grootouders die willen ondersteunen.',
  'Goede band met de mentor op school.',
  'Moeder staat open voor hulp en houdt zich aan afspraken.',
  'Jeugdige sport twee keer per week en heeft vrienden.',
];
const DOELEN = [
  ['Ouders communiceren zonder ruzie over de kinderen', 'Ouderschapsbemiddeling starten', 'Ouders'],
  ['Kind gaat elke dag naar school', 'Afspraken met leerplicht en mentor', 'Moeder'],
  [
    'Thuis is veilig: geen geweld waar de kinderen bij zijn',
    'Veiligheidsplan opstellen met netwerk',
    'Jeugdbeschermer',
  ],
  ['Moeder krijgt passende behandeling', 'Aanmelding volwassenen-ggz', 'Moeder'],
  ['Jeugdige pleegt geen nieuwe delicten', 'Dagbesteding en begeleiding zoeken', 'Jeugdige'],
] as const;
const HELP = [
  { category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' },
  { category: '45', code: '45A52', name: 'Multisysteemtherapie (MST)' },
  { category: '54', code: '54001', name: 'Traumabehandeling (EMDR)' },
  { category: '54', code: '54012', name: 'Psychomotorische therapie (PMT)' },
  { category: '43', code: '43A05', name: 'Gezinshuis' },
  { category: '43', code: '43A10', name: 'Residentiële behandelgroep' },
  { category: '45', code: '45A20', name: 'Ouderschapsbemiddeling na scheiding' },
] as const;
const AANBIEDERS = [
  ['Jeugdhulp De Kering', [0, 1, 6]],
  ['Stichting Oeverloos', [0, 6]],
  ['Kinder-GGZ Polderland', [2, 3]],
  ['Traumacentrum De Baken', [2]],
  ['Gezinshuizen De Linde', [4]],
  ['Behandelgroepen Duinzicht', [5]],
  ['MST Team Zuidwest', [1]],
] as const;

const CONTACT_TEXT: Record<ContactKind, string[]> = {
  huisbezoek: [
    'Huisbezoek bij moeder. {kind} was thuis en liet zijn/haar kamer zien. Afspraken uit de koers besproken.',
    'Huisbezoek met beide ouders. Sfeer gespannen, wel afspraken gemaakt over de overdracht.',
  ],
  telefonisch: [
    'Telefonisch contact met moeder over de voortgang van de hulp.',
    'Vader gebeld over de bezoekregeling.',
  ],
  kind_alleen: ['{kind} alleen gesproken na school. Geeft aan zich thuis veiliger te voelen.'],
  netwerkberaad: ['Netwerkberaad met oma, oom en de buurvrouw: veiligheidsplan doorgenomen.'],
  ketenoverleg: ['Ketenoverleg met wijkteam en aanbieder over de wachttijd; overbrugging afgesproken.'],
  school: ['Gesprek met de mentor van {kind}: aanwezigheid verbeterd, concentratie blijft lastig.'],
  videogesprek: ['Videogesprek met moeder en de gezinsbegeleider.'],
  overig: ['Verslag ontvangen van de aanbieder en besproken met ouders.'],
};

const KIND_WEIGHTS: readonly (readonly [ContactKind, number])[] = [
  ['huisbezoek', 5],
  ['telefonisch', 6],
  ['kind_alleen', 3],
  ['netwerkberaad', 1],
  ['ketenoverleg', 1],
  ['school', 2],
  ['videogesprek', 1],
  ['overig', 1],
];

function isoAt(day: IsoDate, hour: number, minute: number): Date {
  const d = toDate(day);
  d.setHours(hour, minute, 0, 0);
  return d;
}

function yearsBefore(day: IsoDate, years: number, rand: Random): IsoDate {
  return plusDays(day, -Math.round(years * 365.25) - rand.int(0, 300));
}

/**
 * The stage of each family, by its place in the list: most are running, a few new (instroom),
 * a few on the waiting list, and closed files of the last two months. Fixed, so the story is the
 * same on every day.
 */
const DEMO_STAGES: Record<number, 'instroom' | 'wachtlijst' | 'afgesloten'> = {
  3: 'instroom',
  4: 'instroom',
  22: 'instroom',
  41: 'instroom',
  60: 'instroom',
  9: 'wachtlijst',
  30: 'wachtlijst',
  51: 'wachtlijst',
  ...Object.fromEntries(
    [6, 13, 20, 28, 33, 35, 38, 44, 47, 49, 54, 57, 62, 66, 69, 71, 73, 75, 77].map((i) => [i, 'afgesloten']),
  ),
};

/**
 * New cases (instroom) ruled this many working days ago: two still in time for a vaste
 * jeugdbeschermer, one due today or in the next days, two already late.
 */
const INSTROOM_WORKING_DAYS = [1, 3, 5, 6, 8];
/** Families on the waiting list, ruled this many days ago; the longest waits past the koers norm too. */
const WAITING_DAYS = [12, 26, 47];
/** A running family whose help deadline (3 months) comes within the next two weeks. */
const HELP_DUE_SOON_FAMILY = 1;
/** A running family ruled 38 days ago whose koers is still being agreed: due within the week. */
const KOERS_DUE_SOON_FAMILY = 2;
/**
 * A running family ruled 305 days ago: its measures (a year's term) end in 60 days, so the request
 * to extend them is due at the court within the week (8 weeks before the end): the agenda's
 * "verzoek verlenging" and the draft the app writes for it are on display every day.
 */
const EXTENSION_DUE_FAMILY = 5;
/**
 * What the requests that have not led to help yet stand at, in turn: every state of the referral
 * desk is on display. ('concept' is not among them: a concept lives on the phone until it is sent.)
 */
const OPEN_REFERRAL_CYCLE: VerwijzingStatus[] = [
  'ingediend',
  'aangemeld',
  'wachtlijst',
  'afstemming_gemeente',
  'geaccepteerd',
  'opgeschaald',
  'wachtlijst',
  'afgewezen',
  'ingetrokken',
  'aangemeld',
];

/** The working day `count` working days before `day` (so that `day` is `count` working days after it). */
function workingDaysBefore(day: IsoDate, count: number): IsoDate {
  let date = day;
  for (let left = count; left > 0; ) {
    date = plusDays(date, -1);
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}

/** Children per full-time worker the demo aims at: the middle of the 12–14 band, and one worker over it. */
const DEMO_TARGET_PER_FTE: Record<string, number> = { 'mohamed.elamrani': 17.5 };
const DEFAULT_TARGET_PER_FTE = 13;

/** The worker furthest below their share of the planned load (ties: the first in the list). */
function leastLoaded<W extends { id?: string; username: string; fte?: number | null }>(
  workers: W[],
  load: Map<string, number>,
): W {
  const fill = (w: W) =>
    (load.get(w.id as string) ?? 0) /
    ((w.fte ?? 1) * (DEMO_TARGET_PER_FTE[w.username] ?? DEFAULT_TARGET_PER_FTE));
  const best = workers.reduce<W | undefined>(
    (a, w) => (a === undefined || fill(w) < fill(a) ? w : a),
    undefined,
  );
  if (!best) throw new Error('a team without workers');
  return best;
}

/** The team whose workers are furthest below their planned load, taken together. */
function roomiestTeam<W extends { id?: string; username: string; fte?: number | null }>(
  teams: W[][],
  load: Map<string, number>,
): number {
  const fill = (ws: W[]) =>
    ws.reduce((sum, w) => sum + (load.get(w.id as string) ?? 0), 0) /
    ws.reduce(
      (sum, w) => sum + (w.fte ?? 1) * (DEMO_TARGET_PER_FTE[w.username] ?? DEFAULT_TARGET_PER_FTE),
      0,
    );
  let best = 0;
  for (const [i, ws] of teams.entries()) if (fill(ws) < fill(teams[best] ?? [])) best = i;
  return best;
}

/** Builds the demo rows for a given "today". Pure: no database, so tests can inspect it. */
export function buildDemoData(today: IsoDate, seed = 20_261_124): DemoData {
  const rand = new Random(seed);
  const data: DemoData = {
    organisations: [],
    regions: [],
    gemeenten: [],
    teams: [],
    users: [],
    gezinnen: [],
    jeugdigen: [],
    betrokkenen: [],
    cases: [],
    maatregelen: [],
    beschikkingen: [],
    caseAssignments: [],
    koersen: [],
    contacts: [],
    aanbieders: [],
    aanbiederRegions: [],
    regionArrangements: [],
    verwijzingen: [],
    verwijzingStappen: [],
    caseWaiting: [],
  };
  const organisationId = rand.uuid();
  data.organisations.push({ id: organisationId, name: 'Jeugdbescherming Zuidwest (demo)' });

  const regionGemeenten: { id: string; name: string }[][] = [];
  const teamIds: string[] = [];
  for (const region of REGIONS) {
    const regionId = rand.uuid();
    data.regions.push({ id: regionId, name: region.name });
    data.regionArrangements.push({ organisationId, regionId, ...region.arrangement });
    const list = region.gemeenten.map(([name, cbsCode]) => {
      const id = rand.uuid();
      data.gemeenten.push({ id, name, cbsCode, regionId });
      return { id, name };
    });
    regionGemeenten.push(list);
    const teamId = rand.uuid();
    teamIds.push(teamId);
    data.teams.push({ id: teamId, organisationId, name: region.team });
  }

  for (const s of STAFF) {
    data.users.push({
      id: rand.uuid(),
      organisationId,
      teamId: s.team === null ? null : (teamIds[s.team] ?? null),
      username: s.username,
      displayName: s.name,
      role: s.role,
      fte: s.fte,
    });
  }
  const workersOfTeam = (team: number) =>
    data.users.filter((u) => u.role === 'jeugdbeschermer' && u.teamId === teamIds[team]);
  const teamLeadOf = (team: number) =>
    data.users.find((u) => u.role === 'teamleider' && u.teamId === teamIds[team]);

  const aanbiederIds: { id: string; products: number[] }[] = [];
  for (const [name, productIdx] of AANBIEDERS) {
    const id = rand.uuid();
    aanbiederIds.push({ id, products: [...productIdx] });
    data.aanbieders.push({
      id,
      name,
      agbCode: `98${String(rand.int(100000, 999999))}`,
      products: productIdx.map((i) => ({ ...(HELP[i as number] ?? HELP[0]) })),
      waitWeeks: rand.int(2, 20),
      contactRoute: `aanmelden@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
    });
    for (const region of data.regions) {
      if (rand.chance(0.8)) data.aanbiederRegions.push({ aanbiederId: id, regionId: region.id });
    }
  }

  // Family sizes: 10 with three children, 20 with two, 50 with one → 80 families, 120 children;
  // the large families first, so the planned load below comes out even.
  const sizes = [...Array(10).fill(3), ...Array(20).fill(2), ...Array(50).fill(1)] as number[];
  // What each worker carries is planned, not drawn: the demo's story is a team where most
  // workers are within the band, one is clearly over it and the part-timers carry less.
  const load = new Map<string, number>();
  let instroomSeen = 0;
  let waitingSeen = 0;
  let childIndex = 0;
  for (const [familyIndex, size] of sizes.entries()) {
    // Every family draws from a stream of its own, seeded by its place: what "today" changes in
    // one family (an extension more, a koers revised) never changes who the next families are.
    const fam = new Random(seed + 7_919 * (familyIndex + 1));
    const familyStage = DEMO_STAGES[familyIndex] ?? 'lopend';
    // A running family goes to the team with the most room; the others alternate.
    const team =
      familyStage === 'lopend'
        ? roomiestTeam(
            teamIds.map((_, i) => workersOfTeam(i)),
            load,
          )
        : familyIndex % 2;
    const gemeente = fam.pick(regionGemeenten[team] ?? []);
    const { gezinId, surname } = addGezin(data, fam, { organisationId, gemeenteId: gemeente.id });
    const drawnRuling = plusDays(today, -fam.int(10, 900));
    const familyRuling =
      familyStage === 'instroom'
        ? workingDaysBefore(today, INSTROOM_WORKING_DAYS[instroomSeen++] ?? 2)
        : familyStage === 'wachtlijst'
          ? plusDays(today, -(WAITING_DAYS[waitingSeen++] ?? 20))
          : familyIndex === HELP_DUE_SOON_FAMILY
            ? plusDays(today, -85)
            : familyIndex === KOERS_DUE_SOON_FAMILY
              ? plusDays(today, -38)
              : familyIndex === EXTENSION_DUE_FAMILY
                ? plusDays(today, -305)
                : drawnRuling;

    // Complex divorces in 60–70% of files (Significant 2022).
    const complexDivorce = new Random(Number.parseInt(gezinId.slice(0, 8), 16)).chance(0.65);
    const family = new Random(Number.parseInt(gezinId.slice(0, 8), 16));
    family.next();

    // Siblings share one worker and (mostly) one ruling: family-centred work.
    const workers = workersOfTeam(team);
    const worker = leastLoaded(workers, load);
    const siblings: string[] = [];
    for (let c = 0; c < size; c++) {
      // And every child too: the streams below are split off before anything depends on the date.
      const kid = fam.fork();
      const [measureRand, koersRand, contactRand, referralRand, assignRand] = [1, 2, 3, 4, 5].map(() =>
        kid.fork(),
      ) as [Random, Random, Random, Random, Random];
      const { jeugdigeId, birthDate, ageYears, firstName } = addJeugdige(data, kid, {
        organisationId,
        gezinId,
        surname,
        gemeenteId: gemeente.id,
        today,
        notNamed: siblings,
      });
      siblings.push(firstName);
      const caseId = kid.uuid();
      const laterRuling = plusDays(familyRuling, kid.int(5, 60));
      const sameRuling = c === 0 || kid.chance(0.8);
      const rulingDate = sameRuling ? familyRuling : laterRuling;
      const effectiveRuling = rulingDate > today ? familyRuling : rulingDate;
      const youth = kid.chance(0.35);
      const drawnType = kid.weighted([
        ['ots', 60],
        ['vots', 20],
        ['voogdij', 20],
      ] as const);
      const drawn: MaatregelType = ageYears >= 12 && youth ? 'jeugdreclassering' : drawnType;
      // A voorlopige OTS lasts at most three months; older files have moved on to an OTS.
      const runningDays = daysBetween(effectiveRuling, today);
      const type: MaatregelType = drawn === 'vots' && runningDays > 80 ? 'ots' : drawn;
      const status =
        familyStage === 'lopend' ? 'actief' : familyStage === 'afgesloten' ? 'afgesloten' : familyStage;
      const closedOn = status === 'afgesloten' ? plusDays(today, -kid.int(5, 60)) : null;
      data.cases.push({
        id: caseId,
        organisationId,
        teamId: teamIds[team] ?? null,
        jeugdigeId,
        status,
        openedOn: effectiveRuling,
        closedOn,
        complexDivorce,
      });
      addMeasure(data, measureRand, {
        organisationId,
        caseId,
        type,
        rulingDate: effectiveRuling,
        today,
        birthDate,
        status,
      });
      if (status === 'actief') {
        // The planned weight, as the balance weighs it (less the start phase, which depends on the day).
        const placed = data.maatregelen.at(-1)?.outOfHomePlacement ?? false;
        const weight =
          1 +
          (complexDivorce ? 0.3 : 0) -
          (c > 0 ? 0.3 : 0) +
          (type === 'jeugdreclassering' ? 0.2 : 0) +
          (placed ? 0.25 : 0) +
          (today < fromDate(addMonths(toDate(effectiveRuling), 3)) ? 0.25 : 0);
        load.set(worker.id as string, (load.get(worker.id as string) ?? 0) + weight);
      }

      if (status === 'wachtlijst') {
        // On the waiting list under the handelingswijze: triaged, an interim contact, a safety check planned.
        data.caseWaiting.push({
          caseId,
          organisationId,
          since: plusDays(effectiveRuling, 3),
          triage: 'niet_acuut',
          riskOutcome: family.pick([
            'Geen acuut gevaar; zorgen over structuur thuis.',
            'Matig risico; netwerk houdt zicht op de kinderen.',
          ]),
          riskAssessedOn: plusDays(effectiveRuling, 2),
          riskInstrument: 'LIRIK',
          interimContactId: teamLeadOf(team)?.id ?? null,
          nextSafetyCheckOn: plusDays(today, family.int(-2, 14)),
          bridging: 'Wijkteam blijft betrokken tot toewijzing.',
          priority: data.caseWaiting.length + 1,
          priorityReason: 'Volgorde van binnenkomst; geen acute signalen.',
        });
      }
      if (status === 'instroom' || status === 'wachtlijst') continue;
      // Norm 1: most are assigned within 5 working days; some late.
      const assignDelay = assignRand.chance(0.85) ? assignRand.int(1, 4) : assignRand.int(6, 14);
      const assignedOn = addWorkingDays(effectiveRuling, assignDelay);
      const handover = plusDays(today, -assignRand.int(30, 110));
      const previous = assignRand.pick(workers.filter((w) => w.id !== worker.id));
      const transferred =
        status === 'actief' && assignRand.chance(0.12) && assignedOn < plusDays(today, -120);
      const assignedBy = teamLeadOf(team)?.id ?? null;
      if (transferred) {
        addAssignment(data, assignRand, {
          organisationId,
          caseId,
          userId: previous.id as string,
          fromDate: assignedOn,
          untilDate: plusDays(handover, -1),
          assignedBy,
        });
        addAssignment(data, assignRand, {
          organisationId,
          caseId,
          userId: worker.id as string,
          fromDate: handover,
          untilDate: null,
          assignedBy,
        });
      } else {
        addAssignment(data, assignRand, {
          organisationId,
          caseId,
          userId: worker.id as string,
          fromDate: assignedOn,
          untilDate: closedOn,
          assignedBy,
        });
      }

      addKoers(data, koersRand, {
        organisationId,
        caseId,
        rulingDate: effectiveRuling,
        today,
        authorId: worker.id as string,
        firstName,
        stillOpen: familyIndex === KOERS_DUE_SOON_FAMILY,
      });
      addContacts(data, contactRand, {
        organisationId,
        caseId,
        from: assignedOn,
        until: closedOn ?? today,
        authorId: worker.id as string,
        firstName,
      });
      addReferrals(data, referralRand, {
        organisationId,
        caseId,
        rulingDate: effectiveRuling,
        today,
        requestedBy: worker.id as string,
        gemeenteId: gemeente.id,
        aanbieders: aanbiederIds,
        openStatus: OPEN_REFERRAL_CYCLE[childIndex++ % OPEN_REFERRAL_CYCLE.length],
      });
    }
  }
  return data;
}

/** A family in a gemeente, with its network (parents, a grandparent, the school). */
export function addGezin(
  data: DemoData,
  rand: Random,
  g: { organisationId: string; gemeenteId: string },
): { gezinId: string; surname: string } {
  const surname = rand.pick(SURNAMES);
  const gezinId = rand.uuid();
  data.gezinnen.push({
    id: gezinId,
    organisationId: g.organisationId,
    name: `Gezin ${surname}`,
    address: `${rand.pick(STREETS)} ${rand.int(1, 240)}`,
    postcode: `${rand.int(2200, 3199)} ${String.fromCharCode(65 + rand.int(0, 25))}${String.fromCharCode(65 + rand.int(0, 25))}`,
    gemeenteId: g.gemeenteId,
  });
  const separated = rand.chance(0.6); // complex divorces are in 60–70% of files
  const mother = rand.pick(MOTHER_NAMES);
  const father = rand.pick(FATHER_NAMES);
  const network = [
    { name: `${mother} ${surname}`, relation: 'moeder', hasCustody: true },
    {
      name: `${father} ${separated ? rand.pick(SURNAMES) : surname}`,
      relation: 'vader',
      hasCustody: !rand.chance(0.2),
    },
    { name: `${rand.pick(ADULT_NAMES)} ${surname}`, relation: 'grootouder', hasCustody: false },
    {
      name: `Basisschool De ${rand.pick(['Regenboog', 'Wilgen', 'Vlinder', 'Horizon'])}`,
      relation: 'school',
      hasCustody: false,
    },
  ];
  for (const person of network) {
    data.betrokkenen.push({
      id: rand.uuid(),
      organisationId: g.organisationId,
      gezinId,
      name: person.name,
      relation: person.relation,
      hasCustody: person.hasCustody,
      phone: person.relation === 'school' ? '' : `06-${rand.int(10000000, 99999999)}`,
      email: '',
      note: person.relation === 'vader' && separated ? 'Woont apart; bezoekregeling via de rechtbank.' : '',
    });
  }
  return { gezinId, surname };
}

/** A child of a family, aged 1 to 16 on `today`. */
export function addJeugdige(
  data: DemoData,
  rand: Random,
  j: {
    organisationId: string;
    gezinId: string;
    surname: string;
    gemeenteId: string;
    today: IsoDate;
    /** First names already given in the family: a sibling never gets the same one. */
    notNamed?: readonly string[];
  },
): { jeugdigeId: string; birthDate: IsoDate; ageYears: number; firstName: string } {
  const jeugdigeId = rand.uuid();
  const birthDate = yearsBefore(j.today, rand.int(1, 16), rand);
  const ageYears = Math.floor(
    (toDate(j.today).getTime() - toDate(birthDate).getTime()) / (365.25 * 86_400_000),
  );
  const firstName = rand.pick(CHILD_NAMES.filter((n) => !j.notNamed?.includes(n)));
  data.jeugdigen.push({
    id: jeugdigeId,
    organisationId: j.organisationId,
    gezinId: j.gezinId,
    firstName,
    lastName: j.surname,
    birthDate,
    gemeenteId: j.gemeenteId,
  });
  return { jeugdigeId, birthDate, ageYears, firstName };
}

/** A vaste jeugdbeschermer on a case from `fromDate` (until `untilDate`, or still). */
export function addAssignment(
  data: DemoData,
  rand: Random,
  a: {
    organisationId: string;
    caseId: string;
    userId: string;
    fromDate: IsoDate;
    untilDate: IsoDate | null;
    assignedBy: string | null;
  },
) {
  data.caseAssignments.push({
    id: rand.uuid(),
    organisationId: a.organisationId,
    caseId: a.caseId,
    userId: a.userId,
    role: 'vast',
    fromDate: a.fromDate,
    untilDate: a.untilDate,
    assignedBy: a.assignedBy,
    assignedAt: isoAt(a.fromDate, 9, 0),
  });
}

export function addMeasure(
  data: DemoData,
  rand: Random,
  m: {
    organisationId: string;
    caseId: string;
    type: MaatregelType;
    rulingDate: IsoDate;
    today: IsoDate;
    birthDate: IsoDate;
    status: string;
  },
) {
  const id = rand.uuid();
  const court = rand.pick(COURTS);
  const eighteenth = fromDate(
    new Date(toDate(m.birthDate).setFullYear(toDate(m.birthDate).getFullYear() + 18)),
  );
  let endDate: IsoDate | null;
  const orders: {
    kind: 'uitspraak' | 'verlenging' | 'machtiging_uhp';
    date: IsoDate;
    validUntil: IsoDate | null;
  }[] = [];
  if (m.type === 'voogdij') {
    endDate = eighteenth;
    orders.push({ kind: 'uitspraak', date: m.rulingDate, validUntil: null });
  } else {
    const term = m.type === 'vots' ? 90 : 365;
    endDate = plusDays(m.rulingDate, term);
    orders.push({ kind: 'uitspraak', date: m.rulingDate, validUntil: endDate });
    // Running measures are extended by the court a few weeks before they end.
    while (m.type !== 'vots' && endDate < plusDays(m.today, 20) && m.status !== 'afgesloten') {
      const decided = plusDays(endDate, -rand.int(7, 30));
      const next = plusDays(endDate, 365);
      orders.push({ kind: 'verlenging', date: decided, validUntil: next });
      endDate = next;
    }
  }
  const placed = m.type !== 'jeugdreclassering' && rand.chance(m.type === 'voogdij' ? 0.7 : 0.2);
  if (placed) orders.push({ kind: 'machtiging_uhp', date: m.rulingDate, validUntil: endDate });
  const measure: DemoData['maatregelen'][number] = {
    id,
    organisationId: m.organisationId,
    caseId: m.caseId,
    type: m.type,
    court,
    rulingDate: m.rulingDate,
    startDate: m.rulingDate,
    endDate,
    outOfHomePlacement: placed,
    status: m.status === 'afgesloten' ? 'beeindigd' : 'lopend',
    endedOn: m.status === 'afgesloten' ? plusDays(m.today, -rand.int(5, 60)) : null,
  };
  data.maatregelen.push(measure);
  for (const [index, order] of orders.entries()) {
    // In this order: the demo's random sequence stays what it was.
    const beschikkingId = rand.uuid();
    const reference = `C/09/${rand.int(600000, 699999)} / JE RK ${rand.int(20, 26)}-${rand.int(100, 2999)}`;
    // The first ruling's kenmerk names the case at the court: the measure's zaaknummer.
    if (index === 0) measure.zaaknummer = reference;
    data.beschikkingen.push({
      id: beschikkingId,
      organisationId: m.organisationId,
      maatregelId: id,
      kind: order.kind,
      date: order.date,
      validUntil: order.validUntil,
      court,
      reference,
      summary: '',
    });
  }
}

function koersContent(rand: Random): KoersContent {
  // Two different goals (a koers refuses a goal twice); the same number of draws either way,
  // so the rest of the demo data stays as it was.
  const first = rand.pick(DOELEN);
  const drawn = rand.pick(DOELEN);
  const second = drawn === first ? DOELEN[(DOELEN.indexOf(first) + 1) % DOELEN.length] : drawn;
  const goals = [first, second ?? drawn];
  return {
    zorgpunten: [rand.pick(ZORGPUNTEN), rand.pick(ZORGPUNTEN)],
    sterkePunten: [rand.pick(STERKE_PUNTEN)],
    visieGezin:
      'Ouders willen dat de rust terugkomt en zien de noodzaak van hulp, al verschillen ze over de oorzaak.',
    ontwikkelingsbedreigingen: [rand.pick(ZORGPUNTEN)],
    doelen: goals.map(([goal, action, owner]) => ({ id: rand.uuid(), goal, actions: [action], owner })),
    veiligheidsafspraken: ['Bij escalatie belt moeder oma, die de kinderen opvangt.'],
    benodigdeHulp: [rand.pick(HELP).name],
  };
}

export function addKoers(
  data: DemoData,
  rand: Random,
  k: {
    organisationId: string;
    caseId: string;
    rulingDate: IsoDate;
    today: IsoDate;
    authorId: string;
    firstName: string;
    /** A koers that is still being agreed with the family (by default drawn). */
    stillOpen?: boolean;
  },
) {
  const age = Math.round((toDate(k.today).getTime() - toDate(k.rulingDate).getTime()) / 86_400_000);
  const agreement = { gezin: true, jeugdige: rand.chance(0.7), netwerk: rand.chance(0.5), toelichting: '' };
  const base = {
    organisationId: k.organisationId,
    caseId: k.caseId,
    createdBy: k.authorId,
    agreement,
  };
  if (age < 14 && rand.chance(0.4) && !k.stillOpen) return; // Just started: no koers yet.
  // Norm 2: most koersen are agreed within 6 weeks, some later, a few still open.
  const outcome = rand.weighted([
    ['tijdig', 75],
    ['laat', 12],
    ['open', 13],
  ] as const);
  const agreedAfter = outcome === 'tijdig' ? rand.int(18, 41) : rand.int(44, 70);
  // A koers still open long after the ruling is rare: those cases get a late koers instead.
  if (k.stillOpen || (outcome === 'open' && age < 120) || agreedAfter >= age) {
    data.koersen.push({
      ...base,
      id: rand.uuid(),
      version: 1,
      status: rand.chance(0.5) ? 'concept' : 'in_afstemming',
      content: koersContent(rand),
      agreement: { gezin: false, jeugdige: false, netwerk: false, toelichting: '' },
      evaluationDate: null,
      agreedOn: null,
      createdAt: isoAt(plusDays(k.rulingDate, Math.min(age, 10)), 10, 0),
    });
    return;
  }
  const agreedOn = plusDays(k.rulingDate, agreedAfter);
  data.koersen.push({
    ...base,
    id: rand.uuid(),
    version: 1,
    status: 'vastgesteld',
    content: koersContent(rand),
    evaluationDate: plusDays(agreedOn, 182),
    agreedOn,
    createdAt: isoAt(plusDays(k.rulingDate, 7), 10, 0),
  });
  // Long-running cases were evaluated and the koers revised.
  if (age > 300 && rand.chance(0.6)) {
    const revisedOn = plusDays(agreedOn, rand.int(170, 200));
    if (revisedOn < k.today) {
      data.koersen.push({
        ...base,
        id: rand.uuid(),
        version: 2,
        status: rand.chance(0.8) ? 'vastgesteld' : 'in_afstemming',
        content: koersContent(rand),
        evaluationDate: plusDays(revisedOn, 182),
        agreedOn: revisedOn,
        createdAt: isoAt(plusDays(revisedOn, -14), 10, 0),
      });
      const last = data.koersen.at(-1);
      if (last && last.status !== 'vastgesteld') last.agreedOn = null;
    }
  }
}

export function addContacts(
  data: DemoData,
  rand: Random,
  c: {
    organisationId: string;
    caseId: string;
    from: IsoDate;
    until: IsoDate;
    authorId: string;
    firstName: string;
    /** Days between two contacts, drawn from this range; by default one to three weeks. */
    gapDays?: readonly [number, number];
  },
) {
  const [minGap, maxGap] = c.gapDays ?? [6, 21];
  // At most two years of history, a contact every one to three weeks.
  let day = [c.from, plusDays(c.until, -730)].sort().at(-1) ?? c.from;
  while (day <= c.until) {
    const kind = rand.weighted(KIND_WEIGHTS);
    data.contacts.push({
      id: rand.uuid(),
      organisationId: c.organisationId,
      caseId: c.caseId,
      kind,
      occurredAt: isoAt(day, rand.int(8, 18), rand.pick([0, 15, 30, 45])),
      present:
        kind === 'telefonisch'
          ? ['moeder']
          : rand.pick([['moeder', c.firstName], ['moeder', 'vader'], [c.firstName]]),
      childSeen: kind === 'huisbezoek' || kind === 'kind_alleen' ? rand.chance(0.9) : false,
      report: rand.pick(CONTACT_TEXT[kind]).replaceAll('{kind}', c.firstName),
      amendsId: null,
      authorId: c.authorId,
      createdAt: isoAt(day, 19, 0),
    });
    day = plusDays(day, rand.int(minGap, maxGap));
  }
}

/** The providers of built data as addReferrals wants them: each with the indexes of its products. */
export function referralTargets(data: DemoData): { id: string; products: number[] }[] {
  return data.aanbieders.map((a) => ({
    id: a.id as string,
    products: a.products.map((p) => HELP.findIndex((h) => h.code === p.code)),
  }));
}

export function addReferrals(
  data: DemoData,
  rand: Random,
  r: {
    organisationId: string;
    caseId: string;
    rulingDate: IsoDate;
    today: IsoDate;
    requestedBy: string;
    gemeenteId: string;
    aanbieders: { id: string; products: number[] }[];
    /** The status of a request that has not led to help yet (by default drawn). */
    openStatus?: VerwijzingStatus;
  },
) {
  const age = Math.round((toDate(r.today).getTime() - toDate(r.rulingDate).getTime()) / 86_400_000);
  if (age < 20) return;
  const helpDue = fromDate(new Date(toDate(r.rulingDate).setMonth(toDate(r.rulingDate).getMonth() + 3)));
  let requestedOn = plusDays(r.rulingDate, rand.int(14, Math.min(age, 45)));
  // Norm 3: in 2021 only two in three got help in time; the demo is a little better.
  let status: VerwijzingStatus;
  let startedOn: IsoDate | null = null;
  if (age > 100 && rand.chance(age > 200 ? 0.88 : 0.72)) {
    status = rand.chance(0.15) ? 'beeindigd' : 'gestart';
    const startAfter = rand.chance(0.85) ? rand.int(35, 88) : rand.int(95, 160);
    startedOn = plusDays(r.rulingDate, Math.min(startAfter, age - 1));
  } else {
    status =
      r.openStatus ??
      rand.weighted([
        ['ingediend', 3],
        ['afstemming_gemeente', 2],
        ['aangemeld', 3],
        ['wachtlijst', 4],
        ['afgewezen', 1],
        ['opgeschaald', 1],
        ['ingetrokken', 1],
      ] as const);
  }
  const aanbieder = rand.pick(r.aanbieders);
  const help = HELP[rand.pick(aanbieder.products)] ?? HELP[0];
  const urgency: Urgency = rand.weighted([
    ['regulier', 75],
    ['urgent', 20],
    ['acuut', 5],
  ] as const);
  // Help cannot start before it was asked for: such a request was made a little before the start.
  if (startedOn && startedOn < plusDays(requestedOn, 7)) {
    requestedOn = maxDay(plusDays(startedOn, -10), r.rulingDate);
  }
  const verwijzingId = rand.uuid();
  const endedOn = status === 'beeindigd' && startedOn ? plusDays(startedOn, rand.int(60, 200)) : null;
  // The history has its own generator, so the rest of the demo stays the same as before it existed.
  const later = new Random(Number.parseInt(verwijzingId.slice(0, 8), 16));
  data.verwijzingen.push({
    id: verwijzingId,
    organisationId: r.organisationId,
    caseId: r.caseId,
    status,
    productCategory: help.category,
    productName: help.name,
    need: 'Passende hulp zoals afgesproken in de koers.',
    urgency,
    urgencyReason: urgency === 'regulier' ? '' : 'Veiligheid thuis onder druk; wachten vergroot het risico.',
    aanbiederId: status === 'ingediend' ? null : aanbieder.id,
    gemeenteId: r.gemeenteId,
    helpDueDate: helpDue,
    requestedBy: r.requestedBy,
    requestedAt: isoAt(requestedOn, 11, 0),
    startedOn,
    endedOn,
    escalation: status === 'opgeschaald' ? 'expertteam' : 'geen',
    expectedStartOn: status === 'wachtlijst' ? plusDays(r.today, later.int(14, 90)) : null,
    updatedAt: isoAt(requestedOn, 11, 0),
  });
  addReferralHistory(data, later, {
    organisationId: r.organisationId,
    caseId: r.caseId,
    verwijzingId,
    status,
    requestedOn,
    requestedBy: r.requestedBy,
    aanbiederId: aanbieder.id,
    startedOn,
    endedOn,
    today: r.today,
  });
}

/** The steps that led a demo request to its status, so the desk and the phone show a history. */
const DEMO_PATHS: Record<VerwijzingStatus, VerwijzingStep[]> = {
  concept: [],
  ingediend: ['indienen'],
  afstemming_gemeente: ['indienen', 'afstemmen'],
  aangemeld: ['indienen', 'aanmelden'],
  geaccepteerd: ['indienen', 'aanmelden', 'accepteren'],
  afgewezen: ['indienen', 'aanmelden', 'afwijzen'],
  wachtlijst: ['indienen', 'aanmelden', 'wachtlijst'],
  opgeschaald: ['indienen', 'aanmelden', 'wachtlijst', 'opschalen'],
  gestart: ['indienen', 'aanmelden', 'accepteren', 'starten'],
  beeindigd: ['indienen', 'aanmelden', 'accepteren', 'starten', 'beeindigen'],
  ingetrokken: ['indienen', 'intrekken'],
};
const DEMO_ANSWERS: Partial<Record<VerwijzingStep, string>> = {
  afstemmen: 'Afstemming per e-mail met de gemeente gestart.',
  afwijzen: 'Aanbieder kan deze doelgroep nu niet helpen.',
  wachtlijst: 'Geplaatst op de wachtlijst.',
  opschalen: 'Vastgelopen: geen passend aanbod binnen de termijn.',
  intrekken: 'Gezin heeft zelf hulp gevonden.',
};

function addReferralHistory(
  data: DemoData,
  rand: Random,
  h: {
    organisationId: string;
    caseId: string;
    verwijzingId: string;
    status: VerwijzingStatus;
    requestedOn: IsoDate;
    requestedBy: string;
    aanbiederId: string;
    startedOn: IsoDate | null;
    endedOn: IsoDate | null;
    today: IsoDate;
  },
) {
  const desk = data.users.filter((u) => u.role === 'ondersteuner');
  let from: VerwijzingStatus = 'concept';
  let escalation: EscalationLevel = 'geen';
  let day = h.requestedOn;
  for (const [index, step] of DEMO_PATHS[h.status].entries()) {
    const result = applyVerwijzingStep(from, escalation, step);
    if (!result.ok) throw new Error(`demo history: ${result.reason}`);
    if (step === 'starten' && h.startedOn) day = h.startedOn;
    else if (step === 'beeindigen' && h.endedOn) day = h.endedOn;
    else if (step !== 'indienen') day = minDay(plusDays(day, rand.int(2, 10)), h.startedOn ?? h.today);
    const by = step === 'indienen' || desk.length === 0 ? null : rand.pick(desk);
    data.verwijzingStappen.push({
      id: rand.uuid(),
      organisationId: h.organisationId,
      verwijzingId: h.verwijzingId,
      caseId: h.caseId,
      step,
      fromStatus: from,
      toStatus: result.to,
      answer: DEMO_ANSWERS[step] ?? '',
      aanbiederId: step === 'aanmelden' ? h.aanbiederId : null,
      on: step === 'starten' ? h.startedOn : step === 'beeindigen' ? h.endedOn : null,
      byUserId: by?.id ?? h.requestedBy,
      byRole: by ? 'ondersteuner' : 'jeugdbeschermer',
      // Submitted when the request was made; then one step an hour, so steps on one day keep their order.
      at: index === 0 ? isoAt(day, 11, 0) : isoAt(day, 11 + index, 30),
    });
    from = result.to;
    escalation = result.escalation;
  }
}

const minDay = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
const maxDay = (a: IsoDate, b: IsoDate) => (a < b ? b : a);

const CHUNK = 500;

async function insertAll<T extends Parameters<Db['insert']>[0]>(db: Db, table: T, rows: T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insert(table).values(rows.slice(i, i + CHUNK));
  }
}

/** Writes the demo data in one transaction. */
export async function seedDemo(db: Db, today: IsoDate, password = DEMO_PASSWORD): Promise<DemoData> {
  const data = buildDemoData(today);
  await writeSeed(db, data, password);
  return data;
}

/**
 * Writes built seed rows (demo, benchmark or load) in one transaction; every user gets `password`.
 * `oneHash`: one argon2 hash shared by all users (for the hundreds of the load seed; each hash costs
 * a fraction of a second by design).
 */
export async function writeSeed(
  db: Db,
  data: DemoData,
  password = DEMO_PASSWORD,
  opts: { oneHash?: boolean } = {},
): Promise<void> {
  const shared = opts.oneHash ? hashPassword(password) : null;
  const passwordHashes = await Promise.all(data.users.map(() => shared ?? hashPassword(password)));
  await inTransaction(db, async (d) => {
    await insertAll(d, t.organisations, data.organisations);
    // Seeded rows carry a sync version as every server write does, one of at least 1: version 0 is
    // the phone's own row that the server has not accepted yet (its "pending").
    const versionOf = new Map<string, number>();
    for (const o of data.organisations) versionOf.set(o.id, await nextVersion(d, o.id));
    const stamped = <R extends { organisationId: string }>(rows: R[]) =>
      rows.map((r) => ({ ...r, rowVersion: versionOf.get(r.organisationId) ?? 1 }));
    await insertAll(d, t.regions, data.regions);
    await insertAll(d, t.gemeenten, data.gemeenten);
    await insertAll(d, t.teams, data.teams);
    await insertAll(
      d,
      t.users,
      data.users.map((u, i) => ({ ...u, passwordHash: passwordHashes[i] ?? null })),
    );
    await insertAll(d, t.gezinnen, stamped(data.gezinnen));
    await insertAll(d, t.jeugdigen, stamped(data.jeugdigen));
    await insertAll(d, t.betrokkenen, stamped(data.betrokkenen));
    await insertAll(d, t.cases, stamped(data.cases));
    await insertAll(d, t.maatregelen, stamped(data.maatregelen));
    await insertAll(d, t.beschikkingen, stamped(data.beschikkingen));
    await insertAll(d, t.caseAssignments, stamped(data.caseAssignments));
    await insertAll(d, t.koersen, stamped(data.koersen));
    await insertAll(d, t.contacts, stamped(data.contacts));
    await insertAll(d, t.aanbieders, data.aanbieders);
    await insertAll(d, t.aanbiederRegions, data.aanbiederRegions);
    await insertAll(d, t.regionArrangements, data.regionArrangements);
    await insertAll(d, t.verwijzingen, stamped(data.verwijzingen));
    await insertAll(d, t.verwijzingStappen, stamped(data.verwijzingStappen));
    await insertAll(d, t.caseWaiting, data.caseWaiting);
  });
}

/** Seeds only a database without any organisation; returns whether it seeded. */
export async function seedDemoIfEmpty(db: Db, today: IsoDate = dutchToday()): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(t.organisations);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo(db, today);
  return true;
}
