import type { AttributionRow } from './attribution';
import type { Events } from './events';

/** Instructions per call of the subject and what it is compared with, and their ratio. */
export function countsTable(subject: string, subjectCount: number, against: string, againstCount: number): string {
  const width = Math.max(subject.length, against.length, 'ratio'.length) + 4;
  const row = (label: string, value: string) => `  ${label.padEnd(width)}${value.padStart(10)}`;
  const lines = [row(subject, subjectCount.toFixed(0)), row(against, againstCount.toFixed(0))];
  if (subject !== against) lines.push(row('ratio', (subjectCount / againstCount).toFixed(2)));
  return lines.join('\n');
}

/** The attribution: per-call self instructions by function, largest differences first. */
export function attributionTable(subject: string, against: string, rows: readonly AttributionRow[]): string {
  const width = Math.max(10, subject.length, against.length);
  const cell = (text: string) => text.padStart(width);
  const number = (value: number) => cell(value.toFixed(0));
  const header = `  ${cell(subject)}  ${cell(against)}  ${cell('difference')}  function`;
  const lines = rows
    .filter((row) => Math.abs(row.difference) >= 0.5)
    .map((row) => `  ${number(row.subject)}  ${number(row.against)}  ${number(row.difference)}  ${row.name}`);
  return [header, ...lines].join('\n');
}

/** Each event per call of the subject and of what it is compared with, and their ratio (`--cache`). */
export function eventsTable(subject: string, subjectEvents: Events, against: string, againstEvents: Events): string {
  const names = [...subjectEvents.keys()];
  const width = Math.max(...names.map((name) => name.length)) + 2;
  const cell = Math.max(subject.length, against.length, 8) + 2;
  const row = (label: string, values: readonly string[]) => `  ${label.padEnd(width)}${values.map((value) => value.padStart(cell)).join('')}`;
  const lines = [row('per call', [subject, against, 'ratio'])];
  for (const name of names) {
    const mine = subjectEvents.get(name)!;
    const theirs = againstEvents.get(name)!;
    const digits = mine < 1_000 ? 1 : 0;
    lines.push(row(name, [mine.toFixed(digits), theirs.toFixed(digits), theirs === 0 ? '—' : (mine / theirs).toFixed(2)]));
  }
  return lines.join('\n');
}
