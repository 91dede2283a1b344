/** The browser app's entry: apply the player's display settings, then route. @module */
import { applyDisplaySettings } from './app/displaySettings.ts';
import { notFoundRoute } from './app/notFound.ts';
import { startRouter } from './app/router.ts';
import { ROUTES } from './app/routes.ts';

applyDisplaySettings();
startRouter(document.getElementById('app')!, ROUTES, notFoundRoute);
