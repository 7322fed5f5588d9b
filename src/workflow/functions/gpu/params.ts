/** Typed parameter reads with defaults, for function `run`s (the checker has already validated types and ranges). */
import type { ParamValue } from '../../lang/types';

export const num = (p: Record<string, ParamValue>, name: string, dflt: number): number =>
  typeof p[name] === 'number' ? (p[name] as number) : dflt;
export const str = (p: Record<string, ParamValue>, name: string, dflt: string): string =>
  typeof p[name] === 'string' ? (p[name] as string) : dflt;
export const bool = (p: Record<string, ParamValue>, name: string, dflt: boolean): boolean =>
  typeof p[name] === 'boolean' ? (p[name] as boolean) : dflt;
