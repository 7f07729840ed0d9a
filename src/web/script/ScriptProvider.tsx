import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useCachedMe } from '../features/auth/auth.queries.ts';
import type { DomScriptConverter } from './dom-converter.ts';
import { type Script, ScriptContext, type ScriptState, storedScript, storeScript } from './script-context.ts';

let converterPromise: Promise<DomScriptConverter> | null = null;

/** OpenCC's dictionaries are large: they load only when someone switches to 繁體. */
function loadConverter(): Promise<DomScriptConverter> {
  converterPromise ??= Promise.all([import('opencc-js/cn2t'), import('./dom-converter.ts')]).then(
    ([opencc, dom]) => new dom.DomScriptConverter(opencc.Converter({ from: 'cn', to: 'tw' })),
  );
  converterPromise.catch(() => {
    converterPromise = null;
  });
  return converterPromise;
}

const appTheme = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#b71c1c', colorLink: '#1d4ed8', borderRadius: 6 },
};

/**
 * 简体/繁體 for the whole UI: antd's own texts through its zh_TW locale, everything else through the
 * DOM converter. The choice is the user's (remembered in localStorage), else the deployment's default.
 */
export function ScriptProvider({ children }: { children: ReactNode }) {
  // The signed-in user as cached (the layout fetches it; nothing is asked here).
  const me = useCachedMe();
  const [chosen, setChosen] = useState<Script | null>(storedScript);
  const [converter, setConverter] = useState<DomScriptConverter | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const script: Script = chosen ?? me?.script ?? 'simplified';

  useEffect(() => {
    const traditional = script === 'traditional';
    document.documentElement.lang = traditional ? 'zh-TW' : 'zh-CN';
    dayjs.locale(traditional ? 'zh-tw' : 'zh-cn');
    if (!traditional) return;
    let cancelled = false;
    let started: DomScriptConverter | null = null;
    loadConverter().then(
      (c) => {
        if (cancelled) return;
        started = c;
        c.start(document.body);
        setConverter(c);
        setLoadFailed(false);
      },
      () => {
        if (!cancelled) setLoadFailed(true);
      },
    );
    return () => {
      cancelled = true;
      started?.stop();
      setConverter(null);
    };
  }, [script]);

  const setScript = useCallback((next: Script) => {
    storeScript(next);
    setChosen(next);
  }, []);
  const convert = useCallback((text: string) => (converter ? converter.convert(text) : text), [converter]);
  const value = useMemo<ScriptState>(() => ({ script, setScript, convert }), [script, setScript, convert]);

  return (
    <ScriptContext.Provider value={value}>
      <ConfigProvider locale={script === 'traditional' ? zhTW : zhCN} theme={appTheme}>
        <AntApp>
          {loadFailed && (
            <div role="alert" style={{ background: '#fff7e6', padding: '6px 12px', textAlign: 'center' }}>
              繁體字转换组件加载失败，请检查网络后刷新页面重试。
            </div>
          )}
          {children}
        </AntApp>
      </ConfigProvider>
    </ScriptContext.Provider>
  );
}
