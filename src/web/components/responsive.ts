import { Grid } from 'antd';

/** Phone screens (< 768 px): the menu becomes a drawer, tables scroll sideways, forms go full width. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
