import { Alert, List, Typography } from 'antd';
import { Fragment, useMemo } from 'react';
import type { NoticeWarningItem } from '../../../shared/api/notices.api.ts';
import './notices.css';

const damageCodes = new Set(['garbled_text', 'duplicated_text', 'unparsed_text']);

interface Segment {
  text: string;
  /** indexes of the warnings covering this segment */
  warnings: number[];
}

/** Cuts the text at every warning boundary; each piece knows which warnings cover it. */
function segments(
  text: string,
  warnings: NoticeWarningItem[],
  anchors: number[],
): { pieces: Segment[]; points: Map<number, number[]> } {
  const cuts = new Set<number>([0, text.length, ...anchors.filter((a) => a > 0 && a < text.length)]);
  const points = new Map<number, number[]>();
  warnings.forEach((w, i) => {
    const at = Math.max(0, Math.min(text.length, w.at));
    if (w.length <= 0) {
      points.set(at, [...(points.get(at) ?? []), i]);
      cuts.add(at);
      return;
    }
    cuts.add(at);
    cuts.add(Math.min(text.length, at + w.length));
  });
  const sorted = [...cuts].sort((a, b) => a - b);
  const pieces: (Segment & { from: number })[] = [];
  for (let k = 0; k + 1 < sorted.length; k++) {
    const from = sorted[k] ?? 0;
    const to = sorted[k + 1] ?? 0;
    pieces.push({
      from,
      text: text.slice(from, to),
      warnings: warnings.flatMap((w, i) => (w.length > 0 && w.at <= from && w.at + w.length >= to ? [i] : [])),
    });
  }
  return { pieces, points };
}

export const warningAnchor = (index: number) => `sy-notice-warning-${index}`;
export const offsetAnchor = (at: number) => `sy-notice-at-${at}`;

/** Scrolls the source view to an element and makes it flash. */
export function flashElement(id: string) {
  const found = document.getElementById(id);
  // empty anchors stand just before what they point at
  const el = found && found.textContent === '' ? (found.nextElementSibling ?? found) : found;
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el.classList.add('sy-flash');
  window.setTimeout(() => el.classList.remove('sy-flash'), 1600);
}

/**
 * The text as it was imported, verbatim (not converted between scripts, so offsets stay exact), with every
 * warning marked where it is: damaged passages highlighted, missing things as a ▲ at the place concerned.
 * `anchors` are offsets (e.g. where each task starts) that can be scrolled to.
 */
export function SourceView({
  text,
  warnings,
  anchors = [],
}: {
  text: string;
  warnings: NoticeWarningItem[];
  anchors?: number[];
}) {
  const { pieces, points } = useMemo(() => segments(text, warnings, anchors), [text, warnings, anchors]);
  const anchorSet = new Set(anchors);
  let offset = 0;
  return (
    <div className="sy-notice-source" data-script-skip data-testid="notice-source">
      {pieces.map((p) => {
        const from = offset;
        offset += p.text.length;
        const here = points.get(from) ?? [];
        const anchorsHere = anchorSet.has(from) ? [from] : [];
        const marker = here.map((i) => (
          <span
            key={`p${i}`}
            id={warningAnchor(i)}
            className="sy-warn-point"
            title={warnings[i]?.message}
            data-testid="notice-warning-mark"
          >
            ▲
          </span>
        ));
        const anchorSpans = anchorsHere.map((a) => <span key={`a${a}`} id={offsetAnchor(a)} />);
        if (p.warnings.length === 0) {
          return (
            <Fragment key={from}>
              {marker}
              {anchorSpans}
              {p.text}
            </Fragment>
          );
        }
        const damage = p.warnings.some((i) => damageCodes.has(warnings[i]?.code ?? ''));
        const starting = p.warnings.filter((i) => warnings[i]?.at === from);
        return (
          <Fragment key={from}>
            {marker}
            {anchorSpans}
            {starting.map((i) => (
              <span key={`s${i}`} id={warningAnchor(i)} />
            ))}
            <mark
              className={damage ? 'sy-warn-damage' : undefined}
              title={p.warnings.map((i) => warnings[i]?.message).join('\n')}
              data-testid="notice-warning-mark"
            >
              {p.text}
            </mark>
          </Fragment>
        );
      })}
      {(points.get(text.length) ?? []).map((i) => (
        <span key={`end${i}`} id={warningAnchor(i)} className="sy-warn-point" title={warnings[i]?.message}>
          ▲
        </span>
      ))}
    </div>
  );
}

/** The list of warnings; clicking one shows it in the source view. */
export function WarningList({ warnings }: { warnings: NoticeWarningItem[] }) {
  if (warnings.length === 0) {
    return <Alert type="success" showIcon title="没有发现需要核对的地方。仍请对照原件检查一遍再保存。" />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={`有 ${warnings.length} 处需要核对：点击一条可在原文中定位（原文不会被自动修改）`}
      description={
        <List
          size="small"
          dataSource={warnings.map((w, i) => ({ w, i }))}
          data-testid="notice-warnings"
          renderItem={({ w, i }) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Typography.Link onClick={() => flashElement(warningAnchor(i))}>{w.message}</Typography.Link>
            </List.Item>
          )}
        />
      }
    />
  );
}
