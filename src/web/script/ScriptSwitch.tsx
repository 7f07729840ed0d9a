import { Button, Tooltip } from 'antd';
import { useScript } from './script-context.ts';

/** 简体/繁體 switch: one click toggles the script of the whole UI. */
export function ScriptSwitch({ className }: { className?: string }) {
  const { script, setScript } = useScript();
  const traditional = script === 'traditional';
  return (
    <Tooltip title={traditional ? '切换为简体中文' : '切换为繁体中文'}>
      <Button
        type="text"
        size="small"
        className={className}
        data-testid="script-switch"
        data-script={script}
        aria-pressed={traditional}
        aria-label={traditional ? '切换为简体中文' : '切换为繁体中文'}
        onClick={() => setScript(traditional ? 'simplified' : 'traditional')}
      >
        {/* The label names the script a click switches to. */}
        {traditional ? '简体' : '繁體'}
      </Button>
    </Tooltip>
  );
}
