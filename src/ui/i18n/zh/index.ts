/** 简体中文: the same tree as English (a missing key does not compile; tests/ui/i18n.test.ts checks it at run time too). */
import type { Texts } from '../types';
import type { Messages } from '../en';
import { clinic } from './clinic';
import { coach } from './coach';
import { common } from './common';
import { history } from './history';
import { prescription } from './prescription';
import { program } from './program';
import { progress } from './progress';
import { review } from './review';
import { safety } from './safety';

export const zh: Texts<Messages> = { common, coach, program, prescription, history, review, progress, safety, clinic };
