/** Storage key for the operator's theme choice ("light" | "dark"; absent = follow the system). */
export const THEME_KEY = "faultline-theme";

/**
 * Runs before first paint (inline in <head>) so the page never flashes the wrong theme.
 * Kept tiny and dependency-free on purpose.
 */
export const themeBootScript = `(function(){try{var t=localStorage.getItem("${THEME_KEY}");var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d);}catch(e){}})();`;
