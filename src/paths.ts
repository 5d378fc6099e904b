/** Where the project's own files are, whatever the working directory is (tests build from temp folders). */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const pagesDir = path.join(projectRoot, "layouts", "pages");
export const assetsDir = path.join(projectRoot, "layouts", "assets");
export const configFile = path.join(projectRoot, "eleventy.config.ts");
export const sampleArticlesDir = path.join(projectRoot, "articles");
