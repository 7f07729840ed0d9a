import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';

/**
 * The one place where PDF fonts are chosen and loaded.
 *
 * - `SHUANGYONG_PDF_FONT`: the body font (宋体 style), a .ttf/.otf file or a .ttc collection member written
 *   `FILE.ttc#PostScriptName` (e.g. `/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular`).
 * - `SHUANGYONG_PDF_TITLE_FONT`: the title font (标宋/黑体 style); defaults to a bold sibling, else the body font.
 * - `SHUANGYONG_PDF_FALLBACK_FONT`: fonts tried, in order, for characters the body font lacks (CJK Extension B
 *   names such as 𡒄 𪚥), separated by `:`; defaults to Debian's fonts-hanazono (HanaMinA, HanaMinB).
 *
 * Without a setting, a font from the npm package @expo-google-fonts/noto-serif-sc is used when it is installed,
 * else Debian's fonts-noto-cjk. Fonts are parsed once per process and shared by every document.
 */

/** A font file, or one member of a .ttc collection. */
export interface FontFile {
  path: string;
  postscriptName?: string | undefined;
}

export interface PdfFontConfig {
  body: FontFile;
  title: FontFile;
  fallbacks: FontFile[];
}

/** The part of a fontkit font that the PDF layer uses. */
export interface LoadedFont {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
  layout(text: string): unknown;
}

interface FontCollection {
  fonts: LoadedFont[];
  getFont(name: string): LoadedFont | null;
}

const npmSerifSc = '@expo-google-fonts/noto-serif-sc';

/** Where fonts are looked for when no variable names one (tests point these elsewhere). */
export interface FontSearch {
  npmPackage: boolean;
  debianNoto: string;
  debianHanazono: string;
}
const defaultSearch: FontSearch = {
  npmPackage: true,
  debianNoto: '/usr/share/fonts/opentype/noto',
  debianHanazono: '/usr/share/fonts/truetype/hanazono',
};

/** Parses `FILE` or `FILE#PostScriptName`. */
export function parseFontSpec(spec: string): FontFile {
  const hash = spec.lastIndexOf('#');
  if (hash > 0 && /\.(ttc|otc)$/i.test(spec.slice(0, hash))) {
    return { path: spec.slice(0, hash), postscriptName: spec.slice(hash + 1) || undefined };
  }
  return { path: spec };
}

const describe = (f: FontFile) => (f.postscriptName ? `${f.path}#${f.postscriptName}` : f.path);

/** A file of the npm font package, when the package is installed. */
function npmPackageFont(file: string): FontFile | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve(`${npmSerifSc}/package.json`));
    const full = path.join(dir, file);
    return existsSync(full) ? { path: full } : null;
  } catch {
    return null;
  }
}

const firstExisting = (candidates: (FontFile | null)[]): FontFile | null =>
  candidates.find((c): c is FontFile => c !== null && existsSync(c.path)) ?? null;

function fromEnv(env: NodeJS.ProcessEnv, name: string): FontFile | null {
  const value = env[name]?.trim();
  if (!value) return null;
  const file = parseFontSpec(value);
  if (!existsSync(file.path)) {
    throw new AppError('INTERNAL', `环境变量 ${name} 指向的字体文件「${file.path}」不存在，请检查路径。`);
  }
  return file;
}

export const missingFontMessage =
  '未找到可用的中文字体，无法生成 PDF。请安装字体包（Debian：apt-get install fonts-noto-cjk fonts-hanazono），' +
  '或设置环境变量 SHUANGYONG_PDF_FONT 指向一个 .ttf/.otf/.ttc 中文字体文件。';

