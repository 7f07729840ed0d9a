import { createContext, useContext } from 'react';

export type Script = 'simplified' | 'traditional';

export interface ScriptState {
  script: Script;
  setScript: (script: Script) => void;
  /** Text as it should appear in the current script (for canvas text such as chart labels, which the DOM converter cannot reach). */
  convert: (text: string) => string;
}

export const ScriptContext = createContext<ScriptState>({
  script: 'simplified',
  setScript: () => {},
  convert: (text) => text,
});

export function useScript(): ScriptState {
  return useContext(ScriptContext);
}

export const scriptStorageKey = 'shuangyong.script';

export function storedScript(): Script | null {
  try {
    const value = localStorage.getItem(scriptStorageKey);
    return value === 'traditional' || value === 'simplified' ? value : null;
  } catch {
    return null;
  }
}

export function storeScript(script: Script): void {
  try {
    localStorage.setItem(scriptStorageKey, script);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}
