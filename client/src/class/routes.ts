/** The class-session pages for the app's router: host dashboard, projector, and a student's class page. @module */
export { hostRoute } from './hostRoute.ts';
export { projectorRoute } from './projectorRoute.ts';
export { studentClassRoute } from './studentRoute.ts';
