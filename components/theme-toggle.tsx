"use client";

import { useEffect, useState } from "react";

type Theme = "light" | "dark" | "system";

/** Light / dark / system theme, remembered in localStorage, applied as data-theme on <html>. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    const saved = (localStorage.getItem("statelens-theme") as Theme | null) ?? "system";
    setTheme(saved);
  }, []);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === "system") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", theme);
    localStorage.setItem("statelens-theme", theme);
  }, [theme]);
  return (
    <select aria-label="Theme" value={theme} onChange={(e) => setTheme(e.target.value as Theme)} data-testid="theme-toggle">
      <option value="system">System theme</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}
