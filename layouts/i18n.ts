/**
 * The interface's words in English, Russian and Ukrainian. A page speaks its own language: an article's
 * page the article's, every other page the site's (`site.yaml` `language`); a language without strings
 * here gets English. `Page` provides the page's language to every component below it (`usePageLanguage`),
 * so components look words up with `t(lang, key)` without a language prop of their own.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";

const en = {
	skipToContent: "Skip to content",
	home: "Home",
	topics: "Topics",
	people: "People",
	places: "Places",
	timeline: "Timeline",
	search: "Search",
	mainNavigation: "Main",
	searchTheDigest: "Search the digest",
	searchPlaceholder: "Search…",
	feeds: "Feeds:",
	breadcrumbs: "Breadcrumbs",
	by: "By",
	minutesRead: "{n} min read",
	updated: "Updated",
	alsoIn: "Also in:",
	translations: "Translations",
	alsoCoveredBy: "Also covered by",
	otherCoverage: "Other coverage of this story",
	and: "and",
	relatedArticles: "Related articles",
	previousAndNext: "Previous and next article",
	previousArticle: "Previous article",
	nextArticle: "Next article",
} as const;

export type UiKey = keyof typeof en;

const ru: Record<UiKey, string> = {
	skipToContent: "Перейти к содержанию",
	home: "Главная",
	topics: "Темы",
	people: "Люди",
	places: "Места",
	timeline: "Хронология",
	search: "Поиск",
	mainNavigation: "Основная навигация",
	searchTheDigest: "Поиск по дайджесту",
	searchPlaceholder: "Поиск…",
	feeds: "Ленты:",
	breadcrumbs: "Навигационная цепочка",
	by: "Автор:",
	minutesRead: "{n} мин чтения",
	updated: "Обновлено",
	alsoIn: "Также на:",
	translations: "Переводы",
	alsoCoveredBy: "Также писали",
	otherCoverage: "Другие материалы об этом событии",
	and: "и",
	relatedArticles: "Похожие статьи",
	previousAndNext: "Предыдущая и следующая статья",
	previousArticle: "Предыдущая статья",
	nextArticle: "Следующая статья",
};

const uk: Record<UiKey, string> = {
	skipToContent: "Перейти до змісту",
	home: "Головна",
	topics: "Теми",
	people: "Люди",
	places: "Місця",
	timeline: "Хронологія",
	search: "Пошук",
	mainNavigation: "Основна навігація",
	searchTheDigest: "Пошук у дайджесті",
	searchPlaceholder: "Пошук…",
	feeds: "Стрічки:",
	breadcrumbs: "Навігаційний ланцюжок",
	by: "Автор:",
	minutesRead: "{n} хв читання",
	updated: "Оновлено",
	alsoIn: "Також є:",
	translations: "Переклади",
	alsoCoveredBy: "Також писали",
	otherCoverage: "Інші матеріали про цю подію",
	and: "і",
	relatedArticles: "Схожі статті",
	previousAndNext: "Попередня і наступна стаття",
	previousArticle: "Попередня стаття",
	nextArticle: "Наступна стаття",
};

const strings: Record<string, Record<UiKey, string>> = { en, ru, uk };

/** The languages the interface is written in. */
export const uiLanguages = Object.keys(strings);

/** The word for `key` in `lang` (by its primary subtag: `ru-RU` is `ru`), English when `lang` has none; `{n}` filled in. */
export function t(lang: string, key: UiKey, values: { n?: number | string } = {}): string {
	const words = strings[lang.split("-")[0]?.toLowerCase() ?? ""] ?? en;
	const text = words[key];
	return values.n === undefined ? text : text.replace("{n}", String(values.n));
}

/** The language of the page being rendered; `Page` provides it. */
export const PageLanguage = createContext("en");

export const usePageLanguage = (): string => useContext(PageLanguage);
