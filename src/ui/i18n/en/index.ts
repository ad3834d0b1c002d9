/** The English tree: one module per area of the app, so each area's strings sit together. */
import { clinic } from './clinic';
import { coach } from './coach';
import { common } from './common';
import { history } from './history';
import { prescription } from './prescription';
import { program } from './program';
import { progress } from './progress';
import { review } from './review';
import { safety } from './safety';

export const en = { common, coach, program, prescription, history, review, progress, safety, clinic };
export type Messages = typeof en;
