"use client";

import { useEffect, useSyncExternalStore } from "react";

type Theme = "light" | "dark" | "system";

const KEY = "statelens-theme";
const CHANGED = "statelens-theme-changed";

function readTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  return saved === "light" || saved === "dark" ? saved : "system";
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange); // another tab changed it
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function saveTheme(theme: Theme): void {
  localStorage.setItem(KEY, theme);
  window.dispatchEvent(new Event(CHANGED));
}

/** Light / dark / system theme, remembered in localStorage, applied as data-theme on <html>. */
export function ThemeToggle() {
  // the server renders "system"; the browser reads the saved choice without a second render pass
  const theme = useSyncExternalStore(subscribe, readTheme, () => "system" as Theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === "system") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", theme);
  }, [theme]);
  return (
    <select aria-label="Theme" value={theme} onChange={(e) => saveTheme(e.target.value as Theme)} data-testid="theme-toggle">
      <option value="system">System theme</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}
