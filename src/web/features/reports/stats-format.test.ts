import { describe, expect, it } from 'vitest';
import { changeText, chartValue, drillDownHref, figureText } from './stats-format.ts';

describe('statistics figures as text', () => {
  it('shows money in 元 with two decimals and percentages with one', () => {
    expect(figureText(123456, 'cents')).toBe('1,234.56');
    expect(chartValue(123456, 'cents')).toBe(1234.56);
    expect(figureText(85.25, 'percent')).toBe('85.3');
    expect(figureText(1200, 'person')).toBe('1,200');
    expect(figureText(null, 'person')).toBe('—');
  });

  it('signs a change against last year', () => {
    expect(changeText(5, 'person')).toBe('+5');
    expect(changeText(-250, 'cents')).toBe('−2.50');
    expect(changeText(0, 'item')).toBe('持平');
  });

  it('opens the list behind a figure with its filters', () => {
    expect(
      drillDownHref({ path: '/troops/requests/', query: { departmentId: '7', overdue: 'true' }, api: '/api/x' }),
    ).toBe('/troops/requests?departmentId=7&overdue=true');
    expect(drillDownHref({ path: '/registry/persons', query: {}, api: '/api/persons' })).toBe('/registry/persons');
  });
});
