import pg from 'pg';
import type { CfpStatus } from '../src/domain/cfp/status.js';
import { applicationState } from '../test/support/cfp.js';

// A council-sized caseload written straight into the read model with INSERT … SELECT generate_series: no
// workflows behind the rows (lists and searches read only the read model). Five years of applications,
// the last year's still open in every status, older ones closed; facilities in real WIMD 2019 areas, so
// local authorities and deciles spread as Wales's do; a few thousand groups and a team of case officers.
// References are reserved from reference_counter year by year, as nextCaseReference would hand them out.

export interface CaseloadSettings {
  cases: number;
  groups: number;
  officers: number;
  runId: string;
}

export interface Caseload {
  /** Person ids of the case officers (caseworkers), for `caseOfficerId=`. */
  officerIds: string[];
  /** Organisation ids of the groups. */
  groupIds: string[];
  seconds: number;
}

// Out of 100: cases opened in the last year, and older ones.
const recent: [CfpStatus, number][] = [
  ['eoi_draft', 10],
  ['eoi_screening', 10],
  ['invited', 15],
  ['assessment', 15],
  ['moderation', 3],
  ['recommendation', 5],
  ['decision', 5],
  ['deferred', 2],
  ['offered', 5],
  ['accepted', 10],
  ['eoi_declined', 8],
  ['rejected', 5],
  ['withdrawn', 4],
  ['full_application_expired', 2],
  ['offer_declined', 1],
];
const older: [CfpStatus, number][] = [
  ['accepted', 40],
  ['eoi_declined', 20],
  ['rejected', 15],
  ['withdrawn', 10],
  ['full_application_expired', 8],
  ['offer_declined', 4],
  ['offer_lapsed', 3],
];
const spread = (weights: [CfpStatus, number][]) => weights.flatMap(([status, n]) => Array<CfpStatus>(n).fill(status));

/** A whole case's state as the workflow records it (a few kB), as the snapshot of every loaded row. */
const snapshotTemplate = () => applicationState({ reference: '', organisation: { id: '', name: '' }, status: 'accepted', lastSequence: 12 });

