/**
 * The words the search page's script writes, in English, Russian and Ukrainian. The page carries its
 * language's in its configuration's `words` (layouts/components/SearchView.tsx), so the script's bundle
 * holds English only, for a page without them.
 */
import type { SearchPageStrings } from "./contract.ts";

export const englishSearchWords: SearchPageStrings = {
	articles: { one: "{n} article", other: "{n} articles" },
	forQuery: " for “{q}”",
	withFilters: " with the chosen filters",
	typeToSearch: "Type a word or name to search every article, or pick a filter.",
	noMatch: "No articles match",
	noMatchQuery: "No articles match “{q}”",
	advice: ". Check the spelling, try fewer or other words.",
	adviceFilters: ". Check the spelling, try fewer or other words, or clear the filters.",
	showAll: "Show all {n}",
	showFewer: "Show fewer",
	nothingYet: "Nothing to search yet.",
	couldNotLoad: "Search could not load: {q}",
	availableOffline: "Available offline",
	updatedOn: " · updated {q}",
	savingOffline: "Saving search for offline use",
	updatingOffline: "Updating the offline copy",
	sizeOf: "{n} of {q}",
	saveFailed: "Search could not be saved for offline use ({q}).",
};

const russianSearchWords: SearchPageStrings = {
	articles: { one: "{n} статья", few: "{n} статьи", many: "{n} статей", other: "{n} статьи" },
	forQuery: " по запросу «{q}»",
	withFilters: " с выбранными фильтрами",
	typeToSearch: "Введите слово или имя, чтобы искать по всем статьям, или выберите фильтр.",
	noMatch: "Нет подходящих статей",
	noMatchQuery: "Нет статей по запросу «{q}»",
	advice: ". Проверьте написание, попробуйте меньше слов или другие слова.",
	adviceFilters: ". Проверьте написание, попробуйте меньше слов или другие слова либо сбросьте фильтры.",
	showAll: "Показать все {n}",
	showFewer: "Свернуть",
	nothingYet: "Искать пока нечего.",
	couldNotLoad: "Поиск не загрузился: {q}",
	availableOffline: "Доступно без сети",
	updatedOn: " · обновлено {q}",
	savingOffline: "Сохранение поиска для работы без сети",
	updatingOffline: "Обновление сохранённой копии",
	sizeOf: "{n} из {q}",
	saveFailed: "Не удалось сохранить поиск для работы без сети ({q}).",
};

const ukrainianSearchWords: SearchPageStrings = {
	articles: { one: "{n} стаття", few: "{n} статті", many: "{n} статей", other: "{n} статті" },
	forQuery: " за запитом «{q}»",
	withFilters: " з вибраними фільтрами",
	typeToSearch: "Введіть слово чи ім'я, щоб шукати в усіх статтях, або виберіть фільтр.",
	noMatch: "Немає відповідних статей",
	noMatchQuery: "Немає статей за запитом «{q}»",
	advice: ". Перевірте написання, спробуйте менше слів або інші слова.",
	adviceFilters: ". Перевірте написання, спробуйте менше слів або інші слова чи скиньте фільтри.",
	showAll: "Показати всі {n}",
	showFewer: "Згорнути",
	nothingYet: "Шукати поки нічого.",
	couldNotLoad: "Пошук не завантажився: {q}",
	availableOffline: "Доступно без мережі",
	updatedOn: " · оновлено {q}",
	savingOffline: "Збереження пошуку для роботи без мережі",
	updatingOffline: "Оновлення збереженої копії",
	sizeOf: "{n} з {q}",
	saveFailed: "Не вдалося зберегти пошук для роботи без мережі ({q}).",
};

/** The search page script's words in `lang` (by its primary subtag; English when it has none). */
export function searchPageWords(lang: string): SearchPageStrings {
	const base = lang.split("-")[0]?.toLowerCase();
	return base === "ru" ? russianSearchWords : base === "uk" ? ukrainianSearchWords : englishSearchWords;
}
