import { z } from 'zod';
import { DASHBOARD_TABLES, type DashboardData, type ExportedFile } from '../dashboardTypes';
import { method } from '../method';
import { supervisors, dashboardQuerySchema } from './common';

/** Supervisor dashboard: part of the one API contract (`../contract.ts`). */
export const dashboardMethods = {
  // — Supervisor dashboard (issue 7) —
  'dashboard.summary': method<DashboardData>()({
    input: dashboardQuerySchema,
    access: supervisors,
  }),
  'dashboard.export': method<ExportedFile>()({
    input: z.strictObject({
      query: dashboardQuerySchema,
      table: z.enum(DASHBOARD_TABLES),
      format: z.enum(['csv', 'xlsx']),
    }),
    access: supervisors,
  }),
} as const;