export async function loadCaseload(databaseUrl: string, { cases, groups, officers, runId }: CaseloadSettings): Promise<Caseload> {
  const started = performance.now();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    const orgPrefix = `360G-CYMUNED-BENCH-${runId}-G-`;
    const groupRows = await db.query<{ id: string }>(
      `INSERT INTO organisation (id, kind, name, legal_form, org_id)
       SELECT gen_random_uuid(), 'community_group', 'Grŵp Cymunedol ' || g, 'charitable incorporated organisation', $1 || lpad(g::text, 6, '0')
       FROM generate_series(1, $2::int) g RETURNING id`,
      [orgPrefix, groups],
    );
    const officerRows = await db.query<{ id: string }>(
      `INSERT INTO person (id, email, name, language)
       SELECT gen_random_uuid(), 'officer-' || $1 || '-' || o || '@bench.cymuned.example', 'Swyddog Achos ' || o, 'cy'
       FROM generate_series(1, $2::int) o RETURNING id`,
      [runId, officers],
    );
    await db.query(`INSERT INTO role_grant (id, person_id, role) SELECT gen_random_uuid(), id, 'caseworker' FROM unnest($1::uuid[]) id`, [
      officerRows.rows.map((r) => r.id),
    ]);

    // Ages spread evenly over five years, newest last; the reference's year is the year it was made.
    await db.query(
      `CREATE TEMP TABLE bench_case ON COMMIT DROP AS
       SELECT i, now() - (($1::int - i) * (5 * 365.0 / $1::int)) * interval '1 day' AS created_at,
              abs(hashtext('s' || i)) % 100 AS s, abs(hashtext('o' || i)) AS o, abs(hashtext('a' || i)) AS a,
              abs(hashtext('c' || i)) AS c, abs(hashtext('d' || i)) % 1000 AS d
       FROM generate_series(1, $1::int) i`,
      [cases],
    );
    // Reserve each year's references from the counter the live system uses, so neither ever reuses one.
    await db.query(
      `CREATE TEMP TABLE bench_year ON COMMIT DROP AS
       WITH counts AS (SELECT extract(year FROM created_at AT TIME ZONE 'UTC')::int AS year, count(*)::int AS n FROM bench_case GROUP BY 1),
       reserved AS (
         INSERT INTO reference_counter (prefix, year, last) SELECT 'CFP', year, n FROM counts
         ON CONFLICT (prefix, year) DO UPDATE SET last = reference_counter.last + excluded.last
         RETURNING year, last)
       SELECT r.year, r.last - c.n AS base FROM reserved r JOIN counts c USING (year)`,
    );
    await db.query(
      `INSERT INTO application (reference, programme, policy_version, organisation_id, organisation_name, language, project_title, status, stage,
         case_officer_id, fast_track, tier, requested_pence, awarded_pence, lsoa_code, local_authority_code, local_authority_name, wimd_edition,
         wimd_rank, wimd_decile, stage_due_at, clock_paused, sla_breached, applicant_action, applicant_due_at, snapshot, last_event_sequence,
         created_at, updated_at)
       WITH orgs AS (SELECT array_agg(id ORDER BY org_id) AS ids, array_agg(name ORDER BY org_id) AS names FROM organisation WHERE org_id LIKE $1 || '%'),
       areas AS (
         SELECT array_agg(lsoa_code ORDER BY lsoa_code) AS codes, array_agg(local_authority_code ORDER BY lsoa_code) AS las,
                array_agg(local_authority_name ORDER BY lsoa_code) AS la_names, array_agg(rank ORDER BY lsoa_code) AS ranks,
                array_agg(decile ORDER BY lsoa_code) AS deciles
         FROM wimd_area WHERE edition = 'WIMD2019'),
       picked AS (
         SELECT b.*, y.base, extract(year FROM b.created_at AT TIME ZONE 'UTC')::int AS year,
                row_number() OVER (PARTITION BY extract(year FROM b.created_at AT TIME ZONE 'UTC') ORDER BY b.i) AS n,
                CASE WHEN b.created_at > now() - interval '365 days' THEN ($2::text[])[b.s + 1] ELSE ($3::text[])[b.s + 1] END AS status,
                2 + (b.o % 1000) AS days_since_update,
                500000 + (b.c % 48) * 500000 AS requested
         FROM bench_case b JOIN bench_year y ON y.year = extract(year FROM b.created_at AT TIME ZONE 'UTC')::int),
       shaped AS (
         SELECT p.*, 'CFP-' || p.year || '-' || lpad((p.base + p.n)::text, 6, '0') AS reference,
                CASE WHEN p.status IN ('eoi_draft', 'eoi_screening') THEN 'eoi' WHEN p.status = 'invited' THEN 'full_application'
                     WHEN p.status IN ('assessment', 'moderation') THEN 'assessment' WHEN p.status IN ('recommendation', 'decision', 'deferred') THEN 'decision'
                     WHEN p.status = 'offered' THEN 'offer' ELSE 'closed' END AS stage,
                least(now(), p.created_at + make_interval(days => p.days_since_update % 120)) AS updated_at,
                orgs.ids[1 + p.o % cardinality(orgs.ids)] AS org_id, orgs.names[1 + p.o % cardinality(orgs.ids)] AS org_name,
                1 + p.a % cardinality(areas.codes) AS area_index, areas.*
         FROM picked p, orgs, areas)
       SELECT reference, 'CFP', 'CFP-2024', org_id, org_name, CASE WHEN d % 3 = 0 THEN 'en' ELSE 'cy' END, 'Prosiect cymunedol ' || i, status, stage,
              CASE WHEN status = 'eoi_draft' THEN NULL ELSE ($4::uuid[])[1 + c % cardinality($4::uuid[])] END,
              d < 50, CASE WHEN requested > 2500000 THEN 'large' ELSE 'small' END, requested,
              CASE WHEN status IN ('offered', 'accepted') THEN requested - (d % 5) * 100000 END,
              codes[area_index], las[area_index], la_names[area_index], 'WIMD2019', ranks[area_index], deciles[area_index],
              CASE WHEN status IN ('eoi_screening', 'assessment', 'moderation', 'recommendation', 'decision', 'deferred')
                   THEN updated_at + make_interval(days => 10 + d % 40) END,
              status IN ('assessment', 'moderation') AND d % 20 = 0,
              status IN ('eoi_screening', 'assessment', 'moderation', 'recommendation', 'decision', 'deferred') AND updated_at + make_interval(days => 10 + d % 40) < now(),
              CASE status WHEN 'eoi_draft' THEN 'send_eoi' WHEN 'invited' THEN 'send_full_application' WHEN 'offered' THEN 'respond_to_offer' END,
              CASE status WHEN 'invited' THEN updated_at + interval '90 days' WHEN 'offered' THEN updated_at + interval '30 days' END,
              $5::jsonb || jsonb_build_object('reference', reference, 'status', status, 'organisation', jsonb_build_object('id', org_id, 'name', org_name)),
              12, created_at, updated_at
       FROM shaped`,
      [orgPrefix, spread(recent), spread(older), officerRows.rows.map((r) => r.id), JSON.stringify(snapshotTemplate())],
    );
    await db.query('COMMIT');
    // As autovacuum would soon after a load this size: statistics, and the visibility map index-only scans use.
    await db.query('VACUUM ANALYZE application');
    await db.query('VACUUM ANALYZE organisation');
    return { officerIds: officerRows.rows.map((r) => r.id), groupIds: groupRows.rows.map((r) => r.id), seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}