/** Chooses the fonts from the environment and what is installed; throws a Chinese error when there is none. */
export function resolvePdfFonts(env: NodeJS.ProcessEnv = process.env, search = defaultSearch): PdfFontConfig {
  const { debianNoto, debianHanazono } = search;
  const npmFont = (file: string) => (search.npmPackage ? npmPackageFont(file) : null);
  const configured = fromEnv(env, 'SHUANGYONG_PDF_FONT');
  const body =
    configured ??
    firstExisting([
      npmFont('400Regular/NotoSerifSC_400Regular.ttf'),
      { path: `${debianNoto}/NotoSerifCJK-Regular.ttc`, postscriptName: 'NotoSerifCJKsc-Regular' },
      { path: `${debianNoto}/NotoSansCJK-Regular.ttc`, postscriptName: 'NotoSansCJKsc-Regular' },
    ]);
  if (!body) throw new AppError('INTERNAL', missingFontMessage);
  const title =
    fromEnv(env, 'SHUANGYONG_PDF_TITLE_FONT') ??
    (configured
      ? body
      : (firstExisting([
          npmFont('700Bold/NotoSerifSC_700Bold.ttf'),
          { path: `${debianNoto}/NotoSerifCJK-Bold.ttc`, postscriptName: 'NotoSerifCJKsc-Bold' },
          { path: `${debianNoto}/NotoSansCJK-Bold.ttc`, postscriptName: 'NotoSansCJKsc-Bold' },
        ]) ?? body));
  const fallbackSetting = env.SHUANGYONG_PDF_FALLBACK_FONT?.trim();
  let fallbacks: FontFile[];
  if (fallbackSetting) {
    fallbacks = fallbackSetting.split(path.delimiter).filter(Boolean).map(parseFontSpec);
    const missing = fallbacks.find((f) => !existsSync(f.path));
    if (missing) {
      throw new AppError(
        'INTERNAL',
        `环境变量 SHUANGYONG_PDF_FALLBACK_FONT 中的字体文件「${missing.path}」不存在，请检查路径。`,
      );
    }
  } else {
    fallbacks = [{ path: `${debianHanazono}/HanaMinA.ttf` }, { path: `${debianHanazono}/HanaMinB.ttf` }].filter((f) =>
      existsSync(f.path),
    );
  }
  return { body, title, fallbacks };
}

// ---- loading (once per process) ----

type Fontkit = { create(buffer: Uint8Array, postscriptName?: string): LoadedFont | FontCollection | null };
let fontkit: Fontkit | undefined;

/** fontkit as pdfkit itself resolves it: the same copy that will embed the font. */
function getFontkit(): Fontkit {
  if (!fontkit) {
    const require = createRequire(import.meta.url);
    fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as Fontkit;
  }
  return fontkit;
}

const loaded = new Map<string, LoadedFont>();

const isCollection = (f: LoadedFont | FontCollection): f is FontCollection => 'fonts' in f && Array.isArray(f.fonts);

/** Parses a font file (once per process); a collection without a member name gives its simplified-Chinese member. */
export function loadFont(file: FontFile): LoadedFont {
  const key = describe(file);
  const cached = loaded.get(key);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.path);
  } catch {
    throw new AppError('INTERNAL', `无法读取字体文件「${file.path}」，请检查路径和权限。`);
  }
  let font: LoadedFont | FontCollection | null;
  try {
    font = getFontkit().create(bytes, file.postscriptName);
  } catch {
    throw new AppError('INTERNAL', `「${file.path}」不是可用的 TrueType/OpenType 字体文件。`);
  }
  if (font && isCollection(font)) {
    font = font.fonts.find((f) => /sc(-|$)/i.test(f.postscriptName)) ?? font.fonts[0] ?? null;
  }
  if (!font || typeof font.layout !== 'function') {
    throw new AppError('INTERNAL', `字体集「${file.path}」中没有名为「${file.postscriptName ?? ''}」的字体。`);
  }
  loaded.set(key, font);
  return font;
}

export interface LoadedFonts {
  body: LoadedFont;
  title: LoadedFont;
  fallbacks: LoadedFont[];
  config: PdfFontConfig;
}

/** The fonts of `config` (default: resolved from the environment), parsed once per process. */
export function loadPdfFonts(config: PdfFontConfig = resolvePdfFonts()): LoadedFonts {
  return {
    body: loadFont(config.body),
    title: loadFont(config.title),
    fallbacks: config.fallbacks.map(loadFont),
    config,
  };
}
