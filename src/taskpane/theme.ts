/**
 * Follow the Office theme: dark Office themes get Fluent's dark theme. Excel raises no theme
 * change event, so the theme is read when the pane opens.
 */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export interface OfficeThemeLike {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => c / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function isDark(theme: OfficeThemeLike | undefined | null): boolean {
  if (!theme) return false;
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
  const lum = theme.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  return lum !== null && lum < 0.5;
}

export function fluentThemeFor(theme: OfficeThemeLike | undefined | null): Theme {
  return isDark(theme) ? webDarkTheme : webLightTheme;
}
