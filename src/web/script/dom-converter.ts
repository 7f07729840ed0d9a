/**
 * Converts the rendered document from simplified to traditional characters and back.
 *
 * While it runs, every text node and the placeholder / title / aria-label / alt attributes of every element
 * under the root are shown converted; a MutationObserver converts whatever React (or antd's portals) adds or
 * changes later. The simplified originals are kept in WeakMaps, so `stop()` restores them exactly, and a
 * node that React rewrites while converted is simply converted again from its new text.
 */
export type TextConverter = (text: string) => string;

const attributes = ['placeholder', 'title', 'aria-label', 'alt'] as const;
const skippedTags = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TEMPLATE']);
const hanRe = /[\u3400-\u9fff]/;

interface Memo {
  original: string;
  shown: string;
}

function skipped(element: Element | null): boolean {
  if (!element) return true;
  if (skippedTags.has(element.tagName)) return true;
  return element.closest('[contenteditable="true"],[data-script-skip]') !== null;
}

export class DomScriptConverter {
  private readonly texts = new WeakMap<Text, Memo>();
  private readonly attrs = new WeakMap<Element, Map<string, Memo>>();
  private readonly cache = new Map<string, string>();
  private readonly observer: MutationObserver;
  private root: Element | null = null;
  private titleMemo: Memo | null = null;

  private readonly convertRaw: TextConverter;

  constructor(convertRaw: TextConverter) {
    this.convertRaw = convertRaw;
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  convert(text: string): string {
    if (!hanRe.test(text)) return text;
    let out = this.cache.get(text);
    if (out === undefined) {
      out = this.convertRaw(text);
      if (this.cache.size > 20_000) this.cache.clear();
      this.cache.set(text, out);
    }
    return out;
  }

  start(root: Element): void {
    if (this.root) return;
    this.root = root;
    this.convertTree(root);
    this.convertTitle();
    this.observer.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: [...attributes],
    });
    // The page title changes with the route; it is converted (and restored) on its own.
    const title = document.querySelector('title');
    if (title) this.observer.observe(title, { subtree: true, childList: true, characterData: true });
  }

  stop(): void {
    if (!this.root) return;
    this.observer.disconnect();
    this.restoreTree(this.root);
    if (this.titleMemo && document.title === this.titleMemo.shown) document.title = this.titleMemo.original;
    this.titleMemo = null;
    this.root = null;
  }

  private convertTitle(): void {
    const title = document.title;
    if (this.titleMemo && title === this.titleMemo.shown) return;
    const shown = this.convert(title);
    if (shown === title) return;
    this.titleMemo = { original: title, shown };
    document.title = shown;
  }

  private onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      if (!this.root?.contains(record.target)) continue;
      if (record.type === 'childList') {
        for (const node of record.addedNodes) {
          if (node.nodeType === Node.TEXT_NODE) this.convertText(node as Text);
          else if (node.nodeType === Node.ELEMENT_NODE) this.convertTree(node as Element);
        }
      } else if (record.type === 'characterData') {
        this.convertText(record.target as Text);
      } else if (record.type === 'attributes' && record.attributeName) {
        this.convertAttribute(record.target as Element, record.attributeName);
      }
    }
    this.convertTitle();
  }

  private convertTree(root: Element): void {
    if (skipped(root)) return;
    for (const name of attributes) this.convertAttribute(root, name);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) this.convertText(node as Text);
      else for (const name of attributes) this.convertAttribute(node as Element, name);
    }
  }

  private convertText(node: Text): void {
    const data = node.data;
    const memo = this.texts.get(node);
    if (memo && memo.shown === data) return;
    if (!hanRe.test(data) || skipped(node.parentElement)) return;
    const shown = this.convert(data);
    if (shown === data) {
      this.texts.delete(node);
      return;
    }
    this.texts.set(node, { original: data, shown });
    node.data = shown;
  }

  private convertAttribute(element: Element, name: string): void {
    const value = element.getAttribute(name);
    if (value === null || !hanRe.test(value)) return;
    let memos = this.attrs.get(element);
    const memo = memos?.get(name);
    if (memo && memo.shown === value) return;
    if (skipped(element)) return;
    const shown = this.convert(value);
    if (shown === value) return;
    if (!memos) {
      memos = new Map();
      this.attrs.set(element, memos);
    }
    memos.set(name, { original: value, shown });
    element.setAttribute(name, shown);
  }

  private restoreTree(root: Element): void {
    const restoreAttrs = (element: Element) => {
      const memos = this.attrs.get(element);
      if (!memos) return;
      for (const [name, memo] of memos) {
        if (element.getAttribute(name) === memo.shown) element.setAttribute(name, memo.original);
      }
      this.attrs.delete(element);
    };
    restoreAttrs(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node as Text;
        const memo = this.texts.get(text);
        if (memo && text.data === memo.shown) text.data = memo.original;
        this.texts.delete(text);
      } else {
        restoreAttrs(node as Element);
      }
    }
  }
}
