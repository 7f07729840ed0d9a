/**
 * The roster-reading rules now live in ./roster-sheet/ (one file per idea). This file only re-exports what the
 * registry import (registry-import*.ts) reads, so that those files keep their import; new code imports the
 * pieces directly.
 */
export { columnLetter, type RowIssue, type SheetGrid } from './roster-sheet/grid.ts';
export { type PersonDraft, type PersonField, personFieldLabels, personFields } from './roster-sheet/person-columns.ts';
export { type PersonSheetResult, readPersonSheet } from './roster-sheet/person-sheet.ts';
export { findHukouRegion, hukouDetail, pickResidenceRegion, type RegionRef } from './roster-sheet/regions.ts';
export { rowKindLabels } from './roster-sheet/row-kind.ts';
