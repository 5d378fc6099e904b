/**
 * The interface's words in English, Russian and Ukrainian. A page speaks its own language: an article's
 * page the article's, every other page the site's (`site.yaml` `language`); a language without strings
 * here gets English. `Page` provides the page's language to every component below it (`usePageLanguage`),
 * so components look words up with `t(lang, key)` without a language prop of their own.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
export { searchPageWords } from "../src/search/search-words.ts";

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
	searchHeading: "Search the digest",
	wordsToFind: "Words to find",
	searchHintBefore: "Results update as you type. Press",
	searchHintAfter: "anywhere to come back to this box.",
	filters: "Filters",
	facetTopic: "Topic",
	facetSource: "Source",
	facetYear: "Year",
	facetLanguage: "Language",
	showAll: "Show all",
	clearFilters: "Clear filters",
	loadingSearch: "Loading search…",
	sortBy: "Sort by",
	relevance: "relevance",
	newestFirst: "newest first",
	showMoreResults: "Show more results",
	needsJavaScript: "Search runs in your browser and needs JavaScript.",
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
	searchHeading: "Поиск по дайджесту",
	wordsToFind: "Что найти",
	searchHintBefore: "Результаты обновляются по мере ввода. Нажмите",
	searchHintAfter: "на любой странице, чтобы вернуться к этому полю.",
	filters: "Фильтры",
	facetTopic: "Тема",
	facetSource: "Источник",
	facetYear: "Год",
	facetLanguage: "Язык",
	showAll: "Показать все",
	clearFilters: "Сбросить фильтры",
	loadingSearch: "Загрузка поиска…",
	sortBy: "Порядок:",
	relevance: "по релевантности",
	newestFirst: "сначала новые",
	showMoreResults: "Показать ещё",
	needsJavaScript: "Поиск работает в браузере и требует JavaScript.",
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
	searchHeading: "Пошук у дайджесті",
	wordsToFind: "Що знайти",
	searchHintBefore: "Результати оновлюються під час введення. Натисніть",
	searchHintAfter: "на будь-якій сторінці, щоб повернутися до цього поля.",
	filters: "Фільтри",
	facetTopic: "Тема",
	facetSource: "Джерело",
	facetYear: "Рік",
	facetLanguage: "Мова",
	showAll: "Показати всі",
	clearFilters: "Скинути фільтри",
	loadingSearch: "Завантаження пошуку…",
	sortBy: "Порядок:",
	relevance: "за релевантністю",
	newestFirst: "спочатку нові",
	showMoreResults: "Показати ще",
	needsJavaScript: "Пошук працює в браузері й потребує JavaScript.",
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
