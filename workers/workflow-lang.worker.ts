/**
 * The language worker: parses and checks the Workflows tab's program, and turns opened files and restored
 * recipes into program text, so the page's thread never does it (a program can be megabytes). Methods: see
 * src/workflow/ui/lang-api.ts.
 */
import * as Comlink from 'comlink';
import { langApi } from '../src/workflow/ui/lang-api';
import { getRegistry } from '../src/workflow/functions';

Comlink.expose(langApi(getRegistry()));
