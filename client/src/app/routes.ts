/**
 * Every page of the app, one entry each. To add a page, import its Route and add it to this list;
 * the first pattern that matches wins, and unknown addresses get the not-found page.
 * @module
 */
import { hostRoute, projectorRoute, studentClassRoute } from '../class/routes.ts';
import { tableRoute } from '../game/tableRoute.ts';
import { homeRoute } from '../home/route.ts';
import { campaignRoute, practiceTableRoute } from '../practice/routes.ts';
import type { Route } from './router.ts';

export const ROUTES: Route[] = [
  homeRoute,
  tableRoute,
  campaignRoute,
  practiceTableRoute,
  hostRoute,
  projectorRoute,
  studentClassRoute,
];
